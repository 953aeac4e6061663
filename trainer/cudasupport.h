#pragma once

#include "engine.h"

#include <memory>
#include <string>

namespace lab {

// What the CUDA runtime says about device 0.
struct CudaProbe
{
    bool available = false;
    std::string reason;   // why not, in words, when !available
    std::string name;     // "NVIDIA H100 80GB HBM3"
    std::string pciBusId; // "0000:3B:00.0", to find the same GPU in NVML
    int computeMajor = 0;
    int computeMinor = 0;
    unsigned long long memoryBytes = 0;
};

// Implemented in cuda/cudaengine.cu when lab-train is built with the CUDA Toolkit, and in
// cudasupport_stub.cpp otherwise, so the rest of the trainer never depends on CUDA headers.
bool cudaCompiledIn();
CudaProbe probeCuda();
// An engine on device 0; null with *error set when the device cannot be used.
std::unique_ptr<Engine> createCudaEngine(const OptimizerSettings &optimizer, std::string *error);

} // namespace lab
