#include "mlflowtestserver.h"

#include "tracking/mlflowfilestore.h"
#include "tracking/mlflowjson.h"
#include "tracking/searchfilter.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QMap>
#include <QRegularExpression>
#include <QUrl>

#include <httplib.h>
#include <nlohmann/json.hpp>
#include <openssl/bio.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <csignal>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <thread>

#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

namespace labtest {

namespace {

using Json = nlohmann::json;
using lab::MlflowJson;

// Limits from MLflow (mlflow/utils/validation.py, mlflow/server/handlers.py, service.proto).
constexpr int MaxMetricsPerBatch = 1000;
constexpr int MaxParamsTagsPerBatch = 100;
constexpr int MaxEntitiesPerBatch = 1000;
constexpr int MaxBatchRequestBytes = 1000000;
constexpr int MaxParamValueLength = 6000;
constexpr int MaxTagValueLength = 8000;
constexpr int MaxEntityKeyLength = 250;
constexpr int SearchMaxResultsDefault = 1000;
constexpr int SearchMaxResultsThreshold = 50000;
constexpr int MaxHistoryResults = 25000;
constexpr int MaxRunsBulkInterval = 100;
constexpr int MaxResultsPerRunBulkInterval = 2500;
constexpr int RegisteredModelsMaxDefault = 100;
constexpr int RegisteredModelsMaxThreshold = 1000;
constexpr int ModelVersionsMaxDefault = 10000;
constexpr int ModelVersionsMaxThreshold = 200000;

const char *const ApiPrefix = "/api/2.0/mlflow/";
const char *const AjaxPrefix = "/ajax-api/2.0/mlflow/";
const char *const ArtifactsPrefix = "/api/2.0/mlflow-artifacts/artifacts";

// MLflow's own 401 (mlflow/server/auth/__init__.py, make_basic_auth_response).
const char *const NotAuthenticatedText =
    "You are not authenticated. Please see "
    "https://www.mlflow.org/docs/latest/auth/index.html#authenticating-to-mlflow "
    "on how to authenticate.";

// What werkzeug answers for a URL that no route matches (MLflow's Flask app has no JSON 404).
const char *const FlaskNotFoundPage =
    "<!doctype html>\n<html lang=en>\n<title>404 Not Found</title>\n<h1>Not Found</h1>\n"
    "<p>The requested URL was not found on the server. If you entered the URL manually please check your "
    "spelling and try again.</p>\n";
const char *const FlaskMethodNotAllowedPage =
    "<!doctype html>\n<html lang=en>\n<title>405 Method Not Allowed</title>\n<h1>Method Not Allowed</h1>\n"
    "<p>The method is not allowed for the requested URL.</p>\n";

const char *const NginxBadGatewayPage =
    "<html>\r\n<head><title>%1 %2</title></head>\r\n<body>\r\n"
    "<center><h1>%1 %2</h1></center>\r\n<hr><center>nginx/1.22.1</center>\r\n"
    "</body>\r\n</html>\r\n";

std::string toStd(const QString &s)
{
    const QByteArray u = s.toUtf8();
    return std::string(u.constData(), size_t(u.size()));
}

QString fromStd(const std::string &s)
{
    return QString::fromUtf8(s.data(), qsizetype(s.size()));
}

qint64 nowMs()
{
    return QDateTime::currentMSecsSinceEpoch();
}

// An MLflow error, thrown inside a handler and turned into the response at the dispatcher.
struct ApiError
{
    QString code;
    QString message;
};

[[noreturn]] void fail(const QString &code, const QString &message)
{
    throw ApiError{code, message};
}

[[noreturn]] void invalid(const QString &message)
{
    fail(QStringLiteral("INVALID_PARAMETER_VALUE"), message);
}

// MLflow's ERROR_CODE_TO_HTTP_STATUS (mlflow/exceptions.py).
int httpStatusFor(const QString &code)
{
    static const QHash<QString, int> map = {
        {QStringLiteral("RESOURCE_DOES_NOT_EXIST"), 404},
        {QStringLiteral("ENDPOINT_NOT_FOUND"), 404},
        {QStringLiteral("RESOURCE_ALREADY_EXISTS"), 400},
        {QStringLiteral("INVALID_PARAMETER_VALUE"), 400},
        {QStringLiteral("BAD_REQUEST"), 400},
        {QStringLiteral("MALFORMED_REQUEST"), 400},
        {QStringLiteral("INVALID_STATE"), 400},
        {QStringLiteral("PERMISSION_DENIED"), 403},
        {QStringLiteral("UNAUTHENTICATED"), 401},
        {QStringLiteral("REQUEST_LIMIT_EXCEEDED"), 429},
        {QStringLiteral("TEMPORARILY_UNAVAILABLE"), 503},
        {QStringLiteral("NOT_IMPLEMENTED"), 501},
        {QStringLiteral("INTERNAL_ERROR"), 500},
        {QStringLiteral("IO_ERROR"), 500},
    };
    return map.value(code, 500);
}

// The error code MLflow would put in the body for a bare HTTP status (injected faults).
QString codeForStatus(int status)
{
    switch (status) {
    case 400:
        return QStringLiteral("BAD_REQUEST");
    case 401:
        return QStringLiteral("UNAUTHENTICATED");
    case 403:
        return QStringLiteral("PERMISSION_DENIED");
    case 404:
        return QStringLiteral("RESOURCE_DOES_NOT_EXIST");
    case 429:
        return QStringLiteral("REQUEST_LIMIT_EXCEEDED");
    case 408:
    case 502:
    case 503:
    case 504:
        return QStringLiteral("TEMPORARILY_UNAVAILABLE");
    default:
        return QStringLiteral("INTERNAL_ERROR");
    }
}

QString reasonPhrase(int status)
{
    switch (status) {
    case 429:
        return QStringLiteral("Too Many Requests");
    case 500:
        return QStringLiteral("Internal Server Error");
    case 503:
        return QStringLiteral("Service Temporarily Unavailable");
    case 504:
        return QStringLiteral("Gateway Time-out");
    default:
        return QStringLiteral("Bad Gateway");
    }
}

QByteArray errorBody(const QString &code, const QString &message)
{
    return MlflowJson::dump(Json{{"error_code", toStd(code)}, {"message", toStd(message)}});
}

// Lab store errors carry lab's own codes too; MLflow's client only knows MLflow's.
ApiError fromStoreError(const lab::Error &e)
{
    static const QStringList mlflowCodes = {QStringLiteral("RESOURCE_DOES_NOT_EXIST"),
                                            QStringLiteral("RESOURCE_ALREADY_EXISTS"),
                                            QStringLiteral("INVALID_PARAMETER_VALUE"),
                                            QStringLiteral("INVALID_STATE"),
                                            QStringLiteral("BAD_REQUEST"),
                                            QStringLiteral("IO_ERROR")};
    return ApiError{mlflowCodes.contains(e.code) ? e.code : QStringLiteral("INTERNAL_ERROR"), e.message};
}

template <typename T> T check(lab::Result<T> r)
{
    if (!r)
        throw fromStoreError(r.error());
    return std::move(r).value();
}

void check(const lab::Status &s)
{
    if (!s)
        throw fromStoreError(s.error());
}

// Protobuf's JSON mapping leaves empty repeated fields out; clients must cope with `{}`.
void pruneEmptyArrays(Json &j)
{
    if (j.is_object()) {
        for (auto it = j.begin(); it != j.end();) {
            if (it->is_array() && it->empty()) {
                it = j.erase(it);
            } else {
                pruneEmptyArrays(*it);
                ++it;
            }
        }
    } else if (j.is_array()) {
        for (Json &e : j)
            pruneEmptyArrays(e);
    }
}

// MLflow's page token: base64 of {"offset": N} (mlflow/utils/search_utils.py).
QString encodePageToken(qsizetype offset)
{
    const std::string s = Json{{"offset", offset}}.dump();
    return QString::fromLatin1(QByteArray(s.data(), qsizetype(s.size())).toBase64());
}

qsizetype decodePageToken(const QString &token)
{
    if (token.isEmpty())
        return 0;
    const auto decoded =
        QByteArray::fromBase64Encoding(token.toLatin1(), QByteArray::AbortOnBase64DecodingErrors);
    if (decoded) {
        auto parsed = MlflowJson::parse(*decoded);
        if (parsed && parsed->is_object() && parsed->contains("offset") &&
            (*parsed)["offset"].is_number_integer()) {
            const qint64 offset = (*parsed)["offset"].get<qint64>();
            if (offset >= 0)
                return qsizetype(offset);
        }
    }
    invalid(QStringLiteral("Invalid page token, could not base64-decode"));
}

// Rewrites bare identifiers of an entity filter (experiments, registry) into the run-filter
// names SearchFilter knows, so one filter engine serves all searches. Quoted text is kept.
QString rewriteIdentifiers(const QString &filter, const QHash<QString, QString> &names)
{
    QString out;
    const qsizetype n = filter.size();
    qsizetype i = 0;
    while (i < n) {
        const QChar c = filter.at(i);
        if (c == QLatin1Char('\'') || c == QLatin1Char('"') || c == QLatin1Char('`')) {
            qsizetype j = i + 1;
            while (j < n && filter.at(j) != c)
                ++j;
            out += filter.mid(i, j + 1 - i);
            i = j + 1;
            continue;
        }
        if (c.isLetter() || c == QLatin1Char('_')) {
            qsizetype j = i;
            while (j < n && (filter.at(j).isLetterOrNumber() || filter.at(j) == QLatin1Char('_') ||
                             filter.at(j) == QLatin1Char('.')))
                ++j;
            QString word = filter.mid(i, j - i);
            QString bare = word;
            for (const char *prefix : {"attributes.", "attribute.", "attr."})
                if (bare.startsWith(QLatin1String(prefix)))
                    bare = bare.mid(qsizetype(strlen(prefix)));
            const auto it = names.constFind(bare);
            out += it != names.constEnd() ? QStringLiteral("attributes.") + *it : word;
            i = j;
            continue;
        }
        out += c;
        ++i;
    }
    return out;
}

lab::SearchFilter parseEntityFilter(const QString &filter, const QHash<QString, QString> &names)
{
    auto parsed = lab::SearchFilter::parse(rewriteIdentifiers(filter, names));
    if (!parsed)
        invalid(QStringLiteral("Invalid filter '%1': %2").arg(filter, parsed.error().message));
    return *parsed;
}

// The request's parameters: the JSON body for POST/PATCH/DELETE/PUT, the query string for GET
// (repeated keys for lists), as MLflow's _get_request_message reads them.
class Args
{
public:
    Args(const httplib::Request &req, Json body) : m_req(req), m_body(std::move(body)) {}

