// SPDX-License-Identifier: MIT
#include "sagaexecutor.h"

#include <QCoreApplication>
#include <QUuid>

#include <cmath>

namespace Sagascope {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Engine", text);
}

const QUuid InstanceNamespace = QUuid::fromString(QLatin1String("{5a6a5c0e-2f8b-4c1d-9a57-3d0b6c8e4f21}"));

} // namespace

SagaExecutor::SagaExecutor(const SagaDefinition &definition, const RunOptions &options, Scheduler &scheduler,
                           Participant &participant, SagaLog &log)
    : m_definition(definition)
    , m_graph(definition)
    , m_events(definition)
    , m_broker(definition.usesEvents() || definition.mode == SagaMode::Choreography)
    , m_choreography(definition.mode == SagaMode::Choreography)
    , m_options(options)
    , m_scheduler(scheduler)
    , m_participant(participant)
    , m_log(log)
{
    m_runStart = scheduler.now();
    for (const Step &step : definition.steps) {
        m_actionRetry.push_back(step.effectiveActionRetry());
        m_compensationRetry.push_back(step.effectiveCompensationRetry());
    }
    m_afterPredecessors.resize(size_t(m_graph.size()));
    for (int s = 0; s < m_graph.size(); ++s) {
        for (const int p : m_graph.predecessors(s)) {
            if (!m_graph.isEventEdge(p, s))
                m_afterPredecessors[size_t(s)].append(p);
        }
    }
}

SagaExecutor::~SagaExecutor() = default;

QString SagaExecutor::instanceId(quint64 seed, qint64 number)
{
    return QUuid::createUuidV5(InstanceNamespace, QStringLiteral("%1/%2").arg(seed).arg(number))
        .toString(QUuid::WithoutBraces);
}

qint64 SagaExecutor::backoffMs(const RetryPolicy &policy, int attempt, Random &random)
{
    double base = double(policy.initialBackoffMs) * std::pow(policy.multiplier, double(qMax(0, attempt - 1)));
    base = qMin(base, double(policy.maxBackoffMs));
    if (policy.jitter > 0)
        base *= 1.0 + policy.jitter * (2.0 * random.uniform() - 1.0);
    return qMax<qint64>(0, std::llround(base));
}

void SagaExecutor::enqueueNew(qint64 number, qint64 run, int index)
{
    m_queue.push_back(Queued{number, run, index, nullptr, nullptr});
}

void SagaExecutor::enqueueRecovered(const InstanceRecord &record, const QList<TraceEvent> &events)
{
    m_queue.push_back(Queued{record.number, record.run, record.index,
                             std::make_shared<const std::pair<InstanceRecord, QList<TraceEvent>>>(record, events), nullptr});
}

void SagaExecutor::enqueueResumed(const InstanceRecord &record, const QList<TraceEvent> &events, const ResumeRequest &request)
{
    m_queue.push_back(Queued{record.number, record.run, record.index,
                             std::make_shared<const std::pair<InstanceRecord, QList<TraceEvent>>>(record, events),
                             std::make_shared<const ResumeRequest>(request)});
}

QString SagaExecutor::checkResume(const QList<TraceEvent> &events, ResumeRequest *request) const
{
    Instance instance;
    instance.steps.resize(size_t(m_definition.steps.size()));
    for (const TraceEvent &event : events)
        apply(instance, event);
    if (!instance.finished)
        return tr("%1 is not stuck: it has not finished").arg(request->instance);
    const StuckPoint point = stuckPoint(instance);
    if (point.step < 0)
        return tr("%1 ended stuck, but its trace does not show a step that is stuck").arg(request->instance);
    const StepId stuck = m_graph.id(point.step);
    const bool compensation = point.operation == OperationKind::Compensation;
    if (!request->step.isEmpty() && request->step != stuck)
        return tr("%1 is stuck at %2 (%3), not at %4").arg(request->instance, stuck, point.reason, request->step);
    if (compensation && request->resolution == Resolution::Done)
        return tr("the compensation of %1 is stuck while the saga rolls back, which cannot go forward from here: retry the "
                  "compensation, or resolve it as compensated once %1 has been undone by hand")
            .arg(stuck);
    Instance after = instance;
    applyResolution(after, point.step, request->resolution);
    const QString still = stuckPoint(after).reason;
    if (!still.isEmpty())
        return tr("resolving %1 as %2 would leave %3 stuck at once: %4")
            .arg(compensation ? tr("the compensation of %1").arg(stuck) : stuck, resolutionName(request->resolution),
                 request->instance, still);
    request->step = stuck;
    return {};
}

