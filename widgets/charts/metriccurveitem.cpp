#include "charts/metriccurveitem.h"

#include <QGraphicsScene>
#include <QGraphicsView>
#include <QPainter>
#include <QThreadPool>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include <algorithm>
#include <atomic>
#include <cmath>
#include <limits>
#include <optional>

namespace lab {

namespace {
// Below this many device pixels of width a second thread costs more than it saves.
constexpr int MinStripWidth = 256;
// At most this many strips (a 1920-px plot gets 7).
constexpr int MaxStrips = 8;

// floor() for coordinates the chart has already clamped to a few million pixels: a conversion
// and a correction instead of a libm call per vertex.
inline qint64 floorToInt(double v)
{
    const qint64 i = qint64(v);
    return i - qint64(v < double(i));
}

// A run of pixels set to one colour, four at a time where SSE2 is there (GCC leaves a 32-bit
// fill scalar at -O2, and these runs are most of what a dense chart writes).
inline void fillPixels(quint32 *px, qsizetype count, quint32 color)
{
    qsizetype i = 0;
#if defined(__SSE2__)
    const __m128i four = _mm_set1_epi32(int(color));
    for (; i + 4 <= count; i += 4)
        _mm_storeu_si128(reinterpret_cast<__m128i *>(px + i), four);
#endif
    for (; i < count; ++i)
        px[i] = color;
}

// Premultiplied source-over of one pixel (Qt's BYTE_MUL arithmetic).
inline quint32 blendOver(quint32 dst, quint32 src, quint32 inverseAlpha)
{
    quint32 rb = (dst & 0xff00ff) * inverseAlpha;
    rb = ((rb + ((rb >> 8) & 0xff00ff) + 0x800080) >> 8) & 0xff00ff;
    quint32 ag = ((dst >> 8) & 0xff00ff) * inverseAlpha;
    ag = (ag + ((ag >> 8) & 0xff00ff) + 0x800080) & 0xff00ff00;
    return src + (rb | ag);
}

// Aliased 1-px polylines as one vertical run of pixels per column: the union of what the
// polyline's segments cross in that column. A dense curve (a vertical stroke per column, from
// MetricChart) is nothing but such runs. They are written into a column-major buffer, where a
// run is contiguous memory rather than one cache line per pixel, and moved onto the image
// afterwards (ColumnBuffer::compositeOnto). Each pixel is written once per piece, so a
// translucent curve does not darken where its segments meet.
class SpanWriter
{
public:
    // The part of the buffer written since it was last composited.
    struct Dirty
    {
        int left = std::numeric_limits<int>::max(), right = -1;
        int top = std::numeric_limits<int>::max(), bottom = -1;
        bool isEmpty() const { return right < left; }
        QRect rect() const { return QRect(QPoint(left, top), QPoint(right, bottom)); }
    };

    // `columns`: the strip's column-major buffer (height values per column); clip in image pixels.
    SpanWriter(quint32 *columns, int height, const QRect &clip, const QColor &color, Dirty *dirty)
        : m_columns(columns), m_height(height), m_clip(clip), m_color(qPremultiply(color.rgba())),
          m_inverse(255 - qAlpha(m_color)), m_dirty(dirty)
    {
    }