    const Json &body() const { return m_body; }

    bool has(const char *key) const
    {
        if (m_body.contains(key) && !m_body[key].is_null())
            return true;
        return m_req.has_param(key);
    }

    QString str(const char *key, const QString &fallback = {}) const
    {
        if (m_body.contains(key) && !m_body[key].is_null()) {
            const Json &v = m_body[key];
            if (v.is_string())
                return fromStd(v.get<std::string>());
            if (v.is_number())
                return fromStd(v.dump());
            invalid(QStringLiteral("Invalid value %1 for parameter '%2' supplied: expected a string")
                        .arg(fromStd(v.dump()), QLatin1String(key)));
        }
        if (m_req.has_param(key))
            return fromStd(m_req.get_param_value(key));
        return fallback;
    }

    QString required(const char *key) const
    {
        const QString v = str(key);
        if (v.isEmpty())
            invalid(QStringLiteral(
                        "Missing value for required parameter '%1'. See the API docs for more information "
                        "about request parameters.")
                        .arg(QLatin1String(key)));
        return v;
    }

    std::optional<qint64> int64(const char *key) const
    {
        if (!has(key))
            return std::nullopt;
        if (m_body.contains(key) && !m_body[key].is_null()) {
            auto v = MlflowJson::int64FromJson(m_body[key]);
            if (!v)
                invalid(QStringLiteral("Invalid value %1 for parameter '%2' supplied: expected an integer")
                            .arg(fromStd(m_body[key].dump()), QLatin1String(key)));
            return *v;
        }
        bool ok = false;
        const qint64 v = fromStd(m_req.get_param_value(key)).toLongLong(&ok);
        if (!ok)
            invalid(QStringLiteral("Invalid value %1 for parameter '%2' supplied: expected an integer")
                        .arg(fromStd(m_req.get_param_value(key)), QLatin1String(key)));
        return v;
    }

    QStringList strings(const char *key) const
    {
        QStringList out;
        if (m_body.contains(key) && !m_body[key].is_null()) {
            const Json &v = m_body[key];
            if (!v.is_array())
                invalid(QStringLiteral("Invalid value %1 for parameter '%2' supplied: expected a list")
                            .arg(fromStd(v.dump()), QLatin1String(key)));
            for (const Json &e : v)
                out << (e.is_string() ? fromStd(e.get<std::string>()) : fromStd(e.dump()));
            return out;
        }
        const size_t count = m_req.get_param_value_count(key);
        for (size_t i = 0; i < count; ++i)
            out << fromStd(m_req.get_param_value(key, i));
        return out;
    }

    // A key/value list (tags) from the body.
    template <typename KV> QList<KV> keyValues(const char *key) const
    {
        QList<KV> out;
        if (!m_body.contains(key) || m_body[key].is_null())
            return out;
        const Json &v = m_body[key];
        if (!v.is_array())
            invalid(QStringLiteral("Invalid value for parameter '%1' supplied: expected a list")
                        .arg(QLatin1String(key)));
        for (const Json &e : v) {
            if (!e.is_object() || !e.contains("key") || !e["key"].is_string())
                invalid(QStringLiteral("Invalid value %1 in '%2': each entry needs a string key")
                            .arg(fromStd(e.dump()), QLatin1String(key)));
            KV kv;
            kv.key = fromStd(e["key"].get<std::string>());
            if (e.contains("value") && e["value"].is_string())
                kv.value = fromStd(e["value"].get<std::string>());
            else if (e.contains("value") && !e["value"].is_null())
                kv.value = fromStd(e["value"].dump());
            out << kv;
        }
        return out;
    }

private:
    const httplib::Request &m_req;
    Json m_body;
};

lab::ViewType parseViewType(const QString &text)
{
    if (text.isEmpty() || text == QLatin1String("ACTIVE_ONLY") || text == QLatin1String("1"))
        return lab::ViewType::ActiveOnly;
    if (text == QLatin1String("DELETED_ONLY") || text == QLatin1String("2"))
        return lab::ViewType::DeletedOnly;
    if (text == QLatin1String("ALL") || text == QLatin1String("3"))
        return lab::ViewType::All;
    invalid(QStringLiteral("Invalid view type '%1'").arg(text));
}

int boundedMaxResults(const Args &args, const char *key, int fallback, int threshold)
{
    const std::optional<qint64> v = args.int64(key);
    if (!v)
        return fallback;
    if (*v < 1)
        invalid(QStringLiteral("Invalid value %1 for parameter '%2' supplied. It must be a positive integer.")
                    .arg(*v)
                    .arg(QLatin1String(key)));
    if (*v > threshold)
        invalid(QStringLiteral("Invalid value %1 for parameter '%2' supplied. It must be at most %3.")
                    .arg(*v)
                    .arg(QLatin1String(key))
                    .arg(threshold));
    return int(*v);
}

void checkKeyLength(const QString &what, const QString &key)
{
    if (key.isEmpty())
        invalid(QStringLiteral("Missing value for required parameter 'key' of a %1").arg(what));
    if (key.size() > MaxEntityKeyLength)
        invalid(QStringLiteral("%1 key '%2' had length %3, which exceeded length limit of %4")
                    .arg(what, key.left(40))
                    .arg(key.size())
                    .arg(MaxEntityKeyLength));
}

void checkLengthLimit(const char *entity, int limit, qsizetype count)
{
    if (count > limit)
        invalid(
            QStringLiteral("A batch logging request can contain at most %1 %2. Got %3 %2. Please split up %2 "
                           "across multiple requests and try again.")
                .arg(limit)
                .arg(QLatin1String(entity))
                .arg(count));
}

struct Batch
{
    QList<lab::MetricPoint> metrics;
    QList<lab::Param> params;
    QList<lab::Tag> tags;
};

Batch parseBatch(const Args &args)
{
    Batch b;
    const Json &body = args.body();
    if (body.contains("metrics") && !body["metrics"].is_null()) {
        if (!body["metrics"].is_array())
            invalid(QStringLiteral("Invalid value for parameter 'metrics' supplied: expected a list"));
        for (const Json &m : body["metrics"]) {
            auto metric = MlflowJson::metricFromJson(m);
            if (!metric)
                invalid(QStringLiteral("Invalid metric %1: %2")
                            .arg(fromStd(m.dump()).left(80), metric.error().message));
            if (!m.contains("timestamp") || m["timestamp"].is_null())
                invalid(QStringLiteral(
                            "Got invalid timestamp None for metric '%1' (value=%2). Timestamp must be a "
                            "nonnegative long (64-bit integer)")
                            .arg(metric->key)
                            .arg(metric->value));
            b.metrics << *metric;
        }
    }
    b.params = args.keyValues<lab::Param>("params");
    b.tags = args.keyValues<lab::Tag>("tags");
    checkLengthLimit("metrics", MaxMetricsPerBatch, b.metrics.size());
    checkLengthLimit("params", MaxParamsTagsPerBatch, b.params.size());
    checkLengthLimit("tags", MaxParamsTagsPerBatch, b.tags.size());
    checkLengthLimit("metrics, params, and tags", MaxEntitiesPerBatch,
                     b.metrics.size() + b.params.size() + b.tags.size());
    for (const lab::MetricPoint &m : std::as_const(b.metrics))
        checkKeyLength(QStringLiteral("Metric"), m.key);
    for (const lab::Param &p : std::as_const(b.params)) {
        checkKeyLength(QStringLiteral("Param"), p.key);
        if (p.value.size() > MaxParamValueLength)
            invalid(QStringLiteral("Param value '%1' had length %2, which exceeded length limit of %3")
                        .arg(p.value.left(40))
                        .arg(p.value.size())
                        .arg(MaxParamValueLength));
    }
    for (const lab::Tag &t : std::as_const(b.tags)) {
        checkKeyLength(QStringLiteral("Tag"), t.key);
        if (t.value.size() > MaxTagValueLength)
            invalid(QStringLiteral("Tag value '%1' had length %2, which exceeded length limit of %3")
                        .arg(t.value.left(40))
                        .arg(t.value.size())
                        .arg(MaxTagValueLength));
    }
    return b;
}

// The sampling of get-history-bulk-interval (MLflow's _get_sampled_steps_from_steps): the steps
// in [start, end] when they fit, otherwise max_results evenly spaced ones plus the last. The
// `idx < count` bound compares an absolute index with a count, as MLflow's does; kept so that
// answers match the real server's step for step.
std::set<qint64> sampleSteps(qint64 start, qint64 end, int maxResults, const std::vector<qint64> &allSteps)
{
    const auto lo = size_t(std::lower_bound(allSteps.begin(), allSteps.end(), start) - allSteps.begin());
    const auto hi = size_t(std::upper_bound(allSteps.begin(), allSteps.end(), end) - allSteps.begin());
    std::set<qint64> out;
    if (hi <= lo)
        return out;
    const size_t count = hi - lo;
    if (count <= size_t(maxResults)) {
        out.insert(allSteps.begin() + qsizetype(lo), allSteps.begin() + qsizetype(hi));
        return out;
    }
    const double interval = double(count) / double(maxResults);
    for (int i = 0; i < maxResults; ++i) {
        const size_t idx = lo + size_t(double(i) * interval);
        if (idx < count)
            out.insert(allSteps[idx]);
    }
    out.insert(allSteps[hi - 1]);
    return out;
}

bool isLocalUri(const QString &uri)
{
    return uri.startsWith(QLatin1String("file:")) ||
           (uri.startsWith(QLatin1Char('/')) && !uri.contains(QLatin1String(":/")));
}

// Finds the server side of a loopback connection from the ports httplib reports, so that a fault
// can close it: httplib gives handlers no access to their socket.
int findConnectionSocket(int localPort, int remotePort)
{
    const QStringList fds = QDir(QStringLiteral("/proc/self/fd"))
                                .entryList(QDir::NoDotAndDotDot | QDir::AllEntries | QDir::System);
    for (const QString &name : fds) {
        bool ok = false;
        const int fd = name.toInt(&ok);
        if (!ok)
            continue;
        sockaddr_storage local{}, peer{};
        socklen_t llen = sizeof local, plen = sizeof peer;
        if (::getsockname(fd, reinterpret_cast<sockaddr *>(&local), &llen) != 0 || local.ss_family != AF_INET)
            continue;
        if (::getpeername(fd, reinterpret_cast<sockaddr *>(&peer), &plen) != 0)
            continue;
        const auto *l = reinterpret_cast<const sockaddr_in *>(&local);
        const auto *p = reinterpret_cast<const sockaddr_in *>(&peer);
        if (ntohs(l->sin_port) == localPort && ntohs(p->sin_port) == remotePort)
            return fd;
    }
    return -1;
}

// ---- TLS test files ----------------------------------------------------------------------------

bool addExtension(X509 *cert, X509 *issuer, int nid, const char *value)
{
    X509V3_CTX ctx;
    X509V3_set_ctx_nodb(&ctx);
    X509V3_set_ctx(&ctx, issuer, cert, nullptr, nullptr, 0);
    X509_EXTENSION *ext = X509V3_EXT_conf_nid(nullptr, &ctx, nid, value);
    if (!ext)
        return false;
    const bool ok = X509_add_ext(cert, ext, -1) == 1;
    X509_EXTENSION_free(ext);
    return ok;
}

enum class CertKind { Ca, Server, Client };

X509 *makeCertificate(EVP_PKEY *key, const char *commonName, CertKind kind, X509 *issuer, EVP_PKEY *issuerKey,
                      long serial)
{
    X509 *cert = X509_new();
    X509_set_version(cert, 2);
    ASN1_INTEGER_set(X509_get_serialNumber(cert), serial);
    X509_gmtime_adj(X509_getm_notBefore(cert), -3600);
    X509_gmtime_adj(X509_getm_notAfter(cert), 24 * 3600);
    X509_set_pubkey(cert, key);
    X509_NAME *name = X509_get_subject_name(cert);
    X509_NAME_add_entry_by_txt(name, "O", MBSTRING_ASC,
                               reinterpret_cast<const unsigned char *>("Lab Console tests"), -1, -1, 0);
    X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC, reinterpret_cast<const unsigned char *>(commonName),
                               -1, -1, 0);
    X509_set_issuer_name(cert, issuer ? X509_get_subject_name(issuer) : name);
    X509 *signer = issuer ? issuer : cert;
    bool ok = addExtension(cert, signer, NID_subject_key_identifier, "hash");
    if (kind == CertKind::Ca) {
        ok = ok && addExtension(cert, signer, NID_basic_constraints, "critical,CA:TRUE");
        ok = ok && addExtension(cert, signer, NID_key_usage, "critical,keyCertSign,cRLSign");
    } else {
        ok = ok && addExtension(cert, signer, NID_authority_key_identifier, "keyid:always");
        ok = ok && addExtension(cert, signer, NID_basic_constraints, "critical,CA:FALSE");
        ok = ok && addExtension(cert, signer, NID_key_usage, "critical,digitalSignature,keyEncipherment");
        ok = ok && addExtension(cert, signer, NID_ext_key_usage,
                                kind == CertKind::Server ? "serverAuth" : "clientAuth");
        if (kind == CertKind::Server)
            ok = ok && addExtension(cert, signer, NID_subject_alt_name, "IP:127.0.0.1,DNS:localhost");
    }
    if (!ok || X509_sign(cert, issuerKey ? issuerKey : key, EVP_sha256()) == 0) {
        X509_free(cert);
        return nullptr;
    }
    return cert;
}

bool writePem(const QString &path, X509 *cert, EVP_PKEY *key)
{
    BIO *bio = BIO_new_file(QFile::encodeName(path).constData(), "w");
    if (!bio)
        return false;
    const bool ok = cert ? PEM_write_bio_X509(bio, cert) == 1
                         : PEM_write_bio_PrivateKey(bio, key, nullptr, nullptr, 0, nullptr, nullptr) == 1;
    BIO_free(bio);
    return ok;
}

} // namespace