void SagaExecutor::applyResolution(Instance &instance, int step, Resolution resolution) const
{
    StepRuntime &st = instance.steps[size_t(step)];
    if (st.compensation == Phase::Failed) { // the compensation is what is stuck
        st.compensation = resolution == Resolution::Retry ? Phase::RetryWait : Phase::Succeeded;
        return;
    }
    switch (resolution) {
    case Resolution::Retry: st.action = Phase::RetryWait; break; // the next attempt, same key
    case Resolution::Done:
        st.action = Phase::Succeeded;
        st.lastFailure = FailureKind::None;
        st.timedOut = false; // its outcome is known now
        break;
    case Resolution::Compensated:
        st.action = Phase::Failed; // not applied (or undone by hand): failed for good, nothing to undo
        st.lastFailure = FailureKind::Business;
        st.timedOut = false;
        break;
    }
}

void SagaExecutor::recordResolution(Instance &instance, int step, OperationKind operation, Resolution resolution)
{
    if (!m_ledger || resolution == Resolution::Retry)
        return;
    if (operation == OperationKind::Compensation) {
        m_ledger->applyCompensation(instance.id, step); // undone by hand (empty where never applied)
    } else if (resolution == Resolution::Done) {
        m_ledger->applyAction(instance.id, step); // done by hand: applied once
    } else if (m_ledger->counts(instance.id, step).applied) {
        m_ledger->applyCompensation(instance.id, step); // it had been applied: undone by hand
    }
}

void SagaExecutor::admit()
{
    if (m_admitting)
        return; // an instance that finished at once; the loop below goes on
    m_admitting = true;
    const int limit = m_options.effectiveConcurrency();
    while (m_active < limit && !m_queue.empty()) {
        const Queued queued = m_queue.front();
        m_queue.pop_front();
        start(queued);
    }
    m_admitting = false;
}

bool SagaExecutor::isDone() const
{
    return m_active == 0 && m_queue.empty() && m_participant.pendingCalls() == 0;
}

void SagaExecutor::start(const Queued &queued)
{
    auto owned = std::make_unique<Instance>();
    Instance &instance = *owned;
    instance.number = queued.number;
    instance.slot = int(m_slots.size());
    instance.steps.resize(size_t(m_definition.steps.size()));
    m_slots.push_back(std::move(owned));
    ++m_active;

    if (!queued.recovered) {
        instance.id = instanceId(m_options.seed, queued.number);
        instance.random = Random::forIndex(m_options.seed, quint64(queued.index));
        m_log.appendInstance(InstanceRecord{queued.number, instance.id, queued.run, queued.index,
                                            InstanceStatus::Running, {}});
        emitEvent(instance, TraceEventType::SagaStarted);
        if (m_broker)
            publish(instance, m_events.startEvent(), -1);
        pump(instance);
        return;
    }

    // Recovery: rebuild the state from the logged events, then redo what was in flight.
    const auto &[record, events] = *queued.recovered;
    instance.id = record.id;
    for (const RecoveredBase &b : m_recoveredBases.value(record.id))
        m_faultBases.insert(faultKey(instance.slot, b.step, b.operation), b.base);
    m_log.setInstanceNumber(record.id, record.number);
    for (const TraceEvent &event : events) {
        apply(instance, event);
        instance.seq = event.seq;
        instance.tOffset = event.t;
    }
    instance.tOffset -= m_scheduler.now() - m_runStart; // `t` goes on from the last logged event
    instance.random = Random::forIndex(m_options.seed, quint64(queued.index), quint64(instance.seq) + 1);
    if (queued.resume && instance.finished) {
        // A person's decision about the operation it is stuck at (checked by checkResume), written
        // with what it records in the effects ledger; from here on recovery's rules apply.
        const StuckPoint point = stuckPoint(instance);
        if (point.step >= 0) {
            recordResolution(instance, point.step, point.operation, queued.resume->resolution);
            TraceEvent event;
            event.event = TraceEventType::SagaResumed;
            event.step = m_graph.id(point.step);
            event.verdict = resolutionName(queued.resume->resolution);
            event.reason = queued.resume->note;
            this->record(instance, event); // (`record` is the logged instance here)
        }
    }
    if (instance.finished) { // logged final event but status not updated cannot happen; be safe
        --m_active;
        m_slots[size_t(instance.slot)].reset();
        return;
    }
    instance.running = 0;
    // At least once: every event published before the crash is delivered again; the inbox
    // rebuilt from the log makes a delivery that was handled a no-op.
    for (const auto &[eventId, type] : instance.published) {
        ++instance.pendingDeliveries;
        m_scheduler.scheduleAfter(0, [this, slot = instance.slot, eventId, type] { deliver(slot, eventId, type); });
    }
    const QString resumed = tr("resumed after a crash");
    for (int s = 0; s < int(instance.steps.size()); ++s) {
        StepRuntime &st = instance.steps[size_t(s)];
        if (st.action == Phase::Running)
            startOperation(instance, s, OperationKind::Action, st.attempt, resumed);
        else if (st.action == Phase::RetryWait)
            m_scheduler.scheduleAfter(0, [this, slot = instance.slot, s, attempt = int(st.attempt)] {
                onRetryDue(slot, s, OperationKind::Action, attempt);
            });
        if (st.compensation == Phase::Running)
            startOperation(instance, s, OperationKind::Compensation, st.compensationAttempt, resumed);
        else if (st.compensation == Phase::RetryWait)
            m_scheduler.scheduleAfter(0, [this, slot = instance.slot, s, attempt = int(st.compensationAttempt)] {
                onRetryDue(slot, s, OperationKind::Compensation, attempt);
            });
    }
    pump(instance);
}

