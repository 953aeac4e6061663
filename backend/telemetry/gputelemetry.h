#pragma once

#include <QHash>
#include <QList>
#include <QMetaType>
#include <QObject>
#include <QString>
#include <QStringList>

namespace lab {

struct GpuSample
{
    int index = 0;
    QString name; // "NVIDIA A100-SXM4-80GB"
    QString uuid;
    qint64 timestampMs = 0;
    double utilizationPercent = -1; // -1 = not reported
    qint64 memoryUsedBytes = -1;
    qint64 memoryTotalBytes = -1;
    double temperatureC = -1;
    double powerWatts = -1;
    QList<qint64> pids; // compute processes on the GPU
    QString ownerJobId; // our job holding it, when known
    QString ownerRunId;
    QString ownerName; // a pod name in cluster mode, the run name on the local lab
};

enum class TelemetryState { Starting, Available, NoDriver, NoGpu, Error };

// Which of our jobs a process belongs to (the local runner knows its jobs' pids).
struct GpuOwner
{
    QString jobId;
    QString runId;
    QString name; // run name (local lab) or pod name (cluster)
    friend bool operator==(const GpuOwner &, const GpuOwner &) = default;
};

// Text for `labctl gpus` and tooltips: one row per GPU, in the table's column order.
QStringList gpuTableHeaders();
QStringList gpuTableRow(const GpuSample &sample);
// An aligned text table of the samples (headers first); empty list = empty string.
QString describeGpus(const QList<GpuSample> &samples);

// The telemetry seam (DESIGN.md). Samples arrive as signals; a history is kept for the charts.
class GpuTelemetry : public QObject
{
    Q_OBJECT
public:
    using QObject::QObject;
    ~GpuTelemetry() override = default;

    virtual TelemetryState state() const = 0;
    // In words, for the panel and `labctl gpus`: "No NVIDIA driver found", "2 GPUs", ...
    virtual QString stateMessage() const = 0;
    virtual QList<GpuSample> latest() const = 0;
    // Samples of one GPU, oldest first, at most the kept window.
    virtual QList<GpuSample> history(int gpuIndex) const = 0;
    virtual void start(int intervalMs = 1000) = 0;
    virtual void stop() = 0;
    // The runner's live jobs by process id. A GPU process that is one of these pids, or a
    // descendant of one, marks the GPU as held by that job. Default: ignored (cluster telemetry
    // learns owners from pod labels instead).
    virtual void setPidOwners(const QHash<qint64, lab::GpuOwner> &owners) { Q_UNUSED(owners); }

Q_SIGNALS:
    void sampled(const QList<lab::GpuSample> &samples);
    void stateChanged(lab::TelemetryState state, const QString &message);
};

} // namespace lab

Q_DECLARE_METATYPE(lab::GpuSample)
Q_DECLARE_METATYPE(lab::GpuOwner)
