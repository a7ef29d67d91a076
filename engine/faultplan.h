// SPDX-License-Identifier: MIT
#pragma once

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
 */
class FaultPlan
{
public:
    struct Fault
    {
        FailureKind kind = FailureKind::None;
        int attempts = 0; // the first `attempts` attempts fail; business: every attempt
        friend bool operator==(const Fault &, const Fault &) = default;
    };

    /** Parses one `STEP=...` argument; false with a message naming the fault. */
    bool addAction(const QString &argument, QString *error);
    bool addCompensation(const QString &argument, QString *error);

    /** The failure injected into this attempt (None: none). */
    FailureKind actionFailure(const StepId &step, int attempt) const;
    FailureKind compensationFailure(const StepId &step, int attempt) const;
    /** True when some attempt of the step's action is an injected timeout. */
    bool injectsTimeout(const StepId &step) const;
    /** Every step named, for checking against the definition. */
    QStringList stepIds() const;
    bool isEmpty() const { return m_actions.isEmpty() && m_compensations.isEmpty(); }

    QJsonArray toJson() const;
    static FaultPlan fromJson(const QJsonArray &array);

    friend bool operator==(const FaultPlan &, const FaultPlan &) = default;

private:
    static bool parse(const QString &argument, bool compensation, StepId *step, Fault *fault, QString *error);
    QHash<StepId, Fault> m_actions;
    QHash<StepId, Fault> m_compensations;
};

} // namespace Sagascope
