#pragma once

#include "net/httprequest.h"
#include "net/httpresponse.h"

#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>

#include <atomic>
#include <functional>
#include <optional>

namespace lab {

class HttpClient;

// The retry limits of MLflow's Python client (mlflow/environment_variables.py, defaults as of
// MLflow 2.x/3.x), which hands them to urllib3's Retry (mlflow/utils/request_utils.py).
struct RetrySettings
{
    int maxRetries = 7;         // MLFLOW_HTTP_REQUEST_MAX_RETRIES: attempts = maxRetries + 1
    double backoffFactor = 2.0; // MLFLOW_HTTP_REQUEST_BACKOFF_FACTOR, seconds
    double backoffJitter = 1.0; // MLFLOW_HTTP_REQUEST_BACKOFF_JITTER, seconds (uniform 0..jitter added)
    int timeoutMs = 120000;     // MLFLOW_HTTP_REQUEST_TIMEOUT, per attempt: callers copy it into HttpRequest
    bool respectRetryAfter = true;  // MLFLOW_HTTP_RESPECT_RETRY_AFTER_HEADER
    qint64 maxBackoffMs = 120000;   // urllib3's DEFAULT_BACKOFF_MAX
    qint64 maxRetryAfterMs = 60000; // ours: a server's Retry-After is honoured up to this
    QList<int> retryStatuses{408, 429, 500, 502, 503, 504}; // MLflow's _TRANSIENT_FAILURE_RESPONSE_CODES

    // The defaults above, overridden by the MLFLOW_HTTP_* variables that are set. A value that is
    // not a number, or outside MLflow's own limits (retries 0..9, backoff factor 0..119), is
    // ignored and described in *warnings.
    static RetrySettings fromEnvironment(QStringList *warnings = nullptr);
};

struct RetryDecision
{
    bool retry = false;
    qint64 delayMs = 0;
    bool fromRetryAfter = false; // the delay is the server's Retry-After (capped)
    QString reason; // "HTTP 503", "connection refused to ...": for logs and a "server busy" notice
};

// When and how long to wait before sending a request again. Pure: the clock and the jitter source
// are injected, so tests run in virtual time.
//
// Rules (urllib3's Retry as MLflow configures it, plus what RELIABILITY.md asks of writes):
// - retried: the statuses in retryStatuses, and connection-level failures (refused, reset, DNS,
//   timeouts, truncated bodies, proxy unreachable); never TLS failures, "too large", cancellation;
// - a request that is not idempotent (POST, PATCH, unless HttpRequest::idempotent says so) is only
//   sent again when the server cannot have acted on it: it failed before anything was sent
//   (refused, DNS, connect timeout, TLS handshake excluded), or the answer was 429 or 408;
// - delay after the n-th consecutive failure: 0 for n = 1, then backoffFactor * 2^(n-1) seconds
//   plus a uniform jitter in [0, backoffJitter), at most maxBackoffMs;
// - for 429, 503 (and 413) a valid Retry-After replaces that delay, capped at maxRetryAfterMs;
//   garbage, negative or absurd values (over a day) fall back to the backoff.
class RetryPolicy
{
public:
    using Clock = std::function<QDateTime()>;
    using Random = std::function<double()>; // uniform in [0, 1)
    using Sleeper = std::function<void(qint64 ms)>;

    explicit RetryPolicy(RetrySettings settings = {}, Clock clock = {}, Random random = {});

    const RetrySettings &settings() const { return m_settings; }

    // failedAttempts counts the attempts that have failed so far, this one included (1 after the first).
    RetryDecision decide(const HttpRequest &request, const HttpResponse &response, int failedAttempts) const;

    bool isRetryableStatus(int status) const;
    static bool isRetryableFailure(HttpFailure failure);
    // Whether sending the request again cannot do something twice, given this response.
    static bool maySendAgain(const HttpRequest &request, const HttpResponse &response);
    qint64 backoffMs(int failedAttempts, double random01) const;

    // Retry-After as a wait in ms from now: delta-seconds or an HTTP-date (IMF-fixdate, RFC 850,
    // asctime). A date in the past gives 0. Garbage, negative numbers and waits over a day: nullopt.
    static std::optional<qint64> parseRetryAfter(const QByteArray &value, const QDateTime &now);
    static QByteArray httpDate(const QDateTime &when); // IMF-fixdate, e.g. for test servers

    // Blocking helper for worker threads: sendAndWait() with these rules until success, a final
    // answer or the retries run out; returns the last response. sleep defaults to a real sleep
    // that *abort interrupts.
    HttpResponse execute(HttpClient &client, const HttpRequest &request,
                         const std::atomic_bool *abort = nullptr, const Sleeper &sleep = {},
                         int *attempts = nullptr) const;

private:
    RetrySettings m_settings;
    Clock m_clock;
    Random m_random;
};

} // namespace lab
