#include "runlogger.h"

#include "tracking/trackingstore.h"
#include "tracking/trackingstorefactory.h"

#include <QCoreApplication>
#include <QDateTime>

namespace lab {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("lab::Trainer", text);
}

// MLflow's REST limit for one log-batch; the file store has none, but a later REST store will.
constexpr int MaxMetricsPerBatch = 1000;

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
    : m_store(std::move(store)), m_runId(std::move(runId))
{
    m_sinceFlush.start();
}

RunLogger::~RunLogger() = default;

Result<std::unique_ptr<RunLogger>> RunLogger::open(const Environment &env, const QString &runName,
                                                   const QList<Tag> &tags, const QString &userId)
{
    const QString uri = resolveTrackingUri(env.trackingUri);
    if (uri.startsWith(QLatin1String("http://"), Qt::CaseInsensitive) ||
        uri.startsWith(QLatin1String("https://"), Qt::CaseInsensitive)) {
        Error e = makeError(tr("lab-train cannot log to an MLflow tracking server (%1) yet; only local file "
                               "stores are supported.")
                                .arg(uri),
                            QStringLiteral("UNSUPPORTED_TRACKING_URI"));
        e.hint = tr("Set MLFLOW_TRACKING_URI to a file: URI or a folder.");
        return e;
    }
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

Status RunLogger::logParams(const QList<Param> &params)
{
    return m_store->logBatch(m_runId, {}, params, {});
}

Status RunLogger::setTags(const QList<Tag> &tags)
{
    return m_store->logBatch(m_runId, {}, {}, tags);
}

void RunLogger::logMetric(const QString &key, double value, qint64 step)
{
    m_pending.append(MetricPoint{key, value, QDateTime::currentMSecsSinceEpoch(), step});
}

Status RunLogger::flushIfDue()
{
    if (m_sinceFlush.elapsed() < FlushIntervalMs)
        return Status::success();
    return flush();
}

Status RunLogger::flush()
{
    m_sinceFlush.restart();
    while (!m_pending.isEmpty()) {
        const qsizetype n = std::min<qsizetype>(m_pending.size(), MaxMetricsPerBatch);
        const QList<MetricPoint> chunk = m_pending.first(n);
        const Status s = m_store->logBatch(m_runId, chunk, {}, {});
        if (!s.ok())
            return s;
        m_pending.remove(0, n);
        m_pointsLogged += n;
    }
    return Status::success();
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
    const Status s = m_store->updateRun(m_runId, status, QDateTime::currentMSecsSinceEpoch());
    return first.ok() ? s : first;
}

} // namespace lab
