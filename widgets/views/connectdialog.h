#pragma once

#include "core/result.h"
#include "tracking/mlflowconnection.h"
#include "tracking/trackingstore.h"
#include "tracking/trackingstorefactory.h"

#include <QDialog>

#include <functional>
#include <memory>

class QCheckBox;
class QComboBox;
class QDialogButtonBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QPushButton;

namespace lab {

class DialogRunner;

// Where the console's tracking server is and how to reach it: the server's URL, the kind of
// auth (none, user name and password, token) with the secret, TLS files (a CA bundle to check
// the server with, a client certificate), "skip TLS verification" with a warning, and whether
// to remember the secret in the system keychain. The fields mean what MLflow's own client
// reads from MLFLOW_TRACKING_URI, _USERNAME/_PASSWORD, _TOKEN, _SERVER_CERT_PATH,
// _CLIENT_CERT_PATH and _INSECURE_TLS.
//
// Errors are shown in words under their field. "Test connection" opens the store and lists
// its experiments on a worker thread (the dialog never waits) and shows the count or the error.
// Nothing is saved here: the caller reads the accessors once the dialog was accepted (and keeps
// the secret in the keychain itself when rememberSecret()).
class ConnectDialog : public QDialog
{
    Q_OBJECT
public:
    enum class Auth { None, Password, Token };
    Q_ENUM(Auth)
    enum class TestState { Idle, Running, Succeeded, Failed };
    Q_ENUM(TestState)

    using StoreOpener =
        std::function<Result<std::unique_ptr<TrackingStore>>(const QString &uri, const StoreOptions &options)>;

    struct Options
    {
        QString uri;
        Auth auth = Auth::None;
        TrackingCredentials credentials; // e.g. read back from the keychain
        QString caFile;
        QString clientCertFile;
        bool insecureTls = false;
        bool rememberSecret = true;
        QString keychainNotice;  // shown under "Remember" (the keychain store's session-only notice)
        DialogRunner *dialogs = nullptr;
        StoreOpener openStore;   // empty: lab::openTrackingStore; called on the worker thread
    };

    // Field names for errorText().
    static constexpr const char *UriField = "uri";
    static constexpr const char *UsernameField = "username";
    static constexpr const char *PasswordField = "password";
    static constexpr const char *TokenField = "token";
    static constexpr const char *CaFileField = "caFile";
    static constexpr const char *ClientCertField = "clientCertFile";

    explicit ConnectDialog(QWidget *parent = nullptr);
    explicit ConnectDialog(const Options &options, QWidget *parent = nullptr);
    ~ConnectDialog() override;

    void setUri(const QString &uri);
    QString uri() const; // trimmed, without a trailing slash
    void setAuth(Auth auth);
    Auth auth() const;
    void setUsername(const QString &username);
    void setPassword(const QString &password);
    void setToken(const QString &token);
    // The credentials of the chosen auth kind only (empty for Auth::None).
    TrackingCredentials credentials() const;
    void setCaFile(const QString &path);
    QString caFile() const;         // MLFLOW_TRACKING_SERVER_CERT_PATH
    void setClientCertFile(const QString &path);
    QString clientCertFile() const; // MLFLOW_TRACKING_CLIENT_CERT_PATH
    void setInsecureTls(bool on);
    bool insecureTls() const;       // MLFLOW_TRACKING_INSECURE_TLS
    void setRememberSecret(bool on);
    bool rememberSecret() const;    // false with Auth::None
    void setKeychainNotice(const QString &notice);
    // What to pass to lab::openTrackingStore for uri().
    StoreOptions storeOptions() const;

    // Checks every field and shows the errors inline; true when the values can be used.
    bool validate();
    // The error under a field (see the *Field names), or with an empty name the general one.
    QString errorText(const QString &field = {}) const;
    bool isInsecureWarningVisible() const;

    // Starts listing the server's experiments on a worker thread; the answer comes by
    // testFinished and in testResultText(). Does nothing while a test runs or a field is invalid.
    void testConnection();
    TestState testState() const { return m_testState; }
    QString testResultText() const;

Q_SIGNALS:
    void testFinished(bool ok, const QString &text);

public Q_SLOTS:
    void accept() override;

protected:
    void changeEvent(QEvent *event) override;

private:
    struct Probe;

    void retranslate();
    void updateAuthFields();
    void updateTlsWarning();
    void revalidate();
    void setError(QLabel *label, const QString &text);
    void browse(QLineEdit *edit, bool ca);
    void onTestFinished(quint64 generation, bool ok, int experiments, const Error &error);
    QString describeFailure(const Error &error) const;

    Options m_options;
    DialogRunner *m_dialogs = nullptr;
    bool m_validated = false;
    std::shared_ptr<Probe> m_probe;
    quint64 m_generation = 0;
    TestState m_testState = TestState::Idle;

    QFormLayout *m_form = nullptr;
    QLabel *m_intro = nullptr;
    QLabel *m_uriLabel = nullptr;
    QLineEdit *m_uri = nullptr;
    QLabel *m_uriError = nullptr;
    QLabel *m_authLabel = nullptr;
    QComboBox *m_auth = nullptr;
    QLabel *m_usernameLabel = nullptr;
    QLineEdit *m_username = nullptr;
    QLabel *m_usernameError = nullptr;
    QLabel *m_passwordLabel = nullptr;
    QLineEdit *m_password = nullptr;
    QLabel *m_passwordError = nullptr;
    QLabel *m_tokenLabel = nullptr;
    QLineEdit *m_token = nullptr;
    QLabel *m_tokenError = nullptr;
    QLabel *m_caLabel = nullptr;
    QLineEdit *m_ca = nullptr;
    QPushButton *m_caBrowse = nullptr;
    QLabel *m_caError = nullptr;
    QLabel *m_clientLabel = nullptr;
    QLineEdit *m_client = nullptr;
    QPushButton *m_clientBrowse = nullptr;
    QLabel *m_clientError = nullptr;
    QCheckBox *m_insecure = nullptr;
    QLabel *m_insecureWarning = nullptr;
    QCheckBox *m_remember = nullptr;
    QLabel *m_keychainNotice = nullptr;
    QLabel *m_generalError = nullptr;
    QPushButton *m_test = nullptr;
    QLabel *m_testResult = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
};

} // namespace lab
