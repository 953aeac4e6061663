#include "memorytrackingstore.h"
#include "mlflowtestserver.h"
#include "series/metricseries.h"
#include "testpaths.h"
#include "tracking/mlflowfilestore.h"
#include "tracking/offlinecachestore.h"
#include "tracking/trackingstorefactory.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>

using namespace lab;
using labtest::MemoryTrackingStore;

namespace {

template <typename R> QString errText(const R &r)
{
    return r ? QString() : r.error().toString();
}

bool copyTree(const QString &from, const QString &to)
{
    if (!QDir().mkpath(to))
        return false;
    for (const QFileInfo &fi :
         QDir(from).entryInfoList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden)) {
        const QString target = to + QLatin1Char('/') + fi.fileName();
        if (fi.isDir() ? !copyTree(fi.filePath(), target) : !QFile::copy(fi.filePath(), target))
            return false;
    }
    return true;
}

QList<MetricPoint> points(const QString &key, int from, int to)
{
    QList<MetricPoint> out;
    for (int i = from; i < to; ++i)
        out << MetricPoint{key, i == 3 ? std::nan("") : 1.0 / (i + 1), 1700000000000 + i, i};
    return out;
}

std::unique_ptr<MemoryTrackingStore> makeServer()
{
    auto mem = std::make_unique<MemoryTrackingStore>();
    mem->experiments << Experiment{QStringLiteral("1"), QStringLiteral("mnist"), {}, {}, 0, 0, {}, {}};
    Run &a = mem->addRun(QStringLiteral("1"), QStringLiteral("runa"), QStringLiteral("a"));
    a.params << Param{QStringLiteral("lr"), QStringLiteral("0.01")};
    mem->addRun(QStringLiteral("1"), QStringLiteral("runb"), QStringLiteral("b"));
    mem->runs[QStringLiteral("runb")].info.status = RunStatus::Finished;
    mem->addPoints(QStringLiteral("runa"), QStringLiteral("loss"), points(QStringLiteral("loss"), 0, 100));
    mem->addPoints(QStringLiteral("runb"), QStringLiteral("loss"), points(QStringLiteral("loss"), 0, 10));
    mem->artifacts[{QStringLiteral("runa"), QStringLiteral("logs/output.log")}] = "epoch 1\n";
    RegisteredModel m;
    m.name = QStringLiteral("mnist-cnn");
    m.aliases.insert(QStringLiteral("champion"), QStringLiteral("1"));
    mem->models << m;
    ModelVersion v;
    v.name = m.name;
    v.version = QStringLiteral("1");
    v.runId = QStringLiteral("runa");
    v.aliases << QStringLiteral("champion");
    mem->versions[m.name] << v;
    return mem;
}

bool samePoints(const QList<MetricPoint> &a, const QList<MetricPoint> &b)
{
    if (a.size() != b.size())
        return false;
    for (qsizetype i = 0; i < a.size(); ++i) {
        if (a[i].step != b[i].step || a[i].timestamp != b[i].timestamp || a[i].key != b[i].key)
            return false;
        if (!(a[i].value == b[i].value || (std::isnan(a[i].value) && std::isnan(b[i].value))))
            return false;
    }
    return true;
}

QStringList runIds(const RunPage &page)
{
    QStringList ids;
    for (const Run &r : page.runs)
        ids << r.info.runId;
    return ids;
}

// A server with `runs` runs (r0, r1, ...) of one metric, "loss", `perRun` points each: a history
// entry of about 24 bytes a point.
std::unique_ptr<MemoryTrackingStore>
makeBusyServer(int runs, int perRun, const QString &uri = QStringLiteral("https://mlflow.example:5000"))
{
    auto mem = std::make_unique<MemoryTrackingStore>(uri);
    mem->experiments << Experiment{QStringLiteral("1"), QStringLiteral("busy"), {}, {}, 0, 0, {}, {}};
    for (int i = 0; i < runs; ++i) {
        const QString id = QStringLiteral("r%1").arg(i);
        mem->addRun(QStringLiteral("1"), id, id);
        mem->addPoints(id, QStringLiteral("loss"), points(QStringLiteral("loss"), 0, perRun));
    }
    return mem;
}

