#include "tracking/runorder.h"
#include "tracking/searchfilter.h"

#include <QTest>

#include <cmath>

using namespace lab;

namespace {

Run makeRun(const QString &id, const QString &name, qint64 start, RunStatus status, double acc,
            const QString &lr)
{
    Run r;
    r.info.runId = id;
    r.info.runName = name;
    r.info.startTime = start;
    r.info.endTime = status == RunStatus::Running ? 0 : start + 100;
    r.info.status = status;
    r.info.userId = QStringLiteral("ann");
    r.info.experimentId = QStringLiteral("0");
    r.metrics << MetricPoint{QStringLiteral("val_accuracy"), acc, start, 1};
    if (!lr.isEmpty())
        r.params << Param{QStringLiteral("lr"), lr};
    r.tags << Tag{QStringLiteral("mlflow.user"), QStringLiteral("ann")};
    return r;
}

QStringList ids(const QList<Run> &runs)
{
    QStringList out;
    for (const Run &r : runs)
        out << r.info.runId;
    return out;
}

} // namespace

class TestSearchFilter : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parsesValidFilters_data();
    void parsesValidFilters();
    void rejectsInvalidFilters_data();
    void rejectsInvalidFilters();
    void clauseContents();
    void matchesRuns();
    void likePatterns();
    void orderByParsing();
    void ordering();
};

void TestSearchFilter::parsesValidFilters_data()
{
    QTest::addColumn<QString>("filter");
    QTest::addColumn<int>("clauses");
    QTest::newRow("empty") << QString() << 0;
    QTest::newRow("blank") << QStringLiteral("   ") << 0;
    QTest::newRow("issue example")
        << QStringLiteral("metrics.x > 0.9 and params.lr = '0.01' and attributes.status = 'FINISHED'") << 3;
    QTest::newRow("upper AND") << QStringLiteral("metrics.x>=1 AND params.a!='b'") << 2;
    QTest::newRow("backticks") << QStringLiteral("metrics.`a b` < 3") << 1;
    QTest::newRow("double-quoted key") << QStringLiteral("tags.\"mlflow.user\" = 'ann'") << 1;
    QTest::newRow("dotted plain key") << QStringLiteral("tags.mlflow.user = \"ann\"") << 1;
    QTest::newRow("slash key") << QStringLiteral("metrics.system/gpu_0_utilization_percentage > 50") << 1;
    QTest::newRow("singular prefixes")
        << QStringLiteral("metric.a = 1 and param.b = 'c' and tag.d != 'e' and attribute.run_name = 'f'")
        << 4;
    QTest::newRow("run prefix") << QStringLiteral("run.status = 'RUNNING'") << 1;
    QTest::newRow("attr prefix") << QStringLiteral("attr.user_id = 'ann'") << 1;
    QTest::newRow("no prefix") << QStringLiteral("status = 'FAILED'") << 1;
    QTest::newRow("in list") << QStringLiteral("attributes.status IN ('FINISHED', 'FAILED')") << 1;
    QTest::newRow("not in") << QStringLiteral("attributes.run_id NOT IN ('a','b')") << 1;
    QTest::newRow("like") << QStringLiteral("attributes.run_name LIKE 'sweep-%'") << 1;
    QTest::newRow("ilike") << QStringLiteral("params.optimizer ILIKE 'AD%'") << 1;
    QTest::newRow("times") << QStringLiteral(
                                  "attributes.start_time > 1700000000000 and attributes.end_time <= 1")
                           << 2;
    QTest::newRow("created alias") << QStringLiteral("attributes.created >= 5") << 1;
    QTest::newRow("exponent and sign") << QStringLiteral("metrics.loss < -1.5e-3") << 1;
    QTest::newRow("is null") << QStringLiteral("tags.note IS NULL and params.x IS NOT NULL") << 2;
    QTest::newRow("escaped quote") << QStringLiteral("params.s = 'it''s'") << 1;
    QTest::newRow("spaces") << QStringLiteral("  metrics.a   =   1   ") << 1;
}

void TestSearchFilter::parsesValidFilters()
{
    QFETCH(QString, filter);
    QFETCH(int, clauses);
    auto f = SearchFilter::parse(filter);
    QVERIFY2(f.ok(), qPrintable(f.ok() ? QString() : f.error().toString()));
    QCOMPARE(f->clauses().size(), clauses);
}

