// SPDX-License-Identifier: MIT
// The main window, offscreen: opening files, the step list, the Problems panel and its quick
// fix, undo/redo, errors for bad files, the dirty marker and its prompt, drag and drop,
// recent files, autosave/recovery and `sagascope --screenshot`.
#include "autosaver.h"
#include "diagnosticmodel.h"
#include "mainwindow.h"
#include "messageboxanswer.h"
#include "problemspanel.h"
#include "sagadocument.h"
#include "sagafile.h"
#include "screenshot.h"
#include "steptablemodel.h"
#include "testconfig.h"
#include "validator.h"

#include <QAction>
#include <QApplication>
#include <QDir>
#include <QDockWidget>
#include <QImage>
#include <QMenu>
#include <QMessageBox>
#include <QMimeData>
#include <QProcess>
#include <QPushButton>
#include <QSignalSpy>
#include <QStyle>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QTreeView>
#include <QUndoStack>
#include <QUrl>

using namespace Sagascope;

namespace {

QString example(const char *name)
{
    return QStringLiteral(SAGASCOPE_EXAMPLES_DIR "/") + QLatin1String(name);
}

int rowOfRule(const MainWindow &window, const QString &rule)
{
    const DiagnosticModel *model = window.problemsPanel()->model();
    for (int row = 0; row < model->rowCount(); ++row) {
        if (model->diagnosticAt(row)->rule == rule)
            return row;
    }
    return -1;
}

bool hasRule(const SagaDocument &document, const QString &rule)
{
    return std::any_of(document.diagnostics().cbegin(), document.diagnostics().cend(),
                       [&](const Diagnostic &d) { return d.rule == rule; });
}

void writeFile(const QString &path, const QByteArray &bytes)
{
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
    QCOMPARE(file.write(bytes), bytes.size());
}

QByteArray readFile(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

/** Shows `window` with a private, writable copy of order-checkout.saga at `path`. */
void openCopyOfExample(MainWindow *window, const QString &path)
{
    QFile::remove(path);
    QVERIFY(QFile::copy(example("order-checkout.saga"), path));
    QVERIFY(QFile::setPermissions(path, QFile::ReadOwner | QFile::WriteOwner));
    window->show();
    QVERIFY(window->loadFile(path, nullptr));
}

} // namespace

class TestMainWindow : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void init();
    void opensExampleAndListsEveryStep();
    void problemsPanelShowsDiagnostics();
    void quickFixThroughTheUiAndUndo();
    void activatingAProblemSelectsItsSteps();
    void badFileReturnsAClearMessage();
    void badFileShowsAMessageBox();
    void dirtyMarkerAndPromptBeforeLosingChanges();
    void saveWritesTheFileAndClearsTheMarker();
    void fileChangedBehindTheDocumentIsNeverOverwrittenUnasked();
    void cleanDocumentReloadsAnOutsideChange();
    void dropOpensASagaFile();
    void recentFiles();
    void autosaveAndRecovery();
    void newFromExample();
    void designerViewTakesTheCentralArea();
    void screenshotWaitsUntilTheWindowIsIdle();
    void screenshotWritesAPngOfTheGivenSize();
    void screenshotRefusesBadInput();

private:
    QTemporaryDir m_dir;
};

void TestMainWindow::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("SagascopeTest"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_mainwindow"));
    QVERIFY(m_dir.isValid());
    QVERIFY2(QFile::exists(example("order-checkout.saga")), "examples/order-checkout.saga is missing");
    QVERIFY2(QFile::exists(example("points-too-early.saga")), "examples/points-too-early.saga is missing");
}

void TestMainWindow::init()
{
    QDir(Autosaver::recoveryDirectory()).removeRecursively();
}

