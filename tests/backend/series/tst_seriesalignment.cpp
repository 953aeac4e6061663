#include "series/metricseries.h"
#include "series/seriesalignment.h"

#include <QtTest>

#include <cmath>
#include <limits>

using lab::AlignedSeries;
using lab::MetricSeries;
using lab::SeriesAlignment;
using lab::SeriesSummary;
using lab::XAxisMode;

namespace {
constexpr double NaN = std::numeric_limits<double>::quiet_NaN();
}

class TestSeriesAlignment : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void alignsOnTheUnionOfSteps()
    {
        // Two runs of one metric: run a logs every step 0..3, run b logs steps 0, 2, 4 and logged
        // step 2 twice (the later value counts).
        MetricSeries a, b;
        for (int i = 0; i < 4; ++i)
            a.append(i, 1000 + i, 10.0 + i);
        b.append(0, 5000, 1.0);
        b.append(2, 5001, 2.0);
        b.append(2, 5002, 2.5);
        b.append(4, 5003, 3.0);
        const MetricSeries *runs[] = {&a, &b, nullptr};
        const AlignedSeries t = SeriesAlignment::align(runs, XAxisMode::Step);
        QCOMPARE(t.x, (std::vector<double>{0, 1, 2, 3, 4}));
        QCOMPARE(t.values.size(), std::size_t(3));
        QCOMPARE(t.values[0][0], 10.0);
        QCOMPARE(t.values[0][3], 13.0);
        QVERIFY(std::isnan(t.values[0][4]));
        QCOMPARE(t.values[1][0], 1.0);
        QVERIFY(std::isnan(t.values[1][1]));
        QCOMPARE(t.values[1][2], 2.5);
        QVERIFY(std::isnan(t.values[1][3]));
        QCOMPARE(t.values[1][4], 3.0);
        for (double v : t.values[2])
            QVERIFY(std::isnan(v));
    }

    void relativeTimeIsPerRunAndUnsortedStepsWork()
    {
        MetricSeries a, b;
        a.append(0, 10'000, 1);
        a.append(1, 12'000, 2);
        b.append(5, 90'000, 7); // logged out of step order
        b.append(3, 92'000, 8);
        const MetricSeries *runs[] = {&a, &b};
        const AlignedSeries rel = SeriesAlignment::align(runs, XAxisMode::RelativeTime);
        QCOMPARE(rel.x, (std::vector<double>{0, 2}));
        QCOMPARE(rel.values[0], (std::vector<double>{1, 2}));
        QCOMPARE(rel.values[1], (std::vector<double>{7, 8}));
        const AlignedSeries st = SeriesAlignment::align(runs, XAxisMode::Step);
        QCOMPARE(st.x, (std::vector<double>{0, 1, 3, 5}));
        QCOMPARE(st.values[1][2], 8.0);
        QCOMPARE(st.values[1][3], 7.0);
        const AlignedSeries wall = SeriesAlignment::align(runs, XAxisMode::WallTime);
        QCOMPARE(wall.x.front(), 10.0);
        QCOMPARE(wall.rowCount(), std::size_t(4));
    }

    void summaryPerRun()
    {
        MetricSeries s;
        s.append(0, 100, 0.9);
        s.append(1, 101, NaN);
        s.append(2, 102, 0.2);
        s.append(3, 103, 0.7);
        s.append(4, 104, 0.2); // tie with step 2: the earliest is the argmin
        s.append(5, 105, 1.5);
        s.append(6, 106, 0.4);
        const SeriesSummary sum = SeriesAlignment::summarize(s);
        QCOMPARE(sum.count, std::size_t(7));
        QCOMPARE(sum.finiteCount, std::size_t(6));
        QCOMPARE(sum.min, 0.2);
        QCOMPARE(sum.minStep, qint64(2));
        QCOMPARE(sum.max, 1.5);
        QCOMPARE(sum.maxStep, qint64(5));
        QCOMPARE(sum.last, 0.4);
        QCOMPARE(sum.lastStep, qint64(6));
        QCOMPARE(sum.lastTimestamp, qint64(106));
    }

    void lastFollowsMlflowsLatestRule()
    {
        // MLflow's latest value: highest step, then latest timestamp; not simply the last line.
        MetricSeries s;
        s.append(10, 500, 1.0);
        s.append(3, 900, 2.0);
        s.append(10, 400, 3.0);
        const SeriesSummary sum = SeriesAlignment::summarize(s);
        QCOMPARE(sum.last, 1.0);
        QCOMPARE(sum.lastStep, qint64(10));

        const SeriesSummary empty = SeriesAlignment::summarize(MetricSeries());
        QCOMPARE(empty.count, std::size_t(0));
        QVERIFY(std::isnan(empty.min) && std::isnan(empty.max) && std::isnan(empty.last));
    }
};

QTEST_GUILESS_MAIN(TestSeriesAlignment)
#include "tst_seriesalignment.moc"
