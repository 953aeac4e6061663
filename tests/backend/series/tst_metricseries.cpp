#include "series/metricseries.h"

#include <QtTest>

#include <cmath>
#include <limits>
#include <random>

using lab::MetricSeries;

namespace {

constexpr double NaN = std::numeric_limits<double>::quiet_NaN();
constexpr double Inf = std::numeric_limits<double>::infinity();

// The earliest index of the smallest / largest finite value in [a, b), or -1.
std::ptrdiff_t bruteArgMin(const std::vector<double> &v, std::size_t a, std::size_t b)
{
    std::ptrdiff_t best = -1;
    for (std::size_t i = a; i < b && i < v.size(); ++i)
        if (std::isfinite(v[i]) && (best < 0 || v[i] < v[std::size_t(best)]))
            best = std::ptrdiff_t(i);
    return best;
}

std::ptrdiff_t bruteArgMax(const std::vector<double> &v, std::size_t a, std::size_t b)
{
    std::ptrdiff_t best = -1;
    for (std::size_t i = a; i < b && i < v.size(); ++i)
        if (std::isfinite(v[i]) && (best < 0 || v[i] > v[std::size_t(best)]))
            best = std::ptrdiff_t(i);
    return best;
}

// Training-curve-like data: a noisy decreasing curve with spikes, runs of NaN, single inf values
// and quantised stretches that produce ties.
std::vector<double> curve(std::size_t n, std::mt19937_64 &rng)
{
    std::normal_distribution<double> noise(0, 0.05);
    std::uniform_real_distribution<double> u(0, 1);
    std::vector<double> v(n);
    for (std::size_t i = 0; i < n; ++i) {
        double x = 2.0 / (1.0 + double(i) / 1000.0) + noise(rng);
        const double r = u(rng);
        if (r < 0.002)
            x += 50 * (u(rng) - 0.5); // spike up or down
        else if (r < 0.003)
            x = u(rng) < 0.5 ? Inf : -Inf;
        else if (r < 0.02)
            x = std::round(x * 4) / 4; // ties
        v[i] = x;
    }
    // A few NaN runs, one of them across a block boundary.
    for (std::size_t start : {n / 7, n / 3, n / 2 + 60}) {
        for (std::size_t i = start; i < std::min(n, start + 1 + start % 90); ++i)
            v[i] = NaN;
    }
    return v;
}

MetricSeries bulkSeries(const std::vector<double> &v)
{
    std::vector<qint64> steps(v.size()), ts(v.size());
    for (std::size_t i = 0; i < v.size(); ++i) {
        steps[i] = qint64(i);
        ts[i] = 1'700'000'000'000 + qint64(i) * 10;
    }
    MetricSeries s;
    s.append(steps, ts, v);
    return s;
}

void checkRange(const MetricSeries &s, const std::vector<double> &v, std::size_t a, std::size_t b)
{
    const auto e = s.extrema(a, b);
    QCOMPARE(e.minIndex, bruteArgMin(v, a, b));
    QCOMPARE(e.maxIndex, bruteArgMax(v, a, b));
    QCOMPARE(s.argMin(a, b), e.minIndex);
    QCOMPARE(s.argMax(a, b), e.maxIndex);
    double mn = 0, mx = 0;
    s.minMax(a, b, &mn, &mx);
    if (e.minIndex < 0) {
        QVERIFY(std::isnan(mn) && std::isnan(mx));
    } else {
        QCOMPARE(mn, v[std::size_t(e.minIndex)]);
        QCOMPARE(mx, v[std::size_t(e.maxIndex)]);
    }
}

} // namespace

