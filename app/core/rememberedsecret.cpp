#include "core/rememberedsecret.h"

#include "core/result.h"
#include "core/secretstore.h"

#include <QLoggingCategory>
#include <QSettings>

Q_LOGGING_CATEGORY(lcRemembered, "labconsole.keychain")

namespace lab {

namespace {

const QString TokenAccount = QStringLiteral("token");

} // namespace

RememberedSecret::RememberedSecret(SecretStore *secrets, QObject *parent)
    : QObject(parent), m_secrets(secrets)
{
    if (!secrets)
        return;
    connect(
        secrets, &SecretStore::secretRead, this,
        [this](int id, const QString &, const QString &secret, bool found) { onRead(id, secret, found); });
    connect(secrets, &SecretStore::failed, this,
            [this](int id, const QString &, const Error &error) { onFailed(id, error); });
}

QString RememberedSecret::accountSettingsKey(const QString &trackingUri)
{
    return QStringLiteral("servers/") +
           QString::fromLatin1(
               SecretStore::mlflowKey(trackingUri, {}).toUtf8().toBase64(QByteArray::Base64UrlEncoding));
}

QString RememberedSecret::rememberedAccount(const QSettings &settings, const QString &trackingUri)
{
    return settings.value(accountSettingsKey(trackingUri)).toString();
}

void RememberedSecret::remember(QSettings &settings, const QString &trackingUri,
                                const TrackingCredentials &credentials, bool remember)
{
    const bool token = !credentials.token.isEmpty();
    const QString account = token ? TokenAccount : credentials.username;
    const QString secret = token ? credentials.token : credentials.password;
    if (!remember || account.isEmpty() || secret.isEmpty() || !m_secrets) {
        settings.remove(accountSettingsKey(trackingUri));
        return;
    }
    m_secrets->write(SecretStore::mlflowKey(trackingUri, account), secret);
    settings.setValue(accountSettingsKey(trackingUri), account);
}

bool RememberedSecret::readBack(const QSettings &settings, const QString &trackingUri)
{
    const QString account = rememberedAccount(settings, trackingUri);
    if (!m_secrets || !trackingUri.startsWith(QLatin1String("http"), Qt::CaseInsensitive) ||
        account.isEmpty() || !qEnvironmentVariableIsEmpty("MLFLOW_TRACKING_TOKEN") ||
        !qEnvironmentVariableIsEmpty("MLFLOW_TRACKING_PASSWORD"))
        return false;
    m_uri = trackingUri;
    m_account = account;
    m_request = m_secrets->read(SecretStore::mlflowKey(trackingUri, account));
    return true;
}

void RememberedSecret::onRead(int id, const QString &secret, bool found)
{
    if (id != m_request || m_request < 0)
        return;
    m_request = -1;
    if (found && !secret.isEmpty()) {
        TrackingCredentials credentials;
        if (m_account == TokenAccount)
            credentials.token = secret;
        else
            credentials = {m_account, secret, {}};
        Q_EMIT credentialsRead(m_uri, credentials);
        return;
    }
    // Not found in a keychain that works: nothing to say (the user connects and types it again).
    // Not found because there is no keychain: the console starts without it, and says so.
    if (m_secrets && m_secrets->isSessionOnly()) {
        qCInfo(lcRemembered) << "remembered secret not read: no keychain";
        Q_EMIT startedWithout(m_uri,
                              tr("No system keychain is available, so the password remembered for %1 "
                                 "was not read; the console opened without it. Connect again to type it.")
                                  .arg(m_uri));
    }
}

void RememberedSecret::onFailed(int id, const Error &error)
{
    if (id != m_request || m_request < 0)
        return;
    m_request = -1;
    qCInfo(lcRemembered) << "remembered secret not read:" << error.code;
    Q_EMIT startedWithout(m_uri, tr("The password remembered for %1 was not read: %2 The console opened "
                                    "without it; connect again to type it.")
                                     .arg(m_uri, error.message));
}

} // namespace lab
