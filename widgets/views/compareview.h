#pragma once

#include "core/types.h"
#include "metricfeed.h"

#include <QPair>
#include <QPointer>
#include <QWidget>

class QCheckBox;
class QComboBox;
class QLabel;
class QSplitter;
class QTableWidget;
class QTimer;

namespace lab {

class MetricChart;
class MetricFeed;
class ParallelCoordinates;

// Several runs side by side: their parameters (with a "differences only" switch), the min, max
// and last value of each metric, the chosen metric overlaid in one chart, and parallel
// coordinates of the parameters that differ against the chosen metric. Runs may come from
// several sources at once (the tracking store and opened bundles): each entry names the metric
// feed of its own source, and the same run id from two sources is two runs here.
class CompareView : public QWidget
{
    Q_OBJECT
public:
    explicit CompareView(MetricFeed *feed, QWidget *parent = nullptr);
    ~CompareView() override;

    struct Entry
    {
        Run run;
        MetricFeed *feed = nullptr; // nullptr: the view's own feed
        QString source;             // shown after the run's name; empty for the main store
    };

    // Called on selection changes and on every refresh of the runs (all from the view's feed).
    void setRuns(const QList<Run> &runs);
    void setEntries(const QList<Entry> &entries);
    const QList<Entry> &entries() const { return m_entries; }
    // The key a run has in the overlay chart: its id for the view's own feed, else
    // "<source>/<id>".
    QString chartKey(int entry) const;
    QStringList runIds() const;

    void setDifferencesOnly(bool on);
    bool differencesOnly() const;
    void setMetric(const QString &key);
    QString metric() const { return m_metric; }

    QTableWidget *paramsTable() const { return m_params; }
    QTableWidget *metricsTable() const { return m_metrics; }
    MetricChart *overlayChart() const { return m_chart; }
    ParallelCoordinates *parallelCoordinates() const { return m_parallel; }
    QSplitter *splitter() const { return m_split; }
    // Parameter keys whose row is shown now.
    QStringList visibleParams() const;
    // Whether the view is shown, so that its running runs are polled (hidden: not polled).
    bool isFeedActive() const { return m_active; }

    enum MetricColumn {
        MetricKeyColumn,
        MetricRunColumn,
        MinColumn,
        MaxColumn,
        LastColumn,
        MetricColumnCount
    };

protected:
    void changeEvent(QEvent *event) override;
    void showEvent(QShowEvent *event) override;
    void hideEvent(QHideEvent *event) override;

private:
    void setFeedActive(bool active);
    void retranslate();
    void fillParams();
    void fillMetrics();
    void updateMetricCombo();
    void showMetric();
    void resubscribe();
    QStringList metricKeys() const;
    MetricFeed *feedOf(int entry) const;
    QString runLabel(int entry) const;
    void watchFeed(MetricFeed *feed);

    QPointer<MetricFeed> m_feed;
    QLabel *m_title = nullptr;
    QLabel *m_metricLabel = nullptr;
    QComboBox *m_metricCombo = nullptr;
    QCheckBox *m_diffOnly = nullptr;
    QTableWidget *m_params = nullptr;
    QTableWidget *m_metrics = nullptr;
    MetricChart *m_chart = nullptr;
    ParallelCoordinates *m_parallel = nullptr;
    QSplitter *m_split = nullptr;
    QTimer *m_metricsTimer = nullptr;

    QList<Run> m_runs; // the runs of m_entries, in order
    QList<Entry> m_entries;
    QList<QPointer<MetricFeed>> m_watchedFeeds;
    QString m_metric;
    QString m_shownMetric;
    struct Subscription
    {
        QPointer<MetricFeed> feed;
        QString runId;
        QString key;
        bool operator==(const Subscription &o) const
        {
            return feed == o.feed && runId == o.runId && key == o.key;
        }
    };
    QList<Subscription> m_subscribed;
    bool m_active = false; // shown: the subscriptions are active
    bool m_updatingCombo = false;
};

} // namespace lab
