#include "searchfilter.h"

#include <QCoreApplication>
#include <QRegularExpression>

#include <cmath>

namespace lab {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("lab::SearchFilter", text);
}

bool isNumericAttribute(const QString &key)
{
    return key == QLatin1String("start_time") || key == QLatin1String("end_time");
}

// MLflow's spellings of an attribute, mapped to the one name we use.
QString canonicalAttribute(const QString &key)
{
    static const QStringList known = SearchFilter::attributeKeys();
    if (known.contains(key))
        return key;
    if (key == QLatin1String("created") || key == QLatin1String("Created"))
        return QStringLiteral("start_time");
    if (key == QLatin1String("run_uuid"))
        return QStringLiteral("run_id");
    return {};
}

bool typeFromPrefix(const QString &prefix, SearchKeyType *type)
{
    const QString p = prefix.toLower();
    if (p == QLatin1String("metrics") || p == QLatin1String("metric"))
        *type = SearchKeyType::Metric;
    else if (p == QLatin1String("params") || p == QLatin1String("param") || p == QLatin1String("parameters"))
        *type = SearchKeyType::Param;
    else if (p == QLatin1String("tags") || p == QLatin1String("tag"))
        *type = SearchKeyType::Tag;
    else if (p == QLatin1String("attributes") || p == QLatin1String("attribute") ||
             p == QLatin1String("attr") || p == QLatin1String("run"))
        *type = SearchKeyType::Attribute;
    else
        return false;
    return true;
}

// A small recursive-descent reader over the filter text; every failure records where it happened.
class Parser
{
public:
    explicit Parser(const QString &text) : m_s(text) {}

    Error fail(int pos, const QString &what) const
    {
        Error e = makeError(tr("Invalid search filter at column %1: %2").arg(pos + 1).arg(what),
                            QStringLiteral("INVALID_PARAMETER_VALUE"));
        e.detail = m_s + QLatin1Char('\n') + QString(pos, QLatin1Char(' ')) + QLatin1Char('^');
        return e;
    }

    void skipSpace()
    {
        while (m_pos < m_s.size() && m_s.at(m_pos).isSpace())
            ++m_pos;
    }
    bool atEnd()
    {
        skipSpace();
        return m_pos >= m_s.size();
    }
    int pos() const { return m_pos; }

    // A bare word (letters, digits, underscore); empty when none starts here.
    QString word()
    {
        const int start = m_pos;
        while (m_pos < m_s.size() && (m_s.at(m_pos).isLetterOrNumber() || m_s.at(m_pos) == QLatin1Char('_')))
            ++m_pos;
        return m_s.mid(start, m_pos - start);
    }

    // Tries a case-insensitive keyword followed by a non-word character.
    bool keyword(const char *kw)
    {
        skipSpace();
        const QLatin1String k(kw);
        if (m_s.mid(m_pos, k.size()).compare(k, Qt::CaseInsensitive) != 0)
            return false;
        const int after = m_pos + int(k.size());
        if (after < m_s.size() && (m_s.at(after).isLetterOrNumber() || m_s.at(after) == QLatin1Char('_')))
            return false;
        m_pos = after;
        return true;
    }

    // A quoted run of text; `quote` is the opening character, doubled quotes stand for one.
    Result<QString> quoted()
    {
        const QChar q = m_s.at(m_pos);
        const int start = m_pos;
        ++m_pos;
        QString out;
        while (m_pos < m_s.size()) {
            const QChar c = m_s.at(m_pos);
            if (c == q) {
                if (m_pos + 1 < m_s.size() && m_s.at(m_pos + 1) == q) {
                    out += q;
                    m_pos += 2;
                    continue;
                }
                ++m_pos;
                return out;
            }
            if (c == QLatin1Char('\\') && m_pos + 1 < m_s.size()) {
                out += m_s.at(m_pos + 1);
                m_pos += 2;
                continue;
            }
            out += c;
            ++m_pos;
        }
        return fail(start, tr("the quote %1 is never closed").arg(q));
    }

    static bool isQuote(QChar c)
    {
        return c == QLatin1Char('\'') || c == QLatin1Char('"') || c == QLatin1Char('`');
    }

    struct Identifier
    {
        SearchKeyType type = SearchKeyType::Attribute;
        QString key;
        int position = 0;
    };

