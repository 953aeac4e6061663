#include "scriptedserver.h"

#include <QCryptographicHash>
#include <QElapsedTimer>

#include <openssl/err.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>
#include <zlib.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <condition_variable>
#include <csignal>
#include <list>
#include <mutex>
#include <thread>

namespace labtest {

// ---- values ------------------------------------------------------------------------------------

QByteArray ServerRequest::header(const QByteArray &name) const
{
    const QByteArray lower = name.toLower();
    for (const auto &h : headers)
        if (h.first == lower)
            return h.second;
    return {};
}

QUrlQuery ServerRequest::queryItems() const
{
    return QUrlQuery(QString::fromUtf8(query));
}

ScriptedResponse ScriptedResponse::json(int status, const QByteArray &body)
{
    return text(status, body, "application/json");
}

ScriptedResponse ScriptedResponse::text(int status, const QByteArray &body, const QByteArray &contentType)
{
    ScriptedResponse r;
    r.status = status;
    r.body = body;
    r.headers.append({"Content-Type", contentType});
    return r;
}

ScriptedResponse ScriptedResponse::html(int status, const QByteArray &body)
{
    return text(status, body, "text/html; charset=utf-8");
}

ScriptedResponse ScriptedResponse::withFault(Fault fault, const QByteArray &body)
{
    ScriptedResponse r = text(200, body);
    r.fault = fault;
    return r;
}

ScriptedResponse &ScriptedResponse::header(const QByteArray &name, const QByteArray &value)
{
    headers.append({name, value});
    return *this;
}

QByteArray ScriptedServer::redact(const QByteArray &headerValue)
{
    const QByteArray trimmed = headerValue.trimmed();
    const QByteArray hash = QCryptographicHash::hash(trimmed, QCryptographicHash::Sha256).toHex().left(8);
    const int space = trimmed.indexOf(' ');
    const QByteArray scheme = space > 0 ? trimmed.left(space) + ' ' : QByteArray();
    return scheme + "<redacted sha256:" + hash + '>';
}

QByteArray ScriptedServer::gzip(const QByteArray &data)
{
    z_stream zs{};
    if (deflateInit2(&zs, Z_BEST_SPEED, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK)
        return {};
    QByteArray out(int(deflateBound(&zs, uLong(data.size())) + 32), Qt::Uninitialized);
    zs.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(data.constData()));
    zs.avail_in = uInt(data.size());
    zs.next_out = reinterpret_cast<Bytef *>(out.data());
    zs.avail_out = uInt(out.size());
    const int rc = deflate(&zs, Z_FINISH);
    out.resize(rc == Z_STREAM_END ? int(zs.total_out) : 0);
    deflateEnd(&zs);
    return out;
}

// ---- server ------------------------------------------------------------------------------------

namespace {

QByteArray reasonPhrase(int status)
{
    switch (status) {
    case 100:
        return "Continue";
    case 200:
        return "OK";
    case 201:
        return "Created";
    case 204:
        return "No Content";
    case 301:
        return "Moved Permanently";
    case 302:
        return "Found";
    case 400:
        return "Bad Request";
    case 401:
        return "Unauthorized";
    case 403:
        return "Forbidden";
    case 404:
        return "Not Found";
    case 408:
        return "Request Timeout";
    case 409:
        return "Conflict";
    case 410:
        return "Gone";
    case 413:
        return "Content Too Large";
    case 422:
        return "Unprocessable Entity";
    case 429:
        return "Too Many Requests";
    case 500:
        return "Internal Server Error";
    case 502:
        return "Bad Gateway";
    case 503:
        return "Service Unavailable";
    case 504:
        return "Gateway Timeout";
    default:
        return "Status";
    }
}

bool isSecretHeader(const QByteArray &lower)
{
    return lower == "authorization" || lower == "proxy-authorization" || lower == "cookie" ||
           lower == "x-api-key";
}

const QByteArray &fillerBlock()
{
    static const QByteArray block = [] {
        const QByteArray line = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-\n";
        QByteArray b;
        b.reserve(64 * 1024);
        while (b.size() < 64 * 1024)
            b += line;
        return b;
    }();
    return block;
}

enum class Outcome { KeepAlive, Close, Reset };

} // namespace

struct Connection
{
    int fd = -1;
    SSL *ssl = nullptr;
    int number = 0;
    QByteArray buffer; // read ahead of the current request
    QByteArray clientSubject;
    std::thread thread;
    std::atomic_bool finished{false};
};

struct ScriptedServer::Impl
{
    mutable std::mutex mutex;
    mutable std::condition_variable requestArrived;
    int listenFd = -1;
    int stopFd = -1;
    std::atomic_bool stopping{false};
    quint16 port = 0;
    bool tls = false;
    SSL_CTX *ctx = nullptr;
    std::thread acceptThread;
    std::list<std::unique_ptr<Connection>> connections; // guarded by mutex
    QList<ScriptedResponse> queue;                      // guarded by mutex
    Handler handler;                                    // guarded by mutex
    QList<ServerRequest> requests;                      // guarded by mutex
    int connectionCount = 0;                            // guarded by mutex
    std::atomic<int> handshakeFailures{0};
    std::atomic<qint64> bodyBytes{0};
    QString error;
    QElapsedTimer clock;

