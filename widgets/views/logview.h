#pragma once

#include "core/types.h"

#include <QThread>
#include <QWidget>

class QCheckBox;
class QLabel;
class QPlainTextEdit;

namespace lab {

class LogTailer;
class StoreLogReader;
class TrackingService;

// The combined stdout/stderr of a run (its logs/output.log artifact), followed live. The file is
// read on a worker thread (LogTailer); the text goes into a QPlainTextEdit that keeps at most
// maxLines lines, so a chatty run of millions of lines stays responsive. With "Follow" on, the
// view stays at the bottom as lines arrive; scrolling up turns it off.
// A run whose log is not a file here (a tracking server's run, a bundle's run) is read through
// its store instead (StoreLogReader): the same text, follow and limits; re-read while the run is
// RUNNING and the view is shown.
class LogView : public QWidget
{
    Q_OBJECT
public:
    explicit LogView(QWidget *parent = nullptr);
    ~LogView() override;

    static constexpr int maxLines = 200000;

    // Shows the log file of a run; an empty path shows the "no log" state.
    void setLogFile(const QString &runId, const QString &path);
    // Shows the log artifact of a run read through `service`'s store; called again for the same
    // run with its new status (a run that ended gets a last read).
    void setStoreLog(const QString &runId, TrackingService *service, RunStatus status);
    void clear();
    QString runId() const { return m_runId; }
    QString logFile() const { return m_path; }
    // The store the log is read through (setStoreLog), or nullptr for a file.
    TrackingService *storeService() const;
    StoreLogReader *storeReader() const { return m_reader; }

    bool follow() const;
    void setFollow(bool on);
    void setPollInterval(int ms) { m_intervalMs = ms; }

    QPlainTextEdit *textEdit() const { return m_text; }
    int lineCount() const;
    QString stateText() const;

protected:
    void changeEvent(QEvent *event) override;
    void showEvent(QShowEvent *event) override;
    void hideEvent(QHideEvent *event) override;

Q_SIGNALS:
    void followRequested(const QString &path, quint64 generation, int intervalMs);

private:
    void retranslate();
    void onText(quint64 generation, const QString &text, bool truncatedBefore);
    void onRestarted(quint64 generation);
    void onMissing(quint64 generation);
    void appendText(const QString &text);
    void scrollToEndIfFollowing();
    void startNew(const QString &runId, const QString &path);

    QThread m_thread;
    LogTailer *m_tailer = nullptr; // lives on m_thread
    StoreLogReader *m_reader = nullptr;
    QPlainTextEdit *m_text = nullptr;
    QCheckBox *m_follow = nullptr;
    QLabel *m_state = nullptr;
    QString m_runId;
    QString m_path;
    quint64 m_generation = 0;
    int m_intervalMs = 300;
    enum class State { None, Waiting, Showing, Missing, StoreMissing, StoreFailed } m_stateKind = State::None;
    bool m_fromStore = false; // the log is read through a store (setStoreLog), not a file
    QString m_storeUri;
    QString m_storeError; // StoreFailed: what went wrong, in words
    bool m_storeOffline = false;
    bool m_truncated = false;
    bool m_programmaticScroll = false;
};

} // namespace lab
