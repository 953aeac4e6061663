#pragma once

#include "core/result.h"
#include "net/httprequest.h"

#include <QByteArray>
#include <QMetaType>

namespace lab {

// Why a request produced no complete response. Error::code carries the same as a string
// (httpFailureCode), so code that only sees the Error can still tell them apart.
enum class HttpFailure {
    None,
    InvalidRequest, // bad URL, unsupported scheme
    HostNotFound,   // DNS
    ConnectionRefused,
    ConnectTimeout,
    Timeout,         // the overall timeoutMs
    IdleTimeout,     // no byte for idleTimeoutMs
    ConnectionReset, // reset, or closed before any response
    Truncated,       // closed before the body announced was complete
    TooLarge,        // over maxResponseBytes
    TlsUntrusted,    // certificate not signed by a trusted CA, expired, ...
    TlsHostnameMismatch,
    TlsClientCertificate, // ours could not be used, or the server rejected or required one
    TlsHandshake,         // any other TLS failure
    Proxy,
    BadEncoding, // a compressed body that does not decompress
    Cancelled,
    Network, // anything else
};

QString httpFailureCode(HttpFailure f); // "CONNECTION_REFUSED", "TIMEOUT", ...

// The outcome of one request, as a value. A response with a 4xx/5xx status is not a failure
// here: failure says whether the transport worked; the caller judges the status.
struct HttpResponse
{
    quint64 id = 0;
    int status = 0;      // 0 when no response arrived
    HttpHeaders headers; // of the final response; names in lower case
    QByteArray body;     // empty for streaming requests (the chunks carried it)
    HttpFailure failure = HttpFailure::None;
    Error error;              // set when failure != None: what went wrong in words
    qint64 elapsedMs = 0;     // from send() to the end
    qint64 bytesReceived = 0; // body bytes after decoding, streaming or not
    // False when the failure happened before any of the request could have reached the server
    // (DNS, refused, connect timeout, TLS handshake): then even a POST is safe to send again.
    bool requestSent = false;

    bool ok() const { return failure == HttpFailure::None; }
    bool isSuccess() const { return ok() && status >= 200 && status < 300; }
    QByteArray header(const QByteArray &name) const; // first match, case-insensitive
    QList<QByteArray> headerValues(const QByteArray &name) const;
};

// For a body that is not what the protocol promises (a proxy's HTML login page with 200, an
// ingress's text/plain 502): "Unexpected response from 127.0.0.1:5000 (HTML page, HTTP 200): <first
// 200 characters>". Whitespace is collapsed, invalid UTF-8 replaced, and token-like strings masked.
Error unexpectedResponseError(const HttpResponse &response, const QUrl &url);
// The first maxChars characters of a body, cleaned up as above, for error details.
QString bodyExcerpt(const QByteArray &body, int maxChars = 200);

} // namespace lab

Q_DECLARE_METATYPE(lab::HttpResponse)