// The bytes everything under a folder takes, as a user's `du` would count them.
qint64 folderBytes(const QString &dir)
{
    qint64 total = 0;
    QDirIterator it(dir, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        it.next();
        total += it.fileInfo().size();
    }
    return total;
}

QString runName(int i)
{
    return QStringLiteral("r%1").arg(i);
}

// How a store that cannot reach its server answers a run's loss curve: from the cache (with the
// points expected), or with a miss that says in words there is no offline copy.
enum class Offline { Answered, MissedInWords, Wrong };

Offline offlineAnswer(OfflineCacheStore &store, int run, qsizetype expectedPoints = -1)
{
    auto h = store.getMetricHistory(runName(run), QStringLiteral("loss"));
    if (h)
        return expectedPoints < 0 || h->size() == expectedPoints ? Offline::Answered : Offline::Wrong;
    if (h.error().code == QLatin1String("CONNECTION_REFUSED") ||
        h.error().code == QLatin1String("HOST_NOT_FOUND")) {
        if (h.error().hint.contains(QLatin1String("no offline copy")))
            return Offline::MissedInWords;
    }
    qWarning() << "a miss that does not say so:" << h.error().toString();
    return Offline::Wrong;
}

// What the console reads on opening a server, in the order it reads it.
struct Snapshot
{
    QList<Experiment> experiments;
    RunPage page;
    Run run;
    QList<MetricPoint> history;
    QStringList keys;
    QList<ArtifactInfo> artifacts;
    QList<RegisteredModel> models;
    QList<ModelVersion> versions;
};

} // namespace

class TestOfflineCacheStore : public QObject
{
    Q_OBJECT

private:
    bool readAll(TrackingStore &store, Snapshot *s)
    {
        auto e = store.listExperiments();
        RunSearch search;
        search.experimentIds = {QStringLiteral("1")};
        auto p = store.searchRuns(search);
        auto r = store.getRun(QStringLiteral("runa"));
        auto h = store.getMetricHistory(QStringLiteral("runa"), QStringLiteral("loss"));
        auto k = store.metricKeys(QStringLiteral("runa"));
        auto a = store.listArtifacts(QStringLiteral("runa"), QStringLiteral("logs"));
        auto m = store.listRegisteredModels();
        auto v = store.listModelVersions(QStringLiteral("mnist-cnn"));
        if (!e || !p || !r || !h || !k || !a || !m || !v) {
            qWarning() << errText(e) << errText(p) << errText(r) << errText(h) << errText(k) << errText(a)
                       << errText(m) << errText(v);
            return false;
        }
        *s = Snapshot{*e, *p, *r, *h, *k, *a, *m, *v};
        return true;
    }

private slots:
    void answersFromCacheWhenServerIsUnreachable()
    {
        QTemporaryDir cache;
        auto owned = makeServer();
        MemoryTrackingStore *server = owned.get();
        OfflineCacheStore store(std::move(owned), cache.path());
        QCOMPARE(store.uri(), server->uri());
        QVERIFY(!store.isOffline());
        QVERIFY(!store.isReadOnly());

        Snapshot online;
        QVERIFY(readAll(store, &online));
        auto log = store.readArtifact(QStringLiteral("runa"), QStringLiteral("logs/output.log"), -1);
        QVERIFY(log);
        QVERIFY(!store.isOffline());

        server->failWith(QStringLiteral("CONNECTION_REFUSED"));
        Snapshot offline;
        QVERIFY(readAll(store, &offline));
        QVERIFY(store.isOffline());
        QVERIFY(store.isReadOnly());
        QCOMPARE(offline.experiments.size(), 1);
        QCOMPARE(offline.experiments.first().name, QStringLiteral("mnist"));
        QCOMPARE(runIds(offline.page), runIds(online.page));
        QCOMPARE(offline.run.info.runName, QStringLiteral("a"));
        QCOMPARE(offline.run.info.status, RunStatus::Running); // last seen, not guessed
        QCOMPARE(offline.run.params, online.run.params);
        QVERIFY(samePoints(offline.history, online.history));
        QVERIFY(std::isnan(offline.history.at(3).value));
        QCOMPARE(offline.keys, online.keys);
        QCOMPARE(offline.artifacts.size(), 1);
        QCOMPARE(offline.artifacts.first().path, QStringLiteral("logs/output.log"));
        QCOMPARE(offline.models.first().aliases.value(QStringLiteral("champion")), QStringLiteral("1"));
        QCOMPARE(offline.versions.first().runId, QStringLiteral("runa"));
        auto offlineLog = store.readArtifact(QStringLiteral("runa"), QStringLiteral("logs/output.log"), -1);
        QVERIFY(offlineLog);
        QCOMPARE(*offlineLog, *log);
        auto byAlias = store.getModelVersionByAlias(QStringLiteral("mnist-cnn"), QStringLiteral("champion"));
        QVERIFY2(byAlias, qPrintable(errText(byAlias)));
        QCOMPARE(byAlias->version, QStringLiteral("1"));
        auto exp = store.getExperiment(QStringLiteral("1")); // never asked online: from the list
        QVERIFY2(exp, qPrintable(errText(exp)));

        const QString reason = store.offlineReason();
        QVERIFY2(reason.contains(QLatin1String("connection refused")), qPrintable(reason));
        QVERIFY2(reason.contains(server->uri()), qPrintable(reason));
        QVERIFY2(reason.contains(QLatin1String("last fetched at")), qPrintable(reason));
        QVERIFY(store.offlineSince().isValid());

        // Something never fetched: the server's error, with a hint that there is no copy.
        auto unknown = store.getRun(QStringLiteral("runb"));
        QVERIFY(!unknown);
        QCOMPARE(unknown.error().code, QStringLiteral("CONNECTION_REFUSED"));
        QVERIFY(unknown.error().hint.contains(QLatin1String("no offline copy")));

        // Writes fail in words; the caller keeps its data.
        const Status w = store.setTag(QStringLiteral("runa"), QStringLiteral("note"), QStringLiteral("x"));
        QVERIFY(!w);
        QVERIFY2(w.error().message.contains(QLatin1String("not saved")), qPrintable(w.error().message));
        QVERIFY(!store.logBatch(QStringLiteral("runa"), points(QStringLiteral("loss"), 100, 101), {}, {}));
        QVERIFY(!store.createRun(QStringLiteral("1"), QStringLiteral("c"), 0, {}));

        // The next successful call is online again, with fresh data.
        server->failWith({});
        server->runs[QStringLiteral("runa")].info.status = RunStatus::Finished;
        auto fresh = store.getRun(QStringLiteral("runa"));
        QVERIFY(fresh);
        QVERIFY(!store.isOffline());
        QVERIFY(store.offlineReason().isEmpty());
        QCOMPARE(fresh->info.status, RunStatus::Finished);
    }

