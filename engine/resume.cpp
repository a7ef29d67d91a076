// SPDX-License-Identifier: MIT
#include "resume.h"

#include <array>

namespace Sagascope {

namespace {
constexpr std::array<const char *, 3> ResolutionNames = {"retry", "done", "compensated"};
}

QString resolutionName(Resolution resolution)
{
    return QString::fromLatin1(ResolutionNames[size_t(resolution)]);
}

std::optional<Resolution> resolutionFromName(QStringView name)
{
    for (size_t i = 0; i < ResolutionNames.size(); ++i) {
        if (name == QLatin1String(ResolutionNames[i]))
            return Resolution(i);
    }
    return std::nullopt;
}

StuckChoices StuckChoices::of(const RunState &state, const QString &instance)
{
    StuckChoices choices;
    const InstanceRunState *run = state.instance(instance);
    if (!run || run->status != InstanceStatus::Stuck)
        return choices;
    choices.stuck = true;
    choices.reason = run->reason;
    choices.pivotCommitted = run->pivotCommitted;
    for (int s = 0; s < state.stepCount(); ++s) {
        const StepRunState &step = run->steps[size_t(s)];
        if (step.phase != StepPhase::Stuck)
            continue;
        choices.step = state.stepId(s);
        choices.compensation = step.inCompensation();
        break;
    }
    choices.canRetry = true;
    choices.canDone = !choices.compensation;
    choices.canCompensate = choices.compensation || !choices.pivotCommitted;
    return choices;
}

} // namespace Sagascope
