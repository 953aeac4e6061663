#pragma once

// An in-process TrackingStore for the bundle and offline-cache tests: everything in memory, the
// file store's incremental contract (the cursor counts points read), and a switch that makes
// every call fail with a given error code, as the REST store does when the server cannot be
// reached (CONNECTION_REFUSED) or answers something else (TLS_UNTRUSTED, 401...).

#include "series/metricseries.h"
#include "tracking/trackingstore.h"

#include <QMap>
#include <QPair>

namespace labtest {

class MemoryTrackingStore : public lab::TrackingStore
{
public:
    explicit MemoryTrackingStore(QString uri = QStringLiteral("https://mlflow.example:5000"))
        : m_uri(std::move(uri))
    {
    }

    // Every following call fails with this code (empty: calls work again).
    void failWith(const QString &code, int httpStatus = 0)
    {
        m_failCode = code;
        m_failStatus = httpStatus;
    }
    int calls = 0;

    QList<lab::Experiment> experiments;
    QMap<QString, lab::Run> runs;
    QMap<QPair<QString, QString>, QList<lab::MetricPoint>> histories;
    QMap<QPair<QString, QString>, QByteArray> artifacts;
    QList<lab::RegisteredModel> models;
    QMap<QString, QList<lab::ModelVersion>> versions;

    lab::Run &addRun(const QString &experimentId, const QString &runId, const QString &name)
    {
        lab::Run r;
        r.info.runId = runId;
        r.info.experimentId = experimentId;
        r.info.runName = name;
        r.info.userId = QStringLiteral("ann");
        r.info.startTime = 1700000000000 + runs.size();
        r.info.status = lab::RunStatus::Running;
        r.info.artifactUri = QStringLiteral("mlflow-artifacts:/%1/%2/artifacts").arg(experimentId, runId);
        r.tags << lab::Tag{lab::tags::RunName, name};
        return runs[runId] = r;
    }
    void addPoints(const QString &runId, const QString &key, const QList<lab::MetricPoint> &points)
    {
        auto &h = histories[{runId, key}];
        h << points;
        lab::Run &r = runs[runId];
        r.metrics.removeIf([&](const lab::MetricPoint &m) { return m.key == key; });
        if (!h.isEmpty())
            r.metrics << h.last();
    }

    QString uri() const override { return m_uri; }

    lab::Result<QList<lab::Experiment>> listExperiments(lab::ViewType) override
    {
        if (auto e = failure())
            return *e;
        return experiments;
    }
    lab::Result<lab::Experiment> getExperiment(const QString &id) override
    {
        if (auto e = failure())
            return *e;
        for (const lab::Experiment &x : std::as_const(experiments))
            if (x.id == id)
                return x;
        return notFound(QStringLiteral("No experiment %1").arg(id));
    }
    lab::Result<std::optional<lab::Experiment>> getExperimentByName(const QString &name) override
    {
        if (auto e = failure())
            return *e;
        for (const lab::Experiment &x : std::as_const(experiments))
            if (x.name == name)
                return std::optional<lab::Experiment>(x);
        return std::optional<lab::Experiment>();
    }
    lab::Result<QString> createExperiment(const QString &name, const QString &) override
    {
        if (auto e = failure())
            return *e;
        lab::Experiment x;
        x.id = QString::number(experiments.size() + 100);
        x.name = name;
        experiments << x;
        return x.id;
    }
    lab::Result<lab::RunPage> searchRuns(const lab::RunSearch &search) override
    {
        if (auto e = failure())
            return *e;
        lab::RunPage page;
        const int start = search.pageToken.toInt();
        int i = 0;
        for (const lab::Run &r : std::as_const(runs)) {
            if (!search.experimentIds.isEmpty() && !search.experimentIds.contains(r.info.experimentId))
                continue;
            if (i >= start && page.runs.size() < search.maxResults)
                page.runs << r;
            ++i;
        }
        if (start + page.runs.size() < i)
            page.nextPageToken = QString::number(start + page.runs.size());
        return page;
    }
    lab::Result<lab::Run> getRun(const QString &runId) override
    {
        if (auto e = failure())
            return *e;
        if (!runs.contains(runId))
            return notFound(QStringLiteral("No run %1").arg(runId));
        return runs[runId];
    }
    lab::Result<lab::Run> createRun(const QString &experimentId, const QString &runName, qint64 startTimeMs,
                                    const QList<lab::Tag> &tags, const QString &userId) override
    {
        if (auto e = failure())
            return *e;
        lab::Run &r = addRun(experimentId, QStringLiteral("r%1").arg(runs.size() + 1000), runName);
        r.info.startTime = startTimeMs;
        r.info.userId = userId;
        r.tags = tags;
        return r;
    }
    lab::Status updateRun(const QString &runId, lab::RunStatus status, qint64 endTimeMs,
                          const QString &) override
    {
        if (auto e = failure())
            return *e;
        runs[runId].info.status = status;
        runs[runId].info.endTime = endTimeMs;
        return {};
    }
    lab::Status setTag(const QString &runId, const QString &key, const QString &value) override
    {
        if (auto e = failure())
            return *e;
        runs[runId].tags << lab::Tag{key, value};
        return {};
    }
    lab::Status deleteTag(const QString &, const QString &) override { return failureStatus(); }
    lab::Status logBatch(const QString &runId, const QList<lab::MetricPoint> &metrics,
                         const QList<lab::Param> &params, const QList<lab::Tag> &tags) override
    {
        if (auto e = failure())
            return *e;
        for (const lab::MetricPoint &m : metrics)
            addPoints(runId, m.key, {m});
        runs[runId].params << params;
        runs[runId].tags << tags;
        return {};
    }
    lab::Status deleteRun(const QString &) override { return failureStatus(); }
    lab::Status restoreRun(const QString &) override { return failureStatus(); }

