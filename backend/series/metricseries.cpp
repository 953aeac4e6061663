#include "series/metricseries.h"

#include <algorithm>
#include <cmath>
#include <limits>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace lab {

namespace {

constexpr double Inf = std::numeric_limits<double>::infinity();

// The deepest pyramid for 2^32 points has 10 levels; each level leaves at most Fanout - 1 nodes on
// the right of a range, so this bounds the nodes a query defers.
constexpr std::size_t MaxDeferredNodes = 16 * MetricSeries::Fanout;

// Extrema of [first, last) read straight from the values, for ranges of finite values only:
// min and max first (independent lanes, no index bookkeeping), then the first index holding
// each. Equal values compare equal (0.0 and -0.0 too), so the earliest index wins on ties,
// as in the pyramid's strict comparisons.
void scanFinite(const double *v, std::size_t first, std::size_t last, std::size_t *imn, std::size_t *imx)
{
    double mn = v[first], mx = v[first];
    std::size_t i = first;
#if defined(__SSE2__)
    if (last - first >= 8) {
        __m128d mn0 = _mm_set1_pd(mn), mn1 = mn0, mx0 = mn0, mx1 = mn0;
        for (; i + 4 <= last; i += 4) {
            const __m128d a = _mm_loadu_pd(v + i), b = _mm_loadu_pd(v + i + 2);
            mn0 = _mm_min_pd(mn0, a);
            mn1 = _mm_min_pd(mn1, b);
            mx0 = _mm_max_pd(mx0, a);
            mx1 = _mm_max_pd(mx1, b);
        }
        double lanes[2];
        _mm_storeu_pd(lanes, _mm_min_pd(mn0, mn1));
        mn = std::min(lanes[0], lanes[1]);
        _mm_storeu_pd(lanes, _mm_max_pd(mx0, mx1));
        mx = std::max(lanes[0], lanes[1]);
    }
#endif
    for (; i < last; ++i) {
        mn = std::min(mn, v[i]);
        mx = std::max(mx, v[i]);
    }
    std::size_t j = first;
    while (v[j] != mn)
        ++j;
    *imn = j;
    j = first;
    while (v[j] != mx)
        ++j;
    *imx = j;
}

} // namespace

MetricSeries::Node MetricSeries::emptyNode()
{
    return Node{Inf, -Inf, 0, 0};
}

void MetricSeries::append(qint64 step, qint64 timestampMs, double value)
{
    const std::size_t i = size();
    Q_ASSERT(i < std::numeric_limits<std::uint32_t>::max());
    if (i == 0)
        noteX(0, 0, 0, step, timestampMs);
    else
        noteX(i, m_steps.back(), m_timestamps.back(), step, timestampMs);
    if (i % BlockSize == 0) {
        m_stepSamples.push_back(step);
        m_timestampSamples.push_back(timestampMs);
    }
    m_steps.push_back(step);
    m_timestamps.push_back(timestampMs);
    m_values.push_back(value);
    noteValue(i, value);
    addToPyramid(i, value);
    updateRuns(i);
    ++m_revision;
}

void MetricSeries::append(std::span<const qint64> steps, std::span<const qint64> ts,
                          std::span<const double> values)
{
    Q_ASSERT(steps.size() == ts.size() && ts.size() == values.size());
    const std::size_t n = std::min({steps.size(), ts.size(), values.size()});
    if (n == 0)
        return;
    const std::size_t from = size();
    Q_ASSERT(from + n < std::numeric_limits<std::uint32_t>::max());

    qint64 prevStep = from ? m_steps.back() : 0;
    qint64 prevTs = from ? m_timestamps.back() : 0;
    for (std::size_t i = 0; i < n; ++i) {
        noteX(from + i, prevStep, prevTs, steps[i], ts[i]);
        prevStep = steps[i];
        prevTs = ts[i];
        noteValue(from + i, values[i]);
    }
    for (std::size_t i = (from + BlockSize - 1) / BlockSize * BlockSize; i < from + n; i += BlockSize) {
        m_stepSamples.push_back(steps[i - from]);
        m_timestampSamples.push_back(ts[i - from]);
    }
    m_steps.append(steps.data(), n);
    m_timestamps.append(ts.data(), n);
    m_values.append(values.data(), n);
    extendPyramid(from);
    updateRuns(from);
    ++m_revision;
}

