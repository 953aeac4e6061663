#include "series/metricseries.h"
#include "tracking/trackingservice.h"
#include "tracking/trackingstore.h"
#include "tracking/trackingstorefactory.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>

#include <QDeadlineTimer>
#include <QElapsedTimer>
#include <QMutex>
#include <QSaveFile>
#include <QSet>
#include <QSignalSpy>
#include <QTest>
#include <QThread>
#include <QWaitCondition>

#include <atomic>

using namespace lab;

namespace {

// An in-memory store with the file store's incremental contract (cursor = points already read).
// The test thread changes it while the service's worker reads it, hence the mutex. It records
// which thread called it and how often each run was read, so the test can see the polling.
class FakeStore : public TrackingStore
{
public:
    struct Shared
    {
        QMutex mutex;
        QList<Experiment> experiments;
        QMap<QString, Run> runs;
        QMap<QPair<QString, QString>, QList<MetricPoint>> metrics;
        QMap<QString, int> getRunCalls;
        QMap<QString, int> readCalls;
        std::atomic<QThread *> lastThread{nullptr};
        // A server's behaviour, off by default (then the store is a local one):
        // getSampledHistories answers at most `sampleLimit` points per run (complete when the
        // history is not longer), with a cursor unless `noCursorOnComplete`.
        int sampleLimit = -1;
        bool noCursorOnComplete = false;
        QList<QStringList> sampleCalls; // the runs of each getSampledHistories call
        QStringList log;                // "sample r1,r2", "status r1", "read r1 from 0"
        std::atomic<bool> offline{false};
        // Reads block until interrupt() (as a request retrying against a dead server would).
        std::atomic<bool> blockReads{false};
        std::atomic<bool> blocked{false};
        std::atomic<bool> interrupted{false};
        QWaitCondition wake;
        QString uri = QStringLiteral("fake://store");
    };

    explicit FakeStore(std::shared_ptr<Shared> shared) : m(std::move(shared)) {}

    QString uri() const override { return m->uri; }

    Result<QList<Experiment>> listExperiments(ViewType) override
    {
        QMutexLocker lock(&m->mutex);
        m->lastThread = QThread::currentThread();
        return m->experiments;
    }
    Result<Experiment> getExperiment(const QString &id) override
    {
        QMutexLocker lock(&m->mutex);
        for (const Experiment &e : m->experiments)
            if (e.id == id)
                return e;
        return makeError(QStringLiteral("No experiment %1").arg(id),
                         QStringLiteral("RESOURCE_DOES_NOT_EXIST"));
    }
    Result<std::optional<Experiment>> getExperimentByName(const QString &) override
    {
        return std::optional<Experiment>();
    }
    Result<QString> createExperiment(const QString &, const QString &) override { return unsupported(); }

