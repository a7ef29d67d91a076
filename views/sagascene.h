// SPDX-License-Identifier: MIT
#pragma once

#include "autolayout.h"
#include "canvasclipboard.h"
#include "connectiontool.h"
#include "scenedecorations.h"
#include "dependencyitem.h"
#include "graphvizlayout.h"
#include "sagadefinition.h"
#include "sagadocument.h"

#include <QGraphicsScene>
#include <QHash>
#include <QPointer>
#include <QSet>

#include <functional>

QT_BEGIN_NAMESPACE
class QGraphicsPathItem;
class QMenu;
class QThread;
class QVariantAnimation;
QT_END_NAMESPACE

namespace Sagascope {

class PivotMarkerItem;
class SwimlaneItem;
class StepItem;

/**
 * The canvas of one SagaDocument: a StepItem per step and a DependencyItem per `after` edge,
 * keyed by step id (arrows by (after, step)). It never owns saga state: it mirrors the document
 * on SagaDocument::documentReset() (everything, placing steps without a position) and
 * SagaDocument::stepsEdited() (the cards and arrows of the steps named), then sends synced();
 * it writes user gestures back through the document's API (a drag is one
 * SagaDocument::moveSteps, pushed on mouse release; an auto-layout is one
 * SagaDocument::applyLayout; Delete is SagaDocument::removeStepsAndDependencies).
 */
class SagaScene : public QGraphicsScene
{
    Q_OBJECT
public:
    /** Sagas larger than this that have no positions at all are laid out on a worker thread
     *  (startAutoLayout()); smaller ones at once. */
    static constexpr int AsyncLayoutThreshold = 150;

    /** Mirrors `document`. Steps without a position are laid out first (one undoable command;
     *  see AsyncLayoutThreshold: a big saga's layout may still be running on return). */
    explicit SagaScene(SagaDocument *document, QObject *parent = nullptr);
    ~SagaScene() override;

    SagaDocument *document() const { return m_document; }

    StepItem *stepItem(const StepId &id) const { return m_steps.value(id); }
    /** The arrow for "`step` runs after `after`", or null. */
    DependencyItem *dependencyItem(const StepId &step, const StepId &after) const
    {
        return m_dependencies.value(LayoutEdge{after, step});
    }
    int stepItemCount() const { return int(m_steps.size()); }
    int dependencyItemCount() const { return int(m_dependencies.size()); }
    const QHash<StepId, StepItem *> &stepItems() const { return m_steps; }
    const QHash<StepId, PivotMarkerItem *> &pivotMarkers() const { return m_decorations.markers(); }

    QStringList selectedStepIds() const;
    /** Selected arrows as (step, after) pairs. */
    QList<QPair<StepId, StepId>> selectedDependencies() const;
    /** Deletes the selected steps (with their arrows) and the selected arrows: one command. */
    void deleteSelection();
    /** Cut, copy, paste and duplicate of the selected steps. */
    CanvasClipboard &clipboard() { return m_clipboard; }

    /** Opens the inline editor on a step's label (F2, or a double-click on the label). */
    void editLabel(const StepId &id);
    bool isEditingLabel() const { return m_labelEditor != nullptr; }
    /** Moves the selected steps by `delta`: one command (repeated presses merge into it). */
    void nudgeSelection(const QPointF &delta);
    void selectSteps(const QStringList &ids);
    /** The topmost card under `scenePos`, or null. */
    StepItem *stepItemAt(const QPointF &scenePos) const;
    /** Where the card of `step` fits near `centre`: moved down until it overlaps no card
     *  (StepEdits::freeSpot()), then snapped to the grid. */
    QPointF freeSpotFor(const Step &step, const QPointF &centre) const;
    /** The union of every card (no markers, no arrows). */
    QRectF stepsBoundingRect() const;

    // --- layout ---
    AutoLayoutOptions layoutOptions() const { return m_layoutOptions; }
    void setLayoutOptions(const AutoLayoutOptions &options);
    /** Lays out every step with Graphviz and applies it as one undoable command. */
    bool autoLayout(QString *error = nullptr);
    /** Applies a layout computed elsewhere (e.g. on a worker thread from AutoLayout::input()),
     *  as one undoable command; with `animate` the cards glide to their new places. */
    void applyLayoutResult(const LayoutResult &result, bool animate = false);
    /** The next change of the document (e.g. a quick fix that moves steps) glides the cards
     *  from where they are now instead of making them jump. */
    void animateNextChange();
    /** Lays out every step on a worker thread (Graphviz runs off the GUI thread) and applies
     *  the result, animated, as one undoable command. Sends layoutFinished() when done. */
    void startAutoLayout();
    bool isLayoutRunning() const { return m_layoutRunning; }
    /** Gives a position to every step that has none (all laid out when none has one). */
    bool placeUnplacedSteps(QString *error = nullptr);
    /** When on (the default), steps that arrive without a position are placed automatically. */
    void setAutoPlace(bool on) { m_autoPlace = on; }

    // --- swimlanes ---
    /** One lane per service around its cards; also makes the auto-layout keep services together. */
    bool swimlanesVisible() const { return m_layoutOptions.swimlanes; }
    void setSwimlanesVisible(bool visible);
    const QHash<QString, SwimlaneItem *> &swimlanes() const { return m_decorations.lanes(); }

