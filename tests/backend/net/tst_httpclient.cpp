#include "net/httpclient.h"
#include "scriptedserver.h"
#include "tlsmaterial.h"

#include <QFile>
#include <QLoggingCategory>
#include <QSignalSpy>
#include <QTest>
#include <QThread>

#include <mutex>

using namespace lab;
using labtest::ScriptedResponse;
using labtest::ScriptedServer;
using labtest::TlsMaterial;
using Fault = ScriptedResponse::Fault;
using Framing = ScriptedResponse::Framing;

namespace {

// The async path: send(), then spin the event loop until this id's finished() arrives.
HttpResponse fetch(HttpClient &client, HttpRequest request, int waitMs = 20000)
{
    HttpResponse out;
    bool done = false;
    quint64 id = 0;
    const auto c = QObject::connect(&client, &HttpClient::finished, &client, [&](const HttpResponse &r) {
        if (r.id == id) {
            out = r;
            done = true;
        }
    });
    id = client.send(std::move(request));
    if (!QTest::qWaitFor([&] { return done; }, waitMs))
        out.error.message = QStringLiteral("TEST: no finished() within %1 ms").arg(waitMs);
    QObject::disconnect(c);
    return out;
}

HttpRequest get(const QString &url)
{
    HttpRequest r;
    r.url = QUrl(url);
    r.timeoutMs = 10000;
    return r;
}

qint64 peakRssKb()
{
    QFile f(QStringLiteral("/proc/self/status"));
    if (!f.open(QIODevice::ReadOnly))
        return 0;
    for (const QByteArray &line : f.readAll().split('\n'))
        if (line.startsWith("VmHWM:"))
            return line.mid(6).trimmed().split(' ').at(0).toLongLong();
    return 0;
}

// Messages from every thread, for the secrets test.
std::mutex logMutex;
QStringList logLines;
void captureMessages(QtMsgType, const QMessageLogContext &ctx, const QString &msg)
{
    std::lock_guard lock(logMutex);
    logLines.append(QString::fromLatin1(ctx.category ? ctx.category : "") + QLatin1String(": ") + msg);
}

} // namespace

class TestHttpClient : public QObject
{
    Q_OBJECT

    TlsMaterial m_tls;

private Q_SLOTS:
    void initTestCase()
    {
        QString error;
        QVERIFY2(m_tls.generate(&error), qPrintable(error));
    }

    void getRoundTrip()
    {
        ScriptedServer server;
        QVERIFY2(server.start(), qPrintable(server.errorString()));
        server.setHandler([](const labtest::ServerRequest &req) {
            return ScriptedResponse::json(200, R"({"path":")" + req.path + R"("})")
                .header("X-Served-By", "fake");
        });
        HttpClient client;
        HttpRequest r =
            get(server.url(QStringLiteral("/api/2.0/mlflow/experiments/get-by-name?experiment_name=a%20b")));
        r.setHeader("X-Request-Tag", "one");
        const HttpResponse resp = fetch(client, r);
        QVERIFY2(resp.ok(), qPrintable(resp.error.toString()));
        QCOMPARE(resp.status, 200);
        QCOMPARE(resp.body, QByteArray(R"({"path":"/api/2.0/mlflow/experiments/get-by-name"})"));
        QCOMPARE(resp.header("X-Served-By"), QByteArray("fake"));
        QVERIFY(resp.headers.contains(
            qMakePair(QByteArray("x-served-by"), QByteArray("fake")))); // lower-case names
        QCOMPARE(resp.header("content-type"), QByteArray("application/json"));
        QVERIFY(resp.elapsedMs >= 0);

        const auto reqs = server.requests();
        QCOMPARE(reqs.size(), 1);
        QCOMPARE(reqs[0].method, QByteArray("GET"));
        QCOMPARE(reqs[0].path, QByteArray("/api/2.0/mlflow/experiments/get-by-name"));
        QCOMPARE(reqs[0].queryItems().queryItemValue(QStringLiteral("experiment_name"), QUrl::FullyDecoded),
                 QStringLiteral("a b"));
        QCOMPARE(reqs[0].header("x-request-tag"), QByteArray("one"));
    }

