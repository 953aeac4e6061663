#include "series/metricseries.h"
#include "testpaths.h"
#include "tracking/mlflowfilestore.h"
#include "tracking/trackingstorefactory.h"

#include <QDateTime>
#include <QDir>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

#include <cmath>
#include <limits>

using namespace lab;

namespace {

const QString SwahiliRun = QStringLiteral("ed05f9cd599442fe9a0c9222184710b8");
const QString SampleRunA = QStringLiteral("1a3c30a3fc464ce783540a93b69f941a");
const QString SampleRunB = QStringLiteral("b26c5803773144edb693e1a4c01c095e");

QByteArray readFile(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return f.readAll();
}

void writeFile(const QString &path, const QByteArray &data, QIODevice::OpenMode mode = QIODevice::WriteOnly)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile f(path);
    QVERIFY2(f.open(mode), qPrintable(path));
    QCOMPARE(f.write(data), data.size());
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

// Every file and folder under root with size and modification time, to prove reads do not write.
QStringList snapshot(const QString &root)
{
    QStringList out;
    QDirIterator it(root, QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden,
                    QDirIterator::Subdirectories);
    while (it.hasNext()) {
        it.next();
        const QFileInfo fi = it.fileInfo();
        out << QStringLiteral("%1 %2 %3")
                   .arg(fi.filePath())
                   .arg(fi.isDir() ? -1 : fi.size())
                   .arg(fi.lastModified().toMSecsSinceEpoch());
    }
    out.sort();
    return out;
}

RunSearch inExperiments(const QStringList &ids)
{
    RunSearch s;
    s.experimentIds = ids;
    return s;
}

const Run *findRun(const QList<Run> &runs, const QString &id)
{
    for (const Run &r : runs)
        if (r.info.runId == id)
            return &r;
    return nullptr;
}

} // namespace

class TestMlflowFileStore : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void swahiliStoreMlflow1x();
    void mlflowSampleStore232();
    void mlflowSampleRegistry();
    void readingNeverWritesFixtures();
    void factoryOpensUris();
    void metricLineFormat();
    void writeThenReadRoundTrip();
    void writtenYamlReadsInPython();
    void experimentDeleteAndRestore();
    void firstRunStartsAMissingStore();
    void incrementalReadWithPartialLine();
    void badInputStillLoads();
    void readOnlyStoreIsAClearError();
    void searchFilterOrderAndPages();
    void listingThousandRuns();
};

void TestMlflowFileStore::swahiliStoreMlflow1x()
{
    const QString root = labtest::fixture(QStringLiteral("mlruns/Swahili-Speech-To-Text/mlruns"));
    MlflowFileStore store(root);

    auto exps = store.listExperiments();
    QVERIFY2(exps.ok(), qPrintable(exps.ok() ? QString() : exps.error().toString()));
    QCOMPARE(exps->size(), 2);
    // MLflow's order: creation_time DESC (none recorded in 1.x), then id.
    QCOMPARE(exps->at(0).id, QStringLiteral("0"));
    QCOMPARE(exps->at(0).name, QStringLiteral("Default"));
    QCOMPARE(
        exps->at(0).artifactLocation,
        QStringLiteral(
            "file:///C:/Users/Maelaf%20ES/Documents/10_Acadamy/Swahili-Speech-To-Text/notebooks/mlruns/0"));
    const Experiment &e1 = exps->at(1);
    QCOMPARE(e1.id, QStringLiteral("1"));
    QCOMPARE(e1.name, QStringLiteral("Speech model simple rnn"));
    QCOMPARE(e1.lifecycleStage, LifecycleStage::Active);
    QCOMPARE(e1.creationTime, qint64(0));
    QCOMPARE(e1.lastUpdateTime, qint64(0));
    QVERIFY(e1.warnings.isEmpty());

    auto byName = store.getExperimentByName(QStringLiteral("Speech model simple rnn"));
    QVERIFY(byName.ok() && byName->has_value());
    QCOMPARE(byName->value().id, QStringLiteral("1"));

    RunSearch s;
    s.experimentIds = {QStringLiteral("1")};
    auto page = store.searchRuns(s);
    QVERIFY2(page.ok(), qPrintable(page.ok() ? QString() : page.error().toString()));
    QCOMPARE(page->runs.size(), 1);
    QVERIFY(page->nextPageToken.isEmpty());
    const Run &r = page->runs.at(0);
    QCOMPARE(r.info.runId, SwahiliRun);
    QCOMPARE(r.info.experimentId, QStringLiteral("1"));
    QCOMPARE(r.info.runName, QString()); // 1.x `name: ''` and no mlflow.runName tag
    QCOMPARE(r.info.userId, QStringLiteral("Maelaf ES"));
    QCOMPARE(r.info.status, RunStatus::Finished);
    QCOMPARE(r.info.startTime, qint64(1628697775478));
    QCOMPARE(r.info.endTime, qint64(1628697851678));
    QCOMPARE(r.info.artifactUri, QStringLiteral("file:///C:/Users/Maelaf%20ES/Documents/10_Acadamy/"
                                                "Swahili-Speech-To-Text/notebooks/mlruns/1/"
                                                "ed05f9cd599442fe9a0c9222184710b8/artifacts"));
    QCOMPARE(r.info.lifecycleStage, LifecycleStage::Active);
    QVERIFY2(r.warnings.isEmpty(), qPrintable(r.warnings.join(QLatin1Char('\n'))));
    QCOMPARE(r.metrics.size(), 1);
    QCOMPARE(r.metrics.at(0), (MetricPoint{QStringLiteral("loss"), 234.7978057861328, 1628697827236, 9}));
    QCOMPARE(r.tag(tags::User), QStringLiteral("Maelaf ES"));
    QCOMPARE(r.tag(tags::SourceName),
             QStringLiteral("C:\\Users\\Maelaf ES\\anaconda3\\lib\\site-packages\\ipykernel_launcher.py"));
    const QString runDir = root + QStringLiteral("/1/") + SwahiliRun;
    QCOMPARE(r.tag(tags::LogModelHistory).toUtf8(),
             readFile(runDir + QStringLiteral("/tags/mlflow.log-model.history")));
    QCOMPARE(r.tags.size(), 3);
    QVERIFY(r.params.isEmpty());

    auto got = store.getRun(SwahiliRun);
    QVERIFY(got.ok());
    QCOMPARE(got->info.startTime, r.info.startTime);
    QCOMPARE(got->metrics, r.metrics);
    QVERIFY(got->warnings.isEmpty());

    auto history = store.getMetricHistory(SwahiliRun, QStringLiteral("loss"));
    QVERIFY(history.ok());
    QCOMPARE(history->size(), 10);
    QCOMPARE(history->at(0), (MetricPoint{QStringLiteral("loss"), 332.6841735839844, 1628697792090, 0}));
    QCOMPARE(history->at(4), (MetricPoint{QStringLiteral("loss"), 239.03318786621094, 1628697806972, 4}));
    QCOMPARE(history->at(9), (MetricPoint{QStringLiteral("loss"), 234.7978057861328, 1628697827236, 9}));
    for (int i = 0; i < history->size(); ++i)
        QCOMPARE(history->at(i).step, i);

    auto keys = store.metricKeys(SwahiliRun);
    QVERIFY(keys.ok());
    QCOMPARE(*keys, QStringList{QStringLiteral("loss")});

    // The artifact URI names a Windows folder that does not exist here: artifacts come from the run's folder.
    auto arts = store.listArtifacts(SwahiliRun);
    QVERIFY(arts.ok());
    QCOMPARE(arts->size(), 1);
    QCOMPARE(arts->at(0).path, QStringLiteral("model"));
    QVERIFY(arts->at(0).isDir);
    auto inner = store.listArtifacts(SwahiliRun, QStringLiteral("model"));
    QVERIFY(inner.ok());
    QCOMPARE(inner->size(), 1);
    QCOMPARE(inner->at(0).path, QStringLiteral("model/MLmodel"));
    QCOMPARE(inner->at(0).fileSize, QFileInfo(runDir + QStringLiteral("/artifacts/model/MLmodel")).size());
    auto mlmodel = store.readArtifact(SwahiliRun, QStringLiteral("model/MLmodel"), -1);
    QVERIFY(mlmodel.ok());
    QCOMPARE(*mlmodel, readFile(runDir + QStringLiteral("/artifacts/model/MLmodel")));
    QVERIFY(mlmodel->contains("keras_version: 2.5.0"));
    auto head = store.readArtifact(SwahiliRun, QStringLiteral("model/MLmodel"), 14);
    QCOMPARE(*head, QByteArray("artifact_path:"));
    QVERIFY(!store.readArtifact(SwahiliRun, QStringLiteral("../meta.yaml"), -1).ok());
    QCOMPARE(store.readArtifact(SwahiliRun, QStringLiteral("model/nothing"), -1).error().code,
             QStringLiteral("RESOURCE_DOES_NOT_EXIST"));

    auto models = store.listRegisteredModels();
    QVERIFY(models.ok());
    QVERIFY(models->isEmpty());
    QCOMPARE(store.getRun(QStringLiteral("0123456789abcdef0123456789abcdef")).error().code,
             QStringLiteral("RESOURCE_DOES_NOT_EXIST"));
}

