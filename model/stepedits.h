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
