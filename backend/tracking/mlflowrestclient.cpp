#include "mlflowrestclient.h"

#include "net/httpclient.h"
#include "net/retrypolicy.h"
#include "tracking/mlflowjson.h"

#include <QCoreApplication>
#include <QLoggingCategory>

Q_LOGGING_CATEGORY(lcMlflowRest, "labconsole.mlflow")

namespace lab {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("lab::MlflowRestClient", text);
}

// Every byte outside the unreserved set percent-encoded, so that a '+' or '&' in a value (an
// artifact path, a filter) reaches the server as itself: QUrlQuery leaves '+' alone, which
// servers read as a space.
QString encodeQuery(const QUrlQuery &query)
{
    QByteArray out;
    for (const auto &[key, value] : query.queryItems(QUrl::FullyDecoded)) {
        if (!out.isEmpty())
            out += '&';
        out += QUrl::toPercentEncoding(key) + '=' + QUrl::toPercentEncoding(value);
    }
    return QString::fromLatin1(out);
}

bool looksLikeJson(const HttpResponse &response)
{
    const QByteArray type = response.header("content-type").toLower();
    if (type.contains("html"))
        return false;
    const QByteArray start = response.body.left(64).trimmed();
    return start.startsWith('{') || start.startsWith('[');
}

QString hostOf(const QUrl &url)
{
    const int port = url.port(url.scheme() == QLatin1String("https") ? 443 : 80);
    return url.host() + QLatin1Char(':') + QString::number(port);
}

} // namespace

MlflowRestClient::CallScope::CallScope(MlflowRestClient *client) : m_client(client)
{
    if (m_client->m_depth++ == 0)
        m_client->m_abort = false;
}

MlflowRestClient::CallScope::~CallScope()
{
    --m_client->m_depth;
}

MlflowRestClient::MlflowRestClient(MlflowConnection connection)
    : m_connection(std::move(connection)), m_http(std::make_unique<HttpClient>()),
      m_retry(std::make_unique<RetryPolicy>(m_connection.retry))
{
}

MlflowRestClient::~MlflowRestClient() = default;

void MlflowRestClient::interrupt()
{
    m_abort = true;
}

bool MlflowRestClient::isInterrupted() const
{
    return m_abort.load();
}

Error MlflowRestClient::cancelledError() const
{
    return makeError(tr("The request to the MLflow server was cancelled"), QStringLiteral("CANCELLED"));
}

HttpRequest MlflowRestClient::makeRequest(const QByteArray &method, const QString &path,
                                          const QUrlQuery &query, const QByteArray &body,
                                          const QByteArray &contentType, qint64 maxResponseBytes) const
{
    HttpRequest r;
    r.method = method;
    QUrl url = m_connection.baseUrl;
    url.setPath(url.path() + QLatin1Char('/') + path, QUrl::DecodedMode);
    if (!query.isEmpty())
        url.setQuery(encodeQuery(query), QUrl::StrictMode);
    r.url = url;
    r.body = body;
    if (!contentType.isEmpty())
        r.setHeader("Content-Type", contentType);
    r.setHeader("Accept", "application/json");
    r.setHeader("User-Agent", "labconsole-mlflow-client");
    const TrackingCredentials &cred = m_connection.credentials;
    // Ours: a token wins over basic auth (see MlflowConnection).
    if (!cred.token.isEmpty())
        r.setHeader("Authorization", "Bearer " + cred.token.toUtf8());
    else if (!cred.username.isEmpty() && !cred.password.isEmpty())
        r.setHeader("Authorization",
                    "Basic " + (cred.username + QLatin1Char(':') + cred.password).toUtf8().toBase64());
    r.timeoutMs = m_connection.retry.timeoutMs;
    r.connectTimeoutMs = std::min(r.timeoutMs, 10000);
    r.maxResponseBytes = maxResponseBytes;
    if (m_connection.baseUrl.scheme() == QLatin1String("https")) {
        r.tls.insecureSkipVerify = m_connection.insecureTls;
        r.tls.caFile = m_connection.serverCertPath;
        // MLflow hands the path to requests' `cert=`: one PEM holding the certificate and its key.
        r.tls.clientCertFile = m_connection.clientCertPath;
        r.tls.clientKeyFile = m_connection.clientCertPath;
    }
    return r;
}

