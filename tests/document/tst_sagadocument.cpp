// SPDX-License-Identifier: MIT
// SagaDocument: every edit is one undoable command; undo/redo restore the saved bytes exactly.
#include "definitioncommand.h"
#include "sagaconvert.h"
#include "sagadocument.h"
#include "stepedits.h"
#include "sagafile.h"
#include "validator.h"

#include <QElapsedTimer>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QSet>
#include <QTest>
#include <QUndoStack>

using namespace Sagascope;

namespace {

// Points are awarded before the payment (SAGA005), award_points is retriable but not
// idempotent (SAGA006), and a compensation gives up after 2 attempts (SAGA009). Unknown fields
// at every level must survive every edit and its undo.
const char *const FixtureJson = R"({
  "format": "sagascope/1",
  "name": "Checkout",
  "description": "fixture",
  "x-owner": "team-a",
  "services": [
    { "id": "orders", "label": "Order service", "x-tier": 1 },
    { "id": "payments", "label": "Payment service" },
    { "id": "loyalty", "label": "Loyalty" }
  ],
  "steps": [
    { "id": "create_order", "label": "Create order", "service": "orders", "kind": "compensatable",
      "after": [], "action": { "name": "createOrder", "sim": { "latencyMs": [5, 20] } },
      "compensation": { "name": "rejectOrder", "retry": { "maxAttempts": 2 } },
      "position": { "x": 0, "y": 0 }, "x-note": "keep me" },
    { "id": "reserve_stock", "label": "Reserve stock", "service": "orders", "kind": "compensatable",
      "after": ["create_order"], "action": { "name": "reserve" },
      "compensation": { "name": "release" }, "timeoutMs": 2000 },
    { "id": "award_points", "label": "Award points", "service": "loyalty", "kind": "retriable",
      "after": ["reserve_stock"], "action": { "name": "award" }, "sideEffects": ["email"] },
    { "id": "take_payment", "label": "Take payment", "service": "payments", "kind": "pivot",
      "after": ["award_points"], "action": { "name": "charge", "sim": { "businessFailure": 0.1 } },
      "idempotent": true },
    { "id": "ship", "label": "Ship", "service": "orders", "kind": "retriable",
      "after": ["take_payment"], "action": { "name": "ship" }, "idempotent": true }
  ]
}
)";

SagaDefinition fixture()
{
    LoadResult result = SagaFile::parse(QByteArray(FixtureJson), QStringLiteral("fixture.saga"));
    if (!result.ok())
        qFatal("fixture does not load: %s", qPrintable(result.error.toString()));
    return *result.definition;
}

QByteArray bytes(const SagaDocument &document)
{
    return SagaFile::serialize(document.definition());
}

const Step *stepOf(const SagaDocument &document, const QString &id)
{
    return document.definition().step(id);
}

bool hasDiagnostic(const SagaDocument &document, const QString &rule, const QString &step)
{
    for (const Diagnostic &d : document.diagnostics()) {
        if (d.rule == rule && d.steps.value(0) == step)
            return true;
    }
    return false;
}

QString randomId(QRandomGenerator &random, const SagaDefinition &definition)
{
    if (definition.steps.isEmpty())
        return QStringLiteral("nothing");
    return definition.steps.at(random.bounded(int(definition.steps.size()))).id;
}

/** One random edit through the document API. */
void randomEdit(SagaDocument &document, QRandomGenerator &random, int &counter)
{
    const SagaDefinition &d = document.definition();
    const QString id = randomId(random, d);
    const QString other = randomId(random, d);
    switch (random.bounded(15)) {
    case 0: {
        Step step;
        step.id = document.uniqueStepId(QStringLiteral("added"));
        step.label = QStringLiteral("Added %1").arg(++counter);
        step.kind = StepKind(random.bounded(3));
        step.action.name = QStringLiteral("act");
        if (!d.steps.isEmpty())
            step.after = {other};
        document.addStep(step);
        break;
    }
    case 1:
        if (d.steps.size() > 2)
            document.removeSteps(random.bounded(2) ? QStringList{id} : QStringList{id, other});
        break;
    case 2:
        if (const Step *s = stepOf(document, id)) {
            Step changed = *s;
            changed.timeoutMs = random.bounded(100, 5000);
            changed.idempotent = !changed.idempotent;
            changed.sideEffects.append(QStringLiteral("sms"));
            document.setStep(id, changed);
        }
        break;
    case 3:
        document.renameStep(id, document.uniqueStepId(id + QStringLiteral("_r")));
        break;
    case 4:
        document.setStepLabel(id, QStringLiteral("Label %1").arg(++counter));
        break;
    case 5:
        document.setStepKind(id, StepKind(random.bounded(3)));
        break;
    case 6:
    case 7: {
        QHash<StepId, QPointF> positions;
        positions.insert(id, QPointF(random.bounded(-500, 500), random.bounded(-500, 500)));
        if (random.bounded(2))
            positions.insert(other, QPointF(random.bounded(1000), random.bounded(1000)));
        document.moveSteps(positions);
        document.moveSteps(positions); // a no-op repeat of the same move
        break;
    }
    case 8:
        document.addDependency(id, other);
        break;
    case 9:
        if (const Step *s = stepOf(document, id); s && !s->after.isEmpty())
            document.removeDependency(id, s->after.first());
        break;
    case 10: {
        QList<Service> services = d.services;
        services.append(Service{QStringLiteral("svc%1").arg(++counter), QStringLiteral("S"), {}, {}});
        document.setServices(services);
        break;
    }
    case 11:
        if (!d.services.isEmpty())
            document.renameService(d.services.first().id, QStringLiteral("service%1").arg(++counter));
        break;
    case 12:
        document.setSagaInfo(QStringLiteral("Saga %1").arg(++counter), QStringLiteral("desc"));
        break;
    case 13: {
        const QList<Diagnostic> diagnostics = document.diagnostics();
        for (const Diagnostic &diagnostic : diagnostics) {
            if (diagnostic.hasFix()) {
                document.applyFix(diagnostic);
                break;
            }
        }
        break;
    }
    case 14: {
        QHash<StepId, QPointF> positions;
        for (const Step &step : d.steps)
            positions.insert(step.id, QPointF(random.bounded(800), random.bounded(800)));
        document.applyLayout(positions);
        break;
    }
    }
}

} // namespace

class TestSagaDocument : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void randomEditsUndoRedo_data();
    void randomEditsUndoRedo();
    void addStep();
    void addSteps();
    void removeStepsRemovesDependencies();
    void setStep();
    void setStepWithNewIdUpdatesDependencies();
    void renameStepUpdatesDependencies();
    void renameStepRefusesTakenOrInvalidIds();
    void setStepLabelAndKind();
    void kindChangeDoesWhatTheUserMeans();
    void compensationFixesForSaga002();
    void labelRenamesAGeneratedIdAsOneCommand();
    void moveStepsMergesRepeatedMovesOfTheSameSet();
    void moveStepsBackToStartLeavesNoCommand();
    void dependencies();
    void services();
    void sagaInfo();
    void applyLayoutIsOneCommand();
    void convertToIsOneUndoableEdit();
    void convertRefusesWhatCannotBeConverted();
    void connectEventIsOneUndoableEdit();
    void applyEditsAndApplyDefinition();
    void noOpEditPushesNothing();
    void applyFixRemovesDiagnosticAndUndoBringsItBack();
    void applyFixRefusesUnknownStep();
    void signals();
    void signalsSayWhatHappened();
    void stepsRenamedFollowsUndoAndRedo();
    void addStepOfKindGetsFreshNames();
    void removeStepsAndDependenciesIsOneCommand();
    void pasteStepsRenamesAndRemaps();
    void stepsAsSagaHoldsTheStepsAndTheirServices();
    void modifiedState();
    void loadAndSave();
    void loadFailureLeavesDocumentAlone();
    void largeSagaEditsAreCheap();
};

