#include "memorytrackingstore.h"
#include "series/metricseries.h"
#include "testpaths.h"
#include "tracking/bundlestore.h"
#include "tracking/mlflowfilestore.h"
#include "tracking/runbundle.h"
#include "tracking/trackingstorefactory.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>

using namespace lab;

namespace {

// QVERIFY2 evaluates its message even when the check passes.
template <typename R> QString errText(const R &r)
{
    return r ? QString() : r.error().toString();
}

bool copyTree(const QString &from, const QString &to)
{
    QDir src(from);
    if (!QDir().mkpath(to))
        return false;
    for (const QFileInfo &fi : src.entryInfoList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden)) {
        const QString target = to + QLatin1Char('/') + fi.fileName();
        if (fi.isDir() ? !copyTree(fi.filePath(), target) : !QFile::copy(fi.filePath(), target))
            return false;
    }
    return true;
}

// NaN == NaN here: a bundle must keep the gaps exactly where they were.
bool samePoints(const QList<MetricPoint> &a, const QList<MetricPoint> &b, QString *why)
{
    if (a.size() != b.size()) {
        *why = QStringLiteral("%1 points vs %2").arg(a.size()).arg(b.size());
        return false;
    }
    for (qsizetype i = 0; i < a.size(); ++i) {
        const bool sameValue = (std::isnan(a[i].value) && std::isnan(b[i].value)) || a[i].value == b[i].value;
        if (a[i].key != b[i].key || a[i].step != b[i].step || a[i].timestamp != b[i].timestamp ||
            !sameValue) {
            *why = QStringLiteral("point %1 differs: %2@%3=%4 vs %5@%6=%7")
                       .arg(i)
                       .arg(a[i].key)
                       .arg(a[i].step)
                       .arg(a[i].value)
                       .arg(b[i].key)
                       .arg(b[i].step)
                       .arg(b[i].value);
            return false;
        }
    }
    return true;
}

template <typename KV> QMap<QString, QString> asMap(const QList<KV> &list)
{
    QMap<QString, QString> m;
    for (const KV &kv : list)
        m.insert(kv.key, kv.value);
    return m;
}

QList<Run> allRuns(TrackingStore &store)
{
    RunSearch s;
    s.viewType = ViewType::All;
    auto page = store.searchRuns(s);
    return page ? page->runs : QList<Run>();
}

} // namespace

class TestRunBundle : public QObject
{
    Q_OBJECT

private:
    // A copy of a fixture store with what the fixtures lack: a NaN and an infinity in a history
    // and a log file, as the trainer writes them.
    std::unique_ptr<MlflowFileStore> fixtureStore(const QString &name, QTemporaryDir &dir)
    {
        const QString root = dir.filePath(QStringLiteral("mlruns"));
        if (!copyTree(labtest::fixture(QStringLiteral("mlruns/%1/mlruns").arg(name)), root))
            return nullptr;
        auto store = std::make_unique<MlflowFileStore>(root);
        const QList<Run> runs = allRuns(*store);
        for (const Run &r : runs) {
            auto keys = store->metricKeys(r.info.runId);
            const QString key = keys && !keys->isEmpty() ? keys->first() : QStringLiteral("loss");
            auto h = store->getMetricHistory(r.info.runId, key);
            const qint64 step = h && !h->isEmpty() ? h->last().step + 1 : 0;
            const QList<MetricPoint> odd = {
                {key, std::nan(""), 1700000000000, step},
                {key, std::numeric_limits<double>::infinity(), 1700000000001, step + 1},
                {key, 0.25, 1700000000002, step + 2}};
            if (!store->logBatch(r.info.runId, odd, {}, {}))
                return nullptr;
            // Written beside the run, where the store reads it: writeArtifact would honour the
            // fixture's foreign artifact_uri (file:///C:/Users/...) and write outside the copy.
            const QString log = store->localArtifactPath(r.info.runId, QStringLiteral("logs/output.log"));
            if (!log.startsWith(root) || !QDir().mkpath(QFileInfo(log).absolutePath()))
                return nullptr;
            QFile f(log);
            if (!f.open(QIODevice::WriteOnly) || f.write("epoch 1 loss=nan\nepoch 2 done\n") < 0)
                return nullptr;
        }
        return store;
    }

