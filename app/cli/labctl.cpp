#include "labctl.h"

#include "tablewriter.h"

#include "compute/localrunner.h"
#include "project/labprofiles.h"
#include "project/mlproject.h"
#include "telemetry/nvmltelemetry.h"
#include "tracking/mlflowjson.h"
#include "tracking/runbundle.h"
#include "tracking/trackingstorefactory.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QProcess>
#include <QStandardPaths>
#include <QSysInfo>
#include <QTimer>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <set>

#include <unistd.h>
#include <wordexp.h>

#ifndef LABCONSOLE_VERSION
#define LABCONSOLE_VERSION "0.0.0"
#endif
#ifndef LABCONSOLE_INSTALL_BINDIR
#define LABCONSOLE_INSTALL_BINDIR "/usr/local/bin"
#endif

namespace lab {

namespace {

using Json = MlflowJson::Json;

const QString LogArtifact = QStringLiteral("logs/output.log");

QString formatDouble(double v)
{
    if (std::isnan(v))
        return QStringLiteral("NaN");
    if (std::isinf(v))
        return v > 0 ? QStringLiteral("Infinity") : QStringLiteral("-Infinity");
    return QString::number(v, 'g', QLocale::FloatingPointShortest);
}

QString formatTime(qint64 ms)
{
    if (ms <= 0)
        return {};
    return QDateTime::fromMSecsSinceEpoch(ms).toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
}

QString formatDuration(qint64 ms)
{
    if (ms < 0)
        return {};
    const qint64 s = ms / 1000;
    if (s < 60)
        return QStringLiteral("%1.%2s").arg(s).arg((ms % 1000) / 100);
    if (s < 3600)
        return QStringLiteral("%1m %2s").arg(s / 60).arg(s % 60, 2, 10, QLatin1Char('0'));
    return QStringLiteral("%1h %2m").arg(s / 3600).arg((s / 60) % 60, 2, 10, QLatin1Char('0'));
}

QString runDuration(const RunInfo &info)
{
    if (info.startTime <= 0)
        return {};
    if (info.endTime > 0)
        return formatDuration(info.endTime - info.startTime);
    if (info.status == RunStatus::Running)
        return formatDuration(QDateTime::currentMSecsSinceEpoch() - info.startTime);
    return {};
}

// Splits "key=value" at the first '='.
bool splitKeyValue(const QString &text, QString *key, QString *value)
{
    const qsizetype eq = text.indexOf(QLatin1Char('='));
    if (eq <= 0)
        return false;
    *key = text.left(eq).trimmed();
    *value = text.mid(eq + 1);
    return !key->isEmpty();
}

// --command "prog 'a b' c" split the way sh would split it (quotes, backslashes, $VAR), by
// libc's wordexp; command substitution is refused, so the string never runs anything itself.
Result<QStringList> splitCommandLine(const QString &text)
{
    wordexp_t words{};
    const int rc = ::wordexp(text.toLocal8Bit().constData(), &words, WRDE_NOCMD);
    if (rc != 0) {
        if (rc == WRDE_NOSPACE)
            ::wordfree(&words);
        QString why;
        switch (rc) {
        case WRDE_BADCHAR:
            why = LabCtl::tr(
                "it holds one of | & ; < > ( ) { } or a newline unquoted (wrap a pipeline in sh -c '...')");
            break;
        case WRDE_CMDSUB:
            why = LabCtl::tr("command substitution is not allowed");
            break;
        case WRDE_SYNTAX:
            why = LabCtl::tr("its quotes are unbalanced");
            break;
        default:
            why = LabCtl::tr("it cannot be split into words");
            break;
        }
        return makeError(LabCtl::tr("--command \"%1\": %2").arg(text, why),
                         QStringLiteral("INVALID_PARAMETER_VALUE"));
    }
    QStringList out;
    for (size_t i = 0; i < words.we_wordc; ++i)
        out << QString::fromLocal8Bit(words.we_wordv[i]);
    ::wordfree(&words);
    return out;
}

QString jsonText(const Json &j)
{
    return QString::fromUtf8(MlflowJson::dump(j, 2)) + QLatin1Char('\n');
}

std::string toStd(const QString &s)
{
    return s.toStdString();
}

bool jobEnded(JobState s)
{
    return s == JobState::Succeeded || s == JobState::Failed || s == JobState::Cancelled;
}

} // namespace

struct LabCtl::Globals
{
    QString profileName;
    QString trackingUri; // as given; resolved in openStore()
    Format format = Format::Table;
    std::optional<LabProfile> profile;
    QString resolvedUri;
};

LabCtl::LabCtl(QObject *parent) : QObject(parent), m_g(std::make_unique<Globals>()) {}

LabCtl::~LabCtl() = default;

QString LabCtl::usage()
{
    return tr(
        "Usage: labctl [--profile NAME] [--tracking-uri URI] [-o table|json|csv] COMMAND [ARGS]\n"
        "\n"
        "Runs and jobs of the lab from a terminal. JSON output uses MLflow's REST shapes.\n"
        "\n"
        "Commands:\n"
        "  experiments list                 List the experiments of the tracking store\n"
        "  runs list                        List runs (--experiment, --filter, --order-by, --max-results)\n"
        "  runs show RUN                    Show one run: info, parameters, metrics, tags\n"
        "  runs compare RUN RUN...          Parameters side by side; metric last, min and max\n"
        "  metrics get RUN KEY              The full history of one metric\n"
        "  launch                           Launch a run of lab-train, a command or an MLproject\n"
        "  logs RUN [--follow]              Print (and follow) a run's output\n"
        "  cancel RUN                       Stop a running job (SIGTERM, then SIGKILL); the run ends KILLED\n"
        "  gpus                             The workstation's GPUs and which job holds each\n"
        "  models list                      Registered models, their latest version and aliases\n"
        "  models show NAME                 A model's versions with their source run and aliases\n"
        "  models register RUN --name NAME  Register a run's model (runs:/RUN/model) as a new version\n"
        "  models alias NAME ALIAS VERSION  Point an alias at a version (--delete to remove it)\n"
        "  export RUN... -f FILE.labbundle  Write runs (histories, logs, model descriptor) to a bundle\n"
        "  import FILE.labbundle            Copy a bundle's runs into the tracking store (--experiment)\n"
        "\n"
        "Global options:\n"
        "  --profile NAME         Lab profile (default: local)\n"
        "  --tracking-uri URI     Tracking store: a folder, file:, http(s):// (an MLflow server; auth\n"
        "                         and TLS from MLFLOW_TRACKING_TOKEN, _USERNAME/_PASSWORD, ...) or a\n"
        "                         .labbundle (default: the profile's, else $MLFLOW_TRACKING_URI, else\n"
        "                         the local lab's store)\n"
        "  -o, --output FORMAT    table (default), json or csv\n"
        "  -h, --help             This help; 'labctl COMMAND --help' for a command's options\n"
        "  --version              Print the version\n"
        "\n"
        "RUN is a run id, a unique prefix of one, or a unique run name.\n"
        "Exit status: 0 success, 1 error, 2 usage error.\n");
}

QString LabCtl::findTrainer()
{
    const QString dir = QCoreApplication::applicationDirPath();
    const QStringList candidates = {dir + QStringLiteral("/lab-train"),
                                    dir + QStringLiteral("/../trainer/lab-train")};
    for (const QString &candidate : candidates) {
        const QFileInfo fi(candidate);
        if (fi.isFile() && fi.isExecutable())
            return QDir::cleanPath(fi.absoluteFilePath());
    }
    const QString onPath = QStandardPaths::findExecutable(QStringLiteral("lab-train"));
    if (!onPath.isEmpty())
        return onPath;
    const QFileInfo installed(QStringLiteral(LABCONSOLE_INSTALL_BINDIR "/lab-train"));
    return installed.isExecutable() ? installed.absoluteFilePath() : QString();
}

void LabCtl::out(const QString &text)
{
    outBytes(text.toUtf8());
}

void LabCtl::outBytes(const QByteArray &bytes)
{
    std::fwrite(bytes.constData(), 1, size_t(bytes.size()), stdout);
    std::fflush(stdout);
}

void LabCtl::err(const QString &text)
{
    const QByteArray b = text.toUtf8();
    std::fwrite(b.constData(), 1, size_t(b.size()), stderr);
    std::fflush(stderr);
}

int LabCtl::fail(const QString &message, int code)
{
    err(QStringLiteral("labctl: ") + message + QLatin1Char('\n'));
    return code;
}

int LabCtl::fail(const Error &error, int code)
{
    return fail(error.toString(), code);
}

int LabCtl::usageError(const QString &command, const QString &message)
{
    err(QStringLiteral("labctl: ") + message + QLatin1Char('\n') +
        tr("Try 'labctl %1--help'.").arg(command.isEmpty() ? QString() : command + QLatin1Char(' ')) +
        QLatin1Char('\n'));
    return UsageError;
}

int LabCtl::run(const QStringList &arguments)
{
    QStringList args = arguments.mid(1);
    // Global options before the command; the same options are accepted after it as well.
    qsizetype i = 0;
    auto takeValue = [&](const QString &arg, const QString &name, QString *value) -> int {
        if (arg.startsWith(name + QLatin1Char('='))) {
            *value = arg.mid(name.size() + 1);
            return 1;
        }
        if (arg == name) {
            if (i + 1 >= args.size())
                return -1;
            *value = args[++i];
            return 1;
        }
        return 0;
    };
    for (; i < args.size() && args[i].startsWith(QLatin1Char('-')); ++i) {
        const QString &a = args[i];
        if (a == QLatin1String("-h") || a == QLatin1String("--help")) {
            out(usage());
            return Success;
        }
        if (a == QLatin1String("--version") || a == QLatin1String("-V")) {
            out(QStringLiteral("labctl %1\n").arg(QLatin1String(LABCONSOLE_VERSION)));
            return Success;
        }
        QString value;
        int r = takeValue(a, QStringLiteral("--profile"), &value);
        if (r > 0) {
            m_g->profileName = value;
            continue;
        }
        if (r == 0 && (r = takeValue(a, QStringLiteral("--tracking-uri"), &value)) > 0) {
            m_g->trackingUri = value;
            continue;
        }
        if (r == 0 && ((r = takeValue(a, QStringLiteral("--output"), &value)) > 0 ||
                       (r == 0 && (r = takeValue(a, QStringLiteral("-o"), &value)) > 0))) {
            if (value == QLatin1String("table"))
                m_g->format = Format::Table;
            else if (value == QLatin1String("json"))
                m_g->format = Format::Json;
            else if (value == QLatin1String("csv"))
                m_g->format = Format::Csv;
            else
                return usageError({}, tr("unknown output format '%1' (use table, json or csv)").arg(value));
            continue;
        }
        if (r < 0)
            return usageError({}, tr("option '%1' needs a value").arg(a));
        return usageError({}, tr("unknown option '%1'").arg(a));
    }
    if (i >= args.size()) {
        err(usage());
        return UsageError;
    }
    const QString command = args[i];
    const QStringList rest = args.mid(i + 1);
    if (command == QLatin1String("help")) {
        if (!rest.isEmpty())
            return dispatch(rest.first(), rest.mid(1) + QStringList{QStringLiteral("--help")});
        out(usage());
        return Success;
    }
    return dispatch(command, rest);
}

int LabCtl::dispatch(const QString &command, const QStringList &rest)
{
    struct Sub
    {
        const char *name;
        int (LabCtl::*fn)(const QStringList &);
    };
    auto group = [&](const QString &name, std::initializer_list<Sub> subs) -> int {
        QStringList names;
        for (const Sub &s : subs)
            names << QLatin1String(s.name);
        if (rest.isEmpty() || rest.first().startsWith(QLatin1Char('-'))) {
            if (rest.contains(QStringLiteral("--help")) || rest.contains(QStringLiteral("-h"))) {
                out(tr("Usage: labctl %1 {%2} [options]\n").arg(name, names.join(QLatin1Char('|'))));
                return Success;
            }
            return usageError(name,
                              tr("'%1' needs a subcommand: %2").arg(name, names.join(QStringLiteral(", "))));
        }
        for (const Sub &s : subs)
            if (rest.first() == QLatin1String(s.name))
                return (this->*s.fn)(rest.mid(1));
        return usageError(name, tr("unknown subcommand '%1 %2' (use %3)")
                                    .arg(name, rest.first(), names.join(QStringLiteral(", "))));
    };
    if (command == QLatin1String("experiments"))
        return group(command, {{"list", &LabCtl::experimentsList}});
    if (command == QLatin1String("runs"))
        return group(
            command,
            {{"list", &LabCtl::runsList}, {"show", &LabCtl::runsShow}, {"compare", &LabCtl::runsCompare}});
    if (command == QLatin1String("metrics"))
        return group(command, {{"get", &LabCtl::metricsGet}});
    if (command == QLatin1String("launch"))
        return launch(rest);
    if (command == QLatin1String("logs"))
        return logs(rest);
    if (command == QLatin1String("cancel"))
        return cancel(rest);
    if (command == QLatin1String("gpus"))
        return gpus(rest);
    if (command == QLatin1String("models"))
        return group(command, {{"list", &LabCtl::modelsList},
                               {"show", &LabCtl::modelsShow},
                               {"register", &LabCtl::modelsRegister},
                               {"alias", &LabCtl::modelsAlias}});
    if (command == QLatin1String("export"))
        return exportRuns(rest);
    if (command == QLatin1String("import"))
        return importBundle(rest);
    return usageError({}, tr("unknown command '%1'").arg(command));
}

int LabCtl::parse(QCommandLineParser &parser, const QString &command, const QString &syntax,
                  const QStringList &args)
{
    const QCommandLineOption help({QStringLiteral("h"), QStringLiteral("help")}, tr("Show this help."));
    const QCommandLineOption profile(QStringLiteral("profile"), tr("Lab profile."), tr("NAME"));
    const QCommandLineOption uri(QStringLiteral("tracking-uri"), tr("Tracking store URI."), tr("URI"));
    const QCommandLineOption output({QStringLiteral("o"), QStringLiteral("output")},
                                    tr("table, json or csv."), tr("FORMAT"));
    parser.addOptions({help, profile, uri, output});
    parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsCompactedShortOptions);
    if (!parser.parse(QStringList{QStringLiteral("labctl")} + args))
        return usageError(command, parser.errorText());
    if (parser.isSet(help)) {
        QString text = parser.helpText();
        // Qt's first line names the binary's path; name the subcommand instead.
        const qsizetype nl = text.indexOf(QLatin1Char('\n'));
        text = tr("Usage: labctl %1 [options] %2").arg(command, syntax).trimmed() + text.mid(nl);
        out(text);
        return Success;
    }
    if (parser.isSet(profile))
        m_g->profileName = parser.value(profile);
    if (parser.isSet(uri))
        m_g->trackingUri = parser.value(uri);
    if (parser.isSet(output)) {
        const QString v = parser.value(output);
        if (v == QLatin1String("table"))
            m_g->format = Format::Table;
        else if (v == QLatin1String("json"))
            m_g->format = Format::Json;
        else if (v == QLatin1String("csv"))
            m_g->format = Format::Csv;
        else
            return usageError(command, tr("unknown output format '%1' (use table, json or csv)").arg(v));
    }
    return -1;
}

