// SPDX-License-Identifier: MIT
#include "oauthclient.h"

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

OAuthClientCredentials::OAuthClientCredentials(QNetworkAccessManager &network, QString serviceId, QUrl tokenUrl,
                                               QString clientId, QByteArray secret, QString scope, QSslConfiguration ssl)
    : m_network(network)
    , m_service(std::move(serviceId))
    , m_tokenUrl(std::move(tokenUrl))
    , m_clientId(std::move(clientId))
    , m_secret(std::move(secret))
    , m_scope(std::move(scope))
    , m_ssl(std::move(ssl))
{
}

OAuthClientCredentials::~OAuthClientCredentials()
{
    if (m_inFlight) {
        QObject::disconnect(m_inFlight, nullptr, nullptr, nullptr);
        m_inFlight->abort();
        delete m_inFlight;
    }
}

void OAuthClientCredentials::get(Callback callback)
{
    if (!m_token.isEmpty() && m_age.isValid() && m_age.elapsed() < m_validForMs)
        return callback(m_token, {}, false);
    m_waiting.push_back(std::move(callback));
    if (!m_inFlight)
        fetch();
}

void OAuthClientCredentials::invalidate(const QByteArray &token)
{
    if (token == m_token)
        m_token.clear();
}

void OAuthClientCredentials::fetch()
{
    QNetworkRequest request(m_tokenUrl);
    // RFC 6749 2.3.1: the client id and secret, each form-urlencoded, as HTTP Basic credentials.
    const QByteArray credentials = QUrl::toPercentEncoding(m_clientId) + ':' + QUrl::toPercentEncoding(QString::fromUtf8(m_secret));
    request.setRawHeader("Authorization", "Basic " + credentials.toBase64());
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/x-www-form-urlencoded"));
    request.setRawHeader("Accept", "application/json");
    if (m_tokenUrl.scheme() == QLatin1String("https"))
        request.setSslConfiguration(m_ssl);
    QUrlQuery form;
    form.addQueryItem(QStringLiteral("grant_type"), QStringLiteral("client_credentials"));
    if (!m_scope.isEmpty())
        form.addQueryItem(QStringLiteral("scope"), m_scope);
    m_inFlight = m_network.post(request, form.toString(QUrl::FullyEncoded).toUtf8());
    QObject::connect(m_inFlight, &QNetworkReply::finished, m_inFlight, [this, reply = m_inFlight.data()] {
        reply->deleteLater();
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        const QJsonObject body = QJsonDocument::fromJson(reply->readAll()).object();
        if (status == 0)
            return finish({}, tr("cannot reach the token endpoint of %1 (%2): %3")
                                  .arg(m_service, m_tokenUrl.toString(), reply->errorString()), true);
        if (status != 200) {
            // RFC 6749 5.2: {"error": "invalid_client", ...}. A 5xx may pass; a 4xx needs a person.
            const QString code = body.value(QLatin1String("error")).toString();
            return finish({}, tr("the token endpoint of %1 refused: HTTP %2%3")
                                  .arg(m_service).arg(status).arg(code.isEmpty() ? QString() : QStringLiteral(" ") + code),
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
        m_token = token;
        m_validForMs = expiresMs - marginMs(expiresMs);
        m_age.start();
        finish(token, {}, false);
    });
}

void OAuthClientCredentials::finish(const QByteArray &token, const QString &error, bool technical)
{
    m_inFlight = nullptr;
    std::vector<Callback> waiting;
    waiting.swap(m_waiting);
    for (const Callback &callback : waiting)
        callback(token, error, technical);
}

} // namespace Sagascope