    void survivesARestart()
    {
        QTemporaryDir cache;
        Snapshot online;
        {
            OfflineCacheStore store(makeServer(), cache.path());
            QVERIFY(readAll(store, &online));
        }
        auto dead = std::make_unique<MemoryTrackingStore>(); // same URI, nothing in it, unreachable
        dead->failWith(QStringLiteral("HOST_NOT_FOUND"));
        OfflineCacheStore store(std::move(dead), cache.path());
        Snapshot offline;
        QVERIFY(readAll(store, &offline));
        QVERIFY(store.isOffline());
        QVERIFY(store.offlineReason().contains(QLatin1String("host not found")));
        QCOMPARE(runIds(offline.page), runIds(online.page));
        QVERIFY(samePoints(offline.history, online.history));

        // Another server's cache is not this one's.
        auto other = std::make_unique<MemoryTrackingStore>(QStringLiteral("https://other.example"));
        other->failWith(QStringLiteral("CONNECTION_REFUSED"));
        OfflineCacheStore otherStore(std::move(other), cache.path());
        QVERIFY(!otherStore.listExperiments());
    }

    void tlsAuthAndServerErrorsAreShownNotOffline_data()
    {
        QTest::addColumn<QString>("code");
        QTest::addColumn<int>("httpStatus");
        QTest::addColumn<bool>("offline");
        QTest::newRow("refused") << QStringLiteral("CONNECTION_REFUSED") << 0 << true;
        QTest::newRow("timeout") << QStringLiteral("TIMEOUT") << 0 << true;
        QTest::newRow("reset") << QStringLiteral("CONNECTION_RESET") << 0 << true;
        QTest::newRow("proxy down") << QStringLiteral("PROXY") << 0 << true;
        QTest::newRow("ingress 503") << QStringLiteral("TEMPORARILY_UNAVAILABLE") << 503 << true;
        QTest::newRow("untrusted cert") << QStringLiteral("TLS_UNTRUSTED") << 0 << false;
        QTest::newRow("hostname mismatch") << QStringLiteral("TLS_HOSTNAME_MISMATCH") << 0 << false;
        QTest::newRow("wrong token") << QStringLiteral("UNAUTHENTICATED") << 401 << false;
        QTest::newRow("no permission") << QStringLiteral("PERMISSION_DENIED") << 403 << false;
        QTest::newRow("cancelled") << QStringLiteral("CANCELLED") << 0 << false;
        QTest::newRow("truncated body") << QStringLiteral("TRUNCATED_RESPONSE") << 0 << false;
    }
    void tlsAuthAndServerErrorsAreShownNotOffline()
    {
        QFETCH(QString, code);
        QFETCH(int, httpStatus);
        QFETCH(bool, offline);
        QTemporaryDir cache;
        auto owned = makeServer();
        MemoryTrackingStore *server = owned.get();
        OfflineCacheStore store(std::move(owned), cache.path());
        QVERIFY(store.listExperiments());
        server->failWith(code, httpStatus);
        auto r = store.listExperiments();
        QCOMPARE(store.isOffline(), offline);
        QCOMPARE(r.ok(), offline);
        if (!offline)
            QCOMPARE(r.error().code, code);
    }

