#include "tracking/trackingservice.h"

#include <QElapsedTimer>
#include <QHash>
#include <QLoggingCategory>
#include <QMap>
#include <QMetaObject>
#include <QMutex>
#include <QPointer>
#include <QTimer>

#include <algorithm>
#include <atomic>
#include <cstring>
#include <utility>

Q_LOGGING_CATEGORY(lcTrackingService, "labconsole.tracking")

namespace lab {

namespace {

// MLflow's get-history-bulk-interval takes at most 100 runs per request.
constexpr int SampleBatchRuns = 100;
// How soon a whole-history read held back for the receiver is tried again.
constexpr int FullHistoryRetryMs = 5;

bool isRemote(const QString &uri)
{
    return uri.startsWith(QLatin1String("http://"), Qt::CaseInsensitive) ||
           uri.startsWith(QLatin1String("https://"), Qt::CaseInsensitive);
}

bool samePrefix(const MetricSeries &all, const MetricSeries &prefix)
{
    const std::size_t n = prefix.size();
    if (all.size() < n)
        return false;
    const auto eq = [n](auto a, auto b) { return std::memcmp(a.data(), b.data(), n * sizeof(a[0])) == 0; };
    return eq(all.steps(), prefix.steps()) && eq(all.timestamps(), prefix.timestamps()) &&
           eq(all.values(), prefix.values());
}

} // namespace

// The store as the destructor sees it from the service's thread: interrupt() may be called on it
// until the worker, about to destroy it, clears the pointer under the mutex.
struct TrackingService::StoreHandle
{
    QMutex mutex;
    TrackingStore *store = nullptr;
};

// Lives on the service's worker thread and is the only user of the store. Results go back by
// posting a functor to the service, so every signal is emitted on the service's own thread
// (receivers and QSignalSpy see them there, never on the worker).
class TrackingService::Worker : public QObject
{
public:
    Worker(std::unique_ptr<TrackingStore> store, TrackingService *service,
           std::shared_ptr<StoreHandle> handle, int pollIntervalMs, int maxPollIntervalMs)
        : m_store(std::move(store)), m_service(service), m_handle(std::move(handle)),
          m_timer(new QTimer(this)), m_pollInterval(pollIntervalMs), m_maxPollInterval(maxPollIntervalMs)
    {
        m_handle->store = m_store.get();
        m_timer->setSingleShot(true);
        connect(m_timer, &QTimer::timeout, this, &Worker::pollDue);
        m_clock.start();
    }

    ~Worker() override
    {
        QMutexLocker lock(&m_handle->mutex);
        m_handle->store = nullptr;
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
        if (stopping.load())
            return; // the interrupted call of a shutdown, nobody to tell
        TrackingService *s = m_service;
        deliver([s, id, error] { Q_EMIT s->requestFailed(id, error); });
    }

    // Called after every store call: the store may have lost or found its server meanwhile.
    void checkOffline()
    {
        const bool offline = m_store->isOffline();
        if (offline == m_offline)
            return;
        m_offline = offline;
        const QString reason = offline ? m_store->offlineReason() : QString();
        qCDebug(lcTrackingService) << (offline ? "offline:" : "online again") << reason;
        TrackingService *s = m_service;
        deliver([s, offline, reason] {
            s->m_offline = offline;
            Q_EMIT s->offlineChanged(offline, reason);
        });
    }

    void setPollInterval(int ms)
    {
        m_pollInterval = std::max(10, ms);
        for (RunWatch &w : m_watches)
            w.intervalMs = std::min(w.intervalMs, m_pollInterval);
    }

    void setMaxPollInterval(int ms) { m_maxPollInterval = std::max(10, ms); }

    void watch(const QString &runId, const QString &key)
    {
        RunWatch &w = m_watches[runId];
        if (w.keys.contains(key))
            return;
        w.keys.insert(key, KeyWatch{});
        // A new key is read at once, even on a run that is already finished.
        w.intervalMs = m_pollInterval;
        w.dueMs = m_clock.elapsed();
    }

    void unwatch(const QString &runId, const QString &key)
    {
        auto it = m_watches.find(runId);
        if (it == m_watches.end())
            return;
        it->keys.remove(key);
        if (it->keys.isEmpty())
            m_watches.erase(it);
    }

    void unwatchAll()
    {
        m_watches.clear();
        m_timer->stop();
    }

    void setActive(const QString &runId, const QString &key, bool active)
    {
        auto it = m_watches.find(runId);
        if (it == m_watches.end())
            return;
        auto k = it->keys.find(key);
        if (k == it->keys.end() || k->active == active)
            return;
        k->active = active;
        if (active) {
            // Shown again: catch up with what was logged while hidden, then poll as usual.
            it->intervalMs = m_pollInterval;
            it->dueMs = m_clock.elapsed();
        }
    }

