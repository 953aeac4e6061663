#pragma once

#include "core/types.h"
#include "project/labprofile.h"

#include <QMainWindow>
#include <QPointer>

#include <functional>

class QAction;
class QActionGroup;
class QComboBox;
class QLabel;
class QLineEdit;
class QListView;
class QMenu;
class QSplitter;
class QTabWidget;
class QTableView;
class QTimer;
class QToolBar;

namespace lab {

class ChartPanel;
class CompareView;
class ComputeBackend;
class DialogRunner;
class ExperimentsModel;
class GpuPanel;
class GpuTelemetry;
class LogView;
class MetricFeed;
class RunDetailsView;
class RunsProxyModel;
class RunsTableModel;
class TrackingService;
struct Error;
struct JobStatus;
struct RunPage;

// The student's main window on a lab: experiments on the left, the runs of the selected ones in
// the middle (sortable, filtered with MLflow's search syntax), and below them tabs for the
// selected runs: live chart, logs, details, comparison, GPUs. All reads go through the
// asynchronous TrackingService; the runs table is refreshed by polling, touching only the rows
// that changed. Window layout and view settings are kept in QSettings.
class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    struct Services
    {
        TrackingService *tracking = nullptr;
        ComputeBackend *compute = nullptr;
        GpuTelemetry *telemetry = nullptr;
        DialogRunner *dialogs = nullptr; // nullptr: real dialogs
        QString profile = QStringLiteral("local");
        QList<LabProfile> profiles; // for the selector; empty: just `profile`
        // Installs the translators for a language code ("en", "ro"); the window retranslates
        // itself on the LanguageChange event that follows. Empty: no language menu actions work.
        std::function<void(const QString &language)> setLanguage;
        QString language; // the language in use now
    };

    enum Tab { ChartTab, LogsTab, DetailsTab, CompareTab, GpusTab };

    explicit MainWindow(const Services &services, QWidget *parent = nullptr);
    ~MainWindow() override;

    // For tests and the wiring code.
    RunsTableModel *runsModel() const { return m_runsModel; }
    RunsProxyModel *runsProxy() const { return m_proxy; }
    QTableView *runsView() const { return m_runsView; }
    ExperimentsModel *experimentsModel() const { return m_experimentsModel; }
    QListView *experimentsView() const { return m_experimentsView; }
    ChartPanel *chartPanel() const { return m_chartPanel; }
    LogView *logView() const { return m_logView; }
    RunDetailsView *detailsView() const { return m_details; }
    CompareView *compareView() const { return m_compare; }
    GpuPanel *gpuPanel() const { return m_gpuPanel; }
    QTabWidget *tabs() const { return m_tabs; }
    QLineEdit *filterEdit() const { return m_filter; }
    QLabel *filterErrorLabel() const { return m_filterError; }
    QComboBox *profileCombo() const { return m_profileCombo; }
    QAction *launchAction() const { return m_launchAction; }
    QAction *compareAction() const { return m_compareAction; }
    QAction *cancelAction() const { return m_cancelAction; }
    QAction *refreshAction() const { return m_refreshAction; }
    QString statusMessage() const;
    QString jobsText() const;
    QString storeText() const;

    void showTab(Tab tab);
    QStringList selectedRunIds() const;
    bool selectRuns(const QStringList &runIds);
    QStringList selectedExperimentIds() const;
    bool selectExperiment(const QString &experimentId);
    QString language() const { return m_language; }
    // A profile's title in the current language.
    static QString profileTitle(const LabProfile &profile);

