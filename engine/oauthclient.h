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
 * The access token of one service, from its OAuth 2.0 token endpoint, by one of two grants:
 * - client credentials (RFC 6749 section 4.4) with HTTP Basic client authentication (2.3.1);
 * - a refresh token (section 6) that `sagascope-cli login` (OAuthLogin) obtained by the
 *   authorization-code flow, sent by a public client with its `client_id` (RFC 8252 8.5); a new
 *   refresh token in the answer replaces it (rotation) and is handed to `rotated`.
 * The token is kept until shortly before `expires_in` runs out, and shared by every call; while
 * a token request is in flight, callers wait for it (one request per service at a time).
 * invalidate() drops a token that a service refused (401), so that the next get() fetches a new
 * one. The secret and the tokens live in memory only: never logged, never in a reason.
 * On the engine's thread; the callbacks are called later, from the event loop, or at once when
 * a token is cached.
 */
class OAuthTokenClient
{
public:
    /** The token, or an error in words; `technical` says whether trying again later may help. */
    using Callback = std::function<void(const QByteArray &token, const QString &error, bool technical)>;

    OAuthTokenClient(QNetworkAccessManager &network, QString serviceId, QUrl tokenUrl, QString clientId, QString scope,
                     QSslConfiguration ssl);
    ~OAuthTokenClient();

    /** Client credentials with this secret. */
    void useClientCredentials(QByteArray secret);
    /** The refresh-token grant; `rotated` is called with each new refresh token the server gives. */
    void useRefreshToken(QByteArray refreshToken, std::function<void(const QByteArray &)> rotated);

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
    QByteArray m_refreshToken; // non-empty: the refresh-token grant
    std::function<void(const QByteArray &)> m_rotated;
    QString m_scope;
    QSslConfiguration m_ssl;
    QByteArray m_token;
    QElapsedTimer m_age;
    qint64 m_validForMs = 0;
    QPointer<QNetworkReply> m_inFlight;
    std::vector<Callback> m_waiting;
};

} // namespace Sagascope