    bool listen()
    {
        std::signal(SIGPIPE, SIG_IGN); // SSL_write to a closed peer must be an error, not death
        listenFd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
        if (listenFd < 0) {
            error = QStringLiteral("socket() failed");
            return false;
        }
        int one = 1;
        ::setsockopt(listenFd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
        sockaddr_in addr{};
        addr.sin_family = AF_INET;
        addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        addr.sin_port = 0;
        if (::bind(listenFd, reinterpret_cast<sockaddr *>(&addr), sizeof addr) != 0 ||
            ::listen(listenFd, 64) != 0) {
            error =
                QStringLiteral("cannot listen on 127.0.0.1: %1").arg(QString::fromLocal8Bit(strerror(errno)));
            return false;
        }
        socklen_t len = sizeof addr;
        ::getsockname(listenFd, reinterpret_cast<sockaddr *>(&addr), &len);
        port = ntohs(addr.sin_port);
        stopFd = ::eventfd(0, EFD_CLOEXEC);
        stopping = false;
        clock.start();
        acceptThread = std::thread([this] { acceptLoop(); });
        return true;
    }

    void acceptLoop()
    {
        for (;;) {
            pollfd fds[2] = {{listenFd, POLLIN, 0}, {stopFd, POLLIN, 0}};
            if (::poll(fds, 2, 200) < 0 && errno != EINTR)
                return;
            if (stopping)
                return;
            reapFinished();
            if (!(fds[0].revents & POLLIN))
                continue;
            const int fd = ::accept4(listenFd, nullptr, nullptr, SOCK_CLOEXEC);
            if (fd < 0)
                continue;
            int one = 1;
            ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
            auto c = std::make_unique<Connection>();
            c->fd = fd;
            Connection *raw = c.get();
            std::lock_guard lock(mutex);
            c->number = ++connectionCount;
            connections.push_back(std::move(c));
            raw->thread = std::thread([this, raw] { serve(raw); });
        }
    }

    void reapFinished()
    {
        std::list<std::unique_ptr<Connection>> done;
        {
            std::lock_guard lock(mutex);
            for (auto it = connections.begin(); it != connections.end();) {
                if ((*it)->finished) {
                    done.push_back(std::move(*it));
                    it = connections.erase(it);
                } else {
                    ++it;
                }
            }
        }
        for (auto &c : done)
            if (c->thread.joinable())
                c->thread.join();
    }

    // Waits ms, or less when the server stops. False when stopping.
    bool pause(int ms)
    {
        if (ms > 0) {
            pollfd fd{stopFd, POLLIN, 0};
            ::poll(&fd, 1, ms);
        }
        return !stopping;
    }

    qint64 readSome(Connection *c, char *buf, int size)
    {
        if (c->ssl) {
            const int n = SSL_read(c->ssl, buf, size);
            return n > 0 ? n : (SSL_get_error(c->ssl, n) == SSL_ERROR_ZERO_RETURN ? 0 : -1);
        }
        for (;;) {
            const ssize_t n = ::recv(c->fd, buf, size_t(size), 0);
            if (n < 0 && errno == EINTR)
                continue;
            return n;
        }
    }

    bool writeAll(Connection *c, const char *data, qint64 size)
    {
        while (size > 0) {
            qint64 n;
            if (c->ssl) {
                n = SSL_write(c->ssl, data, int(std::min<qint64>(size, 1 << 20)));
            } else {
                n = ::send(c->fd, data, size_t(size), MSG_NOSIGNAL);
                if (n < 0 && errno == EINTR)
                    continue;
            }
            if (n <= 0)
                return false;
            data += n;
            size -= n;
        }
        return true;
    }
    bool writeAll(Connection *c, const QByteArray &b) { return writeAll(c, b.constData(), b.size()); }

    bool fill(Connection *c, qsizetype atLeast)
    {
        char tmp[16384];
        while (c->buffer.size() < atLeast) {
            const qint64 n = readSome(c, tmp, sizeof tmp);
            if (n <= 0)
                return false;
            c->buffer.append(tmp, qsizetype(n));
        }
        return true;
    }

    bool readLine(Connection *c, QByteArray *line)
    {
        qsizetype pos;
        while ((pos = c->buffer.indexOf("\r\n")) < 0) {
            if (c->buffer.size() > (1 << 20) || !fill(c, c->buffer.size() + 1))
                return false;
        }
        *line = c->buffer.left(pos);
        c->buffer.remove(0, pos + 2);
        return true;
    }

    bool readRequest(Connection *c, ServerRequest *req)
    {
        qsizetype end;
        while ((end = c->buffer.indexOf("\r\n\r\n")) < 0) {
            if (c->buffer.size() > (1 << 20) || !fill(c, c->buffer.size() + 1))
                return false;
        }
        const QByteArray head = c->buffer.left(end);
        c->buffer.remove(0, end + 4);
        QList<QByteArray> lines = head.split('\n');
        const QList<QByteArray> requestLine = lines.takeFirst().trimmed().split(' ');
        if (requestLine.size() < 2)
            return false;
        req->method = requestLine.at(0);
        req->target = requestLine.at(1);
        const int q = req->target.indexOf('?');
        req->path = q < 0 ? req->target : req->target.left(q);
        req->query = q < 0 ? QByteArray() : req->target.mid(q + 1);
        for (const QByteArray &raw : std::as_const(lines)) {
            const QByteArray line = raw.trimmed();
            const int colon = line.indexOf(':');
            if (colon > 0)
                req->headers.append({line.left(colon).trimmed().toLower(), line.mid(colon + 1).trimmed()});
        }
        if (req->header("expect").toLower() == "100-continue" &&
            !writeAll(c, "HTTP/1.1 100 Continue\r\n\r\n"))
            return false;
        if (req->header("transfer-encoding").toLower().contains("chunked")) {
            for (;;) {
                QByteArray sizeLine;
                if (!readLine(c, &sizeLine))
                    return false;
                bool ok = false;
                const qsizetype size = sizeLine.split(';').at(0).trimmed().toLongLong(&ok, 16);
                if (!ok)
                    return false;
                if (size == 0) {
                    QByteArray trailer;
                    do {
                        if (!readLine(c, &trailer))
                            return false;
                    } while (!trailer.isEmpty());
                    break;
                }
                if (!fill(c, size + 2))
                    return false;
                req->body += c->buffer.left(size);
                c->buffer.remove(0, size + 2);
            }
        } else {
            const qsizetype length = req->header("content-length").toLongLong();
            if (length > 0) {
                if (!fill(c, length))
                    return false;
                req->body = c->buffer.left(length);
                c->buffer.remove(0, length);
            }
        }
        return true;
    }

    ScriptedResponse answerFor(const ServerRequest &req)
    {
        ServerRequest recorded = req;
        for (auto &h : recorded.headers)
            if (isSecretHeader(h.first))
                h.second = redact(h.second);
        Handler h;
        {
            std::lock_guard lock(mutex);
            requests.append(recorded);
            requestArrived.notify_all();
            if (!queue.isEmpty())
                return queue.takeFirst();
            h = handler;
        }
        if (h) {
            try {
                return h(req);
            } catch (...) {
                return ScriptedResponse::text(500, "the test handler threw\n");
            }
        }
        return ScriptedResponse::json(404,
                                      R"({"error_code":"ENDPOINT_NOT_FOUND","message":"nothing scripted"})");
    }

    bool sendPiece(Connection *c, const QByteArray &data, bool chunked, const ScriptedResponse &r)
    {
        if (data.isEmpty())
            return true;
        if (chunked && !writeAll(c, QByteArray::number(data.size(), 16) + "\r\n"))
            return false;
        if (r.fault == ScriptedResponse::Fault::SlowDrip) {
            for (char byte : data) {
                if (!writeAll(c, &byte, 1) || !pause(r.dripIntervalMs))
                    return false;
                bodyBytes += 1;
            }
        } else {
            if (!writeAll(c, data))
                return false;
            bodyBytes += data.size();
        }
        return !chunked || writeAll(c, "\r\n");
    }

    Outcome respond(Connection *c, const ScriptedResponse &r, bool clientWantsClose, bool head)
    {
        using Fault = ScriptedResponse::Fault;
        using Framing = ScriptedResponse::Framing;
        if (!pause(r.delayMs))
            return Outcome::Close;
        if (r.fault == Fault::CloseWithoutResponse)
            return Outcome::Close;
        if (r.fault == Fault::Reset && r.faultAfterBytes < 0)
            return Outcome::Reset;

        qint64 total = 0;
        if (r.generatedBytes > 0)
            total = r.generatedBytes;
        else if (!r.chunks.isEmpty())
            for (const auto &ch : r.chunks)
                total += ch.data.size();
        else
            total = r.body.size();

        Framing framing = r.framing;
        if (framing == Framing::Auto) // a stall with nothing to send must still leave the body open
            framing = r.chunks.isEmpty() && !(r.fault == Fault::Stall && total == 0) ? Framing::ContentLength
                                                                                     : Framing::Chunked;
        const bool faulty =
            r.fault == Fault::CloseMidBody || r.fault == Fault::Reset || r.fault == Fault::Stall;
        const bool closing = r.closeAfter || clientWantsClose || framing == Framing::CloseDelimited || faulty;

        bool userLength = false;
        QByteArray out = "HTTP/1.1 " + QByteArray::number(r.status) + ' ' + reasonPhrase(r.status) + "\r\n";
        for (const auto &h : r.headers) {
            const QByteArray lower = h.first.toLower();
            userLength |= lower == "content-length" || lower == "transfer-encoding";
            out += h.first + ": " + h.second + "\r\n";
        }
        if (!userLength) {
            if (framing == Framing::ContentLength)
                out += "Content-Length: " + QByteArray::number(total) + "\r\n";
            else if (framing == Framing::Chunked)
                out += "Transfer-Encoding: chunked\r\n";
        }
        if (closing)
            out += "Connection: close\r\n";
        out += "\r\n";
        if (!writeAll(c, out))
            return Outcome::Close;
        if (head)
            return closing ? Outcome::Close : Outcome::KeepAlive;

        qint64 limit = -1;
        if (r.fault == Fault::CloseMidBody)
            limit = r.faultAfterBytes >= 0 ? r.faultAfterBytes : total / 2;
        else if (r.fault == Fault::Reset || r.fault == Fault::Stall)
            limit = std::max<qint64>(0, r.faultAfterBytes);
        const bool chunked = framing == Framing::Chunked;

        qint64 sent = 0;
        bool faultHit = false;
        // One piece at a time: the body, the scripted chunks, or filler made on the fly.
        auto sendBody = [&](int delayMs, const QByteArray &data) -> bool {
            if (!pause(delayMs))
                return false;
            if (limit >= 0 && sent + data.size() > limit) {
                const QByteArray part = data.left(limit - sent);
                if (!part.isEmpty()) {
                    if (chunked && !writeAll(c, QByteArray::number(data.size(), 16) + "\r\n"))
                        return false;
                    if (!writeAll(c, part))
                        return false;
                    bodyBytes += part.size();
                }
                sent += part.size();
                faultHit = true;
                return false;
            }
            if (!sendPiece(c, data, chunked, r))
                return false;
            sent += data.size();
            return true;
        };
        bool alive = true;
        if (r.generatedBytes > 0) {
            const QByteArray &block = fillerBlock();
            for (qint64 left = r.generatedBytes; left > 0 && alive;) {
                const qint64 n = std::min<qint64>(left, block.size());
                alive = sendBody(0, n == block.size() ? block : block.left(n));
                left -= n;
            }
        } else if (!r.chunks.isEmpty()) {
            for (const auto &ch : r.chunks)
                if (!(alive = sendBody(ch.delayMs, ch.data)))
                    break;
        } else {
            alive = sendBody(0, r.body);
        }
        if (!alive && !faultHit)
            return Outcome::Close; // the client went away, or the server is stopping
        if (faulty)
            faultHit = true;
        if (!faultHit && chunked && !writeAll(c, "0\r\n\r\n"))
            return Outcome::Close;

        if (faultHit) {
            if (r.fault == Fault::Reset)
                return Outcome::Reset;
            if (r.fault == Fault::Stall) {
                // Silence until the client hangs up or the test ends.
                pollfd fds[2] = {{c->fd, POLLIN, 0}, {stopFd, POLLIN, 0}};
                while (::poll(fds, 2, -1) < 0 && errno == EINTR) {
                }
            }
            return Outcome::Close;
        }
        return closing ? Outcome::Close : Outcome::KeepAlive;
    }

    void serve(Connection *c)
    {
        Outcome outcome = Outcome::Close;
        bool handshakeOk = true;
        if (ctx) {
            c->ssl = SSL_new(ctx);
            SSL_set_fd(c->ssl, c->fd);
            if (SSL_accept(c->ssl) != 1) {
                handshakeFailures++;
                handshakeOk = false;
                ERR_clear_error();
                lingeringClose(c);
            } else if (X509 *peer = SSL_get1_peer_certificate(c->ssl)) {
                BIO *bio = BIO_new(BIO_s_mem());
                X509_NAME_print_ex(bio, X509_get_subject_name(peer), 0, XN_FLAG_RFC2253);
                char *data = nullptr;
                const long len = BIO_get_mem_data(bio, &data);
                c->clientSubject = QByteArray(data, int(len));
                BIO_free(bio);
                X509_free(peer);
            }
        }
        while (handshakeOk && !stopping) {
            ServerRequest req;
            if (!readRequest(c, &req))
                break;
            req.receivedMs = clock.elapsed();
            req.clientCertSubject = c->clientSubject;
            {
                std::lock_guard lock(mutex);
                req.connection = c->number;
            }
            const ScriptedResponse response = answerFor(req);
            const bool wantsClose = req.header("connection").toLower() == "close";
            outcome = respond(c, response, wantsClose, req.method == "HEAD");
            if (outcome != Outcome::KeepAlive)
                break;
        }
        closeConnection(c, outcome == Outcome::Reset);
        c->finished = true;
    }

    // After a failed handshake the client may already have sent its request; closing with
    // unread input would turn our alert into a RST. Read until the client hangs up (at most 1 s),
    // as servers with a lingering close do, so the client gets to read the alert.
    void lingeringClose(Connection *c)
    {
        ::shutdown(c->fd, SHUT_WR);
        char sink[4096];
        QElapsedTimer waited;
        waited.start();
        while (waited.elapsed() < 1000 && !stopping) {
            pollfd fds[2] = {{c->fd, POLLIN, 0}, {stopFd, POLLIN, 0}};
            if (::poll(fds, 2, 100) <= 0)
                continue;
            if (!(fds[0].revents & (POLLIN | POLLHUP)) || ::recv(c->fd, sink, sizeof sink, 0) <= 0)
                break;
        }
    }

    void closeConnection(Connection *c, bool reset)
    {
        if (c->ssl && !reset)
            SSL_shutdown(c->ssl); // close_notify, so a cut body reads as a clean early close
        std::lock_guard lock(mutex);
        if (reset) {
            linger l{1, 0}; // close() then sends RST instead of FIN
            ::setsockopt(c->fd, SOL_SOCKET, SO_LINGER, &l, sizeof l);
        }
        if (c->ssl)
            SSL_free(c->ssl);
        c->ssl = nullptr;
        ::close(c->fd);
        c->fd = -1;
    }

    void stop()
    {
        if (listenFd < 0)
            return;
        stopping = true;
        const uint64_t one = 1;
        [[maybe_unused]] const auto n = ::write(stopFd, &one, sizeof one);
        if (acceptThread.joinable())
            acceptThread.join();
        ::close(listenFd);
        listenFd = -1;
        std::list<std::unique_ptr<Connection>> all;
        {
            std::lock_guard lock(mutex);
            for (auto &c : connections)
                if (c->fd >= 0)
                    ::shutdown(c->fd, SHUT_RDWR); // wakes reads and handshakes blocked on it
            all.swap(connections);
        }
        for (auto &c : all)
            if (c->thread.joinable())
                c->thread.join();
        ::close(stopFd);
        stopFd = -1;
    }
};

ScriptedServer::ScriptedServer() : d(std::make_unique<Impl>()) {}

ScriptedServer::~ScriptedServer()
{
    stop();
    if (d->ctx)
        SSL_CTX_free(d->ctx);
}

bool ScriptedServer::start()
{
    d->tls = false;
    return d->listen();
}

bool ScriptedServer::startTls(const TlsConfig &tls)
{
    d->tls = true;
    if (d->ctx)
        SSL_CTX_free(d->ctx);
    d->ctx = SSL_CTX_new(TLS_server_method());
    const QByteArray cert = tls.certFile.toLocal8Bit();
    const QByteArray key = tls.keyFile.toLocal8Bit();
    if (SSL_CTX_use_certificate_chain_file(d->ctx, cert.constData()) != 1 ||
        SSL_CTX_use_PrivateKey_file(d->ctx, key.constData(), SSL_FILETYPE_PEM) != 1 ||
        SSL_CTX_check_private_key(d->ctx) != 1) {
        d->error =
            QStringLiteral("cannot load the server certificate %1 or key %2").arg(tls.certFile, tls.keyFile);
        return false;
    }
    if (!tls.clientCaFile.isEmpty()) {
        const QByteArray ca = tls.clientCaFile.toLocal8Bit();
        if (SSL_CTX_load_verify_locations(d->ctx, ca.constData(), nullptr) != 1) {
            d->error = QStringLiteral("cannot load the client CA %1").arg(tls.clientCaFile);
            return false;
        }
        SSL_CTX_set_client_CA_list(d->ctx, SSL_load_client_CA_file(ca.constData()));
        SSL_CTX_set_verify(
            d->ctx, SSL_VERIFY_PEER | (tls.requireClientCert ? SSL_VERIFY_FAIL_IF_NO_PEER_CERT : 0), nullptr);
    }
    return d->listen();
}

void ScriptedServer::stop()
{
    d->stop();
}

quint16 ScriptedServer::port() const
{
    return d->port;
}

QString ScriptedServer::baseUrl() const
{
    return QStringLiteral("%1://127.0.0.1:%2")
        .arg(d->tls ? QStringLiteral("https") : QStringLiteral("http"))
        .arg(d->port);
}

QString ScriptedServer::url(const QString &pathAndQuery) const
{
    return baseUrl() + pathAndQuery;
}

QString ScriptedServer::errorString() const
{
    return d->error;
}

void ScriptedServer::setHandler(Handler handler)
{
    std::lock_guard lock(d->mutex);
    d->handler = std::move(handler);
}

void ScriptedServer::enqueue(ScriptedResponse response)
{
    std::lock_guard lock(d->mutex);
    d->queue.append(std::move(response));
}

QList<ServerRequest> ScriptedServer::requests() const
{
    std::lock_guard lock(d->mutex);
    return d->requests;
}

int ScriptedServer::requestCount() const
{
    std::lock_guard lock(d->mutex);
    return int(d->requests.size());
}

bool ScriptedServer::waitForRequests(int count, int timeoutMs) const
{
    std::unique_lock lock(d->mutex);
    return d->requestArrived.wait_for(lock, std::chrono::milliseconds(timeoutMs),
                                      [&] { return d->requests.size() >= count; });
}

void ScriptedServer::clearRequests()
{
    std::lock_guard lock(d->mutex);
    d->requests.clear();
}

int ScriptedServer::connectionCount() const
{
    std::lock_guard lock(d->mutex);
    return d->connectionCount;
}

int ScriptedServer::tlsHandshakeFailures() const
{
    return d->handshakeFailures.load();
}

qint64 ScriptedServer::bodyBytesSent() const
{
    return d->bodyBytes.load();
}

} // namespace labtest
