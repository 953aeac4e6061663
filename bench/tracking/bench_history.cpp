// Figures for the JSON target, measured in one run on the same bytes:
//   a 1M-point metrics/get-history body into a columnar MetricSeries at least 10x faster than
//   parsing the same bytes into an nlohmann_json DOM; the series then holds at most 26 bytes a point.
// Prints figures; asserts nothing (the machine is shared, timings vary).

#include "series/metricseries.h"
#include "tracking/metrichistoryparser.h"
#include "tracking/mlflowjson.h"

#include <nlohmann/json.hpp>

#include <QByteArray>
#include <QHash>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <random>
#include <string>
#include <time.h>
#include <vector>

using namespace lab;

namespace {

// This thread's CPU time: on a machine shared with other builds, wall time mostly measures the
// wait for a core; CPU time measures the work.
double cpuMs()
{
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return double(ts.tv_sec) * 1e3 + double(ts.tv_nsec) / 1e6;
}

struct Timing
{
    double best = 0;
    double median = 0;
};

template <typename F> Timing time(int reps, F &&f)
{
    std::vector<double> t;
    for (int r = 0; r < reps; ++r) {
        const double t0 = cpuMs();
        f();
        t.push_back(cpuMs() - t0);
    }
    std::sort(t.begin(), t.end());
    return {t.front(), t[t.size() / 2]};
}

// A body as MLflow's server writes it (Python's json.dumps of protobuf's mapping, int64 as
// numbers): a training-loss-like curve with a rare NaN.
QByteArray historyBody(std::size_t n, const char *runId = nullptr, unsigned seed = 1, qint64 firstStep = 0)
{
    std::mt19937_64 rng(seed);
    std::normal_distribution<double> noise(0, 0.02);
    std::uniform_real_distribution<double> u(0, 1);
    std::string out;
    out.reserve(n * 96 + 64);
    out += "{\"metrics\": [";
    qint64 t = 1'700'000'000'000;
    char buf[256];
    for (std::size_t i = 0; i < n; ++i) {
        t += 5 + qint64(u(rng) * 10);
        const double v = 2.0 / (1.0 + double(i) * 1e-5) + noise(rng);
        char value[40];
        if (u(rng) < 1e-5)
            std::snprintf(value, sizeof value, "\"NaN\"");
        else
            std::snprintf(value, sizeof value, "%.17g", v);
        if (runId)
            std::snprintf(buf, sizeof buf,
                          "%s{\"key\": \"loss\", \"value\": %s, \"timestamp\": %lld, \"step\": %lld, "
                          "\"run_id\": \"%s\"}",
                          i ? ", " : "", value, (long long)t, (long long)(firstStep + qint64(i)), runId);
        else
            std::snprintf(buf, sizeof buf,
                          "%s{\"key\": \"loss\", \"value\": %s, \"timestamp\": %lld, \"step\": %lld}",
                          i ? ", " : "", value, (long long)t, (long long)(firstStep + qint64(i)));
        out += buf;
    }
    out += "], \"next_page_token\": \"\"}";
    return QByteArray::fromStdString(out);
}

volatile std::size_t g_sink;

} // namespace

