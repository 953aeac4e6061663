#include "connectdialog.h"

#include "dialogrunner.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QEvent>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QUrl>
#include <QVBoxLayout>

#include <mutex>
#include <thread>

namespace lab {

namespace {

QLabel *errorLabel(QWidget *parent)
{
    auto *l = new QLabel(parent);
    l->setStyleSheet(QStringLiteral("color: #c62828;"));
    l->setWordWrap(true);
    l->hide();
    return l;
}

// A line edit with its error label below, as one form row.
QWidget *withError(QWidget *editor, QLabel *error, QWidget *button = nullptr)
{
    auto *box = new QWidget(editor->parentWidget());
    auto *v = new QVBoxLayout(box);
    v->setContentsMargins(0, 0, 0, 0);
    v->setSpacing(2);
    if (button) {
        auto *h = new QHBoxLayout;
        h->addWidget(editor, 1);
        h->addWidget(button);
        v->addLayout(h);
    } else {
        v->addWidget(editor);
    }
    v->addWidget(error);
    return box;
}

} // namespace

// What the dialog and its worker thread share. The worker posts its answer to `receiver` only
// while holding the mutex and only while the dialog is alive; the dialog's destructor clears
// `receiver` under the same mutex and interrupts the store the worker is waiting on.
struct ConnectDialog::Probe
{
    std::mutex mutex;
    ConnectDialog *receiver = nullptr;
    TrackingStore *store = nullptr;
};

ConnectDialog::ConnectDialog(QWidget *parent) : ConnectDialog(Options{}, parent) {}

ConnectDialog::ConnectDialog(const Options &options, QWidget *parent)
    : QDialog(parent), m_options(options),
      m_dialogs(options.dialogs ? options.dialogs : DialogRunner::defaultRunner())
{
    auto *layout = new QVBoxLayout(this);
    m_intro = new QLabel(this);
    m_intro->setWordWrap(true);
    layout->addWidget(m_intro);

    m_form = new QFormLayout;
    m_form->setFieldGrowthPolicy(QFormLayout::ExpandingFieldsGrow);
    layout->addLayout(m_form);

    m_uriLabel = new QLabel(this);
    m_uri = new QLineEdit(this);
    m_uri->setPlaceholderText(QStringLiteral("https://mlflow.example.org:5000"));
    m_uriError = errorLabel(this);
    m_form->addRow(m_uriLabel, withError(m_uri, m_uriError));

    m_authLabel = new QLabel(this);
    m_auth = new QComboBox(this);
    m_auth->addItems({QString(), QString(), QString()}); // texts in retranslate()
    m_form->addRow(m_authLabel, m_auth);

    m_usernameLabel = new QLabel(this);
    m_username = new QLineEdit(this);
    m_usernameError = errorLabel(this);
    m_form->addRow(m_usernameLabel, withError(m_username, m_usernameError));

    m_passwordLabel = new QLabel(this);
    m_password = new QLineEdit(this);
    m_password->setEchoMode(QLineEdit::Password);
    m_passwordError = errorLabel(this);
    m_form->addRow(m_passwordLabel, withError(m_password, m_passwordError));

    m_tokenLabel = new QLabel(this);
    m_token = new QLineEdit(this);
    m_token->setEchoMode(QLineEdit::Password);
    m_tokenError = errorLabel(this);
    m_form->addRow(m_tokenLabel, withError(m_token, m_tokenError));

    m_caLabel = new QLabel(this);
    m_ca = new QLineEdit(this);
    m_caBrowse = new QPushButton(this);
    m_caError = errorLabel(this);
    m_form->addRow(m_caLabel, withError(m_ca, m_caError, m_caBrowse));

    m_clientLabel = new QLabel(this);
    m_client = new QLineEdit(this);
    m_clientBrowse = new QPushButton(this);
    m_clientError = errorLabel(this);
    m_form->addRow(m_clientLabel, withError(m_client, m_clientError, m_clientBrowse));

    m_insecure = new QCheckBox(this);
    m_insecureWarning = new QLabel(this);
    m_insecureWarning->setWordWrap(true);
    m_insecureWarning->setStyleSheet(QStringLiteral("color: #b26a00;"));
    m_insecureWarning->hide();
    m_form->addRow(m_insecure);
    m_form->addRow(m_insecureWarning);

    m_remember = new QCheckBox(this);
    m_keychainNotice = new QLabel(this);
    m_keychainNotice->setWordWrap(true);
    m_keychainNotice->hide();
    m_form->addRow(m_remember);
    m_form->addRow(m_keychainNotice);

    m_generalError = errorLabel(this);
    layout->addWidget(m_generalError);

    auto *testRow = new QHBoxLayout;
    m_test = new QPushButton(this);
    m_testResult = new QLabel(this);
    m_testResult->setWordWrap(true);
    m_testResult->setTextInteractionFlags(Qt::TextSelectableByMouse);
    testRow->addWidget(m_test, 0, Qt::AlignTop);
    testRow->addWidget(m_testResult, 1);
    layout->addLayout(testRow);

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    layout->addWidget(m_buttons);

    connect(m_buttons, &QDialogButtonBox::accepted, this, &ConnectDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &ConnectDialog::reject);
    connect(m_test, &QPushButton::clicked, this, &ConnectDialog::testConnection);
    connect(m_auth, &QComboBox::currentIndexChanged, this, [this]() {
        updateAuthFields();
        revalidate();
    });
    connect(m_insecure, &QCheckBox::toggled, this, [this]() {
        updateTlsWarning();
        revalidate();
    });
    connect(m_caBrowse, &QPushButton::clicked, this, [this]() { browse(m_ca, true); });
    connect(m_clientBrowse, &QPushButton::clicked, this, [this]() { browse(m_client, false); });
    for (QLineEdit *edit : {m_uri, m_username, m_password, m_token, m_ca, m_client})
        connect(edit, &QLineEdit::textChanged, this, &ConnectDialog::revalidate);

    m_uri->setText(options.uri);
    m_username->setText(options.credentials.username);
    m_password->setText(options.credentials.password);
    m_token->setText(options.credentials.token);
    m_ca->setText(options.caFile);
    m_client->setText(options.clientCertFile);
    m_insecure->setChecked(options.insecureTls);
    m_remember->setChecked(options.rememberSecret);
    m_auth->setCurrentIndex(int(options.auth));
    setKeychainNotice(options.keychainNotice);

    retranslate();
    updateAuthFields();
    updateTlsWarning();
    resize(560, sizeHint().height());
}

ConnectDialog::~ConnectDialog()
{
    if (m_probe) {
        std::lock_guard lock(m_probe->mutex);
        m_probe->receiver = nullptr;
        if (m_probe->store)
            m_probe->store->interrupt();
    }
}

void ConnectDialog::setUri(const QString &uri)
{
    m_uri->setText(uri);
}

QString ConnectDialog::uri() const
{
    QString u = m_uri->text().trimmed();
    while (u.endsWith(QLatin1Char('/')))
        u.chop(1);
    return u;
}

void ConnectDialog::setAuth(Auth auth)
{
    m_auth->setCurrentIndex(int(auth));
}

ConnectDialog::Auth ConnectDialog::auth() const
{
    return Auth(qBound(0, m_auth->currentIndex(), 2));
}

void ConnectDialog::setUsername(const QString &username)
{
    m_username->setText(username);
}

void ConnectDialog::setPassword(const QString &password)
{
    m_password->setText(password);
}

void ConnectDialog::setToken(const QString &token)
{
    m_token->setText(token);
}

TrackingCredentials ConnectDialog::credentials() const
{
    TrackingCredentials c;
    switch (auth()) {
    case Auth::None:
        break;
    case Auth::Password:
        c.username = m_username->text().trimmed();
        c.password = m_password->text();
        break;
    case Auth::Token:
        c.token = m_token->text().trimmed();
        break;
    }
    return c;
}

void ConnectDialog::setCaFile(const QString &path)
{
    m_ca->setText(path);
}

QString ConnectDialog::caFile() const
{
    return m_ca->text().trimmed();
}

void ConnectDialog::setClientCertFile(const QString &path)
{
    m_client->setText(path);
}

QString ConnectDialog::clientCertFile() const
{
    return m_client->text().trimmed();
}

void ConnectDialog::setInsecureTls(bool on)
{
    m_insecure->setChecked(on);
}

bool ConnectDialog::insecureTls() const
{
    return m_insecure->isChecked();
}

void ConnectDialog::setRememberSecret(bool on)
{
    m_remember->setChecked(on);
}

bool ConnectDialog::rememberSecret() const
{
    return auth() != Auth::None && m_remember->isChecked();
}

void ConnectDialog::setKeychainNotice(const QString &notice)
{
    m_options.keychainNotice = notice;
    m_keychainNotice->setText(notice);
    m_keychainNotice->setVisible(!notice.isEmpty() && auth() != Auth::None);
}

StoreOptions ConnectDialog::storeOptions() const
{
    StoreOptions o;
    o.credentials = credentials();
    o.serverCertPath = caFile();
    o.clientCertPath = clientCertFile();
    o.insecureTls = insecureTls();
    return o;
}

bool ConnectDialog::isInsecureWarningVisible() const
{
    return !m_insecureWarning->isHidden();
}

QString ConnectDialog::errorText(const QString &field) const
{
    const QLabel *label = m_generalError;
    if (field == QLatin1String(UriField))
        label = m_uriError;
    else if (field == QLatin1String(UsernameField))
        label = m_usernameError;
    else if (field == QLatin1String(PasswordField))
        label = m_passwordError;
    else if (field == QLatin1String(TokenField))
        label = m_tokenError;
    else if (field == QLatin1String(CaFileField))
        label = m_caError;
    else if (field == QLatin1String(ClientCertField))
        label = m_clientError;
    return label->isHidden() ? QString() : label->text();
}

QString ConnectDialog::testResultText() const
{
    return m_testResult->text();
}

void ConnectDialog::setError(QLabel *label, const QString &text)
{
    label->setText(text);
    label->setVisible(!text.isEmpty());
}

bool ConnectDialog::validate()
{
    m_validated = true;
    bool ok = true;
    auto check = [&ok, this](QLabel *label, const QString &text) {
        setError(label, text);
        if (!text.isEmpty())
            ok = false;
    };

    const QString u = uri();
    QString uriError;
    if (u.isEmpty()) {
        uriError = tr("Enter the address of the tracking server, for example https://mlflow.example.org:5000.");
    } else {
        const QUrl url(u, QUrl::StrictMode);
        const QString scheme = url.scheme().toLower();
        if (!url.isValid())
            uriError = tr("This is not a valid address.");
        else if (scheme != QLatin1String("http") && scheme != QLatin1String("https"))
            uriError = tr("The address must start with http:// or https://.");
        else if (url.host().isEmpty())
            uriError = tr("The address names no server: give it as https://host:port.");
        else if (!url.userInfo().isEmpty())
            uriError = tr("Put the user name and password in their own fields, not in the address.");
    }
    check(m_uriError, uriError);

    const Auth a = auth();
    check(m_usernameError,
          a == Auth::Password && m_username->text().trimmed().isEmpty() ? tr("Enter the user name.") : QString());
    check(m_passwordError, a == Auth::Password && m_password->text().isEmpty() ? tr("Enter the password.") : QString());
    check(m_tokenError, a == Auth::Token && m_token->text().trimmed().isEmpty() ? tr("Enter the token.") : QString());

    auto fileError = [this](const QString &path, bool ca) -> QString {
        if (path.isEmpty())
            return {};
        const QFileInfo fi(path);
        if (!fi.exists())
            return ca ? tr("The CA certificate file %1 does not exist.").arg(path)
                      : tr("The client certificate file %1 does not exist.").arg(path);
        if (!fi.isFile() || !fi.isReadable())
            return ca ? tr("The CA certificate file %1 cannot be read.").arg(path)
                      : tr("The client certificate file %1 cannot be read.").arg(path);
        return {};
    };
    check(m_caError, fileError(caFile(), true));
    check(m_clientError, fileError(clientCertFile(), false));

    // MLflow refuses MLFLOW_TRACKING_INSECURE_TLS together with MLFLOW_TRACKING_SERVER_CERT_PATH.
    check(m_generalError, insecureTls() && !caFile().isEmpty()
                              ? tr("Skipping TLS verification and checking the server with a CA certificate "
                                   "cannot go together: clear one of them.")
                              : QString());
    return ok;
}

void ConnectDialog::revalidate()
{
    // Errors appear after the first attempt, then follow every edit.
    if (m_validated)
        validate();
}

void ConnectDialog::accept()
{
    if (!validate())
        return;
    QDialog::accept();
}

void ConnectDialog::updateAuthFields()
{
    const Auth a = auth();
    const bool password = a == Auth::Password;
    const bool token = a == Auth::Token;
    m_form->setRowVisible(m_username->parentWidget(), password);
    m_form->setRowVisible(m_password->parentWidget(), password);
    m_form->setRowVisible(m_token->parentWidget(), token);
    m_remember->setEnabled(a != Auth::None);
    m_keychainNotice->setVisible(!m_options.keychainNotice.isEmpty() && a != Auth::None);
}

void ConnectDialog::updateTlsWarning()
{
    m_insecureWarning->setVisible(m_insecure->isChecked());
}

void ConnectDialog::browse(QLineEdit *edit, bool ca)
{
    const QString caption = ca ? tr("CA certificate") : tr("Client certificate and key");
    const QString path = m_dialogs->openFile(this, caption, QFileInfo(edit->text()).absolutePath(),
                                             tr("PEM files (*.pem *.crt *.cer);;All files (*)"));
    if (!path.isEmpty())
        edit->setText(path);
}

void ConnectDialog::testConnection()
{
    if (m_testState == TestState::Running)
        return;
    if (!validate()) {
        m_testState = TestState::Failed;
        m_testResult->setStyleSheet(QStringLiteral("color: #c62828;"));
        m_testResult->setText(tr("Correct the fields marked above first."));
        Q_EMIT testFinished(false, m_testResult->text());
        return;
    }
    m_testState = TestState::Running;
    m_test->setEnabled(false);
    m_testResult->setStyleSheet(QString());
    m_testResult->setText(tr("Connecting to %1…").arg(uri()));

    // A fresh probe per test: a stale worker still holds the old one and answers nobody.
    if (m_probe) {
        std::lock_guard lock(m_probe->mutex);
        m_probe->receiver = nullptr;
    }
    m_probe = std::make_shared<Probe>();
    m_probe->receiver = this;
    const quint64 generation = ++m_generation;
    StoreOpener opener = m_options.openStore ? m_options.openStore : StoreOpener(&openTrackingStore);

    // A test of the settings answers at once: no retries, no offline cache, a short timeout.
    StoreOptions probeOptions = storeOptions();
    probeOptions.maxRetries = 0;
    probeOptions.offlineCache = false;
    probeOptions.timeoutMs = 15000;
    std::thread([probe = m_probe, opener, generation, u = uri(), o = probeOptions]() {
        bool ok = false;
        int count = 0;
        Error error;
        auto store = opener(u, o);
        if (!store.ok()) {
            error = store.error();
        } else {
            {
                std::lock_guard lock(probe->mutex);
                if (!probe->receiver)
                    return; // the dialog is gone; nobody waits for the answer
                probe->store = store.value().get();
            }
            auto experiments = store.value()->listExperiments(ViewType::ActiveOnly);
            {
                std::lock_guard lock(probe->mutex);
                probe->store = nullptr;
            }
            if (experiments.ok()) {
                ok = true;
                count = int(experiments->size());
            } else {
                error = experiments.error();
            }
        }
        std::lock_guard lock(probe->mutex);
        if (ConnectDialog *dialog = probe->receiver)
            QMetaObject::invokeMethod(
                dialog, [dialog, generation, ok, count, error]() { dialog->onTestFinished(generation, ok, count, error); },
                Qt::QueuedConnection);
    }).detach();
}

void ConnectDialog::onTestFinished(quint64 generation, bool ok, int experiments, const Error &error)
{
    if (generation != m_generation)
        return;
    m_test->setEnabled(true);
    m_testState = ok ? TestState::Succeeded : TestState::Failed;
    if (ok) {
        m_testResult->setStyleSheet(QStringLiteral("color: #2e7d32;"));
        m_testResult->setText(tr("Connected: the server has %n experiment(s).", nullptr, experiments));
    } else {
        m_testResult->setStyleSheet(QStringLiteral("color: #c62828;"));
        m_testResult->setText(describeFailure(error));
    }
    Q_EMIT testFinished(ok, m_testResult->text());
}

QString ConnectDialog::describeFailure(const Error &error) const
{
    QString lead;
    if (error.httpStatus == 401 || error.code == QLatin1String("UNAUTHENTICATED"))
        lead = auth() == Auth::None
                   ? tr("The server asks for credentials: choose how to sign in and enter them.")
                   : tr("The server refused the credentials: check the user name and password, or the token.");
    else if (error.httpStatus == 403 || error.code == QLatin1String("PERMISSION_DENIED"))
        lead = tr("The server knows who you are but does not let you read its experiments.");
    const QString what = error.toString();
    if (lead.isEmpty())
        return tr("Could not connect: %1").arg(what);
    return what.isEmpty() ? lead : lead + QLatin1Char('\n') + what;
}

void ConnectDialog::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QDialog::changeEvent(event);
}

