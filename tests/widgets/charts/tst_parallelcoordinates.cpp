#include "charts/parallelcoordinates.h"
#include "testpaths.h"

#include <QImage>
#include <QTest>

using lab::ParallelCoordinates;

namespace {

lab::Run makeRun(const QString &id, const QList<std::pair<QString, QString>> &params, double accuracy)
{
    lab::Run run;
    run.info.runId = id;
    run.info.runName = QStringLiteral("run-") + id;
    for (const auto &[k, v] : params)
        run.params.append({k, v});
    if (!std::isnan(accuracy))
        run.metrics.append({QStringLiteral("val_accuracy"), accuracy, 1700000000000, 10});
    run.metrics.append(
        {QStringLiteral("val_loss"), 1 - (std::isnan(accuracy) ? 0.5 : accuracy), 1700000000000, 10});
    return run;
}

QList<lab::Run> sweep()
{
    return {
        makeRun("a", {{"lr", "0.001"}, {"optimizer", "sgd"}, {"hidden", "32"}}, 0.62),
        makeRun("b", {{"lr", "0.01"}, {"optimizer", "sgd"}, {"hidden", "64"}}, 0.81),
        makeRun("c", {{"lr", "0.1"}, {"optimizer", "adam"}, {"hidden", "64"}}, 0.97),
        makeRun("d", {{"lr", "0.01"}, {"optimizer", "adam"}}, 0.90),                           // no "hidden"
        makeRun("e", {{"lr", "0.1"}, {"optimizer", "adam"}, {"hidden", "128"}}, std::nan("")), // no metric
    };
}

} // namespace

