// SPDX-License-Identifier: MIT
#pragma once

#include "sagadefinition.h"

#include <QList>
#include <QStringList>
#include <QUndoCommand>

namespace Sagascope {

class SagaDocument;
struct StepChanges;

/**
 * The exact difference between two saga definitions, cheap to keep for large sagas: the
 * saga-level fields when they changed, and only the steps that changed (by index when the
 * step count is the same, otherwise the one contiguous range of steps that differs).
 */
struct DefinitionDiff
{
    /** The saga-level fields (everything but the steps). */
    struct Header
    {
        QString name;
        QString description;
        SagaMode mode = SagaMode::Orchestration;
        bool modeWritten = false;
        QList<Service> services;
        QJsonObject extra;

        static Header of(const SagaDefinition &definition);
        void assignTo(SagaDefinition &definition) const;
        friend bool operator==(const Header &, const Header &) = default;
    };

    bool headerChanged = false;
    Header headerBefore;
    Header headerAfter;

    /** Steps: `ranged` false: `indices[i]` went from `before[i]` to `after[i]`.
     *  `ranged` true: the steps `[first, first + before.size())` became `after`. */
    bool ranged = false;
    int first = 0;
    QList<int> indices;
    QList<Step> before;
    QList<Step> after;

    static DefinitionDiff compute(const SagaDefinition &from, const SagaDefinition &to);
    bool isEmpty() const { return !headerChanged && before.isEmpty() && after.isEmpty(); }
    /** Turns `from` into `to` (forward) or back. */
    void apply(SagaDefinition &definition, bool forward) const;
    /** True when the diff only moves steps on the canvas (no finding can change). */
    bool onlyPositions() const;
    /** What this diff, applied `forward` or back, does to the steps. A by-index diff renames
     *  the steps whose id changed at their index; a ranged one (steps added or removed) adds the
     *  ids it did not have, removes those it no longer has and renames none. */
    StepChanges changes(bool forward) const;
    /** Folds a later diff into this one, when both are by-index diffs of the steps only. */
    bool merge(const DefinitionDiff &later);
};

/** An undo command that holds the difference between the definition before and after one edit
 *  (ids and values, never item pointers) and replays it on the document. */
class DefinitionCommand : public QUndoCommand
{
public:
    DefinitionCommand(SagaDocument *document, const QString &text, DefinitionDiff diff,
                      int mergeId = -1, const QStringList &mergeKey = {});

    void undo() override;
    void redo() override;
    int id() const override { return m_mergeId; }
    bool mergeWith(const QUndoCommand *other) override;

    const DefinitionDiff &diff() const { return m_diff; }

private:
    SagaDocument *m_document;
    DefinitionDiff m_diff;
    int m_mergeId;
    QStringList m_mergeKey;
};

} // namespace Sagascope