HttpResponse MlflowRestClient::execute(const HttpRequest &request)
{
    CallScope scope(this);
    if (m_abort) {
        HttpResponse cancelled;
        cancelled.failure = HttpFailure::Cancelled;
        cancelled.error = cancelledError();
        m_lastAttempts = 0;
        return cancelled;
    }
    int attempts = 0;
    HttpResponse response = m_retry->execute(*m_http, request, &m_abort, {}, &attempts);
    m_lastAttempts = attempts;
    if (m_abort && !response.isSuccess()) {
        response.failure = HttpFailure::Cancelled;
        response.error = cancelledError();
    }
    qCDebug(lcMlflowRest).noquote() << request.method << redactedUrl(request.url) << "->" << response.status
                                    << "after" << attempts << "attempt(s)";
    return response;
}

HttpResponse MlflowRestClient::send(const QByteArray &method, const QString &path, const QUrlQuery &query,
                                    const QByteArray &body, const QByteArray &contentType,
                                    qint64 maxResponseBytes)
{
    return execute(makeRequest(method, path, query, body, contentType, maxResponseBytes));
}

Error MlflowRestClient::errorFor(const HttpResponse &response, const QString &what) const
{
    const QString host = hostOf(m_connection.baseUrl);
    if (!response.ok()) {
        if (response.failure == HttpFailure::Cancelled)
            return cancelledError();
        Error e = response.error;
        e.message =
            tr("Could not reach the MLflow server at %1 (%2): %3").arg(host, what, response.error.message);
        if (e.code.isEmpty())
            e.code = httpFailureCode(response.failure);
        {
            switch (response.failure) {
            case HttpFailure::TooLarge:
                e.hint =
                    tr("The answer is larger than the console accepts; ask for less (a filter, fewer runs).");
                break;
            case HttpFailure::TlsUntrusted:
            case HttpFailure::TlsHostnameMismatch:
                e.hint = tr("Set MLFLOW_TRACKING_SERVER_CERT_PATH to the CA that signed the server's "
                            "certificate (or MLFLOW_TRACKING_INSECURE_TLS=true to skip the check).");
                break;
            case HttpFailure::TlsClientCertificate:
                e.hint = tr("Check MLFLOW_TRACKING_CLIENT_CERT_PATH: a PEM file with the client certificate "
                            "and its key.");
                break;
            default:
                if (e.hint.isEmpty())
                    e.hint = tr("Check the address and that the server is running; the console retries on "
                                "its own.");
            }
        }
        return e;
    }

    Error e;
    e.httpStatus = response.status;
    const bool json = looksLikeJson(response);
    std::optional<MlflowJson::Json> body;
    if (json) {
        if (auto parsed = MlflowJson::parse(response.body); parsed && parsed->is_object())
            body = std::move(*parsed);
    }
    QString serverCode, serverMessage;
    if (body) {
        if (auto it = body->find("error_code"); it != body->end() && it->is_string())
            serverCode = QString::fromStdString(it->get<std::string>());
        if (auto it = body->find("message"); it != body->end() && it->is_string())
            serverMessage = QString::fromStdString(it->get<std::string>());
    }

    if (response.status == 401) {
        const TrackingCredentials &c = m_connection.credentials;
        e.code = QStringLiteral("UNAUTHENTICATED");
        if (c.isEmpty()) {
            e.message = tr("The MLflow server at %1 needs credentials (HTTP 401)").arg(host);
            e.hint = tr("Set MLFLOW_TRACKING_TOKEN, or MLFLOW_TRACKING_USERNAME and MLFLOW_TRACKING_PASSWORD "
                        "(or save them in the profile's connection settings).");
        } else {
            e.message = tr("The MLflow server at %1 answered HTTP 401: credentials rejected").arg(host);
            e.hint = !c.token.isEmpty()
                         ? tr("Check MLFLOW_TRACKING_TOKEN (or the token saved for this profile).")
                         : tr("Check MLFLOW_TRACKING_USERNAME / MLFLOW_TRACKING_PASSWORD (or the credentials "
                              "saved for this profile).");
        }
        e.detail = serverMessage.isEmpty() ? bodyExcerpt(response.body, 120) : serverMessage;
        return e;
    }
    if (response.status == 403) {
        e.code = serverCode.isEmpty() ? QStringLiteral("PERMISSION_DENIED") : serverCode;
        e.message = tr("The MLflow server at %1 refused %2 (HTTP 403): %3")
                        .arg(host, what, serverMessage.isEmpty() ? tr("permission denied") : serverMessage);
        e.hint = tr("Ask the server's administrator for access, or use other credentials.");
        return e;
    }
    if (!serverCode.isEmpty() || !serverMessage.isEmpty()) {
        e.code = serverCode.isEmpty() ? QStringLiteral("HTTP_%1").arg(response.status) : serverCode;
        e.message = tr("The MLflow server answered %1 for %2: %3")
                        .arg(e.code, what, serverMessage.isEmpty() ? tr("(no message)") : serverMessage);
        if (serverCode == QLatin1String("RESOURCE_DOES_NOT_EXIST"))
            e.hint = tr("It may have been deleted, or the id or name is wrong.");
        else if (serverCode == QLatin1String("INVALID_PARAMETER_VALUE") ||
                 serverCode == QLatin1String("BAD_REQUEST"))
            e.hint = tr("The server refused what was sent; correct it and try again.");
        else if (response.status >= 500)
            e.hint = tr("The server failed; try again later, or tell its administrator.");
        return e;
    }
    if (response.status == 404 || response.status == 405) {
        e = unexpectedResponseError(response, m_connection.baseUrl);
        e.code = QStringLiteral("ENDPOINT_NOT_FOUND");
        e.message = tr("The server at %1 does not answer MLflow's REST API (HTTP %2 for %3): it is not an "
                       "MLflow tracking server, or an older one without this call")
                        .arg(host)
                        .arg(response.status)
                        .arg(what);
        e.hint = tr("Check the tracking URI (a path prefix such as /mlflow may be missing).");
        return e;
    }
    e = unexpectedResponseError(response, m_connection.baseUrl);
    e.message =
        tr("Not an MLflow server (or a proxy page): %1 answered %2 with %3").arg(host, what, e.message);
    if (response.status >= 500)
        e.hint = tr("A proxy in front of the MLflow server reports a failure; the server may be down. Try "
                    "again later.");
    return e;
}

