// SPDX-License-Identifier: MIT
// The monitor's SPEC section 7 controls end to end, offscreen, on examples/hot-item.saga: the
// protocol switch goes into the GUI's runs; under 2PC the canvas shows the coordinator, each
// participant's vote and its lock; a crashed coordinator leaves its participants in doubt on the
// canvas until Recover; the shared counter is drawn with the engine's value; Compare (F7) opens
// the Compare window with the toolbar's seed.
#include "comparisondialog.h"
#include "eventlogmodel.h"
#include "monitorcontroller.h"
#include "protocolcontrols.h"
#include "protocoloverlay.h"
#include "runcontroller.h"
#include "runmonitor.h"
#include "sagadocument.h"
#include "sagafile.h"
#include "sagascene.h"
#include "testconfig.h"

#include <QAction>
#include <QComboBox>
#include <QGraphicsItem>
#include <QMainWindow>
#include <QSignalSpy>
#include <QTest>

using namespace Sagascope;

namespace {

const QString Stock = QStringLiteral("stock:sku-1");
const StepId Reserve = QStringLiteral("reserve_stock");

struct Fixture
{
    QMainWindow window;
    SagaDocument document;
    SagaScene *scene = nullptr;
    MonitorController *controller = nullptr;
    ProtocolControls *protocol = nullptr;

    Fixture()
    {
        const QString path = QStringLiteral(SAGASCOPE_EXAMPLES_DIR "/hot-item.saga");
        const LoadResult loaded = SagaFile::load(path);
        if (!loaded.ok())
            qFatal("cannot load hot-item.saga");
        document.reset(*loaded.definition, path);
        scene = new SagaScene(&document, &window);
        controller = new MonitorController(&document, scene, &window);
        protocol = controller->protocolControls();
        controller->setSpeed(0);
    }

    QAction *action(const char *name) const
    {
        for (QAction *a : controller->actions())
            if (a->objectName() == QLatin1String(name))
                return a;
        return nullptr;
    }

    /** Triggers `action` and waits for the monitor to finish showing the run. */
    bool runBy(QAction *trigger) const
    {
        QSignalSpy finished(controller, &MonitorController::finished);
        trigger->trigger();
        return finished.wait(30000) || finished.count() > 0;
    }
};

} // namespace

