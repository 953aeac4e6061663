// MlflowConnection reads the environment as MLflow's own client does.

#include "tracking/mlflowconnection.h"

#include <QTemporaryDir>
#include <QTest>

using namespace lab;

class TestMlflowConnection : public QObject
{
    Q_OBJECT

private:
    const QList<QByteArray> m_vars = {"MLFLOW_TRACKING_TOKEN",
                                      "MLFLOW_TRACKING_USERNAME",
                                      "MLFLOW_TRACKING_PASSWORD",
                                      "MLFLOW_TRACKING_INSECURE_TLS",
                                      "MLFLOW_TRACKING_SERVER_CERT_PATH",
                                      "MLFLOW_TRACKING_CLIENT_CERT_PATH",
                                      "MLFLOW_HTTP_REQUEST_MAX_RETRIES",
                                      "MLFLOW_HTTP_REQUEST_BACKOFF_FACTOR",
                                      "MLFLOW_HTTP_REQUEST_TIMEOUT"};

private Q_SLOTS:
    void init()
    {
        for (const QByteArray &v : m_vars)
            qunsetenv(v.constData());
    }
    void cleanupTestCase() { init(); }

    void addressIsNormalised()
    {
        auto c =
            MlflowConnection::fromEnvironment(QStringLiteral("http://mlflow.mlflow.svc.cluster.local:5000/"));
        QVERIFY(c.ok());
        QCOMPARE(c->baseUrl.toString(), QStringLiteral("http://mlflow.mlflow.svc.cluster.local:5000"));
        auto prefixed = MlflowConnection::fromEnvironment(QStringLiteral("HTTPS://lab.example/mlflow//"));
        QVERIFY(prefixed.ok());
        QCOMPARE(prefixed->baseUrl.toString(), QStringLiteral("https://lab.example/mlflow"));
        QCOMPARE(prefixed->retry.maxRetries, 7); // MLflow's defaults
        QCOMPARE(prefixed->retry.timeoutMs, 120000);
    }

    void badAddressIsAnError()
    {
        for (const char *uri : {"ftp://host", "http://", "not a url", "file:///tmp/mlruns"}) {
            auto c = MlflowConnection::fromEnvironment(QString::fromLatin1(uri));
            QVERIFY2(!c.ok(), uri);
            QCOMPARE(c.error().code, QStringLiteral("INVALID_URI"));
            QVERIFY(!c.error().hint.isEmpty());
        }
    }

    void credentialsFromEnvironmentAndOverride()
    {
        qputenv("MLFLOW_TRACKING_USERNAME", "ann");
        qputenv("MLFLOW_TRACKING_PASSWORD", "pw-SECRET-2");
        auto basic = MlflowConnection::fromEnvironment(QStringLiteral("http://h:5000"));
        QVERIFY(basic.ok());
        QCOMPARE(basic->credentials.username, QStringLiteral("ann"));
        QCOMPARE(basic->credentials.password, QStringLiteral("pw-SECRET-2"));
        QVERIFY(basic->credentials.token.isEmpty());

        qputenv("MLFLOW_TRACKING_TOKEN", "tok-SECRET-1");
        auto both = MlflowConnection::fromEnvironment(QStringLiteral("http://h:5000"));
        QCOMPARE(both->credentials.token, QStringLiteral("tok-SECRET-1"));
        QVERIFY(!both->warnings.isEmpty()); // the token wins, and the user is told
        for (const QString &w : both->warnings)
            QVERIFY(!w.contains(QLatin1String("tok-SECRET-1")) && !w.contains(QLatin1String("pw-SECRET-2")));

        TrackingCredentials typed;
        typed.token = QStringLiteral("typed");
        auto over = MlflowConnection::fromEnvironment(QStringLiteral("http://h:5000"), typed);
        QCOMPARE(over->credentials.token, QStringLiteral("typed"));
        QCOMPARE(over->credentials.username, QStringLiteral("ann"));

        // Credentials in the address become basic auth and leave the URL.
        init();
        auto inUrl = MlflowConnection::fromEnvironment(QStringLiteral("http://bob:s%40cret@h:5000"));
        QVERIFY(inUrl.ok());
        QCOMPARE(inUrl->credentials.username, QStringLiteral("bob"));
        QCOMPARE(inUrl->credentials.password, QStringLiteral("s@cret"));
        QVERIFY(!inUrl->baseUrl.toString().contains(QLatin1String("cret")));
    }

