// SPDX-License-Identifier: MIT
// Over 700 lines, on purpose: this file is the designer's wiring (some 25 actions with their
// shortcuts, tooltips and menus, the docks, the one selection shared by canvas, list, problems
// and properties, opening and fitting). Each part is a few lines of glue that reads best next
// to the others; the logic they call lives in SagaDocument, SagaScene and MonitorController.
#include "designerwindow.h"

#include "autolayout.h"
#include "choreographyscene.h"
#include "choreographysplit.h"
#include "choreographytwin.h"
#include "sagamodecontrol.h"
#include "diagnosticmodel.h"
#include "glossary.h"
#include "lessoncontroller.h"
#include "monitorcontroller.h"
#include "problemspanel.h"
#include "runmonitor.h"
#include "sagadocument.h"
#include "sagascene.h"
#include "sagaview.h"
#include "sceneexport.h"
#include "serviceconnection.h"
#include "servicespanel.h"
#include "stepitem.h"
#include "steppropertiespanel.h"
#include "wheelguard.h"

#include <QAction>
#include <QActionGroup>
#include <QContextMenuEvent>
#include <QDir>
#include <QDockWidget>
#include <QFileDialog>
#include <QFileInfo>
#include <QItemSelectionModel>
#include <QKeyEvent>
#include <QLabel>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QPushButton>
#include <QSettings>
#include <QStackedWidget>
#include <QStatusBar>
#include <QStyle>
#include <QTableView>
#include <QTimer>
#include <QToolBar>
#include <QToolButton>
#include <QTreeView>
#include <QUndoStack>

#include <QScopedValueRollback>

#include <algorithm>
#include <cmath>
#include <utility>

namespace Sagascope {

namespace {
const QLatin1String SettingsSwimlanes("designer/swimlanes");
const QLatin1String SettingsGrid("designer/grid");
const QLatin1String SettingsSnap("designer/snapToGrid");
const QLatin1String SettingsZoom("designer/zoom");
const QLatin1String SettingsDirection("designer/direction");
const QLatin1String SettingsExportDir("designer/exportDirectory");

QIcon themedIcon(const QString &themeName, const QString &resource)
{
    if (resource.isEmpty())
        return QIcon::fromTheme(themeName);
    return QIcon::fromTheme(themeName, QIcon(resource));
}

QString kindText(StepKind kind)
{
    switch (kind) {
    case StepKind::Compensatable: return DesignerWindow::tr("Compensatable");
    case StepKind::Pivot: return DesignerWindow::tr("Pivot");
    case StepKind::Retriable: return DesignerWindow::tr("Retriable");
    }
    return {};
}
} // namespace

DesignerWindow::DesignerWindow(QWidget *parent) : MainWindow(parent)
{
    m_scene = new SagaScene(document(), this);
    m_scene->setObjectName(QStringLiteral("sagaScene"));
    m_view = new SagaView(m_scene);
    m_view->setObjectName(QStringLiteral("sagaView"));
    m_view->viewport()->installEventFilter(this);
    m_view->installEventFilter(this);
    m_choreography = new ChoreographySplit(document(), m_view, this); // the canvas and, beside it, the events
    setDesignerView(m_choreography);
    connect(m_choreography, &ChoreographySplit::message, this,
            [this](const QString &text) { statusBar()->showMessage(text, 8000); });
    connect(m_choreography->toggleAction(), &QAction::toggled, m_view, &SagaView::fitToContents, Qt::QueuedConnection);
    connect(m_choreography->scene(), &QGraphicsScene::selectionChanged, this, [this] {
        if (const QStringList ids = m_choreography->scene()->selectedSteps(); !ids.isEmpty())
            m_scene->selectSteps(ids); // one selection: the card, the list and Properties follow
    });

    m_monitor = new MonitorController(document(), m_scene, this);
    m_monitor->attachChoreography(m_choreography->scene()); // runs travel through its bus too
    auto *twin = new ChoreographyTwin(m_monitor, m_choreography, this); // and, compared, in the other form
    connect(twin, &ChoreographyTwin::busyChanged, this, [this](bool busy) { busy ? beginBusy() : endBusy(); });
    connect(twin, &ChoreographyTwin::message, this, [this](const QString &text) { statusBar()->showMessage(text, 8000); });
    auto *runMenu = new QMenu(tr("&Run"), this);
    runMenu->setObjectName(QStringLiteral("runMenu"));
    runMenu->addActions(m_monitor->actions());
    menuBar()->insertMenu(helpMenu()->menuAction(), runMenu);
    fileMenu()->insertAction(recentFilesMenu()->menuAction(), m_monitor->openLogAction());
    connect(m_monitor, &MonitorController::busyChanged, this, [this](bool busy) { busy ? beginBusy() : endBusy(); });
    connect(m_monitor, &MonitorController::message, this,
            [this](const QString &text) { statusBar()->showMessage(text, 8000); });
    m_monitor->setLeaveDocumentCheck([this] { return confirmLeaveDocument(); });
    m_monitor->setDialogFolder([this] { return dialogFolder(); }, [this](const QString &path) { rememberFolderOf(path); });

    createDesignerActions();
    createDocks();
    createDesignerMenus();
    connectSelection();
    m_lessons = new LessonController(this);

    // A reset is laid out and fitted; after any change the list and the properties follow the
    // canvas's selection once the canvas has followed the document (synced()).
    connect(document(), &SagaDocument::documentReset, this, &DesignerWindow::documentReset);
    connect(m_scene, &SagaScene::synced, this, &DesignerWindow::canvasSynced);
    connect(m_scene, &SagaScene::glideFinished, this, [this] {
        if (std::exchange(m_awaitingGlide, false))
            cardsSettled();
    });
    connect(m_scene, &SagaScene::layoutFinished, this, &DesignerWindow::layoutFinished);
    connect(m_scene, &SagaScene::layoutFailed, this, [this](const QString &message) {
        statusBar()->showMessage(tr("Automatic layout failed: %1").arg(message), 10000);
    });
    connect(m_scene, &SagaScene::addStepRequested, this,
            [this](const QPointF &pos) { addStep(StepKind::Compensatable, pos); });
    connect(m_view, &SagaView::zoomChanged, this, [this](qreal zoom) {
        if (!m_fitting)
            m_preferredZoom = zoom;
        updateZoomLabel();
    });
    updateZoomLabel();
    updateDesignerActions();
    m_view->setFocus(Qt::OtherFocusReason); // keyboard use starts on the canvas

    // The run tools get a toolbar row of their own; the run docks are tabs beside Problems and
    // Steps under the canvas, each at full width, Problems in front until a run starts.
    addToolBarBreak(Qt::TopToolBarArea);
    addToolBar(Qt::TopToolBarArea, m_monitor->toolBar());
    const QList<QDockWidget *> runDocks = m_monitor->docks(); // instances, event log, timeline, summary, HTTP exchange
    if (QDockWidget *problems = problemsDock(); runDocks.size() == 5) {
        QDockWidget *timeline = runDocks[2];
        for (QDockWidget *dock : {runDocks[2], runDocks[1], runDocks[0], runDocks[3]})
            tabifyDockWidget(problems, dock);
        resizeDocks({problems}, {300}, Qt::Vertical);
        problems->raise();
        // The HTTP exchange of an attempt goes beside Properties and Services, where it has the
        // window's height for its bodies and is seen with the Event Log and the Timeline; the
        // monitor raises it when an attempt is chosen.
        tabifyDockWidget(m_servicesDock, runDocks[4]);
        m_propertiesDock->raise();
        connect(m_monitor, &MonitorController::busyChanged, this, [timeline](bool busy) {
            if (busy)
                timeline->raise(); // a run starts: show its timeline
        });
    } else {
        m_monitor->addDocksTo(this);
    }
    // In every dock the wheel scrolls; it edits only a field that has the focus.
    for (QDockWidget *dock : findChildren<QDockWidget *>())
        WheelGuard::install(dock);
}

DesignerWindow::~DesignerWindow()
{
    // The widgets go first (~QWidget): the scene's last selection change must not reach them.
    m_scene->disconnect(this);
    problemsPanel()->disconnect(this);
}

// --- construction ---

QAction *DesignerWindow::newAction(const QString &objectName, const QString &text, const QString &icon,
                                   const QKeySequence &shortcut, const QString &toolTip)
{
    auto *action = new QAction(text, this);
    action->setObjectName(objectName);
    if (!icon.isEmpty())
        action->setIcon(QIcon(icon));
    if (!shortcut.isEmpty())
        action->setShortcut(shortcut);
    const QString keys = shortcut.toString(QKeySequence::NativeText);
    action->setToolTip(keys.isEmpty() ? toolTip : QStringLiteral("%1 (%2)").arg(toolTip, keys));
    action->setStatusTip(toolTip);
    return action;
}

void DesignerWindow::createDesignerActions()
{
    // Adding steps: a generic Add Step and a palette with one entry per kind.
    m_addStepAction = newAction(QStringLiteral("actionAddStep"), tr("&Add Step"), QStringLiteral(":/icons/step-add.svg"),
                                QKeySequence(Qt::Key_Insert), tr("Add a compensatable step in the middle of the canvas"));
    m_addStepAction->setShortcuts({QKeySequence(Qt::Key_Insert), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_N)});
    connect(m_addStepAction, &QAction::triggered, this, [this] { addStep(StepKind::Compensatable); });

