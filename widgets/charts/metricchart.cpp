#include "charts/metricchart.h"

#include "charts/metriccurveitem.h"
#include "series/decimationcache.h"
#include "series/emasmoother.h"
#include "tracking/trackingservice.h"

#include <QChart>
#include <QChartView>
#include <QDateTime>
#include <QDateTimeAxis>
#include <QGraphicsLayout>
#include <QLegend>
#include <QLegendMarker>
#include <QLineSeries>
#include <QLogValueAxis>
#include <QMouseEvent>
#include <QRubberBand>
#include <QThread>
#include <QThreadPool>
#include <QTimer>
#include <QToolTip>
#include <QValueAxis>
#include <QWheelEvent>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <limits>

namespace lab {

namespace {

constexpr double Nan = std::numeric_limits<double>::quiet_NaN();
// Far enough outside the plot area that clipping hides the difference, small enough that the
// rasteriser never sees coordinates it cannot represent after a deep zoom.
constexpr double PixelClamp = 1e6;
constexpr int UpdateIntervalMs = 16; // <= 60 repaints per second
constexpr double HoverRadiusPx = 24;

double niceStep(double span, int ticks)
{
    if (!(span > 0) || !std::isfinite(span))
        return 1;
    const double raw = span / std::max(1, ticks);
    const double mag = std::pow(10.0, std::floor(std::log10(raw)));
    const double f = raw / mag;
    const double nice = f < 1.5 ? 1 : f < 3 ? 2 : f < 7 ? 5 : 10;
    return nice * mag;
}

bool isDrawable(double y, bool logY)
{
    return std::isfinite(y) && (!logY || y > 0);
}

struct PixelMap
{
    double left, bottom, xMin, sx, yMin, sy;
    bool logY;
};

// Maps a decimated series to pixel polylines, one per unbroken piece. Where several points fall
// into one pixel column (the decimator's M4 keeps up to four), they become one vertical stroke
// from the column's lowest to its highest point, entered from the end nearer to the previous
// point. With a 1-px pen this lights the same column span as the M4 points do, with half the
// vertices and shorter connecting segments: painting, not decimation, is what a frame of 100
// runs pays for (DESIGN.md, "Measured facts").
void toPixelPolylines(const DecimatedSeries &d, const PixelMap &m, QList<QPolygonF> &out)
{
    QPolygonF piece;
    piece.reserve(qsizetype(std::min<std::size_t>(d.size(), 8192)));
    double column = std::numeric_limits<double>::quiet_NaN();
    int count = 0;
    double firstX = 0, firstY = 0, lo = 0, hi = 0;
    auto flush = [&] {
        if (count == 1) {
            piece.append(QPointF(firstX, firstY));
        } else if (count > 1) {
            const double x = column + 0.5;
            if (lo == hi) {
                piece.append(QPointF(x, lo));
            } else if (!piece.isEmpty() &&
                       std::abs(piece.last().y() - hi) < std::abs(piece.last().y() - lo)) {
                piece.append(QPointF(x, hi));
                piece.append(QPointF(x, lo));
            } else {
                piece.append(QPointF(x, lo));
                piece.append(QPointF(x, hi));
            }
        }
        count = 0;
    };
    for (std::size_t i = 0; i < d.size(); ++i) {
        const double y = d.y[i];
        if (!isDrawable(y, m.logY)) {
            flush();
            column = std::numeric_limits<double>::quiet_NaN();
            if (!piece.isEmpty())
                out.append(std::exchange(piece, QPolygonF()));
            continue;
        }
        const double px = std::clamp(m.left + (d.x[i] - m.xMin) * m.sx, -PixelClamp, PixelClamp);
        const double py =
            std::clamp(m.bottom - ((m.logY ? std::log10(y) : y) - m.yMin) * m.sy, -PixelClamp, PixelClamp);
        const double c = std::floor(px);
        if (c != column) {
            flush();
            column = c;
        }
        if (count == 0) {
            firstX = px;
            firstY = lo = hi = py;
        } else {
            lo = std::min(lo, py);
            hi = std::max(hi, py);
        }
        ++count;
    }
    flush();
    if (!piece.isEmpty())
        out.append(std::move(piece));
}

// The same strokes from per-column extents (Decimator::decimateColumns()): a column with one
// point keeps it where it is, a column with several becomes the vertical stroke from its lowest
// to its highest point at the column's centre, entered from the end nearer to the previous point.
void columnsToPixelPolylines(const ColumnExtents &c, const PixelMap &m, double columnWidthPx,
                             QList<QPolygonF> &out)
{
    const auto px = [&](double x) { return std::clamp(m.left + (x - m.xMin) * m.sx, -PixelClamp, PixelClamp); };
    const auto py = [&](double y) {
        return std::clamp(m.bottom - ((m.logY ? std::log10(y) : y) - m.yMin) * m.sy, -PixelClamp, PixelClamp);
    };
    QPolygonF piece(qsizetype(c.lo.size()) * 2 + 2);
    QPointF *w = piece.data();
    QPointF *const begin = w;
    if (!std::isnan(c.leftX) && isDrawable(c.leftY, m.logY))
        *w++ = QPointF(px(c.leftX), py(c.leftY));
    const double *lo = c.lo.data(), *hi = c.hi.data(), *single = c.singleX.data();
    const std::size_t cols = c.lo.size();
    for (std::size_t k = 0; k < cols; ++k) {
        if (std::isnan(lo[k]))
            continue;
        if (!std::isnan(single[k])) {
            *w++ = QPointF(px(single[k]), py(lo[k]));
            continue;
        }
        const double x = m.left + (double(k) + 0.5) * columnWidthPx;
        const double a = py(lo[k]), b = py(hi[k]);
        if (a == b) {
            *w++ = QPointF(x, a);
        } else if (w != begin && std::abs(w[-1].y() - b) < std::abs(w[-1].y() - a)) {
            *w++ = QPointF(x, b);
            *w++ = QPointF(x, a);
        } else {
            *w++ = QPointF(x, a);
            *w++ = QPointF(x, b);
        }
    }
    if (!std::isnan(c.rightX) && isDrawable(c.rightY, m.logY))
        *w++ = QPointF(px(c.rightX), py(c.rightY));
    piece.resize(w - begin);
    if (!piece.isEmpty())
        out.append(std::move(piece));
}

} // namespace

struct MetricChart::RunData
{
    QString id;
    QString label;
    QColor color;
    bool visible = true;
    bool missing = false;
    MetricSeries raw;
    // The debiased EMA (same steps and timestamps), brought up to date at each update while
    // smoothing is on; only new points are smoothed.
    EmaSmoother smoother;
    DecimationCache rawCache;
    DecimationCache smoothCache;
    // Bounds of what has been appended (finite values only), updated incrementally.
    qint64 stepMin = 0, stepMax = 0, tsMin = 0, tsMax = 0;
    double yMin = Nan, yMax = Nan, yMinPositive = Nan;
    QLineSeries *legendSeries = nullptr; // no points: it only gives the run a legend entry
    QList<QPolygonF> rawPieces;
    QList<QPolygonF> smoothPieces;
    bool rawAntialiased = false;
    bool smoothAntialiased = false;
};

MetricChart::MetricChart(QWidget *parent) : QWidget(parent)
{
    m_chart = new QChart;
    m_chart->legend()->setAlignment(Qt::AlignBottom);
    m_chart->legend()->setShowToolTips(true);
    m_chart->setMargins(QMargins(4, 4, 8, 4));
    m_chart->layout()->setContentsMargins(0, 0, 0, 0);
    m_chart->setBackgroundRoundness(0);

    m_view = new QChartView(m_chart, this);
    m_view->setRenderHint(QPainter::Antialiasing, true);
    m_view->setRubberBand(QChartView::NoRubberBand);
    m_view->setMouseTracking(true);
    m_view->viewport()->setMouseTracking(true);
    m_view->viewport()->installEventFilter(this);
    m_view->setFrameShape(QFrame::NoFrame);

    m_item = new MetricCurveItem(m_chart);
    m_item->setZValue(10);

    m_rubberBand = new QRubberBand(QRubberBand::Rectangle, m_view->viewport());

    m_pool = new QThreadPool(this);
    m_pool->setMaxThreadCount(std::max(0, QThread::idealThreadCount() - 1));

    m_item->setThreadPool(m_pool);

    m_updateTimer = new QTimer(this);
    m_updateTimer->setSingleShot(true);
    m_updateTimer->setInterval(UpdateIntervalMs);
    connect(m_updateTimer, &QTimer::timeout, this, &MetricChart::rebuild);
    connect(m_chart, &QChart::plotAreaChanged, this, [this](const QRectF &area) {
        if (area != m_plotArea)
            scheduleUpdate();
    });

    rebuildAxes();
    scheduleUpdate();
}

MetricChart::~MetricChart() = default;

void MetricChart::setMetricKey(const QString &key)
{
    m_metricKey = key;
    rebuildAxes();
    scheduleUpdate();
}

QString MetricChart::metricKey() const
{
    return m_metricKey;
}

MetricChart::RunData *MetricChart::run(const QString &runId) const
{
    for (const auto &r : m_runs)
        if (r->id == runId)
            return r.get();
    return nullptr;
}

void MetricChart::addRun(const QString &runId, const QString &label, const QColor &color)
{
    if (RunData *existing = run(runId)) {
        existing->color = color;
        setRunLabel(runId, label);
        return;
    }
    auto r = std::make_unique<RunData>();
    r->id = runId;
    r->label = label.isEmpty() ? runId : label;
    r->color = color;
    r->smoother.setWeight(m_smoothing);
    r->legendSeries = new QLineSeries(m_chart);
    m_chart->addSeries(r->legendSeries);
    for (QAbstractAxis *axis : m_chart->axes())
        r->legendSeries->attachAxis(axis);
    RunData *raw = r.get();
    m_runs.push_back(std::move(r));
    for (QLegendMarker *marker : m_chart->legend()->markers(raw->legendSeries)) {
        connect(marker, &QLegendMarker::clicked, this,
                [this, runId] { setRunVisible(runId, !isRunVisible(runId)); });
    }
    updateLegendMarker(*raw);
    scheduleUpdate();
}

void MetricChart::removeRun(const QString &runId)
{
    auto it = std::find_if(m_runs.begin(), m_runs.end(), [&](const auto &r) { return r->id == runId; });
    if (it == m_runs.end())
        return;
    m_chart->removeSeries((*it)->legendSeries);
    delete (*it)->legendSeries;
    m_runs.erase(it);
    scheduleUpdate();
}

void MetricChart::clearRuns()
{
    for (const auto &r : m_runs) {
        m_chart->removeSeries(r->legendSeries);
        delete r->legendSeries;
    }
    m_runs.clear();
    m_hoverText.clear();
    m_item->setHoverMarker(std::nullopt);
    scheduleUpdate();
}

bool MetricChart::hasRun(const QString &runId) const
{
    return run(runId) != nullptr;
}

QStringList MetricChart::runIds() const
{
    QStringList ids;
    for (const auto &r : m_runs)
        ids << r->id;
    return ids;
}

void MetricChart::setRunLabel(const QString &runId, const QString &label)
{
    if (RunData *r = run(runId)) {
        r->label = label.isEmpty() ? runId : label;
        updateLegendMarker(*r);
    }
}

void MetricChart::setRunVisible(const QString &runId, bool visible)
{
    RunData *r = run(runId);
    if (!r || r->visible == visible)
        return;
    r->visible = visible;
    updateLegendMarker(*r);
    scheduleUpdate();
    Q_EMIT runVisibilityChanged(runId, visible);
}

bool MetricChart::isRunVisible(const QString &runId) const
{
    const RunData *r = run(runId);
    return r && r->visible;
}

void MetricChart::setRunMissing(const QString &runId, bool missing)
{
    if (RunData *r = run(runId)) {
        r->missing = missing;
        updateLegendMarker(*r);
        scheduleUpdate();
    }
}

void MetricChart::updateLegendMarker(RunData &r)
{
    QString name = r.label;
    if (r.missing)
        name = tr("%1 (not logged)").arg(r.label);
    r.legendSeries->setName(name);
    QPen pen(r.color);
    pen.setWidth(2);
    r.legendSeries->setPen(pen);
    // A hidden run keeps its legend entry (so it can be clicked back on), greyed out.
    for (QLegendMarker *marker : m_chart->legend()->markers(r.legendSeries)) {
        QColor c = r.color;
        QColor text = m_chart->legend()->labelColor();
        if (!r.visible || r.missing) {
            c.setAlphaF(0.25);
            text.setAlphaF(0.4);
        }
        marker->setBrush(c);
        marker->setPen(QPen(c));
        marker->setLabelBrush(text);
    }
}

void MetricChart::appendPoints(const QString &runId, const MetricSeries &points)
{
    appendPoints(runId, points.steps(), points.timestamps(), points.values());
}

void MetricChart::appendPoints(const QString &runId, std::span<const qint64> steps,
                               std::span<const qint64> timestampsMs, std::span<const double> values)
{
    RunData *r = run(runId);
    const std::size_t n = std::min({steps.size(), timestampsMs.size(), values.size()});
    if (!r || n == 0)
        return;
    const std::size_t from = r->raw.size();
    r->raw.append(steps.first(n), timestampsMs.first(n), values.first(n));
    if (r->missing) {
        r->missing = false;
        updateLegendMarker(*r);
    }
    updateBounds(*r, from);
    scheduleUpdate();
}

void MetricChart::applyIncrement(const MetricIncrement &increment)
{
    if (!m_metricKey.isEmpty() && increment.key != m_metricKey)
        return;
    if (increment.reset)
        resetRun(increment.runId);
    if (increment.points)
        appendPoints(increment.runId, *increment.points);
}

void MetricChart::resetRun(const QString &runId)
{
    RunData *r = run(runId);
    if (!r)
        return;
    r->raw.clear();
    r->smoother.reset();
    r->rawCache.invalidate();
    r->smoothCache.invalidate();
    r->yMin = r->yMax = r->yMinPositive = Nan;
    r->rawPieces.clear();
    r->smoothPieces.clear();
    scheduleUpdate();
}

const MetricSeries *MetricChart::series(const QString &runId) const
{
    const RunData *r = run(runId);
    return r ? &r->raw : nullptr;
}

void MetricChart::updateBounds(RunData &r, std::size_t from)
{
    const auto steps = r.raw.steps();
    const auto ts = r.raw.timestamps();
    const auto vals = r.raw.values();
    if (from == 0) {
        r.stepMin = r.stepMax = steps[0];
        r.tsMin = r.tsMax = ts[0];
    }
    for (std::size_t i = from; i < vals.size(); ++i) {
        r.stepMin = std::min(r.stepMin, steps[i]);
        r.stepMax = std::max(r.stepMax, steps[i]);
        r.tsMin = std::min(r.tsMin, ts[i]);
        r.tsMax = std::max(r.tsMax, ts[i]);
        const double v = vals[i];
        if (!std::isfinite(v))
            continue;
        if (!(v >= r.yMin))
            r.yMin = v;
        if (!(v <= r.yMax))
            r.yMax = v;
        if (v > 0 && !(v >= r.yMinPositive))
            r.yMinPositive = v;
    }
}

void MetricChart::setSmoothing(double weight)
{
    weight = std::clamp(std::isfinite(weight) ? weight : 0.0, 0.0, 0.99);
    if (weight == m_smoothing)
        return;
    m_smoothing = weight;
    for (const auto &r : m_runs) {
        // The weight change restarts the smoother; turned off, it lets its copy go.
        r->smoother.setWeight(m_smoothing);
        if (m_smoothing == 0) {
            r->smoother.reset();
            r->smoothPieces.clear();
        }
        r->smoothCache.invalidate();
    }
    scheduleUpdate();
}

double MetricChart::smoothing() const
{
    return m_smoothing;
}

void MetricChart::setXAxisMode(XAxisMode mode)
{
    if (mode == m_xMode)
        return;
    m_xMode = mode;
    m_autoFit = true; // the old window means nothing in the new units
    rebuildAxes();
    scheduleUpdate();
}

MetricChart::XAxisMode MetricChart::xAxisMode() const
{
    return m_xMode;
}

void MetricChart::setLogY(bool on)
{
    if (on == m_logY)
        return;
    m_logY = on;
    if (m_logY && !m_autoFit && m_range.yMin <= 0) {
        // Keep the x window, refit y to what a log axis can show.
        const ViewRange fit = fittedRange();
        m_range.yMin = fit.yMin;
        m_range.yMax = std::max(fit.yMax, m_range.yMax);
    }
    rebuildAxes();
    scheduleUpdate();
}

bool MetricChart::logY() const
{
    return m_logY;
}

void MetricChart::setAntialiasing(bool on)
{
    m_antialiasing = on;
    m_item->setAntialiasing(on);
}

MetricChart::ViewRange MetricChart::viewRange() const
{
    if (m_autoFit && m_dirty)
        return fittedRange();
    return m_range;
}

void MetricChart::setViewRange(const ViewRange &range)
{
    userSetRange(range);
}

bool MetricChart::isAutoFit() const
{
    return m_autoFit;
}

void MetricChart::resetZoom()
{
    m_autoFit = true;
    scheduleUpdate();
}

QChart *MetricChart::chart() const
{
    return m_chart;
}

QChartView *MetricChart::chartView() const
{
    return m_view;
}

QRectF MetricChart::plotArea() const
{
    const QRectF area = m_chart->plotArea();
    const QPolygon inView = m_view->mapFromScene(m_chart->mapToScene(area));
    return QRectF(m_view->viewport()->mapTo(this, inView.boundingRect().topLeft()), area.size());
}

bool MetricChart::drawnAntialiased(const QString &runId, Curve curve)
{
    if (m_dirty)
        updateNow();
    const RunData *r = run(runId);
    return r && (curve == Curve::Smoothed ? r->smoothAntialiased : r->rawAntialiased);
}

QList<QPolygonF> MetricChart::drawnPolylines(const QString &runId, Curve curve)
{
    if (m_dirty)
        updateNow();
    const RunData *r = run(runId);
    if (!r)
        return {};
    const QPointF offset = plotArea().topLeft() - m_chart->plotArea().topLeft();
    QList<QPolygonF> out = curve == Curve::Smoothed ? r->smoothPieces : r->rawPieces;
    for (QPolygonF &piece : out)
        piece.translate(offset);
    return out;
}

QString MetricChart::placeholderText() const
{
    bool anyShown = false;
    bool anyData = false;
    bool allMissing = !m_runs.empty();
    for (const auto &r : m_runs) {
        allMissing = allMissing && r->missing;
        if (!r->visible)
            continue;
        anyShown = true;
        anyData = anyData || !r->raw.isEmpty();
    }
    if (anyData)
        return {};
    const QString key = m_metricKey.isEmpty() ? tr("This metric") : m_metricKey;
    if (allMissing)
        return m_runs.size() == 1 ? tr("%1 is not logged by this run.").arg(key)
                                  : tr("%1 is not logged by the selected runs.").arg(key);
    if (!m_runs.empty() && !anyShown)
        return tr("All runs are hidden. Click a legend entry to show it.");
    return tr("No data yet");
}

QString MetricChart::hoverText() const
{
    return m_hoverText;
}

void MetricChart::updateNow()
{
    m_updateTimer->stop();
    rebuild();
}

void MetricChart::scheduleUpdate()
{
    m_dirty = true;
    if (!m_updateTimer->isActive())
        m_updateTimer->start();
}

void MetricChart::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    syncGeometry();
    scheduleUpdate();
}