    void reschedule()
    {
        if (stopping.load())
            return;
        qint64 next = -1;
        for (const RunWatch &w : std::as_const(m_watches)) {
            if (needsPoll(w) && (next < 0 || w.dueMs < next))
                next = w.dueMs;
        }
        if (next < 0) {
            m_timer->stop();
            return;
        }
        m_timer->start(int(std::clamp<qint64>(next - m_clock.elapsed(), 0, maxInterval())));
    }

    std::atomic<bool> stopping{false};

private:
    // How far a watched pair has come: the first paint (a sample), the full history, live.
    enum class Stage {
        Sample,  // waiting for the batched first read
        Full,    // sampled (or the sample failed): the whole history is read next, with reset
        CatchUp, // a complete sample without a cursor: read from the start, only new points sent
        Live     // increments from the cursor
    };
    struct KeyWatch
    {
        MetricCursor cursor;
        Stage stage = Stage::Sample;
        std::shared_ptr<const MetricSeries> shown; // CatchUp: the sample the receiver holds
        bool errorReported = false;
        bool active = true;
    };
    struct RunWatch
    {
        QHash<QString, KeyWatch> keys;
        int intervalMs = 500;
        qint64 dueMs = 0;
        bool finished = false; // seen in a terminal state and given its last read
    };

    int maxInterval() const { return std::max(m_pollInterval, m_maxPollInterval); }

    static bool loading(const RunWatch &w)
    {
        return std::any_of(w.keys.cbegin(), w.keys.cend(),
                           [](const KeyWatch &k) { return k.stage != Stage::Live; });
    }

    static bool needsPoll(const RunWatch &w)
    {
        if (loading(w))
            return true;
        return !w.finished &&
               std::any_of(w.keys.cbegin(), w.keys.cend(), [](const KeyWatch &k) { return k.active; });
    }

    void emitIncrement(const QString &runId, const QString &key, std::shared_ptr<const MetricSeries> points,
                       bool reset, bool sampled, bool fullHistory = false)
    {
        if (stopping.load())
            return;
        MetricIncrement inc;
        inc.runId = runId;
        inc.key = key;
        inc.points = std::move(points);
        inc.reset = reset;
        inc.sampled = sampled;
        TrackingService *s = m_service;
        if (!fullHistory) {
            deliver([s, inc] { Q_EMIT s->metricsAppended(inc); });
            return;
        }
        m_fullInFlight->fetch_add(1);
        deliver([s, inc, inFlight = m_fullInFlight] {
            Q_EMIT s->metricsAppended(inc);
            inFlight->fetch_sub(1);
        });
    }

    static bool loadingFull(const RunWatch &w)
    {
        return std::any_of(w.keys.cbegin(), w.keys.cend(), [](const KeyWatch &k) {
            return k.stage == Stage::Full || k.stage == Stage::CatchUp;
        });
    }

    void pollDue()
    {
        if (stopping.load())
            return;
        sampleNewWatches();
        const qint64 now = m_clock.elapsed();
        const QStringList runs = m_watches.keys();
        for (const QString &runId : runs) {
            if (stopping.load())
                return;
            auto it = m_watches.find(runId);
            if (it == m_watches.end() || !needsPoll(*it) || it->dueMs > now)
                continue;
            // Back-pressure: the next whole history is read once the receiver has taken the
            // last one, so a fast store cannot pile 100 histories into one turn of the UI's
            // event loop (one long frame), nor hold them all in memory at once.
            if (m_fullInFlight->load() > 0 && loadingFull(*it)) {
                it->dueMs = now + FullHistoryRetryMs;
                continue;
            }
            // A whole history is a long call on a server: after one, the calls queued meanwhile
            // (other views' requests, unwatch) go first, and the next run follows at once.
            if (pollRun(runId, *it))
                break;
        }
        reschedule();
    }

