#include "net/httpclient.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QLoggingCategory>
#include <QRegularExpression>
#include <QThread>

#include <curl/curl.h>

#include <condition_variable>
#include <mutex>
#include <unordered_map>
#include <vector>

Q_LOGGING_CATEGORY(lcHttp, "labconsole.http")

namespace lab {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("lab::HttpClient", text);
}

// "1 s", "1.5 s", "0.25 s": timeouts are set in ms but read by people in seconds.
QString seconds(qint64 ms)
{
    return tr("%1 s").arg(QString::number(double(ms) / 1000.0, 'g', 4));
}

QString byteSize(qint64 bytes)
{
    if (bytes >= 1024 * 1024)
        return tr("%1 MB").arg(QString::number(double(bytes) / (1024.0 * 1024.0), 'g', 4));
    if (bytes >= 1024)
        return tr("%1 KB").arg(QString::number(double(bytes) / 1024.0, 'g', 4));
    return QCoreApplication::translate("lab::HttpClient", "%n byte(s)", nullptr, int(bytes));
}

struct Waiter
{
    std::mutex mutex;
    std::condition_variable cv;
    bool done = false;
    HttpResponse response;
};

struct Transfer
{
    quint64 id = 0;
    CURL *easy = nullptr;
    curl_slist *headerList = nullptr;
    curl_slist *connectTo = nullptr;
    HttpRequest request;
    HttpResponse response;
    char errbuf[CURL_ERROR_SIZE] = {};
    QElapsedTimer timer; // started in send(), so queueing time counts
    qint64 lastActivityMs = 0;
    bool tooLarge = false;
    bool streaming = false;
    bool headersPosted = false;
    int status = 0;      // from the last status line seen
    HttpHeaders headers; // of the last response seen (after 1xx and redirects, the final one)
    QString hostPort;    // for messages: "127.0.0.1:8443"
    QString verifyName;  // the name the certificate is checked against
    std::shared_ptr<Waiter> waiter;
    const std::atomic_bool *abort = nullptr;
    HttpClient *q = nullptr;

    ~Transfer()
    {
        if (easy)
            curl_easy_cleanup(easy);
        curl_slist_free_all(headerList);
        curl_slist_free_all(connectTo);
    }
};

void postHeaders(Transfer *t)
{
    if (!t->streaming || t->headersPosted || !t->q)
        return;
    t->headersPosted = true;
    QMetaObject::invokeMethod(
        t->q,
        [q = t->q, id = t->id, status = t->status, headers = t->headers] {
            Q_EMIT q->headersReceived(id, status, headers);
        },
        Qt::QueuedConnection);
}

size_t onWrite(char *data, size_t size, size_t count, void *userdata)
{
    auto *t = static_cast<Transfer *>(userdata);
    const qint64 len = qint64(size * count);
    t->lastActivityMs = t->timer.elapsed();
    const qint64 cap = t->request.maxResponseBytes;
    if (cap > 0 && t->response.bytesReceived + len > cap) {
        t->tooLarge = true;
        return 0; // makes libcurl stop with CURLE_WRITE_ERROR; nothing more is kept
    }
    t->response.bytesReceived += len;
    if (t->streaming) {
        postHeaders(t);
        QMetaObject::invokeMethod(
            t->q, [q = t->q, id = t->id, bytes = QByteArray(data, len)] { Q_EMIT q->chunk(id, bytes); },
            Qt::QueuedConnection);
    } else {
        if (t->response.body.isEmpty()) {
            // One allocation for the announced size instead of doubling up to twice the cap.
            curl_off_t announced = -1;
            curl_easy_getinfo(t->easy, CURLINFO_CONTENT_LENGTH_DOWNLOAD_T, &announced);
            if (announced > 0 && (cap <= 0 || announced <= cap))
                t->response.body.reserve(qsizetype(announced));
        }
        t->response.body.append(data, len);
    }
    return size_t(len);
}

