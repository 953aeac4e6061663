#include "compute/localrunner.h"
#include "core/types.h"
#include "memorytrackingstore.h"
#include "testpaths.h"
#include "tracking/mlflowfilestore.h"
#include "tracking/trackingstorefactory.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QSysInfo>
#include <QTemporaryDir>
#include <QTest>
#include <QUrl>

#include <csignal>
#include <memory>

#include <unistd.h>

using namespace lab;

namespace {

// Alive and not a zombie waiting for its parent (the jobs are reparented, so a zombie is gone).
bool pidAlive(qint64 pid)
{
    QFile f(QStringLiteral("/proc/%1/stat").arg(pid));
    if (pid <= 0 || !f.open(QIODevice::ReadOnly))
        return false;
    const QByteArray s = f.readAll();
    const int close = s.lastIndexOf(')');
    return close > 0 && s.size() > close + 2 && s.at(close + 2) != 'Z';
}

QByteArray readAll(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

} // namespace

class TestLocalRunner : public QObject
{
    Q_OBJECT

    std::unique_ptr<QTemporaryDir> m_tmp;
    std::shared_ptr<labtest::MemoryStoreData> m_data;
    QString m_root;
    QString m_uri;
    QList<qint64> m_cleanupPids;

    std::unique_ptr<TrackingStore> openStore()
    {
        // As the console opens it; a store that cannot be created is still handed to the runner,
        // which must then refuse to launch.
        auto opened = openTrackingStore(m_uri);
        if (opened.ok())
            return std::move(opened.value());
        return std::make_unique<MlflowFileStore>(QUrl(m_uri).toLocalFile());
    }
    LocalRunner::Options options() const
    {
        LocalRunner::Options o;
        o.gpuCount = 0;
        o.maxCpuJobs = 4;
        o.pollIntervalMs = 50;
        o.killGraceMs = 1000;
        return o;
    }
    std::unique_ptr<LocalRunner> makeRunner(const LocalRunner::Options &o)
    {
        return std::make_unique<LocalRunner>(openStore(), m_uri, o);
    }
    QString path(const QString &name) const { return m_tmp->filePath(name); }
    QString script(const QString &name, const QByteArray &body)
    {
        QFile f(path(name));
        if (!f.open(QIODevice::WriteOnly))
            return {};
        f.write("#!/bin/sh\n" + body + "\n");
        f.close();
        f.setPermissions(f.permissions() | QFileDevice::ExeOwner | QFileDevice::ExeUser);
        return f.fileName();
    }
    JobSpec spec(const QString &program, const QString &name = QStringLiteral("job"))
    {
        JobSpec s;
        s.command = {program};
        s.runName = name;
        s.experimentName = QStringLiteral("runner-tests");
        s.workingDirectory = m_tmp->path();
        return s;
    }
    Run run(const QString &runId)
    {
        auto r = openStore()->getRun(runId);
        return r.ok() ? r.value() : Run();
    }
    RunStatus runStatus(const QString &runId) { return run(runId).info.status; }
    int runCount()
    {
        auto store = openStore();
        auto experiments = store->listExperiments(ViewType::All);
        if (!experiments.ok())
            return -1;
        RunSearch search;
        for (const Experiment &e : experiments.value())
            search.experimentIds << e.id;
        if (search.experimentIds.isEmpty())
            return 0;
        search.viewType = ViewType::All;
        auto page = store->searchRuns(search);
        return page.ok() ? int(page->runs.size()) : -1;
    }
    JobState state(const LocalRunner &r, const QString &id)
    {
        auto j = r.job(id);
        return j ? j->state : JobState::Queued;
    }

private Q_SLOTS:
    void init()
    {
        m_tmp = std::make_unique<QTemporaryDir>();
        QVERIFY(m_tmp->isValid());
        m_root = m_tmp->filePath(QStringLiteral("mlruns"));
        m_uri = QUrl::fromLocalFile(m_root).toString();
        m_data = std::make_shared<labtest::MemoryStoreData>();
        m_data->artifactRoot = m_root;
        m_cleanupPids.clear();
    }
    void cleanup()
    {
        for (qint64 pid : std::as_const(m_cleanupPids))
            if (pidAlive(pid))
                ::kill(pid_t(pid), SIGKILL);
        m_tmp.reset();
    }

