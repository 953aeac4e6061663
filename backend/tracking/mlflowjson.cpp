#include "mlflowjson.h"

#include <QCoreApplication>

#include <cmath>
#include <limits>
#include <string>

namespace lab {

namespace {

using Json = MlflowJson::Json;

QString tr(const char *text)
{
    return QCoreApplication::translate("lab::MlflowJson", text);
}

std::string toStd(const QString &s)
{
    const QByteArray utf8 = s.toUtf8();
    return std::string(utf8.constData(), std::size_t(utf8.size()));
}

QString fromStd(const std::string &s)
{
    return QString::fromUtf8(s.data(), qsizetype(s.size()));
}

Error shapeError(const QString &what, const QString &field)
{
    return makeError(tr("The MLflow JSON does not have the expected shape: %1.").arg(what),
                     QStringLiteral("INVALID_JSON_SHAPE"), field);
}

// Field readers: absent or null gives the fallback; a present field of the wrong type is an error.
bool readString(const Json &obj, const char *key, QString *out, Error *err)
{
    const auto it = obj.find(key);
    if (it == obj.end() || it->is_null())
        return true;
    if (it->is_string()) {
        *out = fromStd(it->get_ref<const std::string &>());
        return true;
    }
    if (it->is_number() || it->is_boolean()) { // proto enums and ids written as numbers by some tools
        *out = fromStd(it->dump());
        return true;
    }
    *err = shapeError(tr("field '%1' is not a string").arg(QLatin1String(key)), QLatin1String(key));
    return false;
}

bool readInt64(const Json &obj, const char *key, qint64 *out, Error *err)
{
    const auto it = obj.find(key);
    if (it == obj.end() || it->is_null())
        return true;
    Result<qint64> v = MlflowJson::int64FromJson(*it);
    if (!v) {
        *err = shapeError(tr("field '%1' is not an integer").arg(QLatin1String(key)), QLatin1String(key));
        return false;
    }
    *out = *v;
    return true;
}

// Key/value lists (params, tags). A non-string value (mlflow-tools expands some tags into JSON)
// is kept as its JSON text so nothing is lost.
template <typename KV> bool readKeyValues(const Json &obj, const char *key, QList<KV> *out, Error *err)
{
    const auto it = obj.find(key);
    if (it == obj.end() || it->is_null())
        return true;
    if (!it->is_array()) {
        *err = shapeError(tr("field '%1' is not a list").arg(QLatin1String(key)), QLatin1String(key));
        return false;
    }
    for (const Json &item : *it) {
        if (!item.is_object()) {
            *err = shapeError(tr("an entry of '%1' is not an object").arg(QLatin1String(key)),
                              QLatin1String(key));
            return false;
        }
        KV kv;
        if (!readString(item, "key", &kv.key, err))
            return false;
        const auto v = item.find("value");
        if (v != item.end() && !v->is_null())
            kv.value = v->is_string() ? fromStd(v->get_ref<const std::string &>())
                                      : fromStd(v->dump(-1, ' ', false, Json::error_handler_t::replace));
        out->append(kv);
    }
    return true;
}

const Json *objectMember(const Json &obj, const char *key)
{
    const auto it = obj.find(key);
    return (it != obj.end() && it->is_object()) ? &*it : nullptr;
}

} // namespace

Result<Json> MlflowJson::parse(QByteArrayView bytes)
{
    // nlohmann rejects a whole document for one bad byte in a string; a user's run name or a log
    // line pasted into a tag should not make the run unreadable, so repair first.
    QByteArray repaired;
    if (!bytes.isValidUtf8()) {
        repaired = QString::fromUtf8(bytes).toUtf8();
        bytes = repaired;
    }
    // The depth cap is checked by a scan of the bytes first: nlohmann's callback parser would do
    // it, but its callback mode rescans the enclosing array at the end of every object, which
    // makes a long history quadratic (a 300k-point body took minutes).
    int depth = 0;
    bool inString = false;
    bool escaped = false;
    for (const char c : bytes) {
        if (inString) {
            if (escaped)
                escaped = false;
            else if (c == '\\')
                escaped = true;
            else if (c == '"')
                inString = false;
            continue;
        }
        if (c == '"') {
            inString = true;
        } else if (c == '[' || c == '{') {
            if (++depth > MaxDepth)
                return makeError(tr("The JSON is nested more than %1 levels deep.").arg(MaxDepth),
                                 QStringLiteral("JSON_TOO_DEEP"));
        } else if (c == ']' || c == '}') {
            --depth;
        }
    }
    try {
        return Json::parse(bytes.begin(), bytes.end());
    } catch (const Json::exception &e) {
        return makeError(tr("The JSON could not be parsed."), QStringLiteral("INVALID_JSON"),
                         QString::fromUtf8(e.what()));
    } catch (const std::bad_alloc &) {
        return makeError(tr("The JSON is too large to parse."), QStringLiteral("INVALID_JSON"));
    }
}

QByteArray MlflowJson::dump(const Json &json, int indent)
{
    const std::string s = json.dump(indent, ' ', false, Json::error_handler_t::replace);
    return QByteArray(s.data(), qsizetype(s.size()));
}

Json MlflowJson::doubleToJson(double value)
{
    if (std::isnan(value))
        return "NaN";
    if (std::isinf(value))
        return value > 0 ? "Infinity" : "-Infinity";
    return value;
}

Result<double> MlflowJson::doubleFromJson(const Json &json)
{
    if (json.is_number())
        return json.get<double>();
    if (json.is_string()) {
        const std::string &s = json.get_ref<const std::string &>();
        if (s == "NaN")
            return std::numeric_limits<double>::quiet_NaN();
        if (s == "Infinity")
            return std::numeric_limits<double>::infinity();
        if (s == "-Infinity")
            return -std::numeric_limits<double>::infinity();
        // protobuf also accepts a number written as a string
        bool ok = false;
        const double d = fromStd(s).toDouble(&ok);
        if (ok)
            return d;
    }
    return shapeError(tr("a number was expected"),
                      fromStd(json.dump(-1, ' ', false, Json::error_handler_t::replace)).left(40));
}

Result<qint64> MlflowJson::int64FromJson(const Json &json)
{
    if (json.is_number_integer())
        return qint64(json.get<std::int64_t>());
    if (json.is_number_float()) {
        const double d = json.get<double>();
        if (std::isfinite(d) && d == std::floor(d) && std::fabs(d) < 9.2e18)
            return qint64(d);
    }
    if (json.is_string()) {
        bool ok = false;
        const qint64 v = fromStd(json.get_ref<const std::string &>()).toLongLong(&ok);
        if (ok)
            return v;
    }
    return shapeError(tr("an integer was expected"),
                      fromStd(json.dump(-1, ' ', false, Json::error_handler_t::replace)).left(40));
}

Json MlflowJson::toJson(const MetricPoint &m)
{
    return Json{{"key", toStd(m.key)},
                {"value", doubleToJson(m.value)},
                {"timestamp", m.timestamp},
                {"step", m.step}};
}

Json MlflowJson::toJson(const QList<Tag> &tags)
{
    Json arr = Json::array();
    for (const Tag &t : tags)
        arr.push_back(Json{{"key", toStd(t.key)}, {"value", toStd(t.value)}});
    return arr;
}

Json MlflowJson::toJson(const QList<Param> &params)
{
    Json arr = Json::array();
    for (const Param &p : params)
        arr.push_back(Json{{"key", toStd(p.key)}, {"value", toStd(p.value)}});
    return arr;
}

Json MlflowJson::toJson(const RunInfo &info)
{
    Json j = Json::object();
    j["run_id"] = toStd(info.runId);
    j["run_uuid"] = toStd(info.runId); // deprecated twin of run_id that MLflow still sends
    j["run_name"] = toStd(info.runName);
    j["experiment_id"] = toStd(info.experimentId);
    j["user_id"] = toStd(info.userId);
    j["status"] = toStd(runStatusName(info.status));
    j["start_time"] = info.startTime;
    // Unset in MLflow's answer while a run has not ended (protobuf omits unset optional fields).
    if (info.endTime > 0)
        j["end_time"] = info.endTime;
    j["artifact_uri"] = toStd(info.artifactUri);
    j["lifecycle_stage"] = toStd(lifecycleStageName(info.lifecycleStage));
    return j;
}

Json MlflowJson::toJson(const Run &run)
{
    Json metrics = Json::array();
    for (const MetricPoint &m : run.metrics)
        metrics.push_back(toJson(m));
    return Json{
        {"info", toJson(run.info)},
        {"data", Json{{"metrics", metrics}, {"params", toJson(run.params)}, {"tags", toJson(run.tags)}}}};
}

Json MlflowJson::toJson(const Experiment &e)
{
    Json j = Json::object();
    j["experiment_id"] = toStd(e.id);
    j["name"] = toStd(e.name);
    j["artifact_location"] = toStd(e.artifactLocation);
    j["lifecycle_stage"] = toStd(lifecycleStageName(e.lifecycleStage));
    // MLflow 1.x stores record neither time; leave them out rather than claim 1970.
    if (e.lastUpdateTime > 0)
        j["last_update_time"] = e.lastUpdateTime;
    if (e.creationTime > 0)
        j["creation_time"] = e.creationTime;
    j["tags"] = toJson(e.tags);
    return j;
}

Json MlflowJson::toJson(const ModelVersion &v)
{
    Json j = Json::object();
    j["name"] = toStd(v.name);
    j["version"] = toStd(v.version);
    j["creation_timestamp"] = v.creationTimestamp;
    j["last_updated_timestamp"] = v.lastUpdatedTimestamp;
    j["current_stage"] = toStd(v.currentStage);
    j["description"] = toStd(v.description);
    j["source"] = toStd(v.source);
    j["run_id"] = toStd(v.runId);
    j["status"] = toStd(v.status);
    j["tags"] = toJson(v.tags);
    Json aliases = Json::array();
    for (const QString &a : v.aliases)
        aliases.push_back(toStd(a));
    j["aliases"] = aliases;
    return j;
}

Json MlflowJson::toJson(const RegisteredModel &m, const QList<ModelVersion> &latestVersions)
{
    Json j = Json::object();
    j["name"] = toStd(m.name);
    j["creation_timestamp"] = m.creationTimestamp;
    j["last_updated_timestamp"] = m.lastUpdatedTimestamp;
    j["description"] = toStd(m.description);
    if (!latestVersions.isEmpty()) {
        Json versions = Json::array();
        for (const ModelVersion &v : latestVersions)
            versions.push_back(toJson(v));
        j["latest_versions"] = versions;
    }
    j["tags"] = toJson(m.tags);
    Json aliases = Json::array();
    for (auto it = m.aliases.cbegin(); it != m.aliases.cend(); ++it)
        aliases.push_back(Json{{"alias", toStd(it.key())}, {"version", toStd(it.value())}});
    j["aliases"] = aliases;
    return j;
}

Json MlflowJson::metricHistoryToJson(const QList<MetricPoint> &history)
{
    Json arr = Json::array();
    for (const MetricPoint &m : history)
        arr.push_back(toJson(m));
    return Json{{"metrics", arr}};
}

Result<MetricPoint> MlflowJson::metricFromJson(const Json &json)
{
    if (!json.is_object())
        return shapeError(tr("a metric is not an object"), QStringLiteral("metric"));
    MetricPoint m;
    Error err;
    if (!readString(json, "key", &m.key, &err) || !readInt64(json, "timestamp", &m.timestamp, &err) ||
        !readInt64(json, "step", &m.step, &err))
        return err;
    const auto v = json.find("value");
    if (v == json.end() || v->is_null())
        return shapeError(tr("metric '%1' has no value").arg(m.key), QStringLiteral("value"));
    Result<double> d = doubleFromJson(*v);
    if (!d)
        return shapeError(tr("the value of metric '%1' is not a number").arg(m.key), QStringLiteral("value"));
    m.value = *d;
    return m;
}

Result<RunInfo> MlflowJson::runInfoFromJson(const Json &json)
{
    if (!json.is_object())
        return shapeError(tr("the run info is not an object"), QStringLiteral("info"));
    RunInfo info;
    Error err;
    QString uuid, status, stage;
    if (!readString(json, "run_id", &info.runId, &err) || !readString(json, "run_uuid", &uuid, &err) ||
        !readString(json, "run_name", &info.runName, &err) ||
        !readString(json, "experiment_id", &info.experimentId, &err) ||
        !readString(json, "user_id", &info.userId, &err) || !readString(json, "status", &status, &err) ||
        !readInt64(json, "start_time", &info.startTime, &err) ||
        !readInt64(json, "end_time", &info.endTime, &err) ||
        !readString(json, "artifact_uri", &info.artifactUri, &err) ||
        !readString(json, "lifecycle_stage", &stage, &err))
        return err;
    if (info.runId.isEmpty())
        info.runId = uuid; // MLflow before 1.x's run_id field
    if (info.runId.isEmpty())
        return shapeError(tr("the run has no run_id"), QStringLiteral("run_id"));
    if (!status.isEmpty() && !parseRunStatus(status, &info.status))
        return shapeError(tr("run status '%1' is unknown").arg(status), QStringLiteral("status"));
    info.lifecycleStage =
        stage == QLatin1String("deleted") ? LifecycleStage::Deleted : LifecycleStage::Active;
    return info;
}

Result<Run> MlflowJson::runFromJson(const Json &json)
{
    if (!json.is_object())
        return shapeError(tr("a run is not an object"), QStringLiteral("run"));
    // Accept a runs/get response ({"run": {...}}) as well as the bare Run message.
    if (const Json *inner = objectMember(json, "run"); inner && !json.contains("info"))
        return runFromJson(*inner);
    const Json *info = objectMember(json, "info");
    if (!info)
        return shapeError(tr("the run has no 'info' object"), QStringLiteral("info"));
    Result<RunInfo> ri = runInfoFromJson(*info);
    if (!ri)
        return ri.error();
    Run run;
    run.info = *ri;
    if (const auto d = json.find("data"); d != json.end() && !d->is_null()) {
        if (!d->is_object())
            return shapeError(tr("the run's 'data' is not an object"), QStringLiteral("data"));
        Error err;
        if (!readKeyValues(*d, "params", &run.params, &err) || !readKeyValues(*d, "tags", &run.tags, &err))
            return err;
        if (const auto ms = d->find("metrics"); ms != d->end() && !ms->is_null()) {
            if (!ms->is_array())
                return shapeError(tr("field 'metrics' is not a list"), QStringLiteral("metrics"));
            for (const Json &m : *ms) {
                Result<MetricPoint> mp = metricFromJson(m);
                if (!mp)
                    return mp.error();
                run.metrics.append(*mp);
            }
        }
    }
    // MLflow 2.x sends run_name in info; older servers only in the mlflow.runName tag.
    if (run.info.runName.isEmpty())
        run.info.runName = run.tag(tags::RunName);
    return run;
}

Result<Experiment> MlflowJson::experimentFromJson(const Json &json)
{
    if (!json.is_object())
        return shapeError(tr("an experiment is not an object"), QStringLiteral("experiment"));
    if (const Json *inner = objectMember(json, "experiment"); inner && !json.contains("experiment_id"))
        return experimentFromJson(*inner);
    Experiment e;
    Error err;
    QString stage;
    if (!readString(json, "experiment_id", &e.id, &err) || !readString(json, "name", &e.name, &err) ||
        !readString(json, "artifact_location", &e.artifactLocation, &err) ||
        !readString(json, "lifecycle_stage", &stage, &err) ||
        !readInt64(json, "last_update_time", &e.lastUpdateTime, &err) ||
        !readInt64(json, "creation_time", &e.creationTime, &err) ||
        !readKeyValues(json, "tags", &e.tags, &err))
        return err;
    if (e.id.isEmpty())
        return shapeError(tr("the experiment has no experiment_id"), QStringLiteral("experiment_id"));
    e.lifecycleStage = stage == QLatin1String("deleted") ? LifecycleStage::Deleted : LifecycleStage::Active;
    return e;
}

Result<ModelVersion> MlflowJson::modelVersionFromJson(const Json &json)
{
    if (!json.is_object())
        return shapeError(tr("a model version is not an object"), QStringLiteral("model_version"));
    if (const Json *inner = objectMember(json, "model_version"); inner && !json.contains("version"))
        return modelVersionFromJson(*inner);
    ModelVersion v;
    Error err;
    if (!readString(json, "name", &v.name, &err) || !readString(json, "version", &v.version, &err) ||
        !readInt64(json, "creation_timestamp", &v.creationTimestamp, &err) ||
        !readInt64(json, "last_updated_timestamp", &v.lastUpdatedTimestamp, &err) ||
        !readString(json, "current_stage", &v.currentStage, &err) ||
        !readString(json, "description", &v.description, &err) ||
        !readString(json, "source", &v.source, &err) || !readString(json, "run_id", &v.runId, &err) ||
        !readString(json, "status", &v.status, &err) || !readKeyValues(json, "tags", &v.tags, &err))
        return err;
    if (const auto a = json.find("aliases"); a != json.end() && a->is_array())
        for (const Json &alias : *a)
            if (alias.is_string())
                v.aliases.append(fromStd(alias.get_ref<const std::string &>()));
    if (v.name.isEmpty() || v.version.isEmpty())
        return shapeError(tr("the model version has no name or version"), QStringLiteral("version"));
    return v;
}

Result<RegisteredModel> MlflowJson::registeredModelFromJson(const Json &json)
{
    if (!json.is_object())
        return shapeError(tr("a registered model is not an object"), QStringLiteral("registered_model"));
    if (const Json *inner = objectMember(json, "registered_model"); inner && !json.contains("name"))
        return registeredModelFromJson(*inner);
    RegisteredModel m;
    Error err;
    if (!readString(json, "name", &m.name, &err) ||
        !readInt64(json, "creation_timestamp", &m.creationTimestamp, &err) ||
        !readInt64(json, "last_updated_timestamp", &m.lastUpdatedTimestamp, &err) ||
        !readString(json, "description", &m.description, &err) || !readKeyValues(json, "tags", &m.tags, &err))
        return err;
    if (const auto a = json.find("aliases"); a != json.end() && a->is_array()) {
        for (const Json &alias : *a) {
            QString name, version;
            if (alias.is_object() && readString(alias, "alias", &name, &err) &&
                readString(alias, "version", &version, &err) && !name.isEmpty())
                m.aliases.insert(name, version);
        }
    }
    if (m.name.isEmpty())
        return shapeError(tr("the registered model has no name"), QStringLiteral("name"));
    return m;
}

Result<QList<MetricPoint>> MlflowJson::metricHistoryFromJson(const Json &json)
{
    const Json *arr = &json;
    if (json.is_object()) {
        const auto it = json.find("metrics");
        if (it == json.end() || it->is_null())
            return QList<MetricPoint>{}; // MLflow omits an empty repeated field
        arr = &*it;
    }
    if (!arr->is_array())
        return shapeError(tr("the metric history is not a list"), QStringLiteral("metrics"));
    QList<MetricPoint> out;
    out.reserve(qsizetype(arr->size()));
    for (const Json &m : *arr) {
        Result<MetricPoint> mp = metricFromJson(m);
        if (!mp)
            return mp.error();
        out.append(*mp);
    }
    return out;
}

} // namespace lab
