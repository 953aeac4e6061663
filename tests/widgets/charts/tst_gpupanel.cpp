#include "charts/gpucard.h"
#include "charts/gpuchart.h"
#include "charts/gpupanel.h"
#include "testpaths.h"

#include <QApplication>
#include <QDialog>
#include <QImage>
#include <QTest>

using namespace lab;

namespace {

// Telemetry in whatever state a test puts it in.
class FakeTelemetry : public GpuTelemetry
{
public:
    using GpuTelemetry::GpuTelemetry;

    TelemetryState state() const override { return m_state; }
    QString stateMessage() const override { return m_message; }
    QList<GpuSample> latest() const override { return m_latest; }
    QList<GpuSample> history(int gpuIndex) const override { return m_history.value(gpuIndex); }
    void start(int) override {}
    void stop() override {}

    void setState(TelemetryState s, const QString &message)
    {
        m_state = s;
        m_message = message;
        Q_EMIT stateChanged(s, message);
    }
    void push(const QList<GpuSample> &samples)
    {
        m_latest = samples;
        for (const GpuSample &s : samples)
            m_history[s.index].append(s);
        Q_EMIT sampled(samples);
    }

    TelemetryState m_state = TelemetryState::Starting;
    QString m_message;
    QList<GpuSample> m_latest;
    QMap<int, QList<GpuSample>> m_history;
};

constexpr qint64 GiB = 1024LL * 1024 * 1024;

GpuSample sample(int index, qint64 t, double util, qint64 memUsed, const QString &ownerRun = {})
{
    GpuSample s;
    s.index = index;
    s.name = QStringLiteral("NVIDIA A100-SXM4-80GB");
    s.uuid = QStringLiteral("GPU-%1").arg(index);
    s.timestampMs = t;
    s.utilizationPercent = util;
    s.memoryUsedBytes = memUsed;
    s.memoryTotalBytes = 80 * GiB;
    s.temperatureC = 40 + util / 4;
    s.powerWatts = 60 + util * 3;
    if (!ownerRun.isEmpty()) {
        s.ownerRunId = ownerRun;
        s.ownerJobId = QStringLiteral("job-") + ownerRun;
        s.ownerName = QStringLiteral("spirals-lr0.01");
        s.pids = {4242};
    }
    return s;
}

// Ten minutes of samples, one per second, for GPUs 0 and 1.
void feedTenMinutes(FakeTelemetry &t, qint64 t0)
{
    for (int i = 0; i < 600; ++i) {
        const qint64 ts = t0 + i * 1000LL;
        const double busy = i < 120 ? 3 : 70 + 25 * std::sin(i / 20.0);
        t.push({sample(0, ts, busy, qint64((i < 120 ? 0.5 : 52.0) * GiB),
                       i < 120 ? QString() : QStringLiteral("abc123")),
                sample(1, ts, i % 60 < 30 ? 0 : 100, 2 * GiB)});
    }
}

} // namespace

