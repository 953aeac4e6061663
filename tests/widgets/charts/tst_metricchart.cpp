#include "charts/metricchart.h"
#include "testpaths.h"
#include "tracking/trackingservice.h"

#include <QChart>
#include <QChartView>
#include <QDateTimeAxis>
#include <QImage>
#include <QLegend>
#include <QLegendMarker>
#include <QLogValueAxis>
#include <QTest>
#include <QValueAxis>
#include <QWheelEvent>

#include <cmath>
#include <limits>
#include <random>

using lab::MetricChart;
using lab::MetricSeries;

namespace {

constexpr double NaN = std::numeric_limits<double>::quiet_NaN();

MetricSeries makeSeries(const std::vector<double> &values, qint64 firstStep = 0, qint64 t0 = 1700000000000)
{
    MetricSeries s;
    for (std::size_t i = 0; i < values.size(); ++i)
        s.append(firstStep + qint64(i), t0 + qint64(i) * 1000, values[i]);
    return s;
}

// A loss-like curve: decaying with noise, deterministic.
std::vector<double> lossCurve(std::size_t n, unsigned seed, double noise = 0.05)
{
    std::mt19937 rng(seed);
    std::normal_distribution<double> gauss(0, noise);
    std::vector<double> v(n);
    for (std::size_t i = 0; i < n; ++i)
        v[i] = 0.1 + 2.0 * std::exp(-double(i) / (n / 4.0)) + gauss(rng);
    return v;
}

int pointCount(const QList<QPolygonF> &pieces)
{
    int n = 0;
    for (const auto &p : pieces)
        n += int(p.size());
    return n;
}

// Pixels in the plot area whose colour is close to `color`.
int colourPixels(const QImage &image, const QRectF &area, const QColor &color, int tolerance = 40)
{
    int count = 0;
    const QRect r = area.toAlignedRect().intersected(image.rect());
    for (int y = r.top(); y <= r.bottom(); ++y)
        for (int x = r.left(); x <= r.right(); ++x) {
            const QColor c = image.pixelColor(x, y);
            if (std::abs(c.red() - color.red()) + std::abs(c.green() - color.green()) +
                    std::abs(c.blue() - color.blue()) <=
                tolerance)
                ++count;
        }
    return count;
}

QValueAxis *xValueAxis(MetricChart &chart)
{
    const auto axes = chart.chart()->axes(Qt::Horizontal);
    return axes.isEmpty() ? nullptr : qobject_cast<QValueAxis *>(axes.first());
}

} // namespace

