// SPDX-License-Identifier: MIT
#pragma once

#include "diagnostic.h"
#include "eventindex.h"
#include "sagadefinition.h"
#include "sagagraph.h"

#include <QList>

namespace Sagascope {

/**
 * The event rules of SPEC section 5, run by the Validator after SAGA001–SAGA009:
 *  - SAGA020 (error): a step or compensation waits for an event that no step emits and that is
 *    not the start event;
 *  - SAGA021 (warning): an emitted event that no step or compensation waits for;
 *  - SAGA022 (error): the event graph has a cycle on the forward path;
 *  - SAGA023 (error, choreography): for some failure point, a step that may have been applied is
 *    never compensated (FailurePlay plays each failure point through the event graph);
 *  - SAGA024 (warning): two steps wait on the same event and one of them can fail.
 * `graph` is the definition's graph with event edges.
 */
void checkEventRules(const SagaDefinition &definition, const SagaGraph &graph, QList<Diagnostic> &out);

/**
 * One failure point played through the event graph (SPEC section 5, SAGA023): step `failing`
 * fails and publishes its failure event; every step that can still run (its `after` steps
 * applied, its `on` events published by the play) is taken as applied, the worst case, since a
 * step beside the failure may finish before it; every compensation with one of its
 * `compensation.on` events published runs and publishes `compensation.emits`; until nothing
 * changes. `failing` counts as applied when its attempt can time out (`timeoutMs`): its effect
 * is then unknown and must be compensated.
 */
struct FailurePlay
{
    QList<int> applied;      // steps that may have been applied (in file order)
    QList<int> compensated;  // steps whose compensation the events reach
    QList<int> uncompensated; // compensatable steps in `applied` that nothing compensates
    QStringList published;   // events published during the play, in order

    static FailurePlay play(const SagaDefinition &definition, const EventIndex &events, int failing);
};

} // namespace Sagascope
