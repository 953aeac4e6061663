#pragma once

#include "core/types.h"
#include "tracking/trackingstore.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QUuid>

#include <memory>

namespace labtest {

// A minimal in-memory TrackingStore for the runner's tests: the state is shared between
// instances (like two file stores on one folder); artifacts live on disk under `artifactRoot`
// so the runner has a real log file. Filters are refused, so the runner's fallback is exercised.
struct MemoryStoreData
{
    QString artifactRoot;
    QList<lab::Experiment> experiments;
    QList<lab::Run> runs;
    int nextExperiment = 1;
    bool localArtifacts = true;       // false: behave like a remote store (no local artifact folder)
    QHash<QString, QByteArray> uploaded; // "<run id>/<path>" -> data, when !localArtifacts
};

class MemoryTrackingStore : public lab::TrackingStore
{
public:
    explicit MemoryTrackingStore(std::shared_ptr<MemoryStoreData> data) : m_d(std::move(data)) {}

    QString uri() const override { return QStringLiteral("memory:"); }

    lab::Result<QList<lab::Experiment>> listExperiments(lab::ViewType) override { return m_d->experiments; }
    lab::Result<lab::Experiment> getExperiment(const QString &id) override
    {
        for (const auto &e : m_d->experiments)
            if (e.id == id)
                return e;
        return lab::makeError(QStringLiteral("no experiment"), QStringLiteral("RESOURCE_DOES_NOT_EXIST"));
    }
    lab::Result<std::optional<lab::Experiment>> getExperimentByName(const QString &name) override
    {
        for (const auto &e : m_d->experiments)
            if (e.name == name)
                return std::optional<lab::Experiment>(e);
        return std::optional<lab::Experiment>();
    }
    lab::Result<QString> createExperiment(const QString &name, const QString &) override
    {
        lab::Experiment e;
        e.id = QString::number(m_d->nextExperiment++);
        e.name = name;
        m_d->experiments.append(e);
        return e.id;
    }

    lab::Result<lab::RunPage> searchRuns(const lab::RunSearch &search) override
    {
        if (!search.filter.isEmpty())
            return lab::makeError(QStringLiteral("filters are not supported here"), QStringLiteral("INVALID_PARAMETER_VALUE"));
        lab::RunPage page;
        for (const auto &r : m_d->runs)
            if (search.experimentIds.isEmpty() || search.experimentIds.contains(r.info.experimentId))
                page.runs.append(r);
        return page;
    }
    lab::Result<lab::Run> getRun(const QString &runId) override
    {
        if (lab::Run *r = find(runId))
            return *r;
        return missing(runId);
    }
    lab::Result<lab::Run> createRun(const QString &experimentId, const QString &runName, qint64 startTimeMs,
                                    const QList<lab::Tag> &tags, const QString &userId) override
    {
        lab::Run r;
        r.info.runId = QUuid::createUuid().toString(QUuid::Id128);
        r.info.experimentId = experimentId;
        r.info.runName = runName.isEmpty() ? QStringLiteral("run-") + r.info.runId.left(6) : runName;
        r.info.userId = userId;
        r.info.status = lab::RunStatus::Running;
        r.info.startTime = startTimeMs;
        r.info.artifactUri = m_d->artifactRoot + QLatin1Char('/') + r.info.runId + QStringLiteral("/artifacts");
        r.tags = tags;
        r.tags.append({lab::tags::RunName, r.info.runName});
        m_d->runs.append(r);
        return r;
    }
    lab::Status updateRun(const QString &runId, lab::RunStatus status, qint64 endTimeMs, const QString &runName) override
    {
        lab::Run *r = find(runId);
        if (!r)
            return missing(runId);
        r->info.status = status;
        if (endTimeMs)
            r->info.endTime = endTimeMs;
        if (!runName.isEmpty())
            r->info.runName = runName;
        return {};
    }
    lab::Status setTag(const QString &runId, const QString &key, const QString &value) override
    {
        lab::Run *r = find(runId);
        if (!r)
            return missing(runId);
        for (auto &t : r->tags) {
            if (t.key == key) {
                t.value = value;
                return {};
            }
        }
        r->tags.append({key, value});
        return {};
    }
    lab::Status deleteTag(const QString &runId, const QString &key) override
    {
        lab::Run *r = find(runId);
        if (!r)
            return missing(runId);
        r->tags.removeIf([&](const lab::Tag &t) { return t.key == key; });
        return {};
    }
    lab::Status logBatch(const QString &runId, const QList<lab::MetricPoint> &metrics, const QList<lab::Param> &params,
                         const QList<lab::Tag> &tags) override
    {
        lab::Run *r = find(runId);
        if (!r)
            return missing(runId);
        r->metrics += metrics;
        for (const auto &p : params) {
            const QString existing = r->param(p.key, QStringLiteral("\x01"));
            if (existing == QStringLiteral("\x01"))
                r->params.append(p);
            else if (existing != p.value)
                return lab::makeError(QStringLiteral("param changed"), QStringLiteral("INVALID_PARAMETER_VALUE"));
        }
        for (const auto &t : tags)
            setTag(runId, t.key, t.value);
        return {};
    }
    lab::Status deleteRun(const QString &runId) override
    {
        lab::Run *r = find(runId);
        if (!r)
            return missing(runId);
        r->info.lifecycleStage = lab::LifecycleStage::Deleted;
        return {};
    }
    lab::Status restoreRun(const QString &runId) override
    {
        lab::Run *r = find(runId);
        if (!r)
            return missing(runId);
        r->info.lifecycleStage = lab::LifecycleStage::Active;
        return {};
    }