// --- axes -----------------------------------------------------------------------------------

void MetricChart::rebuildAxes()
{
    for (QAbstractAxis *axis : m_chart->axes()) {
        // Qt Charts deletes the axis' graphics later; hidden now, a render before the event
        // loop runs does not show the old axis under the new one.
        axis->setVisible(false);
        m_chart->removeAxis(axis);
        delete axis;
    }
    QAbstractAxis *x = nullptr;
    if (m_xMode == XAxisMode::WallTime) {
        auto *axis = new QDateTimeAxis;
        axis->setTitleText(tr("Wall time"));
        axis->setTickCount(6);
        x = axis;
    } else {
        auto *axis = new QValueAxis;
        axis->setTitleText(m_xMode == XAxisMode::Step ? tr("Step") : tr("Relative time (s)"));
        axis->setTickType(QValueAxis::TicksDynamic);
        x = axis;
    }
    QAbstractAxis *y = nullptr;
    if (m_logY) {
        auto *axis = new QLogValueAxis;
        axis->setBase(10);
        axis->setLabelFormat(QStringLiteral("%g"));
        axis->setMinorTickCount(-1);
        y = axis;
    } else {
        auto *axis = new QValueAxis;
        axis->setTickType(QValueAxis::TicksDynamic);
        y = axis;
    }
    y->setTitleText(m_metricKey.isEmpty() ? tr("Value") : m_metricKey);
    for (QAbstractAxis *axis : {x, y}) {
        QFont f = axis->titleFont();
        f.setBold(false);
        axis->setTitleFont(f);
    }
    m_chart->addAxis(x, Qt::AlignBottom);
    m_chart->addAxis(y, Qt::AlignLeft);
    for (const auto &r : m_runs) {
        r->legendSeries->attachAxis(x);
        r->legendSeries->attachAxis(y);
    }
    m_dirty = true;
}

