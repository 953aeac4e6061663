#include "net/httpclient.h"
#include "net/retrypolicy.h"
#include "scriptedserver.h"

#include <QRandomGenerator>
#include <QTest>

using namespace lab;
using labtest::ScriptedResponse;
using labtest::ScriptedServer;

namespace {

const QDateTime Now = QDateTime(QDate(2025, 3, 14), QTime(12, 0, 0), Qt::UTC);

HttpResponse statusResponse(int status, const QByteArray &retryAfter = {})
{
    HttpResponse r;
    r.status = status;
    r.requestSent = true;
    if (!retryAfter.isNull())
        r.headers.append({"retry-after", retryAfter});
    return r;
}

HttpResponse failedResponse(HttpFailure f, bool sent)
{
    HttpResponse r;
    r.failure = f;
    r.requestSent = sent;
    r.error.message = httpFailureCode(f);
    return r;
}

HttpRequest request(const QByteArray &method, std::optional<bool> idempotent = {})
{
    HttpRequest r;
    r.method = method;
    r.url = QUrl(QStringLiteral("http://127.0.0.1:1/api/2.0/mlflow/runs/log-batch"));
    r.idempotent = idempotent;
    return r;
}

// A policy in virtual time: fixed clock, fixed jitter draw.
RetryPolicy policy(double jitterDraw = 0.0, RetrySettings s = {})
{
    return RetryPolicy(
        s, [] { return Now; }, [jitterDraw] { return jitterDraw; });
}

} // namespace