class TestParallelCoordinates : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void drawsOnePolylinePerRunAcrossTheAxes()
    {
        ParallelCoordinates pc;
        pc.resize(1280, 800);
        pc.setRuns(sweep());
        pc.setParameters({"lr", "optimizer", "hidden"});
        pc.setMetric(QStringLiteral("val_accuracy"));
        const auto lines = pc.polylines();
        QCOMPARE(lines.size(), 5);
        for (const auto &line : lines)
            QCOMPARE(line.size(), 4);
        QCOMPARE(pc.polylineRunIds(), (QStringList{"a", "b", "c", "d", "e"}));
        // Each point sits on its axis.
        for (const auto &line : lines)
            for (int i = 0; i < 4; ++i)
                QCOMPARE(line[i].x(), pc.axisX(i));
        QVERIFY(pc.axisX(0) < pc.axisX(1) && pc.axisX(2) < pc.axisX(3));
    }

    void scalesNumericCategoricalAndMissingValues()
    {
        ParallelCoordinates pc;
        pc.resize(1280, 800);
        pc.setRuns(sweep());
        pc.setParameters({"lr", "optimizer", "hidden"});
        pc.setMetric(QStringLiteral("val_accuracy"));
        const auto lines = pc.polylines();
        // lr spans two decades: a log axis, so 0.01 is half way between 0.001 and 0.1.
        const double lrTop = lines[2][0].y(), lrBottom = lines[0][0].y(), lrMid = lines[1][0].y();
        QVERIFY(lrTop < lrBottom);
        QVERIFY(std::abs(lrMid - (lrTop + lrBottom) / 2) < 0.5);
        // optimizer is categorical: adam and sgd at the two ends.
        QVERIFY(!pc.isCategorical(0));
        QVERIFY(pc.isCategorical(1));
        QVERIFY(!pc.isCategorical(2));
        QCOMPARE(lines[2][1].y(), lines[3][1].y()); // both adam
        QVERIFY(lines[0][1].y() != lines[2][1].y());
        // Run d has no "hidden", run e no metric: both go to the missing tick.
        QCOMPARE(lines[3][2].y(), pc.missingY());
        QCOMPARE(lines[4][3].y(), pc.missingY());
        // Metric axis: best run on top.
        QVERIFY(lines[2][3].y() < lines[1][3].y());
        QVERIFY(lines[1][3].y() < lines[0][3].y());
        // Colours follow the metric; the run without one is grey.
        QVERIFY(pc.colorFor(0.97) != pc.colorFor(0.62));
        QCOMPARE(pc.colorFor(std::nan("")), QColor(0xa0, 0xa0, 0xa0));

        // Switching the metric re-scales the last axis.
        pc.setMetric(QStringLiteral("val_loss"));
        const auto byLoss = pc.polylines();
        QVERIFY(byLoss[2][3].y() > byLoss[0][3].y());
        QVERIFY(byLoss[4][3].y() < pc.missingY()); // e has a val_loss
    }

    void hoverHighlightsARunAndShowsItsValues()
    {
        ParallelCoordinates pc;
        pc.resize(1280, 800);
        pc.setRuns(sweep());
        pc.setParameters({"lr", "optimizer", "hidden"});
        pc.setMetric(QStringLiteral("val_accuracy"));
        pc.show();
        QVERIFY(QTest::qWaitForWindowExposed(&pc));
        const QPolygonF line = pc.polylines()[1]; // run b
        const QPointF mid = (line[2] + line[3]) / 2;
        QString hovered;
        connect(&pc, &ParallelCoordinates::runHovered, this, [&](const QString &id) { hovered = id; });
        QTest::mouseMove(&pc, mid.toPoint());
        QTRY_COMPARE(pc.hoveredRun(), QStringLiteral("b"));
        QCOMPARE(hovered, QStringLiteral("b"));
        const QString text = pc.hoverText();
        QVERIFY2(text.contains(QStringLiteral("run-b")) && text.contains(QStringLiteral("lr: 0.01")) &&
                     text.contains(QStringLiteral("val_accuracy: 0.81")),
                 qPrintable(text));
        // The highlighted line is drawn thick in its colour.
        const QImage image = pc.grab().toImage();
        const QColor expected = pc.colorFor(0.81);
        const QColor got = image.pixelColor(mid.toPoint());
        QVERIFY2(std::abs(got.red() - expected.red()) + std::abs(got.green() - expected.green()) +
                         std::abs(got.blue() - expected.blue()) <
                     40,
                 qPrintable(got.name() + QLatin1Char(' ') + expected.name()));
        QVERIFY(image.save(labtest::artefactDir(QStringLiteral("screenshots")) +
                           QStringLiteral("/chart-parallel-hover.png")));
    }

    void screenshotOfASweep()
    {
        QList<lab::Run> runs;
        int n = 0;
        for (const char *lr : {"0.0003", "0.001", "0.003", "0.01", "0.03", "0.1"})
            for (const char *opt : {"sgd", "adam"})
                for (const char *hidden : {"16", "64", "256"}) {
                    const double acc = 0.5 + 0.45 * std::exp(-std::pow(std::log10(std::atof(lr)) + 2.2, 2)) *
                                                 (QByteArray(opt) == "adam" ? 1.0 : 0.8) *
                                                 (std::atof(hidden) / 256 * 0.3 + 0.7);
                    runs << makeRun(QString::number(++n),
                                    {{"lr", lr}, {"optimizer", opt}, {"hidden", hidden}}, acc);
                }
        ParallelCoordinates pc;
        pc.resize(1280, 800);
        pc.setRuns(runs);
        pc.setParameters({"lr", "optimizer", "hidden"});
        pc.setMetric(QStringLiteral("val_accuracy"));
        pc.show();
        QVERIFY(QTest::qWaitForWindowExposed(&pc));
        QCOMPARE(pc.polylines().size(), 36);
        QVERIFY(pc.grab().save(labtest::artefactDir(QStringLiteral("screenshots")) +
                               QStringLiteral("/chart-parallel-sweep.png")));

        ParallelCoordinates empty;
        empty.resize(640, 400);
        QVERIFY(empty.polylines().isEmpty());
        QVERIFY(empty.grab().save(labtest::artefactDir(QStringLiteral("screenshots")) +
                                  QStringLiteral("/chart-parallel-empty.png")));
    }
};

QTEST_MAIN(TestParallelCoordinates)
#include "tst_parallelcoordinates.moc"
