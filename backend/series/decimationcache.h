#pragma once

#include "series/decimator.h"

#include <cstdint>

namespace lab {

// Remembers the last decimation of one series so a chart can ask for it on every repaint and
// pay only when something changed: the view (mode, x range, column count), the series object,
// or its content (MetricSeries::revision(): an append or a reload).
//
//     const DecimatedSeries &line = m_cache.get(series, mode, xMin, xMax, widthPx);
//
// One cache per drawn series. Not thread-safe; the series must outlive the returned reference's
// use (the result itself is owned by the cache and stays valid until the next get()).
class DecimationCache
{
public:
    const DecimatedSeries &get(const MetricSeries &series, XAxisMode mode, double xMin, double xMax,
                               int columns);
    // Forgets the cached result (the next get() recomputes).
    void invalidate() { m_valid = false; }
    // The last result (empty before the first get()).
    const DecimatedSeries &result() const { return m_result; }
    // How many times get() had to decimate (for tests and statistics).
    std::uint64_t recomputations() const { return m_recomputations; }

private:
    DecimatedSeries m_result;
    const MetricSeries *m_series = nullptr;
    std::uint64_t m_revision = 0;
    XAxisMode m_mode = XAxisMode::Step;
    double m_xMin = 0;
    double m_xMax = 0;
    int m_columns = 0;
    bool m_valid = false;
    std::uint64_t m_recomputations = 0;
};

} // namespace lab
