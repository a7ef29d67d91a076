// SPDX-License-Identifier: MIT
#pragma once

#include "sagadefinition.h"
#include "traceevent.h"

#include <QHash>
#include <QList>
#include <QString>

#include <array>
#include <deque>
#include <utility>
#include <vector>

namespace Sagascope {

/** Where one step of one instance stands, as the trace tells it. */
enum class StepPhase : quint8 {
    Pending,              // not started
    Running,              // an attempt of the action is in flight
    Retrying,             // the action failed technically; the next attempt is scheduled
    Succeeded,            // the action succeeded (and is not compensated)
    FailedTechnical,      // the last attempt failed with an error and no retry follows
    FailedTimeout,        // the last attempt timed out and no retry follows (its effect is unknown)
    FailedBusiness,       // refused for a business reason: never retried, never compensated
    Compensating,         // an attempt of the compensation is in flight
    Compensated,          // the compensation succeeded
    CompensationRetrying, // the compensation failed; its next attempt is (or is about to be) scheduled
    Stuck,                // the step left the saga stuck: a person decides
};
inline constexpr int StepPhaseCount = 11;

/** "pending", "running", "retrying", ... (stable, for logs and tests; not translated). */
QString stepPhaseName(StepPhase phase);
/** True for the three Failed* phases. */
bool isFailedPhase(StepPhase phase);

/** One step of one instance. Times are the trace's `t` (ms since the run began); -1: not yet. */
struct StepRunState
{
    StepPhase phase = StepPhase::Pending;
    int attempt = 0;              // last attempt of the action (1 for the first try)
    int maxAttempts = 0;          // the action's effective retry.maxAttempts; 0: unbounded
    int compensationAttempt = 0;  // last attempt of the compensation; 0: never compensated
    int compensationMaxAttempts = 0;
    qint64 startedAt = -1;        // when the current (or last) attempt started
    qint64 endedAt = -1;          // when the last attempt ended
    qint64 nextAttemptAt = -1;    // a scheduled retry: t of retry_scheduled + delayMs
    FailureKind lastFailure = FailureKind::None;
    QString reason;               // reason of the last failure
    bool timedOut = false;        // some attempt of the action timed out

    /** True while the step is in its compensation (compensating, retrying it, or compensated). */
    bool inCompensation() const { return compensationAttempt > 0; }

    friend bool operator==(const StepRunState &, const StepRunState &) = default;
};

/** One instance: its status and every step's state, in the definition's step order. */
struct InstanceRunState
{
    QString id;
    InstanceStatus status = InstanceStatus::Running;
    QString reason;               // why it was compensated or is stuck
    qint64 startedAt = -1;
    qint64 endedAt = -1;          // t of the final event; -1 while running
    qint64 lastT = 0;             // t of the instance's latest event
    qint64 lastSeq = 0;
    int eventCount = 0;
    bool pivotCommitted = false;  // the pivot succeeded: the saga can only go forward
    qint64 pivotCommittedAt = -1;
    bool rollingBack = false;     // backward recovery has begun
    qint64 rollbackStartedAt = -1;
    std::vector<StepRunState> steps;

    bool isFinished() const { return status != InstanceStatus::Running; }
    /** Time from start to end, or to `now` while running. */
    qint64 duration(qint64 now) const { return (endedAt >= 0 ? endedAt : qMax(now, lastT)) - startedAt; }

    friend bool operator==(const InstanceRunState &, const InstanceRunState &) = default;
};

/**
 * The run state of many instances of one saga definition, reduced from their trace events: a
 * pure value, kept apart from the design and from undo, shared by the canvas overlay, the
 * monitor panels and replay. apply() is O(1) per event (instances and steps are found through
 * hashes); only an instance's final event visits that instance's steps once. Instances keep the
 * order in which they first appeared. Per step, it also counts how many instances sit in each
 * phase (the canvas's heat overlay).
 */
class RunState
{
public:
    RunState() = default;
    explicit RunState(const SagaDefinition &definition);

    /** Forgets every instance (the definition stays). */
    void clear();

