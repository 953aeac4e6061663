#pragma once

#include "core/types.h"

#include <QSortFilterProxyModel>

#include <functional>

namespace lab {

class RunsTableModel;

// Sorts the runs table by each column's SortRole (numbers as numbers, missing values last in
// either direction) and filters it with a predicate built from an MLflow search expression.
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
    QModelIndex indexOf(const QString &runId, int column = 0) const;

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;
    bool lessThan(const QModelIndex &left, const QModelIndex &right) const override;

private:
    RunsTableModel *m_runs = nullptr;
    Predicate m_predicate;
};

} // namespace lab
