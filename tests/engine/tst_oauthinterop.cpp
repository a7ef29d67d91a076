// SPDX-License-Identifier: MIT
// Interoperability of Sagascope's OAuth 2.0 clients with an authorization server that is not
// ours: panva's oidc-provider (OpenID Certified, strict about RFC 6749, RFC 7636 and RFC 8252),
// pinned in tests/engine/js/package-lock.json and run by tests/engine/js/authserver.mjs on
// 127.0.0.1 (docs/REMOTE.md, "Interoperability"). The server is configured as a deployment
// would be, never loosened to suit our client:
//   - client credentials: OAuthTokenClient with HTTP Basic (client_secret_basic, the id and a
//     secret full of reserved characters form-urlencoded), the token checked by the server's
//     introspection endpoint (RFC 7662) and accepted by its API; a wrong secret refused;
//   - the authorization-code flow: OAuthLogin (QtNetworkAuth, what `sagascope-cli login` runs)
//     with the test as the browser (the provider's redirects, cookies, sign-in and consent
//     pages, then the redirect to our loopback port), the refresh token used and rotated;
//   - PKCE enforced by the server: raw requests without a challenge, with "plain", with a
//     wrong or no verifier are refused;
//   - `sagascope-cli login` then `run` against the provider's API, as processes.
// Needs node (skipped, with a word, without it) and the modules that ./dev.sh test installs.

#include "connectioncheck.h"
#include "credentialstore.h"
#include "httpparticipant.h"
#include "oauthtesthelpers.h"
#include "oauthclient.h"
#include "oauthlogin.h"
#include "remotespec.h"
#include "testconfig.h"

#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QRegularExpression>
#include <QScopeGuard>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QUrlQuery>

using namespace Sagascope;
using namespace Sagascope::Test;

namespace {

const QString ServerDir = QStringLiteral(SAGASCOPE_SOURCE_DIR "/tests/engine/js");

/** Every printable ASCII character that form-urlencoding must escape (RFC 6749 2.3.1, appendix
 *  B), and a space; a client secret is VSCHARs only (appendix A), so nothing beyond ASCII. */
const QByteArray Secret = "s3 cr+t:%&/=?#~!'\"\\<>";

/** application/x-www-form-urlencoded (RFC 6749 appendix B), written here independently of the
 *  code under test. */
QByteArray formEncode(const QByteArray &value)
{
    QByteArray out;
    for (const char c : value) {
        if (c == ' ')
            out += '+';
        else if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '*' || c == '-'
                 || c == '.' || c == '_')
            out += c;
        else
            out += '%' + QByteArray::number(uchar(c), 16).toUpper().rightJustified(2, '0');
    }
    return out;
}

QByteArray form(const QList<QPair<QByteArray, QByteArray>> &fields)
{
    QByteArray out;
    for (const auto &[name, value] : fields)
        out += (out.isEmpty() ? "" : "&") + name + '=' + formEncode(value);
    return out;
}

QByteArray basic(const QByteArray &id, const QByteArray &secret)
{
    const QByteArray credentials = formEncode(id) + ':' + formEncode(secret);
    return "Basic " + credentials.toBase64();
}

struct TokenResult
{
    QByteArray token;
    QString error;
    bool technical = false;
    bool done = false;
};

/** OAuthTokenClient::get, waited for. */
TokenResult getToken(OAuthTokenClient &client)
{
    auto result = std::make_shared<TokenResult>();
    client.get([result](const QByteArray &token, const QString &error, bool technical) {
        *result = {token, error, technical, true};
    });
    for (int i = 0; i < 100 && !result->done; ++i)
        QTest::qWait(50);
    if (!result->done)
        qFatal("no answer from the token endpoint in 5 s");
    return *result;
}

} // namespace

class TestOAuthInterop : public QObject
{
    Q_OBJECT

private:
    QString m_node;
    QProcess m_server;
    QString m_issuer;
    QNetworkAccessManager m_network;