    void liveIncrementsAreKeptAndResumed()
    {
        QTemporaryDir cache;
        const QString run = QStringLiteral("runa");
        const QString key = QStringLiteral("loss");
        {
            auto owned = makeServer();
            MemoryTrackingStore *server = owned.get();
            OfflineCacheStore store(std::move(owned), cache.path());
            MetricCursor cursor;
            MetricSeries first;
            QVERIFY(store.readMetricIncrement(run, key, &cursor, &first));
            QCOMPARE(first.size(), std::size_t(100));
            server->addPoints(run, key, points(key, 100, 150));
            MetricSeries second; // as TrackingService does: a fresh series per increment
            QVERIFY(store.readMetricIncrement(run, key, &cursor, &second));
            QCOMPARE(second.size(), std::size_t(50));
            QCOMPARE(second.steps()[0], qint64(100));

            // Offline mid-session: the caller keeps what it has; nothing is appended twice.
            server->failWith(QStringLiteral("CONNECTION_RESET"));
            MetricSeries third;
            QVERIFY(store.readMetricIncrement(run, key, &cursor, &third));
            QVERIFY(third.isEmpty());
            QVERIFY(store.isOffline());
        } // destroyed: what was pending is on disk (it went offline, which flushed it, too)

        auto owned = makeServer();
        MemoryTrackingStore *server = owned.get();
        server->addPoints(run, key, points(key, 100, 160));
        server->failWith(QStringLiteral("CONNECTION_REFUSED"));
        OfflineCacheStore store(std::move(owned), cache.path());
        MetricCursor cursor;
        MetricSeries cached;
        QVERIFY(store.readMetricIncrement(run, key, &cursor, &cached));
        QCOMPARE(cached.size(), std::size_t(150)); // everything seen before, complete
        QVERIFY(std::isnan(cached.values()[3]));
        QVERIFY(cursor.position < 0);
        MetricSeries nothingNew;
        QVERIFY(store.readMetricIncrement(run, key, &cursor, &nothingNew));
        QVERIFY(nothingNew.isEmpty());

        // Sampled histories for a chart's first paint come from the cache too.
        auto sampled = store.getSampledHistories({run, QStringLiteral("nope")}, key, 2500);
        QVERIFY2(sampled, qPrintable(errText(sampled)));
        QCOMPARE(sampled->size(), 1);
        QCOMPARE(sampled->first().series->size(), std::size_t(150));

        // Back online: the server's history replaces the cached one (reset), once.
        server->failWith({});
        MetricSeries fromServer;
        QVERIFY(store.readMetricIncrement(run, key, &cursor, &fromServer));
        QVERIFY(cursor.reset);
        QVERIFY(cursor.position >= 0);
        QCOMPARE(fromServer.size(), std::size_t(160));
        QVERIFY(!store.isOffline());
    }

