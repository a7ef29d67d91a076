// SPDX-License-Identifier: MIT
// SagaView gestures with real mouse and key events on the viewport: a drag of one or several
// cards is exactly one undo command (pushed on release), a click is none, zoom keys and
// Ctrl+wheel zoom, fit shows every card.

#include "sagadocument.h"
#include "sagascene.h"
#include "labeleditor.h"
#include "sagaview.h"
#include "stepitem.h"

#include "testconfig.h"

#include <QApplication>
#include <QScrollBar>
#include <QSignalSpy>
#include <QTest>
#include <QUndoStack>
#include <QWheelEvent>

using namespace Sagascope;

namespace {

QString dataFile(const char *name)
{
    return QStringLiteral(SAGASCOPE_SOURCE_DIR "/tests/views/data/") + QLatin1String(name);
}

/** A point inside the card, away from its edges, in viewport coordinates. */
QPoint grabPoint(const SagaView &view, const StepItem *item)
{
    return view.mapFromScene(item->mapToScene(QPointF(0, item->cardRect().top() + 30)));
}

void drag(QWidget *viewport, QPoint from, QPoint to, Qt::KeyboardModifiers modifiers = {})
{
    QTest::mousePress(viewport, Qt::LeftButton, modifiers, from);
    constexpr int steps = 6;
    for (int i = 1; i <= steps; ++i)
        QTest::mouseMove(viewport, from + (to - from) * i / steps);
    QTest::mouseRelease(viewport, Qt::LeftButton, modifiers, to);
}

} // namespace