    m_addCompensatableAction = newAction(QStringLiteral("actionAddCompensatable"), tr("Compensatable"),
                                         QStringLiteral(":/icons/kind-compensatable.svg"), {},
                                         tr("Add a compensatable step: undone by its compensation when the saga fails"));
    connect(m_addCompensatableAction, &QAction::triggered, this, [this] { addStep(StepKind::Compensatable); });
    m_addPivotAction = newAction(QStringLiteral("actionAddPivot"), tr("Pivot"), QStringLiteral(":/icons/kind-pivot.svg"), {},
                                 tr("Add a pivot step: the point of no return, with no compensation"));
    connect(m_addPivotAction, &QAction::triggered, this, [this] { addStep(StepKind::Pivot); });
    m_addRetriableAction = newAction(QStringLiteral("actionAddRetriable"), tr("Retriable"),
                                     QStringLiteral(":/icons/kind-retriable.svg"), {},
                                     tr("Add a retriable step: after the pivot, idempotent, retried until it succeeds"));
    connect(m_addRetriableAction, &QAction::triggered, this, [this] { addStep(StepKind::Retriable); });

    // Editing the selection. These act on the canvas and so only take their keys there: in a
    // text field Delete and Ctrl+C keep their usual meaning.
    m_deleteAction = newAction(QStringLiteral("actionDelete"), tr("&Delete"), {},
                               QKeySequence::Delete, tr("Delete the selected steps and arrows"));
    m_deleteAction->setIcon(themedIcon(QStringLiteral("edit-delete"), QStringLiteral(":/icons/edit-delete.svg")));
    connect(m_deleteAction, &QAction::triggered, this, [this] { m_scene->deleteSelection(); });
    m_cutAction = newAction(QStringLiteral("actionCut"), tr("Cu&t"), {}, QKeySequence::Cut,
                            tr("Cut the selected steps to the clipboard"));
    m_cutAction->setIcon(QIcon::fromTheme(QStringLiteral("edit-cut")));
    connect(m_cutAction, &QAction::triggered, this, [this] { m_scene->clipboard().cutSelection(); });
    m_copyAction = newAction(QStringLiteral("actionCopy"), tr("&Copy"), {}, QKeySequence::Copy,
                             tr("Copy the selected steps to the clipboard"));
    m_copyAction->setIcon(QIcon::fromTheme(QStringLiteral("edit-copy")));
    connect(m_copyAction, &QAction::triggered, this, [this] { m_scene->clipboard().copySelection(); });
    m_pasteAction = newAction(QStringLiteral("actionPaste"), tr("&Paste"), {}, QKeySequence::Paste,
                              tr("Paste steps from the clipboard"));
    m_pasteAction->setIcon(QIcon::fromTheme(QStringLiteral("edit-paste")));
    connect(m_pasteAction, &QAction::triggered, this, [this] {
        if (!m_scene->clipboard().paste())
            statusBar()->showMessage(tr("The clipboard holds no steps to paste."), 5000);
    });
    m_duplicateAction = newAction(QStringLiteral("actionDuplicate"), tr("D&uplicate"), {},
                                  QKeySequence(Qt::CTRL | Qt::Key_D), tr("Add a copy of the selected steps next to them"));
    connect(m_duplicateAction, &QAction::triggered, this, [this] { m_scene->clipboard().duplicateSelection(); });
    m_renameAction = newAction(QStringLiteral("actionRename"), tr("Re&name"), {}, QKeySequence(Qt::Key_F2),
                               tr("Edit the label of the selected step on the canvas"));
    connect(m_renameAction, &QAction::triggered, this, [this] {
        const QStringList ids = m_scene->selectedStepIds();
        if (ids.size() != 1)
            return;
        m_view->setFocus(Qt::ShortcutFocusReason);
        m_view->revealSteps(ids);
        m_scene->editLabel(ids.first());
    });
    m_selectAllAction = newAction(QStringLiteral("actionSelectAll"), tr("Select &All"), {}, QKeySequence::SelectAll,
                                  tr("Select every step"));
    connect(m_selectAllAction, &QAction::triggered, this, [this] {
        QStringList ids;
        for (const Step &step : document()->definition().steps)
            ids.append(step.id);
        m_scene->selectSteps(ids);
    });
    // They take their keys on the canvas and in the step list (which shares its selection).
    for (QAction *action : {m_deleteAction, m_cutAction, m_copyAction, m_pasteAction, m_duplicateAction,
                            m_renameAction, m_selectAllAction}) {
        action->setShortcutContext(Qt::WidgetWithChildrenShortcut);
        m_view->addAction(action);
        stepTable()->addAction(action);
    }

