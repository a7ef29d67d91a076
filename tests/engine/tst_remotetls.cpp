// SPDX-License-Identifier: MIT
// TLS against real HTTPS servers on 127.0.0.1 (SPEC section 6: verified, always; `caFile` adds a
// trust anchor): sagascope-demo-services serving the test certificates of data/tls (a test CA,
// a good certificate, an expired one, one for another host name). Accepted with the CA, refused
// without it; expired and wrong-host refused with a message that says so, by the engine (a run)
// and by ConnectionCheck ("Test connection"), which also names DNS, refused and 401 faults.

#include "connectioncheck.h"
#include "demoservices.h"
#include "engine.h"
#include "remotespec.h"
#include "remotetesthelpers.h"
#include "sagafile.h"
#include "testconfig.h"

#include <QJsonArray>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

using namespace Sagascope;

namespace {

const QString Tls = Test::tlsData();

} // namespace

class TestRemoteTls : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    Demo::DemoServices m_good, m_expired, m_wrongHost;
    QString m_goodUrl, m_expiredUrl, m_wrongHostUrl;
    SagaDefinition m_saga;

    QString serve(Demo::DemoServices &services, const char *certificate, const char *name)
    {
        return Test::serveTls(services, m_dir.filePath(QLatin1String(name) + QStringLiteral(".sqlite")), QLatin1String(certificate));
    }

    static Endpoint endpoint(const QString &base, const QString &caFile, AuthType auth = AuthType::None)
    {
        Endpoint e;
        e.baseUrl = base;
        e.caFile = caFile;
        e.auth.type = auth;
        if (auth == AuthType::OAuth2ClientCredentials) {
            e.auth.tokenUrl = base + QStringLiteral("/oauth/token");
            e.auth.clientId = QStringLiteral("sagascope");
        }
        return e;
    }

    struct Outcome
    {
        RunSummary summary;
        QList<TraceEvent> events;
    };

    /** The remote example with every service at `base`, trusting `caFile` (none: empty); only
     *  the services in `trusting` do when it is given. */
    Outcome run(const QString &base, const QString &caFile, const QStringList &trusting = {})
    {
        SagaDefinition saga = m_saga;
        for (Service &service : saga.services) {
            service.endpoint = QJsonObject{{"baseUrl", base}};
            if (!caFile.isEmpty() && (trusting.isEmpty() || trusting.contains(service.id)))
                service.endpoint.insert(QStringLiteral("caFile"), caFile);
        }
        Outcome outcome;
        Engine engine;
        RunRequest request;
        request.definition = saga;
        request.options.inputs = QJsonArray{QJsonObject{{"customer", "alice"}, {"sku", "sku-1"}, {"qty", 1}, {"amount", 10}, {"points", 3}}};
        request.options.baseDir = Tls;
        QObject::connect(&engine, &Engine::traceEvents, &engine, [&](const QList<TraceEvent> &events) { outcome.events += events; });
        QSignalSpy finished(&engine, &Engine::finished);
        engine.start(request);
        if (finished.isEmpty() && !finished.wait(30000))
            qFatal("the run did not finish");
        outcome.summary = finished.first().first().value<RunSummary>();
        return outcome;
    }

    static QString firstFailure(const Outcome &o)
    {
        for (const TraceEvent &e : o.events) {
            if (e.event == TraceEventType::StepFailed)
                return e.reason;
        }
        return {};
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_goodUrl = serve(m_good, "server.pem", "good");
        m_expiredUrl = serve(m_expired, "expired.pem", "expired");
        m_wrongHostUrl = serve(m_wrongHost, "wronghost.pem", "wronghost");
        const LoadResult loaded = SagaFile::load(QStringLiteral(SAGASCOPE_EXAMPLES_DIR "/order-checkout-remote.saga"));
        QVERIFY2(loaded.ok(), qPrintable(loaded.error.toString()));
        m_saga = *loaded.definition;
    }

    void acceptedWithTheCaFile()
    {
        const Outcome o = run(m_goodUrl, QStringLiteral("ca.pem")); // relative to the .saga's directory
        QVERIFY2(o.summary.error.isEmpty(), qPrintable(o.summary.error));
        QCOMPARE(o.summary.completed, 1);
        const ConnectionCheck::Result r = ConnectionCheck::check(QStringLiteral("orders"), endpoint(m_goodUrl, QStringLiteral("ca.pem")), Tls);
        QCOMPARE(r.problem, ConnectionCheck::Problem::None);
        QVERIFY2(r.message.startsWith(QStringLiteral("reached ")), qPrintable(r.message));
    }

    void refusedWithoutIt()
    {
        const Outcome o = run(m_goodUrl, {});
        QCOMPARE(o.summary.completed, 0);
        const QString reason = firstFailure(o);
        QVERIFY2(reason.contains(QLatin1String("TLS refused: the certificate of 127.0.0.1 is signed by \"Sagascope Test CA\", "
                                               "which is not trusted here")),
                 qPrintable(reason));
        const ConnectionCheck::Result r = ConnectionCheck::check(QStringLiteral("orders"), endpoint(m_goodUrl, {}), Tls);
        QCOMPARE(r.problem, ConnectionCheck::Problem::Tls);
        QVERIFY2(r.message.contains(QLatin1String("give the endpoint a caFile")), qPrintable(r.message));
    }

    void aServiceWithoutTheCaFileDoesNotRideOnAnotherServicesConnection()
    {
        // All five services on one HTTPS server; only orders and inventory trust its CA. Seen:
        // QNetworkAccessManager reuses an open TLS connection to the same host and port whatever
        // the next request's SSL configuration, so payments went through on inventory's trust.
        const Outcome o = run(m_goodUrl, QStringLiteral("ca.pem"), {QStringLiteral("orders"), QStringLiteral("inventory")});
        QCOMPARE(o.summary.completed, 0);
        QStringList succeeded;
        for (const TraceEvent &e : o.events) {
            if (e.event == TraceEventType::StepSucceeded)
                succeeded << e.step;
        }
        QCOMPARE(succeeded, (QStringList{QStringLiteral("create_order"), QStringLiteral("reserve_stock")}));
        const QString reason = firstFailure(o);
        QVERIFY2(reason.contains(QLatin1String("not trusted here")), qPrintable(reason));
    }

    void expiredRefused()
    {
        const int before = m_expired.ledger().value(QLatin1String("instances")).toObject().size();
        const Outcome o = run(m_expiredUrl, QStringLiteral("ca.pem"));
        QCOMPARE(o.summary.completed, 0);
        QCOMPARE(o.summary.compensated, 1);
        const QString reason = firstFailure(o);
        QVERIFY2(reason.contains(QLatin1String("TLS refused: the certificate of 127.0.0.1 expired on 2 Jan 2020")), qPrintable(reason));
        QCOMPARE(m_expired.ledger().value(QLatin1String("instances")).toObject().size(), before); // nothing reached it
        const ConnectionCheck::Result r = ConnectionCheck::check(QStringLiteral("orders"), endpoint(m_expiredUrl, QStringLiteral("ca.pem")), Tls);
        QCOMPARE(r.problem, ConnectionCheck::Problem::Tls);
        QVERIFY2(r.message.contains(QLatin1String("expired on 2 Jan 2020")), qPrintable(r.message));
    }

    void wrongHostRefused()
    {
        const Outcome o = run(m_wrongHostUrl, QStringLiteral("ca.pem"));
        QCOMPARE(o.summary.completed, 0);
        const QString reason = firstFailure(o);
        QVERIFY2(reason.contains(QLatin1String("TLS refused: the certificate is for wrong.example, not for 127.0.0.1")),
                 qPrintable(reason));
        QVERIFY(m_wrongHost.ledger().value(QLatin1String("instances")).toObject().isEmpty());
        const ConnectionCheck::Result r = ConnectionCheck::check(QStringLiteral("orders"), endpoint(m_wrongHostUrl, QStringLiteral("ca.pem")), Tls);
        QCOMPARE(r.problem, ConnectionCheck::Problem::Tls);
        QVERIFY2(r.message.contains(QLatin1String("wrong.example")), qPrintable(r.message));
    }

    void connectionCheckNamesTheFault()
    {
        // Refused: a port that was just free.
        quint16 closed = 0;
        {
            QTcpServer probe;
            QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
            closed = probe.serverPort();
        }
        ConnectionCheck::Result r = ConnectionCheck::check(QStringLiteral("orders"),
                                                           endpoint(QStringLiteral("http://127.0.0.1:%1").arg(closed), {}), Tls);
        QCOMPARE(r.problem, ConnectionCheck::Problem::Refused);
        QVERIFY2(r.message.contains(QLatin1String("refused the connection")), qPrintable(r.message));
        // DNS: a name under .invalid never resolves (RFC 6761 6.4).
        r = ConnectionCheck::check(QStringLiteral("orders"), endpoint(QStringLiteral("https://no-such-host.invalid"), {}), Tls);
        QCOMPARE(r.problem, ConnectionCheck::Problem::Dns);
        QVERIFY2(r.message.contains(QLatin1String("cannot find the host no-such-host.invalid")), qPrintable(r.message));
        // A caFile that is not there: said before anything is sent.
        r = ConnectionCheck::check(QStringLiteral("orders"), endpoint(m_goodUrl, QStringLiteral("missing.pem")), Tls);
        QCOMPARE(r.problem, ConnectionCheck::Problem::Configuration);
        QVERIFY2(r.message.contains(QLatin1String("missing.pem")), qPrintable(r.message));

        // OAuth over HTTPS: a wrong secret is the token endpoint's refusal; a token the service
        // refuses is a 401; the right secret passes.
        Demo::DemoServices secured;
        QString error;
        QVERIFY(secured.open(m_dir.filePath(QStringLiteral("secured.sqlite")), &error));
        QVERIFY(secured.setTls(Tls + QStringLiteral("server.pem"), Tls + QStringLiteral("server.key"), &error));
        secured.setClient(QStringLiteral("sagascope"), "tls-secret", 3600);
        const QString base = QStringLiteral("https://127.0.0.1:%1").arg(secured.start(0, &error));
        const Endpoint oauth = endpoint(base, QStringLiteral("ca.pem"), AuthType::OAuth2ClientCredentials);
        qputenv("SAGASCOPE_KEYCHAIN", "off");
        qputenv("SAGASCOPE_SECRET_ORDERS", "wrong");
        r = ConnectionCheck::check(QStringLiteral("orders"), oauth, Tls);
        QCOMPARE(r.problem, ConnectionCheck::Problem::TokenRefused);
        QVERIFY2(r.message.contains(QLatin1String("HTTP 401 invalid_client")), qPrintable(r.message));
        qputenv("SAGASCOPE_SECRET_ORDERS", "tls-secret");
        r = ConnectionCheck::check(QStringLiteral("orders"), oauth, Tls);
        QCOMPARE(r.problem, ConnectionCheck::Problem::None);
        QVERIFY2(r.message.contains(QLatin1String("credentials were accepted")), qPrintable(r.message));
        QCOMPARE(secured.issuedTokens().size(), 1);
        Endpoint bearer = endpoint(base, QStringLiteral("ca.pem"), AuthType::Bearer);
        bearer.auth.tokenEnv = QStringLiteral("TLS_TEST_TOKEN");
        qputenv("TLS_TEST_TOKEN", "not-a-token-it-issued");
        r = ConnectionCheck::check(QStringLiteral("orders"), bearer, Tls);
        QCOMPARE(r.problem, ConnectionCheck::Problem::Unauthorized);
        QCOMPARE(r.status, 401);
        qunsetenv("SAGASCOPE_SECRET_ORDERS");
        r = ConnectionCheck::check(QStringLiteral("orders"), oauth, Tls);
        QCOMPARE(r.problem, ConnectionCheck::Problem::NoCredentials);
        QVERIFY2(r.message.contains(QLatin1String("SAGASCOPE_SECRET_ORDERS")), qPrintable(r.message));
    }
};

QTEST_GUILESS_MAIN(TestRemoteTls)
#include "tst_remotetls.moc"