size_t onHeader(char *data, size_t size, size_t count, void *userdata)
{
    auto *t = static_cast<Transfer *>(userdata);
    const size_t len = size * count;
    t->lastActivityMs = t->timer.elapsed();
    const QByteArray line = QByteArray(data, qsizetype(len)).trimmed();
    if (line.startsWith("HTTP/")) {
        // A new response begins (after 100 Continue, or a redirect being followed).
        t->headers.clear();
        const QList<QByteArray> parts = line.split(' ');
        t->status = parts.size() > 1 ? parts.at(1).toInt() : 0;
    } else if (!line.isEmpty()) {
        const int colon = line.indexOf(':');
        if (colon > 0)
            t->headers.append({line.left(colon).trimmed().toLower(), line.mid(colon + 1).trimmed()});
    }
    return len;
}

QString bracketed(const QString &host)
{
    return host.contains(QLatin1Char(':')) ? QLatin1Char('[') + host + QLatin1Char(']') : host;
}

// The names a server certificate is for: subjectAltName entries, else the subject's CN.
QStringList certificateNames(CURL *easy)
{
    curl_certinfo *info = nullptr;
    if (curl_easy_getinfo(easy, CURLINFO_CERTINFO, &info) != CURLE_OK || !info || info->num_of_certs < 1)
        return {};
    QStringList names;
    QString commonName;
    for (curl_slist *s = info->certinfo[0]; s; s = s->next) {
        const QString entry = QString::fromUtf8(s->data);
        const int colon = entry.indexOf(QLatin1Char(':'));
        if (colon < 0)
            continue;
        const QString label = entry.left(colon);
        const QString value = entry.mid(colon + 1);
        if (label == QLatin1String("X509v3 Subject Alternative Name")) {
            for (QString item : value.split(QLatin1Char(','))) {
                item = item.trimmed();
                for (const char *prefix : {"DNS:", "IP Address:"})
                    if (item.startsWith(QLatin1String(prefix)))
                        names.append(item.mid(int(qstrlen(prefix))));
            }
        } else if (label == QLatin1String("Subject")) {
            static const QRegularExpression cn(QStringLiteral("CN\\s*=\\s*([^,/]+)"));
            const auto m = cn.match(value);
            if (m.hasMatch())
                commonName = m.captured(1).trimmed();
        }
    }
    if (names.isEmpty() && !commonName.isEmpty())
        names.append(commonName);
    return names;
}

struct Described
{
    HttpFailure failure = HttpFailure::Network;
    QString message;
    QString hint;
};