    // Layout.
    m_autoLayoutAction = newAction(QStringLiteral("actionAutoLayout"), tr("&Auto Layout"),
                                   QStringLiteral(":/icons/layout-auto.svg"), QKeySequence(Qt::CTRL | Qt::Key_L),
                                   tr("Lay every step out again with Graphviz (one undoable step)"));
    connect(m_autoLayoutAction, &QAction::triggered, this, &DesignerWindow::autoLayout);
    auto *directions = new QActionGroup(this);
    m_leftToRightAction = newAction(QStringLiteral("actionLeftToRight"), tr("&Left to Right"), {}, {},
                                    tr("Lay the saga out from left to right"));
    m_topToBottomAction = newAction(QStringLiteral("actionTopToBottom"), tr("&Top to Bottom"), {}, {},
                                    tr("Lay the saga out from top to bottom"));
    for (QAction *action : {m_leftToRightAction, m_topToBottomAction}) {
        action->setCheckable(true);
        directions->addAction(action);
    }
    m_leftToRightAction->setChecked(true);
    connect(directions, &QActionGroup::triggered, this, [this](QAction *action) {
        AutoLayoutOptions options = m_scene->layoutOptions();
        const LayoutDirection direction =
            action == m_topToBottomAction ? LayoutDirection::TopToBottom : LayoutDirection::LeftToRight;
        if (options.direction == direction)
            return;
        options.direction = direction;
        m_scene->setLayoutOptions(options);
        m_fitAfterLayout = true; // the saga's shape changed: show it, not where it was
        autoLayout(); // the arrows and ports now point the other way: lay out to match
    });

    // View.
    m_zoomInAction = newAction(QStringLiteral("actionZoomIn"), tr("Zoom &In"), QStringLiteral(":/icons/zoom-in.svg"),
                               QKeySequence::ZoomIn, tr("Zoom in"));
    m_zoomInAction->setShortcuts({QKeySequence::ZoomIn, QKeySequence(Qt::CTRL | Qt::Key_Equal)});
    connect(m_zoomInAction, &QAction::triggered, m_view, &SagaView::zoomIn);
    m_zoomOutAction = newAction(QStringLiteral("actionZoomOut"), tr("Zoom &Out"), QStringLiteral(":/icons/zoom-out.svg"),
                                QKeySequence::ZoomOut, tr("Zoom out"));
    connect(m_zoomOutAction, &QAction::triggered, m_view, &SagaView::zoomOut);
    m_fitAction = newAction(QStringLiteral("actionFit"), tr("&Fit to Window"), QStringLiteral(":/icons/zoom-fit.svg"),
                            QKeySequence(Qt::CTRL | Qt::Key_0), tr("Show the whole saga"));
    connect(m_fitAction, &QAction::triggered, this, &DesignerWindow::fitToWindow);
    m_actualSizeAction = newAction(QStringLiteral("actionActualSize"), tr("&Actual Size"),
                                   QStringLiteral(":/icons/zoom-original.svg"), QKeySequence(Qt::CTRL | Qt::Key_1),
                                   tr("Zoom to 100 %"));
    connect(m_actualSizeAction, &QAction::triggered, m_view, &SagaView::resetZoom);

