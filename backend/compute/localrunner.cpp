#include "compute/localrunner.h"

#include "tracking/trackingstore.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLoggingCategory>
#include <QProcess>
#include <QProcessEnvironment>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QSysInfo>
#include <QThread>
#include <QTimer>
#include <QUrl>
#include <QUuid>

#include <algorithm>
#include <cerrno>
#include <csignal>
#include <cstring>
#include <limits>

#include <sys/types.h>
#include <unistd.h>

Q_LOGGING_CATEGORY(lcRunner, "labconsole.runner")

namespace lab {

namespace {

qint64 nowMs()
{
    return QDateTime::currentMSecsSinceEpoch();
}

// Which console process queued a run: recover() in another console (or labctl) must not
// touch runs that a console still alive has queued.
const QString OwnerPidTag = QStringLiteral("labconsole.job.ownerPid");
const QString OwnerStartTag = QStringLiteral("labconsole.job.ownerStartTicks");
const QString LogArtifact = QStringLiteral("logs/output.log");
const QString ExitCodeFile = QStringLiteral("exit_code");
constexpr qint64 LogChunk = 1 << 20; // bytes read per job per tick, so a log burst never stalls the UI

// The wrapper described in the header. `trap :` (a handler, not SIG_IGN) is reset by exec, so
// the program still receives SIGTERM while the shell waits for it and records its status.
const QString Wrapper =
    QStringLiteral("trap : TERM INT HUP; f=$1; shift; \"$@\"; s=$?; echo $s > \"$f\"; exit $s");

struct ProcInfo
{
    bool exists = false;
    char state = 0;
    qint64 pgrp = 0;
    qint64 startTicks = 0;
};

ProcInfo readProc(qint64 pid)
{
    ProcInfo info;
    if (pid <= 0)
        return info;
    QFile f(QStringLiteral("/proc/%1/stat").arg(pid));
    if (!f.open(QIODevice::ReadOnly))
        return info;
    const QByteArray data = f.readAll();
    // Field 2 (comm) may hold spaces and parentheses: the fields after it follow the last ')'.
    const int close = data.lastIndexOf(')');
    if (close < 0)
        return info;
    const QList<QByteArray> fields = data.mid(close + 1).simplified().split(' ');
    if (fields.size() < 20)
        return info;
    info.exists = true;
    info.state = fields[0].isEmpty() ? 0 : fields[0].at(0); // field 3
    info.pgrp = fields[2].toLongLong();                     // field 5
    info.startTicks = fields[19].toLongLong();              // field 22
    return info;
}

bool processAlive(qint64 pid, qint64 startTicks)
{
    const ProcInfo info = readProc(pid);
    if (!info.exists || info.state == 'Z' || info.state == 'X')
        return false;
    return startTicks == 0 || info.startTicks == startTicks;
}

QString shellQuote(const QString &arg)
{
    static const QRegularExpression safe(QStringLiteral("^[A-Za-z0-9_./=:,+@%^-]+$"));
    if (!arg.isEmpty() && safe.match(arg).hasMatch())
        return arg;
    QString quoted = arg;
    quoted.replace(QLatin1Char('\''), QStringLiteral("'\\''"));
    return QLatin1Char('\'') + quoted + QLatin1Char('\'');
}

QString commandLine(const QStringList &argv)
{
    QStringList out;
    for (const QString &a : argv)
        out << shellQuote(a);
    return out.join(QLatin1Char(' '));
}

QString currentUser()
{
    // The order Python's getpass.getuser() uses, so our runs carry the same mlflow.user.
    for (const char *name : {"LOGNAME", "USER", "LNAME", "USERNAME"}) {
        const QString v = qEnvironmentVariable(name);
        if (!v.isEmpty())
            return v;
    }
    return QDir::home().dirName();
}

} // namespace

int LocalRunner::detectGpuCount()
{
    const QStringList devices =
        QDir(QStringLiteral("/dev")).entryList({QStringLiteral("nvidia*")}, QDir::System | QDir::Files);
    static const QRegularExpression numbered(QStringLiteral("^nvidia[0-9]+$"));
    return int(std::count_if(devices.begin(), devices.end(),
                             [](const QString &d) { return numbered.match(d).hasMatch(); }));
}

namespace {

// The local folder a file: URI or plain path names; empty for a remote store.
QString localStorePath(const QString &uri)
{
    if (uri.isEmpty())
        return {};
    if (uri.startsWith(QLatin1String("file:"))) {
        const QString local = QUrl(uri).toLocalFile();
        return local.isEmpty() ? uri.mid(5) : local;
    }
    const QUrl url(uri);
    if (url.scheme().size() > 1) // "http", "https", "databricks"...; a one-letter scheme is a drive, not ours
        return {};
    return uri;
}

QStringList lastLines(const QString &path, int count)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    const qint64 size = f.size();
    f.seek(std::max<qint64>(0, size - 4096));
    const QString text = QString::fromUtf8(f.readAll());
    QStringList lines = text.split(QLatin1Char('\n'));
    if (size > 4096 && !lines.isEmpty())
        lines.removeFirst(); // probably cut in the middle
    while (!lines.isEmpty() && lines.last().trimmed().isEmpty())
        lines.removeLast();
    if (lines.size() > count)
        lines = lines.mid(lines.size() - count);
    return lines;
}

bool readExitCode(const QString &path, int *code)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return false;
    bool ok = false;
    *code = f.readAll().trimmed().toInt(&ok);
    return ok;
}

