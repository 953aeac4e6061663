#include "charts/parallelcoordinates.h"

#include <QLinearGradient>
#include <QMouseEvent>
#include <QPainter>
#include <QToolTip>

#include <algorithm>
#include <cmath>
#include <limits>

namespace lab {

namespace {

constexpr double NaN = std::numeric_limits<double>::quiet_NaN();
constexpr int TopMargin = 44;
constexpr int BottomMargin = 46; // room for the "missing" tick
constexpr int LeftMargin = 70;
constexpr int RightMargin = 130; // room for the colour ramp
constexpr double MissingGap = 24;
constexpr double HoverDistancePx = 6;

// Viridis, stopped short of its pale yellow end so every line stays readable on white.
const QList<QColor> &ramp()
{
    static const QList<QColor> stops = {QColor(0x44, 0x01, 0x54), QColor(0x3b, 0x52, 0x8b),
                                        QColor(0x21, 0x91, 0x8c), QColor(0x5e, 0xc9, 0x62),
                                        QColor(0xb5, 0xde, 0x2b)};
    return stops;
}

QColor rampAt(double t)
{
    const auto &stops = ramp();
    t = std::clamp(t, 0.0, 1.0) * double(stops.size() - 1);
    const int i = std::min(int(t), int(stops.size()) - 2);
    const double f = t - i;
    const QColor a = stops[i], b = stops[i + 1];
    return QColor::fromRgbF(float(a.redF() + (b.redF() - a.redF()) * f),
                            float(a.greenF() + (b.greenF() - a.greenF()) * f),
                            float(a.blueF() + (b.blueF() - a.blueF()) * f));
}

bool toNumber(const QString &s, double *out)
{
    bool ok = false;
    const double v = s.trimmed().toDouble(&ok);
    if (ok && std::isfinite(v))
        *out = v;
    return ok && std::isfinite(v);
}

double distanceToSegment(const QPointF &p, const QPointF &a, const QPointF &b)
{
    const QPointF ab = b - a;
    const double len2 = QPointF::dotProduct(ab, ab);
    const double t = len2 > 0 ? std::clamp(QPointF::dotProduct(p - a, ab) / len2, 0.0, 1.0) : 0.0;
    const QPointF q = a + t * ab;
    return std::hypot(p.x() - q.x(), p.y() - q.y());
}

QString formatNumber(double v)
{
    return QString::number(v, 'g', 4);
}

} // namespace

ParallelCoordinates::ParallelCoordinates(QWidget *parent) : QWidget(parent)
{
    setMouseTracking(true);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
    setBackgroundRole(QPalette::Base);
    setAutoFillBackground(true);
}

void ParallelCoordinates::setEntries(const QList<Entry> &entries)
{
    m_entries = entries;
    rebuild();
}

void ParallelCoordinates::setRuns(const QList<Run> &runs)
{
    QList<Entry> entries;
    entries.reserve(runs.size());
    for (const Run &run : runs) {
        Entry e;
        e.runId = run.info.runId;
        e.label = run.info.runName.isEmpty() ? run.info.runId : run.info.runName;
        for (const Param &p : run.params)
            e.params.insert(p.key, p.value);
        for (const MetricPoint &m : run.metrics)
            e.metrics.insert(m.key, m.value);
        entries.append(e);
    }
    setEntries(entries);
}

void ParallelCoordinates::setParameters(const QStringList &keys)
{
    m_paramKeys = keys;
    rebuild();
}

void ParallelCoordinates::setMetric(const QString &key)
{
    m_metricKey = key;
    rebuild();
}

double ParallelCoordinates::metricValue(const Entry &entry) const
{
    const auto it = entry.metrics.constFind(m_metricKey);
    return it == entry.metrics.cend() || !std::isfinite(*it) ? NaN : *it;
}

void ParallelCoordinates::rebuild()
{
    m_axes.clear();
    for (const QString &key : m_paramKeys) {
        Axis axis;
        axis.key = key;
        axis.title = key;
        QStringList values;
        bool numeric = true;
        double lo = std::numeric_limits<double>::infinity(), hi = -lo;
        for (const Entry &e : m_entries) {
            const auto it = e.params.constFind(key);
            if (it == e.params.cend())
                continue;
            values << *it;
            double v = 0;
            if (toNumber(*it, &v)) {
                lo = std::min(lo, v);
                hi = std::max(hi, v);
            } else {
                numeric = false;
            }
        }
        if (numeric && !values.isEmpty()) {
            axis.min = lo;
            axis.max = hi;
            axis.log = lo > 0 && hi / lo >= 100;
        } else {
            axis.categorical = true;
            values.removeDuplicates();
            std::sort(values.begin(), values.end());
            axis.categories = values;
        }
        m_axes.append(axis);
    }
    Axis metricAxis;
    metricAxis.key = m_metricKey;
    metricAxis.title = m_metricKey;
    metricAxis.isMetric = true;
    double lo = std::numeric_limits<double>::infinity(), hi = -lo;
    for (const Entry &e : m_entries) {
        const double v = metricValue(e);
        if (std::isnan(v))
            continue;
        lo = std::min(lo, v);
        hi = std::max(hi, v);
    }
    if (lo <= hi) {
        metricAxis.min = lo;
        metricAxis.max = hi;
    }
    m_metricMin = metricAxis.min;
    m_metricMax = metricAxis.max;
    if (!m_metricKey.isEmpty())
        m_axes.append(metricAxis);

    m_lines.clear();
    for (const Entry &e : m_entries) {
        QPolygonF line;
        for (int i = 0; i < m_axes.size(); ++i) {
            const double f = fraction(m_axes[i], e);
            const QRectF r = plotRect();
            line << QPointF(axisX(i), std::isnan(f) ? missingY() : r.bottom() - f * r.height());
        }
        m_lines.append(line);
    }
    if (!m_hovered.isEmpty() && !polylineRunIds().contains(m_hovered))
        m_hovered.clear();
    update();
}

QRectF ParallelCoordinates::plotRect() const
{
    return QRectF(rect()).adjusted(LeftMargin, TopMargin, -RightMargin, -(BottomMargin + MissingGap));
}

double ParallelCoordinates::axisX(int axis) const
{
    const QRectF r = plotRect();
    if (m_axes.size() <= 1)
        return r.center().x();
    return r.left() + r.width() * axis / double(m_axes.size() - 1);
}

double ParallelCoordinates::missingY() const
{
    return plotRect().bottom() + MissingGap;
}

bool ParallelCoordinates::isCategorical(int axis) const
{
    return axis >= 0 && axis < m_axes.size() && m_axes[axis].categorical;
}

double ParallelCoordinates::fraction(const Axis &axis, const Entry &entry) const
{
    if (axis.isMetric) {
        const double v = metricValue(entry);
        if (std::isnan(v))
            return NaN;
        return axis.max > axis.min ? (v - axis.min) / (axis.max - axis.min) : 0.5;
    }
    const auto it = entry.params.constFind(axis.key);
    if (it == entry.params.cend())
        return NaN;
    if (axis.categorical) {
        const qsizetype i = axis.categories.indexOf(*it);
        if (i < 0)
            return NaN;
        return axis.categories.size() == 1 ? 0.5 : double(i) / double(axis.categories.size() - 1);
    }
    double v = 0;
    if (!toNumber(*it, &v))
        return NaN;
    if (!(axis.max > axis.min))
        return 0.5;
    if (axis.log)
        return (std::log10(v) - std::log10(axis.min)) / (std::log10(axis.max) - std::log10(axis.min));
    return (v - axis.min) / (axis.max - axis.min);
}

QString ParallelCoordinates::valueText(const Axis &axis, const Entry &entry) const
{
    if (axis.isMetric) {
        const double v = metricValue(entry);
        return std::isnan(v) ? tr("missing") : formatNumber(v);
    }
    const auto it = entry.params.constFind(axis.key);
    return it == entry.params.cend() ? tr("missing") : *it;
}

QColor ParallelCoordinates::colorFor(double v) const
{
    if (std::isnan(v))
        return QColor(0xa0, 0xa0, 0xa0);
    return rampAt(m_metricMax > m_metricMin ? (v - m_metricMin) / (m_metricMax - m_metricMin) : 0.5);
}

QList<QPolygonF> ParallelCoordinates::polylines() const
{
    return m_lines;
}

QStringList ParallelCoordinates::polylineRunIds() const
{
    QStringList ids;
    for (const Entry &e : m_entries)
        ids << e.runId;
    return ids;
}

QString ParallelCoordinates::hoverText() const
{
    for (const Entry &e : m_entries) {
        if (e.runId != m_hovered)
            continue;
        QStringList lines{e.label};
        for (const Axis &axis : m_axes)
            lines << tr("%1: %2").arg(axis.title, valueText(axis, e));
        return lines.join(QLatin1Char('\n'));
    }
    return {};
}

QSize ParallelCoordinates::sizeHint() const
{
    return {800, 420};
}

QSize ParallelCoordinates::minimumSizeHint() const
{
    return {360, 220};
}

void ParallelCoordinates::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    rebuild();
}

