// SPDX-License-Identifier: MIT
// One test per rule of SPEC section 3: the whole trace of a run under virtual time is compared
// with the expected one, and the effects ledger is checked.

#include "enginetesthelpers.h"
#include "ledgerreport.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace Sagascope;
using namespace Sagascope::Test;

class TestSagaExecutor : public QObject
{
    Q_OBJECT

private:
    static void compareTrace(const QStringList &actual, const QStringList &expected)
    {
        if (actual != expected) {
            qWarning().noquote() << "actual trace:\n  " + actual.join(QStringLiteral("\n  "));
            qWarning().noquote() << "expected trace:\n  " + expected.join(QStringLiteral("\n  "));
        }
        QCOMPARE(actual, expected);
    }

private Q_SLOTS:
    void linearRollback();
    void diamondRollbackOrder();
    void reverseOrderUnderCompensationRetries_data();
    void reverseOrderUnderCompensationRetries();
    void parallelBranches();
    void inFlightStepLetFinishAndCompensated();
    void timeoutCompensated();
    void businessFailureNotCompensated();
    void exactBackoff();
    void forwardRecoveryAfterPivot();
    void boundedRetriableStuck();
    void retriableBusinessFailureStuck();
    void pivotExhaustedStuck();
    void compensationRetried();
    void boundedCompensationStuck();
    void emptySagaCompletes();
    void emptyCompensation();
    void hangingActionRefused();
    void ledgerAppliesEachKeyOnce();
    void determinismBySeed();
    void concurrencyLimit();
    void injectedTimeoutWithoutTimeoutMs();
    void jsonLineFormat();
    void faultPlanParsing();
};

namespace {

int stepIndex(const SagaDefinition &d, const QString &id)
{
    return d.indexOf(id);
}

} // namespace

void TestSagaExecutor::linearRollback()
{
    const SagaDefinition saga = loadSaga(QStringLiteral("checkout.saga"));
    const RunResult r = runSaga(saga, options({QStringLiteral("take_payment=business")}));
    compareTrace(r.trace(), {
        "0 saga_started",
        "0 step_started create_order #1",
        "10 step_succeeded create_order #1",
        "10 step_started reserve_credit #1",
        "30 step_succeeded reserve_credit #1",
        "30 step_started take_payment #1",
        "60 step_failed take_payment #1 business",
        "60 compensation_started reserve_credit #1",
        "65 compensation_succeeded reserve_credit #1",
        "65 compensation_started create_order #1",
        "70 compensation_succeeded create_order #1",
        "70 saga_compensated | rolled back: take_payment failed (business)",
    });
    QCOMPARE(r.compensated, 1);
    const QString id = r.instanceIds.first();
    for (const char *step : {"create_order", "reserve_credit"}) {
        const auto c = r.ledger->counts(id, stepIndex(saga, QLatin1String(step)));
        QCOMPARE(c.applied, 1);
        QCOMPARE(c.compensated, 1);
    }
    QCOMPARE(r.ledger->counts(id, stepIndex(saga, QStringLiteral("take_payment"))).applied, 0);
}

void TestSagaExecutor::diamondRollbackOrder()
{
    // join is compensated first; then right and left (in parallel); start only after both.
    const RunResult r = runSaga(loadSaga(QStringLiteral("diamond.saga")), options({QStringLiteral("decide=business")}));
    compareTrace(r.trace(), {
        "0 saga_started",
        "0 step_started start #1",
        "10 step_succeeded start #1",
        "10 step_started left #1",
        "10 step_started right #1",
        "20 step_succeeded left #1",
        "30 step_succeeded right #1",
        "30 step_started join #1",
        "40 step_succeeded join #1",
        "40 step_started decide #1",
        "50 step_failed decide #1 business",
        "50 compensation_started join #1",
        "60 compensation_succeeded join #1",
        "60 compensation_started right #1",
        "60 compensation_started left #1",
        "70 compensation_succeeded right #1",
        "90 compensation_succeeded left #1",
        "90 compensation_started start #1",
        "100 compensation_succeeded start #1",
        "100 saga_compensated | rolled back: decide failed (business)",
    });
}

