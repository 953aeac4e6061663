#pragma once

#include <QList>
#include <QMap>
#include <QMetaType>
#include <QString>
#include <QStringList>

namespace lab {

// MLflow's RunStatus enum, with its wire names.
enum class RunStatus { Running, Scheduled, Finished, Failed, Killed };

QString runStatusName(RunStatus s);                       // "RUNNING", ... (MLflow wire names)
bool parseRunStatus(const QString &name, RunStatus *out); // accepts the wire names and MLflow's file-store integers
bool isTerminal(RunStatus s);

// Lifecycle stage of experiments and runs ("active" / "deleted").
enum class LifecycleStage { Active, Deleted };
QString lifecycleStageName(LifecycleStage s);

struct Tag
{
    QString key;
    QString value;
    friend bool operator==(const Tag &, const Tag &) = default;
};

struct Param
{
    QString key;
    QString value;
    friend bool operator==(const Param &, const Param &) = default;
};

// One logged metric value, as MLflow's Metric message.
struct MetricPoint
{
    QString key;
    double value = 0;
    qint64 timestamp = 0; // ms since the epoch
    qint64 step = 0;
    friend bool operator==(const MetricPoint &, const MetricPoint &) = default;
};

struct Experiment
{
    QString id;
    QString name;
    QString artifactLocation;
    LifecycleStage lifecycleStage = LifecycleStage::Active;
    qint64 creationTime = 0;   // ms; 0 when the store does not record it (MLflow 1.x)
    qint64 lastUpdateTime = 0; // ms; 0 when unknown
    QList<Tag> tags;
    QStringList warnings;      // problems found while reading it; shown to the user
};

struct RunInfo
{
    QString runId;
    QString experimentId;
    QString runName;
    QString userId;
    RunStatus status = RunStatus::Running;
    qint64 startTime = 0; // ms
    qint64 endTime = 0;   // ms; 0 while running
    QString artifactUri;
    LifecycleStage lifecycleStage = LifecycleStage::Active;
};

struct Run
{
    RunInfo info;
    QList<MetricPoint> metrics; // latest value of each metric (MLflow's RunData.metrics)
    QList<Param> params;
    QList<Tag> tags;
    QStringList warnings; // e.g. "metrics/loss line 12 is malformed"; the run still loads

    QString tag(const QString &key, const QString &fallback = {}) const;
    QString param(const QString &key, const QString &fallback = {}) const;
    const MetricPoint *metric(const QString &key) const;
    QString parentRunId() const { return tag(QStringLiteral("mlflow.parentRunId")); }
};

// A file or folder under a run's artifact root.
struct ArtifactInfo
{
    QString path; // relative to the artifact root, '/'-separated
    bool isDir = false;
    qint64 fileSize = 0;
};

struct RegisteredModel
{
    QString name;
    qint64 creationTimestamp = 0;
    qint64 lastUpdatedTimestamp = 0;
    QString description;
    QMap<QString, QString> aliases; // alias -> version
    QList<Tag> tags;
};

struct ModelVersion
{
    QString name;
    QString version;
    qint64 creationTimestamp = 0;
    qint64 lastUpdatedTimestamp = 0;
    QString currentStage;
    QString description;
    QString source;
    QString runId;
    QString status;
    QStringList aliases;
    QList<Tag> tags;
};

// Standard MLflow tag keys.
namespace tags {
inline const QString ParentRunId = QStringLiteral("mlflow.parentRunId");
inline const QString RunName = QStringLiteral("mlflow.runName");
inline const QString User = QStringLiteral("mlflow.user");
inline const QString SourceName = QStringLiteral("mlflow.source.name");
inline const QString SourceType = QStringLiteral("mlflow.source.type");
inline const QString LogModelHistory = QStringLiteral("mlflow.log-model.history");
inline const QString Note = QStringLiteral("mlflow.note.content");
// Ours: how a run is tied to the job that produced it.
inline const QString JobId = QStringLiteral("labconsole.job.id");
inline const QString JobPid = QStringLiteral("labconsole.job.pid");
inline const QString JobPidStart = QStringLiteral("labconsole.job.pidStartTicks");
inline const QString JobHost = QStringLiteral("labconsole.job.host");
inline const QString JobCommand = QStringLiteral("labconsole.job.command");
inline const QString JobExitCode = QStringLiteral("labconsole.job.exitCode");
inline const QString JobMessage = QStringLiteral("labconsole.job.message");
inline const QString JobGpus = QStringLiteral("labconsole.job.gpus");
inline const QString SweepParent = QStringLiteral("labconsole.sweep");
} // namespace tags

} // namespace lab

Q_DECLARE_METATYPE(lab::Run)
Q_DECLARE_METATYPE(lab::Experiment)
