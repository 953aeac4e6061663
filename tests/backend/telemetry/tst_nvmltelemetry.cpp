#include "telemetry/nvmltelemetry.h"

#include <QCoreApplication>
#include <QProcess>
#include <QSignalSpy>
#include <QTest>

using namespace lab;

namespace {
constexpr qint64 GiB = 1024ll * 1024 * 1024;
const char *FakeVars[] = {"FAKENVML_INIT_RESULT", "FAKENVML_GPU_COUNT", "FAKENVML_UTIL_0",
                          "FAKENVML_UTIL_1",      "FAKENVML_PIDS_0",    "FAKENVML_PIDS_1",
                          "FAKENVML_NO_TEMP_1"};
} // namespace

class TestNvmlTelemetry : public QObject
{
    Q_OBJECT

private:
    static void useFake() { qputenv("LABCONSOLE_NVML_LIBRARY", FAKENVML_LIBRARY); }

private Q_SLOTS:
    void init()
    {
        for (const char *v : FakeVars)
            qunsetenv(v);
        useFake();
    }

    void noLibraryMeansNoDriver()
    {
        qputenv("LABCONSOLE_NVML_LIBRARY", "/nonexistent/libnvidia-ml.so.1");
        NvmlTelemetry t;
        QCOMPARE(t.state(), TelemetryState::Starting);
        QSignalSpy changed(&t, &GpuTelemetry::stateChanged);
        QSignalSpy sampled(&t, &GpuTelemetry::sampled);
        t.start(20);
        QTRY_COMPARE(t.state(), TelemetryState::NoDriver);
        QCOMPARE(t.stateMessage(), QStringLiteral("No NVIDIA driver found"));
        QCOMPARE(changed.count(), 1);
        QCOMPARE(changed.at(0).at(0).value<TelemetryState>(), TelemetryState::NoDriver);
        QCOMPARE(changed.at(0).at(1).toString(), QStringLiteral("No NVIDIA driver found"));
        QTest::qWait(100);
        QCOMPARE(sampled.count(), 0);
        QVERIFY(t.latest().isEmpty());
        QVERIFY(t.history(0).isEmpty());

        const NvmlTelemetry::Snapshot snap = NvmlTelemetry::snapshot();
        QCOMPARE(snap.state, TelemetryState::NoDriver);
        QCOMPARE(snap.message, QStringLiteral("No NVIDIA driver found"));
        QVERIFY(snap.gpus.isEmpty());
    }

    void libraryWithoutNvmlMeansNoDriver()
    {
        qputenv("LABCONSOLE_NVML_LIBRARY", "libc.so.6"); // loads, but has no nvml symbols
        const NvmlTelemetry::Snapshot snap = NvmlTelemetry::snapshot();
        QCOMPARE(snap.state, TelemetryState::NoDriver);
        QCOMPARE(snap.message, QStringLiteral("No NVIDIA driver found"));
    }

    void twoFakeGpusWithTheirValues()
    {
        qputenv("FAKENVML_UTIL_0", "12");
        NvmlTelemetry t;
        QSignalSpy sampled(&t, &GpuTelemetry::sampled);
        t.start(30);
        QTRY_COMPARE(t.state(), TelemetryState::Available);
        QCOMPARE(t.stateMessage(), QStringLiteral("2 GPU(s)"));
        QTRY_VERIFY(sampled.count() >= 1);
        const QList<GpuSample> gpus = t.latest();
        QCOMPARE(gpus.size(), 2);

        const GpuSample &a = gpus.at(0);
        QCOMPARE(a.index, 0);
        QCOMPARE(a.name, QStringLiteral("Fake A100 0"));
        QCOMPARE(a.uuid, QStringLiteral("GPU-fake-0000"));
        QCOMPARE(a.utilizationPercent, 12.0);
        QCOMPARE(a.memoryUsedBytes, 1 * GiB);
        QCOMPARE(a.memoryTotalBytes, 8 * GiB);
        QCOMPARE(a.temperatureC, 40.0);
        QCOMPARE(a.powerWatts, 123.456);
        QVERIFY(a.pids.isEmpty());
        QVERIFY(a.ownerJobId.isEmpty());
        QVERIFY(a.timestampMs > 0);

        const GpuSample &b = gpus.at(1);
        QCOMPARE(b.index, 1);
        QCOMPARE(b.name, QStringLiteral("Fake A100 1"));
        QCOMPARE(b.utilizationPercent, 81.0);
        QCOMPARE(b.memoryUsedBytes, 2 * GiB);
        QCOMPARE(b.memoryTotalBytes, 16 * GiB);
        QCOMPARE(b.temperatureC, 41.0);
        QCOMPARE(b.powerWatts, 124.456);

        // The signal carries the same samples.
        QCOMPARE(sampled.at(0).at(0).value<QList<GpuSample>>().size(), 2);

        // History grows, per GPU, oldest first.
        QTRY_VERIFY(t.history(0).size() >= 4);
        const QList<GpuSample> h = t.history(0);
        for (int i = 1; i < h.size(); ++i)
            QVERIFY(h.at(i).timestampMs >= h.at(i - 1).timestampMs);
        QVERIFY(h.first().timestampMs < h.last().timestampMs);
        QVERIFY(t.history(1).size() >= 4);
        QVERIFY(t.history(2).isEmpty());
    }