namespace {

/** The rule of SPEC section 3 for a rollback, checked on one instance's whole trace for every pair
 *  of steps, independently of the engine's graph code: a step's compensation starts only once
 *  every step that depends on it (directly or not) has nothing more to do: no event of such a step
 *  may come after it. And the rollback is complete: a step is compensated exactly when its action
 *  succeeded or an attempt of it timed out, and each compensation that started ended succeeded.
 *  Returns the faults found, one a line. */
QStringList rollbackFaults(const SagaDefinition &saga, const QList<TraceEvent> &trace)
{
    QStringList faults;
    // Transitive dependents from the `after` lists.
    QHash<StepId, QSet<StepId>> dependents;
    bool grew = true;
    for (const Step &s : saga.steps)
        for (const StepId &before : s.after)
            dependents[before].insert(s.id);
    while (grew) {
        grew = false;
        for (auto it = dependents.begin(); it != dependents.end(); ++it) {
            const QSet<StepId> direct = it.value();
            for (const StepId &d : direct) {
                for (const StepId &further : dependents.value(d)) {
                    if (!it.value().contains(further)) {
                        it.value().insert(further);
                        grew = true;
                    }
                }
            }
        }
    }
    QHash<StepId, qsizetype> firstCompensation, lastEvent;
    QSet<StepId> succeeded, timedOut, compensationStarted, compensationSucceeded;
    for (qsizetype i = 0; i < trace.size(); ++i) {
        const TraceEvent &e = trace[i];
        if (e.step.isEmpty())
            continue;
        lastEvent[e.step] = i;
        if (e.event == TraceEventType::CompensationStarted && !firstCompensation.contains(e.step))
            firstCompensation.insert(e.step, i);
        if (e.event == TraceEventType::StepSucceeded)
            succeeded.insert(e.step);
        if (e.event == TraceEventType::StepFailed && e.failure == FailureKind::Timeout)
            timedOut.insert(e.step);
        if (e.event == TraceEventType::CompensationStarted)
            compensationStarted.insert(e.step);
        if (e.event == TraceEventType::CompensationSucceeded)
            compensationSucceeded.insert(e.step);
    }
    for (auto it = firstCompensation.cbegin(); it != firstCompensation.cend(); ++it) {
        for (const StepId &later : dependents.value(it.key())) {
            if (lastEvent.value(later, -1) > it.value())
                faults.append(QStringLiteral("%1's compensation started (%2) before %3 was done (%4)")
                                  .arg(it.key(), compact(trace[it.value()]), later, compact(trace[lastEvent.value(later)])));
        }
    }
    if (trace.isEmpty() || trace.last().event != TraceEventType::SagaCompensated)
        return faults << QStringLiteral("not compensated: ") + (trace.isEmpty() ? QString() : compact(trace.last()));
    for (const Step &s : saga.steps) {
        const bool owed = s.compensation && (succeeded.contains(s.id) || timedOut.contains(s.id));
        if (owed != compensationSucceeded.contains(s.id) || compensationStarted.contains(s.id) != owed)
            faults.append(QStringLiteral("%1: compensation owed %2, started %3, succeeded %4")
                              .arg(s.id).arg(owed).arg(compensationStarted.contains(s.id)).arg(compensationSucceeded.contains(s.id)));
    }
    return faults;
}

} // namespace

