// SPDX-License-Identifier: MIT
// RunOverlay over a SagaScene, offscreen: cards show the RunState of the selected instance,
// repaint only when what they show changed, keep breakpoints and faults, get their overlay back
// after the document changes, tokens run forwards on success and backwards on compensation.
#include "monitortesthelpers.h"
#include "runoverlay.h"
#include "sagadocument.h"
#include "sagascene.h"
#include "stepitem.h"

#include <QGraphicsView>
#include <QSignalSpy>
#include <QFont>
#include <QFontMetricsF>
#include <QTest>
#include <QUndoStack>

using namespace Sagascope;
using namespace Sagascope::Test;

class TestRunOverlay : public QObject
{
    Q_OBJECT

private:
    static SagaDefinition placed(SagaDefinition definition)
    {
        qreal x = 0;
        for (Step &step : definition.steps) {
            step.position = QPointF(x, 0);
            x += 260;
        }
        return definition;
    }

    /** Mean absolute difference per channel (0..255) between two images of the same size. */
    static double meanDifference(const QImage &a, const QImage &b)
    {
        if (a.size() != b.size() || a.isNull())
            return 255;
        double sum = 0;
        for (int y = 0; y < a.height(); ++y)
            for (int x = 0; x < a.width(); ++x) {
                const QColor p = a.pixelColor(x, y), q = b.pixelColor(x, y);
                sum += std::abs(p.red() - q.red()) + std::abs(p.green() - q.green()) + std::abs(p.blue() - q.blue());
            }
        return sum / (3.0 * a.width() * a.height());
    }

private Q_SLOTS:
    void cardsShowTheSelectedInstance()
    {
        SagaDocument document;
        document.reset(placed(orderCheckout()));
        SagaScene scene(&document);
        RunOverlay overlay(&scene);
        const QList<TraceEvent> events = parseTrace(rollbackTrace());
        QVERIFY(!events.isEmpty());
        const QString id = events.first().instance;

        // Nothing shown before a run: no overlay items at all.
        QVERIFY(!overlay.display(QStringLiteral("create_order")).active);

        RunState state(document.definition());
        state.apply(events.mid(0, 4)); // create_order succeeded, reserve_stock running
        overlay.setRunState(&state, id);
        QCOMPARE(overlay.display(QStringLiteral("create_order")).phase, StepPhase::Succeeded);
        const StepRunDisplay running = overlay.display(QStringLiteral("reserve_stock"));
        QCOMPARE(running.phase, StepPhase::Running);
        QVERIFY2(running.text.contains(QStringLiteral("running")), qPrintable(running.text));
        QCOMPARE(overlay.display(QStringLiteral("take_payment")).phase, StepPhase::Pending);
        QCOMPARE(overlay.takeRepaintCount(), 5);

        // The same state again: nothing repaints.
        overlay.setRunState(&state, id);
        QCOMPARE(overlay.takeRepaintCount(), 0);

        // One more event touches one card only.
        state.apply(events.at(4));
        overlay.setRunState(&state, id);
        QCOMPARE(overlay.display(QStringLiteral("reserve_stock")).phase, StepPhase::Succeeded);
        QCOMPARE(overlay.takeRepaintCount(), 1);

        // The end: what the trace says.
        state.apply(events.mid(5));
        overlay.setRunState(&state, id);
        QCOMPARE(overlay.display(QStringLiteral("create_order")).phase, StepPhase::Compensated);
        QCOMPARE(overlay.display(QStringLiteral("reserve_stock")).phase, StepPhase::Compensated);
        const StepRunDisplay pay = overlay.display(QStringLiteral("take_payment"));
        QCOMPARE(pay.phase, StepPhase::FailedBusiness);
        QCOMPARE(pay.toolTip, QStringLiteral("injected business failure"));
        QCOMPARE(overlay.display(QStringLiteral("ship_order")).phase, StepPhase::Pending);

        // Another instance id: nothing of this one is shown.
        overlay.setRunState(&state, QStringLiteral("someone-else"));
        QVERIFY(!overlay.display(QStringLiteral("create_order")).active);
        overlay.clearRunState();
        QVERIFY(!overlay.display(QStringLiteral("take_payment")).active);
        QCOMPARE(document.undoStack()->count(), 0); // run state never enters undo
    }

