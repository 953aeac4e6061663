#pragma once

#include "telemetry/gputelemetry.h"

#include <QList>
#include <QPolygonF>
#include <QWidget>

namespace lab {

// Utilisation and memory use of one GPU over the last minutes, as two lines on a 0-100 % scale.
// A few hundred samples at most, so it paints everything with QPainter; no decimation needed.
class GpuChart : public QWidget
{
    Q_OBJECT
public:
    explicit GpuChart(QWidget *parent = nullptr);

    // Replaces the samples (oldest first), then keeps only the window.
    void setHistory(const QList<GpuSample> &samples);
    void appendSample(const GpuSample &sample);
    // How much time the chart shows, ending at the newest sample (default 10 minutes).
    void setWindowMs(qint64 ms);
    qint64 windowMs() const { return m_windowMs; }
    const QList<GpuSample> &samples() const { return m_samples; }

    static QColor utilizationColor();
    static QColor memoryColor();

    // For tests: the drawn lines in widget coordinates, one polygon per unbroken piece.
    QList<QPolygonF> utilizationPolylines() const;
    QList<QPolygonF> memoryPolylines() const;
    QRectF plotRect() const;

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    QList<QPolygonF> polylines(bool memory) const;
    void trim();

    QList<GpuSample> m_samples;
    qint64 m_windowMs = 10 * 60 * 1000;
};

} // namespace lab