    lab::Result<QList<lab::MetricPoint>> getMetricHistory(const QString &runId, const QString &key) override
    {
        if (auto e = failure())
            return *e;
        return histories.value({runId, key});
    }
    lab::Status readMetricIncrement(const QString &runId, const QString &key, lab::MetricCursor *cursor,
                                    lab::MetricSeries *series) override
    {
        if (auto e = failure())
            return *e;
        Q_ASSERT(cursor->position >= 0);
        const QList<lab::MetricPoint> h = histories.value({runId, key});
        cursor->reset = cursor->position > h.size();
        for (qsizetype i = cursor->reset ? 0 : cursor->position; i < h.size(); ++i)
            series->append(h[i].step, h[i].timestamp, h[i].value);
        cursor->position = h.size();
        return {};
    }
    lab::Result<QStringList> metricKeys(const QString &runId) override
    {
        if (auto e = failure())
            return *e;
        QStringList keys;
        for (auto it = histories.begin(); it != histories.end(); ++it)
            if (it.key().first == runId)
                keys << it.key().second;
        return keys;
    }
    lab::Result<QList<lab::ArtifactInfo>> listArtifacts(const QString &runId, const QString &path) override
    {
        if (auto e = failure())
            return *e;
        QList<lab::ArtifactInfo> out;
        const QString prefix = path.isEmpty() ? QString() : path + QLatin1Char('/');
        for (auto it = artifacts.begin(); it != artifacts.end(); ++it) {
            if (it.key().first != runId || !it.key().second.startsWith(prefix))
                continue;
            const QString rest = it.key().second.mid(prefix.size());
            if (rest.contains(QLatin1Char('/'))) {
                const lab::ArtifactInfo dir{prefix + rest.section(QLatin1Char('/'), 0, 0), true, 0};
                if (!std::any_of(out.begin(), out.end(),
                                 [&](const lab::ArtifactInfo &a) { return a.path == dir.path; }))
                    out << dir;
            } else {
                out << lab::ArtifactInfo{it.key().second, false, it.value().size()};
            }
        }
        return out;
    }
    QString localArtifactPath(const QString &, const QString &) override { return {}; }
    lab::Result<QByteArray> readArtifact(const QString &runId, const QString &path, qint64 maxBytes) override
    {
        if (auto e = failure())
            return *e;
        if (!artifacts.contains({runId, path}))
            return notFound(QStringLiteral("No artifact %1").arg(path));
        const QByteArray data = artifacts.value({runId, path});
        return maxBytes < 0 ? data : data.left(maxBytes);
    }
    lab::Status writeArtifact(const QString &runId, const QString &path, const QByteArray &data) override
    {
        if (auto e = failure())
            return *e;
        artifacts[{runId, path}] = data;
        return {};
    }
    lab::Result<QList<lab::RegisteredModel>> listRegisteredModels() override
    {
        if (auto e = failure())
            return *e;
        return models;
    }
    lab::Result<QList<lab::ModelVersion>> listModelVersions(const QString &name) override
    {
        if (auto e = failure())
            return *e;
        return versions.value(name);
    }

    lab::Result<lab::ModelVersion> getModelVersionByAlias(const QString &name, const QString &alias) override
    {
        if (auto e = failure())
            return *e;
        for (const lab::ModelVersion &v : versions.value(name))
            if (v.aliases.contains(alias))
                return v;
        return notFound(QStringLiteral("No alias %1").arg(alias));
    }

private:
    std::optional<lab::Error> failure()
    {
        ++calls;
        if (m_failCode.isEmpty())
            return std::nullopt;
        lab::Error e =
            lab::makeError(QStringLiteral("Cannot reach %1: %2").arg(m_uri, m_failCode), m_failCode);
        e.httpStatus = m_failStatus;
        return e;
    }
    lab::Status failureStatus()
    {
        if (auto e = failure())
            return *e;
        return {};
    }
    static lab::Error notFound(const QString &message)
    {
        return lab::makeError(message, QStringLiteral("RESOURCE_DOES_NOT_EXIST"));
    }

    QString m_uri;
    QString m_failCode;
    int m_failStatus = 0;
};

} // namespace labtest