// ---- the server ----------------------------------------------------------------------------------

struct MlflowTestServer::Impl
{
    // A handler's answer before faults shape how it is sent.
    struct Reply
    {
        int status = 200;
        std::string body;
        std::string contentType = "application/json";
        std::vector<std::pair<std::string, std::string>> headers;
    };

    struct ModelEntry
    {
        lab::RegisteredModel model;
        QList<lab::ModelVersion> versions;
    };

    struct QueuedFault
    {
        QRegularExpression path;
        Fault fault;
        int remaining = 0;
    };

    using Handler = std::function<Json(Args &)>;

    QString root;
    Options options;
    lab::MlflowFileStore store;
    std::unique_ptr<httplib::Server> http;
    std::thread thread;
    std::atomic<bool> stopping{false};
    int boundPort = 0;
    QString error;

    std::mutex storeMutex; // the file store and the registry
    QMap<QString, ModelEntry> models;

    mutable std::mutex stateMutex; // faults, recorded requests, credentials
    QList<QueuedFault> faults;
    QList<RecordedRequest> recorded;

    std::map<std::string, Handler> routes; // "METHOD endpoint"
    std::set<std::string> knownEndpoints;

    Impl(const QString &r, Options o) : root(r), options(std::move(o)), store(r) { addRoutes(); }

    // ---- helpers ----

    void sleepMs(int ms) const
    {
        const auto until = std::chrono::steady_clock::now() + std::chrono::milliseconds(ms);
        while (!stopping && std::chrono::steady_clock::now() < until)
            std::this_thread::sleep_for(std::chrono::milliseconds(std::min(ms, 10)));
    }

    Json runJson(lab::Run run) const
    {
        if (options.proxyArtifacts && isLocalUri(run.info.artifactUri))
            run.info.artifactUri = QStringLiteral("mlflow-artifacts:/%1/%2/artifacts")
                                       .arg(run.info.experimentId, run.info.runId);
        return MlflowJson::toJson(run);
    }

    Json runInfoJson(lab::RunInfo info) const
    {
        if (options.proxyArtifacts && isLocalUri(info.artifactUri))
            info.artifactUri =
                QStringLiteral("mlflow-artifacts:/%1/%2/artifacts").arg(info.experimentId, info.runId);
        return MlflowJson::toJson(info);
    }

    Json experimentJson(lab::Experiment e) const
    {
        if (options.proxyArtifacts && isLocalUri(e.artifactLocation))
            e.artifactLocation = QStringLiteral("mlflow-artifacts:/%1").arg(e.id);
        return MlflowJson::toJson(e);
    }

    // The run, or MLflow's 404 for a run id it does not know (also a malformed one).
    lab::Run runOr404(const QString &runId)
    {
        auto run = store.getRun(runId);
        if (!run) {
            if (run.error().code == QLatin1String("RESOURCE_DOES_NOT_EXIST") ||
                run.error().code == QLatin1String("INVALID_PARAMETER_VALUE"))
                fail(QStringLiteral("RESOURCE_DOES_NOT_EXIST"),
                     QStringLiteral("Run with id=%1 not found").arg(runId));
            throw fromStoreError(run.error());
        }
        return *run;
    }

    // A cheap existence check (no metric scan), for the write paths.
    void requireRun(const QString &runId)
    {
        auto probe = store.listArtifacts(runId, {});
        if (!probe && (probe.error().code == QLatin1String("RESOURCE_DOES_NOT_EXIST") ||
                       probe.error().code == QLatin1String("INVALID_PARAMETER_VALUE")))
            fail(QStringLiteral("RESOURCE_DOES_NOT_EXIST"),
                 QStringLiteral("Run with id=%1 not found").arg(runId));
    }

    lab::Experiment experimentOr404(const QString &id)
    {
        auto e = store.getExperiment(id);
        if (!e)
            fail(QStringLiteral("RESOURCE_DOES_NOT_EXIST"),
                 QStringLiteral("No Experiment with id=%1 exists").arg(id));
        return *e;
    }

    ModelEntry &modelOr404(const QString &name)
    {
        auto it = models.find(name);
        if (it == models.end())
            fail(QStringLiteral("RESOURCE_DOES_NOT_EXIST"),
                 QStringLiteral("Registered Model with name=%1 not found").arg(name));
        return *it;
    }

    lab::ModelVersion &versionOr404(const QString &name, const QString &version)
    {
        ModelEntry &m = modelOr404(name);
        for (lab::ModelVersion &v : m.versions)
            if (v.version == version)
                return v;
        fail(QStringLiteral("RESOURCE_DOES_NOT_EXIST"),
             QStringLiteral("Model Version (name=%1, version=%2) not found").arg(name, version));
    }

    lab::ModelVersion withAliases(const ModelEntry &m, lab::ModelVersion v) const
    {
        v.aliases.clear();
        for (auto it = m.model.aliases.cbegin(); it != m.model.aliases.cend(); ++it)
            if (it.value() == v.version)
                v.aliases << it.key();
        return v;
    }

    QList<lab::ModelVersion> latestVersions(const ModelEntry &m) const
    {
        QMap<QString, lab::ModelVersion> perStage;
        for (const lab::ModelVersion &v : m.versions) {
            const QString stage = v.currentStage.isEmpty() ? QStringLiteral("None") : v.currentStage;
            if (!perStage.contains(stage) || perStage[stage].version.toLongLong() < v.version.toLongLong())
                perStage[stage] = withAliases(m, v);
        }
        return perStage.values();
    }

