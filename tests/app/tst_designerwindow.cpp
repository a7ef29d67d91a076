// SPDX-License-Identifier: MIT
// The designer window, offscreen: the canvas mirrors the opened saga and is fitted to the
// window; one selection across canvas, step list, Problems and Properties; editing through the
// real QActions and their shortcuts (Delete, Ctrl+Z, Add Step, Auto Layout), quick fixes from
// the canvas context menu, export, the View settings, and --screenshot waiting for the layout.
#include "choreographyscene.h"
#include "choreographysplit.h"
#include "choreographyview.h"
#include "designerwindow.h"
#include "diagnosticmodel.h"
#include "glossarydialog.h"
#include "messageboxanswer.h"
#include "monitorcontroller.h"
#include "runmonitor.h"
#include "runoverlay.h"
#include "problemspanel.h"
#include "sagadocument.h"
#include "sagafile.h"
#include "sagascene.h"
#include "sagaview.h"
#include "screenshot.h"
#include "stepitem.h"
#include "steppropertiespanel.h"
#include "testconfig.h"

#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QContextMenuEvent>
#include <QDir>
#include <QDockWidget>
#include <QFile>
#include <QFileInfo>
#include <QImage>
#include <QMenu>
#include <QProcess>
#include <QScrollArea>
#include <QScrollBar>
#include <QSettings>
#include <QSignalSpy>
#include <QStatusBar>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QTranslator>
#include <QTreeView>
#include <QUndoStack>
#include <QXmlStreamReader>

using namespace Sagascope;

namespace {

QString example(const char *name)
{
    return QStringLiteral(SAGASCOPE_EXAMPLES_DIR "/") + QLatin1String(name);
}

QAction *action(const DesignerWindow &window, const char *name)
{
    auto *found = window.findChild<QAction *>(QLatin1String(name));
    if (!found)
        qWarning("no action %s", name);
    return found;
}

/** The cards' rectangles in scene coordinates, by step id. */
QHash<StepId, QRectF> cardRects(const SagaScene *scene)
{
    QHash<StepId, QRectF> rects;
    for (auto it = scene->stepItems().cbegin(); it != scene->stepItems().cend(); ++it)
        rects.insert(it.key(), it.value()->mapRectToScene(it.value()->cardRect()));
    return rects;
}

/** Ids of two overlapping cards, or an empty pair. */
QPair<StepId, StepId> overlapping(const SagaScene *scene)
{
    const QHash<StepId, QRectF> rects = cardRects(scene);
    const QStringList ids = rects.keys();
    for (int i = 0; i < ids.size(); ++i) {
        for (int j = i + 1; j < ids.size(); ++j) {
            if (rects.value(ids.at(i)).intersects(rects.value(ids.at(j))))
                return {ids.at(i), ids.at(j)};
        }
    }
    return {};
}

/** A saga of `count` steps in parallel chains of five, with no positions at all. */
QByteArray unplacedSaga(int count)
{
    QByteArray json = R"({"format":"sagascope/1","name":"Big","services":[{"id":"svc"}],"steps":[)";
    for (int i = 0; i < count; ++i) {
        if (i > 0)
            json += ',';
        json += QStringLiteral(R"({"id":"s%1","service":"svc","kind":"compensatable","action":{"name":"a%1"},)"
                               R"("compensation":{"name":"c%1"},"after":[%2]})")
                    .arg(i)
                    .arg(i % 5 == 0 ? (i == 0 ? QString() : QStringLiteral("\"s0\"")) : QStringLiteral("\"s%1\"").arg(i - 1))
                    .toUtf8();
    }
    json += "]}";
    return json;
}

void waitIdle(const DesignerWindow &window)
{
    QTRY_VERIFY_WITH_TIMEOUT(!window.isBusy(), 30000);
}

/** Shows `window` (prompts off) at `size` with the example `name` open, laid out and idle. */
bool showExample(DesignerWindow &window, const char *name, QSize size)
{
    window.setPromptsEnabled(false);
    window.resize(size);
    window.show();
    return window.loadFile(example(name), nullptr) && QTest::qWaitFor([&] { return !window.isBusy(); }, 30000);
}

/** In the context menu about to open, triggers the first action whose text contains `text` (after
 *  closing the menu); `offered` gets every action's text. */
void pickFromNextMenu(QObject *context, const QString &text, QStringList *offered)
{
    QTimer::singleShot(100, context, [text, offered] {
        auto *menu = qobject_cast<QMenu *>(QApplication::activePopupWidget());
        if (!menu)
            return;
        QAction *picked = nullptr;
        for (QAction *a : menu->actions()) {
            offered->append(a->text());
            if (!picked && a->text().contains(text))
                picked = a;
        }
        menu->close();
        if (picked)
            picked->trigger();
    });
}

bool hasRule(const SagaDocument *document, const QString &rule)
{
    return std::any_of(document->diagnostics().cbegin(), document->diagnostics().cend(),
                       [&](const Diagnostic &d) { return d.rule == rule; });
}

} // namespace

class TestDesignerWindow : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void openingShowsOneCardPerStepFittedToTheWindow();
    void selectionIsOneAcrossCanvasListAndProperties();
    void selectingAProblemSelectsAndRevealsItsSteps();
    void problemScreenshot();
    void deleteKeyAndCtrlZThroughTheActions();
    void keyboardOnlyTabWalksTheCards();
    void addStepAddsOneAtTheViewCentre();
    void autoLayoutIsOneUndoCommand();
    void quickFixFromTheCanvasContextMenu();
    void quickFixFromTheStepList();
    void exportSvgHoldsEveryLabel();
    void viewSettingsAreKept();
    void screenshotWaitsForTheLayout();
    void viewMenuListsEveryDock();
    void httpExchangeIsBesideTheRunDocks();
    void autoLayoutEndsFittedAndPropertiesStartAtTheTop();
    void emptyCanvasSaysHowToStartAndThePortStaysVisible();
    void saga002QuickFixFromTheCanvasMenu();
    void dialogsStartInTheExamplesThenTheLastFolder();
    void f1ExplainsTheCardOrTheField();
    void modeBoxAndChoreographyViewInTheWindow();
    void openingAnotherFileDuringARunAsksAndStopsIt();
    void newDuringARunWithoutPromptsStopsIt();
    void followedLogIsNotANewDocument();
    void fitToWindowCentresWhatCannotBeFitted();

private:
    QTemporaryDir m_dir;
};