void SagaExecutor::emitEvent(Instance &instance, TraceEventType type, int step, int attempt, FailureKind failure,
                             const QString &reason, qint64 delayMs)
{
    TraceEvent event;
    if (step >= 0)
        event.step = m_graph.id(step);
    event.event = type;
    event.attempt = attempt;
    event.failure = failure;
    event.reason = reason;
    event.delayMs = delayMs;
    record(instance, event);
}

void SagaExecutor::record(Instance &instance, TraceEvent &event)
{
    event.instance = instance.id;
    event.seq = ++instance.seq;
    event.t = m_scheduler.now() - m_runStart + instance.tOffset;
    apply(instance, event);
    m_log.appendEvent(instance.number, event);
    ++m_transitions;
    m_lastT = qMax(m_lastT, event.t);
    if (m_traceSink)
        m_traceSink(event);
}

void SagaExecutor::apply(Instance &instance, const TraceEvent &event) const
{
    const int s = event.step.isEmpty() ? -1 : m_graph.indexOf(event.step);
    if (!event.step.isEmpty() && s < 0)
        return; // a step the definition does not know: nothing to rebuild
    StepRuntime *st = s >= 0 ? &instance.steps[size_t(s)] : nullptr;
    switch (event.event) {
    case TraceEventType::SagaStarted:
        break;
    case TraceEventType::StepStarted:
        st->action = Phase::Running;
        st->attempt = quint16(event.attempt);
        st->actionInvoked = false;
        ++instance.running;
        break;
    case TraceEventType::StepSucceeded:
    case TraceEventType::StepFailed:
        if (st->action == Phase::Running)
            --instance.running;
        st->action = event.event == TraceEventType::StepSucceeded ? Phase::Succeeded : Phase::Failed;
        if (event.event == TraceEventType::StepFailed) {
            st->lastFailure = event.failure;
            st->timedOut = st->timedOut || event.failure == FailureKind::Timeout;
        }
        break;
    case TraceEventType::RetryScheduled:
        if (st->compensation == Phase::Failed)
            st->compensation = Phase::RetryWait;
        else
            st->action = Phase::RetryWait;
        break;
    case TraceEventType::CompensationStarted:
        st->compensation = Phase::Running;
        st->compensationAttempt = quint16(event.attempt);
        st->compensationInvoked = false;
        ++instance.running;
        break;
    case TraceEventType::CompensationSucceeded:
    case TraceEventType::CompensationFailed:
        if (st->compensation == Phase::Running)
            --instance.running;
        st->compensation = event.event == TraceEventType::CompensationSucceeded ? Phase::Succeeded : Phase::Failed;
        break;
    case TraceEventType::SagaCompleted:
    case TraceEventType::SagaCompensated:
    case TraceEventType::SagaStuck:
        instance.finished = true;
        break;
    case TraceEventType::EventPublished:
        instance.published.emplace_back(event.eventId, event.eventType);
        break;
    case TraceEventType::EventDelivered:
        instance.inbox.insert(inboxKey(event.eventId, s, event.toCompensation));
        if (event.toCompensation) {
            if (!st->compensationTriggered) {
                st->compensationTriggered = true;
                st->cancelled = st->action == Phase::Pending; // it will never start
            }
        } else {
            const QStringList &on = m_definition.steps.at(s).on;
            for (qsizetype k = 0; k < on.size(); ++k) {
                if (on.at(k) == event.eventType)
                    st->onDelivered |= quint64(1) << k;
            }
        }
        break;
    case TraceEventType::PrepareSent:
    case TraceEventType::Voted:
    case TraceEventType::Decided:
    case TraceEventType::CommitApplied:
    case TraceEventType::AbortApplied:
    case TraceEventType::LockAcquired:
    case TraceEventType::LockReleased:
    case TraceEventType::InDoubt:
        break; // two-phase commit (TwoPhaseCoordinator): never in a saga's trace
    case TraceEventType::SagaResumed:
        instance.finished = false;
        if (const std::optional<Resolution> resolution = resolutionFromName(event.verdict); resolution && st)
            applyResolution(instance, s, *resolution);
        break;
    }
}

