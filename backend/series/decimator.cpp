#include "series/decimator.h"

#include "series/metricseries.h"

#include <algorithm>
#include <cmath>
#include <functional>
#include <limits>
#include <type_traits>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace lab {

namespace {

constexpr double NaN = std::numeric_limits<double>::quiet_NaN();
constexpr std::size_t NoIndex = std::numeric_limits<std::size_t>::max();

// x accessors, one per axis mode, so the hot loops are instantiated without a per-point switch.
// Decimator::xAt() uses the same expressions, so a caller computing x itself gets identical values.
// at() is where x(i) is read from, for prefetching.
struct StepX
{
    const qint64 *steps;
    double operator()(std::size_t i) const { return of(steps[i]); }
    // x of a stored step (as held in MetricSeries::stepSamples()).
    double of(qint64 step) const { return double(step); }
    const void *at(std::size_t i) const { return steps + i; }
};
struct WallX
{
    const qint64 *ts;
    double operator()(std::size_t i) const { return of(ts[i]); }
    double of(qint64 t) const { return double(t) / 1000.0; }
    const void *at(std::size_t i) const { return ts + i; }
};
struct RelativeX
{
    const qint64 *ts;
    qint64 origin;
    double operator()(std::size_t i) const { return of(ts[i]); }
    double of(qint64 t) const { return double(t - origin) / 1000.0; }
    const void *at(std::size_t i) const { return ts + i; }
};

// Evenly spaced steps (MetricSeries::stepsEvenlySpaced()): x computed, not read. Gives exactly
// StepX's values, since first + i * stride is the stored step (computed modulo 2^64, so that
// even an absurd span of steps cannot overflow on the way).
struct GridX
{
    qint64 first;
    qint64 stride;
    double operator()(std::size_t i) const
    {
        return double(qint64(quint64(first) + quint64(i) * quint64(stride)));
    }
    const void *at(std::size_t) const { return nullptr; }
};

template <typename X> inline void prefetchX(const X &x, std::size_t i)
{
    if constexpr (!std::is_same_v<X, GridX>)
        __builtin_prefetch(x.at(i));
}

// How many columns ahead the pyramid and values are prefetched. Each column's data is new memory
// (a column of a 10M-point series at 1920 px spans 40 KB of values), so the loops are bound by
// memory latency unless several columns' loads are in flight at once.
constexpr std::size_t PrefetchColumns = 8;
// The x of a column's output points is read this many columns after they were found (and their
// x prefetched), soon enough to still be in cache.
constexpr std::size_t XLagColumns = 4;

// First i in [from, to) with x(i) >= target (to if none); x non-decreasing.
template <typename X> std::size_t lowerBound(const X &x, std::size_t from, std::size_t to, double target)
{
    while (from < to) {
        const std::size_t mid = from + (to - from) / 2;
        if (x(mid) < target)
            from = mid + 1;
        else
            to = mid;
    }
    return from;
}

// First i in [from, to) with x(i) > target (to if none); x non-decreasing.
template <typename X> std::size_t upperBound(const X &x, std::size_t from, std::size_t to, double target)
{
    while (from < to) {
        const std::size_t mid = from + (to - from) / 2;
        if (x(mid) <= target)
            from = mid + 1;
        else
            to = mid;
    }
    return from;
}

// lowerBound() for the next column edge, starting from a guess. Column edges are evenly spaced
// and points usually are too, so interpolating over the visible range lands on or next to the
// answer; galloping outwards from the guess keeps the worst case logarithmic. This keeps a
// decimation to a few cache lines per column instead of a full binary search.
// The answer is in [from, to]; every x before `from` is below target.
template <typename X>
std::size_t seekLowerBound(const X &x, std::size_t from, std::size_t to, double target, std::size_t guess)
{
    if (from >= to || x(from) >= target)
        return from;
    // Invariant: x(lo) < target, and hi == to or x(hi) >= target.
    std::size_t lo = from, hi = to;
    const std::size_t g = std::clamp(guess, lo + 1, hi);
    if (g < to && x(g) < target) {
        lo = g;
        for (std::size_t step = 1;; step *= 2) {
            if (hi - lo <= step)
                break;
            const std::size_t p = lo + step;
            if (x(p) >= target) {
                hi = p;
                break;
            }
            lo = p;
        }
    } else {
        hi = g;
        for (std::size_t step = 1;; step *= 2) {
            if (hi - lo <= step)
                break;
            const std::size_t p = hi - step;
            if (x(p) < target) {
                lo = p;
                break;
            }
            hi = p;
        }
    }
    while (hi - lo > 1) {
        const std::size_t mid = lo + (hi - lo) / 2;
        if (x(mid) < target)
            lo = mid;
        else
            hi = mid;
    }
    return hi;
}

// x of the sparse index entries (MetricSeries::stepSamples() / timestampSamples()): entry k is
// x(k * BlockSize), computed by the same expression.
template <typename X> struct SampleX
{
    const X &x;
    const qint64 *samples;
    double operator()(std::size_t k) const { return x.of(samples[k]); }
};

// First i in [a, b) with x(i) >= target (b if none), given that the answer is near `guess`:
// galloping outwards from it, then bisecting. Unlike seekLowerBound() it reads nothing before a.
template <typename X>
std::size_t seekInRange(const X &x, std::size_t a, std::size_t b, double target, std::size_t guess)
{
    if (a >= b)
        return a;
    // Invariant: every x before lo + 1 is below target (lo == a - 1 stands for "none read yet",
    // kept as lo + 1 == a to stay unsigned), and hi == b or x(hi) >= target.
    std::size_t loNext = a, hi = b;
    const std::size_t g = std::clamp(guess, a, b - 1);
    if (x(g) < target) {
        loNext = g + 1;
        for (std::size_t step = 1; loNext < hi; step *= 2) {
            const std::size_t p = std::min(hi - 1, g + step);
            if (x(p) >= target) {
                hi = p;
                break;
            }
            loNext = p + 1;
        }
    } else {
        hi = g;
        for (std::size_t step = 1; loNext < hi; step *= 2) {
            const std::size_t p = hi > a + step ? hi - step : a;
            if (x(p) < target) {
                loNext = p + 1;
                break;
            }
            hi = p;
        }
    }
    while (loNext < hi) {
        const std::size_t mid = loNext + (hi - loNext) / 2;
        if (x(mid) < target)
            loNext = mid + 1;
        else
            hi = mid;
    }
    return hi;
}

// Appends output points, merging consecutive gaps into one NaN.
class Emitter
{
public:
    Emitter(const double *values, DecimatedSeries *out) : m_values(values), m_out(out) {}