Described describe(CURLcode rc, Transfer *t)
{
    const QString err = QString::fromUtf8(t->errbuf);
    const QString where = t->hostPort;
    const HttpRequest &r = t->request;

    switch (rc) {
    case CURLE_UNSUPPORTED_PROTOCOL:
    case CURLE_URL_MALFORMAT:
        return {HttpFailure::InvalidRequest, tr("invalid URL %1").arg(redactedUrl(r.url)), {}};
    case CURLE_COULDNT_RESOLVE_HOST:
        return {HttpFailure::HostNotFound, tr("cannot resolve host name %1").arg(r.url.host()),
                tr("Check the server address and your network connection.")};
    case CURLE_COULDNT_RESOLVE_PROXY:
        return {HttpFailure::Proxy, tr("cannot resolve the proxy's host name"),
                tr("Check the proxy settings (http_proxy, https_proxy).")};
    case CURLE_COULDNT_CONNECT: {
        // libcurl names the address it tried; when that is not the server, it was the proxy.
        static const QRegularExpression tried(QStringLiteral("Failed to connect to (\\S+) port (\\d+)"));
        const auto m = tried.match(err);
        if (m.hasMatch()) {
            const QString triedHostPort = bracketed(m.captured(1)) + QLatin1Char(':') + m.captured(2);
            if (triedHostPort != where)
                return {HttpFailure::Proxy, tr("proxy %1 is unreachable").arg(triedHostPort),
                        tr("Check the proxy settings (http_proxy, https_proxy, no_proxy).")};
        }
        if (err.contains(QLatin1String("No route")) || err.contains(QLatin1String("unreachable")))
            return {HttpFailure::Network, tr("cannot reach %1").arg(where),
                    tr("Check your network connection.")};
        return {HttpFailure::ConnectionRefused, tr("connection refused to %1").arg(where),
                tr("Check that the server is running and that the address and port are right.")};
    }
    case CURLE_OPERATION_TIMEDOUT: {
        curl_off_t pretransfer = 0;
        curl_easy_getinfo(t->easy, CURLINFO_PRETRANSFER_TIME_T, &pretransfer);
        if (err.startsWith(QLatin1String("Resolving timed out")))
            return {HttpFailure::HostNotFound, tr("resolving %1 timed out").arg(r.url.host()),
                    tr("Check your network connection.")};
        if (pretransfer == 0) {
            int limit = r.connectTimeoutMs;
            if (r.timeoutMs > 0 && (limit <= 0 || r.timeoutMs < limit))
                limit = r.timeoutMs;
            return {HttpFailure::ConnectTimeout,
                    tr("could not connect to %1 within %2").arg(where, seconds(limit)),
                    tr("The server is unreachable or very slow; check the address or try again later.")};
        }
        return {HttpFailure::Timeout, tr("request to %1 timed out after %2").arg(where, seconds(r.timeoutMs)),
                tr("The server is slow or the response is large; try again or raise the timeout.")};
    }
    case CURLE_PARTIAL_FILE: {
        curl_off_t expected = -1;
        curl_easy_getinfo(t->easy, CURLINFO_CONTENT_LENGTH_DOWNLOAD_T, &expected);
        const QString msg =
            expected > 0 ? tr("truncated response from %1: the connection closed after %2 of %3")
                               .arg(where, byteSize(t->response.bytesReceived), byteSize(expected))
                         : tr("truncated response from %1: the connection closed in the middle of the body")
                               .arg(where);
        return {HttpFailure::Truncated, msg, tr("The server or a proxy dropped the connection; try again.")};
    }
    case CURLE_WRITE_ERROR:
    case CURLE_FILESIZE_EXCEEDED:
        if (t->tooLarge || rc == CURLE_FILESIZE_EXCEEDED)
            return {HttpFailure::TooLarge,
                    tr("response too large (over %1)").arg(byteSize(r.maxResponseBytes)),
                    tr("Ask for less at a time (a smaller page or a filter).")};
        break;
    case CURLE_GOT_NOTHING:
        return {HttpFailure::ConnectionReset, tr("%1 closed the connection without a response").arg(where),
                tr("The server or a proxy dropped the connection; try again.")};
    case CURLE_BAD_CONTENT_ENCODING:
        return {
            HttpFailure::BadEncoding, tr("the response from %1 could not be decompressed").arg(where), {}};
    case CURLE_PEER_FAILED_VERIFICATION: {
        if (err.contains(QLatin1String("subject name")) || err.contains(QLatin1String("target host name"))) {
            QStringList names = certificateNames(t->easy);
            if (names.isEmpty()) {
                static const QRegularExpression subject(QStringLiteral("subject name '([^']*)'"));
                const auto m = subject.match(err);
                if (m.hasMatch())
                    names.append(m.captured(1));
            }
            const QString forWhat = names.isEmpty() ? tr("another host") : names.join(tr(" or "));
            return {HttpFailure::TlsHostnameMismatch,
                    tr("TLS: certificate is for %1, not %2").arg(forWhat, t->verifyName),
                    tr("Connect with the name on the certificate, or set the TLS server name.")};
        }
        QString reason = err;
        reason.remove(QStringLiteral("SSL certificate problem: "));
        return {HttpFailure::TlsUntrusted,
                tr("TLS: the certificate of %1 is not trusted (%2)").arg(where, reason),
                tr("Set the CA certificate that signed the server's certificate.")};
    }
    case CURLE_SSL_CERTPROBLEM:
        return {HttpFailure::TlsClientCertificate, tr("TLS: the client certificate or key cannot be used"),
                tr("Check that the client certificate and key belong together and are PEM.")};
    case CURLE_SSL_CACERT_BADFILE:
        return {HttpFailure::TlsUntrusted, tr("TLS: the CA certificates cannot be read"),
                tr("Check the CA file: it must hold PEM certificates.")};
    default:
        break;
    }

    // What is left is told apart by libcurl's own words.
    const bool tlsAlert = err.contains(QLatin1String("alert"));
    if (tlsAlert &&
        (err.contains(QLatin1String("certificate required")) ||
         err.contains(QLatin1String("bad certificate")) || err.contains(QLatin1String("unknown ca")) ||
         err.contains(QLatin1String("certificate expired")) ||
         err.contains(QLatin1String("certificate unknown"))))
        return {HttpFailure::TlsClientCertificate,
                tr("TLS: %1 rejected the client certificate, or requires one").arg(where),
                tr("Set a client certificate and key the server accepts.")};
    if (rc == CURLE_SSL_CONNECT_ERROR || rc == CURLE_SSL_ENGINE_INITFAILED || rc == CURLE_SSL_CIPHER ||
        rc == CURLE_SSL_SHUTDOWN_FAILED || rc == CURLE_USE_SSL_FAILED)
        return {HttpFailure::TlsHandshake, tr("TLS handshake with %1 failed").arg(where),
                tr("Check that the server speaks TLS on this port (https) and the TLS settings.")};
    if (rc == CURLE_RECV_ERROR || rc == CURLE_SEND_ERROR) {
        if (err.contains(QLatin1String("reset")) || err.contains(QLatin1String("Broken pipe")) ||
            err.contains(QLatin1String("unexpected eof")))
            return {HttpFailure::ConnectionReset, tr("the connection to %1 was reset").arg(where),
                    tr("The server or a proxy dropped the connection; try again.")};
        return {HttpFailure::ConnectionReset, tr("the connection to %1 failed").arg(where),
                tr("The server or a proxy dropped the connection; try again.")};
    }
    if (rc == CURLE_PROXY)
        return {HttpFailure::Proxy, tr("the proxy refused to connect to %1").arg(where), {}};
    if (rc == CURLE_TOO_MANY_REDIRECTS)
        return {HttpFailure::Network, tr("too many redirects from %1").arg(where), {}};
    return {HttpFailure::Network,
            tr("request to %1 failed: %2").arg(where, QString::fromUtf8(curl_easy_strerror(rc))),
            {}};
}