QList<int> parseGpuList(const QString &s)
{
    QList<int> out;
    for (const QString &part : s.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        bool ok = false;
        const int i = part.trimmed().toInt(&ok);
        if (ok)
            out << i;
    }
    return out;
}

QString gpuList(const QList<int> &gpus)
{
    QStringList parts;
    for (int g : gpus)
        parts << QString::number(g);
    return parts.join(QLatin1Char(','));
}

} // namespace

struct LocalRunner::Job
{
    JobStatus status;
    JobSpec spec;
    QStringList argv;
    QString experimentName;
    QString exitFile;
    qint64 startTicks = 0;
    qint64 pgid = 0;
    qint64 logOffset = 0;
    qint64 killAtMs = 0;   // when SIGKILL follows a SIGTERM; 0 = no cancel pending
    bool cancelRequested = false;
    bool killSent = false;
    bool adopted = false;  // started by an earlier console, found by recover()
    bool uploadLog = false; // the store has no local artifact folder: copy the log there at the end
};

struct LocalRunner::Sweep
{
    QString parentRunId;
    QStringList childRunIds;
    QHash<QString, RunStatus> endedBefore; // children that ended while no console watched them
    bool done = false;
};

LocalRunner::LocalRunner(std::unique_ptr<TrackingStore> store, const QString &trackingUri, const Options &options,
                         QObject *parent)
    : ComputeBackend(parent), m_store(std::move(store)), m_trackingUri(trackingUri), m_options(options)
{
    init();
}

LocalRunner::LocalRunner(StoreFactory factory, const QString &trackingUri, const Options &options, QObject *parent)
    : ComputeBackend(parent), m_factory(std::move(factory)), m_trackingUri(trackingUri), m_options(options)
{
    init();
}

LocalRunner::~LocalRunner()
{
    shutdown();
}

void LocalRunner::init()
{
    qRegisterMetaType<lab::JobStatus>();
    if (m_options.gpuCount < 0)
        m_options.gpuCount = detectGpuCount();
    if (m_options.maxCpuJobs <= 0)
        m_options.maxCpuJobs = std::max(1, QThread::idealThreadCount() / 2);
    if (m_options.trainerProgram.isEmpty()) {
        const QString beside = QCoreApplication::applicationDirPath() + QStringLiteral("/lab-train");
        m_options.trainerProgram = QFileInfo(beside).isExecutable() ? beside : QStringLiteral("lab-train");
    }
    if (m_options.pollIntervalMs <= 0)
        m_options.pollIntervalMs = 250;
    // A relative store path would resolve against the job's own working folder: give jobs an
    // absolute file: URI.
    m_jobTrackingUri = m_trackingUri;
    if (const QString local = localStorePath(m_trackingUri); !local.isEmpty())
        m_jobTrackingUri = QUrl::fromLocalFile(QDir(local).absolutePath()).toString(QUrl::FullyEncoded);
    m_host = QSysInfo::machineHostName();
    m_user = currentUser();
    m_timer = new QTimer(this);
    m_timer->setInterval(m_options.pollIntervalMs);
    connect(m_timer, &QTimer::timeout, this, &LocalRunner::poll);
}

TrackingStore *LocalRunner::store(Error *error)
{
    if (!m_store && m_factory) {
        auto opened = m_factory();
        if (!opened.ok()) {
            *error = opened.error();
            return nullptr;
        }
        m_store = std::move(opened.value());
    }
    if (!m_store) {
        *error = makeError(tr("No tracking store is configured."), QStringLiteral("NO_STORE"));
        return nullptr;
    }
    return m_store.get();
}

QString LocalRunner::resolveProgram(const QString &program, const QString &workingDirectory, const QString &pathEnv)
{
    if (program.isEmpty())
        return {};
    if (program.contains(QLatin1Char('/'))) {
        const QDir base(workingDirectory.isEmpty() ? QDir::currentPath() : workingDirectory);
        const QFileInfo fi(base.absoluteFilePath(program));
        return fi.isFile() && fi.isExecutable() ? fi.absoluteFilePath() : QString();
    }
    const QStringList paths = pathEnv.isEmpty() ? QStringList() : pathEnv.split(QLatin1Char(':'), Qt::SkipEmptyParts);
    return QStandardPaths::findExecutable(program, paths);
}

Result<QStringList> LocalRunner::resolveArguments(const JobSpec &spec)
{
    QStringList argv = spec.arguments();
    if (spec.command.isEmpty() && spec.commandTemplate.isEmpty())
        argv.prepend(m_options.trainerProgram);
    if (argv.isEmpty() || argv.first().isEmpty())
        return makeError(tr("Nothing to run: the job has no command."), QStringLiteral("INVALID_PARAMETER_VALUE"));
    if (!spec.workingDirectory.isEmpty() && !QFileInfo(spec.workingDirectory).isDir())
        return makeError(tr("The working directory '%1' does not exist.").arg(spec.workingDirectory),
                         QStringLiteral("INVALID_PARAMETER_VALUE"));
    const QString program = argv.first();
    const QString resolved = resolveProgram(program, spec.workingDirectory, spec.env.value(QStringLiteral("PATH")));
    if (resolved.isEmpty()) {
        if (program.contains(QLatin1Char('/'))) {
            const QDir base(spec.workingDirectory.isEmpty() ? QDir::currentPath() : spec.workingDirectory);
            const QFileInfo fi(base.absoluteFilePath(program));
            if (fi.exists())
                return makeError(tr("The program '%1' is not an executable file.").arg(program),
                                 QStringLiteral("NOT_EXECUTABLE"), fi.absoluteFilePath());
        }
        return makeError(tr("The program '%1' was not found.").arg(program), QStringLiteral("NOT_FOUND"));
    }
    argv[0] = resolved;
    return argv;
}

