#pragma once

#include "charts/metricchart.h"
#include "core/types.h"

#include <QPointer>
#include <QWidget>

class QCheckBox;
class QComboBox;
class QLabel;
class QSlider;
class QToolButton;
class QSettings;

namespace lab {

class MetricFeed;

// The chart tab: the live MetricChart of the selected runs with its controls (metric picker,
// smoothing, x-axis mode, log y, reset zoom). Keeps the feed subscribed to exactly the
// (run, metric) pairs it shows, and marks them inactive while the panel is hidden (another tab,
// a minimised window), so nobody polls for curves no one sees; shown again, they catch up.
class ChartPanel : public QWidget
{
    Q_OBJECT
public:
    explicit ChartPanel(MetricFeed *feed, QWidget *parent = nullptr);
    ~ChartPanel() override;

    // The runs to overlay (selection order = colour order). Called again on every refresh.
    void setRuns(const QList<Run> &runs);
    QStringList runIds() const { return m_runIds; }
    // The metric to show when the runs log it (kept across selections).
    void setMetric(const QString &key);
    QString metric() const { return m_metric; }
    QStringList availableMetrics() const;

    MetricChart *chart() const { return m_chart; }
    QComboBox *metricCombo() const { return m_metricCombo; }
    QSlider *smoothingSlider() const { return m_smoothing; }
    QComboBox *xAxisCombo() const { return m_xAxis; }
    QCheckBox *logYCheck() const { return m_logY; }

    // Whether the panel counts as shown for the feed (follows show and hide events).
    bool isFeedActive() const { return m_active; }

    void saveSettings(QSettings &settings) const;
    void restoreSettings(const QSettings &settings);

    // The metric picked by default: what a student of the trainer looks at first.
    static QStringList preferredMetrics();

protected:
    void changeEvent(QEvent *event) override;
    void showEvent(QShowEvent *event) override;
    void hideEvent(QHideEvent *event) override;

private:
    void setFeedActive(bool active);
    void retranslate();
    void updateMetricCombo();
    void showMetric(const QString &key);
    void resubscribe();

    QPointer<MetricFeed> m_feed;
    MetricChart *m_chart = nullptr;
    QLabel *m_metricLabel = nullptr;
    QComboBox *m_metricCombo = nullptr;
    QLabel *m_smoothingLabel = nullptr;
    QSlider *m_smoothing = nullptr;
    QLabel *m_smoothingValue = nullptr;
    QLabel *m_xAxisLabel = nullptr;
    QComboBox *m_xAxis = nullptr;
    QCheckBox *m_logY = nullptr;
    QToolButton *m_resetZoom = nullptr;

    QList<Run> m_runs;
    QStringList m_runIds;
    QString m_metric;      // wanted by the user
    QString m_shownMetric; // what the chart shows now
    QList<QPair<QString, QString>> m_subscribed;
    bool m_updatingCombo = false;
    bool m_active = false; // shown: the subscriptions are active
};

} // namespace lab