    lab::Result<QList<lab::MetricPoint>> getMetricHistory(const QString &, const QString &) override
    {
        return QList<lab::MetricPoint>();
    }
    lab::Status readMetricIncrement(const QString &, const QString &, lab::MetricCursor *, lab::MetricSeries *) override
    {
        return {};
    }
    lab::Result<QStringList> metricKeys(const QString &) override { return QStringList(); }

    lab::Result<QList<lab::ArtifactInfo>> listArtifacts(const QString &, const QString &) override
    {
        return QList<lab::ArtifactInfo>();
    }
    QString localArtifactPath(const QString &runId, const QString &path) override
    {
        if (!m_d->localArtifacts)
            return {};
        return m_d->artifactRoot + QLatin1Char('/') + runId + QStringLiteral("/artifacts/") + path;
    }
    lab::Result<QByteArray> readArtifact(const QString &runId, const QString &path, qint64) override
    {
        QFile f(localArtifactPath(runId, path));
        if (!f.open(QIODevice::ReadOnly))
            return lab::makeError(f.errorString());
        return f.readAll();
    }
    lab::Status writeArtifact(const QString &runId, const QString &path, const QByteArray &data) override
    {
        if (!m_d->localArtifacts) {
            m_d->uploaded.insert(runId + QLatin1Char('/') + path, data);
            return {};
        }
        const QString p = localArtifactPath(runId, path);
        QDir().mkpath(QFileInfo(p).absolutePath());
        QFile f(p);
        if (!f.open(QIODevice::WriteOnly) || f.write(data) != data.size())
            return lab::makeError(f.errorString());
        return {};
    }

    lab::Result<QList<lab::RegisteredModel>> listRegisteredModels() override { return QList<lab::RegisteredModel>(); }
    lab::Result<QList<lab::ModelVersion>> listModelVersions(const QString &) override
    {
        return QList<lab::ModelVersion>();
    }

private:
    lab::Run *find(const QString &runId)
    {
        for (auto &r : m_d->runs)
            if (r.info.runId == runId)
                return &r;
        return nullptr;
    }
    static lab::Error missing(const QString &runId)
    {
        return lab::makeError(QStringLiteral("Run '%1' not found").arg(runId), QStringLiteral("RESOURCE_DOES_NOT_EXIST"));
    }

    std::shared_ptr<MemoryStoreData> m_d;
};

} // namespace labtest
