// SPDX-License-Identifier: MIT
// SPEC section 5 in the model: event edges in SagaGraph, EventIndex, the rules SAGA020–SAGA024,
// SAGA023's play of every failure point, and its quick fix.

#include "eventindex.h"
#include "eventrules.h"
#include "sagabuilder.h"
#include "sagafile.h"

#include <QTest>

using namespace Sagascope;
using namespace Sagascope::Test;

namespace {

/** `step` reacting to `on`, publishing `success` / `failure` (empty: none). */
Step reacts(Step step, const QStringList &on, const QString &success = {}, const QString &failure = {})
{
    step.on = on;
    if (!success.isEmpty() || !failure.isEmpty())
        step.emits = StepEmits{success, failure, {}};
    return step;
}

/** `step`'s compensation runs on `on` and publishes `emits`. */
Step compensatedOn(Step step, const QStringList &on, const QString &emits = {})
{
    step.compensation->on = on;
    step.compensation->emits = emits;
    return step;
}

SagaDefinition choreography(const QList<Step> &steps)
{
    SagaDefinition d = saga(steps);
    d.mode = SagaMode::Choreography;
    return d;
}

/** Richardson's create-order saga as events, correct. */
SagaDefinition createOrder()
{
    return choreography({
        compensatedOn(reacts(compensatable(QStringLiteral("create_order")), {QStringLiteral("SagaStarted")},
                             QStringLiteral("OrderCreated")),
                      {QStringLiteral("CreditLimitExceeded")}),
        reacts(pivot(QStringLiteral("reserve_credit")), {QStringLiteral("OrderCreated")}, QStringLiteral("CreditReserved"),
               QStringLiteral("CreditLimitExceeded")),
        reacts(retriable(QStringLiteral("approve_order")), {QStringLiteral("CreditReserved")}),
    });
}

} // namespace