    void emit(std::size_t i) { emit(i, m_values[i]); }
    // y is values[i] (passed when the caller has it, to spare a cache miss).
    void emit(std::size_t i, double y)
    {
        if (!std::isfinite(y)) {
            if (!m_out->y.empty() && std::isnan(m_out->y.back()))
                return;
            y = NaN;
        }
        m_out->y.push_back(y);
        m_out->index.push_back(i);
    }

private:
    const double *m_values;
    DecimatedSeries *m_out;
};

// Scratch space for column boundaries, reused across calls on the same thread.
std::vector<std::size_t> &boundsScratch()
{
    thread_local std::vector<std::size_t> bounds;
    return bounds;
}

// Sorts the few indices of one column and drops repeats; returns the new count.
template <typename Less> std::size_t sortUnique(std::size_t *idx, std::size_t count, Less less)
{
    for (std::size_t i = 1; i < count; ++i)
        for (std::size_t j = i; j > 0 && less(idx[j], idx[j - 1]); --j)
            std::swap(idx[j], idx[j - 1]);
    std::size_t out = 0;
    for (std::size_t i = 0; i < count; ++i)
        if (out == 0 || idx[i] != idx[out - 1])
            idx[out++] = idx[i];
    return out;
}

// Up to this many separate gaps inside one pixel column are drawn exactly (M4 of each finite
// stretch between them). Beyond that, the finite points between the column's first and last gap
// are drawn as one stroke from their min to their max: a column that dense in gaps is a smear
// at any zoom, and this keeps the work per column bounded.
constexpr std::size_t MaxGapsPerColumn = 8;

// Per-column output for non-decreasing x: [a, b) is one column's points. Writes y and index;
// x is filled in afterwards (see decimateSorted()), once the loads asked for here have arrived.
template <typename X> class ColumnWriter
{
public:
    ColumnWriter(const MetricSeries &series, const X &x, DecimatedSeries *out)
        : m_series(series), m_x(x), m_values(series.values().data()), m_runs(series.nonFiniteRuns()),
          m_emitter(m_values, out)
    {
    }

    Emitter &emitter() { return m_emitter; }
    double yMin() const { return m_yMin; }
    double yMax() const { return m_yMax; }

    void column(std::size_t a, std::size_t b)
    {
        if (m_runs.empty()) {
            stretch(a, b);
            return;
        }
        using Run = MetricSeries::NonFiniteRun;
        const auto first = std::upper_bound(m_runs.begin(), m_runs.end(), a,
                                            [](std::size_t i, const Run &r) { return i < r.end; });
        if (first == m_runs.end() || first->begin >= b) {
            stretch(a, b);
            return;
        }
        const auto end =
            std::lower_bound(first, m_runs.end(), b, [](const Run &r, std::size_t i) { return r.begin < i; });
        if (std::size_t(end - first) <= MaxGapsPerColumn) {
            std::size_t cur = a;
            for (auto r = first; r != end; ++r) {
                const std::size_t gap = std::max<std::size_t>(r->begin, a);
                if (cur < gap)
                    stretch(cur, gap);
                m_emitter.emit(gap);
                cur = std::min<std::size_t>(r->end, b);
            }
            if (cur < b)
                stretch(cur, b);
            return;
        }
        const auto last = end - 1;
        const std::size_t firstGap = std::max<std::size_t>(first->begin, a);
        if (a < firstGap)
            stretch(a, firstGap);
        m_emitter.emit(firstGap);
        const MetricSeries::Extrema mid = m_series.extrema(first->end, last->begin);
        if (mid.minIndex >= 0) {
            const bool minFirst = mid.minIndex <= mid.maxIndex;
            m_emitter.emit(std::size_t(minFirst ? mid.minIndex : mid.maxIndex), minFirst ? mid.min : mid.max);
            if (mid.minIndex != mid.maxIndex)
                m_emitter.emit(std::size_t(minFirst ? mid.maxIndex : mid.minIndex),
                               minFirst ? mid.max : mid.min);
            note(mid);
        }
        m_emitter.emit(last->begin);
        const std::size_t lastEnd = std::min<std::size_t>(last->end, b);
        if (lastEnd < b)
            stretch(lastEnd, b);
    }

private:
    struct Point
    {
        std::size_t index;
        double y;
    };

    // M4 of [a, b): first, min, max, last, each once, in index order.
    void stretch(std::size_t a, std::size_t b)
    {
        const MetricSeries::Extrema e = m_series.extrema(a, b);
        if (e.minIndex < 0) {
            m_emitter.emit(a);
            return;
        }
        prefetchX(m_x, std::size_t(e.minIndex));
        prefetchX(m_x, std::size_t(e.maxIndex));
        Point pts[4] = {{a, m_values[a]},
                        {std::size_t(e.minIndex), e.min},
                        {std::size_t(e.maxIndex), e.max},
                        {b - 1, m_values[b - 1]}};
        // Insertion sort of four by index, then drop repeats.
        for (int i = 1; i < 4; ++i)
            for (int j = i; j > 0 && pts[j].index < pts[j - 1].index; --j)
                std::swap(pts[j], pts[j - 1]);
        for (int i = 0; i < 4; ++i)
            if (i == 0 || pts[i].index != pts[i - 1].index)
                m_emitter.emit(pts[i].index, pts[i].y);
        note(e);
    }

    void note(const MetricSeries::Extrema &e)
    {
        m_yMin = std::min(m_yMin, e.min);
        m_yMax = std::max(m_yMax, e.max);
    }

    const MetricSeries &m_series;
    const X &m_x;
    const double *m_values;
    std::span<const MetricSeries::NonFiniteRun> m_runs;
    Emitter m_emitter;
    double m_yMin = std::numeric_limits<double>::infinity();
    double m_yMax = -std::numeric_limits<double>::infinity();
};

// Column boundaries for a computed x (evenly spaced steps): each found by a galloping search from
// a guess interpolated from the previous boundary, reading x costs nothing.
void gridBounds(const GridX &x, std::size_t lo, std::size_t hi, double xLo, double scale, double xMin,
                double xMax, int columns, std::vector<std::size_t> &bounds)
{
    const std::size_t cols = std::size_t(columns);
    double xPrev = xLo;
    for (std::size_t c = 1; c < cols; ++c) {
        const double edge = Decimator::columnEdge(xMin, xMax, columns, int(c));
        const std::size_t from = bounds[c - 1];
        const std::size_t guess =
            from + std::size_t(std::clamp((edge - xPrev) * scale, 0.0, double(hi - 1 - from)));
        bounds[c] = seekLowerBound(x, from, hi, edge, guess);
        if (bounds[c] == hi)
            break; // the remaining columns are empty
        xPrev = x(bounds[c]);
    }
}

// Column boundaries for a stored x, in two passes so that no search waits on a chain of cache
// misses. First, for every edge, the index block where x reaches it (the sparse index is small
// and mostly cached) and a guess inside that block interpolated between its two index entries;
// the guess's cache line is requested at once. Then each boundary is found near its guess, by
// which time that line has usually arrived: one or two cache lines of x per column, whatever
// the spacing of the points.
template <typename X>
void indexedBounds(const X &x, std::span<const qint64> samples, std::size_t lo, std::size_t hi, double scale,
                   double xMin, double xMax, int columns, std::vector<std::size_t> &bounds)
{
    constexpr std::size_t B = MetricSeries::BlockSize;
    const std::size_t cols = std::size_t(columns);
    const std::size_t m = samples.size();
    const SampleX<X> sx{x, samples.data()};
    const double blockScale = scale / double(B);
    thread_local std::vector<std::size_t> blocks, guesses;
    blocks.resize(cols);
    guesses.resize(cols);

    // Pass 1. K(edge): the first index entry with x >= edge. Entries before lo / B lie below
    // x(lo) and need no search; an entry at or above the edge there just means the boundary is
    // at its lower limit (see pass 2).
    std::size_t k = std::min(lo / B, m - 1);
    for (std::size_t c = 1; c < cols; ++c) {
        const double edge = Decimator::columnEdge(xMin, xMax, columns, int(c));
        const double xk = sx(k);
        const std::size_t kGuess = k + std::size_t(std::clamp((edge - xk) * blockScale, 0.0, double(m - k)));
        k = seekLowerBound(sx, k, m, edge, kGuess);
        blocks[c] = k;
        std::size_t guess = k * B;
        if (k > 0 && k < m) {
            const double x0 = sx(k - 1), x1 = sx(k);
            const double f = x1 > x0 ? (edge - x0) / (x1 - x0) : 1.0;
            guess = (k - 1) * B + std::size_t(std::clamp(f, 0.0, 1.0) * double(B));
        } else if (k == m) {
            guess = (m - 1) * B + std::size_t(std::clamp((edge - sx(m - 1)) * scale, 0.0, double(B)));
        }
        guess = std::clamp(guess, lo, hi - 1);
        guesses[c] = guess;
        prefetchX(x, guess);
        if (k == m)
            break;
    }

    // Pass 2. Every x up to (K - 1) * B is below the edge and x(K * B) is not, so the boundary
    // lies in ((K - 1) * B, K * B], clamped to [previous boundary, hi].
    for (std::size_t c = 1; c < cols; ++c) {
        const std::size_t from = bounds[c - 1];
        const std::size_t kc = blocks[c];
        const std::size_t a = kc == 0 ? from : std::clamp((kc - 1) * B + 1, from, hi);
        const std::size_t b = std::clamp(kc * B, a, hi);
        const double edge = Decimator::columnEdge(xMin, xMax, columns, int(c));
        bounds[c] = seekInRange(x, a, b, edge, guesses[c]);
        if (bounds[c] == hi)
            break; // the remaining columns are empty
        if (blocks[c] == m) {
            // Pass 1 stopped here: the remaining edges all lie in the last block.
            for (std::size_t d = c + 1; d < cols; ++d) {
                const double e = Decimator::columnEdge(xMin, xMax, columns, int(d));
                bounds[d] = seekInRange(x, bounds[d - 1], hi, e, bounds[d - 1]);
                if (bounds[d] == hi)
                    break;
            }
            break;
        }
    }
}

// The first index of every column of [lo, hi) (lo < hi), and hi after the last: computed for
// evenly spaced steps, found through the sparse x index otherwise. Thread-local scratch, valid
// until the next call on this thread.
template <typename X>
const std::vector<std::size_t> &columnBounds(const X &x, std::span<const qint64> samples, std::size_t lo,
                                             std::size_t hi, double xMin, double xMax, int columns)
{
    std::vector<std::size_t> &bounds = boundsScratch();
    bounds.assign(std::size_t(columns) + 1, hi);
    bounds[0] = lo;
    const double xLo = x(lo), xHi = x(hi - 1);
    // Points per unit of x over the visible range.
    const double scale = xHi > xLo ? double(hi - 1 - lo) / (xHi - xLo) : 0;
    if constexpr (std::is_same_v<X, GridX>)
        gridBounds(x, lo, hi, xLo, scale, xMin, xMax, columns, bounds);
    else
        indexedBounds(x, samples, lo, hi, scale, xMin, xMax, columns, bounds);
    return bounds;
}

// Three passes, each over columns or output points, so that the memory each one needs can be
// requested ahead: column boundaries (x searched near an interpolated guess), then each
// column's M4 from the pyramid, then the x of each output point.
template <typename X>
void decimateSorted(const MetricSeries &series, const X &x, std::span<const qint64> samples, double xMin,
                    double xMax, int columns, DecimatedSeries *out)
{
    const std::size_t n = series.size();
    const std::size_t lo = lowerBound(x, 0, n, xMin);
    const std::size_t hi = upperBound(x, lo, n, xMax);

    const std::size_t expected = std::min<std::size_t>(hi - lo, std::size_t(columns) * 4) + 2;
    out->x.reserve(expected);
    out->y.reserve(expected);
    out->index.reserve(expected);

    ColumnWriter<X> writer(series, x, out);
    if (lo > 0)
        writer.emitter().emit(lo - 1);

    if (lo < hi) {
        const std::size_t cols = std::size_t(columns);
        const std::vector<std::size_t> &bounds = columnBounds(x, samples, lo, hi, xMin, xMax, columns);
        // Sparse columns touch new memory far apart: prefetch the values and pyramid nodes. Dense
        // ones (fewer than a few pyramid blocks each) stream through the values, which the
        // hardware prefetches better.
        const bool sparse = hi - lo >= cols * 4 * MetricSeries::BlockSize;
        std::size_t ends[XLagColumns] = {}; // output size after each of the last columns
        for (std::size_t c = 0; c < cols; ++c) {
            if (sparse && c + PrefetchColumns < cols)
                series.prefetch(bounds[c + PrefetchColumns], (hi - lo) / cols);
            if (bounds[c + 1] > bounds[c])
                writer.column(bounds[c], bounds[c + 1]);
            std::size_t &end = ends[c % XLagColumns];
            for (std::size_t k = out->x.size(); k < end; ++k)
                out->x.push_back(x(out->index[k]));
            end = out->index.size();
        }
    }

    if (hi < n)
        writer.emitter().emit(hi);
    for (std::size_t k = out->x.size(); k < out->index.size(); ++k)
        out->x.push_back(x(out->index[k]));
    if (writer.yMin() <= writer.yMax()) {
        out->yMin = writer.yMin();
        out->yMax = writer.yMax();
    }
}

// Min and max of n >= 1 finite values, two lanes at a time where SSE2 is there.
inline void finiteMinMax(const double *v, std::size_t n, double *mn, double *mx)
{
    double lo = v[0], hi = v[0];
    std::size_t i = 0;
#if defined(__SSE2__)
    if (n >= 4) {
        __m128d l = _mm_loadu_pd(v), h = l;
        for (i = 2; i + 2 <= n; i += 2) {
            const __m128d a = _mm_loadu_pd(v + i);
            l = _mm_min_pd(l, a);
            h = _mm_max_pd(h, a);
        }
        double lanes[2];
        _mm_storeu_pd(lanes, l);
        lo = std::min(lanes[0], lanes[1]);
        _mm_storeu_pd(lanes, h);
        hi = std::max(lanes[0], lanes[1]);
    }
#endif
    for (; i < n; ++i) {
        lo = std::min(lo, v[i]);
        hi = std::max(hi, v[i]);
    }
    *mn = lo;
    *mx = hi;
}

// decimateColumns() for non-decreasing x: the column boundaries as decimateSorted() finds them,
// then one extrema query per column.
template <typename X>
void columnsSorted(const MetricSeries &series, const X &x, std::span<const qint64> samples, double xMin,
                   double xMax, int columns, ColumnExtents *out)
{
    const std::size_t n = series.size();
    const std::size_t lo = lowerBound(x, 0, n, xMin);
    const std::size_t hi = upperBound(x, lo, n, xMax);
    const double *values = series.values().data();
    const std::size_t cols = std::size_t(columns);
    out->columns = columns;
    out->lo.assign(cols, NaN);
    out->hi.assign(cols, NaN);
    out->singleX.assign(cols, NaN);
    if (lo > 0) {
        out->leftX = x(lo - 1);
        out->leftY = values[lo - 1];
    }
    if (hi < n) {
        out->rightX = x(hi);
        out->rightY = values[hi];
    }
    if (lo >= hi)
        return;
    const std::vector<std::size_t> &bounds = columnBounds(x, samples, lo, hi, xMin, xMax, columns);
    const bool sparse = hi - lo >= cols * 4 * MetricSeries::BlockSize;
    double *los = out->lo.data(), *his = out->hi.data(), *single = out->singleX.data();
    double yMin = std::numeric_limits<double>::infinity(), yMax = -yMin;
    for (std::size_t c = 0; c < cols; ++c) {
        if (sparse && c + PrefetchColumns < cols)
            series.prefetch(bounds[c + PrefetchColumns], (hi - lo) / cols);
        const std::size_t a = bounds[c], b = bounds[c + 1];
        if (b <= a)
            continue;
        if (b - a == 1) {
            los[c] = his[c] = values[a];
            single[c] = x(a);
        } else if (b - a <= MetricSeries::DirectScanPoints) {
            // A short column: its values in order, min and max only (no index wanted here).
            finiteMinMax(values + a, b - a, &los[c], &his[c]);
        } else {
            const MetricSeries::Extrema e = series.extrema(a, b);
            los[c] = e.min;
            his[c] = e.max;
        }
        yMin = std::min(yMin, los[c]);
        yMax = std::max(yMax, his[c]);
    }
    out->yMin = yMin;
    out->yMax = yMax;
}

// The fallback for an x that goes back and forth (a step counter reset, clock changes): one pass
// over every point, keeping per column the points with the smallest and largest x, the min and
// max finite y, and the first and last non-finite point by x.
template <typename X>
void decimateScan(const MetricSeries &series, const X &x, double xMin, double xMax, int columns,
                  DecimatedSeries *out)
{
    struct Column
    {
        std::size_t first = NoIndex, last = NoIndex, min = NoIndex, max = NoIndex;
        std::size_t gapFirst = NoIndex, gapLast = NoIndex;
    };
    const std::size_t n = series.size();
    const double *values = series.values().data();
    std::vector<double> edges(static_cast<std::size_t>(columns) + 1);
    for (int c = 0; c <= columns; ++c)
        edges[std::size_t(c)] = Decimator::columnEdge(xMin, xMax, columns, c);
    std::vector<Column> cols(static_cast<std::size_t>(columns));
    std::size_t left = NoIndex, right = NoIndex;
    double leftX = 0, rightX = 0;

    // (x, index) order: smaller x first, then earlier index.
    const auto before = [&](std::size_t i, std::size_t j) {
        const double xi = x(i), xj = x(j);
        return xi < xj || (xi == xj && i < j);
    };
    for (std::size_t i = 0; i < n; ++i) {
        const double xi = x(i);
        if (xi < xMin) {
            if (left == NoIndex || xi >= leftX) {
                left = i;
                leftX = xi;
            }
            continue;
        }
        if (xi > xMax) {
            if (right == NoIndex || xi < rightX) {
                right = i;
                rightX = xi;
            }
            continue;
        }
        if (!(xi >= xMin)) // NaN x cannot be placed
            continue;
        std::size_t c = std::size_t(std::upper_bound(edges.begin(), edges.end(), xi) - edges.begin());
        c = std::min<std::size_t>(c == 0 ? 0 : c - 1, std::size_t(columns) - 1);
        Column &col = cols[c];
        if (col.first == NoIndex || before(i, col.first))
            col.first = i;
        if (col.last == NoIndex || before(col.last, i))
            col.last = i;
        const double v = values[i];
        if (std::isfinite(v)) {
            if (col.min == NoIndex || v < values[col.min])
                col.min = i;
            if (col.max == NoIndex || v > values[col.max])
                col.max = i;
        } else {
            if (col.gapFirst == NoIndex || before(i, col.gapFirst))
                col.gapFirst = i;
            if (col.gapLast == NoIndex || before(col.gapLast, i))
                col.gapLast = i;
        }
    }

    Emitter emitter(values, out);
    if (left != NoIndex)
        emitter.emit(left);
    double yMin = std::numeric_limits<double>::infinity();
    double yMax = -yMin;
    for (const Column &col : cols) {
        if (col.first == NoIndex)
            continue;
        std::size_t idx[6];
        std::size_t count = 0;
        for (std::size_t i : {col.first, col.min, col.max, col.last, col.gapFirst, col.gapLast})
            if (i != NoIndex)
                idx[count++] = i;
        count = sortUnique(idx, count, before);
        for (std::size_t k = 0; k < count; ++k)
            emitter.emit(idx[k]);
        if (col.min != NoIndex) {
            yMin = std::min(yMin, values[col.min]);
            yMax = std::max(yMax, values[col.max]);
        }
    }
    if (right != NoIndex)
        emitter.emit(right);
    out->x.resize(out->index.size());
    for (std::size_t k = 0; k < out->index.size(); ++k)
        out->x[k] = x(out->index[k]);
    if (yMin <= yMax) {
        out->yMin = yMin;
        out->yMax = yMax;
    }
}

template <typename X>
void decimateWith(const MetricSeries &series, bool sorted, const X &x, std::span<const qint64> samples,
                  double xMin, double xMax, int columns, DecimatedSeries *out)
{
    if (sorted)
        decimateSorted(series, x, samples, xMin, xMax, columns, out);
    else
        decimateScan(series, x, xMin, xMax, columns, out);
}

} // namespace