    void successFinishesTheRunAndKeepsTheLog()
    {
        auto runner = makeRunner(options());
        QSignalSpy logs(runner.get(), &ComputeBackend::logAppended);
        const QString prog = script(QStringLiteral("ok.sh"), "echo hello from stdout\necho and stderr >&2\nexit 0");
        auto submitted = runner->submit(spec(prog));
        QVERIFY2(submitted.ok(), qPrintable(submitted.ok() ? QString() : submitted.error().toString()));
        QCOMPARE(submitted->state, JobState::Queued);
        QCOMPARE(runStatus(submitted->runId), RunStatus::Scheduled);
        QTRY_COMPARE_WITH_TIMEOUT(state(*runner, submitted->jobId), JobState::Succeeded, 10000);
        QCOMPARE(runStatus(submitted->runId), RunStatus::Finished);
        QVERIFY(run(submitted->runId).info.endTime > 0);

        const JobStatus done = *runner->job(submitted->runId);
        QVERIFY(done.logPath.endsWith(QLatin1String("/artifacts/logs/output.log")));
        const QByteArray log = readAll(done.logPath);
        QVERIFY2(log.contains("hello from stdout") && log.contains("and stderr"), log.constData());
        QByteArray streamed;
        for (const auto &args : logs)
            streamed += args.at(1).toByteArray();
        QCOMPARE(streamed, log);

        const Run r = run(submitted->runId);
        QCOMPARE(r.tag(tags::JobId), submitted->jobId);
        QCOMPARE(r.tag(tags::SourceType), QStringLiteral("LOCAL"));
        QCOMPARE(r.tag(tags::SourceName), prog);
        QCOMPARE(r.tag(tags::JobHost), QSysInfo::machineHostName());
        QVERIFY(r.tag(tags::JobPid).toLongLong() > 0);
        QVERIFY(r.tag(tags::JobPidStart).toLongLong() > 0);
        QVERIFY(!r.tag(tags::User).isEmpty());
    }

    void nonZeroExitFailsWithCodeAndLastLines()
    {
        auto runner = makeRunner(options());
        const QString prog = script(QStringLiteral("fail.sh"), "echo first line\necho the last words\nexit 3");
        auto submitted = runner->submit(spec(prog));
        QVERIFY(submitted.ok());
        QTRY_COMPARE_WITH_TIMEOUT(state(*runner, submitted->jobId), JobState::Failed, 10000);
        const JobStatus done = *runner->job(submitted->jobId);
        QCOMPARE(done.exitCode, 3);
        QVERIFY2(done.message.contains(QLatin1String("exited with code 3")), qPrintable(done.message));
        QVERIFY2(done.message.contains(QLatin1String("the last words")), qPrintable(done.message));
        const Run r = run(submitted->runId);
        QCOMPARE(r.info.status, RunStatus::Failed);
        QCOMPARE(r.tag(tags::JobExitCode), QStringLiteral("3"));
        QVERIFY(r.tag(tags::JobMessage).contains(QLatin1String("the last words")));
    }

    void crashIsReportedAsACrash()
    {
        auto runner = makeRunner(options());
        const QString prog = script(QStringLiteral("crash.sh"), "echo about to crash\nkill -SEGV $$\nsleep 5");
        auto submitted = runner->submit(spec(prog));
        QVERIFY(submitted.ok());
        QTRY_COMPARE_WITH_TIMEOUT(state(*runner, submitted->jobId), JobState::Failed, 10000);
        const JobStatus done = *runner->job(submitted->jobId);
        QVERIFY2(done.message.contains(QLatin1String("crashed")), qPrintable(done.message));
        QVERIFY2(done.message.contains(QLatin1String("signal 11")), qPrintable(done.message));
        QVERIFY2(done.message.contains(QLatin1String("about to crash")), qPrintable(done.message));
        QCOMPARE(runStatus(submitted->runId), RunStatus::Failed);
    }

    void cancelStopsARunningJob()
    {
        auto runner = makeRunner(options());
        const QString prog = script(QStringLiteral("sleeper.sh"), "echo started\nsleep 30\necho not reached");
        auto submitted = runner->submit(spec(prog));
        QVERIFY(submitted.ok());
        QTRY_VERIFY_WITH_TIMEOUT(readAll(submitted->logPath).contains("started"), 10000);
        const qint64 pid = runner->job(submitted->jobId)->pid;
        m_cleanupPids << pid;
        QCOMPARE(state(*runner, submitted->jobId), JobState::Running);
        QCOMPARE(runStatus(submitted->runId), RunStatus::Running);
        QVERIFY(runner->cancel(submitted->runId).ok());
        QTRY_COMPARE_WITH_TIMEOUT(state(*runner, submitted->jobId), JobState::Cancelled, 10000);
        QCOMPARE(runStatus(submitted->runId), RunStatus::Killed);
        QVERIFY(!pidAlive(pid));
        QVERIFY(!readAll(submitted->logPath).contains("not reached"));
        QVERIFY(!runner->cancel(submitted->jobId).ok()); // already ended: said so, nothing else happens
    }

