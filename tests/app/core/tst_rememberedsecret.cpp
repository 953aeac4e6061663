// The start-up half of "remember the password" (RememberedSecret, as labconsole's main() uses it):
// a secret written by an earlier console is read back from the keychain and connects to a server
// that needs it; with no keychain the console starts without it and says so. Runs on a private
// D-Bus session (dbus-run-session, see CMakeLists.txt): first with no Secret Service, then with a
// real gnome-keyring-daemon started on that bus.

#include "core/appcontext.h"
#include "core/rememberedsecret.h"
#include "core/secretstore.h"
#include "mlflowtestserver.h"
#include "tracking/trackingservice.h"

#include <QDBusConnection>
#include <QDBusConnectionInterface>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QProcess>
#include <QRandomGenerator>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include "testkeyring.h"

#include <csignal>
#include <memory>

using namespace lab;

namespace {

using labtest::SecretsService;
using labtest::secretServiceRunning;


QString canary(const char *what)
{
    return QStringLiteral("canary-%1-%2")
        .arg(QLatin1String(what))
        .arg(QRandomGenerator::global()->generate(), 8, 16, QLatin1Char('0'));
}

} // namespace

class TestRememberedSecret : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_home;
    qint64 m_keyringPid = 0;
    QStringList m_canaries;

    QString settingsFile() const { return m_home.filePath(QStringLiteral("config/labconsole.conf")); }

    // Writes a secret as the console does after a connect with "remember" ticked, through a
    // SecretStore that then goes away (the console is closed).
    void rememberInAnEarlierConsole(const QString &uri, const TrackingCredentials &credentials)
    {
        SecretStore secrets;
        QSignalSpy written(&secrets, &SecretStore::secretWritten);
        QSignalSpy failed(&secrets, &SecretStore::failed);
        QSettings settings(settingsFile(), QSettings::IniFormat);
        RememberedSecret(&secrets).remember(settings, uri, credentials, true);
        QTRY_VERIFY_WITH_TIMEOUT(written.count() + failed.count() == 1, 15000);
        QCOMPARE(failed.count(), 0);
    }

    // Connects as main() does with what was read back, and lists the server's experiments.
    // Returns the error in words, or an empty string when the server answered.
    QString listExperimentsWith(const QString &uri, const TrackingCredentials &credentials)
    {
        AppOptions options;
        options.trackingUri = uri;
        options.credentials = credentials;
        options.telemetry = false;
        options.offlineCache = false;
        auto ctx = AppContext::create(options);
        if (!ctx.ok())
            return ctx.error().toString();
        TrackingService *tracking = (*ctx)->tracking();
        QSignalSpy listed(tracking, &TrackingService::experimentsListed);
        QSignalSpy failed(tracking, &TrackingService::requestFailed);
        tracking->listExperiments();
        if (!QTest::qWaitFor([&] { return listed.count() + failed.count() > 0; }, 15000))
            return QStringLiteral("no answer");
        return failed.isEmpty() ? QString() : failed.at(0).at(1).value<Error>().toString();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_home.isValid());
        qputenv("HOME", m_home.path().toUtf8());
        qputenv("XDG_CONFIG_HOME", (m_home.path() + QStringLiteral("/config")).toUtf8());
        qputenv("XDG_DATA_HOME", (m_home.path() + QStringLiteral("/data")).toUtf8());
        qputenv("XDG_CACHE_HOME", (m_home.path() + QStringLiteral("/cache")).toUtf8());
        qputenv("MLFLOW_HTTP_REQUEST_MAX_RETRIES", "0");
        qunsetenv("MLFLOW_TRACKING_URI");
        qunsetenv("MLFLOW_TRACKING_TOKEN");
        qunsetenv("MLFLOW_TRACKING_USERNAME");
        qunsetenv("MLFLOW_TRACKING_PASSWORD");
        QStandardPaths::setTestModeEnabled(true);
        if (qEnvironmentVariable("LABTEST_PRIVATE_BUS") != QLatin1String("1"))
            QSKIP("Runs only on its private D-Bus session (ctest wraps it in dbus-run-session), so "
                  "the user's own keyring is never touched.");
        QVERIFY2(QDBusConnection::sessionBus().isConnected(), "no session bus inside dbus-run-session");
    }

    void cleanupTestCase()
    {
        if (m_keyringPid > 0)
            ::kill(pid_t(m_keyringPid), SIGTERM);
        // The settings name the account only; no secret reached any file of ours.
        QDirIterator it(m_home.path(), QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
        while (it.hasNext()) {
            const QString path = it.next();
            if (path.contains(QStringLiteral("/keyrings/")))
                continue; // the keyring's own (encrypted) file
            QFile f(path);
            if (!f.open(QIODevice::ReadOnly))
                continue;
            const QByteArray bytes = f.readAll();
            for (const QString &c : std::as_const(m_canaries))
                QVERIFY2(!bytes.contains(c.toUtf8()),
                         qPrintable(QStringLiteral("%1 holds a secret").arg(path)));
        }
    }

    void nothingIsReadWithoutARememberedServer()
    {
        SecretStore secrets;
        RememberedSecret remembered(&secrets);
        QSettings settings(settingsFile(), QSettings::IniFormat);
        QVERIFY(!remembered.readBack(settings, QStringLiteral("https://mlflow.lab:5000")));
        settings.setValue(RememberedSecret::accountSettingsKey(QStringLiteral("/home/ana/mlruns")),
                          QStringLiteral("ana"));
        QVERIFY(!remembered.readBack(settings, QStringLiteral("/home/ana/mlruns"))); // a local store
        // MLflow's own variables win over a remembered secret.
        settings.setValue(RememberedSecret::accountSettingsKey(QStringLiteral("https://mlflow.lab:5000")),
                          QStringLiteral("ana"));
        qputenv("MLFLOW_TRACKING_TOKEN", "from-the-environment");
        QVERIFY(!remembered.readBack(settings, QStringLiteral("https://mlflow.lab:5000")));
        qunsetenv("MLFLOW_TRACKING_TOKEN");
        QVERIFY(remembered.readBack(settings, QStringLiteral("https://mlflow.lab:5000")));
        settings.remove(RememberedSecret::accountSettingsKey(QStringLiteral("https://mlflow.lab:5000")));
        settings.remove(RememberedSecret::accountSettingsKey(QStringLiteral("/home/ana/mlruns")));
    }

    // No Secret Service on the bus: the earlier console kept the password for its session only;
    // the next one starts without it and says why.
    void withNoKeychainTheConsoleStartsWithoutTheSecretAndSaysSo()
    {
        QVERIFY(!secretServiceRunning());
        const QString uri = QStringLiteral("https://mlflow.lab.example:5000");
        const QString password = canary("nokeyring");
        m_canaries << password;
        rememberInAnEarlierConsole(uri, {QStringLiteral("ana"), password, {}});
        QSettings settings(settingsFile(), QSettings::IniFormat);
        QCOMPARE(RememberedSecret::rememberedAccount(settings, uri), QStringLiteral("ana"));

        SecretStore secrets; // the console started again
        RememberedSecret remembered(&secrets);
        QSignalSpy read(&remembered, &RememberedSecret::credentialsRead);
        QSignalSpy without(&remembered, &RememberedSecret::startedWithout);
        QVERIFY(remembered.readBack(settings, uri));
        QVERIFY(remembered.isReading());
        QCOMPARE(without.count(), 0); // asynchronous: the window is up before the answer
        QTRY_COMPARE_WITH_TIMEOUT(without.count(), 1, 15000);
        QCOMPARE(read.count(), 0);
        QCOMPARE(without.at(0).at(0).toString(), uri);
        QCOMPARE(
            without.at(0).at(1).toString(),
            QStringLiteral("No system keychain is available, so the password remembered for %1 was not read; "
                           "the console opened without it. Connect again to type it.")
                .arg(uri));
        QVERIFY(!remembered.isReading());
        QVERIFY(secrets.isSessionOnly());
    }

    // A real keyring: the token written by an earlier console is read back and connects to a
    // server that refuses requests without it; a remembered user name and password likewise.
    void aRememberedSecretIsReadBackAndConnects()
    {
        QString why;
        m_keyringPid = labtest::startGnomeKeyring(&why);
        if (m_keyringPid == 0)
            QSKIP(qPrintable(why));

        QTemporaryDir storeDir;
        QVERIFY(storeDir.isValid());
        labtest::MlflowTestServer::Options serverOptions;
        serverOptions.username = QStringLiteral("ben");
        serverOptions.password = canary("password");
        serverOptions.token = canary("token");
        m_canaries << serverOptions.password << serverOptions.token;
        labtest::MlflowTestServer server(storeDir.filePath(QStringLiteral("mlruns")), serverOptions);
        QVERIFY2(server.start(), qPrintable(server.errorString()));
        const QString uri = server.url();

        // Without the secret the server refuses the console.
        const QString refused = listExperimentsWith(uri, {});
        QVERIFY2(refused.contains(QStringLiteral("401")), qPrintable(refused));

        for (const TrackingCredentials &typed :
             {TrackingCredentials{{}, {}, serverOptions.token},
              TrackingCredentials{QStringLiteral("ben"), serverOptions.password, {}}}) {
            rememberInAnEarlierConsole(uri, typed);
            QSettings settings(settingsFile(), QSettings::IniFormat);
            SecretStore secrets; // the console started again
            RememberedSecret remembered(&secrets);
            QSignalSpy read(&remembered, &RememberedSecret::credentialsRead);
            QSignalSpy without(&remembered, &RememberedSecret::startedWithout);
            QVERIFY(remembered.readBack(settings, uri));
            QTRY_COMPARE_WITH_TIMEOUT(read.count(), 1, 15000);
            QCOMPARE(without.count(), 0);
            QVERIFY(!secrets.isSessionOnly());
            QCOMPARE(read.at(0).at(0).toString(), uri);
            const auto credentials = read.at(0).at(1).value<TrackingCredentials>();
            QCOMPARE(credentials.token, typed.token);
            QCOMPARE(credentials.username, typed.username);
            QCOMPARE(credentials.password, typed.password);
            // Used: the console's connection with these credentials is let in.
            server.clearRequests();
            const QString answer = listExperimentsWith(uri, credentials);
            QVERIFY2(answer.isEmpty(), qPrintable(answer));
            QVERIFY(!server.requests(QStringLiteral("experiments/search")).isEmpty());
            for (const auto &r : server.requests())
                QCOMPARE(r.authKind,
                         typed.token.isEmpty() ? QStringLiteral("basic") : QStringLiteral("bearer"));
        }

        // Forgotten (connected again without "remember"): nothing is read at the next start.
        {
            SecretStore secrets;
            QSettings settings(settingsFile(), QSettings::IniFormat);
            RememberedSecret(&secrets).remember(settings, uri, {{}, {}, serverOptions.token}, false);
            QVERIFY(RememberedSecret::rememberedAccount(settings, uri).isEmpty());
            RememberedSecret remembered(&secrets);
            QVERIFY(!remembered.readBack(settings, uri));
        }
        server.stop();
    }
};

QTEST_GUILESS_MAIN(TestRememberedSecret)
#include "tst_rememberedsecret.moc"