void TestSearchFilter::rejectsInvalidFilters_data()
{
    QTest::addColumn<QString>("filter");
    QTest::addColumn<int>("column"); // 1-based, as shown to the user
    QTest::addColumn<QString>("words");
    QTest::newRow("or") << QStringLiteral("metrics.a > 1 or metrics.b > 2") << 15
                        << QStringLiteral("OR is not supported");
    QTest::newRow("unknown entity") << QStringLiteral("metricz.a > 1") << 1
                                    << QStringLiteral("unknown entity");
    QTest::newRow("unknown attribute")
        << QStringLiteral("attributes.colour = 'red'") << 1 << QStringLiteral("unknown attribute");
    QTest::newRow("quoted metric value")
        << QStringLiteral("metrics.a > '1'") << 13 << QStringLiteral("is a number");
    QTest::newRow("unquoted param") << QStringLiteral("params.lr = 0.01") << 13 << QStringLiteral("quotes");
    QTest::newRow("like on metric") << QStringLiteral("metrics.a LIKE '1%'") << 11
                                    << QStringLiteral("compares numbers");
    QTest::newRow("less on param") << QStringLiteral("params.a < 'x'") << 10
                                   << QStringLiteral("compares text");
    QTest::newRow("missing value") << QStringLiteral("metrics.a >") << 12 << QStringLiteral("missing");
    QTest::newRow("missing op") << QStringLiteral("metrics.a 5") << 11
                                << QStringLiteral("expected a comparison");
    QTest::newRow("unclosed quote") << QStringLiteral("params.a = 'x") << 12
                                    << QStringLiteral("never closed");
    QTest::newRow("trailing junk") << QStringLiteral("metrics.a = 1 metrics.b = 2") << 15
                                   << QStringLiteral("expected AND");
    QTest::newRow("empty key") << QStringLiteral("metrics. = 1") << 9 << QStringLiteral("missing");
    QTest::newRow("dangling and") << QStringLiteral("metrics.a = 1 and") << 18
                                  << QStringLiteral("identifier");
    QTest::newRow("bad list") << QStringLiteral("attributes.status IN 'FINISHED'") << 22
                              << QStringLiteral("list");
    QTest::newRow("bad number") << QStringLiteral("metrics.a = 1.2.3") << 13
                                << QStringLiteral("expected a number");
}

void TestSearchFilter::rejectsInvalidFilters()
{
    QFETCH(QString, filter);
    QFETCH(int, column);
    QFETCH(QString, words);
    auto f = SearchFilter::parse(filter);
    QVERIFY(!f.ok());
    QCOMPARE(f.error().code, QStringLiteral("INVALID_PARAMETER_VALUE"));
    QVERIFY2(f.error().message.contains(QStringLiteral("column %1:").arg(column)),
             qPrintable(f.error().message));
    QVERIFY2(f.error().message.contains(words), qPrintable(f.error().message));
    // The detail points at the spot with a caret under the filter.
    const QStringList lines = f.error().detail.split(QLatin1Char('\n'));
    QCOMPARE(lines.size(), 2);
    QCOMPARE(lines.at(0), filter);
    QCOMPARE(lines.at(1).size(), column);
    QVERIFY(lines.at(1).endsWith(QLatin1Char('^')));
}

void TestSearchFilter::clauseContents()
{
    auto f = SearchFilter::parse(QStringLiteral(
        "metrics.`val acc` >= 0.5 AND tags.\"mlflow.user\" = 'ann' AND run.status in (\"A\", 'B')"));
    QVERIFY(f.ok());
    const auto &c = f->clauses();
    QCOMPARE(c.size(), 3);
    QCOMPARE(c[0].type, SearchKeyType::Metric);
    QCOMPARE(c[0].key, QStringLiteral("val acc"));
    QCOMPARE(c[0].op, QStringLiteral(">="));
    QVERIFY(c[0].numeric);
    QCOMPARE(c[0].number, 0.5);
    QCOMPARE(c[0].position, 0);
    QCOMPARE(c[1].type, SearchKeyType::Tag);
    QCOMPARE(c[1].key, QStringLiteral("mlflow.user"));
    QCOMPARE(c[1].text, QStringLiteral("ann"));
    QCOMPARE(c[2].type, SearchKeyType::Attribute);
    QCOMPARE(c[2].key, QStringLiteral("status"));
    QCOMPARE(c[2].op, QStringLiteral("IN"));
    QCOMPARE(c[2].list, (QStringList{QStringLiteral("A"), QStringLiteral("B")}));

    auto created = SearchFilter::parse(QStringLiteral("attributes.Created > 3"));
    QVERIFY(created.ok());
    QCOMPARE(created->clauses().at(0).key, QStringLiteral("start_time"));
}