void TestSagaDocument::randomEditsUndoRedo_data()
{
    QTest::addColumn<quint32>("seed");
    for (quint32 seed = 1; seed <= 40; ++seed)
        QTest::addRow("seed %u", seed) << seed;
}

void TestSagaDocument::randomEditsUndoRedo()
{
    QFETCH(quint32, seed);
    QRandomGenerator random(seed);
    SagaDocument document;
    document.reset(fixture(), QStringLiteral("/tmp/fixture.saga"));
    const QByteArray original = bytes(document);
    const SagaDefinition originalDefinition = document.definition();
    int counter = 0;
    for (int i = 0; i < 40; ++i) {
        randomEdit(document, random, counter);
        if (random.bounded(10) == 0 && document.undoStack()->canUndo())
            document.undoStack()->undo(); // then later edits cut the redo branch
        // The diagnostics are always those of the current definition.
        QVERIFY(document.diagnostics() == Validator::validate(document.definition()));
    }
    randomEdit(document, random, counter);
    const QByteArray edited = bytes(document);
    const int editedIndex = document.undoStack()->index();
    QVERIFY(edited != original);
    QVERIFY(editedIndex > 0);

    while (document.undoStack()->canUndo())
        document.undoStack()->undo();
    QCOMPARE(bytes(document), original);
    QVERIFY(document.definition() == originalDefinition);
    QVERIFY(document.diagnostics() == Validator::validate(originalDefinition));
    QVERIFY(!document.isModified());

    document.undoStack()->setIndex(editedIndex);
    QCOMPARE(bytes(document), edited);
    QVERIFY(document.isModified());
}

void TestSagaDocument::addStep()
{
    SagaDocument document;
    document.reset(fixture());
    Step step;
    step.id = QStringLiteral("notify");
    step.kind = StepKind::Retriable;
    step.action.name = QStringLiteral("notify");
    step.after = {QStringLiteral("ship")};
    document.addStep(step);
    QCOMPARE(document.definition().steps.size(), 6);
    QCOMPARE(document.definition().steps.last().id, QStringLiteral("notify"));
    QCOMPARE(document.undoStack()->count(), 1);
    document.undoStack()->undo();
    QCOMPARE(document.definition().steps.size(), 5);
    QVERIFY(!stepOf(document, QStringLiteral("notify")));
}

void TestSagaDocument::addSteps()
{
    SagaDocument document;
    document.reset(fixture());
    Step a;
    a.id = document.uniqueStepId(QStringLiteral("ship"));
    QCOMPARE(a.id, QStringLiteral("ship_2"));
    Step b = a;
    b.id = QStringLiteral("other");
    document.addSteps({a, b});
    QCOMPARE(document.definition().steps.size(), 7);
    QCOMPARE(document.undoStack()->count(), 1);
    document.undoStack()->undo();
    QCOMPARE(document.definition().steps.size(), 5);
}

void TestSagaDocument::removeStepsRemovesDependencies()
{
    SagaDocument document;
    document.reset(fixture());
    const QByteArray original = bytes(document);
    document.removeSteps({QStringLiteral("award_points"), QStringLiteral("create_order")});
    QCOMPARE(document.definition().steps.size(), 3);
    QCOMPARE(document.undoStack()->count(), 1);
    QVERIFY(stepOf(document, QStringLiteral("take_payment"))->after.isEmpty());
    QVERIFY(stepOf(document, QStringLiteral("reserve_stock"))->after.isEmpty());
    QCOMPARE(stepOf(document, QStringLiteral("ship"))->after, QStringList{QStringLiteral("take_payment")});
    document.undoStack()->undo();
    QCOMPARE(bytes(document), original);
    document.removeSteps({QStringLiteral("no_such_step")});
    QCOMPARE(document.undoStack()->count(), 1); // the undone command is still there to redo
    QVERIFY(document.undoStack()->canRedo());
}

void TestSagaDocument::setStep()
{
    SagaDocument document;
    document.reset(fixture());
    Step step = *stepOf(document, QStringLiteral("ship"));
    step.timeoutMs = 1234;
    step.sideEffects = {QStringLiteral("webhook")};
    document.setStep(QStringLiteral("ship"), step);
    QCOMPARE(stepOf(document, QStringLiteral("ship"))->timeoutMs, std::optional<int>(1234));
    QCOMPARE(stepOf(document, QStringLiteral("ship"))->sideEffects, QStringList{QStringLiteral("webhook")});
    document.undoStack()->undo();
    QCOMPARE(stepOf(document, QStringLiteral("ship"))->timeoutMs, std::optional<int>());
}

void TestSagaDocument::setStepWithNewIdUpdatesDependencies()
{
    SagaDocument document;
    document.reset(fixture());
    Step step = *stepOf(document, QStringLiteral("take_payment"));
    step.id = QStringLiteral("charge");
    document.setStep(QStringLiteral("take_payment"), step);
    QCOMPARE(stepOf(document, QStringLiteral("ship"))->after, QStringList{QStringLiteral("charge")});
}

void TestSagaDocument::renameStepUpdatesDependencies()
{
    SagaDocument document;
    document.reset(fixture());
    const QByteArray original = bytes(document);
    document.renameStep(QStringLiteral("reserve_stock"), QStringLiteral("hold_stock"));
    QVERIFY(!stepOf(document, QStringLiteral("reserve_stock")));
    QVERIFY(stepOf(document, QStringLiteral("hold_stock")));
    QCOMPARE(stepOf(document, QStringLiteral("award_points"))->after, QStringList{QStringLiteral("hold_stock")});
    QCOMPARE(document.undoStack()->count(), 1);
    document.undoStack()->undo();
    QCOMPARE(bytes(document), original);
}

void TestSagaDocument::renameStepRefusesTakenOrInvalidIds()
{
    SagaDocument document;
    document.reset(fixture());
    document.renameStep(QStringLiteral("ship"), QStringLiteral("create_order"));
    document.renameStep(QStringLiteral("ship"), QStringLiteral("9bad id"));
    document.renameStep(QStringLiteral("nope"), QStringLiteral("fine"));
    QCOMPARE(document.undoStack()->count(), 0);
    QVERIFY(stepOf(document, QStringLiteral("ship")));
}

void TestSagaDocument::setStepLabelAndKind()
{
    SagaDocument document;
    document.reset(fixture());
    document.setStepLabel(QStringLiteral("ship"), QStringLiteral("Ship parcel"));
    document.setStepKind(QStringLiteral("ship"), StepKind::Compensatable);
    QCOMPARE(stepOf(document, QStringLiteral("ship"))->label, QStringLiteral("Ship parcel"));
    QCOMPARE(stepOf(document, QStringLiteral("ship"))->kind, StepKind::Compensatable);
    QCOMPARE(document.undoStack()->count(), 2);
    // It got a compensation named after its action, in the same command: no SAGA002.
    QVERIFY(stepOf(document, QStringLiteral("ship"))->compensation.has_value());
    QCOMPARE(stepOf(document, QStringLiteral("ship"))->compensation->name, QStringLiteral("undo_ship"));
    QVERIFY(!hasDiagnostic(document, QStringLiteral("SAGA002"), QStringLiteral("ship")));
    document.undoStack()->undo();
    QCOMPARE(stepOf(document, QStringLiteral("ship"))->kind, StepKind::Retriable);
    QVERIFY(!stepOf(document, QStringLiteral("ship"))->compensation.has_value());
    QCOMPARE(stepOf(document, QStringLiteral("ship"))->label, QStringLiteral("Ship parcel"));
}