    void postRoundTripReusesTheConnection()
    {
        ScriptedServer server;
        QVERIFY(server.start());
        server.setHandler(
            [](const labtest::ServerRequest &req) { return ScriptedResponse::json(200, req.body); });
        HttpClient client;
        for (int i = 0; i < 3; ++i) {
            HttpRequest r = get(server.url(QStringLiteral("/api/2.0/mlflow/runs/log-batch")));
            r.method = "POST";
            r.body = R"({"run_id":"r1","metrics":[{"key":"loss","value":0.5,"timestamp":1,"step":)" +
                     QByteArray::number(i) + "}]}";
            r.setHeader("Content-Type", "application/json");
            const HttpResponse resp = fetch(client, r);
            QVERIFY2(resp.isSuccess(), qPrintable(resp.error.toString()));
            QCOMPARE(resp.body, r.body);
        }
        const auto reqs = server.requests();
        QCOMPARE(reqs.size(), 3);
        QCOMPARE(reqs[2].method, QByteArray("POST"));
        QCOMPARE(reqs[2].header("content-type"), QByteArray("application/json"));
        QVERIFY(reqs[2].header("expect").isEmpty()); // no 100-continue round trip
        QCOMPARE(server.connectionCount(), 1);       // keep-alive
        QCOMPARE(reqs[2].connection, 1);
    }

    void otherMethodsAndBodies()
    {
        ScriptedServer server;
        QVERIFY(server.start());
        server.setHandler([](const labtest::ServerRequest &req) {
            return ScriptedResponse::text(200,
                                          req.method + ' ' + req.body + ' ' + req.header("content-type"));
        });
        HttpClient client;
        HttpRequest patch = get(server.url(QStringLiteral("/x")));
        patch.method = "PATCH";
        patch.body = "{}";
        QCOMPARE(fetch(client, patch).body, QByteArray("PATCH {} ")); // no form encoding invented
        HttpRequest del = get(server.url(QStringLiteral("/x")));
        del.method = "DELETE";
        QCOMPARE(fetch(client, del).body, QByteArray("DELETE  "));
        HttpRequest head = get(server.url(QStringLiteral("/x")));
        head.method = "HEAD";
        const HttpResponse h = fetch(client, head);
        QVERIFY(h.isSuccess());
        QVERIFY(h.body.isEmpty());
    }

    void streamingDeliversChunksAsTheyArrive()
    {
        ScriptedServer server;
        QVERIFY(server.start());
        ScriptedResponse r = ScriptedResponse::json(200, {});
        r.chunks = {{0, R"({"type":"ADDED"})"
                        "\n"},
                    {0, R"({"type":"MODIFIED"})"
                        "\n"},
                    {2000, R"({"type":"DELETED"})"
                           "\n"}};
        server.enqueue(r);
        HttpClient client;
        HttpRequest req = get(server.url(QStringLiteral("/api/v1/namespaces/mlflow/pods?watch=1")));
        req.streaming = true;
        req.timeoutMs = 0;
        req.maxResponseBytes = 0;

        QStringList events;
        QByteArray streamed;
        qint64 serverBytesAtFirstChunk = -1;
        connect(&client, &HttpClient::headersReceived, this, [&](quint64, int status, const HttpHeaders &) {
            events << QStringLiteral("headers %1").arg(status);
        });
        connect(&client, &HttpClient::chunk, this, [&](quint64, const QByteArray &data) {
            if (serverBytesAtFirstChunk < 0)
                serverBytesAtFirstChunk = server.bodyBytesSent();
            events << QStringLiteral("chunk");
            streamed += data;
        });
        const HttpResponse resp = fetch(client, req);
        QVERIFY2(resp.ok(), qPrintable(resp.error.toString()));
        QVERIFY(resp.body.isEmpty());
        QCOMPARE(streamed,
                 QByteArray("{\"type\":\"ADDED\"}\n{\"type\":\"MODIFIED\"}\n{\"type\":\"DELETED\"}\n"));
        QCOMPARE(resp.bytesReceived, streamed.size());
        QCOMPARE(events.first(), QStringLiteral("headers 200"));
        QVERIFY(events.count(QStringLiteral("chunk")) >= 2);
        // The first events were in our hands while the server still held back the last one.
        QVERIFY2(serverBytesAtFirstChunk < streamed.size(),
                 qPrintable(QString::number(serverBytesAtFirstChunk)));
    }

    void timeoutOnAStall()
    {
        ScriptedServer server;
        QVERIFY(server.start());
        server.enqueue(ScriptedResponse::withFault(Fault::Stall, "never sent"));
        HttpClient client;
        HttpRequest r = get(server.url(QStringLiteral("/api/2.0/mlflow/runs/search")));
        r.timeoutMs = 1000;
        const HttpResponse resp = fetch(client, r);
        QCOMPARE(resp.failure, HttpFailure::Timeout);
        QCOMPARE(resp.error.code, QStringLiteral("TIMEOUT"));
        QVERIFY2(resp.error.message.contains(QLatin1String("timed out after 1 s")),
                 qPrintable(resp.error.message));
        QVERIFY(resp.error.message.contains(QStringLiteral("127.0.0.1:%1").arg(server.port())));
        QVERIFY(resp.requestSent);
    }

