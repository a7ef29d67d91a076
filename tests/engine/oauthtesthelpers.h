// SPDX-License-Identifier: MIT
// What the OAuth tests (tst_oauthlogin against our demo services, tst_oauthinterop against
// oidc-provider) share: the test as a browser, `sagascope-cli` as a process, and `login` driven
// through the browser.
#pragma once

#include "oauthlogin.h"
#include "remotespec.h"
#include "testconfig.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QSslConfiguration>
#include <QUrlQuery>

namespace Sagascope::Test {

struct Http
{
    int status = 0;
    QByteArray location;
    QByteArray body;
    QJsonObject json() const { return QJsonDocument::fromJson(body).object(); }
};

/** A value of a URL's query, decoded. */
inline QString queryItem(const QUrl &url, const char *name)
{
    return QUrlQuery(url).queryItemValue(QLatin1String(name), QUrl::FullyDecoded);
}

/** The `auth` of an `oauth2-authorization-code` endpoint. */
inline EndpointAuth signInAuth(const QString &authorizationUrl, const QString &tokenUrl, const QString &clientId,
                               const QString &scope)
{
    EndpointAuth a;
    a.type = AuthType::OAuth2AuthorizationCode;
    a.authorizationUrl = authorizationUrl;
    a.tokenUrl = tokenUrl;
    a.clientId = clientId;
    a.scope = scope;
    return a;
}

/** Starts `login` and returns the URL it wants the browser to open. */
inline QUrl startLogin(OAuthLogin &login)
{
    QSignalSpy browser(&login, &OAuthLogin::authorizeWithBrowser);
    QString error;
    if (!login.start(&error))
        qFatal("%s", qPrintable(error));
    if (browser.size() != 1)
        qFatal("no authorizeWithBrowser");
    return browser.first().first().toUrl();
}

/** A browser: one cookie jar, redirects followed by hand (the test decides where to go). */
class Browser
{
public:
    Browser() { m_network.setRedirectPolicy(QNetworkRequest::ManualRedirectPolicy); }
    /** The TLS configuration of https requests (a test CA among its anchors). */
    void setSslConfiguration(const QSslConfiguration &ssl) { m_ssl = ssl; }

    /** One request; a body goes as application/x-www-form-urlencoded. */
    Http send(const QUrl &url, const QByteArray &method = "GET", const QByteArray &body = {},
              const QByteArray &authorization = {})
    {
        QNetworkRequest r(url);
        if (url.scheme() == QLatin1String("https"))
            r.setSslConfiguration(m_ssl);
        if (!body.isEmpty())
            r.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/x-www-form-urlencoded"));
        if (!authorization.isEmpty())
            r.setRawHeader("Authorization", authorization);
        QNetworkReply *reply = m_network.sendCustomRequest(r, method, body);
        QSignalSpy done(reply, &QNetworkReply::finished);
        if (!reply->isFinished() && !done.wait(10000))
            qFatal("no answer from %s", qPrintable(url.toString()));
        Http answer{reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), reply->rawHeader("Location"),
                    reply->readAll()};
        reply->deleteLater();
        return answer;
    }

    /** GETs `url` and follows the authorization server's redirects (its sign-in and consent
     *  pages included) until one leaves `server` (scheme, host and port): the redirect to the
     *  client, returned, not followed. */
    QUrl authorize(const QUrl &url, const QString &server)
    {
        QUrl at = url;
        for (int hop = 0; hop < 12; ++hop) {
            const Http answer = send(at);
            if (answer.status < 300 || answer.status > 399)
                qFatal("%s answered %d: %s", qPrintable(at.toString()), answer.status, answer.body.constData());
            const QUrl next = at.resolved(QUrl::fromEncoded(answer.location));
            if (!next.toString().startsWith(server + QLatin1Char('/')))
                return next;
            at = next;
        }
        qFatal("more than 12 redirects from %s", qPrintable(url.toString()));
    }

private:
    QNetworkAccessManager m_network;
    QSslConfiguration m_ssl = QSslConfiguration::defaultConfiguration();
};

/** Runs sagascope-cli; its exit code and everything it printed. */
inline QString runCli(const QStringList &arguments, const QProcessEnvironment &environment, int *exitCode)
{
    QProcess cli;
    cli.setProcessEnvironment(environment);
    QSignalSpy finished(&cli, &QProcess::finished);
    cli.start(QStringLiteral(SAGASCOPE_CLI_PATH), arguments);
    if (!finished.wait(30000))
        qFatal("sagascope-cli %s did not finish", qPrintable(arguments.join(QLatin1Char(' '))));
    *exitCode = cli.exitCode();
    return QString::fromUtf8(cli.readAllStandardOutput() + cli.readAllStandardError());
}

/** `sagascope-cli login FILE SERVICE` with the test as the browser: the printed URL opened,
 *  `server`'s redirects followed to the loopback port, which must answer; what login printed. */
inline QByteArray cliLogin(const QString &sagaPath, const QString &service, const QProcessEnvironment &environment,
                           const QString &server)
{
    QProcess login;
    login.setProcessEnvironment(environment);
    QSignalSpy finished(&login, &QProcess::finished);
    login.start(QStringLiteral(SAGASCOPE_CLI_PATH), {QStringLiteral("login"), sagaPath, service});
    QByteArray printed;
    QUrl url;
    for (int i = 0; i < 100 && url.isEmpty(); ++i) {
        login.waitForReadyRead(100);
        printed += login.readAllStandardOutput();
        const QRegularExpressionMatch m = QRegularExpression(QStringLiteral("(http://\\S+\\?\\S+)")).match(QString::fromUtf8(printed));
        if (m.hasMatch())
            url = QUrl::fromEncoded(m.captured(1).toLatin1());
    }
    if (!url.isValid() || !printed.contains("Waiting for the browser to come back to http://127.0.0.1:"))
        qFatal("login printed no authorization URL: %s", printed.constData());
    Browser browser;
    const QUrl back = browser.authorize(url, server);
    if (!queryItem(back, "error").isEmpty() || queryItem(back, "code").isEmpty())
        qFatal("the authorization server answered %s", qPrintable(back.toString()));
    if (browser.send(back).status != 200)
        qFatal("the loopback redirect was not answered");
    if (finished.isEmpty() && !finished.wait(10000))
        qFatal("login did not finish");
    printed += login.readAllStandardOutput() + login.readAllStandardError();
    if (login.exitCode() != 0)
        qFatal("login failed: %s", printed.constData());
    return printed;
}

} // namespace Sagascope::Test
