#include "mlflowfilestore.h"

#include "series/metricseries.h"
#include "tracking/runorder.h"
#include "tracking/searchfilter.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QSaveFile>
#include <QStringDecoder>
#include <QTemporaryFile>
#include <QUrl>
#include <QUuid>

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <map>
#include <variant>

#ifdef Q_OS_UNIX
#include <unistd.h>
#endif

Q_LOGGING_CATEGORY(lcFileStore, "labconsole.filestore")

namespace lab {

namespace {

const QString MetaFile = QStringLiteral("meta.yaml");
const QString TrashFolder = QStringLiteral(".trash");
const QString ModelsFolder = QStringLiteral("models");
const QString DefaultExperimentId = QStringLiteral("0");
// Python's FileStore writes SourceType.LOCAL for every run.
constexpr int SourceTypeLocal = 4;
// Beyond this size getRun checks only the last line of a metric file, as listing does.
constexpr qint64 FullScanLimit = 4 * 1024 * 1024;
constexpr int MaxWarningsPerFile = 3;

QString tr(const char *text)
{
    return QCoreApplication::translate("lab::MlflowFileStore", text);
}

Error notFound(const QString &message)
{
    return makeError(message, QStringLiteral("RESOURCE_DOES_NOT_EXIST"));
}

Error invalidParameter(const QString &message)
{
    return makeError(message, QStringLiteral("INVALID_PARAMETER_VALUE"));
}

Error permissionDenied(const QString &path)
{
    Error e =
        makeError(tr("cannot write to %1: permission denied").arg(path), QStringLiteral("PERMISSION_DENIED"));
    e.hint = tr("Choose a tracking store folder you can write to, or change the folder's permissions.");
    return e;
}

// The nearest existing folder at or above `path`.
QString existingAncestor(const QString &path)
{
    QFileInfo fi(path);
    while (!fi.exists()) {
        const QString parent = fi.absolutePath();
        if (parent == fi.absoluteFilePath())
            break;
        fi = QFileInfo(parent);
    }
    return fi.absoluteFilePath();
}

// Whether we may write into a folder. For root, who passes every access() check, the permission
// bits decide: a store its owner made read-only stays read-only for us too.
bool writableFolder(const QFileInfo &fi)
{
    if (!fi.isWritable())
        return false;
#ifdef Q_OS_UNIX
    if (::geteuid() == 0) {
        const QFile::Permissions p = fi.permissions();
        if (fi.ownerId() == 0)
            return p.testFlag(QFile::WriteOwner);
        return p & (QFile::WriteOwner | QFile::WriteGroup | QFile::WriteOther);
    }
#endif
    return true;
}

Status checkDirWritable(const QString &dir)
{
    const QString existing = existingAncestor(dir);
    const QFileInfo fi(existing);
    if (!fi.isDir())
        return makeError(tr("cannot write to %1: %2 is not a folder").arg(dir, existing),
                         QStringLiteral("NOT_A_DIRECTORY"));
    if (!writableFolder(fi))
        return permissionDenied(existing == QFileInfo(dir).absoluteFilePath() ? dir : existing);
    return {};
}

Error writeError(const QString &path, const QString &reason)
{
    const QString dir = QFileInfo(path).absolutePath();
    if (QFileInfo(existingAncestor(dir)).exists() && !writableFolder(QFileInfo(existingAncestor(dir))))
        return permissionDenied(existingAncestor(dir));
    return makeError(tr("cannot write to %1: %2").arg(path, reason), QStringLiteral("IO_ERROR"));
}

Status makeDir(const QString &path)
{
    if (QFileInfo(path).isDir())
        return {};
    if (Status s = checkDirWritable(path); !s)
        return s;
    if (!QDir().mkpath(path))
        return writeError(path, tr("the folder could not be created"));
    return {};
}

// Writes through a temporary file and a rename, so readers see the old or the new content, never a
// part. QSaveFile keeps its temporary next to the target; that is right for meta.yaml, but in a
// folder of keys (tags/, params/) a reader listing it (MLflow's or ours) would take the temporary
// for a key. There `tempDir` names a folder nobody lists files of (the run's or experiment's own
// folder, on the same file system), and the temporary goes there instead.
Status writeFileAtomic(const QString &path, const QByteArray &data, const QString &tempDir = {})
{
    if (Status s = makeDir(QFileInfo(path).absolutePath()); !s)
        return s;
    if (tempDir.isEmpty()) {
        QSaveFile f(path);
        if (!f.open(QIODevice::WriteOnly))
            return writeError(path, f.errorString());
        if (f.write(data) != data.size()) {
            f.cancelWriting();
            return writeError(path, f.errorString());
        }
        if (!f.commit())
            return writeError(path, f.errorString());
        return {};
    }
    QTemporaryFile tmp(tempDir + QStringLiteral("/.labconsole-write-XXXXXX"));
    if (!tmp.open())
        return writeError(path, tmp.errorString());
    if (tmp.write(data) != data.size() || !tmp.flush())
        return writeError(path, tmp.errorString());
    tmp.setPermissions(QFile::ReadOwner | QFile::WriteOwner | QFile::ReadGroup | QFile::ReadOther);
    std::error_code ec;
    // POSIX rename replaces the target in one step (QFile::rename refuses an existing target).
    std::filesystem::rename(QFile::encodeName(tmp.fileName()).toStdString(),
                            QFile::encodeName(path).toStdString(), ec);
    if (ec)
        return writeError(path, QString::fromStdString(ec.message()));
    tmp.setAutoRemove(false);
    return {};
}

// Text as MLflow reads it (UTF-8); invalid bytes become U+FFFD and are reported.
QString decodeUtf8(const QByteArray &bytes, bool *invalid)
{
    QStringDecoder dec(QStringDecoder::Utf8);
    QString s = dec.decode(bytes);
    *invalid = dec.hasError();
    return s;
}

bool readWholeFile(const QString &path, QByteArray *out, QString *error)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        *error = f.errorString();
        return false;
    }
    *out = f.readAll();
    return true;
}

// ---- YAML -------------------------------------------------------------------------------------

struct YamlDoc
{
    YAML::Node root;
    QString error; // empty when read and parsed into a mapping
};

YamlDoc loadYaml(const QString &path)
{
    YamlDoc doc;
    QByteArray bytes;
    QString err;
    if (!readWholeFile(path, &bytes, &err)) {
        doc.error = err;
        return doc;
    }
    try {
        doc.root = YAML::Load(bytes.toStdString());
    } catch (const YAML::Exception &e) {
        doc.error = tr("line %1: %2").arg(e.mark.line + 1).arg(QString::fromStdString(e.msg));
        return doc;
    } catch (const std::exception &e) {
        doc.error = QString::fromUtf8(e.what());
        return doc;
    }
    if (!doc.root.IsMap())
        doc.error = doc.root.IsNull() ? tr("the file is empty") : tr("it does not hold a mapping of fields");
    return doc;
}

// A scalar field as text; null, missing or non-scalar fields give `fallback`.
QString yamlText(const YAML::Node &map, const char *key, const QString &fallback = {})
{
    try {
        const YAML::Node n = map[key];
        if (!n || !n.IsScalar())
            return fallback;
        return QString::fromStdString(n.Scalar());
    } catch (const YAML::Exception &) {
        return fallback;
    }
}

bool yamlHas(const YAML::Node &map, const char *key)
{
    try {
        const YAML::Node n = map[key];
        return n && !n.IsNull();
    } catch (const YAML::Exception &) {
        return false;
    }
}

// An integer field (ms times, version numbers). Missing or null: `fallback` and ok. Not a number: !ok.
qint64 yamlInt(const YAML::Node &map, const char *key, bool *ok, qint64 fallback = 0)
{
    *ok = true;
    if (!yamlHas(map, key))
        return fallback;
    const QString t = yamlText(map, key);
    bool good = false;
    qint64 v = t.toLongLong(&good);
    if (!good) {
        // Python may have written a float (e.g. 1.6e12) for a time.
        const double d = t.toDouble(&good);
        if (good && std::isfinite(d))
            return qint64(d);
        *ok = false;
        return fallback;
    }
    return v;
}

// A value for the emitter, typed as MLflow's Python dict holds it.
using YamlValue = std::variant<std::monostate /* null */, qint64, QString, QStringList>;

bool needsQuotes(const QString &s)
{
    if (s.isEmpty() || s != s.trimmed())
        return true;
    static const QRegularExpression plain(QStringLiteral("^[A-Za-z0-9_][A-Za-z0-9_./:%@+=-]*$"));
    if (!plain.match(s).hasMatch())
        return true;
    // What YAML would read back as something other than this string.
    static const QRegularExpression special(
        QStringLiteral(
            "^(?:~|null|true|false|yes|no|on|off|y|n|[-+]?(?:\\d[\\d_]*)?(?:\\.\\d*)?(?:[eE][-+]?\\d+)?|"
            "0x[0-9a-fA-F]+|0o?[0-7]+|[-+]?\\.(?:inf|nan)|\\d+(?::\\d+)+)$"),
        QRegularExpression::CaseInsensitiveOption);
    return special.match(s).hasMatch();
}

void emitString(YAML::Emitter &out, const QString &s)
{
    const std::string utf8 = s.toStdString();
    if (!needsQuotes(s)) {
        out << utf8;
        return;
    }
    bool control = false;
    for (const QChar c : s)
        if (c.unicode() < 0x20 || c.unicode() == 0x7f)
            control = true;
    out << (control ? YAML::DoubleQuoted : YAML::SingleQuoted) << utf8;
}

// meta.yaml with keys sorted, as Python's yaml.safe_dump writes them.
QByteArray emitYaml(const std::map<std::string, YamlValue> &fields)
{
    YAML::Emitter out;
    out.SetNullFormat(YAML::LowerNull);
    out << YAML::BeginMap;
    for (const auto &[key, value] : fields) {
        out << YAML::Key << key << YAML::Value;
        if (std::holds_alternative<std::monostate>(value)) {
            out << YAML::Null;
        } else if (const auto *i = std::get_if<qint64>(&value)) {
            out << static_cast<long long>(*i);
        } else if (const auto *s = std::get_if<QString>(&value)) {
            emitString(out, *s);
        } else if (const auto *l = std::get_if<QStringList>(&value)) {
            out << YAML::Flow << YAML::BeginSeq;
            for (const QString &item : *l)
                emitString(out, item);
            out << YAML::EndSeq;
        }
    }
    out << YAML::EndMap;
    QByteArray bytes(out.c_str(), qsizetype(out.size()));
    bytes += '\n';
    return bytes;
}