Status LocalRunner::checkStoreWritable(const QString &experimentName)
{
    const QString root = localStorePath(m_trackingUri);
    if (root.isEmpty())
        return {};
    auto cannot = [&](const QString &path, int err) {
        Error e = makeError(tr("Cannot write to the store at %1: %2.").arg(root, QString::fromLocal8Bit(std::strerror(err))),
                            QStringLiteral("PERMISSION_DENIED"), path);
        e.hint = tr("Choose a store folder you can write to, or fix its permissions.");
        return e;
    };
    // The store folder may not exist yet: the nearest existing folder above must then be writable.
    QFileInfo fi(QDir::cleanPath(QDir(root).absolutePath()));
    while (!fi.exists() && !fi.isRoot() && fi.absoluteFilePath() != fi.absolutePath())
        fi = QFileInfo(fi.absolutePath());
    if (!fi.isDir())
        return cannot(fi.absoluteFilePath(), ENOTDIR);
    if (::access(QFile::encodeName(fi.absoluteFilePath()).constData(), W_OK | X_OK) != 0)
        return cannot(fi.absoluteFilePath(), errno);
    if (fi.absoluteFilePath() != QDir(root).absolutePath())
        return {};
    // The file store keeps an experiment's runs in <root>/<experiment id>/.
    Error error;
    if (TrackingStore *s = store(&error)) {
        auto existing = s->getExperimentByName(experimentName);
        if (existing.ok() && existing.value().has_value()) {
            const QFileInfo expDir(QDir(root).filePath(existing.value()->id));
            if (expDir.isDir() && ::access(QFile::encodeName(expDir.absoluteFilePath()).constData(), W_OK | X_OK) != 0)
                return cannot(expDir.absoluteFilePath(), errno);
        }
    }
    return {};
}

Result<QString> LocalRunner::experimentIdFor(const QString &name)
{
    Error error;
    TrackingStore *s = store(&error);
    if (!s)
        return error;
    auto existing = s->getExperimentByName(name);
    if (!existing.ok())
        return existing.error();
    if (existing.value().has_value())
        return existing.value()->id;
    return s->createExperiment(name);
}

Result<JobStatus> LocalRunner::submit(const JobSpec &spec)
{
    if (m_shutDown)
        return makeError(tr("The runner has been shut down."), QStringLiteral("SHUT_DOWN"));
    Error error;
    if (!store(&error))
        return error;
    if (spec.gpus < 0)
        return makeError(tr("The GPU count cannot be negative."), QStringLiteral("INVALID_PARAMETER_VALUE"));
    if (spec.gpus > m_options.gpuCount)
        return makeError(QCoreApplication::translate("lab::LocalRunner", "The job needs %n GPU(s), but this workstation has %1.",
                                                     nullptr, spec.gpus)
                             .arg(m_options.gpuCount),
                         QStringLiteral("NOT_ENOUGH_GPUS"));
    auto argv = resolveArguments(spec);
    if (!argv.ok())
        return argv.error();
    const QString experimentName = spec.experimentName.isEmpty() ? QStringLiteral("Default") : spec.experimentName;
    if (Status writable = checkStoreWritable(experimentName); !writable.ok())
        return writable.error();
    auto experimentId = experimentIdFor(experimentName);
    if (!experimentId.ok())
        return experimentId.error();
    return submitResolved(spec, argv.value(), experimentId.value(), experimentName);
}

Result<JobStatus> LocalRunner::submitResolved(const JobSpec &spec, const QStringList &argv,
                                              const QString &experimentId, const QString &experimentName)
{
    Error error;
    TrackingStore *s = store(&error);
    if (!s)
        return error;
    const QString jobId =
        QStringLiteral("local-") + QUuid::createUuid().toString(QUuid::Id128).left(12);
    const ProcInfo self = readProc(QCoreApplication::applicationPid());
    QList<Tag> runTags = {
        {tags::User, m_user},
        {tags::SourceName, argv.first()},
        {tags::SourceType, QStringLiteral("LOCAL")},
        {tags::JobId, jobId},
        {tags::JobCommand, commandLine(argv)},
        {tags::JobHost, m_host},
        {OwnerPidTag, QString::number(QCoreApplication::applicationPid())},
        {OwnerStartTag, QString::number(self.startTicks)},
    };
    if (!spec.parentRunId.isEmpty())
        runTags.append({tags::ParentRunId, spec.parentRunId});
    auto run = s->createRun(experimentId, spec.runName, nowMs(), runTags, m_user);
    if (!run.ok())
        return run.error();
    const QString runId = run->info.runId;
    auto undo = [&](const Error &e) {
        failRun(runId, e.message, RunStatus::Failed);
        return e;
    };
    if (Status st = s->updateRun(runId, RunStatus::Scheduled, 0); !st.ok())
        return undo(st.error());
    QList<Param> params;
    for (const auto &[key, value] : spec.params)
        params.append({key, value});
    if (!params.isEmpty()) {
        if (Status st = s->logBatch(runId, {}, params, {}); !st.ok())
            return undo(st.error());
    }

    auto job = std::make_shared<Job>();
    job->spec = spec;
    job->argv = argv;
    job->experimentName = experimentName;
    job->status.jobId = jobId;
    job->status.runId = runId;
    job->status.experimentId = experimentId;
    job->status.name = run->info.runName.isEmpty() ? spec.runName : run->info.runName;
    job->status.state = JobState::Queued;
    job->status.queuedAtMs = nowMs();
    job->status.logPath = logPathFor(runId);
    job->uploadLog = s->localArtifactPath(runId, LogArtifact).isEmpty();
    job->exitFile = QFileInfo(job->status.logPath).absolutePath() + QLatin1Char('/') + ExitCodeFile;
    m_jobs.append(job);
    qCDebug(lcRunner) << "queued" << jobId << "run" << runId << "gpus" << spec.gpus;
    emitChanged(*job);
    scheduleLater();
    return job->status;
}