void TestSagaDocument::kindChangeDoesWhatTheUserMeans()
{
    // Seen: to Pivot the compensation stayed (SAGA002, no fix); to Retriable "undo: ..." stayed
    // on the card. Each kind change leaves the step valid as its kind, as one undo step.
    SagaDocument document;
    document.reset(fixture());
    const StepId reserve = QStringLiteral("reserve_stock");
    const Operation release = *stepOf(document, reserve)->compensation;

    document.setStepKind(reserve, StepKind::Pivot);
    QCOMPARE(document.undoStack()->count(), 1);
    QCOMPARE(stepOf(document, reserve)->kind, StepKind::Pivot);
    QVERIFY(!stepOf(document, reserve)->compensation.has_value());
    QVERIFY(!hasDiagnostic(document, QStringLiteral("SAGA002"), reserve));
    // Changing back gives the same compensation back (not a new one).
    document.setStepKind(reserve, StepKind::Compensatable);
    QCOMPARE(document.undoStack()->count(), 2);
    QCOMPARE(*stepOf(document, reserve)->compensation, release);

    // To retriable: no compensation, idempotent, retried without bound.
    const StepId create = QStringLiteral("create_order");
    Step bounded = *stepOf(document, create);
    bounded.retry = RetryPolicy{};
    bounded.retry->maxAttempts = 3;
    document.setStep(create, bounded);
    document.setStepKind(create, StepKind::Retriable);
    const Step *retriable = stepOf(document, create);
    QVERIFY(!retriable->compensation.has_value());
    QVERIFY(retriable->idempotent);
    QCOMPARE(retriable->effectiveActionRetry().maxAttempts, 0);
    QVERIFY(!hasDiagnostic(document, QStringLiteral("SAGA006"), create));
    // One undo puts every field back.
    document.undoStack()->undo();
    QCOMPARE(*stepOf(document, create), bounded);
    // The undo history still holds the pivot's compensation: undoing to the start restores it.
    while (document.undoStack()->canUndo())
        document.undoStack()->undo();
    QCOMPARE(bytes(document), SagaFile::serialize(fixture()));
}

void TestSagaDocument::compensationFixesForSaga002()
{
    SagaDocument document;
    document.reset(fixture());
    // A pivot with a compensation: "Remove the compensation".
    Step pivot = *stepOf(document, QStringLiteral("take_payment"));
    pivot.compensation = Operation{};
    pivot.compensation->name = QStringLiteral("refund");
    document.setStep(pivot.id, pivot);
    const auto finding = [&document](const StepId &id) {
        for (const Diagnostic &d : document.diagnostics()) {
            if (d.rule == QLatin1String("SAGA002") && d.steps.value(0) == id)
                return d;
        }
        return Diagnostic{};
    };
    Diagnostic saga002 = finding(pivot.id);
    QCOMPARE(saga002.rule, QStringLiteral("SAGA002"));
    QVERIFY(!saga002.hasFix()); // SPEC section 2: the file's fixes stay as the SPEC says
    QCOMPARE(document.compensationFixText(saga002), QStringLiteral("Remove the compensation of take_payment"));
    QVERIFY(document.applyCompensationFix(saga002));
    QVERIFY(!stepOf(document, pivot.id)->compensation.has_value());
    QVERIFY(finding(pivot.id).rule.isEmpty());

    // A compensatable step without one: "Add a compensation", named after the action.
    Step reserve = *stepOf(document, QStringLiteral("reserve_stock"));
    reserve.compensation.reset();
    document.setStep(reserve.id, reserve);
    saga002 = finding(reserve.id);
    QCOMPARE(document.compensationFixText(saga002), QStringLiteral("Add a compensation to reserve_stock (undo_reserve)"));
    const int commands = document.undoStack()->count();
    QVERIFY(document.applyCompensationFix(saga002));
    QCOMPARE(document.undoStack()->count(), commands + 1);
    QCOMPARE(stepOf(document, reserve.id)->compensation->name, QStringLiteral("undo_reserve"));
    QVERIFY(finding(reserve.id).rule.isEmpty());
    QVERIFY(!document.applyCompensationFix(saga002)); // no longer applies
}

void TestSagaDocument::labelRenamesAGeneratedIdAsOneCommand()
{
    // Seen: F2 changed only the label; the id stayed `step`, and the next new step was `step`
    // again with the same action name.
    QCOMPARE(StepEdits::slug(QStringLiteral("Take payment")), QStringLiteral("take_payment"));
    QCOMPARE(StepEdits::slug(QStringLiteral("  Réserver l'hôtel!")), QStringLiteral("reserver_l_hotel"));
    QCOMPARE(StepEdits::slug(QStringLiteral("3D print")), QStringLiteral("_3d_print"));
    QCOMPARE(StepEdits::slug(QStringLiteral("결제")), QString());
    QVERIFY(StepEdits::isGeneratedId(QStringLiteral("step_12")));
    QVERIFY(!StepEdits::isGeneratedId(QStringLiteral("take_payment")));

    SagaDocument document;
    document.reset(fixture());
    const StepId added = document.addStep(StepKind::Compensatable, QStringLiteral("orders"), QPointF(0, 300), QString());
    QCOMPARE(added, QStringLiteral("step"));
    document.addDependency(QStringLiteral("ship"), added);
    const int commands = document.undoStack()->count();

    const StepId renamed = document.setStepLabel(added, QStringLiteral("Notify warehouse"),
                                                 SagaDocument::IdFollowsLabel::WhenGenerated);
    QCOMPARE(renamed, QStringLiteral("notify_warehouse"));
    QCOMPARE(document.undoStack()->count(), commands + 1);
    const Step *step = stepOf(document, renamed);
    QVERIFY(step);
    QCOMPARE(step->label, QStringLiteral("Notify warehouse"));
    QCOMPARE(step->action.name, QStringLiteral("notify_warehouse"));
    QCOMPARE(step->compensation->name, QStringLiteral("undo_notify_warehouse"));
    QVERIFY(stepOf(document, QStringLiteral("ship"))->after.contains(renamed));
    QVERIFY(!stepOf(document, added));

    // A chosen id stays unless asked; asked, a taken slug gets a suffix.
    QCOMPARE(document.setStepLabel(QStringLiteral("ship"), QStringLiteral("Ship it"),
                                   SagaDocument::IdFollowsLabel::WhenGenerated),
             QStringLiteral("ship"));
    QCOMPARE(document.setStepLabel(QStringLiteral("ship"), QStringLiteral("Take payment"),
                                   SagaDocument::IdFollowsLabel::Always),
             QStringLiteral("take_payment_2"));

    // The next new step has an id and an action name of its own.
    const StepId next = document.addStep(StepKind::Compensatable, QStringLiteral("orders"), QPointF(0, 400), QString());
    QSet<QString> ids, actions;
    for (const Step &s : document.definition().steps) {
        QVERIFY2(!ids.contains(s.id), qPrintable(s.id));
        QVERIFY2(!actions.contains(s.action.name), qPrintable(s.action.name));
        ids.insert(s.id);
        actions.insert(s.action.name);
    }
    QVERIFY(ids.contains(next));

    // One undo takes the rename back, `after` included.
    document.undoStack()->undo(); // the new step
    document.undoStack()->undo(); // take_payment_2
    document.undoStack()->undo(); // Ship it
    document.undoStack()->undo(); // notify_warehouse
    QVERIFY(stepOf(document, added));
    QVERIFY(stepOf(document, QStringLiteral("ship"))->after.contains(added));
}

