#include "project/labprofile.h"
#include "project/labprofiles.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace lab;

class TestLabProfile : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_config;

    QString userDir() const { return m_config.filePath(QStringLiteral("labconsole/profiles")); }

    void writeUser(const QString &file, const QByteArray &text)
    {
        QDir().mkpath(userDir());
        QFile f(userDir() + QLatin1Char('/') + file);
        QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
        f.write(text);
    }

    static const LabProfile *byName(const QList<LabProfile> &list, const QString &name)
    {
        for (const LabProfile &p : list)
            if (p.name == name)
                return &p;
        return nullptr;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_config.isValid());
        qputenv("XDG_CONFIG_HOME", m_config.path().toLocal8Bit());
        QCOMPARE(LabProfiles::userDirectory(), userDir());
    }

    void cleanup() { QDir(userDir()).removeRecursively(); }

    void embeddedLocalIsTheDefault()
    {
        const QList<LabProfile> all = LabProfiles::available();
        QVERIFY(all.size() >= 2);
        const LabProfile &local = all.first();
        QCOMPARE(local.name, QStringLiteral("local"));
        QVERIFY2(local.isValid(), qPrintable(local.error));
        QVERIFY(local.embedded);
        QCOMPARE(local.source, QStringLiteral(":/profiles/local.yaml"));
        QCOMPARE(local.kind, ProfileKind::Local);
        QCOMPARE(local.displayName, QStringLiteral("Local lab"));
        QVERIFY(local.tracking.uri.isEmpty());
        QCOMPARE(local.telemetry.kind, QStringLiteral("nvml"));
        QCOMPARE(local.gpuCount, -1);
        QCOMPARE(local.maxCpuJobs, 2);
        QCOMPARE(local.servingKind, QStringLiteral("local"));
        QVERIFY(local.warnings.isEmpty());

        const LabProfile viaLocal = LabProfiles::local();
        QCOMPARE(viaLocal.name, QStringLiteral("local"));
        QCOMPARE(viaLocal.maxCpuJobs, 2);
    }

    void clusterSampleHasTheLabDefaults()
    {
        Result<LabProfile> r = LabProfiles::find(QStringLiteral("lab-k3s"));
        QVERIFY2(r.ok(), r.ok() ? "" : qPrintable(r.error().message));
        const LabProfile &p = *r;
        QCOMPARE(p.kind, ProfileKind::Cluster);
        QCOMPARE(p.clusterNamespace, QStringLiteral("mlflow"));
        QCOMPARE(p.tracking.access, QStringLiteral("proxy"));
        QCOMPARE(p.tracking.uri, QStringLiteral("http://mlflow.mlflow.svc.cluster.local:5000/"));
        QCOMPARE(p.tracking.service, QStringLiteral("mlflow/mlflow:5000"));
        QCOMPARE(p.telemetry.kind, QStringLiteral("prometheus"));
        const JobDefaults &d = p.jobDefaults;
        QCOMPARE(d.namespaceName, QStringLiteral("mlflow"));
        QCOMPARE(d.restartPolicy, QStringLiteral("Never"));
        QCOMPARE(d.backoffLimit, 0);
        QCOMPARE(d.ttlSecondsAfterFinished, 100);
        QCOMPARE(d.requests.value(QStringLiteral("cpu")), QStringLiteral("100m"));
        QCOMPARE(d.requests.value(QStringLiteral("memory")), QStringLiteral("256Mi"));
        QCOMPARE(d.limits.value(QStringLiteral("cpu")), QStringLiteral("1"));
        QCOMPARE(d.limits.value(QStringLiteral("memory")), QStringLiteral("512Mi"));
        QCOMPARE(d.limits.value(QStringLiteral("nvidia.com/gpu")), QStringLiteral("1"));
        QCOMPARE(d.nodeSelector.size(), 1);
        QCOMPARE(d.tolerations.size(), 1);
        QCOMPARE(d.tolerations.first().key, QStringLiteral("nvidia.com/gpu"));
        QCOMPARE(d.tolerations.first().op, QStringLiteral("Exists"));
        QCOMPARE(d.tolerations.first().effect, QStringLiteral("NoSchedule"));
        QVERIFY(!d.env.isEmpty());
        QCOMPARE(d.env.first().first, QStringLiteral("MLFLOW_TRACKING_URI"));
        QCOMPARE(d.env.first().second, QStringLiteral("http://mlflow.mlflow.svc.cluster.local:5000/"));
        QCOMPARE(d.envFromSecrets, QStringList{QStringLiteral("mlflow-s3-credentials")});
        QCOMPARE(p.servingKind, QStringLiteral("kserve"));
    }

    void userFileOverridesEmbedded()
    {
        writeUser(QStringLiteral("my-local.yaml"), "name: local\ndisplayName: My workstation\nkind: local\n"
                                                   "compute:\n  gpuCount: 1\n  maxCpuJobs: 4\n");
        writeUser(QStringLiteral("course.yaml"), "name: course\nkind: cluster\ntracking:\n  access: direct\n"
                                                 "  uri: https://mlflow.example\n");
        const QList<LabProfile> all = LabProfiles::available();
        const LabProfile *local = byName(all, QStringLiteral("local"));
        QVERIFY(local);
        QCOMPARE(all.first().name, QStringLiteral("local"));
        QVERIFY(!local->embedded);
        QCOMPARE(local->displayName, QStringLiteral("My workstation"));
        QCOMPARE(local->gpuCount, 1);
        QCOMPARE(local->maxCpuJobs, 4);
        int locals = 0;
        for (const LabProfile &p : all)
            locals += p.name == QLatin1String("local");
        QCOMPARE(locals, 1);

        const LabProfile *course = byName(all, QStringLiteral("course"));
        QVERIFY(course);
        QCOMPARE(course->kind, ProfileKind::Cluster);
        QCOMPARE(course->tracking.access, QStringLiteral("direct"));
        QCOMPARE(course->tracking.uri, QStringLiteral("https://mlflow.example"));
        // Cluster defaults apply when the file leaves them out.
        QCOMPARE(course->jobDefaults.ttlSecondsAfterFinished, 100);
    }

    void brokenFileIsListedWithItsError()
    {
        writeUser(QStringLiteral("broken.yaml"), "name: broken\nkind: local\ncompute:\n  gpuCount: [1, 2\n");
        writeUser(QStringLiteral("fine.yaml"), "name: fine\nkind: local\n");
        const QList<LabProfile> all = LabProfiles::available();
        const LabProfile *broken = byName(all, QStringLiteral("broken"));
        QVERIFY(broken);
        QVERIFY(!broken->isValid());
        QVERIFY2(broken->error.contains(QStringLiteral("broken.yaml")), qPrintable(broken->error));
        QVERIFY2(broken->error.contains(QStringLiteral("line ")), qPrintable(broken->error));
        const LabProfile *fine = byName(all, QStringLiteral("fine"));
        QVERIFY(fine);
        QVERIFY(fine->isValid());
        QVERIFY(byName(all, QStringLiteral("local")));
        QVERIFY(byName(all, QStringLiteral("local"))->isValid());

        Result<LabProfile> r = LabProfiles::find(QStringLiteral("broken"));
        QVERIFY(!r.ok());
        QVERIFY(r.error().message.contains(QStringLiteral("broken.yaml")));
    }

    void badValuesNameTheLine_data()
    {
        QTest::addColumn<QByteArray>("yaml");
        QTest::addColumn<QString>("expected");
        QTest::addColumn<int>("line");
        QTest::newRow("kind") << QByteArray("name: x\nkind: remote\n") << QStringLiteral("kind must be") << 2;
        QTest::newRow("gpuCount") << QByteArray("name: x\ncompute:\n  gpuCount: many\n")
                                  << QStringLiteral("gpuCount") << 3;
        QTest::newRow("maxCpuJobs") << QByteArray("name: x\ncompute:\n  maxCpuJobs: 0\n")
                                    << QStringLiteral("maxCpuJobs") << 3;
        QTest::newRow("ttl") << QByteArray(
                                    "name: x\nkind: cluster\njobDefaults:\n  ttlSecondsAfterFinished: soon\n")
                             << QStringLiteral("ttlSecondsAfterFinished") << 4;
        QTest::newRow("no name") << QByteArray("kind: local\n") << QStringLiteral("no \"name\"") << 1;
        QTest::newRow("not a map") << QByteArray("- a\n- b\n") << QStringLiteral("mapping") << 1;
        QTest::newRow("tolerations") << QByteArray("name: x\njobDefaults:\n  tolerations: {a: b}\n")
                                     << QStringLiteral("tolerations") << 3;
    }

    void badValuesNameTheLine()
    {
        QFETCH(QByteArray, yaml);
        QFETCH(QString, expected);
        QFETCH(int, line);
        Result<LabProfile> r = LabProfile::parse(yaml, QStringLiteral("p.yaml"));
        QVERIFY(!r.ok());
        QVERIFY2(r.error().message.contains(expected), qPrintable(r.error().message));
        QVERIFY2(r.error().message.startsWith(QStringLiteral("p.yaml, line %1:").arg(line)),
                 qPrintable(r.error().message));
    }

    void unknownKeysAreWarnings()
    {
        Result<LabProfile> r = LabProfile::parse("name: x\ncolour: blue\n", QStringLiteral("p.yaml"));
        QVERIFY(r.ok());
        QCOMPARE(r->warnings.size(), 1);
        QVERIFY(r->warnings.first().contains(QStringLiteral("colour")));
    }

    void unknownProfileIsAnError()
    {
        Result<LabProfile> r = LabProfiles::find(QStringLiteral("nope"));
        QVERIFY(!r.ok());
        QCOMPARE(r.error().code, QStringLiteral("NOT_FOUND"));
        QVERIFY(r.error().hint.contains(QStringLiteral("local")));
    }
};

QTEST_GUILESS_MAIN(TestLabProfile)
#include "tst_labprofile.moc"