Described describeForced(HttpFailure f, Transfer *t)
{
    switch (f) {
    case HttpFailure::Cancelled:
        return {f, tr("request cancelled"), {}};
    case HttpFailure::IdleTimeout:
        return {f, tr("no data from %1 for %2").arg(t->hostPort, seconds(t->request.idleTimeoutMs)),
                tr("The server stopped sending; try again.")};
    case HttpFailure::InvalidRequest:
        return {
            f, tr("invalid URL %1: only http and https are supported").arg(redactedUrl(t->request.url)), {}};
    default:
        return {f, tr("request failed"), {}};
    }
}

} // namespace

class HttpClient::Engine
{
public:
    explicit Engine(HttpClient *q) : m_q(q)
    {
        static std::once_flag once;
        std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
        m_multi = curl_multi_init();
        m_thread.reset(QThread::create([this] { run(); }));
        m_thread->setObjectName(QStringLiteral("labconsole-http"));
        m_thread->start();
    }

    ~Engine()
    {
        {
            std::lock_guard lock(m_mutex);
            m_stop = true;
        }
        curl_multi_wakeup(m_multi);
        m_thread->wait();
        curl_multi_cleanup(m_multi);
    }

    quint64 submit(HttpRequest request, std::shared_ptr<Waiter> waiter, const std::atomic_bool *abort)
    {
        auto t = std::make_unique<Transfer>();
        t->timer.start();
        t->id = m_nextId.fetch_add(1);
        t->request = std::move(request);
        t->waiter = std::move(waiter);
        t->abort = abort;
        t->q = m_q;
        t->streaming = t->request.streaming && !t->waiter;
        const quint64 id = t->id;
        m_active.fetch_add(1);
        {
            std::lock_guard lock(m_mutex);
            m_incoming.push_back(std::move(t));
        }
        curl_multi_wakeup(m_multi);
        return id;
    }

    void cancel(quint64 id)
    {
        {
            std::lock_guard lock(m_mutex);
            m_cancels.push_back(id);
        }
        curl_multi_wakeup(m_multi);
    }