    // --- grid ---
    bool gridVisible() const { return m_gridVisible; }
    void setGridVisible(bool visible);
    bool snapToGrid() const { return m_snapToGrid; }
    void setSnapToGrid(bool snap) { m_snapToGrid = snap; }
    qreal gridSize() const { return m_gridSize; }
    QPointF snapped(const QPointF &position) const;

    /** True while the user drags cards (between press and release). */
    bool isDragging() const { return m_dragging; }
    /** True while the user drags a new dependency from a card's out port. */
    bool isConnecting() const { return m_connection.isActive(); }

    // --- extra actions on a step's context menu (e.g. the monitor's breakpoints and faults) ---
    /** Adds actions about `step` to `menu`. */
    using StepMenuHook = std::function<void(const StepId &step, QMenu *menu)>;
    /** Registers a hook, dropped when `owner` is destroyed. A right-click on a card shows a
     *  menu filled by every hook (nothing is shown when there are none). */
    void addStepMenuHook(QObject *owner, const StepMenuHook &hook);
    /** Fills `menu` with every hook's actions for `step`; false when none added any. */
    bool populateStepMenu(const StepId &step, QMenu *menu) const;

    /** True while the items are being brought in line with the document (between an edit's
     *  signal and synced()): a selection change then is not the user's. */
    bool isSyncing() const { return m_syncing; }
    /** True while the cards glide to new places (see glideFinished()). */
    bool isGliding() const { return m_glide != nullptr; }

public Q_SLOTS:
    /** Brings every item in line with the document, as after a reset. */
    void sync();

Q_SIGNALS:
    /** The items match the document again (after a reset, an edit, an undo or a redo), the
     *  selection included: listeners that read the cards (the run overlay, the window's
     *  selection) follow this, never the document's signals. */
    void synced();
    /** The cards' glide to new places (animateNextChange(), an animated layout) ended, or was
     *  cut short: every card is where the document says. */
    void glideFinished();
    /** An automatic layout failed (Graphviz error); the message names the fault. */
    void layoutFailed(const QString &message);
    /** A double-click on empty canvas at `scenePos`: the app may add a step there. */
    void addStepRequested(const QPointF &scenePos);
    /** startAutoLayout() finished; `ok` false when Graphviz failed (layoutFailed() says why). */
    void layoutFinished(bool ok);

protected:
    void mousePressEvent(QGraphicsSceneMouseEvent *event) override;
    void mouseMoveEvent(QGraphicsSceneMouseEvent *event) override;
    void mouseReleaseEvent(QGraphicsSceneMouseEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    void mouseDoubleClickEvent(QGraphicsSceneMouseEvent *event) override;
    void drawBackground(QPainter *painter, const QRectF &rect) override;
    bool event(QEvent *event) override;
    void contextMenuEvent(QGraphicsSceneContextMenuEvent *event) override;

private:
    friend class StepItem;
    friend class SceneDecorations;
    void stepItemMoved(StepItem *item);
    void updateDependency(DependencyItem *item);
    void syncWith(bool reset, const StepChanges *changes);
    void syncAll(bool reset);
    void syncTouched(const QStringList &ids);
    void syncStep(const Step &step, const QString &serviceTitle, const QFont &font, bool reset, QSet<StepId> &toPlace);
    void placeInterim(const QSet<StepId> &toPlace);
    void removeDependencyItem(const LayoutEdge &key);
    void updateDiagnostics();
    void updateHighlights();
    void scheduleUnplacedLayout();
    void glide(const QHash<StepId, QPointF> &from);
    void stopGlide();

    QPointer<SagaDocument> m_document;
    CanvasClipboard m_clipboard;
    ConnectionTool m_connection;
    SceneDecorations m_decorations;
    QHash<StepId, StepItem *> m_steps;
    QHash<LayoutEdge, DependencyItem *> m_dependencies;
    QHash<StepId, QList<LayoutEdge>> m_edgesOfStep; // arrows touching a step, both directions
    QHash<LayoutEdge, EdgeRoute> m_routes;          // from the last auto-layout
    QHash<QString, QList<StepId>> m_stepsOfService;
    QHash<StepId, QPointF> m_dragStart;
    class LabelEditor *m_labelEditor = nullptr;
    AutoLayoutOptions m_layoutOptions;
    qreal m_gridSize = 10;
    bool m_gridVisible = true;
    bool m_snapToGrid = true;
    bool m_dragging = false;
    bool m_autoPlace = true;
    bool m_layoutScheduled = false;
    bool m_syncing = false;
    bool m_hasEventArrows = false; // some arrow stands for events: every edit syncs all (syncAll())
    bool m_layoutRunning = false;
    QThread *m_layoutThread = nullptr; // the worker of startAutoLayout(), while it runs
    QHash<StepId, QPointF> m_animateFrom; // set by animateNextChange()
    bool m_animateNext = false;
    QVariantAnimation *m_glide = nullptr; // the cards' move to a new layout
    QList<QPair<QPointer<QObject>, StepMenuHook>> m_stepMenuHooks;
};

} // namespace Sagascope
