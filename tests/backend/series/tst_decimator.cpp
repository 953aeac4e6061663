#include "series/decimationcache.h"
#include "series/decimator.h"
#include "series/metricseries.h"

#include <QtTest>

#include <algorithm>
#include <cmath>
#include <limits>
#include <random>

using lab::DecimatedSeries;
using lab::Decimator;
using lab::MetricSeries;
using lab::XAxisMode;

namespace {

constexpr double NaN = std::numeric_limits<double>::quiet_NaN();
constexpr double Inf = std::numeric_limits<double>::infinity();
constexpr std::size_t None = std::numeric_limits<std::size_t>::max();

struct Data
{
    std::vector<qint64> steps, ts;
    std::vector<double> values;
    MetricSeries series() const
    {
        MetricSeries s;
        s.append(steps, ts, values);
        return s;
    }
};

// A training curve with spikes (single-point outliers both ways), NaN runs, infinities and
// irregular gaps in step and time.
Data curve(std::size_t n, std::uint64_t seed, int stepGap = 1, bool stepJumps = true)
{
    std::mt19937_64 rng(seed);
    std::normal_distribution<double> noise(0, 0.05);
    std::uniform_real_distribution<double> u(0, 1);
    Data d;
    qint64 step = 0, t = 1'700'000'000'000;
    for (std::size_t i = 0; i < n; ++i) {
        double v = 1.0 / (1.0 + double(i) / 5000.0) + noise(rng);
        const double r = u(rng);
        if (r < 0.001)
            v += (u(rng) - 0.5) * 100;
        else if (r < 0.0015)
            v = Inf;
        else if (r < 0.002)
            v = NaN;
        d.steps.push_back(step);
        d.ts.push_back(t);
        d.values.push_back(v);
        step += stepGap * (stepJumps && u(rng) < 0.01 ? 7 : 1); // occasional larger jumps
        t += u(rng) < 0.001 ? 60'000 : qint64(10 + 20 * u(rng));
    }
    for (std::size_t start : {n / 5, n / 2}) // NaN runs (a diverged stretch)
        for (std::size_t i = start; i < std::min(n, start + n / 100 + 3); ++i)
            d.values[i] = NaN;
    return d;
}

// A random view [first, second] over the x range [x0, x0 + w], its ends drawn by `f` in units of w.
template <typename Rng, typename Dist> std::pair<double, double> randomView(Rng &rng, Dist &f, double x0, double w)
{
    double a = x0 + f(rng) * w, b = x0 + f(rng) * w;
    if (a > b)
        std::swap(a, b);
    return {a, b};
}

// What a person checks on the drawn line, against every point of the series.
void verify(const MetricSeries &s, XAxisMode mode, double xMin, double xMax, int columns)
{
    const DecimatedSeries out = Decimator::decimate(s, mode, xMin, xMax, columns);
    QCOMPARE(out.y.size(), out.x.size());
    QCOMPARE(out.index.size(), out.x.size());
    const auto values = s.values();
    const std::size_t n = s.size();

    // Every output point is a real point, or a gap marker standing on a non-finite one.
    for (std::size_t k = 0; k < out.size(); ++k) {
        const std::size_t i = out.index[k];
        QVERIFY(i < n);
        QCOMPARE(out.x[k], Decimator::xAt(s, mode, i));
        if (std::isnan(out.y[k]))
            QVERIFY(!std::isfinite(values[i]));
        else
            QCOMPARE(out.y[k], values[i]);
        if (k > 0) {
            QVERIFY2(out.x[k] >= out.x[k - 1], "x order");
            if (Decimator::isXSorted(s, mode))
                QVERIFY2(out.index[k] > out.index[k - 1], "each point once, in order");
        }
    }

    // Brute force per column: points, first/last, min/max, gaps.
    std::vector<double> edges(std::size_t(columns) + 1);
    for (int c = 0; c <= columns; ++c)
        edges[std::size_t(c)] = Decimator::columnEdge(xMin, xMax, columns, c);
    struct Col
    {
        std::size_t first = None, last = None, min = None, max = None;
        bool gap = false;
        std::size_t gapRuns = 0; // separate stretches of non-finite values (sorted x only)
    };
    std::vector<Col> cols(std::size_t(std::max(columns, 0)));
    std::size_t left = None, right = None;
    double yMin = Inf, yMax = -Inf;
    const auto colOf = [&](double x) {
        const auto c = std::size_t(std::upper_bound(edges.begin(), edges.end(), x) - edges.begin());
        return std::min<std::size_t>(c == 0 ? 0 : c - 1, std::size_t(columns) - 1);
    };
    for (std::size_t i = 0; i < n; ++i) {
        const double x = Decimator::xAt(s, mode, i);
        if (x < xMin) {
            if (left == None || x >= Decimator::xAt(s, mode, left))
                left = i;
            continue;
        }
        if (x > xMax) {
            if (right == None || x < Decimator::xAt(s, mode, right))
                right = i;
            continue;
        }
        Col &c = cols[colOf(x)];
        const auto xOf = [&](std::size_t j) { return Decimator::xAt(s, mode, j); };
        if (c.first == None || x < xOf(c.first))
            c.first = i;
        if (c.last == None || x >= xOf(c.last))
            c.last = i;
        const double v = values[i];
        if (!std::isfinite(v)) {
            if (i == 0 || std::isfinite(values[i - 1]) || c.first == i)
                ++c.gapRuns;
            c.gap = true;
            continue;
        }
        if (c.min == None || v < values[c.min])
            c.min = i;
        if (c.max == None || v > values[c.max])
            c.max = i;
        yMin = std::min(yMin, v);
        yMax = std::max(yMax, v);
    }
    if (columns <= 0 || n == 0) {
        QVERIFY(out.isEmpty());
        return;
    }

    // Output points by column (the neighbours outside the range aside).
    std::vector<std::vector<std::size_t>> outByCol(cols.size());
    for (std::size_t k = 0; k < out.size(); ++k) {
        const double x = out.x[k];
        if (x < xMin) {
            QCOMPARE(k, std::size_t(0));
            QCOMPARE(out.index[k], left);
        } else if (x > xMax) {
            QCOMPARE(k, out.size() - 1);
            QCOMPARE(out.index[k], right);
        } else {
            outByCol[colOf(x)].push_back(k);
        }
    }
    // The line reaches the edges (unless the neighbour is a gap, merged into a gap marker).
    if (left != None) {
        QVERIFY(!out.isEmpty());
        if (std::isfinite(values[left]))
            QVERIFY2(out.index.front() == left, "the line reaches the left edge");
        else
            QVERIFY(std::isnan(out.y.front()));
    }
    if (right != None) {
        QVERIFY(!out.isEmpty());
        if (std::isfinite(values[right]))
            QVERIFY2(out.index.back() == right, "the line reaches the right edge");
        else
            QVERIFY(std::isnan(out.y.back()));
    }

    for (std::size_t c = 0; c < cols.size(); ++c) {
        const Col &col = cols[c];
        const auto &pts = outByCol[c];
        if (col.first == None) {
            QVERIFY2(pts.empty(), "nothing drawn in an empty column");
            continue;
        }
        if (Decimator::isXSorted(s, mode))
            QVERIFY(pts.size() <= 4 * (col.gapRuns + 1) + col.gapRuns);
        else
            QVERIFY(pts.size() <= 6);
        double mn = Inf, mx = -Inf;
        bool hasFirst = false, hasLast = false, hasNaN = false;
        for (std::size_t k : pts) {
            if (std::isnan(out.y[k]))
                hasNaN = true;
            else {
                mn = std::min(mn, out.y[k]);
                mx = std::max(mx, out.y[k]);
            }
            hasFirst =
                hasFirst || Decimator::xAt(s, mode, out.index[k]) == Decimator::xAt(s, mode, col.first);
            hasLast = hasLast || Decimator::xAt(s, mode, out.index[k]) == Decimator::xAt(s, mode, col.last);
        }
        if (col.min != None) {
            // The exact min and max of the column are drawn.
            QVERIFY2(
                mn == values[col.min],
                qPrintable(QStringLiteral("column %1 min %2 != %3").arg(c).arg(mn).arg(values[col.min])));
            QVERIFY2(mx == values[col.max], qPrintable(QStringLiteral("column %1 max").arg(c)));
        }
        // First and last point of the column are drawn (a gap marker may stand for a
        // non-finite one, merged with the previous column's marker).
        QVERIFY2(hasFirst || !std::isfinite(values[col.first]),
                 qPrintable(QStringLiteral("column %1 first").arg(c)));
        QVERIFY2(hasLast || !std::isfinite(values[col.last]),
                 qPrintable(QStringLiteral("column %1 last").arg(c)));
        // A column of only non-finite values shows as a gap (its marker may be merged into the
        // previous column's).
        if (col.gap && col.min == None && !hasNaN)
            QVERIFY(pts.empty());
    }

    // The line never bridges a non-finite value (sorted x: the drawn order is the logged order),
    // except inside a column with more than 8 separate gaps, documented as drawn as one stroke.
    if (Decimator::isXSorted(s, mode)) {
        std::vector<std::size_t> nonFiniteBefore(n + 1, 0);
        for (std::size_t i = 0; i < n; ++i)
            nonFiniteBefore[i + 1] = nonFiniteBefore[i] + !std::isfinite(values[i]);
        for (std::size_t k = 1; k < out.size(); ++k) {
            if (std::isnan(out.y[k]) || std::isnan(out.y[k - 1]))
                continue;
            const std::size_t a = out.index[k - 1], b = out.index[k];
            if (out.x[k - 1] >= xMin && out.x[k] <= xMax) {
                const std::size_t c = colOf(out.x[k]);
                if (colOf(out.x[k - 1]) == c && cols[c].gapRuns > 8)
                    continue;
            }
            QVERIFY2(nonFiniteBefore[b] == nonFiniteBefore[a + 1],
                     qPrintable(QStringLiteral("line bridges a gap between points %1 and %2").arg(a).arg(b)));
        }
    }

    if (yMin <= yMax) {
        QCOMPARE(out.yMin, yMin);
        QCOMPARE(out.yMax, yMax);
    } else {
        QVERIFY(std::isnan(out.yMin) && std::isnan(out.yMax));
    }
}


// Decimator::decimateColumns() against every point: per column the finite min and max, the x
// of a lone point, and the neighbours just outside the view.
void verifyColumns(const MetricSeries &s, XAxisMode mode, double xMin, double xMax, int columns)
{
    lab::ColumnExtents out;
    QVERIFY(Decimator::decimateColumns(s, mode, xMin, xMax, columns, &out));
    QCOMPARE(out.columns, columns);
    QCOMPARE(out.lo.size(), std::size_t(columns));
    const auto values = s.values();
    std::vector<double> edges(std::size_t(columns) + 1);
    for (int c = 0; c <= columns; ++c)
        edges[std::size_t(c)] = Decimator::columnEdge(xMin, xMax, columns, c);
    std::vector<double> lo(std::size_t(columns), Inf), hi(std::size_t(columns), -Inf);
    std::vector<int> count(std::size_t(columns), 0);
    std::vector<double> single(std::size_t(columns), NaN);
    std::size_t left = None, right = None;
    double yMin = Inf, yMax = -Inf;
    for (std::size_t i = 0; i < s.size(); ++i) {
        const double x = Decimator::xAt(s, mode, i);
        if (x < xMin) {
            left = i; // x sorted: the last one left of the view
            continue;
        }
        if (x > xMax) {
            if (right == None)
                right = i;
            continue;
        }
        auto c = std::size_t(std::upper_bound(edges.begin(), edges.end(), x) - edges.begin());
        c = std::min<std::size_t>(c == 0 ? 0 : c - 1, std::size_t(columns) - 1);
        lo[c] = std::min(lo[c], values[i]);
        hi[c] = std::max(hi[c], values[i]);
        single[c] = ++count[c] == 1 ? x : NaN;
        yMin = std::min(yMin, values[i]);
        yMax = std::max(yMax, values[i]);
    }
    for (std::size_t c = 0; c < std::size_t(columns); ++c) {
        if (count[c] == 0) {
            QVERIFY2(std::isnan(out.lo[c]) && std::isnan(out.hi[c]), "an empty column stays empty");
            continue;
        }
        QCOMPARE(out.lo[c], lo[c]);
        QCOMPARE(out.hi[c], hi[c]);
        if (count[c] == 1)
            QCOMPARE(out.singleX[c], single[c]);
        else
            QVERIFY(std::isnan(out.singleX[c]));
    }
    if (left == None) {
        QVERIFY(std::isnan(out.leftX));
    } else {
        QCOMPARE(out.leftX, Decimator::xAt(s, mode, left));
        QCOMPARE(out.leftY, values[left]);
    }
    if (right == None) {
        QVERIFY(std::isnan(out.rightX));
    } else {
        QCOMPARE(out.rightX, Decimator::xAt(s, mode, right));
        QCOMPARE(out.rightY, values[right]);
    }
    if (yMin <= yMax) {
        QCOMPARE(out.yMin, yMin);
        QCOMPARE(out.yMax, yMax);
    }
}

} // namespace