Status LabCtl::applyProfile()
{
    if (m_g->profile)
        return {};
    const QString name = m_g->profileName.isEmpty() ? LabProfiles::defaultName() : m_g->profileName;
    auto found = LabProfiles::find(name);
    if (!found.ok())
        return found.error();
    m_g->profile = found.value();
    return {};
}

Status LabCtl::openStore()
{
    if (m_store)
        return {};
    if (Status s = applyProfile(); !s.ok())
        return s;
    // An explicit --tracking-uri wins; a profile named on the command line comes next, since
    // naming it is more deliberate than an exported variable; then $MLFLOW_TRACKING_URI.
    QString explicitUri = m_g->trackingUri;
    if (explicitUri.isEmpty() && !m_g->profileName.isEmpty())
        explicitUri = m_g->profile->tracking.uri;
    m_g->resolvedUri = resolveTrackingUri(explicitUri);
    auto opened = openTrackingStore(m_g->resolvedUri);
    if (!opened.ok())
        return opened.error();
    m_store = std::move(opened.value());
    m_g->resolvedUri = m_store->uri();
    return {};
}

Result<QString> LabCtl::resolveExperimentId(const QString &nameOrId)
{
    auto byName = m_store->getExperimentByName(nameOrId);
    if (byName.ok() && byName.value().has_value())
        return byName.value()->id;
    if (!byName.ok() && byName.error().code != QLatin1String("RESOURCE_DOES_NOT_EXIST"))
        return byName.error(); // the server's own answer (credentials, not MLflow, unreachable)
    auto byId = m_store->getExperiment(nameOrId);
    if (byId.ok())
        return byId->id;
    return makeError(tr("experiment '%1' not found in %2").arg(nameOrId, m_store->uri()),
                     QStringLiteral("RESOURCE_DOES_NOT_EXIST"));
}

Result<Run> LabCtl::resolveRun(const QString &idOrName)
{
    auto direct = m_store->getRun(idOrName);
    if (direct.ok())
        return direct;
    // Only "no such run" is worth a search by prefix or name; a rejected token, a server that is
    // not MLflow or a network failure is the answer the user needs, in the server's words.
    const QString code = direct.error().code;
    if (code != QLatin1String("RESOURCE_DOES_NOT_EXIST") && code != QLatin1String("INVALID_PARAMETER_VALUE"))
        return direct.error();
    // A unique id prefix or run name, as people type them from `runs list`.
    auto experiments = m_store->listExperiments(ViewType::All);
    if (!experiments.ok())
        return experiments.error();
    QList<Run> matches;
    if (!idOrName.isEmpty() && !experiments->isEmpty()) {
        RunSearch search;
        for (const Experiment &e : experiments.value())
            search.experimentIds << e.id;
        search.viewType = ViewType::All;
        search.maxResults = 50000;
        auto page = m_store->searchRuns(search);
        if (!page.ok())
            return page.error();
        for (const Run &r : page->runs)
            if (r.info.runId.startsWith(idOrName) && idOrName.size() >= 4)
                matches.append(r);
        if (matches.isEmpty())
            for (const Run &r : page->runs)
                if (r.info.runName == idOrName)
                    matches.append(r);
    }
    if (matches.size() == 1)
        return matches.first();
    if (matches.size() > 1) {
        QStringList ids;
        for (const Run &r : matches)
            ids << r.info.runId;
        return makeError(tr("'%1' matches %2 runs (%3); give the run id")
                             .arg(idOrName)
                             .arg(matches.size())
                             .arg(ids.join(QStringLiteral(", "))),
                         QStringLiteral("AMBIGUOUS"));
    }
    return makeError(tr("run '%1' not found in %2").arg(idOrName, m_store->uri()),
                     QStringLiteral("RESOURCE_DOES_NOT_EXIST"));
}

// ---- experiments list --------------------------------------------------------------------

int LabCtl::experimentsList(const QStringList &args)
{
    QCommandLineParser p;
    const QCommandLineOption all(QStringLiteral("all"), tr("Include deleted experiments."));
    p.addOption(all);
    p.setApplicationDescription(tr("Lists the experiments of the tracking store."));
    if (int r = parse(p, QStringLiteral("experiments list"), {}, args); r >= 0)
        return r;
    if (!p.positionalArguments().isEmpty())
        return usageError(QStringLiteral("experiments list"),
                          tr("unexpected argument '%1'").arg(p.positionalArguments().first()));
    if (Status s = openStore(); !s.ok())
        return fail(s.error());
    auto exps = m_store->listExperiments(p.isSet(all) ? ViewType::All : ViewType::ActiveOnly);
    if (!exps.ok())
        return fail(exps.error());
    if (m_g->format == Format::Json) {
        Json arr = Json::array();
        for (const Experiment &e : exps.value())
            arr.push_back(MlflowJson::toJson(e));
        out(jsonText(Json{{"experiments", arr}}));
        return Success;
    }
    TableWriter t({QStringLiteral("experiment_id"), QStringLiteral("name"), QStringLiteral("lifecycle_stage"),
                   QStringLiteral("artifact_location")});
    for (const Experiment &e : exps.value()) {
        t.addRow({e.id, e.name, lifecycleStageName(e.lifecycleStage), e.artifactLocation});
        for (const QString &w : e.warnings)
            err(tr("labctl: warning: experiment %1: %2\n").arg(e.id, w));
    }
    out(m_g->format == Format::Csv ? t.toCsv() : t.toTable());
    return Success;
}

