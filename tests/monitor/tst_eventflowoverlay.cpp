// SPDX-License-Identifier: MIT
// A choreography run on the choreography view: the embedded engine runs
// examples/order-choreography.saga with a failure, and the events travel through the bus to their
// subscribers one after another, with the correlation id, the rollback in its own colour; the
// Event Log filters by event type and the Timeline marks the deliveries.
#include "../exampletesthelpers.h"
#include "choreographyscene.h"
#include "eventflowoverlay.h"
#include "eventlogfiltermodel.h"
#include "eventlogmodel.h"
#include "eventlogpanel.h"
#include "monitorcontroller.h"
#include "runmonitor.h"
#include "runoverlay.h"
#include "sagadocument.h"
#include "sagafile.h"
#include "sagascene.h"
#include "testconfig.h"
#include "timelinewidget.h"

#include <QComboBox>
#include <QMainWindow>
#include <QSignalSpy>
#include <QTest>
#include <QTimer>
#include <QUndoStack>

using namespace Sagascope;
using Sagascope::Test::example;

namespace {

struct Fixture
{
    QMainWindow window;
    SagaDocument document;
    SagaScene *scene = nullptr;
    ChoreographyScene *choreography = nullptr;
    MonitorController *controller = nullptr;
    explicit Fixture(const QString &file, bool tokens = true)
    {
        document.reset(example(file), QStringLiteral(SAGASCOPE_EXAMPLES_DIR "/") + file);
        scene = new SagaScene(&document, &window);
        choreography = new ChoreographyScene(&document, &window);
        controller = new MonitorController(&document, scene, &window);
        controller->attachChoreography(choreography);
        controller->eventFlow()->setAnimationEnabled(tokens); // counted either way; drawn only when on
    }
    bool runToEnd(const QString &options)
    {
        QSignalSpy finished(controller, &MonitorController::finished);
        QString error;
        if (!controller->startRun(options, &error)) {
            qWarning() << error;
            return false;
        }
        return finished.wait(60000) || finished.count() > 0;
    }
};

} // namespace

class TestEventFlowOverlay : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void eventsTravelThroughTheBusOneAfterAnother();
    void eventLogFiltersByEventTypeAndCorrelationId();
    void timelineMarksTheDeliveries();
    void anotherInstanceStartsAfresh();
};

