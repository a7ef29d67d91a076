// SPDX-License-Identifier: MIT
#pragma once

#include "effectsledger.h"
#include "faultplan.h"
#include "participant.h"
#include "scheduler.h"
#include "sharedresources.h"

namespace Sagascope {

/**
 * The embedded participants: every service of the saga simulated from the steps' `sim` specs
 * (latency, failure probabilities) and the injected faults. A timeout is a slow reply: the work
 * is done, one millisecond after the deadline. Effects go through the EffectsLedger (at most
 * once per idempotency key, empty compensations, hanging actions refused); changes of the shared
 * counters through SharedResources (read when the work starts, written when it ends).
 */
class SimulatedParticipant final : public Participant
{
public:
    SimulatedParticipant(const SagaDefinition &definition, const FaultPlan &faults, Scheduler &scheduler,
                         EffectsLedger &ledger);

    /** The run's shared counters (SPEC section 7); null: the actions' `sim.effect` are ignored. */
    void setResources(SharedResources *resources) { m_resources = resources; }

    /** Replaces the injected faults; they apply from the next call. */
    void setFaults(const FaultPlan &faults) { m_faults = faults; }
    const FaultPlan &faults() const { return m_faults; }

    void invoke(const Invocation &invocation, ReplyHandler done) override;
    qsizetype pendingCalls() const override { return m_pending; }

private:
    const SagaDefinition &m_definition;
    FaultPlan m_faults;
    Scheduler &m_scheduler;
    EffectsLedger &m_ledger;
    SharedResources *m_resources = nullptr;
    qsizetype m_pending = 0;
};

} // namespace Sagascope
