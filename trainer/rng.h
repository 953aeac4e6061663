#pragma once

#include <cstdint>

namespace lab {

// A small deterministic generator (SplitMix64) with its own float conversions. The standard
// library's distributions are implementation-defined, so the same seed could give other data
// on another libstdc++; this one gives bit-identical streams everywhere.
class Rng
{
public:
    explicit Rng(std::uint64_t seed, std::uint64_t stream = 0);

    std::uint64_t next();
    // Uniform in [0, 1), 53 random bits.
    double uniform();
    // Standard normal (Box-Muller; the second value is kept for the next call).
    double normal();
    // Uniform integer in [0, bound).
    std::uint64_t below(std::uint64_t bound);

private:
    std::uint64_t m_state;
    double m_spare = 0;
    bool m_hasSpare = false;
};

} // namespace lab
