// SPDX-License-Identifier: MIT
#pragma once

#include "remotespec.h"

#include <QByteArray>
#include <QObject>
#include <QSslConfiguration>
#include <QUrl>

#include <memory>

class QOAuth2AuthorizationCodeFlow;
class QOAuthHttpServerReplyHandler;
class QNetworkAccessManager;
class QNetworkReply;

namespace Sagascope {

/**
 * The OAuth 2.0 authorization-code flow of a native app (RFC 6749 4.1, RFC 7636 PKCE S256,
 * RFC 8252), through QtNetworkAuth: QOAuth2AuthorizationCodeFlow with a
 * QOAuthHttpServerReplyHandler listening on 127.0.0.1 at a free port, which is the redirect
 * URI `http://127.0.0.1:PORT/`. Qt 6.4 has no PKCE: `code_challenge` and
 * `code_challenge_method=S256` are added to the authorization request, and `code_verifier` to
 * the token request, by setModifyParametersFunction(). `state` is 256 random bits (Qt's own is
 * 8 letters) and the redirect's `state` is compared before anything else; a redirect with
 * another state, an `error`, no code, or a token endpoint that refuses ends the login with a
 * message that says which (Qt 6.4 only logs those).
 *
 * start() emits authorizeWithBrowser(url): the GUI opens it with QDesktopServices, the CLI
 * prints it. finished(true) leaves the tokens in accessToken()/refreshToken(); nothing is
 * stored here (CredentialStore does that). No widgets: the engine library.
 */
class OAuthLogin : public QObject
{
    Q_OBJECT
public:
    OAuthLogin(QString serviceId, EndpointAuth auth, QSslConfiguration ssl, QObject *parent = nullptr);
    ~OAuthLogin() override;

    /** Listens on 127.0.0.1 and emits authorizeWithBrowser(); false with `error` set when it cannot. */
    bool start(QString *error);
    /** The redirect URI (RFC 8252 7.3), once started. */
    QUrl redirectUri() const;

    QByteArray accessToken() const { return m_accessToken; }
    QByteArray refreshToken() const { return m_refreshToken; }

    /** A PKCE code verifier: 32 random bytes, base64url without padding (43 characters). */
    static QByteArray makeVerifier();
    /** Its S256 challenge: BASE64URL(SHA256(verifier)) (RFC 7636 4.2). */
    static QByteArray challengeOf(const QByteArray &verifier);

Q_SIGNALS:
    void authorizeWithBrowser(const QUrl &url);
    /** Once; `message` says what went wrong, or that it worked. */
    void finished(bool ok, const QString &message);

private:
    void fail(const QString &message);
    void callbackReceived(const QVariantMap &data);
    void tokenReplyFinished(QNetworkReply *reply);

    QString m_service;
    EndpointAuth m_auth;
    std::unique_ptr<QNetworkAccessManager> m_network;
    QOAuth2AuthorizationCodeFlow *m_flow = nullptr;
    QOAuthHttpServerReplyHandler *m_handler = nullptr;
    QByteArray m_verifier;
    QString m_state;
    QString m_code; // the authorization code, decoded
    QByteArray m_accessToken;
    QByteArray m_refreshToken;
    bool m_done = false;
};

} // namespace Sagascope
