#include "compute/jobspec.h"
#include "core/types.h"

#include <QTest>

using namespace lab;

class TestTypes : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void runStatusParsesWireNamesAndFileStoreNumbers()
    {
        RunStatus s;
        QVERIFY(parseRunStatus(QStringLiteral("FINISHED"), &s));
        QCOMPARE(s, RunStatus::Finished);
        QVERIFY(parseRunStatus(QStringLiteral("5"), &s)); // MLflow file store writes enum numbers
        QCOMPARE(s, RunStatus::Killed);
        QVERIFY(!parseRunStatus(QStringLiteral("BOGUS"), &s));
        QCOMPARE(runStatusName(RunStatus::Scheduled), QStringLiteral("SCHEDULED"));
    }
    void paramsBecomeKebabCaseArguments()
    {
        JobSpec spec;
        spec.command = {QStringLiteral("lab-train")};
        spec.params = {{QStringLiteral("learning_rate"), QStringLiteral("0.01")},
                       {QStringLiteral("hiddenSizes"), QStringLiteral("64,64")}};
        QCOMPARE(spec.arguments(), (QStringList{QStringLiteral("lab-train"), QStringLiteral("--learning-rate=0.01"),
                                                QStringLiteral("--hidden-sizes=64,64")}));
    }
    void mlprojectTemplateSubstitutesAndAppendsTheRest()
    {
        JobSpec spec;
        spec.commandTemplate = QStringLiteral("python train.py {alpha} {l1_ratio}");
        spec.params = {{QStringLiteral("alpha"), QStringLiteral("0.5")}, {QStringLiteral("l1_ratio"), QStringLiteral("0.1")},
                       {QStringLiteral("extra"), QStringLiteral("x")}};
        QCOMPARE(spec.arguments(), (QStringList{QStringLiteral("python"), QStringLiteral("train.py"), QStringLiteral("0.5"),
                                                QStringLiteral("0.1"), QStringLiteral("--extra"), QStringLiteral("x")}));
    }
    void templateValueWithSpacesStaysOneArgument()
    {
        JobSpec spec;
        spec.commandTemplate = QStringLiteral("python train.py --name {name}");
        spec.params = {{QStringLiteral("name"), QStringLiteral("my \"quoted\" run")}};
        QCOMPARE(spec.arguments(), (QStringList{QStringLiteral("python"), QStringLiteral("train.py"), QStringLiteral("--name"),
                                                QStringLiteral("my \"quoted\" run")}));
    }
    void sweepExpandsTheGridInOrder()
    {
        SweepSpec sweep;
        sweep.base.runName = QStringLiteral("grid");
        sweep.base.params = {{QStringLiteral("epochs"), QStringLiteral("5")}, {QStringLiteral("lr"), QStringLiteral("1")}};
        sweep.axes = {{QStringLiteral("lr"), {QStringLiteral("0.1"), QStringLiteral("0.01")}},
                      {QStringLiteral("seed"), {QStringLiteral("1"), QStringLiteral("2")}}};
        const QList<JobSpec> jobs = sweep.expand();
        QCOMPARE(jobs.size(), 4);
        QCOMPARE(sweep.size(), 4);
        QCOMPARE(jobs[0].params, (QList<QPair<QString, QString>>{{QStringLiteral("epochs"), QStringLiteral("5")},
                                                                 {QStringLiteral("lr"), QStringLiteral("0.1")},
                                                                 {QStringLiteral("seed"), QStringLiteral("1")}}));
        QCOMPARE(jobs[3].runName, QStringLiteral("grid lr=0.01 seed=2"));
    }
};

QTEST_GUILESS_MAIN(TestTypes)
#include "tst_types.moc"
