// lab-train end to end: the built executable against a temporary MLflow file store, read back
// through the backend's TrackingStore as the console reads it.
#include "testpaths.h"
#include "tracking/trackingstore.h"
#include "tracking/trackingstorefactory.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>

using namespace lab;

namespace {

struct Outcome
{
    int exitCode = -1;
    QString out;
    QString err;
};

const QString ExperimentName = QStringLiteral("trainer-test");

} // namespace

class TestLabTrain : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void helpListsTheOptions();
    void spiralsOnCpuFinishesWithMetricsParamsAndModel();
    void sameSeedSameResult();
    void usesTheConsolesRun();
    void badCsvFails_data();
    void badCsvFails();
    void csvDatasetTrains();
    void divergenceFails();
    void cudaWithoutGpuFailsClearly();
    void invalidArgumentsFailTheConsolesRun();
    void unreachableServerFailsClearly();
    void sigtermMarksKilledAndMetricsArriveLive();

private:
    QProcessEnvironment environment(const QString &runId = {}) const;
    Outcome runTrainer(const QStringList &args, const QString &runId = {});
    std::unique_ptr<TrackingStore> openStore();
    QList<Run> runs(TrackingStore *store);
    Run onlyRun();
    QList<MetricPoint> history(const QString &runId, const QString &key);

    QString m_program;
    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_uri;
};

void TestLabTrain::initTestCase()
{
    m_program = labtest::builtProgram(QStringLiteral("lab-train"));
    QVERIFY2(!m_program.isEmpty(), "lab-train is not built");
}

void TestLabTrain::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_uri = QStringLiteral("file://") + m_dir->filePath(QStringLiteral("mlruns"));
}

QProcessEnvironment TestLabTrain::environment(const QString &runId) const
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("MLFLOW_TRACKING_URI"), m_uri);
    env.insert(QStringLiteral("MLFLOW_EXPERIMENT_NAME"), ExperimentName);
    env.remove(QStringLiteral("MLFLOW_EXPERIMENT_ID"));
    if (runId.isEmpty())
        env.remove(QStringLiteral("MLFLOW_RUN_ID"));
    else
        env.insert(QStringLiteral("MLFLOW_RUN_ID"), runId);
    return env;
}

Outcome TestLabTrain::runTrainer(const QStringList &args, const QString &runId)
{
    QProcess p;
    p.setProcessEnvironment(environment(runId));
    p.start(m_program, args);
    Outcome o;
    if (!p.waitForStarted() || !p.waitForFinished(60000)) {
        p.kill();
        p.waitForFinished();
        o.err = QStringLiteral("lab-train did not finish");
        return o;
    }
    o.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    o.out = QString::fromUtf8(p.readAllStandardOutput());
    o.err = QString::fromUtf8(p.readAllStandardError());
    return o;
}

std::unique_ptr<TrackingStore> TestLabTrain::openStore()
{
    auto store = openTrackingStore(m_uri);
    if (!store) {
        qWarning("cannot open %s: %s", qPrintable(m_uri), qPrintable(store.error().toString()));
        return nullptr;
    }
    return std::move(store.value());
}

QList<Run> TestLabTrain::runs(TrackingStore *store)
{
    auto exp = store->getExperimentByName(ExperimentName);
    if (!exp || !exp->has_value())
        return {};
    RunSearch search;
    search.experimentIds = QStringList{exp->value().id};
    auto page = store->searchRuns(search);
    return page ? page->runs : QList<Run>{};
}

Run TestLabTrain::onlyRun()
{
    auto store = openStore();
    if (!store)
        return {};
    const QList<Run> all = runs(store.get());
    if (all.size() != 1) {
        qWarning("expected one run, found %lld", qlonglong(all.size()));
        return {};
    }
    auto run = store->getRun(all.first().info.runId);
    return run ? run.value() : Run{};
}

QList<MetricPoint> TestLabTrain::history(const QString &runId, const QString &key)
{
    auto store = openStore();
    if (!store)
        return {};
    auto h = store->getMetricHistory(runId, key);
    return h ? h.value() : QList<MetricPoint>{};
}

void TestLabTrain::helpListsTheOptions()
{
    const Outcome o = runTrainer({QStringLiteral("--help")});
    QCOMPARE(o.exitCode, 0);
    for (const char *flag : {"--hidden-sizes", "--learning-rate", "--epochs", "--batch-size", "--optimizer",
                             "--seed", "--dataset", "--samples", "--noise", "--csv", "--target", "--device"})
        QVERIFY2(o.out.contains(QLatin1String(flag)), flag);
    QVERIFY(!QDir(m_dir->filePath(QStringLiteral("mlruns"))).exists()); // --help touches no store
}