    /** Starts authserver.mjs with `extra` in its environment; its issuer URL, or empty (a
     *  failure recorded) when it did not start. */
    QString startServer(QProcess &server, const QList<QPair<QString, QString>> &extra)
    {
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(QStringLiteral("INTEROP_CLIENT_SECRET"), QString::fromLatin1(Secret));
        for (const auto &[name, value] : extra)
            environment.insert(name, value);
        server.setProcessEnvironment(environment);
        server.setWorkingDirectory(ServerDir);
        server.start(m_node, {QStringLiteral("authserver.mjs")});
        if (!server.waitForStarted(5000)) {
            QTest::qFail(qPrintable(server.errorString()), __FILE__, __LINE__);
            return {};
        }
        QByteArray printed;
        for (int i = 0; i < 100 && !printed.contains('\n'); ++i) {
            server.waitForReadyRead(100);
            printed += server.readAllStandardOutput();
            if (server.state() == QProcess::NotRunning)
                break;
        }
        const QRegularExpressionMatch m = QRegularExpression(QStringLiteral("^listening (https?://127\\.0\\.0\\.1:\\d+)\\n"))
                                              .match(QString::fromUtf8(printed));
        if (!m.hasMatch()) {
            QTest::qFail(qPrintable(QStringLiteral("authserver.mjs did not start: ") + QString::fromUtf8(printed)
                                    + QString::fromUtf8(server.readAllStandardError())),
                         __FILE__, __LINE__);
            return {};
        }
        return m.captured(1);
    }

    static void stopServer(QProcess &server)
    {
        if (server.state() == QProcess::NotRunning)
            return;
        server.closeWriteChannel(); // authserver.mjs ends when its standard input closes
        if (!server.waitForFinished(3000)) {
            server.kill();
            server.waitForFinished(3000);
        }
    }

    EndpointAuth signIn() const
    {
        return signInAuth(m_issuer + QStringLiteral("/auth"), m_issuer + QStringLiteral("/token"),
                          QStringLiteral("sagascope-native"), QStringLiteral("checkout"));
    }

    QUrl tokenUrl() const { return QUrl(m_issuer + QStringLiteral("/token")); }

    /** RFC 7662, as the confidential client. */
    QJsonObject introspect(const QByteArray &token)
    {
        Browser b;
        const Http answer = b.send(QUrl(m_issuer + QStringLiteral("/token/introspection")), "POST",
                                   form({{"token", token}}), basic("sagascope-service", Secret));
        if (answer.status != 200)
            qFatal("introspection answered %d: %s", answer.status, answer.body.constData());
        return answer.json();
    }

    /** A request to the provider's API with `token`. */
    int callApi(const QByteArray &token)
    {
        Browser b;
        return b.send(QUrl(m_issuer + QStringLiteral("/api/probe")), "POST", "x", "Bearer " + token).status;
    }

    QJsonArray apiCalls()
    {
        Browser b;
        return b.send(QUrl(m_issuer + QStringLiteral("/_calls"))).json().value(QLatin1String("calls")).toArray();
    }

    /** A redirect URI of our form at a port where nothing listens (the code is read from the
     *  redirect, not delivered). */
    static QString unusedRedirect() { return QStringLiteral("http://127.0.0.1:9/"); }

    QUrl authorizationRequest(const QList<QPair<QString, QString>> &extra, const QString &redirect = unusedRedirect()) const
    {
        QUrl url(m_issuer + QStringLiteral("/auth"));
        QUrlQuery q;
        q.addQueryItem(QStringLiteral("response_type"), QStringLiteral("code"));
        q.addQueryItem(QStringLiteral("client_id"), QStringLiteral("sagascope-native"));
        q.addQueryItem(QStringLiteral("redirect_uri"), QString::fromLatin1(QUrl::toPercentEncoding(redirect)));
        q.addQueryItem(QStringLiteral("scope"), QStringLiteral("checkout"));
        q.addQueryItem(QStringLiteral("state"), QStringLiteral("st"));
        for (const auto &[name, value] : extra)
            q.addQueryItem(name, QString::fromLatin1(QUrl::toPercentEncoding(value)));
        url.setQuery(q);
        return url;
    }

    Http exchange(Browser &b, const QString &code, const QByteArray &verifier, const QString &redirect)
    {
        QList<QPair<QByteArray, QByteArray>> fields{{"grant_type", "authorization_code"},
                                                    {"code", code.toUtf8()},
                                                    {"redirect_uri", redirect.toUtf8()},
                                                    {"client_id", "sagascope-native"}};
        if (!verifier.isEmpty())
            fields.append({"code_verifier", verifier});
        return b.send(tokenUrl(), "POST", form(fields));
    }

private Q_SLOTS:
    void initTestCase()
    {
        QString node = QStandardPaths::findExecutable(QStringLiteral("node"));
        if (node.isEmpty())
            node = QStandardPaths::findExecutable(QStringLiteral("nodejs"));
        if (node.isEmpty())
            QSKIP("node is not installed (Debian: apt install nodejs npm, or ./dev.sh test): the OAuth clients cannot be "
                  "checked against oidc-provider");
        QVERIFY2(QFile::exists(ServerDir + QStringLiteral("/node_modules/oidc-provider/package.json")),
                 "the Node modules of tests/engine/js are missing: run ./dev.sh test, or npm ci in tests/engine/js");
        QVERIFY(QFile::exists(QStringLiteral(SAGASCOPE_CLI_PATH)));
        // Never the developer's own keychain or data directory (this process's CredentialStore).
        qputenv("SAGASCOPE_KEYCHAIN", "off");

        m_node = node;
        m_issuer = startServer(m_server, {});
        QVERIFY(!m_issuer.isEmpty());
        // The server is the one we think: its metadata (RFC 8414) says PKCE S256 only.
        Browser b;
        const QJsonObject metadata = b.send(QUrl(m_issuer + QStringLiteral("/.well-known/openid-configuration"))).json();
        QCOMPARE(metadata.value(QLatin1String("issuer")).toString(), m_issuer);
        QCOMPARE(metadata.value(QLatin1String("code_challenge_methods_supported")).toArray(), QJsonArray{QStringLiteral("S256")});
    }