    // Points in item coordinates, x non-decreasing, mapped to image pixels by x * sx + dx,
    // y * sy + dy on the way. One pass with the current column's extent in registers: a segment
    // inside the column widens it; one leaving it closes the column at the crossing's y, fills
    // any columns it passes over whole, and opens the column it ends in.
    void polyline(const QPointF *points, int count, double sx, double dx, double sy, double dy)
    {
        if (count <= 0)
            return;
        const qint64 clipLeft = m_clip.left(), clipRight = m_clip.right();
        double px = points[0].x() * sx + dx, py = points[0].y() * sy + dy;
        qint64 column = floorToInt(px);
        double lo = py, hi = py;
        for (int i = 1; i < count; ++i) {
            const double qx = points[i].x() * sx + dx, qy = points[i].y() * sy + dy;
            const qint64 qc = floorToInt(qx);
            if (qc == column) {
                lo = std::min(lo, qy);
                hi = std::max(hi, qy);
            } else {
                const double slope = (qy - py) / (qx - px);
                const double yLeave = py + (double(column + 1) - px) * slope;
                span(column, std::min(lo, yLeave), std::max(hi, yLeave));
                // Columns crossed whole (a steep or sparse stretch), within the clip only.
                const qint64 from = std::max(column + 1, clipLeft), to = std::min(qc - 1, clipRight);
                for (qint64 c = from; c <= to; ++c) {
                    const double ya = py + (double(c) - px) * slope;
                    const double yb = ya + slope;
                    span(c, std::min(ya, yb), std::max(ya, yb));
                }
                const double yEnter = py + (double(qc) - px) * slope;
                column = qc;
                lo = std::min(yEnter, qy);
                hi = std::max(yEnter, qy);
            }
            px = qx;
            py = qy;
        }
        span(column, lo, hi);
    }

private:
    void span(qint64 column, double lo, double hi)
    {
        if (column < m_clip.left() || column > m_clip.right())
            return;
        const qint64 top = std::max(floorToInt(lo), qint64(m_clip.top()));
        const qint64 bottom = std::min(floorToInt(hi), qint64(m_clip.bottom()));
        if (top > bottom)
            return;
        quint32 *px = m_columns + qsizetype(column) * m_height + top;
        const qsizetype rows = qsizetype(bottom - top) + 1;
        if (m_inverse == 0) {
            fillPixels(px, rows, m_color);
        } else {
            for (qsizetype r = 0; r < rows; ++r)
                px[r] = blendOver(px[r], m_color, m_inverse);
        }
        Dirty &d = *m_dirty;
        d.left = std::min(d.left, int(column));
        d.right = std::max(d.right, int(column));
        d.top = std::min(d.top, int(top));
        d.bottom = std::max(d.bottom, int(bottom));
    }

