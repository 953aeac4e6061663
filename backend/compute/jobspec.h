#pragma once

#include <QList>
#include <QMap>
#include <QMetaType>
#include <QPair>
#include <QString>
#include <QStringList>

namespace lab {

// What to run. The same spec goes to the local runner and (later) to a Kubernetes Job.
struct JobSpec
{
    QString runName;          // MLflow run name; also the job's display name
    QString experimentName;   // MLflow experiment (created when missing)
    QString image;            // container image (cluster); empty on the local lab
    QStringList command;      // program and fixed arguments; empty = the bundled trainer
    // Hyper-parameters in the order given; each becomes "--kebab-case-name=value" (DESIGN.md),
    // unless commandTemplate is set (an MLproject entry point), which then formats them.
    QList<QPair<QString, QString>> params;
    QString commandTemplate;  // MLproject `command:` with {name} placeholders; empty = plain arguments
    QMap<QString, QString> env;
    QString workingDirectory;
    double cpus = 1.0;        // cores requested
    qint64 memoryBytes = 512ll * 1024 * 1024;
    int gpus = 0;
    QString parentRunId;      // set for the child runs of a sweep

    // "learning_rate" -> "learning-rate"; "hiddenSizes" -> "hidden-sizes".
    static QString kebabCase(const QString &name);
    // The argument vector: command + "--kebab=value" per param, or the expanded template.
    QStringList arguments() const;
};

// A grid sweep: each key's value list multiplies the grid; fixed params go to every child.
struct SweepSpec
{
    JobSpec base;
    QList<QPair<QString, QStringList>> axes; // parameter -> values, in the order given

    // One JobSpec per combination, with the axis values placed into params (replacing any
    // base value of the same key) and the run name suffixed with the combination.
    QList<JobSpec> expand() const;
    int size() const;
};

enum class JobState { Queued, Starting, Running, Succeeded, Failed, Cancelled };
QString jobStateName(JobState s); // untranslated identifier: "queued", "running", ...

struct JobStatus
{
    QString jobId;
    QString runId;
    QString experimentId;
    QString name;
    JobState state = JobState::Queued;
    int exitCode = 0;
    QString message;           // why it failed, in words, with the last log lines where useful
    qint64 pid = 0;
    QList<int> gpuIndices;     // GPUs given to this job
    qint64 queuedAtMs = 0;
    qint64 startedAtMs = 0;
    qint64 finishedAtMs = 0;
    QString logPath;           // local file holding stdout+stderr (the run's logs artifact)
};

} // namespace lab

Q_DECLARE_METATYPE(lab::JobStatus)