Result<QList<JobStatus>> LocalRunner::submitSweep(const SweepSpec &sweep)
{
    if (m_shutDown)
        return makeError(tr("The runner has been shut down."), QStringLiteral("SHUT_DOWN"));
    Error error;
    TrackingStore *s = store(&error);
    if (!s)
        return error;
    const QList<JobSpec> children = sweep.expand();
    if (children.isEmpty())
        return makeError(tr("The sweep has no combinations: every parameter needs at least one value."),
                         QStringLiteral("INVALID_PARAMETER_VALUE"));
    if (sweep.base.gpus < 0)
        return makeError(tr("The GPU count cannot be negative."), QStringLiteral("INVALID_PARAMETER_VALUE"));
    if (sweep.base.gpus > m_options.gpuCount)
        return makeError(QCoreApplication::translate("lab::LocalRunner",
                                                     "Each run of the sweep needs %n GPU(s), but this workstation has %1.",
                                                     nullptr, sweep.base.gpus)
                             .arg(m_options.gpuCount),
                         QStringLiteral("NOT_ENOUGH_GPUS"));
    // Everything is checked before the first run is created, so a bad sweep leaves nothing behind.
    QList<QStringList> argvs;
    for (const JobSpec &child : children) {
        auto argv = resolveArguments(child);
        if (!argv.ok())
            return argv.error();
        argvs.append(argv.value());
    }
    const QString experimentName =
        sweep.base.experimentName.isEmpty() ? QStringLiteral("Default") : sweep.base.experimentName;
    if (Status writable = checkStoreWritable(experimentName); !writable.ok())
        return writable.error();
    auto experimentId = experimentIdFor(experimentName);
    if (!experimentId.ok())
        return experimentId.error();

    const QList<Tag> parentTags = {
        {tags::User, m_user},
        {tags::SourceName, argvs.first().first()},
        {tags::SourceType, QStringLiteral("LOCAL")},
        {tags::SweepParent, QStringLiteral("true")},
        {tags::JobHost, m_host},
    };
    const QString parentName = sweep.base.runName.isEmpty() ? QStringLiteral("sweep") : sweep.base.runName;
    auto parent = s->createRun(experimentId.value(), parentName, nowMs(), parentTags, m_user);
    if (!parent.ok())
        return parent.error();
    const QString parentId = parent->info.runId;
    if (parent->info.status != RunStatus::Running)
        s->updateRun(parentId, RunStatus::Running, 0);
    QList<Param> fixed;
    for (const auto &[key, value] : sweep.base.params) {
        const bool isAxis = std::any_of(sweep.axes.begin(), sweep.axes.end(),
                                        [&](const auto &axis) { return axis.first == key; });
        if (!isAxis)
            fixed.append({key, value});
    }
    if (!fixed.isEmpty())
        s->logBatch(parentId, {}, fixed, {});

    auto record = std::make_shared<Sweep>();
    record->parentRunId = parentId;
    m_sweeps.insert(parentId, record);
    QList<JobStatus> out;
    for (int i = 0; i < children.size(); ++i) {
        JobSpec child = children[i];
        child.parentRunId = parentId;
        auto submitted = submitResolved(child, argvs[i], experimentId.value(), experimentName);
        if (!submitted.ok()) {
            for (const JobStatus &queued : out)
                cancel(queued.jobId);
            m_sweeps.remove(parentId);
            failRun(parentId, submitted.error().message, RunStatus::Failed);
            return submitted.error();
        }
        record->childRunIds.append(submitted->runId);
        out.append(submitted.value());
    }
    return out;
}

void LocalRunner::scheduleLater()
{
    // Deferred to the event loop: submit() returns the queued status first, and a sweep's
    // children are all created before any of them starts.
    if (m_schedulePending)
        return;
    m_schedulePending = true;
    QMetaObject::invokeMethod(
        this,
        [this] {
            m_schedulePending = false;
            schedule();
        },
        Qt::QueuedConnection);
}

void LocalRunner::schedule()
{
    if (m_shutDown)
        return;
    // FIFO per resource class: GPU jobs wait in order (a big job at the head is not starved by
    // smaller ones behind it); CPU jobs are independent of the GPU queue.
    bool gpuHeadWaiting = false;
    const auto snapshot = m_jobs;
    for (const auto &job : snapshot) {
        if (job->status.state != JobState::Queued)
            continue;
        if (job->spec.gpus > 0) {
            if (gpuHeadWaiting)
                continue;
            QList<int> free;
            for (int g = 0; g < m_options.gpuCount && free.size() < job->spec.gpus; ++g)
                if (!m_busyGpus.contains(g))
                    free << g;
            if (free.size() < job->spec.gpus) {
                gpuHeadWaiting = true;
                continue;
            }
            start(*job, free);
        } else if (m_runningCpuJobs < m_options.maxCpuJobs) {
            start(*job, {});
        }
    }
}

