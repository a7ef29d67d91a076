// SPDX-License-Identifier: MIT
#include "connectioncheck.h"

#include "credentialstore.h"
#include "httpparticipant.h"
#include "oauthclient.h"

#include <QEventLoop>
#include <QLocale>
#include <QNetworkAccessManager>
#include <QPointer>
#include <QSslCertificate>

namespace Sagascope {

ConnectionCheck::ConnectionCheck(QString serviceId, Endpoint endpoint, QString baseDir, QObject *parent)
    : QObject(parent)
    , m_service(std::move(serviceId))
    , m_endpoint(std::move(endpoint))
    , m_baseDir(std::move(baseDir))
    , m_network(std::make_unique<QNetworkAccessManager>())
{
    m_network->setRedirectPolicy(QNetworkRequest::ManualRedirectPolicy);
}

ConnectionCheck::~ConnectionCheck()
{
    m_oauth.reset(); // before the network access it uses
}

QString ConnectionCheck::describeSslErrors(const QList<QSslError> &errors, const QUrl &url)
{
    QStringList words;
    const QString host = url.host();
    for (const QSslError &e : errors) {
        const QSslCertificate certificate = e.certificate();
        switch (e.error()) {
        case QSslError::CertificateExpired:
            words << QStringLiteral("the certificate of %1 expired on %2")
                         .arg(host, QLocale::c().toString(certificate.expiryDate().toUTC(), QStringLiteral("d MMM yyyy")));
            break;
        case QSslError::CertificateNotYetValid:
            words << QStringLiteral("the certificate of %1 is valid only from %2")
                         .arg(host, QLocale::c().toString(certificate.effectiveDate().toUTC(), QStringLiteral("d MMM yyyy")));
            break;
        case QSslError::HostNameMismatch: {
            QStringList names;
            const auto alternates = certificate.subjectAlternativeNames();
            for (auto it = alternates.cbegin(); it != alternates.cend(); ++it)
                names << it.value();
            if (names.isEmpty())
                names = certificate.subjectInfo(QSslCertificate::CommonName);
            words << QStringLiteral("the certificate is for %1, not for %2").arg(names.join(QStringLiteral(", ")), host);
            break;
        }
        case QSslError::UnableToGetLocalIssuerCertificate:
        case QSslError::UnableToGetIssuerCertificate:
        case QSslError::UnableToVerifyFirstCertificate:
        case QSslError::SelfSignedCertificate:
        case QSslError::SelfSignedCertificateInChain:
        case QSslError::CertificateUntrusted: {
            const QStringList issuer = certificate.issuerInfo(QSslCertificate::CommonName);
            words << QStringLiteral("the certificate of %1 is signed by %2, which is not trusted here (give the endpoint "
                                    "a caFile with that CA)")
                         .arg(host, issuer.isEmpty() ? QStringLiteral("an unknown issuer") : QLatin1Char('"') + issuer.join(QStringLiteral(", ")) + QLatin1Char('"'));
            break;
        }
        default: words << e.errorString(); break;
        }
    }
    words.removeDuplicates();
    return QStringLiteral("TLS refused: ") + (words.isEmpty() ? QStringLiteral("the handshake failed") : words.join(QStringLiteral("; ")));
}

QString ConnectionCheck::describeNetworkError(QNetworkReply::NetworkError error, const QString &errorString,
                                              const QList<QSslError> &sslErrors, const QUrl &url, Problem *problem)
{
    Problem p = Problem::Network;
    QString words;
    const QString where = url.port() > 0 ? QStringLiteral("%1:%2").arg(url.host()).arg(url.port()) : url.host();
    switch (error) {
    case QNetworkReply::HostNotFoundError:
        p = Problem::Dns;
        words = QStringLiteral("cannot find the host %1 (DNS)").arg(url.host());
        break;
    case QNetworkReply::ConnectionRefusedError:
        p = Problem::Refused;
        words = QStringLiteral("%1 refused the connection (is the service running there?)").arg(where);
        break;
    case QNetworkReply::SslHandshakeFailedError:
        p = Problem::Tls;
        words = describeSslErrors(sslErrors, url);
        break;
    case QNetworkReply::TimeoutError:
    case QNetworkReply::OperationCanceledError:
        p = Problem::Timeout;
        words = QStringLiteral("%1 did not answer in time").arg(where);
        break;
    default:
        if (!sslErrors.isEmpty()) {
            p = Problem::Tls;
            words = describeSslErrors(sslErrors, url);
        } else {
            words = QStringLiteral("%1: %2").arg(where, errorString);
        }
        break;
    }
    if (problem)
        *problem = p;
    return words;
}

void ConnectionCheck::start(int timeoutMs)
{
    m_timeoutMs = timeoutMs;
    QString error;
    const QString why = checkEndpointUrl(m_endpoint.baseUrl, m_endpoint.auth);
    if (!why.isEmpty())
        return finish(Problem::Configuration, why);
    const std::optional<QSslConfiguration> ssl = HttpParticipant::sslConfiguration(m_endpoint, m_baseDir, &error);
    if (!ssl)
        return finish(Problem::Configuration, error);
    m_ssl = *ssl;
    const EndpointAuth &auth = m_endpoint.auth;
    switch (auth.type) {
    case AuthType::None: return probe({}, false);
    case AuthType::Bearer: {
        const QByteArray token = qgetenv(auth.tokenEnv.toLocal8Bit().constData());
        if (token.isEmpty())
            return finish(Problem::NoCredentials,
                          QStringLiteral("the environment variable %1, which holds the bearer token, is not set").arg(auth.tokenEnv));
        return probe("Bearer " + token, true);
    }
    case AuthType::OAuth2ClientCredentials:
    case AuthType::OAuth2AuthorizationCode: {
        const bool clientCredentials = auth.type == AuthType::OAuth2ClientCredentials;
        const CredentialStore::Found found = clientCredentials ? CredentialStore::readClientSecret(m_service, auth)
                                                               : CredentialStore::readRefreshToken(auth);
        if (found.value.isEmpty())
            return finish(Problem::NoCredentials,
                          clientCredentials ? QStringLiteral("no client secret: neither %1 nor the desktop keychain holds one")
                                                  .arg(secretVariable(m_service))
                                            : QStringLiteral("not signed in: no refresh token%1")
                                                  .arg(found.error.isEmpty() ? QString() : QStringLiteral(" (") + found.error + QLatin1Char(')')));
        m_oauth = std::make_shared<OAuthTokenClient>(*m_network, m_service, QUrl(auth.tokenUrl), auth.clientId, auth.scope, m_ssl);
        // The token client reports a refused handshake as a failure to reach the endpoint (tried
        // again at run time); the check names it a TLS fault, which trying again does not mend.
        connect(m_network.get(), &QNetworkAccessManager::sslErrors, this,
                [this, tokenUrl = QUrl(auth.tokenUrl)](QNetworkReply *reply, const QList<QSslError> &errors) {
                    if (reply->url() == tokenUrl)
                        m_tokenSslErrors += errors;
                });
        if (clientCredentials)
            m_oauth->useClientCredentials(found.value);
        else
            m_oauth->useRefreshToken(found.value, [auth](const QByteArray &token) { CredentialStore::storeRefreshTokenLater(auth, token); });
        // The base URL first, so that a DNS, connection or TLS fault is named as such.
        return probe({}, false);
    }
    }
}

void ConnectionCheck::probe(const QByteArray &authorization, bool authenticated)
{
    const QUrl url(m_endpoint.baseUrl);
    QNetworkRequest request(url);
    if (url.scheme() == QLatin1String("https"))
        request.setSslConfiguration(m_ssl);
    for (const auto &[name, value] : m_endpoint.headers)
        request.setRawHeader(name.toUtf8(), value.toUtf8());
    if (!authorization.isEmpty())
        request.setRawHeader("Authorization", authorization);
    request.setTransferTimeout(m_timeoutMs);
    QNetworkReply *reply = m_network->get(request);
    auto sslErrors = std::make_shared<QList<QSslError>>();
    connect(reply, &QNetworkReply::sslErrors, this, [sslErrors](const QList<QSslError> &errors) { *sslErrors += errors; });
    connect(reply, &QNetworkReply::finished, this, [this, reply, sslErrors, authenticated] {
        reply->deleteLater();
        const QUrl url = reply->url();
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        if (status == 0) {
            Problem problem = Problem::Network;
            const QString words = describeNetworkError(reply->error(), reply->errorString(), *sslErrors, url, &problem);
            if (m_oauth && !authenticated && m_tokenEvenIfUnreachable && problem != Problem::Tls)
                return fetchToken(Result{problem, words, 0});
            return finish(problem, words);
        }
        if (authenticated) {
            if (status == 401 || status == 403)
                return finish(Problem::Unauthorized,
                              QStringLiteral("%1 refused the credentials: HTTP %2").arg(url.toString()).arg(status), status);
            return finish(Problem::None, QStringLiteral("reached %1 (HTTP %2 to GET) and the credentials were accepted")
                                             .arg(url.toString()).arg(status), status);
        }
        if (!m_oauth)
            return finish(Problem::None, QStringLiteral("reached %1 (HTTP %2 to GET)").arg(url.toString()).arg(status), status);
        fetchToken(std::nullopt);
    });
}

void ConnectionCheck::fetchToken(const std::optional<Result> &unreachable)
{
    m_oauth->get([this, unreachable](const QByteArray &token, const QString &error, bool technical) {
        if (!error.isEmpty()) {
            const Problem problem = !m_tokenSslErrors.isEmpty() ? Problem::Tls
                                    : technical                 ? Problem::Network
                                                                : Problem::TokenRefused;
            // The base URL's own fault stays the result when the token's is of the same kind.
            if (unreachable && problem == Problem::Network)
                return finish(unreachable->problem, unreachable->message);
            return finish(problem, error);
        }
        if (unreachable)
            return finish(unreachable->problem, unreachable->message);
        probe("Bearer " + token, true);
    });
}

void ConnectionCheck::finish(Problem problem, const QString &message, int status)
{
    if (m_done)
        return;
    m_done = true;
    Q_EMIT finished(Result{problem, message, status});
}

ConnectionCheck::Result ConnectionCheck::check(const QString &serviceId, const Endpoint &endpoint, const QString &baseDir,
                                               int timeoutMs)
{
    ConnectionCheck connection(serviceId, endpoint, baseDir);
    Result result;
    bool done = false;
    QEventLoop loop;
    connect(&connection, &ConnectionCheck::finished, &loop, [&](const Result &r) {
        result = r;
        done = true;
        loop.quit();
    });
    connection.start(timeoutMs);
    if (!done)
        loop.exec();
    return result;
}

} // namespace Sagascope
