#pragma once

#include "telemetry/gputelemetry.h"

#include <QHash>
#include <QList>
#include <QThread>

#include <memory>

namespace lab {

// The local lab's GPU telemetry: NVML from the local driver, opened at run time. Sampling runs
// on a worker thread every intervalMs; samples arrive by queued signal and a history per GPU is
// kept for the charts. Without a driver or a GPU it reports that state (NoDriver, NoGpu) and
// never fails in any louder way.
class NvmlTelemetry : public GpuTelemetry
{
    Q_OBJECT
public:
    explicit NvmlTelemetry(QObject *parent = nullptr);
    ~NvmlTelemetry() override; // stops and joins the worker

    TelemetryState state() const override { return m_state; }
    QString stateMessage() const override { return m_message; }
    QList<GpuSample> latest() const override { return m_latest; }
    QList<GpuSample> history(int gpuIndex) const override { return m_history.value(gpuIndex); }
    // Starts sampling, or changes the interval when already running.
    void start(int intervalMs = 1000) override;
    void stop() override;
    bool isRunning() const { return m_thread != nullptr; }
    void setPidOwners(const QHash<qint64, GpuOwner> &owners) override;

    // How much history each GPU keeps (default 10 minutes).
    void setHistoryWindow(qint64 ms) { m_windowMs = ms; }
    qint64 historyWindow() const { return m_windowMs; }

    // One reading on the calling thread, for `labctl gpus`: opens NVML, samples, closes.
    struct Snapshot
    {
        TelemetryState state = TelemetryState::Starting;
        QString message;
        QList<GpuSample> gpus;
    };
    static Snapshot snapshot(const QHash<qint64, GpuOwner> &owners = {});

private:
    class Worker;
    void setState(TelemetryState state, const QString &message);
    void addSamples(const QList<GpuSample> &samples);

    std::unique_ptr<QThread> m_thread;
    Worker *m_worker = nullptr; // lives on m_thread
    TelemetryState m_state = TelemetryState::Starting;
    QString m_message;
    QList<GpuSample> m_latest;
    QHash<int, QList<GpuSample>> m_history;
    QHash<qint64, GpuOwner> m_owners;
    qint64 m_windowMs = 10 * 60 * 1000;
    quint64 m_generation = 0; // drops samples still queued from a stopped worker
};

} // namespace lab
