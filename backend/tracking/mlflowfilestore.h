#pragma once

#include "core/result.h"
#include "core/types.h"
#include "tracking/trackingstore.h"

#include <QHash>
#include <QString>
#include <QStringList>

#include <functional>

namespace lab {

// The local TrackingStore: an MLflow FileStore folder (`mlruns/`), read and written in exactly the
// layout MLflow's own FileStore uses, so that `mlflow ui --backend-store-uri <root>` reads what we
// write and we read what MLflow 1.x and 2.x wrote:
//   <root>/<experiment_id>/meta.yaml, tags/<key>
//   <root>/<experiment_id>/<run_id>/meta.yaml, metrics/<key> ("timestamp value step" lines),
//       params/<key>, tags/<key>, artifacts/
//   <root>/.trash/<experiment_id>/   deleted experiments
//   <root>/models/<name>/meta.yaml, aliases/<alias>, tags/, version-<n>/meta.yaml
// Reading never writes. Writes go through a temporary file and a rename (QSaveFile); metric points
// are appended as whole lines in one write so a concurrent reader sees complete lines or none.
// Problems in one run or experiment (corrupt meta.yaml, malformed metric line, missing folder) land
// in its `warnings`; the rest of the store still loads.
//
// Listing reads only the last line of each metric file (MLflow takes the point with the highest
// step; we take the last one logged, which is the same for every writer that logs steps in order).
class MlflowFileStore : public TrackingStore
{
public:
    // Opens the store at `rootPath`. Nothing is read or written until a call needs it.
    explicit MlflowFileStore(const QString &rootPath);

    // Creates the store when its folder is missing or empty, as MLflow does: the root and the
    // experiment 0 "Default". A store that already holds anything is left untouched.
    Status initialize();
    // Whether runs and experiments can be created here; a clear error (path and reason) when not.
    // Call before a launch.
    Status checkWritable() const;

    QString rootPath() const { return m_root; }
    QString uri() const override;

    Result<QList<Experiment>> listExperiments(ViewType view = ViewType::ActiveOnly) override;
    Result<Experiment> getExperiment(const QString &experimentId) override;
    Result<std::optional<Experiment>> getExperimentByName(const QString &name) override;
    Result<QString> createExperiment(const QString &name, const QString &artifactLocation = {}) override;
    Status setExperimentTag(const QString &experimentId, const QString &key, const QString &value);
    // Moves the experiment to .trash and marks it and its runs deleted (MLflow's delete_experiment).
    Status deleteExperiment(const QString &experimentId);
    Status restoreExperiment(const QString &experimentId);

    // No experiment ids = every experiment. Page tokens are MLflow's (base64 of {"offset": n}).
    Result<RunPage> searchRuns(const RunSearch &search) override;
    Result<Run> getRun(const QString &runId) override;
    Result<Run> createRun(const QString &experimentId, const QString &runName, qint64 startTimeMs,
                          const QList<Tag> &tags, const QString &userId = {}) override;
    Status updateRun(const QString &runId, RunStatus status, qint64 endTimeMs,
                     const QString &runName = {}) override;
    Status setTag(const QString &runId, const QString &key, const QString &value) override;
    Status deleteTag(const QString &runId, const QString &key) override;
    Status logBatch(const QString &runId, const QList<MetricPoint> &metrics, const QList<Param> &params,
                    const QList<Tag> &tags) override;
    Status deleteRun(const QString &runId) override;
    Status restoreRun(const QString &runId) override;

    Result<QList<MetricPoint>> getMetricHistory(const QString &runId, const QString &key) override;
    // Reads metrics/<key> from cursor->position on. A missing file (nothing logged yet) is not an
    // error. When the file is shorter than the cursor it was rewritten: the read restarts at 0 and
    // cursor->reset is set (otherwise cleared).
    Status readMetricIncrement(const QString &runId, const QString &key, MetricCursor *cursor,
                               MetricSeries *series) override;
    Result<QStringList> metricKeys(const QString &runId) override;

    Result<QList<ArtifactInfo>> listArtifacts(const QString &runId, const QString &path = {}) override;
    QString localArtifactPath(const QString &runId, const QString &path) override;
    // Reads at most maxBytes (all when maxBytes < 0); a longer file is cut at maxBytes.
    Result<QByteArray> readArtifact(const QString &runId, const QString &path, qint64 maxBytes) override;
    Status writeArtifact(const QString &runId, const QString &path, const QByteArray &data) override;

    Result<QList<RegisteredModel>> listRegisteredModels() override;
    Result<QList<ModelVersion>> listModelVersions(const QString &modelName) override;
    // Registry writes in MLflow's FileStore layout (see the class comment); errors carry MLflow's
    // codes (RESOURCE_DOES_NOT_EXIST, RESOURCE_ALREADY_EXISTS, INVALID_PARAMETER_VALUE).
    Result<RegisteredModel> getRegisteredModel(const QString &name) override;
    Result<RegisteredModel> createRegisteredModel(const QString &name, const QString &description = {},
                                                  const QList<Tag> &tags = {}) override;
    Result<ModelVersion> createModelVersion(const QString &modelName, const QString &source,
                                            const QString &runId, const QString &description = {},
                                            const QList<Tag> &tags = {}) override;
    Result<ModelVersion> getModelVersion(const QString &modelName, const QString &version) override;
    // MLflow's rules: letters, digits, _ and -; "latest" and v<number> are reserved.
    Status setModelAlias(const QString &modelName, const QString &alias, const QString &version) override;
    Status deleteModelAlias(const QString &modelName, const QString &alias) override;
    Result<ModelVersion> getModelVersionByAlias(const QString &modelName, const QString &alias) override;
    Status setRegisteredModelTag(const QString &modelName, const QString &key, const QString &value) override;
    Status setModelVersionTag(const QString &modelName, const QString &version, const QString &key,
                              const QString &value) override;

    // MLflow's text for a metric value (Python's repr of a float: "0.5", "1.0", "nan", "inf", "-inf").
    static QByteArray formatMetricValue(double value);
    // Parses one metric line ("timestamp value [step]"); false when malformed.
    static bool parseMetricLine(QByteArrayView line, qint64 *timestamp, double *value, qint64 *step);

private:
    struct RunLocation
    {
        QString experimentId;
        QString dir;
    };
    Result<RunLocation> findRun(const QString &runId);
    QString experimentDir(const QString &experimentId, ViewType view = ViewType::All) const;
    Experiment readExperiment(const QString &dir, const QString &folderName, LifecycleStage where) const;
    // Reads a run folder. fullMetricScan: check every line of each metric file (getRun) rather
    // than only the last one (listing).
    Run readRun(const QString &dir, const QString &experimentId, bool fullMetricScan) const;
    Status writeRunMeta(const QString &runDir, const RunInfo &info, bool deleted, qint64 deletedTime);
    Status updateRunMeta(const QString &runId,
                         const std::function<void(RunInfo &, qint64 &deletedTime)> &change);
    Result<Run> activeRun(const QString &runId, RunLocation *where);
    QString artifactRoot(const RunLocation &where, const QString &artifactUri) const;
    Status writeTagFile(const QString &runDir, const QString &key, const QString &value);
    QString modelDir(const QString &name) const;
    // Sets a registered model's last_updated_timestamp and rewrites its meta.yaml aliases from aliases/.
    Status touchRegisteredModel(const QString &name, qint64 updatedMs);

    QString m_root;
    QHash<QString, RunLocation> m_runCache; // run id -> where it was last found
};

} // namespace lab
