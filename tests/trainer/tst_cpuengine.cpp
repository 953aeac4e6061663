#include "cpuengine.h"
#include "modelparameters.h"
#include "rng.h"

#include <QTest>

#include <cmath>

using namespace lab;

class TestCpuEngine : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void gradientsMatchFiniteDifferences_data();
    void gradientsMatchFiniteDifferences();
    void lossOfUniformLogitsIsLogClasses();
    void trainingLowersTheLoss_data();
    void trainingLowersTheLoss();
    void sameSeedSameWeights();
};

namespace {

struct Batch
{
    std::vector<float> x;
    std::vector<int> y;
};

Batch randomBatch(int rows, int cols, int classes, std::uint64_t seed)
{
    Rng rng(seed, 7);
    Batch b;
    for (int i = 0; i < rows * cols; ++i)
        b.x.push_back(float(rng.normal()));
    for (int i = 0; i < rows; ++i)
        b.y.push_back(int(rng.below(classes)));
    return b;
}

} // namespace

void TestCpuEngine::gradientsMatchFiniteDifferences_data()
{
    QTest::addColumn<QList<int>>("sizes");
    QTest::newRow("no hidden layer") << QList<int>{3, 4};
    QTest::newRow("one hidden layer") << QList<int>{3, 5, 3};
    QTest::newRow("two hidden layers") << QList<int>{2, 4, 6, 3};
}

void TestCpuEngine::gradientsMatchFiniteDifferences()
{
    QFETCH(QList<int>, sizes);
    const std::vector<int> shape(sizes.begin(), sizes.end());
    const ModelParameters params = ModelParameters::initialise(shape, 42);
    const Batch batch = randomBatch(7, shape.front(), shape.back(), 3);

    ModelParameters grads;
    CpuEngine::lossAndGradients(params, batch.x.data(), batch.y.data(), 7, &grads);

    // Central differences in float: eps large enough to beat rounding, small enough that a ReLU
    // kink is rarely crossed; a kink crossing shows as one outlier, so allow a few.
    const float eps = 1e-2f;
    int checked = 0, bad = 0;
    for (int l = 0; l < params.layerCount(); ++l) {
        for (int which = 0; which < 2; ++which) {
            const std::size_t n = which == 0 ? params.weights[l].size() : params.biases[l].size();
            for (std::size_t i = 0; i < n; ++i) {
                ModelParameters plus = params, minus = params;
                float &p = which == 0 ? plus.weights[l][i] : plus.biases[l][i];
                float &m = which == 0 ? minus.weights[l][i] : minus.biases[l][i];
                p += eps;
                m -= eps;
                const double lp =
                    CpuEngine::lossAndGradients(plus, batch.x.data(), batch.y.data(), 7, nullptr);
                const double lm =
                    CpuEngine::lossAndGradients(minus, batch.x.data(), batch.y.data(), 7, nullptr);
                const double numeric = (lp - lm) / (2.0 * eps);
                const double analytic = which == 0 ? grads.weights[l][i] : grads.biases[l][i];
                const double tolerance = 2e-3 + 2e-2 * std::abs(numeric);
                ++checked;
                if (std::abs(numeric - analytic) > tolerance) {
                    ++bad;
                    qDebug("layer %d %s[%zu]: analytic %g numeric %g", l, which ? "bias" : "weight", i,
                           analytic, numeric);
                }
            }
        }
    }
    QVERIFY(checked > 10);
    QVERIFY2(bad <= checked / 50,
             qPrintable(QStringLiteral("%1 of %2 gradients differ").arg(bad).arg(checked)));
}

void TestCpuEngine::lossOfUniformLogitsIsLogClasses()
{
    ModelParameters params = ModelParameters::initialise({2, 4}, 1);
    for (float &w : params.weights[0])
        w = 0;
    const Batch batch = randomBatch(5, 2, 4, 9);
    int correct = -1;
    const double loss =
        CpuEngine::lossAndGradients(params, batch.x.data(), batch.y.data(), 5, nullptr, &correct);
    QCOMPARE_LE(std::abs(loss - std::log(4.0)), 1e-6);
    // All logits tie: arg-max takes class 0, as on the GPU.
    int zeros = 0;
    for (int y : batch.y)
        zeros += y == 0;
    QCOMPARE(correct, zeros);
}

void TestCpuEngine::trainingLowersTheLoss_data()
{
    QTest::addColumn<int>("kind");
    QTest::addColumn<float>("learningRate");
    QTest::newRow("sgd") << int(OptimizerSettings::Kind::Sgd) << 0.5f;
    QTest::newRow("adam") << int(OptimizerSettings::Kind::Adam) << 0.01f;
}

void TestCpuEngine::trainingLowersTheLoss()
{
    QFETCH(int, kind);
    QFETCH(float, learningRate);
    // A linearly separable problem: the class is the sign of the first feature.
    Batch data = randomBatch(200, 2, 2, 5);
    for (int r = 0; r < 200; ++r)
        data.y[r] = data.x[r * 2] > 0 ? 1 : 0;
    OptimizerSettings opt;
    opt.kind = OptimizerSettings::Kind(kind);
    opt.learningRate = learningRate;
    CpuEngine engine(opt);
    const DataView view{data.x.data(), data.y.data(), 200, 2};
    QVERIFY(engine.setData(view, view));
    QVERIFY(engine.setParameters(ModelParameters::initialise({2, 8, 2}, 1)));
    Evaluation before, after;
    QVERIFY(engine.evaluate(DataSplit::Validation, &before));
    std::vector<int> all(200);
    for (int i = 0; i < 200; ++i)
        all[i] = i;
    for (int epoch = 0; epoch < 50; ++epoch)
        for (int start = 0; start < 200; start += 20) {
            double loss = 0;
            QVERIFY(engine.trainBatch(all.data() + start, 20, &loss));
            QVERIFY(std::isfinite(loss));
        }
    QVERIFY(engine.evaluate(DataSplit::Validation, &after));
    QCOMPARE_LT(after.loss, before.loss * 0.5);
    QCOMPARE_GE(after.accuracy, 0.95);
}

void TestCpuEngine::sameSeedSameWeights()
{
    const ModelParameters a = ModelParameters::initialise({2, 16, 3}, 7);
    const ModelParameters b = ModelParameters::initialise({2, 16, 3}, 7);
    const ModelParameters c = ModelParameters::initialise({2, 16, 3}, 8);
    QVERIFY(a.weights == b.weights);
    QVERIFY(a.weights != c.weights);
    QCOMPARE(a.parameterCount(), std::size_t(2 * 16 + 16 + 16 * 3 + 3));
    // He initialisation: the first layer's spread is about sqrt(2 / fan_in) = 1.
    double sq = 0;
    for (float w : a.weights[0])
        sq += double(w) * w;
    QVERIFY(std::sqrt(sq / a.weights[0].size()) > 0.5 && std::sqrt(sq / a.weights[0].size()) < 1.5);
}

QTEST_GUILESS_MAIN(TestCpuEngine)
#include "tst_cpuengine.moc"
