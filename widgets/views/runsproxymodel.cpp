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
    if (m_runs)
        disconnect(m_runs, nullptr, this, nullptr);
    m_runs = model;
    setSourceModel(model);
    if (model) {
        // Whether the rows are sorted here or by the server is decided per query: a query that
        // fits in one page is sorted here, at once, as the user clicks.
        connect(model, &RunsTableModel::queryLoaded, this, [this] {
            if (m_wantedColumn >= 0)
                sort(m_wantedColumn, m_wantedOrder);
        });
    }
}

void RunsProxyModel::sort(int column, Qt::SortOrder order)
{
    m_wantedColumn = column;
    m_wantedOrder = order;
    if (!m_runs || !m_runs->service() || column < 0) {
        m_serverSort = false;
        QSortFilterProxyModel::sort(column, order);
        return;
    }
    const QString term = m_runs->orderTerm(column, order);
    if (!term.isEmpty() && m_runs->orderBy() != QStringList{term}) {
        // Later polls and pages follow this order; a partial table is re-queried in it.
        const bool requery = !m_runs->allLoaded() || m_runs->isQuerying();
        m_runs->setOrderBy(QStringList{term}, requery);
    }
    m_serverSort = !term.isEmpty() && !m_runs->allLoaded();
    QSortFilterProxyModel::sort(m_serverSort ? -1 : column, order);
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
