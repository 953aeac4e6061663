#pragma once

#include "series/decimator.h"
#include "series/metricseries.h"

#include <QColor>
#include <QList>
#include <QPolygonF>
#include <QWidget>

#include <memory>
#include <span>

QT_BEGIN_NAMESPACE
class QChart;
class QChartView;
class QThreadPool;
class QTimer;
class QRubberBand;
QT_END_NAMESPACE

namespace lab {

struct MetricIncrement;
class MetricCurveItem;

// One metric key for several runs overlaid, as TensorBoard shows a scalar.
//
// The chart holds the series itself (one MetricSeries per run, appended incrementally) and draws
// a per-pixel-column decimation of it with QPainter inside the plot area; Qt Charts provides only
// the axes, the legend and the theme (DESIGN.md, "Measured facts": QLineSeries is too slow for
// many runs). New points are drawn at the next coalesced update (at most 60 per second).
//
// Interaction: mouse wheel zooms around the cursor, left-drag zooms to a rubber band, middle- or
// right-drag (or Ctrl+left-drag) pans, double-click resets the zoom. Until the user zooms, the
// view follows new data (auto-fit). Clicking a legend entry hides or shows that run.
class MetricChart : public QWidget
{
    Q_OBJECT
public:
    using XAxisMode = lab::XAxisMode;
    enum class Curve { Raw, Smoothed };

    // The visible window in axis units (as the Decimator defines them): steps; seconds since the
    // epoch (WallTime); seconds since the run's earliest point (RelativeTime). y in metric units
    // (also with a log y axis).
    struct ViewRange
    {
        double xMin = 0;
        double xMax = 1;
        double yMin = 0;
        double yMax = 1;
    };

    explicit MetricChart(QWidget *parent = nullptr);
    ~MetricChart() override;

    // The metric shown (axis title, messages); increments for other keys are ignored once set.
    void setMetricKey(const QString &key);
    QString metricKey() const;

    void addRun(const QString &runId, const QString &label, const QColor &color);
    void removeRun(const QString &runId);
    void clearRuns();
    bool hasRun(const QString &runId) const;
    QStringList runIds() const;
    void setRunLabel(const QString &runId, const QString &label);
    void setRunVisible(const QString &runId, bool visible);
    bool isRunVisible(const QString &runId) const;
    // The run does not log this metric: its legend entry says so, and when no shown run has
    // data the plot area says "<key> is not logged by this run".
    void setRunMissing(const QString &runId, bool missing);

    // New points of a run (in logged order); shown at the next coalesced update.
    void appendPoints(const QString &runId, const MetricSeries &points);
    void appendPoints(const QString &runId, std::span<const qint64> steps,
                      std::span<const qint64> timestampsMs, std::span<const double> values);
    // Drops what the chart holds for the run (the store re-read it from the start).
    void resetRun(const QString &runId);
    // The points held for a run, or nullptr for an unknown run.
    const MetricSeries *series(const QString &runId) const;

    // TensorBoard's debiased EMA weight in [0, 0.99]; 0 = no smoothing. With smoothing the raw
    // curve is drawn faint under the smoothed one.
    void setSmoothing(double weight);
    double smoothing() const;
    void setXAxisMode(XAxisMode mode);
    XAxisMode xAxisMode() const;
    // Log y axis; non-positive values become gaps.
    void setLogY(bool on);
    bool logY() const;
    void setAntialiasing(bool on);

    ViewRange viewRange() const;
    // Shows the given window as a user zoom would (auto-fit stops until resetZoom()).
    void setViewRange(const ViewRange &range);
    bool isAutoFit() const;

    // For tests and benchmarks.
    QChart *chart() const;
    QChartView *chartView() const;
    // The plot area in this widget's coordinates.
    QRectF plotArea() const;
    // What is drawn for a run, in this widget's coordinates: one polygon per unbroken piece.
    // Flushes a pending update first.
    QList<QPolygonF> drawnPolylines(const QString &runId, Curve curve = Curve::Raw);
    // Whether that curve is drawn antialiased (sparse lines while the frame's budget of
    // antialiased vertices lasts; dense bands and crowded frames are drawn aliased).
    bool drawnAntialiased(const QString &runId, Curve curve = Curve::Raw);
    // The empty-state text shown in the plot area; empty when curves are drawn.
    QString placeholderText() const;
    // The tooltip text of the point under the mouse (run, step, value); empty when none.
    QString hoverText() const;
    // Decimates and schedules a repaint now instead of at the next coalesced update.
    void updateNow();

public Q_SLOTS:
    // Appends (or, with reset set, replaces) the points of a TrackingService increment.
    void applyIncrement(const lab::MetricIncrement &increment);
    // Back to auto-fit: the view follows all the data again.
    void resetZoom();

Q_SIGNALS:
    void runVisibilityChanged(const QString &runId, bool visible);
    void viewRangeChanged(const lab::MetricChart::ViewRange &range);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;

private:
    struct RunData;
    struct Decimated;

    RunData *run(const QString &runId) const;
    void scheduleUpdate();
    void syncGeometry();
    void rebuild();
    void decimateAll();
    void rebuildAxes();
    void applyRangeToAxes();
    void updateLegendMarker(RunData &r);
    void updateBounds(RunData &r, std::size_t from);
    ViewRange fittedRange() const;
    double xOf(const RunData &r, std::size_t i) const;
    void decimateRun(RunData &r);
    void updateHover(const QPointF &viewportPos, const QPoint &globalPos);
    QPointF toPixel(double x, double y) const;
    QPointF toData(const QPointF &pixel) const;
    void zoomAt(const QPointF &pixel, double factor);
    void userSetRange(const ViewRange &r);

    QChartView *m_view = nullptr;
    QChart *m_chart = nullptr;
    MetricCurveItem *m_item = nullptr;
    QTimer *m_updateTimer = nullptr;
    QRubberBand *m_rubberBand = nullptr;
    QThreadPool *m_pool = nullptr;

    std::vector<std::unique_ptr<RunData>> m_runs;
    QString m_metricKey;
    double m_smoothing = 0;
    XAxisMode m_xMode = XAxisMode::Step;
    bool m_logY = false;
    bool m_antialiasing = true;
    bool m_autoFit = true;
    ViewRange m_range;
    QRectF m_plotArea; // chart coordinates, as last decimated for
    bool m_dirty = true;

    // Mouse interaction state.
    enum class Drag { None, Zoom, Pan };
    Drag m_drag = Drag::None;
    QPoint m_dragStart;
    ViewRange m_dragStartRange;
    QString m_hoverText;
};

} // namespace lab
