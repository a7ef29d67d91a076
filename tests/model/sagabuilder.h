// SPDX-License-Identifier: MIT
// Small sagas for the model tests, built in C++, and the check that a quick fix keeps the
// promises of SPEC section 2.
#pragma once

#include "diagnostic.h"
#include "sagadefinition.h"
#include "sagaedit.h"
#include "sagagraph.h"
#include "validator.h"

#include <QSet>
#include <QString>
#include <QStringList>

namespace Sagascope::Test {

/** A compensatable step with a compensation, idempotent. */
inline Step compensatable(const QString &id, const QStringList &after = {})
{
    Step step;
    step.id = id;
    step.kind = StepKind::Compensatable;
    step.after = after;
    step.action.name = id + QStringLiteral("Do");
    Operation compensation;
    compensation.name = id + QStringLiteral("Undo");
    step.compensation = compensation;
    step.idempotent = true;
    return step;
}

/** A pivot step (no compensation), idempotent. */
inline Step pivot(const QString &id, const QStringList &after = {})
{
    Step step;
    step.id = id;
    step.kind = StepKind::Pivot;
    step.after = after;
    step.action.name = id + QStringLiteral("Do");
    step.idempotent = true;
    return step;
}

/** A retriable, idempotent step. */
inline Step retriable(const QString &id, const QStringList &after = {})
{
    Step step;
    step.id = id;
    step.kind = StepKind::Retriable;
    step.after = after;
    step.action.name = id + QStringLiteral("Do");
    step.idempotent = true;
    return step;
}

inline Step withEffects(Step step, const QStringList &effects)
{
    step.sideEffects = effects;
    return step;
}

inline SagaDefinition saga(const QList<Step> &steps)
{
    SagaDefinition definition;
    definition.name = QStringLiteral("test");
    definition.steps = steps;
    return definition;
}

/** "RULE:step1,step2" for each finding, in the validator's order. */
inline QStringList findings(const QList<Diagnostic> &diagnostics)
{
    QStringList list;
    for (const Diagnostic &d : diagnostics)
        list.append(d.rule + QLatin1Char(':') + d.steps.join(QLatin1Char(',')));
    return list;
}

inline QStringList findings(const SagaDefinition &definition)
{
    return findings(Validator::validate(definition));
}

/** Rules that fired, e.g. {"SAGA005", "SAGA006"}. */
inline QSet<QString> rules(const SagaDefinition &definition)
{
    QSet<QString> set;
    for (const Diagnostic &d : Validator::validate(definition))
        set.insert(d.rule);
    return set;
}

/** SPEC section 2's promises for `diagnostic`'s fix (Validator::checkFix()): empty when they
 *  hold, else what broke. */
inline QString checkFix(const SagaDefinition &definition, const Diagnostic &diagnostic)
{
    return Validator::checkFix(definition, diagnostic);
}

} // namespace Sagascope::Test