void MetricChart::applyRangeToAxes()
{
    const auto horizontal = m_chart->axes(Qt::Horizontal);
    const auto vertical = m_chart->axes(Qt::Vertical);
    if (horizontal.isEmpty() || vertical.isEmpty())
        return;
    const ViewRange &v = m_range;
    if (auto *dt = qobject_cast<QDateTimeAxis *>(horizontal.first())) {
        const double span = v.xMax - v.xMin;
        dt->setFormat(span < 120          ? QStringLiteral("hh:mm:ss")
                      : span < 86400      ? QStringLiteral("hh:mm")
                      : span < 30 * 86400 ? QStringLiteral("MMM d hh:mm")
                                          : QStringLiteral("yyyy-MM-dd"));
        dt->setRange(QDateTime::fromMSecsSinceEpoch(qint64(std::floor(v.xMin * 1000))),
                     QDateTime::fromMSecsSinceEpoch(qint64(std::ceil(v.xMax * 1000))));
    } else if (auto *va = qobject_cast<QValueAxis *>(horizontal.first())) {
        const double step = niceStep(v.xMax - v.xMin, 6);
        va->setTickAnchor(0);
        va->setTickInterval(step);
        va->setLabelFormat(step >= 1 && std::abs(v.xMax) < 1e15 ? QStringLiteral("%.0f")
                                                                : QStringLiteral("%.4g"));
        va->setRange(v.xMin, v.xMax);
    }
    if (auto *la = qobject_cast<QLogValueAxis *>(vertical.first())) {
        la->setRange(v.yMin, v.yMax);
    } else if (auto *va = qobject_cast<QValueAxis *>(vertical.first())) {
        const double step = niceStep(v.yMax - v.yMin, 6);
        va->setTickAnchor(0);
        va->setTickInterval(step);
        va->setLabelFormat(QStringLiteral("%.4g"));
        va->setRange(v.yMin, v.yMax);
    }
}

