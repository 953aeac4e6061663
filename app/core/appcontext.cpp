#include "appcontext.h"

#include "compute/localrunner.h"
#include "core/secretstore.h"
#include "project/labprofiles.h"
#include "telemetry/nvmltelemetry.h"
#include "tracking/trackingservice.h"
#include "tracking/trackingstorefactory.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QStandardPaths>
#include <QTimer>

namespace lab {

namespace {

// Children of each process, from /proc/<pid>/stat (field 4 is the parent pid). Our jobs run
// under a small shell wrapper, so the process NVML reports is the wrapper's child.
QHash<qint64, QList<qint64>> childrenByParent()
{
    QHash<qint64, QList<qint64>> children;
    const QStringList entries = QDir(QStringLiteral("/proc")).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    for (const QString &e : entries) {
        bool ok = false;
        const qint64 pid = e.toLongLong(&ok);
        if (!ok)
            continue;
        QFile f(QStringLiteral("/proc/") + e + QStringLiteral("/stat"));
        if (!f.open(QIODevice::ReadOnly))
            continue;
        const QByteArray stat = f.read(512);
        // The command name (field 2) is in parentheses and may hold spaces: read after the last ')'.
        const qsizetype close = stat.lastIndexOf(')');
        if (close < 0)
            continue;
        const QList<QByteArray> fields = stat.mid(close + 2).split(' ');
        if (fields.size() > 1)
            children[fields[1].toLongLong()].append(pid);
    }
    return children;
}

} // namespace

AppContext::AppContext(QObject *parent) : QObject(parent) {}

AppContext::~AppContext()
{
    if (m_telemetry)
        m_telemetry->stop();
    if (m_runner)
        m_runner->shutdown();
}

GpuTelemetry *AppContext::telemetry() const
{
    return m_telemetry.get();
}

QString AppContext::findTrainer()
{
    const QString dir = QCoreApplication::applicationDirPath();
    for (const QString &candidate :
         {dir + QStringLiteral("/lab-train"), dir + QStringLiteral("/../trainer/lab-train")}) {
        const QFileInfo fi(candidate);
        if (fi.isFile() && fi.isExecutable())
            return QDir::cleanPath(fi.absoluteFilePath());
    }
    const QString onPath = QStandardPaths::findExecutable(QStringLiteral("lab-train"));
    if (!onPath.isEmpty())
        return onPath;
#ifdef LABCONSOLE_INSTALL_BINDIR
    const QFileInfo installed(QStringLiteral(LABCONSOLE_INSTALL_BINDIR "/lab-train"));
    if (installed.isExecutable())
        return installed.absoluteFilePath();
#endif
    return {};
}

Result<std::unique_ptr<AppContext>> AppContext::create(const AppOptions &options, QObject *parent)
{
    const QString name = options.profile.isEmpty() ? LabProfiles::defaultName() : options.profile;
    auto profile = LabProfiles::find(name);
    if (!profile.ok())
        return profile.error();
    if (profile->kind != ProfileKind::Local) {
        Error e = makeError(QCoreApplication::translate(
                                "lab::AppContext", "The profile %1 works on a Kubernetes cluster, which this "
                                                   "version of Lab Console cannot reach yet.")
                                .arg(name),
                            QStringLiteral("NOT_SUPPORTED"));
        e.hint = QCoreApplication::translate("lab::AppContext", "Use the profile local.");
        return e;
    }

    std::unique_ptr<AppContext> ctx(new AppContext(parent));
    ctx->m_profile = profile.value();
    const QString uri =
        resolveTrackingUri(options.trackingUri.isEmpty() ? ctx->m_profile.tracking.uri : options.trackingUri);
    // Credentials, TLS and the offline cache concern servers only; local stores open as before.
    StoreOptions storeOptions;
    if (uri.startsWith(QLatin1String("http://"), Qt::CaseInsensitive) ||
        uri.startsWith(QLatin1String("https://"), Qt::CaseInsensitive)) {
        storeOptions.credentials = options.credentials;
        storeOptions.serverCertPath = options.serverCertPath;
        storeOptions.clientCertPath = options.clientCertPath;
        storeOptions.insecureTls = options.insecureTls;
        storeOptions.offlineCache = options.offlineCache;
    }
    auto store = openTrackingStore(uri, storeOptions);
    if (!store.ok())
        return store.error();
    ctx->m_trackingUri = store.value()->uri();
    ctx->m_tracking = std::make_unique<TrackingService>(std::move(store.value()));

    LocalRunner::Options runnerOptions;
    runnerOptions.gpuCount = ctx->m_profile.gpuCount;
    runnerOptions.maxCpuJobs = ctx->m_profile.maxCpuJobs;
    runnerOptions.trainerProgram = options.trainerProgram.isEmpty() ? findTrainer() : options.trainerProgram;
    // The runner's store lives on the GUI thread, apart from the service's worker-thread one. Its
    // calls are few (create a run at launch, the final status), but against a server they wait on
    // the network: keep them short (one retry, 10 s) and never answer them from the offline cache,
    // so a launch fails in words instead of freezing the window through MLflow's long retry policy.
    StoreOptions runnerStoreOptions = storeOptions;
    runnerStoreOptions.offlineCache = false;
    runnerStoreOptions.maxRetries = 1;
    runnerStoreOptions.timeoutMs = 10000;
    ctx->m_runner = std::make_unique<LocalRunner>(
        [uri, runnerStoreOptions]() { return openTrackingStore(uri, runnerStoreOptions); }, uri, runnerOptions);
    ctx->m_secrets = new SecretStore(ctx.get());

    ctx->m_telemetry = std::make_unique<NvmlTelemetry>();
    AppContext *self = ctx.get();
    connect(ctx->m_runner.get(), &ComputeBackend::jobChanged, self, &AppContext::updateGpuOwners);
    // A job's program starts a moment after the wrapper: look again while jobs run.
    ctx->m_ownerTimer = new QTimer(self);
    ctx->m_ownerTimer->setInterval(5000);
    connect(ctx->m_ownerTimer, &QTimer::timeout, self, &AppContext::updateGpuOwners);
    if (options.telemetry)
        ctx->m_telemetry->start(options.telemetryIntervalMs);
    return ctx;
}

Result<int> AppContext::recover()
{
    auto result = m_runner->recover();
    updateGpuOwners();
    return result;
}

void AppContext::updateGpuOwners()
{
    QList<JobStatus> running;
    for (const JobStatus &j : m_runner->jobs())
        if ((j.state == JobState::Running || j.state == JobState::Starting) && j.pid > 0)
            running << j;
    if (running.isEmpty()) {
        m_ownerTimer->stop();
        m_telemetry->setPidOwners({});
        return;
    }
    if (!m_ownerTimer->isActive())
        m_ownerTimer->start();
    const auto children = childrenByParent();
    QHash<qint64, GpuOwner> owners;
    for (const JobStatus &j : std::as_const(running)) {
        const GpuOwner owner{j.jobId, j.runId, j.name};
        QList<qint64> pending{j.pid};
        while (!pending.isEmpty()) {
            const qint64 pid = pending.takeLast();
            if (owners.contains(pid))
                continue;
            owners.insert(pid, owner);
            pending += children.value(pid);
        }
    }
    m_telemetry->setPidOwners(owners);
}

} // namespace lab