class TestEventRules : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void eventEdgesInTheGraph()
    {
        const SagaDefinition d = createOrder();
        const SagaGraph g(d);
        QCOMPARE(g.predecessors(1), QList<int>{0});
        QVERIFY(g.isEventEdge(0, 1));
        QCOMPARE(g.successors(1), QList<int>{2});
        QVERIFY(g.ancestors(2).contains(0));
        QCOMPARE(g.topologicalOrder(), (QList<int>{0, 1, 2}));
        // A compensation's `on` adds no forward dependency: create_order depends on nothing.
        QVERIFY(g.predecessors(0).isEmpty());
        // `after` alone.
        const SagaGraph afterOnly(d, SagaGraph::Edges::AfterOnly);
        QVERIFY(afterOnly.predecessors(1).isEmpty());
        // An `after` that is also an event edge counts as `after`.
        SagaDefinition both = d;
        both.steps[1].after = QStringList{QStringLiteral("create_order")};
        QVERIFY(!SagaGraph(both).isEventEdge(0, 1));
        QCOMPARE(SagaGraph(both).predecessors(1), QList<int>{0});
    }

    void eventIndex()
    {
        SagaDefinition d = createOrder();
        d.start = QStringLiteral("OrderRequested");
        const EventIndex e(d);
        QCOMPARE(e.startEvent(), QStringLiteral("OrderRequested"));
        QCOMPARE(e.events(), (QStringList{"OrderRequested", "SagaStarted", "OrderCreated", "CreditLimitExceeded",
                                          "CreditReserved"}));
        QCOMPARE(e.successEmitters(QStringLiteral("OrderCreated")), QList<int>{0});
        QCOMPARE(e.failureEmitters(QStringLiteral("CreditLimitExceeded")), QList<int>{1});
        QCOMPARE(e.compensationConsumers(QStringLiteral("CreditLimitExceeded")), QList<int>{0});
        QCOMPARE(e.consumers(QStringLiteral("CreditReserved")), QList<int>{2});
        QVERIFY(e.isPublished(QStringLiteral("OrderRequested")));
        QVERIFY(!e.isPublished(QStringLiteral("SagaStarted"))); // no longer the start event

        // The dependencies by event: only success events, never a step on itself.
        d.steps[1].on.append(QStringLiteral("CreditReserved")); // reserve_credit waits on its own event
        const EventIndex withSelf(d);
        QList<std::tuple<int, int, QString>> edges;
        for (const EventIndex::SuccessEdge &edge : withSelf.successEdges(d))
            edges.append({edge.from, edge.to, edge.event});
        QCOMPARE(edges, (QList<std::tuple<int, int, QString>>{{0, 1, QStringLiteral("OrderCreated")},
                                                              {1, 2, QStringLiteral("CreditReserved")}}));
    }

    void createOrderIsClean()
    {
        QCOMPARE(findings(createOrder()), QStringList{});
    }

    void saga020UnpublishedEvent()
    {
        SagaDefinition d = createOrder();
        d.steps[2].on = QStringList{QStringLiteral("CreditReserved"), QStringLiteral("Typo")};
        d.steps[0].compensation->on.append(QStringLiteral("Nobody"));
        const QList<Diagnostic> all = Validator::validate(d);
        QCOMPARE(findings(all), (QStringList{"SAGA020:create_order", "SAGA020:approve_order"}));
        QCOMPARE(all.at(0).severity, Severity::Error);
        QVERIFY2(all.at(0).message.contains(QLatin1String("Nobody")), qPrintable(all.at(0).message));
        QVERIFY2(all.at(1).message.contains(QLatin1String("Typo")), qPrintable(all.at(1).message));
        // The start event is published by the engine; a custom start replaces the default.
        d = createOrder();
        d.start = QStringLiteral("OrderRequested");
        QCOMPARE(findings(d), QStringList{"SAGA020:create_order"});
        d.steps[0].on = QStringList{QStringLiteral("OrderRequested")};
        QCOMPARE(findings(d), QStringList{});
    }

    void saga021UnconsumedEvent()
    {
        SagaDefinition d = createOrder();
        d.steps[2].emits = StepEmits{QStringLiteral("OrderApproved"), {}, {}};
        d.steps[0].compensation->emits = QStringLiteral("OrderRejected");
        const QList<Diagnostic> all = Validator::validate(d);
        QCOMPARE(findings(all), (QStringList{"SAGA021:create_order", "SAGA021:approve_order"}));
        QCOMPARE(all.at(0).severity, Severity::Warning);
        QVERIFY(all.at(1).message.contains(QLatin1String("OrderApproved")));
        // Consumed by a compensation counts.
        d.steps[0].compensation->on.append(QStringLiteral("OrderApproved"));
        QCOMPARE(findings(d), QStringList{"SAGA021:create_order"});
    }

    void saga022EventCycle()
    {
        // a waits on c's success, c on b's, b on a's: a cycle that events close.
        SagaDefinition d = saga({reacts(compensatable(QStringLiteral("a")), {QStringLiteral("C")}, QStringLiteral("A")),
                                 reacts(compensatable(QStringLiteral("b")), {QStringLiteral("A")}, QStringLiteral("B")),
                                 reacts(pivot(QStringLiteral("c")), {QStringLiteral("B")}, QStringLiteral("C"))});
        const QList<Diagnostic> all = Validator::validate(d);
        QCOMPARE(findings(all), QStringList{"SAGA022:a,b,c"});
        QCOMPARE(all.first().severity, Severity::Error);
        QVERIFY2(all.first().message.startsWith(QLatin1String("a -(A)-> b -(B)-> c -(C)-> a")), qPrintable(all.first().message));
        // Closed by an `after`: still SAGA022 (events take part), and no SAGA001 (after alone has no cycle).
        d.steps[0].on.clear();
        d.steps[0].after = QStringList{QStringLiteral("c")};
        QCOMPARE(findings(d), (QStringList{"SAGA022:a,b,c", "SAGA021:c"})); // C is no longer consumed
        QVERIFY(Validator::validate(d).first().message.contains(QLatin1String("c -(after)-> a")));
        // A cycle of `after` alone is SAGA001 only.
        const SagaDefinition plain = saga({compensatable(QStringLiteral("a"), {QStringLiteral("b")}),
                                           compensatable(QStringLiteral("b"), {QStringLiteral("a")})});
        QCOMPARE(findings(plain), QStringList{"SAGA001:a,b"});
        // A failure event does not close a cycle (it is not on the forward path).
        SagaDefinition failure = createOrder();
        failure.steps[0].on = QStringList{QStringLiteral("CreditLimitExceeded")};
        QVERIFY(!rules(failure).contains(QStringLiteral("SAGA022")));
    }

    void saga023PlaysEveryFailurePoint()
    {
        // a -> b -> c (pivot); b's compensation listens to nothing.
        const SagaDefinition d = choreography({
            compensatedOn(reacts(compensatable(QStringLiteral("a")), {QStringLiteral("SagaStarted")}, QStringLiteral("A"),
                                 QStringLiteral("AFailed")),
                          {QStringLiteral("BFailed"), QStringLiteral("CFailed")}),
            reacts(compensatable(QStringLiteral("b")), {QStringLiteral("A")}, QStringLiteral("B"), QStringLiteral("BFailed")),
            reacts(pivot(QStringLiteral("c")), {QStringLiteral("B")}, {}, QStringLiteral("CFailed")),
        });
        const EventIndex events(d);
        const FailurePlay whenC = FailurePlay::play(d, events, 2);
        QCOMPARE(whenC.applied, (QList<int>{0, 1}));
        QCOMPARE(whenC.compensated, QList<int>{0});
        QCOMPARE(whenC.uncompensated, QList<int>{1});
        QCOMPARE(whenC.published, (QStringList{"SagaStarted", "CFailed", "A", "B"}));
        const FailurePlay whenB = FailurePlay::play(d, events, 1);
        QCOMPARE(whenB.applied, QList<int>{0});
        QVERIFY(whenB.uncompensated.isEmpty());

        const QList<Diagnostic> all = Validator::validate(d);
        QCOMPARE(findings(all), (QStringList{"SAGA023:b,c", "SAGA021:a"}));
        const Diagnostic &missing = all.first();
        QCOMPARE(missing.severity, Severity::Error);
        QVERIFY2(missing.message.contains(QLatin1String("When c fails, b may have been applied")), qPrintable(missing.message));
        QCOMPARE(missing.fix, QList<SagaEdit>{SagaEdit::addCompensationOn(QStringLiteral("b"), QStringLiteral("CFailed"))});
        QCOMPARE(checkFix(d, missing), QString());
        QCOMPARE(Validator::checkFix(d, missing), QString());

        // Not in orchestration mode: the orchestrator compensates.
        SagaDefinition orchestrated = d;
        orchestrated.mode = SagaMode::Orchestration;
        QVERIFY(!rules(orchestrated).contains(QStringLiteral("SAGA023")));
    }

    void saga023FixGivesAFailureEvent()
    {
        // c publishes no failure event: the fix gives it one and subscribes b and a to it.
        const SagaDefinition d = choreography({
            reacts(compensatable(QStringLiteral("a")), {}, QStringLiteral("A")),
            reacts(compensatable(QStringLiteral("b")), {QStringLiteral("A")}, QStringLiteral("B")),
            reacts(pivot(QStringLiteral("c")), {QStringLiteral("B")}),
        });
        const QList<Diagnostic> all = Validator::validate(d);
        QCOMPARE(findings(all), (QStringList{"SAGA023:a,b,c", "SAGA023:b,c"}));
        QCOMPARE(all.at(1).fix, (QList<SagaEdit>{SagaEdit::setEmits(QStringLiteral("c"), SagaEdit::Outcome::Failure, QStringLiteral("cFailed")),
                                                 SagaEdit::addCompensationOn(QStringLiteral("b"), QStringLiteral("cFailed"))}));
        for (const Diagnostic &diagnostic : all)
            QCOMPARE(checkFix(d, diagnostic), QString());
        // Applying every fix gives a clean saga.
        SagaDefinition fixed = d;
        for (const Diagnostic &diagnostic : all)
            QVERIFY(applyEdits(fixed, diagnostic.fix));
        QCOMPARE(findings(fixed), QStringList{});
    }

    void saga023TimeoutNeedsOwnFailure()
    {
        // A step whose attempt can time out has an unknown effect when it fails: its own
        // compensation must listen to its failure.
        SagaDefinition d = createOrder();
        d.steps[0].timeoutMs = 500;
        d.steps[0].emits->failure = QStringLiteral("OrderFailed");
        d.steps[0].compensation->on.append(QStringLiteral("Unused"));
        d.steps[0].compensation->on.removeLast();
        QCOMPARE(findings(d), (QStringList{"SAGA023:create_order", "SAGA021:create_order"}));
        d.steps[0].compensation->on.append(QStringLiteral("OrderFailed"));
        QCOMPARE(findings(d), QStringList{});
    }

    void saga023ParallelBranch()
    {
        // a and b both react to the start; c (pivot) joins them. When a fails, b may have been
        // applied already: it must listen to a's failure too.
        SagaDefinition d = choreography({
            compensatedOn(reacts(compensatable(QStringLiteral("a")), {QStringLiteral("SagaStarted")}, QStringLiteral("A"),
                                 QStringLiteral("AFailed")),
                          {QStringLiteral("CFailed")}),
            compensatedOn(reacts(compensatable(QStringLiteral("b")), {QStringLiteral("SagaStarted")}, QStringLiteral("B"),
                                 QStringLiteral("BFailed")),
                          {QStringLiteral("CFailed")}),
            reacts(pivot(QStringLiteral("c")), {QStringLiteral("A"), QStringLiteral("B")}, {}, QStringLiteral("CFailed")),
        });
        QCOMPARE(findings(d), (QStringList{"SAGA023:a,b", "SAGA023:b,a", "SAGA021:a", "SAGA021:b", "SAGA024:a,b"}));
        d.steps[0].compensation->on.append(QStringLiteral("BFailed"));
        d.steps[1].compensation->on.append(QStringLiteral("AFailed"));
        QCOMPARE(findings(d), QStringList{"SAGA024:a,b"});
    }

    void saga024Race()
    {
        SagaDefinition d = createOrder();
        d.steps.append(reacts(retriable(QStringLiteral("notify")), {QStringLiteral("OrderCreated")}));
        const QList<Diagnostic> all = Validator::validate(d);
        QVERIFY(findings(all).contains(QStringLiteral("SAGA024:reserve_credit,notify")));
        // Two steps that cannot fail do not race.
        SagaDefinition calm = createOrder();
        calm.steps.append(reacts(retriable(QStringLiteral("notify")), {QStringLiteral("CreditReserved")}));
        QVERIFY(!rules(calm).contains(QStringLiteral("SAGA024")));
    }

    void orderingRulesSeeEvents()
    {
        // A retriable tail reacting to the pivot's success runs after the pivot: no SAGA005, no SAGA007.
        SagaDefinition mixed = saga({compensatable(QStringLiteral("create")),
                                     reacts(pivot(QStringLiteral("pay"), {QStringLiteral("create")}), {}, QStringLiteral("Paid")),
                                     reacts(withEffects(retriable(QStringLiteral("email")), {QStringLiteral("email")}),
                                            {QStringLiteral("Paid")})});
        QCOMPARE(findings(mixed), QStringList{});
        // A compensatable step reacting to the pivot's success comes after the pivot: SAGA004.
        mixed.steps[2].kind = StepKind::Compensatable;
        mixed.steps[2].compensation = Operation{QStringLiteral("undo"), {}, {}, {}, {}};
        QVERIFY(findings(mixed).contains(QStringLiteral("SAGA004:email,pay")));
        // A failure event orders nothing: a retriable on the pivot's failure is free-standing (SAGA007).
        SagaDefinition onFailure = saga({compensatable(QStringLiteral("create")),
                                         reacts(pivot(QStringLiteral("pay"), {QStringLiteral("create")}), {}, {}, QStringLiteral("PayFailed")),
                                         reacts(retriable(QStringLiteral("apologise")), {QStringLiteral("PayFailed")})});
        QVERIFY(findings(onFailure).contains(QStringLiteral("SAGA007:apologise")));
    }

    void noMoveFixForEventOrderedSteps()
    {
        // SAGA005 would move `email` after `pay` by rewriting `after`; `email` is placed by events,
        // so no fix is offered and the message says why.
        const SagaDefinition d = saga({reacts(compensatable(QStringLiteral("create")), {}, QStringLiteral("Created")),
                                       reacts(withEffects(retriable(QStringLiteral("email")), {QStringLiteral("email")}),
                                              {QStringLiteral("Created")}),
                                       pivot(QStringLiteral("pay"), {QStringLiteral("create")})});
        const QList<Diagnostic> all = Validator::validate(d);
        QCOMPARE(findings(all), QStringList{"SAGA005:email,pay"});
        QVERIFY(!all.first().hasFix());
        QVERIFY2(all.first().message.contains(QLatin1String("ordered by events")), qPrintable(all.first().message));
    }

    void newEditsRoundTrip()
    {
        const QList<SagaEdit> edits{SagaEdit::addCompensationOn(QStringLiteral("b"), QStringLiteral("CFailed")),
                                    SagaEdit::setEmits(QStringLiteral("c"), SagaEdit::Outcome::Failure, QStringLiteral("X")),
                                    SagaEdit::setEmits(QStringLiteral("c"), SagaEdit::Outcome::Success, QStringLiteral("Y")),
                                    SagaEdit::setEmits(QStringLiteral("a"), SagaEdit::Outcome::Compensation, QStringLiteral("Z"))};
        for (const SagaEdit &edit : edits) {
            QCOMPARE(SagaEdit::fromJson(edit.toJson()), std::optional<SagaEdit>(edit));
            QVERIFY(!edit.describe().isEmpty());
        }
        QCOMPARE(edits.first().toJson(), (QJsonObject{{"op", "addCompensationOn"}, {"step", "b"}, {"event", "CFailed"}}));
        QCOMPARE(edits.at(1).toJson(), (QJsonObject{{"op", "setEmits"}, {"step", "c"}, {"outcome", "failure"}, {"event", "X"}}));
        QVERIFY(!SagaEdit::fromJson(QJsonObject{{"op", "setEmits"}, {"step", "c"}, {"outcome", "later"}, {"event", "X"}}));
        QVERIFY(!SagaEdit::fromJson(QJsonObject{{"op", "addCompensationOn"}, {"step", "c"}}));

        SagaDefinition d = choreography({compensatable(QStringLiteral("a")), compensatable(QStringLiteral("b")), pivot(QStringLiteral("c"))});
        QVERIFY(applyEdits(d, edits));
        QCOMPARE(d.steps[1].compensation->on, QStringList{QStringLiteral("CFailed")});
        QCOMPARE(d.steps[2].emits->failure, QStringLiteral("X"));
        QCOMPARE(d.steps[2].emits->success, QStringLiteral("Y"));
        QCOMPARE(d.steps[0].compensation->emits, QStringLiteral("Z"));
        // Twice the same subscription is one.
        QVERIFY(applyEdits(d, {edits.first()}));
        QCOMPARE(d.steps[1].compensation->on.size(), 1);
        // A pivot has no compensation to subscribe.
        QString error;
        QVERIFY(!applyEdits(d, {SagaEdit::addCompensationOn(QStringLiteral("c"), QStringLiteral("X"))}, &error));
        QVERIFY(error.contains(QLatin1String("no compensation")));
    }
};

QTEST_GUILESS_MAIN(TestEventRules)
#include "tst_eventrules.moc"