class TestDecimator : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void keepsMinMaxOfEveryColumn_data()
    {
        QTest::addColumn<int>("points");
        QTest::addColumn<int>("columns");
        QTest::addColumn<int>("stepGap");
        QTest::addColumn<bool>("stepJumps");
        QTest::addRow("100k to 1920") << 100000 << 1920 << 1 << true;
        QTest::addRow("100k to 1920, one value per step") << 100000 << 1920 << 1 << false;
        QTest::addRow("100k to 1 column") << 100000 << 1 << 1 << true;
        QTest::addRow("100k to 777 sparse steps") << 100000 << 777 << 13 << true;
        QTest::addRow("100k to 777, every 13th step") << 100000 << 777 << 13 << false;
        QTest::addRow("1000 to 1920 (fewer points than columns)") << 1000 << 1920 << 1 << true;
        QTest::addRow("3M to 1920") << 3000000 << 1920 << 1 << true;
        QTest::addRow("3M to 1920, one value per step") << 3000000 << 1920 << 1 << false;
    }

    void keepsMinMaxOfEveryColumn()
    {
        QFETCH(int, points);
        QFETCH(int, columns);
        QFETCH(int, stepGap);
        QFETCH(bool, stepJumps);
        const Data d = curve(std::size_t(points), std::uint64_t(points + columns), stepGap, stepJumps);
        const MetricSeries s = d.series();
        QVERIFY(s.stepsSorted());
        QCOMPARE(s.stepsEvenlySpaced(), !stepJumps);
        double x0 = 0, x1 = 0;
        for (XAxisMode mode : {XAxisMode::Step, XAxisMode::WallTime, XAxisMode::RelativeTime}) {
            QVERIFY(Decimator::xRange(s, mode, &x0, &x1));
            verify(s, mode, x0, x1, columns); // full view
            const double w = x1 - x0;
            verify(s, mode, x0 + 0.45 * w, x0 + 0.55 * w, columns); // 10% zoom in the middle
            verify(s, mode, x0 - 0.3 * w, x1 + 0.3 * w, columns);   // zoomed out past both ends
            verify(s, mode, x0 + 0.999 * w, x1, columns);           // the live tail
            if (points > 1'000'000)
                continue;
            std::mt19937_64 rng(99);
            std::uniform_real_distribution<double> u(-0.1, 1.1);
            for (int k = 0; k < 20; ++k) {
                const auto [a, b] = randomView(rng, u, x0, w);
                verify(s, mode, a, b, columns);
            }
        }
        const DecimatedSeries full = Decimator::decimate(s, XAxisMode::Step, x0, x1, columns);
        if (columns >= 100) // a handful of points per column, not the raw data
            QVERIFY(full.size() <= std::size_t(columns) * 6 + 2);
    }

    // The column path a chart takes for finite, sorted series: the same columns as decimate(),
    // each reduced to its min and max, at densities from one point per many columns to thousands
    // of points per column (short columns read the values, long ones the pyramid).
    void columnExtentsMatchBruteForce_data()
    {
        QTest::addColumn<int>("points");
        QTest::addColumn<int>("columns");
        QTest::addColumn<bool>("stepJumps");
        QTest::addRow("100k to 1920") << 100000 << 1920 << true;
        QTest::addRow("100k to 1920, one value per step") << 100000 << 1920 << false;
        QTest::addRow("1000 to 1920") << 1000 << 1920 << true;
        QTest::addRow("1M to 333") << 1000000 << 333 << false;
    }

    void columnExtentsMatchBruteForce()
    {
        QFETCH(int, points);
        QFETCH(int, columns);
        QFETCH(bool, stepJumps);
        Data d = curve(std::size_t(points), 11, 1, stepJumps);
        for (double &v : d.values) // finite only: spikes stay, gaps become spikes
            if (!std::isfinite(v))
                v = std::isnan(v) ? -3.0 : 40.0;
        const MetricSeries s = d.series();
        std::mt19937_64 rng(5);
        std::uniform_real_distribution<double> u(-0.1, 1.1);
        for (XAxisMode mode : {XAxisMode::Step, XAxisMode::WallTime, XAxisMode::RelativeTime}) {
            double x0 = 0, x1 = 0;
            QVERIFY(Decimator::xRange(s, mode, &x0, &x1));
            const double w = x1 - x0;
            verifyColumns(s, mode, x0, x1, columns);
            verifyColumns(s, mode, x0 + 0.45 * w, x0 + 0.55 * w, columns);
            verifyColumns(s, mode, x0 + 0.4999 * w, x0 + 0.5001 * w, columns); // fewer points than columns
            verifyColumns(s, mode, x0 - 0.3 * w, x1 + 0.3 * w, columns);
            for (int k = 0; k < 5; ++k) {
                const auto [a, b] = randomView(rng, u, x0, w);
                verifyColumns(s, mode, a, b, columns);
            }
        }
    }

    // Series the column path cannot describe (gaps to cut the line at, x going back) say so, and
    // the caller draws them through decimate().
    void columnExtentsDeclineGapsAndUnsortedX()
    {
        lab::ColumnExtents out;
        const MetricSeries withGaps = curve(10000, 3).series();
        QVERIFY(withGaps.nonFiniteCount() > 0);
        QVERIFY(!Decimator::decimateColumns(withGaps, XAxisMode::Step, 0, 10000, 100, &out));
        QVERIFY(out.lo.empty());
        MetricSeries backwards;
        for (int i = 0; i < 100; ++i)
            backwards.append(i < 50 ? i : i - 50, 1000 + i, double(i));
        QVERIFY(!Decimator::decimateColumns(backwards, XAxisMode::Step, 0, 50, 10, &out));
        QVERIFY(Decimator::decimateColumns(backwards, XAxisMode::WallTime, 1.0, 1.1, 10, &out));
        // The cache answers nullptr for the first, and caches the column result of the second.
        lab::DecimationCache cache;
        QVERIFY(cache.getColumns(withGaps, XAxisMode::Step, 0, 10000, 100) == nullptr);
        QVERIFY(cache.getColumns(backwards, XAxisMode::WallTime, 1.0, 1.1, 10) != nullptr);
        const auto before = cache.recomputations();
        QVERIFY(cache.getColumns(backwards, XAxisMode::WallTime, 1.0, 1.1, 10) != nullptr);
        QCOMPARE(cache.recomputations(), before);
        backwards.append(50, 1100, 1.0);
        QVERIFY(cache.getColumns(backwards, XAxisMode::WallTime, 1.0, 1.1, 10) != nullptr);
        QCOMPARE(cache.recomputations(), before + 1);
    }

    void zoomDownToSinglePoints()
    {
        const Data d = curve(5000, 5, 10); // steps 0, 10, 20, ...
        const MetricSeries s = d.series();
        verify(s, XAxisMode::Step, 15, 18, 100); // between two points: only the neighbours
        const DecimatedSeries between = Decimator::decimate(s, XAxisMode::Step, 15, 18, 100);
        QCOMPARE(between.size(), std::size_t(2));
        QCOMPARE(between.index[0], std::size_t(1));
        QCOMPARE(between.index[1], std::size_t(2));
        verify(s, XAxisMode::Step, 20, 20, 100); // xMin == xMax on a point
        verify(s, XAxisMode::Step, 19, 41, 3);
        verify(s, XAxisMode::Step, -100, -1, 50); // left of the data: the first point only
        verify(s, XAxisMode::Step, 1e9, 2e9, 50); // right of the data: the last point only
        QCOMPARE(Decimator::decimate(s, XAxisMode::Step, 1e9, 2e9, 50).size(), std::size_t(1));
    }

    // Column edges are found through the sparse x index (every 64th step / timestamp) and then
    // near a guess interpolated inside one index block. Points bunched unevenly make those guesses
    // wrong: bursts of identical timestamps (a batch logged at once), long pauses, blocks whose
    // points all share one step, and a series ending just past a block boundary.
    void bunchedXThroughTheIndex_data()
    {
        QTest::addColumn<int>("points");
        QTest::addColumn<int>("columns");
        QTest::addRow("200k to 1920") << 200000 << 1920;
        QTest::addRow("200k + 1 to 333") << 200001 << 333;
        QTest::addRow("65 to 1920") << 65 << 1920;
        QTest::addRow("64 to 7") << 64 << 7;
        QTest::addRow("3M to 1920") << 3000000 << 1920;
    }

    void bunchedXThroughTheIndex()
    {
        QFETCH(int, points);
        QFETCH(int, columns);
        const std::size_t n = std::size_t(points);
        std::mt19937_64 rng{std::uint64_t(n)};
        std::uniform_real_distribution<double> u(0, 1);
        std::normal_distribution<double> noise(0, 0.1);
        Data d;
        qint64 step = 0, t = 1'700'000'000'000;
        for (std::size_t i = 0; i < n; ++i) {
            d.steps.push_back(step);
            d.ts.push_back(t);
            double v = std::sin(double(i) / 500.0) + noise(rng);
            if (u(rng) < 0.0005)
                v = u(rng) < 0.5 ? NaN : v * 50; // gaps and spikes
            d.values.push_back(v);
            const double r = u(rng);
            // Mostly bursts: runs of equal timestamps; sometimes a long pause.
            t += r < 0.7 ? 0 : r < 0.999 ? qint64(1 + 40 * u(rng)) : 3'600'000;
            // Steps repeat for whole stretches (several values per step), then jump.
            if ((i / 100) % 3 != 0)
                step += u(rng) < 0.05 ? 1000 : 1;
        }
        MetricSeries s;
        for (std::size_t i = 0; i < std::min<std::size_t>(n, 1000); ++i) // grown point by point...
            s.append(d.steps[i], d.ts[i], d.values[i]);
        if (n > 1000) // ...then in bulk
            s.append(std::span(d.steps).subspan(1000), std::span(d.ts).subspan(1000),
                     std::span(d.values).subspan(1000));
        QVERIFY(s.stepsSorted());
        QVERIFY(s.timestampsSorted());
        if (n > 300) // steps searched through the index, not computed
            QVERIFY(!s.stepsEvenlySpaced());
        for (XAxisMode mode : {XAxisMode::Step, XAxisMode::WallTime, XAxisMode::RelativeTime}) {
            double x0 = 0, x1 = 0;
            QVERIFY(Decimator::xRange(s, mode, &x0, &x1));
            const double w = x1 - x0;
            verify(s, mode, x0, x1, columns);
            verify(s, mode, x0 + 0.3 * w, x0 + 0.31 * w, columns);
            verify(s, mode, x0 - w, x1 + w, columns);
            verify(s, mode, x1 - 0.0001 * w, x1, columns); // the last block only
            if (points > 1'000'000)
                continue;
            std::mt19937_64 views(7);
            std::uniform_real_distribution<double> f(-0.05, 1.05);
            for (int k = 0; k < 10; ++k) {
                const auto [a, b] = randomView(views, f, x0, w);
                verify(s, mode, a, b, columns);
            }
        }
    }

    void singlePointAndEmptySeries()
    {
        MetricSeries one;
        one.append(5, 1000, 0.75);
        verify(one, XAxisMode::Step, 0, 10, 1920);
        const DecimatedSeries out = Decimator::decimate(one, XAxisMode::Step, 0, 10, 1920);
        QCOMPARE(out.size(), std::size_t(1));
        QCOMPARE(out.x[0], 5.0);
        QCOMPARE(out.y[0], 0.75);
        verify(one, XAxisMode::RelativeTime, 0, 0, 10);
        QCOMPARE(Decimator::decimate(one, XAxisMode::RelativeTime, 0, 0, 10).x.at(0), 0.0);

        MetricSeries none;
        QVERIFY(Decimator::decimate(none, XAxisMode::Step, 0, 1, 100).isEmpty());
        double a = 0, b = 0;
        QVERIFY(!Decimator::xRange(none, XAxisMode::Step, &a, &b));
        QVERIFY(Decimator::decimate(one, XAxisMode::Step, 0, 10, 0).isEmpty());
        QVERIFY(Decimator::decimate(one, XAxisMode::Step, 10, 0, 10).isEmpty());
        QVERIFY(Decimator::decimate(one, XAxisMode::Step, NaN, 10, 10).isEmpty());
    }

    void repeatedSteps()
    {
        // MLflow allows several values at one step (and step 0 for everything when none is given).
        Data d;
        std::mt19937_64 rng(11);
        std::uniform_real_distribution<double> u(0, 1);
        for (int i = 0; i < 20000; ++i) {
            d.steps.push_back(i / 5);
            d.ts.push_back(1000 + i);
            d.values.push_back(u(rng));
        }
        const MetricSeries s = d.series();
        verify(s, XAxisMode::Step, 0, 3999, 1920);
        verify(s, XAxisMode::Step, 100, 100, 1920);
        verify(s, XAxisMode::Step, 100, 103, 1920);
    }

    void gapsBreakTheLine()
    {
        MetricSeries s;
        for (int i = 0; i < 1000; ++i)
            s.append(i, i, (i >= 300 && i < 400) ? NaN : double(i % 10));
        const DecimatedSeries out = Decimator::decimate(s, XAxisMode::Step, 0, 999, 100);
        verify(s, XAxisMode::Step, 0, 999, 100);
        const auto nans = std::count_if(out.y.begin(), out.y.end(), [](double y) { return std::isnan(y); });
        QCOMPARE(nans, 1); // one break for the whole NaN run, not one per column
        // Zoomed inside the run: nothing finite, its neighbours are NaN too: a single gap marker.
        const DecimatedSeries inside = Decimator::decimate(s, XAxisMode::Step, 320.5, 380.5, 50);
        verify(s, XAxisMode::Step, 320.5, 380.5, 50);
        QCOMPARE(inside.size(), std::size_t(1));
        QVERIFY(std::isnan(inside.y[0]));
        QVERIFY(std::isnan(inside.yMin));
        // Zoomed across the start of the run: the line stops at the last finite point.
        const DecimatedSeries edge = Decimator::decimate(s, XAxisMode::Step, 290, 310, 20);
        verify(s, XAxisMode::Step, 290, 310, 20);
        QCOMPARE(edge.index[edge.size() - 2], std::size_t(299));
        QVERIFY(std::isnan(edge.y.back()));
    }

    void manyGapsInOneColumn()
    {
        // Alternating NaN and values: every column holds dozens of gaps.
        MetricSeries s;
        for (int i = 0; i < 100000; ++i)
            s.append(i, i, i % 2 ? NaN : std::sin(i * 0.001) + (i % 1000 == 0 ? 5 : 0));
        verify(s, XAxisMode::Step, 0, 99999, 1920);
        verify(s, XAxisMode::Step, 0, 99999, 10);
        verify(s, XAxisMode::Step, 500, 540, 1920);
        verify(s, XAxisMode::Step, 500, 700, 10);
    }

    void unsortedStepsFallBackToAScan()
    {
        // A step counter that restarted (a resumed run logging from 0 again).
        Data d = curve(20000, 17);
        for (std::size_t i = 10000; i < d.steps.size(); ++i)
            d.steps[i] = d.steps[i] - 9000;
        const MetricSeries s = d.series();
        QVERIFY(!s.stepsSorted());
        double x0 = 0, x1 = 0;
        QVERIFY(Decimator::xRange(s, XAxisMode::Step, &x0, &x1));
        QCOMPARE(x0, 0.0);
        verify(s, XAxisMode::Step, x0, x1, 640);
        verify(s, XAxisMode::Step, x0 + 500, x0 + 1500, 640);
        // Time is still sorted: the fast path.
        QVERIFY(Decimator::isXSorted(s, XAxisMode::WallTime));
        QVERIFY(Decimator::xRange(s, XAxisMode::WallTime, &x0, &x1));
        verify(s, XAxisMode::WallTime, x0, x1, 640);
    }

    void liveAppendsAndTheCache()
    {
        const Data d = curve(50000, 23);
        MetricSeries s;
        lab::DecimationCache cache;
        for (std::size_t i = 0; i < d.values.size(); ++i) {
            s.append(d.steps[i], d.ts[i], d.values[i]);
            if (i % 4999 == 0) {
                double x0 = 0, x1 = 0;
                Decimator::xRange(s, XAxisMode::Step, &x0, &x1);
                verify(s, XAxisMode::Step, x0, x1, 300);
                const auto before = cache.recomputations();
                const DecimatedSeries &a = cache.get(s, XAxisMode::Step, x0, x1, 300);
                QCOMPARE(cache.recomputations(), before + 1);
                const DecimatedSeries &b = cache.get(s, XAxisMode::Step, x0, x1, 300);
                QCOMPARE(cache.recomputations(), before + 1); // unchanged view: no work
                QCOMPARE(&a, &b);
                QCOMPARE(a.index, Decimator::decimate(s, XAxisMode::Step, x0, x1, 300).index);
            }
        }
        cache.get(s, XAxisMode::Step, 0, 10, 300);
        const auto n = cache.recomputations();
        cache.get(s, XAxisMode::Step, 0, 10, 301);
        QCOMPARE(cache.recomputations(), n + 1);
        cache.invalidate();
        cache.get(s, XAxisMode::Step, 0, 10, 301);
        QCOMPARE(cache.recomputations(), n + 2);
    }

    void columnEdgesCoverTheRange()
    {
        QCOMPARE(Decimator::columnEdge(0.1, 0.7, 3, 0), 0.1);
        QCOMPARE(Decimator::columnEdge(0.1, 0.7, 3, 3), 0.7);
        double prev = -Inf;
        for (int c = 0; c <= 1920; ++c) {
            const double e = Decimator::columnEdge(1e9, 1e9 + 0.3, 1920, c);
            QVERIFY(e >= prev);
            QVERIFY(e <= 1e9 + 0.3);
            prev = e;
        }
    }
};

QTEST_GUILESS_MAIN(TestDecimator)
#include "tst_decimator.moc"
