// labconsole: the Lab Console window on a lab profile (the local lab by default).

#include "compute/localrunner.h"
#include "core/appcontext.h"
#include "core/rememberedsecret.h"
#include "core/secretstore.h"
#include "core/translators.h"
#include "project/labprofiles.h"
#include "views/mainwindow.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QMessageBox>
#include <QSettings>
#include <QTimer>

#include <functional>
#include <memory>

#include <cstdio>

namespace {

// LABCONSOLE_STARTUP_PROBE=1: print the time from main() to the end of the first paint of the
// window, then quit (bench/app/bench_startup runs this).
class FirstPaintProbe : public QObject
{
public:
    FirstPaintProbe(QWidget *window, const QElapsedTimer &clock) : m_window(window), m_clock(clock)
    {
        window->installEventFilter(this);
    }

protected:
    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (watched == m_window && event->type() == QEvent::Paint && !m_done) {
            m_done = true;
            // The children paint in the same pass, after the window itself: report once it ends.
            QTimer::singleShot(0, this, [this] {
                std::printf("labconsole-first-paint-ms %.1f\n", m_clock.nsecsElapsed() / 1e6);
                std::fflush(stdout);
                QCoreApplication::quit();
            });
        }
        return false;
    }

private:
    QWidget *m_window;
    QElapsedTimer m_clock;
    bool m_done = false;
};

// With the probe on, where the start-up time goes (stderr, for bench_startup).
void phase(const QElapsedTimer &clock, const char *name)
{
    static const bool on = qEnvironmentVariableIsSet("LABCONSOLE_STARTUP_PROBE");
    if (on)
        std::fprintf(stderr, "labconsole-startup-phase %-12s %7.1f ms\n", name, clock.nsecsElapsed() / 1e6);
}

} // namespace

