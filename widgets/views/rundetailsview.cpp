#include "rundetailsview.h"

#include "runstablemodel.h"
#include "tracking/trackingservice.h"

#include <QDateTime>
#include <QEvent>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QStyle>
#include <QTabWidget>
#include <QTableWidget>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace lab {

namespace {

constexpr int PathRole = Qt::UserRole;
constexpr int DirRole = Qt::UserRole + 1;
constexpr int PlaceholderRole = Qt::UserRole + 2;

QTableWidget *makeTable(QWidget *parent, int columns, const QString &name)
{
    auto *t = new QTableWidget(0, columns, parent);
    t->setObjectName(name);
    t->setEditTriggers(QAbstractItemView::NoEditTriggers);
    t->setSelectionBehavior(QAbstractItemView::SelectRows);
    t->verticalHeader()->hide();
    t->horizontalHeader()->setStretchLastSection(true);
    t->setSortingEnabled(false);
    t->setWordWrap(false);
    return t;
}

QTableWidgetItem *cell(const QString &text)
{
    auto *item = new QTableWidgetItem(text);
    item->setToolTip(text);
    return item;
}

QString formatTime(qint64 ms)
{
    return ms > 0 ? QDateTime::fromMSecsSinceEpoch(ms).toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"))
                  : QString();
}

} // namespace

RunDetailsView::RunDetailsView(TrackingService *service, QWidget *parent)
    : QWidget(parent), m_service(service)
{
    m_summary = new QLabel(this);
    m_summary->setObjectName(QStringLiteral("runSummary"));
    m_summary->setWordWrap(true);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_tabs = new QTabWidget(this);
    m_tabs->setDocumentMode(true);
    m_params = makeTable(this, 2, QStringLiteral("paramsTable"));
    m_tags = makeTable(this, 2, QStringLiteral("tagsTable"));
    m_metrics = makeTable(this, 4, QStringLiteral("metricsTable"));
    m_artifacts = new QTreeWidget(this);
    m_artifacts->setObjectName(QStringLiteral("artifactsTree"));
    m_artifacts->setColumnCount(2);
    m_artifacts->header()->setStretchLastSection(false);
    m_artifacts->header()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_artifacts->header()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
    m_tabs->addTab(m_params, QString());
    m_tabs->addTab(m_metrics, QString());
    m_tabs->addTab(m_tags, QString());
    m_tabs->addTab(m_artifacts, QString());

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(m_summary);
    layout->addWidget(m_tabs, 1);

    connect(m_artifacts, &QTreeWidget::itemExpanded, this, [this](QTreeWidgetItem *item) {
        if (item->childCount() == 1 && item->child(0)->data(0, PlaceholderRole).toBool())
            requestArtifacts(item->data(0, PathRole).toString(), item);
    });
    if (service) {
        connect(service, &TrackingService::artifactsListed, this, &RunDetailsView::onArtifacts);
        connect(service, &TrackingService::requestFailed, this, &RunDetailsView::onFailed);
    }
    retranslate();
}

void RunDetailsView::setRun(const Run &run)
{
    const bool newRun = !m_hasRun || run.info.runId != m_run.info.runId;
    const bool ended = m_hasRun && !newRun && !isTerminal(m_run.info.status) && isTerminal(run.info.status);
    m_run = run;
    m_hasRun = true;
    fill();
    // A run that just ended has its final artifacts (the model): list them again.
    if (newRun || ended)
        refreshArtifacts();
}

void RunDetailsView::clear()
{
    m_run = Run();
    m_hasRun = false;
    m_pending.clear();
    m_artifacts->clear();
    fill();
}

void RunDetailsView::refreshArtifacts()
{
    m_pending.clear();
    m_artifacts->clear();
    if (m_hasRun)
        requestArtifacts(QString(), nullptr);
}

void RunDetailsView::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

void RunDetailsView::retranslate()
{
    m_params->setHorizontalHeaderLabels({tr("Parameter"), tr("Value")});
    m_tags->setHorizontalHeaderLabels({tr("Tag"), tr("Value")});
    m_metrics->setHorizontalHeaderLabels({tr("Metric"), tr("Latest value"), tr("Step"), tr("Time")});
    m_artifacts->setHeaderLabels({tr("Artifact"), tr("Size")});
    m_tabs->setTabText(0, tr("Parameters"));
    m_tabs->setTabText(1, tr("Metrics"));
    m_tabs->setTabText(2, tr("Tags"));
    m_tabs->setTabText(3, tr("Artifacts"));
    fill();
}

