#pragma once

#include <QObject>
#include <QStringDecoder>

class QTimer;

namespace lab {

// Follows a growing log file on a worker thread: reads what was appended since the last look,
// decodes it as UTF-8 (invalid bytes become U+FFFD, a character split across reads is kept for
// the next one) and hands the text over by a queued signal. A file that shrank was rewritten:
// it is read again from the start. Only the last `initialTailBytes` of a large file are read at
// first, so opening a huge log stays quick.
class LogTailer : public QObject
{
    Q_OBJECT
public:
    explicit LogTailer(QObject *parent = nullptr);

    static constexpr qint64 initialTailBytes = 8 * 1024 * 1024;
    static constexpr qint64 maxReadBytes = 4 * 1024 * 1024;

public Q_SLOTS:
    // Starts following `path`; `generation` comes back with every signal so the view can drop
    // text of a file it no longer shows. An empty path stops following.
    void follow(const QString &path, quint64 generation, int intervalMs);
    void stop();

Q_SIGNALS:
    void textAppended(quint64 generation, const QString &text, bool truncatedBefore);
    void restarted(quint64 generation);
    void missing(quint64 generation);

private:
    void poll();

    QTimer *m_timer = nullptr;
    QString m_path;
    quint64 m_generation = 0;
    qint64 m_offset = 0;
    bool m_first = true;
    bool m_reportedMissing = false;
    QStringDecoder m_decoder{QStringDecoder::Utf8};
};

} // namespace lab