void TestLabTrain::spiralsOnCpuFinishesWithMetricsParamsAndModel()
{
    // The defaults (2000 points, 20 epochs, adam) train in about a second.
    const Outcome o = runTrainer({QStringLiteral("--device=cpu"), QStringLiteral("--learning-rate=0.01")});
    QVERIFY2(o.exitCode == 0, qPrintable(o.out + o.err));
    QVERIFY(o.out.contains(QStringLiteral("Device: cpu")));
    QVERIFY(o.out.contains(QStringLiteral("epoch 20/20")));

    const Run run = onlyRun();
    QCOMPARE(runStatusName(run.info.status), QStringLiteral("FINISHED"));
    QVERIFY(run.info.endTime >= run.info.startTime && run.info.endTime > 0);

    // Params, snake_case, as given or defaulted.
    QCOMPARE(run.param(QStringLiteral("learning_rate")), QStringLiteral("0.01"));
    QCOMPARE(run.param(QStringLiteral("epochs")), QStringLiteral("20"));
    QCOMPARE(run.param(QStringLiteral("samples")), QStringLiteral("2000"));
    QCOMPARE(run.param(QStringLiteral("hidden_sizes")), QStringLiteral("64,64"));
    QCOMPARE(run.param(QStringLiteral("batch_size")), QStringLiteral("64"));
    QCOMPARE(run.param(QStringLiteral("optimizer")), QStringLiteral("adam"));
    QCOMPARE(run.param(QStringLiteral("seed")), QStringLiteral("1"));
    QCOMPARE(run.param(QStringLiteral("dataset")), QStringLiteral("spirals"));
    QCOMPARE(run.param(QStringLiteral("noise")), QStringLiteral("0.2"));
    QCOMPARE(run.param(QStringLiteral("device")), QStringLiteral("cpu"));

    // Tags of a run lab-train created itself.
    QVERIFY(!run.tag(QStringLiteral("mlflow.runName")).isEmpty());
    QCOMPARE(run.tag(QStringLiteral("mlflow.runName")), run.info.runName);
    QVERIFY(!run.tag(QStringLiteral("mlflow.user")).isEmpty());
    QVERIFY(run.tag(QStringLiteral("mlflow.source.name")).endsWith(QStringLiteral("lab-train")));

    // Metrics: train_loss per step (global batch index), the rest per epoch.
    const QList<MetricPoint> loss = history(run.info.runId, QStringLiteral("train_loss"));
    const int stepsPerEpoch = (1600 + 63) / 64;
    QCOMPARE(loss.size(), 20 * stepsPerEpoch);
    QCOMPARE(loss.first().step, 0);
    QCOMPARE(loss.last().step, 20 * stepsPerEpoch - 1);
    QVERIFY(loss.last().value < loss.first().value);
    for (const char *key : {"val_loss", "val_accuracy", "train_accuracy"}) {
        const QList<MetricPoint> h = history(run.info.runId, QLatin1String(key));
        QCOMPARE(h.size(), 20);
        QCOMPARE(h.first().step, 1);
        QCOMPARE(h.last().step, 20);
    }
    const QList<MetricPoint> acc = history(run.info.runId, QStringLiteral("val_accuracy"));
    QVERIFY2(acc.last().value > 0.8, qPrintable(QString::number(acc.last().value))); // chance is 1/3
    QVERIFY(acc.last().value > acc.first().value);

    // The model artifact and MLflow's log-model history.
    auto store = openStore();
    QVERIFY(store);
    auto mlmodel = store->readArtifact(run.info.runId, QStringLiteral("model/MLmodel"), 1 << 20);
    QVERIFY2(mlmodel.ok(), qPrintable(mlmodel.ok() ? QString() : mlmodel.error().toString()));
    const QString text = QString::fromUtf8(mlmodel.value());
    QVERIFY2(text.startsWith(QStringLiteral("artifact_path: model\n")), qPrintable(text));
    const QStringList needles{QStringLiteral("labconsole_mlp:"), QStringLiteral("run_id: ") + run.info.runId,
                              QStringLiteral("model_uuid: "), QStringLiteral("utc_time_created: '"),
                              QStringLiteral("data: data/weights.json")};
    for (const QString &needle : needles)
        QVERIFY2(text.contains(needle), qPrintable(needle));
    auto weights = store->readArtifact(run.info.runId, QStringLiteral("model/data/weights.json"), 16 << 20);
    QVERIFY(weights.ok());
    QVERIFY(weights->contains("\"layer_sizes\":[2,64,64,3]"));
    QVERIFY(weights->contains("\"standardisation\""));
    const QString historyTag = run.tag(QStringLiteral("mlflow.log-model.history"));
    QVERIFY(historyTag.startsWith(QLatin1Char('[')));
    QVERIFY(historyTag.contains(QStringLiteral("\"artifact_path\":\"model\"")));
    QVERIFY(historyTag.contains(run.info.runId));
}