void TestSagaExecutor::reverseOrderUnderCompensationRetries_data()
{
    QTest::addColumn<QByteArray>("saga");
    QTest::addColumn<QStringList>("fails");
    QTest::addColumn<QStringList>("compensationFails");
    // A chain: the pivot fails; b's compensation fails twice, c's once (technical: retried).
    const QByteArray chain = R"({"format":"sagascope/1","steps":[
        {"id":"a","kind":"compensatable","action":{"name":"a","sim":{"latencyMs":5}},"compensation":{"name":"ua","sim":{"latencyMs":7}}},
        {"id":"b","kind":"compensatable","after":["a"],"action":{"name":"b","sim":{"latencyMs":5}},"compensation":{"name":"ub","sim":{"latencyMs":3}}},
        {"id":"c","kind":"compensatable","after":["b"],"action":{"name":"c","sim":{"latencyMs":5}},"compensation":{"name":"uc","sim":{"latencyMs":20}}},
        {"id":"p","kind":"pivot","after":["c"],"action":{"name":"p","sim":{"latencyMs":5}}}]})";
    QTest::newRow("chain, middle compensation retried") << chain << QStringList{"p=business"} << QStringList{"b=technical:2"};
    QTest::newRow("chain, last compensation retried") << chain << QStringList{"p=business"} << QStringList{"c=technical:1"};
    QTest::newRow("chain, every compensation retried")
        << chain << QStringList{"p=business"} << QStringList{"a=technical:1", "b=technical:3", "c=technical:2"};
    // A diamond: join's and one branch's compensations fail.
    const QByteArray diamond = R"({"format":"sagascope/1","steps":[
        {"id":"start","kind":"compensatable","action":{"name":"s","sim":{"latencyMs":10}},"compensation":{"name":"us","sim":{"latencyMs":1}}},
        {"id":"left","kind":"compensatable","after":["start"],"action":{"name":"l","sim":{"latencyMs":10}},"compensation":{"name":"ul","sim":{"latencyMs":1}}},
        {"id":"right","kind":"compensatable","after":["start"],"action":{"name":"r","sim":{"latencyMs":20}},"compensation":{"name":"ur","sim":{"latencyMs":30}}},
        {"id":"join","kind":"compensatable","after":["left","right"],"action":{"name":"j","sim":{"latencyMs":10}},"compensation":{"name":"uj","sim":{"latencyMs":2}}},
        {"id":"decide","kind":"pivot","after":["join"],"action":{"name":"d","sim":{"latencyMs":10}}}]})";
    QTest::newRow("diamond, join retried") << diamond << QStringList{"decide=business"} << QStringList{"join=technical:2"};
    QTest::newRow("diamond, fast branch retried") << diamond << QStringList{"decide=business"} << QStringList{"left=technical:3"};
    QTest::newRow("diamond, slow branch retried") << diamond << QStringList{"decide=business"} << QStringList{"right=technical:1"};
    // Parallel branches of different lengths; one fails while the other is in flight.
    const QByteArray branches = R"({"format":"sagascope/1","steps":[
        {"id":"s","kind":"compensatable","action":{"name":"s","sim":{"latencyMs":2}},"compensation":{"name":"us","sim":{"latencyMs":2}}},
        {"id":"x1","kind":"compensatable","after":["s"],"action":{"name":"x1","sim":{"latencyMs":5}},"compensation":{"name":"ux1","sim":{"latencyMs":4}}},
        {"id":"x2","kind":"compensatable","after":["x1"],"action":{"name":"x2","sim":{"latencyMs":40}},"compensation":{"name":"ux2","sim":{"latencyMs":4}}},
        {"id":"y1","kind":"compensatable","after":["s"],"action":{"name":"y1","sim":{"latencyMs":3}},"compensation":{"name":"uy1","sim":{"latencyMs":1}}},
        {"id":"y2","kind":"compensatable","after":["y1"],"action":{"name":"y2","sim":{"latencyMs":3}},"compensation":{"name":"uy2","sim":{"latencyMs":9}}},
        {"id":"p","kind":"pivot","after":["x2","y2"],"action":{"name":"p","sim":{"latencyMs":5}}}]})";
    QTest::newRow("branches, pivot fails") << branches << QStringList{"p=business"} << QStringList{"x2=technical:2", "y1=technical:1"};
    QTest::newRow("branches, one fails while the other runs")
        << branches << QStringList{"y2=business"} << QStringList{"x2=technical:1", "x1=technical:2", "s=technical:1"};
    QTest::newRow("branches, a timeout in flight")
        << branches << QStringList{"y2=technical:3", "x2=timeout:1"} << QStringList{"x2=technical:1", "y1=technical:2"};
}

void TestSagaExecutor::reverseOrderUnderCompensationRetries()
{
    QFETCH(QByteArray, saga);
    QFETCH(QStringList, fails);
    QFETCH(QStringList, compensationFails);
    const SagaDefinition definition = parseSaga(saga);
    const RunResult r = runSaga(definition, options(fails, compensationFails));
    QCOMPARE(r.compensated, 1);
    // The retries really happened: a compensation_failed for each faulty compensation.
    for (const QString &f : compensationFails) {
        const QString step = f.section(u'=', 0, 0);
        QVERIFY2(std::any_of(r.events.cbegin(), r.events.cend(), [&](const TraceEvent &e) {
                     return e.event == TraceEventType::CompensationFailed && e.step == step;
                 }),
                 qPrintable(step));
    }
    const QStringList faults = rollbackFaults(definition, r.events);
    QVERIFY2(faults.isEmpty(), qPrintable(faults.join(u'\n') + QStringLiteral("\ntrace:\n  ") + r.trace().join(QStringLiteral("\n  "))));
}

void TestSagaExecutor::parallelBranches()
{
    // left and right start together once start has succeeded; join waits for both (fan-in).
    const RunResult r = runSaga(loadSaga(QStringLiteral("diamond.saga")), options());
    compareTrace(r.trace(), {
        "0 saga_started",
        "0 step_started start #1",
        "10 step_succeeded start #1",
        "10 step_started left #1",
        "10 step_started right #1",
        "20 step_succeeded left #1",
        "30 step_succeeded right #1",
        "30 step_started join #1",
        "40 step_succeeded join #1",
        "40 step_started decide #1",
        "50 step_succeeded decide #1",
        "50 saga_completed",
    });
    QCOMPARE(r.completed, 1);
}

