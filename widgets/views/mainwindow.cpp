#include "mainwindow.h"

#include "chartpanel.h"
#include "charts/gpupanel.h"
#include "compareview.h"
#include "compute/computebackend.h"
#include "connectdialog.h"
#include "dialogrunner.h"
#include "experimentsmodel.h"
#include "launchdialog.h"
#include "logview.h"
#include "metricfeed.h"
#include "modelsview.h"
#include "project/labprofiles.h"
#include "rundetailsview.h"
#include "runsproxymodel.h"
#include "runstablemodel.h"
#include "telemetry/gputelemetry.h"
#include "tracking/runbundle.h"
#include "tracking/searchfilter.h"
#include "tracking/trackingservice.h"
#include "tracking/trackingstore.h"

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QClipboard>
#include <QCloseEvent>
#include <QComboBox>
#include <QDateTime>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QSettings>
#include <QSplitter>
#include <QStandardItemModel>
#include <QStatusBar>
#include <QStyle>
#include <QTabWidget>
#include <QTableView>
#include <QThreadPool>
#include <QTimer>
#include <QToolBar>
#include <QUrl>
#include <QVBoxLayout>

namespace lab {

namespace {

// Whether a log path from logPathFor() is on this machine: the file, or the run's artifact folder
// it will be written to (logs/output.log two levels down), exists here. A store copied from
// another machine, or a server's file:// artifact root, names folders that do not.
bool isLocalLog(const QString &path)
{
    if (path.isEmpty())
        return false;
    const QFileInfo file(path);
    return file.exists() || file.dir().exists() || QFileInfo(file.dir().absolutePath()).dir().exists();
}

constexpr int DefaultPollMs = 2000;
// Experiments change rarely: list them every this many run polls.
constexpr int ExperimentPollEvery = 5;
// Runs per page of the runs table: one screenful many times over, small enough to arrive quickly.
constexpr int RunsPageSize = 500;

} // namespace

struct MainWindow::Source
{
    QString title;
    QString uri;
    TrackingService *service = nullptr;
    std::unique_ptr<TrackingService> owned; // bundles; the tracking store belongs to the app
    MetricFeed *feed = nullptr;             // child of the window
    QStringList experiments;                // selected when the source was left
};

MainWindow::MainWindow(const Services &services, QWidget *parent)
    : QMainWindow(parent), m_services(services),
      m_dialogs(services.dialogs ? services.dialogs : DialogRunner::defaultRunner()),
      m_language(services.language.isEmpty() ? QStringLiteral("en") : services.language),
      m_profile(services.profile)
{
    setObjectName(QStringLiteral("mainWindow"));
    m_feed = new MetricFeed(services.tracking, this);
    auto main = std::make_unique<Source>();
    main->uri = services.tracking ? services.tracking->uri() : QString();
    main->service = services.tracking;
    main->feed = m_feed;
    m_sources.push_back(std::move(main));
    buildActions();
    buildUi();

    if (TrackingService *t = services.tracking) {
        // Every source numbers its requests from 1: answers are told apart by their sender.
        connect(t, &TrackingService::experimentsListed, this,
                [this, t](quint64 id, const QList<Experiment> &e) {
                    if (t == sourceService(m_currentSource))
                        onExperiments(id, e);
                });
        connect(t, &TrackingService::requestFailed, this, [this, t](quint64 id, const Error &e) {
            if (t == sourceService(m_currentSource))
                onRequestFailed(id, e);
        });
        connect(t, &TrackingService::offlineChanged, this, &MainWindow::setOffline);
    }
    connect(m_runsModel, &RunsTableModel::modelAboutToBeReset, this,
            [this] { m_selectionBeforeReset = selectedRunIds(); });
    connect(m_runsModel, &RunsTableModel::queryLoaded, this, [this] { onRunsLoaded(true); });
    connect(m_runsModel, &RunsTableModel::polled, this, [this] { onRunsLoaded(false); });
    connect(m_runsModel, &RunsTableModel::loadFailed, this, [this](const Error &error) {
        m_runsReload = false;
        // The table keeps what it had: the store may be back at the next poll.
        m_storeError = tr("Cannot read the store: %1").arg(error.toString());
        setStatusError(m_storeError);
    });
    if (ComputeBackend *c = services.compute) {
        connect(c, &ComputeBackend::jobChanged, this, &MainWindow::onJobChanged);
    }

    m_pollTimer = new QTimer(this);
    m_pollTimer->setInterval(DefaultPollMs);
    connect(m_pollTimer, &QTimer::timeout, this, [this] {
        if (++m_experimentPolls >= ExperimentPollEvery) {
            m_experimentPolls = 0;
            if (TrackingService *t = sourceService(m_currentSource); t && m_experimentsRequest == 0)
                m_experimentsRequest = t->listExperiments();
        }
        requestRuns(false);
    });
    // A job that changed state is worth a look at once rather than at the next poll.
    m_soonTimer = new QTimer(this);
    m_soonTimer->setSingleShot(true);
    m_soonTimer->setInterval(300);
    connect(m_soonTimer, &QTimer::timeout, this, [this] { requestRuns(false); });
    m_tickTimer = new QTimer(this);
    m_tickTimer->setInterval(1000);
    connect(m_tickTimer, &QTimer::timeout, this,
            [this] { m_runsModel->tick(QDateTime::currentMSecsSinceEpoch()); });

    retranslate();
    restoreSettings();
    updateActions();
    updateJobCounts();

    m_pollTimer->start();
    m_tickTimer->start();
    refresh();
}

MainWindow::~MainWindow() = default;

QString MainWindow::profileTitle(const LabProfile &profile)
{
    // The embedded profiles' display names are ours ("Local lab") and translated in the
    // lab::LabProfile context; a user's own profile keeps the name they wrote.
    const QString title = profile.title();
    if (!profile.embedded)
        return title;
    return QCoreApplication::translate("lab::LabProfile", title.toUtf8().constData());
}

void MainWindow::buildActions()
{
    m_launchAction = new QAction(this);
    m_launchAction->setObjectName(QStringLiteral("launchAction"));
    m_launchAction->setShortcut(QKeySequence::New);
    m_launchAction->setIcon(QIcon::fromTheme(QStringLiteral("media-playback-start"),
                                             style()->standardIcon(QStyle::SP_MediaPlay)));
    connect(m_launchAction, &QAction::triggered, this, &MainWindow::launch);

    m_compareAction = new QAction(this);
    m_compareAction->setObjectName(QStringLiteral("compareAction"));
    m_compareAction->setIcon(QIcon::fromTheme(QStringLiteral("view-split-left-right"),
                                              style()->standardIcon(QStyle::SP_FileDialogDetailedView)));
    connect(m_compareAction, &QAction::triggered, this, &MainWindow::compareSelected);

    m_cancelAction = new QAction(this);
    m_cancelAction->setObjectName(QStringLiteral("cancelAction"));
    m_cancelAction->setIcon(
        QIcon::fromTheme(QStringLiteral("process-stop"), style()->standardIcon(QStyle::SP_BrowserStop)));
    connect(m_cancelAction, &QAction::triggered, this, &MainWindow::cancelSelected);

    m_refreshAction = new QAction(this);
    m_refreshAction->setObjectName(QStringLiteral("refreshAction"));
    m_refreshAction->setShortcut(QKeySequence::Refresh);
    m_refreshAction->setIcon(
        QIcon::fromTheme(QStringLiteral("view-refresh"), style()->standardIcon(QStyle::SP_BrowserReload)));
    connect(m_refreshAction, &QAction::triggered, this, &MainWindow::refresh);

    m_copyIdAction = new QAction(this);
    connect(m_copyIdAction, &QAction::triggered, this,
            [this] { QApplication::clipboard()->setText(selectedRunIds().join(QLatin1Char('\n'))); });

    m_quitAction = new QAction(this);
    m_quitAction->setShortcut(QKeySequence::Quit);
    m_quitAction->setMenuRole(QAction::QuitRole);
    connect(m_quitAction, &QAction::triggered, this, &QWidget::close);

    m_languageGroup = new QActionGroup(this);
    m_languageGroup->setExclusive(true);
    // Language names are written in their own language, never translated.
    m_englishAction = new QAction(QStringLiteral("English"), m_languageGroup);
    m_englishAction->setData(QStringLiteral("en"));
    m_romanianAction = new QAction(QStringLiteral("Română"), m_languageGroup);
    m_romanianAction->setData(QStringLiteral("ro"));
    for (QAction *a : m_languageGroup->actions()) {
        a->setCheckable(true);
        a->setChecked(a->data().toString() == m_language);
    }
    connect(m_languageGroup, &QActionGroup::triggered, this,
            [this](QAction *a) { setLanguage(a->data().toString()); });

    m_openBundleAction = new QAction(this);
    m_openBundleAction->setObjectName(QStringLiteral("openBundleAction"));
    m_openBundleAction->setShortcut(QKeySequence::Open);
    m_openBundleAction->setIcon(QIcon::fromTheme(QStringLiteral("document-open"),
                                                 style()->standardIcon(QStyle::SP_DialogOpenButton)));
    connect(m_openBundleAction, &QAction::triggered, this, &MainWindow::chooseBundle);

    m_exportBundleAction = new QAction(this);
    m_exportBundleAction->setObjectName(QStringLiteral("exportBundleAction"));
    m_exportBundleAction->setIcon(QIcon::fromTheme(QStringLiteral("document-save-as"),
                                                   style()->standardIcon(QStyle::SP_DialogSaveButton)));
    connect(m_exportBundleAction, &QAction::triggered, this, &MainWindow::chooseExportFile);

    m_keepAction = new QAction(this);
    m_keepAction->setObjectName(QStringLiteral("keepInCompareAction"));
    connect(m_keepAction, &QAction::triggered, this, &MainWindow::keepInComparison);
    m_clearKeptAction = new QAction(this);
    m_clearKeptAction->setObjectName(QStringLiteral("clearComparisonAction"));
    connect(m_clearKeptAction, &QAction::triggered, this, &MainWindow::clearComparison);

    m_connectAction = new QAction(this);
    m_connectAction->setObjectName(QStringLiteral("connectAction"));
    m_connectAction->setIcon(QIcon::fromTheme(QStringLiteral("network-server")));
    connect(m_connectAction, &QAction::triggered, this, &MainWindow::openConnectDialog);

    m_registerAction = new QAction(this);
    m_registerAction->setObjectName(QStringLiteral("registerModelAction"));
    connect(m_registerAction, &QAction::triggered, this, &MainWindow::registerModel);
    m_setAliasAction = new QAction(this);
    m_setAliasAction->setObjectName(QStringLiteral("setAliasAction"));
    connect(m_setAliasAction, &QAction::triggered, this, &MainWindow::setAliasForRun);

    m_aboutAction = new QAction(this);
    m_aboutAction->setMenuRole(QAction::AboutRole);
    connect(m_aboutAction, &QAction::triggered, this, [this] {
        QMessageBox box(
            QMessageBox::Information, tr("About Lab Console"),
            tr("<b>Lab Console</b> %1<br>Launch, watch and compare training runs on the GPU "
               "lab.<br>Runs are kept in an MLflow store: %2")
                .arg(QCoreApplication::applicationVersion(),
                     m_services.tracking ? m_services.tracking->uri().toHtmlEscaped() : QString()),
            QMessageBox::Ok, this);
        m_dialogs->exec(&box);
    });
}

void MainWindow::buildUi()
{
    m_fileMenu = menuBar()->addMenu(QString());
    m_fileMenu->addAction(m_launchAction);
    m_fileMenu->addSeparator();
    m_fileMenu->addAction(m_connectAction);
    m_fileMenu->addSeparator();
    m_fileMenu->addAction(m_openBundleAction);
    m_fileMenu->addAction(m_exportBundleAction);
    m_fileMenu->addSeparator();
    m_fileMenu->addAction(m_quitAction);
    m_runMenu = menuBar()->addMenu(QString());
    m_runMenu->addAction(m_compareAction);
    m_runMenu->addAction(m_keepAction);
    m_runMenu->addAction(m_clearKeptAction);
    m_runMenu->addAction(m_cancelAction);
    m_runMenu->addAction(m_copyIdAction);
    m_runMenu->addSeparator();
    m_runMenu->addAction(m_registerAction);
    m_runMenu->addAction(m_setAliasAction);
    m_runMenu->addSeparator();
    m_runMenu->addAction(m_refreshAction);
    m_viewMenu = menuBar()->addMenu(QString());
    m_languageMenu = m_viewMenu->addMenu(QString());
    m_languageMenu->addActions(m_languageGroup->actions());
    m_helpMenu = menuBar()->addMenu(QString());
    m_helpMenu->addAction(m_aboutAction);

    m_toolBar = addToolBar(QString());
    m_toolBar->setObjectName(QStringLiteral("mainToolBar"));
    m_toolBar->setMovable(false);
    m_toolBar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_profileLabel = new QLabel(this);
    m_profileLabel->setContentsMargins(4, 0, 4, 0);
    m_profileCombo = new QComboBox(this);
    m_profileCombo->setObjectName(QStringLiteral("profileCombo"));
    m_profileCombo->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_profileLabel->setBuddy(m_profileCombo);
    QList<LabProfile> profiles = m_services.profiles;
    if (profiles.isEmpty()) {
        LabProfile p;
        p.name = m_profile;
        profiles << p;
    }
    for (const LabProfile &p : std::as_const(profiles)) {
        m_profileCombo->addItem(profileTitle(p), p.name);
        const int i = m_profileCombo->count() - 1;
        if (!p.isValid()) {
            m_profileCombo->setItemData(i, p.error, Qt::ToolTipRole);
            if (auto *model = qobject_cast<QStandardItemModel *>(m_profileCombo->model()))
                model->item(i)->setEnabled(false);
        } else if (!p.description.isEmpty()) {
            m_profileCombo->setItemData(i, p.description, Qt::ToolTipRole);
        }
    }
    m_profileCombo->setCurrentIndex(std::max(0, m_profileCombo->findData(m_profile)));
    connect(m_profileCombo, &QComboBox::activated, this, &MainWindow::onProfileActivated);
    m_toolBar->addWidget(m_profileLabel);
    m_toolBar->addWidget(m_profileCombo);
    m_toolBar->addSeparator();
    m_toolBar->addAction(m_launchAction);
    m_toolBar->addAction(m_compareAction);
    m_toolBar->addAction(m_cancelAction);
    m_toolBar->addAction(m_refreshAction);

    // Left: experiments.
    auto *left = new QWidget(this);
    m_sourceLabel = new QLabel(left);
    m_sourceCombo = new QComboBox(left);
    m_sourceCombo->setObjectName(QStringLiteral("sourceCombo"));
    m_sourceLabel->setBuddy(m_sourceCombo);
    m_sourceCombo->addItem(QString());
    connect(m_sourceCombo, &QComboBox::activated, this, &MainWindow::setCurrentSource);
    m_experimentsLabel = new QLabel(left);
    m_experimentsModel = new ExperimentsModel(this);
    m_experimentsView = new QListView(left);
    m_experimentsView->setObjectName(QStringLiteral("experimentsView"));
    m_experimentsView->setModel(m_experimentsModel);
    m_experimentsView->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_experimentsView->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_experimentsLabel->setBuddy(m_experimentsView);
    auto *leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(6, 6, 0, 0);
    leftLayout->addWidget(m_sourceLabel);
    leftLayout->addWidget(m_sourceCombo);
    leftLayout->addWidget(m_experimentsLabel);
    leftLayout->addWidget(m_experimentsView, 1);
    connect(m_experimentsView->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &MainWindow::onExperimentSelectionChanged);

    // Centre: filter and runs.
    auto *runsBox = new QWidget(this);
    m_filterLabel = new QLabel(runsBox);
    m_filter = new QLineEdit(runsBox);
    m_filter->setObjectName(QStringLiteral("filterEdit"));
    m_filter->setClearButtonEnabled(true);
    m_filterLabel->setBuddy(m_filter);
    m_filterError = new QLabel(runsBox);
    m_filterError->setObjectName(QStringLiteral("filterError"));
    m_filterError->setStyleSheet(QStringLiteral("color: #c62828;"));
    m_filterError->setWordWrap(true);
    m_filterError->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_filterError->hide();
    m_filterTimer = new QTimer(this);
    m_filterTimer->setSingleShot(true);
    m_filterTimer->setInterval(300);
    connect(m_filterTimer, &QTimer::timeout, this, &MainWindow::applyFilter);
    connect(m_filter, &QLineEdit::textChanged, m_filterTimer, qOverload<>(&QTimer::start));
    connect(m_filter, &QLineEdit::returnPressed, this, &MainWindow::applyFilter);

    m_runsModel = new RunsTableModel(this);
    m_runsModel->setPageSize(RunsPageSize);
    m_runsModel->setService(m_services.tracking);
    m_proxy = new RunsProxyModel(this);
    m_proxy->setRunsModel(m_runsModel);
    m_runsView = new QTableView(runsBox);
    m_runsView->setObjectName(QStringLiteral("runsView"));
    m_runsView->setModel(m_proxy);
    m_runsView->setSortingEnabled(true);
    m_runsView->sortByColumn(RunsTableModel::StartColumn, Qt::DescendingOrder);
    m_runsView->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_runsView->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_runsView->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_runsView->setAlternatingRowColors(true);
    m_runsView->setWordWrap(false);
    m_runsView->verticalHeader()->hide();
    m_runsView->verticalHeader()->setDefaultSectionSize(m_runsView->fontMetrics().height() + 8);
    m_runsView->horizontalHeader()->setStretchLastSection(true);
    m_runsView->horizontalHeader()->setHighlightSections(false);
    m_runsView->horizontalHeader()->setDefaultSectionSize(110);
    m_runsView->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(m_runsView, &QWidget::customContextMenuRequested, this, &MainWindow::showRunMenu);
    connect(m_runsView->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &MainWindow::onRunSelectionChanged);
    // A run that brings new parameter columns (or the first runs) gets them fitted too.
    connect(m_runsModel, &QAbstractItemModel::columnsInserted, this,
            [this] { QTimer::singleShot(0, this, &MainWindow::fitRunColumns); });
    connect(m_runsModel, &QAbstractItemModel::rowsInserted, this, [this](const QModelIndex &, int first) {
        if (first == 0)
            QTimer::singleShot(0, this, &MainWindow::fitRunColumns);
    });
    connect(m_runsView->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &MainWindow::onRunSelectionChanged);
    m_runsEmpty = new QLabel(runsBox);
    m_runsEmpty->setObjectName(QStringLiteral("runsEmptyLabel"));
    m_runsEmpty->setAlignment(Qt::AlignCenter);
    m_runsEmpty->setWordWrap(true);
    m_runsEmpty->setStyleSheet(QStringLiteral("color: palette(mid);"));
    m_runsEmpty->hide();

    m_offlineBanner = new QLabel(runsBox);
    m_offlineBanner->setObjectName(QStringLiteral("offlineBanner"));
    m_offlineBanner->setWordWrap(true);
    m_offlineBanner->setContentsMargins(8, 4, 8, 4);
    m_offlineBanner->setStyleSheet(QStringLiteral(
        "background: #fff4d6; color: #6b4e00; border: 1px solid #e0c060; border-radius: 3px;"));
    m_offlineBanner->hide();

    auto *filterRow = new QHBoxLayout;
    filterRow->addWidget(m_filterLabel);
    filterRow->addWidget(m_filter, 1);
    auto *runsLayout = new QVBoxLayout(runsBox);
    runsLayout->setContentsMargins(0, 6, 6, 0);
    runsLayout->addWidget(m_offlineBanner);
    runsLayout->addLayout(filterRow);
    runsLayout->addWidget(m_filterError);
    runsLayout->addWidget(m_runsView, 1);
    runsLayout->addWidget(m_runsEmpty);

    // Tabs for the selected runs.
    m_tabs = new QTabWidget(this);
    m_tabs->setObjectName(QStringLiteral("runTabs"));
    m_tabs->setDocumentMode(true);
    m_chartPanel = new ChartPanel(m_feed, m_tabs);
    m_logView = new LogView(m_tabs);
    m_details = new RunDetailsView(m_services.tracking, m_tabs);
    m_details->setObjectName(QStringLiteral("runDetails"));
    m_compare = new CompareView(m_feed, m_tabs);
    m_gpuPanel = new GpuPanel(m_services.telemetry, m_tabs);
    m_gpuPanel->setObjectName(QStringLiteral("gpuPanel"));
    m_tabs->addTab(m_chartPanel, QString());
    m_tabs->addTab(m_logView, QString());
    m_tabs->addTab(m_details, QString());
    m_tabs->addTab(m_compare, QString());
    m_tabs->addTab(m_gpuPanel, QString());
    m_models = new ModelsView(m_services.tracking, m_dialogs, m_tabs);
    m_models->setObjectName(QStringLiteral("modelsView"));
    m_tabs->addTab(m_models, QString());
    connect(m_tabs, &QTabWidget::currentChanged, this, [this] { updateSelectionViews(); });
    connect(m_gpuPanel, &GpuPanel::runActivated, this, [this](const QString &runId) {
        if (selectRuns({runId}))
            showTab(ChartTab);
    });

    m_vsplit = new QSplitter(Qt::Vertical, this);
    m_vsplit->setObjectName(QStringLiteral("verticalSplitter"));
    m_vsplit->addWidget(runsBox);
    m_vsplit->addWidget(m_tabs);
    m_vsplit->setStretchFactor(0, 2);
    m_vsplit->setStretchFactor(1, 3);
    m_vsplit->setChildrenCollapsible(false);
    m_hsplit = new QSplitter(Qt::Horizontal, this);
    m_hsplit->setObjectName(QStringLiteral("horizontalSplitter"));
    m_hsplit->addWidget(left);
    m_hsplit->addWidget(m_vsplit);
    m_hsplit->setStretchFactor(0, 0);
    m_hsplit->setStretchFactor(1, 1);
    m_hsplit->setSizes({220, 1200});
    m_vsplit->setSizes({330, 500});
    setCentralWidget(m_hsplit);

    m_storeLabel = new QLabel(this);
    m_storeLabel->setObjectName(QStringLiteral("storeLabel"));
    m_storeLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_jobsLabel = new QLabel(this);
    m_jobsLabel->setObjectName(QStringLiteral("jobsLabel"));
    m_messageLabel = new QLabel(this);
    m_messageLabel->setObjectName(QStringLiteral("messageLabel"));
    statusBar()->addWidget(m_messageLabel, 1);
    statusBar()->addPermanentWidget(m_jobsLabel);
    statusBar()->addPermanentWidget(m_storeLabel);

    resize(1440, 900);
}

void MainWindow::retranslate()
{
    setWindowTitle(tr("Lab Console — %1").arg(m_profileCombo->currentText()));
    m_fileMenu->setTitle(tr("&File"));
    m_runMenu->setTitle(tr("&Run"));
    m_viewMenu->setTitle(tr("&View"));
    m_languageMenu->setTitle(tr("&Language"));
    m_helpMenu->setTitle(tr("&Help"));
    m_toolBar->setWindowTitle(tr("Main toolbar"));
    m_launchAction->setText(tr("&Launch…"));
    m_launchAction->setToolTip(tr("Launch a training run or a sweep on this lab (%1)")
                                   .arg(m_launchAction->shortcut().toString(QKeySequence::NativeText)));
    m_compareAction->setText(tr("&Compare"));
    m_compareAction->setToolTip(tr("Compare the selected runs side by side"));
    m_cancelAction->setText(tr("C&ancel run"));
    m_cancelAction->setToolTip(tr("Stop the selected running or queued runs"));
    m_refreshAction->setText(tr("&Refresh"));
    m_refreshAction->setToolTip(tr("Read the experiments and runs again"));
    m_copyIdAction->setText(tr("Copy run &ID"));
    m_openBundleAction->setText(tr("&Open bundle…"));
    m_openBundleAction->setToolTip(
        tr("Open runs exported to a bundle file (*.labbundle) as an extra source"));
    m_exportBundleAction->setText(tr("&Export bundle…"));
    m_exportBundleAction->setToolTip(
        tr("Write the selected runs (parameters, tags, metric histories, logs, model) to one file"));
    m_keepAction->setText(tr("&Keep in comparison"));
    m_keepAction->setToolTip(
        tr("Keep the selected runs in the Compare tab while you pick runs of another experiment or source"));
    m_clearKeptAction->setText(tr("C&lear comparison"));
    m_connectAction->setText(tr("Connect to &tracking server…"));
    m_connectAction->setToolTip(tr("Open the runs of an MLflow tracking server"));
    m_sourceLabel->setText(tr("&Source:"));
    m_sourceCombo->setItemText(0, tr("Tracking store"));
    m_sourceCombo->setItemData(0, m_sources[0]->uri, Qt::ToolTipRole);
    m_quitAction->setText(tr("&Quit"));
    m_aboutAction->setText(tr("&About Lab Console"));
    m_profileLabel->setText(tr("&Profile:"));
    m_profileCombo->setToolTip(tr("The lab this console works on"));
    m_experimentsLabel->setText(tr("&Experiments"));
    m_filterLabel->setText(tr("&Filter:"));
    m_filter->setPlaceholderText(tr("metrics.val_accuracy > 0.9 and params.learning_rate = '0.01' and "
                                    "attributes.status = 'FINISHED'"));
    m_filter->setToolTip(tr("MLflow search syntax: comparisons of metrics., params., tags. and attributes. "
                            "joined by AND"));
    m_tabs->setTabText(ChartTab, tr("C&hart"));
    m_tabs->setTabText(LogsTab, tr("L&ogs"));
    m_tabs->setTabText(DetailsTab, tr("&Details"));
    m_tabs->setTabText(CompareTab, tr("Co&mpare"));
    m_tabs->setTabText(GpusTab, tr("&GPUs"));
    m_tabs->setTabText(ModelsTab, tr("Mode&ls"));
    m_registerAction->setText(tr("Register &model…"));
    m_registerAction->setToolTip(tr("Register the model logged by the selected run in the model registry"));
    m_setAliasAction->setText(tr("Set &alias…"));
    m_setAliasAction->setToolTip(tr("Point an alias (e.g. champion) at the registered version of this run"));
    m_runsModel->retranslate();
    const QString uri = sourceUri(m_currentSource);
    m_storeLabel->setText(tr("Store: %1").arg(uri));
    for (int i = 1; i < int(m_sources.size()); ++i)
        m_sourceCombo->setItemText(i, tr("Bundle: %1").arg(m_sources[i]->title));
    if (m_offline)
        setOffline(true, m_offlineReason);
    m_storeLabel->setToolTip(uri);
    updateJobCounts();
    updateActions();
    applyFilter();
    updateEmptyText();
}

void MainWindow::updateEmptyText()
{
    m_runsEmpty->setText(m_experimentsModel->rowCount() == 0
                             ? tr("No experiments yet. Launch a run to start one.")
                             : tr("No runs in this experiment yet. Click Launch to start one."));
}

QString MainWindow::settingsKey(const QString &key) const
{
    return QStringLiteral("profiles/") + m_profile + QLatin1Char('/') + key;
}

void MainWindow::restoreSettings()
{
    QSettings s;
    restoreGeometry(s.value(QStringLiteral("mainwindow/geometry")).toByteArray());
    restoreState(s.value(QStringLiteral("mainwindow/state")).toByteArray());
    if (s.contains(QStringLiteral("mainwindow/hsplit")))
        m_hsplit->restoreState(s.value(QStringLiteral("mainwindow/hsplit")).toByteArray());
    if (s.contains(QStringLiteral("mainwindow/vsplit")))
        m_vsplit->restoreState(s.value(QStringLiteral("mainwindow/vsplit")).toByteArray());
    if (s.contains(QStringLiteral("compare/splitter")))
        m_compare->splitter()->restoreState(s.value(QStringLiteral("compare/splitter")).toByteArray());
    m_tabs->setCurrentIndex(s.value(QStringLiteral("mainwindow/tab"), int(ChartTab)).toInt());
    m_chartPanel->restoreSettings(s);
    m_compare->setDifferencesOnly(s.value(QStringLiteral("compare/differencesOnly"), true).toBool());
    m_filter->setText(s.value(settingsKey(QStringLiteral("filter"))).toString());
    applyFilter();
    const QString sortKey = s.value(QStringLiteral("runs/sortKey")).toString();
    const auto order =
        Qt::SortOrder(s.value(QStringLiteral("runs/sortOrder"), int(Qt::DescendingOrder)).toInt());
    for (int c = 0; c < m_runsModel->columnCount(); ++c) {
        if (m_runsModel->headerData(c, Qt::Horizontal, RunsTableModel::ColumnKeyRole).toString() == sortKey)
            m_runsView->sortByColumn(c, order);
    }
    m_wantedExperiments = s.value(settingsKey(QStringLiteral("experiments"))).toStringList();
}

void MainWindow::saveSettings()
{
    QSettings s;
    s.setValue(QStringLiteral("mainwindow/geometry"), saveGeometry());
    s.setValue(QStringLiteral("mainwindow/state"), saveState());
    s.setValue(QStringLiteral("mainwindow/hsplit"), m_hsplit->saveState());
    s.setValue(QStringLiteral("mainwindow/vsplit"), m_vsplit->saveState());
    s.setValue(QStringLiteral("compare/splitter"), m_compare->splitter()->saveState());
    s.setValue(QStringLiteral("mainwindow/tab"), m_tabs->currentIndex());
    m_chartPanel->saveSettings(s);
    s.setValue(QStringLiteral("compare/differencesOnly"), m_compare->differencesOnly());
    s.setValue(settingsKey(QStringLiteral("filter")), m_filter->text());
    const int sortColumn = m_runsView->horizontalHeader()->sortIndicatorSection();
    s.setValue(QStringLiteral("runs/sortKey"),
               m_runsModel->headerData(sortColumn, Qt::Horizontal, RunsTableModel::ColumnKeyRole).toString());
    s.setValue(QStringLiteral("runs/sortOrder"), int(m_runsView->horizontalHeader()->sortIndicatorOrder()));
    const QStringList experiments = selectedExperimentIds();
    if (!experiments.isEmpty())
        s.setValue(settingsKey(QStringLiteral("experiments")), experiments);
    s.setValue(QStringLiteral("profile"), m_profile);
    s.setValue(QStringLiteral("language"), m_language);
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    saveSettings();
    QMainWindow::closeEvent(event);
}

void MainWindow::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange) {
        // Profile titles are translated when the profiles are read: read them again.
        if (!m_services.profiles.isEmpty()) {
            for (const LabProfile &p : LabProfiles::available()) {
                const int i = m_profileCombo->findData(p.name);
                if (i >= 0)
                    m_profileCombo->setItemText(i, profileTitle(p));
            }
        }
        // A message in the old language would look stale; errors stay (they are facts).
        if (m_statusMessage.isEmpty())
            m_messageLabel->clear();
        retranslate();
        // Translated words have other widths (the status column).
        fitRunColumns();
    }
    QMainWindow::changeEvent(event);
}