void TestLabTrain::sameSeedSameResult()
{
    const QStringList args{QStringLiteral("--device=cpu"), QStringLiteral("--epochs=3"),
                           QStringLiteral("--samples=600")};
    QCOMPARE(runTrainer(args + QStringList{QStringLiteral("--seed=7")}).exitCode, 0);
    QCOMPARE(runTrainer(args + QStringList{QStringLiteral("--seed=7")}).exitCode, 0);
    QCOMPARE(runTrainer(args + QStringList{QStringLiteral("--seed=8")}).exitCode, 0);
    auto store = openStore();
    QVERIFY(store);
    QMap<QString, QList<double>> bySeed;
    for (const Run &r : runs(store.get())) {
        auto full = store->getRun(r.info.runId);
        QVERIFY(full.ok());
        auto h = store->getMetricHistory(r.info.runId, QStringLiteral("val_loss"));
        QVERIFY(h.ok() && h->size() == 3);
        bySeed[full->param(QStringLiteral("seed"))] << h->last().value;
    }
    QCOMPARE(bySeed.value(QStringLiteral("7")).size(), 2);
    QCOMPARE(bySeed.value(QStringLiteral("7"))[0], bySeed.value(QStringLiteral("7"))[1]); // exactly
    QVERIFY(bySeed.value(QStringLiteral("8")).first() != bySeed.value(QStringLiteral("7")).first());
}

void TestLabTrain::usesTheConsolesRun()
{
    auto store = openStore();
    QVERIFY(store);
    auto exp = store->createExperiment(ExperimentName);
    QVERIFY(exp.ok());
    auto created = store->createRun(exp.value(), QStringLiteral("from-console"), 1700000000000, {},
                                    QStringLiteral("ann"));
    QVERIFY(created.ok());
    const QString runId = created->info.runId;
    const Outcome o = runTrainer(
        {QStringLiteral("--device=cpu"), QStringLiteral("--epochs=2"), QStringLiteral("--samples=300")},
        runId);
    QVERIFY2(o.exitCode == 0, qPrintable(o.out + o.err));
    QVERIFY(o.out.contains(runId));
    const Run run = onlyRun(); // no second run created
    QCOMPARE(run.info.runId, runId);
    QCOMPARE(run.info.runName, QStringLiteral("from-console"));
    QCOMPARE(runStatusName(run.info.status), QStringLiteral("FINISHED"));
    QCOMPARE(history(runId, QStringLiteral("val_accuracy")).size(), 2);
}

void TestLabTrain::badCsvFails_data()
{
    QTest::addColumn<QByteArray>("content"); // empty: the file does not exist
    QTest::addColumn<QString>("target");
    QTest::addColumn<QString>("mentions");
    QTest::newRow("missing target column")
        << QByteArray("a,b,label\n1,2,x\n3,4,y\n") << QStringLiteral("species")
        << QStringLiteral("no target column \"species\"");
    QTest::newRow("non-numeric cell")
        << QByteArray("a,b,label\n1,2,x\n3,4,y\n5,abc,x\n") << QStringLiteral("label")
        << QStringLiteral("Row 3 (line 4), column \"b\": \"abc\" is not a number");
    QTest::newRow("missing file") << QByteArray() << QStringLiteral("label")
                                  << QStringLiteral("does not exist");
}