    void cleanupTestCase() { stopServer(m_server); }

    void cleanup()
    {
        if (QTest::currentTestFailed())
            qWarning("authserver.mjs said: %s", m_server.readAllStandardError().constData());
    }

    /** RFC 6749 4.4 with client_secret_basic (2.3.1): the token is what the server issued for the
     *  scope asked, and its API accepts it. */
    void clientCredentials()
    {
        OAuthTokenClient client(m_network, QStringLiteral("payments"), tokenUrl(), QStringLiteral("sagascope-service"),
                                QStringLiteral("payments"), QSslConfiguration::defaultConfiguration());
        client.useClientCredentials(Secret);
        const TokenResult got = getToken(client);
        QVERIFY2(!got.token.isEmpty(), qPrintable(got.error));
        const QJsonObject info = introspect(got.token);
        QCOMPARE(info.value(QLatin1String("active")).toBool(), true);
        QCOMPARE(info.value(QLatin1String("client_id")).toString(), QStringLiteral("sagascope-service"));
        QCOMPARE(info.value(QLatin1String("scope")).toString(), QStringLiteral("payments"));
        QCOMPARE(info.value(QLatin1String("aud")).toString(), m_issuer + QStringLiteral("/api"));
        QCOMPARE(callApi(got.token), 201);
        // Kept, not fetched again, while it is valid.
        QCOMPARE(getToken(client).token, got.token);
        // A 401 from a service drops it: the next get() is a new token request.
        client.invalidate(got.token);
        const TokenResult again = getToken(client);
        QVERIFY2(!again.token.isEmpty() && again.token != got.token, qPrintable(again.error));
        QCOMPARE(introspect(again.token).value(QLatin1String("active")).toBool(), true);
    }

    void clientCredentialsWrongSecret()
    {
        for (const QByteArray &secret : {QByteArray("wrong"), Secret.left(Secret.size() - 1)}) {
            OAuthTokenClient client(m_network, QStringLiteral("payments"), tokenUrl(), QStringLiteral("sagascope-service"),
                                    QStringLiteral("payments"), QSslConfiguration::defaultConfiguration());
            client.useClientCredentials(secret);
            const TokenResult got = getToken(client);
            QVERIFY(got.token.isEmpty());
            QVERIFY(!got.technical); // a person must fix it: not retried
            QCOMPARE(got.error, QStringLiteral("the token endpoint of payments refused: HTTP 401 invalid_client (client "
                                               "authentication failed)"));
            QVERIFY2(!got.error.contains(QString::fromLatin1(secret)), qPrintable(got.error));
        }
        // An unknown client id too.
        OAuthTokenClient client(m_network, QStringLiteral("payments"), tokenUrl(), QStringLiteral("nobody"),
                                QStringLiteral("payments"), QSslConfiguration::defaultConfiguration());
        client.useClientCredentials(Secret);
        const TokenResult got = getToken(client);
        QVERIFY2(got.error.contains(QLatin1String("HTTP 401 invalid_client")), qPrintable(got.error));
    }

