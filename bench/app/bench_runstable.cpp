// bench_runstable: the runs table over 50,000 runs, paged through a real TrackingService from an
// in-memory store (tests/widgets/views/manyrunsstore.h). Prints, never asserts:
//  - from the first page's response arriving on the UI thread to the table having painted it
//    (target: within 500 ms), and the whole way from the query to the paint;
//  - each further page of 500: from its response to the rows being in the model, and painted;
//  - scrolling through the loaded rows: the time of each scroll step's repaint (mean, p95, max);
//  - heap held per run once all 50,000 are loaded (glibc mallinfo2, after the pages are freed).
// Run: build/bench/app/bench_runstable [runs]   (offscreen unless QT_QPA_PLATFORM is set)

#include "manyrunsstore.h"
#include "tracking/trackingservice.h"
#include "views/runsproxymodel.h"
#include "views/runstablemodel.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QHeaderView>
#include <QScrollBar>
#include <QTableView>
#include <QTest>

#include <malloc.h>

#include <algorithm>
#include <cstdio>
#include <memory>
#include <vector>

using namespace lab;

namespace {

// Times its own paints.
class TimedTable : public QTableView
{
public:
    QElapsedTimer *clock = nullptr;
    qint64 lastPaintStartNs = -1;
    qint64 lastPaintEndNs = -1;
    int paints = 0;

protected:
    void paintEvent(QPaintEvent *event) override
    {
        lastPaintStartNs = clock->nsecsElapsed();
        QTableView::paintEvent(event);
        lastPaintEndNs = clock->nsecsElapsed();
        ++paints;
    }
};

size_t heapInUse()
{
    malloc_trim(0);
    return mallinfo2().uordblks;
}

double ms(qint64 ns)
{
    return ns / 1e6;
}

void printStats(const char *what, std::vector<double> v)
{
    if (v.empty())
        return;
    std::sort(v.begin(), v.end());
    double sum = 0;
    for (double x : v)
        sum += x;
    std::printf("%-44s n=%-5zu mean %7.2f ms  median %7.2f  p95 %7.2f  max %7.2f\n", what, v.size(),
                sum / v.size(), v[v.size() / 2], v[std::min(v.size() - 1, v.size() * 95 / 100)], v.back());
}

} // namespace

