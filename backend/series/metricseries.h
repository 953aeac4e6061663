#pragma once

#include "series/podbuffer.h"

#include <QtGlobal>

#include <cstddef>
#include <cstdint>
#include <limits>
#include <span>
#include <vector>

namespace lab {

// One metric's history in columnar form: steps, timestamps and values in contiguous arrays,
// append-only so that live data arrives incrementally. Alongside it a min/max pyramid over the
// values lets decimation answer "min and max of points [a, b)" without rescanning the series.
//
// Points are kept in the order they were logged (MLflow's order). x-axis modes that need
// a sorted x (step, wall time) are served by the decimator, which assumes non-decreasing x for
// the chosen axis and falls back to a sort-free scan otherwise (see stepsSorted()).
//
// Non-finite values (NaN, +-inf) are stored as logged but take no part in min/max: charts draw
// them as gaps. Their positions are kept as runs so that a range query can tell where gaps are.
//
// Memory: 24 bytes per point of columns, plus the pyramid and its 8-point run summaries (~0.55
// bytes per point), plus the sparse x index (0.25 bytes per point), plus growth slack of at most
// 1/32 of the capacity (see PodBuffer): under 26 bytes per point once a series holds more than a
// few thousand points, whether it grew point by point or in bulk (bench_series prints both).
// Indices are 32-bit inside the pyramid: a series holds fewer than 2^32 points.
//
// Threads: appends need exclusive access; any number of threads may read (decimate, query)
// a series nobody is appending to.
class MetricSeries
{
public:
    MetricSeries() = default;

    void append(qint64 step, qint64 timestampMs, double value);
    void append(std::span<const qint64> steps, std::span<const qint64> timestampsMs,
                std::span<const double> values);
    void reserve(std::size_t n);
    void clear();
    // Releases slack capacity (after a bulk load).
    void shrinkToFit();

    std::size_t size() const { return m_values.size(); }
    bool isEmpty() const { return m_values.empty(); }

    std::span<const qint64> steps() const { return m_steps.span(); }
    std::span<const qint64> timestamps() const { return m_timestamps.span(); }
    std::span<const double> values() const { return m_values.span(); }

    // Min and max of the finite values in [first, last); NaN when the range holds none.
    // Uses the pyramid: O(log n) blocks plus at most two partial blocks.
    void minMax(std::size_t first, std::size_t last, double *min, double *max) const;
    // Index of the min / max finite value in [first, last), or -1 when none.
    // On ties the earliest index wins.
    std::ptrdiff_t argMin(std::size_t first, std::size_t last) const;
    std::ptrdiff_t argMax(std::size_t first, std::size_t last) const;

    // argMin and argMax of [first, last) in one pass (what decimation asks per pixel column).
    struct Extrema
    {
        std::ptrdiff_t minIndex = -1; // -1 when the range holds no finite value
        std::ptrdiff_t maxIndex = -1;
        double min = std::numeric_limits<double>::quiet_NaN(); // values()[minIndex], or NaN
        double max = std::numeric_limits<double>::quiet_NaN();
    };
    Extrema extrema(std::size_t first, std::size_t last) const;
    // A cache hint, no effect on results: starts loading what extrema() reads for ranges of
    // about `rangeLength` points that begin or end at `boundary` (the values' block and the
    // pyramid nodes next to it). Decimation calls it a few columns ahead so that the memory
    // latency of many columns overlaps.
    void prefetch(std::size_t boundary, std::size_t rangeLength) const;

    // Non-finite values: how many, and the first / last index of one within [first, last) (-1: none).
    std::size_t nonFiniteCount() const { return m_nonFiniteCount; }
    // Consecutive non-finite values [begin, end), in index order (where a chart breaks the line).
    struct NonFiniteRun
    {
        std::uint32_t begin;
        std::uint32_t end;
    };
    std::span<const NonFiniteRun> nonFiniteRuns() const { return m_gaps; }
    std::ptrdiff_t firstNonFinite(std::size_t first, std::size_t last) const;
    std::ptrdiff_t lastNonFinite(std::size_t first, std::size_t last) const;