void TestSagaDocument::moveStepsMergesRepeatedMovesOfTheSameSet()
{
    SagaDocument document;
    document.reset(fixture());
    const QByteArray original = bytes(document);
    const QString a = QStringLiteral("ship"), b = QStringLiteral("create_order");
    for (int i = 1; i <= 10; ++i)
        document.moveSteps({{a, QPointF(10 * i, 5 * i)}, {b, QPointF(-i, i)}});
    QCOMPARE(document.undoStack()->count(), 1);
    QCOMPARE(*stepOf(document, a)->position, QPointF(100, 50));
    QCOMPARE(*stepOf(document, b)->position, QPointF(-10, 10));
    // Another set of steps is another command.
    document.moveSteps({{a, QPointF(1, 2)}});
    QCOMPARE(document.undoStack()->count(), 2);
    document.undoStack()->undo();
    QCOMPARE(*stepOf(document, a)->position, QPointF(100, 50));
    document.undoStack()->undo();
    QCOMPARE(bytes(document), original);
    QVERIFY(!stepOf(document, a)->position.has_value());
    QCOMPARE(*stepOf(document, b)->position, QPointF(0, 0));
}

void TestSagaDocument::moveStepsBackToStartLeavesNoCommand()
{
    SagaDocument document;
    document.reset(fixture(), QStringLiteral("/tmp/f.saga"));
    const QString id = QStringLiteral("create_order");
    document.moveSteps({{id, QPointF(40, 40)}});
    document.moveSteps({{id, QPointF(0, 0)}});
    QCOMPARE(document.undoStack()->count(), 0);
    QVERIFY(!document.isModified());
}

void TestSagaDocument::dependencies()
{
    SagaDocument document;
    document.reset(fixture());
    document.addDependency(QStringLiteral("ship"), QStringLiteral("award_points"));
    QCOMPARE(stepOf(document, QStringLiteral("ship"))->after,
             (QStringList{QStringLiteral("take_payment"), QStringLiteral("award_points")}));
    document.addDependency(QStringLiteral("ship"), QStringLiteral("award_points")); // already there
    QCOMPARE(document.undoStack()->count(), 1);
    document.removeDependency(QStringLiteral("ship"), QStringLiteral("take_payment"));
    QCOMPARE(stepOf(document, QStringLiteral("ship"))->after, QStringList{QStringLiteral("award_points")});
    // A cycle is allowed in the document and reported by the validator.
    document.addDependency(QStringLiteral("create_order"), QStringLiteral("ship"));
    QVERIFY(std::any_of(document.diagnostics().cbegin(), document.diagnostics().cend(),
                        [](const Diagnostic &d) { return d.rule == QLatin1String("SAGA001"); }));
    QCOMPARE(document.undoStack()->count(), 3);
    document.undoStack()->undo();
    QVERIFY(std::none_of(document.diagnostics().cbegin(), document.diagnostics().cend(),
                         [](const Diagnostic &d) { return d.rule == QLatin1String("SAGA001"); }));
}

void TestSagaDocument::services()
{
    SagaDocument document;
    document.reset(fixture());
    const QByteArray original = bytes(document);
    document.renameService(QStringLiteral("orders"), QStringLiteral("sales"));
    QCOMPARE(document.definition().services.first().id, QStringLiteral("sales"));
    QCOMPARE(stepOf(document, QStringLiteral("ship"))->service, QStringLiteral("sales"));
    QCOMPARE(stepOf(document, QStringLiteral("create_order"))->service, QStringLiteral("sales"));
    document.renameService(QStringLiteral("sales"), QStringLiteral("payments")); // taken
    QCOMPARE(document.undoStack()->count(), 1);
    QList<Service> services = document.definition().services;
    services.removeLast();
    document.setServices(services);
    QCOMPARE(document.definition().services.size(), 2);
    // Removing a service that steps use is allowed and reported (SAGA008).
    QVERIFY(hasDiagnostic(document, QStringLiteral("SAGA008"), QStringLiteral("award_points")));
    document.undoStack()->undo();
    document.undoStack()->undo();
    QCOMPARE(bytes(document), original);
}

void TestSagaDocument::sagaInfo()
{
    SagaDocument document;
    document.reset(fixture());
    document.setSagaInfo(QStringLiteral("New name"), QStringLiteral("New description"));
    QCOMPARE(document.definition().name, QStringLiteral("New name"));
    QCOMPARE(document.definition().description, QStringLiteral("New description"));
    QCOMPARE(document.definition().extra.value(QLatin1String("x-owner")).toString(), QStringLiteral("team-a"));
    document.undoStack()->undo();
    QCOMPARE(document.definition().name, QStringLiteral("Checkout"));
}

void TestSagaDocument::convertToIsOneUndoableEdit()
{
    SagaDocument document;
    document.reset(fixture(), QStringLiteral("/tmp/f.saga"));
    const QByteArray original = bytes(document);
    QSignalSpy edited(&document, &SagaDocument::stepsEdited);
    QString error;
    QVERIFY(document.convertTo(SagaMode::Choreography, &error));
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QCOMPARE(document.undoStack()->count(), 1);
    QCOMPARE(document.undoStack()->undoText(), QStringLiteral("Convert to choreography"));
    QCOMPARE(document.definition().mode, SagaMode::Choreography);
    // The very conversion `sagascope-cli convert` makes.
    QVERIFY(document.definition() == *SagaConvert::toChoreography(fixture()));
    QVERIFY(edited.size() == 1 && edited.first().first().value<StepChanges>().sagaChanged);
    for (const Step &step : document.definition().steps)
        QVERIFY2(step.after.isEmpty() && !step.on.isEmpty(), qPrintable(step.id));
    QVERIFY(document.convertTo(SagaMode::Choreography)); // already there: nothing pushed
    QCOMPARE(document.undoStack()->count(), 1);

    QVERIFY(document.convertTo(SagaMode::Orchestration, &error));
    QCOMPARE(document.undoStack()->count(), 2);
    QCOMPARE(document.definition().mode, SagaMode::Orchestration);
    for (const Step &step : document.definition().steps)
        QVERIFY2(step.on.isEmpty() && !step.emits, qPrintable(step.id));
    document.undoStack()->undo();
    QCOMPARE(document.definition().mode, SagaMode::Choreography);
    document.undoStack()->undo();
    QCOMPARE(bytes(document), original);
}

void TestSagaDocument::convertRefusesWhatCannotBeConverted()
{
    // A step that reacts to a failure event has no counterpart in an orchestration.
    SagaDefinition saga = *SagaConvert::toChoreography(fixture());
    saga.steps[1].on = {SagaConvert::failedEvent(saga.steps[0].id)};
    SagaDocument document;
    document.reset(saga, QStringLiteral("/tmp/f.saga"));
    QString error;
    QVERIFY(!document.convertTo(SagaMode::Orchestration, &error));
    QVERIFY(!error.isEmpty());
    QCOMPARE(document.undoStack()->count(), 0);
    QVERIFY(document.definition() == saga);
}