void TestDesignerWindow::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("SagascopeTest"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_designerwindow"));
    QVERIFY(m_dir.isValid());
}

void TestDesignerWindow::openingShowsOneCardPerStepFittedToTheWindow()
{
    DesignerWindow window;
    window.setPromptsEnabled(false);
    window.resize(1200, 800);
    window.show();
    QVERIFY(window.loadFile(example("travel-booking.saga"), nullptr));
    waitIdle(window);

    QCOMPARE(window.centralWidget()->findChild<SagaView *>(), window.view());
    QVERIFY(window.view()->isVisible());
    const SagaDefinition &definition = window.document()->definition();
    QCOMPARE(window.scene()->stepItemCount(), int(definition.steps.size()));
    const QRect viewport = window.view()->viewport()->rect();
    for (const Step &step : definition.steps) {
        const StepItem *item = window.scene()->stepItem(step.id);
        QVERIFY2(item, qPrintable(step.id));
        QVERIFY(item->isVisible());
        QVERIFY(step.position.has_value()); // laid out on open
        // Fitted: every card is inside the visible part of the canvas.
        const QRect onScreen = window.view()->mapFromScene(item->sceneBoundingRect()).boundingRect();
        QVERIFY2(viewport.contains(onScreen), qPrintable(step.id));
    }
    QCOMPARE(overlapping(window.scene()), (QPair<StepId, StepId>()));
    // The docks are there, and the step list is one of them.
    QVERIFY(window.findChild<QDockWidget *>(QStringLiteral("propertiesDock"))->isVisible());
    QVERIFY(window.findChild<QDockWidget *>(QStringLiteral("servicesDock")));
    QVERIFY(window.findChild<QDockWidget *>(QStringLiteral("stepsDock")));
    QCOMPARE(window.stepTable()->model()->rowCount(), int(definition.steps.size()));

    // The layout made on open can be undone, but opening alone is no change to save.
    QVERIFY(window.document()->undoStack()->canUndo());
    QVERIFY(!window.document()->isModified());
    QVERIFY(!window.isWindowModified());
    QVERIFY(window.newFromExample(QStringLiteral(":/examples/order-checkout.saga")));
    waitIdle(window);
    QVERIFY(window.document()->definition().steps.first().position.has_value());
    QVERIFY(!window.document()->isModified());
    window.document()->undoStack()->undo();
    QVERIFY(window.document()->isModified());
}

void TestDesignerWindow::selectionIsOneAcrossCanvasListAndProperties()
{
    DesignerWindow window;
    window.setPromptsEnabled(false);
    window.show();
    QVERIFY(window.loadFile(example("order-checkout.saga"), nullptr));
    waitIdle(window);
    const QString pay = QStringLiteral("take_payment");
    const QString ship = QStringLiteral("ship_order");

    // Canvas -> list and properties.
    window.scene()->selectSteps({pay});
    QCOMPARE(window.selectedStepIds(), QStringList{pay});
    QCOMPARE(window.propertiesPanel()->currentStep(), pay);

    // List -> canvas and properties.
    window.selectSteps({ship});
    QCOMPARE(window.scene()->selectedStepIds(), QStringList{ship});
    QCOMPARE(window.propertiesPanel()->currentStep(), ship);

    // Several: the properties show the saga.
    window.scene()->selectSteps({pay, ship});
    QCOMPARE(window.selectedStepIds().size(), 2);
    QCOMPARE(window.propertiesPanel()->currentStep(), QString());

    // A click on a card selects it everywhere.
    window.scene()->clearSelection();
    const StepItem *card = window.scene()->stepItem(pay);
    QTest::mouseClick(window.view()->viewport(), Qt::LeftButton, {}, window.view()->mapFromScene(card->scenePos()));
    QCOMPARE(window.scene()->selectedStepIds(), QStringList{pay});
    QCOMPARE(window.selectedStepIds(), QStringList{pay});
    QCOMPARE(window.propertiesPanel()->currentStep(), pay);

    // An edit (which re-validates and rebuilds the list) keeps the selection.
    window.document()->setStepLabel(ship, QStringLiteral("Ship it"));
    QCOMPARE(window.scene()->selectedStepIds(), QStringList{pay});
    QCOMPARE(window.selectedStepIds(), QStringList{pay});

    // Renaming the selected step (e.g. its id in the Properties panel) keeps it selected there.
    const QString charge = QStringLiteral("charge_card");
    window.document()->renameStep(pay, charge);
    QCOMPARE(window.scene()->selectedStepIds(), QStringList{charge});
    QCOMPARE(window.selectedStepIds(), QStringList{charge});
    QCOMPARE(window.propertiesPanel()->currentStep(), charge);
    window.document()->undoStack()->undo();
    QCOMPARE(window.scene()->selectedStepIds(), QStringList{pay});
    QCOMPARE(window.propertiesPanel()->currentStep(), pay);
}

void TestDesignerWindow::selectingAProblemSelectsAndRevealsItsSteps()
{
    DesignerWindow window;
    window.setPromptsEnabled(false);
    window.resize(1000, 700);
    window.show();
    QVERIFY(window.loadFile(example("points-too-early.saga"), nullptr));
    waitIdle(window);
    // Opening selects no step, although the panel shows its first problem.
    QVERIFY(window.scene()->selectedStepIds().isEmpty());

    int row = -1;
    const DiagnosticModel *model = window.problemsPanel()->model();
    for (int i = 0; i < model->rowCount(); ++i) {
        if (model->diagnosticAt(i)->rule == QLatin1String("SAGA005"))
            row = i;
    }
    QVERIFY(row >= 0);
    const Diagnostic diagnostic = *model->diagnosticAt(row);

    // Zoom in far and look elsewhere, so that revealing has to move the view.
    window.view()->setZoom(2.0);
    window.view()->centerOn(-5000, -5000);
    QTreeView *problems = window.problemsPanel()->view();
    problems->setCurrentIndex(QModelIndex());
    const QRect rowRect = problems->visualRect(model->index(row, 1));
    QTest::mouseClick(problems->viewport(), Qt::LeftButton, {}, rowRect.center());

    QStringList expected = diagnostic.steps;
    QStringList selected = window.scene()->selectedStepIds();
    expected.sort();
    selected.sort();
    QCOMPARE(selected, expected);
    QStringList listed = window.selectedStepIds();
    listed.sort();
    QCOMPARE(listed, expected);
    const QRect viewport = window.view()->viewport()->rect();
    for (const QString &id : std::as_const(expected)) {
        const QRect onScreen = window.view()->mapFromScene(window.scene()->stepItem(id)->sceneBoundingRect()).boundingRect();
        QVERIFY2(viewport.contains(onScreen), qPrintable(id));
    }

    // A re-validation after an unrelated edit does not select the problem's steps again.
    window.scene()->selectSteps({QStringLiteral("create_order")});
    window.document()->setStepLabel(QStringLiteral("ship_order"), QStringLiteral("Ship it"));
    QCOMPARE(window.scene()->selectedStepIds(), QStringList{QStringLiteral("create_order")});
}

