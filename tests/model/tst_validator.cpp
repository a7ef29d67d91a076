// SPDX-License-Identifier: MIT
// The ordering validator (SPEC section 2): each rule fires on a minimal saga and stays silent on
// its corrected twin; each quick fix removes its finding, adds no error and keeps the order of
// the steps it does not move; output order; a property test over generated sagas.
#include "sagabuilder.h"
#include "sagafile.h"
#include "sagagraph.h"
#include "validator.h"

#include <QRandomGenerator>
#include <QTest>

using namespace Sagascope;
using namespace Sagascope::Test;

class TestValidator : public QObject
{
    Q_OBJECT

private:
    /** The findings of `rule` in `definition`. */
    static QList<Diagnostic> only(const SagaDefinition &definition, const QString &rule)
    {
        QList<Diagnostic> list;
        for (const Diagnostic &d : Validator::validate(definition)) {
            if (d.rule == rule)
                list.append(d);
        }
        return list;
    }

private Q_SLOTS:
    // --- SAGA001 -----------------------------------------------------------------------------
    void cycleIsOneErrorInCycleOrder()
    {
        // a waits for c, b for a, c for b: a -> b -> c -> a.
        const SagaDefinition s = saga({compensatable(QStringLiteral("a"), {QStringLiteral("c")}),
                                       compensatable(QStringLiteral("c"), {QStringLiteral("b")}),
                                       compensatable(QStringLiteral("b"), {QStringLiteral("a")})});
        const QList<Diagnostic> found = only(s, QStringLiteral("SAGA001"));
        QCOMPARE(found.size(), 1);
        QCOMPARE(found.first().severity, Severity::Error);
        QCOMPARE(found.first().steps, (QStringList{"a", "b", "c"}));
        QVERIFY(found.first().message.startsWith(QLatin1String("a -> b -> c -> a:")));
        QVERIFY(!found.first().hasFix());
        QVERIFY(Validator::hasErrors(Validator::validate(s)));
    }

    void cycleTwinIsSilent()
    {
        const SagaDefinition s = saga({compensatable(QStringLiteral("a")),
                                       compensatable(QStringLiteral("c"), {QStringLiteral("b")}),
                                       compensatable(QStringLiteral("b"), {QStringLiteral("a")})});
        QVERIFY(only(s, QStringLiteral("SAGA001")).isEmpty());
        QCOMPARE(findings(s), QStringList{});
    }

    void selfLoopAndTwoCycles()
    {
        const SagaDefinition s = saga({compensatable(QStringLiteral("a"), {QStringLiteral("a")}),
                                       compensatable(QStringLiteral("b"), {QStringLiteral("c")}),
                                       compensatable(QStringLiteral("c"), {QStringLiteral("b")}),
                                       pivot(QStringLiteral("p"), {QStringLiteral("a"), QStringLiteral("c")})});
        const QList<Diagnostic> found = only(s, QStringLiteral("SAGA001"));
        QCOMPARE(found.size(), 2);
        QCOMPARE(found.at(0).steps, QStringList{"a"});
        QVERIFY(found.at(0).message.contains(QLatin1String("waits for itself")));
        QCOMPARE(found.at(1).steps, (QStringList{"b", "c"}));
    }

    void cycleWithBranchesNamesEveryStep()
    {
        // One strongly connected component a, b, c, d with two cycles through a.
        const SagaDefinition s = saga({compensatable(QStringLiteral("a"), {QStringLiteral("c"), QStringLiteral("d")}),
                                       compensatable(QStringLiteral("b"), {QStringLiteral("a")}),
                                       compensatable(QStringLiteral("c"), {QStringLiteral("b")}),
                                       compensatable(QStringLiteral("d"), {QStringLiteral("b")})});
        const QList<Diagnostic> found = only(s, QStringLiteral("SAGA001"));
        QCOMPARE(found.size(), 1);
        QCOMPARE(found.first().steps, (QStringList{"a", "b", "c", "d"}));
        QVERIFY(found.first().message.contains(QLatin1String("d also take part")));
    }

