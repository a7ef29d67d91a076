// SPDX-License-Identifier: MIT
#include "definitioncommand.h"

#include "sagadocument.h"

#include <QHash>
#include <QSet>

#include <algorithm>

namespace Sagascope {

DefinitionDiff::Header DefinitionDiff::Header::of(const SagaDefinition &definition)
{
    return Header{definition.name, definition.description, definition.mode,
                  definition.modeWritten, definition.services, definition.extra};
}

void DefinitionDiff::Header::assignTo(SagaDefinition &definition) const
{
    definition.name = name;
    definition.description = description;
    definition.mode = mode;
    definition.modeWritten = modeWritten;
    definition.services = services;
    definition.extra = extra;
}

DefinitionDiff DefinitionDiff::compute(const SagaDefinition &from, const SagaDefinition &to)
{
    DefinitionDiff diff;
    diff.headerBefore = Header::of(from);
    diff.headerAfter = Header::of(to);
    diff.headerChanged = !(diff.headerBefore == diff.headerAfter);
    if (!diff.headerChanged) {
        diff.headerBefore = {};
        diff.headerAfter = {};
    }

    const QList<Step> &a = from.steps;
    const QList<Step> &b = to.steps;
    if (a.size() == b.size()) {
        for (qsizetype i = 0; i < a.size(); ++i) {
            if (!(a.at(i) == b.at(i))) {
                diff.indices.append(int(i));
                diff.before.append(a.at(i));
                diff.after.append(b.at(i));
            }
        }
        return diff;
    }

    diff.ranged = true;
    const qsizetype common = std::min(a.size(), b.size());
    qsizetype prefix = 0;
    while (prefix < common && a.at(prefix) == b.at(prefix))
        ++prefix;
    qsizetype suffix = 0;
    while (suffix < common - prefix && a.at(a.size() - 1 - suffix) == b.at(b.size() - 1 - suffix))
        ++suffix;
    diff.first = int(prefix);
    diff.before = a.mid(prefix, a.size() - suffix - prefix);
    diff.after = b.mid(prefix, b.size() - suffix - prefix);
    return diff;
}

void DefinitionDiff::apply(SagaDefinition &definition, bool forward) const
{
    if (headerChanged)
        (forward ? headerAfter : headerBefore).assignTo(definition);
    const QList<Step> &from = forward ? before : after;
    const QList<Step> &to = forward ? after : before;
    if (!ranged) {
        for (qsizetype i = 0; i < indices.size(); ++i)
            definition.steps[indices.at(i)] = to.at(i);
        return;
    }
    QList<Step> steps;
    steps.reserve(definition.steps.size() - from.size() + to.size());
    steps.append(definition.steps.mid(0, first));
    steps.append(to);
    steps.append(definition.steps.mid(first + from.size()));
    definition.steps = std::move(steps);
}

bool DefinitionDiff::onlyPositions() const
{
    if (headerChanged || ranged)
        return false;
    for (qsizetype i = 0; i < before.size(); ++i) {
        Step moved = before.at(i);
        moved.position = after.at(i).position;
        if (!(moved == after.at(i)))
            return false;
    }
    return true;
}

namespace {

bool onlyPositionDiffers(const Step &from, const Step &to)
{
    Step moved = from;
    moved.position = to.position;
    return moved == to;
}

} // namespace

StepChanges DefinitionDiff::changes(bool forward) const
{
    StepChanges changes;
    changes.sagaChanged = headerChanged;
    const QList<Step> &from = forward ? before : after;
    const QList<Step> &to = forward ? after : before;
    if (!ranged) {
        for (qsizetype i = 0; i < from.size() && i < to.size(); ++i) {
            const Step &a = from.at(i), &b = to.at(i);
            if (a.id != b.id) {
                changes.renamedFrom.append(a.id);
                changes.renamedTo.append(b.id);
                changes.updated.append(b.id);
            } else if (onlyPositionDiffers(a, b)) {
                changes.moved.append(b.id);
            } else {
                changes.updated.append(b.id);
            }
        }
        return changes;
    }
    QHash<StepId, const Step *> old;
    old.reserve(from.size());
    for (const Step &step : from)
        old.insert(step.id, &step);
    QSet<StepId> kept;
    for (const Step &step : to) {
        const Step *was = old.value(step.id);
        if (!was) {
            changes.added.append(step.id);
            continue;
        }
        kept.insert(step.id);
        if (*was == step)
            continue;
        (onlyPositionDiffers(*was, step) ? changes.moved : changes.updated).append(step.id);
    }
    for (const Step &step : from) {
        if (!kept.contains(step.id) && !changes.removed.contains(step.id))
            changes.removed.append(step.id);
    }
    return changes;
}

bool DefinitionDiff::merge(const DefinitionDiff &later)
{
    if (ranged || later.ranged || headerChanged || later.headerChanged)
        return false;
    QHash<int, qsizetype> position;
    for (qsizetype i = 0; i < indices.size(); ++i)
        position.insert(indices.at(i), i);
    for (qsizetype i = 0; i < later.indices.size(); ++i) {
        const int index = later.indices.at(i);
        const auto it = position.constFind(index);
        if (it != position.constEnd()) {
            after[*it] = later.after.at(i);
        } else {
            indices.append(index);
            before.append(later.before.at(i));
            after.append(later.after.at(i));
        }
    }
    // Drop the steps that are back where they started.
    for (qsizetype i = indices.size() - 1; i >= 0; --i) {
        if (before.at(i) == after.at(i)) {
            indices.removeAt(i);
            before.removeAt(i);
            after.removeAt(i);
        }
    }
    return true;
}

DefinitionCommand::DefinitionCommand(SagaDocument *document, const QString &text,
                                     DefinitionDiff diff, int mergeId, const QStringList &mergeKey)
    : QUndoCommand(text)
    , m_document(document)
    , m_diff(std::move(diff))
    , m_mergeId(mergeId)
    , m_mergeKey(mergeKey)
{
}

void DefinitionCommand::undo()
{
    m_document->applyDiff(m_diff, false);
}

void DefinitionCommand::redo()
{
    m_document->applyDiff(m_diff, true);
}

bool DefinitionCommand::mergeWith(const QUndoCommand *other)
{
    if (other->id() != m_mergeId || m_mergeId == -1)
        return false;
    const auto *command = static_cast<const DefinitionCommand *>(other);
    if (command->m_mergeKey != m_mergeKey)
        return false;
    if (!m_diff.merge(command->m_diff))
        return false;
    setObsolete(m_diff.isEmpty());
    return true;
}

} // namespace Sagascope
