#pragma once

#include "series/metricseries.h"

#include <cstdint>
#include <span>
#include <vector>

namespace lab {

// TensorBoard's debiased exponential moving average, as its scalar charts draw it
// (tensorboard/components/vz_line_chart2/line-chart.ts, resmoothDataset):
//
//     last = 0, n = 0
//     for each value v:
//         if every value of the series equals the first one, or v is not finite: smoothed = v
//         else: last = last * w + (1 - w) * v; n += 1; smoothed = last / (1 - w^n)
//
// so non-finite points pass through without touching the average, n counts finite points only,
// and a constant series is drawn as is. The result is a MetricSeries with the same steps and
// timestamps, so it is decimated through its own pyramid like the raw one.
//
// Live use: keep one smoother per drawn series and call update() on each new batch; only the
// appended points are smoothed, except when a series that was constant so far stops being
// constant (then TensorBoard's rule changes every earlier point, and it is redone once).
class EmaSmoother
{
public:
    // TensorBoard's slider stops at 0.999; a weight of 1 would freeze the average at 0.
    static constexpr double MaxWeight = 0.999;

    explicit EmaSmoother(double weight = 0.6);

    // Clamped to [0, MaxWeight] (NaN counts as 0). A new weight restarts smoothing at the next update().
    void setWeight(double weight);
    double weight() const { return m_weight; }

    // Brings smoothed() up to date with `series` and returns it. Incremental when `series` is the
    // one seen last time and has only grown (same object, same MetricSeries::generation());
    // otherwise starts over.
    const MetricSeries &update(const MetricSeries &series);
    const MetricSeries &smoothed() const { return m_out; }
    // Forgets everything (the next update() starts over).
    void reset();

    // One-shot helpers.
    static std::vector<double> smoothValues(std::span<const double> values, double weight);
    static MetricSeries smoothSeries(const MetricSeries &series, double weight);

private:
    static double clampWeight(double weight);
    void restart();

    double m_weight;
    MetricSeries m_out;
    std::vector<double> m_scratch;
    const MetricSeries *m_source = nullptr;
    std::uint64_t m_generation = 0;
    std::size_t m_seen = 0;
    double m_last = 0;
    std::size_t m_finiteCount = 0;
    double m_first = 0;
    bool m_constant = true;
    bool m_debiased = false; // 1 - w^n has reached 1.0
};

} // namespace lab
