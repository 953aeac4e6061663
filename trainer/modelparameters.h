#pragma once

#include <cstdint>
#include <vector>

namespace lab {

// The weights of a fully connected network, shared by the CPU and CUDA engines. Plain C++ (no
// Qt) so that the CUDA translation units can include it.
//
// Layer l maps sizes[l] inputs to sizes[l + 1] outputs: weights[l] is row-major
// [out][in] (out = sizes[l + 1], in = sizes[l]), biases[l] has `out` entries.
struct ModelParameters
{
    std::vector<int> sizes; // input features, hidden sizes..., classes
    std::vector<std::vector<float>> weights;
    std::vector<std::vector<float>> biases;

    int layerCount() const { return int(sizes.size()) - 1; }
    int inputs(int layer) const { return sizes[layer]; }
    int outputs(int layer) const { return sizes[layer + 1]; }
    std::size_t parameterCount() const;

    // Same shape, all zeros (gradients, optimiser moments).
    static ModelParameters zerosLike(const ModelParameters &shape);
    // He initialisation (normal, std sqrt(2 / fan_in)), zero biases, from the seed alone, so
    // both engines start from the same bits.
    static ModelParameters initialise(const std::vector<int> &sizes, std::uint64_t seed);
};

} // namespace lab
