// SPDX-License-Identifier: MIT
#pragma once

#include "diagnostic.h"
#include "fileguard.h"
#include "sagadefinition.h"
#include "sagaedit.h"
#include "sagafile.h"
#include "stepedits.h"

#include <QHash>
#include <QObject>
#include <QPointF>
#include <QString>

#include <functional>

QT_BEGIN_NAMESPACE
class QUndoStack;
QT_END_NAMESPACE

namespace Sagascope {

struct DefinitionDiff;

/**
 * What one edit, undo or redo did to the steps, by id (SagaDocument::stepsEdited()). A step is
 * in at most one of added, removed, updated and moved; a renamed step is in `renamedFrom` and
 * `renamedTo` (same index) and, by its new id, in `updated`.
 */
struct StepChanges
{
    QStringList added;   // steps that are new
    QStringList removed; // steps that are gone
    QStringList updated; // steps whose fields changed, beyond their position
    QStringList moved;   // steps whose position, and nothing else, changed
    QStringList renamedFrom;
    QStringList renamedTo;
    bool sagaChanged = false; // the saga's name, description, mode or services

    /** Every id above (old and new ids of renamed steps), once each. */
    QStringList touched() const;
    bool isEmpty() const { return !sagaChanged && touched().isEmpty(); }
    friend bool operator==(const StepChanges &, const StepChanges &) = default;
};

/**
 * An open saga: its definition, its file, its undo stack and its current diagnostics.
 * The one way to change a saga: every edit method pushes an undo command (holding ids and
 * values, never item pointers) and emits the change signals; views only react.
 * Run state never enters the document.
 *
 * An edit that changes nothing pushes no command. Every change (edit, undo, redo, load,
 * reset) re-runs the validator before any signal is sent, and says what happened: a load or
 * reset sends documentReset(); an edit, undo or redo sends stepsEdited() with all of it and,
 * for listeners that want one kind, stepsRenamed(), stepsRemoved(), stepsAdded(),
 * stepsUpdated() and stepsMoved() (each only when not empty). changed() follows either, for
 * listeners that just read everything again. A listener never needs another's work: the
 * canvas, for one, announces SagaScene::synced() once its items follow.
 */
class SagaDocument : public QObject
{
    Q_OBJECT
public:
    explicit SagaDocument(QObject *parent = nullptr);
    ~SagaDocument() override;

    // --- file ---
    /** Loads `path`; on failure leaves the document as it was and returns the error. */
    bool load(const QString &path, LoadError *error);
    /** Whether a save may write over a file that another program changed since the document
     *  last read or wrote it (FileGuard). */
    enum class OutsideChanges { Refuse, Overwrite };
    /** Saves atomically to `path` (or the current file); marks the stack clean on success.
     *  Saving to the document's own file refuses, with a message saying so, when another
     *  program changed or deleted it meanwhile, unless `outside` is Overwrite (the user
     *  chose their version; see keepOwnVersion()). */
    bool save(const QString &path, QString *error, OutsideChanges outside = OutsideChanges::Refuse);
    /** Reads the document's file again (after an outside change): a reset, undo history gone.
     *  On failure the document stays as it was. */
    bool reload(LoadError *error);
    /** The user keeps their version over an outside change: the document counts as modified
     *  (its file holds something else) and saves over the file without asking again. */
    void keepOwnVersion();
    /** Another program changed or deleted the document's file since it was read or written
     *  (looks now, as before a save). */
    bool isChangedOutside() const { return m_guard->isChangedOutside(); }
    FileGuard *fileGuard() const { return m_guard; }
    /** Replaces the whole definition (New, import); clears the undo stack. Without a file path
     *  a definition other than the empty one counts as modified (it is saved nowhere yet). */
    void reset(const SagaDefinition &definition, const QString &filePath = {});
    QString filePath() const { return m_filePath; }
    /** Shows the saga a saga log ran (`--monitor`, Open Log): no file, not modified, and no
     *  save prompt until it is edited; then it is a new document "from" that log. */
    void resetFromLog(const SagaDefinition &definition, const QString &logPath);
    /** The log the definition was read from (resetFromLog()); empty for a file or a new saga,
     *  and again once the document is saved to a file. */
    QString sourceLog() const { return m_sourceLog; }
    bool isModified() const;
    /** Marks the document modified until the next save (a recovered autosave, an import), or
     *  with `false` takes that mark back (a New from an example is not a change yet). */
    void markUnsaved(bool unsaved = true);