    void timeoutOnASlowDrip()
    {
        // RELIABILITY #24: bytes keep coming, one per 100 ms, so only the overall timeout can end it.
        ScriptedServer server;
        QVERIFY(server.start());
        ScriptedResponse drip = ScriptedResponse::withFault(Fault::SlowDrip, QByteArray(200, 'x'));
        drip.dripIntervalMs = 100;
        server.enqueue(drip);
        HttpClient client;
        HttpRequest r = get(server.url(QStringLiteral("/api/v1/query")));
        r.timeoutMs = 1000;
        const HttpResponse resp = fetch(client, r);
        QCOMPARE(resp.failure, HttpFailure::Timeout);
        QVERIFY(resp.error.message.contains(QLatin1String("timed out after 1 s")));
        QVERIFY(resp.body.isEmpty()); // no partial body passed off as data
    }

    void idleTimeoutEndsASilentStream()
    {
        ScriptedServer server;
        QVERIFY(server.start());
        ScriptedResponse stall =
            ScriptedResponse::withFault(Fault::Stall, "{\"type\":\"ADDED\"}\n{\"type\":");
        stall.faultAfterBytes = 17;
        stall.framing = Framing::Chunked;
        server.enqueue(stall);
        HttpClient client;
        HttpRequest r = get(server.url(QStringLiteral("/api/v1/pods?watch=1")));
        r.streaming = true;
        r.timeoutMs = 0;
        r.idleTimeoutMs = 400;
        QByteArray streamed;
        connect(&client, &HttpClient::chunk, this, [&](quint64, const QByteArray &d) { streamed += d; });
        const HttpResponse resp = fetch(client, r);
        QCOMPARE(resp.failure, HttpFailure::IdleTimeout);
        QVERIFY2(resp.error.message.contains(QLatin1String("no data from")), qPrintable(resp.error.message));
        QCOMPARE(streamed, QByteArray("{\"type\":\"ADDED\"}\n"));
    }

    void truncatedBody_data()
    {
        QTest::addColumn<int>("framing");
        QTest::newRow("content-length larger than sent") << int(Framing::ContentLength);
        QTest::newRow("chunked stream cut mid-chunk") << int(Framing::Chunked);
    }

    void truncatedBody()
    {
        // RELIABILITY #20.
        QFETCH(int, framing);
        ScriptedServer server;
        QVERIFY(server.start());
        ScriptedResponse cut = ScriptedResponse::withFault(
            Fault::CloseMidBody, QByteArray(R"({"runs":[)") + QByteArray(4000, ' ') + "]}");
        cut.framing = Framing(framing);
        server.enqueue(cut);
        HttpClient client;
        const HttpResponse resp =
            fetch(client, get(server.url(QStringLiteral("/api/2.0/mlflow/runs/search"))));
        QCOMPARE(resp.failure, HttpFailure::Truncated);
        QCOMPARE(resp.error.code, QStringLiteral("TRUNCATED_RESPONSE"));
        QVERIFY2(resp.error.message.contains(QLatin1String("truncated response")),
                 qPrintable(resp.error.message));
        QVERIFY(resp.body.isEmpty());
        QCOMPARE(resp.status, 200);
    }

    void resetConnection()
    {
        ScriptedServer server;
        QVERIFY(server.start());
        server.enqueue(ScriptedResponse::withFault(Fault::Reset));
        ScriptedResponse midBody = ScriptedResponse::withFault(Fault::Reset, QByteArray(10000, 'x'));
        midBody.faultAfterBytes = 100;
        server.enqueue(midBody);
        server.enqueue(ScriptedResponse::withFault(Fault::CloseWithoutResponse));
        HttpClient client;
        for (int i = 0; i < 3; ++i) {
            const HttpResponse resp = fetch(client, get(server.url(QStringLiteral("/x"))));
            QVERIFY2(
                resp.failure == HttpFailure::ConnectionReset,
                qPrintable(QStringLiteral("%1: %2 (%3)").arg(i).arg(resp.error.message, resp.error.detail)));
            QVERIFY(resp.error.message.contains(QStringLiteral("127.0.0.1:%1").arg(server.port())));
        }
    }

