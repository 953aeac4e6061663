#pragma once

#include <QByteArray>
#include <QList>
#include <QMetaType>
#include <QPair>
#include <QString>
#include <QUrl>

#include <optional>

namespace lab {

// Header fields in order, duplicates kept. HttpResponse stores names in lower case.
using HttpHeaders = QList<QPair<QByteArray, QByteArray>>;

// TLS settings of one request. Files and in-memory PEM are alternatives; the PEM wins when both
// are given. Key material never reaches a log line.
struct HttpTlsOptions
{
    QString caFile;   // PEM bundle; when set (or caPem), it replaces the system CAs, as kubectl does
    QByteArray caPem; // the same from memory (kubeconfig certificate-authority-data)
    QString clientCertFile;
    QByteArray clientCertPem;
    QString clientKeyFile;
    QByteArray clientKeyPem;
    bool insecureSkipVerify = false; // no certificate or host name check at all
    QString tlsServerName; // verify the certificate against this name (and send it as SNI) instead of the
                           // URL's host

    bool hasCustomCa() const { return !caFile.isEmpty() || !caPem.isEmpty(); }
};

// One HTTP request, as a value. send() copies it.
struct HttpRequest
{
    static constexpr qint64 DefaultMaxResponseBytes = 32 * 1024 * 1024;

    QByteArray method = "GET";
    QUrl url;
    HttpHeaders headers;
    QByteArray body;              // sent as is; set a Content-Type header for it
    int timeoutMs = 30000;        // the whole request, connect to last byte; 0 = none (streams)
    int connectTimeoutMs = 10000; // TCP + TLS handshake
    int idleTimeoutMs = 0;        // abort when no byte arrives for this long; 0 = off
    qint64 maxResponseBytes = DefaultMaxResponseBytes; // body cap (after decompression); 0 = none
    HttpTlsOptions tls;
    // Unset: libcurl's environment rules (http_proxy, https_proxy, HTTPS_PROXY, all_proxy, no_proxy).
    // Empty string: no proxy. Otherwise the proxy URL to use.
    std::optional<QString> proxy;
    bool acceptGzip = true; // Accept-Encoding with every encoding libcurl decodes; bodies arrive decoded
    bool followRedirects = false;
    // Deliver the body as it arrives through HttpClient::chunk instead of in HttpResponse::body.
    // Endless streams (watches, log follows) also want maxResponseBytes = 0 and timeoutMs = 0.
    bool streaming = false;
    // Whether the request may be sent twice with the same effect. Unset: decided by the method
    // (GET, HEAD, OPTIONS, PUT, DELETE are; POST and PATCH are not). Read by RetryPolicy.
    std::optional<bool> idempotent;

    // Replaces every field called name (case-insensitive) by one with value.
    void setHeader(const QByteArray &name, const QByteArray &value);
    QByteArray header(const QByteArray &name) const; // first match, case-insensitive; empty if none
    bool isIdempotent() const;
};

// A header value as it may appear in a log: credentials become "<scheme> <redacted>" (Authorization,
// Proxy-Authorization) or "<redacted>" (cookies, API keys, tokens); anything else is unchanged.
QByteArray redactedHeaderValue(const QByteArray &name, const QByteArray &value);
// The URL without user info and with the values of token-like query items replaced.
QString redactedUrl(const QUrl &url);

} // namespace lab

Q_DECLARE_METATYPE(lab::HttpHeaders)