class TestGpuPanel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void noDriverShowsTheMessageNotADialog()
    {
        FakeTelemetry telemetry;
        telemetry.setState(TelemetryState::NoDriver, QStringLiteral("No NVIDIA driver found"));
        GpuPanel panel(&telemetry);
        panel.resize(1280, 800);
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        QVERIFY2(panel.messageText().contains(QStringLiteral("No NVIDIA driver found")),
                 qPrintable(panel.messageText()));
        QCOMPARE(panel.cardCount(), 0);
        // Not as a dialog: the only top-level window is the panel itself.
        for (QWidget *w : QApplication::topLevelWidgets())
            QVERIFY(!qobject_cast<QDialog *>(w) || !w->isVisible());
        QTest::qWait(20);
        QVERIFY(panel.grab().save(labtest::artefactDir(QStringLiteral("screenshots")) +
                                  QStringLiteral("/chart-gpupanel-nodriver.png")));
    }

    void noGpuAndErrorStatesAreWords()
    {
        FakeTelemetry telemetry;
        GpuPanel panel(&telemetry);
        QVERIFY(panel.messageText().contains(QStringLiteral("Starting")));
        telemetry.setState(TelemetryState::NoGpu, QStringLiteral("No NVIDIA GPU found"));
        QVERIFY2(panel.messageText().contains(QStringLiteral("No NVIDIA GPU found")),
                 qPrintable(panel.messageText()));
        telemetry.setState(TelemetryState::Error, QStringLiteral("nvmlInit failed: NVML_ERROR_UNKNOWN"));
        QVERIFY2(panel.messageText().contains(QStringLiteral("NVML_ERROR_UNKNOWN")),
                 qPrintable(panel.messageText()));
    }

    void availableShowsACardPerGpuWithItsFigures()
    {
        FakeTelemetry telemetry;
        telemetry.setState(TelemetryState::Available, QStringLiteral("2 GPUs"));
        GpuPanel panel(&telemetry);
        panel.resize(1280, 800);
        QString clickedRun;
        connect(&panel, &GpuPanel::runActivated, this, [&](const QString &id) { clickedRun = id; });
        const qint64 t0 = 1700000000000;
        feedTenMinutes(telemetry, t0);
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        QCOMPARE(panel.cardCount(), 2);
        QCOMPARE(panel.messageText(), QString());

        GpuCard *c0 = panel.card(0);
        GpuCard *c1 = panel.card(1);
        QVERIFY(c0 && c1);
        QVERIFY2(c0->title().contains(QStringLiteral("A100")), qPrintable(c0->title()));
        const GpuSample last0 = telemetry.m_latest[0];
        QCOMPARE(c0->utilizationText(), QStringLiteral("%1 %").arg(qRound(last0.utilizationPercent)));
        QCOMPARE(c0->memoryText(), QStringLiteral("52.0 GiB / 80.0 GiB"));
        QCOMPARE(c0->temperatureText(), QStringLiteral("%1 °C").arg(qRound(last0.temperatureC)));
        QCOMPARE(c0->powerText(), QStringLiteral("%1 W").arg(last0.powerWatts, 0, 'f', 0));
        QVERIFY2(c0->ownerText().contains(QStringLiteral("spirals-lr0.01")), qPrintable(c0->ownerText()));
        QCOMPARE(c1->ownerText(), QStringLiteral("Idle"));
        QCOMPARE(c1->utilizationText(), QStringLiteral("100 %"));

        // The chart covers the last ten minutes: all 600 samples, from the left edge to "now".
        const auto util = c0->chart()->utilizationPolylines();
        QCOMPARE(util.size(), 1);
        QCOMPARE(util.first().size(), 600);
        const QRectF plot = c0->chart()->plotRect();
        QVERIFY(std::abs(util.first().last().x() - plot.right()) < 0.01);
        QVERIFY(util.first().first().x() < plot.left() + plot.width() * 0.01);
        // 52 of 80 GiB: memory line at 65 % of the height.
        const auto mem = c0->chart()->memoryPolylines();
        QVERIFY(std::abs(mem.first().last().y() - (plot.bottom() - 0.65 * plot.height())) < 0.5);

        // Two more minutes: the window slides, older samples leave the chart.
        for (int i = 600; i < 720; ++i)
            telemetry.push(
                {sample(0, t0 + i * 1000LL, 50, 10 * GiB), sample(1, t0 + i * 1000LL, 50, 10 * GiB)});
        QVERIFY(c0->chart()->samples().size() <= 602);
        QCOMPARE(c0->ownerText(), QStringLiteral("Idle"));

        // A missing utilisation reading is a gap, not a drop to zero.
        GpuSample gap = sample(0, t0 + 720 * 1000LL, -1, 10 * GiB);
        telemetry.push({gap, sample(1, t0 + 720 * 1000LL, 50, 10 * GiB)});
        telemetry.push(
            {sample(0, t0 + 721 * 1000LL, 40, 10 * GiB), sample(1, t0 + 721 * 1000LL, 50, 10 * GiB)});
        QCOMPARE(c0->chart()->utilizationPolylines().size(), 2);
        QCOMPARE(c0->utilizationText(), QStringLiteral("40 %"));

        // Telemetry lost: the message replaces the cards' stale figures.
        telemetry.setState(TelemetryState::Error, QStringLiteral("driver went away"));
        QCOMPARE(panel.cardCount(), 0);
        QVERIFY(panel.messageText().contains(QStringLiteral("driver went away")));
        telemetry.setState(TelemetryState::Available, QStringLiteral("2 GPUs"));
        QCOMPARE(panel.cardCount(), 2);
        Q_UNUSED(clickedRun);
    }

    void screenshotTwoGpus()
    {
        FakeTelemetry telemetry;
        telemetry.setState(TelemetryState::Available, QStringLiteral("2 GPUs"));
        feedTenMinutes(telemetry, 1700000000000);
        GpuPanel panel(&telemetry); // created after the samples: takes the kept history
        panel.resize(1280, 800);
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        QCOMPARE(panel.cardCount(), 2);
        QCOMPARE(panel.card(0)->chart()->samples().size(), 600);
        QTest::qWait(20);
        const QImage image = panel.grab().toImage();
        // The utilisation colour is on screen (the charts are drawn).
        int blue = 0;
        const QColor u = GpuChart::utilizationColor();
        for (int y = 0; y < image.height(); y += 2)
            for (int x = 0; x < image.width(); x += 2)
                if (image.pixelColor(x, y) == u)
                    ++blue;
        QVERIFY2(blue > 50, qPrintable(QString::number(blue)));
        QVERIFY(image.save(labtest::artefactDir(QStringLiteral("screenshots")) +
                           QStringLiteral("/chart-gpupanel-two-gpus.png")));
    }
};

QTEST_MAIN(TestGpuPanel)
#include "tst_gpupanel.moc"
