#include "runstablemodel.h"

#include <QBrush>
#include <QColor>
#include <QDateTime>
#include <QFont>
#include <QIcon>
#include <QSet>

#include <algorithm>
#include <cmath>

namespace lab {

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
