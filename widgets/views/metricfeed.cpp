#include "metricfeed.h"

#include <memory>

namespace lab {

MetricFeed::MetricFeed(TrackingService *service, QObject *parent) : QObject(parent), m_service(service)
{
    if (service)
        connect(service, &TrackingService::metricsAppended, this, &MetricFeed::onIncrement);
}

void MetricFeed::subscribe(const QString &runId, const QString &key)
{
    Entry &e = m_entries[keyOf(runId, key)];
    if (e.refs++ == 0) {
        if (m_service)
            m_service->watch(runId, key);
        return;
    }
    // A second view of the same curve: hand it what the first has seen.
    replay(runId, key);
}

void MetricFeed::replay(const QString &runId, const QString &key)
{
    const auto it = m_entries.constFind(keyOf(runId, key));
    if (it == m_entries.constEnd() || !it->loaded)
        return;
    MetricIncrement inc;
    inc.runId = runId;
    inc.key = key;
    inc.reset = true;
    inc.points = std::make_shared<const MetricSeries>(it->series);
    Q_EMIT metricsAppended(inc);
}

void MetricFeed::unsubscribe(const QString &runId, const QString &key)
{
    const auto it = m_entries.find(keyOf(runId, key));
    if (it == m_entries.end())
        return;
    if (--it->refs > 0)
        return;
    m_entries.erase(it);
    if (m_service)
        m_service->unwatch(runId, key);
}

const MetricSeries *MetricFeed::series(const QString &runId, const QString &key) const
{
    const auto it = m_entries.constFind(keyOf(runId, key));
    return it == m_entries.constEnd() || !it->loaded ? nullptr : &it->series;
}

void MetricFeed::onIncrement(const MetricIncrement &increment)
{
    const auto it = m_entries.find(keyOf(increment.runId, increment.key));
    if (it == m_entries.end())
        return; // unwatched meanwhile: a late answer
    if (increment.reset)
        it->series.clear();
    if (increment.points && !increment.points->isEmpty())
        it->series.append(increment.points->steps(), increment.points->timestamps(),
                          increment.points->values());
    it->loaded = true;
    Q_EMIT metricsAppended(increment);
    Q_EMIT seriesChanged(increment.runId, increment.key);
}

} // namespace lab
