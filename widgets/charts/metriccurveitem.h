#pragma once

#include <QGraphicsItem>
#include <QPen>
#include <QPolygonF>

#include <optional>
#include <vector>

namespace lab {

// Draws already decimated polylines inside a QChart's plot area with QPainter::drawPolyline and
// cosmetic pens: the cheap path that keeps a chart of many runs within one frame (DESIGN.md,
// "Measured facts"). Holds no series data; MetricChart hands it pixel polylines in the chart's
// coordinates. Also paints the chart's empty-state text and the hover marker.
class MetricCurveItem : public QGraphicsItem
{
public:
    struct Layer
    {
        QPen pen;
        QList<QPolygonF> pieces;
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

    QRectF boundingRect() const override;
    void paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *widget) override;

private:
    QRectF m_area;
    std::vector<Layer> m_layers;
    QString m_placeholder;
    std::optional<QPointF> m_hover;
    QColor m_hoverColor;
    bool m_antialiasing = true;
};

} // namespace lab