QString LocalRunner::logPathFor(const QString &runId)
{
    Error error;
    TrackingStore *s = store(&error);
    QString path = s ? s->localArtifactPath(runId, LogArtifact) : QString();
    if (path.isEmpty()) // a remote store: keep the log locally and copy it to the run at the end
        path = QStandardPaths::writableLocation(QStandardPaths::AppLocalDataLocation) + QStringLiteral("/jobs/")
               + runId + QStringLiteral("/output.log");
    return path;
}

void LocalRunner::start(Job &job, const QList<int> &gpus)
{
    Error error;
    TrackingStore *s = store(&error);
    if (!s)
        return;
    const QString runId = job.status.runId;

    auto failToStart = [&](const QString &reason) {
        qCWarning(lcRunner) << "job" << job.status.jobId << "failed to start:" << reason;
        job.status.state = JobState::Failed;
        job.status.exitCode = -1;
        job.status.message = tr("The job could not start: %1").arg(reason);
        job.status.finishedAtMs = nowMs();
        s->setTag(runId, tags::JobMessage, job.status.message);
        s->updateRun(runId, RunStatus::Failed, job.status.finishedAtMs);
        emitChanged(job);
        updateSweeps(job.spec.parentRunId);
    };

    const QFileInfo logInfo(job.status.logPath);
    if (!QDir().mkpath(logInfo.absolutePath())) {
        failToStart(tr("cannot create the log folder %1").arg(logInfo.absolutePath()));
        return;
    }
    QFile::remove(job.exitFile);
    {
        QFile log(job.status.logPath); // created here so a failure to open it is ours to report
        if (!log.open(QIODevice::WriteOnly | QIODevice::Append)) {
            failToStart(tr("cannot write the log file %1: %2").arg(job.status.logPath, log.errorString()));
            return;
        }
        job.logOffset = log.size();
    }

    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    for (auto it = job.spec.env.cbegin(); it != job.spec.env.cend(); ++it)
        env.insert(it.key(), it.value());
    env.insert(QStringLiteral("MLFLOW_TRACKING_URI"), m_jobTrackingUri);
    env.insert(QStringLiteral("MLFLOW_RUN_ID"), runId);
    env.insert(QStringLiteral("MLFLOW_EXPERIMENT_NAME"), job.experimentName);
    env.insert(QStringLiteral("MLFLOW_EXPERIMENT_ID"), job.status.experimentId);
    // Empty hides every GPU from a CPU job, so it cannot take a GPU another job holds. PCI bus
    // order makes CUDA's indices the same as NVML's (the telemetry panel's), which CUDA's
    // default "fastest first" order does not promise.
    env.insert(QStringLiteral("CUDA_VISIBLE_DEVICES"), gpuList(gpus));
    if (!job.spec.env.contains(QStringLiteral("CUDA_DEVICE_ORDER")))
        env.insert(QStringLiteral("CUDA_DEVICE_ORDER"), QStringLiteral("PCI_BUS_ID"));

    // RUNNING before the process exists: a fast program that ends its own run must not have its
    // final status overwritten by ours.
    if (Status st = s->updateRun(runId, RunStatus::Running, 0); !st.ok()) {
        failToStart(st.error().message);
        return;
    }

    QProcess process;
    process.setProgram(QStringLiteral("/bin/sh"));
    process.setArguments(QStringList{QStringLiteral("-c"), Wrapper, QStringLiteral("sh"), job.exitFile} + job.argv);
    process.setProcessEnvironment(env);
    process.setWorkingDirectory(job.spec.workingDirectory);
    process.setStandardInputFile(QProcess::nullDevice());
    process.setStandardOutputFile(job.status.logPath, QIODevice::Append);
    process.setStandardErrorFile(job.status.logPath, QIODevice::Append);
    qint64 pid = 0;
    if (!process.startDetached(&pid) || pid <= 0) {
        failToStart(process.errorString());
        return;
    }

    const ProcInfo info = readProc(pid);
    job.startTicks = info.startTicks;
    job.pgid = info.pgrp;
    job.status.pid = pid;
    job.status.gpuIndices = gpus;
    job.status.state = JobState::Running;
    job.status.startedAtMs = nowMs();
    for (int g : gpus)
        m_busyGpus.insert(g);
    if (gpus.isEmpty())
        ++m_runningCpuJobs;
    QList<Tag> startTags = {
        {tags::JobPid, QString::number(pid)},
        {tags::JobPidStart, QString::number(info.startTicks)},
        {tags::JobHost, m_host},
    };
    if (!gpus.isEmpty())
        startTags.append({tags::JobGpus, gpuList(gpus)});
    if (Status st = s->logBatch(runId, {}, {}, startTags); !st.ok())
        qCWarning(lcRunner) << "cannot tag run" << runId << st.error().toString();
    qCDebug(lcRunner) << "started" << job.status.jobId << "pid" << pid << "gpus" << gpus;
    emitChanged(job);
    ensureTimer();
}

void LocalRunner::ensureTimer()
{
    if (!m_shutDown && !m_timer->isActive())
        m_timer->start();
}