void MainWindow::setLanguage(const QString &language)
{
    m_language = language;
    for (QAction *a : m_languageGroup->actions())
        a->setChecked(a->data().toString() == language);
    if (m_services.setLanguage)
        m_services.setLanguage(language); // LanguageChange reaches every widget and retranslates it
    QSettings().setValue(QStringLiteral("language"), language);
}

void MainWindow::setPollInterval(int ms)
{
    m_pollTimer->setInterval(ms);
}

void MainWindow::refresh()
{
    TrackingService *t = sourceService(m_currentSource);
    if (!t)
        return;
    m_experimentsRequest = t->listExperiments();
    requestRuns(false);
}

void MainWindow::requestRuns(bool reload)
{
    if (!m_runsModel->service() || !m_experimentsLoaded)
        return;
    const QStringList experiments = selectedExperimentIds();
    if (reload || experiments != m_runsModel->experimentIds()) {
        m_runsReload = true;
        m_runsModel->setQuery(experiments, m_runsModel->filter(), m_runsModel->orderBy());
        return;
    }
    m_runsModel->poll();
}

void MainWindow::onExperiments(quint64 requestId, const QList<Experiment> &experiments)
{
    if (requestId != m_experimentsRequest)
        return;
    m_experimentsRequest = 0;
    const QStringList before = selectedExperimentIds();
    m_experimentsModel->setExperiments(experiments);
    const bool first = !m_experimentsLoaded;
    m_experimentsLoaded = true;

    // Select what was wanted (restored settings, or where a run was just launched) once it exists.
    QStringList want = m_wantedExperiments;
    if (!m_wantedExperimentName.isEmpty()) {
        const int row = m_experimentsModel->rowOfName(m_wantedExperimentName);
        if (row >= 0) {
            want = {m_experimentsModel->idAt(row)};
            m_wantedExperimentName.clear();
        }
    }
    if (want.isEmpty())
        want = before;
    bool anyWanted = false;
    for (const QString &id : std::as_const(want))
        anyWanted = anyWanted || m_experimentsModel->rowOf(id) >= 0;
    if (!anyWanted && !experiments.isEmpty()) {
        // MLflow's "Default" experiment (id 0) holds nothing in a fresh store: prefer the most
        // recently created experiment otherwise.
        int best = 0;
        for (int i = 1; i < experiments.size(); ++i)
            if (experiments[i].creationTime > experiments[best].creationTime)
                best = i;
        want = {experiments[best].id};
    }
    QItemSelection selection;
    for (const QString &id : std::as_const(want)) {
        const int row = m_experimentsModel->rowOf(id);
        if (row >= 0)
            selection.select(m_experimentsModel->index(row), m_experimentsModel->index(row));
    }
    m_wantedExperiments.clear();
    if (selection.isEmpty()) {
        if (first)
            requestRuns(true);
    } else if (selectedExperimentIds() != want || first) {
        QSignalBlocker block(m_experimentsView->selectionModel());
        m_experimentsView->selectionModel()->select(selection, QItemSelectionModel::ClearAndSelect);
        m_experimentsView->selectionModel()->setCurrentIndex(selection.indexes().constFirst(),
                                                             QItemSelectionModel::NoUpdate);
        block.unblock();
        onExperimentSelectionChanged();
    }
    updateEmptyText();
    Q_EMIT experimentsRefreshed();
}