// ---- keys and ids -----------------------------------------------------------------------------

// MLflow's rule for metric, param and tag names, plus what keeps a key inside its folder.
bool validKey(const QString &key)
{
    if (key.isEmpty() || key.size() > 250 || key.startsWith(QLatin1Char('/')) ||
        key.endsWith(QLatin1Char('/')))
        return false;
    for (const QChar c : key) {
        if (!(c.isLetterOrNumber() || c == QLatin1Char('_') || c == QLatin1Char('-') ||
              c == QLatin1Char('.') || c == QLatin1Char(' ') || c == QLatin1Char('/') ||
              c == QLatin1Char(':')))
            return false;
    }
    for (const QString &part : key.split(QLatin1Char('/')))
        if (part.isEmpty() || part == QLatin1String(".") || part == QLatin1String(".."))
            return false;
    return true;
}

Status checkKey(const QString &what, const QString &key)
{
    if (validKey(key))
        return {};
    return invalidParameter(tr("Invalid %1 name \"%2\": names may hold letters, digits, _ - . : space and /, "
                               "and must not start or end with / or contain ..")
                                .arg(what, key));
}

bool validRunId(const QString &id)
{
    static const QRegularExpression re(QStringLiteral("^[A-Za-z0-9_-]{1,256}$"));
    return re.match(id).hasMatch();
}

bool validExperimentId(const QString &id)
{
    return !id.isEmpty() && !id.startsWith(QLatin1Char('.')) && !id.contains(QLatin1Char('/')) &&
           !id.contains(QLatin1Char('\\'));
}

// A relative artifact path that stays inside the artifact root; empty optional when it would not.
std::optional<QString> cleanRelative(const QString &path)
{
    if (path.isEmpty())
        return QString();
    if (QDir::isAbsolutePath(path) || path.contains(QLatin1Char('\\')))
        return std::nullopt;
    const QString c = QDir::cleanPath(path);
    if (c == QLatin1String("..") || c.startsWith(QLatin1String("../")))
        return std::nullopt;
    return c == QLatin1String(".") ? QString() : c;
}

QString randomRunName()
{
    // The shape of MLflow's generated names ("awesome-calf-495").
    static const char *const adjectives[] = {"bold",   "brave", "bright", "calm",  "clever", "eager", "fair",
                                             "gentle", "glad",  "honest", "kind",  "lively", "merry", "neat",
                                             "polite", "proud", "quick",  "quiet", "rare",   "swift", "wise"};
    static const char *const nouns[] = {"ant",  "bat",  "bee",  "cat",   "colt",  "crab", "deer", "duck",
                                        "fawn", "fox",  "goat", "hawk",  "lark",  "lynx", "mole", "moth",
                                        "owl",  "seal", "toad", "trout", "whale", "wolf", "wren"};
    auto *rng = QRandomGenerator::global();
    return QStringLiteral("%1-%2-%3")
        .arg(QLatin1String(adjectives[rng->bounded(int(std::size(adjectives)))]),
             QLatin1String(nouns[rng->bounded(int(std::size(nouns)))]))
        .arg(rng->bounded(1000));
}

// MLflow's _generate_unique_integer_id: 18 random decimal digits, no leading zero.
QString randomExperimentId()
{
    auto *rng = QRandomGenerator::global();
    QString id = QString::number(rng->bounded(1, 10));
    for (int i = 1; i < 18; ++i)
        id += QChar(u'0' + rng->bounded(10));
    return id;
}

qint64 nowMs()
{
    return QDateTime::currentMSecsSinceEpoch();
}

// Files under `dir`, as '/'-separated paths relative to it (keys may hold '/').
QStringList filesUnder(const QString &dir)
{
    QStringList out;
    if (!QFileInfo(dir).isDir())
        return out;
    const QDir base(dir);
    QDirIterator it(dir, QDir::Files | QDir::NoDotAndDotDot | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext())
        out << base.relativeFilePath(it.next());
    out.sort();
    return out;
}

QStringList subdirs(const QString &dir)
{
    return QDir(dir).entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name);
}

// ---- metric lines -----------------------------------------------------------------------------

struct LineScan
{
    std::optional<MetricPoint> last;
    QStringList warnings;
    int malformed = 0;
};

QString lineWarning(const QString &file, qint64 lineNumber, QByteArrayView line)
{
    QString shown = QString::fromUtf8(line.first(std::min<qsizetype>(line.size(), 60)));
    if (line.size() > 60)
        shown += QStringLiteral("...");
    return tr("%1 line %2 is malformed: \"%3\"").arg(file).arg(lineNumber).arg(shown);
}

bool blank(QByteArrayView line)
{
    for (char c : line)
        if (c != ' ' && c != '\t' && c != '\r')
            return false;
    return true;
}

// Every line of a metric file; `visit` gets each good point. A last line without '\n' counts only
// when it is the file's only line (an unfinished write otherwise).
template <typename Visit>
void scanLines(const QByteArray &data, const QString &label, LineScan *scan, Visit visit)
{
    const char *p = data.constData();
    const char *end = p + data.size();
    qint64 lineNumber = 0;
    while (p < end) {
        const char *nl = static_cast<const char *>(std::memchr(p, '\n', size_t(end - p)));
        if (!nl && lineNumber > 0)
            break;
        const char *lineEnd = nl ? nl : end;
        ++lineNumber;
        const QByteArrayView line(p, lineEnd - p);
        p = nl ? nl + 1 : end;
        if (blank(line))
            continue;
        qint64 ts = 0, step = 0;
        double v = 0;
        if (!MlflowFileStore::parseMetricLine(line, &ts, &v, &step)) {
            if (scan->malformed++ < MaxWarningsPerFile)
                scan->warnings << lineWarning(label, lineNumber, line);
            continue;
        }
        visit(ts, v, step);
    }
    if (scan->malformed > MaxWarningsPerFile)
        scan->warnings << tr("%1 has %2 malformed lines in all").arg(label).arg(scan->malformed);
}

// The latest point of metric `key`: the last complete line, read from the end of the file.
LineScan latestPoint(const QString &path, const QString &key, bool fullScan)
{
    LineScan scan;
    const QString label = QStringLiteral("metrics/") + key;
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        scan.warnings << tr("%1 cannot be read: %2").arg(label, f.errorString());
        return scan;
    }
    const qint64 size = f.size();
    auto scanAll = [&] {
        f.seek(0);
        const QByteArray data = f.readAll();
        scanLines(data, label, &scan, [&](qint64 ts, double v, qint64 step) {
            scan.last = MetricPoint{key, v, ts, step};
        });
    };
    if (fullScan && size <= FullScanLimit) {
        scanAll();
        return scan;
    }
    qint64 chunk = 4096;
    for (;;) {
        const qint64 from = std::max<qint64>(0, size - chunk);
        f.seek(from);
        const QByteArray tail = f.read(size - from);
        qsizetype end = tail.lastIndexOf('\n');
        // Skip trailing blank lines.
        while (end >= 0) {
            // (lastIndexOf with from = -1 would search from the end again)
            const qsizetype start = end == 0 ? 0 : tail.lastIndexOf('\n', end - 1) + 1;
            const QByteArrayView line(tail.constData() + start, end - start);
            if (start == 0 && from > 0)
                break; // the line may begin before this chunk
            if (!blank(line)) {
                qint64 ts = 0, step = 0;
                double v = 0;
                if (MlflowFileStore::parseMetricLine(line, &ts, &v, &step)) {
                    scan.last = MetricPoint{key, v, ts, step};
                    return scan;
                }
                // A bad last line: read it all to say which line and find the last good point.
                scanAll();
                return scan;
            }
            end = start - 1;
        }
        if (from == 0) {
            if (end < 0)
                scanAll(); // no complete line: the single unterminated line, if any
            return scan;
        }
        chunk *= 4;
    }
}

Experiment emptyExperiment(const QString &id)
{
    Experiment e;
    e.id = id;
    e.name = id;
    return e;
}

std::map<std::string, YamlValue> experimentFields(const Experiment &e)
{
    return {{"artifact_location", e.artifactLocation},
            {"creation_time", e.creationTime},
            {"experiment_id", e.id},
            {"last_update_time", e.lastUpdateTime},
            {"lifecycle_stage", lifecycleStageName(e.lifecycleStage)},
            {"name", e.name}};
}

int runStatusNumber(RunStatus s)
{
    switch (s) {
    case RunStatus::Running:
        return 1;
    case RunStatus::Scheduled:
        return 2;
    case RunStatus::Finished:
        return 3;
    case RunStatus::Failed:
        return 4;
    case RunStatus::Killed:
        return 5;
    }
    return 1;
}

QString encodePageToken(qsizetype offset)
{
    // MLflow's own token shape: base64 of {"offset": N}.
    const QJsonObject o{{QStringLiteral("offset"), double(offset)}};
    return QString::fromLatin1(QJsonDocument(o).toJson(QJsonDocument::Compact).toBase64());
}

Result<qsizetype> decodePageToken(const QString &token)
{
    if (token.isEmpty())
        return qsizetype(0);
    const auto decoded =
        QByteArray::fromBase64Encoding(token.toLatin1(), QByteArray::AbortOnBase64DecodingErrors);
    if (decoded) {
        const QJsonDocument doc = QJsonDocument::fromJson(*decoded);
        const QJsonValue v = doc.object().value(QStringLiteral("offset"));
        if (v.isDouble() && v.toDouble() >= 0 && v.toDouble() == std::floor(v.toDouble()))
            return qsizetype(v.toDouble());
    }
    return invalidParameter(tr("Invalid page token \"%1\"").arg(token));
}

// Run id, cached dir and meta fields read from <run>/meta.yaml.
struct RunMeta
{
    RunInfo info;
    bool hasDeletedTime = false;
    qint64 deletedTime = 0; // 0 with hasDeletedTime: null
    QStringList warnings;
    bool metaOk = false;
};