    /** RFC 6749 4.1 + RFC 7636 + RFC 8252 through OAuthLogin, the code path of `sagascope-cli
     *  login` and of the Services dock's Sign in; then the refresh-token grant (RFC 6749 6) with
     *  the rotation the provider does for public clients. */
    void authorizationCodeWithPkce()
    {
        OAuthLogin login(QStringLiteral("orders"), signIn(), QSslConfiguration::defaultConfiguration());
        QSignalSpy finished(&login, &OAuthLogin::finished);
        const QUrl url = startLogin(login);
        const QUrl redirect(queryItem(url, "redirect_uri"));
        QCOMPARE(redirect, login.redirectUri());

        Browser browser;
        const QUrl back = browser.authorize(url, m_issuer);
        QCOMPARE(back.adjusted(QUrl::RemoveQuery), redirect); // to our port, though http://127.0.0.1/ is registered
        QVERIFY2(queryItem(back, "error").isEmpty(), qPrintable(back.toString()));
        QCOMPARE(queryItem(back, "state"), queryItem(url, "state"));
        QCOMPARE(queryItem(back, "iss"), m_issuer); // RFC 9207
        const Http landed = browser.send(back); // the browser arrives at the loopback listener
        QCOMPARE(landed.status, 200);
        QVERIFY(!finished.isEmpty() || finished.wait(10000));
        QVERIFY2(finished.first().at(0).toBool(), qPrintable(finished.first().at(1).toString()));

        QVERIFY(!login.accessToken().isEmpty());
        QVERIFY(!login.refreshToken().isEmpty());
        QJsonObject info = introspect(login.accessToken());
        QCOMPARE(info.value(QLatin1String("active")).toBool(), true);
        QCOMPARE(info.value(QLatin1String("client_id")).toString(), QStringLiteral("sagascope-native"));
        QCOMPARE(info.value(QLatin1String("sub")).toString(), QStringLiteral("interop-user"));
        QCOMPARE(info.value(QLatin1String("scope")).toString(), QStringLiteral("checkout"));
        QCOMPARE(introspect(login.refreshToken()).value(QLatin1String("active")).toBool(), true);
        QCOMPARE(callApi(login.accessToken()), 201);

        // The refresh token, as `run` uses it: a new access token and a rotated refresh token.
        QByteArray rotated;
        OAuthTokenClient client(m_network, QStringLiteral("orders"), tokenUrl(), QStringLiteral("sagascope-native"),
                                QStringLiteral("checkout"), QSslConfiguration::defaultConfiguration());
        client.useRefreshToken(login.refreshToken(), [&rotated](const QByteArray &token) { rotated = token; });
        const TokenResult got = getToken(client);
        QVERIFY2(!got.token.isEmpty(), qPrintable(got.error));
        QVERIFY(got.token != login.accessToken());
        QVERIFY2(!rotated.isEmpty() && rotated != login.refreshToken(), "the provider rotates a public client's refresh token");
        info = introspect(got.token);
        QCOMPARE(info.value(QLatin1String("active")).toBool(), true);
        QCOMPARE(info.value(QLatin1String("sub")).toString(), QStringLiteral("interop-user"));
        QCOMPARE(info.value(QLatin1String("scope")).toString(), QStringLiteral("checkout")); // the grant's own
        QCOMPARE(introspect(login.refreshToken()).value(QLatin1String("active")).toBool(), false); // spent
        QCOMPARE(callApi(got.token), 201);
        // The rotated one is used next.
        client.invalidate(got.token);
        const TokenResult next = getToken(client);
        QVERIFY2(!next.token.isEmpty(), qPrintable(next.error));

        // The spent refresh token again: refused, and the message says what to do.
        OAuthTokenClient stale(m_network, QStringLiteral("orders"), tokenUrl(), QStringLiteral("sagascope-native"),
                               QStringLiteral("checkout"), QSslConfiguration::defaultConfiguration());
        stale.useRefreshToken(login.refreshToken(), {});
        const TokenResult refused = getToken(stale);
        QVERIFY(refused.token.isEmpty());
        QVERIFY(!refused.technical);
        QVERIFY2(refused.error.contains(QLatin1String("invalid_grant")) && refused.error.contains(QLatin1String("sign in again")),
                 qPrintable(refused.error));
    }