void MetricSeries::reserve(std::size_t n)
{
    m_steps.reserve(n);
    m_timestamps.reserve(n);
    m_values.reserve(n);
    m_runs.reserve((n + RunSize - 1) / RunSize);
    m_stepSamples.reserve((n + BlockSize - 1) / BlockSize);
    m_timestampSamples.reserve((n + BlockSize - 1) / BlockSize);
    std::size_t nodes = (n + BlockSize - 1) / BlockSize;
    for (std::size_t k = 0; nodes > 0; ++k) {
        if (k == m_levels.size()) {
            // A level above a non-empty top would lack the existing points' aggregate.
            if (!isEmpty())
                break;
            m_levels.emplace_back();
        }
        m_levels[k].reserve(nodes);
        if (nodes == 1)
            break;
        nodes = (nodes + Fanout - 1) / Fanout;
    }
}

void MetricSeries::clear()
{
    m_steps.clear();
    m_timestamps.clear();
    m_values.clear();
    for (auto &level : m_levels)
        level.clear();
    m_runs.clear();
    m_stepSamples.clear();
    m_timestampSamples.clear();
    m_gaps.clear();
    m_nonFiniteCount = 0;
    m_minTimestamp = 0;
    m_stepsSorted = m_timestampsSorted = true;
    m_stepsEven = true;
    m_stepStride = 0;
    ++m_revision;
    ++m_generation;
}

void MetricSeries::shrinkToFit()
{
    m_steps.shrinkToFit();
    m_timestamps.shrinkToFit();
    m_values.shrinkToFit();
    while (!m_levels.empty() && m_levels.back().empty())
        m_levels.pop_back();
    for (auto &level : m_levels)
        level.shrinkToFit();
    m_levels.shrink_to_fit();
    m_runs.shrinkToFit();
    m_stepSamples.shrinkToFit();
    m_timestampSamples.shrinkToFit();
    m_gaps.shrink_to_fit();
}

void MetricSeries::noteX(std::size_t index, qint64 prevStep, qint64 prevTs, qint64 step, qint64 ts)
{
    if (index == 0) {
        m_minTimestamp = ts;
        return;
    }
    m_stepsSorted = m_stepsSorted && step >= prevStep;
    m_timestampsSorted = m_timestampsSorted && ts >= prevTs;
    m_minTimestamp = std::min(m_minTimestamp, ts);
    qint64 stride = 0;
    const bool fits = !__builtin_sub_overflow(step, prevStep, &stride);
    if (index == 1) {
        m_stepStride = stride;
        m_stepsEven = fits;
    } else {
        m_stepsEven = m_stepsEven && fits && stride == m_stepStride;
    }
}

void MetricSeries::noteValue(std::size_t index, double value)
{
    if (std::isfinite(value))
        return;
    ++m_nonFiniteCount;
    const auto i = std::uint32_t(index);
    if (!m_gaps.empty() && m_gaps.back().end == i)
        m_gaps.back().end = i + 1;
    else
        m_gaps.push_back(NonFiniteRun{i, i + 1});
}

// Recomputes the run summaries from the run holding fromIndex to the end.
void MetricSeries::updateRuns(std::size_t fromIndex)
{
    const std::size_t n = size();
    const double *v = m_values.data();
    const std::size_t count = (n + RunSize - 1) / RunSize;
    m_runs.resize(count);
    for (std::size_t r = fromIndex / RunSize; r < count; ++r) {
        const std::size_t base = r * RunSize;
        const std::size_t end = std::min(n, base + RunSize);
        double mn = Inf, mx = -Inf;
        unsigned minOff = 0, maxOff = 0;
        for (std::size_t i = base; i < end; ++i) {
            const double x = v[i];
            if (x < mn && x > -Inf) {
                mn = x;
                minOff = unsigned(i - base);
            }
            if (x > mx && x < Inf) {
                mx = x;
                maxOff = unsigned(i - base);
            }
        }
        m_runs[r] = mn < Inf ? std::uint8_t(minOff | (maxOff << 3) | RunHasFinite) : std::uint8_t(0);
    }
}

void MetricSeries::addToPyramid(std::size_t index, double value)
{
    if (m_levels.empty())
        m_levels.emplace_back();
    const auto i = std::uint32_t(index);
    std::size_t node = index / BlockSize;
    for (std::size_t k = 0;; ++k) {
        auto &level = m_levels[k];
        if (node == level.size())
            level.push_back(emptyNode());
        Node &nd = level[node];
        // Later points never win a tie, so the earliest index stays.
        if (value < nd.min && value > -Inf) {
            nd.min = value;
            nd.minIndex = i;
        }
        if (value > nd.max && value < Inf) {
            nd.max = value;
            nd.maxIndex = i;
        }
        if (k + 1 == m_levels.size()) {
            if (level.size() > 1)
                addParentLevel();
            return;
        }
        node /= Fanout;
    }
}

