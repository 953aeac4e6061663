#include "series/emasmoother.h"
#include "series/metricseries.h"

#include <QtTest>

#include <cmath>
#include <limits>
#include <random>

using lab::EmaSmoother;
using lab::MetricSeries;

namespace {

constexpr double NaN = std::numeric_limits<double>::quiet_NaN();
constexpr double Inf = std::numeric_limits<double>::infinity();

bool sameValue(double a, double b)
{
    return (std::isnan(a) && std::isnan(b)) || a == b;
}

void compareFuzzy(const std::vector<double> &got, const std::vector<double> &want)
{
    QCOMPARE(got.size(), want.size());
    for (std::size_t i = 0; i < got.size(); ++i) {
        if (std::isnan(want[i]) || std::isinf(want[i])) {
            QVERIFY2(sameValue(got[i], want[i]), qPrintable(QStringLiteral("point %1").arg(i)));
        } else {
            QVERIFY2(std::abs(got[i] - want[i]) <= 1e-12 * std::max(1.0, std::abs(want[i])),
                     qPrintable(QStringLiteral("point %1: %2 != %3")
                                    .arg(i)
                                    .arg(got[i], 0, 'g', 17)
                                    .arg(want[i], 0, 'g', 17)));
        }
    }
}

} // namespace

class TestSmoothing : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    // Worked by hand from TensorBoard's formula: last = last*w + (1-w)*v, smoothed = last / (1 - w^n).
    void handComputedValues()
    {
        // w = 0.5 on 1, 2, 3:
        //   last 0.5   / 0.5   = 1
        //   last 1.25  / 0.75  = 5/3
        //   last 2.125 / 0.875 = 17/7
        compareFuzzy(EmaSmoother::smoothValues(std::vector<double>{1, 2, 3}, 0.5),
                     {1.0, 5.0 / 3.0, 17.0 / 7.0});
        // w = 0.9 on 10, 0:
        //   last 1 / 0.1 = 10
        //   last 0.9 / 0.19 = 90/19
        compareFuzzy(EmaSmoother::smoothValues(std::vector<double>{10, 0}, 0.9), {10.0, 90.0 / 19.0});
        // w = 0.6 (TensorBoard's default) on 4, 8, 6:
        //   last 1.6 / 0.4 = 4
        //   last 0.96 + 3.2 = 4.16 / 0.64 = 6.5
        //   last 2.496 + 2.4 = 4.896 / 0.784 = 6.244897959...
        compareFuzzy(EmaSmoother::smoothValues(std::vector<double>{4, 8, 6}, 0.6), {4.0, 6.5, 4.896 / 0.784});
    }

    void nonFinitePointsPassThroughWithoutCounting()
    {
        // w = 0.5 on 1, NaN, 3, inf, 5: the NaN and inf are drawn as they are and the average
        // continues from the finite points only (n = 1, 2, 3):
        //   1 -> last 0.5 / 0.5 = 1
        //   3 -> last 0.25 + 1.5 = 1.75 / 0.75 = 7/3
        //   5 -> last 0.875 + 2.5 = 3.375 / 0.875 = 27/7
        compareFuzzy(EmaSmoother::smoothValues(std::vector<double>{1, NaN, 3, Inf, 5}, 0.5),
                     {1.0, NaN, 7.0 / 3.0, Inf, 27.0 / 7.0});
        // Leading NaN: the series is not "constant" and the first finite point starts the average.
        compareFuzzy(EmaSmoother::smoothValues(std::vector<double>{NaN, 2, 4}, 0.5), {NaN, 2.0, 10.0 / 3.0});
    }

    void constantSeriesIsDrawnAsIs()
    {
        const std::vector<double> c(50, 0.1);
        QCOMPARE(EmaSmoother::smoothValues(c, 0.99), c); // exactly, not 0.1 +- rounding
        const std::vector<double> inf(3, Inf);
        QCOMPARE(EmaSmoother::smoothValues(inf, 0.5), inf);
    }

    void weightZeroIsIdentityAndWeightIsClamped()
    {
        const std::vector<double> v{3, -1, 4, 1, -5, 9};
        QCOMPARE(EmaSmoother::smoothValues(v, 0.0), v);
        EmaSmoother s(1.0);
        QCOMPARE(s.weight(), EmaSmoother::MaxWeight);
        s.setWeight(-2);
        QCOMPARE(s.weight(), 0.0);
        s.setWeight(NaN);
        QCOMPARE(s.weight(), 0.0);
    }

    void smoothedSeriesKeepsXAndHasAPyramid()
    {
        MetricSeries raw;
        for (int i = 0; i < 1000; ++i)
            raw.append(i * 2, 1000 + i, i % 2 ? 1.0 : 0.0);
        const MetricSeries sm = EmaSmoother::smoothSeries(raw, 0.9);
        QCOMPARE(sm.size(), raw.size());
        QVERIFY(std::equal(sm.steps().begin(), sm.steps().end(), raw.steps().begin()));
        QVERIFY(std::equal(sm.timestamps().begin(), sm.timestamps().end(), raw.timestamps().begin()));
        double mn = 0, mx = 0;
        sm.minMax(100, 1000, &mn, &mx);
        // An alternating 0/1 signal smoothed with w = 0.9 settles around 0.5 +- 0.05.
        QVERIFY(mn > 0.4 && mx < 0.6);
    }

    // Live: batches appended to the raw series, smoothed incrementally, give exactly the
    // one-shot result (same operations in the same order).
    void incrementalEqualsOneShot()
    {
        std::mt19937_64 rng(5);
        std::normal_distribution<double> noise(0, 1);
        std::uniform_int_distribution<int> batch(1, 300);
        MetricSeries raw;
        EmaSmoother live(0.95);
        std::vector<double> all;
        while (all.size() < 20000) {
            const int k = batch(rng);
            for (int j = 0; j < k; ++j) {
                double v = 1.0 / (1.0 + double(all.size()) / 100.0) + 0.1 * noise(rng);
                if (all.size() % 1777 == 5)
                    v = NaN;
                all.push_back(v);
                raw.append(qint64(all.size()), qint64(all.size()), v);
            }
            const MetricSeries &sm = live.update(raw);
            QCOMPARE(sm.size(), raw.size());
        }
        const auto expected = EmaSmoother::smoothValues(all, 0.95);
        const auto got = live.smoothed().values();
        for (std::size_t i = 0; i < all.size(); ++i)
            QVERIFY2(sameValue(got[i], expected[i]), qPrintable(QString::number(i)));
        QCOMPARE(live.update(raw).size(), raw.size()); // nothing new: nothing changes
    }

    void constantThenChangingRedoesOnce()
    {
        MetricSeries raw;
        EmaSmoother live(0.5);
        for (int i = 0; i < 10; ++i)
            raw.append(i, i, 2.0);
        QCOMPARE(live.update(raw).values()[9], 2.0);
        raw.append(10, 10, 4.0);
        // Now TensorBoard smooths the whole series, the earlier points included.
        const auto expected = EmaSmoother::smoothValues(raw.values(), 0.5);
        const auto got = live.update(raw).values();
        QCOMPARE(std::vector<double>(got.begin(), got.end()), expected);
        QVERIFY(got[10] > 2.0 && got[10] < 4.0);
    }

    void restartsOnReloadOrNewWeight()
    {
        MetricSeries raw;
        for (int i = 0; i < 100; ++i)
            raw.append(i, i, double(i % 7));
        EmaSmoother live(0.3);
        live.update(raw);
        raw.clear(); // reloaded from the store with different content
        for (int i = 0; i < 150; ++i)
            raw.append(i, i, double(i % 5));
        compareFuzzy(std::vector<double>(live.update(raw).values().begin(), live.update(raw).values().end()),
                     EmaSmoother::smoothValues(raw.values(), 0.3));
        live.setWeight(0.8);
        const auto after = live.update(raw).values();
        compareFuzzy(std::vector<double>(after.begin(), after.end()),
                     EmaSmoother::smoothValues(raw.values(), 0.8));
        MetricSeries other;
        other.append(0, 0, 42);
        QCOMPARE(live.update(other).size(), std::size_t(1)); // another series: starts over
        QCOMPARE(live.smoothed().values()[0], 42.0);
    }
};

QTEST_GUILESS_MAIN(TestSmoothing)
#include "tst_smoothing.moc"