void TestMlflowFileStore::mlflowSampleStore232()
{
    const QString root = labtest::fixture(QStringLiteral("mlruns/MLFlowSample/mlruns"));
    MlflowFileStore store(root);
    auto exps = store.listExperiments(ViewType::All);
    QVERIFY(exps.ok());
    QCOMPARE(exps->size(), 1); // models/ is the registry, not an experiment
    const Experiment &e = exps->at(0);
    QCOMPARE(e.id, QStringLiteral("0"));
    QCOMPARE(e.name, QStringLiteral("Default"));
    QCOMPARE(e.artifactLocation, QStringLiteral("mlflow-artifacts:/0"));
    QCOMPARE(e.creationTime, qint64(1685340091873));
    QCOMPARE(e.lastUpdateTime, qint64(1685340091873));
    QCOMPARE(e.lifecycleStage, LifecycleStage::Active);
    QVERIFY(e.tags.isEmpty());
    QVERIFY(e.warnings.isEmpty());

    auto page = store.searchRuns(inExperiments({QStringLiteral("0")}));
    QVERIFY(page.ok());
    QCOMPARE(page->runs.size(), 2);
    // Default order: start_time DESC.
    const Run &a = page->runs.at(0);
    const Run &b = page->runs.at(1);
    QCOMPARE(a.info.runId, SampleRunA);
    QCOMPARE(b.info.runId, SampleRunB);
    QCOMPARE(a.info.runName, QStringLiteral("fortunate-shrew-385"));
    QCOMPARE(b.info.runName, QStringLiteral("awesome-calf-495"));
    QCOMPARE(a.info.userId, QStringLiteral("junchao.yu"));
    QCOMPARE(a.info.status, RunStatus::Finished);
    QCOMPARE(a.info.startTime, qint64(1685526794468));
    QCOMPARE(a.info.endTime, qint64(1685526795955));
    QCOMPARE(b.info.startTime, qint64(1685428886162));
    QCOMPARE(b.info.endTime, qint64(1685428887692));
    QCOMPARE(a.info.artifactUri,
             QStringLiteral("mlflow-artifacts:/0/1a3c30a3fc464ce783540a93b69f941a/artifacts"));
    QCOMPARE(a.metrics.size(), 1);
    QCOMPARE(a.metrics.at(0), (MetricPoint{QStringLiteral("mse"), 356.6847104398046, 1685526794541, 0}));
    QCOMPARE(a.tag(tags::RunName), QStringLiteral("fortunate-shrew-385"));
    QVERIFY(b.metrics.isEmpty());
    QCOMPARE(b.tag(tags::SourceName),
             QStringLiteral("/Users/junchao.yu/Desktop/MLFlowSample/model_train.py"));
    QCOMPARE(b.tag(tags::LogModelHistory).toUtf8(),
             readFile(root + QStringLiteral("/0/") + SampleRunB +
                      QStringLiteral("/tags/mlflow.log-model.history")));
    QVERIFY(b.tag(tags::LogModelHistory).contains(QLatin1String("\"mlflow_version\": \"2.3.2\"")));
    QVERIFY(a.warnings.isEmpty());
    QVERIFY(b.warnings.isEmpty());

    // The trash and the Deleted view are empty here.
    RunSearch deleted = inExperiments({QStringLiteral("0")});
    deleted.viewType = ViewType::DeletedOnly;
    QVERIFY(store.searchRuns(deleted)->runs.isEmpty());
    QVERIFY(store.listExperiments(ViewType::DeletedOnly)->isEmpty());
}

void TestMlflowFileStore::mlflowSampleRegistry()
{
    MlflowFileStore store(labtest::fixture(QStringLiteral("mlruns/MLFlowSample/mlruns")));
    auto models = store.listRegisteredModels();
    QVERIFY(models.ok());
    QCOMPARE(models->size(), 1);
    const RegisteredModel &m = models->at(0);
    QCOMPARE(m.name, QStringLiteral("sk-learn-random-forest-reg-model"));
    QCOMPARE(m.creationTimestamp, qint64(1685526348293));
    QCOMPARE(m.lastUpdatedTimestamp, qint64(1685526869676));
    QCOMPARE(m.description, QString());
    QVERIFY(m.aliases.isEmpty());

    auto versions = store.listModelVersions(m.name);
    QVERIFY(versions.ok());
    QCOMPARE(versions->size(), 2);
    const ModelVersion &v1 = versions->at(0);
    const ModelVersion &v4 = versions->at(1);
    QCOMPARE(v1.version, QStringLiteral("1"));
    QCOMPARE(v1.currentStage, QStringLiteral("None"));
    QCOMPARE(v1.runId, QStringLiteral("47fa8030c68442a0a6827d36006b61cb"));
    QCOMPARE(v1.creationTimestamp, qint64(1685526348299));
    QCOMPARE(v1.lastUpdatedTimestamp, qint64(1685526348299));
    QCOMPARE(v4.version, QStringLiteral("4"));
    QCOMPARE(v4.name, QStringLiteral("sk-learn-random-forest-reg-model"));
    QCOMPARE(v4.currentStage, QStringLiteral("Production"));
    QCOMPARE(v4.runId, SampleRunA);
    QCOMPARE(v4.source,
             QStringLiteral("mlflow-artifacts:/0/1a3c30a3fc464ce783540a93b69f941a/artifacts/sklearn-model"));
    QCOMPARE(v4.status, QStringLiteral("READY"));
    QCOMPARE(v4.creationTimestamp, qint64(1685526795938));
    QCOMPARE(v4.lastUpdatedTimestamp, qint64(1685526858609));
    QCOMPARE(v4.description, QString());
    QVERIFY(v4.aliases.isEmpty());
    QCOMPARE(store.listModelVersions(QStringLiteral("no-such-model")).error().code,
             QStringLiteral("RESOURCE_DOES_NOT_EXIST"));
}

void TestMlflowFileStore::readingNeverWritesFixtures()
{
    for (const QString &name : {QStringLiteral("Swahili-Speech-To-Text"), QStringLiteral("MLFlowSample")}) {
        const QString root = labtest::fixture(QStringLiteral("mlruns/%1/mlruns").arg(name));
        const QStringList before = snapshot(root);
        auto opened = openTrackingStore(QUrl::fromLocalFile(root).toString());
        QVERIFY(opened.ok());
        TrackingStore &store = **opened;
        auto exps = store.listExperiments(ViewType::All);
        QVERIFY(exps.ok());
        for (const Experiment &e : *exps) {
            RunSearch s = inExperiments({e.id});
            s.viewType = ViewType::All;
            const auto page = store.searchRuns(s);
            QVERIFY(page.ok());
            for (const Run &r : page->runs) {
                QVERIFY(store.getRun(r.info.runId).ok());
                const auto keys = store.metricKeys(r.info.runId);
                QVERIFY(keys.ok());
                for (const QString &k : *keys) {
                    MetricCursor c;
                    MetricSeries series;
                    QVERIFY(store.readMetricIncrement(r.info.runId, k, &c, &series).ok());
                    QVERIFY(series.size() > 0);
                }
                QVERIFY(store.listArtifacts(r.info.runId).ok());
            }
        }
        QVERIFY(store.listRegisteredModels().ok());
        QCOMPARE(snapshot(root), before);
        QVERIFY(!QFileInfo::exists(root + QStringLiteral("/.trash")));
    }
}

