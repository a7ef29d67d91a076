// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QElapsedTimer>
#include <QPointer>
#include <QSslConfiguration>
#include <QString>
#include <QUrl>

#include <functional>
#include <vector>

class QNetworkAccessManager;
class QNetworkReply;

namespace Sagascope {

/**
 * OAuth 2.0 client credentials (RFC 6749 section 4.4) for one service: the access token is
 * fetched from `tokenUrl` with HTTP Basic client authentication (section 2.3.1), kept until
 * shortly before `expires_in` runs out, and shared by every call; while a token request is in
 * flight, callers wait for it (one request per service at a time). invalidate() drops a token
 * that a service refused (401), so that the next get() fetches a new one.
 * The secret and the tokens live in memory only: never logged, never in a reason.
 * On the engine's thread; the callbacks are called later, from the event loop, or at once when
 * a token is cached.
 */
class OAuthClientCredentials
{
public:
    /** The token, or an error in words; `technical` says whether trying again later may help. */
    using Callback = std::function<void(const QByteArray &token, const QString &error, bool technical)>;

    OAuthClientCredentials(QNetworkAccessManager &network, QString serviceId, QUrl tokenUrl, QString clientId,
                           QByteArray secret, QString scope, QSslConfiguration ssl);
    ~OAuthClientCredentials();

    void get(Callback callback);
    /** Forgets `token` if it is the cached one (a service answered 401 to it). */
    void invalidate(const QByteArray &token);

    /** How long before `expires_in` runs out a token is no longer used. */
    static qint64 marginMs(qint64 expiresInMs) { return qMin<qint64>(30000, expiresInMs / 10); }

private:
    void fetch();
    void finish(const QByteArray &token, const QString &error, bool technical);

    QNetworkAccessManager &m_network;
    QString m_service;
    QUrl m_tokenUrl;
    QString m_clientId;
    QByteArray m_secret;
    QString m_scope;
    QSslConfiguration m_ssl;
    QByteArray m_token;
    QElapsedTimer m_age;
    qint64 m_validForMs = 0;
    QPointer<QNetworkReply> m_inFlight;
    std::vector<Callback> m_waiting;
};

} // namespace Sagascope
