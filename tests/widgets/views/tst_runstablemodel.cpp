#include "manyrunsstore.h"
#include "tracking/mlflowfilestore.h"
#include "tracking/trackingservice.h"
#include "views/runsproxymodel.h"
#include "views/runstablemodel.h"

#include <QAbstractItemModelTester>
#include <QHeaderView>
#include <QScrollBar>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace lab;

namespace {

Run makeRun(const QString &id, const QString &name, RunStatus status, double valAcc, const QString &lr,
            qint64 start = 1700000000000)
{
    Run r;
    r.info.runId = id;
    r.info.experimentId = QStringLiteral("1");
    r.info.runName = name;
    r.info.status = status;
    r.info.userId = QStringLiteral("ana");
    r.info.startTime = start;
    r.info.endTime = isTerminal(status) ? start + 65000 : 0;
    if (valAcc >= 0)
        r.metrics.append({QStringLiteral("val_accuracy"), valAcc, start + 1000, 10});
    r.params.append({QStringLiteral("lr"), lr});
    r.params.append({QStringLiteral("epochs"), QStringLiteral("20")});
    return r;
}

QStringList namesInProxyOrder(const QAbstractItemModel &m)
{
    QStringList out;
    for (int r = 0; r < m.rowCount(); ++r)
        out << m.index(r, RunsTableModel::NameColumn).data().toString();
    return out;
}

int columnOf(const RunsTableModel &m, const QString &key)
{
    for (int c = 0; c < m.columnCount(); ++c)
        if (m.headerData(c, Qt::Horizontal, RunsTableModel::ColumnKeyRole).toString() == key)
            return c;
    return -1;
}

} // namespace