MetricChart::ViewRange MetricChart::fittedRange() const
{
    double xMin = Nan, xMax = Nan, yMin = Nan, yMax = Nan;
    for (const auto &r : m_runs) {
        if (!r->visible || r->raw.isEmpty())
            continue;
        double a = 0, b = 0;
        switch (m_xMode) {
        case XAxisMode::Step:
            a = double(r->stepMin);
            b = double(r->stepMax);
            break;
        case XAxisMode::WallTime:
            a = r->tsMin / 1000.0;
            b = r->tsMax / 1000.0;
            break;
        case XAxisMode::RelativeTime:
            a = 0;
            b = (r->tsMax - r->tsMin) / 1000.0;
            break;
        }
        xMin = std::isnan(xMin) ? a : std::min(xMin, a);
        xMax = std::isnan(xMax) ? b : std::max(xMax, b);
        const double lo = m_logY ? r->yMinPositive : r->yMin;
        if (std::isfinite(lo)) {
            yMin = std::isnan(yMin) ? lo : std::min(yMin, lo);
            yMax = std::isnan(yMax) ? r->yMax : std::max(yMax, r->yMax);
        }
    }
    ViewRange v;
    if (std::isnan(xMin)) {
        v.xMin = 0;
        v.xMax = 1;
        if (m_xMode == XAxisMode::WallTime) {
            v.xMin = double(QDateTime::currentSecsSinceEpoch());
            v.xMax = v.xMin + 60;
        }
    } else {
        v.xMin = xMin;
        v.xMax = xMax;
        if (v.xMax <= v.xMin) {
            const double pad = 1;
            v.xMin -= pad;
            v.xMax += pad;
        }
    }
    if (std::isnan(yMin)) {
        v.yMin = m_logY ? 0.1 : 0;
        v.yMax = m_logY ? 10 : 1;
    } else if (m_logY) {
        const double ratio = yMax / yMin;
        const double pad = ratio > 1 ? std::pow(ratio, 0.05) : 2;
        v.yMin = yMin / pad;
        v.yMax = yMax * pad;
    } else {
        const double span = yMax - yMin;
        const double pad = span > 0 ? span * 0.05 : std::max(std::abs(yMax) * 0.1, 0.5);
        v.yMin = yMin - pad;
        v.yMax = yMax + pad;
    }
    return v;
}

