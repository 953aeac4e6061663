#pragma once

#include "compute/computebackend.h"
#include "core/types.h"

#include <QHash>
#include <QList>
#include <QMap>
#include <QSet>
#include <QString>

#include <functional>
#include <memory>

class QTimer;

namespace lab {

class TrackingStore;

// The local lab's compute backend: jobs are processes on this workstation, their runs live in
// the tracking store the runner is given (normally the MLflow file store).
//
// Process design (why detached): a job must outlive the console (DESIGN.md: close and reopen
// with nothing lost), and QProcess kills its child in its destructor. So every job is started
// with QProcess::startDetached (double fork, its own session, reparented to init) through a tiny
// /bin/sh wrapper:
//     /bin/sh -c 'trap : TERM INT HUP; f=$1; shift; "$@"; s=$?; echo $s > "$f"; exit $s' sh EXITFILE PROGRAM ARGS...
// stdout and stderr go straight to the run's log artifact (`logs/output.log`), stdin is
// /dev/null. The wrapper records the program's exit status in `logs/exit_code` (128+N when it
// died of signal N, the shell's convention), so the status survives the console too. The
// trap makes the wrapper outlive its program when a SIGTERM reaches the whole process group,
// so the wrapper's pid marks the job's lifetime. The runner watches that pid through /proc
// (state and start time, field 22 of /proc/<pid>/stat, which tells a reused pid apart) and
// follows the log file from its last offset, both on one 250 ms timer on the runner's thread.
// cancel() signals the job's process group: SIGTERM, then SIGKILL after killGraceMs.
//
// Shutdown leaves running jobs running (they keep writing their own logs and run status);
// recover() at the next start adopts them, or marks their runs when they ended meanwhile.
// Queued jobs that never started are marked KILLED at shutdown.
//
// Store calls are blocking and run on the runner's thread (the GUI thread): a few small files
// per launch, start and end; never a wait on a process.
class LocalRunner : public ComputeBackend
{
    Q_OBJECT
public:
    struct Options
    {
        int gpuCount = -1;   // -1: detectGpuCount()
        int maxCpuJobs = 0;  // 0: max(1, idealThreadCount / 2)
        QString trainerProgram; // empty: lab-train next to the application binary, then on PATH
        int killGraceMs = 5000; // SIGTERM -> SIGKILL delay on cancel
        int pollIntervalMs = 250; // log follow and process liveness check
    };
    using StoreFactory = std::function<Result<std::unique_ptr<TrackingStore>>()>;

    // `trackingUri` is what jobs get as MLFLOW_TRACKING_URI ("file:///abs/mlruns"; a relative
    // path or file: URI is made absolute first); for a file: URI or a plain path it is also where
    // submit() checks for write permission.
    LocalRunner(std::unique_ptr<TrackingStore> store, const QString &trackingUri, const Options &options,
                QObject *parent = nullptr);
    // The store is opened on first use; a factory error is returned by submit()/recover().
    LocalRunner(StoreFactory factory, const QString &trackingUri, const Options &options, QObject *parent = nullptr);
    ~LocalRunner() override; // calls shutdown()

    Result<JobStatus> submit(const JobSpec &spec) override;
    Result<QList<JobStatus>> submitSweep(const SweepSpec &sweep) override;
    // A job id or run id; the parent run of a sweep cancels all its children.
    Status cancel(const QString &jobIdOrRunId) override;
    QList<JobStatus> jobs() const override; // every job known to this runner, in submission order
    std::optional<JobStatus> job(const QString &jobIdOrRunId) const override;

    // At start-up: adopt jobs of this host still running, mark runs whose process ended while
    // the console was closed. Returns the number of runs it adopted or marked.
    Result<int> recover();
    // Stops following; running jobs keep running; queued runs are marked KILLED. Idempotent.
    void shutdown();

    const Options &options() const { return m_options; } // with defaults resolved
    QString trackingUri() const { return m_trackingUri; }
    // GPU index -> job id, for the GPU panel's "held by".
    QMap<int, QString> gpuOwners() const;

    // GPUs on this machine from the driver's device files (/dev/nvidia<N>); 0 without a driver.
    // The app may pass NVML's count through Options::gpuCount instead.
    static int detectGpuCount();
    // Resolves a program the way submit() does (a path, else PATH); empty when not found.
    static QString resolveProgram(const QString &program, const QString &workingDirectory = {},
                                  const QString &pathEnv = {});

Q_SIGNALS:
    // A sweep's parent run changed status (RUNNING -> FINISHED / FAILED / KILLED).
    void sweepChanged(const QString &parentRunId, lab::RunStatus status);

private:
    struct Job;
    struct Sweep;

    void init();
    TrackingStore *store(Error *error);
    Status checkStoreWritable(const QString &experimentName);
    Result<QStringList> resolveArguments(const JobSpec &spec);
    Result<QString> experimentIdFor(const QString &name);
    Result<JobStatus> submitResolved(const JobSpec &spec, const QStringList &argv, const QString &experimentId,
                                     const QString &experimentName);
    void scheduleLater();
    void schedule();
    void start(Job &job, const QList<int> &gpus);
    void poll();
    void readLog(Job &job, qint64 maxBytes);
    void finish(Job &job, bool haveExit, int exitCode);
    void failRun(const QString &runId, const QString &message, RunStatus status);
    void killGroup(Job &job, int signal);
    void updateSweeps(const QString &parentRunId);
    void emitChanged(const Job &job);
    void ensureTimer();
    Job *find(const QString &jobIdOrRunId);
    const Job *find(const QString &jobIdOrRunId) const;
    QString logPathFor(const QString &runId);

    std::unique_ptr<TrackingStore> m_store;
    StoreFactory m_factory;
    QString m_trackingUri;
    QString m_jobTrackingUri; // absolute, what jobs get as MLFLOW_TRACKING_URI
    Options m_options;
    QString m_host;
    QString m_user;
    QList<std::shared_ptr<Job>> m_jobs; // submission order; finished jobs stay for jobs()
    QHash<QString, std::shared_ptr<Sweep>> m_sweeps; // by parent run id
    QSet<int> m_busyGpus;
    int m_runningCpuJobs = 0;
    QTimer *m_timer = nullptr;
    bool m_shutDown = false;
    bool m_schedulePending = false;
};

} // namespace lab
