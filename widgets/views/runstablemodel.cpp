#include "runstablemodel.h"

#include "tracking/trackingservice.h"

#include <QBrush>
#include <QColor>
#include <QDateTime>
#include <QFont>
#include <QIcon>
#include <QRegularExpression>
#include <QSet>

#include <algorithm>
#include <cmath>

namespace lab {

namespace {

// Running runs beyond the first page are refreshed one getRun each: at most this many a poll.
constexpr int MaxRunningPolls = 50;

} // namespace

QColor RunsTableModel::statusColor(RunStatus s)
{
    switch (s) {
    case RunStatus::Running:
        return QColor(0x1f, 0x6f, 0xd0);
    case RunStatus::Scheduled:
        return QColor(0x6b, 0x6b, 0x6b);
    case RunStatus::Finished:
        return QColor(0x1e, 0x8a, 0x3a);
    case RunStatus::Failed:
        return QColor(0xc6, 0x28, 0x28);
    case RunStatus::Killed:
        return QColor(0xb8, 0x6e, 0x00);
    }
    return {};
}

namespace {

// Params are strings in MLflow; sort them as numbers when they read as numbers.
QVariant numericOrString(const QString &s)
{
    bool ok = false;
    const double d = s.toDouble(&ok);
    if (ok)
        return d;
    return s;
}

} // namespace

bool runChanged(const Run &a, const Run &b)
{
    const RunInfo &x = a.info;
    const RunInfo &y = b.info;
    if (x.status != y.status || x.endTime != y.endTime || x.startTime != y.startTime ||
        x.runName != y.runName || x.userId != y.userId || x.lifecycleStage != y.lifecycleStage ||
        x.artifactUri != y.artifactUri)
        return true;
    return a.metrics != b.metrics || a.params != b.params || a.tags != b.tags || a.warnings != b.warnings;
}

RunsTableModel::RunsTableModel(QObject *parent)
    : QAbstractTableModel(parent), m_metricKeys{QStringLiteral("val_accuracy"), QStringLiteral("val_loss")}
{
}

void RunsTableModel::reload(const QList<Run> &runs)
{
    beginResetModel();
    m_runs = runs;
    m_paramKeys = chooseParamColumns(runs);
    rebuildIndex();
    endResetModel();
}

void RunsTableModel::clear()
{
    reload({});
}

void RunsTableModel::setRuns(const QList<Run> &runs)
{
    QHash<QString, int> incoming;
    incoming.reserve(runs.size());
    for (int i = 0; i < runs.size(); ++i)
        incoming.insert(runs[i].info.runId, i);

    // Removals, as contiguous ranges from the bottom so that row numbers above stay valid.
    for (int row = m_runs.size() - 1; row >= 0;) {
        if (incoming.contains(m_runs[row].info.runId)) {
            --row;
            continue;
        }
        int first = row;
        while (first > 0 && !incoming.contains(m_runs[first - 1].info.runId))
            --first;
        beginRemoveRows({}, first, row);
        m_runs.remove(first, row - first + 1);
        endRemoveRows();
        row = first - 1;
    }
    rebuildIndex();

    updateParamColumns(chooseParamColumns(runs));

    QList<int> added;
    for (int i = 0; i < runs.size(); ++i) {
        const auto it = m_rowById.constFind(runs[i].info.runId);
        if (it == m_rowById.constEnd()) {
            added.append(i);
            continue;
        }
        const int row = it.value();
        if (runChanged(m_runs[row], runs[i])) {
            m_runs[row] = runs[i];
            Q_EMIT dataChanged(index(row, 0), index(row, columnCount() - 1));
        }
    }

    if (!added.isEmpty()) {
        const int first = m_runs.size();
        beginInsertRows({}, first, first + added.size() - 1);
        for (int i : added) {
            m_rowById.insert(runs[i].info.runId, m_runs.size());
            m_runs.append(runs[i]);
        }
        endInsertRows();
    }
}

void RunsTableModel::setService(TrackingService *service)
{
    if (m_service == service)
        return;
    if (m_service)
        disconnect(m_service, nullptr, this, nullptr);
    m_service = service;
    m_queryRequest = m_pageRequest = m_pollRequest = 0;
    m_runRequests.clear();
    m_nextToken.clear();
    if (service) {
        connect(service, &TrackingService::runsFound, this, &RunsTableModel::onRunsFound);
        connect(service, &TrackingService::runFetched, this, &RunsTableModel::onRunFetched);
        connect(service, &TrackingService::requestFailed, this, &RunsTableModel::onRequestFailed);
    }
}

void RunsTableModel::setPageSize(int runs)
{
    m_pageSize = std::clamp(runs, 1, 50000);
}

void RunsTableModel::setQuery(const QStringList &experimentIds, const QString &filter,
                              const QStringList &orderBy)
{
    m_experimentIds = experimentIds;
    m_filter = filter;
    m_orderBy = orderBy;
    requestFirstPage();
}

void RunsTableModel::setFilter(const QString &filter, bool requery)
{
    if (filter == m_filter)
        return;
    m_filter = filter;
    if (requery)
        requestFirstPage();
}

void RunsTableModel::setOrderBy(const QStringList &orderBy, bool requery)
{
    if (orderBy == m_orderBy)
        return;
    m_orderBy = orderBy;
    if (requery)
        requestFirstPage();
}

void RunsTableModel::requestFirstPage()
{
    // Answers to the previous query are stale from now on.
    m_pageRequest = m_pollRequest = 0;
    m_runRequests.clear();
    m_nextToken.clear();
    m_queryRequest = 0;
    if (!m_service)
        return;
    if (m_experimentIds.isEmpty()) {
        m_firstPageIds.clear();
        reload({});
        Q_EMIT queryLoaded();
        return;
    }
    RunSearch search;
    search.experimentIds = m_experimentIds;
    search.filter = m_filter;
    search.orderBy = m_orderBy;
    search.maxResults = m_pageSize;
    m_queryRequest = m_service->searchRuns(search);
}

void RunsTableModel::poll()
{
    if (!m_service || m_experimentIds.isEmpty() || m_queryRequest != 0)
        return;
    if (m_pollRequest == 0) {
        RunSearch search;
        search.experimentIds = m_experimentIds;
        search.filter = m_filter;
        search.orderBy = m_orderBy;
        search.maxResults = m_pageSize;
        m_pollRequest = m_service->searchRuns(search);
    }
    // Running runs further down move too (their metrics, their end); the rest of a page a
    // finished run sits on does not change.
    QSet<QString> asked;
    for (const QString &id : std::as_const(m_runRequests))
        asked.insert(id);
    int budget = MaxRunningPolls - int(asked.size());
    for (int row = 0; row < m_runs.size() && budget > 0; ++row) {
        const Run &r = m_runs[row];
        if (isTerminal(r.info.status) || m_firstPageIds.contains(r.info.runId) ||
            asked.contains(r.info.runId))
            continue;
        m_runRequests.insert(m_service->getRun(r.info.runId), r.info.runId);
        --budget;
    }
}

bool RunsTableModel::canFetchMore(const QModelIndex &parent) const
{
    return !parent.isValid() && m_service && !m_nextToken.isEmpty() && m_queryRequest == 0 &&
           m_pageRequest == 0;
}

void RunsTableModel::fetchMore(const QModelIndex &parent)
{
    if (!canFetchMore(parent))
        return;
    RunSearch search;
    search.experimentIds = m_experimentIds;
    search.filter = m_filter;
    search.orderBy = m_orderBy;
    search.maxResults = m_pageSize;
    search.pageToken = m_nextToken;
    m_pageRequest = m_service->searchRuns(search);
}

void RunsTableModel::onRunsFound(quint64 requestId, const RunPage &page)
{
    if (requestId == 0)
        return;
    if (requestId == m_queryRequest) {
        m_queryRequest = 0;
        m_nextToken = page.nextPageToken;
        m_firstPageIds.clear();
        for (const Run &r : page.runs)
            m_firstPageIds.insert(r.info.runId);
        reload(page.runs);
        Q_EMIT queryLoaded();
    } else if (requestId == m_pageRequest) {
        m_pageRequest = 0;
        m_nextToken = page.nextPageToken;
        const int first = int(m_runs.size());
        appendPage(page.runs);
        Q_EMIT pageLoaded(first, int(m_runs.size()) - first);
    } else if (requestId == m_pollRequest) {
        m_pollRequest = 0;
        mergeFirstPage(page);
        Q_EMIT polled();
    }
}

void RunsTableModel::onRunFetched(quint64 requestId, const Run &run)
{
    const auto it = m_runRequests.find(requestId);
    if (it == m_runRequests.end())
        return;
    m_runRequests.erase(it);
    const int row = rowOf(run.info.runId);
    if (row < 0)
        return;
    if (run.info.lifecycleStage == LifecycleStage::Deleted)
        removeRow(row);
    else
        updateRow(row, run);
    Q_EMIT polled();
}

void RunsTableModel::onRequestFailed(quint64 requestId, const Error &error)
{
    if (requestId == 0)
        return;
    if (requestId == m_queryRequest || requestId == m_pageRequest || requestId == m_pollRequest) {
        if (requestId == m_queryRequest)
            m_queryRequest = 0;
        else if (requestId == m_pageRequest)
            m_pageRequest = 0;
        else
            m_pollRequest = 0;
        Q_EMIT loadFailed(error);
        return;
    }
    const auto it = m_runRequests.find(requestId);
    if (it == m_runRequests.end())
        return;
    const QString runId = it.value();
    m_runRequests.erase(it);
    // A run deleted on the server since it was listed: it goes; other failures keep the row.
    if (error.code == QLatin1String("RESOURCE_DOES_NOT_EXIST")) {
        const int row = rowOf(runId);
        if (row >= 0)
            removeRow(row);
    }
}

void RunsTableModel::mergeFirstPage(const RunPage &page)
{
    if (page.nextPageToken.isEmpty() && m_nextToken.isEmpty()) {
        // The page is the whole answer: a plain diff, removals included.
        m_firstPageIds.clear();
        for (const Run &r : page.runs)
            m_firstPageIds.insert(r.info.runId);
        setRuns(page.runs);
        return;
    }
    if (m_nextToken.isEmpty())
        m_nextToken = page.nextPageToken; // the answer outgrew one page: the rest can be fetched
    QSet<QString> now;
    for (const Run &r : page.runs)
        now.insert(r.info.runId);
    // Runs that left the first page moved down (newer runs came in above) or were deleted or no
    // longer match: one getRun each tells which.
    for (const QString &id : std::as_const(m_firstPageIds)) {
        if (!now.contains(id) && rowOf(id) >= 0 && m_runRequests.key(id, 0) == 0)
            m_runRequests.insert(m_service->getRun(id), id);
    }
    m_firstPageIds = now;
    updateParamColumns(chooseParamColumns(page.runs));
    // New runs go where the server put them: after the run that precedes them in the page.
    int previous = -1;
    for (const Run &r : page.runs) {
        const int row = rowOf(r.info.runId);
        if (row >= 0) {
            updateRow(row, r);
            previous = row;
            continue;
        }
        const int at = previous + 1;
        beginInsertRows({}, at, at);
        m_runs.insert(at, r);
        rebuildIndex();
        endInsertRows();
        previous = at;
    }
}

void RunsTableModel::appendPage(const QList<Run> &runs)
{
    QList<Run> fresh;
    fresh.reserve(runs.size());
    for (const Run &r : runs) {
        const int row = rowOf(r.info.runId);
        if (row >= 0)
            updateRow(row, r); // it moved down a page since it was listed
        else
            fresh.append(r);
    }
    if (fresh.isEmpty())
        return;
    const int first = int(m_runs.size());
    beginInsertRows({}, first, first + int(fresh.size()) - 1);
    m_runs.reserve(first + fresh.size());
    for (Run &r : fresh) {
        m_rowById.insert(r.info.runId, int(m_runs.size()));
        m_runs.append(std::move(r));
    }
    endInsertRows();
}

void RunsTableModel::updateRow(int row, const Run &run)
{
    if (!runChanged(m_runs[row], run))
        return;
    m_runs[row] = run;
    Q_EMIT dataChanged(index(row, 0), index(row, columnCount() - 1));
}

void RunsTableModel::removeRow(int row)
{
    beginRemoveRows({}, row, row);
    m_firstPageIds.remove(m_runs[row].info.runId);
    m_runs.remove(row);
    rebuildIndex();
    endRemoveRows();
}

QString RunsTableModel::orderTerm(int column, Qt::SortOrder order) const
{
    const QString direction = order == Qt::DescendingOrder ? QStringLiteral(" DESC") : QStringLiteral(" ASC");
    auto quoted = [](const QString &prefix, const QString &key) -> QString {
        static const QRegularExpression plain(QStringLiteral("^[A-Za-z0-9_.]+$"));
        if (plain.match(key).hasMatch())
            return prefix + key;
        QString k = key;
        k.remove(QLatin1Char('`'));
        return prefix + QLatin1Char('`') + k + QLatin1Char('`');
    };
    switch (column) {
    case NameColumn:
        return QStringLiteral("attributes.run_name") + direction;
    case StatusColumn:
        return QStringLiteral("attributes.status") + direction;
    case StartColumn:
        return QStringLiteral("attributes.start_time") + direction;
    case DurationColumn:
        return {};
    case UserColumn:
        return QStringLiteral("attributes.user_id") + direction;
    default:
        break;
    }
    if (column < 0 || column >= columnCount())
        return {};
    const QString key = columnKey(column);
    return quoted(columnKind(column) == ColumnKind::Metric ? QStringLiteral("metrics.")
                                                           : QStringLiteral("params."),
                  key) +
           direction;
}

void RunsTableModel::setKeyMetrics(const QStringList &keys)
{
    if (keys == m_metricKeys)
        return;
    // A different set of metric columns changes the shape: rare (a settings change), so reset.
    beginResetModel();
    m_metricKeys = keys;
    endResetModel();
}

void RunsTableModel::setMaxParamColumns(int n)
{
    m_maxParamColumns = std::max(0, n);
    updateParamColumns(chooseParamColumns(m_runs));
}

void RunsTableModel::tick(qint64 nowMs)
{
    m_nowMs = nowMs;
    for (int row = 0; row < m_runs.size(); ++row) {
        if (m_runs[row].info.status == RunStatus::Running) {
            const QModelIndex i = index(row, DurationColumn);
            Q_EMIT dataChanged(i, i, {Qt::DisplayRole, SortRole});
        }
    }
}

void RunsTableModel::retranslate()
{
    if (columnCount() > 0)
        Q_EMIT headerDataChanged(Qt::Horizontal, 0, columnCount() - 1);
    if (!m_runs.isEmpty())
        Q_EMIT dataChanged(index(0, StatusColumn), index(m_runs.size() - 1, DurationColumn));
}

int RunsTableModel::rowOf(const QString &runId) const
{
    return m_rowById.value(runId, -1);
}

QModelIndex RunsTableModel::indexOf(const QString &runId, int column) const
{
    const int row = rowOf(runId);
    return row < 0 ? QModelIndex() : index(row, column);
}

QString RunsTableModel::runIdAt(int row) const
{
    return row >= 0 && row < m_runs.size() ? m_runs[row].info.runId : QString();
}

const Run *RunsTableModel::run(const QString &runId) const
{
    const int row = rowOf(runId);
    return row < 0 ? nullptr : &m_runs[row];
}

RunsTableModel::ColumnKind RunsTableModel::columnKind(int column) const
{
    if (column < FixedColumnCount)
        return ColumnKind::Attribute;
    if (column < FixedColumnCount + m_metricKeys.size())
        return ColumnKind::Metric;
    return ColumnKind::Param;
}

QString RunsTableModel::columnKey(int column) const
{
    switch (columnKind(column)) {
    case ColumnKind::Attribute:
        return {};
    case ColumnKind::Metric:
        return m_metricKeys.value(column - FixedColumnCount);
    case ColumnKind::Param:
        return m_paramKeys.value(column - FixedColumnCount - m_metricKeys.size());
    }
    return {};
}

QString RunsTableModel::formatDuration(qint64 ms)
{
    if (ms < 0)
        return {};
    const qint64 s = ms / 1000;
    if (s < 60)
        return tr("%1 s").arg(s);
    if (s < 3600)
        return tr("%1 min %2 s").arg(s / 60).arg(s % 60, 2, 10, QLatin1Char('0'));
    if (s < 86400)
        return tr("%1 h %2 min").arg(s / 3600).arg((s % 3600) / 60, 2, 10, QLatin1Char('0'));
    return tr("%1 d %2 h").arg(s / 86400).arg((s % 86400) / 3600);
}

QString RunsTableModel::formatValue(double v)
{
    if (std::isnan(v))
        return QStringLiteral("NaN");
    if (std::isinf(v))
        return v > 0 ? QStringLiteral("∞") : QStringLiteral("-∞");
    return QString::number(v, 'g', 5);
}

QString RunsTableModel::statusText(RunStatus status)
{
    switch (status) {
    case RunStatus::Running:
        return tr("Running");
    case RunStatus::Scheduled:
        return tr("Scheduled");
    case RunStatus::Finished:
        return tr("Finished");
    case RunStatus::Failed:
        return tr("Failed");
    case RunStatus::Killed:
        return tr("Killed");
    }
    return {};
}

QString RunsTableModel::displayName(const Run &run)
{
    QString name = run.info.runName;
    if (name.isEmpty())
        name = run.tag(tags::RunName);
    return name.isEmpty() ? run.info.runId.left(8) : name;
}

qint64 RunsTableModel::durationMs(const Run &run, qint64 nowMs)
{
    if (run.info.startTime <= 0)
        return -1;
    qint64 end = run.info.endTime;
    if (end <= 0 && run.info.status == RunStatus::Running)
        end = nowMs > 0 ? nowMs : QDateTime::currentMSecsSinceEpoch();
    if (end <= 0)
        return -1;
    return std::max<qint64>(0, end - run.info.startTime);
}

int RunsTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_runs.size());
}

int RunsTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(FixedColumnCount + m_metricKeys.size() + m_paramKeys.size());
}

QVariant RunsTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Run &run = m_runs[index.row()];
    const int column = index.column();
    switch (role) {
    case Qt::DisplayRole:
        return displayData(run, column);
    case Qt::ToolTipRole:
        if (column == NameColumn) {
            QString tip = run.info.runId;
            if (!run.warnings.isEmpty())
                tip += QLatin1Char('\n') + run.warnings.join(QLatin1Char('\n'));
            return tip;
        }
        if (column == StatusColumn) {
            const QString message = run.tag(tags::JobMessage);
            return message.isEmpty() ? QVariant() : QVariant(message);
        }
        return {};
    case Qt::DecorationRole:
        if (column == NameColumn && !run.warnings.isEmpty())
            return QIcon::fromTheme(QStringLiteral("dialog-warning"));
        return {};
    case Qt::ForegroundRole:
        if (column == StatusColumn)
            return QBrush(statusColor(run.info.status));
        return {};
    case Qt::FontRole:
        if (column == StatusColumn) {
            QFont f;
            f.setBold(true);
            return f;
        }
        return {};
    case Qt::TextAlignmentRole:
        if (columnKind(column) == ColumnKind::Metric || column == DurationColumn)
            return QVariant(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case RunIdRole:
        return run.info.runId;
    case StatusRole:
        return int(run.info.status);
    case SortRole:
        return sortData(run, column);
    case ExperimentIdRole:
        return run.info.experimentId;
    case ParentRunIdRole:
        return run.parentRunId();
    case ColumnKeyRole:
        return headerData(column, Qt::Horizontal, ColumnKeyRole);
    default:
        return {};
    }
}

