// SPDX-License-Identifier: MIT
#include "failurepreset.h"

#include <QCoreApplication>

namespace Sagascope {

namespace {

void setRates(Operation &operation, double technical, double business)
{
    if (!operation.sim && technical <= 0 && business <= 0)
        return; // no sim spec: nothing fails already
    SimSpec sim = operation.sim.value_or(SimSpec{});
    sim.technicalFailure = technical;
    sim.businessFailure = business;
    operation.sim = sim;
}

} // namespace

SagaDefinition FailurePreset::definitionFor(const SagaDefinition &definition) const
{
    if (kind != Kind::None && kind != Kind::Chaos)
        return definition;
    SagaDefinition run = definition;
    for (Step &step : run.steps) {
        if (kind == Kind::None) {
            setRates(step.action, 0, 0);
            if (step.compensation)
                setRates(*step.compensation, 0, 0);
        } else {
            setRates(step.action, technicalRate, step.kind == StepKind::Retriable ? 0.0 : businessRate);
        }
    }
    return run;
}

bool FailurePreset::addFaults(const SagaDefinition &definition, FaultPlan &faults, QString *error) const
{
    if (kind != Kind::ChosenFailure)
        return true;
    if (definition.indexOf(step) < 0) {
        if (error)
            *error = QCoreApplication::translate("FailurePreset", "No step has the id \"%1\".").arg(step);
        return false;
    }
    if (!FaultPlan::isValid(OperationKind::Action, failure, error))
        return false;
    faults.setFault(QString(), step, OperationKind::Action,
                    FaultPlan::Fault{failure, failure == FailureKind::Business ? 0 : attempts});
    return true;
}

} // namespace Sagascope