RunMeta readRunMeta(const QString &dir, const QString &experimentId)
{
    RunMeta m;
    RunInfo &info = m.info;
    info.runId = QFileInfo(dir).fileName();
    info.experimentId = experimentId;
    const QString metaPath = dir + QLatin1Char('/') + MetaFile;
    if (!QFileInfo::exists(metaPath)) {
        m.warnings << tr("meta.yaml is missing in run folder %1").arg(dir);
        return m;
    }
    const YamlDoc doc = loadYaml(metaPath);
    if (!doc.error.isEmpty()) {
        m.warnings << tr("meta.yaml of run %1 is unreadable (%2)").arg(info.runId, doc.error);
        return m;
    }
    m.metaOk = true;
    const YAML::Node &y = doc.root;
    const QString recordedId = yamlText(y, "run_id", yamlText(y, "run_uuid"));
    if (!recordedId.isEmpty() && recordedId != info.runId)
        m.warnings << tr("meta.yaml of run %1 records the run id \"%2\"").arg(info.runId, recordedId);
    const QString recordedExp = yamlText(y, "experiment_id");
    if (!recordedExp.isEmpty() && recordedExp != experimentId)
        m.warnings
            << tr("meta.yaml of run %1 records experiment \"%2\" but the run lies in experiment \"%3\"")
                   .arg(info.runId, recordedExp, experimentId);
    info.runName = yamlText(y, "run_name");
    if (info.runName.isEmpty())
        info.runName = yamlText(y, "name"); // MLflow 1.x wrote `name`, usually ''
    info.userId = yamlText(y, "user_id");
    info.artifactUri = yamlText(y, "artifact_uri");
    info.lifecycleStage = yamlText(y, "lifecycle_stage") == QLatin1String("deleted") ? LifecycleStage::Deleted
                                                                                     : LifecycleStage::Active;
    const QString status = yamlText(y, "status", QStringLiteral("1"));
    if (!parseRunStatus(status, &info.status))
        m.warnings << tr("meta.yaml of run %1 has an unknown status \"%2\"").arg(info.runId, status);
    bool ok = true;
    info.startTime = yamlInt(y, "start_time", &ok);
    if (!ok)
        m.warnings << tr("meta.yaml of run %1 has a start_time that is not a number").arg(info.runId);
    info.endTime = yamlInt(y, "end_time", &ok);
    if (!ok)
        m.warnings << tr("meta.yaml of run %1 has an end_time that is not a number").arg(info.runId);
    try {
        m.hasDeletedTime = bool(y["deleted_time"]);
    } catch (const YAML::Exception &) {
    }
    m.deletedTime = yamlInt(y, "deleted_time", &ok);
    return m;
}

struct KeyValues
{
    QList<QPair<QString, QString>> items;
    QStringList warnings;
};

// params/ or tags/ of a run or an experiment: one file per key, the value without newline.
KeyValues readKeyValueFolder(const QString &dir, const QString &label)
{
    KeyValues kv;
    for (const QString &key : filesUnder(dir)) {
        QByteArray bytes;
        QString err;
        if (!readWholeFile(dir + QLatin1Char('/') + key, &bytes, &err)) {
            kv.warnings << tr("%1/%2 cannot be read: %3").arg(label, key, err);
            continue;
        }
        bool invalid = false;
        const QString value = decodeUtf8(bytes, &invalid);
        if (invalid)
            kv.warnings << tr("%1/%2 is not valid UTF-8; bad bytes are shown as \uFFFD").arg(label, key);
        kv.items.append({key, value});
    }
    return kv;
}

} // namespace

// ================================================================================================

MlflowFileStore::MlflowFileStore(const QString &rootPath)
    : m_root(QDir::cleanPath(QFileInfo(rootPath).absoluteFilePath()))
{
}

QString MlflowFileStore::uri() const
{
    return QUrl::fromLocalFile(m_root).toString(QUrl::FullyEncoded);
}

Status MlflowFileStore::initialize()
{
    const QFileInfo fi(m_root);
    if (fi.exists() && !fi.isDir())
        return makeError(tr("The tracking store %1 is a file, not a folder").arg(m_root),
                         QStringLiteral("NOT_A_DIRECTORY"));
    if (fi.exists() && !QDir(m_root).isEmpty(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden))
        return {};
    if (Status s = makeDir(m_root); !s)
        return s;
    Experiment e;
    e.id = DefaultExperimentId;
    e.name = QStringLiteral("Default");
    e.artifactLocation = QUrl::fromLocalFile(m_root + QLatin1Char('/') + e.id).toString(QUrl::FullyEncoded);
    e.creationTime = e.lastUpdateTime = nowMs();
    const QString dir = m_root + QLatin1Char('/') + e.id;
    if (Status s = makeDir(dir); !s)
        return s;
    if (Status s = writeFileAtomic(dir + QLatin1Char('/') + MetaFile, emitYaml(experimentFields(e))); !s)
        return s;
    return makeDir(m_root + QLatin1Char('/') + TrashFolder);
}

Status MlflowFileStore::checkWritable() const
{
    const QFileInfo fi(m_root);
    if (fi.exists() && !fi.isDir())
        return makeError(tr("cannot write to %1: it is a file, not a folder").arg(m_root),
                         QStringLiteral("NOT_A_DIRECTORY"));
    return checkDirWritable(m_root);
}

// ---- experiments ------------------------------------------------------------------------------

QString MlflowFileStore::experimentDir(const QString &experimentId, ViewType view) const
{
    if (!validExperimentId(experimentId) || experimentId == ModelsFolder)
        return {};
    if (view != ViewType::DeletedOnly) {
        const QString d = m_root + QLatin1Char('/') + experimentId;
        if (QFileInfo(d).isDir())
            return d;
    }
    if (view != ViewType::ActiveOnly) {
        const QString d = m_root + QLatin1Char('/') + TrashFolder + QLatin1Char('/') + experimentId;
        if (QFileInfo(d).isDir())
            return d;
    }
    return {};
}

Experiment MlflowFileStore::readExperiment(const QString &dir, const QString &folderName,
                                           LifecycleStage where) const
{
    Experiment e = emptyExperiment(folderName);
    e.lifecycleStage = where;
    const QString metaPath = dir + QLatin1Char('/') + MetaFile;
    if (!QFileInfo::exists(metaPath)) {
        e.warnings << tr("meta.yaml is missing in experiment folder %1").arg(dir);
    } else {
        const YamlDoc doc = loadYaml(metaPath);
        if (!doc.error.isEmpty()) {
            e.warnings << tr("meta.yaml of experiment %1 is unreadable (%2)").arg(folderName, doc.error);
        } else {
            const YAML::Node &y = doc.root;
            const QString recordedId = yamlText(y, "experiment_id");
            if (!recordedId.isEmpty() && recordedId != folderName)
                e.warnings
                    << tr("meta.yaml of experiment %1 records the id \"%2\"").arg(folderName, recordedId);
            e.name = yamlText(y, "name", folderName);
            e.artifactLocation = yamlText(y, "artifact_location");
            if (yamlText(y, "lifecycle_stage") == QLatin1String("deleted"))
                e.lifecycleStage = LifecycleStage::Deleted;
            bool ok = true;
            e.creationTime = yamlInt(y, "creation_time", &ok);
            if (!ok)
                e.warnings << tr("meta.yaml of experiment %1 has a creation_time that is not a number")
                                  .arg(folderName);
            e.lastUpdateTime = yamlInt(y, "last_update_time", &ok);
            if (!ok)
                e.warnings << tr("meta.yaml of experiment %1 has a last_update_time that is not a number")
                                  .arg(folderName);
        }
    }
    const KeyValues tags = readKeyValueFolder(dir + QStringLiteral("/tags"), QStringLiteral("tags"));
    for (const auto &[k, v] : tags.items)
        e.tags << Tag{k, v};
    e.warnings << tags.warnings;
    for (const QString &w : std::as_const(e.warnings))
        qCWarning(lcFileStore) << "experiment" << folderName << ":" << w;
    return e;
}

Result<QList<Experiment>> MlflowFileStore::listExperiments(ViewType view)
{
    if (!QFileInfo(m_root).isDir())
        return notFound(tr("The tracking store %1 does not exist").arg(m_root));
    QList<Experiment> out;
    auto scan = [&](const QString &parent, LifecycleStage where) {
        for (const QString &name : subdirs(parent)) {
            if (name.startsWith(QLatin1Char('.')) ||
                (where == LifecycleStage::Active && name == ModelsFolder))
                continue;
            const QString dir = parent + QLatin1Char('/') + name;
            // Folders without meta.yaml are experiments only when named like one (MLflow's ids are numbers).
            static const QRegularExpression numeric(QStringLiteral("^\\d+$"));
            if (!QFileInfo::exists(dir + QLatin1Char('/') + MetaFile) && !numeric.match(name).hasMatch())
                continue;
            Experiment e = readExperiment(dir, name, where);
            if (where == LifecycleStage::Deleted)
                e.lifecycleStage = LifecycleStage::Deleted;
            const bool wanted = view == ViewType::All || (view == ViewType::ActiveOnly) ==
                                                             (e.lifecycleStage == LifecycleStage::Active);
            if (wanted)
                out << e;
        }
    };
    if (view != ViewType::DeletedOnly)
        scan(m_root, LifecycleStage::Active);
    scan(m_root + QLatin1Char('/') + TrashFolder, LifecycleStage::Deleted);
    // MLflow's default order: creation_time DESC, experiment_id ASC.
    std::stable_sort(out.begin(), out.end(), [](const Experiment &a, const Experiment &b) {
        if (a.creationTime != b.creationTime)
            return a.creationTime > b.creationTime;
        bool na = false, nb = false;
        const qulonglong ia = a.id.toULongLong(&na), ib = b.id.toULongLong(&nb);
        if (na && nb && ia != ib)
            return ia < ib;
        return a.id < b.id;
    });
    return out;
}

Result<Experiment> MlflowFileStore::getExperiment(const QString &experimentId)
{
    const QString dir = experimentDir(experimentId);
    if (dir.isEmpty())
        return notFound(tr("Experiment \"%1\" does not exist in %2").arg(experimentId, m_root));
    const bool inTrash = QFileInfo(dir).absolutePath().endsWith(QLatin1Char('/') + TrashFolder);
    Experiment e =
        readExperiment(dir, experimentId, inTrash ? LifecycleStage::Deleted : LifecycleStage::Active);
    if (inTrash)
        e.lifecycleStage = LifecycleStage::Deleted;
    return e;
}

Result<std::optional<Experiment>> MlflowFileStore::getExperimentByName(const QString &name)
{
    auto all = listExperiments(ViewType::ActiveOnly);
    if (!all)
        return all.error();
    for (const Experiment &e : *all)
        if (e.name == name)
            return std::optional<Experiment>(e);
    return std::optional<Experiment>();
}

