#pragma once

#include "core/result.h"
#include "core/types.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <limits>
#include <memory>
#include <optional>

namespace lab {

class MetricSeries;

enum class ViewType { ActiveOnly, DeletedOnly, All };

struct RunSearch
{
    QStringList experimentIds;
    QString filter;        // MLflow search syntax: metrics.x > 0.9 and params.lr = '0.01' and attributes.status = 'FINISHED'
    QStringList orderBy;   // e.g. "metrics.val_accuracy DESC", "attributes.start_time"; MLflow's default: start_time DESC
    ViewType viewType = ViewType::ActiveOnly;
    int maxResults = 1000;
    QString pageToken;
};

struct RunPage
{
    QList<Run> runs;
    QString nextPageToken; // empty on the last page
};

// Where an incremental metric read stopped. Opaque to callers; each store keeps its own meaning
// (the file store: a byte offset into metrics/<key>; a REST store: the number of points seen).
struct MetricCursor
{
    qint64 position = 0;
    // Set by readMetricIncrement when the history was rewritten behind the cursor (the file shrank):
    // the read restarted from the beginning, so the caller drops what it held before appending.
    bool reset = false;
    bool operator==(const MetricCursor &) const = default;
};

// A sampled history of one metric of one run, for a chart's first paint (MLflow's
// get-history-bulk-interval): at most the points asked for, always the first and last step.
struct SampledHistory
{
    QString runId;
    QString key;
    std::shared_ptr<MetricSeries> series;
    bool complete = false; // true when `series` already holds every point logged so far
    // With `complete`: where readMetricIncrement continues after these points (in the store's
    // own cursor meaning), so a caller need not read the whole history again. Unset: unknown.
    std::optional<MetricCursor> cursor;
};

// The tracking seam (DESIGN.md): experiments, runs, params, tags, metric histories, artifacts,
// model registry. Calls are blocking and may do I/O: call them off the UI thread (see
// TrackingService for the asynchronous front). Implementations are not required to be
// thread-safe; one instance serves one thread at a time.
class TrackingStore
{
public:
    virtual ~TrackingStore() = default;

    // A human-readable location ("file:///home/ann/.local/share/labconsole/mlruns", "https://mlflow.lab").
    virtual QString uri() const = 0;

    // Experiments
    virtual Result<QList<Experiment>> listExperiments(ViewType view = ViewType::ActiveOnly) = 0;
    virtual Result<Experiment> getExperiment(const QString &experimentId) = 0;
    virtual Result<std::optional<Experiment>> getExperimentByName(const QString &name) = 0;
    virtual Result<QString> createExperiment(const QString &name, const QString &artifactLocation = {}) = 0;

    // Runs
    virtual Result<RunPage> searchRuns(const RunSearch &search) = 0;
    virtual Result<Run> getRun(const QString &runId) = 0;
    virtual Result<Run> createRun(const QString &experimentId, const QString &runName, qint64 startTimeMs,
                                  const QList<Tag> &tags, const QString &userId = {}) = 0;
    // Sets status and (when non-zero) end time; runName when non-empty.
    virtual Status updateRun(const QString &runId, RunStatus status, qint64 endTimeMs, const QString &runName = {}) = 0;
    virtual Status setTag(const QString &runId, const QString &key, const QString &value) = 0;
    virtual Status deleteTag(const QString &runId, const QString &key) = 0;
    // MLflow's log-batch: metrics appended, params written once (a different value is an error), tags overwritten.
    virtual Status logBatch(const QString &runId, const QList<MetricPoint> &metrics, const QList<Param> &params,
                            const QList<Tag> &tags) = 0;
    virtual Status deleteRun(const QString &runId) = 0;
    virtual Status restoreRun(const QString &runId) = 0;

    // Metric histories
    virtual Result<QList<MetricPoint>> getMetricHistory(const QString &runId, const QString &key) = 0;
    // Appends the points logged after `cursor` to `series` and moves the cursor past them.
    // A partial last line (a writer mid-write) is left for the next call.
    virtual Status readMetricIncrement(const QString &runId, const QString &key, MetricCursor *cursor,
                                       MetricSeries *series) = 0;
    virtual Result<QStringList> metricKeys(const QString &runId) = 0;
    // Sampled histories of one metric for several runs, steps in [startStep, endStep]. The
    // default reads every point (right for local stores); the REST store asks the server for
    // get-history-bulk-interval (at most 100 runs and 2500 points per run per request).
    virtual Result<QList<SampledHistory>> getSampledHistories(
        const QStringList &runIds, const QString &key, int maxPointsPerRun,
        qint64 startStep = std::numeric_limits<qint64>::min(),
        qint64 endStep = std::numeric_limits<qint64>::max());

    // Artifacts
    virtual Result<QList<ArtifactInfo>> listArtifacts(const QString &runId, const QString &path = {}) = 0;
    // A local file system path for an artifact, when the store has one (the file store); empty otherwise.
    virtual QString localArtifactPath(const QString &runId, const QString &path) = 0;
    virtual Result<QByteArray> readArtifact(const QString &runId, const QString &path, qint64 maxBytes) = 0;
    virtual Status writeArtifact(const QString &runId, const QString &path, const QByteArray &data) = 0;

    // Model registry
    virtual Result<QList<RegisteredModel>> listRegisteredModels() = 0;
    virtual Result<QList<ModelVersion>> listModelVersions(const QString &modelName) = 0;
    // Registry writes and single lookups. The defaults answer NOT_SUPPORTED ("this store has no
    // model registry"), so read-only stores (bundles) need not implement them.
    virtual Result<RegisteredModel> getRegisteredModel(const QString &name);
    virtual Result<RegisteredModel> createRegisteredModel(const QString &name, const QString &description = {},
                                                          const QList<Tag> &tags = {});
    // source: "runs:/<run>/model" (or an artifact URI); runId links the version to its run.
    virtual Result<ModelVersion> createModelVersion(const QString &modelName, const QString &source,
                                                    const QString &runId, const QString &description = {},
                                                    const QList<Tag> &tags = {});
    virtual Result<ModelVersion> getModelVersion(const QString &modelName, const QString &version);
    virtual Status setModelAlias(const QString &modelName, const QString &alias, const QString &version);
    virtual Status deleteModelAlias(const QString &modelName, const QString &alias);
    virtual Result<ModelVersion> getModelVersionByAlias(const QString &modelName, const QString &alias);
    virtual Status setRegisteredModelTag(const QString &modelName, const QString &key, const QString &value);
    virtual Status setModelVersionTag(const QString &modelName, const QString &version, const QString &key,
                                      const QString &value);

    // Connectivity, for stores that can fall back to what they cached (OfflineCacheStore): true
    // while answers come from the cache because the server cannot be reached; the reason in words.
    virtual bool isOffline() const { return false; }
    virtual QString offlineReason() const { return {}; }
    // Writes are refused (bundles, an offline cache).
    virtual bool isReadOnly() const { return false; }
    // Called from another thread (shutdown, a cancelled view) to end the blocking call in
    // progress soon; that call fails with code CANCELLED. Local stores need not do anything.
    virtual void interrupt() {}
};

} // namespace lab
