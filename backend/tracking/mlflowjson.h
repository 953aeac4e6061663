#pragma once

#include "core/result.h"
#include "core/types.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QList>

#include <nlohmann/json.hpp>

namespace lab {

// Lab types to and from the JSON shapes of MLflow's REST API 2.0 (service.proto and
// model_registry.proto as protobuf's JSON mapping writes them), so that `labctl -o json` and a
// later REST store speak what MLflow tools read:
//   Run        {"info": {run_id, run_uuid, run_name, experiment_id, user_id, status, start_time,
//               end_time, artifact_uri, lifecycle_stage}, "data": {"metrics", "params", "tags"}}
//   Experiment {experiment_id, name, artifact_location, lifecycle_stage, last_update_time,
//               creation_time, tags}
//   Metric     {key, value, timestamp, step}; a history is {"metrics": [...]}
// Doubles that JSON cannot hold (NaN, +/-infinity) travel as the strings "NaN", "Infinity" and
// "-Infinity", as protobuf's JSON mapping (and so MLflow's server) writes them. Times are int64 ms;
// readers accept them as numbers or as decimal strings (protobuf's int64 mapping allows both).
//
// Readers never throw: a shape that does not fit is an Error in words naming the field.
class MlflowJson
{
public:
    using Json = nlohmann::json;

    // Deeper nesting than this is rejected while parsing, before it is built.
    static constexpr int MaxDepth = 128;

    // Parses bytes into a DOM. Invalid UTF-8 is replaced by U+FFFD instead of failing the whole
    // document; nesting beyond MaxDepth, truncation and syntax errors are errors in words.
    static Result<Json> parse(QByteArrayView bytes);
    // Compact (indent < 0) or pretty JSON; strings are always valid UTF-8.
    static QByteArray dump(const Json &json, int indent = -1);

    // Writers
    static Json toJson(const MetricPoint &metric);
    static Json toJson(const RunInfo &info);
    static Json toJson(const Run &run);
    static Json toJson(const Experiment &experiment);
    static Json toJson(const RegisteredModel &model, const QList<ModelVersion> &latestVersions = {});
    static Json toJson(const ModelVersion &version);
    static Json toJson(const QList<Tag> &tags);
    static Json toJson(const QList<Param> &params);
    // {"metrics": [...]}, the get-history response.
    static Json metricHistoryToJson(const QList<MetricPoint> &history);
    // A double as protobuf's JSON mapping writes it (a number, or "NaN" / "Infinity" / "-Infinity").
    static Json doubleToJson(double value);

    // Readers
    static Result<MetricPoint> metricFromJson(const Json &json);
    static Result<RunInfo> runInfoFromJson(const Json &json);
    static Result<Run> runFromJson(const Json &json);
    static Result<Experiment> experimentFromJson(const Json &json);
    static Result<RegisteredModel> registeredModelFromJson(const Json &json);
    static Result<ModelVersion> modelVersionFromJson(const Json &json);
    // Accepts {"metrics": [...]} (get-history) or a bare array of metrics.
    static Result<QList<MetricPoint>> metricHistoryFromJson(const Json &json);
    static Result<double> doubleFromJson(const Json &json);
    static Result<qint64> int64FromJson(const Json &json);
};

} // namespace lab
