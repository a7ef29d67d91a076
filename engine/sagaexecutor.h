// SPDX-License-Identifier: MIT
#pragma once

#include "eventindex.h"
#include "instancedriver.h"
#include "participant.h"
#include "random.h"
#include "resume.h"
#include "runoptions.h"
#include "sagagraph.h"
#include "sagalog.h"
#include "scheduler.h"
#include "traceevent.h"

#include <QHash>
#include <QSet>

#include <deque>
#include <functional>
#include <memory>
#include <vector>

namespace Sagascope {

/**
 * The saga state machine of SPEC section 3, for many instances of one definition at once:
 * parallel branches and fan-in, retries with backoff and jitter, timeouts, backward recovery in
 * reverse dependency order, forward recovery after the pivot, `stuck` with its reason.
 * With events (SPEC section 5) it is also the embedded broker: a step's `emits` are published
 * (event_published, in the same log transaction as the transition that produced them: the
 * outbox) and delivered once that transaction is committed to every subscription (at least once;
 * each subscription's inbox makes a redelivery a no-op). Steps with `on` start when all their
 * events were delivered; in a choreography, a compensation starts when one of its
 * `compensation.on` events was delivered (docs/ENGINE.md, "Choreography").
 *
 * Every change of an instance's state is a TraceEvent: emitting one applies it to the state,
 * appends it to the saga log and hands it to the trace sink; replaying the logged events rebuilds
 * the state after a crash (enqueueRecovered). Participants are called only once the transition
 * that starts the attempt is durable (write-ahead, Scheduler::afterCommit).
 * Single-threaded: it lives on the thread that runs its Scheduler.
 */
class SagaExecutor final : public InstanceDriver
{
public:
    SagaExecutor(const SagaDefinition &definition, const RunOptions &options, Scheduler &scheduler,
                 Participant &participant, SagaLog &log);
    ~SagaExecutor() override;

    void setTraceSink(TraceSink sink) { m_traceSink = std::move(sink); }
    void setFinishSink(FinishSink sink) { m_finishSink = std::move(sink); }
    /** Clock time at which the run began (`t` counts from it). */
    void setRunStart(qint64 ms) { m_runStart = ms; }

    /** Queues a new instance (started by admit(), as concurrency allows). */
    void enqueueNew(qint64 number, qint64 run, int index);
    /** Queues an unfinished instance read back from the log, with its events in seq order. */
    void enqueueRecovered(const InstanceRecord &record, const QList<TraceEvent> &events);
    /** A stuck instance read back from the log, with its events, to resume as `request` says
     *  (its step filled in); checked first with checkResume(). */
    void enqueueResumed(const InstanceRecord &record, const QList<TraceEvent> &events, const ResumeRequest &request);
    /** Whether `request` can resume the stuck instance whose logged events are `events`: empty, with
     *  `request->step` set to the step it is stuck at, or why not, in words a person can act on. */
    QString checkResume(const QList<TraceEvent> &events, ResumeRequest *request) const;
    /** Manual resolutions (Done, Compensated) record what the person did in the effects ledger,
     *  so that its invariants keep holding. */
    void setLedger(EffectsLedger *ledger) { m_ledger = ledger; }
    /** Starts queued instances up to the concurrency limit. */
    void admit();

    /** Replaces the injected faults (the participant's own copy is set by the caller). */
    void setFaults(const FaultPlan &faults) { m_options.faults = faults; }
    const FaultPlan &faults() const { return m_options.faults; }
    /** After a fault was injected on `step` during the run: the instance's (empty: every running
     *  instance's) next attempt of that operation counts as attempt 1 for the injected faults.
     *  Returns the attempts already called, by instance id, where not 0 (for the saga log). */
    QHash<QString, int> restartFaultCount(const QString &instance, const StepId &step, OperationKind operation);
    /** Recovery: what restartFaultCount() gave an instance before the crash (from the log's
     *  faults), set again when the instance is recovered. Before admit(). */
    void setRecoveredFaultBase(const QString &instance, const StepId &step, OperationKind operation, int base);

    /** True when every instance has finished and no participant call is outstanding. */
    bool isDone() const;
    int activeCount() const { return m_active; }
    int queuedCount() const { return int(m_queue.size()); }
    int finishedCount() const { return m_completed + m_compensated + m_stuck; }
    int completedCount() const { return m_completed; }
    int compensatedCount() const { return m_compensated; }
    int stuckCount() const { return m_stuck; }
    quint64 transitions() const { return m_transitions; }
    /** Largest `t` emitted so far. */
    qint64 lastT() const { return m_lastT; }