// ---- runs list ---------------------------------------------------------------------------

int LabCtl::runsList(const QStringList &args)
{
    const QString cmd = QStringLiteral("runs list");
    QCommandLineParser p;
    p.setApplicationDescription(tr("Lists runs, newest first unless --order-by says otherwise."));
    const QCommandLineOption experiment(
        {QStringLiteral("e"), QStringLiteral("experiment")},
        tr("Experiment name or id (repeatable; default: every active experiment)."), tr("NAME|ID"));
    const QCommandLineOption filter(
        {QStringLiteral("f"), QStringLiteral("filter")},
        tr("MLflow search filter, e.g. \"metrics.val_accuracy > 0.9 and params.lr = '0.01'\"."), tr("EXPR"));
    const QCommandLineOption orderBy(QStringLiteral("order-by"),
                                     tr("Order, e.g. \"metrics.val_loss ASC\" (repeatable)."), tr("EXPR"));
    const QCommandLineOption maxResults(QStringLiteral("max-results"), tr("At most N runs (default 1000)."),
                                        tr("N"));
    const QCommandLineOption pageToken(QStringLiteral("page-token"), tr("Continue after a previous page."),
                                       tr("TOKEN"));
    const QCommandLineOption all(QStringLiteral("all"), tr("Include deleted runs."));
    p.addOptions({experiment, filter, orderBy, maxResults, pageToken, all});
    if (int r = parse(p, cmd, {}, args); r >= 0)
        return r;
    if (!p.positionalArguments().isEmpty())
        return usageError(cmd, tr("unexpected argument '%1'").arg(p.positionalArguments().first()));
    RunSearch search;
    if (p.isSet(maxResults)) {
        bool ok = false;
        search.maxResults = p.value(maxResults).toInt(&ok);
        if (!ok || search.maxResults <= 0)
            return usageError(cmd,
                              tr("--max-results needs a positive number, not '%1'").arg(p.value(maxResults)));
    }
    if (Status s = openStore(); !s.ok())
        return fail(s.error());

    QHash<QString, QString> experimentNames;
    auto exps = m_store->listExperiments(ViewType::All);
    if (!exps.ok())
        return fail(exps.error());
    for (const Experiment &e : exps.value())
        experimentNames.insert(e.id, e.name);
    if (p.isSet(experiment)) {
        for (const QString &e : p.values(experiment)) {
            auto id = resolveExperimentId(e);
            if (!id.ok())
                return fail(id.error());
            search.experimentIds << id.value();
        }
    } else {
        for (const Experiment &e : exps.value())
            if (e.lifecycleStage == LifecycleStage::Active)
                search.experimentIds << e.id;
    }
    search.filter = p.value(filter);
    search.orderBy = p.values(orderBy);
    search.pageToken = p.value(pageToken);
    search.viewType = p.isSet(all) ? ViewType::All : ViewType::ActiveOnly;

    RunPage page;
    if (!search.experimentIds.isEmpty()) {
        auto found = m_store->searchRuns(search);
        if (!found.ok())
            return fail(found.error());
        page = found.value();
    }
    for (const Run &r : std::as_const(page.runs))
        for (const QString &w : r.warnings)
            err(tr("labctl: warning: run %1: %2\n").arg(r.info.runId, w));

    if (m_g->format == Format::Json) {
        Json arr = Json::array();
        for (const Run &r : std::as_const(page.runs))
            arr.push_back(MlflowJson::toJson(r));
        Json doc{{"runs", arr}};
        if (!page.nextPageToken.isEmpty())
            doc["next_page_token"] = toStd(page.nextPageToken);
        out(jsonText(doc));
        return Success;
    }
    // Latest value of every metric as a column, in key order, as MLflow's search_runs frame has them.
    std::set<QString> metricKeys, paramKeys;
    for (const Run &r : std::as_const(page.runs)) {
        for (const MetricPoint &m : r.metrics)
            metricKeys.insert(m.key);
        for (const Param &pa : r.params)
            paramKeys.insert(pa.key);
    }
    if (m_g->format == Format::Csv) {
        QStringList header = {QStringLiteral("run_id"),        QStringLiteral("run_name"),
                              QStringLiteral("experiment_id"), QStringLiteral("status"),
                              QStringLiteral("start_time"),    QStringLiteral("end_time"),
                              QStringLiteral("user_id")};
        for (const QString &k : metricKeys)
            header << QStringLiteral("metrics.") + k;
        for (const QString &k : paramKeys)
            header << QStringLiteral("params.") + k;
        TableWriter t(header);
        for (const Run &r : std::as_const(page.runs)) {
            QStringList row = {r.info.runId,
                               r.info.runName,
                               r.info.experimentId,
                               runStatusName(r.info.status),
                               QString::number(r.info.startTime),
                               r.info.endTime > 0 ? QString::number(r.info.endTime) : QString(),
                               r.info.userId};
            for (const QString &k : metricKeys) {
                const MetricPoint *m = r.metric(k);
                row << (m ? formatDouble(m->value) : QString());
            }
            for (const QString &k : paramKeys)
                row << r.param(k);
            t.addRow(row);
        }
        out(t.toCsv());
        if (!page.nextPageToken.isEmpty())
            err(tr("labctl: more runs follow; continue with --page-token %1\n").arg(page.nextPageToken));
        return Success;
    }
    QStringList header = {QStringLiteral("RUN ID"), QStringLiteral("NAME"),    QStringLiteral("EXPERIMENT"),
                          QStringLiteral("STATUS"), QStringLiteral("STARTED"), QStringLiteral("DURATION")};
    for (const QString &k : metricKeys)
        header << k;
    TableWriter t(header);
    for (const Run &r : std::as_const(page.runs)) {
        QStringList row = {r.info.runId,
                           r.info.runName,
                           experimentNames.value(r.info.experimentId, r.info.experimentId),
                           runStatusName(r.info.status),
                           formatTime(r.info.startTime),
                           runDuration(r.info)};
        for (const QString &k : metricKeys) {
            const MetricPoint *m = r.metric(k);
            row << (m ? formatDouble(m->value) : QString());
        }
        t.addRow(row);
    }
    out(t.toTable());
    if (!page.nextPageToken.isEmpty())
        err(tr("labctl: more runs follow; continue with --page-token %1\n").arg(page.nextPageToken));
    return Success;
}

// ---- runs show ---------------------------------------------------------------------------

int LabCtl::runsShow(const QStringList &args)
{
    const QString cmd = QStringLiteral("runs show");
    QCommandLineParser p;
    p.setApplicationDescription(tr("Shows one run: its info, parameters, latest metrics and tags."));
    p.addPositionalArgument(QStringLiteral("RUN"), tr("Run id, unique id prefix or unique run name."));
    if (int r = parse(p, cmd, QStringLiteral("RUN"), args); r >= 0)
        return r;
    if (p.positionalArguments().size() != 1)
        return usageError(cmd, tr("give exactly one RUN"));
    if (Status s = openStore(); !s.ok())
        return fail(s.error());
    auto run = resolveRun(p.positionalArguments().first());
    if (!run.ok())
        return fail(run.error());
    const Run &r = run.value();
    for (const QString &w : r.warnings)
        err(tr("labctl: warning: %1\n").arg(w));
    if (m_g->format == Format::Json) {
        out(jsonText(Json{{"run", MlflowJson::toJson(r)}}));
        return Success;
    }
    const QList<QPair<QString, QString>> info = {
        {QStringLiteral("run_id"), r.info.runId},
        {QStringLiteral("run_name"), r.info.runName},
        {QStringLiteral("experiment_id"), r.info.experimentId},
        {QStringLiteral("status"), runStatusName(r.info.status)},
        {QStringLiteral("start_time"),
         m_g->format == Format::Csv ? QString::number(r.info.startTime) : formatTime(r.info.startTime)},
        {QStringLiteral("end_time"), m_g->format == Format::Csv
                                         ? (r.info.endTime > 0 ? QString::number(r.info.endTime) : QString())
                                         : formatTime(r.info.endTime)},
        {QStringLiteral("duration"), runDuration(r.info)},
        {QStringLiteral("user_id"), r.info.userId},
        {QStringLiteral("artifact_uri"), r.info.artifactUri},
        {QStringLiteral("lifecycle_stage"), lifecycleStageName(r.info.lifecycleStage)},
    };
    if (m_g->format == Format::Csv) {
        TableWriter t({QStringLiteral("section"), QStringLiteral("key"), QStringLiteral("value"),
                       QStringLiteral("step"), QStringLiteral("timestamp")});
        for (const auto &[k, v] : info)
            t.addRow({QStringLiteral("info"), k, v});
        for (const Param &pa : r.params)
            t.addRow({QStringLiteral("params"), pa.key, pa.value});
        for (const MetricPoint &m : r.metrics)
            t.addRow({QStringLiteral("metrics"), m.key, formatDouble(m.value), QString::number(m.step),
                      QString::number(m.timestamp)});
        for (const Tag &tg : r.tags)
            t.addRow({QStringLiteral("tags"), tg.key, tg.value});
        out(t.toCsv());
        return Success;
    }
    QString text;
    TableWriter infoTable;
    for (const auto &[k, v] : info)
        infoTable.addRow({k + QLatin1Char(':'), v});
    text += infoTable.toTable();
    auto section = [&](const QString &title, const TableWriter &t) {
        text += QLatin1Char('\n') + title + QLatin1Char('\n');
        if (t.rowCount() == 0)
            text += tr("  (none)\n");
        else
            for (const QString &line : t.toTable().split(QLatin1Char('\n'), Qt::SkipEmptyParts))
                text += QStringLiteral("  ") + line + QLatin1Char('\n');
    };
    TableWriter params;
    for (const Param &pa : r.params)
        params.addRow({pa.key, pa.value});
    section(tr("Parameters:"), params);
    TableWriter metrics(
        {QStringLiteral("KEY"), QStringLiteral("VALUE"), QStringLiteral("STEP"), QStringLiteral("TIME")});
    for (const MetricPoint &m : r.metrics)
        metrics.addRow({m.key, formatDouble(m.value), QString::number(m.step), formatTime(m.timestamp)});
    section(tr("Metrics (latest):"), metrics);
    TableWriter tagTable;
    for (const Tag &tg : r.tags)
        tagTable.addRow({tg.key, tg.value});
    section(tr("Tags:"), tagTable);
    out(text);
    return Success;
}