void MainWindow::onExperimentSelectionChanged()
{
    if (selectedExperimentIds() == m_runsModel->experimentIds() && m_runsModel->rowCount() > 0)
        return;
    requestRuns(true);
}

void MainWindow::onRunsLoaded(bool reset)
{
    if (!m_storeError.isEmpty()) {
        m_storeError.clear();
        setStatusError(QString());
    }
    const QStringList selected = reset ? m_selectionBeforeReset : selectedRunIds();
    if (reset) {
        m_runsReload = false;
        fitRunColumns();
    }

    const bool empty = m_runsModel->rowCount() == 0;
    m_runsEmpty->setVisible(empty);
    if (empty)
        updateEmptyText();

    if (!m_selectAfterRefresh.isEmpty()) {
        QStringList present;
        for (const QString &id : std::as_const(m_selectAfterRefresh))
            if (m_runsModel->rowOf(id) >= 0)
                present << id;
        if (!present.isEmpty()) {
            selectRuns(present);
            m_selectAfterRefresh.clear();
        }
    } else if (selectedRunIds().isEmpty() && !selected.isEmpty() && selectRuns(selected)) {
        // after a reload of the same experiments, or a new filter or order
    } else if (selectedRunIds().isEmpty() && m_proxy->rowCount() > 0) {
        selectRuns({m_proxy->runIdAt(0)});
    }
    updateSelectionViews();
    updateActions();
    Q_EMIT runsRefreshed();
}

