#include "experimentsmodel.h"

#include <QIcon>

namespace lab {

ExperimentsModel::ExperimentsModel(QObject *parent) : QAbstractListModel(parent) {}

void ExperimentsModel::setExperiments(const QList<Experiment> &experiments)
{
    bool sameIds = experiments.size() == m_experiments.size();
    for (int i = 0; sameIds && i < experiments.size(); ++i)
        sameIds = experiments[i].id == m_experiments[i].id;
    if (!sameIds) {
        beginResetModel();
        m_experiments = experiments;
        endResetModel();
        return;
    }
    for (int i = 0; i < experiments.size(); ++i) {
        const Experiment &a = m_experiments[i];
        const Experiment &b = experiments[i];
        if (a.name != b.name || a.warnings != b.warnings || a.artifactLocation != b.artifactLocation) {
            m_experiments[i] = b;
            Q_EMIT dataChanged(index(i), index(i));
        }
    }
}

int ExperimentsModel::rowOf(const QString &id) const
{
    for (int i = 0; i < m_experiments.size(); ++i)
        if (m_experiments[i].id == id)
            return i;
    return -1;
}

int ExperimentsModel::rowOfName(const QString &name) const
{
    for (int i = 0; i < m_experiments.size(); ++i)
        if (m_experiments[i].name == name)
            return i;
    return -1;
}

QString ExperimentsModel::idAt(int row) const
{
    return row >= 0 && row < m_experiments.size() ? m_experiments[row].id : QString();
}

QStringList ExperimentsModel::names() const
{
    QStringList out;
    for (const Experiment &e : m_experiments)
        out << e.name;
    return out;
}

int ExperimentsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_experiments.size());
}

QVariant ExperimentsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Experiment &e = m_experiments[index.row()];
    switch (role) {
    case Qt::DisplayRole:
    case NameRole:
        return e.name.isEmpty() ? e.id : e.name;
    case IdRole:
        return e.id;
    case Qt::ToolTipRole: {
        QString tip = tr("Experiment %1").arg(e.id);
        if (!e.artifactLocation.isEmpty())
            tip += QLatin1Char('\n') + tr("Artifacts: %1").arg(e.artifactLocation);
        for (const QString &w : e.warnings)
            tip += QLatin1Char('\n') + w;
        return tip;
    }
    case Qt::DecorationRole:
        return e.warnings.isEmpty() ? QVariant()
                                    : QVariant(QIcon::fromTheme(QStringLiteral("dialog-warning")));
    default:
        return {};
    }
}

} // namespace lab