    void compareStores(TrackingStore &original, TrackingStore &copy, const QStringList &runIds)
    {
        for (const QString &id : runIds) {
            auto a = original.getRun(id);
            auto b = copy.getRun(id);
            QVERIFY2(a, qPrintable(errText(a)));
            QVERIFY2(b, qPrintable(errText(b)));
            QCOMPARE(b->info.runId, a->info.runId);
            QCOMPARE(b->info.runName, a->info.runName);
            QCOMPARE(b->info.experimentId, a->info.experimentId);
            QCOMPARE(b->info.userId, a->info.userId);
            QCOMPARE(b->info.status, a->info.status);
            QCOMPARE(b->info.startTime, a->info.startTime);
            QCOMPARE(b->info.endTime, a->info.endTime);
            QCOMPARE(b->info.artifactUri, a->info.artifactUri);
            QCOMPARE(asMap(b->params), asMap(a->params));
            QCOMPARE(asMap(b->tags), asMap(a->tags));
            auto keys = original.metricKeys(id);
            QVERIFY(keys);
            auto copyKeys = copy.metricKeys(id);
            QVERIFY(copyKeys);
            QCOMPARE(QSet<QString>(copyKeys->begin(), copyKeys->end()),
                     QSet<QString>(keys->begin(), keys->end()));
            for (const QString &key : std::as_const(*keys)) {
                auto ha = original.getMetricHistory(id, key);
                auto hb = copy.getMetricHistory(id, key);
                QVERIFY(ha && hb);
                QString why;
                QVERIFY2(samePoints(*ha, *hb, &why), qPrintable(key + QStringLiteral(": ") + why));
            }
            for (const QString &path : BundleStore::bundledArtifactPaths()) {
                auto fa = original.readArtifact(id, path, -1);
                auto fb = copy.readArtifact(id, path, -1);
                QCOMPARE(fb.ok(), fa.ok());
                if (fa)
                    QCOMPARE(*fb, *fa);
            }
        }
    }

private slots:
    void exportAndOpenFixtureStore_data()
    {
        QTest::addColumn<QString>("store");
        QTest::newRow("mlflow 1.x keras") << QStringLiteral("Swahili-Speech-To-Text");
        QTest::newRow("mlflow 2.3 server") << QStringLiteral("MLFlowSample");
    }
    void exportAndOpenFixtureStore()
    {
        QFETCH(QString, store);
        QTemporaryDir dir;
        auto source = fixtureStore(store, dir);
        QVERIFY(source);
        const QList<Run> runs = allRuns(*source);
        QVERIFY(!runs.isEmpty());
        QStringList ids;
        for (const Run &r : runs)
            ids << r.info.runId;

        const QString file = dir.filePath(QStringLiteral("runs.labbundle"));
        QList<int> progress;
        const Status s = RunBundle::exportRuns(*source, ids, file, [&](int done, int total) {
            QCOMPARE(total, ids.size());
            progress << done;
        });
        QVERIFY2(s, qPrintable(errText(s)));
        QCOMPARE(progress.size(), ids.size());
        QCOMPARE(progress.last(), ids.size());

        // The header is a readable first line and names where the runs came from.
        QFile f(file);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray header = f.readLine();
        QVERIFY(header.contains("\"format\":\"labconsole-bundle\""));
        QVERIFY(header.contains("\"version\":1"));
        QVERIFY(header.contains(source->uri().toUtf8()));

        auto opened = RunBundle::open(file);
        QVERIFY2(opened, qPrintable(errText(opened)));
        TrackingStore &bundle = **opened;
        QCOMPARE(bundle.uri(), file);
        QVERIFY(bundle.isReadOnly());
        QCOMPARE(allRuns(bundle).size(), runs.size());
        compareStores(*source, bundle, ids);

        // Experiments travel with their runs.
        for (const Run &r : runs) {
            auto a = source->getExperiment(r.info.experimentId);
            auto b = bundle.getExperiment(r.info.experimentId);
            QVERIFY(a && b);
            QCOMPARE(b->name, a->name);
            QCOMPARE(b->artifactLocation, a->artifactLocation);
        }

        // The NaN and the infinity are where they were logged.
        auto keys = bundle.metricKeys(ids.first());
        QVERIFY(keys && !keys->isEmpty());
        auto h = bundle.getMetricHistory(ids.first(), keys->first());
        QVERIFY(h && h->size() >= 3);
        QVERIFY(std::isnan(h->at(h->size() - 3).value));
        QVERIFY(std::isinf(h->at(h->size() - 2).value));

        // The increment reader gets the same points, once.
        MetricSeries series;
        MetricCursor cursor;
        QVERIFY(bundle.readMetricIncrement(ids.first(), keys->first(), &cursor, &series));
        QCOMPARE(qsizetype(series.size()), h->size());
        QVERIFY(bundle.readMetricIncrement(ids.first(), keys->first(), &cursor, &series));
        QCOMPARE(qsizetype(series.size()), h->size());

        // Artifacts: listed as folders and files.
        auto root = bundle.listArtifacts(ids.first());
        QVERIFY(root);
        QVERIFY(std::any_of(root->begin(), root->end(), [](const ArtifactInfo &a) {
            return a.isDir && a.path == QLatin1String("logs");
        }));
        auto logs = bundle.listArtifacts(ids.first(), QStringLiteral("logs"));
        QVERIFY(logs && logs->size() == 1);
        QCOMPARE(logs->first().path, QStringLiteral("logs/output.log"));
        QVERIFY(!logs->first().isDir);
        auto head = bundle.readArtifact(ids.first(), QStringLiteral("logs/output.log"), 5);
        QVERIFY(head);
        QCOMPARE(*head, QByteArray("epoch"));

        // Writes are refused in words.
        const Status w = bundle.setTag(ids.first(), QStringLiteral("k"), QStringLiteral("v"));
        QVERIFY(!w);
        QCOMPARE(w.error().code, QStringLiteral("READ_ONLY"));
        QVERIFY(w.error().message.contains(QLatin1String("read-only")));
        QVERIFY(!bundle.logBatch(ids.first(), {{QStringLiteral("x"), 1, 1, 1}}, {}, {}));
        QVERIFY(!bundle.createExperiment(QStringLiteral("x")));
        QVERIFY(!bundle.getRun(QStringLiteral("nope")));
        QCOMPARE(bundle.getRun(QStringLiteral("nope")).error().code,
                 QStringLiteral("RESOURCE_DOES_NOT_EXIST"));
    }