    void cancelEscalatesToSigkill()
    {
        LocalRunner::Options o = options();
        o.killGraceMs = 500;
        auto runner = makeRunner(o);
        // Ignores SIGTERM (the ignore is inherited by sleep); only SIGKILL ends it before 30 s.
        const QString prog = script(QStringLiteral("stubborn.sh"), "trap '' TERM\necho started\nsleep 30\necho not reached");
        auto submitted = runner->submit(spec(prog));
        QVERIFY(submitted.ok());
        QTRY_VERIFY_WITH_TIMEOUT(readAll(submitted->logPath).contains("started"), 10000);
        m_cleanupPids << runner->job(submitted->jobId)->pid;
        QVERIFY(runner->cancel(submitted->jobId).ok());
        QTRY_COMPARE_WITH_TIMEOUT(state(*runner, submitted->jobId), JobState::Cancelled, 10000);
        QCOMPARE(runStatus(submitted->runId), RunStatus::Killed);
        QVERIFY(!readAll(submitted->logPath).contains("not reached"));
    }

    void cancelOfAQueuedJobNeverStartsIt()
    {
        LocalRunner::Options o = options();
        o.gpuCount = 1;
        auto runner = makeRunner(o);
        const QString blocker = script(QStringLiteral("blocker.sh"), "echo holding\nwhile [ ! -f release ]; do sleep 0.05; done");
        const QString marker = script(QStringLiteral("marker.sh"), "touch started-marker");
        JobSpec a = spec(blocker, QStringLiteral("a"));
        a.gpus = 1;
        JobSpec b = spec(marker, QStringLiteral("b"));
        b.gpus = 1;
        auto ja = runner->submit(a);
        auto jb = runner->submit(b);
        QVERIFY(ja.ok() && jb.ok());
        QTRY_COMPARE_WITH_TIMEOUT(state(*runner, ja->jobId), JobState::Running, 10000);
        m_cleanupPids << runner->job(ja->jobId)->pid;
        QCOMPARE(state(*runner, jb->jobId), JobState::Queued); // the only GPU is taken
        QVERIFY(runner->cancel(jb->jobId).ok());
        QCOMPARE(state(*runner, jb->jobId), JobState::Cancelled);
        QCOMPARE(runStatus(jb->runId), RunStatus::Killed);
        QFile(path(QStringLiteral("release"))).open(QIODevice::WriteOnly);
        QTRY_COMPARE_WITH_TIMEOUT(state(*runner, ja->jobId), JobState::Succeeded, 10000);
        QTest::qWait(200);
        QVERIFY(!QFile::exists(path(QStringLiteral("started-marker"))));
    }

    void missingProgramIsAClearErrorAndLeavesNothing()
    {
        auto runner = makeRunner(options());
        auto submitted = runner->submit(spec(QStringLiteral("no-such-program-labconsole")));
        QVERIFY(!submitted.ok());
        QVERIFY2(submitted.error().message.contains(QLatin1String("'no-such-program-labconsole' was not found")),
                 qPrintable(submitted.error().message));
        auto byPath = runner->submit(spec(path(QStringLiteral("missing.sh"))));
        QVERIFY(!byPath.ok());
        QVERIFY(byPath.error().message.contains(QLatin1String("not found")));
        QFile plain(path(QStringLiteral("plain.txt")));
        QVERIFY(plain.open(QIODevice::WriteOnly));
        plain.close();
        QFile::setPermissions(plain.fileName(), QFileDevice::ReadOwner | QFileDevice::WriteOwner);
        auto notExec = runner->submit(spec(plain.fileName()));
        QVERIFY(!notExec.ok());
        QVERIFY(notExec.error().message.contains(QLatin1String("not an executable")));
        QCOMPARE(runCount(), 0);
        QVERIFY(runner->jobs().isEmpty());
    }

    void programThatCannotBeExecutedFailsTheRun()
    {
        // Executable bit set, but its interpreter does not exist: exec fails inside the job.
        auto runner = makeRunner(options());
        const QString prog = path(QStringLiteral("broken.sh"));
        QFile f(prog);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("#!/nonexistent/interpreter\necho never\n");
        f.close();
        f.setPermissions(f.permissions() | QFileDevice::ExeOwner);
        auto submitted = runner->submit(spec(prog));
        QVERIFY(submitted.ok());
        QTRY_COMPARE_WITH_TIMEOUT(state(*runner, submitted->jobId), JobState::Failed, 10000);
        const JobStatus done = *runner->job(submitted->jobId);
        QVERIFY2(done.message.contains(QLatin1String("exited with code 127"))
                     || done.message.contains(QLatin1String("exited with code 126")),
                 qPrintable(done.message));
        QVERIFY2(done.message.contains(QLatin1String("not found")), qPrintable(done.message));
        QCOMPARE(runStatus(submitted->runId), RunStatus::Failed);
    }

