#pragma once

#include <QThread>
#include <QWidget>

class QCheckBox;
class QLabel;
class QPlainTextEdit;

namespace lab {

class LogTailer;

// The combined stdout/stderr of a run (its logs/output.log artifact), followed live. The file is
// read on a worker thread (LogTailer); the text goes into a QPlainTextEdit that keeps at most
// maxLines lines, so a chatty run of millions of lines stays responsive. With "Follow" on, the
// view stays at the bottom as lines arrive; scrolling up turns it off.
class LogView : public QWidget
{
    Q_OBJECT
public:
    explicit LogView(QWidget *parent = nullptr);
    ~LogView() override;

    static constexpr int maxLines = 200000;

    // Shows the log file of a run; an empty path shows the "no log" state.
    void setLogFile(const QString &runId, const QString &path);
    void clear();
    QString runId() const { return m_runId; }
    QString logFile() const { return m_path; }

    bool follow() const;
    void setFollow(bool on);
    void setPollInterval(int ms) { m_intervalMs = ms; }

    QPlainTextEdit *textEdit() const { return m_text; }
    int lineCount() const;
    QString stateText() const;

protected:
    void changeEvent(QEvent *event) override;

Q_SIGNALS:
    void followRequested(const QString &path, quint64 generation, int intervalMs);

private:
    void retranslate();
    void onText(quint64 generation, const QString &text, bool truncatedBefore);
    void onRestarted(quint64 generation);
    void onMissing(quint64 generation);
    void scrollToEndIfFollowing();

    QThread m_thread;
    LogTailer *m_tailer = nullptr; // lives on m_thread
    QPlainTextEdit *m_text = nullptr;
    QCheckBox *m_follow = nullptr;
    QLabel *m_state = nullptr;
    QString m_runId;
    QString m_path;
    quint64 m_generation = 0;
    int m_intervalMs = 300;
    enum class State { None, Waiting, Showing, Missing } m_stateKind = State::None;
    bool m_truncated = false;
    bool m_programmaticScroll = false;
};

} // namespace lab