void SagaExecutor::publish(Instance &instance, const QString &type, int step)
{
    TraceEvent event;
    event.event = TraceEventType::EventPublished;
    if (step >= 0)
        event.step = m_graph.id(step);
    event.eventType = type;
    event.eventId = instance.id + QLatin1Char('/') + QString::number(instance.published.size() + 1);
    record(instance, event);
    // Delivered once the transaction that holds it (and the transition that produced it) commits.
    ++instance.pendingDeliveries;
    m_scheduler.afterCommit([this, slot = instance.slot, eventId = event.eventId, type] { deliver(slot, eventId, type); });
}

void SagaExecutor::deliver(int slot, const QString &eventId, const QString &type)
{
    Instance *instance = m_slots[size_t(slot)].get();
    if (!instance)
        return;
    --instance->pendingDeliveries;
    if (instance->finished)
        return;
    for (const int s : m_events.consumers(type))
        deliverTo(*instance, eventId, type, s, false);
    if (m_choreography) {
        for (const int s : m_events.compensationConsumers(type))
            deliverTo(*instance, eventId, type, s, true);
    }
    pump(*instance);
}

void SagaExecutor::deliverTo(Instance &instance, const QString &eventId, const QString &type, int step, bool toCompensation)
{
    if (m_graph.indexOf(m_graph.id(step)) != step || instance.inbox.contains(inboxKey(eventId, step, toCompensation)))
        return; // a duplicate id's second step; or handled before (a redelivery)
    TraceEvent event;
    event.event = TraceEventType::EventDelivered;
    event.step = m_graph.id(step);
    event.eventType = type;
    event.eventId = eventId;
    event.toCompensation = toCompensation;
    record(instance, event);
}

qint64 SagaExecutor::timeoutFor(const QString &instance, int step, OperationKind operation) const
{
    const Step &definition = m_definition.steps.at(step);
    if (definition.timeoutMs)
        return *definition.timeoutMs;
    if (!m_options.faults.isEmpty() && m_options.faults.injectsTimeout(instance, definition.id, operation))
        return m_options.injectedTimeoutMs;
    return -1;
}

QHash<QString, int> SagaExecutor::restartFaultCount(const QString &instance, const StepId &step, OperationKind operation)
{
    QHash<QString, int> bases;
    const int s = m_graph.indexOf(step);
    if (s < 0)
        return bases;
    for (const auto &slot : m_slots) {
        if (!slot || (!instance.isEmpty() && slot->id != instance))
            continue;
        const StepRuntime &st = slot->steps[size_t(s)];
        const bool action = operation == OperationKind::Action;
        const int attempt = action ? st.attempt : st.compensationAttempt;
        const bool invoked = action ? st.actionInvoked : st.compensationInvoked;
        const int base = invoked ? attempt : qMax(0, attempt - 1);
        m_faultBases.insert(faultKey(slot->slot, s, operation), base);
        if (base != 0)
            bases.insert(slot->id, base);
    }
    return bases;
}

void SagaExecutor::setRecoveredFaultBase(const QString &instance, const StepId &step, OperationKind operation, int base)
{
    const int s = m_graph.indexOf(step);
    if (s >= 0 && base > 0)
        m_recoveredBases[instance].append(RecoveredBase{s, operation, base});
}

