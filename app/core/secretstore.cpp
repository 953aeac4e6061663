#include "secretstore.h"

#include <qt6keychain/keychain.h>

#include <QLoggingCategory>
#include <QTimer>
#include <QUrl>

namespace lab {

namespace {

Q_LOGGING_CATEGORY(lcKeychain, "labconsole.keychain")

const char *opName(int op)
{
    static const char *const names[] = {"read", "write", "remove"};
    return names[op];
}

} // namespace

SecretStore::SecretStore(QObject *parent) : SecretStore(Options{}, parent) {}

SecretStore::SecretStore(const Options &options, QObject *parent) : QObject(parent), m_options(options)
{
    m_sessionOnly = !options.useKeychain;
}

SecretStore::~SecretStore()
{
    // Jobs still running are not ours to delete: QtKeychain's libsecret callbacks hold raw
    // pointers to them. They delete themselves when they end; the connections to us go with us.
    for (auto it = m_requests.begin(); it != m_requests.end(); ++it)
        if (it->job)
            disconnect(it->job, nullptr, this, nullptr);
    m_requests.clear();
    m_session.clear();
}

QString SecretStore::mlflowKey(const QString &trackingUri, const QString &account)
{
    const QUrl url(trackingUri.trimmed());
    const QString scheme = url.scheme().toLower();
    const int defaultPort = scheme == QLatin1String("https") ? 443 : 80;
    QString path = url.path();
    while (path.endsWith(QLatin1Char('/')))
        path.chop(1);
    return QStringLiteral("mlflow:%1://%2:%3%4/%5")
        .arg(scheme, url.host().toLower(), QString::number(url.port(defaultPort)), path, account);
}

int SecretStore::read(const QString &key)
{
    return start(Op::Read, key, {});
}

int SecretStore::write(const QString &key, const QString &secret)
{
    return start(Op::Write, key, secret);
}

int SecretStore::remove(const QString &key)
{
    return start(Op::Remove, key, {});
}

void SecretStore::cancel(int id)
{
    auto it = m_requests.find(id);
    if (it == m_requests.end())
        return;
    if (it->job)
        disconnect(it->job, nullptr, this, nullptr);
    delete it->timer;
    m_requests.erase(it);
}

int SecretStore::start(Op op, const QString &key, const QString &secret)
{
    const int id = ++m_nextId;
    Request &request = m_requests[id];
    request.op = op;
    request.key = key;
    request.secret = secret;
    if (m_sessionOnly) {
        // Queued even from memory, so every answer arrives after the caller got its id.
        QMetaObject::invokeMethod(
            this,
            [this, id]() {
                auto it = m_requests.find(id);
                if (it == m_requests.end())
                    return; // cancelled
                const Request r = *it;
                m_requests.erase(it);
                answerFromSession(id, r);
            },
            Qt::QueuedConnection);
        return id;
    }
    startJob(id, request);
    return id;
}

void SecretStore::startJob(int id, Request &request)
{
    QKeychain::Job *job = nullptr;
    switch (request.op) {
    case Op::Read:
        job = new QKeychain::ReadPasswordJob(m_options.service);
        break;
    case Op::Write: {
        auto *w = new QKeychain::WritePasswordJob(m_options.service);
        w->setTextData(request.secret);
        job = w;
        break;
    }
    case Op::Remove:
        job = new QKeychain::DeletePasswordJob(m_options.service);
        break;
    }
    // No parent: a job must outlive us if the keychain is slow (see the destructor).
    job->setAutoDelete(true);
    // QtKeychain's "insecure fallback" writes the secret in plain text to QSettings: never.
    job->setInsecureFallback(false);
    job->setKey(request.key);
    request.job = job;
    connect(job, &QKeychain::Job::finished, this, [this, id](QKeychain::Job *j) { onJobFinished(id, j); });

    request.timer = new QTimer(this);
    request.timer->setSingleShot(true);
    connect(request.timer, &QTimer::timeout, this, [this, id]() { onTimeout(id); });
    request.timer->start(m_options.timeoutMs);

    qCDebug(lcKeychain) << "keychain" << opName(int(request.op)) << request.key;
    job->start();
}

void SecretStore::onJobFinished(int id, QKeychain::Job *job)
{
    auto it = m_requests.find(id);
    if (it == m_requests.end() || it->job != job)
        return;
    const Request request = *it;
    delete request.timer;
    m_requests.erase(it);

    const QKeychain::Error error = job->error();
    if (error == QKeychain::NoError) {
        switch (request.op) {
        case Op::Read: {
            const auto *r = static_cast<QKeychain::ReadPasswordJob *>(job);
            Q_EMIT secretRead(id, request.key, r->textData(), true);
            return;
        }
        case Op::Write:
            Q_EMIT secretWritten(id, request.key);
            return;
        case Op::Remove:
            m_session.remove(request.key);
            Q_EMIT secretRemoved(id, request.key);
            return;
        }
    }
    if (error == QKeychain::EntryNotFound && request.op != Op::Write) {
        // Nothing there: for a read that is an answer, for a remove the wish is fulfilled.
        if (request.op == Op::Remove) {
            m_session.remove(request.key);
            Q_EMIT secretRemoved(id, request.key);
        } else {
            answerFromSession(id, request);
        }
        return;
    }
    // No backend, a locked or refusing keyring, D-Bus errors: the keychain cannot be used. Its
    // error string names the service and the cause, never the secret.
    fallBack(QStringLiteral("%1 failed (%2): %3")
                 .arg(QLatin1String(opName(int(request.op))), QString::number(int(error)), job->errorString()));
    answerFromSession(id, request);
}

void SecretStore::onTimeout(int id)
{
    auto it = m_requests.find(id);
    if (it == m_requests.end())
        return;
    const Request request = *it;
    m_requests.erase(it);
    if (request.job)
        disconnect(request.job, nullptr, this, nullptr);
    request.timer->deleteLater();

    if (request.op == Op::Write)
        m_session.insert(request.key, request.secret);
    else if (request.op == Op::Remove)
        m_session.remove(request.key);

    const int seconds = qMax(1, (m_options.timeoutMs + 500) / 1000);
    Error e = makeError(tr("The system keychain did not answer within %n second(s).", nullptr, seconds),
                        QStringLiteral("KEYCHAIN_TIMEOUT"));
    e.hint = request.op == Op::Write ? tr("The password is kept for this session only.")
                                     : tr("Type the password again; it is kept for this session only.");
    fallBack(QStringLiteral("%1 of %2 timed out after %3 ms")
                 .arg(QLatin1String(opName(int(request.op))), request.key, QString::number(m_options.timeoutMs)));
    Q_EMIT failed(id, request.key, e);
}

void SecretStore::answerFromSession(int id, const Request &request)
{
    switch (request.op) {
    case Op::Read: {
        const auto found = m_session.constFind(request.key);
        Q_EMIT secretRead(id, request.key, found == m_session.cend() ? QString() : *found,
                          found != m_session.cend());
        return;
    }
    case Op::Write:
        m_session.insert(request.key, request.secret);
        Q_EMIT secretWritten(id, request.key);
        return;
    case Op::Remove:
        m_session.remove(request.key);
        Q_EMIT secretRemoved(id, request.key);
        return;
    }
}

void SecretStore::fallBack(const QString &why)
{
    if (m_sessionOnly)
        return;
    m_sessionOnly = true;
    qCWarning(lcKeychain).noquote() << "no usable keychain, keeping secrets for this session only:" << why;
    m_notice = tr("No system keychain is available; the password is kept for this session only.");
    Q_EMIT keychainUnavailable(m_notice);
}

} // namespace lab
