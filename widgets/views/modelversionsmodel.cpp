#include "modelversionsmodel.h"

#include <QBrush>
#include <QDateTime>
#include <QFont>
#include <QGuiApplication>
#include <QLocale>
#include <QPalette>

#include <algorithm>

namespace lab {

ModelVersionsModel::ModelVersionsModel(QObject *parent) : QAbstractTableModel(parent) {}

void ModelVersionsModel::setVersions(const QList<ModelVersion> &versions)
{
    QList<ModelVersion> sorted = versions;
    std::stable_sort(sorted.begin(), sorted.end(), [](const ModelVersion &a, const ModelVersion &b) {
        return a.version.toLongLong() > b.version.toLongLong();
    });
    bool same = sorted.size() == m_versions.size();
    for (int i = 0; same && i < sorted.size(); ++i)
        same = sorted[i].name == m_versions[i].name && sorted[i].version == m_versions[i].version;
    if (!same) {
        beginResetModel();
        m_versions = sorted;
        endResetModel();
        return;
    }
    for (int i = 0; i < sorted.size(); ++i) {
        const ModelVersion &a = m_versions[i];
        const ModelVersion &b = sorted[i];
        if (a.aliases == b.aliases && a.status == b.status && a.runId == b.runId && a.source == b.source &&
            a.lastUpdatedTimestamp == b.lastUpdatedTimestamp && a.currentStage == b.currentStage)
            continue;
        m_versions[i] = b;
        Q_EMIT dataChanged(index(i, 0), index(i, ColumnCount - 1));
    }
}

void ModelVersionsModel::setRunNames(const QHash<QString, QString> &names)
{
    m_runNames = names;
    if (!m_versions.isEmpty())
        Q_EMIT dataChanged(index(0, SourceRunColumn), index(int(m_versions.size()) - 1, SourceRunColumn));
}

int ModelVersionsModel::rowOf(const QString &version) const
{
    for (int i = 0; i < m_versions.size(); ++i)
        if (m_versions[i].version == version)
            return i;
    return -1;
}

QString ModelVersionsModel::versionAt(int row) const
{
    return row >= 0 && row < m_versions.size() ? m_versions[row].version : QString();
}

QString ModelVersionsModel::runIdAt(int row) const
{
    return row >= 0 && row < m_versions.size() ? m_versions[row].runId : QString();
}

int ModelVersionsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_versions.size());
}

int ModelVersionsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ModelVersionsModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_versions.size())
        return {};
    const ModelVersion &v = m_versions[index.row()];
    switch (role) {
    case VersionRole:
        return v.version;
    case RunIdRole:
        return v.runId;
    case SourceRole:
        return v.source;
    case Qt::ToolTipRole:
        if (index.column() == SourceRunColumn)
            return v.runId.isEmpty()
                       ? v.source
                       : tr("Run %1\nSource: %2\nClick to open the run.").arg(v.runId, v.source);
        return v.description.isEmpty() ? QVariant() : QVariant(v.description);
    case Qt::ForegroundRole:
        // The source run reads as a link: clicking it opens the run.
        if (index.column() == SourceRunColumn && !v.runId.isEmpty())
            return QGuiApplication::palette().brush(QPalette::Link);
        return {};
    case Qt::FontRole:
        if (index.column() == SourceRunColumn && !v.runId.isEmpty()) {
            QFont f;
            f.setUnderline(true);
            return f;
        }
        return {};
    case Qt::DisplayRole:
        break;
    default:
        return {};
    }
    switch (index.column()) {
    case VersionColumn:
        return v.currentStage.isEmpty() || v.currentStage == QLatin1String("None")
                   ? v.version
                   : tr("%1 (%2)", "version (stage)").arg(v.version, v.currentStage);
    case SourceRunColumn:
        if (v.runId.isEmpty())
            return v.source;
        return m_runNames.value(v.runId, v.runId);
    case StatusColumn:
        return v.status;
    case AliasesColumn:
        return v.aliases.join(QStringLiteral(", "));
    case CreatedColumn:
        return v.creationTimestamp > 0
                   ? QLocale().toString(QDateTime::fromMSecsSinceEpoch(v.creationTimestamp),
                                        QLocale::ShortFormat)
                   : QString();
    default:
        return {};
    }
}

QVariant ModelVersionsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case VersionColumn:
        return tr("Version");
    case SourceRunColumn:
        return tr("Source run");
    case StatusColumn:
        return tr("Status");
    case AliasesColumn:
        return tr("Aliases");
    case CreatedColumn:
        return tr("Created");
    default:
        return {};
    }
}

} // namespace lab
