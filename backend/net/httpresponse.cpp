#include "net/httpresponse.h"

#include <QCoreApplication>
#include <QRegularExpression>

namespace lab {

QString httpFailureCode(HttpFailure f)
{
    switch (f) {
    case HttpFailure::None:
        return {};
    case HttpFailure::InvalidRequest:
        return QStringLiteral("INVALID_REQUEST");
    case HttpFailure::HostNotFound:
        return QStringLiteral("HOST_NOT_FOUND");
    case HttpFailure::ConnectionRefused:
        return QStringLiteral("CONNECTION_REFUSED");
    case HttpFailure::ConnectTimeout:
        return QStringLiteral("CONNECT_TIMEOUT");
    case HttpFailure::Timeout:
        return QStringLiteral("TIMEOUT");
    case HttpFailure::IdleTimeout:
        return QStringLiteral("IDLE_TIMEOUT");
    case HttpFailure::ConnectionReset:
        return QStringLiteral("CONNECTION_RESET");
    case HttpFailure::Truncated:
        return QStringLiteral("TRUNCATED_RESPONSE");
    case HttpFailure::TooLarge:
        return QStringLiteral("RESPONSE_TOO_LARGE");
    case HttpFailure::TlsUntrusted:
        return QStringLiteral("TLS_UNTRUSTED");
    case HttpFailure::TlsHostnameMismatch:
        return QStringLiteral("TLS_HOSTNAME_MISMATCH");
    case HttpFailure::TlsClientCertificate:
        return QStringLiteral("TLS_CLIENT_CERTIFICATE");
    case HttpFailure::TlsHandshake:
        return QStringLiteral("TLS_HANDSHAKE");
    case HttpFailure::Proxy:
        return QStringLiteral("PROXY");
    case HttpFailure::BadEncoding:
        return QStringLiteral("BAD_ENCODING");
    case HttpFailure::Cancelled:
        return QStringLiteral("CANCELLED");
    case HttpFailure::Network:
        return QStringLiteral("NETWORK");
    }
    return QStringLiteral("NETWORK");
}

QByteArray HttpResponse::header(const QByteArray &name) const
{
    const QByteArray lower = name.toLower();
    for (const auto &h : headers)
        if (h.first == lower)
            return h.second;
    return {};
}

QList<QByteArray> HttpResponse::headerValues(const QByteArray &name) const
{
    const QByteArray lower = name.toLower();
    QList<QByteArray> out;
    for (const auto &h : headers)
        if (h.first == lower)
            out.append(h.second);
    return out;
}

QString bodyExcerpt(const QByteArray &body, int maxChars)
{
    // Decode a little more than needed; QString::fromUtf8 turns invalid sequences into U+FFFD.
    QString text = QString::fromUtf8(body.left(maxChars * 4)).simplified();
    static const QRegularExpression secrets(
        QStringLiteral("((?:bearer|basic|token|password|secret|api[_-]?key)[\\s:=\"']+)[^\\s\"'&<,;]+|[A-Za-"
                       "z0-9+/_=.-]{32,}"),
        QRegularExpression::CaseInsensitiveOption);
    text.replace(secrets, QStringLiteral("\\1<redacted>"));
    if (text.size() > maxChars)
        text = text.left(maxChars) + QChar(0x2026);
    return text;
}

Error unexpectedResponseError(const HttpResponse &response, const QUrl &url)
{
    const QByteArray type = response.header("content-type").toLower();
    const QByteArray start = response.body.left(256).trimmed().toLower();
    QString kind;
    if (type.contains("html") || start.startsWith("<!doctype html") || start.startsWith("<html"))
        kind = QCoreApplication::translate("lab::HttpClient", "HTML page");
    else if (type.startsWith("text/plain"))
        kind = QCoreApplication::translate("lab::HttpClient", "plain text");
    else if (response.body.isEmpty())
        kind = QCoreApplication::translate("lab::HttpClient", "empty body");
    else
        kind = type.isEmpty() ? QCoreApplication::translate("lab::HttpClient", "no content type")
                              : QString::fromLatin1(type);
    const int port = url.port(url.scheme() == QLatin1String("https") ? 443 : 80);
    const QString where = url.host() + QLatin1Char(':') + QString::number(port);
    Error e;
    e.code = QStringLiteral("UNEXPECTED_RESPONSE");
    e.httpStatus = response.status;
    e.message = QCoreApplication::translate("lab::HttpClient", "Unexpected response from %1 (%2, HTTP %3)")
                    .arg(where, kind)
                    .arg(response.status);
    e.detail = bodyExcerpt(response.body);
    e.hint = QCoreApplication::translate(
        "lab::HttpClient", "A proxy or login page may be in the way; check the server address.");
    return e;
}

} // namespace lab