    void longCycleIsShortenedInTheMessage()
    {
        QList<Step> steps;
        for (int i = 0; i < 10; ++i)
            steps.append(compensatable(QStringLiteral("s%1").arg(i), {QStringLiteral("s%1").arg((i + 9) % 10)}));
        const QList<Diagnostic> found = only(saga(steps), QStringLiteral("SAGA001"));
        QCOMPARE(found.size(), 1);
        QCOMPARE(found.first().steps.size(), 10);
        QVERIFY2(found.first().message.startsWith(QLatin1String("s0 -> s1 -> s2 -> s3 -> (4 more) -> s8 -> s9 -> s0:")),
                 qPrintable(found.first().message));
    }

    // --- SAGA002 -----------------------------------------------------------------------------
    void compensatableWithoutCompensation()
    {
        Step c = compensatable(QStringLiteral("reserve"));
        c.compensation.reset();
        SagaDefinition s = saga({c, pivot(QStringLiteral("pay"), {QStringLiteral("reserve")})});
        QCOMPARE(findings(s), QStringList{"SAGA002:reserve"});
        QVERIFY(!Validator::validate(s).first().hasFix());
        s.steps[0] = compensatable(QStringLiteral("reserve"));
        QCOMPARE(findings(s), QStringList{});
    }

    void pivotWithCompensation()
    {
        Step p = pivot(QStringLiteral("pay"), {QStringLiteral("reserve")});
        p.compensation = Operation{QStringLiteral("refund"), {}, {}, {}, {}};
        SagaDefinition s = saga({compensatable(QStringLiteral("reserve")), p});
        QCOMPARE(findings(s), QStringList{"SAGA002:pay"});
        QCOMPARE(Validator::validate(s).first().severity, Severity::Error);
        s.steps[1].compensation.reset();
        QCOMPARE(findings(s), QStringList{});
    }

    // --- SAGA003 -----------------------------------------------------------------------------
    void twoPivotsOnOnePath()
    {
        SagaDefinition s = saga({pivot(QStringLiteral("p1")), pivot(QStringLiteral("p2"), {QStringLiteral("p1")})});
        QCOMPARE(findings(s), QStringList{"SAGA003:p2,p1"});
        const Diagnostic d = Validator::validate(s).first();
        QCOMPARE(d.severity, Severity::Error);
        QVERIFY(!d.hasFix());
        QVERIFY(d.message.contains(QLatin1String("p2 runs after p1 on one path")));
        s.steps[1] = retriable(QStringLiteral("p2"), {QStringLiteral("p1")});
        QCOMPARE(findings(s), QStringList{});
    }

    void twoPivotsInParallel()
    {
        SagaDefinition s = saga({compensatable(QStringLiteral("a")), pivot(QStringLiteral("p1"), {QStringLiteral("a")}),
                                 pivot(QStringLiteral("p2"), {QStringLiteral("a")})});
        QCOMPARE(findings(s), QStringList{"SAGA003:p2,p1"});
        QVERIFY(Validator::validate(s).first().message.contains(QLatin1String("at the same time")));
        s.steps[2] = retriable(QStringLiteral("p2"), {QStringLiteral("p1")});
        QCOMPARE(findings(s), QStringList{});
    }

    void pivotBesideCompensatable()
    {
        // r -> pay, r -> ship_label (compensatable): the pivot and ship_label may run at once.
        SagaDefinition s = saga({compensatable(QStringLiteral("r")), pivot(QStringLiteral("pay"), {QStringLiteral("r")}),
                                 compensatable(QStringLiteral("label"), {QStringLiteral("r")})});
        QCOMPARE(findings(s), QStringList{"SAGA003:label,pay"});
        const Diagnostic d = Validator::validate(s).first();
        QVERIFY(!d.hasFix());
        QVERIFY(d.message.contains(QLatin1String("Make pay wait for label")));
        // Twin: the pivot waits for it.
        s.steps[1].after.append(QStringLiteral("label"));
        QCOMPARE(findings(s), QStringList{});
    }

