#include "charts/gpucard.h"

#include "charts/gpuchart.h"

#include <QGridLayout>
#include <QLabel>
#include <QLocale>
#include <QVBoxLayout>

namespace lab {

GpuCard::GpuCard(int gpuIndex, QWidget *parent) : QFrame(parent), m_index(gpuIndex)
{
    setFrameShape(QFrame::StyledPanel);
    setObjectName(QStringLiteral("gpuCard%1").arg(gpuIndex));

    m_title = new QLabel(this);
    QFont titleFont = m_title->font();
    titleFont.setBold(true);
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.1);
    m_title->setFont(titleFont);
    m_title->setText(tr("GPU %1").arg(gpuIndex));

    auto makeValue = [this](const QString &name) {
        auto *label = new QLabel(this);
        label->setObjectName(name);
        label->setTextInteractionFlags(Qt::TextSelectableByMouse);
        return label;
    };
    m_utilization = makeValue(QStringLiteral("utilization"));
    m_memory = makeValue(QStringLiteral("memory"));
    m_temperature = makeValue(QStringLiteral("temperature"));
    m_power = makeValue(QStringLiteral("power"));
    m_owner = makeValue(QStringLiteral("owner"));
    m_owner->setTextInteractionFlags(Qt::TextBrowserInteraction);
    m_owner->setWordWrap(true);
    connect(m_owner, &QLabel::linkActivated, this, [this](const QString &link) {
        if (link.startsWith(QLatin1String("run:")))
            Q_EMIT runActivated(link.mid(4));
    });

    auto *figures = new QGridLayout;
    figures->setHorizontalSpacing(12);
    auto addRow = [&](int row, int col, const QString &caption, QLabel *value) {
        auto *c = new QLabel(caption, this);
        QPalette pal = c->palette();
        pal.setColor(QPalette::WindowText, pal.color(QPalette::PlaceholderText));
        c->setPalette(pal);
        figures->addWidget(c, row, col * 2);
        figures->addWidget(value, row, col * 2 + 1);
    };
    addRow(0, 0, tr("Utilisation"), m_utilization);
    addRow(0, 1, tr("Memory"), m_memory);
    addRow(1, 0, tr("Temperature"), m_temperature);
    addRow(1, 1, tr("Power"), m_power);
    figures->setColumnStretch(1, 1);
    figures->setColumnStretch(3, 1);

    m_chart = new GpuChart(this);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_title);
    layout->addLayout(figures);
    layout->addWidget(m_owner);
    layout->addWidget(m_chart, 1);

    showFigures(GpuSample{});
}

void GpuCard::setHistory(const QList<GpuSample> &samples)
{
    m_chart->setHistory(samples);
    if (!samples.isEmpty())
        showFigures(samples.last());
}

void GpuCard::setSample(const GpuSample &sample)
{
    m_chart->appendSample(sample);
    showFigures(sample);
}

QString GpuCard::formatBytes(qint64 bytes)
{
    return QLocale().formattedDataSize(bytes, 1, QLocale::DataSizeIecFormat);
}

void GpuCard::showFigures(const GpuSample &s)
{
    const QString unknown = tr("n/a");
    if (!s.name.isEmpty())
        m_title->setText(tr("GPU %1 · %2").arg(m_index).arg(s.name));
    m_utilization->setText(s.utilizationPercent >= 0 ? tr("%1 %").arg(qRound(s.utilizationPercent))
                                                     : unknown);
    if (s.memoryUsedBytes >= 0 && s.memoryTotalBytes > 0)
        m_memory->setText(tr("%1 / %2").arg(formatBytes(s.memoryUsedBytes), formatBytes(s.memoryTotalBytes)));
    else
        m_memory->setText(unknown);
    m_temperature->setText(s.temperatureC >= 0 ? tr("%1 °C").arg(qRound(s.temperatureC)) : unknown);
    m_power->setText(s.powerWatts >= 0 ? tr("%1 W").arg(s.powerWatts, 0, 'f', 0) : unknown);

    QString owner;
    const QString who = s.ownerName.isEmpty() ? s.ownerRunId : s.ownerName;
    if (!s.ownerRunId.isEmpty())
        owner = tr("Used by run <a href=\"run:%1\">%2</a>")
                    .arg(s.ownerRunId.toHtmlEscaped(), who.toHtmlEscaped());
    else if (!s.ownerJobId.isEmpty())
        owner =
            tr("Used by job %1").arg((s.ownerName.isEmpty() ? s.ownerJobId : s.ownerName).toHtmlEscaped());
    else if (!s.pids.isEmpty())
        owner = tr("Used by %n other process(es)", nullptr, int(s.pids.size()));
    else
        owner = tr("Idle");
    m_owner->setText(owner);
}

QString GpuCard::title() const
{
    return m_title->text();
}

QString GpuCard::utilizationText() const
{
    return m_utilization->text();
}

QString GpuCard::memoryText() const
{
    return m_memory->text();
}

QString GpuCard::temperatureText() const
{
    return m_temperature->text();
}

QString GpuCard::powerText() const
{
    return m_power->text();
}

QString GpuCard::ownerText() const
{
    return m_owner->text();
}

} // namespace lab
