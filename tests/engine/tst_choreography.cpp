// SPDX-License-Identifier: MIT
// SPEC section 5 on the embedded engine: the broker (publish in the transition's transaction,
// deliver once committed, an inbox per subscription), choreographed execution and rollback by
// events, mixed sagas, the final states, and the equivalence of the two forms of a saga.

#include "enginetesthelpers.h"
#include "../model/sagabuilder.h"
#include "sagaconvert.h"

#include <QDir>
#include <QSqlDatabase>
#include <QRegularExpression>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>

using namespace Sagascope;
using namespace Sagascope::Test;

namespace {

/** Richardson-like chain as events: create -> pay (pivot) -> ship; create undone when pay fails. */
const QByteArray Chain = R"({"format":"sagascope/1","mode":"choreography","start":"OrderRequested","steps":[
  {"id":"create","kind":"compensatable","on":["OrderRequested"],"emits":{"success":"Created"},
   "action":{"name":"create"},"compensation":{"name":"reject","on":["PayFailed"],"emits":"Rejected"}},
  {"id":"pay","kind":"pivot","on":["Created"],"emits":{"success":"Paid","failure":"PayFailed"},"action":{"name":"pay"}},
  {"id":"ship","kind":"retriable","idempotent":true,"on":["Paid"],"action":{"name":"ship"}}]})";

/** Per step of `definition`: "applied/compensated" from the ledger, and the final status. */
QString outcome(const SagaDefinition &definition, const RunResult &result)
{
    QStringList parts;
    const QString id = result.instanceIds.value(0);
    for (int s = 0; s < definition.steps.size(); ++s) {
        const EffectsLedger::Counts c = result.ledger->counts(id, s);
        parts.append(QStringLiteral("%1=%2/%3").arg(definition.steps.at(s).id).arg(c.applied).arg(c.compensated));
    }
    const QString status = result.completed ? QStringLiteral("completed")
                         : result.compensated ? QStringLiteral("compensated") : QStringLiteral("stuck");
    return status + QLatin1Char(' ') + parts.join(QLatin1Char(' '));
}

/** The single-step failures of `definition`, at every failure point (a compensatable step or the
 *  pivot): a business failure, attempts run out, every attempt timed out. A retriable step cannot
 *  fail (SPEC section 2): it is retried until it succeeds. */
QStringList singleStepFailures(const SagaDefinition &definition)
{
    QStringList failures;
    for (const Step &step : definition.steps) {
        if (step.kind == StepKind::Retriable)
            continue;
        failures.append(step.id + QStringLiteral("=business"));
        failures.append(step.id + QStringLiteral("=technical:99"));
        failures.append(step.id + QStringLiteral("=timeout:99"));
    }
    return failures;
}

} // namespace

