// SPDX-License-Identifier: MIT
// Run control of the Engine (docs/ENGINE.md): pause, step one transition at a time, breakpoints
// before an attempt with faults injected there, the paced clock, and determinism: a run paused,
// stepped and resumed has the trace of the same run left alone.

#include "engine.h"
#include "enginethread.h"
#include "enginetesthelpers.h"

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Sagascope;
using namespace Sagascope::Test;

namespace {

/** Records what an engine says, in the order it says it. */
struct Recorder
{
    QList<TraceEvent> events;
    QList<PauseInfo> pauses;
    QList<int> eventsAtPause; // events.size() when each pause arrived
    int resumes = 0;
    QList<FaultPlan> faults;
    bool finished = false;
    RunSummary summary;
    QObject context;

    explicit Recorder(Engine *engine)
    {
        QObject::connect(engine, &Engine::traceEvents, &context, [this](const QList<TraceEvent> &batch) { events += batch; });
        QObject::connect(engine, &Engine::paused, &context, [this](const PauseInfo &info) {
            pauses.append(info);
            eventsAtPause.append(int(events.size()));
        });
        QObject::connect(engine, &Engine::resumed, &context, [this] { ++resumes; });
        QObject::connect(engine, &Engine::faultsChanged, &context, [this](const FaultPlan &plan) { faults.append(plan); });
        QObject::connect(engine, &Engine::finished, &context, [this](const RunSummary &s) {
            summary = s;
            finished = true;
        });
    }
    bool waitForPauses(int n) { return QTest::qWaitFor([&] { return pauses.size() >= n || finished; }, 10000) && pauses.size() >= n; }
    bool waitForEnd() { return QTest::qWaitFor([&] { return finished; }, 10000); }
};

RunRequest request(const SagaDefinition &definition, int instances, quint64 seed, const QStringList &fails = {})
{
    RunRequest r;
    r.definition = definition;
    r.options = options(fails, {}, instances, seed);
    r.options.virtualTime = true;
    return r;
}

/** The trace of a run left alone, on an Engine in this thread. */
QList<TraceEvent> referenceTrace(const RunRequest &r)
{
    Engine engine;
    Recorder recorder(&engine);
    engine.start(r);
    if (!recorder.waitForEnd())
        qFatal("the reference run did not finish");
    return recorder.events;
}

QStringList compactAll(const QList<TraceEvent> &events)
{
    QStringList lines;
    for (const TraceEvent &e : events)
        lines.append(e.instance.left(8) + QLatin1Char(' ') + compact(e));
    return lines;
}

const QByteArray SlowSaga = R"({"format":"sagascope/1","name":"slow","steps":[
 {"id":"a","kind":"compensatable","action":{"name":"a","sim":{"latencyMs":100}},"compensation":{"name":"undo_a"}},
 {"id":"b","kind":"pivot","after":["a"],"action":{"name":"b","sim":{"latencyMs":100}}},
 {"id":"c","kind":"retriable","after":["b"],"idempotent":true,"action":{"name":"c","sim":{"latencyMs":100}}}]})";

} // namespace

class TestRunControl : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void stepDeliversOneTransitionAtATime();
    void pauseHoldsUntilResume();
    void breakpointThenBusinessFailureRollsBack();
    void breakpointBeforeCompensation();
    void faultForOneInstanceFromItsNextAttempt();
    void faultCountsFromTheNextAttempt();
    void speedScalesWallTime();
    void interruptedRunHasTheSameTrace();
    void faultPlanEntries();
    void pacerMapsWallToVirtualTime();
    void batchSizeNeverChangesTheTrace();

private:
    QTemporaryDir m_dir;
};