    // --- SAGA004 -----------------------------------------------------------------------------
    void compensatableAfterPivot()
    {
        const SagaDefinition s = saga({compensatable(QStringLiteral("reserve")), pivot(QStringLiteral("pay"), {QStringLiteral("reserve")}),
                                       compensatable(QStringLiteral("ship"), {QStringLiteral("pay")})});
        const QList<Diagnostic> all = Validator::validate(s);
        QCOMPARE(findings(all), QStringList{"SAGA004:ship,pay"});
        const Diagnostic &d = all.first();
        QCOMPARE(d.severity, Severity::Error);
        QCOMPARE(d.fix, (QList<SagaEdit>{SagaEdit::setKind(QStringLiteral("ship"), StepKind::Retriable)}));
        QCOMPARE(checkFix(s, d), QString());

        SagaDefinition twin = s;
        twin.steps[2] = retriable(QStringLiteral("ship"), {QStringLiteral("pay")});
        QCOMPARE(findings(twin), QStringList{});
    }

    void compensatableAfterPivotTransitively()
    {
        const SagaDefinition s = saga({pivot(QStringLiteral("pay")), retriable(QStringLiteral("ship"), {QStringLiteral("pay")}),
                                       compensatable(QStringLiteral("invoice"), {QStringLiteral("ship")})});
        // ship (retriable) can run before invoice, which may fail: SAGA005 too.
        QCOMPARE(findings(s), (QStringList{"SAGA004:invoice,pay", "SAGA005:ship,invoice"}));
        const Diagnostic d = Validator::validate(s).first();
        QCOMPARE(checkFix(s, d), QString());
        SagaDefinition fixed = s;
        QVERIFY(applyEdits(fixed, d.fix));
        QCOMPARE(findings(fixed), QStringList{});
    }

    // --- SAGA005 -----------------------------------------------------------------------------
    void retriableBeforePivot()
    {
        const SagaDefinition s = saga({compensatable(QStringLiteral("reserve")), retriable(QStringLiteral("ship"), {QStringLiteral("reserve")}),
                                       pivot(QStringLiteral("pay"), {QStringLiteral("ship")})});
        const QList<Diagnostic> all = Validator::validate(s);
        QCOMPARE(findings(all), QStringList{"SAGA005:ship,pay"});
        const Diagnostic &d = all.first();
        QCOMPARE(d.severity, Severity::Warning);
        QCOMPARE(d.fix, (QList<SagaEdit>{SagaEdit::moveAfter(QStringLiteral("ship"), QStringLiteral("pay"))}));
        QCOMPARE(d.message,
                 QStringLiteral("ship is retriable and can run before pay, which may still fail and trigger a "
                                "rollback; a retriable step is never compensated, so its effect would stay. "
                                "Move it after pay."));
        QCOMPARE(checkFix(s, d), QString());

        // Twin: after the pivot.
        const SagaDefinition twin = saga({compensatable(QStringLiteral("reserve")), pivot(QStringLiteral("pay"), {QStringLiteral("reserve")}),
                                          retriable(QStringLiteral("ship"), {QStringLiteral("pay")})});
        QCOMPARE(findings(twin), QStringList{});
    }

    void sideEffectBeforePivotExactMessage()
    {
        const SagaDefinition s = saga({compensatable(QStringLiteral("reserve_stock")),
                                       withEffects(retriable(QStringLiteral("award_points"), {QStringLiteral("reserve_stock")}), {QStringLiteral("email")}),
                                       pivot(QStringLiteral("take_payment"), {QStringLiteral("award_points")})});
        const QList<Diagnostic> all = Validator::validate(s);
        QCOMPARE(all.size(), 1);
        QCOMPARE(all.first().message,
                 QStringLiteral("award_points has side effects (email) and can run before take_payment, which may "
                                "still fail and trigger a rollback; a compensation cannot take back an email that "
                                "was sent. Move it after take_payment."));
        QCOMPARE(checkFix(s, all.first()), QString());
    }

    void retriableBesideFailableStep()
    {
        // x -> a (compensatable), x -> r (retriable): r may run before a finishes; no pivot.
        const SagaDefinition s = saga({compensatable(QStringLiteral("x")), compensatable(QStringLiteral("a"), {QStringLiteral("x")}),
                                       retriable(QStringLiteral("r"), {QStringLiteral("x")})});
        const QList<Diagnostic> all = Validator::validate(s);
        QCOMPARE(findings(all), QStringList{"SAGA005:r,a"});
        QCOMPARE(all.first().fix, (QList<SagaEdit>{SagaEdit::moveAfter(QStringLiteral("r"), QStringLiteral("a"))}));
        QCOMPARE(checkFix(s, all.first()), QString());
    }

