#pragma once

#include "core/result.h"
#include "core/types.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace lab {

// Which part of a run an identifier in a search names.
enum class SearchKeyType { Metric, Param, Tag, Attribute };

// One comparison of a filter: `metrics.loss < 0.5`, `params.lr = '0.01'`, `attributes.status IN (...)`.
struct SearchClause
{
    SearchKeyType type = SearchKeyType::Attribute;
    QString key;          // attribute keys are canonical: run_id, run_name, status, user_id, start_time, ...
    QString op;           // = != < <= > >= LIKE ILIKE IN "NOT IN" "IS NULL" "IS NOT NULL"
    bool numeric = false; // compared as numbers (metrics, start_time, end_time)
    double number = 0;
    QString text;
    QStringList list; // the values of IN / NOT IN
    int position = 0; // 0-based offset of the clause in the filter text
};

// One `order_by` term: `metrics.val_accuracy DESC`, `attributes.start_time ASC`, `params.lr`.
struct OrderByClause
{
    SearchKeyType type = SearchKeyType::Attribute;
    QString key;
    bool ascending = true;
};

// A run filter in MLflow's "Search Runs" syntax (mlflow.search_runs(filter_string=...)):
// comparisons joined by AND (MLflow has no OR). Identifiers take the prefixes metrics./metric.,
// params./param., tags./tag., attributes./attribute./attr./run. (none = attribute) and may quote
// their key with backticks or double quotes. Metrics compare as numbers, params and tags as
// strings, attributes as their type. A run lacking the metric, param or tag never matches.
class SearchFilter
{
public:
    SearchFilter() = default; // matches every run

    // A syntax error comes back as INVALID_PARAMETER_VALUE with the 1-based column in the message
    // and the filter with a caret under the spot in Error::detail.
    static Result<SearchFilter> parse(const QString &filter);
    // Parses one order_by term.
    static Result<OrderByClause> parseOrderBy(const QString &term);

    bool isEmpty() const { return m_clauses.isEmpty(); }
    const QList<SearchClause> &clauses() const { return m_clauses; }

    bool matches(const Run &run) const;
    static bool matches(const SearchClause &clause, const Run &run);

    // SQL LIKE as MLflow evaluates it: % any run of characters, _ exactly one, the rest literal.
    static bool like(const QString &value, const QString &pattern, bool caseInsensitive);

    // The value an identifier names in a run, for comparisons and sorting; nullopt when the run
    // lacks it (no such metric / param / tag, or end_time of a run still going).
    struct Value
    {
        bool numeric = false;
        double number = 0;
        QString text;
    };
    static std::optional<Value> valueOf(const Run &run, SearchKeyType type, const QString &key);

    // Attribute keys the filter and order_by accept (canonical names).
    static QStringList attributeKeys();

private:
    QList<SearchClause> m_clauses;
};

} // namespace lab
