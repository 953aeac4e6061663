#pragma once

#include "telemetry/gputelemetry.h"

#include <QList>
#include <QPointer>
#include <QWidget>

QT_BEGIN_NAMESPACE
class QLabel;
class QScrollArea;
class QGridLayout;
QT_END_NAMESPACE

namespace lab {

class GpuCard;

// The GPU panel: a card per GPU with its figures and a chart of the last minutes. When there is
// no driver, no GPU or the telemetry failed, the panel says so in words in place of the cards;
// it never opens a dialog.
class GpuPanel : public QWidget
{
    Q_OBJECT
public:
    // Observes `telemetry` (not owned); the panel follows its signals from now on.
    explicit GpuPanel(GpuTelemetry *telemetry, QWidget *parent = nullptr);

    // The state message shown instead of cards; empty while cards are shown.
    QString messageText() const;
    int cardCount() const;
    GpuCard *card(int gpuIndex) const;

Q_SIGNALS:
    // The user clicked the run that holds a GPU.
    void runActivated(const QString &runId);

private:
    void onStateChanged(TelemetryState state, const QString &message);
    void onSampled(const QList<GpuSample> &samples);
    void showState();
    GpuCard *cardFor(int gpuIndex);
    void relayoutCards();

    QPointer<GpuTelemetry> m_telemetry;
    QLabel *m_message = nullptr;
    QScrollArea *m_scroll = nullptr;
    QWidget *m_cardsHost = nullptr;
    QGridLayout *m_cardsLayout = nullptr;
    QList<GpuCard *> m_cards;
};

} // namespace lab