void SagaExecutor::startOperation(Instance &instance, int step, OperationKind operation, int attempt, const QString &reason)
{
    const bool action = operation == OperationKind::Action;
    emitEvent(instance, action ? TraceEventType::StepStarted : TraceEventType::CompensationStarted, step, attempt,
              FailureKind::None, reason);
    Invocation invocation;
    invocation.instance = instance.id;
    invocation.step = m_graph.id(step);
    invocation.stepIndex = step;
    invocation.operation = operation;
    invocation.attempt = attempt;
    invocation.randomSeed = instance.random.next();
    // Write-ahead: the participant is called once the start of the attempt is in the log. Faults
    // are looked at then, so that one injected while the run is paused applies to this attempt.
    m_scheduler.afterCommit([this, invocation, slot = instance.slot]() mutable {
        if (Instance *owner = m_slots[size_t(slot)].get()) {
            StepRuntime &st = owner->steps[size_t(invocation.stepIndex)];
            if (invocation.operation == OperationKind::Action) {
                if (st.attempt == invocation.attempt)
                    st.actionInvoked = true;
            } else if (st.compensationAttempt == invocation.attempt) {
                st.compensationInvoked = true;
            }
        }
        invocation.faultAttempt = invocation.attempt;
        if (!m_faultBases.isEmpty())
            invocation.faultAttempt -= m_faultBases.value(faultKey(slot, invocation.stepIndex, invocation.operation));
        invocation.timeoutMs = timeoutFor(invocation.instance, invocation.stepIndex, invocation.operation);
        m_participant.invoke(invocation, [this, slot, invocation](const Reply &reply) {
            FailureKind failure = FailureKind::None;
            switch (reply.status) {
            case Reply::Status::Succeeded: failure = FailureKind::None; break;
            case Reply::Status::TechnicalFailure: failure = FailureKind::Technical; break;
            case Reply::Status::BusinessFailure:
            case Reply::Status::Refused: failure = FailureKind::Business; break;
            case Reply::Status::TimedOut: failure = FailureKind::Timeout; break;
            }
            onOutcome(slot, invocation.stepIndex, invocation.operation, invocation.attempt, failure, reply.reason,
                      reply.retryAfterMs);
        });
        if (invocation.timeoutMs >= 0) {
            m_scheduler.scheduleAfter(invocation.timeoutMs, [this, slot, invocation] {
                onOutcome(slot, invocation.stepIndex, invocation.operation, invocation.attempt, FailureKind::Timeout,
                          tr("no reply within %1 ms").arg(invocation.timeoutMs));
            });
        }
    });
}

void SagaExecutor::onOutcome(int slot, int step, OperationKind operation, int attempt, FailureKind failure,
                             const QString &reason, qint64 minDelayMs)
{
    Instance *instance = m_slots[size_t(slot)].get();
    if (!instance || instance->finished)
        return;
    StepRuntime &st = instance->steps[size_t(step)];
    const bool action = operation == OperationKind::Action;
    if (action ? (st.action != Phase::Running || st.attempt != attempt)
               : (st.compensation != Phase::Running || st.compensationAttempt != attempt))
        return; // a late reply, or the deadline of an attempt that already answered

    // Decide about a retry with the state as it was before this failure.
    const bool rollingBack = stopsForward(*instance, step);
    const bool stuck = !stuckReason(*instance).isEmpty();
    if (failure == FailureKind::None) {
        emitEvent(*instance, action ? TraceEventType::StepSucceeded : TraceEventType::CompensationSucceeded, step, attempt);
        // The event goes into the same log transaction as the transition (transactional outbox).
        const Step &definition = m_definition.steps.at(step);
        if (m_broker && action && definition.emits && !definition.emits->success.isEmpty())
            publish(*instance, definition.emits->success, step);
        else if (m_broker && !action && definition.compensation && !definition.compensation->emits.isEmpty())
            publish(*instance, definition.compensation->emits, step);
    } else {
        emitEvent(*instance, action ? TraceEventType::StepFailed : TraceEventType::CompensationFailed, step, attempt,
                  failure, reason);
        const RetryPolicy &policy = action ? m_actionRetry[size_t(step)] : m_compensationRetry[size_t(step)];
        const bool attemptsLeft = !policy.isBounded() || attempt < policy.maxAttempts;
        // Business failures are never retried; in a rollback no action starts again.
        const bool retry = failure != FailureKind::Business && attemptsLeft && !stuck && (!action || !rollingBack);
        if (retry) {
            const qint64 delay = qMax(backoffMs(policy, attempt, instance->random), minDelayMs);
            emitEvent(*instance, TraceEventType::RetryScheduled, step, attempt, FailureKind::None, {}, delay);
            m_scheduler.scheduleAfter(delay, [this, slot, step, operation, attempt] {
                onRetryDue(slot, step, operation, attempt);
            });
        }
        // The step has failed (a business failure, or its attempts ran out): a compensatable
        // step publishes its failure event, and so does the pivot on a business failure. A pivot
        // whose outcome is unknown, or a retriable step, makes the instance stuck instead.
        const Step &definition = m_definition.steps.at(step);
        const bool failedForGood = action && (failure == FailureKind::Business || !attemptsLeft);
        const bool publishes = definition.kind == StepKind::Compensatable
            || (definition.kind == StepKind::Pivot && failure == FailureKind::Business);
        if (m_broker && failedForGood && publishes && definition.emits && !definition.emits->failure.isEmpty())
            publish(*instance, definition.emits->failure, step);
    }
    pump(*instance);
}

