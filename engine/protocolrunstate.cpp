// SPDX-License-Identifier: MIT
#include "protocolrunstate.h"

namespace Sagascope {

ProtocolRunState::ProtocolRunState(const SagaDefinition &definition)
    : m_definition(definition)
{
    clear();
}

void ProtocolRunState::clear()
{
    m_coordinators.clear();
    m_participants.clear();
    m_appliedActions.clear();
    m_resources.clear();
    for (const Resource &resource : std::as_const(m_definition.resources)) {
        ResourceView view;
        view.name = resource.name;
        view.value = resource.initial;
        m_resources.append(view);
    }
    m_inDoubt = 0;
    m_lastT = -1;
    m_twoPhase = false;
}

const ProtocolRunState::Coordinator *ProtocolRunState::coordinator(const QString &instance) const
{
    const auto it = m_coordinators.constFind(instance);
    return it == m_coordinators.cend() ? nullptr : &it.value();
}

const ProtocolRunState::Participant *ProtocolRunState::participant(const QString &instance, const StepId &step) const
{
    const auto it = m_participants.constFind(instance);
    if (it == m_participants.cend())
        return nullptr;
    const auto p = it->constFind(step);
    return p == it->cend() ? nullptr : &p.value();
}

const ProtocolRunState::ResourceView *ProtocolRunState::resource(const QString &name) const
{
    for (const ResourceView &view : m_resources)
        if (view.name == name)
            return &view;
    return nullptr;
}

void ProtocolRunState::setFinalValues(const QMap<QString, qint64> &values)
{
    for (ResourceView &view : m_resources)
        if (values.contains(view.name))
            view.value = values.value(view.name);
}

ProtocolRunState::ResourceView *ProtocolRunState::resourceOf(const StepId &step, qint64 *delta)
{
    const Step *s = m_definition.step(step);
    if (!s || !s->action.sim || !s->action.sim->effect)
        return nullptr;
    const SimEffect &effect = *s->action.sim->effect;
    *delta = effect.delta;
    for (ResourceView &view : m_resources)
        if (view.name == effect.resource)
            return &view;
    return nullptr;
}

void ProtocolRunState::change(const TraceEvent &event, qint64 sign)
{
    qint64 delta = 0;
    ResourceView *view = resourceOf(event.step, &delta);
    if (!view)
        return;
    view->value += sign * delta;
    view->lastInstance = event.instance;
    view->lastStep = event.step;
    view->lastDelta = sign * delta;
    view->lastT = event.t;
}

void ProtocolRunState::apply(const QList<TraceEvent> &events)
{
    for (const TraceEvent &event : events)
        apply(event);
}

void ProtocolRunState::apply(const TraceEvent &event)
{
    using T = TraceEventType;
    m_lastT = qMax(m_lastT, event.t);
    switch (event.event) {
    // The saga: an action's effect is in the counter once it succeeded, until it is compensated.
    case T::StepSucceeded:
        if (!m_appliedActions[event.instance].value(event.step)) {
            m_appliedActions[event.instance].insert(event.step, true);
            change(event, +1);
        }
        return;
    case T::CompensationSucceeded:
        if (m_appliedActions[event.instance].value(event.step)) {
            m_appliedActions[event.instance].insert(event.step, false);
            change(event, -1);
        }
        return;
    case T::SagaCompleted:
    case T::SagaCompensated:
    case T::SagaStuck:
        m_appliedActions.remove(event.instance);
        if (auto it = m_coordinators.find(event.instance); it != m_coordinators.end())
            it->phase = CoordinatorPhase::Finished;
        return;
    default:
        break;
    }
    if (!event.isTwoPhaseEvent())
        return; // a saga's own events (a resume among them) say nothing of a coordinator

    // Two-phase commit.
    m_twoPhase = true;
    Coordinator &coordinator = m_coordinators[event.instance];
    auto participant = [&]() -> Participant & { return m_participants[event.instance][event.step]; };
    switch (event.event) {
    case T::PrepareSent: {
        Participant &p = participant();
        p.prepared = true;
        p.attempt = event.attempt;
        if (coordinator.phase == CoordinatorPhase::None)
            coordinator.phase = CoordinatorPhase::Preparing;
        break;
    }
    case T::Voted:
        participant().vote = event.verdict == QLatin1String("yes") ? Vote::Yes : Vote::No;
        break;
    case T::Decided:
        coordinator.phase = CoordinatorPhase::Decided;
        coordinator.decision = event.verdict;
        coordinator.reason = event.reason;
        break;
    case T::CommitApplied:
    case T::AbortApplied: {
        Participant &p = participant();
        if (std::exchange(p.inDoubt, false)) {
            --coordinator.inDoubt;
            --m_inDoubt;
        }
        p.applied = event.event == T::CommitApplied ? QStringLiteral("commit") : QStringLiteral("abort");
        if (coordinator.phase == CoordinatorPhase::Crashed) // a restarted coordinator finishes the job
            coordinator.phase = CoordinatorPhase::Decided;
        if (event.event == T::CommitApplied)
            change(event, +1);
        break;
    }
    case T::LockAcquired: {
        Participant &p = participant();
        if (event.resource.isEmpty()) {
            p.lockedSince = event.t;
        } else {
            p.resource = event.resource;
            for (ResourceView &view : m_resources)
                if (view.name == event.resource) {
                    view.lockHolder = event.instance;
                    view.lockedSince = event.t;
                }
        }
        break;
    }
    case T::LockReleased: {
        Participant &p = participant();
        if (event.resource.isEmpty()) {
            if (p.lockedSince >= 0)
                p.heldMs = event.t - p.lockedSince;
            p.lockedSince = -1;
        } else {
            p.resource.clear();
            for (ResourceView &view : m_resources)
                if (view.name == event.resource && view.lockHolder == event.instance) {
                    view.lockHolder.clear();
                    view.lockedSince = -1;
                }
        }
        break;
    }
    case T::InDoubt: {
        Participant &p = participant();
        if (!p.inDoubt) {
            p.inDoubt = true;
            ++coordinator.inDoubt;
            ++m_inDoubt;
        }
        coordinator.phase = CoordinatorPhase::Crashed;
        break;
    }
    default:
        break;
    }
}

} // namespace Sagascope
