#include "tlsmaterial.h"

#include <QFile>
#include <QProcess>

namespace labtest {

namespace {

const QStringList ecKey = {QStringLiteral("-newkey"), QStringLiteral("ec"), QStringLiteral("-pkeyopt"),
                           QStringLiteral("ec_paramgen_curve:P-256"), QStringLiteral("-nodes")};

} // namespace

QByteArray TlsMaterial::read(const QString &file)
{
    QFile f(file);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

bool TlsMaterial::run(const QStringList &args, QString *error)
{
    QProcess p;
    p.setWorkingDirectory(m_dir.path());
    p.setProcessChannelMode(QProcess::MergedChannels);
    p.start(QStringLiteral("openssl"), args);
    if (!p.waitForFinished(30000) || p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0) {
        if (error)
            *error =
                QStringLiteral("openssl %1 failed: %2 %3")
                    .arg(args.join(QLatin1Char(' ')), p.errorString(), QString::fromLocal8Bit(p.readAll()));
        return false;
    }
    return true;
}

bool TlsMaterial::generate(QString *error)
{
    if (!m_dir.isValid()) {
        if (error)
            *error = QStringLiteral("no temporary folder");
        return false;
    }
    auto ca = [&](const QString &name, const QString &cn) {
        return run(
            QStringList{QStringLiteral("req"), QStringLiteral("-x509")} + ecKey +
                QStringList{QStringLiteral("-keyout"), name + QStringLiteral(".key"), QStringLiteral("-out"),
                            name + QStringLiteral(".pem"), QStringLiteral("-days"), QStringLiteral("2"),
                            QStringLiteral("-subj"), QStringLiteral("/CN=") + cn, QStringLiteral("-addext"),
                            QStringLiteral("basicConstraints=critical,CA:TRUE"), QStringLiteral("-addext"),
                            QStringLiteral("keyUsage=critical,keyCertSign,cRLSign")},
            error);
    };
    // A leaf signed by ca.pem; days < 0 makes one that has already expired.
    auto leaf = [&](const QString &name, const QString &key, const QString &cn, const QString &san,
                    const QString &usage, int days) {
        QStringList req{QStringLiteral("req"), QStringLiteral("-new")};
        if (QFile::exists(m_dir.filePath(key)))
            req += QStringList{QStringLiteral("-key"), key};
        else
            req += ecKey + QStringList{QStringLiteral("-keyout"), key};
        req += QStringList{QStringLiteral("-out"),    name + QStringLiteral(".csr"),
                           QStringLiteral("-subj"),   QStringLiteral("/CN=") + cn,
                           QStringLiteral("-addext"), QStringLiteral("basicConstraints=CA:FALSE"),
                           QStringLiteral("-addext"), QStringLiteral("extendedKeyUsage=") + usage};
        if (!san.isEmpty())
            req += QStringList{QStringLiteral("-addext"), QStringLiteral("subjectAltName=") + san};
        return run(req, error) &&
               run({QStringLiteral("x509"), QStringLiteral("-req"), QStringLiteral("-in"),
                    name + QStringLiteral(".csr"), QStringLiteral("-CA"), QStringLiteral("ca.pem"),
                    QStringLiteral("-CAkey"), QStringLiteral("ca.key"), QStringLiteral("-CAcreateserial"),
                    QStringLiteral("-copy_extensions"), QStringLiteral("copyall"), QStringLiteral("-days"),
                    QString::number(days), QStringLiteral("-out"), name + QStringLiteral(".pem")},
                   error);
    };
    return ca(QStringLiteral("ca"), QStringLiteral("Lab Console Test CA")) &&
           ca(QStringLiteral("other-ca"), QStringLiteral("Unrelated Test CA")) &&
           leaf(QStringLiteral("server"), QStringLiteral("server.key"), QStringLiteral("localhost"),
                QStringLiteral("DNS:localhost,IP:127.0.0.1"), QStringLiteral("serverAuth"), 2) &&
           leaf(QStringLiteral("wrong"), QStringLiteral("wrong.key"), QStringLiteral("wrong.example"),
                QStringLiteral("DNS:wrong.example"), QStringLiteral("serverAuth"), 2) &&
           leaf(QStringLiteral("client"), QStringLiteral("client.key"), QStringLiteral("student"), {},
                QStringLiteral("clientAuth"), 2) &&
           leaf(QStringLiteral("client-expired"), QStringLiteral("client.key"), QStringLiteral("student"), {},
                QStringLiteral("clientAuth"), -1) &&
           run(QStringList{QStringLiteral("genpkey"), QStringLiteral("-algorithm"), QStringLiteral("EC"),
                           QStringLiteral("-pkeyopt"), QStringLiteral("ec_paramgen_curve:P-256"),
                           QStringLiteral("-out"), QStringLiteral("unrelated.key")},
               error);
}

} // namespace labtest
