#pragma once

#include "core/result.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

namespace lab {

class TrackingStore;
struct ModelParameters;
struct Standardisation;

// Saves a trained network as the MLflow model artifact `model/`:
//   model/MLmodel            the descriptor, shaped as MLflow writes it (artifact_path, flavors,
//                            model_size_bytes, model_uuid, run_id, utc_time_created), with one
//                            custom flavor `labconsole_mlp`
//   model/data/weights.json  everything needed to predict (format below)
// and appends the model to the run's `mlflow.log-model.history` tag as MLflow's log_model does.
//
// weights.json (format "labconsole-mlp", format_version 1):
//   {"format", "format_version", "layer_sizes": [in, hidden..., classes], "activation": "relu",
//    "output": "softmax", "feature_names": [...], "class_names": [...],
//    "standardisation": {"mean": [...], "scale": [...]},   x' = (x - mean) / scale
//    "layers": [{"inputs": n, "outputs": m, "weights": [m*n floats, row-major [out][in]],
//                "bias": [m floats]}, ...]}
//   logits = W_L(...relu(W_1 x' + b_1)...) + b_L, class = argmax.
class ModelWriter
{
public:
    struct Model
    {
        const ModelParameters *parameters = nullptr;
        const Standardisation *standardisation = nullptr;
        QStringList featureNames;
        QStringList classNames;
    };

    static QByteArray weightsJson(const Model &model);
    static QByteArray mlmodelYaml(const Model &model, const QString &runId, const QString &modelUuid,
                                  const QString &utcTimeCreated, qint64 modelSizeBytes);

    static Status save(TrackingStore *store, const QString &runId, const Model &model);

    static constexpr const char *ArtifactPath = "model";
    static constexpr const char *Flavor = "labconsole_mlp";
};

} // namespace lab
