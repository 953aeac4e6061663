#include "net/retrypolicy.h"

#include "net/httpclient.h"

#include <QElapsedTimer>
#include <QLocale>
#include <QLoggingCategory>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QThread>

#include <cmath>

Q_LOGGING_CATEGORY(lcRetry, "labconsole.http.retry")

namespace lab {

namespace {

constexpr qint64 OneDayMs = 24LL * 3600 * 1000;

// Reads one MLFLOW_HTTP_* number; false (and a warning) when set but unusable.
template <typename T>
void readVariable(const char *name, T *out, double min, double max, QStringList *warnings)
{
    if (!qEnvironmentVariableIsSet(name))
        return;
    const QString raw = qEnvironmentVariable(name).trimmed();
    bool ok = false;
    double value = 0;
    if constexpr (std::is_integral_v<T>)
        value = double(raw.toLongLong(&ok));
    else
        value = raw.toDouble(&ok);
    if (!ok || !std::isfinite(value) || value < min || value > max) {
        if (warnings)
            warnings->append(QStringLiteral("%1=%2 is not a number from %3 to %4; using %5")
                                 .arg(QLatin1String(name), raw, QString::number(min), QString::number(max),
                                      QString::number(double(*out))));
        return;
    }
    *out = T(value);
}

} // namespace

RetrySettings RetrySettings::fromEnvironment(QStringList *warnings)
{
    RetrySettings s;
    // The ranges are MLflow's own checks (_MLFLOW_HTTP_REQUEST_MAX_RETRIES_LIMIT = 10,
    // _MLFLOW_HTTP_REQUEST_MAX_BACKOFF_FACTOR_LIMIT = 120, both exclusive).
    readVariable("MLFLOW_HTTP_REQUEST_MAX_RETRIES", &s.maxRetries, 0, 9, warnings);
    readVariable("MLFLOW_HTTP_REQUEST_BACKOFF_FACTOR", &s.backoffFactor, 0, 119, warnings);
    readVariable("MLFLOW_HTTP_REQUEST_BACKOFF_JITTER", &s.backoffJitter, 0, 3600, warnings);
    int timeoutS = s.timeoutMs / 1000;
    readVariable("MLFLOW_HTTP_REQUEST_TIMEOUT", &timeoutS, 1, 24 * 3600, warnings);
    s.timeoutMs = timeoutS * 1000;
    if (qEnvironmentVariableIsSet("MLFLOW_HTTP_RESPECT_RETRY_AFTER_HEADER")) {
        const QString v = qEnvironmentVariable("MLFLOW_HTTP_RESPECT_RETRY_AFTER_HEADER").trimmed().toLower();
        if (v == QLatin1String("true") || v == QLatin1String("1"))
            s.respectRetryAfter = true;
        else if (v == QLatin1String("false") || v == QLatin1String("0"))
            s.respectRetryAfter = false;
        else if (warnings)
            warnings->append(
                QStringLiteral("MLFLOW_HTTP_RESPECT_RETRY_AFTER_HEADER=%1 is not true or false; using true")
                    .arg(v));
    }
    return s;
}

RetryPolicy::RetryPolicy(RetrySettings settings, Clock clock, Random random)
    : m_settings(std::move(settings)), m_clock(std::move(clock)), m_random(std::move(random))
{
    if (!m_clock)
        m_clock = [] { return QDateTime::currentDateTimeUtc(); };
    if (!m_random)
        m_random = [] { return QRandomGenerator::global()->generateDouble(); };
}

bool RetryPolicy::isRetryableStatus(int status) const
{
    return m_settings.retryStatuses.contains(status);
}

bool RetryPolicy::isRetryableFailure(HttpFailure failure)
{
    switch (failure) {
    case HttpFailure::HostNotFound:
    case HttpFailure::ConnectionRefused:
    case HttpFailure::ConnectTimeout:
    case HttpFailure::Timeout:
    case HttpFailure::IdleTimeout:
    case HttpFailure::ConnectionReset:
    case HttpFailure::Truncated:
    case HttpFailure::Proxy:
    case HttpFailure::Network:
        return true;
    default:
        return false;
    }
}

bool RetryPolicy::maySendAgain(const HttpRequest &request, const HttpResponse &response)
{
    if (request.isIdempotent())
        return true;
    if (!response.ok())
        return !response.requestSent;
    // 429 and 408 say the request was not acted on; a 5xx may come after the work was done.
    return response.status == 429 || response.status == 408;
}

qint64 RetryPolicy::backoffMs(int failedAttempts, double random01) const
{
    if (failedAttempts <= 1)
        return 0;
    const double exponent = std::min(failedAttempts - 1, 40);
    double seconds = m_settings.backoffFactor * std::pow(2.0, exponent);
    if (m_settings.backoffJitter > 0)
        seconds += std::clamp(random01, 0.0, 1.0) * m_settings.backoffJitter;
    const double ms = std::min(seconds * 1000.0, double(m_settings.maxBackoffMs));
    return std::max<qint64>(0, qint64(ms));
}

RetryDecision RetryPolicy::decide(const HttpRequest &request, const HttpResponse &response,
                                  int failedAttempts) const
{
    RetryDecision d;
    if (response.ok()) {
        if (!isRetryableStatus(response.status))
            return d;
        d.reason = QStringLiteral("HTTP %1").arg(response.status);
    } else {
        d.reason = response.error.message;
        if (!isRetryableFailure(response.failure))
            return d;
    }
    if (failedAttempts > m_settings.maxRetries || !maySendAgain(request, response))
        return d;

    d.retry = true;
    d.delayMs = backoffMs(failedAttempts, m_random());
    const int s = response.status;
    if (response.ok() && m_settings.respectRetryAfter && (s == 429 || s == 503 || s == 413)) {
        const QByteArray header = response.header("retry-after");
        if (!header.isEmpty()) {
            if (auto wait = parseRetryAfter(header, m_clock())) {
                d.delayMs = std::min(*wait, m_settings.maxRetryAfterMs);
                d.fromRetryAfter = true;
            }
        }
    }
    return d;
}

std::optional<qint64> RetryPolicy::parseRetryAfter(const QByteArray &value, const QDateTime &now)
{
    const QByteArray v = value.trimmed();
    if (v.isEmpty())
        return std::nullopt;
    if (std::all_of(v.begin(), v.end(), [](char c) { return c >= '0' && c <= '9'; })) {
        if (v.size() > 9) // over 31 years: nonsense, and no overflow below
            return std::nullopt;
        const qint64 ms = v.toLongLong() * 1000;
        if (ms > OneDayMs)
            return std::nullopt;
        return ms;
    }
    // HTTP-date in its three historic forms (RFC 9110 5.6.7), always GMT. The weekday is
    // redundant and dropped, so a wrong one (or a two-digit year) cannot derail the parse.
    const QString text = QString::fromLatin1(v).simplified();
    const QLocale c = QLocale::c();
    QDateTime when;
    const int comma = text.indexOf(QLatin1Char(','));
    if (comma > 0) {
        const QString rest = text.mid(comma + 1).trimmed();
        when = c.toDateTime(rest, QStringLiteral("dd MMM yyyy HH:mm:ss 'GMT'")); // IMF-fixdate
        if (!when.isValid()) { // RFC 850: 06-Nov-94 08:49:37 GMT
            static const QRegularExpression rfc850(
                QStringLiteral("^(\\d{1,2})-([A-Za-z]{3})-(\\d{2}) (\\d{2}:\\d{2}:\\d{2}) GMT$"));
            const auto m = rfc850.match(rest);
            if (m.hasMatch()) {
                const int yy = m.captured(3).toInt();
                const QString full = QStringLiteral("%1-%2-%3 %4")
                                         .arg(m.captured(1), m.captured(2))
                                         .arg(yy < 70 ? 2000 + yy : 1900 + yy)
                                         .arg(m.captured(4));
                when = c.toDateTime(full, QStringLiteral("d-MMM-yyyy HH:mm:ss"));
            }
        }
    } else { // asctime: Sun Nov 6 08:49:37 1994
        const int space = text.indexOf(QLatin1Char(' '));
        if (space > 0)
            when = c.toDateTime(text.mid(space + 1), QStringLiteral("MMM d HH:mm:ss yyyy"));
    }
    if (!when.isValid())
        return std::nullopt;
    when.setTimeSpec(Qt::UTC);
    const qint64 ms = now.msecsTo(when);
    if (ms > OneDayMs)
        return std::nullopt;
    return std::max<qint64>(0, ms);
}

QByteArray RetryPolicy::httpDate(const QDateTime &when)
{
    return QLocale::c().toString(when.toUTC(), QStringLiteral("ddd, dd MMM yyyy HH:mm:ss 'GMT'")).toLatin1();
}

HttpResponse RetryPolicy::execute(HttpClient &client, const HttpRequest &request,
                                  const std::atomic_bool *abort, const Sleeper &sleep, int *attempts) const
{
    int failed = 0;
    for (;;) {
        HttpResponse response = client.sendAndWait(request, abort);
        if (attempts)
            *attempts = failed + 1;
        const RetryDecision d = decide(request, response, ++failed);
        if (!d.retry || (abort && abort->load()))
            return response;
        qCInfo(lcRetry).noquote() << "retrying" << request.method << redactedUrl(request.url) << "in"
                                  << d.delayMs << "ms after" << d.reason << "(attempt" << failed + 1 << "of"
                                  << m_settings.maxRetries + 1 << ')';
        if (sleep) {
            sleep(d.delayMs);
        } else {
            QElapsedTimer waited;
            waited.start();
            while (waited.elapsed() < d.delayMs && !(abort && abort->load()))
                QThread::msleep(ulong(std::clamp<qint64>(d.delayMs - waited.elapsed(), 1, 50)));
        }
        if (abort && abort->load())
            return response;
    }
}

} // namespace lab
