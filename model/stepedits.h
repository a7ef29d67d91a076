// SPDX-License-Identifier: MIT
#pragma once

#include "sagadefinition.h"

#include <QHash>
#include <QList>
#include <QPair>
#include <QPointF>
#include <QRectF>
#include <QSizeF>
#include <QStringList>

namespace Sagascope {

/**
 * The step edits of the canvas, the step table and the command line, as plain functions of a
 * definition (QtCore only, no document, no scene): a new step with fresh names, what a delete
 * leaves, what a copy holds and what a paste adds. SagaDocument wraps each in one undoable
 * command (SagaDocument::addStep(kind, …), removeStepsAndDependencies(), pasteSteps()).
 */
namespace StepEdits {

/** `base` (or "step" when `base` is no valid id) when no step uses it, else `base_2`,
 *  `base_3`…, the first that none uses. */
StepId freshStepId(const SagaDefinition &definition, const QString &base = QStringLiteral("step"));

/** A new step of `kind` for `service`, without a position or label: a fresh id after the kind
 *  ("step", "pivot", "retriable", then `_2`, `_3`…), its action named after the id, a
 *  compensatable step's compensation `undo_<id>`, a retriable step idempotent (SAGA006). */
Step newStep(const SagaDefinition &definition, StepKind kind, const QString &service);

/** The id a label suggests: lower case ASCII letters, digits and '_' ("Take payment" →
 *  `take_payment`, accents dropped, "3D print" → `_3d_print`); empty when nothing is left
 *  (a label in Hangul, say). */
QString slug(const QString &label);

/** True for the ids the designer makes up for a new step (`step`, `pivot`, `retriable`, with
 *  `_2`, `_3`…): nobody chose them, so they may follow the label. */
bool isGeneratedId(const StepId &id);

/**
 * `definition` with step `id` relabelled `label` and renamed after it: the new id is the
 * label's slug (made unique: `_2`, `_3`…), every `after` that named the step names the new id,
 * and an action or compensation still named after the old id (`<id>`, `undo_<id>`) is named
 * after the new one. `newId` receives the id (the old one when the slug is empty). Unchanged
 * when `id` names no step.
 */
SagaDefinition withLabelAndId(const SagaDefinition &definition, const StepId &id, const QString &label, StepId *newId = nullptr);

/** The compensation a step gets when the user asks for one: `remembered` when given (the one
 *  a kind change took away), else one named after the action (`undo_<action>`, or `undo_<id>`
 *  when the action has no name). */
Operation compensationFor(const Step &step, const std::optional<Operation> &remembered = std::nullopt);

/**
 * `step` made `kind` the way the user means it, so that it is valid as that kind: a pivot or
 * a retriable step loses its compensation (SAGA002 forbids one on a pivot; nothing after the
 * pivot is ever compensated); a retriable step becomes idempotent and retried without bound
 * (SAGA006, SPEC section 2); a compensatable step without a compensation gets
 * compensationFor(step, remembered). Everything else is kept.
 */
Step withKind(const Step &step, StepKind kind, const std::optional<Operation> &remembered = std::nullopt);

/** `definition` without the steps `steps` (and every `after` that names them) and without the
 *  dependencies `dependencies`, given as (step, after) pairs. */
SagaDefinition withoutSteps(const SagaDefinition &definition, const QStringList &steps,
                            const QList<QPair<StepId, StepId>> &dependencies = {});

/** The steps `ids` of `definition` as a saga of their own (the clipboard's form): the saga's
 *  name, the steps in the definition's order with their `after` as they are, and the services
 *  they use. Empty when no id names a step. */
SagaDefinition extract(const SagaDefinition &definition, const QStringList &ids);

/** The steps of `pasted` ready to add to `definition`: each keeps its id when free, else gets
 *  `<stem>_2`, `<stem>_3`… (a copy of `a_2` is `a_3`); `after` entries are remapped among the
 *  pasted steps, kept when they name a step of `definition` and dropped otherwise; positions
 *  move by `offset`. */
QList<Step> pastable(const SagaDefinition &definition, const SagaDefinition &pasted,
                     const QPointF &offset);

/** The centre nearest below `centre` (steps of the card's height plus `gap`, at most
 *  `maxTries`) where a card of `size` overlaps none of `taken`; `centre` itself when free, the
 *  last tried when none is. */
QPointF freeSpot(const QPointF &centre, const QSizeF &size, const QList<QRectF> &taken,
                 qreal gap = 20, int maxTries = 50);

} // namespace StepEdits

} // namespace Sagascope