void MainWindow::fitRunColumns()
{
    // Wide enough for what is shown, but a long tag or param value does not push the rest away.
    QHeaderView *header = m_runsView->horizontalHeader();
    m_runsView->resizeColumnsToContents();
    for (int c = 0; c < header->count(); ++c) {
        int width = std::min(header->sectionSize(c), 280);
        if (c == RunsTableModel::NameColumn)
            width = std::max(width, 160);
        header->resizeSection(c, width);
    }
}

void MainWindow::onRequestFailed(quint64 requestId, const Error &error)
{
    if (requestId == m_experimentsRequest) {
        m_experimentsRequest = 0;
    } else {
        return;
    }
    // The table keeps what it had: the store may be back at the next poll.
    m_storeError = tr("Cannot read the store: %1").arg(error.toString());
    setStatusError(m_storeError);
}

void MainWindow::showError(const QString &message)
{
    setStatusError(message);
}

void MainWindow::setStatusError(const QString &message)
{
    m_statusMessage = message;
    m_messageLabel->setText(message);
    m_messageLabel->setStyleSheet(message.isEmpty() ? QString() : QStringLiteral("color: #c62828;"));
    m_messageLabel->setToolTip(message);
}

QString MainWindow::statusMessage() const
{
    return m_statusMessage;
}

