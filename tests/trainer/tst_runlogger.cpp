// RunLogger against a file store that fails on cue: batches stay within MLflow's log-batch limits,
// and whatever a store refuses or half-takes ends up in the history exactly once.
#include "runlogger.h"
#include "tracking/mlflowfilestore.h"

#include <QSet>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <algorithm>

using namespace lab;

namespace {

// The file store with scripted log-batch failures. `storeFirstHalf` writes half of the batch's
// metrics before failing, as a server does that stored part of a request and then answered 500.
class FlakyStore : public MlflowFileStore
{
public:
    struct Failure
    {
        int httpStatus = 503;
        QString code = QStringLiteral("TEMPORARILY_UNAVAILABLE");
        bool storeFirstHalf = false;
    };
    struct Call
    {
        int metrics = 0;
        int params = 0;
        int tags = 0;
        bool failed = false;
    };

    using MlflowFileStore::MlflowFileStore;

    QList<Failure> failures; // consumed one per logBatch call
    QList<Call> calls;

    Status logBatch(const QString &runId, const QList<MetricPoint> &metrics, const QList<Param> &params,
                    const QList<Tag> &tags) override
    {
        Call call{int(metrics.size()), int(params.size()), int(tags.size()), false};
        if (!failures.isEmpty()) {
            const Failure f = failures.takeFirst();
            call.failed = true;
            calls.append(call);
            if (f.storeFirstHalf)
                MlflowFileStore::logBatch(runId, metrics.first(metrics.size() / 2), {}, {});
            Error e = makeError(QStringLiteral("the server said no"), f.code);
            e.httpStatus = f.httpStatus;
            return e;
        }
        calls.append(call);
        return MlflowFileStore::logBatch(runId, metrics, params, tags);
    }
};

} // namespace

class TestRunLogger : public QObject
{
    Q_OBJECT

    std::unique_ptr<QTemporaryDir> m_dir;
    FlakyStore *m_store = nullptr; // owned by m_logger
    std::unique_ptr<RunLogger> m_logger;
    QStringList m_warnings;

    QList<MetricPoint> history(const QString &key) const
    {
        auto h = m_store->getMetricHistory(m_logger->runId(), key);
        return h.ok() ? h.value() : QList<MetricPoint>{};
    }

