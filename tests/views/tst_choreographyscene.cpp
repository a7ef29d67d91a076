// SPDX-License-Identifier: MIT
// The choreography view (scene, view, the mode control and the split beside the canvas), driven
// with the mouse and the keyboard as a user does, every edit checked through the document.
#include "../exampletesthelpers.h"
#include "choreographyscene.h"
#include "choreographysplit.h"
#include "choreographyview.h"
#include "sagaconvert.h"
#include "sagadocument.h"
#include "sagafile.h"
#include "sagamodecontrol.h"
#include "testconfig.h"

#include <QAction>
#include <QComboBox>
#include <QGraphicsPathItem>
#include <QSignalSpy>
#include <QTest>
#include <QUndoStack>

using namespace Sagascope;
using Sagascope::Test::example;
using Layout = ChoreographyLayout;

namespace {

QPoint at(const ChoreographyView &view, const QPointF &scenePos)
{
    return view.mapFromScene(scenePos);
}

/** Drags with the left button from one scene point to another, as a hand does. */
void drag(ChoreographyView &view, const QPointF &from, const QPointF &to)
{
    QTest::mousePress(view.viewport(), Qt::LeftButton, {}, at(view, from));
    const QPointF middle = (from + to) / 2;
    QMouseEvent move(QEvent::MouseMove, at(view, middle), view.viewport()->mapToGlobal(at(view, middle)), Qt::NoButton,
                     Qt::LeftButton, {});
    QCoreApplication::sendEvent(view.viewport(), &move);
    QMouseEvent move2(QEvent::MouseMove, at(view, to), view.viewport()->mapToGlobal(at(view, to)), Qt::NoButton,
                      Qt::LeftButton, {});
    QCoreApplication::sendEvent(view.viewport(), &move2);
    QTest::mouseRelease(view.viewport(), Qt::LeftButton, {}, at(view, to));
}

} // namespace

class TestChoreographyScene : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void cardsAndLinesFollowTheDocument();
    void dragFromAnEmittedEventSubscribesAStep();
    void dragOntoNothingOrItselfChangesNothing();
    void deletingADeliveryUnsubscribes();
    void modeControlConvertsAsOneEdit();
    void modeControlSaysWhyItCannotConvert();
    void splitShowsTheViewForSagasWithEvents();
};

void TestChoreographyScene::cardsAndLinesFollowTheDocument()
{
    SagaDocument document;
    document.reset(example(QStringLiteral("order-mixed.saga")));
    ChoreographyScene scene(&document);
    QSignalSpy rebuilt(&scene, &ChoreographyScene::rebuilt);
    QCOMPARE(scene.layout().cards.size(), 6);
    QVERIFY(scene.routeItem(Layout::RouteKind::Deliver, QStringLiteral("OrderApproved"), QStringLiteral("award_points")));
    QVERIFY(scene.routeItem(Layout::RouteKind::Command, QStringLiteral("createOrder"), QStringLiteral("create_order")));
    // Commands solid, events dashed.
    QCOMPARE(scene.routeItem(Layout::RouteKind::Command, QStringLiteral("createOrder"), QStringLiteral("create_order"))
                 ->pen().style(),
             Qt::SolidLine);
    QCOMPARE(scene.routeItem(Layout::RouteKind::Deliver, QStringLiteral("OrderApproved"), QStringLiteral("award_points"))
                 ->pen().style(),
             Qt::DashLine);
    QCOMPARE(scene.stepAt(scene.layout().cards.value(QStringLiteral("take_payment")).center()), QStringLiteral("take_payment"));
    // What a card may cut short, its tooltip says in full.
    document.reset(example(QStringLiteral("order-choreography.saga")));
    const QPointF join = scene.layout().cards.value(QStringLiteral("authorize_card")).center();
    QString tip;
    for (QGraphicsItem *item : scene.items(join)) {
        if (!item->toolTip().isEmpty() && item->toolTip().contains(QLatin1String("authorize_card")))
            tip = item->toolTip();
    }
    QVERIFY2(tip.contains(QLatin1String("on: ConsumerVerified + TicketCreated")), qPrintable(tip));
    QVERIFY2(tip.contains(QLatin1String("CreditCardAuthorizationFailed")), qPrintable(tip));
    document.reset(example(QStringLiteral("order-mixed.saga")));

    document.removeSteps({QStringLiteral("award_points")});
    QVERIFY(rebuilt.size() >= 1);
    QCOMPARE(scene.layout().cards.size(), 5);
    QVERIFY(!scene.routeItem(Layout::RouteKind::Deliver, QStringLiteral("OrderApproved"), QStringLiteral("award_points")));
    document.undoStack()->undo();
    QVERIFY(scene.routeItem(Layout::RouteKind::Deliver, QStringLiteral("OrderApproved"), QStringLiteral("award_points")));
    document.reset(example(QStringLiteral("order-choreography.saga")));
    QVERIFY(scene.layout().orchestrator.isNull());
    QVERIFY(scene.routeItem(Layout::RouteKind::Deliver, QStringLiteral("TicketRejected"), QStringLiteral("create_order")));
}