void TestEventFlowOverlay::eventsTravelThroughTheBusOneAfterAnother()
{
    Fixture f(QStringLiteral("order-choreography.saga"));
    EventFlowOverlay *flow = f.controller->eventFlow();
    QVERIFY(flow);
    // Every token that ever travelled, as the frames queue them.
    QList<EventFlowOverlay::Token> seen;
    QSet<QString> ids;
    QObject::connect(f.controller->runMonitor(), &RunMonitor::updated, flow, [&] {
        for (const EventFlowOverlay::Token &token : flow->tokens()) {
            const QString key = token.eventId + u'>' + token.subscriber + (token.rollback ? u'c' : u'a');
            if (!ids.contains(key)) {
                ids.insert(key);
                seen.append(token);
            }
        }
    });
    // What the create_order card shows while the tokens travel, sampled as a person sees it.
    QList<StepPhase> shown;
    int canvasTokens = 0; // the canvas's own tokens, along its arrows by event
    QTimer sampler;
    QObject::connect(&sampler, &QTimer::timeout, flow, [&] {
        canvasTokens = qMax(canvasTokens, f.controller->overlay()->tokenCount());
        const RunState *state = flow->shownState();
        const StepRunState *step = state && !flow->instance().isEmpty()
            ? state->step(flow->instance(), QStringLiteral("create_order")) : nullptr;
        if (step && flow->isAnimating() && (shown.isEmpty() || shown.last() != step->phase))
            shown.append(step->phase);
    });
    sampler.start(15);
    f.controller->setSpeed(0); // as fast as it goes: the run is over before the tokens are
    const int undoCount = f.document.undoStack()->count();
    QVERIFY(f.runToEnd(QStringLiteral("--fail authorize_card=business --virtual-time --seed 7")));
    QVERIFY(!f.controller->isBusy()); // the window waited for the last token
    QVERIFY(!flow->isAnimating());

    const QString instance = f.controller->selectedInstance();
    QVERIFY(!instance.isEmpty());
    const QList<TraceEvent> events = f.controller->runMonitor()->eventLog()->eventsOf(instance);
    QList<TraceEvent> deliveries;
    for (const TraceEvent &e : events) {
        if (e.event == TraceEventType::EventDelivered)
            deliveries.append(e);
    }
    QVERIFY(deliveries.size() >= 8);
    QCOMPARE(flow->deliveredCount(), deliveries.size());
    QCOMPARE(seen.size(), deliveries.size()); // each delivery travelled once, none twice

    // In delivery order, one after another, each labelled with the instance's correlation id.
    for (qsizetype i = 0; i < seen.size(); ++i) {
        const EventFlowOverlay::Token &token = seen.at(i);
        QCOMPARE(token.instance, instance);
        QCOMPARE(token.event, deliveries.at(i).eventType);
        QCOMPARE(token.subscriber, deliveries.at(i).step);
        // In this saga only compensations wait for failure and rollback events.
        QCOMPARE(token.rollback, deliveries.at(i).toCompensation);
        if (i > 0)
            QVERIFY2(token.startMs >= seen.at(i - 1).startMs + EventFlowOverlay::StaggerMs, qPrintable(token.event));
        // It leaves its publisher's card (or the bus's start) and arrives at the subscriber's port.
        const ChoreographyLayout::Result &layout = f.choreography->layout();
        const QRectF card = layout.cards.value(token.subscriber);
        QCOMPARE(token.path.last(), ChoreographyLayout::portPoint(card, deliveries.at(i).toCompensation
                                                                           ? ChoreographyLayout::Port::CompensationIn
                                                                           : ChoreographyLayout::Port::ActionIn));
        if (!token.publisher.isEmpty())
            QVERIFY(layout.cards.value(token.publisher).contains(token.path.first())
                    || layout.cards.value(token.publisher).right() == token.path.first().x());
    }
    // The rollback, event by event: the failure reaches the compensations, the kitchen's
    // rejection reaches create_order's compensation after it.
    auto indexOf = [&](const QString &event, const QString &subscriber) {
        for (qsizetype i = 0; i < seen.size(); ++i) {
            if (seen.at(i).event == event && seen.at(i).subscriber == subscriber)
                return int(i);
        }
        return -1;
    };
    const int failure = indexOf(QStringLiteral("CreditCardAuthorizationFailed"), QStringLiteral("create_ticket"));
    const int rejected = indexOf(QStringLiteral("TicketRejected"), QStringLiteral("create_order"));
    QVERIFY(failure >= 0);
    QVERIFY(rejected > failure);
    QVERIFY(seen.at(rejected).rollback);
    QVERIFY(!seen.at(indexOf(QStringLiteral("OrderCreated"), QStringLiteral("create_ticket"))).rollback);
    QCOMPARE(f.controller->lastSummary().compensated, 1);
    QVERIFY(canvasTokens > 0); // the orchestration canvas animates the choreography's arrows too
    // The card changed with the events, not ahead of them: while they travelled it was
    // pending, then succeeded, and compensated only once TicketRejected had reached it (the run
    // itself was over long before the tokens).
    QVERIFY2(shown.size() >= 2, qPrintable(QString::number(shown.size())));
    QCOMPARE(shown.first(), StepPhase::Pending);
    QVERIFY(shown.contains(StepPhase::Succeeded));
    QVERIFY(!shown.contains(StepPhase::Compensated));
    QCOMPARE(flow->shownState()->step(instance, QStringLiteral("create_order"))->phase, StepPhase::Compensated);
    QCOMPARE(f.document.undoStack()->count(), undoCount); // run state never enters the document
}

