#include "charts/metricchart.h"
#include "charts/parallelcoordinates.h"
#include "tracking/trackingservice.h"
#include "tracking/trackingstorefactory.h"
#include "views/compareview.h"
#include "views/metricfeed.h"

#include <QCheckBox>
#include <QLabel>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>

using namespace lab;

namespace {

struct Fixture
{
    QTemporaryDir dir;
    std::unique_ptr<TrackingService> service;
    QList<Run> runs;

    // Three runs in a real file store: lr differs, epochs is the same, optimizer differs in one,
    // only the first has a seed. val_loss histories have known minima and maxima.
    bool build()
    {
        auto opened = openTrackingStore(dir.filePath(QStringLiteral("mlruns")));
        if (!opened.ok())
            return false;
        TrackingStore &store = *opened.value();
        auto exp = store.createExperiment(QStringLiteral("cmp"));
        if (!exp.ok())
            return false;
        struct Spec
        {
            const char *name;
            const char *lr;
            const char *optimizer;
            QList<double> losses;
        };
        const QList<Spec> specs = {{"alpha", "0.1", "adam", {0.9, 0.5, 0.7}},
                                   {"beta", "0.01", "adam", {1.2, 0.3}},
                                   {"gamma", "0.001", "sgd", {2.0, 1.5, 1.4, 1.6}}};
        for (const Spec &s : specs) {
            auto run = store.createRun(exp.value(), QLatin1String(s.name), 1700000000000, {});
            if (!run.ok())
                return false;
            QList<MetricPoint> points;
            for (int i = 0; i < s.losses.size(); ++i)
                points.append({QStringLiteral("val_loss"), s.losses[i], 1700000000000 + i * 1000, i});
            points.append({QStringLiteral("val_accuracy"), 0.5 + s.losses.size() / 10.0, 1700000009000, 9});
            QList<Param> params = {{QStringLiteral("learning_rate"), QLatin1String(s.lr)},
                                   {QStringLiteral("epochs"), QStringLiteral("20")},
                                   {QStringLiteral("optimizer"), QLatin1String(s.optimizer)}};
            if (runs.isEmpty())
                params.append({QStringLiteral("seed"), QStringLiteral("7")});
            if (!store.logBatch(run->info.runId, points, params, {}).ok())
                return false;
            store.updateRun(run->info.runId, RunStatus::Finished, 1700000010000);
            auto full = store.getRun(run->info.runId);
            if (!full.ok())
                return false;
            runs << full.value();
        }
        service = std::make_unique<TrackingService>(std::move(opened.value()));
        service->setPollInterval(50);
        return true;
    }
};

QStringList column(QTableWidget *t, int c)
{
    QStringList out;
    for (int r = 0; r < t->rowCount(); ++r)
        out << (t->item(r, c) ? t->item(r, c)->text() : QString());
    return out;
}

int metricRow(QTableWidget *t, const QString &key, const QString &run)
{
    for (int r = 0; r < t->rowCount(); ++r)
        if (t->item(r, CompareView::MetricKeyColumn)->text() == key &&
            t->item(r, CompareView::MetricRunColumn)->text() == run)
            return r;
    return -1;
}

} // namespace