QVariant RunsTableModel::displayData(const Run &run, int column) const
{
    switch (column) {
    case NameColumn:
        return displayName(run);
    case StatusColumn:
        return statusText(run.info.status);
    case StartColumn:
        if (run.info.startTime <= 0)
            return {};
        return QDateTime::fromMSecsSinceEpoch(run.info.startTime)
            .toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
    case DurationColumn: {
        const QVariant v = sortData(run, column);
        return v.isValid() ? formatDuration(v.toLongLong()) : QString();
    }
    case UserColumn:
        return run.info.userId.isEmpty() ? run.tag(tags::User) : run.info.userId;
    default:
        break;
    }
    const QString key = columnKey(column);
    if (columnKind(column) == ColumnKind::Metric) {
        const MetricPoint *m = run.metric(key);
        return m ? formatValue(m->value) : QString();
    }
    return run.param(key);
}

QVariant RunsTableModel::sortData(const Run &run, int column) const
{
    switch (column) {
    case NameColumn:
        return displayData(run, column);
    case StatusColumn:
        return int(run.info.status);
    case StartColumn:
        return run.info.startTime;
    case DurationColumn: {
        const qint64 ms = durationMs(run, m_nowMs);
        return ms < 0 ? QVariant() : QVariant(ms);
    }
    case UserColumn:
        return displayData(run, column);
    default:
        break;
    }
    const QString key = columnKey(column);
    if (columnKind(column) == ColumnKind::Metric) {
        const MetricPoint *m = run.metric(key);
        return m ? QVariant(m->value) : QVariant();
    }
    bool has = false;
    for (const Param &p : run.params)
        if (p.key == key)
            has = true;
    return has ? numericOrString(run.param(key)) : QVariant();
}