Result<QString> MlflowFileStore::createExperiment(const QString &name, const QString &artifactLocation)
{
    if (name.trimmed().isEmpty())
        return invalidParameter(tr("An experiment needs a name"));
    if (Status s = checkWritable(); !s)
        return s.error();
    if (!QFileInfo(m_root).isDir())
        if (Status s = initialize(); !s)
            return s.error();
    auto all = listExperiments(ViewType::All);
    if (!all)
        return all.error();
    for (const Experiment &e : *all) {
        if (e.name != name)
            continue;
        if (e.lifecycleStage == LifecycleStage::Deleted)
            return makeError(
                tr("Experiment \"%1\" already exists in deleted state; restore it or remove it from "
                   "the .trash folder to use the name again")
                    .arg(name),
                QStringLiteral("RESOURCE_ALREADY_EXISTS"));
        return makeError(tr("Experiment \"%1\" already exists").arg(name),
                         QStringLiteral("RESOURCE_ALREADY_EXISTS"));
    }
    QString id;
    do {
        id = randomExperimentId();
    } while (!experimentDir(id).isEmpty());
    Experiment e;
    e.id = id;
    e.name = name;
    e.artifactLocation =
        artifactLocation.isEmpty()
            ? QUrl::fromLocalFile(m_root + QLatin1Char('/') + id).toString(QUrl::FullyEncoded)
            : artifactLocation;
    e.creationTime = e.lastUpdateTime = nowMs();
    const QString dir = m_root + QLatin1Char('/') + id;
    if (Status s = makeDir(dir); !s)
        return s.error();
    if (Status s = writeFileAtomic(dir + QLatin1Char('/') + MetaFile, emitYaml(experimentFields(e))); !s) {
        QDir(dir).removeRecursively();
        return s.error();
    }
    return id;
}

Status MlflowFileStore::setExperimentTag(const QString &experimentId, const QString &key,
                                         const QString &value)
{
    if (Status s = checkKey(tr("tag"), key); !s)
        return s;
    auto e = getExperiment(experimentId);
    if (!e)
        return e.error();
    if (e->lifecycleStage != LifecycleStage::Active)
        return invalidParameter(
            tr("Experiment %1 is deleted; restore it before setting tags").arg(experimentId));
    const QString dir = experimentDir(experimentId);
    return writeFileAtomic(dir + QStringLiteral("/tags/") + key, value.toUtf8(), dir);
}

Status MlflowFileStore::deleteExperiment(const QString &experimentId)
{
    if (experimentId == DefaultExperimentId)
        return invalidParameter(tr("The Default experiment (0) cannot be deleted"));
    const QString dir = experimentDir(experimentId, ViewType::ActiveOnly);
    if (dir.isEmpty())
        return notFound(tr("Experiment \"%1\" does not exist").arg(experimentId));
    if (Status s = checkWritable(); !s)
        return s;
    const qint64 now = nowMs();
    for (const QString &name : subdirs(dir)) {
        const QString runDir = dir + QLatin1Char('/') + name;
        RunMeta m = readRunMeta(runDir, experimentId);
        if (!m.metaOk || m.info.lifecycleStage == LifecycleStage::Deleted)
            continue;
        if (Status s = writeRunMeta(runDir, m.info, true, now); !s)
            return s;
    }
    Experiment e = readExperiment(dir, experimentId, LifecycleStage::Active);
    e.lifecycleStage = LifecycleStage::Deleted;
    e.lastUpdateTime = now;
    if (Status s = writeFileAtomic(dir + QLatin1Char('/') + MetaFile, emitYaml(experimentFields(e))); !s)
        return s;
    const QString trash = m_root + QLatin1Char('/') + TrashFolder;
    if (Status s = makeDir(trash); !s)
        return s;
    if (!QDir().rename(dir, trash + QLatin1Char('/') + experimentId))
        return writeError(trash, tr("the experiment folder could not be moved to the trash"));
    m_runCache.clear();
    return {};
}

Status MlflowFileStore::restoreExperiment(const QString &experimentId)
{
    const QString dir = experimentDir(experimentId, ViewType::DeletedOnly);
    if (dir.isEmpty())
        return notFound(tr("There is no deleted experiment \"%1\"").arg(experimentId));
    if (!experimentDir(experimentId, ViewType::ActiveOnly).isEmpty())
        return makeError(
            tr("Cannot restore experiment %1: an experiment with the same id exists").arg(experimentId),
            QStringLiteral("RESOURCE_ALREADY_EXISTS"));
    if (Status s = checkWritable(); !s)
        return s;
    const QString target = m_root + QLatin1Char('/') + experimentId;
    if (!QDir().rename(dir, target))
        return writeError(target, tr("the experiment folder could not be moved back from the trash"));
    m_runCache.clear();
    for (const QString &name : subdirs(target)) {
        const QString runDir = target + QLatin1Char('/') + name;
        RunMeta m = readRunMeta(runDir, experimentId);
        if (!m.metaOk || m.info.lifecycleStage == LifecycleStage::Active)
            continue;
        m.info.lifecycleStage = LifecycleStage::Active;
        if (Status s = writeRunMeta(runDir, m.info, false, 0); !s)
            return s;
    }
    Experiment e = readExperiment(target, experimentId, LifecycleStage::Active);
    e.lifecycleStage = LifecycleStage::Active;
    e.lastUpdateTime = nowMs();
    return writeFileAtomic(target + QLatin1Char('/') + MetaFile, emitYaml(experimentFields(e)));
}

// ---- runs -------------------------------------------------------------------------------------

Result<MlflowFileStore::RunLocation> MlflowFileStore::findRun(const QString &runId)
{
    if (!validRunId(runId))
        return invalidParameter(tr("Invalid run id \"%1\"").arg(runId));
    const auto cached = m_runCache.constFind(runId);
    if (cached != m_runCache.constEnd() && QFileInfo(cached->dir).isDir())
        return *cached;
    for (const QString &parent : QStringList{m_root, m_root + QLatin1Char('/') + TrashFolder}) {
        for (const QString &exp : subdirs(parent)) {
            if (exp.startsWith(QLatin1Char('.')) || (parent == m_root && exp == ModelsFolder))
                continue;
            const QString dir = parent + QLatin1Char('/') + exp + QLatin1Char('/') + runId;
            if (QFileInfo(dir).isDir()) {
                RunLocation loc{exp, dir};
                m_runCache.insert(runId, loc);
                return loc;
            }
        }
    }
    return notFound(tr("Run \"%1\" not found in %2").arg(runId, m_root));
}

Run MlflowFileStore::readRun(const QString &dir, const QString &experimentId, bool fullMetricScan) const
{
    RunMeta meta = readRunMeta(dir, experimentId);
    Run run;
    run.info = meta.info;
    run.warnings = meta.warnings;
    const QString experimentParent = QFileInfo(QFileInfo(dir).absolutePath()).absolutePath();
    if (experimentParent == m_root + QLatin1Char('/') + TrashFolder)
        run.info.lifecycleStage = LifecycleStage::Deleted; // its experiment is in the trash

    const KeyValues params = readKeyValueFolder(dir + QStringLiteral("/params"), QStringLiteral("params"));
    for (const auto &[k, v] : params.items)
        run.params << Param{k, v};
    run.warnings << params.warnings;
    const KeyValues tags = readKeyValueFolder(dir + QStringLiteral("/tags"), QStringLiteral("tags"));
    for (const auto &[k, v] : tags.items)
        run.tags << Tag{k, v};
    run.warnings << tags.warnings;
    if (run.info.runName.isEmpty())
        run.info.runName = run.tag(tags::RunName);

    const QString metricsDir = dir + QStringLiteral("/metrics");
    const QFileInfo mfi(metricsDir);
    if (mfi.exists() && !mfi.isDir())
        run.warnings << tr("metrics in run %1 is a file, not a folder").arg(run.info.runId);
    for (const QString &key : filesUnder(metricsDir)) {
        LineScan scan = latestPoint(metricsDir + QLatin1Char('/') + key, key, fullMetricScan);
        run.warnings << scan.warnings;
        if (scan.last)
            run.metrics << *scan.last;
    }
    if (meta.metaOk && run.metrics.isEmpty() && run.params.isEmpty() && run.tags.isEmpty() &&
        !QFileInfo::exists(metricsDir) && !QFileInfo::exists(dir + QStringLiteral("/params")) &&
        !QFileInfo::exists(dir + QStringLiteral("/tags")) &&
        !QFileInfo::exists(dir + QStringLiteral("/artifacts")))
        run.warnings << tr("run %1 has no metrics, params, tags or artifacts folder").arg(run.info.runId);
    for (const QString &w : std::as_const(run.warnings))
        qCWarning(lcFileStore) << "run" << run.info.runId << ":" << w;
    return run;
}

