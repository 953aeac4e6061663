#pragma once

#include "core/result.h"
#include "core/types.h"

#include <QElapsedTimer>
#include <QList>
#include <QString>

#include <memory>

namespace lab {

class TrackingStore;

// lab-train's side of the tracking store: attaches to the run the console created
// (MLFLOW_RUN_ID) or creates one, buffers metric points and sends them with logBatch at most
// every flush interval, so a live chart sees new points within a second without a write per step.
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

    RunLogger(std::unique_ptr<TrackingStore> store, QString runId);
    ~RunLogger();

    // Opens the store and the run. `runName` and `tags` are used only when a run is created.
    static Result<std::unique_ptr<RunLogger>> open(const Environment &env, const QString &runName,
                                                   const QList<Tag> &tags, const QString &userId);

    QString runId() const { return m_runId; }
    TrackingStore *store() const { return m_store.get(); }
    bool createdRun() const { return m_createdRun; }

    Status logParams(const QList<Param> &params);
    Status setTags(const QList<Tag> &tags);
    void logMetric(const QString &key, double value, qint64 step);
    Status flushIfDue();
    Status flush();
    qint64 pointsLogged() const { return m_pointsLogged; }

    // Flushes, records `message` for a failed or killed run (tag labconsole.job.message, and
    // mlflow.note.content unless the run already has a note) and sets the final status.
    Status finish(RunStatus status, const QString &message = {});

    static constexpr int FlushIntervalMs = 500;

private:
    std::unique_ptr<TrackingStore> m_store;
    QString m_runId;
    bool m_createdRun = false;
    QList<MetricPoint> m_pending;
    QElapsedTimer m_sinceFlush;
    qint64 m_pointsLogged = 0;
};

} // namespace lab
