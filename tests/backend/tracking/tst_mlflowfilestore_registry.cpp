// The file store's model registry writes: MLflow's FileStore layout under models/, read back by the
// same code that reads stores MLflow wrote, and the meta.yaml fields MLflow itself writes.
#include "testpaths.h"
#include "tracking/mlflowfilestore.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <yaml-cpp/yaml.h>

using namespace lab;

namespace {

const QString FixtureModel = QStringLiteral("sk-learn-random-forest-reg-model");

QByteArray readFile(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return f.readAll();
}

// The top-level keys of a meta.yaml in file order, each with the kind of value it holds.
QStringList keysAndKinds(const QString &path)
{
    QStringList out;
    const YAML::Node root = YAML::Load(readFile(path).toStdString());
    for (const auto &kv : root) {
        const YAML::Node &v = kv.second;
        QString kind;
        if (v.IsNull())
            kind = QStringLiteral("null");
        else if (v.IsSequence())
            kind = QStringLiteral("list");
        else if (v.IsMap())
            kind = QStringLiteral("map");
        else {
            bool isInt = false;
            QString::fromStdString(v.Scalar()).toLongLong(&isInt);
            // A quoted scalar ('1', '') is a string even when it reads as a number.
            kind = (isInt && v.Tag() != "!") ? QStringLiteral("int") : QStringLiteral("text");
        }
        out << QString::fromStdString(kv.first.Scalar()) + QLatin1Char(':') + kind;
    }
    return out;
}

bool copyTree(const QString &from, const QString &to)
{
    QDirIterator it(from, QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden,
                    QDirIterator::Subdirectories);
    QDir().mkpath(to);
    while (it.hasNext()) {
        const QString src = it.next();
        const QString dst = to + QLatin1Char('/') + QDir(from).relativeFilePath(src);
        if (it.fileInfo().isDir()) {
            QDir().mkpath(dst);
        } else {
            QDir().mkpath(QFileInfo(dst).absolutePath());
            if (!QFile::copy(src, dst))
                return false;
            QFile(dst).setPermissions(QFile::ReadOwner | QFile::WriteOwner | QFile::ReadGroup |
                                      QFile::ReadOther);
        }
    }
    return true;
}

QString tagValue(const QList<Tag> &tags, const QString &key)
{
    for (const Tag &t : tags)
        if (t.key == key)
            return t.value;
    return QStringLiteral("<absent>");
}

} // namespace

