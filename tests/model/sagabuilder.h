// SPDX-License-Identifier: MIT
// Small sagas for the model tests, built in C++, and the check that a quick fix keeps the
// promises of SPEC section 2.
#pragma once

#include "diagnostic.h"
#include "sagadefinition.h"
#include "sagaedit.h"
#include "sagagraph.h"
#include "validator.h"

#include <QRandomGenerator>
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

inline void appendIfMissing(QStringList &list, const QString &value)
{
    if (!list.contains(value))
        list.append(value);
}

/** A random acyclic orchestrated saga of 1..9 steps: compensatable steps, at most one pivot, and
 *  retriable steps after it, so that it validates without errors. */
inline SagaDefinition randomOrchestratedSaga(QRandomGenerator &rng)
{
    const int n = 1 + int(rng.bounded(9));
    const int pivotAt = rng.bounded(3) == 0 ? -1 : int(rng.bounded(n));
    QList<Step> steps;
    for (int i = 0; i < n; ++i) {
        const QString id = QStringLiteral("s%1").arg(i);
        QStringList after;
        for (int j = 0; j < i; ++j) {
            if (rng.bounded(100) < 35)
                after.append(QStringLiteral("s%1").arg(j));
        }
        if (pivotAt >= 0 && i > pivotAt && !after.contains(QStringLiteral("s%1").arg(pivotAt)))
            after.append(QStringLiteral("s%1").arg(pivotAt));
        if (pivotAt >= 0 && i == pivotAt) {
            for (int j = 0; j < i; ++j)
                appendIfMissing(after, QStringLiteral("s%1").arg(j));
        }
        steps.append(pivotAt >= 0 && i > pivotAt ? retriable(id, after)
                                                 : i == pivotAt ? pivot(id, after) : compensatable(id, after));
    }
    return saga(steps);
}

} // namespace Sagascope::Test