    void modelDescriptorTravels()
    {
        QTemporaryDir dir;
        auto source = fixtureStore(QStringLiteral("Swahili-Speech-To-Text"), dir);
        QVERIFY(source);
        const QString runId = QStringLiteral("ed05f9cd599442fe9a0c9222184710b8");
        const QString file = dir.filePath(QStringLiteral("one.labbundle"));
        QVERIFY(RunBundle::exportRuns(*source, {runId}, file));
        auto bundle = RunBundle::open(file);
        QVERIFY(bundle);
        auto mlmodel = (*bundle)->readArtifact(runId, QStringLiteral("model/MLmodel"), -1);
        QVERIFY(mlmodel);
        QFile original(labtest::fixture(
            QStringLiteral("mlruns/Swahili-Speech-To-Text/mlruns/1/%1/artifacts/model/MLmodel").arg(runId)));
        QVERIFY(original.open(QIODevice::ReadOnly));
        QCOMPARE(*mlmodel, original.readAll());
        QVERIFY(mlmodel->contains("keras"));

        // The factory opens a bundle path as the same read-only store ("Open bundle", labctl).
        auto viaFactory = openTrackingStore(file);
        QVERIFY2(viaFactory, qPrintable(viaFactory ? QString() : viaFactory.error().toString()));
        QVERIFY((*viaFactory)->isReadOnly());
        QVERIFY((*viaFactory)->getRun(runId));
        QVERIFY(!(*viaFactory)->setTag(runId, QStringLiteral("k"), QStringLiteral("v")));
    }