    void responseOverTheCap_data()
    {
        QTest::addColumn<int>("framing");
        QTest::addColumn<qint64>("cap");
        QTest::addColumn<qint64>("size");
        QTest::addColumn<QString>("words");
        QTest::newRow("chunked, 100 MB against 1 MB")
            << int(Framing::Chunked) << qint64(1 << 20) << qint64(100) * 1024 * 1024
            << QStringLiteral("over 1 MB");
        QTest::newRow("content-length, refused up front")
            << int(Framing::ContentLength) << qint64(1 << 20) << qint64(100) * 1024 * 1024
            << QStringLiteral("over 1 MB");
        QTest::newRow("default cap") << int(Framing::Chunked) << HttpRequest::DefaultMaxResponseBytes
                                     << qint64(40) * 1024 * 1024 << QStringLiteral("over 32 MB");
    }

    void responseOverTheCap()
    {
        // RELIABILITY #23: a 100 MB answer ends in "too large" after the cap, not in 100 MB of RAM.
        QFETCH(int, framing);
        QFETCH(qint64, cap);
        QFETCH(qint64, size);
        QFETCH(QString, words);
        ScriptedServer server;
        QVERIFY(server.start());
        ScriptedResponse huge = ScriptedResponse::json(200, {});
        huge.generatedBytes = size;
        huge.framing = Framing(framing);
        server.enqueue(huge);
        HttpClient client;
        HttpRequest r = get(server.url(QStringLiteral("/api/v1/pods")));
        r.maxResponseBytes = cap;
        const qint64 rssBefore = peakRssKb();
        const HttpResponse resp = fetch(client, r);
        const qint64 rssGrowthKb = peakRssKb() - rssBefore;
        QCOMPARE(resp.failure, HttpFailure::TooLarge);
        QVERIFY2(resp.error.message.contains(QLatin1String("response too large")),
                 qPrintable(resp.error.message));
        QVERIFY2(resp.error.message.contains(words), qPrintable(resp.error.message));
        QVERIFY(resp.body.isEmpty());
        QVERIFY(resp.bytesReceived <= cap);
        QVERIFY2(server.bodyBytesSent() < size, "the transfer went on after the cap");
        qInfo("%lld of %lld bytes sent before the cut; peak RSS grew by %lld KB", server.bodyBytesSent(),
              size, rssGrowthKb);
#ifndef __SANITIZE_ADDRESS__ // ASan's quarantine keeps freed memory resident
        // At most the cap twice over (a growing buffer and its copy), never the whole 100 MB.
        QVERIFY2(rssGrowthKb < 3 * cap / 1024 + 16 * 1024, qPrintable(QString::number(rssGrowthKb)));
#endif
    }

    void connectionRefusedInWords()
    {
        ScriptedServer server;
        QVERIFY(server.start());
        const quint16 port = server.port();
        server.stop();
        HttpClient client;
        HttpRequest r = get(server.url(QStringLiteral("/api/2.0/mlflow/experiments/search")));
        r.method = "POST";
        const HttpResponse resp = fetch(client, r);
        QCOMPARE(resp.failure, HttpFailure::ConnectionRefused);
        QCOMPARE(resp.error.message, QStringLiteral("connection refused to 127.0.0.1:%1").arg(port));
        QVERIFY(!resp.error.hint.isEmpty());
        QVERIFY(!resp.requestSent); // so even this POST may be sent again
        QCOMPARE(resp.status, 0);
    }

    void connectTimeoutWhenTheHandshakeNeverEnds()
    {
        // A port that accepts TCP but never answers the TLS hello.
        ScriptedServer silent;
        QVERIFY(silent.start());
        HttpClient client;
        HttpRequest r =
            get(silent.url(QStringLiteral("/x")).replace(QLatin1String("http:"), QLatin1String("https:")));
        r.connectTimeoutMs = 500;
        r.timeoutMs = 5000;
        const HttpResponse resp = fetch(client, r);
        QCOMPARE(resp.failure, HttpFailure::ConnectTimeout);
        QCOMPARE(resp.error.message,
                 QStringLiteral("could not connect to 127.0.0.1:%1 within 0.5 s").arg(silent.port()));
        QVERIFY(!resp.requestSent);
    }

