#pragma once

#include "core/result.h"
#include "core/types.h"
#include "tracking/trackingstore.h"

#include <QByteArray>
#include <QDateTime>
#include <QHash>
#include <QList>
#include <QMap>
#include <QString>

#include <memory>

namespace lab {

// A bundle file (RunBundle) opened as a read-only TrackingStore: the runs, experiments, params,
// tags and latest metrics are read once at load; metric histories and artifacts are read from the
// file on demand, so a bundle of many long histories costs little memory until a chart asks.
//
// File format, version 1 ("*.labbundle"):
//   line 1   a JSON header, uncompressed so `head -1` tells what the file is:
//            {"format": "labconsole-bundle", "version": 1, "created": "<ISO 8601 UTC>",
//             "source": "<store URI, without credentials>", "compression": "zlib", "runs": N,
//             "data_size": D, "manifest": {"offset": o, "size": s}}
//   then     D bytes of sections; offsets count from the byte after the header's newline. Each
//            section is qCompress()ed (a 4-byte big-endian raw size, then a zlib stream whose
//            adler32 catches corruption).
//   manifest {"experiments": [<MLflow REST Experiment>...],
//             "runs": [{"run": <MLflow REST Run>,
//                       "histories": [{"key", "offset", "size", "points"}...],
//                       "artifacts": [{"path", "offset", "size", "bytes", "truncated",
//                       "original_bytes"}...]}]}
//   history  a get-history response: {"metrics": [{key, value, timestamp, step}...]}, NaN and
//            infinities as "NaN" / "Infinity" / "-Infinity" (lab::MlflowJson)
//   artifact the file's bytes as they are (logs/output.log, model/MLmodel), at most
//            MaxArtifactBytes each; a longer file is cut there and marked "truncated".
// A newer version is refused with a message that says so; a file shorter than its header
// announces (a copy that stopped early) is refused as incomplete.
class BundleStore : public TrackingStore
{
public:
    static constexpr const char *FormatName = "labconsole-bundle";
    static constexpr int FormatVersion = 1;
    static constexpr qint64 MaxArtifactBytes = 16 * 1024 * 1024;
    // The artifacts a bundle carries for each run, when the run has them.
    static QStringList bundledArtifactPaths();

    // Reads the header and the manifest and checks the file is complete; errors in words.
    static Result<std::unique_ptr<BundleStore>> load(const QString &filePath);

    QString filePath() const { return m_path; }
    QDateTime created() const { return m_created; }
    QString source() const { return m_source; } // where the runs were exported from

    QString uri() const override { return m_path; }
    bool isReadOnly() const override { return true; }

    Result<QList<Experiment>> listExperiments(ViewType view = ViewType::ActiveOnly) override;
    Result<Experiment> getExperiment(const QString &experimentId) override;
    Result<std::optional<Experiment>> getExperimentByName(const QString &name) override;
    Result<QString> createExperiment(const QString &name, const QString &artifactLocation = {}) override;

    // Filter and order_by as MLflow's search (SearchFilter, RunOrder); page tokens as MLflow's.
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
    // The cursor counts points; a bundle never changes, so one read returns everything.
    Status readMetricIncrement(const QString &runId, const QString &key, MetricCursor *cursor,
                               MetricSeries *series) override;
    Result<QStringList> metricKeys(const QString &runId) override;

    Result<QList<ArtifactInfo>> listArtifacts(const QString &runId, const QString &path = {}) override;
    QString localArtifactPath(const QString &, const QString &) override { return {}; }
    Result<QByteArray> readArtifact(const QString &runId, const QString &path, qint64 maxBytes) override;
    Status writeArtifact(const QString &runId, const QString &path, const QByteArray &data) override;

    // A bundle carries no registry: both lists are empty.
    Result<QList<RegisteredModel>> listRegisteredModels() override;
    Result<QList<ModelVersion>> listModelVersions(const QString &modelName) override;

private:
    struct Section
    {
        qint64 offset = 0;
        qint64 size = 0;
    };
    struct StoredHistory
    {
        Section section;
        qint64 points = 0;
    };
    struct StoredArtifact
    {
        Section section;
        qint64 bytes = 0;
        bool truncated = false;
        qint64 originalBytes = 0;
    };
    struct StoredRun
    {
        Run run;
        QMap<QString, StoredHistory> histories;
        QMap<QString, StoredArtifact> artifacts;
    };

    explicit BundleStore(const QString &filePath);
    Error readOnly() const;
    Result<const StoredRun *> findRun(const QString &runId) const;
    Result<QByteArray> readSection(const Section &section, const QString &what) const;

    QString m_path;
    QDateTime m_created;
    QString m_source;
    qint64 m_dataStart = 0;
    qint64 m_dataSize = 0;
    QList<Experiment> m_experiments;
    QList<StoredRun> m_runs;
    QHash<QString, qsizetype> m_runIndex; // run id -> index in m_runs
};

} // namespace lab
