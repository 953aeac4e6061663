#include "charts/gpupanel.h"

#include "charts/gpucard.h"

#include <QGridLayout>
#include <QLabel>
#include <QScrollArea>
#include <QVBoxLayout>

#include <algorithm>

namespace lab {

namespace {
constexpr int CardsPerRow = 2;
}

GpuPanel::GpuPanel(GpuTelemetry *telemetry, QWidget *parent) : QWidget(parent), m_telemetry(telemetry)
{
    m_message = new QLabel(this);
    m_message->setObjectName(QStringLiteral("gpuStateMessage"));
    m_message->setAlignment(Qt::AlignCenter);
    m_message->setWordWrap(true);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_message->setMargin(24);
    QFont f = m_message->font();
    f.setPointSizeF(f.pointSizeF() * 1.2);
    m_message->setFont(f);

    m_cardsHost = new QWidget;
    m_cardsLayout = new QGridLayout(m_cardsHost);
    m_cardsLayout->setAlignment(Qt::AlignTop);
    m_scroll = new QScrollArea(this);
    m_scroll->setWidgetResizable(true);
    m_scroll->setFrameShape(QFrame::NoFrame);
    m_scroll->setWidget(m_cardsHost);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_message);
    layout->addWidget(m_scroll, 1);

    if (m_telemetry) {
        connect(m_telemetry, &GpuTelemetry::stateChanged, this, &GpuPanel::onStateChanged);
        connect(m_telemetry, &GpuTelemetry::sampled, this, &GpuPanel::onSampled);
        for (const GpuSample &s : m_telemetry->latest())
            cardFor(s.index)->setHistory(m_telemetry->history(s.index));
    }
    showState();
}

void GpuPanel::onStateChanged(TelemetryState, const QString &)
{
    showState();
}

void GpuPanel::onSampled(const QList<GpuSample> &samples)
{
    for (const GpuSample &s : samples)
        cardFor(s.index)->setSample(s);
    showState();
}

GpuCard *GpuPanel::cardFor(int gpuIndex)
{
    if (GpuCard *c = card(gpuIndex))
        return c;
    auto *c = new GpuCard(gpuIndex, m_cardsHost);
    connect(c, &GpuCard::runActivated, this, &GpuPanel::runActivated);
    if (m_telemetry)
        c->setHistory(m_telemetry->history(gpuIndex));
    m_cards.append(c);
    std::sort(m_cards.begin(), m_cards.end(),
              [](GpuCard *a, GpuCard *b) { return a->gpuIndex() < b->gpuIndex(); });
    relayoutCards();
    return c;
}

void GpuPanel::relayoutCards()
{
    for (GpuCard *c : m_cards)
        m_cardsLayout->removeWidget(c);
    const int perRow = m_cards.size() == 1 ? 1 : CardsPerRow;
    for (int i = 0; i < m_cards.size(); ++i)
        m_cardsLayout->addWidget(m_cards[i], i / perRow, i % perRow);
}

void GpuPanel::showState()
{
    const TelemetryState state = m_telemetry ? m_telemetry->state() : TelemetryState::Error;
    const QString detail = m_telemetry ? m_telemetry->stateMessage() : QString();
    QString text;
    switch (state) {
    case TelemetryState::Available:
        if (m_cards.isEmpty())
            text = tr("Waiting for the first GPU sample…");
        break;
    case TelemetryState::Starting:
        if (m_cards.isEmpty())
            text = tr("Starting GPU telemetry…");
        break;
    case TelemetryState::NoDriver:
        text = tr("No NVIDIA driver found — GPU telemetry is unavailable on this machine.");
        if (!detail.isEmpty() && !detail.startsWith(QLatin1String("No NVIDIA driver found")))
            text += QLatin1Char('\n') + detail;
        break;
    case TelemetryState::NoGpu:
        text = tr("No NVIDIA GPU found on this machine.");
        if (!detail.isEmpty() && !detail.startsWith(QLatin1String("No NVIDIA GPU")))
            text += QLatin1Char('\n') + detail;
        break;
    case TelemetryState::Error:
        text = detail.isEmpty() ? tr("GPU telemetry is unavailable.")
                                : tr("GPU telemetry is unavailable: %1").arg(detail);
        break;
    }
    m_message->setText(text);
    m_message->setVisible(!text.isEmpty());
    // Old cards would show stale figures as if current: without telemetry there are none.
    const bool showCards = state == TelemetryState::Available || state == TelemetryState::Starting;
    m_scroll->setVisible(showCards && !m_cards.isEmpty());
}

QString GpuPanel::messageText() const
{
    return m_message->isVisibleTo(this) ? m_message->text() : QString();
}

int GpuPanel::cardCount() const
{
    return m_scroll->isVisibleTo(this) ? int(m_cards.size()) : 0;
}

GpuCard *GpuPanel::card(int gpuIndex) const
{
    for (GpuCard *c : m_cards)
        if (c->gpuIndex() == gpuIndex)
            return c;
    return nullptr;
}

} // namespace lab
