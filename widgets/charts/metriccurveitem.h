#pragma once

#include <QGraphicsItem>
#include <QImage>
#include <QPen>
#include <QPolygonF>
#include <QTransform>

#include <optional>
#include <vector>

QT_BEGIN_NAMESPACE
class QThreadPool;
QT_END_NAMESPACE

namespace lab {

// Draws already decimated polylines inside a QChart's plot area with QPainter::drawPolyline and
// cosmetic pens: the cheap path that keeps a chart of many runs within one frame (DESIGN.md,
// "Measured facts"). Holds no series data; MetricChart hands it pixel polylines in the chart's
// coordinates. Also paints the chart's empty-state text and the hover marker.
//
// The curves are rasterised into an image cache, in vertical strips on a thread pool when one is
// given: a repaint for the hover marker, the rubber band or a tooltip only copies the image, and
// a view change uses every core.
class MetricCurveItem : public QGraphicsItem
{
public:
    struct Layer
    {
        QPen pen;
        QList<QPolygonF> pieces; // x non-decreasing within each piece
        bool antialiased = true;
    };

    explicit MetricCurveItem(QGraphicsItem *parent = nullptr);

    void setArea(const QRectF &plotArea);
    QRectF area() const { return m_area; }
    // Layers are painted in order (faint raw curves first, then strong ones).
    void setLayers(std::vector<Layer> layers);
    const std::vector<Layer> &layers() const { return m_layers; }
    void setPlaceholder(const QString &text);
    void setHoverMarker(std::optional<QPointF> point, const QColor &color = {});
    void setAntialiasing(bool on);
    // Not owned; nullptr rasterises on the painting thread only.
    void setThreadPool(QThreadPool *pool);

    QRectF boundingRect() const override;
    void paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *widget) override;

private:
    void rasterise(const QRect &deviceRect, const QTransform &toDevice);
    void paintStrip(QImage &image, std::vector<quint32> &columns, const QRect &deviceStrip,
                    const QTransform &toDevice) const;

    QRectF m_area;
    std::vector<Layer> m_layers;
    QString m_placeholder;
    std::optional<QPointF> m_hover;
    QColor m_hoverColor;
    bool m_antialiasing = true;
    QThreadPool *m_pool = nullptr;

    // The rasterised curves: strips side by side covering m_cacheRect (device pixels).
    std::vector<QImage> m_strips;
    std::vector<QRect> m_stripRects;
    // Per strip, a column-major scratch image for aliased 1-px curves (see paintStrip); all zero
    // between uses.
    std::vector<std::vector<quint32>> m_columnBuffers;
    QRect m_cacheRect;
    QTransform m_cacheTransform;
    bool m_cacheValid = false;
};

} // namespace lab
