#include "compareview.h"

#include "chartpanel.h"
#include "charts/metricchart.h"
#include "charts/parallelcoordinates.h"
#include "metricfeed.h"
#include "runpalette.h"
#include "runstablemodel.h"

#include <QCheckBox>
#include <QComboBox>
#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QSet>
#include <QSplitter>
#include <QTableWidget>
#include <QTimer>
#include <QVBoxLayout>

#include <cmath>

namespace lab {

namespace {

QTableWidgetItem *cell(const QString &text, bool number = false)
{
    auto *item = new QTableWidgetItem(text);
    item->setToolTip(text);
    if (number)
        item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
    return item;
}

QTableWidget *makeTable(QWidget *parent, const QString &name)
{
    auto *t = new QTableWidget(parent);
    t->setObjectName(name);
    t->setEditTriggers(QAbstractItemView::NoEditTriggers);
    t->setSelectionBehavior(QAbstractItemView::SelectRows);
    t->verticalHeader()->hide();
    t->setWordWrap(false);
    t->horizontalHeader()->setStretchLastSection(true);
    return t;
}

} // namespace

CompareView::CompareView(MetricFeed *feed, QWidget *parent) : QWidget(parent), m_feed(feed)
{
    m_title = new QLabel(this);
    m_title->setObjectName(QStringLiteral("compareTitle"));
    m_metricLabel = new QLabel(this);
    m_metricCombo = new QComboBox(this);
    m_metricCombo->setObjectName(QStringLiteral("compareMetricCombo"));
    m_metricCombo->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_metricCombo->setMinimumContentsLength(14);
    m_metricLabel->setBuddy(m_metricCombo);
    m_diffOnly = new QCheckBox(this);
    m_diffOnly->setObjectName(QStringLiteral("differencesOnlyCheck"));
    m_diffOnly->setChecked(true);

    m_params = makeTable(this, QStringLiteral("compareParamsTable"));
    m_metrics = makeTable(this, QStringLiteral("compareMetricsTable"));
    m_metrics->setColumnCount(MetricColumnCount);
    m_metrics->horizontalHeader()->setStretchLastSection(false);
    m_chart = new MetricChart(this);
    m_chart->setObjectName(QStringLiteral("compareChart"));
    m_parallel = new ParallelCoordinates(this);
    m_parallel->setObjectName(QStringLiteral("parallelCoordinates"));

    auto *left = new QSplitter(Qt::Vertical, this);
    left->addWidget(m_params);
    left->addWidget(m_metrics);
    auto *right = new QSplitter(Qt::Vertical, this);
    right->addWidget(m_chart);
    right->addWidget(m_parallel);
    m_split = new QSplitter(Qt::Horizontal, this);
    m_split->setObjectName(QStringLiteral("compareSplitter"));
    m_split->addWidget(left);
    m_split->addWidget(right);
    m_split->setStretchFactor(0, 1);
    m_split->setStretchFactor(1, 1);
    // The parallel coordinates' size hint is tall: without sizes the chart above gets nothing.
    m_split->setSizes({520, 680});
    left->setSizes({300, 300});
    right->setSizes({300, 300});
    right->setChildrenCollapsible(false);

    auto *bar = new QHBoxLayout;
    bar->addWidget(m_title, 1);
    bar->addWidget(m_metricLabel);
    bar->addWidget(m_metricCombo);
    bar->addSpacing(12);
    bar->addWidget(m_diffOnly);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addLayout(bar);
    layout->addWidget(m_split, 1);

    m_metricsTimer = new QTimer(this);
    m_metricsTimer->setSingleShot(true);
    m_metricsTimer->setInterval(250);
    connect(m_metricsTimer, &QTimer::timeout, this, &CompareView::fillMetrics);
    connect(m_diffOnly, &QCheckBox::toggled, this, &CompareView::fillParams);
    connect(m_metricCombo, &QComboBox::currentIndexChanged, this, [this](int index) {
        if (m_updatingCombo || index < 0)
            return;
        m_metric = m_metricCombo->itemData(index).toString();
        showMetric();
    });
    if (m_feed)
        watchFeed(m_feed);
    retranslate();
}

CompareView::~CompareView()
{
    for (const Subscription &s : std::as_const(m_subscribed))
        if (s.feed)
            s.feed->unsubscribe(s.runId, s.key, m_active);
}

void CompareView::watchFeed(MetricFeed *feed)
{
    if (!feed || m_watchedFeeds.contains(feed))
        return;
    m_watchedFeeds.append(feed);
    if (feed == m_feed) {
        connect(feed, &MetricFeed::metricsAppended, m_chart, &MetricChart::applyIncrement);
    } else {
        // Another source's feed: its runs are known to the chart under their source-qualified key.
        connect(feed, &MetricFeed::metricsAppended, this, [this, feed](const MetricIncrement &increment) {
            for (int i = 0; i < m_entries.size(); ++i) {
                if (feedOf(i) != feed || m_entries[i].run.info.runId != increment.runId)
                    continue;
                MetricIncrement mapped = increment;
                mapped.runId = chartKey(i);
                m_chart->applyIncrement(mapped);
            }
        });
    }
    connect(feed, &MetricFeed::seriesChanged, this, [this, feed](const QString &runId) {
        for (int i = 0; i < m_entries.size(); ++i) {
            if (feedOf(i) == feed && m_entries[i].run.info.runId == runId) {
                if (!m_metricsTimer->isActive())
                    m_metricsTimer->start();
                return;
            }
        }
    });
}

MetricFeed *CompareView::feedOf(int entry) const
{
    MetricFeed *feed = m_entries[entry].feed;
    return feed ? feed : m_feed.data();
}

QString CompareView::chartKey(int entry) const
{
    const QString &id = m_entries[entry].run.info.runId;
    if (feedOf(entry) == m_feed)
        return id;
    return m_entries[entry].source + QLatin1Char('/') + id;
}

QString CompareView::runLabel(int entry) const
{
    const QString name = RunsTableModel::displayName(m_entries[entry].run);
    return m_entries[entry].source.isEmpty() ? name : tr("%1 (%2)").arg(name, m_entries[entry].source);
}

void CompareView::setRuns(const QList<Run> &runs)
{
    QList<Entry> entries;
    entries.reserve(runs.size());
    for (const Run &r : runs)
        entries.append({r, nullptr, QString()});
    setEntries(entries);
}

void CompareView::setEntries(const QList<Entry> &entries)
{
    m_entries = entries;
    m_runs.clear();
    for (const Entry &e : entries) {
        m_runs.append(e.run);
        watchFeed(e.feed);
    }
    QStringList keys;
    for (int i = 0; i < m_entries.size(); ++i)
        keys << chartKey(i);
    for (const QString &old : m_chart->runIds())
        if (!keys.contains(old))
            m_chart->removeRun(old);
    for (int i = 0; i < m_entries.size(); ++i)
        m_chart->addRun(keys[i], runLabel(i), RunPalette::color(i));
    retranslate(); // the title counts the runs
    fillParams();
    updateMetricCombo();
    resubscribe();
    fillMetrics();
}

QStringList CompareView::runIds() const
{
    QStringList ids;
    for (const Run &r : m_runs)
        ids << r.info.runId;
    return ids;
}

void CompareView::setDifferencesOnly(bool on)
{
    m_diffOnly->setChecked(on);
}

bool CompareView::differencesOnly() const
{
    return m_diffOnly->isChecked();
}

void CompareView::setMetric(const QString &key)
{
    m_metric = key;
    updateMetricCombo();
}

QStringList CompareView::visibleParams() const
{
    QStringList keys;
    for (int r = 0; r < m_params->rowCount(); ++r)
        if (!m_params->isRowHidden(r))
            keys << m_params->item(r, 0)->text();
    return keys;
}

QStringList CompareView::metricKeys() const
{
    QSet<QString> keys;
    for (const Run &r : m_runs)
        for (const MetricPoint &m : r.metrics)
            keys.insert(m.key);
    QStringList out;
    for (const QString &p : ChartPanel::preferredMetrics())
        if (keys.remove(p))
            out << p;
    QStringList rest(keys.begin(), keys.end());
    std::sort(rest.begin(), rest.end());
    return out + rest;
}

void CompareView::fillParams()
{
    QSet<QString> keySet;
    for (const Run &r : std::as_const(m_runs))
        for (const Param &p : r.params)
            keySet.insert(p.key);
    QStringList keys(keySet.begin(), keySet.end());
    std::sort(keys.begin(), keys.end());

    m_params->clear();
    m_params->setColumnCount(int(m_runs.size()) + 1);
    QStringList headers{tr("Parameter")};
    for (int i = 0; i < m_entries.size(); ++i)
        headers << runLabel(i);
    m_params->setHorizontalHeaderLabels(headers);
    for (int c = 0; c < m_runs.size(); ++c)
        m_params->horizontalHeaderItem(c + 1)->setForeground(RunPalette::color(c));
    m_params->setRowCount(int(keys.size()));
    QStringList differing;
    for (int row = 0; row < keys.size(); ++row) {
        const QString &key = keys[row];
        QSet<QString> values;
        bool missing = false;
        m_params->setItem(row, 0, cell(key));
        for (int c = 0; c < m_runs.size(); ++c) {
            const Run &r = m_runs[c];
            bool has = false;
            for (const Param &p : r.params)
                has = has || p.key == key;
            missing = missing || !has;
            const QString v = r.param(key);
            values.insert(v);
            m_params->setItem(row, c + 1, cell(has ? v : QStringLiteral("—")));
        }
        const bool differs = values.size() > 1 || missing;
        if (differs) {
            differing << key;
            for (int c = 0; c <= m_runs.size(); ++c) {
                QFont f = m_params->item(row, c)->font();
                f.setBold(true);
                m_params->item(row, c)->setFont(f);
                m_params->item(row, c)->setBackground(QColor(0xff, 0xf4, 0xd6));
            }
        }
        m_params->setRowHidden(row, m_diffOnly->isChecked() && !differs);
    }
    m_params->resizeColumnsToContents();

    // Parallel coordinates: the parameters that tell the runs apart (all of them when none do).
    const QStringList axes = (differing.isEmpty() ? keys : differing).mid(0, 8);
    m_parallel->setRuns(m_runs);
    m_parallel->setParameters(axes);
}

void CompareView::fillMetrics()
{
    const QStringList keys = metricKeys();
    m_metrics->setRowCount(0);
    m_metrics->setHorizontalHeaderLabels({tr("Metric"), tr("Run"), tr("Min"), tr("Max"), tr("Last")});
    int row = 0;
    for (const QString &key : keys) {
        for (int c = 0; c < m_runs.size(); ++c) {
            const Run &r = m_runs[c];
            const MetricPoint *last = r.metric(key);
            if (!last)
                continue;
            m_metrics->insertRow(row);
            m_metrics->setItem(row, MetricKeyColumn, cell(key));
            auto *run = cell(runLabel(c));
            run->setForeground(RunPalette::color(c));
            m_metrics->setItem(row, MetricRunColumn, run);
            QString minText = QStringLiteral("…"), maxText = QStringLiteral("…");
            MetricFeed *feed = feedOf(c);
            const MetricSeries *s = feed ? feed->series(r.info.runId, key) : nullptr;
            if (s && !s->isEmpty()) {
                double lo = NAN, hi = NAN;
                s->minMax(0, s->size(), &lo, &hi);
                minText = RunsTableModel::formatValue(lo);
                maxText = RunsTableModel::formatValue(hi);
            }
            m_metrics->setItem(row, MinColumn, cell(minText, true));
            m_metrics->setItem(row, MaxColumn, cell(maxText, true));
            m_metrics->setItem(row, LastColumn, cell(RunsTableModel::formatValue(last->value), true));
            ++row;
        }
    }
    m_metrics->resizeColumnsToContents();
}

void CompareView::updateMetricCombo()
{
    const QStringList keys = metricKeys();
    QString shown = m_metric;
    if (!keys.contains(shown))
        shown = keys.isEmpty() ? m_metric : keys.constFirst();
    QStringList items = keys;
    if (!shown.isEmpty() && !items.contains(shown))
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
    if (shown != m_shownMetric) {
        m_shownMetric = shown;
        m_chart->setMetricKey(shown);
        for (const QString &id : m_chart->runIds())
            m_chart->resetRun(id);
        resubscribe();
        // Pairs already watched (for the table) replay their points into the reset chart.
        for (int i = 0; i < m_entries.size(); ++i)
            if (MetricFeed *feed = feedOf(i))
                feed->replay(m_entries[i].run.info.runId, shown);
    }
    m_parallel->setMetric(shown);
    for (int i = 0; i < m_entries.size(); ++i) {
        const Run &r = m_entries[i].run;
        m_chart->setRunMissing(chartKey(i), isTerminal(r.info.status) && !r.metric(shown));
    }
}

void CompareView::showMetric()
{
    updateMetricCombo();
}

void CompareView::resubscribe()
{
    // Every metric of every compared run: the table's min and max need their histories.
    QList<Subscription> wanted;
    for (int i = 0; i < m_entries.size(); ++i) {
        const Run &r = m_entries[i].run;
        MetricFeed *feed = feedOf(i);
        if (!feed)
            continue;
        QStringList keys;
        for (const MetricPoint &m : r.metrics)
            keys << m.key;
        if (!m_shownMetric.isEmpty() && !keys.contains(m_shownMetric))
            keys << m_shownMetric;
        for (const QString &k : std::as_const(keys))
            wanted.append({feed, r.info.runId, k});
    }
    for (const Subscription &s : std::as_const(m_subscribed))
        if (s.feed && !wanted.contains(s))
            s.feed->unsubscribe(s.runId, s.key, m_active);
    for (const Subscription &s : std::as_const(wanted))
        if (!m_subscribed.contains(s))
            s.feed->subscribe(s.runId, s.key, m_active);
    m_subscribed = wanted;
}

// Hidden (another tab in front): the histories still load once, but running runs are not polled
// for this view; shown again, they catch up at once (MetricFeed::setActive).
void CompareView::setFeedActive(bool active)
{
    if (m_active == active)
        return;
    m_active = active;
    for (const Subscription &s : std::as_const(m_subscribed))
        if (s.feed)
            s.feed->setActive(s.runId, s.key, active);
}

void CompareView::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    setFeedActive(true);
}

void CompareView::hideEvent(QHideEvent *event)
{
    QWidget::hideEvent(event);
    setFeedActive(false);
}

void CompareView::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange) {
        retranslate();
        fillParams();
        fillMetrics();
    }
    QWidget::changeEvent(event);
}

void CompareView::retranslate()
{
    m_title->setText(m_runs.size() < 2 ? tr("Select two or more runs in the table to compare them.")
                                       : tr("Comparing %n run(s)", nullptr, int(m_runs.size())));
    m_metricLabel->setText(tr("&Metric:"));
    m_diffOnly->setText(tr("&Differences only"));
    m_diffOnly->setToolTip(tr("Hide the parameters that have the same value in every run"));
}

} // namespace lab
