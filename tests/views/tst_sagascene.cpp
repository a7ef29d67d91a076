// SPDX-License-Identifier: MIT
// SagaScene mirrors its SagaDocument: every step has a card and every dependency an arrow,
// after each edit and after each undo and redo; unplaced files are laid out on open as one
// command; diagnostics show as badges; the pivot gets its "point of no return" marker.

#include "autolayout.h"
#include "dependencyitem.h"
#include "autolayout.h"
#include "graphvizlayout.h"
#include "orderlayout.h"
#include "pivotmarkeritem.h"
#include "sagadocument.h"
#include "sagafile.h"
#include "sagascene.h"
#include "stepitem.h"
#include "swimlaneitem.h"

#include "testconfig.h"

#include <QGraphicsView>
#include <QSet>
#include <QSignalSpy>
#include <QDir>
#include <QTest>
#include <QRandomGenerator>
#include <QUndoStack>

using namespace Sagascope;

namespace {

QString dataFile(const char *name)
{
    return QStringLiteral(SAGASCOPE_SOURCE_DIR "/tests/views/data/") + QLatin1String(name);
}

Step makeStep(const QString &id, StepKind kind, const QStringList &after, QPointF position)
{
    Step step;
    step.id = id;
    step.label = QStringLiteral("Label of ") + id;
    step.service = QStringLiteral("svc");
    step.kind = kind;
    step.after = after;
    step.action.name = id + QStringLiteral("Action");
    if (kind == StepKind::Compensatable)
        step.compensation = Operation{id + QStringLiteral("Undo"), std::nullopt, {}, std::nullopt, {}};
    step.position = position;
    return step;
}

/** Every step has exactly one card showing it at its position, every resolvable `after` edge
 *  exactly one arrow, and nothing else. */
void verifyMirror(const SagaScene &scene, const SagaDocument &document)
{
    const SagaDefinition &definition = document.definition();
    QSet<StepId> ids;
    int edges = 0;
    for (const Step &step : definition.steps)
        ids.insert(step.id);
    for (const Step &step : definition.steps) {
        const StepItem *item = scene.stepItem(step.id);
        QVERIFY2(item, qPrintable(QStringLiteral("no card for ") + step.id));
        QCOMPARE(item->step(), step);
        QVERIFY(step.position.has_value());
        QCOMPARE(item->pos(), *step.position);
        QSet<StepId> seen;
        for (const StepId &after : step.after) {
            if (!ids.contains(after) || seen.contains(after))
                continue;
            seen.insert(after);
            ++edges;
            const DependencyItem *arrow = scene.dependencyItem(step.id, after);
            QVERIFY2(arrow, qPrintable(QStringLiteral("no arrow %1 -> %2").arg(after, step.id)));
            QCOMPARE(arrow->step(), step.id);
            QCOMPARE(arrow->after(), after);
            QVERIFY(!arrow->path().isEmpty());
        }
    }
    QCOMPARE(scene.stepItemCount(), int(ids.size()));
    QCOMPARE(scene.dependencyItemCount(), edges);
    // The scene holds nothing else than these items and the pivot markers.
    int pivots = 0;
    for (const Step &step : definition.steps)
        pivots += step.kind == StepKind::Pivot ? 1 : 0;
    QCOMPARE(int(scene.pivotMarkers().size()), pivots);
    QCOMPARE(int(scene.items().size()),
             scene.stepItemCount() + scene.dependencyItemCount() + pivots + int(scene.swimlanes().size()));
}

} // namespace

