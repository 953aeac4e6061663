#include "views/runsproxymodel.h"
#include "views/runstablemodel.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

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