    // The first paint of every pair watched since the last pass: one store call per key and
    // 100 runs, so a chart of 100 runs is drawn from one request instead of 100 full histories.
    void sampleNewWatches()
    {
        QMap<QString, QStringList> runsByKey;
        for (auto w = m_watches.cbegin(); w != m_watches.cend(); ++w)
            for (auto k = w->keys.cbegin(); k != w->keys.cend(); ++k)
                if (k->stage == Stage::Sample)
                    runsByKey[k.key()].append(w.key());
        for (auto byKey = runsByKey.cbegin(); byKey != runsByKey.cend(); ++byKey) {
            const QString &key = byKey.key();
            const QStringList &runIds = byKey.value();
            for (qsizetype from = 0; from < runIds.size(); from += SampleBatchRuns) {
                if (stopping.load())
                    return;
                const QStringList batch = runIds.mid(from, SampleBatchRuns);
                Result<QList<SampledHistory>> sampled =
                    m_store->getSampledHistories(batch, key, TrackingService::SampledPointsPerRun);
                checkOffline();
                if (!sampled)
                    qCDebug(lcTrackingService) << "sampled histories of" << key
                                               << "failed, reading in full:" << sampled.error().message;
                const qint64 now = m_clock.elapsed();
                if (sampled) {
                    for (const SampledHistory &h : std::as_const(*sampled)) {
                        auto w = m_watches.find(h.runId);
                        if (w == m_watches.end() || h.key != key || !batch.contains(h.runId))
                            continue;
                        auto k = w->keys.find(key);
                        if (k == w->keys.end() || k->stage != Stage::Sample)
                            continue;
                        auto points = h.series ? h.series : std::make_shared<MetricSeries>();
                        points->shrinkToFit();
                        if (h.complete && h.cursor) {
                            k->cursor = *h.cursor;
                            k->stage = Stage::Live;
                        } else if (h.complete) {
                            k->shown = points;
                            k->stage = Stage::CatchUp;
                        } else {
                            k->stage = Stage::Full;
                        }
                        // A complete sample is the history itself: nothing better follows.
                        emitIncrement(h.runId, key, points, true, !h.complete);
                        w->dueMs = now;
                    }
                }
                // Runs the store did not answer for are read in full, as a first read.
                for (const QString &runId : batch) {
                    auto w = m_watches.find(runId);
                    if (w == m_watches.end())
                        continue;
                    auto k = w->keys.find(key);
                    if (k != w->keys.end() && k->stage == Stage::Sample) {
                        k->stage = Stage::Full;
                        w->dueMs = now;
                    }
                }
            }
        }
    }

    // Returns true when a whole history was read (a long call on a remote store).
    bool pollRun(const QString &runId, RunWatch &w)
    {
        // Status first, then the reads: a point logged just before the run ended is still read
        // by the last pass, because the reads come after the status that said "finished".
        bool terminal = w.finished;
        if (!terminal) {
            Result<Run> run = m_store->getRun(runId);
            checkOffline();
            if (run)
                terminal = isTerminal(run->info.status);
            else
                qCDebug(lcTrackingService) << "status of" << runId << "unknown:" << run.error().message;
        }

        bool gotPoints = false;
        bool fullRead = false;
        for (auto k = w.keys.begin(); k != w.keys.end(); ++k) {
            if (stopping.load())
                return true;
            KeyWatch &kw = k.value();
            const Stage stage = kw.stage;
            if (stage == Stage::Sample)
                continue; // sampled in the next pass
            // Live pairs: while running only the shown ones; at the end every one, once.
            if (stage == Stage::Live && (w.finished || (!kw.active && !terminal)))
                continue;
            const bool fromStart = stage == Stage::Full || stage == Stage::CatchUp;
            if (fromStart)
                kw.cursor = MetricCursor{};
            auto series = std::make_shared<MetricSeries>();
            const Status st = m_store->readMetricIncrement(runId, k.key(), &kw.cursor, series.get());
            checkOffline();
            fullRead = fullRead || fromStart;
            if (!st) {
                // A metric the trainer has not logged yet is normal for a while; say so once.
                if (!kw.errorReported) {
                    kw.errorReported = true;
                    qCDebug(lcTrackingService)
                        << "reading" << runId << k.key() << "failed:" << st.error().message;
                    if (stage == Stage::Live || terminal)
                        fail(0, st.error());
                }
                if (terminal)
                    kw.stage = Stage::Live; // nothing more will come: no retries
                continue;
            }
            kw.errorReported = false;
            kw.stage = Stage::Live;
            series->shrinkToFit();
            if (stage == Stage::CatchUp) {
                // The receiver holds the complete sample: send only what came after it.
                const std::shared_ptr<const MetricSeries> shown = std::move(kw.shown);
                if (shown && samePrefix(*series, *shown)) {
                    if (series->size() == shown->size())
                        continue;
                    auto tail = std::make_shared<MetricSeries>();
                    const std::size_t n = shown->size();
                    tail->append(series->steps().subspan(n), series->timestamps().subspan(n),
                                 series->values().subspan(n));
                    series = std::move(tail);
                    gotPoints = true;
                    emitIncrement(runId, k.key(), series, false, false);
                    continue;
                }
            }
            // The store restarted the read (the file was rewritten): the receiver starts over too.
            const bool reset = fromStart || kw.cursor.reset;
            if (series->isEmpty() && !reset)
                continue;
            gotPoints = gotPoints || (!series->isEmpty() && stage == Stage::Live);
            emitIncrement(runId, k.key(), series, reset, false, fromStart);
        }

        if (terminal) {
            w.finished = true;
            return fullRead;
        }
        w.intervalMs = gotPoints ? m_pollInterval : std::min(w.intervalMs * 2, maxInterval());
        w.dueMs = m_clock.elapsed() + w.intervalMs;
        return fullRead;
    }

