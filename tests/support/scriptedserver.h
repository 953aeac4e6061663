#pragma once

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QString>
#include <QUrlQuery>

#include <functional>
#include <memory>

namespace labtest {

// One request as the server read it. Recorded copies carry credentials redacted
// (ScriptedServer::redact); the handler sees them as sent.
struct ServerRequest
{
    QByteArray method;
    QByteArray target;                            // as on the request line: path?query
    QByteArray path;                              // before '?', still percent-encoded
    QByteArray query;                             // after '?', still percent-encoded
    QList<QPair<QByteArray, QByteArray>> headers; // names in lower case
    QByteArray body;                              // de-chunked
    int connection = 0;           // 1-based number of the TCP connection it came on (keep-alive reuse shows)
    qint64 receivedMs = 0;        // since the server started: ordering and figures, never timing asserts
    QByteArray clientCertSubject; // with TLS client certificates: the verified subject, "CN=student"

    QByteArray header(const QByteArray &name) const; // first match, case-insensitive
    QUrlQuery queryItems() const;
};

// What the server answers to one request, fault modes included.
struct ScriptedResponse
{
    enum class Fault {
        None,
        // Announce the full Content-Length (or a chunk's full size), send faultAfterBytes of the
        // body (default: half), then close cleanly: the client sees a truncated body.
        CloseMidBody,
        // Reset the connection (RST). faultAfterBytes < 0 (default): right after reading the request,
        // nothing sent; otherwise after the headers and that many body bytes.
        Reset,
        // Close cleanly without sending anything.
        CloseWithoutResponse,
        // Send the headers and faultAfterBytes of the body (default 0), then stay silent until the
        // client goes away or the server stops.
        Stall,
        // Send the headers, then the body one byte every dripIntervalMs.
        SlowDrip,
    };
    enum class Framing {
        Auto, // scripted chunks, or a stall with no body: chunked; otherwise Content-Length
        ContentLength,
        Chunked,
        CloseDelimited, // no length: the body ends when the connection closes
    };
    struct Chunk
    {
        int delayMs = 0; // before this piece is sent
        QByteArray data;
    };

    int status = 200;
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray body;
    QList<Chunk> chunks;       // when set: the body, piece by piece, with delays
    qint64 generatedBytes = 0; // when > 0: a filler body of this size made on the fly (100 MB tests)
    Framing framing = Framing::Auto;
    int delayMs = 0; // before the status line
    Fault fault = Fault::None;
    qint64 faultAfterBytes = -1;
    int dripIntervalMs = 100;
    bool closeAfter = false; // Connection: close

    static ScriptedResponse json(int status, const QByteArray &body);
    static ScriptedResponse text(int status, const QByteArray &body,
                                 const QByteArray &contentType = "text/plain");
    static ScriptedResponse html(int status, const QByteArray &body);
    static ScriptedResponse withFault(Fault fault, const QByteArray &body = {});
    ScriptedResponse &header(const QByteArray &name, const QByteArray &value);
};

// A scriptable HTTP/1.1 server (plain or TLS) on 127.0.0.1 with an ephemeral port, for tests that
// play kube-apiserver, an MLflow tracking server or Prometheus, and inject faults at byte level.
//
// One thread accepts, one thread serves each connection (keep-alive honoured), so a stalled
// connection never blocks another. Answers come from the queue of scripted responses first, then
// from the handler (called on a connection thread: guard shared state), then 404. Every request
// is recorded before it is answered.
//
// Built on plain sockets and OpenSSL rather than cpp-httplib: the faults (RST mid-body, a
// Content-Length that lies, a chunk cut in half) need control of every byte, over TLS too.
class ScriptedServer
{
public:
    struct TlsConfig
    {
        QString certFile; // PEM chain, leaf first
        QString keyFile;
        QString clientCaFile; // CA for client certificates
        bool requireClientCert = false;
    };
    using Handler = std::function<ScriptedResponse(const ServerRequest &)>;

    ScriptedServer();
    ~ScriptedServer(); // stop()
    ScriptedServer(const ScriptedServer &) = delete;
    ScriptedServer &operator=(const ScriptedServer &) = delete;

    bool start(); // plain HTTP; false (see errorString) when it cannot listen
    bool startTls(const TlsConfig &tls);
    // Closes the listener and every connection (stalled ones too) and joins all threads. The port
    // then refuses connections, which tests use for "server down".
    void stop();

    quint16 port() const;
    QString baseUrl() const;                        // "http://127.0.0.1:PORT" or "https://..."
    QString url(const QString &pathAndQuery) const; // baseUrl() + pathAndQuery
    QString errorString() const;

    void setHandler(Handler handler);
    void enqueue(ScriptedResponse response);

    QList<ServerRequest> requests() const;
    int requestCount() const;
    bool waitForRequests(int count, int timeoutMs = 5000) const;
    void clearRequests();
    int connectionCount() const; // connections accepted so far
    int tlsHandshakeFailures() const;
    qint64 bodyBytesSent() const; // payload bytes written so far, over all responses

    // How a recorded credential header looks: "Bearer <redacted sha256:1a2b3c4d>". Tests compare
    // redact(expected) with the recorded value without any log or failure message showing the secret.
    static QByteArray redact(const QByteArray &headerValue);
    static QByteArray gzip(const QByteArray &data);

private:
    struct Impl;
    std::unique_ptr<Impl> d;
};

} // namespace labtest