QVariant RunsTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || section < 0 || section >= columnCount())
        return QAbstractTableModel::headerData(section, orientation, role);
    const ColumnKind kind = columnKind(section);
    const QString key = columnKey(section);
    if (role == ColumnKeyRole) {
        static const char *const attributes[] = {"run_name", "status", "start_time", "duration", "user_id"};
        if (kind == ColumnKind::Attribute)
            return QString(QStringLiteral("attributes.") + QLatin1String(attributes[section]));
        return QString((kind == ColumnKind::Metric ? QStringLiteral("metrics.") : QStringLiteral("params.")) +
                       key);
    }
    if (role == Qt::ToolTipRole) {
        if (kind == ColumnKind::Metric)
            return tr("Latest value of metric %1").arg(key);
        if (kind == ColumnKind::Param)
            return tr("Parameter %1").arg(key);
        return {};
    }
    if (role != Qt::DisplayRole)
        return {};
    switch (section) {
    case NameColumn:
        return tr("Name");
    case StatusColumn:
        return tr("Status");
    case StartColumn:
        return tr("Started");
    case DurationColumn:
        return tr("Duration");
    case UserColumn:
        return tr("User");
    default:
        return key;
    }
}

QStringList RunsTableModel::chooseParamColumns(const QList<Run> &runs) const
{
    QMap<QString, QSet<QString>> values; // sorted by key
    QHash<QString, int> present;
    for (const Run &run : runs) {
        for (const Param &p : run.params) {
            values[p.key].insert(p.value);
            ++present[p.key];
        }
    }
    QStringList varying, constant;
    for (auto it = values.cbegin(); it != values.cend(); ++it) {
        if (it.value().size() > 1 || present.value(it.key()) != runs.size())
            varying << it.key();
        else
            constant << it.key();
    }
    QStringList chosen = varying.mid(0, m_maxParamColumns);
    for (const QString &k : constant) {
        if (chosen.size() >= m_maxParamColumns)
            break;
        chosen << k;
    }
    std::sort(chosen.begin(), chosen.end());
    return chosen;
}

void RunsTableModel::updateParamColumns(const QStringList &keys)
{
    if (keys == m_paramKeys)
        return;
    const int base = FixedColumnCount + m_metricKeys.size();
    // Both lists are sorted, so the survivors keep their relative order: remove the keys that
    // went away, then insert the new ones where they belong.
    for (int i = m_paramKeys.size() - 1; i >= 0; --i) {
        if (!keys.contains(m_paramKeys[i])) {
            beginRemoveColumns({}, base + i, base + i);
            m_paramKeys.removeAt(i);
            endRemoveColumns();
        }
    }
    for (int i = 0; i < keys.size(); ++i) {
        if (i < m_paramKeys.size() && m_paramKeys[i] == keys[i])
            continue;
        beginInsertColumns({}, base + i, base + i);
        m_paramKeys.insert(i, keys[i]);
        endInsertColumns();
    }
}

void RunsTableModel::rebuildIndex()
{
    m_rowById.clear();
    m_rowById.reserve(m_runs.size());
    for (int i = 0; i < m_runs.size(); ++i)
        m_rowById.insert(m_runs[i].info.runId, i);
}

} // namespace lab