Result<MlflowRestClient::Json> MlflowRestClient::judge(const HttpResponse &response,
                                                       const QString &what) const
{
    if (!response.isSuccess())
        return errorFor(response, what);
    if (response.body.trimmed().isEmpty())
        return Json::object();
    if (!looksLikeJson(response))
        return errorFor(response, what); // a proxy's login page with 200
    auto parsed = MlflowJson::parse(response.body);
    if (!parsed) {
        Error e = parsed.error();
        e.message =
            tr("The MLflow server's answer to %1 is not valid JSON: %2").arg(what, parsed.error().message);
        e.code = QStringLiteral("INVALID_RESPONSE");
        e.httpStatus = response.status;
        e.hint = tr("The answer may have been cut off by the network or a proxy; try again.");
        return e;
    }
    if (!parsed->is_object()) {
        Error e = makeError(tr("The MLflow server's answer to %1 is not a JSON object").arg(what),
                            QStringLiteral("INVALID_RESPONSE"), bodyExcerpt(response.body, 120));
        e.httpStatus = response.status;
        return e;
    }
    return std::move(*parsed);
}

QString MlflowRestClient::apiPath(const QString &endpoint)
{
    return QStringLiteral("api/2.0/mlflow/") + endpoint;
}

Result<MlflowRestClient::Json> MlflowRestClient::get(const QString &endpoint, const QUrlQuery &query)
{
    return judge(send("GET", apiPath(endpoint), query), endpoint);
}

Result<MlflowRestClient::Json> MlflowRestClient::post(const QString &endpoint, const Json &body,
                                                      bool idempotent)
{
    HttpRequest r = makeRequest("POST", apiPath(endpoint), {}, MlflowJson::dump(body), "application/json",
                                HttpRequest::DefaultMaxResponseBytes);
    if (idempotent)
        r.idempotent = true;
    return judge(execute(r), endpoint);
}

Result<MlflowRestClient::Json> MlflowRestClient::patch(const QString &endpoint, const Json &body)
{
    return judge(send("PATCH", apiPath(endpoint), {}, MlflowJson::dump(body), "application/json"), endpoint);
}

Result<MlflowRestClient::Json> MlflowRestClient::del(const QString &endpoint, const Json &body)
{
    return judge(send("DELETE", apiPath(endpoint), {}, MlflowJson::dump(body), "application/json"), endpoint);
}

Result<QByteArray> MlflowRestClient::getRaw(const QString &endpoint, const QUrlQuery &query)
{
    const HttpResponse response = send("GET", apiPath(endpoint), query);
    if (!response.isSuccess() || !looksLikeJson(response))
        return errorFor(response, endpoint);
    return response.body;
}

} // namespace lab
