#include "core/secretstore.h"

#include <QDBusConnection>
#include <QDBusConnectionInterface>
#include <QDBusInterface>
#include <QDBusMetaType>
#include <QDBusObjectPath>
#include <QDBusVirtualObject>
#include <QDirIterator>
#include <QFile>
#include <QLoggingCategory>
#include <QProcess>
#include <QRandomGenerator>
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
    return QStringLiteral("canary-%1-%2").arg(QLatin1String(what)).arg(QRandomGenerator::global()->generate(), 8, 16,
                                                                        QLatin1Char('0'));
}

// Every log line of the run, to check that no secret reached one (debug logging is on).
QStringList g_logLines;
QtMessageHandler g_previousHandler = nullptr;
void recordMessage(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    g_logLines << message;
    if (g_previousHandler)
        g_previousHandler(type, context, message);
}


// A Secret Service that takes every call and never answers: a keychain daemon that hangs.
class SilentService : public QDBusVirtualObject
{
public:
    int calls = 0;
    QString introspect(const QString &) const override { return {}; }
    bool handleMessage(const QDBusMessage &, const QDBusConnection &) override
    {
        ++calls;
        return true; // handled, and no reply is ever sent
    }
};

} // namespace

class TestSecretStore : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_home;
    QStringList m_canaries;
    qint64 m_keyringPid = 0;

    QString newCanary(const char *what)
    {
        m_canaries << canary(what);
        return m_canaries.last();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_home.isValid());
        QLoggingCategory::setFilterRules(QStringLiteral("labconsole.*=true"));
        g_previousHandler = qInstallMessageHandler(recordMessage);
        // Settings, data and the test keyring stay in a folder of ours, so the canary check
        // below sees every file the store (or QtKeychain) could have written.
        qputenv("HOME", m_home.path().toUtf8());
        qputenv("XDG_CONFIG_HOME", (m_home.path() + QStringLiteral("/config")).toUtf8());
        qputenv("XDG_DATA_HOME", (m_home.path() + QStringLiteral("/data")).toUtf8());
        qputenv("XDG_CACHE_HOME", (m_home.path() + QStringLiteral("/cache")).toUtf8());
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
        qInstallMessageHandler(g_previousHandler);
        QVERIFY(!g_logLines.isEmpty());
        for (const QString &line : std::as_const(g_logLines))
            for (const QString &c : std::as_const(m_canaries))
                QVERIFY2(!line.contains(c), "a secret reached a log line");
        // No secret reached a file: settings, caches, anything under our HOME.
        QDirIterator it(m_home.path(), QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
        while (it.hasNext()) {
            QFile f(it.next());
            if (!f.open(QIODevice::ReadOnly))
                continue;
            const QByteArray bytes = f.readAll();
            for (const QString &c : std::as_const(m_canaries))
                QVERIFY2(!bytes.contains(c.toUtf8()), qPrintable(QStringLiteral("%1 holds a secret").arg(f.fileName())));
        }
    }

    void keysNameTheServerAndAccount()
    {
        QCOMPARE(SecretStore::mlflowKey(QStringLiteral("https://MLflow.Lab.example/"), QStringLiteral("ana")),
                 QStringLiteral("mlflow:https://mlflow.lab.example:443/ana"));
        QCOMPARE(SecretStore::mlflowKey(QStringLiteral("https://mlflow.lab.example:443"), QStringLiteral("ana")),
                 QStringLiteral("mlflow:https://mlflow.lab.example:443/ana"));
        QCOMPARE(SecretStore::mlflowKey(QStringLiteral("http://10.0.0.5:5000/mlflow/"), QStringLiteral("token")),
                 QStringLiteral("mlflow:http://10.0.0.5:5000/mlflow/token"));
        QVERIFY(SecretStore::mlflowKey(QStringLiteral("http://a:5000"), QStringLiteral("x")) !=
                SecretStore::mlflowKey(QStringLiteral("http://a:5001"), QStringLiteral("x")));
    }

    // Case 1: a session bus with no Secret Service (and nothing to activate one).
    void noSecretServiceKeepsSecretsForTheSession()
    {
        QVERIFY(!secretServiceRunning());
        const QString key = SecretStore::mlflowKey(QStringLiteral("https://mlflow.lab:5000"), QStringLiteral("ana"));
        const QString secret = newCanary("nokeyring");

        SecretStore store;
        QSignalSpy written(&store, &SecretStore::secretWritten);
        QSignalSpy read(&store, &SecretStore::secretRead);
        QSignalSpy failed(&store, &SecretStore::failed);
        QSignalSpy notice(&store, &SecretStore::keychainUnavailable);
        QVERIFY(!store.isSessionOnly());

        const int writeId = store.write(key, secret);
        QCOMPARE(written.count(), 0); // answers come later, never inside the call
        QTRY_COMPARE(written.count(), 1);
        QCOMPARE(written.at(0).at(0).toInt(), writeId);
        QCOMPARE(written.at(0).at(1).toString(), key);
        QCOMPARE(failed.count(), 0);
        QCOMPARE(notice.count(), 1);
        QCOMPARE(notice.at(0).at(0).toString(),
                 QStringLiteral("No system keychain is available; the password is kept for this session only."));
        QVERIFY(store.isSessionOnly());
        QCOMPARE(store.notice(), notice.at(0).at(0).toString());
        QVERIFY(!store.notice().contains(secret));

        const int readId = store.read(key);
        QCOMPARE(read.count(), 0);
        QTRY_COMPARE(read.count(), 1);
        QCOMPARE(read.at(0).at(0).toInt(), readId);
        QCOMPARE(read.at(0).at(2).toString(), secret);
        QCOMPARE(read.at(0).at(3).toBool(), true);

        // Said once, not on every call.
        store.write(key + QStringLiteral("2"), newCanary("nokeyring2"));
        QTRY_COMPARE(written.count(), 2);
        QCOMPARE(notice.count(), 1);

        // Session only means this store's lifetime: a fresh one (a restarted console) has nothing.
        SecretStore fresh;
        QSignalSpy freshRead(&fresh, &SecretStore::secretRead);
        fresh.read(key);
        QTRY_COMPARE(freshRead.count(), 1);
        QCOMPARE(freshRead.at(0).at(3).toBool(), false);
        QVERIFY(freshRead.at(0).at(2).toString().isEmpty());

        // Remove forgets it; a cancelled request answers nothing.
        QSignalSpy removed(&store, &SecretStore::secretRemoved);
        store.remove(key);
        QTRY_COMPARE(removed.count(), 1);
        store.read(key);
        QTRY_COMPARE(read.count(), 2);
        QCOMPARE(read.at(1).at(3).toBool(), false);
        const int cancelled = store.read(key + QStringLiteral("2"));
        QVERIFY(store.isPending(cancelled));
        store.cancel(cancelled);
        QVERIFY(!store.isPending(cancelled));
        QTest::qWait(200);
        QCOMPARE(read.count(), 2);
        QCOMPARE(failed.count(), 0);
    }

    // Case 2: a real keyring (gnome-keyring-daemon, unlocked, on our private bus).
    void gnomeKeyringKeepsSecretsAcrossStores()
    {
        QString why;
        m_keyringPid = labtest::startGnomeKeyring(&why);
        if (m_keyringPid == 0)
            QSKIP(qPrintable(why));

        const QString key = SecretStore::mlflowKey(QStringLiteral("https://mlflow.lab:5000"), QStringLiteral("ben"));
        const QString secret = newCanary("keyring");
        {
            SecretStore store;
            QSignalSpy written(&store, &SecretStore::secretWritten);
            QSignalSpy failed(&store, &SecretStore::failed);
            QSignalSpy notice(&store, &SecretStore::keychainUnavailable);
            store.write(key, secret);
            QTRY_VERIFY_WITH_TIMEOUT(written.count() + failed.count() == 1, 15000);
            QCOMPARE(failed.count(), 0);
            QCOMPARE(notice.count(), 0);
            QVERIFY(!store.isSessionOnly());
        }
        {
            SecretStore fresh; // a console started later finds it in the keychain
            QSignalSpy read(&fresh, &SecretStore::secretRead);
            QSignalSpy removed(&fresh, &SecretStore::secretRemoved);
            fresh.read(key);
            QTRY_COMPARE_WITH_TIMEOUT(read.count(), 1, 15000);
            QCOMPARE(read.at(0).at(2).toString(), secret);
            QCOMPARE(read.at(0).at(3).toBool(), true);
            fresh.read(key + QStringLiteral("-other"));
            QTRY_COMPARE_WITH_TIMEOUT(read.count(), 2, 15000);
            QCOMPARE(read.at(1).at(3).toBool(), false); // not found is an answer, not a failure
            fresh.remove(key);
            QTRY_COMPARE_WITH_TIMEOUT(removed.count(), 1, 15000);
            QVERIFY(!fresh.isSessionOnly());
        }
        {
            SecretStore after;
            QSignalSpy read(&after, &SecretStore::secretRead);
            after.read(key);
            QTRY_COMPARE_WITH_TIMEOUT(read.count(), 1, 15000);
            QCOMPARE(read.at(0).at(3).toBool(), false);
            QVERIFY(!after.isSessionOnly());
        }

        // A locked keyring (no prompter on this bus to unlock it): the write is kept for the session.
        QDBusInterface service(SecretsService, QStringLiteral("/org/freedesktop/secrets"),
                               QStringLiteral("org.freedesktop.Secret.Service"));
        const QDBusMessage locked = service.call(
            QStringLiteral("Lock"),
            QVariant::fromValue(QList<QDBusObjectPath>{QDBusObjectPath(QStringLiteral("/org/freedesktop/secrets/collection/login"))}));
        if (locked.type() == QDBusMessage::ErrorMessage)
            QSKIP(qPrintable(QStringLiteral("could not lock the test keyring: %1").arg(locked.errorMessage())));
        SecretStore store;
        QSignalSpy written(&store, &SecretStore::secretWritten);
        QSignalSpy notice(&store, &SecretStore::keychainUnavailable);
        QSignalSpy read(&store, &SecretStore::secretRead);
        const QString lockedSecret = newCanary("locked");
        store.write(key, lockedSecret);
        QTRY_COMPARE_WITH_TIMEOUT(written.count(), 1, 15000);
        QCOMPARE(notice.count(), 1);
        QVERIFY(store.isSessionOnly());
        store.read(key);
        QTRY_COMPARE(read.count(), 1);
        QCOMPARE(read.at(0).at(2).toString(), lockedSecret);
    }

    // A keychain that takes the call and never answers: the request ends with an error in words
    // after the timeout, and the store carries on for the session.
    void silentKeychainTimesOut()
    {
        if (m_keyringPid > 0) {
            ::kill(pid_t(m_keyringPid), SIGTERM);
            m_keyringPid = 0;
            QTRY_VERIFY_WITH_TIMEOUT(!secretServiceRunning(), 10000);
        }
        QDBusConnection bus = QDBusConnection::connectToBus(QDBusConnection::SessionBus, QStringLiteral("silent"));
        SilentService silent;
        QVERIFY(bus.registerVirtualObject(QStringLiteral("/"), &silent, QDBusConnection::SubPath));
        QVERIFY(bus.registerService(SecretsService));

        SecretStore::Options options;
        options.timeoutMs = 1500;
        SecretStore store(options);
        QSignalSpy written(&store, &SecretStore::secretWritten);
        QSignalSpy failed(&store, &SecretStore::failed);
        QSignalSpy notice(&store, &SecretStore::keychainUnavailable);
        const QString key = SecretStore::mlflowKey(QStringLiteral("https://slow.lab"), QStringLiteral("cy"));
        const QString secret = newCanary("silent");
        const int id = store.write(key, secret);
        QTRY_COMPARE_WITH_TIMEOUT(failed.count(), 1, 10000);
        QCOMPARE(failed.at(0).at(0).toInt(), id);
        const auto error = failed.at(0).at(2).value<lab::Error>();
        QCOMPARE(error.code, QStringLiteral("KEYCHAIN_TIMEOUT"));
        QVERIFY2(error.message.startsWith(QStringLiteral("The system keychain did not answer within 2 second")),
                 qPrintable(error.message));
        QVERIFY(!error.toString().contains(secret));
        QCOMPARE(written.count(), 0);
        QCOMPARE(notice.count(), 1);
        QVERIFY(store.isSessionOnly());
        QVERIFY(silent.calls > 0); // it really asked the silent service

        // The rest of the session does not wait on the keychain again.
        QSignalSpy read(&store, &SecretStore::secretRead);
        store.read(key);
        QTRY_COMPARE(read.count(), 1);
        QCOMPARE(read.at(0).at(2).toString(), secret);
        QCOMPARE(failed.count(), 1);

        bus.unregisterService(SecretsService);
        bus.unregisterObject(QStringLiteral("/"), QDBusConnection::UnregisterTree);
        QDBusConnection::disconnectFromBus(QStringLiteral("silent"));
    }
};

QTEST_GUILESS_MAIN(TestSecretStore)
#include "tst_secretstore.moc"