class TestMetricSeries : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void keepsColumnsAsLogged()
    {
        MetricSeries s;
        QVERIFY(s.isEmpty());
        s.append(0, 1000, 0.5);
        s.append(2, 1010, NaN);
        s.append(1, 1005, 0.25);
        QCOMPARE(s.size(), std::size_t(3));
        QCOMPARE(s.steps()[2], qint64(1));
        QCOMPARE(s.timestamps()[1], qint64(1010));
        QVERIFY(std::isnan(s.values()[1]));
        QCOMPARE(s.values()[2], 0.25);
        QVERIFY(!s.stepsSorted());
        QVERIFY(!s.timestampsSorted());
        QCOMPARE(s.minTimestamp(), qint64(1000));
        QCOMPARE(s.nonFiniteCount(), std::size_t(1));
    }

    void sortednessFlags()
    {
        MetricSeries s;
        s.append(1, 100, 1);
        s.append(1, 100, 2); // equal x is still non-decreasing
        s.append(2, 200, 3);
        QVERIFY(s.stepsSorted());
        QVERIFY(s.timestampsSorted());
        const std::vector<qint64> steps{3, 2}, ts{300, 400};
        const std::vector<double> vals{1, 2};
        s.append(steps, ts, vals);
        QVERIFY(!s.stepsSorted());
        QVERIFY(s.timestampsSorted());
        s.clear();
        QVERIFY(s.stepsSorted());
        QVERIFY(s.isEmpty());
    }

    void evenlySpacedSteps()
    {
        MetricSeries s;
        QVERIFY(s.stepsEvenlySpaced());
        for (int i = 0; i < 10; ++i)
            s.append(100 + 5 * i, i, i);
        QVERIFY(s.stepsEvenlySpaced());
        QCOMPARE(s.stepStride(), qint64(5));
        const std::vector<qint64> steps{150, 155, 161}, ts{10, 11, 12};
        const std::vector<double> vals{1, 2, 3};
        s.append(std::span(steps).first(2), std::span(ts).first(2), std::span(vals).first(2));
        QVERIFY(s.stepsEvenlySpaced());
        s.append(std::span(steps).last(1), std::span(ts).last(1), std::span(vals).last(1));
        QVERIFY(!s.stepsEvenlySpaced()); // 161 is not 160
        s.clear();
        s.append(std::numeric_limits<qint64>::min(), 0, 0);
        s.append(std::numeric_limits<qint64>::max(), 0, 0); // the difference overflows
        s.append(std::numeric_limits<qint64>::max(), 0, 0);
        QVERIFY(!s.stepsEvenlySpaced());
    }

    void pyramidMatchesBruteForce_data()
    {
        QTest::addColumn<int>("n");
        QTest::addColumn<bool>("oneByOne");
        // Sizes around block and level boundaries: 64 points per leaf, 8 children per node.
        for (int n : {1, 63, 64, 65, 511, 512, 513, 4096 + 7, 70000}) {
            QTest::addRow("bulk %d", n) << n << false;
            QTest::addRow("one by one %d", n) << n << true;
        }
    }

    void pyramidMatchesBruteForce()
    {
        QFETCH(int, n);
        QFETCH(bool, oneByOne);
        std::mt19937_64 rng(std::uint64_t(n) * 7 + oneByOne);
        const auto v = curve(std::size_t(n), rng);
        MetricSeries s;
        if (oneByOne) {
            for (std::size_t i = 0; i < v.size(); ++i)
                s.append(qint64(i), qint64(i), v[i]);
        } else {
            s = bulkSeries(v);
        }
        QCOMPARE(s.size(), v.size());

        const std::size_t size = v.size();
        checkRange(s, v, 0, size);
        checkRange(s, v, 0, 0);
        checkRange(s, v, size, size + 10); // past the end: nothing
        // Ranges starting and ending on and next to block and node boundaries.
        for (std::size_t a : {0, 1, 63, 64, 65, 127, 128, 511, 512, 513}) {
            for (std::size_t len : {1, 2, 62, 63, 64, 65, 128, 129, 512, 513, 4096, 5000}) {
                if (a < size)
                    checkRange(s, v, a, std::min(size, a + len));
            }
        }
        std::uniform_int_distribution<std::size_t> pick(0, size);
        for (int k = 0; k < 2000; ++k) {
            std::size_t a = pick(rng), b = pick(rng);
            if (a > b)
                std::swap(a, b);
            checkRange(s, v, a, b);
        }
    }

    // Appends in batches of random sizes mixed with single points, checking after each one, so
    // every partly filled node and every new level is exercised while the series grows.
    void pyramidStaysExactWhileGrowing()
    {
        std::mt19937_64 rng(42);
        const auto v = curve(40000, rng);
        MetricSeries s;
        std::size_t done = 0;
        std::uniform_int_distribution<int> batch(0, 700);
        std::uniform_int_distribution<std::size_t> pick(0, 1u << 30);
        while (done < v.size()) {
            const std::size_t k = std::min<std::size_t>(v.size() - done, std::size_t(batch(rng)));
            if (k <= 1) {
                s.append(qint64(done), qint64(done), v[done]);
                ++done;
            } else {
                std::vector<qint64> steps(k), ts(k);
                for (std::size_t i = 0; i < k; ++i)
                    steps[i] = ts[i] = qint64(done + i);
                s.append(steps, ts, std::span<const double>(v.data() + done, k));
                done += k;
            }
            const std::vector<double> prefix(v.begin(), v.begin() + std::ptrdiff_t(done));
            checkRange(s, prefix, 0, done);
            for (int r = 0; r < 20; ++r) {
                std::size_t a = pick(rng) % (done + 1), b = pick(rng) % (done + 1);
                if (a > b)
                    std::swap(a, b);
                checkRange(s, prefix, a, b);
            }
            // The tail (what a live chart's last column asks for).
            checkRange(s, prefix, done > 100 ? done - 100 : 0, done);
        }
    }

    // Few distinct values: ties everywhere, so every part of a query (partial blocks before and
    // after whole nodes, nodes on both sides) must keep the earliest index, like a plain scan.
    void tiesKeepTheEarliestIndex()
    {
        std::mt19937_64 rng(13);
        std::uniform_int_distribution<int> few(0, 3);
        std::vector<double> v(30000);
        for (auto &x : v)
            x = few(rng) == 0 ? -0.0 : double(few(rng));
        for (std::size_t i = 5000; i < 5100; ++i)
            v[i] = 0.0; // +0.0 after -0.0 elsewhere: equal values, the first one counts
        const MetricSeries s = bulkSeries(v);
        std::uniform_int_distribution<std::size_t> pick(0, v.size());
        for (int k = 0; k < 5000; ++k) {
            std::size_t a = pick(rng), b = pick(rng);
            if (a > b)
                std::swap(a, b);
            checkRange(s, v, a, b);
            const auto e = s.extrema(a, b);
            if (e.minIndex >= 0)
                QCOMPARE(std::signbit(e.min), std::signbit(v[std::size_t(e.minIndex)]));
        }
    }

    // Short ranges of a series with only finite values are answered from the values directly
    // (MetricSeries::DirectScanPoints), longer ones and series with gaps from the pyramid: every
    // length around the switch, at every offset inside a block, gives the brute-force answer,
    // ties included (few distinct values, -0.0 beside 0.0).
    void shortRangesMatchBruteForce()
    {
        std::mt19937_64 rng(17);
        std::uniform_int_distribution<int> few(0, 5);
        std::normal_distribution<double> noise(0, 1);
        for (bool ties : {false, true}) {
            std::vector<double> v(5000);
            for (auto &x : v)
                x = ties ? (few(rng) == 0 ? -0.0 : double(few(rng))) : noise(rng);
            const MetricSeries s = bulkSeries(v);
            QCOMPARE(s.nonFiniteCount(), std::size_t(0));
            const std::size_t limit = MetricSeries::DirectScanPoints;
            for (std::size_t a = 0; a < 2 * MetricSeries::BlockSize + 3; ++a) {
                for (std::size_t len : {std::size_t(1), std::size_t(2), std::size_t(3), std::size_t(7),
                                        std::size_t(8), std::size_t(9), std::size_t(31), limit - 1, limit,
                                        limit + 1, std::size_t(500)}) {
                    const std::size_t from = a * 13 % (v.size() - len);
                    checkRange(s, v, from, from + len);
                    const auto e = s.extrema(from, from + len);
                    QCOMPARE(std::signbit(e.min), std::signbit(v[std::size_t(e.minIndex)]));
                    QCOMPARE(std::signbit(e.max), std::signbit(v[std::size_t(e.maxIndex)]));
                }
            }
        }
    }

    void onlyNonFiniteValuesHaveNoMinMax()
    {
        MetricSeries s;
        for (int i = 0; i < 300; ++i)
            s.append(i, i, i % 3 == 0 ? NaN : (i % 3 == 1 ? Inf : -Inf));
        QCOMPARE(s.argMin(0, 300), std::ptrdiff_t(-1));
        QCOMPARE(s.argMax(0, 300), std::ptrdiff_t(-1));
        double mn = 0, mx = 0;
        s.minMax(0, 300, &mn, &mx);
        QVERIFY(std::isnan(mn));
        QVERIFY(std::isnan(mx));
        s.append(300, 300, -7.5);
        QCOMPARE(s.argMin(0, 301), std::ptrdiff_t(300));
        QCOMPARE(s.argMax(0, 301), std::ptrdiff_t(300));
        QCOMPARE(s.nonFiniteCount(), std::size_t(300));
    }

    void nonFinitePositions()
    {
        std::mt19937_64 rng(7);
        const auto v = curve(5000, rng);
        const MetricSeries s = bulkSeries(v);
        std::size_t count = 0;
        for (double x : v)
            count += !std::isfinite(x);
        QCOMPARE(s.nonFiniteCount(), count);
        std::uniform_int_distribution<std::size_t> pick(0, v.size());
        for (int k = 0; k < 3000; ++k) {
            std::size_t a = pick(rng), b = pick(rng);
            if (a > b)
                std::swap(a, b);
            std::ptrdiff_t first = -1, last = -1;
            for (std::size_t i = a; i < b; ++i) {
                if (!std::isfinite(v[i])) {
                    if (first < 0)
                        first = std::ptrdiff_t(i);
                    last = std::ptrdiff_t(i);
                }
            }
            QCOMPARE(s.firstNonFinite(a, b), first);
            QCOMPARE(s.lastNonFinite(a, b), last);
        }
    }

    // The sparse x index holds the step and timestamp of every 64th point, however the series grew.
    void sparseIndexSamplesEveryBlock()
    {
        const auto check = [](const MetricSeries &s) {
            const std::size_t blocks = (s.size() + MetricSeries::BlockSize - 1) / MetricSeries::BlockSize;
            QCOMPARE(s.stepSamples().size(), blocks);
            QCOMPARE(s.timestampSamples().size(), blocks);
            for (std::size_t k = 0; k < blocks; ++k) {
                QCOMPARE(s.stepSamples()[k], s.steps()[k * MetricSeries::BlockSize]);
                QCOMPARE(s.timestampSamples()[k], s.timestamps()[k * MetricSeries::BlockSize]);
            }
        };
        std::vector<qint64> steps, ts;
        std::vector<double> values;
        for (int i = 0; i < 1000; ++i) {
            steps.push_back(i * 3);
            ts.push_back(1'000'000 + i * 7);
            values.push_back(i);
        }
        MetricSeries s;
        for (std::size_t i = 0; i < 70; ++i) // one by one across a block boundary
            s.append(steps[i], ts[i], values[i]);
        check(s);
        // bulk appends that start mid-block, on a boundary, and end on one
        s.append(std::span(steps).subspan(70, 58), std::span(ts).subspan(70, 58),
                 std::span(values).subspan(70, 58));
        check(s);
        QCOMPARE(s.size(), std::size_t(128));
        s.append(std::span(steps).subspan(128), std::span(ts).subspan(128), std::span(values).subspan(128));
        check(s);
        const MetricSeries copy = s;
        check(copy);
        s.clear();
        check(s);
        QVERIFY(s.stepSamples().empty());
        s.append(5, 6, 7.0);
        check(s);
    }

    void copyAndClearKeepTheSeriesUsable()
    {
        std::mt19937_64 rng(3);
        const auto v = curve(3000, rng);
        MetricSeries s = bulkSeries(v);
        const MetricSeries copy = s;
        s.clear();
        QVERIFY(s.isEmpty());
        QCOMPARE(s.argMin(0, 10), std::ptrdiff_t(-1));
        checkRange(copy, v, 0, v.size());
        // Refilled after clear (levels left from before must not leak old values).
        for (std::size_t i = 0; i < 1000; ++i)
            s.append(qint64(i), qint64(i), v[2000 + i]);
        const std::vector<double> tail(v.begin() + 2000, v.end());
        checkRange(s, tail, 0, 1000);
        checkRange(s, tail, 10, 700);
        MetricSeries reserved;
        reserved.reserve(5000);
        for (std::size_t i = 0; i < v.size(); ++i)
            reserved.append(qint64(i), qint64(i), v[i]);
        checkRange(reserved, v, 0, v.size());
        checkRange(reserved, v, 100, 2900);
        reserved.reserve(100000); // reserve on a non-empty series keeps the pyramid right
        for (std::size_t i = 0; i < v.size(); ++i)
            reserved.append(qint64(i), qint64(i), v[i]);
        std::vector<double> twice = v;
        twice.insert(twice.end(), v.begin(), v.end());
        checkRange(reserved, twice, 0, twice.size());
        checkRange(reserved, twice, 2990, 3010);
    }

    void revisionAndGeneration()
    {
        MetricSeries s;
        const auto r0 = s.revision();
        const auto g0 = s.generation();
        s.append(1, 1, 1);
        QVERIFY(s.revision() != r0);
        QCOMPARE(s.generation(), g0);
        s.clear();
        QVERIFY(s.generation() != g0);
    }

    // The budget: at most 26 bytes per stored point, pyramid and growth slack included.
    void memoryPerPointOneByOne()
    {
        MetricSeries s;
        const std::size_t n = 1'000'000;
        double worst = 0;
        for (std::size_t i = 0; i < n; ++i) {
            s.append(qint64(i), 1'700'000'000'000 + qint64(i), std::sin(double(i)));
            // Check at sizes past 16k points (below that a fixed 256-point growth step dominates).
            if (i >= 16384 && (i % 4099 == 0 || i + 1 == n))
                worst = std::max(worst, double(s.memoryBytes()) / double(i + 1));
        }
        const double perPoint = double(s.memoryBytes()) / double(n);
        qInfo("one by one: %.2f bytes/point at 1M points, worst %.2f while growing", perPoint, worst);
        QVERIFY2(worst <= 26.0, qPrintable(QString::number(worst)));
        QVERIFY(perPoint >= 24.0); // the columns alone: memoryBytes() counts what is held
        s.shrinkToFit();
        // Columns (24) + pyramid (~0.43) + run summaries (0.125) + sparse x index (0.25), no slack.
        QVERIFY(double(s.memoryBytes()) / double(n) < 24.85);
    }

    void memoryPerPointBulk()
    {
        const std::size_t n = 1'000'000;
        std::vector<qint64> steps(n), ts(n);
        std::vector<double> values(n);
        for (std::size_t i = 0; i < n; ++i) {
            steps[i] = qint64(i);
            ts[i] = qint64(i) * 3;
            values[i] = double(i % 977);
        }
        MetricSeries s;
        s.append(steps, ts, values);
        const double perPoint = double(s.memoryBytes()) / double(n);
        qInfo("bulk: %.2f bytes/point at 1M points", perPoint);
        QVERIFY2(perPoint <= 26.0, qPrintable(QString::number(perPoint)));
        // A second bulk batch (an incremental file read) grows within the same budget.
        s.append(std::span(steps).first(n / 10), std::span(ts).first(n / 10),
                 std::span(values).first(n / 10));
        QVERIFY(double(s.memoryBytes()) / double(s.size()) <= 26.0);
        QCOMPARE(s.argMax(0, s.size()), std::ptrdiff_t(976));
    }
};

QTEST_GUILESS_MAIN(TestMetricSeries)
#include "tst_metricseries.moc"