    void proxies()
    {
        ScriptedServer proxy;
        QVERIFY(proxy.start());
        proxy.setHandler([](const labtest::ServerRequest &req) {
            return ScriptedResponse::text(200, "via proxy " + req.target);
        });
        ScriptedServer direct;
        QVERIFY(direct.start());
        direct.setHandler(
            [](const labtest::ServerRequest &) { return ScriptedResponse::text(200, "direct"); });
        HttpClient client;

        // Given explicitly: the proxy gets the absolute URL (example.invalid is never resolved here).
        HttpRequest r = get(QStringLiteral("http://example.invalid/api/v1/query?q=up"));
        r.proxy = proxy.baseUrl();
        HttpResponse resp = fetch(client, r);
        QVERIFY2(resp.isSuccess(), qPrintable(resp.error.toString()));
        QCOMPARE(resp.body, QByteArray("via proxy http://example.invalid/api/v1/query?q=up"));

        // From the environment, as libcurl (and so curl, kubectl-like tools) reads it.
        const QByteArray savedNoProxy = qgetenv("no_proxy"), savedNoProxyUpper = qgetenv("NO_PROXY");
        qunsetenv("no_proxy");
        qunsetenv("NO_PROXY");
        qputenv("http_proxy", proxy.baseUrl().toLatin1());
        resp = fetch(client, get(QStringLiteral("http://example.invalid/env")));
        QCOMPARE(resp.body, QByteArray("via proxy http://example.invalid/env"));
        // An empty proxy means none, whatever the environment says.
        HttpRequest none = get(direct.url(QStringLiteral("/x")));
        none.proxy = QString();
        QCOMPARE(fetch(client, none).body, QByteArray("direct"));
        qunsetenv("http_proxy");
        if (!savedNoProxy.isNull())
            qputenv("no_proxy", savedNoProxy);
        if (!savedNoProxyUpper.isNull())
            qputenv("NO_PROXY", savedNoProxyUpper);

        // A proxy that is down is named as such, not as the server.
        const QString proxyUrl = proxy.baseUrl();
        const quint16 proxyPort = proxy.port();
        proxy.stop();
        r.proxy = proxyUrl;
        resp = fetch(client, r);
        QCOMPARE(resp.failure, HttpFailure::Proxy);
        QCOMPARE(resp.error.message, QStringLiteral("proxy 127.0.0.1:%1 is unreachable").arg(proxyPort));
    }

    void htmlFromAProxyIsDescribed()
    {
        // RELIABILITY #25: what the protocol clients report when the body is not theirs.
        ScriptedServer server;
        QVERIFY(server.start());
        server.enqueue(ScriptedResponse::html(
            200,
            "<!DOCTYPE html>\n<html><head><title>Sign in</title></head>\n<body><form action=\"/login?token="
            "s3cr3t-v4lue\">Please sign in to the lab proxy</form>" +
                QByteArray(400, ' ') + "</body></html>"));
        server.enqueue(
            ScriptedResponse::text(502, "upstream connect error or disconnect/reset before headers\n"));
        HttpClient client;
        HttpRequest r = get(server.url(QStringLiteral("/api/2.0/mlflow/experiments/search")));
        HttpResponse resp = fetch(client, r);
        QVERIFY(resp.ok()); // the transport worked; the caller sees it is not JSON
        Error e = unexpectedResponseError(resp, r.url);
        QCOMPARE(
            e.message,
            QStringLiteral("Unexpected response from 127.0.0.1:%1 (HTML page, HTTP 200)").arg(server.port()));
        QVERIFY2(e.detail.startsWith(QLatin1String("<!DOCTYPE html> <html><head><title>Sign in")),
                 qPrintable(e.detail));
        QVERIFY(e.detail.size() <= 201);
        QVERIFY2(!e.detail.contains(QLatin1String("s3cr3t")), qPrintable(e.detail));
        QCOMPARE(e.httpStatus, 200);

        resp = fetch(client, r);
        e = unexpectedResponseError(resp, r.url);
        QVERIFY2(e.message.endsWith(QLatin1String("(plain text, HTTP 502)")), qPrintable(e.message));
        QCOMPARE(e.detail, QStringLiteral("upstream connect error or disconnect/reset before headers"));
        QCOMPARE(bodyExcerpt("caf\xc3\x28 ok"),
                 QString::fromUtf8("caf\xef\xbf\xbd( ok")); // invalid UTF-8 replaced
    }

    void invalidUrl()
    {
        HttpClient client;
        const HttpResponse resp = fetch(client, get(QStringLiteral("ftp://127.0.0.1/file")));
        QCOMPARE(resp.failure, HttpFailure::InvalidRequest);
        QVERIFY(resp.error.message.contains(QLatin1String("ftp://127.0.0.1/file")));
    }

