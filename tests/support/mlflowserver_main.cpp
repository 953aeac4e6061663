// lab-mlflow-testserver: the loopback MLflow test server as a program, for manual runs
// (`MLFLOW_TRACKING_URI=$(...)` against a folder) and for tests that start a separate process.
// Prints "listening <url>" on one line once it serves, then runs until SIGINT or SIGTERM.

#include "mlflowtestserver.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QRegularExpression>

#include <csignal>
#include <cstdio>

#include <pthread.h>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("lab-mlflow-testserver"));

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("A loopback MLflow tracking server over an MLflow file store."));
    parser.addHelpOption();
    const QCommandLineOption port(QStringLiteral("port"),
                                  QStringLiteral("Port on 127.0.0.1 (0: any free one)."), QStringLiteral("N"),
                                  QStringLiteral("0"));
    const QCommandLineOption store(QStringLiteral("store"), QStringLiteral("The mlruns folder to serve."),
                                   QStringLiteral("DIR"));
    const QCommandLineOption user(QStringLiteral("username"),
                                  QStringLiteral("Require basic auth with this user."),
                                  QStringLiteral("NAME"));
    const QCommandLineOption password(QStringLiteral("password"), QStringLiteral("Password for --username."),
                                      QStringLiteral("TEXT"));
    const QCommandLineOption token(QStringLiteral("token"), QStringLiteral("Require this bearer token."),
                                   QStringLiteral("TEXT"));
    const QCommandLineOption cert(QStringLiteral("cert"), QStringLiteral("TLS certificate (PEM)."),
                                  QStringLiteral("FILE"));
    const QCommandLineOption key(QStringLiteral("key"), QStringLiteral("TLS private key (PEM)."),
                                 QStringLiteral("FILE"));
    const QCommandLineOption clientCa(QStringLiteral("client-ca"),
                                      QStringLiteral("Require client certificates signed by this CA (PEM)."),
                                      QStringLiteral("FILE"));
    const QCommandLineOption fault(
        QStringLiteral("fault"),
        QStringLiteral("Queue a fault: PATH-REGEX=STATUS[xN] or PATH-REGEX=drop[xN], "
                       "e.g. runs/log-batch=503x3. Repeatable."),
        QStringLiteral("SPEC"));
    parser.addOptions({port, store, user, password, token, cert, key, clientCa, fault});
    parser.process(app);

    if (!parser.isSet(store)) {
        std::fprintf(stderr, "lab-mlflow-testserver: --store DIR is required\n");
        return 2;
    }
    bool ok = false;
    const int portNumber = parser.value(port).toInt(&ok);
    if (!ok || portNumber < 0 || portNumber > 65535) {
        std::fprintf(stderr, "lab-mlflow-testserver: --port takes a number from 0 to 65535\n");
        return 2;
    }

    labtest::MlflowTestServer::Options options;
    options.username = parser.value(user);
    options.password = parser.value(password);
    options.token = parser.value(token);
    options.certFile = parser.value(cert);
    options.keyFile = parser.value(key);
    options.clientCaFile = parser.value(clientCa);

    // Block the stop signals before the server's threads exist, so only sigwait() below sees them.
    sigset_t stopSignals;
    sigemptyset(&stopSignals);
    sigaddset(&stopSignals, SIGINT);
    sigaddset(&stopSignals, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &stopSignals, nullptr);

    labtest::MlflowTestServer server(QDir(parser.value(store)).absolutePath(), options);
    static const QRegularExpression faultSpec(QStringLiteral("^(.+)=(\\d{3}|drop)(?:x(\\d+))?$"));
    for (const QString &spec : parser.values(fault)) {
        const QRegularExpressionMatch m = faultSpec.match(spec);
        if (!m.hasMatch()) {
            std::fprintf(stderr, "lab-mlflow-testserver: --fault %s: expected PATH-REGEX=STATUS[xN]\n",
                         qPrintable(spec));
            return 2;
        }
        labtest::MlflowTestServer::Fault f;
        if (m.captured(2) == QLatin1String("drop"))
            f.dropConnection = true;
        else
            f.status = m.captured(2).toInt();
        f.times = m.captured(3).isEmpty() ? 1 : m.captured(3).toInt();
        server.injectFault(m.captured(1), f);
    }
    if (!server.start(portNumber)) {
        std::fprintf(stderr, "lab-mlflow-testserver: %s\n", qPrintable(server.errorString()));
        return 1;
    }
    std::printf("listening %s\n", qPrintable(server.url()));
    std::fflush(stdout);

    int signal = 0;
    sigwait(&stopSignals, &signal);
    server.stop();
    return 0;
}