QString ParallelCoordinates::nearestRun(const QPointF &pos) const
{
    double best = HoverDistancePx;
    QString id;
    for (int i = 0; i < m_lines.size(); ++i) {
        const QPolygonF &line = m_lines[i];
        for (qsizetype k = 1; k < line.size(); ++k) {
            const double d = distanceToSegment(pos, line[k - 1], line[k]);
            if (d < best) {
                best = d;
                id = m_entries[i].runId;
            }
        }
    }
    return id;
}

void ParallelCoordinates::mouseMoveEvent(QMouseEvent *event)
{
    const QString id = nearestRun(event->position());
    if (id == m_hovered)
        return;
    m_hovered = id;
    update();
    Q_EMIT runHovered(id);
    if (id.isEmpty())
        QToolTip::hideText();
    else
        QToolTip::showText(event->globalPosition().toPoint(), hoverText(), this);
}

void ParallelCoordinates::mousePressEvent(QMouseEvent *event)
{
    const QString id = nearestRun(event->position());
    if (!id.isEmpty() && event->button() == Qt::LeftButton)
        Q_EMIT runClicked(id);
}

void ParallelCoordinates::leaveEvent(QEvent *)
{
    if (m_hovered.isEmpty())
        return;
    m_hovered.clear();
    update();
    Q_EMIT runHovered(QString());
}