    m_swimlanesAction = newAction(QStringLiteral("actionSwimlanes"), tr("&Swimlanes by Service"),
                                  QStringLiteral(":/icons/view-swimlanes.svg"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_L),
                                  tr("Frame each service's steps in a lane; the auto layout then keeps them together"));
    m_swimlanesAction->setCheckable(true);
    connect(m_swimlanesAction, &QAction::toggled, this, [this](bool on) {
        m_scene->setSwimlanesVisible(on);
        m_view->resetCachedContent();
    });
    m_gridAction = newAction(QStringLiteral("actionGrid"), tr("Show &Grid"), QStringLiteral(":/icons/view-grid.svg"),
                             QKeySequence(Qt::CTRL | Qt::Key_Apostrophe), tr("Show the grid behind the steps"));
    m_gridAction->setCheckable(true);
    m_gridAction->setChecked(m_scene->gridVisible());
    connect(m_gridAction, &QAction::toggled, this, [this](bool on) {
        m_scene->setGridVisible(on);
        m_view->resetCachedContent(); // the view caches its background
    });
    m_snapAction = newAction(QStringLiteral("actionSnap"), tr("S&nap to Grid"), {},
                             QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Semicolon),
                             tr("Moved steps land on the grid"));
    m_snapAction->setCheckable(true);
    m_snapAction->setChecked(m_scene->snapToGrid());
    connect(m_snapAction, &QAction::toggled, this, [this](bool on) { m_scene->setSnapToGrid(on); });

    // File > Export.
    m_exportSvgAction = newAction(QStringLiteral("actionExportSvg"), tr("&SVG\u2026"), QStringLiteral(":/icons/document-export.svg"),
                                  QKeySequence(Qt::CTRL | Qt::Key_E), tr("Export the canvas as an SVG drawing"));
    connect(m_exportSvgAction, &QAction::triggered, this, [this] { exportCanvas(QStringLiteral("svg")); });
    m_exportPngAction = newAction(QStringLiteral("actionExportPng"), tr("&PNG\u2026"), {},
                                  QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_E), tr("Export the canvas as a PNG image"));
    connect(m_exportPngAction, &QAction::triggered, this, [this] { exportCanvas(QStringLiteral("png")); });
}

void DesignerWindow::createDocks()
{
    m_properties = new StepPropertiesPanel(document(), this);
    m_properties->setObjectName(QStringLiteral("propertiesPanel"));
    m_propertiesDock = new QDockWidget(tr("Properties"), this);
    m_propertiesDock->setObjectName(QStringLiteral("propertiesDock"));
    m_propertiesDock->setWidget(m_properties);
    m_properties->setExtraSection(m_monitor->createStepRunSection(m_properties)); // breakpoints, faults
    addDockWidget(Qt::RightDockWidgetArea, m_propertiesDock);

    m_services = new ServicesPanel(document(), this);
    m_services->setObjectName(QStringLiteral("servicesPanel"));
    new ServiceConnectionController(m_services, document(), this); // Test connection, Sign in
    m_servicesDock = new QDockWidget(tr("Services"), this);
    m_servicesDock->setObjectName(QStringLiteral("servicesDock"));
    m_servicesDock->setWidget(m_services);
    addDockWidget(Qt::RightDockWidgetArea, m_servicesDock);
    tabifyDockWidget(m_propertiesDock, m_servicesDock);
    m_propertiesDock->raise();
    // The side docks run the full height; the Problems and Steps docks sit under the canvas.
    setCorner(Qt::TopRightCorner, Qt::RightDockWidgetArea);
    setCorner(Qt::BottomRightCorner, Qt::RightDockWidgetArea);
    // Wide enough for the step form without a horizontal scroll bar.
    int width = 340;
    width = std::max(width, m_properties->formMinimumWidth() + style()->pixelMetric(QStyle::PM_ScrollBarExtent) + 8);
    resizeDocks({m_propertiesDock}, {width}, Qt::Horizontal);
    resizeDocks({problemsDock()}, {190}, Qt::Vertical);
}

