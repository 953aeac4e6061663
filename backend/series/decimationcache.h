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
    // Decimator::decimateColumns() through the same cache rules; nullptr when it does not apply to
    // this series (non-finite values, x not sorted for the axis): use get() then.
    const ColumnExtents *getColumns(const MetricSeries &series, XAxisMode mode, double xMin, double xMax,
                                    int columns);
    // Forgets the cached result (the next get() recomputes).
    void invalidate() { m_resultKey.valid = m_columnsKey.valid = false; }
    // The last result (empty before the first get()).
    const DecimatedSeries &result() const { return m_result; }
    // How many times get() had to decimate (for tests and statistics).
    std::uint64_t recomputations() const { return m_recomputations; }

private:
    // What a result was computed for.
    struct Key
    {
        const MetricSeries *series = nullptr;
        std::uint64_t revision = 0;
        XAxisMode mode = XAxisMode::Step;
        double xMin = 0;
        double xMax = 0;
        int columns = 0;
        bool valid = false;
    };
    static bool matches(const Key &key, const MetricSeries &series, XAxisMode mode, double xMin, double xMax,
                        int columns);
    void remember(Key &key, const MetricSeries &series, XAxisMode mode, double xMin, double xMax, int columns);

    DecimatedSeries m_result;
    Key m_resultKey;
    ColumnExtents m_columnsResult;
    bool m_columnsApply = false;
    Key m_columnsKey;
    std::uint64_t m_recomputations = 0;
};

} // namespace lab
