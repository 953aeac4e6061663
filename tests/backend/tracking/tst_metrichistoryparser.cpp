#include "series/metricseries.h"
#include "tracking/metrichistoryparser.h"
#include "tracking/mlflowjson.h"

#include <QTest>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <limits>
#include <random>
#include <string>

using namespace lab;

namespace {

// A get-history payload as varied as servers and tools write it: values as numbers of every
// shape or as "NaN"/"Infinity"/"-Infinity", int64 as numbers or decimal strings, fields in any
// order, unknown fields (some of them containers), varying whitespace.
struct Generated
{
    QByteArray json;
    int points = 0;
    QList<MetricPoint> expected; // what the text stands for
};

// Writes v in one of the forms servers use; *written is the double that text stands for.
std::string number(double v, std::mt19937_64 &rng, double *written)
{
    *written = v;
    if (std::isnan(v))
        return "\"NaN\"";
    if (std::isinf(v))
        return v > 0 ? "\"Infinity\"" : "\"-Infinity\"";
    char buf[64];
    switch (rng() % 4) {
    case 0:
        std::snprintf(buf, sizeof buf, "%.17g", v);
        break;
    case 1:
        std::snprintf(buf, sizeof buf, "%.17e", v);
        break;
    case 2:
        std::snprintf(buf, sizeof buf, "\"%.17g\"", v); // a number in a string: protobuf accepts it
        break;
    default:
        std::snprintf(buf, sizeof buf, "%.6g", v); // what Python's repr of a rounded float gives
        break;
    }
    *written = std::strtod(buf[0] == '"' ? buf + 1 : buf, nullptr);
    return buf;
}

std::string int64Text(qint64 v, std::mt19937_64 &rng)
{
    const std::string digits = std::to_string(v);
    return rng() % 2 ? digits : '"' + digits + '"';
}

double randomValue(std::mt19937_64 &rng)
{
    std::uniform_real_distribution<double> u(-1, 1);
    switch (rng() % 12) {
    case 0:
        return std::numeric_limits<double>::quiet_NaN();
    case 1:
        return std::numeric_limits<double>::infinity();
    case 2:
        return -std::numeric_limits<double>::infinity();
    case 3:
        return double(qint64(rng() % 1000) - 500); // integral
    case 4:
        return u(rng) * 1e300;
    case 5:
        return u(rng) * 1e-300;
    case 6:
        return 0.0;
    default:
        return u(rng) * 10;
    }
}

Generated generate(unsigned seed, int n, const std::string &key, const QStringList &runIds = {})
{
    std::mt19937_64 rng(seed);
    QList<MetricPoint> expected;
    expected.reserve(n);
    std::string out = "{";
    if (rng() % 2)
        out += "\"unknown_top\": {\"a\": [1, {\"b\": null}]}, ";
    out += "\"metrics\": [";
    qint64 ts = 1'700'000'000'000;
    for (int i = 0; i < n; ++i) {
        std::vector<std::string> fields;
        fields.push_back("\"key\":\"" + key + '"');
        MetricPoint m{QString::fromStdString(key), 0, 0, 0};
        fields.push_back("\"value\":" + number(randomValue(rng), rng, &m.value));
        ts += qint64(rng() % 1000);
        m.timestamp = ts;
        fields.push_back("\"timestamp\":" + int64Text(ts, rng));
        m.step = rng() % 10 == 0 ? -qint64(rng() % 100) : qint64(i) * 3 + qint64(rng() % 2);
        fields.push_back("\"step\":" + int64Text(m.step, rng));
        expected.append(m);
        if (!runIds.isEmpty())
            fields.push_back("\"run_id\":\"" + runIds.at(int(rng() % runIds.size())).toStdString() + '"');
        if (rng() % 8 == 0)
            fields.push_back("\"extra\": [[1, 2], {\"x\": \"]}\"}, \"s\"]");
        if (rng() % 8 == 0)
            fields.push_back("\"flag\": true");
        std::shuffle(fields.begin(), fields.end(), rng);
        out += i ? (rng() % 2 ? ",\n  " : ",") : "";
        out += '{';
        for (std::size_t f = 0; f < fields.size(); ++f)
            out += (f ? (rng() % 3 ? "," : " , ") : "") + fields[f];
        out += '}';
    }
    out += "]";
    if (runIds.isEmpty())
        out += ", \"next_page_token\": \"tok" + std::to_string(seed) + '"';
    out += "}";
    return {QByteArray::fromStdString(out), n, expected};
}

bool sameDouble(double a, double b)
{
    return (std::isnan(a) && std::isnan(b)) || a == b;
}

// The reference reading: MlflowJson through an nlohmann DOM.
QList<MetricPoint> reference(const QByteArray &json)
{
    Result<MlflowJson::Json> doc = MlflowJson::parse(json);
    if (!doc)
        return {};
    Result<QList<MetricPoint>> points = MlflowJson::metricHistoryFromJson(*doc);
    return points ? *points : QList<MetricPoint>{};
}

// Compares points [from, from + expected.size()) of s; with `whole`, s must end there.
QString compare(const MetricSeries &s, std::size_t from, const QList<MetricPoint> &expected,
                bool whole = true)
{
    if (s.size() < from + std::size_t(expected.size()) ||
        (whole && s.size() != from + std::size_t(expected.size())))
        return QStringLiteral("size %1, expected %2").arg(s.size() - from).arg(expected.size());
    for (qsizetype i = 0; i < expected.size(); ++i) {
        const std::size_t j = from + std::size_t(i);
        const MetricPoint &m = expected[i];
        if (s.steps()[j] != m.step || s.timestamps()[j] != m.timestamp || !sameDouble(s.values()[j], m.value))
            return QStringLiteral("point %1: (%2, %3, %4), expected (%5, %6, %7)")
                .arg(i)
                .arg(s.steps()[j])
                .arg(s.timestamps()[j])
                .arg(s.values()[j], 0, 'g', 17)
                .arg(m.step)
                .arg(m.timestamp)
                .arg(m.value, 0, 'g', 17);
    }
    return {};
}

} // namespace

