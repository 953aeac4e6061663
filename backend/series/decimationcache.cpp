#include "series/decimationcache.h"

#include "series/metricseries.h"

namespace lab {

const DecimatedSeries &DecimationCache::get(const MetricSeries &series, XAxisMode mode, double xMin,
                                            double xMax, int columns)
{
    if (m_valid && m_series == &series && m_revision == series.revision() && m_mode == mode &&
        m_xMin == xMin && m_xMax == xMax && m_columns == columns)
        return m_result;
    Decimator::decimate(series, mode, xMin, xMax, columns, &m_result);
    m_series = &series;
    m_revision = series.revision();
    m_mode = mode;
    m_xMin = xMin;
    m_xMax = xMax;
    m_columns = columns;
    m_valid = true;
    ++m_recomputations;
    return m_result;
}

} // namespace lab