void TestMlflowFileStore::factoryOpensUris()
{
    // http(s) opens the REST store without connecting (tst_mlflowreststore talks to it).
    auto http = openTrackingStore(QStringLiteral("http://mlflow.lab:5000"));
    QVERIFY2(http.ok(), qPrintable(http.ok() ? QString() : http.error().toString()));
    QVERIFY((*http)->uri().startsWith(QLatin1String("http://mlflow.lab:5000")));
    QCOMPARE(openTrackingStore(QStringLiteral("sqlite:///mlflow.db")).error().code,
             QStringLiteral("NOT_SUPPORTED"));

    const QString fixture = labtest::fixture(QStringLiteral("mlruns/MLFlowSample/mlruns"));
    auto byUri = openTrackingStore(QUrl::fromLocalFile(fixture).toString());
    QVERIFY(byUri.ok());
    QCOMPARE((*byUri)->uri(), QUrl::fromLocalFile(QDir::cleanPath(fixture)).toString());
    auto byPath = openTrackingStore(fixture);
    QVERIFY(byPath.ok());
    QCOMPARE((*byPath)->listExperiments()->size(), 1);

    QTemporaryDir tmp;
    QVERIFY(tmp.isValid());
    // "file:relative" is relative to the working folder, as MLflow reads it.
    const QString oldCwd = QDir::currentPath();
    QDir::setCurrent(tmp.path());
    auto rel = openTrackingStore(QStringLiteral("file:rel/mlruns"));
    QDir::setCurrent(oldCwd);
    QVERIFY(rel.ok());
    QVERIFY(QFileInfo::exists(tmp.path() + QStringLiteral("/rel/mlruns/0/meta.yaml")));

    // Empty: the local default under XDG_DATA_HOME, created with experiment 0.
    qputenv("XDG_DATA_HOME", tmp.path().toUtf8());
    QCOMPARE(defaultLocalStorePath(), tmp.path() + QStringLiteral("/labconsole/mlruns"));
    auto def = openTrackingStore(QString());
    QVERIFY(def.ok());
    auto exps = (*def)->listExperiments();
    QCOMPARE(exps->size(), 1);
    QCOMPARE(exps->at(0).id, QStringLiteral("0"));
    QCOMPARE(exps->at(0).name, QStringLiteral("Default"));

    qputenv("MLFLOW_TRACKING_URI", "file:///srv/mlruns");
    QCOMPARE(resolveTrackingUri(QStringLiteral("/x/mlruns")), QStringLiteral("/x/mlruns"));
    QCOMPARE(resolveTrackingUri(QString()), QStringLiteral("file:///srv/mlruns"));
    qunsetenv("MLFLOW_TRACKING_URI");
    QCOMPARE(resolveTrackingUri(QString()), QUrl::fromLocalFile(defaultLocalStorePath()).toString());
    qunsetenv("XDG_DATA_HOME");

    // A file where the store should be.
    const QString file = tmp.path() + QStringLiteral("/afile");
    writeFile(file, "x");
    QVERIFY(!openTrackingStore(file).ok());
}

void TestMlflowFileStore::metricLineFormat()
{
    QCOMPARE(MlflowFileStore::formatMetricValue(0.5), QByteArray("0.5"));
    QCOMPARE(MlflowFileStore::formatMetricValue(1.0), QByteArray("1.0"));
    QCOMPARE(MlflowFileStore::formatMetricValue(-3.0), QByteArray("-3.0"));
    QCOMPARE(MlflowFileStore::formatMetricValue(0.1), QByteArray("0.1"));
    QCOMPARE(MlflowFileStore::formatMetricValue(1e-05), QByteArray("1e-05"));
    QCOMPARE(MlflowFileStore::formatMetricValue(356.6847104398046), QByteArray("356.6847104398046"));
    QCOMPARE(MlflowFileStore::formatMetricValue(std::nan("")), QByteArray("nan"));
    QCOMPARE(MlflowFileStore::formatMetricValue(std::numeric_limits<double>::infinity()), QByteArray("inf"));
    QCOMPARE(MlflowFileStore::formatMetricValue(-std::numeric_limits<double>::infinity()),
             QByteArray("-inf"));

    qint64 ts = 0, step = 0;
    double v = 0;
    QVERIFY(MlflowFileStore::parseMetricLine("1628697792090 332.6841735839844 0", &ts, &v, &step));
    QCOMPARE(ts, qint64(1628697792090));
    QCOMPARE(v, 332.6841735839844);
    QCOMPARE(step, qint64(0));
    QVERIFY(MlflowFileStore::parseMetricLine("5 nan 3\n", &ts, &v, &step));
    QVERIFY(std::isnan(v));
    QCOMPARE(step, 3);
    QVERIFY(MlflowFileStore::parseMetricLine("5 -inf 3", &ts, &v, &step));
    QVERIFY(std::isinf(v) && v < 0);
    QVERIFY(MlflowFileStore::parseMetricLine("5 inf 3", &ts, &v, &step));
    QVERIFY(std::isinf(v) && v > 0);
    QVERIFY(
        MlflowFileStore::parseMetricLine("7 1e-05", &ts, &v, &step)); // MLflow 1.x lines may lack the step
    QCOMPARE(step, qint64(0));
    QCOMPARE(v, 1e-05);
    QVERIFY(!MlflowFileStore::parseMetricLine("7", &ts, &v, &step));
    QVERIFY(!MlflowFileStore::parseMetricLine("7 1.0 2 9", &ts, &v, &step));
    QVERIFY(!MlflowFileStore::parseMetricLine("7  1.0 2", &ts, &v,
                                              &step)); // Python's split(" ") gives an empty field
    QVERIFY(!MlflowFileStore::parseMetricLine("abc 1.0 2", &ts, &v, &step));
    QVERIFY(!MlflowFileStore::parseMetricLine("7 x 2", &ts, &v, &step));
    QVERIFY(!MlflowFileStore::parseMetricLine("7 1.0 2.5", &ts, &v, &step));
}

