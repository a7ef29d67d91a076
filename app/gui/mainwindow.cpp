// SPDX-License-Identifier: MIT
// Over 700 lines, on purpose: the File/Edit/View menus, recent files, drag and drop, autosave
// and crash recovery of one window, each short glue over SagaDocument and Autosaver. The
// designer builds on it through typed accessors (fileMenu(), viewMenu()...), never findChild.
#include "mainwindow.h"

#include "autosaver.h"
#include "diagnosticmodel.h"
#include "glossarydialog.h"
#include "problemspanel.h"
#include "sagadocument.h"
#include "steptablemodel.h"

#include <QAction>
#include <QCheckBox>
#include <QApplication>
#include <QCloseEvent>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QDir>
#include <QDockWidget>
#include <QFileDialog>
#include <QFileInfo>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLocale>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QPushButton>
#include <QRegularExpression>
#include <QScopedValueRollback>
#include <QSettings>
#include <QStandardPaths>
#include <QStackedWidget>
#include <QStatusBar>
#include <QTableView>
#include <QToolBar>
#include <QTreeView>
#include <QUndoStack>
#include <QUndoView>
#include <QUrl>
#include <QVBoxLayout>

#include <memory>

namespace Sagascope {

namespace {
constexpr int MaxRecentFiles = 10;
const QLatin1String SettingsGeometry("mainWindow/geometry");
const QLatin1String SettingsState("mainWindow/state");
const QLatin1String SettingsRecent("recentFiles");
const QLatin1String SettingsLastDir("lastDirectory");
const QLatin1String SettingsReloadSilently("files/reloadChangedFilesSilently");

QIcon themedIcon(const char *themeName, const char *resource)
{
    return QIcon::fromTheme(QLatin1String(themeName), QIcon(QLatin1String(resource)));
}
} // namespace

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent)
    , m_document(new SagaDocument(this))
    , m_autosaver(new Autosaver(m_document, this))
{
    setObjectName(QStringLiteral("mainWindow"));
    setAcceptDrops(true);
    setWindowIcon(QIcon(QStringLiteral(":/icons/sagascope.svg")));
    createActions();
    createWidgets();
    createMenus();

    connect(m_document, &SagaDocument::changed, this, [this] {
        updateStatus();
        updateTitle();
    });
    connect(m_document, &SagaDocument::modifiedChanged, this, &MainWindow::updateTitle);
    connect(m_document, &SagaDocument::filePathChanged, this, &MainWindow::updateTitle);
    connect(m_document, &SagaDocument::fileChangedOutside, this, &MainWindow::handleOutsideChange);

    resize(1200, 760);
    updateTitle();
    updateStatus();
    updateActions();
    updateRecentFilesMenu();
}

MainWindow::~MainWindow() = default;

// --- construction ---

void MainWindow::createActions()
{
    m_newAction = new QAction(themedIcon("document-new", ":/icons/document-new.svg"), tr("&New"), this);
    m_newAction->setObjectName(QStringLiteral("actionNew"));
    m_newAction->setShortcut(QKeySequence::New);
    m_newAction->setStatusTip(tr("Start a new, empty saga"));
    connect(m_newAction, &QAction::triggered, this, &MainWindow::newFile);

    m_openAction = new QAction(themedIcon("document-open", ":/icons/document-open.svg"), tr("&Open\u2026"), this);
    m_openAction->setObjectName(QStringLiteral("actionOpen"));
    m_openAction->setShortcut(QKeySequence::Open);
    m_openAction->setStatusTip(tr("Open a .saga file"));
    connect(m_openAction, &QAction::triggered, this, &MainWindow::open);

    m_saveAction = new QAction(themedIcon("document-save", ":/icons/document-save.svg"), tr("&Save"), this);
    m_saveAction->setObjectName(QStringLiteral("actionSave"));
    m_saveAction->setShortcut(QKeySequence::Save);
    m_saveAction->setStatusTip(tr("Save the saga"));
    connect(m_saveAction, &QAction::triggered, this, &MainWindow::save);

    m_saveAsAction = new QAction(themedIcon("document-save-as", ":/icons/document-save-as.svg"), tr("Save &As\u2026"), this);
    m_saveAsAction->setObjectName(QStringLiteral("actionSaveAs"));
    m_saveAsAction->setShortcut(QKeySequence::SaveAs);
    m_saveAsAction->setStatusTip(tr("Save the saga under a new name"));
    connect(m_saveAsAction, &QAction::triggered, this, &MainWindow::saveAs);

    m_quitAction = new QAction(tr("&Quit"), this);
    m_quitAction->setObjectName(QStringLiteral("actionQuit"));
    m_quitAction->setShortcut(QKeySequence::Quit);
    m_quitAction->setMenuRole(QAction::QuitRole);
    connect(m_quitAction, &QAction::triggered, this, &QWidget::close);

    m_undoAction = m_document->undoStack()->createUndoAction(this, tr("&Undo"));
    m_undoAction->setObjectName(QStringLiteral("actionUndo"));
    m_undoAction->setIcon(themedIcon("edit-undo", ":/icons/edit-undo.svg"));
    m_undoAction->setShortcut(QKeySequence::Undo);

    m_redoAction = m_document->undoStack()->createRedoAction(this, tr("&Redo"));
    m_redoAction->setObjectName(QStringLiteral("actionRedo"));
    m_redoAction->setIcon(themedIcon("edit-redo", ":/icons/edit-redo.svg"));
    m_redoAction->setShortcuts(QKeySequence::Redo);

    m_applyFixAction = new QAction(QIcon(QStringLiteral(":/icons/quick-fix.svg")), tr("Apply &Quick Fix"), this);
    m_applyFixAction->setObjectName(QStringLiteral("actionApplyQuickFix"));
    m_applyFixAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Period));
    m_applyFixAction->setStatusTip(tr("Apply the quick fix of the selected problem"));
    connect(m_applyFixAction, &QAction::triggered, this, &MainWindow::applyCurrentQuickFix);

    m_clearRecentAction = new QAction(tr("&Clear Menu"), this);
    connect(m_clearRecentAction, &QAction::triggered, this, [this] {
        m_recentFiles.clear();
        updateRecentFilesMenu();
        writeSettings();
    });
}