// --- decimation and drawing -----------------------------------------------------------------

double MetricChart::xOf(const RunData &r, std::size_t i) const
{
    switch (m_xMode) {
    case XAxisMode::Step:
        return double(r.raw.steps()[i]);
    case XAxisMode::WallTime:
        return r.raw.timestamps()[i] / 1000.0;
    case XAxisMode::RelativeTime:
        return (r.raw.timestamps()[i] - r.raw.minTimestamp()) / 1000.0;
    }
    return 0;
}

QPointF MetricChart::toPixel(double x, double y) const
{
    const QRectF &a = m_plotArea;
    const ViewRange &v = m_range;
    double px = a.left() + (x - v.xMin) / (v.xMax - v.xMin) * a.width();
    double py = 0;
    if (m_logY)
        py = a.bottom() -
             (std::log10(y) - std::log10(v.yMin)) / (std::log10(v.yMax) - std::log10(v.yMin)) * a.height();
    else
        py = a.bottom() - (y - v.yMin) / (v.yMax - v.yMin) * a.height();
    return {std::clamp(px, -PixelClamp, PixelClamp), std::clamp(py, -PixelClamp, PixelClamp)};
}

QPointF MetricChart::toData(const QPointF &p) const
{
    const QRectF &a = m_plotArea;
    const ViewRange &v = m_range;
    const double x = v.xMin + (p.x() - a.left()) / a.width() * (v.xMax - v.xMin);
    const double t = (a.bottom() - p.y()) / a.height();
    const double y = m_logY
                         ? std::pow(10.0, std::log10(v.yMin) + t * (std::log10(v.yMax) - std::log10(v.yMin)))
                         : v.yMin + t * (v.yMax - v.yMin);
    return {x, y};
}

