// SPDX-License-Identifier: MIT
#pragma once

#include "effectsledger.h"
#include "instancedriver.h"
#include "random.h"
#include "runoptions.h"
#include "sagagraph.h"
#include "scheduler.h"
#include "sharedresources.h"

#include <QHash>
#include <QMap>

#include <deque>
#include <memory>
#include <vector>

namespace Sagascope {

/**
 * Exclusive locks on named resources with a FIFO queue of waiters, and how long each was held:
 * the locks a 2PC participant holds on its `sim.effect` resources.
 */
class LockTable
{
public:
    explicit LockTable(Scheduler &scheduler) : m_scheduler(scheduler) {}
    /** Grants the lock now (true) or queues `granted`, run (from the scheduler) once it is. */
    bool acquire(const QString &resource, const QString &owner, std::function<void()> granted);
    /** Recovery: the owner held it when the process died and holds it again. */
    void restore(const QString &resource, const QString &owner);
    void release(const QString &resource, const QString &owner);
    QMap<QString, QList<qint64>> holds() const { return m_holds; }

private:
    struct Lock
    {
        QString owner;
        qint64 since = 0;
        std::deque<std::pair<QString, std::function<void()>>> waiting;
    };
    Scheduler &m_scheduler;
    QHash<QString, Lock> m_locks;
    QMap<QString, QList<qint64>> m_holds;
};

/**
 * The 2PC coordinator of SPEC section 7 (`run --protocol 2pc`): each step's action is its
 * participant's work inside one global transaction. Phase one sends `prepare` to a step once the
 * steps in its `after` voted yes; the participant takes a lock on its own work and an exclusive
 * lock on its `sim.effect` resource, does the work (latency, failures, retries with backoff) and
 * votes: a business failure, its resource below `min`, or technical attempts run out is a "no".
 * Once every prepared participant voted, the coordinator writes its decision (commit when all of
 * them said yes) to the saga log and, once that is durable, sends it: each participant applies it
 * (commit: the effect and its counter change are applied; abort: nothing is) and only then
 * releases its locks. A committed instance ends `completed`, an aborted one `compensated`.
 *
 * `--crash-coordinator after-prepare|after-decision` stops the coordinator there: every
 * participant that voted yes and has not applied a decision is in doubt (an `in_doubt` event) and
 * keeps its locks until `recover` restarts the coordinator, which finishes each instance by its
 * logged decision, or aborts it when none was logged (presumed abort, Mohan et al. 1986).
 * Single-threaded, like the SagaExecutor beside which it stands.
 */
class TwoPhaseCoordinator final : public InstanceDriver
{
public:
    using CrashSink = std::function<void()>;

    TwoPhaseCoordinator(const SagaDefinition &definition, const RunOptions &options, Scheduler &scheduler,
                        EffectsLedger &ledger, SharedResources &resources, SagaLog &log);
    ~TwoPhaseCoordinator() override;

    void setTraceSink(TraceSink sink) override { m_traceSink = std::move(sink); }
    void setFinishSink(FinishSink sink) override { m_finishSink = std::move(sink); }
    /** Called once when the coordinator stops at its crash point (after the in_doubt events). */
    void setCrashSink(CrashSink sink) { m_crashSink = std::move(sink); }
    void setRunStart(qint64 ms) override { m_runStart = ms; }

    void enqueueNew(qint64 number, qint64 run, int index) override;
    void enqueueRecovered(const InstanceRecord &record, const QList<TraceEvent> &events) override;
    void admit() override;

    void setFaults(const FaultPlan &faults) override { m_options.faults = faults; }
    /** Faults injected during a 2PC run count from the first attempt (no per-attempt bases). */
    QHash<QString, int> restartFaultCount(const QString &, const StepId &, OperationKind) override { return {}; }
    void setRecoveredFaultBase(const QString &, const StepId &, OperationKind, int) override {}

    /** Every instance finished (its last scheduled work is part of it), or the coordinator crashed. */
    bool isDone() const override { return m_crashed || (m_active == 0 && m_queue.empty()); }
    int activeCount() const override { return m_active; }
    int queuedCount() const override { return int(m_queue.size()); }
    int finishedCount() const override { return m_completed + m_compensated; }
    int completedCount() const override { return m_completed; }
    int compensatedCount() const override { return m_compensated; }
    int stuckCount() const override { return 0; }
    quint64 transitions() const override { return m_transitions; }
    qint64 lastT() const override { return m_lastT; }

    bool hasCrashed() const { return m_crashed; }
    /** Participants left in doubt by the crash (in_doubt events). */
    int inDoubtCount() const { return m_inDoubt; }
    /** Lock-hold times of the `sim.effect` resources, in ms. */
    QMap<QString, QList<qint64>> lockHolds() const { return m_locks.holds(); }

private:
    enum class State : quint8 { Idle, Working, RetryWait, Yes, No, Applied };
    enum class Decision : quint8 { None, Commit, Abort };
    struct Participant
    {
        State state = State::Idle;
        quint16 attempt = 0;
        bool prepared = false;     // prepare_sent: it is a participant of the transaction
        bool stepLock = false;     // holds the lock on its own work
        bool resourceLock = false; // holds the lock on its sim.effect resource
    };
    struct Instance
    {
        QString id;
        qint64 number = 0;
        int slot = 0;
        Random random;
        qint64 seq = 0;
        qint64 tOffset = 0;
        Decision decision = Decision::None;
        QString reason;            // why it aborts
        bool finished = false;
        std::vector<Participant> parts;
    };
    struct Queued
    {
        qint64 number = 0;
        qint64 run = 0;
        int index = 0;
        std::shared_ptr<const std::pair<InstanceRecord, QList<TraceEvent>>> recovered;
    };

    void start(const Queued &queued);
    void recoverInstance(Instance &instance, const QList<TraceEvent> &events);
    /** The next event of the instance (seq and t set); commitEvent() logs and traces it. */
    TraceEvent makeEvent(Instance &instance, TraceEventType type, int step = -1, int attempt = 0);
    void commitEvent(Instance &instance, const TraceEvent &event);
    void pump(Instance &instance);
    void prepare(Instance &instance, int step, int attempt);
    void beginWork(int slot, int step, int attempt);
    void work(int slot, int step, int attempt);
    void vote(Instance &instance, int step, int attempt, bool yes, const QString &reason);
    void decide(Instance &instance, Decision decision, const QString &reason);
    void phaseTwo(int slot);
    void applyDecision(Instance &instance, int step);
    void crash();
    Instance *instanceAt(int slot) const { return m_slots[size_t(slot)].get(); }
    const SimEffect *effectOf(int step) const { return m_resources.effectOf(step); }

    const SagaDefinition &m_definition;
    SagaGraph m_graph;
    RunOptions m_options;
    Scheduler &m_scheduler;
    EffectsLedger &m_ledger;
    SharedResources &m_resources;
    SagaLog &m_log;
    LockTable m_locks;
    TraceSink m_traceSink;
    FinishSink m_finishSink;
    CrashSink m_crashSink;
    std::vector<RetryPolicy> m_retry;
    std::vector<std::unique_ptr<Instance>> m_slots;
    std::deque<Queued> m_queue;
    qint64 m_runStart = 0;
    qint64 m_lastT = 0;
    quint64 m_transitions = 0;
    int m_active = 0;
    int m_completed = 0;
    int m_compensated = 0;
    int m_inDoubt = 0;
    bool m_admitting = false;
    bool m_crashed = false;
};

} // namespace Sagascope
