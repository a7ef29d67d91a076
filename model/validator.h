// SPDX-License-Identifier: MIT
#pragma once

#include "diagnostic.h"
#include "sagadefinition.h"

#include <QList>

namespace Sagascope {

/**
 * The ordering validator of SPEC section 2: rules SAGA001..SAGA009, with quick fixes that are
 * offered only when, applied to a copy, they remove the finding, add no error and keep the
 * order of every pair of steps they do not move. Stateless; safe to call from any thread.
 */
class Validator
{
public:
    /** All findings, errors first, then by rule id, then by the steps' order in the file. */
    static QList<Diagnostic> validate(const SagaDefinition &definition);
    /** True when any finding is an error. */
    static bool hasErrors(const QList<Diagnostic> &diagnostics);
};

} // namespace Sagascope
