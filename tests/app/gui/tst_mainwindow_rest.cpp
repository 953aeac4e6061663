// Round trips (issue 3): runs written by the local lab, served by the MLflow test server, look the
// same in the console as they do read straight from the file store; and when the server goes away
// the REST window keeps what it fetched and says it is offline.

#include "charts/metricchart.h"
#include "compute/localrunner.h"
#include "core/appcontext.h"
#include "core/translators.h"
#include "mlflowtestserver.h"
#include "project/labprofiles.h"
#include "testpaths.h"
#include "tracking/mlflowfilestore.h"
#include "tracking/trackingservice.h"
#include "views/chartpanel.h"
#include "views/dialogrunner.h"
#include "views/experimentsmodel.h"
#include "views/logview.h"
#include "views/mainwindow.h"
#include "views/rundetailsview.h"
#include "views/runstablemodel.h"
#include "views/storelogreader.h"

#include <QDateTime>
#include <QDir>
#include <QLabel>
#include <QListView>
#include <QPlainTextEdit>
#include <QSettings>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace lab;

namespace {

const QString kExperiment = QStringLiteral("Speech model simple rnn");
const QString kServerToken = QStringLiteral("round-trip-token");

// Answers no dialog: nothing in this test opens one, and an error must not block.
class SilentDialogs : public DialogRunner
{
public:
    QStringList errors;
    bool exec(QDialog *) override { return false; }
    void showError(QWidget *, const QString &, const QString &text) override { errors << text; }
    bool confirm(QWidget *, const QString &, const QString &) override { return false; }
    QString openFile(QWidget *, const QString &, const QString &, const QString &) override { return {}; }
};

bool copyTree(const QString &from, const QString &to)
{
    QDir src(from);
    if (!QDir().mkpath(to))
        return false;
    for (const QFileInfo &fi : src.entryInfoList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden)) {
        const QString target = QDir(to).filePath(fi.fileName());
        if (fi.isDir() ? !copyTree(fi.filePath(), target) : !QFile::copy(fi.filePath(), target))
            return false;
    }
    return true;
}

// One row of the runs table as a user reads it: header text -> displayed text, for every column.
QMap<QString, QString> rowAsShown(const RunsTableModel *model, int row)
{
    QMap<QString, QString> cells;
    for (int c = 0; c < model->columnCount(); ++c)
        cells.insert(model->headerData(c, Qt::Horizontal).toString(), model->index(row, c).data().toString());
    return cells;
}

QMap<QString, QMap<QString, QString>> tableAsShown(const RunsTableModel *model)
{
    QMap<QString, QMap<QString, QString>> rows;
    for (int r = 0; r < model->rowCount(); ++r)
        rows.insert(model->index(r, RunsTableModel::NameColumn).data().toString(), rowAsShown(model, r));
    return rows;
}

QStringList headers(const RunsTableModel *model)
{
    QStringList h;
    for (int c = 0; c < model->columnCount(); ++c)
        h << model->headerData(c, Qt::Horizontal).toString();
    return h;
}

QMap<QString, QString> tableItems(const QTableWidget *table)
{
    QMap<QString, QString> items;
    for (int r = 0; r < table->rowCount(); ++r)
        items.insert(table->item(r, 0) ? table->item(r, 0)->text() : QString(),
                     table->item(r, 1) ? table->item(r, 1)->text() : QString());
    return items;
}

QString runIdByName(const RunsTableModel *model, const QString &name)
{
    for (const Run &r : model->runs())
        if (RunsTableModel::displayName(r) == name)
            return r.info.runId;
    return {};
}

void saveScreenshot(QWidget *w, const QString &file)
{
    QCoreApplication::processEvents();
    const QString path = QDir(labtest::artefactDir(QStringLiteral("screenshots"))).filePath(file);
    QVERIFY2(w->grab().save(path), qPrintable(path));
}

QMap<QString, QString> sortedParams(const QList<Param> &params)
{
    QMap<QString, QString> m;
    for (const Param &p : params)
        m.insert(p.key, p.value);
    return m;
}