    Result<RunPage> searchRuns(const RunSearch &search) override
    {
        QMutexLocker lock(&m->mutex);
        m->lastThread = QThread::currentThread();
        if (search.filter == QLatin1String("bad filter"))
            return makeError(QStringLiteral("Invalid clause 'bad filter'"),
                             QStringLiteral("INVALID_PARAMETER_VALUE"));
        RunPage page;
        for (const Run &r : std::as_const(m->runs))
            if (search.experimentIds.isEmpty() || search.experimentIds.contains(r.info.experimentId))
                page.runs.append(r);
        return page;
    }
    Result<Run> getRun(const QString &runId) override
    {
        QMutexLocker lock(&m->mutex);
        m->getRunCalls[runId]++;
        m->log << QStringLiteral("status ") + runId;
        if (!m->runs.contains(runId))
            return makeError(QStringLiteral("Run '%1' not found").arg(runId),
                             QStringLiteral("RESOURCE_DOES_NOT_EXIST"));
        return m->runs.value(runId);
    }
    Result<Run> createRun(const QString &, const QString &, qint64, const QList<Tag> &,
                          const QString &) override
    {
        return unsupported();
    }
    Status updateRun(const QString &, RunStatus, qint64, const QString &) override { return unsupported(); }
    Status setTag(const QString &runId, const QString &key, const QString &value) override
    {
        QMutexLocker lock(&m->mutex);
        m->lastThread = QThread::currentThread();
        m->runs[runId].tags.append({key, value});
        return {};
    }
    Status deleteTag(const QString &, const QString &) override { return unsupported(); }
    Status logBatch(const QString &, const QList<MetricPoint> &, const QList<Param> &,
                    const QList<Tag> &) override
    {
        return unsupported();
    }
    Status deleteRun(const QString &) override { return unsupported(); }
    Status restoreRun(const QString &) override { return unsupported(); }
    Result<QList<MetricPoint>> getMetricHistory(const QString &runId, const QString &key) override
    {
        QMutexLocker lock(&m->mutex);
        return m->metrics.value({runId, key});
    }
    Status readMetricIncrement(const QString &runId, const QString &key, MetricCursor *cursor,
                               MetricSeries *series) override
    {
        QMutexLocker lock(&m->mutex);
        m->readCalls[runId]++;
        m->log << QStringLiteral("read %1 from %2").arg(runId).arg(cursor->position);
        if (m->blockReads) {
            m->blocked = true;
            // Long enough to fail the test if the service did not interrupt it.
            QDeadlineTimer deadline(30000);
            while (!m->interrupted && !deadline.hasExpired())
                m->wake.wait(&m->mutex, deadline);
            return makeError(QStringLiteral("interrupted"), QStringLiteral("CANCELLED"));
        }
        const auto it = m->metrics.constFind({runId, key});
        if (it == m->metrics.constEnd())
            return makeError(QStringLiteral("No metric '%1' in run %2").arg(key, runId),
                             QStringLiteral("RESOURCE_DOES_NOT_EXIST"));
        for (qint64 i = cursor->position; i < it->size(); ++i)
            series->append(it->at(i).step, it->at(i).timestamp, it->at(i).value);
        cursor->position = it->size();
        return {};
    }
    Result<QStringList> metricKeys(const QString &) override { return QStringList(); }
    Result<QList<SampledHistory>> getSampledHistories(const QStringList &runIds, const QString &key,
                                                      int maxPointsPerRun, qint64 startStep,
                                                      qint64 endStep) override
    {
        {
            QMutexLocker lock(&m->mutex);
            m->sampleCalls << runIds;
            m->log << QStringLiteral("sample ") + runIds.join(QLatin1Char(','));
            if (m->sampleLimit < 0) {
                lock.unlock();
                return TrackingStore::getSampledHistories(runIds, key, maxPointsPerRun, startStep, endStep);
            }
        }
        QMutexLocker lock(&m->mutex);
        QList<SampledHistory> out;
        for (const QString &runId : runIds) {
            const QList<MetricPoint> all = m->metrics.value({runId, key});
            const int limit = std::min(m->sampleLimit, maxPointsPerRun);
            SampledHistory h{runId, key, std::make_shared<MetricSeries>(), all.size() <= limit, {}};
            // Evenly spaced, always the first and the last point, as MLflow samples.
            for (int i = 0; i < limit && i < all.size(); ++i) {
                const qsizetype j = all.size() <= limit ? i : qsizetype(i) * (all.size() - 1) / (limit - 1);
                h.series->append(all[j].step, all[j].timestamp, all[j].value);
            }
            if (h.complete && !m->noCursorOnComplete)
                h.cursor = MetricCursor{all.size()};
            out << h;
        }
        return out;
    }
    bool isOffline() const override { return m->offline; }
    QString offlineReason() const override
    {
        return m->offline ? QStringLiteral("mlflow.lab cannot be reached") : QString();
    }
    void interrupt() override
    {
        QMutexLocker lock(&m->mutex);
        m->interrupted = true;
        m->wake.wakeAll();
    }
    Result<QList<ArtifactInfo>> listArtifacts(const QString &runId, const QString &) override
    {
        return QList<ArtifactInfo>{{QStringLiteral("model"), true, 0},
                                   {QStringLiteral("logs.txt"), false, 12}};
    }
    QString localArtifactPath(const QString &, const QString &) override { return {}; }
    Result<QByteArray> readArtifact(const QString &, const QString &path, qint64 maxBytes) override
    {
        if (path != QLatin1String("logs.txt"))
            return makeError(QStringLiteral("No artifact %1").arg(path),
                             QStringLiteral("RESOURCE_DOES_NOT_EXIST"));
        return QByteArray("hello world\n").left(maxBytes);
    }
    Status writeArtifact(const QString &, const QString &, const QByteArray &) override
    {
        return unsupported();
    }
    Result<QList<RegisteredModel>> listRegisteredModels() override
    {
        RegisteredModel m;
        m.name = QStringLiteral("spirals");
        return QList<RegisteredModel>{m};
    }
    Result<QList<ModelVersion>> listModelVersions(const QString &name) override
    {
        ModelVersion v;
        v.name = name;
        v.version = QStringLiteral("1");
        return QList<ModelVersion>{v};
    }

private:
    static Error unsupported()
    {
        return makeError(QStringLiteral("not supported by the fake"), QStringLiteral("UNSUPPORTED"));
    }
    std::shared_ptr<Shared> m;
};

Run makeRun(const QString &id, const QString &experimentId, RunStatus status)
{
    Run r;
    r.info.runId = id;
    r.info.experimentId = experimentId;
    r.info.runName = QStringLiteral("run ") + id;
    r.info.status = status;
    return r;
}

QList<double> valuesOf(const MetricIncrement &inc)
{
    QList<double> out;
    for (double v : inc.points->values())
        out.append(v);
    return out;
}

} // namespace

class TestTrackingService : public QObject
{
    Q_OBJECT

private:
    std::shared_ptr<FakeStore::Shared> m_data;
    std::unique_ptr<TrackingService> m_service;

