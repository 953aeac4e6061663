#pragma once

#include "core/result.h"

#include <QByteArrayView>
#include <QHash>
#include <QString>

#include <memory>

namespace lab {

class MetricSeries;

// The metric-history hot path: MLflow REST responses parsed straight into columnar series with
// simdjson's On Demand API, never through a DOM. Accepts what MLflow's server writes (protobuf
// JSON mapping): int64 as numbers or decimal strings, "NaN"/"Infinity"/"-Infinity" for values,
// fields in any order, unknown fields skipped. Malformed, truncated or over-deep input gives an
// Error in words with the byte offset; nothing is appended to the series then.
class MetricHistoryParser
{
public:
    struct Page
    {
        qint64 points = 0;     // appended to the series
        QString nextPageToken; // empty on the last page
    };

    // metrics/get-history: {"metrics": [{key, value, timestamp, step}, ...], "next_page_token": "..."}.
    // Points whose key is not `key` (when given) are rejected as an error.
    static Result<Page> parseHistory(QByteArrayView json, MetricSeries *out, const QString &key = {});

    // metrics/get-history-bulk-interval: {"metrics": [{key, value, timestamp, step, run_id}, ...]};
    // appended per run id (series created on demand in *out).
    static Result<qint64> parseBulkInterval(QByteArrayView json,
                                            QHash<QString, std::shared_ptr<MetricSeries>> *out);
};

} // namespace lab