void MetricSeries::addParentLevel()
{
    const std::size_t child = m_levels.size() - 1;
    m_levels.emplace_back();
    const auto &children = m_levels[child];
    auto &parents = m_levels[child + 1];
    const std::size_t count = (children.size() + Fanout - 1) / Fanout;
    parents.resize(count, emptyNode());
    for (std::size_t c = 0; c < children.size(); ++c) {
        Node &p = parents[c / Fanout];
        const Node &ch = children[c];
        if (ch.min < p.min) {
            p.min = ch.min;
            p.minIndex = ch.minIndex;
        }
        if (ch.max > p.max) {
            p.max = ch.max;
            p.maxIndex = ch.maxIndex;
        }
    }
}

// Recomputes every node that covers a point at or after fromIndex: the leaf blocks from the
// values, the levels above from their children. Nodes before are untouched by an append.
void MetricSeries::extendPyramid(std::size_t fromIndex)
{
    const std::size_t n = size();
    if (fromIndex >= n)
        return;
    if (m_levels.empty())
        m_levels.emplace_back();

    const double *v = m_values.data();
    {
        auto &leaves = m_levels[0];
        const std::size_t count = (n + BlockSize - 1) / BlockSize;
        leaves.resize(count, emptyNode());
        for (std::size_t b = fromIndex / BlockSize; b < count; ++b) {
            Node nd = emptyNode();
            const std::size_t end = std::min(n, (b + 1) * BlockSize);
            for (std::size_t i = b * BlockSize; i < end; ++i) {
                const double x = v[i];
                if (x < nd.min && x > -Inf) {
                    nd.min = x;
                    nd.minIndex = std::uint32_t(i);
                }
                if (x > nd.max && x < Inf) {
                    nd.max = x;
                    nd.maxIndex = std::uint32_t(i);
                }
            }
            leaves[b] = nd;
        }
    }

    std::size_t first = fromIndex / BlockSize;
    for (std::size_t k = 0;; ++k) {
        const std::size_t childCount = m_levels[k].size();
        if (k + 1 == m_levels.size()) {
            if (childCount <= 1)
                break;
            m_levels.emplace_back();
        }
        const auto &children = m_levels[k];
        auto &parents = m_levels[k + 1];
        const std::size_t count = (childCount + Fanout - 1) / Fanout;
        parents.resize(count, emptyNode());
        const std::size_t parentFirst = first / Fanout;
        for (std::size_t p = parentFirst; p < count; ++p) {
            Node nd = emptyNode();
            const std::size_t end = std::min(childCount, (p + 1) * Fanout);
            for (std::size_t c = p * Fanout; c < end; ++c) {
                const Node &ch = children[c];
                if (ch.min < nd.min) {
                    nd.min = ch.min;
                    nd.minIndex = ch.minIndex;
                }
                if (ch.max > nd.max) {
                    nd.max = ch.max;
                    nd.maxIndex = ch.maxIndex;
                }
            }
            parents[p] = nd;
        }
        first = parentFirst;
    }
}