void ConnectDialog::retranslate()
{
    setWindowTitle(tr("Connect to a tracking server"));
    m_intro->setText(tr("The MLflow tracking server to open. The settings mean what MLflow's own client "
                        "reads from MLFLOW_TRACKING_URI and the other MLFLOW_TRACKING_* variables."));
    m_uriLabel->setText(tr("Server &address:"));
    m_uriLabel->setBuddy(m_uri);
    m_authLabel->setText(tr("Sign &in with:"));
    m_authLabel->setBuddy(m_auth);
    m_auth->setItemText(int(Auth::None), tr("No credentials"));
    m_auth->setItemText(int(Auth::Password), tr("User name and password"));
    m_auth->setItemText(int(Auth::Token), tr("Token"));
    m_usernameLabel->setText(tr("&User name:"));
    m_usernameLabel->setBuddy(m_username);
    m_passwordLabel->setText(tr("&Password:"));
    m_passwordLabel->setBuddy(m_password);
    m_tokenLabel->setText(tr("&Token:"));
    m_tokenLabel->setBuddy(m_token);
    m_caLabel->setText(tr("CA &certificate:"));
    m_caLabel->setBuddy(m_ca);
    m_ca->setPlaceholderText(tr("The system's certificates"));
    m_ca->setToolTip(tr("A PEM file of the authorities to check the server with "
                        "(MLFLOW_TRACKING_SERVER_CERT_PATH)."));
    m_clientLabel->setText(tr("C&lient certificate:"));
    m_clientLabel->setBuddy(m_client);
    m_client->setPlaceholderText(tr("None"));
    m_client->setToolTip(tr("A PEM file holding your certificate and its key, for servers that ask for one "
                            "(MLFLOW_TRACKING_CLIENT_CERT_PATH)."));
    m_caBrowse->setText(tr("Browse…"));
    m_clientBrowse->setText(tr("Browse…"));
    m_insecure->setText(tr("&Skip TLS verification"));
    m_insecureWarning->setText(tr("Warning: the server's certificate is not checked. Anyone between you and "
                                  "the server could read your password or token and change what you see."));
    m_remember->setText(tr("&Remember in the system keychain"));
    m_test->setText(tr("T&est connection"));
    if (m_validated)
        validate();
}

} // namespace lab
