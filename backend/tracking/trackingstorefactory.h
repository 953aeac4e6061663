#pragma once

#include "core/result.h"
#include "tracking/mlflowconnection.h"
#include "tracking/trackingstore.h"

#include <memory>

namespace lab {

struct StoreOptions
{
    // http(s): credentials that replace MLFLOW_TRACKING_* (typed into the console, from the keychain).
    TrackingCredentials credentials;
    // http(s): TLS settings typed into the console (ConnectDialog, a profile). When set (a path
    // not empty, insecureTls true) they replace MLFLOW_TRACKING_SERVER_CERT_PATH,
    // MLFLOW_TRACKING_CLIENT_CERT_PATH and MLFLOW_TRACKING_INSECURE_TLS, with MLflow's rule
    // that insecure TLS and a server certificate together are a configuration error.
    QString serverCertPath;
    QString clientCertPath;
    bool insecureTls = false;
    // http(s): keep what was fetched on disk (OfflineCacheStore) and answer from it, marked
    // offline, while the server cannot be reached.
    bool offlineCache = false;
    QString cacheRoot; // empty: QStandardPaths::CacheLocation + "/tracking"
    // The byte budget of cacheRoot as a whole (every server's entries), least recently used evicted
    // first; <= 0: LABCONSOLE_CACHE_MAX_MB when set, else 1 GiB.
    qint64 cacheMaxBytes = 0;
    // http(s): replaces MLFLOW_HTTP_REQUEST_MAX_RETRIES when >= 0 ("Test connection" wants 0).
    int maxRetries = -1;
    // http(s): replaces MLFLOW_HTTP_REQUEST_TIMEOUT (per attempt) when > 0.
    int timeoutMs = 0;
};

// Opens the store a tracking URI names, with MLflow's conventions: "file:///abs/mlruns",
// "file:relative", a plain path, "http(s)://host[:port][/prefix]" (the MLflow REST API, auth
// and TLS from the environment as MLflow reads them), or a bundle file ("*.labbundle", read
// only). Empty = the local lab's default store (see defaultLocalStorePath()).
Result<std::unique_ptr<TrackingStore>> openTrackingStore(const QString &uri, const StoreOptions &options = {});

// $XDG_DATA_HOME/labconsole/mlruns (QStandardPaths::GenericDataLocation + "/labconsole/mlruns").
QString defaultLocalStorePath();

// The URI to use: the explicit one if given, else $MLFLOW_TRACKING_URI, else the local default.
QString resolveTrackingUri(const QString &explicitUri);

} // namespace lab
