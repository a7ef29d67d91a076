// SPDX-License-Identifier: MIT
#include "twophasecoordinator.h"

#include "sagaexecutor.h"

#include <QCoreApplication>

namespace Sagascope {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Engine", text);
}

const QString Yes = QStringLiteral("yes");
const QString No = QStringLiteral("no");

} // namespace

// --- LockTable ----------------------------------------------------------------------------------

bool LockTable::acquire(const QString &resource, const QString &owner, std::function<void()> granted)
{
    Lock &lock = m_locks[resource];
    if (lock.owner.isEmpty() || lock.owner == owner) {
        if (lock.owner.isEmpty())
            lock.since = m_scheduler.now();
        lock.owner = owner;
        return true;
    }
    lock.waiting.emplace_back(owner, std::move(granted));
    return false;
}

void LockTable::restore(const QString &resource, const QString &owner)
{
    Lock &lock = m_locks[resource];
    lock.owner = owner;
    lock.since = m_scheduler.now();
}

void LockTable::release(const QString &resource, const QString &owner)
{
    auto it = m_locks.find(resource);
    if (it == m_locks.end() || it->owner != owner)
        return;
    m_holds[resource].append(m_scheduler.now() - it->since);
    it->owner.clear();
    if (it->waiting.empty())
        return;
    auto [next, granted] = std::move(it->waiting.front());
    it->waiting.pop_front();
    it->owner = next;
    it->since = m_scheduler.now();
    m_scheduler.scheduleAfter(0, std::move(granted));
}

// --- TwoPhaseCoordinator ------------------------------------------------------------------------

TwoPhaseCoordinator::TwoPhaseCoordinator(const SagaDefinition &definition, const RunOptions &options,
                                         Scheduler &scheduler, EffectsLedger &ledger, SharedResources &resources,
                                         SagaLog &log)
    : m_definition(definition)
    , m_graph(definition)
    , m_options(options)
    , m_scheduler(scheduler)
    , m_ledger(ledger)
    , m_resources(resources)
    , m_log(log)
    , m_locks(scheduler)
{
    m_runStart = scheduler.now();
    for (const Step &step : definition.steps)
        m_retry.push_back(step.effectiveActionRetry());
}

TwoPhaseCoordinator::~TwoPhaseCoordinator() = default;

void TwoPhaseCoordinator::enqueueNew(qint64 number, qint64 run, int index)
{
    m_queue.push_back(Queued{number, run, index, nullptr});
}

void TwoPhaseCoordinator::enqueueRecovered(const InstanceRecord &record, const QList<TraceEvent> &events)
{
    m_queue.push_back(Queued{record.number, record.run, record.index,
                             std::make_shared<const std::pair<InstanceRecord, QList<TraceEvent>>>(record, events)});
}

void TwoPhaseCoordinator::admit()
{
    if (m_admitting || m_crashed)
        return;
    m_admitting = true;
    const int limit = m_options.effectiveConcurrency();
    while (m_active < limit && !m_queue.empty() && !m_crashed) {
        const Queued queued = m_queue.front();
        m_queue.pop_front();
        start(queued);
    }
    m_admitting = false;
}

void TwoPhaseCoordinator::start(const Queued &queued)
{
    auto owned = std::make_unique<Instance>();
    Instance &instance = *owned;
    instance.number = queued.number;
    instance.slot = int(m_slots.size());
    instance.parts.resize(size_t(m_definition.steps.size()));
    m_slots.push_back(std::move(owned));
    ++m_active;
    if (queued.recovered) {
        const auto &[record, events] = *queued.recovered;
        instance.id = record.id;
        instance.random = Random::forIndex(m_options.seed, quint64(queued.index), quint64(events.size()) + 1);
        m_log.setInstanceNumber(record.id, record.number);
        recoverInstance(instance, events);
        return;
    }
    instance.id = SagaExecutor::instanceId(m_options.seed, queued.number);
    instance.random = Random::forIndex(m_options.seed, quint64(queued.index));
    m_log.appendInstance(InstanceRecord{queued.number, instance.id, queued.run, queued.index, InstanceStatus::Running, {}});
    commitEvent(instance, makeEvent(instance, TraceEventType::SagaStarted));
    pump(instance);
}