MetricSeries::Extrema MetricSeries::extrema(std::size_t first, std::size_t last) const
{
    const std::size_t n = size();
    last = std::min(last, n);
    Extrema result;
    if (first >= last)
        return result;

    const double *v = m_values.data();
    if (m_nonFiniteCount == 0 && last - first <= DirectScanPoints) {
        std::size_t imn = 0, imx = 0;
        scanFinite(v, first, last, &imn, &imx);
        result.minIndex = std::ptrdiff_t(imn);
        result.maxIndex = std::ptrdiff_t(imx);
        result.min = v[imn];
        result.max = v[imx];
        return result;
    }
    const std::uint8_t *runs = m_runs.data();
    const auto &leaves = m_levels[0];
    double mn = Inf, mx = -Inf;
    std::size_t imn = 0, imx = 0;

    // Whole nodes, visited in index order (left nodes, top, right nodes) so that strict
    // comparisons keep the earliest index on ties, as the brute-force answer does.
    // Branch-free: which node improves on the others is a coin toss on noisy data.
    const auto take = [&](const Node &nd) {
        const bool lower = nd.min < mn;
        const bool higher = nd.max > mx;
        mn = lower ? nd.min : mn;
        imn = lower ? nd.minIndex : imn;
        mx = higher ? nd.max : mx;
        imx = higher ? nd.maxIndex : imx;
    };
    // The part [from, to) of leaf block `nd`, after the whole nodes: it lies before them (head:
    // it wins ties) or after them (tail: it loses ties). Its raw values are read only when the
    // block's min (max) could beat the answer so far but lies outside the part; at 1920 columns
    // over millions of points that is rare, so most columns read no raw values at all.
    const auto part = [&](const Node &nd, std::size_t from, std::size_t to, bool head) {
        bool scanMin = false, scanMax = false;
        if (nd.min < Inf && (head ? nd.min <= mn : nd.min < mn)) {
            if (nd.minIndex >= from && nd.minIndex < to) {
                mn = nd.min;
                imn = nd.minIndex;
            } else {
                scanMin = true;
            }
        }
        if (nd.max > -Inf && (head ? nd.max >= mx : nd.max > mx)) {
            if (nd.maxIndex >= from && nd.maxIndex < to) {
                mx = nd.max;
                imx = nd.maxIndex;
            } else {
                scanMax = true;
            }
        }
        if (!scanMin && !scanMax)
            return;
        // In index order with strict comparisons: the earliest of equal values wins.
        double pmn = Inf, pmx = -Inf;
        std::size_t ipmn = 0, ipmx = 0;
        const auto minAt = [&](std::size_t i) {
            const double x = v[i];
            const bool lower = (x < pmn) & (x > -Inf);
            pmn = lower ? x : pmn;
            ipmn = lower ? i : ipmn;
        };
        const auto maxAt = [&](std::size_t i) {
            const double x = v[i];
            const bool higher = (x > pmx) & (x < Inf);
            pmx = higher ? x : pmx;
            ipmx = higher ? i : ipmx;
        };
        std::size_t i = from;
        for (; i < to && i % RunSize != 0; ++i) {
            minAt(i);
            maxAt(i);
        }
        for (; i + RunSize <= to; i += RunSize) {
            const std::uint8_t r = runs[i / RunSize];
            if (r & RunHasFinite) {
                minAt(i + (r & 7u));
                maxAt(i + ((r >> 3) & 7u));
            }
        }
        for (; i < to; ++i) {
            minAt(i);
            maxAt(i);
        }
        if (scanMin && pmn < Inf && (head ? pmn <= mn : pmn < mn)) {
            mn = pmn;
            imn = ipmn;
        }
        if (scanMax && pmx > -Inf && (head ? pmx >= mx : pmx > mx)) {
            mx = pmx;
            imx = ipmx;
        }
    };

    const std::size_t firstBlock = first / BlockSize;
    const std::size_t lastBlock = (last - 1) / BlockSize;
    // A block is whole when the range covers it; the series' last, partly filled block counts
    // as covered when the range runs to the end.
    const bool headWhole = first % BlockSize == 0;
    const bool tailWhole = last % BlockSize == 0 || last == n;
    if (firstBlock == lastBlock) {
        if (headWhole && tailWhole)
            take(leaves[firstBlock]);
        else
            part(leaves[firstBlock], first, last, true);
    } else {
        std::size_t lo = headWhole ? firstBlock : firstBlock + 1;
        std::size_t hi = tailWhole ? lastBlock + 1 : lastBlock;
        const Node *deferred[MaxDeferredNodes];
        std::size_t deferredCount = 0;
        for (std::size_t k = 0; lo < hi; ++k) {
            const auto &level = m_levels[k];
            if (k + 1 == m_levels.size() || hi - lo <= Fanout) {
                for (std::size_t j = lo; j < hi; ++j)
                    take(level[j]);
                break;
            }
            while (lo < hi && lo % Fanout != 0)
                take(level[lo++]);
            while (lo < hi && hi % Fanout != 0)
                deferred[deferredCount++] = &level[--hi];
            lo /= Fanout;
            hi /= Fanout;
        }
        while (deferredCount > 0)
            take(*deferred[--deferredCount]);
        if (!headWhole)
            part(leaves[firstBlock], first, (firstBlock + 1) * BlockSize, true);
        if (!tailWhole)
            part(leaves[lastBlock], lastBlock * BlockSize, last, false);
    }

    if (mn != Inf) {
        result.minIndex = std::ptrdiff_t(imn);
        result.maxIndex = std::ptrdiff_t(imx);
        result.min = mn;
        result.max = mx;
    }
    return result;
}