    /** Several scopes (RFC 6749 3.3: space-delimited; a '+' is a scope character), a client id
     *  with characters to escape (2.2), and an authorization endpoint whose URL has a query of
     *  its own, which must be kept (3.1); what the provider received is what it lists in
     *  /_interactions. */
    void unusualValues()
    {
        EndpointAuth a = signIn();
        a.authorizationUrl += QStringLiteral("?ui_locales=ko-KR");
        a.clientId = QStringLiteral("sagascope native+1");
        a.scope = QStringLiteral("checkout history orders:read+write");
        OAuthLogin login(QStringLiteral("orders"), a, QSslConfiguration::defaultConfiguration());
        QSignalSpy finished(&login, &OAuthLogin::finished);
        const QUrl url = startLogin(login);
        QCOMPARE(queryItem(url, "ui_locales"), QStringLiteral("ko-KR"));
        QCOMPARE(queryItem(url, "client_id"), QStringLiteral("sagascope native+1"));
        QCOMPARE(queryItem(url, "scope"), QStringLiteral("checkout history orders:read+write"));
        QCOMPARE(queryItem(url, "response_type"), QStringLiteral("code"));
        Browser browser;
        const QUrl back = browser.authorize(url, m_issuer);
        QVERIFY2(queryItem(back, "error").isEmpty(), qPrintable(back.toString()));
        const QJsonArray seen = browser.send(QUrl(m_issuer + QStringLiteral("/_interactions"))).json().value(QLatin1String("interactions")).toArray();
        const QJsonObject params = seen.last().toObject().value(QLatin1String("params")).toObject();
        QCOMPARE(params.value(QLatin1String("ui_locales")).toString(), QStringLiteral("ko-KR"));
        QCOMPARE(params.value(QLatin1String("scope")).toString(), QStringLiteral("checkout history orders:read+write"));
        QCOMPARE(params.value(QLatin1String("client_id")).toString(), QStringLiteral("sagascope native+1"));
        QCOMPARE(browser.send(back).status, 200);
        QVERIFY(!finished.isEmpty() || finished.wait(10000));
        QVERIFY2(finished.first().at(0).toBool(), qPrintable(finished.first().at(1).toString()));
        const QJsonObject info = introspect(login.accessToken());
        QCOMPARE(info.value(QLatin1String("scope")).toString(), QStringLiteral("checkout history orders:read+write"));
        QCOMPARE(info.value(QLatin1String("client_id")).toString(), QStringLiteral("sagascope native+1"));
        // The refresh-token grant with that client id (form-urlencoded by OAuthTokenClient).
        OAuthTokenClient client(m_network, QStringLiteral("orders"), tokenUrl(), a.clientId, a.scope,
                                QSslConfiguration::defaultConfiguration());
        client.useRefreshToken(login.refreshToken(), {});
        const TokenResult got = getToken(client);
        QVERIFY2(!got.token.isEmpty(), qPrintable(got.error));
        QCOMPARE(introspect(got.token).value(QLatin1String("scope")).toString(), QStringLiteral("checkout history orders:read+write"));
    }

    /** The person cancels: the provider redirects with access_denied and a description
     *  (form-urlencoded, RFC 6749 4.1.2.1), which the login reports as the provider wrote it. */
    void deniedSignIn()
    {
        Browser browser;
        QCOMPARE(browser.send(QUrl(m_issuer + QStringLiteral("/_deny")), "POST", "x").status, 200);
        OAuthLogin login(QStringLiteral("orders"), signIn(), QSslConfiguration::defaultConfiguration());
        QSignalSpy finished(&login, &OAuthLogin::finished);
        const QUrl back = browser.authorize(startLogin(login), m_issuer);
        QCOMPARE(queryItem(back, "error"), QStringLiteral("access_denied"));
        QVERIFY(queryItem(back, "code").isEmpty());
        browser.send(back);
        QVERIFY(!finished.isEmpty() || finished.wait(10000));
        QVERIFY(!finished.first().at(0).toBool());
        QCOMPARE(finished.first().at(1).toString(),
                 QStringLiteral("the authorization server of orders refused: access_denied (The user cancelled the sign-in)"));
        QVERIFY(login.accessToken().isEmpty());
    }

