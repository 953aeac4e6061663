// MlflowRestStore against the loopback MLflow test server: what a user of a real tracking server
// sees (round trips with the local store, search and paging, live increments, sampled first
// paint, batched logging without duplicates) and what they are told when it goes wrong.

#include "mlflowtestserver.h"
#include "scriptedserver.h"
#include "series/metricseries.h"
#include "testpaths.h"
#include "tracking/mlflowfilestore.h"
#include "tracking/mlflowjson.h"
#include "tracking/mlflowrestclient.h"
#include "tracking/mlflowreststore.h"
#include "tracking/trackingstorefactory.h"

#include <QDir>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QFile>
#include <QLoggingCategory>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>
#include <QUrlQuery>

#include <atomic>
#include <cmath>
#include <limits>
#include <thread>

using labtest::MlflowTestServer;
using namespace lab;

namespace {

bool copyTree(const QString &from, const QString &to)
{
    QDirIterator it(from, QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden,
                    QDirIterator::Subdirectories);
    QDir().mkpath(to);
    while (it.hasNext()) {
        const QString src = it.next();
        const QString dst = to + QLatin1Char('/') + QDir(from).relativeFilePath(src);
        if (it.fileInfo().isDir()) {
            if (!QDir().mkpath(dst))
                return false;
        } else {
            QDir().mkpath(QFileInfo(dst).absolutePath());
            if (!QFile::copy(src, dst))
                return false;
        }
    }
    return true;
}

MlflowConnection connectionFor(const QString &url)
{
    MlflowConnection c;
    c.baseUrl = QUrl(url);
    // Fast retries: MLFLOW_HTTP_REQUEST_BACKOFF_FACTOR=0 and no jitter, as a test sets them.
    c.retry.backoffFactor = 0;
    c.retry.backoffJitter = 0;
    c.retry.maxRetries = 3;
    c.retry.timeoutMs = 30000;
    return c;
}

QList<MetricPoint> points(const QString &key, qint64 firstStep, int count, double scale = 0.5)
{
    QList<MetricPoint> out;
    for (int i = 0; i < count; ++i) {
        const qint64 step = firstStep + i;
        out << MetricPoint{key, double(step) * scale, 1700000000000 + step, step};
    }
    return out;
}

QList<qint64> stepsOf(const MetricSeries &s)
{
    QList<qint64> out;
    for (qint64 v : s.steps())
        out << v;
    return out;
}

template <typename T> QList<T> sortedByKey(QList<T> list)
{
    std::sort(list.begin(), list.end(), [](const T &a, const T &b) { return a.key < b.key; });
    return list;
}

} // namespace

class TestMlflowRestStore : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<MlflowFileStore> m_local;
    std::unique_ptr<MlflowTestServer> m_server;
    std::unique_ptr<MlflowRestStore> m_rest;
    QString m_experiment;

    QString newRun(const QString &name = QStringLiteral("run"))
    {
        auto run = m_local->createRun(m_experiment, name, 1700000000000, {});
        if (!run)
            qFatal("createRun: %s", qPrintable(run.error().toString()));
        return run->info.runId;
    }