void MetricSeries::prefetch(std::size_t boundary, std::size_t rangeLength) const
{
    const std::size_t n = size();
    if (n == 0)
        return;
    boundary = std::clamp<std::size_t>(boundary, 1, n - 1);
    constexpr std::size_t Line = 64;
    const auto lines = [](const void *from, const void *to) {
        auto p = reinterpret_cast<std::uintptr_t>(from) & ~std::uintptr_t(Line - 1);
        for (; p < reinterpret_cast<std::uintptr_t>(to); p += Line)
            __builtin_prefetch(reinterpret_cast<const void *>(p));
    };
    // The values either side of the boundary (the first and last point of the two ranges).
    // Partial blocks are read only when they could change a result, which is rare, so the rest
    // of the block is not worth a miss buffer.
    __builtin_prefetch(m_values.data() + boundary - 1);
    __builtin_prefetch(m_values.data() + boundary);
    __builtin_prefetch(m_runs.data() + boundary / RunSize);
    // On each level a query uses, the nodes it takes next to the boundary all lie in the group
    // of Fanout siblings around it: the range ending there takes those left of it, the range
    // starting there those right of it. A level is used once ranges span several of its nodes.
    std::size_t node = boundary / BlockSize;
    std::size_t span = BlockSize * Fanout;
    for (std::size_t k = 0; k < m_levels.size() && span <= rangeLength; ++k, node /= Fanout, span *= Fanout) {
        const auto &level = m_levels[k];
        const std::size_t from = node / Fanout * Fanout;
        const std::size_t to = std::min(level.size(), from + Fanout);
        if (from < to)
            lines(level.data() + from, level.data() + to);
    }
}

std::ptrdiff_t MetricSeries::argMin(std::size_t first, std::size_t last) const
{
    return extrema(first, last).minIndex;
}

std::ptrdiff_t MetricSeries::argMax(std::size_t first, std::size_t last) const
{
    return extrema(first, last).maxIndex;
}

void MetricSeries::minMax(std::size_t first, std::size_t last, double *min, double *max) const
{
    const Extrema e = extrema(first, last);
    const double nan = std::numeric_limits<double>::quiet_NaN();
    if (min)
        *min = e.minIndex < 0 ? nan : m_values[std::size_t(e.minIndex)];
    if (max)
        *max = e.maxIndex < 0 ? nan : m_values[std::size_t(e.maxIndex)];
}

std::ptrdiff_t MetricSeries::firstNonFinite(std::size_t first, std::size_t last) const
{
    last = std::min(last, size());
    if (first >= last || m_gaps.empty())
        return -1;
    // The first gap that ends after `first`.
    const auto it = std::upper_bound(m_gaps.begin(), m_gaps.end(), first,
                                     [](std::size_t i, const NonFiniteRun &g) { return i < g.end; });
    if (it == m_gaps.end() || it->begin >= last)
        return -1;
    return std::ptrdiff_t(std::max<std::size_t>(it->begin, first));
}

std::ptrdiff_t MetricSeries::lastNonFinite(std::size_t first, std::size_t last) const
{
    last = std::min(last, size());
    if (first >= last || m_gaps.empty())
        return -1;
    // The last gap that begins before `last`.
    auto it = std::lower_bound(m_gaps.begin(), m_gaps.end(), last,
                               [](const NonFiniteRun &g, std::size_t i) { return g.begin < i; });
    if (it == m_gaps.begin())
        return -1;
    --it;
    if (it->end <= first)
        return -1;
    return std::ptrdiff_t(std::min<std::size_t>(it->end, last) - 1);
}

std::size_t MetricSeries::memoryBytes() const
{
    std::size_t bytes = sizeof(*this);
    bytes += m_steps.capacity() * sizeof(qint64) + m_timestamps.capacity() * sizeof(qint64) +
             m_values.capacity() * sizeof(double);
    bytes += m_levels.capacity() * sizeof(PodBuffer<Node, 8>);
    for (const auto &level : m_levels)
        bytes += level.capacity() * sizeof(Node);
    bytes += m_runs.capacity();
    bytes += (m_stepSamples.capacity() + m_timestampSamples.capacity()) * sizeof(qint64);
    bytes += m_gaps.capacity() * sizeof(NonFiniteRun);
    return bytes;
}

} // namespace lab