void TestMainWindow::opensExampleAndListsEveryStep()
{
    const LoadResult expected = SagaFile::load(example("order-checkout.saga"));
    QVERIFY(expected.ok());
    MainWindow window;
    window.setPromptsEnabled(false);
    window.show();
    QString message;
    QVERIFY2(window.loadFile(example("order-checkout.saga"), &message), qPrintable(message));

    const QAbstractItemModel *model = window.stepTable()->model();
    QCOMPARE(model->rowCount(), expected.definition->steps.size());
    QVERIFY(model->rowCount() >= 4);
    for (int row = 0; row < model->rowCount(); ++row) {
        const Step &step = expected.definition->steps.at(row);
        QCOMPARE(model->index(row, StepTableModel::IdColumn).data().toString(), step.id);
        QCOMPARE(model->index(row, StepTableModel::LabelColumn).data().toString(), step.label);
        QCOMPARE(model->index(row, StepTableModel::KindColumn).data().toString(), stepKindName(step.kind));
        QCOMPARE(model->index(row, StepTableModel::ServiceColumn).data().toString(), step.service);
        QCOMPARE(model->index(row, StepTableModel::AfterColumn).data().toString(), step.after.join(QStringLiteral(", ")));
    }
    QVERIFY(window.windowTitle().startsWith(QStringLiteral("order-checkout.saga[*]")));
    QVERIFY(!window.isWindowModified());

    // Another file replaces the rows.
    QVERIFY(window.loadFile(example("travel-booking.saga"), &message));
    QCOMPARE(model->rowCount(), SagaFile::load(example("travel-booking.saga")).definition->steps.size());
}

void TestMainWindow::problemsPanelShowsDiagnostics()
{
    MainWindow window;
    window.setPromptsEnabled(false);
    window.show();
    QString message;
    QVERIFY2(window.loadFile(example("points-too-early.saga"), &message), qPrintable(message));
    const QList<Diagnostic> expected = Validator::validate(*SagaFile::load(example("points-too-early.saga")).definition);
    QVERIFY(!expected.isEmpty());

    const QAbstractItemModel *model = window.problemsPanel()->view()->model();
    QCOMPARE(model->rowCount(), expected.size());
    for (int row = 0; row < model->rowCount(); ++row) {
        const Diagnostic &d = expected.at(row);
        QCOMPARE(model->index(row, DiagnosticModel::RuleColumn).data().toString(), d.rule);
        QCOMPARE(model->index(row, DiagnosticModel::StepsColumn).data().toString(), d.steps.join(QStringLiteral(", ")));
        QCOMPARE(model->index(row, DiagnosticModel::MessageColumn).data().toString(), d.message);
        QCOMPARE(model->index(row, DiagnosticModel::SeverityColumn).data().toString(),
                 d.severity == Severity::Error ? QStringLiteral("Error") : QStringLiteral("Warning"));
        QVERIFY(!model->index(row, DiagnosticModel::SeverityColumn).data(Qt::DecorationRole).value<QIcon>().isNull());
    }
    const int row = rowOfRule(window, QStringLiteral("SAGA005"));
    QVERIFY(row >= 0);
    QCOMPARE(window.problemsPanel()->model()->diagnosticAt(row)->steps.value(0), QStringLiteral("award_points"));

    // The step list marks the steps that have findings.
    const QAbstractItemModel *steps = window.stepTable()->model();
    const int awardRow = static_cast<const StepTableModel *>(steps)->rowOf(QStringLiteral("award_points"));
    QVERIFY(!steps->index(awardRow, 0).data(Qt::DecorationRole).value<QIcon>().isNull());
}