void TestMlflowFileStore::writeThenReadRoundTrip()
{
    QTemporaryDir tmp;
    const QString root = tmp.path() + QStringLiteral("/mlruns");
    MlflowFileStore store(root);
    QVERIFY(store.initialize().ok());
    QVERIFY(store.checkWritable().ok());
    QVERIFY(QFileInfo::exists(root + QStringLiteral("/0/meta.yaml")));
    QVERIFY(QFileInfo(root + QStringLiteral("/.trash")).isDir());
    const QByteArray defaultMeta = readFile(root + QStringLiteral("/0/meta.yaml"));
    QVERIFY(defaultMeta.contains("experiment_id: '0'\n"));
    QVERIFY(defaultMeta.contains("name: Default\n"));
    QVERIFY(defaultMeta.contains("lifecycle_stage: active\n"));
    QVERIFY(defaultMeta.startsWith("artifact_location: file://"));
    // A second initialize leaves a store that has content alone.
    QVERIFY(store.initialize().ok());
    QCOMPARE(readFile(root + QStringLiteral("/0/meta.yaml")), defaultMeta);

    auto expId = store.createExperiment(QStringLiteral("spirals"));
    QVERIFY2(expId.ok(), qPrintable(expId.ok() ? QString() : expId.error().toString()));
    QVERIFY(QRegularExpression(QStringLiteral("^[1-9][0-9]{17}$")).match(*expId).hasMatch());
    auto dup = store.createExperiment(QStringLiteral("spirals"));
    QVERIFY(!dup.ok());
    QCOMPARE(dup.error().code, QStringLiteral("RESOURCE_ALREADY_EXISTS"));
    QCOMPARE(store.createExperiment(QString()).error().code, QStringLiteral("INVALID_PARAMETER_VALUE"));
    auto exp = store.getExperiment(*expId);
    QVERIFY(exp.ok());
    QCOMPARE(exp->name, QStringLiteral("spirals"));
    QCOMPARE(exp->artifactLocation, QUrl::fromLocalFile(root + QLatin1Char('/') + *expId).toString());
    QVERIFY(exp->creationTime > 0);
    QCOMPARE(exp->lastUpdateTime, exp->creationTime);
    QVERIFY(store.setExperimentTag(*expId, QStringLiteral("team"), QStringLiteral("ml-101")).ok());
    QCOMPARE(store.getExperiment(*expId)->tags,
             (QList<Tag>{{QStringLiteral("team"), QStringLiteral("ml-101")}}));

    const qint64 start = 1700000000000;
    auto run =
        store.createRun(*expId, QStringLiteral("first-run"), start,
                        {{tags::User, QStringLiteral("ann")}, {tags::JobId, QStringLiteral("local-1")}},
                        QStringLiteral("ann"));
    QVERIFY2(run.ok(), qPrintable(run.ok() ? QString() : run.error().toString()));
    const QString id = run->info.runId;
    QVERIFY(QRegularExpression(QStringLiteral("^[0-9a-f]{32}$")).match(id).hasMatch());
    QCOMPARE(run->info.runName, QStringLiteral("first-run"));
    QCOMPARE(run->info.status, RunStatus::Running);
    QCOMPARE(run->info.endTime, qint64(0));
    QCOMPARE(run->info.artifactUri,
             exp->artifactLocation + QLatin1Char('/') + id + QStringLiteral("/artifacts"));
    QCOMPARE(run->tag(tags::RunName), QStringLiteral("first-run"));
    QCOMPARE(run->tag(tags::JobId), QStringLiteral("local-1"));

    const QString runDir = root + QLatin1Char('/') + *expId + QLatin1Char('/') + id;
    for (const char *sub : {"metrics", "params", "artifacts", "tags"})
        QVERIFY(QFileInfo(runDir + QLatin1Char('/') + QLatin1String(sub)).isDir());
    QByteArray meta = readFile(runDir + QStringLiteral("/meta.yaml"));
    for (const QByteArray &line : QList<QByteArray>{
             QByteArray("end_time: null\n"), QByteArray("status: 1\n"),
             QByteArray("experiment_id: '") + expId->toUtf8() + "'\n",
             QByteArray("run_id: ") + id.toUtf8() + "\n", QByteArray("run_uuid: ") + id.toUtf8() + "\n",
             QByteArray("run_name: first-run\n"), QByteArray("start_time: 1700000000000\n"),
             QByteArray("source_type: 4\n"), QByteArray("tags: []\n"), QByteArray("user_id: ann\n"),
             QByteArray("lifecycle_stage: active\n"), QByteArray("entry_point_name: ''\n"),
             QByteArray("deleted_time: null\n")})
        QVERIFY2(meta.contains(line), line.constData());
    // Keys sorted as Python's yaml.safe_dump writes them.
    QVERIFY(meta.startsWith("artifact_uri: "));
    QVERIFY(meta.indexOf("status:") < meta.indexOf("tags:"));

    const double inf = std::numeric_limits<double>::infinity();
    QList<MetricPoint> points = {
        {QStringLiteral("loss"), 0.75, start + 1, 0},
        {QStringLiteral("loss"), std::nan(""), start + 2, 1},
        {QStringLiteral("loss"), inf, start + 3, 2},
        {QStringLiteral("loss"), -inf, start + 4, 3},
        {QStringLiteral("loss"), 0.125, start + 5, 4},
        {QStringLiteral("system/gpu_0_utilization_percentage"), 87.0, start + 6, 0},
    };
    QVERIFY(store
                .logBatch(id, points,
                          {{QStringLiteral("lr"), QStringLiteral("0.01")},
                           {QStringLiteral("hidden sizes"), QStringLiteral("64,64")}},
                          {{QStringLiteral("note"), QStringLiteral("héllo wörld")}})
                .ok());
    QCOMPARE(
        readFile(runDir + QStringLiteral("/metrics/loss")),
        QByteArray("1700000000001 0.75 0\n1700000000002 nan 1\n1700000000003 inf 2\n1700000000004 -inf 3\n"
                   "1700000000005 0.125 4\n"));
    QCOMPARE(readFile(runDir + QStringLiteral("/metrics/system/gpu_0_utilization_percentage")),
             QByteArray("1700000000006 87.0 0\n"));
    QCOMPARE(readFile(runDir + QStringLiteral("/params/lr")), QByteArray("0.01"));
    QCOMPARE(readFile(runDir + QStringLiteral("/tags/note")),
             QString(QStringLiteral("héllo wörld")).toUtf8());

    // Temporaries of the atomic writes never show up as keys, and none are left behind.
    QCOMPARE(QDir(runDir + QStringLiteral("/tags")).entryList(QDir::Files | QDir::Hidden),
             (QStringList{QStringLiteral("labconsole.job.id"), QStringLiteral("mlflow.runName"),
                          QStringLiteral("mlflow.user"), QStringLiteral("note")}));
    QCOMPARE(QDir(runDir).entryList(QDir::Files | QDir::Hidden), QStringList{QStringLiteral("meta.yaml")});

    // Params are written once.
    QVERIFY(store.logBatch(id, {}, {{QStringLiteral("lr"), QStringLiteral("0.01")}}, {}).ok());
    auto changed = store.logBatch(id, {}, {{QStringLiteral("lr"), QStringLiteral("0.1")}}, {});
    QVERIFY(!changed.ok());
    QCOMPARE(changed.error().code, QStringLiteral("INVALID_PARAMETER_VALUE"));
    QCOMPARE(store.logBatch(id, {{QStringLiteral("../escape"), 1, 1, 1}}, {}, {}).error().code,
             QStringLiteral("INVALID_PARAMETER_VALUE"));
    QVERIFY(!QFileInfo::exists(runDir + QStringLiteral("/escape")));

    auto history = store.getMetricHistory(id, QStringLiteral("loss"));
    QVERIFY(history.ok());
    QCOMPARE(history->size(), 5);
    QCOMPARE(history->at(0), points.at(0));
    QVERIFY(std::isnan(history->at(1).value));
    QCOMPARE(history->at(2), points.at(2));
    QCOMPARE(history->at(3), points.at(3));
    QCOMPARE(history->at(4), points.at(4));

    auto got = store.getRun(id);
    QVERIFY(got.ok());
    QVERIFY2(got->warnings.isEmpty(), qPrintable(got->warnings.join(QLatin1Char('\n'))));
    QCOMPARE(got->param(QStringLiteral("lr")), QStringLiteral("0.01"));
    QCOMPARE(got->param(QStringLiteral("hidden sizes")), QStringLiteral("64,64"));
    QCOMPARE(got->tag(QStringLiteral("note")), QStringLiteral("héllo wörld"));
    QCOMPARE(*got->metric(QStringLiteral("loss")), points.at(4));
    QCOMPARE(*got->metric(QStringLiteral("system/gpu_0_utilization_percentage")), points.at(5));
    QCOMPARE(*store.metricKeys(id),
             (QStringList{QStringLiteral("loss"), QStringLiteral("system/gpu_0_utilization_percentage")}));

    // Tags: overwrite, delete, and the run name through its tag.
    QVERIFY(store.setTag(id, QStringLiteral("note"), QStringLiteral("second")).ok());
    QVERIFY(store.setTag(id, tags::RunName, QStringLiteral("renamed")).ok());
    QVERIFY(store.deleteTag(id, QStringLiteral("note")).ok());
    QCOMPARE(store.deleteTag(id, QStringLiteral("note")).error().code,
             QStringLiteral("RESOURCE_DOES_NOT_EXIST"));
    got = store.getRun(id);
    QCOMPARE(got->info.runName, QStringLiteral("renamed"));
    QCOMPARE(got->tag(QStringLiteral("note"), QStringLiteral("<none>")), QStringLiteral("<none>"));

    // Status update.
    QVERIFY(store.updateRun(id, RunStatus::Finished, start + 60000).ok());
    meta = readFile(runDir + QStringLiteral("/meta.yaml"));
    QVERIFY(meta.contains("status: 3\n"));
    QVERIFY(meta.contains("end_time: 1700000060000\n"));
    QVERIFY(meta.contains("run_name: renamed\n"));
    got = store.getRun(id);
    QCOMPARE(got->info.status, RunStatus::Finished);
    QCOMPARE(got->info.endTime, start + 60000);
    QCOMPARE(got->info.startTime, start);
    QCOMPARE(got->info.userId, QStringLiteral("ann"));

    // Artifacts.
    QVERIFY(store.writeArtifact(id, QStringLiteral("model/MLmodel"), "flavors: {}\n").ok());
    QCOMPARE(readFile(runDir + QStringLiteral("/artifacts/model/MLmodel")), QByteArray("flavors: {}\n"));
    QCOMPARE(*store.readArtifact(id, QStringLiteral("model/MLmodel"), -1), QByteArray("flavors: {}\n"));
    QCOMPARE(store.localArtifactPath(id, QStringLiteral("model")),
             runDir + QStringLiteral("/artifacts/model"));
    QVERIFY(!store.writeArtifact(id, QStringLiteral("../../x"), "x").ok());

    // Delete and restore.
    QVERIFY(store.deleteRun(id).ok());
    QVERIFY(readFile(runDir + QStringLiteral("/meta.yaml")).contains("lifecycle_stage: deleted\n"));
    QVERIFY(QRegularExpression(QStringLiteral("deleted_time: \\d{13}\n"))
                .match(QString::fromUtf8(readFile(runDir + QStringLiteral("/meta.yaml"))))
                .hasMatch());
    RunSearch active = inExperiments({*expId});
    QVERIFY(store.searchRuns(active)->runs.isEmpty());
    RunSearch deletedOnly = inExperiments({*expId});
    deletedOnly.viewType = ViewType::DeletedOnly;
    QCOMPARE(store.searchRuns(deletedOnly)->runs.size(), 1);
    QCOMPARE(store.getRun(id)->info.lifecycleStage, LifecycleStage::Deleted);
    QCOMPARE(store.setTag(id, QStringLiteral("x"), QStringLiteral("y")).error().code,
             QStringLiteral("INVALID_STATE"));
    QVERIFY(store.restoreRun(id).ok());
    QVERIFY(!readFile(runDir + QStringLiteral("/meta.yaml")).contains("deleted_time"));
    QCOMPARE(store.searchRuns(active)->runs.size(), 1);
    QCOMPARE(store.getRun(id)->info.lifecycleStage, LifecycleStage::Active);

    // A fresh store object (no cache) reads the same.
    MlflowFileStore again(root);
    auto fresh = again.getRun(id);
    QVERIFY(fresh.ok());
    QCOMPARE(fresh->info.runName, QStringLiteral("renamed"));
    QCOMPARE(fresh->info.experimentId, *expId);
    QCOMPARE(fresh->params, got->params);
    QCOMPARE(fresh->metrics.size(), 2);

    // A run without a name gets a generated one, as MLflow does; a conflicting tag is an error.
    auto unnamed = store.createRun(*expId, QString(), start, {});
    QVERIFY(unnamed.ok());
    QVERIFY(
        QRegularExpression(QStringLiteral("^[a-z]+-[a-z]+-\\d+$")).match(unnamed->info.runName).hasMatch());
    QCOMPARE(store.createRun(*expId, QStringLiteral("a"), start, {{tags::RunName, QStringLiteral("b")}})
                 .error()
                 .code,
             QStringLiteral("INVALID_PARAMETER_VALUE"));
    QCOMPARE(store.createRun(QStringLiteral("424242"), QStringLiteral("a"), start, {}).error().code,
             QStringLiteral("RESOURCE_DOES_NOT_EXIST"));
}

