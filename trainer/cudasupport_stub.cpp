#include "cudasupport.h"

namespace lab {

bool cudaCompiledIn()
{
    return false;
}

CudaProbe probeCuda()
{
    CudaProbe p;
    p.reason = "this lab-train was built without CUDA (no CUDA Toolkit found, or LABCONSOLE_WITH_CUDA=OFF)";
    return p;
}

std::unique_ptr<Engine> createCudaEngine(const OptimizerSettings &, std::string *error)
{
    *error = probeCuda().reason;
    return nullptr;
}

} // namespace lab
