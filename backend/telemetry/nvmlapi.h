#pragma once

// The few NVML types and entry points Lab Console uses, declared from NVIDIA's published ABI
// (nvml.h is not installed with the machine's CUDA, and the library is opened at run time so a
// workstation without the driver still starts). Only what we call is here.

extern "C" {

using nvmlReturn_t = int;
using nvmlDevice_t = struct nvmlDevice_st *;

enum : int {
    NVML_SUCCESS = 0,
    NVML_ERROR_UNINITIALIZED = 1,
    NVML_ERROR_INVALID_ARGUMENT = 2,
    NVML_ERROR_NOT_SUPPORTED = 3,
    NVML_ERROR_NO_PERMISSION = 4,
    NVML_ERROR_NOT_FOUND = 6,
    NVML_ERROR_INSUFFICIENT_SIZE = 7,
    NVML_ERROR_DRIVER_NOT_LOADED = 9,
    NVML_ERROR_LIBRARY_NOT_FOUND = 12,
    NVML_ERROR_GPU_IS_LOST = 15,
    NVML_ERROR_UNKNOWN = 999,
};

enum : unsigned int { NVML_TEMPERATURE_GPU = 0 };

// Buffer sizes NVIDIA documents for name and UUID (the _V2 sizes, which cover older drivers).
enum : unsigned int { NVML_DEVICE_NAME_V2_BUFFER_SIZE = 96, NVML_DEVICE_UUID_V2_BUFFER_SIZE = 96 };

struct nvmlUtilization_t
{
    unsigned int gpu;    // percent of time a kernel ran over the last sample period
    unsigned int memory; // percent of time device memory was read or written
};

struct nvmlMemory_t
{
    unsigned long long total; // bytes
    unsigned long long free;
    unsigned long long used;
};

// nvmlProcessInfo_t as taken by the _v3 process queries (the v2 layout): 24 bytes on x86-64.
struct nvmlProcessInfo_t
{
    unsigned int pid;
    unsigned long long usedGpuMemory; // bytes; NVML_VALUE_NOT_AVAILABLE when not reported
    unsigned int gpuInstanceId;
    unsigned int computeInstanceId;
};

using nvmlInit_v2_fn = nvmlReturn_t (*)();
using nvmlShutdown_fn = nvmlReturn_t (*)();
using nvmlDeviceGetCount_v2_fn = nvmlReturn_t (*)(unsigned int *deviceCount);
using nvmlDeviceGetHandleByIndex_v2_fn = nvmlReturn_t (*)(unsigned int index, nvmlDevice_t *device);
using nvmlDeviceGetName_fn = nvmlReturn_t (*)(nvmlDevice_t device, char *name, unsigned int length);
using nvmlDeviceGetUUID_fn = nvmlReturn_t (*)(nvmlDevice_t device, char *uuid, unsigned int length);
using nvmlDeviceGetUtilizationRates_fn = nvmlReturn_t (*)(nvmlDevice_t device,
                                                          nvmlUtilization_t *utilization);
using nvmlDeviceGetMemoryInfo_fn = nvmlReturn_t (*)(nvmlDevice_t device, nvmlMemory_t *memory);
using nvmlDeviceGetTemperature_fn = nvmlReturn_t (*)(nvmlDevice_t device, unsigned int sensorType,
                                                     unsigned int *temp);
using nvmlDeviceGetPowerUsage_fn = nvmlReturn_t (*)(nvmlDevice_t device, unsigned int *milliwatts);
using nvmlDeviceGetComputeRunningProcesses_v3_fn = nvmlReturn_t (*)(nvmlDevice_t device,
                                                                    unsigned int *infoCount,
                                                                    nvmlProcessInfo_t *infos);
using nvmlErrorString_fn = const char *(*)(nvmlReturn_t result);

} // extern "C"

static_assert(sizeof(nvmlProcessInfo_t) == 24, "nvmlProcessInfo_t must match NVML's v2/v3 layout");
static_assert(sizeof(nvmlMemory_t) == 24, "nvmlMemory_t must match NVML's v1 layout");
