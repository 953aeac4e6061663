#pragma once

#include "core/types.h"

#include <QSortFilterProxyModel>

#include <functional>

namespace lab {

class RunsTableModel;

// Sorts the runs table by each column's SortRole (numbers as numbers, missing values last in
// either direction) and filters it with a predicate built from an MLflow search expression.
// Over a paged model that has not loaded every run, a sort goes to the server instead (the
// model re-queries with the column's order_by term) and the proxy keeps the server's order.
class RunsProxyModel : public QSortFilterProxyModel
{
    Q_OBJECT
public:
    using Predicate = std::function<bool(const Run &)>;

    explicit RunsProxyModel(QObject *parent = nullptr);

    void setRunsModel(RunsTableModel *model);
    RunsTableModel *runsModel() const { return m_runs; }

    // An empty predicate shows every run.
    void setPredicate(Predicate predicate);
    bool hasPredicate() const { return bool(m_predicate); }

    QString runIdAt(int proxyRow) const;
    // True while the rows are in the server's order rather than sorted here.
    bool sortsOnServer() const { return m_serverSort; }
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;
    QModelIndex indexOf(const QString &runId, int column = 0) const;

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;
    bool lessThan(const QModelIndex &left, const QModelIndex &right) const override;

private:
    RunsTableModel *m_runs = nullptr;
    Predicate m_predicate;
    int m_wantedColumn = -1;
    Qt::SortOrder m_wantedOrder = Qt::AscendingOrder;
    bool m_serverSort = false;
};

} // namespace lab
