#include "chartpanel.h"

#include "metricfeed.h"
#include "runpalette.h"
#include "runstablemodel.h"

#include <QCheckBox>
#include <QComboBox>
#include <QEvent>
#include <QHBoxLayout>
#include <QHideEvent>
#include <QLabel>
#include <QSet>
#include <QSettings>
#include <QShowEvent>
#include <QSlider>
#include <QToolButton>
#include <QVBoxLayout>

namespace lab {

ChartPanel::ChartPanel(MetricFeed *feed, QWidget *parent) : QWidget(parent), m_feed(feed)
{
    m_chart = new MetricChart(this);
    m_chart->setObjectName(QStringLiteral("metricChart"));
    m_metricLabel = new QLabel(this);
    m_metricCombo = new QComboBox(this);
    m_metricCombo->setObjectName(QStringLiteral("metricCombo"));
    m_metricCombo->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_metricCombo->setMinimumContentsLength(14);
    m_metricLabel->setBuddy(m_metricCombo);
    m_smoothingLabel = new QLabel(this);
    m_smoothing = new QSlider(Qt::Horizontal, this);
    m_smoothing->setObjectName(QStringLiteral("smoothingSlider"));
    m_smoothing->setRange(0, 99);
    m_smoothing->setFixedWidth(120);
    m_smoothingLabel->setBuddy(m_smoothing);
    m_smoothingValue = new QLabel(QStringLiteral("0.00"), this);
    m_smoothingValue->setMinimumWidth(
        m_smoothingValue->fontMetrics().horizontalAdvance(QStringLiteral("0.00 ")));
    m_xAxisLabel = new QLabel(this);
    m_xAxis = new QComboBox(this);
    m_xAxis->setObjectName(QStringLiteral("xAxisCombo"));
    m_xAxis->addItem(QString(), int(MetricChart::XAxisMode::Step));
    m_xAxis->addItem(QString(), int(MetricChart::XAxisMode::WallTime));
    m_xAxis->addItem(QString(), int(MetricChart::XAxisMode::RelativeTime));
    m_xAxisLabel->setBuddy(m_xAxis);
    m_logY = new QCheckBox(this);
    m_logY->setObjectName(QStringLiteral("logYCheck"));
    m_resetZoom = new QToolButton(this);
    m_resetZoom->setObjectName(QStringLiteral("resetZoomButton"));
    m_resetZoom->setToolButtonStyle(Qt::ToolButtonTextOnly);

    auto *bar = new QHBoxLayout;
    bar->setContentsMargins(0, 0, 0, 0);
    bar->addWidget(m_metricLabel);
    bar->addWidget(m_metricCombo);
    bar->addSpacing(12);
    bar->addWidget(m_smoothingLabel);
    bar->addWidget(m_smoothing);
    bar->addWidget(m_smoothingValue);
    bar->addSpacing(12);
    bar->addWidget(m_xAxisLabel);
    bar->addWidget(m_xAxis);
    bar->addSpacing(12);
    bar->addWidget(m_logY);
    bar->addStretch(1);
    bar->addWidget(m_resetZoom);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addLayout(bar);
    layout->addWidget(m_chart, 1);

    connect(m_metricCombo, &QComboBox::currentIndexChanged, this, [this](int index) {
        if (m_updatingCombo || index < 0)
            return;
        m_metric = m_metricCombo->itemData(index).toString();
        showMetric(m_metric);
    });
    connect(m_smoothing, &QSlider::valueChanged, this, [this](int v) {
        m_chart->setSmoothing(v / 100.0);
        m_smoothingValue->setText(QString::number(v / 100.0, 'f', 2));
    });
    connect(m_xAxis, &QComboBox::currentIndexChanged, this, [this](int index) {
        m_chart->setXAxisMode(MetricChart::XAxisMode(m_xAxis->itemData(index).toInt()));
    });
    connect(m_logY, &QCheckBox::toggled, m_chart, &MetricChart::setLogY);
    connect(m_resetZoom, &QToolButton::clicked, m_chart, &MetricChart::resetZoom);
    if (m_feed)
        connect(m_feed, &MetricFeed::metricsAppended, m_chart, &MetricChart::applyIncrement);

    m_metric = preferredMetrics().constFirst();
    retranslate();
}

ChartPanel::~ChartPanel()
{
    if (m_feed)
        for (const auto &[run, key] : std::as_const(m_subscribed))
            m_feed->unsubscribe(run, key, m_active);
}

QStringList ChartPanel::preferredMetrics()
{
    return {QStringLiteral("val_accuracy"), QStringLiteral("val_loss"), QStringLiteral("train_loss"),
            QStringLiteral("loss"), QStringLiteral("accuracy")};
}

void ChartPanel::setRuns(const QList<Run> &runs)
{
    QStringList ids;
    for (const Run &r : runs)
        ids << r.info.runId;
    for (const QString &old : m_chart->runIds())
        if (!ids.contains(old))
            m_chart->removeRun(old);
    m_runs = runs;
    m_runIds = ids;
    for (int i = 0; i < runs.size(); ++i)
        m_chart->addRun(ids[i], RunsTableModel::displayName(runs[i]), RunPalette::color(i));
    updateMetricCombo();
}

void ChartPanel::setMetric(const QString &key)
{
    if (key.isEmpty())
        return;
    m_metric = key;
    updateMetricCombo();
}

QStringList ChartPanel::availableMetrics() const
{
    QSet<QString> keys;
    for (const Run &r : m_runs)
        for (const MetricPoint &m : r.metrics)
            keys.insert(m.key);
    QStringList out;
    for (const QString &p : preferredMetrics())
        if (keys.remove(p))
            out << p;
    QStringList rest(keys.begin(), keys.end());
    // MLflow's system metrics after the model's own.
    std::sort(rest.begin(), rest.end(), [](const QString &a, const QString &b) {
        const bool sa = a.startsWith(QLatin1String("system/"));
        const bool sb = b.startsWith(QLatin1String("system/"));
        return sa != sb ? sb : a < b;
    });
    return out + rest;
}

void ChartPanel::updateMetricCombo()
{
    const QStringList keys = availableMetrics();
    QString shown = m_metric;
    if (!keys.isEmpty() && !keys.contains(shown))
        shown = keys.constFirst();
    QStringList items = keys;
    if (!items.contains(shown))
        items.prepend(shown);

    QStringList current;
    for (int i = 0; i < m_metricCombo->count(); ++i)
        current << m_metricCombo->itemData(i).toString();
    m_updatingCombo = true;
    if (current != items) {
        m_metricCombo->clear();
        for (const QString &k : items)
            m_metricCombo->addItem(k, k);
    }
    m_metricCombo->setCurrentIndex(int(items.indexOf(shown)));
    m_updatingCombo = false;
    showMetric(shown);
}

void ChartPanel::showMetric(const QString &key)
{
    if (key != m_shownMetric) {
        m_shownMetric = key;
        m_chart->setMetricKey(key);
        for (const QString &id : m_chart->runIds())
            m_chart->resetRun(id);
        resubscribe();
        // Pairs another view already watches come back from the feed's copy.
        if (m_feed)
            for (const QString &id : m_chart->runIds())
                m_feed->replay(id, key);
    } else {
        resubscribe();
    }
    for (const Run &r : std::as_const(m_runs))
        m_chart->setRunMissing(r.info.runId, isTerminal(r.info.status) && !r.metric(key));
}

void ChartPanel::resubscribe()
{
    QList<QPair<QString, QString>> wanted;
    for (const QString &id : std::as_const(m_runIds))
        wanted.append({id, m_shownMetric});
    if (!m_feed) {
        m_subscribed = wanted;
        return;
    }
    for (const auto &pair : std::as_const(m_subscribed))
        if (!wanted.contains(pair))
            m_feed->unsubscribe(pair.first, pair.second, m_active);
    for (const auto &pair : std::as_const(wanted))
        if (!m_subscribed.contains(pair))
            m_feed->subscribe(pair.first, pair.second, m_active);
    m_subscribed = wanted;
}

void ChartPanel::setFeedActive(bool active)
{
    if (m_active == active)
        return;
    m_active = active;
    if (m_feed)
        for (const auto &[run, key] : std::as_const(m_subscribed))
            m_feed->setActive(run, key, active);
}

void ChartPanel::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    setFeedActive(true);
}

