// SPDX-License-Identifier: MIT
// RunPreflight against real servers on 127.0.0.1: sagascope-demo-services over HTTPS with the
// test CA of data/tls (a good certificate, an expired one, one for another host name), with an
// OAuth token endpoint, a port nobody listens on and a socket that never answers. The rule of
// docs/REMOTE.md: TLS faults, a token endpoint that refuses the client and missing credentials
// refuse the run, naming the service and the URL; a service that cannot be reached is a note.

#include "credentialstore.h"
#include "oauthlogin.h"
#include "remotetesthelpers.h"
#include "runpreflight.h"

#include <QElapsedTimer>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QUrlQuery>
#include <QScopeGuard>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

using namespace Sagascope;

namespace {

using Test::closedPort;

const QString Tls = Test::tlsData();
const QStringList Services{QStringLiteral("orders"), QStringLiteral("inventory"), QStringLiteral("payments"),
                           QStringLiteral("shipping"), QStringLiteral("loyalty")};

SagaDefinition withEndpoint(const QJsonObject &endpoint)
{
    return Test::remoteCheckout(endpoint);
}

QJsonObject clientCredentials(const QString &base)
{
    const QJsonObject auth{{"type", "oauth2-client-credentials"},
                           {"tokenUrl", QString(base + QStringLiteral("/oauth/token"))},
                           {"clientId", "sagascope"}};
    return QJsonObject{{"baseUrl", base}, {"caFile", "ca.pem"}, {"auth", auth}};
}

QStringList servicesOf(const QList<RunPreflight::Finding> &findings)
{
    QStringList ids;
    for (const RunPreflight::Finding &f : findings)
        ids << f.service;
    return ids;
}

} // namespace