void TestDesignerWindow::problemScreenshot()
{
    // The picture of docs/images/designer-problem.png: the SAGA005 problem picked in the panel,
    // its steps selected on the canvas. Written there when SAGASCOPE_DOCS_IMAGES names a folder.
    QTranslator english; // "1 warning", not "1 warning(s)", as the application shows it
    if (english.load(QStringLiteral(":/i18n/sagascope_en.qm")))
        QCoreApplication::installTranslator(&english);
    DesignerWindow window;
    window.setPromptsEnabled(false);
    window.resize(1400, 850);
    window.show();
    QVERIFY(window.loadFile(example("points-too-early.saga"), nullptr));
    waitIdle(window);
    QTreeView *problems = window.problemsPanel()->view();
    const DiagnosticModel *model = window.problemsPanel()->model();
    QCOMPARE(model->diagnosticAt(0)->rule, QStringLiteral("SAGA005"));
    problems->setCurrentIndex(QModelIndex());
    QTest::mouseClick(problems->viewport(), Qt::LeftButton, {}, problems->visualRect(model->index(0, 1)).center());
    QCOMPARE(window.scene()->selectedStepIds().size(), 2);

    const QString folder = qEnvironmentVariable("SAGASCOPE_DOCS_IMAGES");
    const QString out = folder.isEmpty() ? m_dir.filePath(QStringLiteral("designer-problem.png"))
                                         : QDir(folder).filePath(QStringLiteral("designer-problem.png"));
    Screenshot screenshot(&window, out);
    QSignalSpy finished(&screenshot, &Screenshot::finished);
    screenshot.start();
    QTRY_COMPARE(finished.count(), 1);
    QVERIFY(finished.first().at(0).toBool());
    QCOMPARE(QImage(out).size(), QSize(1400, 850));
}

void TestDesignerWindow::deleteKeyAndCtrlZThroughTheActions()
{
    DesignerWindow window;
    window.setPromptsEnabled(false);
    window.show();
    QApplication::setActiveWindow(&window);
    QVERIFY(QTest::qWaitForWindowActive(&window));
    QVERIFY(window.loadFile(example("order-checkout.saga"), nullptr));
    waitIdle(window);
    const QString id = QStringLiteral("reserve_stock");
    const int steps = int(window.document()->definition().steps.size());

    const StepItem *card = window.scene()->stepItem(id);
    QVERIFY(card);
    QTest::mouseClick(window.view()->viewport(), Qt::LeftButton, {}, window.view()->mapFromScene(card->scenePos()));
    QCOMPARE(window.scene()->selectedStepIds(), QStringList{id});
    window.view()->setFocus();

    QSignalSpy deleted(action(window, "actionDelete"), &QAction::triggered);
    QTest::keyClick(window.view(), Qt::Key_Delete);
    QCOMPARE(deleted.count(), 1);
    QVERIFY(!window.document()->definition().step(id));
    QVERIFY(!window.scene()->stepItem(id));
    QCOMPARE(window.scene()->stepItemCount(), steps - 1);
    // The arrows went with it, in the same command.
    QVERIFY(!window.document()->definition().step(QStringLiteral("take_payment"))->after.contains(id));

    QSignalSpy undone(action(window, "actionUndo"), &QAction::triggered);
    QTest::keyClick(window.view(), Qt::Key_Z, Qt::ControlModifier);
    QCOMPARE(undone.count(), 1);
    QVERIFY(window.document()->definition().step(id));
    QVERIFY(window.scene()->stepItem(id));
    QCOMPARE(window.scene()->stepItemCount(), steps);
    QCOMPARE(window.scene()->dependencyItemCount(), steps - 1);

    // The step list shares the selection, and Delete there too.
    window.findChild<QDockWidget *>(QStringLiteral("stepsDock"))->raise();
    window.selectSteps({id});
    window.stepTable()->setFocus();
    QTRY_VERIFY(window.stepTable()->hasFocus());
    QTest::keyClick(window.stepTable(), Qt::Key_Delete);
    QCOMPARE(deleted.count(), 2);
    QVERIFY(!window.document()->definition().step(id));
    QTest::keyClick(window.stepTable(), Qt::Key_Z, Qt::ControlModifier);
    QVERIFY(window.document()->definition().step(id));
}

void TestDesignerWindow::keyboardOnlyTabWalksTheCards()
{
    DesignerWindow window;
    window.setPromptsEnabled(false);
    window.show();
    QApplication::setActiveWindow(&window);
    QVERIFY(QTest::qWaitForWindowActive(&window));
    QVERIFY(window.loadFile(example("order-checkout.saga"), nullptr));
    waitIdle(window);
    window.view()->setFocus();
    QTRY_VERIFY(window.view()->hasFocus());

    QSet<QString> visited;
    for (int i = 0; i < 3; ++i) {
        QTest::keyClick(window.view(), Qt::Key_Tab);
        const QStringList selected = window.scene()->selectedStepIds();
        QCOMPARE(selected.size(), 1);
        visited.insert(selected.first());
        QCOMPARE(window.propertiesPanel()->currentStep(), selected.first());
    }
    QCOMPARE(visited.size(), 3); // a different card each time
    const QString last = window.scene()->selectedStepIds().first();
    QTest::keyClick(window.view(), Qt::Key_Delete);
    QVERIFY(!window.document()->definition().step(last));
}

