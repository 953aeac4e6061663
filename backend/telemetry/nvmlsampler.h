#pragma once

#include "telemetry/gputelemetry.h"
#include "telemetry/nvmllibrary.h"

#include <QHash>
#include <QList>
#include <QString>

namespace lab {

// Reads every GPU once per call through NVML. Blocking and single-threaded: NvmlTelemetry runs
// it on its worker thread, `labctl gpus` on its own.
class NvmlSampler
{
public:
    // Opens and initialises NVML and counts the GPUs; the state says what came of it
    // (Available, NoDriver, NoGpu or Error) and `message` says it in words.
    TelemetryState open(QString *message);
    TelemetryState state() const { return m_state; }
    int gpuCount() const { return m_count; }

    // One sample per GPU, owners resolved from `owners` through each process's parent chain.
    QList<GpuSample> sample(const QHash<qint64, GpuOwner> &owners);

    // The owner of `pid`: itself or its nearest ancestor listed in `owners` (/proc/<pid>/stat).
    static const GpuOwner *ownerOf(qint64 pid, const QHash<qint64, GpuOwner> &owners);
    static qint64 parentPid(qint64 pid); // 0 when unknown

private:
    NvmlLibrary m_lib;
    TelemetryState m_state = TelemetryState::Starting;
    int m_count = 0;
    QHash<int, QPair<QString, QString>> m_identity; // index -> (name, uuid), read once
};

} // namespace lab
