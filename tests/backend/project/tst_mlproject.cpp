#include "project/mlproject.h"

#include "testpaths.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

using namespace lab;

using Params = QList<QPair<QString, QString>>;

class TestMlProject : public QObject
{
    Q_OBJECT

private:
    QString wineDir() const
    {
        return labtest::fixture(QStringLiteral("mlflow-rest/mlproject/sklearn_elasticnet_wine"));
    }

    // Writes `text` as <tmp>/<sub>/MLproject and returns the file path.
    static QString writeProject(const QTemporaryDir &tmp, const QString &sub, const QByteArray &text)
    {
        const QString dir = tmp.filePath(sub);
        QDir().mkpath(dir);
        QFile f(dir + QStringLiteral("/MLproject"));
        if (!f.open(QIODevice::WriteOnly))
            return {};
        f.write(text);
        return f.fileName();
    }

private Q_SLOTS:
    void readsTheWineExample()
    {
        Result<MlProject> r = MlProject::load(wineDir() + QStringLiteral("/MLproject"));
        QVERIFY2(r.ok(), r.ok() ? "" : qPrintable(r.error().message));
        const MlProject &p = *r;
        QCOMPARE(p.name(), QStringLiteral("tutorial"));
        QCOMPARE(p.directory(), QFileInfo(wineDir()).absoluteFilePath());
        QCOMPARE(p.pythonEnv(), QStringLiteral("python_env.yaml"));
        QVERIFY(p.condaEnv().isEmpty());
        QVERIFY(p.dockerEnv().isEmpty());
        QCOMPARE(p.entryPointNames(), QStringList{QStringLiteral("main")});

        Result<MlEntryPoint> main = p.entryPoint(); // "main" by default
        QVERIFY(main.ok());
        QCOMPARE(main->command, QStringLiteral("python train.py {alpha} {l1_ratio}"));
        QCOMPARE(main->parameters.size(), 2);
        const MlProjectParameter &alpha = main->parameters.at(0);
        QCOMPARE(alpha.name, QStringLiteral("alpha"));
        QCOMPARE(alpha.type, MlProjectParameter::Type::Float);
        QVERIFY(alpha.hasDefault);
        QCOMPARE(alpha.defaultValue, QStringLiteral("0.5"));
        const MlProjectParameter &l1 = main->parameters.at(1);
        QCOMPARE(l1.name, QStringLiteral("l1_ratio"));
        QCOMPARE(l1.type, MlProjectParameter::Type::Float);
        QCOMPARE(l1.defaultValue, QStringLiteral("0.1"));
        QCOMPARE(main->parameter(QStringLiteral("l1_ratio")), &main->parameters.at(1));
        QVERIFY(!main->parameter(QStringLiteral("beta")));
    }

    void loadsFromTheFolderToo()
    {
        Result<MlProject> r = MlProject::load(wineDir());
        QVERIFY(r.ok());
        QCOMPARE(r->name(), QStringLiteral("tutorial"));
    }

    void buildsTheJobLikeMlflowRun()
    {
        Result<MlProject> p = MlProject::load(wineDir());
        QVERIFY(p.ok());
        Result<JobSpec> spec =
            p->jobSpec(QStringLiteral("main"), {{QStringLiteral("alpha"), QStringLiteral("0.3")},
                                                {QStringLiteral("max_iter"), QStringLiteral("50")}});
        QVERIFY2(spec.ok(), spec.ok() ? "" : qPrintable(spec.error().message));
        QCOMPARE(spec->workingDirectory, p->directory());
        QCOMPARE(spec->commandTemplate, QStringLiteral("python train.py {alpha} {l1_ratio}"));
        // Declared ones in file order (defaults filled in), then the undeclared ones.
        QCOMPARE(spec->params, (Params{{QStringLiteral("alpha"), QStringLiteral("0.3")},
                                       {QStringLiteral("l1_ratio"), QStringLiteral("0.1")},
                                       {QStringLiteral("max_iter"), QStringLiteral("50")}}));
        QCOMPARE(spec->arguments(),
                 (QStringList{QStringLiteral("python"), QStringLiteral("train.py"), QStringLiteral("0.3"),
                              QStringLiteral("0.1"), QStringLiteral("--max_iter"), QStringLiteral("50")}));
    }