    Result<Identifier> identifier()
    {
        skipSpace();
        Identifier id;
        id.position = m_pos;
        if (m_pos >= m_s.size())
            return fail(m_pos,
                        tr("expected an identifier such as metrics.loss, params.lr or attributes.status"));
        if (m_s.at(m_pos) == QLatin1Char('`') || m_s.at(m_pos) == QLatin1Char('"')) {
            // A quoted attribute name without prefix, e.g. `start_time`.
            auto q = quoted();
            if (!q)
                return q.error();
            id.key = *q;
        } else {
            const QString first = word();
            if (first.isEmpty())
                return fail(
                    m_pos, tr("expected an identifier such as metrics.loss, params.lr or attributes.status"));
            if (m_pos < m_s.size() && m_s.at(m_pos) == QLatin1Char('.')) {
                if (!typeFromPrefix(first, &id.type))
                    return fail(
                        id.position,
                        tr("unknown entity \"%1\"; use metrics., params., tags. or attributes.").arg(first));
                ++m_pos;
                if (m_pos < m_s.size() &&
                    (m_s.at(m_pos) == QLatin1Char('`') || m_s.at(m_pos) == QLatin1Char('"'))) {
                    auto q = quoted();
                    if (!q)
                        return q.error();
                    id.key = *q;
                } else {
                    const int start = m_pos;
                    // Plain keys run up to white space or an operator; MLflow keys may hold '.', '/', '-'.
                    static const QString stops = QStringLiteral("=!<>(),'\"`");
                    while (m_pos < m_s.size() && !m_s.at(m_pos).isSpace() && !stops.contains(m_s.at(m_pos)))
                        ++m_pos;
                    id.key = m_s.mid(start, m_pos - start);
                }
                if (id.key.isEmpty())
                    return fail(m_pos, tr("the name after \"%1.\" is missing").arg(first));
            } else {
                id.key = first;
            }
        }
        if (id.type == SearchKeyType::Attribute) {
            const QString canonical = canonicalAttribute(id.key);
            if (canonical.isEmpty())
                return fail(id.position,
                            tr("unknown attribute \"%1\"; valid attributes are %2")
                                .arg(id.key, SearchFilter::attributeKeys().join(QStringLiteral(", "))));
            id.key = canonical;
        }
        return id;
    }

    Result<QString> op()
    {
        skipSpace();
        static const char *const symbols[] = {"<=", ">=", "!=", "<>", "==", "=", "<", ">"};
        for (const char *sym : symbols) {
            const QLatin1String s(sym);
            if (m_s.mid(m_pos, s.size()) == s) {
                m_pos += int(s.size());
                if (s == QLatin1String("<>"))
                    return QStringLiteral("!=");
                if (s == QLatin1String("=="))
                    return QStringLiteral("=");
                return QString(s);
            }
        }
        const int start = m_pos;
        if (keyword("LIKE"))
            return QStringLiteral("LIKE");
        if (keyword("ILIKE"))
            return QStringLiteral("ILIKE");
        if (keyword("IN"))
            return QStringLiteral("IN");
        if (keyword("NOT")) {
            if (keyword("IN"))
                return QStringLiteral("NOT IN");
            return fail(m_pos, tr("expected IN after NOT"));
        }
        if (keyword("IS")) {
            const bool negated = keyword("NOT");
            if (!keyword("NULL"))
                return fail(m_pos, tr("expected NULL after IS"));
            return negated ? QStringLiteral("IS NOT NULL") : QStringLiteral("IS NULL");
        }
        return fail(start, tr("expected a comparison (=, !=, <, <=, >, >=, LIKE, ILIKE, IN, NOT IN)"));
    }

    // A number as Python's float() reads it (sign, digits, fraction, exponent).
    bool number(double *out)
    {
        static const QRegularExpression re(
            QStringLiteral("\\G[+-]?(?:\\d+\\.?\\d*|\\.\\d+)(?:[eE][+-]?\\d+)?(?![\\w.])"));
        const auto m = re.match(m_s, m_pos);
        if (!m.hasMatch())
            return false;
        bool ok = false;
        *out = m.captured().toDouble(&ok);
        if (!ok)
            return false;
        m_pos += int(m.capturedLength());
        return true;
    }

    Result<QStringList> list()
    {
        skipSpace();
        if (m_pos >= m_s.size() || m_s.at(m_pos) != QLatin1Char('('))
            return fail(m_pos,
                        tr("expected a parenthesised list of quoted values, e.g. ('FINISHED', 'FAILED')"));
        ++m_pos;
        QStringList values;
        for (;;) {
            skipSpace();
            if (m_pos >= m_s.size() ||
                (m_s.at(m_pos) != QLatin1Char('\'') && m_s.at(m_pos) != QLatin1Char('"')))
                return fail(m_pos, tr("expected a quoted value in the list"));
            auto v = quoted();
            if (!v)
                return v.error();
            values << *v;
            skipSpace();
            if (m_pos < m_s.size() && m_s.at(m_pos) == QLatin1Char(',')) {
                ++m_pos;
                continue;
            }
            if (m_pos < m_s.size() && m_s.at(m_pos) == QLatin1Char(')')) {
                ++m_pos;
                return values;
            }
            return fail(m_pos, tr("expected ',' or ')' in the list"));
        }
    }

