#pragma once

#include "core/result.h"

#include <QString>
#include <QStringList>

#include <functional>
#include <memory>

namespace lab {

class TrackingStore;

// A bundle: selected runs in one file ("*.labbundle"), for sharing and offline comparison. It holds
// each run (info, params, tags, latest metrics, as MLflow's REST shapes), its full metric
// histories, its log artifact (logs/output.log) and its model descriptor (model/MLmodel), plus the
// experiments they belong to and where they came from. Written atomically.
class RunBundle
{
public:
    using Progress = std::function<void(int done, int total)>;

    // Reads the runs from `store` and writes them to `filePath`.
    static Status exportRuns(TrackingStore &store, const QStringList &runIds, const QString &filePath,
                             const Progress &progress = {});
    // Opens a bundle as a read-only TrackingStore (its uri() is the file's path).
    static Result<std::unique_ptr<TrackingStore>> open(const QString &filePath);
    // Copies the runs of a bundle into a writable store (new run ids, same names, params, tags,
    // histories, logs and model descriptor), under the experiment `experimentName` (created when
    // missing; empty: the bundle's own experiment names). Returns the new run ids.
    static Result<QStringList> importInto(const QString &filePath, TrackingStore &target,
                                          const QString &experimentName = {});
};

} // namespace lab
