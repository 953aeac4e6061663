// The reference for bench_startup: the smallest Qt Widgets program that shows a window, with the
// same first-paint probe as labconsole (LABCONSOLE_STARTUP_PROBE).
#include <QApplication>
#include <QElapsedTimer>
#include <QEvent>
#include <QLabel>
#include <QTimer>

#include <cstdio>

namespace {

class Probe : public QObject
{
public:
    Probe(QWidget *w, const QElapsedTimer &clock) : m_w(w), m_clock(clock) { w->installEventFilter(this); }

protected:
    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (watched == m_w && event->type() == QEvent::Paint && !m_done) {
            m_done = true;
            QTimer::singleShot(0, this, [this] {
                std::printf("labconsole-first-paint-ms %.1f\n", m_clock.nsecsElapsed() / 1e6);
                std::fflush(stdout);
                QCoreApplication::quit();
            });
        }
        return false;
    }

private:
    QWidget *m_w;
    QElapsedTimer m_clock;
    bool m_done = false;
};

} // namespace

int main(int argc, char *argv[])
{
    QElapsedTimer clock;
    clock.start();
    QApplication app(argc, argv);
    QLabel window(QStringLiteral("Hello"));
    window.resize(1440, 900);
    window.show();
    Probe probe(&window, clock);
    return app.exec();
}
