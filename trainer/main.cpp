#include "trainer.h"

#include <QCoreApplication>

#include <csignal>
#include <cstdio>

namespace {

volatile std::sig_atomic_t g_stopSignal = 0;

void onStopSignal(int signal)
{
    g_stopSignal = signal;
}

} // namespace

int main(int argc, char *argv[])
{
    // stdout becomes the run's log through a pipe: line-buffer it so the log follows live.
    std::setvbuf(stdout, nullptr, _IOLBF, 0);
    struct sigaction action = {};
    action.sa_handler = onStopSignal;
    sigemptyset(&action.sa_mask);
    sigaction(SIGTERM, &action, nullptr);
    sigaction(SIGINT, &action, nullptr);
    // The outcome goes to the tracking store; a reader that closed our stdout must not kill the run.
    std::signal(SIGPIPE, SIG_IGN);

    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("lab-train"));
    QCoreApplication::setApplicationVersion(QStringLiteral(LABCONSOLE_VERSION));
    QCoreApplication::setOrganizationName(QStringLiteral("labconsole"));

    QStringList arguments = QCoreApplication::arguments();
    arguments.removeFirst();
    lab::Trainer trainer(&g_stopSignal);
    return trainer.run(arguments);
}
