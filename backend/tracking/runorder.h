#pragma once

#include "core/result.h"
#include "core/types.h"
#include "tracking/searchfilter.h"

#include <QList>
#include <QStringList>

namespace lab {

// MLflow's order_by for runs: the terms in turn, then MLflow's own tie-break (start_time DESC,
// then run_id ASC), which alone is the default. A run lacking a term's value (no such metric,
// param or tag, a NaN metric, the end_time of a run still going) sorts after the runs that have
// it, whichever the direction.
class RunOrder
{
public:
    RunOrder() = default;

    static Result<RunOrder> parse(const QStringList &orderBy);

    const QList<OrderByClause> &clauses() const { return m_clauses; }

    bool lessThan(const Run &a, const Run &b) const;
    void sort(QList<Run> &runs) const;

private:
    QList<OrderByClause> m_clauses;
};

} // namespace lab
