// SPDX-License-Identifier: MIT
#pragma once

#include "mainwindow.h"
#include "sagadefinition.h"

#include <QPointF>
#include <QPointer>

#include <optional>

QT_BEGIN_NAMESPACE
class QActionGroup;
class QTimer;
QT_END_NAMESPACE

namespace Sagascope {

class ChoreographySplit;
class SagaScene;
class SagaView;
class ServicesPanel;
class StepPropertiesPanel;

/**
 * The designer: the main window with the saga drawn on a canvas (a SagaView on a SagaScene of
 * the window's document) as its central widget, the Properties and Services docks beside it,
 * and the editing, layout, zoom and export actions. The selection is one selection, kept the
 * same on the canvas, in the step list, in the Problems panel and in the Properties panel.
 * A file without positions is laid out when it opens; the window counts as busy meanwhile so
 * that `--screenshot` waits for the cards to be in place.
 */
class MonitorController;
class LessonController;

class DesignerWindow : public MainWindow
{
    Q_OBJECT
public:
    explicit DesignerWindow(QWidget *parent = nullptr);
    ~DesignerWindow() override;

    SagaScene *scene() const { return m_scene; }
    /** Runs, breakpoints, fault injection, the run docks and log replay (issue 5). */
    MonitorController *monitor() const { return m_monitor; }
    /** The Lesson dock, Help › Lessons…, View › Language (docs/LESSONS.md). */
    LessonController *lessons() const { return m_lessons; }
    SagaView *view() const { return m_view; }
    /** The choreography view beside the canvas, the mode control and their action (issue 13). */
    ChoreographySplit *choreography() const { return m_choreography; }
    StepPropertiesPanel *propertiesPanel() const { return m_properties; }
    ServicesPanel *servicesPanel() const { return m_services; }

    /** Adds a step of `kind` at `scenePos` (the centre of the view when absent), selects it and
     *  returns its id. One undoable command. */
    StepId addStep(StepKind kind, std::optional<QPointF> scenePos = std::nullopt);
    /** Lays the whole saga out again with Graphviz (off the GUI thread), animated, as one
     *  undoable command. The window is busy until the cards are in place. */
    void autoLayout();
    /** Writes the canvas to `path`, as SVG or PNG by its suffix; false and `error` on failure. */
    bool exportTo(const QString &path, QString *error = nullptr);

    /** Window and dock layout, recent files, and the View settings (swimlanes, grid, snapping,
     *  zoom, layout direction). */
    /** Applies the quick fix of the current problem; a step that moves glides to its place. */
    bool applyCurrentQuickFix() override;
    bool applyQuickFix(const Diagnostic &diagnostic) override;
    /** A field or a problem with the focus, else the one selected card's kind. */
    QString helpTopic() const override;
    void readSettings() override;
    void writeSettings() const override;

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;
    /** A run (or a followed log) belongs to this document: asks whether to stop it. */
    bool confirmLeaveDocument() override;

private:
    void createDesignerActions();
    void createDesignerMenus();
    void createDocks();
    void connectSelection();
    void updateDesignerActions();
    void updateZoomLabel();

    void documentReset();
    void finishOpening();
    void layoutFinished(bool ok);
    void waitForCards();
    void cardsSettled();
    void fitOnOpen();
    void fitToWindow();

    void canvasSynced();
    void mirrorSelectionToList();
    void canvasSelectionChanged();
    /** The properties panel and its run section (MonitorController) show `id` (empty: the saga). */
    void showProperties(const StepId &id);
    void listSelectionChanged(const QStringList &ids);
    void problemSelected();
    bool selectNextCard(bool forward);
    void showCanvasContextMenu(const QPoint &viewportPos, const QPoint &globalPos);
    void exportCanvas(const QString &format);
    QAction *newAction(const QString &objectName, const QString &text, const QString &icon,
                       const QKeySequence &shortcut, const QString &toolTip);

    SagaScene *m_scene = nullptr;
    MonitorController *m_monitor = nullptr;
    LessonController *m_lessons = nullptr;
    SagaView *m_view = nullptr;
    ChoreographySplit *m_choreography = nullptr;
    StepPropertiesPanel *m_properties = nullptr;
    ServicesPanel *m_services = nullptr;
    QDockWidget *m_propertiesDock = nullptr;
    QDockWidget *m_servicesDock = nullptr;
    QLabel *m_zoomLabel = nullptr;

    QAction *m_addStepAction = nullptr;
    QAction *m_addCompensatableAction = nullptr;
    QAction *m_addPivotAction = nullptr;
    QAction *m_addRetriableAction = nullptr;
    QAction *m_deleteAction = nullptr;
    QAction *m_cutAction = nullptr;
    QAction *m_copyAction = nullptr;
    QAction *m_pasteAction = nullptr;
    QAction *m_duplicateAction = nullptr;
    QAction *m_renameAction = nullptr;
    QAction *m_selectAllAction = nullptr;
    QAction *m_autoLayoutAction = nullptr;
    QAction *m_leftToRightAction = nullptr;
    QAction *m_topToBottomAction = nullptr;
    QAction *m_zoomInAction = nullptr;
    QAction *m_zoomOutAction = nullptr;
    QAction *m_fitAction = nullptr;
    QAction *m_actualSizeAction = nullptr;
    QAction *m_swimlanesAction = nullptr;
    QAction *m_gridAction = nullptr;
    QAction *m_snapAction = nullptr;
    QAction *m_exportSvgAction = nullptr;
    QAction *m_exportPngAction = nullptr;

    bool m_opening = false;        // a reset is being laid out and fitted (busy)
    bool m_openingRetried = false; // a second placement was tried for this opening
    bool m_awaitingLayout = false; // waiting for SagaScene::layoutFinished()
    bool m_awaitingGlide = false;  // waiting for SagaScene::glideFinished()
    bool m_layoutBusy = false;     // autoLayout() is busy until the cards are in place
    bool m_cleanBeforeLayout = false; // the reset left an empty undo stack
    bool m_fitPending = false;     // fit the canvas to the window once it has its size
    bool m_fitAfterLayout = false; // the layout direction changed: fit once the cards are in place
    bool m_syncingSelection = false;
    bool m_problemsResetting = false;
    bool m_listResetting = false;
    bool m_fitting = false;
    qreal m_preferredZoom = 1.0;   // the last zoom the user chose; a fit on open stays below it
};

} // namespace Sagascope
