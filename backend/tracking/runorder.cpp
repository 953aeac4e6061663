#include "runorder.h"

#include <algorithm>
#include <cmath>

namespace lab {

Result<RunOrder> RunOrder::parse(const QStringList &orderBy)
{
    RunOrder order;
    for (const QString &term : orderBy) {
        if (term.trimmed().isEmpty())
            continue;
        auto c = SearchFilter::parseOrderBy(term);
        if (!c)
            return c.error();
        order.m_clauses << *c;
    }
    return order;
}

namespace {

// -1, 0, 1 for one term; `missing` values go last in both directions.
int compareTerm(const Run &a, const Run &b, const OrderByClause &c)
{
    auto va = SearchFilter::valueOf(a, c.type, c.key);
    auto vb = SearchFilter::valueOf(b, c.type, c.key);
    if (va && va->numeric && std::isnan(va->number))
        va.reset();
    if (vb && vb->numeric && std::isnan(vb->number))
        vb.reset();
    if (!va || !vb) {
        if (!va && !vb)
            return 0;
        return va ? -1 : 1;
    }
    int r = 0;
    if (va->numeric && vb->numeric)
        r = va->number < vb->number ? -1 : (va->number > vb->number ? 1 : 0);
    else
        r = QString::compare(va->text, vb->text);
    r = r < 0 ? -1 : (r > 0 ? 1 : 0);
    return c.ascending ? r : -r;
}

} // namespace

bool RunOrder::lessThan(const Run &a, const Run &b) const
{
    for (const OrderByClause &c : m_clauses) {
        const int r = compareTerm(a, b, c);
        if (r != 0)
            return r < 0;
    }
    if (a.info.startTime != b.info.startTime)
        return a.info.startTime > b.info.startTime;
    return a.info.runId < b.info.runId;
}

void RunOrder::sort(QList<Run> &runs) const
{
    std::stable_sort(runs.begin(), runs.end(), [this](const Run &a, const Run &b) { return lessThan(a, b); });
}

} // namespace lab
