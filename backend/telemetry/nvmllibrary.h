#pragma once

#include "core/result.h"
#include "telemetry/nvmlapi.h"

#include <QString>

namespace lab {

// NVML opened at run time with dlopen: libnvidia-ml.so.1, or the file named by
// $LABCONSOLE_NVML_LIBRARY (tests point it at a fake). Not thread-safe: one thread uses it.
class NvmlLibrary
{
public:
    NvmlLibrary() = default;
    ~NvmlLibrary(); // shuts NVML down and closes the library
    NvmlLibrary(const NvmlLibrary &) = delete;
    NvmlLibrary &operator=(const NvmlLibrary &) = delete;

    // Opens the library and resolves every entry point; false with the loader's message when
    // the library or one of its symbols is missing (no driver, or too old a driver).
    bool open(QString *why);
    bool isOpen() const { return m_handle != nullptr; }
    // nvmlInit_v2; remembered so the destructor calls nvmlShutdown once.
    nvmlReturn_t init();
    QString errorString(nvmlReturn_t r) const;

    static QString libraryPath(); // what open() loads

    nvmlDeviceGetCount_v2_fn getCount = nullptr;
    nvmlDeviceGetHandleByIndex_v2_fn getHandleByIndex = nullptr;
    nvmlDeviceGetName_fn getName = nullptr;
    nvmlDeviceGetUUID_fn getUuid = nullptr;
    nvmlDeviceGetUtilizationRates_fn getUtilization = nullptr;
    nvmlDeviceGetMemoryInfo_fn getMemoryInfo = nullptr;
    nvmlDeviceGetTemperature_fn getTemperature = nullptr;
    nvmlDeviceGetPowerUsage_fn getPowerUsage = nullptr;
    nvmlDeviceGetComputeRunningProcesses_v3_fn getComputeProcesses = nullptr; // may stay null (old driver)

private:
    void close();

    void *m_handle = nullptr;
    bool m_initialised = false;
    nvmlInit_v2_fn m_init = nullptr;
    nvmlShutdown_fn m_shutdown = nullptr;
    nvmlErrorString_fn m_errorString = nullptr;
};

} // namespace lab