void TestSearchFilter::matchesRuns()
{
    const Run good = makeRun(QStringLiteral("a1"), QStringLiteral("sweep-1"), 1000, RunStatus::Finished, 0.95,
                             QStringLiteral("0.01"));
    const Run weak = makeRun(QStringLiteral("b2"), QStringLiteral("sweep-2"), 2000, RunStatus::Finished, 0.5,
                             QStringLiteral("0.01"));
    const Run running = makeRun(QStringLiteral("c3"), QStringLiteral("Solo"), 3000, RunStatus::Running, 0.99,
                                QStringLiteral("0.1"));
    Run noMetric =
        makeRun(QStringLiteral("d4"), QStringLiteral("bare"), 4000, RunStatus::Failed, 0, QString());
    noMetric.metrics.clear();

    auto check = [&](const QString &filter, const QStringList &expected) {
        auto f = SearchFilter::parse(filter);
        QVERIFY2(f.ok(), qPrintable(filter));
        QStringList got;
        for (const Run *r : QList<const Run *>{&good, &weak, &running, &noMetric})
            if (f->matches(*r))
                got << r->info.runId;
        QVERIFY2(got == expected, qPrintable(filter + QStringLiteral(" -> ") + got.join(QLatin1Char(','))));
    };
    check(QStringLiteral(
              "metrics.val_accuracy > 0.9 and params.lr = '0.01' and attributes.status = 'FINISHED'"),
          {QStringLiteral("a1")});
    check(QString(),
          {QStringLiteral("a1"), QStringLiteral("b2"), QStringLiteral("c3"), QStringLiteral("d4")});
    // A run without the metric or param never matches, not even with !=.
    check(QStringLiteral("metrics.val_accuracy != 0.5"), {QStringLiteral("a1"), QStringLiteral("c3")});
    check(QStringLiteral("params.lr != '0.01'"), {QStringLiteral("c3")});
    check(QStringLiteral("params.lr IS NULL"), {QStringLiteral("d4")});
    check(QStringLiteral("metrics.val_accuracy IS NOT NULL"),
          {QStringLiteral("a1"), QStringLiteral("b2"), QStringLiteral("c3")});
    // Params compare as text: '0.010' is not '0.01'.
    check(QStringLiteral("params.lr = '0.010'"), {});
    check(QStringLiteral("attributes.run_name LIKE 'sweep-%'"), {QStringLiteral("a1"), QStringLiteral("b2")});
    check(QStringLiteral("attributes.run_name LIKE 'SWEEP-%'"), {});
    check(QStringLiteral("attributes.run_name ILIKE 'SWEEP-_'"),
          {QStringLiteral("a1"), QStringLiteral("b2")});
    check(QStringLiteral("attributes.status IN ('RUNNING', 'FAILED')"),
          {QStringLiteral("c3"), QStringLiteral("d4")});
    check(QStringLiteral("attributes.status NOT IN ('RUNNING', 'FAILED')"),
          {QStringLiteral("a1"), QStringLiteral("b2")});
    check(QStringLiteral("attributes.run_id = 'b2'"), {QStringLiteral("b2")});
    check(QStringLiteral("attributes.start_time >= 2000 and attributes.start_time < 4000"),
          {QStringLiteral("b2"), QStringLiteral("c3")});
    // end_time is null while a run goes on.
    check(QStringLiteral("attributes.end_time > 0"),
          {QStringLiteral("a1"), QStringLiteral("b2"), QStringLiteral("d4")});
    check(QStringLiteral(
              "tags.`mlflow.user` = 'ann' and attributes.user_id = 'ann' and metrics.val_accuracy < 0.96"),
          {QStringLiteral("a1"), QStringLiteral("b2")});

    // NaN compares false except with !=.
    Run nanRun = good;
    nanRun.metrics[0].value = std::nan("");
    QVERIFY(!SearchFilter::parse(QStringLiteral("metrics.val_accuracy > 0"))->matches(nanRun));
    QVERIFY(!SearchFilter::parse(QStringLiteral("metrics.val_accuracy = 0"))->matches(nanRun));
    QVERIFY(SearchFilter::parse(QStringLiteral("metrics.val_accuracy != 0"))->matches(nanRun));
}

void TestSearchFilter::likePatterns()
{
    QVERIFY(SearchFilter::like(QStringLiteral("abc"), QStringLiteral("a%"), false));
    QVERIFY(SearchFilter::like(QStringLiteral("abc"), QStringLiteral("%c"), false));
    QVERIFY(SearchFilter::like(QStringLiteral("abc"), QStringLiteral("a_c"), false));
    QVERIFY(!SearchFilter::like(QStringLiteral("abc"), QStringLiteral("a_"), false));
    QVERIFY(!SearchFilter::like(QStringLiteral("abc"), QStringLiteral("b%"), false));
    QVERIFY(SearchFilter::like(QStringLiteral("a.c"), QStringLiteral("a.c"), false));
    QVERIFY(!SearchFilter::like(QStringLiteral("abc"), QStringLiteral("a.c"), false)); // '.' is literal
    QVERIFY(SearchFilter::like(QStringLiteral("a(b)*"), QStringLiteral("a(b)*"), false));
    QVERIFY(!SearchFilter::like(QStringLiteral("ABC"), QStringLiteral("abc"), false));
    QVERIFY(SearchFilter::like(QStringLiteral("ABC"), QStringLiteral("abc"), true));
    QVERIFY(SearchFilter::like(QStringLiteral("line1\nline2"), QStringLiteral("line1%"), false));
}

