#include "testpaths.h"
#include "views/dialogrunner.h"
#include "views/launchdialog.h"

#include <QComboBox>
#include <QFileInfo>
#include <QLabel>
#include <QPushButton>
#include <QTemporaryDir>
#include <QTest>

using namespace lab;

namespace {

// Answers file dialogs with a fixed path instead of opening one.
class FilePicker : public DialogRunner
{
public:
    QString path;
    int asked = 0;
    QString openFile(QWidget *, const QString &, const QString &, const QString &) override
    {
        ++asked;
        return path;
    }
};

QString mlprojectFixture()
{
    return labtest::fixture(QStringLiteral("mlflow-rest/mlproject/sklearn_elasticnet_wine/MLproject"));
}

QString paramValue(const JobSpec &spec, const QString &key)
{
    for (const auto &[k, v] : spec.params)
        if (k == key)
            return v;
    return QStringLiteral("<absent>");
}

} // namespace

class TestLaunchDialog : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void trainerFieldsStartAtTheTrainersDefaults()
    {
        LaunchDialog dialog(
            {{QStringLiteral("Default"), QStringLiteral("spirals")}, QStringLiteral("spirals"), 1});
        QCOMPARE(dialog.program(), LaunchDialog::Program::Trainer);
        QCOMPARE(dialog.experiment(), QStringLiteral("spirals"));
        QCOMPARE(dialog.value(QStringLiteral("hidden_sizes")), QStringLiteral("64,64"));
        QCOMPARE(dialog.value(QStringLiteral("learning_rate")), QStringLiteral("0.01"));
        QCOMPARE(dialog.value(QStringLiteral("epochs")), QStringLiteral("20"));
        QCOMPARE(dialog.value(QStringLiteral("batch_size")), QStringLiteral("64"));
        QCOMPARE(dialog.value(QStringLiteral("optimizer")), QStringLiteral("adam"));
        QCOMPARE(dialog.value(QStringLiteral("seed")), QStringLiteral("1"));
        QCOMPARE(dialog.value(QStringLiteral("dataset")), QStringLiteral("spirals"));
        QCOMPARE(dialog.value(QStringLiteral("samples")), QStringLiteral("2000"));
        QCOMPARE(dialog.value(QStringLiteral("noise")), QStringLiteral("0.2"));
        QVERIFY(dialog.setValue(QStringLiteral("optimizer"), QStringLiteral("sgd")));
        QVERIFY(!dialog.setValue(QStringLiteral("optimizer"), QStringLiteral("rmsprop"))); // not an option
        QVERIFY(dialog.setValue(QStringLiteral("epochs"), QStringLiteral("3")));
        dialog.setRunName(QStringLiteral("first"));

        QVERIFY(dialog.validate());
        QVERIFY(!dialog.isSweep());
        const JobSpec spec = dialog.jobSpec();
        QVERIFY(spec.command.isEmpty()); // the bundled trainer
        QCOMPARE(spec.runName, QStringLiteral("first"));
        QCOMPARE(spec.experimentName, QStringLiteral("spirals"));
        QCOMPARE(spec.gpus, 1);
        QCOMPARE(paramValue(spec, QStringLiteral("optimizer")), QStringLiteral("sgd"));
        QCOMPARE(paramValue(spec, QStringLiteral("epochs")), QStringLiteral("3"));
        QCOMPARE(paramValue(spec, QStringLiteral("learning_rate")), QStringLiteral("0.01"));
        // CSV-only fields are not passed for the spirals data set.
        QCOMPARE(paramValue(spec, QStringLiteral("csv")), QStringLiteral("<absent>"));
        QVERIFY(spec.arguments().contains(QStringLiteral("--learning-rate=0.01")));

        dialog.accept();
        QCOMPARE(dialog.result(), int(QDialog::Accepted));
    }

    void invalidValuesAreShownUnderTheirFieldAndBlockTheLaunch()
    {
        LaunchDialog dialog({{}, {}, 0});
        dialog.show();
        QVERIFY(dialog.setValue(QStringLiteral("learning_rate"), QStringLiteral("fast")));
        QVERIFY(dialog.setValue(QStringLiteral("epochs"), QStringLiteral("0")));
        QVERIFY(dialog.setValue(QStringLiteral("hidden_sizes"), QStringLiteral("64,x")));
        dialog.setExperiment(QString());
        dialog.accept();
        QCOMPARE(dialog.result(), int(QDialog::Rejected));
        QVERIFY(dialog.isVisible());
        QCOMPARE(dialog.errorText(QStringLiteral("learning_rate")),
                 QStringLiteral("\"fast\" is not a number."));
        QCOMPARE(dialog.errorText(QStringLiteral("epochs")), QStringLiteral("Must be at least 1."));
        QVERIFY(dialog.errorText(QStringLiteral("hidden_sizes")).contains(QStringLiteral("64,64")));
        QVERIFY(dialog.errorText(QStringLiteral("batch_size")).isEmpty());
        QVERIFY(dialog.errorText().contains(QStringLiteral("experiment")));
        // Correcting a value clears its message at once.
        dialog.setValue(QStringLiteral("learning_rate"), QStringLiteral("0.5"));
        QVERIFY(dialog.errorText(QStringLiteral("learning_rate")).isEmpty());
    }

    void csvDataSetNeedsAFileAndATargetColumn()
    {
        QTemporaryDir dir;
        FilePicker picker;
        LaunchDialog dialog({{}, QStringLiteral("Default"), 0, &picker});
        QVERIFY(dialog.isFieldEnabled(QStringLiteral("samples")));
        QVERIFY(!dialog.isFieldEnabled(QStringLiteral("csv")));
        QVERIFY(dialog.setValue(QStringLiteral("dataset"), QStringLiteral("csv")));
        QVERIFY(!dialog.isFieldEnabled(QStringLiteral("samples")));
        QVERIFY(dialog.isFieldEnabled(QStringLiteral("target")));
        QVERIFY(!dialog.validate());
        QCOMPARE(dialog.errorText(QStringLiteral("csv")), QStringLiteral("A value is required."));
        QCOMPARE(dialog.errorText(QStringLiteral("target")), QStringLiteral("A value is required."));
        dialog.setValue(QStringLiteral("csv"), dir.filePath(QStringLiteral("missing.csv")));
        QVERIFY(!dialog.validate());
        QVERIFY(dialog.errorText(QStringLiteral("csv")).contains(QStringLiteral("does not exist")));

        QFile csv(dir.filePath(QStringLiteral("iris.csv")));
        QVERIFY(csv.open(QIODevice::WriteOnly));
        csv.write("a,b,label\n1,2,x\n");
        csv.close();
        picker.path = csv.fileName();
        QPushButton *browse = nullptr;
        for (QPushButton *b : dialog.findChildren<QPushButton *>())
            if (b->isEnabled() && b->isVisibleTo(&dialog) && b->text() == QStringLiteral("Browse…"))
                browse = b;
        QVERIFY(browse);
        browse->click();
        QCOMPARE(picker.asked, 1);
        QCOMPARE(dialog.value(QStringLiteral("csv")), csv.fileName());
        dialog.setValue(QStringLiteral("target"), QStringLiteral("label"));
        QVERIFY(dialog.validate());
        const JobSpec spec = dialog.jobSpec();
        QCOMPARE(paramValue(spec, QStringLiteral("csv")), csv.fileName());
        QCOMPARE(paramValue(spec, QStringLiteral("samples")), QStringLiteral("<absent>"));
    }

    void sweepValuesMakeAGridAndSayHowManyRuns()
    {
        LaunchDialog dialog({{}, QStringLiteral("Default"), 1});
        dialog.setSweepEnabled(true);
        QVERIFY(!dialog.validate()); // a sweep with nothing to sweep
        QVERIFY(dialog.errorText().contains(QStringLiteral("at least one parameter")));
        QVERIFY(dialog.setSweepValues(QStringLiteral("learning_rate"), QStringLiteral("0.1, 0.01")));
        QVERIFY(dialog.setSweepValues(QStringLiteral("epochs"), QStringLiteral("5,10,20")));
        QCOMPARE(dialog.runCount(), 6);
        QVERIFY(dialog.runCountText().startsWith(QStringLiteral("6 run")));
        QVERIFY(dialog.setSweepValues(QStringLiteral("hidden_sizes"), QStringLiteral("32; 64,64")));
        QCOMPARE(dialog.runCount(), 12);
        QVERIFY(dialog.validate());
        QVERIFY(dialog.isSweep());
        const SweepSpec sweep = dialog.sweepSpec();
        QCOMPARE(sweep.size(), 12);
        QCOMPARE(sweep.axes.size(), 3);
        QCOMPARE(sweep.axes[0].first, QStringLiteral("hidden_sizes"));
        QCOMPARE(sweep.axes[0].second, (QStringList{QStringLiteral("32"), QStringLiteral("64,64")}));
        const QList<JobSpec> jobs = sweep.expand();
        QCOMPARE(jobs.size(), 12);
        QCOMPARE(paramValue(jobs.last(), QStringLiteral("learning_rate")), QStringLiteral("0.01"));
        QCOMPARE(paramValue(jobs.last(), QStringLiteral("epochs")), QStringLiteral("20"));

        // A bad value in a sweep list is caught like a bad field value.
        dialog.setSweepValues(QStringLiteral("epochs"), QStringLiteral("5,,ten"));
        QVERIFY(!dialog.validate());
        QVERIFY(!dialog.errorText(QStringLiteral("epochs")).isEmpty());
        // Switching the sweep off forgets the grid.
        dialog.setSweepEnabled(false);
        QCOMPARE(dialog.runCount(), 1);
        QVERIFY(!dialog.isSweep());
    }

    void mlprojectFillsTypedFieldsWithTheEntryPointDefaults()
    {
        FilePicker picker;
        picker.path = mlprojectFixture();
        LaunchDialog dialog({{}, QStringLiteral("wine"), 0, &picker});
        dialog.setProgram(LaunchDialog::Program::MlProject);
        QVERIFY(!dialog.validate()); // no file chosen yet
        dialog.findChild<QPushButton *>(QStringLiteral("projectBrowseButton"))->click();
        QCOMPARE(picker.asked, 1);
        QCOMPARE(dialog.entryPoints(), QStringList{QStringLiteral("main")});
        QCOMPARE(dialog.entryPoint(), QStringLiteral("main"));
        QCOMPARE(dialog.parameterKeys(), (QStringList{QStringLiteral("alpha"), QStringLiteral("l1_ratio")}));
        QCOMPARE(dialog.value(QStringLiteral("alpha")), QStringLiteral("0.5"));
        QCOMPARE(dialog.value(QStringLiteral("l1_ratio")), QStringLiteral("0.1"));
        // The labels say the types, so a student knows what to type.
        bool sawType = false;
        for (QLabel *l : dialog.findChildren<QLabel *>())
            sawType = sawType || l->text() == QStringLiteral("alpha (float)");
        QVERIFY(sawType);

        QVERIFY(dialog.setValue(QStringLiteral("alpha"), QStringLiteral("a lot")));
        QVERIFY(!dialog.validate());
        QCOMPARE(dialog.errorText(QStringLiteral("alpha")), QStringLiteral("\"a lot\" is not a number."));
        dialog.setValue(QStringLiteral("alpha"), QStringLiteral("0.7"));
        QVERIFY(dialog.validate());
        const JobSpec spec = dialog.jobSpec();
        QCOMPARE(spec.commandTemplate, QStringLiteral("python train.py {alpha} {l1_ratio}"));
        QCOMPARE(spec.workingDirectory, QFileInfo(mlprojectFixture()).absolutePath());
        QCOMPARE(spec.arguments(), (QStringList{QStringLiteral("python"), QStringLiteral("train.py"),
                                                QStringLiteral("0.7"), QStringLiteral("0.1")}));

        dialog.setSweepEnabled(true);
        dialog.setSweepValues(QStringLiteral("l1_ratio"), QStringLiteral("0.1,0.5,0.9"));
        QCOMPARE(dialog.runCount(), 3);
        QVERIFY(dialog.validate());
        QCOMPARE(dialog.sweepSpec().expand().size(), 3);
    }

    void aBrokenMlprojectFileSaysWhy()
    {
        QTemporaryDir dir;
        QFile f(dir.filePath(QStringLiteral("MLproject")));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("name: [unclosed\n");
        f.close();
        LaunchDialog dialog({{}, {}, 0});
        const Status s = dialog.loadMlProject(f.fileName());
        QVERIFY(!s.ok());
        QVERIFY(!dialog.errorText().isEmpty());
        QVERIFY(dialog.entryPoints().isEmpty());
        QVERIFY(!dialog.validate());
    }

    void commandLinesSplitLikeAShell()
    {
        bool balanced = false;
        QCOMPARE(LaunchDialog::splitCommandLine(
                     QStringLiteral(" python  'my script.py' --name=\"a \\\"b\\\"\" c\\ d ''"), &balanced),
                 (QStringList{QStringLiteral("python"), QStringLiteral("my script.py"),
                              QStringLiteral("--name=a \"b\""), QStringLiteral("c d"), QString()}));
        QVERIFY(balanced);
        LaunchDialog::splitCommandLine(QStringLiteral("echo \"open"), &balanced);
        QVERIFY(!balanced);
    }

    void anyLocalCommandTakesKeyValueParameters()
    {
        LaunchDialog dialog({{}, QStringLiteral("Default"), 0});
        dialog.setCommandLine(QString());
        QCOMPARE(dialog.program(), LaunchDialog::Program::Command);
        QVERIFY(!dialog.validate());
        QVERIFY(dialog.errorText().contains(QStringLiteral("command")));
        dialog.setCommandLine(QStringLiteral("/bin/sh -c 'echo hi"));
        QVERIFY(!dialog.validate());
        QVERIFY(dialog.errorText().contains(QStringLiteral("quote")));
        dialog.setCommandLine(QStringLiteral("/bin/sh -c 'echo hi'"));
        dialog.setCommandParams(QStringLiteral("lr=0.1\nnot a pair\n"));
        QVERIFY(!dialog.validate());
        QVERIFY(dialog.errorText().contains(QStringLiteral("Line 2")));
        dialog.setCommandParams(QStringLiteral("lr=0.1\n# a comment\nlayers = 2\n"));
        QVERIFY(dialog.validate());
        JobSpec spec = dialog.jobSpec();
        QCOMPARE(spec.command,
                 (QStringList{QStringLiteral("/bin/sh"), QStringLiteral("-c"), QStringLiteral("echo hi")}));
        QCOMPARE(spec.params.size(), 2);
        QCOMPARE(paramValue(spec, QStringLiteral("layers")), QStringLiteral("2"));

        dialog.setSweepEnabled(true);
        dialog.setCommandSweep(QStringLiteral("lr=0.1,0.2\nlayers=1,2,3"));
        QCOMPARE(dialog.runCount(), 6);
        QVERIFY(dialog.validate());
        QCOMPARE(dialog.sweepSpec().size(), 6);
    }
};

QTEST_MAIN(TestLaunchDialog)
#include "tst_launchdialog.moc"
