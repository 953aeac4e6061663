#include "nvmlmonitor.h"

#include <dlfcn.h>

#include <cmath>
#include <type_traits>

namespace lab {

// NVML's C ABI for the calls used here (nvml.h, stable since NVML 5): every call returns an
// nvmlReturn_t where 0 is NVML_SUCCESS.
namespace {
using nvmlReturn_t = int;
using nvmlDevice_t = void *;
struct nvmlUtilization_t
{
    unsigned int gpu;
    unsigned int memory;
};
struct nvmlMemory_t
{
    unsigned long long total;
    unsigned long long free;
    unsigned long long used;
};
} // namespace

struct NvmlMonitor::Api
{
    nvmlReturn_t (*init)() = nullptr;
    nvmlReturn_t (*shutdown)() = nullptr;
    nvmlReturn_t (*byIndex)(unsigned int, nvmlDevice_t *) = nullptr;
    nvmlReturn_t (*byPciBusId)(const char *, nvmlDevice_t *) = nullptr;
    nvmlReturn_t (*utilization)(nvmlDevice_t, nvmlUtilization_t *) = nullptr;
    nvmlReturn_t (*memory)(nvmlDevice_t, nvmlMemory_t *) = nullptr;
    nvmlReturn_t (*power)(nvmlDevice_t, unsigned int *) = nullptr;
    nvmlReturn_t (*powerLimit)(nvmlDevice_t, unsigned int *) = nullptr;
};

NvmlMonitor::NvmlMonitor() = default;

NvmlMonitor::~NvmlMonitor()
{
    if (m_api && m_api->shutdown && m_device)
        m_api->shutdown();
    delete m_api;
    if (m_library)
        dlclose(m_library);
}

bool NvmlMonitor::open(const QString &pciBusId)
{
    for (const char *name : {"libnvidia-ml.so.1", "libnvidia-ml.so"}) {
        m_library = dlopen(name, RTLD_NOW | RTLD_LOCAL);
        if (m_library)
            break;
    }
    if (!m_library) {
        m_error = QStringLiteral("No NVIDIA driver found (libnvidia-ml.so.1 could not be loaded)");
        return false;
    }
    m_api = new Api;
    auto resolve = [this](auto *fn, const char *primary, const char *fallback) {
        void *p = dlsym(m_library, primary);
        if (!p && fallback)
            p = dlsym(m_library, fallback);
        *fn = reinterpret_cast<std::remove_pointer_t<decltype(fn)>>(p);
        return p != nullptr;
    };
    bool ok = resolve(&m_api->init, "nvmlInit_v2", "nvmlInit");
    ok = resolve(&m_api->shutdown, "nvmlShutdown", nullptr) && ok;
    ok = resolve(&m_api->byIndex, "nvmlDeviceGetHandleByIndex_v2", "nvmlDeviceGetHandleByIndex") && ok;
    resolve(&m_api->byPciBusId, "nvmlDeviceGetHandleByPciBusId_v2", "nvmlDeviceGetHandleByPciBusId");
    ok = resolve(&m_api->utilization, "nvmlDeviceGetUtilizationRates", nullptr) && ok;
    ok = resolve(&m_api->memory, "nvmlDeviceGetMemoryInfo", nullptr) && ok;
    resolve(&m_api->power, "nvmlDeviceGetPowerUsage", nullptr);
    resolve(&m_api->powerLimit, "nvmlDeviceGetEnforcedPowerLimit", nullptr);
    if (!ok) {
        m_error = QStringLiteral("libnvidia-ml lacks the functions lab-train needs");
        return false;
    }
    if (m_api->init() != 0) {
        m_error = QStringLiteral("nvmlInit failed");
        return false;
    }
    nvmlDevice_t device = nullptr;
    if (!pciBusId.isEmpty() && m_api->byPciBusId)
        m_api->byPciBusId(pciBusId.toLatin1().constData(), &device);
    if (!device && m_api->byIndex(0, &device) != 0)
        device = nullptr;
    if (!device) {
        m_api->shutdown();
        m_error = QStringLiteral("NVML lists no GPU");
        return false;
    }
    m_device = device;
    return true;
}

bool NvmlMonitor::sample(Sample *out)
{
    if (!m_device)
        return false;
    *out = {};
    bool any = false;
    nvmlUtilization_t util{};
    if (m_api->utilization(m_device, &util) == 0) {
        out->utilizationPercent = util.gpu;
        any = true;
    }
    nvmlMemory_t mem{};
    if (m_api->memory(m_device, &mem) == 0 && mem.total > 0) {
        out->memoryUsedMegabytes = double(mem.used) / 1e6;
        // Rounded to one decimal as MLflow's GPUMonitor does.
        out->memoryUsedPercent = std::round(double(mem.used) / double(mem.total) * 1000.0) / 10.0;
        any = true;
    }
    unsigned int milliwatts = 0, limit = 0;
    if (m_api->power && m_api->power(m_device, &milliwatts) == 0) {
        out->powerWatts = milliwatts / 1000.0;
        if (m_api->powerLimit && m_api->powerLimit(m_device, &limit) == 0 && limit > 0)
            out->powerPercent = double(milliwatts) / double(limit) * 100.0;
        any = true;
    }
    return any;
}

} // namespace lab
