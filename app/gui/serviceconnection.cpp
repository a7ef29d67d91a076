// SPDX-License-Identifier: MIT
#include "serviceconnection.h"

#include "connectioncheck.h"
#include "credentialstore.h"
#include "httpparticipant.h"
#include "oauthlogin.h"
#include "remotespec.h"
#include "sagadocument.h"
#include "servicespanel.h"

#include <QDesktopServices>
#include <QDir>
#include <QFileInfo>

namespace Sagascope {

namespace {

std::optional<Endpoint> endpointOf(const SagaDocument &document, const QString &serviceId)
{
    for (const Service &service : document.definition().services) {
        if (service.id == serviceId && !service.endpoint.isEmpty())
            return Endpoint::parse(service.endpoint, QString(), nullptr);
    }
    return std::nullopt;
}

} // namespace

ServiceConnectionController::ServiceConnectionController(ServicesPanel *panel, SagaDocument *document, QObject *parent)
    : QObject(parent)
    , m_panel(panel)
    , m_document(document)
    , m_browser([](const QUrl &url) { return QDesktopServices::openUrl(url); })
{
    connect(panel, &ServicesPanel::testConnectionRequested, this, &ServiceConnectionController::testConnection);
    connect(panel, &ServicesPanel::signInRequested, this, &ServiceConnectionController::signIn);
    connect(panel, &ServicesPanel::clientSecretEntered, this, &ServiceConnectionController::keepClientSecret);
}

void ServiceConnectionController::keepClientSecret(const QString &serviceId, const QByteArray &secret)
{
    if (!m_document)
        return;
    const std::optional<Endpoint> endpoint = endpointOf(*m_document, serviceId);
    if (!endpoint || endpoint->auth.type != AuthType::OAuth2ClientCredentials)
        return report(false, tr("%1: give the service an OAuth 2.0 client-credentials endpoint first.").arg(serviceId));
    QString error;
    if (!CredentialStore::storeClientSecret(endpoint->auth, secret, &error))
        return report(false, tr("%1: the client secret was not kept: %2. Set the environment variable %3 instead.")
                                 .arg(serviceId, error, secretVariable(serviceId)));
    report(true, tr("%1: the client secret is kept in the desktop keychain.").arg(serviceId));
}

ServiceConnectionController::~ServiceConnectionController() = default;

QString ServiceConnectionController::baseDir() const
{
    const QString path = m_document ? m_document->filePath() : QString();
    return path.isEmpty() ? QDir::currentPath() : QFileInfo(path).absolutePath();
}

void ServiceConnectionController::report(bool ok, const QString &text)
{
    if (m_panel) {
        m_panel->showStatus(text, ok);
        m_panel->setBusy(false);
    }
    Q_EMIT finished(ok, text);
}

void ServiceConnectionController::testConnection(const QString &serviceId)
{
    if (!m_document || m_check)
        return;
    const std::optional<Endpoint> endpoint = endpointOf(*m_document, serviceId);
    if (!endpoint)
        return report(false, tr("%1 has no endpoint to test.").arg(serviceId));
    m_check = new ConnectionCheck(serviceId, *endpoint, baseDir(), this);
    connect(m_check, &ConnectionCheck::finished, this, [this, serviceId](const ConnectionCheck::Result &result) {
        m_check->deleteLater();
        m_check = nullptr; // a new test may start before the deferred delete
        const bool ok = result.problem == ConnectionCheck::Problem::None;
        // The sentence is the engine's (English, like every engine message); the frame is ours.
        report(ok, ok ? tr("%1: connection works: %2").arg(serviceId, result.message)
                      : tr("%1: connection failed: %2").arg(serviceId, result.message));
    });
    if (m_panel) {
        m_panel->showStatus(tr("Testing the connection to %1…").arg(serviceId), true);
        m_panel->setBusy(true);
    }
    m_check->start();
}

void ServiceConnectionController::signIn(const QString &serviceId)
{
    if (!m_document)
        return;
    const std::optional<Endpoint> endpoint = endpointOf(*m_document, serviceId);
    if (!endpoint || endpoint->auth.type != AuthType::OAuth2AuthorizationCode)
        return report(false, tr("%1 does not sign in with a browser (its auth type is not oauth2-authorization-code).")
                                 .arg(serviceId));
    QString error;
    const std::optional<QSslConfiguration> ssl = HttpParticipant::sslConfiguration(*endpoint, baseDir(), &error);
    if (!ssl)
        return report(false, tr("%1: %2").arg(serviceId, error));
    if (m_login)
        m_login->deleteLater(); // a new sign-in replaces one that was left waiting
    m_login = new OAuthLogin(serviceId, endpoint->auth, *ssl, this);
    connect(m_login, &OAuthLogin::authorizeWithBrowser, this, [this, serviceId](const QUrl &url) {
        const bool opened = m_browser(url);
        if (!m_panel)
            return;
        if (opened)
            m_panel->showStatus(tr("Sign in to %1 in your browser; Sagascope is waiting for it to come back.").arg(serviceId),
                                true);
        else // no browser could be started: the address, to copy into one
            m_panel->showStatus(tr("No web browser could be opened. Open this address in one to sign in to %1; Sagascope "
                                   "is waiting for it to come back: %2")
                                    .arg(serviceId, url.toString(QUrl::FullyEncoded)),
                                true);
    });
    const EndpointAuth auth = endpoint->auth;
    connect(m_login, &OAuthLogin::finished, this, [this, serviceId, auth, login = m_login](bool ok, const QString &message) {
        login->deleteLater();
        if (!ok)
            return report(false, tr("%1: sign-in failed: %2").arg(serviceId, message));
        QString storeError;
        const CredentialStore::Where where = CredentialStore::storeRefreshToken(auth, login->refreshToken(), &storeError);
        if (where == CredentialStore::Where::Keychain)
            return report(true, tr("Signed in to %1. The refresh token is kept in the desktop keychain.").arg(serviceId));
        if (where == CredentialStore::Where::File)
            return report(true, tr("Signed in to %1. No desktop keychain is running: the refresh token is kept in %2, "
                                   "which only you can read.")
                                    .arg(serviceId, QDir::toNativeSeparators(CredentialStore::tokenFile(auth))));
        report(false, tr("Signed in to %1, but the refresh token could not be kept: %2").arg(serviceId, storeError));
    });
    if (!m_login->start(&error))
        report(false, tr("%1: sign-in failed: %2").arg(serviceId, error));
}

} // namespace Sagascope