    void retryingAndStuckAreExplained()
    {
        SagaDocument document;
        document.reset(placed(orderCheckout()));
        SagaScene scene(&document);
        RunOverlay overlay(&scene);

        const QList<TraceEvent> retry = parseTrace(retryTrace());
        RunState state(document.definition());
        state.apply(retry.mid(0, 10)); // ship_order: attempt 1 failed, retry scheduled
        overlay.setRunState(&state, QStringLiteral("b2"));
        const StepRunDisplay ship = overlay.display(QStringLiteral("ship_order"));
        QCOMPARE(ship.phase, StepPhase::Retrying);
        QVERIFY2(ship.text.contains(QStringLiteral("attempt 1 of ∞")), qPrintable(ship.text));
        QVERIFY2(ship.text.contains(QStringLiteral("retry in 556 ms")), qPrintable(ship.text));
        QVERIFY(overlay.display(QStringLiteral("take_payment")).pivotCommitted);
        // Between two events the countdown follows the run's clock, never before the last event.
        overlay.setRunClock(500);
        QVERIFY2(overlay.display(QStringLiteral("ship_order")).text.contains(QStringLiteral("retry in 343 ms")),
                 qPrintable(overlay.display(QStringLiteral("ship_order")).text));
        overlay.setRunClock(100);
        QVERIFY(overlay.display(QStringLiteral("ship_order")).text.contains(QStringLiteral("retry in 556 ms")));
        overlay.setRunClock(5000);
        QVERIFY(overlay.display(QStringLiteral("ship_order")).text.contains(QStringLiteral("retry in 0 ms")));
        QCOMPARE(overlay.display(QStringLiteral("ship_order")).phase, StepPhase::Retrying); // the phase is the state's
        overlay.setRunClock(-1);

        const QList<TraceEvent> stuck = parseTrace(stuckTrace());
        RunState stuckState(document.definition());
        stuckState.apply(stuck);
        overlay.setRunState(&stuckState, QStringLiteral("c3"));
        const StepRunDisplay pay = overlay.display(QStringLiteral("take_payment"));
        QVERIFY2(pay.toolTip.contains(QStringLiteral("timed out")) || pay.toolTip.contains(QStringLiteral("no reply")),
                 qPrintable(pay.toolTip));
    }

    void heatCountsInstances()
    {
        SagaDocument document;
        document.reset(placed(orderCheckout()));
        SagaScene scene(&document);
        RunOverlay overlay(&scene);
        RunState state(document.definition());
        state.apply(parseTrace(rollbackTrace()));
        state.apply(parseTrace(retryTrace()));
        state.apply(parseTrace(timeoutTrace()));
        overlay.setRunState(&state, QStringLiteral("b2"));
        QVERIFY(!overlay.display(QStringLiteral("create_order")).heat);
        overlay.setHeatVisible(true);
        const StepRunDisplay create = overlay.display(QStringLiteral("create_order"));
        QVERIFY(create.heat);
        QCOMPARE(create.heatCounts[size_t(StepPhase::Compensated)], 2);
        QCOMPARE(create.heatCounts[size_t(StepPhase::Succeeded)], 1);
        QCOMPARE(overlay.display(QStringLiteral("ship_order")).heatCounts[size_t(StepPhase::Pending)], 2);

        // The words are the pill's, pending included (seen: "failed_technical 7", no label
        // for the pending segment).
        QCOMPARE(create.heatParts, (QStringList{QStringLiteral("succeeded 1"), QStringLiteral("compensated 2")}));
        const QStringList ship = overlay.display(QStringLiteral("ship_order")).heatParts;
        QVERIFY2(ship.contains(QStringLiteral("pending 2")), qPrintable(ship.join(u'|')));
        for (int p = 0; p < StepPhaseCount; ++p)
            QVERIFY2(!RunOverlay::phaseWord(StepPhase(p)).contains(u'_'), qPrintable(RunOverlay::phaseWord(StepPhase(p))));
        QCOMPARE(RunOverlay::phaseWord(StepPhase::FailedTechnical), QStringLiteral("failed: technical"));
    }

    void heatWordsWrapAndNeverCutANumber()
    {
        const QFontMetricsF metrics{QFont()};
        const QStringList parts{QStringLiteral("succeeded 1,234"), QStringLiteral("failed: technical 77"),
                                QStringLiteral("compensated 12"), QStringLiteral("pending 3")};
        for (qreal width : {40.0, 120.0, 180.0, 1000.0}) {
            const QStringList lines = RunOverlay::wrapParts(parts, metrics, width);
            // Every part is on a line whole, in order.
            QCOMPARE(lines.join(QStringLiteral(" \u00b7 ")), parts.join(QStringLiteral(" \u00b7 ")));
            for (const QString &line : lines) {
                const bool onePart = parts.contains(line);
                QVERIFY2(onePart || metrics.horizontalAdvance(line) <= width, qPrintable(line));
            }
        }
        QCOMPARE(RunOverlay::wrapParts(parts, metrics, 1000).size(), 1);
    }

