#include "charts/metriccurveitem.h"

#include <QPainter>

namespace lab {

MetricCurveItem::MetricCurveItem(QGraphicsItem *parent)
    : QGraphicsItem(parent)
{
    // The curves are clipped by hand in paint(); the item never takes mouse input, so the
    // chart view's own handling (legend clicks, our zoom and pan) sees every event.
    setAcceptedMouseButtons(Qt::NoButton);
    setAcceptHoverEvents(false);
}

void MetricCurveItem::setArea(const QRectF &plotArea)
{
    if (plotArea == m_area)
        return;
    prepareGeometryChange();
    m_area = plotArea;
}

void MetricCurveItem::setLayers(std::vector<Layer> layers)
{
    m_layers = std::move(layers);
    update();
}

void MetricCurveItem::setPlaceholder(const QString &text)
{
    if (text == m_placeholder)
        return;
    m_placeholder = text;
    update();
}

void MetricCurveItem::setHoverMarker(std::optional<QPointF> point, const QColor &color)
{
    m_hover = point;
    m_hoverColor = color;
    update();
}

void MetricCurveItem::setAntialiasing(bool on)
{
    m_antialiasing = on;
    update();
}

QRectF MetricCurveItem::boundingRect() const
{
    return m_area;
}

void MetricCurveItem::paint(QPainter *painter, const QStyleOptionGraphicsItem *, QWidget *)
{
    if (m_area.isEmpty())
        return;
    painter->save();
    painter->setClipRect(m_area);
    painter->setRenderHint(QPainter::Antialiasing, m_antialiasing);
    painter->setBrush(Qt::NoBrush);
    for (const Layer &layer : m_layers) {
        painter->setPen(layer.pen);
        for (const QPolygonF &piece : layer.pieces) {
            if (piece.size() == 1)
                painter->drawPoint(piece.first());
            else
                painter->drawPolyline(piece);
        }
    }
    if (m_hover) {
        painter->setPen(QPen(m_hoverColor, 1.5));
        painter->setBrush(Qt::white);
        painter->drawEllipse(*m_hover, 4, 4);
    }
    if (!m_placeholder.isEmpty()) {
        QFont font = painter->font();
        font.setPointSizeF(font.pointSizeF() * 1.3);
        painter->setFont(font);
        painter->setPen(QColor(0x60, 0x60, 0x60));
        painter->drawText(m_area.adjusted(12, 12, -12, -12), Qt::AlignCenter | Qt::TextWordWrap, m_placeholder);
    }
    painter->restore();
}

} // namespace lab