// ---- runs compare ------------------------------------------------------------------------

int LabCtl::runsCompare(const QStringList &args)
{
    const QString cmd = QStringLiteral("runs compare");
    QCommandLineParser p;
    p.setApplicationDescription(
        tr("Compares runs: parameters side by side, and each metric's last, min and max."));
    p.addPositionalArgument(QStringLiteral("RUN"),
                            tr("Two or more runs (id, unique id prefix or unique name)."),
                            QStringLiteral("RUN RUN..."));
    const QCommandLineOption diff(QStringLiteral("diff"), tr("Only the parameters that differ."));
    p.addOption(diff);
    if (int r = parse(p, cmd, QStringLiteral("RUN RUN..."), args); r >= 0)
        return r;
    if (p.positionalArguments().size() < 2)
        return usageError(cmd, tr("give at least two runs to compare"));
    if (Status s = openStore(); !s.ok())
        return fail(s.error());
    QList<Run> runs;
    for (const QString &id : p.positionalArguments()) {
        auto run = resolveRun(id);
        if (!run.ok())
            return fail(run.error());
        runs.append(run.value());
    }
    struct Summary
    {
        double last = std::nan("");
        double min = std::nan("");
        double max = std::nan("");
        qint64 lastStep = 0;
        qsizetype count = 0;
        bool present = false;
    };
    std::set<QString> paramKeys, metricKeys;
    for (const Run &r : std::as_const(runs)) {
        for (const Param &pa : r.params)
            paramKeys.insert(pa.key);
        for (const MetricPoint &m : r.metrics)
            metricKeys.insert(m.key);
    }
    QHash<QString, Summary> summaries; // runId + '\n' + key
    for (const Run &r : std::as_const(runs)) {
        for (const QString &key : metricKeys) {
            const MetricPoint *latest = r.metric(key);
            if (!latest)
                continue;
            Summary s;
            s.present = true;
            s.last = latest->value;
            s.lastStep = latest->step;
            auto history = m_store->getMetricHistory(r.info.runId, key);
            if (!history.ok())
                return fail(history.error());
            s.count = history->size();
            for (const MetricPoint &m : history.value()) {
                if (std::isnan(m.value))
                    continue;
                if (std::isnan(s.min) || m.value < s.min)
                    s.min = m.value;
                if (std::isnan(s.max) || m.value > s.max)
                    s.max = m.value;
            }
            summaries.insert(r.info.runId + QLatin1Char('\n') + key, s);
        }
    }

    if (m_g->format == Format::Json) {
        Json runArr = Json::array();
        Json sumArr = Json::array();
        for (const Run &r : std::as_const(runs)) {
            runArr.push_back(MlflowJson::toJson(r));
            for (const QString &key : metricKeys) {
                const auto it = summaries.constFind(r.info.runId + QLatin1Char('\n') + key);
                if (it == summaries.constEnd())
                    continue;
                sumArr.push_back(Json{{"run_id", toStd(r.info.runId)},
                                      {"key", toStd(key)},
                                      {"last", MlflowJson::doubleToJson(it->last)},
                                      {"last_step", it->lastStep},
                                      {"min", MlflowJson::doubleToJson(it->min)},
                                      {"max", MlflowJson::doubleToJson(it->max)},
                                      {"count", qint64(it->count)}});
            }
        }
        out(jsonText(Json{{"runs", runArr}, {"metric_summaries", sumArr}}));
        return Success;
    }
    QStringList header = {m_g->format == Format::Csv ? QStringLiteral("field") : QString()};
    for (const Run &r : std::as_const(runs))
        header << (m_g->format == Format::Csv
                       ? r.info.runId
                       : (r.info.runName.isEmpty() ? r.info.runId.left(8) : r.info.runName));
    TableWriter t(header);
    auto row = [&](const QString &label, const std::function<QString(const Run &)> &cell) {
        QStringList cells = {label};
        for (const Run &r : std::as_const(runs))
            cells << cell(r);
        t.addRow(cells);
    };
    if (m_g->format == Format::Csv)
        row(QStringLiteral("run_name"), [](const Run &r) { return r.info.runName; });
    else
        row(QStringLiteral("run_id"), [](const Run &r) { return r.info.runId; });
    row(QStringLiteral("status"), [](const Run &r) { return runStatusName(r.info.status); });
    for (const QString &key : paramKeys) {
        QSet<QString> values;
        for (const Run &r : std::as_const(runs))
            values.insert(r.param(key, QStringLiteral("\x01")));
        if (p.isSet(diff) && values.size() < 2)
            continue;
        row(QStringLiteral("params.") + key, [&](const Run &r) { return r.param(key); });
    }
    for (const QString &key : metricKeys) {
        for (const char *stat : {"last", "min", "max"}) {
            row(QStringLiteral("metrics.%1.%2").arg(key, QLatin1String(stat)), [&](const Run &r) {
                const auto it = summaries.constFind(r.info.runId + QLatin1Char('\n') + key);
                if (it == summaries.constEnd())
                    return QString();
                const double v = qstrcmp(stat, "last") == 0  ? it->last
                                 : qstrcmp(stat, "min") == 0 ? it->min
                                                             : it->max;
                return formatDouble(v);
            });
        }
    }
    out(m_g->format == Format::Csv ? t.toCsv() : t.toTable());
    return Success;
}

// ---- metrics get -------------------------------------------------------------------------

int LabCtl::metricsGet(const QStringList &args)
{
    const QString cmd = QStringLiteral("metrics get");
    QCommandLineParser p;
    p.setApplicationDescription(tr("Prints the full history of one metric of a run."));
    p.addPositionalArgument(QStringLiteral("RUN"), tr("Run id, unique id prefix or unique run name."));
    p.addPositionalArgument(QStringLiteral("KEY"), tr("Metric key, e.g. val_accuracy."));
    if (int r = parse(p, cmd, QStringLiteral("RUN KEY"), args); r >= 0)
        return r;
    if (p.positionalArguments().size() != 2)
        return usageError(cmd, tr("give a RUN and a metric KEY"));
    if (Status s = openStore(); !s.ok())
        return fail(s.error());
    auto run = resolveRun(p.positionalArguments().at(0));
    if (!run.ok())
        return fail(run.error());
    const QString key = p.positionalArguments().at(1);
    auto history = m_store->getMetricHistory(run->info.runId, key);
    if (!history.ok())
        return fail(history.error());
    if (history->isEmpty() && !run->metric(key)) {
        QStringList keys;
        for (const MetricPoint &m : run->metrics)
            keys << m.key;
        return fail(
            tr("run '%1' has no metric '%2' (it has: %3)")
                .arg(run->info.runId, key, keys.isEmpty() ? tr("none") : keys.join(QStringLiteral(", "))));
    }
    if (m_g->format == Format::Json) {
        out(jsonText(MlflowJson::metricHistoryToJson(history.value())));
        return Success;
    }
    TableWriter t(
        m_g->format == Format::Csv
            ? QStringList{QStringLiteral("step"), QStringLiteral("timestamp"), QStringLiteral("value")}
            : QStringList{QStringLiteral("STEP"), QStringLiteral("TIME"), QStringLiteral("VALUE")});
    for (const MetricPoint &m : history.value())
        t.addRow({QString::number(m.step),
                  m_g->format == Format::Csv ? QString::number(m.timestamp) : formatTime(m.timestamp),
                  formatDouble(m.value)});
    out(m_g->format == Format::Csv ? t.toCsv() : t.toTable());
    return Success;
}

// ---- launch ------------------------------------------------------------------------------

