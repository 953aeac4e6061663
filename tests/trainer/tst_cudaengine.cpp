// The CUDA engine against the CPU engine on the same data, initial weights and batch order, with
// the tolerance stated in trainer/engine.h. Skipped where lab-train has no CUDA path or no GPU.
#include "cpuengine.h"
#include "cudasupport.h"
#include "dataset.h"
#include "rng.h"

#include <QTest>

#include <cmath>
#include <numeric>

using namespace lab;

class TestCudaEngine : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void matchesTheCpuEngine_data();
    void matchesTheCpuEngine();
};

void TestCudaEngine::initTestCase()
{
    if (!cudaCompiledIn())
        QSKIP("built without CUDA (LABCONSOLE_WITH_CUDA=OFF or no CUDA Toolkit)");
    const CudaProbe probe = probeCuda();
    if (!probe.available)
        QSKIP(
            qPrintable(QStringLiteral("No CUDA-capable GPU found: ") + QString::fromStdString(probe.reason)));
}

void TestCudaEngine::matchesTheCpuEngine_data()
{
    QTest::addColumn<int>("kind");
    QTest::addColumn<float>("learningRate");
    QTest::newRow("sgd") << int(OptimizerSettings::Kind::Sgd) << 0.1f;
    QTest::newRow("adam") << int(OptimizerSettings::Kind::Adam) << 0.01f;
}

void TestCudaEngine::matchesTheCpuEngine()
{
    QFETCH(int, kind);
    QFETCH(float, learningRate);
    Dataset all = Dataset::spirals(2000, 3, 0.2, 1);
    Dataset train, val;
    all.split(0.2, 1, &train, &val);
    const Standardisation s = train.fitStandardisation();
    train.applyStandardisation(s);
    val.applyStandardisation(s);

    OptimizerSettings opt;
    opt.kind = OptimizerSettings::Kind(kind);
    opt.learningRate = learningRate;
    std::string error;
    std::unique_ptr<Engine> gpu = createCudaEngine(opt, &error);
    QVERIFY2(gpu, error.c_str());
    CpuEngine cpu(opt);
    const ModelParameters init = ModelParameters::initialise({2, 64, 64, 3}, 1);
    for (Engine *e : {static_cast<Engine *>(&cpu), gpu.get()}) {
        QVERIFY2(e->setData(train.view(), val.view()), e->lastError().c_str());
        QVERIFY2(e->setParameters(init), e->lastError().c_str());
    }

    Rng rng(1, 3);
    std::vector<int> order(train.rows());
    std::iota(order.begin(), order.end(), 0);
    bool first = true;
    for (int epoch = 0; epoch < 20; ++epoch) {
        for (int i = int(order.size()) - 1; i > 0; --i)
            std::swap(order[i], order[rng.below(std::uint64_t(i) + 1)]);
        for (int start = 0; start < int(order.size()); start += 64) {
            const int n = std::min(64, int(order.size()) - start);
            double lc = 0, lg = 0;
            QVERIFY(cpu.trainBatch(order.data() + start, n, &lc));
            QVERIFY2(gpu->trainBatch(order.data() + start, n, &lg), gpu->lastError().c_str());
            if (first) {
                QCOMPARE_LE(std::abs(lc - lg) / lc, 1e-5);
                first = false;
            }
        }
    }
    Evaluation ec, eg;
    QVERIFY(cpu.evaluate(DataSplit::Validation, &ec));
    QVERIFY(gpu->evaluate(DataSplit::Validation, &eg));
    qInfo("val_loss cpu %.6f cuda %.6f, val_accuracy cpu %.4f cuda %.4f", ec.loss, eg.loss, ec.accuracy,
          eg.accuracy);
    QCOMPARE_LE(std::abs(ec.accuracy - eg.accuracy), 0.01);
    QCOMPARE_LE(std::abs(ec.loss - eg.loss) / ec.loss, 1e-2);
}

QTEST_GUILESS_MAIN(TestCudaEngine)
#include "tst_cudaengine.moc"
