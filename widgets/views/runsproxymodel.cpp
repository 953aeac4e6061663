#include "runsproxymodel.h"

#include "runstablemodel.h"

namespace lab {

RunsProxyModel::RunsProxyModel(QObject *parent) : QSortFilterProxyModel(parent)
{
    setSortRole(RunsTableModel::SortRole);
    setSortCaseSensitivity(Qt::CaseInsensitive);
    setDynamicSortFilter(true);
}

void RunsProxyModel::setRunsModel(RunsTableModel *model)
{
    m_runs = model;
    setSourceModel(model);
}

void RunsProxyModel::setPredicate(Predicate predicate)
{
    m_predicate = std::move(predicate);
    invalidateRowsFilter();
}

QString RunsProxyModel::runIdAt(int proxyRow) const
{
    return index(proxyRow, 0).data(RunsTableModel::RunIdRole).toString();
}

QModelIndex RunsProxyModel::indexOf(const QString &runId, int column) const
{
    return m_runs ? mapFromSource(m_runs->indexOf(runId, column)) : QModelIndex();
}

bool RunsProxyModel::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    if (!m_predicate || !m_runs || sourceParent.isValid())
        return true;
    return m_predicate(m_runs->runAt(sourceRow));
}

bool RunsProxyModel::lessThan(const QModelIndex &left, const QModelIndex &right) const
{
    const QVariant l = left.data(sortRole());
    const QVariant r = right.data(sortRole());
    // Missing values go last whichever way the column is sorted.
    const bool descending = sortOrder() == Qt::DescendingOrder;
    if (!l.isValid() || !r.isValid()) {
        if (l.isValid() == r.isValid())
            return left.row() < right.row();
        return descending ? !l.isValid() : l.isValid();
    }
    const bool ln = l.typeId() != QMetaType::QString;
    const bool rn = r.typeId() != QMetaType::QString;
    if (ln && rn) {
        const double a = l.toDouble();
        const double b = r.toDouble();
        if (a != b)
            return a < b;
        return left.row() < right.row();
    }
    if (ln != rn)
        return ln; // numbers before words
    const int c = QString::compare(l.toString(), r.toString(), sortCaseSensitivity());
    return c != 0 ? c < 0 : left.row() < right.row();
}

} // namespace lab