    void appendPoint(const QString &run, const QString &key, qint64 step, double value)
    {
        QMutexLocker lock(&m_data->mutex);
        m_data->metrics[{run, key}].append({key, value, 1700000000000 + step, step});
    }
    void setStatus(const QString &run, RunStatus status)
    {
        QMutexLocker lock(&m_data->mutex);
        m_data->runs[run].info.status = status;
    }
    int readCalls(const QString &run)
    {
        QMutexLocker lock(&m_data->mutex);
        return m_data->readCalls.value(run);
    }
    int storeCalls(const QString &run)
    {
        QMutexLocker lock(&m_data->mutex);
        return m_data->readCalls.value(run) + m_data->getRunCalls.value(run);
    }
    QStringList storeLog()
    {
        QMutexLocker lock(&m_data->mutex);
        return m_data->log;
    }
    // The service over the fake store acting as a server that samples at most `limit` points.
    void serveSampled(int limit, bool cursorOnComplete = true)
    {
        m_service.reset();
        m_data->sampleLimit = limit;
        m_data->noCursorOnComplete = !cursorOnComplete;
        m_service = std::make_unique<TrackingService>(std::make_unique<FakeStore>(m_data));
    }
    static MetricIncrement incrementAt(const QSignalSpy &spy, int i)
    {
        return spy.at(i).at(0).value<MetricIncrement>();
    }

private Q_SLOTS:
    void init()
    {
        m_data = std::make_shared<FakeStore::Shared>();
        Experiment e;
        e.id = QStringLiteral("1");
        e.name = QStringLiteral("spirals");
        m_data->experiments = {e};
        m_data->runs.insert(QStringLiteral("r1"),
                            makeRun(QStringLiteral("r1"), QStringLiteral("1"), RunStatus::Running));
        m_data->runs.insert(QStringLiteral("r2"),
                            makeRun(QStringLiteral("r2"), QStringLiteral("1"), RunStatus::Finished));
        m_service = std::make_unique<TrackingService>(std::make_unique<FakeStore>(m_data));
    }
    void cleanup() { m_service.reset(); }

    void resultsArriveBySignal()
    {
        QCOMPARE(m_service->uri(), QStringLiteral("fake://store"));
        QSignalSpy experiments(m_service.get(), &TrackingService::experimentsListed);
        QSignalSpy runs(m_service.get(), &TrackingService::runsFound);
        QSignalSpy run(m_service.get(), &TrackingService::runFetched);
        const quint64 a = m_service->listExperiments();
        RunSearch search;
        search.experimentIds = {QStringLiteral("1")};
        const quint64 b = m_service->searchRuns(search);
        const quint64 c = m_service->getRun(QStringLiteral("r2"));
        QVERIFY(a != b && b != c);
        // Nothing is delivered synchronously: the caller's thread never waits on the store.
        QCOMPARE(experiments.count(), 0);

        QTRY_COMPARE(experiments.count(), 1);
        QCOMPARE(experiments.at(0).at(0).value<quint64>(), a);
        const auto list = experiments.at(0).at(1).value<QList<Experiment>>();
        QCOMPARE(list.size(), 1);
        QCOMPARE(list.first().name, QStringLiteral("spirals"));
        QVERIFY(m_data->lastThread.load() != QThread::currentThread());

        QTRY_COMPARE(runs.count(), 1);
        QCOMPARE(runs.at(0).at(0).value<quint64>(), b);
        QCOMPARE(runs.at(0).at(1).value<RunPage>().runs.size(), 2);

        QTRY_COMPARE(run.count(), 1);
        QCOMPARE(run.at(0).at(0).value<quint64>(), c);
        QCOMPARE(run.at(0).at(1).value<Run>().info.status, RunStatus::Finished);
    }

    void artifactsAndRegistry()
    {
        QSignalSpy listed(m_service.get(), &TrackingService::artifactsListed);
        QSignalSpy read(m_service.get(), &TrackingService::artifactRead);
        QSignalSpy models(m_service.get(), &TrackingService::registeredModelsListed);
        m_service->listArtifacts(QStringLiteral("r2"));
        m_service->readArtifact(QStringLiteral("r2"), QStringLiteral("logs.txt"), 5);
        m_service->listRegisteredModels();
        QTRY_COMPARE(listed.count(), 1);
        QCOMPARE(listed.at(0).at(1).toString(), QStringLiteral("r2"));
        QCOMPARE(listed.at(0).at(2).value<QList<ArtifactInfo>>().size(), 2);
        QTRY_COMPARE(read.count(), 1);
        QCOMPARE(read.at(0).at(2).toString(), QStringLiteral("logs.txt"));
        QCOMPARE(read.at(0).at(3).toByteArray(), QByteArray("hello"));
        QTRY_COMPARE(models.count(), 1);
        QCOMPARE(models.at(0).at(1).value<QList<RegisteredModel>>().first().name, QStringLiteral("spirals"));
        QCOMPARE(models.at(0).at(2).value<QList<ModelVersion>>().first().version, QStringLiteral("1"));
    }