    void cancelAll()
    {
        {
            std::lock_guard lock(m_mutex);
            m_cancelAll = true;
        }
        curl_multi_wakeup(m_multi);
    }

    int activeCount() const { return m_active.load(); }
    bool onNetworkThread() const { return QThread::currentThread() == m_thread.get(); }

private:
    void run()
    {
        for (;;) {
            std::vector<std::unique_ptr<Transfer>> incoming;
            std::vector<quint64> cancels;
            bool cancelAll = false;
            bool stop = false;
            {
                std::lock_guard lock(m_mutex);
                incoming.swap(m_incoming);
                cancels.swap(m_cancels);
                cancelAll = std::exchange(m_cancelAll, false);
                stop = m_stop;
            }
            for (auto &t : incoming)
                start(std::move(t));
            if (stop)
                break;
            if (cancelAll) {
                for (auto &[id, t] : m_transfers)
                    cancels.push_back(id);
            }
            for (quint64 id : cancels)
                finishForced(id, HttpFailure::Cancelled);

            // Our own limits: an abort flag from sendAndWait(), and the idle timeout.
            std::vector<std::pair<quint64, HttpFailure>> expired;
            bool needTick = false;
            for (auto &[id, t] : m_transfers) {
                if (t->abort) {
                    needTick = true;
                    if (t->abort->load())
                        expired.emplace_back(id, HttpFailure::Cancelled);
                }
                if (t->request.idleTimeoutMs > 0) {
                    needTick = true;
                    if (t->timer.elapsed() - t->lastActivityMs > t->request.idleTimeoutMs)
                        expired.emplace_back(id, HttpFailure::IdleTimeout);
                }
            }
            for (auto &[id, f] : expired)
                finishForced(id, f);

            int running = 0;
            curl_multi_perform(m_multi, &running);
            int queued = 0;
            while (CURLMsg *msg = curl_multi_info_read(m_multi, &queued)) {
                if (msg->msg != CURLMSG_DONE)
                    continue;
                Transfer *t = nullptr;
                curl_easy_getinfo(msg->easy_handle, CURLINFO_PRIVATE, &t);
                const CURLcode rc = msg->data.result;
                if (t)
                    finish(t->id, rc, HttpFailure::None);
            }

            const int waitMs = m_transfers.empty() ? 5000 : (needTick ? 50 : 1000);
            curl_multi_poll(m_multi, nullptr, 0, waitMs, nullptr);
        }

        // Shutting down: every request still open ends as cancelled; waiting threads are released,
        // and no signal goes to the client being destroyed.
        m_shuttingDown = true;
        std::vector<quint64> ids;
        for (auto &[id, t] : m_transfers)
            ids.push_back(id);
        for (quint64 id : ids)
            finishForced(id, HttpFailure::Cancelled);
        std::lock_guard lock(m_mutex);
        for (auto &t : m_incoming) {
            m_transfers.emplace(t->id, std::move(t));
        }
        m_incoming.clear();
        ids.clear();
        for (auto &[id, t] : m_transfers)
            ids.push_back(id);
        for (quint64 id : ids)
            finishForced(id, HttpFailure::Cancelled);
    }

