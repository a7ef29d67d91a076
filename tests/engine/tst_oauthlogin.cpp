// SPDX-License-Identifier: MIT
// The OAuth 2.0 authorization-code flow with PKCE (SPEC section 6; RFC 6749 4.1, RFC 7636,
// RFC 8252) against sagascope-demo-services on 127.0.0.1: OAuthLogin (QtNetworkAuth) driven
// by the test as a browser would (GET the authorization URL, follow its redirect to the
// loopback port), the server's PKCE check, `state`, and `sagascope-cli login` then `run` with
// the refresh token kept in a 0600 file (no keychain: SAGASCOPE_KEYCHAIN=off).

#include "credentialstore.h"
#include "demoservices.h"
#include "democlient.h"
#include "oauthlogin.h"
#include "oauthtesthelpers.h"
#include "remotespec.h"
#include "sagafile.h"
#include "testconfig.h"

#include <QDirIterator>
#include <QFileInfo>
#include <QJsonArray>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QRegularExpression>
#include <QScopeGuard>
#include <QStandardPaths>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QUrlQuery>

using namespace Sagascope;
using namespace Sagascope::Test;

namespace {

/** One request, redirects not followed (the test is the browser). */
Http request(const QUrl &url, const QByteArray &method = "GET", const QByteArray &form = {})
{
    return Browser().send(url, method, form);
}

} // namespace

