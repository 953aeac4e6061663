#pragma once

#include "series/metricseries.h"
#include "tracking/trackingservice.h"

#include <QHash>
#include <QObject>
#include <QPointer>

#include <memory>

namespace lab {

// Shares the TrackingService's live metric watches between the views that show curves (the
// chart tab and the compare tab may show the same run and key). Each (run, key) is watched once
// and counted; the feed keeps the points it has seen so that a view that subscribes later gets
// the whole history at once (as a reset increment) and the compare table can read min/max/last.
//
// Subscribers say whether they are shown: a pair is polled for new points while at least one of
// its subscribers is active, and keeps its points (without polls) while all are hidden.
// The history arrives first as a sample (increment.sampled, a server's first paint), then again
// in full with reset set; isSampled() tells which one the feed holds.
class MetricFeed : public QObject
{
    Q_OBJECT
public:
    explicit MetricFeed(TrackingService *service, QObject *parent = nullptr);

    // `active`: whether this subscriber shows the curve now (see setActive). unsubscribe takes
    // the subscriber's state at that moment, so the counts stay right.
    void subscribe(const QString &runId, const QString &key, bool active = true);
    void unsubscribe(const QString &runId, const QString &key, bool active = true);
    // One subscriber was hidden (false) or shown again (true).
    void setActive(const QString &runId, const QString &key, bool active);
    bool isActive(const QString &runId, const QString &key) const;
    // Sends what the feed holds for a watched pair again, as a reset increment (a view that
    // dropped its copy, e.g. after switching metrics, gets it back without a re-read).
    void replay(const QString &runId, const QString &key);
    // The points seen so far, or nullptr before the first read.
    const MetricSeries *series(const QString &runId, const QString &key) const;
    // True while the feed holds only a sample of the history (the full one is on its way).
    bool isSampled(const QString &runId, const QString &key) const;
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
        int activeRefs = 0;
        bool loaded = false;
        bool sampled = false;
        // A reset increment's points are held as they came (no copy of a 100k-point history);
        // the first append after it copies them into `own`, which `points` then shows.
        std::shared_ptr<const MetricSeries> points;
        std::shared_ptr<MetricSeries> own;
    };
    QPointer<TrackingService> m_service;
    QHash<QString, Entry> m_entries;
};

} // namespace lab