class TestSagaScene : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void mirrorsEditsUndoAndRedo()
    {
        SagaDocument document;
        LoadError error;
        QVERIFY2(document.load(dataFile("placed.saga"), &error), qPrintable(error.toString()));
        SagaScene scene(&document);
        QCOMPARE(document.undoStack()->count(), 0); // every step had a position: nothing laid out
        verifyMirror(scene, document);

        QList<SagaDefinition> states{document.definition()};
        auto edit = [&](const std::function<void()> &change) {
            change();
            states.append(document.definition());
            verifyMirror(scene, document);
        };
        edit([&] { document.addStep(makeStep(QStringLiteral("d"), StepKind::Retriable, {QStringLiteral("c")}, {1050, 100})); });
        if (QTest::currentTestFailed()) return;
        edit([&] { document.addDependency(QStringLiteral("d"), QStringLiteral("b")); });
        if (QTest::currentTestFailed()) return;
        edit([&] { document.setStepKind(QStringLiteral("a"), StepKind::Pivot); });
        if (QTest::currentTestFailed()) return;
        edit([&] { document.moveSteps({{QStringLiteral("a"), QPointF(120, 300)}, {QStringLiteral("b"), QPointF(420, 320)}}); });
        if (QTest::currentTestFailed()) return;
        edit([&] { document.renameStep(QStringLiteral("b"), QStringLiteral("bee")); });
        if (QTest::currentTestFailed()) return;
        QVERIFY(!scene.stepItem(QStringLiteral("b")));
        QVERIFY(scene.dependencyItem(QStringLiteral("c"), QStringLiteral("bee")));
        edit([&] { document.removeDependency(QStringLiteral("d"), QStringLiteral("c")); });
        if (QTest::currentTestFailed()) return;
        QVERIFY(!scene.dependencyItem(QStringLiteral("d"), QStringLiteral("c")));
        edit([&] { document.setStepLabel(QStringLiteral("c"), QStringLiteral("Renamed <label>")); });
        if (QTest::currentTestFailed()) return;
        QCOMPARE(scene.stepItem(QStringLiteral("c"))->step().label, QStringLiteral("Renamed <label>"));
        edit([&] { document.removeSteps({QStringLiteral("bee")}); });
        if (QTest::currentTestFailed()) return;
        QVERIFY(!scene.stepItem(QStringLiteral("bee")));
        QCOMPARE(scene.dependencyItemCount(), 0);

        // Undo everything, one command at a time: the scene follows each state back.
        for (int i = int(states.size()) - 2; i >= 0; --i) {
            document.undoStack()->undo();
            QCOMPARE(document.definition(), states.at(i));
            verifyMirror(scene, document);
            if (QTest::currentTestFailed())
                return;
        }
        for (int i = 1; i < states.size(); ++i) {
            document.undoStack()->redo();
            QCOMPARE(document.definition(), states.at(i));
            verifyMirror(scene, document);
            if (QTest::currentTestFailed())
                return;
        }
    }

    void randomEditsOnABigSagaAreMirrored()
    {
        // Big enough that single edits take the incremental path (only the touched cards and
        // their arrows are visited): random edits, then undo and redo all, mirrored each time.
        SagaDefinition saga;
        saga.name = QStringLiteral("random");
        saga.services = {{QStringLiteral("svc"), QStringLiteral("Service"), {}, {}}};
        for (int i = 0; i < 40; ++i) {
            QStringList after;
            if (i > 0)
                after.append(QStringLiteral("s%1").arg(i - 1));
            if (i > 3 && i % 3 == 0)
                after.append(QStringLiteral("s%1").arg(i - 3));
            saga.steps.append(makeStep(QStringLiteral("s%1").arg(i), i < 20 ? StepKind::Compensatable : StepKind::Retriable,
                                       after, QPointF(100 + i * 300, 100 + (i % 3) * 200)));
        }
        saga.steps[19].kind = StepKind::Pivot;
        saga.steps[19].compensation.reset();
        // An `after` naming a step that does not exist yet: its arrow appears once it is added.
        saga.steps[5].after.append(QStringLiteral("ghost"));
        SagaDocument document;
        document.reset(saga);
        SagaScene scene(&document);
        verifyMirror(scene, document);
        QVERIFY(!scene.dependencyItem(QStringLiteral("s5"), QStringLiteral("ghost")));
        document.addStep(makeStep(QStringLiteral("ghost"), StepKind::Compensatable, {}, QPointF(50, 900)));
        QVERIFY(scene.dependencyItem(QStringLiteral("s5"), QStringLiteral("ghost")));
        verifyMirror(scene, document);

        QRandomGenerator random(4242);
        QList<SagaDefinition> states{document.definition()};
        int added = 0;
        for (int round = 0; round < 120; ++round) {
            const QList<Step> &steps = document.definition().steps;
            const StepId a = steps.at(int(random.bounded(int(steps.size())))).id;
            const StepId b = steps.at(int(random.bounded(int(steps.size())))).id;
            const int before = document.undoStack()->count();
            switch (random.bounded(8)) {
            case 0:
                document.addStep(makeStep(QStringLiteral("n%1").arg(added++), StepKind::Compensatable, {a},
                                          QPointF(random.bounded(5000), random.bounded(900))));
                break;
            case 1:
                if (steps.size() > 10)
                    document.removeSteps({a});
                break;
            case 2: document.addDependency(a, b); break;
            case 3:
                if (!document.definition().step(a)->after.isEmpty())
                    document.removeDependency(a, document.definition().step(a)->after.first());
                break;
            case 4: document.renameStep(a, a + QStringLiteral("_r")); break;
            case 5: document.setStepKind(a, StepKind(random.bounded(3))); break;
            case 6: document.moveSteps({{a, QPointF(random.bounded(5000), random.bounded(900))}}); break;
            case 7: document.setStepLabel(a, QStringLiteral("label %1").arg(round)); break;
            }
            if (document.undoStack()->count() != before)
                states.append(document.definition());
            verifyMirror(scene, document);
            if (QTest::currentTestFailed())
                QFAIL(qPrintable(QStringLiteral("after round %1").arg(round)));
        }
        QVERIFY(states.size() > 60);
        for (int i = int(states.size()) - 2; i >= 0; --i) {
            document.undoStack()->undo();
            QCOMPARE(document.definition(), states.at(i));
            verifyMirror(scene, document);
            if (QTest::currentTestFailed())
                QFAIL(qPrintable(QStringLiteral("undo to state %1").arg(i)));
        }
        for (int i = 1; i < states.size(); ++i) {
            document.undoStack()->redo();
            verifyMirror(scene, document);
            if (QTest::currentTestFailed())
                QFAIL(qPrintable(QStringLiteral("redo to state %1").arg(i)));
        }
    }

    void itemsAreKeptAcrossEdits()
    {
        // An edit of one step updates that card in place; the others are not recreated.
        SagaDocument document;
        LoadError error;
        QVERIFY(document.load(dataFile("placed.saga"), &error));
        SagaScene scene(&document);
        StepItem *a = scene.stepItem(QStringLiteral("a"));
        StepItem *c = scene.stepItem(QStringLiteral("c"));
        DependencyItem *ab = scene.dependencyItem(QStringLiteral("b"), QStringLiteral("a"));
        document.setStepLabel(QStringLiteral("a"), QStringLiteral("New label"));
        QCOMPARE(scene.stepItem(QStringLiteral("a")), a);
        QCOMPARE(scene.stepItem(QStringLiteral("c")), c);
        QCOMPARE(scene.dependencyItem(QStringLiteral("b"), QStringLiteral("a")), ab);
        QCOMPARE(a->step().label, QStringLiteral("New label"));
    }

    void eventsAreArrowsToo()
    {
        // A step that waits `on` an event depends on the step that emits it (SPEC section 5):
        // the canvas draws that arrow, apart from `after`'s, and follows event edits.
        SagaDocument document;
        LoadError error;
        QVERIFY(document.load(QStringLiteral(SAGASCOPE_EXAMPLES_DIR "/order-choreography.saga"), &error));
        SagaScene scene(&document);
        const QString order = QStringLiteral("create_order"), ticket = QStringLiteral("create_ticket"),
                      card = QStringLiteral("authorize_card"), approve = QStringLiteral("approve_order");
        DependencyItem *arrow = scene.dependencyItem(ticket, order);
        QVERIFY(arrow);
        QVERIFY(arrow->isByEvent());
        QVERIFY(!(arrow->flags() & QGraphicsItem::ItemIsSelectable)); // the choreography view edits events
        QVERIFY2(arrow->toolTip().contains(QLatin1String("OrderCreated")), qPrintable(arrow->toolTip()));
        QVERIFY(scene.dependencyItem(card, QStringLiteral("verify_consumer")));
        QVERIFY(scene.dependencyItem(card, ticket)); // a join: one arrow per event
        QVERIFY(!scene.dependencyItem(approve, ticket)); // only success events are dependencies
        // An edit of events adds and removes arrows into steps it did not touch as such.
        QVERIFY(document.connectEvent(approve, QStringLiteral("approve_ticket")));
        QVERIFY(scene.dependencyItem(QStringLiteral("approve_ticket"), approve));
        document.undoStack()->undo();
        QVERIFY(!scene.dependencyItem(QStringLiteral("approve_ticket"), approve));
        QVERIFY(document.disconnectEvent(ticket, QStringLiteral("OrderCreated")));
        QVERIFY(!scene.dependencyItem(ticket, order));
        // Graphviz lays the events out as the order they make: left to right, the join after both.
        const LayoutInput in = AutoLayout::input(document.definition(), QFont());
        QVERIFY(in.edges.contains(LayoutEdge{QStringLiteral("verify_consumer"), card}));
        QVERIFY(in.edges.contains(LayoutEdge{ticket, card}));
        const LayoutResult laid = AutoLayout::run(document.definition(), QFont());
        QVERIFY(laid.centres.value(card).x() > laid.centres.value(ticket).x());
        QVERIFY(laid.centres.value(QStringLiteral("verify_consumer")).x() > laid.centres.value(order).x());
        // Back to an orchestration: the same order as `after` arrows, solid and selectable.
        QVERIFY(document.convertTo(SagaMode::Orchestration));
        DependencyItem *after = scene.dependencyItem(card, QStringLiteral("verify_consumer"));
        QVERIFY(after && !after->isByEvent() && (after->flags() & QGraphicsItem::ItemIsSelectable));
    }

    void unplacedFileIsLaidOutOnOpenAsOneCommand()
    {
        const LoadResult loaded = SagaFile::load(dataFile("fan-out.saga"));
        QVERIFY2(loaded.ok(), qPrintable(loaded.error.toString()));
        for (const Step &step : loaded.definition->steps)
            QVERIFY(!step.position);
        SagaDocument document;
        document.reset(*loaded.definition, dataFile("fan-out.saga"));
        SagaScene scene(&document);
        QCOMPARE(document.undoStack()->count(), 1);
        for (const Step &step : document.definition().steps)
            QVERIFY2(step.position, qPrintable(step.id));
        verifyMirror(scene, document);
        // No two cards overlap; every arrow goes left to right and follows the Graphviz route.
        const QList<StepItem *> items = scene.stepItems().values();
        for (int i = 0; i < items.size(); ++i) {
            for (int j = i + 1; j < items.size(); ++j) {
                QVERIFY(!items[i]->mapRectToScene(items[i]->cardRect())
                             .intersects(items[j]->mapRectToScene(items[j]->cardRect())));
            }
        }
        for (const Step &step : document.definition().steps) {
            for (const StepId &after : step.after) {
                const DependencyItem *arrow = scene.dependencyItem(step.id, after);
                QVERIFY(arrow->followsRoute());
                QVERIFY(scene.stepItem(after)->pos().x() < scene.stepItem(step.id)->pos().x());
            }
        }
        // Undo takes the layout back out of the document, and the canvas follows.
        QHash<StepId, QPointF> shown;
        for (StepItem *item : scene.stepItems())
            shown.insert(item->stepId(), item->pos());
        document.undoStack()->undo();
        for (const Step &step : document.definition().steps)
            QVERIFY(!step.position);
        QCOMPARE(scene.stepItemCount(), 5);
        // ... without laying it out again behind the user's back (redo stays possible), the
        // cards staying where they were.
        QTest::qWait(20);
        QCOMPARE(document.undoStack()->count(), 1);
        QVERIFY(document.undoStack()->canRedo());
        for (StepItem *item : scene.stepItems())
            QCOMPARE(item->pos(), shown.value(item->stepId()));
    }

    void autoLayoutIsOneUndoableCommand()
    {
        SagaDocument document;
        LoadError error;
        QVERIFY(document.load(dataFile("placed.saga"), &error));
        SagaScene scene(&document);
        const SagaDefinition before = document.definition();
        QString why;
        QVERIFY2(scene.autoLayout(&why), qPrintable(why));
        QCOMPARE(document.undoStack()->count(), 1);
        QVERIFY(document.definition() != before);
        verifyMirror(scene, document);
        QVERIFY(scene.dependencyItem(QStringLiteral("b"), QStringLiteral("a"))->followsRoute());
        // A card moved away from its layout place drops the route for a computed curve.
        document.moveSteps({{QStringLiteral("b"), scene.stepItem(QStringLiteral("b"))->pos() + QPointF(0, 200)}});
        QVERIFY(!scene.dependencyItem(QStringLiteral("b"), QStringLiteral("a"))->followsRoute());
        document.undoStack()->undo();
        QVERIFY(scene.dependencyItem(QStringLiteral("b"), QStringLiteral("a"))->followsRoute());
        document.undoStack()->undo();
        QCOMPARE(document.definition(), before);
        verifyMirror(scene, document);
    }

    void stepsAddedWithoutPositionArePlacedBesideTheirPredecessor()
    {
        SagaDocument document;
        LoadError error;
        QVERIFY(document.load(dataFile("placed.saga"), &error));
        SagaScene scene(&document);
        Step step = makeStep(QStringLiteral("late"), StepKind::Retriable, {QStringLiteral("c")}, {});
        step.position.reset();
        document.addStep(step);
        QTRY_VERIFY(document.definition().step(QStringLiteral("late"))->position.has_value());
        const QPointF late = *document.definition().step(QStringLiteral("late"))->position;
        const QPointF c = *document.definition().step(QStringLiteral("c"))->position;
        QVERIFY(late.x() > c.x());
        // Manual positions were kept.
        QCOMPARE(*document.definition().step(QStringLiteral("a"))->position, QPointF(150, 100));
        verifyMirror(scene, document);
    }

    void diagnosticsBecomeBadges()
    {
        SagaDocument document;
        LoadError error;
        QVERIFY(document.load(dataFile("placed.saga"), &error));
        SagaScene scene(&document);
        QCOMPARE(scene.stepItem(QStringLiteral("a"))->errorCount(), 0);
        // A compensatable step without compensation is an error (SAGA002) on that step.
        Step a = document.definition().steps.at(0);
        a.compensation.reset();
        document.setStep(QStringLiteral("a"), a);
        QVERIFY(scene.stepItem(QStringLiteral("a"))->errorCount() > 0);
        QCOMPARE(scene.stepItem(QStringLiteral("c"))->errorCount(), 0);
        document.undoStack()->undo();
        QCOMPARE(scene.stepItem(QStringLiteral("a"))->errorCount(), 0);
        // A retriable step that is not idempotent: a warning (SAGA006) on it.
        document.setStep(QStringLiteral("c"), [&] {
            Step c = *document.definition().step(QStringLiteral("c"));
            c.idempotent = false;
            return c;
        }());
        QVERIFY(scene.stepItem(QStringLiteral("c"))->warningCount() > 0);
        // A cycle draws its arrows as errors.
        document.addDependency(QStringLiteral("a"), QStringLiteral("c"));
        QVERIFY(scene.stepItem(QStringLiteral("a"))->errorCount() > 0);
    }

    void pivotMarkerSitsBetweenThePivotAndWhatFollows()
    {
        SagaDocument document;
        LoadError error;
        QVERIFY(document.load(dataFile("placed.saga"), &error));
        SagaScene scene(&document);
        QCOMPARE(scene.pivotMarkers().size(), 1);
        const PivotMarkerItem *marker = scene.pivotMarkers().value(QStringLiteral("b"));
        QVERIFY(marker);
        QCOMPARE(marker->orientation(), Qt::Vertical);
        const StepItem *pivot = scene.stepItem(QStringLiteral("b"));
        const StepItem *next = scene.stepItem(QStringLiteral("c"));
        QVERIFY(marker->coordinate() > pivot->mapRectToScene(pivot->cardRect()).right());
        QVERIFY(marker->coordinate() < next->mapRectToScene(next->cardRect()).left());
        // Turning the pivot into a compensatable step removes the marker.
        document.setStepKind(QStringLiteral("b"), StepKind::Compensatable);
        QVERIFY(scene.pivotMarkers().isEmpty());
        document.undoStack()->undo();
        QCOMPARE(scene.pivotMarkers().size(), 1);
    }

    void backgroundLayoutIsOneCommandAndGlides()
    {
        SagaDocument document;
        LoadError error;
        QVERIFY(document.load(dataFile("placed.saga"), &error));
        SagaScene scene(&document);
        QGraphicsView view(&scene); // cards glide only when someone watches
        // The same layout computed synchronously, for comparison.
        const QHash<StepId, QPointF> expected =
            AutoLayout::positions(AutoLayout::run(document.definition(), scene.font(), scene.layoutOptions()));
        QSignalSpy finished(&scene, &SagaScene::layoutFinished);
        scene.startAutoLayout();
        QVERIFY(scene.isLayoutRunning());
        QVERIFY(finished.wait(10000));
        QCOMPARE(finished.first().first().toBool(), true);
        QCOMPARE(document.undoStack()->count(), 1);
        QVERIFY2(scene.stepItem(QStringLiteral("c"))->pos() != expected.value(QStringLiteral("c")),
                 "the card jumped instead of gliding");
        for (const Step &step : document.definition().steps)
            QCOMPARE(*step.position, expected.value(step.id));
        // The cards glide there, then rest exactly where the document says.
        QTRY_VERIFY_WITH_TIMEOUT(scene.stepItem(QStringLiteral("c"))->pos() == expected.value(QStringLiteral("c")), 3000);
        QTest::qWait(350);
        verifyMirror(scene, document);
    }

    void quickFixMovesGlide()
    {
        SagaDocument document;
        LoadError error;
        QVERIFY(document.load(dataFile("placed.saga"), &error));
        SagaScene scene(&document);
        QGraphicsView view(&scene); // cards glide only when someone watches
        scene.animateNextChange();
        document.moveSteps({{QStringLiteral("c"), QPointF(750, 400)}});
        // The document moved at once; the card starts where it was and glides there.
        QCOMPARE(*document.definition().step(QStringLiteral("c"))->position, QPointF(750, 400));
        QCOMPARE(scene.stepItem(QStringLiteral("c"))->pos(), QPointF(750, 100));
        QTRY_COMPARE(scene.stepItem(QStringLiteral("c"))->pos(), QPointF(750, 400));
        // Only the next change is animated.
        document.moveSteps({{QStringLiteral("c"), QPointF(750, 100)}});
        QCOMPARE(scene.stepItem(QStringLiteral("c"))->pos(), QPointF(750, 100));
    }

    void orderChangingFixGlidesTheCardsAndKeepsTheBandClear_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<int>("direction");
        QTest::newRow("points-too-early, left to right") << QStringLiteral("points-too-early.saga")
                                                         << int(LayoutDirection::LeftToRight);
        QTest::newRow("points-too-early, top to bottom") << QStringLiteral("points-too-early.saga")
                                                         << int(LayoutDirection::TopToBottom);
    }

    void orderChangingFixGlidesTheCardsAndKeepsTheBandClear()
    {
        // Seen: after the SAGA005 fix (moveAfter award_points take_payment) the cards stayed
        // where they were, so the picture still read reserve -> award -> pay and the band sat
        // before the pivot. Every arrow must point forward and no card may meet a band.
        QFETCH(QString, file);
        QFETCH(int, direction);
        SagaDocument document;
        LoadError error;
        QVERIFY(document.load(QStringLiteral(SAGASCOPE_EXAMPLES_DIR "/") + file, &error));
        SagaScene scene(&document);
        AutoLayoutOptions options = scene.layoutOptions();
        options.direction = LayoutDirection(direction);
        scene.setLayoutOptions(options);
        QVERIFY(scene.autoLayout());
        QGraphicsView view(&scene); // cards glide only when someone watches
        const auto fix = std::find_if(document.diagnostics().cbegin(), document.diagnostics().cend(),
                                      [](const Diagnostic &d) { return d.rule == QLatin1String("SAGA005"); });
        QVERIFY(fix != document.diagnostics().cend());
        const int commands = document.undoStack()->count();
        QSignalSpy glided(&scene, &SagaScene::glideFinished);
        QVERIFY(document.applyFix(*fix));
        QCOMPARE(document.undoStack()->count(), commands + 1); // the new places are part of the fix
        QVERIFY2(scene.isGliding(), "the cards jumped (or stayed) instead of gliding");
        QVERIFY(glided.wait(3000));
        QTest::qWait(0); // the bands follow the last move on the next turn of the event loop
        QCoreApplication::processEvents();
        verifyMirror(scene, document);

        const bool lr = LayoutDirection(direction) == LayoutDirection::LeftToRight;
        const auto card = [&scene](const StepId &id) {
            const StepItem *item = scene.stepItem(id);
            return item->mapRectToScene(item->cardRect());
        };
        for (const Step &step : document.definition().steps) {
            for (const StepId &after : step.after) {
                const QRectF from = card(after), to = card(step.id);
                QVERIFY2(lr ? to.left() > from.right() : to.top() > from.bottom(),
                         qPrintable(QStringLiteral("the arrow %1 -> %2 points backwards").arg(after, step.id)));
            }
        }
        QCOMPARE(scene.pivotMarkers().size(), 1);
        for (const PivotMarkerItem *marker : scene.pivotMarkers()) {
            QCOMPARE(marker->orientation(), lr ? Qt::Vertical : Qt::Horizontal);
            const QRectF pivot = card(marker->pivot());
            QVERIFY2(lr ? marker->coordinate() > pivot.right() : marker->coordinate() > pivot.bottom(),
                     "the band is drawn before the pivot");
            for (const StepItem *item : scene.stepItems()) {
                const QRectF r = item->mapRectToScene(item->cardRect());
                const bool acrossFlow = lr ? r.left() < marker->coordinate() + 7 && r.right() > marker->coordinate() - 7
                                           : r.top() < marker->coordinate() + 7 && r.bottom() > marker->coordinate() - 7;
                const QRectF spanRect = lr ? QRectF(r.left(), marker->spanStart(), r.width(), marker->spanEnd() - marker->spanStart())
                                           : QRectF(marker->spanStart(), r.top(), marker->spanEnd() - marker->spanStart(), r.height());
                QVERIFY2(!(acrossFlow && spanRect.intersects(r)),
                         qPrintable(QStringLiteral("the band crosses the card of %1").arg(item->step().id)));
                // Seen: the monitor's "paused" tab over the topmost card covered the band's labels.
                const QRectF labels = marker->labelsRect();
                const QRectF withMarks = r.adjusted(0, -OrderLayout::MarkRoomAboveCards, 0, 0);
                QVERIFY2(!lr || !labels.intersects(withMarks),
                         qPrintable(QStringLiteral("the band's labels leave no room above the card of %1").arg(item->step().id)));
            }
        }
        // Undo puts the cards back with the order.
        document.undoStack()->undo();
        QTRY_VERIFY(!scene.isGliding());
        verifyMirror(scene, document);
    }

    void autoLayoutLeavesRoomForTheRunMarksBelowEachCard()
    {
        // Seen: in a left-to-right layout the monitor's heat bar under each parallel card was
        // hidden under the card below it. Every example, both directions: the next card down
        // starts at least 53 px (the run's pill and the heat bar with one line of words) below.
        const QStringList files = QDir(QStringLiteral(SAGASCOPE_EXAMPLES_DIR)).entryList({QStringLiteral("*.saga")});
        QVERIFY(files.size() >= 5);
        for (const QString &file : files) {
            const LoadResult loaded = SagaFile::load(QStringLiteral(SAGASCOPE_EXAMPLES_DIR "/") + file);
            QVERIFY2(loaded.ok(), qPrintable(file));
            for (const LayoutDirection direction : {LayoutDirection::LeftToRight, LayoutDirection::TopToBottom}) {
                AutoLayoutOptions options;
                options.direction = direction;
                const LayoutInput input = AutoLayout::input(*loaded.definition, QFont(), options);
                const LayoutResult result = GraphvizLayout::layout(input);
                const auto box = [&](const LayoutNode &node) {
                    const QPointF c = result.centres.value(node.id);
                    return QRectF(c - QPointF(node.size.width() / 2, node.size.height() / 2), node.size);
                };
                for (const LayoutNode &a : input.nodes) {
                    const QRectF upper = box(a);
                    for (const LayoutNode &b : input.nodes) {
                        const QRectF lower = box(b);
                        if (a.id == b.id || lower.top() < upper.bottom() - 1 || lower.left() >= upper.right()
                            || lower.right() <= upper.left())
                            continue;
                        QVERIFY2(lower.top() - upper.bottom() >= 53,
                                 qPrintable(QStringLiteral("%1: %2 is %3 px under %4")
                                                .arg(file, b.id).arg(lower.top() - upper.bottom()).arg(a.id)));
                    }
                }
            }
        }
    }

    void cardsShowTheirSimulatedFailureRates()
    {
        Step step = makeStep(QStringLiteral("a"), StepKind::Compensatable, {}, QPointF(0, 0));
        QCOMPARE(StepItem::failureRateText(step), QString());
        step.action.sim = SimSpec{};
        step.action.sim->technicalFailure = 0.1;
        step.action.sim->businessFailure = 0.05;
        QCOMPARE(StepItem::failureRateText(step), QStringLiteral("fails 10% technical \u00b7 5% business"));
        // The card is wide enough for it.
        const QSizeF with = StepItem::cardSize(step, QFont());
        step.action.sim.reset();
        QVERIFY(with.width() >= StepItem::cardSize(step, QFont()).width());
    }

    void glideFinishedSaysTheCardsRest()
    {
        SagaDocument document;
        LoadError error;
        QVERIFY(document.load(dataFile("placed.saga"), &error));
        SagaScene scene(&document);
        QGraphicsView view(&scene);
        QSignalSpy finished(&scene, &SagaScene::glideFinished);
        scene.animateNextChange();
        document.moveSteps({{QStringLiteral("c"), QPointF(750, 400)}});
        QVERIFY(scene.isGliding());
        QCOMPARE(finished.count(), 0);
        QVERIFY(finished.wait(2000));
        QCOMPARE(finished.count(), 1);
        QVERIFY(!scene.isGliding());
        QCOMPARE(scene.stepItem(QStringLiteral("c"))->pos(), QPointF(750, 400)); // no polling needed
        // A glide cut short by the next change also says so, with the cards where they belong.
        scene.animateNextChange();
        document.moveSteps({{QStringLiteral("c"), QPointF(750, 100)}});
        QVERIFY(scene.isGliding());
        document.moveSteps({{QStringLiteral("a"), QPointF(5, 5)}});
        QCOMPARE(finished.count(), 2);
        QVERIFY(!scene.isGliding());
        QCOMPARE(scene.stepItem(QStringLiteral("c"))->pos(), QPointF(750, 100));
    }

    void syncedFollowsEveryChangeAndSelectionFollowsARename()
    {
        SagaDocument document;
        LoadError error;
        QVERIFY(document.load(dataFile("placed.saga"), &error));
        SagaScene scene(&document);
        QSignalSpy synced(&scene, &SagaScene::synced);
        // Whoever listens to synced() finds the cards in line with the document, whichever
        // connected to the document first.
        int mirrored = 0;
        connect(&scene, &SagaScene::synced, this, [&] {
            QVERIFY(!scene.isSyncing());
            verifyMirror(scene, document);
            ++mirrored;
        });
        const StepId b = QStringLiteral("b");
        scene.selectSteps({b});
        document.setStepLabel(b, QStringLiteral("Bee"));
        QCOMPARE(synced.count(), 1);
        // A rename makes a new card; the selection moves to it, inside the sync.
        QSignalSpy selection(&scene, &QGraphicsScene::selectionChanged);
        bool syncingWhenSelected = true;
        connect(&scene, &QGraphicsScene::selectionChanged, this, [&] { syncingWhenSelected &= scene.isSyncing(); });
        document.renameStep(b, QStringLiteral("bee"));
        QCOMPARE(synced.count(), 2);
        QCOMPARE(scene.selectedStepIds(), QStringList{QStringLiteral("bee")});
        QVERIFY(selection.count() > 0);
        QVERIFY(syncingWhenSelected);
        document.undoStack()->undo();
        QCOMPARE(scene.selectedStepIds(), QStringList{b});
        document.reset(document.definition());
        QCOMPARE(synced.count(), 4);
        QCOMPARE(mirrored, 4);
    }

    void clipboardPastesThroughTheDocument()
    {
        SagaDocument document;
        LoadError error;
        QVERIFY(document.load(dataFile("placed.saga"), &error));
        SagaScene scene(&document);
        scene.selectSteps({QStringLiteral("b"), QStringLiteral("c")});
        QVERIFY(scene.clipboard().duplicateSelection());
        QCOMPARE(document.undoStack()->count(), 1);
        QCOMPARE(scene.selectedStepIds(), (QStringList{QStringLiteral("b_2"), QStringLiteral("c_2")}));
        verifyMirror(scene, document);
        // Delete of steps and an arrow together: one command, through the document.
        scene.selectSteps({QStringLiteral("b_2")});
        const StepItem *c2 = scene.stepItem(QStringLiteral("c_2"));
        QVERIFY(c2);
        const QStringList after = document.definition().step(QStringLiteral("c_2"))->after;
        QVERIFY(!after.isEmpty());
        scene.deleteSelection();
        QCOMPARE(document.undoStack()->count(), 2);
        QVERIFY(!document.definition().step(QStringLiteral("b_2")));
        verifyMirror(scene, document);
        document.undoStack()->undo();
        document.undoStack()->undo();
        QVERIFY(!document.definition().step(QStringLiteral("c_2")));
        verifyMirror(scene, document);
    }

    void bigUnplacedSagaIsLaidOutInTheBackground()
    {
        SagaDefinition saga;
        saga.name = QStringLiteral("chain");
        for (int i = 0; i < SagaScene::AsyncLayoutThreshold + 10; ++i) {
            Step step = makeStep(QStringLiteral("s%1").arg(i), StepKind::Compensatable,
                                 i ? QStringList{QStringLiteral("s%1").arg(i - 1)} : QStringList{}, {});
            step.position.reset();
            saga.steps.append(step);
        }
        SagaDocument document;
        document.reset(saga);
        SagaScene scene(&document);
        // Shown at interim places at once, the Graphviz layout arriving later as one command.
        QVERIFY(scene.isLayoutRunning());
        QCOMPARE(scene.stepItemCount(), int(saga.steps.size()));
        QCOMPARE(document.undoStack()->count(), 0);
        QSignalSpy finished(&scene, &SagaScene::layoutFinished);
        QVERIFY(finished.wait(60000));
        QCOMPARE(document.undoStack()->count(), 1);
        QVERIFY(!AutoLayout::hasUnplacedSteps(document.definition()));
        verifyMirror(scene, document);
    }

    void sceneCanCloseWhileALayoutRuns()
    {
        SagaDocument document;
        LoadError error;
        QVERIFY(document.load(dataFile("fan-out.saga"), &error));
        {
            SagaScene scene(&document);
            scene.startAutoLayout();
            QVERIFY(scene.isLayoutRunning());
        } // waits for the worker; nothing is applied to the document afterwards
        const int commands = document.undoStack()->count();
        QTest::qWait(50);
        QCOMPARE(document.undoStack()->count(), commands);
    }

    void selfLoopIsDrawnAboveTheCard()
    {
        SagaDocument document;
        LoadError error;
        QVERIFY(document.load(dataFile("placed.saga"), &error));
        SagaScene scene(&document);
        document.addDependency(QStringLiteral("a"), QStringLiteral("a"));
        verifyMirror(scene, document);
        const DependencyItem *loop = scene.dependencyItem(QStringLiteral("a"), QStringLiteral("a"));
        QVERIFY(loop);
        const QRectF card = scene.stepItem(QStringLiteral("a"))->mapRectToScene(scene.stepItem(QStringLiteral("a"))->cardRect());
        QVERIFY(loop->path().boundingRect().top() < card.top() - 20);
        QVERIFY(scene.stepItem(QStringLiteral("a"))->errorCount() > 0); // SAGA001
    }

    void longLabelsWrapOntoASecondLine()
    {
        SagaDocument document;
        LoadError error;
        QVERIFY(document.load(dataFile("placed.saga"), &error));
        SagaScene scene(&document);
        StepItem *card = scene.stepItem(QStringLiteral("a"));
        QVERIFY(card);
        const QSizeF shortSize = card->cardRect().size();
        QCOMPARE(card->labelLines().size(), 1);

        // Too long for the widest card: two lines, every word shown, the card taller, not wider.
        const QString longer = QStringLiteral("Reserve the seats on the outbound and the return flight with the airline");
        document.setStepLabel(QStringLiteral("a"), longer);
        QCOMPARE(card->labelLines().size(), 2);
        QCOMPARE(card->labelLines().join(QLatin1Char(' ')), longer);
        QVERIFY(!card->labelLines().last().endsWith(QChar(0x2026)));
        QVERIFY(card->cardRect().width() <= 360);
        const qreal line = QFontMetricsF(card->labelFont()).height();
        QVERIFY(card->cardRect().height() >= shortSize.height() + line - 1);
        QCOMPARE(card->labelRect().height(), 2 * line);
        QCOMPARE(StepItem::cardSize(document.definition().steps.at(document.definition().indexOf(QStringLiteral("a"))),
                                    scene.font()),
                 card->cardRect().size()); // what the layout reserves is what is drawn

        // Longer than two lines: the second ends in an ellipsis; the tooltip has it all.
        document.setStepLabel(QStringLiteral("a"), longer + QLatin1Char(' ') + longer + QLatin1Char(' ') + longer);
        QCOMPARE(card->labelLines().size(), 2);
        QVERIFY(card->labelLines().last().endsWith(QChar(0x2026)));
        QVERIFY(card->toolTip().contains(longer));

        // Short again: one line, the first size back.
        document.undoStack()->undo();
        document.undoStack()->undo();
        QCOMPARE(card->labelLines().size(), 1);
        QCOMPARE(card->cardRect().size(), shortSize);
    }

    void swimlanesFollowTheirCards()
    {
        SagaDocument document;
        LoadError error;
        QVERIFY(document.load(dataFile("fan-out.saga"), &error));
        SagaScene scene(&document);
        QVERIFY(scene.swimlanes().isEmpty());
        scene.setSwimlanesVisible(true);
        QCOMPARE(scene.swimlanes().size(), 4); // orders, stock, pay, mail
        QString why;
        QVERIFY2(scene.autoLayout(&why), qPrintable(why));
        verifyMirror(scene, document);
        // Each lane frames its service's cards, and after a clustered layout no two lanes overlap.
        for (SwimlaneItem *lane : scene.swimlanes()) {
            for (const Step &step : document.definition().steps) {
                const StepItem *item = scene.stepItem(step.id);
                const QRectF card = item->mapRectToScene(item->cardRect());
                QCOMPARE(lane->frame().contains(card), step.service == lane->serviceId());
            }
            for (SwimlaneItem *other : scene.swimlanes()) {
                if (other != lane)
                    QVERIFY2(!lane->frame().intersects(other->frame()),
                             qPrintable(lane->serviceId() + QStringLiteral(" overlaps ") + other->serviceId()));
            }
        }
        // Moving a card drags its lane along.
        document.moveSteps({{QStringLiteral("notify"), scene.stepItem(QStringLiteral("notify"))->pos() + QPointF(400, 0)}});
        const StepItem *notify = scene.stepItem(QStringLiteral("notify"));
        QVERIFY(scene.swimlanes().value(QStringLiteral("mail"))->frame().contains(notify->mapRectToScene(notify->cardRect())));
        scene.setSwimlanesVisible(false);
        QVERIFY(scene.swimlanes().isEmpty());
        verifyMirror(scene, document);
    }

    void resetReplacesEverything()
    {
        SagaDocument document;
        LoadError error;
        QVERIFY(document.load(dataFile("placed.saga"), &error));
        SagaScene scene(&document);
        QVERIFY(document.load(QStringLiteral(SAGASCOPE_EXAMPLES_DIR "/travel-booking.saga"), &error)
                || document.load(dataFile("fan-out.saga"), &error));
        // The new file has no positions: laid out on the next turn of the event loop.
        QTRY_VERIFY(!AutoLayout::hasUnplacedSteps(document.definition()));
        verifyMirror(scene, document);
        QVERIFY(!scene.stepItem(QStringLiteral("a")));
    }
};

QTEST_MAIN(TestSagaScene)
#include "tst_sagascene.moc"
