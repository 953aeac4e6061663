#pragma once

#include "core/types.h"

#include <QHash>
#include <QList>
#include <QPolygonF>
#include <QStringList>
#include <QWidget>

namespace lab {

// Parallel coordinates of runs: one vertical axis per chosen parameter, then one for a chosen
// metric; each run is a polyline across them, coloured by its metric value on a colour ramp.
// Numeric parameters get a min..max axis (logarithmic when positive and spanning two decades
// or more, as learning rates do); other parameters a categorical axis. A run without a value
// for an axis is drawn to that axis' "missing" tick below it. Hovering a line highlights the run
// and shows its values.
class ParallelCoordinates : public QWidget
{
    Q_OBJECT
public:
    struct Entry
    {
        QString runId;
        QString label;
        QHash<QString, QString> params;
        QHash<QString, double> metrics;
    };

    explicit ParallelCoordinates(QWidget *parent = nullptr);

    void setEntries(const QList<Entry> &entries);
    // Convenience: each run's parameters and the latest value of each of its metrics.
    void setRuns(const QList<Run> &runs);
    // Parameter keys, one axis each, in this order.
    void setParameters(const QStringList &keys);
    QStringList parameters() const { return m_paramKeys; }
    // The metric of the last axis and of the colours.
    void setMetric(const QString &key);
    QString metric() const { return m_metricKey; }

    // For tests: one polyline per run in widget coordinates (points per axis, left to right).
    QList<QPolygonF> polylines() const;
    QStringList polylineRunIds() const;
    // Whether the axis (0-based; the metric axis is last) is categorical, and where it is drawn.
    bool isCategorical(int axis) const;
    double axisX(int axis) const;
    // y of a value's tick on an axis, and of the "missing" tick.
    double missingY() const;
    QString hoveredRun() const { return m_hovered; }
    QString hoverText() const;
    // The colour a metric value gets on the ramp (grey when NaN).
    QColor colorFor(double metricValue) const;

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

Q_SIGNALS:
    void runHovered(const QString &runId);
    void runClicked(const QString &runId);

protected:
    void paintEvent(QPaintEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void leaveEvent(QEvent *event) override;

private:
    struct Axis
    {
        QString key;
        QString title;
        bool isMetric = false;
        bool categorical = false;
        bool log = false;
        double min = 0;
        double max = 1;
        QStringList categories;
    };

    void rebuild();
    QRectF plotRect() const;
    // Value of an entry on an axis as a fraction 0..1 of the axis height; NaN when missing.
    double fraction(const Axis &axis, const Entry &entry) const;
    QString valueText(const Axis &axis, const Entry &entry) const;
    double metricValue(const Entry &entry) const;
    QString nearestRun(const QPointF &pos) const;

    QList<Entry> m_entries;
    QStringList m_paramKeys;
    QString m_metricKey;
    QList<Axis> m_axes;
    double m_metricMin = 0;
    double m_metricMax = 1;
    QList<QPolygonF> m_lines; // one per entry, widget coordinates
    QString m_hovered;
};

} // namespace lab
