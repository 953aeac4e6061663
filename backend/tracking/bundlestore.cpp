#include "bundlestore.h"

#include "series/metricseries.h"
#include "tracking/metrichistoryparser.h"
#include "tracking/mlflowjson.h"
#include "tracking/runorder.h"
#include "tracking/searchfilter.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QLoggingCategory>
#include <QSet>
#include <QtEndian>

#include <algorithm>

Q_LOGGING_CATEGORY(lcBundle, "labconsole.bundle")

namespace lab {

namespace {

using Json = MlflowJson::Json;

QString tr(const char *text)
{
    return QCoreApplication::translate("lab::RunBundle", text);
}

QString fromStd(const std::string &s)
{
    return QString::fromUtf8(s.data(), qsizetype(s.size()));
}

// The header line is small; anything longer than this before a newline is not a bundle.
constexpr qint64 MaxHeaderBytes = 64 * 1024;
// No section of a bundle we write decompresses to more than this; a larger claim is corruption.
constexpr quint32 MaxSectionRawBytes = 1024u * 1024u * 1024u;

Error notABundle(const QString &path, const QString &detail = {})
{
    Error e =
        makeError(tr("%1 is not a Lab Console bundle").arg(path), QStringLiteral("NOT_A_BUNDLE"), detail);
    e.hint = tr("Open a file written by \"Export bundle\" or `labctl export` (*.labbundle).");
    return e;
}

Error corrupt(const QString &path, const QString &what, const QString &detail = {})
{
    Error e =
        makeError(tr("The bundle %1 is damaged: %2").arg(path, what), QStringLiteral("CORRUPT_FILE"), detail);
    e.hint = tr("Export the runs again, or copy the file again if it came from elsewhere.");
    return e;
}

Error notFound(const QString &message)
{
    return makeError(message, QStringLiteral("RESOURCE_DOES_NOT_EXIST"));
}

bool readSectionRef(const Json &obj, qint64 *offset, qint64 *size)
{
    const auto o = obj.find("offset");
    const auto s = obj.find("size");
    if (o == obj.end() || s == obj.end() || !o->is_number_integer() || !s->is_number_integer())
        return false;
    *offset = o->get<qint64>();
    *size = s->get<qint64>();
    return *offset >= 0 && *size >= 0;
}

// The child entries of `dir` ("" = the root) among a run's stored artifact paths.
QList<ArtifactInfo> childrenOf(const QString &dir, const QMap<QString, qint64> &files)
{
    QList<ArtifactInfo> out;
    QSet<QString> seenDirs;
    const QString prefix = dir.isEmpty() ? QString() : dir + QLatin1Char('/');
    for (auto it = files.begin(); it != files.end(); ++it) {
        if (!it.key().startsWith(prefix))
            continue;
        const QString rest = it.key().mid(prefix.size());
        const qsizetype slash = rest.indexOf(QLatin1Char('/'));
        if (slash < 0) {
            out << ArtifactInfo{it.key(), false, it.value()};
        } else {
            const QString sub = prefix + rest.left(slash);
            if (!seenDirs.contains(sub)) {
                seenDirs.insert(sub);
                out << ArtifactInfo{sub, true, 0};
            }
        }
    }
    std::sort(out.begin(), out.end(),
              [](const ArtifactInfo &a, const ArtifactInfo &b) { return a.path < b.path; });
    return out;
}

QString encodePageToken(qsizetype offset)
{
    return QString::fromLatin1(MlflowJson::dump(Json{{"offset", qint64(offset)}}).toBase64());
}

Result<qsizetype> decodePageToken(const QString &token)
{
    if (token.isEmpty())
        return qsizetype(0);
    const auto decoded =
        QByteArray::fromBase64Encoding(token.toLatin1(), QByteArray::AbortOnBase64DecodingErrors);
    if (decoded) {
        auto json = MlflowJson::parse(*decoded);
        if (json && json->is_object()) {
            const auto it = json->find("offset");
            if (it != json->end() && it->is_number_integer() && it->get<qint64>() >= 0)
                return qsizetype(it->get<qint64>());
        }
    }
    return makeError(tr("Invalid page token \"%1\"").arg(token), QStringLiteral("INVALID_PARAMETER_VALUE"));
}

} // namespace

QStringList BundleStore::bundledArtifactPaths()
{
    return {QStringLiteral("logs/output.log"), QStringLiteral("model/MLmodel")};
}

BundleStore::BundleStore(const QString &filePath) : m_path(filePath) {}

Result<std::unique_ptr<BundleStore>> BundleStore::load(const QString &filePath)
{
    QFile f(filePath);
    if (!QFileInfo(filePath).isFile())
        return notFound(tr("The bundle %1 does not exist").arg(filePath));
    if (!f.open(QIODevice::ReadOnly))
        return makeError(tr("The bundle %1 cannot be read: %2").arg(filePath, f.errorString()),
                         QStringLiteral("IO_ERROR"));
    const qint64 fileSize = f.size();
    const QByteArray headerLine = f.readLine(MaxHeaderBytes);
    if (headerLine.isEmpty())
        return notABundle(filePath, tr("the file is empty"));
    if (!headerLine.startsWith('{') || !headerLine.endsWith('\n'))
        return notABundle(filePath, tr("it does not start with a bundle header"));
    auto header = MlflowJson::parse(headerLine);
    if (!header || !header->is_object())
        return notABundle(filePath, tr("its first line is not a JSON header"));
    const Json &h = *header;
    const auto format = h.find("format");
    if (format == h.end() || !format->is_string() || format->get<std::string>() != FormatName)
        return notABundle(filePath, tr("the header names no \"%1\" format").arg(QLatin1String(FormatName)));
    const auto version = h.find("version");
    if (version == h.end() || !version->is_number_integer() || version->get<qint64>() < 1)
        return corrupt(filePath, tr("the header has no valid version"));
    if (version->get<qint64>() > FormatVersion) {
        Error e =
            makeError(tr("The bundle %1 was written by a newer Lab Console (bundle version %2); this one "
                         "reads version %3")
                          .arg(filePath)
                          .arg(version->get<qint64>())
                          .arg(FormatVersion),
                      QStringLiteral("UNSUPPORTED_VERSION"));
        e.hint = tr("Update Lab Console to open it.");
        return e;
    }
    const auto compression = h.find("compression");
    if (compression != h.end() && (!compression->is_string() || compression->get<std::string>() != "zlib"))
        return corrupt(filePath, tr("unknown compression"), fromStd(compression->dump()));

    std::unique_ptr<BundleStore> store(new BundleStore(filePath));
    store->m_dataStart = headerLine.size();
    const auto dataSize = h.find("data_size");
    const auto manifest = h.find("manifest");
    Section manifestSection;
    if (dataSize == h.end() || !dataSize->is_number_integer() || dataSize->get<qint64>() < 0 ||
        manifest == h.end() || !manifest->is_object() ||
        !readSectionRef(*manifest, &manifestSection.offset, &manifestSection.size))
        return corrupt(filePath, tr("the header does not say where the runs are"));
    store->m_dataSize = dataSize->get<qint64>();
    const qint64 have = fileSize - store->m_dataStart;
    if (have < store->m_dataSize) {
        Error e = makeError(tr("The bundle %1 is incomplete: it should hold %2 bytes but has %3")
                                .arg(filePath)
                                .arg(store->m_dataStart + store->m_dataSize)
                                .arg(fileSize),
                            QStringLiteral("TRUNCATED_FILE"));
        e.hint = tr("The copy or download probably stopped early; copy the file again.");
        return e;
    }
    if (have > store->m_dataSize)
        qCWarning(lcBundle) << "bundle" << filePath << "has" << (have - store->m_dataSize)
                            << "bytes after its data; ignored";
    if (const auto created = h.find("created"); created != h.end() && created->is_string())
        store->m_created = QDateTime::fromString(fromStd(created->get<std::string>()), Qt::ISODateWithMs);
    if (const auto source = h.find("source"); source != h.end() && source->is_string())
        store->m_source = fromStd(source->get<std::string>());

    auto manifestBytes = store->readSection(manifestSection, tr("the run list"));
    if (!manifestBytes)
        return manifestBytes.error();
    auto mj = MlflowJson::parse(*manifestBytes);
    if (!mj || !mj->is_object())
        return corrupt(filePath, tr("the run list is not valid JSON"), mj ? QString() : mj.error().detail);
    manifestBytes->clear();

    const auto experiments = mj->find("experiments");
    if (experiments != mj->end() && experiments->is_array()) {
        for (const Json &ej : *experiments) {
            auto e = MlflowJson::experimentFromJson(ej);
            if (!e)
                return corrupt(filePath, tr("an experiment cannot be read"), e.error().toString());
            store->m_experiments << *e;
        }
    }
    const auto runs = mj->find("runs");
    if (runs == mj->end() || !runs->is_array())
        return corrupt(filePath, tr("the run list is missing"));
    store->m_runs.reserve(qsizetype(runs->size()));
    for (const Json &rj : *runs) {
        if (!rj.is_object() || !rj.contains("run"))
            return corrupt(filePath, tr("a run entry has no run"));
        auto run = MlflowJson::runFromJson(rj["run"]);
        if (!run)
            return corrupt(filePath, tr("a run cannot be read"), run.error().toString());
        StoredRun sr;
        sr.run = std::move(*run);
        if (const auto hs = rj.find("histories"); hs != rj.end() && hs->is_array()) {
            for (const Json &hj : *hs) {
                StoredHistory sh;
                const auto key = hj.find("key");
                if (key == hj.end() || !key->is_string() ||
                    !readSectionRef(hj, &sh.section.offset, &sh.section.size))
                    return corrupt(filePath,
                                   tr("a metric history of run %1 has no place").arg(sr.run.info.runId));
                if (const auto p = hj.find("points"); p != hj.end() && p->is_number_integer())
                    sh.points = p->get<qint64>();
                sr.histories.insert(fromStd(key->get<std::string>()), sh);
            }
        }
        if (const auto as = rj.find("artifacts"); as != rj.end() && as->is_array()) {
            for (const Json &aj : *as) {
                StoredArtifact sa;
                const auto path = aj.find("path");
                if (path == aj.end() || !path->is_string() ||
                    !readSectionRef(aj, &sa.section.offset, &sa.section.size))
                    return corrupt(filePath, tr("an artifact of run %1 has no place").arg(sr.run.info.runId));
                sa.bytes = aj.value("bytes", qint64(0));
                sa.truncated = aj.value("truncated", false);
                sa.originalBytes = aj.value("original_bytes", sa.bytes);
                const QString p = fromStd(path->get<std::string>());
                if (sa.truncated)
                    sr.run.warnings
                        << tr("%1 was cut at %2 MiB when the bundle was written (the original had %3 "
                              "bytes)")
                               .arg(p)
                               .arg(MaxArtifactBytes / (1024 * 1024))
                               .arg(sa.originalBytes);
                sr.artifacts.insert(p, sa);
            }
        }
        if (store->m_runIndex.contains(sr.run.info.runId))
            return corrupt(filePath, tr("run %1 appears twice").arg(sr.run.info.runId));
        store->m_runIndex.insert(sr.run.info.runId, store->m_runs.size());
        store->m_runs << std::move(sr);
    }
    return store;
}

Result<QByteArray> BundleStore::readSection(const Section &section, const QString &what) const
{
    if (section.offset + section.size > m_dataSize || section.size < 4)
        return corrupt(m_path, tr("%1 lies outside the file").arg(what));
    QFile f(m_path);
    if (!f.open(QIODevice::ReadOnly))
        return makeError(tr("The bundle %1 cannot be read: %2").arg(m_path, f.errorString()),
                         QStringLiteral("IO_ERROR"));
    if (!f.seek(m_dataStart + section.offset))
        return corrupt(m_path, tr("%1 cannot be reached").arg(what));
    const QByteArray packed = f.read(section.size);
    if (packed.size() != section.size)
        return corrupt(m_path, tr("%1 is cut short").arg(what));
    const quint32 rawSize = qFromBigEndian<quint32>(packed.constData());
    if (rawSize > MaxSectionRawBytes)
        return corrupt(m_path, tr("%1 claims an impossible size").arg(what));
    if (rawSize == 0)
        return QByteArray();
    QByteArray raw = qUncompress(packed);
    if (raw.size() != qsizetype(rawSize))
        return corrupt(m_path, tr("%1 does not decompress").arg(what));
    return raw;
}

Error BundleStore::readOnly() const
{
    Error e = makeError(tr("The bundle %1 is read-only").arg(m_path), QStringLiteral("READ_ONLY"));
    e.hint = tr("Import it into a store (\"Import bundle\" or `labctl import`) to change its runs.");
    return e;
}

Result<const BundleStore::StoredRun *> BundleStore::findRun(const QString &runId) const
{
    const auto it = m_runIndex.constFind(runId);
    if (it == m_runIndex.constEnd())
        return notFound(tr("Run %1 is not in the bundle %2").arg(runId, m_path));
    return &m_runs[*it];
}

Result<QList<Experiment>> BundleStore::listExperiments(ViewType view)
{
    QList<Experiment> out;
    for (const Experiment &e : std::as_const(m_experiments)) {
        const bool deleted = e.lifecycleStage == LifecycleStage::Deleted;
        if ((view == ViewType::ActiveOnly && deleted) || (view == ViewType::DeletedOnly && !deleted))
            continue;
        out << e;
    }
    return out;
}

Result<Experiment> BundleStore::getExperiment(const QString &experimentId)
{
    for (const Experiment &e : std::as_const(m_experiments)) {
        if (e.id == experimentId)
            return e;
    }
    return notFound(tr("Experiment %1 is not in the bundle %2").arg(experimentId, m_path));
}

Result<std::optional<Experiment>> BundleStore::getExperimentByName(const QString &name)
{
    for (const Experiment &e : std::as_const(m_experiments)) {
        if (e.name == name)
            return std::optional<Experiment>(e);
    }
    return std::optional<Experiment>();
}

Result<QString> BundleStore::createExperiment(const QString &, const QString &)
{
    return readOnly();
}

Result<RunPage> BundleStore::searchRuns(const RunSearch &search)
{
    auto filter = SearchFilter::parse(search.filter);
    if (!filter)
        return filter.error();
    auto order = RunOrder::parse(search.orderBy);
    if (!order)
        return order.error();
    if (search.maxResults <= 0 || search.maxResults > 50000)
        return makeError(tr("maxResults must be between 1 and 50000, not %1").arg(search.maxResults),
                         QStringLiteral("INVALID_PARAMETER_VALUE"));
    auto offset = decodePageToken(search.pageToken);
    if (!offset)
        return offset.error();
    QList<Run> runs;
    for (const StoredRun &sr : std::as_const(m_runs)) {
        const Run &run = sr.run;
        if (!search.experimentIds.isEmpty() && !search.experimentIds.contains(run.info.experimentId))
            continue;
        const bool deleted = run.info.lifecycleStage == LifecycleStage::Deleted;
        if ((search.viewType == ViewType::ActiveOnly && deleted) ||
            (search.viewType == ViewType::DeletedOnly && !deleted))
            continue;
        if (filter->matches(run))
            runs << run;
    }
    order->sort(runs);
    RunPage page;
    const qsizetype start = std::min<qsizetype>(*offset, runs.size());
    const qsizetype end = std::min<qsizetype>(start + search.maxResults, runs.size());
    page.runs = runs.mid(start, end - start);
    if (end < runs.size())
        page.nextPageToken = encodePageToken(end);
    return page;
}

Result<Run> BundleStore::getRun(const QString &runId)
{
    auto sr = findRun(runId);
    if (!sr)
        return sr.error();
    return (*sr)->run;
}

Result<Run> BundleStore::createRun(const QString &, const QString &, qint64, const QList<Tag> &,
                                   const QString &)
{
    return readOnly();
}

Status BundleStore::updateRun(const QString &, RunStatus, qint64, const QString &)
{
    return readOnly();
}

Status BundleStore::setTag(const QString &, const QString &, const QString &)
{
    return readOnly();
}

Status BundleStore::deleteTag(const QString &, const QString &)
{
    return readOnly();
}

Status BundleStore::logBatch(const QString &, const QList<MetricPoint> &, const QList<Param> &,
                             const QList<Tag> &)
{
    return readOnly();
}

Status BundleStore::deleteRun(const QString &)
{
    return readOnly();
}

Status BundleStore::restoreRun(const QString &)
{
    return readOnly();
}

Result<QList<MetricPoint>> BundleStore::getMetricHistory(const QString &runId, const QString &key)
{
    MetricSeries series;
    MetricCursor cursor;
    if (Status s = readMetricIncrement(runId, key, &cursor, &series); !s)
        return s.error();
    QList<MetricPoint> out;
    out.reserve(qsizetype(series.size()));
    const auto steps = series.steps();
    const auto ts = series.timestamps();
    const auto values = series.values();
    for (std::size_t i = 0; i < series.size(); ++i)
        out << MetricPoint{key, values[i], ts[i], steps[i]};
    return out;
}

Status BundleStore::readMetricIncrement(const QString &runId, const QString &key, MetricCursor *cursor,
                                        MetricSeries *series)
{
    auto sr = findRun(runId);
    if (!sr)
        return sr.error();
    const auto it = (*sr)->histories.constFind(key);
    cursor->reset =
        cursor->position < 0 || cursor->position > (it == (*sr)->histories.constEnd() ? 0 : it->points);
    if (cursor->reset)
        cursor->position = 0;
    if (it == (*sr)->histories.constEnd() || cursor->position >= it->points)
        return Status::success();
    const QString what = tr("the history of %1 in run %2").arg(key, runId);
    auto bytes = readSection(it->section, what);
    if (!bytes)
        return bytes.error();
    // The metric-history hot path (simdjson), as for a server's get-history answer.
    MetricSeries all;
    all.reserve(std::size_t(it->points));
    auto parsed = MetricHistoryParser::parseHistory(*bytes, &all, key);
    if (!parsed)
        return corrupt(m_path, what, parsed.error().toString());
    const auto from = std::size_t(cursor->position);
    if (all.size() > from) {
        const std::size_t n = all.size() - from;
        series->append(all.steps().subspan(from, n), all.timestamps().subspan(from, n),
                       all.values().subspan(from, n));
    }
    cursor->position = qint64(all.size());
    return Status::success();
}

Result<QStringList> BundleStore::metricKeys(const QString &runId)
{
    auto sr = findRun(runId);
    if (!sr)
        return sr.error();
    return QStringList((*sr)->histories.keys());
}

Result<QList<ArtifactInfo>> BundleStore::listArtifacts(const QString &runId, const QString &path)
{
    auto sr = findRun(runId);
    if (!sr)
        return sr.error();
    QMap<QString, qint64> files;
    for (auto it = (*sr)->artifacts.begin(); it != (*sr)->artifacts.end(); ++it)
        files.insert(it.key(), it->bytes);
    QString dir = path;
    while (dir.endsWith(QLatin1Char('/')))
        dir.chop(1);
    return childrenOf(dir, files);
}

Result<QByteArray> BundleStore::readArtifact(const QString &runId, const QString &path, qint64 maxBytes)
{
    auto sr = findRun(runId);
    if (!sr)
        return sr.error();
    const auto it = (*sr)->artifacts.constFind(path);
    if (it == (*sr)->artifacts.constEnd())
        return notFound(tr("Run %1 has no artifact \"%2\" in the bundle").arg(runId, path));
    auto bytes = readSection(it->section, tr("the artifact %1 of run %2").arg(path, runId));
    if (!bytes)
        return bytes.error();
    if (maxBytes >= 0 && bytes->size() > maxBytes)
        bytes->truncate(qsizetype(maxBytes));
    return bytes;
}

Status BundleStore::writeArtifact(const QString &, const QString &, const QByteArray &)
{
    return readOnly();
}

Result<QList<RegisteredModel>> BundleStore::listRegisteredModels()
{
    return QList<RegisteredModel>();
}

Result<QList<ModelVersion>> BundleStore::listModelVersions(const QString &)
{
    return QList<ModelVersion>();
}

} // namespace lab