void MetricChart::decimateRun(RunData &r)
{
    r.rawPieces.clear();
    r.smoothPieces.clear();
    if (!r.visible || r.raw.isEmpty() || m_plotArea.width() < 1)
        return;
    const int columns = std::max(1, int(std::ceil(m_plotArea.width())));
    PixelMap map;
    map.left = m_plotArea.left();
    map.bottom = m_plotArea.bottom();
    map.xMin = m_range.xMin;
    map.sx = m_plotArea.width() / (m_range.xMax - m_range.xMin);
    map.logY = m_logY;
    map.yMin = m_logY ? std::log10(m_range.yMin) : m_range.yMin;
    map.sy = m_plotArea.height() / ((m_logY ? std::log10(m_range.yMax) : m_range.yMax) - map.yMin);
    // The cache skips the decimation when only y moved (vertical pan, log switch) or nothing
    // changed; the pixel mapping is cheap.
    // Per-column extents where they apply (finite values, sorted x, nothing a log axis cannot
    // show): the strokes come straight from each column's min and max. Otherwise the M4 points,
    // which keep gaps and unsorted x.
    const bool columnsFit = !m_logY || r.yMin > 0;
    const double columnWidth = m_plotArea.width() / columns;
    auto build = [&](DecimationCache &cache, const MetricSeries &s, QList<QPolygonF> &out) {
        if (columnsFit) {
            if (const ColumnExtents *c = cache.getColumns(s, m_xMode, m_range.xMin, m_range.xMax, columns)) {
                columnsToPixelPolylines(*c, map, columnWidth, out);
                return;
            }
        }
        toPixelPolylines(cache.get(s, m_xMode, m_range.xMin, m_range.xMax, columns), map, out);
    };
    build(r.rawCache, r.raw, r.rawPieces);
    if (m_smoothing > 0)
        build(r.smoothCache, r.smoother.update(r.raw), r.smoothPieces);
}

void MetricChart::syncGeometry()
{
    // Sized by hand rather than by a layout so that a chart that is not shown yet (a test, an
    // offscreen render) already has its real plot area: hidden widgets get no resize events.
    if (m_view->geometry() != rect())
        m_view->setGeometry(rect());
    if (m_chart->size() != QSizeF(size())) {
        m_chart->resize(size());
        m_view->setSceneRect(QRectF(QPointF(0, 0), size()));
    }
}

void MetricChart::decimateAll()
{
    // Runs are independent (each its own series, caches and smoother; the view is read-only
    // here), so they are decimated on all cores: the calling thread takes a share too.
    const int threads = std::max(1, m_pool->maxThreadCount() + 1);
    const int n = int(m_runs.size());
    if (threads == 1 || n < 4) {
        for (const auto &r : m_runs)
            decimateRun(*r);
        return;
    }
    std::atomic<int> next{0};
    auto work = [this, &next, n] {
        for (int i = next++; i < n; i = next++)
            decimateRun(*m_runs[std::size_t(i)]);
    };
    for (int t = 1; t < threads; ++t)
        m_pool->start(work);
    work();
    m_pool->waitForDone();
}