void TestSagaDocument::connectEventIsOneUndoableEdit()
{
    SagaDocument document;
    document.reset(fixture(), QStringLiteral("/tmp/f.saga"));
    const QByteArray original = bytes(document);
    const StepId publisher = document.definition().steps.at(0).id;
    const StepId consumer = document.definition().steps.at(1).id;
    QVERIFY(!document.definition().steps.at(0).emits);
    QVERIFY(document.connectEvent(publisher, consumer));
    QCOMPARE(document.undoStack()->count(), 1);
    const QString event = SagaConvert::succeededEvent(publisher);
    QCOMPARE(stepOf(document, publisher)->emits->success, event);
    QVERIFY(stepOf(document, consumer)->on.contains(event));
    QVERIFY(!document.connectEvent(publisher, consumer)); // already subscribed
    QVERIFY(!document.connectEvent(publisher, publisher));
    QVERIFY(!document.connectEvent(QStringLiteral("ghost"), consumer));
    QCOMPARE(document.undoStack()->count(), 1);
    // A second subscriber reuses the event the publisher already has.
    const StepId third = document.definition().steps.at(2).id;
    QVERIFY(document.connectEvent(publisher, third));
    QVERIFY(stepOf(document, third)->on.contains(event));
    QVERIFY(document.disconnectEvent(third, event));
    QVERIFY(!stepOf(document, third)->on.contains(event));
    QVERIFY(!document.disconnectEvent(third, event));
    QCOMPARE(document.undoStack()->count(), 3);
    document.undoStack()->undo();
    document.undoStack()->undo();
    document.undoStack()->undo();
    QCOMPARE(bytes(document), original);
}

void TestSagaDocument::applyLayoutIsOneCommand()
{
    SagaDocument document;
    document.reset(fixture());
    QHash<StepId, QPointF> positions;
    for (const Step &step : document.definition().steps)
        positions.insert(step.id, QPointF(step.id.size() * 10, 7));
    document.applyLayout(positions);
    document.applyLayout(positions); // the same layout again changes nothing
    QCOMPARE(document.undoStack()->count(), 1);
    for (const Step &step : document.definition().steps)
        QCOMPARE(*step.position, positions.value(step.id));
}

void TestSagaDocument::applyEditsAndApplyDefinition()
{
    SagaDocument document;
    document.reset(fixture(), QStringLiteral("/tmp/f.saga"));
    const QByteArray original = bytes(document);
    QString error;
    QVERIFY(document.applyEdits({SagaEdit::setKind(QStringLiteral("ship"), StepKind::Pivot),
                                 SagaEdit::addAfter(QStringLiteral("ship"), QStringLiteral("create_order"))},
                                QStringLiteral("two edits"), &error));
    QCOMPARE(document.undoStack()->count(), 1);
    QCOMPARE(document.undoStack()->undoText(), QStringLiteral("two edits"));
    QCOMPARE(stepOf(document, QStringLiteral("ship"))->kind, StepKind::Pivot);
    QVERIFY(stepOf(document, QStringLiteral("ship"))->after.contains(QStringLiteral("create_order")));
    QVERIFY(!document.applyEdits({SagaEdit::setKind(QStringLiteral("ghost"), StepKind::Pivot)}, QStringLiteral("x"), &error));
    QVERIFY(!error.isEmpty());
    QCOMPARE(document.undoStack()->count(), 1);

    // Any compound edit as one command: a pasted pair of steps wired to the saga, and a new name.
    SagaDefinition after = document.definition();
    after.name = QStringLiteral("Pasted");
    Step copy = *after.step(QStringLiteral("ship"));
    copy.id = QStringLiteral("ship_copy");
    after.steps.insert(1, copy);
    after.steps[0].after.append(QStringLiteral("ship_copy"));
    document.applyDefinition(after, QStringLiteral("Paste"));
    QCOMPARE(document.undoStack()->count(), 2);
    QVERIFY(document.definition() == after);
    document.undoStack()->undo();
    document.undoStack()->undo();
    QCOMPARE(bytes(document), original);
}

void TestSagaDocument::noOpEditPushesNothing()
{
    SagaDocument document;
    document.reset(fixture(), QStringLiteral("/tmp/f.saga"));
    document.setStepLabel(QStringLiteral("ship"), QStringLiteral("Ship"));
    document.setStepKind(QStringLiteral("ship"), StepKind::Retriable);
    document.setStepLabel(QStringLiteral("missing"), QStringLiteral("x"));
    document.removeDependency(QStringLiteral("ship"), QStringLiteral("create_order"));
    QCOMPARE(document.undoStack()->count(), 0);
    QVERIFY(!document.isModified());
}

void TestSagaDocument::applyFixRemovesDiagnosticAndUndoBringsItBack()
{
    SagaDocument document;
    document.reset(fixture());
    const QByteArray original = bytes(document);
    const QList<Diagnostic> before = document.diagnostics();
    int fixed = 0;
    for (const Diagnostic &diagnostic : before) {
        if (!diagnostic.hasFix())
            continue;
        ++fixed;
        QVERIFY(document.applyFix(diagnostic));
        QCOMPARE(document.undoStack()->count(), 1);
        QVERIFY2(!document.diagnostics().contains(diagnostic), qPrintable(diagnostic.toLine()));
        QVERIFY(!Validator::hasErrors(document.diagnostics()));
        document.undoStack()->undo();
        QCOMPARE(bytes(document), original);
        QVERIFY(document.diagnostics().contains(diagnostic));
        QVERIFY(document.diagnostics() == before);
        document.undoStack()->clear();
    }
    // The fixture offers at least SAGA005 (points before payment), SAGA006 and SAGA009 fixes.
    QVERIFY2(fixed >= 3, qPrintable(QString::number(fixed)));
    QVERIFY(hasDiagnostic(document, QStringLiteral("SAGA005"), QStringLiteral("award_points")));
    QVERIFY(hasDiagnostic(document, QStringLiteral("SAGA009"), QStringLiteral("create_order")));
}

void TestSagaDocument::applyFixRefusesUnknownStep()
{
    SagaDocument document;
    document.reset(fixture());
    Diagnostic diagnostic;
    diagnostic.rule = QStringLiteral("SAGA006");
    diagnostic.fix = {SagaEdit::setIdempotent(QStringLiteral("ghost"), true)};
    QVERIFY(!document.applyFix(diagnostic));
    QVERIFY(!document.applyFix(Diagnostic{}));
    QCOMPARE(document.undoStack()->count(), 0);
}

