#pragma once

#include <QObject>
#include <QPointer>
#include <QString>
#include <QStringList>

#include <memory>

class QTimer;

namespace lab {

class TrackingService;

// Reads a run's log artifact (logs/output.log) through its TrackingStore, for runs whose log is
// not a file on this machine: a tracking server (through the mlflow-artifacts proxy) or an opened
// bundle. The store is only called on the TrackingService's worker thread; what changed comes
// back as text. Stores hand out whole artifacts, not ranges, so every read fetches the file
// (at most maxReadBytes) and the worker compares it with the last read: text that grew with the
// same beginning is appended, anything else replaces what is shown, and of that at most the last
// maxShownBytes are shown. While the run is RUNNING (and the view is shown) the log is read again
// every pollIntervalMs, backing off to maxPollIntervalMs while it does not change; a finished run
// gets a last read, then no more.
class StoreLogReader : public QObject
{
    Q_OBJECT
public:
    explicit StoreLogReader(QObject *parent = nullptr);
    ~StoreLogReader() override;

    static constexpr qint64 maxShownBytes = 16 * 1024 * 1024;
    // A larger log is refused by a server store (its body cap) or cut at this size by the others.
    static constexpr qint64 maxReadBytes = 32 * 1024 * 1024;
    static constexpr int defaultPollIntervalMs = 2000;
    static constexpr int defaultMaxPollIntervalMs = 10000;
    // Large texts reach the view in slices of this many characters, one per event-loop turn.
    static constexpr int sliceChars = 128 * 1024;
    static QString logArtifactPath() { return QStringLiteral("logs/output.log"); }

    // Starts reading the log of `runId` from `service` (reads begin once active). A null service
    // or an empty run id stops reading.
    void start(TrackingService *service, const QString &runId, bool running);
    void stop();
    // The run's state changed: a run that ended is read once more, then no more.
    void setRunning(bool running);
    // Nobody looks (the view is hidden): no reads; back in view: read at once when due.
    void setActive(bool active);
    void setPollIntervals(int intervalMs, int maxIntervalMs);

    TrackingService *service() const { return m_service; }
    QString runId() const { return m_runId; }
    bool isRunning() const { return m_running; }
    bool isActive() const { return m_active; }
    // True while a re-read is scheduled.
    bool isPolling() const;
    int currentIntervalMs() const { return m_intervalMs; }
    // Reads answered so far (for tests and the state line).
    int readCount() const { return m_reads; }

Q_SIGNALS:
    // The text shown so far is to be replaced by `text` (the first read, or a log that was
    // rewritten). truncatedBefore: earlier text was left out (over maxShownBytes).
    void textReplaced(const QString &text, bool truncatedBefore);
    // The log grew with the same beginning: `text` follows what was delivered before.
    void textAppended(const QString &text);
    // The store has no log for the run.
    void missing();
    // The read failed; `message` says why in words (what the server said).
    void failed(const QString &message);
    // After each successful read: whether it came from an offline copy (an offline cache).
    void offlineChanged(bool offline);

private:
    struct State;
    struct Outcome;
    void readNow();
    void onOutcome(quint64 generation, const Outcome &outcome);
    void schedule(int ms);
    void deliverSlices();

    QPointer<TrackingService> m_service;
    QString m_runId;
    std::shared_ptr<State> m_state; // used on the worker thread only, one read at a time
    QTimer *m_timer = nullptr;
    QTimer *m_sliceTimer = nullptr;
    QStringList m_slices; // text waiting to be appended, one slice per event-loop turn
    quint64 m_generation = 0;
    int m_baseIntervalMs = defaultPollIntervalMs;
    int m_maxIntervalMs = defaultMaxPollIntervalMs;
    int m_intervalMs = defaultPollIntervalMs;
    int m_reads = 0;
    bool m_running = false;
    bool m_active = false;
    bool m_inFlight = false;
    bool m_due = false; // a read is owed once active (start, the run ended, a hidden poll)
    bool m_offline = false;
};

} // namespace lab