    void cancelEndsARequestAndNothingHangs()
    {
        ScriptedServer server;
        QVERIFY(server.start());
        server.setHandler(
            [](const labtest::ServerRequest &) { return ScriptedResponse::withFault(Fault::Stall); });
        auto client = std::make_unique<HttpClient>();
        QSignalSpy finished(client.get(), &HttpClient::finished);
        HttpRequest r = get(server.url(QStringLiteral("/api/v1/pods/p/log?follow=true")));
        r.timeoutMs = 0;
        const quint64 id = client->send(r);
        QVERIFY(id != 0);
        QVERIFY(server.waitForRequests(1));
        QCOMPARE(client->activeCount(), 1);
        client->cancel(id);
        QTRY_COMPARE(finished.count(), 1);
        const auto resp = finished.at(0).at(0).value<HttpResponse>();
        QCOMPARE(resp.id, id);
        QCOMPARE(resp.failure, HttpFailure::Cancelled);
        QCOMPARE(resp.error.message, QStringLiteral("request cancelled"));
        QCOMPARE(client->activeCount(), 0);
        client->cancel(id); // twice, and unknown ids: nothing happens
        client->cancel(987654);

        // Destroying the client with requests in flight cancels them and joins the thread.
        client->send(r);
        client->send(r);
        QVERIFY(server.waitForRequests(3));
        client.reset();
    }

    void cancelAll()
    {
        ScriptedServer server;
        QVERIFY(server.start());
        server.setHandler(
            [](const labtest::ServerRequest &) { return ScriptedResponse::withFault(Fault::Stall); });
        HttpClient client;
        QSignalSpy finished(&client, &HttpClient::finished);
        HttpRequest r = get(server.url(QStringLiteral("/stall")));
        for (int i = 0; i < 4; ++i)
            client.send(r);
        QVERIFY(server.waitForRequests(4));
        client.cancelAll();
        QTRY_COMPARE(finished.count(), 4);
        for (const auto &args : finished)
            QCOMPARE(args.at(0).value<HttpResponse>().failure, HttpFailure::Cancelled);
    }

    void gzipBodiesAreDecoded()
    {
        ScriptedServer server;
        QVERIFY(server.start());
        QByteArray plain;
        for (int i = 0; i < 2000; ++i)
            plain += R"({"key":"loss","value":0.25,"step":)" + QByteArray::number(i) + "},";
        const QByteArray packed = ScriptedServer::gzip(plain);
        QVERIFY(packed.size() < plain.size() / 4);
        server.setHandler([&](const labtest::ServerRequest &) {
            return ScriptedResponse::json(200, packed).header("Content-Encoding", "gzip");
        });
        HttpClient client;
        const HttpResponse resp =
            fetch(client, get(server.url(QStringLiteral("/api/2.0/mlflow/metrics/get-history"))));
        QVERIFY2(resp.isSuccess(), qPrintable(resp.error.toString()));
        QCOMPARE(resp.body, plain);
        QVERIFY(server.requests().at(0).header("accept-encoding").contains("gzip"));

        HttpRequest noGzip = get(server.url(QStringLiteral("/x")));
        noGzip.acceptGzip = false;
        server.setHandler(
            [](const labtest::ServerRequest &) { return ScriptedResponse::text(200, "plain"); });
        QCOMPARE(fetch(client, noGzip).body, QByteArray("plain"));
        QVERIFY(server.requests().at(1).header("accept-encoding").isEmpty());
    }

    void sendAndWaitFromAWorkerThread()
    {
        ScriptedServer server;
        QVERIFY(server.start());
        server.setHandler(
            [](const labtest::ServerRequest &req) { return ScriptedResponse::json(200, req.query); });
        HttpClient client;
        QSignalSpy finished(&client, &HttpClient::finished);
        QList<HttpResponse> results;
        std::unique_ptr<QThread> worker(QThread::create([&] {
            for (int i = 0; i < 5; ++i)
                results.append(client.sendAndWait(get(server.url(QStringLiteral("/q?i=%1").arg(i)))));
        }));
        worker->start();
        QVERIFY(worker->wait(20000));
        QCOMPARE(results.size(), 5);
        for (int i = 0; i < 5; ++i)
            QCOMPARE(results[i].body, QByteArray("i=") + QByteArray::number(i));
        QCoreApplication::processEvents();
        QCOMPARE(finished.count(), 0); // blocking results go to the waiter only

        // An abort flag set from elsewhere ends the wait.
        server.setHandler(
            [](const labtest::ServerRequest &) { return ScriptedResponse::withFault(Fault::Stall); });
        std::atomic_bool abort{false};
        HttpResponse aborted;
        worker.reset(QThread::create(
            [&] { aborted = client.sendAndWait(get(server.url(QStringLiteral("/s"))), &abort); }));
        worker->start();
        QVERIFY(server.waitForRequests(6));
        abort = true;
        QVERIFY(worker->wait(5000));
        QCOMPARE(aborted.failure, HttpFailure::Cancelled);
    }