    void severalLastFailableSteps()
    {
        // x -> a, x -> b (both compensatable, no pivot), x -> r: r goes after a and b.
        const SagaDefinition s = saga({compensatable(QStringLiteral("x")), compensatable(QStringLiteral("a"), {QStringLiteral("x")}),
                                       compensatable(QStringLiteral("b"), {QStringLiteral("x")}),
                                       retriable(QStringLiteral("r"), {QStringLiteral("x")})});
        const QList<Diagnostic> all = Validator::validate(s);
        QCOMPARE(findings(all), QStringList{"SAGA005:r,a,b"});
        QCOMPARE(all.first().fix, (QList<SagaEdit>{SagaEdit::moveAfter(QStringLiteral("r"), QStringLiteral("a")),
                                                   SagaEdit::addAfter(QStringLiteral("r"), QStringLiteral("b"))}));
        QVERIFY(all.first().message.endsWith(QLatin1String("Move it after a and b.")));
        QCOMPARE(checkFix(s, all.first()), QString());
    }

    void moveKeepsTheChainAroundTheMovedStep()
    {
        // a -> r -> b -> pay, r retriable: moving r bridges b to a; a still comes before b and pay.
        const SagaDefinition s = saga({compensatable(QStringLiteral("a")), retriable(QStringLiteral("r"), {QStringLiteral("a")}),
                                       compensatable(QStringLiteral("b"), {QStringLiteral("r")}),
                                       pivot(QStringLiteral("pay"), {QStringLiteral("b")})});
        const QList<Diagnostic> all = Validator::validate(s);
        QCOMPARE(findings(all), QStringList{"SAGA005:r,pay"});
        QCOMPARE(checkFix(s, all.first()), QString());
        SagaDefinition fixed = s;
        QVERIFY(applyEdits(fixed, all.first().fix));
        QCOMPARE(fixed.step(QStringLiteral("b"))->after, QStringList{"a"});
        QCOMPARE(fixed.step(QStringLiteral("r"))->after, QStringList{"pay"});
        QCOMPARE(findings(fixed), QStringList{});
    }

    void compensatableWithSideEffectHasNoFix()
    {
        // Moving a compensatable step after the pivot would be SAGA004: no fix, advice instead.
        const SagaDefinition s = saga({withEffects(compensatable(QStringLiteral("reserve")), {QStringLiteral("email")}),
                                       pivot(QStringLiteral("pay"), {QStringLiteral("reserve")})});
        const QList<Diagnostic> all = Validator::validate(s);
        QCOMPARE(findings(all), QStringList{"SAGA005:reserve,pay"});
        QVERIFY(!all.first().hasFix());
        QVERIFY(all.first().message.endsWith(QLatin1String(
            "Split the email into its own retriable step after pay, and keep the compensatable part of reserve where it is.")));
        // Twin: the email split off into a retriable step after the pivot.
        const SagaDefinition twin = saga({compensatable(QStringLiteral("reserve")), pivot(QStringLiteral("pay"), {QStringLiteral("reserve")}),
                                          withEffects(retriable(QStringLiteral("notify"), {QStringLiteral("pay")}), {QStringLiteral("email")})});
        QCOMPARE(findings(twin), QStringList{});
    }

    void compensatableWithSideEffectWithoutPivotIsMoved()
    {
        const SagaDefinition s = saga({withEffects(compensatable(QStringLiteral("a")), {QStringLiteral("sms")}),
                                       compensatable(QStringLiteral("b"), {QStringLiteral("a")})});
        const QList<Diagnostic> all = Validator::validate(s);
        QCOMPARE(findings(all), QStringList{"SAGA005:a,b"});
        QVERIFY(all.first().message.contains(QLatin1String("an SMS that was sent")));
        QCOMPARE(all.first().fix, (QList<SagaEdit>{SagaEdit::moveAfter(QStringLiteral("a"), QStringLiteral("b"))}));
        QCOMPARE(checkFix(s, all.first()), QString());
    }