class TestMetricHistoryParser : public QObject
{
    Q_OBJECT

    // Parsing must fail with a message that has a byte offset, and leave the series as it was.
    static void expectError(const QByteArray &json, const QString &key = {}, const QString &code = {})
    {
        MetricSeries s;
        s.append(1, 2, 3.0);
        const std::uint64_t revision = s.revision();
        Result<MetricHistoryParser::Page> r = MetricHistoryParser::parseHistory(json, &s, key);
        QVERIFY2(!r.ok(), json.left(80).constData());
        QVERIFY2(r.error().message.contains(QLatin1String("byte")), qPrintable(r.error().toString()));
        if (!code.isEmpty())
            QCOMPARE(r.error().code, code);
        QCOMPARE(s.size(), std::size_t(1));
        QCOMPARE(s.revision(), revision);

        QHash<QString, std::shared_ptr<MetricSeries>> bulk;
        Result<qint64> b = MetricHistoryParser::parseBulkInterval(json, &bulk);
        QVERIFY(!b.ok());
        QVERIFY(bulk.isEmpty());
    }

private Q_SLOTS:
    void readsWhatMlflowJsonReads()
    {
        for (unsigned seed = 1; seed <= 40; ++seed) {
            const int n = int(seed * 37 % 500);
            const Generated g = generate(seed, n, "loss/train");
            const QList<MetricPoint> expected = reference(g.json);
            QCOMPARE(expected.size(), n);
            // the generator's own account of its text agrees with MlflowJson's reading
            QVERIFY(std::equal(expected.begin(), expected.end(), g.expected.begin(), g.expected.end(),
                               [](const MetricPoint &a, const MetricPoint &b) {
                                   return a.key == b.key && a.step == b.step && a.timestamp == b.timestamp &&
                                          sameDouble(a.value, b.value);
                               }));

            MetricSeries s;
            Result<MetricHistoryParser::Page> page =
                MetricHistoryParser::parseHistory(g.json, &s, QStringLiteral("loss/train"));
            QVERIFY2(page.ok(), qPrintable(page.ok() ? QString() : page.error().toString()));
            QCOMPARE(page->points, qint64(n));
            QCOMPARE(page->nextPageToken, QStringLiteral("tok%1").arg(seed));
            const QString diff = compare(s, 0, expected);
            QVERIFY2(diff.isEmpty(), qPrintable(QStringLiteral("seed %1: %2").arg(seed).arg(diff)));
            // gaps are kept where MLflow has non-finite values
            const auto nonFinite = std::count_if(expected.begin(), expected.end(), [](const MetricPoint &m) {
                return !std::isfinite(m.value);
            });
            QCOMPARE(s.nonFiniteCount(), std::size_t(nonFinite));
        }
    }