void TestLabTrain::badCsvFails()
{
    QFETCH(QByteArray, content);
    QFETCH(QString, target);
    QFETCH(QString, mentions);
    const QString path = m_dir->filePath(QStringLiteral("data.csv"));
    if (!content.isEmpty()) {
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(content);
    }
    const Outcome o = runTrainer({QStringLiteral("--csv=") + path, QStringLiteral("--target=") + target,
                                  QStringLiteral("--device=cpu")});
    QCOMPARE(o.exitCode, 1);
    QVERIFY2(o.err.contains(mentions), qPrintable(o.err));
    const Run run = onlyRun();
    QCOMPARE(runStatusName(run.info.status), QStringLiteral("FAILED"));
    QVERIFY(run.info.endTime > 0);
    QVERIFY2(run.tag(QStringLiteral("labconsole.job.message")).contains(mentions),
             qPrintable(run.tag(QStringLiteral("labconsole.job.message"))));
    QVERIFY(run.tag(QStringLiteral("mlflow.note.content")).contains(mentions));
}

void TestLabTrain::csvDatasetTrains()
{
    // Two well separated blobs with string labels, plus a useless constant column.
    QByteArray csv("height,weight,const,kind\n");
    for (int i = 0; i < 200; ++i) {
        const double jitter = std::sin(i * 12.9898) * 0.5;
        const bool big = i % 2;
        csv += QByteArray::number((big ? 3.0 : -3.0) + jitter) + ',' +
               QByteArray::number((big ? 40.0 : 10.0) + 3 * std::cos(i * 4.1414)) + ",1," +
               (big ? "large" : "small") + '\n';
    }
    const QString path = m_dir->filePath(QStringLiteral("blobs.csv"));
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(csv);
    f.close();
    const Outcome o = runTrainer({QStringLiteral("--csv=") + path, QStringLiteral("--target=kind"),
                                  QStringLiteral("--epochs=10"), QStringLiteral("--hidden-sizes=16"),
                                  QStringLiteral("--device=cpu")});
    QVERIFY2(o.exitCode == 0, qPrintable(o.out + o.err));
    const Run run = onlyRun();
    QCOMPARE(runStatusName(run.info.status), QStringLiteral("FINISHED"));
    QCOMPARE(run.param(QStringLiteral("dataset")), QStringLiteral("csv"));
    QCOMPARE(run.param(QStringLiteral("target")), QStringLiteral("kind"));
    QCOMPARE(run.param(QStringLiteral("samples")), QStringLiteral("200"));
    QCOMPARE(run.param(QStringLiteral("classes")), QStringLiteral("2"));
    const QList<MetricPoint> acc = history(run.info.runId, QStringLiteral("val_accuracy"));
    QCOMPARE(acc.size(), 10);
    QCOMPARE_GE(acc.last().value, 0.95);
    auto store = openStore();
    auto weights = store->readArtifact(run.info.runId, QStringLiteral("model/data/weights.json"), 16 << 20);
    QVERIFY(weights.ok());
    QVERIFY(weights->contains("\"class_names\":[\"large\",\"small\"]"));
    QVERIFY(weights->contains("\"feature_names\":[\"height\",\"weight\",\"const\"]"));
}

void TestLabTrain::divergenceFails()
{
    const Outcome o = runTrainer({QStringLiteral("--device=cpu"), QStringLiteral("--optimizer=sgd"),
                                  QStringLiteral("--learning-rate=1e30"), QStringLiteral("--epochs=5"),
                                  QStringLiteral("--samples=400")});
    QCOMPARE(o.exitCode, 1);
    QVERIFY2(o.err.contains(QStringLiteral("diverged")), qPrintable(o.out + o.err));
    const Run run = onlyRun();
    QCOMPARE(runStatusName(run.info.status), QStringLiteral("FAILED"));
    QVERIFY(run.tag(QStringLiteral("labconsole.job.message"))
                .contains(QStringLiteral("Try a smaller --learning-rate")));
}

void TestLabTrain::cudaWithoutGpuFailsClearly()
{
    if (QFile::exists(QStringLiteral("/dev/nvidia0")))
        QSKIP("an NVIDIA GPU is present: --device=cuda may legitimately train here");
    const Outcome o = runTrainer({QStringLiteral("--device=cuda"), QStringLiteral("--epochs=1")});
    QCOMPARE(o.exitCode, 2);
    QVERIFY2(o.err.contains(QStringLiteral("No CUDA-capable GPU found: ")), qPrintable(o.err));
    const Run run = onlyRun();
    QCOMPARE(runStatusName(run.info.status), QStringLiteral("FAILED"));
    QVERIFY(run.tag(QStringLiteral("labconsole.job.message"))
                .contains(QStringLiteral("No CUDA-capable GPU found")));

    // --device=auto falls back to the CPU.
    const Outcome fallback = runTrainer(
        {QStringLiteral("--device=auto"), QStringLiteral("--epochs=1"), QStringLiteral("--samples=200")});
    QCOMPARE(fallback.exitCode, 0);
    QVERIFY(fallback.out.contains(QStringLiteral("Device: cpu")));
}

