#include "testpaths.h"
#include "tracking/mlflowjson.h"

#include <QFile>
#include <QTest>

#include <cmath>
#include <limits>

using namespace lab;
using Json = MlflowJson::Json;

class TestMlflowJson : public QObject
{
    Q_OBJECT

    static QByteArray readFixture(const QString &rel)
    {
        QFile f(labtest::fixture(rel));
        if (!f.open(QIODevice::ReadOnly))
            return {};
        return f.readAll();
    }

private Q_SLOTS:
    void readsTheRunOfARealMlflowServerExactly()
    {
        const QByteArray bytes =
            readFixture(QStringLiteral("mlflow-rest/mlflow-tools-dump-run-regular_mlflow.json"));
        QVERIFY(!bytes.isEmpty());
        Result<Json> doc = MlflowJson::parse(bytes);
        QVERIFY2(doc.ok(), qPrintable(doc.ok() ? QString() : doc.error().toString()));
        // The dump's "run" member is a runs/get Run (SOURCES.md); the wrapper adds other members.
        Result<Run> r = MlflowJson::runFromJson((*doc)["run"]);
        QVERIFY2(r.ok(), qPrintable(r.ok() ? QString() : r.error().toString()));
        const Run &run = *r;
        QCOMPARE(run.info.runId, QStringLiteral("a50163ec4f9e4343ac8d7e46df730a96"));
        QCOMPARE(run.info.experimentId, QStringLiteral("2"));
        QCOMPARE(run.info.runName, QStringLiteral("train_mult.sh"));
        QCOMPARE(run.info.userId, QStringLiteral("andre"));
        QCOMPARE(run.info.status, RunStatus::Finished);
        QCOMPARE(run.info.startTime, Q_INT64_C(1669434180226));
        QCOMPARE(run.info.endTime, Q_INT64_C(1669434186906));
        QCOMPARE(run.info.artifactUri,
                 QStringLiteral("/opt/mlflow/server/mlruns/2/a50163ec4f9e4343ac8d7e46df730a96/artifacts"));
        QCOMPARE(run.info.lifecycleStage, LifecycleStage::Active);

        QCOMPARE(run.metrics.size(), 3);
        QCOMPARE(run.metrics[0], (MetricPoint{QStringLiteral("rmse"), 0.7367947360663162, 1669434184499, 0}));
        QCOMPARE(run.metrics[1], (MetricPoint{QStringLiteral("r2"), 0.28100217442439346, 1669434184507, 0}));
        QCOMPARE(run.metrics[2], (MetricPoint{QStringLiteral("mae"), 0.5877424565761121, 1669434184518, 0}));

        QCOMPARE(run.params.size(), 8);
        QCOMPARE(run.param(QStringLiteral("data-path")),
                 QStringLiteral("../../data/train/wine-quality-white.csv"));
        QCOMPARE(run.param(QStringLiteral("model-name")), QStringLiteral("''"));
        QCOMPARE(run.param(QStringLiteral("max_leaf_nodes")), QStringLiteral("32"));

        QCOMPARE(run.tags.size(), 21);
        QCOMPARE(run.tag(QStringLiteral("mlflow.source.type")), QStringLiteral("PROJECT"));
        QCOMPARE(run.tag(QStringLiteral("version.mlflow")), QStringLiteral("2.0.1"));
        QCOMPARE(run.tag(QStringLiteral("output_path")), QStringLiteral("none"));
        // mlflow-tools expanded this tag into JSON; it is kept as its JSON text, nothing lost.
        const QString history = run.tag(tags::LogModelHistory);
        QVERIFY(history.startsWith(QLatin1Char('[')));
        QVERIFY(history.contains(QStringLiteral("\"artifact_path\":\"model\"")));
    }

    void writesTheRestShapeAndReadsItBack()
    {
        const QByteArray bytes =
            readFixture(QStringLiteral("mlflow-rest/mlflow-tools-dump-run-regular_mlflow.json"));
        Result<Json> doc = MlflowJson::parse(bytes);
        QVERIFY(doc.ok());
        const Run run = *MlflowJson::runFromJson((*doc)["run"]);
        const Json out = MlflowJson::toJson(run);
        // Field by field against what the server sent (the dump's own underscore extras aside).
        const Json &info = (*doc)["run"]["info"];
        for (const char *k : {"run_id", "run_uuid", "run_name", "experiment_id", "user_id", "status",
                              "start_time", "end_time", "artifact_uri", "lifecycle_stage"})
            QVERIFY2(out["info"][k] == info[k], k);
        QVERIFY(out["data"]["metrics"] == (*doc)["run"]["data"]["metrics"]);
        QVERIFY(out["data"]["params"] == (*doc)["run"]["data"]["params"]);
        QCOMPARE(out["data"]["tags"].size(), std::size_t(21));

        // Text round trip: dump, parse, read gives the same run.
        Result<Json> again = MlflowJson::parse(MlflowJson::dump(out, 2));
        QVERIFY(again.ok());
        Result<Run> back = MlflowJson::runFromJson(*again);
        QVERIFY(back.ok());
        QCOMPARE(back->metrics, run.metrics);
        QCOMPARE(back->params, run.params);
        QCOMPARE(back->tags, run.tags);
        QCOMPARE(back->info.startTime, run.info.startTime);
        QCOMPARE(back->info.endTime, run.info.endTime);
        QCOMPARE(back->info.status, run.info.status);
        QCOMPARE(back->info.runName, run.info.runName);
    }

