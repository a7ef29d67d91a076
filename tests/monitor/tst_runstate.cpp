// SPDX-License-Identifier: MIT
// RunState: the reducer from trace events to run state. Every step's phase is checked after
// every prefix of hand-written traces; replay at event k equals applying the first k events.
#include "monitortesthelpers.h"
#include "runstate.h"

#include <QTest>

using namespace Sagascope;
using namespace Sagascope::Test;

namespace {

/** One letter a phase: the state of a whole instance reads as a short string. */
QChar phaseCode(StepPhase phase)
{
    switch (phase) {
    case StepPhase::Pending: return u'-';
    case StepPhase::Running: return u'R';
    case StepPhase::Retrying: return u'r';
    case StepPhase::Succeeded: return u'S';
    case StepPhase::FailedTechnical: return u'T';
    case StepPhase::FailedTimeout: return u'O';
    case StepPhase::FailedBusiness: return u'B';
    case StepPhase::Compensating: return u'C';
    case StepPhase::Compensated: return u'K';
    case StepPhase::CompensationRetrying: return u'c';
    case StepPhase::Stuck: return u'X';
    }
    return u'?';
}

QString phases(const RunState &state, const QString &instance)
{
    const InstanceRunState *i = state.instance(instance);
    if (!i)
        return QStringLiteral("<none>");
    QString out;
    for (const StepRunState &step : i->steps)
        out += phaseCode(step.phase);
    return out;
}

/** Applies `trace` one event at a time and compares every step's phase with `expected[k]`. */
void checkEveryPrefix(const SagaDefinition &definition, const QList<TraceEvent> &trace, const QStringList &expected)
{
    QCOMPARE(trace.size(), expected.size());
    RunState state(definition);
    for (qsizetype k = 0; k < trace.size(); ++k) {
        QVERIFY2(state.apply(trace.at(k)), qPrintable(QString::fromUtf8(trace.at(k).toJson())));
        const QString got = phases(state, trace.at(k).instance);
        if (got != expected.at(k))
            QFAIL(qPrintable(QStringLiteral("after event %1 (%2): phases %3, expected %4")
                                 .arg(k + 1)
                                 .arg(QString::fromUtf8(trace.at(k).toJson()), got, expected.at(k))));
        // The heat overlay agrees with the instances: every instance is in exactly one phase.
        for (int s = 0; s < state.stepCount(); ++s) {
            int sum = 0;
            for (int p = 0; p < StepPhaseCount; ++p)
                sum += state.stepPhaseCount(s, StepPhase(p));
            QCOMPARE(sum, state.instanceCount());
        }
    }
}

} // namespace

class TestRunState : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void tracesParse();
    void linearRollback();
    void timeoutIsCompensated();
    void retriesAfterPivot();
    void stuckPivot();
    void stuckCompensation();
    void rollbackCancelsRetry();
    void replayEqualsPrefix_data();
    void replayEqualsPrefix();
    void heatCountsAcrossInstances();
    void unknownStepAndLateEventsIgnored();
    void touchedRange();
    void twoPhaseVotesOnTheCards();
};

void TestRunState::tracesParse()
{
    QCOMPARE(parseTrace(rollbackTrace()).size(), 12);
    QCOMPARE(parseTrace(timeoutTrace()).size(), 16);
    QCOMPARE(parseTrace(retryTrace()).size(), 18);
    QCOMPARE(parseTrace(stuckTrace()).size(), 14);
}

void TestRunState::linearRollback()
{
    const QList<TraceEvent> trace = parseTrace(rollbackTrace());
    checkEveryPrefix(orderCheckout(), trace,
                     {"-----", "R----", "S----", "SR---", "SS---", "SSR--", "SSB--", "SCB--", "SKB--", "CKB--",
                      "KKB--", "KKB--"});
    const QString id = trace.first().instance;
    RunState state(orderCheckout());
    state.apply(trace.mid(0, 6));
    QVERIFY(!state.instance(id)->rollingBack);
    state.apply(trace.at(6)); // take_payment refused: the rollback begins
    QVERIFY(state.instance(id)->rollingBack);
    QCOMPARE(state.instance(id)->rollbackStartedAt, 235);
    QCOMPARE(state.step(id, "take_payment")->lastFailure, FailureKind::Business);
    QCOMPARE(state.step(id, "take_payment")->reason, QStringLiteral("injected business failure"));
    state.apply(trace.mid(7));
    const InstanceRunState *instance = state.instance(id);
    QCOMPARE(instance->status, InstanceStatus::Compensated);
    QCOMPARE(instance->reason, QStringLiteral("rolled back: take_payment failed (business)"));
    QCOMPARE(instance->startedAt, 0);
    QCOMPARE(instance->endedAt, 258);
    QCOMPARE(instance->duration(9999), 258);
    QVERIFY(!state.pivotCommitted(id));
    QCOMPARE(state.step(id, "create_order")->compensationAttempt, 1);
    QCOMPARE(state.step(id, "create_order")->endedAt, 258);
    QCOMPARE(state.statusCount(InstanceStatus::Compensated), 1);
    QCOMPARE(state.statusCount(InstanceStatus::Running), 0);
}