    void historyKeepsOnlyItsWindow()
    {
        NvmlTelemetry t;
        t.setHistoryWindow(100);
        QSignalSpy sampled(&t, &GpuTelemetry::sampled);
        t.start(20);
        QTRY_VERIFY_WITH_TIMEOUT(sampled.count() >= 25, 20000);
        // Samples are at least 20 ms apart, so a 100 ms window holds at most 6 of them.
        QVERIFY2(t.history(0).size() <= 6, qPrintable(QString::number(t.history(0).size())));
        QVERIFY(!t.history(0).isEmpty());
    }

    void pidsMapToTheirOwnerJob()
    {
        // A job's process tree: the GPU process is a child of the pid the runner knows.
        QProcess child;
        child.start(QStringLiteral("sleep"), {QStringLiteral("30")});
        QVERIFY(child.waitForStarted());
        const qint64 me = QCoreApplication::applicationPid();
        const qint64 stranger = 2147483000; // no such process
        qputenv("FAKENVML_PIDS_0", QByteArray::number(stranger));
        qputenv("FAKENVML_PIDS_1",
                QByteArray::number(stranger) + ',' + QByteArray::number(child.processId()));

        NvmlTelemetry t;
        t.setPidOwners(
            {{me, GpuOwner{QStringLiteral("job-7"), QStringLiteral("run-7"), QStringLiteral("spirals")}}});
        t.start(30);
        QTRY_COMPARE(t.latest().size(), 2);
        GpuSample a = t.latest().at(0);
        GpuSample b = t.latest().at(1);
        QCOMPARE(a.pids, QList<qint64>{stranger});
        QVERIFY(a.ownerJobId.isEmpty());
        QCOMPARE(b.pids, (QList<qint64>{stranger, child.processId()}));
        QCOMPARE(b.ownerJobId, QStringLiteral("job-7"));
        QCOMPARE(b.ownerRunId, QStringLiteral("run-7"));
        QCOMPARE(b.ownerName, QStringLiteral("spirals"));

        // The nearest listed ancestor wins, and new owners apply while running.
        t.setPidOwners(
            {{me, GpuOwner{QStringLiteral("job-7"), QStringLiteral("run-7"), QStringLiteral("spirals")}},
             {child.processId(), GpuOwner{QStringLiteral("job-8"), QStringLiteral("run-8"), QString()}}});
        QTRY_COMPARE(t.latest().at(1).ownerJobId, QStringLiteral("job-8"));
        QCOMPARE(t.latest().at(1).ownerRunId, QStringLiteral("run-8"));
        t.setPidOwners({});
        QTRY_VERIFY(t.latest().at(1).ownerJobId.isEmpty());

        child.kill();
        child.waitForFinished();
    }

    void initErrorsSayWhat_data()
    {
        QTest::addColumn<QByteArray>("code");
        QTest::addColumn<TelemetryState>("state");
        QTest::addColumn<QString>("message");
        QTest::newRow("driver not loaded") << QByteArray("9") << TelemetryState::NoDriver
                                           << QStringLiteral("No NVIDIA driver found (Driver Not Loaded)");
        QTest::newRow("no permission")
            << QByteArray("4") << TelemetryState::Error
            << QStringLiteral("The NVIDIA driver could not be initialised: Insufficient Permissions");
        QTest::newRow("unknown") << QByteArray("999") << TelemetryState::Error
                                 << QStringLiteral(
                                        "The NVIDIA driver could not be initialised: Unknown Error");
    }