    void runningRunHasNoEndTime()
    {
        Run run;
        run.info.runId = QStringLiteral("abc");
        run.info.status = RunStatus::Running;
        run.info.startTime = 5;
        const Json j = MlflowJson::toJson(run);
        QVERIFY(!j["info"].contains("end_time"));
        QCOMPARE(j["info"]["status"].get<std::string>(), std::string("RUNNING"));
        QVERIFY(j["data"]["metrics"].is_array());
    }

    void experimentAndRegistryRoundTrip()
    {
        Experiment e;
        e.id = QStringLiteral("7");
        e.name = QStringLiteral("spirals \u00e9t\u00e9");
        e.artifactLocation = QStringLiteral("file:///tmp/mlruns/7");
        e.creationTime = 1684000000123;
        e.lastUpdateTime = 1684000000999;
        e.tags = {{QStringLiteral("owner"), QStringLiteral("ann")}};
        const Json j = MlflowJson::toJson(e);
        QCOMPARE(j["experiment_id"].get<std::string>(), std::string("7"));
        QCOMPARE(j["creation_time"].get<qint64>(), Q_INT64_C(1684000000123));
        QCOMPARE(j["lifecycle_stage"].get<std::string>(), std::string("active"));
        Result<Experiment> back = MlflowJson::experimentFromJson(*MlflowJson::parse(MlflowJson::dump(j)));
        QVERIFY(back.ok());
        QCOMPARE(back->name, e.name);
        QCOMPARE(back->creationTime, e.creationTime);
        QCOMPARE(back->lastUpdateTime, e.lastUpdateTime);
        QCOMPARE(back->tags, e.tags);

        ModelVersion v;
        v.name = QStringLiteral("sk-learn-random-forest-reg-model");
        v.version = QStringLiteral("4");
        v.currentStage = QStringLiteral("Production");
        v.runId = QStringLiteral("1a3c30a3fc464ce783540a93b69f941a");
        v.status = QStringLiteral("READY");
        v.creationTimestamp = 1684740000000;
        v.aliases = {QStringLiteral("champion")};
        RegisteredModel m;
        m.name = v.name;
        m.aliases.insert(QStringLiteral("champion"), QStringLiteral("4"));
        const Json mj = MlflowJson::toJson(m, {v});
        QCOMPARE(mj["latest_versions"][0]["current_stage"].get<std::string>(), std::string("Production"));
        QCOMPARE(mj["aliases"][0]["alias"].get<std::string>(), std::string("champion"));
        QCOMPARE(mj["aliases"][0]["version"].get<std::string>(), std::string("4"));
        Result<RegisteredModel> mb = MlflowJson::registeredModelFromJson(Json{{"registered_model", mj}});
        QVERIFY(mb.ok());
        QCOMPARE(mb->aliases, m.aliases);
        Result<ModelVersion> vb = MlflowJson::modelVersionFromJson(mj["latest_versions"][0]);
        QVERIFY(vb.ok());
        QCOMPARE(vb->runId, v.runId);
        QCOMPARE(vb->aliases, v.aliases);
        QCOMPARE(vb->creationTimestamp, v.creationTimestamp);
    }

    void nanAndInfinityTravelAsProtobufStrings()
    {
        const QList<MetricPoint> history = {
            {QStringLiteral("loss"), std::numeric_limits<double>::quiet_NaN(), 1, 0},
            {QStringLiteral("loss"), std::numeric_limits<double>::infinity(), 2, 1},
            {QStringLiteral("loss"), -std::numeric_limits<double>::infinity(), 3, 2},
            {QStringLiteral("loss"), 0.1, 4, 3},
        };
        const QByteArray text = MlflowJson::dump(MlflowJson::metricHistoryToJson(history));
        QVERIFY2(text.contains("\"value\":\"NaN\""), text.constData());
        QVERIFY(text.contains("\"value\":\"Infinity\""));
        QVERIFY(text.contains("\"value\":\"-Infinity\""));
        QVERIFY(text.contains("\"value\":0.1"));
        Result<QList<MetricPoint>> back = MlflowJson::metricHistoryFromJson(*MlflowJson::parse(text));
        QVERIFY(back.ok());
        QCOMPARE(back->size(), 4);
        QVERIFY(std::isnan(back->at(0).value));
        QVERIFY(std::isinf(back->at(1).value) && back->at(1).value > 0);
        QVERIFY(std::isinf(back->at(2).value) && back->at(2).value < 0);
        QCOMPARE(back->at(3).value, 0.1);
        QCOMPARE(back->at(2).step, Q_INT64_C(2));
    }