    // Every step 0..count-1 once, in order.
    static bool exactlyOnce(const QList<MetricPoint> &h, int count)
    {
        if (h.size() != count)
            return false;
        QSet<qint64> steps;
        for (const MetricPoint &p : h)
            steps.insert(p.step);
        return steps.size() == count && *std::min_element(steps.begin(), steps.end()) == 0 &&
               *std::max_element(steps.begin(), steps.end()) == count - 1;
    }

private Q_SLOTS:
    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
        auto store = std::make_unique<FlakyStore>(m_dir->filePath(QStringLiteral("mlruns")));
        QVERIFY(store->initialize().ok());
        auto run = store->createRun(QStringLiteral("0"), QStringLiteral("r"), 1000, {});
        QVERIFY(run.ok());
        m_store = store.get();
        m_logger = std::make_unique<RunLogger>(std::move(store), run->info.runId);
        RetrySettings fast;
        fast.maxRetries = 3;
        fast.backoffFactor = 0;
        fast.backoffJitter = 0;
        m_logger->setRetrySettings(fast);
        m_warnings.clear();
        m_logger->setWarningHandler([this](const QString &w) { m_warnings << w; });
    }

    void cleanup()
    {
        m_logger.reset();
        m_store = nullptr;
    }

    void batchesStayWithinMlflowLimits()
    {
        QList<Param> params;
        for (int i = 0; i < 250; ++i)
            params << Param{QStringLiteral("p%1").arg(i), QString::number(i)};
        QVERIFY(m_logger->logParams(params).ok());
        QList<Tag> tags;
        for (int i = 0; i < 150; ++i)
            tags << Tag{QStringLiteral("t%1").arg(i), QString::number(i)};
        QVERIFY(m_logger->setTags(tags).ok());
        for (int i = 0; i < 2500; ++i)
            m_logger->logMetric(QStringLiteral("loss"), 1.0 / (i + 1), i);
        QVERIFY(m_logger->flush().ok());

        int metrics = 0, paramCount = 0, tagCount = 0;
        for (const FlakyStore::Call &c : std::as_const(m_store->calls)) {
            QVERIFY(c.metrics <= RunLogger::MaxMetricsPerBatch);
            QVERIFY(c.params <= RunLogger::MaxParamsPerBatch);
            QVERIFY(c.tags <= RunLogger::MaxTagsPerBatch);
            QVERIFY(c.metrics + c.params + c.tags <= 1000);
            metrics += c.metrics;
            paramCount += c.params;
            tagCount += c.tags;
        }
        QCOMPARE(metrics, 2500);
        QCOMPARE(paramCount, 250);
        QCOMPARE(tagCount, 150);
        QCOMPARE(m_store->calls.size(), 3 + 2 + 3); // params 100+100+50, tags 100+50, metrics 1000+1000+500
        QVERIFY(exactlyOnce(history(QStringLiteral("loss")), 2500));
        auto run = m_store->getRun(m_logger->runId());
        QVERIFY(run.ok());
        QCOMPARE(run->params.size(), 250);
        QCOMPARE(m_logger->pointsLogged(), 2500);
    }

    void aRefusedFlushKeepsThePointsForTheNext()
    {
        for (int i = 0; i < 10; ++i)
            m_logger->logMetric(QStringLiteral("loss"), i, i);
        m_store->failures << FlakyStore::Failure{};
        QThread::msleep(RunLogger::FlushIntervalMs + 20);
        // Training goes on: a busy server is a warning, not the end of the run.
        QVERIFY(m_logger->flushIfDue().ok());
        QCOMPARE(m_logger->pointsPending(), 10);
        QCOMPARE(m_warnings.size(), 1);
        QVERIFY2(m_warnings.first().contains(QStringLiteral("10 point")), qPrintable(m_warnings.first()));
        QVERIFY(history(QStringLiteral("loss")).isEmpty());

        for (int i = 10; i < 20; ++i)
            m_logger->logMetric(QStringLiteral("loss"), i, i);
        // While the store fails, it is asked half as often.
        QThread::msleep(RunLogger::FlushIntervalMs + 20);
        QVERIFY(m_logger->flushIfDue().ok());
        QCOMPARE(m_store->calls.size(), 1);
        QThread::msleep(RunLogger::FlushIntervalMs);
        QVERIFY(m_logger->flushIfDue().ok());
        QCOMPARE(m_store->calls.size(), 2);
        QCOMPARE(m_logger->pointsPending(), 0);
        QVERIFY(exactlyOnce(history(QStringLiteral("loss")), 20));
        QCOMPARE(m_logger->pointsLogged(), 20);
    }

    void aHalfStoredBatchIsNotSentTwice()
    {
        for (int i = 0; i < 100; ++i) {
            m_logger->logMetric(QStringLiteral("loss"), 1.0 / (i + 1), i);
            m_logger->logMetric(QStringLiteral("acc"), i / 100.0, i);
        }
        FlakyStore::Failure half;
        half.httpStatus = 500;
        half.code = QStringLiteral("INTERNAL_ERROR");
        half.storeFirstHalf = true;
        m_store->failures << half << FlakyStore::Failure{};
        QVERIFY(m_logger->flush().ok());
        QVERIFY(exactlyOnce(history(QStringLiteral("loss")), 100));
        QVERIFY(exactlyOnce(history(QStringLiteral("acc")), 100));
        QCOMPARE(m_logger->pointsLogged(), 200);
        // The third call carried only what had not landed.
        QCOMPARE(m_store->calls.size(), 3);
        QCOMPARE(m_store->calls[2].metrics, 100);
    }

    void theFinalFlushGivesUpWhenTheRetriesRunOut()
    {
        for (int i = 0; i < 5; ++i)
            m_logger->logMetric(QStringLiteral("loss"), i, i);
        for (int i = 0; i < 10; ++i)
            m_store->failures << FlakyStore::Failure{};
        const Status s = m_logger->flush();
        QVERIFY(!s.ok());
        QCOMPARE(m_store->calls.size(), 4); // maxRetries 3: four attempts
        QVERIFY2(s.error().message.contains(QStringLiteral("5 metric point")), qPrintable(s.error().message));
        QVERIFY2(s.error().message.contains(QStringLiteral("4 attempt")), qPrintable(s.error().message));
        QCOMPARE(m_logger->pointsPending(), 5);
        // Once given up, finishing tries once more instead of another full round.
        QVERIFY(!m_logger->finish(RunStatus::Failed, QStringLiteral("store down")).ok());
        QCOMPARE(m_store->calls.size(), 6); // the flush, then the message tags
    }

    void aPermanentFailureEndsTheRunButKeepsThePoints()
    {
        m_logger->logMetric(QStringLiteral("loss"), 1, 0);
        FlakyStore::Failure gone;
        gone.httpStatus = 404;
        gone.code = QStringLiteral("RESOURCE_DOES_NOT_EXIST");
        m_store->failures << gone;
        QThread::msleep(RunLogger::FlushIntervalMs + 20);
        const Status s = m_logger->flushIfDue();
        QVERIFY(!s.ok());
        QCOMPARE(s.error().code, QStringLiteral("RESOURCE_DOES_NOT_EXIST"));
        QCOMPARE(m_logger->pointsPending(), 1);
        QVERIFY(m_logger->flush().ok());
        QVERIFY(exactlyOnce(history(QStringLiteral("loss")), 1));
    }
};

QTEST_GUILESS_MAIN(TestRunLogger)
#include "tst_runlogger.moc"