void DesignerWindow::createDesignerMenus()
{
    // File > Export, above Quit.
    {
        auto *exportMenu = new QMenu(tr("&Export"), fileMenu());
        exportMenu->setObjectName(QStringLiteral("exportMenu"));
        exportMenu->setIcon(QIcon(QStringLiteral(":/icons/document-export.svg")));
        exportMenu->addAction(m_exportSvgAction);
        exportMenu->addAction(m_exportPngAction);
        fileMenu()->insertMenu(quitSeparator(), exportMenu);
    }

    {
        QMenu *edit = editMenu();
        edit->addSeparator();
        edit->addAction(m_addStepAction);
        QMenu *addKind = edit->addMenu(tr("Add Step of &Kind"));
        addKind->setObjectName(QStringLiteral("addStepKindMenu"));
        addKind->addAction(m_addCompensatableAction);
        addKind->addAction(m_addPivotAction);
        addKind->addAction(m_addRetriableAction);
        edit->addSeparator();
        edit->addAction(m_cutAction);
        edit->addAction(m_copyAction);
        edit->addAction(m_pasteAction);
        edit->addAction(m_duplicateAction);
        edit->addAction(m_deleteAction);
        edit->addSeparator();
        edit->addAction(m_renameAction);
        edit->addAction(m_selectAllAction);
    }

    // Layout, between View and Help.
    auto *layout = new QMenu(tr("&Layout"), this);
    layout->setObjectName(QStringLiteral("layoutMenu"));
    layout->addAction(m_autoLayoutAction);
    layout->addSeparator();
    layout->addAction(m_leftToRightAction);
    layout->addAction(m_topToBottomAction);
    menuBar()->insertMenu(helpMenu()->menuAction(), layout);

    // The main toolbar shows icons (tooltips name them) except for the quick fix, which says what it is.
    mainToolBar()->setToolButtonStyle(Qt::ToolButtonIconOnly);
    if (auto *fix = qobject_cast<QToolButton *>(mainToolBar()->widgetForAction(applyFixAction())))
        fix->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);

    // The canvas toolbars: the palette of step kinds, then layout and zoom.
    QToolBar *palette = new QToolBar(tr("Palette"), this);
    palette->setObjectName(QStringLiteral("paletteToolBar"));
    palette->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    auto *paletteLabel = new QLabel(tr("Add:"), palette);
    paletteLabel->setContentsMargins(6, 0, 4, 0);
    palette->addWidget(paletteLabel);
    palette->addAction(m_addCompensatableAction);
    palette->addAction(m_addPivotAction);
    palette->addAction(m_addRetriableAction);
    addToolBar(Qt::TopToolBarArea, palette);

    QToolBar *canvas = new QToolBar(tr("Canvas"), this);
    canvas->setObjectName(QStringLiteral("canvasToolBar"));
    canvas->setToolButtonStyle(Qt::ToolButtonIconOnly);
    canvas->addAction(m_deleteAction);
    canvas->addSeparator();
    canvas->addAction(m_autoLayoutAction);
    canvas->addAction(m_swimlanesAction);
    canvas->addSeparator();
    canvas->addAction(m_zoomOutAction);
    canvas->addAction(m_zoomInAction);
    canvas->addAction(m_fitAction);
    canvas->addSeparator();
    canvas->addWidget(m_choreography->modeControl());
    m_choreography->toggleAction()->setIcon(QIcon(QStringLiteral(":/icons/choreography.svg")));
    canvas->addAction(m_choreography->toggleAction());
    addToolBar(Qt::TopToolBarArea, canvas);

    {
        QMenu *view = viewMenu();
        QAction *first = stepsDock()->toggleViewAction(); // the dock toggles follow the canvas's
        const auto insert = [view, first](QAction *action) { view->insertAction(first, action); };
        insert(m_zoomInAction);
        insert(m_zoomOutAction);
        insert(m_fitAction);
        insert(m_actualSizeAction);
        view->insertSeparator(first);
        insert(m_swimlanesAction);
        insert(m_gridAction);
        insert(m_snapAction);
        insert(m_choreography->toggleAction());
        view->insertSeparator(first);
        view->addAction(m_propertiesDock->toggleViewAction());
        view->addAction(m_servicesDock->toggleViewAction());
        for (QDockWidget *dock : m_monitor->docks()) // instances, event log, timeline, summary, HTTP exchange
            view->addAction(dock->toggleViewAction());
        view->addAction(palette->toggleViewAction());
        view->addAction(canvas->toggleViewAction());
    }

    m_zoomLabel = new QLabel(this);
    m_zoomLabel->setObjectName(QStringLiteral("zoomLabel"));
    m_zoomLabel->setToolTip(tr("Zoom (Ctrl+wheel, Ctrl++ and Ctrl+-; Ctrl+0 fits the saga)"));
    statusBar()->addPermanentWidget(m_zoomLabel);
}

void DesignerWindow::connectSelection()
{
    connect(m_scene, &QGraphicsScene::selectionChanged, this, &DesignerWindow::canvasSelectionChanged);
    // While the step list rebuilds (every edit) it re-selects rows by itself: not the user's doing.
    connect(stepTable()->model(), &QAbstractItemModel::modelAboutToBeReset, this, [this] { m_listResetting = true; });
    connect(stepTable()->model(), &QAbstractItemModel::modelReset, this, [this] {
        m_listResetting = false;
        mirrorSelectionToList(); // the rows were rebuilt: select the canvas's steps again
    });
    connect(stepTable()->model(), &QAbstractItemModel::dataChanged, this, [this] {
        if (!m_listResetting)
            mirrorSelectionToList(); // rows may now hold other steps
    });
    connect(this, &MainWindow::stepSelectionRequested, this, &DesignerWindow::listSelectionChanged);

    // A problem picked in the panel selects and centres its steps. The panel also makes a row
    // current by itself after every re-validation; that must not move the user's selection.
    DiagnosticModel *problems = problemsPanel()->model();
    connect(problems, &QAbstractItemModel::modelAboutToBeReset, this, [this] { m_problemsResetting = true; });
    connect(problems, &QAbstractItemModel::modelReset, this, [this] { m_problemsResetting = false; });
    connect(problemsPanel()->view()->selectionModel(), &QItemSelectionModel::currentChanged, this,
            [this] {
                if (!m_problemsResetting)
                    problemSelected();
            });
    connect(problemsPanel(), &ProblemsPanel::diagnosticActivated, this,
            [this](const Diagnostic &diagnostic) { m_view->revealSteps(diagnostic.steps); });
}

// --- selection: one selection for canvas, step list, problems and properties ---

void DesignerWindow::showProperties(const StepId &id)
{
    m_properties->setCurrentStep(id);
    m_monitor->setCurrentStep(m_properties->currentStep());
}

void DesignerWindow::canvasSynced()
{
    // The step list and the properties follow the canvas, which knows which steps are selected.
    mirrorSelectionToList();
    const QStringList ids = m_scene->selectedStepIds();
    showProperties(ids.size() == 1 ? ids.first() : StepId());
    updateDesignerActions();
}

void DesignerWindow::mirrorSelectionToList()
{
    const QScopedValueRollback<bool> guard(m_syncingSelection, true);
    selectSteps(m_scene->selectedStepIds());
}

void DesignerWindow::canvasSelectionChanged()
{
    if (m_scene->isSyncing())
        return; // mid-edit (a card went away with its id): synced() settles the selection
    const QStringList ids = m_scene->selectedStepIds();
    showProperties(ids.size() == 1 ? ids.first() : StepId());
    updateDesignerActions();
    if (m_syncingSelection)
        return;
    const QScopedValueRollback<bool> guard(m_syncingSelection, true);
    selectSteps(ids);
}