int main(int argc, char *argv[])
{
    QElapsedTimer clock;
    clock.start();

    QApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("labconsole"));
    QCoreApplication::setOrganizationName(QStringLiteral("labconsole"));
    QCoreApplication::setApplicationVersion(QStringLiteral(LABCONSOLE_VERSION));
    QGuiApplication::setDesktopFileName(QStringLiteral("labconsole"));
    phase(clock, "application");

    QSettings settings;
    QCommandLineParser parser;
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption profileOption(
        QStringLiteral("profile"),
        QCoreApplication::translate("main", "Lab profile to open (default: local)."), QStringLiteral("name"));
    const QCommandLineOption uriOption(
        QStringLiteral("tracking-uri"),
        QCoreApplication::translate("main", "MLflow tracking store to use instead of the profile's."),
        QStringLiteral("uri"));
    const QCommandLineOption languageOption(
        QStringLiteral("language"), QCoreApplication::translate("main", "User interface language: en or ro."),
        QStringLiteral("code"));
    parser.addOptions({profileOption, uriOption, languageOption});
    parser.process(app);

    const QString language = lab::installTranslators(
        parser.isSet(languageOption) ? parser.value(languageOption)
                                     : settings.value(QStringLiteral("language")).toString());
    parser.setApplicationDescription(
        QCoreApplication::translate("main", "Launch, watch and compare training runs."));

    phase(clock, "translators");
    lab::AppOptions options;
    options.profile = parser.isSet(profileOption) ? parser.value(profileOption)
                                                  : settings.value(QStringLiteral("profile")).toString();
    options.trackingUri = parser.value(uriOption);
    QString startupError;
    auto context = lab::AppContext::create(options);
    if (!context.ok() && options.profile != lab::LabProfiles::defaultName()) {
        // A profile that cannot be used: say so, and open the local lab instead.
        startupError = context.error().toString();
        options.profile = lab::LabProfiles::defaultName();
        context = lab::AppContext::create(options);
    }
    if (!context.ok()) {
        QMessageBox::critical(
            nullptr, QCoreApplication::translate("main", "Lab Console"),
            QCoreApplication::translate("main", "Lab Console cannot open its tracking store: %1")
                .arg(context.error().toString()));
        return 1;
    }
    std::unique_ptr<lab::AppContext> ctx = std::move(context.value());
    phase(clock, "services");
    if (auto recovered = ctx->recover(); !recovered.ok())
        startupError = recovered.error().toString();
    phase(clock, "recover");

    auto makeServices = [&language](lab::AppContext *c) {
        lab::MainWindow::Services services;
        services.tracking = c->tracking();
        services.compute = c->runner();
        services.telemetry = c->telemetry();
        services.profile = c->profile().name;
        services.profiles = lab::LabProfiles::available();
        services.language = language;
        services.setLanguage = [](const QString &code) { lab::installTranslators(code); };
        return services;
    };
    auto window = std::make_unique<lab::MainWindow>(makeServices(ctx.get()));
    phase(clock, "window");
    if (!startupError.isEmpty())
        window->showError(startupError);

    // "Connect to tracking server…": a new context for the chosen server, and a new window on
    // it in place of the old one (which saves its layout as it closes). A server that cannot be
    // used leaves everything as it was, with the reason in the status bar. The same path applies
    // a password or token read back from the keychain at start-up.
    std::function<void(lab::MainWindow *)> wire;
    auto reconnect = [&](lab::MainWindow *w, const lab::AppOptions &next, std::function<void()> then = {}) -> bool {
        auto created = lab::AppContext::create(next);
        if (!created.ok()) {
            w->showError(QCoreApplication::translate("main", "Cannot connect to %1: %2")
                             .arg(next.trackingUri, created.error().toString()));
            return false;
        }
        // Not from inside the old window's own signal: once it has returned.
        auto fresh = std::make_shared<std::unique_ptr<lab::AppContext>>(std::move(created.value()));
        QTimer::singleShot(0, &app, [&, fresh, next, then] {
            const QByteArray geometry = window->saveGeometry();
            window->close();
            window.reset();
            ctx = std::move(*fresh);
            options = next;
            options.trackingUri = ctx->trackingUri();
            window = std::make_unique<lab::MainWindow>(makeServices(ctx.get()));
            window->restoreGeometry(geometry);
            wire(window.get());
            window->show();
            if (then)
                then();
        });
        return true;
    };
    wire = [&](lab::MainWindow *w) {
        QObject::connect(
            w, &lab::MainWindow::connectRequested, w,
            [&, w](const QString &uri, const lab::StoreOptions &chosen, bool rememberSecret) {
                lab::AppOptions next = options;
                next.trackingUri = uri;
                next.credentials = chosen.credentials;
                next.serverCertPath = chosen.serverCertPath;
                next.clientCertPath = chosen.clientCertPath;
                next.insecureTls = chosen.insecureTls;
                reconnect(w, next, [&, uri, credentials = chosen.credentials, rememberSecret] {
                    QSettings s;
                    // The keychain keeps the secret; settings keep only which account it belongs to.
                    lab::SecretStore *secrets = ctx->secrets();
                    QObject::connect(secrets, &lab::SecretStore::keychainUnavailable, window.get(),
                                     [&](const QString &notice) { window->showError(notice); });
                    lab::RememberedSecret(secrets).remember(s, uri, credentials, rememberSecret);
                });
            });
    };

    // A server whose password or token the user asked us to remember: read it from the keychain
    // (asynchronously: the window is already up) and reconnect with it. Credentials from the
    // environment win, as they would for MLflow's own client.
    // With no usable keychain the window opens without the secret and says so.
    auto *remembered = new lab::RememberedSecret(ctx->secrets(), window.get());
    QObject::connect(remembered, &lab::RememberedSecret::credentialsRead, window.get(),
                     [&](const QString &uri, const lab::TrackingCredentials &credentials) {
                         lab::AppOptions next = options;
                         next.trackingUri = uri;
                         next.credentials = credentials;
                         reconnect(window.get(), next);
                     });
    QObject::connect(remembered, &lab::RememberedSecret::startedWithout, window.get(),
                     [&](const QString &, const QString &notice) { window->showError(notice); });
    remembered->readBack(settings, ctx->trackingUri());
    wire(window.get());
    window->show();
    phase(clock, "show");

    std::unique_ptr<FirstPaintProbe> probe;
    if (qEnvironmentVariableIsSet("LABCONSOLE_STARTUP_PROBE"))
        probe = std::make_unique<FirstPaintProbe>(window.get(), clock);
    return app.exec();
}
