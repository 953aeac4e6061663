#pragma once

#include "core/result.h"
#include "core/types.h"
#include "series/metricseries.h"
#include "tracking/trackingstore.h"

#include <QObject>
#include <QThread>

#include <functional>
#include <memory>

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
// Live polling: watch(runId, key) makes the service read new points about every `intervalMs`
// while the run is RUNNING, backing off (up to 1 s) while nothing changes; finished runs get a
// last read and then stop.
class TrackingService : public QObject
{
    Q_OBJECT
public:
    // Takes ownership of the store; it is used only on the worker thread from now on.
    explicit TrackingService(std::unique_ptr<TrackingStore> store, QObject *parent = nullptr);
    ~TrackingService() override; // stops the worker and waits for it

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

    // Live metric reads for the chart (full history first, then increments).
    void watch(const QString &runId, const QString &key);
    void unwatch(const QString &runId, const QString &key);
    void unwatchAll();
    void setPollInterval(int intervalMs);

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
    QThread m_thread;
    Worker *m_worker = nullptr; // lives on m_thread
    QString m_uri;
    quint64 m_nextId = 1;
};

} // namespace lab

Q_DECLARE_METATYPE(lab::MetricIncrement)
Q_DECLARE_METATYPE(lab::RunPage)
Q_DECLARE_METATYPE(lab::Error)