class TestCompareView : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void differencesOnlyHidesEqualParameters()
    {
        Fixture f;
        QVERIFY(f.build());
        MetricFeed feed(f.service.get());
        CompareView view(&feed);
        view.resize(1200, 700);
        view.setRuns(f.runs);

        QCOMPARE(view.paramsTable()->columnCount(), 4); // the key, then one column per run
        QCOMPARE(view.paramsTable()->horizontalHeaderItem(2)->text(), QStringLiteral("beta"));
        QVERIFY(view.differencesOnly()); // the default: what tells runs apart
        // epochs is 20 everywhere: hidden. seed is missing in two runs: that is a difference.
        QCOMPARE(view.visibleParams(), (QStringList{QStringLiteral("learning_rate"),
                                                    QStringLiteral("optimizer"), QStringLiteral("seed")}));
        view.findChild<QCheckBox *>(QStringLiteral("differencesOnlyCheck"))->click();
        QVERIFY(!view.differencesOnly());
        QCOMPARE(view.visibleParams(), (QStringList{QStringLiteral("epochs"), QStringLiteral("learning_rate"),
                                                    QStringLiteral("optimizer"), QStringLiteral("seed")}));
        const int lrRow = int(column(view.paramsTable(), 0).indexOf(QStringLiteral("learning_rate")));
        QCOMPARE(view.paramsTable()->item(lrRow, 3)->text(), QStringLiteral("0.001"));
        const int seedRow = int(column(view.paramsTable(), 0).indexOf(QStringLiteral("seed")));
        QCOMPARE(view.paramsTable()->item(seedRow, 2)->text(), QStringLiteral("—"));
        view.setDifferencesOnly(true);
        QCOMPARE(view.visibleParams().size(), 3);

        // Two runs that agree on everything but the learning rate.
        view.setRuns({f.runs[0], f.runs[1]});
        QCOMPARE(view.visibleParams(),
                 (QStringList{QStringLiteral("learning_rate"), QStringLiteral("seed")}));
    }

    void metricTableShowsMinMaxAndLastFromTheHistories()
    {
        Fixture f;
        QVERIFY(f.build());
        MetricFeed feed(f.service.get());
        CompareView view(&feed);
        view.setRuns(f.runs);
        QTableWidget *t = view.metricsTable();
        QCOMPARE(t->rowCount(), 6); // 2 metrics x 3 runs
        const int alpha = metricRow(t, QStringLiteral("val_loss"), QStringLiteral("alpha"));
        QVERIFY(alpha >= 0);
        QCOMPARE(t->item(alpha, CompareView::LastColumn)->text(), QStringLiteral("0.7"));
        // Min and max need the whole history, read off the UI thread.
        QTRY_COMPARE(
            t->item(metricRow(t, QStringLiteral("val_loss"), QStringLiteral("alpha")), CompareView::MinColumn)
                ->text(),
            QStringLiteral("0.5"));
        QTRY_COMPARE(
            t->item(metricRow(t, QStringLiteral("val_loss"), QStringLiteral("gamma")), CompareView::MaxColumn)
                ->text(),
            QStringLiteral("2"));
        QTRY_COMPARE(
            t->item(metricRow(t, QStringLiteral("val_loss"), QStringLiteral("beta")), CompareView::MinColumn)
                ->text(),
            QStringLiteral("0.3"));

        // A hidden compare view loads the histories (above) but does not keep running runs
        // polled; shown, its subscriptions are active; hidden again, not.
        const QString alphaId = f.runs.at(0).info.runId;
        QVERIFY(!view.isFeedActive());
        QVERIFY(!feed.isActive(alphaId, QStringLiteral("val_loss")));
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        QVERIFY(view.isFeedActive());
        QVERIFY(feed.isActive(alphaId, QStringLiteral("val_loss")));
        view.hide();
        QVERIFY(!feed.isActive(alphaId, QStringLiteral("val_loss")));
    }

    void overlayChartAndParallelCoordinatesShowTheChosenMetric()
    {
        Fixture f;
        QVERIFY(f.build());
        MetricFeed feed(f.service.get());
        CompareView view(&feed);
        view.resize(1200, 700);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        view.setRuns(f.runs);
        // val_accuracy is preferred when the runs log it.
        QCOMPARE(view.metric().isEmpty() ? view.overlayChart()->metricKey() : view.metric(),
                 QStringLiteral("val_accuracy"));
        QCOMPARE(view.overlayChart()->runIds().size(), 3);
        view.setMetric(QStringLiteral("val_loss"));
        QCOMPARE(view.overlayChart()->metricKey(), QStringLiteral("val_loss"));
        QCOMPARE(view.parallelCoordinates()->metric(), QStringLiteral("val_loss"));
        QCOMPARE(view.parallelCoordinates()->parameters(),
                 (QStringList{QStringLiteral("learning_rate"), QStringLiteral("optimizer"),
                              QStringLiteral("seed")}));
        QCOMPARE(view.parallelCoordinates()->polylines().size(), 3);
        QTRY_VERIFY(!view.overlayChart()->drawnPolylines(f.runs[2].info.runId).isEmpty());
        QTRY_COMPARE(view.overlayChart()->series(f.runs[2].info.runId)->size(), std::size_t(4));
        // Fewer than two runs: the view says what to do.
        view.setRuns({f.runs[0]});
        QVERIFY(view.findChild<QLabel *>(QStringLiteral("compareTitle"))
                    ->text()
                    .contains(QStringLiteral("two or more")));
    }
};

QTEST_MAIN(TestCompareView)
#include "tst_compareview.moc"