class TestMetricChart : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void showsOneLegendEntryPerRun()
    {
        MetricChart chart;
        chart.resize(800, 500);
        chart.addRun(QStringLiteral("r1"), QStringLiteral("lr=0.1"), Qt::red);
        chart.addRun(QStringLiteral("r2"), QStringLiteral("lr=0.01"), Qt::blue);
        chart.addRun(QStringLiteral("r3"), QStringLiteral("lr=0.001"), Qt::darkGreen);
        const auto markers = chart.chart()->legend()->markers();
        QCOMPARE(markers.size(), 3);
        QStringList labels;
        for (auto *m : markers)
            labels << m->label();
        QCOMPARE(labels, (QStringList{"lr=0.1", "lr=0.01", "lr=0.001"}));
        chart.removeRun(QStringLiteral("r2"));
        QCOMPARE(chart.chart()->legend()->markers().size(), 2);
        QCOMPARE(chart.runIds(), (QStringList{"r1", "r3"}));
        chart.clearRuns();
        QVERIFY(chart.chart()->legend()->markers().isEmpty());
    }

    void emptyAndMissingStates()
    {
        MetricChart chart;
        chart.setMetricKey(QStringLiteral("val_loss"));
        chart.resize(800, 500);
        QCOMPARE(chart.placeholderText(), QStringLiteral("No data yet"));
        chart.addRun(QStringLiteral("r1"), QStringLiteral("run 1"), Qt::red);
        QCOMPARE(chart.placeholderText(), QStringLiteral("No data yet"));
        chart.setRunMissing(QStringLiteral("r1"), true);
        QVERIFY2(chart.placeholderText().contains(QStringLiteral("val_loss is not logged by this run")),
                 qPrintable(chart.placeholderText()));
        QVERIFY(chart.chart()->legend()->markers().first()->label().contains(QStringLiteral("not logged")));
        chart.appendPoints(QStringLiteral("r1"), makeSeries({1, 2, 3}));
        QCOMPARE(chart.placeholderText(), QString());
        QCOMPARE(pointCount(chart.drawnPolylines(QStringLiteral("r1"))), 3);
    }

    void appendedPointsExtendTheAxisWhileAutoFitting()
    {
        MetricChart chart;
        chart.resize(800, 500);
        chart.show();
        chart.addRun(QStringLiteral("r1"), QStringLiteral("run"), Qt::red);
        chart.appendPoints(QStringLiteral("r1"), makeSeries(lossCurve(100, 1)));
        QValueAxis *x = xValueAxis(chart);
        QVERIFY(x);
        QTRY_COMPARE(x->max(), 99.0);
        QCOMPARE(x->min(), 0.0);
        // The next batch shows up by itself (coalesced timer), no explicit update call.
        chart.appendPoints(QStringLiteral("r1"), makeSeries(lossCurve(100, 2), 100));
        QTRY_COMPARE(x->max(), 199.0);
        QVERIFY(chart.isAutoFit());
        QCOMPARE(chart.series(QStringLiteral("r1"))->size(), std::size_t(200));
    }

    void incrementsAppendAndReset()
    {
        MetricChart chart;
        chart.setMetricKey(QStringLiteral("loss"));
        chart.resize(800, 500);
        chart.addRun(QStringLiteral("r1"), QStringLiteral("run"), Qt::red);
        lab::MetricIncrement inc;
        inc.runId = QStringLiteral("r1");
        inc.key = QStringLiteral("loss");
        inc.points = std::make_shared<MetricSeries>(makeSeries({3, 2, 1}));
        chart.applyIncrement(inc);
        inc.points = std::make_shared<MetricSeries>(makeSeries({0.5}, 3));
        chart.applyIncrement(inc);
        QCOMPARE(chart.series(QStringLiteral("r1"))->size(), std::size_t(4));
        lab::MetricIncrement other = inc; // another key: not ours
        other.key = QStringLiteral("accuracy");
        chart.applyIncrement(other);
        QCOMPARE(chart.series(QStringLiteral("r1"))->size(), std::size_t(4));
        inc.reset = true;
        inc.points = std::make_shared<MetricSeries>(makeSeries({7, 8}));
        chart.applyIncrement(inc);
        QCOMPARE(chart.series(QStringLiteral("r1"))->size(), std::size_t(2));
        QCOMPARE(chart.viewRange().yMax > 8, true);
    }

    void smoothingDrawsASmootherCurveOverTheFaintRawOne()
    {
        MetricChart chart;
        chart.resize(1000, 600);
        chart.addRun(QStringLiteral("r1"), QStringLiteral("run"), Qt::red);
        chart.appendPoints(QStringLiteral("r1"), makeSeries(lossCurve(300, 3, 0.3)));
        QVERIFY(chart.drawnPolylines(QStringLiteral("r1"), MetricChart::Curve::Smoothed).isEmpty());
        chart.setSmoothing(0.9);
        const auto raw = chart.drawnPolylines(QStringLiteral("r1"), MetricChart::Curve::Raw);
        const auto smooth = chart.drawnPolylines(QStringLiteral("r1"), MetricChart::Curve::Smoothed);
        QCOMPARE(pointCount(smooth), 300);
        QCOMPARE(pointCount(raw), 300);
        auto roughness = [](const QList<QPolygonF> &pieces) {
            double sum = 0;
            for (const auto &p : pieces)
                for (qsizetype i = 1; i < p.size(); ++i)
                    sum += std::abs(p[i].y() - p[i - 1].y());
            return sum;
        };
        QVERIFY2(roughness(smooth) * 3 < roughness(raw),
                 qPrintable(QStringLiteral("%1 vs %2").arg(roughness(smooth)).arg(roughness(raw))));
        // TensorBoard's debiased EMA: the first smoothed value is the first raw value.
        QCOMPARE(smooth.first().first(), raw.first().first());
    }

    void nanAndInfinityBreakTheLine()
    {
        MetricChart chart;
        chart.resize(800, 500);
        chart.addRun(QStringLiteral("r1"), QStringLiteral("run"), Qt::red);
        chart.appendPoints(QStringLiteral("r1"),
                           makeSeries({1, 2, NaN, 3, 4, std::numeric_limits<double>::infinity(), 5, 6}));
        const auto pieces = chart.drawnPolylines(QStringLiteral("r1"));
        QCOMPARE(pieces.size(), 3);
        QCOMPARE(pieces[0].size(), 2);
        QCOMPARE(pieces[1].size(), 2);
        QCOMPARE(pieces[2].size(), 2);
        // The y axis ignores the infinity.
        QVERIFY(chart.viewRange().yMax < 10);
    }

    void logYHidesNonPositiveValues()
    {
        MetricChart chart;
        chart.resize(800, 500);
        chart.addRun(QStringLiteral("r1"), QStringLiteral("run"), Qt::red);
        chart.appendPoints(QStringLiteral("r1"), makeSeries({1, 10, -1, 0, 100, 1000}));
        QCOMPARE(chart.drawnPolylines(QStringLiteral("r1")).size(), 1);
        chart.setLogY(true);
        QVERIFY(qobject_cast<QLogValueAxis *>(chart.chart()->axes(Qt::Vertical).first()));
        const auto pieces = chart.drawnPolylines(QStringLiteral("r1"));
        QCOMPARE(pieces.size(), 2);
        QCOMPARE(pointCount(pieces), 4);
        QVERIFY(chart.viewRange().yMin > 0);
        // Equal ratios are equal distances on a log axis.
        const double d1 = pieces[0][0].y() - pieces[0][1].y();
        const double d2 = pieces[1][0].y() - pieces[1][1].y();
        QVERIFY2(std::abs(d1 - d2) < 0.5, qPrintable(QStringLiteral("%1 vs %2").arg(d1).arg(d2)));
    }

    void wheelZoomsAndDoubleClickResets()
    {
        MetricChart chart;
        chart.resize(800, 500);
        chart.show();
        QVERIFY(QTest::qWaitForWindowExposed(&chart));
        chart.addRun(QStringLiteral("r1"), QStringLiteral("run"), Qt::red);
        chart.appendPoints(QStringLiteral("r1"), makeSeries(lossCurve(1000, 4)));
        chart.updateNow();
        const auto full = chart.viewRange();
        QCOMPARE(full.xMin, 0.0);
        QCOMPARE(full.xMax, 999.0);

        QWidget *viewport = chart.chartView()->viewport();
        const QPointF centre = viewport->mapFrom(&chart, chart.plotArea().center().toPoint());
        QWheelEvent wheel(centre, viewport->mapToGlobal(centre), QPoint(), QPoint(0, 240), Qt::NoButton,
                          Qt::NoModifier, Qt::NoScrollPhase, false);
        QApplication::sendEvent(viewport, &wheel);
        QVERIFY(!chart.isAutoFit());
        const auto zoomed = chart.viewRange();
        QVERIFY(zoomed.xMax - zoomed.xMin < 0.7 * 999);
        QVERIFY(zoomed.xMin > 0 && zoomed.xMax < 999);
        // Fewer points are drawn than before: only the zoomed window (plus its two neighbours).
        const int drawn = pointCount(chart.drawnPolylines(QStringLiteral("r1")));
        QVERIFY2(drawn < 700, qPrintable(QString::number(drawn)));
        // The axis follows the zoom.
        QTRY_COMPARE(xValueAxis(chart)->max(), zoomed.xMax);

        // New data no longer moves a zoomed view.
        chart.appendPoints(QStringLiteral("r1"), makeSeries(lossCurve(100, 5), 1000));
        chart.updateNow();
        QCOMPARE(chart.viewRange().xMax, zoomed.xMax);

        QTest::mouseDClick(viewport, Qt::LeftButton, Qt::NoModifier, centre.toPoint());
        QVERIFY(chart.isAutoFit());
        chart.updateNow();
        QCOMPARE(chart.viewRange().xMax, 1099.0);
        QCOMPARE(chart.viewRange().xMin, 0.0);
    }

    void rubberBandZoomsAndRightDragPans()
    {
        MetricChart chart;
        chart.resize(800, 500);
        chart.show();
        QVERIFY(QTest::qWaitForWindowExposed(&chart));
        chart.addRun(QStringLiteral("r1"), QStringLiteral("run"), Qt::red);
        chart.appendPoints(QStringLiteral("r1"), makeSeries(lossCurve(1000, 6)));
        chart.updateNow();
        QWidget *viewport = chart.chartView()->viewport();
        const QRectF area = chart.plotArea();
        const QPoint a =
            viewport->mapFrom(&chart, QPoint(int(area.left() + area.width() * 0.25), int(area.top() + 20)));
        const QPoint b =
            viewport->mapFrom(&chart, QPoint(int(area.left() + area.width() * 0.5), int(area.bottom() - 20)));
        QTest::mousePress(viewport, Qt::LeftButton, Qt::NoModifier, a);
        QTest::mouseMove(viewport, b);
        QTest::mouseRelease(viewport, Qt::LeftButton, Qt::NoModifier, b);
        const auto band = chart.viewRange();
        QVERIFY(!chart.isAutoFit());
        QVERIFY2(std::abs(band.xMin - 250) < 10 && std::abs(band.xMax - 500) < 10,
                 qPrintable(QStringLiteral("%1..%2").arg(band.xMin).arg(band.xMax)));

        // Dragging right moves the window to smaller x by the dragged fraction of its width.
        const QPoint c = viewport->mapFrom(&chart, area.center().toPoint());
        const int dx = int(area.width() / 5);
        QTest::mousePress(viewport, Qt::RightButton, Qt::NoModifier, c);
        QMouseEvent move(QEvent::MouseMove, QPointF(c + QPoint(dx, 0)),
                         viewport->mapToGlobal(QPointF(c + QPoint(dx, 0))), Qt::NoButton, Qt::RightButton,
                         Qt::NoModifier);
        QApplication::sendEvent(viewport, &move);
        QTest::mouseRelease(viewport, Qt::RightButton, Qt::NoModifier, c + QPoint(dx, 0));
        const auto panned = chart.viewRange();
        QVERIFY2(std::abs((band.xMin - panned.xMin) - (band.xMax - band.xMin) / 5) < 3,
                 qPrintable(QStringLiteral("%1..%2").arg(panned.xMin).arg(panned.xMax)));
        QCOMPARE(panned.xMax - panned.xMin, band.xMax - band.xMin);
    }

    void decimationKeepsSpikesAndBoundsThePointCount()
    {
        MetricChart chart;
        chart.resize(1000, 600);
        chart.addRun(QStringLiteral("r1"), QStringLiteral("run"), Qt::red);
        std::vector<double> v = lossCurve(200000, 7, 0.01);
        v[123456] = 50; // a single spike must survive decimation
        chart.appendPoints(QStringLiteral("r1"), makeSeries(v));
        const auto pieces = chart.drawnPolylines(QStringLiteral("r1"));
        const int drawn = pointCount(pieces);
        QVERIFY2(drawn <= 4 * int(std::ceil(chart.plotArea().width())) + 2,
                 qPrintable(QString::number(drawn)));
        double top = 1e9;
        for (const auto &p : pieces)
            for (const QPointF &pt : p)
                top = std::min(top, pt.y());
        // The spike is the maximum: it reaches the top of the fitted plot area (5 % padding).
        const QRectF area = chart.plotArea();
        QVERIFY2(std::abs(top - (area.top() + area.height() * 0.05 / 1.1)) < 2,
                 qPrintable(QString::number(top)));
    }

    // Sparse curves are antialiased, dense bands are not; and a crowded frame (many runs zoomed
    // in, each sparse) draws every curve aliased rather than spending a frame on antialiasing.
    void antialiasingFollowsDensityAndTheFrameBudget()
    {
        MetricChart chart;
        chart.resize(1000, 600);
        chart.addRun(QStringLiteral("dense"), QStringLiteral("dense"), Qt::red);
        chart.appendPoints(QStringLiteral("dense"), makeSeries(lossCurve(50000, 3)));
        chart.addRun(QStringLiteral("sparse"), QStringLiteral("sparse"), Qt::blue);
        chart.appendPoints(QStringLiteral("sparse"), makeSeries(lossCurve(200, 4)));
        QVERIFY(!chart.drawnAntialiased(QStringLiteral("dense")));
        QVERIFY(chart.drawnAntialiased(QStringLiteral("sparse")));

        MetricChart crowded;
        crowded.resize(1000, 600);
        for (int r = 0; r < 100; ++r) {
            const QString id = QStringLiteral("r%1").arg(r);
            crowded.addRun(id, id, QColor::fromHsv((r * 37) % 360, 200, 200));
            crowded.appendPoints(id, makeSeries(lossCurve(800, unsigned(r))));
        }
        QVERIFY(pointCount(crowded.drawnPolylines(QStringLiteral("r0"))) < crowded.plotArea().width());
        for (int r = 0; r < 100; ++r)
            QVERIFY(!crowded.drawnAntialiased(QStringLiteral("r%1").arg(r)));
        crowded.setRunVisible(QStringLiteral("r0"), true);
        for (int r = 10; r < 100; ++r)
            crowded.setRunVisible(QStringLiteral("r%1").arg(r), false);
        QVERIFY(crowded.drawnAntialiased(QStringLiteral("r0")));
    }

    void legendClickHidesTheRunAndPixelsShowIt()
    {
        MetricChart chart;
        chart.resize(800, 500);
        chart.show();
        QVERIFY(QTest::qWaitForWindowExposed(&chart));
        const QColor red(220, 20, 20), blue(20, 20, 220);
        chart.addRun(QStringLiteral("r1"), QStringLiteral("red run"), red);
        chart.addRun(QStringLiteral("r2"), QStringLiteral("blue run"), blue);
        chart.appendPoints(QStringLiteral("r1"), makeSeries(lossCurve(500, 8)));
        chart.appendPoints(QStringLiteral("r2"), makeSeries(lossCurve(500, 9, 0.1)));
        chart.updateNow();
        QImage image = chart.grab().toImage();
        QVERIFY(colourPixels(image, chart.plotArea(), red) > 200);
        QVERIFY(colourPixels(image, chart.plotArea(), blue) > 200);

        QLegendMarker *marker = chart.chart()->legend()->markers().first();
        Q_EMIT marker->clicked();
        QVERIFY(!chart.isRunVisible(QStringLiteral("r1")));
        QVERIFY(chart.drawnPolylines(QStringLiteral("r1")).isEmpty());
        image = chart.grab().toImage();
        QCOMPARE(colourPixels(image, chart.plotArea(), red), 0);
        QVERIFY(colourPixels(image, chart.plotArea(), blue) > 200);
        Q_EMIT marker->clicked();
        QVERIFY(chart.isRunVisible(QStringLiteral("r1")));
    }

    void hoverShowsRunStepAndValue()
    {
        MetricChart chart;
        chart.resize(800, 500);
        chart.show();
        QVERIFY(QTest::qWaitForWindowExposed(&chart));
        chart.addRun(QStringLiteral("r1"), QStringLiteral("my run"), Qt::red);
        chart.appendPoints(QStringLiteral("r1"), makeSeries({1, 2, 3, 4, 5}, 10));
        const auto pieces = chart.drawnPolylines(QStringLiteral("r1"));
        QWidget *viewport = chart.chartView()->viewport();
        const QPoint third = viewport->mapFrom(&chart, pieces.first()[2].toPoint());
        QTest::mouseMove(viewport, third + QPoint(2, 1));
        QTRY_VERIFY(!chart.hoverText().isEmpty());
        QVERIFY2(chart.hoverText().contains(QStringLiteral("my run")), qPrintable(chart.hoverText()));
        QVERIFY2(chart.hoverText().contains(QStringLiteral("Step 12")), qPrintable(chart.hoverText()));
        QVERIFY2(chart.hoverText().contains(QStringLiteral("Value 3")), qPrintable(chart.hoverText()));
    }

    void wallTimeAxisShowsTimes()
    {
        MetricChart chart;
        chart.resize(800, 500);
        chart.addRun(QStringLiteral("r1"), QStringLiteral("run"), Qt::red);
        chart.appendPoints(QStringLiteral("r1"), makeSeries(lossCurve(60, 10)));
        chart.setXAxisMode(MetricChart::XAxisMode::WallTime);
        chart.updateNow();
        auto *axis = qobject_cast<QDateTimeAxis *>(chart.chart()->axes(Qt::Horizontal).first());
        QVERIFY(axis);
        QCOMPARE(axis->min().toMSecsSinceEpoch(), 1700000000000);
        QCOMPARE(axis->max().toMSecsSinceEpoch(), 1700000059000);
        chart.setXAxisMode(MetricChart::XAxisMode::RelativeTime);
        chart.updateNow();
        QCOMPARE(chart.viewRange().xMin, 0.0);
        QCOMPARE(chart.viewRange().xMax, 59.0);
    }

    void screenshots()
    {
        MetricChart chart;
        chart.setMetricKey(QStringLiteral("train_loss"));
        chart.resize(1280, 800);
        chart.show();
        QVERIFY(QTest::qWaitForWindowExposed(&chart));
        const QList<QColor> palette = {QColor("#1f77b4"), QColor("#ff7f0e"), QColor("#2ca02c"),
                                       QColor("#d62728"), QColor("#9467bd")};
        for (int i = 0; i < palette.size(); ++i) {
            const QString id = QStringLiteral("run%1").arg(i);
            chart.addRun(id, QStringLiteral("lr=%1").arg(0.1 / (i + 1)), palette[i]);
            chart.appendPoints(id, makeSeries(lossCurve(20000 - 3000 * i, 20 + i, 0.08)));
        }
        chart.setSmoothing(0.95);
        chart.updateNow();
        QTest::qWait(50); // the legend lays its markers out from the event loop
        const QString dir = labtest::artefactDir(QStringLiteral("screenshots"));
        QVERIFY(chart.grab().save(dir + QStringLiteral("/chart-metric-smoothed.png")));
        chart.setLogY(true);
        chart.setXAxisMode(MetricChart::XAxisMode::WallTime);
        chart.updateNow();
        QTest::qWait(50);
        QVERIFY(chart.grab().save(dir + QStringLiteral("/chart-metric-log-walltime.png")));
        chart.clearRuns();
        chart.addRun(QStringLiteral("x"), QStringLiteral("run x"), Qt::red);
        chart.updateNow();
        QTest::qWait(50);
        QVERIFY(chart.grab().save(dir + QStringLiteral("/chart-metric-empty.png")));
    }
};

QTEST_MAIN(TestMetricChart)
#include "tst_metricchart.moc"