DecimatedSeries::DecimatedSeries() : yMin(NaN), yMax(NaN) {}

ColumnExtents::ColumnExtents()
    : leftX(NaN), leftY(NaN), rightX(NaN), rightY(NaN), yMin(NaN), yMax(NaN)
{
}

void ColumnExtents::clear()
{
    columns = 0;
    lo.clear();
    hi.clear();
    singleX.clear();
    leftX = leftY = rightX = rightY = yMin = yMax = NaN;
}

void DecimatedSeries::clear()
{
    x.clear();
    y.clear();
    index.clear();
    yMin = yMax = NaN;
}

double Decimator::columnEdge(double xMin, double xMax, int columns, int c)
{
    if (c <= 0)
        return xMin;
    if (c >= columns)
        return xMax;
    return std::min(xMax, xMin + (xMax - xMin) * (double(c) / double(columns)));
}

double Decimator::xAt(const MetricSeries &series, XAxisMode mode, std::size_t i)
{
    switch (mode) {
    case XAxisMode::Step:
        return StepX{series.steps().data()}(i);
    case XAxisMode::WallTime:
        return WallX{series.timestamps().data()}(i);
    case XAxisMode::RelativeTime:
        return RelativeX{series.timestamps().data(), series.minTimestamp()}(i);
    }
    return NaN;
}

