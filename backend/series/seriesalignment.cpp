#include "series/seriesalignment.h"

#include "series/metricseries.h"

#include <algorithm>
#include <limits>
#include <numeric>

namespace lab {

namespace {

constexpr double NaN = std::numeric_limits<double>::quiet_NaN();

// Points of one series in x order; equal x keep log order, so the last of a run of equal x is the
// last one logged.
std::vector<std::size_t> xOrder(const MetricSeries &s, XAxisMode mode)
{
    std::vector<std::size_t> order(s.size());
    std::iota(order.begin(), order.end(), std::size_t(0));
    if (!Decimator::isXSorted(s, mode)) {
        std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
            return Decimator::xAt(s, mode, a) < Decimator::xAt(s, mode, b);
        });
    }
    return order;
}

} // namespace

SeriesSummary::SeriesSummary() : min(NaN), max(NaN), last(NaN) {}

AlignedSeries SeriesAlignment::align(std::span<const MetricSeries *const> series, XAxisMode mode)
{
    AlignedSeries out;
    std::vector<std::vector<std::size_t>> orders;
    orders.reserve(series.size());
    std::size_t total = 0;
    for (const MetricSeries *s : series) {
        orders.push_back(s ? xOrder(*s, mode) : std::vector<std::size_t>{});
        total += orders.back().size();
    }

    out.x.reserve(total);
    for (std::size_t k = 0; k < series.size(); ++k)
        for (std::size_t i : orders[k])
            out.x.push_back(Decimator::xAt(*series[k], mode, i));
    std::sort(out.x.begin(), out.x.end());
    out.x.erase(std::unique(out.x.begin(), out.x.end()), out.x.end());

    out.values.resize(series.size());
    for (std::size_t k = 0; k < series.size(); ++k) {
        auto &column = out.values[k];
        column.assign(out.x.size(), NaN);
        if (!series[k])
            continue;
        const MetricSeries &s = *series[k];
        const auto values = s.values();
        std::size_t row = 0;
        for (std::size_t i : orders[k]) {
            const double xi = Decimator::xAt(s, mode, i);
            while (out.x[row] < xi)
                ++row;
            column[row] = values[i]; // later points at the same x overwrite earlier ones
        }
    }
    return out;
}

SeriesSummary SeriesAlignment::summarize(const MetricSeries &series)
{
    SeriesSummary sum;
    const std::size_t n = series.size();
    sum.count = n;
    if (n == 0)
        return sum;
    sum.finiteCount = n - series.nonFiniteCount();

    const auto values = series.values();
    const auto steps = series.steps();
    const auto ts = series.timestamps();
    const MetricSeries::Extrema e = series.extrema(0, n);
    if (e.minIndex >= 0) {
        sum.min = values[std::size_t(e.minIndex)];
        sum.max = values[std::size_t(e.maxIndex)];
        sum.minStep = steps[std::size_t(e.minIndex)];
        sum.maxStep = steps[std::size_t(e.maxIndex)];
    }

    // With sorted steps the latest point is among the trailing ones sharing the last step.
    std::size_t from = 0;
    if (series.stepsSorted()) {
        from = n - 1;
        while (from > 0 && steps[from - 1] == steps[n - 1])
            --from;
    }
    std::size_t best = from;
    for (std::size_t i = from + 1; i < n; ++i) {
        if (steps[i] > steps[best] || (steps[i] == steps[best] && ts[i] >= ts[best]))
            best = i;
    }
    sum.last = values[best];
    sum.lastStep = steps[best];
    sum.lastTimestamp = ts[best];
    return sum;
}

} // namespace lab
