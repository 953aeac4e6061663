#include "offlinecachestore.h"

#include "series/metricseries.h"
#include "tracking/mlflowjson.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QDataStream>
#include <QDateTime>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QLocale>
#include <QLoggingCategory>
#include <QMutexLocker>
#include <QSaveFile>
#include <QSet>
#include <QUrl>

#include <algorithm>
#include <atomic>
#include <cstring>

Q_LOGGING_CATEGORY(lcOfflineCache, "labconsole.offlinecache")

namespace lab {

namespace {

using Json = MlflowJson::Json;

QString tr(const char *text)
{
    return QCoreApplication::translate("lab::OfflineCacheStore", text);
}

std::string toStd(const QString &s)
{
    const QByteArray utf8 = s.toUtf8();
    return std::string(utf8.constData(), std::size_t(utf8.size()));
}

QString fromStd(const std::string &s)
{
    return QString::fromUtf8(s.data(), qsizetype(s.size()));
}

constexpr char Magic[8] = {'L', 'A', 'B', 'C', 'A', 'C', 'H', 'E'};
constexpr quint32 EntryVersion = 1;
// Larger files are not ours (or not worth trusting): ignored.
constexpr qint64 MaxEntryBytes = 1024LL * 1024 * 1024;
// Marks the byte order the history columns were written in.
constexpr quint32 ByteOrderMark = 0x01020304;

qint64 monotonicMs()
{
    static QElapsedTimer clock = [] {
        QElapsedTimer t;
        t.start();
        return t;
    }();
    return clock.elapsed();
}

// When an entry was last used, as its modification time: strictly increasing within the process,
// so entries used within one clock tick (the kernel's is coarse) still evict in the order used.
QDateTime useStamp()
{
    static std::atomic<qint64> last{0};
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    qint64 prev = last.load();
    qint64 next = 0;
    do {
        next = std::max(now, prev + 1);
    } while (!last.compare_exchange_weak(prev, next));
    return QDateTime::fromMSecsSinceEpoch(next);
}

bool isHexName(const QString &name, qsizetype length)
{
    if (name.size() != length)
        return false;
    for (QChar c : name) {
        if (!((c >= QLatin1Char('0') && c <= QLatin1Char('9')) ||
              (c >= QLatin1Char('a') && c <= QLatin1Char('f'))))
            return false;
    }
    return true;
}

struct FileOnDisk
{
    QString path;
    qint64 size = 0;
    qint64 usedMs = 0;
};

// A QSaveFile temporary this old was left by a crash, not being written.
constexpr qint64 StaleTemporaryMs = 24LL * 3600 * 1000;

// The entries under cacheDir (<16 hex>/<kind>/<40 hex>.entry, nothing else: the folder may have
// been chosen by hand) and the bytes they take, QSaveFile temporaries included.
std::vector<FileOnDisk> scanEntries(const QString &cacheDir, qint64 *total)
{
    std::vector<FileOnDisk> entries;
    *total = 0;
    const qint64 nowMs = QDateTime::currentMSecsSinceEpoch();
    const QDir root(cacheDir);
    for (const QString &server : root.entryList(QDir::Dirs | QDir::NoDotAndDotDot)) {
        if (!isHexName(server, 16))
            continue;
        const QDir serverDir(root.filePath(server));
        for (const QString &kind : serverDir.entryList(QDir::Dirs | QDir::NoDotAndDotDot)) {
            const QDir kindDir(serverDir.filePath(kind));
            for (const QFileInfo &fi : kindDir.entryInfoList(QDir::Files | QDir::Hidden)) {
                const QString name = fi.fileName();
                if (name.size() > 46 && isHexName(name.left(40), 40) &&
                    name.mid(40, 7) == QLatin1String(".entry.")) {
                    // Being written (or left by a crash): never taken while it may be in use.
                    if (nowMs - fi.lastModified().toMSecsSinceEpoch() > StaleTemporaryMs &&
                        QFile::remove(fi.filePath()))
                        continue;
                    *total += fi.size();
                    continue;
                }
                if (name.size() != 46 || !name.endsWith(QLatin1String(".entry")) ||
                    !isHexName(name.left(40), 40))
                    continue;
                entries.push_back({fi.filePath(), fi.size(), fi.lastModified().toMSecsSinceEpoch()});
                *total += fi.size();
            }
        }
    }
    return entries;
}

QString hashHex(const QString &text, int chars)
{
    return QString::fromLatin1(
        QCryptographicHash::hash(text.toUtf8(), QCryptographicHash::Sha1).toHex().left(chars));
}

QString publicUri(const QString &uri)
{
    const QUrl url(uri);
    if (!url.isValid() || url.scheme().size() <= 1)
        return uri;
    return url.adjusted(QUrl::RemoveUserInfo | QUrl::RemoveQuery | QUrl::RemoveFragment).toString();
}

QString historyKey(const QString &runId, const QString &key)
{
    return QStringLiteral("history/") + runId + QChar(0x1f) + key;
}

// Payload codecs: MLflow's REST shapes where there is one.
std::optional<Json> parsePayload(const QByteArray &bytes)
{
    auto json = MlflowJson::parse(bytes);
    if (!json || !json->is_object())
        return std::nullopt;
    return std::move(*json);
}

QByteArray encodeExperiments(const QList<Experiment> &list)
{
    Json arr = Json::array();
    for (const Experiment &e : list)
        arr.push_back(MlflowJson::toJson(e));
    return MlflowJson::dump(Json{{"experiments", arr}});
}

std::optional<QList<Experiment>> decodeExperiments(const QByteArray &bytes)
{
    auto json = parsePayload(bytes);
    if (!json || !json->contains("experiments") || !(*json)["experiments"].is_array())
        return std::nullopt;
    QList<Experiment> out;
    for (const Json &j : (*json)["experiments"]) {
        auto e = MlflowJson::experimentFromJson(j);
        if (!e)
            return std::nullopt;
        out << *e;
    }
    return out;
}

QByteArray encodeRun(const Run &run)
{
    return MlflowJson::dump(MlflowJson::toJson(run));
}

std::optional<Run> decodeRun(const QByteArray &bytes)
{
    auto json = parsePayload(bytes);
    if (!json)
        return std::nullopt;
    auto run = MlflowJson::runFromJson(*json);
    if (!run)
        return std::nullopt;
    return *run;
}

QByteArray encodeModels(const QList<RegisteredModel> &models)
{
    Json arr = Json::array();
    for (const RegisteredModel &m : models)
        arr.push_back(MlflowJson::toJson(m));
    return MlflowJson::dump(Json{{"registered_models", arr}});
}

std::optional<QList<RegisteredModel>> decodeModels(const QByteArray &bytes)
{
    auto json = parsePayload(bytes);
    if (!json || !json->contains("registered_models") || !(*json)["registered_models"].is_array())
        return std::nullopt;
    QList<RegisteredModel> out;
    for (const Json &j : (*json)["registered_models"]) {
        auto m = MlflowJson::registeredModelFromJson(j);
        if (!m)
            return std::nullopt;
        out << *m;
    }
    return out;
}

QByteArray encodeVersions(const QList<ModelVersion> &versions)
{
    Json arr = Json::array();
    for (const ModelVersion &v : versions)
        arr.push_back(MlflowJson::toJson(v));
    return MlflowJson::dump(Json{{"model_versions", arr}});
}

std::optional<QList<ModelVersion>> decodeVersions(const QByteArray &bytes)
{
    auto json = parsePayload(bytes);
    if (!json || !json->contains("model_versions") || !(*json)["model_versions"].is_array())
        return std::nullopt;
    QList<ModelVersion> out;
    for (const Json &j : (*json)["model_versions"]) {
        auto v = MlflowJson::modelVersionFromJson(j);
        if (!v)
            return std::nullopt;
        out << *v;
    }
    return out;
}

QString describeFailure(const Error &e)
{
    const QString &c = e.code;
    if (c == QLatin1String("CONNECTION_REFUSED"))
        return tr("connection refused");
    if (c == QLatin1String("HOST_NOT_FOUND"))
        return tr("host not found");
    if (c == QLatin1String("CONNECT_TIMEOUT"))
        return tr("connection timed out");
    if (c == QLatin1String("TIMEOUT") || c == QLatin1String("IDLE_TIMEOUT"))
        return tr("no answer in time");
    if (c == QLatin1String("CONNECTION_RESET"))
        return tr("connection reset");
    if (c == QLatin1String("PROXY"))
        return tr("proxy unreachable");
    if (e.httpStatus == 502 || e.httpStatus == 503 || e.httpStatus == 504)
        return tr("server unavailable, HTTP %1").arg(e.httpStatus);
    return tr("network error");
}

QString timeText(const QDateTime &t)
{
    const QDateTime local = t.toLocalTime();
    const QLocale locale;
    if (local.date() == QDate::currentDate())
        return locale.toString(local.time(), QLocale::ShortFormat);
    return locale.toString(local, QLocale::ShortFormat);
}

} // namespace

OfflineCacheStore::OfflineCacheStore(std::unique_ptr<TrackingStore> inner, QString cacheDir, qint64 maxBytes)
    : m_inner(std::move(inner))
{
    Q_ASSERT(m_inner);
    // One cache folder may serve several servers: each gets its own, named by its URI.
    m_cacheDir = QDir(cacheDir).absolutePath();
    m_root = QDir(cacheDir).absoluteFilePath(hashHex(publicUri(m_inner->uri()), 16));
    m_maxBytes = maxBytes > 0 ? maxBytes : defaultMaxBytes();
}

qint64 OfflineCacheStore::defaultMaxBytes()
{
    const QByteArray env = qgetenv("LABCONSOLE_CACHE_MAX_MB").trimmed();
    if (env.isEmpty())
        return DefaultMaxBytes;
    bool ok = false;
    const qint64 mb = env.toLongLong(&ok);
    if (!ok || mb <= 0 || mb > (qint64(1) << 40)) {
        qCWarning(lcOfflineCache) << "ignoring LABCONSOLE_CACHE_MAX_MB" << env
                                  << "- not a positive number of MiB";
        return DefaultMaxBytes;
    }
    return mb * 1024 * 1024;
}

qint64 OfflineCacheStore::cachedBytes() const
{
    QMutexLocker lock(&m_budgetMutex);
    return m_totalBytes;
}

OfflineCacheStore::~OfflineCacheStore()
{
    flush();
}

bool OfflineCacheStore::isConnectionFailure(const Error &error)
{
    static const QStringList codes = {QStringLiteral("HOST_NOT_FOUND"),  QStringLiteral("CONNECTION_REFUSED"),
                                      QStringLiteral("CONNECT_TIMEOUT"), QStringLiteral("TIMEOUT"),
                                      QStringLiteral("IDLE_TIMEOUT"),    QStringLiteral("CONNECTION_RESET"),
                                      QStringLiteral("PROXY"),           QStringLiteral("NETWORK")};
    if (codes.contains(error.code))
        return true;
    // A proxy or ingress in front of a server that is down answers 502/503/504 with its own page
    // (after the REST store's retries): the tracking server is just as unreachable.
    return error.httpStatus == 502 || error.httpStatus == 503 || error.httpStatus == 504;
}

// ---- offline state --------------------------------------------------------------------------

bool OfflineCacheStore::isOffline() const
{
    QMutexLocker lock(&m_stateMutex);
    return m_offline;
}

QDateTime OfflineCacheStore::offlineSince() const
{
    QMutexLocker lock(&m_stateMutex);
    return m_offline ? m_offlineSince : QDateTime();
}

QString OfflineCacheStore::offlineReason() const
{
    QMutexLocker lock(&m_stateMutex);
    if (!m_offline)
        return {};
    QString s = tr("Offline since %1: cannot reach %2 (%3)")
                    .arg(timeText(m_offlineSince), publicUri(m_inner->uri()), m_offlineWhy);
    if (m_lastServedFetch.isValid())
        s += tr("; showing what was last fetched at %1").arg(timeText(m_lastServedFetch));
    else
        s += tr("; nothing fetched before is shown yet");
    return s;
}

void OfflineCacheStore::noteOnline()
{
    QMutexLocker lock(&m_stateMutex);
    if (m_offline)
        qCInfo(lcOfflineCache) << "back online:" << publicUri(m_inner->uri());
    m_offline = false;
    m_offlineWhy.clear();
    m_lastServedFetch = QDateTime();
}

void OfflineCacheStore::noteOffline(const Error &error)
{
    bool wasOffline = false;
    {
        QMutexLocker lock(&m_stateMutex);
        wasOffline = m_offline;
        if (!m_offline) {
            m_offline = true;
            m_offlineSince = QDateTime::currentDateTime();
            qCWarning(lcOfflineCache)
                << "offline:" << publicUri(m_inner->uri()) << error.code << error.httpStatus;
        }
        m_offlineWhy = describeFailure(error);
    }
    // What was read but not yet written is what the user saw last: keep it before answering.
    if (!wasOffline)
        flush();
}

void OfflineCacheStore::noteServed(const QDateTime &fetchedAt)
{
    QMutexLocker lock(&m_stateMutex);
    m_lastServedFetch = fetchedAt;
}

Error OfflineCacheStore::notCached(const Error &inner) const
{
    Error e = inner;
    // An entry evicted for the budget is a miss like one never fetched: the user cannot tell them apart.
    e.hint = tr("The server cannot be reached and there is no offline copy of this: it was not fetched "
                "before, or it was removed to keep the cache within its size limit.");
    return e;
}

Error OfflineCacheStore::writeRefused(const Error &inner, const QString &what) const
{
    Error e = inner;
    e.message = tr("Offline: %1 cannot be reached, so %2 was not saved").arg(publicUri(m_inner->uri()), what);
    e.detail = inner.message;
    e.hint = tr("Nothing was changed on the server; try again when the connection is back.");
    return e;
}

// ---- the byte budget ------------------------------------------------------------------------

void OfflineCacheStore::noteWritten(const QString &keep, qint64 oldSize, qint64 newSize) const
{
    QMutexLocker lock(&m_budgetMutex);
    const bool stale = m_totalBytes < 0 || monotonicMs() - m_lastScanMs >= RescanIntervalMs;
    if (!stale)
        m_totalBytes += newSize - oldSize;
    if (stale || m_totalBytes > m_maxBytes)
        rescanAndEvict(keep);
}

void OfflineCacheStore::noteRemoved(qint64 size) const
{
    QMutexLocker lock(&m_budgetMutex);
    if (m_totalBytes >= 0)
        m_totalBytes = std::max<qint64>(0, m_totalBytes - size);
}

// Called with m_budgetMutex held, from the thread that runs the store's calls (m_pending is its).
void OfflineCacheStore::rescanAndEvict(const QString &keep) const
{
    qint64 total = 0;
    std::vector<FileOnDisk> entries = scanEntries(m_cacheDir, &total);
    m_lastScanMs = monotonicMs();
    m_totalBytes = total;
    if (total <= m_maxBytes)
        return;
    // The stored history a pending increment continues: evicting it would lose those points.
    QSet<QString> keepPaths{QDir::cleanPath(keep)};
    for (auto it = m_pending.cbegin(); it != m_pending.cend(); ++it) {
        keepPaths.insert(QDir::cleanPath(
            entryPath(historyKey(it.key().section(QChar(0x1f), 0, 0), it.key().section(QChar(0x1f), 1)))));
    }
    std::sort(entries.begin(), entries.end(), [](const FileOnDisk &a, const FileOnDisk &b) {
        return a.usedMs != b.usedMs ? a.usedMs < b.usedMs : a.path < b.path;
    });
    const qint64 target = m_maxBytes / 100 * EvictToPercent;
    int evicted = 0;
    for (const FileOnDisk &e : entries) {
        if (total <= target)
            break;
        if (keepPaths.contains(QDir::cleanPath(e.path)))
            continue;
        if (QFile::remove(e.path)) {
            total -= e.size;
            ++evicted;
        }
    }
    m_totalBytes = total;
    qCInfo(lcOfflineCache) << "evicted" << evicted << "cache entries; the cache now takes" << total << "of"
                           << m_maxBytes << "bytes";
}

// ---- entries on disk ------------------------------------------------------------------------

QString OfflineCacheStore::entryPath(const QString &key) const
{
    const QString kind = key.section(QLatin1Char('/'), 0, 0);
    return m_root + QLatin1Char('/') + kind + QLatin1Char('/') + hashHex(key, 40) + QStringLiteral(".entry");
}

std::optional<OfflineCacheStore::Entry> OfflineCacheStore::loadEntry(const QString &key) const
{
    const QString path = entryPath(key);
    QFile f(path);
    if (!f.exists())
        return std::nullopt;
    const qint64 size = f.size();
    auto discard = [&](const char *why) -> std::optional<Entry> {
        qCWarning(lcOfflineCache) << "ignoring cache entry" << path << "-" << why;
        if (QFile::remove(path))
            noteRemoved(size);
        return std::nullopt;
    };
    if (f.size() > MaxEntryBytes)
        return discard("too large");
    if (!f.open(QIODevice::ReadOnly)) {
        qCWarning(lcOfflineCache) << "cannot read cache entry" << path << f.errorString();
        return std::nullopt;
    }
    const QByteArray bytes = f.readAll();
    // Read counts as used for the eviction order (a failed stamp just leaves the older order).
    f.setFileTime(useStamp(), QFileDevice::FileModificationTime);
    f.close();
    if (bytes.size() < qsizetype(sizeof(Magic)) || std::memcmp(bytes.constData(), Magic, sizeof(Magic)) != 0)
        return discard("not a cache entry");
    QDataStream in(bytes);
    in.setVersion(QDataStream::Qt_6_0);
    in.skipRawData(sizeof(Magic));
    quint32 version = 0;
    qint64 fetchedMs = 0;
    QByteArray storedKey, payload, digest;
    in >> version;
    if (version != EntryVersion)
        return discard("unknown version");
    in >> fetchedMs >> storedKey >> payload >> digest;
    if (in.status() != QDataStream::Ok)
        return discard("truncated");
    if (storedKey != key.toUtf8())
        return discard("written for another request");
    if (QCryptographicHash::hash(payload, QCryptographicHash::Sha1) != digest)
        return discard("checksum mismatch");
    return Entry{payload, QDateTime::fromMSecsSinceEpoch(fetchedMs)};
}

void OfflineCacheStore::storeEntry(const QString &key, const QByteArray &payload) const
{
    const QString path = entryPath(key);
    const QFileInfo existing(path);
    const qint64 oldSize = existing.exists() ? existing.size() : 0;
    if (!QDir().mkpath(existing.absolutePath())) {
        qCWarning(lcOfflineCache) << "cannot create cache folder for" << path;
        return;
    }
    QByteArray bytes;
    {
        QDataStream out(&bytes, QIODevice::WriteOnly);
        out.setVersion(QDataStream::Qt_6_0);
        out.writeRawData(Magic, sizeof(Magic));
        out << EntryVersion << QDateTime::currentMSecsSinceEpoch() << key.toUtf8() << payload
            << QCryptographicHash::hash(payload, QCryptographicHash::Sha1);
    }
    if (bytes.size() > m_maxBytes) {
        // Larger than the whole budget: not kept, and an older copy must not stand in for it.
        qCDebug(lcOfflineCache) << "not caching" << key.section(QLatin1Char('/'), 0, 0) << "entry of"
                                << bytes.size() << "bytes, over the budget of" << m_maxBytes;
        if (oldSize > 0 && QFile::remove(path))
            noteRemoved(oldSize);
        return;
    }
    QSaveFile f(path);
    if (!f.open(QIODevice::WriteOnly) || f.write(bytes) != bytes.size() || !f.flush()) {
        // A full disk costs the offline copy, never the answer.
        qCWarning(lcOfflineCache) << "cannot write cache entry" << path << f.errorString();
        f.cancelWriting();
        return;
    }
    // Written counts as used; stamped before the rename so the entry never appears unstamped.
    f.setFileTime(useStamp(), QFileDevice::FileModificationTime);
    if (!f.commit()) {
        qCWarning(lcOfflineCache) << "cannot write cache entry" << path << f.errorString();
        return;
    }
    noteWritten(path, oldSize, bytes.size());
}

std::optional<OfflineCacheStore::History>
OfflineCacheStore::loadHistory(const QString &runId, const QString &key, QDateTime *fetchedAt) const
{
    auto entry = loadEntry(historyKey(runId, key));
    if (!entry)
        return std::nullopt;
    const QByteArray &p = entry->payload;
    struct Head
    {
        quint32 bom;
        quint32 reserved;
        qint64 count;
        qint64 cursorEnd;
    } head;
    if (p.size() < qsizetype(sizeof head))
        return std::nullopt;
    std::memcpy(&head, p.constData(), sizeof head);
    if (head.bom != ByteOrderMark || head.count < 0 ||
        p.size() != qsizetype(sizeof head) + head.count * qsizetype(3 * sizeof(qint64))) {
        qCWarning(lcOfflineCache) << "ignoring cached history of" << runId << key << "- malformed";
        return std::nullopt;
    }
    History h;
    const std::size_t n = std::size_t(head.count);
    h.cursorEnd = head.cursorEnd;
    h.steps.resize(n);
    h.timestamps.resize(n);
    h.values.resize(n);
    const char *at = p.constData() + sizeof head;
    std::memcpy(h.steps.data(), at, n * sizeof(qint64));
    std::memcpy(h.timestamps.data(), at + n * sizeof(qint64), n * sizeof(qint64));
    std::memcpy(h.values.data(), at + 2 * n * sizeof(qint64), n * sizeof(double));
    if (fetchedAt)
        *fetchedAt = entry->fetchedAt;
    return h;
}

void OfflineCacheStore::storeHistory(const QString &runId, const QString &key, const History &h) const
{
    const std::size_t n = h.values.size();
    struct Head
    {
        quint32 bom;
        quint32 reserved;
        qint64 count;
        qint64 cursorEnd;
    } head{ByteOrderMark, 0, qint64(n), h.cursorEnd};
    QByteArray payload(qsizetype(sizeof head + 3 * n * sizeof(qint64)), Qt::Uninitialized);
    char *at = payload.data();
    std::memcpy(at, &head, sizeof head);
    at += sizeof head;
    std::memcpy(at, h.steps.data(), n * sizeof(qint64));
    std::memcpy(at + n * sizeof(qint64), h.timestamps.data(), n * sizeof(qint64));
    std::memcpy(at + 2 * n * sizeof(qint64), h.values.data(), n * sizeof(double));
    storeEntry(historyKey(runId, key), payload);
}

void OfflineCacheStore::flushHistory(const QString &mapKey, PendingHistory &p)
{
    p.lastFlushMs = monotonicMs();
    if (!p.persistable)
        return;
    const QString runId = mapKey.section(QChar(0x1f), 0, 0);
    const QString key = mapKey.section(QChar(0x1f), 1);
    if (p.replace) {
        p.points.cursorEnd = p.cursorEnd;
        storeHistory(runId, key, p.points);
    } else if (!p.points.values.empty()) {
        auto stored = loadHistory(runId, key);
        if (!stored || stored->cursorEnd != p.baseCursor) {
            // The file changed under us (another instance): it no longer lines up with ours.
            p.persistable = false;
            p.points = History();
            return;
        }
        stored->steps.insert(stored->steps.end(), p.points.steps.begin(), p.points.steps.end());
        stored->timestamps.insert(stored->timestamps.end(), p.points.timestamps.begin(),
                                  p.points.timestamps.end());
        stored->values.insert(stored->values.end(), p.points.values.begin(), p.points.values.end());
        stored->cursorEnd = p.cursorEnd;
        storeHistory(runId, key, *stored);
    } else {
        return;
    }
    p.replace = false;
    p.baseCursor = p.cursorEnd;
    p.points = History();
}

void OfflineCacheStore::flush()
{
    for (auto it = m_pending.begin(); it != m_pending.end(); ++it) {
        if (it->replace || !it->points.values.empty())
            flushHistory(it.key(), *it);
    }
}

// ---- the read and write patterns ------------------------------------------------------------

template <typename T>
Result<T> OfflineCacheStore::cachedRead(const QString &key, const std::function<Result<T>()> &call,
                                        const std::function<QByteArray(const T &)> &encode,
                                        const std::function<std::optional<T>(const QByteArray &)> &decode,
                                        const std::function<std::optional<T>()> &fallback)
{
    Result<T> r = call();
    if (r) {
        noteOnline();
        storeEntry(key, encode(*r));
        return r;
    }
    if (!isConnectionFailure(r.error()))
        return r;
    noteOffline(r.error());
    if (auto entry = loadEntry(key)) {
        if (auto v = decode(entry->payload)) {
            noteServed(entry->fetchedAt);
            return std::move(*v);
        }
        qCWarning(lcOfflineCache) << "ignoring cache entry for" << key << "- it does not decode";
    }
    if (fallback) {
        if (auto v = fallback())
            return std::move(*v);
    }
    return notCached(r.error());
}

Status OfflineCacheStore::write(const std::function<Status()> &call, const QString &what)
{
    Status s = call();
    if (s) {
        noteOnline();
        return s;
    }
    if (!isConnectionFailure(s.error()))
        return s;
    noteOffline(s.error());
    return writeRefused(s.error(), what);
}

template <typename T>
Result<T> OfflineCacheStore::writeResult(const std::function<Result<T>()> &call, const QString &what)
{
    Result<T> r = call();
    if (r) {
        noteOnline();
        return r;
    }
    if (!isConnectionFailure(r.error()))
        return r;
    noteOffline(r.error());
    return writeRefused(r.error(), what);
}

// ---- experiments ----------------------------------------------------------------------------

Result<QList<Experiment>> OfflineCacheStore::listExperiments(ViewType view)
{
    return cachedRead<QList<Experiment>>(
        QStringLiteral("experiments/%1").arg(int(view)), [&] { return m_inner->listExperiments(view); },
        encodeExperiments, decodeExperiments);
}

Result<Experiment> OfflineCacheStore::getExperiment(const QString &experimentId)
{
    return cachedRead<Experiment>(
        QStringLiteral("experiment/") + experimentId, [&] { return m_inner->getExperiment(experimentId); },
        [](const Experiment &e) { return MlflowJson::dump(MlflowJson::toJson(e)); },
        [](const QByteArray &b) -> std::optional<Experiment> {
            auto j = parsePayload(b);
            if (!j)
                return std::nullopt;
            auto e = MlflowJson::experimentFromJson(*j);
            return e ? std::optional<Experiment>(*e) : std::nullopt;
        },
        [&]() -> std::optional<Experiment> {
            auto all = loadEntry(QStringLiteral("experiments/%1").arg(int(ViewType::All)));
            if (!all)
                all = loadEntry(QStringLiteral("experiments/%1").arg(int(ViewType::ActiveOnly)));
            if (!all)
                return std::nullopt;
            if (auto list = decodeExperiments(all->payload)) {
                for (const Experiment &e : std::as_const(*list)) {
                    if (e.id == experimentId) {
                        noteServed(all->fetchedAt);
                        return e;
                    }
                }
            }
            return std::nullopt;
        });
}

Result<std::optional<Experiment>> OfflineCacheStore::getExperimentByName(const QString &name)
{
    using Opt = std::optional<Experiment>;
    return cachedRead<Opt>(
        QStringLiteral("experimentByName/") + name, [&] { return m_inner->getExperimentByName(name); },
        [](const Opt &e) {
            return MlflowJson::dump(e ? Json{{"experiment", MlflowJson::toJson(*e)}} : Json::object());
        },
        [](const QByteArray &b) -> std::optional<Opt> {
            auto j = parsePayload(b);
            if (!j)
                return std::nullopt;
            if (!j->contains("experiment"))
                return Opt();
            auto e = MlflowJson::experimentFromJson((*j)["experiment"]);
            return e ? std::optional<Opt>(Opt(*e)) : std::nullopt;
        });
}

Result<QString> OfflineCacheStore::createExperiment(const QString &name, const QString &artifactLocation)
{
    return writeResult<QString>([&] { return m_inner->createExperiment(name, artifactLocation); },
                                tr("the new experiment \"%1\"").arg(name));
}

// ---- runs -----------------------------------------------------------------------------------

Result<RunPage> OfflineCacheStore::searchRuns(const RunSearch &search)
{
    Json ids = Json::array();
    for (const QString &id : search.experimentIds)
        ids.push_back(toStd(id));
    Json order = Json::array();
    for (const QString &o : search.orderBy)
        order.push_back(toStd(o));
    const Json request{{"experiment_ids", ids},
                       {"filter", toStd(search.filter)},
                       {"order_by", order},
                       {"view", int(search.viewType)},
                       {"max_results", search.maxResults},
                       {"page_token", toStd(search.pageToken)}};
    return cachedRead<RunPage>(
        QStringLiteral("search/") + QString::fromUtf8(MlflowJson::dump(request)),
        [&] { return m_inner->searchRuns(search); },
        [](const RunPage &page) {
            Json runs = Json::array();
            for (const Run &r : page.runs)
                runs.push_back(MlflowJson::toJson(r));
            return MlflowJson::dump(Json{{"runs", runs}, {"next_page_token", toStd(page.nextPageToken)}});
        },
        [](const QByteArray &b) -> std::optional<RunPage> {
            auto j = parsePayload(b);
            if (!j || !j->contains("runs") || !(*j)["runs"].is_array())
                return std::nullopt;
            RunPage page;
            for (const Json &rj : (*j)["runs"]) {
                auto r = MlflowJson::runFromJson(rj);
                if (!r)
                    return std::nullopt;
                page.runs << *r;
            }
            page.nextPageToken = fromStd(j->value("next_page_token", std::string()));
            return page;
        });
}

Result<Run> OfflineCacheStore::getRun(const QString &runId)
{
    return cachedRead<Run>(
        QStringLiteral("run/") + runId, [&] { return m_inner->getRun(runId); }, encodeRun, decodeRun);
}

Result<Run> OfflineCacheStore::createRun(const QString &experimentId, const QString &runName,
                                         qint64 startTimeMs, const QList<Tag> &tags, const QString &userId)
{
    return writeResult<Run>(
        [&] { return m_inner->createRun(experimentId, runName, startTimeMs, tags, userId); },
        tr("the new run"));
}

Status OfflineCacheStore::updateRun(const QString &runId, RunStatus status, qint64 endTimeMs,
                                    const QString &runName)
{
    return write([&] { return m_inner->updateRun(runId, status, endTimeMs, runName); },
                 tr("the status of run %1").arg(runId));
}

Status OfflineCacheStore::setTag(const QString &runId, const QString &key, const QString &value)
{
    return write([&] { return m_inner->setTag(runId, key, value); }, tr("the tag %1").arg(key));
}

Status OfflineCacheStore::deleteTag(const QString &runId, const QString &key)
{
    return write([&] { return m_inner->deleteTag(runId, key); }, tr("the removal of tag %1").arg(key));
}

Status OfflineCacheStore::logBatch(const QString &runId, const QList<MetricPoint> &metrics,
                                   const QList<Param> &params, const QList<Tag> &tags)
{
    return write([&] { return m_inner->logBatch(runId, metrics, params, tags); },
                 tr("the batch for run %1").arg(runId));
}

Status OfflineCacheStore::deleteRun(const QString &runId)
{
    return write([&] { return m_inner->deleteRun(runId); }, tr("the deletion of run %1").arg(runId));
}

Status OfflineCacheStore::restoreRun(const QString &runId)
{
    return write([&] { return m_inner->restoreRun(runId); }, tr("the restoring of run %1").arg(runId));
}

// ---- metric histories -----------------------------------------------------------------------

Result<QList<MetricPoint>> OfflineCacheStore::getMetricHistory(const QString &runId, const QString &key)
{
    Result<QList<MetricPoint>> r = m_inner->getMetricHistory(runId, key);
    if (r) {
        noteOnline();
        // An increment reader of the same metric keeps its own bookkeeping; do not undercut it.
        if (!m_pending.contains(runId + QChar(0x1f) + key)) {
            History h;
            h.steps.reserve(std::size_t(r->size()));
            h.timestamps.reserve(std::size_t(r->size()));
            h.values.reserve(std::size_t(r->size()));
            for (const MetricPoint &p : std::as_const(*r)) {
                h.steps.push_back(p.step);
                h.timestamps.push_back(p.timestamp);
                h.values.push_back(p.value);
            }
            storeHistory(runId, key, h);
        }
        return r;
    }
    if (!isConnectionFailure(r.error()))
        return r;
    noteOffline(r.error());
    QDateTime fetched;
    auto h = loadHistory(runId, key, &fetched);
    if (!h)
        return notCached(r.error());
    noteServed(fetched);
    QList<MetricPoint> out;
    out.reserve(qsizetype(h->values.size()));
    for (std::size_t i = 0; i < h->values.size(); ++i)
        out << MetricPoint{key, h->values[i], h->timestamps[i], h->steps[i]};
    return out;
}

Status OfflineCacheStore::readMetricIncrement(const QString &runId, const QString &key, MetricCursor *cursor,
                                              MetricSeries *series)
{
    const QString mapKey = runId + QChar(0x1f) + key;
    const qint64 before = cursor->position;
    const std::size_t sizeBefore = series->size();

    Status s;
    MetricCursor innerCursor = *cursor;
    if (before < 0) // handed out while offline: the server starts over
        innerCursor = MetricCursor{};
    s = m_inner->readMetricIncrement(runId, key, &innerCursor, series);
    if (s) {
        noteOnline();
        const bool startedOver = before <= 0 || innerCursor.reset;
        *cursor = innerCursor;
        if (before < 0)
            cursor->reset = true;
        PendingHistory &p = m_pending[mapKey];
        if (startedOver) {
            p = PendingHistory();
            p.replace = true;
        } else if (p.cursorEnd != before || !p.persistable) {
            if (p.cursorEnd == -1 && p.persistable && !p.replace && p.points.values.empty()) {
                // First increment this session on a series read in an earlier one: it continues the
                // stored history only if that ended exactly where the caller's cursor is.
                auto stored = loadHistory(runId, key);
                p.persistable = stored && stored->cursorEnd == before;
                p.baseCursor = before;
            } else {
                p.persistable = false;
            }
        }
        const auto steps = series->steps();
        const auto ts = series->timestamps();
        const auto values = series->values();
        if (p.persistable) {
            p.points.steps.insert(p.points.steps.end(), steps.begin() + qsizetype(sizeBefore), steps.end());
            p.points.timestamps.insert(p.points.timestamps.end(), ts.begin() + qsizetype(sizeBefore),
                                       ts.end());
            p.points.values.insert(p.points.values.end(), values.begin() + qsizetype(sizeBefore),
                                   values.end());
        }
        p.cursorEnd = cursor->position;
        const bool changed = p.replace || !p.points.values.empty();
        if (changed && monotonicMs() - p.lastFlushMs >= FlushIntervalMs)
            flushHistory(mapKey, p);
        return s;
    }
    if (!isConnectionFailure(s.error()))
        return s;
    noteOffline(s.error());
    if (before > 0) {
        // The caller holds what it read from the server this session, newer than any cache.
        return Status::success();
    }
    QDateTime fetched;
    auto h = loadHistory(runId, key, &fetched);
    if (!h)
        return notCached(s.error());
    noteServed(fetched);
    const qint64 served = before < 0 ? -before - 1 : 0;
    const qint64 n = qint64(h->values.size());
    qint64 from = served;
    cursor->reset = false;
    if (served > n) { // the cache was replaced by a shorter history: start over
        from = 0;
        cursor->reset = true;
    }
    const auto count = std::size_t(n - from);
    if (count > 0)
        series->append(std::span(h->steps).subspan(std::size_t(from), count),
                       std::span(h->timestamps).subspan(std::size_t(from), count),
                       std::span(h->values).subspan(std::size_t(from), count));
    cursor->position = -1 - n;
    return Status::success();
}

Result<QStringList> OfflineCacheStore::metricKeys(const QString &runId)
{
    return cachedRead<QStringList>(
        QStringLiteral("metricKeys/") + runId, [&] { return m_inner->metricKeys(runId); },
        [](const QStringList &keys) {
            Json arr = Json::array();
            for (const QString &k : keys)
                arr.push_back(toStd(k));
            return MlflowJson::dump(Json{{"keys", arr}});
        },
        [](const QByteArray &b) -> std::optional<QStringList> {
            auto j = parsePayload(b);
            if (!j || !j->contains("keys") || !(*j)["keys"].is_array())
                return std::nullopt;
            QStringList out;
            for (const Json &k : (*j)["keys"]) {
                if (!k.is_string())
                    return std::nullopt;
                out << fromStd(k.get<std::string>());
            }
            return out;
        },
        [&]() -> std::optional<QStringList> {
            // The run's latest metrics name its keys too.
            auto entry = loadEntry(QStringLiteral("run/") + runId);
            if (!entry)
                return std::nullopt;
            auto run = decodeRun(entry->payload);
            if (!run)
                return std::nullopt;
            noteServed(entry->fetchedAt);
            QStringList keys;
            for (const MetricPoint &m : std::as_const(run->metrics))
                keys << m.key;
            return keys;
        });
}

Result<QList<SampledHistory>> OfflineCacheStore::getSampledHistories(const QStringList &runIds,
                                                                     const QString &key, int maxPointsPerRun,
                                                                     qint64 startStep, qint64 endStep)
{
    auto r = m_inner->getSampledHistories(runIds, key, maxPointsPerRun, startStep, endStep);
    const bool fullRange =
        startStep == std::numeric_limits<qint64>::min() && endStep == std::numeric_limits<qint64>::max();
    if (r) {
        noteOnline();
        for (const SampledHistory &h : std::as_const(*r)) {
            if (!h.complete || !fullRange || !h.series || m_pending.contains(h.runId + QChar(0x1f) + h.key))
                continue;
            History stored;
            stored.steps.assign(h.series->steps().begin(), h.series->steps().end());
            stored.timestamps.assign(h.series->timestamps().begin(), h.series->timestamps().end());
            stored.values.assign(h.series->values().begin(), h.series->values().end());
            stored.cursorEnd = h.cursor ? h.cursor->position : -1;
            storeHistory(h.runId, h.key, stored);
        }
        return r;
    }
    if (!isConnectionFailure(r.error()))
        return r;
    noteOffline(r.error());
    QList<SampledHistory> out;
    for (const QString &runId : runIds) {
        QDateTime fetched;
        auto h = loadHistory(runId, key, &fetched);
        if (!h)
            continue;
        noteServed(fetched);
        auto series = std::make_shared<MetricSeries>();
        for (std::size_t i = 0; i < h->values.size(); ++i) {
            if (h->steps[i] >= startStep && h->steps[i] <= endStep)
                series->append(h->steps[i], h->timestamps[i], h->values[i]);
        }
        // The cursor is ours (negative): reading on from it serves the cache, or starts over online.
        std::optional<MetricCursor> cursor;
        if (fullRange)
            cursor = MetricCursor{-1 - qint64(h->values.size())};
        out << SampledHistory{runId, key, series, true, cursor};
    }
    if (out.isEmpty() && !runIds.isEmpty())
        return notCached(r.error());
    return out;
}

// ---- artifacts ------------------------------------------------------------------------------

Result<QList<ArtifactInfo>> OfflineCacheStore::listArtifacts(const QString &runId, const QString &path)
{
    return cachedRead<QList<ArtifactInfo>>(
        QStringLiteral("artifacts/") + runId + QChar(0x1f) + path,
        [&] { return m_inner->listArtifacts(runId, path); },
        [](const QList<ArtifactInfo> &files) {
            Json arr = Json::array();
            for (const ArtifactInfo &a : files)
                arr.push_back(Json{{"path", toStd(a.path)}, {"is_dir", a.isDir}, {"file_size", a.fileSize}});
            return MlflowJson::dump(Json{{"files", arr}});
        },
        [](const QByteArray &b) -> std::optional<QList<ArtifactInfo>> {
            auto j = parsePayload(b);
            if (!j || !j->contains("files") || !(*j)["files"].is_array())
                return std::nullopt;
            QList<ArtifactInfo> out;
            for (const Json &f : (*j)["files"]) {
                if (!f.is_object() || !f.contains("path") || !f["path"].is_string())
                    return std::nullopt;
                out << ArtifactInfo{fromStd(f["path"].get<std::string>()), f.value("is_dir", false),
                                    f.value("file_size", qint64(0))};
            }
            return out;
        });
}

QString OfflineCacheStore::localArtifactPath(const QString &runId, const QString &path)
{
    return m_inner->localArtifactPath(runId, path);
}

Result<QByteArray> OfflineCacheStore::readArtifact(const QString &runId, const QString &path, qint64 maxBytes)
{
    const QString key = QStringLiteral("artifact/") + runId + QChar(0x1f) + path;
    Result<QByteArray> r = m_inner->readArtifact(runId, path, maxBytes);
    if (r) {
        noteOnline();
        if (r->size() <= MaxCachedArtifactBytes) {
            // Whether these bytes are the whole file: a read that hit its limit may have been cut.
            const bool whole = maxBytes < 0 || r->size() < maxBytes;
            QByteArray payload;
            QDataStream out(&payload, QIODevice::WriteOnly);
            out << whole << *r;
            storeEntry(key, payload);
        }
        return r;
    }
    if (!isConnectionFailure(r.error()))
        return r;
    noteOffline(r.error());
    if (auto entry = loadEntry(key)) {
        QDataStream in(entry->payload);
        bool whole = false;
        QByteArray data;
        in >> whole >> data;
        if (in.status() == QDataStream::Ok && (whole || (maxBytes >= 0 && maxBytes <= data.size()))) {
            noteServed(entry->fetchedAt);
            if (maxBytes >= 0 && data.size() > maxBytes)
                data.truncate(qsizetype(maxBytes));
            return data;
        }
    }
    return notCached(r.error());
}

Status OfflineCacheStore::writeArtifact(const QString &runId, const QString &path, const QByteArray &data)
{
    return write([&] { return m_inner->writeArtifact(runId, path, data); }, tr("the artifact %1").arg(path));
}

// ---- model registry -------------------------------------------------------------------------

Result<QList<RegisteredModel>> OfflineCacheStore::listRegisteredModels()
{
    return cachedRead<QList<RegisteredModel>>(
        QStringLiteral("models/all"), [&] { return m_inner->listRegisteredModels(); }, encodeModels,
        decodeModels);
}

Result<QList<ModelVersion>> OfflineCacheStore::listModelVersions(const QString &modelName)
{
    return cachedRead<QList<ModelVersion>>(
        QStringLiteral("modelVersions/") + modelName, [&] { return m_inner->listModelVersions(modelName); },
        encodeVersions, decodeVersions);
}

Result<RegisteredModel> OfflineCacheStore::getRegisteredModel(const QString &name)
{
    return cachedRead<RegisteredModel>(
        QStringLiteral("model/") + name, [&] { return m_inner->getRegisteredModel(name); },
        [](const RegisteredModel &m) { return MlflowJson::dump(MlflowJson::toJson(m)); },
        [](const QByteArray &b) -> std::optional<RegisteredModel> {
            auto j = parsePayload(b);
            if (!j)
                return std::nullopt;
            auto m = MlflowJson::registeredModelFromJson(*j);
            return m ? std::optional<RegisteredModel>(*m) : std::nullopt;
        },
        [&]() -> std::optional<RegisteredModel> {
            auto entry = loadEntry(QStringLiteral("models/all"));
            if (!entry)
                return std::nullopt;
            if (auto models = decodeModels(entry->payload)) {
                for (const RegisteredModel &m : std::as_const(*models)) {
                    if (m.name == name) {
                        noteServed(entry->fetchedAt);
                        return m;
                    }
                }
            }
            return std::nullopt;
        });
}

namespace {

std::optional<ModelVersion> findVersion(const QByteArray &payload,
                                        const std::function<bool(const ModelVersion &)> &match)
{
    if (auto versions = decodeVersions(payload)) {
        for (const ModelVersion &v : std::as_const(*versions)) {
            if (match(v))
                return v;
        }
    }
    return std::nullopt;
}

QByteArray encodeVersion(const ModelVersion &v)
{
    return MlflowJson::dump(MlflowJson::toJson(v));
}

std::optional<ModelVersion> decodeVersion(const QByteArray &b)
{
    auto j = parsePayload(b);
    if (!j)
        return std::nullopt;
    auto v = MlflowJson::modelVersionFromJson(*j);
    return v ? std::optional<ModelVersion>(*v) : std::nullopt;
}

} // namespace

Result<ModelVersion> OfflineCacheStore::getModelVersion(const QString &modelName, const QString &version)
{
    return cachedRead<ModelVersion>(
        QStringLiteral("modelVersion/") + modelName + QChar(0x1f) + version,
        [&] { return m_inner->getModelVersion(modelName, version); }, encodeVersion, decodeVersion,
        [&]() -> std::optional<ModelVersion> {
            auto entry = loadEntry(QStringLiteral("modelVersions/") + modelName);
            if (!entry)
                return std::nullopt;
            auto v =
                findVersion(entry->payload, [&](const ModelVersion &mv) { return mv.version == version; });
            if (v)
                noteServed(entry->fetchedAt);
            return v;
        });
}

Result<ModelVersion> OfflineCacheStore::getModelVersionByAlias(const QString &modelName, const QString &alias)
{
    return cachedRead<ModelVersion>(
        QStringLiteral("modelAlias/") + modelName + QChar(0x1f) + alias,
        [&] { return m_inner->getModelVersionByAlias(modelName, alias); }, encodeVersion, decodeVersion,
        [&]() -> std::optional<ModelVersion> {
            auto entry = loadEntry(QStringLiteral("modelVersions/") + modelName);
            if (!entry)
                return std::nullopt;
            auto v = findVersion(entry->payload,
                                 [&](const ModelVersion &mv) { return mv.aliases.contains(alias); });
            if (v)
                noteServed(entry->fetchedAt);
            return v;
        });
}

Result<RegisteredModel> OfflineCacheStore::createRegisteredModel(const QString &name,
                                                                 const QString &description,
                                                                 const QList<Tag> &tags)
{
    return writeResult<RegisteredModel>(
        [&] { return m_inner->createRegisteredModel(name, description, tags); },
        tr("the registered model \"%1\"").arg(name));
}

Result<ModelVersion> OfflineCacheStore::createModelVersion(const QString &modelName, const QString &source,
                                                           const QString &runId, const QString &description,
                                                           const QList<Tag> &tags)
{
    return writeResult<ModelVersion>(
        [&] { return m_inner->createModelVersion(modelName, source, runId, description, tags); },
        tr("the new version of \"%1\"").arg(modelName));
}

Status OfflineCacheStore::setModelAlias(const QString &modelName, const QString &alias,
                                        const QString &version)
{
    return write([&] { return m_inner->setModelAlias(modelName, alias, version); },
                 tr("the alias \"%1\"").arg(alias));
}

Status OfflineCacheStore::deleteModelAlias(const QString &modelName, const QString &alias)
{
    return write([&] { return m_inner->deleteModelAlias(modelName, alias); },
                 tr("the removal of alias \"%1\"").arg(alias));
}

Status OfflineCacheStore::setRegisteredModelTag(const QString &modelName, const QString &key,
                                                const QString &value)
{
    return write([&] { return m_inner->setRegisteredModelTag(modelName, key, value); },
                 tr("the tag %1").arg(key));
}

Status OfflineCacheStore::setModelVersionTag(const QString &modelName, const QString &version,
                                             const QString &key, const QString &value)
{
    return write([&] { return m_inner->setModelVersionTag(modelName, version, key, value); },
                 tr("the tag %1").arg(key));
}

} // namespace lab