QString MainWindow::jobsText() const
{
    return m_jobsLabel->text();
}

QString MainWindow::storeText() const
{
    return m_storeLabel->text();
}

void MainWindow::onJobChanged(const JobStatus &status)
{
    Q_UNUSED(status);
    updateJobCounts();
    if (!m_soonTimer->isActive())
        m_soonTimer->start();
}

void MainWindow::updateJobCounts()
{
    if (!m_services.compute) {
        m_jobsLabel->clear();
        return;
    }
    int running = 0, queued = 0;
    for (const JobStatus &j : m_services.compute->jobs()) {
        if (j.state == JobState::Running || j.state == JobState::Starting)
            ++running;
        else if (j.state == JobState::Queued)
            ++queued;
    }
    m_jobsLabel->setText(tr("Jobs: %1 running, %2 queued").arg(running).arg(queued));
}

QStringList MainWindow::selectedExperimentIds() const
{
    QStringList ids;
    const QModelIndexList rows = m_experimentsView->selectionModel()->selectedRows();
    for (const QModelIndex &i : rows)
        ids << i.data(ExperimentsModel::IdRole).toString();
    std::sort(ids.begin(), ids.end());
    return ids;
}

bool MainWindow::selectExperiment(const QString &experimentId)
{
    const int row = m_experimentsModel->rowOf(experimentId);
    if (row < 0)
        return false;
    m_experimentsView->setCurrentIndex(m_experimentsModel->index(row));
    m_experimentsView->selectionModel()->select(m_experimentsModel->index(row),
                                                QItemSelectionModel::ClearAndSelect);
    return true;
}