    void errorsArriveAsRequestFailed()
    {
        QSignalSpy failed(m_service.get(), &TrackingService::requestFailed);
        QSignalSpy run(m_service.get(), &TrackingService::runFetched);
        const quint64 a = m_service->getRun(QStringLiteral("nope"));
        RunSearch bad;
        bad.filter = QStringLiteral("bad filter");
        const quint64 b = m_service->searchRuns(bad);
        m_service->readArtifact(QStringLiteral("r2"), QStringLiteral("missing"), 100);
        QTRY_COMPARE(failed.count(), 3);
        QCOMPARE(run.count(), 0);
        QCOMPARE(failed.at(0).at(0).value<quint64>(), a);
        const Error e = failed.at(0).at(1).value<Error>();
        QCOMPARE(e.code, QStringLiteral("RESOURCE_DOES_NOT_EXIST"));
        QVERIFY(e.message.contains(QStringLiteral("nope")));
        QCOMPARE(failed.at(1).at(0).value<quint64>(), b);
        QVERIFY(failed.at(1).at(1).value<Error>().message.contains(QStringLiteral("bad filter")));
    }

    void postRunsOnTheWorkerAndCallsBack()
    {
        auto seenOn = std::make_shared<QThread *>(nullptr);
        bool done = false;
        QObject context;
        m_service->post(
            [seenOn](TrackingStore &s) {
                *seenOn = QThread::currentThread();
                (void)s.setTag(QStringLiteral("r1"), QStringLiteral("note"), QStringLiteral("hi"));
            },
            &context,
            [&done, &context] {
                QCOMPARE(QThread::currentThread(), context.thread());
                done = true;
            });
        QTRY_VERIFY(done);
        QVERIFY(*seenOn && *seenOn != QThread::currentThread());
        QMutexLocker lock(&m_data->mutex);
        QCOMPARE(m_data->runs[QStringLiteral("r1")].tag(QStringLiteral("note")), QStringLiteral("hi"));
    }

    void watchDeliversHistoryThenOnlyNewPoints()
    {
        const QString run = QStringLiteral("r1");
        const QString key = QStringLiteral("loss");
        appendPoint(run, key, 0, 1.0);
        appendPoint(run, key, 1, 0.5);
        QSignalSpy appended(m_service.get(), &TrackingService::metricsAppended);
        m_service->setPollInterval(100);
        m_service->watch(run, key);

        QTRY_COMPARE(appended.count(), 1);
        MetricIncrement first = appended.at(0).at(0).value<MetricIncrement>();
        QCOMPARE(first.runId, run);
        QCOMPARE(first.key, key);
        QVERIFY(first.reset);
        QCOMPARE(valuesOf(first), (QList<double>{1.0, 0.5}));
        QCOMPARE(first.points->steps()[1], 1);

        // Points logged later arrive within about a second, and only those.
        appendPoint(run, key, 2, 0.25);
        appendPoint(run, key, 3, 0.125);
        QTRY_VERIFY_WITH_TIMEOUT(appended.count() >= 2, 1500);
        QList<double> later;
        for (int i = 1; i < appended.count(); ++i) {
            const MetricIncrement inc = appended.at(i).at(0).value<MetricIncrement>();
            QVERIFY(!inc.reset);
            later += valuesOf(inc);
        }
        QCOMPARE(later, (QList<double>{0.25, 0.125}));
    }

    void finishedRunGetsALastReadAndStops()
    {
        const QString run = QStringLiteral("r1");
        const QString key = QStringLiteral("acc");
        appendPoint(run, key, 0, 0.5);
        QSignalSpy appended(m_service.get(), &TrackingService::metricsAppended);
        m_service->setPollInterval(50);
        m_service->watch(run, key);
        QTRY_COMPARE(appended.count(), 1);

        // The last point and the end of the run land together: the last read still gets it.
        appendPoint(run, key, 1, 0.9);
        setStatus(run, RunStatus::Finished);
        QTRY_COMPARE(appended.count(), 2);
        QCOMPARE(valuesOf(appended.at(1).at(0).value<MetricIncrement>()), QList<double>{0.9});

        const int readsAfterEnd = readCalls(run);
        appendPoint(run, key, 2, 0.95); // written after the end: nobody polls for it
        QTest::qWait(400);              // eight poll intervals
        QCOMPARE(readCalls(run), readsAfterEnd);
        QCOMPARE(appended.count(), 2);
    }

    void watchOnFinishedRunReadsOnce()
    {
        const QString run = QStringLiteral("r2");
        appendPoint(run, QStringLiteral("loss"), 0, 3.0);
        QSignalSpy appended(m_service.get(), &TrackingService::metricsAppended);
        m_service->setPollInterval(50);
        m_service->watch(run, QStringLiteral("loss"));
        QTRY_COMPARE(appended.count(), 1);
        QCOMPARE(valuesOf(appended.at(0).at(0).value<MetricIncrement>()), QList<double>{3.0});
        const int reads = readCalls(run);
        QTest::qWait(300);
        QCOMPARE(readCalls(run), reads);
    }

    void quietRunIsPolledLessOften()
    {
        const QString run = QStringLiteral("r1");
        appendPoint(run, QStringLiteral("loss"), 0, 1.0);
        m_service->setPollInterval(20);
        m_service->watch(run, QStringLiteral("loss"));
        // Nothing changes: intervals double from 20 ms (20, 40, 80, 160, 320, 640 ...), so 1.2 s
        // holds about 7 polls, not the 60 a fixed interval would make.
        QTest::qWait(1200);
        const int reads = readCalls(run);
        qInfo("polls in 1.2 s without new points: %d", reads);
        QVERIFY(reads >= 1);
        QVERIFY2(reads <= 12, qPrintable(QString::number(reads)));

        // New data brings the interval back down: it shows up well within the backed-off wait.
        QSignalSpy appended(m_service.get(), &TrackingService::metricsAppended);
        appendPoint(run, QStringLiteral("loss"), 1, 0.5);
        QTRY_COMPARE_WITH_TIMEOUT(appended.count(), 1, 5500);
    }

