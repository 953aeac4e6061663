#include "mlflowtestserver.h"
#include "tracking/mlflowconnection.h"
#include "tracking/mlflowfilestore.h"
#include "tracking/mlflowrestclient.h"
#include "tracking/mlflowrestregistry.h"

#include <QLoggingCategory>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace lab;
using labtest::MlflowTestServer;

namespace {

MlflowConnection connectionFor(const QString &url)
{
    MlflowConnection c;
    c.baseUrl = QUrl(url);
    c.retry.backoffFactor = 0;
    c.retry.backoffJitter = 0;
    c.retry.maxRetries = 1;
    c.retry.timeoutMs = 30000;
    return c;
}

QString text(const Error &e)
{
    return e.toString() + QStringLiteral(" [") + e.code + u']';
}

} // namespace

class TestMlflowRestRegistry : public QObject
{
    Q_OBJECT

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<MlflowFileStore> m_local;
    std::unique_ptr<MlflowTestServer> m_server;
    std::unique_ptr<MlflowRestClient> m_client;
    std::unique_ptr<MlflowRestRegistry> m_registry;
    QString m_runId;

private Q_SLOTS:
    void initTestCase() { QLoggingCategory::setFilterRules(QStringLiteral("labconsole.*.debug=false")); }

    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
        const QString root = m_dir->filePath(QStringLiteral("mlruns"));
        m_local = std::make_unique<MlflowFileStore>(root);
        QVERIFY(m_local->initialize().ok());
        Result<QString> exp = m_local->createExperiment(QStringLiteral("registry-tests"));
        QVERIFY2(exp.ok(), qPrintable(exp.ok() ? QString() : text(exp.error())));
        Result<Run> run = m_local->createRun(*exp, QStringLiteral("train"), 1700000000000, {});
        QVERIFY2(run.ok(), qPrintable(run.ok() ? QString() : text(run.error())));
        m_runId = run->info.runId;
        m_server = std::make_unique<MlflowTestServer>(root);
        QVERIFY2(m_server->start(), qPrintable(m_server->errorString()));
        m_client = std::make_unique<MlflowRestClient>(connectionFor(m_server->url()));
        m_registry = std::make_unique<MlflowRestRegistry>(*m_client);
    }

    void cleanup()
    {
        m_registry.reset();
        m_client.reset();
        m_server.reset();
        m_local.reset();
        m_dir.reset();
    }

    void registersAModelFromARunAndSetsAnAlias()
    {
        Result<RegisteredModel> model = m_registry->createRegisteredModel(
            QStringLiteral("wine-quality"), QStringLiteral("ElasticNet on wine"),
            {Tag{QStringLiteral("team"), QStringLiteral("lab")}});
        QVERIFY2(model.ok(), qPrintable(model.ok() ? QString() : text(model.error())));
        QCOMPARE(model->name, QStringLiteral("wine-quality"));
        QCOMPARE(model->description, QStringLiteral("ElasticNet on wine"));

        const QString source = QStringLiteral("runs:/%1/model").arg(m_runId);
        Result<ModelVersion> v1 =
            m_registry->createModelVersion(QStringLiteral("wine-quality"), source, m_runId);
        QVERIFY2(v1.ok(), qPrintable(v1.ok() ? QString() : text(v1.error())));
        QCOMPARE(v1->version, QStringLiteral("1"));
        QCOMPARE(v1->runId, m_runId);
        QCOMPARE(v1->source, source);
        Result<ModelVersion> v2 = m_registry->createModelVersion(QStringLiteral("wine-quality"), source,
                                                                 m_runId, QStringLiteral("second"));
        QVERIFY(v2.ok());
        QCOMPARE(v2->version, QStringLiteral("2"));

        // what went over the wire is what MLflow's client sends
        const auto creates =
            m_server->requests(QStringLiteral("model-versions/create"), QStringLiteral("POST"));
        QCOMPARE(creates.size(), 2);
        QVERIFY(creates[0].body.contains("\"source\""));
        QVERIFY(creates[0].body.contains("\"run_id\""));

        QVERIFY2(m_registry
                     ->setModelAlias(QStringLiteral("wine-quality"), QStringLiteral("champion"),
                                     QStringLiteral("2"))
                     .ok(),
                 "setModelAlias");
        Result<ModelVersion> byAlias =
            m_registry->getModelVersionByAlias(QStringLiteral("wine-quality"), QStringLiteral("champion"));
        QVERIFY2(byAlias.ok(), qPrintable(byAlias.ok() ? QString() : text(byAlias.error())));
        QCOMPARE(byAlias->version, QStringLiteral("2"));
        QVERIFY(byAlias->aliases.contains(QStringLiteral("champion")));

        Result<RegisteredModel> got = m_registry->getRegisteredModel(QStringLiteral("wine-quality"));
        QVERIFY(got.ok());
        QCOMPARE(got->aliases.value(QStringLiteral("champion")), QStringLiteral("2"));

        // moving the alias, then removing it
        QVERIFY(m_registry
                    ->setModelAlias(QStringLiteral("wine-quality"), QStringLiteral("champion"),
                                    QStringLiteral("1"))
                    .ok());
        QCOMPARE(
            m_registry->getModelVersionByAlias(QStringLiteral("wine-quality"), QStringLiteral("champion"))
                ->version,
            QStringLiteral("1"));
        QVERIFY(
            m_registry->deleteModelAlias(QStringLiteral("wine-quality"), QStringLiteral("champion")).ok());
        QCOMPARE(
            m_server->requests(QStringLiteral("registered-models/alias"), QStringLiteral("DELETE")).size(),
            1);
        Result<ModelVersion> gone =
            m_registry->getModelVersionByAlias(QStringLiteral("wine-quality"), QStringLiteral("champion"));
        QVERIFY(!gone.ok());
        QVERIFY(m_registry->getRegisteredModel(QStringLiteral("wine-quality"))->aliases.isEmpty());
    }

    void listsModelsAndVersionsAcrossPages()
    {
        m_registry->setPageSize(2); // several pages with the server's next_page_token
        for (int i = 0; i < 5; ++i)
            QVERIFY(m_registry->createRegisteredModel(QStringLiteral("model-%1").arg(i)).ok());
        // a name with a quote, filtered for in MLflow's grammar
        QVERIFY(m_registry->createRegisteredModel(QStringLiteral("it's")).ok());
        const QString source = QStringLiteral("runs:/%1/model").arg(m_runId);
        for (int i = 0; i < 5; ++i)
            QVERIFY(m_registry->createModelVersion(QStringLiteral("model-3"), source, m_runId).ok());
        QVERIFY(m_registry->createModelVersion(QStringLiteral("model-1"), source, m_runId).ok());
        QVERIFY(m_registry->createModelVersion(QStringLiteral("it's"), source, m_runId).ok());

        Result<QList<RegisteredModel>> models = m_registry->listRegisteredModels();
        QVERIFY2(models.ok(), qPrintable(models.ok() ? QString() : text(models.error())));
        QStringList names;
        for (const RegisteredModel &m : *models)
            names << m.name;
        names.sort();
        QCOMPARE(names, (QStringList{QStringLiteral("it's"), QStringLiteral("model-0"),
                                     QStringLiteral("model-1"), QStringLiteral("model-2"),
                                     QStringLiteral("model-3"), QStringLiteral("model-4")}));
        QVERIFY(m_server->requests(QStringLiteral("registered-models/search")).size() >= 3);

        Result<QList<ModelVersion>> versions = m_registry->listModelVersions(QStringLiteral("model-3"));
        QVERIFY2(versions.ok(), qPrintable(versions.ok() ? QString() : text(versions.error())));
        QCOMPARE(versions->size(), 5);
        for (int i = 0; i < 5; ++i) {
            QCOMPARE(versions->at(i).name, QStringLiteral("model-3"));
            QCOMPARE(versions->at(i).version, QString::number(i + 1));
            QCOMPARE(versions->at(i).runId, m_runId);
        }
        QVERIFY(m_server->requests(QStringLiteral("model-versions/search")).size() >= 3);
        QCOMPARE(m_registry->listModelVersions(QStringLiteral("it's"))->size(), 1);
        QCOMPARE(m_registry->listModelVersions(QStringLiteral("model-0"))->size(),
                 0); // an empty search is {}
        QCOMPARE(MlflowRestRegistry::versionsFilter(QStringLiteral("a")), QStringLiteral("name='a'"));
        QCOMPARE(MlflowRestRegistry::versionsFilter(QStringLiteral("it's")), QStringLiteral("name=\"it's\""));
    }

    void tagsOnModelsAndVersions()
    {
        QVERIFY(m_registry->createRegisteredModel(QStringLiteral("tagged")).ok());
        QVERIFY(m_registry
                    ->createModelVersion(QStringLiteral("tagged"),
                                         QStringLiteral("runs:/%1/model").arg(m_runId), m_runId)
                    .ok());
        QVERIFY(m_registry
                    ->setRegisteredModelTag(QStringLiteral("tagged"), QStringLiteral("owner"),
                                            QStringLiteral("alice"))
                    .ok());
        QVERIFY(m_registry
                    ->setModelVersionTag(QStringLiteral("tagged"), QStringLiteral("1"),
                                         QStringLiteral("validated"), QStringLiteral("yes"))
                    .ok());
        Result<RegisteredModel> m = m_registry->getRegisteredModel(QStringLiteral("tagged"));
        QVERIFY(m.ok());
        QVERIFY(m->tags.contains(Tag{QStringLiteral("owner"), QStringLiteral("alice")}));
        Result<ModelVersion> v = m_registry->getModelVersion(QStringLiteral("tagged"), QStringLiteral("1"));
        QVERIFY2(v.ok(), qPrintable(v.ok() ? QString() : text(v.error())));
        QVERIFY(v->tags.contains(Tag{QStringLiteral("validated"), QStringLiteral("yes")}));
    }

    void errorsSayWhatFailed()
    {
        // no such model
        Result<RegisteredModel> missing = m_registry->getRegisteredModel(QStringLiteral("nope"));
        QVERIFY(!missing.ok());
        QCOMPARE(missing.error().code, QStringLiteral("RESOURCE_DOES_NOT_EXIST"));
        QCOMPARE(missing.error().httpStatus, 404);
        QVERIFY2(missing.error().message.contains(QLatin1String("'nope'")) &&
                     missing.error().message.contains(QLatin1String("not found")),
                 qPrintable(text(missing.error())));
        QVERIFY(!m_registry->getModelVersion(QStringLiteral("nope"), QStringLiteral("1")).ok());
        Result<ModelVersion> noVersion =
            m_registry->createModelVersion(QStringLiteral("nope"), QStringLiteral("runs:/x/model"), m_runId);
        QVERIFY(!noVersion.ok());
        QCOMPARE(noVersion.error().code, QStringLiteral("RESOURCE_DOES_NOT_EXIST"));

        // a name taken
        QVERIFY(m_registry->createRegisteredModel(QStringLiteral("dup")).ok());
        Result<RegisteredModel> dup = m_registry->createRegisteredModel(QStringLiteral("dup"));
        QVERIFY(!dup.ok());
        QCOMPARE(dup.error().code, QStringLiteral("RESOURCE_ALREADY_EXISTS"));
        QVERIFY2(dup.error().message.contains(QLatin1String("already taken")), qPrintable(text(dup.error())));

        // reserved alias names, refused by the server with its reason kept
        QVERIFY(m_registry
                    ->createModelVersion(QStringLiteral("dup"), QStringLiteral("runs:/%1/model").arg(m_runId),
                                         m_runId)
                    .ok());
        for (const QString &alias :
             {QStringLiteral("latest"), QStringLiteral("v1"), QStringLiteral("Latest")}) {
            Status s = m_registry->setModelAlias(QStringLiteral("dup"), alias, QStringLiteral("1"));
            QVERIFY2(!s.ok(), qPrintable(alias));
            QCOMPARE(s.error().code, QStringLiteral("INVALID_PARAMETER_VALUE"));
            QVERIFY2(s.error().message.contains(alias) &&
                         s.error().detail.contains(QLatin1String("reserved")),
                     qPrintable(text(s.error())));
        }
        // an alias on a version that does not exist, and an unknown alias
        QVERIFY(!m_registry->setModelAlias(QStringLiteral("dup"), QStringLiteral("prod"), QStringLiteral("9"))
                     .ok());
        Result<ModelVersion> unknown =
            m_registry->getModelVersionByAlias(QStringLiteral("dup"), QStringLiteral("prod"));
        QVERIFY(!unknown.ok());
        QVERIFY2(unknown.error().message.contains(QLatin1String("'prod'")),
                 qPrintable(text(unknown.error())));
    }

    void notAnMlflowServerIsSaidSo()
    {
        MlflowTestServer::Fault page;
        page.htmlProxyPage = true;
        page.times = 2; // the first answer and its one retry
        m_server->injectFault(QStringLiteral("registered-models/search"), page);
        Result<QList<RegisteredModel>> r = m_registry->listRegisteredModels();
        QVERIFY(!r.ok());
        QCOMPARE(r.error().httpStatus, 502);
        QVERIFY2(r.error().message.contains(QLatin1String("MLflow")), qPrintable(text(r.error())));

        MlflowTestServer::Fault garbage;
        garbage.status = 200;
        garbage.body = R"({"registered_models": 5})";
        m_server->injectFault(QStringLiteral("registered-models/search"), garbage);
        r = m_registry->listRegisteredModels();
        QVERIFY(!r.ok());
        QCOMPARE(r.error().code, QStringLiteral("INVALID_RESPONSE"));
    }
};

QTEST_GUILESS_MAIN(TestMlflowRestRegistry)
#include "tst_mlflowrestregistry.moc"
