// SPDX-License-Identifier: MIT
#include "oauthlogin.h"

#include <QCryptographicHash>
#include <QHostAddress>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QOAuth2AuthorizationCodeFlow>
#include <QOAuthHttpServerReplyHandler>
#include <QRandomGenerator>
#include <QTimer>
#include <QUrlQuery>

namespace Sagascope {

namespace {

/** Qt 6.4's flow takes no TLS configuration: every https request it makes gets the service's
 *  (VerifyPeer, with the `caFile` anchors). */
class ConfiguredNetworkAccess final : public QNetworkAccessManager
{
public:
    explicit ConfiguredNetworkAccess(QSslConfiguration ssl) : m_ssl(std::move(ssl))
    {
        setRedirectPolicy(QNetworkRequest::ManualRedirectPolicy); // a token request is not replayed elsewhere
    }

protected:
    QNetworkReply *createRequest(Operation op, const QNetworkRequest &original, QIODevice *data) override
    {
        QNetworkRequest request(original);
        if (request.url().scheme() == QLatin1String("https"))
            request.setSslConfiguration(m_ssl);
        request.setRawHeader("Accept", "application/json");
        return QNetworkAccessManager::createRequest(op, request, data);
    }

private:
    QSslConfiguration m_ssl;
};

QByteArray randomBase64Url(int bytes)
{
    QByteArray data(bytes, Qt::Uninitialized);
    for (int i = 0; i < bytes; ++i)
        data[i] = char(QRandomGenerator::system()->bounded(256));
    return data.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}

/** A value of the redirect's query as Qt 6.4's reply handler hands it over (QUrlQuery's pretty
 *  decoding: "%2B" and "%25" left encoded, a '+' left a '+'), decoded as what it is:
 *  application/x-www-form-urlencoded (RFC 6749 4.1.2, appendix B), where '+' is a space. Servers
 *  that build the redirect with a form encoder (oidc-provider: URLSearchParams) write the spaces
 *  of an error_description as '+'. */
QString formDecoded(const QVariant &value)
{
    return QUrl::fromPercentEncoding(value.toString().replace(QLatin1Char('+'), QLatin1Char(' ')).toUtf8());
}

} // namespace

OAuthLogin::OAuthLogin(QString serviceId, EndpointAuth auth, QSslConfiguration ssl, QObject *parent)
    : QObject(parent)
    , m_service(std::move(serviceId))
    , m_auth(std::move(auth))
    , m_network(std::make_unique<ConfiguredNetworkAccess>(std::move(ssl)))
{
}

OAuthLogin::~OAuthLogin()
{
    delete m_flow; // before the network access it uses
}

QByteArray OAuthLogin::makeVerifier()
{
    return randomBase64Url(32); // RFC 7636 4.1: 32 octets, base64url: 43 characters
}

QByteArray OAuthLogin::challengeOf(const QByteArray &verifier)
{
    return QCryptographicHash::hash(verifier, QCryptographicHash::Sha256)
        .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}

QUrl OAuthLogin::redirectUri() const
{
    return m_handler && m_handler->isListening() ? QUrl(m_handler->callback()) : QUrl();
}

bool OAuthLogin::start(QString *error)
{
    m_flow = new QOAuth2AuthorizationCodeFlow(m_network.get());
    // RFC 8252 7.3: the loopback IP literal, any free port, never "localhost" nor every interface
    // (Qt's default handler listens on QHostAddress::Any).
    m_handler = new QOAuthHttpServerReplyHandler(QHostAddress::LocalHost, 0, m_flow);
    if (!m_handler->isListening()) {
        *error = QStringLiteral("cannot listen on 127.0.0.1 for the redirect");
        return false;
    }
    m_handler->setCallbackText(QStringLiteral("Sagascope received the authorization for %1. You can close this page.")
                                   .arg(m_service.toHtmlEscaped()));
    m_flow->setReplyHandler(m_handler);
    m_flow->setAuthorizationUrl(QUrl(m_auth.authorizationUrl));
    m_flow->setAccessTokenUrl(QUrl(m_auth.tokenUrl));
    m_flow->setClientIdentifier(m_auth.clientId);
    m_flow->setScope(m_auth.scope);
    // RFC 6749 10.12: a value an attacker cannot guess, bound to this login; 256 bits.
    m_state = QString::fromLatin1(randomBase64Url(32));
    m_flow->setState(m_state);
    m_verifier = makeVerifier();
    const QByteArray challenge = challengeOf(m_verifier);
    // RFC 6749 3.1: the authorization endpoint's own query "MUST be retained when adding
    // additional query parameters"; Qt 6.4 replaces it with the request's. Its items, as written
    // (still percent-encoded, which is what Qt's query builder takes), join the request's
    // parameters; one that the request sets itself is left out (no parameter twice).
    const QList<QPair<QString, QString>> endpointQuery = QUrlQuery(QUrl(m_auth.authorizationUrl)).queryItems(QUrl::FullyEncoded);
    m_flow->setModifyParametersFunction([this, challenge, endpointQuery](QAbstractOAuth::Stage stage,
                                                                        QMultiMap<QString, QVariant> *parameters) {
        if (stage == QAbstractOAuth::Stage::RequestingAuthorization) {
            parameters->insert(QStringLiteral("code_challenge"), QString::fromLatin1(challenge));
            parameters->insert(QStringLiteral("code_challenge_method"), QStringLiteral("S256"));
            // Qt 6.4 puts client_id and scope into the query as they are, and its query builder
            // leaves '+', which the server's form decoding (appendix B) reads as a space: a scope
            // "orders:read+write" (RFC 6749 3.3 allows '+') arrived as "orders:read write".
            // Percent-encoded here, they arrive as written.
            parameters->replace(QStringLiteral("client_id"), QString::fromLatin1(QUrl::toPercentEncoding(m_auth.clientId)));
            if (m_auth.scope.isEmpty())
                parameters->remove(QStringLiteral("scope")); // optional (3.3): not sent empty
            else
                parameters->replace(QStringLiteral("scope"), QString::fromLatin1(QUrl::toPercentEncoding(m_auth.scope)));
            for (const auto &[name, value] : endpointQuery) {
                if (!parameters->contains(name))
                    parameters->insert(name, value);
            }
        } else if (stage == QAbstractOAuth::Stage::RequestingAccessToken) {
            parameters->insert(QStringLiteral("code_verifier"), QString::fromLatin1(m_verifier));
            // Qt 6.4 percent-encodes the code as its reply handler left it, which keeps "%2B"
            // (a '+') encoded: "abc%2Bdef" went out as "abc%252Bdef". The code as received,
            // decoded once and encoded once (RFC 6749 4.1.3, appendix B).
            parameters->replace(QStringLiteral("code"), QString::fromLatin1(QUrl::toPercentEncoding(m_code)));
            parameters->remove(QStringLiteral("client_secret")); // a public client has none (RFC 8252 8.5)
        }
    });
    // Qt checks state too, but only logs a mismatch: check it first, and say so.
    connect(m_handler, &QAbstractOAuthReplyHandler::callbackReceived, this, &OAuthLogin::callbackReceived);
    connect(m_flow, &QAbstractOAuth2::error, this, [this](const QString &code, const QString &description, const QUrl &) {
        // Qt 6.4 hands the redirect's values over still form-encoded ("The+user+cancelled").
        const QString text = formDecoded(description);
        fail(QStringLiteral("the authorization server of %1 refused: %2%3")
                 .arg(m_service, formDecoded(code), text.isEmpty() ? QString() : QStringLiteral(" (") + text + QLatin1Char(')')));
    });
    connect(m_flow, &QAbstractOAuth::statusChanged, this, [this](QAbstractOAuth::Status status) {
        if (status != QAbstractOAuth::Status::Granted || m_done)
            return;
        m_accessToken = m_flow->token().toUtf8();
        m_refreshToken = m_flow->refreshToken().toUtf8();
        if (m_refreshToken.isEmpty())
            return fail(QStringLiteral("the token endpoint of %1 gave an access token but no refresh token: there is nothing "
                                       "to keep for later runs").arg(m_service));
        m_done = true;
        m_handler->close();
        Q_EMIT finished(true, QStringLiteral("signed in to %1").arg(m_service));
    });
    connect(m_network.get(), &QNetworkAccessManager::finished, this, &OAuthLogin::tokenReplyFinished);
    connect(m_flow, &QAbstractOAuth::authorizeWithBrowser, this, &OAuthLogin::authorizeWithBrowser);
    m_flow->grant();
    return true;
}

void OAuthLogin::callbackReceived(const QVariantMap &data)
{
    if (m_done)
        return;
    // Qt's flow sees this redirect after us (it connects in grant(), after start() connected
    // this), so a forged or stale error redirect ends here, never as the server's answer.
    if (data.value(QStringLiteral("state")).toString() != m_state)
        return fail(QStringLiteral("the redirect to 127.0.0.1 carried another state than the one sent: refused (RFC 6749 "
                                   "10.12; a forged or stale redirect)"));
    if (data.contains(QStringLiteral("error")))
        return; // QAbstractOAuth2::error follows
    if (data.value(QStringLiteral("code")).toString().isEmpty())
        return fail(QStringLiteral("the redirect to 127.0.0.1 carried no authorization code"));
    // QUrlQuery's pretty decoding leaves some escapes ("%2B", "%25") and a '+' that means a
    // space; the code itself is this.
    m_code = formDecoded(data.value(QStringLiteral("code")));
}

void OAuthLogin::tokenReplyFinished(QNetworkReply *reply)
{
    if (m_done || reply->url() != QUrl(m_auth.tokenUrl))
        return;
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (status == 200) {
        // Qt reads the answer after this signal; when it did not grant, the answer was unusable.
        QTimer::singleShot(0, this, [this] {
            if (!m_done)
                fail(QStringLiteral("the token endpoint of %1 answered no usable access token").arg(m_service));
        });
        return;
    }
    if (status == 0)
        return fail(QStringLiteral("cannot reach the token endpoint of %1 (%2): %3")
                        .arg(m_service, m_auth.tokenUrl, reply->errorString()));
    // RFC 6749 5.2: {"error": "invalid_grant", "error_description": ...}
    const QJsonObject body = QJsonDocument::fromJson(reply->peek(64 * 1024)).object();
    const QString code = body.value(QLatin1String("error")).toString();
    const QString description = body.value(QLatin1String("error_description")).toString();
    fail(QStringLiteral("the token endpoint of %1 refused the authorization code: HTTP %2%3%4")
             .arg(m_service)
             .arg(status)
             .arg(code.isEmpty() ? QString() : QLatin1Char(' ') + code,
                  description.isEmpty() ? QString() : QStringLiteral(" (") + description + QLatin1Char(')')));
}

void OAuthLogin::fail(const QString &message)
{
    if (m_done)
        return;
    m_done = true;
    if (m_handler)
        m_handler->close();
    Q_EMIT finished(false, message);
}

} // namespace Sagascope
