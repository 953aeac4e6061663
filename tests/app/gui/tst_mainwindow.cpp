#include "charts/gpupanel.h"
#include "charts/metricchart.h"
#include "compute/localrunner.h"
#include "core/appcontext.h"
#include "core/translators.h"
#include "project/labprofiles.h"
#include "testpaths.h"
#include "tracking/trackingservice.h"
#include "views/chartpanel.h"
#include "views/compareview.h"
#include "views/connectdialog.h"
#include "views/dialogrunner.h"
#include "views/experimentsmodel.h"
#include "views/launchdialog.h"
#include "views/logview.h"
#include "views/mainwindow.h"
#include "views/modelsview.h"
#include "views/rundetailsview.h"
#include "views/runsproxymodel.h"
#include "views/runstablemodel.h"

#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QFileDialog>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QPlainTextEdit>
#include <QSettings>
#include <QSignalSpy>
#include <QSlider>
#include <QSplitter>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTableView>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeWidget>

#include <functional>
#include <memory>
#include <utility>

using namespace lab;

namespace {

// Answers the window's dialogs the way a student would, without a modal loop.
class ScriptedDialogs : public DialogRunner
{
public:
    std::function<bool(QDialog *)> onExec;
    QStringList errors;
    int confirmations = 0;

    bool exec(QDialog *dialog) override
    {
        if (!onExec)
            return false;
        auto handler = std::move(onExec);
        onExec = nullptr;
        return handler(dialog);
    }
    void showError(QWidget *, const QString &, const QString &text) override { errors << text; }
    bool confirm(QWidget *, const QString &, const QString &) override
    {
        ++confirmations;
        return true;
    }
    QString nextOpenFile; // what the next file dialog picks
    QString openFile(QWidget *, const QString &, const QString &, const QString &) override
    {
        return std::exchange(nextOpenFile, QString());
    }
};

QString screenshotPath(const QString &name)
{
    return QDir(labtest::artefactDir(QStringLiteral("screenshots"))).filePath(name + QStringLiteral(".png"));
}

void saveScreenshot(QWidget *w, const QString &name)
{
    // Let pending layout and paint requests land first.
    QCoreApplication::processEvents();
    QVERIFY2(w->grab().save(screenshotPath(name)), qPrintable(screenshotPath(name)));
}

QString runIdByName(const RunsTableModel *model, const QString &name)
{
    for (const Run &r : model->runs())
        if (RunsTableModel::displayName(r) == name)
            return r.info.runId;
    return {};
}

RunStatus statusOf(const RunsTableModel *model, const QString &runId)
{
    const Run *r = model->run(runId);
    return r ? r->info.status : RunStatus::Scheduled;
}

} // namespace