    Result<SearchClause> clause()
    {
        auto id = identifier();
        if (!id)
            return id.error();
        SearchClause c;
        c.type = id->type;
        c.key = id->key;
        c.position = id->position;
        const int opPos = (skipSpace(), m_pos);
        auto o = op();
        if (!o)
            return o.error();
        c.op = *o;

        const bool numericKey = c.type == SearchKeyType::Metric ||
                                (c.type == SearchKeyType::Attribute && isNumericAttribute(c.key));
        static const QStringList numericOps = {QStringLiteral("="), QStringLiteral("!="),
                                               QStringLiteral("<"), QStringLiteral("<="),
                                               QStringLiteral(">"), QStringLiteral(">=")};
        static const QStringList stringOps = {QStringLiteral("="),    QStringLiteral("!="),
                                              QStringLiteral("LIKE"), QStringLiteral("ILIKE"),
                                              QStringLiteral("IN"),   QStringLiteral("NOT IN")};
        const bool nullTest = c.op.startsWith(QLatin1String("IS "));
        if (nullTest) {
            if (c.type == SearchKeyType::Attribute)
                return fail(opPos, tr("%1 applies to params, tags and metrics only").arg(c.op));
            return c;
        }
        if (numericKey && !numericOps.contains(c.op))
            return fail(opPos, tr("\"%1\" compares numbers: use =, !=, <, <=, > or >=").arg(c.key));
        if (!numericKey && !stringOps.contains(c.op))
            return fail(opPos, tr("\"%1\" compares text: use =, !=, LIKE, ILIKE, IN or NOT IN").arg(c.key));

        skipSpace();
        const int valuePos = m_pos;
        if (c.op == QLatin1String("IN") || c.op == QLatin1String("NOT IN")) {
            auto l = list();
            if (!l)
                return l.error();
            c.list = *l;
            return c;
        }
        if (m_pos >= m_s.size())
            return fail(m_pos, tr("a value is missing after %1").arg(c.op));
        if (numericKey) {
            c.numeric = true;
            if (!number(&c.number)) {
                if (isQuote(m_s.at(m_pos)))
                    return fail(valuePos,
                                tr("\"%1\" is a number: write the value without quotes").arg(c.key));
                return fail(valuePos, tr("expected a number"));
            }
            return c;
        }
        if (m_s.at(m_pos) != QLatin1Char('\'') && m_s.at(m_pos) != QLatin1Char('"'))
            return fail(valuePos,
                        tr("text values must be in single or double quotes, e.g. params.lr = '0.01'"));
        auto v = quoted();
        if (!v)
            return v.error();
        c.text = *v;
        return c;
    }

    Result<QList<SearchClause>> filter()
    {
        QList<SearchClause> clauses;
        if (atEnd())
            return clauses;
        for (;;) {
            auto c = clause();
            if (!c)
                return c.error();
            clauses << *c;
            if (atEnd())
                return clauses;
            const int at = m_pos;
            if (keyword("AND"))
                continue;
            if (keyword("OR"))
                return fail(at,
                            tr("OR is not supported: MLflow's search syntax joins conditions with AND only"));
            return fail(at, tr("expected AND or the end of the filter"));
        }
    }

private:
    const QString &m_s;
    int m_pos = 0;
};

bool compareNumbers(double a, const QString &op, double b)
{
    if (op == QLatin1String("="))
        return a == b;
    if (op == QLatin1String("!="))
        return a != b;
    if (op == QLatin1String("<"))
        return a < b;
    if (op == QLatin1String("<="))
        return a <= b;
    if (op == QLatin1String(">"))
        return a > b;
    if (op == QLatin1String(">="))
        return a >= b;
    return false;
}

} // namespace

QStringList SearchFilter::attributeKeys()
{
    return {
        QStringLiteral("run_id"),       QStringLiteral("run_name"),      QStringLiteral("status"),
        QStringLiteral("user_id"),      QStringLiteral("start_time"),    QStringLiteral("end_time"),
        QStringLiteral("artifact_uri"), QStringLiteral("experiment_id"), QStringLiteral("lifecycle_stage")};
}