    void authorizationNeverReachesTheLog()
    {
        ScriptedServer server;
        QVERIFY(server.start());
        server.enqueue(ScriptedResponse::json(401, R"({"error_code":"UNAUTHENTICATED"})"));
        server.enqueue(ScriptedResponse::withFault(Fault::CloseMidBody, "0123456789"));
        const QByteArray canary = "canary-7f3a9c-secret";
        {
            std::lock_guard lock(logMutex);
            logLines.clear();
        }
        QLoggingCategory::setFilterRules(QStringLiteral("labconsole.*.debug=true"));
        const QtMessageHandler previous = qInstallMessageHandler(captureMessages);
        HttpClient client;
        for (const QByteArray &auth : QList<QByteArray>{"Bearer " + canary, "Basic " + canary.toBase64()}) {
            HttpRequest r = get(
                server.url(QStringLiteral("/api/2.0/mlflow/runs/get?token=") + QString::fromLatin1(canary)));
            r.setHeader("Authorization", auth);
            r.setHeader("Cookie", "session=" + canary);
            fetch(client, r);
        }
        qInstallMessageHandler(previous);
        QLoggingCategory::setFilterRules(QString());

        std::lock_guard lock(logMutex);
        const QString log = logLines.join(QLatin1Char('\n'));
        QVERIFY2(log.contains(QLatin1String("Bearer <redacted>")), qPrintable(log));
        QVERIFY(log.contains(QLatin1String("Basic <redacted>")));
        QVERIFY(log.contains(QLatin1String("labconsole.http")));
        QVERIFY2(!log.contains(QString::fromLatin1(canary)), "a secret reached the log");
        QVERIFY(!log.contains(QString::fromLatin1(canary.toBase64())));
        // The server saw the real header; its record only a fingerprint.
        QCOMPARE(server.requests().at(0).header("authorization"), ScriptedServer::redact("Bearer " + canary));
    }

    // ---- TLS -----------------------------------------------------------------------------------

    void tlsWithTheRightCa()
    {
        ScriptedServer server;
        QVERIFY2(server.startTls({m_tls.serverCert(), m_tls.serverKey(), {}, false}),
                 qPrintable(server.errorString()));
        server.setHandler([](const labtest::ServerRequest &) { return ScriptedResponse::json(200, "{}"); });
        HttpClient client;
        HttpRequest r = get(server.url(QStringLiteral("/api/2.0/mlflow/experiments/search")));
        r.tls.caFile = m_tls.caCert();
        HttpResponse resp = fetch(client, r);
        QVERIFY2(resp.isSuccess(), qPrintable(resp.error.toString()));

        // The same CA from memory (kubeconfig certificate-authority-data).
        r.tls.caFile.clear();
        r.tls.caPem = TlsMaterial::read(m_tls.caCert());
        resp = fetch(client, r);
        QVERIFY2(resp.isSuccess(), qPrintable(resp.error.toString()));

        // localhost is on the certificate too.
        r.url.setHost(QStringLiteral("localhost"));
        resp = fetch(client, r);
        QVERIFY2(resp.isSuccess(), qPrintable(resp.error.toString()));
    }

    void tlsFailsClosedWithoutTheRightCa()
    {
        ScriptedServer server;
        QVERIFY(server.startTls({m_tls.serverCert(), m_tls.serverKey(), {}, false}));
        server.setHandler([](const labtest::ServerRequest &) { return ScriptedResponse::json(200, "{}"); });
        HttpClient client;
        HttpRequest r = get(server.url(QStringLiteral("/x")));
        r.tls.caFile = m_tls.otherCaCert();
        HttpResponse resp = fetch(client, r);
        QCOMPARE(resp.failure, HttpFailure::TlsUntrusted);
        QVERIFY2(resp.error.message.startsWith(QLatin1String("TLS: the certificate of 127.0.0.1:")),
                 qPrintable(resp.error.message));
        QVERIFY(resp.error.message.contains(QLatin1String("not trusted")));
        QVERIFY(!resp.requestSent);

        r.tls.caFile.clear(); // the system store does not know our lab CA either
        resp = fetch(client, r);
        QCOMPARE(resp.failure, HttpFailure::TlsUntrusted);
        QCOMPARE(server.requestCount(), 0);

        // Plain HTTP to a TLS port is a handshake-level failure, not a hang.
        HttpRequest plain =
            get(server.url(QStringLiteral("/x")).replace(QLatin1String("https:"), QLatin1String("http:")));
        plain.timeoutMs = 3000;
        resp = fetch(client, plain);
        QVERIFY(!resp.ok());
    }