    /** The server, not only our client, holds PKCE: raw requests that leave it out or get it
     *  wrong are refused (RFC 7636 4.4.1, 4.6), and loopback redirect URIs are matched as
     *  RFC 8252 7.3 and 8.3 say. */
    void serverEnforcesPkce()
    {
        Browser b;
        const QByteArray verifier = OAuthLogin::makeVerifier();
        // No challenge: an error redirect (the redirect URI is valid), no code.
        QUrl back = b.authorize(authorizationRequest({}), m_issuer);
        QCOMPARE(queryItem(back, "error"), QStringLiteral("invalid_request"));
        QVERIFY2(queryItem(back, "error_description").contains(QLatin1String("PKCE")), qPrintable(back.toString()));
        QVERIFY(queryItem(back, "code").isEmpty());
        // "plain" is not allowed.
        back = b.authorize(authorizationRequest({{QStringLiteral("code_challenge"), QString::fromLatin1(verifier)},
                                                 {QStringLiteral("code_challenge_method"), QStringLiteral("plain")}}),
                           m_issuer);
        QCOMPARE(queryItem(back, "error"), QStringLiteral("invalid_request"));
        QVERIFY(queryItem(back, "code").isEmpty());

        // S256: a code, which only the verifier turns into tokens.
        back = b.authorize(authorizationRequest({{QStringLiteral("code_challenge"), QString::fromLatin1(OAuthLogin::challengeOf(verifier))},
                                                 {QStringLiteral("code_challenge_method"), QStringLiteral("S256")}}),
                           m_issuer);
        const QString code = queryItem(back, "code");
        QVERIFY2(!code.isEmpty(), qPrintable(back.toString()));
        Http answer = exchange(b, code, OAuthLogin::makeVerifier(), unusedRedirect()); // a wrong verifier
        QCOMPARE(answer.status, 400);
        QCOMPARE(answer.json().value(QLatin1String("error")).toString(), QStringLiteral("invalid_grant"));
        answer = exchange(b, code, {}, unusedRedirect()); // none
        QCOMPARE(answer.status, 400);
        answer = exchange(b, code, verifier, QStringLiteral("http://127.0.0.1:10/")); // another redirect_uri
        QCOMPARE(answer.status, 400);
        QCOMPARE(answer.json().value(QLatin1String("error")).toString(), QStringLiteral("invalid_grant"));
        answer = exchange(b, code, verifier, unusedRedirect());
        QVERIFY2(answer.status == 200, answer.body.constData());
        QVERIFY(!answer.json().value(QLatin1String("access_token")).toString().isEmpty());
        answer = exchange(b, code, verifier, unusedRedirect()); // a code is good once
        QCOMPARE(answer.status, 400);

        // Redirect URIs that are not the registered loopback IP literal: not redirected to at all.
        for (const QString &redirect : {QStringLiteral("http://evil.example/"), QStringLiteral("http://localhost:9/"),
                                        QStringLiteral("http://127.0.0.1:9/other")}) {
            const Http refused = b.send(authorizationRequest({{QStringLiteral("code_challenge"), QString::fromLatin1(OAuthLogin::challengeOf(verifier))},
                                                              {QStringLiteral("code_challenge_method"), QStringLiteral("S256")}},
                                                             redirect));
            QVERIFY2(refused.status == 400, qPrintable(redirect + QStringLiteral(": ") + QString::number(refused.status)));
            QVERIFY(refused.body.contains("redirect_uri"));
        }
    }

    /** The Services dock's Test connection (ConnectionCheck) with the provider's API as the base
     *  URL: client credentials with the right and a wrong secret, and a sign-in whose refresh
     *  token CredentialStore keeps. */
    void testConnection()
    {
        QTemporaryDir data;
        qputenv("XDG_DATA_HOME", data.path().toLocal8Bit());
        Endpoint service;
        service.baseUrl = m_issuer + QStringLiteral("/api");
        service.auth.type = AuthType::OAuth2ClientCredentials;
        service.auth.tokenUrl = tokenUrl().toString();
        service.auth.clientId = QStringLiteral("sagascope-service");
        service.auth.scope = QStringLiteral("payments");
        const QByteArray variable = secretVariable(QStringLiteral("payments")).toLatin1();
        qputenv(variable.constData(), Secret);
        ConnectionCheck::Result r = ConnectionCheck::check(QStringLiteral("payments"), service, data.path());
        QVERIFY2(r.problem == ConnectionCheck::Problem::None, qPrintable(r.message));
        QCOMPARE(r.status, 200);
        qputenv(variable.constData(), "wrong");
        r = ConnectionCheck::check(QStringLiteral("payments"), service, data.path());
        QCOMPARE(r.problem, ConnectionCheck::Problem::TokenRefused);
        QVERIFY2(r.message.contains(QLatin1String("HTTP 401 invalid_client (client authentication failed)")), qPrintable(r.message));
        qunsetenv(variable.constData());

        Endpoint signedIn;
        signedIn.baseUrl = service.baseUrl;
        signedIn.auth = signIn();
        r = ConnectionCheck::check(QStringLiteral("orders"), signedIn, data.path());
        QCOMPARE(r.problem, ConnectionCheck::Problem::NoCredentials); // not signed in yet
        OAuthLogin login(QStringLiteral("orders"), signIn(), QSslConfiguration::defaultConfiguration());
        QSignalSpy finished(&login, &OAuthLogin::finished);
        Browser browser;
        QCOMPARE(browser.send(browser.authorize(startLogin(login), m_issuer)).status, 200);
        QVERIFY(!finished.isEmpty() || finished.wait(10000));
        QVERIFY2(finished.first().at(0).toBool(), qPrintable(finished.first().at(1).toString()));
        QString error;
        QCOMPARE(CredentialStore::storeRefreshToken(signIn(), login.refreshToken(), &error), CredentialStore::Where::File);
        r = ConnectionCheck::check(QStringLiteral("orders"), signedIn, data.path());
        QVERIFY2(r.problem == ConnectionCheck::Problem::None, qPrintable(r.message));
        // The provider rotated the refresh token; the store holds the new one.
        QTRY_VERIFY(CredentialStore::readRefreshToken(signIn()).value != login.refreshToken());
        QCOMPARE(introspect(CredentialStore::readRefreshToken(signIn()).value).value(QLatin1String("active")).toBool(), true);
    }