void TestDesignerWindow::addStepAddsOneAtTheViewCentre()
{
    DesignerWindow window;
    window.setPromptsEnabled(false);
    window.show();
    QApplication::setActiveWindow(&window);
    QVERIFY(QTest::qWaitForWindowActive(&window));
    QVERIFY(window.loadFile(example("order-checkout.saga"), nullptr));
    waitIdle(window);
    const int steps = int(window.document()->definition().steps.size());

    window.view()->setFocus();
    QTest::keyClick(window.view(), Qt::Key_Insert);
    QCOMPARE(int(window.document()->definition().steps.size()), steps + 1);
    QCOMPARE(window.scene()->stepItemCount(), steps + 1);
    const QStringList selected = window.scene()->selectedStepIds();
    QCOMPARE(selected.size(), 1);
    const Step *added = window.document()->definition().step(selected.first());
    QVERIFY(added);
    QCOMPARE(added->kind, StepKind::Compensatable);
    QVERIFY(added->compensation.has_value()); // no SAGA002 for a new step
    QVERIFY(added->position.has_value());
    // In view and not on top of another card.
    const QRect onScreen = window.view()->mapFromScene(window.scene()->stepItem(added->id)->sceneBoundingRect()).boundingRect();
    QVERIFY(window.view()->viewport()->rect().intersects(onScreen));
    QCOMPARE(overlapping(window.scene()), (QPair<StepId, StepId>()));
    QCOMPARE(window.propertiesPanel()->currentStep(), added->id);

    // The palette: a pivot has no compensation, a retriable step is idempotent.
    action(window, "actionAddPivot")->trigger();
    const Step *pivot = window.document()->definition().step(window.scene()->selectedStepIds().value(0));
    QVERIFY(pivot);
    QCOMPARE(pivot->kind, StepKind::Pivot);
    QVERIFY(!pivot->compensation.has_value());
    action(window, "actionAddRetriable")->trigger();
    const Step *retriable = window.document()->definition().step(window.scene()->selectedStepIds().value(0));
    QVERIFY(retriable);
    QCOMPARE(retriable->kind, StepKind::Retriable);
    QVERIFY(retriable->idempotent);
    QCOMPARE(int(window.document()->definition().steps.size()), steps + 3);

    // Each add is one command.
    window.document()->undoStack()->undo();
    window.document()->undoStack()->undo();
    window.document()->undoStack()->undo();
    QCOMPARE(int(window.document()->definition().steps.size()), steps);
    QCOMPARE(window.scene()->stepItemCount(), steps);
}

void TestDesignerWindow::autoLayoutIsOneUndoCommand()
{
    DesignerWindow window;
    window.setPromptsEnabled(false);
    window.show();
    QApplication::setActiveWindow(&window);
    QVERIFY(QTest::qWaitForWindowActive(&window));
    QVERIFY(window.loadFile(example("travel-booking.saga"), nullptr));
    waitIdle(window);
    SagaDocument *document = window.document();
    const SagaDefinition laidOut = document->definition();

    // Scramble: every card on one spot (one command).
    QHash<StepId, QPointF> heap;
    for (const Step &step : laidOut.steps)
        heap.insert(step.id, QPointF(0, 0) + QPointF(heap.size() * 5, 0));
    document->moveSteps(heap);
    const SagaDefinition scrambled = document->definition();
    QVERIFY(overlapping(window.scene()) != (QPair<StepId, StepId>()));
    const int index = document->undoStack()->index();

    QSignalSpy triggered(action(window, "actionAutoLayout"), &QAction::triggered);
    window.view()->setFocus();
    QTest::keyClick(window.view(), Qt::Key_L, Qt::ControlModifier);
    QCOMPARE(triggered.count(), 1);
    QVERIFY(window.isBusy()); // Graphviz on its thread, then the cards glide into place
    waitIdle(window);
    QCOMPARE(document->undoStack()->index(), index + 1);
    QCOMPARE(overlapping(window.scene()), (QPair<StepId, StepId>()));
    for (const Step &step : document->definition().steps) {
        QVERIFY(step.position.has_value());
        QCOMPARE(window.scene()->stepItem(step.id)->pos(), *step.position); // the glide finished
    }

    document->undoStack()->undo(); // one undo takes the whole layout back
    QCOMPARE(document->definition(), scrambled);
}

void TestDesignerWindow::quickFixFromTheCanvasContextMenu()
{
    DesignerWindow window;
    window.setPromptsEnabled(false);
    window.show();
    QVERIFY(window.loadFile(example("points-too-early.saga"), nullptr));
    waitIdle(window);
    auto has005 = [&] { return hasRule(window.document(), QStringLiteral("SAGA005")); };
    QVERIFY(has005());
    const int index = window.document()->undoStack()->index();

    QStringList offered;
    pickFromNextMenu(&window, QStringLiteral("SAGA005"), &offered);
    const StepItem *card = window.scene()->stepItem(QStringLiteral("award_points"));
    const QPoint pos = window.view()->mapFromScene(card->scenePos());
    QContextMenuEvent event(QContextMenuEvent::Mouse, pos, window.view()->viewport()->mapToGlobal(pos));
    QApplication::sendEvent(window.view()->viewport(), &event);

    QVERIFY2(offered.join(QLatin1Char('|')).contains(QLatin1String("SAGA005")), qPrintable(offered.join(QLatin1Char('|'))));
    QTRY_VERIFY(!has005());
    QCOMPARE(window.document()->undoStack()->index(), index + 1); // one command
    QCOMPARE(window.scene()->selectedStepIds(), QStringList{QStringLiteral("award_points")});
    window.document()->undoStack()->undo();
    QVERIFY(has005());
}

void TestDesignerWindow::quickFixFromTheStepList()
{
    DesignerWindow window;
    QVERIFY(showExample(window, "points-too-early.saga", QSize(1400, 850)));
    const StepId id = QStringLiteral("award_points");
    QTableView *table = window.stepTable();
    for (QWidget *w = table; w; w = w->parentWidget())
        if (auto *dock = qobject_cast<QDockWidget *>(w))
            dock->raise(); // the Steps tab in front of Problems
    QTRY_VERIFY(table->isVisible());
    int row = -1;
    for (int r = 0; r < table->model()->rowCount(); ++r)
        if (table->model()->index(r, 0).data(Qt::DisplayRole).toString() == id
            || table->model()->index(r, 1).data(Qt::DisplayRole).toString() == id)
            row = r;
    QVERIFY(row >= 0);
    const int index = window.document()->undoStack()->index();

    QStringList offered;
    pickFromNextMenu(&window, QStringLiteral("SAGA005"), &offered);
    const QPoint pos = table->visualRect(table->model()->index(row, 0)).center();
    QContextMenuEvent event(QContextMenuEvent::Mouse, pos, table->viewport()->mapToGlobal(pos));
    QApplication::sendEvent(table->viewport(), &event);
    QVERIFY2(offered.join(QLatin1Char('|')).contains(QLatin1String("SAGA005")), qPrintable(offered.join(QLatin1Char('|'))));

    // Applied as from the canvas or the Problems panel: one command, and the status bar says so.
    QCOMPARE(window.document()->undoStack()->index(), index + 1);
    QVERIFY(!hasRule(window.document(), QStringLiteral("SAGA005")));
    QVERIFY2(window.statusBar()->currentMessage().contains(QLatin1String("Applied quick fix")),
             qPrintable(window.statusBar()->currentMessage()));
}

