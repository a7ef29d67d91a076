// SPDX-License-Identifier: MIT
#include "credentialstore.h"

#include <qt6keychain/keychain.h>

#include <QCryptographicHash>
#include <QDir>
#include <QEventLoop>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QPointer>
#include <QStandardPaths>
#include <QThreadPool>
#include <QTimer>

#include <cstdio>

namespace Sagascope {

namespace {

const QString KeychainService = QStringLiteral("Sagascope");
constexpr int KeychainWaitMs = 5000;

/** Runs a keychain job and waits for it; the job deletes itself, even when it outlives the wait. */
bool runJob(QKeychain::Job *job, QString *error, QByteArray *data = nullptr)
{
    job->setAutoDelete(true);
    QPointer<QKeychain::Job> guarded(job);
    QEventLoop loop;
    bool done = false;
    bool ok = false;
    QObject::connect(job, &QKeychain::Job::finished, &loop, [&](QKeychain::Job *finished) {
        done = true;
        ok = finished->error() == QKeychain::NoError;
        if (!ok && error)
            *error = finished->errorString();
        if (ok && data)
            *data = static_cast<QKeychain::ReadPasswordJob *>(finished)->binaryData();
        loop.quit();
    });
    QTimer::singleShot(KeychainWaitMs, &loop, &QEventLoop::quit);
    job->start();
    if (!done)
        loop.exec();
    if (!done) {
        if (guarded)
            QObject::disconnect(guarded, nullptr, &loop, nullptr);
        if (error)
            *error = QStringLiteral("the keychain did not answer within %1 s").arg(KeychainWaitMs / 1000);
    }
    return done && ok;
}

bool ownerOnly(QFileDevice::Permissions p)
{
    return !(p & (QFileDevice::ReadGroup | QFileDevice::WriteGroup | QFileDevice::ExeGroup | QFileDevice::ReadOther
                  | QFileDevice::WriteOther | QFileDevice::ExeOther));
}

bool writeTokenFile(const EndpointAuth &auth, const QByteArray &token, QString *error)
{
    const QString directory = CredentialStore::tokenDirectory();
    if (!QDir().mkpath(directory)
        || !QFile::setPermissions(directory, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner)) {
        *error = QStringLiteral("%1: cannot create the directory (mode 0700)").arg(directory);
        return false;
    }
    const QString path = CredentialStore::tokenFile(auth);
    const QString temporary = path + QStringLiteral(".tmp");
    QFile::remove(temporary);
    QFile file(temporary);
    // Created with mode 0600 from the start: never readable by others, not even for a moment.
    if (!file.open(QIODevice::WriteOnly | QIODevice::NewOnly, QFileDevice::ReadOwner | QFileDevice::WriteOwner)) {
        *error = QStringLiteral("%1: cannot write: %2").arg(temporary, file.errorString());
        return false;
    }
    const QJsonObject content{{QStringLiteral("key"), CredentialStore::refreshTokenKey(auth)},
                              {QStringLiteral("refresh_token"), QString::fromUtf8(token)}};
    const QByteArray bytes = QJsonDocument(content).toJson(QJsonDocument::Compact);
    if (file.write(bytes) != bytes.size() || !file.flush()) {
        *error = QStringLiteral("%1: cannot write: %2").arg(temporary, file.errorString());
        file.remove();
        return false;
    }
    file.close();
    if (std::rename(QFile::encodeName(temporary).constData(), QFile::encodeName(path).constData()) != 0) {
        *error = QStringLiteral("%1: cannot replace it").arg(path);
        QFile::remove(temporary);
        return false;
    }
    return true;
}

} // namespace

bool CredentialStore::keychainEnabled()
{
    if (qEnvironmentVariable("SAGASCOPE_KEYCHAIN") == QLatin1String("off"))
        return false;
    return qEnvironmentVariableIsSet("DBUS_SESSION_BUS_ADDRESS"); // the Secret Service is reached over D-Bus
}

QString CredentialStore::refreshTokenKey(const EndpointAuth &auth)
{
    return QStringLiteral("refresh_token %1@%2").arg(auth.clientId, auth.tokenUrl);
}

QString CredentialStore::clientSecretKey(const EndpointAuth &auth)
{
    return QStringLiteral("client_secret %1@%2").arg(auth.clientId, auth.tokenUrl);
}

QString CredentialStore::tokenDirectory()
{
    return QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation) + QStringLiteral("/sagascope/tokens");
}

QString CredentialStore::tokenFile(const EndpointAuth &auth)
{
    const QByteArray hash = QCryptographicHash::hash(refreshTokenKey(auth).toUtf8(), QCryptographicHash::Sha256).toHex();
    return tokenDirectory() + QLatin1Char('/') + QString::fromLatin1(hash.left(32)) + QStringLiteral(".json");
}

