// SPDX-License-Identifier: MIT
#include "runstate.h"

namespace Sagascope {

namespace {

constexpr std::array<const char *, StepPhaseCount> PhaseNames = {
    "pending",         "running",        "retrying",        "succeeded",
    "failed_technical", "failed_timeout", "failed_business", "compensating",
    "compensated",     "compensation_retrying", "stuck",
};

StepPhase failedPhase(FailureKind failure)
{
    switch (failure) {
    case FailureKind::Timeout: return StepPhase::FailedTimeout;
    case FailureKind::Business: return StepPhase::FailedBusiness;
    case FailureKind::Technical:
    case FailureKind::None: break;
    }
    return StepPhase::FailedTechnical;
}

bool attemptsExhausted(int attempt, int maxAttempts)
{
    return maxAttempts > 0 && attempt >= maxAttempts;
}

} // namespace

QString stepPhaseName(StepPhase phase)
{
    return QString::fromLatin1(PhaseNames[size_t(phase)]);
}

bool isFailedPhase(StepPhase phase)
{
    return phase == StepPhase::FailedTechnical || phase == StepPhase::FailedTimeout
        || phase == StepPhase::FailedBusiness;
}

RunState::RunState(const SagaDefinition &definition)
{
    const qsizetype n = definition.steps.size();
    m_stepIds.reserve(size_t(n));
    for (const Step &step : definition.steps) {
        if (m_stepIndex.contains(step.id))
            continue; // a duplicate id keeps its first step, as in SagaGraph
        m_stepIndex.insert(step.id, int(m_stepIds.size()));
        m_stepIds.push_back(step.id);
        m_stepKinds.push_back(step.kind);
        m_maxAttempts.push_back(step.effectiveActionRetry().maxAttempts);
        m_compensationMaxAttempts.push_back(step.compensation ? step.effectiveCompensationRetry().maxAttempts : 0);
        if (step.kind == StepKind::Pivot && m_pivot < 0)
            m_pivot = int(m_stepIds.size()) - 1;
    }
    m_phaseCounts.assign(m_stepIds.size(), {});
}

std::pair<int, int> RunState::takeTouched()
{
    const std::pair<int, int> range(m_touchedFirst, m_touchedLast);
    m_touchedFirst = m_touchedLast = -1;
    return range;
}

void RunState::clear()
{
    m_touchedFirst = m_touchedLast = -1;
    m_instances.clear();
    m_instanceIndex.clear();
    m_phaseCounts.assign(m_stepIds.size(), {});
    m_statusCounts = {};
    m_applied = 0;
    m_ignored = 0;
    m_firstT = -1;
    m_lastT = -1;
}

RunState RunState::stateAt(const SagaDefinition &definition, const QList<TraceEvent> &events, qsizetype k)
{
    RunState state(definition);
    const qsizetype end = qBound(qsizetype(0), k, events.size());
    for (qsizetype i = 0; i < end; ++i)
        state.apply(events.at(i));
    return state;
}

const InstanceRunState *RunState::instance(const QString &id) const
{
    const int i = instanceIndex(id);
    return i < 0 ? nullptr : &m_instances[size_t(i)];
}

const StepRunState *RunState::step(const QString &instance, const StepId &step) const
{
    const InstanceRunState *state = this->instance(instance);
    const int s = stepIndex(step);
    return state && s >= 0 ? &state->steps[size_t(s)] : nullptr;
}

bool RunState::pivotCommitted(const QString &instance) const
{
    const InstanceRunState *state = this->instance(instance);
    return state && state->pivotCommitted;
}

int RunState::stepPhaseCount(int stepIndex, StepPhase phase) const
{
    if (stepIndex < 0 || stepIndex >= stepCount())
        return 0;
    const auto &counts = m_phaseCounts[size_t(stepIndex)];
    if (phase != StepPhase::Pending)
        return counts[size_t(phase)];
    int notPending = 0;
    for (int c : counts)
        notPending += c;
    return instanceCount() - notPending;
}

InstanceRunState &RunState::addInstance(const TraceEvent &event)
{
    // First event of this instance (normally saga_started; a log read from the middle also works).
    InstanceRunState state;
    state.id = event.instance;
    state.startedAt = event.t;
    state.lastT = event.t;
    state.steps.resize(m_stepIds.size());
    for (size_t s = 0; s < m_stepIds.size(); ++s) {
        state.steps[s].maxAttempts = m_maxAttempts[s];
        state.steps[s].compensationMaxAttempts = m_compensationMaxAttempts[s];
    }
    m_instanceIndex.insert(event.instance, int(m_instances.size()));
    m_instances.push_back(std::move(state));
    ++m_statusCounts[size_t(InstanceStatus::Running)];
    return m_instances.back();
}

void RunState::setPhase(StepRunState &step, int stepIndex, StepPhase phase)
{
    if (step.phase == phase)
        return;
    auto &counts = m_phaseCounts[size_t(stepIndex)];
    if (step.phase != StepPhase::Pending)
        --counts[size_t(step.phase)];
    if (phase != StepPhase::Pending)
        ++counts[size_t(phase)];
    step.phase = phase;
}

void RunState::setStatus(InstanceRunState &instance, InstanceStatus status)
{
    --m_statusCounts[size_t(instance.status)];
    ++m_statusCounts[size_t(status)];
    instance.status = status;
}

bool RunState::apply(const TraceEvent &event)
{
    const int s = event.step.isEmpty() ? -1 : stepIndex(event.step);
    if (event.isStepEvent() && s < 0) {
        ++m_ignored; // a step this definition does not have (a log of another version)
        return false;
    }
    int index = m_instanceIndex.value(event.instance, -1); // the one hash look-up of the instance
    // A finished instance takes no more events, but for a person resuming it (sagascope-cli resume).
    if (index >= 0 && m_instances[size_t(index)].isFinished() && event.event != TraceEventType::SagaResumed) {
        ++m_ignored;
        return false;
    }
    if (index < 0) {
        addInstance(event);
        index = int(m_instances.size()) - 1;
    }
    InstanceRunState &instance = m_instances[size_t(index)];
    m_touchedFirst = m_touchedFirst < 0 ? index : qMin(m_touchedFirst, index);
    m_touchedLast = qMax(m_touchedLast, index);
    instance.lastT = qMax(instance.lastT, event.t);
    instance.lastSeq = qMax(instance.lastSeq, event.seq);
    ++instance.eventCount;
    ++m_applied;
    m_firstT = m_firstT < 0 ? event.t : qMin(m_firstT, event.t);
    m_lastT = qMax(m_lastT, event.t);

    StepRunState *step = s >= 0 ? &instance.steps[size_t(s)] : nullptr;
    switch (event.event) {
    case TraceEventType::SagaStarted:
        instance.startedAt = event.t;
        break;
    case TraceEventType::StepStarted:
    case TraceEventType::PrepareSent: // 2PC: the participant works on its step (its attempt)
        step->attempt = event.attempt;
        step->startedAt = event.t;
        step->endedAt = -1;
        step->nextAttemptAt = -1;
        setPhase(*step, s, StepPhase::Running);
        break;
    case TraceEventType::StepSucceeded:
        step->attempt = qMax(step->attempt, event.attempt);
        step->endedAt = event.t;
        step->nextAttemptAt = -1;
        setPhase(*step, s, StepPhase::Succeeded);
        if (m_stepKinds[size_t(s)] == StepKind::Pivot && !instance.pivotCommitted) {
            instance.pivotCommitted = true;
            instance.pivotCommittedAt = event.t;
        }
        break;
    case TraceEventType::StepFailed: {
        step->attempt = qMax(step->attempt, event.attempt);
        step->endedAt = event.t;
        step->lastFailure = event.failure;
        step->reason = event.reason;
        step->timedOut = step->timedOut || event.failure == FailureKind::Timeout;
        setPhase(*step, s, failedPhase(event.failure));
        // A compensatable step that cannot be retried any more, or a pivot refused for a business
        // reason, starts the rollback. A pivot whose attempts ran out on technical failures leaves
        // the saga stuck instead (its outcome is unknown), and so does any failure after it.
        const StepKind kind = m_stepKinds[size_t(s)];
        const bool rollsBack = kind == StepKind::Pivot
            ? event.failure == FailureKind::Business && !step->timedOut
            : kind == StepKind::Compensatable
                && (event.failure == FailureKind::Business || attemptsExhausted(event.attempt, step->maxAttempts));
        if (rollsBack && !instance.pivotCommitted && !instance.rollingBack) {
            instance.rollingBack = true;
            instance.rollbackStartedAt = event.t;
        }
        break;
    }
    case TraceEventType::RetryScheduled:
        step->nextAttemptAt = event.t + qMax<qint64>(0, event.delayMs);
        setPhase(*step, s, step->inCompensation() ? StepPhase::CompensationRetrying : StepPhase::Retrying);
        break;
    case TraceEventType::CompensationStarted:
        step->compensationAttempt = event.attempt;
        step->startedAt = event.t;
        step->endedAt = -1;
        step->nextAttemptAt = -1;
        setPhase(*step, s, StepPhase::Compensating);
        if (!instance.rollingBack) {
            instance.rollingBack = true;
            instance.rollbackStartedAt = event.t;
        }
        break;
    case TraceEventType::CompensationSucceeded:
        step->compensationAttempt = qMax(step->compensationAttempt, event.attempt);
        step->endedAt = event.t;
        step->nextAttemptAt = -1;
        setPhase(*step, s, StepPhase::Compensated);
        break;
    case TraceEventType::CompensationFailed:
        step->compensationAttempt = qMax(step->compensationAttempt, event.attempt);
        step->endedAt = event.t;
        step->nextAttemptAt = -1; // retry_scheduled follows unless the compensation gave up
        step->lastFailure = event.failure;
        step->reason = event.reason;
        setPhase(*step, s, attemptsExhausted(event.attempt, step->compensationMaxAttempts)
                               ? StepPhase::Stuck
                               : StepPhase::CompensationRetrying);
        break;
    case TraceEventType::SagaCompleted:
    case TraceEventType::SagaCompensated:
    case TraceEventType::SagaStuck:
        finish(instance, event);
        break;
    case TraceEventType::EventPublished:
    case TraceEventType::EventDelivered:
        break; // the broker's messages change no step's phase; the transitions they cause do
    case TraceEventType::Voted: // 2PC: a yes is a step done (not yet committed), a no a failure
        step->endedAt = event.t;
        if (event.verdict == QLatin1String("yes")) {
            setPhase(*step, s, StepPhase::Succeeded);
        } else {
            step->lastFailure = event.failure == FailureKind::None ? FailureKind::Business : event.failure;
            step->reason = event.reason;
            setPhase(*step, s, failedPhase(step->lastFailure));
        }
        break;
    case TraceEventType::Decided:
    case TraceEventType::CommitApplied:
    case TraceEventType::AbortApplied:
    case TraceEventType::LockAcquired:
    case TraceEventType::LockReleased:
    case TraceEventType::InDoubt:
        break; // the rest of two-phase commit is ProtocolRunState's (the canvas's ProtocolOverlay)
    case TraceEventType::SagaResumed:
        if (instance.isFinished())
            setStatus(instance, InstanceStatus::Running);
        instance.reason = event.reason;
        instance.endedAt = -1;
        if (step) {
            const bool compensation = step->compensationAttempt > 0; // its compensation was what was stuck
            const QString resolution = event.verdict;
            setPhase(*step, s, resolution == QLatin1String("done")          ? StepPhase::Succeeded
                               : resolution == QLatin1String("compensated") ? (compensation ? StepPhase::Compensated
                                                                                            : StepPhase::FailedBusiness)
                               : compensation                                ? StepPhase::CompensationRetrying
                                                                             : StepPhase::Retrying);
        }
        break;
    }
    return true;
}

int RunState::apply(const QList<TraceEvent> &events)
{
    int applied = 0;
    for (const TraceEvent &event : events)
        applied += apply(event) ? 1 : 0;
    return applied;
}

void RunState::finish(InstanceRunState &instance, const TraceEvent &event)
{
    const InstanceStatus status = event.finalStatus();
    setStatus(instance, status);
    instance.reason = event.reason;
    instance.endedAt = event.t;
    // The one visit of the instance's steps: retries that will never run are settled.
    for (int s = 0; s < stepCount(); ++s) {
        StepRunState &step = instance.steps[size_t(s)];
        const StepKind kind = m_stepKinds[size_t(s)];
        if (status == InstanceStatus::Stuck) {
            // What a person must look at: a retry that never ran, a pivot or retriable step that
            // failed for good, a compensatable step that failed after the pivot committed.
            const bool mayRollBack = kind == StepKind::Compensatable && !instance.pivotCommitted;
            if (step.phase == StepPhase::CompensationRetrying || step.phase == StepPhase::Compensating)
                setPhase(step, s, StepPhase::Stuck);
            else if (step.phase == StepPhase::Retrying || step.phase == StepPhase::Running || isFailedPhase(step.phase))
                setPhase(step, s, mayRollBack ? failedPhase(step.lastFailure) : StepPhase::Stuck);
        } else if (step.phase == StepPhase::Retrying) {
            setPhase(step, s, failedPhase(step.lastFailure)); // the rollback cancelled the retry
        }
        step.nextAttemptAt = -1;
    }
}

bool operator==(const RunState &a, const RunState &b)
{
    return a.m_stepIds == b.m_stepIds && a.m_instances == b.m_instances && a.m_phaseCounts == b.m_phaseCounts
        && a.m_statusCounts == b.m_statusCounts && a.m_applied == b.m_applied && a.m_ignored == b.m_ignored
        && a.m_firstT == b.m_firstT && a.m_lastT == b.m_lastT;
}

} // namespace Sagascope