    void missingMetricOnFinishedRunIsReported()
    {
        QSignalSpy failed(m_service.get(), &TrackingService::requestFailed);
        m_service->watch(QStringLiteral("r2"), QStringLiteral("nothing"));
        QTRY_COMPARE(failed.count(), 1);
        QCOMPARE(failed.at(0).at(0).value<quint64>(), quint64(0));
        QVERIFY(failed.at(0).at(1).value<Error>().message.contains(QStringLiteral("nothing")));
    }

    void unwatchStopsPolling()
    {
        const QString run = QStringLiteral("r1");
        appendPoint(run, QStringLiteral("loss"), 0, 1.0);
        QSignalSpy appended(m_service.get(), &TrackingService::metricsAppended);
        m_service->setPollInterval(30);
        m_service->watch(run, QStringLiteral("loss"));
        QTRY_COMPARE(appended.count(), 1);
        m_service->unwatch(run, QStringLiteral("loss"));
        QTest::qWait(100);
        const int reads = readCalls(run);
        appendPoint(run, QStringLiteral("loss"), 1, 0.5);
        QTest::qWait(300);
        QCOMPARE(readCalls(run), reads);
        QCOMPARE(appended.count(), 1);
    }

    // The same live path on the real MLflow file store: a trainer appends lines to
    // metrics/<key>, the chart gets exactly the new points, and the end of the run stops the polls.
    void fileStoreLiveMetrics()
    {
        QTemporaryDir tmp;
        QVERIFY(tmp.isValid());
        const QString root = tmp.filePath(QStringLiteral("mlruns"));
        Result<std::unique_ptr<TrackingStore>> opened = openTrackingStore(QStringLiteral("file://") + root);
        QVERIFY2(opened.ok(), opened.ok() ? "" : qPrintable(opened.error().message));
        // A second handle plays the trainer, writing while the service reads.
        Result<std::unique_ptr<TrackingStore>> writerOpened = openTrackingStore(root);
        QVERIFY(writerOpened.ok());
        TrackingStore &writer = **writerOpened;
        Result<QString> exp = writer.createExperiment(QStringLiteral("live"));
        QVERIFY2(exp.ok(), exp.ok() ? "" : qPrintable(exp.error().message));
        Result<Run> run = writer.createRun(*exp, QStringLiteral("trainer"), 1700000000000, {});
        QVERIFY2(run.ok(), run.ok() ? "" : qPrintable(run.error().message));
        const QString runId = run->info.runId;
        auto log = [&](qint64 step, double value) {
            const Status st =
                writer.logBatch(runId, {{QStringLiteral("loss"), value, 1700000000000 + step, step}}, {}, {});
            QVERIFY2(st.ok(), st.ok() ? "" : qPrintable(st.error().message));
        };
        log(0, 2.0);
        log(1, 1.5);

        m_service = std::make_unique<TrackingService>(std::move(*opened));
        QVERIFY(m_service->uri().contains(QStringLiteral("mlruns")));
        QSignalSpy experiments(m_service.get(), &TrackingService::experimentsListed);
        m_service->listExperiments();
        QTRY_COMPARE(experiments.count(), 1);
        bool found = false;
        for (const Experiment &e : experiments.at(0).at(1).value<QList<Experiment>>())
            found = found || e.name == QLatin1String("live");
        QVERIFY(found);

        QSignalSpy appended(m_service.get(), &TrackingService::metricsAppended);
        m_service->setPollInterval(100);
        m_service->watch(runId, QStringLiteral("loss"));
        QTRY_COMPARE(appended.count(), 1);
        MetricIncrement first = appended.at(0).at(0).value<MetricIncrement>();
        QVERIFY(first.reset);
        QCOMPARE(valuesOf(first), (QList<double>{2.0, 1.5}));

        log(2, 1.25);
        QTRY_VERIFY_WITH_TIMEOUT(appended.count() >= 2, 1500);
        QList<double> later;
        for (int i = 1; i < appended.count(); ++i)
            later += valuesOf(appended.at(i).at(0).value<MetricIncrement>());
        QCOMPARE(later, QList<double>{1.25});

        // The last point and the end of the run, then silence.
        log(3, 1.0);
        QVERIFY(writer.updateRun(runId, RunStatus::Finished, 1700000009000).ok());
        QTRY_VERIFY_WITH_TIMEOUT(valuesOf(appended.last().at(0).value<MetricIncrement>()).contains(1.0),
                                 6000);
        // The poll that brought 1.0 may have seen the run still RUNNING: the last read after the
        // end comes within one poll interval (at most 1 s on a local store). Let it happen first.
        QTest::qWait(2500);
        const int count = appended.count();
        log(4, 0.5);
        QTest::qWait(500);
        QCOMPARE(appended.count(), count);
        m_service.reset();
    }