Result<SearchFilter> SearchFilter::parse(const QString &filter)
{
    Parser p(filter);
    auto clauses = p.filter();
    if (!clauses)
        return clauses.error();
    SearchFilter f;
    f.m_clauses = std::move(*clauses);
    return f;
}

Result<OrderByClause> SearchFilter::parseOrderBy(const QString &term)
{
    Parser p(term);
    auto id = p.identifier();
    if (!id)
        return id.error();
    OrderByClause c;
    c.type = id->type;
    c.key = id->key;
    if (p.keyword("DESC"))
        c.ascending = false;
    else if (p.keyword("ASC"))
        c.ascending = true;
    if (!p.atEnd())
        return p.fail(p.pos(), tr("expected ASC, DESC or the end of the order_by term"));
    return c;
}

bool SearchFilter::matches(const Run &run) const
{
    for (const SearchClause &c : m_clauses)
        if (!matches(c, run))
            return false;
    return true;
}

std::optional<SearchFilter::Value> SearchFilter::valueOf(const Run &run, SearchKeyType type,
                                                         const QString &key)
{
    Value v;
    switch (type) {
    case SearchKeyType::Metric: {
        const MetricPoint *m = run.metric(key);
        if (!m)
            return std::nullopt;
        v.numeric = true;
        v.number = m->value;
        return v;
    }
    case SearchKeyType::Param:
        for (const Param &p : run.params)
            if (p.key == key) {
                v.text = p.value;
                return v;
            }
        return std::nullopt;
    case SearchKeyType::Tag:
        for (const Tag &t : run.tags)
            if (t.key == key) {
                v.text = t.value;
                return v;
            }
        return std::nullopt;
    case SearchKeyType::Attribute:
        break;
    }
    const RunInfo &i = run.info;
    if (key == QLatin1String("start_time") || key == QLatin1String("end_time")) {
        const qint64 t = key == QLatin1String("start_time") ? i.startTime : i.endTime;
        if (key == QLatin1String("end_time") && t == 0)
            return std::nullopt; // MLflow's end_time is null while the run goes on
        v.numeric = true;
        v.number = double(t);
        return v;
    }
    if (key == QLatin1String("run_id"))
        v.text = i.runId;
    else if (key == QLatin1String("run_name"))
        v.text = i.runName;
    else if (key == QLatin1String("status"))
        v.text = runStatusName(i.status);
    else if (key == QLatin1String("user_id"))
        v.text = i.userId;
    else if (key == QLatin1String("artifact_uri"))
        v.text = i.artifactUri;
    else if (key == QLatin1String("experiment_id"))
        v.text = i.experimentId;
    else if (key == QLatin1String("lifecycle_stage"))
        v.text = lifecycleStageName(i.lifecycleStage);
    else
        return std::nullopt;
    return v;
}

bool SearchFilter::matches(const SearchClause &c, const Run &run)
{
    const auto v = valueOf(run, c.type, c.key);
    if (c.op == QLatin1String("IS NULL"))
        return !v.has_value();
    if (c.op == QLatin1String("IS NOT NULL"))
        return v.has_value();
    if (!v)
        return false;
    if (c.numeric)
        return v->numeric && compareNumbers(v->number, c.op, c.number);
    if (c.op == QLatin1String("="))
        return v->text == c.text;
    if (c.op == QLatin1String("!="))
        return v->text != c.text;
    if (c.op == QLatin1String("LIKE"))
        return like(v->text, c.text, false);
    if (c.op == QLatin1String("ILIKE"))
        return like(v->text, c.text, true);
    if (c.op == QLatin1String("IN"))
        return c.list.contains(v->text);
    if (c.op == QLatin1String("NOT IN"))
        return !c.list.contains(v->text);
    return false;
}

bool SearchFilter::like(const QString &value, const QString &pattern, bool caseInsensitive)
{
    QString re;
    re.reserve(pattern.size() * 2 + 4);
    for (const QChar ch : pattern) {
        if (ch == QLatin1Char('%'))
            re += QStringLiteral(".*");
        else if (ch == QLatin1Char('_'))
            re += QLatin1Char('.');
        else
            re += QRegularExpression::escape(QString(ch));
    }
    QRegularExpression::PatternOptions opts = QRegularExpression::DotMatchesEverythingOption;
    if (caseInsensitive)
        opts |= QRegularExpression::CaseInsensitiveOption;
    const QRegularExpression rx(QRegularExpression::anchoredPattern(re), opts);
    return rx.match(value).hasMatch();
}

} // namespace lab