void TestChoreographyScene::dragFromAnEmittedEventSubscribesAStep()
{
    SagaDocument document;
    document.reset(example(QStringLiteral("order-choreography.saga")), QStringLiteral("/tmp/c.saga"));
    const QByteArray original = SagaFile::serialize(document.definition());
    ChoreographyScene scene(&document);
    ChoreographyView view(&scene);
    view.resize(1400, 900);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    view.setZoom(0.6);

    // authorize_card publishes CreditCardAuthorized; drag it onto verify_consumer.
    const QRectF source = scene.layout().cards.value(QStringLiteral("authorize_card"));
    const QRectF target = scene.layout().cards.value(QStringLiteral("verify_consumer"));
    view.centerOn(source.united(target).center());
    drag(view, Layout::portPoint(source, Layout::Port::SuccessOut), target.center());
    QVERIFY(!scene.isConnecting());
    QCOMPARE(document.undoStack()->count(), 1);
    QVERIFY(document.definition().step(QStringLiteral("verify_consumer"))->on.contains(QStringLiteral("CreditCardAuthorized")));
    QVERIFY(scene.routeItem(Layout::RouteKind::Deliver, QStringLiteral("CreditCardAuthorized"), QStringLiteral("verify_consumer")));

    // A step that emits nothing yet gets its <Step>Succeeded event in the same edit.
    const QRectF approve = scene.layout().cards.value(QStringLiteral("approve_ticket"));
    const QRectF order = scene.layout().cards.value(QStringLiteral("approve_order"));
    view.centerOn(approve.united(order).center());
    drag(view, Layout::portPoint(approve, Layout::Port::SuccessOut), order.center());
    QCOMPARE(document.undoStack()->count(), 2);
    const QString generated = SagaConvert::succeededEvent(QStringLiteral("approve_ticket"));
    QCOMPARE(document.definition().step(QStringLiteral("approve_ticket"))->emits->success, generated);
    QVERIFY(document.definition().step(QStringLiteral("approve_order"))->on.contains(generated));
    QVERIFY(scene.routeItem(Layout::RouteKind::Publish, generated, QStringLiteral("approve_ticket")));

    document.undoStack()->undo();
    document.undoStack()->undo();
    QCOMPARE(SagaFile::serialize(document.definition()), original);
}

void TestChoreographyScene::dragOntoNothingOrItselfChangesNothing()
{
    SagaDocument document;
    document.reset(example(QStringLiteral("order-choreography.saga")));
    ChoreographyScene scene(&document);
    ChoreographyView view(&scene);
    view.resize(1400, 900);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    view.setZoom(0.6);
    const QRectF card = scene.layout().cards.value(QStringLiteral("create_order"));
    view.centerOn(card.center());
    drag(view, Layout::portPoint(card, Layout::Port::SuccessOut), card.center()); // onto itself
    drag(view, Layout::portPoint(card, Layout::Port::SuccessOut), card.bottomRight() + QPointF(40, 40)); // a gap
    QCOMPARE(document.undoStack()->count(), 0);
    // Already subscribed: said, not done twice.
    QSignalSpy message(&scene, &ChoreographyScene::message);
    const QRectF verify = scene.layout().cards.value(QStringLiteral("verify_consumer"));
    view.centerOn(card.united(verify).center());
    drag(view, Layout::portPoint(card, Layout::Port::SuccessOut), verify.center());
    QCOMPARE(document.undoStack()->count(), 0);
    QCOMPARE(message.size(), 1);
}

void TestChoreographyScene::deletingADeliveryUnsubscribes()
{
    SagaDocument document;
    document.reset(example(QStringLiteral("order-mixed.saga")));
    ChoreographyScene scene(&document);
    ChoreographyView view(&scene);
    view.resize(1400, 900);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    QGraphicsPathItem *line = scene.routeItem(Layout::RouteKind::Deliver, QStringLiteral("OrderApproved"), QStringLiteral("notify_customer"));
    QVERIFY(line);
    QVERIFY(line->flags() & QGraphicsItem::ItemIsSelectable);
    // Commands are not the view's to delete.
    QVERIFY(!(scene.routeItem(Layout::RouteKind::Command, QStringLiteral("createOrder"), QStringLiteral("create_order"))->flags()
              & QGraphicsItem::ItemIsSelectable));
    line->setSelected(true);
    view.setFocus();
    QTest::keyClick(view.viewport(), Qt::Key_Delete);
    QCOMPARE(document.undoStack()->count(), 1);
    QVERIFY(document.definition().step(QStringLiteral("notify_customer"))->on.isEmpty());
    QVERIFY(!scene.routeItem(Layout::RouteKind::Deliver, QStringLiteral("OrderApproved"), QStringLiteral("notify_customer")));
    document.undoStack()->undo();
    QCOMPARE(document.definition().step(QStringLiteral("notify_customer"))->on, QStringList{QStringLiteral("OrderApproved")});
}

