// labctl against an MLflow tracking server (--tracking-uri http://...): the loopback MLflow test
// server in this process serves a file store the test fills; the real labctl binary is run as a
// user would run it, and what it prints is checked against what the store holds.
#include "mlflowtestserver.h"
#include "testpaths.h"
#include "tracking/mlflowfilestore.h"
#include "tracking/mlflowjson.h"

#include <QDir>
#include <QFileInfo>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>

using namespace lab;
using Json = MlflowJson::Json;

namespace {

struct Out
{
    int code = -1;
    QString out;
    QString err;
};

QString str(const Json &j)
{
    return j.is_string() ? QString::fromStdString(j.get<std::string>()) : QString();
}

} // namespace

class TestLabctlRest : public QObject
{
    Q_OBJECT

    QTemporaryDir m_tmp;
    QString m_labctl;
    std::unique_ptr<labtest::MlflowTestServer> m_server;
    QString m_runA; // lr 0.01, has a model
    QString m_runB; // lr 0.1, name "fast", has a model
    QString m_runC; // no model

    QString root() const { return m_tmp.filePath(QStringLiteral("mlruns")); }

    Out labctl(const QStringList &args, const QString &uri = {}, const QStringList &extraEnv = {}) const
    {
        QProcessEnvironment e = QProcessEnvironment::systemEnvironment();
        for (const char *name :
             {"MLFLOW_TRACKING_TOKEN", "MLFLOW_TRACKING_USERNAME", "MLFLOW_TRACKING_PASSWORD",
              "QT_LOGGING_RULES", "http_proxy", "HTTP_PROXY", "all_proxy", "ALL_PROXY"})
            e.remove(QString::fromLatin1(name));
        e.insert(QStringLiteral("MLFLOW_TRACKING_URI"), uri.isEmpty() ? m_server->url() : uri);
        e.insert(QStringLiteral("MLFLOW_HTTP_REQUEST_BACKOFF_FACTOR"), QStringLiteral("0"));
        e.insert(QStringLiteral("MLFLOW_HTTP_REQUEST_BACKOFF_JITTER"), QStringLiteral("0"));
        e.insert(QStringLiteral("MLFLOW_HTTP_REQUEST_MAX_RETRIES"), QStringLiteral("1"));
        e.insert(QStringLiteral("XDG_DATA_HOME"), m_tmp.filePath(QStringLiteral("data")));
        e.insert(QStringLiteral("XDG_CONFIG_HOME"), m_tmp.filePath(QStringLiteral("config")));
        e.insert(QStringLiteral("XDG_CACHE_HOME"), m_tmp.filePath(QStringLiteral("cache")));
        for (const QString &kv : extraEnv)
            e.insert(kv.section(QLatin1Char('='), 0, 0), kv.section(QLatin1Char('='), 1));
        QProcess p;
        p.setProcessEnvironment(e);
        p.start(m_labctl, args);
        Out o;
        if (!p.waitForStarted(10000))
            return o;
        if (!p.waitForFinished(60000)) {
            p.kill();
            p.waitForFinished();
            o.err = QStringLiteral("labctl did not finish\n");
        }
        o.code = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
        o.out = QString::fromUtf8(p.readAllStandardOutput());
        o.err += QString::fromUtf8(p.readAllStandardError());
        return o;
    }

    static Json json(const Out &o)
    {
        Result<Json> j = MlflowJson::parse(o.out.toUtf8());
        return j.ok() ? j.value() : Json();
    }