    void fileStoreRewrittenMetricResets()
    {
        QTemporaryDir tmp;
        const QString root = tmp.filePath(QStringLiteral("mlruns"));
        Result<std::unique_ptr<TrackingStore>> writerOpened = openTrackingStore(root);
        QVERIFY(writerOpened.ok());
        TrackingStore &writer = **writerOpened;
        Result<QString> exp = writer.createExperiment(QStringLiteral("rewrite"));
        QVERIFY(exp.ok());
        Result<Run> run = writer.createRun(*exp, QStringLiteral("r"), 1700000000000, {});
        QVERIFY(run.ok());
        const QString runId = run->info.runId;
        QVERIFY(writer
                    .logBatch(runId,
                              {{QStringLiteral("acc"), 0.1, 1, 0},
                               {QStringLiteral("acc"), 0.2, 2, 1},
                               {QStringLiteral("acc"), 0.3, 3, 2}},
                              {}, {})
                    .ok());
        Result<std::unique_ptr<TrackingStore>> opened = openTrackingStore(root);
        QVERIFY(opened.ok());
        m_service = std::make_unique<TrackingService>(std::move(*opened));
        QSignalSpy appended(m_service.get(), &TrackingService::metricsAppended);
        m_service->setPollInterval(50);
        m_service->watch(runId, QStringLiteral("acc"));
        QTRY_COMPARE(appended.count(), 1);

        // Someone rewrites the history shorter (a restarted trainer): the view must start over.
        // The run folder holds artifacts/ and metrics/ side by side.
        const QString runDir = QFileInfo(writer.localArtifactPath(runId, QString())).dir().path();
        const QString metricFile = runDir + QStringLiteral("/metrics/acc");
        QVERIFY2(QFile::exists(metricFile), qPrintable(metricFile));
        {
            // Replaced in one step, as a writer would: a truncate-then-write could be polled in
            // between and arrive as two increments.
            QSaveFile f(metricFile);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write("9 0.9 0\n");
            QVERIFY(f.commit());
        }
        QTRY_COMPARE(appended.count(), 2);
        const MetricIncrement inc = appended.at(1).at(0).value<MetricIncrement>();
        QVERIFY(inc.reset);
        QCOMPARE(valuesOf(inc), QList<double>{0.9});
        m_service.reset();
    }

    // A server's first paint: a sample of each history, then the full history replacing it,
    // then only new points, in that order and each from the store call meant for it.
    void sampledThenFullThenIncrements()
    {
        const QString run = QStringLiteral("r1");
        const QString key = QStringLiteral("loss");
        for (int i = 0; i < 10; ++i)
            appendPoint(run, key, i, 10.0 - i);
        serveSampled(4);
        QSignalSpy appended(m_service.get(), &TrackingService::metricsAppended);
        m_service->setPollInterval(50);
        m_service->watch(run, key);

        QTRY_VERIFY(appended.count() >= 2);
        const MetricIncrement sampled = incrementAt(appended, 0);
        QVERIFY(sampled.sampled);
        QVERIFY(sampled.reset);
        QCOMPARE(valuesOf(sampled), (QList<double>{10.0, 7.0, 4.0, 1.0})); // first and last kept
        const MetricIncrement full = incrementAt(appended, 1);
        QVERIFY(!full.sampled);
        QVERIFY(full.reset);
        QCOMPARE(full.points->size(), std::size_t(10));

        appendPoint(run, key, 10, 0.5);
        QTRY_VERIFY_WITH_TIMEOUT(appended.count() >= 3, 2000);
        const MetricIncrement later = incrementAt(appended, 2);
        QVERIFY(!later.reset && !later.sampled);
        QCOMPARE(valuesOf(later), QList<double>{0.5});

        // The store saw: the sample, the status, the full read from the start, then reads from
        // the cursor (10 points in).
        const QStringList log = storeLog();
        QCOMPARE(log.value(0), QStringLiteral("sample r1"));
        const qsizetype fullRead = log.indexOf(QStringLiteral("read r1 from 0"));
        QVERIFY2(fullRead > 0, qPrintable(log.join(QLatin1String("; "))));
        QVERIFY(log.indexOf(QStringLiteral("status r1")) < fullRead);
        QCOMPARE(log.count(QStringLiteral("read r1 from 0")), 1);
        QVERIFY(log.contains(QStringLiteral("read r1 from 10")));
    }

    void completeSampleSkipsTheFullRead()
    {
        const QString run = QStringLiteral("r1");
        const QString key = QStringLiteral("loss");
        for (int i = 0; i < 3; ++i)
            appendPoint(run, key, i, 3.0 - i);
        serveSampled(2500);
        QSignalSpy appended(m_service.get(), &TrackingService::metricsAppended);
        m_service->setPollInterval(50);
        m_service->watch(run, key);
        QTRY_COMPARE(appended.count(), 1);
        const MetricIncrement first = incrementAt(appended, 0);
        QVERIFY(first.reset);
        QVERIFY(!first.sampled); // the whole history: nothing better follows
        QCOMPARE(valuesOf(first), (QList<double>{3.0, 2.0, 1.0}));

        appendPoint(run, key, 3, 0.5);
        QTRY_COMPARE_WITH_TIMEOUT(appended.count(), 2, 2000);
        QVERIFY(!incrementAt(appended, 1).reset);
        QCOMPARE(valuesOf(incrementAt(appended, 1)), QList<double>{0.5});
        QVERIFY(!storeLog().contains(QStringLiteral("read r1 from 0")));
    }

