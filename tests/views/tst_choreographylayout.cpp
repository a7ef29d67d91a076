// SPDX-License-Identifier: MIT
// ChoreographyLayout: lanes, the bus and the lines of the choreography view, without a window.
#include "../exampletesthelpers.h"
#include "choreographylayout.h"
#include "sagaconvert.h"
#include "sagafile.h"
#include "testconfig.h"

#include <QTest>

using namespace Sagascope;
using Sagascope::Test::example;
using Layout = ChoreographyLayout;

namespace {

/** Every segment of every line, checked against every card: no line runs through a card. */
QString lineThroughCard(const Layout::Result &result)
{
    for (const Layout::Route &route : result.routes) {
        for (qsizetype i = 1; i < route.points.size(); ++i) {
            const QPointF a = route.points.at(i - 1), b = route.points.at(i);
            const QRectF segment = QRectF(a, b).normalized().adjusted(-0.5, -0.5, 0.5, 0.5);
            for (auto it = result.cards.cbegin(); it != result.cards.cend(); ++it) {
                const QRectF inner = it.value().adjusted(1, 1, -1, -1); // meeting the edge at a port is fine
                if (segment.intersects(inner))
                    return QStringLiteral("%1 of %2 crosses %3").arg(route.event, route.step, it.key());
            }
        }
    }
    return {};
}

const Layout::Lane *laneOf(const Layout::Result &result, const QString &service)
{
    for (const Layout::Lane &lane : result.lanes) {
        if (!lane.orchestrator && lane.service == service)
            return &lane;
    }
    return nullptr;
}

} // namespace

class TestChoreographyLayout : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void choreographyHasLanesBusAndEveryLine();
    void eventChainsReadLeftToRight();
    void orchestrationIsCommandsFromTheOrchestrator();
    void mixedSagaHasBoth();
    void eventPathGoesThroughTheBus();
    void convertedExamplesNeverCrossACard_data();
    void convertedExamplesNeverCrossACard();
    void emptySaga();
};

void TestChoreographyLayout::choreographyHasLanesBusAndEveryLine()
{
    const SagaDefinition saga = example(QStringLiteral("order-choreography.saga"));
    const Layout::Result result = Layout::compute(saga);
    QCOMPARE(result.cards.size(), saga.steps.size());
    QVERIFY(result.orchestrator.isNull()); // nobody is called in a choreography
    for (const Layout::Lane &lane : result.lanes)
        QVERIFY(!lane.orchestrator);
    QVERIFY2(lineThroughCard(result).isEmpty(), qPrintable(lineThroughCard(result)));

    for (const Step &step : saga.steps) {
        const QRectF card = result.cards.value(step.id);
        const Layout::Lane *lane = laneOf(result, step.service);
        QVERIFY2(lane && lane->rect.contains(card), qPrintable(step.id));
        QVERIFY(card.top() > result.bus.bottom());
        for (auto it = result.cards.cbegin(); it != result.cards.cend(); ++it)
            QVERIFY2(it.key() == step.id || !it.value().intersects(card), qPrintable(step.id + u' ' + it.key()));
        // What it listens to comes in on the left, what it emits leaves on the right.
        for (const QString &event : step.on) {
            const Layout::Route *route = result.route(Layout::RouteKind::Deliver, event, step.id);
            QVERIFY2(route, qPrintable(step.id + u' ' + event));
            QCOMPARE(route->points.last(), Layout::portPoint(card, Layout::Port::ActionIn));
            QCOMPARE(route->points.first().y(), result.track(event)->y);
        }
        if (step.compensation) {
            for (const QString &event : step.compensation->on) {
                const Layout::Route *route = result.route(Layout::RouteKind::Deliver, event, step.id);
                QVERIFY2(route && route->port == Layout::Port::CompensationIn, qPrintable(step.id + u' ' + event));
                QCOMPARE(route->points.last(), Layout::portPoint(card, Layout::Port::CompensationIn));
            }
            if (!step.compensation->emits.isEmpty()) {
                const Layout::Route *route = result.route(Layout::RouteKind::Publish, step.compensation->emits, step.id);
                QVERIFY(route && route->port == Layout::Port::CompensatedOut);
            }
        }
        if (step.emits) {
            for (const auto &[event, port] : {std::pair{step.emits->success, Layout::Port::SuccessOut},
                                              std::pair{step.emits->failure, Layout::Port::FailureOut}}) {
                if (event.isEmpty())
                    continue;
                const Layout::Route *route = result.route(Layout::RouteKind::Publish, event, step.id);
                QVERIFY2(route, qPrintable(step.id + u' ' + event));
                QCOMPARE(route->port, port);
                QCOMPARE(route->points.first(), Layout::portPoint(card, port));
                QCOMPARE(route->points.last().y(), result.track(event)->y);
                QVERIFY(result.bus.contains(route->points.last()));
            }
        }
    }
    // One track per event, the start event first and marked; each within the bus.
    QVERIFY(!result.tracks.isEmpty());
    QCOMPARE(result.tracks.first().event, QStringLiteral("OrderRequested"));
    QVERIFY(result.tracks.first().start);
    for (const Layout::Track &track : result.tracks) {
        QVERIFY(result.bus.contains(QPointF(track.x1, track.y)) && result.bus.contains(QPointF(track.x2, track.y)));
        QVERIFY2(track.x1 <= track.x2, qPrintable(track.event));
    }
    QVERIFY(result.bounds.contains(result.bus));
}