QStringList MainWindow::selectedRunIds() const
{
    QList<QPair<int, QString>> rows;
    for (const QModelIndex &i : m_runsView->selectionModel()->selectedRows())
        rows.append({i.row(), i.data(RunsTableModel::RunIdRole).toString()});
    std::sort(rows.begin(), rows.end());
    QStringList ids;
    for (const auto &r : rows)
        ids << r.second;
    return ids;
}

bool MainWindow::selectRuns(const QStringList &runIds)
{
    QItemSelection selection;
    QModelIndex first;
    for (const QString &id : runIds) {
        const QModelIndex i = m_proxy->indexOf(id);
        if (!i.isValid())
            continue;
        if (!first.isValid())
            first = i;
        selection.select(i, i.siblingAtColumn(m_proxy->columnCount() - 1));
    }
    if (selection.isEmpty())
        return false;
    QItemSelectionModel *sm = m_runsView->selectionModel();
    sm->select(selection, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    sm->setCurrentIndex(first, QItemSelectionModel::NoUpdate);
    m_runsView->scrollTo(first);
    updateSelectionViews();
    return true;
}

QList<Run> MainWindow::selectedRuns() const
{
    QList<Run> runs;
    for (const QString &id : selectedRunIds())
        if (const Run *r = m_runsModel->run(id))
            runs << *r;
    return runs;
}

QString MainWindow::currentRunId() const
{
    const QModelIndex current = m_runsView->selectionModel()->currentIndex();
    const QStringList selected = selectedRunIds();
    const QString id = current.data(RunsTableModel::RunIdRole).toString();
    if (!id.isEmpty() && selected.contains(id))
        return id;
    return selected.isEmpty() ? QString() : selected.constFirst();
}

void MainWindow::onRunSelectionChanged()
{
    updateSelectionViews();
    updateActions();
}

QString MainWindow::logPathFor(const Run &run) const
{
    if (m_services.compute) {
        if (const auto job = m_services.compute->job(run.info.runId); job && !job->logPath.isEmpty())
            return job->logPath;
    }
    QString root = run.info.artifactUri;
    if (root.isEmpty())
        return {};
    const QUrl url(root);
    if (url.isLocalFile())
        root = url.toLocalFile();
    else if (!url.scheme().isEmpty() && url.scheme().size() > 1)
        return {}; // not on this machine (s3:, mlflow-artifacts:, http:)
    return QDir(root).filePath(QStringLiteral("logs/output.log"));
}

void MainWindow::updateSelectionViews()
{
    const QList<Run> runs = selectedRuns();
    const QString currentId = currentRunId();
    const bool compareShown = m_tabs->currentIndex() == CompareTab;
    // Polls repeat the same runs most of the time: leave the views (their scroll positions,
    // selections and tables) alone unless something they show changed.
    bool same =
        runs.size() == m_shownRuns.size() && currentId == m_shownCurrent && compareShown == m_shownCompare;
    for (int i = 0; same && i < runs.size(); ++i)
        same = runs[i].info.runId == m_shownRuns[i].info.runId && !runChanged(runs[i], m_shownRuns[i]);
    if (same)
        return;
    m_shownRuns = runs;
    m_shownCurrent = currentId;
    m_shownCompare = compareShown;

    m_chartPanel->setRuns(runs);
    const Run *current = m_runsModel->run(currentId);
    if (current) {
        // A log that is not a file here (a server's run, a bundle's run) is read through the
        // run's own source.
        const QString logPath = m_currentSource == 0 ? logPathFor(*current) : QString();
        TrackingService *source = sourceService(m_currentSource);
        if (source && !isLocalLog(logPath))
            m_logView->setStoreLog(currentId, source, current->info.status);
        else
            m_logView->setLogFile(currentId, logPath);
        m_details->setRun(*current);
    } else {
        m_logView->clear();
        m_details->clear();
    }
    // The comparison reads every metric history of its runs: only while it is shown.
    if (compareShown)
        updateCompare();
    else if (!m_compare->runIds().isEmpty())
        m_compare->setRuns({});
}

void MainWindow::updateActions()
{
    const QList<Run> runs = selectedRuns();
    bool cancellable = false;
    for (const Run &r : runs)
        cancellable = cancellable || !isTerminal(r.info.status);
    m_cancelAction->setEnabled(cancellable && m_services.compute);
    m_compareAction->setEnabled(runs.size() + m_kept.size() >= 2);
    m_keepAction->setEnabled(!runs.isEmpty());
    m_clearKeptAction->setEnabled(!m_kept.isEmpty());
    m_exportBundleAction->setEnabled(!runs.isEmpty() && m_exportsRunning == 0);
    // The registry belongs to the lab's store; bundles are read-only.
    m_registerAction->setEnabled(runs.size() == 1 && m_currentSource == 0);
    m_setAliasAction->setEnabled(runs.size() == 1 && m_currentSource == 0);
    m_launchAction->setEnabled(m_services.compute != nullptr);
    m_copyIdAction->setEnabled(!runs.isEmpty());
}

void MainWindow::applyFilter()
{
    const QString text = m_filter->text().trimmed();
    if (text.isEmpty()) {
        m_proxy->setPredicate({});
        m_filterError->hide();
        m_runsModel->setFilter(QString(), m_experimentsLoaded);
        return;
    }
    auto parsed = SearchFilter::parse(text);
    if (!parsed.ok()) {
        // The table keeps the rows of the last filter that parsed.
        QString message = parsed.error().message;
        if (!parsed.error().detail.isEmpty())
            message += QStringLiteral("\n") + parsed.error().detail;
        m_filterError->setText(message);
        m_filterError->setFont(QFont(QStringLiteral("monospace")));
        m_filterError->show();
        return;
    }
    m_filterError->hide();
    const SearchFilter filter = parsed.value();
    // The server filters what it sends (so a filter finds runs in pages not loaded yet); the
    // proxy applies it again to rows a poll changed since.
    m_proxy->setPredicate([filter](const Run &run) { return filter.matches(run); });
    m_runsModel->setFilter(text, m_experimentsLoaded);
}

void MainWindow::showTab(Tab tab)
{
    m_tabs->setCurrentIndex(int(tab));
}

void MainWindow::launch()
{
    if (!m_services.compute)
        return;
    LaunchDialog::Options options;
    options.experiments = m_experimentsModel->names();
    const QModelIndex current = m_experimentsView->currentIndex();
    options.experiment = current.isValid() ? current.data(ExperimentsModel::NameRole).toString() : QString();
    options.gpuCount = m_services.telemetry ? int(m_services.telemetry->latest().size()) : 0;
    options.dialogs = m_dialogs;
    LaunchDialog dialog(options, this);
    if (!m_dialogs->exec(&dialog))
        return;

    QStringList runIds;
    QString error;
    if (dialog.isSweep()) {
        auto result = m_services.compute->submitSweep(dialog.sweepSpec());
        if (result.ok()) {
            for (const JobStatus &j : result.value())
                runIds << j.runId;
        } else {
            error = result.error().toString();
        }
    } else {
        auto result = m_services.compute->submit(dialog.jobSpec());
        if (result.ok())
            runIds << result->runId;
        else
            error = result.error().toString();
    }
    if (!error.isEmpty()) {
        setStatusError(tr("Launch failed: %1").arg(error));
        m_dialogs->showError(this, tr("Launch failed"), error);
        return;
    }
    setStatusError(QString());
    m_messageLabel->setText(
        tr("Launched %n run(s) in %1", nullptr, int(runIds.size())).arg(dialog.experiment()));
    m_selectAfterRefresh = runIds;
    m_wantedExperimentName = dialog.experiment();
    refresh();
}

void MainWindow::compareSelected()
{
    if (selectedRunIds().size() + m_kept.size() < 2) {
        m_messageLabel->setText(tr("Select two or more runs to compare (Ctrl+click or Shift+click)."));
        return;
    }
    showTab(CompareTab);
}

void MainWindow::cancelSelected()
{
    if (!m_services.compute)
        return;
    QList<Run> toCancel;
    for (const Run &r : selectedRuns())
        if (!isTerminal(r.info.status))
            toCancel << r;
    if (toCancel.isEmpty())
        return;
    QStringList names;
    for (const Run &r : std::as_const(toCancel))
        names << RunsTableModel::displayName(r);
    if (!m_dialogs->confirm(
            this, tr("Cancel runs"),
            tr("Stop %n run(s)? %1", nullptr, int(toCancel.size())).arg(names.join(QStringLiteral(", ")))))
        return;
    QStringList errors;
    for (const Run &r : std::as_const(toCancel)) {
        const Status s = m_services.compute->cancel(r.info.runId);
        if (!s.ok())
            errors << s.error().toString();
    }
    if (!errors.isEmpty())
        setStatusError(tr("Cancel failed: %1").arg(errors.join(QStringLiteral("; "))));
    m_soonTimer->start();
}

void MainWindow::onProfileActivated(int index)
{
    const QString name = m_profileCombo->itemData(index).toString();
    if (name == m_profile)
        return;
    QString kind;
    for (const LabProfile &p : std::as_const(m_services.profiles))
        if (p.name == name && p.kind == ProfileKind::Cluster)
            kind = QStringLiteral("cluster");
    m_profileCombo->setCurrentIndex(m_profileCombo->findData(m_profile));
    if (!kind.isEmpty()) {
        setStatusError(tr("The profile %1 works on a Kubernetes cluster, which this version of Lab Console "
                          "cannot reach yet. Staying on %2.")
                           .arg(name, m_profile));
        return;
    }
    QSettings().setValue(QStringLiteral("profile"), name);
    m_messageLabel->setText(tr("Restart Lab Console to switch to the profile %1.").arg(name));
}

void MainWindow::showRunMenu(const QPoint &pos)
{
    const QModelIndex index = m_runsView->indexAt(pos);
    if (index.isValid() && !m_runsView->selectionModel()->isRowSelected(index.row(), {}))
        selectRuns({index.data(RunsTableModel::RunIdRole).toString()});
    QMenu menu(this);
    menu.addAction(m_cancelAction);
    menu.addAction(m_compareAction);
    menu.addSeparator();
    QAction *logs = menu.addAction(tr("Show &logs"));
    QAction *details = menu.addAction(tr("Show &details"));
    menu.addAction(m_copyIdAction);
    QAction *chosen = menu.exec(m_runsView->viewport()->mapToGlobal(pos));
    if (chosen == logs)
        showTab(LogsTab);
    else if (chosen == details)
        showTab(DetailsTab);
}

} // namespace lab

