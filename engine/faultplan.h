// SPDX-License-Identifier: MIT
#pragma once

#include "participant.h"
#include "sagadefinition.h"
#include "traceevent.h"

#include <QHash>
#include <QJsonArray>
#include <QString>

namespace Sagascope {

/**
 * Injected failures (`run --fail STEP=business|technical:N|timeout:N`,
 * `--fail-compensation STEP=technical:N`): the first N attempts of that step's action (or
 * compensation) fail that way, for every instance. Overrides the `sim` probabilities.
 * The monitor injects more while a run goes on (Engine::injectFault): a fault may then name one
 * instance, which overrides the fault of every instance on that step and operation.
 */
class FaultPlan
{
public:
    struct Fault
    {
        FailureKind kind = FailureKind::None;
        int attempts = 0; // the first `attempts` attempts fail, 0: every attempt; business: every attempt
        friend bool operator==(const Fault &, const Fault &) = default;
    };
    /** One fault with what it applies to (entries()). */
    struct Entry
    {
        QString instance; // empty: every instance
        StepId step;
        OperationKind operation = OperationKind::Action;
        Fault fault;
        friend bool operator==(const Entry &, const Entry &) = default;
    };

    /** Parses one `STEP=...` argument; false with a message naming the fault. */
    bool addAction(const QString &argument, QString *error);
    bool addCompensation(const QString &argument, QString *error);

    /** Sets the fault of one step's action or compensation, for one instance (empty: every
     *  instance); kind None removes it. */
    void setFault(const QString &instance, const StepId &step, OperationKind operation, const Fault &fault);
    /** Removes every fault on `step`: both operations, every instance. */
    void clearStep(const StepId &step);
    /** Removes the faults that name one instance. */
    void clearInstanceFaults();
    /** Checks a fault before setFault(): a compensation cannot fail for a business reason. */
    static bool isValid(OperationKind operation, FailureKind kind, QString *error = nullptr);

    /** The failure injected into this attempt (None: none); the instance's own fault first. */
    FailureKind failure(const QString &instance, const StepId &step, OperationKind operation, int attempt) const;
    FailureKind actionFailure(const StepId &step, int attempt) const;
    FailureKind compensationFailure(const StepId &step, int attempt) const;
    /** True when some attempt of the step's action is an injected timeout. */
    bool injectsTimeout(const StepId &step) const;
    bool injectsTimeout(const QString &instance, const StepId &step, OperationKind operation) const;
    /** Every fault, sorted by step, operation, instance. */
    QList<Entry> entries() const;
    /** Every step named, for checking against the definition. */
    QStringList stepIds() const;
    bool isEmpty() const
    {
        return m_actions.isEmpty() && m_compensations.isEmpty() && m_instanceActions.isEmpty()
            && m_instanceCompensations.isEmpty();
    }

    QJsonArray toJson() const;
    static FaultPlan fromJson(const QJsonArray &array);

    friend bool operator==(const FaultPlan &, const FaultPlan &) = default;

private:
    static bool parse(const QString &argument, bool compensation, StepId *step, Fault *fault, QString *error);
    static FailureKind failureOf(const Fault &fault, int attempt);
    const Fault *find(const QString &instance, const StepId &step, OperationKind operation) const;
    QHash<StepId, Fault> m_actions;
    QHash<StepId, Fault> m_compensations;
    // Faults of one instance: instance id -> step -> fault.
    QHash<QString, QHash<StepId, Fault>> m_instanceActions;
    QHash<QString, QHash<StepId, Fault>> m_instanceCompensations;
};

} // namespace Sagascope