    /** Applies one event; false (and nothing changes) for an event naming a step the definition
     *  does not have, or arriving after its instance's final event. */
    bool apply(const TraceEvent &event);
    /** Applies a batch in order; returns how many events were applied. */
    int apply(const QList<TraceEvent> &events);

    /** The state after the first `k` events of `events` (replay scrubbing); k is clamped. */
    static RunState stateAt(const SagaDefinition &definition, const QList<TraceEvent> &events, qsizetype k);

    /** The indices of the first and last instance changed since the last call ({-1, -1}: none),
     *  so that a view refreshes one range per batch without looking the instances up again.
     *  Bookkeeping only: not part of the state compared by ==. */
    std::pair<int, int> takeTouched();

    // The definition, as far as the run state needs it.
    int stepCount() const { return int(m_stepIds.size()); }
    const StepId &stepId(int index) const { return m_stepIds[size_t(index)]; }
    StepKind stepKind(int index) const { return m_stepKinds[size_t(index)]; }
    /** Index of a step by id, or -1. O(1). */
    int stepIndex(const StepId &id) const { return m_stepIndex.value(id, -1); }
    /** Index of the pivot, or -1. */
    int pivotIndex() const { return m_pivot; }

    // Instances
    int instanceCount() const { return int(m_instances.size()); }
    /** Makes room for `count` instances in the index by id, so that adding them never rehashes it
     *  (a rehash of 8,192 ids costs milliseconds, all in one apply()). */
    void reserveInstances(int count) { m_instanceIndex.reserve(count); }
    /** How many instances the index by id holds without growing. */
    qsizetype instanceCapacity() const { return m_instanceIndex.capacity(); }
    /** Index of an instance by id, or -1. O(1). */
    int instanceIndex(const QString &id) const { return m_instanceIndex.value(id, -1); }
    const InstanceRunState &instanceAt(int index) const { return m_instances[size_t(index)]; }
    /** Null when the instance has not appeared. */
    const InstanceRunState *instance(const QString &id) const;
    /** Null when the instance or the step is unknown. */
    const StepRunState *step(const QString &instance, const StepId &step) const;
    /** True once the instance's pivot has succeeded. */
    bool pivotCommitted(const QString &instance) const;

    // Aggregates
    /** How many instances have step `stepIndex` in `phase` (heat overlay). O(1). */
    int stepPhaseCount(int stepIndex, StepPhase phase) const;
    int statusCount(InstanceStatus status) const { return m_statusCounts[size_t(status)]; }
    /** Events applied / refused so far. */
    qint64 appliedCount() const { return m_applied; }
    qint64 ignoredCount() const { return m_ignored; }
    /** Smallest and largest `t` seen; -1 before the first event. */
    qint64 firstT() const { return m_firstT; }
    qint64 lastT() const { return m_lastT; }

    friend bool operator==(const RunState &a, const RunState &b);

private:
    InstanceRunState &addInstance(const TraceEvent &event);
    void setPhase(StepRunState &step, int stepIndex, StepPhase phase);
    void setStatus(InstanceRunState &instance, InstanceStatus status);
    void finish(InstanceRunState &instance, const TraceEvent &event);

    std::vector<StepId> m_stepIds;
    std::vector<StepKind> m_stepKinds;
    std::vector<int> m_maxAttempts;
    std::vector<int> m_compensationMaxAttempts;
    QHash<StepId, int> m_stepIndex;
    int m_pivot = -1;

    // A deque: a new instance never moves the ones before it (a vector's growth did, in one frame).
    std::deque<InstanceRunState> m_instances;
    QHash<QString, int> m_instanceIndex;
    // Per step, instances in each phase; the Pending slot is not kept but derived.
    std::vector<std::array<int, StepPhaseCount>> m_phaseCounts;
    std::array<int, 4> m_statusCounts{};
    qint64 m_applied = 0;
    qint64 m_ignored = 0;
    qint64 m_firstT = -1;
    qint64 m_lastT = -1;
    int m_touchedFirst = -1;
    int m_touchedLast = -1;
};

} // namespace Sagascope
