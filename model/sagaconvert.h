// SPDX-License-Identifier: MIT
#pragma once

#include "sagadefinition.h"

#include <QString>

#include <optional>

namespace Sagascope {

/**
 * Derives one form of a saga from the other (SPEC section 5, `sagascope-cli convert`), with
 * generated event names `<Step>Succeeded`, `<Step>Failed`, `<Step>Compensated` where a step has
 * none of its own. Both forms run to the same effects ledger for every single-step failure
 * (docs/ENGINE.md, "Choreography"; tests/engine/tst_choreography checks it).
 */
class SagaConvert
{
public:
    static QString succeededEvent(const StepId &step) { return step + QStringLiteral("Succeeded"); }
    static QString failedEvent(const StepId &step) { return step + QStringLiteral("Failed"); }
    static QString compensatedEvent(const StepId &step) { return step + QStringLiteral("Compensated"); }

    /**
     * Every step waits `on` the success events of the steps it depends on (its `after` and its
     * events; the start event when it depends on none) and `after` is emptied. Each
     * compensation runs on one event for every failure point that may find its step applied:
     * the `<Step>Compensated` event of a direct successor that is sure to have been applied (so
     * that a chain rolls back in reverse order), else the failing step's `<Step>Failed` (its own
     * included: a timed-out attempt is compensated). Only events that someone waits on are
     * emitted. Events the saga already has are kept. Null, with `error`, when the steps'
     * dependencies form a cycle or two steps share an id.
     */
    static std::optional<SagaDefinition> toChoreography(const SagaDefinition &definition, QString *error = nullptr);

    /**
     * Every step waits in `after` for the steps it depended on (by `after` or by success events);
     * `on`, `emits` and the compensations' events are removed: the orchestrator compensates.
     * Null, with `error`, on a cycle, a shared id, or a step that reacts to a failure or
     * compensation event (an orchestration has no such step).
     */
    static std::optional<SagaDefinition> toOrchestration(const SagaDefinition &definition, QString *error = nullptr);
};

} // namespace Sagascope
