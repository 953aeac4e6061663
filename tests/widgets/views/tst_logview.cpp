// The Logs tab for runs whose log is not a file on this machine: read through the run's store from
// the loopback MLflow test server (the mlflow-artifacts proxy) and from an opened bundle; a RUNNING
// run's log followed as it grows; a missing log, a failing server and a stopped one said in words.

#include "mlflowtestserver.h"
#include "testpaths.h"
#include "tracking/mlflowfilestore.h"
#include "tracking/runbundle.h"
#include "tracking/trackingservice.h"
#include "tracking/trackingstorefactory.h"
#include "views/logview.h"
#include "views/storelogreader.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QPlainTextEdit>
#include <QSaveFile>
#include <QScrollBar>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBlock>
#include <QTextDocument>
#include <QTimer>

#include <memory>

using namespace lab;

namespace {

QByteArray numberedLines(int from, int to, const QByteArray &prefix = "epoch line ")
{
    QByteArray out;
    for (int i = from; i <= to; ++i)
        out += prefix + QByteArray::number(i) + '\n';
    return out;
}

} // namespace

class TestLogView : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_tmp;
    QString m_storeRoot;
    std::unique_ptr<MlflowFileStore> m_store;
    std::unique_ptr<labtest::MlflowTestServer> m_server;
    std::unique_ptr<TrackingService> m_rest;
    std::unique_ptr<LogView> m_view;
    QString m_expId;
    QString m_withLog;
    QString m_noLog;
    QString m_growing;
    QString m_big;
    QByteArray m_withLogText;

    QString makeRun(const QString &name, RunStatus status)
    {
        auto run = m_store->createRun(m_expId, name, 1700000000000, {});
        if (!run.ok())
            return {};
        const QString id = run->info.runId;
        if (isTerminal(status))
            m_store->updateRun(id, status, 1700000100000);
        return id;
    }

    // The log file as the run's process writes it, beside the store's other artifacts (the test
    // server reads it through the file store, so appends show up as a running job's would).
    QString logFile(const QString &runId) const
    {
        return m_store->localArtifactPath(runId, QString()) + QStringLiteral("/logs/output.log");
    }

    // Appends, or (rewrite) replaces the file at once, so that a read never sees it half written.
    bool appendLog(const QString &runId, const QByteArray &bytes, bool rewrite = false)
    {
        QDir().mkpath(QFileInfo(logFile(runId)).absolutePath());
        if (rewrite) {
            QSaveFile f(logFile(runId));
            return f.open(QIODevice::WriteOnly) && f.write(bytes) == bytes.size() && f.commit();
        }
        QFile f(logFile(runId));
        return f.open(QIODevice::Append) && f.write(bytes) == bytes.size();
    }

    int artifactReads(const QString &runId) const
    {
        return int(m_server
                       ->requests(QStringLiteral("mlflow-artifacts/artifacts/.*") + runId +
                                      QStringLiteral("/artifacts/logs/output.log"),
                                  QStringLiteral("GET"))
                       .size());
    }

    QString shownText() const { return m_view->textEdit()->toPlainText(); }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_tmp.isValid());
        qputenv("MLFLOW_HTTP_REQUEST_MAX_RETRIES", "0");
        qputenv("MLFLOW_HTTP_REQUEST_TIMEOUT", "5");
        qunsetenv("MLFLOW_TRACKING_TOKEN");
        qunsetenv("MLFLOW_TRACKING_USERNAME");
        qunsetenv("MLFLOW_TRACKING_PASSWORD");
        m_storeRoot = m_tmp.filePath(QStringLiteral("mlruns"));
        QVERIFY(QDir().mkpath(m_storeRoot));
        m_store = std::make_unique<MlflowFileStore>(m_storeRoot);
        auto exp = m_store->createExperiment(QStringLiteral("logs"));
        QVERIFY2(exp.ok(), exp.ok() ? "" : qPrintable(exp.error().toString()));
        m_expId = *exp;
        m_withLog = makeRun(QStringLiteral("with-log"), RunStatus::Finished);
        m_noLog = makeRun(QStringLiteral("no-log"), RunStatus::Finished);
        m_growing = makeRun(QStringLiteral("growing"), RunStatus::Running);
        m_big = makeRun(QStringLiteral("big"), RunStatus::Finished);
        QVERIFY(!m_withLog.isEmpty() && !m_noLog.isEmpty() && !m_growing.isEmpty() && !m_big.isEmpty());
        // Romanian diacritics and a stray invalid byte: decoded as UTF-8, the bad byte as U+FFFD.
        m_withLogText = numberedLines(1, 200) + "antrenare încheiată: acuratețe 0.93\n" + "bad \xA9 byte\n";
        QVERIFY(m_store->writeArtifact(m_withLog, QStringLiteral("logs/output.log"), m_withLogText).ok());

        m_server = std::make_unique<labtest::MlflowTestServer>(m_storeRoot);
        QVERIFY2(m_server->start(), qPrintable(m_server->errorString()));
        StoreOptions options;
        options.maxRetries = 0;
        options.offlineCache = true;
        options.cacheRoot = m_tmp.filePath(QStringLiteral("cache"));
        auto rest = openTrackingStore(m_server->url(), options);
        QVERIFY2(rest.ok(), rest.ok() ? "" : qPrintable(rest.error().toString()));
        m_rest = std::make_unique<TrackingService>(std::move(rest.value()));

        m_view = std::make_unique<LogView>();
        m_view->resize(900, 500);
        m_view->storeReader()->setPollIntervals(50, 400);
        m_view->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_view.get()));
    }

    void cleanupTestCase()
    {
        m_view.reset();
        m_rest.reset();
        if (m_server)
            m_server->stop();
    }

    void aServerRunShowsItsLog()
    {
        m_view->setStoreLog(m_withLog, m_rest.get(), RunStatus::Finished);
        QCOMPARE(m_view->runId(), m_withLog);
        QCOMPARE(m_view->storeService(), m_rest.get());
        // What the file holds, decoded as UTF-8 (the invalid byte as U+FFFD).
        QTRY_COMPARE(shownText(), QString::fromUtf8(m_withLogText));
        QVERIFY(shownText().contains(QStringLiteral("antrenare încheiată: acuratețe 0.93")));
        QVERIFY(shownText().contains(QStringLiteral("bad \uFFFD byte")));
        QCOMPARE(m_view->lineCount(), 202);
        QCOMPARE(m_view->stateText(), QStringLiteral("logs/output.log in %1").arg(m_server->url()));
        // Read through the server's artifact proxy, once: a finished run is not polled.
        QTRY_VERIFY(!m_view->storeReader()->isPolling());
        const int reads = artifactReads(m_withLog);
        QCOMPARE(reads, 1);
        QTest::qWait(600); // several poll intervals
        QCOMPARE(artifactReads(m_withLog), reads);
        // Follow is on: the newest lines are in view.
        QVERIFY(m_view->follow());
        QScrollBar *bar = m_view->textEdit()->verticalScrollBar();
        QCOMPARE(bar->value(), bar->maximum());
    }

    void aRunningRunsLogGrowsInPlace()
    {
        QVERIFY(appendLog(m_growing, numberedLines(1, 50)));
        QSignalSpy replaced(m_view->storeReader(), &StoreLogReader::textReplaced);
        QSignalSpy appended(m_view->storeReader(), &StoreLogReader::textAppended);
        m_view->setStoreLog(m_growing, m_rest.get(), RunStatus::Running);
        QTRY_VERIFY(shownText().endsWith(QStringLiteral("epoch line 50\n")));
        QCOMPARE(replaced.count(), 1);
        QVERIFY(m_view->storeReader()->isPolling());
        // Nothing changes: the reader backs off to its longest interval.
        QTRY_COMPARE(m_view->storeReader()->currentIntervalMs(), 400);

        // The job writes more, with a character split across two writes (two reads).
        QVERIFY(appendLog(m_growing, numberedLines(51, 120) + "loss scăzută x\xC4"));
        QTRY_VERIFY_WITH_TIMEOUT(shownText().contains(QStringLiteral("epoch line 120\nloss sc")), 10000);
        QVERIFY(appendLog(m_growing, "\x83y\n" + numberedLines(121, 130)));
        QTRY_VERIFY_WITH_TIMEOUT(shownText().endsWith(QStringLiteral("epoch line 130\n")), 10000);
        // Only what was new was added: the text was never replaced, and nothing is doubled.
        QCOMPARE(replaced.count(), 1);
        QVERIFY(appended.count() >= 2);
        QVERIFY(shownText().contains(QStringLiteral("loss scăzută xăy\n")));
        QCOMPARE(shownText().count(QStringLiteral("epoch line 7\n")), 1);
        QCOMPARE(m_view->lineCount(), 131);
        QScrollBar *bar = m_view->textEdit()->verticalScrollBar();
        QCOMPARE(bar->value(), bar->maximum());

        // The log is rewritten (a restarted job): replaced, not appended to.
        QVERIFY(appendLog(m_growing, "restarted\n" + numberedLines(1, 3), true));
        QTRY_VERIFY_WITH_TIMEOUT(shownText().startsWith(QStringLiteral("restarted\n")), 10000);
        QCOMPARE(replaced.count(), 2);
        QCOMPARE(m_view->lineCount(), 4);

        // The run ends: one last read shows its last lines, then no more reads.
        QVERIFY(appendLog(m_growing, "done\n"));
        m_view->setStoreLog(m_growing, m_rest.get(), RunStatus::Finished);
        QTRY_VERIFY(shownText().endsWith(QStringLiteral("done\n")));
        QTRY_VERIFY(!m_view->storeReader()->isPolling());
        const int reads = artifactReads(m_growing);
        QTest::qWait(600);
        QCOMPARE(artifactReads(m_growing), reads);
    }

    void aHiddenViewDoesNotRead()
    {
        m_view->setStoreLog(m_growing, m_rest.get(), RunStatus::Running);
        QTRY_VERIFY(m_view->storeReader()->isPolling());
        m_view->hide();
        QTest::qWait(100);
        const int reads = artifactReads(m_growing);
        QVERIFY(appendLog(m_growing, "while hidden\n"));
        QTest::qWait(600);
        QCOMPARE(artifactReads(m_growing), reads);
        m_view->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_view.get()));
        QTRY_VERIFY(shownText().endsWith(QStringLiteral("while hidden\n")));
        QVERIFY(artifactReads(m_growing) > reads);
        // Another run: the first is no longer read.
        m_view->setStoreLog(m_withLog, m_rest.get(), RunStatus::Finished);
        QTRY_VERIFY(shownText().contains(QStringLiteral("epoch line 200")));
        const int growingReads = artifactReads(m_growing);
        QTest::qWait(600);
        QCOMPARE(artifactReads(m_growing), growingReads);
    }

    void aRunWithoutALogSaysSo()
    {
        m_view->setStoreLog(m_noLog, m_rest.get(), RunStatus::Finished);
        QTRY_COMPARE(m_view->stateText(), QStringLiteral("This run has no log (logs/output.log)."));
        QVERIFY(shownText().isEmpty());
        QTRY_VERIFY(!m_view->storeReader()->isPolling());
        // A running run may still write one: "yet", and it is looked for again.
        const QString starting = makeRun(QStringLiteral("starting"), RunStatus::Running);
        m_view->setStoreLog(starting, m_rest.get(), RunStatus::Running);
        QTRY_COMPARE(m_view->stateText(), QStringLiteral("This run has no log yet (logs/output.log)."));
        QVERIFY(m_view->storeReader()->isPolling());
        QVERIFY(m_store->writeArtifact(starting, QStringLiteral("logs/output.log"), "first line\n").ok());
        QTRY_COMPARE_WITH_TIMEOUT(shownText(), QStringLiteral("first line\n"), 10000);
    }

    void aServerErrorIsSaidInWords()
    {
        // The server fails while the log of a running run is followed: the error in words, the
        // text kept, and the next read that works brings the log back.
        m_view->setStoreLog(m_growing, m_rest.get(), RunStatus::Running);
        QTRY_VERIFY(shownText().endsWith(QStringLiteral("while hidden\n")));
        labtest::MlflowTestServer::Fault fault;
        fault.status = 500;
        fault.body = R"({"error_code": "INTERNAL_ERROR", "message": "artifact storage is unavailable"})";
        fault.times = 3;
        m_server->injectFault(QStringLiteral("mlflow-artifacts"), fault);
        QTRY_VERIFY_WITH_TIMEOUT(
            m_view->stateText().startsWith(QStringLiteral("Could not read the log from the server:")), 10000);
        QVERIFY2(m_view->stateText().contains(QStringLiteral("artifact storage is unavailable")),
                 qPrintable(m_view->stateText()));
        QVERIFY(shownText().endsWith(QStringLiteral("while hidden\n")));
        QTRY_VERIFY_WITH_TIMEOUT(m_server->pendingFaults() == 0, 10000);
        QTRY_COMPARE_WITH_TIMEOUT(m_view->stateText(),
                                  QStringLiteral("logs/output.log in %1").arg(m_server->url()), 10000);
        QVERIFY(shownText().endsWith(QStringLiteral("while hidden\n")));

        // Other faults: a proxy's HTML error page, a dropped connection, a body cut short, on a run
        // whose log was never read (a log fetched before is shown from the offline cache instead).
        const QString never = makeRun(QStringLiteral("never-read"), RunStatus::Finished);
        QVERIFY(m_store->writeArtifact(never, QStringLiteral("logs/output.log"), numberedLines(1, 5)).ok());
        const QList<labtest::MlflowTestServer::Fault> faults = [] {
            QList<labtest::MlflowTestServer::Fault> list(3);
            list[0].htmlProxyPage = true;
            list[0].status = 502;
            list[1].dropConnection = true;
            list[2].truncateBody = true;
            // A connection dropped on reuse may be retried at once by the client, as a stale
            // keep-alive connection would be: the fault stays for that retry too.
            for (auto &f : list)
                f.times = 3;
            return list;
        }();
        for (const auto &f : faults) {
            m_server->injectFault(QStringLiteral("mlflow-artifacts"), f);
            m_view->setStoreLog(never, m_rest.get(), RunStatus::Finished);
            QTRY_VERIFY_WITH_TIMEOUT(
                m_view->stateText().startsWith(QStringLiteral("Could not read the log from the server:")),
                10000);
            qInfo().noquote() << m_view->stateText();
            QVERIFY(m_view->stateText().size() > 45);
            QVERIFY(shownText().isEmpty());
            QTRY_VERIFY(!m_view->storeReader()->isPolling());
            m_server->clearFaults();
            m_view->clear();
        }
    }

    void aBundleRunShowsItsLog()
    {
        const QString bundle = m_tmp.filePath(QStringLiteral("logs.labbundle"));
        QVERIFY(RunBundle::exportRuns(*m_store, {m_withLog, m_noLog}, bundle).ok());
        auto opened = RunBundle::open(bundle);
        QVERIFY2(opened.ok(), opened.ok() ? "" : qPrintable(opened.error().toString()));
        TrackingService bundleService(std::move(opened.value()));
        m_view->setStoreLog(m_withLog, &bundleService, RunStatus::Finished);
        QTRY_VERIFY(shownText().contains(QStringLiteral("antrenare încheiată: acuratețe 0.93")));
        QCOMPARE(m_view->lineCount(), 202);
        QVERIFY2(m_view->stateText().contains(QStringLiteral("logs.labbundle")),
                 qPrintable(m_view->stateText()));
        m_view->setStoreLog(m_noLog, &bundleService, RunStatus::Finished);
        QTRY_COMPARE(m_view->stateText(), QStringLiteral("This run has no log (logs/output.log)."));
        m_view->clear();
        QCOMPARE(m_view->stateText(), QStringLiteral("Select a run to see its output."));
    }

    void aLargeLogShowsItsTail()
    {
        // 20 MiB of lines: the last 16 MiB are shown, starting at a whole line, and the view says
        // that earlier output was left out.
        QByteArray big;
        big.reserve(21 * 1024 * 1024);
        const QByteArray pad(90, '.');
        int n = 0;
        while (big.size() < 20 * 1024 * 1024)
            big += "line " + QByteArray::number(++n) + ' ' + pad + '\n';
        QVERIFY(appendLog(m_big, big, true));
        // How long the UI thread is held at most while the text goes in (printed, not asserted:
        // three workers share this machine).
        QElapsedTimer clock;
        qint64 last = 0, longest = 0;
        QTimer beat;
        beat.setInterval(5);
        connect(&beat, &QTimer::timeout, this, [&] {
            const qint64 now = clock.elapsed();
            longest = std::max(longest, now - last);
            last = now;
        });
        clock.start();
        beat.start();
        m_view->setStoreLog(m_big, m_rest.get(), RunStatus::Finished);
        const QString lastLine = QStringLiteral("line %1 ").arg(n);
        QTRY_VERIFY_WITH_TIMEOUT(
            m_view->textEdit()->document()->lastBlock().previous().text().startsWith(lastLine), 60000);
        beat.stop();
        qInfo("16 MiB tail shown after %lld ms; longest UI-thread stall %lld ms", clock.elapsed(), longest);
        QVERIFY(shownText().contains(lastLine));
        QVERIFY(m_view->stateText().endsWith(QStringLiteral("(earlier output not shown)")));
        QVERIFY(shownText().startsWith(QStringLiteral("line ")));
        QVERIFY(!shownText().contains(QStringLiteral("line 1 .")));
        QVERIFY(m_view->lineCount() <= LogView::maxLines);
        QVERIFY(shownText().size() <= StoreLogReader::maxShownBytes);

        // More lines than the view keeps (in far fewer bytes than the cut): the newest maxLines.
        QByteArray many;
        for (n = 1; n <= LogView::maxLines + 50000; ++n)
            many += "l" + QByteArray::number(n) + '\n';
        --n;
        QVERIFY(appendLog(m_big, many, true));
        m_view->clear();
        m_view->setStoreLog(m_big, m_rest.get(), RunStatus::Finished);
        QTRY_VERIFY_WITH_TIMEOUT(shownText().endsWith(QStringLiteral("\nl%1\n").arg(n)), 60000);
        QCOMPARE(m_view->lineCount(), LogView::maxLines - 1);
        QVERIFY(m_view->stateText().endsWith(QStringLiteral("(earlier output not shown)")));
        QVERIFY(shownText().startsWith(QStringLiteral("l%1\n").arg(n - LogView::maxLines + 2)));
        m_view->clear();
    }

    void anOfflineServerShowsTheCachedCopy()
    {
        // Fetched once while the server was up, so it is in the offline cache.
        m_view->setStoreLog(m_withLog, m_rest.get(), RunStatus::Finished);
        QTRY_VERIFY(shownText().contains(QStringLiteral("epoch line 200")));
        QTRY_VERIFY(!m_view->storeReader()->isPolling());
        const QString url = m_server->url();
        m_server->stop();
        m_view->clear();
        m_view->setStoreLog(m_withLog, m_rest.get(), RunStatus::Finished);
        QTRY_VERIFY_WITH_TIMEOUT(shownText().contains(QStringLiteral("epoch line 200")), 20000);
        QTRY_VERIFY_WITH_TIMEOUT(m_view->stateText().contains(QStringLiteral("offline")), 20000);
        QCOMPARE(m_view->stateText(),
                 QStringLiteral("logs/output.log in %1 (offline: the copy fetched earlier)").arg(url));
        // A log never fetched: the server's absence in words.
        m_view->setStoreLog(m_noLog, m_rest.get(), RunStatus::Finished);
        QTRY_VERIFY_WITH_TIMEOUT(
            m_view->stateText().startsWith(QStringLiteral("Could not read the log from the server:")), 20000);
        QVERIFY(shownText().isEmpty());
    }
};

QTEST_MAIN(TestLogView)
#include "tst_logview.moc"
