#include "series/metricseries.h"

#include <cmath>
#include <limits>

// Placeholder implementation (brute-force min/max); the pyramid replaces it.
namespace lab {

void MetricSeries::append(qint64 step, qint64 timestampMs, double value)
{
    m_steps.push_back(step);
    m_timestamps.push_back(timestampMs);
    m_values.push_back(value);
}

void MetricSeries::append(std::span<const qint64> steps, std::span<const qint64> ts, std::span<const double> values)
{
    m_steps.insert(m_steps.end(), steps.begin(), steps.end());
    m_timestamps.insert(m_timestamps.end(), ts.begin(), ts.end());
    m_values.insert(m_values.end(), values.begin(), values.end());
}

void MetricSeries::reserve(std::size_t n)
{
    m_steps.reserve(n);
    m_timestamps.reserve(n);
    m_values.reserve(n);
}

void MetricSeries::clear()
{
    m_steps.clear();
    m_timestamps.clear();
    m_values.clear();
}

void MetricSeries::shrinkToFit()
{
    m_steps.shrink_to_fit();
    m_timestamps.shrink_to_fit();
    m_values.shrink_to_fit();
}

std::ptrdiff_t MetricSeries::argMin(std::size_t first, std::size_t last) const
{
    std::ptrdiff_t best = -1;
    for (std::size_t i = first; i < last && i < m_values.size(); ++i)
        if (std::isfinite(m_values[i]) && (best < 0 || m_values[i] < m_values[best]))
            best = std::ptrdiff_t(i);
    return best;
}

std::ptrdiff_t MetricSeries::argMax(std::size_t first, std::size_t last) const
{
    std::ptrdiff_t best = -1;
    for (std::size_t i = first; i < last && i < m_values.size(); ++i)
        if (std::isfinite(m_values[i]) && (best < 0 || m_values[i] > m_values[best]))
            best = std::ptrdiff_t(i);
    return best;
}

void MetricSeries::minMax(std::size_t first, std::size_t last, double *min, double *max) const
{
    const auto lo = argMin(first, last), hi = argMax(first, last);
    *min = lo < 0 ? std::numeric_limits<double>::quiet_NaN() : m_values[lo];
    *max = hi < 0 ? std::numeric_limits<double>::quiet_NaN() : m_values[hi];
}

std::size_t MetricSeries::memoryBytes() const
{
    return m_steps.capacity() * sizeof(qint64) + m_timestamps.capacity() * sizeof(qint64)
           + m_values.capacity() * sizeof(double);
}

void MetricSeries::extendPyramid(std::size_t) {}

} // namespace lab
