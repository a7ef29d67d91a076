// SPDX-License-Identifier: MIT
#pragma once

#include "participant.h"
#include "runstate.h"

#include <QString>
#include <QStringView>

#include <optional>

namespace Sagascope {

/**
 * What a person decided for a stuck instance (`sagascope-cli resume`, docs/ENGINE.md "Resuming a
 * stuck instance"), as Step Functions' redrive and Temporal's reset do for their workflows:
 * - Retry: the stuck operation gets its next attempt, with the same idempotency key (attempt
 *   numbers go on, so a fault injected for the first N attempts no longer applies);
 * - Done: the stuck step was done by hand: it counts as succeeded and the saga goes forward;
 * - Compensated: the stuck step was not applied, or was undone by hand: a stuck action counts as
 *   failed for good (the saga rolls back the steps before it), a stuck compensation as done.
 */
enum class Resolution : quint8 { Retry, Done, Compensated };

QString resolutionName(Resolution resolution); // "retry", "done", "compensated"
std::optional<Resolution> resolutionFromName(QStringView name);

struct ResumeRequest
{
    QString instance;              // the instance's id
    StepId step;                   // empty: the step the instance is stuck at
    Resolution resolution = Resolution::Retry;
    QString note;                  // why, in the person's words (kept in the log)
};

/**
 * What a person may decide for a stuck instance, as far as its run state tells (the Instances
 * dock's Retry and Resolve): the step it stands at, whether it is that step's compensation, and
 * which resolutions make sense. The engine checks the request again against the instance's
 * logged trace (SagaExecutor::checkResume) before writing anything.
 */
struct StuckChoices
{
    bool stuck = false;            // the instance is known and stuck
    StepId step;                   // the first step in the Stuck phase (empty: none shown)
    bool compensation = false;     // it is the step's compensation that is stuck
    bool pivotCommitted = false;
    QString reason;                // the engine's words for why the instance is stuck
    bool canRetry = false;
    bool canDone = false;          // not for a compensation: a rollback cannot go forward
    bool canCompensate = false;    // not for an action once the pivot has committed

    static StuckChoices of(const RunState &state, const QString &instance);
};

} // namespace Sagascope