int main(int argc, char **argv)
{
    const std::size_t n = argc > 1 ? std::size_t(std::atoll(argv[1])) : 1'000'000;
    const QByteArray body = historyBody(n);
    const double mb = double(body.size()) / 1e6;
    std::printf("metrics/get-history body: %zu points, %.1f MB (%.1f bytes a point)\n", n, mb,
                double(body.size()) / double(n));

    // ours: bytes -> MetricSeries, including the copy into a padded buffer and the series' pyramid
    std::size_t bytesPerPointSeries = 0;
    double bytesPerPoint = 0;
    const Timing ours = time(7, [&] {
        MetricSeries s;
        Result<MetricHistoryParser::Page> page =
            MetricHistoryParser::parseHistory(body, &s, QStringLiteral("loss"));
        if (!page) {
            std::printf("parse failed: %s\n", qPrintable(page.error().toString()));
            std::exit(1);
        }
        bytesPerPointSeries = s.size();
        bytesPerPoint = double(s.memoryBytes()) / double(s.size());
    });
    if (argc > 2 && std::string(argv[2]) == "ours") { // for profiling the parser alone
        std::printf("parseHistory: best %.1f ms, median %.1f ms\n", ours.best, ours.median);
        return 0;
    }
    // the same bytes into an nlohmann DOM (nothing else)
    const Timing dom = time(3, [&] {
        const auto doc = nlohmann::json::parse(body.constBegin(), body.constEnd());
        g_sink = doc["metrics"].size();
    });
    // the whole path without our parser: DOM, then MlflowJson's readers into MetricPoints
    const Timing full = time(3, [&] {
        const auto doc = nlohmann::json::parse(body.constBegin(), body.constEnd());
        Result<QList<MetricPoint>> points = MlflowJson::metricHistoryFromJson(doc);
        g_sink = points ? std::size_t(points->size()) : 0;
    });

    auto line = [&](const char *what, const Timing &t) {
        std::printf("  %-44s best %8.1f ms  median %8.1f ms  %7.3f GB/s  %6.2f M points/s\n", what, t.best,
                    t.median, mb / t.best, double(n) / 1e3 / t.best);
    };
    std::printf("CPU time per parse (best and median of 7 / 3 / 3 runs):\n");
    line("MetricHistoryParser::parseHistory", ours);
    line("nlohmann::json::parse (DOM)", dom);
    line("nlohmann DOM + MlflowJson::metricHistoryFromJson", full);
    std::printf("ratio nlohmann DOM / ours: best %.1fx, median %.1fx (target >= 10x)\n", dom.best / ours.best,
                dom.median / ours.median);
    std::printf("ratio DOM + MlflowJson / ours: best %.1fx, median %.1fx\n", full.best / ours.best,
                full.median / ours.median);
    std::printf("MetricSeries from parseHistory: %zu points, %.2f bytes a point held (limit 26)\n",
                bytesPerPointSeries, bytesPerPoint);

    // Incremental pages as the live path reads them: 25,000 points a page into one series.
    {
        const std::size_t pageSize = 25'000, pages = std::max<std::size_t>(1, n / pageSize);
        std::vector<QByteArray> bodies;
        std::size_t total = 0;
        for (std::size_t p = 0; p < pages; ++p) {
            bodies.push_back(historyBody(pageSize, nullptr, unsigned(p + 2), qint64(p * pageSize)));
            total += std::size_t(bodies.back().size());
        }
        double perPoint = 0;
        const Timing paged = time(5, [&] {
            MetricSeries s;
            for (const QByteArray &b : bodies)
                MetricHistoryParser::parseHistory(b, &s, QStringLiteral("loss"));
            perPoint = double(s.memoryBytes()) / double(s.size());
        });
        std::printf(
            "  %-44s best %8.1f ms  median %8.1f ms  %7.3f GB/s  (%zu pages; %.2f bytes a point held)\n",
            "parseHistory, 25k-point pages into one series", paged.best, paged.median,
            double(total) / 1e6 / paged.best, pages, perPoint);
    }

    // metrics/get-history-bulk-interval at its limits: 100 runs x 2,500 points.
    {
        std::string bulk = "{\"metrics\": [";
        for (int r = 0; r < 100; ++r) {
            const std::string id = "run" + std::to_string(r) + "0123456789abcdef0123456789";
            QByteArray one = historyBody(2500, id.c_str(), unsigned(r + 100));
            // the inner list of one run's body
            const qsizetype a = one.indexOf('[') + 1, b = one.lastIndexOf(']');
            bulk += (r ? ", " : "") + one.mid(a, b - a).toStdString();
        }
        bulk += "]}";
        const QByteArray bulkBody = QByteArray::fromStdString(bulk);
        const Timing t = time(7, [&] {
            QHash<QString, std::shared_ptr<MetricSeries>> out;
            Result<qint64> got = MetricHistoryParser::parseBulkInterval(bulkBody, &out);
            g_sink = got ? std::size_t(*got) : 0;
        });
        const Timing d = time(3, [&] {
            const auto doc = nlohmann::json::parse(bulkBody.constBegin(), bulkBody.constEnd());
            g_sink = doc["metrics"].size();
        });
        std::printf("bulk-interval body: 100 runs x 2,500 points, %.1f MB\n", double(bulkBody.size()) / 1e6);
        std::printf("  %-44s best %8.1f ms  median %8.1f ms  %7.3f GB/s\n",
                    "MetricHistoryParser::parseBulkInterval", t.best, t.median,
                    double(bulkBody.size()) / 1e6 / t.best);
        std::printf("  %-44s best %8.1f ms  median %8.1f ms  %7.3f GB/s  (ratio %.1fx)\n",
                    "nlohmann::json::parse (DOM)", d.best, d.median, double(bulkBody.size()) / 1e6 / d.best,
                    d.best / t.best);
    }

    // MlflowJson::parse (the DOM with its depth-guard callback): nlohmann's callback parser scans
    // the enclosing array at the end of every object, so its cost grows with the square of the
    // points in one array. Shown on small bodies; a 1M-point body would take hours.
    std::printf("MlflowJson::parse (DOM with depth callback) on smaller bodies:\n");
    for (std::size_t m : {10'000, 20'000, 40'000}) {
        const QByteArray small = historyBody(m);
        const Timing t = time(1, [&] {
            Result<MlflowJson::Json> doc = MlflowJson::parse(small);
            g_sink = doc ? doc->size() : 0;
        });
        const Timing o = time(3, [&] {
            MetricSeries s;
            MetricHistoryParser::parseHistory(small, &s);
        });
        std::printf("  %6zu points: MlflowJson::parse %8.1f ms, parseHistory %6.2f ms\n", m, t.best, o.best);
    }
    return 0;
}