class TestRunPreflight : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    Demo::DemoServices m_good, m_expired, m_wrongHost, m_secured;
    QString m_goodUrl, m_expiredUrl, m_wrongHostUrl, m_securedUrl;

    QString serve(Demo::DemoServices &services, const char *certificate, const char *name)
    {
        return Test::serveTls(services, m_dir.filePath(QLatin1String(name) + QStringLiteral(".sqlite")), QLatin1String(certificate));
    }

    static RunPreflight::Outcome check(const SagaDefinition &saga, RunOptions options = {}, int requestMs = 5000,
                                       int deadlineMs = 8000)
    {
        options.baseDir = Tls; // caFile "ca.pem" is next to the .saga file
        RunPreflight preflight(saga, options);
        QSignalSpy finished(&preflight, &RunPreflight::finished);
        preflight.start(requestMs, deadlineMs);
        if (!finished.wait(deadlineMs + 5000))
            qFatal("the check did not finish");
        if (finished.count() != 1)
            qFatal("finished() came %lld times", qlonglong(finished.count()));
        return finished.first().first().value<RunPreflight::Outcome>();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        qputenv("SAGASCOPE_KEYCHAIN", "off"); // nobody's real keychain
        m_goodUrl = serve(m_good, "server.pem", "good");
        m_expiredUrl = serve(m_expired, "expired.pem", "expired");
        m_wrongHostUrl = serve(m_wrongHost, "wronghost.pem", "wronghost");
        m_securedUrl = serve(m_secured, "server.pem", "secured");
        m_secured.setClient(QStringLiteral("sagascope"), "preflight-secret", 3600);
    }

    void onlyTheServicesThatHttpOperationsCall()
    {
        SagaDefinition saga = withEndpoint(QJsonObject{{"baseUrl", m_goodUrl}});
        Service audit; // an endpoint, but no step calls it over HTTP: not checked
        audit.id = QStringLiteral("audit");
        audit.endpoint = QJsonObject{{"baseUrl", QStringLiteral("https://no-such-host.invalid")}};
        saga.services.append(audit);
        QCOMPARE(RunPreflight::servicesToCheck(saga, {}), Services);
        RunOptions simulate;
        simulate.simulate = true;
        QVERIFY(RunPreflight::servicesToCheck(saga, simulate).isEmpty());
        const LoadResult simulated = SagaFile::load(QStringLiteral(SAGASCOPE_EXAMPLES_DIR "/order-checkout.saga"));
        QVERIFY(simulated.ok());
        QVERIFY(RunPreflight::servicesToCheck(*simulated.definition, {}).isEmpty());
        // Nothing to check: finished() still comes, from the event loop, with nothing in it.
        const RunPreflight::Outcome outcome = check(saga, simulate);
        QVERIFY(!outcome.refused() && outcome.notes.isEmpty() && !outcome.cancelled);
    }

    void aGoodSetupPasses()
    {
        const RunPreflight::Outcome outcome = check(withEndpoint(QJsonObject{{"baseUrl", m_goodUrl}, {"caFile", "ca.pem"}}));
        QVERIFY(outcome.refusals.isEmpty());
        QVERIFY(outcome.notes.isEmpty());
        QVERIFY(m_good.ledger().value(QLatin1String("instances")).toObject().isEmpty()); // a GET changes nothing
    }

    void tlsFaultsRefuse_data()
    {
        QTest::addColumn<QString>("which");
        QTest::addColumn<bool>("caFile");
        QTest::addColumn<QString>("words");
        QTest::newRow("untrusted issuer") << QStringLiteral("good") << false
                                          << QStringLiteral("is signed by \"Sagascope Test CA\", which is not trusted here");
        QTest::newRow("expired") << QStringLiteral("expired") << true
                                 << QStringLiteral("the certificate of 127.0.0.1 expired on 2 Jan 2020");
        QTest::newRow("wrong host") << QStringLiteral("wronghost") << true
                                    << QStringLiteral("the certificate is for wrong.example, not for 127.0.0.1");
    }

    void tlsFaultsRefuse()
    {
        QFETCH(QString, which);
        QFETCH(bool, caFile);
        QFETCH(QString, words);
        const QString url = which == QLatin1String("good") ? m_goodUrl : which == QLatin1String("expired") ? m_expiredUrl : m_wrongHostUrl;
        QJsonObject endpoint{{"baseUrl", url}};
        if (caFile)
            endpoint.insert(QStringLiteral("caFile"), QStringLiteral("ca.pem"));
        const RunPreflight::Outcome outcome = check(withEndpoint(endpoint));
        QVERIFY(outcome.refused());
        QCOMPARE(servicesOf(outcome.refusals), Services); // every service, in the saga's order
        for (const RunPreflight::Finding &f : outcome.refusals) {
            QCOMPARE(f.problem, ConnectionCheck::Problem::Tls);
            QCOMPARE(f.url, url);
            QVERIFY2(f.message.contains(words), qPrintable(f.message));
        }
        QVERIFY(outcome.notes.isEmpty());
    }

    void aTokenEndpointThatRefusesTheClientRefuses()
    {
        // payments has a wrong secret, inventory none, the others the right one.
        const auto restore = qScopeGuard([] {
            for (const QString &s : Services)
                qunsetenv(qPrintable(secretVariable(s)));
        });
        for (const QString &s : Services)
            qputenv(qPrintable(secretVariable(s)), "preflight-secret");
        qputenv("SAGASCOPE_SECRET_PAYMENTS", "wrong");
        qunsetenv("SAGASCOPE_SECRET_INVENTORY");
        const RunPreflight::Outcome outcome = check(withEndpoint(clientCredentials(m_securedUrl)));
        QCOMPARE(servicesOf(outcome.refusals), (QStringList{QStringLiteral("inventory"), QStringLiteral("payments")}));
        const RunPreflight::Finding &inventory = outcome.refusals.at(0), &payments = outcome.refusals.at(1);
        QCOMPARE(inventory.problem, ConnectionCheck::Problem::NoCredentials);
        QVERIFY2(inventory.message.contains(QLatin1String("SAGASCOPE_SECRET_INVENTORY")), qPrintable(inventory.message));
        QCOMPARE(payments.problem, ConnectionCheck::Problem::TokenRefused);
        QCOMPARE(payments.auth, AuthType::OAuth2ClientCredentials);
        QCOMPARE(payments.url, m_securedUrl);
        QVERIFY2(payments.message.contains(QLatin1String("HTTP 401 invalid_client")), qPrintable(payments.message));
        QVERIFY(outcome.notes.isEmpty());
    }

    void aServiceThatCannotBeReachedIsANote()
    {
        // Refused and DNS: what the saga's retries and compensations are about. The run starts.
        const QString closed = QStringLiteral("http://127.0.0.1:%1").arg(closedPort());
        RunPreflight::Outcome outcome = check(withEndpoint(QJsonObject{{"baseUrl", closed}}));
        QVERIFY(outcome.refusals.isEmpty());
        QCOMPARE(servicesOf(outcome.notes), Services);
        QCOMPARE(outcome.notes.first().problem, ConnectionCheck::Problem::Refused);
        QVERIFY2(outcome.notes.first().message.contains(QLatin1String("refused the connection")),
                 qPrintable(outcome.notes.first().message));
        outcome = check(withEndpoint(QJsonObject{{"baseUrl", "https://no-such-host.invalid"}}));
        QVERIFY(outcome.refusals.isEmpty());
        QCOMPARE(outcome.notes.size(), Services.size());
        QCOMPARE(outcome.notes.first().problem, ConnectionCheck::Problem::Dns);
    }

    void theTokenIsCheckedEvenWhileTheServiceIsDown()
    {
        // The service's port is closed, its token endpoint answers: a client it refuses still
        // refuses the run (every call would need that token); the right secret makes it a note.
        const auto restore = qScopeGuard([] {
            for (const QString &s : Services)
                qunsetenv(qPrintable(secretVariable(s)));
        });
        for (const QString &s : Services)
            qputenv(qPrintable(secretVariable(s)), "wrong");
        QJsonObject endpoint = clientCredentials(m_securedUrl);
        endpoint.insert(QStringLiteral("baseUrl"), QStringLiteral("http://127.0.0.1:%1").arg(closedPort()));
        RunPreflight::Outcome outcome = check(withEndpoint(endpoint));
        QCOMPARE(outcome.refusals.size(), Services.size());
        QCOMPARE(outcome.refusals.first().problem, ConnectionCheck::Problem::TokenRefused);
        for (const QString &s : Services)
            qputenv(qPrintable(secretVariable(s)), "preflight-secret");
        outcome = check(withEndpoint(endpoint));
        QVERIFY(outcome.refusals.isEmpty());
        QCOMPARE(outcome.notes.size(), Services.size());
        QCOMPARE(outcome.notes.first().problem, ConnectionCheck::Problem::Refused);
        // A token endpoint that is down is a note too (tried again at run time), a TLS fault
        // of the token endpoint a refusal.
        endpoint = clientCredentials(QStringLiteral("http://127.0.0.1:%1").arg(closedPort()));
        outcome = check(withEndpoint(endpoint));
        QVERIFY(outcome.refusals.isEmpty());
        QCOMPARE(outcome.notes.size(), Services.size());
        endpoint = clientCredentials(m_goodUrl);
        QJsonObject auth = endpoint.value(QLatin1String("auth")).toObject();
        auth.insert(QStringLiteral("tokenUrl"), QString(m_expiredUrl + QStringLiteral("/oauth/token")));
        endpoint.insert(QStringLiteral("auth"), auth);
        outcome = check(withEndpoint(endpoint));
        QCOMPARE(outcome.refusals.size(), Services.size());
        QCOMPARE(outcome.refusals.first().problem, ConnectionCheck::Problem::Tls);
        QVERIFY2(outcome.refusals.first().message.contains(QLatin1String("token endpoint"))
                     && outcome.refusals.first().message.contains(QLatin1String("expired on 2 Jan 2020")),
                 qPrintable(outcome.refusals.first().message));
    }

    void aTokenTheServiceRefusesAtItsRootIsANote()
    {
        // A 401 to the GET of the base URL: a path no step calls, so the run starts (at run time a
        // 401 fetches a new token once, then is a business failure), with a note.
        const auto restore = qScopeGuard([] { qunsetenv("PREFLIGHT_TOKEN"); });
        qputenv("PREFLIGHT_TOKEN", "not-a-token-it-issued");
        const QJsonObject auth{{"type", "bearer"}, {"tokenEnv", "PREFLIGHT_TOKEN"}};
        RunPreflight::Outcome outcome = check(withEndpoint(QJsonObject{{"baseUrl", m_securedUrl}, {"caFile", "ca.pem"}, {"auth", auth}}));
        QVERIFY(outcome.refusals.isEmpty());
        QCOMPARE(outcome.notes.size(), Services.size());
        QCOMPARE(outcome.notes.first().problem, ConnectionCheck::Problem::Unauthorized);
        QVERIFY2(outcome.notes.first().message.contains(QLatin1String("HTTP 401")), qPrintable(outcome.notes.first().message));
        // Its variable unset: no token at all, refused.
        qunsetenv("PREFLIGHT_TOKEN");
        outcome = check(withEndpoint(QJsonObject{{"baseUrl", m_securedUrl}, {"caFile", "ca.pem"}, {"auth", auth}}));
        QCOMPARE(outcome.refusals.size(), Services.size());
        QCOMPARE(outcome.refusals.first().problem, ConnectionCheck::Problem::NoCredentials);
        QCOMPARE(outcome.refusals.first().auth, AuthType::Bearer);
    }

    void endpointOverridesAreWhatIsChecked()
    {
        // The file's base URL is closed; --endpoint points every service at the good server.
        const SagaDefinition saga = withEndpoint(
            QJsonObject{{"baseUrl", QStringLiteral("https://127.0.0.1:%1").arg(closedPort())}, {"caFile", "ca.pem"}});
        RunOptions options;
        for (const QString &s : Services)
            options.endpoints.insert(s, m_goodUrl);
        RunPreflight::Outcome outcome = check(saga, options);
        QVERIFY(outcome.refusals.isEmpty());
        QVERIFY(outcome.notes.isEmpty());
        // payments pointed at the expired certificate: that one, at that URL.
        options.endpoints.insert(QStringLiteral("payments"), m_expiredUrl);
        outcome = check(saga, options);
        QCOMPARE(servicesOf(outcome.refusals), QStringList{QStringLiteral("payments")});
        QCOMPARE(outcome.refusals.first().url, m_expiredUrl);
        // An override of a service the saga does not have, and a missing endpoint, are said too.
        options.endpoints.insert(QStringLiteral("billing"), m_goodUrl);
        SagaDefinition noEndpoint = saga;
        noEndpoint.services[0].endpoint = QJsonObject();
        options.endpoints.remove(QStringLiteral("orders"));
        outcome = check(noEndpoint, options);
        QCOMPARE(servicesOf(outcome.refusals),
                 (QStringList{QStringLiteral("billing"), QStringLiteral("orders"), QStringLiteral("payments")}));
        QCOMPARE(outcome.refusals.at(1).problem, ConnectionCheck::Problem::Configuration);
        QVERIFY2(outcome.refusals.at(1).message.contains(QLatin1String("has no endpoint")),
                 qPrintable(outcome.refusals.at(1).message));
    }

    void aServiceThatNeverAnswersIsATimeoutNote()
    {
        QTcpServer silent; // accepts, never answers
        QVERIFY(silent.listen(QHostAddress::LocalHost, 0));
        const SagaDefinition saga = withEndpoint(QJsonObject{{"baseUrl", QStringLiteral("http://127.0.0.1:%1").arg(silent.serverPort())}});
        QElapsedTimer clock;
        clock.start();
        const RunPreflight::Outcome outcome = check(saga, {}, 300, 3000);
        QVERIFY2(clock.elapsed() < 2500, qPrintable(QString::number(clock.elapsed())));
        QVERIFY(outcome.refusals.isEmpty());
        QCOMPARE(outcome.notes.size(), Services.size());
        QCOMPARE(outcome.notes.first().problem, ConnectionCheck::Problem::Timeout);
        // Past the whole check's deadline: a timeout too.
        const RunPreflight::Outcome late = check(saga, {}, 60000, 500);
        QCOMPARE(late.notes.size(), Services.size());
        QCOMPARE(late.notes.first().problem, ConnectionCheck::Problem::Timeout);
    }

    void cancelStopsTheCheck()
    {
        QTcpServer silent;
        QVERIFY(silent.listen(QHostAddress::LocalHost, 0));
        RunPreflight preflight(withEndpoint(QJsonObject{{"baseUrl", QStringLiteral("http://127.0.0.1:%1").arg(silent.serverPort())}}), {});
        QSignalSpy finished(&preflight, &RunPreflight::finished);
        preflight.start(60000, 60000);
        QVERIFY(preflight.isActive());
        QTest::qWait(100);
        QVERIFY(finished.isEmpty());
        preflight.cancel();
        QCOMPARE(finished.count(), 1);
        const auto outcome = finished.first().first().value<RunPreflight::Outcome>();
        QVERIFY(outcome.cancelled);
        QVERIFY(outcome.refusals.isEmpty() && outcome.notes.isEmpty());
        QVERIFY(!preflight.isActive());
        QTest::qWait(100);
        QCOMPARE(finished.count(), 1); // nothing after
    }

    void servicesOfOneSignInTakeTurns()
    {
        // Five services behind one OAuth sign-in, whose server rotates refresh tokens (a refresh
        // token is spent by its use). Checked at once, four of them would present a spent token
        // and be refused (invalid_grant); they take turns, each with the token the one before
        // stored, and the last rotated token is where the run will read it.
        QTemporaryDir data;
        qputenv("XDG_DATA_HOME", data.path().toLocal8Bit()); // the token file; the keychain is off
        Demo::DemoServices signIn;
        QString error;
        QVERIFY(signIn.open(m_dir.filePath(QStringLiteral("signin.sqlite")), &error));
        signIn.setClient(QStringLiteral("sagascope"), "unused-secret", 3600);
        const QString base = QStringLiteral("http://127.0.0.1:%1").arg(signIn.start(0, &error));
        EndpointAuth auth;
        auth.type = AuthType::OAuth2AuthorizationCode;
        auth.authorizationUrl = base + QStringLiteral("/oauth/authorize");
        auth.tokenUrl = base + QStringLiteral("/oauth/token");
        auth.clientId = QStringLiteral("sagascope");
        auth.scope = QStringLiteral("checkout");

        // Signed in as the browser and `login` would: a code with PKCE, exchanged for tokens.
        QNetworkAccessManager network;
        network.setRedirectPolicy(QNetworkRequest::ManualRedirectPolicy);
        const auto send = [&network](QNetworkReply *reply) {
            QSignalSpy done(reply, &QNetworkReply::finished);
            if (!reply->isFinished() && !done.wait(5000))
                qFatal("no answer from the demo services");
            reply->deleteLater();
            return reply;
        };
        const QByteArray verifier = OAuthLogin::makeVerifier();
        const QString redirect = QStringLiteral("http://127.0.0.1:1/");
        QUrl authorize(auth.authorizationUrl);
        QUrlQuery query;
        query.addQueryItem(QStringLiteral("response_type"), QStringLiteral("code"));
        query.addQueryItem(QStringLiteral("client_id"), auth.clientId);
        query.addQueryItem(QStringLiteral("redirect_uri"), QString::fromLatin1(QUrl::toPercentEncoding(redirect)));
        query.addQueryItem(QStringLiteral("state"), QStringLiteral("s"));
        query.addQueryItem(QStringLiteral("code_challenge"), QString::fromLatin1(OAuthLogin::challengeOf(verifier)));
        query.addQueryItem(QStringLiteral("code_challenge_method"), QStringLiteral("S256"));
        authorize.setQuery(query);
        QNetworkReply *approved = send(network.get(QNetworkRequest(authorize)));
        const QString code = QUrlQuery(QUrl::fromEncoded(approved->rawHeader("Location")))
                                 .queryItemValue(QStringLiteral("code"), QUrl::FullyDecoded);
        QVERIFY2(!code.isEmpty(), approved->rawHeader("Location").constData());
        QNetworkRequest exchange{QUrl(auth.tokenUrl)};
        exchange.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/x-www-form-urlencoded"));
        QNetworkReply *tokens = send(network.post(exchange, "grant_type=authorization_code&code=" + QUrl::toPercentEncoding(code)
                                                                + "&redirect_uri=" + QUrl::toPercentEncoding(redirect)
                                                                + "&client_id=sagascope&code_verifier=" + verifier));
        const QByteArray refresh = QJsonDocument::fromJson(tokens->readAll()).object().value(QLatin1String("refresh_token")).toString().toUtf8();
        QVERIFY(!refresh.isEmpty());
        QCOMPARE(CredentialStore::storeRefreshToken(auth, refresh, &error), CredentialStore::Where::File);

        const QJsonObject endpoint{{"baseUrl", base},
                                   {"auth", QJsonObject{{"type", "oauth2-authorization-code"},
                                                        {"authorizationUrl", auth.authorizationUrl},
                                                        {"tokenUrl", auth.tokenUrl},
                                                        {"clientId", auth.clientId},
                                                        {"scope", auth.scope}}}};
        const qsizetype issued = signIn.issuedRefreshTokens().size();
        const RunPreflight::Outcome outcome = check(withEndpoint(endpoint));
        for (const RunPreflight::Finding &f : outcome.refusals + outcome.notes)
            qWarning("%s: %s", qPrintable(f.service), qPrintable(f.message));
        QVERIFY(outcome.refusals.isEmpty());
        QVERIFY(outcome.notes.isEmpty());
        QCOMPARE(signIn.issuedRefreshTokens().size(), issued + Services.size()); // one after another, each rotated
        QCOMPARE(CredentialStore::readRefreshToken(auth).value, signIn.issuedRefreshTokens().last());
        qunsetenv("XDG_DATA_HOME");
    }

    void theRule()
    {
        using P = ConnectionCheck::Problem;
        for (P p : {P::Configuration, P::NoCredentials, P::Tls, P::TokenRefused})
            QVERIFY(RunPreflight::refuses(p));
        for (P p : {P::None, P::Dns, P::Refused, P::Timeout, P::Network, P::Unauthorized})
            QVERIFY(!RunPreflight::refuses(p));
    }
};

QTEST_GUILESS_MAIN(TestRunPreflight)
#include "tst_runpreflight.moc"