void TestSagaExecutor::inFlightStepLetFinishAndCompensated()
{
    // left fails while right is in flight: no new step starts, right finishes and is compensated.
    const RunResult r = runSaga(loadSaga(QStringLiteral("diamond.saga")), options({QStringLiteral("left=business")}));
    compareTrace(r.trace(), {
        "0 saga_started",
        "0 step_started start #1",
        "10 step_succeeded start #1",
        "10 step_started left #1",
        "10 step_started right #1",
        "20 step_failed left #1 business",
        "30 step_succeeded right #1",
        "30 compensation_started right #1",
        "40 compensation_succeeded right #1",
        "40 compensation_started start #1",
        "50 compensation_succeeded start #1",
        "50 saga_compensated | rolled back: left failed (business)",
    });
}

void TestSagaExecutor::timeoutCompensated()
{
    // Each attempt answers 1 ms after the 200 ms deadline, having done the work: the first one
    // applies the effect, the retries find it applied. The step timed out, so it is compensated.
    const SagaDefinition saga = loadSaga(QStringLiteral("checkout.saga"));
    const RunResult r = runSaga(saga, options({QStringLiteral("reserve_credit=timeout:3")}));
    compareTrace(r.trace(), {
        "0 saga_started",
        "0 step_started create_order #1",
        "10 step_succeeded create_order #1",
        "10 step_started reserve_credit #1",
        "210 step_failed reserve_credit #1 timeout",
        "210 retry_scheduled reserve_credit #1 +100",
        "310 step_started reserve_credit #2",
        "510 step_failed reserve_credit #2 timeout",
        "510 retry_scheduled reserve_credit #2 +200",
        "710 step_started reserve_credit #3",
        "910 step_failed reserve_credit #3 timeout",
        "910 compensation_started reserve_credit #1",
        "915 compensation_succeeded reserve_credit #1",
        "915 compensation_started create_order #1",
        "920 compensation_succeeded create_order #1",
        "920 saga_compensated | rolled back: reserve_credit failed (timeout)",
    });
    const auto c = r.ledger->counts(r.instanceIds.first(), stepIndex(saga, QStringLiteral("reserve_credit")));
    QCOMPARE(c.applied, 1);
    QCOMPARE(c.compensated, 1);
}

void TestSagaExecutor::businessFailureNotCompensated()
{
    const SagaDefinition saga = loadSaga(QStringLiteral("checkout.saga"));
    const RunResult r = runSaga(saga, options({QStringLiteral("reserve_credit=business")}));
    compareTrace(r.trace(), {
        "0 saga_started",
        "0 step_started create_order #1",
        "10 step_succeeded create_order #1",
        "10 step_started reserve_credit #1",
        "30 step_failed reserve_credit #1 business",
        "30 compensation_started create_order #1",
        "35 compensation_succeeded create_order #1",
        "35 saga_compensated | rolled back: reserve_credit failed (business)",
    });
    const auto c = r.ledger->counts(r.instanceIds.first(), stepIndex(saga, QStringLiteral("reserve_credit")));
    QCOMPARE(c.applied, 0);
    QCOMPARE(c.compensationSeen, false);
}

void TestSagaExecutor::exactBackoff()
{
    // min(maxBackoffMs, initialBackoffMs * multiplier^(attempt-1)): 100, 300, 500 (900 capped), 500.
    const SagaDefinition saga = parseSaga(R"({"format":"sagascope/1","steps":[
        {"id":"pay","kind":"compensatable","action":{"name":"pay"},"compensation":{"name":"refund"},
         "retry":{"maxAttempts":5,"initialBackoffMs":100,"multiplier":3,"maxBackoffMs":500,"jitter":0}}]})");
    const RunResult r = runSaga(saga, options({QStringLiteral("pay=technical:4")}));
    compareTrace(r.trace(), {
        "0 saga_started",
        "0 step_started pay #1",
        "0 step_failed pay #1 technical",
        "0 retry_scheduled pay #1 +100",
        "100 step_started pay #2",
        "100 step_failed pay #2 technical",
        "100 retry_scheduled pay #2 +300",
        "400 step_started pay #3",
        "400 step_failed pay #3 technical",
        "400 retry_scheduled pay #3 +500",
        "900 step_started pay #4",
        "900 step_failed pay #4 technical",
        "900 retry_scheduled pay #4 +500",
        "1400 step_started pay #5",
        "1400 step_succeeded pay #5",
        "1400 saga_completed",
    });
    // With jitter the delay is spread around the base, within +-jitter, and stays deterministic.
    RetryPolicy policy;
    policy.initialBackoffMs = 1000;
    policy.multiplier = 2;
    policy.maxBackoffMs = 100000;
    policy.jitter = 0.2;
    Random random(42);
    for (int attempt = 1; attempt <= 5; ++attempt) {
        const qint64 base = 1000LL << (attempt - 1);
        const qint64 delay = SagaExecutor::backoffMs(policy, attempt, random);
        QVERIFY2(delay >= base * 8 / 10 && delay <= base * 12 / 10, qPrintable(QString::number(delay)));
    }
}