bool Decimator::isXSorted(const MetricSeries &series, XAxisMode mode)
{
    return mode == XAxisMode::Step ? series.stepsSorted() : series.timestampsSorted();
}

bool Decimator::xRange(const MetricSeries &series, XAxisMode mode, double *xMin, double *xMax)
{
    const std::size_t n = series.size();
    if (n == 0)
        return false;
    double lo = xAt(series, mode, 0), hi = xAt(series, mode, n - 1);
    if (!isXSorted(series, mode)) {
        for (std::size_t i = 0; i < n; ++i) {
            const double xi = xAt(series, mode, i);
            lo = std::min(lo, xi);
            hi = std::max(hi, xi);
        }
    }
    *xMin = lo;
    *xMax = hi;
    return true;
}

void Decimator::decimate(const MetricSeries &series, XAxisMode mode, double xMin, double xMax, int columns,
                         DecimatedSeries *out)
{
    out->clear();
    if (series.isEmpty() || columns <= 0 || !(xMin <= xMax))
        return;
    const bool sorted = isXSorted(series, mode);
    switch (mode) {
    case XAxisMode::Step:
        if (series.stepsEvenlySpaced() && series.stepStride() >= 0)
            decimateWith(series, true, GridX{series.steps()[0], series.stepStride()}, {}, xMin, xMax, columns,
                         out);
        else
            decimateWith(series, sorted, StepX{series.steps().data()}, series.stepSamples(), xMin, xMax,
                         columns, out);
        break;
    case XAxisMode::WallTime:
        decimateWith(series, sorted, WallX{series.timestamps().data()}, series.timestampSamples(), xMin, xMax,
                     columns, out);
        break;
    case XAxisMode::RelativeTime:
        decimateWith(series, sorted, RelativeX{series.timestamps().data(), series.minTimestamp()},
                     series.timestampSamples(), xMin, xMax, columns, out);
        break;
    }
}