    // Whether steps / timestamps never decreased so far (true when empty). Decimation by that axis
    // can then binary-search x; otherwise it scans.
    bool stepsSorted() const { return m_stepsSorted; }
    bool timestampsSorted() const { return m_timestampsSorted; }
    // Whether steps[i] == steps[0] + i * stepStride() for every point (true below two points):
    // the usual "one value per step" history, whose x the decimator computes instead of reading.
    bool stepsEvenlySpaced() const { return m_stepsEven; }
    qint64 stepStride() const { return m_stepStride; }
    // Earliest timestamp logged (0 when empty): the origin of the relative-time axis.
    qint64 minTimestamp() const { return m_minTimestamp; }
    // A sparse x index: the step / timestamp of every BlockSize-th point (steps()[k * BlockSize]).
    // Decimation by a sorted axis finds a column edge's block here (a small array that stays in
    // cache) and then reads one or two cache lines of the full column, instead of a chain of
    // dependent misses galloping through it. 1/4 byte per point for both.
    std::span<const qint64> stepSamples() const { return m_stepSamples.span(); }
    std::span<const qint64> timestampSamples() const { return m_timestampSamples.span(); }

    // Changes on every append and clear: lets caches (DecimationCache, EmaSmoother) tell a series
    // that grew or was reloaded from one they have already seen.
    std::uint64_t revision() const { return m_revision; }
    // Changes only on clear(): the points seen before are gone (appends keep it).
    std::uint64_t generation() const { return m_generation; }

    // Bytes held, counting allocated capacity of every array including the pyramid.
    std::size_t memoryBytes() const;

    // Points per leaf block of the pyramid.
    static constexpr std::size_t BlockSize = 64;
    // Points per run summarised below the leaves (one cache line of values).
    static constexpr std::size_t RunSize = 8;
    // Children per node above the leaves.
    static constexpr std::size_t Fanout = 8;
    // Ranges up to this long (of a series without non-finite values) are answered by reading
    // the values directly: two short passes over a few cache lines in order cost less than the
    // pyramid's scattered nodes. What a chart asks per pixel column when a series has fewer
    // than ~100 points per column (bench_series, "100 runs x 100k").
    static constexpr std::size_t DirectScanPoints = 192;

private:
    // Min and max finite value of a block and where they are (earliest on ties); a block without
    // finite values has min = +inf, max = -inf, so plain comparisons skip it.
    struct Node
    {
        double min;
        double max;
        std::uint32_t minIndex;
        std::uint32_t maxIndex;
    };
    void extendPyramid(std::size_t fromIndex);
    void addToPyramid(std::size_t index, double value);
    void updateRuns(std::size_t fromIndex);
    void noteValue(std::size_t index, double value);
    void noteX(std::size_t index, qint64 prevStep, qint64 prevTs, qint64 step, qint64 ts);
    void addParentLevel();
    static Node emptyNode();

    PodBuffer<qint64> m_steps;
    PodBuffer<qint64> m_timestamps;
    PodBuffer<double> m_values;
    // m_levels[0] has one node per BlockSize points; m_levels[k + 1] one per Fanout nodes of
    // m_levels[k]; the top level has a single node. Partly filled last nodes are kept current.
    // Small minimum growth: a pyramid level can be a handful of nodes.
    std::vector<PodBuffer<Node, 8>> m_levels;
    // Below the leaves, one byte per RunSize points: bits 0-2 the offset of the run's first min,
    // bits 3-5 of its first max, bit 6 set when the run holds a finite value. A range that ends
    // inside a leaf block then reads one value per run instead of every point (1/8 byte a point).
    PodBuffer<std::uint8_t, 1024> m_runs;
    PodBuffer<qint64, 64> m_stepSamples;
    PodBuffer<qint64, 64> m_timestampSamples;
    static constexpr std::uint8_t RunHasFinite = 0x40;
    std::vector<NonFiniteRun> m_gaps;
    std::size_t m_nonFiniteCount = 0;
    qint64 m_minTimestamp = 0;
    std::uint64_t m_revision = 0;
    std::uint64_t m_generation = 0;
    bool m_stepsSorted = true;
    bool m_stepsEven = true;
    qint64 m_stepStride = 0;
    bool m_timestampsSorted = true;
};

} // namespace lab
