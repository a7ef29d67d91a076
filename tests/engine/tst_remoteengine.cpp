// SPDX-License-Identifier: MIT
// The engine against real HTTP services (SPEC section 6): sagascope-demo-services in-process on
// 127.0.0.1, examples/order-checkout-remote.saga, and faults injected through its admin API.
// Every test checks the services' own ledger: nothing applied twice, compensations balanced.

#include "demoservices.h"
#include "engine.h"
#include "faultplan.h"
#include "httpexchange.h"
#include "httpparticipant.h"
#include "remotespec.h"
#include "sagafile.h"
#include "sagalog.h"
#include "logreads.h"
#include "democlient.h"
#include "faultproxy.h"
#include "securedservices.h"
#include "testconfig.h"

#include <QDirIterator>
#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace Sagascope;
using namespace Qt::StringLiterals;

namespace {

QJsonObject input(const char *customer, double amount, const char *sku = "sku-1", int qty = 1)
{
    return QJsonObject{{"customer", customer}, {"sku", sku}, {"qty", qty}, {"amount", amount}, {"points", 3}};
}

} // namespace

class TestRemoteEngine : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::unique_ptr<Demo::DemoServices> m_services;
    quint16 m_port = 0;
    SagaDefinition m_saga;
    int m_case = 0;

    QString baseUrl() const { return QStringLiteral("http://127.0.0.1:%1").arg(m_port); }

    /** A request to the demo services' admin API, answered synchronously (the loop runs meanwhile). */
    QJsonObject call(const QByteArray &method, const QString &path, const QJsonObject &body = {})
    {
        return Test::demoRequest(baseUrl(), method, path, body);
    }
    void fault(const QJsonObject &f)
    {
        const QJsonObject answer = call("POST", QStringLiteral("/_faults"), f);
        QVERIFY2(answer.contains(QLatin1String("faults")), QJsonDocument(answer).toJson().constData());
    }
    QJsonObject steps(const QString &instance)
    {
        return call("GET", QStringLiteral("/_ledger?instance=") + instance)
            .value(QLatin1String("instances")).toObject().value(instance).toObject().value(QLatin1String("steps")).toObject();
    }
    int applied(const QJsonObject &steps, const char *step)
    {
        return steps.value(QLatin1String(step)).toObject().value(QLatin1String("applied")).toInt();
    }
    int compensated(const QJsonObject &steps, const char *step)
    {
        return steps.value(QLatin1String(step)).toObject().value(QLatin1String("compensated")).toInt();
    }

    struct Outcome
    {
        RunSummary summary;
        QList<TraceEvent> events;
        QString instance;
        QString log;
    };

    /** Runs `saga` with `in` as every instance's input, on the real clock, with a log file,
     *  every service pointed at `base` (default: the demo services of the test case). */
    Outcome run(const SagaDefinition &saga, const QJsonObject &in, const QString &simulate = {}, const QString &base = {},
                int instances = 1, const FaultPlan &faults = {})
    {
        Outcome outcome;
        outcome.log = m_dir.filePath(QStringLiteral("run%1.db").arg(++m_case));
        Engine engine;
        RunRequest request;
        request.definition = saga;
        request.options.seed = quint64(m_case);
        request.options.inputs = QJsonArray{in};
        request.options.simulate = simulate == QLatin1String("simulate");
        request.options.instances = instances;
        request.options.faults = faults;
        for (const Service &service : saga.services)
            request.options.endpoints.insert(service.id, base.isEmpty() ? baseUrl() : base);
        request.logPath = outcome.log;
        QObject::connect(&engine, &Engine::traceEvents, &engine,
                         [&](const QList<TraceEvent> &events) { outcome.events += events; });
        QSignalSpy finished(&engine, &Engine::finished);
        engine.start(request);
        if (finished.isEmpty() && !finished.wait(30000))
            qFatal("the run did not finish");
        outcome.summary = finished.first().first().value<RunSummary>();
        if (!outcome.events.isEmpty())
            outcome.instance = outcome.events.first().instance;
        return outcome;
    }

    static int count(const Outcome &o, TraceEventType type, const char *step)
    {
        int n = 0;
        for (const TraceEvent &e : o.events)
            n += e.event == type && e.step == QLatin1String(step) ? 1 : 0;
        return n;
    }

    /** The SPEC section 3 invariants over the services' ledger for one finished instance. */
    void checkInvariants(const Outcome &o)
    {
        const QJsonObject s = steps(o.instance);
        for (auto it = s.constBegin(); it != s.constEnd(); ++it) {
            const QJsonObject c = it.value().toObject();
            const int a = c.value(QLatin1String("applied")).toInt(), k = c.value(QLatin1String("compensated")).toInt();
            QVERIFY2(a <= 1 && k <= 1 && k <= a, qPrintable(it.key() + QStringLiteral(" applied %1 compensated %2").arg(a).arg(k)));
        }
        if (o.summary.completed == 1) {
            for (const Step &step : m_saga.steps) {
                QCOMPARE(applied(s, step.id.toUtf8().constData()), 1);
                QCOMPARE(compensated(s, step.id.toUtf8().constData()), 0);
            }
        } else if (o.summary.compensated == 1) {
            for (const Step &step : m_saga.steps) {
                const QByteArray id = step.id.toUtf8();
                if (step.kind == StepKind::Compensatable)
                    QCOMPARE(applied(s, id.constData()), compensated(s, id.constData()));
                if (step.kind == StepKind::Pivot)
                    QCOMPARE(applied(s, id.constData()), 0);
            }
        }
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        qputenv("SAGASCOPE_KEYCHAIN", "off"); // a missing secret must not be looked up in the developer's keychain
        m_services = std::make_unique<Demo::DemoServices>();
        QString error;
        QVERIFY2(m_services->open(m_dir.filePath(QStringLiteral("services.sqlite")), &error), qPrintable(error));
        m_port = m_services->start(0, &error);
        QVERIFY2(m_port != 0, qPrintable(error));
        const LoadResult loaded = SagaFile::load(QStringLiteral(SAGASCOPE_EXAMPLES_DIR "/order-checkout-remote.saga"));
        QVERIFY2(loaded.ok(), qPrintable(loaded.error.toString()));
        m_saga = *loaded.definition;
    }
    void init() { call("DELETE", QStringLiteral("/_faults")); }

    void completesAndKeepsEveryRequest()
    {
        const QJsonObject before = call("GET", QStringLiteral("/_state"));
        const Outcome o = run(m_saga, input("alice", 30));
        QVERIFY2(o.summary.error.isEmpty(), qPrintable(o.summary.error));
        QCOMPARE(o.summary.completed, 1);
        checkInvariants(o);
        const QJsonObject after = call("GET", QStringLiteral("/_state"));
        QCOMPARE(after.value("stock").toObject().value("sku-1").toInt(), before.value("stock").toObject().value("sku-1").toInt() - 1);
        QCOMPARE(after.value("balances").toObject().value("alice").toDouble(),
                 before.value("balances").toObject().value("alice").toDouble() - 30);
        QCOMPARE(after.value("orders").toObject().value(o.instance).toString(), QStringLiteral("PENDING"));

        // The log keeps each request, its reply (4 KiB at most) and the results templates read.
        QString error;
        const auto log = SagaLog::open(o.log, SagaLog::OpenOptions{.create = false, .readOnly = true}, &error);
        QVERIFY2(log, qPrintable(error));
        QCOMPARE(log->pragma(QStringLiteral("user_version")).toInt(), SagaLog::SchemaVersion);
        const QList<HttpAttemptRecord> attempts = readLog([&](QString *e) { return log->httpAttempts(o.instance, e); });
        QCOMPARE(attempts.size(), 5);
        const HttpAttemptRecord &reserve = attempts.at(1);
        QCOMPARE(reserve.step, QStringLiteral("reserve_stock"));
        QCOMPARE(reserve.method, QStringLiteral("POST"));
        QCOMPARE(reserve.url, baseUrl() + QStringLiteral("/reservations"));
        QCOMPARE(reserve.status, 201);
        QCOMPARE(reserve.outcome, QStringLiteral("succeeded"));
        QVERIFY(reserve.durationMs >= 0);
        const QJsonObject reservation = QJsonDocument::fromJson(reserve.reply).object();
        QVERIFY(reservation.value("id").toInt() > 0);
        bool found = false;
        for (const ResultRecord &r : readLog([&](QString *e) { return log->results(false, e); }))
            found = found || (r.step == QLatin1String("reserve_stock") && QJsonDocument::fromJson(r.json).object() == reservation);
        QVERIFY(found);
    }

    void businessFailureRollsBack()
    {
        const QJsonObject before = call("GET", QStringLiteral("/_state"));
        const Outcome o = run(m_saga, input("bob", 500)); // bob has 50
        QCOMPARE(o.summary.compensated, 1);
        QCOMPARE(count(o, TraceEventType::StepStarted, "take_payment"), 1); // a business failure is not retried
        checkInvariants(o);
        const QJsonObject s = steps(o.instance);
        QCOMPARE(applied(s, "reserve_stock"), 1);
        const QJsonObject after = call("GET", QStringLiteral("/_state"));
        QCOMPARE(after.value("stock"), before.value("stock")); // the reservation was given back
        QCOMPARE(after.value("orders").toObject().value(o.instance).toString(), QStringLiteral("REJECTED"));
    }

    void technicalFailuresRetriedWithTheSameKey()
    {
        fault({{"path", "/charges"}, {"status", 503}, {"count", 2}});
        fault({{"path", "/reservations"}, {"drop", "after"}, {"count", 1}}); // applied, reply lost
        fault({{"path", "/orders"}, {"status", 502}, {"count", 1}});
        fault({{"path", "/shipments"}, {"drop", "before"}, {"count", 1}});   // reset, nothing applied
        const Outcome o = run(m_saga, input("alice", 10));
        QCOMPARE(o.summary.completed, 1);
        QCOMPARE(count(o, TraceEventType::StepStarted, "take_payment"), 3);
        // The lost reply is retried with the same key, by the engine or, on a kept-alive
        // connection, by QNetworkAccessManager itself (it resends once when a reused connection
        // closes before the reply): either way the service replays and applies it once.
        QVERIFY(count(o, TraceEventType::StepStarted, "reserve_stock") >= 1);
        QCOMPARE(count(o, TraceEventType::StepStarted, "create_order"), 2);
        QVERIFY(count(o, TraceEventType::StepStarted, "ship_order") >= 1);
        checkInvariants(o); // the retried reservation was replayed, not applied again
    }

    /** Failures injected from the window or `--fail` apply before anything is sent (SPEC
     *  section 6, issue 12): an injected technical failure of an attempt sends nothing for that
     *  attempt, an injected business failure sends nothing for the step at all, and the rollback
     *  that follows calls the real services. The services' ledger and the log's requests agree. */
    void injectedFailuresSendNothing()
    {
        FaultPlan faults;
        faults.setFault({}, QStringLiteral("reserve_stock"), OperationKind::Action, {FailureKind::Technical, 1});
        faults.setFault({}, QStringLiteral("take_payment"), OperationKind::Action, {FailureKind::Business, 0});
        const Outcome o = run(m_saga, input("alice", 10), {}, {}, 1, faults);
        QVERIFY2(o.summary.error.isEmpty(), qPrintable(o.summary.error));
        QCOMPARE(o.summary.compensated, 1);
        QCOMPARE(count(o, TraceEventType::StepStarted, "reserve_stock"), 2); // the injected failure, then the real call
        QCOMPARE(count(o, TraceEventType::StepFailed, "take_payment"), 1);
        checkInvariants(o);
        const QJsonObject s = steps(o.instance);
        QCOMPARE(applied(s, "reserve_stock"), 1);
        QCOMPARE(compensated(s, "reserve_stock"), 1);
        QCOMPARE(applied(s, "take_payment"), 0);

        QString error;
        const auto log = SagaLog::open(o.log, SagaLog::OpenOptions{.create = false, .readOnly = true}, &error);
        QVERIFY2(log, qPrintable(error));
        QStringList sent;
        for (const HttpAttemptRecord &a : readLog([&](QString *e) { return log->httpAttempts(o.instance, e); }))
            sent << QStringLiteral("%1 %2 %3").arg(a.step, a.operation == OperationKind::Action ? u"action"_s : u"compensation"_s)
                        .arg(a.attempt);
        // Only what was really sent: the second attempt of reserve_stock, no take_payment, and
        // the two compensations.
        QCOMPARE(sent, (QStringList{u"create_order action 1"_s, u"reserve_stock action 2"_s,
                                    u"reserve_stock compensation 1"_s, u"create_order compensation 1"_s}));
    }

    /** A fault proxy between the engine and the services (tests/engine/faultproxy.h): delays past
     *  the deadline, drops, resets after the work was done, garbage instead of a reply, 429
     *  storms with Retry-After. Every instance ends completed or compensated, and the services'
     *  ledger shows nothing applied twice. */
    void faultProxyNothingAppliedTwice_data()
    {
        QTest::addColumn<int>("kind");
        QTest::addColumn<QByteArray>("path");
        QTest::addColumn<int>("faults");
        QTest::addColumn<bool>("completes");
        using K = Test::FaultProxy::Kind;
        // create_order's deadline is 2 s: the reply held back 2.5 s comes after the abort.
        QTest::newRow("delay past the deadline") << int(K::Delay) << QByteArray("/orders") << 1 << true;
        QTest::newRow("dropped before") << int(K::DropBefore) << QByteArray("/reservations") << 2 << true;
        QTest::newRow("reset after the work") << int(K::ResetAfter) << QByteArray("/charges") << 2 << true;
        QTest::newRow("garbage reply") << int(K::Garbage) << QByteArray("/points") << 2 << true;
        QTest::newRow("429 storm, outlasted") << int(K::TooManyRequests) << QByteArray("/orders") << 2 << true;
        // Every request refused for longer than create_order retries (3 attempts): rolled back.
        QTest::newRow("429 storm, longer than the retries") << int(K::TooManyRequests) << QByteArray("/orders") << 3 << false;
    }
    void faultProxyNothingAppliedTwice()
    {
        QFETCH(int, kind);
        QFETCH(QByteArray, path);
        QFETCH(int, faults);
        QFETCH(bool, completes);
        Test::FaultProxy proxy(m_port);
        const quint16 port = proxy.start();
        QVERIFY(port);
        Test::FaultProxy::Fault f;
        f.kind = Test::FaultProxy::Kind(kind);
        f.pathPrefix = path;
        f.count = faults;
        f.delayMs = 2500;
        f.retryAfter = "1";
        proxy.add(f);
        const Outcome o = run(m_saga, input("alice", 10), {}, QStringLiteral("http://127.0.0.1:%1").arg(port));
        QVERIFY2(o.summary.error.isEmpty(), qPrintable(o.summary.error));
        QCOMPARE(proxy.faulted(), faults);
        QCOMPARE(o.summary.completed, completes ? 1 : 0);
        QCOMPARE(o.summary.compensated, completes ? 0 : 1);
        checkInvariants(o);
        if (f.kind == Test::FaultProxy::Kind::TooManyRequests) {
            // Retry-After: 1 lengthened each backoff to at least a second.
            int retries = 0;
            for (const TraceEvent &e : o.events) {
                if (e.event == TraceEventType::RetryScheduled && e.step == QLatin1String("create_order")) {
                    QVERIFY2(e.delayMs >= 1000, qPrintable(QString::number(e.delayMs)));
                    ++retries;
                }
            }
            QCOMPARE(retries, 2);
        }
        if (f.kind == Test::FaultProxy::Kind::Delay) {
            QCOMPARE(count(o, TraceEventType::StepStarted, "create_order"), 2); // timed out, then replayed
            QCOMPARE(applied(steps(o.instance), "create_order"), 1);
        }
    }

    void faultProxyManyInstancesAtOnce()
    {
        // Ten instances at once through every kind of fault, mixed: still nothing twice.
        Test::FaultProxy proxy(m_port);
        const quint16 port = proxy.start();
        QVERIFY(port);
        using K = Test::FaultProxy::Kind;
        proxy.add({K::TooManyRequests, "/orders", 4, 0, "1"});
        proxy.add({K::ResetAfter, "/reservations", 3, 0, {}});
        proxy.add({K::Garbage, "/charges", 3, 0, {}});
        proxy.add({K::DropBefore, "/shipments", 3, 0, {}});
        proxy.add({K::Delay, "/points", 3, 300, {}});
        const Outcome o = run(m_saga, input("alice", 10), {}, QStringLiteral("http://127.0.0.1:%1").arg(port), 10);
        QVERIFY2(o.summary.error.isEmpty(), qPrintable(o.summary.error));
        QCOMPARE(o.summary.completed + o.summary.compensated, 10);
        QVERIFY(proxy.faulted() >= 12);
        QSet<QString> instances;
        for (const TraceEvent &e : o.events)
            instances.insert(e.instance);
        QCOMPARE(instances.size(), 10);
        const QJsonObject all = call("GET", QStringLiteral("/_ledger")).value(QLatin1String("instances")).toObject();
        for (const QString &instance : instances) {
            const QJsonObject s = all.value(instance).toObject().value(QLatin1String("steps")).toObject();
            for (auto it = s.constBegin(); it != s.constEnd(); ++it) {
                const QJsonObject c = it.value().toObject();
                const int a = c.value(QLatin1String("applied")).toInt(), k = c.value(QLatin1String("compensated")).toInt();
                QVERIFY2(a <= 1 && k <= a, qPrintable(instance + QLatin1Char(' ') + it.key()));
            }
        }
    }

    void timeoutAbortsAndTheRetryIsReplayed()
    {
        SagaDefinition saga = m_saga;
        saga.step(QStringLiteral("reserve_stock"))->timeoutMs = 300;
        saga.step(QStringLiteral("reserve_stock"))->retry->initialBackoffMs = 900;
        saga.step(QStringLiteral("reserve_stock"))->retry->jitter = 0;
        fault({{"path", "/reservations"}, {"delayMs", 600}, {"count", 1}}); // the work is done, late
        const Outcome o = run(saga, input("alice", 10));
        QCOMPARE(o.summary.completed, 1);
        bool timedOut = false;
        for (const TraceEvent &e : o.events)
            timedOut = timedOut || (e.step == QLatin1String("reserve_stock") && e.failure == FailureKind::Timeout);
        QVERIFY(timedOut);
        checkInvariants(o);
    }

    void retryAfterLengthensTheBackoff()
    {
        fault({{"path", "/shipments"}, {"status", 429}, {"retryAfter", "2"}, {"count", 1}});
        const Outcome o = run(m_saga, input("alice", 10));
        QCOMPARE(o.summary.completed, 1);
        qint64 delay = -1;
        for (const TraceEvent &e : o.events) {
            if (e.event == TraceEventType::RetryScheduled && e.step == QLatin1String("ship_order"))
                delay = e.delayMs;
        }
        QVERIFY2(delay >= 2000, qPrintable(QString::number(delay))); // the step's own backoff is 500 ms
        checkInvariants(o);
    }

    void compensationOfAnActionThatNeverArrivedIs404()
    {
        SagaDefinition saga = m_saga;
        Step &reserve = *saga.step(QStringLiteral("reserve_stock"));
        reserve.timeoutMs = 200;
        reserve.retry->maxAttempts = 2;
        reserve.retry->initialBackoffMs = 10;
        fault({{"path", "/reservations"}, {"method", "POST"}, {"drop", "hang"}, {"count", 2}});
        const Outcome o = run(saga, input("alice", 10));
        QCOMPARE(o.summary.compensated, 1);
        // Its effect was unknown (timed out), so it was compensated: the service had nothing to
        // undo (404, with no reservation id to name) and that counts as success.
        QCOMPARE(count(o, TraceEventType::CompensationSucceeded, "reserve_stock"), 1);
        const QJsonObject s = steps(o.instance);
        QCOMPARE(applied(s, "reserve_stock"), 0);
        QCOMPARE(compensated(s, "reserve_stock"), 0);
        checkInvariants(o);
        QString error;
        const auto log = SagaLog::open(o.log, SagaLog::OpenOptions{.create = false, .readOnly = true}, &error);
        int status404 = 0;
        for (const HttpAttemptRecord &a : readLog([&](QString *e) { return log->httpAttempts(o.instance, e); }))
            status404 += a.status == 404 && a.operation == OperationKind::Compensation ? 1 : 0;
        QCOMPARE(status404, 1);
    }

    void simulateSendsNothing()
    {
        const QJsonObject before = call("GET", QStringLiteral("/_ledger"));
        const Outcome o = run(m_saga, input("alice", 10), QStringLiteral("simulate"));
        QCOMPARE(o.summary.completed, 1);
        QCOMPARE(call("GET", QStringLiteral("/_ledger")), before);
    }

    /** The saga with every service behind OAuth client credentials at `base`. */
    SagaDefinition withOAuth(const QString &base) { return Test::withClientCredentials(m_saga, base); }

    void oauthClientCredentials()
    {
        Demo::DemoServices secured;
        QString error;
        const QByteArray secret = "s3cret/with:odd&chars";
        const quint16 port = Test::startSecured(secured, m_dir.filePath(QStringLiteral("secured.sqlite")), secret, 3600, &error);
        QVERIFY2(port, qPrintable(error));
        const QString base = QStringLiteral("http://127.0.0.1:%1").arg(port);
        const SagaDefinition saga = withOAuth(base);
        for (const Service &service : saga.services)
            qputenv(secretVariable(service.id).toLocal8Bit().constData(), secret);
        const auto issued = [&] { return secured.state().value(QLatin1String("tokensIssued")).toInt(); };

        // Four instances at once: one token request per service, shared by every call.
        Outcome o = run(saga, input("alice", 10), {}, base, 4);
        QVERIFY2(o.summary.error.isEmpty(), qPrintable(o.summary.error));
        QCOMPARE(o.summary.completed, 4);
        QCOMPARE(issued(), 5);

        // A 401 makes it fetch a new token once and send the same request again.
        const auto fault401 = [&](int count) {
            Test::demoRequest(base, "POST", QStringLiteral("/_faults"), {{"path", "/charges"}, {"status", 401}, {"count", count}});
        };
        fault401(1);
        o = run(saga, input("alice", 10), {}, base);
        QCOMPARE(o.summary.completed, 1);
        QCOMPARE(issued(), 5 + 5 + 1);
        QCOMPARE(count(o, TraceEventType::StepStarted, "take_payment"), 1); // one attempt, two requests

        // A 401 that a new token does not fix is a business failure, not a loop.
        fault401(2);
        o = run(saga, input("alice", 10), {}, base);
        QCOMPARE(o.summary.compensated, 1);
        QCOMPARE(issued(), 11 + 3 + 1); // tokens are fetched when first needed: shipping and loyalty never were
        QCOMPARE(count(o, TraceEventType::StepStarted, "take_payment"), 1);

        // A wrong secret: the token endpoint refuses (invalid_client); the reason says so, not the secret.
        qputenv(secretVariable(QStringLiteral("orders")).toLocal8Bit().constData(), "wrong");
        o = run(saga, input("alice", 10), {}, base);
        QCOMPARE(o.summary.compensated, 1);
        bool named = false;
        for (const TraceEvent &e : o.events) {
            named = named || e.reason.contains(QLatin1String("invalid_client"));
            QVERIFY(!e.reason.contains(QLatin1String("wrong")) && !e.reason.contains(QString::fromUtf8(secret)));
        }
        QVERIFY(named);
        qputenv(secretVariable(QStringLiteral("orders")).toLocal8Bit().constData(), secret);

        // Missing secret: refused before anything.
        qunsetenv(secretVariable(QStringLiteral("payments")).toLocal8Bit().constData());
        o = run(saga, input("alice", 10), {}, base);
        QVERIFY(o.summary.error.contains(QLatin1String("SAGASCOPE_SECRET_PAYMENTS")));
        QVERIFY(o.events.isEmpty());
        qputenv(secretVariable(QStringLiteral("payments")).toLocal8Bit().constData(), secret);
    }

    /** Schema 7: each request is kept as it was sent. A fault proxy in front of the secured demo
     *  services sees every request whole; for each, the log holds the same headers (the
     *  credentials redacted: the token and the API key are in no byte of the log's files) and
     *  the same body, and an attempt answered by a 401 and a new token keeps both requests. */
    void requestKeptAsTheServerReceivedIt()
    {
        Demo::DemoServices secured;
        QString error;
        const QByteArray secret = "kept-secret-9d2e";
        const quint16 upstream = Test::startSecured(secured, m_dir.filePath(QStringLiteral("kept.sqlite")), secret, 3600, &error);
        QVERIFY2(upstream, qPrintable(error));
        Test::FaultProxy proxy(upstream);
        const quint16 port = proxy.start();
        QVERIFY(port);
        const QString base = QStringLiteral("http://127.0.0.1:%1").arg(port);
        SagaDefinition saga = withOAuth(base);
        // A fixed header of the endpoint that the log redacts (the loader refuses the API-key and
        // token headers outright: they cannot be in a .saga file, tst_remotespec).
        const QByteArray apiKey = "signature-value-51c7";
        for (Service &service : saga.services) {
            QJsonObject headers{{"X-Tenant", "acme"}, {"X-Request-Signature", QString::fromLatin1(apiKey)}};
            service.endpoint.insert(QStringLiteral("headers"), headers);
            qputenv(secretVariable(service.id).toLocal8Bit().constData(), secret);
        }
        Test::demoRequest(base, "POST", QStringLiteral("/_faults"), {{"path", "/charges"}, {"status", 401}, {"count", 1}});
        const qsizetype before = proxy.received().size();
        const Outcome o = run(saga, input("alice", 10), {}, base);
        QVERIFY2(o.summary.error.isEmpty(), qPrintable(o.summary.error));
        QCOMPARE(o.summary.completed, 1);

        // The requests of the saga's steps as the server received them, in order (not the tokens').
        struct Received
        {
            QByteArray method, target, body;
            QList<QPair<QByteArray, QByteArray>> headers;
        };
        QList<Received> received;
        for (const QByteArray &bytes : proxy.received().mid(before)) {
            const qsizetype end = bytes.indexOf("\r\n\r\n");
            const QList<QByteArray> lines = bytes.left(end).split('\n');
            const QList<QByteArray> requestLine = lines.first().trimmed().split(' ');
            Received r{requestLine.at(0), requestLine.at(1), bytes.mid(end + 4), {}};
            if (r.target.startsWith("/oauth") || r.target.startsWith("/_"))
                continue;
            for (const QByteArray &line : lines.mid(1)) {
                const qsizetype colon = line.indexOf(':');
                r.headers.append({line.left(colon).trimmed(), line.mid(colon + 1).trimmed()});
            }
            received.append(r);
        }
        QString logError;
        const auto log = SagaLog::open(o.log, SagaLog::OpenOptions{.create = false, .readOnly = true}, &logError);
        QVERIFY2(log, qPrintable(logError));
        const QList<HttpAttemptRecord> kept = readLog([&](QString *e) { return log->httpAttempts(o.instance, e); });
        QCOMPARE(kept.size(), received.size());
        QCOMPARE(kept.size(), 6); // five steps, take_payment twice (401, then a new token)
        // Headers Qt's HTTP stack adds by itself, not set by the engine (and not kept).
        const QList<QByteArray> transport{"host", "content-length", "connection", "accept-encoding", "accept-language",
                                          "user-agent"};
        const auto header = [](const HttpAttemptRecord &k, const char *name) {
            for (const HttpHeader &h : k.requestHeaders)
                if (h.name.compare(QLatin1String(name), Qt::CaseInsensitive) == 0)
                    return h.value;
            return QString();
        };
        for (const HttpAttemptRecord &k : kept) {
            // Its request as received: the first not yet matched with the same target and key
            // (steps that run at once may be answered in another order than they arrived).
            const auto match = std::find_if(received.begin(), received.end(), [&](const Received &r) {
                bool sameKey = false;
                for (const auto &[name, value] : r.headers)
                    sameKey = sameKey || (name.toLower() == "idempotency-key" && value == header(k, "Idempotency-Key").toUtf8());
                return sameKey && r.target == QUrl(k.url).path().toUtf8();
            });
            QVERIFY2(match != received.end(), qPrintable(k.url));
            const Received r = *match;
            received.erase(match);
            QVERIFY(k.requestKept);
            QCOMPARE(k.method.toUtf8(), r.method);
            QCOMPARE(QUrl(k.url).path().toUtf8(), r.target);
            QCOMPARE(k.requestBody, r.body); // byte for byte
            for (const auto &[name, value] : r.headers) {
                const auto stored = std::find_if(k.requestHeaders.cbegin(), k.requestHeaders.cend(), [&](const HttpHeader &h) {
                    return h.name.compare(QString::fromLatin1(name), Qt::CaseInsensitive) == 0;
                });
                if (stored == k.requestHeaders.cend()) {
                    QVERIFY2(transport.contains(name.toLower()), name.constData());
                    continue;
                }
                if (name.toLower() == "authorization") {
                    QVERIFY(value.startsWith("Bearer ") && value.size() > 20);
                    QCOMPARE(stored->value, QStringLiteral("Bearer \u2039redacted\u203a"));
                } else if (name.toLower() == "x-request-signature") {
                    QCOMPARE(value, apiKey);
                    QCOMPARE(stored->value, HttpExchange::redactedMark());
                } else {
                    QCOMPARE(stored->value.toUtf8(), value);
                }
            }
            for (const HttpHeader &h : k.requestHeaders) { // nothing kept that was not sent
                const bool sent = std::any_of(r.headers.cbegin(), r.headers.cend(), [&](const auto &pair) {
                    return h.name.compare(QString::fromLatin1(pair.first), Qt::CaseInsensitive) == 0;
                });
                QVERIFY2(sent, qPrintable(h.name));
            }
            QCOMPARE(header(k, "Idempotency-Key"),
                     o.instance + QLatin1Char('/') + k.step + QLatin1Char('/') + operationKindName(k.operation));
            QCOMPARE(header(k, "Saga-Instance"), o.instance);
            QCOMPARE(header(k, "X-Tenant"), QStringLiteral("acme"));
            QCOMPARE(header(k, "Content-Type"), k.requestBody.isEmpty() ? QString() : QStringLiteral("application/json"));
        }
        QVERIFY(received.isEmpty());
        // One attempt, two requests: the 401 and the one with a new token.
        const QList<HttpAttemptRecord> payment = readLog([&](QString *e) {
            return log->httpAttempts(o.instance, QStringLiteral("take_payment"), OperationKind::Action, 1, e);
        });
        QCOMPARE(payment.size(), 2);
        QCOMPARE(payment.at(0).status, 401);
        QCOMPARE(payment.at(0).outcome, QStringLiteral("reauthorized"));
        QCOMPARE(payment.at(1).status, 201);
        QCOMPARE(payment.at(1).outcome, QStringLiteral("succeeded"));
        QCOMPARE(payment.at(0).requestBody, payment.at(1).requestBody);
        QVERIFY(readLog([&](QString *e) {
                    return log->httpAttempts(o.instance, QStringLiteral("take_payment"), OperationKind::Action, 2, e);
                }).isEmpty());
        // What the loader of the HTTP Exchange panel reads is the same.
        HttpExchange exchange;
        exchange.setLogPath(o.log);
        QString loadError;
        QCOMPARE(exchange.load({o.instance, QStringLiteral("take_payment"), OperationKind::Action, 1}, &loadError), payment);
        QVERIFY2(loadError.isEmpty(), qPrintable(loadError));
        QVERIFY(secured.issuedTokens().size() >= 2);
        for (const QString &name : QDir(m_dir.path()).entryList({QFileInfo(o.log).fileName() + QLatin1Char('*')}, QDir::Files)) {
            QFile file(m_dir.filePath(name));
            QVERIFY(file.open(QIODevice::ReadOnly));
            const QByteArray bytes = file.readAll();
            for (const QByteArray &token : secured.issuedTokens())
                QVERIFY2(!bytes.contains(token), qPrintable(name + QStringLiteral(" holds a token")));
            // (The API key is in the saga's own definition, which the log keeps in `runs`: a fixed
            // header is part of the .saga file. Its requests keep it redacted, checked above.)
            QVERIFY2(!bytes.contains(secret), qPrintable(name + QStringLiteral(" holds the secret")));
        }
    }

    void noFileARunWroteHoldsTheSecretOrAToken()
    {
        Demo::DemoServices secured;
        QString error;
        const QByteArray secret = "grep-me-if-you-can-7f3a91";
        // 1 s tokens: several are issued.
        const quint16 port = Test::startSecured(secured, m_dir.filePath(QStringLiteral("grep.sqlite")), secret, 1, &error);
        QVERIFY2(port, qPrintable(error));
        const QString base = QStringLiteral("http://127.0.0.1:%1").arg(port);
        QTemporaryDir out;
        const SagaDefinition saga = withOAuth(base);
        const QString sagaPath = out.filePath(QStringLiteral("secured.saga"));
        QVERIFY(SagaFile::save(saga, sagaPath, &error));
        QFile inputFile(out.filePath(QStringLiteral("input.json")));
        QVERIFY(inputFile.open(QIODevice::WriteOnly));
        inputFile.write(QJsonDocument(input("alice", 10)).toJson());
        inputFile.close();

        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        for (const Service &service : saga.services)
            environment.insert(secretVariable(service.id), QString::fromUtf8(secret));
        for (const char *options : {"--json", "", "--quiet"}) {
            QProcess cli;
            cli.setProcessEnvironment(environment);
            cli.setStandardOutputFile(out.filePath(QStringLiteral("stdout%1.txt").arg(qstrlen(options))));
            cli.setStandardErrorFile(out.filePath(QStringLiteral("stderr%1.txt").arg(qstrlen(options))));
            QStringList arguments{QStringLiteral("run"), sagaPath, QStringLiteral("--db"), out.filePath(QStringLiteral("run.db")),
                                  QStringLiteral("--input"), inputFile.fileName(), QStringLiteral("--instances"), QStringLiteral("3")};
            if (qstrlen(options))
                arguments.append(QLatin1String(options));
            QSignalSpy finished(&cli, &QProcess::finished);
            cli.start(QStringLiteral(SAGASCOPE_CLI_PATH), arguments);
            QVERIFY(finished.wait(30000)); // the services answer from this process's event loop
            QCOMPARE(cli.exitCode(), 0);
            QTest::qWait(1100); // the next run needs new tokens
        }
        QVERIFY(secured.issuedTokens().size() >= 10);
        // Every file of the run: the log (and its WAL), the trace, the summary, the saga file.
        int files = 0;
        QDirIterator it(out.path(), QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
        while (it.hasNext()) {
            QFile file(it.next());
            QVERIFY(file.open(QIODevice::ReadOnly));
            const QByteArray bytes = file.readAll();
            ++files;
            QVERIFY2(!bytes.contains(secret), qPrintable(file.fileName()));
            QVERIFY2(!bytes.contains(QByteArray("sagascope:" + secret).toBase64()), qPrintable(file.fileName()));
            for (const QByteArray &token : secured.issuedTokens())
                QVERIFY2(!bytes.contains(token), qPrintable(file.fileName() + QStringLiteral(" holds a token")));
        }
        QVERIFY(files >= 8);
        const QByteArray trace = [&] {
            QFile f(out.filePath(QStringLiteral("stdout6.txt")));
            return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
        }();
        QVERIFY(trace.contains("\"saga_completed\"")); // the grep looked at a real trace
    }

    void version4LogIsUpgraded()
    {
        const QString db = m_dir.filePath(QStringLiteral("v4.db"));
        QString error;
        {
            auto log = SagaLog::open(db, {}, &error);
            QVERIFY2(log, qPrintable(error));
            QVERIFY(log->beginRun("{}", RunOptions{}, &error));
        }
        {
            // What version 4 wrote: no tables of remote endpoints.
            QSqlDatabase raw = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("v4-raw"));
            raw.setDatabaseName(db);
            QVERIFY(raw.open());
            QSqlQuery q(raw);
            QVERIFY(q.exec(QStringLiteral("DROP TABLE results")));
            QVERIFY(q.exec(QStringLiteral("DROP TABLE http_attempts")));
            QVERIFY(q.exec(QStringLiteral("DROP TABLE resumes"))); // version 6
            QVERIFY(q.exec(QStringLiteral("PRAGMA user_version = 4")));
            q.finish();
            raw.close();
        }
        QSqlDatabase::removeDatabase(QStringLiteral("v4-raw"));
        {
            SagaLog::OpenOptions readOnly; // inspect, the monitor: read as it is
            readOnly.readOnly = true;
            auto log = SagaLog::open(db, readOnly, &error);
            QVERIFY2(log, qPrintable(error));
            QVERIFY(readLog([&](QString *e) { return log->results(false, e); }).isEmpty());
            QVERIFY(log->httpAttempts(QStringLiteral("x"), &error).isEmpty());
            QVERIFY2(error.isEmpty(), qPrintable(error));
            QCOMPARE(log->pragma(QStringLiteral("user_version")).toInt(), 4);
        }
        auto log = SagaLog::open(db, {}, &error); // run, recover: upgraded
        QVERIFY2(log, qPrintable(error));
        QCOMPARE(log->pragma(QStringLiteral("user_version")).toInt(), SagaLog::SchemaVersion);
        const auto run = log->beginRun("{}", RunOptions{}, &error);
        QVERIFY(run);
        log->appendInstance(InstanceRecord{run->firstInstance, QStringLiteral("i"), run->id, 0, InstanceStatus::Running, {}});
        log->appendResult(QStringLiteral("i"), QStringLiteral("s"), "{\"id\":1}");
        HttpAttemptRecord attempt;
        attempt.step = QStringLiteral("s");
        attempt.method = QStringLiteral("POST");
        attempt.url = QStringLiteral("http://127.0.0.1:1/x");
        attempt.status = 201;
        attempt.outcome = QStringLiteral("succeeded");
        log->appendHttpAttempt(QStringLiteral("i"), attempt);
        QVERIFY2(log->commit(), qPrintable(log->lastError()));
        QCOMPARE(readLog([&](QString *e) { return log->results(false, e); }).size(), 1);
        QCOMPARE(readLog([&](QString *e) { return log->httpAttempts(QStringLiteral("i"), e); }).size(), 1);
        QCOMPARE(log->integrityCheck(), QStringLiteral("ok"));
    }

    /** Version 6 kept no request: its rows are read with requestKept false (the panel says "not
     *  kept by this log's version"), and opening it for writing adds the columns (schema 7). */
    void version6LogIsUpgraded()
    {
        const QString db = m_dir.filePath(QStringLiteral("v6.db"));
        QString error;
        {
            auto log = SagaLog::open(db, {}, &error);
            QVERIFY2(log, qPrintable(error));
            const auto run = log->beginRun("{}", RunOptions{}, &error);
            QVERIFY(run);
            log->appendInstance(InstanceRecord{run->firstInstance, QStringLiteral("old"), run->id, 0, InstanceStatus::Running, {}});
            QVERIFY2(log->commit(), qPrintable(log->lastError()));
        }
        {
            // What version 6 wrote: http_attempts without the request, and one row of it.
            QSqlDatabase raw = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("v6-raw"));
            raw.setDatabaseName(db);
            QVERIFY(raw.open());
            QSqlQuery q(raw);
            QVERIFY(q.exec(QStringLiteral("DROP INDEX http_attempts_by_attempt")));
            QVERIFY(q.exec(QStringLiteral("ALTER TABLE http_attempts DROP COLUMN request_headers")));
            QVERIFY(q.exec(QStringLiteral("ALTER TABLE http_attempts DROP COLUMN request_body")));
            QVERIFY(q.exec(QStringLiteral("INSERT INTO http_attempts(instance, step, operation, attempt, method, url, status, "
                                          "duration_ms, reply, outcome, error) SELECT number, 's', 'action', 1, 'POST', "
                                          "'http://127.0.0.1:1/x', 201, 7, '{}', 'succeeded', NULL FROM instances")));
            QVERIFY(q.exec(QStringLiteral("PRAGMA user_version = 6")));
            q.finish();
            raw.close();
        }
        QSqlDatabase::removeDatabase(QStringLiteral("v6-raw"));
        const HttpAttemptKey key{QStringLiteral("old"), QStringLiteral("s"), OperationKind::Action, 1};
        {
            HttpExchange exchange; // read-only, as the panel reads: as it is
            exchange.setLogPath(db);
            const QList<HttpAttemptRecord> rows = exchange.load(key, &error);
            QVERIFY2(error.isEmpty(), qPrintable(error));
            QCOMPARE(rows.size(), 1);
            QVERIFY(!rows.first().requestKept);
            QCOMPARE(rows.first().status, 201);
            QCOMPARE(exchange.schemaVersion(), 6);
            QVERIFY(HttpExchange::toText(key, rows).contains(QLatin1String("not kept by this log")));
        }
        auto log = SagaLog::open(db, {}, &error); // run, recover: upgraded
        QVERIFY2(log, qPrintable(error));
        QCOMPARE(log->pragma(QStringLiteral("user_version")).toInt(), 7);
        log->setInstanceNumber(QStringLiteral("old"), 1);
        HttpAttemptRecord attempt;
        attempt.step = QStringLiteral("s");
        attempt.attempt = 2;
        attempt.method = QStringLiteral("POST");
        attempt.url = QStringLiteral("http://127.0.0.1:1/x");
        attempt.status = 503;
        attempt.outcome = QStringLiteral("technical");
        attempt.requestHeaders = {{QStringLiteral("Idempotency-Key"), QStringLiteral("old/s/action")},
                                  {QStringLiteral("Authorization"), QStringLiteral("Bearer \u2039redacted\u203a")}};
        attempt.requestBody = "{\"a\":1}";
        log->appendHttpAttempt(QStringLiteral("old"), attempt);
        QVERIFY2(log->commit(), qPrintable(log->lastError()));
        const QList<HttpAttemptRecord> all = readLog([&](QString *e) { return log->httpAttempts(QStringLiteral("old"), e); });
        QCOMPARE(all.size(), 2);
        QVERIFY(!all.at(0).requestKept); // NULL: not kept by the version that wrote it
        QVERIFY(all.at(1).requestKept);
        QCOMPARE(all.at(1).requestHeaders, attempt.requestHeaders);
        QCOMPARE(all.at(1).requestBody, attempt.requestBody);
        QCOMPARE(readLog([&](QString *e) { return log->httpAttempts(QStringLiteral("old"), QStringLiteral("s"),
                                                                    OperationKind::Action, 2, e); }).size(), 1);
        QCOMPARE(log->integrityCheck(), QStringLiteral("ok"));
    }

    void redactsCredentials()
    {
        QCOMPARE(HttpExchange::redactedValue(QStringLiteral("Authorization"), QStringLiteral("Bearer abc.def")),
                 QStringLiteral("Bearer \u2039redacted\u203a"));
        QCOMPARE(HttpExchange::redactedValue(QStringLiteral("proxy-authorization"), QStringLiteral("Basic dXNlcjpwYXNz")),
                 QStringLiteral("Basic \u2039redacted\u203a"));
        QCOMPARE(HttpExchange::redactedValue(QStringLiteral("Authorization"), QStringLiteral("tokenwithoutscheme")),
                 HttpExchange::redactedMark());
        for (const char *name : {"Cookie", "X-Api-Key", "x_api_key", "X-Auth-Token", "X-Client-Secret", "Api-Key",
                                 "X-Session-Id", "X-Amz-Security-Token"})
            QCOMPARE(HttpExchange::redactedValue(QLatin1String(name), QStringLiteral("v")), HttpExchange::redactedMark());
        for (const char *name : {"Idempotency-Key", "Saga-Instance", "Saga-Compensates", "Content-Type", "X-Tenant", "Accept"})
            QCOMPARE(HttpExchange::redactedValue(QLatin1String(name), QStringLiteral("v")), QStringLiteral("v"));
    }

    void classifiesReplies()
    {
        using S = Reply::Status;
        const auto a = OperationKind::Action, c = OperationKind::Compensation;
        for (int status : {200, 201, 204})
            QCOMPARE(HttpParticipant::classify(status, a), S::Succeeded);
        for (int status : {408, 425, 429, 500, 502, 503, 504})
            QCOMPARE(HttpParticipant::classify(status, a), S::TechnicalFailure);
        for (int status : {400, 401, 402, 403, 404, 409, 410, 422})
            QCOMPARE(HttpParticipant::classify(status, a), S::BusinessFailure);
        QCOMPARE(HttpParticipant::classify(404, c), S::Succeeded);
        QCOMPARE(HttpParticipant::classify(410, c), S::Succeeded);
        QCOMPARE(HttpParticipant::classify(409, c), S::BusinessFailure);
        const QDateTime now = QDateTime::fromString(QStringLiteral("2026-12-02T06:00:00Z"), Qt::ISODate);
        QCOMPARE(HttpParticipant::parseRetryAfter("120", now), 120000);
        QCOMPARE(HttpParticipant::parseRetryAfter("Wed, 02 Dec 2026 06:00:30 GMT", now), 30000);
        QCOMPARE(HttpParticipant::parseRetryAfter("soon", now), -1);
        QCOMPARE(HttpParticipant::parseRetryAfter("", now), -1);
    }
};

QTEST_GUILESS_MAIN(TestRemoteEngine)
#include "tst_remoteengine.moc"