    // A store that says "complete" without a cursor: the service reads from the start once to
    // find its place, and sends only what is new (no second reset, no repaint from scratch).
    void completeSampleWithoutCursorSendsOnlyNewPoints()
    {
        const QString run = QStringLiteral("r1");
        const QString key = QStringLiteral("loss");
        appendPoint(run, key, 0, 2.0);
        appendPoint(run, key, 1, 1.0);
        serveSampled(2500, false);
        QSignalSpy appended(m_service.get(), &TrackingService::metricsAppended);
        m_service->setPollInterval(50);
        m_service->watch(run, key);
        QTRY_COMPARE(appended.count(), 1);
        QTRY_VERIFY(storeLog().contains(QStringLiteral("read r1 from 0")));
        appendPoint(run, key, 2, 0.5);
        QTRY_COMPARE_WITH_TIMEOUT(appended.count(), 2, 2000);
        QVERIFY(!incrementAt(appended, 1).reset);
        QCOMPARE(valuesOf(incrementAt(appended, 1)), QList<double>{0.5});
        QTest::qWait(200);
        QCOMPARE(appended.count(), 2);
    }

    void tenRunsWatchedTogetherShareOneSampleCall()
    {
        serveSampled(4);
        QStringList runs;
        for (int i = 0; i < 10; ++i) {
            const QString id = QStringLiteral("run%1").arg(i);
            runs << id;
            {
                QMutexLocker lock(&m_data->mutex);
                m_data->runs.insert(id, makeRun(id, QStringLiteral("1"), RunStatus::Finished));
            }
            for (int step = 0; step < 20; ++step)
                appendPoint(id, QStringLiteral("acc"), step, step / 20.0);
        }
        QSignalSpy appended(m_service.get(), &TrackingService::metricsAppended);
        for (const QString &id : std::as_const(runs))
            m_service->watch(id, QStringLiteral("acc"));
        // Every run: its sample, then its full history.
        QTRY_COMPARE(appended.count(), 20);
        QSet<QString> sampledRuns;
        for (int i = 0; i < 10; ++i) {
            const MetricIncrement inc = incrementAt(appended, i);
            QVERIFY(inc.sampled);
            sampledRuns.insert(inc.runId);
        }
        QCOMPARE(sampledRuns.size(), 10);
        for (int i = 10; i < 20; ++i) {
            QVERIFY(!incrementAt(appended, i).sampled);
            QCOMPARE(incrementAt(appended, i).points->size(), std::size_t(20));
        }
        QMutexLocker lock(&m_data->mutex);
        QCOMPARE(m_data->sampleCalls.size(), 1);
        QStringList asked = m_data->sampleCalls.first();
        asked.sort();
        QCOMPARE(asked, runs);
    }

    // A hidden chart: its run is not polled at all; shown again, it catches up at once.
    void inactiveWatchIsNotPolled()
    {
        const QString run = QStringLiteral("r1");
        const QString key = QStringLiteral("loss");
        appendPoint(run, key, 0, 1.0);
        QSignalSpy appended(m_service.get(), &TrackingService::metricsAppended);
        m_service->setPollInterval(30);
        m_service->watch(run, key);
        QTRY_COMPARE(appended.count(), 1);
        m_service->setWatchActive(run, key, false);
        QTest::qWait(100); // a poll already under way ends
        const int calls = storeCalls(run);
        appendPoint(run, key, 1, 0.5);
        QTest::qWait(500); // about 16 poll intervals
        QCOMPARE(storeCalls(run), calls);
        QCOMPARE(appended.count(), 1);

        m_service->setWatchActive(run, key, true);
        QTRY_COMPARE(appended.count(), 2);
        QCOMPARE(valuesOf(incrementAt(appended, 1)), QList<double>{0.5});
    }

    // A watch made while hidden still gets its first load, then no polls.
    void watchStartedInactiveLoadsOnce()
    {
        const QString run = QStringLiteral("r1");
        appendPoint(run, QStringLiteral("loss"), 0, 1.0);
        QSignalSpy appended(m_service.get(), &TrackingService::metricsAppended);
        m_service->setPollInterval(30);
        m_service->watch(run, QStringLiteral("loss"));
        m_service->setWatchActive(run, QStringLiteral("loss"), false);
        QTRY_COMPARE(appended.count(), 1);
        QTest::qWait(100);
        const int calls = storeCalls(run);
        QTest::qWait(400);
        QCOMPARE(storeCalls(run), calls);
    }