void TestSagaDocument::signals()
{
    SagaDocument document;
    QSignalSpy changed(&document, &SagaDocument::changed);
    QSignalSpy reset(&document, &SagaDocument::documentReset);
    QSignalSpy edited(&document, &SagaDocument::stepsEdited);
    QSignalSpy diagnosticsChanged(&document, &SagaDocument::diagnosticsChanged);
    QSignalSpy modified(&document, &SagaDocument::modifiedChanged);
    QSignalSpy filePath(&document, &SagaDocument::filePathChanged);

    // The diagnostics seen inside changed() are those of the new definition.
    bool fresh = true;
    connect(&document, &SagaDocument::changed, this, [&] {
        fresh = fresh && document.diagnostics() == Validator::validate(document.definition());
    });

    document.reset(fixture(), QStringLiteral("/tmp/x.saga"));
    QCOMPARE(changed.count(), 1);
    QCOMPARE(reset.count(), 1);
    QCOMPARE(edited.count(), 0);
    QCOMPARE(diagnosticsChanged.count(), 1); // the empty saga's SAGA007 -> the fixture's findings
    QCOMPARE(filePath.count(), 1);
    QCOMPARE(filePath.first().first().toString(), QStringLiteral("/tmp/x.saga"));
    QCOMPARE(modified.count(), 0);

    document.setStepLabel(QStringLiteral("ship"), QStringLiteral("Ship it"));
    QCOMPARE(changed.count(), 2);
    QCOMPARE(reset.count(), 1);
    QCOMPARE(edited.count(), 1);
    QCOMPARE(edited.last().first().value<StepChanges>().touched(), QStringList{QStringLiteral("ship")});
    QCOMPARE(diagnosticsChanged.count(), 1); // a label changes no finding
    QCOMPARE(modified.count(), 1);
    QCOMPARE(modified.last().first().toBool(), true);

    document.renameStep(QStringLiteral("ship"), QStringLiteral("dispatch"));
    QCOMPARE(edited.last().first().value<StepChanges>().touched(),
             (QStringList{QStringLiteral("ship"), QStringLiteral("dispatch")}));

    document.setStepKind(QStringLiteral("dispatch"), StepKind::Compensatable); // SAGA004 appears
    QCOMPARE(diagnosticsChanged.count(), 2);
    document.undoStack()->undo();
    QCOMPARE(diagnosticsChanged.count(), 3);
    QCOMPARE(changed.count(), 5);
    document.undoStack()->undo();
    document.undoStack()->undo();
    QCOMPARE(modified.count(), 2);
    QCOMPARE(modified.last().first().toBool(), false);
    QVERIFY(fresh);
}

void TestSagaDocument::stepsRenamedFollowsUndoAndRedo()
{
    SagaDocument document;
    document.reset(fixture());
    QSignalSpy renamed(&document, &SagaDocument::stepsRenamed);
    QSignalSpy edited(&document, &SagaDocument::stepsEdited);
    auto last = [&] {
        const QList<QVariant> args = renamed.last();
        return std::pair(args.at(0).toStringList(), args.at(1).toStringList());
    };
    const QString ship = QStringLiteral("ship"), dispatch = QStringLiteral("dispatch");

    document.renameStep(ship, dispatch);
    QCOMPARE(renamed.count(), 1);
    QCOMPARE(last(), std::pair(QStringList{ship}, QStringList{dispatch}));
    document.undoStack()->undo();
    QCOMPARE(last(), std::pair(QStringList{dispatch}, QStringList{ship}));
    document.undoStack()->redo();
    QCOMPARE(last(), std::pair(QStringList{ship}, QStringList{dispatch}));
    QCOMPARE(renamed.count(), 3);
    QCOMPARE(edited.count(), 3); // sent with stepsEdited, never instead of it
    QCOMPARE(edited.last().first().value<StepChanges>().renamedTo, QStringList{dispatch});

    // Two ids swapped in one edit: one signal with both, to apply at once.
    SagaDefinition swapped = document.definition();
    const QString other = swapped.steps.at(0).id;
    QVERIFY(other != dispatch);
    const int at = swapped.indexOf(dispatch);
    swapped.steps[at].id = other;
    swapped.steps[0].id = dispatch;
    document.applyDefinition(swapped, QStringLiteral("swap"));
    QCOMPARE(renamed.count(), 4);
    QCOMPARE(last(), std::pair(QStringList{other, dispatch}, QStringList{dispatch, other})); // in step order

    // Editing other fields, adding and removing rename nothing.
    document.setStepLabel(dispatch, QStringLiteral("Send"));
    Step added;
    added.id = document.uniqueStepId(QStringLiteral("extra"));
    document.addStep(added);
    document.removeSteps({added.id});
    QCOMPARE(renamed.count(), 4);
    // Load and reset replace the saga: nothing is renamed.
    document.reset(fixture());
    QCOMPARE(renamed.count(), 4);
}

void TestSagaDocument::signalsSayWhatHappened()
{
    SagaDocument document;
    document.reset(fixture());
    // Every signal of one edit, in the order sent, with the document already new in each.
    QStringList order;
    const auto record = [&](const QString &name) {
        return [&order, name, &document] {
            QVERIFY(document.diagnostics() == Validator::validate(document.definition()));
            order.append(name);
        };
    };
    connect(&document, &SagaDocument::documentReset, this, record(QStringLiteral("reset")));
    connect(&document, &SagaDocument::stepsEdited, this, record(QStringLiteral("edited")));
    connect(&document, &SagaDocument::stepsRenamed, this, record(QStringLiteral("renamed")));
    connect(&document, &SagaDocument::stepsRemoved, this, record(QStringLiteral("removed")));
    connect(&document, &SagaDocument::stepsAdded, this, record(QStringLiteral("added")));
    connect(&document, &SagaDocument::stepsUpdated, this, record(QStringLiteral("updated")));
    connect(&document, &SagaDocument::stepsMoved, this, record(QStringLiteral("moved")));
    connect(&document, &SagaDocument::changed, this, record(QStringLiteral("changed")));
    QSignalSpy edited(&document, &SagaDocument::stepsEdited);
    QSignalSpy added(&document, &SagaDocument::stepsAdded);
    QSignalSpy removed(&document, &SagaDocument::stepsRemoved);
    QSignalSpy updated(&document, &SagaDocument::stepsUpdated);
    QSignalSpy moved(&document, &SagaDocument::stepsMoved);
    const auto changes = [&] { return edited.last().first().value<StepChanges>(); };
    const QString ship = QStringLiteral("ship"), payment = QStringLiteral("take_payment");

    document.moveSteps({{ship, QPointF(40, 50)}});
    QCOMPARE(order, (QStringList{QStringLiteral("edited"), QStringLiteral("moved"), QStringLiteral("changed")}));
    StepChanges expected;
    expected.moved = {ship};
    QCOMPARE(changes(), expected);
    QCOMPARE(moved.last().first().toStringList(), QStringList{ship});

    order.clear();
    document.setStepKind(ship, StepKind::Compensatable);
    QCOMPARE(order, (QStringList{QStringLiteral("edited"), QStringLiteral("updated"), QStringLiteral("changed")}));
    expected = {};
    expected.updated = {ship};
    QCOMPARE(changes(), expected);

    // Removing a step also updates the steps that named it in `after`.
    order.clear();
    document.removeSteps({payment});
    QCOMPARE(order, (QStringList{QStringLiteral("edited"), QStringLiteral("removed"), QStringLiteral("updated"),
                                 QStringLiteral("changed")}));
    QCOMPARE(removed.last().first().toStringList(), QStringList{payment});
    QCOMPARE(updated.last().first().toStringList(), QStringList{ship});
    QVERIFY(changes().added.isEmpty());
    // Its undo adds it back and updates the same step again.
    order.clear();
    document.undoStack()->undo();
    QCOMPARE(order, (QStringList{QStringLiteral("edited"), QStringLiteral("added"), QStringLiteral("updated"),
                                 QStringLiteral("changed")}));
    QCOMPARE(added.last().first().toStringList(), QStringList{payment});
    QCOMPARE(changes().updated, QStringList{ship});

    // A rename: the old and new id, the new one updated, and the steps that named it.
    order.clear();
    document.renameStep(payment, QStringLiteral("charge"));
    QCOMPARE(order, (QStringList{QStringLiteral("edited"), QStringLiteral("renamed"), QStringLiteral("updated"),
                                 QStringLiteral("changed")}));
    expected = {};
    expected.renamedFrom = {payment};
    expected.renamedTo = {QStringLiteral("charge")};
    expected.updated = {QStringLiteral("charge"), ship};
    QCOMPARE(changes(), expected);

    // The saga's own fields: no step named, sagaChanged set.
    document.setSagaInfo(QStringLiteral("Other"), {});
    expected = {};
    expected.sagaChanged = true;
    QCOMPARE(changes(), expected);
    QVERIFY(changes().touched().isEmpty());

    // A reset says so, and nothing else but changed().
    order.clear();
    document.reset(fixture());
    QCOMPARE(order, (QStringList{QStringLiteral("reset"), QStringLiteral("changed")}));
}