    void searchUsesMlflowFilterAndOrder()
    {
        labtest::MemoryTrackingStore mem;
        mem.experiments << Experiment{QStringLiteral("1"), QStringLiteral("mnist"), {}, {}, 0, 0, {}, {}};
        for (int i = 0; i < 6; ++i) {
            const QString id = QStringLiteral("run%1").arg(i);
            mem.addRun(QStringLiteral("1"), id, QStringLiteral("r%1").arg(i));
            mem.runs[id].params << Param{QStringLiteral("lr"),
                                         i % 2 ? QStringLiteral("0.1") : QStringLiteral("0.01")};
            mem.addPoints(id, QStringLiteral("acc"), {{QStringLiteral("acc"), 0.1 * i, 1700000000000, 0}});
        }
        QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("s.labbundle"));
        QVERIFY(RunBundle::exportRuns(mem, mem.runs.keys(), file));
        auto bundle = RunBundle::open(file);
        QVERIFY(bundle);

        RunSearch s;
        s.filter = QStringLiteral("metrics.acc > 0.15 and params.lr = '0.01'");
        s.orderBy = {QStringLiteral("metrics.acc DESC")};
        s.maxResults = 1;
        auto page = (*bundle)->searchRuns(s);
        QVERIFY2(page, qPrintable(errText(page)));
        QCOMPARE(page->runs.size(), 1);
        QCOMPARE(page->runs.first().info.runId, QStringLiteral("run4"));
        QVERIFY(!page->nextPageToken.isEmpty());
        s.pageToken = page->nextPageToken;
        page = (*bundle)->searchRuns(s);
        QVERIFY(page);
        QCOMPARE(page->runs.size(), 1);
        QCOMPARE(page->runs.first().info.runId, QStringLiteral("run2"));
        QVERIFY(page->nextPageToken.isEmpty());