void MainWindow::createWidgets()
{
    // The central area: a stack whose first page is the step table. The designer (views/)
    // is installed with setDesignerView().
    m_central = new QStackedWidget(this);
    m_central->setObjectName(QStringLiteral("centralStack"));

    m_stepPage = new QWidget;
    auto *layout = new QVBoxLayout(m_stepPage);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    m_sagaHeader = new QLabel(m_stepPage);
    m_sagaHeader->setObjectName(QStringLiteral("sagaHeader"));
    m_sagaHeader->setTextFormat(Qt::RichText);
    m_sagaHeader->setWordWrap(true);
    m_sagaHeader->setMargin(10);
    m_sagaHeader->setBackgroundRole(QPalette::Base);
    m_sagaHeader->setAutoFillBackground(true);
    m_sagaHeader->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_sagaHeader);
    auto *rule = new QFrame(m_stepPage);
    rule->setFrameShape(QFrame::HLine);
    rule->setFrameShadow(QFrame::Plain);
    rule->setForegroundRole(QPalette::Mid);
    layout->addWidget(rule);

    m_stepModel = new StepTableModel(m_document, this);
    m_stepTable = new QTableView(m_stepPage);
    m_stepTable->setObjectName(QStringLiteral("stepTable"));
    m_stepTable->setModel(m_stepModel);
    m_stepTable->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_stepTable->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_stepTable->setAlternatingRowColors(true);
    m_stepTable->setShowGrid(false);
    m_stepTable->setWordWrap(false);
    m_stepTable->verticalHeader()->hide();
    m_stepTable->horizontalHeader()->setStretchLastSection(true);
    m_stepTable->horizontalHeader()->setHighlightSections(false);
    m_stepTable->horizontalHeader()->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    m_stepTable->verticalHeader()->setDefaultSectionSize(m_stepTable->fontMetrics().height() + 12);
    m_stepTable->setContextMenuPolicy(Qt::CustomContextMenu);
    m_stepTable->setFrameShape(QFrame::NoFrame);
    layout->addWidget(m_stepTable);
    m_central->addWidget(m_stepPage);
    setCentralWidget(m_central);

    // Keep the selection (by step id) across a model reset, and tell the designer about it.
    auto selectionKeeper = std::make_shared<QStringList>();
    connect(m_stepModel, &QAbstractItemModel::modelAboutToBeReset, this,
            [this, selectionKeeper] { *selectionKeeper = selectedStepIds(); });
    connect(m_stepModel, &QAbstractItemModel::modelReset, this, [this, selectionKeeper] {
        fitStepColumns();
        selectSteps(*selectionKeeper);
    });
    connect(m_stepTable->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            [this] { Q_EMIT stepSelectionRequested(selectedStepIds()); });
    connect(m_stepTable, &QWidget::customContextMenuRequested, this, &MainWindow::showStepContextMenu);

    m_problemsPanel = new ProblemsPanel(m_document, this);
    m_problemsPanel->setObjectName(QStringLiteral("problemsPanel"));
    m_problemsPanel->addContextAction(m_applyFixAction);
    m_problemsDock = new QDockWidget(tr("Problems"), this);
    m_problemsDock->setObjectName(QStringLiteral("problemsDock"));
    m_problemsDock->setWidget(m_problemsPanel);
    addDockWidget(Qt::BottomDockWidgetArea, m_problemsDock);
    resizeDocks({m_problemsDock}, {170}, Qt::Vertical);
    connect(m_problemsPanel, &ProblemsPanel::diagnosticActivated, this,
            [this](const Diagnostic &diagnostic) { selectSteps(diagnostic.steps); });
    connect(m_problemsPanel, &ProblemsPanel::currentDiagnosticChanged, this, &MainWindow::updateActions);
    connect(m_problemsPanel->model(), &QAbstractItemModel::modelReset, this, &MainWindow::updateStatus);

    // The undo history: every command by name; clicking one goes back to it.
    auto *history = new QUndoView(m_document->undoStack());
    history->setObjectName(QStringLiteral("undoView"));
    history->setEmptyLabel(tr("<opened>"));
    m_historyDock = new QDockWidget(tr("History"), this);
    m_historyDock->setObjectName(QStringLiteral("historyDock"));
    m_historyDock->setWidget(history);
    addDockWidget(Qt::RightDockWidgetArea, m_historyDock);
    m_historyDock->hide();

    m_statusCounts = new QLabel(this);
    m_statusCounts->setObjectName(QStringLiteral("statusCounts"));
    statusBar()->addPermanentWidget(m_statusCounts);
}

