#pragma once

#include "core/result.h"
#include "core/types.h"
#include "series/metricseries.h"
#include "tracking/trackingstore.h"

#include <QObject>
#include <QThread>

#include <functional>
#include <memory>
#include <vector>

namespace lab {

// A batch of new points of one metric of one run, read incrementally off the UI thread.
struct MetricIncrement
{
    QString runId;
    QString key;
    // The new points only (columnar); the receiver appends them to its own MetricSeries.
    std::shared_ptr<const MetricSeries> points;
    bool reset = false; // true: the receiver must drop what it held for (runId, key) first
    // true: `points` is a sample of the history (the first paint from a server); the full
    // detail follows later as an increment with reset = true.
    bool sampled = false;
};

// The asynchronous front of a TrackingStore: owns the store on a worker thread, runs calls
// there, and delivers results as queued signals to the caller's thread. Each call takes a
// request id that comes back with its result, so a view can ignore stale answers.
//
// Live metrics: watch(runId, key) loads the history in up to three steps, all on the worker:
//  1. first paint: the runs newly watched for a key since the caller last returned to its event
//     loop are asked for together (TrackingStore::getSampledHistories, in batches of 100 runs):
//     one increment per run with reset and `sampled` set (a local store answers with every point
//     and no `sampled` flag);
//  2. full detail, one run at a time, between other work: an increment with reset and the whole
//     history (skipped when the sample was already complete);
//  3. increments: only the points after the cursor, about every pollInterval while the run is
//     RUNNING and its watch is active, backing off (doubling up to maxPollInterval) while nothing
//     changes. A finished run gets a last read and then stops; an inactive watch (a hidden chart,
//     setWatchActive(false)) is not polled until it is active again, when it catches up at once.
// Defaults: a local store polls every 500 ms and backs off to 1 s (a new point shows within a
// second); an http(s) store polls every second and backs off to 4 s.
class TrackingService : public QObject
{
    Q_OBJECT
public:
    // Takes ownership of the store; it is used only on the worker thread from now on.
    explicit TrackingService(std::unique_ptr<TrackingStore> store, QObject *parent = nullptr);
    // Stops the worker and waits for it; a store call in progress is interrupted
    // (TrackingStore::interrupt), so a request retrying against a dead server does not hold it.
    ~TrackingService() override;

    QString uri() const;

    quint64 listExperiments();
    quint64 searchRuns(const RunSearch &search);
    quint64 getRun(const QString &runId);
    quint64 listArtifacts(const QString &runId, const QString &path = {});
    quint64 readArtifact(const QString &runId, const QString &path, qint64 maxBytes);
    quint64 listRegisteredModels();
    // Runs any store call on the worker thread (fire and forget).
    void post(std::function<void(TrackingStore &)> work);
    // Runs `work` on the worker thread, then `done` on `context`'s thread (skipped when
    // `context` is gone by then). Results travel in what both lambdas capture (a shared_ptr).
    void post(std::function<void(TrackingStore &)> work, QObject *context, std::function<void()> done);

    // Live metric reads for the chart (sampled history, full history, then increments; see
    // above). watch/unwatch/setWatchActive/set*Interval calls made in one go reach the worker
    // together when this thread next runs its event loop, so their first reads are batched.
    void watch(const QString &runId, const QString &key);
    void unwatch(const QString &runId, const QString &key);
    void unwatchAll();
    // An inactive watch keeps its data and finishes its first load but is not polled for new
    // points (its chart is hidden). A newly watched pair is active.
    void setWatchActive(const QString &runId, const QString &key, bool active);
    // The poll interval of a run that is logging, and the longest it backs off to while quiet.
    void setPollInterval(int intervalMs);
    void setMaxPollInterval(int intervalMs);
    int pollInterval() const { return m_pollInterval; }
    int maxPollInterval() const { return m_maxPollInterval; }
    // Points per run asked for the first paint (MLflow allows at most 2500).
    static constexpr int SampledPointsPerRun = 2500;
    // The last offline state reported by offlineChanged.
    bool isOffline() const { return m_offline; }

Q_SIGNALS:
    void experimentsListed(quint64 requestId, const QList<lab::Experiment> &experiments);
    void runsFound(quint64 requestId, const lab::RunPage &page);
    void runFetched(quint64 requestId, const lab::Run &run);
    void artifactsListed(quint64 requestId, const QString &runId, const QList<lab::ArtifactInfo> &artifacts);
    void artifactRead(quint64 requestId, const QString &runId, const QString &path, const QByteArray &data);
    void registeredModelsListed(quint64 requestId, const QList<lab::RegisteredModel> &models,
                                const QList<lab::ModelVersion> &versions);
    void metricsAppended(const lab::MetricIncrement &increment);
    void requestFailed(quint64 requestId, const lab::Error &error);
    // The store started or stopped answering from its offline cache (TrackingStore::isOffline).
    void offlineChanged(bool offline, const QString &reason);

private:
    class Worker;
    struct StoreHandle;
    // Watch changes wait here until the event loop runs, then travel to the worker as one call.
    void queueWatchOp(std::function<void(Worker &)> op);
    void flushWatchOps();

    QThread m_thread;
    Worker *m_worker = nullptr;                 // lives on m_thread
    std::shared_ptr<StoreHandle> m_storeHandle; // lets the destructor interrupt the store
    QString m_uri;
    quint64 m_nextId = 1;
    int m_pollInterval = 500;
    int m_maxPollInterval = 1000;
    bool m_offline = false;
    std::vector<std::function<void(Worker &)>> m_watchOps;
    bool m_flushQueued = false;
};

} // namespace lab

Q_DECLARE_METATYPE(lab::MetricIncrement)
Q_DECLARE_METATYPE(lab::RunPage)
Q_DECLARE_METATYPE(lab::Error)
