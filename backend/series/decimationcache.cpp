#include "series/decimationcache.h"

#include "series/metricseries.h"

namespace lab {

bool DecimationCache::matches(const Key &key, const MetricSeries &series, XAxisMode mode, double xMin,
                              double xMax, int columns)
{
    return key.valid && key.series == &series && key.revision == series.revision() && key.mode == mode &&
           key.xMin == xMin && key.xMax == xMax && key.columns == columns;
}

void DecimationCache::remember(Key &key, const MetricSeries &series, XAxisMode mode, double xMin, double xMax,
                               int columns)
{
    key = Key{&series, series.revision(), mode, xMin, xMax, columns, true};
    ++m_recomputations;
}

const DecimatedSeries &DecimationCache::get(const MetricSeries &series, XAxisMode mode, double xMin,
                                            double xMax, int columns)
{
    if (matches(m_resultKey, series, mode, xMin, xMax, columns))
        return m_result;
    Decimator::decimate(series, mode, xMin, xMax, columns, &m_result);
    remember(m_resultKey, series, mode, xMin, xMax, columns);
    return m_result;
}

const ColumnExtents *DecimationCache::getColumns(const MetricSeries &series, XAxisMode mode, double xMin,
                                                 double xMax, int columns)
{
    if (!matches(m_columnsKey, series, mode, xMin, xMax, columns)) {
        m_columnsApply = Decimator::decimateColumns(series, mode, xMin, xMax, columns, &m_columnsResult);
        // A series the column path does not apply to costs nothing to ask again, and is not
        // counted as a decimation.
        if (m_columnsApply)
            remember(m_columnsKey, series, mode, xMin, xMax, columns);
        else
            m_columnsKey = Key{&series, series.revision(), mode, xMin, xMax, columns, true};
    }
    return m_columnsApply ? &m_columnsResult : nullptr;
}

} // namespace lab