void MainWindow::createMenus()
{
    // The designer adds its actions through the typed accessors (fileMenu()...); the object
    // names are for tests and saved state only.
    QMenu *file = m_fileMenu = menuBar()->addMenu(tr("&File"));
    file->setObjectName(QStringLiteral("fileMenu"));
    file->addAction(m_newAction);
    file->addAction(m_openAction);
    m_recentMenu = file->addMenu(tr("Open &Recent"));
    m_recentMenu->setObjectName(QStringLiteral("recentFilesMenu"));
    QMenu *examples = file->addMenu(tr("New from E&xample"));
    examples->setObjectName(QStringLiteral("examplesMenu"));
    buildExamplesMenu(examples);
    file->addSeparator();
    file->addAction(m_saveAction);
    file->addAction(m_saveAsAction);
    m_quitSeparator = file->addSeparator();
    file->addAction(m_quitAction);

    QMenu *edit = m_editMenu = menuBar()->addMenu(tr("&Edit"));
    edit->setObjectName(QStringLiteral("editMenu"));
    edit->addAction(m_undoAction);
    edit->addAction(m_redoAction);
    edit->addSeparator();
    edit->addAction(m_applyFixAction);

    QMenu *view = m_viewMenu = menuBar()->addMenu(tr("&View"));
    view->setObjectName(QStringLiteral("viewMenu"));

    QToolBar *toolBar = m_mainToolBar = addToolBar(tr("Main Toolbar"));
    toolBar->setObjectName(QStringLiteral("mainToolBar"));
    toolBar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    toolBar->addAction(m_newAction);
    toolBar->addAction(m_openAction);
    toolBar->addAction(m_saveAction);
    toolBar->addSeparator();
    toolBar->addAction(m_undoAction);
    toolBar->addAction(m_redoAction);
    toolBar->addSeparator();
    toolBar->addAction(m_applyFixAction);

    view->addAction(m_problemsDock->toggleViewAction());
    view->addAction(m_historyDock->toggleViewAction());
    view->addAction(toolBar->toggleViewAction());

    QMenu *help = m_helpMenu = menuBar()->addMenu(tr("&Help"));
    help->setObjectName(QStringLiteral("helpMenu"));
    QAction *glossary = help->addAction(tr("&Glossary"), this, [this] { showHelp(); });
    glossary->setObjectName(QStringLiteral("actionGlossary"));
    QAction *explain = new QAction(tr("Explain This"), this);
    explain->setObjectName(QStringLiteral("actionExplain"));
    explain->setShortcut(QKeySequence::HelpContents); // F1
    explain->setShortcutContext(Qt::WindowShortcut);
    connect(explain, &QAction::triggered, this, [this] { showHelp(helpTopic()); });
    help->addAction(explain);
    help->addSeparator();
    QAction *about = help->addAction(tr("&About Sagascope"), this, [this] {
        QMessageBox::about(this, tr("About Sagascope"),
                           tr("<h3>Sagascope %1</h3><p>Design, run and understand sagas: "
                              "compensatable, pivot and retriable steps, checked for a safe order.</p>")
                               .arg(QStringLiteral(SAGASCOPE_VERSION)));
    });
    about->setMenuRole(QAction::AboutRole);
    help->addAction(tr("About &Qt"), qApp, &QApplication::aboutQt)->setMenuRole(QAction::AboutQtRole);
}

void MainWindow::setDesignerView(QWidget *view)
{
    if (m_designerView == view)
        return;
    if (m_designerView) {
        m_central->removeWidget(m_designerView);
        m_designerView->deleteLater();
    }
    m_designerView = view;
    if (!view)
        return;
    m_central->addWidget(view);
    m_central->setCurrentWidget(view);
    if (!m_stepsDock) {
        // The step list stays available as a dock next to the problems.
        m_central->removeWidget(m_stepPage);
        m_stepsDock = new QDockWidget(tr("Steps"), this);
        m_stepsDock->setObjectName(QStringLiteral("stepsDock"));
        m_stepsDock->setWidget(m_stepPage);
        addDockWidget(Qt::BottomDockWidgetArea, m_stepsDock);
        tabifyDockWidget(m_problemsDock, m_stepsDock);
        m_problemsDock->raise();
        m_viewMenu->insertAction(m_problemsDock->toggleViewAction(), m_stepsDock->toggleViewAction());
    }
}

// --- files ---

QString MainWindow::loadErrorMessage(const LoadError &error)
{
    const QString file = QDir::toNativeSeparators(error.file);
    QStringList details;
    details.append(error.line > 0 ? tr("File: %1, line %2, column %3").arg(file).arg(error.line).arg(error.column)
                                  : tr("File: %1").arg(file));
    if (!error.jsonPath.isEmpty())
        details.append(tr("Place: %1").arg(error.jsonPath));
    details.append(tr("Fault: %1").arg(error.message));
    return tr("Sagascope cannot open %1.").arg(QFileInfo(error.file).fileName()) + QStringLiteral("\n\n")
         + details.join(QLatin1Char('\n'));
}