    void unwritableStoreFailsBeforeLaunch()
    {
        const QString marker = script(QStringLiteral("marker.sh"), "touch launched-marker");
        // A store folder below a plain file cannot be created, whoever we are (root included).
        QFile blocker(path(QStringLiteral("not-a-folder")));
        QVERIFY(blocker.open(QIODevice::WriteOnly));
        blocker.close();
        m_uri = QUrl::fromLocalFile(path(QStringLiteral("not-a-folder/mlruns"))).toString();
        {
            auto runner = makeRunner(options());
            auto submitted = runner->submit(spec(marker));
            QVERIFY(!submitted.ok());
            QVERIFY2(submitted.error().message.contains(QLatin1String("Cannot write to the store")),
                     qPrintable(submitted.error().message));
            QVERIFY(runner->jobs().isEmpty());
        }
        // A store folder without write permission (root bypasses permissions: that part is skipped).
        const QString ro = path(QStringLiteral("readonly-store"));
        QVERIFY(QDir().mkpath(ro));
        QFile::setPermissions(ro, QFileDevice::ReadOwner | QFileDevice::ExeOwner);
        m_uri = QUrl::fromLocalFile(ro).toString();
        if (::geteuid() != 0) {
            auto runner = makeRunner(options());
            auto submitted = runner->submit(spec(marker));
            QVERIFY(!submitted.ok());
            QVERIFY(submitted.error().message.contains(QLatin1String("Cannot write to the store")));
            QVERIFY(submitted.error().message.contains(ro));
            QCOMPARE(runCount(), 0);
        }
        QFile::setPermissions(ro, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
        QTest::qWait(200);
        QVERIFY(!QFile::exists(path(QStringLiteral("launched-marker"))));
    }

    void storeWithoutLocalArtifactsGetsTheLogAtTheEnd()
    {
        // A remote store (no local artifact folder): the log is kept locally while the job runs
        // and written to the run's artifacts when it ends.
        QStandardPaths::setTestModeEnabled(true);
        auto data = std::make_shared<labtest::MemoryStoreData>();
        data->localArtifacts = false;
        LocalRunner runner(std::make_unique<labtest::MemoryTrackingStore>(data), QStringLiteral("http://127.0.0.1:9/"),
                           options());
        const QString prog = script(QStringLiteral("remote.sh"), "echo remote log line");
        auto submitted = runner.submit(spec(prog));
        QVERIFY2(submitted.ok(), qPrintable(submitted.ok() ? QString() : submitted.error().toString()));
        QTRY_COMPARE_WITH_TIMEOUT(state(runner, submitted->jobId), JobState::Succeeded, 10000);
        QVERIFY(data->uploaded.value(submitted->runId + QStringLiteral("/logs/output.log")).contains("remote log line"));
        QDir(QFileInfo(submitted->logPath).absolutePath()).removeRecursively();
    }

    void jobThatCanNeverFitIsRefused()
    {
        LocalRunner::Options o = options();
        o.gpuCount = 1;
        auto runner = makeRunner(o);
        JobSpec s = spec(script(QStringLiteral("x.sh"), "true"));
        s.gpus = 2;
        auto submitted = runner->submit(s);
        QVERIFY(!submitted.ok());
        QVERIFY2(submitted.error().message.contains(QLatin1String("2 GPU")), qPrintable(submitted.error().message));
        QCOMPARE(runCount(), 0);
    }

    void environmentReachesTheJob()
    {
        LocalRunner::Options o = options();
        o.gpuCount = 2;
        auto runner = makeRunner(o);
        const QString prog = script(QStringLiteral("env.sh"),
                                    "{ echo \"run=$MLFLOW_RUN_ID\"; echo \"uri=$MLFLOW_TRACKING_URI\";"
                                    " echo \"exp=$MLFLOW_EXPERIMENT_NAME\"; echo \"expid=$MLFLOW_EXPERIMENT_ID\";"
                                    " echo \"cuda=${CUDA_VISIBLE_DEVICES-unset}\"; echo \"foo=$FOO\"; echo \"pwd=$(pwd)\";"
                                    " echo \"order=$CUDA_DEVICE_ORDER\"; echo \"args=$*\"; } > env.txt");
        JobSpec s = spec(prog);
        s.env.insert(QStringLiteral("FOO"), QStringLiteral("bar baz"));
        s.params = {{QStringLiteral("learning_rate"), QStringLiteral("0.1")}, {QStringLiteral("epochs"), QStringLiteral("2")}};
        s.gpus = 1;
        auto submitted = runner->submit(s);
        QVERIFY(submitted.ok());
        QTRY_COMPARE_WITH_TIMEOUT(state(*runner, submitted->jobId), JobState::Succeeded, 10000);
        const QString env = QString::fromUtf8(readAll(path(QStringLiteral("env.txt"))));
        QVERIFY2(env.contains(QStringLiteral("run=") + submitted->runId + QLatin1Char('\n')), qPrintable(env));
        QVERIFY2(env.contains(QStringLiteral("uri=") + m_uri + QLatin1Char('\n')), qPrintable(env));
        QVERIFY(env.contains(QStringLiteral("exp=runner-tests\n")));
        QVERIFY(env.contains(QStringLiteral("expid=") + submitted->experimentId + QLatin1Char('\n')));
        QVERIFY(env.contains(QStringLiteral("cuda=0\n")));
        QVERIFY(env.contains(QStringLiteral("order=PCI_BUS_ID\n")));
        QVERIFY(env.contains(QStringLiteral("foo=bar baz\n")));
        QVERIFY(env.contains(QStringLiteral("pwd=") + QDir(m_tmp->path()).canonicalPath() + QLatin1Char('\n')));
        QVERIFY(env.contains(QStringLiteral("args=--learning-rate=0.1 --epochs=2\n")));
        const Run r = run(submitted->runId);
        QCOMPARE(r.param(QStringLiteral("learning_rate")), QStringLiteral("0.1"));
        QCOMPARE(r.param(QStringLiteral("epochs")), QStringLiteral("2"));
        QCOMPARE(r.tag(tags::JobGpus), QStringLiteral("0"));
        QVERIFY(r.tag(tags::JobCommand).endsWith(QLatin1String("env.sh --learning-rate=0.1 --epochs=2")));
    }

    void cpuJobsRespectTheLimitAndSeeNoGpu()
    {
        LocalRunner::Options o = options();
        o.gpuCount = 1;
        o.maxCpuJobs = 2;
        auto runner = makeRunner(o);
        int running = 0;
        int maxRunning = 0;
        connect(runner.get(), &ComputeBackend::jobChanged, this, [&] {
            running = 0;
            for (const JobStatus &j : runner->jobs())
                running += j.state == JobState::Running;
            maxRunning = std::max(maxRunning, running);
        });
        const QString prog = script(QStringLiteral("cpu.sh"),
                                    "echo \"$(date +%s%N) start\" > \"times-$MLFLOW_RUN_ID\"\n"
                                    "echo \"cuda=[${CUDA_VISIBLE_DEVICES-unset}]\"\nsleep 0.3\n"
                                    "echo \"$(date +%s%N) end\" >> \"times-$MLFLOW_RUN_ID\"");
        QStringList ids;
        for (int i = 0; i < 5; ++i) {
            auto submitted = runner->submit(spec(prog, QStringLiteral("cpu%1").arg(i)));
            QVERIFY(submitted.ok());
            ids << submitted->jobId;
        }
        for (const QString &id : ids)
            QTRY_COMPARE_WITH_TIMEOUT(state(*runner, id), JobState::Succeeded, 15000);
        QCOMPARE(maxRunning, 2);
        // The processes' own clocks agree: never more than two at once.
        QList<QPair<qint64, int>> events;
        for (const QString &id : ids) {
            const JobStatus j = *runner->job(id);
            QVERIFY2(readAll(j.logPath).contains("cuda=[]"), readAll(j.logPath).constData());
            const QList<QByteArray> lines = readAll(path(QStringLiteral("times-") + j.runId)).split('\n');
            QVERIFY(lines.size() >= 2);
            events.append({lines[0].split(' ').first().toLongLong(), +1});
            events.append({lines[1].split(' ').first().toLongLong(), -1});
        }
        std::sort(events.begin(), events.end());
        int level = 0;
        int peak = 0;
        for (const auto &e : events) {
            level += e.second;
            peak = std::max(peak, level);
        }
        QVERIFY2(peak <= 2, qPrintable(QString::number(peak)));
    }

    void sweepOnOneGpuRunsOneAtATime()
    {
        LocalRunner::Options o = options();
        o.gpuCount = 1;
        auto runner = makeRunner(o);
        const QString prog = script(QStringLiteral("gpu.sh"),
                                    "echo \"$(date +%s%N) $CUDA_VISIBLE_DEVICES\" > \"times-$MLFLOW_RUN_ID\"\nsleep 0.2\n"
                                    "echo \"$(date +%s%N)\" >> \"times-$MLFLOW_RUN_ID\"\necho \"args $*\"");
        SweepSpec sweep;
        sweep.base = spec(prog, QStringLiteral("grid"));
        sweep.base.gpus = 1;
        sweep.base.params = {{QStringLiteral("epochs"), QStringLiteral("3")}, {QStringLiteral("lr"), QStringLiteral("1")}};
        sweep.axes = {{QStringLiteral("lr"), {QStringLiteral("0.1"), QStringLiteral("0.01")}},
                      {QStringLiteral("seed"), {QStringLiteral("1"), QStringLiteral("2")}}};
        QSignalSpy sweepSpy(runner.get(), &LocalRunner::sweepChanged);
        auto children = runner->submitSweep(sweep);
        QVERIFY2(children.ok(), qPrintable(children.ok() ? QString() : children.error().toString()));
        QCOMPARE(children->size(), 4);
        const QString parentId = run(children->first().runId).parentRunId();
        QVERIFY(!parentId.isEmpty());
        const Run parent = run(parentId);
        QCOMPARE(parent.tag(tags::SweepParent), QStringLiteral("true"));
        QCOMPARE(parent.info.status, RunStatus::Running);
        QCOMPARE(parent.param(QStringLiteral("epochs")), QStringLiteral("3"));
        QVERIFY(parent.param(QStringLiteral("lr")).isEmpty()); // an axis, not a fixed parameter

        for (const JobStatus &c : *children)
            QTRY_COMPARE_WITH_TIMEOUT(state(*runner, c.jobId), JobState::Succeeded, 15000);
        QTRY_COMPARE_WITH_TIMEOUT(runStatus(parentId), RunStatus::Finished, 5000);
        QCOMPARE(sweepSpy.size(), 1);

        QList<QPair<qint64, qint64>> spans;
        QSet<QString> combos;
        for (const JobStatus &c : *children) {
            const Run r = run(c.runId);
            QCOMPARE(r.info.status, RunStatus::Finished);
            QCOMPARE(r.parentRunId(), parentId);
            combos.insert(r.param(QStringLiteral("lr")) + QLatin1Char('/') + r.param(QStringLiteral("seed")));
            QCOMPARE(r.param(QStringLiteral("epochs")), QStringLiteral("3"));
            const QList<QByteArray> lines = readAll(path(QStringLiteral("times-") + c.runId)).split('\n');
            QVERIFY(lines.size() >= 2);
            QCOMPARE(lines[0].split(' ').value(1), QByteArray("0"));
            spans.append({lines[0].split(' ').first().toLongLong(), lines[1].toLongLong()});
        }
        QCOMPARE(combos, (QSet<QString>{QStringLiteral("0.1/1"), QStringLiteral("0.1/2"), QStringLiteral("0.01/1"),
                                        QStringLiteral("0.01/2")}));
        std::sort(spans.begin(), spans.end());
        for (int i = 1; i < spans.size(); ++i)
            QVERIFY2(spans[i].first >= spans[i - 1].second, "two runs of the one-GPU queue overlapped");
    }

    void sweepWithAFailedChildFailsItsParent()
    {
        auto runner = makeRunner(options());
        const QString prog = script(QStringLiteral("code.sh"), "echo \"got $1\"\nexit \"${1#--code=}\"");
        SweepSpec sweep;
        sweep.base = spec(prog, QStringLiteral("codes"));
        sweep.axes = {{QStringLiteral("code"), {QStringLiteral("0"), QStringLiteral("1")}}};
        auto children = runner->submitSweep(sweep);
        QVERIFY(children.ok());
        const QString parentId = run(children->first().runId).parentRunId();
        QTRY_COMPARE_WITH_TIMEOUT(runStatus(parentId), RunStatus::Failed, 10000);
        QCOMPARE(state(*runner, children->at(0).jobId), JobState::Succeeded);
        QCOMPARE(state(*runner, children->at(1).jobId), JobState::Failed);
        QVERIFY(runner->job(children->at(1).jobId)->message.contains(QLatin1String("got --code=1")));
    }

    void sweepParentIsSettledAfterARestart()
    {
        LocalRunner::Options o = options();
        o.gpuCount = 1;
        const QString prog = script(QStringLiteral("wait.sh"), "while [ ! -f go ]; do sleep 0.05; done");
        QString parentId;
        QStringList childRuns;
        {
            auto first = makeRunner(o);
            SweepSpec sweep;
            sweep.base = spec(prog, QStringLiteral("restart"));
            sweep.base.gpus = 1;
            sweep.axes = {{QStringLiteral("seed"), {QStringLiteral("1"), QStringLiteral("2")}}};
            auto children = first->submitSweep(sweep);
            QVERIFY(children.ok());
            for (const JobStatus &c : *children)
                childRuns << c.runId;
            parentId = run(childRuns.first()).parentRunId();
            QTRY_COMPARE_WITH_TIMEOUT(state(*first, childRuns[0]), JobState::Running, 10000);
            m_cleanupPids << first->job(childRuns[0])->pid;
        } // quits with one child running and one queued
        QCOMPARE(runStatus(childRuns[0]), RunStatus::Running);
        QCOMPARE(runStatus(childRuns[1]), RunStatus::Killed);
        QCOMPARE(runStatus(parentId), RunStatus::Running);

        auto second = makeRunner(o);
        QVERIFY(second->recover().ok());
        QCOMPARE(state(*second, childRuns[0]), JobState::Running);
        QCOMPARE(second->gpuOwners().value(0), second->job(childRuns[0])->jobId); // the GPU is still taken
        QCOMPARE(runStatus(parentId), RunStatus::Running);
        QFile(path(QStringLiteral("go"))).open(QIODevice::WriteOnly);
        QTRY_COMPARE_WITH_TIMEOUT(runStatus(childRuns[0]), RunStatus::Finished, 10000);
        QTRY_COMPARE_WITH_TIMEOUT(runStatus(parentId), RunStatus::Killed, 5000); // one child never ran
    }

    void bundledTrainerRunsEndToEnd()
    {
        const QString trainer = labtest::builtProgram(QStringLiteral("lab-train"));
        if (trainer.isEmpty())
            QSKIP("lab-train is not built");
        LocalRunner::Options o = options();
        o.trainerProgram = trainer;
        auto runner = makeRunner(o);
        JobSpec s;
        s.runName = QStringLiteral("trainer");
        s.experimentName = QStringLiteral("runner-tests");
        s.workingDirectory = m_tmp->path();
        // Parameters as the launch dialog gives them: the runner logs them, the trainer logs the same.
        s.params = {{QStringLiteral("epochs"), QStringLiteral("2")}, {QStringLiteral("samples"), QStringLiteral("300")},
                    {QStringLiteral("device"), QStringLiteral("cpu")}};
        auto submitted = runner->submit(s);
        QVERIFY2(submitted.ok(), qPrintable(submitted.ok() ? QString() : submitted.error().toString()));
        QTRY_VERIFY_WITH_TIMEOUT(state(*runner, submitted->jobId) == JobState::Succeeded
                                     || state(*runner, submitted->jobId) == JobState::Failed,
                                 30000);
        const JobStatus done = *runner->job(submitted->jobId);
        const QByteArray log = readAll(done.logPath);
        QVERIFY2(done.state == JobState::Succeeded, qPrintable(done.message + QLatin1Char('\n') + QString::fromUtf8(log)));
        QVERIFY2(!log.contains("cannot log the parameters"), log.constData());
        const Run r = run(submitted->runId);
        QCOMPARE(r.info.status, RunStatus::Finished);
        QCOMPARE(r.param(QStringLiteral("epochs")), QStringLiteral("2"));
        auto keys = openStore()->metricKeys(submitted->runId);
        QVERIFY(keys.ok());
        QVERIFY2(keys->size() >= 2, qPrintable(keys->join(QLatin1Char(','))));
    }

    void recoveryMarksRunsWhoseProcessIsGone()
    {
        auto store = openStore();
        auto expId = store->createExperiment(QStringLiteral("recovery"));
        QVERIFY(expId.ok());
        // A pid that surely ended: a process we started and waited for.
        QProcess done;
        done.start(QStringLiteral("/bin/true"));
        QVERIFY(done.waitForFinished(5000));
        const qint64 deadPid = done.processId() > 0 ? done.processId() : 999999;
        const QString host = QSysInfo::machineHostName();
        auto makeRun = [&](const QString &name, RunStatus status, QList<Tag> extra) {
            QList<Tag> t = {{tags::JobId, QStringLiteral("local-") + name}, {tags::JobHost, host}};
            t += extra;
            auto r = store->createRun(expId.value(), name, 1000, t, QStringLiteral("ann"));
            store->updateRun(r->info.runId, status, 0);
            return r->info.runId;
        };
        const QString gone = makeRun(QStringLiteral("gone"), RunStatus::Running,
                                     {{tags::JobPid, QString::number(deadPid)}, {tags::JobPidStart, QStringLiteral("123")}});
        // Our own pid with other start ticks: the pid was reused, the job is gone.
        const QString reused = makeRun(QStringLiteral("reused"), RunStatus::Running,
                                       {{tags::JobPid, QString::number(QCoreApplication::applicationPid())},
                                        {tags::JobPidStart, QStringLiteral("1")}});
        const QString queued = makeRun(QStringLiteral("queued"), RunStatus::Scheduled,
                                       {{QStringLiteral("labconsole.job.ownerPid"), QString::number(deadPid)}});
        const QString otherHost = makeRun(QStringLiteral("elsewhere"), RunStatus::Running,
                                          {{tags::JobPid, QString::number(deadPid)}});
        store->setTag(otherHost, tags::JobHost, QStringLiteral("another-host"));
        auto foreign = store->createRun(expId.value(), QStringLiteral("script"), 1000, {}, QStringLiteral("ann"));

        auto runner = makeRunner(options());
        auto handled = runner->recover();
        QVERIFY2(handled.ok(), qPrintable(handled.ok() ? QString() : handled.error().toString()));
        QCOMPARE(handled.value(), 3);
        QCOMPARE(runStatus(gone), RunStatus::Failed);
        QCOMPARE(run(gone).tag(tags::JobMessage), QStringLiteral("the process ended while the console was closed"));
        QVERIFY(run(gone).info.endTime > 0);
        QCOMPARE(runStatus(reused), RunStatus::Failed);
        QCOMPARE(runStatus(queued), RunStatus::Killed);
        QCOMPARE(run(queued).tag(tags::JobMessage), QStringLiteral("the console closed before it started"));
        QCOMPARE(runStatus(otherHost), RunStatus::Running);
        QCOMPARE(runStatus(foreign->info.runId), RunStatus::Running);
        QVERIFY(runner->jobs().isEmpty());
    }

    void restartAdoptsALiveJob()
    {
        const QString prog = script(QStringLiteral("long.sh"),
                                    "echo started\nwhile [ ! -f go ]; do sleep 0.05; done\necho finishing\nexit 0");
        QString runId;
        qint64 pid = 0;
        {
            auto first = makeRunner(options());
            auto submitted = first->submit(spec(prog));
            QVERIFY(submitted.ok());
            runId = submitted->runId;
            QTRY_VERIFY_WITH_TIMEOUT(readAll(submitted->logPath).contains("started"), 10000);
            pid = first->job(runId)->pid;
            m_cleanupPids << pid;
        } // the console quits
        QVERIFY(pidAlive(pid));
        QCOMPARE(runStatus(runId), RunStatus::Running);

        auto second = makeRunner(options());
        QSignalSpy logs(second.get(), &ComputeBackend::logAppended);
        auto handled = second->recover();
        QVERIFY(handled.ok());
        QCOMPARE(handled.value(), 1);
        auto adopted = second->job(runId);
        QVERIFY(adopted.has_value());
        QCOMPARE(adopted->state, JobState::Running);
        QCOMPARE(adopted->pid, pid);
        QTRY_VERIFY_WITH_TIMEOUT(!logs.isEmpty(), 5000);
        QVERIFY(logs.first().at(1).toByteArray().contains("started"));
        QCOMPARE(runStatus(runId), RunStatus::Running);
        QCOMPARE(second->recover().value(), 0); // already adopted: nothing new

        QFile(path(QStringLiteral("go"))).open(QIODevice::WriteOnly);
        QTRY_COMPARE_WITH_TIMEOUT(state(*second, runId), JobState::Succeeded, 10000);
        QCOMPARE(runStatus(runId), RunStatus::Finished);
        QVERIFY(readAll(second->job(runId)->logPath).contains("finishing"));
    }

    void restartAfterTheJobEndedUsesItsExitCode()
    {
        const QString prog = script(QStringLiteral("later.sh"), "while [ ! -f go ]; do sleep 0.05; done\necho bad end\nexit 4");
        QString runId;
        qint64 pid = 0;
        {
            auto first = makeRunner(options());
            auto submitted = first->submit(spec(prog));
            QVERIFY(submitted.ok());
            runId = submitted->runId;
            QTRY_COMPARE_WITH_TIMEOUT(state(*first, runId), JobState::Running, 10000);
            pid = first->job(runId)->pid;
            m_cleanupPids << pid;
        }
        QFile(path(QStringLiteral("go"))).open(QIODevice::WriteOnly);
        QTRY_VERIFY_WITH_TIMEOUT(!pidAlive(pid), 10000);
        auto second = makeRunner(options());
        QCOMPARE(second->recover().value(), 1);
        QCOMPARE(runStatus(runId), RunStatus::Failed);
        QCOMPARE(run(runId).tag(tags::JobExitCode), QStringLiteral("4"));
        QVERIFY(run(runId).tag(tags::JobMessage).contains(QLatin1String("exited with code 4")));
    }

    void shutdownKillsQueuedRunsOnly()
    {
        LocalRunner::Options o = options();
        o.gpuCount = 1;
        const QString blocker = script(QStringLiteral("hold.sh"), "while [ ! -f release ]; do sleep 0.05; done");
        QString runningRun, queuedRun;
        qint64 pid = 0;
        {
            auto runner = makeRunner(o);
            JobSpec a = spec(blocker, QStringLiteral("a"));
            a.gpus = 1;
            auto ja = runner->submit(a);
            auto jb = runner->submit(a);
            QVERIFY(ja.ok() && jb.ok());
            QTRY_COMPARE_WITH_TIMEOUT(state(*runner, ja->jobId), JobState::Running, 10000);
            pid = runner->job(ja->jobId)->pid;
            m_cleanupPids << pid;
            runningRun = ja->runId;
            queuedRun = jb->runId;
        }
        QCOMPARE(runStatus(queuedRun), RunStatus::Killed);
        QCOMPARE(runStatus(runningRun), RunStatus::Running);
        QVERIFY(pidAlive(pid));
        QFile(path(QStringLiteral("release"))).open(QIODevice::WriteOnly);
        QTRY_VERIFY_WITH_TIMEOUT(!pidAlive(pid), 10000);
    }
};

QTEST_GUILESS_MAIN(TestLocalRunner)
#include "tst_localrunner.moc"