Result<RunPage> MlflowFileStore::searchRuns(const RunSearch &search)
{
    auto filter = SearchFilter::parse(search.filter);
    if (!filter)
        return filter.error();
    auto order = RunOrder::parse(search.orderBy);
    if (!order)
        return order.error();
    if (search.maxResults <= 0 || search.maxResults > 50000)
        return invalidParameter(tr("maxResults must be between 1 and 50000, not %1").arg(search.maxResults));
    auto offset = decodePageToken(search.pageToken);
    if (!offset)
        return offset.error();

    QStringList experimentIds = search.experimentIds;
    if (experimentIds.isEmpty()) {
        auto all = listExperiments(ViewType::All);
        if (!all)
            return all.error();
        for (const Experiment &e : *all)
            experimentIds << e.id;
    }
    static const QStringList reserved = {QStringLiteral("tags"), QStringLiteral("datasets"),
                                         QStringLiteral("traces")};
    static const QRegularExpression hex32(QStringLiteral("^[0-9a-f]{32}$"));
    QList<Run> runs;
    for (const QString &expId : std::as_const(experimentIds)) {
        const QString expDir = experimentDir(expId);
        if (expDir.isEmpty())
            continue;
        for (const QString &name : subdirs(expDir)) {
            if (reserved.contains(name) || name.startsWith(QLatin1Char('.')))
                continue;
            const QString dir = expDir + QLatin1Char('/') + name;
            // A folder is a run when it has meta.yaml, or looks like one that lost it.
            if (!QFileInfo::exists(dir + QLatin1Char('/') + MetaFile) && !hex32.match(name).hasMatch() &&
                !QFileInfo(dir + QStringLiteral("/metrics")).isDir())
                continue;
            m_runCache.insert(name, RunLocation{expId, dir});
            Run run = readRun(dir, expId, false);
            const bool deleted = run.info.lifecycleStage == LifecycleStage::Deleted;
            if ((search.viewType == ViewType::ActiveOnly && deleted) ||
                (search.viewType == ViewType::DeletedOnly && !deleted))
                continue;
            if (filter->matches(run))
                runs << std::move(run);
        }
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

Result<Run> MlflowFileStore::getRun(const QString &runId)
{
    auto loc = findRun(runId);
    if (!loc)
        return loc.error();
    return readRun(loc->dir, loc->experimentId, true);
}

Status MlflowFileStore::writeRunMeta(const QString &runDir, const RunInfo &info, bool deleted,
                                     qint64 deletedTime)
{
    std::map<std::string, YamlValue> f{
        {"artifact_uri", info.artifactUri},
        {"end_time", info.endTime > 0 ? YamlValue(info.endTime) : YamlValue()},
        {"entry_point_name", QString()},
        {"experiment_id", info.experimentId},
        {"lifecycle_stage", lifecycleStageName(info.lifecycleStage)},
        {"run_id", info.runId},
        {"run_name", info.runName},
        {"run_uuid", info.runId},
        {"source_name", QString()},
        {"source_type", qint64(SourceTypeLocal)},
        {"source_version", QString()},
        {"start_time", info.startTime},
        {"status", qint64(runStatusNumber(info.status))},
        {"tags", QStringList()},
        {"user_id", info.userId},
    };
    if (deleted)
        f["deleted_time"] = deletedTime > 0 ? YamlValue(deletedTime) : YamlValue();
    return writeFileAtomic(runDir + QLatin1Char('/') + MetaFile, emitYaml(f));
}

Result<Run> MlflowFileStore::activeRun(const QString &runId, RunLocation *where)
{
    auto loc = findRun(runId);
    if (!loc)
        return loc.error();
    *where = *loc;
    RunMeta meta = readRunMeta(loc->dir, loc->experimentId);
    if (!meta.metaOk)
        return makeError(tr("Run %1 cannot be changed: %2").arg(runId, meta.warnings.value(0)),
                         QStringLiteral("INVALID_STATE"));
    if (meta.info.lifecycleStage != LifecycleStage::Active)
        return makeError(tr("Run %1 is deleted; restore it before changing it").arg(runId),
                         QStringLiteral("INVALID_STATE"));
    Run run;
    run.info = meta.info;
    return run;
}

Status MlflowFileStore::updateRunMeta(const QString &runId,
                                      const std::function<void(RunInfo &, qint64 &deletedTime)> &change)
{
    auto loc = findRun(runId);
    if (!loc)
        return loc.error();
    RunMeta meta = readRunMeta(loc->dir, loc->experimentId);
    if (!meta.metaOk)
        return makeError(tr("Run %1 cannot be changed: %2").arg(runId, meta.warnings.value(0)),
                         QStringLiteral("INVALID_STATE"));
    qint64 deletedTime = meta.hasDeletedTime ? meta.deletedTime : -1;
    change(meta.info, deletedTime);
    return writeRunMeta(loc->dir, meta.info, deletedTime >= 0, deletedTime);
}

Result<Run> MlflowFileStore::createRun(const QString &experimentId, const QString &runName,
                                       qint64 startTimeMs, const QList<Tag> &tags, const QString &userId)
{
    const QString expId = experimentId.isEmpty() ? DefaultExperimentId : experimentId;
    // A store object made on a folder that is not there yet starts it here, as MLflow's FileStore does.
    if (expId == DefaultExperimentId && experimentDir(expId).isEmpty())
        if (Status s = initialize(); !s)
            return s.error();
    auto exp = getExperiment(expId);
    if (!exp)
        return exp.error();
    if (exp->lifecycleStage != LifecycleStage::Active)
        return makeError(tr("Cannot create a run in deleted experiment %1").arg(expId),
                         QStringLiteral("INVALID_STATE"));
    const QString expDir = experimentDir(expId, ViewType::ActiveOnly);
    if (Status s = checkDirWritable(expDir); !s)
        return s.error();
    for (const Tag &t : tags)
        if (Status s = checkKey(tr("tag"), t.key); !s)
            return s.error();

    QList<Tag> allTags = tags;
    QString tagName;
    for (const Tag &t : tags)
        if (t.key == tags::RunName)
            tagName = t.value;
    if (!runName.isEmpty() && !tagName.isEmpty() && runName != tagName)
        return invalidParameter(
            tr("The run name \"%1\" and the mlflow.runName tag \"%2\" differ").arg(runName, tagName));
    const QString name = !runName.isEmpty() ? runName : (!tagName.isEmpty() ? tagName : randomRunName());
    if (tagName.isEmpty())
        allTags << Tag{tags::RunName, name};

    RunInfo info;
    info.runId = QUuid::createUuid().toString(QUuid::Id128);
    info.experimentId = expId;
    info.runName = name;
    info.userId = userId;
    info.status = RunStatus::Running;
    info.startTime = startTimeMs;
    info.endTime = 0;
    QString base = exp->artifactLocation;
    while (base.endsWith(QLatin1Char('/')))
        base.chop(1);
    info.artifactUri = base + QLatin1Char('/') + info.runId + QStringLiteral("/artifacts");
    info.lifecycleStage = LifecycleStage::Active;

    const QString dir = expDir + QLatin1Char('/') + info.runId;
    auto fail = [&](const Status &s) -> Result<Run> {
        QDir(dir).removeRecursively();
        return s.error();
    };
    if (Status s = makeDir(dir); !s)
        return fail(s);
    if (Status s = writeRunMeta(dir, info, true, 0); !s)
        return fail(s);
    for (const char *sub : {"metrics", "params", "artifacts", "tags"})
        if (Status s = makeDir(dir + QLatin1Char('/') + QLatin1String(sub)); !s)
            return fail(s);
    for (const Tag &t : std::as_const(allTags))
        if (Status s = writeTagFile(dir, t.key, t.value); !s)
            return fail(s);
    m_runCache.insert(info.runId, RunLocation{expId, dir});
    return readRun(dir, expId, false);
}

Status MlflowFileStore::writeTagFile(const QString &runDir, const QString &key, const QString &value)
{
    if (Status s = checkKey(tr("tag"), key); !s)
        return s;
    return writeFileAtomic(runDir + QStringLiteral("/tags/") + key, value.toUtf8(), runDir);
}

Status MlflowFileStore::updateRun(const QString &runId, RunStatus status, qint64 endTimeMs,
                                  const QString &runName)
{
    RunLocation loc;
    auto run = activeRun(runId, &loc);
    if (!run)
        return run.error();
    if (!runName.isEmpty())
        if (Status s = writeTagFile(loc.dir, tags::RunName, runName); !s)
            return s;
    return updateRunMeta(runId, [&](RunInfo &info, qint64 &) {
        info.status = status;
        if (endTimeMs > 0)
            info.endTime = endTimeMs;
        if (!runName.isEmpty())
            info.runName = runName;
    });
}

Status MlflowFileStore::setTag(const QString &runId, const QString &key, const QString &value)
{
    return logBatch(runId, {}, {}, {Tag{key, value}});
}

Status MlflowFileStore::deleteTag(const QString &runId, const QString &key)
{
    if (Status s = checkKey(tr("tag"), key); !s)
        return s;
    RunLocation loc;
    auto run = activeRun(runId, &loc);
    if (!run)
        return run.error();
    const QString path = loc.dir + QStringLiteral("/tags/") + key;
    if (!QFileInfo(path).isFile())
        return notFound(tr("Run %1 has no tag \"%2\"").arg(runId, key));
    if (Status s = checkDirWritable(QFileInfo(path).absolutePath()); !s)
        return s;
    if (!QFile::remove(path))
        return writeError(path, tr("the tag file could not be removed"));
    return {};
}

QByteArray MlflowFileStore::formatMetricValue(double value)
{
    if (std::isnan(value))
        return QByteArrayLiteral("nan");
    if (std::isinf(value))
        return value > 0 ? QByteArrayLiteral("inf") : QByteArrayLiteral("-inf");
    char buf[64];
    // Python's repr: integral values below 1e16 keep a ".0"; the rest is the shortest round-trip form.
    if (value == std::floor(value) && std::fabs(value) < 1e16) {
        const auto r = std::to_chars(buf, buf + sizeof buf, value, std::chars_format::fixed);
        return QByteArray(buf, r.ptr - buf) + ".0";
    }
    const auto r = std::to_chars(buf, buf + sizeof buf, value);
    return QByteArray(buf, r.ptr - buf);
}

bool MlflowFileStore::parseMetricLine(QByteArrayView line, qint64 *timestamp, double *value, qint64 *step)
{
    // Python's str.strip() then split(" "): 2 or 3 fields separated by single spaces.
    auto isWs = [](char c) {
        return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v';
    };
    while (!line.isEmpty() && isWs(line.front()))
        line = line.sliced(1);
    while (!line.isEmpty() && isWs(line.back()))
        line.chop(1);
    QByteArrayView fields[3];
    int n = 0;
    qsizetype start = 0;
    for (qsizetype i = 0; i <= line.size(); ++i) {
        if (i == line.size() || line.at(i) == ' ') {
            if (n == 3)
                return false;
            fields[n++] = line.sliced(start, i - start);
            start = i + 1;
        }
    }
    if (n < 2)
        return false;
    auto parseInt = [](QByteArrayView f, qint64 *out) {
        if (!f.isEmpty() && f.front() == '+')
            f = f.sliced(1);
        if (f.isEmpty())
            return false;
        long long v = 0;
        const auto r = std::from_chars(f.data(), f.data() + f.size(), v);
        if (r.ec != std::errc() || r.ptr != f.data() + f.size())
            return false;
        *out = v;
        return true;
    };
    if (!parseInt(fields[0], timestamp))
        return false;
    QByteArrayView v = fields[1];
    bool negative = false;
    if (!v.isEmpty() && (v.front() == '+' || v.front() == '-')) {
        negative = v.front() == '-';
        v = v.sliced(1);
    }
    if (v.isEmpty() || v.front() == '+' || v.front() == '-')
        return false;
    double d = 0;
    const auto r = std::from_chars(v.data(), v.data() + v.size(), d);
    if (r.ec != std::errc() || r.ptr != v.data() + v.size()) {
        // from_chars reports out-of-range for huge exponents; Python gives inf or 0 there.
        if (r.ec == std::errc::result_out_of_range && r.ptr == v.data() + v.size())
            d = QByteArray(v.data(), v.size()).toDouble();
        else
            return false;
    }
    *value = negative ? -d : d;
    *step = 0;
    if (n == 3 && !parseInt(fields[2], step))
        return false;
    return true;
}

Status MlflowFileStore::logBatch(const QString &runId, const QList<MetricPoint> &metrics,
                                 const QList<Param> &params, const QList<Tag> &tags)
{
    for (const MetricPoint &m : metrics)
        if (Status s = checkKey(tr("metric"), m.key); !s)
            return s;
    for (const Param &p : params)
        if (Status s = checkKey(tr("param"), p.key); !s)
            return s;
    for (const Tag &t : tags)
        if (Status s = checkKey(tr("tag"), t.key); !s)
            return s;
    RunLocation loc;
    auto run = activeRun(runId, &loc);
    if (!run)
        return run.error();

    for (const Param &p : params) {
        const QString path = loc.dir + QStringLiteral("/params/") + p.key;
        if (QFileInfo(path).isFile()) {
            QByteArray current;
            QString err;
            if (readWholeFile(path, &current, &err) && current == p.value.toUtf8())
                continue;
            return invalidParameter(
                tr("Changing param values is not allowed: param \"%1\" of run %2 was already "
                   "logged with value \"%3\"; attempted \"%4\"")
                    .arg(p.key, runId, QString::fromUtf8(current), p.value));
        }
        if (Status s = writeFileAtomic(path, p.value.toUtf8(), loc.dir); !s)
            return s;
    }

    // One append per metric file, all of its lines in a single write.
    QList<QString> order;
    QHash<QString, QByteArray> lines;
    for (const MetricPoint &m : metrics) {
        auto it = lines.find(m.key);
        if (it == lines.end()) {
            order << m.key;
            it = lines.insert(m.key, {});
        }
        *it += QByteArray::number(m.timestamp) + ' ' + formatMetricValue(m.value) + ' ' +
               QByteArray::number(m.step) + '\n';
    }
    for (const QString &key : std::as_const(order)) {
        const QString path = loc.dir + QStringLiteral("/metrics/") + key;
        if (Status s = makeDir(QFileInfo(path).absolutePath()); !s)
            return s;
        if (Status s = checkDirWritable(QFileInfo(path).absolutePath()); !s)
            return s;
        QFile f(path);
        if (!f.open(QIODevice::WriteOnly | QIODevice::Append | QIODevice::Unbuffered))
            return writeError(path, f.errorString());
        const QByteArray &data = lines[key];
        if (f.write(data) != data.size())
            return writeError(path, f.errorString());
    }

    for (const Tag &t : tags) {
        if (Status s = writeTagFile(loc.dir, t.key, t.value); !s)
            return s;
        if (t.key == tags::RunName && !t.value.isEmpty()) {
            if (Status s = updateRunMeta(runId, [&](RunInfo &info, qint64 &) { info.runName = t.value; }); !s)
                return s;
        }
    }
    return {};
}

Status MlflowFileStore::deleteRun(const QString &runId)
{
    if (Status s = checkWritable(); !s)
        return s;
    return updateRunMeta(runId, [](RunInfo &info, qint64 &deletedTime) {
        info.lifecycleStage = LifecycleStage::Deleted;
        deletedTime = nowMs();
    });
}

Status MlflowFileStore::restoreRun(const QString &runId)
{
    if (Status s = checkWritable(); !s)
        return s;
    return updateRunMeta(runId, [](RunInfo &info, qint64 &deletedTime) {
        info.lifecycleStage = LifecycleStage::Active;
        deletedTime = -1; // MLflow drops the field on restore
    });
}

// ---- metric histories -------------------------------------------------------------------------

Result<QList<MetricPoint>> MlflowFileStore::getMetricHistory(const QString &runId, const QString &key)
{
    if (Status s = checkKey(tr("metric"), key); !s)
        return s.error();
    auto loc = findRun(runId);
    if (!loc)
        return loc.error();
    QList<MetricPoint> out;
    const QString path = loc->dir + QStringLiteral("/metrics/") + key;
    if (!QFileInfo(path).isFile())
        return out;
    QByteArray data;
    QString err;
    if (!readWholeFile(path, &data, &err))
        return makeError(tr("metrics/%1 of run %2 cannot be read: %3").arg(key, runId, err),
                         QStringLiteral("IO_ERROR"));
    LineScan scan;
    out.reserve(data.count('\n') + 1);
    scanLines(data, QStringLiteral("metrics/") + key, &scan, [&](qint64 ts, double v, qint64 step) {
        out.append(MetricPoint{key, v, ts, step});
    });
    for (const QString &w : std::as_const(scan.warnings))
        qCWarning(lcFileStore) << "run" << runId << ":" << w;
    return out;
}

Status MlflowFileStore::readMetricIncrement(const QString &runId, const QString &key, MetricCursor *cursor,
                                            MetricSeries *series)
{
    Q_ASSERT(cursor && series);
    cursor->reset = false;
    if (Status s = checkKey(tr("metric"), key); !s)
        return s;
    auto loc = findRun(runId);
    if (!loc)
        return loc.error();
    const QString path = loc->dir + QStringLiteral("/metrics/") + key;
    QFile f(path);
    if (!f.exists())
        return {};
    if (!f.open(QIODevice::ReadOnly))
        return makeError(tr("metrics/%1 of run %2 cannot be read: %3").arg(key, runId, f.errorString()),
                         QStringLiteral("IO_ERROR"));
    const qint64 size = f.size();
    if (size < cursor->position) {
        qCDebug(lcFileStore) << "metric file shrank, rereading" << path;
        cursor->position = 0;
        cursor->reset = true;
    }
    if (size == cursor->position)
        return {};
    if (!f.seek(cursor->position))
        return makeError(tr("metrics/%1 of run %2 cannot be read: %3").arg(key, runId, f.errorString()),
                         QStringLiteral("IO_ERROR"));
    const QByteArray data = f.read(size - cursor->position);
    const qsizetype lastNl = data.lastIndexOf('\n');
    if (lastNl < 0)
        return {}; // only part of a line so far
    const char *p = data.constData();
    const char *end = p + lastNl + 1;
    series->reserve(series->size() + size_t(std::count(p, end, '\n')));
    int malformed = 0;
    while (p < end) {
        const char *nl = static_cast<const char *>(std::memchr(p, '\n', size_t(end - p)));
        const QByteArrayView line(p, nl - p);
        p = nl + 1;
        if (blank(line))
            continue;
        qint64 ts = 0, step = 0;
        double v = 0;
        if (parseMetricLine(line, &ts, &v, &step))
            series->append(step, ts, v);
        else
            ++malformed;
    }
    if (malformed)
        qCWarning(lcFileStore) << "run" << runId << "metric" << key << ":" << malformed
                               << "malformed lines skipped";
    cursor->position += lastNl + 1;
    return {};
}

Result<QStringList> MlflowFileStore::metricKeys(const QString &runId)
{
    auto loc = findRun(runId);
    if (!loc)
        return loc.error();
    return filesUnder(loc->dir + QStringLiteral("/metrics"));
}

// ---- artifacts --------------------------------------------------------------------------------

QString MlflowFileStore::artifactRoot(const RunLocation &where, const QString &artifactUri) const
{
    QString local;
    if (artifactUri.startsWith(QLatin1String("file:")))
        local = QUrl(artifactUri).toLocalFile();
    else if (QDir::isAbsolutePath(artifactUri) && !artifactUri.contains(QLatin1String(":/")))
        local = artifactUri;
    if (!local.isEmpty() && QFileInfo(local).isDir())
        return QDir::cleanPath(local);
    return where.dir + QStringLiteral("/artifacts");
}

Result<QList<ArtifactInfo>> MlflowFileStore::listArtifacts(const QString &runId, const QString &path)
{
    const auto rel = cleanRelative(path);
    if (!rel)
        return invalidParameter(tr("Invalid artifact path \"%1\"").arg(path));
    auto loc = findRun(runId);
    if (!loc)
        return loc.error();
    const RunMeta meta = readRunMeta(loc->dir, loc->experimentId);
    const QString root = artifactRoot(*loc, meta.info.artifactUri);
    const QString dir = rel->isEmpty() ? root : root + QLatin1Char('/') + *rel;
    QList<ArtifactInfo> out;
    if (!QFileInfo(dir).isDir())
        return out;
    const QFileInfoList entries =
        QDir(dir).entryInfoList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden, QDir::Name);
    for (const QFileInfo &fi : entries) {
        ArtifactInfo a;
        a.path = rel->isEmpty() ? fi.fileName() : *rel + QLatin1Char('/') + fi.fileName();
        a.isDir = fi.isDir();
        a.fileSize = a.isDir ? 0 : fi.size();
        out << a;
    }
    return out;
}

QString MlflowFileStore::localArtifactPath(const QString &runId, const QString &path)
{
    const auto rel = cleanRelative(path);
    if (!rel)
        return {};
    auto loc = findRun(runId);
    if (!loc)
        return {};
    const RunMeta meta = readRunMeta(loc->dir, loc->experimentId);
    const QString root = artifactRoot(*loc, meta.info.artifactUri);
    return rel->isEmpty() ? root : root + QLatin1Char('/') + *rel;
}

Result<QByteArray> MlflowFileStore::readArtifact(const QString &runId, const QString &path, qint64 maxBytes)
{
    const auto rel = cleanRelative(path);
    if (!rel || rel->isEmpty())
        return invalidParameter(tr("Invalid artifact path \"%1\"").arg(path));
    const QString file = localArtifactPath(runId, *rel);
    if (file.isEmpty())
        return findRun(runId).error();
    QFile f(file);
    if (!QFileInfo(file).isFile())
        return notFound(tr("Run %1 has no artifact \"%2\"").arg(runId, *rel));
    if (!f.open(QIODevice::ReadOnly))
        return makeError(tr("The artifact %1 cannot be read: %2").arg(file, f.errorString()),
                         QStringLiteral("IO_ERROR"));
    return maxBytes < 0 ? f.readAll() : f.read(maxBytes);
}

Status MlflowFileStore::writeArtifact(const QString &runId, const QString &path, const QByteArray &data)
{
    const auto rel = cleanRelative(path);
    if (!rel || rel->isEmpty())
        return invalidParameter(tr("Invalid artifact path \"%1\"").arg(path));
    auto loc = findRun(runId);
    if (!loc)
        return loc.error();
    const RunMeta meta = readRunMeta(loc->dir, loc->experimentId);
    QString root;
    // A local artifact location is honoured before its folder exists when it lies in this store or
    // under a folder that exists here; a store copied from another machine (file:///C:/Users/...)
    // must not make us create folders at the file system root: those writes land in the run.
    if (meta.info.artifactUri.startsWith(QLatin1String("file:"))) {
        const QString local = QDir::cleanPath(QUrl(meta.info.artifactUri).toLocalFile());
        const bool inStore = local.startsWith(QDir::cleanPath(m_root) + QLatin1Char('/'));
        if (!local.isEmpty() &&
            (inStore || QFileInfo(local).isDir() || QFileInfo(QFileInfo(local).path()).isDir()))
            root = local;
    }
    if (root.isEmpty())
        root = artifactRoot(*loc, meta.info.artifactUri);
    // Inside the run's folder the temporary stays out of artifacts/; elsewhere next to the file.
    const bool inRun = QDir::cleanPath(root).startsWith(loc->dir + QLatin1Char('/'));
    return writeFileAtomic(root + QLatin1Char('/') + *rel, data, inRun ? loc->dir : QString());
}

// ---- model registry ---------------------------------------------------------------------------
//
// MLflow's model_registry FileStore layout under <root>/models/<name>/:
//   meta.yaml            aliases (alias -> version, mirrors aliases/), creation_timestamp,
//                        description, last_updated_timestamp, name
//   aliases/<alias>      the version number as text, no newline
//   tags/<key>           the value, no newline
//   version-<n>/meta.yaml, version-<n>/tags/<key>
// The folder aliases/ is what MLflow reads; meta.yaml's copy is rewritten with it on every change.

namespace {

// MLflow's _validate_model_name plus the file store's own rules (no path separator, no '%').
Status checkModelName(const QString &name)
{
    if (name.trimmed().isEmpty())
        return invalidParameter(tr("A registered model needs a name."));
    if (name.contains(QLatin1Char('/')) || name.contains(QLatin1Char('\\')))
        return invalidParameter(
            tr("Invalid registered model name \"%1\": it cannot contain a path separator.").arg(name));
    if (name.contains(QLatin1Char('%')))
        return invalidParameter(tr("Invalid registered model name \"%1\": it cannot contain '%'.").arg(name));
    if (name.startsWith(QLatin1Char('.')))
        return invalidParameter(
            tr("Invalid registered model name \"%1\": it cannot start with '.'.").arg(name));
    return {};
}

// MLflow's _validate_model_alias_name: letters, digits, _ and -; not "latest" and not v<number>,
// which the models:/<name>@<alias> URIs already give a meaning.
Status checkAliasName(const QString &alias)
{
    if (alias.isEmpty())
        return invalidParameter(tr("Registered model alias name cannot be empty."));
    static const QRegularExpression allowed(QStringLiteral("^[\\w\\-]+$"),
                                            QRegularExpression::UseUnicodePropertiesOption);
    if (!allowed.match(alias).hasMatch())
        return invalidParameter(tr("Invalid alias name \"%1\": names may only contain letters, digits, "
                                   "underscores (_) and dashes (-).")
                                    .arg(alias));
    static const QRegularExpression versionLike(QStringLiteral("^[vV]\\d+$"));
    if (versionLike.match(alias).hasMatch())
        return invalidParameter(
            tr("Invalid alias name \"%1\": an alias cannot look like a version (v<number>).").arg(alias));
    if (alias.compare(QLatin1String("latest"), Qt::CaseInsensitive) == 0)
        return invalidParameter(tr("\"%1\" is reserved: the alias name \"latest\" (in any case) always means "
                                   "the newest version.")
                                    .arg(alias));
    return {};
}

Status checkVersionNumber(const QString &version)
{
    bool ok = false;
    const qint64 n = version.toLongLong(&ok);
    if (!ok || n < 1)
        return invalidParameter(
            tr("Invalid model version \"%1\": it must be a positive whole number.").arg(version));
    return {};
}

Error modelNotFound(const QString &name)
{
    Error e = notFound(tr("Registered model \"%1\" not found").arg(name));
    e.hint = tr("Check the name, or register the model first.");
    return e;
}

Error versionNotFound(const QString &name, const QString &version)
{
    return notFound(tr("Model version %2 of \"%1\" not found").arg(name, version));
}

// The models/<name> folder as listing reads it.
RegisteredModel readModelFolder(const QString &dir, const QString &folderName)
{
    RegisteredModel m;
    m.name = folderName;
    const YamlDoc doc = loadYaml(dir + QLatin1Char('/') + MetaFile);
    if (!doc.error.isEmpty()) {
        qCWarning(lcFileStore) << "registered model" << folderName << ": meta.yaml unreadable:" << doc.error;
    } else {
        bool ok = true;
        m.name = yamlText(doc.root, "name", folderName);
        m.creationTimestamp = yamlInt(doc.root, "creation_timestamp", &ok);
        m.lastUpdatedTimestamp = yamlInt(doc.root, "last_updated_timestamp", &ok);
        m.description = yamlText(doc.root, "description");
        try {
            const YAML::Node aliases = doc.root["aliases"];
            if (aliases && aliases.IsMap())
                for (const auto &kv : aliases)
                    m.aliases.insert(QString::fromStdString(kv.first.Scalar()),
                                     QString::fromStdString(kv.second.Scalar()));
        } catch (const YAML::Exception &) {
        }
    }
    for (const auto &[k, v] : readKeyValueFolder(dir + QStringLiteral("/tags"), QStringLiteral("tags")).items)
        m.tags << Tag{k, v};
    for (const auto &[alias, version] :
         readKeyValueFolder(dir + QStringLiteral("/aliases"), QStringLiteral("aliases")).items)
        m.aliases.insert(alias, version.trimmed());
    return m;
}

// One version-<n> folder; nullopt for MLflow's deleted marker (current_stage Deleted_Internal).
std::optional<ModelVersion> readVersionFolder(const QString &vdir, const QString &modelName,
                                              const QMap<QString, QStringList> &aliasesByVersion)
{
    ModelVersion v;
    v.name = modelName;
    v.version = QFileInfo(vdir).fileName().mid(8);
    const YamlDoc doc = loadYaml(vdir + QLatin1Char('/') + MetaFile);
    if (!doc.error.isEmpty()) {
        qCWarning(lcFileStore) << "model version" << modelName << v.version
                               << ": meta.yaml unreadable:" << doc.error;
    } else {
        const YAML::Node &y = doc.root;
        bool ok = true;
        v.name = yamlText(y, "name", modelName);
        v.version = yamlText(y, "version", v.version);
        v.creationTimestamp = yamlInt(y, "creation_timestamp", &ok);
        v.lastUpdatedTimestamp = yamlInt(y, "last_updated_timestamp", &ok);
        v.currentStage = yamlText(y, "current_stage");
        v.description = yamlText(y, "description");
        v.source = yamlText(y, "source");
        v.runId = yamlText(y, "run_id");
        v.status = yamlText(y, "status");
        try {
            const YAML::Node aliases = y["aliases"];
            if (aliases && aliases.IsSequence())
                for (const auto &a : aliases)
                    v.aliases << QString::fromStdString(a.Scalar());
        } catch (const YAML::Exception &) {
        }
    }
    if (v.currentStage == QLatin1String("Deleted_Internal"))
        return std::nullopt;
    for (const QString &a : aliasesByVersion.value(v.version))
        if (!v.aliases.contains(a))
            v.aliases << a;
    for (const auto &[k, val] :
         readKeyValueFolder(vdir + QStringLiteral("/tags"), QStringLiteral("tags")).items)
        v.tags << Tag{k, val};
    return v;
}

QMap<QString, QStringList> aliasesByVersion(const QString &modelDir)
{
    QMap<QString, QStringList> out;
    for (const auto &[alias, version] :
         readKeyValueFolder(modelDir + QStringLiteral("/aliases"), QStringLiteral("aliases")).items)
        out[version.trimmed()] << alias;
    return out;
}

// A registered model's meta.yaml as MLflow's FileStore writes it (keys sorted, tags in tags/).
// The aliases mapping is a block mapping, or {} when empty, as yaml.safe_dump writes a dict.
QByteArray modelMetaYaml(const RegisteredModel &m)
{
    YAML::Emitter out;
    out << YAML::BeginMap << YAML::Key << "aliases" << YAML::Value;
    if (m.aliases.isEmpty())
        out << YAML::Flow;
    out << YAML::BeginMap;
    for (auto it = m.aliases.cbegin(); it != m.aliases.cend(); ++it) {
        out << YAML::Key;
        emitString(out, it.key());
        out << YAML::Value;
        emitString(out, it.value());
    }
    out << YAML::EndMap;
    out << YAML::Key << "creation_timestamp" << YAML::Value << static_cast<long long>(m.creationTimestamp);
    out << YAML::Key << "description" << YAML::Value;
    emitString(out, m.description);
    out << YAML::Key << "last_updated_timestamp" << YAML::Value
        << static_cast<long long>(m.lastUpdatedTimestamp);
    out << YAML::Key << "name" << YAML::Value;
    emitString(out, m.name);
    out << YAML::EndMap;
    QByteArray bytes(out.c_str(), qsizetype(out.size()));
    bytes += '\n';
    return bytes;
}

// The fields MLflow 2.x writes for a model version, as in the MLflow 2.3.2 fixture store.
std::map<std::string, YamlValue> versionFields(const ModelVersion &v)
{
    auto orNull = [](const QString &s) -> YamlValue { return s.isEmpty() ? YamlValue{} : YamlValue{s}; };
    return {{"aliases", QStringList{}},
            {"creation_timestamp", v.creationTimestamp},
            {"current_stage", v.currentStage},
            {"description", v.description},
            {"last_updated_timestamp", v.lastUpdatedTimestamp},
            {"name", v.name},
            {"run_id", orNull(v.runId)},
            {"run_link", QString()},
            {"source", v.source},
            {"status", v.status},
            {"status_message", YamlValue{}},
            {"user_id", YamlValue{}},
            {"version", v.version.toLongLong()}};
}

Status checkRegistryTag(const QString &key, const QString &value)
{
    if (Status s = checkKey(tr("tag"), key); !s)
        return s;
    if (value.size() > 5000)
        return invalidParameter(
            tr("The value of tag \"%1\" is %2 characters long; the registry keeps at most 5000.")
                .arg(key)
                .arg(value.size()));
    return {};
}

} // namespace

QString MlflowFileStore::modelDir(const QString &name) const
{
    return m_root + QLatin1Char('/') + ModelsFolder + QLatin1Char('/') + name;
}

Result<QList<RegisteredModel>> MlflowFileStore::listRegisteredModels()
{
    QList<RegisteredModel> out;
    const QString modelsDir = m_root + QLatin1Char('/') + ModelsFolder;
    for (const QString &name : subdirs(modelsDir)) {
        // A folder no model can have (.something, a '%' in it) is not one: listing it would fail
        // every later call that takes the name.
        if (!checkModelName(name)) {
            qCWarning(lcFileStore) << "models/" << name << "is not a registered model folder; skipped";
            continue;
        }
        out << readModelFolder(modelsDir + QLatin1Char('/') + name, name);
    }
    return out;
}

Result<QList<ModelVersion>> MlflowFileStore::listModelVersions(const QString &modelName)
{
    if (Status s = checkModelName(modelName); !s)
        return s.error();
    const QString dir = modelDir(modelName);
    if (!QFileInfo(dir).isDir())
        return modelNotFound(modelName);
    const auto byVersion = aliasesByVersion(dir);
    QList<ModelVersion> out;
    for (const QString &sub : subdirs(dir)) {
        if (!sub.startsWith(QLatin1String("version-")))
            continue;
        if (auto v = readVersionFolder(dir + QLatin1Char('/') + sub, modelName, byVersion))
            out << *v;
    }
    std::sort(out.begin(), out.end(), [](const ModelVersion &a, const ModelVersion &b) {
        return a.version.toLongLong() < b.version.toLongLong();
    });
    return out;
}

Result<RegisteredModel> MlflowFileStore::getRegisteredModel(const QString &name)
{
    if (Status s = checkModelName(name); !s)
        return s.error();
    const QString dir = modelDir(name);
    if (!QFileInfo(dir).isDir())
        return modelNotFound(name);
    return readModelFolder(dir, name);
}

Status MlflowFileStore::touchRegisteredModel(const QString &name, qint64 updatedMs)
{
    const QString dir = modelDir(name);
    RegisteredModel m = readModelFolder(dir, name);
    m.lastUpdatedTimestamp = updatedMs;
    // MLflow reads aliases from aliases/ only; meta.yaml's copy follows it.
    m.aliases.clear();
    for (const auto &[alias, version] :
         readKeyValueFolder(dir + QStringLiteral("/aliases"), QStringLiteral("aliases")).items)
        m.aliases.insert(alias, version.trimmed());
    return writeFileAtomic(dir + QLatin1Char('/') + MetaFile, modelMetaYaml(m));
}

Result<RegisteredModel> MlflowFileStore::createRegisteredModel(const QString &name,
                                                               const QString &description,
                                                               const QList<Tag> &tags)
{
    if (Status s = checkModelName(name); !s)
        return s.error();
    for (const Tag &t : tags)
        if (Status s = checkRegistryTag(t.key, t.value); !s)
            return s.error();
    const QString modelsDir = m_root + QLatin1Char('/') + ModelsFolder;
    if (Status s = makeDir(modelsDir); !s)
        return s.error();
    const QString dir = modelDir(name);
    // mkdir fails when the folder exists: two writers cannot both create the same model.
    if (QFileInfo::exists(dir) || !QDir(modelsDir).mkdir(name)) {
        if (QFileInfo::exists(dir))
            return makeError(tr("A registered model named \"%1\" already exists").arg(name),
                             QStringLiteral("RESOURCE_ALREADY_EXISTS"));
        return writeError(dir, tr("the folder could not be created"));
    }
    RegisteredModel m;
    m.name = name;
    m.creationTimestamp = m.lastUpdatedTimestamp = nowMs();
    m.description = description;
    if (Status s = writeFileAtomic(dir + QLatin1Char('/') + MetaFile, modelMetaYaml(m)); !s)
        return s.error();
    for (const Tag &t : tags)
        if (Status s = writeFileAtomic(dir + QStringLiteral("/tags/") + t.key, t.value.toUtf8(), dir); !s)
            return s.error();
    return readModelFolder(dir, name);
}

Result<ModelVersion> MlflowFileStore::createModelVersion(const QString &modelName, const QString &source,
                                                         const QString &runId, const QString &description,
                                                         const QList<Tag> &tags)
{
    if (Status s = checkModelName(modelName); !s)
        return s.error();
    if (source.trimmed().isEmpty())
        return invalidParameter(tr("A model version needs a source (for example runs:/<run id>/model)."));
    if (!runId.isEmpty() && !validRunId(runId))
        return invalidParameter(tr("Invalid run id \"%1\"").arg(runId));
    for (const Tag &t : tags)
        if (Status s = checkRegistryTag(t.key, t.value); !s)
            return s.error();
    const QString dir = modelDir(modelName);
    if (!QFileInfo(dir).isDir())
        return modelNotFound(modelName);
    if (Status s = checkDirWritable(dir); !s)
        return s.error();

    // The next number after every version folder, deleted ones included, as MLflow counts. Two
    // writers may pick the same number: mkdir lets one win, and the other takes the next.
    constexpr int Attempts = 3;
    for (int attempt = 0; attempt < Attempts; ++attempt) {
        qint64 highest = 0;
        for (const QString &sub : subdirs(dir))
            if (sub.startsWith(QLatin1String("version-")))
                highest = std::max(highest, sub.mid(8).toLongLong());
        const QString version = QString::number(highest + 1);
        const QString folder = QStringLiteral("version-") + version;
        if (!QDir(dir).mkdir(folder))
            continue;
        const QString vdir = dir + QLatin1Char('/') + folder;
        ModelVersion v;
        v.name = modelName;
        v.version = version;
        v.creationTimestamp = v.lastUpdatedTimestamp = nowMs();
        v.currentStage = QStringLiteral("None");
        v.description = description;
        v.source = source;
        v.runId = runId;
        v.status = QStringLiteral("READY");
        if (Status s = writeFileAtomic(vdir + QLatin1Char('/') + MetaFile, emitYaml(versionFields(v))); !s)
            return s.error();
        for (const Tag &t : tags)
            if (Status s = writeFileAtomic(vdir + QStringLiteral("/tags/") + t.key, t.value.toUtf8(), vdir);
                !s)
                return s.error();
        if (Status s = touchRegisteredModel(modelName, v.creationTimestamp); !s)
            return s.error();
        v.tags = tags;
        return v;
    }
    return makeError(
        tr("Could not create a new version of \"%1\": other writers kept taking the next number. "
           "Try again.")
            .arg(modelName),
        QStringLiteral("RESOURCE_ALREADY_EXISTS"));
}

Result<ModelVersion> MlflowFileStore::getModelVersion(const QString &modelName, const QString &version)
{
    if (Status s = checkModelName(modelName); !s)
        return s.error();
    if (Status s = checkVersionNumber(version); !s)
        return s.error();
    const QString dir = modelDir(modelName);
    if (!QFileInfo(dir).isDir())
        return modelNotFound(modelName);
    const QString vdir = dir + QStringLiteral("/version-") + version;
    if (!QFileInfo(vdir).isDir())
        return versionNotFound(modelName, version);
    auto v = readVersionFolder(vdir, modelName, aliasesByVersion(dir));
    if (!v)
        return versionNotFound(modelName, version);
    return *v;
}

Status MlflowFileStore::setModelAlias(const QString &modelName, const QString &alias, const QString &version)
{
    if (Status s = checkModelName(modelName); !s)
        return s;
    if (Status s = checkAliasName(alias); !s)
        return s;
    if (auto v = getModelVersion(modelName, version); !v)
        return v.error();
    const QString dir = modelDir(modelName);
    if (Status s = writeFileAtomic(dir + QStringLiteral("/aliases/") + alias, version.toUtf8(), dir); !s)
        return s;
    return touchRegisteredModel(modelName, nowMs());
}

Status MlflowFileStore::deleteModelAlias(const QString &modelName, const QString &alias)
{
    if (Status s = checkModelName(modelName); !s)
        return s;
    if (Status s = checkAliasName(alias); !s)
        return s;
    const QString dir = modelDir(modelName);
    if (!QFileInfo(dir).isDir())
        return modelNotFound(modelName);
    const QString file = dir + QStringLiteral("/aliases/") + alias;
    // Deleting an alias that is not there is not an error, as in MLflow.
    if (!QFileInfo::exists(file))
        return {};
    if (!QFile::remove(file))
        return writeError(file, tr("the file could not be removed"));
    return touchRegisteredModel(modelName, nowMs());
}

Result<ModelVersion> MlflowFileStore::getModelVersionByAlias(const QString &modelName, const QString &alias)
{
    if (Status s = checkModelName(modelName); !s)
        return s.error();
    if (Status s = checkAliasName(alias); !s)
        return s.error();
    const QString dir = modelDir(modelName);
    if (!QFileInfo(dir).isDir())
        return modelNotFound(modelName);
    QByteArray bytes;
    QString err;
    if (!readWholeFile(dir + QStringLiteral("/aliases/") + alias, &bytes, &err))
        // MLflow answers INVALID_PARAMETER_VALUE here, not RESOURCE_DOES_NOT_EXIST.
        return invalidParameter(tr("Registered model \"%1\" has no alias \"%2\"").arg(modelName, alias));
    return getModelVersion(modelName, QString::fromUtf8(bytes).trimmed());
}

Status MlflowFileStore::setRegisteredModelTag(const QString &modelName, const QString &key,
                                              const QString &value)
{
    if (Status s = checkModelName(modelName); !s)
        return s;
    if (Status s = checkRegistryTag(key, value); !s)
        return s;
    const QString dir = modelDir(modelName);
    if (!QFileInfo(dir).isDir())
        return modelNotFound(modelName);
    if (Status s = writeFileAtomic(dir + QStringLiteral("/tags/") + key, value.toUtf8(), dir); !s)
        return s;
    return touchRegisteredModel(modelName, nowMs());
}

Status MlflowFileStore::setModelVersionTag(const QString &modelName, const QString &version,
                                           const QString &key, const QString &value)
{
    if (Status s = checkRegistryTag(key, value); !s)
        return s;
    if (auto v = getModelVersion(modelName, version); !v)
        return v.error();
    const QString vdir = modelDir(modelName) + QStringLiteral("/version-") + version;
    if (Status s = writeFileAtomic(vdir + QStringLiteral("/tags/") + key, value.toUtf8(), vdir); !s)
        return s;
    return touchRegisteredModel(modelName, nowMs());
}

} // namespace lab