void TestSagaExecutor::forwardRecoveryAfterPivot()
{
    // After the pivot the saga only goes forward: ship is retried until it succeeds.
    const RunResult r = runSaga(loadSaga(QStringLiteral("checkout.saga")), options({QStringLiteral("ship=technical:3")}));
    compareTrace(r.trace(), {
        "0 saga_started",
        "0 step_started create_order #1",
        "10 step_succeeded create_order #1",
        "10 step_started reserve_credit #1",
        "30 step_succeeded reserve_credit #1",
        "30 step_started take_payment #1",
        "60 step_succeeded take_payment #1",
        "60 step_started ship #1",
        "75 step_failed ship #1 technical",
        "75 retry_scheduled ship #1 +100",
        "175 step_started ship #2",
        "190 step_failed ship #2 technical",
        "190 retry_scheduled ship #2 +200",
        "390 step_started ship #3",
        "405 step_failed ship #3 technical",
        "405 retry_scheduled ship #3 +300",
        "705 step_started ship #4",
        "720 step_succeeded ship #4",
        "720 step_started award_points #1",
        "725 step_succeeded award_points #1",
        "725 saga_completed",
    });
}

void TestSagaExecutor::boundedRetriableStuck()
{
    const RunResult r = runSaga(loadSaga(QStringLiteral("checkout.saga")), options({QStringLiteral("award_points=technical:5")}));
    compareTrace(r.trace().mid(8), {
        "75 step_succeeded ship #1",
        "75 step_started award_points #1",
        "80 step_failed award_points #1 technical",
        "80 retry_scheduled award_points #1 +10",
        "90 step_started award_points #2",
        "95 step_failed award_points #2 technical",
        "95 saga_stuck | the retriable step award_points ran out of its 2 attempts",
    });
    QCOMPARE(r.stuck, 1);
}

void TestSagaExecutor::retriableBusinessFailureStuck()
{
    const RunResult r = runSaga(loadSaga(QStringLiteral("checkout.saga")), options({QStringLiteral("ship=business")}));
    compareTrace(r.trace().mid(7), {
        "60 step_started ship #1",
        "75 step_failed ship #1 business",
        "75 saga_stuck | the retriable step ship failed for a business reason",
    });
}

void TestSagaExecutor::pivotExhaustedStuck()
{
    // The pivot's outcome must be known: out of attempts, the saga is stuck, never compensated.
    const RunResult r = runSaga(loadSaga(QStringLiteral("checkout.saga")), options({QStringLiteral("take_payment=technical:2")}));
    compareTrace(r.trace(), {
        "0 saga_started",
        "0 step_started create_order #1",
        "10 step_succeeded create_order #1",
        "10 step_started reserve_credit #1",
        "30 step_succeeded reserve_credit #1",
        "30 step_started take_payment #1",
        "60 step_failed take_payment #1 technical",
        "60 retry_scheduled take_payment #1 +50",
        "110 step_started take_payment #2",
        "140 step_failed take_payment #2 technical",
        "140 saga_stuck | the pivot take_payment ran out of its 2 attempts",
    });
}

void TestSagaExecutor::compensationRetried()
{
    const SagaDefinition saga = parseSaga(R"({"format":"sagascope/1","steps":[
        {"id":"book","kind":"compensatable","action":{"name":"book","sim":{"latencyMs":10}},
         "compensation":{"name":"cancel","sim":{"latencyMs":10},
                         "retry":{"maxAttempts":0,"initialBackoffMs":50,"multiplier":2,"maxBackoffMs":1000,"jitter":0}}},
        {"id":"decide","kind":"pivot","after":["book"],"action":{"name":"decide","sim":{"latencyMs":10}}}]})");
    const RunResult r = runSaga(saga, options({QStringLiteral("decide=business")}, {QStringLiteral("book=technical:2")}));
    compareTrace(r.trace(), {
        "0 saga_started",
        "0 step_started book #1",
        "10 step_succeeded book #1",
        "10 step_started decide #1",
        "20 step_failed decide #1 business",
        "20 compensation_started book #1",
        "30 compensation_failed book #1 technical",
        "30 retry_scheduled book #1 +50",
        "80 compensation_started book #2",
        "90 compensation_failed book #2 technical",
        "90 retry_scheduled book #2 +100",
        "190 compensation_started book #3",
        "200 compensation_succeeded book #3",
        "200 saga_compensated | rolled back: decide failed (business)",
    });
    const auto c = r.ledger->counts(r.instanceIds.first(), 0);
    QCOMPARE(c.applied, 1);
    QCOMPARE(c.compensated, 1);
}