void TestMainWindow::quickFixThroughTheUiAndUndo()
{
    MainWindow window;
    window.setPromptsEnabled(false);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QString message;
    QVERIFY(window.loadFile(example("points-too-early.saga"), &message));
    const QByteArray original = SagaFile::serialize(window.document()->definition());
    const int row = rowOfRule(window, QStringLiteral("SAGA005"));
    QVERIFY(row >= 0);
    QVERIFY(window.problemsPanel()->model()->diagnosticAt(row)->hasFix());

    // Select the problem with the mouse, then Edit > Apply Quick Fix.
    QTreeView *view = window.problemsPanel()->view();
    const QRect rect = view->visualRect(view->model()->index(row, DiagnosticModel::MessageColumn));
    QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, rect.center());
    QCOMPARE(window.problemsPanel()->currentDiagnostic()->rule, QStringLiteral("SAGA005"));
    QVERIFY(window.applyFixAction()->isEnabled());
    window.applyFixAction()->trigger();

    QVERIFY(!hasRule(*window.document(), QStringLiteral("SAGA005")));
    QVERIFY(!Validator::hasErrors(window.document()->diagnostics()));
    const Step *award = window.document()->definition().step(QStringLiteral("award_points"));
    QVERIFY(award->after.contains(QStringLiteral("take_payment")) || award->after.contains(QStringLiteral("ship_order")));
    QCOMPARE(rowOfRule(window, QStringLiteral("SAGA005")), -1);
    QVERIFY(window.isWindowModified());
    QCOMPARE(window.document()->undoStack()->count(), 1);

    auto *undo = window.findChild<QAction *>(QStringLiteral("actionUndo"));
    auto *redo = window.findChild<QAction *>(QStringLiteral("actionRedo"));
    QVERIFY(undo && redo);
    QVERIFY(undo->isEnabled());
    undo->trigger();
    QVERIFY(hasRule(*window.document(), QStringLiteral("SAGA005")));
    QVERIFY(rowOfRule(window, QStringLiteral("SAGA005")) >= 0);
    QCOMPARE(SagaFile::serialize(window.document()->definition()), original);
    QVERIFY(!window.isWindowModified());
    redo->trigger();
    QVERIFY(!hasRule(*window.document(), QStringLiteral("SAGA005")));

    // With no problem that has a fix selected, the action is off.
    window.problemsPanel()->view()->setCurrentIndex({});
    QVERIFY(!window.applyFixAction()->isEnabled());
    QVERIFY(!window.applyCurrentQuickFix());
}

void TestMainWindow::activatingAProblemSelectsItsSteps()
{
    MainWindow window;
    window.setPromptsEnabled(false);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QString message;
    QVERIFY(window.loadFile(example("points-too-early.saga"), &message));
    const int row = rowOfRule(window, QStringLiteral("SAGA005"));
    QVERIFY(row >= 0);
    const QStringList steps = window.problemsPanel()->model()->diagnosticAt(row)->steps;
    QSignalSpy requested(&window, &MainWindow::stepSelectionRequested);

    QTreeView *view = window.problemsPanel()->view();
    const QRect rect = view->visualRect(view->model()->index(row, DiagnosticModel::RuleColumn));
    QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, rect.center());
    if (!view->style()->styleHint(QStyle::SH_ItemView_ActivateItemOnSingleClick, nullptr, view))
        QVERIFY(window.selectedStepIds().isEmpty()); // a click only makes the problem current
    QTest::mouseDClick(view->viewport(), Qt::LeftButton, {}, rect.center());
    QStringList selected = window.selectedStepIds();
    selected.sort();
    QStringList expected = steps;
    expected.sort();
    QCOMPARE(selected, expected);
    QVERIFY(!requested.isEmpty());
    QStringList last = requested.last().first().toStringList();
    last.sort();
    QCOMPARE(last, expected);
}

void TestMainWindow::badFileReturnsAClearMessage()
{
    const QString path = m_dir.filePath(QStringLiteral("wrong-type.saga"));
    {
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(R"({"format":"sagascope/1","steps":[{"id":"a","kind":"pivot","action":{"name":"x"}},)"
                   R"({"id":"b","kind":"retriable","action":{"name":"y"},"retry":{"maxAttempts":"three"}}]})");
    }
    MainWindow window;
    window.setPromptsEnabled(false);
    QVERIFY(window.loadFile(example("order-checkout.saga"), nullptr));
    QString message;
    QVERIFY(!window.loadFile(path, &message));
    QVERIFY2(message.contains(QStringLiteral("wrong-type.saga")), qPrintable(message));
    QVERIFY2(message.contains(QStringLiteral("steps[1].retry.maxAttempts")), qPrintable(message));
    QCOMPARE(window.lastError(), message);
    // Nothing is half-loaded: the open saga stays.
    QCOMPARE(QFileInfo(window.document()->filePath()).fileName(), QStringLiteral("order-checkout.saga"));

    QVERIFY(!window.loadFile(m_dir.filePath(QStringLiteral("missing.saga")), &message));
    QVERIFY2(message.contains(QStringLiteral("missing.saga")), qPrintable(message));
}

