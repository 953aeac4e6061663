#include "logview.h"

#include "logtailer.h"
#include "storelogreader.h"
#include "tracking/trackingservice.h"

#include <QCheckBox>
#include <QEvent>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QLabel>
#include <QPlainTextEdit>
#include <QScrollBar>
#include <QTextBlock>
#include <QTextCursor>
#include <QTextDocument>
#include <QVBoxLayout>

namespace lab {

LogView::LogView(QWidget *parent) : QWidget(parent)
{
    m_text = new QPlainTextEdit(this);
    m_text->setReadOnly(true);
    m_text->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_text->setMaximumBlockCount(maxLines);
    m_text->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_text->setUndoRedoEnabled(false);
    m_text->setObjectName(QStringLiteral("logText"));

    m_follow = new QCheckBox(this);
    m_follow->setChecked(true);
    m_follow->setObjectName(QStringLiteral("followCheck"));
    m_state = new QLabel(this);
    m_state->setObjectName(QStringLiteral("logState"));
    // Errors from a server can be long (what it said, and what to do): wrapped, and copyable.
    m_state->setWordWrap(true);
    m_state->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto *bar = new QHBoxLayout;
    bar->setContentsMargins(0, 0, 0, 0);
    bar->addWidget(m_state, 1);
    bar->addWidget(m_follow);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addLayout(bar);
    layout->addWidget(m_text, 1);

    connect(m_follow, &QCheckBox::toggled, this, [this](bool on) {
        if (on)
            scrollToEndIfFollowing();
    });
    // Scrolling away from the bottom means the user is reading: stop following.
    connect(m_text->verticalScrollBar(), &QScrollBar::valueChanged, this, [this](int value) {
        if (m_programmaticScroll)
            return;
        QScrollBar *bar = m_text->verticalScrollBar();
        if (value < bar->maximum() && m_follow->isChecked() && bar->isSliderDown())
            m_follow->setChecked(false);
    });

    m_tailer = new LogTailer;
    m_tailer->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, m_tailer, &QObject::deleteLater);
    connect(this, &LogView::followRequested, m_tailer, &LogTailer::follow, Qt::QueuedConnection);
    connect(m_tailer, &LogTailer::textAppended, this, &LogView::onText, Qt::QueuedConnection);
    connect(m_tailer, &LogTailer::restarted, this, &LogView::onRestarted, Qt::QueuedConnection);
    connect(m_tailer, &LogTailer::missing, this, &LogView::onMissing, Qt::QueuedConnection);
    m_thread.setObjectName(QStringLiteral("logtail"));
    m_thread.start();

    // Reads through a store happen only while the view is shown (showEvent/hideEvent).
    m_reader = new StoreLogReader(this);
    connect(m_reader, &StoreLogReader::textReplaced, this, [this](const QString &text, bool truncatedBefore) {
        m_text->clear();
        m_truncated = truncatedBefore;
        m_stateKind = State::Showing;
        retranslate();
        appendText(text);
    });
    connect(m_reader, &StoreLogReader::textAppended, this, [this](const QString &text) {
        if (m_stateKind != State::Showing) {
            m_stateKind = State::Showing;
            retranslate();
        }
        appendText(text);
    });
    connect(m_reader, &StoreLogReader::missing, this, [this] {
        m_text->clear();
        m_truncated = false;
        m_stateKind = State::StoreMissing;
        retranslate();
    });
    // The text shown so far stays: the next read that works replaces it.
    connect(m_reader, &StoreLogReader::failed, this, [this](const QString &message) {
        m_storeError = message;
        m_stateKind = State::StoreFailed;
        retranslate();
    });
    connect(m_reader, &StoreLogReader::offlineChanged, this, [this](bool offline) {
        m_storeOffline = offline;
        retranslate();
    });

    retranslate();
}

LogView::~LogView()
{
    m_thread.quit();
    m_thread.wait();
}

void LogView::setLogFile(const QString &runId, const QString &path)
{
    if (!m_fromStore && runId == m_runId && path == m_path)
        return;
    m_reader->stop();
    startNew(runId, path);
    m_stateKind = path.isEmpty() ? State::None : State::Waiting;
    retranslate();
    Q_EMIT followRequested(path, m_generation, m_intervalMs);
}