    void stepAfterEveryFailableStepIsSilent()
    {
        // A side effect after every step that may fail, even without a pivot, is fine.
        const SagaDefinition s = saga({compensatable(QStringLiteral("a")), compensatable(QStringLiteral("b"), {QStringLiteral("a")}),
                                       withEffects(retriable(QStringLiteral("mail"), {QStringLiteral("b")}), {QStringLiteral("email")})});
        QCOMPARE(findings(s), QStringList{});
    }

    // --- SAGA006 -----------------------------------------------------------------------------
    void retriableNotIdempotent()
    {
        SagaDefinition s = saga({pivot(QStringLiteral("pay")), retriable(QStringLiteral("ship"), {QStringLiteral("pay")})});
        s.steps[1].idempotent = false;
        const QList<Diagnostic> all = Validator::validate(s);
        QCOMPARE(findings(all), QStringList{"SAGA006:ship"});
        QCOMPARE(all.first().severity, Severity::Warning);
        QCOMPARE(all.first().fix, QList<SagaEdit>{SagaEdit::setIdempotent(QStringLiteral("ship"), true)});
        QCOMPARE(checkFix(s, all.first()), QString());
        s.steps[1].idempotent = true;
        QCOMPARE(findings(s), QStringList{});
    }

    void retriableWithBusinessFailure()
    {
        SagaDefinition s = saga({pivot(QStringLiteral("pay")), retriable(QStringLiteral("ship"), {QStringLiteral("pay")})});
        SimSpec sim;
        sim.businessFailure = 0.1;
        s.steps[1].action.sim = sim;
        s.steps[1].idempotent = false;
        const QList<Diagnostic> all = Validator::validate(s);
        // Two separate findings: the one about idempotence has the fix, this one none.
        QCOMPARE(findings(all), (QStringList{"SAGA006:ship", "SAGA006:ship"}));
        QCOMPARE(all.at(0).hasFix() + all.at(1).hasFix(), 1);
        const Diagnostic &business = all.at(0).hasFix() ? all.at(1) : all.at(0);
        QVERIFY(business.message.contains(QLatin1String("sim.businessFailure 0.1")));
        const Diagnostic &idempotence = all.at(0).hasFix() ? all.at(0) : all.at(1);
        QCOMPARE(checkFix(s, idempotence), QString());

        s.steps[1].action.sim->businessFailure = 0;
        s.steps[1].idempotent = true;
        QCOMPARE(findings(s), QStringList{});
    }

    // --- SAGA007 -----------------------------------------------------------------------------
    void noSteps()
    {
        const QList<Diagnostic> all = Validator::validate(saga({}));
        QCOMPARE(findings(all), QStringList{"SAGA007:"});
        QCOMPARE(all.first().severity, Severity::Warning);
        QVERIFY(all.first().toLine().startsWith(QLatin1String("warning SAGA007 - ")));
        // A single step on its own is a saga, not a lonely step.
        QCOMPARE(findings(saga({pivot(QStringLiteral("pay"))})), QStringList{});
    }

    void stepWithoutDependency()
    {
        SagaDefinition s = saga({compensatable(QStringLiteral("a")), pivot(QStringLiteral("pay"), {QStringLiteral("a")}),
                                 retriable(QStringLiteral("audit"))});
        QStringList found;
        for (const Diagnostic &d : only(s, QStringLiteral("SAGA007")))
            found.append(d.steps);
        QCOMPARE(found, QStringList{"audit"});
        s.steps[2].after = QStringList{QStringLiteral("pay")};
        QCOMPARE(findings(s), QStringList{});
    }

    // --- SAGA008 -----------------------------------------------------------------------------
    void unknownStepInAfter()
    {
        SagaDefinition s = saga({compensatable(QStringLiteral("a")), pivot(QStringLiteral("pay"), {QStringLiteral("a"), QStringLiteral("nope")})});
        const QList<Diagnostic> all = only(s, QStringLiteral("SAGA008"));
        QCOMPARE(all.size(), 1);
        QCOMPARE(all.first().steps, QStringList{"pay"});
        QCOMPARE(all.first().severity, Severity::Error);
        QVERIFY(all.first().message.contains(QLatin1String("'nope'")));
        s.steps[1].after = QStringList{QStringLiteral("a")};
        QCOMPARE(findings(s), QStringList{});
    }

