// SPDX-License-Identifier: MIT
// SagaDocument: every edit is one undoable command; undo/redo restore the saved bytes exactly.
#include "sagadocument.h"
#include "sagafile.h"
#include "validator.h"

#include <QElapsedTimer>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QTemporaryDir>
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
    void moveStepsMergesRepeatedMovesOfTheSameSet();
    void moveStepsBackToStartLeavesNoCommand();
    void dependencies();
    void services();
    void sagaInfo();
    void applyLayoutIsOneCommand();
    void applyEditsAndApplyDefinition();
    void noOpEditPushesNothing();
    void applyFixRemovesDiagnosticAndUndoBringsItBack();
    void applyFixRefusesUnknownStep();
    void signals();
    void stepsRenamedFollowsUndoAndRedo();
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
    // A compensatable step without a compensation is an error now (SAGA002).
    QVERIFY(hasDiagnostic(document, QStringLiteral("SAGA002"), QStringLiteral("ship")));
    document.undoStack()->undo();
    QCOMPARE(stepOf(document, QStringLiteral("ship"))->kind, StepKind::Retriable);
    QVERIFY(!hasDiagnostic(document, QStringLiteral("SAGA002"), QStringLiteral("ship")));
    QCOMPARE(stepOf(document, QStringLiteral("ship"))->label, QStringLiteral("Ship parcel"));
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
    QSignalSpy stepsChanged(&document, &SagaDocument::stepsChanged);
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
    QCOMPARE(diagnosticsChanged.count(), 1); // the empty saga's SAGA007 -> the fixture's findings
    QCOMPARE(filePath.count(), 1);
    QCOMPARE(filePath.first().first().toString(), QStringLiteral("/tmp/x.saga"));
    QCOMPARE(modified.count(), 0);

    document.setStepLabel(QStringLiteral("ship"), QStringLiteral("Ship it"));
    QCOMPARE(changed.count(), 2);
    QCOMPARE(stepsChanged.count(), 1);
    QCOMPARE(stepsChanged.last().first().toStringList(), QStringList{QStringLiteral("ship")});
    QCOMPARE(diagnosticsChanged.count(), 1); // a label changes no finding
    QCOMPARE(modified.count(), 1);
    QCOMPARE(modified.last().first().toBool(), true);

    document.renameStep(QStringLiteral("ship"), QStringLiteral("dispatch"));
    QCOMPARE(stepsChanged.last().first().toStringList(),
             (QStringList{QStringLiteral("ship"), QStringLiteral("dispatch")}));

    document.setStepKind(QStringLiteral("dispatch"), StepKind::Compensatable); // SAGA002 appears
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
    QSignalSpy stepsChanged(&document, &SagaDocument::stepsChanged);
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
    QCOMPARE(stepsChanged.count(), 3); // sent with stepsChanged, never instead of it

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
    QElapsedTimer timer;
    timer.start();
    for (int i = 0; i < 100; ++i)
        document.moveSteps({{QStringLiteral("s%1").arg((i * 37) % 1000), QPointF(i, i)}});
    const qint64 moves = timer.restart();
    for (int i = 0; i < 100; ++i)
        document.setStepLabel(QStringLiteral("s%1").arg((i * 37) % 1000), QStringLiteral("L%1").arg(i));
    const qint64 labels = timer.restart();
    QCOMPARE(document.undoStack()->count(), 200);
    while (document.undoStack()->canUndo())
        document.undoStack()->undo();
    const qint64 undos = timer.elapsed();
    QCOMPARE(bytes(document), original);
    qInfo("1000-step saga: 100 moves %lld ms, 100 label edits (re-validated) %lld ms, 200 undos %lld ms",
          moves, labels, undos);
}

QTEST_GUILESS_MAIN(TestSagaDocument)
#include "tst_sagadocument.moc"
