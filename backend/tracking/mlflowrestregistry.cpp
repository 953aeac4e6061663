#include "mlflowrestregistry.h"

#include "mlflowjson.h"
#include "mlflowrestclient.h"

#include <QCoreApplication>
#include <QSet>
#include <QUrlQuery>

#include <algorithm>
#include <string>

namespace lab {

namespace {

using Json = MlflowJson::Json;

QString tr(const char *text)
{
    return QCoreApplication::translate("lab::MlflowRestRegistry", text);
}

std::string toStd(const QString &s)
{
    const QByteArray utf8 = s.toUtf8();
    return std::string(utf8.constData(), std::size_t(utf8.size()));
}

Json tagsJson(const QList<Tag> &tags)
{
    Json arr = Json::array();
    for (const Tag &t : tags)
        arr.push_back(Json{{"key", toStd(t.key)}, {"value", toStd(t.value)}});
    return arr;
}

// The server's error said in words for this call: what failed first, MLflow's code, status and
// hint kept, the server's message moved to the detail.
Error explain(Error e, const QString &what)
{
    const QString server =
        e.detail.isEmpty() ? e.message : e.message + QStringLiteral(" (") + e.detail + u')';
    QString message;
    if (e.code == QLatin1String("RESOURCE_DOES_NOT_EXIST"))
        message = tr("%1: not found in the model registry.").arg(what);
    else if (e.code == QLatin1String("RESOURCE_ALREADY_EXISTS"))
        message = tr("%1: the name is already taken in the model registry.").arg(what);
    else if (e.code == QLatin1String("INVALID_PARAMETER_VALUE"))
        message = tr("%1: the model registry refused it.").arg(what);
    else
        return e; // transport, auth and "not MLflow" errors already say what they are
    e.message = message;
    e.detail = server;
    return e;
}

Error shapeError(const Error &inner, const QString &what)
{
    Error e = inner;
    e.message = tr("%1: the server's answer is not what MLflow sends (%2).").arg(what, inner.message);
    e.code = QStringLiteral("INVALID_RESPONSE");
    return e;
}

Result<RegisteredModel> modelFrom(const Result<Json> &answer, const QString &what)
{
    if (!answer)
        return explain(answer.error(), what);
    const auto it = answer->find("registered_model");
    if (it == answer->end())
        return shapeError(makeError(tr("no registered_model")), what);
    Result<RegisteredModel> m = MlflowJson::registeredModelFromJson(*it);
    if (!m)
        return shapeError(m.error(), what);
    return m;
}

Result<ModelVersion> versionFrom(const Result<Json> &answer, const QString &what)
{
    if (!answer)
        return explain(answer.error(), what);
    const auto it = answer->find("model_version");
    if (it == answer->end())
        return shapeError(makeError(tr("no model_version")), what);
    Result<ModelVersion> v = MlflowJson::modelVersionFromJson(*it);
    if (!v)
        return shapeError(v.error(), what);
    return v;
}

Status statusFrom(const Result<Json> &answer, const QString &what)
{
    if (!answer)
        return explain(answer.error(), what);
    return Status::success();
}

// Walks a paged search: calls `page(token)` until the server stops sending next_page_token,
// reading each item of `field` with `read`. A token seen twice ends it with an error rather
// than looping on a server that repeats itself.
template <typename T, typename Page, typename Read>
Result<QList<T>> collectPages(const char *field, const QString &what, Page &&page, Read &&read)
{
    QList<T> out;
    QSet<QString> seen;
    QString token;
    for (;;) {
        const Result<Json> answer = page(token);
        if (!answer)
            return explain(answer.error(), what);
        if (const auto it = answer->find(field); it != answer->end() && !it->is_null()) {
            if (!it->is_array())
                return shapeError(makeError(tr("'%1' is not a list").arg(QLatin1String(field))), what);
            for (const Json &item : *it) {
                Result<T> value = read(item);
                if (!value)
                    return shapeError(value.error(), what);
                out.append(std::move(*value));
            }
        }
        const auto next = answer->find("next_page_token");
        token = next != answer->end() && next->is_string() ? QString::fromStdString(next->get<std::string>())
                                                           : QString();
        if (token.isEmpty())
            return out;
        if (seen.contains(token))
            return shapeError(makeError(tr("the server sent the same page token twice")), what);
        seen.insert(token);
    }
}

} // namespace

MlflowRestRegistry::MlflowRestRegistry(MlflowRestClient &client) : m_client(client) {}

QString MlflowRestRegistry::versionsFilter(const QString &modelName)
{
    if (!modelName.contains(u'\''))
        return QStringLiteral("name='%1'").arg(modelName);
    if (!modelName.contains(u'"'))
        return QStringLiteral("name=\"%1\"").arg(modelName);
    return {}; // MLflow's filter grammar has no escape for a name with both quotes
}

Result<QList<RegisteredModel>> MlflowRestRegistry::listRegisteredModels()
{
    MlflowRestClient::CallScope scope(&m_client);
    const QString what = tr("Listing the registered models");
    return collectPages<RegisteredModel>(
        "registered_models", what,
        [&](const QString &token) {
            QUrlQuery q;
            q.addQueryItem(QStringLiteral("max_results"), QString::number(m_pageSize));
            if (!token.isEmpty())
                q.addQueryItem(QStringLiteral("page_token"), token);
            return m_client.get(QStringLiteral("registered-models/search"), q);
        },
        [](const Json &item) { return MlflowJson::registeredModelFromJson(item); });
}

Result<QList<ModelVersion>> MlflowRestRegistry::listModelVersions(const QString &modelName)
{
    const QString what = tr("Listing the versions of model '%1'").arg(modelName);
    const QString filter = versionsFilter(modelName);
    if (filter.isEmpty())
        return makeError(tr("%1: a name with both kinds of quote cannot be searched for.").arg(what),
                         QStringLiteral("INVALID_PARAMETER_VALUE"));
    MlflowRestClient::CallScope scope(&m_client);
    Result<QList<ModelVersion>> versions = collectPages<ModelVersion>(
        "model_versions", what,
        [&](const QString &token) {
            QUrlQuery q;
            q.addQueryItem(QStringLiteral("filter"), filter);
            q.addQueryItem(QStringLiteral("max_results"), QString::number(m_pageSize));
            if (!token.isEmpty())
                q.addQueryItem(QStringLiteral("page_token"), token);
            return m_client.get(QStringLiteral("model-versions/search"), q);
        },
        [](const Json &item) { return MlflowJson::modelVersionFromJson(item); });
    if (!versions)
        return versions;
    // MLflow orders a search by last update; a model's list reads best by version number
    std::stable_sort(versions->begin(), versions->end(), [](const ModelVersion &a, const ModelVersion &b) {
        return a.version.toLongLong() < b.version.toLongLong();
    });
    return versions;
}

Result<RegisteredModel> MlflowRestRegistry::getRegisteredModel(const QString &name)
{
    QUrlQuery q;
    q.addQueryItem(QStringLiteral("name"), name);
    return modelFrom(m_client.get(QStringLiteral("registered-models/get"), q),
                     tr("Reading registered model '%1'").arg(name));
}

Result<RegisteredModel> MlflowRestRegistry::createRegisteredModel(const QString &name,
                                                                  const QString &description,
                                                                  const QList<Tag> &tags)
{
    Json body{{"name", toStd(name)}};
    if (!description.isEmpty())
        body["description"] = toStd(description);
    if (!tags.isEmpty())
        body["tags"] = tagsJson(tags);
    return modelFrom(m_client.post(QStringLiteral("registered-models/create"), body),
                     tr("Creating registered model '%1'").arg(name));
}

Result<ModelVersion> MlflowRestRegistry::createModelVersion(const QString &modelName, const QString &source,
                                                            const QString &runId, const QString &description,
                                                            const QList<Tag> &tags)
{
    Json body{{"name", toStd(modelName)}, {"source", toStd(source)}};
    if (!runId.isEmpty())
        body["run_id"] = toStd(runId);
    if (!description.isEmpty())
        body["description"] = toStd(description);
    if (!tags.isEmpty())
        body["tags"] = tagsJson(tags);
    return versionFrom(m_client.post(QStringLiteral("model-versions/create"), body),
                       tr("Registering a version of model '%1' from %2").arg(modelName, source));
}

Result<ModelVersion> MlflowRestRegistry::getModelVersion(const QString &modelName, const QString &version)
{
    QUrlQuery q;
    q.addQueryItem(QStringLiteral("name"), modelName);
    q.addQueryItem(QStringLiteral("version"), version);
    return versionFrom(m_client.get(QStringLiteral("model-versions/get"), q),
                       tr("Reading version %1 of model '%2'").arg(version, modelName));
}

Status MlflowRestRegistry::setModelAlias(const QString &modelName, const QString &alias,
                                         const QString &version)
{
    // Setting an alias is idempotent: re-sending after a lost answer does no harm.
    return statusFrom(
        m_client.post(QStringLiteral("registered-models/alias"),
                      Json{{"name", toStd(modelName)}, {"alias", toStd(alias)}, {"version", toStd(version)}},
                      true),
        tr("Setting alias '%1' of model '%2' to version %3").arg(alias, modelName, version));
}

Status MlflowRestRegistry::deleteModelAlias(const QString &modelName, const QString &alias)
{
    return statusFrom(m_client.del(QStringLiteral("registered-models/alias"),
                                   Json{{"name", toStd(modelName)}, {"alias", toStd(alias)}}),
                      tr("Removing alias '%1' of model '%2'").arg(alias, modelName));
}

Result<ModelVersion> MlflowRestRegistry::getModelVersionByAlias(const QString &modelName,
                                                                const QString &alias)
{
    QUrlQuery q;
    q.addQueryItem(QStringLiteral("name"), modelName);
    q.addQueryItem(QStringLiteral("alias"), alias);
    return versionFrom(m_client.get(QStringLiteral("registered-models/alias"), q),
                       tr("Reading alias '%1' of model '%2'").arg(alias, modelName));
}

Status MlflowRestRegistry::setRegisteredModelTag(const QString &modelName, const QString &key,
                                                 const QString &value)
{
    return statusFrom(
        m_client.post(QStringLiteral("registered-models/set-tag"),
                      Json{{"name", toStd(modelName)}, {"key", toStd(key)}, {"value", toStd(value)}}, true),
        tr("Setting tag '%1' of model '%2'").arg(key, modelName));
}

Status MlflowRestRegistry::setModelVersionTag(const QString &modelName, const QString &version,
                                              const QString &key, const QString &value)
{
    return statusFrom(m_client.post(QStringLiteral("model-versions/set-tag"),
                                    Json{{"name", toStd(modelName)},
                                         {"version", toStd(version)},
                                         {"key", toStd(key)},
                                         {"value", toStd(value)}},
                                    true),
                      tr("Setting tag '%1' of version %2 of model '%3'").arg(key, version, modelName));
}

} // namespace lab