    /** The same over HTTPS (the provider on Node's TLS with the test CA's certificate for
     *  127.0.0.1): the endpoint's caFile is trusted for the token requests of both flows and
     *  nothing else is; QtNetworkAuth's token request gets it too. */
    void overTls()
    {
        const QString tlsDir = QStringLiteral(SAGASCOPE_SOURCE_DIR "/tests/engine/data/tls");
        QProcess server;
        const auto stop = qScopeGuard([&server] { stopServer(server); });
        const QString issuer = startServer(server, {{QStringLiteral("INTEROP_TLS_CERT"), tlsDir + QStringLiteral("/server.pem")},
                                                    {QStringLiteral("INTEROP_TLS_KEY"), tlsDir + QStringLiteral("/server.key")}});
        QVERIFY(issuer.startsWith(QLatin1String("https://127.0.0.1:")));
        Endpoint endpoint;
        endpoint.baseUrl = issuer + QStringLiteral("/api");
        endpoint.caFile = QStringLiteral("ca.pem");
        QString error;
        const std::optional<QSslConfiguration> ssl = HttpParticipant::sslConfiguration(endpoint, tlsDir, &error);
        QVERIFY2(ssl, qPrintable(error));
        const QUrl token(issuer + QStringLiteral("/token"));

        // Client credentials: with the CA, a token; without it, a TLS refusal that says why.
        OAuthTokenClient trusted(m_network, QStringLiteral("payments"), token, QStringLiteral("sagascope-service"),
                                 QStringLiteral("payments"), *ssl);
        trusted.useClientCredentials(Secret);
        const TokenResult got = getToken(trusted);
        QVERIFY2(!got.token.isEmpty(), qPrintable(got.error));
        // (A network access of its own: Qt reuses a kept-alive TLS connection to the same host and
        // port whatever the next request's configuration.)
        QNetworkAccessManager other;
        OAuthTokenClient untrusted(other, QStringLiteral("payments"), token, QStringLiteral("sagascope-service"),
                                   QStringLiteral("payments"), QSslConfiguration::defaultConfiguration());
        untrusted.useClientCredentials(Secret);
        const TokenResult refused = getToken(untrusted);
        QVERIFY(refused.token.isEmpty());
        QVERIFY(refused.technical);
        QVERIFY2(refused.error.contains(QLatin1String("not trusted here")), qPrintable(refused.error));

        // The authorization-code flow: the browser trusts the CA too (a person would have it in
        // the system's store); Sagascope's token request trusts it through caFile only.
        const EndpointAuth auth = signInAuth(issuer + QStringLiteral("/auth"), token.toString(), QStringLiteral("sagascope-native"),
                                             QStringLiteral("checkout"));
        OAuthLogin login(QStringLiteral("orders"), auth, *ssl);
        QSignalSpy finished(&login, &OAuthLogin::finished);
        Browser browser;
        browser.setSslConfiguration(*ssl);
        const QUrl back = browser.authorize(startLogin(login), issuer);
        QCOMPARE(back.scheme(), QStringLiteral("http")); // the loopback redirect (RFC 8252 7.3)
        QCOMPARE(queryItem(back, "iss"), issuer);
        QCOMPARE(browser.send(back).status, 200);
        QVERIFY(!finished.isEmpty() || finished.wait(10000));
        QVERIFY2(finished.first().at(0).toBool(), qPrintable(finished.first().at(1).toString()));
        OAuthTokenClient refresh(m_network, QStringLiteral("orders"), token, QStringLiteral("sagascope-native"),
                                 QStringLiteral("checkout"), *ssl);
        refresh.useRefreshToken(login.refreshToken(), {});
        const TokenResult refreshed = getToken(refresh);
        QVERIFY2(!refreshed.token.isEmpty(), qPrintable(refreshed.error));

        // Without the CA, the sign-in's token request is refused, and the login says so.
        OAuthLogin blind(QStringLiteral("orders"), auth, QSslConfiguration::defaultConfiguration());
        QSignalSpy blindFinished(&blind, &OAuthLogin::finished);
        QCOMPARE(browser.send(browser.authorize(startLogin(blind), issuer)).status, 200);
        QVERIFY(!blindFinished.isEmpty() || blindFinished.wait(10000));
        QVERIFY(!blindFinished.first().at(0).toBool());
        QVERIFY2(blindFinished.first().at(1).toString().contains(QLatin1String("cannot reach the token endpoint of orders")),
                 qPrintable(blindFinished.first().at(1).toString()));
    }

