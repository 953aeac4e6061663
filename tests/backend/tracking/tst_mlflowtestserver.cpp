// The loopback MLflow test server against MLflow's REST reference: the shapes, limits, paging,
// sampling, registry, errors, auth, TLS and faults that the REST store and the trainer will be
// tested against. Driven by a plain blocking HTTP client, as any MLflow client would.

#include "mlflowtestserver.h"
#include "testpaths.h"
#include "tracking/mlflowjson.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QRegularExpression>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

#include <httplib.h>
#include <nlohmann/json.hpp>

#include <cmath>
#include <memory>

using Json = nlohmann::json;
using labtest::MlflowTestServer;

namespace {

struct Reply
{
    bool transportOk = false;
    int status = 0;
    QByteArray body;
    httplib::Headers headers;
    Json json;

    QString header(const char *name) const
    {
        const auto it = headers.find(name);
        return it == headers.end() ? QString() : QString::fromStdString(it->second);
    }
};

Reply fromResult(const httplib::Result &r)
{
    Reply out;
    if (!r)
        return out;
    out.transportOk = true;
    out.status = r->status;
    out.body = QByteArray::fromStdString(r->body);
    out.headers = r->headers;
    if (r->get_header_value("Content-Type").rfind("application/json", 0) == 0) {
        auto parsed = lab::MlflowJson::parse(out.body);
        if (parsed)
            out.json = *parsed;
    }
    return out;
}

QString str(const Json &j)
{
    return j.is_string() ? QString::fromStdString(j.get<std::string>()) : QString();
}

const QString Api = QStringLiteral("/api/2.0/mlflow/");

// QCOMPARE has no printer for JSON values; show both sides when they differ.
#define COMPARE_JSON(actual, expected)                                                                       \
    do {                                                                                                     \
        const Json a_ = (actual), e_ = (expected);                                                           \
        QVERIFY2(a_ == e_, qPrintable(QStringLiteral("got %1, expected %2")                                  \
                                          .arg(QString::fromStdString(a_.dump()),                            \
                                               QString::fromStdString(e_.dump()))));                         \
    } while (false)

} // namespace

class TestMlflowTestServer : public QObject
{
    Q_OBJECT

private:
    Reply post(const QString &endpoint, const Json &body)
    {
        return fromResult(
            m_client->Post(QString(Api + endpoint).toStdString(), body.dump(), "application/json"));
    }
    Reply get(const QString &endpoint, const httplib::Params &params = {})
    {
        return fromResult(m_client->Get(QString(Api + endpoint).toStdString(), params, httplib::Headers{}));
    }
    QString createExperiment(const QString &name)
    {
        const Reply r = post(QStringLiteral("experiments/create"), Json{{"name", name.toStdString()}});
        [&] { QCOMPARE(r.status, 200); }();
        return str(r.json["experiment_id"]);
    }
    QString createRun(const QString &experimentId, const QString &name = {})
    {
        Json body{{"experiment_id", experimentId.toStdString()}, {"start_time", 1700000000000}};
        if (!name.isEmpty())
            body["run_name"] = name.toStdString();
        const Reply r = post(QStringLiteral("runs/create"), body);
        [&] { QCOMPARE(r.status, 200); }();
        return str(r.json["run"]["info"]["run_id"]);
    }
    Reply logMetrics(const QString &runId, const QString &key, int firstStep, int count, int stepStride = 1)
    {
        Json metrics = Json::array();
        for (int i = 0; i < count; ++i) {
            const int step = (firstStep + i) * stepStride;
            metrics.push_back(Json{{"key", key.toStdString()},
                                   {"value", step * 0.5},
                                   {"timestamp", 1700000000000 + step},
                                   {"step", step}});
        }
        return post(QStringLiteral("runs/log-batch"),
                    Json{{"run_id", runId.toStdString()}, {"metrics", metrics}});
    }
    QList<qint64> historySteps(const QString &runId, const QString &key)
    {
        const Reply r = get(QStringLiteral("metrics/get-history"),
                            {{"run_id", runId.toStdString()}, {"metric_key", key.toStdString()}});
        QList<qint64> steps;
        for (const Json &m : r.json.value("metrics", Json::array()))
            steps << m["step"].get<qint64>();
        return steps;
    }

