#include "metricfeed.h"

#include <algorithm>
#include <memory>

namespace lab {

MetricFeed::MetricFeed(TrackingService *service, QObject *parent) : QObject(parent), m_service(service)
{
    if (service)
        connect(service, &TrackingService::metricsAppended, this, &MetricFeed::onIncrement);
}

void MetricFeed::subscribe(const QString &runId, const QString &key, bool active)
{
    Entry &e = m_entries[keyOf(runId, key)];
    if (active)
        ++e.activeRefs;
    if (e.refs++ == 0) {
        if (m_service) {
            m_service->watch(runId, key);
            if (!active)
                m_service->setWatchActive(runId, key, false);
        }
        return;
    }
    if (active && e.activeRefs == 1 && m_service)
        m_service->setWatchActive(runId, key, true);
    // A second view of the same curve: hand it what the first has seen.
    replay(runId, key);
}

void MetricFeed::setActive(const QString &runId, const QString &key, bool active)
{
    const auto it = m_entries.find(keyOf(runId, key));
    if (it == m_entries.end())
        return;
    const bool wasActive = it->activeRefs > 0;
    it->activeRefs = std::clamp(it->activeRefs + (active ? 1 : -1), 0, it->refs);
    const bool isNowActive = it->activeRefs > 0;
    if (wasActive != isNowActive && m_service)
        m_service->setWatchActive(runId, key, isNowActive);
}

bool MetricFeed::isActive(const QString &runId, const QString &key) const
{
    const auto it = m_entries.constFind(keyOf(runId, key));
    return it != m_entries.constEnd() && it->activeRefs > 0;
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
    inc.sampled = it->sampled;
    // A copy of what is held now: the feed may append to its own series later.
    inc.points = it->own ? std::make_shared<const MetricSeries>(*it->own) : it->points;
    Q_EMIT metricsAppended(inc);
}

void MetricFeed::unsubscribe(const QString &runId, const QString &key, bool active)
{
    const auto it = m_entries.find(keyOf(runId, key));
    if (it == m_entries.end())
        return;
    const bool wasActive = it->activeRefs > 0;
    if (active && it->activeRefs > 0)
        --it->activeRefs;
    if (--it->refs > 0) {
        if (wasActive && it->activeRefs == 0 && m_service)
            m_service->setWatchActive(runId, key, false);
        return;
    }
    m_entries.erase(it);
    if (m_service)
        m_service->unwatch(runId, key);
}

const MetricSeries *MetricFeed::series(const QString &runId, const QString &key) const
{
    const auto it = m_entries.constFind(keyOf(runId, key));
    if (it == m_entries.constEnd() || !it->loaded)
        return nullptr;
    static const MetricSeries empty;
    return it->points ? it->points.get() : &empty;
}

bool MetricFeed::isSampled(const QString &runId, const QString &key) const
{
    const auto it = m_entries.constFind(keyOf(runId, key));
    return it != m_entries.constEnd() && it->sampled;
}

void MetricFeed::onIncrement(const MetricIncrement &increment)
{
    const auto it = m_entries.find(keyOf(increment.runId, increment.key));
    if (it == m_entries.end())
        return; // unwatched meanwhile: a late answer
    const bool hasPoints = increment.points && !increment.points->isEmpty();
    if (increment.reset) {
        it->own.reset();
        it->points = increment.points;
        it->sampled = increment.sampled;
    } else if (hasPoints) {
        if (!it->own) {
            it->own =
                it->points ? std::make_shared<MetricSeries>(*it->points) : std::make_shared<MetricSeries>();
            it->points = it->own;
        }
        it->own->append(increment.points->steps(), increment.points->timestamps(),
                        increment.points->values());
    }
    it->loaded = true;
    Q_EMIT metricsAppended(increment);
    Q_EMIT seriesChanged(increment.runId, increment.key);
}

} // namespace lab