void TestSearchFilter::orderByParsing()
{
    auto a = SearchFilter::parseOrderBy(QStringLiteral("metrics.val_accuracy DESC"));
    QVERIFY(a.ok());
    QCOMPARE(a->type, SearchKeyType::Metric);
    QCOMPARE(a->key, QStringLiteral("val_accuracy"));
    QVERIFY(!a->ascending);
    auto b = SearchFilter::parseOrderBy(QStringLiteral("attributes.start_time asc"));
    QVERIFY(b.ok());
    QCOMPARE(b->type, SearchKeyType::Attribute);
    QCOMPARE(b->key, QStringLiteral("start_time"));
    QVERIFY(b->ascending);
    auto c = SearchFilter::parseOrderBy(QStringLiteral("params.lr"));
    QVERIFY(c.ok());
    QCOMPARE(c->type, SearchKeyType::Param);
    QVERIFY(c->ascending);
    auto d = SearchFilter::parseOrderBy(QStringLiteral("metrics.`a b` DESC"));
    QVERIFY(d.ok());
    QCOMPARE(d->key, QStringLiteral("a b"));
    QVERIFY(!SearchFilter::parseOrderBy(QStringLiteral("metrics.a DOWN")).ok());
    QVERIFY(!SearchFilter::parseOrderBy(QStringLiteral("attributes.nope")).ok());
    QVERIFY(!RunOrder::parse({QStringLiteral("metrics.a"), QStringLiteral("bogus.x")}).ok());
    QCOMPARE(RunOrder::parse({QStringLiteral("metrics.a"), QString()})->clauses().size(), 1);
}

void TestSearchFilter::ordering()
{
    QList<Run> runs = {
        makeRun(QStringLiteral("r1"), QStringLiteral("one"), 1000, RunStatus::Finished, 0.5,
                QStringLiteral("0.1")),
        makeRun(QStringLiteral("r2"), QStringLiteral("two"), 3000, RunStatus::Finished, 0.9,
                QStringLiteral("0.01")),
        makeRun(QStringLiteral("r3"), QStringLiteral("three"), 2000, RunStatus::Running, 0.7, QString()),
        makeRun(QStringLiteral("r4"), QStringLiteral("four"), 2000, RunStatus::Failed, 0,
                QStringLiteral("0.01")),
    };
    runs[3].metrics.clear();
    Run nanRun = makeRun(QStringLiteral("r5"), QStringLiteral("five"), 500, RunStatus::Failed, std::nan(""),
                         QString());
    runs << nanRun;

    auto sorted = [&](const QStringList &orderBy) {
        auto order = RunOrder::parse(orderBy);
        [&] { QVERIFY(order.ok()); }();
        QList<Run> copy = runs;
        order->sort(copy);
        return ids(copy);
    };
    // Default: start_time DESC, then run_id ASC.
    QCOMPARE(sorted({}), (QStringList{"r2", "r3", "r4", "r1", "r5"}));
    // Missing and NaN metrics last in both directions.
    QCOMPARE(sorted({QStringLiteral("metrics.val_accuracy DESC")}),
             (QStringList{"r2", "r3", "r1", "r4", "r5"}));
    QCOMPARE(sorted({QStringLiteral("metrics.val_accuracy")}), (QStringList{"r1", "r3", "r2", "r4", "r5"}));
    // Params as text; ties fall back to the default order.
    QCOMPARE(sorted({QStringLiteral("params.lr ASC")}), (QStringList{"r2", "r4", "r1", "r3", "r5"}));
    QCOMPARE(sorted({QStringLiteral("params.lr DESC")}), (QStringList{"r1", "r2", "r4", "r3", "r5"}));
    QCOMPARE(sorted({QStringLiteral("attributes.start_time ASC")}),
             (QStringList{"r5", "r1", "r3", "r4", "r2"}));
    // A running run has no end_time: last.
    QCOMPARE(sorted({QStringLiteral("attributes.end_time DESC")}).last(), QStringLiteral("r3"));
    QCOMPARE(sorted({QStringLiteral("attributes.run_name")}), (QStringList{"r5", "r4", "r1", "r3", "r2"}));
    // Several terms.
    QCOMPARE(sorted({QStringLiteral("attributes.status"), QStringLiteral("metrics.val_accuracy DESC")}),
             (QStringList{"r4", "r5", "r2", "r1", "r3"}));
}

QTEST_GUILESS_MAIN(TestSearchFilter)
#include "tst_searchfilter.moc"
