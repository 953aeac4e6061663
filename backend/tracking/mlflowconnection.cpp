#include "mlflowconnection.h"

#include <QCoreApplication>
#include <QFileInfo>

namespace lab {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("lab::MlflowConnection", text);
}

// MLflow's boolean variables accept true/false and 1/0, case-insensitive (environment_variables.py).
std::optional<bool> parseBool(const QString &raw)
{
    const QString v = raw.trimmed().toLower();
    if (v == QLatin1String("true") || v == QLatin1String("1"))
        return true;
    if (v == QLatin1String("false") || v == QLatin1String("0") || v.isEmpty())
        return false;
    return std::nullopt;
}

} // namespace

Result<MlflowConnection> MlflowConnection::fromEnvironment(const QString &uri,
                                                           const TrackingCredentials &override)
{
    MlflowConnection c;
    const QString trimmed = uri.trimmed();
    QUrl url(trimmed, QUrl::StrictMode);
    const QString scheme = url.scheme().toLower();
    if (!url.isValid() || (scheme != QLatin1String("http") && scheme != QLatin1String("https")) ||
        url.host().isEmpty()) {
        Error e = makeError(tr("%1 is not an http:// or https:// address of an MLflow tracking server")
                                .arg(QUrl(trimmed).toDisplayString(QUrl::RemoveUserInfo)),
                            QStringLiteral("INVALID_URI"));
        e.hint = tr("Give the server as http(s)://host[:port][/prefix], as MLFLOW_TRACKING_URI takes it.");
        return e;
    }
    url.setScheme(scheme);

    // Credentials in the address (http://user:pass@host) are what a user typed; they count as basic auth
    // below the environment's, and never stay in the URL that ends up in messages.
    const QString urlUser = url.userName(QUrl::FullyDecoded);
    const QString urlPassword = url.password(QUrl::FullyDecoded);
    url.setUserInfo({});
    url.setQuery(QString());
    url.setFragment(QString());
    QString path = url.path();
    while (path.endsWith(QLatin1Char('/')))
        path.chop(1);
    url.setPath(path);
    c.baseUrl = url;

    c.credentials.username = qEnvironmentVariable("MLFLOW_TRACKING_USERNAME");
    c.credentials.password = qEnvironmentVariable("MLFLOW_TRACKING_PASSWORD");
    c.credentials.token = qEnvironmentVariable("MLFLOW_TRACKING_TOKEN");
    if (c.credentials.username.isEmpty() && !urlUser.isEmpty()) {
        c.credentials.username = urlUser;
        c.credentials.password = urlPassword;
    }
    if (!override.username.isEmpty())
        c.credentials.username = override.username;
    if (!override.password.isEmpty())
        c.credentials.password = override.password;
    if (!override.token.isEmpty())
        c.credentials.token = override.token;
    if (!c.credentials.token.isEmpty() && !c.credentials.username.isEmpty())
        c.warnings << tr("Both a token and a user name are set for the tracking server; the token is used.");
    else if (c.credentials.username.isEmpty() != c.credentials.password.isEmpty() &&
             c.credentials.token.isEmpty())
        c.warnings << tr("Only one of MLFLOW_TRACKING_USERNAME and MLFLOW_TRACKING_PASSWORD is set; no "
                         "credentials are sent.");

    if (qEnvironmentVariableIsSet("MLFLOW_TRACKING_INSECURE_TLS")) {
        const QString raw = qEnvironmentVariable("MLFLOW_TRACKING_INSECURE_TLS");
        if (const std::optional<bool> v = parseBool(raw))
            c.insecureTls = *v;
        else
            c.warnings
                << tr("MLFLOW_TRACKING_INSECURE_TLS=%1 is not true or false; certificates are checked.")
                       .arg(raw.left(40));
    }
    c.serverCertPath = qEnvironmentVariable("MLFLOW_TRACKING_SERVER_CERT_PATH").trimmed();
    c.clientCertPath = qEnvironmentVariable("MLFLOW_TRACKING_CLIENT_CERT_PATH").trimmed();

    // The same refusal as MLflow's http_request(): the two settings contradict each other.
    if (c.insecureTls && !c.serverCertPath.isEmpty()) {
        Error e =
            makeError(tr("MLFLOW_TRACKING_INSECURE_TLS and MLFLOW_TRACKING_SERVER_CERT_PATH are both set: "
                         "certificates cannot be both skipped and checked against a CA"),
                      QStringLiteral("INVALID_CONFIGURATION"));
        e.hint = tr("Unset one of them (keep the CA file to check the server's certificate).");
        return e;
    }
    for (const auto &[name, path] : {std::pair{"MLFLOW_TRACKING_SERVER_CERT_PATH", c.serverCertPath},
                                     std::pair{"MLFLOW_TRACKING_CLIENT_CERT_PATH", c.clientCertPath}}) {
        if (!path.isEmpty() && !QFileInfo(path).isReadable()) {
            Error e = makeError(tr("%1 names %2, which cannot be read").arg(QLatin1String(name), path),
                                QStringLiteral("INVALID_CONFIGURATION"));
            e.hint = tr("Point it at a PEM file, or unset it.");
            return e;
        }
    }
    if (scheme == QLatin1String("http") &&
        (c.insecureTls || !c.serverCertPath.isEmpty() || !c.clientCertPath.isEmpty()))
        c.warnings
            << tr("TLS settings are ignored for %1, which is plain http").arg(c.baseUrl.toDisplayString());

    c.retry = RetrySettings::fromEnvironment(&c.warnings);
    return c;
}

} // namespace lab
