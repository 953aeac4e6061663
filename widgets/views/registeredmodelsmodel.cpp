#include "registeredmodelsmodel.h"

#include <QDateTime>
#include <QLocale>

namespace lab {

namespace {

QString latestOf(const QString &name, const QList<ModelVersion> &versions)
{
    qint64 best = 0;
    QString text;
    for (const ModelVersion &v : versions) {
        if (v.name != name)
            continue;
        const qint64 n = v.version.toLongLong();
        if (n >= best) {
            best = n;
            text = v.version;
        }
    }
    return text;
}

bool sameRow(const RegisteredModel &a, const RegisteredModel &b)
{
    return a.name == b.name && a.lastUpdatedTimestamp == b.lastUpdatedTimestamp && a.aliases == b.aliases &&
           a.description == b.description && a.creationTimestamp == b.creationTimestamp;
}

} // namespace

RegisteredModelsModel::RegisteredModelsModel(QObject *parent) : QAbstractTableModel(parent) {}

void RegisteredModelsModel::setModels(const QList<RegisteredModel> &models,
                                      const QList<ModelVersion> &versions)
{
    QStringList latest;
    for (const RegisteredModel &m : models)
        latest << latestOf(m.name, versions);
    bool sameNames = models.size() == m_models.size();
    for (int i = 0; sameNames && i < models.size(); ++i)
        sameNames = models[i].name == m_models[i].name;
    if (!sameNames) {
        beginResetModel();
        m_models = models;
        m_latest = latest;
        endResetModel();
        return;
    }
    for (int i = 0; i < models.size(); ++i) {
        if (sameRow(m_models[i], models[i]) && m_latest[i] == latest[i])
            continue;
        m_models[i] = models[i];
        m_latest[i] = latest[i];
        Q_EMIT dataChanged(index(i, 0), index(i, ColumnCount - 1));
    }
}

int RegisteredModelsModel::rowOf(const QString &name) const
{
    for (int i = 0; i < m_models.size(); ++i)
        if (m_models[i].name == name)
            return i;
    return -1;
}

QString RegisteredModelsModel::nameAt(int row) const
{
    return row >= 0 && row < m_models.size() ? m_models[row].name : QString();
}

QString RegisteredModelsModel::latestVersion(const QString &name) const
{
    const int row = rowOf(name);
    return row < 0 ? QString() : m_latest[row];
}

int RegisteredModelsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_models.size());
}

int RegisteredModelsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString RegisteredModelsModel::aliasText(const QMap<QString, QString> &aliases)
{
    QStringList parts;
    for (auto it = aliases.cbegin(); it != aliases.cend(); ++it)
        parts << tr("%1 → %2", "alias → version").arg(it.key(), it.value());
    return parts.join(QStringLiteral(", "));
}

QVariant RegisteredModelsModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_models.size())
        return {};
    const RegisteredModel &m = m_models[index.row()];
    if (role == NameRole)
        return m.name;
    if (role == Qt::ToolTipRole && !m.description.isEmpty())
        return m.description;
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case NameColumn:
        return m.name;
    case LatestVersionColumn:
        return m_latest[index.row()];
    case AliasesColumn:
        return aliasText(m.aliases);
    case LastUpdatedColumn:
        return m.lastUpdatedTimestamp > 0
                   ? QLocale().toString(QDateTime::fromMSecsSinceEpoch(m.lastUpdatedTimestamp),
                                        QLocale::ShortFormat)
                   : QString();
    default:
        return {};
    }
}

QVariant RegisteredModelsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case NameColumn:
        return tr("Model");
    case LatestVersionColumn:
        return tr("Latest version");
    case AliasesColumn:
        return tr("Aliases");
    case LastUpdatedColumn:
        return tr("Last updated");
    default:
        return {};
    }
}

} // namespace lab