void TwoPhaseCoordinator::recoverInstance(Instance &instance, const QList<TraceEvent> &events)
{
    // Rebuild what the log knows: who was prepared, who voted what, who holds which lock, the decision.
    for (const TraceEvent &e : events) {
        instance.seq = e.seq;
        instance.tOffset = e.t;
        const int s = e.step.isEmpty() ? -1 : m_graph.indexOf(e.step);
        if (!e.step.isEmpty() && s < 0)
            continue;
        Participant *p = s >= 0 ? &instance.parts[size_t(s)] : nullptr;
        switch (e.event) {
        case TraceEventType::PrepareSent:
            p->prepared = true;
            p->state = State::Working;
            p->attempt = quint16(e.attempt);
            break;
        case TraceEventType::Voted:
            p->state = e.verdict == Yes ? State::Yes : State::No;
            break;
        case TraceEventType::LockAcquired:
            (e.resource.isEmpty() ? p->stepLock : p->resourceLock) = true;
            break;
        case TraceEventType::LockReleased:
            (e.resource.isEmpty() ? p->stepLock : p->resourceLock) = false;
            break;
        case TraceEventType::Decided:
            instance.decision = e.verdict == QLatin1String("commit") ? Decision::Commit : Decision::Abort;
            instance.reason = e.reason;
            break;
        case TraceEventType::CommitApplied:
        case TraceEventType::AbortApplied:
            p->state = State::Applied;
            break;
        default:
            break;
        }
    }
    instance.tOffset -= m_scheduler.now() - m_runStart; // `t` goes on from the last logged event
    // The participants in doubt still hold their locks.
    for (int s = 0; s < int(instance.parts.size()); ++s) {
        if (instance.parts[size_t(s)].resourceLock)
            m_locks.restore(effectOf(s)->resource, instance.id);
    }
    if (instance.decision == Decision::None) {
        decide(instance, Decision::Abort,
               tr("presumed abort: the coordinator restarted and found no decision in the log"));
        return;
    }
    // The logged decision is durable already: send it again.
    m_scheduler.afterCommit([this, slot = instance.slot] { phaseTwo(slot); });
}

TraceEvent TwoPhaseCoordinator::makeEvent(Instance &instance, TraceEventType type, int step, int attempt)
{
    TraceEvent event;
    event.instance = instance.id;
    event.seq = ++instance.seq;
    event.t = m_scheduler.now() - m_runStart + instance.tOffset;
    if (step >= 0)
        event.step = m_graph.id(step);
    event.event = type;
    event.attempt = attempt;
    return event;
}

void TwoPhaseCoordinator::commitEvent(Instance &instance, const TraceEvent &event)
{
    m_log.appendEvent(instance.number, event);
    ++m_transitions;
    m_lastT = qMax(m_lastT, event.t);
    if (m_traceSink)
        m_traceSink(event);
}

void TwoPhaseCoordinator::pump(Instance &instance)
{
    if (instance.finished || instance.decision != Decision::None || m_crashed)
        return;
    // Phase one: prepare every step whose predecessors voted yes.
    bool anyNo = false;
    for (int s : m_graph.topologicalOrder()) {
        const Participant &p = instance.parts[size_t(s)];
        anyNo = anyNo || p.state == State::No;
        if (p.state != State::Idle)
            continue;
        bool ready = true;
        for (int predecessor : m_graph.predecessors(s))
            ready = ready && instance.parts[size_t(predecessor)].state == State::Yes;
        if (ready && !anyNo)
            prepare(instance, s, 1);
    }
    // Every prepared participant has voted: decide.
    bool allYes = true;
    for (const Participant &p : instance.parts) {
        if (p.state == State::Working || p.state == State::RetryWait)
            return;
        allYes = allYes && p.state == State::Yes;
        anyNo = anyNo || p.state == State::No;
    }
    if (!allYes && !anyNo)
        return; // cannot happen: a step neither prepared nor blocked by a "no"
    if (m_options.crashCoordinator == CrashPoint::AfterPrepare)
        return crash();
    QString reason;
    if (!allYes) {
        for (int s : m_graph.topologicalOrder()) {
            if (instance.parts[size_t(s)].state == State::No) {
                reason = tr("aborted: %1 voted no").arg(m_graph.id(s));
                break;
            }
        }
    }
    decide(instance, allYes ? Decision::Commit : Decision::Abort, reason);
}