    void badValuesAreRefusedByType_data()
    {
        QTest::addColumn<QString>("type");
        QTest::addColumn<QString>("value");
        QTest::addColumn<bool>("valid");
        QTest::newRow("float ok") << "float"
                                  << "1e-3" << true;
        QTest::newRow("float int ok") << "float"
                                      << "2" << true;
        QTest::newRow("float bad") << "float"
                                   << "fast" << false;
        QTest::newRow("float empty") << "float"
                                     << "" << false;
        QTest::newRow("int ok") << "int"
                                << "-12" << true;
        QTest::newRow("int fraction") << "int"
                                      << "3.5" << false;
        QTest::newRow("int word") << "int"
                                  << "ten" << false;
        QTest::newRow("string anything") << "string"
                                         << "a b c" << true;
        QTest::newRow("path empty") << "path"
                                    << "" << false;
        QTest::newRow("path ok") << "path"
                                 << "data/wine.csv" << true;
        QTest::newRow("uri ok") << "uri"
                                << "s3://bucket/x" << true;
    }

    void badValuesAreRefusedByType()
    {
        QFETCH(QString, type);
        QFETCH(QString, value);
        QFETCH(bool, valid);
        QTemporaryDir tmp;
        const QString file =
            writeProject(tmp, QStringLiteral("p"),
                         "entry_points:\n  main:\n    parameters:\n      x: " + type.toUtf8() +
                             "\n    command: run {x}\n");
        Result<MlProject> p = MlProject::load(file);
        QVERIFY2(p.ok(), p.ok() ? "" : qPrintable(p.error().message));
        Result<JobSpec> spec = p->jobSpec(QStringLiteral("main"), {{QStringLiteral("x"), value}});
        QCOMPARE(spec.ok(), valid);
        if (!valid) {
            QCOMPARE(spec.error().code, QStringLiteral("INVALID_PARAMETER_VALUE"));
            QVERIFY2(spec.error().message.contains(QStringLiteral("\"x\"")),
                     qPrintable(spec.error().message));
        }
    }

    void wineAlphaMustBeANumber()
    {
        Result<MlProject> p = MlProject::load(wineDir());
        QVERIFY(p.ok());
        Result<JobSpec> spec =
            p->jobSpec(QStringLiteral("main"), {{QStringLiteral("alpha"), QStringLiteral("high")}});
        QVERIFY(!spec.ok());
        QCOMPARE(spec.error().message, QStringLiteral("parameter \"alpha\" must be a number, not \"high\""));
    }

    void missingRequiredParameter()
    {
        QTemporaryDir tmp;
        const QString file =
            writeProject(tmp, QStringLiteral("p"),
                         "name: req\nentry_points:\n  main:\n    parameters:\n      data: path\n"
                         "      epochs: {type: int, default: 5}\n    command: train {data} {epochs}\n");
        Result<MlProject> p = MlProject::load(file);
        QVERIFY(p.ok());
        Result<JobSpec> spec = p->jobSpec(QStringLiteral("main"), {});
        QVERIFY(!spec.ok());
        QVERIFY2(spec.error().message.contains(QStringLiteral("data")), qPrintable(spec.error().message));
        QVERIFY(!spec.error().message.contains(QStringLiteral("epochs")));
        spec = p->jobSpec(QStringLiteral("main"), {{QStringLiteral("data"), QStringLiteral("x.csv")}});
        QVERIFY(spec.ok());
        QCOMPARE(spec->arguments(),
                 (QStringList{QStringLiteral("train"), QStringLiteral("x.csv"), QStringLiteral("5")}));
    }

    void syntaxErrorNamesFileAndLine()
    {
        QTemporaryDir tmp;
        const QString file =
            writeProject(tmp, QStringLiteral("broken"),
                         "name: broken\nentry_points:\n  main:\n    command: python a.py {a}\n"
                         "    parameters: {a: float\n");
        Result<MlProject> p = MlProject::load(file);
        QVERIFY(!p.ok());
        const QString msg = p.error().message;
        QVERIFY2(msg.startsWith(QFileInfo(file).absoluteFilePath() + QStringLiteral(", line ")),
                 qPrintable(msg));
        QVERIFY2(msg.contains(QStringLiteral("not valid YAML")), qPrintable(msg));
    }

