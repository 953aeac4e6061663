#pragma once

#include "compute/jobspec.h"
#include "core/result.h"

#include <QObject>

#include <optional>

namespace lab {

// The compute seam (DESIGN.md): submit, list, watch and cancel jobs; logs. Asynchronous:
// calls return at once, progress arrives as signals on the object's thread.
class ComputeBackend : public QObject
{
    Q_OBJECT
public:
    using QObject::QObject;
    ~ComputeBackend() override = default;

    // Creates the MLflow run first, then queues the job. Returns the job's status as queued,
    // or an error that says why it cannot be launched (no write permission, unknown program...).
    virtual Result<JobStatus> submit(const JobSpec &spec) = 0;
    // A parent run plus one queued child per grid combination; returns the children.
    virtual Result<QList<JobStatus>> submitSweep(const SweepSpec &sweep) = 0;
    virtual Status cancel(const QString &jobIdOrRunId) = 0;
    virtual QList<JobStatus> jobs() const = 0;
    virtual std::optional<JobStatus> job(const QString &jobIdOrRunId) const = 0;

Q_SIGNALS:
    void jobChanged(const lab::JobStatus &status);
    // New bytes of a job's combined stdout/stderr (already written to its log file).
    void logAppended(const QString &jobId, const QByteArray &bytes);
};

} // namespace lab