class TestProtocolControls : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void switchGoesIntoTheRunAndTheCanvasShowsTheCoordinator()
    {
        Fixture f;
        QComboBox *box = f.protocol->protocolBox();
        QCOMPARE(box->count(), 2);
        QVERIFY(!f.protocol->crashAction(CrashPoint::AfterPrepare)->isEnabled()); // the crash is 2PC's
        box->setCurrentIndex(1);
        Q_EMIT box->activated(1);
        QCOMPARE(f.controller->runController()->protocol(), Protocol::TwoPhaseCommit);
        f.controller->setSeed(3);
        QVERIFY(f.runBy(f.action("runAction")));
        QCOMPARE(f.controller->runController()->lastOptions().protocol, Protocol::TwoPhaseCommit);

        ProtocolOverlay *overlay = f.protocol->overlay();
        QVERIFY(overlay->isCoordinatorShown());
        QVERIFY(overlay->item() && overlay->item()->scene() == f.scene && overlay->item()->isVisible());
        QVERIFY(overlay->coordinatorText().startsWith(QLatin1String("done: ")));
        // Every participant of the shown instance got the decision; no lock is left.
        const QString message = overlay->messageText(Reserve);
        QVERIFY2(message.startsWith(QLatin1String("commit")) || message.startsWith(QLatin1String("abort")), qPrintable(message));
        QVERIFY(overlay->lockText(Reserve).isEmpty());
        QVERIFY(!overlay->isInDoubt(Reserve));
        // The counter drawn is the engine's.
        const qint64 stock = f.controller->lastSummary().resources.value(Stock);
        QCOMPARE(overlay->resourceText(Stock).section(QLatin1Char('\n'), 0, 0), QStringLiteral("%1 = %2").arg(Stock).arg(stock));
    }

    void crashedCoordinatorLeavesParticipantsInDoubtUntilRecovery()
    {
        Fixture f;
        f.controller->runController()->setProtocol(Protocol::TwoPhaseCommit);
        QVERIFY(f.protocol->crashAction(CrashPoint::AfterPrepare)->isEnabled());
        f.protocol->crashAction(CrashPoint::AfterPrepare)->trigger();
        QCOMPARE(f.controller->runController()->crashCoordinator(), CrashPoint::AfterPrepare);
        QVERIFY(!f.action("recoverAction")->isEnabled());
        f.controller->setSeed(1);
        QVERIFY(f.runBy(f.action("runAction")));

        ProtocolOverlay *overlay = f.protocol->overlay();
        QVERIFY2(overlay->coordinatorText().startsWith(QLatin1String("CRASHED")), qPrintable(overlay->coordinatorText()));
        QVERIFY(overlay->isInDoubt(Reserve));
        QCOMPARE(overlay->messageText(Reserve), QStringLiteral("vote: yes"));
        QVERIFY2(overlay->lockText(Reserve).contains(QLatin1String("held")), qPrintable(overlay->lockText(Reserve)));
        QVERIFY(overlay->resourceText(Stock).contains(QLatin1String("locked by")));
        QVERIFY(f.action("recoverAction")->isEnabled());

        QVERIFY(f.runBy(f.action("recoverAction")));
        QVERIFY(!overlay->isInDoubt(Reserve));
        QCOMPARE(overlay->messageText(Reserve), QStringLiteral("abort ✗")); // presumed abort
        QVERIFY(overlay->lockText(Reserve).isEmpty());
        QCOMPARE(overlay->coordinatorText(), QStringLiteral("done: aborted"));
        QVERIFY(!f.action("recoverAction")->isEnabled());
    }

    // Scrubbing back shows the locks and the counter as they were at that event.
    void replayRewindsTheCoordinatorAndTheLocks()
    {
        Fixture f;
        f.controller->runController()->setProtocol(Protocol::TwoPhaseCommit);
        f.controller->setSeed(3);
        QVERIFY(f.runBy(f.action("runAction")));
        ProtocolOverlay *overlay = f.protocol->overlay();
        QVERIFY(overlay->lockText(Reserve).isEmpty());
        const QString selected = f.controller->selectedInstance();
        const QList<TraceEvent> events = f.controller->runMonitor()->eventLog()->eventsOf(selected);
        qsizetype locked = -1;
        for (qsizetype i = 0; i < events.size(); ++i)
            if (events[i].event == TraceEventType::LockAcquired && events[i].step == Reserve && !events[i].resource.isEmpty())
                locked = i;
        QVERIFY(locked >= 0);
        f.controller->scrubTo(int(locked) + 1);
        QVERIFY(f.protocol->isShowingReplay());
        QVERIFY2(overlay->lockText(Reserve).startsWith(Stock), qPrintable(overlay->lockText(Reserve)));
        QVERIFY(overlay->resourceText(Stock).contains(QLatin1String("locked by ") + selected.left(8)));
        QVERIFY(overlay->coordinatorText().startsWith(QLatin1String("phase one")));
        f.controller->scrubTo(-1);
        QVERIFY(!f.protocol->isShowingReplay());
        QVERIFY(overlay->lockText(Reserve).isEmpty());
        QVERIFY(overlay->coordinatorText().startsWith(QLatin1String("done: ")));
    }

    void sagaRunShowsTheCounterButNoCoordinator()
    {
        Fixture f;
        f.controller->setSeed(2);
        QVERIFY(f.runBy(f.action("runAction")));
        ProtocolOverlay *overlay = f.protocol->overlay();
        QVERIFY(!overlay->isCoordinatorShown());
        QVERIFY(overlay->item() && overlay->item()->scene() == f.scene && overlay->item()->isVisible());
        const qint64 stock = f.controller->lastSummary().resources.value(Stock);
        QVERIFY(overlay->resourceText(Stock).startsWith(QStringLiteral("%1 = %2\n").arg(Stock).arg(stock)));
    }

    void compareOpensTheWindowWithTheToolbarsSeed()
    {
        Fixture f;
        f.controller->setSeed(8);
        QAction *compare = f.action("compareAction");
        QVERIFY(compare);
        QCOMPARE(compare->shortcut(), QKeySequence(Qt::Key_F7));
        compare->trigger();
        ComparisonDialog *dialog = f.protocol->comparisonDialog();
        QVERIFY(dialog && dialog->isVisible());
        QCOMPARE(dialog->load().seed, quint64(8));
        QSignalSpy shown(dialog, &ComparisonDialog::comparisonShown);
        QVERIFY(dialog->isRunning() ? shown.wait(60000) : true);
        QVERIFY(!dialog->isRunning());
        dialog->close();
    }
};

QTEST_MAIN(TestProtocolControls)
#include "tst_protocolcontrols.moc"