void TestMlflowFileStore::writtenYamlReadsInPython()
{
    // MLflow reads meta.yaml with PyYAML's safe_load: check the types it gets back.
    const QString python = QStandardPaths::findExecutable(QStringLiteral("python3"));
    if (python.isEmpty())
        QSKIP("python3 is not installed");
    QProcess probe;
    probe.start(python, {QStringLiteral("-c"), QStringLiteral("import yaml")});
    probe.waitForFinished();
    if (probe.exitCode() != 0)
        QSKIP("PyYAML is not installed");

    QTemporaryDir tmp;
    const QString root = tmp.path() + QStringLiteral("/mlruns");
    MlflowFileStore store(root);
    QVERIFY(store.initialize().ok());
    auto expId = store.createExperiment(QStringLiteral("it's: a \"test\" #1"));
    QVERIFY(expId.ok());
    auto run = store.createRun(*expId, QStringLiteral("true"), 1700000000000, {}, QStringLiteral("0123"));
    QVERIFY(run.ok());
    const QString runMeta =
        root + QLatin1Char('/') + *expId + QLatin1Char('/') + run->info.runId + QStringLiteral("/meta.yaml");
    const QString expMeta = root + QLatin1Char('/') + *expId + QStringLiteral("/meta.yaml");
    const QString script = QStringLiteral(
        "import sys, yaml\n"
        "r = yaml.safe_load(open(sys.argv[1]))\n"
        "e = yaml.safe_load(open(sys.argv[2]))\n"
        "assert r['status'] == 1 and type(r['status']) is int, r\n"
        "assert r['end_time'] is None, r\n"
        "assert type(r['start_time']) is int and r['start_time'] == 1700000000000, r\n"
        "assert r['experiment_id'] == sys.argv[3], r\n"
        "assert r['run_name'] == 'true' and r['user_id'] == '0123', r\n"
        "assert r['tags'] == [] and r['source_type'] == 4 and r['source_name'] == '', r\n"
        "assert r['deleted_time'] is None and r['lifecycle_stage'] == 'active', r\n"
        "assert r['run_id'] == r['run_uuid'], r\n"
        "assert e['experiment_id'] == sys.argv[3] and e['name'] == 'it\\'s: a \"test\" #1', e\n"
        "assert type(e['creation_time']) is int and e['creation_time'] == e['last_update_time'], e\n"
        "print('ok')\n");
    QProcess p;
    p.start(python, {QStringLiteral("-c"), script, runMeta, expMeta, *expId});
    QVERIFY(p.waitForFinished(30000));
    QVERIFY2(p.exitCode() == 0, p.readAllStandardError().constData());
    QCOMPARE(p.readAllStandardOutput().trimmed(), QByteArray("ok"));

    QVERIFY(store.updateRun(run->info.runId, RunStatus::Killed, 1700000009999).ok());
    const QString script2 = QStringLiteral("import sys, yaml\nr = yaml.safe_load(open(sys.argv[1]))\n"
                                           "assert r['status'] == 5 and r['end_time'] == 1700000009999, r\n");
    p.start(python, {QStringLiteral("-c"), script2, runMeta});
    QVERIFY(p.waitForFinished(30000));
    QVERIFY2(p.exitCode() == 0, p.readAllStandardError().constData());
}