void DesignerWindow::listSelectionChanged(const QStringList &ids)
{
    if (m_syncingSelection || m_listResetting)
        return;
    const QScopedValueRollback<bool> guard(m_syncingSelection, true);
    // Picked in the list by the user: bring the steps into view; otherwise just mirror.
    if (stepTable()->hasFocus() && !ids.isEmpty())
        m_view->revealSteps(ids);
    else
        m_scene->selectSteps(ids);
    showProperties(ids.size() == 1 ? ids.first() : StepId());
}

void DesignerWindow::problemSelected()
{
    const Diagnostic *diagnostic = problemsPanel()->currentDiagnostic();
    if (!diagnostic || diagnostic->steps.isEmpty())
        return;
    m_view->revealSteps(diagnostic->steps);
}

// --- opening: lay out, wait for the cards, fit ---

void DesignerWindow::documentReset()
{
    // New, Open, an example, a recovery: lay out what has no place, then fit the canvas.
    m_fitPending = true;
    if (m_opening)
        return;
    m_opening = true;
    m_openingRetried = false;
    m_cleanBeforeLayout = document()->undoStack()->count() == 0;
    beginBusy();
    QTimer::singleShot(0, this, &DesignerWindow::finishOpening);
}

void DesignerWindow::finishOpening()
{
    if (AutoLayout::hasUnplacedSteps(document()->definition()) && !m_scene->isLayoutRunning()) {
        QString error;
        if (!m_scene->placeUnplacedSteps(&error))
            statusBar()->showMessage(tr("Automatic layout failed: %1").arg(error), 10000);
    }
    if (m_scene->isLayoutRunning()) {
        m_awaitingLayout = true; // a big saga: Graphviz runs on a worker thread
        return;
    }
    waitForCards();
}

void DesignerWindow::autoLayout()
{
    if (m_scene->isLayoutRunning() || m_awaitingLayout || document()->definition().steps.isEmpty())
        return;
    beginBusy();
    m_layoutBusy = true;
    m_awaitingLayout = true;
    m_scene->startAutoLayout();
    if (!m_scene->isLayoutRunning()) { // refused: nothing to wait for
        m_awaitingLayout = false;
        m_layoutBusy = false;
        endBusy();
    }
}

void DesignerWindow::layoutFinished(bool ok)
{
    Q_UNUSED(ok) // layoutFailed() has said why
    if (!std::exchange(m_awaitingLayout, false))
        return;
    waitForCards();
}

void DesignerWindow::waitForCards()
{
    // The cards glide to their new places after a layout: settled when the glide ends.
    if (m_scene->isGliding()) {
        m_awaitingGlide = true;
        return;
    }
    cardsSettled();
}

void DesignerWindow::cardsSettled()
{
    if (m_opening && !std::exchange(m_openingRetried, true) && !m_scene->isLayoutRunning()
        && AutoLayout::hasUnplacedSteps(document()->definition())) {
        // Another file was opened while the layout of the previous one ran: lay this one out.
        finishOpening();
        return;
    }
    if (m_opening) {
        // The layout made on open is undoable but is no change of the user's: the same file
        // opens the same way next time, so closing it does not ask to save.
        QUndoStack *stack = document()->undoStack();
        if (m_cleanBeforeLayout && stack->count() == 1 && stack->index() == 1)
            stack->setClean();
        fitOnOpen();
        m_opening = false;
        endBusy();
    }
    const bool fit = std::exchange(m_fitAfterLayout, false);
    if (std::exchange(m_layoutBusy, false)) {
        fitToWindow(); // Auto Layout ends with the whole saga in view
        endBusy();
    } else if (fit) {
        fitToWindow();
    }
}

void DesignerWindow::fitOnOpen()
{
    if (!m_fitPending)
        return;
    if (!m_view->isVisible() || m_view->viewport()->width() < 50 || m_view->viewport()->height() < 50)
        return; // not shown yet: done on the first resize (eventFilter)
    m_fitPending = false;
    const QScopedValueRollback<bool> guard(m_fitting, true);
    m_view->fitToContents();
    if (m_view->zoom() > m_preferredZoom) {
        m_view->setZoom(m_preferredZoom);
        m_view->centerOn(m_scene->itemsBoundingRect().center());
    }
}

void DesignerWindow::fitToWindow()
{
    const QScopedValueRollback<bool> guard(m_fitting, true);
    m_view->fitToContents();
}

// --- editing ---

StepId DesignerWindow::addStep(StepKind kind, std::optional<QPointF> scenePos)
{
    const SagaDefinition &definition = document()->definition();
    // The service of the one selected step, else the saga's first one.
    QString service;
    const QStringList selected = m_scene->selectedStepIds();
    if (selected.size() == 1 && definition.step(selected.first()))
        service = definition.step(selected.first())->service;
    else if (!definition.services.isEmpty())
        service = definition.services.first().id;

    const QString label = tr("New %1 step").arg(kindText(kind).toLower());
    const QPointF centre = scenePos ? *scenePos : m_view->mapToScene(m_view->viewport()->rect().center());
    Step draft = StepEdits::newStep(definition, kind, service); // as addStep() makes it, to measure
    draft.label = label;
    const StepId id = document()->addStep(kind, service, m_scene->freeSpotFor(draft, centre), label);
    m_scene->selectSteps({id});
    if (StepItem *item = m_scene->stepItem(id))
        m_view->ensureVisible(item);
    m_view->setFocus(Qt::OtherFocusReason);
    statusBar()->showMessage(tr("Added %1; F2 renames it, drag its + port to connect it.").arg(id), 8000);
    return id;
}

