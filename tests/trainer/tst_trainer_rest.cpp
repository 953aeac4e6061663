// lab-train logging over REST (MLFLOW_TRACKING_URI=http://...) to the loopback MLflow server while
// the server misbehaves: 503s on log-batch, a batch stored in part before a 500. What the trainer
// logged must end up in the store exactly once: no point lost, none doubled.
#include "mlflowtestserver.h"
#include "testpaths.h"
#include "tracking/mlflowfilestore.h"

#include <QProcess>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>

using namespace lab;

namespace {

const QString ExperimentName = QStringLiteral("trainer-over-rest");

struct Outcome
{
    int exitCode = -1;
    QString out;
    QString err;
};

} // namespace

class TestTrainerRest : public QObject
{
    Q_OBJECT

    QString m_program;
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<labtest::MlflowTestServer> m_server;

    QString storeRoot() const { return m_dir->filePath(QStringLiteral("mlruns")); }

    QProcessEnvironment environment(const QStringList &extra = {}) const
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        for (const char *name :
             {"MLFLOW_RUN_ID", "MLFLOW_EXPERIMENT_ID", "MLFLOW_TRACKING_TOKEN", "MLFLOW_TRACKING_USERNAME",
              "MLFLOW_TRACKING_PASSWORD", "http_proxy", "HTTP_PROXY", "all_proxy", "ALL_PROXY"})
            env.remove(QString::fromLatin1(name));
        env.insert(QStringLiteral("MLFLOW_TRACKING_URI"), m_server->url());
        env.insert(QStringLiteral("MLFLOW_EXPERIMENT_NAME"), ExperimentName);
        // MLflow's retry rules, without the waits.
        env.insert(QStringLiteral("MLFLOW_HTTP_REQUEST_BACKOFF_FACTOR"), QStringLiteral("0"));
        env.insert(QStringLiteral("MLFLOW_HTTP_REQUEST_BACKOFF_JITTER"), QStringLiteral("0"));
        env.insert(QStringLiteral("NO_PROXY"), QStringLiteral("127.0.0.1,localhost"));
        // lab-train's own words on stderr, not the HTTP layer's request log.
        env.insert(QStringLiteral("QT_LOGGING_RULES"), QStringLiteral("labconsole.*.debug=false"));
        for (const QString &kv : extra)
            env.insert(kv.section(QLatin1Char('='), 0, 0), kv.section(QLatin1Char('='), 1));
        return env;
    }

    static Outcome collect(QProcess &p)
    {
        Outcome o;
        if (!p.waitForFinished(120000)) {
            p.kill();
            p.waitForFinished();
            o.err = QStringLiteral("lab-train did not finish");
        }
        o.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
        o.out += QString::fromUtf8(p.readAllStandardOutput());
        o.err += QString::fromUtf8(p.readAllStandardError());
        return o;
    }

    // Whether the trainer has sent metric points yet (so what is injected next hits training).
    bool metricsArrived() const
    {
        for (const auto &r : m_server->requests(QStringLiteral("runs/log-batch")))
            if (r.status == 200 && r.body.contains("\"train_loss\""))
                return true;
        return false;
    }

    // The run, read with the file store behind the server, as MLflow would read the folder.
    Run onlyRun() const
    {
        MlflowFileStore store(storeRoot());
        auto exp = store.getExperimentByName(ExperimentName);
        if (!exp.ok() || !exp->has_value())
            return {};
        RunSearch search;
        search.experimentIds = {exp->value().id};
        auto page = store.searchRuns(search);
        return page.ok() && page->runs.size() == 1 ? page->runs.first() : Run{};
    }

    static QList<MetricPoint> history(const QString &runId, const QString &root, const QString &key)
    {
        MlflowFileStore store(root);
        auto h = store.getMetricHistory(runId, key);
        return h.ok() ? h.value() : QList<MetricPoint>{};
    }

    // Steps first..first+count-1, each exactly once.
    static QString exactlyOnce(const QList<MetricPoint> &h, qint64 first, qint64 count)
    {
        // The trainer logs each step once, so a repeated step is a repeated point.
        QSet<qint64> steps;
        for (const MetricPoint &p : h) {
            if (steps.contains(p.step))
                return QStringLiteral("step %1 twice").arg(p.step);
            steps.insert(p.step);
        }
        if (h.size() != count)
            return QStringLiteral("%1 points, expected %2").arg(h.size()).arg(count);
        for (qint64 s = first; s < first + count; ++s)
            if (!steps.contains(s))
                return QStringLiteral("step %1 missing").arg(s);
        return {};
    }

    void checkHistories(const Run &run, int epochs)
    {
        QCOMPARE(run.info.status, RunStatus::Finished);
        const QList<MetricPoint> loss = history(run.info.runId, storeRoot(), QStringLiteral("train_loss"));
        QVERIFY(!loss.isEmpty());
        // One train_loss per batch, steps counted from 0 with no gap: the count is the last step + 1.
        qint64 lastStep = 0;
        for (const MetricPoint &p : loss)
            lastStep = std::max(lastStep, p.step);
        QVERIFY(lastStep + 1 >= epochs);
        const QString lossCheck = exactlyOnce(loss, 0, lastStep + 1);
        QVERIFY2(lossCheck.isEmpty(), qPrintable(QStringLiteral("train_loss: ") + lossCheck));
        for (const char *key : {"train_accuracy", "val_loss", "val_accuracy"}) {
            const QString check =
                exactlyOnce(history(run.info.runId, storeRoot(), QLatin1String(key)), 1, epochs);
            QVERIFY2(check.isEmpty(), qPrintable(QLatin1String(key) + QStringLiteral(": ") + check));
        }
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_program = labtest::builtProgram(QStringLiteral("lab-train"));
        QVERIFY2(!m_program.isEmpty(), "lab-train is not built");
    }

    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
        m_server = std::make_unique<labtest::MlflowTestServer>(storeRoot());
        QVERIFY2(m_server->start(), qPrintable(m_server->errorString()));
    }

    void cleanup()
    {
        m_server.reset();
        m_dir.reset();
    }

    void cleanRunOverRest()
    {
        QProcess p;
        p.setProcessEnvironment(environment());
        p.start(m_program, {QStringLiteral("--device=cpu"), QStringLiteral("--epochs=3")});
        const Outcome o = collect(p);
        QVERIFY2(o.exitCode == 0, qPrintable(o.err));
        QVERIFY2(o.out.contains(m_server->url()), qPrintable(o.out));
        const Run run = onlyRun();
        QVERIFY(!run.info.runId.isEmpty());
        checkHistories(run, 3);
        QVERIFY(!run.param(QStringLiteral("learning_rate")).isEmpty());
        QCOMPARE(run.tag(tags::SourceType), QStringLiteral("LOCAL"));
        // The model went through the artifact proxy.
        MlflowFileStore store(storeRoot());
        auto artifacts = store.listArtifacts(run.info.runId, QStringLiteral("model"));
        QVERIFY(artifacts.ok());
        QVERIFY(!artifacts->isEmpty());
    }

    void injected503sAndAHalfStoredBatchLeaveExactlyThePointsLogged()
    {
        const int epochs = 40;
        QProcess p;
        p.setProcessEnvironment(environment());
        p.start(m_program, {QStringLiteral("--device=cpu"), QStringLiteral("--epochs=%1").arg(epochs),
                            QStringLiteral("--samples=6000"), QStringLiteral("--hidden-sizes=64,64")});
        QVERIFY(p.waitForStarted());
        // Once training is sending metrics: a batch the server half stores before failing, then
        // three 503s in a row.
        QTRY_VERIFY_WITH_TIMEOUT(metricsArrived() || p.state() != QProcess::Running, 60000);
        QCOMPARE(p.state(), QProcess::Running);
        labtest::MlflowTestServer::Fault partial;
        partial.partialLogBatchThen500 = true;
        m_server->injectFault(QStringLiteral("runs/log-batch"), partial);
        labtest::MlflowTestServer::Fault busy;
        busy.status = 503;
        busy.times = 3;
        m_server->injectFault(QStringLiteral("runs/log-batch"), busy);

        const Outcome o = collect(p);
        QVERIFY2(o.exitCode == 0, qPrintable(o.err));
        QCOMPARE(m_server->pendingFaults(), 0);
        int failed = 0;
        for (const auto &r : m_server->requests(QStringLiteral("runs/log-batch")))
            failed += r.status >= 500 ? 1 : 0;
        QCOMPARE(failed, 4);
        checkHistories(onlyRun(), epochs);
    }

    void aServerThatStaysDownEndsTheTrainerClearly()
    {
        QProcess p;
        p.setProcessEnvironment(environment({QStringLiteral("MLFLOW_HTTP_REQUEST_MAX_RETRIES=2")}));
        p.start(m_program, {QStringLiteral("--device=cpu"), QStringLiteral("--epochs=40"),
                            QStringLiteral("--samples=6000"), QStringLiteral("--hidden-sizes=64,64")});
        QVERIFY(p.waitForStarted());
        QTRY_VERIFY_WITH_TIMEOUT(metricsArrived() || p.state() != QProcess::Running, 60000);
        QCOMPARE(p.state(), QProcess::Running);
        labtest::MlflowTestServer::Fault down;
        down.status = 503;
        down.times = 100000;
        m_server->injectFault(QStringLiteral("runs/log-batch"), down);

        const Outcome o = collect(p);
        QVERIFY2(o.exitCode != 0, qPrintable(o.out));
        QVERIFY2(o.err.contains(QStringLiteral("could not be sent to ") + m_server->url()),
                 qPrintable(o.err));
        QVERIFY2(o.err.contains(QStringLiteral("metric point")), qPrintable(o.err));
        // What did land is there once; the run records the failure.
        const Run run = onlyRun();
        QCOMPARE(run.info.status, RunStatus::Failed);
        const QList<MetricPoint> loss = history(run.info.runId, storeRoot(), QStringLiteral("train_loss"));
        QVERIFY(!loss.isEmpty());
        qint64 lastStep = 0;
        for (const MetricPoint &pt : loss)
            lastStep = std::max(lastStep, pt.step);
        const QString check = exactlyOnce(loss, 0, lastStep + 1);
        QVERIFY2(check.isEmpty(), qPrintable(check));
    }
};

QTEST_GUILESS_MAIN(TestTrainerRest)
#include "tst_trainer_rest.moc"