    void pagesAppendToTheSameSeries()
    {
        const Generated first = generate(7, 300, "acc");
        const Generated second = generate(8, 200, "acc");
        MetricSeries s;
        QVERIFY(MetricHistoryParser::parseHistory(first.json, &s, QStringLiteral("acc")).ok());
        QVERIFY(MetricHistoryParser::parseHistory(second.json, &s, QStringLiteral("acc")).ok());
        QCOMPARE(s.size(), std::size_t(500));
        QVERIFY(compare(s, 0, reference(first.json), false).isEmpty());
        QVERIFY(compare(s, 300, reference(second.json)).isEmpty());
    }

    void largePageIsReadExactly()
    {
        // Larger than what the parser keeps between calls: the buffers are released afterwards,
        // and the next small page still parses.
        const Generated g = generate(99, 300'000, "loss");
        QVERIFY(g.json.size() > 16 << 20);
        MetricSeries s;
        QVERIFY(MetricHistoryParser::parseHistory(g.json, &s).ok());
        // against what the generator wrote (MlflowJson::parse is too slow for a page this size)
        QVERIFY(compare(s, 0, g.expected).isEmpty());
        MetricSeries small;
        const Generated g2 = generate(5, 10, "loss");
        QVERIFY(MetricHistoryParser::parseHistory(g2.json, &small).ok());
        QVERIFY(compare(small, 0, reference(g2.json)).isEmpty());
    }

    void emptyResponses()
    {
        // MLflow leaves empty repeated fields and empty strings out: {} is an empty last page.
        for (const char *json : {"{}", "{\"metrics\": []}", "{\"metrics\": null, \"next_page_token\": null}",
                                 " \n{ \"next_page_token\" : \"\" }\n"}) {
            MetricSeries s;
            Result<MetricHistoryParser::Page> page = MetricHistoryParser::parseHistory(QByteArray(json), &s);
            QVERIFY2(page.ok(), json);
            QCOMPARE(page->points, qint64(0));
            QVERIFY(page->nextPageToken.isEmpty());
            QVERIFY(s.isEmpty());

            QHash<QString, std::shared_ptr<MetricSeries>> bulk;
            Result<qint64> b = MetricHistoryParser::parseBulkInterval(QByteArray(json), &bulk);
            QVERIFY2(b.ok(), json);
            QCOMPARE(*b, qint64(0));
            QVERIFY(bulk.isEmpty());
        }
    }

    void missingFieldsTakeMlflowDefaults()
    {
        MetricSeries s;
        Result<MetricHistoryParser::Page> page = MetricHistoryParser::parseHistory(
            QByteArray(
                R"({"metrics": [{"key": "loss"}, {}, {"step": "5"}, {"value": null, "timestamp": 9}]})"),
            &s, QStringLiteral("loss"));
        QVERIFY2(page.ok(), qPrintable(page.ok() ? QString() : page.error().toString()));
        QCOMPARE(s.size(), std::size_t(4));
        QCOMPARE(s.steps()[0], 0);
        QCOMPARE(s.timestamps()[0], 0);
        QCOMPARE(s.values()[0], 0.0);
        QCOMPARE(s.steps()[2], 5);
        QCOMPARE(s.timestamps()[3], 9);
        QCOMPARE(s.values()[3], 0.0);
    }

    void numbersInEveryFormProtobufAccepts()
    {
        MetricSeries s;
        const QByteArray json(R"({"metrics": [
            {"value": 1, "timestamp": 1.7e12, "step": "-5"},
            {"value": "2.5", "timestamp": "1700000000001", "step": 1e3},
            {"value": -0.0, "timestamp": 9223372036854775807, "step": "-9223372036854775808"},
            {"\u0076alue": 7, "ste\u0070": 8}
        ]})");
        Result<MetricHistoryParser::Page> page = MetricHistoryParser::parseHistory(json, &s);
        QVERIFY2(page.ok(), qPrintable(page.ok() ? QString() : page.error().toString()));
        QCOMPARE(s.size(), std::size_t(4));
        QCOMPARE(s.values()[0], 1.0);
        QCOMPARE(s.timestamps()[0], Q_INT64_C(1700000000000));
        QCOMPARE(s.steps()[0], -5);
        QCOMPARE(s.values()[1], 2.5);
        QCOMPARE(s.timestamps()[1], Q_INT64_C(1700000000001));
        QCOMPARE(s.steps()[1], 1000);
        QCOMPARE(s.timestamps()[2], std::numeric_limits<qint64>::max());
        QCOMPARE(s.steps()[2], std::numeric_limits<qint64>::min());
        QCOMPARE(s.values()[3], 7.0); // field names written with escapes
        QCOMPARE(s.steps()[3], 8);
        QVERIFY(compare(s, 0, reference(json)).isEmpty());
    }

    void integersOfEveryLengthAndEnding()
    {
        // Timestamps and steps have a fast reader for plain integers; every length up to int64's
        // limits, both signs and every way a token can end must read as MlflowJson reads them,
        // whichever reader takes them.
        std::mt19937_64 rng(42);
        QList<QByteArray> texts;
        for (int digits = 1; digits <= 19; ++digits) {
            std::string t = std::to_string(1 + rng() % 9);
            while (int(t.size()) < digits)
                t += char('0' + rng() % 10);
            if (digits == 19)
                t = "9223372036854775807";
            texts << QByteArray::fromStdString(t) << QByteArray::fromStdString('-' + t);
        }
        texts += QList<QByteArray>{"0",    "-0",        "-9223372036854775808", "1e3",
                                   "12E2", "100000000", "1000000000000000"};
        // after the timestamp comes a comma, after the step the object's end
        const char *spaces[] = {"", " ", "\n", "\t", "\r\n "};
        for (const QByteArray &text : texts) {
            for (const char *space : spaces) {
                const QByteArray json = "{\"metrics\": [{\"value\": 2, \"timestamp\": " + text + space +
                                        ", \"step\": " + text + space + "}," + space + "{\"step\": " + text +
                                        space + ", \"value\": 1}]}";
                const QList<MetricPoint> expected = reference(json);
                QVERIFY2(expected.size() == 2, json.constData());
                MetricSeries s;
                Result<MetricHistoryParser::Page> page = MetricHistoryParser::parseHistory(json, &s);
                QVERIFY2(page.ok(), qPrintable(QString::fromUtf8(json) + QLatin1String(": ") +
                                               (page.ok() ? QString() : page.error().toString())));
                const QString diff = compare(s, 0, expected);
                QVERIFY2(diff.isEmpty(), qPrintable(QString::fromUtf8(json) + QLatin1String(": ") + diff));
            }
        }
        // what JSON does not allow is an error with the offset of the value, as before
        for (const char *bad : {"01", "-01", "00", "-", "--1", "1.", "12a", "1-2", "12\xc3\xa9",
                                "9223372036854775808", "-9223372036854775809", "99999999999999999999"}) {
            const QByteArray json = "{\"metrics\": [{\"step\": 1}, {\"step\": " + QByteArray(bad) + "}]}";
            expectError(json);
            MetricSeries s;
            Result<MetricHistoryParser::Page> r = MetricHistoryParser::parseHistory(json, &s);
            QVERIFY(!r.ok());
            QVERIFY2(r.error().message.contains(QStringLiteral("byte %1").arg(json.lastIndexOf(": ") + 2)),
                     qPrintable(QString::fromUtf8(json) + QLatin1String(": ") + r.error().message));
        }
    }

    void bulkIntervalGroupsByRun()
    {
        const QStringList runs{QStringLiteral("run-a"), QStringLiteral("run-b"), QStringLiteral("run-c")};
        const Generated g = generate(11, 900, "loss", runs);
        // the reference: MlflowJson's points split by the run_id of each
        Result<MlflowJson::Json> doc = MlflowJson::parse(g.json);
        QVERIFY(doc.ok());
        QHash<QString, QList<MetricPoint>> expected;
        for (const auto &m : (*doc)["metrics"]) {
            Result<MetricPoint> p = MlflowJson::metricFromJson(m);
            QVERIFY(p.ok());
            expected[QString::fromStdString(m["run_id"].get<std::string>())].append(*p);
        }
        QCOMPARE(expected.size(), 3);

        QHash<QString, std::shared_ptr<MetricSeries>> out;
        auto existing = std::make_shared<MetricSeries>();
        existing->append(-1, 0, 0.5);
        out.insert(QStringLiteral("run-b"), existing);
        Result<qint64> n = MetricHistoryParser::parseBulkInterval(g.json, &out);
        QVERIFY2(n.ok(), qPrintable(n.ok() ? QString() : n.error().toString()));
        QCOMPARE(*n, qint64(900));
        QCOMPARE(out.size(), 3);
        QCOMPARE(out.value(QStringLiteral("run-b")).get(), existing.get()); // appended, not replaced
        for (const QString &run : runs) {
            const std::size_t from = run == QLatin1String("run-b") ? 1 : 0;
            const QString diff = compare(*out.value(run), from, expected.value(run));
            QVERIFY2(diff.isEmpty(), qPrintable(run + QLatin1String(": ") + diff));
        }
    }

    void bulkIntervalRejectsPointsWithoutRunOrOfTwoMetrics()
    {
        QHash<QString, std::shared_ptr<MetricSeries>> out;
        Result<qint64> r = MetricHistoryParser::parseBulkInterval(
            QByteArray(R"({"metrics": [{"key": "a", "run_id": "r1", "step": 1}, {"key": "a", "step": 2}]})"),
            &out);
        QVERIFY(!r.ok());
        QVERIFY2(r.error().message.contains(QLatin1String("run_id")), qPrintable(r.error().message));
        QVERIFY(out.isEmpty());
        r = MetricHistoryParser::parseBulkInterval(
            QByteArray(R"({"metrics": [{"key": "a", "run_id": "r1"}, {"key": "b", "run_id": "r2"}]})"), &out);
        QVERIFY(!r.ok());
        QVERIFY2(r.error().message.contains(QLatin1String("'a' and 'b'")), qPrintable(r.error().message));
        QVERIFY(out.isEmpty());
    }

    void truncatedInputAppendsNothing()
    {
        const Generated g = generate(3, 40, "loss");
        // every cut of the document, including inside strings, numbers and "NaN"
        for (qsizetype cut = 0; cut < g.json.size() - 1; ++cut) {
            const QByteArray part = g.json.left(cut);
            MetricSeries s;
            Result<MetricHistoryParser::Page> r = MetricHistoryParser::parseHistory(part, &s);
            QVERIFY2(!r.ok(), qPrintable(QStringLiteral("cut at %1 parsed").arg(cut)));
            QVERIFY(s.isEmpty());
            QVERIFY2(r.error().message.contains(QLatin1String("byte")), qPrintable(r.error().message));
        }
        const Generated big = generate(4, 5000, "loss");
        expectError(big.json.left(big.json.size() / 2));
        MetricSeries s;
        Result<MetricHistoryParser::Page> r =
            MetricHistoryParser::parseHistory(big.json.left(big.json.size() - 1), &s);
        QVERIFY(!r.ok());
        QVERIFY2(r.error().message.contains(QStringLiteral("byte %1").arg(big.json.size() - 1)),
                 qPrintable(r.error().message));
        QCOMPARE(r.error().code, QStringLiteral("INVALID_JSON"));
    }

    void garbageIsAnErrorInWords()
    {
        expectError(QByteArray(""), {}, QStringLiteral("INVALID_JSON"));
        expectError(QByteArray("not json at all"));
        expectError(QByteArray("<html><body><h1>502 Bad Gateway</h1></body></html>"));
        expectError(QByteArray("[1, 2, 3]"), {}, QStringLiteral("INVALID_JSON_SHAPE"));
        expectError(QByteArray(R"({"metrics": 5})"), {}, QStringLiteral("INVALID_JSON_SHAPE"));
        expectError(QByteArray(R"({"metrics": [1]})"), {}, QStringLiteral("INVALID_JSON_SHAPE"));
        expectError(QByteArray(R"({"metrics": [{"value": "abc"}]})"), {},
                    QStringLiteral("INVALID_JSON_SHAPE"));
        expectError(QByteArray(R"({"metrics": [{"step": "12x"}]})"), {},
                    QStringLiteral("INVALID_JSON_SHAPE"));
        expectError(QByteArray(R"({"metrics": [{"step": true}]})"), {}, QStringLiteral("INVALID_JSON_SHAPE"));
        expectError(QByteArray(R"({"metrics": [{"step": 1.5}]})"), {}, QStringLiteral("INVALID_JSON_SHAPE"));
        expectError(QByteArray(R"({"metrics": [{"key": 5}]})"), {}, QStringLiteral("INVALID_JSON_SHAPE"));
        expectError(QByteArray(R"({"metrics": [{"step": 1,, "value": 2}]})"));
        expectError(QByteArray(R"({"metrics": [{"step": 1} {"step": 2}]})"));
        expectError(QByteArray(R"({"metrics": [{"step": 1}]}})"));
        expectError(QByteArray("{\"metrics\": [{\"key\": \"a\x01b\"}]}"));

        // the offset points at the bad value
        MetricSeries s;
        const QByteArray json(R"({"metrics": [{"step": 1}, {"step": "oops"}]})");
        Result<MetricHistoryParser::Page> r = MetricHistoryParser::parseHistory(json, &s);
        QVERIFY(!r.ok());
        QVERIFY2(r.error().message.contains(QStringLiteral("byte %1").arg(json.indexOf("\"oops\""))),
                 qPrintable(r.error().message));
        QVERIFY2(r.error().message.contains(QLatin1String("step")), qPrintable(r.error().message));
    }

    void deepNestingNeitherOverflowsNorPasses()
    {
        const QByteArray open(100000, '[');
        const QByteArray close(100000, ']');
        expectError(open);
        expectError(open + close);
        expectError("{\"metrics\": " + open + close + "}");
        expectError("{\"metrics\": [{\"step\": 1, \"extra\": " + open + close + "}]}", {},
                    QStringLiteral("JSON_TOO_DEEP"));
        expectError("{\"unknown\": " + open + close + ", \"metrics\": []}", {},
                    QStringLiteral("JSON_TOO_DEEP"));
        expectError("{\"unknown\": " + open + "}");
        // within the limit an unknown nested field is skipped
        MetricSeries s;
        const QByteArray ok = "{\"unknown\": " + QByteArray(100, '[') + QByteArray(100, ']') +
                              ", \"metrics\": [{\"step\": 4}]}";
        QVERIFY(MetricHistoryParser::parseHistory(ok, &s).ok());
        QCOMPARE(s.size(), std::size_t(1));
    }

    void pointsOfAnotherMetricAreRejected()
    {
        const Generated g = generate(21, 50, "loss");
        expectError(g.json, QStringLiteral("accuracy"), QStringLiteral("INVALID_JSON_SHAPE"));
        MetricSeries s;
        Result<MetricHistoryParser::Page> r =
            MetricHistoryParser::parseHistory(g.json, &s, QStringLiteral("accuracy"));
        QVERIFY(!r.ok());
        QVERIFY2(r.error().message.contains(QLatin1String("'loss'")) &&
                     r.error().message.contains(QLatin1String("'accuracy'")),
                 qPrintable(r.error().message));
        // a key with characters JSON escapes still matches
        MetricSeries t;
        QVERIFY(MetricHistoryParser::parseHistory(
                    QByteArray("{\"metrics\": [{\"key\": \"a\\\"b\\u00e9\", \"step\": 2}]}"), &t,
                    QString::fromUtf8("a\"b\xc3\xa9"))
                    .ok());
        QCOMPARE(t.size(), std::size_t(1));
    }

    void invalidUtf8InAKeyIsReplacedNotFatal()
    {
        const QByteArray json("{\"metrics\": [{\"key\": \"lo\xffss\", \"run_id\": \"r\xfe\", \"step\": 3, "
                              "\"value\": 1.5}], \"next_page_token\": \"t\"}");
        MetricSeries s;
        Result<MetricHistoryParser::Page> r = MetricHistoryParser::parseHistory(json, &s);
        QVERIFY2(r.ok(), qPrintable(r.ok() ? QString() : r.error().toString()));
        QCOMPARE(s.size(), std::size_t(1));
        QCOMPARE(s.values()[0], 1.5);
        QCOMPARE(r->nextPageToken, QStringLiteral("t"));
        // the key as MlflowJson reads it (U+FFFD for the bad byte) matches
        MetricSeries t;
        QVERIFY(MetricHistoryParser::parseHistory(json, &t, QString::fromUtf8("lo\xef\xbf\xbdss")).ok());

        QHash<QString, std::shared_ptr<MetricSeries>> bulk;
        Result<qint64> b = MetricHistoryParser::parseBulkInterval(json, &bulk);
        QVERIFY2(b.ok(), qPrintable(b.ok() ? QString() : b.error().toString()));
        QCOMPARE(bulk.size(), 1);
        QCOMPARE(bulk.cbegin().key(), QString::fromUtf8("r\xef\xbf\xbd"));

        // a bad byte in a field name: an unknown field, skipped
        MetricSeries u;
        QVERIFY(
            MetricHistoryParser::parseHistory(QByteArray("{\"metrics\": [{\"st\xc3\x28p\": 3}]}"), &u).ok());
        QCOMPARE(u.size(), std::size_t(1));
        QCOMPARE(u.steps()[0], 0);
    }
};

QTEST_GUILESS_MAIN(TestMetricHistoryParser)
#include "tst_metrichistoryparser.moc"