    void tlsHostnameMismatch()
    {
        ScriptedServer server;
        QVERIFY(server.startTls({m_tls.wrongHostCert(), m_tls.wrongHostKey(), {}, false}));
        server.setHandler([](const labtest::ServerRequest &) { return ScriptedResponse::json(200, "{}"); });
        HttpClient client;
        HttpRequest r = get(server.url(QStringLiteral("/x")));
        r.tls.caFile = m_tls.caCert();
        HttpResponse resp = fetch(client, r);
        QCOMPARE(resp.failure, HttpFailure::TlsHostnameMismatch);
        QCOMPARE(resp.error.message, QStringLiteral("TLS: certificate is for wrong.example, not 127.0.0.1"));
        QCOMPARE(server.requestCount(), 0);

        // kubeconfig's tls-server-name: check against wrong.example, still connect to 127.0.0.1.
        r.tls.tlsServerName = QStringLiteral("wrong.example");
        resp = fetch(client, r);
        QVERIFY2(resp.isSuccess(), qPrintable(resp.error.toString()));
        QCOMPARE(server.requests().at(0).header("host"),
                 QStringLiteral("127.0.0.1:%1").arg(server.port()).toLatin1());
    }

    void insecureSkipVerify()
    {
        ScriptedServer server;
        QVERIFY(server.startTls({m_tls.wrongHostCert(), m_tls.wrongHostKey(), {}, false}));
        server.setHandler([](const labtest::ServerRequest &) { return ScriptedResponse::json(200, "{}"); });
        HttpClient client;
        HttpRequest r = get(server.url(QStringLiteral("/x")));
        r.tls.insecureSkipVerify = true; // wrong CA (none) and wrong name: both ignored
        const HttpResponse resp = fetch(client, r);
        QVERIFY2(resp.isSuccess(), qPrintable(resp.error.toString()));
    }

    void clientCertificates()
    {
        ScriptedServer server;
        QVERIFY(server.startTls({m_tls.serverCert(), m_tls.serverKey(), m_tls.caCert(), true}));
        server.setHandler([](const labtest::ServerRequest &req) {
            return ScriptedResponse::text(200, req.clientCertSubject);
        });
        HttpClient client;
        HttpRequest r = get(server.url(QStringLiteral("/api/v1/namespaces")));
        r.tls.caFile = m_tls.caCert();

        HttpResponse resp = fetch(client, r); // none sent
        QCOMPARE(resp.failure, HttpFailure::TlsClientCertificate);
        QVERIFY2(resp.error.message.contains(QLatin1String("client certificate")),
                 qPrintable(resp.error.message));

        r.tls.clientCertFile = m_tls.clientCert();
        r.tls.clientKeyFile = m_tls.clientKey();
        resp = fetch(client, r);
        QVERIFY2(resp.isSuccess(), qPrintable(resp.error.toString()));
        QCOMPARE(resp.body, QByteArray("CN=student"));

        // From memory, as kubeconfig's client-certificate-data / client-key-data.
        HttpRequest mem = get(r.url.toString());
        mem.tls.caPem = TlsMaterial::read(m_tls.caCert());
        mem.tls.clientCertPem = TlsMaterial::read(m_tls.clientCert());
        mem.tls.clientKeyPem = TlsMaterial::read(m_tls.clientKey());
        resp = fetch(client, mem);
        QVERIFY2(resp.isSuccess(), qPrintable(resp.error.toString()));
        QCOMPARE(resp.body, QByteArray("CN=student"));

        // Expired: the server refuses it, and the words say it is about the client certificate.
        r.tls.clientCertFile = m_tls.expiredClientCert();
        resp = fetch(client, r);
        QCOMPARE(resp.failure, HttpFailure::TlsClientCertificate);

        // A key that does not belong to the certificate: caught on our side. (A fresh client:
        // libcurl would reuse the open connection made with the same certificate and the right key.)
        r.tls.clientCertFile = m_tls.clientCert();
        r.tls.clientKeyFile = m_tls.unrelatedKey();
        HttpClient fresh;
        resp = fetch(fresh, r);
        QCOMPARE(resp.failure, HttpFailure::TlsClientCertificate);
        QVERIFY2(resp.error.message.contains(QLatin1String("cannot be used")),
                 qPrintable(resp.error.message));
    }
};

QTEST_GUILESS_MAIN(TestHttpClient)
#include "tst_httpclient.moc"
