#include "trackingstorefactory.h"

#include "tracking/mlflowfilestore.h"
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
        auto rest = std::make_unique<MlflowRestStore>(std::move(*connection));
        // Offline cache: when options.offlineCache is set, wrap `rest` here (OfflineCacheStore, wired
        // by the coordinator) before returning it.
        return std::unique_ptr<TrackingStore>(std::move(rest));
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