void LocalRunner::readLog(Job &job, qint64 maxBytes)
{
    QFile f(job.status.logPath);
    if (!f.open(QIODevice::ReadOnly))
        return;
    const qint64 size = f.size();
    if (size < job.logOffset) // truncated by someone: start over
        job.logOffset = 0;
    while (job.logOffset < size && maxBytes > 0) {
        if (!f.seek(job.logOffset))
            return;
        const QByteArray data = f.read(std::min({size - job.logOffset, maxBytes, LogChunk}));
        if (data.isEmpty())
            return;
        job.logOffset += data.size();
        maxBytes -= data.size();
        emit logAppended(job.status.jobId, data);
    }
}

void LocalRunner::poll()
{
    const qint64 now = nowMs();
    bool anyRunning = false;
    const auto snapshot = m_jobs;
    for (const auto &job : snapshot) {
        if (job->status.state != JobState::Running)
            continue;
        readLog(*job, LogChunk);
        if (processAlive(job->status.pid, job->startTicks)) {
            if (job->cancelRequested && !job->killSent && now >= job->killAtMs) {
                qCDebug(lcRunner) << "job" << job->status.jobId << "ignored SIGTERM; sending SIGKILL";
                killGroup(*job, SIGKILL);
                job->killSent = true;
            }
            anyRunning = true;
            continue;
        }
        readLog(*job, std::numeric_limits<qint64>::max());
        int code = 0;
        const bool haveExit = readExitCode(job->exitFile, &code);
        finish(*job, haveExit, code);
    }
    if (!anyRunning && std::none_of(m_jobs.begin(), m_jobs.end(),
                                    [](const auto &j) { return j->status.state == JobState::Running; }))
        m_timer->stop();
}

void LocalRunner::failRun(const QString &runId, const QString &message, RunStatus status)
{
    Error error;
    TrackingStore *s = store(&error);
    if (!s)
        return;
    s->setTag(runId, tags::JobMessage, message.left(4000));
    s->updateRun(runId, status, nowMs());
}

void LocalRunner::finish(Job &job, bool haveExit, int exitCode)
{
    for (int g : job.status.gpuIndices)
        m_busyGpus.remove(g);
    if (job.status.gpuIndices.isEmpty())
        m_runningCpuJobs = std::max(0, m_runningCpuJobs - 1);
    job.status.finishedAtMs = nowMs();
    job.status.exitCode = haveExit ? exitCode : -1;

    Error error;
    TrackingStore *s = store(&error);
    std::optional<RunStatus> runStatus;
    if (s) {
        if (auto run = s->getRun(job.status.runId); run.ok())
            runStatus = run->info.status;
    }
    const bool runOpen = !runStatus || !isTerminal(*runStatus);

    if (job.uploadLog && s) {
        QFile log(job.status.logPath);
        if (log.open(QIODevice::ReadOnly))
            s->writeArtifact(job.status.runId, LogArtifact, log.read(64ll << 20));
    }

    if (job.cancelRequested && haveExit && exitCode == 0 && runStatus == RunStatus::Finished) {
        job.status.state = JobState::Succeeded; // it finished before the signal reached it
        job.status.message.clear();
    } else if (job.cancelRequested) {
        job.status.state = JobState::Cancelled;
        job.status.message = tr("cancelled");
        if (s && runOpen) {
            s->setTag(job.status.runId, tags::JobMessage, job.status.message);
            s->updateRun(job.status.runId, RunStatus::Killed, job.status.finishedAtMs);
        }
    } else if (haveExit && exitCode == 0) {
        job.status.state = JobState::Succeeded;
        job.status.message.clear();
        if (s && runOpen)
            s->updateRun(job.status.runId, RunStatus::Finished, job.status.finishedAtMs);
    } else {
        job.status.state = JobState::Failed;
        QString what;
        if (!haveExit)
            what = job.adopted ? tr("exit status unknown") : tr("ended without an exit status (killed?)");
        else if (exitCode > 128 && exitCode < 128 + 65)
            what = tr("crashed (signal %1, %2)")
                       .arg(exitCode - 128)
                       .arg(QString::fromLocal8Bit(strsignal(exitCode - 128)));
        else
            what = tr("exited with code %1").arg(exitCode);
        const QStringList tail = lastLines(job.status.logPath, 10);
        job.status.message = tail.isEmpty() ? what : what + QStringLiteral("; last output:\n") + tail.join(QLatin1Char('\n'));
        if (s) {
            QList<Tag> endTags = {{tags::JobMessage, job.status.message.left(4000)}};
            if (haveExit)
                endTags.append({tags::JobExitCode, QString::number(exitCode)});
            s->logBatch(job.status.runId, {}, {}, endTags);
            if (runOpen)
                s->updateRun(job.status.runId, RunStatus::Failed, job.status.finishedAtMs);
        }
    }
    qCDebug(lcRunner) << "job" << job.status.jobId << jobStateName(job.status.state) << job.status.exitCode;
    emitChanged(job);
    updateSweeps(job.spec.parentRunId);
    scheduleLater();
}

void LocalRunner::killGroup(Job &job, int signal)
{
    // Only a process that is still ours: a reused pid belongs to someone else.
    const ProcInfo info = readProc(job.status.pid);
    if (!info.exists || (job.startTicks && info.startTicks != job.startTicks))
        return;
    const qint64 pgid = info.pgrp > 1 ? info.pgrp : job.pgid;
    if (pgid > 1 && pgid != ::getpgrp())
        ::kill(-pid_t(pgid), signal);
    else
        ::kill(pid_t(job.status.pid), signal);
}