void TestRunControl::stepDeliversOneTransitionAtATime()
{
    RunRequest r = request(loadSaga(QStringLiteral("checkout.saga")), 2, 5, {QStringLiteral("reserve_credit=technical:1")});
    const QList<TraceEvent> reference = referenceTrace(r);
    QVERIFY(reference.size() > 20);

    r.startPaused = true;
    r.logPath = m_dir.filePath(QStringLiteral("step.sagalog"));
    Engine engine;
    Recorder rec(&engine);
    engine.start(r);
    QVERIFY(rec.waitForPauses(1));
    QCOMPARE(rec.pauses.first().reason, PauseInfo::Reason::User);
    QTest::qWait(20);
    QCOMPARE(rec.events.size(), 0); // paused before the first transition

    int steps = 0;
    while (!rec.finished) {
        const qsizetype before = rec.events.size();
        const qsizetype pausesBefore = rec.pauses.size();
        engine.stepTransition();
        QVERIFY(QTest::qWaitFor([&] { return rec.pauses.size() > pausesBefore || rec.finished; }, 5000));
        ++steps;
        QCOMPARE(rec.events.size(), before + 1); // exactly one transition per step
        if (rec.finished)
            break;
        const PauseInfo &info = rec.pauses.last();
        const TraceEvent &last = rec.events.last();
        QCOMPARE(info.reason, PauseInfo::Reason::Step);
        QCOMPARE(info.instance, last.instance);
        QCOMPARE(info.step, last.step);
        QCOMPARE(info.attempt, last.attempt);
        QCOMPARE(info.t, last.t);
        if (steps == 7) { // what was delivered is committed: a reader sees it
            SagaLog::OpenOptions readOnly;
            readOnly.readOnly = true;
            QString error;
            const auto log = SagaLog::open(r.logPath, readOnly, &error);
            QVERIFY2(log, qPrintable(error));
            QVERIFY(log->eventsAfter(0).size() >= 7);
            const QList<TraceEvent> first = log->eventsOf(rec.events.first().instance);
            QVERIFY(!first.isEmpty());
            QCOMPARE(first.first(), rec.events.first());
        }
    }
    QCOMPARE(steps, reference.size());
    QCOMPARE(compactAll(rec.events), compactAll(reference));
    QCOMPARE(rec.events, reference);
    QCOMPARE(rec.summary.completed, 2);
}

void TestRunControl::pauseHoldsUntilResume()
{
    RunRequest r = request(parseSaga(SlowSaga), 1, 1);
    Engine engine;
    engine.setSpeed(1.0); // 300 ms of virtual time take about 300 ms
    Recorder rec(&engine);
    engine.start(r);
    QVERIFY(QTest::qWaitFor([&] { return rec.events.size() >= 2; }, 5000)); // saga_started, step_started a
    engine.pause();
    QCOMPARE(rec.pauses.size(), 1);
    QCOMPARE(rec.pauses.first().reason, PauseInfo::Reason::User);
    QCOMPARE(rec.pauses.first().step, rec.events.last().step);
    const qsizetype held = rec.events.size();
    QTest::qWait(400); // longer than the whole run would take
    QCOMPARE(rec.events.size(), held);
    QVERIFY(!rec.finished);
    QVERIFY(engine.isPaused());
    engine.resume();
    QCOMPARE(rec.resumes, 1);
    QVERIFY(rec.waitForEnd());
    QCOMPARE(rec.summary.completed, 1);
    QCOMPARE(rec.events.last().t, 300); // the virtual clock did not run on while paused
}

void TestRunControl::breakpointThenBusinessFailureRollsBack()
{
    const SagaDefinition saga = loadSaga(QStringLiteral("checkout.saga"));
    const RunResult expected = runSaga(saga, options({QStringLiteral("take_payment=business")}));

    EngineThread thread; // the GUI's way: every call posted, every signal queued
    Recorder rec(thread.engine());
    thread.setBreakpoints({Breakpoint{{}, QStringLiteral("take_payment"), OperationKind::Action}});
    thread.start(request(saga, 1, 1));
    QVERIFY(rec.waitForPauses(1));
    const PauseInfo info = rec.pauses.first();
    QCOMPARE(info.reason, PauseInfo::Reason::Breakpoint);
    QCOMPARE(info.instance, expected.instanceIds.first());
    QCOMPARE(info.step, QStringLiteral("take_payment"));
    QCOMPARE(info.operation, OperationKind::Action);
    QCOMPARE(info.attempt, 1);
    QCOMPARE(info.t, 30);
    // Paused before the attempt: its step_started has not been delivered.
    QCOMPARE(compact(rec.events.last()), QStringLiteral("30 step_succeeded reserve_credit #1"));

    thread.injectFault({}, QStringLiteral("take_payment"), OperationKind::Action, FailureKind::Business, 0);
    QVERIFY(QTest::qWaitFor([&] { return rec.faults.size() >= 2; }, 5000)); // start, then the injection
    QCOMPARE(rec.faults.last().actionFailure(QStringLiteral("take_payment"), 1), FailureKind::Business);
    thread.setBreakpoints({});
    thread.resume();
    QVERIFY(rec.waitForEnd());
    QCOMPARE(rec.resumes, 1);
    QCOMPARE(rec.summary.compensated, 1);
    QCOMPARE(rec.summary.exitCode(), 10);
    // The whole rollback, as if the failure had been given on the command line.
    QCOMPARE(compactAll(rec.events), compactAll(expected.events));
    QCOMPARE(rec.events, expected.events);
}

