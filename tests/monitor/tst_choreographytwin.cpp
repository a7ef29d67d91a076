// SPDX-License-Identifier: MIT
// The same saga as orchestration and as choreography side by side: the window's run of the
// orchestration and, beside it, its choreographed form run with the same seed and failures end
// with every step in the same phase (the conversion's promise, seen in the views).
#include "../exampletesthelpers.h"
#include "choreographyscene.h"
#include "choreographysplit.h"
#include "choreographytwin.h"
#include "eventflowoverlay.h"
#include "monitorcontroller.h"
#include "runcontroller.h"
#include "runmonitor.h"
#include "sagadocument.h"
#include "sagafile.h"
#include "sagascene.h"
#include "testconfig.h"

#include <QCheckBox>
#include <QMainWindow>
#include <QSignalSpy>
#include <QTest>

using namespace Sagascope;
using Sagascope::Test::example;

class TestChoreographyTwin : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void bothFormsRunWithTheSameSeedAndFailures_data();
    void bothFormsRunWithTheSameSeedAndFailures();
    void noTwinWithoutTheConvertedForm();
};

void TestChoreographyTwin::bothFormsRunWithTheSameSeedAndFailures_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("options");
    QTest::newRow("checkout, payment refused") << "order-checkout.saga" << "--fail take_payment=business";
    QTest::newRow("checkout, stock refused") << "order-checkout.saga" << "--fail reserve_stock=business";
    QTest::newRow("travel, completes") << "travel-booking.saga" << "";
}

void TestChoreographyTwin::bothFormsRunWithTheSameSeedAndFailures()
{
    QFETCH(QString, file);
    QFETCH(QString, options);
    QMainWindow window;
    SagaDocument document;
    document.reset(example(file), QStringLiteral(SAGASCOPE_EXAMPLES_DIR "/") + file);
    auto *scene = new SagaScene(&document, &window);
    auto *split = new ChoreographySplit(&document, new QWidget, &window);
    auto *controller = new MonitorController(&document, scene, &window);
    controller->attachChoreography(split->scene());
    ChoreographyTwin twin(controller, split);
    twin.eventFlow()->setAnimationEnabled(false); // counted, not drawn: the test need not wait for tokens
    controller->setSpeed(0);                      // as fast as it goes; the twin takes the same speed

    QVERIFY(split->convertedCheck()->isEnabled());
    split->convertedCheck()->click();
    QVERIFY(split->isConvertedShown());
    QCOMPARE(split->scene()->shownDefinition().mode, SagaMode::Choreography);
    QVERIFY(!controller->eventFlow()->isActive()); // the view shows the choreographed run
    QVERIFY(twin.eventFlow()->isActive());

    QSignalSpy finished(controller, &MonitorController::finished);
    QString error;
    QVERIFY2(controller->startRun(options + QStringLiteral(" --instances 2 --virtual-time --seed 11"), &error), qPrintable(error));
    QVERIFY(finished.wait(60000) || finished.count() > 0);
    QVERIFY(QTest::qWaitFor([&] { return !twin.isBusy(); }, 60000));

    const RunState &main = controller->runMonitor()->state();
    const RunState &other = twin.runMonitor()->state();
    QCOMPARE(other.instanceCount(), main.instanceCount());
    for (int i = 0; i < main.instanceCount(); ++i) {
        const InstanceRunState &a = main.instanceAt(i);
        const InstanceRunState &b = other.instanceAt(i);
        QCOMPARE(b.status, a.status);
        for (const Step &step : document.definition().steps) {
            const StepRunState *sa = main.step(a.id, step.id);
            const StepRunState *sb = other.step(b.id, step.id);
            QVERIFY(sa && sb);
            QVERIFY2(sa->phase == sb->phase, qPrintable(QStringLiteral("%1: %2 orchestrated, %3 choreographed")
                                                            .arg(step.id, stepPhaseName(sa->phase), stepPhaseName(sb->phase))));
        }
    }
    // Its events went through the bus, for the instance of the window's selection.
    QVERIFY(twin.eventFlow()->deliveredCount() > 0);
    QCOMPARE(twin.shownInstance(), other.instanceAt(main.instanceIndex(controller->selectedInstance())).id);
    QCOMPARE(twin.eventFlow()->instance(), twin.shownInstance());
    QCOMPARE(controller->eventFlow()->deliveredCount(), 0);
}

void TestChoreographyTwin::noTwinWithoutTheConvertedForm()
{
    QMainWindow window;
    SagaDocument document;
    document.reset(example(QStringLiteral("order-checkout.saga")));
    auto *scene = new SagaScene(&document, &window);
    auto *split = new ChoreographySplit(&document, new QWidget, &window);
    auto *controller = new MonitorController(&document, scene, &window);
    controller->attachChoreography(split->scene());
    ChoreographyTwin twin(controller, split);
    QSignalSpy finished(controller, &MonitorController::finished);
    QString error;
    QVERIFY(controller->startRun(QStringLiteral("--virtual-time --seed 2"), &error));
    QVERIFY(finished.wait(60000) || finished.count() > 0);
    QCOMPARE(twin.runMonitor()->state().instanceCount(), 0);
    QVERIFY(!twin.isBusy());
    // A choreography has no other form to compare with.
    document.reset(example(QStringLiteral("order-choreography.saga")));
    QVERIFY(!split->convertedCheck()->isEnabled());
    split->setConvertedShown(true);
    QVERIFY(!split->isConvertedShown());
}

QTEST_MAIN(TestChoreographyTwin)
#include "tst_choreographytwin.moc"