    Json registeredModelJson(const ModelEntry &m, bool withLatest) const
    {
        return MlflowJson::toJson(m.model, withLatest ? latestVersions(m) : QList<lab::ModelVersion>{});
    }

    void loadRegistry()
    {
        auto list = store.listRegisteredModels();
        if (!list)
            return;
        for (const lab::RegisteredModel &m : *list) {
            ModelEntry entry;
            entry.model = m;
            entry.versions = store.listModelVersions(m.name).valueOr({});
            models.insert(m.name, entry);
        }
    }

    template <typename T>
    static Json paginate(const QList<T> &items, const Args &args, int maxResults, const char *listKey,
                         const std::function<Json(const T &)> &toJson)
    {
        const qsizetype offset = decodePageToken(args.str("page_token"));
        Json arr = Json::array();
        const qsizetype end = std::min<qsizetype>(items.size(), offset + maxResults);
        for (qsizetype i = offset; i < end; ++i)
            arr.push_back(toJson(items.at(i)));
        Json out{{listKey, arr}};
        if (end < items.size())
            out["next_page_token"] = toStd(encodePageToken(end));
        return out;
    }

    // ---- tracking endpoints ----

    Json searchExperiments(Args &a)
    {
        const int maxResults =
            boundedMaxResults(a, "max_results", SearchMaxResultsDefault, SearchMaxResultsThreshold);
        const lab::ViewType view = parseViewType(a.str("view_type"));
        const lab::SearchFilter filter = parseEntityFilter(
            a.str("filter"), {{QStringLiteral("name"), QStringLiteral("run_name")},
                              {QStringLiteral("creation_time"), QStringLiteral("start_time")},
                              {QStringLiteral("last_update_time"), QStringLiteral("end_time")},
                              {QStringLiteral("experiment_id"), QStringLiteral("run_id")}});
        QList<lab::Experiment> all = check(store.listExperiments(view));
        QList<lab::Experiment> matched;
        for (const lab::Experiment &e : std::as_const(all)) {
            lab::Run pseudo;
            pseudo.info.runId = e.id;
            pseudo.info.runName = e.name;
            pseudo.info.startTime = e.creationTime;
            pseudo.info.endTime = e.lastUpdateTime;
            pseudo.tags = e.tags;
            if (filter.matches(pseudo))
                matched << e;
        }
        // MLflow's default order: creation_time DESC, then experiment_id ASC as the tie-break.
        QStringList orderBy = a.strings("order_by");
        if (orderBy.isEmpty())
            orderBy = {QStringLiteral("creation_time DESC")};
        struct Term
        {
            QString key;
            bool ascending;
        };
        QList<Term> terms;
        for (const QString &term : std::as_const(orderBy)) {
            const QStringList parts = term.simplified().split(QLatin1Char(' '));
            QString key = parts.value(0);
            for (const char *prefix : {"attributes.", "attribute.", "attr."})
                if (key.startsWith(QLatin1String(prefix)))
                    key = key.mid(qsizetype(strlen(prefix)));
            static const QStringList keys = {QStringLiteral("name"), QStringLiteral("experiment_id"),
                                             QStringLiteral("creation_time"),
                                             QStringLiteral("last_update_time")};
            if (!keys.contains(key) || parts.size() > 2)
                invalid(QStringLiteral("Invalid order_by clause '%1'").arg(term));
            const QString dir = parts.value(1, QStringLiteral("ASC")).toUpper();
            if (dir != QLatin1String("ASC") && dir != QLatin1String("DESC"))
                invalid(QStringLiteral("Invalid order_by clause '%1'").arg(term));
            terms << Term{key, dir == QLatin1String("ASC")};
        }
        auto compare = [](const lab::Experiment &x, const lab::Experiment &y, const QString &key) -> int {
            if (key == QLatin1String("name"))
                return x.name.compare(y.name);
            if (key == QLatin1String("creation_time"))
                return x.creationTime < y.creationTime ? -1 : (x.creationTime > y.creationTime ? 1 : 0);
            if (key == QLatin1String("last_update_time"))
                return x.lastUpdateTime < y.lastUpdateTime ? -1
                                                           : (x.lastUpdateTime > y.lastUpdateTime ? 1 : 0);
            const qint64 a = x.id.toLongLong(), b = y.id.toLongLong();
            if (a != b)
                return a < b ? -1 : 1;
            return x.id.compare(y.id);
        };
        std::stable_sort(matched.begin(), matched.end(),
                         [&](const lab::Experiment &x, const lab::Experiment &y) {
                             for (const Term &t : terms) {
                                 const int c = compare(x, y, t.key);
                                 if (c != 0)
                                     return t.ascending ? c < 0 : c > 0;
                             }
                             return compare(x, y, QStringLiteral("experiment_id")) < 0;
                         });
        return paginate<lab::Experiment>(matched, a, maxResults, "experiments",
                                         [this](const lab::Experiment &e) { return experimentJson(e); });
    }

    Json getExperiment(Args &a)
    {
        return Json{{"experiment", experimentJson(experimentOr404(a.required("experiment_id")))}};
    }

    Json getExperimentByName(Args &a)
    {
        const QString name = a.required("experiment_name");
        auto e = check(store.getExperimentByName(name));
        if (!e)
            fail(QStringLiteral("RESOURCE_DOES_NOT_EXIST"),
                 QStringLiteral("Could not find experiment with name '%1'").arg(name));
        return Json{{"experiment", experimentJson(*e)}};
    }

    Json createExperiment(Args &a)
    {
        const QString name = a.required("name");
        auto existing = check(store.getExperimentByName(name));
        if (existing)
            fail(QStringLiteral("RESOURCE_ALREADY_EXISTS"),
                 QStringLiteral("Experiment(name=%1) already exists.").arg(name));
        const QString id = check(store.createExperiment(name, a.str("artifact_location")));
        for (const lab::Tag &t : a.keyValues<lab::Tag>("tags"))
            check(store.setExperimentTag(id, t.key, t.value));
        return Json{{"experiment_id", toStd(id)}};
    }

    Json deleteExperiment(Args &a)
    {
        const QString id = a.required("experiment_id");
        experimentOr404(id);
        check(store.deleteExperiment(id));
        return Json::object();
    }

    Json restoreExperiment(Args &a)
    {
        const QString id = a.required("experiment_id");
        experimentOr404(id);
        check(store.restoreExperiment(id));
        return Json::object();
    }

    Json setExperimentTag(Args &a)
    {
        const QString id = a.required("experiment_id");
        experimentOr404(id);
        const QString key = a.required("key");
        checkKeyLength(QStringLiteral("Tag"), key);
        check(store.setExperimentTag(id, key, a.str("value")));
        return Json::object();
    }

    Json searchRuns(Args &a)
    {
        lab::RunSearch s;
        s.experimentIds = a.strings("experiment_ids");
        s.filter = a.str("filter");
        s.viewType = parseViewType(a.str("run_view_type"));
        s.maxResults =
            boundedMaxResults(a, "max_results", SearchMaxResultsDefault, SearchMaxResultsThreshold);
        s.orderBy = a.strings("order_by");
        s.pageToken = a.str("page_token");
        decodePageToken(s.pageToken); // MLflow's wording for a bad token
        // MLflow searches the listed experiments only; the lab store reads none as "all".
        if (s.experimentIds.isEmpty())
            return Json::object();
        const lab::RunPage page = check(store.searchRuns(s));
        Json runs = Json::array();
        for (const lab::Run &r : page.runs)
            runs.push_back(runJson(r));
        Json out{{"runs", runs}};
        if (!page.nextPageToken.isEmpty())
            out["next_page_token"] = toStd(page.nextPageToken);
        return out;
    }

    Json getRun(Args &a)
    {
        QString id = a.str("run_id");
        if (id.isEmpty())
            id = a.required("run_uuid");
        return Json{{"run", runJson(runOr404(id))}};
    }

    QString runIdArg(Args &a)
    {
        const QString id = a.str("run_id");
        return id.isEmpty() ? a.required("run_uuid") : id;
    }

    Json createRun(Args &a)
    {
        const QString expId = a.str("experiment_id", QStringLiteral("0"));
        experimentOr404(expId);
        const qint64 start = a.int64("start_time").value_or(nowMs());
        const lab::Run run = check(store.createRun(expId, a.str("run_name"), start,
                                                   a.keyValues<lab::Tag>("tags"), a.str("user_id")));
        return Json{{"run", runJson(check(store.getRun(run.info.runId)))}};
    }

    Json updateRun(Args &a)
    {
        const QString id = runIdArg(a);
        const lab::Run current = runOr404(id);
        lab::RunStatus status = current.info.status;
        if (a.has("status") && !lab::parseRunStatus(a.str("status"), &status))
            invalid(QStringLiteral("Invalid value %1 for parameter 'status' supplied").arg(a.str("status")));
        const qint64 end = a.int64("end_time").value_or(0);
        check(store.updateRun(id, status, end, a.str("run_name")));
        return Json{{"run_info", runInfoJson(check(store.getRun(id)).info)}};
    }

    Json deleteRun(Args &a)
    {
        const QString id = a.required("run_id");
        requireRun(id);
        check(store.deleteRun(id));
        return Json::object();
    }

    Json restoreRun(Args &a)
    {
        const QString id = a.required("run_id");
        requireRun(id);
        check(store.restoreRun(id));
        return Json::object();
    }

    Json setTag(Args &a)
    {
        const QString id = runIdArg(a);
        const QString key = a.required("key");
        checkKeyLength(QStringLiteral("Tag"), key);
        requireRun(id);
        check(store.setTag(id, key, a.str("value")));
        return Json::object();
    }

