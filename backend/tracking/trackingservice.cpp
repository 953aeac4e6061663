#include "tracking/trackingservice.h"

#include <QElapsedTimer>
#include <QHash>
#include <QLoggingCategory>
#include <QMetaObject>
#include <QPointer>
#include <QTimer>

#include <algorithm>
#include <atomic>

Q_LOGGING_CATEGORY(lcTrackingService, "labconsole.tracking")

namespace lab {

namespace {
// A local read of an unchanged file costs a stat and a seek; capping the backoff at 1 s keeps
// "a new point shows within a second of being logged" while a run is quiet between epochs.
constexpr int MaxPollIntervalMs = 1000;
}

// Lives on the service's worker thread and is the only user of the store. Results go back by
// posting a functor to the service, so every signal is emitted on the service's own thread
// (receivers and QSignalSpy see them there, never on the worker).
class TrackingService::Worker : public QObject
{
public:
    Worker(std::unique_ptr<TrackingStore> store, TrackingService *service)
        : m_store(std::move(store)), m_service(service), m_timer(new QTimer(this))
    {
        m_timer->setSingleShot(true);
        connect(m_timer, &QTimer::timeout, this, &Worker::pollDue);
        m_clock.start();
    }

    TrackingStore &store() { return *m_store; }

    // Posts `f` to run on the service's thread. The service outlives the worker thread (its
    // destructor joins it), and events for a destroyed receiver are dropped by Qt.
    template <typename F> void deliver(F &&f)
    {
        QMetaObject::invokeMethod(m_service, std::forward<F>(f), Qt::QueuedConnection);
    }

    void fail(quint64 id, const Error &error)
    {
        TrackingService *s = m_service;
        deliver([s, id, error] { Q_EMIT s->requestFailed(id, error); });
    }

    void setPollInterval(int ms)
    {
        m_pollInterval = std::max(10, ms);
        for (RunWatch &w : m_watches)
            w.intervalMs = std::min(w.intervalMs, m_pollInterval);
        reschedule();
    }

    void watch(const QString &runId, const QString &key)
    {
        RunWatch &w = m_watches[runId];
        if (w.keys.contains(key))
            return;
        w.keys.insert(key, KeyWatch{});
        // A new key is read at once (its full history), even on a run that is already finished.
        w.intervalMs = m_pollInterval;
        w.dueMs = m_clock.elapsed();
        reschedule();
    }

    void unwatch(const QString &runId, const QString &key)
    {
        auto it = m_watches.find(runId);
        if (it == m_watches.end())
            return;
        it->keys.remove(key);
        if (it->keys.isEmpty())
            m_watches.erase(it);
        reschedule();
    }

    void unwatchAll()
    {
        m_watches.clear();
        m_timer->stop();
    }

    std::atomic<bool> stopping{false};

private:
    struct KeyWatch
    {
        MetricCursor cursor;
        bool firstRead = true;
        bool errorReported = false;
    };
    struct RunWatch
    {
        QHash<QString, KeyWatch> keys;
        int intervalMs = 500;
        qint64 dueMs = 0;
        bool finished = false; // seen in a terminal state and given its last read
    };

    bool needsPoll(const RunWatch &w) const
    {
        if (!w.finished)
            return true;
        return std::any_of(w.keys.cbegin(), w.keys.cend(), [](const KeyWatch &k) { return k.firstRead; });
    }

    void reschedule()
    {
        qint64 next = -1;
        for (const RunWatch &w : std::as_const(m_watches)) {
            if (needsPoll(w) && (next < 0 || w.dueMs < next))
                next = w.dueMs;
        }
        if (next < 0) {
            m_timer->stop();
            return;
        }
        m_timer->start(int(std::clamp<qint64>(next - m_clock.elapsed(), 0, MaxPollIntervalMs)));
    }

    void pollDue()
    {
        const qint64 now = m_clock.elapsed();
        const QStringList runs = m_watches.keys();
        for (const QString &runId : runs) {
            if (stopping.load())
                return;
            auto it = m_watches.find(runId);
            if (it == m_watches.end() || !needsPoll(*it) || it->dueMs > now)
                continue;
            pollRun(runId, *it);
        }
        reschedule();
    }