void TestRunControl::breakpointBeforeCompensation()
{
    const SagaDefinition saga = loadSaga(QStringLiteral("checkout.saga"));
    const RunResult expected = runSaga(saga, options({QStringLiteral("take_payment=business")},
                                                     {QStringLiteral("create_order=technical:2")}));
    Engine engine;
    Recorder rec(&engine);
    engine.setBreakpoints({Breakpoint{{}, QStringLiteral("create_order"), OperationKind::Compensation}});
    engine.start(request(saga, 1, 1, {QStringLiteral("take_payment=business")}));
    QVERIFY(rec.waitForPauses(1));
    const PauseInfo info = rec.pauses.first();
    QCOMPARE(info.reason, PauseInfo::Reason::Breakpoint);
    QCOMPARE(info.step, QStringLiteral("create_order"));
    QCOMPARE(info.operation, OperationKind::Compensation);
    QCOMPARE(info.attempt, 1);
    QCOMPARE(info.t, 65);
    QVERIFY(!FaultPlan::isValid(OperationKind::Compensation, FailureKind::Business));
    QVERIFY(!engine.injectFault({}, QStringLiteral("create_order"), OperationKind::Compensation, FailureKind::Business, 0));
    QVERIFY(!engine.injectFault({}, QStringLiteral("no_such_step"), OperationKind::Action, FailureKind::Technical, 1));
    QVERIFY(engine.injectFault({}, QStringLiteral("create_order"), OperationKind::Compensation, FailureKind::Technical, 2));
    // Each attempt of the compensation stops at the breakpoint: three attempts, three pauses.
    engine.resume();
    QVERIFY(rec.waitForPauses(2));
    QCOMPARE(rec.pauses.at(1).attempt, 2);
    engine.resume();
    QVERIFY(rec.waitForPauses(3));
    QCOMPARE(rec.pauses.at(2).attempt, 3);
    engine.resume();
    QVERIFY(rec.waitForEnd());
    QCOMPARE(rec.events, expected.events);
}

void TestRunControl::faultForOneInstanceFromItsNextAttempt()
{
    const SagaDefinition saga = loadSaga(QStringLiteral("checkout.saga"));
    const QList<TraceEvent> plain = referenceTrace(request(saga, 2, 9));
    const RunResult failing = runSaga(saga, options({QStringLiteral("reserve_credit=technical:2")}, {}, 2, 9));
    const QString first = SagaExecutor::instanceId(9, 1);
    const QString second = SagaExecutor::instanceId(9, 2);

    Engine engine;
    Recorder rec(&engine);
    engine.setBreakpoints({Breakpoint{first, QStringLiteral("reserve_credit"), OperationKind::Action}});
    engine.start(request(saga, 2, 9));
    QVERIFY(rec.waitForPauses(1));
    QCOMPARE(rec.pauses.first().instance, first);
    engine.setBreakpoints({});
    QVERIFY(engine.injectFault(first, QStringLiteral("reserve_credit"), OperationKind::Action, FailureKind::Technical, 2));
    QCOMPARE(engine.faults().entries().size(), 1);
    QCOMPARE(engine.faults().entries().first().instance, first);
    engine.resume();
    QVERIFY(rec.waitForEnd());
    const auto only = [](const QList<TraceEvent> &events, const QString &id) {
        QStringList lines;
        for (const TraceEvent &e : events) {
            if (e.instance == id)
                lines.append(compact(e));
        }
        return lines;
    };
    QCOMPARE(only(rec.events, first), failing.trace(first)); // two technical failures, then success
    QCOMPARE(only(rec.events, second), only(plain, second)); // untouched
    // A fault of one instance is not kept for the next run.
    QVERIFY(engine.faults().isEmpty());
}