bool DesignerWindow::applyCurrentQuickFix()
{
    if (const Diagnostic *current = problemsPanel()->currentDiagnostic(); current && !quickFixText(*current).isEmpty())
        m_scene->animateNextChange();
    return MainWindow::applyCurrentQuickFix();
}

QString DesignerWindow::helpTopic() const
{
    if (const QString topic = MainWindow::helpTopic(); !topic.isEmpty())
        return topic;
    const QStringList selected = m_scene->selectedStepIds();
    if (selected.size() == 1) {
        if (const Step *step = document()->definition().step(selected.first()))
            return Glossary::keyOf(step->kind);
    }
    return {};
}

bool DesignerWindow::applyQuickFix(const Diagnostic &diagnostic)
{
    m_scene->animateNextChange(); // "move it later" glides the step to its new place
    return MainWindow::applyQuickFix(diagnostic);
}

void DesignerWindow::showCanvasContextMenu(const QPoint &viewportPos, const QPoint &globalPos)
{
    const QPointF scenePos = m_view->mapToScene(viewportPos);
    StepItem *card = nullptr;
    const QList<QGraphicsItem *> found = m_scene->items(scenePos, Qt::IntersectsItemShape, Qt::DescendingOrder,
                                                        m_view->transform());
    for (QGraphicsItem *item : found) {
        if (item->type() == StepItem::Type) {
            card = static_cast<StepItem *>(item);
            break;
        }
    }

    QMenu menu(this);
    if (!card) {
        menu.addAction(m_addStepAction->icon(), tr("Add Step Here"), this,
                       [this, scenePos] { addStep(StepKind::Compensatable, m_scene->snapped(scenePos)); });
        menu.addAction(m_pasteAction);
        menu.addSeparator();
        menu.addAction(m_selectAllAction);
        menu.addAction(m_autoLayoutAction);
        menu.addAction(m_fitAction);
        menu.exec(globalPos);
        return;
    }

    const StepId id = card->stepId();
    if (!card->isSelected())
        m_scene->selectSteps({id});
    // Quick fixes for the problems this step is the one to act on.
    if (addQuickFixActions(&menu, id) > 0)
        menu.addSeparator();
    menu.addAction(m_renameAction);
    QMenu *kinds = menu.addMenu(tr("&Kind"));
    for (StepKind kind : {StepKind::Compensatable, StepKind::Pivot, StepKind::Retriable}) {
        QAction *action = kinds->addAction(kindText(kind), this, [this, id, kind] { document()->setStepKind(id, kind); });
        action->setCheckable(true);
        action->setChecked(card->step().kind == kind);
    }
    menu.addSeparator();
    menu.addAction(m_cutAction);
    menu.addAction(m_copyAction);
    menu.addAction(m_duplicateAction);
    menu.addAction(m_deleteAction);
    menu.addSeparator();
    menu.addAction(tr("&Properties"), this, [this] {
        m_propertiesDock->show();
        m_propertiesDock->raise();
        m_properties->setFocus(Qt::OtherFocusReason);
    });
    menu.addSeparator();
    m_scene->populateStepMenu(id, &menu); // breakpoints, Inject Failure (MonitorController)
    menu.exec(globalPos);
}

// --- export ---

bool DesignerWindow::exportTo(const QString &path, QString *error)
{
    const QString suffix = QFileInfo(path).suffix().toLower();
    QByteArray bytes;
    if (suffix == QLatin1String("svg")) {
        const QString title = document()->definition().name.isEmpty() ? QFileInfo(document()->filePath()).completeBaseName()
                                                                      : document()->definition().name;
        bytes = SceneExport::toSvg(m_scene, title);
    } else if (suffix == QLatin1String("png")) {
        bytes = SceneExport::toPng(m_scene);
    } else {
        if (error)
            *error = tr("%1: export writes .svg or .png files.").arg(QDir::toNativeSeparators(path));
        return false;
    }
    QString why;
    if (bytes.isEmpty() || !SceneExport::writeFile(path, bytes, &why)) {
        if (error)
            *error = why.isEmpty() ? tr("Nothing to export.") : why;
        return false;
    }
    return true;
}

void DesignerWindow::exportCanvas(const QString &format)
{
    QSettings settings;
    const QString stem = document()->filePath().isEmpty() ? tr("saga") : QFileInfo(document()->filePath()).completeBaseName();
    const QString dir = settings.value(SettingsExportDir, QDir::homePath()).toString();
    const bool svg = format == QLatin1String("svg");
    QString path = QFileDialog::getSaveFileName(this, svg ? tr("Export as SVG") : tr("Export as PNG"),
                                                dir + QLatin1Char('/') + stem + QLatin1Char('.') + format,
                                                svg ? tr("SVG drawings (*.svg)") : tr("PNG images (*.png)"));
    if (path.isEmpty())
        return;
    if (QFileInfo(path).suffix().isEmpty())
        path += QLatin1Char('.') + format;
    settings.setValue(SettingsExportDir, QFileInfo(path).absolutePath());
    QString error;
    if (exportTo(path, &error))
        statusBar()->showMessage(tr("Exported %1").arg(QDir::toNativeSeparators(path)), 5000);
    else
        statusBar()->showMessage(tr("Cannot export %1: %2").arg(QDir::toNativeSeparators(path), error), 10000);
}

// --- state shown ---

void DesignerWindow::updateDesignerActions()
{
    const bool hasSteps = !document()->definition().steps.isEmpty();
    const QStringList selected = m_scene->selectedStepIds();
    const bool anySelected = !m_scene->selectedItems().isEmpty();
    m_deleteAction->setEnabled(anySelected);
    m_cutAction->setEnabled(!selected.isEmpty());
    m_copyAction->setEnabled(!selected.isEmpty());
    m_duplicateAction->setEnabled(!selected.isEmpty());
    m_renameAction->setEnabled(selected.size() == 1);
    m_selectAllAction->setEnabled(hasSteps);
    m_autoLayoutAction->setEnabled(hasSteps);
    m_exportSvgAction->setEnabled(hasSteps);
    m_exportPngAction->setEnabled(hasSteps);
}

