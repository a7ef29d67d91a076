// SPDX-License-Identifier: MIT
// ProtocolRunState, the reducer behind the canvas's 2PC and shared-resource overlay, fed real
// traces of examples/hot-item.saga: under 2PC the resource lock has one holder at a time and the
// counter ends where the engine's does; a coordinator crash leaves participants in doubt (with
// their locks) until recovery applies the decision; under the saga a dirty read can be watched.
#include "enginetesthelpers.h"
#include "protocolrunstate.h"
#include "sagafile.h"
#include "testconfig.h"

#include <QTemporaryDir>
#include <QTest>

using namespace Sagascope;
using namespace Sagascope::Test;

namespace {

const QString Stock = QStringLiteral("stock:sku-1");

SagaDefinition hotItem()
{
    const LoadResult loaded = SagaFile::load(QStringLiteral(SAGASCOPE_EXAMPLES_DIR "/hot-item.saga"));
    if (!loaded.ok())
        qFatal("%s", qPrintable(loaded.error.toString()));
    return *loaded.definition;
}

RunRequest request(Protocol protocol, int instances, int concurrency, quint64 seed)
{
    RunRequest r;
    r.definition = hotItem();
    r.options.instances = instances;
    r.options.concurrency = concurrency;
    r.options.seed = seed;
    r.options.virtualTime = true;
    r.options.protocol = protocol;
    return r;
}

} // namespace