    Json deleteTag(Args &a)
    {
        const QString id = a.required("run_id");
        const QString key = a.required("key");
        const lab::Run run = runOr404(id);
        if (run.tag(key, QStringLiteral("\x01")) == QLatin1String("\x01"))
            fail(QStringLiteral("RESOURCE_DOES_NOT_EXIST"),
                 QStringLiteral("No tag with name: %1 in run with id %2").arg(key, id));
        check(store.deleteTag(id, key));
        return Json::object();
    }

    Json logBatch(Args &a, bool partial = false)
    {
        const QString id = a.required("run_id");
        Batch b = parseBatch(a);
        requireRun(id);
        if (partial) {
            check(store.logBatch(id, b.metrics.mid(0, (b.metrics.size() + 1) / 2),
                                 b.params.mid(0, (b.params.size() + 1) / 2),
                                 b.tags.mid(0, (b.tags.size() + 1) / 2)));
            fail(QStringLiteral("INTERNAL_ERROR"),
                 QStringLiteral("The server failed while storing the batch"));
        }
        check(store.logBatch(id, b.metrics, b.params, b.tags));
        return Json::object();
    }

    Json logMetric(Args &a)
    {
        const QString id = runIdArg(a);
        auto m = MlflowJson::metricFromJson(a.body());
        if (!m)
            invalid(m.error().message);
        if (!a.has("timestamp"))
            invalid(
                QStringLiteral("Missing value for required parameter 'timestamp'. See the API docs for more "
                               "information about request parameters."));
        checkKeyLength(QStringLiteral("Metric"), m->key);
        requireRun(id);
        check(store.logBatch(id, {*m}, {}, {}));
        return Json::object();
    }

    Json logParam(Args &a)
    {
        const QString id = runIdArg(a);
        const lab::Param p{a.required("key"), a.str("value")};
        checkKeyLength(QStringLiteral("Param"), p.key);
        if (p.value.size() > MaxParamValueLength)
            invalid(QStringLiteral("Param value '%1' had length %2, which exceeded length limit of %3")
                        .arg(p.value.left(40))
                        .arg(p.value.size())
                        .arg(MaxParamValueLength));
        requireRun(id);
        check(store.logBatch(id, {}, {p}, {}));
        return Json::object();
    }

    Json getMetricHistory(Args &a)
    {
        QString id = a.str("run_id");
        if (id.isEmpty())
            id = a.required("run_uuid");
        const QString key = a.required("metric_key");
        const bool paged = a.has("max_results") || a.has("page_token");
        const int maxResults = boundedMaxResults(a, "max_results", MaxHistoryResults, MaxHistoryResults);
        const qsizetype offset = decodePageToken(a.str("page_token"));
        requireRun(id);
        const QList<lab::MetricPoint> history = check(store.getMetricHistory(id, key));
        if (!paged)
            return MlflowJson::metricHistoryToJson(history);
        const qsizetype end = std::min<qsizetype>(history.size(), offset + maxResults);
        Json out = MlflowJson::metricHistoryToJson(offset < end ? history.mid(offset, end - offset)
                                                                : QList<lab::MetricPoint>{});
        if (end < history.size())
            out["next_page_token"] = toStd(encodePageToken(end));
        return out;
    }

    Json getMetricHistoryBulkInterval(Args &a)
    {
        const QStringList runIds = a.strings("run_ids");
        if (runIds.isEmpty())
            invalid(
                QStringLiteral("Missing value for required parameter 'run_ids'. See the API docs for more "
                               "information about request parameters."));
        if (runIds.size() > MaxRunsBulkInterval)
            invalid(QStringLiteral(
                        "GetMetricHistoryBulkInterval request must specify at most %1 run_ids. Received "
                        "%2 run_ids.")
                        .arg(MaxRunsBulkInterval)
                        .arg(runIds.size()));
        const QString key = a.required("metric_key");
        const std::optional<qint64> maxArg = a.int64("max_results");
        if (maxArg && (*maxArg < 1 || *maxArg > MaxResultsPerRunBulkInterval))
            invalid(
                QStringLiteral("max_results must be between 1 and %1.").arg(MaxResultsPerRunBulkInterval));
        const int maxResults = int(maxArg.value_or(MaxResultsPerRunBulkInterval));
        std::optional<qint64> start = a.int64("start_step");
        std::optional<qint64> end = a.int64("end_step");
        if (start && end && *start > *end)
            invalid(QStringLiteral(
                        "end_step must be greater than start_step. Found start_step=%1 and end_step=%2.")
                        .arg(*start)
                        .arg(*end));
        if (start.has_value() != end.has_value())
            invalid(
                QStringLiteral("If either start step or end step are specified, both must be specified."));

        QList<QList<lab::MetricPoint>> histories;
        std::set<qint64> minsAndMaxes;
        std::set<qint64> stepSet;
        for (const QString &id : runIds) {
            requireRun(id);
            histories << check(store.getMetricHistory(id, key));
            if (histories.last().isEmpty())
                continue;
            qint64 lo = histories.last().first().step, hi = lo;
            for (const lab::MetricPoint &m : std::as_const(histories.last())) {
                lo = std::min(lo, m.step);
                hi = std::max(hi, m.step);
                stepSet.insert(m.step);
            }
            minsAndMaxes.insert(lo);
            minsAndMaxes.insert(hi);
        }
        const std::vector<qint64> allSteps(stepSet.begin(), stepSet.end());
        if (!start) {
            start = 0;
            end = allSteps.empty() ? 0 : allSteps.back();
        }
        std::set<qint64> steps = sampleSteps(*start, *end, maxResults, allSteps);
        for (qint64 s : minsAndMaxes)
            if (s >= *start && s <= *end)
                steps.insert(s);

        Json metrics = Json::array();
        for (qsizetype r = 0; r < runIds.size(); ++r) {
            QList<lab::MetricPoint> chosen;
            for (const lab::MetricPoint &m : std::as_const(histories[r]))
                if (steps.count(m.step))
                    chosen << m;
            std::stable_sort(chosen.begin(), chosen.end(),
                             [](const lab::MetricPoint &x, const lab::MetricPoint &y) {
                                 return x.step != y.step ? x.step < y.step : x.timestamp < y.timestamp;
                             });
            for (qsizetype i = 0; i < std::min<qsizetype>(chosen.size(), MaxHistoryResults); ++i) {
                Json j = MlflowJson::toJson(chosen[i]);
                j["run_id"] = toStd(runIds[r]);
                metrics.push_back(j);
            }
        }
        return Json{{"metrics", metrics}};
    }

    Json listArtifacts(Args &a)
    {
        QString id = a.str("run_id");
        if (id.isEmpty())
            id = a.required("run_uuid");
        const QString path = a.str("path");
        if (path.contains(QLatin1String("..")) || path.startsWith(QLatin1Char('/')))
            invalid(QStringLiteral("Invalid path"));
        const lab::Run run = runOr404(id);
        const QList<lab::ArtifactInfo> files = check(store.listArtifacts(id, path));
        Json arr = Json::array();
        for (const lab::ArtifactInfo &f : files) {
            Json j{{"path", toStd(f.path)}, {"is_dir", f.isDir}};
            if (!f.isDir)
                j["file_size"] = f.fileSize;
            arr.push_back(j);
        }
        return Json{{"root_uri", runInfoJson(run.info)["artifact_uri"]}, {"files", arr}};
    }

    // ---- model registry (in memory, seeded from the store's models/ folder) ----

    Json createRegisteredModel(Args &a)
    {
        const QString name = a.required("name");
        if (models.contains(name))
            fail(QStringLiteral("RESOURCE_ALREADY_EXISTS"),
                 QStringLiteral("Registered Model (name=%1) already exists.").arg(name));
        ModelEntry e;
        e.model.name = name;
        e.model.creationTimestamp = e.model.lastUpdatedTimestamp = nowMs();
        e.model.description = a.str("description");
        e.model.tags = a.keyValues<lab::Tag>("tags");
        models.insert(name, e);
        return Json{{"registered_model", registeredModelJson(e, true)}};
    }

    Json getRegisteredModel(Args &a)
    {
        return Json{{"registered_model", registeredModelJson(modelOr404(a.required("name")), true)}};
    }

    Json updateRegisteredModel(Args &a)
    {
        ModelEntry &m = modelOr404(a.required("name"));
        if (a.has("description"))
            m.model.description = a.str("description");
        m.model.lastUpdatedTimestamp = nowMs();
        return Json{{"registered_model", registeredModelJson(m, true)}};
    }

    Json deleteRegisteredModel(Args &a)
    {
        modelOr404(a.required("name"));
        models.remove(a.required("name"));
        return Json::object();
    }

    Json searchRegisteredModels(Args &a)
    {
        const int maxResults =
            boundedMaxResults(a, "max_results", RegisteredModelsMaxDefault, RegisteredModelsMaxThreshold);
        const lab::SearchFilter filter =
            parseEntityFilter(a.str("filter"), {{QStringLiteral("name"), QStringLiteral("run_name")}});
        QList<const ModelEntry *> matched;
        for (const ModelEntry &m : std::as_const(models)) {
            lab::Run pseudo;
            pseudo.info.runName = m.model.name;
            pseudo.tags = m.model.tags;
            if (filter.matches(pseudo))
                matched << &m;
        }
        // Ordered by name, as MLflow's default order_by.
        const bool descending = a.strings("order_by").value(0).toUpper().contains(QLatin1String("DESC"));
        if (descending)
            std::reverse(matched.begin(), matched.end());
        return paginate<const ModelEntry *>(
            matched, a, maxResults, "registered_models",
            [this](const ModelEntry *m) { return registeredModelJson(*m, true); });
    }

    Json setRegisteredModelTag(Args &a)
    {
        ModelEntry &m = modelOr404(a.required("name"));
        const lab::Tag tag{a.required("key"), a.str("value")};
        checkKeyLength(QStringLiteral("Tag"), tag.key);
        m.model.tags.removeIf([&](const lab::Tag &t) { return t.key == tag.key; });
        m.model.tags << tag;
        return Json::object();
    }