void TestMlflowFileStore::experimentDeleteAndRestore()
{
    QTemporaryDir tmp;
    const QString root = tmp.path() + QStringLiteral("/mlruns");
    MlflowFileStore store(root);
    QVERIFY(store.initialize().ok());
    auto expId = store.createExperiment(QStringLiteral("old"));
    QVERIFY(expId.ok());
    auto run = store.createRun(*expId, QStringLiteral("r"), 1, {});
    QVERIFY(run.ok());
    QVERIFY(!store.deleteExperiment(QStringLiteral("0")).ok());
    QVERIFY(store.deleteExperiment(*expId).ok());
    QVERIFY(QFileInfo(root + QStringLiteral("/.trash/") + *expId + QStringLiteral("/meta.yaml")).isFile());
    QVERIFY(!QFileInfo::exists(root + QLatin1Char('/') + *expId));
    QCOMPARE(store.listExperiments()->size(), 1);
    auto deleted = store.listExperiments(ViewType::DeletedOnly);
    QCOMPARE(deleted->size(), 1);
    QCOMPARE(deleted->at(0).name, QStringLiteral("old"));
    QCOMPARE(deleted->at(0).lifecycleStage, LifecycleStage::Deleted);
    QCOMPARE(store.getRun(run->info.runId)->info.lifecycleStage, LifecycleStage::Deleted);
    QCOMPARE(store.createExperiment(QStringLiteral("old")).error().code,
             QStringLiteral("RESOURCE_ALREADY_EXISTS"));
    QCOMPARE(store.createRun(*expId, QStringLiteral("x"), 1, {}).error().code,
             QStringLiteral("INVALID_STATE"));

    QVERIFY(store.restoreExperiment(*expId).ok());
    QCOMPARE(store.getExperiment(*expId)->lifecycleStage, LifecycleStage::Active);
    QCOMPARE(store.getRun(run->info.runId)->info.lifecycleStage, LifecycleStage::Active);
    QCOMPARE(store.listExperiments()->size(), 2);
}

void TestMlflowFileStore::firstRunStartsAMissingStore()
{
    QTemporaryDir tmp;
    const QString root = tmp.path() + QStringLiteral("/not/yet/mlruns");
    MlflowFileStore store(root);
    QVERIFY(!QFileInfo::exists(root)); // constructing reads and writes nothing
    auto run = store.createRun(QString(), QStringLiteral("first"), 1, {});
    QVERIFY2(run.ok(), qPrintable(run.ok() ? QString() : run.error().toString()));
    QCOMPARE(run->info.experimentId, QStringLiteral("0"));
    QCOMPARE(store.getExperiment(QStringLiteral("0"))->name, QStringLiteral("Default"));
    QVERIFY(
        QFileInfo(root + QStringLiteral("/0/") + run->info.runId + QStringLiteral("/meta.yaml")).isFile());
}

void TestMlflowFileStore::incrementalReadWithPartialLine()
{
    QTemporaryDir tmp;
    MlflowFileStore store(tmp.path() + QStringLiteral("/mlruns"));
    QVERIFY(store.initialize().ok());
    auto run = store.createRun(QStringLiteral("0"), QStringLiteral("live"), 1000, {});
    QVERIFY(run.ok());
    const QString id = run->info.runId;
    const QString file = tmp.path() + QStringLiteral("/mlruns/0/") + id + QStringLiteral("/metrics/loss");

    MetricCursor cursor;
    MetricSeries series;
    // Nothing logged yet: not an error, nothing read.
    QVERIFY(store.readMetricIncrement(id, QStringLiteral("loss"), &cursor, &series).ok());
    QCOMPARE(series.size(), size_t(0));
    QCOMPARE(cursor.position, qint64(0));

    QVERIFY(store
                .logBatch(id,
                          {{QStringLiteral("loss"), 1.5, 2000, 0}, {QStringLiteral("loss"), 1.25, 2001, 1}},
                          {}, {})
                .ok());
    QVERIFY(store.readMetricIncrement(id, QStringLiteral("loss"), &cursor, &series).ok());
    QCOMPARE(series.size(), size_t(2));
    QCOMPARE(cursor.position, QFileInfo(file).size());
    QVERIFY(!cursor.reset);

    // A writer mid-line: the first half is left for later.
    const qint64 before = cursor.position;
    writeFile(file, "2002 1.1", QIODevice::Append);
    QVERIFY(store.readMetricIncrement(id, QStringLiteral("loss"), &cursor, &series).ok());
    QCOMPARE(series.size(), size_t(2));
    QCOMPARE(cursor.position, before);
    writeFile(file, "25 2\n2003 0.9", QIODevice::Append);
    QVERIFY(store.readMetricIncrement(id, QStringLiteral("loss"), &cursor, &series).ok());
    QCOMPARE(series.size(), size_t(3));
    QCOMPARE(series.values()[2], 1.125);
    QCOMPARE(series.steps()[2], 2);
    QCOMPARE(series.timestamps()[2], qint64(2002));
    QCOMPARE(cursor.position, before + qint64(strlen("2002 1.125 2\n")));

    // Only the bytes after the cursor are read: rewriting earlier bytes in place changes nothing already
    // read, and the new points are exactly the new lines.
    {
        QFile f(file);
        QVERIFY(f.open(QIODevice::ReadWrite));
        QVERIFY(f.seek(0));
        f.write("9"); // corrupts line 1, which must not be read again
    }
    writeFile(file, " 3\n", QIODevice::Append);
    QVERIFY(store.readMetricIncrement(id, QStringLiteral("loss"), &cursor, &series).ok());
    QCOMPARE(series.size(), size_t(4));
    QCOMPARE(series.values()[3], 0.9);
    QCOMPARE(series.values()[0], 1.5);
    QCOMPARE(cursor.position, QFileInfo(file).size());

    // The file rewritten shorter: the cursor starts over and says so.
    writeFile(file, "5000 7.0 0\n", QIODevice::WriteOnly | QIODevice::Truncate);
    MetricSeries fresh;
    QVERIFY(store.readMetricIncrement(id, QStringLiteral("loss"), &cursor, &fresh).ok());
    QVERIFY(cursor.reset);
    QCOMPARE(fresh.size(), size_t(1));
    QCOMPARE(fresh.values()[0], 7.0);
    QCOMPARE(cursor.position, 11);
    QVERIFY(store.readMetricIncrement(id, QStringLiteral("loss"), &cursor, &fresh).ok());
    QVERIFY(!cursor.reset);
    QCOMPARE(fresh.size(), size_t(1));

    // The listing's latest value ignores an unfinished last line.
    writeFile(file, "5001 8.0", QIODevice::Append);
    QCOMPARE(store.getRun(id)->metric(QStringLiteral("loss"))->value, 7.0);
    QCOMPARE(store.searchRuns(inExperiments({QStringLiteral("0")}))
                 ->runs.at(0)
                 .metric(QStringLiteral("loss"))
                 ->value,
             7.0);

    QCOMPARE(store
                 .readMetricIncrement(QStringLiteral("ffffffffffffffffffffffffffffffff"),
                                      QStringLiteral("loss"), &cursor, &fresh)
                 .error()
                 .code,
             QStringLiteral("RESOURCE_DOES_NOT_EXIST"));
}