    /** `sagascope-cli login FILE orders`, the test as the browser, then `sagascope-cli run` of a
     *  saga whose two services sign in to the provider differently: `orders` by the refresh token
     *  that login kept, `payments` by client credentials. The provider's API sees each call with
     *  the right client and user. */
    void cliLoginThenRun()
    {
        QTemporaryDir out;
        const QJsonObject signInAuth{{"type", "oauth2-authorization-code"}, {"authorizationUrl", signIn().authorizationUrl},
                                     {"tokenUrl", signIn().tokenUrl}, {"clientId", "sagascope-native"}, {"scope", "checkout"}};
        const QJsonObject serviceAuth{{"type", "oauth2-client-credentials"}, {"tokenUrl", signIn().tokenUrl},
                                      {"clientId", "sagascope-service"}, {"scope", "payments"}};
        const QJsonObject saga{
            {"format", "sagascope/1"},
            {"name", "Interop"},
            {"mode", "orchestration"},
            {"services", QJsonArray{QJsonObject{{"id", "orders"}, {"endpoint", QJsonObject{{"baseUrl", m_issuer}, {"auth", signInAuth}}}},
                                    QJsonObject{{"id", "payments"}, {"endpoint", QJsonObject{{"baseUrl", m_issuer}, {"auth", serviceAuth}}}}}},
            {"steps", QJsonArray{QJsonObject{{"id", "create_order"}, {"service", "orders"}, {"kind", "compensatable"}, {"after", QJsonArray{}},
                                             {"action", QJsonObject{{"name", "createOrder"},
                                                                    {"http", QJsonObject{{"method", "POST"}, {"path", "/api/orders"},
                                                                                         {"body", QJsonObject{{"order", "${instance}"}}}}}}},
                                             {"compensation", QJsonObject{{"name", "rejectOrder"},
                                                                          {"http", QJsonObject{{"method", "POST"}, {"path", "/api/orders/${instance}/reject"}}}}}},
                                 QJsonObject{{"id", "take_payment"}, {"service", "payments"}, {"kind", "pivot"},
                                             {"after", QJsonArray{QStringLiteral("create_order")}},
                                             {"action", QJsonObject{{"name", "charge"},
                                                                    {"http", QJsonObject{{"method", "POST"}, {"path", "/api/charges"},
                                                                                         {"body", QJsonObject{{"order", "${instance}"}}}}}}}}}}};
        const QString sagaPath = out.filePath(QStringLiteral("interop.saga"));
        QFile file(sagaPath);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(QJsonDocument(saga).toJson());
        file.close();

        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(QStringLiteral("SAGASCOPE_KEYCHAIN"), QStringLiteral("off"));
        environment.insert(QStringLiteral("XDG_DATA_HOME"), out.filePath(QStringLiteral("data")));
        environment.insert(secretVariable(QStringLiteral("payments")), QString::fromLatin1(Secret));

        // login: the URL on standard output; the test is the browser.
        const QByteArray printed = cliLogin(sagaPath, QStringLiteral("orders"), environment, m_issuer);
        const QString tokenFile = out.filePath(QStringLiteral("data/sagascope/tokens/"))
                                  + QFileInfo(CredentialStore::tokenFile(signIn())).fileName();
        QVERIFY2(printed.contains(QByteArray("Signed in to orders. The refresh token is kept in " + tokenFile.toUtf8())), printed.constData());

        // Two runs: the second one needs the refresh token that the first one's rotation kept.
        const int before = int(apiCalls().size());
        for (int i = 0; i < 2; ++i) {
            int exitCode = -1;
            const QString output = runCli({QStringLiteral("run"), sagaPath, QStringLiteral("--db"), out.filePath(QStringLiteral("run.db")),
                                           QStringLiteral("--json")},
                                          environment, &exitCode);
            QVERIFY2(exitCode == 0, qPrintable(output));
        }
        const QJsonArray calls = apiCalls();
        QCOMPARE(calls.size(), before + 4);
        for (int i = before; i < calls.size(); ++i) {
            const QJsonObject call = calls.at(i).toObject();
            const bool order = call.value(QLatin1String("path")).toString() == QLatin1String("/api/orders");
            QCOMPARE(call.value(QLatin1String("client_id")).toString(), order ? QStringLiteral("sagascope-native") : QStringLiteral("sagascope-service"));
            QCOMPARE(call.value(QLatin1String("scope")).toString(), order ? QStringLiteral("checkout") : QStringLiteral("payments"));
            if (order)
                QCOMPARE(call.value(QLatin1String("sub")).toString(), QStringLiteral("interop-user"));
            QVERIFY(call.value(QLatin1String("idempotencyKey")).toString().endsWith(QLatin1String("/action")));
        }
    }
};

QTEST_GUILESS_MAIN(TestOAuthInterop)
#include "tst_oauthinterop.moc"