void TestDesignerWindow::exportSvgHoldsEveryLabel()
{
    DesignerWindow window;
    window.setPromptsEnabled(false);
    window.show();
    QVERIFY(window.loadFile(example("order-checkout.saga"), nullptr));
    waitIdle(window);
    window.scene()->selectSteps({QStringLiteral("take_payment")});

    const QString svgPath = m_dir.filePath(QStringLiteral("canvas.svg"));
    QString error;
    QVERIFY2(window.exportTo(svgPath, &error), qPrintable(error));
    QFile file(svgPath);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QXmlStreamReader reader(&file);
    QStringList texts;
    while (!reader.atEnd()) {
        reader.readNext();
        if (reader.isCharacters() && !reader.isWhitespace())
            texts.append(reader.text().toString().trimmed());
    }
    QVERIFY2(!reader.hasError(), qPrintable(reader.errorString()));
    for (const Step &step : window.document()->definition().steps)
        QVERIFY2(texts.contains(step.displayName()), qPrintable(step.displayName()));
    // Exporting leaves the selection alone.
    QCOMPARE(window.scene()->selectedStepIds(), QStringList{QStringLiteral("take_payment")});

    const QString pngPath = m_dir.filePath(QStringLiteral("canvas.png"));
    QVERIFY2(window.exportTo(pngPath, &error), qPrintable(error));
    const QImage image(pngPath);
    QVERIFY(!image.isNull());
    QVERIFY(image.width() > window.scene()->stepsBoundingRect().width()); // 2x, with a margin

    QVERIFY(!window.exportTo(m_dir.filePath(QStringLiteral("canvas.gif")), &error));
    QVERIFY(error.contains(QLatin1String("canvas.gif")));
    QVERIFY(!window.exportTo(m_dir.filePath(QStringLiteral("missing/dir/x.svg")), &error));
    QVERIFY(!error.isEmpty());
}

void TestDesignerWindow::viewSettingsAreKept()
{
    {
        DesignerWindow window;
        window.setPromptsEnabled(false);
        window.readSettings();
        action(window, "actionSwimlanes")->setChecked(true);
        action(window, "actionGrid")->setChecked(false);
        action(window, "actionSnap")->setChecked(false);
        window.view()->setZoom(1.5);
        QVERIFY(window.scene()->swimlanesVisible());
        QVERIFY(!window.scene()->gridVisible());
        QVERIFY(!window.scene()->snapToGrid());
        window.writeSettings();
    }
    DesignerWindow window;
    QVERIFY(!window.scene()->swimlanesVisible()); // nothing read yet (--screenshot reads nothing)
    window.readSettings();
    QVERIFY(action(window, "actionSwimlanes")->isChecked());
    QVERIFY(window.scene()->swimlanesVisible());
    QVERIFY(!window.scene()->gridVisible());
    QVERIFY(!window.scene()->snapToGrid());
    QCOMPARE(window.view()->zoom(), 1.5);
    // Back to the defaults for the other tests.
    action(window, "actionSwimlanes")->setChecked(false);
    action(window, "actionGrid")->setChecked(true);
    action(window, "actionSnap")->setChecked(true);
    window.view()->setZoom(1.0);
    window.writeSettings();
}