    void int64AsStringIsAccepted()
    {
        // protobuf's JSON mapping may write int64 as a decimal string.
        Result<Json> j = MlflowJson::parse(
            R"({"key":"m","value":"1.5","timestamp":"1669434184499","step":"9007199254740993"})");
        QVERIFY(j.ok());
        Result<MetricPoint> m = MlflowJson::metricFromJson(*j);
        QVERIFY(m.ok());
        QCOMPARE(m->timestamp, Q_INT64_C(1669434184499));
        QCOMPARE(m->step, Q_INT64_C(9007199254740993)); // beyond a double's exact integers
        QCOMPARE(m->value, 1.5);
    }

    void wrongShapesAreErrorsInWords()
    {
        Result<Run> r =
            MlflowJson::runFromJson(*MlflowJson::parse(R"({"info": {"run_id": "x", "start_time": "soon"}})"));
        QVERIFY(!r.ok());
        QVERIFY2(r.error().message.contains(QStringLiteral("start_time")), qPrintable(r.error().message));
        QVERIFY(!MlflowJson::runFromJson(*MlflowJson::parse(R"({"data": {}})")).ok());
        QVERIFY(!MlflowJson::runFromJson(*MlflowJson::parse(R"([1,2])")).ok());
        Result<QList<MetricPoint>> h =
            MlflowJson::metricHistoryFromJson(*MlflowJson::parse(R"({"metrics":[{"key":"a","value":{}}]})"));
        QVERIFY(!h.ok());
        QVERIFY(h.error().message.contains(QStringLiteral("'a'")));
        Result<Run> badStatus =
            MlflowJson::runFromJson(*MlflowJson::parse(R"({"info":{"run_id":"x","status":"DANCING"}})"));
        QVERIFY(!badStatus.ok());
        QVERIFY(badStatus.error().message.contains(QStringLiteral("DANCING")));
    }

    void truncatedAndSyntaxErrorsAreErrors()
    {
        Result<Json> t = MlflowJson::parse("{\"run\": {\"info\": ");
        QVERIFY(!t.ok());
        QCOMPARE(t.error().code, QStringLiteral("INVALID_JSON"));
        QVERIFY(!t.error().detail.isEmpty());
        QVERIFY(!MlflowJson::parse("").ok());
        QVERIFY(!MlflowJson::parse("{\"a\": NaN}").ok());
    }

    void invalidUtf8IsReplacedNotFatal()
    {
        // 0xff never appears in UTF-8; 0xc3 starts a two-byte sequence that is cut short.
        const QByteArray bytes("{\"info\":{\"run_id\":\"r1\",\"run_name\":\"a\xff"
                               "b\xc3\"},\"data\":{\"tags\":"
                               "[{\"key\":\"note\",\"value\":\"caf\xc3\xa9\"}]}}");
        Result<Json> j = MlflowJson::parse(bytes);
        QVERIFY2(j.ok(), qPrintable(j.ok() ? QString() : j.error().toString()));
        Result<Run> r = MlflowJson::runFromJson(*j);
        QVERIFY(r.ok());
        QVERIFY(r->info.runName.startsWith(QLatin1Char('a')));
        QVERIFY(r->info.runName.contains(QChar(0xfffd)));
        QCOMPARE(r->tag(QStringLiteral("note")), QStringLiteral("caf\u00e9")); // valid parts untouched
        // And what we write is valid UTF-8 again.
        QVERIFY(QByteArrayView(MlflowJson::dump(MlflowJson::toJson(*r))).isValidUtf8());
    }

    void deepNestingIsRejectedWithoutCrashing()
    {
        const int depth = 100000;
        QByteArray deep(depth, '[');
        deep.append(QByteArray(depth, ']'));
        Result<Json> j = MlflowJson::parse(deep);
        QVERIFY(!j.ok());
        QCOMPARE(j.error().code, QStringLiteral("JSON_TOO_DEEP"));
        QVERIFY(j.error().message.contains(QString::number(MlflowJson::MaxDepth)));

        QByteArray objects;
        for (int i = 0; i < depth; ++i)
            objects += "{\"a\":";
        Result<Json> o = MlflowJson::parse(objects); // also unterminated
        QVERIFY(!o.ok());
        QCOMPARE(o.error().code, QStringLiteral("JSON_TOO_DEEP"));

        // Right at the cap still parses: real payloads are a few levels deep.
        QByteArray ok(MlflowJson::MaxDepth, '[');
        ok.append(QByteArray(MlflowJson::MaxDepth, ']'));
        QVERIFY(MlflowJson::parse(ok).ok());
    }
};

QTEST_GUILESS_MAIN(TestMlflowJson)
#include "tst_mlflowjson.moc"