bool MainWindow::loadFile(const QString &path, QString *errorMessage)
{
    LoadError error;
    if (!m_document->load(path, &error)) {
        if (error.file.isEmpty())
            error.file = path;
        m_lastError = loadErrorMessage(error);
        if (errorMessage)
            *errorMessage = m_lastError;
        return false;
    }
    m_autosaver->discard();
    addRecentFile(m_document->filePath());
    rememberFolderOf(m_document->filePath());
    fitStepColumns();
    m_stepTable->selectionModel()->clear();
    statusBar()->showMessage(tr("Opened %1").arg(QFileInfo(m_document->filePath()).fileName()), 5000);
    return true;
}

QString MainWindow::examplesFolder()
{
    // Installed beside the program (<prefix>/bin and <prefix>/share), in the data folders, or
    // (a build run where it was built) the source tree's.
    QStringList candidates{QCoreApplication::applicationDirPath() + QStringLiteral("/../share/sagascope/examples")};
    const QString located = QStandardPaths::locate(QStandardPaths::GenericDataLocation, QStringLiteral("sagascope/examples"),
                                                   QStandardPaths::LocateDirectory);
    if (!located.isEmpty())
        candidates.append(located);
    candidates.append(QStringLiteral(SAGASCOPE_SOURCE_EXAMPLES_DIR));
    for (const QString &candidate : std::as_const(candidates)) {
        if (QFileInfo(candidate).isDir())
            return QFileInfo(candidate).canonicalFilePath();
    }
    return {};
}

QString MainWindow::dialogFolder() const
{
    const QString last = QSettings().value(SettingsLastDir).toString();
    if (!last.isEmpty() && QFileInfo(last).isDir())
        return last;
    const QString examples = examplesFolder();
    return examples.isEmpty() ? QDir::homePath() : examples;
}

void MainWindow::rememberFolderOf(const QString &filePath)
{
    if (filePath.isEmpty() || filePath.startsWith(QLatin1Char(':')))
        return; // an embedded example has no folder to go back to
    QSettings().setValue(SettingsLastDir, QFileInfo(filePath).absolutePath());
}

bool MainWindow::openFile(const QString &path)
{
    if (!confirmLeaveDocument() || !maybeSave())
        return false;
    QString message;
    if (loadFile(path, &message))
        return true;
    if (!QFileInfo::exists(path))
        removeRecentFile(QFileInfo(path).absoluteFilePath());
    showError(tr("Cannot Open File"), message);
    return false;
}

bool MainWindow::saveFile(const QString &path, QString *errorMessage, SagaDocument::OutsideChanges outside)
{
    QString error;
    if (!m_document->save(path, &error, outside)) {
        m_lastError = tr("Sagascope cannot save %1.\n\n%2")
                          .arg(QDir::toNativeSeparators(path.isEmpty() ? m_document->filePath() : path), error);
        if (errorMessage)
            *errorMessage = m_lastError;
        return false;
    }
    m_autosaver->discard();
    addRecentFile(m_document->filePath());
    rememberFolderOf(m_document->filePath());
    statusBar()->showMessage(tr("Saved %1").arg(QDir::toNativeSeparators(m_document->filePath())), 5000);
    return true;
}

void MainWindow::newFile()
{
    if (!confirmLeaveDocument() || !maybeSave())
        return;
    m_document->reset(SagaDefinition());
    m_autosaver->discard();
}

void MainWindow::buildExamplesMenu(QMenu *menu)
{
    const QDir dir(QStringLiteral(":/examples"));
    const QStringList names = dir.entryList({QStringLiteral("*.saga")}, QDir::Files, QDir::Name);
    for (const QString &name : names) {
        const QString path = dir.filePath(name);
        const LoadResult result = SagaFile::load(path);
        const QString text = result.ok() && !result.definition->name.isEmpty() ? result.definition->name
                                                                               : QFileInfo(name).completeBaseName();
        QAction *action = menu->addAction(text, this, [this, path] {
            if (!confirmLeaveDocument() || !maybeSave())
                return;
            QString message;
            if (!newFromExample(path, &message))
                showError(tr("Cannot Open Example"), message);
        });
        action->setData(path);
        if (result.ok())
            action->setStatusTip(result.definition->description.section(QLatin1Char('.'), 0, 0));
    }
    menu->setEnabled(!menu->isEmpty());
}

bool MainWindow::newFromExample(const QString &resourcePath, QString *errorMessage)
{
    LoadResult result = SagaFile::load(resourcePath);
    if (!result.ok()) {
        m_lastError = loadErrorMessage(result.error);
        if (errorMessage)
            *errorMessage = m_lastError;
        return false;
    }
    m_document->reset(*result.definition);
    m_document->markUnsaved(false); // nothing to save until it is edited
    m_autosaver->discard();
    fitStepColumns();
    m_stepTable->selectionModel()->clear();
    return true;
}

void MainWindow::open()
{
    const QString path = QFileDialog::getOpenFileName(this, tr("Open Saga"), dialogFolder(),
                                                      tr("Sagas (*.saga);;All files (*)"));
    if (path.isEmpty())
        return;
    openFile(path); // remembers the folder
}

bool MainWindow::save()
{
    if (m_document->filePath().isEmpty())
        return saveAs();
    SagaDocument::OutsideChanges outside = SagaDocument::OutsideChanges::Refuse;
    if (m_promptsEnabled && !confirmSaveOverOutsideChange(&outside))
        return false;
    QString message;
    if (saveFile(QString(), &message, outside))
        return true;
    showError(tr("Cannot Save File"), message);
    return false;
}