    static QString makeRun(MlflowFileStore &store, const QString &experimentId, const QString &name,
                           const QString &lr, double scale, bool withModel)
    {
        auto run = store.createRun(experimentId, name, 1700000000000, {{tags::RunName, name}});
        if (!run.ok())
            return {};
        const QString id = run->info.runId;
        QList<MetricPoint> points;
        for (int step = 0; step < 50; ++step) {
            points << MetricPoint{QStringLiteral("loss"), scale / (step + 1), 1700000000000 + step * 10,
                                  step};
            points << MetricPoint{QStringLiteral("acc"), 1.0 - scale / (step + 2), 1700000000000 + step * 10,
                                  step};
        }
        points << MetricPoint{QStringLiteral("loss"), std::nan(""), 1700000001000, 50};
        if (!store
                 .logBatch(id, points,
                           {{QStringLiteral("lr"), lr}, {QStringLiteral("epochs"), QStringLiteral("50")}}, {})
                 .ok())
            return {};
        store.writeArtifact(id, QStringLiteral("logs/output.log"), "epoch 1\nepoch 2\n");
        if (withModel)
            store.writeArtifact(id, QStringLiteral("model/MLmodel"), "artifact_path: model\nflavors: {}\n");
        store.updateRun(id, RunStatus::Finished, 1700000002000);
        return id;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_tmp.isValid());
        m_labctl = labtest::builtProgram(QStringLiteral("labctl"));
        QVERIFY2(!m_labctl.isEmpty(), "labctl is not built");
        MlflowFileStore store(root());
        QVERIFY(store.initialize().ok());
        auto exp = store.createExperiment(QStringLiteral("spirals"));
        QVERIFY(exp.ok());
        m_runA = makeRun(store, exp.value(), QStringLiteral("slow"), QStringLiteral("0.01"), 2.0, true);
        m_runB = makeRun(store, exp.value(), QStringLiteral("fast"), QStringLiteral("0.1"), 1.0, true);
        m_runC = makeRun(store, exp.value(), QStringLiteral("nomodel"), QStringLiteral("0.5"), 3.0, false);
        QVERIFY(!m_runA.isEmpty() && !m_runB.isEmpty() && !m_runC.isEmpty());
        m_server = std::make_unique<labtest::MlflowTestServer>(root());
        QVERIFY2(m_server->start(), qPrintable(m_server->errorString()));
    }

    void helpNamesTheNewCommands()
    {
        const Out h = labctl({QStringLiteral("--help")});
        QCOMPARE(h.code, 0);
        for (const char *c : {"models list", "models show", "models register", "models alias", "export",
                              "import", "http(s)://"})
            QVERIFY2(h.out.contains(QLatin1String(c)), c);
    }

    void experimentsList()
    {
        const Out o = labctl({QStringLiteral("experiments"), QStringLiteral("list"), QStringLiteral("-o"),
                              QStringLiteral("json")});
        QVERIFY2(o.code == 0, qPrintable(o.err));
        QStringList names;
        const Json doc = json(o);
        for (const Json &e : doc["experiments"])
            names << str(e["name"]);
        QVERIFY2(names.contains(QStringLiteral("spirals")), qPrintable(names.join(QLatin1Char(','))));
        QVERIFY(names.contains(QStringLiteral("Default")));
        QVERIFY(!m_server->requests(QStringLiteral("experiments/search")).isEmpty());
    }

    void runsListWithFilterAndOrder()
    {
        const Out o =
            labctl({QStringLiteral("runs"), QStringLiteral("list"), QStringLiteral("-e"),
                    QStringLiteral("spirals"), QStringLiteral("--filter"),
                    QStringLiteral("params.lr = '0.1'"), QStringLiteral("-o"), QStringLiteral("json")});
        QVERIFY2(o.code == 0, qPrintable(o.err));
        const Json runs = json(o)["runs"];
        QCOMPARE(runs.size(), std::size_t(1));
        QCOMPARE(str(runs[0]["info"]["run_id"]), m_runB);
        // The filter went to the server (server-side search), not applied here.
        bool sent = false;
        for (const auto &r : m_server->requests(QStringLiteral("runs/search")))
            sent |= r.body.contains("params.lr");
        QVERIFY(sent);

        const Out ordered =
            labctl({QStringLiteral("runs"), QStringLiteral("list"), QStringLiteral("--order-by"),
                    QStringLiteral("metrics.acc DESC"), QStringLiteral("-o"), QStringLiteral("csv")});
        QVERIFY2(ordered.code == 0, qPrintable(ordered.err));
        const QStringList lines = ordered.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 4);
        // acc ends at 1 - scale/51: fast (1.0) > slow (2.0) > nomodel (3.0).
        QVERIFY(lines[1].startsWith(m_runB));
        QVERIFY(lines[2].startsWith(m_runA));
        QVERIFY(lines[3].startsWith(m_runC));
    }

    void runsShowIsMlflowShaped()
    {
        const Out o = labctl({QStringLiteral("runs"), QStringLiteral("show"), QStringLiteral("fast"),
                              QStringLiteral("-o"), QStringLiteral("json")});
        QVERIFY2(o.code == 0, qPrintable(o.err));
        const Json doc = json(o);
        QVERIFY(doc["run"]["info"].is_object());
        QVERIFY(doc["run"]["data"].is_object());
        Result<Run> run = MlflowJson::runFromJson(doc["run"]);
        QVERIFY2(run.ok(), qPrintable(run.ok() ? QString() : run.error().toString()));
        QCOMPARE(run->info.runId, m_runB);
        QCOMPARE(run->info.runName, QStringLiteral("fast"));
        QCOMPARE(run->info.status, RunStatus::Finished);
        QCOMPARE(run->param(QStringLiteral("lr")), QStringLiteral("0.1"));
        const MetricPoint *loss = run->metric(QStringLiteral("loss"));
        QVERIFY(loss);
        QVERIFY(std::isnan(loss->value)); // the last point, NaN, kept as MLflow writes it
        QCOMPARE(str(doc["run"]["info"]["status"]), QStringLiteral("FINISHED"));
    }

    void metricsGetEqualsTheStoredHistory()
    {
        const Out o = labctl({QStringLiteral("metrics"), QStringLiteral("get"), m_runA,
                              QStringLiteral("loss"), QStringLiteral("-o"), QStringLiteral("json")});
        QVERIFY2(o.code == 0, qPrintable(o.err));
        auto history = MlflowJson::metricHistoryFromJson(json(o));
        QVERIFY(history.ok());
        MlflowFileStore store(root());
        auto stored = store.getMetricHistory(m_runA, QStringLiteral("loss"));
        QVERIFY(stored.ok());
        QCOMPARE(history->size(), stored->size());
        for (qsizetype i = 0; i < stored->size(); ++i) {
            QCOMPARE(history->at(i).step, stored->at(i).step);
            QCOMPARE(history->at(i).timestamp, stored->at(i).timestamp);
            if (std::isnan(stored->at(i).value))
                QVERIFY(std::isnan(history->at(i).value));
            else
                QCOMPARE(history->at(i).value, stored->at(i).value);
        }
    }

    void modelsRegisterAliasListShow()
    {
        const QString model = QStringLiteral("spiral-classifier");
        const Out first =
            labctl({QStringLiteral("models"), QStringLiteral("register"), m_runA, QStringLiteral("--name"),
                    model, QStringLiteral("-o"), QStringLiteral("json")});
        QVERIFY2(first.code == 0, qPrintable(first.err));
        QVERIFY2(first.err.contains(QStringLiteral("created registered model")), qPrintable(first.err));
        const Json v1 = json(first)["model_version"];
        QCOMPARE(str(v1["version"]), QStringLiteral("1"));
        QCOMPARE(str(v1["run_id"]), m_runA);
        QCOMPARE(str(v1["source"]), QStringLiteral("runs:/%1/model").arg(m_runA));

        const Out second = labctl({QStringLiteral("models"), QStringLiteral("register"),
                                   QStringLiteral("fast"), QStringLiteral("--name"), model});
        QVERIFY2(second.code == 0, qPrintable(second.err));
        QVERIFY2(second.out.contains(QStringLiteral("version 2")), qPrintable(second.out));

        // A run without a model is refused in words, and registers nothing.
        const Out none = labctl(
            {QStringLiteral("models"), QStringLiteral("register"), m_runC, QStringLiteral("--name"), model});
        QCOMPARE(none.code, 1);
        QVERIFY2(none.err.contains(QStringLiteral("no artifacts under 'model'")), qPrintable(none.err));

        const Out alias = labctl({QStringLiteral("models"), QStringLiteral("alias"), model,
                                  QStringLiteral("champion"), QStringLiteral("2")});
        QVERIFY2(alias.code == 0, qPrintable(alias.err));
        QVERIFY(alias.out.contains(QStringLiteral("champion")));

        const Out list = labctl(
            {QStringLiteral("models"), QStringLiteral("list"), QStringLiteral("-o"), QStringLiteral("json")});
        QVERIFY2(list.code == 0, qPrintable(list.err));
        const Json models = json(list)["registered_models"];
        QCOMPARE(models.size(), std::size_t(1));
        Result<RegisteredModel> m = MlflowJson::registeredModelFromJson(models[0]);
        QVERIFY(m.ok());
        QCOMPARE(m->name, model);
        QCOMPARE(m->aliases.value(QStringLiteral("champion")), QStringLiteral("2"));
        QCOMPARE(str(models[0]["latest_versions"][0]["version"]), QStringLiteral("2"));
        const Out table = labctl({QStringLiteral("models"), QStringLiteral("list")});
        QVERIFY(table.out.contains(QStringLiteral("champion=2")));

        const Out show = labctl({QStringLiteral("models"), QStringLiteral("show"), model,
                                 QStringLiteral("-o"), QStringLiteral("json")});
        QVERIFY2(show.code == 0, qPrintable(show.err));
        const Json versions = json(show)["model_versions"];
        QCOMPARE(versions.size(), std::size_t(2));
        Result<ModelVersion> mv2 = MlflowJson::modelVersionFromJson(versions[1]);
        QVERIFY(mv2.ok());
        QCOMPARE(mv2->version, QStringLiteral("2"));
        QCOMPARE(mv2->runId, m_runB);
        QCOMPARE(mv2->aliases, QStringList{QStringLiteral("champion")});
        const Out showTable = labctl({QStringLiteral("models"), QStringLiteral("show"), model});
        QVERIFY(showTable.out.contains(m_runA));
        QVERIFY(showTable.out.contains(m_runB));

        const Out del = labctl({QStringLiteral("models"), QStringLiteral("alias"), model,
                                QStringLiteral("champion"), QStringLiteral("--delete")});
        QVERIFY2(del.code == 0, qPrintable(del.err));
        const Json after = json(labctl({QStringLiteral("models"), QStringLiteral("show"), model,
                                        QStringLiteral("-o"), QStringLiteral("json")}));
        QVERIFY(after["registered_model"]["aliases"].empty());

        const Out missing =
            labctl({QStringLiteral("models"), QStringLiteral("show"), QStringLiteral("nope")});
        QCOMPARE(missing.code, 1);
        QVERIFY2(missing.err.startsWith(QStringLiteral("labctl: ")) &&
                     missing.err.contains(QStringLiteral("nope")),
                 qPrintable(missing.err));
    }

    void exportFromTheServerImportIntoAFolder()
    {
        const QString bundle = m_tmp.filePath(QStringLiteral("two.labbundle"));
        const Out ex =
            labctl({QStringLiteral("export"), m_runA, QStringLiteral("fast"), QStringLiteral("-f"), bundle});
        QVERIFY2(ex.code == 0, qPrintable(ex.err));
        QVERIFY(QFileInfo(bundle).size() > 0);

        const QString target = QStringLiteral("file:") + m_tmp.filePath(QStringLiteral("imported"));
        const Out im = labctl({QStringLiteral("--tracking-uri"), target, QStringLiteral("import"), bundle,
                               QStringLiteral("--experiment"), QStringLiteral("from-server"),
                               QStringLiteral("-o"), QStringLiteral("json")});
        QVERIFY2(im.code == 0, qPrintable(im.err));
        const Json runs = json(im)["runs"];
        QCOMPARE(runs.size(), std::size_t(2));
        MlflowFileStore original(root());
        MlflowFileStore copy(m_tmp.filePath(QStringLiteral("imported")));
        auto exp = copy.getExperimentByName(QStringLiteral("from-server"));
        QVERIFY(exp.ok() && exp->has_value());
        for (const Json &r : runs) {
            Result<Run> run = MlflowJson::runFromJson(r);
            QVERIFY(run.ok());
            QCOMPARE(run->info.experimentId, exp->value().id);
            const QString from = run->info.runName == QLatin1String("fast") ? m_runB : m_runA;
            QVERIFY(run->info.runId != from);
            for (const char *key : {"loss", "acc"}) {
                auto a = original.getMetricHistory(from, QLatin1String(key));
                auto b = copy.getMetricHistory(run->info.runId, QLatin1String(key));
                QVERIFY(a.ok() && b.ok());
                QCOMPARE(b->size(), a->size());
                for (qsizetype i = 0; i < a->size(); ++i)
                    QCOMPARE(b->at(i).step, a->at(i).step);
            }
        }
        // The bundle itself is a read-only store labctl can list.
        const Out listed = labctl({QStringLiteral("--tracking-uri"), bundle, QStringLiteral("runs"),
                                   QStringLiteral("list"), QStringLiteral("-o"), QStringLiteral("json")});
        QVERIFY2(listed.code == 0, qPrintable(listed.err));
        QCOMPARE(json(listed)["runs"].size(), std::size_t(2));
    }

    void unknownRunIsAnErrorInWords()
    {
        const Out o = labctl({QStringLiteral("runs"), QStringLiteral("show"), QStringLiteral("nosuchrun")});
        QCOMPARE(o.code, 1);
        QVERIFY2(o.err.startsWith(QStringLiteral("labctl: run 'nosuchrun' not found in ") + m_server->url()),
                 qPrintable(o.err));
        QVERIFY(o.out.isEmpty());
    }

    void wrongTokenIsAnErrorInWords()
    {
        labtest::MlflowTestServer::Options options;
        options.token = QStringLiteral("right-token-123");
        labtest::MlflowTestServer guarded(root(), options);
        QVERIFY(guarded.start());
        const Out o = labctl({QStringLiteral("runs"), QStringLiteral("show"), m_runA}, guarded.url(),
                             {QStringLiteral("MLFLOW_TRACKING_TOKEN=wrong-token-456")});
        QCOMPARE(o.code, 1);
        QVERIFY2(o.err.startsWith(QStringLiteral("labctl: ")), qPrintable(o.err));
        QVERIFY2(o.err.contains(QStringLiteral("401")) ||
                     o.err.contains(QStringLiteral("credential"), Qt::CaseInsensitive) ||
                     o.err.contains(QStringLiteral("token"), Qt::CaseInsensitive),
                 qPrintable(o.err));
        QVERIFY(!o.err.contains(QStringLiteral("wrong-token-456")));
        QVERIFY2(!o.err.contains(QStringLiteral("not found")), qPrintable(o.err));
        const Out list = labctl({QStringLiteral("experiments"), QStringLiteral("list")}, guarded.url(),
                                {QStringLiteral("MLFLOW_TRACKING_TOKEN=wrong-token-456")});
        QCOMPARE(list.code, 1);
        QVERIFY(list.out.isEmpty());
        // The right token works.
        const Out ok = labctl({QStringLiteral("runs"), QStringLiteral("show"), m_runA}, guarded.url(),
                              {QStringLiteral("MLFLOW_TRACKING_TOKEN=right-token-123")});
        QVERIFY2(ok.code == 0, qPrintable(ok.err));
    }

    void notAnMlflowServerIsAnErrorInWords()
    {
        labtest::MlflowTestServer proxy(root());
        QVERIFY(proxy.start());
        labtest::MlflowTestServer::Fault page;
        page.status = 502;
        page.htmlProxyPage = true;
        page.times = 1000;
        proxy.injectFault(QStringLiteral("."), page);
        const Out o = labctl({QStringLiteral("experiments"), QStringLiteral("list")}, proxy.url(),
                             {QStringLiteral("MLFLOW_HTTP_REQUEST_MAX_RETRIES=0")});
        QCOMPARE(o.code, 1);
        QVERIFY2(o.err.startsWith(QStringLiteral("labctl: ")), qPrintable(o.err));
        QVERIFY2(o.err.contains(QStringLiteral("Not an MLflow server")), qPrintable(o.err));
        QVERIFY2(o.err.contains(QStringLiteral("502")), qPrintable(o.err));
        QCOMPARE(o.err.count(QLatin1Char('\n')), 1); // one line, not the page
        QVERIFY(o.out.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestLabctlRest)
#include "tst_labctl_rest.moc"
