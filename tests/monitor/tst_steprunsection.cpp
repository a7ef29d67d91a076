// SPDX-License-Identifier: MIT
// The properties panel's "Run" section (StepRunSection, made by MonitorController), offscreen on
// examples/order-checkout.saga: its breakpoint stops a run at the step, a failure injected from it
// while paused rolls the run back, it shows the same breakpoints and faults as the step's context
// menu, and a fault injected before a run is drawn on the card and found in the run's trace.
#include "enginethread.h"
#include "eventlogmodel.h"
#include "monitorcontroller.h"
#include "runcontrol.h"
#include "runmonitor.h"
#include "runoverlay.h"
#include "sagadocument.h"
#include "sagafile.h"
#include "sagascene.h"
#include "steppropertiespanel.h"
#include "steprunsection.h"
#include "testconfig.h"

#include <QCheckBox>
#include <QComboBox>
#include <QLabel>
#include <QLayout>
#include <QMainWindow>
#include <QMenu>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardItemModel>
#include <QTest>

using namespace Sagascope;

namespace {

SagaDefinition orderCheckout()
{
    const LoadResult loaded = SagaFile::load(QStringLiteral(SAGASCOPE_EXAMPLES_DIR "/order-checkout.saga"));
    if (!loaded.ok())
        qFatal("cannot load order-checkout.saga");
    return *loaded.definition;
}

struct Fixture
{
    QMainWindow window;
    SagaDocument document;
    SagaScene *scene = nullptr;
    MonitorController *controller = nullptr;
    StepRunSection *section = nullptr;
    Fixture()
    {
        document.reset(orderCheckout(), QStringLiteral(SAGASCOPE_EXAMPLES_DIR "/order-checkout.saga"));
        scene = new SagaScene(&document, &window);
        controller = new MonitorController(&document, scene, &window);
        controller->setSpeed(0);
        section = qobject_cast<StepRunSection *>(controller->createStepRunSection(&window));
    }
    template<typename T>
    T *child(const char *name) const
    {
        return section->findChild<T *>(QLatin1String(name));
    }
    /** Picks the target and the kind in the section's combos; false when not offered. */
    bool choose(OperationKind target, FailureKind kind, int attempts) const
    {
        auto *targetCombo = child<QComboBox>("injectTarget");
        targetCombo->setCurrentIndex(targetCombo->findData(int(target)));
        auto *kindCombo = child<QComboBox>("injectKind");
        const int index = kindCombo->findData(int(kind));
        if (index < 0)
            return false;
        kindCombo->setCurrentIndex(index);
        child<QSpinBox>("injectAttempts")->setValue(attempts);
        return true;
    }
    QString drawnPhase(const QString &step) const
    {
        const StepRunDisplay d = controller->overlay()->display(step);
        return d.active ? stepPhaseName(d.phase) : QStringLiteral("(none)");
    }
};

QAction *findAction(QMenu *menu, const QString &text)
{
    for (QAction *action : menu->actions()) {
        if (action->text() == text)
            return action;
        if (action->menu())
            if (QAction *inner = findAction(action->menu(), text))
                return inner;
    }
    return nullptr;
}

QStringList kindsOffered(const Fixture &f)
{
    QStringList kinds;
    auto *combo = f.child<QComboBox>("injectKind");
    for (int i = 0; i < combo->count(); ++i)
        kinds << failureKindName(FailureKind(combo->itemData(i).toInt()));
    return kinds;
}

} // namespace

