#pragma once

#include "telemetry/gputelemetry.h"

#include <QFrame>

QT_BEGIN_NAMESPACE
class QLabel;
QT_END_NAMESPACE

namespace lab {

class GpuChart;

// One GPU in the GPU panel: its name, the current figures and who holds it, over a chart of the
// last minutes.
class GpuCard : public QFrame
{
    Q_OBJECT
public:
    explicit GpuCard(int gpuIndex, QWidget *parent = nullptr);

    int gpuIndex() const { return m_index; }
    void setHistory(const QList<GpuSample> &samples);
    void setSample(const GpuSample &sample);

    QString title() const;
    QString utilizationText() const;
    QString memoryText() const;
    QString temperatureText() const;
    QString powerText() const;
    QString ownerText() const;
    GpuChart *chart() const { return m_chart; }

    // "5.1 GiB" style sizes for memory figures.
    static QString formatBytes(qint64 bytes);

Q_SIGNALS:
    // The owner's run was clicked.
    void runActivated(const QString &runId);

private:
    void showFigures(const GpuSample &s);

    int m_index = 0;
    QLabel *m_title = nullptr;
    QLabel *m_utilization = nullptr;
    QLabel *m_memory = nullptr;
    QLabel *m_temperature = nullptr;
    QLabel *m_power = nullptr;
    QLabel *m_owner = nullptr;
    GpuChart *m_chart = nullptr;
};

} // namespace lab