void TestRunState::timeoutIsCompensated()
{
    const QList<TraceEvent> trace = parseTrace(timeoutTrace());
    checkEveryPrefix(orderCheckout(), trace,
                     {"-----", "R----", "S----", "SR---", "SO---", "Sr---", "SR---", "SO---", "Sr---", "SR---",
                      "SO---", "SC---", "SK---", "CK---", "KK---", "KK---"});
    RunState state(orderCheckout());
    state.apply(trace.mid(0, 6));
    const StepRunState *reserve = state.step("a1", "reserve_stock");
    QCOMPARE(reserve->phase, StepPhase::Retrying);
    QCOMPARE(reserve->nextAttemptAt, 2020 + 87);
    QCOMPARE(reserve->attempt, 1);
    QCOMPARE(reserve->maxAttempts, 3);
    QVERIFY(reserve->timedOut);
    QVERIFY(!state.instance("a1")->rollingBack); // attempts left: not yet
    state.apply(trace.mid(6, 3));
    QCOMPARE(state.step("a1", "reserve_stock")->nextAttemptAt, 4107 + 222);
    state.apply(trace.at(9));
    QCOMPARE(state.step("a1", "reserve_stock")->attempt, 3);
    QCOMPARE(state.step("a1", "reserve_stock")->startedAt, 4329);
    QCOMPARE(state.step("a1", "reserve_stock")->nextAttemptAt, -1);
    state.apply(trace.at(10)); // the third timeout: attempts exhausted, the rollback begins
    QVERIFY(state.instance("a1")->rollingBack);
    QCOMPARE(state.instance("a1")->rollbackStartedAt, 6329);
    state.apply(trace.mid(11));
    QCOMPARE(state.instance("a1")->status, InstanceStatus::Compensated);
    QCOMPARE(state.step("a1", "reserve_stock")->compensationAttempt, 1);
}

void TestRunState::retriesAfterPivot()
{
    const QList<TraceEvent> trace = parseTrace(retryTrace());
    checkEveryPrefix(orderCheckout(), trace,
                     {"-----", "R----", "S----", "SR---", "SS---", "SSR--", "SSS--", "SSSR-", "SSST-", "SSSr-",
                      "SSSR-", "SSST-", "SSSr-", "SSSR-", "SSSS-", "SSSSR", "SSSSS", "SSSSS"});
    RunState state(orderCheckout());
    state.apply(trace.mid(0, 6));
    QVERIFY(!state.pivotCommitted("b2"));
    state.apply(trace.at(6));
    QVERIFY(state.pivotCommitted("b2"));
    QCOMPARE(state.instance("b2")->pivotCommittedAt, 235);
    state.apply(trace.mid(7, 3));
    const StepRunState *ship = state.step("b2", "ship_order");
    QCOMPARE(ship->phase, StepPhase::Retrying);
    QCOMPARE(ship->maxAttempts, 0); // retriable: unbounded
    QCOMPARE(ship->nextAttemptAt, 843);
    QCOMPARE(ship->lastFailure, FailureKind::Technical);
    QVERIFY(!state.instance("b2")->rollingBack); // after the pivot only forward
    state.apply(trace.mid(10));
    QCOMPARE(state.instance("b2")->status, InstanceStatus::Completed);
    QVERIFY(state.instance("b2")->reason.isEmpty());
    QCOMPARE(state.step("b2", "ship_order")->attempt, 3);
    QCOMPARE(state.step("b2", "ship_order")->compensationAttempt, 0);
    QCOMPARE(state.statusCount(InstanceStatus::Completed), 1);
}