    std::unique_ptr<TrackingStore> m_store;
    TrackingService *m_service;
    std::shared_ptr<StoreHandle> m_handle;
    QTimer *m_timer;
    QElapsedTimer m_clock;
    QHash<QString, RunWatch> m_watches;
    int m_pollInterval = 500;
    int m_maxPollInterval = 1000;
    bool m_offline = false;
    // Whole histories delivered to the service's thread but not yet emitted there.
    std::shared_ptr<std::atomic<int>> m_fullInFlight = std::make_shared<std::atomic<int>>(0);
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

TrackingService::TrackingService(std::unique_ptr<TrackingStore> store, QObject *parent)
    : QObject(parent), m_storeHandle(std::make_shared<StoreHandle>())
{
    registerMetaTypes();
    Q_ASSERT(store);
    m_uri = store->uri();
    // A local read of an unchanged file costs a stat and a seek, and a new point must show within
    // a second; a server is asked about once a second and less while a run is quiet.
    if (isRemote(m_uri)) {
        m_pollInterval = 1000;
        m_maxPollInterval = 4000;
    }
    m_worker = new Worker(std::move(store), this, m_storeHandle, m_pollInterval, m_maxPollInterval);
    m_worker->moveToThread(&m_thread);
    // The worker, its timer and the store are destroyed on the worker thread as it ends.
    connect(&m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    m_thread.setObjectName(QStringLiteral("TrackingService"));
    m_thread.start();
    // A store opened from its offline cache says so before the first call.
    Worker *w = m_worker;
    QMetaObject::invokeMethod(
        w, [w] { w->checkOffline(); }, Qt::QueuedConnection);
}

TrackingService::~TrackingService()
{
    m_worker->stopping = true;
    m_thread.quit();
    // A blocking call in progress (a request retrying against a server that went away) ends at
    // the interrupt. Repeated while waiting: the worker may have begun another call just before
    // it saw `stopping`.
    do {
        QMutexLocker lock(&m_storeHandle->mutex);
        if (m_storeHandle->store)
            m_storeHandle->store->interrupt();
    } while (!m_thread.wait(20));
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
            worker->checkOffline();
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
            if (w->stopping.load())
                return;
            work(w->store());
            w->checkOffline();
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
            w->checkOffline();
            // Back on the service's thread (where the QPointer may be read safely), `done`
            // runs in the context's thread, and not at all once the context is gone.
            w->deliver([ctx, done] {
                if (ctx)
                    QMetaObject::invokeMethod(ctx.data(), done);
            });
        },
        Qt::QueuedConnection);
}

void TrackingService::queueWatchOp(std::function<void(Worker &)> op)
{
    m_watchOps.push_back(std::move(op));
    if (m_flushQueued)
        return;
    m_flushQueued = true;
    QMetaObject::invokeMethod(this, &TrackingService::flushWatchOps, Qt::QueuedConnection);
}

void TrackingService::flushWatchOps()
{
    m_flushQueued = false;
    Worker *w = m_worker;
    QMetaObject::invokeMethod(
        w,
        [w, ops = std::exchange(m_watchOps, {})] {
            if (w->stopping.load())
                return;
            for (const auto &op : ops)
                op(*w);
            w->reschedule();
        },
        Qt::QueuedConnection);
}

void TrackingService::watch(const QString &runId, const QString &key)
{
    queueWatchOp([runId, key](Worker &w) { w.watch(runId, key); });
}

void TrackingService::unwatch(const QString &runId, const QString &key)
{
    queueWatchOp([runId, key](Worker &w) { w.unwatch(runId, key); });
}

void TrackingService::unwatchAll()
{
    queueWatchOp([](Worker &w) { w.unwatchAll(); });
}

void TrackingService::setWatchActive(const QString &runId, const QString &key, bool active)
{
    queueWatchOp([runId, key, active](Worker &w) { w.setActive(runId, key, active); });
}

void TrackingService::setPollInterval(int intervalMs)
{
    m_pollInterval = intervalMs;
    queueWatchOp([intervalMs](Worker &w) { w.setPollInterval(intervalMs); });
}

void TrackingService::setMaxPollInterval(int intervalMs)
{
    m_maxPollInterval = intervalMs;
    queueWatchOp([intervalMs](Worker &w) { w.setMaxPollInterval(intervalMs); });
}

} // namespace lab