void TestSagaExecutor::boundedCompensationStuck()
{
    // A compensation that gives up leaves the saga stuck (SAGA009 warns about this).
    const SagaDefinition saga = parseSaga(R"({"format":"sagascope/1","steps":[
        {"id":"book","kind":"compensatable","action":{"name":"book","sim":{"latencyMs":10}},
         "compensation":{"name":"cancel","sim":{"latencyMs":10},
                         "retry":{"maxAttempts":2,"initialBackoffMs":50,"multiplier":2,"maxBackoffMs":1000,"jitter":0}}},
        {"id":"decide","kind":"pivot","after":["book"],"action":{"name":"decide","sim":{"latencyMs":10}}}]})");
    const RunResult r = runSaga(saga, options({QStringLiteral("decide=business")}, {QStringLiteral("book=technical:5")}));
    compareTrace(r.trace().mid(4), {
        "20 step_failed decide #1 business",
        "20 compensation_started book #1",
        "30 compensation_failed book #1 technical",
        "30 retry_scheduled book #1 +50",
        "80 compensation_started book #2",
        "90 compensation_failed book #2 technical",
        "90 saga_stuck | the compensation of book gave up after 2 attempts",
    });
    const auto c = r.ledger->counts(r.instanceIds.first(), 0);
    QCOMPARE(c.applied, 1);
    QCOMPARE(c.compensated, 0);
}

void TestSagaExecutor::emptySagaCompletes()
{
    const RunResult r = runSaga(parseSaga(R"({"format":"sagascope/1","steps":[]})"), options({}, {}, 3));
    QCOMPARE(r.completed, 3);
    QCOMPARE(r.trace(r.instanceIds.first()), QStringList({"0 saga_started", "0 saga_completed"}));
}

namespace {

// hold answers after 500 ms but gives up at 100; its compensation answers at once.
const char *const SlowHoldSaga = R"({"format":"sagascope/1","steps":[
    {"id":"hold","kind":"compensatable","action":{"name":"hold","sim":{"latencyMs":500}},
     "compensation":{"name":"release"},"timeoutMs":100,"retry":{"maxAttempts":1}},
    {"id":"decide","kind":"pivot","after":["hold"],"action":{"name":"decide"}}]})";

} // namespace

void TestSagaExecutor::emptyCompensation()
{
    // The compensation runs before the slow action arrived: nothing to undo, it succeeds empty.
    QTemporaryDir dir;
    QString error;
    const auto log = SagaLog::open(dir.filePath(QStringLiteral("log.db")), {}, &error);
    QVERIFY2(log, qPrintable(error));
    const RunResult r = runSaga(parseSaga(SlowHoldSaga), options(), log.get());
    compareTrace(r.trace(), {
        "0 saga_started",
        "0 step_started hold #1",
        "100 step_failed hold #1 timeout",
        "100 compensation_started hold #1",
        "100 compensation_succeeded hold #1",
        "100 saga_compensated | rolled back: hold failed (timeout)",
    });
    const auto effects = log->effects(false, nullptr);
    QCOMPARE(effects.size(), 2);
    QCOMPARE(effects[0].step, QStringLiteral("hold"));
    QCOMPARE(effects[0].operation, OperationKind::Action);
    QCOMPARE(effects[0].outcome, EffectOutcome::Refused);
    QCOMPARE(effects[1].operation, OperationKind::Compensation);
    QCOMPARE(effects[1].outcome, EffectOutcome::Empty);
    const auto reports = LedgerReport::read(*log, &error);
    QVERIFY(reports);
    QCOMPARE(reports->size(), 1);
    QCOMPARE(reports->first().steps.first().applied, 0);
    QCOMPARE(reports->first().steps.first().compensated, 0);
    QVERIFY(reports->first().invariantViolations().isEmpty());
}

void TestSagaExecutor::hangingActionRefused()
{
    // The action arrives at 500 ms, after its compensation: refused, never applied.
    const RunResult r = runSaga(parseSaga(SlowHoldSaga), options());
    const auto c = r.ledger->counts(r.instanceIds.first(), 0);
    QCOMPARE(c.refused, true);
    QCOMPARE(c.applied, 0);
    QCOMPARE(c.compensated, 0);
    QCOMPARE(c.compensationSeen, true);
}