    void duplicateIds()
    {
        SagaDefinition s = saga({compensatable(QStringLiteral("a")), pivot(QStringLiteral("pay"), {QStringLiteral("a")}),
                                 retriable(QStringLiteral("a"), {QStringLiteral("pay")})});
        const QList<Diagnostic> all = only(s, QStringLiteral("SAGA008"));
        QCOMPARE(all.size(), 1);
        QCOMPARE(all.first().steps, QStringList{"a"});
        QVERIFY(all.first().message.contains(QLatin1String("steps[0], steps[2]")));
        s.steps[2].id = QStringLiteral("ship");
        QCOMPARE(findings(s), QStringList{});
    }

    void unknownService()
    {
        SagaDefinition s = saga({compensatable(QStringLiteral("a")), pivot(QStringLiteral("pay"), {QStringLiteral("a")})});
        s.services.append(Service{QStringLiteral("payments"), QStringLiteral("Payments"), {}, {}});
        s.steps[1].service = QStringLiteral("payments");
        s.steps[0].service = QStringLiteral("ordrs");
        QCOMPARE(findings(s), QStringList{"SAGA008:a"});
        QVERIFY(Validator::validate(s).first().message.contains(QLatin1String("'ordrs'")));
        s.steps[0].service = QStringLiteral("payments");
        QCOMPARE(findings(s), QStringList{});
    }

    // --- SAGA030, SAGA031 (SPEC section 7) ---------------------------------------------------
    void unknownResource()
    {
        SagaDefinition s = saga({compensatable(QStringLiteral("a")), pivot(QStringLiteral("pay"), {QStringLiteral("a")})});
        SimSpec sim;
        sim.effect = SimEffect{QStringLiteral("stock:sku-1"), -1, 0, {}};
        s.steps[0].action.sim = sim;
        QCOMPARE(findings(s), QStringList{"SAGA030:a"});
        QVERIFY(Validator::validate(s).first().message.contains(QLatin1String("'stock:sku-1'")));
        QVERIFY(Validator::hasErrors(Validator::validate(s)));
        s.resources.append(Resource{QStringLiteral("stock:sku-1"), 5});
        QCOMPARE(findings(s), QStringList{});
    }

    void effectOnCompensation()
    {
        SagaDefinition s = saga({compensatable(QStringLiteral("a")), pivot(QStringLiteral("pay"), {QStringLiteral("a")})});
        s.resources.append(Resource{QStringLiteral("stock"), 5});
        SimSpec sim;
        sim.effect = SimEffect{QStringLiteral("stock"), 1, {}, {}};
        s.steps[0].compensation->sim = sim;
        QCOMPARE(findings(s), QStringList{"SAGA030:a"});
        s.steps[0].compensation->sim.reset();
        s.steps[0].action.sim = sim;
        QCOMPARE(findings(s), QStringList{});
    }

    void countermeasureWithoutEffect()
    {
        SagaDefinition s = saga({compensatable(QStringLiteral("a")), pivot(QStringLiteral("pay"), {QStringLiteral("a")})});
        s.resources.append(Resource{QStringLiteral("stock"), 5});
        SimSpec sim;
        sim.countermeasure = Countermeasure::Commutative;
        s.steps[0].action.sim = sim;
        QCOMPARE(findings(s), QStringList{"SAGA031:a"});
        QVERIFY(!Validator::hasErrors(Validator::validate(s)));
        sim.effect = SimEffect{QStringLiteral("stock"), -1, 0, {}};
        sim.onLocked = OnLocked::Fail; // only a semantic lock reads it
        s.steps[0].action.sim = sim;
        QCOMPARE(findings(s), QStringList{"SAGA031:a"});
        sim.countermeasure = Countermeasure::SemanticLock;
        s.steps[0].action.sim = sim;
        QCOMPARE(findings(s), QStringList{});
    }