    void corruptEntriesAreIgnored()
    {
        QTemporaryDir cache;
        Snapshot online;
        QString root;
        {
            OfflineCacheStore store(makeServer(), cache.path());
            QVERIFY(readAll(store, &online));
            root = store.entryRoot();
        }
        QStringList entries;
        QDirIterator it(root, {QStringLiteral("*.entry")}, QDir::Files, QDirIterator::Subdirectories);
        while (it.hasNext())
            entries << it.next();
        QVERIFY(entries.size() >= 8);
        const QString runEntry = [&] {
            for (const QString &e : entries)
                if (e.contains(QLatin1String("/run/")))
                    return e;
            return QString();
        }();
        const QString historyEntry = [&] {
            for (const QString &e : entries)
                if (e.contains(QLatin1String("/history/")))
                    return e;
            return QString();
        }();
        QVERIFY(!runEntry.isEmpty() && !historyEntry.isEmpty());
        {
            // Half-written (a crash before QSaveFile's rename cannot leave this, a bad disk can).
            QFile f(runEntry);
            QVERIFY(f.open(QIODevice::ReadWrite));
            QVERIFY(f.resize(f.size() / 2));
        }
        {
            QFile f(historyEntry);
            QVERIFY(f.open(QIODevice::ReadWrite));
            QVERIFY(f.seek(f.size() - 16));
            f.write("garbage garbage!");
        }
        // A temporary file a crash left behind is not an entry.
        QFile leftover(QFileInfo(runEntry).absolutePath() + QStringLiteral("/x.entry.AbCdEf"));
        QVERIFY(leftover.open(QIODevice::WriteOnly));
        leftover.write("half");
        leftover.close();

        auto dead = std::make_unique<MemoryTrackingStore>();
        dead->failWith(QStringLiteral("CONNECTION_REFUSED"));
        OfflineCacheStore store(std::move(dead), cache.path());
        QTest::ignoreMessage(QtWarningMsg,
                             QRegularExpression(QStringLiteral("ignoring cache entry .* truncated")));
        auto run = store.getRun(QStringLiteral("runa"));
        QVERIFY(!run);
        QVERIFY(run.error().hint.contains(QLatin1String("no offline copy")));
        QVERIFY(!QFile::exists(runEntry)); // removed, so it warns once
        QTest::ignoreMessage(QtWarningMsg,
                             QRegularExpression(QStringLiteral("ignoring cache entry .* checksum mismatch")));
        auto h = store.getMetricHistory(QStringLiteral("runa"), QStringLiteral("loss"));
        QVERIFY(!h);
        // The rest still answers.
        auto e = store.listExperiments();
        QVERIFY(e);
        QCOMPARE(e->size(), 1);
        RunSearch search;
        search.experimentIds = {QStringLiteral("1")};
        auto page = store.searchRuns(search);
        QVERIFY(page);
        QCOMPARE(runIds(*page), runIds(online.page));
    }

