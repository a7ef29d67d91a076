// SPDX-License-Identifier: MIT
#pragma once

#include "sagadefinition.h"
#include "sagadocument.h"
#include "sagafile.h"

#include <QMainWindow>
#include <QPointer>
#include <QStringList>

QT_BEGIN_NAMESPACE
class QAction;
class QDockWidget;
class QLabel;
class QMenu;
class QMimeData;
class QStackedWidget;
class QTableView;
class QToolBar;
QT_END_NAMESPACE

namespace Sagascope {

class GlossaryDialog;

class Autosaver;
class ProblemsPanel;
class SagaDocument;
class StepTableModel;
struct Diagnostic;
struct RecoveryEntry;

/**
 * The designer's main window: File, Edit and View menus over one SagaDocument, the steps
 * (a table until a designer view is installed with setDesignerView()), the Problems panel with
 * quick fixes, recent files, drag and drop, autosave and crash recovery.
 */
class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    explicit MainWindow(QWidget *parent = nullptr);
    ~MainWindow() override;

    SagaDocument *document() const { return m_document; }

    /** Opens a file, asking first when there are unsaved changes and showing a message box
     *  (naming the file, the JSON path and the fault) when it cannot be loaded. */
    bool openFile(const QString &path);
    /** Starts an untitled saga from an embedded example (`:/examples/NAME.saga`). */
    bool newFromExample(const QString &resourcePath, QString *errorMessage = nullptr);
    /** Loads a file without asking anything; on failure returns false and the message. */
    bool loadFile(const QString &path, QString *errorMessage);
    /** Saves to `path` (or the current file) without asking; false and the message on failure.
     *  It never writes over a file another program changed since it was read, unless `outside`
     *  says Overwrite (the user was asked). */
    bool saveFile(const QString &path, QString *errorMessage,
                  SagaDocument::OutsideChanges outside = SagaDocument::OutsideChanges::Refuse);
    /** What the window does when another program changed or deleted the open file: asks (reload,
     *  keep mine, save as), or reloads a clean document without asking when the setting says so
     *  (reloadsSilently()). With prompts off a clean document is reloaded and unsaved edits kept. */
    void handleOutsideChange(FileGuard::State state);
    /** Reload a file changed outside without asking when the document has no unsaved edits. */
    static bool reloadsSilently();
    static void setReloadsSilently(bool on);
    /** The message of the last failed open or save (also when a message box showed it). */
    QString lastError() const { return m_lastError; }
    /** The message shown for a file that cannot be loaded. */
    static QString loadErrorMessage(const LoadError &error);

    /** With prompts off (tests, --screenshot) nothing modal is shown: unsaved changes are
     *  discarded without asking and errors only go to lastError(). */
    void setPromptsEnabled(bool enabled) { m_promptsEnabled = enabled; }
    bool promptsEnabled() const { return m_promptsEnabled; }

    /** Autosave to a recovery file every `intervalMs` while the document is modified. */
    void setAutosaveEnabled(bool enabled, int intervalMs = 60 * 1000);
    Autosaver *autosaver() const { return m_autosaver; }
    /** Offers the autosaves of sessions that crashed; true when one was restored. */
    bool offerRecovery();
    /** Restores an autosave into the window (modified, with the original file name). */
    bool recover(const RecoveryEntry &entry, QString *errorMessage);

    /** Window geometry, dock layout and recent files. */
    virtual void readSettings();
    virtual void writeSettings() const;
    QStringList recentFiles() const { return m_recentFiles; }

    /** Selects these steps in the step list (and in the designer view, through the signal). */
    void selectSteps(const QStringList &ids);
    QStringList selectedStepIds() const;
    /** Applies the quick fix of the diagnostic current in the Problems panel. */
    virtual bool applyCurrentQuickFix();
    /** Applies one diagnostic's quick fix (the step list's context menu, the canvas's) and says
     *  so in the status bar; false, said too, when it no longer applies. The designer makes the
     *  moved cards glide. */
    virtual bool applyQuickFix(const Diagnostic &diagnostic);
    /** Where File > Open and Save As start: the last folder a saga was opened from or saved
     *  to, else the examples folder (examplesFolder()), else the home folder. */
    QString dialogFolder() const;
    /** The folder of `filePath` becomes dialogFolder() (an embedded example's is not kept). */
    void rememberFolderOf(const QString &filePath);
    /** The examples shipped with the program (installed, or the source tree's when run where it
     *  was built); empty when there are none. */
    static QString examplesFolder();

    /** F1: the glossary's concept for what has the focus (a field, a problem, a card), or the
     *  glossary's list when nothing in particular; Help › Glossary shows the list. */
    void showHelp(const QString &key = QString());
    /** The glossary key F1 explains now (empty: none in particular). The designer adds the
     *  canvas's selection. */
    virtual QString helpTopic() const;

    /** What the quick fix of `diagnostic` does (DiagnosticModel::quickFixText()); empty: none. */
    QString quickFixText(const Diagnostic &diagnostic) const;