void SagaExecutor::onRetryDue(int slot, int step, OperationKind operation, int attempt)
{
    Instance *instance = m_slots[size_t(slot)].get();
    if (!instance || instance->finished)
        return;
    StepRuntime &st = instance->steps[size_t(step)];
    const bool action = operation == OperationKind::Action;
    if (action ? (st.action != Phase::RetryWait || st.attempt != attempt)
               : (st.compensation != Phase::RetryWait || st.compensationAttempt != attempt))
        return;
    if (!stuckReason(*instance).isEmpty() || (action && stopsForward(*instance, step))) {
        pump(*instance);
        return;
    }
    startOperation(*instance, step, operation, attempt + 1);
}

bool SagaExecutor::stopsForward(const Instance &instance, int step) const
{
    // An orchestrator stops every action once the saga rolls back; in a choreography a step
    // stops when its own compensation was called for.
    return m_choreography ? instance.steps[size_t(step)].compensationTriggered : isRollingBack(instance);
}

bool SagaExecutor::canStart(const Instance &instance, int step) const
{
    const StepRuntime &st = instance.steps[size_t(step)];
    if (st.action != Phase::Pending || st.cancelled)
        return false;
    for (const int p : m_afterPredecessors[size_t(step)]) {
        if (instance.steps[size_t(p)].action != Phase::Succeeded)
            return false;
    }
    const qsizetype events = m_definition.steps.at(step).on.size();
    const quint64 all = events >= 64 ? ~quint64(0) : (quint64(1) << events) - 1;
    return (st.onDelivered & all) == all;
}

QString SagaExecutor::waitingReason(const Instance &instance) const
{
    QStringList waits;
    for (int s = 0; s < int(instance.steps.size()); ++s) {
        const StepRuntime &st = instance.steps[size_t(s)];
        if (st.action != Phase::Pending || st.cancelled)
            continue;
        const QStringList &on = m_definition.steps.at(s).on;
        QStringList missing;
        for (qsizetype k = 0; k < on.size(); ++k) {
            if (!(st.onDelivered & (quint64(1) << k)))
                missing.append(on.at(k));
        }
        if (!missing.isEmpty())
            waits.append(tr("%1 waits for %2").arg(m_graph.id(s), missing.join(QStringLiteral(", "))));
    }
    return waits.isEmpty() ? tr("no step can run any more")
                           : tr("waiting for events that no one will publish: %1").arg(waits.join(QStringLiteral("; ")));
}

bool SagaExecutor::isRollingBack(const Instance &instance) const
{
    for (int s = 0; s < int(instance.steps.size()); ++s) {
        const StepRuntime &st = instance.steps[size_t(s)];
        if (st.compensation != Phase::Pending)
            return true;
        if (st.action == Phase::Failed && m_definition.steps.at(s).kind != StepKind::Retriable)
            return true;
    }
    return false;
}