void MetricChart::rebuild()
{
    syncGeometry();
    if (m_autoFit)
        m_range = fittedRange();
    applyRangeToAxes();
    // Axis labels decide the plot area: lay the chart out now so the curves match the axes.
    if (m_chart->layout())
        m_chart->layout()->activate();
    m_plotArea = m_chart->plotArea();
    m_item->setArea(m_plotArea);

    decimateAll();
    // Antialiasing only pays where lines are sparse; a dense band of vertical strokes looks the
    // same aliased and paints many times faster. The painter's antialiased strokes also cost
    // per vertex several times what the aliased span path does, so past a frame's budget of them
    // (many runs zoomed in) every curve is drawn aliased.
    const double dense = m_plotArea.width();
    constexpr qsizetype AntialiasedVertexBudget = 40000;
    auto vertexCount = [](const QList<QPolygonF> &pieces) {
        qsizetype vertices = 0;
        for (const QPolygonF &p : pieces)
            vertices += p.size();
        return vertices;
    };
    qsizetype sparseVertices = 0;
    for (const auto &r : m_runs) {
        if (!r->visible)
            continue;
        for (const QList<QPolygonF> *pieces : {&r->rawPieces, &r->smoothPieces})
            if (const qsizetype v = vertexCount(*pieces); double(v) < dense)
                sparseVertices += v;
    }
    const bool antialias = m_antialiasing && sparseVertices <= AntialiasedVertexBudget;
    auto layer = [&](const QColor &color, const QList<QPolygonF> &pieces) {
        return MetricCurveItem::Layer{QPen(color, 0), pieces, antialias && double(vertexCount(pieces)) < dense};
    };
    std::vector<MetricCurveItem::Layer> faint;
    std::vector<MetricCurveItem::Layer> strong;
    for (const auto &r : m_runs) {
        if (!r->visible)
            continue;
        if (m_smoothing > 0) {
            QColor c = r->color;
            c.setAlphaF(0.3);
            faint.push_back(layer(c, r->rawPieces));
            strong.push_back(layer(r->color, r->smoothPieces));
            r->rawAntialiased = faint.back().antialiased;
            r->smoothAntialiased = strong.back().antialiased;
        } else {
            strong.push_back(layer(r->color, r->rawPieces));
            r->rawAntialiased = strong.back().antialiased;
            r->smoothAntialiased = false;
        }
    }
    for (auto &layer : strong)
        faint.push_back(std::move(layer));
    m_item->setLayers(std::move(faint));
    m_item->setPlaceholder(placeholderText());
    // The curves are rasterised on the pool from here on, while the scene paints the axes.
    m_item->prepareRaster();
    m_dirty = false;
    Q_EMIT viewRangeChanged(m_range);
}

// --- interaction ----------------------------------------------------------------------------

void MetricChart::userSetRange(const ViewRange &range)
{
    ViewRange r = range;
    if (!(r.xMax > r.xMin) || !(r.yMax > r.yMin) || !std::isfinite(r.xMin + r.xMax + r.yMin + r.yMax))
        return;
    if (m_logY && r.yMin <= 0)
        return;
    m_autoFit = false;
    m_range = r;
    scheduleUpdate();
}

void MetricChart::zoomAt(const QPointF &pixel, double factor)
{
    // Zoom around the cursor; over an axis only that axis zooms.
    const QRectF &a = m_plotArea;
    const bool zoomX = pixel.y() >= a.top();
    const bool zoomY = pixel.x() <= a.right() && (pixel.x() <= a.left() || pixel.y() <= a.bottom());
    const bool inside = a.contains(pixel);
    ViewRange r = m_range;
    const QPointF c = toData(pixel);
    if (zoomX || inside) {
        r.xMin = c.x() - (c.x() - r.xMin) * factor;
        r.xMax = c.x() + (r.xMax - c.x()) * factor;
    }
    if (zoomY || inside) {
        if (m_logY) {
            const double lc = std::log10(c.y());
            r.yMin = std::pow(10.0, lc - (lc - std::log10(r.yMin)) * factor);
            r.yMax = std::pow(10.0, lc + (std::log10(r.yMax) - lc) * factor);
        } else {
            r.yMin = c.y() - (c.y() - r.yMin) * factor;
            r.yMax = c.y() + (r.yMax - c.y()) * factor;
        }
    }
    userSetRange(r);
}

