#pragma once

#include "core/result.h"
#include "net/retrypolicy.h"

#include <QString>
#include <QStringList>
#include <QUrl>

namespace lab {

// Credentials typed into the console (kept in the system keychain by the app), which win over
// the environment's. Never logged, never written to settings.
struct TrackingCredentials
{
    QString username;
    QString password;
    QString token;
    bool isEmpty() const { return username.isEmpty() && password.isEmpty() && token.isEmpty(); }
};

// How to reach an MLflow tracking server, read as MLflow's own Python client reads it
// (mlflow/environment_variables.py, mlflow/utils/rest_utils.py):
//   MLFLOW_TRACKING_URI, MLFLOW_TRACKING_TOKEN (Bearer; wins over basic auth),
//   MLFLOW_TRACKING_USERNAME / MLFLOW_TRACKING_PASSWORD (Basic),
//   MLFLOW_TRACKING_INSECURE_TLS ("true": no certificate check),
//   MLFLOW_TRACKING_SERVER_CERT_PATH (CA bundle to verify the server with),
//   MLFLOW_TRACKING_CLIENT_CERT_PATH (a PEM holding the client certificate and its key),
//   and the MLFLOW_HTTP_REQUEST_* retry settings (RetrySettings::fromEnvironment).
// Both insecure TLS and a server certificate set is a configuration error, as in MLflow.
struct MlflowConnection
{
    QUrl baseUrl; // http(s)://host:port[/prefix], no trailing slash; API paths go below it
    TrackingCredentials credentials;
    bool insecureTls = false;
    QString serverCertPath;
    QString clientCertPath;
    RetrySettings retry;
    QStringList warnings; // ignored or doubtful settings, in words (shown once, never secrets)

    // The connection for `uri` (http:// or https://) from the environment, with `override`'s
    // non-empty fields replacing the environment's credentials.
    static Result<MlflowConnection> fromEnvironment(const QString &uri, const TrackingCredentials &override = {});
};

} // namespace lab