void TwoPhaseCoordinator::prepare(Instance &instance, int step, int attempt)
{
    Participant &p = instance.parts[size_t(step)];
    p.state = State::Working;
    p.prepared = true;
    p.attempt = quint16(attempt);
    commitEvent(instance, makeEvent(instance, TraceEventType::PrepareSent, step, attempt));
    // Write-ahead: the participant starts its work once the prepare is in the log.
    m_scheduler.afterCommit([this, slot = instance.slot, step, attempt] { beginWork(slot, step, attempt); });
}

void TwoPhaseCoordinator::beginWork(int slot, int step, int attempt)
{
    Instance *instance = instanceAt(slot);
    if (m_crashed || !instance || instance->finished)
        return;
    Participant &p = instance->parts[size_t(step)];
    if (!p.stepLock) {
        p.stepLock = true;
        commitEvent(*instance, makeEvent(*instance, TraceEventType::LockAcquired, step));
    }
    const SimEffect *effect = effectOf(step);
    if (!effect || p.resourceLock)
        return work(slot, step, attempt);
    const auto granted = [this, slot, step, attempt, resource = effect->resource] {
        Instance *owner = instanceAt(slot);
        if (m_crashed || !owner || owner->finished)
            return;
        owner->parts[size_t(step)].resourceLock = true;
        TraceEvent event = makeEvent(*owner, TraceEventType::LockAcquired, step);
        event.resource = resource;
        commitEvent(*owner, event);
        work(slot, step, attempt);
    };
    if (m_locks.acquire(effect->resource, instance->id, granted))
        granted();
}

void TwoPhaseCoordinator::work(int slot, int step, int attempt)
{
    Instance &instance = *instanceAt(slot);
    const Step &definition = m_definition.steps.at(step);
    const SimSpec sim = definition.action.sim.value_or(SimSpec{});
    Random random(instance.random.next());
    qint64 latency = random.between(sim.latencyMinMs, qMax(sim.latencyMinMs, sim.latencyMaxMs));
    const double technicalDraw = random.uniform();
    const double businessDraw = random.uniform();
    const FailureKind injected = m_options.faults.isEmpty()
        ? FailureKind::None
        : m_options.faults.failure(instance.id, definition.id, OperationKind::Action, attempt);
    FailureKind failure = injected;
    QString reason = injected == FailureKind::None ? QString() : tr("injected %1 failure").arg(failureKindName(injected));
    if (failure == FailureKind::None && technicalDraw < sim.technicalFailure) {
        failure = FailureKind::Technical;
        reason = tr("simulated technical failure");
    } else if (failure == FailureKind::None && businessDraw < sim.businessFailure) {
        failure = FailureKind::Business;
        reason = tr("simulated business failure");
    }
    if (definition.timeoutMs && latency > *definition.timeoutMs) {
        failure = FailureKind::Timeout;
        latency = *definition.timeoutMs;
    }
    if (failure == FailureKind::Timeout) {
        latency = definition.timeoutMs ? *definition.timeoutMs : m_options.injectedTimeoutMs;
        reason = tr("no vote within %1 ms").arg(latency);
    }
    m_scheduler.scheduleAfter(latency, [this, slot, step, attempt, failure, reason]() mutable {
        Instance *instance = instanceAt(slot);
        if (m_crashed || !instance || instance->finished)
            return;
        if (failure == FailureKind::Technical || failure == FailureKind::Timeout) {
            const RetryPolicy &policy = m_retry[size_t(step)];
            if (!policy.isBounded() || attempt < policy.maxAttempts) {
                const qint64 delay = SagaExecutor::backoffMs(policy, attempt, instance->random);
                instance->parts[size_t(step)].state = State::RetryWait;
                TraceEvent event = makeEvent(*instance, TraceEventType::RetryScheduled, step, attempt);
                event.failure = failure;
                event.reason = reason;
                event.delayMs = delay;
                commitEvent(*instance, event);
                m_scheduler.scheduleAfter(delay, [this, slot, step, attempt] {
                    Instance *again = instanceAt(slot);
                    if (!m_crashed && again && !again->finished)
                        prepare(*again, step, attempt + 1);
                });
                return;
            }
            return vote(*instance, step, attempt, false,
                        tr("%1 (attempts ran out after %2)").arg(reason).arg(attempt));
        }
        if (failure == FailureKind::Business)
            return vote(*instance, step, attempt, false, reason);
        // The resource is locked: what the participant reads is what it will write on.
        if (const SimEffect *effect = effectOf(step)) {
            const qint64 result = m_resources.value(effect->resource) + effect->delta;
            if (effect->min && result < *effect->min)
                return vote(*instance, step, attempt, false,
                            tr("%1 would fall to %2, below its minimum %3").arg(effect->resource).arg(result).arg(*effect->min));
        }
        vote(*instance, step, attempt, true, {});
    });
}