void LogView::setStoreLog(const QString &runId, TrackingService *service, RunStatus status)
{
    const bool running = !isTerminal(status);
    if (m_fromStore && runId == m_runId && service && service == m_reader->service()) {
        m_reader->setRunning(running);
        return;
    }
    if (!service || runId.isEmpty()) {
        clear();
        return;
    }
    startNew(runId, {});
    m_fromStore = true;
    m_storeUri = service->uri();
    m_stateKind = State::Waiting;
    retranslate();
    Q_EMIT followRequested({}, m_generation, m_intervalMs); // no file to tail
    m_reader->start(service, runId, running);
}

void LogView::startNew(const QString &runId, const QString &path)
{
    m_runId = runId;
    m_path = path;
    ++m_generation;
    m_text->clear();
    m_truncated = false;
    m_fromStore = false;
    m_storeUri.clear();
    m_storeError.clear();
    m_storeOffline = false;
}

TrackingService *LogView::storeService() const
{
    return m_fromStore ? m_reader->service() : nullptr;
}

void LogView::clear()
{
    setLogFile({}, {});
}

bool LogView::follow() const
{
    return m_follow->isChecked();
}

void LogView::setFollow(bool on)
{
    m_follow->setChecked(on);
}

int LogView::lineCount() const
{
    const int blocks = m_text->document()->blockCount();
    // A trailing newline leaves an empty last block that is not a line.
    return m_text->document()->lastBlock().text().isEmpty() ? blocks - 1 : blocks;
}

QString LogView::stateText() const
{
    return m_state->text();
}

void LogView::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

void LogView::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    m_reader->setActive(true);
}

void LogView::hideEvent(QHideEvent *event)
{
    QWidget::hideEvent(event);
    m_reader->setActive(false);
}

void LogView::retranslate()
{
    m_follow->setText(tr("Follow"));
    m_follow->setToolTip(tr("Keep the newest lines in view as they arrive"));
    switch (m_stateKind) {
    case State::None:
        m_state->setText(tr("Select a run to see its output."));
        break;
    case State::Waiting:
        m_state->setText(m_fromStore ? tr("Reading the log from %1…").arg(m_storeUri)
                                     : tr("Waiting for output…"));
        break;
    case State::Missing:
        m_state->setText(tr("This run has no log yet (%1).").arg(m_path));
        break;
    case State::StoreMissing:
        // A running run may still write one.
        m_state->setText(m_reader->isRunning()
                             ? tr("This run has no log yet (%1).").arg(StoreLogReader::logArtifactPath())
                             : tr("This run has no log (%1).").arg(StoreLogReader::logArtifactPath()));
        break;
    case State::StoreFailed:
        m_state->setText(m_storeError);
        break;
    case State::Showing: {
        QString where =
            m_fromStore ? tr("%1 in %2").arg(StoreLogReader::logArtifactPath(), m_storeUri) : m_path;
        if (m_truncated)
            where = tr("%1 (earlier output not shown)").arg(where);
        if (m_fromStore && m_storeOffline)
            where = tr("%1 (offline: the copy fetched earlier)").arg(where);
        m_state->setText(where);
        break;
    }
    }
}

void LogView::onText(quint64 generation, const QString &text, bool truncatedBefore)
{
    if (generation != m_generation)
        return;
    if (truncatedBefore)
        m_truncated = true;
    if (m_stateKind != State::Showing) {
        m_stateKind = State::Showing;
        retranslate();
    }
    appendText(text);
}

void LogView::appendText(const QString &text)
{
    if (text.isEmpty())
        return;
    // Insert at the end without moving the user's cursor or view: a partial last line is
    // continued, not broken into a new paragraph.
    QScrollBar *bar = m_text->verticalScrollBar();
    const int keep = bar->value();
    QTextCursor cursor(m_text->document());
    cursor.movePosition(QTextCursor::End);
    cursor.insertText(text);
    // At maxLines the document drops its first lines as new ones come: say so, as for a cut read.
    if (!m_truncated && m_text->document()->blockCount() >= maxLines) {
        m_truncated = true;
        retranslate();
    }
    if (m_follow->isChecked()) {
        scrollToEndIfFollowing();
    } else {
        m_programmaticScroll = true;
        bar->setValue(keep);
        m_programmaticScroll = false;
    }
}

void LogView::onRestarted(quint64 generation)
{
    if (generation == m_generation)
        m_text->clear();
}

void LogView::onMissing(quint64 generation)
{
    if (generation != m_generation)
        return;
    m_stateKind = State::Missing;
    retranslate();
}

void LogView::scrollToEndIfFollowing()
{
    if (!m_follow->isChecked())
        return;
    m_programmaticScroll = true;
    QScrollBar *bar = m_text->verticalScrollBar();
    bar->setValue(bar->maximum());
    m_programmaticScroll = false;
}

} // namespace lab
