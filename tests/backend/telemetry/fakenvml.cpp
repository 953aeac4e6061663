// A stand-in for libnvidia-ml.so.1 with the entry points NvmlTelemetry resolves. Two GPUs by
// default; every value can be set through the environment so tests know what to expect:
//   FAKENVML_INIT_RESULT   nvmlInit_v2's return code (default 0 = success)
//   FAKENVML_GPU_COUNT     number of GPUs (default 2)
//   FAKENVML_UTIL_<i>      utilisation percent (default 37, 81)
//   FAKENVML_PIDS_<i>      comma-separated compute process ids (default none)
//   FAKENVML_NO_TEMP_<i>   when set, the temperature is "Not Supported"
// Memory: GPU i has (i+1)*8 GiB, (i+1) GiB used; temperature 40+i C; power 123456+i*1000 mW.
#include "telemetry/nvmlapi.h"

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

struct nvmlDevice_st
{
    unsigned int index;
};

namespace {

nvmlDevice_st devices[16] = {{0}, {1}, {2},  {3},  {4},  {5},  {6},  {7},
                             {8}, {9}, {10}, {11}, {12}, {13}, {14}, {15}};
bool initialised = false;

long envLong(const std::string &name, long fallback)
{
    const char *v = std::getenv(name.c_str());
    return v && *v ? std::strtol(v, nullptr, 10) : fallback;
}

unsigned int gpuCount()
{
    const long n = envLong("FAKENVML_GPU_COUNT", 2);
    return n < 0 ? 0 : n > 16 ? 16 : unsigned(n);
}

bool valid(nvmlDevice_t d)
{
    return initialised && d && d->index < gpuCount();
}

void copyString(const std::string &s, char *out, unsigned int length)
{
    std::snprintf(out, length, "%s", s.c_str());
}

} // namespace

