#pragma once

#include <QtGlobal>

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

namespace lab {

// One metric's history in columnar form: steps, timestamps and values in contiguous arrays,
// append-only so that live data arrives incrementally. Alongside it a min/max pyramid over the
// values lets decimation answer "min and max of points [a, b)" without rescanning the series.
//
// Points are kept in the order they were logged (MLflow's order). x-axis modes that need
// a sorted x (step, wall time) are served by the decimator, which assumes non-decreasing x for
// the chosen axis and falls back to a sort-free scan otherwise.
class MetricSeries
{
public:
    MetricSeries() = default;

    void append(qint64 step, qint64 timestampMs, double value);
    void append(std::span<const qint64> steps, std::span<const qint64> timestampsMs, std::span<const double> values);
    void reserve(std::size_t n);
    void clear();
    // Releases slack capacity (after a bulk load).
    void shrinkToFit();

    std::size_t size() const { return m_values.size(); }
    bool isEmpty() const { return m_values.empty(); }

    std::span<const qint64> steps() const { return m_steps; }
    std::span<const qint64> timestamps() const { return m_timestamps; }
    std::span<const double> values() const { return m_values; }

    // Min and max of the finite values in [first, last); NaN when the range holds none.
    // Uses the pyramid: O(log n) blocks plus at most two partial blocks.
    void minMax(std::size_t first, std::size_t last, double *min, double *max) const;
    // Index of the min / max finite value in [first, last), or -1 when none.
    std::ptrdiff_t argMin(std::size_t first, std::size_t last) const;
    std::ptrdiff_t argMax(std::size_t first, std::size_t last) const;

    // Bytes held, counting allocated capacity of every array including the pyramid.
    std::size_t memoryBytes() const;

    // Points per leaf block of the pyramid.
    static constexpr std::size_t BlockSize = 64;

private:
    void extendPyramid(std::size_t fromIndex);

    std::vector<qint64> m_steps;
    std::vector<qint64> m_timestamps;
    std::vector<double> m_values;
    // Level L holds, per block of BlockSize << (L * fanout bits), the index of the min and of
    // the max finite value within it (-1 if none). Implementation detail of minMax/argMin/argMax.
    std::vector<std::vector<std::int32_t>> m_minIdx;
    std::vector<std::vector<std::int32_t>> m_maxIdx;
};

} // namespace lab
