// SPDX-License-Identifier: MIT
#include "oauthclient.h"

#include "connectioncheck.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QUrlQuery>

namespace Sagascope {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Engine", text);
}

} // namespace

OAuthTokenClient::OAuthTokenClient(QNetworkAccessManager &network, QString serviceId, QUrl tokenUrl, QString clientId,
                                   QString scope, QSslConfiguration ssl)
    : m_network(network)
    , m_service(std::move(serviceId))
    , m_tokenUrl(std::move(tokenUrl))
    , m_clientId(std::move(clientId))
    , m_scope(std::move(scope))
    , m_ssl(std::move(ssl))
{
}

void OAuthTokenClient::useClientCredentials(QByteArray secret)
{
    m_secret = std::move(secret);
    m_refreshToken.clear();
}

void OAuthTokenClient::useRefreshToken(QByteArray refreshToken, std::function<void(const QByteArray &)> rotated)
{
    m_refreshToken = std::move(refreshToken);
    m_rotated = std::move(rotated);
    m_secret.clear();
}

OAuthTokenClient::~OAuthTokenClient()
{
    if (m_inFlight) {
        QObject::disconnect(m_inFlight, nullptr, nullptr, nullptr);
        m_inFlight->abort();
        delete m_inFlight;
    }
}

void OAuthTokenClient::get(Callback callback)
{
    if (!m_token.isEmpty() && m_age.isValid() && m_age.elapsed() < m_validForMs)
        return callback(m_token, {}, false);
    m_waiting.push_back(std::move(callback));
    if (!m_inFlight)
        fetch();
}

void OAuthTokenClient::invalidate(const QByteArray &token)
{
    if (token == m_token)
        m_token.clear();
}

void OAuthTokenClient::fetch()
{
    QNetworkRequest request(m_tokenUrl);
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/x-www-form-urlencoded"));
    request.setRawHeader("Accept", "application/json");
    if (m_tokenUrl.scheme() == QLatin1String("https"))
        request.setSslConfiguration(m_ssl);
    // application/x-www-form-urlencoded (RFC 6749 appendix B): every name and value percent-encoded.
    QByteArray form;
    const auto add = [&form](const char *name, const QByteArray &value) {
        form += (form.isEmpty() ? "" : "&") + QByteArray(name) + '=' + value.toPercentEncoding();
    };
    const bool refresh = !m_refreshToken.isEmpty();
    if (refresh) {
        // RFC 6749 6 with a public client (no secret): client_id identifies it (3.2.1). The scope
        // is left out: the grant's own scope applies.
        add("grant_type", "refresh_token");
        add("refresh_token", m_refreshToken);
        add("client_id", m_clientId.toUtf8());
    } else {
        // RFC 6749 2.3.1: the client id and secret, each form-urlencoded, as HTTP Basic credentials.
        const QByteArray credentials = QUrl::toPercentEncoding(m_clientId) + ':' + QUrl::toPercentEncoding(QString::fromUtf8(m_secret));
        request.setRawHeader("Authorization", "Basic " + credentials.toBase64());
        add("grant_type", "client_credentials");
        if (!m_scope.isEmpty())
            add("scope", m_scope.toUtf8());
    }
    m_inFlight = m_network.post(request, form);
    auto sslErrors = std::make_shared<QList<QSslError>>();
    QObject::connect(m_inFlight, &QNetworkReply::sslErrors, m_inFlight,
                     [sslErrors](const QList<QSslError> &errors) { *sslErrors += errors; });
    QObject::connect(m_inFlight, &QNetworkReply::finished, m_inFlight, [this, refresh, sslErrors, reply = m_inFlight.data()] {
        reply->deleteLater();
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        const QJsonObject body = QJsonDocument::fromJson(reply->readAll()).object();
        if (status == 0)
            return finish({}, tr("cannot reach the token endpoint of %1 (%2): %3")
                                  .arg(m_service, m_tokenUrl.toString(),
                                       ConnectionCheck::describeNetworkError(reply->error(), reply->errorString(),
                                                                             *sslErrors, m_tokenUrl)),
                          true);
        if (status != 200) {
            // RFC 6749 5.2: {"error": "invalid_client", ...}. A 5xx may pass; a 4xx needs a person.
            const QString code = body.value(QLatin1String("error")).toString();
            if (refresh && code == QLatin1String("invalid_grant"))
                return finish({}, tr("the token endpoint of %1 refused its refresh token (invalid_grant): sign in again "
                                     "(sagascope-cli login FILE %1)").arg(m_service), false);
            // Its error_description too (one line, at most 200 characters): "client authentication
            // failed" says more than invalid_client alone. The server's words, never our secret.
            const QString description = body.value(QLatin1String("error_description")).toString().simplified().left(200);
            return finish({}, tr("the token endpoint of %1 refused: HTTP %2%3%4")
                                  .arg(m_service)
                                  .arg(status)
                                  .arg(code.isEmpty() ? QString() : QStringLiteral(" ") + code,
                                       description.isEmpty() ? QString() : QStringLiteral(" (") + description + QLatin1Char(')')),
                          status >= 500 || status == 429 || status == 408);
        }
        const QByteArray token = body.value(QLatin1String("access_token")).toString().toUtf8();
        const QString type = body.value(QLatin1String("token_type")).toString();
        if (token.isEmpty() || type.compare(QLatin1String("bearer"), Qt::CaseInsensitive) != 0)
            return finish({}, tr("the token endpoint of %1 answered no bearer access_token").arg(m_service), false);
        // No expires_in: RFC 6749 leaves the lifetime to the server; keep it a minute.
        const qint64 expiresMs = body.contains(QLatin1String("expires_in"))
                                     ? qint64(body.value(QLatin1String("expires_in")).toDouble() * 1000)
                                     : 60000;
        const QByteArray newRefresh = body.value(QLatin1String("refresh_token")).toString().toUtf8();
        if (refresh && !newRefresh.isEmpty() && newRefresh != m_refreshToken) {
            m_refreshToken = newRefresh; // rotated: the old one is spent
            if (m_rotated)
                m_rotated(newRefresh);
        }
        m_token = token;
        m_validForMs = expiresMs - marginMs(expiresMs);
        m_age.start();
        finish(token, {}, false);
    });
}

void OAuthTokenClient::finish(const QByteArray &token, const QString &error, bool technical)
{
    m_inFlight = nullptr;
    std::vector<Callback> waiting;
    waiting.swap(m_waiting);
    for (const Callback &callback : waiting)
        callback(token, error, technical);
}

} // namespace Sagascope