void TestMainWindow::badFileShowsAMessageBox()
{
    const QString path = m_dir.filePath(QStringLiteral("not-json.saga"));
    {
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("{ \"format\": \"sagascope/1\", \"steps\": [ ");
    }
    MainWindow window;
    window.show();
    MessageBoxAnswer answer;
    answer.answer(QMessageBox::Ok);
    QVERIFY(!window.openFile(path));
    QVERIFY(answer.seen);
    QVERIFY2(answer.text.contains(QStringLiteral("not-json.saga")), qPrintable(answer.text));
    QVERIFY2(answer.informativeText.contains(QStringLiteral("not-json.saga")), qPrintable(answer.informativeText));
    QVERIFY(!window.lastError().isEmpty());
}

void TestMainWindow::dirtyMarkerAndPromptBeforeLosingChanges()
{
    auto *window = new MainWindow;
    window->setAttribute(Qt::WA_DeleteOnClose, false);
    window->show();
    QVERIFY(window->loadFile(example("order-checkout.saga"), nullptr));
    QVERIFY(!window->isWindowModified());
    window->document()->setStepLabel(QStringLiteral("create_order"), QStringLiteral("Create the order"));
    QVERIFY(window->isWindowModified());
    QVERIFY(window->windowTitle().contains(QStringLiteral("[*]")));

    // Cancel keeps the window and the changes.
    MessageBoxAnswer cancel;
    cancel.answer(QMessageBox::Cancel);
    QVERIFY(!window->close());
    QVERIFY(cancel.seen);
    QVERIFY(cancel.text.contains(QStringLiteral("order-checkout.saga")));
    QVERIFY(window->isVisible());
    QVERIFY(window->document()->isModified());

    // Opening another file asks too; Cancel keeps the current one.
    MessageBoxAnswer cancelOpen;
    cancelOpen.answer(QMessageBox::Cancel);
    QVERIFY(!window->openFile(example("travel-booking.saga")));
    QVERIFY(cancelOpen.seen);
    QCOMPARE(QFileInfo(window->document()->filePath()).fileName(), QStringLiteral("order-checkout.saga"));

    // Discard closes.
    MessageBoxAnswer discard;
    discard.answer(QMessageBox::Discard);
    QVERIFY(window->close());
    QVERIFY(discard.seen);
    delete window;
}

void TestMainWindow::saveWritesTheFileAndClearsTheMarker()
{
    MainWindow window;
    window.setPromptsEnabled(false);
    QVERIFY(window.loadFile(example("order-checkout.saga"), nullptr));
    window.document()->setSagaInfo(QStringLiteral("Renamed"), QStringLiteral("d"));
    const QString path = m_dir.filePath(QStringLiteral("saved.saga"));
    QString message;
    QVERIFY2(window.saveFile(path, &message), qPrintable(message));
    QVERIFY(!window.isWindowModified());
    QVERIFY(window.windowTitle().startsWith(QStringLiteral("saved.saga")));
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(file.readAll(), SagaFile::serialize(window.document()->definition()));

    QVERIFY(!window.saveFile(m_dir.filePath(QStringLiteral("no/such/dir/x.saga")), &message));
    QVERIFY2(message.contains(QStringLiteral("x.saga")), qPrintable(message));
}

