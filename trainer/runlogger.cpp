#include "runlogger.h"

#include "tracking/trackingstore.h"
#include "tracking/trackingstorefactory.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QHash>
#include <QRandomGenerator>
#include <QSet>
#include <QThread>

#include <cmath>

namespace lab {

namespace {

QString tr(const char *text, const char *disambiguation = nullptr, int n = -1)
{
    return QCoreApplication::translate("lab::Trainer", text, disambiguation, n);
}

// The same point: step and timestamp exactly, the value as a JSON round trip leaves it.
bool samePoint(const MetricPoint &a, const MetricPoint &b)
{
    if (a.step != b.step || a.timestamp != b.timestamp)
        return false;
    if (std::isnan(a.value) || std::isnan(b.value))
        return std::isnan(a.value) && std::isnan(b.value);
    if (a.value == b.value)
        return true;
    return std::abs(a.value - b.value) <= 1e-12 * std::max(std::abs(a.value), std::abs(b.value));
}

template <typename T> QList<QList<T>> chunks(const QList<T> &items, qsizetype size)
{
    QList<QList<T>> out;
    for (qsizetype i = 0; i < items.size(); i += size)
        out.append(items.mid(i, size));
    return out;
}

} // namespace

RunLogger::Environment RunLogger::Environment::fromProcess()
{
    Environment e;
    e.trackingUri = qEnvironmentVariable("MLFLOW_TRACKING_URI").trimmed();
    e.runId = qEnvironmentVariable("MLFLOW_RUN_ID").trimmed();
    e.experimentName = qEnvironmentVariable("MLFLOW_EXPERIMENT_NAME").trimmed();
    e.experimentId = qEnvironmentVariable("MLFLOW_EXPERIMENT_ID").trimmed();
    return e;
}

RunLogger::RunLogger(std::unique_ptr<TrackingStore> store, QString runId)
    : m_store(std::move(store)), m_runId(std::move(runId)), m_retry(RetrySettings::fromEnvironment())
{
    m_sinceFlush.start();
}

RunLogger::~RunLogger() = default;

Result<std::unique_ptr<RunLogger>> RunLogger::open(const Environment &env, const QString &runName,
                                                   const QList<Tag> &tags, const QString &userId)
{
    const QString uri = resolveTrackingUri(env.trackingUri);
    auto opened = openTrackingStore(uri);
    if (!opened)
        return opened.error();
    std::unique_ptr<TrackingStore> store = std::move(opened.value());

    if (!env.runId.isEmpty()) {
        auto run = store->getRun(env.runId);
        if (!run) {
            Error e = run.error();
            e.message = tr("The run %1 named by MLFLOW_RUN_ID cannot be opened in %2: %3")
                            .arg(env.runId, uri, run.error().message);
            return e;
        }
        if (run->info.status != RunStatus::Running) {
            const Status s = store->updateRun(env.runId, RunStatus::Running, 0);
            if (!s.ok())
                return s.error();
        }
        return std::make_unique<RunLogger>(std::move(store), env.runId);
    }

    QString experimentId = env.experimentId;
    if (experimentId.isEmpty()) {
        const QString name = env.experimentName.isEmpty() ? QStringLiteral("Default") : env.experimentName;
        auto found = store->getExperimentByName(name);
        if (!found)
            return found.error();
        if (found->has_value()) {
            experimentId = found->value().id;
        } else {
            auto created = store->createExperiment(name);
            if (!created)
                return created.error();
            experimentId = created.value();
        }
    }
    auto run = store->createRun(experimentId, runName, QDateTime::currentMSecsSinceEpoch(), tags, userId);
    if (!run)
        return run.error();
    auto logger = std::make_unique<RunLogger>(std::move(store), run->info.runId);
    logger->m_createdRun = true;
    return logger;
}

bool RunLogger::isTransient(const Error &error) const
{
    if (error.httpStatus != 0)
        return m_retry.retryStatuses.contains(error.httpStatus);
    static const QStringList connectionFailures = {QStringLiteral("CONNECTION_REFUSED"),
                                                   QStringLiteral("CONNECTION_RESET"),
                                                   QStringLiteral("CONNECT_TIMEOUT"),
                                                   QStringLiteral("TIMEOUT"),
                                                   QStringLiteral("IDLE_TIMEOUT"),
                                                   QStringLiteral("TRUNCATED_RESPONSE"),
                                                   QStringLiteral("HOST_NOT_FOUND"),
                                                   QStringLiteral("PROXY"),
                                                   QStringLiteral("NETWORK"),
                                                   QStringLiteral("TEMPORARILY_UNAVAILABLE")};
    return connectionFailures.contains(error.code);
}

Status RunLogger::withRetries(const std::function<Status()> &attempt)
{
    // The store's own client may have retried already; these rounds cover what it does not
    // resend (a POST the server may have acted on) with the same limits and backoff.
    const RetryPolicy policy(m_retry);
    const int maxAttempts = m_gaveUp ? 1 : m_retry.maxRetries + 1;
    for (int failed = 0;;) {
        const Status s = attempt();
        if (s.ok() || !isTransient(s.error()))
            return s;
        if (++failed >= maxAttempts)
            return s;
        if (m_warn && failed == 1)
            m_warn(tr("warning: the tracking store failed (%1); trying again").arg(s.error().toString()));
        const qint64 wait = policy.backoffMs(failed + 1, QRandomGenerator::global()->generateDouble());
        if (wait > 0)
            QThread::msleep(quint64(wait));
    }
}

Status RunLogger::logParams(const QList<Param> &params)
{
    for (const QList<Param> &batch : chunks(params, MaxParamsPerBatch)) {
        const Status s = withRetries([&] { return m_store->logBatch(m_runId, {}, batch, {}); });
        if (!s.ok())
            return s;
    }
    return Status::success();
}

Status RunLogger::setTags(const QList<Tag> &tags)
{
    for (const QList<Tag> &batch : chunks(tags, MaxTagsPerBatch)) {
        const Status s = withRetries([&] { return m_store->logBatch(m_runId, {}, {}, batch); });
        if (!s.ok())
            return s;
    }
    return Status::success();
}

void RunLogger::logMetric(const QString &key, double value, qint64 step)
{
    m_pending.append(MetricPoint{key, value, QDateTime::currentMSecsSinceEpoch(), step});
}

Status RunLogger::reconcile()
{
    if (m_unconfirmed == 0)
        return Status::success();
    QHash<QString, QList<MetricPoint>> stored;
    for (qsizetype i = 0; i < m_unconfirmed; ++i) {
        const QString &key = m_pending[i].key;
        if (stored.contains(key))
            continue;
        auto history = m_store->getMetricHistory(m_runId, key);
        if (!history.ok())
            return history.error();
        stored.insert(key, history.value());
    }
    // Each stored point confirms at most one pending point, so a value the trainer really logged
    // twice is still sent twice.
    QHash<QString, QList<bool>> used;
    QList<MetricPoint> kept;
    kept.reserve(m_pending.size());
    qsizetype landed = 0;
    for (qsizetype i = 0; i < m_pending.size(); ++i) {
        const MetricPoint &p = m_pending[i];
        bool found = false;
        if (i < m_unconfirmed) {
            const QList<MetricPoint> &history = stored[p.key];
            QList<bool> &taken = used[p.key];
            if (taken.isEmpty())
                taken.resize(history.size(), false);
            // Newest first: what a failed request left is at the end of the history.
            for (qsizetype h = history.size() - 1; h >= 0; --h) {
                if (!taken[h] && samePoint(history[h], p)) {
                    taken[h] = true;
                    found = true;
                    break;
                }
            }
        }
        if (found)
            ++landed;
        else
            kept.append(p);
    }
    m_pending = std::move(kept);
    m_pointsLogged += landed;
    m_unconfirmed = 0;
    return Status::success();
}

Status RunLogger::sendPending()
{
    if (Status s = reconcile(); !s.ok())
        return s;
    while (!m_pending.isEmpty()) {
        const qsizetype n = std::min<qsizetype>(m_pending.size(), MaxMetricsPerBatch);
        const Status s = m_store->logBatch(m_runId, m_pending.first(n), {}, {});
        if (!s.ok()) {
            m_unconfirmed = std::max(m_unconfirmed, n);
            return s;
        }
        m_pending.remove(0, n);
        m_unconfirmed = std::max<qsizetype>(0, m_unconfirmed - n);
        m_pointsLogged += n;
    }
    return Status::success();
}

Status RunLogger::flushIfDue()
{
    if (m_sinceFlush.elapsed() < m_flushDelayMs)
        return Status::success();
    const Status s = sendPending();
    // Timed from the end of the attempt: a slow or failing store must not be asked again at once.
    m_sinceFlush.restart();
    if (s.ok()) {
        if (m_warned && m_warn)
            m_warn(tr("the tracking store answers again; the points kept meanwhile are sent"));
        m_warned = false;
        m_flushDelayMs = FlushIntervalMs;
        return s;
    }
    if (!isTransient(s.error()))
        return s;
    if (!m_warned && m_warn)
        m_warn(tr("warning: cannot send metrics to the tracking store (%1); %n point(s) kept, trying again",
                  nullptr, int(m_pending.size()))
                   .arg(s.error().toString()));
    m_warned = true;
    // Training goes on; the store is asked less often while it stays down.
    m_flushDelayMs = std::min(m_flushDelayMs * 2, MaxFlushDelayMs);
    return Status::success();
}

Status RunLogger::flush()
{
    m_sinceFlush.restart();
    if (m_pending.isEmpty())
        return Status::success();
    int attempts = 0;
    const Status s = withRetries([&] {
        ++attempts;
        return sendPending();
    });
    if (s.ok()) {
        m_warned = false;
        m_flushDelayMs = FlushIntervalMs;
        return s;
    }
    m_gaveUp = true;
    Error e = s.error();
    e.message = tr("%n metric point(s) could not be sent to %1 after %2 attempt(s): %3", nullptr,
                   int(m_pending.size()))
                    .arg(m_store->uri())
                    .arg(attempts)
                    .arg(s.error().message);
    return e;
}

Status RunLogger::finish(RunStatus status, const QString &message)
{
    Status first = flush();
    if (!message.isEmpty()) {
        QList<Tag> messageTags{{tags::JobMessage, message}};
        auto run = m_store->getRun(m_runId);
        if (run && run->tag(tags::Note).isEmpty())
            messageTags.append({tags::Note, message});
        const Status s = setTags(messageTags);
        if (first.ok() && !s.ok())
            first = s;
    }
    const qint64 end = QDateTime::currentMSecsSinceEpoch();
    const Status s = withRetries([&] { return m_store->updateRun(m_runId, status, end); });
    return first.ok() ? s : first;
}

} // namespace lab
