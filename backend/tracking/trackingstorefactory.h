#pragma once

#include "core/result.h"
#include "tracking/trackingstore.h"

#include <memory>

namespace lab {

// Opens the store a tracking URI names, with MLflow's conventions: "file:///abs/mlruns",
// "file:relative", a plain path, or (later) "http(s)://". Empty = the local lab's default store
// (see defaultLocalStorePath()).
Result<std::unique_ptr<TrackingStore>> openTrackingStore(const QString &uri);

// $XDG_DATA_HOME/labconsole/mlruns (QStandardPaths::GenericDataLocation + "/labconsole/mlruns").
QString defaultLocalStorePath();

// The URI to use: the explicit one if given, else $MLFLOW_TRACKING_URI, else the local default.
QString resolveTrackingUri(const QString &explicitUri);

} // namespace lab