class TestRetryPolicy : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void defaultsAreMlflows()
    {
        const RetrySettings s;
        QCOMPARE(s.maxRetries, 7);
        QCOMPARE(s.backoffFactor, 2.0);
        QCOMPARE(s.backoffJitter, 1.0);
        QCOMPARE(s.timeoutMs, 120000);
        QCOMPARE(s.retryStatuses, (QList<int>{408, 429, 500, 502, 503, 504}));
    }

    void settingsFromEnvironment()
    {
        qputenv("MLFLOW_HTTP_REQUEST_MAX_RETRIES", "3");
        qputenv("MLFLOW_HTTP_REQUEST_BACKOFF_FACTOR", "1");
        qputenv("MLFLOW_HTTP_REQUEST_BACKOFF_JITTER", "0.5");
        qputenv("MLFLOW_HTTP_REQUEST_TIMEOUT", "30");
        QStringList warnings;
        RetrySettings s = RetrySettings::fromEnvironment(&warnings);
        QVERIFY2(warnings.isEmpty(), qPrintable(warnings.join('\n')));
        QCOMPARE(s.maxRetries, 3);
        QCOMPARE(s.backoffFactor, 1.0);
        QCOMPARE(s.backoffJitter, 0.5);
        QCOMPARE(s.timeoutMs, 30000);

        // MLflow refuses these; we keep the defaults and say why.
        qputenv("MLFLOW_HTTP_REQUEST_MAX_RETRIES", "lots");
        qputenv("MLFLOW_HTTP_REQUEST_BACKOFF_FACTOR", "500");
        qputenv("MLFLOW_HTTP_REQUEST_TIMEOUT", "-1");
        s = RetrySettings::fromEnvironment(&warnings);
        QCOMPARE(s.maxRetries, 7);
        QCOMPARE(s.backoffFactor, 2.0);
        QCOMPARE(s.timeoutMs, 120000);
        QCOMPARE(warnings.size(), 3);
        QVERIFY(warnings.first().contains(QLatin1String("MLFLOW_HTTP_REQUEST_MAX_RETRIES=lots")));
        for (const char *v : {"MLFLOW_HTTP_REQUEST_MAX_RETRIES", "MLFLOW_HTTP_REQUEST_BACKOFF_FACTOR",
                              "MLFLOW_HTTP_REQUEST_BACKOFF_JITTER", "MLFLOW_HTTP_REQUEST_TIMEOUT"})
            qunsetenv(v);
    }

    void backoffIsUrllib3s()
    {
        // urllib3: nothing before the first retry, then factor * 2^(n-1) (+ jitter), capped at 120 s.
        // MLflow's defaults thus wait 0, 4, 8, 16, 32, 64, 120 s: about four minutes in all.
        const RetryPolicy p = policy();
        const QList<qint64> expected{0, 4000, 8000, 16000, 32000, 64000, 120000};
        for (int n = 1; n <= 7; ++n)
            QCOMPARE(p.backoffMs(n, 0.0), expected.at(n - 1));
        QCOMPARE(p.backoffMs(2, 0.5), 4500); // jitter: uniform [0, 1) s added
        QCOMPARE(p.backoffMs(3, 0.999), 8999);
        QCOMPARE(p.backoffMs(1, 0.999), 0);
        QCOMPARE(p.backoffMs(30, 0.999), 120000); // no overflow, still capped
    }

    void idempotentRequestsRetryTransientFailures()
    {
        const RetryPolicy p = policy();
        const HttpRequest get = request("GET");
        for (int status : {408, 429, 500, 502, 503, 504})
            QVERIFY2(p.decide(get, statusResponse(status), 1).retry, qPrintable(QString::number(status)));
        for (int status : {200, 201, 400, 401, 403, 404, 409, 410, 422, 501})
            QVERIFY2(!p.decide(get, statusResponse(status), 1).retry, qPrintable(QString::number(status)));
        for (HttpFailure f :
             {HttpFailure::ConnectionRefused, HttpFailure::ConnectionReset, HttpFailure::Truncated,
              HttpFailure::Timeout, HttpFailure::ConnectTimeout, HttpFailure::HostNotFound})
            QVERIFY(p.decide(get, failedResponse(f, true), 1).retry);
        // Permanent: retrying cannot help, or would hide an attack.
        for (HttpFailure f :
             {HttpFailure::TlsUntrusted, HttpFailure::TlsHostnameMismatch, HttpFailure::TlsClientCertificate,
              HttpFailure::TooLarge, HttpFailure::Cancelled, HttpFailure::InvalidRequest})
            QVERIFY(!p.decide(get, failedResponse(f, false), 1).retry);
    }

    void retriesRunOut()
    {
        const RetryPolicy p = policy();
        const HttpRequest get = request("GET");
        QVERIFY(p.decide(get, statusResponse(503), 7).retry); // the 7th failure still gets its retry
        QVERIFY(
            !p.decide(get, statusResponse(503), 8).retry); // 8 attempts = 1 + MLFLOW_HTTP_REQUEST_MAX_RETRIES
    }

    void writesAreNotRepeatedBlindly()
    {
        const RetryPolicy p = policy();
        const HttpRequest post = request("POST");
        // 429 and 408: the server says it did not act on the request.
        QVERIFY(p.decide(post, statusResponse(429), 1).retry);
        QVERIFY(p.decide(post, statusResponse(408), 1).retry);
        // A 5xx may come after the work was done.
        QVERIFY(!p.decide(post, statusResponse(500), 1).retry);
        QVERIFY(!p.decide(post, statusResponse(503), 1).retry);
        // Nothing reached the server: safe.
        QVERIFY(p.decide(post, failedResponse(HttpFailure::ConnectionRefused, false), 1).retry);
        // Reset after the body went out: not safe, unless the caller vouches for it.
        QVERIFY(!p.decide(post, failedResponse(HttpFailure::ConnectionReset, true), 1).retry);
        QVERIFY(!p.decide(post, failedResponse(HttpFailure::Timeout, true), 1).retry);
        QVERIFY(p.decide(request("POST", true), failedResponse(HttpFailure::ConnectionReset, true), 1).retry);
        QVERIFY(p.decide(request("POST", true), statusResponse(503), 1).retry);
        QVERIFY(!p.decide(request("PATCH"), statusResponse(502), 1).retry);
        QVERIFY(!p.decide(request("DELETE", false), statusResponse(502), 1).retry);
    }

    void retryAfterVariants_data()
    {
        QTest::addColumn<QByteArray>("header");
        QTest::addColumn<int>("status");
        QTest::addColumn<qint64>("delayMs");
        QTest::addColumn<bool>("fromServer");
        // failedAttempts = 2 below, so our own backoff is 4000 ms (+ 500 jitter) = 4500.
        QTest::newRow("seconds") << QByteArray("3") << 429 << qint64(3000) << true;
        QTest::newRow("seconds, spaces") << QByteArray(" 7 ") << 503 << qint64(7000) << true;
        QTest::newRow("zero") << QByteArray("0") << 429 << qint64(0) << true;
        QTest::newRow("http-date") << RetryPolicy::httpDate(Now.addSecs(5)) << 429 << qint64(5000) << true;
        QTest::newRow("rfc850 date") << QByteArray("Friday, 14-Mar-25 12:00:09 GMT") << 429 << qint64(9000)
                                     << true;
        QTest::newRow("asctime date")
            << QByteArray("Fri Mar 14 12:00:02 2025") << 429 << qint64(2000) << true;
        QTest::newRow("date in the past")
            << RetryPolicy::httpDate(Now.addSecs(-30)) << 429 << qint64(0) << true;
        QTest::newRow("over the cap") << QByteArray("120") << 429 << qint64(60000) << true;
        QTest::newRow("garbage") << QByteArray("abc") << 429 << qint64(4500) << false;
        QTest::newRow("negative") << QByteArray("-5") << 429 << qint64(4500) << false;
        QTest::newRow("huge") << QByteArray("99999999") << 429 << qint64(4500) << false;
        QTest::newRow("overflowing") << QByteArray("99999999999999999999999") << 429 << qint64(4500) << false;
        QTest::newRow("fraction") << QByteArray("1.5") << 429 << qint64(4500) << false;
        QTest::newRow("date a year away")
            << RetryPolicy::httpDate(Now.addYears(1)) << 429 << qint64(4500) << false;
        QTest::newRow("empty") << QByteArray("") << 429 << qint64(4500) << false;
        // urllib3 honours Retry-After on 413, 429 and 503 only.
        QTest::newRow("ignored on 500") << QByteArray("3") << 500 << qint64(4500) << false;
    }

    void retryAfterVariants()
    {
        QFETCH(QByteArray, header);
        QFETCH(int, status);
        QFETCH(qint64, delayMs);
        QFETCH(bool, fromServer);
        const RetryDecision d = policy(0.5).decide(request("GET"), statusResponse(status, header), 2);
        QVERIFY(d.retry);
        QCOMPARE(d.delayMs, delayMs);
        QCOMPARE(d.fromRetryAfter, fromServer);
    }

    void retryAfterCanBeIgnored()
    {
        RetrySettings s;
        s.respectRetryAfter = false;
        const RetryDecision d = policy(0, s).decide(request("GET"), statusResponse(429, "30"), 1);
        QVERIFY(d.retry);
        QCOMPARE(d.delayMs, 0);
    }

    void retryAfterParserNeverGivesNegativeOrUnboundedWaits()
    {
        // Property test: whatever a server sends, the wait is absent or within [0, 1 day].
        QRandomGenerator rng(1234);
        const QByteArray alphabet =
            "0123456789-+ ,:.abcdefghijklmnopqrstuvwxyzGMTMonTueWedThuFriSatSunJanFebDec\t";
        for (int i = 0; i < 20000; ++i) {
            QByteArray v;
            const int len = int(rng.bounded(40));
            for (int k = 0; k < len; ++k)
                v += alphabet.at(int(rng.bounded(alphabet.size())));
            if (i % 7 == 0)
                v = QByteArray::number(qint64(rng.generate64() >> rng.bounded(64)));
            if (i % 11 == 0)
                v = RetryPolicy::httpDate(Now.addSecs(qint64(rng.bounded(400000000)) - 200000000));
            const auto wait = RetryPolicy::parseRetryAfter(v, Now);
            if (wait)
                QVERIFY2(*wait >= 0 && *wait <= 24LL * 3600 * 1000, v.constData());
            const RetryDecision d =
                policy(rng.generateDouble())
                    .decide(request("GET"), statusResponse(429, v), int(rng.bounded(1, 8)));
            QVERIFY2(d.delayMs >= 0 && d.delayMs <= 120000, v.constData());
        }
    }

    // execute(): the loop a worker thread runs, against a real server, in virtual time.
    void executeRetriesUntilSuccess()
    {
        ScriptedServer server;
        QVERIFY2(server.start(), qPrintable(server.errorString()));
        server.enqueue(ScriptedResponse::json(503, R"({"error_code":"TEMPORARILY_UNAVAILABLE"})"));
        server.enqueue(ScriptedResponse::json(503, R"({"error_code":"TEMPORARILY_UNAVAILABLE"})"));
        server.enqueue(ScriptedResponse::json(200, R"({"runs":[]})"));
        HttpClient client;
        HttpRequest r = request("GET");
        r.url = QUrl(server.url(QStringLiteral("/api/2.0/mlflow/runs/get?run_id=1")));
        QList<qint64> slept;
        int attempts = 0;
        const HttpResponse resp = policy(0.25).execute(
            client, r, nullptr, [&](qint64 ms) { slept.append(ms); }, &attempts);
        QCOMPARE(resp.status, 200);
        QCOMPARE(resp.body, QByteArray(R"({"runs":[]})"));
        QCOMPARE(attempts, 3);
        QCOMPARE(server.requestCount(), 3);
        QCOMPARE(slept, (QList<qint64>{0, 4250}));
    }

    void executeWaitsForRetryAfterOnPost()
    {
        // RELIABILITY #9: a POST that got 429 + Retry-After: 3 waits 3 s, then is sent once more.
        ScriptedServer server;
        QVERIFY(server.start());
        server.enqueue(ScriptedResponse::json(429, R"({"error_code":"REQUEST_LIMIT_EXCEEDED"})")
                           .header("Retry-After", "3"));
        server.enqueue(ScriptedResponse::json(200, R"({"run":{}})"));
        HttpClient client;
        HttpRequest r = request("POST");
        r.url = QUrl(server.url(QStringLiteral("/api/2.0/mlflow/runs/create")));
        r.body = R"({"experiment_id":"1"})";
        QList<qint64> slept;
        const HttpResponse resp = policy().execute(client, r, nullptr, [&](qint64 ms) { slept.append(ms); });
        QCOMPARE(resp.status, 200);
        QCOMPARE(slept, QList<qint64>{3000});
        QCOMPARE(server.requestCount(), 2);
        QCOMPARE(server.requests().at(1).body, r.body);
    }

    void executeDoesNotRepeatAPostAfterAReset()
    {
        // RELIABILITY #11: the connection dies after the server read the body: exactly one POST.
        ScriptedServer server;
        QVERIFY(server.start());
        server.setHandler([](const labtest::ServerRequest &) { return ScriptedResponse::json(200, "{}"); });
        server.enqueue(ScriptedResponse::withFault(ScriptedResponse::Fault::Reset));
        HttpClient client;
        HttpRequest r = request("POST");
        r.url = QUrl(server.url(QStringLiteral("/apis/batch/v1/namespaces/mlflow/jobs")));
        r.body = R"({"kind":"Job"})";
        QList<qint64> slept;
        const HttpResponse resp = policy().execute(client, r, nullptr, [&](qint64 ms) { slept.append(ms); });
        QCOMPARE(resp.failure, HttpFailure::ConnectionReset);
        QVERIFY(resp.requestSent);
        QCOMPARE(server.requestCount(), 1);
        QVERIFY(slept.isEmpty());

        // The same request marked idempotent (the caller checks what landed) is sent again.
        server.clearRequests();
        server.enqueue(ScriptedResponse::withFault(ScriptedResponse::Fault::Reset));
        r.idempotent = true;
        const HttpResponse again = policy().execute(client, r, nullptr, [&](qint64 ms) { slept.append(ms); });
        QCOMPARE(again.status, 200);
        QCOMPARE(server.requestCount(), 2);
    }

    void executeRetriesARefusedPostAndStopsOnAbort()
    {
        ScriptedServer server;
        QVERIFY(server.start());
        const QString url = server.url(QStringLiteral("/api/2.0/mlflow/runs/create"));
        server.stop(); // nothing listens: refused, so nothing was sent
        HttpClient client;
        HttpRequest r = request("POST");
        r.url = QUrl(url);
        std::atomic_bool abort{false};
        int attempts = 0;
        QList<qint64> slept;
        const HttpResponse resp = policy().execute(
            client, r, &abort,
            [&](qint64 ms) {
                slept.append(ms);
                if (slept.size() == 3)
                    abort = true; // the user closed the view
            },
            &attempts);
        QCOMPARE(resp.failure, HttpFailure::ConnectionRefused);
        QVERIFY(!resp.requestSent);
        QCOMPARE(attempts, 3);
        QCOMPARE(slept.size(), 3);
    }
};

QTEST_GUILESS_MAIN(TestRetryPolicy)
#include "tst_retrypolicy.moc"