    /** The id of instance `number` of a run under `seed`: a UUID, the same for the same pair. */
    static QString instanceId(quint64 seed, qint64 number);
    /** Backoff before the attempt after `attempt` (jitter drawn from `random` when > 0). */
    static qint64 backoffMs(const RetryPolicy &policy, int attempt, Random &random);

private:
    enum class Phase : quint8 { Pending, Running, RetryWait, Succeeded, Failed };
    struct StepRuntime
    {
        Phase action = Phase::Pending;
        Phase compensation = Phase::Pending;
        FailureKind lastFailure = FailureKind::None;
        bool timedOut : 1 = false;            // some attempt timed out: its effect is unknown
        bool actionInvoked : 1 = false;       // the participant was called for `attempt`
        bool compensationInvoked : 1 = false; // ... for `compensationAttempt`
        bool compensationTriggered : 1 = false; // choreography: a `compensation.on` event was delivered
        bool cancelled : 1 = false;           // ... before the action started: it never will
        quint16 attempt = 0;
        quint16 compensationAttempt = 0;
        quint64 onDelivered = 0;              // bit k: the k-th event of `on` was delivered
    };
    struct Instance
    {
        QString id;
        qint64 number = 0;
        int slot = 0;
        Random random;
        qint64 seq = 0;
        qint64 tOffset = 0;
        int running = 0;
        bool finished = false;
        std::vector<StepRuntime> steps;
        // The broker's state (SPEC section 5).
        int pendingDeliveries = 0;                               // published, delivery not yet run
        std::vector<std::pair<QString, QString>> published;     // (event id, type), in order
        QSet<QString> inbox;                                     // inboxKey() of every handled delivery
    };
    struct Queued
    {
        qint64 number = 0;
        qint64 run = 0;
        int index = 0;
        std::shared_ptr<const std::pair<InstanceRecord, QList<TraceEvent>>> recovered;
        std::shared_ptr<const ResumeRequest> resume; // recovered and stuck: resume it
    };
    /** Where an instance is stuck: the operation a person must decide about. */
    struct StuckPoint
    {
        int step = -1;
        OperationKind operation = OperationKind::Action;
        QString reason;
    };

    void start(const Queued &queued);
    void emitEvent(Instance &instance, TraceEventType type, int step = -1, int attempt = 0,
                   FailureKind failure = FailureKind::None, const QString &reason = {}, qint64 delayMs = -1);
    void record(Instance &instance, TraceEvent &event);
    void apply(Instance &instance, const TraceEvent &event) const;
    void pump(Instance &instance);
    void pumpChoreography(Instance &instance);
    bool canStart(const Instance &instance, int step) const;
    bool stopsForward(const Instance &instance, int step) const;
    QString waitingReason(const Instance &instance) const;

    // The broker.
    void publish(Instance &instance, const QString &type, int step);
    void deliver(int slot, const QString &eventId, const QString &type);
    void deliverTo(Instance &instance, const QString &eventId, const QString &type, int step, bool toCompensation);
    static QString inboxKey(const QString &eventId, int step, bool toCompensation)
    {
        return eventId + QLatin1Char('|') + QString::number(step) + (toCompensation ? QLatin1Char('c') : QLatin1Char('a'));
    }
    void startOperation(Instance &instance, int step, OperationKind operation, int attempt, const QString &reason = {});
    /** `minDelayMs`: a retry waits at least this long (a remote Retry-After; -1: none). */
    void onOutcome(int slot, int step, OperationKind operation, int attempt, FailureKind failure, const QString &reason,
                   qint64 minDelayMs = -1);
    void onRetryDue(int slot, int step, OperationKind operation, int attempt);
    void finish(Instance &instance, InstanceStatus status, const QString &reason);

    bool isRollingBack(const Instance &instance) const;
    QString stuckReason(const Instance &instance) const { return stuckPoint(instance).reason; }
    StuckPoint stuckPoint(const Instance &instance) const;
    /** Applies a saga_resumed event: the resolution, to the stuck operation. */
    void applyResolution(Instance &instance, int step, Resolution resolution) const;
    /** What a resolution must write to the effects ledger (done or undone by hand). */
    void recordResolution(Instance &instance, int step, OperationKind operation, Resolution resolution);
    QString rollbackReason(const Instance &instance) const;
    bool needsCompensation(const Instance &instance, int step) const;
    bool isSettled(const Instance &instance, int step) const;
    qint64 timeoutFor(const QString &instance, int step, OperationKind operation) const;

    const SagaDefinition &m_definition;
    SagaGraph m_graph;
    EventIndex m_events;
    bool m_broker = false;       // the saga uses events: publish and deliver them
    bool m_choreography = false; // compensations run on events, not by the orchestrator
    std::vector<QList<int>> m_afterPredecessors; // predecessors by `after` (event edges left out)
    RunOptions m_options;
    Scheduler &m_scheduler;
    Participant &m_participant;
    EffectsLedger *m_ledger = nullptr;
    SagaLog &m_log;
    TraceSink m_traceSink;
    FinishSink m_finishSink;
    std::vector<RetryPolicy> m_actionRetry;
    std::vector<RetryPolicy> m_compensationRetry;
    std::vector<std::unique_ptr<Instance>> m_slots;
    // Attempts already called when a fault was injected (restartFaultCount), by faultKey(); few.
    QHash<quint64, int> m_faultBases;
    // Recovery: by instance id, {step index, operation, base} to put into m_faultBases at start().
    struct RecoveredBase
    {
        int step;
        OperationKind operation;
        int base;
    };
    QHash<QString, QList<RecoveredBase>> m_recoveredBases;
    static quint64 faultKey(int slot, int step, OperationKind operation)
    {
        return (quint64(quint32(slot)) << 32) | (quint64(quint32(step)) << 1) | (operation == OperationKind::Compensation ? 1 : 0);
    }
    std::deque<Queued> m_queue;
    qint64 m_runStart = 0;
    int m_active = 0;
    bool m_admitting = false;
    int m_completed = 0;
    int m_compensated = 0;
    int m_stuck = 0;
    quint64 m_transitions = 0;
    qint64 m_lastT = 0;
};

} // namespace Sagascope