void ChartPanel::hideEvent(QHideEvent *event)
{
    QWidget::hideEvent(event);
    setFeedActive(false);
}

void ChartPanel::saveSettings(QSettings &settings) const
{
    settings.setValue(QStringLiteral("chart/metric"), m_metric);
    settings.setValue(QStringLiteral("chart/smoothing"), m_smoothing->value());
    settings.setValue(QStringLiteral("chart/xAxis"), m_xAxis->currentData().toInt());
    settings.setValue(QStringLiteral("chart/logY"), m_logY->isChecked());
}

void ChartPanel::restoreSettings(const QSettings &settings)
{
    const QString metric = settings.value(QStringLiteral("chart/metric")).toString();
    if (!metric.isEmpty())
        setMetric(metric);
    m_smoothing->setValue(settings.value(QStringLiteral("chart/smoothing"), 0).toInt());
    const int x = m_xAxis->findData(settings.value(QStringLiteral("chart/xAxis"), 0).toInt());
    m_xAxis->setCurrentIndex(std::max(0, x));
    m_logY->setChecked(settings.value(QStringLiteral("chart/logY"), false).toBool());
}

void ChartPanel::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

void ChartPanel::retranslate()
{
    m_metricLabel->setText(tr("&Metric:"));
    m_smoothingLabel->setText(tr("&Smoothing:"));
    m_smoothing->setToolTip(tr("Exponential moving average weight, as in TensorBoard (0 = raw values)"));
    m_xAxisLabel->setText(tr("&X axis:"));
    m_xAxis->setItemText(0, tr("Step"));
    m_xAxis->setItemText(1, tr("Wall time"));
    m_xAxis->setItemText(2, tr("Relative time"));
    m_logY->setText(tr("&Log scale"));
    m_resetZoom->setText(tr("Reset &zoom"));
    m_resetZoom->setToolTip(
        tr("Show all the data again and follow new points (double-click the chart does the same)"));
}

} // namespace lab