    QTemporaryDir m_dir;
    std::unique_ptr<MlflowTestServer> m_server;
    std::unique_ptr<httplib::Client> m_client;

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_server = std::make_unique<MlflowTestServer>(m_dir.filePath(QStringLiteral("mlruns")));
        QVERIFY2(m_server->start(), qPrintable(m_server->errorString()));
        QVERIFY(m_server->url().startsWith(QLatin1String("http://127.0.0.1:")));
        m_client = std::make_unique<httplib::Client>("127.0.0.1", m_server->port());
        m_client->set_read_timeout(10, 0);
    }

    void init() { m_server->clearFaults(); }

    void cleanupTestCase()
    {
        m_client.reset();
        m_server->stop();
        m_server->stop(); // twice is harmless
    }

    void experimentsCreateGetSearch()
    {
        const QString id = createExperiment(QStringLiteral("exp-search"));
        QVERIFY(!id.isEmpty());

        Reply again = post(QStringLiteral("experiments/create"), Json{{"name", "exp-search"}});
        QCOMPARE(again.status, 400);
        QCOMPARE(str(again.json["error_code"]), QStringLiteral("RESOURCE_ALREADY_EXISTS"));

        Reply byName = get(QStringLiteral("experiments/get-by-name"), {{"experiment_name", "exp-search"}});
        QCOMPARE(byName.status, 200);
        QCOMPARE(str(byName.json["experiment"]["experiment_id"]), id);
        QCOMPARE(str(byName.json["experiment"]["lifecycle_stage"]), QStringLiteral("active"));
        // A server started with --serve-artifacts hands out proxied locations.
        QCOMPARE(str(byName.json["experiment"]["artifact_location"]),
                 QStringLiteral("mlflow-artifacts:/") + id);

        Reply byId = get(QStringLiteral("experiments/get"), {{"experiment_id", id.toStdString()}});
        QCOMPARE(byId.status, 200);
        QCOMPARE(str(byId.json["experiment"]["name"]), QStringLiteral("exp-search"));

        Reply missing = get(QStringLiteral("experiments/get-by-name"), {{"experiment_name", "nope"}});
        QCOMPARE(missing.status, 404);
        QCOMPARE(str(missing.json["error_code"]), QStringLiteral("RESOURCE_DOES_NOT_EXIST"));

        Reply search = post(QStringLiteral("experiments/search"), Json{{"filter", "name = 'exp-search'"}});
        QCOMPARE(search.status, 200);
        QCOMPARE(search.json["experiments"].size(), size_t(1));
        QCOMPARE(str(search.json["experiments"][0]["experiment_id"]), id);

        Reply like = post(QStringLiteral("experiments/search"),
                          Json{{"filter", "name LIKE 'exp-%'"}, {"max_results", 1000}});
        QCOMPARE(like.status, 200);
        QVERIFY(like.json["experiments"].size() >= 1);
        for (const Json &e : like.json["experiments"])
            QVERIFY(str(e["name"]).startsWith(QLatin1String("exp-")));
    }

    void logBatchThenGetRunInRestShape()
    {
        const QString exp = createExperiment(QStringLiteral("exp-shape"));
        const Reply created = post(QStringLiteral("runs/create"),
                                   Json{{"experiment_id", exp.toStdString()},
                                        {"run_name", "shape-run"},
                                        {"start_time", 1700000000123},
                                        {"user_id", "ann"},
                                        {"tags", Json::array({Json{{"key", "team"}, {"value", "vision"}}})}});
        QCOMPARE(created.status, 200);
        const Json info = created.json["run"]["info"];
        const QString runId = str(info["run_id"]);
        QVERIFY(QRegularExpression(QStringLiteral("^[0-9a-f]{32}$")).match(runId).hasMatch());
        QCOMPARE(str(info["run_uuid"]), runId);
        QCOMPARE(str(info["status"]), QStringLiteral("RUNNING"));
        QCOMPARE(info["start_time"].get<qint64>(), 1700000000123); // int64 as a JSON number
        QVERIFY(!info.contains("end_time"));                       // protobuf leaves the unset field out
        QCOMPARE(str(info["artifact_uri"]),
                 QStringLiteral("mlflow-artifacts:/%1/%2/artifacts").arg(exp, runId));

        const Json batch{
            {"run_id", runId.toStdString()},
            {"metrics",
             Json::array({Json{{"key", "loss"}, {"value", 0.9}, {"timestamp", 1700000000200}, {"step", 0}},
                          Json{{"key", "loss"}, {"value", 0.4}, {"timestamp", 1700000000300}, {"step", 1}},
                          Json{{"key", "gap"}, {"value", "NaN"}, {"timestamp", 1700000000300}, {"step", 1}},
                          Json{{"key", "peak"}, {"value", "-Infinity"}, {"timestamp", 1700000000300}}})},
            {"params",
             Json::array({Json{{"key", "lr"}, {"value", "0.01"}}, Json{{"key", "epochs"}, {"value", "3"}}})},
            {"tags", Json::array({Json{{"key", "stage"}, {"value", "train"}}})}};
        const Reply logged = post(QStringLiteral("runs/log-batch"), batch);
        QCOMPARE(logged.status, 200);
        QCOMPARE(logged.body, QByteArray("{}"));

        const Reply got = get(QStringLiteral("runs/get"), {{"run_id", runId.toStdString()}});
        QCOMPARE(got.status, 200);
        const Json data = got.json["run"]["data"];
        QHash<QString, Json> metrics;
        for (const Json &m : data["metrics"])
            metrics.insert(str(m["key"]), m);
        QCOMPARE(metrics.size(), 3);
        QCOMPARE(metrics["loss"]["value"].get<double>(), 0.4); // the latest point
        QCOMPARE(metrics["loss"]["step"].get<qint64>(), 1);
        // NaN and infinities travel as protobuf's JSON strings, as MLflow's server writes them.
        QCOMPARE(str(metrics["gap"]["value"]), QStringLiteral("NaN"));
        QCOMPARE(str(metrics["peak"]["value"]), QStringLiteral("-Infinity"));
        QCOMPARE(metrics["peak"]["step"].get<qint64>(), 0); // step defaults to 0
        QMap<QString, QString> params;
        for (const Json &p : data["params"])
            params.insert(str(p["key"]), str(p["value"]));
        QCOMPARE(params, (QMap<QString, QString>{{"lr", "0.01"}, {"epochs", "3"}}));
        QMap<QString, QString> tags;
        for (const Json &t : data["tags"])
            tags.insert(str(t["key"]), str(t["value"]));
        QCOMPARE(tags.value("team"), QStringLiteral("vision"));
        QCOMPARE(tags.value("stage"), QStringLiteral("train"));
        QCOMPARE(tags.value("mlflow.runName"), QStringLiteral("shape-run"));
        QCOMPARE(str(got.json["run"]["info"]["user_id"]), QStringLiteral("ann"));

        // The same lab types read back the REST shape.
        auto run = lab::MlflowJson::runFromJson(got.json["run"]);
        QVERIFY2(run.ok(), run.ok() ? "" : qPrintable(run.error().toString()));
        QVERIFY(std::isnan(run->metric(QStringLiteral("gap"))->value));

        // A param logged again with another value is refused, as MLflow refuses it.
        const Reply changed = post(QStringLiteral("runs/log-parameter"),
                                   Json{{"run_id", runId.toStdString()}, {"key", "lr"}, {"value", "0.1"}});
        QCOMPARE(changed.status, 400);
        QCOMPARE(str(changed.json["error_code"]), QStringLiteral("INVALID_PARAMETER_VALUE"));

        const Reply updated =
            post(QStringLiteral("runs/update"),
                 Json{{"run_id", runId.toStdString()}, {"status", "FINISHED"}, {"end_time", 1700000009999}});
        QCOMPARE(updated.status, 200);
        QCOMPARE(str(updated.json["run_info"]["status"]), QStringLiteral("FINISHED"));
        QCOMPARE(updated.json["run_info"]["end_time"].get<qint64>(), 1700000009999);

        QCOMPARE(post(QStringLiteral("runs/set-tag"),
                      Json{{"run_id", runId.toStdString()}, {"key", "note"}, {"value", "ok"}})
                     .status,
                 200);
        QCOMPARE(
            post(QStringLiteral("runs/delete-tag"), Json{{"run_id", runId.toStdString()}, {"key", "note"}})
                .status,
            200);
        QCOMPARE(
            post(QStringLiteral("runs/delete-tag"), Json{{"run_id", runId.toStdString()}, {"key", "note"}})
                .status,
            404);

        QCOMPARE(post(QStringLiteral("runs/delete"), Json{{"run_id", runId.toStdString()}}).status, 200);
        const Reply deleted = get(QStringLiteral("runs/get"), {{"run_id", runId.toStdString()}});
        QCOMPARE(str(deleted.json["run"]["info"]["lifecycle_stage"]), QStringLiteral("deleted"));
        QCOMPARE(post(QStringLiteral("runs/restore"), Json{{"run_id", runId.toStdString()}}).status, 200);
    }

    void searchRunsFilterOrderAndPageTokens()
    {
        const QString exp = createExperiment(QStringLiteral("exp-paging"));
        const int total = 23;
        for (int i = 0; i < total; ++i) {
            const QString runId = createRun(exp, QStringLiteral("r%1").arg(i));
            const Json batch{
                {"run_id", runId.toStdString()},
                {"metrics",
                 Json::array(
                     {Json{{"key", "acc"}, {"value", i / double(total)}, {"timestamp", 1}, {"step", 0}}})},
                {"params", Json::array({Json{{"key", "idx"}, {"value", std::to_string(i)}}})}};
            QCOMPARE(post(QStringLiteral("runs/log-batch"), batch).status, 200);
        }
        int expected = 0;
        for (int i = 0; i < total; ++i)
            expected += i / double(total) > 0.3 ? 1 : 0;

        QStringList seen;
        QList<double> accs;
        QString token;
        int pages = 0;
        do {
            Json body{{"experiment_ids", Json::array({exp.toStdString()})},
                      {"filter", "metrics.acc > 0.3 and params.idx != '999'"},
                      {"order_by", Json::array({"metrics.acc DESC"})},
                      {"max_results", 4}};
            if (!token.isEmpty())
                body["page_token"] = token.toStdString();
            const Reply page = post(QStringLiteral("runs/search"), body);
            QCOMPARE(page.status, 200);
            QVERIFY(page.json["runs"].size() <= 4);
            for (const Json &r : page.json["runs"]) {
                seen << str(r["info"]["run_id"]);
                for (const Json &m : r["data"]["metrics"])
                    accs << m["value"].get<double>();
            }
            token = str(page.json.value("next_page_token", Json()));
            ++pages;
        } while (!token.isEmpty() && pages < 100);
        QCOMPARE(seen.size(), expected);
        QCOMPARE(QSet<QString>(seen.begin(), seen.end()).size(), expected); // no duplicates across pages
        QCOMPARE(pages, (expected + 3) / 4);
        for (qsizetype i = 1; i < accs.size(); ++i)
            QVERIFY(accs[i - 1] >= accs[i]);

        // No run matches: protobuf's empty message.
        const Reply none =
            post(QStringLiteral("runs/search"),
                 Json{{"experiment_ids", Json::array({exp.toStdString()})}, {"filter", "metrics.acc > 5"}});
        QCOMPARE(none.status, 200);
        QCOMPARE(none.body, QByteArray("{}"));

        const Reply bad =
            post(QStringLiteral("runs/search"),
                 Json{{"experiment_ids", Json::array({exp.toStdString()})}, {"filter", "metrics.acc >>> 1"}});
        QCOMPARE(bad.status, 400);
        QCOMPARE(str(bad.json["error_code"]), QStringLiteral("INVALID_PARAMETER_VALUE"));

        const Reply tooMany =
            post(QStringLiteral("runs/search"),
                 Json{{"experiment_ids", Json::array({exp.toStdString()})}, {"max_results", 50001}});
        QCOMPARE(tooMany.status, 400);
        QCOMPARE(str(tooMany.json["error_code"]), QStringLiteral("INVALID_PARAMETER_VALUE"));

        const Reply badToken =
            post(QStringLiteral("runs/search"),
                 Json{{"experiment_ids", Json::array({exp.toStdString()})}, {"page_token", "not a token"}});
        QCOMPARE(badToken.status, 400);
    }

    void metricHistoryPages()
    {
        const QString exp = createExperiment(QStringLiteral("exp-history"));
        const QString runId = createRun(exp);
        for (int b = 0; b < 3; ++b)
            QCOMPARE(logMetrics(runId, QStringLiteral("loss"), b * 1000, b < 2 ? 1000 : 500).status, 200);

        QCOMPARE(historySteps(runId, QStringLiteral("loss")).size(), 2500); // no max_results: everything

        QList<qint64> steps;
        QString token;
        int pages = 0;
        do {
            httplib::Params params{
                {"run_id", runId.toStdString()}, {"metric_key", "loss"}, {"max_results", "1000"}};
            if (!token.isEmpty())
                params.emplace("page_token", token.toStdString());
            const Reply page = get(QStringLiteral("metrics/get-history"), params);
            QCOMPARE(page.status, 200);
            QVERIFY(page.json["metrics"].size() <= 1000);
            for (const Json &m : page.json["metrics"])
                steps << m["step"].get<qint64>();
            token = str(page.json.value("next_page_token", Json()));
            ++pages;
        } while (!token.isEmpty() && pages < 10);
        QCOMPARE(pages, 3);
        QCOMPARE(steps.size(), 2500);
        for (qsizetype i = 0; i < steps.size(); ++i)
            QCOMPARE(steps[i], qint64(i));

        const Reply tooMany =
            get(QStringLiteral("metrics/get-history"),
                {{"run_id", runId.toStdString()}, {"metric_key", "loss"}, {"max_results", "25001"}});
        QCOMPARE(tooMany.status, 400);

        const Reply unknownKey = get(QStringLiteral("metrics/get-history"),
                                     {{"run_id", runId.toStdString()}, {"metric_key", "nothing"}});
        QCOMPARE(unknownKey.status, 200);
        QCOMPARE(unknownKey.body, QByteArray("{}"));
    }

    void bulkIntervalSampling()
    {
        const QString exp = createExperiment(QStringLiteral("exp-bulk"));
        const QString dense = createRun(exp);
        const QString sparse = createRun(exp);
        for (int b = 0; b < 10; ++b)
            QCOMPARE(logMetrics(dense, QStringLiteral("loss"), b * 1000, 1000).status, 200); // steps 0..9999
        QCOMPARE(logMetrics(sparse, QStringLiteral("loss"), 5, 300, 7).status,
                 200); // steps 35..2128, stride 7

        // One run: max_results evenly spaced steps plus the last one, first and last included.
        Reply one = get(QStringLiteral("metrics/get-history-bulk-interval"),
                        {{"run_ids", dense.toStdString()}, {"metric_key", "loss"}, {"max_results", "100"}});
        QCOMPARE(one.status, 200);
        QList<qint64> steps;
        for (const Json &m : one.json["metrics"]) {
            QCOMPARE(str(m["run_id"]), dense);
            steps << m["step"].get<qint64>();
        }
        QCOMPARE(steps.size(), 101);
        QCOMPARE(steps.first(), qint64(0));
        QCOMPARE(steps.last(), qint64(9999));
        for (qsizetype i = 1; i + 1 < steps.size(); ++i)
            QCOMPARE(steps[i] - steps[i - 1], qint64(100));

        // Two runs: sampled on the union of their steps; each run keeps its own first and last step.
        Reply two =
            get(QStringLiteral("metrics/get-history-bulk-interval"), {{"run_ids", dense.toStdString()},
                                                                      {"run_ids", sparse.toStdString()},
                                                                      {"metric_key", "loss"},
                                                                      {"max_results", "50"}});
        QCOMPARE(two.status, 200);
        QHash<QString, QList<qint64>> perRun;
        for (const Json &m : two.json["metrics"])
            perRun[str(m["run_id"])] << m["step"].get<qint64>();
        QCOMPARE(perRun.size(), 2);
        QVERIFY(perRun[dense].size() <= 50 + 1 + 2);
        QVERIFY(perRun[sparse].size() <= 50 + 1 + 2);
        QCOMPARE(perRun[sparse].first(), qint64(35));
        QCOMPARE(perRun[sparse].last(), qint64(304 * 7));
        QCOMPARE(perRun[dense].first(), qint64(0));
        QCOMPARE(perRun[dense].last(), qint64(9999));
        QVERIFY(std::is_sorted(perRun[sparse].begin(), perRun[sparse].end()));

        // A window that fits is returned whole.
        Reply window =
            get(QStringLiteral("metrics/get-history-bulk-interval"), {{"run_ids", dense.toStdString()},
                                                                      {"metric_key", "loss"},
                                                                      {"start_step", "100"},
                                                                      {"end_step", "200"},
                                                                      {"max_results", "1000"}});
        QCOMPARE(window.status, 200);
        QCOMPARE(window.json["metrics"].size(), size_t(101));
        QCOMPARE(window.json["metrics"][0]["step"].get<qint64>(), 100);

        httplib::Params tooManyRuns{{"metric_key", "loss"}};
        for (int i = 0; i < 101; ++i) // distinct: httplib folds repeated identical pairs
            tooManyRuns.emplace("run_ids",
                                QStringLiteral("%1").arg(i, 32, 16, QLatin1Char('0')).toStdString());
        QCOMPARE(get(QStringLiteral("metrics/get-history-bulk-interval"), tooManyRuns).status, 400);
        QCOMPARE(get(QStringLiteral("metrics/get-history-bulk-interval"),
                     {{"run_ids", dense.toStdString()}, {"metric_key", "loss"}, {"max_results", "2501"}})
                     .status,
                 400);
        QCOMPARE(get(QStringLiteral("metrics/get-history-bulk-interval"),
                     {{"run_ids", dense.toStdString()}, {"metric_key", "loss"}, {"start_step", "3"}})
                     .status,
                 400);
    }

    void artifactsListAndProxy()
    {
        const QString exp = createExperiment(QStringLiteral("exp-artifacts"));
        const QString runId = createRun(exp);
        const std::string base = QStringLiteral("/api/2.0/mlflow-artifacts/artifacts/%1/%2/artifacts/")
                                     .arg(exp, runId)
                                     .toStdString();
        const std::string mlmodel = "artifact_path: model\nflavors: {}\n";
        const Reply put =
            fromResult(m_client->Put(base + "model/MLmodel", mlmodel, "application/octet-stream"));
        QCOMPARE(put.status, 200);

        const Reply top = get(QStringLiteral("artifacts/list"), {{"run_id", runId.toStdString()}});
        QCOMPARE(top.status, 200);
        QCOMPARE(str(top.json["root_uri"]),
                 QStringLiteral("mlflow-artifacts:/%1/%2/artifacts").arg(exp, runId));
        QCOMPARE(top.json["files"].size(), size_t(1));
        QCOMPARE(str(top.json["files"][0]["path"]), QStringLiteral("model"));
        QCOMPARE(top.json["files"][0]["is_dir"].get<bool>(), true);
        QVERIFY(!top.json["files"][0].contains("file_size"));

        const Reply sub =
            get(QStringLiteral("artifacts/list"), {{"run_id", runId.toStdString()}, {"path", "model"}});
        QCOMPARE(str(sub.json["files"][0]["path"]), QStringLiteral("model/MLmodel"));
        QCOMPARE(sub.json["files"][0]["file_size"].get<qint64>(), qint64(mlmodel.size()));

        const Reply download = fromResult(m_client->Get(base + "model/MLmodel"));
        QCOMPARE(download.status, 200);
        QCOMPARE(download.body, QByteArray::fromStdString(mlmodel));
        QCOMPARE(fromResult(m_client->Get(base + "model/missing")).status, 404);

        const Reply escape =
            get(QStringLiteral("artifacts/list"), {{"run_id", runId.toStdString()}, {"path", "../.."}});
        QCOMPARE(escape.status, 400);
    }

    void registryWithAliases()
    {
        const QString exp = createExperiment(QStringLiteral("exp-registry"));
        const QString runId = createRun(exp);
        QCOMPARE(post(QStringLiteral("registered-models/create"), Json{{"name", "digits"}}).status, 200);
        const Reply dup = post(QStringLiteral("registered-models/create"), Json{{"name", "digits"}});
        QCOMPARE(dup.status, 400);
        QCOMPARE(str(dup.json["error_code"]), QStringLiteral("RESOURCE_ALREADY_EXISTS"));

        const std::string source = QStringLiteral("runs:/%1/model").arg(runId).toStdString();
        for (const char *expected : {"1", "2"}) {
            const Reply v =
                post(QStringLiteral("model-versions/create"),
                     Json{{"name", "digits"}, {"source", source}, {"run_id", runId.toStdString()}});
            QCOMPARE(v.status, 200);
            QCOMPARE(str(v.json["model_version"]["version"]), QString::fromLatin1(expected));
            QCOMPARE(str(v.json["model_version"]["source"]), QString::fromStdString(source));
            QCOMPARE(str(v.json["model_version"]["status"]), QStringLiteral("READY"));
        }
        QCOMPARE(post(QStringLiteral("registered-models/alias"),
                      Json{{"name", "digits"}, {"alias", "champion"}, {"version", "1"}})
                     .status,
                 200);
        QCOMPARE(post(QStringLiteral("registered-models/alias"),
                      Json{{"name", "digits"}, {"alias", "latest"}, {"version", "1"}})
                     .status,
                 400);
        QCOMPARE(post(QStringLiteral("registered-models/alias"),
                      Json{{"name", "digits"}, {"alias", "x"}, {"version", "9"}})
                     .status,
                 404);

        const Reply byAlias =
            get(QStringLiteral("registered-models/alias"), {{"name", "digits"}, {"alias", "champion"}});
        QCOMPARE(byAlias.status, 200);
        QCOMPARE(str(byAlias.json["model_version"]["version"]), QStringLiteral("1"));
        COMPARE_JSON(byAlias.json["model_version"]["aliases"], Json::array({"champion"}));

        const Reply model = get(QStringLiteral("registered-models/get"), {{"name", "digits"}});
        QCOMPARE(model.status, 200);
        COMPARE_JSON(model.json["registered_model"]["aliases"],
                     Json::array({Json{{"alias", "champion"}, {"version", "1"}}}));
        QCOMPARE(str(model.json["registered_model"]["latest_versions"][0]["version"]), QStringLiteral("2"));

        QCOMPARE(post(QStringLiteral("registered-models/set-tag"),
                      Json{{"name", "digits"}, {"key", "task"}, {"value", "mnist"}})
                     .status,
                 200);
        QCOMPARE(post(QStringLiteral("model-versions/set-tag"),
                      Json{{"name", "digits"}, {"version", "2"}, {"key", "ok"}, {"value", "yes"}})
                     .status,
                 200);

        const Reply versions = get(QStringLiteral("model-versions/search"), {{"filter", "name='digits'"}});
        QCOMPARE(versions.status, 200);
        QCOMPARE(versions.json["model_versions"].size(), size_t(2));
        const Reply byRun = get(QStringLiteral("model-versions/search"),
                                {{"filter", QStringLiteral("run_id = '%1'").arg(runId).toStdString()}});
        QCOMPARE(byRun.json["model_versions"].size(), size_t(2));

        const Reply models =
            get(QStringLiteral("registered-models/search"), {{"filter", "name LIKE 'dig%'"}});
        QCOMPARE(models.json["registered_models"].size(), size_t(1));
        QCOMPARE(str(models.json["registered_models"][0]["tags"][0]["key"]), QStringLiteral("task"));

        const Reply version =
            get(QStringLiteral("model-versions/get"), {{"name", "digits"}, {"version", "2"}});
        QCOMPARE(str(version.json["model_version"]["tags"][0]["value"]), QStringLiteral("yes"));

        const Reply removed = fromResult(
            m_client->Delete(QString(Api + QStringLiteral("registered-models/alias")).toStdString(),
                             Json{{"name", "digits"}, {"alias", "champion"}}.dump(), "application/json"));
        QCOMPARE(removed.status, 200);
        const Reply gone =
            get(QStringLiteral("registered-models/alias"), {{"name", "digits"}, {"alias", "champion"}});
        QCOMPARE(gone.status, 404);
        QCOMPARE(str(gone.json["error_code"]), QStringLiteral("RESOURCE_DOES_NOT_EXIST"));

        const Reply noModel = get(QStringLiteral("registered-models/get"), {{"name", "nope"}});
        QCOMPARE(noModel.status, 404);
        QCOMPARE(str(noModel.json["message"]), QStringLiteral("Registered Model with name=nope not found"));
    }

    void errorBodiesAndStatuses()
    {
        const Reply run = get(QStringLiteral("runs/get"), {{"run_id", "0123456789abcdef0123456789abcdef"}});
        QCOMPARE(run.status, 404);
        QCOMPARE(run.header("Content-Type"), QStringLiteral("application/json"));
        COMPARE_JSON(run.json, (Json{{"error_code", "RESOURCE_DOES_NOT_EXIST"},
                                     {"message", "Run with id=0123456789abcdef0123456789abcdef not found"}}));

        const Reply malformed = get(QStringLiteral("runs/get"), {{"run_id", "../etc"}});
        QCOMPARE(malformed.status, 404);

        const Reply exp = get(QStringLiteral("experiments/get"), {{"experiment_id", "987654"}});
        QCOMPARE(exp.status, 404);
        COMPARE_JSON(exp.json, (Json{{"error_code", "RESOURCE_DOES_NOT_EXIST"},
                                     {"message", "No Experiment with id=987654 exists"}}));

        const Reply missingParam = get(QStringLiteral("runs/get"));
        QCOMPARE(missingParam.status, 400);
        QCOMPARE(str(missingParam.json["error_code"]), QStringLiteral("INVALID_PARAMETER_VALUE"));

        const Reply notJson = fromResult(m_client->Post(
            QString(Api + QStringLiteral("runs/create")).toStdString(), "{oops", "application/json"));
        QCOMPARE(notJson.status, 400);

        const Reply logToMissing =
            post(QStringLiteral("runs/log-batch"), Json{{"run_id", "0123456789abcdef0123456789abcdef"}});
        QCOMPARE(logToMissing.status, 404);

        // Unknown paths get Flask's HTML page, as from the real server; a wrong method, 405.
        const Reply unknown = get(QStringLiteral("runs/frobnicate"));
        QCOMPARE(unknown.status, 404);
        QVERIFY(unknown.header("Content-Type").startsWith(QLatin1String("text/html")));
        QCOMPARE(get(QStringLiteral("runs/log-batch")).status, 405);
        QCOMPARE(fromResult(m_client->Get("/health")).body, QByteArray("OK"));
    }

    void logBatchLimits()
    {
        const QString exp = createExperiment(QStringLiteral("exp-limits"));
        const QString runId = createRun(exp);
        const Reply over = logMetrics(runId, QStringLiteral("m"), 0, 1001);
        QCOMPARE(over.status, 400);
        QCOMPARE(str(over.json["error_code"]), QStringLiteral("INVALID_PARAMETER_VALUE"));
        QVERIFY(str(over.json["message"]).contains(QLatin1String("at most 1000 metrics")));
        QCOMPARE(historySteps(runId, QStringLiteral("m")).size(), 0); // nothing of it stored

        QCOMPARE(logMetrics(runId, QStringLiteral("m"), 0, 1000).status, 200);

        Json params = Json::array();
        for (int i = 0; i < 101; ++i)
            params.push_back(Json{{"key", "p" + std::to_string(i)}, {"value", "v"}});
        QCOMPARE(
            post(QStringLiteral("runs/log-batch"), Json{{"run_id", runId.toStdString()}, {"params", params}})
                .status,
            400);

        Json mixed =
            Json{{"run_id", runId.toStdString()}, {"metrics", Json::array()}, {"tags", Json::array()}};
        for (int i = 0; i < 950; ++i)
            mixed["metrics"].push_back(Json{{"key", "n"}, {"value", 1}, {"timestamp", 1}, {"step", i}});
        for (int i = 0; i < 51; ++i)
            mixed["tags"].push_back(Json{{"key", "t" + std::to_string(i)}, {"value", "v"}});
        const Reply total = post(QStringLiteral("runs/log-batch"), mixed);
        QCOMPARE(total.status, 400); // 1001 entities in all

        const Reply noTimestamp = post(QStringLiteral("runs/log-batch"),
                                       Json{{"run_id", runId.toStdString()},
                                            {"metrics", Json::array({Json{{"key", "x"}, {"value", 1}}})}});
        QCOMPARE(noTimestamp.status, 400);
    }

    void faultsAreConsumedInOrder()
    {
        const QString exp = createExperiment(QStringLiteral("exp-faults"));
        const QString runId = createRun(exp);

        MlflowTestServer::Fault unavailable;
        unavailable.status = 503;
        unavailable.retryAfter = QStringLiteral("1");
        unavailable.times = 3;
        m_server->injectFault(QStringLiteral("runs/log-batch"), unavailable);
        QCOMPARE(m_server->pendingFaults(), 3);
        for (int i = 0; i < 3; ++i) {
            const Reply r = logMetrics(runId, QStringLiteral("f"), 0, 4);
            QCOMPARE(r.status, 503);
            QCOMPARE(r.header("Retry-After"), QStringLiteral("1"));
            QCOMPARE(str(r.json["error_code"]), QStringLiteral("TEMPORARILY_UNAVAILABLE"));
        }
        QCOMPARE(logMetrics(runId, QStringLiteral("f"), 0, 4).status, 200);
        QCOMPARE(historySteps(runId, QStringLiteral("f")).size(), 4); // only the answered call landed
        QCOMPARE(m_server->pendingFaults(), 0);

        // Half of the batch lands, then the server fails: what a retrying client must detect.
        MlflowTestServer::Fault partial;
        partial.partialLogBatchThen500 = true;
        m_server->injectFault(QStringLiteral("runs/log-batch"), partial);
        const Reply half = logMetrics(runId, QStringLiteral("g"), 0, 10);
        QCOMPARE(half.status, 500);
        QCOMPARE(str(half.json["error_code"]), QStringLiteral("INTERNAL_ERROR"));
        QCOMPARE(historySteps(runId, QStringLiteral("g")), (QList<qint64>{0, 1, 2, 3, 4}));

        // Applied, then the connection drops: the client cannot tell whether it landed.
        MlflowTestServer::Fault drop;
        drop.dropConnection = true;
        drop.applyFirst = true;
        m_server->injectFault(QStringLiteral("runs/log-batch"), drop);
        const Reply dropped = logMetrics(runId, QStringLiteral("h"), 0, 3);
        QVERIFY(!dropped.transportOk);
        QCOMPARE(historySteps(runId, QStringLiteral("h")).size(), 3);

        MlflowTestServer::Fault truncated;
        truncated.truncateBody = true;
        m_server->injectFault(QStringLiteral("runs/get"), truncated);
        QVERIFY(!get(QStringLiteral("runs/get"), {{"run_id", runId.toStdString()}}).transportOk);

        MlflowTestServer::Fault cut;
        cut.truncateJson = true;
        m_server->injectFault(QStringLiteral("runs/get"), cut);
        const Reply cutReply = get(QStringLiteral("runs/get"), {{"run_id", runId.toStdString()}});
        QCOMPARE(cutReply.status, 200);
        QVERIFY(!cutReply.body.isEmpty());
        QVERIFY(!lab::MlflowJson::parse(cutReply.body).ok());

        MlflowTestServer::Fault notMlflow;
        notMlflow.status = 200;
        notMlflow.body = "<html><body>Welcome to nginx!</body></html>";
        notMlflow.contentType = "text/html";
        m_server->injectFault(QStringLiteral("experiments/search"), notMlflow);
        const Reply welcome = post(QStringLiteral("experiments/search"), Json::object());
        QCOMPARE(welcome.status, 200);
        QCOMPARE(welcome.header("Content-Type"), QStringLiteral("text/html"));
        QCOMPARE(welcome.body, notMlflow.body);

        MlflowTestServer::Fault proxy;
        proxy.htmlProxyPage = true;
        m_server->injectFault(QStringLiteral("runs/search"), proxy);
        const Reply page =
            post(QStringLiteral("runs/search"), Json{{"experiment_ids", Json::array({exp.toStdString()})}});
        QCOMPARE(page.status, 502);
        QVERIFY(page.header("Content-Type").startsWith(QLatin1String("text/html")));
        QVERIFY(page.body.contains("502 Bad Gateway"));

        MlflowTestServer::Fault limited;
        limited.status = 429;
        limited.retryAfter = QStringLiteral("2");
        m_server->injectFault(QStringLiteral("experiments/get$"), limited);
        const Reply throttled =
            get(QStringLiteral("experiments/get"), {{"experiment_id", exp.toStdString()}});
        QCOMPARE(throttled.status, 429);
        QCOMPARE(str(throttled.json["error_code"]), QStringLiteral("REQUEST_LIMIT_EXCEEDED"));
        QCOMPARE(get(QStringLiteral("experiments/get"), {{"experiment_id", exp.toStdString()}}).status, 200);

        MlflowTestServer::Fault slow;
        slow.slowBodyMsPerByte = 1;
        m_server->injectFault(QStringLiteral("experiments/get$"), slow);
        const Reply slowReply =
            get(QStringLiteral("experiments/get"), {{"experiment_id", exp.toStdString()}});
        QCOMPARE(slowReply.status, 200);
        QCOMPARE(str(slowReply.json["experiment"]["experiment_id"]), exp); // slow, but whole

        // Every request is on record, with its answer.
        const auto batches = m_server->requests(QStringLiteral("runs/log-batch$"), QStringLiteral("POST"));
        QVERIFY(batches.size() >= 6);
        QList<int> statuses;
        for (const auto &r : batches.mid(batches.size() - 6))
            statuses << r.status;
        QCOMPARE(statuses, (QList<int>{503, 503, 503, 200, 500, 0}));
        const auto gets = m_server->requests(QStringLiteral("experiments/get$"));
        QVERIFY(gets.last().query.contains(QStringLiteral("experiment_id=") + exp));
        QCOMPARE(gets.last().authKind, QStringLiteral("none"));
    }

    void basicAndBearerAuth()
    {
        QTemporaryDir dir;
        MlflowTestServer::Options options;
        options.username = QStringLiteral("ann");
        options.password = QStringLiteral("s3cret-pass");
        options.token = QStringLiteral("tok-123");
        MlflowTestServer server(dir.filePath(QStringLiteral("mlruns")), options);
        QVERIFY(server.start());
        httplib::Client client("127.0.0.1", server.port());
        const std::string path = "/api/2.0/mlflow/experiments/get?experiment_id=0";

        const Reply anonymous = fromResult(client.Get(path));
        QCOMPARE(anonymous.status, 401);
        QCOMPARE(anonymous.header("WWW-Authenticate"), QStringLiteral("Basic realm=\"mlflow\""));
        QVERIFY(anonymous.body.startsWith("You are not authenticated."));

        client.set_basic_auth("ann", "wrong");
        QCOMPARE(fromResult(client.Get(path)).status, 401);
        client.set_basic_auth("ann", "s3cret-pass");
        QCOMPARE(fromResult(client.Get(path)).status, 200);

        httplib::Client bearer("127.0.0.1", server.port());
        bearer.set_bearer_token_auth("tok-999");
        QCOMPARE(fromResult(bearer.Get(path)).status, 401);
        bearer.set_bearer_token_auth("tok-123");
        QCOMPARE(fromResult(bearer.Get(path)).status, 200);

        QStringList kinds;
        for (const auto &r : server.requests()) {
            kinds << r.authKind;
            QVERIFY(!r.query.contains(QLatin1String("s3cret")) && !r.body.contains("s3cret"));
        }
        QCOMPARE(kinds, (QStringList{"none", "basic", "basic", "bearer", "bearer"}));

        server.setAuth({}, {}, QStringLiteral("rotated"));
        QCOMPARE(fromResult(bearer.Get(path)).status, 401);
        QCOMPARE(fromResult(httplib::Client("127.0.0.1", server.port()).Get(path)).header("WWW-Authenticate"),
                 QStringLiteral("Bearer realm=\"mlflow\""));
    }

    void tlsWithClientCertificate()
    {
        QTemporaryDir dir;
        const MlflowTestServer::TlsFiles tls =
            MlflowTestServer::generateTlsFiles(dir.filePath(QStringLiteral("pki")));
        QVERIFY(!tls.caCert.isEmpty());
        MlflowTestServer::Options options;
        options.certFile = tls.serverCert;
        options.keyFile = tls.serverKey;
        options.clientCaFile = tls.caCert;
        MlflowTestServer server(dir.filePath(QStringLiteral("mlruns")), options);
        QVERIFY2(server.start(), qPrintable(server.errorString()));
        QVERIFY(server.url().startsWith(QLatin1String("https://127.0.0.1:")));
        const std::string path = "/api/2.0/mlflow/experiments/get?experiment_id=0";

        httplib::SSLClient good("127.0.0.1", server.port(), tls.clientCert.toStdString(),
                                tls.clientKey.toStdString());
        good.set_ca_cert_path(tls.caCert.toStdString().c_str());
        good.enable_server_certificate_verification(true);
        const Reply ok = fromResult(good.Get(path));
        QCOMPARE(ok.status, 200);
        QCOMPARE(str(ok.json["experiment"]["name"]), QStringLiteral("Default"));

        httplib::SSLClient noClientCert("127.0.0.1", server.port());
        noClientCert.set_ca_cert_path(tls.caCert.toStdString().c_str());
        noClientCert.enable_server_certificate_verification(true);
        QVERIFY(!fromResult(noClientCert.Get(path)).transportOk);

        httplib::SSLClient wrongCa("127.0.0.1", server.port(), tls.clientCert.toStdString(),
                                   tls.clientKey.toStdString());
        wrongCa.set_ca_cert_path(tls.otherCaCert.toStdString().c_str());
        wrongCa.enable_server_certificate_verification(true);
        QVERIFY(!fromResult(wrongCa.Get(path)).transportOk);
    }

    void servesFixtureStoreWithExactValues()
    {
        QTemporaryDir dir;
        const QString source = labtest::fixture(QStringLiteral("mlruns/MLFlowSample/mlruns"));
        const QString target = dir.filePath(QStringLiteral("mlruns"));
        QDirIterator it(source, QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden,
                        QDirIterator::Subdirectories);
        while (it.hasNext()) {
            const QString from = it.next();
            const QString to = target + from.mid(source.size());
            if (it.fileInfo().isDir()) {
                QVERIFY(QDir().mkpath(to));
            } else {
                QDir().mkpath(QFileInfo(to).absolutePath());
                QVERIFY(QFile::copy(from, to));
            }
        }
        MlflowTestServer server(target);
        QVERIFY(server.start());
        httplib::Client client("127.0.0.1", server.port());

        const Reply runs =
            fromResult(client.Post("/api/2.0/mlflow/runs/search",
                                   Json{{"experiment_ids", Json::array({"0"})}}.dump(), "application/json"));
        QCOMPARE(runs.status, 200);
        QCOMPARE(runs.json["runs"].size(), size_t(2));
        // MLflow's default order: start_time DESC.
        const Json first = runs.json["runs"][0];
        QCOMPARE(str(first["info"]["run_id"]), QStringLiteral("1a3c30a3fc464ce783540a93b69f941a"));
        QCOMPARE(str(first["info"]["run_name"]), QStringLiteral("fortunate-shrew-385"));
        QCOMPARE(str(first["info"]["status"]), QStringLiteral("FINISHED"));
        QCOMPARE(str(first["info"]["user_id"]), QStringLiteral("junchao.yu"));
        QCOMPARE(first["info"]["start_time"].get<qint64>(), 1685526794468);
        QCOMPARE(first["info"]["end_time"].get<qint64>(), 1685526795955);
        QCOMPARE(str(first["info"]["artifact_uri"]),
                 QStringLiteral("mlflow-artifacts:/0/1a3c30a3fc464ce783540a93b69f941a/artifacts"));
        COMPARE_JSON(
            first["data"]["metrics"],
            Json::array({Json{
                {"key", "mse"}, {"value", 356.6847104398046}, {"timestamp", 1685526794541}, {"step", 0}}}));
        QCOMPARE(str(runs.json["runs"][1]["info"]["run_name"]), QStringLiteral("awesome-calf-495"));
        QVERIFY(!runs.json["runs"][1]["data"].contains("metrics")); // no metrics: the field is left out

        const Reply models = fromResult(client.Get("/api/2.0/mlflow/registered-models/search"));
        QCOMPARE(models.status, 200);
        QCOMPARE(str(models.json["registered_models"][0]["name"]),
                 QStringLiteral("sk-learn-random-forest-reg-model"));
        const Reply versions = fromResult(client.Get(
            "/api/2.0/mlflow/model-versions/search?filter=name%3D%27sk-learn-random-forest-reg-model%27"));
        QCOMPARE(versions.json["model_versions"].size(), size_t(2));
        const Reply v4 = fromResult(
            client.Get("/api/2.0/mlflow/model-versions/get?name=sk-learn-random-forest-reg-model&version=4"));
        QCOMPARE(str(v4.json["model_version"]["current_stage"]), QStringLiteral("Production"));
        QCOMPARE(str(v4.json["model_version"]["run_id"]), QStringLiteral("1a3c30a3fc464ce783540a93b69f941a"));
    }
};

QTEST_GUILESS_MAIN(TestMlflowTestServer)
#include "tst_mlflowtestserver.moc"
