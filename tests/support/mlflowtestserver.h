#pragma once

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

#include <memory>

namespace labtest {

// A loopback MLflow tracking server for tests, written from MLflow's REST API reference
// (service.proto, model_registry.proto, mlflow/server/handlers.py): the REST API 2.0 under
// /api/2.0/mlflow/ (and /ajax-api/2.0/mlflow/), the mlflow-artifacts proxy, the model registry,
// optional basic or bearer auth and TLS, backed by a real lab::MlflowFileStore in a folder.
//
// It answers as MLflow's Flask server does: protobuf's JSON mapping with snake_case names, int64
// as JSON numbers, NaN/Infinity as the strings "NaN"/"Infinity"/"-Infinity", empty repeated
// fields left out (an empty search is `{}`); errors as {"error_code": ..., "message": ...} with
// MLflow's HTTP status; a path it does not know as werkzeug's HTML 404 page; a missing or wrong
// credential as MLflow's basic-auth app answers (401, text body, WWW-Authenticate).
//
// Requests are served on 127.0.0.1 from httplib's worker threads; every call into the store is
// serialised by one mutex. Faults can be queued per path to test a client's retry and error paths,
// and every request is recorded (never the credential itself) for assertions.
class MlflowTestServer
{
public:
    struct Options
    {
        // Auth: with a username, requests need `Authorization: Basic` with these credentials;
        // with a token, `Authorization: Bearer <token>`. Both set: either is accepted.
        QString username;
        QString password;
        QString token;
        // TLS: PEM files. With clientCaFile the server requires a client certificate signed by it.
        QString certFile;
        QString keyFile;
        QString clientCaFile;
        // Answer run artifact URIs as a server started with --serve-artifacts does
        // (mlflow-artifacts:/<experiment>/<run>/artifacts) when the store holds a local path.
        bool proxyArtifacts = true;
    };

    // One queued misbehaviour for the requests whose path matches pathRegex (a partial match,
    // e.g. "runs/log-batch"). Faults are consumed in the order they were injected.
    struct Fault
    {
        int status = 0;         // answer this HTTP status with MLflow's error body for it
        QByteArray body;        // instead of that error body (with status, e.g. 200 + a body to test parsers)
        QByteArray contentType; // of `body`; default application/json
        QString retryAfter;     // Retry-After header value ("2", or an HTTP date)
        int times = 1;          // how many matching requests it applies to
        bool dropConnection = false; // close the connection without answering
        bool truncateBody = false;   // announce the full Content-Length, send half, close
        bool truncateJson = false;   // a complete HTTP answer whose JSON body is cut in half
        bool htmlProxyPage = false;  // answer as a reverse proxy in front of a dead server (nginx 502 page)
        int slowBodyMsPerByte = 0;   // trickle the body out at this pace
        bool partialLogBatchThen500 = false; // store the first half of a log-batch, then answer 500
        bool applyFirst = false;             // carry out the request before the status/drop fault applies
        int delayMs = 0;                     // wait this long before answering
        QString method;                      // only requests with this method ("POST"); empty: any
    };

    struct RecordedRequest
    {
        QString method;
        QString path;  // without the query
        QString query; // raw query string, without '?'
        QByteArray body;
        QString authKind; // "none", "basic", "bearer" or "other" (the credential is never kept)
        int status = 0;   // what the server answered (0 for a dropped connection)
    };

    // Files for a TLS test: a CA, a server certificate for 127.0.0.1/localhost and a client
    // certificate, both signed by the CA; PEM, keys unencrypted.
    struct TlsFiles
    {
        QString caCert;
        QString serverCert;
        QString serverKey;
        QString clientCert;
        QString clientKey;
        QString otherCaCert; // a second CA that signed nothing here, for "wrong CA" tests
    };
    // Generates them into `dir` (OpenSSL, RSA 2048, valid for a day). Empty caCert on failure.
    static TlsFiles generateTlsFiles(const QString &dir);

    // Serves the MLflow file store at storeRoot (created with MLflow's layout when missing).
    explicit MlflowTestServer(const QString &storeRoot);
    MlflowTestServer(const QString &storeRoot, Options options);
    ~MlflowTestServer();
    MlflowTestServer(const MlflowTestServer &) = delete;
    MlflowTestServer &operator=(const MlflowTestServer &) = delete;

    // Binds 127.0.0.1 (port 0: an ephemeral one) and serves on its own thread. False, with
    // errorString(), when the store or the TLS files are unusable or the port is taken.
    bool start(int port = 0);
    // Stops serving and joins the thread; safe to call twice.
    void stop();
    bool isRunning() const;
    QString errorString() const;

    // http://127.0.0.1:<port> (https:// in TLS mode), no trailing slash.
    QString url() const;
    int port() const;
    QString storeRoot() const;

    void injectFault(const QString &pathRegex, const Fault &fault);
    void clearFaults();
    // How many injected fault applications are still waiting.
    int pendingFaults() const;

    QList<RecordedRequest> requests() const;
    // Requests whose path matches the regex (partial match), optionally with a given method.
    QList<RecordedRequest> requests(const QString &pathRegex, const QString &method = {}) const;
    void clearRequests();

    // Changes credentials while running (e.g. a token that expires).
    void setAuth(const QString &username, const QString &password, const QString &token);

private:
    struct Impl;
    std::unique_ptr<Impl> d;
};

} // namespace labtest