int LabCtl::launch(const QStringList &args)
{
    const QString cmd = QStringLiteral("launch");
    QCommandLineParser p;
    p.setApplicationDescription(tr(
        "Launches a run on the local lab: the bundled trainer lab-train unless --command or --mlproject is "
        "given. Parameters become --kebab-case=value arguments (or fill the MLproject command). With "
        "--sweep, "
        "one child run per combination is queued under a parent run."));
    const QCommandLineOption experiment({QStringLiteral("e"), QStringLiteral("experiment")},
                                        tr("Experiment name or id (created when missing; default: Default)."),
                                        tr("NAME"));
    const QCommandLineOption name({QStringLiteral("n"), QStringLiteral("name")}, tr("Run name."), tr("NAME"));
    const QCommandLineOption param({QStringLiteral("p"), QStringLiteral("param")},
                                   tr("A parameter (repeatable)."), tr("KEY=VALUE"));
    const QCommandLineOption sweep(QStringLiteral("sweep"),
                                   tr("Sweep a parameter over values (repeatable; a grid)."),
                                   tr("KEY=V1,V2,..."));
    const QCommandLineOption gpus(QStringLiteral("gpus"), tr("GPUs per run (default 0)."), tr("N"));
    const QCommandLineOption command(
        QStringLiteral("command"),
        tr("Run this command line instead of lab-train (split as sh would: quotes, $VAR)."),
        tr("\"PROGRAM ARGS\""));
    const QCommandLineOption mlproject(QStringLiteral("mlproject"),
                                       tr("Run an MLproject entry point from DIR."), tr("DIR"));
    const QCommandLineOption entryPoint(QStringLiteral("entry-point"),
                                        tr("MLproject entry point (default: main)."), tr("NAME"),
                                        QStringLiteral("main"));
    const QCommandLineOption env(QStringLiteral("env"),
                                 tr("An environment variable for the job (repeatable)."), tr("KEY=VALUE"));
    const QCommandLineOption wait(QStringLiteral("wait"),
                                  tr("Wait for the run(s) to end; exit 1 unless all FINISHED."));
    const QCommandLineOption follow(QStringLiteral("follow"),
                                    tr("Stream the output to stdout until the run(s) end."));
    p.addOptions({experiment, name, param, sweep, gpus, command, mlproject, entryPoint, env, wait, follow});
    if (int r = parse(p, cmd, {}, args); r >= 0)
        return r;
    if (!p.positionalArguments().isEmpty())
        return usageError(cmd, tr("unexpected argument '%1' (quote a command: --command \"prog args\")")
                                   .arg(p.positionalArguments().first()));
    if (p.isSet(command) && p.isSet(mlproject))
        return usageError(cmd, tr("give either --command or --mlproject, not both"));

    JobSpec spec;
    spec.runName = p.value(name);
    for (const QString &kv : p.values(param)) {
        QString k, v;
        if (!splitKeyValue(kv, &k, &v))
            return usageError(cmd, tr("--param needs KEY=VALUE, not '%1'").arg(kv));
        spec.params.append({k, v});
    }
    for (const QString &kv : p.values(env)) {
        QString k, v;
        if (!splitKeyValue(kv, &k, &v))
            return usageError(cmd, tr("--env needs KEY=VALUE, not '%1'").arg(kv));
        spec.env.insert(k, v);
    }
    QList<QPair<QString, QStringList>> axes;
    for (const QString &kv : p.values(sweep)) {
        QString k, v;
        if (!splitKeyValue(kv, &k, &v))
            return usageError(cmd, tr("--sweep needs KEY=V1,V2,..., not '%1'").arg(kv));
        const QStringList values = v.split(QLatin1Char(','), Qt::SkipEmptyParts);
        if (values.isEmpty())
            return usageError(cmd, tr("--sweep %1 has no values").arg(k));
        axes.append({k, values});
    }
    if (p.isSet(gpus)) {
        bool ok = false;
        spec.gpus = p.value(gpus).toInt(&ok);
        if (!ok || spec.gpus < 0)
            return usageError(cmd, tr("--gpus needs a number of GPUs, not '%1'").arg(p.value(gpus)));
    }
    if (p.isSet(command)) {
        auto words = splitCommandLine(p.value(command));
        if (!words.ok())
            return usageError(cmd, words.error().message);
        spec.command = words.value();
        if (spec.command.isEmpty())
            return usageError(cmd, tr("--command is empty"));
    }
    if (p.isSet(mlproject)) {
        auto project = MlProject::load(p.value(mlproject));
        if (!project.ok())
            return fail(project.error());
        auto entry = project->entryPoint(p.value(entryPoint));
        if (!entry.ok())
            return fail(entry.error());
        // Swept values of declared parameters are checked against their types before any run exists.
        for (const auto &[key, values] : std::as_const(axes))
            if (const MlProjectParameter *declared = entry->parameter(key))
                for (const QString &v : values)
                    if (Status st = MlProject::checkValue(*declared, v); !st.ok())
                        return fail(st.error());
        // Swept keys are placed by the sweep; a declared one without default still needs a value here.
        QList<QPair<QString, QString>> given = spec.params;
        for (const auto &[key, values] : std::as_const(axes))
            if (std::none_of(given.begin(), given.end(), [&](const auto &kv) { return kv.first == key; }))
                given.append({key, values.first()});
        auto projectSpec = project->jobSpec(p.value(entryPoint), given);
        if (!projectSpec.ok())
            return fail(projectSpec.error());
        JobSpec merged = projectSpec.value();
        merged.runName = spec.runName;
        merged.gpus = spec.gpus;
        for (auto it = spec.env.cbegin(); it != spec.env.cend(); ++it)
            merged.env.insert(it.key(), it.value());
        spec = merged;
    }

    if (Status s = openStore(); !s.ok())
        return fail(s.error());
    if (m_g->profile->kind != ProfileKind::Local)
        return fail(
            tr("profile '%1' is a cluster profile; labctl launches on the local lab only in this version")
                .arg(m_g->profile->name));
    if (p.isSet(experiment)) {
        // An id given where a name is expected: use the experiment's name.
        const QString e = p.value(experiment);
        spec.experimentName = e;
        auto byName = m_store->getExperimentByName(e);
        if (!(byName.ok() && byName.value().has_value()))
            if (auto byId = m_store->getExperiment(e); byId.ok())
                spec.experimentName = byId->name;
    }

    LocalRunner::Options options;
    options.gpuCount = m_g->profile->gpuCount;
    options.maxCpuJobs = m_g->profile->maxCpuJobs;
    options.trainerProgram = findTrainer();
    if (spec.command.isEmpty() && spec.commandTemplate.isEmpty() && options.trainerProgram.isEmpty())
        return fail(
            tr("the bundled trainer lab-train was not found next to labctl, in ../trainer, on PATH or in %1")
                .arg(QStringLiteral(LABCONSOLE_INSTALL_BINDIR)));
    const QString uri = m_g->resolvedUri;
    LocalRunner runner([uri]() { return openTrackingStore(uri); }, uri, options);

    QList<JobStatus> jobs;
    QString parentRunId;
    if (!axes.isEmpty()) {
        SweepSpec sw;
        sw.base = spec;
        sw.axes = axes;
        auto submitted = runner.submitSweep(sw);
        if (!submitted.ok())
            return fail(submitted.error());
        jobs = submitted.value();
    } else {
        auto submitted = runner.submit(spec);
        if (!submitted.ok())
            return fail(submitted.error());
        jobs = {submitted.value()};
    }
    if (!jobs.isEmpty()) {
        if (auto first = m_store->getRun(jobs.first().runId); first.ok())
            parentRunId = axes.isEmpty() ? QString() : first->parentRunId();
    }
    if (!parentRunId.isEmpty())
        err(tr("labctl: sweep %1: %n run(s) queued\n", nullptr, int(jobs.size())).arg(parentRunId));
    for (const JobStatus &j : std::as_const(jobs))
        err(tr("labctl: run %1 (%2) queued\n").arg(j.runId, j.name));

    const bool following = p.isSet(follow);
    const bool waiting = p.isSet(wait) || following;
    // Output of several jobs is interleaved by line, each line prefixed with its run's name.
    QHash<QString, QByteArray> partial;
    QHash<QString, QString> names;
    for (const JobStatus &j : std::as_const(jobs))
        names.insert(j.jobId, j.name.isEmpty() ? j.runId.left(8) : j.name);
    if (following) {
        connect(&runner, &ComputeBackend::logAppended, this,
                [&](const QString &jobId, const QByteArray &bytes) {
                    if (jobs.size() == 1) {
                        outBytes(bytes);
                        return;
                    }
                    QByteArray &buf = partial[jobId];
                    buf += bytes;
                    qsizetype nl;
                    while ((nl = buf.indexOf('\n')) >= 0) {
                        outBytes("[" + names.value(jobId).toUtf8() + "] " + buf.left(nl + 1));
                        buf.remove(0, nl + 1);
                    }
                });
    }

    // Without --wait labctl still stays until every job has started: the runner that queued a
    // job is the one that starts it, and queued jobs of an exiting runner are marked KILLED.
    QEventLoop loop;
    auto done = [&]() {
        for (const JobStatus &j : std::as_const(jobs)) {
            const auto now = runner.job(j.jobId);
            if (!now)
                continue;
            if (waiting ? !jobEnded(now->state) : now->state == JobState::Queued)
                return false;
        }
        return true;
    };
    connect(&runner, &ComputeBackend::jobChanged, &loop, [&]() {
        if (done())
            loop.quit();
    });
    if (!done())
        loop.exec();
    if (following)
        for (auto it = partial.cbegin(); it != partial.cend(); ++it)
            if (!it.value().isEmpty())
                outBytes("[" + names.value(it.key()).toUtf8() + "] " + it.value() + "\n");

    int exitCode = Success;
    QList<Run> runs;
    if (!parentRunId.isEmpty())
        if (auto parent = m_store->getRun(parentRunId); parent.ok())
            runs.append(parent.value());
    for (const JobStatus &j : std::as_const(jobs)) {
        const auto now = runner.job(j.jobId);
        if (waiting && now && now->state != JobState::Succeeded) {
            exitCode = Failure;
            const QString message = now->message.isEmpty() ? jobStateName(now->state) : now->message;
            err(tr("labctl: run %1 (%2) %3: %4\n")
                    .arg(j.runId, j.name,
                         now->state == JobState::Cancelled ? QStringLiteral("KILLED")
                                                           : QStringLiteral("FAILED"),
                         message));
        }
        if (auto run = m_store->getRun(j.runId); run.ok())
            runs.append(run.value());
    }
    if (following)
        return exitCode;
    if (m_g->format == Format::Json) {
        Json arr = Json::array();
        for (const Run &r : std::as_const(runs))
            arr.push_back(MlflowJson::toJson(r));
        out(jsonText(Json{{"runs", arr}}));
    } else {
        TableWriter t(m_g->format == Format::Csv
                          ? QStringList{QStringLiteral("run_id"), QStringLiteral("run_name"),
                                        QStringLiteral("experiment_id"), QStringLiteral("status")}
                          : QStringList{QStringLiteral("RUN ID"), QStringLiteral("NAME"),
                                        QStringLiteral("EXPERIMENT ID"), QStringLiteral("STATUS")});
        for (const Run &r : std::as_const(runs))
            t.addRow({r.info.runId, r.info.runName, r.info.experimentId, runStatusName(r.info.status)});
        out(m_g->format == Format::Csv ? t.toCsv() : t.toTable());
    }
    return exitCode;
}