bool MainWindow::saveAs()
{
    QString suggestion = m_document->filePath();
    if (suggestion.isEmpty()) {
        QString stem = m_document->definition().name.toLower();
        stem.replace(QRegularExpression(QStringLiteral("[^a-z0-9]+")), QStringLiteral("-"));
        stem = stem.isEmpty() || stem == QLatin1String("-") ? tr("untitled") : stem;
        suggestion = dialogFolder() + QLatin1Char('/') + stem + QStringLiteral(".saga");
    }
    QString path = QFileDialog::getSaveFileName(this, tr("Save Saga As"), suggestion, tr("Sagas (*.saga)"));
    if (path.isEmpty())
        return false;
    if (QFileInfo(path).suffix().isEmpty())
        path += QStringLiteral(".saga");
    QString message;
    if (saveFile(path, &message))
        return true;
    showError(tr("Cannot Save File"), message);
    return false;
}

bool MainWindow::maybeSave()
{
    if (!m_document->isModified() || !m_promptsEnabled)
        return true;
    const QString name = m_document->filePath().isEmpty() && m_document->sourceLog().isEmpty()
                           ? tr("The new saga")
                           : documentName();
    const auto answer = QMessageBox::warning(
        this, tr("Unsaved Changes"),
        tr("%1 has unsaved changes.\nDo you want to save them?").arg(name),
        QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel, QMessageBox::Save);
    if (answer == QMessageBox::Save)
        return save();
    return answer == QMessageBox::Discard;
}

// --- outside changes to the open file ---

bool MainWindow::reloadsSilently()
{
    return QSettings().value(SettingsReloadSilently, false).toBool();
}

void MainWindow::setReloadsSilently(bool on)
{
    QSettings().setValue(SettingsReloadSilently, on);
}

bool MainWindow::reloadFromDisk()
{
    if (!confirmLeaveDocument())
        return false;
    LoadError error;
    if (!m_document->reload(&error)) {
        if (error.file.isEmpty())
            error.file = m_document->filePath();
        showError(tr("Cannot Reload File"), loadErrorMessage(error));
        return false;
    }
    m_autosaver->discard();
    statusBar()->showMessage(tr("Reloaded %1: another program changed it").arg(QFileInfo(m_document->filePath()).fileName()),
                             8000);
    return true;
}

void MainWindow::handleOutsideChange(FileGuard::State state)
{
    if (m_askingAboutFile || state == FileGuard::State::Unchanged || m_document->filePath().isEmpty())
        return;
    const QString name = QFileInfo(m_document->filePath()).fileName();
    const bool modified = m_document->isModified();
    if (state == FileGuard::State::Changed && !modified && (reloadsSilently() || !m_promptsEnabled)) {
        reloadFromDisk();
        return;
    }
    if (!m_promptsEnabled) { // tests, --screenshot: keep the user's edits; Save will refuse
        statusBar()->showMessage(state == FileGuard::State::Deleted
                                     ? tr("%1 was deleted by another program").arg(name)
                                     : tr("%1 was changed by another program").arg(name), 10000);
        return;
    }
    const QScopedValueRollback<bool> asking(m_askingAboutFile, true);
    QMessageBox box(QMessageBox::Warning, tr("File Changed on Disk"), QString(), QMessageBox::NoButton, this);
    box.setObjectName(QStringLiteral("outsideChangeMessageBox"));
    QPushButton *reload = nullptr;
    QPushButton *keep = nullptr;
    QPushButton *saveAsButton = nullptr;
    if (state == FileGuard::State::Deleted) {
        box.setText(tr("%1 was deleted or moved by another program.").arg(name));
        box.setInformativeText(tr("The saga stays open. Save writes it there again; Save As puts it somewhere else."));
        keep = box.addButton(tr("&Keep Open"), QMessageBox::AcceptRole);
        saveAsButton = box.addButton(tr("Save &As\u2026"), QMessageBox::ActionRole);
    } else if (modified) {
        box.setText(tr("%1 was changed by another program, and your changes to it are not saved.").arg(name));
        box.setInformativeText(tr("Reload takes the file as it is now and drops your changes. Keep Mine goes on with "
                                  "yours (saving then writes over the other program's changes). Save As keeps both."));
        reload = box.addButton(tr("&Reload"), QMessageBox::DestructiveRole);
        keep = box.addButton(tr("&Keep Mine"), QMessageBox::RejectRole);
        saveAsButton = box.addButton(tr("Save &As\u2026"), QMessageBox::ActionRole);
    } else {
        box.setText(tr("%1 was changed by another program.").arg(name));
        box.setInformativeText(tr("You have no unsaved changes. Reload it to see the new version?"));
        reload = box.addButton(tr("&Reload"), QMessageBox::AcceptRole);
        keep = box.addButton(tr("&Keep This Version"), QMessageBox::RejectRole);
        box.setCheckBox(new QCheckBox(tr("Reload files changed by other programs without asking when there are no "
                                         "unsaved changes")));
    }
    box.setDefaultButton(keep);
    box.setEscapeButton(keep);
    box.exec();
    if (box.checkBox() && box.checkBox()->isChecked())
        setReloadsSilently(true);
    if (reload && box.clickedButton() == reload) {
        reloadFromDisk();
        return;
    }
    m_document->keepOwnVersion(); // asked once: the next save may write over it
    if (box.clickedButton() == saveAsButton)
        saveAs();
}