void TestLabTrain::invalidArgumentsFailTheConsolesRun()
{
    auto store = openStore();
    QVERIFY(store);
    auto exp = store->createExperiment(ExperimentName);
    QVERIFY(exp.ok());
    auto created = store->createRun(exp.value(), QStringLiteral("typo"), 1700000000000, {}, {});
    QVERIFY(created.ok());
    const Outcome o = runTrainer({QStringLiteral("--learning-rate=fast")}, created->info.runId);
    QCOMPARE(o.exitCode, 2);
    QVERIFY(o.err.contains(QStringLiteral("--learning-rate")));
    const Run run = onlyRun();
    QCOMPARE(runStatusName(run.info.status), QStringLiteral("FAILED"));
    QVERIFY(run.tag(QStringLiteral("labconsole.job.message")).contains(QStringLiteral("--learning-rate")));

    // Without MLFLOW_RUN_ID a typo leaves no run behind.
    m_uri = QStringLiteral("file://") + m_dir->filePath(QStringLiteral("other"));
    QCOMPARE(runTrainer({QStringLiteral("--epochs=none")}).exitCode, 2);
    QVERIFY(!QDir(m_dir->filePath(QStringLiteral("other"))).exists());
}

void TestLabTrain::unreachableServerFailsClearly()
{
    // A port nothing listens on: the trainer logs over REST, so it must say it cannot reach it.
    QTcpServer probe;
    QVERIFY(probe.listen(QHostAddress::LocalHost));
    const quint16 port = probe.serverPort();
    probe.close();
    m_uri = QStringLiteral("http://127.0.0.1:%1").arg(port);
    qputenv("MLFLOW_HTTP_REQUEST_MAX_RETRIES", "0");
    const Outcome o = runTrainer({QStringLiteral("--epochs=1")});
    qunsetenv("MLFLOW_HTTP_REQUEST_MAX_RETRIES");
    QVERIFY2(o.exitCode != 0, qPrintable(o.out));
    QVERIFY2(o.err.contains(QStringLiteral("cannot open the tracking store")), qPrintable(o.err));
    QVERIFY2(o.err.contains(QStringLiteral("127.0.0.1:%1").arg(port)), qPrintable(o.err));
}

void TestLabTrain::sigtermMarksKilledAndMetricsArriveLive()
{
    QProcess p;
    p.setProcessEnvironment(environment());
    p.start(m_program, {QStringLiteral("--device=cpu"), QStringLiteral("--epochs=100000"),
                        QStringLiteral("--samples=4000"), QStringLiteral("--hidden-sizes=128,128")});
    QVERIFY(p.waitForStarted());
    // QTRY re-evaluates its expression, so the output is accumulated rather than consumed.
    QByteArray out;
    QTRY_VERIFY_WITH_TIMEOUT(
        (out += p.readAllStandardOutput()).contains("Device: cpu") || p.state() != QProcess::Running, 20000);
    QCOMPARE(p.state(), QProcess::Running);

    // Points show up in the store while the process runs (flushed about every 0.5 s).
    QString runId;
    QTRY_VERIFY_WITH_TIMEOUT(
        [&] {
            auto store = openStore();
            const QList<Run> all = store ? runs(store.get()) : QList<Run>{};
            if (all.size() != 1)
                return false;
            runId = all.first().info.runId;
            return history(runId, QStringLiteral("train_loss")).size() > 0;
        }(),
        10000);
    QCOMPARE(p.state(), QProcess::Running);

    p.terminate(); // SIGTERM
    QVERIFY(p.waitForFinished(20000));
    QCOMPARE(p.exitStatus(), QProcess::NormalExit);
    QCOMPARE(p.exitCode(), 143);
    const Run run = onlyRun();
    QCOMPARE(run.info.runId, runId);
    QCOMPARE(runStatusName(run.info.status), QStringLiteral("KILLED"));
    QVERIFY(run.info.endTime > 0);
    QVERIFY(run.tag(QStringLiteral("labconsole.job.message")).contains(QStringLiteral("SIGTERM")));
}

QTEST_GUILESS_MAIN(TestLabTrain)
#include "tst_labtrain.moc"