void TestMlflowFileStore::badInputStillLoads()
{
    QTemporaryDir tmp;
    const QString root = tmp.path() + QStringLiteral("/mlruns");
    QVERIFY(copyTree(labtest::fixture(QStringLiteral("mlruns/MLFlowSample/mlruns")), root));
    QVERIFY(copyTree(labtest::fixture(QStringLiteral("mlruns/Swahili-Speech-To-Text/mlruns/1")),
                     root + QStringLiteral("/1")));
    const QString runA = root + QStringLiteral("/0/") + SampleRunA;
    const QString runB = root + QStringLiteral("/0/") + SampleRunB;
    const QString runS = root + QStringLiteral("/1/") + SwahiliRun;

    // Corrupt meta.yaml of run A, malformed metric lines in run B and the Swahili run, bad UTF-8 in a tag.
    writeFile(runA + QStringLiteral("/meta.yaml"), "artifact_uri: [unclosed\nstatus: 3\n",
              QIODevice::WriteOnly | QIODevice::Truncate);
    writeFile(runB + QStringLiteral("/metrics/acc"), "1 0.5 0\nthis is not a metric\n3 0.75 2\n");
    writeFile(runS + QStringLiteral("/metrics/loss"), "1628697830000 oops 10\n", QIODevice::Append);
    writeFile(runB + QStringLiteral("/tags/bad"), QByteArray("caf\xe9 ok"));
    // A run folder that lost its meta.yaml, and an experiment folder that lost its own.
    const QString orphan = root + QStringLiteral("/0/00000000000000000000000000000001");
    writeFile(orphan + QStringLiteral("/metrics/m"), "1 2.0 0\n");
    QVERIFY(QFile::remove(root + QStringLiteral("/1/meta.yaml")));
    // A run whose metrics folder is missing loads without it.
    QVERIFY(QDir(runS + QStringLiteral("/metrics")).exists());

    MlflowFileStore store(root);
    auto exps = store.listExperiments();
    QVERIFY(exps.ok());
    QCOMPARE(exps->size(), 2);
    const Experiment *broken = nullptr;
    for (const Experiment &e : *exps)
        if (e.id == QLatin1String("1"))
            broken = &e;
    QVERIFY(broken);
    QCOMPARE(broken->warnings.size(), 1);
    QVERIFY(broken->warnings.at(0).contains(QLatin1String("meta.yaml is missing")));

    auto page = store.searchRuns(inExperiments({QStringLiteral("0"), QStringLiteral("1")}));
    QVERIFY2(page.ok(), qPrintable(page.ok() ? QString() : page.error().toString()));
    QCOMPARE(page->runs.size(), 4);

    const Run *a = findRun(page->runs, SampleRunA);
    QVERIFY(a);
    QCOMPARE(a->warnings.size(), 1);
    QVERIFY2(a->warnings.at(0).contains(QLatin1String("meta.yaml")) &&
                 a->warnings.at(0).contains(QLatin1String("line")),
             qPrintable(a->warnings.at(0)));
    QCOMPARE(a->tag(tags::RunName), QStringLiteral("fortunate-shrew-385"));
    QCOMPARE(a->info.runName,
             QStringLiteral("fortunate-shrew-385")); // from the tag, since meta is unreadable
    QCOMPARE(a->metrics.size(), 1);
    QVERIFY(
        !store.updateRun(SampleRunA, RunStatus::Failed, 5).ok()); // never overwrite an unreadable meta.yaml

    // Listing reads only the end of each metric file: run B's last line is good, so its value loads.
    const Run *b = findRun(page->runs, SampleRunB);
    QVERIFY(b);
    QCOMPARE(b->metric(QStringLiteral("acc"))->value, 0.75);
    QCOMPARE(b->tag(QStringLiteral("bad")), QStringLiteral("caf\uFFFD ok"));
    QVERIFY(b->warnings.join(QLatin1Char('\n')).contains(QLatin1String("tags/bad is not valid UTF-8")));
    // getRun checks every line and names the bad one.
    auto fullB = store.getRun(SampleRunB);
    QVERIFY(fullB.ok());
    QVERIFY2(
        fullB->warnings.join(QLatin1Char('\n')).contains(QLatin1String("metrics/acc line 2 is malformed")),
        qPrintable(fullB->warnings.join(QLatin1Char('\n'))));
    auto accHistory = store.getMetricHistory(SampleRunB, QStringLiteral("acc"));
    QCOMPARE(accHistory->size(), 2);

    // A bad last line: the listing falls back to the last good point and says which line.
    const Run *s = findRun(page->runs, SwahiliRun);
    QVERIFY(s);
    QCOMPARE(s->metric(QStringLiteral("loss"))->value, 234.7978057861328);
    QVERIFY2(s->warnings.join(QLatin1Char('\n')).contains(QLatin1String("metrics/loss line 11 is malformed")),
             qPrintable(s->warnings.join(QLatin1Char('\n'))));

    // Blank lines around the points, and a file of nothing but a newline.
    writeFile(runB + QStringLiteral("/metrics/blank"), "\n");
    writeFile(runB + QStringLiteral("/metrics/padded"), "\n\n5 1.5 0\n\n");
    writeFile(runB + QStringLiteral("/metrics/empty"), "");
    for (bool full : {false, true}) {
        Run padded;
        if (full) {
            padded = *store.getRun(SampleRunB);
        } else {
            const auto again = store.searchRuns(inExperiments({QStringLiteral("0")}));
            padded = *findRun(again->runs, SampleRunB);
        }
        QVERIFY(!padded.metric(QStringLiteral("blank")));
        QVERIFY(!padded.metric(QStringLiteral("empty")));
        QVERIFY(padded.metric(QStringLiteral("padded")));
        QCOMPARE(padded.metric(QStringLiteral("padded"))->value, 1.5);
    }
    QCOMPARE(store.getMetricHistory(SampleRunB, QStringLiteral("padded"))->size(), 1);

    const Run *o = findRun(page->runs, QStringLiteral("00000000000000000000000000000001"));
    QVERIFY(o);
    QVERIFY(o->warnings.join(QLatin1Char('\n')).contains(QLatin1String("meta.yaml is missing")));
    QCOMPARE(o->metric(QStringLiteral("m"))->value, 2.0);

    // A run whose folders are gone still shows.
    QVERIFY(QDir(runS + QStringLiteral("/metrics")).removeRecursively());
    QVERIFY(QDir(runS + QStringLiteral("/tags")).removeRecursively());
    auto bare = store.getRun(SwahiliRun);
    QVERIFY(bare.ok());
    QVERIFY(bare->metrics.isEmpty());
    QCOMPARE(bare->info.startTime, qint64(1628697775478));

    // Garbage that is YAML but not a mapping.
    writeFile(runB + QStringLiteral("/meta.yaml"), "- just\n- a list\n",
              QIODevice::WriteOnly | QIODevice::Truncate);
    auto listB = store.getRun(SampleRunB);
    QVERIFY(listB.ok());
    QVERIFY(!listB->warnings.isEmpty());
}

void TestMlflowFileStore::readOnlyStoreIsAClearError()
{
    QTemporaryDir tmp;
    const QString root = tmp.path() + QStringLiteral("/mlruns");
    MlflowFileStore store(root);
    QVERIFY(store.initialize().ok());
    const QFile::Permissions ro = QFile::ReadOwner | QFile::ExeOwner | QFile::ReadGroup | QFile::ExeGroup |
                                  QFile::ReadOther | QFile::ExeOther;
    const QFile::Permissions rw = ro | QFile::WriteOwner;
    QVERIFY(QFile::setPermissions(root, ro));
    QVERIFY(QFile::setPermissions(root + QStringLiteral("/0"), ro));
    auto restore = qScopeGuard([&] {
        QFile::setPermissions(root + QStringLiteral("/0"), rw);
        QFile::setPermissions(root, rw);
    });

    const Status w = store.checkWritable();
    QVERIFY(!w.ok());
    QCOMPARE(w.error().code, QStringLiteral("PERMISSION_DENIED"));
    QCOMPARE(w.error().message, QStringLiteral("cannot write to %1: permission denied").arg(root));
    auto exp = store.createExperiment(QStringLiteral("x"));
    QVERIFY(!exp.ok());
    QCOMPARE(exp.error().code, QStringLiteral("PERMISSION_DENIED"));
    auto run = store.createRun(QStringLiteral("0"), QStringLiteral("r"), 1, {});
    QVERIFY(!run.ok());
    QCOMPARE(run.error().message, QStringLiteral("cannot write to %1/0: permission denied").arg(root));
    QCOMPARE(QDir(root + QStringLiteral("/0")).entryList(QDir::Dirs | QDir::NoDotAndDotDot).size(), 0);
    // Reading still works.
    QCOMPARE(store.listExperiments()->size(), 1);

    // A store under a file cannot be written either.
    const QString file = tmp.path() + QStringLiteral("/plainfile");
    writeFile(file, "x");
    MlflowFileStore underFile(file + QStringLiteral("/mlruns"));
    QVERIFY(!underFile.checkWritable().ok());
    QVERIFY(!underFile.initialize().ok());
}