    void tlsSettings()
    {
        QTemporaryDir dir;
        const QString ca = dir.filePath(QStringLiteral("ca.pem"));
        QFile f(ca);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("-----BEGIN CERTIFICATE-----\n");
        f.close();

        qputenv("MLFLOW_TRACKING_INSECURE_TLS", "true");
        auto insecure = MlflowConnection::fromEnvironment(QStringLiteral("https://h"));
        QVERIFY(insecure.ok());
        QVERIFY(insecure->insecureTls);

        qputenv("MLFLOW_TRACKING_SERVER_CERT_PATH", ca.toUtf8());
        auto both = MlflowConnection::fromEnvironment(QStringLiteral("https://h"));
        QVERIFY(!both.ok());
        QCOMPARE(both.error().code, QStringLiteral("INVALID_CONFIGURATION"));
        QVERIFY(both.error().message.contains(QLatin1String("MLFLOW_TRACKING_INSECURE_TLS")));
        QVERIFY(both.error().message.contains(QLatin1String("MLFLOW_TRACKING_SERVER_CERT_PATH")));

        qputenv("MLFLOW_TRACKING_INSECURE_TLS", "false");
        qputenv("MLFLOW_TRACKING_CLIENT_CERT_PATH", ca.toUtf8());
        auto withCa = MlflowConnection::fromEnvironment(QStringLiteral("https://h"));
        QVERIFY(withCa.ok());
        QCOMPARE(withCa->serverCertPath, ca);
        QCOMPARE(withCa->clientCertPath, ca);
        QVERIFY(!withCa->insecureTls);

        qputenv("MLFLOW_TRACKING_CLIENT_CERT_PATH", dir.filePath(QStringLiteral("missing.pem")).toUtf8());
        auto missing = MlflowConnection::fromEnvironment(QStringLiteral("https://h"));
        QVERIFY(!missing.ok());
        QVERIFY(missing.error().message.contains(QLatin1String("missing.pem")));

        init();
        qputenv("MLFLOW_TRACKING_INSECURE_TLS", "maybe");
        auto odd = MlflowConnection::fromEnvironment(QStringLiteral("https://h"));
        QVERIFY(odd.ok());
        QVERIFY(!odd->insecureTls);
        QVERIFY(!odd->warnings.isEmpty());
    }

    void retrySettingsFromEnvironment()
    {
        qputenv("MLFLOW_HTTP_REQUEST_MAX_RETRIES", "2");
        qputenv("MLFLOW_HTTP_REQUEST_BACKOFF_FACTOR", "0");
        qputenv("MLFLOW_HTTP_REQUEST_TIMEOUT", "5");
        auto c = MlflowConnection::fromEnvironment(QStringLiteral("http://h"));
        QVERIFY(c.ok());
        QCOMPARE(c->retry.maxRetries, 2);
        QCOMPARE(c->retry.backoffFactor, 0.0);
        QCOMPARE(c->retry.timeoutMs, 5000);
        qputenv("MLFLOW_HTTP_REQUEST_MAX_RETRIES", "lots");
        auto bad = MlflowConnection::fromEnvironment(QStringLiteral("http://h"));
        QCOMPARE(bad->retry.maxRetries, 7);
        QVERIFY(!bad->warnings.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestMlflowConnection)
#include "tst_mlflowconnection.moc"
