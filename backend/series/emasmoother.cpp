#include "series/emasmoother.h"

#include <algorithm>
#include <cmath>

namespace lab {

EmaSmoother::EmaSmoother(double weight) : m_weight(clampWeight(weight)) {}

double EmaSmoother::clampWeight(double weight)
{
    if (!(weight > 0))
        return 0;
    return std::min(weight, MaxWeight);
}

void EmaSmoother::setWeight(double weight)
{
    const double w = clampWeight(weight);
    if (w != m_weight) {
        m_weight = w;
        reset();
    }
}

void EmaSmoother::reset()
{
    m_source = nullptr;
    restart();
}

void EmaSmoother::restart()
{
    m_out.clear();
    m_seen = 0;
    m_last = 0;
    m_finiteCount = 0;
    m_first = 0;
    m_constant = true;
    m_debiased = false;
}

const MetricSeries &EmaSmoother::update(const MetricSeries &series)
{
    if (&series != m_source || series.generation() != m_generation || series.size() < m_seen) {
        restart();
        m_source = &series;
        m_generation = series.generation();
    }
    const std::size_t n = series.size();
    if (n == m_seen)
        return m_out;
    const std::span<const double> values = series.values();

    // TensorBoard draws a series whose values all equal the first one unsmoothed (NaN equals
    // nothing, so a series starting with NaN is never "constant").
    if (m_constant) {
        for (std::size_t i = m_seen; i < n; ++i) {
            if (i == 0)
                m_first = values[0];
            if (!(values[i] == m_first)) {
                m_constant = false;
                break;
            }
        }
        if (!m_constant && m_seen > 0) {
            // Earlier points were passed through as constant; now they must be averaged.
            m_out.clear();
            m_seen = 0;
            m_debiased = false;
        }
    }

    const double w = m_weight;
    m_scratch.resize(n - m_seen);
    for (std::size_t i = m_seen; i < n; ++i) {
        const double v = values[i];
        double s = v;
        if (!m_constant && std::isfinite(v)) {
            m_last = m_last * w + (1 - w) * v;
            ++m_finiteCount;
            // Once w^n is below 2^-54, 1 - w^n rounds to exactly 1 and stays there (w^n only
            // shrinks), so pow() is skipped from then on without changing a bit of the result.
            if (!m_debiased) {
                const double wn = std::pow(w, double(m_finiteCount));
                m_debiased = wn < 0x1p-55;
                s = m_last / (1 - wn);
            } else {
                s = m_last;
            }
        }
        m_scratch[i - m_seen] = s;
    }
    m_out.append(series.steps().subspan(m_seen), series.timestamps().subspan(m_seen), m_scratch);
    m_seen = n;
    return m_out;
}

std::vector<double> EmaSmoother::smoothValues(std::span<const double> values, double weight)
{
    MetricSeries series;
    std::vector<qint64> zeros(values.size(), 0);
    series.append(zeros, zeros, values);
    EmaSmoother smoother(weight);
    const auto smoothed = smoother.update(series).values();
    return {smoothed.begin(), smoothed.end()};
}

MetricSeries EmaSmoother::smoothSeries(const MetricSeries &series, double weight)
{
    EmaSmoother smoother(weight);
    return smoother.update(series);
}

} // namespace lab