    Json deleteRegisteredModelTag(Args &a)
    {
        ModelEntry &m = modelOr404(a.required("name"));
        const QString key = a.required("key");
        m.model.tags.removeIf([&](const lab::Tag &t) { return t.key == key; });
        return Json::object();
    }

    Json setAlias(Args &a)
    {
        const QString name = a.required("name");
        const QString alias = a.required("alias");
        const QString version = a.required("version");
        versionOr404(name, version);
        static const QRegularExpression reserved(QStringLiteral("^(v\\d+|latest)$"),
                                                 QRegularExpression::CaseInsensitiveOption);
        if (reserved.match(alias).hasMatch())
            invalid(QStringLiteral("'%1' alias name (case insensitive) is reserved.").arg(alias));
        ModelEntry &m = modelOr404(name);
        m.model.aliases.insert(alias, version);
        return Json::object();
    }

    Json deleteAlias(Args &a)
    {
        ModelEntry &m = modelOr404(a.required("name"));
        m.model.aliases.remove(a.required("alias"));
        return Json::object();
    }

    Json getModelVersionByAlias(Args &a)
    {
        const QString name = a.required("name");
        const QString alias = a.required("alias");
        ModelEntry &m = modelOr404(name);
        if (!m.model.aliases.contains(alias))
            fail(QStringLiteral("RESOURCE_DOES_NOT_EXIST"),
                 QStringLiteral("Registered model alias %1 not found.").arg(alias));
        return Json{{"model_version",
                     MlflowJson::toJson(withAliases(m, versionOr404(name, m.model.aliases.value(alias))))}};
    }

    Json createModelVersion(Args &a)
    {
        const QString name = a.required("name");
        const QString source = a.required("source");
        ModelEntry &m = modelOr404(name);
        const QString runId = a.str("run_id");
        if (!runId.isEmpty())
            requireRun(runId);
        qint64 highest = 0;
        for (const lab::ModelVersion &v : std::as_const(m.versions))
            highest = std::max(highest, v.version.toLongLong());
        lab::ModelVersion v;
        v.name = name;
        v.version = QString::number(highest + 1);
        v.creationTimestamp = v.lastUpdatedTimestamp = nowMs();
        v.currentStage = QStringLiteral("None");
        v.description = a.str("description");
        v.source = source;
        v.runId = runId;
        v.status = QStringLiteral("READY");
        v.tags = a.keyValues<lab::Tag>("tags");
        m.versions << v;
        m.model.lastUpdatedTimestamp = v.creationTimestamp;
        return Json{{"model_version", MlflowJson::toJson(withAliases(m, v))}};
    }

    Json getModelVersion(Args &a)
    {
        const QString name = a.required("name");
        const lab::ModelVersion &v = versionOr404(name, a.required("version"));
        return Json{{"model_version", MlflowJson::toJson(withAliases(models[name], v))}};
    }

    Json updateModelVersion(Args &a)
    {
        const QString name = a.required("name");
        lab::ModelVersion &v = versionOr404(name, a.required("version"));
        if (a.has("description"))
            v.description = a.str("description");
        v.lastUpdatedTimestamp = nowMs();
        return Json{{"model_version", MlflowJson::toJson(withAliases(models[name], v))}};
    }

    Json deleteModelVersion(Args &a)
    {
        const QString name = a.required("name");
        const QString version = a.required("version");
        versionOr404(name, version);
        ModelEntry &m = models[name];
        m.versions.removeIf([&](const lab::ModelVersion &v) { return v.version == version; });
        for (auto it = m.model.aliases.begin(); it != m.model.aliases.end();)
            it = it.value() == version ? m.model.aliases.erase(it) : std::next(it);
        return Json::object();
    }

    Json searchModelVersions(Args &a)
    {
        const int maxResults =
            boundedMaxResults(a, "max_results", ModelVersionsMaxDefault, ModelVersionsMaxThreshold);
        const lab::SearchFilter filter =
            parseEntityFilter(a.str("filter"), {{QStringLiteral("name"), QStringLiteral("run_name")},
                                                {QStringLiteral("run_id"), QStringLiteral("run_id")}});
        QList<lab::ModelVersion> matched;
        for (const ModelEntry &m : std::as_const(models)) {
            for (const lab::ModelVersion &v : m.versions) {
                lab::Run pseudo;
                pseudo.info.runName = v.name;
                pseudo.info.runId = v.runId;
                pseudo.tags = v.tags;
                if (filter.matches(pseudo))
                    matched << withAliases(m, v);
            }
        }
        // MLflow's default: newest versions first (last_updated_timestamp DESC), then name, version.
        std::stable_sort(matched.begin(), matched.end(),
                         [](const lab::ModelVersion &x, const lab::ModelVersion &y) {
                             if (x.name != y.name)
                                 return x.name < y.name;
                             return x.version.toLongLong() > y.version.toLongLong();
                         });
        return paginate<lab::ModelVersion>(matched, a, maxResults, "model_versions",
                                           [](const lab::ModelVersion &v) { return MlflowJson::toJson(v); });
    }

    Json setModelVersionTag(Args &a)
    {
        lab::ModelVersion &v = versionOr404(a.required("name"), a.required("version"));
        const lab::Tag tag{a.required("key"), a.str("value")};
        checkKeyLength(QStringLiteral("Tag"), tag.key);
        v.tags.removeIf([&](const lab::Tag &t) { return t.key == tag.key; });
        v.tags << tag;
        return Json::object();
    }

    Json deleteModelVersionTag(Args &a)
    {
        lab::ModelVersion &v = versionOr404(a.required("name"), a.required("version"));
        const QString key = a.required("key");
        v.tags.removeIf([&](const lab::Tag &t) { return t.key == key; });
        return Json::object();
    }

    Json getLatestVersions(Args &a)
    {
        const ModelEntry &m = modelOr404(a.required("name"));
        const QStringList stages = a.strings("stages");
        Json arr = Json::array();
        for (const lab::ModelVersion &v : latestVersions(m))
            if (stages.isEmpty() || stages.contains(v.currentStage, Qt::CaseInsensitive))
                arr.push_back(MlflowJson::toJson(v));
        return Json{{"model_versions", arr}};
    }

    Json getDownloadUri(Args &a)
    {
        return Json{{"artifact_uri", toStd(versionOr404(a.required("name"), a.required("version")).source)}};
    }

    void addRoutes()
    {
        auto add = [this](const char *method, const char *endpoint, Handler h) {
            routes[std::string(method) + ' ' + endpoint] = std::move(h);
            knownEndpoints.insert(endpoint);
        };
        auto bind = [this](Json (Impl::*fn)(Args &)) {
            return [this, fn](Args &a) { return (this->*fn)(a); };
        };
        add("POST", "experiments/search", bind(&Impl::searchExperiments));
        add("GET", "experiments/search", bind(&Impl::searchExperiments));
        add("GET", "experiments/get", bind(&Impl::getExperiment));
        add("GET", "experiments/get-by-name", bind(&Impl::getExperimentByName));
        add("POST", "experiments/create", bind(&Impl::createExperiment));
        add("POST", "experiments/delete", bind(&Impl::deleteExperiment));
        add("POST", "experiments/restore", bind(&Impl::restoreExperiment));
        add("POST", "experiments/set-experiment-tag", bind(&Impl::setExperimentTag));
        add("POST", "runs/search", bind(&Impl::searchRuns));
        add("GET", "runs/get", bind(&Impl::getRun));
        add("POST", "runs/create", bind(&Impl::createRun));
        add("POST", "runs/update", bind(&Impl::updateRun));
        add("POST", "runs/delete", bind(&Impl::deleteRun));
        add("POST", "runs/restore", bind(&Impl::restoreRun));
        add("POST", "runs/set-tag", bind(&Impl::setTag));
        add("POST", "runs/delete-tag", bind(&Impl::deleteTag));
        add("POST", "runs/log-batch", [this](Args &a) { return logBatch(a); });
        add("POST", "runs/log-metric", bind(&Impl::logMetric));
        add("POST", "runs/log-parameter", bind(&Impl::logParam));
        add("GET", "metrics/get-history", bind(&Impl::getMetricHistory));
        add("GET", "metrics/get-history-bulk-interval", bind(&Impl::getMetricHistoryBulkInterval));
        add("GET", "artifacts/list", bind(&Impl::listArtifacts));
        add("POST", "registered-models/create", bind(&Impl::createRegisteredModel));
        add("GET", "registered-models/get", bind(&Impl::getRegisteredModel));
        add("PATCH", "registered-models/update", bind(&Impl::updateRegisteredModel));
        add("DELETE", "registered-models/delete", bind(&Impl::deleteRegisteredModel));
        add("GET", "registered-models/search", bind(&Impl::searchRegisteredModels));
        add("POST", "registered-models/search", bind(&Impl::searchRegisteredModels));
        add("POST", "registered-models/set-tag", bind(&Impl::setRegisteredModelTag));
        add("DELETE", "registered-models/delete-tag", bind(&Impl::deleteRegisteredModelTag));
        add("POST", "registered-models/alias", bind(&Impl::setAlias));
        add("DELETE", "registered-models/alias", bind(&Impl::deleteAlias));
        add("GET", "registered-models/alias", bind(&Impl::getModelVersionByAlias));
        add("POST", "registered-models/get-latest-versions", bind(&Impl::getLatestVersions));
        add("POST", "model-versions/create", bind(&Impl::createModelVersion));
        add("GET", "model-versions/get", bind(&Impl::getModelVersion));
        add("PATCH", "model-versions/update", bind(&Impl::updateModelVersion));
        add("DELETE", "model-versions/delete", bind(&Impl::deleteModelVersion));
        add("GET", "model-versions/search", bind(&Impl::searchModelVersions));
        add("POST", "model-versions/search", bind(&Impl::searchModelVersions));
        add("POST", "model-versions/set-tag", bind(&Impl::setModelVersionTag));
        add("DELETE", "model-versions/delete-tag", bind(&Impl::deleteModelVersionTag));
        add("GET", "model-versions/get-download-uri", bind(&Impl::getDownloadUri));
    }

