// SPDX-License-Identifier: MIT
#pragma once

#include "diagnostic.h"
#include "sagadefinition.h"
#include "sagaedit.h"
#include "sagafile.h"

#include <QHash>
#include <QObject>
#include <QPointF>
#include <QString>

QT_BEGIN_NAMESPACE
class QUndoStack;
QT_END_NAMESPACE

namespace Sagascope {

struct DefinitionDiff;

/**
 * An open saga: its definition, its file, its undo stack and its current diagnostics.
 * The one way to change a saga: every edit method pushes an undo command (holding ids and
 * values, never item pointers) and emits the change signals; views only react.
 * Run state never enters the document.
 *
 * An edit that changes nothing pushes no command. Every change (edit, undo, redo, load,
 * reset) re-runs the validator before `changed()` is sent.
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
    /** Saves atomically to `path` (or the current file); marks the stack clean on success. */
    bool save(const QString &path, QString *error);
    /** Replaces the whole definition (New, import); clears the undo stack. Without a file path
     *  a definition other than the empty one counts as modified (it is saved nowhere yet). */
    void reset(const SagaDefinition &definition, const QString &filePath = {});
    QString filePath() const { return m_filePath; }
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

    // --- editing (each one undoable command; a compound edit is one macro) ---
    void addStep(const Step &step);
    /** Adds several steps as one command (paste, duplicate). */
    void addSteps(const QList<Step> &steps);
    void removeSteps(const QStringList &ids);          // with every `after` edge that names them
    void setStep(const StepId &id, const Step &step);  // replace a step's fields (property panel)
    /** Renames a step and every `after` that names it. Does nothing when `newId` is not a
     *  valid id or is taken. */
    void renameStep(const StepId &id, const StepId &newId);
    void setStepLabel(const StepId &id, const QString &label);
    void setStepKind(const StepId &id, StepKind kind);
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
    /** Any other compound edit: replaces the definition by `after` as one undoable command. */
    void applyDefinition(const SagaDefinition &after, const QString &text);

Q_SIGNALS:
    /** The definition changed (any edit, undo or redo); diagnostics are fresh when it is sent. */
    void changed();
    /** Sent just before changed() after an edit, undo or redo: the ids of the steps that were
     *  added, removed or changed (old and new id of a renamed step). Not sent by load/reset. */
    void stepsChanged(const QStringList &ids);
    /** Sent before stepsChanged() when an edit, undo or redo renamed steps: `from[i]` is now
     *  `to[i]` (all at once: a swap of two ids is one signal). For what is kept by step id
     *  outside the document, such as breakpoints. */
    void stepsRenamed(const QStringList &from, const QStringList &to);
    /** The diagnostics differ from the previous ones (sent before changed()). */
    void diagnosticsChanged();
    void filePathChanged(const QString &path);
    void modifiedChanged(bool modified);

private:
    friend class DefinitionCommand;
    void setDefinitionFromCommand(const SagaDefinition &definition);
    void applyDiff(const DefinitionDiff &diff, bool forward);
    void pushDefinition(const QString &text, const SagaDefinition &after, int mergeId = -1,
                        const QStringList &mergeKey = {});
    void revalidate();
    void updateModified();
    void setFilePath(const QString &path);

    SagaDefinition m_definition;
    QList<Diagnostic> m_diagnostics;
    QString m_filePath;
    QUndoStack *m_undoStack = nullptr;
    bool m_unsaved = false;      // modified regardless of the undo stack (see markUnsaved)
    bool m_lastModified = false; // last state sent by modifiedChanged
};

} // namespace Sagascope
