#pragma once

#include "core/result.h"
#include "core/types.h"
#include "tracking/trackingstore.h"

#include <QByteArray>
#include <QDateTime>
#include <QHash>
#include <QMutex>
#include <QString>

#include <functional>
#include <memory>
#include <optional>
#include <vector>

namespace lab {

// A TrackingStore in front of another (the REST store) that keeps what was read on disk and
// answers from it while the server cannot be reached, so the console opens the last-seen
// experiments, runs and curves with no network.
//
// Every call goes to the inner store first. A successful read is stored (experiments, each search
// page, runs, metric histories as complete series, metric key lists, artifact lists, small
// artifacts, registered models and versions). When the inner store fails because the server
// cannot be reached (isConnectionFailure: refused, host not found, timeouts, reset, proxy
// unreachable, a network error, or HTTP 502/503/504 from a proxy in front of a dead server) the
// answer comes from the cache, isOffline() turns true and offlineReason() says why and since when;
// the next successful inner call turns it back online. TLS and auth failures, and every answer
// the server itself gave (unknown run, bad filter), are passed through: they are not "offline",
// the user has to see them. Runs read from the cache keep their last-seen status.
//
// Writes always try the inner store; when it cannot be reached they fail with an error that says
// nothing was saved (the caller keeps its data). Nothing is queued.
//
// On disk: <cacheDir>/<hash of the inner uri>/<kind>/<hash of the request>.entry, one file per
// entry written through QSaveFile (a temporary file and an atomic rename), each with a magic, the
// request it answers, when it was fetched and a SHA-1 of its payload; a torn, foreign or corrupt
// entry is ignored with a warning and removed, never trusted. Entries are read on demand: nothing
// but the bookkeeping of metric increments is held in memory. Live increments are gathered in
// memory and written at most every FlushIntervalMs per metric (and when the store goes offline or
// is destroyed), so a polled chart does not rewrite its history file every second.
//
// The cacheDir as a whole (every server's folder in it) is kept under a byte budget, by default
// DefaultMaxBytes or LABCONSOLE_CACHE_MAX_MB. Entries are evicted least recently used first, whole
// files: reading or writing an entry stamps its modification time, so the order survives restarts
// and is shared with other instances using the same folder. Over the budget, the oldest entries go
// until the folder is at most EvictToPercent of it; the entries of metric increments still pending
// in memory and QSaveFile temporaries are never removed. An entry larger than the whole budget is not
// cached (an older copy of it is dropped). An evicted entry is just a cache miss. The size is kept
// as a running total updated on each write; the folder is walked once, at the first write (not in
// the constructor, which may run on the UI thread), when the total goes over the budget (to find
// the oldest entries), and otherwise at most every RescanIntervalMs (to see other instances' writes).
//
// Metric cursors handed out while offline are negative (-1 - points served); the inner store's
// are never negative. Back online, such a cursor makes the next read start over at the server
// with MetricCursor::reset set, so the caller replaces the cached points with the server's.
class OfflineCacheStore : public TrackingStore
{
public:
    // maxBytes <= 0: defaultMaxBytes().
    OfflineCacheStore(std::unique_ptr<TrackingStore> inner, QString cacheDir, qint64 maxBytes = 0);
    ~OfflineCacheStore() override;
    OfflineCacheStore(const OfflineCacheStore &) = delete;
    OfflineCacheStore &operator=(const OfflineCacheStore &) = delete;

    static constexpr qint64 FlushIntervalMs = 2000;
    // Artifacts up to this size are kept for offline reading (logs, MLmodel); larger ones are not.
    static constexpr qint64 MaxCachedArtifactBytes = 4 * 1024 * 1024;
    static constexpr qint64 DefaultMaxBytes = 1024LL * 1024 * 1024;
    static constexpr int EvictToPercent = 90;
    static constexpr qint64 RescanIntervalMs = 15 * 60 * 1000;

    // LABCONSOLE_CACHE_MAX_MB (mebibytes, > 0) when set, else DefaultMaxBytes.
    static qint64 defaultMaxBytes();

    // Whether an error means "the server cannot be reached" (answer from the cache) rather than
    // something the user must see (TLS, auth, the server's own error answers, a cancel).
    static bool isConnectionFailure(const Error &error);

    TrackingStore *inner() const { return m_inner.get(); }
    // The folder this store's entries live in (under the cacheDir given).
    QString entryRoot() const { return m_root; }
    // The byte budget of the whole cacheDir.
    qint64 maxBytes() const { return m_maxBytes; }
    // The bytes the entries in the cacheDir take, as last counted (-1 before the first write).
    qint64 cachedBytes() const;
    QDateTime offlineSince() const;
    // Writes pending metric increments to disk now.
    void flush();

    QString uri() const override { return m_inner->uri(); }
    bool isOffline() const override;
    QString offlineReason() const override;
    bool isReadOnly() const override { return m_inner->isReadOnly() || isOffline(); }
    void interrupt() override { m_inner->interrupt(); }

    Result<QList<Experiment>> listExperiments(ViewType view = ViewType::ActiveOnly) override;
    Result<Experiment> getExperiment(const QString &experimentId) override;
    Result<std::optional<Experiment>> getExperimentByName(const QString &name) override;
    Result<QString> createExperiment(const QString &name, const QString &artifactLocation = {}) override;