    // --- reading ---
    const SagaDefinition &definition() const { return m_definition; }
    const QList<Diagnostic> &diagnostics() const { return m_diagnostics; }
    QUndoStack *undoStack() const { return m_undoStack; }
    /** A valid step id, `base` or `base_2`, `base_3`..., that no step uses yet. */
    StepId uniqueStepId(const QString &base = QStringLiteral("step")) const;
    /** The selected steps as a `.saga` document for the clipboard (StepEdits::extract());
     *  empty when no id names a step. */
    QByteArray stepsAsSaga(const QStringList &ids) const;

    // --- editing (each one undoable command; a compound edit is one macro) ---
    void addStep(const Step &step);
    /** Adds several steps as one command (paste, duplicate). */
    void addSteps(const QList<Step> &steps);
    /** Adds a new step of `kind` for `service` at `position`, labelled `label`: a fresh id
     *  (`step`, `step_2`…, `pivot`, `retriable`…), its action named after it and a compensatable
     *  step's compensation `undo_<id>` (StepEdits::newStep()). One command; returns the id. */
    StepId addStep(StepKind kind, const QString &service, const QPointF &position, const QString &label);
    void removeSteps(const QStringList &ids);          // with every `after` edge that names them
    /** Deletes steps (with every `after` that names them) and dependencies, given as
     *  (step, after) pairs, as one command (the canvas's Delete). */
    void removeStepsAndDependencies(const QStringList &steps, const QList<QPair<StepId, StepId>> &dependencies);
    /** Adds the steps of a `.saga` document (the clipboard's) as one command, ids made unique and
     *  `after` remapped (StepEdits::pastable()), `offset` away from where they were. Returns
     *  the new ids in order; empty (and no command) when `saga` holds no steps or cannot be read,
     *  then with the reason in `error`. */
    QStringList pasteSteps(const QByteArray &saga, const QPointF &offset, QString *error = nullptr);
    void setStep(const StepId &id, const Step &step);  // replace a step's fields (property panel)
    /** Renames a step and every `after` that names it. Does nothing when `newId` is not a
     *  valid id or is taken. */
    void renameStep(const StepId &id, const StepId &newId);
    /** When a new label renames the step too (StepEdits::withLabelAndId()). */
    enum class IdFollowsLabel {
        Never,
        WhenGenerated, // only an id nobody chose (`step_2`, StepEdits::isGeneratedId())
        Always,
    };
    /** Relabels a step, as one command; with `follows` its id (and every `after` naming it, and
     *  an action or compensation named after it) may become the label's slug, in the same
     *  command. Returns the step's id afterwards. */
    StepId setStepLabel(const StepId &id, const QString &label, IdFollowsLabel follows = IdFollowsLabel::Never);
    /** Makes the step `kind` as the user means it (StepEdits::withKind()), as one command: a
     *  pivot or retriable step loses its compensation, which this document remembers, so that
     *  making the step compensatable again gives it back; a retriable step becomes idempotent
     *  and retried without bound. */
    void setStepKind(const StepId &id, StepKind kind);
    /** The designer's own fix for a SAGA002 finding (the SPEC offers none, so `validate --fix`
     *  never applies one): "Add a compensation" to a compensatable step without one, "Remove
     *  the compensation" from a pivot. Empty when `diagnostic` has none. */
    QString compensationFixText(const Diagnostic &diagnostic) const;
    /** Applies compensationFixText()'s fix as one command; false when there is none. */
    bool applyCompensationFix(const Diagnostic &diagnostic);
    /** One drag = one command: repeated moves of the same set of steps merge into one. */
    void moveSteps(const QHash<StepId, QPointF> &positions);
    void addDependency(const StepId &step, const StepId &after);
    void removeDependency(const StepId &step, const StepId &after);
    void setServices(const QList<Service> &services);
    /** Renames a service and every step's `service` that names it. */
    void renameService(const QString &id, const QString &newId);
    void setSagaInfo(const QString &name, const QString &description);
    /** Applies a quick fix as one undoable command. False when an edit names an unknown step. */
    bool applyFix(const Diagnostic &diagnostic);
    /** Applies edits (SPEC section 2) as one undoable command named `text`. */
    bool applyEdits(const QList<SagaEdit> &edits, const QString &text, QString *error = nullptr);
    /** Sets positions from an auto-layout as one undoable command. */
    void applyLayout(const QHash<StepId, QPointF> &positions);
    /** Converts the saga to `mode` (SagaConvert, as `sagascope-cli convert` does: generated
     *  `<Step>Succeeded`/`Failed`/`Compensated` events, or `after` back from the events) as one
     *  undoable command. True when the saga is in `mode` afterwards; false, with the reason in
     *  `error` and nothing changed, when it cannot be converted (a cycle, a step that reacts to
     *  a failure event in an orchestration). */
    bool convertTo(SagaMode mode, QString *error = nullptr);
    /** Subscribes `consumer` to the event `publisher` emits on success (giving `publisher` its
     *  `<Step>Succeeded` event when it emits none yet), as one undoable command: the
     *  choreography view's drag from an emitted event to a step. False when either step is
     *  unknown, they are the same step, or `consumer` already waits on that event. */
    bool connectEvent(const StepId &publisher, const StepId &consumer);
    /** Takes `event` out of `consumer`'s `on` as one undoable command; false when it is not there. */
    bool disconnectEvent(const StepId &consumer, const QString &event);
    /** Any other compound edit: replaces the definition by `after` as one undoable command. */
    void applyDefinition(const SagaDefinition &after, const QString &text);

