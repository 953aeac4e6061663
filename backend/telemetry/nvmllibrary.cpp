#include "telemetry/nvmllibrary.h"

#include <QStringList>

#include <dlfcn.h>
#include <type_traits>

namespace lab {

NvmlLibrary::~NvmlLibrary()
{
    close();
}

QString NvmlLibrary::libraryPath()
{
    const QString over = qEnvironmentVariable("LABCONSOLE_NVML_LIBRARY");
    return over.isEmpty() ? QStringLiteral("libnvidia-ml.so.1") : over;
}

bool NvmlLibrary::open(QString *why)
{
    if (m_handle)
        return true;
    const QByteArray path = libraryPath().toLocal8Bit();
    m_handle = dlopen(path.constData(), RTLD_NOW | RTLD_LOCAL);
    if (!m_handle) {
        if (why)
            *why = QString::fromLocal8Bit(dlerror());
        return false;
    }
    bool ok = true;
    QStringList missing;
    auto resolve = [&](auto &fn, const char *name) {
        fn = reinterpret_cast<std::remove_reference_t<decltype(fn)>>(dlsym(m_handle, name));
        if (!fn) {
            ok = false;
            missing << QLatin1String(name);
        }
    };
    resolve(m_init, "nvmlInit_v2");
    resolve(m_shutdown, "nvmlShutdown");
    resolve(m_errorString, "nvmlErrorString");
    resolve(getCount, "nvmlDeviceGetCount_v2");
    resolve(getHandleByIndex, "nvmlDeviceGetHandleByIndex_v2");
    resolve(getName, "nvmlDeviceGetName");
    resolve(getUuid, "nvmlDeviceGetUUID");
    resolve(getUtilization, "nvmlDeviceGetUtilizationRates");
    resolve(getMemoryInfo, "nvmlDeviceGetMemoryInfo");
    resolve(getTemperature, "nvmlDeviceGetTemperature");
    resolve(getPowerUsage, "nvmlDeviceGetPowerUsage");
    // Drivers before R510 lack _v3; _v2 takes the same struct. Without either, no owners.
    getComputeProcesses = reinterpret_cast<nvmlDeviceGetComputeRunningProcesses_v3_fn>(
        dlsym(m_handle, "nvmlDeviceGetComputeRunningProcesses_v3"));
    if (!getComputeProcesses)
        getComputeProcesses = reinterpret_cast<nvmlDeviceGetComputeRunningProcesses_v3_fn>(
            dlsym(m_handle, "nvmlDeviceGetComputeRunningProcesses_v2"));
    if (!ok) {
        if (why)
            *why = QStringLiteral("%1 lacks %2")
                       .arg(QString::fromLocal8Bit(path), missing.join(QStringLiteral(", ")));
        close();
        return false;
    }
    return true;
}

nvmlReturn_t NvmlLibrary::init()
{
    if (!m_handle)
        return NVML_ERROR_LIBRARY_NOT_FOUND;
    if (m_initialised)
        return NVML_SUCCESS;
    const nvmlReturn_t r = m_init();
    m_initialised = r == NVML_SUCCESS;
    return r;
}

QString NvmlLibrary::errorString(nvmlReturn_t r) const
{
    const char *s = m_errorString ? m_errorString(r) : nullptr;
    return s ? QString::fromUtf8(s) : QStringLiteral("NVML error %1").arg(r);
}

void NvmlLibrary::close()
{
    if (m_initialised && m_shutdown)
        m_shutdown();
    m_initialised = false;
    if (m_handle)
        dlclose(m_handle);
    m_handle = nullptr;
    m_init = nullptr;
    m_shutdown = nullptr;
    m_errorString = nullptr;
    getCount = nullptr;
    getHandleByIndex = nullptr;
    getName = nullptr;
    getUuid = nullptr;
    getUtilization = nullptr;
    getMemoryInfo = nullptr;
    getTemperature = nullptr;
    getPowerUsage = nullptr;
    getComputeProcesses = nullptr;
}

} // namespace lab
