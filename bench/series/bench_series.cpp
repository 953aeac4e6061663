// Figures for the series targets, measured in one run on the same arrays:
//   decimating a 10M-point series to 1920 columns costs at most 1/20 of one plain scan;
//   a stored series costs at most 26 bytes per point including the pyramid.
// Prints figures; asserts nothing (the machine is shared, timings vary).

#include "series/decimator.h"
#include "series/emasmoother.h"
#include "series/metricseries.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <limits>
#include <random>
#include <time.h>
#include <vector>

using namespace lab;

namespace {

// This thread's CPU time: on a machine shared with other builds, wall time mostly measures the
// wait for a core; CPU time measures the work (cache sharing still adds noise).
double cpuMs()
{
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return double(ts.tv_sec) * 1e3 + double(ts.tv_nsec) / 1e6;
}

template<typename F>
double medianMs(int reps, F &&f)
{
    std::vector<double> t;
    t.reserve(std::size_t(reps));
    for (int r = 0; r < reps; ++r) {
        const double t0 = cpuMs();
        f();
        t.push_back(cpuMs() - t0);
    }
    std::nth_element(t.begin(), t.begin() + std::ptrdiff_t(t.size() / 2), t.end());
    return t[t.size() / 2];
}

// A training-loss-like curve: decaying, noisy, with rare spikes and a few NaN.
void fill(std::size_t n, std::vector<qint64> *steps, std::vector<qint64> *ts, std::vector<double> *values)
{
    std::mt19937_64 rng(1);
    std::normal_distribution<double> noise(0, 0.02);
    std::uniform_real_distribution<double> u(0, 1);
    steps->resize(n);
    ts->resize(n);
    values->resize(n);
    qint64 t = 1'700'000'000'000;
    for (std::size_t i = 0; i < n; ++i) {
        (*steps)[i] = qint64(i);
        t += 5 + qint64(u(rng) * 10);
        (*ts)[i] = t;
        double v = 2.0 / (1.0 + double(i) * 1e-5) + noise(rng);
        if (u(rng) < 1e-4)
            v *= 10;
        if (u(rng) < 1e-6)
            v = std::numeric_limits<double>::quiet_NaN();
        (*values)[i] = v;
    }
}

volatile double g_sink;

} // namespace

