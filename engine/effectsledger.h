// SPDX-License-Identifier: MIT
#pragma once

#include "participant.h"

#include <QHash>
#include <QString>

#include <vector>

namespace Sagascope {

/** What a participant really did with one idempotency key. */
enum class EffectOutcome : quint8 {
    Applied,     // action: the effect was applied
    Refused,     // action: arrived after its compensation (hanging action), not applied
    Compensated, // compensation: the action's effect was undone
    Empty,       // compensation: the action had never been applied; nothing to undo
};

QString effectOutcomeName(EffectOutcome outcome); // "applied", "refused", "compensated", "empty"
std::optional<EffectOutcome> effectOutcomeFromName(QStringView name);

/** Where the ledger's new records go (the saga log), in the same transaction as the log's. */
class LedgerStore
{
public:
    virtual ~LedgerStore() = default;
    virtual void appendEffect(const QString &instance, const StepId &step, OperationKind operation,
                              EffectOutcome outcome) = 0;
};

/**
 * The effects ledger of the simulated participants (SPEC section 3): for every idempotency key,
 * what was really applied. Each key is applied at most once; a compensation of an action never
 * applied is empty; an action after its compensation is refused. Every new record is handed to
 * the LedgerStore, so that with a saga log it commits with the log's own rows.
 */
class EffectsLedger
{
public:
    explicit EffectsLedger(QList<StepId> stepIds);

    void setStore(LedgerStore *store) { m_store = store; }

    /** Result of presenting an action key: applied now, applied before (a duplicate), or refused. */
    enum class ActionResult { AppliedNow, AlreadyApplied, Refused };
    ActionResult applyAction(const QString &instance, int stepIndex);
    /** Result of presenting a compensation key. */
    enum class CompensationResult { CompensatedNow, EmptyNow, AlreadyDone };
    CompensationResult applyCompensation(const QString &instance, int stepIndex);

    /** Loads a record read back from the log (no store call). */
    void load(const QString &instance, int stepIndex, OperationKind operation, EffectOutcome outcome);

    struct Counts
    {
        int applied = 0;
        int compensated = 0;
        bool refused = false;
        bool compensationSeen = false;
    };
    Counts counts(const QString &instance, int stepIndex) const;
    /** Forgets an instance once nothing can reach it any more (bounded memory for long runs). */
    void forget(const QString &instance) { m_entries.remove(instance); }
    qsizetype instanceCount() const { return m_entries.size(); }

private:
    enum Flag : quint8 { FlagApplied = 1, FlagRefused = 2, FlagCompensated = 4, FlagEmpty = 8 };
    std::vector<quint8> &flagsOf(const QString &instance);

    QList<StepId> m_stepIds;
    QHash<QString, std::vector<quint8>> m_entries;
    LedgerStore *m_store = nullptr;
};

} // namespace Sagascope