    void structuralErrorsNameTheLine_data()
    {
        QTest::addColumn<QByteArray>("yaml");
        QTest::addColumn<QString>("expected");
        QTest::addColumn<int>("line");
        QTest::newRow("bad type") << QByteArray(
                                         "name: t\nentry_points:\n  main:\n    parameters:\n      a: double\n"
                                         "    command: run {a}\n")
                                  << QStringLiteral("unknown type \"double\"") << 5;
        QTest::newRow("bad default") << QByteArray(
                                            "entry_points:\n  main:\n    parameters:\n"
                                            "      n: {type: int, default: 2.5}\n    command: run {n}\n")
                                     << QStringLiteral("default of parameter \"n\"") << 4;
        QTest::newRow("no command") << QByteArray("entry_points:\n  main:\n    parameters: {a: float}\n")
                                    << QStringLiteral("has no \"command\"") << 3;
        QTest::newRow("entry points list") << QByteArray("name: t\nentry_points:\n  - main\n")
                                           << QStringLiteral("\"entry_points\" must be a mapping") << 3;
        QTest::newRow("not a mapping")
            << QByteArray("just text\n") << QStringLiteral("must be a mapping") << 1;
    }

    void structuralErrorsNameTheLine()
    {
        QFETCH(QByteArray, yaml);
        QFETCH(QString, expected);
        QFETCH(int, line);
        Result<MlProject> p = MlProject::parse(yaml, QStringLiteral("MLproject"), QStringLiteral("/tmp/x"));
        QVERIFY(!p.ok());
        QCOMPARE(p.error().code, QStringLiteral("INVALID_MLPROJECT"));
        QVERIFY2(p.error().message.startsWith(QStringLiteral("MLproject, line %1: ").arg(line)),
                 qPrintable(p.error().message));
        QVERIFY2(p.error().message.contains(expected), qPrintable(p.error().message));
    }

    void missingEntryPoint()
    {
        Result<MlProject> p = MlProject::load(wineDir());
        QVERIFY(p.ok());
        Result<MlEntryPoint> e = p->entryPoint(QStringLiteral("validate"));
        QVERIFY(!e.ok());
        QCOMPARE(e.error().code, QStringLiteral("ENTRY_POINT_NOT_FOUND"));
        QVERIFY(e.error().message.contains(QStringLiteral("\"validate\"")));
        QVERIFY(e.error().hint.contains(QStringLiteral("main")));
        QVERIFY(!p->jobSpec(QStringLiteral("validate"), {}).ok());
    }

    void scriptEntryPointLikeMlflow()
    {
        QTemporaryDir tmp;
        const QString file = writeProject(tmp, QStringLiteral("s"), "name: s\n");
        QFile script(tmp.filePath(QStringLiteral("s/prep.py")));
        QVERIFY(script.open(QIODevice::WriteOnly));
        script.close();
        Result<MlProject> p = MlProject::load(file);
        QVERIFY(p.ok());
        Result<JobSpec> spec =
            p->jobSpec(QStringLiteral("prep.py"), {{QStringLiteral("rows"), QStringLiteral("10")}});
        QVERIFY2(spec.ok(), spec.ok() ? "" : qPrintable(spec.error().message));
        QCOMPARE(spec->arguments(), (QStringList{QStringLiteral("python"), QStringLiteral("prep.py"),
                                                 QStringLiteral("--rows"), QStringLiteral("10")}));
        // Only files inside the project are scripts.
        QFile outside(tmp.filePath(QStringLiteral("outside.py")));
        QVERIFY(outside.open(QIODevice::WriteOnly));
        outside.close();
        QVERIFY(!p->entryPoint(QStringLiteral("../outside.py")).ok());
        QVERIFY(!p->entryPoint(QStringLiteral("absent.py")).ok());
    }

    void environmentsKeptAsText()
    {
        Result<MlProject> p =
            MlProject::parse("name: d\ndocker_env:\n  image: lab/train:1\n  volumes: [\"/data\"]\n"
                             "conda_env: conda.yaml\n",
                             QStringLiteral("MLproject"), QStringLiteral("/tmp/d"));
        QVERIFY(p.ok());
        QCOMPARE(p->condaEnv(), QStringLiteral("conda.yaml"));
        QVERIFY2(p->dockerEnv().contains(QStringLiteral("image: lab/train:1")), qPrintable(p->dockerEnv()));
        QVERIFY(p->entryPoints().isEmpty());
    }

    void unreadableFile()
    {
        Result<MlProject> p = MlProject::load(QStringLiteral("/nonexistent/project"));
        QVERIFY(!p.ok());
        QCOMPARE(p.error().code, QStringLiteral("IO_ERROR"));
        QVERIFY(p.error().message.contains(QStringLiteral("/nonexistent/project")));
    }
};

QTEST_GUILESS_MAIN(TestMlProject)
#include "tst_mlproject.moc"
