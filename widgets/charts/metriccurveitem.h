#pragma once

#include <QGraphicsItem>
#include <QImage>
#include <QPen>
#include <QPointer>
#include <QPolygonF>
#include <QThreadPool>
#include <QTransform>

#include <atomic>
#include <optional>
#include <vector>

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
    ~MetricCurveItem() override;

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
    // Starts rasterising the current layers on the thread pool, for the device geometry of the
    // last paint, so that the pool works while the scene paints the axes and legend under the
    // curves; paint() then takes the remaining strips itself and waits for the rest. Any change
    // to the item first waits for a raster in flight.
    void prepareRaster();

    QRectF boundingRect() const override;
    void paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *widget) override;

private:
    void rasterise(const QRect &deviceRect, const QTransform &toDevice);
    // Cuts deviceRect into strips and resets the strip counter.
    void layoutStrips(const QRect &deviceRect, const QTransform &toDevice);
    // Paints strips until none is left (on the pool's threads and the painting thread alike).
    void rasterWork();
    // Waits for a raster started by prepareRaster(); the strips then hold its result.
    void finishRaster();
    // How many pool threads help with a raster of the current strips.
    int helperThreads() const;
    void paintStrip(QImage &image, std::vector<quint32> &columns, const QRect &deviceStrip,
                    const QTransform &toDevice) const;

    QRectF m_area;
    std::vector<Layer> m_layers;
    QString m_placeholder;
    std::optional<QPointF> m_hover;
    QColor m_hoverColor;
    bool m_antialiasing = true;
    QPointer<QThreadPool> m_pool;

    // The rasterised curves: strips side by side covering m_cacheRect (device pixels).
    std::vector<QImage> m_strips;
    std::vector<QRect> m_stripRects;
    // Per strip, a column-major scratch image for aliased 1-px curves (see paintStrip); all zero
    // between uses.
    std::vector<std::vector<quint32>> m_columnBuffers;
    QRect m_cacheRect;
    QTransform m_cacheTransform;
    bool m_cacheValid = false;
    // The raster being made (synchronously, or ahead of paint by prepareRaster()).
    QRect m_rasterRect;
    QTransform m_rasterTransform;
    std::atomic<int> m_nextStrip{0};
    bool m_rasterInFlight = false;
    // The device geometry of the last paint through the cache (what prepareRaster() aims for).
    QRect m_lastDeviceRect;
    QTransform m_lastToDevice;
    bool m_painted = false;
};

} // namespace lab
