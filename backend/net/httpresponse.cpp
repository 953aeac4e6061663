#include "net/httpresponse.h"

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

} // namespace lab
