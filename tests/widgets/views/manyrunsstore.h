#pragma once

// A TrackingStore holding many runs in memory (tens of thousands), answering searchRuns with
// MLflow's filter, order_by, max_results and page tokens, and recording every search and getRun
// it is asked, so tests and benches can tell what travelled. Used by tst_runstablemodel and
// bench/app/bench_runstable.

#include "core/types.h"
#include "tracking/runorder.h"
#include "tracking/searchfilter.h"
#include "tracking/trackingstore.h"

#include <QMutex>
#include <QMutexLocker>

#include <algorithm>

namespace labtest {

class ManyRunsStore : public lab::TrackingStore
{
public:
    struct Search
    {
        QString filter;
        QStringList orderBy;
        int maxResults = 0;
        QString pageToken;
    };

    // Run i: id "run-00042", name "r42", val_accuracy (i % 1000) / 1000, lr one of four values;
    // every `runningEvery`-th run is RUNNING. Start times fall with i, so MLflow's default order
    // (start_time DESC) lists run 0 first.
    explicit ManyRunsStore(int count, int runningEvery = 1000)
    {
        static const char *const lrs[] = {"0.1", "0.01", "0.001", "0.0001"};
        m_runs.reserve(count);
        for (int i = 0; i < count; ++i) {
            lab::Run r;
            r.info.runId = QStringLiteral("run-%1").arg(i, 5, 10, QLatin1Char('0'));
            r.info.experimentId = QStringLiteral("1");
            r.info.runName = QStringLiteral("r%1").arg(i);
            r.info.userId = QStringLiteral("ana");
            r.info.startTime = 1700000000000 - qint64(i) * 1000;
            r.info.status = i % runningEvery == 0 ? lab::RunStatus::Running : lab::RunStatus::Finished;
            r.info.endTime = lab::isTerminal(r.info.status) ? r.info.startTime + 60000 : 0;
            r.metrics = {{QStringLiteral("val_accuracy"), (i % 1000) / 1000.0, r.info.startTime, 10},
                         {QStringLiteral("val_loss"), 1.0 - (i % 1000) / 1000.0, r.info.startTime, 10}};
            r.params = {{QStringLiteral("lr"), QString::fromLatin1(lrs[i % 4])},
                        {QStringLiteral("epochs"), QStringLiteral("20")}};
            m_runs.append(r);
        }
    }

    QList<Search> searches() const
    {
        QMutexLocker lock(&m_mutex);
        return m_searches;
    }
    QStringList getRuns() const
    {
        QMutexLocker lock(&m_mutex);
        return m_getRuns;
    }
    void clearLog()
    {
        QMutexLocker lock(&m_mutex);
        m_searches.clear();
        m_getRuns.clear();
    }
    // Changes a run as a server would see it change (the test thread; the worker reads).
    void update(int i, const std::function<void(lab::Run &)> &change)
    {
        QMutexLocker lock(&m_mutex);
        change(m_runs[i]);
        m_sortedKey.clear();
    }

    QString uri() const override { return QStringLiteral("memory://many-runs"); }

    lab::Result<QList<lab::Experiment>> listExperiments(lab::ViewType) override
    {
        lab::Experiment e;
        e.id = QStringLiteral("1");
        e.name = QStringLiteral("many");
        return QList<lab::Experiment>{e};
    }
    lab::Result<lab::Experiment> getExperiment(const QString &) override
    {
        return listExperiments({})->first();
    }
    lab::Result<std::optional<lab::Experiment>> getExperimentByName(const QString &) override
    {
        return std::optional<lab::Experiment>(listExperiments({})->first());
    }
    lab::Result<QString> createExperiment(const QString &, const QString &) override { return readOnly(); }