    void pollRun(const QString &runId, RunWatch &w)
    {
        // Status first, then the reads: a point logged just before the run ended is still read
        // by the last pass, because the reads come after the status that said "finished".
        bool terminal = w.finished;
        if (!terminal) {
            Result<Run> run = m_store->getRun(runId);
            if (run)
                terminal = isTerminal(run->info.status);
            else
                qCDebug(lcTrackingService) << "status of" << runId << "unknown:" << run.error().message;
        }

        bool gotPoints = false;
        for (auto k = w.keys.begin(); k != w.keys.end(); ++k) {
            KeyWatch &kw = k.value();
            if (w.finished && !kw.firstRead)
                continue;
            auto series = std::make_shared<MetricSeries>();
            const Status st = m_store->readMetricIncrement(runId, k.key(), &kw.cursor, series.get());
            if (!st) {
                // A metric the trainer has not logged yet is normal for a while; say so once.
                if (!kw.errorReported) {
                    kw.errorReported = true;
                    qCDebug(lcTrackingService)
                        << "reading" << runId << k.key() << "failed:" << st.error().message;
                    if (!kw.firstRead || terminal)
                        fail(0, st.error());
                }
                continue;
            }
            kw.errorReported = false;
            // The store restarted the read (the file was rewritten): the receiver starts over too.
            const bool reset = kw.firstRead || kw.cursor.reset;
            kw.firstRead = false;
            if (series->isEmpty() && !reset)
                continue;
            gotPoints = gotPoints || !series->isEmpty();
            series->shrinkToFit();
            MetricIncrement inc;
            inc.runId = runId;
            inc.key = k.key();
            inc.points = std::move(series);
            inc.reset = reset;
            TrackingService *s = m_service;
            deliver([s, inc] { Q_EMIT s->metricsAppended(inc); });
        }

        if (terminal) {
            w.finished = true;
            return;
        }
        w.intervalMs = gotPoints ? m_pollInterval : std::min(w.intervalMs * 2, MaxPollIntervalMs);
        w.dueMs = m_clock.elapsed() + w.intervalMs;
    }