Status LocalRunner::cancel(const QString &jobIdOrRunId)
{
    if (auto sweep = m_sweeps.value(jobIdOrRunId)) {
        for (const QString &child : sweep->childRunIds) {
            Job *job = find(child);
            if (job && (job->status.state == JobState::Queued || job->status.state == JobState::Running))
                cancel(child);
        }
        updateSweeps(jobIdOrRunId);
        return {};
    }
    Job *job = find(jobIdOrRunId);
    if (!job)
        return makeError(tr("No job or run '%1' is known to this console.").arg(jobIdOrRunId),
                         QStringLiteral("RESOURCE_DOES_NOT_EXIST"));
    switch (job->status.state) {
    case JobState::Queued: {
        job->status.state = JobState::Cancelled;
        job->status.message = tr("cancelled before it started");
        job->status.finishedAtMs = nowMs();
        failRun(job->status.runId, job->status.message, RunStatus::Killed);
        emitChanged(*job);
        updateSweeps(job->spec.parentRunId);
        return {};
    }
    case JobState::Starting:
    case JobState::Running:
        if (!job->cancelRequested) {
            job->cancelRequested = true;
            job->killAtMs = nowMs() + std::max(0, m_options.killGraceMs);
            killGroup(*job, SIGTERM);
            job->status.message = tr("stopping");
            emitChanged(*job);
            ensureTimer();
        }
        return {};
    default:
        return makeError(tr("The job '%1' has already ended.").arg(job->status.name),
                         QStringLiteral("INVALID_STATE"));
    }
}

void LocalRunner::updateSweeps(const QString &parentRunId)
{
    if (parentRunId.isEmpty())
        return;
    auto sweep = m_sweeps.value(parentRunId);
    if (!sweep || sweep->done)
        return;
    bool failed = false;
    bool killed = false;
    for (const QString &child : std::as_const(sweep->childRunIds)) {
        if (const Job *job = find(child)) {
            switch (job->status.state) {
            case JobState::Queued:
            case JobState::Starting:
            case JobState::Running: return; // still going
            case JobState::Failed: failed = true; break;
            case JobState::Cancelled: killed = true; break;
            case JobState::Succeeded: break;
            }
        } else if (sweep->endedBefore.contains(child)) {
            const RunStatus st = sweep->endedBefore.value(child);
            failed |= st == RunStatus::Failed;
            killed |= st == RunStatus::Killed;
        }
    }
    sweep->done = true;
    const RunStatus status = failed ? RunStatus::Failed : killed ? RunStatus::Killed : RunStatus::Finished;
    Error error;
    if (TrackingStore *s = store(&error))
        s->updateRun(parentRunId, status, nowMs());
    emit sweepChanged(parentRunId, status);
}

void LocalRunner::emitChanged(const Job &job)
{
    emit jobChanged(job.status);
}

LocalRunner::Job *LocalRunner::find(const QString &id)
{
    for (const auto &job : std::as_const(m_jobs))
        if (job->status.jobId == id || job->status.runId == id)
            return job.get();
    return nullptr;
}

const LocalRunner::Job *LocalRunner::find(const QString &id) const
{
    return const_cast<LocalRunner *>(this)->find(id);
}

QList<JobStatus> LocalRunner::jobs() const
{
    QList<JobStatus> out;
    out.reserve(m_jobs.size());
    for (const auto &job : m_jobs)
        out.append(job->status);
    return out;
}

std::optional<JobStatus> LocalRunner::job(const QString &jobIdOrRunId) const
{
    if (const Job *j = find(jobIdOrRunId))
        return j->status;
    return std::nullopt;
}

QMap<int, QString> LocalRunner::gpuOwners() const
{
    QMap<int, QString> out;
    for (const auto &job : m_jobs)
        if (job->status.state == JobState::Running)
            for (int g : job->status.gpuIndices)
                out.insert(g, job->status.jobId);
    return out;
}