void DesignerWindow::updateZoomLabel()
{
    m_zoomLabel->setText(tr("%1 %").arg(std::lround(m_view->zoom() * 100)));
}

// --- settings ---

void DesignerWindow::readSettings()
{
    MainWindow::readSettings();
    QSettings settings;
    m_swimlanesAction->setChecked(settings.value(SettingsSwimlanes, false).toBool());
    m_gridAction->setChecked(settings.value(SettingsGrid, true).toBool());
    m_snapAction->setChecked(settings.value(SettingsSnap, true).toBool());
    const bool topToBottom = settings.value(SettingsDirection).toString() == QLatin1String("tb");
    (topToBottom ? m_topToBottomAction : m_leftToRightAction)->setChecked(true);
    AutoLayoutOptions options = m_scene->layoutOptions();
    options.direction = topToBottom ? LayoutDirection::TopToBottom : LayoutDirection::LeftToRight;
    m_scene->setLayoutOptions(options);
    const qreal zoom = settings.value(SettingsZoom, 1.0).toDouble();
    if (zoom >= SagaView::MinZoom && zoom <= SagaView::MaxZoom) {
        m_view->setZoom(zoom);
        m_preferredZoom = zoom;
    }
}

void DesignerWindow::writeSettings() const
{
    MainWindow::writeSettings();
    QSettings settings;
    settings.setValue(SettingsSwimlanes, m_swimlanesAction->isChecked());
    settings.setValue(SettingsGrid, m_gridAction->isChecked());
    settings.setValue(SettingsSnap, m_snapAction->isChecked());
    settings.setValue(SettingsDirection, m_topToBottomAction->isChecked() ? QStringLiteral("tb") : QStringLiteral("lr"));
    settings.setValue(SettingsZoom, m_preferredZoom);
}

// --- events ---

bool DesignerWindow::selectNextCard(bool forward)
{
    // Keyboard only: Tab and Shift+Tab walk the cards in the file's order, selecting each (then
    // Del, F2, the arrow keys); past the last one, Tab leaves the canvas as usual.
    const QList<Step> &steps = document()->definition().steps;
    if (steps.isEmpty() || m_scene->isEditingLabel() || m_scene->isConnecting())
        return false;
    const QStringList selected = m_scene->selectedStepIds();
    int index = -1;
    if (!selected.isEmpty()) {
        const StepId current = forward ? selected.last() : selected.first();
        for (int i = 0; i < steps.size(); ++i) {
            if (steps.at(i).id == current)
                index = i;
        }
    }
    const int next = index < 0 ? (forward ? 0 : int(steps.size()) - 1) : index + (forward ? 1 : -1);
    if (next < 0 || next >= steps.size()) {
        m_scene->clearSelection();
        return false;
    }
    m_scene->selectSteps({steps.at(next).id});
    if (StepItem *item = m_scene->stepItem(steps.at(next).id))
        m_view->ensureVisible(item);
    return true;
}

bool DesignerWindow::confirmLeaveDocument()
{
    const RunController *run = m_monitor->runController();
    if (!run->isRunning() && !run->isFollowingLog())
        return true;
    if (!promptsEnabled())
        return true; // nothing can be asked: the reset stops it (MonitorController)
    const QString saga = m_monitor->runMonitor()->definition().name.isEmpty()
                             ? tr("this saga")
                             : m_monitor->runMonitor()->definition().name;
    QMessageBox box(QMessageBox::Question, tr("Stop the Run?"), QString(), QMessageBox::NoButton, this);
    box.setObjectName(QStringLiteral("stopRunMessageBox"));
    if (run->isRunning()) {
        box.setText(tr("A run of %1 is in progress.").arg(saga));
        box.setInformativeText(tr("A run belongs to the saga it was started on: opening another saga stops it. "
                                  "What it committed stays in its log, if it has one."));
    } else {
        box.setText(tr("Sagascope is following the log %1.").arg(QFileInfo(run->logPath()).fileName()));
        box.setInformativeText(tr("Opening another saga stops following it (the run writing the log goes on)."));
    }
    QPushButton *stop = box.addButton(run->isRunning() ? tr("&Stop Run") : tr("&Stop Following"),
                                      QMessageBox::AcceptRole);
    box.addButton(QMessageBox::Cancel);
    box.setDefaultButton(stop);
    box.exec();
    return box.clickedButton() == stop;
}

bool DesignerWindow::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_view && event->type() == QEvent::KeyPress) {
        const auto *key = static_cast<QKeyEvent *>(event);
        const bool tab = key->key() == Qt::Key_Tab && !(key->modifiers() & (Qt::ControlModifier | Qt::AltModifier));
        const bool backtab = key->key() == Qt::Key_Backtab;
        if ((tab || backtab) && selectNextCard(tab && !(key->modifiers() & Qt::ShiftModifier)))
            return true;
    }
    if (watched == m_view->viewport() && event->type() == QEvent::ContextMenu) {
        auto *menuEvent = static_cast<QContextMenuEvent *>(event);
        showCanvasContextMenu(menuEvent->pos(), menuEvent->globalPos());
        return true;
    }
    if (watched == m_view && (event->type() == QEvent::Resize || event->type() == QEvent::Show) && m_fitPending
        && !m_opening) {
        // Fitted once the view has its size (opened before the window was shown).
        QTimer::singleShot(0, this, &DesignerWindow::fitOnOpen);
    }
    return MainWindow::eventFilter(watched, event);
}

} // namespace Sagascope
