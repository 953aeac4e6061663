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

double median(std::vector<double> t)
{
    std::nth_element(t.begin(), t.begin() + std::ptrdiff_t(t.size() / 2), t.end());
    return t[t.size() / 2];
}

template <typename F> double medianMs(int reps, F &&f)
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
    std::printf("bench_series: %zu points, %d columns; times are this thread's CPU time, medians\n", n,
                columns);

    std::vector<qint64> steps, ts;
    std::vector<double> values;
    fill(n, &steps, &ts, &values);

    double t0 = cpuMs();
    MetricSeries bulk;
    bulk.append(steps, ts, values);
    const double bulkMs = (cpuMs() - t0);
    std::printf("bulk append (columns + pyramid):          %8.1f ms  (%.1f M points/s)\n", bulkMs,
                double(n) / bulkMs / 1e3);

    // (a) and (b), interleaved in rounds so that both see the same machine (this one is shared):
    // (a) one plain scan over the values, what any per-frame pass over the data costs at least;
    // (b) decimation to 1920 columns into a reused result, as a chart does on each repaint:
    //     the full range, a 10% zoom, a 10% window panned by 3 px each time, and the full range by
    //     relative time (timestamps are irregular, so x is read rather than computed).
    // Each round scans once, then decimates each view 8 times in a row. The first decimation
    // after the scan finds the caches flushed by it ("cold"); the next 7 find what the previous
    // one read ("warm": a chart redrawing on zoom and pan). Medians of each.
    const double *v = bulk.values().data();
    DecimatedSeries out;
    double x0 = 0, x1 = 0;
    Decimator::xRange(bulk, XAxisMode::Step, &x0, &x1);
    const double w = x1 - x0;
    double r0 = 0, r1 = 0;
    Decimator::xRange(bulk, XAxisMode::RelativeTime, &r0, &r1);
    struct Timing
    {
        std::vector<double> cold, warm;
    };
    // The same curve without its ten NaN (the chart's column path is for finite series; a gap
    // sends a series through decimate()).
    MetricSeries finite;
    {
        std::vector<double> fv(values);
        for (std::size_t i = 0; i < n; ++i)
            if (!std::isfinite(fv[i]))
                fv[i] = i > 0 ? fv[i - 1] : 0.0;
        finite.append(steps, ts, fv);
    }
    std::vector<double> scanT, scanXYT;
    Timing fullT, zoomT, panT, timeT, colsFullT, colsTimeT;
    ColumnExtents extents;
    std::size_t fullPoints = 0, zoomPoints = 0;
    int shift = 0;
    const int rounds = 31, perRound = 8;
    const auto timed = [](auto &&f) {
        const double t0 = cpuMs();
        f();
        return cpuMs() - t0;
    };
    const auto scan = [&] {
        double mn = std::numeric_limits<double>::infinity(), mx = -mn;
        for (std::size_t i = 0; i < n; ++i) {
            const double x = v[i];
            if (x < mn)
                mn = x;
            if (x > mx)
                mx = x;
        }
        g_sink = mn + mx;
    };
    // The arrays a decimation by time reads: timestamps and values, scanned together.
    const qint64 *tsv = bulk.timestamps().data();
    const auto scanXY = [&] {
        double mn = std::numeric_limits<double>::infinity(), mx = -mn;
        qint64 tmn = std::numeric_limits<qint64>::max(), tmx = std::numeric_limits<qint64>::min();
        for (std::size_t i = 0; i < n; ++i) {
            const double x = v[i];
            mn = x < mn ? x : mn;
            mx = x > mx ? x : mx;
            tmn = std::min(tmn, tsv[i]);
            tmx = std::max(tmx, tsv[i]);
        }
        g_sink = mn + mx + double(tmn) + double(tmx);
    };
    const auto series = [&](Timing *t, auto &&f) {
        scan(); // flush the caches of what the previous view read
        for (int k = 0; k < perRound; ++k)
            (k == 0 ? t->cold : t->warm).push_back(timed(f));
    };
    for (int round = 0; round < rounds; ++round) {
        scanT.push_back(timed(scan));
        series(&fullT, [&] { Decimator::decimate(bulk, XAxisMode::Step, x0, x1, columns, &out); });
        fullPoints = out.size();
        series(&zoomT, [&] {
            Decimator::decimate(bulk, XAxisMode::Step, x0 + 0.45 * w, x0 + 0.55 * w, columns, &out);
        });
        zoomPoints = out.size();
        series(&panT, [&] {
            const double a = x0 + 0.2 * w + double(++shift) * 3 * (0.1 * w / columns);
            Decimator::decimate(bulk, XAxisMode::Step, a, a + 0.1 * w, columns, &out);
        });
        series(&timeT, [&] { Decimator::decimate(bulk, XAxisMode::RelativeTime, r0, r1, columns, &out); });
        scanXYT.push_back(timed(scanXY));
        series(&colsFullT, [&] { Decimator::decimateColumns(finite, XAxisMode::Step, x0, x1, columns, &extents); });
        series(&colsTimeT,
               [&] { Decimator::decimateColumns(finite, XAxisMode::RelativeTime, r0, r1, columns, &extents); });
    }
    const double scanXYMs = median(scanXYT);
    const double scanMs = median(scanT);
    std::printf("(a) plain min/max scan, %zu points:     %8.3f ms  (median of %d)\n", n, scanMs, rounds);
    std::printf("(b) decimate to %d columns                  warm      cold   (medians of %d and %d)\n",
                columns, rounds * (perRound - 1), rounds);
    const auto row = [&](const char *name, const Timing &t, const char *extra) {
        const double wm = median(t.warm), cm = median(t.cold);
        std::printf("    %-38s %6.3f ms %6.3f ms  ratio to scan 1/%.0f warm, 1/%.0f cold%s\n", name, wm, cm,
                    scanMs / wm, scanMs / cm, extra);
    };
    char fullExtra[64], zoomExtra[64];
    std::snprintf(fullExtra, sizeof fullExtra, " (%zu points out)", fullPoints);
    std::snprintf(zoomExtra, sizeof zoomExtra, " (%zu points out)", zoomPoints);
    row("full range (step):", fullT, fullExtra);
    row("10% zoom (step):", zoomT, zoomExtra);
    row("10% window panned 3 px each time:", panT, "");
    row("full range, relative time:", timeT, "");
    std::printf("  column extents (what the chart draws from, MetricChart's path for finite series):\n");
    row("full range (step):", colsFullT, "");
    row("full range, relative time:", colsTimeT, "");
    std::printf("    issue: decimation at most 1/20 of one scan\n");
    std::printf("(a') plain scan of timestamps and values (the arrays a decimation by time reads): %.3f ms\n"
                "    relative time against it: decimate 1/%.0f warm, 1/%.0f cold; column extents 1/%.0f warm, "
                "1/%.0f cold\n",
                scanXYMs, scanXYMs / median(timeT.warm), scanXYMs / median(timeT.cold),
                scanXYMs / median(colsTimeT.warm), scanXYMs / median(colsTimeT.cold));
    const double fullMs = median(fullT.warm), zoomMs = median(zoomT.warm);
    const double fullCold = median(fullT.cold), zoomCold = median(zoomT.cold);

    // (c) Memory per point, bulk-loaded and grown one point at a time.
    const double bulkBpp = double(bulk.memoryBytes()) / double(n);
    t0 = cpuMs();
    MetricSeries live;
    for (std::size_t i = 0; i < n; ++i)
        live.append(steps[i], ts[i], values[i]);
    const double liveMs = (cpuMs() - t0);
    const double liveBpp = double(live.memoryBytes()) / double(n);
    std::printf("(c) bytes per point: bulk %.2f, appended one by one %.2f (issue: at most 26)\n", bulkBpp,
                liveBpp);
    std::printf("    one-by-one append: %.1f ms (%.1f M points/s)\n", liveMs, double(n) / liveMs / 1e3);

    // (d) TensorBoard EMA over the whole series, and incrementally in live-sized batches.
    double emaMs = medianMs(5, [&] {
        EmaSmoother s(0.9);
        g_sink = s.update(bulk).values().back();
    });
    std::printf("(d) EMA smoothing (w 0.9), %zu points:  %8.1f ms  (%.1f M points/s, median of 5)\n", n,
                emaMs, double(n) / emaMs / 1e3);
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
        std::printf("    live: append + smooth %zu points in batches of %zu: %.1f ms (%.1f M points/s)\n",
                    total, batch, ms, double(total) / ms / 1e3);
    }

    // (e) The chart's case: 100 runs x 100k points decimated to 1920 columns (full range).
    {
        std::vector<MetricSeries> runs(100);
        for (std::size_t r = 0; r < runs.size(); ++r)
            runs[r].append(std::span(steps).first(100'000), std::span(ts).first(100'000),
                           finite.values().subspan(r * 1000, 100'000));
        std::vector<DecimatedSeries> lines(runs.size());
        const double ms = medianMs(51, [&] {
            for (std::size_t r = 0; r < runs.size(); ++r)
                Decimator::decimate(runs[r], XAxisMode::Step, 0, 99'999, columns, &lines[r]);
        });
        std::printf("(e) 100 runs x 100k points, decimate all to %d columns: %.3f ms (median of 51)\n",
                    columns, ms);
        std::vector<ColumnExtents> ext(runs.size());
        const double colMs = medianMs(51, [&] {
            for (std::size_t r = 0; r < runs.size(); ++r)
                Decimator::decimateColumns(runs[r], XAxisMode::Step, 0, 99'999, columns, &ext[r]);
        });
        std::printf("    the same as column extents (the chart's path): %.3f ms (median of 51)\n", colMs);
    }

    std::printf(
        "summary: scan %.3f ms; decimate 10M to %d columns %.3f ms full (1/%.0f; cold 1/%.0f), %.3f ms 10%% "
        "zoom (1/%.0f; cold 1/%.0f); %.2f bytes/point bulk, %.2f one by one; EMA %.0f M points/s: %s\n",
        scanMs, columns, fullMs, scanMs / fullMs, scanMs / fullCold, zoomMs, scanMs / zoomMs,
        scanMs / zoomCold, bulkBpp, liveBpp, double(n) / emaMs / 1e3,
        (fullMs * 20 <= scanMs && zoomMs * 20 <= scanMs && std::max(bulkBpp, liveBpp) <= 26)
            ? "targets met (warm)"
            : "TARGETS MISSED");
    return 0;
}