    void evictionKeepsTheCacheFolderUnderItsBudget()
    {
        QTemporaryDir cache;
        const qint64 budget = 300 * 1024;
        auto owned = makeBusyServer(20, 2000); // about 47 KiB a history, 940 KiB in all
        MemoryTrackingStore *server = owned.get();
        OfflineCacheStore store(std::move(owned), cache.path(), budget);
        QCOMPARE(store.maxBytes(), budget);

        // A temporary being written by another instance is not the eviction's to take.
        QVERIFY(QDir().mkpath(store.entryRoot() + QStringLiteral("/history")));
        const QString temporary = store.entryRoot() + QStringLiteral("/history/") +
                                  QString(40, QLatin1Char('a')) + QStringLiteral(".entry.XyZ123");
        {
            QFile f(temporary);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(QByteArray(1000, 'x'));
        }

        for (int i = 0; i < 20; ++i) {
            auto h = store.getMetricHistory(runName(i), QStringLiteral("loss"));
            QVERIFY2(h, qPrintable(errText(h)));
            QCOMPARE(h->size(), 2000);
            QVERIFY2(
                folderBytes(cache.path()) <= budget,
                qPrintable(QStringLiteral("%1 bytes after run %2").arg(folderBytes(cache.path())).arg(i)));
        }
        QVERIFY(QFile::exists(temporary));
        // Still a cache: evicted down to about 90% of the budget, not emptied.
        QVERIFY(folderBytes(cache.path()) > budget / 2);
        QVERIFY(store.cachedBytes() > budget / 2 && store.cachedBytes() <= budget);

        // The budget covers the whole folder: another server's entries push this one's out too.
        auto otherOwned = makeBusyServer(4, 2000, QStringLiteral("https://other.example"));
        MemoryTrackingStore *other = otherOwned.get();
        {
            OfflineCacheStore otherStore(std::move(otherOwned), cache.path(), budget);
            for (int i = 0; i < 4; ++i)
                QVERIFY(otherStore.getMetricHistory(runName(i), QStringLiteral("loss")));
            QVERIFY(folderBytes(cache.path()) <= budget);
            other->failWith(QStringLiteral("CONNECTION_REFUSED"));
            for (int i = 0; i < 4; ++i)
                QVERIFY2(offlineAnswer(otherStore, i, 2000) == Offline::Answered, qPrintable(runName(i)));
        }

        // Offline, what is left answers and what went is a miss in words, never a wrong answer.
        server->failWith(QStringLiteral("CONNECTION_REFUSED"));
        QCOMPARE(offlineAnswer(store, 19, 2000), Offline::Answered);
        QVERIFY(store.isOffline());
        QCOMPARE(offlineAnswer(store, 0), Offline::MissedInWords);
        QCOMPARE(offlineAnswer(store, 15), Offline::MissedInWords);
        auto miss = store.getMetricHistory(runName(0), QStringLiteral("loss"));
        QVERIFY(!miss);
        QCOMPARE(miss.error().code, QStringLiteral("CONNECTION_REFUSED"));
        QVERIFY2(miss.error().hint.contains(QLatin1String("no offline copy")), qPrintable(miss.error().hint));
        QVERIFY2(miss.error().hint.contains(QLatin1String("size limit")), qPrintable(miss.error().hint));
    }

    void recentlyReadEntriesOutliveUnreadOnes()
    {
        QTemporaryDir cache;
        const qint64 budget = 300 * 1024; // six histories of about 47 KiB
        {
            auto owned = makeBusyServer(10, 2000);
            MemoryTrackingStore *server = owned.get();
            OfflineCacheStore store(std::move(owned), cache.path(), budget);
            for (int i = 0; i < 5; ++i)
                QVERIFY(store.getMetricHistory(runName(i), QStringLiteral("loss")));
            // Looked at again while offline: a read from the cache counts as use.
            server->failWith(QStringLiteral("CONNECTION_REFUSED"));
            QCOMPARE(offlineAnswer(store, 0, 2000), Offline::Answered);
        }
        // The order is on disk: it outlives a restart.
        {
            OfflineCacheStore store(makeBusyServer(10, 2000), cache.path(), budget);
            for (int i = 5; i < 10; ++i) {
                QVERIFY(store.getMetricHistory(runName(i), QStringLiteral("loss")));
                QVERIFY(folderBytes(cache.path()) <= budget);
            }
        }
        auto dead = makeBusyServer(0, 0);
        dead->failWith(QStringLiteral("HOST_NOT_FOUND"));
        OfflineCacheStore store(std::move(dead), cache.path(), budget);
        QVERIFY2(offlineAnswer(store, 0, 2000) == Offline::Answered,
                 "the entry read last in the first session was evicted");
        // Fetched once, never looked at again: gone first.
        QCOMPARE(offlineAnswer(store, 1), Offline::MissedInWords);
        QCOMPARE(offlineAnswer(store, 2), Offline::MissedInWords);
        for (int i = 7; i < 10; ++i)
            QVERIFY2(offlineAnswer(store, i, 2000) == Offline::Answered, qPrintable(runName(i)));
    }

    void entryLargerThanTheBudgetIsNotCached()
    {
        QTemporaryDir cache;
        const qint64 budget = 100 * 1024;
        auto owned = makeBusyServer(1, 100);
        MemoryTrackingStore *server = owned.get();
        OfflineCacheStore store(std::move(owned), cache.path(), budget);
        QVERIFY(store.getMetricHistory(runName(0), QStringLiteral("loss")));
        QVERIFY(folderBytes(cache.path()) > 2400);

        // The run grows to about 240 KiB: read from the server in full, but not kept.
        server->addPoints(runName(0), QStringLiteral("loss"), points(QStringLiteral("loss"), 100, 10000));
        auto big = store.getMetricHistory(runName(0), QStringLiteral("loss"));
        QVERIFY2(big, qPrintable(errText(big)));
        QCOMPARE(big->size(), 10000);
        QVERIFY(!store.isOffline());
        QVERIFY2(folderBytes(cache.path()) < 1024, qPrintable(QString::number(folderBytes(cache.path()))));

        // Offline it is a miss in words; the 100 points of before do not pose as the last fetch.
        server->failWith(QStringLiteral("CONNECTION_REFUSED"));
        QCOMPARE(offlineAnswer(store, 0), Offline::MissedInWords);
    }