namespace lab {

QString MainWindow::sourceUri(int index) const
{
    return index >= 0 && index < int(m_sources.size()) ? m_sources[index]->uri : QString();
}

TrackingService *MainWindow::sourceService(int index) const
{
    return index >= 0 && index < int(m_sources.size()) ? m_sources[index]->service : nullptr;
}

void MainWindow::addSource(const QString &title, std::unique_ptr<TrackingService> service)
{
    auto source = std::make_unique<Source>();
    source->title = title;
    source->uri = service->uri();
    source->service = service.get();
    source->feed = new MetricFeed(service.get(), this);
    TrackingService *t = service.get();
    source->owned = std::move(service);
    connect(t, &TrackingService::experimentsListed, this, [this, t](quint64 id, const QList<Experiment> &e) {
        if (t == sourceService(m_currentSource))
            onExperiments(id, e);
    });
    connect(t, &TrackingService::requestFailed, this, [this, t](quint64 id, const Error &e) {
        if (t == sourceService(m_currentSource))
            onRequestFailed(id, e);
    });
    m_sources.push_back(std::move(source));
    m_sourceCombo->addItem(tr("Bundle: %1").arg(title));
    m_sourceCombo->setItemData(m_sourceCombo->count() - 1, m_sources.back()->uri, Qt::ToolTipRole);
    setCurrentSource(int(m_sources.size()) - 1);
}

void MainWindow::setCurrentSource(int index)
{
    if (index < 0 || index >= int(m_sources.size()) || index == m_currentSource) {
        m_sourceCombo->setCurrentIndex(m_currentSource);
        return;
    }
    m_sources[m_currentSource]->experiments = selectedExperimentIds();
    m_currentSource = index;
    m_sourceCombo->setCurrentIndex(index);
    Source &source = *m_sources[index];
    m_wantedExperiments = source.experiments;
    m_experimentsRequest = 0;
    m_experimentsLoaded = false;
    m_selectAfterRefresh.clear();
    {
        QSignalBlocker block(m_experimentsView->selectionModel());
        m_experimentsModel->setExperiments({});
    }
    m_runsModel->setService(source.service);
    m_runsModel->setQuery({}, m_runsModel->filter(), m_runsModel->orderBy());
    rebuildSourceViews();
    // A bundle is read-only and local: launching and cancelling stay with the lab's store.
    const bool lab = index == 0;
    m_launchAction->setVisible(lab);
    m_cancelAction->setVisible(lab);
    m_storeLabel->setText(tr("Store: %1").arg(source.uri));
    m_storeLabel->setToolTip(source.uri);
    refresh();
}

void MainWindow::rebuildSourceViews()
{
    // The chart and details tabs read through one source's feed and service: new ones for the
    // new source, in the same places, with the chart settings carried over.
    const int current = m_tabs->currentIndex();
    QSignalBlocker block(m_tabs);
    QSettings settings;
    m_chartPanel->saveSettings(settings);
    Source &source = *m_sources[m_currentSource];
    auto *chart = new ChartPanel(source.feed, m_tabs);
    chart->restoreSettings(settings);
    auto *details = new RunDetailsView(source.service, m_tabs);
    details->setObjectName(QStringLiteral("runDetails"));
    const QString chartText = m_tabs->tabText(ChartTab);
    const QString detailsText = m_tabs->tabText(DetailsTab);
    m_tabs->removeTab(ChartTab);
    m_tabs->insertTab(ChartTab, chart, chartText);
    m_tabs->removeTab(DetailsTab);
    m_tabs->insertTab(DetailsTab, details, detailsText);
    delete m_chartPanel;
    delete m_details;
    m_chartPanel = chart;
    m_details = details;
    m_tabs->setCurrentIndex(current);
    m_shownRuns.clear();
    m_shownCurrent.clear();
}

void MainWindow::chooseBundle()
{
    const QString path = m_dialogs->openFile(this, tr("Open bundle"), QDir::homePath(),
                                             tr("Run bundles (*.labbundle);;All files (*)"));
    if (!path.isEmpty())
        openBundle(path);
}

void MainWindow::openBundle(const QString &filePath)
{
    const QString name = QFileInfo(filePath).fileName();
    m_messageLabel->setText(tr("Opening %1…").arg(name));
    QPointer<MainWindow> self(this);
    // Reading a bundle is file I/O of any size: off the UI thread.
    QThreadPool::globalInstance()->start([self, filePath, name] {
        auto result = std::make_shared<Result<std::unique_ptr<TrackingStore>>>(RunBundle::open(filePath));
        QMetaObject::invokeMethod(
            qApp,
            [self, filePath, name, result] {
                if (!self)
                    return;
                if (!result->ok()) {
                    self->setStatusError(
                        tr("Cannot open the bundle %1: %2").arg(name, result->error().toString()));
                    return;
                }
                self->setStatusError(QString());
                self->addSource(name, std::make_unique<TrackingService>(std::move(result->value())));
                self->m_messageLabel->setText(tr("Opened %1 (read-only).").arg(name));
                Q_EMIT self->bundleOpened(filePath);
            },
            Qt::QueuedConnection);
    });
}

void MainWindow::chooseExportFile()
{
    if (selectedRunIds().isEmpty())
        return;
    QFileDialog dialog(this, tr("Export bundle"), QDir::homePath(), tr("Run bundles (*.labbundle)"));
    dialog.setObjectName(QStringLiteral("exportBundleDialog"));
    dialog.setAcceptMode(QFileDialog::AcceptSave);
    dialog.setFileMode(QFileDialog::AnyFile);
    dialog.setDefaultSuffix(QStringLiteral("labbundle"));
    dialog.setOption(QFileDialog::DontUseNativeDialog, m_dialogs != DialogRunner::defaultRunner());
    if (!m_dialogs->exec(&dialog) || dialog.selectedFiles().isEmpty())
        return;
    exportBundle(dialog.selectedFiles().constFirst());
}

void MainWindow::exportBundle(const QString &filePath)
{
    const QStringList ids = selectedRunIds();
    TrackingService *service = sourceService(m_currentSource);
    if (ids.isEmpty() || !service) {
        m_messageLabel->setText(tr("Select the runs to export first."));
        return;
    }
    ++m_exportsRunning;
    updateActions();
    const QString name = QFileInfo(filePath).fileName();
    m_messageLabel->setText(tr("Exporting %n run(s) to %1…", nullptr, int(ids.size())).arg(name));
    auto status = std::make_shared<Status>();
    QPointer<QLabel> label(m_messageLabel);
    service->post(
        [ids, filePath, status, label, name](TrackingStore &store) {
            *status = RunBundle::exportRuns(store, ids, filePath, [label, name](int done, int total) {
                QMetaObject::invokeMethod(
                    qApp,
                    [label, name, done, total] {
                        if (label)
                            label->setText(
                                tr("Exporting to %1: run %2 of %3…").arg(name).arg(done).arg(total));
                    },
                    Qt::QueuedConnection);
            });
        },
        this,
        [this, status, filePath, name, count = int(ids.size())] {
            --m_exportsRunning;
            updateActions();
            if (!status->ok()) {
                setStatusError(tr("Export to %1 failed: %2").arg(name, status->error().toString()));
                return;
            }
            setStatusError(QString());
            m_messageLabel->setText(tr("Exported %n run(s) to %1.", nullptr, count).arg(filePath));
            Q_EMIT bundleExported(filePath);
        });
}

void MainWindow::keepInComparison()
{
    for (const Run &r : selectedRuns()) {
        bool present = false;
        for (const Kept &k : std::as_const(m_kept))
            present = present || (k.source == m_currentSource && k.run.info.runId == r.info.runId);
        if (!present)
            m_kept.append({m_currentSource, r});
    }
    m_messageLabel->setText(tr("%n run(s) kept in the comparison.", nullptr, int(m_kept.size())));
    updateActions();
    if (m_tabs->currentIndex() == CompareTab)
        updateCompare();
}

void MainWindow::clearComparison()
{
    m_kept.clear();
    updateActions();
    if (m_tabs->currentIndex() == CompareTab)
        updateCompare();
}

void MainWindow::updateCompare()
{
    QList<CompareView::Entry> entries;
    QSet<QString> seen;
    auto add = [&](int source, const Run &run) {
        const QString key = QString::number(source) + QLatin1Char('/') + run.info.runId;
        if (seen.contains(key))
            return;
        seen.insert(key);
        CompareView::Entry e;
        e.run = run;
        e.feed = m_sources[source]->feed;
        e.source = source == 0 ? QString() : m_sources[source]->title;
        entries << e;
    };
    for (const Kept &k : std::as_const(m_kept)) {
        // A kept run of the source shown now is taken as the table has it (the latest poll).
        const Run *fresh = k.source == m_currentSource ? m_runsModel->run(k.run.info.runId) : nullptr;
        add(k.source, fresh ? *fresh : k.run);
    }
    for (const Run &r : selectedRuns())
        add(m_currentSource, r);
    m_compare->setEntries(entries);
}

void MainWindow::setOffline(bool offline, const QString &reason)
{
    m_offline = offline;
    m_offlineReason = reason;
    if (!offline) {
        m_offlineBanner->hide();
        return;
    }
    // The offline cache's reason is a whole sentence naming the server, since when and what is
    // shown: then it stands alone; a bare reason gets the window's own lead.
    QString text = tr("Offline: showing what was last fetched from %1.").arg(sourceUri(0));
    if (reason.contains(sourceUri(0)))
        text = reason.trimmed();
    else if (!reason.isEmpty())
        text += QLatin1Char(' ') + reason.trimmed();
    if (!text.endsWith(QLatin1Char('.')))
        text += QLatin1Char('.');
    text += QLatin1Char(' ') + tr("Changes on the server show up when it answers again.");
    m_offlineBanner->setText(text);
    m_offlineBanner->show();
}

void MainWindow::openConnectDialog()
{
    ConnectDialog::Options options;
    const QString uri = sourceUri(0);
    if (uri.startsWith(QLatin1String("http")))
        options.uri = uri;
    options.dialogs = m_dialogs;
    ConnectDialog dialog(options, this);
    dialog.setObjectName(QStringLiteral("connectDialog"));
    if (!m_dialogs->exec(&dialog) || dialog.uri().isEmpty())
        return;
    Q_EMIT connectRequested(dialog.uri(), dialog.storeOptions(), dialog.rememberSecret());
}

void MainWindow::registerModel()
{
    const QList<Run> runs = selectedRuns();
    if (runs.size() != 1 || m_currentSource != 0)
        return;
    ModelsView::registerRun(
        this, m_services.tracking, runs.constFirst(), m_dialogs, [this](const Result<ModelVersion> &result) {
            if (!result.ok()) {
                setStatusError(tr("Register model failed: %1").arg(result.error().toString()));
                return;
            }
            setStatusError(QString());
            m_messageLabel->setText(tr("Registered %1 version %2.").arg(result->name, result->version));
            m_models->refresh();
        });
}

void MainWindow::setAliasForRun()
{
    const QList<Run> runs = selectedRuns();
    if (runs.size() != 1 || m_currentSource != 0)
        return;
    const QString runId = runs.constFirst().info.runId;
    // The newest registered version made from this run.
    for (const RegisteredModel &model : m_models->models()) {
        QList<ModelVersion> versions = m_models->versionsOf(model.name);
        std::sort(versions.begin(), versions.end(), [](const ModelVersion &a, const ModelVersion &b) {
            return a.version.toInt() > b.version.toInt();
        });
        for (const ModelVersion &v : std::as_const(versions)) {
            if (v.runId != runId)
                continue;
            ModelsView::setAlias(
                this, m_services.tracking, model.name, v.version, m_dialogs,
                [this](const Status &status) {
                    if (!status.ok()) {
                        setStatusError(tr("Set alias failed: %1").arg(status.error().toString()));
                        return;
                    }
                    setStatusError(QString());
                    m_models->refresh();
                },
                model.aliases);
            return;
        }
    }
    m_messageLabel->setText(tr("This run has no registered model version yet: use Register model first."));
}

} // namespace lab