void TestChoreographyLayout::eventChainsReadLeftToRight()
{
    const SagaDefinition saga = example(QStringLiteral("order-choreography.saga"));
    const Layout::Result result = Layout::compute(saga);
    auto x = [&](const char *id) { return result.cards.value(QString::fromLatin1(id)).left(); };
    QVERIFY(x("create_order") < x("verify_consumer"));
    QCOMPARE(x("verify_consumer"), x("create_ticket")); // both react to OrderCreated: one column
    QVERIFY(x("create_ticket") < x("authorize_card")); // a join waits for both
    QVERIFY(x("authorize_card") < x("approve_order"));
    // Two steps of one service in one column are stacked, not overlapped.
    const SagaDefinition twoInKitchen = [&] {
        SagaDefinition d = saga;
        for (Step &step : d.steps) {
            if (step.id == QLatin1String("verify_consumer"))
                step.service = QStringLiteral("kitchen");
        }
        return d;
    }();
    const Layout::Result stacked = Layout::compute(twoInKitchen);
    const QRectF a = stacked.cards.value(QStringLiteral("verify_consumer"));
    const QRectF b = stacked.cards.value(QStringLiteral("create_ticket"));
    QCOMPARE(a.left(), b.left());
    QVERIFY(!a.intersects(b));
    QVERIFY(laneOf(stacked, QStringLiteral("kitchen"))->rect.contains(a.united(b)));
    QVERIFY2(lineThroughCard(stacked).isEmpty(), qPrintable(lineThroughCard(stacked)));
}

void TestChoreographyLayout::orchestrationIsCommandsFromTheOrchestrator()
{
    const SagaDefinition saga = example(QStringLiteral("order-checkout.saga"));
    QVERIFY(!saga.usesEvents());
    const Layout::Result result = Layout::compute(saga);
    QVERIFY(!result.orchestrator.isNull());
    QVERIFY(result.lanes.first().orchestrator);
    QVERIFY(result.tracks.isEmpty());
    QCOMPARE(result.routes.size(), saga.steps.size());
    for (const Step &step : saga.steps) {
        const Layout::Route *command = result.route(Layout::RouteKind::Command, step.action.name, step.id);
        QVERIFY2(command, qPrintable(step.id));
        QCOMPARE(command->points.first().y(), result.orchestrator.bottom());
        QCOMPARE(command->points.last(), Layout::portPoint(result.cards.value(step.id), Layout::Port::ActionIn));
    }
    QVERIFY2(lineThroughCard(result).isEmpty(), qPrintable(lineThroughCard(result)));
}