    // --- SAGA009 -----------------------------------------------------------------------------
    void boundedCompensationRetry()
    {
        SagaDefinition s = saga({compensatable(QStringLiteral("a")), pivot(QStringLiteral("pay"), {QStringLiteral("a")})});
        RetryPolicy bounded;
        bounded.maxAttempts = 5;
        s.steps[0].compensation->retry = bounded;
        s.steps[1].retry = bounded; // the action's retry may be bounded
        const QList<Diagnostic> all = Validator::validate(s);
        QCOMPARE(findings(all), QStringList{"SAGA009:a"});
        QCOMPARE(all.first().severity, Severity::Warning);
        QCOMPARE(all.first().fix, QList<SagaEdit>{SagaEdit::setRetry(QStringLiteral("a"), SagaEdit::Target::Compensation, 0)});
        QCOMPARE(checkFix(s, all.first()), QString());
        SagaDefinition fixed = s;
        QVERIFY(applyEdits(fixed, all.first().fix));
        QCOMPARE(fixed.steps[0].compensation->retry->maxAttempts, 0);
        QCOMPARE(fixed.steps[0].compensation->retry->initialBackoffMs, bounded.initialBackoffMs);
        s.steps[0].compensation->retry->maxAttempts = 0;
        QCOMPARE(findings(s), QStringList{});
    }

    // --- output ------------------------------------------------------------------------------
    void outputOrder()
    {
        // Errors first, then by rule, then by file order of the first step.
        SagaDefinition s = saga({retriable(QStringLiteral("early"), {QStringLiteral("a")}),       // SAGA005, SAGA008, SAGA009
                                 compensatable(QStringLiteral("a"), {QStringLiteral("ghost")}),  // SAGA008
                                 pivot(QStringLiteral("pay"), {QStringLiteral("a"), QStringLiteral("early")}),
                                 compensatable(QStringLiteral("late"), {QStringLiteral("pay")}), // SAGA004
                                 retriable(QStringLiteral("notify"), {QStringLiteral("late")})});// SAGA006
        s.steps[0].service = QStringLiteral("nosuch");
        s.steps[0].compensation = Operation{QStringLiteral("undo"), {}, {}, RetryPolicy{}, {}};
        s.steps[4].idempotent = false;
        QCOMPARE(findings(s), (QStringList{"SAGA004:late,pay", "SAGA008:early", "SAGA008:a", "SAGA005:early,pay",
                                           "SAGA006:notify", "SAGA009:early"}));
    }

    void checkFixRefusesBadFixes()
    {
        const SagaDefinition s = saga({compensatable(QStringLiteral("reserve")), retriable(QStringLiteral("ship"), {QStringLiteral("reserve")}),
                                       pivot(QStringLiteral("pay"), {QStringLiteral("ship")})});
        Diagnostic d = Validator::validate(s).first();
        QCOMPARE(Validator::checkFix(s, d), QString());
        // Moving the wrong step leaves the finding.
        d.fix = {SagaEdit::moveAfter(QStringLiteral("reserve"), QStringLiteral("pay"))};
        QVERIFY(Validator::checkFix(s, d).contains(QLatin1String("remains")));
        // Making the compensatable step wait for the pivot is an error (SAGA004).
        d.fix = {SagaEdit::moveAfter(QStringLiteral("ship"), QStringLiteral("pay")),
                 SagaEdit::addAfter(QStringLiteral("reserve"), QStringLiteral("ship"))};
        QVERIFY(!Validator::checkFix(s, d).isEmpty());
        // A fix naming no step fails to apply.
        d.fix = {SagaEdit::moveAfter(QStringLiteral("ghost"), QStringLiteral("pay"))};
        QVERIFY(Validator::checkFix(s, d).contains(QLatin1String("ghost")));
    }