void TestSagaDocument::addStepOfKindGetsFreshNames()
{
    SagaDocument document;
    document.reset(fixture());
    const StepId first = document.addStep(StepKind::Compensatable, QStringLiteral("payments"), QPointF(10, 20),
                                          QStringLiteral("New step"));
    QCOMPARE(first, QStringLiteral("step"));
    const StepId second = document.addStep(StepKind::Compensatable, QStringLiteral("orders"), QPointF(10, 120),
                                           QStringLiteral("New step"));
    QCOMPARE(second, QStringLiteral("step_2"));
    const Step *step = stepOf(document, second);
    QVERIFY(step);
    QCOMPARE(step->action.name, QStringLiteral("step_2"));
    QVERIFY(step->compensation);
    QCOMPARE(step->compensation->name, QStringLiteral("undo_step_2"));
    QCOMPARE(step->service, QStringLiteral("orders"));
    QCOMPARE(step->label, QStringLiteral("New step"));
    QCOMPARE(step->position, std::optional<QPointF>(QPointF(10, 120)));
    QVERIFY(!step->idempotent);

    QCOMPARE(document.addStep(StepKind::Pivot, {}, {}, {}), QStringLiteral("pivot"));
    QVERIFY(!stepOf(document, QStringLiteral("pivot"))->compensation);
    QCOMPARE(document.addStep(StepKind::Retriable, {}, {}, {}), QStringLiteral("retriable"));
    QVERIFY(stepOf(document, QStringLiteral("retriable"))->idempotent); // no SAGA006 for a new step
    for (const Diagnostic &diagnostic : document.diagnostics())
        QVERIFY2(!diagnostic.steps.contains(QStringLiteral("retriable")) || diagnostic.rule != QLatin1String("SAGA006"),
                 qPrintable(diagnostic.message));

    QCOMPARE(document.undoStack()->count(), 4); // one command each
    QCOMPARE(document.undoStack()->text(1), QStringLiteral("Add step step_2"));
    document.undoStack()->undo();
    QVERIFY(!stepOf(document, QStringLiteral("retriable")));
}

void TestSagaDocument::removeStepsAndDependenciesIsOneCommand()
{
    SagaDocument document;
    document.reset(fixture());
    const QByteArray before = SagaFile::serialize(document.definition());
    // Delete award_points (reserve_stock -> award_points -> take_payment) and the arrow
    // create_order -> reserve_stock, as one command.
    document.removeStepsAndDependencies({QStringLiteral("award_points")},
                                        {{QStringLiteral("reserve_stock"), QStringLiteral("create_order")}});
    QCOMPARE(document.undoStack()->count(), 1);
    QVERIFY(!stepOf(document, QStringLiteral("award_points")));
    QVERIFY(stepOf(document, QStringLiteral("reserve_stock"))->after.isEmpty());
    QVERIFY(stepOf(document, QStringLiteral("take_payment"))->after.isEmpty());
    QCOMPARE(document.definition().steps.size(), 4);
    document.undoStack()->undo();
    QCOMPARE(SagaFile::serialize(document.definition()), before);

    // Only one arrow: the dependency edit of its own; only steps: removeSteps.
    document.removeStepsAndDependencies({}, {{QStringLiteral("ship"), QStringLiteral("take_payment")}});
    QCOMPARE(document.undoStack()->text(document.undoStack()->index() - 1),
             QStringLiteral("Remove dependency take_payment \u2192 ship"));
    QVERIFY(stepOf(document, QStringLiteral("ship"))->after.isEmpty());
    document.removeStepsAndDependencies({QStringLiteral("ship")}, {});
    QCOMPARE(document.undoStack()->text(document.undoStack()->index() - 1), QStringLiteral("Delete step ship"));
    // Nothing named: no command.
    const int count = document.undoStack()->count();
    document.removeStepsAndDependencies({}, {});
    document.removeStepsAndDependencies({QStringLiteral("ghost")}, {});
    QCOMPARE(document.undoStack()->count(), count);
}

void TestSagaDocument::pasteStepsRenamesAndRemaps()
{
    SagaDocument document;
    document.reset(fixture());
    // Copy reserve_stock and award_points (award_points runs after reserve_stock).
    const QByteArray clip = document.stepsAsSaga({QStringLiteral("award_points"), QStringLiteral("reserve_stock")});
    QVERIFY(!clip.isEmpty());
    const QStringList ids = document.pasteSteps(clip, QPointF(30, 30));
    QCOMPARE(ids, (QStringList{QStringLiteral("reserve_stock_2"), QStringLiteral("award_points_2")}));
    QCOMPARE(document.undoStack()->count(), 1);
    const Step *reserve = stepOf(document, QStringLiteral("reserve_stock_2"));
    const Step *award = stepOf(document, QStringLiteral("award_points_2"));
    QVERIFY(reserve && award);
    QCOMPARE(reserve->after, QStringList{QStringLiteral("create_order")}); // names a step of the saga: kept
    QCOMPARE(award->after, QStringList{QStringLiteral("reserve_stock_2")}); // among the pasted: remapped
    QCOMPARE(reserve->timeoutMs, stepOf(document, QStringLiteral("reserve_stock"))->timeoutMs);

    // Pasting the pasted again: a copy of `x_2` is `x_3`; positions move by the offset.
    const QByteArray again = document.stepsAsSaga({QStringLiteral("reserve_stock_2")});
    document.moveSteps({{QStringLiteral("reserve_stock_2"), QPointF(100, 100)}});
    const QByteArray moved = document.stepsAsSaga({QStringLiteral("reserve_stock_2")});
    QCOMPARE(document.pasteSteps(moved, QPointF(30, 40)), QStringList{QStringLiteral("reserve_stock_3")});
    QCOMPARE(stepOf(document, QStringLiteral("reserve_stock_3"))->position, std::optional<QPointF>(QPointF(130, 140)));
    QVERIFY(again != moved);

    // An `after` that names neither a pasted step nor one of the saga is dropped.
    const QByteArray foreign = R"({"format":"sagascope/1","name":"x","services":[],"steps":[
        {"id":"solo","kind":"retriable","idempotent":true,"after":["nowhere"],"action":{"name":"a"}}]})";
    QCOMPARE(document.pasteSteps(foreign, {}), QStringList{QStringLiteral("solo")});
    QVERIFY(stepOf(document, QStringLiteral("solo"))->after.isEmpty());

    // Not a saga, or one without steps: nothing pasted, the reason said, no command.
    const int count = document.undoStack()->count();
    QString error;
    QVERIFY(document.pasteSteps("not json", {}, &error).isEmpty());
    QVERIFY2(error.contains(QStringLiteral("clipboard")), qPrintable(error));
    QVERIFY(document.pasteSteps(R"({"format":"sagascope/1","name":"x","steps":[]})", {}, &error).isEmpty());
    QVERIFY(!error.isEmpty());
    QCOMPARE(document.undoStack()->count(), count);
}