class TestProtocolRunState : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void startsFromTheDeclaredValues()
    {
        const ProtocolRunState state(hotItem());
        QCOMPARE(state.resources().size(), 1);
        QCOMPARE(state.resource(Stock)->value, 10);
        QVERIFY(!state.isTwoPhase());
        QVERIFY(!state.resource(QStringLiteral("nope")));
    }

    void aResumedSagaIsNoTwoPhaseCommit()
    {
        // Seen: after Resolve on a stuck saga instance, the canvas drew a "2PC coordinator"
        // (saga_resumed comes after the 2PC events in the enumeration and was taken for one).
        ProtocolRunState state(hotItem());
        TraceEvent resumed;
        resumed.event = TraceEventType::SagaResumed;
        resumed.instance = QStringLiteral("i1");
        resumed.step = QStringLiteral("take_payment");
        resumed.verdict = QStringLiteral("done");
        state.apply(resumed);
        QVERIFY(!state.isTwoPhase());
        QVERIFY(!state.coordinator(QStringLiteral("i1")));
        QVERIFY(!resumed.isTwoPhaseEvent());
        QVERIFY(!resumed.isStepEvent());
        resumed.event = TraceEventType::InDoubt;
        QVERIFY(resumed.isTwoPhaseEvent());
    }

    void twoPhaseLocksHaveOneHolderAndTheCounterEndsWithTheEngine()
    {
        QList<TraceEvent> trace;
        const RunSummary summary = runEngine(request(Protocol::TwoPhaseCommit, 20, 5, 1), &trace);
        QVERIFY2(summary.error.isEmpty(), qPrintable(summary.error));
        ProtocolRunState state(hotItem());
        int lockEvents = 0, votes = 0;
        for (const TraceEvent &e : std::as_const(trace)) {
            const QString holderBefore = state.resource(Stock)->lockHolder;
            state.apply(e);
            const ProtocolRunState::ResourceView *stock = state.resource(Stock);
            if (e.event == TraceEventType::LockAcquired && e.resource == Stock) {
                QVERIFY2(holderBefore.isEmpty(), "a second holder of an exclusive lock");
                QCOMPARE(stock->lockHolder, e.instance);
                QCOMPARE(stock->lockedSince, e.t);
                QCOMPARE(state.participant(e.instance, e.step)->resource, Stock);
                ++lockEvents;
            }
            if (e.event == TraceEventType::LockAcquired && e.resource.isEmpty())
                QCOMPARE(state.participant(e.instance, e.step)->lockedSince, e.t);
            if (e.event == TraceEventType::LockReleased && e.resource.isEmpty()) {
                const ProtocolRunState::Participant *p = state.participant(e.instance, e.step);
                QCOMPARE(p->lockedSince, -1);
                QVERIFY(p->heldMs >= 0);
                QVERIFY(!p->applied.isEmpty()); // a lock is released only once the decision is applied
            }
            if (e.event == TraceEventType::Voted) {
                const auto vote = state.participant(e.instance, e.step)->vote;
                QCOMPARE(vote, e.verdict == QLatin1String("yes") ? ProtocolRunState::Vote::Yes : ProtocolRunState::Vote::No);
                ++votes;
            }
            if (e.event == TraceEventType::Decided)
                QCOMPARE(state.coordinator(e.instance)->decision, e.verdict);
        }
        QVERIFY(state.isTwoPhase());
        QVERIFY(lockEvents > 0);
        QVERIFY(votes > 0);
        QVERIFY(state.resource(Stock)->lockHolder.isEmpty());
        QCOMPARE(state.resource(Stock)->value, summary.resources.value(Stock));
        QCOMPARE(state.inDoubtCount(), 0);
        for (const TraceEvent &e : std::as_const(trace))
            QCOMPARE(state.coordinator(e.instance)->phase, ProtocolRunState::CoordinatorPhase::Finished);
    }

    void aCrashedCoordinatorLeavesParticipantsInDoubtUntilRecovery()
    {
        QTemporaryDir dir;
        RunRequest r = request(Protocol::TwoPhaseCommit, 3, 3, 1);
        r.options.crashCoordinator = CrashPoint::AfterPrepare;
        r.logPath = dir.filePath(QStringLiteral("log.db"));
        QList<TraceEvent> trace;
        Engine engine;
        const RunSummary crashed = waitFor(engine, [&] { engine.start(r); }, &trace);
        QVERIFY(crashed.coordinatorCrashed);
        QVERIFY(crashed.inDoubt > 0);

        ProtocolRunState state(hotItem());
        state.apply(trace);
        QCOMPARE(state.inDoubtCount(), crashed.inDoubt);
        QString doubtful;
        StepId doubtfulStep;
        for (const TraceEvent &e : std::as_const(trace))
            if (e.event == TraceEventType::InDoubt) {
                doubtful = e.instance;
                doubtfulStep = e.step;
            }
        QCOMPARE(state.coordinator(doubtful)->phase, ProtocolRunState::CoordinatorPhase::Crashed);
        QVERIFY(state.coordinator(doubtful)->inDoubt > 0);
        const ProtocolRunState::Participant *p = state.participant(doubtful, doubtfulStep);
        QVERIFY(p->inDoubt);
        QCOMPARE(p->vote, ProtocolRunState::Vote::Yes);
        QVERIFY(p->lockedSince >= 0); // in doubt, it keeps its lock
        QCOMPARE(state.lastT(), trace.last().t);

        QList<TraceEvent> recovery;
        Engine again;
        const RunSummary recovered = waitFor(again, [&] { again.recover(r.logPath, {}); }, &recovery);
        QVERIFY2(recovered.error.isEmpty(), qPrintable(recovered.error));
        state.apply(recovery);
        QCOMPARE(state.inDoubtCount(), 0);
        QVERIFY(!state.participant(doubtful, doubtfulStep)->inDoubt);
        QCOMPARE(state.participant(doubtful, doubtfulStep)->applied, QStringLiteral("abort")); // presumed abort
        QCOMPARE(state.participant(doubtful, doubtfulStep)->lockedSince, -1);
        QCOMPARE(state.coordinator(doubtful)->phase, ProtocolRunState::CoordinatorPhase::Finished);
    }

    // Under the saga, one instance at a time: the counter follows the successes and the
    // compensations exactly (no lost update can happen), and ends where the engine's does.
    void sagaCounterFollowsSuccessesAndCompensations()
    {
        QList<TraceEvent> trace;
        const RunSummary summary = runEngine(request(Protocol::Saga, 30, 1, 2), &trace);
        QVERIFY2(summary.error.isEmpty(), qPrintable(summary.error));
        QVERIFY(summary.compensated > 0);
        ProtocolRunState state(hotItem());
        bool sawGiveBack = false;
        for (const TraceEvent &e : std::as_const(trace)) {
            const qint64 before = state.resource(Stock)->value;
            state.apply(e);
            const qint64 after = state.resource(Stock)->value;
            if (e.event == TraceEventType::StepSucceeded && e.step == QLatin1String("reserve_stock")) {
                QCOMPARE(after, before - 1);
                QCOMPARE(state.resource(Stock)->lastInstance, e.instance);
            } else if (e.event == TraceEventType::CompensationSucceeded && e.step == QLatin1String("reserve_stock")) {
                QCOMPARE(after, before + 1);
                sawGiveBack = true;
            } else {
                QCOMPARE(after, before);
            }
        }
        QVERIFY(sawGiveBack);
        QVERIFY(!state.isTwoPhase());
        QCOMPARE(state.resource(Stock)->value, summary.resources.value(Stock));
        state.setFinalValues({{Stock, 99}});
        QCOMPARE(state.resource(Stock)->value, 99);
        state.clear();
        QCOMPARE(state.resource(Stock)->value, 10);
    }
};

QTEST_GUILESS_MAIN(TestProtocolRunState)
#include "tst_protocolrunstate.moc"
