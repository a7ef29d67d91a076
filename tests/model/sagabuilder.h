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

/**
 * Applies `diagnostic`'s fix to a copy of `definition` and checks SPEC section 2's promises:
 * the finding is gone, no new error appears, and for every two steps the fix does not move,
 * "a must finish before b starts" still holds when it held before.
 * Returns an empty string when all hold, else what broke.
 */
inline QString checkFix(const SagaDefinition &definition, const Diagnostic &diagnostic)
{
    if (!diagnostic.hasFix())
        return QStringLiteral("no fix offered");
    SagaDefinition fixed = definition;
    QString error;
    if (!applyEdits(fixed, diagnostic.fix, &error))
        return QStringLiteral("applyEdits failed: ") + error;

    const QList<Diagnostic> before = Validator::validate(definition);
    const QList<Diagnostic> after = Validator::validate(fixed);

    // The finding is gone (SAGA006 has two findings per step; only the one with a fix counts).
    const QString subject = diagnostic.steps.value(0);
    for (const Diagnostic &d : after) {
        if (d.rule == diagnostic.rule && d.steps.value(0) == subject
            && (diagnostic.rule != QLatin1String("SAGA006") || d.hasFix()))
            return QStringLiteral("still reported: ") + d.toLine();
    }

    // No new error.
    auto key = [](const Diagnostic &d) -> QString {
        QStringList steps = d.steps;
        steps.sort();
        return d.rule + QLatin1Char(':') + steps.join(QLatin1Char(','));
    };
    QSet<QString> errorsBefore;
    for (const Diagnostic &d : before) {
        if (d.severity == Severity::Error)
            errorsBefore.insert(key(d));
    }
    for (const Diagnostic &d : after) {
        if (d.severity == Severity::Error && !errorsBefore.contains(key(d)))
            return QStringLiteral("new error: ") + d.toLine();
    }

    // The order of every pair of steps the fix does not move.
    QSet<QString> moved;
    for (const SagaEdit &edit : diagnostic.fix) {
        if (edit.op == SagaEdit::Op::MoveAfter || edit.op == SagaEdit::Op::AddAfter)
            moved.insert(edit.step);
    }
    const SagaGraph g0(definition);
    const SagaGraph g1(fixed);
    if (g0.size() != g1.size())
        return QStringLiteral("the number of steps changed");
    for (int b = 0; b < g0.size(); ++b) {
        if (moved.contains(g0.id(b)))
            continue;
        for (const int a : g0.ancestors(b).toList()) {
            if (moved.contains(g0.id(a)))
                continue;
            if (!g1.ancestors(b).contains(a))
                return QStringLiteral("%1 no longer waits for %2").arg(g0.id(b), g0.id(a));
        }
    }
    return {};
}

} // namespace Sagascope::Test
