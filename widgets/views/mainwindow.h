#pragma once

#include "core/types.h"
#include "project/labprofile.h"
#include "tracking/mlflowconnection.h"
#include "tracking/trackingstorefactory.h"

#include <QMainWindow>
#include <QPointer>

#include <functional>
#include <memory>
#include <vector>

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
class ModelsView;
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
// that changed (the table pages through the store: see RunsTableModel). Opened bundles are
// extra read-only sources, picked in the source selector above the experiments; runs kept in
// the comparison stay there across sources, so the compare tab shows runs of the store and of
// several bundles at once. Window layout and view settings are kept in QSettings.
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

    enum Tab { ChartTab, LogsTab, DetailsTab, CompareTab, GpusTab, ModelsTab };

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
    ModelsView *modelsView() const { return m_models; }
    QAction *registerModelAction() const { return m_registerAction; }
    QAction *setAliasAction() const { return m_setAliasAction; }
    QTabWidget *tabs() const { return m_tabs; }
    QLineEdit *filterEdit() const { return m_filter; }
    QLabel *filterErrorLabel() const { return m_filterError; }
    QComboBox *profileCombo() const { return m_profileCombo; }
    QAction *launchAction() const { return m_launchAction; }
    QAction *compareAction() const { return m_compareAction; }
    QAction *cancelAction() const { return m_cancelAction; }
    QAction *refreshAction() const { return m_refreshAction; }
    QAction *openBundleAction() const { return m_openBundleAction; }
    QAction *exportBundleAction() const { return m_exportBundleAction; }
    QAction *keepInCompareAction() const { return m_keepAction; }
    QAction *connectAction() const { return m_connectAction; }
    QLabel *offlineBanner() const { return m_offlineBanner; }
    QComboBox *sourceCombo() const { return m_sourceCombo; }
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

    // Sources: 0 is the tracking store, then the opened bundles in the order they were opened.
    int sourceCount() const { return int(m_sources.size()); }
    int currentSource() const { return m_currentSource; }
    QString sourceUri(int index) const;
    TrackingService *sourceService(int index) const;
    void setCurrentSource(int index);
    // Runs kept in the comparison (with their source), shown with the selected ones.
    int keptCount() const { return int(m_kept.size()); }

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
    // Reads a *.labbundle on a worker thread and adds it as a source (bundleOpened or an error).
    void openBundle(const QString &filePath);
    // Writes the selected runs of the current source to `filePath` on its worker thread.
    void exportBundle(const QString &filePath);
    // Keeps the selected runs in the comparison; clearComparison() lets them go.
    void keepInComparison();
    void clearComparison();
    // Marks the window offline (a banner over the runs) or back online.
    void setOffline(bool offline, const QString &reason);

Q_SIGNALS:
    // After each answer to a runs poll has been applied to the table.
    void runsRefreshed();
    void experimentsRefreshed();
    void bundleOpened(const QString &filePath);
    void bundleExported(const QString &filePath);
    // The user chose a tracking server in the connect dialog: the application builds a new
    // context for it and gives the window its services (main.cpp recreates the window).
    // `options` carries the credentials and TLS settings typed in; rememberSecret: the user asked
    // to keep the password or token in the system keychain.
    void connectRequested(const QString &uri, const lab::StoreOptions &options, bool rememberSecret);

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
    void onRunsLoaded(bool reset);
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
    void chooseBundle();
    void chooseExportFile();
    void openConnectDialog();
    void registerModel();
    void setAliasForRun();
    void addSource(const QString &title, std::unique_ptr<TrackingService> service);
    void rebuildSourceViews();
    void updateCompare();
    struct Source;

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
    QAction *m_openBundleAction = nullptr;
    QAction *m_exportBundleAction = nullptr;
    QAction *m_keepAction = nullptr;
    QAction *m_clearKeptAction = nullptr;
    QAction *m_connectAction = nullptr;
    QAction *m_registerAction = nullptr;
    QAction *m_setAliasAction = nullptr;
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
    QLabel *m_sourceLabel = nullptr;
    QComboBox *m_sourceCombo = nullptr;
    QLabel *m_offlineBanner = nullptr;
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
    ModelsView *m_models = nullptr;

    QLabel *m_storeLabel = nullptr;
    QLabel *m_jobsLabel = nullptr;
    QLabel *m_messageLabel = nullptr;

    QTimer *m_pollTimer = nullptr;
    QTimer *m_tickTimer = nullptr;
    QTimer *m_soonTimer = nullptr;
    quint64 m_experimentsRequest = 0;
    bool m_runsReload = false;
    QStringList m_selectionBeforeReset;
    // Sources of runs: the tracking store (not owned) and opened bundles (owned), each with the
    // metric feed its charts read.
    std::vector<std::unique_ptr<Source>> m_sources;
    int m_currentSource = 0;
    struct Kept
    {
        int source = 0;
        Run run;
    };
    QList<Kept> m_kept;
    bool m_offline = false;
    QString m_offlineReason;
    int m_exportsRunning = 0;
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