void TestMainWindow::fileChangedBehindTheDocumentIsNeverOverwrittenUnasked()
{
    const QString path = m_dir.filePath(QStringLiteral("outside.saga"));
    MainWindow window;
    openCopyOfExample(&window, path);
    window.document()->setStepLabel(QStringLiteral("create_order"), QStringLiteral("My unsaved label"));

    // Another tool changes the description and adds a step while the edit is unsaved.
    SagaDefinition theirs = SagaFile::load(path).definition.value();
    theirs.description = QStringLiteral("Changed by another tool");
    Step extra = theirs.steps.last();
    extra.id = QStringLiteral("added_outside");
    extra.after = {theirs.steps.last().id};
    theirs.steps.append(extra);
    const QByteArray outside = SagaFile::serialize(theirs);

    // The watcher asks: the window names the file and the unsaved changes; Keep Mine keeps them.
    MessageBoxAnswer keepMine;
    keepMine.choose(QStringLiteral("Keep Mine"));
    writeFile(path, outside);
    QTRY_VERIFY_WITH_TIMEOUT(keepMine.seen, 5000);
    QCOMPARE(keepMine.objectName, QStringLiteral("outsideChangeMessageBox"));
    QVERIFY2(keepMine.text.contains(QStringLiteral("outside.saga")) && keepMine.text.contains(QStringLiteral("not saved")),
             qPrintable(keepMine.text));
    QCOMPARE(window.document()->definition().steps.first().label, QStringLiteral("My unsaved label"));
    QCOMPARE(readFile(path), outside);

    // Changed again, and Save pressed before the watcher's prompt: the look before saving asks;
    // Cancel writes nothing.
    theirs.description = QStringLiteral("Changed once more");
    const QByteArray again = SagaFile::serialize(theirs);
    writeFile(path, again);
    MessageBoxAnswer cancel;
    cancel.choose(QStringLiteral("Cancel"));
    window.findChild<QAction *>(QStringLiteral("actionSave"))->trigger();
    QVERIFY(cancel.seen);
    QCOMPARE(cancel.objectName, QStringLiteral("saveOverOutsideChangeMessageBox"));
    QCOMPARE(readFile(path), again);
    QVERIFY(window.document()->isModified());

    // With prompts off (nothing can be asked), Save refuses with a message naming the file.
    window.setPromptsEnabled(false);
    QString message;
    QVERIFY(!window.saveFile({}, &message));
    QVERIFY2(message.contains(QStringLiteral("outside.saga")) && message.contains(QStringLiteral("another program")),
             qPrintable(message));
    QCOMPARE(readFile(path), again);
    window.setPromptsEnabled(true);

    // Save Over It writes the user's version, and keeps the file's mode.
    MessageBoxAnswer overwrite;
    overwrite.choose(QStringLiteral("Save Over It"));
    window.findChild<QAction *>(QStringLiteral("actionSave"))->trigger();
    QVERIFY(overwrite.seen);
    QCOMPARE(readFile(path), SagaFile::serialize(window.document()->definition()));
    QVERIFY(!window.document()->isModified());
    QCOMPARE(QFileInfo(path).permissions() & (QFile::ReadGroup | QFile::ReadOther), QFile::Permissions());
}

void TestMainWindow::cleanDocumentReloadsAnOutsideChange()
{
    const QString path = m_dir.filePath(QStringLiteral("clean.saga"));
    MainWindow window;
    openCopyOfExample(&window, path);
    const int steps = int(window.document()->definition().steps.size());

    // Deleted and made again (an editor's rename-over, git checkout): asked, Reload takes it.
    SagaDefinition theirs = window.document()->definition();
    theirs.steps.removeLast();
    MessageBoxAnswer reload;
    reload.choose(QStringLiteral("Reload"));
    QVERIFY(QFile::remove(path));
    writeFile(path, SagaFile::serialize(theirs));
    QTRY_VERIFY_WITH_TIMEOUT(reload.seen, 5000);
    QVERIFY2(reload.text.contains(QStringLiteral("clean.saga")), qPrintable(reload.text));
    QCOMPARE(int(window.document()->definition().steps.size()), steps - 1);
    QVERIFY(!window.document()->isModified());

    // The setting: a clean document reloads without asking.
    MainWindow::setReloadsSilently(true);
    theirs.steps.removeLast();
    writeFile(path, SagaFile::serialize(theirs));
    QTRY_COMPARE_WITH_TIMEOUT(int(window.document()->definition().steps.size()), steps - 2, 5000);
    MainWindow::setReloadsSilently(false);
}