bool Decimator::decimateColumns(const MetricSeries &series, XAxisMode mode, double xMin, double xMax,
                                int columns, ColumnExtents *out)
{
    out->clear();
    if (!isXSorted(series, mode) || series.nonFiniteCount() > 0)
        return false;
    if (series.isEmpty() || columns <= 0 || !(xMin <= xMax))
        return true;
    switch (mode) {
    case XAxisMode::Step:
        if (series.stepsEvenlySpaced() && series.stepStride() >= 0)
            columnsSorted(series, GridX{series.steps()[0], series.stepStride()}, {}, xMin, xMax, columns, out);
        else
            columnsSorted(series, StepX{series.steps().data()}, series.stepSamples(), xMin, xMax, columns, out);
        break;
    case XAxisMode::WallTime:
        columnsSorted(series, WallX{series.timestamps().data()}, series.timestampSamples(), xMin, xMax, columns,
                      out);
        break;
    case XAxisMode::RelativeTime:
        columnsSorted(series, RelativeX{series.timestamps().data(), series.minTimestamp()},
                      series.timestampSamples(), xMin, xMax, columns, out);
        break;
    }
    return true;
}

DecimatedSeries Decimator::decimate(const MetricSeries &series, XAxisMode mode, double xMin, double xMax,
                                    int columns)
{
    DecimatedSeries out;
    decimate(series, mode, xMin, xMax, columns, &out);
    return out;
}

} // namespace lab
