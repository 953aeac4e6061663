#include "logtailer.h"

#include <QFile>
#include <QTimer>

namespace lab {

LogTailer::LogTailer(QObject *parent) : QObject(parent) {}

void LogTailer::follow(const QString &path, quint64 generation, int intervalMs)
{
    if (!m_timer) {
        m_timer = new QTimer(this);
        connect(m_timer, &QTimer::timeout, this, &LogTailer::poll);
    }
    m_path = path;
    m_generation = generation;
    m_offset = 0;
    m_first = true;
    m_reportedMissing = false;
    m_decoder.resetState();
    if (path.isEmpty()) {
        m_timer->stop();
        return;
    }
    m_timer->start(intervalMs);
    poll();
}

void LogTailer::stop()
{
    if (m_timer)
        m_timer->stop();
    m_path.clear();
}

void LogTailer::poll()
{
    if (m_path.isEmpty())
        return;
    QFile file(m_path);
    if (!file.open(QIODevice::ReadOnly)) {
        if (!m_reportedMissing) {
            m_reportedMissing = true;
            Q_EMIT missing(m_generation);
        }
        return;
    }
    m_reportedMissing = false;
    const qint64 size = file.size();
    if (size < m_offset) {
        m_offset = 0;
        m_decoder.resetState();
        Q_EMIT restarted(m_generation);
    }
    bool truncated = false;
    if (m_first) {
        m_first = false;
        if (size > initialTailBytes) {
            m_offset = size - initialTailBytes;
            truncated = true;
        }
    }
    // Large backlogs arrive in slices so the UI thread inserts them a piece at a time.
    while (m_offset < size) {
        if (!file.seek(m_offset))
            return;
        const QByteArray bytes = file.read(std::min(maxReadBytes, size - m_offset));
        if (bytes.isEmpty())
            return;
        m_offset += bytes.size();
        QString text = m_decoder.decode(bytes);
        if (truncated) {
            // Start at a line boundary after the cut.
            const int nl = text.indexOf(QLatin1Char('\n'));
            text = nl >= 0 ? text.mid(nl + 1) : QString();
        }
        if (!text.isEmpty() || truncated)
            Q_EMIT textAppended(m_generation, text, truncated);
        truncated = false;
    }
}

} // namespace lab