class TestMainWindow : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_tmp;
    QString m_trainer;
    std::unique_ptr<AppContext> m_context;
    ScriptedDialogs m_dialogs;
    std::unique_ptr<MainWindow> m_window;
    QString m_first, m_second, m_shell;

    MainWindow::Services services()
    {
        MainWindow::Services s;
        s.tracking = m_context->tracking();
        s.compute = m_context->runner();
        s.telemetry = m_context->telemetry();
        s.dialogs = &m_dialogs;
        s.profile = m_context->profile().name;
        s.profiles = LabProfiles::available();
        s.language = QSettings().value(QStringLiteral("language"), QStringLiteral("en")).toString();
        s.setLanguage = [](const QString &code) { installTranslators(code); };
        return s;
    }

    void openWindow()
    {
        m_window = std::make_unique<MainWindow>(services());
        m_window->setPollInterval(300);
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    }

    // Launches the bundled trainer through the launch dialog, as a student fills it in.
    void launchTrainer(const QString &runName, const QString &learningRate)
    {
        m_dialogs.onExec = [=, this](QDialog *d) {
            auto *dialog = qobject_cast<LaunchDialog *>(d);
            if (!dialog)
                return false;
            dialog->setExperiment(QStringLiteral("spirals"));
            dialog->setRunName(runName);
            dialog->setValue(QStringLiteral("epochs"), QStringLiteral("6"));
            dialog->setValue(QStringLiteral("samples"), QStringLiteral("600"));
            dialog->setValue(QStringLiteral("learning_rate"), learningRate);
            dialog->setValue(QStringLiteral("device"), QStringLiteral("cpu"));
            dialog->setGpus(0);
            if (runName == QLatin1String("first")) {
                dialog->show();
                dialog->resize(700, 760);
                saveScreenshot(dialog, QStringLiteral("06-launch-dialog"));
            } else {
                // How a sweep looks before it is launched (this launch stays a single run).
                dialog->show();
                dialog->resize(900, 760);
                dialog->setSweepEnabled(true);
                dialog->setSweepValues(QStringLiteral("learning_rate"), QStringLiteral("0.1, 0.05, 0.01"));
                dialog->setSweepValues(QStringLiteral("hidden_sizes"), QStringLiteral("32; 64,64"));
                saveScreenshot(dialog, QStringLiteral("06b-launch-sweep"));
                dialog->setSweepEnabled(false);
            }
            dialog->accept();
            return dialog->result() == QDialog::Accepted;
        };
        m_window->launchAction()->trigger();
        QVERIFY2(m_dialogs.errors.isEmpty(), qPrintable(m_dialogs.errors.join(QLatin1Char('\n'))));
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_tmp.isValid());
        // Settings, profiles and the default store all under the temporary folder.
        qputenv("XDG_CONFIG_HOME", QFile::encodeName(m_tmp.filePath(QStringLiteral("config"))));
        qputenv("XDG_DATA_HOME", QFile::encodeName(m_tmp.filePath(QStringLiteral("data"))));
        qunsetenv("MLFLOW_TRACKING_URI");
        QCoreApplication::setOrganizationName(QStringLiteral("labconsole"));
        QCoreApplication::setApplicationName(QStringLiteral("labconsole"));
        QSettings::setDefaultFormat(QSettings::IniFormat);
        QSettings::setPath(QSettings::IniFormat, QSettings::UserScope,
                           m_tmp.filePath(QStringLiteral("settings")));
        QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope,
                           m_tmp.filePath(QStringLiteral("settings")));
        installTranslators(QStringLiteral("en"));

        m_trainer = labtest::builtProgram(QStringLiteral("lab-train"));
        QVERIFY2(!m_trainer.isEmpty(), "lab-train is not built");
        AppOptions options;
        options.profile = QStringLiteral("local");
        options.trackingUri = m_tmp.filePath(QStringLiteral("mlruns"));
        options.trainerProgram = m_trainer;
        auto ctx = AppContext::create(options);
        QVERIFY2(ctx.ok(), ctx.ok() ? "" : qPrintable(ctx.error().toString()));
        m_context = std::move(ctx.value());
        m_context->tracking()->setPollInterval(200);
        QVERIFY(m_context->recover().ok());
        openWindow();
    }

    void cleanupTestCase()
    {
        m_window.reset();
        m_context.reset();
    }

    void opensOnTheLocalProfileWithTheTemporaryStore()
    {
        QCOMPARE(m_window->profileCombo()->currentData().toString(), QStringLiteral("local"));
        QVERIFY(m_window->storeText().contains(m_tmp.filePath(QStringLiteral("mlruns"))));
        // A fresh store holds MLflow's Default experiment, selected, with no runs.
        QTRY_COMPARE(m_window->experimentsModel()->rowCount(), 1);
        QTRY_COMPARE(m_window->selectedExperimentIds(), QStringList{QStringLiteral("0")});
        QCOMPARE(m_window->runsModel()->rowCount(), 0);
        QVERIFY(m_window->jobsText().contains(QStringLiteral("0 running")));
        QVERIFY(!m_window->cancelAction()->isEnabled());
        QVERIFY(!m_window->compareAction()->isEnabled());
    }

    void aLaunchedRunAppearsInTheTableAndItsCurveInTheChart()
    {
        launchTrainer(QStringLiteral("first"), QStringLiteral("0.01"));
        // The new experiment is selected and the run appears and is selected.
        QTRY_COMPARE(m_window->experimentsModel()->rowCount(), 2);
        QTRY_VERIFY(!(m_first = runIdByName(m_window->runsModel(), QStringLiteral("first"))).isEmpty());
        QTRY_COMPARE(m_window->selectedRunIds(), QStringList{m_first});
        QCOMPARE(m_window->experimentsView()->currentIndex().data().toString(), QStringLiteral("spirals"));
        QTRY_VERIFY_WITH_TIMEOUT(statusOf(m_window->runsModel(), m_first) == RunStatus::Finished, 60000);
        MetricChart *chart = m_window->chartPanel()->chart();
        QCOMPARE(chart->runIds(), QStringList{m_first});
        QTRY_COMPARE(chart->metricKey(), QStringLiteral("val_accuracy"));
        QTRY_VERIFY(chart->series(m_first) && chart->series(m_first)->size() == 6);
        QTRY_VERIFY(!chart->drawnPolylines(m_first).isEmpty());
        // The key metric columns of the table are filled.
        const int acc = RunsTableModel::FixedColumnCount; // val_accuracy comes first
        QVERIFY(!m_window->runsModel()->indexOf(m_first, acc).data().toString().isEmpty());
        m_window->showTab(MainWindow::ChartTab);
        QTest::qWait(100);
        saveScreenshot(m_window.get(), QStringLiteral("01-runs-and-chart"));
    }

    void aSecondRunIsComparedWithTheFirst()
    {
        launchTrainer(QStringLiteral("second"), QStringLiteral("0.05"));
        QTRY_VERIFY(!(m_second = runIdByName(m_window->runsModel(), QStringLiteral("second"))).isEmpty());
        QTRY_VERIFY_WITH_TIMEOUT(statusOf(m_window->runsModel(), m_second) == RunStatus::Finished, 60000);
        QVERIFY(m_window->selectRuns({m_first, m_second}));
        // Both curves overlaid in the chart.
        QTRY_COMPARE(m_window->chartPanel()->chart()->runIds().size(), 2);
        QTRY_VERIFY(!m_window->chartPanel()->chart()->drawnPolylines(m_second).isEmpty());
        QVERIFY(m_window->compareAction()->isEnabled());
        m_window->compareAction()->trigger();
        QCOMPARE(m_window->tabs()->currentIndex(), int(MainWindow::CompareTab));
        CompareView *compare = m_window->compareView();
        QCOMPARE(compare->runIds().size(), 2);
        // English plural forms come from the English translation (labconsole_en.ts).
        QCOMPARE(compare->findChild<QLabel *>(QStringLiteral("compareTitle"))->text(),
                 QStringLiteral("Comparing 2 runs"));
        QVERIFY(compare->runIds().contains(m_first) && compare->runIds().contains(m_second));
        // Only the learning rate differs between the two launches.
        QCOMPARE(compare->visibleParams(), QStringList{QStringLiteral("learning_rate")});
        QTRY_VERIFY(!compare->overlayChart()->drawnPolylines(m_second).isEmpty());
        QTRY_VERIFY(compare->metricsTable()->rowCount() >= 4);
        // Min and max arrive once the histories are read.
        QTRY_VERIFY(compare->metricsTable()->findItems(QStringLiteral("…"), Qt::MatchExactly).isEmpty());
        QTest::qWait(200);
        saveScreenshot(m_window.get(), QStringLiteral("04-compare"));
    }

    void detailsShowParamsTagsMetricsAndArtifacts()
    {
        QVERIFY(m_window->selectRuns({m_first}));
        m_window->showTab(MainWindow::DetailsTab);
        RunDetailsView *details = m_window->detailsView();
        QCOMPARE(details->runId(), m_first);
        QStringList params;
        for (int r = 0; r < details->paramsTable()->rowCount(); ++r)
            params << details->paramsTable()->item(r, 0)->text();
        QVERIFY(params.contains(QStringLiteral("learning_rate")));
        QVERIFY(details->metricsTable()->rowCount() >= 2);
        QVERIFY(details->tagsTable()->rowCount() >= 1);
        QTRY_VERIFY(
            !details->artifactsTree()->findItems(QStringLiteral("model"), Qt::MatchExactly).isEmpty());
        QTest::qWait(100);
        saveScreenshot(m_window.get(), QStringLiteral("03-details"));
    }

    void logsFollowALongRunningCommand()
    {
        m_dialogs.onExec = [](QDialog *d) {
            auto *dialog = qobject_cast<LaunchDialog *>(d);
            dialog->setExperiment(QStringLiteral("spirals"));
            dialog->setRunName(QStringLiteral("chatty"));
            dialog->setCommandLine(
                QStringLiteral("/bin/sh -c 'i=1; while [ $i -le 12000 ]; do echo \"epoch line $i of 12000\"; "
                               "i=$((i+1)); done'"));
            dialog->accept();
            return dialog->result() == QDialog::Accepted;
        };
        m_window->launchAction()->trigger();
        QVERIFY(m_dialogs.errors.isEmpty());
        QTRY_VERIFY(!(m_shell = runIdByName(m_window->runsModel(), QStringLiteral("chatty"))).isEmpty());
        QTRY_COMPARE(m_window->selectedRunIds(), QStringList{m_shell});
        m_window->showTab(MainWindow::LogsTab);
        LogView *logs = m_window->logView();
        QCOMPARE(logs->runId(), m_shell);
        QTRY_VERIFY_WITH_TIMEOUT(logs->lineCount() >= 12000, 30000);
        QVERIFY(logs->textEdit()->toPlainText().contains(QStringLiteral("epoch line 12000 of 12000")));
        QVERIFY(logs->follow());
        QTRY_VERIFY_WITH_TIMEOUT(statusOf(m_window->runsModel(), m_shell) == RunStatus::Finished, 30000);
        saveScreenshot(m_window.get(), QStringLiteral("02-logs"));
    }

    void filterUsesMlflowSyntaxAndSaysWhatIsWrong()
    {
        QLineEdit *filter = m_window->filterEdit();
        QTRY_COMPARE(m_window->runsProxy()->rowCount(), 3);
        filter->setText(QStringLiteral("params.learning_rate = '0.05' and attributes.status = 'FINISHED'"));
        QTRY_COMPARE(m_window->runsProxy()->rowCount(), 1);
        QCOMPARE(m_window->runsProxy()->runIdAt(0), m_second);
        QVERIFY(m_window->filterErrorLabel()->isHidden());
        // A half-typed expression: an error in words, and the table keeps its rows.
        filter->setText(QStringLiteral("metrics.val_accuracy >"));
        QTRY_VERIFY(!m_window->filterErrorLabel()->isHidden());
        QVERIFY(!m_window->filterErrorLabel()->text().isEmpty());
        QCOMPARE(m_window->runsProxy()->rowCount(), 1);
        filter->setText(QStringLiteral("metrics.val_accuracy > 0"));
        QTRY_COMPARE(m_window->runsProxy()->rowCount(), 2); // the shell run logs no metric
        filter->clear();
        QTRY_COMPARE(m_window->runsProxy()->rowCount(), 3);
    }

    void exportedRunsOpenAsABundleAndCompareAcrossSources()
    {
        const QString bundle = m_tmp.filePath(QStringLiteral("spirals.labbundle"));
        QVERIFY(m_window->selectRuns({m_first, m_second}));
        QVERIFY(m_window->exportBundleAction()->isEnabled());
        // Export through the save dialog, as a student picks the file name.
        m_dialogs.onExec = [bundle](QDialog *d) {
            auto *dialog = qobject_cast<QFileDialog *>(d);
            if (!dialog || dialog->acceptMode() != QFileDialog::AcceptSave)
                return false;
            dialog->selectFile(bundle);
            static_cast<QDialog *>(dialog)->accept();
            return dialog->result() == QDialog::Accepted;
        };
        QSignalSpy exported(m_window.get(), &MainWindow::bundleExported);
        m_window->exportBundleAction()->trigger();
        QTRY_COMPARE_WITH_TIMEOUT(exported.count(), 1, 30000);
        QCOMPARE(exported[0][0].toString(), bundle);
        QVERIFY(QFileInfo(bundle).size() > 0);
        QVERIFY2(m_window->statusMessage().isEmpty(), qPrintable(m_window->statusMessage()));

        // The second run's log as the store window shows it (its file here), to compare with
        // the bundle's copy below.
        QVERIFY(m_window->selectRuns({m_second}));
        m_window->showTab(MainWindow::LogsTab);
        QCOMPARE(m_window->logView()->storeService(), nullptr);
        QTRY_VERIFY(m_window->logView()->lineCount() > 0);
        const QString storeLog = m_window->logView()->textEdit()->toPlainText();

        // The first run of the store stays in the comparison while the bundle is looked at.
        QVERIFY(m_window->selectRuns({m_first}));
        m_window->keepInCompareAction()->trigger();
        QCOMPARE(m_window->keptCount(), 1);

        QSignalSpy opened(m_window.get(), &MainWindow::bundleOpened);
        m_dialogs.nextOpenFile = bundle;
        m_window->openBundleAction()->trigger();
        QTRY_COMPARE_WITH_TIMEOUT(opened.count(), 1, 30000);
        QCOMPARE(m_window->sourceCount(), 2);
        QCOMPARE(m_window->currentSource(), 1);
        QCOMPARE(m_window->sourceCombo()->currentIndex(), 1);
        QVERIFY(m_window->sourceCombo()->currentText().contains(QStringLiteral("spirals.labbundle")));
        QVERIFY(m_window->storeText().contains(QStringLiteral("spirals.labbundle")));
        // The bundle's experiment and its two runs, read from the file.
        QTRY_COMPARE(m_window->experimentsModel()->names(), QStringList{QStringLiteral("spirals")});
        QTRY_COMPARE(m_window->runsModel()->rowCount(), 2);
        QVERIFY(m_window->runsModel()->rowOf(m_second) >= 0);
        QVERIFY(!m_window->launchAction()->isVisible());

        // The bundle's copy of the second run's log, read from the bundle, not from the file.
        QVERIFY(m_window->selectRuns({m_second}));
        m_window->showTab(MainWindow::LogsTab);
        QCOMPARE(m_window->logView()->storeService(), m_window->sourceService(1));
        QTRY_COMPARE(m_window->logView()->textEdit()->toPlainText(), storeLog);
        QVERIFY2(m_window->logView()->stateText().contains(QStringLiteral("spirals.labbundle")),
                 qPrintable(m_window->logView()->stateText()));

        // The bundle's second run beside the store's first: one comparison over two sources.
        QVERIFY(m_window->selectRuns({m_second}));
        QVERIFY(m_window->compareAction()->isEnabled());
        m_window->compareAction()->trigger();
        CompareView *compare = m_window->compareView();
        QTRY_COMPARE(compare->entries().size(), 2);
        QCOMPARE(compare->entries()[0].run.info.runId, m_first);
        QVERIFY(compare->entries()[0].source.isEmpty());
        QCOMPARE(compare->entries()[1].run.info.runId, m_second);
        QCOMPARE(compare->entries()[1].source, QStringLiteral("spirals.labbundle"));
        QCOMPARE(compare->visibleParams(), QStringList{QStringLiteral("learning_rate")});
        QTRY_VERIFY(!compare->overlayChart()->drawnPolylines(compare->chartKey(0)).isEmpty());
        QTRY_VERIFY(!compare->overlayChart()->drawnPolylines(compare->chartKey(1)).isEmpty());
        QTRY_VERIFY(compare->metricsTable()->findItems(QStringLiteral("…"), Qt::MatchExactly).isEmpty());
        // The bundle's curves in the chart tab too, read from the bundle.
        QTest::qWait(200);
        saveScreenshot(m_window.get(), QStringLiteral("09-compare-store-and-bundle"));
        m_window->showTab(MainWindow::ChartTab);
        QTRY_VERIFY(!m_window->chartPanel()->chart()->drawnPolylines(m_second).isEmpty());

        // Back to the store: its experiments and runs as they were.
        m_window->clearComparison();
        QCOMPARE(m_window->keptCount(), 0);
        m_window->setCurrentSource(0);
        QTRY_COMPARE(m_window->experimentsModel()->rowCount(), 2);
        QTRY_VERIFY(m_window->runsModel()->rowOf(m_first) >= 0);
        QVERIFY(m_window->launchAction()->isVisible());
    }

    void aBundleThatCannotBeReadIsSaidInWords()
    {
        const QString bad = m_tmp.filePath(QStringLiteral("broken.labbundle"));
        QFile f(bad);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("this is not a bundle");
        f.close();
        m_window->openBundle(bad);
        QTRY_VERIFY(m_window->statusMessage().contains(QStringLiteral("broken.labbundle")));
        QCOMPARE(m_window->sourceCount(), 2);
        QCOMPARE(m_window->currentSource(), 0);
    }

    void anOfflineStoreShowsABanner()
    {
        QVERIFY(m_window->offlineBanner()->isHidden());
        Q_EMIT m_context->tracking()->offlineChanged(true,
                                                     QStringLiteral("Could not connect to the server."));
        QVERIFY(m_window->offlineBanner()->isVisible());
        QVERIFY(m_window->offlineBanner()->text().startsWith(
            QStringLiteral("Offline: showing what was last fetched")));
        QVERIFY(
            m_window->offlineBanner()->text().contains(QStringLiteral("Could not connect to the server.")));
        m_window->showTab(MainWindow::ChartTab);
        QTest::qWait(100);
        saveScreenshot(m_window.get(), QStringLiteral("10-offline-banner"));
        Q_EMIT m_context->tracking()->offlineChanged(false, QString());
        QVERIFY(m_window->offlineBanner()->isHidden());
    }

    void connectAsksForAServerAndHandsItToTheApplication()
    {
        QSignalSpy requested(m_window.get(), &MainWindow::connectRequested);
        m_dialogs.onExec = [](QDialog *d) {
            auto *dialog = qobject_cast<ConnectDialog *>(d);
            if (!dialog)
                return false;
            dialog->setUri(QStringLiteral("https://mlflow.example.org/"));
            dialog->setAuth(ConnectDialog::Auth::Token);
            dialog->setToken(QStringLiteral("s3cret-token"));
            dialog->show();
            saveScreenshot(dialog, QStringLiteral("11-connect-dialog"));
            return true;
        };
        m_window->connectAction()->trigger();
        QCOMPARE(requested.count(), 1);
        QCOMPARE(requested[0][0].toString(), QStringLiteral("https://mlflow.example.org"));
        QCOMPARE(requested[0][1].value<StoreOptions>().credentials.token, QStringLiteral("s3cret-token"));
        QVERIFY(requested[0][2].toBool()); // "Remember in keychain" is on by default
        // The secret never shows in the window.
        QVERIFY(!m_window->statusMessage().contains(QStringLiteral("s3cret")));
    }

    void theModelsTabListsTheRegistry()
    {
        QVERIFY(m_window->selectRuns({m_first}));
        QVERIFY(m_window->registerModelAction()->isEnabled());
        QVERIFY(m_window->setAliasAction()->isEnabled());
        m_window->showTab(MainWindow::ModelsTab);
        QCOMPARE(m_window->tabs()->currentWidget(), static_cast<QWidget *>(m_window->modelsView()));
        QTRY_VERIFY(!m_window->modelsView()->isLoading());
        QTest::qWait(100);
        saveScreenshot(m_window.get(), QStringLiteral("12-models"));
    }

    void gpuPanelSaysWhatItSees()
    {
        m_window->showTab(MainWindow::GpusTab);
        GpuPanel *panel = m_window->gpuPanel();
        // No driver or no GPU: a message in words; a GPU: one card each.
        QTRY_VERIFY(!panel->messageText().isEmpty() || panel->cardCount() > 0);
        QTest::qWait(100);
        saveScreenshot(m_window.get(), QStringLiteral("05-gpus"));
    }

    void languageSwitchesToRomanianAtRunTime()
    {
        QVERIFY(m_window->selectRuns({m_first, m_second}));
        m_window->showTab(MainWindow::ChartTab);
        const QString englishTab = m_window->tabs()->tabText(MainWindow::LogsTab);
        m_window->setLanguage(QStringLiteral("ro"));
        QCOMPARE(m_window->language(), QStringLiteral("ro"));
        QTRY_VERIFY(m_window->tabs()->tabText(MainWindow::LogsTab) != englishTab);
        QCOMPARE(m_window->runsModel()->headerData(RunsTableModel::NameColumn, Qt::Horizontal).toString(),
                 QStringLiteral("Nume"));
        QCOMPARE(m_window->launchAction()->text().remove(QLatin1Char('&')), QStringLiteral("Lansează…"));
        QCOMPARE(m_window->profileCombo()->currentText(), QStringLiteral("Laborator local"));
        // Backend messages are translated too: a filter error in the runs box.
        m_window->filterEdit()->setText(QStringLiteral("metrics.val_accuracy >"));
        QTRY_VERIFY(!m_window->filterErrorLabel()->isHidden());
        QVERIFY2(m_window->filterErrorLabel()->text().startsWith(QStringLiteral("Filtru de căutare nevalid")),
                 qPrintable(m_window->filterErrorLabel()->text()));
        m_window->filterEdit()->clear();
        QTRY_VERIFY(m_window->filterErrorLabel()->isHidden());
        QCOMPARE(m_window->runsModel()
                     ->index(m_window->runsModel()->rowOf(m_first), RunsTableModel::StatusColumn)
                     .data()
                     .toString(),
                 QStringLiteral("Încheiată"));
        QTest::qWait(200);
        saveScreenshot(m_window.get(), QStringLiteral("07-romanian"));
        m_window->showTab(MainWindow::CompareTab);
        QTest::qWait(200);
        saveScreenshot(m_window.get(), QStringLiteral("08-romanian-compare"));
        m_window->setLanguage(QStringLiteral("en"));
        QTRY_COMPARE(m_window->tabs()->tabText(MainWindow::LogsTab), englishTab);
    }

    void cancelStopsARunningRun()
    {
        m_dialogs.onExec = [](QDialog *d) {
            auto *dialog = qobject_cast<LaunchDialog *>(d);
            dialog->setExperiment(QStringLiteral("spirals"));
            dialog->setRunName(QStringLiteral("sleepy"));
            dialog->setCommandLine(QStringLiteral("/bin/sleep 60"));
            dialog->accept();
            return true;
        };
        m_window->launchAction()->trigger();
        QString sleepy;
        QTRY_VERIFY(!(sleepy = runIdByName(m_window->runsModel(), QStringLiteral("sleepy"))).isEmpty());
        QTRY_VERIFY(statusOf(m_window->runsModel(), sleepy) == RunStatus::Running);
        QTRY_COMPARE(m_window->selectedRunIds(), QStringList{sleepy});
        QTRY_VERIFY(m_window->cancelAction()->isEnabled());
        m_window->cancelAction()->trigger();
        QCOMPARE(m_dialogs.confirmations, 1);
        QTRY_VERIFY_WITH_TIMEOUT(statusOf(m_window->runsModel(), sleepy) == RunStatus::Killed, 20000);
        QTRY_VERIFY(!m_window->cancelAction()->isEnabled());
    }

    void restartRestoresTheWindowAsItWasLeft()
    {
        m_window->showTab(MainWindow::DetailsTab);
        m_window->chartPanel()->smoothingSlider()->setValue(60);
        m_window->chartPanel()->logYCheck()->setChecked(true);
        m_window->chartPanel()->setMetric(QStringLiteral("val_loss"));
        m_window->filterEdit()->setText(QStringLiteral("attributes.status = 'FINISHED'"));
        const QList<int> sizes =
            m_window->findChild<QSplitter *>(QStringLiteral("horizontalSplitter"))->sizes();
        m_window->findChild<QSplitter *>(QStringLiteral("horizontalSplitter"))
            ->setSizes({300, sizes[0] + sizes[1] - 300});
        m_window->setLanguage(QStringLiteral("ro"));
        QVERIFY(m_window->close());
        m_window.reset();

        installTranslators(QSettings().value(QStringLiteral("language")).toString());
        openWindow();
        QCOMPARE(m_window->tabs()->currentIndex(), int(MainWindow::DetailsTab));
        QCOMPARE(m_window->chartPanel()->smoothingSlider()->value(), 60);
        QVERIFY(m_window->chartPanel()->logYCheck()->isChecked());
        QCOMPARE(m_window->chartPanel()->metric(), QStringLiteral("val_loss"));
        QCOMPARE(m_window->filterEdit()->text(), QStringLiteral("attributes.status = 'FINISHED'"));
        QCOMPARE(m_window->findChild<QSplitter *>(QStringLiteral("horizontalSplitter"))->sizes().constFirst(),
                 300);
        QCOMPARE(m_window->tabs()->tabText(MainWindow::DetailsTab).remove(QLatin1Char('&')),
                 QStringLiteral("Detalii"));
        // The last experiment comes back selected, with its runs.
        QTRY_COMPARE(m_window->experimentsView()->currentIndex().data().toString(),
                     QStringLiteral("spirals"));
        QTRY_VERIFY(m_window->runsModel()->rowOf(m_first) >= 0);
        m_window->setLanguage(QStringLiteral("en"));
    }
};

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
