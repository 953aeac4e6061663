#pragma once

// A real Secret Service for keychain tests: gnome-keyring-daemon started on the test's private
// D-Bus session (ctest runs these tests inside dbus-run-session). Header-only, so that only the
// tests that link Qt6::DBus pull it in.

#include <QDBusConnection>
#include <QDBusConnectionInterface>
#include <QProcess>
#include <QStandardPaths>
#include <QString>
#include <QTest>

namespace labtest {

inline const QString SecretsService = QStringLiteral("org.freedesktop.secrets");

inline bool secretServiceRunning()
{
    return QDBusConnection::sessionBus().interface()->isServiceRegistered(SecretsService);
}

// Starts gnome-keyring-daemon, unlocked, serving secrets only, and waits until it owns the
// Secret Service name. Returns its pid, or 0 with *why saying what is missing (the caller skips).
inline qint64 startGnomeKeyring(QString *why)
{
    const QString daemon = QStandardPaths::findExecutable(QStringLiteral("gnome-keyring-daemon"));
    if (daemon.isEmpty()) {
        *why = QStringLiteral("gnome-keyring-daemon is not installed (Debian package gnome-keyring)");
        return 0;
    }
    QProcess start;
    start.start(daemon, {QStringLiteral("--unlock"), QStringLiteral("--components=secrets")});
    if (!start.waitForStarted()) {
        *why = QStringLiteral("gnome-keyring-daemon did not start");
        return 0;
    }
    start.write("test-keyring-password");
    start.closeWriteChannel();
    start.waitForFinished(20000); // it forks; the first process ends at once
    if (!QTest::qWaitFor([] { return secretServiceRunning(); }, 10000)) {
        *why = QStringLiteral("gnome-keyring-daemon did not come up on the test bus: %1")
                   .arg(QString::fromLocal8Bit(start.readAllStandardError()).trimmed());
        return 0;
    }
    return QDBusConnection::sessionBus().interface()->servicePid(SecretsService).value();
}

} // namespace labtest