SagaExecutor::StuckPoint SagaExecutor::stuckPoint(const Instance &instance) const
{
    bool rollingBack = false;
    int pivot = -1;
    int failedForward = -1; // a step that failed and would be rolled back, were it not for the pivot
    for (int s = 0; s < int(instance.steps.size()); ++s) {
        const StepRuntime &st = instance.steps[size_t(s)];
        const Step &step = m_definition.steps.at(s);
        const RetryPolicy &policy = m_actionRetry[size_t(s)];
        const bool exhausted = policy.isBounded() && st.attempt >= policy.maxAttempts;
        if (st.compensation == Phase::Failed)
            return {s, OperationKind::Compensation,
                    tr("the compensation of %1 gave up after %2 attempts").arg(step.id).arg(st.compensationAttempt)};
        if (step.kind == StepKind::Pivot) {
            pivot = s;
            if (st.action == Phase::Failed && st.lastFailure != FailureKind::Business && (exhausted || st.timedOut))
                return {s, OperationKind::Action,
                        st.timedOut ? tr("the outcome of the pivot %1 is unknown: it timed out (%2 attempts)").arg(step.id).arg(st.attempt)
                                    : tr("the pivot %1 ran out of its %2 attempts").arg(step.id).arg(st.attempt)};
        }
        if (step.kind == StepKind::Retriable && st.action == Phase::Failed) {
            if (st.lastFailure == FailureKind::Business)
                return {s, OperationKind::Action, tr("the retriable step %1 failed for a business reason").arg(step.id)};
            if (exhausted)
                return {s, OperationKind::Action, tr("the retriable step %1 ran out of its %2 attempts").arg(step.id).arg(st.attempt)};
        }
        if (st.action == Phase::Failed && step.kind != StepKind::Retriable && failedForward < 0)
            failedForward = s;
        if (st.compensation != Phase::Pending || (st.action == Phase::Failed && step.kind != StepKind::Retriable))
            rollingBack = true;
    }
    if (rollingBack && pivot >= 0) {
        const StepRuntime &st = instance.steps[size_t(pivot)];
        if (st.action == Phase::Succeeded)
            return {failedForward >= 0 ? failedForward : pivot, OperationKind::Action,
                    tr("a step failed after the pivot %1 had succeeded; the saga cannot be rolled back").arg(m_graph.id(pivot))};
        if (st.action == Phase::RetryWait && st.timedOut)
            return {pivot, OperationKind::Action, tr("the outcome of the pivot %1 is unknown: it timed out").arg(m_graph.id(pivot))};
    }
    return {};
}

QString SagaExecutor::rollbackReason(const Instance &instance) const
{
    for (int s : m_graph.topologicalOrder()) {
        const StepRuntime &st = instance.steps[size_t(s)];
        if (st.action == Phase::Failed && m_definition.steps.at(s).kind != StepKind::Retriable)
            return tr("rolled back: %1 failed (%2)").arg(m_graph.id(s), failureKindName(st.lastFailure));
    }
    return tr("rolled back");
}

bool SagaExecutor::needsCompensation(const Instance &instance, int step) const
{
    if (!m_definition.steps.at(step).compensation)
        return false;
    const StepRuntime &st = instance.steps[size_t(step)];
    return st.action == Phase::Succeeded || (st.timedOut && (st.action == Phase::Failed || st.action == Phase::RetryWait));
}

bool SagaExecutor::isSettled(const Instance &instance, int step) const
{
    const StepRuntime &st = instance.steps[size_t(step)];
    if (st.action == Phase::Running)
        return false;
    return !needsCompensation(instance, step) || st.compensation == Phase::Succeeded;
}