// ---- logs --------------------------------------------------------------------------------

int LabCtl::logs(const QStringList &args)
{
    const QString cmd = QStringLiteral("logs");
    QCommandLineParser p;
    p.setApplicationDescription(tr("Prints a run's output (stdout and stderr of its job)."));
    p.addPositionalArgument(QStringLiteral("RUN"), tr("Run id, unique id prefix or unique run name."));
    const QCommandLineOption follow({QStringLiteral("f"), QStringLiteral("follow")},
                                    tr("Keep printing new output until the run ends."));
    p.addOption(follow);
    if (int r = parse(p, cmd, QStringLiteral("RUN"), args); r >= 0)
        return r;
    if (p.positionalArguments().size() != 1)
        return usageError(cmd, tr("give exactly one RUN"));
    if (Status s = openStore(); !s.ok())
        return fail(s.error());
    auto run = resolveRun(p.positionalArguments().first());
    if (!run.ok())
        return fail(run.error());
    const QString runId = run->info.runId;
    const QString path = m_store->localArtifactPath(runId, LogArtifact);

    std::unique_ptr<LocalRunner> runner;
    if (p.isSet(follow) && !isTerminal(run->info.status) && m_g->profile->kind == ProfileKind::Local) {
        // A runner that adopts the job notices its end (and marks the run) even when no console is open.
        LocalRunner::Options options;
        options.gpuCount = m_g->profile->gpuCount;
        options.maxCpuJobs = m_g->profile->maxCpuJobs;
        const QString uri = m_g->resolvedUri;
        runner = std::make_unique<LocalRunner>([uri]() { return openTrackingStore(uri); }, uri, options);
        runner->recover();
    }

    qint64 offset = 0;
    auto pump = [&]() -> bool {
        QFile f(path);
        if (path.isEmpty() || !f.open(QIODevice::ReadOnly))
            return false;
        if (f.size() < offset)
            offset = 0; // truncated: start over
        if (!f.seek(offset))
            return true;
        for (;;) {
            const QByteArray chunk = f.read(1 << 20);
            if (chunk.isEmpty())
                break;
            offset += chunk.size();
            outBytes(chunk);
        }
        return true;
    };
    const bool had = pump();
    if (!p.isSet(follow) || isTerminal(run->info.status)) {
        if (!had)
            return fail(tr("run '%1' has no output log (%2)").arg(runId, LogArtifact));
        return Success;
    }
    QEventLoop loop;
    QTimer timer;
    timer.setInterval(250);
    connect(&timer, &QTimer::timeout, &loop, [&]() {
        pump();
        auto now = m_store->getRun(runId);
        if (!now.ok() || isTerminal(now->info.status)) {
            pump();
            loop.quit();
        }
    });
    timer.start();
    loop.exec();
    return Success;
}

// ---- cancel ------------------------------------------------------------------------------

int LabCtl::cancel(const QStringList &args)
{
    const QString cmd = QStringLiteral("cancel");
    QCommandLineParser p;
    p.setApplicationDescription(
        tr("Stops a run's job: SIGTERM to its process group, SIGKILL after a grace period; "
           "the run ends KILLED. A sweep's parent run cancels all its children."));
    p.addPositionalArgument(QStringLiteral("RUN"), tr("Run id, unique id prefix or unique run name."));
    const QCommandLineOption grace(QStringLiteral("grace"),
                                   tr("Seconds between SIGTERM and SIGKILL (default 5)."), tr("SECONDS"));
    p.addOption(grace);
    if (int r = parse(p, cmd, QStringLiteral("RUN"), args); r >= 0)
        return r;
    if (p.positionalArguments().size() != 1)
        return usageError(cmd, tr("give exactly one RUN"));
    LocalRunner::Options options;
    if (p.isSet(grace)) {
        bool ok = false;
        const double s = p.value(grace).toDouble(&ok);
        if (!ok || s < 0)
            return usageError(cmd, tr("--grace needs a number of seconds, not '%1'").arg(p.value(grace)));
        options.killGraceMs = int(s * 1000);
    }
    if (Status s = openStore(); !s.ok())
        return fail(s.error());
    if (m_g->profile->kind != ProfileKind::Local)
        return fail(tr("profile '%1' is a cluster profile; labctl cancels local jobs only in this version")
                        .arg(m_g->profile->name));
    auto run = resolveRun(p.positionalArguments().first());
    if (!run.ok())
        return fail(run.error());
    const QString runId = run->info.runId;
    if (isTerminal(run->info.status))
        return fail(tr("run '%1' has already ended (%2)").arg(runId, runStatusName(run->info.status)));

    // The job was started by another process (a console or another labctl); a runner that
    // recovers the store adopts it by the pid and start time recorded in the run's tags.
    options.gpuCount = m_g->profile->gpuCount;
    options.maxCpuJobs = m_g->profile->maxCpuJobs;
    const QString uri = m_g->resolvedUri;
    LocalRunner runner([uri]() { return openTrackingStore(uri); }, uri, options);
    if (auto recovered = runner.recover(); !recovered.ok())
        return fail(recovered.error());
    auto after = m_store->getRun(runId);
    if (after.ok() && isTerminal(after->info.status))
        return fail(
            tr("run '%1' had already ended; it is now %2").arg(runId, runStatusName(after->info.status)));
    QStringList waitFor;
    const bool isSweep = run->tag(tags::SweepParent) == QLatin1String("true");
    if (isSweep) {
        for (const JobStatus &j : runner.jobs())
            if (!jobEnded(j.state))
                if (auto child = m_store->getRun(j.runId); child.ok() && child->parentRunId() == runId)
                    waitFor << j.jobId;
    } else if (auto job = runner.job(runId)) {
        waitFor << job->jobId;
    } else {
        return fail(tr("run '%1' is %2 but no job of this workstation runs it (host %3, pid %4)")
                        .arg(runId, runStatusName(run->info.status), run->tag(tags::JobHost, tr("unknown")),
                             run->tag(tags::JobPid, tr("unknown"))));
    }
    if (Status s = runner.cancel(runId); !s.ok())
        return fail(s.error());
    QEventLoop loop;
    auto done = [&]() {
        return std::all_of(waitFor.begin(), waitFor.end(), [&](const QString &id) {
            const auto j = runner.job(id);
            return !j || jobEnded(j->state);
        });
    };
    connect(&runner, &ComputeBackend::jobChanged, &loop, [&]() {
        if (done())
            loop.quit();
    });
    if (!done())
        loop.exec();
    auto final = m_store->getRun(runId);
    const QString status = final.ok() ? runStatusName(final->info.status) : QStringLiteral("?");
    if (m_g->format == Format::Json && final.ok())
        out(jsonText(Json{{"run", MlflowJson::toJson(final.value())}}));
    else
        out(tr("Cancelled run %1: %2\n").arg(runId, status));
    return Success;
}

// ---- gpus --------------------------------------------------------------------------------

int LabCtl::gpus(const QStringList &args)
{
    const QString cmd = QStringLiteral("gpus");
    QCommandLineParser p;
    p.setApplicationDescription(
        tr("Shows the workstation's NVIDIA GPUs: utilisation, memory, temperature, power "
           "and the job holding each."));
    if (int r = parse(p, cmd, {}, args); r >= 0)
        return r;
    if (!p.positionalArguments().isEmpty())
        return usageError(cmd, tr("unexpected argument '%1'").arg(p.positionalArguments().first()));
    if (Status s = applyProfile(); !s.ok())
        return fail(s.error());
    if (m_g->profile->kind != ProfileKind::Local)
        return fail(
            tr("profile '%1' is a cluster profile; labctl reads the local driver's GPUs only in this version")
                .arg(m_g->profile->name));
    const NvmlTelemetry::Snapshot snap = NvmlTelemetry::snapshot();
    QList<GpuSample> samples = snap.gpus;
    // On the local lab a GPU belongs to the job the queue gave it to (the run's labconsole.job.gpus
    // tag); that also names holders whose process has not touched the GPU yet.
    if (!samples.isEmpty() && openStore().ok()) {
        auto exps = m_store->listExperiments(ViewType::ActiveOnly);
        RunSearch search;
        if (exps.ok())
            for (const Experiment &e : exps.value())
                search.experimentIds << e.id;
        search.filter = QStringLiteral("attributes.status = 'RUNNING'");
        search.maxResults = 50000;
        auto running =
            search.experimentIds.isEmpty() ? Result<RunPage>(RunPage{}) : m_store->searchRuns(search);
        if (running.ok()) {
            for (const Run &r : running->runs) {
                if (r.info.status != RunStatus::Running ||
                    r.tag(tags::JobHost) != QSysInfo::machineHostName())
                    continue;
                for (const QString &g : r.tag(tags::JobGpus).split(QLatin1Char(','), Qt::SkipEmptyParts)) {
                    for (GpuSample &sample : samples) {
                        if (sample.index == g.trimmed().toInt() && sample.ownerRunId.isEmpty()) {
                            sample.ownerRunId = r.info.runId;
                            sample.ownerJobId = r.tag(tags::JobId);
                            sample.ownerName = r.info.runName;
                        }
                    }
                }
            }
        }
    }
    static const char *const stateNames[] = {"starting", "available", "no_driver", "no_gpu", "error"};
    const char *stateName = stateNames[int(snap.state)];
    if (m_g->format == Format::Json) {
        Json arr = Json::array();
        for (const GpuSample &g : std::as_const(samples)) {
            Json j{{"index", g.index},
                   {"name", toStd(g.name)},
                   {"uuid", toStd(g.uuid)},
                   {"timestamp", g.timestampMs}};
            // Unreported readings are left out rather than written as -1.
            if (g.utilizationPercent >= 0)
                j["utilization_percent"] = g.utilizationPercent;
            if (g.memoryUsedBytes >= 0)
                j["memory_used_bytes"] = g.memoryUsedBytes;
            if (g.memoryTotalBytes >= 0)
                j["memory_total_bytes"] = g.memoryTotalBytes;
            if (g.temperatureC >= 0)
                j["temperature_c"] = g.temperatureC;
            if (g.powerWatts >= 0)
                j["power_watts"] = g.powerWatts;
            Json pids = Json::array();
            for (qint64 pid : g.pids)
                pids.push_back(pid);
            j["pids"] = pids;
            if (!g.ownerRunId.isEmpty())
                j["owner"] = Json{{"run_id", toStd(g.ownerRunId)},
                                  {"job_id", toStd(g.ownerJobId)},
                                  {"name", toStd(g.ownerName)}};
            arr.push_back(j);
        }
        out(jsonText(Json{{"state", stateName}, {"message", toStd(snap.message)}, {"gpus", arr}}));
        return Success;
    }
    if (samples.isEmpty()) {
        // No driver or no GPU is a state of this machine, not an error of the command.
        out(snap.message + QLatin1Char('\n'));
        return snap.state == TelemetryState::Error ? Failure : Success;
    }
    if (m_g->format == Format::Csv) {
        TableWriter t(gpuTableHeaders());
        for (const GpuSample &g : std::as_const(samples))
            t.addRow(gpuTableRow(g));
        out(t.toCsv());
    } else {
        out(describeGpus(samples));
    }
    return Success;
}