int main(int argc, char **argv)
{
    const std::size_t n = argc > 1 ? std::size_t(std::atoll(argv[1])) : 10'000'000;
    const int columns = 1920;
    std::printf("bench_series: %zu points, %d columns; times are this thread's CPU time, medians\n", n, columns);

    std::vector<qint64> steps, ts;
    std::vector<double> values;
    fill(n, &steps, &ts, &values);

    double t0 = cpuMs();
    MetricSeries bulk;
    bulk.append(steps, ts, values);
    const double bulkMs = (cpuMs() - t0);
    std::printf("bulk append (columns + pyramid):          %8.1f ms  (%.1f M points/s)\n", bulkMs,
                double(n) / bulkMs / 1e3);

    // (a) One plain scan over the values: what any per-frame pass over the data costs at least.
    const double *v = bulk.values().data();
    const double scanMs = medianMs(21, [&] {
        double mn = std::numeric_limits<double>::infinity(), mx = -mn;
        for (std::size_t i = 0; i < n; ++i) {
            const double x = v[i];
            if (x < mn)
                mn = x;
            if (x > mx)
                mx = x;
        }
        g_sink = mn + mx;
    });
    std::printf("(a) plain min/max scan, %zu points:     %8.3f ms  (median of 21)\n", n, scanMs);

    // (b) Decimation to 1920 columns, full range and a 10% zoom, into a reused result (as a chart does).
    DecimatedSeries out;
    double x0 = 0, x1 = 0;
    Decimator::xRange(bulk, XAxisMode::Step, &x0, &x1);
    const double fullMs = medianMs(201, [&] { Decimator::decimate(bulk, XAxisMode::Step, x0, x1, columns, &out); });
    const std::size_t fullPoints = out.size();
    const double w = x1 - x0;
    const double zoomMs = medianMs(201, [&] {
        Decimator::decimate(bulk, XAxisMode::Step, x0 + 0.45 * w, x0 + 0.55 * w, columns, &out);
    });
    const std::size_t zoomPoints = out.size();
    // A pan: the 10% window moved by a few pixels on each repetition (no warm cache of one view).
    int shift = 0;
    const double panMs = medianMs(201, [&] {
        const double a = x0 + 0.2 * w + double(++shift) * 3 * (0.1 * w / columns);
        Decimator::decimate(bulk, XAxisMode::Step, a, a + 0.1 * w, columns, &out);
    });
    const double timeMs = medianMs(201, [&] {
        double a = 0, b = 0;
        Decimator::xRange(bulk, XAxisMode::RelativeTime, &a, &b);
        Decimator::decimate(bulk, XAxisMode::RelativeTime, a, b, columns, &out);
    });
    std::printf("(b) decimate full range to %d columns:  %8.3f ms  (median of 201, %zu points out)\n", columns,
                fullMs, fullPoints);
    std::printf("    decimate 10%% zoom:                    %8.3f ms  (median of 201, %zu points out)\n", zoomMs,
                zoomPoints);
    std::printf("    decimate 10%% window while panning:    %8.3f ms  (median of 201)\n", panMs);
    std::printf("    decimate full range, relative time:   %8.3f ms  (median of 201)\n", timeMs);
    std::printf("    ratio decimate/scan: full 1/%.0f, zoom 1/%.0f, pan 1/%.0f (issue: at most 1/20)\n",
                scanMs / fullMs, scanMs / zoomMs, scanMs / panMs);

    // (c) Memory per point, bulk-loaded and grown one point at a time.
    const double bulkBpp = double(bulk.memoryBytes()) / double(n);
    t0 = cpuMs();
    MetricSeries live;
    for (std::size_t i = 0; i < n; ++i)
        live.append(steps[i], ts[i], values[i]);
    const double liveMs = (cpuMs() - t0);
    const double liveBpp = double(live.memoryBytes()) / double(n);
    std::printf("(c) bytes per point: bulk %.2f, appended one by one %.2f (issue: at most 26)\n", bulkBpp, liveBpp);
    std::printf("    one-by-one append: %.1f ms (%.1f M points/s)\n", liveMs, double(n) / liveMs / 1e3);

    // (d) TensorBoard EMA over the whole series, and incrementally in live-sized batches.
    double emaMs = medianMs(5, [&] {
        EmaSmoother s(0.9);
        g_sink = s.update(bulk).values().back();
    });
    std::printf("(d) EMA smoothing (w 0.9), %zu points:  %8.1f ms  (%.1f M points/s, median of 5)\n", n, emaMs,
                double(n) / emaMs / 1e3);
    {
        MetricSeries growing;
        EmaSmoother s(0.9);
        const std::size_t batch = 1000, total = std::min<std::size_t>(n, 2'000'000);
        t0 = cpuMs();
        for (std::size_t at = 0; at < total; at += batch) {
            const std::size_t k = std::min(batch, total - at);
            growing.append(std::span(steps).subspan(at, k), std::span(ts).subspan(at, k),
                           std::span(values).subspan(at, k));
            s.update(growing);
        }
        const double ms = (cpuMs() - t0);
        std::printf("    live: append + smooth %zu points in batches of %zu: %.1f ms (%.1f M points/s)\n", total,
                    batch, ms, double(total) / ms / 1e3);
    }

    // (e) The chart's case: 100 runs x 100k points decimated to 1920 columns (full range).
    {
        std::vector<MetricSeries> runs(100);
        for (std::size_t r = 0; r < runs.size(); ++r)
            runs[r].append(std::span(steps).first(100'000), std::span(ts).first(100'000),
                           std::span(values).subspan(r * 1000, 100'000));
        std::vector<DecimatedSeries> lines(runs.size());
        const double ms = medianMs(51, [&] {
            for (std::size_t r = 0; r < runs.size(); ++r)
                Decimator::decimate(runs[r], XAxisMode::Step, 0, 99'999 * 0.37, columns, &lines[r]);
        });
        std::printf("(e) 100 runs x 100k points, decimate all to %d columns: %.3f ms (median of 51)\n", columns, ms);
    }

    std::printf("summary: scan %.3f ms, decimate %.3f ms full (1/%.0f) and %.3f ms 10%% zoom (1/%.0f), "
                "%.2f bytes/point (bulk) %.2f (one by one), EMA %.0f M points/s: %s\n",
                scanMs, fullMs, scanMs / fullMs, zoomMs, scanMs / zoomMs, bulkBpp, liveBpp, double(n) / emaMs / 1e3,
                (fullMs * 20 <= scanMs && zoomMs * 20 <= scanMs && std::max(bulkBpp, liveBpp) <= 26) ? "targets met"
                                                                                                     : "TARGETS MISSED");
    return 0;
}