bool MainWindow::confirmSaveOverOutsideChange(SagaDocument::OutsideChanges *outside)
{
    const FileGuard::State state = m_document->fileGuard()->check();
    if (state == FileGuard::State::Unchanged)
        return true;
    const QString name = QFileInfo(m_document->filePath()).fileName();
    const QScopedValueRollback<bool> asking(m_askingAboutFile, true);
    QMessageBox box(QMessageBox::Warning, tr("File Changed on Disk"), QString(), QMessageBox::NoButton, this);
    box.setObjectName(QStringLiteral("saveOverOutsideChangeMessageBox"));
    box.setText(state == FileGuard::State::Deleted
                    ? tr("%1 was deleted by another program since you opened it.").arg(name)
                    : tr("%1 was changed by another program since you opened it.").arg(name));
    box.setInformativeText(state == FileGuard::State::Deleted
                               ? tr("Save writes your version there again.")
                               : tr("Saving writes over the other program's changes. Save As keeps both; Reload "
                                    "takes the file's version and drops yours."));
    QPushButton *overwrite = box.addButton(state == FileGuard::State::Deleted ? tr("&Save") : tr("&Save Over It"),
                                           QMessageBox::DestructiveRole);
    QPushButton *saveAsButton = box.addButton(tr("Save &As\u2026"), QMessageBox::ActionRole);
    QPushButton *reload = state == FileGuard::State::Changed ? box.addButton(tr("&Reload"), QMessageBox::ActionRole)
                                                              : nullptr;
    QPushButton *cancel = box.addButton(QMessageBox::Cancel);
    box.setDefaultButton(cancel);
    box.exec();
    if (box.clickedButton() == overwrite) {
        *outside = SagaDocument::OutsideChanges::Overwrite;
        return true;
    }
    if (box.clickedButton() == saveAsButton)
        saveAs();
    else if (reload && box.clickedButton() == reload)
        reloadFromDisk();
    return false;
}

void MainWindow::showError(const QString &title, const QString &message)
{
    m_lastError = message;
    if (!m_promptsEnabled) {
        statusBar()->showMessage(message.section(QLatin1Char('\n'), 0, 0), 10000);
        return;
    }
    QMessageBox box(QMessageBox::Critical, title, message.section(QStringLiteral("\n\n"), 0, 0),
                    QMessageBox::Ok, this);
    box.setObjectName(QStringLiteral("errorMessageBox"));
    box.setInformativeText(message.section(QStringLiteral("\n\n"), 1));
    box.setTextInteractionFlags(Qt::TextSelectableByMouse);
    box.exec();
}

// --- recent files and settings ---

void MainWindow::addRecentFile(const QString &path)
{
    if (path.isEmpty() || path.startsWith(QLatin1Char(':')))
        return;
    m_recentFiles.removeAll(path);
    m_recentFiles.prepend(path);
    while (m_recentFiles.size() > MaxRecentFiles)
        m_recentFiles.removeLast();
    updateRecentFilesMenu();
    QSettings().setValue(SettingsRecent, m_recentFiles);
}

void MainWindow::removeRecentFile(const QString &path)
{
    if (m_recentFiles.removeAll(path) > 0) {
        updateRecentFilesMenu();
        QSettings().setValue(SettingsRecent, m_recentFiles);
    }
}

void MainWindow::updateRecentFilesMenu()
{
    m_recentMenu->clear();
    for (int i = 0; i < m_recentFiles.size(); ++i) {
        const QString path = m_recentFiles.at(i);
        const QString text = i < 9 ? QStringLiteral("&%1 %2").arg(i + 1).arg(QFileInfo(path).fileName())
                                   : QFileInfo(path).fileName();
        QAction *action = m_recentMenu->addAction(text, this, [this, path] { openFile(path); });
        action->setData(path);
        action->setToolTip(QDir::toNativeSeparators(path));
        action->setStatusTip(QDir::toNativeSeparators(path));
    }
    m_recentMenu->addSeparator();
    m_recentMenu->addAction(m_clearRecentAction);
    m_clearRecentAction->setEnabled(!m_recentFiles.isEmpty());
    m_recentMenu->setEnabled(!m_recentFiles.isEmpty());
}

void MainWindow::readSettings()
{
    QSettings settings;
    restoreGeometry(settings.value(SettingsGeometry).toByteArray());
    restoreState(settings.value(SettingsState).toByteArray());
    m_recentFiles = settings.value(SettingsRecent).toStringList();
    updateRecentFilesMenu();
}

void MainWindow::writeSettings() const
{
    QSettings settings;
    settings.setValue(SettingsGeometry, saveGeometry());
    settings.setValue(SettingsState, saveState());
    settings.setValue(SettingsRecent, m_recentFiles);
}

// --- autosave and recovery ---

void MainWindow::setAutosaveEnabled(bool enabled, int intervalMs)
{
    m_autosaver->setInterval(intervalMs);
    if (enabled)
        m_autosaver->start();
    else
        m_autosaver->stop();
}