QMap<QString, QString> sortedTags(const QList<Tag> &tags)
{
    QMap<QString, QString> m;
    for (const Tag &t : tags)
        m.insert(t.key, t.value);
    return m;
}

QMap<QString, QString> sortedMetrics(const QList<MetricPoint> &metrics)
{
    QMap<QString, QString> m;
    for (const MetricPoint &p : metrics)
        m.insert(p.key, QStringLiteral("%1@step %2, t %3").arg(p.value, 0, 'g', 17).arg(p.step).arg(p.timestamp));
    return m;
}

QString describe(const QMap<QString, QString> &m)
{
    QStringList parts;
    for (auto it = m.cbegin(); it != m.cend(); ++it)
        parts << it.key() + QLatin1Char('=') + it.value();
    return parts.join(QStringLiteral(", "));
}

} // namespace

class TestMainWindowRest : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_tmp;
    QString m_storeRoot;
    std::unique_ptr<labtest::MlflowTestServer> m_server;
    std::unique_ptr<AppContext> m_fileContext;
    std::unique_ptr<AppContext> m_restContext;
    SilentDialogs m_dialogs;
    std::unique_ptr<MainWindow> m_file;
    std::unique_ptr<MainWindow> m_rest;
    QStringList m_runNames;

    MainWindow::Services services(AppContext *c)
    {
        MainWindow::Services s;
        s.tracking = c->tracking();
        s.compute = c->runner();
        s.telemetry = c->telemetry();
        s.dialogs = &m_dialogs;
        s.profile = c->profile().name;
        s.profiles = LabProfiles::available();
        s.language = QStringLiteral("en");
        s.setLanguage = [](const QString &code) { installTranslators(code); };
        return s;
    }

    std::unique_ptr<MainWindow> openWindow(AppContext *c)
    {
        auto w = std::make_unique<MainWindow>(services(c));
        w->setPollInterval(300);
        w->resize(1400, 900);
        w->show();
        if (!QTest::qWaitForWindowExposed(w.get()))
            return nullptr;
        return w;
    }

    // Two runs as the local lab writes them (params, multi-step metrics, terminal statuses) beside
    // the fixture's run, so the round trip covers every column kind.
    void writeLabRuns()
    {
        MlflowFileStore store(m_storeRoot);
        auto exp = store.getExperimentByName(kExperiment);
        QVERIFY2(exp.ok() && exp.value().has_value(), "fixture experiment missing");
        const QString expId = exp.value()->id;
        const qint64 t0 = QDateTime(QDate(2024, 3, 1), QTime(10, 0), Qt::UTC).toMSecsSinceEpoch();
        struct Spec
        {
            QString name;
            QString lr;
            RunStatus status;
            int steps;
        };
        const QList<Spec> specs = {{QStringLiteral("lab-rnn-a"), QStringLiteral("0.01"), RunStatus::Finished, 25},
                                   {QStringLiteral("lab-rnn-b"), QStringLiteral("0.05"), RunStatus::Failed, 12}};
        for (int i = 0; i < specs.size(); ++i) {
            const Spec &s = specs[i];
            const qint64 start = t0 + i * 3600'000;
            auto run = store.createRun(expId, s.name, start, {{QStringLiteral("mlflow.user"), QStringLiteral("student")}},
                                       QStringLiteral("student"));
            QVERIFY2(run.ok(), run.ok() ? "" : qPrintable(run.error().toString()));
            const QString id = run.value().info.runId;
            QList<MetricPoint> points;
            for (int step = 0; step < s.steps; ++step) {
                points << MetricPoint{QStringLiteral("val_loss"), 1.0 / (step + 1) + i * 0.125, start + step * 1000, step};
                points << MetricPoint{QStringLiteral("val_accuracy"), 0.5 + step * 0.01, start + step * 1000, step};
            }
            const QList<Param> params = {{QStringLiteral("learning_rate"), s.lr},
                                         {QStringLiteral("hidden_size"), QStringLiteral("128")},
                                         {QStringLiteral("optimizer"), i ? QStringLiteral("sgd") : QStringLiteral("adam")}};
            QVERIFY(store.logBatch(id, points, params, {}).ok());
            QVERIFY(store.updateRun(id, s.status, start + s.steps * 1000 + 500).ok());
            m_runNames << s.name;
        }
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_tmp.isValid());
        qputenv("XDG_CONFIG_HOME", QFile::encodeName(m_tmp.filePath(QStringLiteral("config"))));
        qputenv("XDG_DATA_HOME", QFile::encodeName(m_tmp.filePath(QStringLiteral("data"))));
        qputenv("XDG_CACHE_HOME", QFile::encodeName(m_tmp.filePath(QStringLiteral("cache"))));
        // A dead server must be noticed quickly: no retries with back-off.
        qputenv("MLFLOW_HTTP_REQUEST_MAX_RETRIES", "0");
        qputenv("MLFLOW_HTTP_REQUEST_TIMEOUT", "5");
        qunsetenv("MLFLOW_TRACKING_URI");
        qunsetenv("MLFLOW_TRACKING_TOKEN");
        qunsetenv("MLFLOW_TRACKING_USERNAME");
        qunsetenv("MLFLOW_TRACKING_PASSWORD");
        QCoreApplication::setOrganizationName(QStringLiteral("labconsole"));
        QCoreApplication::setApplicationName(QStringLiteral("labconsole-rest"));
        QSettings::setDefaultFormat(QSettings::IniFormat);
        QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, m_tmp.filePath(QStringLiteral("settings")));
        QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, m_tmp.filePath(QStringLiteral("settings")));
        installTranslators(QStringLiteral("en"));

        m_storeRoot = m_tmp.filePath(QStringLiteral("mlruns"));
        QVERIFY(copyTree(labtest::fixture(QStringLiteral("mlruns/Swahili-Speech-To-Text/mlruns")), m_storeRoot));
        writeLabRuns();
        if (QTest::currentTestFailed())
            return;

        labtest::MlflowTestServer::Options serverOptions;
        serverOptions.token = kServerToken;
        m_server = std::make_unique<labtest::MlflowTestServer>(m_storeRoot, serverOptions);
        QVERIFY2(m_server->start(), qPrintable(m_server->errorString()));

        AppOptions fileOptions;
        fileOptions.profile = QStringLiteral("local");
        fileOptions.trackingUri = m_storeRoot;
        fileOptions.telemetry = false;
        auto file = AppContext::create(fileOptions);
        QVERIFY2(file.ok(), file.ok() ? "" : qPrintable(file.error().toString()));
        m_fileContext = std::move(file.value());

        AppOptions restOptions = fileOptions;
        restOptions.trackingUri = m_server->url();
        restOptions.credentials.token = kServerToken;
        restOptions.offlineCache = true;
        auto rest = AppContext::create(restOptions);
        QVERIFY2(rest.ok(), rest.ok() ? "" : qPrintable(rest.error().toString()));
        m_restContext = std::move(rest.value());
        m_fileContext->tracking()->setPollInterval(200);
        m_restContext->tracking()->setPollInterval(200);

        m_file = openWindow(m_fileContext.get());
        QVERIFY(m_file);
        m_rest = openWindow(m_restContext.get());
        QVERIFY(m_rest);
    }

    void cleanupTestCase()
    {
        m_rest.reset();
        m_file.reset();
        m_restContext.reset();
        m_fileContext.reset();
        if (m_server)
            m_server->stop();
    }

    void theServerIsReachedWithTheToken()
    {
        QTRY_VERIFY_WITH_TIMEOUT(!m_server->requests(QStringLiteral("experiments/search")).isEmpty(), 15000);
        for (const auto &r : m_server->requests())
            QCOMPARE(r.authKind, QStringLiteral("bearer"));
        QVERIFY(m_rest->offlineBanner()->isHidden());
    }

    void experimentsListTheSameNames()
    {
        QTRY_COMPARE_WITH_TIMEOUT(m_file->experimentsModel()->rowCount(), 2, 15000);
        QTRY_COMPARE_WITH_TIMEOUT(m_rest->experimentsModel()->rowCount(), 2, 15000);
        QStringList fileNames = m_file->experimentsModel()->names();
        QStringList restNames = m_rest->experimentsModel()->names();
        QVERIFY(fileNames.contains(kExperiment));
        // Same names in the same order, as the list shows them.
        QCOMPARE(restNames, fileNames);
    }

    void runsTableShowsTheSameRuns()
    {
        const int fileRow = m_file->experimentsModel()->rowOfName(kExperiment);
        const int restRow = m_rest->experimentsModel()->rowOfName(kExperiment);
        QVERIFY(fileRow >= 0 && restRow >= 0);
        QVERIFY(m_file->selectExperiment(m_file->experimentsModel()->idAt(fileRow)));
        QVERIFY(m_rest->selectExperiment(m_rest->experimentsModel()->idAt(restRow)));
        QTRY_COMPARE_WITH_TIMEOUT(m_file->runsModel()->rowCount(), 3, 15000);
        QTRY_COMPARE_WITH_TIMEOUT(m_rest->runsModel()->rowCount(), 3, 15000);
        QTRY_VERIFY(!m_rest->runsModel()->isQuerying());

        const auto fileRows = tableAsShown(m_file->runsModel());
        const auto restRows = tableAsShown(m_rest->runsModel());
        QCOMPARE(restRows.keys(), fileRows.keys());
        for (const QString &name : m_runNames)
            QVERIFY2(fileRows.contains(name), qPrintable(name));
        // The same columns (key metrics, then the params that differ between the runs).
        QCOMPARE(headers(m_rest->runsModel()), headers(m_file->runsModel()));
        QVERIFY(headers(m_file->runsModel()).contains(QStringLiteral("val_loss")));
        QVERIFY(headers(m_file->runsModel()).contains(QStringLiteral("learning_rate")));
        // Every cell of every run as the user reads it: name, status, start, duration, user,
        // metric and param values.
        QStringList differences;
        for (auto it = fileRows.cbegin(); it != fileRows.cend(); ++it) {
            const auto &f = it.value();
            const auto &r = restRows.value(it.key());
            for (auto c = f.cbegin(); c != f.cend(); ++c)
                if (r.value(c.key()) != c.value())
                    differences << QStringLiteral("run '%1' column '%2': file store '%3', REST '%4'")
                                       .arg(it.key(), c.key(), c.value(), r.value(c.key()));
        }
        QVERIFY2(differences.isEmpty(), qPrintable(differences.join(QLatin1Char('\n'))));
        // Statuses as the model holds them too.
        for (const QString &name : m_runNames) {
            const Run *f = m_file->runsModel()->run(runIdByName(m_file->runsModel(), name));
            const Run *r = m_rest->runsModel()->run(runIdByName(m_rest->runsModel(), name));
            QVERIFY(f && r);
            QCOMPARE(r->info.status, f->info.status);
            QCOMPARE(r->info.runId, f->info.runId);
        }
        // Everything the table model holds about each run (what the other views are filled from).
        for (const Run &f : m_file->runsModel()->runs()) {
            const Run *r = m_rest->runsModel()->run(f.info.runId);
            QVERIFY(r);
            const QString what = RunsTableModel::displayName(f);
            QCOMPARE(r->info.runName, f.info.runName);
            QCOMPARE(r->info.experimentId, f.info.experimentId);
            QCOMPARE(r->info.userId, f.info.userId);
            QCOMPARE(r->info.startTime, f.info.startTime);
            QCOMPARE(r->info.endTime, f.info.endTime);
            QCOMPARE(int(r->info.lifecycleStage), int(f.info.lifecycleStage));
            QVERIFY2(sortedParams(r->params) == sortedParams(f.params), qPrintable(what));
            QVERIFY2(sortedTags(r->tags) == sortedTags(f.tags),
                     qPrintable(what + QStringLiteral(": file store %1\nREST %2")
                                           .arg(describe(sortedTags(f.tags)), describe(sortedTags(r->tags)))));
            QVERIFY2(sortedMetrics(r->metrics) == sortedMetrics(f.metrics),
                     qPrintable(what + QStringLiteral(": file store %1\nREST %2")
                                           .arg(describe(sortedMetrics(f.metrics)), describe(sortedMetrics(r->metrics)))));
        }
    }

    void chartGetsTheSamePoints()
    {
        for (const QString &name : m_runNames) {
            const QString id = runIdByName(m_file->runsModel(), name);
            QVERIFY(m_file->selectRuns({id}));
            QVERIFY(m_rest->selectRuns({id}));
            m_file->showTab(MainWindow::ChartTab);
            m_rest->showTab(MainWindow::ChartTab);
            m_file->chartPanel()->setMetric(QStringLiteral("val_loss"));
            m_rest->chartPanel()->setMetric(QStringLiteral("val_loss"));
            QTRY_COMPARE(m_file->chartPanel()->chart()->metricKey(), QStringLiteral("val_loss"));
            QTRY_COMPARE(m_rest->chartPanel()->chart()->metricKey(), QStringLiteral("val_loss"));
            const int expected = name == m_runNames[0] ? 25 : 12;
            QTRY_VERIFY_WITH_TIMEOUT(m_file->chartPanel()->chart()->series(id) &&
                                         int(m_file->chartPanel()->chart()->series(id)->size()) == expected,
                                     15000);
            QTRY_VERIFY_WITH_TIMEOUT(m_rest->chartPanel()->chart()->series(id) &&
                                         int(m_rest->chartPanel()->chart()->series(id)->size()) == expected,
                                     15000);
            QCOMPARE(m_rest->chartPanel()->availableMetrics(), m_file->chartPanel()->availableMetrics());
        }
        // The fixture's own run (written by MLflow, not by the lab), with its ten points.
        QString fixtureRun;
        for (const Run &r : m_file->runsModel()->runs())
            if (!m_runNames.contains(RunsTableModel::displayName(r)))
                fixtureRun = r.info.runId;
        QVERIFY(!fixtureRun.isEmpty());
        QVERIFY(m_file->selectRuns({fixtureRun}));
        QVERIFY(m_rest->selectRuns({fixtureRun}));
        QTRY_VERIFY(!m_file->chartPanel()->chart()->metricKey().isEmpty());
        QTRY_COMPARE(m_rest->chartPanel()->chart()->metricKey(), m_file->chartPanel()->chart()->metricKey());
        QTRY_VERIFY_WITH_TIMEOUT(m_file->chartPanel()->chart()->series(fixtureRun) &&
                                     m_file->chartPanel()->chart()->series(fixtureRun)->size() == 10,
                                 15000);
        QTRY_VERIFY_WITH_TIMEOUT(m_rest->chartPanel()->chart()->series(fixtureRun) &&
                                     m_rest->chartPanel()->chart()->series(fixtureRun)->size() == 10,
                                 15000);
    }

    void detailsShowTheSameParams()
    {
        const QString id = runIdByName(m_file->runsModel(), m_runNames[1]);
        QVERIFY(m_file->selectRuns({id}));
        QVERIFY(m_rest->selectRuns({id}));
        m_file->showTab(MainWindow::DetailsTab);
        m_rest->showTab(MainWindow::DetailsTab);
        QCOMPARE(m_file->detailsView()->runId(), id);
        QTRY_COMPARE(m_rest->detailsView()->runId(), id);
        const auto fileParams = tableItems(m_file->detailsView()->paramsTable());
        const auto restParams = tableItems(m_rest->detailsView()->paramsTable());
        QCOMPARE(fileParams.value(QStringLiteral("learning_rate")), QStringLiteral("0.05"));
        QVERIFY2(restParams == fileParams,
                 qPrintable(QStringLiteral("file store: %1\nREST: %2").arg(describe(fileParams), describe(restParams))));
        const auto fileMetrics = tableItems(m_file->detailsView()->metricsTable());
        const auto restMetrics = tableItems(m_rest->detailsView()->metricsTable());
        QVERIFY2(restMetrics == fileMetrics,
                 qPrintable(QStringLiteral("file store: %1\nREST: %2").arg(describe(fileMetrics), describe(restMetrics))));
        const auto fileTags = tableItems(m_file->detailsView()->tagsTable());
        const auto restTags = tableItems(m_rest->detailsView()->tagsTable());
        QVERIFY2(restTags == fileTags,
                 qPrintable(QStringLiteral("file store: %1\nREST: %2").arg(describe(fileTags), describe(restTags))));
        // The summary matches line for line, but for where the artifacts live: the server answers
        // with its artifact proxy (as `mlflow server --serve-artifacts` does), the file store with
        // the experiment's own location.
        const QString fileSummary = m_file->detailsView()->summaryLabel()->text();
        const QString restSummary = m_rest->detailsView()->summaryLabel()->text();
        const qsizetype fileCut = fileSummary.indexOf(QStringLiteral("<br>Artifacts: "));
        const qsizetype restCut = restSummary.indexOf(QStringLiteral("<br>Artifacts: "));
        QVERIFY(fileCut > 0 && restCut > 0);
        QCOMPARE(restSummary.left(restCut), fileSummary.left(fileCut));
        QVERIFY2(restSummary.mid(restCut).contains(QStringLiteral("mlflow-artifacts:/")), qPrintable(restSummary));
        QTest::qWait(200);
        saveScreenshot(m_rest.get(), QStringLiteral("13-rest-runs.png"));
    }

    void logsTabShowsTheLogFromTheServer()
    {
        // The lab wrote a log for its first run (beside its other artifacts); the server hands it
        // out through its artifact proxy, as `mlflow server --serve-artifacts` does.
        MlflowFileStore store(m_storeRoot);
        const QString withLog = runIdByName(m_rest->runsModel(), m_runNames[0]);
        const QString noLog = runIdByName(m_rest->runsModel(), m_runNames[1]);
        QVERIFY(!withLog.isEmpty() && !noLog.isEmpty());
        QByteArray text;
        for (int epoch = 1; epoch <= 25; ++epoch)
            text += QStringLiteral("epoch %1/25  loss %2  val_loss %3\n")
                        .arg(epoch)
                        .arg(1.0 / epoch, 0, 'f', 4)
                        .arg(1.0 / epoch + 0.05, 0, 'f', 4)
                        .toUtf8();
        text += "antrenare încheiată\n";
        QVERIFY(store.writeArtifact(withLog, QStringLiteral("logs/output.log"), text).ok());

        QVERIFY(m_rest->selectRuns({withLog}));
        m_rest->showTab(MainWindow::LogsTab);
        LogView *logs = m_rest->logView();
        QCOMPARE(logs->runId(), withLog);
        QCOMPARE(logs->storeService(), m_restContext->tracking());
        QTRY_COMPARE_WITH_TIMEOUT(logs->textEdit()->toPlainText(), QString::fromUtf8(text), 15000);
        QCOMPARE(logs->stateText(), QStringLiteral("logs/output.log in %1").arg(m_server->url()));
        QVERIFY(!m_server->requests(QStringLiteral("mlflow-artifacts/artifacts/.*/logs/output.log")).isEmpty());
        // The file-store window shows the same text. The fixture's experiment names a Windows
        // artifact location (file:///C:/Users/...), not a folder here, so it too reads the log
        // through its store, which finds it in the run's own folder.
        QVERIFY(m_file->selectRuns({withLog}));
        m_file->showTab(MainWindow::LogsTab);
        QCOMPARE(m_file->logView()->storeService(), m_fileContext->tracking());
        QTRY_COMPARE(m_file->logView()->textEdit()->toPlainText(), QString::fromUtf8(text));
        QTest::qWait(200);
        saveScreenshot(m_rest.get(), QStringLiteral("15-rest-logs.png"));

        // A run without a log says so in words.
        QVERIFY(m_rest->selectRuns({noLog}));
        QTRY_COMPARE(logs->stateText(), QStringLiteral("This run has no log (logs/output.log)."));
        QVERIFY(logs->textEdit()->toPlainText().isEmpty());
    }

    void logsTabFollowsARunningRunOnTheServer()
    {
        // A job running on the cluster: its run is RUNNING on the server and its log grows.
        MlflowFileStore store(m_storeRoot);
        auto exp = store.getExperimentByName(kExperiment);
        QVERIFY(exp.ok() && exp.value().has_value());
        auto run = store.createRun(exp.value()->id, QStringLiteral("lab-rnn-live"),
                                   QDateTime::currentMSecsSinceEpoch(), {});
        QVERIFY(run.ok());
        const QString id = run->info.runId;
        QVERIFY(store.writeArtifact(id, QStringLiteral("logs/output.log"), "epoch 1 started\n").ok());
        QTRY_VERIFY_WITH_TIMEOUT(m_rest->runsModel()->rowOf(id) >= 0, 15000);
        LogView *logs = m_rest->logView();
        logs->storeReader()->setPollIntervals(100, 500);
        QVERIFY(m_rest->selectRuns({id}));
        m_rest->showTab(MainWindow::LogsTab);
        QTRY_COMPARE_WITH_TIMEOUT(logs->textEdit()->toPlainText(), QStringLiteral("epoch 1 started\n"), 15000);
        QVERIFY(logs->storeReader()->isRunning());

        const QString file = store.localArtifactPath(id, QStringLiteral("logs/output.log"));
        QVERIFY(!file.isEmpty());
        {
            QFile f(file);
            QVERIFY(f.open(QIODevice::Append));
            f.write("epoch 1 done\nepoch 2 started\n");
        }
        QTRY_COMPARE_WITH_TIMEOUT(logs->textEdit()->toPlainText(),
                                  QStringLiteral("epoch 1 started\nepoch 1 done\nepoch 2 started\n"), 15000);
        QCOMPARE(logs->lineCount(), 3);

        // The run ends: the window passes the new status on, the last lines are read, and the
        // log is no longer read.
        {
            QFile f(file);
            QVERIFY(f.open(QIODevice::Append));
            f.write("finished\n");
        }
        QVERIFY(store.updateRun(id, RunStatus::Finished, QDateTime::currentMSecsSinceEpoch()).ok());
        QTRY_VERIFY_WITH_TIMEOUT(!logs->storeReader()->isRunning(), 15000);
        QTRY_VERIFY_WITH_TIMEOUT(logs->textEdit()->toPlainText().endsWith(QStringLiteral("finished\n")), 15000);
        QTRY_VERIFY(!logs->storeReader()->isPolling());
    }

    void aStoppedServerShowsTheOfflineBannerAndKeepsTheRuns()
    {
        QVERIFY(m_rest->offlineBanner()->isHidden());
        const int rows = m_rest->runsModel()->rowCount();
        m_server->stop();
        m_rest->refresh();
        QTRY_VERIFY_WITH_TIMEOUT(m_rest->offlineBanner()->isVisible(), 30000);
        QVERIFY2(m_rest->offlineBanner()->text().startsWith(QStringLiteral("Offline since")),
                 qPrintable(m_rest->offlineBanner()->text()));
        QVERIFY(m_rest->offlineBanner()->text().contains(m_server->url()));
        // The cache's sentence stands alone: nothing said twice.
        QCOMPARE(m_rest->offlineBanner()->text().count(QStringLiteral("showing what was last fetched")), 1);
        // What was fetched stays listed.
        QTest::qWait(1000);
        QCOMPARE(m_rest->runsModel()->rowCount(), rows);
        QVERIFY(m_rest->experimentsModel()->names().contains(kExperiment));
        for (const QString &name : m_runNames)
            QVERIFY2(!runIdByName(m_rest->runsModel(), name).isEmpty(), qPrintable(name));
        // The log fetched before is shown from the offline cache, and says so.
        QVERIFY(m_rest->selectRuns({runIdByName(m_rest->runsModel(), m_runNames[0])}));
        m_rest->showTab(MainWindow::LogsTab);
        QTRY_VERIFY_WITH_TIMEOUT(m_rest->logView()->textEdit()->toPlainText().contains(
                                     QStringLiteral("antrenare încheiată")),
                                 15000);
        QTRY_VERIFY2(m_rest->logView()->stateText().endsWith(QStringLiteral("(offline: the copy fetched earlier)")),
                     qPrintable(m_rest->logView()->stateText()));
        m_rest->showTab(MainWindow::ChartTab);
        QTest::qWait(200);
        saveScreenshot(m_rest.get(), QStringLiteral("14-rest-offline.png"));
    }
};

QTEST_MAIN(TestMainWindowRest)
#include "tst_mainwindow_rest.moc"