void TestChoreographyLayout::mixedSagaHasBoth()
{
    const SagaDefinition saga = example(QStringLiteral("order-mixed.saga"));
    const Layout::Result result = Layout::compute(saga);
    QVERIFY(!result.orchestrator.isNull());
    for (const char *core : {"create_order", "reserve_stock", "take_payment", "approve_order"})
        QVERIFY2(result.route(Layout::RouteKind::Command, saga.step(QString::fromLatin1(core))->action.name,
                              QString::fromLatin1(core)),
                 core);
    for (const char *tail : {"notify_customer", "award_points"}) {
        QVERIFY2(!result.route(Layout::RouteKind::Command, saga.step(QString::fromLatin1(tail))->action.name,
                               QString::fromLatin1(tail)),
                 tail);
        QVERIFY2(result.route(Layout::RouteKind::Deliver, QStringLiteral("OrderApproved"), QString::fromLatin1(tail)), tail);
    }
    QVERIFY(result.route(Layout::RouteKind::Publish, QStringLiteral("OrderApproved"), QStringLiteral("approve_order")));
    // The tail runs after what publishes its event.
    QVERIFY(result.cards.value(QStringLiteral("approve_order")).right()
            < result.cards.value(QStringLiteral("notify_customer")).left());
    QVERIFY2(lineThroughCard(result).isEmpty(), qPrintable(lineThroughCard(result)));
}

void TestChoreographyLayout::eventPathGoesThroughTheBus()
{
    const SagaDefinition saga = example(QStringLiteral("order-choreography.saga"));
    const Layout::Result result = Layout::compute(saga);
    const QPolygonF path = result.eventPath(QStringLiteral("OrderCreated"), QStringLiteral("create_order"),
                                            QStringLiteral("create_ticket"));
    QVERIFY(path.size() >= 4);
    QCOMPARE(path.first(), Layout::portPoint(result.cards.value(QStringLiteral("create_order")), Layout::Port::SuccessOut));
    QCOMPARE(path.last(), Layout::portPoint(result.cards.value(QStringLiteral("create_ticket")), Layout::Port::ActionIn));
    bool onBus = false;
    for (const QPointF &p : path)
        onBus = onBus || qFuzzyCompare(p.y(), result.track(QStringLiteral("OrderCreated"))->y);
    QVERIFY(onBus);
    // The start event comes from the saga itself.
    const QPolygonF start = result.eventPath(QStringLiteral("OrderRequested"), {}, QStringLiteral("create_order"));
    QCOMPARE(start.first(), QPointF(result.track(QStringLiteral("OrderRequested"))->x1, result.track(QStringLiteral("OrderRequested"))->y));
    // No such delivery: nothing to draw.
    QVERIFY(result.eventPath(QStringLiteral("OrderCreated"), QStringLiteral("create_order"), QStringLiteral("approve_order")).isEmpty());
}

void TestChoreographyLayout::convertedExamplesNeverCrossACard_data()
{
    QTest::addColumn<QString>("file");
    for (const char *file : {"order-checkout.saga", "travel-booking.saga", "points-too-early.saga", "hot-item.saga"})
        QTest::newRow(file) << QString::fromLatin1(file);
}

void TestChoreographyLayout::convertedExamplesNeverCrossACard()
{
    QFETCH(QString, file);
    const std::optional<SagaDefinition> converted = SagaConvert::toChoreography(example(file));
    QVERIFY(converted);
    const Layout::Result result = Layout::compute(*converted);
    QCOMPARE(result.cards.size(), converted->steps.size());
    QVERIFY(result.orchestrator.isNull());
    QVERIFY2(lineThroughCard(result).isEmpty(), qPrintable(lineThroughCard(result)));
    for (const Step &step : converted->steps) {
        for (const QString &event : step.on)
            QVERIFY(!result.eventPath(event, {}, step.id).isEmpty() || result.route(Layout::RouteKind::Deliver, event, step.id));
    }
}

void TestChoreographyLayout::emptySaga()
{
    const Layout::Result result = Layout::compute(SagaDefinition{});
    QVERIFY(result.cards.isEmpty());
    QVERIFY(result.routes.isEmpty());
    QVERIFY(!result.bounds.isEmpty());
}

QTEST_GUILESS_MAIN(TestChoreographyLayout)
#include "tst_choreographylayout.moc"
