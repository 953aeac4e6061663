#pragma once

#include "core/types.h"

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
// coordinates of the parameters that differ against the chosen metric.
class CompareView : public QWidget
{
    Q_OBJECT
public:
    explicit CompareView(MetricFeed *feed, QWidget *parent = nullptr);
    ~CompareView() override;

    // Called on selection changes and on every refresh of the runs.
    void setRuns(const QList<Run> &runs);
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

private:
    void retranslate();
    void fillParams();
    void fillMetrics();
    void updateMetricCombo();
    void showMetric();
    void resubscribe();
    QStringList metricKeys() const;

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

    QList<Run> m_runs;
    QString m_metric;
    QString m_shownMetric;
    QList<QPair<QString, QString>> m_subscribed;
    bool m_updatingCombo = false;
};

} // namespace lab
