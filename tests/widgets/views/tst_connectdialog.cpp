#include "mlflowtestserver.h"
#include "testpaths.h"
#include "tracking/mlflowfilestore.h"
#include "tracking/trackingstorefactory.h"
#include "views/connectdialog.h"
#include "views/dialogrunner.h"

#include <QCheckBox>
#include <QFile>
#include <QLineEdit>
#include <QPointer>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <atomic>
#include <chrono>
#include <thread>

using namespace lab;

namespace {

class FilePicker : public DialogRunner
{
public:
    QString path;
    QString openFile(QWidget *, const QString &, const QString &, const QString &) override { return path; }
};

QString writeFile(const QTemporaryDir &dir, const QString &name)
{
    const QString path = dir.filePath(name);
    QFile f(path);
    if (f.open(QIODevice::WriteOnly))
        f.write("-----BEGIN CERTIFICATE-----\n-----END CERTIFICATE-----\n");
    return path;
}

} // namespace

class TestConnectDialog : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void addressMustBeAnHttpServer()
    {
        ConnectDialog dialog;
        QVERIFY(!dialog.validate());
        QVERIFY(dialog.errorText(QLatin1String(ConnectDialog::UriField)).contains(QLatin1String("Enter the address")));

        dialog.setUri(QStringLiteral("ftp://mlflow.lab"));
        QVERIFY(!dialog.validate());
        QCOMPARE(dialog.errorText(QLatin1String(ConnectDialog::UriField)),
                 QStringLiteral("The address must start with http:// or https://."));

        // Errors follow the edits once shown.
        dialog.setUri(QStringLiteral("https://"));
        QVERIFY(dialog.errorText(QLatin1String(ConnectDialog::UriField)).contains(QLatin1String("names no server")));

        dialog.setUri(QStringLiteral("https://ana:secret@mlflow.lab"));
        QVERIFY(!dialog.validate());
        QVERIFY(dialog.errorText(QLatin1String(ConnectDialog::UriField)).contains(QLatin1String("own fields")));

        dialog.setUri(QStringLiteral("  https://mlflow.lab:5000/ "));
        QVERIFY(dialog.errorText(QLatin1String(ConnectDialog::UriField)).isEmpty());
        QVERIFY(dialog.validate());
        QCOMPARE(dialog.uri(), QStringLiteral("https://mlflow.lab:5000"));
        QVERIFY(dialog.credentials().isEmpty());
        QVERIFY(!dialog.rememberSecret()); // nothing to remember without credentials
    }

    void credentialsFollowTheChosenAuth()
    {
        ConnectDialog dialog;
        dialog.setUri(QStringLiteral("https://mlflow.lab"));
        auto *password = dialog.findChildren<QLineEdit *>().at(2);
        QCOMPARE(password->echoMode(), QLineEdit::Password);

        dialog.setAuth(ConnectDialog::Auth::Password);
        QVERIFY(!dialog.validate());
        QCOMPARE(dialog.errorText(QLatin1String(ConnectDialog::UsernameField)), QStringLiteral("Enter the user name."));
        QCOMPARE(dialog.errorText(QLatin1String(ConnectDialog::PasswordField)), QStringLiteral("Enter the password."));
        dialog.setUsername(QStringLiteral("ana"));
        dialog.setPassword(QStringLiteral("pw"));
        dialog.setToken(QStringLiteral("tok")); // typed earlier under "Token", not used now
        QVERIFY(dialog.validate());
        QCOMPARE(dialog.credentials().username, QStringLiteral("ana"));
        QCOMPARE(dialog.credentials().password, QStringLiteral("pw"));
        QVERIFY(dialog.credentials().token.isEmpty());
        QVERIFY(dialog.rememberSecret());
        dialog.setRememberSecret(false);
        QVERIFY(!dialog.rememberSecret());

        dialog.setAuth(ConnectDialog::Auth::Token);
        dialog.setToken(QString());
        QVERIFY(!dialog.validate());
        QCOMPARE(dialog.errorText(QLatin1String(ConnectDialog::TokenField)), QStringLiteral("Enter the token."));
        QVERIFY(dialog.errorText(QLatin1String(ConnectDialog::UsernameField)).isEmpty());
        dialog.setToken(QStringLiteral("tok"));
        QVERIFY(dialog.validate());
        QCOMPARE(dialog.credentials().token, QStringLiteral("tok"));
        QVERIFY(dialog.credentials().username.isEmpty());
        QCOMPARE(dialog.storeOptions().credentials.token, QStringLiteral("tok"));

        // The keychain's session-only notice is shown where the secret is remembered.
        dialog.setKeychainNotice(QStringLiteral("No system keychain is available"));
        QVERIFY(dialog.findChild<QCheckBox *>() != nullptr);
    }

    void tlsFilesAndInsecureAsMlflowReadsThem()
    {
        QTemporaryDir dir;
        const QString ca = writeFile(dir, QStringLiteral("ca.pem"));
        const QString client = writeFile(dir, QStringLiteral("client.pem"));
        FilePicker picker;
        ConnectDialog::Options options;
        options.uri = QStringLiteral("https://mlflow.lab");
        options.dialogs = &picker;
        ConnectDialog dialog(options);

        dialog.setCaFile(dir.filePath(QStringLiteral("missing.pem")));
        QVERIFY(!dialog.validate());
        QVERIFY(dialog.errorText(QLatin1String(ConnectDialog::CaFileField)).contains(QLatin1String("does not exist")));

        // Browse fills the field through the dialog runner.
        picker.path = ca;
        const auto buttons = dialog.findChildren<QPushButton *>();
        for (QPushButton *b : buttons)
            if (b->text() == QStringLiteral("Browse…")) {
                b->click();
                break;
            }
        QCOMPARE(dialog.caFile(), ca);
        QVERIFY(dialog.errorText(QLatin1String(ConnectDialog::CaFileField)).isEmpty());
        dialog.setClientCertFile(client);
        QVERIFY(dialog.validate());

        QVERIFY(!dialog.isInsecureWarningVisible());
        dialog.setInsecureTls(true);
        QVERIFY(dialog.isInsecureWarningVisible());
        QVERIFY(!dialog.validate()); // insecure and a CA: MLflow's configuration error
        QVERIFY(dialog.errorText().contains(QLatin1String("cannot go together")));
        dialog.setCaFile(QString());
        QVERIFY(dialog.validate());
        QVERIFY(dialog.errorText().isEmpty());
        const StoreOptions o = dialog.storeOptions();
        QVERIFY(o.insecureTls);
        QVERIFY(o.serverCertPath.isEmpty());
        QCOMPARE(o.clientCertPath, client);
        dialog.setInsecureTls(false);
        QVERIFY(!dialog.isInsecureWarningVisible());
    }

    void testConnectionAgainstAServerWithAToken()
    {
        QTemporaryDir dir;
        const QString root = dir.filePath(QStringLiteral("mlruns"));
        int expected = 0;
        {
            MlflowFileStore store(root);
            QVERIFY(store.initialize().ok());
            QVERIFY(store.createExperiment(QStringLiteral("spirals")).ok());
            QVERIFY(store.createExperiment(QStringLiteral("wine")).ok());
            auto list = store.listExperiments();
            QVERIFY(list.ok());
            expected = int(list->size());
        }
        labtest::MlflowTestServer::Options serverOptions;
        serverOptions.token = QStringLiteral("right-token");
        labtest::MlflowTestServer server(root, serverOptions);
        QVERIFY2(server.start(), qPrintable(server.errorString()));

        const bool httpSupported = openTrackingStore(server.url()).ok() ||
                                   openTrackingStore(server.url()).error().code != QLatin1String("NOT_SUPPORTED");

        ConnectDialog::Options options;
        options.uri = server.url();
        options.auth = ConnectDialog::Auth::Token;
        ConnectDialog dialog(options);
        QSignalSpy finished(&dialog, &ConnectDialog::testFinished);
        dialog.setToken(QStringLiteral("wrong-token"));
        dialog.testConnection();
        QCOMPARE(dialog.testState(), ConnectDialog::TestState::Running); // the call did not wait
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 30000);
        QCOMPARE(dialog.testState(), ConnectDialog::TestState::Failed);
        if (!httpSupported) {
            QVERIFY(dialog.testResultText().contains(QLatin1String("not supported")));
            QSKIP("openTrackingStore does not open http(s) stores yet: only the dialog's side was checked");
        }
        QVERIFY2(dialog.testResultText().contains(QLatin1String("refused the credentials")),
                 qPrintable(dialog.testResultText()));
        QVERIFY(!dialog.testResultText().contains(QLatin1String("wrong-token")));
        QVERIFY(dialog.grab().save(labtest::artefactDir(QStringLiteral("screenshots")) +
                                   QStringLiteral("/connectdialog-refused.png")));
        QVERIFY(!server.requests(QStringLiteral("experiments/search")).isEmpty());
        QCOMPARE(server.requests(QStringLiteral("experiments/search")).last().authKind, QStringLiteral("bearer"));

        dialog.setToken(QStringLiteral("right-token"));
        dialog.testConnection();
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 2, 30000);
        QCOMPARE(dialog.testState(), ConnectDialog::TestState::Succeeded);
        QVERIFY2(dialog.testResultText().contains(QStringLiteral("has %1 experiment").arg(expected)),
                 qPrintable(dialog.testResultText()));
        QVERIFY(finished.at(1).at(0).toBool());

        // A server that is not there: the error in words, at once. MLflow's client retries a
        // refused connection for minutes; the dialog's test of the settings does not retry.
        server.stop();
        dialog.testConnection();
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 3, 30000);
        QCOMPARE(dialog.testState(), ConnectDialog::TestState::Failed);
        QVERIFY2(dialog.testResultText().startsWith(QLatin1String("Could not connect")),
                 qPrintable(dialog.testResultText()));
    }

    void invalidFieldsAreNotTested()
    {
        std::atomic<int> opened{0};
        ConnectDialog::Options options;
        options.uri = QStringLiteral("mlflow.lab"); // no scheme
        options.openStore = [&opened](const QString &, const StoreOptions &) -> Result<std::unique_ptr<TrackingStore>> {
            ++opened;
            return makeError(QStringLiteral("unused"));
        };
        ConnectDialog dialog(options);
        dialog.testConnection();
        QCOMPARE(dialog.testState(), ConnectDialog::TestState::Failed);
        QVERIFY(dialog.testResultText().contains(QLatin1String("Correct the fields")));
        QTest::qWait(50);
        QCOMPARE(opened.load(), 0);
    }

    // The dialog closed while its test still waits on the server: nothing crashes, the late
    // answer goes nowhere, and the dialog's event loop never waited.
    void closingDuringATestIsSafe()
    {
        QTemporaryDir dir;
        const QString root = dir.filePath(QStringLiteral("mlruns"));
        std::atomic<bool> release{false};
        std::atomic<bool> done{false};
        ConnectDialog::Options options;
        options.uri = QStringLiteral("http://127.0.0.1:9");
        options.openStore = [&, root](const QString &, const StoreOptions &) -> Result<std::unique_ptr<TrackingStore>> {
            while (!release)
                std::this_thread::sleep_for(std::chrono::milliseconds(5));
            auto store = openTrackingStore(root);
            done = true;
            return store;
        };
        auto *dialog = new ConnectDialog(options);
        dialog->testConnection();
        QCOMPARE(dialog->testState(), ConnectDialog::TestState::Running);
        QTest::qWait(50); // the UI keeps running while the worker waits
        QCOMPARE(dialog->testState(), ConnectDialog::TestState::Running);
        delete dialog;
        release = true;
        QTRY_VERIFY(done.load());
        QTest::qWait(100);
    }

    void screenshot()
    {
        QTemporaryDir dir;
        const QString client = writeFile(dir, QStringLiteral("client.pem"));
        ConnectDialog::Options options;
        options.uri = QStringLiteral("https://mlflow.lab.example.org:5000");
        options.auth = ConnectDialog::Auth::Password;
        options.credentials.username = QStringLiteral("ana.popescu");
        options.credentials.password = QStringLiteral("not-shown");
        options.clientCertFile = client;
        options.insecureTls = true;
        options.keychainNotice = QStringLiteral("No system keychain is available; the password is kept for this "
                                                "session only.");
        ConnectDialog dialog(options);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        const QString shots = labtest::artefactDir(QStringLiteral("screenshots"));
        QVERIFY(dialog.grab().save(shots + QStringLiteral("/connectdialog.png")));
    }
};

QTEST_MAIN(TestConnectDialog)
#include "tst_connectdialog.moc"