CredentialStore::Found CredentialStore::readRefreshToken(const EndpointAuth &auth)
{
    Found found;
    if (keychainEnabled()) {
        auto *job = new QKeychain::ReadPasswordJob(KeychainService);
        job->setKey(refreshTokenKey(auth));
        QString error;
        if (runJob(job, &error, &found.value) && !found.value.isEmpty()) {
            found.where = Where::Keychain;
            return found;
        }
        found.value.clear();
    }
    const QString path = tokenFile(auth);
    QFile file(path);
    if (!file.exists())
        return found;
    if (!ownerOnly(QFileInfo(path).permissions())) {
        found.error = QStringLiteral("%1 may be read by others: it is not used (chmod 600 it, or sign in again)").arg(path);
        return found;
    }
    if (!file.open(QIODevice::ReadOnly)) {
        found.error = QStringLiteral("%1: cannot read: %2").arg(path, file.errorString());
        return found;
    }
    const QJsonObject content = QJsonDocument::fromJson(file.readAll()).object();
    if (content.value(QLatin1String("key")).toString() != refreshTokenKey(auth)) {
        found.error = QStringLiteral("%1: not a Sagascope token file for %2").arg(path, refreshTokenKey(auth));
        return found;
    }
    found.value = content.value(QLatin1String("refresh_token")).toString().toUtf8();
    found.where = found.value.isEmpty() ? Where::Nowhere : Where::File;
    return found;
}

CredentialStore::Where CredentialStore::storeRefreshToken(const EndpointAuth &auth, const QByteArray &token, QString *error)
{
    if (keychainEnabled()) {
        auto *job = new QKeychain::WritePasswordJob(KeychainService);
        job->setKey(refreshTokenKey(auth));
        job->setBinaryData(token);
        QString keychainError;
        if (runJob(job, &keychainError)) {
            QFile::remove(tokenFile(auth)); // one copy only
            return Where::Keychain;
        }
    }
    return writeTokenFile(auth, token, error) ? Where::File : Where::Nowhere;
}

namespace {

/** One thread, so that successive rotations are written in order; its own event loop waits for
 *  the keychain, so the engine's never runs nested. */
QThreadPool &keychainWriter()
{
    static QThreadPool *pool = [] {
        auto *p = new QThreadPool;
        p->setMaxThreadCount(1);
        p->setExpiryTimeout(-1);
        return p;
    }();
    return *pool;
}

} // namespace

void CredentialStore::storeRefreshTokenLater(const EndpointAuth &auth, const QByteArray &token)
{
    // Where the token came from is where the new one goes: the file when it exists.
    if (!keychainEnabled() || QFile::exists(tokenFile(auth))) {
        QString error;
        writeTokenFile(auth, token, &error);
        return;
    }
    keychainWriter().start([auth, token] {
        auto *job = new QKeychain::WritePasswordJob(KeychainService);
        job->setKey(refreshTokenKey(auth));
        job->setBinaryData(token);
        QString error;
        if (!runJob(job, &error))
            writeTokenFile(auth, token, &error); // not lost: the next run finds it in the file
    });
}

bool CredentialStore::waitForPendingWrites(int timeoutMs)
{
    return keychainWriter().waitForDone(timeoutMs);
}

void CredentialStore::removeRefreshToken(const EndpointAuth &auth)
{
    QFile::remove(tokenFile(auth));
    if (keychainEnabled()) {
        auto *job = new QKeychain::DeletePasswordJob(KeychainService);
        job->setKey(refreshTokenKey(auth));
        runJob(job, nullptr);
    }
}

CredentialStore::Found CredentialStore::readClientSecret(const QString &serviceId, const EndpointAuth &auth)
{
    Found found;
    found.value = qgetenv(secretVariable(serviceId).toLocal8Bit().constData());
    if (!found.value.isEmpty()) {
        found.where = Where::Environment;
        return found;
    }
    if (keychainEnabled()) {
        auto *job = new QKeychain::ReadPasswordJob(KeychainService);
        job->setKey(clientSecretKey(auth));
        if (runJob(job, &found.error, &found.value) && !found.value.isEmpty())
            found.where = Where::Keychain;
        else
            found.value.clear();
    }
    return found;
}

bool CredentialStore::storeClientSecret(const EndpointAuth &auth, const QByteArray &secret, QString *error)
{
    if (!keychainEnabled()) {
        *error = QStringLiteral("no desktop keychain is running: set the environment variable instead");
        return false;
    }
    auto *job = new QKeychain::WritePasswordJob(KeychainService);
    job->setKey(clientSecretKey(auth));
    job->setBinaryData(secret);
    return runJob(job, error);
}

QString CredentialStore::describe(Where where, const EndpointAuth &auth, const QString &serviceId)
{
    switch (where) {
    case Where::Keychain: return QStringLiteral("the desktop keychain (entry \"%1\" of Sagascope)").arg(refreshTokenKey(auth));
    case Where::File: return QStringLiteral("%1 (mode 0600; no desktop keychain is running)").arg(tokenFile(auth));
    case Where::Environment: return QStringLiteral("the environment variable %1").arg(secretVariable(serviceId));
    case Where::Nowhere: break;
    }
    return QStringLiteral("nowhere");
}

} // namespace Sagascope