void SagaExecutor::pump(Instance &instance)
{
    if (instance.finished)
        return;
    if (m_choreography) {
        pumpChoreography(instance);
        return;
    }
    const QString stuck = stuckReason(instance);
    if (!stuck.isEmpty()) {
        if (instance.running == 0 && instance.pendingDeliveries == 0)
            finish(instance, InstanceStatus::Stuck, stuck);
        return;
    }
    if (isRollingBack(instance)) {
        // Backward recovery: a step is compensated once every step after it is settled.
        const QList<int> order = m_graph.reverseOrder();
        for (int s : order) {
            const StepRuntime &st = instance.steps[size_t(s)];
            if (st.compensation != Phase::Pending || !needsCompensation(instance, s))
                continue;
            bool ready = true;
            for (int successor : m_graph.successors(s)) {
                if (!isSettled(instance, successor)) {
                    ready = false;
                    break;
                }
            }
            if (ready)
                startOperation(instance, s, OperationKind::Compensation, 1);
        }
        if (instance.running == 0 && instance.pendingDeliveries == 0) {
            for (int s = 0; s < int(instance.steps.size()); ++s) {
                if (needsCompensation(instance, s) && instance.steps[size_t(s)].compensation != Phase::Succeeded)
                    return; // a compensation waits for its retry
            }
            finish(instance, InstanceStatus::Compensated, rollbackReason(instance));
        }
        return;
    }
    // Forward: start every step whose predecessors have all succeeded (and whose events came).
    bool allSucceeded = true;
    bool waiting = false;
    for (int s : m_graph.topologicalOrder()) {
        const StepRuntime &st = instance.steps[size_t(s)];
        if (st.action != Phase::Succeeded)
            allSucceeded = false;
        if (st.action == Phase::RetryWait)
            waiting = true;
        if (canStart(instance, s))
            startOperation(instance, s, OperationKind::Action, 1);
    }
    if (instance.running > 0 || instance.pendingDeliveries > 0)
        return;
    if (allSucceeded)
        finish(instance, InstanceStatus::Completed, {});
    else if (m_broker && !waiting)
        finish(instance, InstanceStatus::Stuck, waitingReason(instance)); // an event that never comes
}

void SagaExecutor::pumpChoreography(Instance &instance)
{
    // No orchestrator: steps start on their events, compensations on theirs (SPEC section 5).
    const QString stuck = stuckReason(instance);
    if (!stuck.isEmpty()) {
        if (instance.running == 0 && instance.pendingDeliveries == 0)
            finish(instance, InstanceStatus::Stuck, stuck);
        return;
    }
    const int n = int(instance.steps.size());
    for (int s = 0; s < n; ++s) {
        const StepRuntime &st = instance.steps[size_t(s)];
        // A compensation called for runs once the action has settled, if it applied something
        // (or timed out), at most once.
        if (st.compensationTriggered && st.compensation == Phase::Pending && st.action != Phase::Running
            && needsCompensation(instance, s))
            startOperation(instance, s, OperationKind::Compensation, 1);
    }
    for (const int s : m_graph.topologicalOrder()) {
        if (canStart(instance, s))
            startOperation(instance, s, OperationKind::Action, 1);
    }
    if (instance.running > 0 || instance.pendingDeliveries > 0)
        return;
    bool failed = false;
    bool allSucceeded = true;
    QStringList undone; // applied, and no event reached their compensation
    for (int s = 0; s < n; ++s) {
        const StepRuntime &st = instance.steps[size_t(s)];
        if ((st.action == Phase::RetryWait && !st.compensationTriggered) || st.compensation == Phase::RetryWait)
            return; // a retry is due
        if (st.action != Phase::Succeeded)
            allSucceeded = false;
        if (st.action == Phase::Failed || st.action == Phase::RetryWait || st.compensation != Phase::Pending)
            failed = true;
        if (needsCompensation(instance, s) && st.compensation != Phase::Succeeded)
            undone.append(m_graph.id(s));
    }
    if (allSucceeded && !failed)
        finish(instance, InstanceStatus::Completed, {});
    else if (!failed)
        finish(instance, InstanceStatus::Stuck, waitingReason(instance));
    else if (undone.isEmpty())
        finish(instance, InstanceStatus::Compensated, rollbackReason(instance));
    else
        finish(instance, InstanceStatus::Stuck,
               tr("the rollback is incomplete: no event reached the compensation of %1").arg(undone.join(QStringLiteral(", "))));
}

void SagaExecutor::finish(Instance &instance, InstanceStatus status, const QString &reason)
{
    const TraceEventType type = status == InstanceStatus::Completed     ? TraceEventType::SagaCompleted
                                : status == InstanceStatus::Compensated ? TraceEventType::SagaCompensated
                                                                        : TraceEventType::SagaStuck;
    emitEvent(instance, type, -1, 0, FailureKind::None, reason);
    switch (status) {
    case InstanceStatus::Completed: ++m_completed; break;
    case InstanceStatus::Compensated: ++m_compensated; break;
    case InstanceStatus::Stuck: ++m_stuck; break;
    case InstanceStatus::Running: break;
    }
    const QString id = instance.id;
    --m_active;
    m_slots[size_t(instance.slot)].reset(); // `instance` is gone from here on
    if (m_finishSink)
        m_finishSink(id, status, reason);
    admit();
}

} // namespace Sagascope
