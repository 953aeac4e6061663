#include "telemetry/nvmlsampler.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QFile>
#include <QLoggingCategory>

#include <vector>

Q_LOGGING_CATEGORY(lcNvml, "labconsole.nvml")

namespace lab {

namespace {
constexpr const char *Ctx = "lab::GpuTelemetry";
}

TelemetryState NvmlSampler::open(QString *message)
{
    QString why;
    if (!m_lib.open(&why)) {
        qCInfo(lcNvml) << "NVML not available:" << why;
        *message = QCoreApplication::translate(Ctx, "No NVIDIA driver found");
        return m_state = TelemetryState::NoDriver;
    }
    const nvmlReturn_t r = m_lib.init();
    if (r != NVML_SUCCESS) {
        const QString err = m_lib.errorString(r);
        qCWarning(lcNvml) << "nvmlInit_v2 failed:" << r << err;
        if (r == NVML_ERROR_DRIVER_NOT_LOADED || r == NVML_ERROR_LIBRARY_NOT_FOUND) {
            //: %1 is NVML's own error text
            *message = QCoreApplication::translate(Ctx, "No NVIDIA driver found (%1)").arg(err);
            return m_state = TelemetryState::NoDriver;
        }
        //: %1 is NVML's own error text
        *message =
            QCoreApplication::translate(Ctx, "The NVIDIA driver could not be initialised: %1").arg(err);
        return m_state = TelemetryState::Error;
    }
    unsigned int count = 0;
    const nvmlReturn_t rc = m_lib.getCount(&count);
    if (rc != NVML_SUCCESS) {
        *message = QCoreApplication::translate(Ctx, "The NVIDIA driver could not count the GPUs: %1")
                       .arg(m_lib.errorString(rc));
        return m_state = TelemetryState::Error;
    }
    m_count = int(count);
    if (m_count == 0) {
        *message = QCoreApplication::translate(Ctx, "No NVIDIA GPU found");
        return m_state = TelemetryState::NoGpu;
    }
    *message = QCoreApplication::translate(Ctx, "%n GPU(s)", nullptr, m_count);
    return m_state = TelemetryState::Available;
}

QList<GpuSample> NvmlSampler::sample(const QHash<qint64, GpuOwner> &owners)
{
    QList<GpuSample> out;
    if (m_state != TelemetryState::Available)
        return out;
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    std::vector<nvmlProcessInfo_t> procs(32);
    for (int i = 0; i < m_count; ++i) {
        nvmlDevice_t dev = nullptr;
        const nvmlReturn_t rh = m_lib.getHandleByIndex(unsigned(i), &dev);
        if (rh != NVML_SUCCESS) {
            qCWarning(lcNvml) << "GPU" << i << "unavailable:" << m_lib.errorString(rh);
            continue;
        }
        GpuSample s;
        s.index = i;
        s.timestampMs = now;
        auto identity = m_identity.find(i);
        if (identity == m_identity.end()) {
            char name[NVML_DEVICE_NAME_V2_BUFFER_SIZE] = {};
            char uuid[NVML_DEVICE_UUID_V2_BUFFER_SIZE] = {};
            QString n, u;
            if (m_lib.getName(dev, name, sizeof name) == NVML_SUCCESS)
                n = QString::fromUtf8(name, qstrnlen(name, sizeof name));
            if (m_lib.getUuid(dev, uuid, sizeof uuid) == NVML_SUCCESS)
                u = QString::fromUtf8(uuid, qstrnlen(uuid, sizeof uuid));
            identity = m_identity.insert(i, {n, u});
        }
        s.name = identity->first;
        s.uuid = identity->second;

        nvmlUtilization_t util{};
        if (m_lib.getUtilization(dev, &util) == NVML_SUCCESS)
            s.utilizationPercent = util.gpu;
        nvmlMemory_t mem{};
        if (m_lib.getMemoryInfo(dev, &mem) == NVML_SUCCESS) {
            s.memoryUsedBytes = qint64(mem.used);
            s.memoryTotalBytes = qint64(mem.total);
        }
        unsigned int temp = 0;
        if (m_lib.getTemperature(dev, NVML_TEMPERATURE_GPU, &temp) == NVML_SUCCESS)
            s.temperatureC = temp;
        unsigned int milliwatts = 0;
        if (m_lib.getPowerUsage(dev, &milliwatts) == NVML_SUCCESS)
            s.powerWatts = milliwatts / 1000.0;

        // The list can grow between the size query and the read: retry a few times.
        for (int attempt = 0; m_lib.getComputeProcesses && attempt < 3; ++attempt) {
            unsigned int n = unsigned(procs.size());
            const nvmlReturn_t rp = m_lib.getComputeProcesses(dev, &n, procs.data());
            if (rp == NVML_ERROR_INSUFFICIENT_SIZE) {
                procs.resize(std::max<std::size_t>(n + 8, procs.size() * 2));
                continue;
            }
            if (rp == NVML_SUCCESS) {
                for (unsigned int k = 0; k < n && k < procs.size(); ++k)
                    s.pids.append(qint64(procs[k].pid));
            }
            break;
        }
        for (qint64 pid : std::as_const(s.pids)) {
            if (const GpuOwner *o = ownerOf(pid, owners)) {
                s.ownerJobId = o->jobId;
                s.ownerRunId = o->runId;
                s.ownerName = o->name;
                break;
            }
        }
        out.append(s);
    }
    return out;
}

qint64 NvmlSampler::parentPid(qint64 pid)
{
    QFile f(QStringLiteral("/proc/%1/stat").arg(pid));
    if (!f.open(QIODevice::ReadOnly))
        return 0;
    // "pid (comm) state ppid ...": comm may hold spaces and parentheses, so split after the last ')'.
    const QByteArray line = f.read(4096);
    const int close = line.lastIndexOf(')');
    if (close < 0)
        return 0;
    const QList<QByteArray> fields = line.mid(close + 1).simplified().split(' ');
    if (fields.size() < 2)
        return 0;
    bool ok = false;
    const qint64 ppid = fields.at(1).toLongLong(&ok);
    return ok ? ppid : 0;
}

const GpuOwner *NvmlSampler::ownerOf(qint64 pid, const QHash<qint64, GpuOwner> &owners)
{
    if (owners.isEmpty())
        return nullptr;
    // Bounded: a pid namespace rarely nests deeper than a few dozen processes.
    for (int depth = 0; depth < 64 && pid > 1; ++depth) {
        const auto it = owners.constFind(pid);
        if (it != owners.constEnd())
            return &it.value();
        pid = parentPid(pid);
    }
    return nullptr;
}

} // namespace lab