    void start(std::unique_ptr<Transfer> owned)
    {
        Transfer *t = owned.get();
        const quint64 id = t->id;
        m_transfers.emplace(id, std::move(owned));
        HttpRequest &r = t->request;

        const QString scheme = r.url.scheme().toLower();
        const bool https = scheme == QLatin1String("https");
        t->hostPort =
            bracketed(r.url.host()) + QLatin1Char(':') + QString::number(r.url.port(https ? 443 : 80));
        t->verifyName = r.tls.tlsServerName.isEmpty() ? r.url.host() : r.tls.tlsServerName;

        if (lcHttp().isDebugEnabled()) {
            qCDebug(lcHttp).noquote() << "request" << id << r.method << redactedUrl(r.url);
            for (const auto &h : r.headers)
                qCDebug(lcHttp).noquote() << "  " << h.first + ": " + redactedHeaderValue(h.first, h.second);
        }

        if (!r.url.isValid() || r.url.host().isEmpty() || (scheme != QLatin1String("http") && !https)) {
            finishForced(id, HttpFailure::InvalidRequest);
            return;
        }
        t->easy = curl_easy_init();
        if (!t->easy) {
            finishForced(id, HttpFailure::Network);
            return;
        }
        CURL *e = t->easy;
        curl_easy_setopt(e, CURLOPT_PRIVATE, t);
        curl_easy_setopt(e, CURLOPT_NOSIGNAL, 1L);
        curl_easy_setopt(e, CURLOPT_ERRORBUFFER, t->errbuf);
        curl_easy_setopt(e, CURLOPT_PROTOCOLS_STR, "http,https");
        curl_easy_setopt(e, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
        curl_easy_setopt(e, CURLOPT_WRITEFUNCTION, &onWrite);
        curl_easy_setopt(e, CURLOPT_WRITEDATA, t);
        curl_easy_setopt(e, CURLOPT_HEADERFUNCTION, &onHeader);
        curl_easy_setopt(e, CURLOPT_HEADERDATA, t);
        curl_easy_setopt(e, CURLOPT_SUPPRESS_CONNECT_HEADERS, 1L);
        curl_easy_setopt(e, CURLOPT_TCP_KEEPALIVE, 1L);
        curl_easy_setopt(e, CURLOPT_TCP_KEEPIDLE, 60L);
        curl_easy_setopt(e, CURLOPT_TCP_KEEPINTVL, 30L);

        QUrl url = r.url;
        if (https && !r.tls.tlsServerName.isEmpty() && !r.tls.insecureSkipVerify) {
            // Verify against (and send SNI for) the configured name while connecting to the URL's
            // host, as kubectl's tls-server-name does; the Host header keeps the real address.
            const int port = r.url.port(443);
            url.setHost(r.tls.tlsServerName);
            const QByteArray connectTo =
                (bracketed(r.tls.tlsServerName) + QLatin1Char(':') + QString::number(port) +
                 QLatin1Char(':') + bracketed(r.url.host()) + QLatin1Char(':') + QString::number(port))
                    .toUtf8();
            t->connectTo = curl_slist_append(nullptr, connectTo.constData());
            curl_easy_setopt(e, CURLOPT_CONNECT_TO, t->connectTo);
            if (r.header("Host").isEmpty())
                r.headers.append({"Host", t->hostPort.toUtf8()});
        }
        curl_easy_setopt(e, CURLOPT_URL, url.toEncoded().constData());

        const QByteArray method = r.method.toUpper();
        if (method == "HEAD") {
            curl_easy_setopt(e, CURLOPT_NOBODY, 1L);
        } else if (method == "GET" && r.body.isEmpty()) {
            curl_easy_setopt(e, CURLOPT_HTTPGET, 1L);
        } else {
            if (!r.body.isEmpty() || method == "POST" || method == "PUT" || method == "PATCH") {
                curl_easy_setopt(e, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(r.body.size()));
                curl_easy_setopt(e, CURLOPT_POSTFIELDS, r.body.constData()); // r lives as long as e
            }
            if (method != "POST")
                curl_easy_setopt(e, CURLOPT_CUSTOMREQUEST, method.constData());
        }

        bool hasContentType = false;
        bool hasExpect = false;
        for (const auto &h : std::as_const(r.headers)) {
            const QByteArray lower = h.first.toLower();
            hasContentType |= lower == "content-type";
            hasExpect |= lower == "expect";
            // "Name;" is libcurl's way to send a header with an empty value.
            const QByteArray line =
                h.second.isEmpty() ? QByteArray(h.first + ';') : QByteArray(h.first + ": " + h.second);
            t->headerList = curl_slist_append(t->headerList, line.constData());
        }
        if (!hasExpect) // no 100-continue round trip before large bodies
            t->headerList = curl_slist_append(t->headerList, "Expect:");
        if (!hasContentType && !r.body.isEmpty()) // not libcurl's default form encoding
            t->headerList = curl_slist_append(t->headerList, "Content-Type:");
        curl_easy_setopt(e, CURLOPT_HTTPHEADER, t->headerList);

        curl_easy_setopt(e, CURLOPT_TIMEOUT_MS, long(qMax(0, r.timeoutMs)));
        curl_easy_setopt(e, CURLOPT_CONNECTTIMEOUT_MS, long(qMax(0, r.connectTimeoutMs)));
        if (r.acceptGzip)
            curl_easy_setopt(e, CURLOPT_ACCEPT_ENCODING, "");
        if (r.followRedirects) {
            curl_easy_setopt(e, CURLOPT_FOLLOWLOCATION, 1L);
            curl_easy_setopt(e, CURLOPT_MAXREDIRS, 10L);
        }
        if (r.proxy)
            curl_easy_setopt(e, CURLOPT_PROXY, r.proxy->toUtf8().constData());
        if (r.maxResponseBytes > 0) // refuses early when Content-Length already says too much
            curl_easy_setopt(e, CURLOPT_MAXFILESIZE_LARGE, curl_off_t(r.maxResponseBytes));

        if (https) {
            const HttpTlsOptions &tls = r.tls;
            curl_easy_setopt(e, CURLOPT_CERTINFO, 1L);
            if (tls.insecureSkipVerify) {
                curl_easy_setopt(e, CURLOPT_SSL_VERIFYPEER, 0L);
                curl_easy_setopt(e, CURLOPT_SSL_VERIFYHOST, 0L);
            }
            if (tls.hasCustomCa()) {
                // Only the given CA, not the system store in addition: a lab CA means "this server".
                curl_easy_setopt(e, CURLOPT_CAPATH, nullptr);
                if (!tls.caPem.isEmpty()) {
                    curl_easy_setopt(e, CURLOPT_CAINFO, nullptr);
                    curl_blob blob{const_cast<char *>(tls.caPem.constData()), size_t(tls.caPem.size()),
                                   CURL_BLOB_COPY};
                    curl_easy_setopt(e, CURLOPT_CAINFO_BLOB, &blob);
                } else {
                    curl_easy_setopt(e, CURLOPT_CAINFO, QFile::encodeName(tls.caFile).constData());
                }
            }
            if (!tls.clientCertPem.isEmpty()) {
                curl_blob blob{const_cast<char *>(tls.clientCertPem.constData()),
                               size_t(tls.clientCertPem.size()), CURL_BLOB_COPY};
                curl_easy_setopt(e, CURLOPT_SSLCERT_BLOB, &blob);
                curl_easy_setopt(e, CURLOPT_SSLCERTTYPE, "PEM");
            } else if (!tls.clientCertFile.isEmpty()) {
                curl_easy_setopt(e, CURLOPT_SSLCERT, QFile::encodeName(tls.clientCertFile).constData());
                curl_easy_setopt(e, CURLOPT_SSLCERTTYPE, "PEM");
            }
            if (!tls.clientKeyPem.isEmpty()) {
                curl_blob blob{const_cast<char *>(tls.clientKeyPem.constData()),
                               size_t(tls.clientKeyPem.size()), CURL_BLOB_COPY};
                curl_easy_setopt(e, CURLOPT_SSLKEY_BLOB, &blob);
                curl_easy_setopt(e, CURLOPT_SSLKEYTYPE, "PEM");
            } else if (!tls.clientKeyFile.isEmpty()) {
                curl_easy_setopt(e, CURLOPT_SSLKEY, QFile::encodeName(tls.clientKeyFile).constData());
                curl_easy_setopt(e, CURLOPT_SSLKEYTYPE, "PEM");
            }
        }

        t->lastActivityMs = t->timer.elapsed();
        if (curl_multi_add_handle(m_multi, e) != CURLM_OK)
            finishForced(id, HttpFailure::Network);
    }

    void finishForced(quint64 id, HttpFailure failure) { finish(id, CURLE_OK, failure); }

    void finish(quint64 id, CURLcode rc, HttpFailure forced)
    {
        auto it = m_transfers.find(id);
        if (it == m_transfers.end())
            return;
        std::unique_ptr<Transfer> t = std::move(it->second);
        m_transfers.erase(it);

        HttpResponse &resp = t->response;
        resp.id = t->id;
        if (t->easy) {
            curl_multi_remove_handle(m_multi, t->easy);
            long status = 0;
            curl_easy_getinfo(t->easy, CURLINFO_RESPONSE_CODE, &status);
            curl_off_t pretransfer = 0;
            curl_easy_getinfo(t->easy, CURLINFO_PRETRANSFER_TIME_T, &pretransfer);
            resp.status = int(status);
            resp.requestSent = pretransfer > 0 || status > 0;
        }
        if (resp.status == 0)
            resp.status = t->status;
        resp.headers = t->headers;

        if (forced != HttpFailure::None || rc != CURLE_OK) {
            const Described d =
                forced != HttpFailure::None ? describeForced(forced, t.get()) : describe(rc, t.get());
            resp.failure = d.failure;
            resp.error.message = d.message;
            resp.error.hint = d.hint;
            resp.error.code = httpFailureCode(d.failure);
            resp.error.httpStatus = resp.status;
            resp.error.detail = forced != HttpFailure::None
                                    ? QString()
                                    : (t->errbuf[0] ? QString::fromUtf8(t->errbuf)
                                                    : QString::fromUtf8(curl_easy_strerror(rc)));
            // A failed response has no trustworthy body: partial bytes must not be mistaken for data.
            resp.body.clear();
        }
        resp.elapsedMs = t->timer.elapsed();

        qCDebug(lcHttp).noquote() << "response" << resp.id << resp.status << resp.elapsedMs << "ms"
                                  << resp.bytesReceived << "bytes"
                                  << (resp.ok()
                                          ? QString()
                                          : resp.error.code + QStringLiteral(": ") + resp.error.message +
                                                QStringLiteral(" [") + resp.error.detail + QLatin1Char(']'));

        m_active.fetch_sub(1);
        if (t->waiter) {
            std::lock_guard lock(t->waiter->mutex);
            t->waiter->response = std::move(resp);
            t->waiter->done = true;
            t->waiter->cv.notify_all();
            return;
        }
        if (m_shuttingDown)
            return;
        postHeaders(t.get());
        QMetaObject::invokeMethod(
            m_q, [q = m_q, r = std::move(resp)] { Q_EMIT q->finished(r); }, Qt::QueuedConnection);
    }

    HttpClient *m_q;
    CURLM *m_multi = nullptr;
    std::unique_ptr<QThread> m_thread;
    bool m_shuttingDown = false; // network thread only

    std::mutex m_mutex; // guards the four below
    std::vector<std::unique_ptr<Transfer>> m_incoming;
    std::vector<quint64> m_cancels;
    bool m_cancelAll = false;
    bool m_stop = false;

    std::atomic<quint64> m_nextId{1};
    std::atomic<int> m_active{0};
    std::unordered_map<quint64, std::unique_ptr<Transfer>> m_transfers; // network thread only
};

HttpClient::HttpClient(QObject *parent) : QObject(parent)
{
    qRegisterMetaType<lab::HttpResponse>();
    qRegisterMetaType<lab::HttpHeaders>();
    m_engine = std::make_unique<Engine>(this);
}

HttpClient::~HttpClient()
{
    m_engine.reset(); // cancels everything and joins the network thread
}

quint64 HttpClient::send(HttpRequest request)
{
    return m_engine->submit(std::move(request), nullptr, nullptr);
}

void HttpClient::cancel(quint64 id)
{
    m_engine->cancel(id);
}

void HttpClient::cancelAll()
{
    m_engine->cancelAll();
}

HttpResponse HttpClient::sendAndWait(HttpRequest request, const std::atomic_bool *abort)
{
    Q_ASSERT_X(!m_engine->onNetworkThread(), "HttpClient::sendAndWait", "called on the network thread");
    auto waiter = std::make_shared<Waiter>();
    m_engine->submit(std::move(request), waiter, abort);
    std::unique_lock lock(waiter->mutex);
    waiter->cv.wait(lock, [&] { return waiter->done; });
    return std::move(waiter->response);
}

int HttpClient::activeCount() const
{
    return m_engine->activeCount();
}

} // namespace lab