bool MainWindow::recover(const RecoveryEntry &entry, QString *errorMessage)
{
    LoadResult result = SagaFile::load(entry.sagaPath);
    if (!result.ok()) {
        m_lastError = loadErrorMessage(result.error);
        if (errorMessage)
            *errorMessage = m_lastError;
        return false;
    }
    m_document->reset(*result.definition, entry.originalPath);
    m_document->markUnsaved();
    Autosaver::remove(entry);
    m_autosaver->autosave(); // the recovered state is this session's to protect now
    statusBar()->showMessage(tr("Recovered unsaved changes from %1")
                                 .arg(QLocale().toString(entry.savedAt.toLocalTime(), QLocale::ShortFormat)),
                             10000);
    return true;
}

bool MainWindow::offerRecovery()
{
    const QList<RecoveryEntry> entries = Autosaver::orphans();
    for (const RecoveryEntry &entry : entries) {
        const QString what = !entry.originalPath.isEmpty() ? QFileInfo(entry.originalPath).fileName()
                           : !entry.name.isEmpty()         ? entry.name
                                                           : tr("an untitled saga");
        QMessageBox box(QMessageBox::Question, tr("Recover Unsaved Changes"),
                        tr("Sagascope did not close properly. Recover the unsaved changes to %1, "
                           "autosaved %2?")
                            .arg(what, QLocale().toString(entry.savedAt.toLocalTime(), QLocale::ShortFormat)),
                        QMessageBox::NoButton, this);
        box.setObjectName(QStringLiteral("recoveryMessageBox"));
        QPushButton *recoverButton = box.addButton(tr("&Recover"), QMessageBox::AcceptRole);
        box.addButton(tr("&Discard"), QMessageBox::DestructiveRole);
        box.setDefaultButton(recoverButton);
        box.exec();
        if (box.clickedButton() != recoverButton) {
            Autosaver::remove(entry);
            continue;
        }
        QString message;
        if (recover(entry, &message))
            return true;
        showError(tr("Cannot Recover"), message);
    }
    return false;
}

// --- selection and quick fixes ---

void MainWindow::selectSteps(const QStringList &ids)
{
    QItemSelection selection;
    int firstRow = -1;
    for (const QString &id : ids) {
        const int row = m_stepModel->rowOf(id);
        if (row < 0)
            continue;
        if (firstRow < 0)
            firstRow = row;
        selection.select(m_stepModel->index(row, 0), m_stepModel->index(row, StepTableModel::ColumnCount - 1));
    }
    QItemSelectionModel *model = m_stepTable->selectionModel();
    model->select(selection, QItemSelectionModel::ClearAndSelect);
    if (firstRow >= 0) {
        model->setCurrentIndex(m_stepModel->index(firstRow, 0), QItemSelectionModel::NoUpdate);
        m_stepTable->scrollTo(m_stepModel->index(firstRow, 0));
    }
}

QStringList MainWindow::selectedStepIds() const
{
    QStringList ids;
    const QModelIndexList rows = m_stepTable->selectionModel()->selectedRows();
    for (const QModelIndex &index : rows)
        ids.append(m_stepModel->idAt(index.row()));
    return ids;
}

QString MainWindow::helpTopic() const
{
    // A field says what it is about (its "glossary" property, or one of its parents').
    for (const QWidget *w = QApplication::focusWidget(); w; w = w->parentWidget()) {
        const QString key = w->property("glossary").toString();
        if (!key.isEmpty())
            return key;
        if (w == m_problemsPanel) {
            const Diagnostic *current = m_problemsPanel->currentDiagnostic();
            return current ? current->rule : QString();
        }
    }
    return {};
}

void MainWindow::showHelp(const QString &key)
{
    if (!m_glossary)
        m_glossary = new GlossaryDialog(this);
    if (!key.isEmpty())
        m_glossary->showEntry(key);
    m_glossary->show();
    m_glossary->raise();
    m_glossary->activateWindow();
}

QString MainWindow::quickFixText(const Diagnostic &diagnostic) const
{
    return m_problemsPanel->model()->quickFixText(diagnostic);
}

bool MainWindow::applyFixOf(const Diagnostic &diagnostic)
{
    return diagnostic.hasFix() ? m_document->applyFix(diagnostic) : m_document->applyCompensationFix(diagnostic);
}

bool MainWindow::applyQuickFix(const Diagnostic &diagnostic)
{
    const QString text = quickFixText(diagnostic);
    if (text.isEmpty() || !applyFixOf(diagnostic)) {
        statusBar()->showMessage(tr("The quick fix for %1 no longer applies.").arg(diagnostic.rule), 8000);
        return false;
    }
    statusBar()->showMessage(tr("Applied quick fix: %1").arg(text), 5000);
    return true;
}

bool MainWindow::applyCurrentQuickFix()
{
    const Diagnostic *current = m_problemsPanel->currentDiagnostic();
    if (!current || quickFixText(*current).isEmpty())
        return false;
    const Diagnostic diagnostic = *current; // the panel's list changes during the fix
    const QString text = quickFixText(diagnostic);
    if (!applyFixOf(diagnostic)) {
        showError(tr("Cannot Apply Quick Fix"), tr("The quick fix for %1 no longer applies.").arg(diagnostic.rule));
        return false;
    }
    statusBar()->showMessage(tr("Applied quick fix: %1").arg(text), 5000);
    selectSteps(diagnostic.steps.mid(0, 1));
    return true;
}