    void pendingIncrementsKeepTheirEntries()
    {
        QTemporaryDir cache;
        const qint64 budget = 300 * 1024;
        const QString live = QStringLiteral("live");
        const QString key = QStringLiteral("loss");
        {
            auto owned = makeBusyServer(10, 2000);
            MemoryTrackingStore *server = owned.get();
            server->addRun(QStringLiteral("1"), live, live);
            server->addPoints(live, key, points(key, 0, 2000));
            OfflineCacheStore store(std::move(owned), cache.path(), budget);
            MetricCursor cursor;
            MetricSeries first;
            QVERIFY(store.readMetricIncrement(live, key, &cursor, &first));
            QCOMPARE(first.size(), std::size_t(2000));
            store.flush(); // the stored history the next increments continue
            server->addPoints(live, key, points(key, 2000, 2100));
            MetricSeries second;
            QVERIFY(store.readMetricIncrement(live, key, &cursor, &second));
            QCOMPARE(second.size(), std::size_t(100)); // pending in memory, FlushIntervalMs not over

            // The live history is now the oldest entry; the others overflow the budget twice over.
            for (int i = 0; i < 10; ++i)
                QVERIFY(store.getMetricHistory(runName(i), QStringLiteral("loss")));
            QVERIFY(folderBytes(cache.path()) <= budget);
        } // flushed here: the pending points must find their stored history still there

        auto dead = makeBusyServer(0, 0);
        dead->failWith(QStringLiteral("CONNECTION_REFUSED"));
        OfflineCacheStore store(std::move(dead), cache.path(), budget);
        MetricCursor cursor;
        MetricSeries cached;
        const Status s = store.readMetricIncrement(live, key, &cursor, &cached);
        QVERIFY2(s, qPrintable(s ? QString() : s.error().toString()));
        QCOMPARE(cached.size(), std::size_t(2100));
    }

    void budgetComesFromTheOptionOrTheEnvironment()
    {
        QTemporaryDir cache;
        qunsetenv("LABCONSOLE_CACHE_MAX_MB");
        QCOMPARE(OfflineCacheStore(makeServer(), cache.path()).maxBytes(), 1024LL * 1024 * 1024);
        QCOMPARE(OfflineCacheStore::defaultMaxBytes(), OfflineCacheStore::DefaultMaxBytes);

        qputenv("LABCONSOLE_CACHE_MAX_MB", "1");
        {
            OfflineCacheStore store(makeBusyServer(30, 2000), cache.path()); // 1.4 MiB to read
            QCOMPARE(store.maxBytes(), 1024LL * 1024);
            for (int i = 0; i < 30; ++i)
                QVERIFY(store.getMetricHistory(runName(i), QStringLiteral("loss")));
            QVERIFY2(folderBytes(cache.path()) <= 1024 * 1024,
                     qPrintable(QString::number(folderBytes(cache.path()))));
            QVERIFY(folderBytes(cache.path()) > 512 * 1024);
        }
        // Given explicitly (StoreOptions), the budget wins over the environment.
        QCOMPARE(OfflineCacheStore(makeServer(), cache.path(), 200 * 1024).maxBytes(), 200 * 1024);
        StoreOptions options;
        options.offlineCache = true;
        options.cacheRoot = cache.path();
        options.maxRetries = 0;
        auto opened = openTrackingStore(QStringLiteral("http://127.0.0.1:9"), options); // never called
        QVERIFY2(opened, qPrintable(errText(opened)));
        auto *cached = dynamic_cast<OfflineCacheStore *>(opened->get());
        QVERIFY(cached);
        QCOMPARE(cached->maxBytes(), 1024LL * 1024);
        options.cacheMaxBytes = 512 * 1024;
        opened = openTrackingStore(QStringLiteral("http://127.0.0.1:9"), options);
        QVERIFY(opened);
        cached = dynamic_cast<OfflineCacheStore *>(opened->get());
        QVERIFY(cached);
        QCOMPARE(cached->maxBytes(), 512 * 1024);

        // A value that is not a size is said in the log and the default kept.
        qputenv("LABCONSOLE_CACHE_MAX_MB", "lots");
        QTest::ignoreMessage(QtWarningMsg,
                             QRegularExpression(QStringLiteral("ignoring LABCONSOLE_CACHE_MAX_MB")));
        QCOMPARE(OfflineCacheStore::defaultMaxBytes(), OfflineCacheStore::DefaultMaxBytes);
        qunsetenv("LABCONSOLE_CACHE_MAX_MB");
    }