void TestRunControl::faultCountsFromTheNextAttempt()
{
    // ship fails once (given at the start); paused before its second attempt, two more technical
    // failures are injected: attempts 2 and 3 fail, the 4th succeeds -- as technical:3 would.
    const SagaDefinition saga = loadSaga(QStringLiteral("checkout.saga"));
    const RunResult expected = runSaga(saga, options({QStringLiteral("ship=technical:3")}));
    Engine engine;
    Recorder rec(&engine);
    engine.setBreakpoints({Breakpoint{{}, QStringLiteral("ship"), OperationKind::Action}});
    engine.start(request(saga, 1, 1, {QStringLiteral("ship=technical:1")}));
    QVERIFY(rec.waitForPauses(1));
    QCOMPARE(rec.pauses.last().attempt, 1);
    engine.resume();
    QVERIFY(rec.waitForPauses(2));
    QCOMPARE(rec.pauses.last().attempt, 2);
    QVERIFY(engine.injectFault({}, QStringLiteral("ship"), OperationKind::Action, FailureKind::Technical, 2));
    engine.setBreakpoints({});
    engine.resume();
    QVERIFY(rec.waitForEnd());
    QCOMPARE(compactAll(rec.events), compactAll(expected.events));
    QCOMPARE(rec.events, expected.events);
    // Kept for the next run, where it counts from the first attempt.
    QCOMPARE(engine.faults().actionFailure(QStringLiteral("ship"), 2), FailureKind::Technical);
    QCOMPARE(engine.faults().actionFailure(QStringLiteral("ship"), 3), FailureKind::None);
}

void TestRunControl::speedScalesWallTime()
{
    const SagaDefinition saga = parseSaga(SlowSaga); // 300 ms of virtual time
    QList<TraceEvent> reference;
    const auto timed = [&](double speed) {
        Engine engine;
        engine.setSpeed(speed);
        Recorder rec(&engine);
        QElapsedTimer wall;
        wall.start();
        engine.start(request(saga, 1, 1));
        if (!rec.waitForEnd())
            return qint64(-1);
        if (reference.isEmpty())
            reference = rec.events;
        else if (rec.events != reference)
            return qint64(-2); // the pace never changes the trace
        return wall.elapsed();
    };
    const qint64 fast = timed(0);
    const qint64 triple = timed(3.0);
    const qint64 real = timed(1.0);
    qDebug() << "wall ms at speed 0, 3, 1:" << fast << triple << real;
    QVERIFY(fast >= 0 && triple >= 0 && real >= 0);
    QCOMPARE(reference.last().t, 300);
    QVERIFY(real >= 290);    // 300 ms of virtual time at real time
    QVERIFY(triple >= 95);   // a third of it
    QVERIFY(triple < real);
    QVERIFY(fast < triple);
    QVERIFY(fast < 90);
}

void TestRunControl::interruptedRunHasTheSameTrace()
{
    RunRequest r = request(loadSaga(QStringLiteral("random.saga")), 40, 42);
    r.options.concurrency = 8;
    const QList<TraceEvent> reference = referenceTrace(r);
    QVERIFY(reference.size() > 300);

    EngineThread thread;
    Recorder rec(thread.engine());
    // Break before every reserve_stock attempt of one instance, and at every compensation of
    // create_order; step a little at each pause, then go on.
    const QString third = SagaExecutor::instanceId(42, 3);
    thread.setBreakpoints({Breakpoint{third, QStringLiteral("reserve_stock"), OperationKind::Action},
                           Breakpoint{{}, QStringLiteral("create_order"), OperationKind::Compensation}});
    QObject::connect(thread.engine(), &Engine::paused, &rec.context, [&](const PauseInfo &info) {
        if (info.reason == PauseInfo::Reason::Step && rec.pauses.size() % 4 != 0)
            thread.stepTransition();
        else if (info.reason != PauseInfo::Reason::Step)
            thread.stepTransition();
        else
            thread.resume();
    });
    r.startPaused = true;
    thread.start(r);
    // Also pause from outside now and then, as a user would.
    QElapsedTimer guard;
    guard.start();
    while (!rec.finished && guard.elapsed() < 10000) {
        QTest::qWait(2);
        thread.pause();
        QTest::qWait(1);
        thread.resume();
    }
    QVERIFY(rec.finished);
    QVERIFY2(rec.pauses.size() > 10, qPrintable(QString::number(rec.pauses.size())));
    QCOMPARE(rec.summary.instances, 40);
    QCOMPARE(rec.events.size(), reference.size());
    QCOMPARE(compactAll(rec.events), compactAll(reference));
    QCOMPARE(rec.events, reference);
}

