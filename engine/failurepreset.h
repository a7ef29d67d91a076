// SPDX-License-Identifier: MIT
#pragma once

#include "faultplan.h"
#include "sagadefinition.h"

namespace Sagascope {

/**
 * The failures of a "Run N" from the monitor, as one of four presets: no failures at all, the
 * file's own simulated rates, one chosen failure on one chosen step (as `run --fail`), or chaos
 * (random technical and business failures at given rates on every action). apply() turns the
 * preset into what the engine runs: a copy of the definition with the rates it should have, and
 * the faults to inject. The document is never changed (run state never enters the design).
 */
struct FailurePreset
{
    enum class Kind { None, FileRates, ChosenFailure, Chaos };

    Kind kind = Kind::FileRates;
    // ChosenFailure: the step and the failure of its action (as FaultPlan::setFault).
    StepId step;
    FailureKind failure = FailureKind::Business;
    int attempts = 0; // technical/timeout: the first N attempts; 0: every attempt
    // Chaos: the probability that one attempt of an action fails technically, and that it is
    // refused for a business reason (not on retriable steps, which cannot be: SPEC section 2).
    double technicalRate = 0.1;
    double businessRate = 0.05;

    /** The definition the engine runs under this preset (rates replaced for None and Chaos). */
    SagaDefinition definitionFor(const SagaDefinition &definition) const;
    /** Adds the preset's injected fault to `faults` (ChosenFailure only); false with a message
     *  naming the fault when the step is unknown or the failure cannot be injected. */
    bool addFaults(const SagaDefinition &definition, FaultPlan &faults, QString *error = nullptr) const;
};

} // namespace Sagascope
