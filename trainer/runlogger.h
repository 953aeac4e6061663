#pragma once

#include "core/result.h"
#include "core/types.h"
#include "net/retrypolicy.h"

#include <QElapsedTimer>
#include <QList>
#include <QString>

#include <functional>
#include <memory>

namespace lab {

class TrackingStore;

// lab-train's side of the tracking store: attaches to the run the console created
// (MLFLOW_RUN_ID) or creates one, buffers metric points and sends them with logBatch at most
// every flush interval, so a live chart sees new points within a second without a write per step.
//
// Over REST (MLFLOW_TRACKING_URI=http(s)://...) the batches keep within MLflow's log-batch limits,
// and a failed send loses nothing and duplicates nothing: the points stay pending, and before
// they are sent again the run's histories are read back so that what already landed (a request
// that failed after the server stored part of it) is not sent twice.
class RunLogger
{
public:
    struct Environment
    {
        QString trackingUri;    // MLFLOW_TRACKING_URI (empty: the local lab's default store)
        QString runId;          // MLFLOW_RUN_ID
        QString experimentName; // MLFLOW_EXPERIMENT_NAME (default "Default")
        QString experimentId;   // MLFLOW_EXPERIMENT_ID, wins over the name when set
        static Environment fromProcess();
    };
    using WarningHandler = std::function<void(const QString &message)>;

    RunLogger(std::unique_ptr<TrackingStore> store, QString runId);
    ~RunLogger();

    // Opens the store and the run. `runName` and `tags` are used only when a run is created.
    static Result<std::unique_ptr<RunLogger>> open(const Environment &env, const QString &runName,
                                                   const QList<Tag> &tags, const QString &userId);

    QString runId() const { return m_runId; }
    TrackingStore *store() const { return m_store.get(); }
    bool createdRun() const { return m_createdRun; }

    // Written in batches within MLflow's limits; transient failures retried as `retrySettings` say
    // (params and tags are idempotent to resend).
    Status logParams(const QList<Param> &params);
    Status setTags(const QList<Tag> &tags);
    void logMetric(const QString &key, double value, qint64 step);
    // During training: one attempt when the interval is due. A transient failure (server busy or
    // unreachable) keeps the points for a later flush (the interval doubles while it lasts),
    // reports a warning and returns success; a permanent one (run deleted, credentials rejected)
    // is returned, the points still kept.
    Status flushIfDue();
    // Sends everything pending, retrying transient failures until the retry settings give up
    // (MLFLOW_HTTP_REQUEST_MAX_RETRIES attempts more, MLflow's backoff between them). The error
    // says how many points could not be sent.
    Status flush();
    qint64 pointsLogged() const { return m_pointsLogged; }
    qint64 pointsPending() const { return m_pending.size(); }

    // Flushes, records `message` for a failed or killed run (tag labconsole.job.message, and
    // mlflow.note.content unless the run already has a note) and sets the final status.
    Status finish(RunStatus status, const QString &message = {});

    // Warnings about failures that are being retried (default: none shown).
    void setWarningHandler(WarningHandler handler) { m_warn = std::move(handler); }
    // Default: RetrySettings::fromEnvironment().
    void setRetrySettings(const RetrySettings &settings) { m_retry = settings; }

    // A failure worth trying again: a retryable HTTP status (408, 429, 5xx as MLflow retries
    // them) or the connection, not the request, failing.
    bool isTransient(const Error &error) const;

    static constexpr int FlushIntervalMs = 500;
    // While the store keeps failing, flushIfDue waits twice as long after each failure, up to this.
    static constexpr int MaxFlushDelayMs = 30000;
    // MLflow's log-batch limits (mlflow/utils/validation.py).
    static constexpr int MaxMetricsPerBatch = 1000;
    static constexpr int MaxParamsPerBatch = 100;
    static constexpr int MaxTagsPerBatch = 100;

private:
    // One pass: reconcile what may have landed, then send the pending points in batches.
    Status sendPending();
    // Drops from the front of m_pending the unconfirmed points the store already holds.
    Status reconcile();
    Status withRetries(const std::function<Status()> &attempt);

    std::unique_ptr<TrackingStore> m_store;
    QString m_runId;
    bool m_createdRun = false;
    QList<MetricPoint> m_pending;
    // The first m_unconfirmed points of m_pending were in a request that failed: the store may
    // hold some of them.
    qsizetype m_unconfirmed = 0;
    bool m_warned = false; // one warning per outage, not one per flush
    bool m_gaveUp = false; // a final flush failed: later calls try once, not a full retry cycle
    QElapsedTimer m_sinceFlush;
    int m_flushDelayMs = FlushIntervalMs;
    qint64 m_pointsLogged = 0;
    RetrySettings m_retry;
    WarningHandler m_warn;
};

} // namespace lab