    void pollIntervalsFollowTheStore()
    {
        QCOMPARE(m_service->pollInterval(), 500);
        QCOMPARE(m_service->maxPollInterval(), 1000); // local: a new point within a second
        m_service.reset();
        m_data->uri = QStringLiteral("https://mlflow.lab");
        m_service = std::make_unique<TrackingService>(std::make_unique<FakeStore>(m_data));
        QCOMPARE(m_service->pollInterval(), 1000);
        QCOMPARE(m_service->maxPollInterval(), 4000);
    }

    // Nothing changes: the polls of a running run thin out up to the longest interval; a new
    // point brings them back to the short one.
    void quietRunBacksOffToTheLongestInterval()
    {
        const QString run = QStringLiteral("r1");
        appendPoint(run, QStringLiteral("loss"), 0, 1.0);
        serveSampled(2500);
        m_service->setPollInterval(50);
        m_service->setMaxPollInterval(400);
        m_service->watch(run, QStringLiteral("loss"));
        QTRY_VERIFY(readCalls(run) >= 1);
        const int before = storeCalls(run);
        QTest::qWait(2000);
        // 50, 100, 200, 400, 400 ... : about 8 polls (16 calls) in 2 s, where a fixed 50 ms makes
        // 40 polls. A loaded machine polls less, never more.
        const int polls = (storeCalls(run) - before) / 2;
        qInfo("polls in 2 s without new points: %d", polls);
        QVERIFY2(polls >= 2 && polls <= 16, qPrintable(QString::number(polls)));

        QSignalSpy appended(m_service.get(), &TrackingService::metricsAppended);
        appendPoint(run, QStringLiteral("loss"), 1, 0.5);
        QTRY_COMPARE_WITH_TIMEOUT(appended.count(), 1, 3000);
    }

    void finishedRunOnAServerIsReadOnce()
    {
        const QString run = QStringLiteral("r2"); // FINISHED
        for (int i = 0; i < 10; ++i)
            appendPoint(run, QStringLiteral("loss"), i, 1.0 / (i + 1));
        serveSampled(4);
        QSignalSpy appended(m_service.get(), &TrackingService::metricsAppended);
        m_service->setPollInterval(30);
        m_service->watch(run, QStringLiteral("loss"));
        QTRY_COMPARE(appended.count(), 2);
        QVERIFY(incrementAt(appended, 0).sampled);
        QCOMPARE(incrementAt(appended, 1).points->size(), std::size_t(10));
        QTest::qWait(100);
        const int calls = storeCalls(run);
        QTest::qWait(400);
        QCOMPARE(storeCalls(run), calls);
        QCOMPARE(appended.count(), 2);
    }

    void offlineChangesAreSignalled()
    {
        QSignalSpy offline(m_service.get(), &TrackingService::offlineChanged);
        QSignalSpy experiments(m_service.get(), &TrackingService::experimentsListed);
        m_service->listExperiments();
        QTRY_COMPARE(experiments.count(), 1);
        QCOMPARE(offline.count(), 0); // online from the start: nothing to say
        QVERIFY(!m_service->isOffline());

        m_data->offline = true;
        m_service->listExperiments();
        QTRY_COMPARE(offline.count(), 1);
        QCOMPARE(offline.at(0).at(0).toBool(), true);
        QCOMPARE(offline.at(0).at(1).toString(), QStringLiteral("mlflow.lab cannot be reached"));
        QVERIFY(m_service->isOffline());
        m_service->listExperiments();
        QTRY_COMPARE(experiments.count(), 3);
        QCOMPARE(offline.count(), 1); // still offline: no repeat

        m_data->offline = false;
        m_service->getRun(QStringLiteral("r1"));
        QTRY_COMPARE(offline.count(), 2);
        QCOMPARE(offline.at(1).at(0).toBool(), false);
        QVERIFY(!m_service->isOffline());
    }

    void storeOfflineFromTheStartIsSignalled()
    {
        m_service.reset();
        m_data->offline = true;
        m_service = std::make_unique<TrackingService>(std::make_unique<FakeStore>(m_data));
        QSignalSpy offline(m_service.get(), &TrackingService::offlineChanged);
        QTRY_COMPARE(offline.count(), 1);
        QVERIFY(offline.at(0).at(0).toBool());
    }

    // The window closes while a read hangs (a server retrying): the destructor interrupts it
    // instead of waiting out the store's 30 s.
    void destructorInterruptsABlockedCall()
    {
        m_data->blockReads = true;
        m_service->watch(QStringLiteral("r1"), QStringLiteral("loss"));
        QTRY_VERIFY(m_data->blocked.load());
        QElapsedTimer t;
        t.start();
        m_service.reset();
        const qint64 ms = t.elapsed();
        qInfo("destructor returned after %lld ms", ms);
        QVERIFY(m_data->interrupted.load());
        QVERIFY2(ms < 10000, qPrintable(QString::number(ms)));
    }

    void destructionWithWorkPendingIsClean()
    {
        for (int i = 0; i < 50; ++i)
            m_service->listExperiments();
        m_service->watch(QStringLiteral("r1"), QStringLiteral("loss"));
        m_service.reset(); // joins the worker; queued results for a dead service are dropped
        QTest::qWait(50);
    }
};

QTEST_GUILESS_MAIN(TestTrackingService)
#include "tst_trackingservice.moc"