void TestChoreographyScene::modeControlConvertsAsOneEdit()
{
    SagaDocument document;
    document.reset(example(QStringLiteral("order-checkout.saga")), QStringLiteral("/tmp/o.saga"));
    ChoreographyScene scene(&document);
    SagaModeControl control(&document);
    QComboBox *combo = control.comboBox();
    QCOMPARE(combo->currentData().toInt(), int(SagaMode::Orchestration));
    QVERIFY(!scene.layout().orchestrator.isNull());

    QSignalSpy message(&control, &SagaModeControl::message);
    combo->setCurrentIndex(combo->findData(int(SagaMode::Choreography)));
    Q_EMIT combo->activated(combo->currentIndex()); // as a click on the item does
    QCOMPARE(document.definition().mode, SagaMode::Choreography);
    QCOMPARE(document.undoStack()->count(), 1);
    QVERIFY(document.definition() == *SagaConvert::toChoreography(example(QStringLiteral("order-checkout.saga"))));
    QCOMPARE(message.size(), 1);
    QVERIFY(scene.layout().orchestrator.isNull()); // nobody calls the steps any more
    QVERIFY(!scene.layout().tracks.isEmpty());

    document.undoStack()->undo();
    QCOMPARE(combo->currentData().toInt(), int(SagaMode::Orchestration)); // the control follows undo
    document.undoStack()->redo();
    QCOMPARE(combo->currentData().toInt(), int(SagaMode::Choreography));
    document.reset(example(QStringLiteral("order-mixed.saga")));
    QCOMPARE(combo->currentData().toInt(), int(SagaMode::Orchestration));
}

void TestChoreographyScene::modeControlSaysWhyItCannotConvert()
{
    // create_order's compensation waits for failure events: no orchestration has such a step.
    SagaDefinition saga = example(QStringLiteral("order-choreography.saga"));
    saga.steps[1].on = {QStringLiteral("OrderCreationFailed")};
    SagaDocument document;
    document.reset(saga, QStringLiteral("/tmp/c.saga"));
    SagaModeControl control(&document);
    QSignalSpy message(&control, &SagaModeControl::message);
    QComboBox *combo = control.comboBox();
    combo->setCurrentIndex(combo->findData(int(SagaMode::Orchestration)));
    Q_EMIT combo->activated(combo->currentIndex());
    QCOMPARE(document.undoStack()->count(), 0);
    QCOMPARE(document.definition().mode, SagaMode::Choreography);
    QCOMPARE(combo->currentData().toInt(), int(SagaMode::Choreography)); // back where the saga is
    QCOMPARE(message.size(), 1);
    QVERIFY2(message.first().first().toString().contains(QLatin1String("cannot be converted")),
             qPrintable(message.first().first().toString()));
}

void TestChoreographyScene::splitShowsTheViewForSagasWithEvents()
{
    SagaDocument document;
    auto *canvas = new QWidget;
    ChoreographySplit split(&document, canvas);
    split.resize(1200, 700);
    split.show();
    QVERIFY(QTest::qWaitForWindowExposed(&split));
    QVERIFY(!split.isChoreographyShown()); // a new saga talks in no events
    QVERIFY(!split.toggleAction()->isChecked());
    document.reset(example(QStringLiteral("order-choreography.saga")));
    QVERIFY(split.isChoreographyShown());
    QVERIFY(split.toggleAction()->isChecked());
    QVERIFY(split.sizes().value(1) >= 240);
    split.toggleAction()->trigger();
    QVERIFY(!split.isChoreographyShown());
    document.reset(example(QStringLiteral("order-checkout.saga")));
    QVERIFY(!split.isChoreographyShown());
    split.toggleAction()->trigger(); // shown on demand for an orchestration too: who calls whom
    QVERIFY(split.isChoreographyShown());
    QVERIFY(!split.scene()->layout().orchestrator.isNull());
}

QTEST_MAIN(TestChoreographyScene)
#include "tst_choreographyscene.moc"