void TestDesignerWindow::screenshotWaitsForTheLayout()
{
    // Big enough that Graphviz runs on a worker thread and the cards glide into place.
    const int count = SagaScene::AsyncLayoutThreshold + 30;
    const QString path = m_dir.filePath(QStringLiteral("unplaced.saga"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(unplacedSaga(count));
    file.close();

    DesignerWindow window;
    window.setPromptsEnabled(false);
    window.resize(900, 600);
    QVERIFY2(window.loadFile(path, nullptr), qPrintable(window.lastError()));
    window.show();
    const QString out = m_dir.filePath(QStringLiteral("unplaced.png"));
    Screenshot screenshot(&window, out);
    bool checked = false;
    QString why;
    connect(&screenshot, &Screenshot::finished, this, [&](bool ok, const QString &message) {
        // Right when the picture is taken: every card where the layout put it.
        checked = true;
        if (!ok || !message.isEmpty())
            why = message;
        for (const Step &step : window.document()->definition().steps) {
            if (!step.position)
                why += QStringLiteral(" %1 has no position;").arg(step.id);
            else if (window.scene()->stepItem(step.id)->pos() != *step.position)
                why += QStringLiteral(" %1 still moving;").arg(step.id);
        }
        const auto pair = overlapping(window.scene());
        if (!pair.first.isEmpty())
            why += QStringLiteral(" %1 overlaps %2;").arg(pair.first, pair.second);
    });
    screenshot.start(60000);
    QTRY_VERIFY_WITH_TIMEOUT(checked, 60000);
    QVERIFY2(why.isEmpty(), qPrintable(why));
    QCOMPARE(window.scene()->stepItemCount(), count);
    QCOMPARE(QImage(out).size(), QSize(900, 600));

    // The real executable waits the same way: no "still busy" picture.
    const QString shot = m_dir.filePath(QStringLiteral("unplaced-process.png"));
    QProcess process;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    process.setProcessEnvironment(env);
    process.start(QStringLiteral(SAGASCOPE_APP_PATH),
                  {path, QStringLiteral("--screenshot"), shot, QStringLiteral("--size"), QStringLiteral("800x500")});
    QVERIFY(process.waitForFinished(90000));
    const QByteArray errors = process.readAllStandardError();
    QCOMPARE(process.exitCode(), 0);
    QVERIFY2(!errors.contains("busy"), errors.constData());
    QCOMPARE(QImage(shot).size(), QSize(800, 500));
}

void TestDesignerWindow::viewMenuListsEveryDock()
{
    // Seen: Timeline, Event Log, Instances and Summary could not be brought back once closed.
    DesignerWindow window;
    QStringList toggles;
    for (QAction *a : window.viewMenu()->actions())
        toggles.append(a->text());
    for (QDockWidget *dock : window.findChildren<QDockWidget *>()) {
        QVERIFY2(window.viewMenu()->actions().contains(dock->toggleViewAction()),
                 qPrintable(dock->windowTitle() + QStringLiteral(" is not in the View menu: ") + toggles.join(u'|')));
    }
    QVERIFY(window.findChildren<QDockWidget *>().size() >= 8);
}

void TestDesignerWindow::httpExchangeIsBesideTheRunDocks()
{
    // Not among the tabs of Problems, Timeline and Event Log: the attempt chosen there and its
    // exchange are seen at once, the exchange with Properties and Services (Properties in front).
    DesignerWindow window;
    auto *exchange = window.findChild<QDockWidget *>(QStringLiteral("monitorHttpExchangeDock"));
    QVERIFY(exchange);
    QCOMPARE(window.dockWidgetArea(exchange), Qt::RightDockWidgetArea);
    QVERIFY(window.tabifiedDockWidgets(exchange).contains(window.findChild<QDockWidget *>(QStringLiteral("propertiesDock"))));
    QVERIFY(!window.tabifiedDockWidgets(exchange).contains(window.findChild<QDockWidget *>(QStringLiteral("monitorEventLogDock"))));
}

void TestDesignerWindow::autoLayoutEndsFittedAndPropertiesStartAtTheTop()
{
    DesignerWindow window;
    QVERIFY(showExample(window, "travel-booking.saga", QSize(1200, 800)));
    // Zoomed far in, then Auto Layout: it ends with every card in view.
    window.view()->setZoom(3.0);
    action(window, "actionAutoLayout")->trigger();
    waitIdle(window);
    const QRect viewport = window.view()->viewport()->rect();
    for (const StepItem *item : window.scene()->stepItems()) {
        const QRect onScreen = window.view()->mapFromScene(item->sceneBoundingRect()).boundingRect();
        QVERIFY2(viewport.contains(onScreen), qPrintable(item->stepId()));
    }

    // The Properties dock shows a newly selected step from its top.
    const QStringList ids = [&] {
        QStringList all;
        for (const Step &step : window.document()->definition().steps)
            all.append(step.id);
        return all;
    }();
    window.scene()->selectSteps({ids.first()});
    auto *scroll = window.propertiesPanel()->findChild<QScrollArea *>();
    QVERIFY(scroll);
    window.propertiesPanel()->window()->resize(1200, 500);
    QTRY_VERIFY(scroll->verticalScrollBar()->maximum() > 0);
    scroll->verticalScrollBar()->setValue(scroll->verticalScrollBar()->maximum());
    window.scene()->selectSteps({ids.last()});
    QCOMPARE(window.propertiesPanel()->currentStep(), ids.last());
    QCOMPARE(scroll->verticalScrollBar()->value(), 0);
}

void TestDesignerWindow::emptyCanvasSaysHowToStartAndThePortStaysVisible()
{
    DesignerWindow window;
    window.setPromptsEnabled(false);
    window.resize(1000, 700);
    window.show();
    window.document()->reset(SagaDefinition{});
    waitIdle(window);
    QVERIFY(window.view()->emptyHint().contains(QLatin1String("Insert")));
    const QString id = window.addStep(StepKind::Compensatable, QPointF(0, 0));
    QVERIFY(window.view()->emptyHint().isEmpty());

    // The out port is at least 10 px across on screen, however far out the view is zoomed.
    for (qreal zoom : {0.12, 0.2, 0.5, 1.0, 4.0}) {
        const qreal onScreen = 2 * StepItem::portRadius(zoom) * zoom;
        QVERIFY2(onScreen >= 10 - 1e-9, qPrintable(QString::number(zoom)));
    }
    // And it is hit where it is drawn: 4 px from its centre on screen at 20 %.
    window.view()->setZoom(0.2);
    const StepItem *card = window.scene()->stepItem(id);
    const QPointF port = card->outPort(Qt::Horizontal);
    QVERIFY(card->isOnOutPort(port + QPointF(4 / 0.2, 0)));
    QVERIFY(!card->isOnOutPort(port + QPointF(40 / 0.2, 0)));
}

void TestDesignerWindow::saga002QuickFixFromTheCanvasMenu()
{
    DesignerWindow window;
    QVERIFY(showExample(window, "order-checkout.saga", QSize(1200, 800)));
    SagaDocument *document = window.document();
    const StepId pay = QStringLiteral("take_payment");
    Step pivot = *document->definition().step(pay);
    pivot.compensation = Operation{};
    pivot.compensation->name = QStringLiteral("refund");
    document->setStep(pay, pivot);
    QVERIFY(hasRule(document, QStringLiteral("SAGA002")));
    QMenu menu;
    QVERIFY(window.addQuickFixActions(&menu, pay) >= 1);
    QAction *fix = nullptr;
    for (QAction *a : menu.actions()) {
        if (a->text().contains(QLatin1String("Remove the compensation")))
            fix = a;
    }
    QVERIFY(fix);
    fix->trigger();
    QVERIFY(!hasRule(document, QStringLiteral("SAGA002")));
    QVERIFY(!document->definition().step(pay)->compensation);
}

void TestDesignerWindow::dialogsStartInTheExamplesThenTheLastFolder()
{
    QSettings().remove(QStringLiteral("lastDirectory"));
    DesignerWindow window;
    window.setPromptsEnabled(false);
    QCOMPARE(window.dialogFolder(), QFileInfo(QStringLiteral(SAGASCOPE_EXAMPLES_DIR)).canonicalFilePath());
    const QString path = m_dir.filePath(QStringLiteral("mine.saga"));
    QFile::remove(path);
    QVERIFY(QFile::copy(example("order-checkout.saga"), path));
    QVERIFY(window.loadFile(path, nullptr));
    QCOMPARE(window.dialogFolder(), m_dir.path());
    // Kept for the next window.
    DesignerWindow next;
    QCOMPARE(next.dialogFolder(), m_dir.path());
}

void TestDesignerWindow::f1ExplainsTheCardOrTheField()
{
    DesignerWindow window;
    QVERIFY(showExample(window, "order-checkout.saga", QSize(1200, 800)));
    QApplication::setActiveWindow(&window);
    QVERIFY(QTest::qWaitForWindowActive(&window));
    // A card: its kind.
    window.scene()->selectSteps({QStringLiteral("take_payment")});
    window.view()->setFocus();
    QTest::keyClick(window.view(), Qt::Key_F1);
    auto *dialog = window.findChild<GlossaryDialog *>();
    QVERIFY(dialog);
    QTRY_VERIFY(dialog->isVisible());
    QCOMPARE(dialog->currentKey(), QStringLiteral("pivot"));
    // A field: what it is about.
    auto *idempotent = window.propertiesPanel()->findChild<QCheckBox *>();
    QVERIFY(idempotent);
    window.activateWindow();
    idempotent->setFocus();
    QTRY_VERIFY(idempotent->hasFocus());
    QCOMPARE(window.helpTopic(), QStringLiteral("idempotency"));
    // Help > Glossary lists them all.
    QVERIFY(action(window, "actionGlossary"));
}

namespace {

/** A saga that shares the step id `create_order` with order-checkout.saga and nothing else. */
QByteArray otherSaga()
{
    return R"({"format":"sagascope/1","name":"Other saga","services":[{"id":"svc"}],"steps":[
        {"id":"create_order","service":"svc","kind":"retriable","after":[],"action":{"name":"other"},
         "position":{"x":0,"y":0}}]})";
}

