// SPDX-License-Identifier: MIT
#pragma once

#include "sagadefinition.h"

namespace Sagascope::Bench {

/**
 * Generates a realistic saga of `steps` steps with about `dependencies` `after` entries a step:
 * a DAG of compensatable steps, one pivot after all of them, then retriable steps after the
 * pivot. `flawed` puts one side-effect step in a hundred before the pivot (SAGA005 with a
 * quick fix to verify), as a drawing in progress would have.
 */
SagaDefinition generateSaga(int steps, int dependencies, bool flawed, quint32 seed = 42);

} // namespace Sagascope::Bench
