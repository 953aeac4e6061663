#pragma once

#include "core/result.h"
#include "core/types.h"

#include <QList>
#include <QString>

namespace lab {

class MlflowRestClient;

// MLflow's model registry over REST (model_registry.proto, as mlflow/store/model_registry/
// rest_store.py calls it): registered models, model versions, aliases and tags. The methods mirror
// TrackingStore's registry calls so that MlflowRestStore can forward to them.
//
// Endpoints (under api/2.0/mlflow/):
//   GET    registered-models/search   (paged)        GET    model-versions/search (paged)
//   GET    registered-models/get                     GET    model-versions/get
//   POST   registered-models/create                  POST   model-versions/create
//   POST   registered-models/alias                   DELETE registered-models/alias
//   GET    registered-models/alias   (version by alias)
//   POST   registered-models/set-tag                 POST   model-versions/set-tag
// Errors keep MLflow's error_code and HTTP status; the message says in words what failed (no such
// model, a name taken, a reserved alias) with the server's own message as detail.
//
// Blocking, like the client underneath: call it on the thread that owns the client.
class MlflowRestRegistry
{
public:
    explicit MlflowRestRegistry(MlflowRestClient &client);

    // All registered models (every page), with their aliases and tags.
    Result<QList<RegisteredModel>> listRegisteredModels();
    // All versions of one model (every page), oldest version first.
    Result<QList<ModelVersion>> listModelVersions(const QString &modelName);

    Result<RegisteredModel> getRegisteredModel(const QString &name);
    Result<RegisteredModel> createRegisteredModel(const QString &name, const QString &description = {},
                                                  const QList<Tag> &tags = {});
    // source: "runs:/<run>/model" (or an artifact URI); runId links the version to its run.
    Result<ModelVersion> createModelVersion(const QString &modelName, const QString &source,
                                            const QString &runId, const QString &description = {},
                                            const QList<Tag> &tags = {});
    Result<ModelVersion> getModelVersion(const QString &modelName, const QString &version);
    Status setModelAlias(const QString &modelName, const QString &alias, const QString &version);
    Status deleteModelAlias(const QString &modelName, const QString &alias);
    Result<ModelVersion> getModelVersionByAlias(const QString &modelName, const QString &alias);
    Status setRegisteredModelTag(const QString &modelName, const QString &key, const QString &value);
    Status setModelVersionTag(const QString &modelName, const QString &version, const QString &key,
                              const QString &value);

    // Page size of the searches (MLflow caps registered-models/search at 1000). For tests.
    void setPageSize(int pageSize) { m_pageSize = pageSize; }
    int pageSize() const { return m_pageSize; }

    // The search filter for the versions of one model: name='...' (or name="..." when the name
    // holds a single quote), as MLflow's filter grammar reads it.
    static QString versionsFilter(const QString &modelName);

private:
    MlflowRestClient &m_client;
    int m_pageSize = 1000;
};

} // namespace lab