        s.filter = QStringLiteral("metrics.acc >");
        auto bad = (*bundle)->searchRuns(s);
        QVERIFY(!bad);
        QCOMPARE(bad.error().code, QStringLiteral("INVALID_PARAMETER_VALUE"));
    }

    void importIntoAnotherFileStore()
    {
        QTemporaryDir dir;
        auto source = fixtureStore(QStringLiteral("Swahili-Speech-To-Text"), dir);
        QVERIFY(source);
        const QList<Run> runs = allRuns(*source);
        QStringList ids;
        for (const Run &r : runs)
            ids << r.info.runId;
        const QString file = dir.filePath(QStringLiteral("runs.labbundle"));
        QVERIFY(RunBundle::exportRuns(*source, ids, file));

        MlflowFileStore target(dir.filePath(QStringLiteral("other")));
        QVERIFY(target.initialize());
        auto imported = RunBundle::importInto(file, target);
        QVERIFY2(imported, qPrintable(errText(imported)));
        QCOMPARE(imported->size(), ids.size());
        auto bundle = RunBundle::open(file);
        QVERIFY(bundle);
        for (qsizetype i = 0; i < imported->size(); ++i) {
            const QString newId = imported->at(i);
            QVERIFY(!ids.contains(newId));
            auto copy = target.getRun(newId);
            QVERIFY2(copy, qPrintable(errText(copy)));
            // Which original: the one with the same start time (distinct in the fixtures).
            const auto orig = std::find_if(runs.begin(), runs.end(), [&](const Run &r) {
                return r.info.startTime == copy->info.startTime;
            });
            QVERIFY(orig != runs.end());
            QCOMPARE(copy->info.status, orig->info.status);
            QCOMPARE(copy->info.endTime, orig->info.endTime);
            QCOMPARE(asMap(copy->params), asMap(orig->params));
            const auto origTags = asMap(orig->tags);
            const auto copyTags = asMap(copy->tags);
            for (auto it = origTags.begin(); it != origTags.end(); ++it)
                QCOMPARE(copyTags.value(it.key()), it.value());
            // The experiment is found again by name.
            auto origExp = source->getExperiment(orig->info.experimentId);
            auto copyExp = target.getExperiment(copy->info.experimentId);
            QVERIFY(origExp && copyExp);
            QCOMPARE(copyExp->name, origExp->name);
            auto keys = source->metricKeys(orig->info.runId);
            QVERIFY(keys);
            for (const QString &key : std::as_const(*keys)) {
                auto a = source->getMetricHistory(orig->info.runId, key);
                auto b = target.getMetricHistory(newId, key);
                QVERIFY(a && b);
                QString why;
                QVERIFY2(samePoints(*a, *b, &why), qPrintable(why));
            }
            auto log = target.readArtifact(newId, QStringLiteral("logs/output.log"), -1);
            QVERIFY(log);
            QCOMPARE(*log, QByteArray("epoch 1 loss=nan\nepoch 2 done\n"));
        }

        // Under a chosen experiment name, created when missing.
        auto again = RunBundle::importInto(file, target, QStringLiteral("imported"));
        QVERIFY(again);
        auto exp = target.getExperimentByName(QStringLiteral("imported"));
        QVERIFY(exp && exp->has_value());
        auto run = target.getRun(again->first());
        QVERIFY(run);
        QCOMPARE(run->info.experimentId, (*exp)->id);

        // Into a read-only store: refused before anything is written.
        auto intoBundle = RunBundle::importInto(file, **bundle);
        QVERIFY(!intoBundle);
        QCOMPARE(intoBundle.error().code, QStringLiteral("READ_ONLY"));
    }

    void badFilesAreErrorsInWords()
    {
        QTemporaryDir dir;
        labtest::MemoryTrackingStore mem;
        mem.experiments << Experiment{QStringLiteral("1"), QStringLiteral("e"), {}, {}, 0, 0, {}, {}};
        mem.addRun(QStringLiteral("1"), QStringLiteral("a"), QStringLiteral("a"));
        QList<MetricPoint> pts;
        for (int i = 0; i < 2000; ++i)
            pts << MetricPoint{QStringLiteral("loss"), 1.0 / (i + 1), 1700000000000 + i, i};
        mem.addPoints(QStringLiteral("a"), QStringLiteral("loss"), pts);
        const QString good = dir.filePath(QStringLiteral("good.labbundle"));
        QVERIFY(RunBundle::exportRuns(mem, {QStringLiteral("a")}, good));
        QFile gf(good);
        QVERIFY(gf.open(QIODevice::ReadOnly));
        const QByteArray bytes = gf.readAll();
        const qsizetype headerEnd = bytes.indexOf('\n') + 1;

        auto write = [&](const QString &name, const QByteArray &content) {
            const QString path = dir.filePath(name);
            QFile f(path);
            if (!f.open(QIODevice::WriteOnly) || f.write(content) != content.size())
                qFatal("cannot write %s", qPrintable(path));
            return path;
        };
        auto openError = [](const QString &path) {
            auto r = RunBundle::open(path);
            return r ? Error() : r.error();
        };

        Error e = openError(dir.filePath(QStringLiteral("missing.labbundle")));
        QCOMPARE(e.code, QStringLiteral("RESOURCE_DOES_NOT_EXIST"));
        e = openError(write(QStringLiteral("empty.labbundle"), {}));
        QCOMPARE(e.code, QStringLiteral("NOT_A_BUNDLE"));
        QVERIFY(e.message.contains(QLatin1String("not a Lab Console bundle")));
        e = openError(write(QStringLiteral("text.labbundle"), "hello world\n"));
        QCOMPARE(e.code, QStringLiteral("NOT_A_BUNDLE"));
        e = openError(
            write(QStringLiteral("json.labbundle"), "{\"format\": \"something-else\", \"version\": 1}\n"));
        QCOMPARE(e.code, QStringLiteral("NOT_A_BUNDLE"));
        e = openError(write(QStringLiteral("binary.labbundle"), QByteArray(1 << 17, '\xff')));
        QCOMPARE(e.code, QStringLiteral("NOT_A_BUNDLE"));

        QByteArray future = bytes;
        future.replace("\"version\":1", "\"version\":7");
        e = openError(write(QStringLiteral("future.labbundle"), future));
        QCOMPARE(e.code, QStringLiteral("UNSUPPORTED_VERSION"));
        QVERIFY2(e.message.contains(QLatin1String("newer")) && e.message.contains(QLatin1String("version 7")),
                 qPrintable(e.message));

        // Cut anywhere after the header: incomplete, and it says so.
        for (qsizetype cut : {headerEnd, headerEnd + 10, bytes.size() / 2, bytes.size() - 1}) {
            e = openError(write(QStringLiteral("cut.labbundle"), bytes.left(cut)));
            QCOMPARE(e.code, QStringLiteral("TRUNCATED_FILE"));
            QVERIFY(e.message.contains(QLatin1String("incomplete")));
        }
        // Cut inside the header line.
        e = openError(write(QStringLiteral("cuthead.labbundle"), bytes.left(headerEnd / 2)));
        QCOMPARE(e.code, QStringLiteral("NOT_A_BUNDLE"));

        // A damaged history: the bundle opens, the history read says the file is damaged.
        QByteArray damaged = bytes;
        for (qsizetype i = headerEnd + 100; i < headerEnd + 140; ++i)
            damaged[i] = char(damaged[i] ^ 0x5a);
        auto opened = RunBundle::open(write(QStringLiteral("damaged.labbundle"), damaged));
        QVERIFY2(opened, qPrintable(errText(opened)));
        auto h = (*opened)->getMetricHistory(QStringLiteral("a"), QStringLiteral("loss"));
        QVERIFY(!h);
        QCOMPARE(h.error().code, QStringLiteral("CORRUPT_FILE"));
        QVERIFY(h.error().message.contains(QLatin1String("damaged")));

        // A damaged run list (the manifest is the last section): the open fails.
        QByteArray badManifest = bytes;
        for (qsizetype i = bytes.size() - 30; i < bytes.size() - 10; ++i)
            badManifest[i] = char(badManifest[i] ^ 0x5a);
        e = openError(write(QStringLiteral("badmanifest.labbundle"), badManifest));
        QCOMPARE(e.code, QStringLiteral("CORRUPT_FILE"));
    }

    void exportFailuresLeaveNoFile()
    {
        QTemporaryDir dir;
        labtest::MemoryTrackingStore mem;
        mem.addRun(QStringLiteral("1"), QStringLiteral("a"), QStringLiteral("a"));
        const QString file = dir.filePath(QStringLiteral("x.labbundle"));
        Status s = RunBundle::exportRuns(mem, {QStringLiteral("a"), QStringLiteral("ghost")}, file);
        QVERIFY(!s);
        QVERIFY(s.error().message.contains(QLatin1String("ghost")));
        QVERIFY(!QFile::exists(file));
        s = RunBundle::exportRuns(mem, {}, file);
        QVERIFY(!s);
        s = RunBundle::exportRuns(mem, {QStringLiteral("a")},
                                  dir.filePath(QStringLiteral("no/such/dir/x.labbundle")));
        QVERIFY(!s);
        QCOMPARE(s.error().code, QStringLiteral("IO_ERROR"));
        // The source is written without credentials.
        labtest::MemoryTrackingStore secret(
            QStringLiteral("https://ann:hunter2@mlflow.example/?token=s3cr3t-t0ken-xyz"));
        secret.addRun(QStringLiteral("1"), QStringLiteral("a"), QStringLiteral("a"));
        QVERIFY(RunBundle::exportRuns(secret, {QStringLiteral("a")}, file));
        QFile f(file);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray all = f.readAll();
        QVERIFY(!all.contains("hunter2"));
        QVERIFY(!all.contains("s3cr3t-t0ken-xyz"));
        auto bundle = BundleStore::load(file);
        QVERIFY(bundle);
        QCOMPARE((*bundle)->source(), QStringLiteral("https://mlflow.example/"));
    }

    void longLogIsCutAndSaysSo()
    {
        QTemporaryDir dir;
        labtest::MemoryTrackingStore mem;
        mem.addRun(QStringLiteral("1"), QStringLiteral("a"), QStringLiteral("a"));
        QByteArray log(BundleStore::MaxArtifactBytes + 1000, 'x');
        mem.artifacts[{QStringLiteral("a"), QStringLiteral("logs/output.log")}] = log;
        const QString file = dir.filePath(QStringLiteral("big.labbundle"));
        QVERIFY(RunBundle::exportRuns(mem, {QStringLiteral("a")}, file));
        QVERIFY(QFileInfo(file).size() < 1024 * 1024); // compressed
        auto bundle = RunBundle::open(file);
        QVERIFY(bundle);
        auto data = (*bundle)->readArtifact(QStringLiteral("a"), QStringLiteral("logs/output.log"), -1);
        QVERIFY(data);
        QCOMPARE(data->size(), BundleStore::MaxArtifactBytes);
        auto run = (*bundle)->getRun(QStringLiteral("a"));
        QVERIFY(run);
        QCOMPARE(run->warnings.size(), 1);
        QVERIFY2(run->warnings.first().contains(QLatin1String("16 MiB")), qPrintable(run->warnings.first()));
    }

    // 100 runs x 10k points: figures printed, not asserted (a loaded machine must not fail it).
    void hundredRunsOfTenThousandPoints()
    {
        labtest::MemoryTrackingStore mem;
        mem.experiments << Experiment{QStringLiteral("1"), QStringLiteral("sweep"), {}, {}, 0, 0, {}, {}};
        QStringList ids;
        for (int r = 0; r < 100; ++r) {
            const QString id = QStringLiteral("%1").arg(r, 32, 16, QLatin1Char('0'));
            mem.addRun(QStringLiteral("1"), id, QStringLiteral("run-%1").arg(r));
            QList<MetricPoint> pts;
            pts.reserve(10000);
            for (int i = 0; i < 10000; ++i)
                pts << MetricPoint{QStringLiteral("loss"),
                                   i == 5000 ? std::nan("") : std::exp(-i * 1e-3) + r * 1e-4,
                                   1700000000000 + i * 37, i};
            mem.addPoints(id, QStringLiteral("loss"), pts);
            ids << id;
        }
        QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("big.labbundle"));
        QElapsedTimer t;
        t.start();
        QVERIFY(RunBundle::exportRuns(mem, ids, file));
        const qint64 exportMs = t.elapsed();
        t.restart();
        auto bundle = RunBundle::open(file);
        QVERIFY(bundle);
        const qint64 openMs = t.elapsed();
        t.restart();
        qint64 points = 0;
        for (const QString &id : std::as_const(ids)) {
            MetricSeries s;
            MetricCursor c;
            QVERIFY((*bundle)->readMetricIncrement(id, QStringLiteral("loss"), &c, &s));
            points += qint64(s.size());
        }
        const qint64 readMs = t.elapsed();
        QCOMPARE(points, qint64(1000000));
        qDebug(
            "bundle of 100 runs x 10k points: %lld bytes (%.1f bytes/point); export %lld ms, open %lld ms, "
            "all histories read %lld ms",
            QFileInfo(file).size(), double(QFileInfo(file).size()) / double(points), exportMs, openMs,
            readMs);
        compareStores(mem, **bundle, {ids.first(), ids.last()});
    }
};

QTEST_GUILESS_MAIN(TestRunBundle)
#include "tst_runbundle.moc"