void MainWindow::showStepContextMenu(const QPoint &pos)
{
    const QModelIndex index = m_stepTable->indexAt(pos);
    if (!index.isValid())
        return;
    const StepId id = m_stepModel->idAt(index.row());
    QMenu menu(this);
    if (addQuickFixActions(&menu, id) == 0) {
        QAction *none = menu.addAction(tr("No quick fixes for %1").arg(id));
        none->setEnabled(false);
    }
    menu.exec(m_stepTable->viewport()->mapToGlobal(pos));
}

int MainWindow::addQuickFixActions(QMenu *menu, const StepId &step)
{
    int added = 0;
    for (const Diagnostic &diagnostic : m_document->diagnostics()) {
        const QString text = quickFixText(diagnostic);
        if (text.isEmpty() || diagnostic.steps.value(0) != step)
            continue;
        menu->addAction(QIcon(QStringLiteral(":/icons/quick-fix.svg")), tr("Quick Fix (%1): %2").arg(diagnostic.rule, text),
                        this, [this, diagnostic] { applyQuickFix(diagnostic); });
        ++added;
    }
    return added;
}

// --- state shown ---

void MainWindow::fitStepColumns()
{
    m_stepTable->resizeColumnsToContents();
    QHeaderView *header = m_stepTable->horizontalHeader();
    for (int column = 0; column < StepTableModel::ColumnCount - 1; ++column)
        header->resizeSection(column, std::min(header->sectionSize(column) + 24, 360));
}

QString MainWindow::documentName() const
{
    const QString path = m_document->filePath();
    if (!path.isEmpty())
        return QFileInfo(path).fileName();
    if (!m_document->sourceLog().isEmpty() && m_document->isModified()) // edited: a new saga, not the log's
        return tr("Untitled, from %1").arg(QFileInfo(m_document->sourceLog()).fileName());
    return m_document->definition().name.isEmpty() ? tr("Untitled") : m_document->definition().name;
}

void MainWindow::updateTitle()
{
    const QString path = m_document->filePath();
    QString name = documentName();
    if (path.isEmpty() && !m_document->sourceLog().isEmpty() && !m_document->isModified())
        name = tr("%1 (log %2)").arg(name, QFileInfo(m_document->sourceLog()).fileName());
    setWindowTitle(tr("%1[*] \u2014 Sagascope").arg(name));
    setWindowModified(m_document->isModified());
    setWindowFilePath(path);

    const SagaDefinition &d = m_document->definition();
    QString header = QStringLiteral("<b>%1</b>").arg((d.name.isEmpty() ? name : d.name).toHtmlEscaped());
    if (!d.description.isEmpty())
        header += QStringLiteral(" &nbsp;\u2014&nbsp; ") + d.description.toHtmlEscaped();
    m_sagaHeader->setText(header);
}

void MainWindow::updateStatus()
{
    const int steps = int(m_document->definition().steps.size());
    const int errors = m_problemsPanel->model()->errorCount();
    const int warnings = m_problemsPanel->model()->warningCount();
    m_statusCounts->setText(tr("%n step(s)", nullptr, steps) + QStringLiteral("  \u00b7  ")
                            + tr("%n error(s)", nullptr, errors) + QStringLiteral("  \u00b7  ")
                            + tr("%n warning(s)", nullptr, warnings));
    m_problemsDock->setWindowTitle(errors + warnings == 0 ? tr("Problems")
                                                          : tr("Problems (%1)").arg(errors + warnings));
    updateActions();
}

void MainWindow::updateActions()
{
    const Diagnostic *current = m_problemsPanel->currentDiagnostic();
    const QString fix = current ? quickFixText(*current) : QString();
    const bool canFix = !fix.isEmpty();
    m_applyFixAction->setEnabled(canFix);
    m_applyFixAction->setToolTip(canFix ? tr("Quick fix: %1").arg(fix)
                                        : tr("Select a problem that offers a quick fix"));
}

// --- busy state ---

void MainWindow::beginBusy()
{
    ++m_busy;
}

void MainWindow::endBusy()
{
    if (m_busy > 0 && --m_busy == 0)
        Q_EMIT idle();
}

// --- events ---

void MainWindow::closeEvent(QCloseEvent *event)
{
    if (!maybeSave()) {
        event->ignore();
        return;
    }
    writeSettings();
    m_autosaver->discard();
    event->accept();
}

QStringList MainWindow::sagaFilesIn(const QMimeData *mime)
{
    QStringList files;
    if (!mime || !mime->hasUrls())
        return files;
    const QList<QUrl> urls = mime->urls();
    for (const QUrl &url : urls) {
        if (url.isLocalFile() && url.toLocalFile().endsWith(QLatin1String(".saga"), Qt::CaseInsensitive))
            files.append(url.toLocalFile());
    }
    return files;
}

void MainWindow::dragEnterEvent(QDragEnterEvent *event)
{
    if (!sagaFilesIn(event->mimeData()).isEmpty())
        event->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent *event)
{
    const QStringList files = sagaFilesIn(event->mimeData());
    if (files.isEmpty())
        return;
    event->acceptProposedAction();
    // Open after the drop has finished, so that a prompt does not run inside the drag.
    const QString path = files.first();
    QMetaObject::invokeMethod(this, [this, path] { openFile(path); }, Qt::QueuedConnection);
}

} // namespace Sagascope