    // ---- dispatch ----

    static Reply jsonReply(Json json)
    {
        pruneEmptyArrays(json);
        Reply r;
        const QByteArray b = MlflowJson::dump(json);
        r.body.assign(b.constData(), size_t(b.size()));
        return r;
    }

    static Reply errorReply(const QString &code, const QString &message)
    {
        Reply r;
        r.status = httpStatusFor(code);
        const QByteArray b = errorBody(code, message);
        r.body.assign(b.constData(), size_t(b.size()));
        return r;
    }

    static Reply htmlReply(int status, const char *page)
    {
        Reply r;
        r.status = status;
        r.body = page;
        r.contentType = "text/html; charset=utf-8";
        return r;
    }

    // The mlflow-artifacts proxy: /api/2.0/mlflow-artifacts/artifacts/<experiment>/<run>/artifacts/<path>.
    Reply artifactsProxy(const httplib::Request &req, const std::string &rest)
    {
        if (rest.empty() || rest == "/") {
            if (req.method != "GET")
                return htmlReply(405, FlaskMethodNotAllowedPage);
            // Listing: ?path=<experiment>/<run>/artifacts[/sub]
            const QString path = fromStd(req.get_param_value("path"));
            const QStringList parts = path.split(QLatin1Char('/'), Qt::SkipEmptyParts);
            if (parts.size() < 3 || parts[2] != QLatin1String("artifacts"))
                return jsonReply(Json::object());
            requireRun(parts[1]);
            const QString sub = parts.mid(3).join(QLatin1Char('/'));
            Json arr = Json::array();
            for (const lab::ArtifactInfo &f : check(store.listArtifacts(parts[1], sub))) {
                Json j{{"path", toStd(f.path.section(QLatin1Char('/'), -1))}, {"is_dir", f.isDir}};
                if (!f.isDir)
                    j["file_size"] = f.fileSize;
                arr.push_back(j);
            }
            return jsonReply(Json{{"files", arr}});
        }
        if (rest.front() != '/')
            return htmlReply(404, FlaskNotFoundPage);
        const QString path = QUrl::fromPercentEncoding(QByteArray::fromStdString(rest.substr(1)));
        const QStringList parts = path.split(QLatin1Char('/'));
        if (parts.size() < 4 || parts[2] != QLatin1String("artifacts") || path.contains(QLatin1String("..")))
            fail(QStringLiteral("RESOURCE_DOES_NOT_EXIST"),
                 QStringLiteral("Artifact path %1 not found").arg(path));
        const QString runId = parts[1];
        const QString relative = parts.mid(3).join(QLatin1Char('/'));
        requireRun(runId);
        if (req.method == "PUT") {
            check(store.writeArtifact(runId, relative, QByteArray::fromStdString(req.body)));
            return jsonReply(Json::object());
        }
        if (req.method != "GET")
            return htmlReply(405, FlaskMethodNotAllowedPage);
        const QString local = store.localArtifactPath(runId, relative);
        if (local.isEmpty() || !QFileInfo(local).isFile())
            fail(QStringLiteral("RESOURCE_DOES_NOT_EXIST"),
                 QStringLiteral("File %1 not found").arg(relative));
        const QByteArray data = check(store.readArtifact(runId, relative, -1));
        Reply r;
        r.body.assign(data.constData(), size_t(data.size()));
        r.contentType =
            relative.endsWith(QLatin1String(".json")) ? "application/json"
            : (relative.endsWith(QLatin1String(".txt")) || relative.endsWith(QLatin1String("MLmodel")) ||
               relative.endsWith(QLatin1String(".yaml")))
                ? "text/plain"
                : "application/octet-stream";
        return r;
    }

    Reply route(const httplib::Request &req, bool partialLogBatch)
    {
        std::string path = req.path;
        if (path == "/health")
            return Reply{200, "OK", "text/plain; charset=utf-8", {}};
        if (path == "/version")
            return Reply{200, "2.17.0", "text/plain; charset=utf-8", {}};
        try {
            std::lock_guard lock(storeMutex);
            if (path.rfind(ArtifactsPrefix, 0) == 0)
                return artifactsProxy(req, path.substr(strlen(ArtifactsPrefix)));
            std::string endpoint;
            if (path.rfind(ApiPrefix, 0) == 0)
                endpoint = path.substr(strlen(ApiPrefix));
            else if (path.rfind(AjaxPrefix, 0) == 0)
                endpoint = path.substr(strlen(AjaxPrefix));
            else
                return htmlReply(404, FlaskNotFoundPage);
            const auto handler = routes.find(req.method + ' ' + endpoint);
            if (handler == routes.end())
                return knownEndpoints.count(endpoint) ? htmlReply(405, FlaskMethodNotAllowedPage)
                                                      : htmlReply(404, FlaskNotFoundPage);
            Json body = Json::object();
            if (req.method != "GET" && !req.body.empty()) {
                if (endpoint == "runs/log-batch" && req.body.size() > size_t(MaxBatchRequestBytes))
                    invalid(QStringLiteral(
                                "Batched logging API requests must be at most %1 bytes, got a request of "
                                "size %2.")
                                .arg(MaxBatchRequestBytes)
                                .arg(req.body.size()));
                auto parsed = MlflowJson::parse(QByteArrayView(req.body.data(), qsizetype(req.body.size())));
                if (!parsed || !parsed->is_object())
                    fail(QStringLiteral("MALFORMED_REQUEST"),
                         QStringLiteral("Malformed request body: %1")
                             .arg(parsed ? QStringLiteral("not a JSON object") : parsed.error().toString()));
                body = std::move(*parsed);
            }
            Args args(req, std::move(body));
            if (partialLogBatch && endpoint == "runs/log-batch")
                return jsonReply(logBatch(args, true));
            return jsonReply(handler->second(args));
        } catch (const ApiError &e) {
            return errorReply(e.code, e.message);
        } catch (const std::exception &e) {
            return errorReply(QStringLiteral("INTERNAL_ERROR"), QString::fromUtf8(e.what()));
        }
    }

    QString authKind(const httplib::Request &req) const
    {
        const std::string h = req.get_header_value("Authorization");
        if (h.empty())
            return QStringLiteral("none");
        if (h.rfind("Basic ", 0) == 0)
            return QStringLiteral("basic");
        if (h.rfind("Bearer ", 0) == 0)
            return QStringLiteral("bearer");
        return QStringLiteral("other");
    }

    // Empty when the request may pass; otherwise the WWW-Authenticate challenge to send.
    std::string authChallenge(const httplib::Request &req) const
    {
        std::lock_guard lock(stateMutex);
        if ((options.username.isEmpty() && options.token.isEmpty()) || req.path == "/health")
            return {};
        const std::string challenge =
            options.username.isEmpty() ? "Bearer realm=\"mlflow\"" : "Basic realm=\"mlflow\"";
        const std::string h = req.get_header_value("Authorization");
        if (!options.username.isEmpty() && h.rfind("Basic ", 0) == 0) {
            const QByteArray decoded = QByteArray::fromBase64(QByteArray::fromStdString(h.substr(6)));
            if (decoded == (options.username + QLatin1Char(':') + options.password).toUtf8())
                return {};
        }
        if (!options.token.isEmpty() && h.rfind("Bearer ", 0) == 0 && fromStd(h.substr(7)) == options.token)
            return {};
        return challenge;
    }

    std::optional<Fault> takeFault(const httplib::Request &req)
    {
        std::lock_guard lock(stateMutex);
        for (qsizetype i = 0; i < faults.size(); ++i) {
            QueuedFault &f = faults[i];
            if (!f.fault.method.isEmpty() && f.fault.method.toStdString() != req.method)
                continue;
            if (!f.path.match(fromStd(req.path)).hasMatch())
                continue;
            const Fault fault = f.fault;
            if (--f.remaining <= 0)
                faults.removeAt(i);
            return fault;
        }
        return std::nullopt;
    }

    void setRecordedStatus(qsizetype index, int status)
    {
        std::lock_guard lock(stateMutex);
        if (index < recorded.size())
            recorded[index].status = status;
    }

    void dropConnection(const httplib::Request &req, httplib::Response &res)
    {
        const int fd = findConnectionSocket(req.local_port, req.remote_port);
        if (fd >= 0)
            ::shutdown(fd, SHUT_RDWR);
        // Nothing reaches the client; the provider refuses so httplib gives up on the socket.
        res.status = 500;
        res.set_content_provider(1, "application/json",
                                 [](size_t, size_t, httplib::DataSink &) { return false; });
    }

    void send(const Reply &reply, const std::optional<Fault> &fault, httplib::Response &res)
    {
        res.status = reply.status;
        for (const auto &[k, v] : reply.headers)
            res.set_header(k.c_str(), v);
        if (fault && !fault->retryAfter.isEmpty())
            res.set_header("Retry-After", toStd(fault->retryAfter));
        if (fault && fault->truncateBody) {
            auto body = std::make_shared<std::string>(reply.body);
            res.set_content_provider(body->size(), reply.contentType.c_str(),
                                     [body](size_t offset, size_t, httplib::DataSink &sink) {
                                         if (offset == 0)
                                             sink.write(body->data(), body->size() / 2);
                                         return false;
                                     });
            return;
        }
        if (fault && fault->truncateJson) {
            res.set_content(reply.body.substr(0, reply.body.size() / 2), reply.contentType);
            return;
        }
        if (fault && fault->slowBodyMsPerByte > 0) {
            auto body = std::make_shared<std::string>(reply.body);
            const int pace = fault->slowBodyMsPerByte;
            const size_t chunk = std::max<size_t>(1, size_t(20 / pace));
            res.set_content_provider(
                body->size(), reply.contentType.c_str(),
                [this, body, pace, chunk](size_t offset, size_t length, httplib::DataSink &sink) {
                    if (stopping)
                        return false;
                    const size_t n = std::min(chunk, length);
                    sleepMs(int(n) * pace);
                    return sink.write(body->data() + offset, n);
                });
            return;
        }
        res.set_content(reply.body, reply.contentType);
    }

