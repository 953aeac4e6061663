#pragma once

#include "tracking/mlflowconnection.h"
#include "tracking/trackingstore.h"

#include <QHash>

#include <algorithm>
#include <memory>

namespace lab {

class MlflowRestClient;
class MlflowRestRegistry;

// The TrackingStore of an MLflow tracking server (http(s):// URIs), over MLflow's REST API 2.0 as
// service.proto and MLflow's Python RestStore use it. Blocking, one calling thread at a time
// (see TrackingStore); interrupt() from any thread.
//
// - Metric histories: metrics/get-history paged with max_results/page_token.
// - readMetricIncrement: MetricCursor::position is the next step to fetch (0: nothing read yet,
//   so the first call reads the whole history; steps below 0 are only read by that first call).
//   Later calls ask get-history-bulk-interval for the steps from the cursor on, and fall back to
//   get-history when the server would have sampled the answer or lacks that endpoint.
// - logBatch: split into MLflow's limits; a batch the server may have stored in part (5xx, or
//   a connection lost after it was sent) is checked against the stored histories and only the
//   missing points are sent again.
// - Artifacts: artifacts/list; reads and writes through the mlflow-artifacts proxy when the run's
//   artifact URI is mlflow-artifacts:/..., or straight from disk for a local file: URI.
class MlflowRestStore : public TrackingStore
{
public:
    explicit MlflowRestStore(MlflowConnection connection);
    // Shares a transport (e.g. with MlflowRestRegistry or a second store on another thread: not
    // at the same time, the client serves one call at a time).
    explicit MlflowRestStore(std::shared_ptr<MlflowRestClient> client);
    ~MlflowRestStore() override;

    std::shared_ptr<MlflowRestClient> client() const { return m_client; }

    // MLflow's limits for one runs/log-batch request (mlflow/utils/validation.py).
    static constexpr int MaxMetricsPerBatch = 1000;
    static constexpr int MaxParamsTagsPerBatch = 100;
    static constexpr int MaxEntitiesPerBatch = 1000;
    static constexpr qint64 MaxBatchBodyBytes = 1000000;
    // get-history page size (the server's own maximum) and get-history-bulk-interval limits.
    static constexpr int HistoryPageSize = 25000;
    static constexpr int MaxRunsPerBulkInterval = 100;
    static constexpr int MaxPointsPerBulkInterval = 2500;

    QString uri() const override;

    Result<QList<Experiment>> listExperiments(ViewType view = ViewType::ActiveOnly) override;
    Result<Experiment> getExperiment(const QString &experimentId) override;
    Result<std::optional<Experiment>> getExperimentByName(const QString &name) override;
    Result<QString> createExperiment(const QString &name, const QString &artifactLocation = {}) override;

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
    Status readMetricIncrement(const QString &runId, const QString &key, MetricCursor *cursor,
                               MetricSeries *series) override;
    Result<QStringList> metricKeys(const QString &runId) override;
    Result<QList<SampledHistory>>
    getSampledHistories(const QStringList &runIds, const QString &key, int maxPointsPerRun,
                        qint64 startStep = std::numeric_limits<qint64>::min(),
                        qint64 endStep = std::numeric_limits<qint64>::max()) override;

    Result<QList<ArtifactInfo>> listArtifacts(const QString &runId, const QString &path = {}) override;
    QString localArtifactPath(const QString &runId, const QString &path) override;
    Result<QByteArray> readArtifact(const QString &runId, const QString &path, qint64 maxBytes) override;
    Status writeArtifact(const QString &runId, const QString &path, const QByteArray &data) override;

    // The model registry, forwarded to MlflowRestRegistry on the same client.
    Result<QList<RegisteredModel>> listRegisteredModels() override;
    Result<QList<ModelVersion>> listModelVersions(const QString &modelName) override;
    Result<RegisteredModel> getRegisteredModel(const QString &name) override;
    Result<RegisteredModel> createRegisteredModel(const QString &name, const QString &description = {},
                                                  const QList<Tag> &tags = {}) override;
    Result<ModelVersion> createModelVersion(const QString &modelName, const QString &source,
                                            const QString &runId, const QString &description = {},
                                            const QList<Tag> &tags = {}) override;
    Result<ModelVersion> getModelVersion(const QString &modelName, const QString &version) override;
    Status setModelAlias(const QString &modelName, const QString &alias, const QString &version) override;
    Status deleteModelAlias(const QString &modelName, const QString &alias) override;
    Result<ModelVersion> getModelVersionByAlias(const QString &modelName, const QString &alias) override;
    Status setRegisteredModelTag(const QString &modelName, const QString &key, const QString &value) override;
    Status setModelVersionTag(const QString &modelName, const QString &version, const QString &key,
                              const QString &value) override;
    MlflowRestRegistry &registry() { return *m_registry; }

    void interrupt() override;

    // Points per get-history page (at most the server's 25000); smaller pages, smaller answers.
    void setHistoryPageSize(int points) { m_historyPageSize = std::clamp(points, 1, HistoryPageSize); }

    // How many requests log-batch needed for the last logBatch() call (for tests and the trainer's log).
    int lastLogBatchRequests() const { return m_lastLogBatchRequests; }

private:
    Status sendBatchChunk(const QString &runId, QList<MetricPoint> metrics, const QList<Param> &params,
                          const QList<Tag> &tags);
    Status readHistoryInto(const QString &runId, const QString &key, MetricSeries *series, qint64 fromStep);
    Result<QString> artifactUri(const QString &runId);
    bool sleepInterruptible(qint64 ms) const;

    std::shared_ptr<MlflowRestClient> m_client;
    std::unique_ptr<MlflowRestRegistry> m_registry;
    QHash<QString, QString> m_artifactUris; // run id -> artifact URI (a run's never changes)
    bool m_noBulkInterval = false;          // the server lacks get-history-bulk-interval (MLflow < 2.10)
    int m_lastLogBatchRequests = 0;
    int m_historyPageSize = HistoryPageSize;
};

} // namespace lab
