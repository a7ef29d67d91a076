// SPDX-License-Identifier: MIT
#include "runcontrol.h"

namespace Sagascope {

bool Breakpoint::matches(const TraceEvent &event) const
{
    const TraceEventType start = operation == OperationKind::Action ? TraceEventType::StepStarted
                                                                    : TraceEventType::CompensationStarted;
    return event.event == start && event.step == step && (instance.isEmpty() || event.instance == instance);
}

PauseInfo PauseInfo::from(Reason reason, const TraceEvent &event)
{
    PauseInfo info;
    info.reason = reason;
    info.instance = event.instance;
    info.step = event.step;
    switch (event.event) {
    case TraceEventType::CompensationStarted:
    case TraceEventType::CompensationSucceeded:
    case TraceEventType::CompensationFailed:
        info.operation = OperationKind::Compensation;
        break;
    case TraceEventType::RetryScheduled:
        // A retry of a compensation follows compensation_failed; the event itself does not say.
        info.operation = OperationKind::Action;
        break;
    default:
        info.operation = OperationKind::Action;
        break;
    }
    info.attempt = event.attempt;
    info.t = event.t;
    info.event = event.event;
    return info;
}

QString pauseReasonName(PauseInfo::Reason reason)
{
    switch (reason) {
    case PauseInfo::Reason::User: return QStringLiteral("user");
    case PauseInfo::Reason::Breakpoint: return QStringLiteral("breakpoint");
    case PauseInfo::Reason::Step: return QStringLiteral("step");
    }
    return {};
}

} // namespace Sagascope