void TestEventFlowOverlay::eventLogFiltersByEventTypeAndCorrelationId()
{
    Fixture f(QStringLiteral("order-choreography.saga"), false);
    QVERIFY(f.runToEnd(QStringLiteral("--instances 3 --fail authorize_card=business --virtual-time --seed 3")));
    EventLogPanel *panel = f.controller->eventLogPanel();
    EventLogFilterModel *filter = panel->filterModel();
    const EventLogModel *log = f.controller->runMonitor()->eventLog();
    int brokerRows = 0;
    for (int row = 0; row < log->rowCount(); ++row)
        brokerRows += log->event(row).isBrokerEvent() ? 1 : 0;
    QVERIFY(brokerRows > 0);
    QCOMPARE(filter->rowCount(), log->rowCount()); // the broker's events are in the log, not hidden

    QComboBox *events = panel->brokerEventCombo();
    QVERIFY(!events->isHidden());
    const int index = events->findData(QStringLiteral("OrderCreated"));
    QVERIFY(index > 0);
    events->setCurrentIndex(index);
    QVERIFY(filter->rowCount() > 0);
    int expected = 0;
    for (int row = 0; row < log->rowCount(); ++row) {
        const TraceEvent &e = log->event(row);
        expected += e.isBrokerEvent() && e.eventType == QLatin1String("OrderCreated") ? 1 : 0;
    }
    QCOMPARE(filter->rowCount(), expected); // published once and delivered twice, per instance
    QCOMPARE(expected, 3 * 3);
    for (int row = 0; row < filter->rowCount(); ++row)
        QCOMPARE(filter->index(row, EventLogModel::DetailColumn).data().toString().left(12), QStringLiteral("OrderCreated"));

    // And by correlation id: one instance's.
    const QString instance = f.controller->selectedInstance();
    filter->setSearchText(instance.left(8));
    QCOMPARE(filter->rowCount(), 3);
    events->setCurrentIndex(0);
    QVERIFY(filter->rowCount() > 3);
    for (int row = 0; row < filter->rowCount(); ++row)
        QCOMPARE(log->event(filter->mapToSource(filter->index(row, 0)).row()).instance, instance);

    // A saga without events has no such filter to show.
    f.document.reset(example(QStringLiteral("order-checkout.saga")));
    panel->setDefinition(f.document.definition());
    QVERIFY(events->isHidden());
    QCOMPARE(filter->brokerEventFilter(), QString());
}

void TestEventFlowOverlay::timelineMarksTheDeliveries()
{
    Fixture f(QStringLiteral("order-choreography.saga"), false);
    QVERIFY(f.runToEnd(QStringLiteral("--fail authorize_card=business --virtual-time --seed 7")));
    TimelineWidget *timeline = f.controller->timeline();
    const QList<TimelineDelivery> shown = timeline->currentDeliveries();
    const QList<TraceEvent> events = f.controller->runMonitor()->eventLog()->eventsOf(f.controller->selectedInstance());
    QList<TimelineDelivery> expected;
    const RunState &state = f.controller->runMonitor()->state();
    for (const TraceEvent &e : events) {
        if (e.event == TraceEventType::EventDelivered)
            expected.append({state.stepIndex(e.step), e.t, e.eventType, e.toCompensation});
    }
    QVERIFY(!expected.isEmpty());
    QCOMPARE(shown, expected);
    bool compensation = false;
    for (const TimelineDelivery &d : shown)
        compensation = compensation || d.toCompensation;
    QVERIFY(compensation);
    // Drawn without trouble (a picture a person looks at in the docs).
    timeline->resize(900, 320);
    QImage image(timeline->size(), QImage::Format_ARGB32);
    timeline->render(&image);
    QVERIFY(!image.isNull());
}

void TestEventFlowOverlay::anotherInstanceStartsAfresh()
{
    Fixture f(QStringLiteral("order-mixed.saga"), false);
    QVERIFY(f.runToEnd(QStringLiteral("--instances 2 --virtual-time --seed 5")));
    EventFlowOverlay *flow = f.controller->eventFlow();
    QCOMPARE(flow->instance(), f.controller->selectedInstance());
    // The mixed saga's tail: OrderApproved delivered to the notification and the points.
    QCOMPARE(flow->deliveredCount(), 2);
    const QString other = f.controller->runMonitor()->state().instanceAt(1).id;
    f.controller->selectInstance(other);
    QCOMPARE(flow->instance(), other);
    QVERIFY(!flow->isAnimating());
}

QTEST_MAIN(TestEventFlowOverlay)
#include "tst_eventflowoverlay.moc"