/** Shows order-checkout.saga with a run of it that goes on for a while (real clock, one
 *  instance at a time). */
void showRunningOrderCheckout(DesignerWindow *window)
{
    window->resize(1000, 700);
    window->show();
    QVERIFY(window->loadFile(example("order-checkout.saga"), nullptr));
    waitIdle(*window);
    QString error;
    QVERIFY2(window->monitor()->startRun(QStringLiteral("--instances 5000 --concurrency 1 --seed 3"), &error),
             qPrintable(error));
    QTRY_VERIFY_WITH_TIMEOUT(window->monitor()->runMonitor()->state().instanceCount() > 0, 10000);
    QTRY_VERIFY_WITH_TIMEOUT(window->monitor()->overlay()->display(QStringLiteral("create_order")).active, 10000);
}

/** Nothing of the run before shows: no instance in the docks, no overlay on the same-named card. */
void showsNoRun(DesignerWindow *window)
{
    QTRY_VERIFY_WITH_TIMEOUT(!window->monitor()->runController()->isRunning(), 20000);
    QTest::qWait(300); // anything of the old run still on its way would arrive now
    QCOMPARE(window->monitor()->runMonitor()->state().instanceCount(), 0);
    QCOMPARE(window->monitor()->runMonitor()->pendingCount(), 0);
    QVERIFY(!window->monitor()->overlay()->display(QStringLiteral("create_order")).active);
}

} // namespace

void TestDesignerWindow::openingAnotherFileDuringARunAsksAndStopsIt()
{
    const QString other = m_dir.filePath(QStringLiteral("other.saga"));
    {
        QFile file(other);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(otherSaga());
    }
    DesignerWindow window;
    showRunningOrderCheckout(&window);

    // Cancel: the run and its saga stay.
    MessageBoxAnswer cancel;
    cancel.answer(QMessageBox::Cancel);
    QVERIFY(!window.openFile(other));
    QVERIFY(cancel.seen);
    QCOMPARE(cancel.objectName, QStringLiteral("stopRunMessageBox"));
    QVERIFY2(cancel.text.contains(QStringLiteral("Order checkout")), qPrintable(cancel.text));
    QVERIFY(window.monitor()->runController()->isRunning());
    QCOMPARE(QFileInfo(window.document()->filePath()).fileName(), QStringLiteral("order-checkout.saga"));

    // Stop Run: the other saga opens, the run stops, and nothing of it shows on the new saga's
    // card of the same id nor in the docks.
    MessageBoxAnswer stop;
    stop.choose(QStringLiteral("Stop Run"));
    QVERIFY(window.openFile(other));
    QVERIFY(stop.seen);
    QCOMPARE(window.document()->definition().name, QStringLiteral("Other saga"));
    showsNoRun(&window);
    QVERIFY(!window.isBusy());
}

void TestDesignerWindow::newDuringARunWithoutPromptsStopsIt()
{
    DesignerWindow window;
    window.setPromptsEnabled(false);
    showRunningOrderCheckout(&window);
    window.monitor()->pause(); // a paused run stops too
    QTRY_VERIFY_WITH_TIMEOUT(window.monitor()->isPaused(), 10000);
    action(window, "actionNew")->trigger();
    QVERIFY(window.document()->definition().steps.isEmpty());
    showsNoRun(&window);
}

void TestDesignerWindow::followedLogIsNotANewDocument()
{
    const QString db = m_dir.filePath(QStringLiteral("followed.db"));
    QFile::remove(db);
    QProcess cli;
    cli.start(QStringLiteral(SAGASCOPE_CLI_PATH),
              {QStringLiteral("run"), example("travel-booking.saga"), QStringLiteral("--db"), db, QStringLiteral("--instances"),
               QStringLiteral("3"), QStringLiteral("--virtual-time"), QStringLiteral("--quiet")});
    QVERIFY(cli.waitForFinished(60000));
    QVERIFY2(cli.exitCode() == 0 || cli.exitCode() == 10, cli.readAllStandardError().constData());

    DesignerWindow window;
    window.resize(1000, 700);
    window.show();
    QString error;
    QVERIFY2(window.monitor()->openLog(db, &error), qPrintable(error));
    QTRY_VERIFY_WITH_TIMEOUT(!window.document()->definition().steps.isEmpty(), 10000);
    waitIdle(window); // laid out and fitted: the layout is no edit
    QCOMPARE(window.document()->sourceLog(), QFileInfo(db).absoluteFilePath());
    QVERIFY(!window.document()->isModified());
    QVERIFY(!window.isWindowModified());
    QVERIFY2(window.windowTitle().contains(QStringLiteral("followed.db")), qPrintable(window.windowTitle()));

    // Edited, it is a new document named after the log; the prompt says so with a capital.
    window.document()->setSagaInfo(QStringLiteral("Edited"), QString());
    QVERIFY(window.document()->isModified());
    QVERIFY2(window.windowTitle().startsWith(QStringLiteral("Untitled, from followed.db")), qPrintable(window.windowTitle()));
    MessageBoxAnswer cancel;
    cancel.answer(QMessageBox::Cancel);
    QVERIFY(!window.close());
    QVERIFY(cancel.seen);
    QVERIFY2(cancel.text.startsWith(QStringLiteral("Untitled, from followed.db has unsaved changes")), qPrintable(cancel.text));

    // Undone, it is the log's saga again: quitting asks nothing (a prompt would be cancelled).
    window.document()->undoStack()->undo();
    QVERIFY(!window.document()->isModified());
    window.monitor()->stop();
    MessageBoxAnswer none;
    none.answer(QMessageBox::Cancel);
    QVERIFY(window.close());
    QTest::qWait(2500); // the answer gives up looking for a box
    QVERIFY(!none.seen);

    // A new saga, edited: "The new saga has unsaved changes."
    DesignerWindow fresh;
    fresh.show();
    fresh.document()->setSagaInfo(QStringLiteral("Fresh"), QString());
    MessageBoxAnswer discard;
    discard.answer(QMessageBox::Discard);
    QVERIFY(fresh.close());
    QVERIFY2(discard.text.startsWith(QStringLiteral("The new saga has unsaved changes")), qPrintable(discard.text));
}