class TestOAuthLogin : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    Demo::DemoServices m_services;
    QString m_base;

    EndpointAuth auth() const
    {
        return signInAuth(m_base + QStringLiteral("/oauth/authorize"), m_base + QStringLiteral("/oauth/token"),
                          QStringLiteral("sagascope"), QStringLiteral("checkout"));
    }

    /** The browser: GET the authorization URL; the server approves at once and redirects. */
    QUrl authorizeInBrowser(const QUrl &url)
    {
        const Http approved = request(url);
        if (approved.status != 302)
            qFatal("authorize answered %d: %s", approved.status, approved.body.constData());
        return QUrl::fromEncoded(approved.location);
    }

    /** A code and its challenge's verifier, straight from the server (no OAuthLogin). */
    QString codeFor(const QByteArray &verifier, const QString &redirect)
    {
        QUrl url(auth().authorizationUrl);
        QUrlQuery q;
        q.addQueryItem(QStringLiteral("response_type"), QStringLiteral("code"));
        q.addQueryItem(QStringLiteral("client_id"), QStringLiteral("sagascope"));
        q.addQueryItem(QStringLiteral("redirect_uri"), QString::fromLatin1(QUrl::toPercentEncoding(redirect)));
        q.addQueryItem(QStringLiteral("state"), QStringLiteral("xyz"));
        q.addQueryItem(QStringLiteral("code_challenge"), QString::fromLatin1(OAuthLogin::challengeOf(verifier)));
        q.addQueryItem(QStringLiteral("code_challenge_method"), QStringLiteral("S256"));
        url.setQuery(q);
        const QUrl back = authorizeInBrowser(url);
        return queryItem(back, "code");
    }

    Http exchange(const QString &code, const QByteArray &verifier, const QString &redirect)
    {
        const QByteArray form = "grant_type=authorization_code&code=" + QUrl::toPercentEncoding(code) + "&redirect_uri="
                                + QUrl::toPercentEncoding(redirect) + "&client_id=sagascope&code_verifier=" + verifier;
        return request(QUrl(auth().tokenUrl), "POST", form);
    }

    /** The saga with every service behind the authorization-code flow of the demo services. */
    QString writeSignedSaga(const QString &directory)
    {
        const LoadResult loaded = SagaFile::load(QStringLiteral(SAGASCOPE_EXAMPLES_DIR "/order-checkout-remote.saga"));
        if (!loaded.ok())
            qFatal("%s", qPrintable(loaded.error.toString()));
        SagaDefinition saga = *loaded.definition;
        const EndpointAuth a = auth();
        for (Service &service : saga.services) {
            const QJsonObject authJson{{"type", "oauth2-authorization-code"}, {"authorizationUrl", a.authorizationUrl},
                                       {"tokenUrl", a.tokenUrl}, {"clientId", a.clientId}, {"scope", a.scope}};
            service.endpoint = QJsonObject{{"baseUrl", m_base}, {"auth", authJson}};
        }
        const QString sagaPath = directory + QStringLiteral("/signed.saga");
        QString error;
        if (!SagaFile::save(saga, sagaPath, &error))
            qFatal("%s", qPrintable(error));
        QFile inputFile(directory + QStringLiteral("/input.json"));
        if (!inputFile.open(QIODevice::WriteOnly))
            qFatal("cannot write the input");
        inputFile.write(R"({"customer": "alice", "sku": "sku-1", "qty": 1, "amount": 10, "points": 3})");
        return sagaPath;
    }

    /** No file under `directory` (but `except`) holds a token the services issued. */
    void noFileHoldsAToken(const QString &directory, const QString &except = {})
    {
        const QList<QByteArray> tokens = m_services.issuedTokens() + m_services.issuedRefreshTokens();
        int files = 0;
        QDirIterator it(directory, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
        while (it.hasNext()) {
            const QString path = it.next();
            if (path == except)
                continue;
            QFile f(path);
            QVERIFY(f.open(QIODevice::ReadOnly));
            const QByteArray bytes = f.readAll();
            ++files;
            for (const QByteArray &token : tokens)
                QVERIFY2(!bytes.contains(token), qPrintable(path + QStringLiteral(" holds a token")));
        }
        QVERIFY(files >= 3);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QString error;
        QVERIFY2(m_services.open(m_dir.filePath(QStringLiteral("services.sqlite")), &error), qPrintable(error));
        m_services.setClient(QStringLiteral("sagascope"), "confidential-client-secret", 3600);
        const quint16 port = m_services.start(0, &error);
        QVERIFY2(port, qPrintable(error));
        m_base = QStringLiteral("http://127.0.0.1:%1").arg(port);
        // Never the developer's own keychain or data directory.
        qputenv("SAGASCOPE_KEYCHAIN", "off");
        qputenv("XDG_DATA_HOME", m_dir.filePath(QStringLiteral("data")).toLocal8Bit());
    }

    void pkceValues()
    {
        const QByteArray verifier = OAuthLogin::makeVerifier();
        QCOMPARE(verifier.size(), 43);
        QVERIFY(QRegularExpression(QStringLiteral("^[A-Za-z0-9_-]{43}$")).match(QString::fromLatin1(verifier)).hasMatch());
        QVERIFY(OAuthLogin::makeVerifier() != verifier);
        // RFC 7636 appendix B.
        QCOMPARE(OAuthLogin::challengeOf("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"),
                 QByteArray("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"));
    }

    void signsInAsABrowserWould()
    {
        OAuthLogin login(QStringLiteral("orders"), auth(), QSslConfiguration::defaultConfiguration());
        QSignalSpy finished(&login, &OAuthLogin::finished);
        const QUrl url = startLogin(login);
        // RFC 6749 4.1.1 with RFC 7636 4.3 and RFC 8252 7.3.
        QCOMPARE(url.adjusted(QUrl::RemoveQuery).toString(), auth().authorizationUrl);
        QCOMPARE(queryItem(url, "response_type"), QStringLiteral("code"));
        QCOMPARE(queryItem(url, "client_id"), QStringLiteral("sagascope"));
        QCOMPARE(queryItem(url, "scope"), QStringLiteral("checkout"));
        QCOMPARE(queryItem(url, "code_challenge_method"), QStringLiteral("S256"));
        QCOMPARE(queryItem(url, "code_challenge").size(), 43);
        QVERIFY2(queryItem(url, "state").size() >= 43, "state: 256 random bits, not Qt 6.4's 8 letters");
        const QUrl redirect(queryItem(url, "redirect_uri"));
        QCOMPARE(redirect.scheme(), QStringLiteral("http"));
        QCOMPARE(redirect.host(), QStringLiteral("127.0.0.1"));
        QCOMPARE(redirect.port(), login.redirectUri().port());
        QVERIFY(redirect.port() > 0);
        QCOMPARE(redirect.path(), QStringLiteral("/"));

        const QUrl back = authorizeInBrowser(url);
        QCOMPARE(back.adjusted(QUrl::RemoveQuery), redirect);
        QCOMPARE(queryItem(back, "state"), queryItem(url, "state"));
        QVERIFY(!queryItem(back, "code").isEmpty());
        // An attacker who intercepted the code, without the verifier, gets nothing (RFC 7636 1).
        const Http stolen = exchange(queryItem(back, "code"), OAuthLogin::makeVerifier(), redirect.toString());
        QCOMPARE(stolen.status, 400);
        QVERIFY2(stolen.body.contains("invalid_grant"), stolen.body.constData());

        const int issuedBefore = int(m_services.issuedTokens().size());
        const Http page = request(back); // the browser follows the redirect to the loopback port
        QCOMPARE(page.status, 200);
        QVERIFY(page.body.contains("You can close this page"));
        QVERIFY(!finished.isEmpty() || finished.wait(5000));
        QVERIFY2(finished.first().at(0).toBool(), qPrintable(finished.first().at(1).toString()));
        QCOMPARE(m_services.issuedTokens().size(), issuedBefore + 1);
        QCOMPARE(login.accessToken(), m_services.issuedTokens().last());
        QCOMPARE(login.refreshToken(), m_services.issuedRefreshTokens().last());
        // The redirect listener is closed: nothing listens on the port any more.
        QVERIFY(!login.redirectUri().isValid());
    }

    void serverVerifiesPkce()
    {
        const QString redirect = QStringLiteral("http://127.0.0.1:9/");
        const QByteArray verifier = OAuthLogin::makeVerifier();
        QString code = codeFor(verifier, redirect);
        QVERIFY(!code.isEmpty());
        Http answer = exchange(code, OAuthLogin::makeVerifier(), redirect); // a wrong verifier
        QCOMPARE(answer.status, 400);
        QVERIFY2(answer.body.contains("\"invalid_grant\""), answer.body.constData());
        answer = exchange(code, "", redirect); // none
        QCOMPARE(answer.status, 400);
        answer = exchange(code, verifier, QStringLiteral("http://127.0.0.1:10/")); // another redirect_uri
        QCOMPARE(answer.status, 400);
        answer = exchange(code, verifier, redirect); // the right one
        QCOMPARE(answer.status, 200);
        QVERIFY(answer.body.contains("refresh_token"));
        answer = exchange(code, verifier, redirect); // a code is good once
        QCOMPARE(answer.status, 400);

        // No challenge, or "plain": refused with a redirect that says why (RFC 7636 4.4.1).
        for (const char *method : {"", "plain"}) {
            QUrl url(auth().authorizationUrl);
            QUrlQuery q;
            q.addQueryItem(QStringLiteral("response_type"), QStringLiteral("code"));
            q.addQueryItem(QStringLiteral("client_id"), QStringLiteral("sagascope"));
            q.addQueryItem(QStringLiteral("redirect_uri"), redirect);
            q.addQueryItem(QStringLiteral("state"), QStringLiteral("s1"));
            if (qstrlen(method)) {
                q.addQueryItem(QStringLiteral("code_challenge"), QString::fromLatin1(verifier));
                q.addQueryItem(QStringLiteral("code_challenge_method"), QLatin1String(method));
            }
            url.setQuery(q);
            const QUrl back = authorizeInBrowser(url);
            QCOMPARE(queryItem(back, "error"), QStringLiteral("invalid_request"));
            QCOMPARE(queryItem(back, "state"), QStringLiteral("s1"));
            QVERIFY(queryItem(back, "code").isEmpty());
        }
        // A redirect URI that is not loopback is not redirected to at all (RFC 6749 4.1.2.1).
        QUrl url(auth().authorizationUrl);
        url.setQuery(QStringLiteral("response_type=code&client_id=sagascope&redirect_uri=http%3A%2F%2Fevil.example%2F"));
        QCOMPARE(request(url).status, 400);
    }

    void refusesAnotherState()
    {
        OAuthLogin login(QStringLiteral("orders"), auth(), QSslConfiguration::defaultConfiguration());
        QSignalSpy finished(&login, &OAuthLogin::finished);
        const QUrl back = authorizeInBrowser(startLogin(login));
        QUrl forged = back;
        QUrlQuery q(forged);
        q.removeAllQueryItems(QStringLiteral("state"));
        q.addQueryItem(QStringLiteral("state"), QStringLiteral("forged"));
        forged.setQuery(q);
        const int issuedBefore = int(m_services.issuedTokens().size());
        request(forged);
        QVERIFY(!finished.isEmpty() || finished.wait(5000));
        QVERIFY(!finished.first().at(0).toBool());
        QVERIFY2(finished.first().at(1).toString().contains(QLatin1String("state")), qPrintable(finished.first().at(1).toString()));
        QCOMPARE(m_services.issuedTokens().size(), issuedBefore); // the code was never exchanged
    }

    void reportsAnErrorRedirect()
    {
        OAuthLogin login(QStringLiteral("orders"), auth(), QSslConfiguration::defaultConfiguration());
        QSignalSpy finished(&login, &OAuthLogin::finished);
        const QUrl url = startLogin(login);
        QUrl denied = login.redirectUri();
        denied.setQuery(QStringLiteral("error=access_denied&error_description=the%20user%20said%20no&state=")
                        + QString::fromLatin1(QUrl::toPercentEncoding(queryItem(url, "state"))));
        request(denied);
        QVERIFY(!finished.isEmpty() || finished.wait(5000));
        QVERIFY(!finished.first().at(0).toBool());
        QVERIFY2(finished.first().at(1).toString().contains(QLatin1String("access_denied")),
                 qPrintable(finished.first().at(1).toString()));
    }

    /** An error redirect with another state (or none) is forged or stale: it is refused as such,
     *  never taken for the server's answer (RFC 6749 4.1.2.1, 10.12). */
    void refusesAnErrorRedirectWithAnotherState()
    {
        for (const QString &state : {QStringLiteral("&state=forged"), QString()}) {
            OAuthLogin login(QStringLiteral("orders"), auth(), QSslConfiguration::defaultConfiguration());
            QSignalSpy finished(&login, &OAuthLogin::finished);
            startLogin(login);
            QUrl forged = login.redirectUri();
            forged.setQuery(QStringLiteral("error=access_denied") + state);
            request(forged);
            QVERIFY(!finished.isEmpty() || finished.wait(5000));
            QVERIFY(!finished.first().at(0).toBool());
            const QString message = finished.first().at(1).toString();
            QVERIFY2(message.contains(QLatin1String("another state than the one sent")) && !message.contains(QLatin1String("access_denied")),
                     qPrintable(message));
        }
    }

    void reportsARefusedCode()
    {
        // The token endpoint refuses: the code is spent by someone else first (invalid_grant).
        OAuthLogin login(QStringLiteral("orders"), auth(), QSslConfiguration::defaultConfiguration());
        QSignalSpy finished(&login, &OAuthLogin::finished);
        const QUrl url = startLogin(login);
        const QUrl back = authorizeInBrowser(url);
        QUrl tampered = back;
        QUrlQuery q(tampered);
        q.removeAllQueryItems(QStringLiteral("code"));
        q.addQueryItem(QStringLiteral("code"), QStringLiteral("not-a-code-the-server-issued"));
        tampered.setQuery(q);
        request(tampered);
        QVERIFY(!finished.isEmpty() || finished.wait(5000));
        QVERIFY(!finished.first().at(0).toBool());
        const QString message = finished.first().at(1).toString();
        QVERIFY2(message.contains(QLatin1String("HTTP 400 invalid_grant")), qPrintable(message));
    }

    /** `sagascope-cli login` then `run` (as processes), the refresh token in a 0600 file, rotated
     *  by each run; no file that a run wrote holds a token. */
    void cliLoginThenRun()
    {
        QTemporaryDir out;
        const QString sagaPath = writeSignedSaga(out.path());
        const EndpointAuth a = auth();
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(QStringLiteral("SAGASCOPE_KEYCHAIN"), QStringLiteral("off"));
        environment.insert(QStringLiteral("XDG_DATA_HOME"), out.filePath(QStringLiteral("data")));
        const QString tokenFile = out.filePath(QStringLiteral("data/sagascope/tokens/"))
                                  + QFileInfo(CredentialStore::tokenFile(a)).fileName();

        const QStringList runArguments{QStringLiteral("run"), sagaPath, QStringLiteral("--db"), out.filePath(QStringLiteral("run.db")),
                                       QStringLiteral("--input"), out.filePath(QStringLiteral("input.json")),
                                       QStringLiteral("--quiet")};
        int exitCode = -1;
        // Not signed in: refused before anything, saying what to do.
        QString output = runCli(runArguments, environment, &exitCode);
        QCOMPARE(exitCode, 2);
        QVERIFY2(output.contains(QLatin1String("sagascope-cli login FILE orders")), qPrintable(output));

        // login: the URL on standard output; the test is the browser.
        QByteArray printed = cliLogin(sagaPath, QStringLiteral("orders"), environment, m_base);
        QVERIFY2(printed.contains(QByteArray("Signed in to orders. The refresh token is kept in " + tokenFile.toUtf8()
                                             + " (mode 0600; no desktop keychain is running)")),
                 printed.constData());
        QFileInfo file(tokenFile);
        QVERIFY(file.exists());
        QCOMPARE(file.permissions() & 0x7077, QFileDevice::ReadOwner | QFileDevice::WriteOwner); // 0600
        QCOMPARE(QFileInfo(file.absolutePath()).permissions() & 0x7077,
                 QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner); // 0700
        const QByteArray first = m_services.issuedRefreshTokens().last();
        const auto stored = [&] {
            QFile f(tokenFile);
            return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
        };
        QVERIFY(stored().contains(first));

        // Two runs: each gets an access token by the refresh token, which the server rotates.
        for (int i = 0; i < 2; ++i) {
            const int refreshes = int(m_services.issuedRefreshTokens().size());
            output = runCli(runArguments, environment, &exitCode);
            QVERIFY2(exitCode == 0, qPrintable(output));
            QCOMPARE(m_services.issuedRefreshTokens().size(), refreshes + 1); // one token request for five services
            QVERIFY(stored().contains(m_services.issuedRefreshTokens().last()));
        }
        QVERIFY(!stored().contains(first));

        // No file a run wrote (log, WAL, outputs, the saga) holds a token of either kind.
        noFileHoldsAToken(out.path(), tokenFile);
        QVERIFY(!output.contains(QString::fromLatin1(m_services.issuedTokens().last())));

        // The token file readable by others is not used.
        QVERIFY(QFile::setPermissions(tokenFile, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadOther));
        output = runCli(runArguments, environment, &exitCode);
        QCOMPARE(exitCode, 2);
        QVERIFY2(output.contains(QLatin1String("may be read by others")), qPrintable(output));

        // A refresh token the server no longer knows: a business failure that says to sign in again.
        QVERIFY(QFile::setPermissions(tokenFile, QFileDevice::ReadOwner | QFileDevice::WriteOwner));
        QString error2;
        QCOMPARE(CredentialStore::storeRefreshToken(a, "revoked-or-unknown", &error2), CredentialStore::Where::File);
        // (this process writes under its own XDG_DATA_HOME: put the file where the CLI reads it)
        QVERIFY(QFile::remove(tokenFile));
        QVERIFY(QFile::copy(CredentialStore::tokenFile(a), tokenFile));
        QVERIFY(QFile::setPermissions(tokenFile, QFileDevice::ReadOwner | QFileDevice::WriteOwner));
        QStringList jsonArguments = runArguments;
        jsonArguments.last() = QStringLiteral("--json");
        output = runCli(jsonArguments, environment, &exitCode);
        QCOMPARE(exitCode, 10);
        QVERIFY2(output.contains(QLatin1String("invalid_grant")) && output.contains(QLatin1String("sign in again")),
                 qPrintable(output));
    }
    /** The desktop keychain: a private D-Bus session with gnome-keyring (the Secret Service),
     *  never the developer's. `login` keeps the refresh token there and writes no file; runs read
     *  it there and write each rotated one back before the process ends. */
    void keychainKeepsTheRefreshToken()
    {
        const QString dbus = QStandardPaths::findExecutable(QStringLiteral("dbus-daemon"));
        const QString keyring = QStandardPaths::findExecutable(QStringLiteral("gnome-keyring-daemon"));
        QVERIFY2(!dbus.isEmpty() && !keyring.isEmpty(),
                 "dbus-daemon and gnome-keyring-daemon are needed (packaging/debian12-packages.txt)");
        QTemporaryDir home;
        QVERIFY(QDir(home.path()).mkpath(QStringLiteral("run")));
        QVERIFY(QFile::setPermissions(home.filePath(QStringLiteral("run")),
                                      QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner));
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.remove(QStringLiteral("SAGASCOPE_KEYCHAIN"));
        environment.insert(QStringLiteral("HOME"), home.path());
        environment.insert(QStringLiteral("XDG_DATA_HOME"), home.filePath(QStringLiteral("data")));
        environment.insert(QStringLiteral("XDG_CONFIG_HOME"), home.filePath(QStringLiteral("config")));
        environment.insert(QStringLiteral("XDG_RUNTIME_DIR"), home.filePath(QStringLiteral("run")));
        QProcess bus;
        bus.setProcessEnvironment(environment);
        bus.start(dbus, {QStringLiteral("--session"), QStringLiteral("--nofork"), QStringLiteral("--print-address=1")});
        QVERIFY(bus.waitForReadyRead(5000));
        const QString address = QString::fromUtf8(bus.readLine()).trimmed();
        QVERIFY2(address.startsWith(QLatin1String("unix:")), qPrintable(address));
        environment.insert(QStringLiteral("DBUS_SESSION_BUS_ADDRESS"), address);
        QProcess daemon;
        daemon.setProcessEnvironment(environment);
        daemon.start(keyring, {QStringLiteral("--foreground"), QStringLiteral("--unlock"), QStringLiteral("--components=secrets")});
        QVERIFY(daemon.waitForStarted());
        daemon.write("keyring-password-of-the-test");
        daemon.closeWriteChannel();
        const auto stop = qScopeGuard([&] {
            daemon.terminate();
            daemon.waitForFinished(3000);
            bus.terminate();
            bus.waitForFinished(3000);
        });

        // This process too, from here on: the store itself, in-process.
        const QByteArray oldBus = qgetenv("DBUS_SESSION_BUS_ADDRESS");
        const QByteArray oldData = qgetenv("XDG_DATA_HOME");
        qputenv("DBUS_SESSION_BUS_ADDRESS", address.toLocal8Bit());
        qputenv("XDG_DATA_HOME", home.filePath(QStringLiteral("data")).toLocal8Bit());
        qunsetenv("SAGASCOPE_KEYCHAIN");
        const auto restore = qScopeGuard([&] {
            qputenv("DBUS_SESSION_BUS_ADDRESS", oldBus);
            qputenv("XDG_DATA_HOME", oldData);
            qputenv("SAGASCOPE_KEYCHAIN", "off");
        });
        QVERIFY(CredentialStore::keychainEnabled());
        EndpointAuth probe = auth();
        probe.clientId = QStringLiteral("probe");
        QString error;
        bool ready = false;
        // Until the daemon owns its bus name and has made its login collection from the password
        // (under load that took over 5 s once: "Object does not exist at path …/collection/login").
        for (int i = 0; i < 300 && !ready; ++i) {
            ready = CredentialStore::storeClientSecret(probe, "probe-secret", &error);
            if (!ready)
                QTest::qWait(100);
        }
        QVERIFY2(ready, qPrintable(error));
        QCOMPARE(CredentialStore::storeRefreshToken(probe, "probe-refresh", &error), CredentialStore::Where::Keychain);
        CredentialStore::Found found = CredentialStore::readRefreshToken(probe);
        QCOMPARE(found.where, CredentialStore::Where::Keychain);
        QCOMPARE(found.value, QByteArray("probe-refresh"));
        QVERIFY(!QFile::exists(CredentialStore::tokenFile(probe)));
        qunsetenv(qPrintable(secretVariable(QStringLiteral("svc"))));
        found = CredentialStore::readClientSecret(QStringLiteral("svc"), probe);
        QCOMPARE(found.where, CredentialStore::Where::Keychain);
        QCOMPARE(found.value, QByteArray("probe-secret"));
        CredentialStore::removeRefreshToken(probe);
        QCOMPARE(CredentialStore::readRefreshToken(probe).where, CredentialStore::Where::Nowhere);

        // The CLI, as a user with a desktop session would run it.
        QTemporaryDir out;
        const QString sagaPath = writeSignedSaga(out.path());
        const QByteArray printed = cliLogin(sagaPath, QStringLiteral("orders"), environment, m_base);
        QVERIFY2(printed.contains("The refresh token is kept in the desktop keychain"), printed.constData());
        QVERIFY(!QFile::exists(CredentialStore::tokenFile(auth())));
        QCOMPARE(CredentialStore::readRefreshToken(auth()).value, m_services.issuedRefreshTokens().last());
        const QStringList runArguments{QStringLiteral("run"), sagaPath, QStringLiteral("--db"), out.filePath(QStringLiteral("run.db")),
                                       QStringLiteral("--input"), out.filePath(QStringLiteral("input.json")), QStringLiteral("--json")};
        for (int i = 0; i < 2; ++i) { // the second run needs the token the first one's rotation wrote back
            int exitCode = -1;
            const QString output = runCli(runArguments, environment, &exitCode);
            QVERIFY2(exitCode == 0, qPrintable(output));
            QCOMPARE(CredentialStore::readRefreshToken(auth()).value, m_services.issuedRefreshTokens().last());
        }
        QVERIFY(!QFile::exists(CredentialStore::tokenFile(auth())));
        noFileHoldsAToken(out.path());
    }
};

QTEST_GUILESS_MAIN(TestOAuthLogin)
#include "tst_oauthlogin.moc"
