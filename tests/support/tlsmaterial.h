#pragma once

#include <QByteArray>
#include <QString>
#include <QTemporaryDir>

namespace labtest {

// Certificates and keys made per test run with the openssl command (EC P-256, so it takes well
// under a second), in a temporary folder removed with this object:
// - a CA, and a second unrelated CA;
// - a server certificate for localhost and 127.0.0.1, and one for wrong.example, both from the CA;
// - a client certificate (CN=student) from the CA, an expired one, and a key that matches neither.
class TlsMaterial
{
public:
    // False (and *error) when openssl is missing or fails; call once, in initTestCase().
    bool generate(QString *error = nullptr);

    QString dir() const { return m_dir.path(); }
    QString caCert() const { return path("ca.pem"); }
    QString otherCaCert() const { return path("other-ca.pem"); }
    QString serverCert() const { return path("server.pem"); }
    QString serverKey() const { return path("server.key"); }
    QString wrongHostCert() const { return path("wrong.pem"); }
    QString wrongHostKey() const { return path("wrong.key"); }
    QString clientCert() const { return path("client.pem"); }
    QString clientKey() const { return path("client.key"); }
    QString expiredClientCert() const { return path("client-expired.pem"); }
    QString unrelatedKey() const { return path("unrelated.key"); }

    static QByteArray read(const QString &file);

private:
    QString path(const char *name) const { return m_dir.filePath(QLatin1String(name)); }
    bool run(const QStringList &args, QString *error);

    QTemporaryDir m_dir;
};

} // namespace labtest