    void initErrorsSayWhat()
    {
        QFETCH(QByteArray, code);
        QFETCH(TelemetryState, state);
        QFETCH(QString, message);
        qputenv("FAKENVML_INIT_RESULT", code);
        NvmlTelemetry t;
        QSignalSpy sampled(&t, &GpuTelemetry::sampled);
        t.start(20);
        QTRY_COMPARE(t.state(), state);
        QCOMPARE(t.stateMessage(), message);
        QTest::qWait(60);
        QCOMPARE(sampled.count(), 0);
    }

    void noGpu()
    {
        qputenv("FAKENVML_GPU_COUNT", "0");
        NvmlTelemetry t;
        t.start(20);
        QTRY_COMPARE(t.state(), TelemetryState::NoGpu);
        QCOMPARE(t.stateMessage(), QStringLiteral("No NVIDIA GPU found"));
        QVERIFY(t.latest().isEmpty());
    }

    void unsupportedFieldIsUnknownNotAnError()
    {
        qputenv("FAKENVML_NO_TEMP_1", "1");
        const NvmlTelemetry::Snapshot snap = NvmlTelemetry::snapshot();
        QCOMPARE(snap.state, TelemetryState::Available);
        QCOMPARE(snap.gpus.size(), 2);
        QCOMPARE(snap.gpus.at(0).temperatureC, 40.0);
        QCOMPARE(snap.gpus.at(1).temperatureC, -1.0);
        QCOMPARE(snap.gpus.at(1).utilizationPercent, 81.0);
    }

    void describeForLabctl()
    {
        qputenv("FAKENVML_PIDS_1", QByteArray::number(QCoreApplication::applicationPid()));
        const NvmlTelemetry::Snapshot snap = NvmlTelemetry::snapshot(
            {{QCoreApplication::applicationPid(), GpuOwner{QStringLiteral("job-1"), QStringLiteral("abc123"),
                                                           QStringLiteral("spirals lr=0.1")}}});
        QCOMPARE(snap.gpus.size(), 2);
        QCOMPARE(gpuTableHeaders(),
                 (QStringList{QStringLiteral("GPU"), QStringLiteral("NAME"), QStringLiteral("UTIL"),
                              QStringLiteral("MEMORY"), QStringLiteral("TEMP"), QStringLiteral("POWER"),
                              QStringLiteral("JOB")}));
        QCOMPARE(gpuTableRow(snap.gpus.at(0)),
                 (QStringList{QStringLiteral("0"), QStringLiteral("Fake A100 0"), QStringLiteral("37 %"),
                              QStringLiteral("1.0 / 8.0 GiB"), QStringLiteral("40 °C"),
                              QStringLiteral("123.5 W"), QStringLiteral("idle")}));
        QCOMPARE(gpuTableRow(snap.gpus.at(1)).last(), QStringLiteral("spirals lr=0.1 (run abc123)"));

        const QString text = describeGpus(snap.gpus);
        const QStringList lines = text.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 3);
        QVERIFY(lines.at(0).startsWith(QStringLiteral("GPU  NAME")));
        // Columns line up: every row has NAME where the header has it.
        const int nameCol = lines.at(0).indexOf(QStringLiteral("NAME"));
        QCOMPARE(lines.at(1).indexOf(QStringLiteral("Fake A100 0")), nameCol);
        QCOMPARE(lines.at(2).indexOf(QStringLiteral("Fake A100 1")), nameCol);
        QVERIFY(describeGpus({}).isEmpty());

        GpuSample unknown;
        unknown.index = 3;
        unknown.pids = {42};
        QCOMPARE(
            gpuTableRow(unknown),
            (QStringList{QStringLiteral("3"), QStringLiteral("-"), QStringLiteral("-"), QStringLiteral("-"),
                         QStringLiteral("-"), QStringLiteral("-"), QStringLiteral("other (pid 42)")}));
    }

    void stopAndRestart()
    {
        NvmlTelemetry t;
        QSignalSpy sampled(&t, &GpuTelemetry::sampled);
        t.start(20);
        QTRY_VERIFY(sampled.count() >= 2);
        t.stop();
        QVERIFY(!t.isRunning());
        QCoreApplication::processEvents(); // anything still queued from the old worker is dropped
        const int after = sampled.count();
        QTest::qWait(100);
        QCOMPARE(sampled.count(), after);
        t.start(20);
        QVERIFY(t.isRunning());
        QTRY_VERIFY(sampled.count() > after);
        // Destroyed while running: joins its worker.
    }
};

QTEST_GUILESS_MAIN(TestNvmlTelemetry)
#include "tst_nvmltelemetry.moc"
