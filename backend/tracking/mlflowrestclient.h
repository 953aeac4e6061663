#pragma once

#include "core/result.h"
#include "net/httpresponse.h"
#include "tracking/mlflowconnection.h"

#include <QByteArray>
#include <QString>
#include <QUrlQuery>

#include <nlohmann/json.hpp>

#include <atomic>
#include <memory>

namespace lab {

class HttpClient;
class RetryPolicy;

// The transport under MlflowRestStore and MlflowRestRegistry: MLflow's REST API 2.0 at
// <base>/api/2.0/mlflow/<endpoint>, as MLflow's Python client calls it (mlflow/utils/rest_utils.py):
// GET with the request fields as query parameters (repeated fields repeated), POST/PATCH/DELETE
// with a JSON body. Applies the connection's auth (Bearer token wins over Basic), TLS and retry
// settings (RetryPolicy; POSTs are not re-sent unless the server cannot have acted on them, or the
// caller says the call is idempotent), and turns every failure into an Error in words:
// MLflow's {"error_code", "message"} with the HTTP status, 401/403 as "credentials rejected" with
// what to set, an HTML or non-JSON answer as "not an MLflow server (or a proxy page)", transport
// failures as what they are. Blocking: use it on one worker thread; interrupt() may be called
// from any thread.
class MlflowRestClient
{
public:
    using Json = nlohmann::json;

    explicit MlflowRestClient(MlflowConnection connection);
    ~MlflowRestClient();
    MlflowRestClient(const MlflowRestClient &) = delete;
    MlflowRestClient &operator=(const MlflowRestClient &) = delete;

    const MlflowConnection &connection() const { return m_connection; }

    // endpoint: e.g. "runs/search", "metrics/get-history", "registered-models/alias".
    Result<Json> get(const QString &endpoint, const QUrlQuery &query = {});
    Result<Json> post(const QString &endpoint, const Json &body, bool idempotent = false);
    Result<Json> patch(const QString &endpoint, const Json &body);
    Result<Json> del(const QString &endpoint, const Json &body);
    // GET returning the raw body (the metric-history hot path parses it with simdjson).
    Result<QByteArray> getRaw(const QString &endpoint, const QUrlQuery &query = {});

    // Any path below the base URL (e.g. "api/2.0/mlflow-artifacts/artifacts/1/abc/artifacts/model/MLmodel"),
    // with auth, TLS and retries applied. The caller judges the status; see errorFor().
    HttpResponse send(const QByteArray &method, const QString &path, const QUrlQuery &query = {},
                      const QByteArray &body = {}, const QByteArray &contentType = {},
                      qint64 maxResponseBytes = HttpRequest::DefaultMaxResponseBytes);
    // An Error in words for a response that is not a success (or not MLflow's JSON).
    Error errorFor(const HttpResponse &response, const QString &what) const;

    // Ends the blocking call in progress (and any retry wait) soon, with a CANCELLED error. Thread-safe.
    void interrupt();
    bool isInterrupted() const;
    // Groups the requests of one store call: interrupt() during any of them fails the rest too. The
    // outermost scope clears an interrupt left from before it began. Every request opens one itself.
    class CallScope
    {
    public:
        explicit CallScope(MlflowRestClient *client);
        ~CallScope();
        CallScope(const CallScope &) = delete;
        CallScope &operator=(const CallScope &) = delete;

    private:
        MlflowRestClient *m_client;
    };
    Error cancelledError() const;
    // How many attempts the last call took (1 = no retry). For tests and the "server busy" notice.
    int lastAttempts() const { return m_lastAttempts; }

private:
    static QString apiPath(const QString &endpoint);
    HttpRequest makeRequest(const QByteArray &method, const QString &path, const QUrlQuery &query,
                            const QByteArray &body, const QByteArray &contentType,
                            qint64 maxResponseBytes) const;
    HttpResponse execute(const HttpRequest &request);
    Result<Json> judge(const HttpResponse &response, const QString &what) const;

    MlflowConnection m_connection;
    std::unique_ptr<HttpClient> m_http;
    std::unique_ptr<RetryPolicy> m_retry;
    std::atomic_bool m_abort{false};
    int m_lastAttempts = 0;
    int m_depth = 0; // open CallScopes, on the calling thread
};

} // namespace lab
