#include "storelogreader.h"

#include "tracking/trackingservice.h"
#include "tracking/trackingstore.h"

#include <QLoggingCategory>
#include <QStringDecoder>
#include <QTimer>

#include <algorithm>

Q_LOGGING_CATEGORY(lcStoreLog, "labconsole.storelog")

namespace lab {

namespace {

bool isServer(const QString &uri)
{
    return uri.startsWith(QLatin1String("http://"), Qt::CaseInsensitive) ||
           uri.startsWith(QLatin1String("https://"), Qt::CaseInsensitive);
}

QStringList slice(const QString &text)
{
    QStringList out;
    for (qsizetype at = 0; at < text.size(); at += StoreLogReader::sliceChars)
        out << text.mid(at, StoreLogReader::sliceChars);
    return out;
}

} // namespace

// What the worker remembers between reads of one run's log: the bytes last read (to tell growth
// from a rewrite) and the decoder, which holds a UTF-8 sequence split at the end of the last read.
struct StoreLogReader::State
{
    QByteArray seen;
    QStringDecoder decoder{QStringDecoder::Utf8};
    bool first = true;
};

struct StoreLogReader::Outcome
{
    enum Kind { Unchanged, Replace, Append, Missing, Failed } kind = Unchanged;
    // The text in slices of at most sliceChars, cut on the worker: copying megabytes is not
    // work for the UI thread either.
    QStringList slices;
    bool truncatedBefore = false;
    bool offline = false;
    QString error;
};

StoreLogReader::StoreLogReader(QObject *parent) : QObject(parent)
{
    m_timer = new QTimer(this);
    m_timer->setSingleShot(true);
    connect(m_timer, &QTimer::timeout, this, [this] {
        if (m_active)
            readNow();
        else
            m_due = true;
    });
    m_sliceTimer = new QTimer(this);
    m_sliceTimer->setInterval(0);
    connect(m_sliceTimer, &QTimer::timeout, this, &StoreLogReader::deliverSlices);
}

StoreLogReader::~StoreLogReader() = default;

void StoreLogReader::start(TrackingService *service, const QString &runId, bool running)
{
    stop();
    if (!service || runId.isEmpty())
        return;
    m_service = service;
    m_runId = runId;
    m_running = running;
    m_state = std::make_shared<State>();
    m_due = true;
    if (m_active)
        readNow();
}

void StoreLogReader::stop()
{
    // Answers to reads made before this belong to another generation and are dropped.
    ++m_generation;
    m_timer->stop();
    m_sliceTimer->stop();
    m_slices.clear();
    m_service.clear();
    m_runId.clear();
    m_state.reset();
    m_inFlight = false;
    m_due = false;
    m_running = false;
    m_offline = false;
    m_intervalMs = m_baseIntervalMs;
    m_reads = 0;
}

void StoreLogReader::setRunning(bool running)
{
    if (running == m_running || !m_service)
        return;
    m_running = running;
    m_intervalMs = m_baseIntervalMs;
    // Ended (or started again): read now, so the last lines show without waiting for the backoff.
    m_timer->stop();
    m_due = true;
    if (m_active && !m_inFlight)
        readNow();
}

void StoreLogReader::setActive(bool active)
{
    if (active == m_active)
        return;
    m_active = active;
    if (!active) {
        // A scheduled re-read waits until the view is back.
        if (m_timer->isActive()) {
            m_timer->stop();
            m_due = true;
        }
        return;
    }
    if (m_due && m_service && !m_inFlight)
        readNow();
}

void StoreLogReader::setPollIntervals(int intervalMs, int maxIntervalMs)
{
    m_baseIntervalMs = std::max(10, intervalMs);
    m_maxIntervalMs = std::max(m_baseIntervalMs, maxIntervalMs);
    m_intervalMs = std::clamp(m_intervalMs, m_baseIntervalMs, m_maxIntervalMs);
}

bool StoreLogReader::isPolling() const
{
    return m_timer->isActive() || m_inFlight || (m_due && m_service);
}

void StoreLogReader::readNow()
{
    if (!m_service || !m_state)
        return;
    if (m_inFlight) {
        m_due = true; // read again when this one answers
        return;
    }
    m_due = false;
    m_timer->stop();
    m_inFlight = true;
    const quint64 generation = m_generation;
    const QString runId = m_runId;
    auto state = m_state;
    auto out = std::make_shared<Outcome>();
    m_service->post(
        [runId, state, out](TrackingStore &store) {
            // One more byte than the cap tells a log that was cut at the cap from one that fits.
            Result<QByteArray> r = store.readArtifact(runId, logArtifactPath(), maxReadBytes + 1);
            out->offline = store.isOffline();
            if (!r) {
                const Error &e = r.error();
                if (e.code == QLatin1String("RESOURCE_DOES_NOT_EXIST") || e.httpStatus == 404) {
                    out->kind = Outcome::Missing;
                } else {
                    out->kind = Outcome::Failed;
                    out->error = e.toString();
                }
                qCDebug(lcStoreLog) << "log of" << runId << "not read:" << e.code << e.message;
                state->seen.clear();
                state->first = true;
                return;
            }
            QByteArray data = std::move(r.value());
            if (data.size() > maxReadBytes)
                data.truncate(maxReadBytes);
            if (!state->first && data == state->seen)
                return; // Unchanged
            if (!state->first && data.size() > state->seen.size() && data.startsWith(state->seen)) {
                out->kind = Outcome::Append;
                out->slices = slice(state->decoder.decode(QByteArrayView(data).sliced(state->seen.size())));
                state->seen = std::move(data);
                return;
            }
            // First read, or the log was rewritten (shorter, or another beginning): show its tail.
            out->kind = Outcome::Replace;
            state->first = false;
            state->decoder.resetState();
            const bool cut = data.size() > maxShownBytes;
            QByteArrayView shown(data);
            if (cut)
                shown = shown.last(maxShownBytes);
            QString text = state->decoder.decode(shown);
            if (cut) {
                // Start at a line boundary after the cut.
                const qsizetype nl = text.indexOf(QLatin1Char('\n'));
                text = nl >= 0 ? text.mid(nl + 1) : QString();
            }
            out->slices = slice(text);
            out->truncatedBefore = cut;
            state->seen = std::move(data);
        },
        this, [this, generation, out] { onOutcome(generation, *out); });
}

void StoreLogReader::onOutcome(quint64 generation, const Outcome &outcome)
{
    if (generation != m_generation)
        return;
    m_inFlight = false;
    ++m_reads;
    switch (outcome.kind) {
    case Outcome::Unchanged:
        break;
    case Outcome::Replace: {
        // A large text goes in by slices so that no single event-loop turn inserts megabytes.
        m_slices = outcome.slices;
        const QString first = m_slices.isEmpty() ? QString() : m_slices.takeFirst();
        Q_EMIT textReplaced(first, outcome.truncatedBefore);
        if (m_slices.isEmpty())
            m_sliceTimer->stop();
        else
            m_sliceTimer->start();
        break;
    }
    case Outcome::Append:
        m_slices += outcome.slices;
        if (!m_slices.isEmpty() && !m_sliceTimer->isActive())
            deliverSlices();
        break;
    case Outcome::Missing:
        Q_EMIT missing();
        break;
    case Outcome::Failed:
        Q_EMIT failed(isServer(m_service ? m_service->uri() : QString())
                          ? tr("Could not read the log from the server: %1").arg(outcome.error)
                          : tr("Could not read the log: %1").arg(outcome.error));
        break;
    }
    if (outcome.kind != Outcome::Missing && outcome.kind != Outcome::Failed && outcome.offline != m_offline) {
        m_offline = outcome.offline;
        Q_EMIT offlineChanged(m_offline);
    }

    // What next: a running run is read again, soon after a change and less often while nothing
    // changes (or the log is missing or unreadable); a finished run has had its last read.
    const bool changed = outcome.kind == Outcome::Replace || outcome.kind == Outcome::Append;
    m_intervalMs = changed ? m_baseIntervalMs : std::min(m_intervalMs * 2, m_maxIntervalMs);
    if (m_due)
        schedule(0);
    else if (m_running)
        schedule(m_intervalMs);
}

void StoreLogReader::schedule(int ms)
{
    m_due = false;
    if (!m_active) {
        m_due = true;
        return;
    }
    m_timer->start(ms);
}

void StoreLogReader::deliverSlices()
{
    if (m_slices.isEmpty()) {
        m_sliceTimer->stop();
        return;
    }
    Q_EMIT textAppended(m_slices.takeFirst());
    if (m_slices.isEmpty())
        m_sliceTimer->stop();
    else if (!m_sliceTimer->isActive())
        m_sliceTimer->start();
}

} // namespace lab