    void serve(const httplib::Request &req, httplib::Response &res)
    {
        qsizetype index = 0;
        {
            std::lock_guard lock(stateMutex);
            RecordedRequest rec;
            rec.method = fromStd(req.method);
            rec.path = fromStd(req.path);
            const size_t q = req.target.find('?');
            rec.query = q == std::string::npos ? QString() : fromStd(req.target.substr(q + 1));
            rec.body = QByteArray::fromStdString(req.body);
            rec.authKind = authKind(req);
            index = recorded.size();
            recorded << rec;
        }
        if (const std::string challenge = authChallenge(req); !challenge.empty()) {
            res.status = 401;
            res.set_header("WWW-Authenticate", challenge);
            res.set_content(NotAuthenticatedText, "text/html; charset=utf-8");
            setRecordedStatus(index, 401);
            return;
        }
        const std::optional<Fault> fault = takeFault(req);
        if (fault && fault->delayMs > 0)
            sleepMs(fault->delayMs);
        const bool answersInstead =
            fault && (fault->status > 0 || fault->dropConnection || fault->htmlProxyPage);
        Reply reply;
        if (!answersInstead || fault->applyFirst)
            reply = route(req, fault && fault->partialLogBatchThen500);
        if (answersInstead) {
            if (fault->dropConnection) {
                dropConnection(req, res);
                setRecordedStatus(index, 0);
                return;
            }
            const int status = fault->status > 0 ? fault->status : 502;
            if (fault->htmlProxyPage) {
                reply.status = status;
                reply.contentType = "text/html";
                const QString reason = reasonPhrase(status);
                reply.body = toStd(QString::fromLatin1(NginxBadGatewayPage).arg(status).arg(reason));
            } else {
                reply.status = status;
                reply.contentType =
                    fault->contentType.isEmpty() ? "application/json" : fault->contentType.toStdString();
                reply.body = fault->body.isEmpty()
                                 ? errorBody(codeForStatus(status),
                                             QStringLiteral("Injected fault: HTTP %1").arg(status))
                                       .toStdString()
                                 : fault->body.toStdString();
            }
            reply.headers.clear();
        }
        send(reply, fault, res);
        setRecordedStatus(index, reply.status);
    }
};

// ---- public API ----------------------------------------------------------------------------------

MlflowTestServer::MlflowTestServer(const QString &storeRoot) : MlflowTestServer(storeRoot, Options{}) {}

MlflowTestServer::MlflowTestServer(const QString &storeRoot, Options options)
    : d(std::make_unique<Impl>(storeRoot, std::move(options)))
{
}

MlflowTestServer::~MlflowTestServer()
{
    stop();
}

bool MlflowTestServer::start(int port)
{
    if (isRunning())
        return true;
    d->error.clear();
    // A client that hangs up mid-answer must not kill the test process (OpenSSL writes with write()).
    std::signal(SIGPIPE, SIG_IGN);
    if (!QFileInfo(d->root).isDir() || QDir(d->root).isEmpty()) {
        if (lab::Status s = d->store.initialize(); !s) {
            d->error = s.error().toString();
            return false;
        }
    }
    {
        std::lock_guard lock(d->storeMutex);
        d->models.clear();
        d->loadRegistry();
    }
    if (!d->options.certFile.isEmpty()) {
        const QByteArray cert = QFile::encodeName(d->options.certFile);
        const QByteArray key = QFile::encodeName(d->options.keyFile);
        const QByteArray ca = QFile::encodeName(d->options.clientCaFile);
        d->http = std::make_unique<httplib::SSLServer>(cert.constData(), key.constData(),
                                                       ca.isEmpty() ? nullptr : ca.constData());
    } else {
        d->http = std::make_unique<httplib::Server>();
    }
    if (!d->http->is_valid()) {
        d->error = QStringLiteral("The TLS certificate or key could not be loaded");
        d->http.reset();
        return false;
    }
    d->http->set_keep_alive_timeout(2);
    auto handler = [this](const httplib::Request &req, httplib::Response &res) { d->serve(req, res); };
    d->http->Get(".*", handler);
    d->http->Post(".*", handler);
    d->http->Put(".*", handler);
    d->http->Patch(".*", handler);
    d->http->Delete(".*", handler);
    d->http->set_exception_handler([](const httplib::Request &, httplib::Response &res, std::exception_ptr) {
        res.status = 500;
        res.set_content(errorBody(QStringLiteral("INTERNAL_ERROR"), QStringLiteral("Unexpected server error"))
                            .toStdString(),
                        "application/json");
    });
    if (port == 0) {
        d->boundPort = d->http->bind_to_any_port("127.0.0.1");
    } else {
        d->boundPort = d->http->bind_to_port("127.0.0.1", port) ? port : -1;
    }
    if (d->boundPort <= 0) {
        d->error = QStringLiteral("Could not listen on 127.0.0.1:%1").arg(port);
        d->http.reset();
        return false;
    }
    d->stopping = false;
    httplib::Server *http = d->http.get();
    d->thread = std::thread([http] { http->listen_after_bind(); });
    // stop() before the accept loop has started would be lost, so wait for it.
    for (int i = 0; i < 500 && !http->is_running(); ++i)
        std::this_thread::sleep_for(std::chrono::milliseconds(2));
    return http->is_running();
}

void MlflowTestServer::stop()
{
    if (!d->http)
        return;
    d->stopping = true;
    d->http->stop();
    if (d->thread.joinable())
        d->thread.join();
    d->http.reset();
}

bool MlflowTestServer::isRunning() const
{
    return d->http && d->http->is_running();
}

QString MlflowTestServer::errorString() const
{
    return d->error;
}

QString MlflowTestServer::url() const
{
    const bool tls = !d->options.certFile.isEmpty();
    return QStringLiteral("%1://127.0.0.1:%2")
        .arg(tls ? QStringLiteral("https") : QStringLiteral("http"))
        .arg(d->boundPort);
}

int MlflowTestServer::port() const
{
    return d->boundPort;
}

QString MlflowTestServer::storeRoot() const
{
    return d->root;
}

void MlflowTestServer::injectFault(const QString &pathRegex, const Fault &fault)
{
    std::lock_guard lock(d->stateMutex);
    d->faults << Impl::QueuedFault{QRegularExpression(pathRegex), fault, std::max(1, fault.times)};
}

void MlflowTestServer::clearFaults()
{
    std::lock_guard lock(d->stateMutex);
    d->faults.clear();
}

int MlflowTestServer::pendingFaults() const
{
    std::lock_guard lock(d->stateMutex);
    int n = 0;
    for (const auto &f : d->faults)
        n += f.remaining;
    return n;
}

QList<MlflowTestServer::RecordedRequest> MlflowTestServer::requests() const
{
    std::lock_guard lock(d->stateMutex);
    return d->recorded;
}

QList<MlflowTestServer::RecordedRequest> MlflowTestServer::requests(const QString &pathRegex,
                                                                    const QString &method) const
{
    const QRegularExpression re(pathRegex);
    QList<RecordedRequest> out;
    std::lock_guard lock(d->stateMutex);
    for (const RecordedRequest &r : d->recorded)
        if ((method.isEmpty() || r.method == method) && re.match(r.path).hasMatch())
            out << r;
    return out;
}

void MlflowTestServer::clearRequests()
{
    std::lock_guard lock(d->stateMutex);
    d->recorded.clear();
}

void MlflowTestServer::setAuth(const QString &username, const QString &password, const QString &token)
{
    std::lock_guard lock(d->stateMutex);
    d->options.username = username;
    d->options.password = password;
    d->options.token = token;
}

MlflowTestServer::TlsFiles MlflowTestServer::generateTlsFiles(const QString &dir)
{
    TlsFiles files;
    QDir().mkpath(dir);
    EVP_PKEY *caKey = EVP_RSA_gen(2048);
    EVP_PKEY *otherCaKey = EVP_RSA_gen(2048);
    EVP_PKEY *serverKey = EVP_RSA_gen(2048);
    EVP_PKEY *clientKey = EVP_RSA_gen(2048);
    X509 *ca =
        caKey ? makeCertificate(caKey, "Lab Console test CA", CertKind::Ca, nullptr, nullptr, 1) : nullptr;
    X509 *otherCa = otherCaKey
                        ? makeCertificate(otherCaKey, "Some other CA", CertKind::Ca, nullptr, nullptr, 2)
                        : nullptr;
    X509 *server =
        (ca && serverKey) ? makeCertificate(serverKey, "127.0.0.1", CertKind::Server, ca, caKey, 3) : nullptr;
    X509 *client =
        (ca && clientKey) ? makeCertificate(clientKey, "student", CertKind::Client, ca, caKey, 4) : nullptr;
    const QDir d(dir);
    TlsFiles out{d.filePath(QStringLiteral("ca.pem")),         d.filePath(QStringLiteral("server.pem")),
                 d.filePath(QStringLiteral("server-key.pem")), d.filePath(QStringLiteral("client.pem")),
                 d.filePath(QStringLiteral("client-key.pem")), d.filePath(QStringLiteral("other-ca.pem"))};
    const bool ok = ca && otherCa && server && client && writePem(out.caCert, ca, nullptr) &&
                    writePem(out.otherCaCert, otherCa, nullptr) &&
                    writePem(out.serverCert, server, nullptr) &&
                    writePem(out.serverKey, nullptr, serverKey) &&
                    writePem(out.clientCert, client, nullptr) && writePem(out.clientKey, nullptr, clientKey);
    for (X509 *c : {ca, otherCa, server, client})
        X509_free(c);
    for (EVP_PKEY *k : {caKey, otherCaKey, serverKey, clientKey})
        EVP_PKEY_free(k);
    return ok ? out : files;
}

} // namespace labtest