void TestSagaExecutor::ledgerAppliesEachKeyOnce()
{
    EffectsLedger ledger({QStringLiteral("a"), QStringLiteral("b")});
    QCOMPARE(ledger.applyAction(QStringLiteral("i1"), 0), EffectsLedger::ActionResult::AppliedNow);
    QCOMPARE(ledger.applyAction(QStringLiteral("i1"), 0), EffectsLedger::ActionResult::AlreadyApplied);
    QCOMPARE(ledger.applyCompensation(QStringLiteral("i1"), 0), EffectsLedger::CompensationResult::CompensatedNow);
    QCOMPARE(ledger.applyCompensation(QStringLiteral("i1"), 0), EffectsLedger::CompensationResult::AlreadyDone);
    QCOMPARE(ledger.applyAction(QStringLiteral("i1"), 0), EffectsLedger::ActionResult::AlreadyApplied);
    QCOMPARE(ledger.applyCompensation(QStringLiteral("i1"), 1), EffectsLedger::CompensationResult::EmptyNow);
    QCOMPARE(ledger.applyAction(QStringLiteral("i1"), 1), EffectsLedger::ActionResult::Refused);
    QCOMPARE(ledger.counts(QStringLiteral("i1"), 0).applied, 1);
    QCOMPARE(ledger.counts(QStringLiteral("i1"), 0).compensated, 1);
    QCOMPARE(ledger.counts(QStringLiteral("i1"), 1).applied, 0);
    QCOMPARE(ledger.counts(QStringLiteral("i2"), 0).applied, 0);
    Invocation invocation{QStringLiteral("i1"), QStringLiteral("a"), 0, OperationKind::Compensation, 1, -1, 0};
    QCOMPARE(invocation.idempotencyKey(), QStringLiteral("i1/a/compensation"));
}

void TestSagaExecutor::determinismBySeed()
{
    SagaDefinition saga = loadSaga(QStringLiteral("random.saga"));
    // ship (retriable, technical failures 30%) bounded to 2 attempts: some instances end stuck.
    const int ship = stepIndex(saga, QStringLiteral("ship"));
    QVERIFY(ship >= 0 && saga.steps[ship].retry);
    saga.steps[ship].retry->maxAttempts = 2;
    RunOptions o = options({}, {}, 200, 7);
    o.concurrency = 40;
    const RunResult a = runSaga(saga, o);
    const RunResult b = runSaga(saga, o);
    QCOMPARE(a.jsonLines().size(), b.jsonLines().size());
    QCOMPARE(a.jsonLines(), b.jsonLines());
    // All three endings occur with this saga, so the comparison covers every path.
    QVERIFY2(a.completed > 0 && a.compensated > 0 && a.stuck > 0,
             qPrintable(QStringLiteral("%1 completed, %2 compensated, %3 stuck").arg(a.completed).arg(a.compensated).arg(a.stuck)));
    QCOMPARE(a.completed + a.compensated + a.stuck, 200);
    // Every rolled-back instance (compensations fail 20% of the time here) keeps the reverse order.
    for (const QString &id : a.instanceIds) {
        QList<TraceEvent> trace;
        for (const TraceEvent &e : a.events)
            if (e.instance == id)
                trace.append(e);
        if (trace.last().event == TraceEventType::SagaCompensated) {
            const QStringList faults = rollbackFaults(saga, trace);
            QVERIFY2(faults.isEmpty(), qPrintable(id + u' ' + faults.join(u'\n')));
        }
    }
    // A durable log does not change the trace.
    QTemporaryDir dir;
    QString error;
    const auto log = SagaLog::open(dir.filePath(QStringLiteral("log.db")), {}, &error);
    QVERIFY2(log, qPrintable(error));
    const RunResult c = runSaga(saga, o, log.get());
    QCOMPARE(c.jsonLines(), a.jsonLines());
    const auto reports = LedgerReport::read(*log, &error);
    QVERIFY(reports);
    QCOMPARE(reports->size(), 200);
    for (const InstanceReport &report : *reports)
        QVERIFY2(report.invariantViolations().isEmpty(), qPrintable(report.invariantViolations().join(u'\n')));
    // Another seed, another trace.
    o.seed = 8;
    QVERIFY(runSaga(saga, o).jsonLines() != a.jsonLines());
}

