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

    ++m_pending;
    const QString instance = invocation.instance;
    const int stepIndex = invocation.stepIndex;
    m_scheduler.scheduleAfter(latency, [this, instance, stepIndex, isAction, doesWork, reply, done = std::move(done)]() mutable {
        --m_pending;
        // An idempotent participant answers a key it already applied with that outcome: a
        // business refusal cannot follow a timed-out attempt that did the work.
        if (isAction && reply.status == Reply::Status::BusinessFailure && m_ledger.counts(instance, stepIndex).applied)
            reply = Reply{};
        if (doesWork) {
            if (isAction) {
                if (m_ledger.applyAction(instance, stepIndex) == EffectsLedger::ActionResult::Refused)
                    reply = {Reply::Status::Refused,
                             QCoreApplication::translate("Engine", "refused: its compensation already ran (hanging action)")};
            } else {
                m_ledger.applyCompensation(instance, stepIndex);
            }
        }
        done(reply);
    });
}

} // namespace Sagascope
