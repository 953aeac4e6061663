#pragma once

#include "tracking/mlflowconnection.h"

#include <QObject>
#include <QPointer>
#include <QString>

class QSettings;

namespace lab {

class SecretStore;
struct Error;

// "Remember the password" for a tracking server: the keychain (SecretStore) keeps the password or
// token; settings keep only which account it belongs to ("token" for a bearer token), never the
// secret. labconsole uses it on both ends: remember() after a connect where the user ticked the
// box, readBack() at start-up to connect to the last server with the secret read back.
//
// readBack() is asynchronous like the keychain: the window is up while it reads. It answers with
// credentialsRead (connect with these) or, when the keychain cannot be used (no Secret Service,
// a locked keyring, a keychain that does not answer), with startedWithout and the reason in
// words: the console carries on without the secret. A secret the keychain simply does not hold
// (any more) ends the read with no signal, as before.
class RememberedSecret : public QObject
{
    Q_OBJECT
public:
    explicit RememberedSecret(SecretStore *secrets, QObject *parent = nullptr);

    // The settings key that holds the account of a server's remembered secret.
    static QString accountSettingsKey(const QString &trackingUri);
    // The account remembered for a server; empty when none.
    static QString rememberedAccount(const QSettings &settings, const QString &trackingUri);

    // After a connect: with `remember` and a secret, writes it to the keychain and the account to
    // settings; otherwise forgets the server's account.
    void remember(QSettings &settings, const QString &trackingUri, const TrackingCredentials &credentials,
                  bool remember);

    // At start-up: reads back the secret remembered for an http(s) server. Nothing is read (and
    // false returned) for a local store, a server with no remembered account, or when the
    // environment gives MLFLOW_TRACKING_TOKEN or MLFLOW_TRACKING_PASSWORD (which win, as they
    // do for MLflow's own client).
    bool readBack(const QSettings &settings, const QString &trackingUri);
    bool isReading() const { return m_request >= 0; }

Q_SIGNALS:
    void credentialsRead(const QString &trackingUri, const lab::TrackingCredentials &credentials);
    void startedWithout(const QString &trackingUri, const QString &notice);

private:
    void onRead(int id, const QString &secret, bool found);
    void onFailed(int id, const lab::Error &error);

    QPointer<SecretStore> m_secrets;
    int m_request = -1;
    QString m_uri;
    QString m_account;
};

} // namespace lab
