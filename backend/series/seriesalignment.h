#pragma once

#include "series/decimator.h"

#include <QtGlobal>

#include <cstddef>
#include <span>
#include <vector>

namespace lab {

class MetricSeries;

// Several runs' series of one metric put on a common x, for compare tables and CSV export.
struct AlignedSeries
{
    // The union of every series' x values, ascending, each once.
    std::vector<double> x;
    // values[s][row]: series s's value at x[row], NaN where it logged none. When a series logged
    // several values at the same x, the last one logged counts (as a chart drawn in log order ends).
    std::vector<std::vector<double>> values;

    std::size_t rowCount() const { return x.size(); }
};

// What a compare view shows per run for one metric.
struct SeriesSummary
{
    std::size_t count = 0;       // points logged, non-finite ones included
    std::size_t finiteCount = 0; // points with a finite value
    // Over finite values; NaN (and the steps 0) when there are none. Ties: the earliest point.
    double min;
    double max;
    qint64 minStep = 0;
    qint64 maxStep = 0;
    // MLflow's "latest" value: the point with the highest step, then the latest timestamp, then the
    // last logged. NaN when empty; may itself be non-finite.
    double last;
    qint64 lastStep = 0;
    qint64 lastTimestamp = 0;

    SeriesSummary();
};

// Alignment and per-series summaries for comparing runs.
class SeriesAlignment
{
public:
    // Null entries count as empty series. x as Decimator::xAt() computes it for `mode` (relative
    // time is per series, from each one's earliest timestamp).
    static AlignedSeries align(std::span<const MetricSeries *const> series, XAxisMode mode);
    static SeriesSummary summarize(const MetricSeries &series);
};

} // namespace lab
