#pragma once

#include "series/metricseries.h"
#include "tracking/trackingservice.h"

#include <QHash>
#include <QObject>
#include <QPointer>

namespace lab {

// Shares the TrackingService's live metric watches between the views that show curves (the
// chart tab and the compare tab may show the same run and key). Each (run, key) is watched once
// and counted; the feed keeps the points it has seen so that a view that subscribes later gets
// the whole history at once (as a reset increment) and the compare table can read min/max/last.
class MetricFeed : public QObject
{
    Q_OBJECT
public:
    explicit MetricFeed(TrackingService *service, QObject *parent = nullptr);

    void subscribe(const QString &runId, const QString &key);
    void unsubscribe(const QString &runId, const QString &key);
    // Sends what the feed holds for a watched pair again, as a reset increment (a view that
    // dropped its copy, e.g. after switching metrics, gets it back without a re-read).
    void replay(const QString &runId, const QString &key);
    // The points seen so far, or nullptr before the first read.
    const MetricSeries *series(const QString &runId, const QString &key) const;
    int subscriptionCount() const { return int(m_entries.size()); }

Q_SIGNALS:
    // Every increment of a watched pair, plus a reset with the full history for late subscribers.
    void metricsAppended(const lab::MetricIncrement &increment);
    // Fired after the series of (runId, key) changed (min/max/last consumers re-read it).
    void seriesChanged(const QString &runId, const QString &key);

private:
    void onIncrement(const MetricIncrement &increment);
    static QString keyOf(const QString &runId, const QString &key) { return runId + QChar(0x1f) + key; }

    struct Entry
    {
        int refs = 0;
        bool loaded = false;
        MetricSeries series;
    };
    QPointer<TrackingService> m_service;
    QHash<QString, Entry> m_entries;
};

} // namespace lab