private Q_SLOTS:
    void initTestCase()
    {
        // Request-by-request debug lines would drown the failures.
        QLoggingCategory::setFilterRules(QStringLiteral("labconsole.*.debug=false"));
    }

    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
        const QString root = m_dir->filePath(QStringLiteral("mlruns"));
        m_local = std::make_unique<MlflowFileStore>(root);
        QVERIFY(m_local->initialize().ok());
        auto exp = m_local->createExperiment(QStringLiteral("rest-tests"));
        QVERIFY2(exp.ok(), qPrintable(exp.ok() ? QString() : exp.error().toString()));
        m_experiment = *exp;
        m_server = std::make_unique<MlflowTestServer>(root);
        QVERIFY2(m_server->start(), qPrintable(m_server->errorString()));
        m_rest = std::make_unique<MlflowRestStore>(connectionFor(m_server->url()));
    }

    void cleanup()
    {
        m_rest.reset();
        m_server.reset();
        m_local.reset();
        m_dir.reset();
    }

    // Runs written by the local lab (here MLflow 1.x's own files) look the same through REST.
    void roundTripOfRecordedStore()
    {
        m_server->stop();
        QTemporaryDir dir;
        const QString root = dir.filePath(QStringLiteral("mlruns"));
        QVERIFY(copyTree(labtest::fixture(QStringLiteral("mlruns/Swahili-Speech-To-Text/mlruns")), root));
        MlflowFileStore local(root);
        MlflowTestServer server(root);
        QVERIFY2(server.start(), qPrintable(server.errorString()));
        MlflowRestStore rest(connectionFor(server.url()));

        auto localExps = local.listExperiments();
        auto restExps = rest.listExperiments();
        QVERIFY(localExps.ok() && restExps.ok());
        QCOMPARE(restExps->size(), localExps->size());
        const QString runId = QStringLiteral("ed05f9cd599442fe9a0c9222184710b8");
        auto a = local.getRun(runId);
        auto b = rest.getRun(runId);
        QVERIFY2(b.ok(), qPrintable(b.ok() ? QString() : b.error().toString()));
        QVERIFY(a.ok());
        QCOMPARE(b->info.runId, a->info.runId);
        QCOMPARE(b->info.experimentId, a->info.experimentId);
        QCOMPARE(b->info.userId, a->info.userId); // "Maelaf ES", with its space
        QCOMPARE(b->info.status, a->info.status);
        QCOMPARE(b->info.startTime, a->info.startTime);
        QCOMPARE(b->info.endTime, a->info.endTime);
        QCOMPARE(sortedByKey(b->tags), sortedByKey(a->tags));
        QCOMPARE(sortedByKey(b->params), sortedByKey(a->params));
        QCOMPARE(sortedByKey(b->metrics), sortedByKey(a->metrics));
        auto ha = local.getMetricHistory(runId, QStringLiteral("loss"));
        auto hb = rest.getMetricHistory(runId, QStringLiteral("loss"));
        QVERIFY(ha.ok() && hb.ok());
        QCOMPARE(hb->size(), 10);
        QCOMPARE(*hb, *ha);
        auto keys = rest.metricKeys(runId);
        QVERIFY(keys.ok());
        QCOMPARE(*keys, QStringList{QStringLiteral("loss")});
    }

    // A run written by the local lab with every kind of value, statuses and special doubles.
    void roundTripOfWrittenRuns()
    {
        const QString finished = newRun(QStringLiteral("finished"));
        QList<MetricPoint> ms = points(QStringLiteral("loss"), 0, 20);
        ms << MetricPoint{QStringLiteral("odd"), std::numeric_limits<double>::quiet_NaN(), 1700000000100, 0}
           << MetricPoint{QStringLiteral("odd"), std::numeric_limits<double>::infinity(), 1700000000101, 1}
           << MetricPoint{QStringLiteral("odd"), -std::numeric_limits<double>::infinity(), 1700000000102, 2};
        QVERIFY(m_local
                    ->logBatch(finished, ms, {{QStringLiteral("lr"), QStringLiteral("0.01")}},
                               {{QStringLiteral("note"), QStringLiteral("héllo ✓")}})
                    .ok());
        QVERIFY(m_local->updateRun(finished, RunStatus::Finished, 1700000009999).ok());
        const QString failed = newRun(QStringLiteral("failed"));
        QVERIFY(m_local->updateRun(failed, RunStatus::Failed, 1700000005555).ok());

        for (const QString &id : {finished, failed}) {
            auto a = m_local->getRun(id);
            auto b = m_rest->getRun(id);
            QVERIFY2(b.ok(), qPrintable(b.ok() ? QString() : b.error().toString()));
            QCOMPARE(b->info.runName, a->info.runName);
            QCOMPARE(b->info.status, a->info.status);
            QCOMPARE(b->info.endTime, a->info.endTime);
            QCOMPARE(sortedByKey(b->params), sortedByKey(a->params));
            QCOMPARE(sortedByKey(b->tags), sortedByKey(a->tags));
            QCOMPARE(b->metrics.size(), a->metrics.size());
            // The server hands out the artifacts through its proxy, as `mlflow server` does.
            QVERIFY(b->info.artifactUri.startsWith(QLatin1String("mlflow-artifacts:/")));
        }
        auto odd = m_rest->getMetricHistory(finished, QStringLiteral("odd"));
        QVERIFY(odd.ok());
        QCOMPARE(odd->size(), 3);
        QVERIFY(std::isnan(odd->at(0).value));
        QVERIFY(std::isinf(odd->at(1).value) && odd->at(1).value > 0);
        QVERIFY(std::isinf(odd->at(2).value) && odd->at(2).value < 0);
        auto loss = m_rest->getMetricHistory(finished, QStringLiteral("loss"));
        QVERIFY(loss.ok());
        QCOMPARE(*loss, *m_local->getMetricHistory(finished, QStringLiteral("loss")));
    }

    void experiments()
    {
        auto id = m_rest->createExperiment(QStringLiteral("made over REST"));
        QVERIFY2(id.ok(), qPrintable(id.ok() ? QString() : id.error().toString()));
        auto byName = m_rest->getExperimentByName(QStringLiteral("made over REST"));
        QVERIFY(byName.ok() && byName->has_value());
        QCOMPARE((*byName)->id, *id);
        auto missing = m_rest->getExperimentByName(QStringLiteral("nobody made this"));
        QVERIFY(missing.ok());
        QVERIFY(!missing->has_value());
        auto got = m_rest->getExperiment(*id);
        QVERIFY(got.ok());
        QCOMPARE(got->name, QStringLiteral("made over REST"));
        auto unknown = m_rest->getExperiment(QStringLiteral("98765"));
        QVERIFY(!unknown.ok());
        QCOMPARE(unknown.error().code, QStringLiteral("RESOURCE_DOES_NOT_EXIST"));
        QCOMPARE(unknown.error().httpStatus, 404);
        auto dup = m_rest->createExperiment(QStringLiteral("made over REST"));
        QVERIFY(!dup.ok());
        QCOMPARE(dup.error().code, QStringLiteral("RESOURCE_ALREADY_EXISTS"));
        QVERIFY(dup.error().message.contains(QLatin1String("already exists")));
        auto all = m_rest->listExperiments();
        QVERIFY(all.ok());
        QVERIFY(all->size() >= 3); // Default, rest-tests, made over REST
    }

    void runLifecycle()
    {
        auto run = m_rest->createRun(m_experiment, QStringLiteral("over-rest"), 1700000000000,
                                     {{QStringLiteral("team"), QStringLiteral("a")}}, QStringLiteral("ann"));
        QVERIFY2(run.ok(), qPrintable(run.ok() ? QString() : run.error().toString()));
        const QString id = run->info.runId;
        QCOMPARE(run->info.status, RunStatus::Running);
        QCOMPARE(run->info.runName, QStringLiteral("over-rest"));
        QVERIFY(m_rest->setTag(id, QStringLiteral("stage"), QStringLiteral("two")).ok());
        QVERIFY(m_rest->deleteTag(id, QStringLiteral("team")).ok());
        QVERIFY(m_rest->updateRun(id, RunStatus::Finished, 1700000001234, QStringLiteral("renamed")).ok());
        auto local = m_local->getRun(id);
        QVERIFY(local.ok());
        QCOMPARE(local->info.status, RunStatus::Finished);
        QCOMPARE(local->info.endTime, 1700000001234);
        QCOMPARE(local->info.runName, QStringLiteral("renamed"));
        QCOMPARE(local->tag(QStringLiteral("stage")), QStringLiteral("two"));
        QCOMPARE(local->tag(QStringLiteral("team"), QStringLiteral("<none>")), QStringLiteral("<none>"));
        QVERIFY(m_rest->deleteRun(id).ok());
        QCOMPARE(m_local->getRun(id)->info.lifecycleStage, LifecycleStage::Deleted);
        QVERIFY(m_rest->restoreRun(id).ok());
        QCOMPARE(m_local->getRun(id)->info.lifecycleStage, LifecycleStage::Active);

        auto unknown = m_rest->getRun(QStringLiteral("0123456789abcdef0123456789abcdef"));
        QVERIFY(!unknown.ok());
        QCOMPARE(unknown.error().code, QStringLiteral("RESOURCE_DOES_NOT_EXIST"));
        QVERIFY2(unknown.error().message.contains(QLatin1String("0123456789abcdef0123456789abcdef")),
                 qPrintable(unknown.error().message));
        QVERIFY(!unknown.error().hint.isEmpty());
    }

    void searchWithFilterOrderAndPages()
    {
        for (int i = 0; i < 23; ++i) {
            const QString id = newRun(QStringLiteral("r%1").arg(i));
            QVERIFY(m_local
                        ->logBatch(id, {{QStringLiteral("acc"), i / 22.0, 1700000000000 + i, 0}},
                                   {{QStringLiteral("seed"), QString::number(i % 3)}}, {})
                        .ok());
        }
        RunSearch s;
        s.experimentIds = {m_experiment};
        s.filter = QStringLiteral("metrics.acc > 0.3 and params.seed = '1'");
        s.orderBy = {QStringLiteral("metrics.acc DESC")};
        s.maxResults = 2;
        QList<Run> all;
        int pages = 0;
        do {
            auto page = m_rest->searchRuns(s);
            QVERIFY2(page.ok(), qPrintable(page.ok() ? QString() : page.error().toString()));
            all += page->runs;
            s.pageToken = page->nextPageToken;
            ++pages;
        } while (!s.pageToken.isEmpty() && pages < 20);
        // i % 3 == 1 and i/22 > 0.3: i in {7, 10, 13, 16, 19, 22}
        QCOMPARE(all.size(), 6);
        QVERIFY(pages >= 3);
        for (qsizetype i = 1; i < all.size(); ++i)
            QVERIFY(all[i - 1].metric(QStringLiteral("acc"))->value >
                    all[i].metric(QStringLiteral("acc"))->value);
        QCOMPARE(all.first().info.runName, QStringLiteral("r22"));

        // No experiment given: the store asks for all of them (MLflow's API needs the ids).
        RunSearch everywhere;
        everywhere.filter = QStringLiteral("attributes.run_name = 'r5'");
        auto found = m_rest->searchRuns(everywhere);
        QVERIFY(found.ok());
        QCOMPARE(found->runs.size(), 1);

        RunSearch bad;
        bad.experimentIds = {m_experiment};
        bad.filter = QStringLiteral("metrics.acc >>> 1");
        auto refused = m_rest->searchRuns(bad);
        QVERIFY(!refused.ok());
        QCOMPARE(refused.error().code, QStringLiteral("INVALID_PARAMETER_VALUE"));
    }

    void historyPages()
    {
        const QString id = newRun();
        QVERIFY(m_local->logBatch(id, points(QStringLiteral("loss"), 0, 2500), {}, {}).ok());
        // Pages of 1000 (the default is the server's maximum, 25000) keep the test quick.
        m_rest->setHistoryPageSize(1000);
        m_server->clearRequests();
        auto h = m_rest->getMetricHistory(id, QStringLiteral("loss"));
        QVERIFY2(h.ok(), qPrintable(h.ok() ? QString() : h.error().toString()));
        QCOMPARE(*h, *m_local->getMetricHistory(id, QStringLiteral("loss")));
        QCOMPARE(h->last().step, 2499);
        const auto reqs = m_server->requests(QStringLiteral("metrics/get-history$"));
        QCOMPARE(reqs.size(), 3);
        QVERIFY(reqs[0].query.contains(QLatin1String("max_results=1000")));
        QVERIFY(!reqs[0].query.contains(QLatin1String("page_token=")));
        QVERIFY(reqs[1].query.contains(QLatin1String("page_token=")));
        QVERIFY(reqs[2].query.contains(QLatin1String("page_token=")));
    }

    // A running run's poll fetches only the points after the last step seen.
    void incrementsFetchOnlyNewPoints()
    {
        const QString id = newRun();
        const QString key = QStringLiteral("loss");
        QVERIFY(m_local->logBatch(id, points(key, 0, 10), {}, {}).ok());
        MetricSeries series;
        MetricCursor cursor;
        QVERIFY(m_rest->readMetricIncrement(id, key, &cursor, &series).ok());
        QCOMPARE(series.size(), std::size_t(10));
        QCOMPARE(cursor.position, 10);

        QVERIFY(m_local->logBatch(id, points(key, 10, 5), {}, {}).ok());
        m_server->clearRequests();
        QVERIFY(m_rest->readMetricIncrement(id, key, &cursor, &series).ok());
        QCOMPARE(series.size(), std::size_t(15));
        QCOMPARE(stepsOf(series).mid(8), (QList<qint64>{8, 9, 10, 11, 12, 13, 14}));
        auto reqs = m_server->requests(QStringLiteral("metrics/"));
        QCOMPARE(reqs.size(), 1);
        QVERIFY(reqs[0].path.endsWith(QLatin1String("get-history-bulk-interval")));
        QVERIFY2(reqs[0].query.contains(QLatin1String("start_step=10")), qPrintable(reqs[0].query));

        // Nothing new: nothing appended, the cursor stays.
        QVERIFY(m_rest->readMetricIncrement(id, key, &cursor, &series).ok());
        QCOMPARE(series.size(), std::size_t(15));
        QCOMPARE(cursor.position, 15);

        // More new points than one answer may carry unsampled: still every one, exactly once.
        QVERIFY(m_local->logBatch(id, points(key, 15, 3000), {}, {}).ok());
        QVERIFY(m_rest->readMetricIncrement(id, key, &cursor, &series).ok());
        QCOMPARE(series.size(), std::size_t(3015));
        QList<qint64> expected;
        for (qint64 i = 0; i < 3015; ++i)
            expected << i;
        QCOMPARE(stepsOf(series), expected);
        QCOMPARE(cursor.position, 3015);
    }

    void sampledHistories()
    {
        // 120 short runs: two requests (at most 100 runs each), every history complete.
        QStringList ids;
        for (int i = 0; i < 120; ++i) {
            ids << newRun(QStringLiteral("s%1").arg(i));
            QVERIFY(m_local->logBatch(ids.last(), points(QStringLiteral("acc"), 0, 10, i), {}, {}).ok());
        }
        m_server->clearRequests();
        auto sampled = m_rest->getSampledHistories(ids, QStringLiteral("acc"), 500);
        QVERIFY2(sampled.ok(), qPrintable(sampled.ok() ? QString() : sampled.error().toString()));
        QCOMPARE(sampled->size(), 120);
        QCOMPARE(m_server->requests(QStringLiteral("get-history-bulk-interval")).size(), 2);
        for (int i = 0; i < 120; ++i) {
            const SampledHistory &h = sampled->at(i);
            QCOMPARE(h.runId, ids[i]);
            QCOMPARE(h.series->size(), std::size_t(10));
            QVERIFY(h.complete);
            QVERIFY(h.cursor.has_value());
            QCOMPARE(h.cursor->position, 10);
            QCOMPARE(h.series->values()[9], 9.0 * i);
        }

        // A long run: a sample with the first and last step, marked incomplete.
        const QString longRun = newRun(QStringLiteral("long"));
        QVERIFY(m_local->logBatch(longRun, points(QStringLiteral("acc"), 0, 3000), {}, {}).ok());
        auto one = m_rest->getSampledHistories({longRun}, QStringLiteral("acc"), 300);
        QVERIFY(one.ok());
        const SampledHistory &h = one->first();
        QVERIFY(!h.complete);
        QVERIFY(h.series->size() >= 300 && h.series->size() <= 303);
        QCOMPARE(h.series->steps().front(), 0);
        QCOMPARE(h.series->steps().back(), 2999);
        QVERIFY(!h.cursor.has_value());
    }

    // An MLflow server older than get-history-bulk-interval (werkzeug's 404 page): increments and
    // sampled histories fall back to get-history, and still carry only the new points.
    void serverWithoutBulkInterval()
    {
        const QString id = newRun();
        const QString key = QStringLiteral("loss");
        QVERIFY(m_local->logBatch(id, points(key, 0, 10), {}, {}).ok());
        MetricSeries series;
        MetricCursor cursor;
        QVERIFY(m_rest->readMetricIncrement(id, key, &cursor, &series).ok());
        QVERIFY(m_local->logBatch(id, points(key, 10, 4), {}, {}).ok());
        MlflowTestServer::Fault notFound;
        notFound.status = 404;
        notFound.contentType = "text/html; charset=utf-8";
        notFound.body = "<!doctype html>\n<html lang=en>\n<title>404 Not Found</title>\n<h1>Not Found</h1>\n";
        notFound.times = 100;
        m_server->injectFault(QStringLiteral("get-history-bulk-interval"), notFound);
        QVERIFY(m_rest->readMetricIncrement(id, key, &cursor, &series).ok());
        QCOMPARE(stepsOf(series).size(), 14);
        QCOMPARE(stepsOf(series).last(), 13);
        QCOMPARE(cursor.position, 14);
        auto sampled = m_rest->getSampledHistories({id}, key, 100);
        QVERIFY(sampled.ok());
        QCOMPARE(sampled->first().series->size(), std::size_t(14));
        QVERIFY(sampled->first().complete);
        QCOMPARE(m_server->requests(QStringLiteral("get-history-bulk-interval")).size(), 1); // asked once
        m_server->clearFaults();
    }

    void sampledHistoriesInAStepRange()
    {
        const QString id = newRun();
        QVERIFY(m_local->logBatch(id, points(QStringLiteral("acc"), 0, 100), {}, {}).ok());
        m_server->clearRequests();
        auto sampled = m_rest->getSampledHistories({id}, QStringLiteral("acc"), 50, 20, 39);
        QVERIFY(sampled.ok());
        QCOMPARE(sampled->first().series->size(), std::size_t(20));
        QCOMPARE(sampled->first().series->steps().front(), 20);
        QVERIFY(sampled->first().complete);
        QVERIFY(!sampled->first().cursor.has_value()); // later steps exist outside the range
        const QString query = m_server->requests(QStringLiteral("get-history-bulk-interval")).first().query;
        QVERIFY(query.contains(QLatin1String("start_step=20")) &&
                query.contains(QLatin1String("end_step=39")));
    }

    // MLFLOW_HTTP_REQUEST_TIMEOUT bounds each attempt.
    void requestTimeout()
    {
        const QString id = newRun();
        MlflowConnection c = connectionFor(m_server->url());
        c.retry.timeoutMs = 1000;
        c.retry.maxRetries = 0;
        MlflowRestStore rest(c);
        MlflowTestServer::Fault slow;
        slow.delayMs = 4000;
        m_server->injectFault(QStringLiteral("runs/get"), slow);
        auto run = rest.getRun(id);
        QVERIFY(!run.ok());
        QCOMPARE(run.error().code, QStringLiteral("TIMEOUT"));
        QVERIFY(!run.error().hint.isEmpty());
    }

    void logBatchIsSplitWithinMlflowLimits()
    {
        const QString id = newRun();
        QList<Param> params;
        for (int i = 0; i < 150; ++i)
            params << Param{QStringLiteral("p%1").arg(i), QString::number(i)};
        QList<Tag> tags;
        for (int i = 0; i < 130; ++i) // 130 x 7000 characters: over 1 MB on their own
            tags << Tag{QStringLiteral("t%1").arg(i), QString(7000, QLatin1Char('a' + i % 26))};
        const QList<MetricPoint> ms = points(QStringLiteral("loss"), 0, 2500);
        m_server->clearRequests();
        Status s = m_rest->logBatch(id, ms, params, tags);
        QVERIFY2(s.ok(), qPrintable(s.ok() ? QString() : s.error().toString()));
        const auto reqs = m_server->requests(QStringLiteral("runs/log-batch"));
        QVERIFY(reqs.size() >= 5);
        for (const auto &r : reqs) {
            QCOMPARE(r.status, 200);
            QVERIFY(r.body.size() <= 1000000);
            auto body = MlflowJson::parse(r.body);
            QVERIFY(body.ok());
            const auto count = [&](const char *k) { return body->contains(k) ? int((*body)[k].size()) : 0; };
            QVERIFY(count("metrics") <= 1000);
            QVERIFY(count("params") <= 100);
            QVERIFY(count("tags") <= 100);
            QVERIFY(count("metrics") + count("params") + count("tags") <= 1000);
        }
        QCOMPARE(m_rest->lastLogBatchRequests(), reqs.size());
        auto run = m_local->getRun(id);
        QCOMPARE(run->params.size(), 150);
        QCOMPARE(run->tags.size() >= 130, true);
        QCOMPARE(*m_local->getMetricHistory(id, QStringLiteral("loss")), ms);
    }

    // The server stores half of a batch and then fails: the retry sends only the missing half.
    void partialLogBatchThen500LeavesExactlyThePoints()
    {
        const QString id = newRun();
        const QList<MetricPoint> ms = points(QStringLiteral("loss"), 0, 200);
        MlflowTestServer::Fault f;
        f.partialLogBatchThen500 = true;
        m_server->injectFault(QStringLiteral("runs/log-batch"), f);
        m_server->clearRequests();
        Status s = m_rest->logBatch(id, ms, {{QStringLiteral("lr"), QStringLiteral("0.1")}},
                                    {{QStringLiteral("k"), QStringLiteral("v")}});
        QVERIFY2(s.ok(), qPrintable(s.ok() ? QString() : s.error().toString()));
        QCOMPARE(*m_local->getMetricHistory(id, QStringLiteral("loss")), ms);
        const auto reqs = m_server->requests(QStringLiteral("runs/log-batch"));
        QCOMPARE(reqs.size(), 2);
        QCOMPARE(reqs[0].status, 500);
        auto second = MlflowJson::parse(reqs[1].body);
        QCOMPARE(int((*second)["metrics"].size()), 100); // only what had not landed
        QCOMPARE(m_local->getRun(id)->param(QStringLiteral("lr")), QStringLiteral("0.1"));
    }

    // The connection drops after the server stored the batch: checked, and not sent again.
    void droppedConnectionAfterLogBatchIsNotResent()
    {
        const QString id = newRun();
        const QList<MetricPoint> ms = points(QStringLiteral("loss"), 0, 50);
        MlflowTestServer::Fault f;
        f.dropConnection = true;
        f.applyFirst = true;
        m_server->injectFault(QStringLiteral("runs/log-batch"), f);
        m_server->clearRequests();
        Status s = m_rest->logBatch(id, ms, {}, {});
        QVERIFY2(s.ok(), qPrintable(s.ok() ? QString() : s.error().toString()));
        QCOMPARE(*m_local->getMetricHistory(id, QStringLiteral("loss")), ms);
        QCOMPARE(m_server->requests(QStringLiteral("runs/log-batch")).size(), 1);
    }

    void invalidBatchIsShownNotRetried()
    {
        const QString id = newRun();
        QVERIFY(m_rest->logBatch(id, {}, {{QStringLiteral("lr"), QStringLiteral("0.1")}}, {}).ok());
        m_server->clearRequests();
        Status s = m_rest->logBatch(id, {}, {{QStringLiteral("lr"), QStringLiteral("0.2")}}, {});
        QVERIFY(!s.ok());
        QCOMPARE(s.error().code, QStringLiteral("INVALID_PARAMETER_VALUE"));
        QCOMPARE(s.error().httpStatus, 400);
        QCOMPARE(m_server->requests(QStringLiteral("runs/log-batch")).size(), 1);
    }

    void retryAfterIsHonoured()
    {
        const QString id = newRun();
        MlflowTestServer::Fault f;
        f.status = 429;
        f.retryAfter = QStringLiteral("1");
        m_server->injectFault(QStringLiteral("runs/get"), f);
        QElapsedTimer t;
        t.start();
        auto run = m_rest->getRun(id);
        QVERIFY2(run.ok(), qPrintable(run.ok() ? QString() : run.error().toString()));
        QCOMPARE(m_rest->client()->lastAttempts(), 2);
        QVERIFY2(t.elapsed() >= 950, "the server asked for a second's pause");
    }

    void unavailableThreeTimesThenSuccess()
    {
        newRun();
        MlflowTestServer::Fault f;
        f.status = 503;
        f.times = 3;
        m_server->injectFault(QStringLiteral("runs/search"), f);
        m_server->clearRequests();
        RunSearch s;
        s.experimentIds = {m_experiment};
        auto page = m_rest->searchRuns(s);
        QVERIFY2(page.ok(), qPrintable(page.ok() ? QString() : page.error().toString()));
        QCOMPARE(page->runs.size(), 1);
        QCOMPARE(m_rest->client()->lastAttempts(), 4);
        QCOMPARE(m_server->requests(QStringLiteral("runs/search")).size(), 4);

        // More failures than retries: the server's answer in words.
        f.times = 10;
        m_server->injectFault(QStringLiteral("runs/search"), f);
        auto failed = m_rest->searchRuns(s);
        QVERIFY(!failed.ok());
        QCOMPARE(failed.error().httpStatus, 503);
        QVERIFY2(failed.error().message.contains(QLatin1String("Injected fault")),
                 qPrintable(failed.error().message));
        m_server->clearFaults();
    }

    void droppedConnectionOnReadIsRetried()
    {
        const QString id = newRun();
        MlflowTestServer::Fault f;
        f.dropConnection = true;
        m_server->injectFault(QStringLiteral("runs/get"), f);
        auto run = m_rest->getRun(id);
        QVERIFY2(run.ok(), qPrintable(run.ok() ? QString() : run.error().toString()));
        QCOMPARE(m_rest->client()->lastAttempts(), 2);
    }

    void truncatedJsonIsAnErrorInWords()
    {
        const QString id = newRun();
        MlflowTestServer::Fault f;
        f.truncateJson = true;
        m_server->injectFault(QStringLiteral("runs/get"), f);
        auto run = m_rest->getRun(id);
        QVERIFY(!run.ok());
        QCOMPARE(run.error().code, QStringLiteral("INVALID_RESPONSE"));
        QVERIFY2(run.error().message.contains(QLatin1String("not valid JSON")),
                 qPrintable(run.error().message));
        // A body cut off in transport (short of its Content-Length) is retried like a drop.
        f.truncateJson = false;
        f.truncateBody = true;
        m_server->injectFault(QStringLiteral("runs/get"), f);
        QVERIFY(m_rest->getRun(id).ok());
    }

    void htmlProxyPageAndNotMlflow()
    {
        MlflowTestServer::Fault f;
        f.htmlProxyPage = true;
        f.status = 502;
        f.times = 10;
        m_server->injectFault(QStringLiteral("experiments/search"), f);
        auto list = m_rest->listExperiments();
        QVERIFY(!list.ok());
        QCOMPARE(list.error().httpStatus, 502);
        QVERIFY2(list.error().message.contains(QLatin1String("proxy page")),
                 qPrintable(list.error().message));
        QVERIFY2(list.error().detail.contains(QLatin1String("502 Bad Gateway")),
                 qPrintable(list.error().detail));
        m_server->clearFaults();

        // A server that does not speak MLflow at that address (wrong prefix): said so, with a hint.
        MlflowRestStore wrong(connectionFor(m_server->url() + QStringLiteral("/not-mlflow")));
        auto e = wrong.listExperiments();
        QVERIFY(!e.ok());
        QCOMPARE(e.error().code, QStringLiteral("ENDPOINT_NOT_FOUND"));
        QVERIFY2(e.error().message.contains(QLatin1String("not an MLflow tracking server")),
                 qPrintable(e.error().message));
        QVERIFY(!e.error().hint.isEmpty());
    }

    void badBodiesDoNotExhaustMemoryOrStack()
    {
        const QString id = newRun();
        MlflowTestServer::Fault deep;
        deep.status = 200;
        deep.body = QByteArray(200000, '[') + QByteArray(200000, ']');
        m_server->injectFault(QStringLiteral("runs/get"), deep);
        auto run = m_rest->getRun(id);
        QVERIFY(!run.ok());
        QCOMPARE(run.error().code, QStringLiteral("INVALID_RESPONSE"));

        // 100 MB made on the fly by a byte-level server: the client stops at its cap.
        labtest::ScriptedServer scripted;
        QVERIFY(scripted.start());
        labtest::ScriptedResponse huge = labtest::ScriptedResponse::json(200, {});
        huge.generatedBytes = 100LL * 1024 * 1024;
        scripted.enqueue(huge);
        MlflowRestStore rest(connectionFor(scripted.baseUrl()));
        auto big = rest.getRun(id);
        QVERIFY(!big.ok());
        QCOMPARE(big.error().code, QStringLiteral("RESPONSE_TOO_LARGE"));
        QVERIFY2(big.error().toString().contains(QLatin1String("too large")),
                 qPrintable(big.error().toString()));
        QCOMPARE(scripted.requestCount(), 1); // not retried
    }

    void invalidUtf8InTagIsReplaced()
    {
        const QString id = newRun(QStringLiteral("utf"));
        auto json = MlflowJson::toJson(*m_local->getRun(id));
        QByteArray body = "{\"run\": " + MlflowJson::dump(json) + "}";
        body.replace("\"tags\":[{", "\"tags\":[{\"key\":\"bad\",\"value\":\"ok \xff\xfe end\"},{");
        MlflowTestServer::Fault f;
        f.status = 200;
        f.body = body;
        m_server->injectFault(QStringLiteral("runs/get"), f);
        auto run = m_rest->getRun(id);
        QVERIFY2(run.ok(), qPrintable(run.ok() ? QString() : run.error().toString()));
        const QString value = run->tag(QStringLiteral("bad"));
        QVERIFY2(value.startsWith(QLatin1String("ok ")) && value.endsWith(QLatin1String(" end")),
                 qPrintable(value));
        QVERIFY(value.contains(QChar(0xFFFD)));
    }

    void bearerAndBasicAuth()
    {
        m_server->stop();
        MlflowTestServer::Options o;
        o.token = QStringLiteral("tok-123");
        o.username = QStringLiteral("ann");
        o.password = QStringLiteral("pw");
        MlflowTestServer server(m_local->rootPath(), o);
        QVERIFY(server.start());

        MlflowConnection bearer = connectionFor(server.url());
        bearer.credentials.token = QStringLiteral("tok-123");
        QVERIFY(MlflowRestStore(bearer).listExperiments().ok());
        QCOMPARE(server.requests().last().authKind, QStringLiteral("bearer"));

        MlflowConnection basic = connectionFor(server.url());
        basic.credentials.username = QStringLiteral("ann");
        basic.credentials.password = QStringLiteral("pw");
        QVERIFY(MlflowRestStore(basic).listExperiments().ok());
        QCOMPARE(server.requests().last().authKind, QStringLiteral("basic"));

        MlflowConnection wrong = connectionFor(server.url());
        wrong.credentials.token = QStringLiteral("expired");
        auto e = MlflowRestStore(wrong).listExperiments();
        QVERIFY(!e.ok());
        QCOMPARE(e.error().httpStatus, 401);
        QVERIFY2(e.error().message.contains(QLatin1String("credentials rejected")),
                 qPrintable(e.error().message));
        QVERIFY2(e.error().hint.contains(QLatin1String("MLFLOW_TRACKING_TOKEN")), qPrintable(e.error().hint));
        QVERIFY(!e.error().toString().contains(QLatin1String("expired"))); // never the secret

        auto none = MlflowRestStore(connectionFor(server.url())).listExperiments();
        QVERIFY(!none.ok());
        QVERIFY2(none.error().message.contains(QLatin1String("needs credentials")),
                 qPrintable(none.error().message));
    }

    void tlsWithCaAndClientCertificate()
    {
        m_server->stop();
        QTemporaryDir tlsDir;
        const MlflowTestServer::TlsFiles tls = MlflowTestServer::generateTlsFiles(tlsDir.path());
        QVERIFY(!tls.caCert.isEmpty());
        MlflowTestServer::Options o;
        o.certFile = tls.serverCert;
        o.keyFile = tls.serverKey;
        o.clientCaFile = tls.caCert;
        MlflowTestServer server(m_local->rootPath(), o);
        QVERIFY2(server.start(), qPrintable(server.errorString()));
        QVERIFY(server.url().startsWith(QLatin1String("https://")));

        // MLflow's MLFLOW_TRACKING_CLIENT_CERT_PATH: one PEM with the certificate and its key.
        const QString combined = tlsDir.filePath(QStringLiteral("client-combined.pem"));
        {
            QFile out(combined);
            QVERIFY(out.open(QIODevice::WriteOnly));
            for (const QString &part : {tls.clientCert, tls.clientKey}) {
                QFile in(part);
                QVERIFY(in.open(QIODevice::ReadOnly));
                out.write(in.readAll());
            }
        }
        MlflowConnection good = connectionFor(server.url());
        good.serverCertPath = tls.caCert;
        good.clientCertPath = combined;
        auto ok = MlflowRestStore(good).listExperiments();
        QVERIFY2(ok.ok(), qPrintable(ok.ok() ? QString() : ok.error().toString()));

        MlflowConnection wrongCa = good;
        wrongCa.serverCertPath = tls.otherCaCert;
        auto untrusted = MlflowRestStore(wrongCa).listExperiments();
        QVERIFY(!untrusted.ok());
        QVERIFY2(untrusted.error().hint.contains(QLatin1String("MLFLOW_TRACKING_SERVER_CERT_PATH")),
                 qPrintable(untrusted.error().toString()));

        MlflowConnection noClientCert = good;
        noClientCert.clientCertPath.clear();
        QVERIFY(!MlflowRestStore(noClientCert).listExperiments().ok());
    }

    void interruptEndsABlockingCall()
    {
        const QString id = newRun();
        MlflowTestServer::Fault slow;
        slow.delayMs = 20000;
        m_server->injectFault(QStringLiteral("runs/get"), slow);
        std::atomic_bool done{false};
        Error error;
        std::thread worker([&] {
            auto r = m_rest->getRun(id);
            if (!r.ok())
                error = r.error();
            done = true;
        });
        QTest::qWait(200);
        m_rest->interrupt();
        QTRY_VERIFY_WITH_TIMEOUT(done.load(), 5000);
        worker.join();
        QCOMPARE(error.code, QStringLiteral("CANCELLED"));

        // In a retry wait (Retry-After 30 s) too.
        m_server->clearFaults();
        MlflowTestServer::Fault busy;
        busy.status = 429;
        busy.retryAfter = QStringLiteral("30");
        m_server->injectFault(QStringLiteral("runs/get"), busy);
        done = false;
        error = {};
        std::thread waiter([&] {
            auto r = m_rest->getRun(id);
            if (!r.ok())
                error = r.error();
            done = true;
        });
        QTRY_COMPARE_WITH_TIMEOUT(m_server->requests(QStringLiteral("runs/get")).size() >= 2, true, 5000);
        m_rest->interrupt();
        QTRY_VERIFY_WITH_TIMEOUT(done.load(), 5000);
        waiter.join();
        QCOMPARE(error.code, QStringLiteral("CANCELLED"));
        // The next call works again.
        QVERIFY(m_rest->getRun(id).ok());
    }

    void artifactsThroughTheProxy()
    {
        const QString id = newRun();
        const QByteArray data = "flavors:\n  python_function: {}\n";
        QVERIFY(m_rest->writeArtifact(id, QStringLiteral("model/MLmodel"), data).ok());
        QVERIFY(m_server
                    ->requests(QStringLiteral("mlflow-artifacts/artifacts/.*model/MLmodel"),
                               QStringLiteral("PUT"))
                    .size() == 1);
        auto list = m_rest->listArtifacts(id);
        QVERIFY(list.ok());
        QCOMPARE(list->size(), 1);
        QCOMPARE(list->first().path, QStringLiteral("model"));
        QVERIFY(list->first().isDir);
        auto inner = m_rest->listArtifacts(id, QStringLiteral("model"));
        QVERIFY(inner.ok());
        QCOMPARE(inner->first().path, QStringLiteral("model/MLmodel"));
        QCOMPARE(inner->first().fileSize, data.size());
        auto read = m_rest->readArtifact(id, QStringLiteral("model/MLmodel"), -1);
        QVERIFY2(read.ok(), qPrintable(read.ok() ? QString() : read.error().toString()));
        QCOMPARE(*read, data);
        QVERIFY(m_rest->localArtifactPath(id, QStringLiteral("model/MLmodel")).isEmpty());
        auto missing = m_rest->readArtifact(id, QStringLiteral("nothing/here"), -1);
        QVERIFY(!missing.ok());
        QCOMPARE(missing.error().code, QStringLiteral("RESOURCE_DOES_NOT_EXIST"));
    }

    void localArtifactsWithoutTheProxy()
    {
        m_server->stop();
        MlflowTestServer::Options o;
        o.proxyArtifacts = false;
        MlflowTestServer server(m_local->rootPath(), o);
        QVERIFY(server.start());
        MlflowRestStore rest(connectionFor(server.url()));
        const QString id = newRun();
        QVERIFY(m_local->writeArtifact(id, QStringLiteral("notes.txt"), "hello").ok());
        const QString path = rest.localArtifactPath(id, QStringLiteral("notes.txt"));
        QVERIFY(!path.isEmpty());
        QCOMPARE(path, QDir::cleanPath(m_local->localArtifactPath(id, QStringLiteral("notes.txt"))));
        auto data = rest.readArtifact(id, QStringLiteral("notes.txt"), -1);
        QVERIFY(data.ok());
        QCOMPARE(*data, QByteArray("hello"));
    }

    // The registry calls reach the server through the same client (MlflowRestRegistry).
    void registryThroughTheStore()
    {
        const QString id = newRun();
        auto model = m_rest->createRegisteredModel(QStringLiteral("digits"));
        QVERIFY2(model.ok(), qPrintable(model.ok() ? QString() : model.error().toString()));
        auto v1 = m_rest->createModelVersion(QStringLiteral("digits"),
                                             QStringLiteral("runs:/%1/model").arg(id), id);
        QVERIFY(v1.ok());
        QVERIFY(
            m_rest->setModelAlias(QStringLiteral("digits"), QStringLiteral("champion"), v1->version).ok());
        auto byAlias = m_rest->getModelVersionByAlias(QStringLiteral("digits"), QStringLiteral("champion"));
        QVERIFY(byAlias.ok());
        QCOMPARE(byAlias->runId, id);
        auto models = m_rest->listRegisteredModels();
        QVERIFY(models.ok());
        QCOMPARE(models->size(), 1);
        auto versions = m_rest->listModelVersions(QStringLiteral("digits"));
        QVERIFY(versions.ok());
        QCOMPARE(versions->size(), 1);
    }

    void factoryOpensRestStore()
    {
        auto store = openTrackingStore(m_server->url() + QLatin1Char('/'));
        QVERIFY2(store.ok(), qPrintable(store.ok() ? QString() : store.error().toString()));
        QCOMPARE((*store)->uri(), m_server->url());
        QVERIFY((*store)->listExperiments().ok());
    }
};

QTEST_GUILESS_MAIN(TestMlflowRestStore)
#include "tst_mlflowreststore.moc"
