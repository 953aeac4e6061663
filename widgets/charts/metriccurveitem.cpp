#include "charts/metriccurveitem.h"

#include <QPainter>
#include <QThreadPool>

#include <algorithm>
#include <atomic>
#include <cmath>

namespace lab {

namespace {
// Below this many device pixels of width a second thread costs more than it saves.
constexpr int MinStripWidth = 256;
} // namespace

MetricCurveItem::MetricCurveItem(QGraphicsItem *parent)
    : QGraphicsItem(parent)
{
    // The item never takes mouse input, so the chart view's own handling (legend clicks, our
    // zoom and pan) sees every event.
    setAcceptedMouseButtons(Qt::NoButton);
    setAcceptHoverEvents(false);
}

void MetricCurveItem::setArea(const QRectF &plotArea)
{
    if (plotArea == m_area)
        return;
    prepareGeometryChange();
    m_area = plotArea;
    m_cacheValid = false;
}

void MetricCurveItem::setLayers(std::vector<Layer> layers)
{
    m_layers = std::move(layers);
    m_cacheValid = false;
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
    m_cacheValid = false;
    update();
}

void MetricCurveItem::setThreadPool(QThreadPool *pool)
{
    m_pool = pool;
}

QRectF MetricCurveItem::boundingRect() const
{
    return m_area;
}

void MetricCurveItem::paintStrip(QImage &image, const QRect &deviceStrip, const QTransform &toDevice) const
{
    image.setDevicePixelRatio(1);
    image.fill(Qt::transparent);
    QPainter p(&image);
    p.setTransform(toDevice * QTransform::fromTranslate(-deviceStrip.left(), -deviceStrip.top()));
    p.setClipRect(m_area);
    p.setBrush(Qt::NoBrush);
    // The strip's x range in item coordinates, one pixel wider on each side: a segment crossing
    // the strip's edge is drawn by both strips, each clipped to its own part.
    const QRectF logical = toDevice.inverted().mapRect(QRectF(deviceStrip));
    const double left = logical.left() - 1, right = logical.right() + 1;
    for (const Layer &layer : m_layers) {
        p.setRenderHint(QPainter::Antialiasing, m_antialiasing && layer.antialiased);
        p.setPen(layer.pen);
        for (const QPolygonF &piece : layer.pieces) {
            const QPointF *begin = piece.constData();
            const QPointF *end = begin + piece.size();
            const QPointF *a = std::lower_bound(begin, end, left, [](const QPointF &pt, double x) { return pt.x() < x; });
            const QPointF *b = std::upper_bound(a, end, right, [](double x, const QPointF &pt) { return x < pt.x(); });
            if (a != begin)
                --a;
            if (b != end)
                ++b;
            const int count = int(b - a);
            if (count == 1)
                p.drawPoint(*a);
            else if (count > 1)
                p.drawPolyline(a, count);
        }
    }
}

void MetricCurveItem::rasterise(const QRect &deviceRect, const QTransform &toDevice)
{
    const int width = deviceRect.width();
    const int threads = m_pool ? std::max(1, m_pool->maxThreadCount() + 1) : 1;
    const int strips = std::clamp(width / MinStripWidth, 1, threads);
    m_strips.resize(std::size_t(strips));
    m_stripRects.resize(std::size_t(strips));
    for (int k = 0; k < strips; ++k) {
        const int x0 = width * k / strips, x1 = width * (k + 1) / strips;
        const QRect r(deviceRect.left() + x0, deviceRect.top(), x1 - x0, deviceRect.height());
        if (m_strips[std::size_t(k)].size() != r.size())
            m_strips[std::size_t(k)] = QImage(r.size(), QImage::Format_ARGB32_Premultiplied);
        m_stripRects[std::size_t(k)] = r;
    }
    if (strips == 1) {
        paintStrip(m_strips[0], m_stripRects[0], toDevice);
    } else {
        // Each strip has its own image and painter; the layers are only read.
        std::atomic<int> next{0};
        auto work = [this, &next, strips, &toDevice] {
            for (int k = next++; k < strips; k = next++)
                paintStrip(m_strips[std::size_t(k)], m_stripRects[std::size_t(k)], toDevice);
        };
        for (int t = 1; t < strips; ++t)
            m_pool->start(work);
        work();
        m_pool->waitForDone();
    }
    m_cacheRect = deviceRect;
    m_cacheTransform = toDevice;
    m_cacheValid = true;
}

void MetricCurveItem::paint(QPainter *painter, const QStyleOptionGraphicsItem *, QWidget *)
{
    if (m_area.isEmpty())
        return;
    const QTransform world = painter->worldTransform();
    if (world.type() <= QTransform::TxTranslate) {
        // The cache lives in device pixels on whole-pixel bounds, so copying it is a plain blend
        // with no resampling.
        const qreal dpr = painter->device() ? painter->device()->devicePixelRatio() : 1.0;
        const QTransform toDevice = world * QTransform::fromScale(dpr, dpr);
        const QRectF device = toDevice.mapRect(m_area);
        const QRect deviceRect(QPoint(int(std::floor(device.left())), int(std::floor(device.top()))),
                               QPoint(int(std::ceil(device.right())) - 1, int(std::ceil(device.bottom())) - 1));
        if (!m_cacheValid || m_cacheRect != deviceRect || m_cacheTransform != toDevice)
            rasterise(deviceRect, toDevice);
        painter->save();
        painter->setWorldTransform(QTransform());
        for (std::size_t k = 0; k < m_strips.size(); ++k) {
            m_strips[k].setDevicePixelRatio(dpr);
            painter->drawImage(QPointF(m_stripRects[k].topLeft()) / dpr, m_strips[k]);
        }
        painter->restore();
    } else {
        // Rotated or sheared output: draw directly.
        painter->save();
        painter->setClipRect(m_area);
        painter->setBrush(Qt::NoBrush);
        for (const Layer &layer : m_layers) {
            painter->setRenderHint(QPainter::Antialiasing, m_antialiasing && layer.antialiased);
            painter->setPen(layer.pen);
            for (const QPolygonF &piece : layer.pieces)
                painter->drawPolyline(piece);
        }
        painter->restore();
    }

    painter->save();
    painter->setClipRect(m_area);
    painter->setRenderHint(QPainter::Antialiasing, true);
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
