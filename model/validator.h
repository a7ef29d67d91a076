// SPDX-License-Identifier: MIT
#pragma once

#include "diagnostic.h"
#include "sagadefinition.h"

#include <QList>

namespace Sagascope {

/**
 * The ordering validator of SPEC section 2: rules SAGA001..SAGA009 (and SAGA010, the templates of SPEC section 6), with quick fixes that are
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
    /** The errors of `definition`, one line each ("SAGA003 a,b: message"): why it cannot run. */
    static QStringList errorLines(const SagaDefinition &definition);
    /**
     * Applies `diagnostic`'s fix to a copy of `definition` and checks the promises of SPEC
     * section 2: the finding is gone, no new error appears, and every two steps the fix does not
     * move keep their order. Returns an empty string when they hold, else what is broken, in
     * words. validate() offers only fixes that pass; callers that apply a fix later (after
     * other edits) can check it again here.
     */
    static QString checkFix(const SagaDefinition &definition, const Diagnostic &diagnostic);
};

} // namespace Sagascope