void TestSagaDocument::stepsAsSagaHoldsTheStepsAndTheirServices()
{
    SagaDocument document;
    document.reset(fixture());
    QVERIFY(document.stepsAsSaga({}).isEmpty());
    QVERIFY(document.stepsAsSaga({QStringLiteral("ghost")}).isEmpty());
    const LoadResult clip = SagaFile::parse(document.stepsAsSaga({QStringLiteral("ship"), QStringLiteral("create_order")}),
                                            QStringLiteral("clip"));
    QVERIFY(clip.ok());
    QCOMPARE(clip.definition->name, QStringLiteral("Checkout"));
    QCOMPARE(clip.definition->steps.size(), 2);
    QCOMPARE(clip.definition->steps.at(0).id, QStringLiteral("create_order")); // the saga's order
    QCOMPARE(clip.definition->steps.at(1), *stepOf(document, QStringLiteral("ship")));
    QCOMPARE(clip.definition->services.size(), 1);
    QCOMPARE(clip.definition->services.first().id, QStringLiteral("orders"));
}

void TestSagaDocument::modifiedState()
{
    SagaDocument document;
    QVERIFY(!document.isModified());
    document.reset(SagaDefinition());
    QVERIFY(!document.isModified()); // File > New
    document.reset(fixture());
    QVERIFY(document.isModified()); // imported, saved nowhere yet
    document.reset(fixture(), QStringLiteral("/tmp/f.saga"));
    QVERIFY(!document.isModified());
    document.markUnsaved();
    QVERIFY(document.isModified()); // a recovered autosave
    QString error;
    QVERIFY(!SagaDocument().save(QString(), &error));
    QVERIFY(!error.isEmpty());
}

void TestSagaDocument::loadAndSave()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("a.saga"));
    {
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(SagaFile::serialize(fixture()));
    }
    SagaDocument document;
    QSignalSpy modified(&document, &SagaDocument::modifiedChanged);
    LoadError error;
    QVERIFY(document.load(path, &error));
    QCOMPARE(document.filePath(), path);
    QVERIFY(!document.isModified());
    document.setStepLabel(QStringLiteral("ship"), QStringLiteral("Ship it"));
    QVERIFY(document.isModified());
    QString saveError;
    QVERIFY2(document.save(QString(), &saveError), qPrintable(saveError));
    QVERIFY(!document.isModified());
    QCOMPARE(modified.count(), 2);
    SagaDocument reread;
    QVERIFY(reread.load(path, &error));
    QCOMPARE(bytes(reread), bytes(document));
    QVERIFY(bytes(reread).contains("\"x-note\""));

    // Undo past the save point: modified again; Save As moves the file path.
    document.undoStack()->undo();
    QVERIFY(document.isModified());
    const QString other = dir.filePath(QStringLiteral("b.saga"));
    QVERIFY(document.save(other, &saveError));
    QCOMPARE(document.filePath(), other);
    QVERIFY(!document.isModified());

    // A save that cannot be written says so and leaves the state alone.
    document.setStepLabel(QStringLiteral("ship"), QStringLiteral("again"));
    QVERIFY(!document.save(dir.filePath(QStringLiteral("missing/dir/c.saga")), &saveError));
    QVERIFY(!saveError.isEmpty());
    QVERIFY(document.isModified());
    QCOMPARE(document.filePath(), other);
}

void TestSagaDocument::loadFailureLeavesDocumentAlone()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("bad.saga"));
    {
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(R"({"format":"sagascope/1","steps":[{"id":"a","kind":"pivot","action":{"name":"x"},"timeoutMs":"soon"}]})");
    }
    SagaDocument document;
    document.reset(fixture(), QStringLiteral("/tmp/keep.saga"));
    document.setStepLabel(QStringLiteral("ship"), QStringLiteral("changed"));
    const QByteArray before = bytes(document);
    LoadError error;
    QVERIFY(!document.load(path, &error));
    QCOMPARE(error.jsonPath, QStringLiteral("steps[0].timeoutMs"));
    QVERIFY(error.toString().contains(QStringLiteral("bad.saga")));
    QCOMPARE(bytes(document), before);
    QCOMPARE(document.filePath(), QStringLiteral("/tmp/keep.saga"));
    QCOMPARE(document.undoStack()->count(), 1);
}

void TestSagaDocument::largeSagaEditsAreCheap()
{
    // 1000 steps in a chain: 200 edits, undo all, redo all, byte-exact, without a pause.
    SagaDefinition definition;
    definition.name = QStringLiteral("Large");
    for (int i = 0; i < 1000; ++i) {
        Step step;
        step.id = QStringLiteral("s%1").arg(i);
        step.kind = StepKind::Retriable;
        step.idempotent = true;
        step.action.name = QStringLiteral("a");
        if (i > 0)
            step.after = {QStringLiteral("s%1").arg(i - 1)};
        definition.steps.append(step);
    }
    SagaDocument document;
    document.reset(definition, QStringLiteral("/tmp/large.saga"));
    const QByteArray original = bytes(document);
    // What keeps edits cheap, asserted rather than timed (bench_document prints the times):
    // each edit, undo and redo names only the step it touched, a move re-runs no validation,
    // and every command keeps one step, not the saga.
    QSignalSpy edited(&document, &SagaDocument::stepsEdited);
    QSignalSpy reset(&document, &SagaDocument::documentReset);
    QSignalSpy diagnostics(&document, &SagaDocument::diagnosticsChanged);
    const auto checkLast = [&](const QString &id, bool move) {
        const StepChanges changes = edited.last().first().value<StepChanges>();
        QCOMPARE(changes.touched(), QStringList{id});
        QCOMPARE(move ? changes.moved : changes.updated, QStringList{id});
    };
    for (int i = 0; i < 100; ++i) {
        const QString id = QStringLiteral("s%1").arg((i * 37) % 1000);
        document.moveSteps({{id, QPointF(i, i)}});
        checkLast(id, true);
    }
    QCOMPARE(diagnostics.count(), 0); // the validator does not look at positions
    for (int i = 0; i < 100; ++i) {
        const QString id = QStringLiteral("s%1").arg((i * 37) % 1000);
        document.setStepLabel(id, QStringLiteral("L%1").arg(i));
        checkLast(id, false);
    }
    QCOMPARE(document.undoStack()->count(), 200);
    for (int i = 0; i < document.undoStack()->count(); ++i) {
        const auto *command = static_cast<const DefinitionCommand *>(document.undoStack()->command(i));
        QCOMPARE(command->diff().before.size(), 1);
        QCOMPARE(command->diff().after.size(), 1);
        QVERIFY(!command->diff().headerChanged);
    }
    QCOMPARE(edited.count(), 200);
    while (document.undoStack()->canUndo()) {
        document.undoStack()->undo();
        QCOMPARE(edited.last().first().value<StepChanges>().touched().size(), 1);
    }
    QCOMPARE(bytes(document), original);
    const QByteArray edits = [&] {
        document.undoStack()->setIndex(200); // and redo it all
        return bytes(document);
    }();
    QCOMPARE(edited.count(), 600);
    QCOMPARE(reset.count(), 0);
    QVERIFY(edits != original);
    QCOMPARE(document.definition().step(QStringLiteral("s37"))->label, QStringLiteral("L1"));
    QCOMPARE(document.definition().step(QStringLiteral("s37"))->position, std::optional<QPointF>(QPointF(1, 1)));
}

QTEST_GUILESS_MAIN(TestSagaDocument)
#include "tst_sagadocument.moc"