    void restStoreAgainstTestServer()
    {
        QTemporaryDir dir;
        const QString root = dir.filePath(QStringLiteral("mlruns"));
        QVERIFY(copyTree(labtest::fixture(QStringLiteral("mlruns/Swahili-Speech-To-Text/mlruns")), root));
        labtest::MlflowTestServer server(root);
        QVERIFY2(server.start(), qPrintable(server.errorString()));
        const QString url = server.url();
        // Fail fast once the server is gone (MLflow's own settings, read by the REST store).
        qputenv("MLFLOW_HTTP_REQUEST_MAX_RETRIES", "0");
        qputenv("MLFLOW_HTTP_REQUEST_TIMEOUT", "5");
        auto rest = openTrackingStore(url);
        if (!rest && rest.error().code == QLatin1String("NOT_SUPPORTED"))
            QSKIP("openTrackingStore does not open http:// stores in this build (REST store missing)");
        QVERIFY2(rest, qPrintable(errText(rest)));

        const QString cacheDir = dir.filePath(QStringLiteral("cache"));
        const QString runId = QStringLiteral("ed05f9cd599442fe9a0c9222184710b8");
        QList<Experiment> experiments;
        RunPage page;
        Run run;
        QList<MetricPoint> history;
        {
            OfflineCacheStore store(std::move(*rest), cacheDir);
            auto e = store.listExperiments();
            QVERIFY2(e, qPrintable(errText(e)));
            experiments = *e;
            RunSearch search;
            search.experimentIds = {QStringLiteral("1")};
            auto p = store.searchRuns(search);
            QVERIFY2(p, qPrintable(errText(p)));
            page = *p;
            auto r = store.getRun(runId);
            QVERIFY2(r, qPrintable(errText(r)));
            run = *r;
            auto h = store.getMetricHistory(runId, QStringLiteral("loss"));
            QVERIFY2(h, qPrintable(errText(h)));
            history = *h;
            QCOMPARE(history.size(), 10);
            QVERIFY(!store.isOffline());
        }
        server.stop();

        auto again = openTrackingStore(url);
        QVERIFY(again);
        OfflineCacheStore store(std::move(*again), cacheDir);
        auto e = store.listExperiments();
        QVERIFY2(e, qPrintable(errText(e)));
        QVERIFY(store.isOffline());
        qDebug() << "offline reason:" << store.offlineReason();
        QVERIFY(store.offlineReason().contains(url));
        QCOMPARE(e->size(), experiments.size());
        for (qsizetype i = 0; i < e->size(); ++i)
            QCOMPARE(e->at(i).name, experiments.at(i).name);
        RunSearch search;
        search.experimentIds = {QStringLiteral("1")};
        auto p = store.searchRuns(search);
        QVERIFY2(p, qPrintable(errText(p)));
        QCOMPARE(runIds(*p), runIds(page));
        auto r = store.getRun(runId);
        QVERIFY2(r, qPrintable(errText(r)));
        QCOMPARE(r->info.status, run.info.status);
        QCOMPARE(r->info.userId, run.info.userId);
        QCOMPARE(r->tags.size(), run.tags.size());
        auto h = store.getMetricHistory(runId, QStringLiteral("loss"));
        QVERIFY2(h, qPrintable(errText(h)));
        QVERIFY(samePoints(*h, history));
        QVERIFY(!store.setTag(runId, QStringLiteral("k"), QStringLiteral("v")));
    }
};

QTEST_GUILESS_MAIN(TestOfflineCacheStore)
#include "tst_offlinecachestore.moc"