void TestRunControl::faultPlanEntries()
{
    FaultPlan plan;
    QString error;
    QVERIFY(plan.addAction(QStringLiteral("b=technical:2"), &error));
    plan.setFault(QStringLiteral("i1"), QStringLiteral("b"), OperationKind::Action, {FailureKind::Business, 0});
    plan.setFault({}, QStringLiteral("a"), OperationKind::Compensation, {FailureKind::Technical, 0});
    QCOMPARE(plan.failure(QStringLiteral("i1"), QStringLiteral("b"), OperationKind::Action, 5), FailureKind::Business);
    QCOMPARE(plan.failure(QStringLiteral("i2"), QStringLiteral("b"), OperationKind::Action, 2), FailureKind::Technical);
    QCOMPARE(plan.failure(QStringLiteral("i2"), QStringLiteral("b"), OperationKind::Action, 3), FailureKind::None);
    QCOMPARE(plan.failure(QStringLiteral("i2"), QStringLiteral("a"), OperationKind::Compensation, 99), FailureKind::Technical);
    QCOMPARE(plan.entries().size(), 3);
    QCOMPARE(FaultPlan::fromJson(plan.toJson()), plan);
    plan.clearStep(QStringLiteral("b"));
    QCOMPARE(plan.entries().size(), 1);
    QCOMPARE(plan.entries().first().step, QStringLiteral("a"));
}

void TestRunControl::pacerMapsWallToVirtualTime()
{
    Pacer pacer;
    QVERIFY(!pacer.isPaced());
    QCOMPARE(pacer.horizon(1000), -1);
    QCOMPARE(pacer.wallDelayUntil(500, 0), 0);
    pacer.setFactor(0.5, 100, 1000); // half speed from virtual 100 at wall 1000
    QCOMPARE(pacer.horizon(1000), 100);
    QCOMPARE(pacer.horizon(1200), 200);
    QCOMPARE(pacer.horizon(900), 100); // never backwards
    QCOMPARE(pacer.wallDelayUntil(200, 1000), 200);
    QCOMPARE(pacer.wallDelayUntil(201, 1000), 202);
    QCOMPARE(pacer.wallDelayUntil(150, 1200), 0);
    pacer.setFactor(3.0, pacer.horizon(1200), 1200);
    QCOMPARE(pacer.horizon(1210), 230);
    QCOMPARE(pacer.wallDelayUntil(231, 1210), 1); // 31 / 3 = 10.33: at wall 1211
    pacer.restart(500, 2000);
    QCOMPARE(pacer.horizon(2001), 503);
}

void TestRunControl::batchSizeNeverChangesTheTrace()
{
    // Pauses commit at their own moments; that must not move any event. The extreme: a commit
    // every three rows against the default of 8,192.
    RunRequest r = request(loadSaga(QStringLiteral("random.saga")), 60, 17);
    const QList<TraceEvent> reference = referenceTrace(r);
    r.options.maxBatch = 3;
    r.logPath = m_dir.filePath(QStringLiteral("small-batches.sagalog"));
    r.logOptions.maxBatch = 3;
    const QList<TraceEvent> small = referenceTrace(r);
    QCOMPARE(compactAll(small), compactAll(reference));
    QCOMPARE(small, reference);
}

QTEST_GUILESS_MAIN(TestRunControl)
#include "tst_runcontrol.moc"
