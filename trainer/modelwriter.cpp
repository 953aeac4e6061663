#include "modelwriter.h"

#include "dataset.h"
#include "modelparameters.h"
#include "tracking/trackingstore.h"

#include <QCoreApplication>
#include <QUuid>

#include <nlohmann/json.hpp>
#include <yaml-cpp/yaml.h>

#include <chrono>
#include <ctime>

namespace lab {

namespace {

std::vector<std::string> toStd(const QStringList &list)
{
    std::vector<std::string> out;
    for (const QString &s : list)
        out.push_back(s.toStdString());
    return out;
}

// "2023-05-30 06:41:26.302219", as MLflow's utc_time_created (str(datetime.utcnow())).
QString utcNow()
{
    const auto now = std::chrono::system_clock::now();
    const auto us = std::chrono::duration_cast<std::chrono::microseconds>(now.time_since_epoch()).count();
    const std::time_t secs = std::time_t(us / 1000000);
    std::tm tm{};
    gmtime_r(&secs, &tm);
    char buf[64];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d %02d:%02d:%02d.%06lld", tm.tm_year + 1900, tm.tm_mon + 1,
                  tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, static_cast<long long>(us % 1000000));
    return QString::fromLatin1(buf);
}

nlohmann::json flavorJson(const ModelWriter::Model &model)
{
    return {{"activation", "relu"},
            {"data", "data/weights.json"},
            {"format", "labconsole-mlp"},
            {"format_version", 1},
            {"labconsole_version", QCoreApplication::applicationVersion().toStdString()},
            {"layer_sizes", model.parameters->sizes},
            {"output", "softmax"}};
}

} // namespace

QByteArray ModelWriter::weightsJson(const Model &model)
{
    const ModelParameters &p = *model.parameters;
    nlohmann::json layers = nlohmann::json::array();
    for (int l = 0; l < p.layerCount(); ++l)
        layers.push_back({{"inputs", p.inputs(l)},
                          {"outputs", p.outputs(l)},
                          {"weights", p.weights[l]},
                          {"bias", p.biases[l]}});
    nlohmann::json j = {
        {"format", "labconsole-mlp"},
        {"format_version", 1},
        {"layer_sizes", p.sizes},
        {"activation", "relu"},
        {"output", "softmax"},
        {"feature_names", toStd(model.featureNames)},
        {"class_names", toStd(model.classNames)},
        {"standardisation", {{"mean", model.standardisation->mean}, {"scale", model.standardisation->scale}}},
        {"layers", layers}};
    return QByteArray::fromStdString(j.dump());
}

QByteArray ModelWriter::mlmodelYaml(const Model &model, const QString &runId, const QString &modelUuid,
                                    const QString &utcTimeCreated, qint64 modelSizeBytes)
{
    // Keys in sorted order and the timestamp single-quoted: what PyYAML's safe_dump writes.
    YAML::Emitter out;
    out << YAML::BeginMap;
    out << YAML::Key << "artifact_path" << YAML::Value << ArtifactPath;
    out << YAML::Key << "flavors" << YAML::Value << YAML::BeginMap;
    out << YAML::Key << Flavor << YAML::Value << YAML::BeginMap;
    const nlohmann::json flavor = flavorJson(model);
    for (auto it = flavor.begin(); it != flavor.end(); ++it) {
        out << YAML::Key << it.key() << YAML::Value;
        if (it->is_array()) {
            out << YAML::BeginSeq;
            for (const auto &v : *it)
                out << v.get<int>();
            out << YAML::EndSeq;
        } else if (it->is_number_integer()) {
            out << it->get<int>();
        } else {
            out << it->get<std::string>();
        }
    }
    out << YAML::EndMap << YAML::EndMap;
    out << YAML::Key << "model_size_bytes" << YAML::Value << static_cast<long long>(modelSizeBytes);
    out << YAML::Key << "model_uuid" << YAML::Value << modelUuid.toStdString();
    out << YAML::Key << "run_id" << YAML::Value << runId.toStdString();
    out << YAML::Key << "utc_time_created" << YAML::Value << YAML::SingleQuoted
        << utcTimeCreated.toStdString();
    out << YAML::EndMap;
    return QByteArray(out.c_str()) + '\n';
}

Status ModelWriter::save(TrackingStore *store, const QString &runId, const Model &model)
{
    const QString uuid = QUuid::createUuid().toString(QUuid::Id128);
    const QString created = utcNow();
    const QByteArray weights = weightsJson(model);
    const QByteArray mlmodel = mlmodelYaml(model, runId, uuid, created, weights.size());
    const QString root = QLatin1String(ArtifactPath);
    Status s = store->writeArtifact(runId, root + QStringLiteral("/data/weights.json"), weights);
    if (!s.ok())
        return s;
    s = store->writeArtifact(runId, root + QStringLiteral("/MLmodel"), mlmodel);
    if (!s.ok())
        return s;

    // mlflow.log-model.history: a JSON list with one entry per logged model.
    nlohmann::json history = nlohmann::json::array();
    if (auto run = store->getRun(runId)) {
        const QString existing = run->tag(tags::LogModelHistory);
        if (!existing.isEmpty()) {
            try {
                nlohmann::json parsed = nlohmann::json::parse(existing.toStdString());
                if (parsed.is_array())
                    history = std::move(parsed);
            } catch (const nlohmann::json::exception &) {
                // A malformed history is replaced rather than blocking the model save.
            }
        }
    }
    history.push_back({{"run_id", runId.toStdString()},
                       {"artifact_path", ArtifactPath},
                       {"utc_time_created", created.toStdString()},
                       {"flavors", {{Flavor, flavorJson(model)}}},
                       {"model_uuid", uuid.toStdString()}});
    return store->setTag(runId, tags::LogModelHistory, QString::fromStdString(history.dump()));
}

} // namespace lab
