#include "mlflowreststore.h"

#include "net/retrypolicy.h"
#include "series/metricseries.h"
#include "tracking/metrichistoryparser.h"
#include "tracking/mlflowjson.h"
#include "tracking/mlflowrestclient.h"
#include "tracking/mlflowrestregistry.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QLoggingCategory>
#include <QRandomGenerator>
#include <QSaveFile>
#include <QSet>
#include <QThread>
#include <QUrl>

#include <cmath>
#include <limits>
#include <set>

Q_DECLARE_LOGGING_CATEGORY(lcMlflowRest)

namespace lab {

namespace {

using Json = nlohmann::json;
constexpr qint64 MinStep = std::numeric_limits<qint64>::min();
constexpr qint64 MaxStep = std::numeric_limits<qint64>::max();

QString tr(const char *text)
{
    return QCoreApplication::translate("lab::MlflowRestStore", text);
}

std::string toStd(const QString &s)
{
    return s.toStdString();
}

QString fromStd(const std::string &s)
{
    return QString::fromUtf8(s.data(), qsizetype(s.size()));
}

QString viewTypeName(ViewType v)
{
    switch (v) {
    case ViewType::ActiveOnly:
        return QStringLiteral("ACTIVE_ONLY");
    case ViewType::DeletedOnly:
        return QStringLiteral("DELETED_ONLY");
    case ViewType::All:
        return QStringLiteral("ALL");
    }
    return QStringLiteral("ACTIVE_ONLY");
}

Error shapeError(const QString &what, const Error &inner)
{
    Error e = inner;
    e.message = tr("The MLflow server's answer to %1 has an unexpected shape: %2").arg(what, inner.message);
    e.code = QStringLiteral("INVALID_RESPONSE");
    return e;
}

QString nextToken(const Json &j)
{
    if (auto it = j.find("next_page_token"); it != j.end() && it->is_string())
        return fromStd(it->get<std::string>());
    return {};
}

const Json *arrayMember(const Json &j, const char *key)
{
    auto it = j.find(key);
    if (it == j.end() || !it->is_array())
        return nullptr;
    return &*it;
}

Error invalidHistory(const QString &what, const Error &inner)
{
    Error e = inner;
    e.message =
        tr("The MLflow server's answer to %1 is not a valid metric history: %2").arg(what, inner.message);
    e.code = QStringLiteral("INVALID_RESPONSE");
    if (e.hint.isEmpty())
        e.hint = tr("The answer may have been cut off by the network or a proxy; try again.");
    return e;
}

// The hot path: get-history-bulk-interval straight into per-run series (simdjson, no DOM).
Result<QHash<QString, std::shared_ptr<MetricSeries>>> parseBulk(const QByteArray &bytes)
{
    QHash<QString, std::shared_ptr<MetricSeries>> out;
    auto n = MetricHistoryParser::parseBulkInterval(bytes, &out);
    if (!n)
        return invalidHistory(QStringLiteral("metrics/get-history-bulk-interval"), n.error());
    return out;
}

bool sameValue(double a, double b)
{
    if (std::isnan(a) || std::isnan(b))
        return std::isnan(a) && std::isnan(b);
    if (std::isinf(a) || std::isinf(b))
        return a == b;
    return std::abs(a - b) <= 1e-12 * std::max(1.0, std::max(std::abs(a), std::abs(b)));
}

QString pointKey(const QString &key, qint64 step, qint64 timestamp)
{
    return key + QChar(0x1f) + QString::number(step) + QChar(0x1f) + QString::number(timestamp);
}

QString artifactsProxyPath(const QString &artifactUri, const QString &path)
{
    // mlflow-artifacts:/<rest> or mlflow-artifacts://<host:port>/<rest>; the host part is the server itself.
    QString rest = artifactUri.mid(int(qstrlen("mlflow-artifacts:")));
    if (rest.startsWith(QLatin1String("//"))) {
        const qsizetype slash = rest.indexOf(QLatin1Char('/'), 2);
        rest = slash < 0 ? QString() : rest.mid(slash);
    }
    while (rest.startsWith(QLatin1Char('/')))
        rest.remove(0, 1);
    while (rest.endsWith(QLatin1Char('/')))
        rest.chop(1);
    QString p = QStringLiteral("api/2.0/mlflow-artifacts/artifacts/") + rest;
    if (!path.isEmpty())
        p += QLatin1Char('/') + path;
    return p;
}

QString localRootOf(const QString &artifactUri)
{
    if (artifactUri.startsWith(QLatin1String("file://"), Qt::CaseInsensitive))
        return QUrl(artifactUri).toLocalFile();
    if (artifactUri.startsWith(QLatin1String("file:"), Qt::CaseInsensitive))
        return QUrl::fromPercentEncoding(artifactUri.mid(5).toUtf8());
    if (artifactUri.startsWith(QLatin1Char('/')))
        return artifactUri;
    return {};
}

// A relative artifact path that stays below the root.
bool safeRelativePath(const QString &path)
{
    if (path.startsWith(QLatin1Char('/')) || path.contains(QLatin1Char('\\')))
        return false;
    for (const QString &part : path.split(QLatin1Char('/')))
        if (part == QLatin1String(".."))
            return false;
    return true;
}

} // namespace

MlflowRestStore::MlflowRestStore(MlflowConnection connection)
    : MlflowRestStore(std::make_shared<MlflowRestClient>(std::move(connection)))
{
}

MlflowRestStore::MlflowRestStore(std::shared_ptr<MlflowRestClient> client)
    : m_client(std::move(client)), m_registry(std::make_unique<MlflowRestRegistry>(*m_client))
{
}

MlflowRestStore::~MlflowRestStore() = default;

QString MlflowRestStore::uri() const
{
    return m_client->connection().baseUrl.toString(QUrl::RemoveUserInfo);
}

void MlflowRestStore::interrupt()
{
    m_client->interrupt();
}

bool MlflowRestStore::sleepInterruptible(qint64 ms) const
{
    QElapsedTimer t;
    t.start();
    while (t.elapsed() < ms) {
        if (m_client->isInterrupted())
            return false;
        QThread::msleep(ulong(std::clamp<qint64>(ms - t.elapsed(), 1, 50)));
    }
    return !m_client->isInterrupted();
}

// ---- experiments --------------------------------------------------------------------------------

Result<QList<Experiment>> MlflowRestStore::listExperiments(ViewType view)
{
    MlflowRestClient::CallScope scope(m_client.get());
    QList<Experiment> out;
    QString token;
    do {
        Json body{{"max_results", 1000}, {"view_type", toStd(viewTypeName(view))}};
        if (!token.isEmpty())
            body["page_token"] = toStd(token);
        auto page = m_client->post(QStringLiteral("experiments/search"), body, true);
        if (!page)
            return page.error();
        if (const Json *arr = arrayMember(*page, "experiments")) {
            for (const Json &j : *arr) {
                auto e = MlflowJson::experimentFromJson(j);
                if (!e) {
                    qCWarning(lcMlflowRest).noquote() << "skipping an experiment:" << e.error().message;
                    continue;
                }
                out << *e;
            }
        }
        const QString next = nextToken(*page);
        if (next == token)
            break; // a server that repeats its token would loop forever
        token = next;
    } while (!token.isEmpty());
    return out;
}

Result<Experiment> MlflowRestStore::getExperiment(const QString &experimentId)
{
    MlflowRestClient::CallScope scope(m_client.get());
    QUrlQuery q;
    q.addQueryItem(QStringLiteral("experiment_id"), experimentId);
    auto r = m_client->get(QStringLiteral("experiments/get"), q);
    if (!r)
        return r.error();
    auto e = MlflowJson::experimentFromJson(r->value("experiment", Json::object()));
    if (!e)
        return shapeError(QStringLiteral("experiments/get"), e.error());
    return *e;
}

Result<std::optional<Experiment>> MlflowRestStore::getExperimentByName(const QString &name)
{
    MlflowRestClient::CallScope scope(m_client.get());
    QUrlQuery q;
    q.addQueryItem(QStringLiteral("experiment_name"), name);
    auto r = m_client->get(QStringLiteral("experiments/get-by-name"), q);
    if (!r) {
        if (r.error().code == QLatin1String("RESOURCE_DOES_NOT_EXIST"))
            return std::optional<Experiment>{};
        return r.error();
    }
    auto e = MlflowJson::experimentFromJson(r->value("experiment", Json::object()));
    if (!e)
        return shapeError(QStringLiteral("experiments/get-by-name"), e.error());
    return std::optional<Experiment>(*e);
}

Result<QString> MlflowRestStore::createExperiment(const QString &name, const QString &artifactLocation)
{
    MlflowRestClient::CallScope scope(m_client.get());
    Json body{{"name", toStd(name)}};
    if (!artifactLocation.isEmpty())
        body["artifact_location"] = toStd(artifactLocation);
    auto r = m_client->post(QStringLiteral("experiments/create"), body);
    if (!r) {
        // A create the server may have carried out before the answer was lost: look before failing.
        const Error &e = r.error();
        if (e.code != QLatin1String("CANCELLED") && (e.httpStatus >= 500 || e.httpStatus == 0)) {
            if (auto existing = getExperimentByName(name); existing && existing->has_value())
                return (*existing)->id;
        }
        return e;
    }
    if (auto it = r->find("experiment_id"); it != r->end()) {
        if (it->is_string())
            return fromStd(it->get<std::string>());
        if (it->is_number_integer())
            return QString::number(it->get<qint64>());
    }
    return makeError(tr("The MLflow server created the experiment but did not say its id"),
                     QStringLiteral("INVALID_RESPONSE"));
}

// ---- runs -----------------------------------------------------------------------------------------

Result<RunPage> MlflowRestStore::searchRuns(const RunSearch &search)
{
    MlflowRestClient::CallScope scope(m_client.get());
    QStringList experimentIds = search.experimentIds;
    if (experimentIds.isEmpty()) {
        // The lab stores read "no experiments" as all of them; MLflow's API needs them listed.
        auto all =
            listExperiments(search.viewType == ViewType::ActiveOnly ? ViewType::ActiveOnly : ViewType::All);
        if (!all)
            return all.error();
        for (const Experiment &e : *all)
            experimentIds << e.id;
        if (experimentIds.isEmpty())
            return RunPage{};
    }
    Json ids = Json::array();
    for (const QString &id : std::as_const(experimentIds))
        ids.push_back(toStd(id));
    Json body{{"experiment_ids", ids},
              {"run_view_type", toStd(viewTypeName(search.viewType))},
              {"max_results", std::clamp(search.maxResults, 1, 50000)}};
    if (!search.filter.trimmed().isEmpty())
        body["filter"] = toStd(search.filter);
    if (!search.orderBy.isEmpty()) {
        Json order = Json::array();
        for (const QString &o : search.orderBy)
            order.push_back(toStd(o));
        body["order_by"] = order;
    }
    if (!search.pageToken.isEmpty())
        body["page_token"] = toStd(search.pageToken);
    auto r = m_client->post(QStringLiteral("runs/search"), body, true);
    if (!r)
        return r.error();
    RunPage page;
    if (const Json *arr = arrayMember(*r, "runs")) {
        page.runs.reserve(qsizetype(arr->size()));
        for (const Json &j : *arr) {
            auto run = MlflowJson::runFromJson(j);
            if (!run) {
                qCWarning(lcMlflowRest).noquote() << "skipping a run:" << run.error().message;
                continue;
            }
            if (!run->info.artifactUri.isEmpty())
                m_artifactUris.insert(run->info.runId, run->info.artifactUri);
            page.runs << std::move(*run);
        }
    }
    page.nextPageToken = nextToken(*r);
    return page;
}

Result<Run> MlflowRestStore::getRun(const QString &runId)
{
    MlflowRestClient::CallScope scope(m_client.get());
    QUrlQuery q;
    q.addQueryItem(QStringLiteral("run_id"), runId);
    auto r = m_client->get(QStringLiteral("runs/get"), q);
    if (!r)
        return r.error();
    auto run = MlflowJson::runFromJson(r->value("run", Json::object()));
    if (!run)
        return shapeError(QStringLiteral("runs/get"), run.error());
    if (!run->info.artifactUri.isEmpty())
        m_artifactUris.insert(run->info.runId, run->info.artifactUri);
    return *run;
}

Result<Run> MlflowRestStore::createRun(const QString &experimentId, const QString &runName,
                                       qint64 startTimeMs, const QList<Tag> &tags, const QString &userId)
{
    MlflowRestClient::CallScope scope(m_client.get());
    Json body{{"experiment_id", toStd(experimentId)}, {"start_time", startTimeMs}};
    if (!runName.isEmpty())
        body["run_name"] = toStd(runName);
    if (!userId.isEmpty())
        body["user_id"] = toStd(userId);
    if (!tags.isEmpty())
        body["tags"] = MlflowJson::toJson(tags);
    auto r = m_client->post(QStringLiteral("runs/create"), body);
    if (!r)
        return r.error();
    auto run = MlflowJson::runFromJson(r->value("run", Json::object()));
    if (!run)
        return shapeError(QStringLiteral("runs/create"), run.error());
    if (!run->info.artifactUri.isEmpty())
        m_artifactUris.insert(run->info.runId, run->info.artifactUri);
    return *run;
}

Status MlflowRestStore::updateRun(const QString &runId, RunStatus status, qint64 endTimeMs,
                                  const QString &runName)
{
    MlflowRestClient::CallScope scope(m_client.get());
    Json body{{"run_id", toStd(runId)}, {"run_uuid", toStd(runId)}, {"status", toStd(runStatusName(status))}};
    if (endTimeMs != 0)
        body["end_time"] = endTimeMs;
    if (!runName.isEmpty())
        body["run_name"] = toStd(runName);
    // Setting the same status and end time twice has the same effect: safe to resend.
    auto r = m_client->post(QStringLiteral("runs/update"), body, true);
    if (!r)
        return r.error();
    return Status::success();
}

Status MlflowRestStore::setTag(const QString &runId, const QString &key, const QString &value)
{
    MlflowRestClient::CallScope scope(m_client.get());
    Json body{
        {"run_id", toStd(runId)}, {"run_uuid", toStd(runId)}, {"key", toStd(key)}, {"value", toStd(value)}};
    auto r = m_client->post(QStringLiteral("runs/set-tag"), body, true);
    if (!r)
        return r.error();
    return Status::success();
}

Status MlflowRestStore::deleteTag(const QString &runId, const QString &key)
{
    MlflowRestClient::CallScope scope(m_client.get());
    Json body{{"run_id", toStd(runId)}, {"key", toStd(key)}};
    auto r = m_client->post(QStringLiteral("runs/delete-tag"), body, true);
    if (!r) {
        // The first attempt deleted it and its answer was lost: the tag is gone, as asked.
        if (m_client->lastAttempts() > 1 && r.error().code == QLatin1String("RESOURCE_DOES_NOT_EXIST"))
            return Status::success();
        return r.error();
    }
    return Status::success();
}

Status MlflowRestStore::deleteRun(const QString &runId)
{
    MlflowRestClient::CallScope scope(m_client.get());
    auto r = m_client->post(QStringLiteral("runs/delete"), Json{{"run_id", toStd(runId)}}, true);
    return r ? Status::success() : Status(r.error());
}

Status MlflowRestStore::restoreRun(const QString &runId)
{
    MlflowRestClient::CallScope scope(m_client.get());
    auto r = m_client->post(QStringLiteral("runs/restore"), Json{{"run_id", toStd(runId)}}, true);
    return r ? Status::success() : Status(r.error());
}

// ---- log-batch --------------------------------------------------------------------------------------

Status MlflowRestStore::logBatch(const QString &runId, const QList<MetricPoint> &metrics,
                                 const QList<Param> &params, const QList<Tag> &tags)
{
    MlflowRestClient::CallScope scope(m_client.get());
    m_lastLogBatchRequests = 0;
    if (metrics.isEmpty() && params.isEmpty() && tags.isEmpty())
        return Status::success();

    // Greedy chunks within MLflow's limits: params first, then tags, then metrics, as MLflow's
    // own client splits a batch. Sizes are measured on the JSON each entity becomes.
    struct Chunk
    {
        QList<MetricPoint> metrics;
        QList<Param> params;
        QList<Tag> tags;
        qint64 bytes = 0;
        int entities() const { return int(metrics.size() + params.size() + tags.size()); }
    };
    const qint64 overhead = 96 + runId.toUtf8().size();
    const qint64 budget = MaxBatchBodyBytes - overhead;
    QList<Chunk> chunks(1);
    auto room = [&](qint64 bytes) {
        Chunk &c = chunks.last();
        if (c.entities() + 1 > MaxEntitiesPerBatch || c.bytes + bytes > budget)
            chunks.append(Chunk{});
    };
    for (const Param &p : params) {
        const qint64 bytes =
            qint64(MlflowJson::dump(Json{{"key", toStd(p.key)}, {"value", toStd(p.value)}}).size()) + 1;
        room(bytes);
        if (chunks.last().params.size() >= MaxParamsTagsPerBatch)
            chunks.append(Chunk{});
        chunks.last().params << p;
        chunks.last().bytes += bytes;
    }
    for (const Tag &t : tags) {
        const qint64 bytes =
            qint64(MlflowJson::dump(Json{{"key", toStd(t.key)}, {"value", toStd(t.value)}}).size()) + 1;
        room(bytes);
        if (chunks.last().tags.size() >= MaxParamsTagsPerBatch)
            chunks.append(Chunk{});
        chunks.last().tags << t;
        chunks.last().bytes += bytes;
    }
    for (const MetricPoint &m : metrics) {
        const qint64 bytes = qint64(MlflowJson::dump(MlflowJson::toJson(m)).size()) + 1;
        room(bytes);
        if (chunks.last().metrics.size() >= MaxMetricsPerBatch)
            chunks.append(Chunk{});
        chunks.last().metrics << m;
        chunks.last().bytes += bytes;
    }

    for (qsizetype i = 0; i < chunks.size(); ++i) {
        if (chunks[i].entities() == 0)
            continue;
        if (Status s = sendBatchChunk(runId, chunks[i].metrics, chunks[i].params, chunks[i].tags); !s) {
            Error e = s.error();
            if (chunks.size() > 1 && e.code != QLatin1String("CANCELLED"))
                e.detail = tr("%1 of %2 parts of the batch were stored before this failure")
                               .arg(i)
                               .arg(chunks.size()) +
                           (e.detail.isEmpty() ? QString() : QStringLiteral("; ") + e.detail);
            return e;
        }
    }
    return Status::success();
}

Status MlflowRestStore::sendBatchChunk(const QString &runId, QList<MetricPoint> metrics,
                                       const QList<Param> &params, const QList<Tag> &tags)
{
    const RetrySettings &settings = m_client->connection().retry;
    const RetryPolicy policy(settings);
    const QString what = QStringLiteral("runs/log-batch");
    int failures = 0;
    for (;;) {
        Json body{{"run_id", toStd(runId)}};
        if (!metrics.isEmpty()) {
            Json arr = Json::array();
            for (const MetricPoint &m : std::as_const(metrics))
                arr.push_back(MlflowJson::toJson(m));
            body["metrics"] = std::move(arr);
        }
        if (!params.isEmpty())
            body["params"] = MlflowJson::toJson(params);
        if (!tags.isEmpty())
            body["tags"] = MlflowJson::toJson(tags);
        // Not idempotent: RetryPolicy resends it only when the server cannot have acted (refused, 429).
        const HttpResponse r = m_client->send("POST", QStringLiteral("api/2.0/mlflow/runs/log-batch"), {},
                                              MlflowJson::dump(body), "application/json");
        ++m_lastLogBatchRequests;
        if (r.isSuccess())
            return Status::success();
        Error e = m_client->errorFor(r, what);
        if (e.code == QLatin1String("CANCELLED"))
            return e;
        // Did the server perhaps store part of it? Then a blind resend would duplicate points.
        const bool mayHaveStored = (r.ok() && r.status >= 500) ||
                                   (!r.ok() && r.requestSent && RetryPolicy::isRetryableFailure(r.failure));
        if (!mayHaveStored)
            return e; // 4xx (INVALID_PARAMETER_VALUE, ...): the server refused it all; shown, not retried
        ++failures;
        if (failures > settings.maxRetries) {
            e.hint = tr("Some of the points may be stored; logging the batch again later checks which.");
            return e;
        }
        qCInfo(lcMlflowRest).noquote() << "log-batch failed after it was sent (" << e.code
                                       << "); checking what landed before sending again";
        if (!sleepInterruptible(policy.backoffMs(failures, QRandomGenerator::global()->generateDouble())))
            return m_client->cancelledError();

        if (metrics.isEmpty())
            continue; // params and tags are safe to send again (same value; tags overwrite)
        // Points already stored, per key/step/timestamp (values compared as equal within rounding).
        QHash<QString, QList<double>> stored;
        QSet<QString> keys;
        for (const MetricPoint &m : std::as_const(metrics))
            keys.insert(m.key);
        bool checked = true;
        for (const QString &key : std::as_const(keys)) {
            MetricSeries history;
            if (Status s = readHistoryInto(runId, key, &history, MinStep); !s) {
                if (s.error().code == QLatin1String("CANCELLED"))
                    return s.error();
                checked = false; // the server is still failing: try the whole round again
                break;
            }
            const auto steps = history.steps();
            const auto ts = history.timestamps();
            const auto values = history.values();
            for (std::size_t i = 0; i < history.size(); ++i)
                stored[pointKey(key, steps[i], ts[i])].append(values[i]);
        }
        if (!checked)
            continue;
        QList<MetricPoint> missing;
        for (const MetricPoint &m : std::as_const(metrics)) {
            auto it = stored.find(pointKey(m.key, m.step, m.timestamp));
            bool found = false;
            if (it != stored.end()) {
                for (qsizetype i = 0; i < it->size(); ++i) {
                    if (sameValue(it->at(i), m.value)) {
                        it->removeAt(i);
                        found = true;
                        break;
                    }
                }
            }
            if (!found)
                missing << m;
        }
        qCInfo(lcMlflowRest).noquote() << metrics.size() - missing.size() << "of" << metrics.size()
                                       << "points had landed; sending the rest";
        metrics = missing;
        if (metrics.isEmpty() && params.isEmpty() && tags.isEmpty())
            return Status::success();
    }
}

// ---- metric histories ---------------------------------------------------------------------------

Status MlflowRestStore::readHistoryInto(const QString &runId, const QString &key, MetricSeries *series,
                                        qint64 fromStep)
{
    MlflowRestClient::CallScope scope(m_client.get());
    // Every page first, then the series: a failure half-way leaves the caller's series untouched.
    MetricSeries all;
    QString token;
    do {
        QUrlQuery q;
        q.addQueryItem(QStringLiteral("run_id"), runId);
        q.addQueryItem(QStringLiteral("metric_key"), key);
        q.addQueryItem(QStringLiteral("max_results"), QString::number(m_historyPageSize));
        if (!token.isEmpty())
            q.addQueryItem(QStringLiteral("page_token"), token);
        auto raw = m_client->getRaw(QStringLiteral("metrics/get-history"), q);
        if (!raw)
            return raw.error();
        auto page = MetricHistoryParser::parseHistory(*raw, &all, key);
        if (!page)
            return invalidHistory(QStringLiteral("metrics/get-history"), page.error());
        if (page->nextPageToken == token)
            break; // a server that repeats its token would loop forever
        token = page->nextPageToken;
    } while (!token.isEmpty());
    if (fromStep == MinStep) {
        series->append(all.steps(), all.timestamps(), all.values());
        return Status::success();
    }
    const auto steps = all.steps();
    const auto ts = all.timestamps();
    const auto values = all.values();
    for (std::size_t i = 0; i < all.size(); ++i)
        if (steps[i] >= fromStep)
            series->append(steps[i], ts[i], values[i]);
    return Status::success();
}

Result<QList<MetricPoint>> MlflowRestStore::getMetricHistory(const QString &runId, const QString &key)
{
    MetricSeries series;
    if (Status s = readHistoryInto(runId, key, &series, MinStep); !s)
        return s.error();
    QList<MetricPoint> out;
    out.reserve(qsizetype(series.size()));
    const auto steps = series.steps();
    const auto ts = series.timestamps();
    const auto values = series.values();
    for (std::size_t i = 0; i < series.size(); ++i)
        out.append(MetricPoint{key, values[i], ts[i], steps[i]});
    return out;
}

Status MlflowRestStore::readMetricIncrement(const QString &runId, const QString &key, MetricCursor *cursor,
                                            MetricSeries *series)
{
    MlflowRestClient::CallScope scope(m_client.get());
    if (!cursor || !series)
        return makeError(tr("No cursor or series given"), QStringLiteral("INVALID_ARGUMENT"));
    cursor->reset = false;
    const qint64 from = cursor->position;
    MetricSeries fresh;

    auto bulk = [&](qint64 start, qint64 end, std::shared_ptr<MetricSeries> *out) -> Status {
        QUrlQuery q;
        q.addQueryItem(QStringLiteral("run_ids"), runId);
        q.addQueryItem(QStringLiteral("metric_key"), key);
        q.addQueryItem(QStringLiteral("start_step"), QString::number(start));
        q.addQueryItem(QStringLiteral("end_step"), QString::number(end));
        q.addQueryItem(QStringLiteral("max_results"), QString::number(MaxPointsPerBulkInterval));
        auto raw = m_client->getRaw(QStringLiteral("metrics/get-history-bulk-interval"), q);
        if (!raw)
            return raw.error();
        auto perRun = parseBulk(*raw);
        if (!perRun)
            return perRun.error();
        *out = perRun->value(runId);
        return Status::success();
    };
    auto appendAll = [&](const MetricSeries &from) {
        fresh.append(from.steps(), from.timestamps(), from.values());
    };

    bool full = from == 0 || m_noBulkInterval;
    if (!full) {
        // Steps from the cursor on. MLflow samples only when the range holds more distinct steps
        // than max_results; the answer always holds the last step M, so when [from, M] cannot hold
        // more than max_results integers, nothing was left out.
        std::shared_ptr<MetricSeries> points;
        Status s = bulk(from, MaxStep, &points);
        if (!s && s.error().code == QLatin1String("ENDPOINT_NOT_FOUND")) {
            m_noBulkInterval = true;
            full = true;
        } else if (!s) {
            return s;
        } else if (!points || points->isEmpty()) {
            return Status::success();
        } else {
            qint64 last = MinStep;
            for (qint64 step : points->steps())
                last = std::max(last, step);
            const qint64 span = last - from; // >= 0: the server answers steps >= from only
            if (span < MaxPointsPerBulkInterval) {
                appendAll(*points);
            } else if (span < 4LL * MaxPointsPerBulkInterval) {
                // Possibly sampled: windows that each cannot be, up to the last step.
                for (qint64 start = from; start <= last; start += MaxPointsPerBulkInterval) {
                    const qint64 end = std::min(last, start + MaxPointsPerBulkInterval - 1);
                    std::shared_ptr<MetricSeries> window;
                    if (Status w = bulk(start, end, &window); !w)
                        return w;
                    if (window)
                        appendAll(*window);
                    if (end == last)
                        break;
                }
            } else {
                full = true;
            }
        }
    }
    if (full) {
        if (Status s = readHistoryInto(runId, key, &fresh, from == 0 ? MinStep : from); !s)
            return s;
    }
    if (fresh.isEmpty())
        return Status::success();
    qint64 last = MinStep;
    for (qint64 step : fresh.steps())
        last = std::max(last, step);
    series->append(fresh.steps(), fresh.timestamps(), fresh.values());
    cursor->position = std::max<qint64>({cursor->position, last == MaxStep ? MaxStep : last + 1, 1});
    return Status::success();
}

Result<QStringList> MlflowRestStore::metricKeys(const QString &runId)
{
    auto run = getRun(runId);
    if (!run)
        return run.error();
    QStringList keys;
    for (const MetricPoint &m : run->metrics)
        keys << m.key;
    keys.removeDuplicates();
    return keys;
}

Result<QList<SampledHistory>> MlflowRestStore::getSampledHistories(const QStringList &runIds,
                                                                   const QString &key, int maxPointsPerRun,
                                                                   qint64 startStep, qint64 endStep)
{
    MlflowRestClient::CallScope scope(m_client.get());
    if (m_noBulkInterval)
        return TrackingStore::getSampledHistories(runIds, key, maxPointsPerRun, startStep, endStep);
    const int maxPoints = std::clamp(maxPointsPerRun, 1, MaxPointsPerBulkInterval);
    const bool explicitRange = startStep != MinStep || endStep != MaxStep;
    if (explicitRange && startStep > endStep)
        return QList<SampledHistory>{};
    QList<SampledHistory> out;
    out.reserve(runIds.size());
    for (qsizetype first = 0; first < runIds.size(); first += MaxRunsPerBulkInterval) {
        const QStringList batch = runIds.mid(first, MaxRunsPerBulkInterval);
        QStringList unique = batch;
        unique.removeDuplicates();
        QUrlQuery q;
        for (const QString &id : std::as_const(unique))
            q.addQueryItem(QStringLiteral("run_ids"), id);
        q.addQueryItem(QStringLiteral("metric_key"), key);
        q.addQueryItem(QStringLiteral("max_results"), QString::number(maxPoints));
        if (explicitRange) {
            q.addQueryItem(QStringLiteral("start_step"), QString::number(startStep));
            q.addQueryItem(QStringLiteral("end_step"), QString::number(endStep));
        }
        auto raw = m_client->getRaw(QStringLiteral("metrics/get-history-bulk-interval"), q);
        if (!raw) {
            if (raw.error().code == QLatin1String("ENDPOINT_NOT_FOUND")) {
                m_noBulkInterval = true;
                return TrackingStore::getSampledHistories(runIds, key, maxPointsPerRun, startStep, endStep);
            }
            return raw.error();
        }
        auto parsed = parseBulk(*raw);
        if (!parsed)
            return parsed.error();
        const QHash<QString, std::shared_ptr<MetricSeries>> perRun = std::move(*parsed);
        std::set<qint64> steps;
        qint64 last = MinStep;
        for (const auto &series : perRun) {
            for (qint64 step : series->steps()) {
                steps.insert(step);
                last = std::max(last, step);
            }
        }
        // MLflow returns every step in range when they number at most max_results, else a sample of
        // max_results steps plus the last (and each run's first and last). Its sampler can drop
        // steps when the range starts past the first step, so beyond step 0 completeness is only
        // claimed when [start, last] cannot hold more than max_results steps.
        const qint64 effectiveStart = explicitRange ? startStep : 0;
        const bool complete = steps.size() <= std::size_t(maxPoints) &&
                              (effectiveStart <= 0 || steps.empty() || last - effectiveStart < maxPoints);
        for (const QString &id : batch) {
            auto s = perRun.value(id);
            SampledHistory h{id, key, s ? s : std::make_shared<MetricSeries>(), complete, std::nullopt};
            if (complete && endStep == MaxStep) {
                // readMetricIncrement's meaning: the next step to fetch (0: read everything).
                MetricCursor c;
                if (!h.series->isEmpty()) {
                    qint64 runLast = MinStep;
                    for (qint64 step : h.series->steps())
                        runLast = std::max(runLast, step);
                    c.position = std::max<qint64>(runLast == MaxStep ? MaxStep : runLast + 1, 1);
                }
                h.cursor = c;
            }
            out << h;
        }
    }
    return out;
}

// ---- artifacts ----------------------------------------------------------------------------------

Result<QString> MlflowRestStore::artifactUri(const QString &runId)
{
    if (auto it = m_artifactUris.constFind(runId); it != m_artifactUris.cend())
        return *it;
    auto run = getRun(runId);
    if (!run)
        return run.error();
    return run->info.artifactUri;
}

Result<QList<ArtifactInfo>> MlflowRestStore::listArtifacts(const QString &runId, const QString &path)
{
    MlflowRestClient::CallScope scope(m_client.get());
    QList<ArtifactInfo> out;
    QString token;
    do {
        QUrlQuery q;
        q.addQueryItem(QStringLiteral("run_id"), runId);
        if (!path.isEmpty())
            q.addQueryItem(QStringLiteral("path"), path);
        if (!token.isEmpty())
            q.addQueryItem(QStringLiteral("page_token"), token);
        auto r = m_client->get(QStringLiteral("artifacts/list"), q);
        if (!r)
            return r.error();
        if (const Json *files = arrayMember(*r, "files")) {
            for (const Json &f : *files) {
                if (!f.is_object() || !f.contains("path") || !f["path"].is_string())
                    continue;
                ArtifactInfo info;
                info.path = fromStd(f["path"].get<std::string>());
                info.isDir = f.value("is_dir", false);
                if (auto it = f.find("file_size"); it != f.end())
                    info.fileSize = MlflowJson::int64FromJson(*it).valueOr(0);
                out << info;
            }
        }
        const QString next = nextToken(*r);
        if (next == token)
            break;
        token = next;
    } while (!token.isEmpty());
    return out;
}

QString MlflowRestStore::localArtifactPath(const QString &runId, const QString &path)
{
    MlflowRestClient::CallScope scope(m_client.get());
    if (!safeRelativePath(path))
        return {};
    auto uri = artifactUri(runId);
    if (!uri)
        return {};
    const QString root = localRootOf(*uri);
    if (root.isEmpty() || !QFileInfo(root).isDir())
        return {};
    const QString full = path.isEmpty() ? root : QDir(root).filePath(path);
    return QFileInfo::exists(full) ? QDir::cleanPath(full) : QString();
}

Result<QByteArray> MlflowRestStore::readArtifact(const QString &runId, const QString &path, qint64 maxBytes)
{
    MlflowRestClient::CallScope scope(m_client.get());
    if (!safeRelativePath(path) || path.isEmpty())
        return makeError(tr("%1 is not a file path inside the run's artifacts").arg(path),
                         QStringLiteral("INVALID_PARAMETER_VALUE"));
    if (maxBytes == 0)
        return QByteArray();
    auto uri = artifactUri(runId);
    if (!uri)
        return uri.error();
    if (uri->startsWith(QLatin1String("mlflow-artifacts:"))) {
        const qint64 cap = maxBytes < 0 ? qint64(HttpRequest::DefaultMaxResponseBytes) : maxBytes;
        HttpResponse r = m_client->send("GET", artifactsProxyPath(*uri, path), {}, {}, {}, cap);
        if (!r.isSuccess())
            return m_client->errorFor(r, tr("artifact %1").arg(path));
        return r.body;
    }
    const QString local = localArtifactPath(runId, path);
    if (!local.isEmpty() && QFileInfo(local).isFile()) {
        QFile f(local);
        if (!f.open(QIODevice::ReadOnly))
            return makeError(tr("Cannot read %1: %2").arg(local, f.errorString()),
                             QStringLiteral("IO_ERROR"));
        return maxBytes < 0 ? f.readAll() : f.read(maxBytes);
    }
    Error e =
        makeError(tr("The artifacts of run %1 are at %2, which the console cannot read").arg(runId, *uri),
                  QStringLiteral("NOT_SUPPORTED"));
    e.hint = tr("Start the MLflow server with --serve-artifacts so that it hands out the files.");
    return e;
}

Status MlflowRestStore::writeArtifact(const QString &runId, const QString &path, const QByteArray &data)
{
    MlflowRestClient::CallScope scope(m_client.get());
    if (!safeRelativePath(path) || path.isEmpty())
        return makeError(tr("%1 is not a file path inside the run's artifacts").arg(path),
                         QStringLiteral("INVALID_PARAMETER_VALUE"));
    auto uri = artifactUri(runId);
    if (!uri)
        return uri.error();
    if (uri->startsWith(QLatin1String("mlflow-artifacts:"))) {
        // PUT replaces the file: sending it twice is harmless, so RetryPolicy may resend it.
        const HttpResponse r =
            m_client->send("PUT", artifactsProxyPath(*uri, path), {}, data, "application/octet-stream");
        if (!r.isSuccess())
            return m_client->errorFor(r, tr("artifact %1").arg(path));
        return Status::success();
    }
    const QString root = localRootOf(*uri);
    if (!root.isEmpty() && QFileInfo(root).isDir()) {
        // As MLflow's client does for a local artifact store: write the file itself.
        const QString full = QDir(root).filePath(path);
        QDir().mkpath(QFileInfo(full).absolutePath());
        QSaveFile f(full);
        if (!f.open(QIODevice::WriteOnly) || f.write(data) != data.size() || !f.commit())
            return makeError(tr("Cannot write %1: %2").arg(full, f.errorString()),
                             QStringLiteral("IO_ERROR"));
        return Status::success();
    }
    Error e =
        makeError(tr("The artifacts of run %1 are at %2, which the console cannot write").arg(runId, *uri),
                  QStringLiteral("NOT_SUPPORTED"));
    e.hint = tr("Start the MLflow server with --serve-artifacts so that it takes the files.");
    return e;
}

// ---- model registry (MlflowRestRegistry) ------------------------------------------------------

Result<QList<RegisteredModel>> MlflowRestStore::listRegisteredModels()
{
    MlflowRestClient::CallScope scope(m_client.get());
    return m_registry->listRegisteredModels();
}

Result<QList<ModelVersion>> MlflowRestStore::listModelVersions(const QString &modelName)
{
    MlflowRestClient::CallScope scope(m_client.get());
    return m_registry->listModelVersions(modelName);
}

Result<RegisteredModel> MlflowRestStore::getRegisteredModel(const QString &name)
{
    MlflowRestClient::CallScope scope(m_client.get());
    return m_registry->getRegisteredModel(name);
}

Result<RegisteredModel> MlflowRestStore::createRegisteredModel(const QString &name,
                                                               const QString &description,
                                                               const QList<Tag> &tags)
{
    MlflowRestClient::CallScope scope(m_client.get());
    return m_registry->createRegisteredModel(name, description, tags);
}

Result<ModelVersion> MlflowRestStore::createModelVersion(const QString &modelName, const QString &source,
                                                         const QString &runId, const QString &description,
                                                         const QList<Tag> &tags)
{
    MlflowRestClient::CallScope scope(m_client.get());
    return m_registry->createModelVersion(modelName, source, runId, description, tags);
}

Result<ModelVersion> MlflowRestStore::getModelVersion(const QString &modelName, const QString &version)
{
    MlflowRestClient::CallScope scope(m_client.get());
    return m_registry->getModelVersion(modelName, version);
}

Status MlflowRestStore::setModelAlias(const QString &modelName, const QString &alias, const QString &version)
{
    MlflowRestClient::CallScope scope(m_client.get());
    return m_registry->setModelAlias(modelName, alias, version);
}

Status MlflowRestStore::deleteModelAlias(const QString &modelName, const QString &alias)
{
    MlflowRestClient::CallScope scope(m_client.get());
    return m_registry->deleteModelAlias(modelName, alias);
}

Result<ModelVersion> MlflowRestStore::getModelVersionByAlias(const QString &modelName, const QString &alias)
{
    MlflowRestClient::CallScope scope(m_client.get());
    return m_registry->getModelVersionByAlias(modelName, alias);
}

Status MlflowRestStore::setRegisteredModelTag(const QString &modelName, const QString &key,
                                              const QString &value)
{
    MlflowRestClient::CallScope scope(m_client.get());
    return m_registry->setRegisteredModelTag(modelName, key, value);
}

Status MlflowRestStore::setModelVersionTag(const QString &modelName, const QString &version,
                                           const QString &key, const QString &value)
{
    MlflowRestClient::CallScope scope(m_client.get());
    return m_registry->setModelVersionTag(modelName, version, key, value);
}

} // namespace lab