    quint32 *m_columns;
    qsizetype m_height;
    QRect m_clip;
    quint32 m_color;
    quint32 m_inverse;
    Dirty *m_dirty;
};

// Moves the written part of a column-major buffer onto the image (premultiplied source-over)
// and clears it for the next layers. Tiled so that both sides are read and written a cache
// line at a time.
void compositeColumns(quint32 *columns, int height, const QRect &dirty, uchar *bits, qsizetype stride)
{
    constexpr int Tile = 16;
    for (int r0 = dirty.top(); r0 <= dirty.bottom(); r0 += Tile) {
        const int r1 = std::min(dirty.bottom() + 1, r0 + Tile);
        for (int c0 = dirty.left(); c0 <= dirty.right(); c0 += Tile) {
            const int c1 = std::min(dirty.right() + 1, c0 + Tile);
            for (int c = c0; c < c1; ++c) {
                quint32 *col = columns + qsizetype(c) * height;
                for (int r = r0; r < r1; ++r) {
                    const quint32 src = col[r];
                    if (src == 0)
                        continue;
                    col[r] = 0;
                    auto *dst = reinterpret_cast<quint32 *>(bits + qsizetype(r) * stride) + c;
                    const quint32 inverse = 255 - qAlpha(src);
                    *dst = inverse == 0 ? src : blendOver(*dst, src, inverse);
                }
            }
        }
    }
}

} // namespace

MetricCurveItem::MetricCurveItem(QGraphicsItem *parent) : QGraphicsItem(parent)
{
    // The item never takes mouse input, so the chart view's own handling (legend clicks, our
    // zoom and pan) sees every event.
    setAcceptedMouseButtons(Qt::NoButton);
    setAcceptHoverEvents(false);
}

MetricCurveItem::~MetricCurveItem()
{
    finishRaster();
}

void MetricCurveItem::setArea(const QRectF &plotArea)
{
    if (plotArea == m_area)
        return;
    finishRaster();
    prepareGeometryChange();
    m_area = plotArea;
    m_cacheValid = false;
}

void MetricCurveItem::setLayers(std::vector<Layer> layers)
{
    finishRaster();
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
    finishRaster();
    m_antialiasing = on;
    m_cacheValid = false;
    update();
}

void MetricCurveItem::setThreadPool(QThreadPool *pool)
{
    finishRaster();
    m_pool = pool;
}

QRectF MetricCurveItem::boundingRect() const
{
    return m_area;
}

void MetricCurveItem::paintStrip(QImage &image, std::vector<quint32> &columns, const QRect &deviceStrip,
                                 const QTransform &toDevice) const
{
    image.setDevicePixelRatio(1);
    image.fill(Qt::transparent);
    // Spans go to the column buffer (cleared as it is composited), painter strokes straight to
    // the image; the buffer is composited before each painter layer, so layers keep their order.
    const int height = image.height();
    if (columns.size() != std::size_t(image.width()) * std::size_t(height))
        columns.assign(std::size_t(image.width()) * std::size_t(height), 0);
    SpanWriter::Dirty dirty;
    // Taken before the painter starts: composited spans and the painter's strokes then go to the
    // same, unshared pixels in layer order (the raster engine paints immediately).
    uchar *bits = image.bits();
    const qsizetype stride = image.bytesPerLine();
    const QRect clip =
        toDevice.mapRect(m_area).toAlignedRect().translated(-deviceStrip.topLeft()).intersected(image.rect());
    QPainter p(&image);
    p.setTransform(toDevice * QTransform::fromTranslate(-deviceStrip.left(), -deviceStrip.top()));
    p.setClipRect(m_area);
    p.setBrush(Qt::NoBrush);
    const auto compositeSpans = [&] {
        if (!dirty.isEmpty())
            compositeColumns(columns.data(), height, dirty.rect(), bits, stride);
        dirty = SpanWriter::Dirty();
    };
    // The strip's x range in item coordinates, one pixel wider on each side: a segment crossing
    // the strip's edge is drawn by both strips, each clipped to its own part.
    const QRectF logical = toDevice.inverted().mapRect(QRectF(deviceStrip));
    const double left = logical.left() - 1, right = logical.right() + 1;
    const QTransform toImage = toDevice * QTransform::fromTranslate(-deviceStrip.left(), -deviceStrip.top());
    for (const Layer &layer : m_layers) {
        const bool antialiased = m_antialiasing && layer.antialiased;
        const bool cosmeticOnePx =
            layer.pen.isCosmetic() && layer.pen.widthF() <= 1 && layer.pen.style() == Qt::SolidLine;
        std::optional<SpanWriter> spans;
        if (!antialiased && cosmeticOnePx) {
            spans.emplace(columns.data(), height, clip, layer.pen.color(), &dirty);
        } else {
            compositeSpans();
            p.setRenderHint(QPainter::Antialiasing, antialiased);
            p.setPen(layer.pen);
        }
        for (const QPolygonF &piece : layer.pieces) {
            const QPointF *begin = piece.constData();
            const QPointF *end = begin + piece.size();
            const QPointF *a =
                std::lower_bound(begin, end, left, [](const QPointF &pt, double x) { return pt.x() < x; });
            const QPointF *b =
                std::upper_bound(a, end, right, [](double x, const QPointF &pt) { return x < pt.x(); });
            if (a != begin)
                --a;
            if (b != end)
                ++b;
            const int count = int(b - a);
            if (count == 0)
                continue;
            if (spans) {
                spans->polyline(a, count, toImage.m11(), toImage.dx(), toImage.m22(), toImage.dy());
            } else if (count == 1) {
                p.drawPoint(*a);
            } else {
                p.drawPolyline(a, count);
            }
        }
    }
    compositeSpans();
}

void MetricCurveItem::layoutStrips(const QRect &deviceRect, const QTransform &toDevice)
{
    // More strips than threads, so that whoever is free takes the next one: the pool's threads
    // start early (prepareRaster()), the painting thread joins when it gets to the curves.
    const int width = deviceRect.width();
    const int strips = std::clamp(width / MinStripWidth, 1, MaxStrips);
    m_strips.resize(std::size_t(strips));
    m_stripRects.resize(std::size_t(strips));
    m_columnBuffers.resize(std::size_t(strips));
    for (int k = 0; k < strips; ++k) {
        const int x0 = width * k / strips, x1 = width * (k + 1) / strips;
        const QRect r(deviceRect.left() + x0, deviceRect.top(), x1 - x0, deviceRect.height());
        if (m_strips[std::size_t(k)].size() != r.size())
            m_strips[std::size_t(k)] = QImage(r.size(), QImage::Format_ARGB32_Premultiplied);
        m_stripRects[std::size_t(k)] = r;
    }
    m_rasterRect = deviceRect;
    m_rasterTransform = toDevice;
    m_nextStrip = 0;
}

void MetricCurveItem::rasterWork()
{
    // Each strip has its own image, column buffer and painter; the layers are only read.
    const int strips = int(m_strips.size());
    for (int k = m_nextStrip++; k < strips; k = m_nextStrip++)
        paintStrip(m_strips[std::size_t(k)], m_columnBuffers[std::size_t(k)], m_stripRects[std::size_t(k)],
                   m_rasterTransform);
}

int MetricCurveItem::helperThreads() const
{
    return m_pool ? std::min(m_pool->maxThreadCount(), int(m_strips.size()) - 1) : 0;
}

void MetricCurveItem::rasterise(const QRect &deviceRect, const QTransform &toDevice)
{
    finishRaster();
    layoutStrips(deviceRect, toDevice);
    for (int t = 0; t < helperThreads(); ++t)
        m_pool->start([this] { rasterWork(); });
    rasterWork();
    if (m_pool)
        m_pool->waitForDone();
    m_cacheRect = deviceRect;
    m_cacheTransform = toDevice;
    m_cacheValid = true;
}

void MetricCurveItem::prepareRaster()
{
    if (!m_pool || !m_painted || m_area.isEmpty() || m_rasterInFlight)
        return;
    // Only for a chart on screen: a hidden one is rasterised when it is next painted.
    const QList<QGraphicsView *> views = scene() ? scene()->views() : QList<QGraphicsView *>();
    if (views.isEmpty() || !views.first()->isVisible())
        return;
    if (m_cacheValid && m_cacheRect == m_lastDeviceRect && m_cacheTransform == m_lastToDevice)
        return; // nothing changed since the strips were made
    layoutStrips(m_lastDeviceRect, m_lastToDevice);
    const int helpers = helperThreads();
    if (helpers <= 0)
        return;
    m_cacheValid = false;
    m_rasterInFlight = true;
    for (int t = 0; t < helpers; ++t)
        m_pool->start([this] { rasterWork(); });
}

void MetricCurveItem::finishRaster()
{
    if (!m_rasterInFlight)
        return;
    m_rasterInFlight = false;
    if (m_pool)
        m_pool->waitForDone();
    // The helpers may have stopped early (a pool gone): finish what is left here.
    rasterWork();
    m_cacheRect = m_rasterRect;
    m_cacheTransform = m_rasterTransform;
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
        const QRect deviceRect(
            QPoint(int(std::floor(device.left())), int(std::floor(device.top()))),
            QPoint(int(std::ceil(device.right())) - 1, int(std::ceil(device.bottom())) - 1));
        m_lastDeviceRect = deviceRect;
        m_lastToDevice = toDevice;
        m_painted = true;
        if (m_rasterInFlight && m_rasterRect == deviceRect && m_rasterTransform == toDevice) {
            rasterWork(); // take the strips the pool has not started
            finishRaster();
        }
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
        finishRaster();
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
        painter->drawText(m_area.adjusted(12, 12, -12, -12), Qt::AlignCenter | Qt::TextWordWrap,
                          m_placeholder);
    }
    painter->restore();
}

} // namespace lab