    Result<RunPage> searchRuns(const RunSearch &search) override;
    Result<Run> getRun(const QString &runId) override;
    Result<Run> createRun(const QString &experimentId, const QString &runName, qint64 startTimeMs,
                          const QList<Tag> &tags, const QString &userId = {}) override;
    Status updateRun(const QString &runId, RunStatus status, qint64 endTimeMs,
                     const QString &runName = {}) override;
    Status setTag(const QString &runId, const QString &key, const QString &value) override;
    Status deleteTag(const QString &runId, const QString &key) override;
    Status logBatch(const QString &runId, const QList<MetricPoint> &metrics, const QList<Param> &params,
                    const QList<Tag> &tags) override;
    Status deleteRun(const QString &runId) override;
    Status restoreRun(const QString &runId) override;

    Result<QList<MetricPoint>> getMetricHistory(const QString &runId, const QString &key) override;
    Status readMetricIncrement(const QString &runId, const QString &key, MetricCursor *cursor,
                               MetricSeries *series) override;
    Result<QStringList> metricKeys(const QString &runId) override;
    Result<QList<SampledHistory>>
    getSampledHistories(const QStringList &runIds, const QString &key, int maxPointsPerRun,
                        qint64 startStep = std::numeric_limits<qint64>::min(),
                        qint64 endStep = std::numeric_limits<qint64>::max()) override;

    Result<QList<ArtifactInfo>> listArtifacts(const QString &runId, const QString &path = {}) override;
    QString localArtifactPath(const QString &runId, const QString &path) override;
    Result<QByteArray> readArtifact(const QString &runId, const QString &path, qint64 maxBytes) override;
    Status writeArtifact(const QString &runId, const QString &path, const QByteArray &data) override;

    Result<QList<RegisteredModel>> listRegisteredModels() override;
    Result<QList<ModelVersion>> listModelVersions(const QString &modelName) override;
    Result<RegisteredModel> getRegisteredModel(const QString &name) override;
    Result<RegisteredModel> createRegisteredModel(const QString &name, const QString &description = {},
                                                  const QList<Tag> &tags = {}) override;
    Result<ModelVersion> createModelVersion(const QString &modelName, const QString &source,
                                            const QString &runId, const QString &description = {},
                                            const QList<Tag> &tags = {}) override;
    Result<ModelVersion> getModelVersion(const QString &modelName, const QString &version) override;
    Status setModelAlias(const QString &modelName, const QString &alias, const QString &version) override;
    Status deleteModelAlias(const QString &modelName, const QString &alias) override;
    Result<ModelVersion> getModelVersionByAlias(const QString &modelName, const QString &alias) override;
    Status setRegisteredModelTag(const QString &modelName, const QString &key, const QString &value) override;
    Status setModelVersionTag(const QString &modelName, const QString &version, const QString &key,
                              const QString &value) override;

private:
    struct Entry
    {
        QByteArray payload;
        QDateTime fetchedAt;
    };
    // A metric history as stored: the points and the inner store's cursor after the last of them
    // (-1 when unknown, e.g. a full get-history read).
    struct History
    {
        std::vector<qint64> steps;
        std::vector<qint64> timestamps;
        std::vector<double> values;
        qint64 cursorEnd = -1;
    };
    // Increments read but not yet written, per run and metric.
    struct PendingHistory
    {
        bool replace = false;    // the points below are the whole history (a read from cursor 0)
        bool persistable = true; // false: what the caller holds cannot be matched with the cache
        qint64 baseCursor = -1;  // the stored entry's cursorEnd the pending points follow
        qint64 cursorEnd = -1;   // the inner cursor after the pending points
        History points;
        qint64 lastFlushMs = 0;
    };

    QString entryPath(const QString &key) const;
    std::optional<Entry> loadEntry(const QString &key) const;
    void storeEntry(const QString &key, const QByteArray &payload) const;
    std::optional<History> loadHistory(const QString &runId, const QString &key,
                                       QDateTime *fetchedAt = nullptr) const;
    void storeHistory(const QString &runId, const QString &key, const History &history) const;
    void flushHistory(const QString &mapKey, PendingHistory &pending);
    // Accounts for an entry file that went from oldSize to newSize bytes and evicts when over the
    // budget; keep is the entry just written (never evicted).
    void noteWritten(const QString &keep, qint64 oldSize, qint64 newSize) const;
    void noteRemoved(qint64 size) const;
    void rescanAndEvict(const QString &keep) const;

    template <typename T>
    Result<T> cachedRead(const QString &key, const std::function<Result<T>()> &call,
                         const std::function<QByteArray(const T &)> &encode,
                         const std::function<std::optional<T>(const QByteArray &)> &decode,
                         const std::function<std::optional<T>()> &fallback = {});
    Status write(const std::function<Status()> &call, const QString &what);
    template <typename T> Result<T> writeResult(const std::function<Result<T>()> &call, const QString &what);

    void noteOnline();
    void noteOffline(const Error &error);
    void noteServed(const QDateTime &fetchedAt);
    Error notCached(const Error &inner) const;
    Error writeRefused(const Error &inner, const QString &what) const;

    std::unique_ptr<TrackingStore> m_inner;
    QString m_root;
    QHash<QString, PendingHistory> m_pending; // "<run>\x1f<key>" -> what is not on disk yet

    QString m_cacheDir; // the folder the budget covers: every server's m_root in it
    qint64 m_maxBytes = DefaultMaxBytes;
    mutable QMutex m_budgetMutex;
    mutable qint64 m_totalBytes = -1; // -1: not counted yet
    mutable qint64 m_lastScanMs = 0;

    mutable QMutex m_stateMutex; // offline state is read from other threads (the UI)
    bool m_offline = false;
    QDateTime m_offlineSince;
    QString m_offlineWhy;
    QDateTime m_lastServedFetch;
};

} // namespace lab