void TwoPhaseCoordinator::vote(Instance &instance, int step, int attempt, bool yes, const QString &reason)
{
    instance.parts[size_t(step)].state = yes ? State::Yes : State::No;
    TraceEvent event = makeEvent(instance, TraceEventType::Voted, step, attempt);
    event.verdict = yes ? Yes : No;
    event.reason = reason;
    commitEvent(instance, event);
    pump(instance);
}

void TwoPhaseCoordinator::decide(Instance &instance, Decision decision, const QString &reason)
{
    instance.decision = decision;
    instance.reason = reason;
    TraceEvent event = makeEvent(instance, TraceEventType::Decided);
    event.verdict = decision == Decision::Commit ? QStringLiteral("commit") : QStringLiteral("abort");
    event.reason = reason;
    commitEvent(instance, event);
    // The decision is durable before anyone hears of it.
    m_scheduler.afterCommit([this, slot = instance.slot] {
        if (m_crashed)
            return;
        if (m_options.crashCoordinator == CrashPoint::AfterDecision)
            return crash();
        phaseTwo(slot);
    });
}

void TwoPhaseCoordinator::phaseTwo(int slot)
{
    Instance *instance = instanceAt(slot);
    if (m_crashed || !instance || instance->finished)
        return;
    for (int s : m_graph.topologicalOrder()) {
        const Participant &p = instance->parts[size_t(s)];
        if (p.prepared && p.state != State::Applied)
            applyDecision(*instance, s);
    }
    const bool committed = instance->decision == Decision::Commit;
    TraceEvent event = makeEvent(*instance, committed ? TraceEventType::SagaCompleted : TraceEventType::SagaCompensated);
    event.reason = instance->reason;
    commitEvent(*instance, event);
    instance->finished = true;
    ++(committed ? m_completed : m_compensated);
    const QString id = instance->id;
    const QString reason = instance->reason;
    --m_active;
    m_slots[size_t(slot)].reset();
    if (m_finishSink)
        m_finishSink(id, committed ? InstanceStatus::Completed : InstanceStatus::Compensated, reason);
    admit();
}

void TwoPhaseCoordinator::applyDecision(Instance &instance, int step)
{
    Participant &p = instance.parts[size_t(step)];
    const SimEffect *effect = effectOf(step);
    if (instance.decision == Decision::Commit) {
        if (m_ledger.applyAction(instance.id, step) == EffectsLedger::ActionResult::AppliedNow && effect)
            m_resources.applyCommitted(instance.id, step);
        commitEvent(instance, makeEvent(instance, TraceEventType::CommitApplied, step));
    } else {
        commitEvent(instance, makeEvent(instance, TraceEventType::AbortApplied, step));
    }
    p.state = State::Applied;
    if (p.resourceLock) {
        p.resourceLock = false;
        m_locks.release(effect->resource, instance.id);
        TraceEvent event = makeEvent(instance, TraceEventType::LockReleased, step);
        event.resource = effect->resource;
        commitEvent(instance, event);
    }
    if (p.stepLock) {
        p.stepLock = false;
        commitEvent(instance, makeEvent(instance, TraceEventType::LockReleased, step));
    }
}

void TwoPhaseCoordinator::crash()
{
    if (m_crashed)
        return;
    const QString reason = m_options.crashCoordinator == CrashPoint::AfterPrepare
        ? tr("the coordinator crashed after prepare: in doubt, holding its locks")
        : tr("the coordinator crashed after its decision: in doubt, holding its locks");
    for (const auto &slot : m_slots) {
        if (!slot || slot->finished)
            continue;
        for (int s = 0; s < int(slot->parts.size()); ++s) {
            if (slot->parts[size_t(s)].state != State::Yes)
                continue;
            TraceEvent event = makeEvent(*slot, TraceEventType::InDoubt, s);
            event.reason = reason;
            commitEvent(*slot, event);
            ++m_inDoubt;
        }
    }
    m_crashed = true;
    if (m_crashSink)
        m_crashSink();
}

} // namespace Sagascope