extern "C" {

__attribute__((visibility("default"))) nvmlReturn_t nvmlInit_v2()
{
    const nvmlReturn_t r = nvmlReturn_t(envLong("FAKENVML_INIT_RESULT", 0));
    initialised = r == NVML_SUCCESS;
    return r;
}

__attribute__((visibility("default"))) nvmlReturn_t nvmlShutdown()
{
    if (!initialised)
        return NVML_ERROR_UNINITIALIZED;
    initialised = false;
    return NVML_SUCCESS;
}

__attribute__((visibility("default"))) const char *nvmlErrorString(nvmlReturn_t r)
{
    switch (r) {
    case NVML_SUCCESS:
        return "Success";
    case NVML_ERROR_UNINITIALIZED:
        return "Uninitialized";
    case NVML_ERROR_INVALID_ARGUMENT:
        return "Invalid Argument";
    case NVML_ERROR_NOT_SUPPORTED:
        return "Not Supported";
    case NVML_ERROR_NO_PERMISSION:
        return "Insufficient Permissions";
    case NVML_ERROR_INSUFFICIENT_SIZE:
        return "Insufficient Size";
    case NVML_ERROR_DRIVER_NOT_LOADED:
        return "Driver Not Loaded";
    case NVML_ERROR_GPU_IS_LOST:
        return "GPU is lost";
    default:
        return "Unknown Error";
    }
}

__attribute__((visibility("default"))) nvmlReturn_t nvmlDeviceGetCount_v2(unsigned int *count)
{
    if (!initialised)
        return NVML_ERROR_UNINITIALIZED;
    *count = gpuCount();
    return NVML_SUCCESS;
}

__attribute__((visibility("default"))) nvmlReturn_t nvmlDeviceGetHandleByIndex_v2(unsigned int index,
                                                                                  nvmlDevice_t *device)
{
    if (!initialised)
        return NVML_ERROR_UNINITIALIZED;
    if (index >= gpuCount())
        return NVML_ERROR_INVALID_ARGUMENT;
    *device = &devices[index];
    return NVML_SUCCESS;
}

__attribute__((visibility("default"))) nvmlReturn_t nvmlDeviceGetName(nvmlDevice_t d, char *name,
                                                                      unsigned int length)
{
    if (!valid(d))
        return NVML_ERROR_INVALID_ARGUMENT;
    copyString("Fake A100 " + std::to_string(d->index), name, length);
    return NVML_SUCCESS;
}

__attribute__((visibility("default"))) nvmlReturn_t nvmlDeviceGetUUID(nvmlDevice_t d, char *uuid,
                                                                      unsigned int length)
{
    if (!valid(d))
        return NVML_ERROR_INVALID_ARGUMENT;
    copyString("GPU-fake-000" + std::to_string(d->index), uuid, length);
    return NVML_SUCCESS;
}

__attribute__((visibility("default"))) nvmlReturn_t nvmlDeviceGetUtilizationRates(nvmlDevice_t d,
                                                                                  nvmlUtilization_t *u)
{
    if (!valid(d))
        return NVML_ERROR_INVALID_ARGUMENT;
    u->gpu = unsigned(envLong("FAKENVML_UTIL_" + std::to_string(d->index), d->index == 0 ? 37 : 81));
    u->memory = 5;
    return NVML_SUCCESS;
}

__attribute__((visibility("default"))) nvmlReturn_t nvmlDeviceGetMemoryInfo(nvmlDevice_t d, nvmlMemory_t *m)
{
    if (!valid(d))
        return NVML_ERROR_INVALID_ARGUMENT;
    const unsigned long long gib = 1024ull * 1024 * 1024;
    m->total = (d->index + 1) * 8 * gib;
    m->used = (d->index + 1) * gib;
    m->free = m->total - m->used;
    return NVML_SUCCESS;
}

__attribute__((visibility("default"))) nvmlReturn_t
nvmlDeviceGetTemperature(nvmlDevice_t d, unsigned int sensor, unsigned int *temp)
{
    if (!valid(d) || sensor != NVML_TEMPERATURE_GPU)
        return NVML_ERROR_INVALID_ARGUMENT;
    if (std::getenv(("FAKENVML_NO_TEMP_" + std::to_string(d->index)).c_str()))
        return NVML_ERROR_NOT_SUPPORTED;
    *temp = 40 + d->index;
    return NVML_SUCCESS;
}

__attribute__((visibility("default"))) nvmlReturn_t nvmlDeviceGetPowerUsage(nvmlDevice_t d, unsigned int *mw)
{
    if (!valid(d))
        return NVML_ERROR_INVALID_ARGUMENT;
    *mw = 123456 + d->index * 1000;
    return NVML_SUCCESS;
}

__attribute__((visibility("default"))) nvmlReturn_t
nvmlDeviceGetComputeRunningProcesses_v3(nvmlDevice_t d, unsigned int *count, nvmlProcessInfo_t *infos)
{
    if (!valid(d) || !count)
        return NVML_ERROR_INVALID_ARGUMENT;
    std::vector<unsigned int> pids;
    if (const char *v = std::getenv(("FAKENVML_PIDS_" + std::to_string(d->index)).c_str())) {
        const char *p = v;
        while (*p) {
            char *end = nullptr;
            const unsigned long pid = std::strtoul(p, &end, 10);
            if (end == p)
                break;
            pids.push_back(unsigned(pid));
            p = *end == ',' ? end + 1 : end;
        }
    }
    if (*count < pids.size()) {
        *count = unsigned(pids.size());
        return NVML_ERROR_INSUFFICIENT_SIZE;
    }
    *count = unsigned(pids.size());
    for (std::size_t i = 0; i < pids.size(); ++i)
        infos[i] = nvmlProcessInfo_t{pids[i], 256ull << 20, 0xFFFFFFFFu, 0xFFFFFFFFu};
    return NVML_SUCCESS;
}

} // extern "C"