// ---- models ------------------------------------------------------------------------------

namespace {

// Registry versions are decimal strings; "10" comes after "9".
void sortVersions(QList<ModelVersion> *versions)
{
    std::sort(versions->begin(), versions->end(), [](const ModelVersion &a, const ModelVersion &b) {
        bool okA = false, okB = false;
        const qint64 na = a.version.toLongLong(&okA);
        const qint64 nb = b.version.toLongLong(&okB);
        if (okA && okB)
            return na < nb;
        return a.version < b.version;
    });
}

QString aliasText(const QMap<QString, QString> &aliases)
{
    QStringList parts;
    for (auto it = aliases.cbegin(); it != aliases.cend(); ++it)
        parts << QStringLiteral("%1=%2").arg(it.key(), it.value());
    return parts.join(QStringLiteral(", "));
}

// A version's aliases from the model's map when the store did not fill them in on the version.
QStringList versionAliases(const ModelVersion &v, const RegisteredModel &m)
{
    if (!v.aliases.isEmpty())
        return v.aliases;
    QStringList out;
    for (auto it = m.aliases.cbegin(); it != m.aliases.cend(); ++it)
        if (it.value() == v.version)
            out << it.key();
    return out;
}

} // namespace

Result<RegisteredModel> LabCtl::findModel(const QString &name)
{
    auto got = m_store->getRegisteredModel(name);
    if (got.ok() || got.error().code != QLatin1String("NOT_SUPPORTED"))
        return got;
    auto all = m_store->listRegisteredModels();
    if (!all.ok())
        return all.error();
    for (const RegisteredModel &m : all.value())
        if (m.name == name)
            return m;
    return makeError(tr("registered model '%1' not found in %2").arg(name, m_store->uri()),
                     QStringLiteral("RESOURCE_DOES_NOT_EXIST"));
}

int LabCtl::modelsList(const QStringList &args)
{
    const QString cmd = QStringLiteral("models list");
    QCommandLineParser p;
    p.setApplicationDescription(tr("Lists the registered models with their latest version and aliases."));
    if (int r = parse(p, cmd, {}, args); r >= 0)
        return r;
    if (!p.positionalArguments().isEmpty())
        return usageError(cmd, tr("unexpected argument '%1'").arg(p.positionalArguments().first()));
    if (Status s = openStore(); !s.ok())
        return fail(s.error());
    auto models = m_store->listRegisteredModels();
    if (!models.ok())
        return fail(models.error());
    QList<RegisteredModel> list = models.value();
    std::sort(list.begin(), list.end(),
              [](const RegisteredModel &a, const RegisteredModel &b) { return a.name < b.name; });
    // The latest version of each, as MLflow's search answers it (latest_versions).
    QHash<QString, QList<ModelVersion>> latest;
    for (const RegisteredModel &m : std::as_const(list)) {
        auto versions = m_store->listModelVersions(m.name);
        if (!versions.ok())
            return fail(versions.error());
        QList<ModelVersion> v = versions.value();
        sortVersions(&v);
        if (!v.isEmpty())
            latest.insert(m.name, {v.last()});
    }
    if (m_g->format == Format::Json) {
        Json arr = Json::array();
        for (const RegisteredModel &m : std::as_const(list))
            arr.push_back(MlflowJson::toJson(m, latest.value(m.name)));
        out(jsonText(Json{{"registered_models", arr}}));
        return Success;
    }
    const bool csv = m_g->format == Format::Csv;
    TableWriter t(
        csv ? QStringList{QStringLiteral("name"), QStringLiteral("latest_version"), QStringLiteral("aliases"),
                          QStringLiteral("last_updated_timestamp"), QStringLiteral("description")}
            : QStringList{QStringLiteral("NAME"), QStringLiteral("LATEST"), QStringLiteral("ALIASES"),
                          QStringLiteral("UPDATED"), QStringLiteral("DESCRIPTION")});
    for (const RegisteredModel &m : std::as_const(list)) {
        const QList<ModelVersion> l = latest.value(m.name);
        t.addRow({m.name, l.isEmpty() ? QString() : l.first().version, aliasText(m.aliases),
                  csv ? QString::number(m.lastUpdatedTimestamp) : formatTime(m.lastUpdatedTimestamp),
                  csv ? m.description : m.description.section(QLatin1Char('\n'), 0, 0)});
    }
    out(csv ? t.toCsv() : t.toTable());
    return Success;
}

int LabCtl::modelsShow(const QStringList &args)
{
    const QString cmd = QStringLiteral("models show");
    QCommandLineParser p;
    p.setApplicationDescription(tr("Shows a registered model: its versions, their source run and aliases."));
    p.addPositionalArgument(QStringLiteral("NAME"), tr("Registered model name."));
    if (int r = parse(p, cmd, QStringLiteral("NAME"), args); r >= 0)
        return r;
    if (p.positionalArguments().size() != 1)
        return usageError(cmd, tr("give exactly one model NAME"));
    if (Status s = openStore(); !s.ok())
        return fail(s.error());
    auto model = findModel(p.positionalArguments().first());
    if (!model.ok())
        return fail(model.error());
    const RegisteredModel &m = model.value();
    auto found = m_store->listModelVersions(m.name);
    if (!found.ok())
        return fail(found.error());
    QList<ModelVersion> versions = found.value();
    sortVersions(&versions);
    for (ModelVersion &v : versions)
        v.aliases = versionAliases(v, m);
    if (m_g->format == Format::Json) {
        Json arr = Json::array();
        for (const ModelVersion &v : std::as_const(versions))
            arr.push_back(MlflowJson::toJson(v));
        const QList<ModelVersion> latest =
            versions.isEmpty() ? QList<ModelVersion>() : QList<ModelVersion>{versions.last()};
        out(jsonText(Json{{"registered_model", MlflowJson::toJson(m, latest)}, {"model_versions", arr}}));
        return Success;
    }
    const bool csv = m_g->format == Format::Csv;
    if (csv) {
        TableWriter t({QStringLiteral("version"), QStringLiteral("run_id"), QStringLiteral("source"),
                       QStringLiteral("aliases"), QStringLiteral("status"), QStringLiteral("current_stage"),
                       QStringLiteral("creation_timestamp")});
        for (const ModelVersion &v : std::as_const(versions))
            t.addRow({v.version, v.runId, v.source, v.aliases.join(QLatin1Char(' ')), v.status,
                      v.currentStage, QString::number(v.creationTimestamp)});
        out(t.toCsv());
        return Success;
    }
    QString text;
    TableWriter info;
    info.addRow({QStringLiteral("name:"), m.name});
    if (!m.description.isEmpty())
        info.addRow({QStringLiteral("description:"), m.description});
    info.addRow({QStringLiteral("created:"), formatTime(m.creationTimestamp)});
    info.addRow({QStringLiteral("updated:"), formatTime(m.lastUpdatedTimestamp)});
    info.addRow({QStringLiteral("aliases:"), aliasText(m.aliases)});
    for (const Tag &tg : m.tags)
        info.addRow({QStringLiteral("tag:"), tg.key + QLatin1Char('=') + tg.value});
    text += info.toTable();
    text += QLatin1Char('\n') + tr("Versions:") + QLatin1Char('\n');
    if (versions.isEmpty()) {
        text += tr("  (none)\n");
    } else {
        TableWriter t({QStringLiteral("VERSION"), QStringLiteral("ALIASES"), QStringLiteral("RUN ID"),
                       QStringLiteral("SOURCE"), QStringLiteral("STATUS"), QStringLiteral("CREATED")});
        for (const ModelVersion &v : std::as_const(versions))
            t.addRow({v.version, v.aliases.join(QStringLiteral(", ")), v.runId, v.source, v.status,
                      formatTime(v.creationTimestamp)});
        for (const QString &line : t.toTable().split(QLatin1Char('\n'), Qt::SkipEmptyParts))
            text += QStringLiteral("  ") + line + QLatin1Char('\n');
    }
    out(text);
    return Success;
}