    // How often the runs are polled (ms); tests shorten it.
    void setPollInterval(int ms);
    // Where the log of a run is: the runner's log file for its jobs, else logs/output.log
    // under the run's local artifact folder.
    QString logPathFor(const Run &run) const;

public Q_SLOTS:
    void refresh();
    void launch();
    void compareSelected();
    void cancelSelected();
    void setLanguage(const QString &language);
    // Shows an error in the status bar (red) until the next success; empty clears it.
    void showError(const QString &message);

Q_SIGNALS:
    // After each answer to a runs poll has been applied to the table.
    void runsRefreshed();
    void experimentsRefreshed();

protected:
    void closeEvent(QCloseEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    void buildActions();
    void buildUi();
    void retranslate();
    void restoreSettings();
    void saveSettings();
    void requestRuns(bool reload);
    void onExperiments(quint64 requestId, const QList<lab::Experiment> &experiments);
    void onRuns(quint64 requestId, const lab::RunPage &page);
    void onRequestFailed(quint64 requestId, const lab::Error &error);
    void onJobChanged(const lab::JobStatus &status);
    void onExperimentSelectionChanged();
    void onRunSelectionChanged();
    void updateSelectionViews();
    void updateActions();
    void updateJobCounts();
    void applyFilter();
    void fitRunColumns();
    void updateEmptyText();
    void onProfileActivated(int index);
    void showRunMenu(const QPoint &pos);
    void setStatusError(const QString &message);
    QList<Run> selectedRuns() const;
    QString currentRunId() const;
    QString settingsKey(const QString &key) const;

    Services m_services;
    DialogRunner *m_dialogs = nullptr;
    MetricFeed *m_feed = nullptr;

    QAction *m_launchAction = nullptr;
    QAction *m_compareAction = nullptr;
    QAction *m_cancelAction = nullptr;
    QAction *m_refreshAction = nullptr;
    QAction *m_quitAction = nullptr;
    QAction *m_copyIdAction = nullptr;
    QAction *m_englishAction = nullptr;
    QAction *m_romanianAction = nullptr;
    QAction *m_aboutAction = nullptr;
    QActionGroup *m_languageGroup = nullptr;
    QMenu *m_fileMenu = nullptr;
    QMenu *m_runMenu = nullptr;
    QMenu *m_viewMenu = nullptr;
    QMenu *m_languageMenu = nullptr;
    QMenu *m_helpMenu = nullptr;
    QToolBar *m_toolBar = nullptr;
    QLabel *m_profileLabel = nullptr;
    QComboBox *m_profileCombo = nullptr;

    QSplitter *m_hsplit = nullptr;
    QSplitter *m_vsplit = nullptr;
    QLabel *m_experimentsLabel = nullptr;
    ExperimentsModel *m_experimentsModel = nullptr;
    QListView *m_experimentsView = nullptr;
    QLabel *m_filterLabel = nullptr;
    QLineEdit *m_filter = nullptr;
    QLabel *m_filterError = nullptr;
    QTimer *m_filterTimer = nullptr;
    RunsTableModel *m_runsModel = nullptr;
    RunsProxyModel *m_proxy = nullptr;
    QTableView *m_runsView = nullptr;
    QLabel *m_runsEmpty = nullptr;
    QTabWidget *m_tabs = nullptr;
    ChartPanel *m_chartPanel = nullptr;
    LogView *m_logView = nullptr;
    RunDetailsView *m_details = nullptr;
    CompareView *m_compare = nullptr;
    GpuPanel *m_gpuPanel = nullptr;

    QLabel *m_storeLabel = nullptr;
    QLabel *m_jobsLabel = nullptr;
    QLabel *m_messageLabel = nullptr;

    QTimer *m_pollTimer = nullptr;
    QTimer *m_tickTimer = nullptr;
    QTimer *m_soonTimer = nullptr;
    quint64 m_experimentsRequest = 0;
    quint64 m_runsRequest = 0;
    bool m_runsReload = false;
    QList<Run> m_pageAccumulator;
    QStringList m_requestedExperiments;
    int m_experimentPolls = 0;
    bool m_experimentsLoaded = false;
    QStringList m_wantedExperiments; // restored or launched-into; selected when they appear
    QString m_wantedExperimentName;
    QStringList m_selectAfterRefresh; // run ids to select once they appear (after a launch)
    QString m_storeError;
    QString m_statusMessage;
    QString m_language;
    QString m_profile;
    // What the tabs show now (to skip updates that would change nothing).
    QList<Run> m_shownRuns;
    QString m_shownCurrent;
    bool m_shownCompare = false;
};

} // namespace lab