    std::unique_ptr<TrackingStore> m_store;
    TrackingService *m_service;
    QTimer *m_timer;
    QElapsedTimer m_clock;
    QHash<QString, RunWatch> m_watches;
    int m_pollInterval = 500;
};

static void registerMetaTypes()
{
    qRegisterMetaType<lab::Error>();
    qRegisterMetaType<lab::RunPage>();
    qRegisterMetaType<lab::Run>();
    qRegisterMetaType<lab::MetricIncrement>();
    qRegisterMetaType<QList<lab::Experiment>>();
    qRegisterMetaType<QList<lab::ArtifactInfo>>();
    qRegisterMetaType<QList<lab::RegisteredModel>>();
    qRegisterMetaType<QList<lab::ModelVersion>>();
}

TrackingService::TrackingService(std::unique_ptr<TrackingStore> store, QObject *parent) : QObject(parent)
{
    registerMetaTypes();
    Q_ASSERT(store);
    m_uri = store->uri();
    m_worker = new Worker(std::move(store), this);
    m_worker->moveToThread(&m_thread);
    // The worker, its timer and the store are destroyed on the worker thread as it ends.
    connect(&m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    m_thread.setObjectName(QStringLiteral("TrackingService"));
    m_thread.start();
}

TrackingService::~TrackingService()
{
    m_worker->stopping = true;
    m_thread.quit();
    m_thread.wait();
}

QString TrackingService::uri() const
{
    return m_uri;
}

// Runs `call(store)` on the worker thread; a value goes to `emitResult(service, value)` on the
// service's thread, an error to requestFailed(id, error). W is the (private) worker type.
template <typename W, typename Call, typename Emit>
static void runRequest(W *worker, TrackingService *service, quint64 id, Call call, Emit emitResult)
{
    QMetaObject::invokeMethod(
        worker,
        [worker, service, id, call = std::move(call), emitResult = std::move(emitResult)]() mutable {
            if (worker->stopping.load())
                return;
            auto r = call(worker->store());
            if (!r)
                return worker->fail(id, r.error());
            worker->deliver([service, value = std::move(r.value()), emitResult = std::move(emitResult)] {
                emitResult(service, value);
            });
        },
        Qt::QueuedConnection);
}

quint64 TrackingService::listExperiments()
{
    const quint64 id = m_nextId++;
    runRequest(
        m_worker, this, id, [](TrackingStore &s) { return s.listExperiments(ViewType::ActiveOnly); },
        [id](TrackingService *s, const QList<Experiment> &v) { Q_EMIT s->experimentsListed(id, v); });
    return id;
}

quint64 TrackingService::searchRuns(const RunSearch &search)
{
    const quint64 id = m_nextId++;
    runRequest(
        m_worker, this, id, [search](TrackingStore &s) { return s.searchRuns(search); },
        [id](TrackingService *s, const RunPage &v) { Q_EMIT s->runsFound(id, v); });
    return id;
}

quint64 TrackingService::getRun(const QString &runId)
{
    const quint64 id = m_nextId++;
    runRequest(
        m_worker, this, id, [runId](TrackingStore &s) { return s.getRun(runId); },
        [id](TrackingService *s, const Run &v) { Q_EMIT s->runFetched(id, v); });
    return id;
}

quint64 TrackingService::listArtifacts(const QString &runId, const QString &path)
{
    const quint64 id = m_nextId++;
    runRequest(
        m_worker, this, id, [runId, path](TrackingStore &s) { return s.listArtifacts(runId, path); },
        [id, runId](TrackingService *s, const QList<ArtifactInfo> &v) {
            Q_EMIT s->artifactsListed(id, runId, v);
        });
    return id;
}

quint64 TrackingService::readArtifact(const QString &runId, const QString &path, qint64 maxBytes)
{
    const quint64 id = m_nextId++;
    runRequest(
        m_worker, this, id,
        [runId, path, maxBytes](TrackingStore &s) { return s.readArtifact(runId, path, maxBytes); },
        [id, runId, path](TrackingService *s, const QByteArray &v) {
            Q_EMIT s->artifactRead(id, runId, path, v);
        });
    return id;
}

quint64 TrackingService::listRegisteredModels()
{
    const quint64 id = m_nextId++;
    using Both = std::pair<QList<RegisteredModel>, QList<ModelVersion>>;
    runRequest(
        m_worker, this, id,
        [](TrackingStore &s) -> Result<Both> {
            Result<QList<RegisteredModel>> models = s.listRegisteredModels();
            if (!models)
                return models.error();
            Both both{*models, {}};
            for (const RegisteredModel &m : std::as_const(both.first)) {
                Result<QList<ModelVersion>> versions = s.listModelVersions(m.name);
                if (!versions)
                    return versions.error();
                both.second += *versions;
            }
            return both;
        },
        [id](TrackingService *s, const Both &v) { Q_EMIT s->registeredModelsListed(id, v.first, v.second); });
    return id;
}

void TrackingService::post(std::function<void(TrackingStore &)> work)
{
    Worker *w = m_worker;
    QMetaObject::invokeMethod(
        w,
        [w, work = std::move(work)] {
            if (!w->stopping.load())
                work(w->store());
        },
        Qt::QueuedConnection);
}

void TrackingService::post(std::function<void(TrackingStore &)> work, QObject *context,
                           std::function<void()> done)
{
    Worker *w = m_worker;
    QPointer<QObject> ctx(context);
    QMetaObject::invokeMethod(
        w,
        [w, ctx, work = std::move(work), done = std::move(done)] {
            if (w->stopping.load())
                return;
            work(w->store());
            // Back on the service's thread (where the QPointer may be read safely), `done`
            // runs in the context's thread, and not at all once the context is gone.
            w->deliver([ctx, done] {
                if (ctx)
                    QMetaObject::invokeMethod(ctx.data(), done);
            });
        },
        Qt::QueuedConnection);
}

void TrackingService::watch(const QString &runId, const QString &key)
{
    Worker *w = m_worker;
    QMetaObject::invokeMethod(
        w, [w, runId, key] { w->watch(runId, key); }, Qt::QueuedConnection);
}

void TrackingService::unwatch(const QString &runId, const QString &key)
{
    Worker *w = m_worker;
    QMetaObject::invokeMethod(
        w, [w, runId, key] { w->unwatch(runId, key); }, Qt::QueuedConnection);
}

void TrackingService::unwatchAll()
{
    Worker *w = m_worker;
    QMetaObject::invokeMethod(
        w, [w] { w->unwatchAll(); }, Qt::QueuedConnection);
}

void TrackingService::setPollInterval(int intervalMs)
{
    Worker *w = m_worker;
    QMetaObject::invokeMethod(
        w, [w, intervalMs] { w->setPollInterval(intervalMs); }, Qt::QueuedConnection);
}

} // namespace lab
