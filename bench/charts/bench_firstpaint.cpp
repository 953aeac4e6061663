// 100 runs shown from a tracking server, through the real TrackingService, MetricFeed and
// ChartPanel (1920x1080, offscreen):
//  - first paint: from the sampled responses arriving (100 x 2500-point sampled increments on
//    the UI thread) to the end of the first paint of the chart with all 100 curves
//    (target: 300 ms);
//  - streaming: the full histories (100 x 100k points) then arrive as reset increments; the
//    longest gap between two turns of the UI event loop and the longest paint while they do
//    (target: no frame over 50 ms).
// Reference, in the same run: the first paint when the store answers with the full histories at
// once (what a local store does, and what a server would cost without sampling), and an empty
// chart's paint. Figures are printed, never asserted.
// Run: build/bench/charts/bench_firstpaint        (offscreen unless QT_QPA_PLATFORM is set)
#include "charts/metricchart.h"
#include "series/metricseries.h"
#include "tracking/trackingservice.h"
#include "tracking/trackingstore.h"
#include "views/chartpanel.h"
#include "views/metricfeed.h"

#include <QApplication>
#include <QChartView>
#include <QElapsedTimer>
#include <QEvent>
#include <QEventLoop>
#include <QThread>
#include <QTimer>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <functional>
#include <memory>
#include <vector>

using namespace lab;