Result<int> LocalRunner::recover()
{
    Error error;
    TrackingStore *s = store(&error);
    if (!s)
        return error;
    auto experiments = s->listExperiments(ViewType::ActiveOnly);
    if (!experiments.ok())
        return experiments.error();
    QStringList experimentIds;
    for (const Experiment &e : experiments.value())
        experimentIds << e.id;
    if (experimentIds.isEmpty())
        return 0;

    // The store's filter does the work where it can; the status is checked here again, so a
    // store without the filter engine (or an error from it) falls back to a full listing.
    auto searchAll = [&](const QStringList &ids, const QString &filter) -> Result<QList<Run>> {
        QList<Run> out;
        RunSearch search;
        search.experimentIds = ids;
        search.filter = filter;
        for (;;) {
            auto page = s->searchRuns(search);
            if (!page.ok()) {
                if (!search.filter.isEmpty()) {
                    search.filter.clear();
                    search.pageToken.clear();
                    out.clear();
                    continue;
                }
                return page.error();
            }
            out += page->runs;
            if (page->nextPageToken.isEmpty() || page->runs.isEmpty())
                return out;
            search.pageToken = page->nextPageToken;
        }
    };
    QList<Run> candidates;
    for (const char *status : {"RUNNING", "SCHEDULED"}) {
        auto runs = searchAll(experimentIds, QStringLiteral("attributes.status = '%1'").arg(QLatin1String(status)));
        if (!runs.ok())
            return runs.error();
        for (const Run &r : runs.value()) {
            const bool wanted = r.info.status == RunStatus::Running || r.info.status == RunStatus::Scheduled;
            const bool seen = std::any_of(candidates.begin(), candidates.end(),
                                          [&](const Run &c) { return c.info.runId == r.info.runId; });
            if (wanted && !seen)
                candidates.append(r);
        }
    }

    int handled = 0;
    const qint64 selfPid = QCoreApplication::applicationPid();
    QList<Run> sweepParents;
    for (const Run &run : std::as_const(candidates)) {
        if (run.tag(tags::JobHost) != m_host || find(run.info.runId))
            continue;
        if (run.tag(tags::SweepParent) == QLatin1String("true")) {
            sweepParents.append(run);
            continue;
        }
        if (run.tag(tags::JobId).isEmpty())
            continue; // not one of ours (a script logging to the store on its own)
        const qint64 pid = run.tag(tags::JobPid).toLongLong();
        const QString runId = run.info.runId;
        if (run.info.status == RunStatus::Scheduled || pid <= 0) {
            const qint64 owner = run.tag(OwnerPidTag).toLongLong();
            const bool ownerAlive = owner > 0 && owner != selfPid
                                    && processAlive(owner, run.tag(OwnerStartTag).toLongLong());
            if (ownerAlive)
                continue; // another console queued it and is still open
            failRun(runId, tr("the console closed before it started"),
                    run.info.status == RunStatus::Scheduled ? RunStatus::Killed : RunStatus::Failed);
            ++handled;
            continue;
        }
        const qint64 startTicks = run.tag(tags::JobPidStart).toLongLong();
        const QString logPath = logPathFor(runId);
        const QString exitFile = QFileInfo(logPath).absolutePath() + QLatin1Char('/') + ExitCodeFile;
        if (!processAlive(pid, startTicks)) {
            int code = 0;
            if (readExitCode(exitFile, &code)) {
                if (code == 0) {
                    s->updateRun(runId, RunStatus::Finished, nowMs());
                } else {
                    const QString message = tr("exited with code %1 while the console was closed").arg(code);
                    s->setTag(runId, tags::JobExitCode, QString::number(code));
                    failRun(runId, message, RunStatus::Failed);
                }
            } else {
                failRun(runId, tr("the process ended while the console was closed"), RunStatus::Failed);
            }
            ++handled;
            continue;
        }
        auto job = std::make_shared<Job>();
        job->adopted = true;
        job->status.jobId = run.tag(tags::JobId);
        job->status.runId = runId;
        job->status.experimentId = run.info.experimentId;
        job->status.name = run.info.runName;
        job->status.state = JobState::Running;
        job->status.pid = pid;
        job->status.gpuIndices = parseGpuList(run.tag(tags::JobGpus));
        job->status.startedAtMs = run.info.startTime;
        job->status.queuedAtMs = run.info.startTime;
        job->status.logPath = logPath;
        job->spec.runName = run.info.runName;
        job->spec.gpus = int(job->status.gpuIndices.size());
        job->spec.parentRunId = run.parentRunId();
        job->exitFile = exitFile;
        job->startTicks = startTicks;
        job->pgid = readProc(pid).pgrp;
        for (int g : job->status.gpuIndices)
            m_busyGpus.insert(g);
        if (job->status.gpuIndices.isEmpty())
            ++m_runningCpuJobs;
        m_jobs.append(job);
        qCDebug(lcRunner) << "adopted" << job->status.jobId << "pid" << pid;
        emitChanged(*job);
        ensureTimer();
        ++handled;
    }

    for (const Run &parent : std::as_const(sweepParents)) {
        const QString parentId = parent.info.runId;
        auto children = searchAll({parent.info.experimentId},
                                  QStringLiteral("tags.`mlflow.parentRunId` = '%1'").arg(parentId));
        if (!children.ok())
            continue;
        auto record = std::make_shared<Sweep>();
        record->parentRunId = parentId;
        for (const Run &child : children.value()) {
            if (child.parentRunId() != parentId)
                continue;
            record->childRunIds.append(child.info.runId);
            if (!find(child.info.runId)) {
                // Ended before or just now (marked above): read what the store holds now.
                auto now = s->getRun(child.info.runId);
                record->endedBefore.insert(child.info.runId, now.ok() ? now->info.status : child.info.status);
            }
        }
        m_sweeps.insert(parentId, record);
        updateSweeps(parentId);
        ++handled;
    }
    return handled;
}

void LocalRunner::shutdown()
{
    if (m_shutDown)
        return;
    m_shutDown = true;
    m_timer->stop();
    for (const auto &job : std::as_const(m_jobs)) {
        if (job->status.state == JobState::Queued) {
            job->status.state = JobState::Cancelled;
            job->status.message = tr("the console closed before it started");
            job->status.finishedAtMs = nowMs();
            failRun(job->status.runId, job->status.message, RunStatus::Killed);
        } else if (job->status.state == JobState::Running && job->cancelRequested) {
            // The user asked for it to stop; do not leave a SIGTERM-ignoring job behind.
            killGroup(*job, SIGKILL);
            failRun(job->status.runId, tr("cancelled"), RunStatus::Killed);
        }
    }
    // Running jobs are left running on purpose; their sweep parents stay RUNNING for recover().
}

} // namespace lab