void ParallelCoordinates::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing, true);
    const QPalette pal = palette();
    const QColor text = pal.color(QPalette::Text);
    QColor faint = text;
    faint.setAlphaF(0.55);
    const QRectF r = plotRect();

    if (m_entries.isEmpty() || m_axes.isEmpty()) {
        p.setPen(faint);
        QFont f = font();
        f.setPointSizeF(f.pointSizeF() * 1.2);
        p.setFont(f);
        p.drawText(rect(), Qt::AlignCenter | Qt::TextWordWrap,
                   m_entries.isEmpty() ? tr("No runs to compare")
                                       : tr("Choose parameters and a metric to compare"));
        return;
    }

    // Lines first, the hovered one last and on top.
    int hoveredIndex = -1;
    for (int i = 0; i < m_lines.size(); ++i) {
        if (m_entries[i].runId == m_hovered) {
            hoveredIndex = i;
            continue;
        }
        QColor c = colorFor(metricValue(m_entries[i]));
        if (hoveredIndex >= 0 || !m_hovered.isEmpty())
            c.setAlphaF(0.25);
        else
            c.setAlphaF(0.85);
        p.setPen(QPen(c, 1.5));
        p.drawPolyline(m_lines[i]);
    }
    if (hoveredIndex >= 0) {
        p.setPen(QPen(colorFor(metricValue(m_entries[hoveredIndex])), 3.5));
        p.drawPolyline(m_lines[hoveredIndex]);
        p.setBrush(pal.base());
        for (const QPointF &pt : m_lines[hoveredIndex])
            p.drawEllipse(pt, 3.5, 3.5);
        p.setBrush(Qt::NoBrush);
    }

    // Axes over the lines, so their ticks stay readable.
    QFont small = font();
    small.setPointSizeF(small.pointSizeF() * 0.85);
    QFont bold = font();
    bold.setBold(true);
    const QFontMetrics fm(small);
    for (int i = 0; i < m_axes.size(); ++i) {
        const Axis &axis = m_axes[i];
        const double x = axisX(i);
        p.setPen(QPen(text, 1));
        p.drawLine(QPointF(x, r.top()), QPointF(x, r.bottom()));
        p.setFont(bold);
        const double titleWidth = std::max(80.0, r.width() / std::max<qsizetype>(1, m_axes.size()) - 8);
        p.drawText(QRectF(x - titleWidth / 2, 4, titleWidth, TopMargin - 14),
                   Qt::AlignHCenter | Qt::AlignBottom,
                   QFontMetrics(bold).elidedText(axis.title, Qt::ElideMiddle, int(titleWidth)));
        p.setFont(small);

        auto tick = [&](double f, const QString &label) {
            const double y = r.bottom() - f * r.height();
            p.setPen(QPen(text, 1));
            p.drawLine(QPointF(x - 4, y), QPointF(x, y));
            const QRectF box(x - 6 - 120, y - 9, 120, 18);
            // A halo keeps tick labels legible over the lines.
            const QString elided = fm.elidedText(label, Qt::ElideRight, 110);
            const QRectF bounds = fm.boundingRect(box.toRect(), Qt::AlignRight | Qt::AlignVCenter, elided);
            QColor halo = pal.color(QPalette::Base);
            halo.setAlphaF(0.8);
            p.fillRect(bounds.adjusted(-2, 0, 2, 0), halo);
            p.drawText(box, Qt::AlignRight | Qt::AlignVCenter, elided);
        };
        if (axis.categorical) {
            const qsizetype n = axis.categories.size();
            const qsizetype every = std::max<qsizetype>(1, n / std::max(1, int(r.height() / 18)));
            for (qsizetype k = 0; k < n; k += every)
                tick(n == 1 ? 0.5 : double(k) / double(n - 1), axis.categories[k]);
        } else if (axis.max > axis.min) {
            // The ends show the actual extremes; between them round values (decades on a log axis),
            // skipping those that would crowd an end.
            tick(0, formatNumber(axis.min));
            tick(1, formatNumber(axis.max));
            std::vector<double> inner;
            if (axis.log) {
                for (double d = std::ceil(std::log10(axis.min)); d <= std::floor(std::log10(axis.max));
                     d += 1)
                    inner.push_back(std::pow(10.0, d));
            } else {
                const double raw = (axis.max - axis.min) / 4;
                const double mag = std::pow(10.0, std::floor(std::log10(raw)));
                const double f = raw / mag;
                const double step = (f < 1.5 ? 1 : f < 3 ? 2 : f < 7 ? 5 : 10) * mag;
                for (double v = std::ceil(axis.min / step) * step; v < axis.max; v += step)
                    inner.push_back(v);
            }
            const double minGap = 22.0 / std::max(1.0, r.height());
            for (double v : inner) {
                const double f = axis.log ? (std::log10(v) - std::log10(axis.min)) /
                                                (std::log10(axis.max) - std::log10(axis.min))
                                          : (v - axis.min) / (axis.max - axis.min);
                if (f > minGap && f < 1 - minGap)
                    tick(f, formatNumber(v));
            }
        } else {
            tick(0.5, formatNumber(axis.min));
        }
        // The "missing" tick below the axis.
        const double my = missingY();
        p.setPen(QPen(faint, 1, Qt::DotLine));
        p.drawLine(QPointF(x, r.bottom()), QPointF(x, my));
        p.setPen(faint);
        p.drawLine(QPointF(x - 4, my), QPointF(x + 4, my));
        if (i == 0)
            p.drawText(QRectF(x - 6 - 120, my - 9, 120, 18), Qt::AlignRight | Qt::AlignVCenter,
                       tr("missing"));
    }

    // Colour ramp legend on the right.
    const QRectF bar(width() - RightMargin + 40, r.top(), 14, r.height());
    QLinearGradient gradient(bar.bottomLeft(), bar.topLeft());
    const auto &stops = ramp();
    for (int k = 0; k < stops.size(); ++k)
        gradient.setColorAt(double(k) / double(stops.size() - 1), stops[k]);
    p.fillRect(bar, gradient);
    p.setPen(text);
    p.drawRect(bar);
    p.setFont(small);
    p.drawText(QRectF(bar.right() + 4, bar.top() - 9, RightMargin - 60, 18), Qt::AlignLeft | Qt::AlignVCenter,
               formatNumber(m_metricMax));
    p.drawText(QRectF(bar.right() + 4, bar.bottom() - 9, RightMargin - 60, 18),
               Qt::AlignLeft | Qt::AlignVCenter, formatNumber(m_metricMin));
    p.drawText(QRectF(bar.left() - 30, bar.bottom() + 6, RightMargin - 20, 36),
               Qt::AlignLeft | Qt::AlignTop | Qt::TextWordWrap,
               fm.elidedText(m_metricKey, Qt::ElideRight, RightMargin - 20));
}

} // namespace lab