void TestRunState::stuckPivot()
{
    const QList<TraceEvent> trace = parseTrace(stuckTrace());
    checkEveryPrefix(orderCheckout(), trace,
                     {"-----", "R----", "S----", "SR---", "SS---", "SSR--", "SSO--", "SSr--", "SSR--", "SSO--",
                      "SSr--", "SSR--", "SSO--", "SSX--"});
    RunState state(orderCheckout());
    state.apply(trace);
    const InstanceRunState *instance = state.instance("c3");
    QCOMPARE(instance->status, InstanceStatus::Stuck);
    QVERIFY(!instance->rollingBack); // a pivot that timed out is never rolled back
    QVERIFY(instance->reason.contains(QStringLiteral("take_payment")));
    QCOMPARE(state.step("c3", "take_payment")->lastFailure, FailureKind::Timeout);
    QVERIFY(!state.pivotCommitted("c3"));
    QCOMPARE(state.stepPhaseCount(2, StepPhase::Stuck), 1);
    QCOMPARE(state.statusCount(InstanceStatus::Stuck), 1);
}

void TestRunState::stuckCompensation()
{
    // create_order's compensation may run twice at most; both attempts fail: stuck.
    SagaDefinition definition = orderCheckout();
    RetryPolicy bounded;
    bounded.maxAttempts = 2;
    definition.steps[0].compensation->retry = bounded;
    const QList<TraceEvent> trace = parseTrace(R"TRACE(
{"instance":"d4","seq":1,"t":0,"event":"saga_started"}
{"instance":"d4","seq":2,"t":0,"step":"create_order","event":"step_started","attempt":1}
{"instance":"d4","seq":3,"t":10,"step":"create_order","event":"step_succeeded","attempt":1}
{"instance":"d4","seq":4,"t":10,"step":"reserve_stock","event":"step_started","attempt":1}
{"instance":"d4","seq":5,"t":30,"step":"reserve_stock","event":"step_failed","attempt":1,"failure":"business","reason":"out of stock"}
{"instance":"d4","seq":6,"t":30,"step":"create_order","event":"compensation_started","attempt":1}
{"instance":"d4","seq":7,"t":40,"step":"create_order","event":"compensation_failed","attempt":1,"failure":"technical","reason":"db down"}
{"instance":"d4","seq":8,"t":40,"step":"create_order","event":"retry_scheduled","attempt":1,"delayMs":100}
{"instance":"d4","seq":9,"t":140,"step":"create_order","event":"compensation_started","attempt":2}
{"instance":"d4","seq":10,"t":150,"step":"create_order","event":"compensation_failed","attempt":2,"failure":"technical","reason":"db down"}
{"instance":"d4","seq":11,"t":150,"event":"saga_stuck","reason":"the compensation of create_order gave up after 2 attempts"}
)TRACE");
    checkEveryPrefix(definition, trace,
                     {"-----", "R----", "S----", "SR---", "SB---", "CB---", "cB---", "cB---", "CB---", "XB---",
                      "XB---"});
    RunState state(definition);
    state.apply(trace.mid(0, 8));
    QCOMPARE(state.step("d4", "create_order")->nextAttemptAt, 140);
    QCOMPARE(state.step("d4", "create_order")->compensationMaxAttempts, 2);
    state.apply(trace.mid(8));
    QCOMPARE(state.instance("d4")->status, InstanceStatus::Stuck);
    QCOMPARE(state.step("d4", "create_order")->reason, QStringLiteral("db down"));
    QCOMPARE(state.step("d4", "reserve_stock")->reason, QStringLiteral("out of stock"));
}

void TestRunState::rollbackCancelsRetry()
{
    // The hotel waits for its retry when the flight is refused: the retry never runs.
    const QList<TraceEvent> trace = parseTrace(R"TRACE(
{"instance":"e5","seq":1,"t":0,"event":"saga_started"}
{"instance":"e5","seq":2,"t":0,"step":"book_hotel","event":"step_started","attempt":1}
{"instance":"e5","seq":3,"t":0,"step":"book_flight","event":"step_started","attempt":1}
{"instance":"e5","seq":4,"t":15,"step":"book_hotel","event":"step_failed","attempt":1,"failure":"technical","reason":"503"}
{"instance":"e5","seq":5,"t":15,"step":"book_hotel","event":"retry_scheduled","attempt":1,"delayMs":100}
{"instance":"e5","seq":6,"t":40,"step":"book_flight","event":"step_failed","attempt":1,"failure":"business","reason":"no seats"}
{"instance":"e5","seq":7,"t":115,"event":"saga_compensated","reason":"rolled back: book_flight failed (business)"}
)TRACE");
    checkEveryPrefix(travelBooking(), trace, {"----", "R---", "RR--", "TR--", "rR--", "rB--", "TB--"});
    RunState state(travelBooking());
    state.apply(trace);
    QCOMPARE(state.step("e5", "book_hotel")->nextAttemptAt, -1);
    QCOMPARE(state.stepPhaseCount(0, StepPhase::Retrying), 0);
    QCOMPARE(state.stepPhaseCount(0, StepPhase::FailedTechnical), 1);
}

