#include "trackingstorefactory.h"

#include "tracking/mlflowfilestore.h"
#include "tracking/offlinecachestore.h"
#include "tracking/runbundle.h"
#include "tracking/mlflowreststore.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QUrl>

namespace lab {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("lab::TrackingStoreFactory", text);
}

} // namespace

QString defaultLocalStorePath()
{
    return QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation) +
           QStringLiteral("/labconsole/mlruns");
}

QString resolveTrackingUri(const QString &explicitUri)
{
    if (!explicitUri.trimmed().isEmpty())
        return explicitUri.trimmed();
    const QString env = qEnvironmentVariable("MLFLOW_TRACKING_URI").trimmed();
    if (!env.isEmpty())
        return env;
    return QUrl::fromLocalFile(defaultLocalStorePath()).toString(QUrl::FullyEncoded);
}

Result<std::unique_ptr<TrackingStore>> openTrackingStore(const QString &uri, const StoreOptions &options)
{
    const QString u = uri.trimmed();
    QString path;
    if (u.isEmpty()) {
        path = defaultLocalStorePath();
    } else if (u.startsWith(QLatin1String("http://"), Qt::CaseInsensitive) ||
               u.startsWith(QLatin1String("https://"), Qt::CaseInsensitive)) {
        // helper "rest": the MLflow REST API, auth and TLS as MLflow's client reads them.
        auto connection = MlflowConnection::fromEnvironment(u, options.credentials);
        if (!connection)
            return connection.error();
        // TLS settings typed into the console replace the environment's, with MLflow's rule.
        if (!options.serverCertPath.isEmpty())
            connection->serverCertPath = options.serverCertPath;
        if (!options.clientCertPath.isEmpty())
            connection->clientCertPath = options.clientCertPath;
        if (options.insecureTls)
            connection->insecureTls = true;
        if (connection->insecureTls && !connection->serverCertPath.isEmpty())
            return makeError(tr("Skipping TLS verification and trusting a server certificate (%1) cannot be "
                                "combined; choose one")
                                 .arg(connection->serverCertPath),
                             QStringLiteral("INVALID_CONFIGURATION"));
        if (options.maxRetries >= 0)
            connection->retry.maxRetries = options.maxRetries;
        if (options.timeoutMs > 0)
            connection->retry.timeoutMs = options.timeoutMs;
        std::unique_ptr<TrackingStore> rest = std::make_unique<MlflowRestStore>(std::move(*connection));
        if (!options.offlineCache)
            return rest;
        const QString cacheRoot =
            !options.cacheRoot.isEmpty()
                ? options.cacheRoot
                : QStandardPaths::writableLocation(QStandardPaths::CacheLocation) + QStringLiteral("/tracking");
        return std::unique_ptr<TrackingStore>(
            std::make_unique<OfflineCacheStore>(std::move(rest), cacheRoot, options.cacheMaxBytes));
    } else if (u.endsWith(QLatin1String(".labbundle"), Qt::CaseInsensitive)) {
        // An exported bundle, opened read-only (a path or a file: URI).
        const QString file = u.startsWith(QLatin1String("file:"), Qt::CaseInsensitive) ? QUrl(u).toLocalFile() : u;
        return RunBundle::open(file);
    } else if (u.startsWith(QLatin1String("file://"), Qt::CaseInsensitive)) {
        path = QUrl(u).toLocalFile();
        if (path.isEmpty())
            return makeError(tr("The tracking URI %1 names no local folder").arg(u),
                             QStringLiteral("INVALID_URI"));
    } else if (u.startsWith(QLatin1String("file:"), Qt::CaseInsensitive)) {
        // MLflow's "file:relative/path" (no authority): the rest is a path, relative to the working folder.
        path = QUrl::fromPercentEncoding(u.mid(5).toUtf8());
    } else {
        // Any other scheme (sqlite:, databricks, s3://...); a one-letter "scheme" is a drive letter.
        static const QRegularExpression scheme(QStringLiteral("^[A-Za-z][A-Za-z0-9+.-]+:"));
        if (scheme.match(u).hasMatch())
            return makeError(tr("The tracking URI %1 uses a scheme that is not supported").arg(u),
                             QStringLiteral("NOT_SUPPORTED"));
        path = u;
    }
    path = QDir::cleanPath(QFileInfo(path).absoluteFilePath());
    auto store = std::make_unique<MlflowFileStore>(path);
    if (Status s = store->initialize(); !s) {
        // A store that exists but cannot be written is still worth reading; only a missing one fails.
        if (!QFileInfo(path).isDir())
            return s.error();
    }
    return std::unique_ptr<TrackingStore>(std::move(store));
}

} // namespace lab