class TestStepRunSection : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void breakBeforeTheActionThenInjectWhilePaused()
    {
        Fixture f;
        f.controller->setCurrentStep(QStringLiteral("take_payment"));
        QCOMPARE(f.section->step(), QStringLiteral("take_payment"));
        auto *breakAction = f.child<QCheckBox>("breakBeforeAction");
        QVERIFY(breakAction && breakAction->isEnabled() && !breakAction->isChecked());
        breakAction->click();
        QVERIFY(f.controller->hasBreakpoint(QStringLiteral("take_payment"), OperationKind::Action));
        QVERIFY(f.controller->overlay()->display(QStringLiteral("take_payment")).breakpoint);

        QSignalSpy paused(f.controller, &MonitorController::paused);
        QSignalSpy finished(f.controller, &MonitorController::finished);
        QString error;
        QVERIFY2(f.controller->startRun(QStringLiteral("--virtual-time --seed 2"), &error), qPrintable(error));
        QVERIFY(paused.wait(10000));
        const auto info = paused.last().first().value<PauseInfo>();
        QCOMPARE(info.reason, PauseInfo::Reason::Breakpoint);
        QCOMPARE(info.step, QStringLiteral("take_payment"));
        QCOMPARE(info.operation, OperationKind::Action);
        QCOMPARE(f.drawnPhase(QStringLiteral("reserve_stock")), QStringLiteral("succeeded"));
        QCOMPARE(f.drawnPhase(QStringLiteral("take_payment")), QStringLiteral("pending"));

        // Right then, from the section: a business failure, and the breakpoint off.
        QVERIFY(f.choose(OperationKind::Action, FailureKind::Business, 1));
        QVERIFY(!f.child<QSpinBox>("injectAttempts")->isEnabled()); // a business failure takes no count
        f.child<QPushButton>("injectButton")->click();
        QCOMPARE(f.child<QLabel>("injectedFaults")->text(), QStringLiteral("business"));
        QCOMPARE(f.controller->overlay()->display(QStringLiteral("take_payment")).fault, QStringLiteral("business"));
        breakAction->click();
        QVERIFY(!f.controller->hasBreakpoint(QStringLiteral("take_payment"), OperationKind::Action));
        f.controller->resume();
        QVERIFY(finished.wait(10000) || finished.count() > 0);

        QCOMPARE(f.drawnPhase(QStringLiteral("take_payment")), QStringLiteral("failed_business"));
        QCOMPARE(f.drawnPhase(QStringLiteral("reserve_stock")), QStringLiteral("compensated"));
        QCOMPARE(f.drawnPhase(QStringLiteral("create_order")), QStringLiteral("compensated"));
        QCOMPARE(f.controller->lastSummary().compensated, 1);
        // Every card as the trace says.
        const QString instance = f.controller->selectedInstance();
        RunState fresh(f.document.definition());
        fresh.apply(f.controller->runMonitor()->eventLog()->eventsOf(instance));
        const InstanceRunState *expected = fresh.instance(instance);
        QVERIFY(expected);
        for (int i = 0; i < fresh.stepCount(); ++i)
            QCOMPARE(f.drawnPhase(fresh.stepId(i)), stepPhaseName(expected->steps[size_t(i)].phase));
    }

    void sectionAndContextMenuAgree()
    {
        Fixture f;
        const QString step = QStringLiteral("reserve_stock");
        f.controller->setCurrentStep(step);
        auto *breakAction = f.child<QCheckBox>("breakBeforeAction");
        auto *breakCompensation = f.child<QCheckBox>("breakBeforeCompensation");

        // The menu's breakpoint shows on the section...
        {
            QMenu menu;
            QVERIFY(f.scene->populateStepMenu(step, &menu));
            QAction *bp = findAction(&menu, MonitorController::tr("Breakpoint Before the Compensation"));
            QVERIFY(bp && bp->isEnabled() && !bp->isChecked());
            bp->trigger();
        }
        QVERIFY(breakCompensation->isChecked());
        QVERIFY(!breakAction->isChecked());
        // ... and the section's on the menu.
        breakAction->click();
        breakCompensation->click();
        {
            QMenu menu;
            QVERIFY(f.scene->populateStepMenu(step, &menu));
            QVERIFY(findAction(&menu, MonitorController::tr("Breakpoint Before the Action"))->isChecked());
            QVERIFY(!findAction(&menu, MonitorController::tr("Breakpoint Before the Compensation"))->isChecked());
        }
        QVERIFY(f.controller->hasBreakpoint(step, OperationKind::Action));
        QVERIFY(!f.controller->hasBreakpoint(step, OperationKind::Compensation));

        // Faults: the menu's business failure shows on the section; the section's Clear empties the menu's.
        auto *clear = f.child<QPushButton>("clearFaultsButton");
        QVERIFY(!clear->isEnabled());
        QCOMPARE(f.child<QLabel>("injectedFaults")->text(), StepRunSection::tr("none"));
        {
            QMenu menu;
            QVERIFY(f.scene->populateStepMenu(step, &menu));
            QVERIFY(!findAction(&menu, MonitorController::tr("Clear Injected Failures"))->isEnabled());
            findAction(&menu, MonitorController::tr("Business Failure"))->trigger();
        }
        QCOMPARE(f.child<QLabel>("injectedFaults")->text(), QStringLiteral("business"));
        QVERIFY(clear->isEnabled());
        QVERIFY(f.choose(OperationKind::Compensation, FailureKind::Technical, 2));
        f.child<QPushButton>("injectButton")->click();
        QCOMPARE(f.controller->injectedFaultText(step), QStringLiteral("business, comp. technical ×2"));
        QCOMPARE(f.child<QLabel>("injectedFaults")->text(), f.controller->injectedFaultText(step));
        QCOMPARE(f.controller->overlay()->display(step).fault, f.controller->injectedFaultText(step));
        clear->click();
        QCOMPARE(f.controller->overlay()->display(step).fault, QString());
        QVERIFY(f.controller->injectedFaults().isEmpty());
        {
            QMenu menu;
            QVERIFY(f.scene->populateStepMenu(step, &menu));
            QVERIFY(!findAction(&menu, MonitorController::tr("Clear Injected Failures"))->isEnabled());
        }

        // What FaultPlan::isValid() allows: no business failure for a compensation; a pivot has
        // no compensation, so neither its breakpoint nor its faults are offered.
        QVERIFY(f.choose(OperationKind::Compensation, FailureKind::Technical, 1));
        QVERIFY(!kindsOffered(f).contains(QStringLiteral("business")));
        QVERIFY(f.choose(OperationKind::Action, FailureKind::Business, 0));
        QCOMPARE(kindsOffered(f), (QStringList{QStringLiteral("business"), QStringLiteral("technical"), QStringLiteral("timeout")}));
        QString error;
        QVERIFY(!f.controller->injectFault(step, OperationKind::Compensation, FailureKind::Business, 0, &error));
        QVERIFY(!error.isEmpty());
        f.controller->setCurrentStep(QStringLiteral("take_payment"));
        QVERIFY(!breakCompensation->isEnabled());
        QVERIFY(!breakAction->isChecked());
        auto *target = f.child<QComboBox>("injectTarget");
        const auto *model = qobject_cast<const QStandardItemModel *>(target->model());
        QVERIFY(model && !model->item(1)->isEnabled());
        f.controller->setCurrentStep({});
        QVERIFY(!breakAction->isEnabled());
        QVERIFY(!f.child<QPushButton>("injectButton")->isEnabled());
    }

    void faultBeforeARunOnTheCardAndInTheTrace()
    {
        Fixture f;
        const QString step = QStringLiteral("reserve_stock");
        f.controller->setCurrentStep(step);
        QVERIFY(f.choose(OperationKind::Action, FailureKind::Technical, 2));
        f.child<QPushButton>("injectButton")->click();
        QCOMPARE(f.controller->overlay()->display(step).fault, QStringLiteral("technical ×2"));
        QSignalSpy finished(f.controller, &MonitorController::finished);
        QString error;
        QVERIFY2(f.controller->startRun(QStringLiteral("--virtual-time --seed 3"), &error), qPrintable(error));
        QVERIFY(finished.wait(20000) || finished.count() > 0);
        QCOMPARE(f.controller->overlay()->display(step).fault, QStringLiteral("technical ×2")); // still shown
        const QList<TraceEvent> events = f.controller->runMonitor()->eventLog()->eventsOf(f.controller->selectedInstance());
        QList<int> failed;
        for (const TraceEvent &e : events)
            if (e.step == step && e.event == TraceEventType::StepFailed) {
                QCOMPARE(e.failure, FailureKind::Technical);
                failed << e.attempt;
            }
        QCOMPARE(failed, (QList<int>{1, 2}));
        QCOMPARE(f.drawnPhase(step), QStringLiteral("succeeded")); // the third attempt went through
        QCOMPARE(f.controller->lastSummary().completed, 1);

        // 0 attempts: every attempt fails, the retries run out and the saga rolls back.
        QVERIFY(f.choose(OperationKind::Action, FailureKind::Technical, 0));
        QCOMPARE(f.child<QSpinBox>("injectAttempts")->text(), StepRunSection::tr("every attempt"));
        f.child<QPushButton>("injectButton")->click();
        QCOMPARE(f.controller->overlay()->display(step).fault, QStringLiteral("technical ×∞"));
        finished.clear();
        QVERIFY2(f.controller->startRun(QStringLiteral("--virtual-time --seed 3"), &error), qPrintable(error));
        QVERIFY(finished.wait(20000) || finished.count() > 0);
        int attempts = 0;
        for (const TraceEvent &e : f.controller->runMonitor()->eventLog()->eventsOf(f.controller->selectedInstance()))
            attempts += e.step == step && e.event == TraceEventType::StepFailed;
        QCOMPARE(attempts, 3); // maxAttempts
        QCOMPARE(f.drawnPhase(QStringLiteral("create_order")), QStringLiteral("compensated"));
        QCOMPARE(f.controller->lastSummary().compensated, 1);
    }

    void shownOnTheStepPageOnly()
    {
        Fixture f;
        StepPropertiesPanel panel(&f.document);
        panel.setExtraSection(f.section);
        QCOMPARE(panel.extraSection(), f.section);
        QVERIFY(panel.isAncestorOf(f.section));
        panel.resize(380, 1100);
        panel.show();
        panel.setCurrentStep({});
        QVERIFY(!f.section->isVisible());
        panel.setCurrentStep(QStringLiteral("reserve_stock"));
        f.controller->setCurrentStep(panel.currentStep());
        QVERIFY(f.section->isVisible());
        // At the bottom of the step page, just above its findings (a label).
        QLayout *layout = f.section->parentWidget()->layout();
        const int index = layout->indexOf(f.section);
        QVERIFY(index > 0);
        QVERIFY(qobject_cast<QLabel *>(layout->itemAt(index + 1)->widget()));
        f.controller->setBreakpoint(QStringLiteral("reserve_stock"), OperationKind::Action, true);
        f.controller->injectFault(QStringLiteral("reserve_stock"), OperationKind::Compensation, FailureKind::Technical, 2);
        if (const QByteArray out = qgetenv("SAGASCOPE_RUN_SECTION_PNG"); !out.isEmpty())
            QVERIFY(panel.grab().save(QString::fromLocal8Bit(out)));
        panel.setExtraSection(nullptr); // deletes it
        QVERIFY(!panel.extraSection());
    }
};

QTEST_MAIN(TestStepRunSection)
#include "tst_steprunsection.moc"