class TestChoreography : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void chainCompletes()
    {
        const RunResult r = runSaga(parseSaga(Chain), options());
        QCOMPARE(r.completed, 1);
        QCOMPARE(r.trace(), (QStringList{
            "0 saga_started",
            "0 event_published OrderRequested /1",
            "0 event_delivered create OrderRequested /1",
            "0 step_started create #1",
            "0 step_succeeded create #1",
            "0 event_published create Created /2",
            "0 event_delivered pay Created /2",
            "0 step_started pay #1",
            "0 step_succeeded pay #1",
            "0 event_published pay Paid /3",
            "0 event_delivered ship Paid /3",
            "0 step_started ship #1",
            "0 step_succeeded ship #1",
            "0 saga_completed",
        }));
        // Every event carries its id (instance/n), its type and the instance (correlation id).
        const TraceEvent &published = r.events.at(5);
        QCOMPARE(published.eventId, r.instanceIds.first() + QStringLiteral("/2"));
        QCOMPARE(QString::fromUtf8(published.toJson()),
                 QStringLiteral(R"({"instance":"%1","seq":6,"t":0,"step":"create","event":"event_published","type":"Created","eventId":"%1/2"})")
                     .arg(r.instanceIds.first()));
    }

    void pivotFailureRollsBackByEvents()
    {
        const SagaDefinition saga = parseSaga(Chain);
        const RunResult r = runSaga(saga, options({QStringLiteral("pay=business")}));
        QCOMPARE(r.compensated, 1);
        QCOMPARE(r.trace().mid(7), (QStringList{
            "0 step_started pay #1",
            "0 step_failed pay #1 business",
            "0 event_published pay PayFailed /3",
            "0 event_delivered create PayFailed /3 >compensation",
            "0 compensation_started create #1",
            "0 compensation_succeeded create #1",
            "0 event_published create Rejected /4",
            "0 saga_compensated | rolled back: pay failed (business)",
        }));
        QCOMPARE(outcome(saga, r), QStringLiteral("compensated create=1/1 pay=0/0 ship=0/0"));
    }

    void pivotOutcomeUnknownIsStuckWithoutFailureEvent()
    {
        const SagaDefinition saga = parseSaga(Chain);
        const RunResult r = runSaga(saga, options({QStringLiteral("pay=technical:99")}));
        QCOMPARE(r.stuck, 1);
        QVERIFY(!r.trace().join(QLatin1Char('\n')).contains(QLatin1String("PayFailed")));
        QCOMPARE(r.trace().last(), QStringLiteral("309 saga_stuck | the pivot pay ran out of its 3 attempts"));
    }

    void stuckNamesTheMissingEvents()
    {
        QByteArray json = Chain;
        json.replace(R"("on":["Paid"])", R"("on":["Paid","Packed"])");
        const RunResult r = runSaga(parseSaga(json), options());
        QCOMPARE(r.stuck, 1);
        QCOMPARE(r.trace().last(), QStringLiteral("0 saga_stuck | waiting for events that no one will publish: ship waits for Packed"));
    }

    void incompleteRollbackIsStuck()
    {
        // create's compensation listens to nothing (SAGA023): when pay fails nothing undoes create.
        QByteArray json = Chain;
        json.replace(R"("on":["PayFailed"],)", "");
        const SagaDefinition saga = parseSaga(json);
        QVERIFY(findings(saga).contains(QStringLiteral("SAGA023:create,pay")));
        const RunResult r = runSaga(saga, options({QStringLiteral("pay=business")}));
        QCOMPARE(r.stuck, 1);
        QCOMPARE(r.trace().last(), QStringLiteral("0 saga_stuck | the rollback is incomplete: no event reached the compensation of create"));
        QCOMPARE(outcome(saga, r), QStringLiteral("stuck create=1/0 pay=0/0 ship=0/0"));
    }

    void compensationWaitsForTheActionInFlightAndCancelsThePending()
    {
        // a fails at once; b is in flight (30 ms) and is compensated once it succeeds; c waits for
        // b's success and is cancelled by a's failure before it can start.
        const SagaDefinition saga = parseSaga(R"({"format":"sagascope/1","mode":"choreography","steps":[
          {"id":"a","kind":"compensatable","on":["SagaStarted"],"emits":{"success":"A","failure":"AFailed"},
           "action":{"name":"a"},"compensation":{"name":"ua","on":["AFailed"]}},
          {"id":"b","kind":"compensatable","on":["SagaStarted"],"emits":{"success":"B"},
           "action":{"name":"b","sim":{"latencyMs":30}},"compensation":{"name":"ub","on":["AFailed"]}},
          {"id":"c","kind":"compensatable","on":["B"],"emits":{"success":"C"},
           "action":{"name":"c"},"compensation":{"name":"uc","on":["AFailed"]}},
          {"id":"p","kind":"pivot","on":["A","C"],"action":{"name":"p"}}]})");
        const RunResult r = runSaga(saga, options({QStringLiteral("a=business")}));
        QCOMPARE(r.compensated, 1);
        QCOMPARE(outcome(saga, r), QStringLiteral("compensated a=0/0 b=1/1 c=0/0 p=0/0"));
        const QStringList trace = r.trace();
        QVERIFY(trace.contains(QStringLiteral("0 event_delivered c AFailed /2 >compensation")));
        QVERIFY(!trace.join(QLatin1Char('\n')).contains(QLatin1String("step_started c")));
        // b's compensation was called for at 0 and ran when b's action succeeded at 30.
        const qsizetype delivered = trace.indexOf(QStringLiteral("0 event_delivered b AFailed /2 >compensation"));
        const qsizetype succeeded = trace.indexOf(QStringLiteral("30 step_succeeded b #1"));
        QVERIFY(delivered >= 0 && succeeded > delivered);
        QCOMPARE(trace.at(succeeded + 1), QStringLiteral("30 event_published b B /3"));
        QCOMPARE(trace.at(succeeded + 2), QStringLiteral("30 compensation_started b #1"));
        // B is still delivered to c (at least once, to every subscription), which stays cancelled.
        QVERIFY(trace.contains(QStringLiteral("30 event_delivered c B /3")));
        QCOMPARE(trace.last(), QStringLiteral("30 saga_compensated | rolled back: a failed (business)"));
    }

    void timedOutStepCompensatesItself()
    {
        // A timed-out attempt has an unknown effect: the step's own failure event compensates it.
        QByteArray json = Chain;
        json.replace(R"("emits":{"success":"Created"})", R"("emits":{"success":"Created","failure":"CreateFailed"})");
        json.replace(R"("on":["PayFailed"])", R"("on":["PayFailed","CreateFailed"])");
        const SagaDefinition saga = parseSaga(json);
        const RunResult r = runSaga(saga, options({QStringLiteral("create=timeout:99")}));
        QCOMPARE(r.compensated, 1);
        QCOMPARE(outcome(saga, r), QStringLiteral("compensated create=1/1 pay=0/0 ship=0/0"));
    }

    void mixedSagaTailReactsAfterThePivot()
    {
        const LoadResult loaded = SagaFile::load(QStringLiteral(SAGASCOPE_EXAMPLES_DIR "/order-mixed.saga"));
        QVERIFY(loaded.ok());
        const SagaDefinition &saga = *loaded.definition;
        RunResult r = runSaga(saga, options());
        QCOMPARE(r.completed, 1);
        QStringList trace = r.trace();
        const qsizetype approved = trace.indexOf(QRegularExpression(QStringLiteral("^\\d+ event_published approve_order OrderApproved /2$")));
        QVERIFY2(approved > 0, qPrintable(trace.join(QLatin1Char('\n'))));
        QVERIFY(trace.at(approved + 1).contains(QLatin1String("event_delivered notify_customer OrderApproved /2")));
        QVERIFY(trace.at(approved + 2).contains(QLatin1String("event_delivered award_points OrderApproved /2")));
        QVERIFY(trace.indexOf(QRegularExpression(QStringLiteral(".*step_started notify_customer.*"))) > approved);
        QCOMPARE(outcome(saga, r), QStringLiteral("completed create_order=1/0 reserve_stock=1/0 take_payment=1/0 "
                                                  "approve_order=1/0 notify_customer=1/0 award_points=1/0"));
        // The orchestrator rolls the core back; the tail never hears of an approval.
        r = runSaga(saga, options({QStringLiteral("take_payment=business")}));
        QCOMPARE(r.compensated, 1);
        QVERIFY(!r.trace().join(QLatin1Char('\n')).contains(QLatin1String("OrderApproved")));
        QCOMPARE(outcome(saga, r), QStringLiteral("compensated create_order=1/1 reserve_stock=1/1 take_payment=0/0 "
                                                  "approve_order=0/0 notify_customer=0/0 award_points=0/0"));
    }

    void exampleChoreographyRunsEveryFailure()
    {
        const LoadResult loaded = SagaFile::load(QStringLiteral(SAGASCOPE_EXAMPLES_DIR "/order-choreography.saga"));
        QVERIFY(loaded.ok());
        const SagaDefinition &saga = *loaded.definition;
        RunResult r = runSaga(saga, options());
        QCOMPARE(r.completed, 1);
        QCOMPARE(outcome(saga, r), QStringLiteral("completed create_order=1/0 verify_consumer=1/0 create_ticket=1/0 "
                                                  "authorize_card=1/0 approve_ticket=1/0 approve_order=1/0"));
        r = runSaga(saga, options({QStringLiteral("authorize_card=business")}));
        QCOMPARE(r.compensated, 1);
        QCOMPARE(outcome(saga, r), QStringLiteral("compensated create_order=1/1 verify_consumer=1/1 create_ticket=1/1 "
                                                  "authorize_card=0/0 approve_ticket=0/0 approve_order=0/0"));
        // The chain: the card's failure rejects the ticket, whose TicketRejected rejects the order.
        const QStringList trace = r.trace();
        const auto at = [&](const QString &pattern) {
            return trace.indexOf(QRegularExpression(QStringLiteral(".*") + pattern + QStringLiteral(".*")));
        };
        QVERIFY(at(QStringLiteral("event_published create_ticket TicketRejected")) < at(QStringLiteral("event_delivered create_order TicketRejected")));
        QVERIFY(at(QStringLiteral("compensation_succeeded create_ticket")) < at(QStringLiteral("compensation_started create_order")));
    }

    void bothFormsReachTheSameLedger_data()
    {
        QTest::addColumn<QString>("file");
        const QDir examples(QStringLiteral(SAGASCOPE_EXAMPLES_DIR));
        for (const QString &file : examples.entryList({QStringLiteral("*.saga")}, QDir::Files))
            QTest::newRow(qPrintable(file)) << examples.filePath(file);
        QTest::newRow("generated") << QString();
    }

    void bothFormsReachTheSameLedger()
    {
        // SPEC section 5: convert gives forms that run to the same effects ledger (and final
        // state) for every single-step failure.
        QFETCH(QString, file);
        QList<SagaDefinition> sagas;
        if (file.isEmpty()) {
            QRandomGenerator rng(20261202);
            for (int k = 0; k < 60; ++k)
                sagas.append(randomOrchestratedSaga(rng));
        } else {
            const LoadResult loaded = SagaFile::load(file);
            QVERIFY(loaded.ok());
            sagas.append(*loaded.definition);
        }
        int compared = 0;
        for (const SagaDefinition &saga : std::as_const(sagas)) {
            const std::optional<SagaDefinition> orchestration = SagaConvert::toOrchestration(saga);
            if (!orchestration)
                continue; // reacts to a failure: no orchestrated form
            const std::optional<SagaDefinition> choreography = SagaConvert::toChoreography(*orchestration);
            QVERIFY(choreography);
            QStringList failures = singleStepFailures(saga);
            failures.prepend(QString()); // and no failure at all
            for (const QString &failure : std::as_const(failures)) {
                const RunOptions o = options(failure.isEmpty() ? QStringList() : QStringList{failure});
                const QString a = outcome(*orchestration, runSaga(*orchestration, o));
                const QString b = outcome(*choreography, runSaga(*choreography, o));
                QVERIFY2(a == b, qPrintable(QStringLiteral("%1 %2:\norchestration %3\nchoreography  %4\n%5")
                                                .arg(saga.name, failure, a, b, QString::fromUtf8(SagaFile::serialize(*choreography)))));
                ++compared;
            }
        }
        QVERIFY(compared > 0);
    }

    void durableOutboxAndInbox()
    {
        // In the saga log, each published event is one outbox row, handled once by each
        // subscription (one inbox row), in the transaction of the transition it caused.
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("broker.db"));
        QString error;
        {
            auto log = SagaLog::open(path, {}, &error);
            QVERIFY2(log, qPrintable(error));
            const RunResult r = runSaga(parseSaga(Chain), options({QStringLiteral("pay=business")}, {}, 5), log.get());
            QCOMPARE(r.compensated, 5);
        }
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("broker"));
        db.setDatabaseName(path);
        QVERIFY(db.open());
        {
            QSqlQuery q(db);
            QVERIFY(q.exec(QStringLiteral("SELECT count(*), count(DISTINCT instance_id || event_id) FROM outbox")) && q.next());
            QCOMPARE(q.value(0).toInt(), 5 * 4); // OrderRequested, Created, PayFailed, Rejected
            QCOMPARE(q.value(1).toInt(), 5 * 4);
            QVERIFY(q.exec(QStringLiteral("SELECT type, source, payload FROM outbox WHERE type = 'Created' LIMIT 1")) && q.next());
            QCOMPARE(q.value(1).toString(), QStringLiteral("create"));
            QCOMPARE(q.value(2).toString(), QStringLiteral("{}"));
            QVERIFY(q.exec(QStringLiteral("SELECT subscriber, subscription, type, count(*) FROM inbox GROUP BY 1, 2, 3 ORDER BY 1, 2, 3")));
            QStringList rows;
            while (q.next())
                rows.append(QStringLiteral("%1 %2 %3 %4").arg(q.value(0).toString(), q.value(1).toString(), q.value(2).toString())
                                .arg(q.value(3).toInt()));
            QCOMPARE(rows, (QStringList{"create action OrderRequested 5", "create compensation PayFailed 5",
                                        "pay action Created 5"}));
            // The inbox refuses a second handling of one event by one subscription.
            QVERIFY(!q.exec(QStringLiteral("INSERT INTO events(instance, seq, t, step, event, message) "
                                           "SELECT instance, 999, 0, step, event, message FROM events "
                                           "WHERE event = 'event_delivered' LIMIT 1")));
            QVERIFY(q.lastError().text().contains(QLatin1String("UNIQUE")));
        }
        db.close();
        db = QSqlDatabase();
        QSqlDatabase::removeDatabase(QStringLiteral("broker"));
    }
};

QTEST_GUILESS_MAIN(TestChoreography)
#include "tst_choreography.moc"
