#pragma once

#include <cstddef>
#include <vector>

namespace lab {

class MetricSeries;

// What the chart's x axis shows.
enum class XAxisMode {
    Step,        // the logged step, as a double
    WallTime,    // seconds since the epoch (timestamp / 1000)
    RelativeTime // seconds since the series' earliest timestamp (MetricSeries::minTimestamp())
};

// A polyline ready to paint: points in x order; a NaN y means "break the line here".
struct DecimatedSeries
{
    std::vector<double> x;
    std::vector<double> y;
    // Index in the source series of each point (for tooltips and nearest-point lookups).
    std::vector<std::size_t> index;
    // Finite y range of the points inside [xMin, xMax] (not counting the two edge neighbours);
    // NaN when there are none. Lets the chart fit its y axis to what is visible.
    double yMin;
    double yMax;

    DecimatedSeries();
    std::size_t size() const { return x.size(); }
    bool isEmpty() const { return x.empty(); }
    void clear();
};

// What a 1-px line chart needs of each pixel column when a view is dense (see
// Decimator::decimateColumns()): the column's finite y extent, and for a column holding a single
// point that point's x. Filled by column index; buffers are reused across calls.
struct ColumnExtents
{
    int columns = 0;
    // Min and max y of column c's points; NaN for an empty column.
    std::vector<double> lo;
    std::vector<double> hi;
    // x of the column's only point; NaN when it holds none or several (a chart then draws the
    // column as a vertical stroke from lo to hi).
    std::vector<double> singleX;
    // The point just left of xMin and the one just right of xMax (so the line reaches the
    // chart's edges); NaN x when there is none.
    double leftX, leftY, rightX, rightY;
    // Finite y range of the points inside [xMin, xMax]; NaN when there are none.
    double yMin, yMax;

    ColumnExtents();
    void clear();
};

// Per-pixel-column M4 decimation of a MetricSeries.
//
// The visible x range [xMin, xMax] is cut into `columns` equal columns (see columnEdge());
// column c holds the points with columnEdge(c) <= x < columnEdge(c + 1), the last column also
// x == xMax. For each column the result keeps the first and last point (in x order) and the
// points with the minimum and maximum finite y, each once, in x order. Drawing these as a
// polyline gives the same pixels as drawing every point: per column the same vertical extent,
// and the same lines entering and leaving it. Also kept: the point just left of xMin and the one
// just right of xMax, so the line reaches the chart's edges.
//
// Non-finite values are gaps. A column with gaps is cut at each of them: every finite stretch
// between gaps gets its own first/min/max/last, and each gap a NaN-y point where the painter
// breaks the line, so the line never bridges a gap. (A column with more than 8 separate gaps
// draws its finite points between the first and last gap as one stroke from their min to their
// max: a smear at any zoom, and the work per column stays bounded.) Consecutive NaN points are
// merged into one. A NaN neighbour outside the range shows as a NaN point too.
//
// Cost: when x never decreases for the chosen axis (MetricSeries::stepsSorted() /
// timestampsSorted(), true for nearly every real run), each column's min and max come from the
// series' min/max pyramid, and column edges are found without scanning: for evenly spaced steps
// x is computed and searched from an interpolated guess; for stored x (timestamps, irregular
// steps) the sparse x index (every 64th x) gives each edge's block and a guess inside it, whose
// cache line is requested before the search. A decimation reads a dozen cache lines per column
// whatever the series length: 10M points to 1920 columns take ~0.2-0.5 ms by step and ~0.6-1.3
// ms by time, against ~6 ms for one plain min/max scan of the values (bench_series, on a shared
// 2-core machine). Otherwise (a step counter that went back) it scans every point once,
// O(n log columns), and "first"/"last" mean smallest/largest x.
//
// Threads: decimating is read-only on the series; several threads may decimate at once (each
// into its own DecimatedSeries).
//
// Typical use, on each repaint (see DecimationCache to skip unchanged views):
//     DecimatedSeries line;
//     Decimator::decimate(series, XAxisMode::Step, view.left(), view.right(), plotWidthPx, &line);
//     // map line.x / line.y to pixels; start a new polyline after each NaN y
class Decimator
{
public:
    // Decimates into *out (its buffers are reused). columns <= 0, an empty series, NaN bounds or
    // xMax < xMin give an empty result; xMin == xMax is one column.
    static void decimate(const MetricSeries &series, XAxisMode mode, double xMin, double xMax, int columns,
                         DecimatedSeries *out);
    static DecimatedSeries decimate(const MetricSeries &series, XAxisMode mode, double xMin, double xMax,
                                    int columns);

    // The same columns as decimate(), reduced to what a 1-px line shows of each: its min and max
    // (and the x of a lone point). Skips the M4 bookkeeping (four indexed points per column, their
    // x order) that a chart would collapse into one vertical stroke anyway: per column it costs
    // one extrema query and three stores. Applies when x never decreases for the axis and every
    // value is finite (nearly every real history); returns false otherwise, leaving *out cleared,
    // and the caller uses decimate(), which handles gaps and unsorted x.
    static bool decimateColumns(const MetricSeries &series, XAxisMode mode, double xMin, double xMax,
                                int columns, ColumnExtents *out);

    // x of point i for the given axis.
    static double xAt(const MetricSeries &series, XAxisMode mode, std::size_t i);
    // Whether x never decreases along the series for this axis (the fast path applies).
    static bool isXSorted(const MetricSeries &series, XAxisMode mode);
    // Smallest and largest x of the series (for "fit all"); false when the series is empty.
    static bool xRange(const MetricSeries &series, XAxisMode mode, double *xMin, double *xMax);
    // Left edge of column c (0 <= c <= columns); columnEdge(columns) == xMax. Non-decreasing in c.
    static double columnEdge(double xMin, double xMax, int columns, int c);
};

} // namespace lab