    /** Asked by every edit that changes any step's `after` list: the new positions of the steps
     *  that must move for the picture to agree with the new order (the canvas gives one; see
     *  OrderLayout::settle()). They become part of that edit's one undo command. */
    using OrderKeeper = std::function<QHash<StepId, QPointF>(const SagaDefinition &before, const SagaDefinition &after)>;
    void setOrderKeeper(const OrderKeeper &keeper) { m_orderKeeper = keeper; }

Q_SIGNALS:
    /** The whole definition was replaced (load, reset, New, import); the undo stack is empty. */
    void documentReset();
    /** An edit, undo or redo changed the definition: what it did to the steps, all at once. */
    void stepsEdited(const Sagascope::StepChanges &changes);
    /** An edit, undo or redo renamed steps: `from[i]` is now `to[i]` (all at once: a swap of two
     *  ids is one signal). For what is kept by step id outside the document (breakpoints). */
    void stepsRenamed(const QStringList &from, const QStringList &to);
    void stepsRemoved(const QStringList &ids);
    void stepsAdded(const QStringList &ids);
    /** Steps whose fields changed beyond their position (a renamed one by its new id). */
    void stepsUpdated(const QStringList &ids);
    /** Steps whose position, and nothing else, changed (a drag, a layout). */
    void stepsMoved(const QStringList &ids);
    /** Sent last after every change (reset, edit, undo, redo), with everything already new. */
    void changed();
    /** The diagnostics differ from the previous ones (sent before changed()). */
    void diagnosticsChanged();
    void filePathChanged(const QString &path);
    void modifiedChanged(bool modified);
    /** Another program changed or deleted the document's file (FileGuard::changedOutside()). */
    void fileChangedOutside(Sagascope::FileGuard::State state);

private:
    friend class DefinitionCommand;
    void setDefinitionFromCommand(const SagaDefinition &definition);
    void applyDiff(const DefinitionDiff &diff, bool forward);
    void pushDefinition(const QString &text, const SagaDefinition &after, int mergeId = -1,
                        const QStringList &mergeKey = {});
    void revalidate();
    std::optional<Operation> setAsideCompensation(const StepId &id) const;
    void updateModified();
    void setFilePath(const QString &path);
    void resetTo(const SagaDefinition &definition, const QString &filePath, const QString &sourceLog);

    SagaDefinition m_definition;
    QList<Diagnostic> m_diagnostics;
    QString m_filePath;
    QString m_sourceLog;
    QUndoStack *m_undoStack = nullptr;
    FileGuard *m_guard = nullptr;
    bool m_unsaved = false;      // modified regardless of the undo stack (see markUnsaved)
    bool m_lastModified = false; // last state sent by modifiedChanged
    OrderKeeper m_orderKeeper;
    QHash<StepId, Operation> m_setAsideCompensations; // taken away by a kind change, by step id
};

} // namespace Sagascope
