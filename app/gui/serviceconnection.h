// SPDX-License-Identifier: MIT
#pragma once

#include <QObject>
#include <QPointer>
#include <QUrl>

#include <functional>

namespace Sagascope {

class ConnectionCheck;
class OAuthLogin;
class SagaDocument;
class ServicesPanel;

/**
 * The Services dock's Test connection and Sign in (SPEC section 6): the panel asks, this runs
 * the engine's ConnectionCheck or OAuthLogin for the selected service's endpoint (its `caFile`
 * relative to the document's file) and shows the outcome in the panel. Sign in opens the
 * authorization URL in the browser (QDesktopServices) and keeps the refresh token with
 * CredentialStore: the desktop keychain, or a file only the user can read; never the document.
 * Everything on the GUI thread, asynchronously; one test or sign-in at a time.
 */
class ServiceConnectionController : public QObject
{
    Q_OBJECT
public:
    ServiceConnectionController(ServicesPanel *panel, SagaDocument *document, QObject *parent = nullptr);
    ~ServiceConnectionController() override;

    /** How the browser is opened; false when it could not be (tests replace
     *  QDesktopServices::openUrl with a "browser"). */
    void setBrowser(std::function<bool(const QUrl &)> browser) { m_browser = std::move(browser); }

    void testConnection(const QString &serviceId);
    void signIn(const QString &serviceId);
    /** Keeps a client secret typed in the panel in the desktop keychain (CredentialStore). */
    void keepClientSecret(const QString &serviceId, const QByteArray &secret);

Q_SIGNALS:
    /** After each test or sign-in, with what the panel shows. */
    void finished(bool ok, const QString &text);

private:
    void report(bool ok, const QString &text);
    QString baseDir() const;

    QPointer<ServicesPanel> m_panel;
    QPointer<SagaDocument> m_document;
    QPointer<ConnectionCheck> m_check;
    QPointer<OAuthLogin> m_login;
    std::function<bool(const QUrl &)> m_browser;
};

} // namespace Sagascope