int LabCtl::modelsRegister(const QStringList &args)
{
    const QString cmd = QStringLiteral("models register");
    QCommandLineParser p;
    p.setApplicationDescription(
        tr("Registers a run's logged model as a new version of a registered model (created when missing), "
           "from runs:/RUN/PATH as MLflow's register_model does."));
    p.addPositionalArgument(QStringLiteral("RUN"), tr("Run id, unique id prefix or unique run name."));
    const QCommandLineOption name({QStringLiteral("n"), QStringLiteral("name")}, tr("Registered model name."),
                                  tr("NAME"));
    const QCommandLineOption path(QStringLiteral("path"),
                                  tr("The model's artifact folder in the run (default: model)."), tr("PATH"),
                                  QStringLiteral("model"));
    const QCommandLineOption description(QStringLiteral("description"), tr("The new version's description."),
                                         tr("TEXT"));
    p.addOptions({name, path, description});
    if (int r = parse(p, cmd, QStringLiteral("RUN --name NAME"), args); r >= 0)
        return r;
    if (p.positionalArguments().size() != 1)
        return usageError(cmd, tr("give exactly one RUN"));
    if (p.value(name).trimmed().isEmpty())
        return usageError(cmd, tr("--name NAME is required"));
    QString artifactPath = p.value(path).trimmed();
    while (artifactPath.endsWith(QLatin1Char('/')))
        artifactPath.chop(1);
    if (artifactPath.isEmpty() || artifactPath.startsWith(QLatin1Char('/')) ||
        artifactPath.split(QLatin1Char('/')).contains(QStringLiteral("..")))
        return usageError(
            cmd, tr("--path must be a folder inside the run's artifacts, not '%1'").arg(p.value(path)));
    const QString modelName = p.value(name).trimmed();
    if (Status s = openStore(); !s.ok())
        return fail(s.error());
    auto run = resolveRun(p.positionalArguments().first());
    if (!run.ok())
        return fail(run.error());
    const QString runId = run->info.runId;

    // MLflow registers whatever the URI names; a version without a model behind it only fails
    // when someone serves it, so say it now.
    auto listed = m_store->listArtifacts(runId, artifactPath);
    if (listed.ok() && listed->isEmpty())
        return fail(tr("run '%1' has no artifacts under '%2'; log a model there first, or give --path")
                        .arg(runId, artifactPath));

    auto model = findModel(modelName);
    if (!model.ok()) {
        if (model.error().code != QLatin1String("RESOURCE_DOES_NOT_EXIST"))
            return fail(model.error());
        auto created = m_store->createRegisteredModel(modelName);
        if (!created.ok())
            return fail(created.error());
        err(tr("labctl: created registered model '%1'\n").arg(modelName));
    }
    const QString source = QStringLiteral("runs:/%1/%2").arg(runId, artifactPath);
    auto version = m_store->createModelVersion(modelName, source, runId, p.value(description));
    if (!version.ok())
        return fail(version.error());
    if (m_g->format == Format::Json) {
        out(jsonText(Json{{"model_version", MlflowJson::toJson(version.value())}}));
        return Success;
    }
    if (m_g->format == Format::Csv) {
        TableWriter t({QStringLiteral("name"), QStringLiteral("version"), QStringLiteral("run_id"),
                       QStringLiteral("source"), QStringLiteral("status")});
        t.addRow({version->name, version->version, version->runId, version->source, version->status});
        out(t.toCsv());
        return Success;
    }
    out(tr("Registered %1 version %2 from %3\n").arg(version->name, version->version, source));
    return Success;
}

int LabCtl::modelsAlias(const QStringList &args)
{
    const QString cmd = QStringLiteral("models alias");
    QCommandLineParser p;
    p.setApplicationDescription(tr(
        "Points an alias (e.g. champion) of a registered model at a version, or removes it with --delete."));
    p.addPositionalArgument(QStringLiteral("NAME"), tr("Registered model name."));
    p.addPositionalArgument(QStringLiteral("ALIAS"), tr("Alias, e.g. champion."));
    p.addPositionalArgument(QStringLiteral("VERSION"), tr("Version number (not with --delete)."));
    const QCommandLineOption remove(QStringLiteral("delete"), tr("Remove the alias."));
    p.addOption(remove);
    if (int r = parse(p, cmd, QStringLiteral("NAME ALIAS [VERSION]"), args); r >= 0)
        return r;
    const QStringList pos = p.positionalArguments();
    const bool deleting = p.isSet(remove);
    if (deleting ? pos.size() != 2 : pos.size() != 3)
        return usageError(cmd, deleting ? tr("give a model NAME and the ALIAS to delete")
                                        : tr("give a model NAME, an ALIAS and a VERSION"));
    bool numeric = false;
    if (!deleting && (pos[2].toLongLong(&numeric), !numeric))
        return usageError(cmd, tr("VERSION must be a version number, not '%1'").arg(pos[2]));
    if (Status s = openStore(); !s.ok())
        return fail(s.error());
    const Status s =
        deleting ? m_store->deleteModelAlias(pos[0], pos[1]) : m_store->setModelAlias(pos[0], pos[1], pos[2]);
    if (!s.ok())
        return fail(s.error());
    if (m_g->format == Format::Json) {
        if (deleting) {
            out(jsonText(Json::object()));
        } else {
            auto v = m_store->getModelVersionByAlias(pos[0], pos[1]);
            out(jsonText(v.ok() ? Json{{"model_version", MlflowJson::toJson(v.value())}} : Json::object()));
        }
        return Success;
    }
    if (deleting)
        out(tr("Deleted alias %1 of %2\n").arg(pos[1], pos[0]));
    else
        out(tr("Alias %1 of %2 now points to version %3\n").arg(pos[1], pos[0], pos[2]));
    return Success;
}

// ---- export / import ---------------------------------------------------------------------

int LabCtl::exportRuns(const QStringList &args)
{
    const QString cmd = QStringLiteral("export");
    QCommandLineParser p;
    p.setApplicationDescription(
        tr("Writes runs to one bundle file: info, parameters, tags, full metric histories, the output "
           "log and the model descriptor. Open it with --tracking-uri FILE or 'labctl import'."));
    p.addPositionalArgument(QStringLiteral("RUN"), tr("Runs (id, unique id prefix or unique name)."),
                            QStringLiteral("RUN..."));
    const QCommandLineOption file({QStringLiteral("f"), QStringLiteral("file")},
                                  tr("The bundle to write (.labbundle)."), tr("FILE"));
    p.addOption(file);
    if (int r = parse(p, cmd, QStringLiteral("RUN... -f FILE.labbundle"), args); r >= 0)
        return r;
    if (p.positionalArguments().isEmpty())
        return usageError(cmd, tr("give at least one RUN"));
    if (p.value(file).isEmpty())
        return usageError(cmd, tr("-f FILE.labbundle is required"));
    QString path = p.value(file);
    if (!path.endsWith(QLatin1String(".labbundle"), Qt::CaseInsensitive))
        path += QStringLiteral(".labbundle");
    if (Status s = openStore(); !s.ok())
        return fail(s.error());
    QStringList ids;
    for (const QString &arg : p.positionalArguments()) {
        auto run = resolveRun(arg);
        if (!run.ok())
            return fail(run.error());
        if (!ids.contains(run->info.runId))
            ids << run->info.runId;
    }
    const bool tty = ::isatty(fileno(stderr));
    const Status s = RunBundle::exportRuns(*m_store, ids, path, [&](int done, int total) {
        if (tty)
            err(tr("\rExporting run %1 of %2").arg(done).arg(total));
    });
    if (tty)
        err(QStringLiteral("\n"));
    if (!s.ok())
        return fail(s.error());
    const QString absolute = QFileInfo(path).absoluteFilePath();
    if (m_g->format == Format::Json) {
        Json idArr = Json::array();
        for (const QString &id : std::as_const(ids))
            idArr.push_back(toStd(id));
        out(jsonText(Json{{"file", toStd(absolute)}, {"run_ids", idArr}}));
        return Success;
    }
    out(tr("Exported %n run(s) to %1\n", nullptr, int(ids.size())).arg(absolute));
    return Success;
}

int LabCtl::importBundle(const QStringList &args)
{
    const QString cmd = QStringLiteral("import");
    QCommandLineParser p;
    p.setApplicationDescription(
        tr("Copies the runs of a bundle into the tracking store, as new runs with the same names, "
           "parameters, tags, metric histories, logs and model descriptor."));
    p.addPositionalArgument(QStringLiteral("FILE"), tr("A .labbundle file."));
    const QCommandLineOption experiment({QStringLiteral("e"), QStringLiteral("experiment")},
                                        tr("Put the runs in this experiment (created when missing; default: "
                                           "the experiments named in the bundle)."),
                                        tr("NAME"));
    p.addOption(experiment);
    if (int r = parse(p, cmd, QStringLiteral("FILE.labbundle"), args); r >= 0)
        return r;
    if (p.positionalArguments().size() != 1)
        return usageError(cmd, tr("give exactly one bundle FILE"));
    const QString file = p.positionalArguments().first();
    if (!QFileInfo(file).isFile())
        return fail(tr("bundle '%1' does not exist").arg(file));
    if (Status s = openStore(); !s.ok())
        return fail(s.error());
    if (m_store->isReadOnly())
        return fail(
            tr("the tracking store %1 is read only; import into a folder or a server").arg(m_store->uri()));
    auto imported = RunBundle::importInto(file, *m_store, p.value(experiment));
    if (!imported.ok())
        return fail(imported.error());
    QList<Run> runs;
    for (const QString &id : imported.value())
        if (auto run = m_store->getRun(id); run.ok())
            runs.append(run.value());
    if (m_g->format == Format::Json) {
        Json arr = Json::array();
        for (const Run &r : std::as_const(runs))
            arr.push_back(MlflowJson::toJson(r));
        out(jsonText(Json{{"runs", arr}}));
        return Success;
    }
    const bool csv = m_g->format == Format::Csv;
    TableWriter t(csv ? QStringList{QStringLiteral("run_id"), QStringLiteral("run_name"),
                                    QStringLiteral("experiment_id"), QStringLiteral("status")}
                      : QStringList{QStringLiteral("RUN ID"), QStringLiteral("NAME"),
                                    QStringLiteral("EXPERIMENT ID"), QStringLiteral("STATUS")});
    for (const Run &r : std::as_const(runs))
        t.addRow({r.info.runId, r.info.runName, r.info.experimentId, runStatusName(r.info.status)});
    if (!csv)
        err(tr("labctl: imported %n run(s) into %1\n", nullptr, int(imported->size())).arg(m_store->uri()));
    out(csv ? t.toCsv() : t.toTable());
    return Success;
}

} // namespace lab