    void cleanSagaFromJson()
    {
        const QByteArray json = R"({"format":"sagascope/1","name":"x",
            "services":[{"id":"orders"}],
            "steps":[
              {"id":"create","kind":"compensatable","service":"orders","after":[],
               "action":{"name":"create"},"compensation":{"name":"reject"}},
              {"id":"pay","kind":"pivot","after":["create"],"action":{"name":"pay"}},
              {"id":"ship","kind":"retriable","after":["pay"],"action":{"name":"ship"},"idempotent":true}
            ]})";
        const LoadResult loaded = SagaFile::parse(json, QStringLiteral("inline.saga"));
        QVERIFY2(loaded.ok(), qPrintable(loaded.error.toString()));
        QCOMPARE(findings(*loaded.definition), QStringList{});
        // Step::idempotent defaults to false.
        SagaDefinition changed = *loaded.definition;
        changed.steps[2].idempotent = Step{}.idempotent;
        QCOMPARE(findings(changed), QStringList{"SAGA006:ship"});
    }

    // --- properties over generated sagas --------------------------------------------------------
    void everyFixKeepsItsPromises()
    {
        // Random small sagas: every offered fix, applied to a copy, removes its finding, adds no
        // error and keeps the order of the steps it does not move; SAGA005 fires exactly when a
        // retriable step or one with side effects can run before another failable step.
        QRandomGenerator rng(20261126);
        int fixesChecked = 0;
        int sagasWith005 = 0;
        for (int round = 0; round < 3000; ++round) {
            const int n = 1 + int(rng.bounded(9));
            const bool cyclic = rng.bounded(10) == 0;
            QList<Step> steps;
            for (int i = 0; i < n; ++i) {
                const QString id = QStringLiteral("s%1").arg(i);
                QStringList after;
                for (int j = 0; j < n; ++j) {
                    if ((j < i || (cyclic && j != i)) && rng.bounded(100) < 30)
                        after.append(QStringLiteral("s%1").arg(j));
                }
                Step step;
                switch (rng.bounded(6)) {
                case 0:
                case 1:
                case 2:
                    step = compensatable(id, after);
                    break;
                case 3:
                    step = pivot(id, after);
                    break;
                default:
                    step = retriable(id, after);
                    break;
                }
                if (rng.bounded(4) == 0)
                    step.sideEffects = QStringList{QStringLiteral("email")};
                if (rng.bounded(5) == 0)
                    step.idempotent = false;
                if (step.compensation && rng.bounded(6) == 0) {
                    RetryPolicy policy;
                    policy.maxAttempts = 2;
                    step.compensation->retry = policy;
                }
                steps.append(step);
            }
            // Now and then a duplicate id or a name of no step in `after` (SAGA008).
            if (n > 2 && rng.bounded(20) == 0)
                steps[int(rng.bounded(n))].id = steps.at(int(rng.bounded(n))).id;
            if (rng.bounded(20) == 0)
                steps[int(rng.bounded(n))].after.append(QStringLiteral("ghost"));
            const SagaDefinition s = saga(steps);
            const QList<Diagnostic> all = Validator::validate(s);
            for (const Diagnostic &d : all) {
                if (!d.hasFix())
                    continue;
                const QString broken = checkFix(s, d);
                QVERIFY2(broken.isEmpty(), qPrintable(QStringLiteral("round %1: %2 -> %3\n%4")
                                                          .arg(round)
                                                          .arg(d.toLine(), broken,
                                                               QString::fromUtf8(SagaFile::serialize(s)))));
                QCOMPARE(Validator::checkFix(s, d), QString());
                ++fixesChecked;
            }

            const SagaGraph g(s);
            if (!g.isAcyclic())
                continue;
            QHash<QString, int> idCount;
            for (const Step &step : s.steps)
                ++idCount[step.id];
            const bool uniqueIds = idCount.size() == s.steps.size();
            for (int a = 0; a < g.size(); ++a) {
                const Step &step = s.steps.at(a);
                if (idCount.value(step.id) > 1)
                    continue; // findings name it by id: they cannot tell the two steps apart
                bool early = false;
                if (step.kind == StepKind::Retriable || !step.sideEffects.isEmpty()) {
                    for (int f = 0; f < g.size(); ++f) {
                        const StepKind k = s.steps.at(f).kind;
                        if ((k == StepKind::Compensatable || k == StepKind::Pivot) && g.canRunBefore(a, f))
                            early = true;
                    }
                }
                bool reported = false;
                bool fixed = false;
                for (const Diagnostic &d : all) {
                    if (d.rule == QLatin1String("SAGA005") && d.steps.first() == step.id) {
                        reported = true;
                        fixed = d.hasFix();
                    }
                }
                QCOMPARE(reported, early);
                // A retriable step always gets a fix (with unique ids; a handful of targets here).
                if (reported && step.kind == StepKind::Retriable && uniqueIds)
                    QVERIFY(fixed);
                sagasWith005 += reported;
            }
        }
        QVERIFY(fixesChecked > 1000);
        QVERIFY(sagasWith005 > 300);
    }
};

QTEST_GUILESS_MAIN(TestValidator)
#include "tst_validator.moc"
