#include "modelparameters.h"

#include "rng.h"

#include <cmath>

namespace lab {

std::size_t ModelParameters::parameterCount() const
{
    std::size_t n = 0;
    for (std::size_t l = 0; l < weights.size(); ++l)
        n += weights[l].size() + biases[l].size();
    return n;
}

ModelParameters ModelParameters::zerosLike(const ModelParameters &shape)
{
    ModelParameters p;
    p.sizes = shape.sizes;
    for (int l = 0; l < shape.layerCount(); ++l) {
        p.weights.emplace_back(shape.weights[l].size(), 0.0f);
        p.biases.emplace_back(shape.biases[l].size(), 0.0f);
    }
    return p;
}

ModelParameters ModelParameters::initialise(const std::vector<int> &sizes, std::uint64_t seed)
{
    ModelParameters p;
    p.sizes = sizes;
    Rng rng(seed, /*stream=*/2);
    for (int l = 0; l + 1 < int(sizes.size()); ++l) {
        const int in = sizes[l];
        const int out = sizes[l + 1];
        const double scale = std::sqrt(2.0 / double(in));
        std::vector<float> w(std::size_t(in) * std::size_t(out));
        for (float &v : w)
            v = float(rng.normal() * scale);
        p.weights.push_back(std::move(w));
        p.biases.emplace_back(std::size_t(out), 0.0f);
    }
    return p;
}

} // namespace lab