bool MetricChart::eventFilter(QObject *watched, QEvent *event)
{
    if (watched != m_view->viewport())
        return QWidget::eventFilter(watched, event);
    // Events arrive in viewport coordinates; the plot area is in chart coordinates.
    auto toChart = [this](const QPointF &p) {
        return m_chart->mapFromScene(m_view->mapToScene(p.toPoint()));
    };

    switch (event->type()) {
    case QEvent::Wheel: {
        auto *we = static_cast<QWheelEvent *>(event);
        const double steps = we->angleDelta().y() / 120.0;
        if (steps == 0)
            return false;
        if (m_dirty)
            updateNow();
        zoomAt(toChart(we->position()), std::pow(0.8, steps));
        return true;
    }
    case QEvent::MouseButtonDblClick: {
        auto *me = static_cast<QMouseEvent *>(event);
        if (m_plotArea.contains(toChart(me->position()))) {
            resetZoom();
            return true;
        }
        return false;
    }
    case QEvent::MouseButtonPress: {
        auto *me = static_cast<QMouseEvent *>(event);
        const QPointF p = toChart(me->position());
        if (!m_plotArea.contains(p))
            return false; // legend clicks and the rest go to Qt Charts
        if (m_dirty)
            updateNow();
        m_dragStart = me->position().toPoint();
        m_dragStartRange = m_range;
        const bool pan = me->button() == Qt::MiddleButton || me->button() == Qt::RightButton ||
                         (me->button() == Qt::LeftButton && (me->modifiers() & Qt::ControlModifier));
        if (pan) {
            m_drag = Drag::Pan;
            m_view->viewport()->setCursor(Qt::ClosedHandCursor);
        } else if (me->button() == Qt::LeftButton) {
            m_drag = Drag::Zoom;
            m_rubberBand->setGeometry(QRect(m_dragStart, QSize()));
            m_rubberBand->show();
        }
        return true;
    }
    case QEvent::MouseMove: {
        auto *me = static_cast<QMouseEvent *>(event);
        const QPoint pos = me->position().toPoint();
        if (m_drag == Drag::Zoom) {
            m_rubberBand->setGeometry(QRect(m_dragStart, pos).normalized());
            return true;
        }
        if (m_drag == Drag::Pan) {
            const QPointF d = pos - m_dragStart;
            const ViewRange s = m_dragStartRange;
            ViewRange r = s;
            const double dx = -d.x() / m_plotArea.width() * (s.xMax - s.xMin);
            r.xMin += dx;
            r.xMax += dx;
            const double t = d.y() / m_plotArea.height();
            if (m_logY) {
                const double f = std::pow(s.yMax / s.yMin, t);
                r.yMin *= f;
                r.yMax *= f;
            } else {
                r.yMin += t * (s.yMax - s.yMin);
                r.yMax += t * (s.yMax - s.yMin);
            }
            userSetRange(r);
            return true;
        }
        updateHover(toChart(me->position()), me->globalPosition().toPoint());
        return false;
    }
    case QEvent::MouseButtonRelease: {
        auto *me = static_cast<QMouseEvent *>(event);
        const Drag drag = std::exchange(m_drag, Drag::None);
        m_view->viewport()->unsetCursor();
        if (drag == Drag::Zoom) {
            m_rubberBand->hide();
            const QRect band = QRect(m_dragStart, me->position().toPoint()).normalized();
            if (band.width() >= 4 && band.height() >= 4) {
                const QPointF a = toData(toChart(band.topLeft()));
                const QPointF b = toData(toChart(band.bottomRight()));
                userSetRange({std::min(a.x(), b.x()), std::max(a.x(), b.x()), std::min(a.y(), b.y()),
                              std::max(a.y(), b.y())});
            }
            return true;
        }
        return drag != Drag::None;
    }
    case QEvent::Leave:
        if (!m_hoverText.isEmpty()) {
            m_hoverText.clear();
            m_item->setHoverMarker(std::nullopt);
            QToolTip::hideText();
        }
        return false;
    default:
        return false;
    }
}

void MetricChart::updateHover(const QPointF &chartPos, const QPoint &globalPos)
{
    if (m_dirty)
        updateNow();
    QString text;
    std::optional<QPointF> marker;
    QColor markerColor;
    if (m_plotArea.contains(chartPos)) {
        const double x = toData(chartPos).x();
        double best = HoverRadiusPx;
        for (const auto &r : m_runs) {
            const std::size_t n = r->raw.size();
            if (!r->visible || n == 0)
                continue;
            const bool useSmooth = m_smoothing > 0 && r->smoother.smoothed().size() == n;
            const auto vals = useSmooth ? r->smoother.smoothed().values() : r->raw.values();
            std::size_t lo = 0, hi = n;
            while (lo < hi) {
                const std::size_t mid = (lo + hi) / 2;
                if (xOf(*r, mid) < x)
                    lo = mid + 1;
                else
                    hi = mid;
            }
            for (std::size_t i : {lo > 0 ? lo - 1 : lo, std::min(lo, n - 1)}) {
                if (!isDrawable(vals[i], m_logY))
                    continue;
                const QPointF p = toPixel(xOf(*r, i), vals[i]);
                const double dist = std::hypot(p.x() - chartPos.x(), p.y() - chartPos.y());
                if (dist >= best)
                    continue;
                best = dist;
                marker = p;
                markerColor = r->color;
                const double raw = r->raw.values()[i];
                QString value = QString::number(raw, 'g', 6);
                if (useSmooth)
                    value = tr("%1 (smoothed %2)").arg(value, QString::number(vals[i], 'g', 6));
                const QString when =
                    QDateTime::fromMSecsSinceEpoch(r->raw.timestamps()[i]).toString(Qt::ISODate);
                text = tr("%1\nStep %2\nValue %3\n%4").arg(r->label).arg(r->raw.steps()[i]).arg(value, when);
            }
        }
    }
    if (text == m_hoverText)
        return;
    m_hoverText = text;
    m_item->setHoverMarker(marker, markerColor);
    if (text.isEmpty())
        QToolTip::hideText();
    else
        QToolTip::showText(globalPos, text, m_view->viewport());
}

} // namespace lab