void TestMainWindow::dropOpensASagaFile()
{
    MainWindow window;
    window.setPromptsEnabled(false);
    window.show();
    QMimeData mime;
    mime.setUrls({QUrl::fromLocalFile(example("travel-booking.saga"))});
    QDragEnterEvent enter(QPoint(10, 10), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(&window, &enter);
    QVERIFY(enter.isAccepted());
    QDropEvent drop(QPointF(10, 10), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(&window, &drop);
    QTRY_COMPARE(QFileInfo(window.document()->filePath()).fileName(), QStringLiteral("travel-booking.saga"));

    QMimeData text;
    text.setUrls({QUrl::fromLocalFile(m_dir.filePath(QStringLiteral("notes.txt")))});
    QDragEnterEvent refused(QPoint(10, 10), Qt::CopyAction, &text, Qt::LeftButton, Qt::NoModifier);
    refused.setAccepted(false);
    QApplication::sendEvent(&window, &refused);
    QVERIFY(!refused.isAccepted());
}

void TestMainWindow::recentFiles()
{
    MainWindow window;
    window.setPromptsEnabled(false);
    QVERIFY(window.loadFile(example("order-checkout.saga"), nullptr));
    QVERIFY(window.loadFile(example("travel-booking.saga"), nullptr));
    QCOMPARE(window.recentFiles().value(0), QFileInfo(example("travel-booking.saga")).absoluteFilePath());
    QCOMPARE(window.recentFiles().value(1), QFileInfo(example("order-checkout.saga")).absoluteFilePath());
    QVERIFY(window.loadFile(example("order-checkout.saga"), nullptr));
    QCOMPARE(window.recentFiles().value(0), QFileInfo(example("order-checkout.saga")).absoluteFilePath());
    QCOMPARE(window.recentFiles().count(example("order-checkout.saga")), 1);

    // Kept in QSettings for the next window.
    window.writeSettings();
    MainWindow next;
    next.readSettings();
    QCOMPARE(next.recentFiles().value(0), QFileInfo(example("order-checkout.saga")).absoluteFilePath());
}

void TestMainWindow::autosaveAndRecovery()
{
    QString edited;
    QString recoveryPath;
    {
        MainWindow window;
        window.setPromptsEnabled(false);
        QVERIFY(window.loadFile(example("order-checkout.saga"), nullptr));
        window.document()->setStepLabel(QStringLiteral("ship_order"), QStringLiteral("Ship it"));
        QString error;
        QVERIFY2(window.autosaver()->autosave(&error), qPrintable(error));
        recoveryPath = window.autosaver()->recoveryFilePath();
        QVERIFY(QFile::exists(recoveryPath));
        edited = QString::fromUtf8(SagaFile::serialize(window.document()->definition()));
        // A running session's autosave is never offered to another.
        QVERIFY(Autosaver::orphans().isEmpty());

        // Simulate a crash: copy the files under a session id that holds no lock.
        const QString dir = Autosaver::recoveryDirectory();
        QVERIFY(QFile::copy(recoveryPath, dir + QStringLiteral("/crashed.saga")));
        QVERIFY(QFile::copy(recoveryPath.chopped(5) + QStringLiteral(".json"), dir + QStringLiteral("/crashed.json")));

        // A clean save removes this session's autosave.
        QVERIFY(window.saveFile(m_dir.filePath(QStringLiteral("autosaved.saga")), &error));
        QVERIFY(!QFile::exists(recoveryPath));
    }

    // The crashed session left its lock file behind, naming a process that is gone.
    {
        QFile lock(Autosaver::recoveryDirectory() + QStringLiteral("/crashed.lock"));
        QVERIFY(lock.open(QIODevice::WriteOnly));
        lock.write(QByteArray::number(0x7ffffff0) + "\ntst_mainwindow\n" + QSysInfo::machineHostName().toUtf8() + "\n");
    }
    const QList<RecoveryEntry> orphans = Autosaver::orphans();
    QCOMPARE(orphans.size(), 1);
    QCOMPARE(QFileInfo(orphans.first().originalPath).fileName(), QStringLiteral("order-checkout.saga"));
    MainWindow next;
    next.setPromptsEnabled(false);
    QString message;
    QVERIFY2(next.recover(orphans.first(), &message), qPrintable(message));
    QCOMPARE(QString::fromUtf8(SagaFile::serialize(next.document()->definition())), edited);
    QVERIFY(next.document()->isModified());
    QCOMPARE(QFileInfo(next.document()->filePath()).fileName(), QStringLiteral("order-checkout.saga"));
    QVERIFY(!QFile::exists(orphans.first().sagaPath));
    QVERIFY(Autosaver::orphans().isEmpty());

    // The interactive offer: Discard removes a leftover autosave.
    QVERIFY(QDir().mkpath(Autosaver::recoveryDirectory()));
    QFile::copy(next.autosaver()->recoveryFilePath(), Autosaver::recoveryDirectory() + QStringLiteral("/old.saga"));
    QFile meta(Autosaver::recoveryDirectory() + QStringLiteral("/old.json"));
    QVERIFY(meta.open(QIODevice::WriteOnly));
    meta.write(R"({"file":"","name":"Old","savedAt":"2026-01-01T10:00:00.000Z"})");
    meta.close();
    MainWindow third;
    third.show();
    MessageBoxAnswer answer;
    QTimer::singleShot(0, qApp, [] {
        // Click "Discard" (a custom button) on the recovery question.
        QTimer *timer = new QTimer(qApp);
        timer->setInterval(10);
        QObject::connect(timer, &QTimer::timeout, timer, [timer] {
            if (auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget())) {
                for (QAbstractButton *button : box->buttons()) {
                    if (box->buttonRole(button) == QMessageBox::DestructiveRole)
                        button->click();
                }
                timer->deleteLater();
            }
        });
        timer->start();
    });
    QVERIFY(!third.offerRecovery());
    QVERIFY(!QFile::exists(Autosaver::recoveryDirectory() + QStringLiteral("/old.saga")));
}

void TestMainWindow::newFromExample()
{
    MainWindow window;
    window.setPromptsEnabled(false);
    auto *menu = window.findChild<QMenu *>(QStringLiteral("examplesMenu"));
    QVERIFY(menu);
    QAction *checkout = nullptr;
    for (QAction *action : menu->actions()) {
        if (action->data().toString().endsWith(QLatin1String("order-checkout.saga")))
            checkout = action;
    }
    QVERIFY(menu->actions().size() >= 3);
    QVERIFY(checkout);
    checkout->trigger();
    const LoadResult expected = SagaFile::load(example("order-checkout.saga"));
    QCOMPARE(SagaFile::serialize(window.document()->definition()), SagaFile::serialize(*expected.definition));
    QVERIFY(window.document()->filePath().isEmpty()); // untitled: Save asks for a name
    QVERIFY(!window.isWindowModified());
    QVERIFY(window.windowTitle().startsWith(expected.definition->name));
    window.document()->setStepLabel(QStringLiteral("ship_order"), QStringLiteral("x"));
    QVERIFY(window.isWindowModified());
    window.document()->undoStack()->undo();
    QVERIFY(!window.isWindowModified());
}

void TestMainWindow::designerViewTakesTheCentralArea()
{
    MainWindow window;
    window.setPromptsEnabled(false);
    window.show();
    auto *designer = new QWidget;
    window.setDesignerView(designer);
    QCOMPARE(window.designerView(), designer);
    QVERIFY(designer->isVisibleTo(&window));
    QVERIFY(window.findChild<QDockWidget *>(QStringLiteral("stepsDock")));
    // The step list still works from its dock.
    QVERIFY(window.loadFile(example("order-checkout.saga"), nullptr));
    window.selectSteps({QStringLiteral("take_payment")});
    QCOMPARE(window.selectedStepIds(), QStringList{QStringLiteral("take_payment")});
}

void TestMainWindow::screenshotWaitsUntilTheWindowIsIdle()
{
    QCOMPARE(Screenshot::parseSize(QStringLiteral("640x480")), QSize(640, 480));
    QVERIFY(!Screenshot::parseSize(QStringLiteral("640")).isValid());
    QVERIFY(!Screenshot::parseSize(QStringLiteral("0x480")).isValid());

    MainWindow window;
    window.setPromptsEnabled(false);
    window.resize(500, 400);
    window.show();
    const QString out = m_dir.filePath(QStringLiteral("idle.png"));
    Screenshot screenshot(&window, out);
    QSignalSpy finished(&screenshot, &Screenshot::finished);
    window.beginBusy(); // e.g. a layout animation
    screenshot.start();
    QTest::qWait(400);
    QCOMPARE(finished.count(), 0);
    QVERIFY(!QFile::exists(out));
    window.endBusy();
    QTRY_COMPARE(finished.count(), 1);
    QCOMPARE(finished.first().at(0).toBool(), true);
    QCOMPARE(QImage(out).size(), QSize(500, 400));
}

void TestMainWindow::screenshotWritesAPngOfTheGivenSize()
{
    const QString out = m_dir.filePath(QStringLiteral("shot.png"));
    QProcess process;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    process.setProcessEnvironment(env);
    process.start(QStringLiteral(SAGASCOPE_APP_PATH),
                  {example("points-too-early.saga"), QStringLiteral("--screenshot"), out,
                   QStringLiteral("--size"), QStringLiteral("900x600")});
    QVERIFY(process.waitForFinished(60000));
    QCOMPARE(process.exitStatus(), QProcess::NormalExit);
    QVERIFY2(process.exitCode() == 0, process.readAllStandardError().constData());
    QImage image(out);
    QVERIFY(!image.isNull());
    QCOMPARE(image.size(), QSize(900, 600));
    // Not a blank picture: many distinct colours (text, icons, the table).
    QSet<QRgb> colours;
    for (int y = 0; y < image.height(); y += 3) {
        for (int x = 0; x < image.width(); x += 3)
            colours.insert(image.pixel(x, y));
    }
    QVERIFY2(colours.size() > 20, qPrintable(QString::number(colours.size())));
}

void TestMainWindow::screenshotRefusesBadInput()
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    const QString out = m_dir.filePath(QStringLiteral("never.png"));

    QProcess badSize;
    badSize.setProcessEnvironment(env);
    badSize.start(QStringLiteral(SAGASCOPE_APP_PATH), {QStringLiteral("--screenshot"), out, QStringLiteral("--size"), QStringLiteral("huge")});
    QVERIFY(badSize.waitForFinished(30000));
    QCOMPARE(badSize.exitCode(), 2);
    QVERIFY(badSize.readAllStandardError().contains("--size"));

    const QString bad = m_dir.filePath(QStringLiteral("bad-format.saga"));
    QFile file(bad);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(R"({"format":"sagascope/99","steps":[]})");
    file.close();
    QProcess badFile;
    badFile.setProcessEnvironment(env);
    badFile.start(QStringLiteral(SAGASCOPE_APP_PATH), {bad, QStringLiteral("--screenshot"), out});
    QVERIFY(badFile.waitForFinished(30000));
    QCOMPARE(badFile.exitCode(), 2);
    const QByteArray error = badFile.readAllStandardError();
    QVERIFY2(error.contains("bad-format.saga") && error.contains("format"), error.constData());
    QVERIFY(!QFile::exists(out));
}

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