    void marksSurviveAndCardsComeBack()
    {
        SagaDocument document;
        document.reset(placed(orderCheckout()));
        SagaScene scene(&document);
        RunOverlay overlay(&scene);
        overlay.setBreakpoint(QStringLiteral("take_payment"), true);
        overlay.setInjectedFault(QStringLiteral("reserve_stock"), QStringLiteral("timeout ×3"));
        QVERIFY(overlay.display(QStringLiteral("take_payment")).breakpoint);
        QCOMPARE(overlay.display(QStringLiteral("reserve_stock")).fault, QStringLiteral("timeout ×3"));

        RunState state(document.definition());
        state.apply(parseTrace(rollbackTrace()));
        const QString id = state.instanceAt(0).id;
        overlay.setRunState(&state, id);
        // A reset recreates every card: the overlay follows onto the new ones.
        document.reset(placed(orderCheckout()));
        QCOMPARE(overlay.display(QStringLiteral("create_order")).phase, StepPhase::Compensated);
        QVERIFY(overlay.display(QStringLiteral("take_payment")).breakpoint);
        // Removing a step's card is fine too.
        SagaDefinition fewer = placed(orderCheckout());
        fewer.steps.removeLast();
        document.reset(fewer);
        QVERIFY(!overlay.display(QStringLiteral("award_points")).active);
        QCOMPARE(overlay.display(QStringLiteral("reserve_stock")).phase, StepPhase::Compensated);
    }

    void cardsUnderARunAreCachedAndFollowThePalette()
    {
        SagaDocument document;
        document.reset(placed(orderCheckout()));
        SagaScene scene(&document);
        StepItem *card = scene.stepItem(QStringLiteral("create_order"));
        QVERIFY(card);
        QCOMPARE(card->cacheMode(), QGraphicsItem::NoCache);
        QGraphicsView view(&scene);
        {
            RunOverlay overlay(&scene);
            const QList<TraceEvent> events = parseTrace(rollbackTrace());
            RunState state(document.definition());
            state.apply(events.mid(0, 4));
            overlay.setRunState(&state, events.first().instance);
            // The card does not change while the run animates over it: kept as a pixmap.
            QCOMPARE(card->cacheMode(), QGraphicsItem::DeviceCoordinateCache);

            // An uncached scene of the same saga, in the same place, draws the reference.
            SagaScene reference(&document);
            QGraphicsView referenceView(&reference);
            const QRectF rect = scene.itemsBoundingRect().adjusted(-20, -20, 20, 20);
            for (QGraphicsView *v : {&view, &referenceView}) {
                v->setSceneRect(rect);
                v->resize(1400, 360);
                v->show();
                QVERIFY(QTest::qWaitForWindowExposed(v));
            }
            const QRect inside = view.mapFromScene(card->mapRectToScene(card->cardRect().adjusted(6, 6, -6, -6)))
                                     .boundingRect();
            auto cardImage = [&](QGraphicsView *v) { return v->viewport()->grab().toImage().copy(inside); };
            QVERIFY2(meanDifference(cardImage(&view), cardImage(&referenceView)) < 6, "the cached card draws as the card");

            // A new palette (dark mode): the cached card is drawn anew, not left in the old colours.
            QPalette dark = scene.palette();
            dark.setColor(QPalette::Base, QColor(25, 25, 28));
            dark.setColor(QPalette::Window, QColor(40, 40, 44));
            dark.setColor(QPalette::Text, QColor(235, 235, 235));
            const QImage light = cardImage(&view);
            scene.setPalette(dark);
            reference.setPalette(dark);
            QCoreApplication::processEvents();
            const QImage darkCard = cardImage(&view);
            QVERIFY2(meanDifference(light, darkCard) > 20, "the palette changed the card");
            QVERIFY2(meanDifference(darkCard, cardImage(&referenceView)) < 6, "the cached card follows the palette");
        }
        // The overlay gone, the card is drawn directly again.
        QCOMPARE(card->cacheMode(), QGraphicsItem::NoCache);
    }

    void tokensFlowBothWays()
    {
        SagaDocument document;
        document.reset(placed(orderCheckout()));
        SagaScene scene(&document);
        QGraphicsView view(&scene);
        view.resize(1400, 300);
        view.show();
        RunOverlay overlay(&scene);
        const QList<TraceEvent> events = parseTrace(rollbackTrace());
        RunState state(document.definition());
        const QString id = events.first().instance;

        state.apply(events.mid(0, 3)); // create_order succeeded: a token towards reserve_stock
        overlay.setRunState(&state, id);
        overlay.animate(events.mid(0, 3));
        QCOMPARE(overlay.tokenCount(), 1);
        QVERIFY(overlay.isAnimating());
        QSignalSpy done(&overlay, &RunOverlay::animationFinished);
        QVERIFY(done.wait(3000));
        QVERIFY(!overlay.isAnimating());

        // reserve_stock compensated: a token backwards to create_order.
        state.apply(events.mid(3));
        overlay.setRunState(&state, id);
        overlay.animate({events.at(8)});
        QCOMPARE(overlay.tokenCount(), 1);
        // Events of other instances draw nothing.
        TraceEvent other = events.at(2);
        other.instance = QStringLiteral("other");
        overlay.animate({other});
        QCOMPARE(overlay.tokenCount(), 1);
        overlay.stopAnimation();
        QCOMPARE(overlay.tokenCount(), 0);
        // The cards show the state whatever the tokens do.
        QCOMPARE(overlay.display(QStringLiteral("reserve_stock")).phase, StepPhase::Compensated);
    }
};

QTEST_MAIN(TestRunOverlay)
#include "tst_runoverlay.moc"