    /** Installs the designer (canvas) as the central widget; the step table moves to a dock.
     *  Call it before readSettings() so that the dock layout is restored too. The designer
     *  reaches the document through document(), follows stepSelectionRequested(), reports its
     *  own selection with selectSteps(), adds its actions to the menus below, and brackets
     *  layouts and animations with beginBusy()/endBusy() so that --screenshot waits for them. */
    void setDesignerView(QWidget *view);
    QWidget *designerView() const { return m_designerView; }
    QTableView *stepTable() const { return m_stepTable; }
    ProblemsPanel *problemsPanel() const { return m_problemsPanel; }
    QAction *applyFixAction() const { return m_applyFixAction; }

    // --- for the designer: the menus, toolbar and docks it adds to ---
    /** New, Open, Open Recent, New from Example | Save, Save As | Quit. */
    QMenu *fileMenu() const { return m_fileMenu; }
    /** The File menu's Open Recent submenu (the designer puts Open Log before it). */
    QMenu *recentFilesMenu() const { return m_recentMenu; }
    /** The separator above Quit (the designer puts Export before it). */
    QAction *quitSeparator() const { return m_quitSeparator; }
    QMenu *editMenu() const { return m_editMenu; }
    /** The dock toggles (Steps once a designer view is installed, Problems, History, toolbar). */
    QMenu *viewMenu() const { return m_viewMenu; }
    QMenu *helpMenu() const { return m_helpMenu; }
    QToolBar *mainToolBar() const { return m_mainToolBar; }
    QDockWidget *problemsDock() const { return m_problemsDock; }
    /** The step table's dock; null until setDesignerView(). */
    QDockWidget *stepsDock() const { return m_stepsDock; }
    /** Adds an action per quick fix of the problems `step` is the one to act on (the step
     *  table's context menu, the canvas's); returns how many. */
    int addQuickFixActions(QMenu *menu, const StepId &step);

    /** Work in progress (a layout, an animation, a run) that --screenshot waits for. */
    void beginBusy();
    void endBusy();
    bool isBusy() const { return m_busy > 0; }

Q_SIGNALS:
    /** The user asked to select these steps (a problem was activated, the step list changed). */
    void stepSelectionRequested(const QStringList &ids);
    void idle();

protected:
    /** Asked before the document is replaced (New, Open, an example, a reload), before the
     *  unsaved-changes prompt: false keeps it. The designer asks to stop a run of it. */
    virtual bool confirmLeaveDocument() { return true; }
    void closeEvent(QCloseEvent *event) override;
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dropEvent(QDropEvent *event) override;

private:
    /** The SPEC's fix through SagaDocument::applyFix(), else the designer's own. */
    bool applyFixOf(const Diagnostic &diagnostic);
    QPointer<GlossaryDialog> m_glossary;
    void createActions();
    void createMenus();
    void createWidgets();
    void newFile();
    void open();
    bool save();
    bool saveAs();
    bool maybeSave();
    /** Before Save writes the document's own file: false when the user cancelled or chose
     *  another way (reload, save as); true to write, with `outside` set to what may be written over. */
    bool confirmSaveOverOutsideChange(SagaDocument::OutsideChanges *outside);
    bool reloadFromDisk();
    void showError(const QString &title, const QString &message);
    void addRecentFile(const QString &path);
    void removeRecentFile(const QString &path);
    void updateRecentFilesMenu();
    void buildExamplesMenu(QMenu *menu);
    void updateTitle();
    /** The file's name; for a saga edited from a log "Untitled, from LOG"; else the saga's name. */
    QString documentName() const;
    void updateStatus();
    void updateActions();
    void showStepContextMenu(const QPoint &pos);
    void fitStepColumns();
    static QStringList sagaFilesIn(const QMimeData *mime);

    SagaDocument *m_document;
    Autosaver *m_autosaver;
    StepTableModel *m_stepModel = nullptr;

    QStackedWidget *m_central = nullptr;
    QWidget *m_stepPage = nullptr;
    QLabel *m_sagaHeader = nullptr;
    QTableView *m_stepTable = nullptr;
    QWidget *m_designerView = nullptr;
    QDockWidget *m_stepsDock = nullptr;
    QDockWidget *m_problemsDock = nullptr;
    QDockWidget *m_historyDock = nullptr;
    ProblemsPanel *m_problemsPanel = nullptr;
    QLabel *m_statusCounts = nullptr;

    QAction *m_newAction = nullptr;
    QAction *m_openAction = nullptr;
    QAction *m_saveAction = nullptr;
    QAction *m_saveAsAction = nullptr;
    QAction *m_quitAction = nullptr;
    QAction *m_undoAction = nullptr;
    QAction *m_redoAction = nullptr;
    QAction *m_applyFixAction = nullptr;
    QAction *m_clearRecentAction = nullptr;
    QAction *m_quitSeparator = nullptr;
    QMenu *m_recentMenu = nullptr;
    QMenu *m_fileMenu = nullptr;
    QMenu *m_editMenu = nullptr;
    QMenu *m_viewMenu = nullptr;
    QMenu *m_helpMenu = nullptr;
    QToolBar *m_mainToolBar = nullptr;

    QStringList m_recentFiles;
    QString m_lastError;
    bool m_promptsEnabled = true;
    bool m_askingAboutFile = false; // a prompt about an outside change is open
    int m_busy = 0;
};

} // namespace Sagascope