void TestMlflowFileStore::searchFilterOrderAndPages()
{
    QTemporaryDir tmp;
    MlflowFileStore store(tmp.path() + QStringLiteral("/mlruns"));
    QVERIFY(store.initialize().ok());
    QStringList ids;
    for (int i = 0; i < 25; ++i) {
        auto run = store.createRun(QStringLiteral("0"), QStringLiteral("run-%1").arg(i), 1000 + i, {});
        QVERIFY(run.ok());
        ids << run->info.runId;
        QList<MetricPoint> m;
        if (i != 7) // run 7 has no accuracy
            m << MetricPoint{QStringLiteral("val_accuracy"), i / 25.0, 5000, 1};
        QVERIFY(store
                    .logBatch(
                        run->info.runId, m,
                        {{QStringLiteral("lr"), i % 2 ? QStringLiteral("0.01") : QStringLiteral("0.1")}}, {})
                    .ok());
        if (i % 3 == 0)
            QVERIFY(store.updateRun(run->info.runId, RunStatus::Finished, 9000).ok());
    }

    RunSearch s = inExperiments({QStringLiteral("0")});
    s.filter = QStringLiteral(
        "metrics.val_accuracy > 0.5 and params.lr = '0.01' and attributes.status = 'FINISHED'");
    auto page = store.searchRuns(s);
    QVERIFY2(page.ok(), qPrintable(page.ok() ? QString() : page.error().toString()));
    // i in 13..24, odd, multiple of 3: 15, 21; newest first.
    QCOMPARE(page->runs.size(), 2);
    QCOMPARE(page->runs.at(0).info.runName, QStringLiteral("run-21"));
    QCOMPARE(page->runs.at(1).info.runName, QStringLiteral("run-15"));

    s.filter = QStringLiteral("attributes.run_name LIKE 'run-1%' AND attribute.start_time >= 1015");
    QCOMPARE(store.searchRuns(s)->runs.size(), 5); // run-15 .. run-19

    s.filter = QStringLiteral("metrics.val_accuracy > 0.5 or params.lr = '0.01'");
    auto bad = store.searchRuns(s);
    QVERIFY(!bad.ok());
    QCOMPARE(bad.error().code, QStringLiteral("INVALID_PARAMETER_VALUE"));
    QVERIFY(bad.error().message.contains(QLatin1String("column 28")));

    s.filter.clear();
    s.orderBy = {QStringLiteral("metrics.val_accuracy DESC")};
    auto ordered = store.searchRuns(s);
    QVERIFY(ordered.ok());
    QCOMPARE(ordered->runs.size(), 25);
    QCOMPARE(ordered->runs.first().info.runName, QStringLiteral("run-24"));
    QCOMPARE(ordered->runs.last().info.runName, QStringLiteral("run-7")); // missing sorts last
    s.orderBy = {QStringLiteral("metrics.val_accuracy ASC")};
    ordered = store.searchRuns(s);
    QCOMPARE(ordered->runs.first().info.runName, QStringLiteral("run-0"));
    QCOMPARE(ordered->runs.last().info.runName, QStringLiteral("run-7"));
    s.orderBy = {QStringLiteral("params.lr"), QStringLiteral("attributes.start_time ASC")};
    ordered = store.searchRuns(s);
    QCOMPARE(ordered->runs.first().info.runName, QStringLiteral("run-1"));
    QCOMPARE(ordered->runs.last().info.runName, QStringLiteral("run-24"));
    s.orderBy = {QStringLiteral("metrics.val_accuracy SIDEWAYS")};
    QVERIFY(!store.searchRuns(s).ok());

    // Pages of 10 walk the default order (start_time DESC) exactly once.
    s.orderBy.clear();
    s.maxResults = 10;
    QStringList seen;
    int pages = 0;
    do {
        auto p = store.searchRuns(s);
        QVERIFY(p.ok());
        ++pages;
        QCOMPARE(p->runs.size(), pages < 3 ? 10 : 5);
        for (const Run &r : p->runs)
            seen << r.info.runId;
        s.pageToken = p->nextPageToken;
    } while (!s.pageToken.isEmpty() && pages < 5);
    QCOMPARE(pages, 3);
    QStringList expected = ids;
    std::reverse(expected.begin(), expected.end());
    QCOMPARE(seen, expected);

    s.pageToken = QStringLiteral("not-a-token");
    QCOMPARE(store.searchRuns(s).error().code, QStringLiteral("INVALID_PARAMETER_VALUE"));
    s.pageToken.clear();
    s.maxResults = 0;
    QVERIFY(!store.searchRuns(s).ok());
}

void TestMlflowFileStore::listingThousandRuns()
{
    // Listing must not read every metric file fully: 1000 runs x 2 metrics x 1000 points (~30 MB).
    QTemporaryDir tmp;
    const QString root = tmp.path() + QStringLiteral("/mlruns");
    MlflowFileStore store(root);
    QVERIFY(store.initialize().ok());
    QByteArray lossFile, accFile;
    for (int s = 0; s < 1000; ++s) {
        lossFile += QByteArray::number(1700000000000 + s) + ' ' + QByteArray::number(1.0 / (s + 1), 'g', 17) +
                    ' ' + QByteArray::number(s) + '\n';
        accFile += QByteArray::number(1700000000000 + s) + ' ' + QByteArray::number(s / 1000.0, 'g', 17) +
                   ' ' + QByteArray::number(s) + '\n';
    }
    QElapsedTimer t;
    t.start();
    // One run made by the store, then copied with fresh ids (creating 1000 through the store would time
    // the disk's fsync, not the listing).
    auto first = store.createRun(QStringLiteral("0"), QStringLiteral("r0"), 1000, {});
    QVERIFY(first.ok());
    const QString templateDir = root + QStringLiteral("/0/") + first->info.runId;
    const QByteArray templateMeta = readFile(templateDir + QStringLiteral("/meta.yaml"));
    for (int i = 0; i < 1000; ++i) {
        const QString id = i == 0 ? first->info.runId : QUuid::createUuid().toString(QUuid::Id128);
        const QString dir = root + QStringLiteral("/0/") + id;
        QByteArray meta = templateMeta;
        meta.replace(first->info.runId.toUtf8(), id.toUtf8());
        meta.replace(QByteArray("start_time: 1000\n"),
                     QByteArray("start_time: " + QByteArray::number(1000 + i) + "\n"));
        writeFile(dir + QStringLiteral("/meta.yaml"), meta, QIODevice::WriteOnly | QIODevice::Truncate);
        writeFile(dir + QStringLiteral("/tags/mlflow.runName"), "r" + QByteArray::number(i),
                  QIODevice::WriteOnly | QIODevice::Truncate);
        writeFile(dir + QStringLiteral("/params/lr"), "0.01");
        writeFile(dir + QStringLiteral("/metrics/loss"), lossFile);
        writeFile(dir + QStringLiteral("/metrics/val_accuracy"), accFile);
    }
    qInfo("created 1000 runs (2 x 1000 points each) in %lld ms", t.elapsed());
    t.restart();
    RunSearch s = inExperiments({QStringLiteral("0")});
    s.filter = QStringLiteral("metrics.val_accuracy > 0.9");
    s.orderBy = {QStringLiteral("metrics.loss ASC")};
    auto page = store.searchRuns(s);
    const qint64 ms = t.elapsed();
    QVERIFY(page.ok());
    QCOMPARE(page->runs.size(), 1000); // the last val_accuracy of each is 0.999
    QCOMPARE(page->runs.at(0).metric(QStringLiteral("loss"))->value, 1.0 / 1000);
    QCOMPARE(page->runs.at(0).metric(QStringLiteral("loss"))->step, qint64(999));
    t.restart();
    MlflowFileStore cold(root);
    QCOMPARE(cold.searchRuns(s)->runs.size(), 1000);
    qInfo("again, with a fresh store object: %lld ms", t.elapsed());
    qInfo("searchRuns over 1000 runs with a filter and an order: %lld ms", ms);
}

QTEST_GUILESS_MAIN(TestMlflowFileStore)
#include "tst_mlflowfilestore.moc"