class TestSagaView : public QObject
{
    Q_OBJECT

private:
    SagaDocument *m_document = nullptr;
    SagaScene *m_scene = nullptr;
    SagaView *m_view = nullptr;

private Q_SLOTS:
    void init()
    {
        m_document = new SagaDocument;
        LoadError error;
        QVERIFY2(m_document->load(dataFile("placed.saga"), &error), qPrintable(error.toString()));
        m_scene = new SagaScene(m_document);
        m_view = new SagaView(m_scene);
        m_view->resize(1100, 500);
        m_view->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_view));
        m_view->centerOn(m_scene->stepsBoundingRect().center());
        QCOMPARE(m_document->undoStack()->count(), 0);
    }

    void cleanup()
    {
        delete m_view;
        delete m_scene;
        delete m_document;
    }

    void dragIsOneUndoCommand()
    {
        const StepItem *a = m_scene->stepItem(QStringLiteral("a"));
        const QPointF before = *m_document->definition().step(QStringLiteral("a"))->position;
        const QPoint from = grabPoint(*m_view, a);
        drag(m_view->viewport(), from, from + QPoint(60, 90));
        QCOMPARE(m_document->undoStack()->count(), 1);
        const QPointF after = *m_document->definition().step(QStringLiteral("a"))->position;
        // Moved by the drag (snapped to the 10 px grid), and the card shows the document's place.
        QVERIFY2(qAbs(after.x() - before.x() - 60) <= 10 && qAbs(after.y() - before.y() - 90) <= 10,
                 qPrintable(QStringLiteral("moved to %1,%2").arg(after.x()).arg(after.y())));
        QCOMPARE(a->pos(), after);
        // The other steps did not move.
        QCOMPARE(*m_document->definition().step(QStringLiteral("b"))->position, QPointF(450, 100));
        // Undo puts the card back.
        m_document->undoStack()->undo();
        QCOMPARE(*m_document->definition().step(QStringLiteral("a"))->position, before);
        QCOMPARE(a->pos(), before);
    }

    void clickIsNoCommand()
    {
        const QPoint at = grabPoint(*m_view, m_scene->stepItem(QStringLiteral("b")));
        QTest::mouseClick(m_view->viewport(), Qt::LeftButton, {}, at);
        QCOMPARE(m_document->undoStack()->count(), 0);
        QCOMPARE(m_scene->selectedStepIds(), QStringList{QStringLiteral("b")});
    }

    void multiSelectionDragIsOneCommand()
    {
        const StepItem *a = m_scene->stepItem(QStringLiteral("a"));
        const StepItem *b = m_scene->stepItem(QStringLiteral("b"));
        QTest::mouseClick(m_view->viewport(), Qt::LeftButton, {}, grabPoint(*m_view, a));
        QTest::mouseClick(m_view->viewport(), Qt::LeftButton, Qt::ControlModifier, grabPoint(*m_view, b));
        QCOMPARE(m_scene->selectedStepIds(), (QStringList{QStringLiteral("a"), QStringLiteral("b")}));
        const QPoint from = grabPoint(*m_view, b);
        drag(m_view->viewport(), from, from + QPoint(0, 120));
        QCOMPARE(m_document->undoStack()->count(), 1);
        QCOMPARE(m_document->definition().step(QStringLiteral("a"))->position->y(), 220.0);
        QCOMPARE(m_document->definition().step(QStringLiteral("b"))->position->y(), 220.0);
        QCOMPARE(m_document->definition().step(QStringLiteral("c"))->position->y(), 100.0);
        m_document->undoStack()->undo();
        QCOMPARE(m_document->definition().step(QStringLiteral("a"))->position->y(), 100.0);
        QCOMPARE(m_document->definition().step(QStringLiteral("b"))->position->y(), 100.0);
    }

    void arrowsFollowDuringTheDrag()
    {
        const StepItem *b = m_scene->stepItem(QStringLiteral("b"));
        const DependencyItem *arrow = m_scene->dependencyItem(QStringLiteral("b"), QStringLiteral("a"));
        const QPointF endBefore = arrow->path().currentPosition();
        const QPoint from = grabPoint(*m_view, b);
        QTest::mousePress(m_view->viewport(), Qt::LeftButton, {}, from);
        QTest::mouseMove(m_view->viewport(), from + QPoint(0, 40));
        QTest::mouseMove(m_view->viewport(), from + QPoint(0, 80));
        // Mid-drag: the arrow already ends at the moved card, the document is untouched.
        QVERIFY(arrow->path().currentPosition().y() > endBefore.y() + 60);
        QCOMPARE(m_document->undoStack()->count(), 0);
        QTest::mouseRelease(m_view->viewport(), Qt::LeftButton, {}, from + QPoint(0, 80));
        QCOMPARE(m_document->undoStack()->count(), 1);
    }

    void dragFromPortConnects()
    {
        const StepItem *a = m_scene->stepItem(QStringLiteral("a"));
        const StepItem *c = m_scene->stepItem(QStringLiteral("c"));
        QVERIFY(!m_document->definition().step(QStringLiteral("c"))->after.contains(QStringLiteral("a")));
        const QPoint port = m_view->mapFromScene(a->outPort(Qt::Horizontal));
        const QPoint onC = grabPoint(*m_view, c);
        QTest::mousePress(m_view->viewport(), Qt::LeftButton, {}, port);
        QVERIFY(m_scene->isConnecting());
        QTest::mouseMove(m_view->viewport(), (port + onC) / 2);
        QTest::mouseMove(m_view->viewport(), onC);
        QTest::mouseRelease(m_view->viewport(), Qt::LeftButton, {}, onC);
        QVERIFY(!m_scene->isConnecting());
        // One command: c now runs after a; nothing moved; the canvas has the new arrow.
        QCOMPARE(m_document->undoStack()->count(), 1);
        QVERIFY(m_document->definition().step(QStringLiteral("c"))->after.contains(QStringLiteral("a")));
        QCOMPARE(*m_document->definition().step(QStringLiteral("a"))->position, QPointF(150, 100));
        QVERIFY(m_scene->dependencyItem(QStringLiteral("c"), QStringLiteral("a")));
        m_document->undoStack()->undo();
        QVERIFY(!m_scene->dependencyItem(QStringLiteral("c"), QStringLiteral("a")));
        QCOMPARE(m_scene->items().size(), 3 + 2 + 1); // no leftover drag line
    }

    void dragFromPortOntoNothingDoesNothing()
    {
        const StepItem *b = m_scene->stepItem(QStringLiteral("b"));
        const QPoint port = m_view->mapFromScene(b->outPort(Qt::Horizontal));
        drag(m_view->viewport(), port, port + QPoint(20, 150)); // empty canvas below
        QCOMPARE(m_document->undoStack()->count(), 0);
        drag(m_view->viewport(), port, grabPoint(*m_view, b)); // onto itself
        QCOMPARE(m_document->undoStack()->count(), 0);
        QCOMPARE(m_scene->items().size(), 3 + 2 + 1);
    }

    void deleteKeyRemovesTheSelectionAsOneCommand()
    {
        const SagaDefinition before = m_document->definition();
        // A step and an arrow elsewhere: one command removes both.
        QTest::mouseClick(m_view->viewport(), Qt::LeftButton, {}, grabPoint(*m_view, m_scene->stepItem(QStringLiteral("a"))));
        DependencyItem *arrow = m_scene->dependencyItem(QStringLiteral("c"), QStringLiteral("b"));
        const QPoint onArrow = m_view->mapFromScene(arrow->path().pointAtPercent(0.5));
        QTest::mouseClick(m_view->viewport(), Qt::LeftButton, Qt::ControlModifier, onArrow);
        QCOMPARE(m_scene->selectedDependencies().size(), 1);
        QTest::keyClick(m_view->viewport(), Qt::Key_Delete);
        QCOMPARE(m_document->undoStack()->count(), 1);
        QVERIFY(!m_document->definition().step(QStringLiteral("a")));
        QVERIFY(m_document->definition().step(QStringLiteral("c"))->after.isEmpty());
        QVERIFY(m_document->definition().step(QStringLiteral("b"))->after.isEmpty()); // a's arrow went with it
        QCOMPARE(m_scene->stepItemCount(), 2);
        QCOMPARE(m_scene->dependencyItemCount(), 0);
        m_document->undoStack()->undo();
        QCOMPARE(m_document->definition(), before);
        QCOMPARE(m_scene->dependencyItemCount(), 2);
    }

    void arrowKeysNudgeAndMerge()
    {
        QTest::mouseClick(m_view->viewport(), Qt::LeftButton, {}, grabPoint(*m_view, m_scene->stepItem(QStringLiteral("b"))));
        QTest::keyClick(m_view->viewport(), Qt::Key_Right);
        QTest::keyClick(m_view->viewport(), Qt::Key_Right);
        QTest::keyClick(m_view->viewport(), Qt::Key_Down, Qt::ShiftModifier);
        QCOMPARE(*m_document->definition().step(QStringLiteral("b"))->position, QPointF(470, 101));
        // Repeated nudges of the same selection are one undo step.
        QCOMPARE(m_document->undoStack()->count(), 1);
        m_document->undoStack()->undo();
        QCOMPARE(*m_document->definition().step(QStringLiteral("b"))->position, QPointF(450, 100));
    }

    void f2RenamesInline()
    {
        QTest::mouseClick(m_view->viewport(), Qt::LeftButton, {}, grabPoint(*m_view, m_scene->stepItem(QStringLiteral("b"))));
        QTest::keyClick(m_view->viewport(), Qt::Key_F2);
        QVERIFY(m_scene->isEditingLabel());
        // The whole label is selected: typing replaces it; Enter commits one command.
        QTest::keyClicks(m_view->viewport(), QStringLiteral("Charge card"));
        QCOMPARE(m_document->undoStack()->count(), 0);
        QTest::keyClick(m_view->viewport(), Qt::Key_Return);
        QTRY_VERIFY(!m_scene->isEditingLabel());
        QTRY_COMPARE(m_document->definition().step(QStringLiteral("b"))->label, QStringLiteral("Charge card"));
        QCOMPARE(m_document->undoStack()->count(), 1);
        QCOMPARE(m_scene->stepItem(QStringLiteral("b"))->step().label, QStringLiteral("Charge card"));
        QTRY_COMPARE(m_scene->items().size(), 3 + 2 + 1); // the editor is gone

        // Escape cancels.
        QTest::mouseClick(m_view->viewport(), Qt::LeftButton, {}, grabPoint(*m_view, m_scene->stepItem(QStringLiteral("c"))));
        QTest::keyClick(m_view->viewport(), Qt::Key_F2);
        QVERIFY(m_scene->isEditingLabel());
        QTest::keyClicks(m_view->viewport(), QStringLiteral("Nope"));
        QTest::keyClick(m_view->viewport(), Qt::Key_Escape);
        QTRY_VERIFY(!m_scene->isEditingLabel());
        QTest::qWait(10);
        QCOMPARE(m_document->definition().step(QStringLiteral("c"))->label, QStringLiteral("Step C"));
        QCOMPARE(m_document->undoStack()->count(), 1);
    }

    void f2OffersToRenameTheIdToo()
    {
        // Seen: F2 changed only the label; the id stayed and two steps could share an action name.
        // The editor says what becomes of the id as the label is typed; Shift+Enter renames it
        // (and every `after` naming it) in the same undo step.
        QTest::mouseClick(m_view->viewport(), Qt::LeftButton, {}, grabPoint(*m_view, m_scene->stepItem(QStringLiteral("b"))));
        QTest::keyClick(m_view->viewport(), Qt::Key_F2);
        QVERIFY(m_scene->isEditingLabel());
        LabelEditor *editor = nullptr;
        for (QGraphicsItem *item : m_scene->items())
            if (item->type() == LabelEditor::Type)
                editor = static_cast<LabelEditor *>(item);
        QVERIFY(editor);
        QTest::keyClicks(m_view->viewport(), QStringLiteral("Charge card"));
        QCOMPARE(editor->hintText(), QStringLiteral("Enter keeps the id b · Shift+Enter renames it: charge_card"));
        const QStringList dependents = [this] {
            QStringList out;
            for (const Step &step : m_document->definition().steps)
                if (step.after.contains(QStringLiteral("b")))
                    out << step.id;
            return out;
        }();
        QTest::keyClick(m_view->viewport(), Qt::Key_Return, Qt::ShiftModifier);
        QTRY_VERIFY(!m_scene->isEditingLabel());
        QTRY_VERIFY(m_document->definition().step(QStringLiteral("charge_card")));
        QVERIFY(!m_document->definition().step(QStringLiteral("b")));
        QCOMPARE(m_document->definition().step(QStringLiteral("charge_card"))->label, QStringLiteral("Charge card"));
        for (const StepId &id : dependents)
            QVERIFY(m_document->definition().step(id)->after.contains(QStringLiteral("charge_card")));
        QCOMPARE(m_document->undoStack()->count(), 1);
        m_document->undoStack()->undo();
        QVERIFY(m_document->definition().step(QStringLiteral("b")));
    }

    void revealStepsSelectsAndShowsThem()
    {
        m_view->resize(400, 300);
        m_view->setZoom(3.0);
        m_view->centerOn(0, 0);
        m_view->revealSteps({QStringLiteral("a"), QStringLiteral("c")});
        QCOMPARE(m_scene->selectedStepIds(), (QStringList{QStringLiteral("a"), QStringLiteral("c")}));
        const QRectF visible = m_view->mapToScene(m_view->viewport()->rect()).boundingRect();
        QVERIFY(visible.contains(m_scene->stepItem(QStringLiteral("a"))->sceneBoundingRect()));
        QVERIFY(visible.contains(m_scene->stepItem(QStringLiteral("c"))->sceneBoundingRect()));
    }

    void doubleClickOnEmptyCanvasAsksForAStep()
    {
        QSignalSpy spy(m_scene, &SagaScene::addStepRequested);
        const QPoint empty = m_view->mapFromScene(QPointF(450, 330));
        QVERIFY(!m_scene->itemAt(QPointF(450, 330), QTransform()));
        QTest::mouseDClick(m_view->viewport(), Qt::LeftButton, {}, empty);
        QCOMPARE(spy.size(), 1);
        const QPointF at = spy.first().first().toPointF();
        QVERIFY(QLineF(at, QPointF(450, 330)).length() <= 10);
        QCOMPARE(m_document->undoStack()->count(), 0);
    }

    void copyPasteDuplicateAndCut()
    {
        const StepItem *a = m_scene->stepItem(QStringLiteral("a"));
        const StepItem *b = m_scene->stepItem(QStringLiteral("b"));
        QTest::mouseClick(m_view->viewport(), Qt::LeftButton, {}, grabPoint(*m_view, a));
        QTest::mouseClick(m_view->viewport(), Qt::LeftButton, Qt::ControlModifier, grabPoint(*m_view, b));
        // Ctrl+D: a copy of both, one command, ids made unique, b's copy after a's copy.
        QTest::keyClick(m_view->viewport(), Qt::Key_D, Qt::ControlModifier);
        QCOMPARE(m_document->undoStack()->count(), 1);
        QCOMPARE(m_document->definition().steps.size(), 5);
        const Step *a2 = m_document->definition().step(QStringLiteral("a_2"));
        const Step *b2 = m_document->definition().step(QStringLiteral("b_2"));
        QVERIFY(a2 && b2);
        QCOMPARE(b2->after, QStringList{QStringLiteral("a_2")});
        QCOMPARE(*a2->position, QPointF(180, 130));
        QCOMPARE(a2->label, QStringLiteral("Step A"));
        QCOMPARE(m_scene->selectedStepIds(), (QStringList{QStringLiteral("a_2"), QStringLiteral("b_2")}));
        QVERIFY(m_scene->dependencyItem(QStringLiteral("b_2"), QStringLiteral("a_2")));
        // Ctrl+C, Ctrl+V through the clipboard: another copy.
        QTest::keyClick(m_view->viewport(), Qt::Key_C, Qt::ControlModifier);
        QTest::keyClick(m_view->viewport(), Qt::Key_V, Qt::ControlModifier);
        QCOMPARE(m_document->undoStack()->count(), 2);
        QVERIFY(m_document->definition().step(QStringLiteral("a_3")));
        QCOMPARE(m_document->definition().step(QStringLiteral("b_3"))->after, QStringList{QStringLiteral("a_3")});
        // Ctrl+X: gone from the saga, one command, and back with Ctrl+V.
        QTest::keyClick(m_view->viewport(), Qt::Key_X, Qt::ControlModifier);
        QCOMPARE(m_document->undoStack()->count(), 3);
        QVERIFY(!m_document->definition().step(QStringLiteral("a_3")));
        QTest::keyClick(m_view->viewport(), Qt::Key_V, Qt::ControlModifier);
        QVERIFY(m_document->definition().step(QStringLiteral("a_3")));
        // Undo all: the original saga.
        while (m_document->undoStack()->canUndo())
            m_document->undoStack()->undo();
        QCOMPARE(m_document->definition().steps.size(), 3);
        QCOMPARE(m_scene->stepItemCount(), 3);
        // Pasting text that is not a saga does nothing.
        QVERIFY(!m_scene->clipboard().paste("not json"));
        QCOMPARE(m_document->undoStack()->index(), 0);
        QVERIFY(m_document->undoStack()->canRedo());
    }

    void zoomKeysAndWheel()
    {
        QCOMPARE(m_view->zoom(), 1.0);
        m_view->setFocus();
        QTest::keyClick(m_view, Qt::Key_Plus, Qt::ControlModifier);
        QVERIFY(m_view->zoom() > 1.0);
        QTest::keyClick(m_view, Qt::Key_Minus, Qt::ControlModifier);
        QTest::keyClick(m_view, Qt::Key_Minus, Qt::ControlModifier);
        QVERIFY(m_view->zoom() < 1.0);

        const qreal before = m_view->zoom();
        const QPointF at = m_view->viewport()->rect().center();
        QWheelEvent wheel(at, m_view->viewport()->mapToGlobal(at), QPoint(), QPoint(0, 120), Qt::NoButton,
                          Qt::ControlModifier, Qt::NoScrollPhase, false);
        QApplication::sendEvent(m_view->viewport(), &wheel);
        QVERIFY(m_view->zoom() > before);
        // Without Ctrl the wheel scrolls instead.
        const qreal zoomNow = m_view->zoom();
        QWheelEvent scroll(at, m_view->viewport()->mapToGlobal(at), QPoint(), QPoint(0, -120), Qt::NoButton,
                           Qt::NoModifier, Qt::NoScrollPhase, false);
        QApplication::sendEvent(m_view->viewport(), &scroll);
        QCOMPARE(m_view->zoom(), zoomNow);

        m_view->setZoom(100);
        QCOMPARE(m_view->zoom(), SagaView::MaxZoom);
        m_view->setZoom(0);
        QCOMPARE(m_view->zoom(), SagaView::MinZoom);
    }

    void fitShowsEveryCard()
    {
        m_view->resize(500, 300);
        m_view->setZoom(3.0);
        QTest::keyClick(m_view, Qt::Key_0, Qt::ControlModifier);
        QVERIFY(m_view->zoom() < 1.0);
        const QRectF visible = m_view->mapToScene(m_view->viewport()->rect()).boundingRect();
        QVERIFY2(visible.contains(m_scene->stepsBoundingRect()), "not every card is visible after fit");
        // Zoom never changes the document.
        QCOMPARE(m_document->undoStack()->count(), 0);
    }
};

QTEST_MAIN(TestSagaView)
#include "tst_sagaview.moc"
