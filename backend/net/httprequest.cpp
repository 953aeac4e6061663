#include "net/httprequest.h"

#include <QUrlQuery>

namespace lab {

void HttpRequest::setHeader(const QByteArray &name, const QByteArray &value)
{
    headers.removeIf([&](const auto &h) { return h.first.compare(name, Qt::CaseInsensitive) == 0; });
    headers.append({name, value});
}

QByteArray HttpRequest::header(const QByteArray &name) const
{
    for (const auto &h : headers)
        if (h.first.compare(name, Qt::CaseInsensitive) == 0)
            return h.second;
    return {};
}

bool HttpRequest::isIdempotent() const
{
    if (idempotent)
        return *idempotent;
    const QByteArray m = method.toUpper();
    return m == "GET" || m == "HEAD" || m == "OPTIONS" || m == "PUT" || m == "DELETE" || m == "TRACE";
}

namespace {

bool isCredentialHeader(const QByteArray &lower)
{
    return lower == "cookie" || lower == "set-cookie" || lower == "x-api-key" || lower == "api-key" ||
           lower.contains("token") || lower.contains("secret") || lower.contains("password");
}

bool isSecretQueryKey(const QString &key)
{
    const QString k = key.toLower();
    return k.contains(QLatin1String("token")) || k.contains(QLatin1String("secret")) ||
           k.contains(QLatin1String("password")) || k == QLatin1String("key") || k == QLatin1String("sig") ||
           k == QLatin1String("signature") || k.startsWith(QLatin1String("x-amz-"));
}

} // namespace

QByteArray redactedHeaderValue(const QByteArray &name, const QByteArray &value)
{
    const QByteArray lower = name.toLower();
    if (lower == "authorization" || lower == "proxy-authorization") {
        // Keep the scheme: "Bearer <redacted>" still tells a reader which kind of credential went out.
        const QByteArray trimmed = value.trimmed();
        const int space = trimmed.indexOf(' ');
        if (space > 0)
            return trimmed.left(space) + " <redacted>";
        return "<redacted>";
    }
    if (isCredentialHeader(lower))
        return "<redacted>";
    return value;
}

QString redactedUrl(const QUrl &url)
{
    QUrl u = url;
    u.setUserInfo({});
    if (u.hasQuery()) {
        QUrlQuery q(u);
        auto items = q.queryItems(QUrl::FullyEncoded);
        for (auto &item : items)
            if (isSecretQueryKey(QUrl::fromPercentEncoding(item.first.toUtf8())))
                item.second = QStringLiteral("redacted");
        q.setQueryItems(items);
        u.setQuery(q);
    }
    return u.toString(QUrl::FullyEncoded);
}

} // namespace lab
