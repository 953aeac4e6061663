#pragma once

#include "core/result.h"

#include <QHash>
#include <QObject>
#include <QString>

class QTimer;

namespace QKeychain {
class Job;
}

namespace lab {

// Secrets typed into the console (tracking server passwords and tokens), kept in the system
// keychain through QtKeychain (Secret Service / KWallet), never in settings or any other file.
//
// Every call is asynchronous: read/write/remove return a request id at once and answer later by
// a signal, always queued, so a caller may connect after the call. Each keychain job has a
// timeout: a keychain that never answers ends the request with `failed` ("did not answer").
//
// When no keychain can be used (no Secret Service on D-Bus, a locked or refusing keyring, a
// timeout) the store says so once (keychainUnavailable, notice()) and from then on keeps secrets
// in memory for this session only: this object's lifetime, nothing written anywhere.
class SecretStore : public QObject
{
    Q_OBJECT
    Q_PROPERTY(bool sessionOnly READ isSessionOnly NOTIFY keychainUnavailable)
public:
    struct Options
    {
        QString service = QStringLiteral("labconsole"); // the keychain's service name (attribute "server")
        int timeoutMs = 10000;                          // per keychain job
        bool useKeychain = true; // false: session-only from the start (no notice is given then)
    };

    explicit SecretStore(QObject *parent = nullptr);
    explicit SecretStore(const Options &options, QObject *parent = nullptr);
    ~SecretStore() override;

    // The key of a tracking server's secret: "mlflow:https://host:443[/prefix]/<account>", with
    // the scheme and host in lower case and the port spelled out, so the same server typed
    // two ways finds the same entry. `account` is the user name, or "token" for a bearer token.
    static QString mlflowKey(const QString &trackingUri, const QString &account);

    int read(const QString &key);
    int write(const QString &key, const QString &secret);
    int remove(const QString &key);
    // Forgets a request: no signal is emitted for it. The keychain job itself finishes on its own.
    void cancel(int id);
    bool isPending(int id) const { return m_requests.contains(id); }
    int pendingCount() const { return int(m_requests.size()); }

    // True once the keychain was found unusable (or with useKeychain off): secrets live in memory.
    bool isSessionOnly() const { return m_sessionOnly; }
    // The words shown to the user once the store is session-only; empty before.
    QString notice() const { return m_notice; }

Q_SIGNALS:
    void secretRead(int id, const QString &key, const QString &secret, bool found);
    void secretWritten(int id, const QString &key);
    void secretRemoved(int id, const QString &key);
    // The request could not be carried out as asked (the keychain did not answer in time). The
    // error never holds the secret. A write that failed is still kept for the session.
    void failed(int id, const QString &key, const lab::Error &error);
    // Emitted once, when the store falls back to session-only storage.
    void keychainUnavailable(const QString &notice);

private:
    enum class Op { Read, Write, Remove };
    struct Request
    {
        Op op = Op::Read;
        QString key;
        QString secret; // writes only, to keep it for the session if the keychain fails
        QKeychain::Job *job = nullptr;
        QTimer *timer = nullptr;
    };

    int start(Op op, const QString &key, const QString &secret);
    void startJob(int id, Request &request);
    void onJobFinished(int id, QKeychain::Job *job);
    void onTimeout(int id);
    // Answers a request from the session store (used once the keychain is out of the picture).
    void answerFromSession(int id, const Request &request);
    void fallBack(const QString &why);

    Options m_options;
    QHash<int, Request> m_requests;
    QHash<QString, QString> m_session;
    int m_nextId = 0;
    bool m_sessionOnly = false;
    QString m_notice;
};

} // namespace lab