void TestDesignerWindow::fitToWindowCentresWhatCannotBeFitted()
{
    // A chain of 300 steps: too long for the smallest zoom in either direction.
    QByteArray json = R"({"format":"sagascope/1","name":"Chain","services":[{"id":"svc"}],"steps":[)";
    for (int i = 0; i < 300; ++i)
        json += QStringLiteral(R"(%1{"id":"s%2","service":"svc","kind":"compensatable","action":{"name":"a%2"},)"
                               R"("compensation":{"name":"c%2"},"after":[%3]})")
                    .arg(i == 0 ? QString() : QStringLiteral(","))
                    .arg(i)
                    .arg(i == 0 ? QString() : QStringLiteral("\"s%1\"").arg(i - 1))
                    .toUtf8();
    json += "]}";
    const QString path = m_dir.filePath(QStringLiteral("chain300.saga"));
    {
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(json);
    }
    DesignerWindow window;
    window.setPromptsEnabled(false);
    window.resize(1100, 760);
    window.show();
    QVERIFY(window.loadFile(path, nullptr));
    waitIdle(window);

    // Centred: the middle of the cards is the middle of the view, and across the chain (the
    // direction that fits) every card is in view.
    const auto checkCentred = [&](bool topToBottom) {
        SagaView *view = window.view();
        const QRectF cards = window.scene()->itemsBoundingRect();
        const QPoint middle = view->mapFromScene(cards.center());
        const QPoint viewMiddle = view->viewport()->rect().center();
        QVERIFY2(qAbs(middle.x() - viewMiddle.x()) <= 3 && qAbs(middle.y() - viewMiddle.y()) <= 3,
                 qPrintable(QStringLiteral("cards' middle at %1,%2, view's at %3,%4")
                                .arg(middle.x()).arg(middle.y()).arg(viewMiddle.x()).arg(viewMiddle.y())));
        const QRect shown = view->mapFromScene(cards).boundingRect();
        if (topToBottom)
            QVERIFY2(shown.left() >= 0 && shown.right() <= view->viewport()->width(), "the column is clipped");
        else
            QVERIFY2(shown.top() >= 0 && shown.bottom() <= view->viewport()->height(), "the row is clipped");
    };
    action(window, "actionFit")->trigger();
    QCOMPARE(window.view()->zoom(), SagaView::MinZoom);
    checkCentred(false);

    // Top to bottom: laid out again and fitted, the column in the middle, not on empty canvas.
    window.view()->setZoom(1.0);
    window.view()->centerOn(window.scene()->itemsBoundingRect().topRight());
    action(window, "actionTopToBottom")->trigger();
    waitIdle(window);
    checkCentred(true);
    action(window, "actionFit")->trigger();
    checkCentred(true);
}

void TestDesignerWindow::modeBoxAndChoreographyViewInTheWindow()
{
    DesignerWindow window;
    window.setPromptsEnabled(false);
    window.resize(1400, 900);
    window.show();
    QVERIFY(window.loadFile(example("order-checkout.saga"), nullptr));
    waitIdle(window);
    ChoreographySplit *split = window.choreography();
    QCOMPARE(window.designerView(), split);
    QCOMPARE(window.centralWidget()->findChild<SagaView *>(), window.view()); // the canvas is still there
    QVERIFY(!split->isChoreographyShown()); // an orchestration without events opens without it
    // The action is in View and on the canvas toolbar, and shows the view at half the width.
    QVERIFY(window.viewMenu()->actions().contains(split->toggleAction()));
    split->toggleAction()->trigger();
    QVERIFY(split->isChoreographyShown());
    QVERIFY(split->view()->isVisible());
    QVERIFY(split->sizes().value(0) >= 240 && split->sizes().value(1) >= 240);

    // The Mode box on the toolbar converts as one undo step, Ctrl+Z takes it back.
    auto *combo = window.findChild<QComboBox *>(QStringLiteral("sagaModeCombo"));
    QVERIFY(combo && combo->isVisible());
    const int undoCount = window.document()->undoStack()->count();
    combo->setCurrentIndex(combo->findData(int(SagaMode::Choreography)));
    Q_EMIT combo->activated(combo->currentIndex());
    QCOMPARE(window.document()->definition().mode, SagaMode::Choreography);
    QCOMPARE(window.document()->undoStack()->count(), undoCount + 1);
    QVERIFY(split->scene()->layout().orchestrator.isNull());
    QVERIFY(!window.statusBar()->currentMessage().isEmpty());
    window.document()->undoStack()->undo();
    QCOMPARE(window.document()->definition().mode, SagaMode::Orchestration);
    QCOMPARE(combo->currentData().toInt(), int(SagaMode::Orchestration));

    // A saga with events opens with its choreography in view.
    QVERIFY(window.loadFile(example("order-choreography.saga"), nullptr));
    waitIdle(window);
    QVERIFY(split->isChoreographyShown());
    QCOMPARE(combo->currentData().toInt(), int(SagaMode::Choreography));
    QCOMPARE(split->scene()->layout().cards.size(), window.document()->definition().steps.size());
    // A card clicked there is the one selection: the canvas and Properties follow.
    const QRectF card = split->scene()->layout().cards.value(QStringLiteral("authorize_card"));
    split->view()->centerOn(card.center());
    QTest::mouseClick(split->view()->viewport(), Qt::LeftButton, {}, split->view()->mapFromScene(card.center()));
    QCOMPARE(split->scene()->selectedSteps(), QStringList{QStringLiteral("authorize_card")});
    QCOMPARE(window.scene()->selectedStepIds(), QStringList{QStringLiteral("authorize_card")});
    QCOMPARE(window.propertiesPanel()->currentStep(), QStringLiteral("authorize_card"));
}

QTEST_MAIN(TestDesignerWindow)
#include "tst_designerwindow.moc"
