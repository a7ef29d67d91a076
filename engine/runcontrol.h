// SPDX-License-Identifier: MIT
#pragma once

#include "participant.h"
#include "sagadefinition.h"
#include "traceevent.h"

#include <QList>
#include <QMetaType>
#include <QString>

#include <optional>

namespace Sagascope {

/**
 * Where an interactive run stops (Engine::setBreakpoints): before every `step_started` (action)
 * or `compensation_started` (compensation) of `step`, in one instance or in any. The attempt has
 * not been called yet, so a fault injected at the breakpoint applies to it.
 */
struct Breakpoint
{
    QString instance; // empty: any instance
    StepId step;
    OperationKind operation = OperationKind::Action;

    /** True when `event` is a start of this breakpoint's operation. */
    bool matches(const TraceEvent &event) const;
    friend bool operator==(const Breakpoint &, const Breakpoint &) = default;
};

/** Why and where a run paused (Engine::paused). */
struct PauseInfo
{
    enum class Reason : quint8 {
        User,       // pause(): after the transition that was delivered last
        Breakpoint, // before the transition described here, which has not been delivered yet
        Step,       // stepTransition(): after the one transition described here
    };
    Reason reason = Reason::User;
    QString instance; // the transition's instance, step, operation and attempt; empty before the first
    StepId step;
    OperationKind operation = OperationKind::Action;
    int attempt = 0;
    qint64 t = 0;     // the transition's `t`
    std::optional<TraceEventType> event; // the transition itself; none before the first

    static PauseInfo from(Reason reason, const TraceEvent &event);
    friend bool operator==(const PauseInfo &, const PauseInfo &) = default;
};

QString pauseReasonName(PauseInfo::Reason reason); // "user", "breakpoint", "step"

} // namespace Sagascope

Q_DECLARE_METATYPE(Sagascope::Breakpoint)
Q_DECLARE_METATYPE(Sagascope::PauseInfo)