void TestRunState::replayEqualsPrefix_data()
{
    QTest::addColumn<QByteArray>("lines");
    QTest::newRow("rollback") << QByteArray(rollbackTrace());
    QTest::newRow("timeout") << QByteArray(timeoutTrace());
    QTest::newRow("retries") << QByteArray(retryTrace());
    QTest::newRow("stuck") << QByteArray(stuckTrace());
    // Four instances interleaved, as a run with concurrency writes them.
    QList<QByteArray> all[4] = {QByteArray(rollbackTrace()).trimmed().split('\n'),
                                QByteArray(timeoutTrace()).trimmed().split('\n'),
                                QByteArray(retryTrace()).trimmed().split('\n'),
                                QByteArray(stuckTrace()).trimmed().split('\n')};
    QByteArray mixed;
    for (int i = 0; i < 20; ++i) {
        for (auto &lines : all) {
            if (i < lines.size())
                mixed += lines.at(i) + '\n';
        }
    }
    QTest::newRow("interleaved") << mixed;
}

void TestRunState::replayEqualsPrefix()
{
    QFETCH(QByteArray, lines);
    const QList<TraceEvent> trace = parseTrace(lines);
    QVERIFY(!trace.isEmpty());
    RunState incremental(orderCheckout());
    QVERIFY(RunState::stateAt(orderCheckout(), trace, 0) == incremental);
    for (qsizetype k = 1; k <= trace.size(); ++k) {
        incremental.apply(trace.at(k - 1));
        const RunState replayed = RunState::stateAt(orderCheckout(), trace, k);
        QVERIFY2(replayed == incremental, qPrintable(QStringLiteral("differs at k = %1").arg(k)));
        // And it is not trivially equal: one event less is another state.
        QVERIFY(RunState::stateAt(orderCheckout(), trace, k - 1) != incremental);
    }
    QVERIFY(RunState::stateAt(orderCheckout(), trace, trace.size() + 5) == incremental); // clamped
}

void TestRunState::heatCountsAcrossInstances()
{
    QList<TraceEvent> all = parseTrace(rollbackTrace());
    all += parseTrace(timeoutTrace());
    all += parseTrace(retryTrace());
    all += parseTrace(stuckTrace());
    RunState state(orderCheckout());
    QCOMPARE(state.apply(all), int(all.size()));
    QCOMPARE(state.instanceCount(), 4);
    QCOMPARE(state.instanceAt(1).id, QStringLiteral("a1")); // order of appearance
    QCOMPARE(state.statusCount(InstanceStatus::Compensated), 2);
    QCOMPARE(state.statusCount(InstanceStatus::Completed), 1);
    QCOMPARE(state.statusCount(InstanceStatus::Stuck), 1);
    // create_order: compensated twice (rollback, timeout), succeeded twice (retries, stuck).
    QCOMPARE(state.stepPhaseCount(0, StepPhase::Compensated), 2);
    QCOMPARE(state.stepPhaseCount(0, StepPhase::Succeeded), 2);
    // take_payment: business, pending (timeout trace never got there), succeeded, stuck.
    QCOMPARE(state.stepPhaseCount(2, StepPhase::FailedBusiness), 1);
    QCOMPARE(state.stepPhaseCount(2, StepPhase::Pending), 1);
    QCOMPARE(state.stepPhaseCount(2, StepPhase::Succeeded), 1);
    QCOMPARE(state.stepPhaseCount(2, StepPhase::Stuck), 1);
    QCOMPARE(state.stepPhaseCount(4, StepPhase::Pending), 3);
    QCOMPARE(state.firstT(), 0);
    QCOMPARE(state.lastT(), 15580);
    state.clear();
    QCOMPARE(state.instanceCount(), 0);
    QCOMPARE(state.stepPhaseCount(0, StepPhase::Compensated), 0);
    QCOMPARE(state.stepPhaseCount(0, StepPhase::Pending), 0);
}

