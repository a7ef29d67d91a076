// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QCoreApplication>
#include <QPointF>

namespace Sagascope {

class SagaScene;

/**
 * Cut, copy, paste and duplicate on the canvas. The selected steps travel as a `.saga`
 * document (MIME type StepsMimeType, and as text); the edits themselves are the document's
 * (SagaDocument::stepsAsSaga(), pasteSteps(), removeStepsAndDependencies()), so that they are
 * tested without a scene. This class only reads the scene's selection, talks to the system
 * clipboard and selects what was pasted.
 */
class CanvasClipboard
{
    Q_DECLARE_TR_FUNCTIONS(CanvasClipboard)
public:
    static constexpr const char *StepsMimeType = "application/x-sagascope-steps";

    explicit CanvasClipboard(SagaScene *scene) : m_scene(scene) {}

    /** The selected steps as a `.saga` document (their `after` as they are); empty when no step
     *  is selected. */
    QByteArray selectionAsSaga() const;
    void copySelection() const;
    /** Copy, then delete the selection (one command). */
    void cutSelection();
    /** Adds the steps of a `.saga` document (from the clipboard when `saga` is empty) as one
     *  command, `offset` away from where they were; they end up selected. False when nothing
     *  was pasted. */
    bool paste(const QByteArray &saga = {}, const QPointF &offset = QPointF(30, 30));
    /** Pastes a copy of the selection next to it. */
    bool duplicateSelection();

private:
    SagaScene *m_scene;
};

} // namespace Sagascope
