#include "charts/gpuchart.h"

#include <QPainter>
#include <QPainterPath>

namespace lab {

namespace {
constexpr int LeftMargin = 38;
constexpr int RightMargin = 8;
constexpr int TopMargin = 20;
constexpr int BottomMargin = 18;
} // namespace

GpuChart::GpuChart(QWidget *parent) : QWidget(parent)
{
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
}

void GpuChart::setHistory(const QList<GpuSample> &samples)
{
    m_samples = samples;
    trim();
    update();
}

void GpuChart::appendSample(const GpuSample &sample)
{
    if (!m_samples.isEmpty() && sample.timestampMs < m_samples.last().timestampMs)
        return; // an old sample re-sent: the history already has it
    if (!m_samples.isEmpty() && sample.timestampMs == m_samples.last().timestampMs)
        m_samples.last() = sample;
    else
        m_samples.append(sample);
    trim();
    update();
}

void GpuChart::setWindowMs(qint64 ms)
{
    m_windowMs = std::max<qint64>(ms, 1000);
    trim();
    update();
}

void GpuChart::trim()
{
    if (m_samples.isEmpty())
        return;
    const qint64 oldest = m_samples.last().timestampMs - m_windowMs;
    qsizetype drop = 0;
    // Keep one sample before the window so the line reaches the left edge.
    while (drop + 1 < m_samples.size() && m_samples[drop + 1].timestampMs <= oldest)
        ++drop;
    if (drop > 0)
        m_samples.remove(0, drop);
}

QColor GpuChart::utilizationColor()
{
    return QColor(0x1f, 0x77, 0xb4);
}

QColor GpuChart::memoryColor()
{
    return QColor(0xe6, 0x7e, 0x22);
}

QRectF GpuChart::plotRect() const
{
    return QRectF(rect()).adjusted(LeftMargin, TopMargin, -RightMargin, -BottomMargin);
}

QList<QPolygonF> GpuChart::utilizationPolylines() const
{
    return polylines(false);
}

QList<QPolygonF> GpuChart::memoryPolylines() const
{
    return polylines(true);
}

QList<QPolygonF> GpuChart::polylines(bool memory) const
{
    QList<QPolygonF> out;
    if (m_samples.isEmpty())
        return out;
    const QRectF r = plotRect();
    const qint64 now = m_samples.last().timestampMs;
    QPolygonF piece;
    for (const GpuSample &s : m_samples) {
        double percent = -1;
        if (memory) {
            if (s.memoryUsedBytes >= 0 && s.memoryTotalBytes > 0)
                percent = 100.0 * double(s.memoryUsedBytes) / double(s.memoryTotalBytes);
        } else {
            percent = s.utilizationPercent;
        }
        if (percent < 0) { // not reported: a gap, not a drop to zero
            if (!piece.isEmpty())
                out.append(std::exchange(piece, QPolygonF()));
            continue;
        }
        const double x = r.right() - double(now - s.timestampMs) / double(m_windowMs) * r.width();
        const double y = r.bottom() - std::clamp(percent, 0.0, 100.0) / 100.0 * r.height();
        piece.append(QPointF(x, y));
    }
    if (!piece.isEmpty())
        out.append(std::move(piece));
    return out;
}

QSize GpuChart::sizeHint() const
{
    return {360, 140};
}

QSize GpuChart::minimumSizeHint() const
{
    return {160, 90};
}

void GpuChart::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing, true);
    const QRectF r = plotRect();
    const QPalette pal = palette();
    p.fillRect(rect(), pal.base());

    QFont small = font();
    small.setPointSizeF(small.pointSizeF() * 0.85);
    p.setFont(small);
    const QColor textColor = pal.color(QPalette::Text);
    QColor grid = textColor;
    grid.setAlphaF(0.15);

    for (int percent : {0, 50, 100}) {
        const double y = r.bottom() - percent / 100.0 * r.height();
        p.setPen(QPen(grid, 0));
        p.drawLine(QPointF(r.left(), y), QPointF(r.right(), y));
        p.setPen(textColor);
        p.drawText(QRectF(0, y - 8, LeftMargin - 4, 16), Qt::AlignRight | Qt::AlignVCenter,
                   tr("%1 %").arg(percent));
    }
    const int minutes = int(m_windowMs / 60000);
    p.drawText(QRectF(r.left(), r.bottom() + 2, r.width(), BottomMargin - 2), Qt::AlignLeft | Qt::AlignTop,
               minutes > 0 ? tr("−%1 min").arg(minutes) : tr("−%1 s").arg(m_windowMs / 1000));
    p.drawText(QRectF(r.left(), r.bottom() + 2, r.width(), BottomMargin - 2), Qt::AlignRight | Qt::AlignTop,
               tr("now"));

    // Legend above the plot.
    double x = r.left();
    for (const auto &[label, color] :
         {std::pair{tr("Utilisation"), utilizationColor()}, std::pair{tr("Memory used"), memoryColor()}}) {
        p.fillRect(QRectF(x, 6, 10, 10), color);
        x += 14;
        p.setPen(textColor);
        const double w = p.fontMetrics().horizontalAdvance(label);
        p.drawText(QRectF(x, 0, w + 4, TopMargin), Qt::AlignLeft | Qt::AlignVCenter, label);
        x += w + 16;
    }

    p.setClipRect(r.adjusted(-1, -2, 1, 2));
    for (bool memory : {true, false}) {
        const QColor c = memory ? memoryColor() : utilizationColor();
        // Memory is filled lightly so the two lines stay apart when they overlap.
        for (const QPolygonF &piece : polylines(memory)) {
            if (memory && piece.size() > 1) {
                QPolygonF area = piece;
                area << QPointF(piece.last().x(), r.bottom()) << QPointF(piece.first().x(), r.bottom());
                QColor fill = c;
                fill.setAlphaF(0.15);
                p.setPen(Qt::NoPen);
                p.setBrush(fill);
                p.drawPolygon(area);
            }
            p.setBrush(Qt::NoBrush);
            p.setPen(QPen(c, 1.5));
            if (piece.size() == 1)
                p.drawPoint(piece.first());
            else
                p.drawPolyline(piece);
        }
    }
    if (m_samples.isEmpty()) {
        p.setPen(textColor);
        p.drawText(r, Qt::AlignCenter, tr("No samples yet"));
    }
}

} // namespace lab