void TestSagaExecutor::concurrencyLimit()
{
    // --concurrency 3: never more than 3 instances between saga_started and their final event;
    // the next one starts at the instant one ends.
    RunOptions o = options({}, {}, 10);
    o.concurrency = 3;
    const RunResult r = runSaga(loadSaga(QStringLiteral("diamond.saga")), o);
    QCOMPARE(r.completed, 10);
    int inFlight = 0, most = 0;
    for (const TraceEvent &e : r.events) {
        if (e.event == TraceEventType::SagaStarted)
            most = qMax(most, ++inFlight);
        else if (e.isFinal())
            --inFlight;
    }
    QCOMPARE(most, 3);
    QCOMPARE(r.trace(r.instanceIds.at(3)).first(), QStringLiteral("50 saga_started")); // t: since the run began
    QCOMPARE(r.events.last().t, 4 * 50);                                                // 4 waves of 50 ms
}

void TestSagaExecutor::injectedTimeoutWithoutTimeoutMs()
{
    // A step without timeoutMs gets the injected timeout's own deadline (1000 ms).
    const RunResult r = runSaga(loadSaga(QStringLiteral("diamond.saga")), options({QStringLiteral("left=timeout:1")}));
    const QStringList trace = r.trace();
    QVERIFY(trace.contains(QStringLiteral("1010 step_failed left #1 timeout")));
    QCOMPARE(r.completed, 1); // the retry succeeds (the late reply had applied the work once)
    QCOMPARE(r.ledger->counts(r.instanceIds.first(), 1).applied, 1);
}

void TestSagaExecutor::jsonLineFormat()
{
    TraceEvent e;
    e.instance = QStringLiteral("abc");
    e.seq = 12;
    e.t = 130;
    e.step = QStringLiteral("reserve_credit");
    e.event = TraceEventType::StepFailed;
    e.attempt = 1;
    e.failure = FailureKind::Business;
    e.reason = QStringLiteral("out of \"credit\"");
    const QByteArray expectedFailed =
        R"({"instance":"abc","seq":12,"t":130,"step":"reserve_credit","event":"step_failed","attempt":1,"failure":"business","reason":"out of \"credit\""})";
    QCOMPARE(e.toJson(), expectedFailed);
    TraceEvent r;
    r.instance = QStringLiteral("abc");
    r.seq = 3;
    r.t = 5;
    r.step = QStringLiteral("pay");
    r.event = TraceEventType::RetryScheduled;
    r.attempt = 2;
    r.delayMs = 200;
    const QByteArray expectedRetry = R"({"instance":"abc","seq":3,"t":5,"step":"pay","event":"retry_scheduled","attempt":2,"delayMs":200})";
    QCOMPARE(r.toJson(), expectedRetry);
    TraceEvent s;
    s.instance = QStringLiteral("abc");
    s.seq = 1;
    s.event = TraceEventType::SagaStarted;
    const QByteArray expectedStarted = R"({"instance":"abc","seq":1,"t":0,"event":"saga_started"})";
    QCOMPARE(s.toJson(), expectedStarted);
    const auto back = TraceEvent::fromJson(QJsonDocument::fromJson(e.toJson()).object());
    QVERIFY(back);
    QCOMPARE(*back, e);
}

void TestSagaExecutor::faultPlanParsing()
{
    FaultPlan plan;
    QString error;
    QVERIFY(plan.addAction(QStringLiteral("a=business"), &error));
    QVERIFY(plan.addAction(QStringLiteral("b=technical:2"), &error));
    QVERIFY(plan.addAction(QStringLiteral("c=timeout:1"), &error));
    QVERIFY(plan.addCompensation(QStringLiteral("a=technical:3"), &error));
    QCOMPARE(plan.actionFailure(QStringLiteral("b"), 2), FailureKind::Technical);
    QCOMPARE(plan.actionFailure(QStringLiteral("b"), 3), FailureKind::None);
    QCOMPARE(plan.actionFailure(QStringLiteral("a"), 5), FailureKind::Business);
    QCOMPARE(plan.compensationFailure(QStringLiteral("a"), 3), FailureKind::Technical);
    QCOMPARE(FaultPlan::fromJson(plan.toJson()), plan);
    for (const char *bad : {"a", "=business", "a=technical", "a=technical:0", "a=sometimes:1", "a=business:2", "1a=business"}) {
        QVERIFY2(!plan.addAction(QLatin1String(bad), &error), bad);
        QVERIFY(!error.isEmpty());
    }
    QVERIFY(!plan.addCompensation(QStringLiteral("a=business"), &error));
    QVERIFY(!plan.addCompensation(QStringLiteral("a=timeout:1"), &error));
}

QTEST_GUILESS_MAIN(TestSagaExecutor)
#include "tst_sagaexecutor.moc"