int main(int argc, char *argv[])
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    std::setvbuf(stdout, nullptr, _IOLBF, 0);
    const int count = argc > 1 ? std::max(1000, atoi(argv[1])) : 50000;
    constexpr int PageSize = 500;

    QElapsedTimer clock;
    clock.start();
    auto owned = std::make_unique<labtest::ManyRunsStore>(count);
    labtest::ManyRunsStore *store = owned.get();
    TrackingService service(std::move(owned));

    // Connected before the model: records when a response reaches the UI thread.
    qint64 responseNs = -1;
    QObject::connect(&service, &TrackingService::runsFound, &app,
                     [&](quint64, const RunPage &) { responseNs = clock.nsecsElapsed(); });

    RunsTableModel model;
    model.setService(&service);
    model.setPageSize(PageSize);
    RunsProxyModel proxy;
    proxy.setRunsModel(&model);
    TimedTable view;
    view.clock = &clock;
    view.setModel(&proxy);
    view.setSortingEnabled(true);
    view.sortByColumn(RunsTableModel::StartColumn, Qt::DescendingOrder);
    view.setSelectionBehavior(QAbstractItemView::SelectRows);
    view.setAlternatingRowColors(true);
    view.setWordWrap(false);
    view.verticalHeader()->hide();
    view.verticalHeader()->setDefaultSectionSize(view.fontMetrics().height() + 8);
    view.horizontalHeader()->setStretchLastSection(true);
    view.resize(1400, 700);
    view.show();
    if (!QTest::qWaitForWindowExposed(&view)) {
        std::fprintf(stderr, "window not exposed\n");
        return 1;
    }
    QCoreApplication::processEvents();
    {
        // The store sorts once per filter and order and keeps the result: do it before
        // measuring, so the heap figure is what the table holds.
        RunSearch warm;
        warm.orderBy = model.orderBy();
        warm.maxResults = 1;
        (void)store->searchRuns(warm);
        store->clearLog();
    }
    const size_t heapBefore = heapInUse();

    // First page.
    int loaded = 0;
    qint64 loadedNs = -1;
    QObject::connect(&model, &RunsTableModel::queryLoaded, &app, [&] {
        ++loaded;
        loadedNs = clock.nsecsElapsed();
    });
    QObject::connect(&model, &RunsTableModel::pageLoaded, &app, [&](int, int) {
        ++loaded;
        loadedNs = clock.nsecsElapsed();
    });
    const qint64 queryNs = clock.nsecsElapsed();
    view.paints = 0;
    model.setQuery({QStringLiteral("1")}, {}, model.orderBy());
    while (!(loaded >= 1 && view.paints > 0 && view.lastPaintStartNs > loadedNs)) {
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents, 5);
        if (clock.nsecsElapsed() - queryNs > 60e9) {
            std::printf("no paint after the first page (loaded %d, paints %d)\n", loaded, view.paints);
            return 1;
        }
    }
    std::printf("runs in store                                %d (pages of %d)\n", count, PageSize);
    std::printf("first page: response -> in model             %7.2f ms\n", ms(loadedNs - responseNs));
    std::printf("first page: response -> painted              %7.2f ms   (target 500 ms)\n",
                ms(view.lastPaintEndNs - responseNs));
    std::printf("first page: query -> painted                 %7.2f ms   (store search included)\n",
                ms(view.lastPaintEndNs - queryNs));
    std::printf("first page: paint itself                     %7.2f ms\n",
                ms(view.lastPaintEndNs - view.lastPaintStartNs));

    // Scrolling through the first page (no fetch).
    std::vector<double> steps;
    QScrollBar *bar = view.verticalScrollBar();
    for (int i = 0; i < 40 && bar->value() < bar->maximum() - bar->pageStep(); ++i) {
        QElapsedTimer t;
        t.start();
        bar->setValue(bar->value() + bar->pageStep());
        view.viewport()->repaint();
        steps.push_back(t.nsecsElapsed() / 1e6);
    }
    printStats("scroll step (page down, loaded rows)", steps);

    // Every further page, fetched as a user scrolling to the bottom would.
    std::vector<double> pageApply, pagePaint;
    QElapsedTimer all;
    all.start();
    while (!model.allLoaded()) {
        const int before = loaded;
        responseNs = -1;
        bar->setValue(bar->maximum()); // the view asks for the next page
        // (The view asks from a timer; asking here too is a no-op once a page is on its way.)
        model.fetchMore({});
        while (loaded == before)
            QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents, 5);
        pageApply.push_back(ms(loadedNs - responseNs));
        view.viewport()->repaint();
        pagePaint.push_back(ms(view.lastPaintEndNs - responseNs));
    }
    const double allMs = all.nsecsElapsed() / 1e6;
    QCoreApplication::processEvents();
    printStats("next page: response -> in model", pageApply);
    printStats("next page: response -> painted", pagePaint);
    std::printf("all %d runs paged in                       %8.1f ms (%d searches)\n", model.rowCount(),
                allMs, int(store->searches().size()));

    // Scrolling through all loaded rows, a page at a time and by wheel-sized steps.
    steps.clear();
    bar->setValue(0);
    QCoreApplication::processEvents();
    const int stride = std::max(1, (bar->maximum() / 200));
    for (int v = 0; v <= bar->maximum(); v += stride) {
        QElapsedTimer t;
        t.start();
        bar->setValue(v);
        view.viewport()->repaint();
        steps.push_back(t.nsecsElapsed() / 1e6);
    }
    printStats("scroll jump (200 positions over all rows)", steps);
    steps.clear();
    for (int i = 0; i < 200; ++i) {
        QElapsedTimer t;
        t.start();
        bar->setValue(bar->value() - 3 * bar->singleStep());
        view.viewport()->repaint();
        steps.push_back(t.nsecsElapsed() / 1e6);
    }
    printStats("scroll step (3 lines, wheel)", steps);

    // A poll of the first page plus the running rows beyond it, with everything loaded.
    int polled = 0;
    QObject::connect(&model, &RunsTableModel::polled, &app, [&] { ++polled; });
    QElapsedTimer p;
    p.start();
    model.poll();
    const int runningBeyond = int(store->getRuns().size());
    while (polled < 1)
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents, 5);
    std::printf("poll (first page answer applied)             %7.2f ms\n", p.nsecsElapsed() / 1e6);
    Q_UNUSED(runningBeyond);

    // Memory: what the model holds for its rows, after the pages in flight were freed.
    QCoreApplication::processEvents();
    const size_t heapAfter = heapInUse();
    std::printf("heap held for %d runs                      %8.1f MB = %.0f bytes per run "
                "(2 metrics, 2 params, 0 tags each)\n",
                model.rowCount(), (heapAfter - heapBefore) / 1e6,
                double(heapAfter - heapBefore) / std::max(1, model.rowCount()));
    return 0;
}
