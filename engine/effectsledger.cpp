// SPDX-License-Identifier: MIT
#include "effectsledger.h"

namespace Sagascope {

QString effectOutcomeName(EffectOutcome outcome)
{
    switch (outcome) {
    case EffectOutcome::Applied: return QStringLiteral("applied");
    case EffectOutcome::Refused: return QStringLiteral("refused");
    case EffectOutcome::Compensated: return QStringLiteral("compensated");
    case EffectOutcome::Empty: return QStringLiteral("empty");
    }
    return {};
}

std::optional<EffectOutcome> effectOutcomeFromName(QStringView name)
{
    for (EffectOutcome o : {EffectOutcome::Applied, EffectOutcome::Refused, EffectOutcome::Compensated, EffectOutcome::Empty}) {
        if (name == effectOutcomeName(o))
            return o;
    }
    return std::nullopt;
}

EffectsLedger::EffectsLedger(QList<StepId> stepIds) : m_stepIds(std::move(stepIds)) {}

std::vector<quint8> &EffectsLedger::flagsOf(const QString &instance)
{
    auto it = m_entries.find(instance);
    if (it == m_entries.end())
        it = m_entries.insert(instance, std::vector<quint8>(size_t(m_stepIds.size()), 0));
    return *it;
}

EffectsLedger::ActionResult EffectsLedger::applyAction(const QString &instance, int stepIndex)
{
    quint8 &flags = flagsOf(instance)[size_t(stepIndex)];
    if (flags & FlagApplied)
        return ActionResult::AlreadyApplied;
    if (flags & (FlagCompensated | FlagEmpty | FlagRefused)) {
        if (!(flags & FlagRefused)) {
            flags |= FlagRefused;
            if (m_store)
                m_store->appendEffect(instance, m_stepIds.at(stepIndex), OperationKind::Action, EffectOutcome::Refused);
        }
        return ActionResult::Refused;
    }
    flags |= FlagApplied;
    if (m_store)
        m_store->appendEffect(instance, m_stepIds.at(stepIndex), OperationKind::Action, EffectOutcome::Applied);
    return ActionResult::AppliedNow;
}

EffectsLedger::CompensationResult EffectsLedger::applyCompensation(const QString &instance, int stepIndex)
{
    quint8 &flags = flagsOf(instance)[size_t(stepIndex)];
    if (flags & (FlagCompensated | FlagEmpty))
        return CompensationResult::AlreadyDone;
    const bool applied = flags & FlagApplied;
    flags |= applied ? FlagCompensated : FlagEmpty;
    if (m_store)
        m_store->appendEffect(instance, m_stepIds.at(stepIndex), OperationKind::Compensation,
                              applied ? EffectOutcome::Compensated : EffectOutcome::Empty);
    return applied ? CompensationResult::CompensatedNow : CompensationResult::EmptyNow;
}

void EffectsLedger::load(const QString &instance, int stepIndex, OperationKind operation, EffectOutcome outcome)
{
    if (stepIndex < 0 || stepIndex >= m_stepIds.size())
        return;
    quint8 &flags = flagsOf(instance)[size_t(stepIndex)];
    switch (outcome) {
    case EffectOutcome::Applied: flags |= FlagApplied; break;
    case EffectOutcome::Refused: flags |= FlagRefused; break;
    case EffectOutcome::Compensated: flags |= FlagCompensated; break;
    case EffectOutcome::Empty: flags |= FlagEmpty; break;
    }
    Q_UNUSED(operation);
}

EffectsLedger::Counts EffectsLedger::counts(const QString &instance, int stepIndex) const
{
    Counts c;
    const auto it = m_entries.constFind(instance);
    if (it == m_entries.constEnd() || stepIndex < 0 || size_t(stepIndex) >= it->size())
        return c;
    const quint8 flags = (*it)[size_t(stepIndex)];
    c.applied = (flags & FlagApplied) ? 1 : 0;
    c.compensated = (flags & FlagCompensated) ? 1 : 0;
    c.refused = flags & FlagRefused;
    c.compensationSeen = flags & (FlagCompensated | FlagEmpty);
    return c;
}

} // namespace Sagascope
