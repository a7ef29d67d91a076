// SPDX-License-Identifier: MIT
#include "simulatedparticipant.h"

#include "random.h"

#include <QCoreApplication>

namespace Sagascope {

SimulatedParticipant::SimulatedParticipant(const SagaDefinition &definition, const FaultPlan &faults,
                                           Scheduler &scheduler, EffectsLedger &ledger)
    : m_definition(definition), m_faults(faults), m_scheduler(scheduler), m_ledger(ledger)
{
}

void SimulatedParticipant::invoke(const Invocation &invocation, ReplyHandler done)
{
    const Step &step = m_definition.steps.at(invocation.stepIndex);
    const bool isAction = invocation.operation == OperationKind::Action;
    const Operation *operation = isAction ? &step.action : (step.compensation ? &*step.compensation : nullptr);
    const SimSpec sim = operation && operation->sim ? *operation->sim : SimSpec{};
    const bool touchesResource = isAction && m_resources && m_resources->effectOf(invocation.stepIndex);
    if (touchesResource) {
        // A semantic lock held by another instance: wait for it, or fail fast (SPEC section 7).
        const auto admission = m_resources->admit(invocation.instance, invocation.stepIndex, m_scheduler.now(),
                                                  [this, invocation, done]() mutable {
                                                      m_scheduler.scheduleAfter(0, [this, invocation, done]() mutable {
                                                          --m_pending;
                                                          invoke(invocation, std::move(done));
                                                      });
                                                  });
        if (admission == SharedResources::Admission::Wait) {
            ++m_pending;
            return;
        }
        if (admission == SharedResources::Admission::Fail) {
            ++m_pending;
            const QString holder = m_resources->semanticLockHolder(step.action.sim->effect->resource);
            const Reply refused{Reply::Status::BusinessFailure,
                                QCoreApplication::translate("Engine", "%1 is pending in instance %2 (semantic lock)")
                                    .arg(step.action.sim->effect->resource, holder.left(8))};
            m_scheduler.scheduleAfter(0, [this, refused, done = std::move(done)] {
                --m_pending;
                done(refused);
            });
            return;
        }
    }

    Random random(invocation.randomSeed);
    qint64 latency = random.between(sim.latencyMinMs, qMax(sim.latencyMinMs, sim.latencyMaxMs));
    const double technicalDraw = random.uniform();
    const double businessDraw = random.uniform();

    const FailureKind injected = m_faults.isEmpty() ? FailureKind::None
                                                    : m_faults.failure(invocation.instance, invocation.step,
                                                                       invocation.operation, invocation.faultAttempt);
    Reply reply;
    bool doesWork = false;
    switch (injected) {
    case FailureKind::Business:
        reply = {Reply::Status::BusinessFailure, QCoreApplication::translate("Engine", "injected business failure")};
        break;
    case FailureKind::Technical:
        reply = {Reply::Status::TechnicalFailure, QCoreApplication::translate("Engine", "injected technical failure")};
        break;
    case FailureKind::Timeout:
        // A slow reply: the work is done, but the answer comes just after the deadline.
        doesWork = true;
        if (invocation.timeoutMs >= 0)
            latency = invocation.timeoutMs + 1;
        break;
    case FailureKind::None:
        if (technicalDraw < sim.technicalFailure) {
            reply = {Reply::Status::TechnicalFailure, QCoreApplication::translate("Engine", "simulated technical failure")};
        } else if (isAction && businessDraw < sim.businessFailure) {
            reply = {Reply::Status::BusinessFailure, QCoreApplication::translate("Engine", "simulated business failure")};
        } else {
            doesWork = true;
        }
        break;
    }

    if (touchesResource && doesWork)
        m_resources->beginAction(invocation.instance, invocation.stepIndex);
    ++m_pending;
    const QString instance = invocation.instance;
    const int stepIndex = invocation.stepIndex;
    m_scheduler.scheduleAfter(latency, [this, instance, stepIndex, isAction, doesWork, touchesResource, reply,
                                        done = std::move(done)]() mutable {
        --m_pending;
        // An idempotent participant answers a key it already applied with that outcome: a
        // business refusal cannot follow a timed-out attempt that did the work.
        if (isAction && reply.status == Reply::Status::BusinessFailure && m_ledger.counts(instance, stepIndex).applied)
            reply = Reply{};
        if (doesWork && touchesResource && !m_ledger.counts(instance, stepIndex).compensationSeen) {
            if (const std::optional<QString> refusal = m_resources->checkAction(instance, stepIndex)) {
                reply = {Reply::Status::BusinessFailure, *refusal};
                doesWork = false;
            }
        }
        if (doesWork) {
            if (isAction) {
                const EffectsLedger::ActionResult result = m_ledger.applyAction(instance, stepIndex);
                if (result == EffectsLedger::ActionResult::Refused)
                    reply = {Reply::Status::Refused,
                             QCoreApplication::translate("Engine", "refused: its compensation already ran (hanging action)")};
                else if (result == EffectsLedger::ActionResult::AppliedNow && touchesResource)
                    m_resources->applyAction(instance, stepIndex);
            } else if (m_ledger.applyCompensation(instance, stepIndex) == EffectsLedger::CompensationResult::CompensatedNow
                       && m_resources) {
                m_resources->applyCompensation(instance, stepIndex);
            }
        }
        done(reply);
    });
}

} // namespace Sagascope