void RunDetailsView::fill()
{
    if (!m_hasRun) {
        m_summary->setText(tr("Select a run to see its details."));
        m_params->setRowCount(0);
        m_tags->setRowCount(0);
        m_metrics->setRowCount(0);
        return;
    }
    const RunInfo &info = m_run.info;
    QStringList lines;
    lines << QStringLiteral("<b>%1</b> &nbsp; <span style='color:%2'><b>%3</b></span> &nbsp; <i>%4</i>")
                 .arg(RunsTableModel::displayName(m_run).toHtmlEscaped(),
                      RunsTableModel::statusColor(info.status).name(),
                      RunsTableModel::statusText(info.status), info.runId);
    QString times = tr("Started %1").arg(formatTime(info.startTime));
    if (info.endTime > 0)
        times += QStringLiteral(" · ") + tr("ended %1").arg(formatTime(info.endTime));
    const qint64 duration = RunsTableModel::durationMs(m_run);
    if (duration >= 0)
        times += QStringLiteral(" · ") + RunsTableModel::formatDuration(duration);
    lines << times;
    if (!info.artifactUri.isEmpty())
        lines << tr("Artifacts: %1").arg(info.artifactUri.toHtmlEscaped());
    const QString message = m_run.tag(tags::JobMessage);
    if (!message.isEmpty())
        lines << QStringLiteral("<span style='color:#c62828'>%1</span>").arg(message.toHtmlEscaped());
    for (const QString &w : m_run.warnings)
        lines << QStringLiteral("<span style='color:#b86e00'>⚠ %1</span>").arg(w.toHtmlEscaped());
    m_summary->setText(lines.join(QStringLiteral("<br>")));

    QList<Param> params = m_run.params;
    std::sort(params.begin(), params.end(), [](const Param &a, const Param &b) { return a.key < b.key; });
    m_params->setRowCount(int(params.size()));
    for (int i = 0; i < params.size(); ++i) {
        m_params->setItem(i, 0, cell(params[i].key));
        m_params->setItem(i, 1, cell(params[i].value));
    }
    QList<Tag> tagList = m_run.tags;
    std::sort(tagList.begin(), tagList.end(), [](const Tag &a, const Tag &b) { return a.key < b.key; });
    m_tags->setRowCount(int(tagList.size()));
    for (int i = 0; i < tagList.size(); ++i) {
        m_tags->setItem(i, 0, cell(tagList[i].key));
        m_tags->setItem(i, 1, cell(tagList[i].value));
    }
    QList<MetricPoint> metrics = m_run.metrics;
    std::sort(metrics.begin(), metrics.end(),
              [](const MetricPoint &a, const MetricPoint &b) { return a.key < b.key; });
    m_metrics->setRowCount(int(metrics.size()));
    for (int i = 0; i < metrics.size(); ++i) {
        m_metrics->setItem(i, 0, cell(metrics[i].key));
        auto *value = cell(RunsTableModel::formatValue(metrics[i].value));
        value->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        m_metrics->setItem(i, 1, value);
        auto *step = cell(QString::number(metrics[i].step));
        step->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        m_metrics->setItem(i, 2, step);
        m_metrics->setItem(i, 3, cell(formatTime(metrics[i].timestamp)));
    }
    m_params->resizeColumnToContents(0);
    m_tags->resizeColumnToContents(0);
    m_metrics->resizeColumnToContents(0);
}

void RunDetailsView::requestArtifacts(const QString &path, QTreeWidgetItem *parent)
{
    if (!m_service)
        return;
    const quint64 id = m_service->listArtifacts(m_run.info.runId, path);
    m_pending.insert(id, parent);
}

void RunDetailsView::onArtifacts(quint64 requestId, const QString &runId,
                                 const QList<ArtifactInfo> &artifacts)
{
    const auto it = m_pending.find(requestId);
    if (it == m_pending.end())
        return;
    QTreeWidgetItem *parent = it.value();
    m_pending.erase(it);
    if (runId != m_run.info.runId)
        return;
    if (parent)
        qDeleteAll(parent->takeChildren());
    QList<ArtifactInfo> sorted = artifacts;
    std::sort(sorted.begin(), sorted.end(), [](const ArtifactInfo &a, const ArtifactInfo &b) {
        return a.isDir != b.isDir ? a.isDir : a.path < b.path;
    });
    for (const ArtifactInfo &a : sorted) {
        auto *item = parent ? new QTreeWidgetItem(parent) : new QTreeWidgetItem(m_artifacts);
        item->setText(0, a.path.section(QLatin1Char('/'), -1));
        item->setToolTip(0, a.path);
        item->setData(0, PathRole, a.path);
        item->setData(0, DirRole, a.isDir);
        if (a.isDir) {
            item->setIcon(0, style()->standardIcon(QStyle::SP_DirIcon));
            auto *placeholder = new QTreeWidgetItem(item);
            placeholder->setText(0, tr("Loading…"));
            placeholder->setData(0, PlaceholderRole, true);
        } else {
            item->setIcon(0, style()->standardIcon(QStyle::SP_FileIcon));
            item->setText(1, QLocale().formattedDataSize(a.fileSize));
            item->setTextAlignment(1, Qt::AlignRight | Qt::AlignVCenter);
        }
    }
    if (!parent && sorted.isEmpty()) {
        auto *item = new QTreeWidgetItem(m_artifacts);
        item->setText(0, tr("No artifacts"));
        item->setDisabled(true);
    }
}

void RunDetailsView::onFailed(quint64 requestId, const Error &error)
{
    const auto it = m_pending.find(requestId);
    if (it == m_pending.end())
        return;
    QTreeWidgetItem *parent = it.value();
    m_pending.erase(it);
    if (parent)
        qDeleteAll(parent->takeChildren());
    auto *item = parent ? new QTreeWidgetItem(parent) : new QTreeWidgetItem(m_artifacts);
    item->setText(0, tr("Could not list artifacts: %1").arg(error.message));
    item->setDisabled(true);
}

} // namespace lab