class TestMlflowFileStoreRegistry : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init()
    {
        QVERIFY(m_dir.isValid());
        m_root = m_dir.filePath(QStringLiteral("mlruns-%1").arg(m_counter++));
        MlflowFileStore store(m_root);
        QVERIFY(store.initialize().ok());
        auto run = store.createRun(QStringLiteral("0"), QStringLiteral("trained"), 1700000000000, {});
        QVERIFY(run.ok());
        m_runId = run->info.runId;
    }

    void registerVersionsAliasesAndTagsRoundTrip()
    {
        MlflowFileStore store(m_root);
        const QString source = QStringLiteral("runs:/%1/model").arg(m_runId);
        auto model = store.createRegisteredModel(QStringLiteral("spirals-mlp"), QStringLiteral("Two spirals"),
                                                 {{QStringLiteral("team"), QStringLiteral("vision")}});
        QVERIFY2(model.ok(), qPrintable(model.ok() ? QString() : model.error().toString()));
        QCOMPARE(model->name, QStringLiteral("spirals-mlp"));
        QVERIFY(model->creationTimestamp > 1700000000000);
        QCOMPARE(model->lastUpdatedTimestamp, model->creationTimestamp);
        QCOMPARE(tagValue(model->tags, QStringLiteral("team")), QStringLiteral("vision"));

        auto v1 = store.createModelVersion(QStringLiteral("spirals-mlp"), source, m_runId);
        QVERIFY(v1.ok());
        auto v2 = store.createModelVersion(QStringLiteral("spirals-mlp"), source, m_runId,
                                           QStringLiteral("more epochs"),
                                           {{QStringLiteral("validated"), QStringLiteral("yes")}});
        QVERIFY(v2.ok());
        QCOMPARE(v1->version, QStringLiteral("1"));
        QCOMPARE(v2->version, QStringLiteral("2"));
        QCOMPARE(v2->status, QStringLiteral("READY"));
        QCOMPARE(v2->currentStage, QStringLiteral("None"));
        QCOMPARE(v2->source, source);
        QCOMPARE(v2->runId, m_runId);

        QVERIFY(
            store
                .setModelAlias(QStringLiteral("spirals-mlp"), QStringLiteral("champion"), QStringLiteral("1"))
                .ok());
        QVERIFY(store
                    .setModelAlias(QStringLiteral("spirals-mlp"), QStringLiteral("challenger"),
                                   QStringLiteral("2"))
                    .ok());
        auto byAlias =
            store.getModelVersionByAlias(QStringLiteral("spirals-mlp"), QStringLiteral("champion"));
        QVERIFY(byAlias.ok());
        QCOMPARE(byAlias->version, QStringLiteral("1"));
        QCOMPARE(byAlias->aliases, QStringList{QStringLiteral("champion")});
        // Setting an alias again moves it.
        QVERIFY(
            store
                .setModelAlias(QStringLiteral("spirals-mlp"), QStringLiteral("champion"), QStringLiteral("2"))
                .ok());
        QCOMPARE(
            store.getModelVersionByAlias(QStringLiteral("spirals-mlp"), QStringLiteral("champion"))->version,
            QStringLiteral("2"));
        QVERIFY(store.deleteModelAlias(QStringLiteral("spirals-mlp"), QStringLiteral("challenger")).ok());
        QVERIFY(store.deleteModelAlias(QStringLiteral("spirals-mlp"), QStringLiteral("challenger"))
                    .ok()); // gone: no error
        QVERIFY(store
                    .setRegisteredModelTag(QStringLiteral("spirals-mlp"), QStringLiteral("task"),
                                           QStringLiteral("classification"))
                    .ok());
        QVERIFY(store
                    .setModelVersionTag(QStringLiteral("spirals-mlp"), QStringLiteral("1"),
                                        QStringLiteral("note"), QStringLiteral("first try"))
                    .ok());

        // The files, in MLflow's layout.
        const QString dir = m_root + QStringLiteral("/models/spirals-mlp");
        QCOMPARE(readFile(dir + QStringLiteral("/aliases/champion")), QByteArray("2"));
        QVERIFY(!QFile::exists(dir + QStringLiteral("/aliases/challenger")));
        QCOMPARE(readFile(dir + QStringLiteral("/tags/team")), QByteArray("vision"));
        QCOMPARE(readFile(dir + QStringLiteral("/tags/task")), QByteArray("classification"));
        QCOMPARE(readFile(dir + QStringLiteral("/version-2/tags/validated")), QByteArray("yes"));
        QCOMPARE(readFile(dir + QStringLiteral("/version-1/tags/note")), QByteArray("first try"));
        // No temporary left where a reader lists keys.
        QCOMPARE(QDir(dir + QStringLiteral("/aliases")).entryList(QDir::Files | QDir::Hidden),
                 QStringList{QStringLiteral("champion")});
        QCOMPARE(QDir(dir + QStringLiteral("/tags")).entryList(QDir::Files | QDir::Hidden),
                 (QStringList{QStringLiteral("task"), QStringLiteral("team")}));
        // meta.yaml mirrors aliases/ (MLflow rewrites it from the folder on every change).
        const YAML::Node meta = YAML::LoadFile(QString(dir + QStringLiteral("/meta.yaml")).toStdString());
        QVERIFY(meta["aliases"].IsMap());
        QCOMPARE(meta["aliases"].size(), std::size_t(1));
        QCOMPARE(QString::fromStdString(meta["aliases"]["champion"].as<std::string>()), QStringLiteral("2"));
        QCOMPARE(QString::fromStdString(meta["description"].as<std::string>()),
                 QStringLiteral("Two spirals"));

        // A fresh store reads it through the listing code that reads MLflow's own stores.
        MlflowFileStore reader(m_root);
        auto models = reader.listRegisteredModels();
        QVERIFY(models.ok());
        QCOMPARE(models->size(), 1);
        const RegisteredModel &m = models->at(0);
        QCOMPARE(m.name, QStringLiteral("spirals-mlp"));
        QCOMPARE(m.description, QStringLiteral("Two spirals"));
        QCOMPARE(m.aliases, (QMap<QString, QString>{{QStringLiteral("champion"), QStringLiteral("2")}}));
        QCOMPARE(tagValue(m.tags, QStringLiteral("task")), QStringLiteral("classification"));
        QVERIFY(m.lastUpdatedTimestamp >= model->creationTimestamp);
        auto versions = reader.listModelVersions(QStringLiteral("spirals-mlp"));
        QVERIFY(versions.ok());
        QCOMPARE(versions->size(), 2);
        QCOMPARE(versions->at(0).version, QStringLiteral("1"));
        QVERIFY(versions->at(0).aliases.isEmpty());
        QCOMPARE(tagValue(versions->at(0).tags, QStringLiteral("note")), QStringLiteral("first try"));
        QCOMPARE(versions->at(1).aliases, QStringList{QStringLiteral("champion")});
        QCOMPARE(versions->at(1).description, QStringLiteral("more epochs"));
        QCOMPARE(versions->at(1).runId, m_runId);
        QCOMPARE(versions->at(1).source, source);
        auto got = reader.getModelVersion(QStringLiteral("spirals-mlp"), QStringLiteral("2"));
        QVERIFY(got.ok());
        QCOMPARE(tagValue(got->tags, QStringLiteral("validated")), QStringLiteral("yes"));
        auto gotModel = reader.getRegisteredModel(QStringLiteral("spirals-mlp"));
        QVERIFY(gotModel.ok());
        QCOMPARE(gotModel->aliases.value(QStringLiteral("champion")), QStringLiteral("2"));
    }

    void writtenMetaYamlHasMlflowsFields()
    {
        MlflowFileStore store(m_root);
        QVERIFY(store.createRegisteredModel(QStringLiteral("fields")).ok());
        QVERIFY(store
                    .createModelVersion(QStringLiteral("fields"),
                                        QStringLiteral("runs:/%1/model").arg(m_runId), m_runId)
                    .ok());
        const QString fixtureDir =
            labtest::fixture(QStringLiteral("mlruns/MLFlowSample/mlruns/models/") + FixtureModel);
        const QString ours = m_root + QStringLiteral("/models/fields");
        // Same keys, same order (sorted, as yaml.safe_dump writes them), same kinds of value.
        QCOMPARE(keysAndKinds(ours + QStringLiteral("/meta.yaml")),
                 keysAndKinds(fixtureDir + QStringLiteral("/meta.yaml")));
        QCOMPARE(keysAndKinds(ours + QStringLiteral("/version-1/meta.yaml")),
                 keysAndKinds(fixtureDir + QStringLiteral("/version-1/meta.yaml")));
        // The empty containers and the nulls are written the way MLflow writes them.
        const QByteArray modelMeta = readFile(ours + QStringLiteral("/meta.yaml"));
        QVERIFY2(modelMeta.startsWith("aliases: {}\n"), modelMeta.constData());
        QVERIFY2(modelMeta.contains("\ndescription: ''\n"), modelMeta.constData());
        const QByteArray versionMeta = readFile(ours + QStringLiteral("/version-1/meta.yaml"));
        for (const char *line :
             {"aliases: []\n", "current_stage: None\n", "run_link: ''\n", "status: READY\n",
              "status_message: null\n", "user_id: null\n", "version: 1\n"})
            QVERIFY2(versionMeta.contains(line), line);
    }

    // Writing into a store MLflow 2.3.2 wrote: the next version follows its highest one, and the
    // alias lands where MLflow looks for it.
    void writesIntoAStoreMlflowWrote()
    {
        const QString root = m_dir.filePath(QStringLiteral("sample"));
        QVERIFY(copyTree(labtest::fixture(QStringLiteral("mlruns/MLFlowSample/mlruns")), root));
        MlflowFileStore store(root);
        auto v = store.createModelVersion(
            FixtureModel, QStringLiteral("runs:/1a3c30a3fc464ce783540a93b69f941a/sklearn-model"),
            QStringLiteral("1a3c30a3fc464ce783540a93b69f941a"));
        QVERIFY(v.ok());
        QCOMPARE(v->version, QStringLiteral("5"));
        QVERIFY(store.setModelAlias(FixtureModel, QStringLiteral("production"), QStringLiteral("4")).ok());
        auto versions = store.listModelVersions(FixtureModel);
        QVERIFY(versions.ok());
        QCOMPARE(versions->size(), 3);
        QCOMPARE(versions->at(1).version, QStringLiteral("4"));
        QCOMPARE(versions->at(1).currentStage, QStringLiteral("Production")); // untouched
        QCOMPARE(versions->at(1).aliases, QStringList{QStringLiteral("production")});
        auto model = store.getRegisteredModel(FixtureModel);
        QVERIFY(model.ok());
        QCOMPARE(model->creationTimestamp, qint64(1685526348293)); // kept
        QVERIFY(model->lastUpdatedTimestamp > 1685526869676);      // moved on
        QCOMPARE(readFile(root + QStringLiteral("/models/") + FixtureModel +
                          QStringLiteral("/aliases/production")),
                 QByteArray("4"));
    }

    void unknownModelsAndVersionsAreNamed()
    {
        MlflowFileStore store(m_root);
        const QString missing = QStringLiteral("no-such-model");
        auto m = store.getRegisteredModel(missing);
        QVERIFY(!m.ok());
        QCOMPARE(m.error().code, QStringLiteral("RESOURCE_DOES_NOT_EXIST"));
        QVERIFY(m.error().message.contains(missing));
        auto v = store.createModelVersion(missing, QStringLiteral("runs:/%1/model").arg(m_runId), m_runId);
        QCOMPARE(v.error().code, QStringLiteral("RESOURCE_DOES_NOT_EXIST"));
        QVERIFY(
            !QFileInfo::exists(m_root + QStringLiteral("/models/") + missing)); // nothing created on the way
        QCOMPARE(store.setModelAlias(missing, QStringLiteral("champion"), QStringLiteral("1")).error().code,
                 QStringLiteral("RESOURCE_DOES_NOT_EXIST"));
        QCOMPARE(store.setRegisteredModelTag(missing, QStringLiteral("k"), QStringLiteral("v")).error().code,
                 QStringLiteral("RESOURCE_DOES_NOT_EXIST"));

        QVERIFY(store.createRegisteredModel(QStringLiteral("m")).ok());
        auto noVersion =
            store.setModelAlias(QStringLiteral("m"), QStringLiteral("champion"), QStringLiteral("3"));
        QCOMPARE(noVersion.error().code, QStringLiteral("RESOURCE_DOES_NOT_EXIST"));
        QVERIFY(noVersion.error().message.contains(QStringLiteral("3")));
        QVERIFY(!QFileInfo::exists(m_root + QStringLiteral("/models/m/aliases/champion")));
        QCOMPARE(store.getModelVersion(QStringLiteral("m"), QStringLiteral("7")).error().code,
                 QStringLiteral("RESOURCE_DOES_NOT_EXIST"));
        QCOMPARE(store.getModelVersion(QStringLiteral("m"), QStringLiteral("seven")).error().code,
                 QStringLiteral("INVALID_PARAMETER_VALUE"));
        QCOMPARE(store
                     .setModelVersionTag(QStringLiteral("m"), QStringLiteral("7"), QStringLiteral("k"),
                                         QStringLiteral("v"))
                     .error()
                     .code,
                 QStringLiteral("RESOURCE_DOES_NOT_EXIST"));
        // An alias nobody set: MLflow's file store answers INVALID_PARAMETER_VALUE.
        auto byAlias = store.getModelVersionByAlias(QStringLiteral("m"), QStringLiteral("champion"));
        QCOMPARE(byAlias.error().code, QStringLiteral("INVALID_PARAMETER_VALUE"));
        QVERIFY(byAlias.error().message.contains(QStringLiteral("champion")));
    }

    void duplicateNamesAreRefusedAndTheFirstModelKept()
    {
        MlflowFileStore store(m_root);
        QVERIFY(store.createRegisteredModel(QStringLiteral("dup"), QStringLiteral("the first")).ok());
        const QByteArray before = readFile(m_root + QStringLiteral("/models/dup/meta.yaml"));
        auto again = store.createRegisteredModel(QStringLiteral("dup"), QStringLiteral("the second"));
        QVERIFY(!again.ok());
        QCOMPARE(again.error().code, QStringLiteral("RESOURCE_ALREADY_EXISTS"));
        QVERIFY(again.error().message.contains(QStringLiteral("dup")));
        QCOMPARE(readFile(m_root + QStringLiteral("/models/dup/meta.yaml")), before);
        QCOMPARE(store.getRegisteredModel(QStringLiteral("dup"))->description, QStringLiteral("the first"));
    }

    void reservedAndMalformedAliasesAreRefused_data()
    {
        QTest::addColumn<QString>("alias");
        QTest::addColumn<QString>("says");
        QTest::newRow("latest") << QStringLiteral("latest") << QStringLiteral("reserved");
        QTest::newRow("LATEST") << QStringLiteral("LATEST") << QStringLiteral("reserved");
        QTest::newRow("v3") << QStringLiteral("v3") << QStringLiteral("v<number>");
        QTest::newRow("V12") << QStringLiteral("V12") << QStringLiteral("v<number>");
        QTest::newRow("space") << QStringLiteral("best model") << QStringLiteral("letters, digits");
        QTest::newRow("slash") << QStringLiteral("../champion") << QStringLiteral("letters, digits");
        QTest::newRow("empty") << QString() << QStringLiteral("empty");
    }

    void reservedAndMalformedAliasesAreRefused()
    {
        QFETCH(QString, alias);
        QFETCH(QString, says);
        MlflowFileStore store(m_root);
        QVERIFY(store.createRegisteredModel(QStringLiteral("m")).ok());
        QVERIFY(store
                    .createModelVersion(QStringLiteral("m"), QStringLiteral("runs:/%1/model").arg(m_runId),
                                        m_runId)
                    .ok());
        const Status s = store.setModelAlias(QStringLiteral("m"), alias, QStringLiteral("1"));
        QVERIFY(!s.ok());
        QCOMPARE(s.error().code, QStringLiteral("INVALID_PARAMETER_VALUE"));
        QVERIFY2(s.error().message.contains(says), qPrintable(s.error().message));
        QVERIFY(QDir(m_root + QStringLiteral("/models/m/aliases")).isEmpty());
        // Names like these that merely contain the reserved words are fine.
        QVERIFY(store.setModelAlias(QStringLiteral("m"), QStringLiteral("latest-good"), QStringLiteral("1"))
                    .ok());
        QVERIFY(store.setModelAlias(QStringLiteral("m"), QStringLiteral("v2-candidate"), QStringLiteral("1"))
                    .ok());
    }

    void malformedModelNamesAreRefused()
    {
        MlflowFileStore store(m_root);
        for (const QString &name :
             {QString(), QStringLiteral("a/b"), QStringLiteral("50%"), QStringLiteral("..")}) {
            auto m = store.createRegisteredModel(name);
            QVERIFY2(!m.ok(), qPrintable(name));
            QCOMPARE(m.error().code, QStringLiteral("INVALID_PARAMETER_VALUE"));
        }
        QVERIFY(QDir(m_root + QStringLiteral("/models"))
                    .entryList(QDir::AllEntries | QDir::NoDotAndDotDot)
                    .isEmpty());
        // Spaces and dots inside are allowed, as in MLflow.
        QVERIFY(store.createRegisteredModel(QStringLiteral("My model v1.2")).ok());
    }

    void foldersThatCannotBeModelsAreNotListed()
    {
        MlflowFileStore store(m_root);
        QVERIFY(store.createRegisteredModel(QStringLiteral("real")).ok());
        QVERIFY(QDir().mkpath(m_root + QStringLiteral("/models/.partial-copy")));
        QVERIFY(QDir().mkpath(m_root + QStringLiteral("/models/50%off")));
        auto models = store.listRegisteredModels();
        QVERIFY(models.ok());
        QCOMPARE(models->size(), 1);
        QCOMPARE(models->at(0).name, QStringLiteral("real"));
        // Each listed model's versions can be listed, as the views do next.
        for (const RegisteredModel &m : models.value())
            QVERIFY(store.listModelVersions(m.name).ok());
    }

private:
    QTemporaryDir m_dir;
    QString m_root;
    QString m_runId;
    int m_counter = 0;
};

QTEST_GUILESS_MAIN(TestMlflowFileStoreRegistry)
#include "tst_mlflowfilestore_registry.moc"