class TestRunsTableModel : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void showsRunsWithTheirColumns()
    {
        RunsTableModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.reload({makeRun("a", "alpha", RunStatus::Finished, 0.91, "0.01"),
                      makeRun("b", "beta", RunStatus::Running, 0.5, "0.1")});
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.headerData(RunsTableModel::NameColumn, Qt::Horizontal).toString(),
                 QStringLiteral("Name"));
        QCOMPARE(model.index(0, RunsTableModel::StatusColumn).data().toString(), QStringLiteral("Finished"));
        QCOMPARE(model.index(0, RunsTableModel::DurationColumn).data().toString(),
                 QStringLiteral("1 min 05 s"));
        QCOMPARE(model.index(0, RunsTableModel::UserColumn).data().toString(), QStringLiteral("ana"));
        // Finished and running are told apart by colour, not only by word.
        QVERIFY(model.index(0, RunsTableModel::StatusColumn).data(Qt::ForegroundRole) !=
                model.index(1, RunsTableModel::StatusColumn).data(Qt::ForegroundRole));
        const int acc = columnOf(model, QStringLiteral("metrics.val_accuracy"));
        QVERIFY(acc >= RunsTableModel::FixedColumnCount);
        QCOMPARE(model.index(0, acc).data().toString(), QStringLiteral("0.91"));
        QVERIFY(columnOf(model, QStringLiteral("metrics.val_loss")) > 0);
        QVERIFY(!model.index(0, columnOf(model, QStringLiteral("metrics.val_loss")))
                     .data(RunsTableModel::SortRole)
                     .isValid());
        // lr differs between the runs, epochs does not: both fit, varying ones are never left out.
        QVERIFY(columnOf(model, QStringLiteral("params.lr")) > acc);
        QCOMPARE(model.index(1, columnOf(model, QStringLiteral("params.lr"))).data().toString(),
                 QStringLiteral("0.1"));
        QCOMPARE(model.indexOf(QStringLiteral("b")).row(), 1);
        QCOMPARE(model.runIdAt(0), QStringLiteral("a"));
        QCOMPARE(model.index(1, 0).data(RunsTableModel::RunIdRole).toString(), QStringLiteral("b"));
        QCOMPARE(model.indexOf(QStringLiteral("zzz")), QModelIndex());
    }

    void runningDurationFollowsTheClock()
    {
        RunsTableModel model;
        model.reload({makeRun("b", "beta", RunStatus::Running, 0.5, "0.1", 1000000)});
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        model.tick(1000000 + 3 * 3600 * 1000 + 61000);
        QCOMPARE(changed.count(), 1);
        QCOMPARE(model.index(0, RunsTableModel::DurationColumn).data().toString(),
                 QStringLiteral("3 h 01 min"));
    }

    void refreshTouchesOnlyTheRowsThatChanged()
    {
        RunsTableModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        const Run a = makeRun("a", "alpha", RunStatus::Finished, 0.91, "0.01");
        const Run b = makeRun("b", "beta", RunStatus::Running, 0.5, "0.1");
        const Run c = makeRun("c", "gamma", RunStatus::Finished, 0.8, "0.01");
        const Run d = makeRun("d", "delta", RunStatus::Failed, -1, "0.1");
        model.reload({a, b, c, d});

        QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
        QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        QSignalSpy columnsInserted(&model, &QAbstractItemModel::columnsInserted);

        // Same data again: nothing moves.
        model.setRuns({a, b, c, d});
        QCOMPARE(reset.count() + removed.count() + inserted.count() + changed.count(), 0);

        // b finishes with a new accuracy, c is deleted, e appears, a and d stay as they were.
        Run b2 = b;
        b2.info.status = RunStatus::Finished;
        b2.info.endTime = b.info.startTime + 5000;
        b2.metrics[0].value = 0.7;
        const Run e = makeRun("e", "epsilon", RunStatus::Running, 0.1, "0.1");
        model.setRuns({e, d, b2, a});

        QCOMPARE(reset.count(), 0);
        QCOMPARE(removed.count(), 1);
        QCOMPARE(removed[0][1].toInt(), 2); // c was row 2
        QCOMPARE(removed[0][2].toInt(), 2);
        QCOMPARE(changed.count(), 1);
        QCOMPARE(changed[0][0].toModelIndex().row(), 1); // b
        QCOMPARE(changed[0][1].toModelIndex().row(), 1);
        QCOMPARE(inserted.count(), 1);
        QCOMPARE(inserted[0][1].toInt(), 3);
        QCOMPARE(inserted[0][2].toInt(), 3);
        QCOMPARE(columnsInserted.count(), 0);

        QCOMPARE(model.rowCount(), 4);
        QCOMPARE(model.runIdAt(0), QStringLiteral("a"));
        QCOMPARE(model.runIdAt(1), QStringLiteral("b"));
        QCOMPARE(model.runIdAt(2), QStringLiteral("d"));
        QCOMPARE(model.runIdAt(3), QStringLiteral("e"));
        QCOMPARE(model.index(1, RunsTableModel::StatusColumn).data().toString(), QStringLiteral("Finished"));
        QCOMPARE(model.rowOf(QStringLiteral("e")), 3);
        QCOMPARE(model.rowOf(QStringLiteral("c")), -1);
    }

    void aNewVaryingParameterAddsItsColumn()
    {
        RunsTableModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setMaxParamColumns(1);
        const Run a = makeRun("a", "alpha", RunStatus::Finished, 0.91, "0.01");
        Run b = makeRun("b", "beta", RunStatus::Finished, 0.5, "0.01");
        model.reload({a, b});
        // Nothing varies: the first parameter by name fills the one slot.
        QCOMPARE(model.paramColumns(), QStringList{QStringLiteral("epochs")});
        QSignalSpy columnsInserted(&model, &QAbstractItemModel::columnsInserted);
        QSignalSpy columnsRemoved(&model, &QAbstractItemModel::columnsRemoved);
        b.params[0].value = QStringLiteral("0.5");
        model.setRuns({a, b});
        QCOMPARE(model.paramColumns(), QStringList{QStringLiteral("lr")});
        QCOMPARE(columnsRemoved.count(), 1);
        QCOMPARE(columnsInserted.count(), 1);
        QCOMPARE(model.index(1, columnOf(model, QStringLiteral("params.lr"))).data().toString(),
                 QStringLiteral("0.5"));
    }

    void sortsNumbersAsNumbersWithMissingValuesLast()
    {
        RunsTableModel model;
        RunsProxyModel proxy;
        proxy.setRunsModel(&model);
        QAbstractItemModelTester tester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.reload({makeRun("a", "alpha", RunStatus::Finished, 0.9, "0.01"),
                      makeRun("b", "beta", RunStatus::Finished, 10, "0.1"),
                      makeRun("c", "gamma", RunStatus::Finished, -1, "0.001"),
                      makeRun("d", "delta", RunStatus::Finished, 0.15, "1e-4")});
        const int acc = columnOf(model, QStringLiteral("metrics.val_accuracy"));
        proxy.sort(acc, Qt::AscendingOrder);
        QCOMPARE(namesInProxyOrder(proxy), (QStringList{"delta", "alpha", "beta", "gamma"}));
        proxy.sort(acc, Qt::DescendingOrder);
        QCOMPARE(namesInProxyOrder(proxy), (QStringList{"beta", "alpha", "delta", "gamma"}));
        // Params are strings in MLflow; "1e-4" < "0.001" < "0.01" < "0.1" as numbers.
        proxy.sort(columnOf(model, QStringLiteral("params.lr")), Qt::AscendingOrder);
        QCOMPARE(namesInProxyOrder(proxy), (QStringList{"delta", "gamma", "alpha", "beta"}));
        proxy.sort(RunsTableModel::NameColumn, Qt::AscendingOrder);
        QCOMPARE(namesInProxyOrder(proxy), (QStringList{"alpha", "beta", "delta", "gamma"}));
        QCOMPARE(proxy.runIdAt(2), QStringLiteral("d"));
        QCOMPARE(proxy.indexOf(QStringLiteral("c")).row(), 3);

        // A refresh that adds a run keeps the proxy sorted.
        model.setRuns({makeRun("a", "alpha", RunStatus::Finished, 0.9, "0.01"),
                       makeRun("b", "beta", RunStatus::Finished, 10, "0.1"),
                       makeRun("c", "gamma", RunStatus::Finished, -1, "0.001"),
                       makeRun("d", "delta", RunStatus::Finished, 0.15, "1e-4"),
                       makeRun("e", "aardvark", RunStatus::Running, 0.2, "0.01")});
        QCOMPARE(namesInProxyOrder(proxy), (QStringList{"aardvark", "alpha", "beta", "delta", "gamma"}));
    }

    void filterHidesRunsAndFollowsRefreshes()
    {
        RunsTableModel model;
        RunsProxyModel proxy;
        proxy.setRunsModel(&model);
        QAbstractItemModelTester tester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.reload({makeRun("a", "alpha", RunStatus::Finished, 0.91, "0.01"),
                      makeRun("b", "beta", RunStatus::Running, 0.5, "0.1")});
        proxy.setPredicate([](const Run &r) {
            const MetricPoint *m = r.metric(QStringLiteral("val_accuracy"));
            return m && m->value > 0.9;
        });
        QCOMPARE(proxy.rowCount(), 1);
        QCOMPARE(proxy.runIdAt(0), QStringLiteral("a"));
        // b's accuracy rises past the threshold on the next poll: it shows up.
        Run b = makeRun("b", "beta", RunStatus::Running, 0.95, "0.1");
        model.setRuns({makeRun("a", "alpha", RunStatus::Finished, 0.91, "0.01"), b});
        QCOMPARE(proxy.rowCount(), 2);
        proxy.setPredicate({});
        QCOMPARE(proxy.rowCount(), 2);
        QVERIFY(!proxy.hasPredicate());
    }

    // Tens of thousands of runs behind a real TrackingService: pages are asked for as the view
    // scrolls, never all at once.
    void pagesAreFetchedLazilyAsTheViewScrolls()
    {
        auto owned = std::make_unique<labtest::ManyRunsStore>(50000);
        labtest::ManyRunsStore *store = owned.get();
        TrackingService service(std::move(owned));
        RunsTableModel model;
        RunsProxyModel proxy;
        proxy.setRunsModel(&model);
        model.setService(&service);
        model.setPageSize(500);
        QSignalSpy loaded(&model, &RunsTableModel::queryLoaded);
        model.setQuery({QStringLiteral("1")}, {}, {});
        QTRY_COMPARE(loaded.count(), 1);
        QCOMPARE(model.rowCount(), 500);
        QCOMPARE(store->searches().size(), 1);
        QCOMPARE(store->searches()[0].maxResults, 500);
        QVERIFY(store->searches()[0].pageToken.isEmpty());
        // MLflow's default order: the newest first.
        QCOMPARE(model.runIdAt(0), QStringLiteral("run-00000"));
        QVERIFY(!model.allLoaded());
        QVERIFY(model.canFetchMore({}));

        QTableView view;
        view.setModel(&proxy);
        view.resize(800, 400);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        // A view that shows the top of the table asks for nothing more.
        QTest::qWait(100);
        QCOMPARE(store->searches().size(), 1);
        // Scrolled to the bottom: the next page comes, with the token of the first.
        view.verticalScrollBar()->setValue(view.verticalScrollBar()->maximum());
        QTRY_COMPARE(model.rowCount(), 1000);
        QCOMPARE(store->searches().size(), 2);
        QCOMPARE(store->searches()[1].pageToken, QStringLiteral("500"));
        QCOMPARE(model.runIdAt(500), QStringLiteral("run-00500"));
        for (int i = 0; i < 3; ++i) {
            view.verticalScrollBar()->setValue(view.verticalScrollBar()->maximum());
            QTRY_COMPARE(model.rowCount(), 1500 + 500 * i);
        }
        QCOMPARE(store->searches().size(), 5);
        QVERIFY(model.rowCount() < 50000);
    }

    void aHeaderClickOnAPartialTableSortsOnTheServer()
    {
        auto owned = std::make_unique<labtest::ManyRunsStore>(20000);
        labtest::ManyRunsStore *store = owned.get();
        TrackingService service(std::move(owned));
        RunsTableModel model;
        RunsProxyModel proxy;
        proxy.setRunsModel(&model);
        model.setService(&service);
        model.setPageSize(500);
        QSignalSpy loaded(&model, &RunsTableModel::queryLoaded);
        model.setQuery({QStringLiteral("1")}, {}, {});
        QTRY_COMPARE(loaded.count(), 1);

        const int acc = columnOf(model, QStringLiteral("metrics.val_accuracy"));
        proxy.sort(acc, Qt::DescendingOrder);
        QTRY_COMPARE(loaded.count(), 2);
        QCOMPARE(store->searches().size(), 2);
        QCOMPARE(store->searches()[1].orderBy, QStringList{QStringLiteral("metrics.val_accuracy DESC")});
        QVERIFY(store->searches()[1].pageToken.isEmpty());
        QVERIFY(proxy.sortsOnServer());
        // The best runs of all 20,000 are on top, though only 500 are loaded.
        QCOMPARE(model.rowCount(), 500);
        QCOMPARE(proxy.index(0, acc).data().toString(), QStringLiteral("0.999"));
        QCOMPARE(proxy.index(19, acc).data().toString(), QStringLiteral("0.999"));
        QCOMPARE(proxy.index(20, acc).data().toString(), QStringLiteral("0.998"));
        // The next page continues in the same order.
        model.fetchMore({});
        QTRY_COMPARE(model.rowCount(), 1000);
        QCOMPARE(store->searches()[2].orderBy, QStringList{QStringLiteral("metrics.val_accuracy DESC")});
        QCOMPARE(proxy.index(999, acc).data().toString(), QStringLiteral("0.95"));

        // Parameters sort on the server too, by their own key.
        proxy.sort(columnOf(model, QStringLiteral("params.lr")), Qt::AscendingOrder);
        QTRY_COMPARE(loaded.count(), 3);
        QCOMPARE(store->searches().constLast().orderBy, QStringList{QStringLiteral("params.lr ASC")});
        QCOMPARE(proxy.index(0, columnOf(model, QStringLiteral("params.lr"))).data().toString(),
                 QStringLiteral("0.0001"));
    }

    void aFilterGoesToTheServerAndASmallAnswerSortsLocally()
    {
        auto owned = std::make_unique<labtest::ManyRunsStore>(20000);
        labtest::ManyRunsStore *store = owned.get();
        TrackingService service(std::move(owned));
        RunsTableModel model;
        RunsProxyModel proxy;
        proxy.setRunsModel(&model);
        model.setService(&service);
        model.setPageSize(500);
        QSignalSpy loaded(&model, &RunsTableModel::queryLoaded);
        model.setQuery({QStringLiteral("1")}, {}, {});
        QTRY_COMPARE(loaded.count(), 1);
        model.setFilter(QStringLiteral("metrics.val_accuracy > 0.99 and params.lr = '0.1'"));
        QTRY_COMPARE(loaded.count(), 2);
        QCOMPARE(store->searches().constLast().filter,
                 QStringLiteral("metrics.val_accuracy > 0.99 and params.lr = '0.1'"));
        // Accuracies 0.992 and 0.996 in each thousand have lr 0.1: 2 x 20 of the 20,000.
        QCOMPARE(model.rowCount(), 40);
        QVERIFY(model.allLoaded());
        QVERIFY(!model.canFetchMore({}));
        // Everything is here: a header click sorts at once, without asking the server.
        const int searches = int(store->searches().size());
        proxy.sort(RunsTableModel::NameColumn, Qt::AscendingOrder);
        QVERIFY(!proxy.sortsOnServer());
        QCOMPARE(proxy.index(0, RunsTableModel::NameColumn).data().toString(), QStringLiteral("r10992"));
        QTest::qWait(50);
        QCOMPARE(int(store->searches().size()), searches);
        // The same filter again asks nothing.
        model.setFilter(QStringLiteral("metrics.val_accuracy > 0.99 and params.lr = '0.1'"));
        QTest::qWait(50);
        QCOMPARE(int(store->searches().size()), searches);
    }

    void aPollRefreshesTheFirstPageAndTheRunningRowsOnly()
    {
        auto owned = std::make_unique<labtest::ManyRunsStore>(5000, 1000);
        labtest::ManyRunsStore *store = owned.get();
        TrackingService service(std::move(owned));
        RunsTableModel model;
        model.setService(&service);
        model.setPageSize(500);
        QSignalSpy loaded(&model, &RunsTableModel::queryLoaded);
        model.setQuery({QStringLiteral("1")}, {}, {});
        QTRY_COMPARE(loaded.count(), 1);
        model.fetchMore({});
        QTRY_COMPARE(model.rowCount(), 1000);
        model.fetchMore({});
        QTRY_COMPARE(model.rowCount(), 1500);
        store->clearLog();

        // On the server: run 7 (first page) gets a better accuracy, running run 1000 (second
        // page) finishes, run 3000 (not loaded) changes, and a new run... is not possible in this
        // store, so nothing else moves.
        store->update(7, [](Run &r) { r.metrics[0].value = 0.5; });
        store->update(1000, [](Run &r) {
            r.info.status = RunStatus::Finished;
            r.info.endTime = r.info.startTime + 1000;
        });
        store->update(3000, [](Run &r) { r.metrics[0].value = 0.1; });

        QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
        QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        QSignalSpy polled(&model, &RunsTableModel::polled);
        model.poll();
        QTRY_COMPARE(polled.count(), 2); // the first page, and run 1000 by getRun
        QCOMPARE(store->searches().size(), 1);
        QCOMPARE(store->searches()[0].maxResults, 500);
        QVERIFY(store->searches()[0].pageToken.isEmpty());
        // Run 0 is running too but on the first page: only run 1000 is read alone.
        QCOMPARE(store->getRuns(), QStringList{QStringLiteral("run-01000")});
        QCOMPARE(reset.count() + inserted.count() + removed.count(), 0);
        QCOMPARE(changed.count(), 2);
        QSet<int> rows{changed[0][0].toModelIndex().row(), changed[1][0].toModelIndex().row()};
        QCOMPARE(rows, (QSet<int>{7, 1000}));
        QCOMPARE(model.index(1000, RunsTableModel::StatusColumn).data().toString(),
                 QStringLiteral("Finished"));
        QCOMPARE(model.rowCount(), 1500);

        // A finished run is not read again on the next poll.
        store->clearLog();
        model.poll();
        QTRY_COMPARE(polled.count(), 3);
        QTest::qWait(50);
        QVERIFY(store->getRuns().isEmpty());
    }

    void theFileStoreAnswersTheSameWay()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        auto owned = std::make_unique<MlflowFileStore>(dir.filePath(QStringLiteral("mlruns")));
        auto experiment = owned->createExperiment(QStringLiteral("local"));
        QVERIFY(experiment.ok());
        for (int i = 0; i < 12; ++i) {
            auto run = owned->createRun(*experiment, QStringLiteral("local-%1").arg(i),
                                        1700000000000 + i * 1000, {});
            QVERIFY(run.ok());
            QVERIFY(owned
                        ->logBatch(run->info.runId, {{QStringLiteral("val_accuracy"), i / 10.0, 1, 1}},
                                   {{QStringLiteral("lr"), QString::number(i % 3)}}, {})
                        .ok());
            QVERIFY(
                owned->updateRun(run->info.runId, RunStatus::Finished, 1700000000000 + i * 1000 + 10).ok());
        }
        TrackingService service(std::move(owned));
        RunsTableModel model;
        model.setService(&service);
        model.setPageSize(5);
        QSignalSpy loaded(&model, &RunsTableModel::queryLoaded);
        model.setQuery({*experiment}, {}, {});
        QTRY_COMPARE(loaded.count(), 1);
        QCOMPARE(model.rowCount(), 5);
        QCOMPARE(model.index(0, RunsTableModel::NameColumn).data().toString(), QStringLiteral("local-11"));
        model.fetchMore({});
        QTRY_COMPARE(model.rowCount(), 10);
        model.fetchMore({});
        QTRY_COMPARE(model.rowCount(), 12);
        QVERIFY(model.allLoaded());
        QCOMPARE(model.index(11, RunsTableModel::NameColumn).data().toString(), QStringLiteral("local-0"));
        model.setFilter(QStringLiteral("params.lr = '1'"));
        QTRY_COMPARE(loaded.count(), 2);
        QCOMPARE(model.rowCount(), 4);
        model.setOrderBy({QStringLiteral("metrics.val_accuracy ASC")});
        QTRY_COMPARE(loaded.count(), 3);
        QCOMPARE(model.index(0, RunsTableModel::NameColumn).data().toString(), QStringLiteral("local-1"));
        // A bad filter is the store's error in words, and the rows stay.
        QSignalSpy failed(&model, &RunsTableModel::loadFailed);
        model.setFilter(QStringLiteral("metrics.val_accuracy >"));
        QTRY_COMPARE(failed.count(), 1);
        QCOMPARE(model.rowCount(), 4);
    }

    // QAbstractItemModelTester fetches more itself after each change, so it gets a test of its
    // own (the others count the pages asked for): paging, a server sort, a filter and a poll.
    void thePagedModelPassesTheItemModelTester()
    {
        auto owned = std::make_unique<labtest::ManyRunsStore>(3000, 100);
        labtest::ManyRunsStore *store = owned.get();
        TrackingService service(std::move(owned));
        RunsTableModel model;
        RunsProxyModel proxy;
        proxy.setRunsModel(&model);
        model.setService(&service);
        model.setPageSize(250);
        QAbstractItemModelTester modelTester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QAbstractItemModelTester proxyTester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy loaded(&model, &RunsTableModel::queryLoaded);
        model.setQuery({QStringLiteral("1")}, {}, {});
        QTRY_COMPARE(loaded.count(), 1);
        // The tester asks for more after every insertion: it ends with every run, in order.
        QTRY_COMPARE(model.rowCount(), 3000);
        QVERIFY(model.allLoaded());
        for (int i = 0; i < 3000; i += 499)
            QCOMPARE(model.runIdAt(i), QStringLiteral("run-%1").arg(i, 5, 10, QLatin1Char('0')));
        proxy.sort(columnOf(model, QStringLiteral("metrics.val_loss")), Qt::AscendingOrder);
        QVERIFY(!proxy.sortsOnServer()); // all here: sorted locally
        model.setFilter(QStringLiteral("metrics.val_accuracy >= 0.5"));
        QTRY_COMPARE(loaded.count(), 2);
        QTRY_COMPARE(model.rowCount(), 1500);
        store->update(1, [](Run &r) { r.metrics[0].value = 0.75; }); // now matches
        store->update(600, [](Run &r) {
            r.info.status = RunStatus::Finished;
            r.info.endTime = r.info.startTime + 10;
        });
        QSignalSpy polled(&model, &RunsTableModel::polled);
        model.poll();
        QTRY_VERIFY(polled.count() >= 1);
        // Sorted by val_loss, run 1 now matches at the far end: a view scrolling down finds it.
        QTRY_VERIFY((model.fetchMore({}), model.rowOf(QStringLiteral("run-00001")) >= 0));
        QCOMPARE(model.rowCount(), 1501);
        QTRY_COMPARE(model.run(QStringLiteral("run-00600"))->info.status, RunStatus::Finished);
    }

    void formatsDurationsAndValues()
    {
        QCOMPARE(RunsTableModel::formatDuration(45000), QStringLiteral("45 s"));
        QCOMPARE(RunsTableModel::formatDuration(2 * 86400000LL + 3600000), QStringLiteral("2 d 1 h"));
        QCOMPARE(RunsTableModel::formatValue(0.123456), QStringLiteral("0.12346"));
        QCOMPARE(RunsTableModel::formatValue(12345678), QStringLiteral("1.2346e+07"));
    }
};

QTEST_MAIN(TestRunsTableModel)
#include "tst_runstablemodel.moc"