    lab::Result<lab::RunPage> searchRuns(const lab::RunSearch &search) override
    {
        QMutexLocker lock(&m_mutex);
        m_searches.append({search.filter, search.orderBy, search.maxResults, search.pageToken});
        const QString key = search.filter + QChar(0x1f) + search.orderBy.join(QChar(0x1e));
        if (key != m_sortedKey) {
            auto filter = lab::SearchFilter::parse(search.filter);
            if (!filter)
                return filter.error();
            auto order = lab::RunOrder::parse(search.orderBy);
            if (!order)
                return order.error();
            m_sorted.clear();
            for (const lab::Run &r : std::as_const(m_runs))
                if (filter->matches(r))
                    m_sorted.append(r);
            order->sort(m_sorted);
            m_sortedKey = key;
        }
        const int offset = search.pageToken.isEmpty() ? 0 : search.pageToken.toInt();
        lab::RunPage page;
        // Fresh copies, as a store that parsed them from a response would hand out: nothing
        // shared with what the store keeps, so what a receiver holds is its own.
        const int end = std::min<int>(int(m_sorted.size()), offset + std::max(0, search.maxResults));
        page.runs.reserve(std::max(0, end - offset));
        for (int i = offset; i < end; ++i)
            page.runs.append(deepCopy(m_sorted[i]));
        if (offset + search.maxResults < m_sorted.size())
            page.nextPageToken = QString::number(offset + search.maxResults);
        return page;
    }
    lab::Result<lab::Run> getRun(const QString &runId) override
    {
        QMutexLocker lock(&m_mutex);
        m_getRuns.append(runId);
        const int i = runId.mid(4).toInt();
        if (!runId.startsWith(QLatin1String("run-")) || i < 0 || i >= m_runs.size())
            return lab::Error{QStringLiteral("No run %1").arg(runId),
                              QStringLiteral("RESOURCE_DOES_NOT_EXIST")};
        return m_runs[i];
    }
    lab::Result<lab::Run> createRun(const QString &, const QString &, qint64, const QList<lab::Tag> &,
                                    const QString &) override
    {
        return readOnly();
    }
    lab::Status updateRun(const QString &, lab::RunStatus, qint64, const QString &) override
    {
        return readOnly();
    }
    lab::Status setTag(const QString &, const QString &, const QString &) override { return readOnly(); }
    lab::Status deleteTag(const QString &, const QString &) override { return readOnly(); }
    lab::Status logBatch(const QString &, const QList<lab::MetricPoint> &, const QList<lab::Param> &,
                         const QList<lab::Tag> &) override
    {
        return readOnly();
    }
    lab::Status deleteRun(const QString &) override { return readOnly(); }
    lab::Status restoreRun(const QString &) override { return readOnly(); }
    lab::Result<QList<lab::MetricPoint>> getMetricHistory(const QString &, const QString &) override
    {
        return QList<lab::MetricPoint>{};
    }
    lab::Status readMetricIncrement(const QString &, const QString &, lab::MetricCursor *,
                                    lab::MetricSeries *) override
    {
        return {};
    }
    lab::Result<QStringList> metricKeys(const QString &) override
    {
        return QStringList{QStringLiteral("val_accuracy"), QStringLiteral("val_loss")};
    }
    lab::Result<QList<lab::ArtifactInfo>> listArtifacts(const QString &, const QString &) override
    {
        return QList<lab::ArtifactInfo>{};
    }
    QString localArtifactPath(const QString &, const QString &) override { return {}; }
    lab::Result<QByteArray> readArtifact(const QString &, const QString &, qint64) override
    {
        return readOnly();
    }
    lab::Status writeArtifact(const QString &, const QString &, const QByteArray &) override
    {
        return readOnly();
    }
    lab::Result<QList<lab::RegisteredModel>> listRegisteredModels() override
    {
        return QList<lab::RegisteredModel>{};
    }
    lab::Result<QList<lab::ModelVersion>> listModelVersions(const QString &) override
    {
        return QList<lab::ModelVersion>{};
    }

    static QString fresh(const QString &s) { return QString(s.constData(), s.size()); }
    static lab::Run deepCopy(const lab::Run &r)
    {
        lab::Run c;
        c.info = r.info;
        c.info.runId = fresh(r.info.runId);
        c.info.experimentId = fresh(r.info.experimentId);
        c.info.runName = fresh(r.info.runName);
        c.info.userId = fresh(r.info.userId);
        c.info.artifactUri = fresh(r.info.artifactUri);
        for (const lab::MetricPoint &m : r.metrics)
            c.metrics.append({fresh(m.key), m.value, m.timestamp, m.step});
        for (const lab::Param &p : r.params)
            c.params.append({fresh(p.key), fresh(p.value)});
        for (const lab::Tag &t : r.tags)
            c.tags.append({fresh(t.key), fresh(t.value)});
        return c;
    }

private:
    static lab::Error readOnly()
    {
        return {QStringLiteral("read-only test store"), QStringLiteral("NOT_SUPPORTED")};
    }

    mutable QMutex m_mutex;
    QList<lab::Run> m_runs;
    QList<lab::Run> m_sorted;
    QString m_sortedKey;
    QList<Search> m_searches;
    QStringList m_getRuns;
};

} // namespace labtest