void TestRunState::unknownStepAndLateEventsIgnored()
{
    RunState state(orderCheckout());
    const QList<TraceEvent> trace = parseTrace(R"TRACE(
{"instance":"f6","seq":1,"t":0,"event":"saga_started"}
{"instance":"f6","seq":2,"t":0,"step":"no_such_step","event":"step_started","attempt":1}
{"instance":"f6","seq":3,"t":5,"event":"saga_completed"}
{"instance":"f6","seq":4,"t":6,"step":"create_order","event":"step_started","attempt":1}
)TRACE");
    QCOMPARE(trace.size(), 4);
    QVERIFY(state.apply(trace.at(0)));
    QVERIFY(!state.apply(trace.at(1)));
    QVERIFY(state.apply(trace.at(2)));
    QVERIFY(!state.apply(trace.at(3)));
    QCOMPARE(state.ignoredCount(), 2);
    QCOMPARE(state.appliedCount(), 2);
    QCOMPARE(phases(state, "f6"), QStringLiteral("-----"));
    QCOMPARE(state.instance("f6")->eventCount, 2);
    QVERIFY(state.instance("nobody") == nullptr);
    QVERIFY(state.step("f6", "nope") == nullptr);
    QCOMPARE(state.stepIndex("take_payment"), 2);
    QCOMPARE(state.pivotIndex(), 2);
    QCOMPARE(stepPhaseName(StepPhase::CompensationRetrying), QStringLiteral("compensation_retrying"));
}

void TestRunState::touchedRange()
{
    RunState state(orderCheckout());
    QCOMPARE(state.takeTouched(), std::make_pair(-1, -1));
    const QList<TraceEvent> a = parseTrace(rollbackTrace()), b = parseTrace(timeoutTrace()), c = parseTrace(retryTrace()),
                            d = parseTrace(stuckTrace());
    state.apply(a.mid(0, 2) + b.mid(0, 2) + c.mid(0, 2) + d.mid(0, 2));
    QCOMPARE(state.takeTouched(), std::make_pair(0, 3));
    QCOMPARE(state.takeTouched(), std::make_pair(-1, -1));
    state.apply(d.mid(2, 3) + b.mid(2, 1));
    QCOMPARE(state.takeTouched(), std::make_pair(1, 3));
    const RunState copy = state;
    state.takeTouched();
    QVERIFY(copy == state); // bookkeeping, not state
}

// Under 2PC a card is running from its prepare, succeeded on a yes vote, failed on a no; the
// decision and the locks change no card.
void TestRunState::twoPhaseVotesOnTheCards()
{
    const QList<TraceEvent> trace = parseTrace(R"TRACE(
{"instance":"i","seq":1,"t":0,"event":"saga_started"}
{"instance":"i","seq":2,"t":0,"step":"create_order","event":"prepare_sent","attempt":1}
{"instance":"i","seq":3,"t":0,"step":"create_order","event":"lock_acquired"}
{"instance":"i","seq":4,"t":20,"step":"create_order","event":"voted","attempt":1,"vote":"yes"}
{"instance":"i","seq":5,"t":20,"step":"reserve_stock","event":"prepare_sent","attempt":1}
{"instance":"i","seq":6,"t":40,"step":"reserve_stock","event":"voted","attempt":1,"vote":"no","reason":"out of stock"}
{"instance":"i","seq":7,"t":40,"event":"decided","decision":"abort","reason":"aborted: reserve_stock voted no"}
{"instance":"i","seq":8,"t":40,"step":"create_order","event":"abort_applied"}
{"instance":"i","seq":9,"t":40,"step":"create_order","event":"lock_released"}
{"instance":"i","seq":10,"t":40,"event":"saga_compensated","reason":"aborted: reserve_stock voted no"}
)TRACE");
    QCOMPARE(trace.size(), 10);
    checkEveryPrefix(orderCheckout(), trace,
                     {"-----", "R----", "R----", "S----", "SR---", "SB---", "SB---", "SB---", "SB---", "SB---"});
    RunState state(orderCheckout());
    state.apply(trace);
    QCOMPARE(state.step("i", "reserve_stock")->reason, QStringLiteral("out of stock"));
    QCOMPARE(state.instance("i")->status, InstanceStatus::Compensated);
}

QTEST_GUILESS_MAIN(TestRunState)
#include "tst_runstate.moc"