namespace {

constexpr int Runs = 100;
constexpr int SampledPoints = TrackingService::SampledPointsPerRun; // 2500
constexpr int FullPoints = 100000;
const QString Key = QStringLiteral("loss");

qint64 nowNs()
{
    return std::chrono::duration_cast<std::chrono::nanoseconds>(
               std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

double value(int run, qint64 i)
{
    const double t = double(i) / FullPoints;
    const double rate = 0.5 + 3.0 * run / Runs;
    // Deterministic "noise": the bench measures drawing, not a random generator.
    return 0.05 + 0.002 * run + 2.3 * std::exp(-rate * 4 * t) + 0.03 * std::sin(double(i) * 0.7 + run);
}

// A server with 100 finished runs of 100k points each. Samples are evenly spaced (first and last
// point kept), as get-history-bulk-interval answers; full histories are generated per call, which
// stands in for the JSON parse a real store does on the worker.
class BenchStore : public TrackingStore
{
public:
    explicit BenchStore(bool sampled) : m_sampled(sampled) {}

    std::atomic<qint64> sampleReturnedNs{0};

    QString uri() const override { return QStringLiteral("https://bench.invalid"); }
    Result<QList<Experiment>> listExperiments(ViewType) override { return QList<Experiment>{}; }
    Result<Experiment> getExperiment(const QString &) override { return none(); }
    Result<std::optional<Experiment>> getExperimentByName(const QString &) override
    {
        return std::optional<Experiment>();
    }
    Result<QString> createExperiment(const QString &, const QString &) override { return none(); }
    Result<RunPage> searchRuns(const RunSearch &) override { return RunPage{}; }
    Result<Run> getRun(const QString &runId) override { return makeRun(runId); }
    Result<Run> createRun(const QString &, const QString &, qint64, const QList<Tag> &,
                          const QString &) override
    {
        return none();
    }
    Status updateRun(const QString &, RunStatus, qint64, const QString &) override { return none(); }
    Status setTag(const QString &, const QString &, const QString &) override { return none(); }
    Status deleteTag(const QString &, const QString &) override { return none(); }
    Status logBatch(const QString &, const QList<MetricPoint> &, const QList<Param> &,
                    const QList<Tag> &) override
    {
        return none();
    }
    Status deleteRun(const QString &) override { return none(); }
    Status restoreRun(const QString &) override { return none(); }
    Result<QList<MetricPoint>> getMetricHistory(const QString &, const QString &) override { return none(); }
    Status readMetricIncrement(const QString &runId, const QString &, MetricCursor *cursor,
                               MetricSeries *series) override
    {
        if (cursor->position >= FullPoints)
            return {};
        fill(runId.mid(4).toInt(), 1, series);
        cursor->position = FullPoints;
        return {};
    }
    Result<QStringList> metricKeys(const QString &) override { return QStringList{Key}; }
    Result<QList<SampledHistory>> getSampledHistories(const QStringList &runIds, const QString &key,
                                                      int maxPoints, qint64, qint64) override
    {
        QList<SampledHistory> out;
        for (const QString &runId : runIds) {
            SampledHistory h{runId, key, std::make_shared<MetricSeries>(), !m_sampled, {}};
            if (m_sampled) {
                fill(runId.mid(4).toInt(), (FullPoints - 1) / (maxPoints - 1), h.series.get());
            } else {
                fill(runId.mid(4).toInt(), 1, h.series.get());
                h.cursor = MetricCursor{FullPoints};
            }
            out << h;
        }
        sampleReturnedNs = nowNs();
        return out;
    }
    Result<QList<ArtifactInfo>> listArtifacts(const QString &, const QString &) override
    {
        return QList<ArtifactInfo>{};
    }
    QString localArtifactPath(const QString &, const QString &) override { return {}; }
    Result<QByteArray> readArtifact(const QString &, const QString &, qint64) override { return none(); }
    Status writeArtifact(const QString &, const QString &, const QByteArray &) override { return none(); }
    Result<QList<RegisteredModel>> listRegisteredModels() override { return QList<RegisteredModel>{}; }
    Result<QList<ModelVersion>> listModelVersions(const QString &) override { return QList<ModelVersion>{}; }

    static Run makeRun(const QString &runId)
    {
        Run r;
        r.info.runId = runId;
        r.info.experimentId = QStringLiteral("1");
        r.info.runName = runId;
        r.info.status = RunStatus::Finished;
        r.metrics = {{Key, value(runId.mid(4).toInt(), FullPoints - 1), 1700000000000, FullPoints - 1}};
        return r;
    }

private:
    static Error none()
    {
        return makeError(QStringLiteral("not in the bench"), QStringLiteral("NOT_SUPPORTED"));
    }
    static void fill(int run, qint64 stride, MetricSeries *series)
    {
        const qint64 n = (FullPoints - 1) / stride + 1;
        std::vector<qint64> steps(n), ts(n);
        std::vector<double> values(n);
        for (qint64 j = 0; j < n; ++j) {
            const qint64 i = std::min<qint64>(j * stride, FullPoints - 1);
            steps[j] = i;
            ts[j] = 1700000000000 + i * 250;
            values[j] = value(run, i);
        }
        series->append(steps, ts, values);
    }
    bool m_sampled;
};

double threadCpuMs()
{
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return double(ts.tv_sec) * 1e3 + double(ts.tv_nsec) / 1e6;
}

// Times the frames of a top-level widget: each UpdateRequest is one repaint of the window into
// its backing store and the flush. Only frames that painted the chart's plot (a paint event of
// the chart view's viewport inside them) are kept.
class FrameTimer : public QObject
{
public:
    FrameTimer(QWidget *window, QWidget *viewport) : m_window(window), m_viewport(viewport)
    {
        window->installEventFilter(this);
        viewport->installEventFilter(this);
    }
    ~FrameTimer() override
    {
        m_window->removeEventFilter(this);
        m_viewport->removeEventFilter(this);
    }
    std::vector<std::pair<qint64, qint64>> paints; // start, end (ns)
    std::vector<double> paintCpuMs;                // the UI thread's CPU time in each
    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (watched == m_viewport) {
            if (event->type() == QEvent::Paint)
                m_viewportPainted = true;
            return false;
        }
        if (event->type() != QEvent::UpdateRequest || m_inside)
            return false;
        m_inside = true;
        m_viewportPainted = false;
        const qint64 start = nowNs();
        const double cpu = threadCpuMs();
        watched->event(event); // QObject::event is public: the window repaints now
        if (m_viewportPainted) {
            paints.emplace_back(start, nowNs());
            paintCpuMs.push_back(threadCpuMs() - cpu);
        }
        m_inside = false;
        return true;
    }

private:
    QWidget *m_window;
    QWidget *m_viewport;
    bool m_inside = false;
    bool m_viewportPainted = false;
};

struct Figures
{
    double sampleToFirstArrivalMs = 0; // store answered -> first increment on the UI thread
    double arrivalToPaintMs = 0;       // first increment on the UI thread -> end of first full paint
    double firstPaintMs = 0;           // that paint alone
    double streamMs = 0;               // first paint -> every full history shown
    double longestLoopGapMs = 0;       // while streaming
    double longestLoopGapCpuMs = 0;    // the UI thread's CPU time in the longest-working turn
    double longestPaintMs = 0;         // while streaming
    double longestPaintCpuMs = 0;      // the same paints, UI thread CPU time
    std::size_t pointsHeld = 0;        // by the chart in the end
    double longestIncrementMs = 0;     // one increment through feed and chart (UI thread)
    double incrementsCpuMs = 0;        // all of them, UI thread CPU time
    int paintsWhileStreaming = 0;
    int fullIncrements = 0;
};

// Runs the event loop until `done` holds (checked every millisecond) or `timeoutMs` passes;
// `tick` sees the time of every turn, for the longest gap between two.
bool runUntil(const std::function<bool()> &done, int timeoutMs, const std::function<void(qint64)> &tick = {})
{
    QEventLoop loop;
    QTimer timer;
    timer.setTimerType(Qt::PreciseTimer);
    timer.setInterval(1);
    QElapsedTimer guard;
    guard.start();
    bool ok = false;
    QObject::connect(&timer, &QTimer::timeout, &loop, [&] {
        if (tick)
            tick(nowNs());
        if (done()) {
            ok = true;
            loop.quit();
        } else if (guard.elapsed() > timeoutMs) {
            loop.quit();
        }
    });
    timer.start();
    loop.exec();
    return ok;
}

Figures runScenario(bool sampled)
{
    auto storeOwned = std::make_unique<BenchStore>(sampled);
    BenchStore *store = storeOwned.get();
    TrackingService service(std::move(storeOwned));
    // Connected before the feed: the start of an increment's trip through feed and chart.
    double incrementStartCpu = 0;
    qint64 incrementStart = 0;
    QObject::connect(&service, &TrackingService::metricsAppended, &service, [&] {
        incrementStart = nowNs();
        incrementStartCpu = threadCpuMs();
    });
    MetricFeed feed(&service);
    ChartPanel panel(&feed);
    panel.resize(1920, 1080);
    panel.show();
    FrameTimer paints(&panel, panel.chart()->chartView()->viewport());
    // Let the empty window settle (first show, layout) before the data comes.
    QElapsedTimer settle;
    settle.start();
    runUntil([&] { return settle.elapsed() > 300; }, 1000);
    paints.paints.clear();

    Figures f;
    qint64 firstArrival = 0;
    int sampledSeen = 0;
    int fullSeen = 0;
    qint64 allSampledDrawnAt = 0; // the rebuild after the last sampled increment
    qint64 lastFull = 0;
    // Connected after the chart: the end of the trip.
    QObject::connect(&feed, &MetricFeed::metricsAppended, &panel, [&](const MetricIncrement &inc) {
        const qint64 t = nowNs();
        f.longestIncrementMs = std::max(f.longestIncrementMs, double(t - incrementStart) / 1e6);
        f.incrementsCpuMs += threadCpuMs() - incrementStartCpu;
        if (!firstArrival)
            firstArrival = incrementStart;
        if (inc.sampled || !sampled) {
            ++sampledSeen;
        } else {
            ++fullSeen;
            lastFull = t;
        }
    });
    QObject::connect(panel.chart(), &MetricChart::viewRangeChanged, &panel, [&] {
        if (sampledSeen == Runs && !allSampledDrawnAt)
            allSampledDrawnAt = nowNs();
    });

    QList<Run> runs;
    for (int i = 0; i < Runs; ++i)
        runs << BenchStore::makeRun(QStringLiteral("run-%1").arg(i, 3, 10, QLatin1Char('0')));
    panel.setRuns(runs);
    panel.setMetric(Key);

    // Phase 1: until the first frame after the rebuild that holds every first-paint curve.
    std::size_t firstPaintIndex = 0;
    const bool painted = runUntil(
        [&] {
            if (!allSampledDrawnAt)
                return false;
            for (std::size_t i = 0; i < paints.paints.size(); ++i) {
                if (paints.paints[i].first >= allSampledDrawnAt) {
                    firstPaintIndex = i;
                    return true;
                }
            }
            return false;
        },
        60000);
    if (!painted) {
        std::printf("  no paint with all the curves within 60 s\n");
        return f;
    }
    const auto first = paints.paints.at(firstPaintIndex);
    f.sampleToFirstArrivalMs = double(firstArrival - store->sampleReturnedNs.load()) / 1e6;
    f.arrivalToPaintMs = double(first.second - firstArrival) / 1e6;
    f.firstPaintMs = double(first.second - first.first) / 1e6;

    if (sampled) {
        // Phase 2: full histories stream in; every turn of the event loop is timed.
        f.longestIncrementMs = 0;
        f.incrementsCpuMs = 0;
        const qint64 streamStart = first.second;
        qint64 lastTick = nowNs();
        qint64 longestGap = 0;
        double lastTickCpu = threadCpuMs();
        qint64 doneAt = 0;
        runUntil(
            [&] {
                if (fullSeen == Runs && !doneAt)
                    doneAt = nowNs();
                // Done at the first frame that starts 20 ms after the last history arrived.
                return doneAt && !paints.paints.empty() && paints.paints.back().first > doneAt + 20000000;
            },
            120000,
            [&](qint64 t) {
                longestGap = std::max(longestGap, t - lastTick);
                lastTick = t;
                const double cpu = threadCpuMs();
                f.longestLoopGapCpuMs = std::max(f.longestLoopGapCpuMs, cpu - lastTickCpu);
                lastTickCpu = cpu;
            });
        f.streamMs = double(lastFull - streamStart) / 1e6;
        f.longestLoopGapMs = double(longestGap) / 1e6;
        for (std::size_t i = firstPaintIndex + 1; i < paints.paints.size(); ++i) {
            const auto &p = paints.paints[i];
            f.longestPaintMs = std::max(f.longestPaintMs, double(p.second - p.first) / 1e6);
            f.longestPaintCpuMs = std::max(f.longestPaintCpuMs, paints.paintCpuMs[i]);
            ++f.paintsWhileStreaming;
        }
        f.fullIncrements = fullSeen;
        for (const Run &r : std::as_const(runs))
            f.pointsHeld +=
                panel.chart()->series(r.info.runId) ? panel.chart()->series(r.info.runId)->size() : 0;
    }
    return f;
}

// A paint of the same panel with no data: the floor under any first paint.
double emptyPaintMs()
{
    ChartPanel panel(nullptr);
    panel.resize(1920, 1080);
    panel.show();
    QWidget *viewport = panel.chart()->chartView()->viewport();
    FrameTimer paints(&panel, viewport);
    QElapsedTimer t;
    t.start();
    runUntil([&] { return t.elapsed() > 300; }, 1000);
    std::vector<double> ms;
    for (int i = 0; i < 5; ++i) {
        paints.paints.clear();
        viewport->update();
        runUntil([&] { return !paints.paints.empty(); }, 2000);
        if (!paints.paints.empty())
            ms.push_back(double(paints.paints.back().second - paints.paints.back().first) / 1e6);
    }
    std::sort(ms.begin(), ms.end());
    return ms.empty() ? 0 : ms[ms.size() / 2];
}

} // namespace

int main(int argc, char **argv)
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);

    std::printf(
        "bench_firstpaint: %d runs, %d sampled points per run, %d points per full history, 1920x1080\n", Runs,
        SampledPoints, FullPoints);
    std::printf("reference: empty chart paint (median of 5): %.1f ms\n", emptyPaintMs());

    const Figures ref = runScenario(false);
    std::printf("reference: first paint from full histories (no sampling, 100 x %d points):\n", FullPoints);
    std::printf("  store answered -> first increment on UI thread: %.1f ms\n", ref.sampleToFirstArrivalMs);
    std::printf("  first increment on UI thread -> all curves painted: %.1f ms (that paint: %.1f ms)\n",
                ref.arrivalToPaintMs, ref.firstPaintMs);

    const Figures s = runScenario(true);
    std::printf("sampled first paint (100 x %d points), then full detail:\n", SampledPoints);
    std::printf("  store answered -> first increment on UI thread: %.1f ms\n", s.sampleToFirstArrivalMs);
    std::printf("  first sampled increment on UI thread -> all curves painted: %.1f ms (that paint: %.1f ms) "
                "[target <= 300 ms]\n",
                s.arrivalToPaintMs, s.firstPaintMs);
    std::printf(
        "  full detail: %d reset increments over %.0f ms; longest UI event-loop gap %.1f ms, longest paint "
        "%.1f ms over %d paints [target: no frame over 50 ms]\n",
        s.fullIncrements, s.streamMs, s.longestLoopGapMs, s.longestPaintMs, s.paintsWhileStreaming);
    std::printf(
        "  UI-thread CPU time (what the load on this machine does not stretch): longest event-loop turn "
        "%.1f ms,\n",
        s.longestLoopGapCpuMs);
    std::printf("  longest paint %.1f ms; one full increment through feed and chart: longest "
                "%.1f ms, all of them %.0f ms UI-thread CPU\n",
                s.longestPaintCpuMs, s.longestIncrementMs, s.incrementsCpuMs);
    std::printf("  points held by the chart after streaming: %zu (expected %lld)\n", s.pointsHeld,
                qint64(Runs) * FullPoints);
    double load[3] = {0, 0, 0};
    if (getloadavg(load, 3) > 0)
        std::printf("machine: %d cores, load average %.1f (figures are wall time)\n",
                    QThread::idealThreadCount(), load[0]);
    return 0;
}
