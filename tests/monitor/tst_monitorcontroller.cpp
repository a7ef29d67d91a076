// SPDX-License-Identifier: MIT
// MonitorController end to end, offscreen: runs of examples/order-checkout.saga on the embedded
// engine end with every card drawn in the phase the trace says; replay at event k draws
// stateAt(k); follow mode sees instances written by a separate sagascope-cli process.
#include "demoservices.h"
#include "../engine/remotetesthelpers.h"
#include "enginethread.h"
#include "runcontrol.h"
#include "eventlogmodel.h"
#include "monitorcontroller.h"
#include "runinputs.h"
#include "runmonitor.h"
#include "runoverlay.h"
#include "sagadocument.h"
#include "sagafile.h"
#include "sagascene.h"
#include "stepitem.h"
#include "eventlogpanel.h"
#include "failurepreset.h"
#include "stuckactions.h"
#include "summarypanel.h"
#include "testconfig.h"

#include <QAbstractButton>
#include <QDialogButtonBox>
#include <QDockWidget>
#include <QScopeGuard>
#include <QSet>
#include <QMainWindow>
#include <QMenu>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QRadioButton>
#include <QTableView>
#include <QProcess>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTemporaryFile>
#include <QTest>
#include <QToolBar>
#include <QToolButton>
#include <QUndoStack>

using namespace Sagascope;

namespace {

SagaDefinition orderCheckout()
{
    const LoadResult loaded = SagaFile::load(QStringLiteral(SAGASCOPE_EXAMPLES_DIR "/order-checkout.saga"));
    if (!loaded.ok())
        qFatal("cannot load order-checkout.saga");
    return *loaded.definition;
}

/**
 * The phase of each step of one instance after `events`, folded here by the test from the
 * trace events themselves, apart from the RunState reducer the monitor draws with: the last
 * event of a step names its phase (a retry of the action or of the compensation, its own;
 * when the saga ends, a retry that will never run leaves the step failed). It knows only what
 * these tests' runs produce (no stuck sagas, no compensation that gives up) and says so in
 * `unmodelled` when an event is beyond it, so that it cannot silently agree with a wrong
 * picture. Null when the instance has not started.
 */
std::optional<QHash<StepId, StepPhase>> foldPhases(const QStringList &steps, const QList<TraceEvent> &events,
                                                   QString *unmodelled)
{
    if (events.isEmpty())
        return std::nullopt;
    QHash<StepId, StepPhase> phases;
    QHash<StepId, StepPhase> failed;       // the phase of each step's last failure
    QSet<StepId> compensating;             // the step's compensation has started
    for (const StepId &step : steps)
        phases.insert(step, StepPhase::Pending);
    for (const TraceEvent &e : events) {
        switch (e.event) {
        case TraceEventType::StepStarted: phases[e.step] = StepPhase::Running; break;
        case TraceEventType::StepSucceeded: phases[e.step] = StepPhase::Succeeded; break;
        case TraceEventType::StepFailed:
            failed[e.step] = phases[e.step] = e.failure == FailureKind::Business ? StepPhase::FailedBusiness
                                              : e.failure == FailureKind::Timeout ? StepPhase::FailedTimeout
                                                                                  : StepPhase::FailedTechnical;
            break;
        case TraceEventType::RetryScheduled:
            phases[e.step] = compensating.contains(e.step) ? StepPhase::CompensationRetrying : StepPhase::Retrying;
            break;
        case TraceEventType::CompensationStarted:
            compensating.insert(e.step);
            phases[e.step] = StepPhase::Compensating;
            break;
        case TraceEventType::CompensationSucceeded: phases[e.step] = StepPhase::Compensated; break;
        case TraceEventType::CompensationFailed: phases[e.step] = StepPhase::CompensationRetrying; break;
        case TraceEventType::SagaStarted: break;
        case TraceEventType::SagaCompleted:
        case TraceEventType::SagaCompensated:
            for (auto it = phases.begin(); it != phases.end(); ++it)
                if (it.value() == StepPhase::Retrying)
                    it.value() = failed.value(it.key());
            break;
        case TraceEventType::SagaStuck:
        default: // events, 2PC, resumes: not in these tests' runs
            *unmodelled = traceEventTypeName(e.event);
            break;
        }
    }
    return phases;
}

const QStringList Steps{QStringLiteral("create_order"), QStringLiteral("reserve_stock"), QStringLiteral("take_payment"),
                        QStringLiteral("ship_order"), QStringLiteral("award_points")};

} // namespace

class TestMonitorController : public QObject
{
    Q_OBJECT

private:
    struct Fixture
    {
        QMainWindow window;
        SagaDocument document;
        SagaScene *scene = nullptr;
        MonitorController *controller = nullptr;
        Fixture()
        {
            document.reset(orderCheckout(), QStringLiteral(SAGASCOPE_EXAMPLES_DIR "/order-checkout.saga"));
            scene = new SagaScene(&document, &window);
            controller = new MonitorController(&document, scene, &window);
        }
    };

    /** Runs and waits for finished(); false on a timeout. */
    static bool runToEnd(MonitorController *controller, const QString &options, int timeoutMs = 20000)
    {
        QSignalSpy finished(controller, &MonitorController::finished);
        QString error;
        if (!controller->startRun(options, &error)) {
            qWarning() << error;
            return false;
        }
        return finished.wait(timeoutMs) || finished.count() > 0;
    }

    /** Every card shows what the trace's own events say (foldPhases(), not the reducer). */
    static void compareWithTrace(MonitorController *controller, const SagaDefinition &definition)
    {
        const QString instance = controller->selectedInstance();
        QVERIFY(!instance.isEmpty());
        QStringList steps;
        for (const Step &step : definition.steps)
            steps << step.id;
        QString unmodelled;
        const auto expected = foldPhases(steps, controller->runMonitor()->eventLog()->eventsOf(instance), &unmodelled);
        QVERIFY2(unmodelled.isEmpty(), qPrintable(QStringLiteral("the test's fold does not model ") + unmodelled));
        QVERIFY(expected);
        for (const StepId &step : std::as_const(steps)) {
            const StepRunDisplay shown = controller->overlay()->display(step);
            QVERIFY2(shown.active, qPrintable(step));
            QCOMPARE(stepPhaseName(shown.phase), stepPhaseName(expected->value(step)));
        }
    }

    static QString drawnPhase(MonitorController *controller, const QString &step)
    {
        const StepRunDisplay d = controller->overlay()->display(step);
        return d.active ? stepPhaseName(d.phase) : QStringLiteral("(none)");
    }

private Q_SLOTS:
    void aStuckInstanceIsRetriedOrResolvedFromTheWindow_data()
    {
        QTest::addColumn<int>("resolution");
        QTest::addColumn<QString>("ends");
        QTest::newRow("retry") << int(Resolution::Retry) << QStringLiteral("completed");
        QTest::newRow("done") << int(Resolution::Done) << QStringLiteral("completed");
        QTest::newRow("compensated") << int(Resolution::Compensated) << QStringLiteral("compensated");
    }

    void aStuckInstanceIsRetriedOrResolvedFromTheWindow()
    {
        // Seen: a stuck saga "needs a person", and from the window the person could do nothing.
        // The pivot fails all its 3 attempts: stuck. A run started here keeps a session log, so
        // the instance can be retried (attempt 4) or resolved by hand, from the Run menu or the
        // Instances dock's context menu, and goes on to its end on the canvas.
        QFETCH(int, resolution);
        QFETCH(QString, ends);
        Fixture f;
        f.controller->setSpeed(0);
        QVERIFY(runToEnd(f.controller, QStringLiteral("--fail take_payment=technical:3 --virtual-time --seed 2")));
        QCOMPARE(f.controller->lastSummary().stuck, 1);
        QVERIFY(f.controller->runController()->isSessionLog(f.controller->lastSummary().logPath));
        QCOMPARE(drawnPhase(f.controller, QStringLiteral("take_payment")), QStringLiteral("stuck"));
        const QString instance = f.controller->selectedInstance();
        QAction *retry = f.window.findChild<QAction *>(QStringLiteral("retryStuckAction"));
        QAction *resolve = f.window.findChild<QAction *>(QStringLiteral("resolveStuckAction"));
        QVERIFY(retry && resolve);
        QVERIFY(f.controller->actions().contains(retry) && f.controller->actions().contains(resolve));
        auto *instances = f.window.findChild<QTableView *>();
        QVERIFY(instances);
        QCOMPARE(instances->contextMenuPolicy(), Qt::ActionsContextMenu);
        QVERIFY(instances->actions().contains(retry) && instances->actions().contains(resolve));
        QVERIFY(retry->isEnabled());
        QVERIFY(resolve->isEnabled());

        QSignalSpy finished(f.controller, &MonitorController::finished);
        if (Resolution(resolution) == Resolution::Retry) {
            retry->trigger();
        } else {
            resolve->trigger();
            ResolveStuckDialog *dialog = nullptr;
            QTRY_VERIFY((dialog = f.window.findChild<ResolveStuckDialog *>()));
            QPushButton *ok = dialog->buttons()->button(QDialogButtonBox::Ok);
            QVERIFY(dialog->doneButton()->isEnabled());        // the pivot has not committed:
            QVERIFY(dialog->compensatedButton()->isEnabled()); // either way is open
            QVERIFY(!ok->isEnabled());                         // nothing chosen yet
            (Resolution(resolution) == Resolution::Done ? dialog->doneButton() : dialog->compensatedButton())->click();
            QVERIFY(!ok->isEnabled()); // a resolution by hand needs a note
            QTest::keyClicks(dialog->noteEdit(), QStringLiteral("checked at the bank, ticket 42"));
            QVERIFY(ok->isEnabled());
            ok->click();
        }
        QVERIFY(finished.wait(20000) || finished.count() > 0);
        QVERIFY2(f.controller->lastSummary().error.isEmpty(), qPrintable(f.controller->lastSummary().error));
        QCOMPARE(f.controller->lastSummary().instances, 1);
        const InstanceRunState *shown = f.controller->runMonitor()->state().instance(instance);
        QVERIFY(shown);
        QCOMPARE(instanceStatusName(shown->status), ends);
        QCOMPARE(f.controller->runMonitor()->state().instanceCount(), 1); // the same instance, gone on
        const QList<TraceEvent> events = f.controller->runMonitor()->eventLog()->eventsOf(instance);
        const auto resumed = std::find_if(events.cbegin(), events.cend(),
                                          [](const TraceEvent &e) { return e.event == TraceEventType::SagaResumed; });
        QVERIFY(resumed != events.cend());
        QCOMPARE(resumed->step, QStringLiteral("take_payment"));
        QCOMPARE(resumed->verdict, resolutionName(Resolution(resolution)));
        if (Resolution(resolution) == Resolution::Compensated) {
            QCOMPARE(drawnPhase(f.controller, QStringLiteral("create_order")), QStringLiteral("compensated"));
            QCOMPARE(drawnPhase(f.controller, QStringLiteral("reserve_stock")), QStringLiteral("compensated"));
            QCOMPARE(resumed->reason, QStringLiteral("checked at the bank, ticket 42"));
        } else {
            QCOMPARE(drawnPhase(f.controller, QStringLiteral("take_payment")), QStringLiteral("succeeded"));
            QCOMPARE(drawnPhase(f.controller, QStringLiteral("award_points")), QStringLiteral("succeeded"));
        }
        QVERIFY(!retry->isEnabled()); // not stuck any more
        QVERIFY(!resolve->isEnabled());
    }

    void aResumeTheEngineRefusesWritesNothingAndSaysWhy()
    {
        // ship_order (retriable) fails for a business reason after the pivot: stuck, and the saga
        // can only go forward. The dialog offers "done" only; asked for "compensated" anyway, the
        // engine refuses, the window says why, and the instance stays stuck.
        Fixture f;
        f.controller->setSpeed(0);
        QVERIFY(runToEnd(f.controller, QStringLiteral("--fail ship_order=business --virtual-time --seed 3")));
        QCOMPARE(f.controller->lastSummary().stuck, 1);
        auto *stuck = f.controller->findChild<StuckActions *>();
        QVERIFY(stuck);
        const StuckChoices choices = stuck->choices();
        QVERIFY(choices.stuck);
        QCOMPARE(choices.step, QStringLiteral("ship_order"));
        QVERIFY(choices.pivotCommitted);
        QVERIFY(choices.canDone);
        QVERIFY(!choices.canCompensate);
        ResolveStuckDialog dialog(f.controller->selectedInstance(), choices, QStringLiteral("Ship order"), &f.window);
        QVERIFY(dialog.doneButton()->isEnabled());
        QVERIFY(!dialog.compensatedButton()->isEnabled());

        QSignalSpy finished(f.controller, &MonitorController::finished);
        QString error;
        QVERIFY2(stuck->resolve(Resolution::Compensated, QStringLiteral("no"), &error), qPrintable(error));
        QVERIFY(finished.wait(20000) || finished.count() > 0);
        QVERIFY(!f.controller->lastSummary().error.isEmpty());
        QMessageBox *box = nullptr;
        QTRY_VERIFY((box = f.window.findChild<QMessageBox *>(QStringLiteral("resumeRefusedMessageBox"))));
        QCOMPARE(box->informativeText(), f.controller->lastSummary().error);
        QCOMPARE(f.controller->runMonitor()->state().statusCount(InstanceStatus::Stuck), 1);
        QVERIFY(stuck->retryAction()->isEnabled()); // still stuck: still the person's to decide
    }

    void aRunKeptInMemoryCannotBeResumed()
    {
        // Without a session log (a RunController of its own, as sagascope-cli run without --db),
        // nothing keeps the instance: the actions stay off and asking says why.
        RunController controller;
        controller.setSpeed(0);
        RunMonitor monitor;
        connect(&controller, &RunController::traceEvents, &monitor, &RunMonitor::addEvents);
        connect(&controller, &RunController::runStarted, &monitor,
                [&monitor](const SagaDefinition &definition) { monitor.setDefinition(definition); });
        StuckActions stuck(&controller, &monitor, nullptr);
        RunOptions options;
        options.virtualTime = true;
        options.seed = 2;
        QString error;
        QVERIFY(controller.setInjectedFault(QStringLiteral("take_payment"), QStringLiteral("technical:3"), false, &error));
        QSignalSpy finished(&controller, &RunController::runFinished);
        QVERIFY2(controller.start(orderCheckout(), options, &error), qPrintable(error));
        QVERIFY(finished.wait(20000));
        monitor.flush();
        QCOMPARE(controller.lastSummary().stuck, 1);
        controller.setSelectedInstance(monitor.state().instanceAt(0).id);
        QVERIFY(stuck.choices().stuck);
        QVERIFY(!stuck.retryAction()->isEnabled());
        QVERIFY(!stuck.retry(&error));
        QVERIFY2(error.contains(QStringLiteral("no saga log")), qPrintable(error));
    }

    void remoteCaFileIsRelativeToTheSagaFile()
    {
        // A run from the desktop finds a service's caFile next to the .saga file, as `run` does:
        // an HTTPS demo server whose certificate only the test CA (data/tls/ca.pem) vouches for.
        const QString tls = QStringLiteral(SAGASCOPE_SOURCE_DIR "/tests/engine/data/tls/");
        QTemporaryDir dir;
        Demo::DemoServices services;
        QString error;
        QVERIFY(services.open(dir.filePath(QStringLiteral("services.sqlite")), &error));
        QVERIFY(services.setTls(tls + QStringLiteral("server.pem"), tls + QStringLiteral("server.key"), &error));
        const quint16 port = services.start(0, &error);
        QVERIFY2(port, qPrintable(error));
        const LoadResult loaded = SagaFile::load(QStringLiteral(SAGASCOPE_EXAMPLES_DIR "/order-checkout-remote.saga"));
        QVERIFY(loaded.ok());
        SagaDefinition saga = *loaded.definition;
        for (Service &service : saga.services)
            service.endpoint = QJsonObject{{"baseUrl", QStringLiteral("https://127.0.0.1:%1").arg(port)}, {"caFile", "ca.pem"}};
        Fixture f;
        f.document.reset(saga, tls + QStringLiteral("remote.saga")); // never written: only where it would be
        f.controller->setSpeed(0);
        QTemporaryFile input(dir.filePath(QStringLiteral("XXXXXX.json")));
        QVERIFY(input.open());
        input.write(R"({"customer": "alice", "sku": "sku-1", "qty": 1, "amount": 10, "points": 3})");
        input.close();
        QVERIFY(runToEnd(f.controller, QStringLiteral("--input ") + input.fileName()));
        QVERIFY2(f.controller->lastSummary().error.isEmpty(), qPrintable(f.controller->lastSummary().error));
        QCOMPARE(f.controller->lastSummary().completed, 1);
    }

    void aRunThatCannotCallItsServicesSaysWhyFirst()
    {
        // Not signed in to a service behind an OAuth sign-in: refused before anything runs or is
        // sent, with the reason (the desktop shows it in the status bar).
        QTemporaryDir dir;
        const QByteArray keychain = qgetenv("SAGASCOPE_KEYCHAIN"), data = qgetenv("XDG_DATA_HOME");
        const auto restore = qScopeGuard([&] {
            for (const auto &[name, value] : {std::pair{"SAGASCOPE_KEYCHAIN", keychain}, std::pair{"XDG_DATA_HOME", data}}) {
                if (value.isNull())
                    qunsetenv(name);
                else
                    qputenv(name, value);
            }
        });
        qputenv("SAGASCOPE_KEYCHAIN", "off"); // nobody's real keychain, no token file of the user's
        qputenv("XDG_DATA_HOME", dir.path().toLocal8Bit());
        const LoadResult loaded = SagaFile::load(QStringLiteral(SAGASCOPE_EXAMPLES_DIR "/order-checkout-signin.saga"));
        QVERIFY(loaded.ok());
        Fixture f;
        f.document.reset(*loaded.definition, QStringLiteral(SAGASCOPE_EXAMPLES_DIR "/order-checkout-signin.saga"));
        QSignalSpy started(f.controller, &MonitorController::busyChanged);
        QString error;
        QVERIFY(!f.controller->startRun(QStringLiteral("--input " SAGASCOPE_EXAMPLES_DIR "/order-input.json"), &error));
        QVERIFY2(error.contains(QLatin1String("not signed in")) && error.contains(QLatin1String("sagascope-cli login")),
                 qPrintable(error));
        QVERIFY(started.isEmpty());
        QVERIFY(!f.controller->isBusy());
    }

    void runningARemoteSagaChecksItsServicesFirst()
    {
        // Run on a saga whose services present a certificate for another host: the Run actions
        // are off while the connections are checked, then a message box names the services, the
        // URL and the fault, and nothing ran. Escape cancels a check that hangs. A good server:
        // the same Run starts the run, on the real clock.
        const QString tls = Test::tlsData();
        QTemporaryDir dir;
        Demo::DemoServices wrongHost, good;
        const QString wrongHostUrl = Test::serveTls(wrongHost, dir.filePath(QStringLiteral("wronghost.sqlite")), QStringLiteral("wronghost.pem"));
        const QString goodUrl = Test::serveTls(good, dir.filePath(QStringLiteral("good.sqlite")), QStringLiteral("server.pem"));
        const auto at = [](const QString &url) {
            return Test::remoteCheckout(QJsonObject{{"baseUrl", url}, {"caFile", "ca.pem"}});
        };
        Fixture f;
        // The instances' input, which Run asks for once (a file dialog otherwise).
        f.controller->runInputs()->setChooser([](const QString &) { return QStringLiteral(SAGASCOPE_EXAMPLES_DIR "/order-input.json"); });
        f.window.show();
        QVERIFY(QTest::qWaitForWindowActive(&f.window));
        f.document.reset(at(wrongHostUrl), tls + QStringLiteral("remote.saga")); // never written
        QAction *run = f.window.findChild<QAction *>(QStringLiteral("runAction"));
        QAction *runMany = f.window.findChild<QAction *>(QStringLiteral("runManyAction"));
        QAction *stop = f.window.findChild<QAction *>(QStringLiteral("stopAction"));
        QVERIFY(run && runMany && stop);
        QSignalSpy messages(f.controller, &MonitorController::message);
        QSignalSpy finished(f.controller, &MonitorController::finished);
        run->trigger();
        QVERIFY(f.controller->runController()->isCheckingConnections());
        QVERIFY(!run->isEnabled() && !runMany->isEnabled() && stop->isEnabled());
        QVERIFY(f.controller->isBusy());
        QVERIFY(!messages.isEmpty());
        QVERIFY2(messages.last().first().toString().startsWith(QStringLiteral("Checking the connections of orders, inventory")),
                 qPrintable(messages.last().first().toString()));
        QMessageBox *box = nullptr;
        QTRY_VERIFY_WITH_TIMEOUT((box = f.window.findChild<QMessageBox *>(QStringLiteral("runRefusedMessageBox"))), 15000);
        QVERIFY(box->isVisible());
        QVERIFY2(box->text().contains(QStringLiteral("orders, inventory, payments, shipping, loyalty")), qPrintable(box->text()));
        QVERIFY2(box->informativeText().contains(wrongHostUrl)
                     && box->informativeText().contains(QStringLiteral("the certificate is for wrong.example, not for 127.0.0.1")),
                 qPrintable(box->informativeText()));
        QVERIFY(!f.controller->isBusy());
        QVERIFY(run->isEnabled() && !stop->isEnabled());
        QCOMPARE(f.controller->runMonitor()->eventLog()->eventCount(), 0);
        QVERIFY(f.controller->lastSummary().logPath.isEmpty());
        QVERIFY(wrongHost.ledger().value(QLatin1String("instances")).toObject().isEmpty());
        box->close();
        f.window.activateWindow(); // offscreen, no window manager gives it back
        QVERIFY(QTest::qWaitForWindowActive(&f.window));

        // A service that accepts and never answers: Escape cancels the check.
        QTcpServer silent;
        QVERIFY(silent.listen(QHostAddress::LocalHost, 0));
        f.document.reset(at(QStringLiteral("http://127.0.0.1:%1").arg(silent.serverPort())), tls + QStringLiteral("remote.saga"));
        run->trigger();
        QTest::qWait(200);
        QVERIFY(f.controller->runController()->isCheckingConnections());
        QTest::keyClick(&f.window, Qt::Key_Escape);
        QVERIFY(!f.controller->runController()->isCheckingConnections());
        QVERIFY(!f.controller->isBusy());
        QVERIFY(run->isEnabled());
        QVERIFY2(messages.last().first().toString().contains(QStringLiteral("not started")),
                 qPrintable(messages.last().first().toString()));
        QCOMPARE(f.controller->runMonitor()->eventLog()->eventCount(), 0);
        // With no check running, Escape is the window's again (the canvas cancels a drawn
        // dependency with it): the key reaches the widgets.
        struct EscapeSeen : QObject
        {
            int count = 0;
            bool eventFilter(QObject *, QEvent *event) override
            {
                if (event->type() == QEvent::KeyPress && static_cast<QKeyEvent *>(event)->key() == Qt::Key_Escape)
                    ++count;
                return false;
            }
        } seen;
        f.window.installEventFilter(&seen);
        QTest::keyClick(&f.window, Qt::Key_Escape);
        QCOMPARE(seen.count, 1);
        f.window.removeEventFilter(&seen);
        // Another document while the check runs: the run it was checking never starts.
        run->trigger();
        QVERIFY(f.controller->runController()->isCheckingConnections());
        QSignalSpy started(f.controller->runController(), &RunController::runStarted);
        f.document.reset(at(goodUrl), tls + QStringLiteral("remote.saga"));
        QVERIFY(!f.controller->runController()->isCheckingConnections());
        QTest::qWait(300);
        QVERIFY(started.isEmpty());
        QVERIFY(!f.controller->isBusy());

        // The good server: the run starts (on the real clock: remote services answer in real time).
        f.document.reset(at(goodUrl), tls + QStringLiteral("remote.saga"));
        finished.clear();
        run->trigger();
        QVERIFY(finished.wait(30000) || finished.count() > 0);
        QVERIFY2(f.controller->lastSummary().error.isEmpty(), qPrintable(f.controller->lastSummary().error));
        QVERIFY(!f.controller->lastSummary().virtualTime);
        QCOMPARE(f.controller->lastSummary().completed + f.controller->lastSummary().compensated, 1);
        QVERIFY(f.controller->runMonitor()->eventLog()->eventCount() > 0);
        QCOMPARE(good.ledger().value(QLatin1String("instances")).toObject().size(), 1);
    }

    void businessFailureRollsBack()
    {
        Fixture f;
        f.controller->setSpeed(0);
        const bool modified = f.document.isModified();
        const int undoCount = f.document.undoStack()->count();
        QSignalSpy busy(f.controller, &MonitorController::busyChanged);
        QVERIFY(runToEnd(f.controller, QStringLiteral("--fail take_payment=business --virtual-time --seed 1")));
        QVERIFY(!f.controller->isBusy());
        QCOMPARE(busy.first().first().toBool(), true);
        QCOMPARE(busy.last().first().toBool(), false);
        QCOMPARE(drawnPhase(f.controller, QStringLiteral("create_order")), QStringLiteral("compensated"));
        QCOMPARE(drawnPhase(f.controller, QStringLiteral("reserve_stock")), QStringLiteral("compensated"));
        const StepRunDisplay pay = f.controller->overlay()->display(QStringLiteral("take_payment"));
        QCOMPARE(pay.phase, StepPhase::FailedBusiness);
        QVERIFY(!pay.pivotCommitted);
        QVERIFY(pay.text.contains(QStringLiteral("business")));
        QCOMPARE(drawnPhase(f.controller, QStringLiteral("ship_order")), QStringLiteral("pending"));
        QCOMPARE(drawnPhase(f.controller, QStringLiteral("award_points")), QStringLiteral("pending"));
        compareWithTrace(f.controller, f.document.definition());
        QCOMPARE(f.controller->lastSummary().compensated, 1);
        QCOMPARE(f.controller->lastSeed(), std::optional<quint64>(1));
        QCOMPARE(f.controller->seedText(), QString()); // the field is the user's, not the run's
        // Run state never enters the design or its undo stack.
        QCOMPARE(f.document.isModified(), modified);
        QCOMPARE(f.document.undoStack()->count(), undoCount);
    }

    void theSeedFieldStaysTheUsersAndARunCanBePinned()
    {
        // Seen: after one run the Seed field held its seed and the next run reused it.
        Fixture f;
        f.controller->setSpeed(0);
        QAction *run = f.window.findChild<QAction *>(QStringLiteral("runAction"));
        QVERIFY(run);
        QList<quint64> seeds;
        for (int i = 0; i < 3; ++i) {
            QSignalSpy finished(f.controller, &MonitorController::finished);
            run->trigger();
            QVERIFY(finished.wait(20000) || finished.count() > 0);
            QVERIFY(f.controller->lastSeed().has_value());
            seeds.append(*f.controller->lastSeed());
            QCOMPARE(f.controller->seedText(), QString());
            // The run says its seed in its summary and its event log.
            const QString seed = QString::number(seeds.last());
            QCOMPARE(f.controller->summaryPanel()->seedText(), seed);
            QVERIFY2(f.controller->eventLogPanel()->countText().contains(seed),
                     qPrintable(f.controller->eventLogPanel()->countText()));
        }
        QCOMPARE(QSet<quint64>(seeds.cbegin(), seeds.cend()).size(), 3);

        // Pinned, the next run replays it.
        QVERIFY(f.controller->summaryPanel()->pinSeedButton()->isEnabled());
        f.controller->summaryPanel()->pinSeedButton()->click();
        QCOMPARE(f.controller->seedText(), QString::number(seeds.last()));
        QSignalSpy finished(f.controller, &MonitorController::finished);
        run->trigger();
        QVERIFY(finished.wait(20000) || finished.count() > 0);
        QCOMPARE(f.controller->lastSeed(), std::optional<quint64>(seeds.last()));
    }

    void runNFailurePresets()
    {
        Fixture f;
        f.controller->setSpeed(0);
        const SagaDefinition design = f.document.definition();
        const auto run = [&f](const FailurePreset &preset) {
            RunOptions options;
            options.instances = 20;
            options.concurrency = 5;
            options.virtualTime = true;
            options.seed = 11;
            QSignalSpy finished(f.controller, &MonitorController::finished);
            QString error;
            if (!f.controller->startRun(options, preset, &error)) {
                qWarning() << error;
                return false;
            }
            return finished.wait(20000) || finished.count() > 0;
        };
        // None: nothing fails, whatever the file says.
        FailurePreset none;
        none.kind = FailurePreset::Kind::None;
        QVERIFY(run(none));
        QCOMPARE(f.controller->lastSummary().completed, 20);
        // A chosen failure on a chosen step: every instance rolls back.
        FailurePreset chosen;
        chosen.kind = FailurePreset::Kind::ChosenFailure;
        chosen.step = QStringLiteral("take_payment");
        chosen.failure = FailureKind::Business;
        QVERIFY(run(chosen));
        QCOMPARE(f.controller->lastSummary().compensated, 20);
        // Chaos, all business: every instance is compensated at its first compensatable-or-pivot step.
        FailurePreset chaos;
        chaos.kind = FailurePreset::Kind::Chaos;
        chaos.technicalRate = 0;
        chaos.businessRate = 1;
        QVERIFY(run(chaos));
        QCOMPARE(f.controller->lastSummary().completed, 0);
        // The design is not touched.
        QVERIFY(f.document.definition() == design);
        // An unknown step is refused with its name.
        chosen.step = QStringLiteral("nope");
        QString error;
        QVERIFY(!f.controller->startRun(RunOptions{}, chosen, &error));
        QVERIFY(error.contains(QLatin1String("nope")));
    }

    void injectMenuTicksTheFailureThatIsSet()
    {
        Fixture f;
        QVERIFY(f.controller->setInjectedFault(QStringLiteral("take_payment"), QStringLiteral("business"), false));
        QMenu menu;
        QVERIFY(f.scene->populateStepMenu(QStringLiteral("take_payment"), &menu));
        QMenu *inject = nullptr;
        for (QAction *a : menu.actions()) {
            if (a->menu() && a->text().contains(QLatin1String("Inject")))
                inject = a->menu();
        }
        QVERIFY(inject);
        QStringList ticked;
        for (QAction *a : inject->actions()) {
            if (a->isChecked())
                ticked << a->text();
        }
        QCOMPARE(ticked, QStringList{QStringLiteral("Business Failure")});
    }

    void timeoutIsCompensated()
    {
        Fixture f;
        f.controller->setSpeed(0);
        QVERIFY(runToEnd(f.controller, QStringLiteral("--fail reserve_stock=timeout:3 --virtual-time --seed 1")));
        QCOMPARE(drawnPhase(f.controller, QStringLiteral("create_order")), QStringLiteral("compensated"));
        const StepRunDisplay reserve = f.controller->overlay()->display(QStringLiteral("reserve_stock"));
        QCOMPARE(reserve.phase, StepPhase::Compensated); // its effect was unknown: compensated
        QVERIFY(reserve.text.contains(QStringLiteral("timeout")));
        QCOMPARE(drawnPhase(f.controller, QStringLiteral("take_payment")), QStringLiteral("pending"));
        QCOMPARE(drawnPhase(f.controller, QStringLiteral("ship_order")), QStringLiteral("pending"));
        compareWithTrace(f.controller, f.document.definition());
    }

    void failureAfterPivotGoesForward()
    {
        Fixture f;
        f.controller->setSpeed(0);
        QVERIFY(runToEnd(f.controller, QStringLiteral("--fail ship_order=technical:2 --virtual-time --seed 1")));
        for (const QString &step : Steps)
            QCOMPARE(drawnPhase(f.controller, step), QStringLiteral("succeeded"));
        const StepRunDisplay ship = f.controller->overlay()->display(QStringLiteral("ship_order"));
        QVERIFY2(ship.text.contains(QStringLiteral("attempt 3")), qPrintable(ship.text)); // retried twice
        QVERIFY(f.controller->overlay()->display(QStringLiteral("take_payment")).pivotCommitted);
        QCOMPARE(f.controller->lastSummary().completed, 1);
        QCOMPARE(f.controller->lastSummary().compensated, 0);
        compareWithTrace(f.controller, f.document.definition());
    }

    void animationAtOneTimesSpeedEndsOnTheTrace()
    {
        // Played back at 1x (trace time) with tokens: busy lasts until the last token arrived,
        // and the end state is still the trace's.
        Fixture f;
        f.window.resize(900, 600);
        f.window.show();
        f.controller->setSpeed(0.5);
        QList<int> tokensSeen;
        QList<QString> reservePhases;
        connect(f.controller->runMonitor(), &RunMonitor::updated, f.controller, [&] {
            tokensSeen << f.controller->overlay()->tokenCount();
            reservePhases << drawnPhase(f.controller, QStringLiteral("reserve_stock"));
        });
        QVERIFY(runToEnd(f.controller, QStringLiteral("--fail take_payment=business --virtual-time --seed 1")));
        QVERIFY(!f.controller->overlay()->isAnimating());
        QCOMPARE(f.controller->overlay()->tokenCount(), 0);
        QVERIFY(std::any_of(tokensSeen.cbegin(), tokensSeen.cend(), [](int n) { return n > 0; }));
        // Slowed down, the frames went through the phases in order: succeeded before compensated.
        QVERIFY(reservePhases.contains(QStringLiteral("succeeded")));
        QVERIFY(reservePhases.indexOf(QStringLiteral("succeeded")) < reservePhases.indexOf(QStringLiteral("compensated")));
        compareWithTrace(f.controller, f.document.definition());
    }

    void runningTimeTicksBetweenEvents()
    {
        // At 0.1x, take_payment (80-300 ms of simulated latency) runs for 0.8 s or more of wall
        // time without an event: its running time still goes up on the card.
        Fixture f;
        f.controller->setSpeed(0.1);
        QSignalSpy finished(f.controller, &MonitorController::finished);
        QString error;
        QVERIFY(f.controller->startRun(QStringLiteral("--virtual-time --seed 5"), &error));
        QTRY_COMPARE_WITH_TIMEOUT(drawnPhase(f.controller, QStringLiteral("take_payment")), QStringLiteral("running"), 10000);
        auto runningMs = [&] {
            const QString text = f.controller->overlay()->display(QStringLiteral("take_payment")).text;
            static const QRegularExpression ms(QStringLiteral("running (\\d+) ms"));
            const auto m = ms.match(text);
            return m.hasMatch() ? m.captured(1).toInt() : -1;
        };
        const int first = runningMs();
        QVERIFY(first >= 0);
        QTest::qWait(350);
        QCOMPARE(drawnPhase(f.controller, QStringLiteral("take_payment")), QStringLiteral("running"));
        QVERIFY2(runningMs() > first + 10, qPrintable(QStringLiteral("%1 -> %2").arg(first).arg(runningMs())));
        f.controller->setSpeed(0);
        QVERIFY(finished.wait(20000) || finished.count() > 0);
        compareWithTrace(f.controller, f.document.definition());
    }

    void injectedFaultFromTheCanvas()
    {
        Fixture f;
        f.controller->setSpeed(0);
        const int undoCount = f.document.undoStack()->count();
        QString error;
        QVERIFY(!f.controller->setInjectedFault(QStringLiteral("take_payment"), QStringLiteral("sometimes"), false, &error));
        QVERIFY(!error.isEmpty());
        QVERIFY(f.controller->setInjectedFault(QStringLiteral("take_payment"), QStringLiteral("business"), false, &error));
        QCOMPARE(f.controller->overlay()->display(QStringLiteral("take_payment")).fault, QStringLiteral("business"));
        QCOMPARE(f.document.undoStack()->count(), undoCount); // never in undo
        // The step's context menu offers it (through the scene's hook).
        QMenu menu;
        QVERIFY(f.scene->populateStepMenu(QStringLiteral("take_payment"), &menu));
        QVERIFY(runToEnd(f.controller, QStringLiteral("--virtual-time --seed 4")));
        QCOMPARE(drawnPhase(f.controller, QStringLiteral("take_payment")), QStringLiteral("failed_business"));
        QCOMPARE(drawnPhase(f.controller, QStringLiteral("create_order")), QStringLiteral("compensated"));
        // Cleared: the next run completes.
        QVERIFY(f.controller->setInjectedFault(QStringLiteral("take_payment"), QString(), false));
        QVERIFY(f.controller->overlay()->display(QStringLiteral("take_payment")).fault.isEmpty());
        QVERIFY(runToEnd(f.controller, QStringLiteral("--virtual-time --seed 4")));
        QCOMPARE(drawnPhase(f.controller, QStringLiteral("take_payment")), QStringLiteral("succeeded"));
    }

    void breakpointThenStep()
    {
        Fixture f;
        f.controller->setSpeed(0);
        f.controller->setBreakpoint(QStringLiteral("take_payment"), OperationKind::Action, true);
        QVERIFY(f.controller->overlay()->display(QStringLiteral("take_payment")).breakpoint);
        QSignalSpy paused(f.controller, &MonitorController::paused);
        QSignalSpy finished(f.controller, &MonitorController::finished);
        QString error;
        QVERIFY2(f.controller->startRun(QStringLiteral("--virtual-time --seed 2"), &error), qPrintable(error));
        QVERIFY(paused.wait(10000));
        QVERIFY(f.controller->isPaused());
        QVERIFY(f.controller->isBusy());
        const PauseInfo at = paused.last().first().value<PauseInfo>();
        QCOMPARE(at.reason, PauseInfo::Reason::Breakpoint);
        QCOMPARE(at.step, QStringLiteral("take_payment"));
        QCOMPARE(at.operation, OperationKind::Action);
        QCOMPARE(f.controller->selectedInstance(), at.instance);
        // Held before take_payment's attempt: reserve_stock done, the pivot not started.
        QCOMPARE(drawnPhase(f.controller, QStringLiteral("reserve_stock")), QStringLiteral("succeeded"));
        QCOMPARE(drawnPhase(f.controller, QStringLiteral("take_payment")), QStringLiteral("pending"));
        // The card where the run stands is marked (seen: it was not).
        QCOMPARE(f.controller->overlay()->pausedAt(), QStringLiteral("take_payment"));
        QVERIFY(!f.controller->overlay()->display(QStringLiteral("take_payment")).paused.isEmpty());
        QVERIFY(f.controller->overlay()->display(QStringLiteral("reserve_stock")).paused.isEmpty());
        QSignalSpy messages(f.controller, &MonitorController::message);
        const RunState &state = f.controller->runMonitor()->state();
        qint64 applied = state.appliedCount();
        QStringList seen;
        // Each step delivers exactly one transition, the one its pause names, and the canvas
        // draws it at once.
        const EventLogModel *log = f.controller->runMonitor()->eventLog();
        QList<TraceEvent> stepped;
        for (int i = 0; i < 3; ++i) {
            const int before = int(paused.count());
            f.controller->step();
            QTRY_VERIFY_WITH_TIMEOUT(paused.count() > before, 5000);
            QCOMPARE(finished.count(), 0);
            QCOMPARE(state.appliedCount(), applied + 1);
            applied = state.appliedCount();
            const PauseInfo info = paused.last().first().value<PauseInfo>();
            QCOMPARE(info.reason, PauseInfo::Reason::Step);
            const QList<TraceEvent> events = log->eventsOf(at.instance);
            QVERIFY(!events.isEmpty());
            const TraceEvent &last = events.last();
            QCOMPARE(info.step, last.step);
            QCOMPARE(info.t, last.t);
            stepped << last;
            seen << drawnPhase(f.controller, QStringLiteral("take_payment"));
            // The mark and the status bar follow the transition just made (seen: "Stepped
            // before the compensation of reserve_stock" when it had finished).
            QCOMPARE(f.controller->overlay()->pausedAt(), last.step);
            QVERIFY(!messages.isEmpty());
            const QString said = messages.last().first().toString();
            const QString expected = last.event == TraceEventType::StepStarted
                                         ? QStringLiteral("%1 started").arg(last.step)
                                         : QStringLiteral("%1 succeeded").arg(last.step);
            QVERIFY2(said.contains(expected), qPrintable(said));
            QVERIFY2(!said.startsWith(QLatin1String("Stepped before")), qPrintable(said));
        }
        QCOMPARE(stepped.at(0).step, QStringLiteral("take_payment"));
        QCOMPARE(stepped.at(0).event, TraceEventType::StepStarted);
        QCOMPARE(stepped.at(1).step, QStringLiteral("take_payment"));
        QCOMPARE(stepped.at(1).event, TraceEventType::StepSucceeded);
        QCOMPARE(stepped.at(2).event, TraceEventType::StepStarted);
        QCOMPARE(seen, (QStringList{QStringLiteral("running"), QStringLiteral("succeeded"), QStringLiteral("succeeded")}));
        QCOMPARE(drawnPhase(f.controller, stepped.at(2).step), QStringLiteral("running"));
        f.controller->resume();
        QVERIFY(finished.wait(10000) || finished.count() > 0);
        QVERIFY(f.controller->overlay()->pausedAt().isEmpty()); // no mark once it runs on
        for (const QString &step : Steps)
            QCOMPARE(drawnPhase(f.controller, step), QStringLiteral("succeeded"));
        compareWithTrace(f.controller, f.document.definition());
    }

    void breakInTheSelectedInstanceOnly()
    {
        Fixture f;
        f.controller->setSpeed(0);
        f.controller->setBreakpoint(QStringLiteral("take_payment"), OperationKind::Action, true);
        const QString options = QStringLiteral("--instances 6 --concurrency 6 --virtual-time --seed 5");
        // Resumes at every pause until the run ends; the instances it paused in.
        auto pausesOfARun = [&] {
            QSignalSpy paused(f.controller, &MonitorController::paused);
            QSignalSpy finished(f.controller, &MonitorController::finished);
            QStringList instances;
            QString error;
            if (!f.controller->startRun(options, &error))
                return QStringList{error};
            while (finished.count() == 0) {
                if (!QTest::qWaitFor([&] { return paused.count() > instances.size() || finished.count() > 0; }, 15000))
                    return QStringList{QStringLiteral("timed out")};
                if (paused.count() > instances.size()) {
                    const PauseInfo info = paused.at(instances.size()).first().value<PauseInfo>();
                    instances << info.instance;
                    if (f.controller->selectedInstance() != info.instance)
                        return QStringList{QStringLiteral("the paused instance is not shown")};
                    f.controller->resume();
                }
            }
            return instances;
        };
        // Every instance of a Run N stops at the breakpoint...
        QCOMPARE(pausesOfARun().size(), 6);
        // ...unless only the selected one does: here the first to reach it, which the canvas then shows.
        f.controller->setBreakInSelectedInstanceOnly(true);
        QVERIFY(f.controller->breaksInSelectedInstanceOnly());
        const QStringList once = pausesOfARun();
        QCOMPARE(once.size(), 1);
        QCOMPARE(f.controller->lastSummary().completed, 6);
        QAction *toggle = nullptr;
        for (QAction *a : f.controller->actions())
            if (a->objectName() == QLatin1String("breakSelectedOnlyAction"))
                toggle = a;
        QVERIFY(toggle && toggle->isCheckable() && toggle->isChecked());
    }

    void injectAtABreakpoint()
    {
        // Paused before the pivot, the user injects a business failure right then: the run rolls back.
        Fixture f;
        f.controller->setSpeed(0);
        f.controller->setBreakpoint(QStringLiteral("take_payment"), OperationKind::Action, true);
        QSignalSpy paused(f.controller, &MonitorController::paused);
        QSignalSpy finished(f.controller, &MonitorController::finished);
        QString error;
        QVERIFY(f.controller->startRun(QStringLiteral("--virtual-time --seed 2"), &error));
        QVERIFY(paused.wait(10000));
        QVERIFY(f.controller->setInjectedFault(QStringLiteral("take_payment"), QStringLiteral("business"), false, &error));
        f.controller->setBreakpoint(QStringLiteral("take_payment"), OperationKind::Action, false);
        f.controller->resume();
        QVERIFY(finished.wait(10000) || finished.count() > 0);
        QCOMPARE(drawnPhase(f.controller, QStringLiteral("take_payment")), QStringLiteral("failed_business"));
        QCOMPARE(drawnPhase(f.controller, QStringLiteral("reserve_stock")), QStringLiteral("compensated"));
        QCOMPARE(drawnPhase(f.controller, QStringLiteral("create_order")), QStringLiteral("compensated"));
        compareWithTrace(f.controller, f.document.definition());
    }

    void marksFollowARenamedStep()
    {
        Fixture f;
        f.controller->setSpeed(0);
        const QString pay = QStringLiteral("take_payment"), charge = QStringLiteral("charge_card");
        f.controller->setBreakpoint(pay, OperationKind::Action, true);
        QString error;
        QVERIFY(f.controller->injectFault(QStringLiteral("ship_order"), OperationKind::Action, FailureKind::Technical, 2, &error));

        // Renamed: the breakpoint and the fault go with the step, on the card and in the controller.
        f.document.renameStep(pay, charge);
        QVERIFY(f.controller->hasBreakpoint(charge, OperationKind::Action));
        QVERIFY(!f.controller->hasBreakpoint(pay, OperationKind::Action));
        QVERIFY(f.controller->overlay()->display(charge).breakpoint);
        QVERIFY(!f.controller->overlay()->display(pay).breakpoint);
        f.document.renameStep(QStringLiteral("ship_order"), QStringLiteral("dispatch"));
        QCOMPARE(f.controller->injectedFault(QStringLiteral("dispatch"), OperationKind::Action).kind, FailureKind::Technical);
        QCOMPARE(f.controller->injectedFault(QStringLiteral("dispatch"), OperationKind::Action).attempts, 2);
        QCOMPARE(f.controller->injectedFault(QStringLiteral("ship_order"), OperationKind::Action).kind, FailureKind::None);
        QVERIFY(!f.controller->overlay()->display(QStringLiteral("dispatch")).fault.isEmpty());
        QVERIFY(f.controller->overlay()->display(QStringLiteral("ship_order")).fault.isEmpty());

        // Undo renames back, marks included.
        f.document.undoStack()->undo();
        QCOMPARE(f.controller->injectedFault(QStringLiteral("ship_order"), OperationKind::Action).kind, FailureKind::Technical);
        f.document.undoStack()->redo();

        // The next run breaks at the step under its new name, and the fault still applies.
        QSignalSpy paused(f.controller, &MonitorController::paused);
        QSignalSpy finished(f.controller, &MonitorController::finished);
        QVERIFY2(f.controller->startRun(QStringLiteral("--virtual-time --seed 2"), &error), qPrintable(error));
        QVERIFY(paused.wait(10000));
        QCOMPARE(paused.last().first().value<PauseInfo>().step, charge);
        f.controller->setBreakpoint(charge, OperationKind::Action, false);
        f.controller->resume();
        QVERIFY(finished.wait(10000) || finished.count() > 0);
        int failedAttempts = 0;
        for (const TraceEvent &e : f.controller->runMonitor()->eventLog()->events())
            if (e.step == QStringLiteral("dispatch") && e.event == TraceEventType::StepFailed)
                ++failedAttempts;
        QCOMPARE(failedAttempts, 2);
    }

    void aRemovedStepsFaultWaitsForUndo()
    {
        Fixture f;
        f.controller->setSpeed(0);
        QString error;
        QVERIFY(f.controller->injectFault(QStringLiteral("award_points"), OperationKind::Action, FailureKind::Technical, 1, &error));
        f.document.removeSteps({QStringLiteral("award_points")});
        // The saga without the step runs, untroubled by the fault of a step it no longer has.
        QVERIFY(runToEnd(f.controller, QStringLiteral("--virtual-time --seed 4")));
        QCOMPARE(f.controller->lastSummary().completed, 1);
        QVERIFY(f.controller->lastSummary().error.isEmpty());
        // Undo brings the step back with its fault.
        f.document.undoStack()->undo();
        QCOMPARE(f.controller->injectedFault(QStringLiteral("award_points"), OperationKind::Action).kind, FailureKind::Technical);
        QVERIFY(!f.controller->overlay()->display(QStringLiteral("award_points")).fault.isEmpty());
    }

    void toolbarFollowsTheRun()
    {
        Fixture f;
        QCOMPARE(f.controller->docks().size(), 5);
        QMainWindow &w = f.window;
        f.controller->addDocksTo(&w);
        for (QDockWidget *dock : f.controller->docks())
            QCOMPARE(w.dockWidgetArea(dock), Qt::BottomDockWidgetArea);
        auto action = [&](const char *name) {
            for (QAction *a : f.controller->actions())
                if (a->objectName() == QLatin1String(name))
                    return a;
            return static_cast<QAction *>(nullptr);
        };
        QVERIFY(action("runAction") && action("pauseAction") && action("stepAction") && action("stopAction"));
        QVERIFY(action("runAction")->isEnabled());
        QVERIFY(!action("pauseAction")->isEnabled());
        QVERIFY(!action("stepAction")->isEnabled());
        QVERIFY(!action("stopAction")->isEnabled());

        f.controller->setSpeed(0);
        f.controller->setBreakpoint(QStringLiteral("ship_order"), OperationKind::Action, true);
        QSignalSpy paused(f.controller, &MonitorController::paused);
        QSignalSpy finished(f.controller, &MonitorController::finished);
        QString error;
        QVERIFY(f.controller->startRun(QStringLiteral("--virtual-time --seed 9"), &error));
        QVERIFY(!action("runAction")->isEnabled());
        QVERIFY(action("stopAction")->isEnabled());
        QVERIFY(paused.wait(10000));
        QVERIFY(action("pauseAction")->isChecked());
        QVERIFY(action("stepAction")->isEnabled());
        // The pivot committed before the breakpoint: its card says so.
        QVERIFY(f.controller->overlay()->display(QStringLiteral("take_payment")).pivotCommitted);
        action("pauseAction")->trigger(); // unchecked: resume
        QVERIFY(finished.wait(10000) || finished.count() > 0);
        QVERIFY(action("runAction")->isEnabled());
        QVERIFY(!action("stepAction")->isEnabled());
        QVERIFY(!action("pauseAction")->isChecked());
        QCOMPARE(drawnPhase(f.controller, QStringLiteral("award_points")), QStringLiteral("succeeded"));
    }

    void aRunReservesRoomForItsInstances()
    {
        // The indices by instance id are sized before the first event arrives, so that no frame of
        // the run pays for rehashing them (bench/monitor: 8 ms at 8,192 instances).
        Fixture f;
        f.controller->setSpeed(0);
        QVERIFY(f.controller->runMonitor()->state().instanceCapacity() < 9000);
        QString error;
        QVERIFY2(f.controller->startRun(QStringLiteral("--instances 9000 --concurrency 50 --virtual-time --seed 3"), &error),
                 qPrintable(error));
        QCOMPARE(f.controller->runMonitor()->state().instanceCount(), 0);
        QVERIFY(f.controller->runMonitor()->state().instanceCapacity() >= 9000);
        f.controller->stop();
        QTRY_VERIFY_WITH_TIMEOUT(!f.controller->isBusy(), 20000);
    }

    void badOptionsAreRefused()
    {
        Fixture f;
        QString error;
        QVERIFY(!f.controller->startRun(QStringLiteral("--fail no_such_step=business"), &error));
        QVERIFY2(error.contains(QStringLiteral("no_such_step")), qPrintable(error));
        QVERIFY(!f.controller->isBusy());
    }

    void replayShowsStateAtK()
    {
        QTemporaryDir dir;
        const QString db = dir.filePath(QStringLiteral("checkout.db"));
        {
            Fixture f;
            f.controller->setSpeed(0);
            QVERIFY(runToEnd(f.controller, QStringLiteral("--fail take_payment=business --virtual-time --seed 1 --db ") + db));
        }
        Fixture f;
        QSignalSpy finished(f.controller, &MonitorController::finished);
        QString error;
        QVERIFY2(f.controller->openLog(db, &error), qPrintable(error));
        QVERIFY(finished.wait(10000) || finished.count() > 0);
        const QString instance = f.controller->selectedInstance();
        QVERIFY(!instance.isEmpty());
        const QList<TraceEvent> events = f.controller->runMonitor()->eventLog()->eventsOf(instance);
        QVERIFY(events.size() > 10);
        QCOMPARE(f.controller->scrubLength(), int(events.size()));
        const SagaDefinition definition = f.document.definition();
        QStringList phasesSeen;
        for (int k = 0; k <= events.size(); ++k) {
            f.controller->scrubTo(k);
            QCOMPARE(f.controller->scrubPosition(), k);
            QString unmodelled;
            const auto expected = foldPhases(Steps, events.mid(0, k), &unmodelled);
            QVERIFY2(unmodelled.isEmpty(), qPrintable(QStringLiteral("the test's fold does not model ") + unmodelled));
            for (const QString &step : Steps) {
                const StepRunDisplay shown = f.controller->overlay()->display(step);
                if (!expected) {
                    QVERIFY(!shown.active);
                    continue;
                }
                QVERIFY2(shown.active, qPrintable(QStringLiteral("k=%1 %2").arg(k).arg(step)));
                QCOMPARE(stepPhaseName(shown.phase), stepPhaseName(expected->value(step)));
                if (step == QStringLiteral("reserve_stock") && !phasesSeen.contains(stepPhaseName(shown.phase)))
                    phasesSeen << stepPhaseName(shown.phase);
            }
        }
        // The replay walked reserve_stock through its whole life.
        QCOMPARE(phasesSeen, (QStringList{QStringLiteral("pending"), QStringLiteral("running"), QStringLiteral("succeeded"),
                                          QStringLiteral("compensating"), QStringLiteral("compensated")}));
        // Somewhere in the middle, reserve_stock had succeeded and was not yet compensated.
        int k = 0;
        while (k < events.size() && !(events[k].step == QStringLiteral("reserve_stock")
                                      && events[k].event == TraceEventType::StepSucceeded))
            ++k;
        f.controller->scrubTo(k + 1);
        QCOMPARE(f.controller->overlay()->display(QStringLiteral("reserve_stock")).phase, StepPhase::Succeeded);
        f.controller->scrubTo(-1);
        QCOMPARE(f.controller->overlay()->display(QStringLiteral("reserve_stock")).phase, StepPhase::Compensated);
    }

    void openLogRefusesWhatIsNotALog()
    {
        Fixture f;
        QString error;
        QVERIFY(!f.controller->openLog(QStringLiteral(SAGASCOPE_EXAMPLES_DIR "/no-such.db"), &error));
        QVERIFY(error.contains(QStringLiteral("no-such.db")));
        error.clear();
        QVERIFY(!f.controller->openLog(QStringLiteral(SAGASCOPE_EXAMPLES_DIR "/order-checkout.saga"), &error));
        QVERIFY2(!error.isEmpty(), "a .saga file is not a saga log");
    }

    void followsAnotherProcess()
    {
        if (!QFile::exists(QStringLiteral(SAGASCOPE_CLI_PATH)))
            QSKIP("sagascope-cli is not built");
        QTemporaryDir dir;
        const QString db = dir.filePath(QStringLiteral("live.db"));
        QProcess cli;
        cli.start(QStringLiteral(SAGASCOPE_CLI_PATH),
                  {QStringLiteral("run"), QStringLiteral(SAGASCOPE_EXAMPLES_DIR "/order-checkout.saga"), QStringLiteral("--db"), db,
                   QStringLiteral("--instances"), QStringLiteral("150"), QStringLiteral("--concurrency"), QStringLiteral("3"),
                   QStringLiteral("--seed"), QStringLiteral("7"), QStringLiteral("--quiet")});
        QVERIFY(cli.waitForStarted());
        QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(db), 5000);
        QTest::qWait(200);

        Fixture f; // no saga open: the log's definition is shown
        f.document.reset(SagaDefinition());
        QString error;
        QElapsedTimer clock;
        clock.start();
        QVERIFY2(f.controller->openLog(db, &error), qPrintable(error));
        QTRY_VERIFY_WITH_TIMEOUT(f.controller->runMonitor()->state().instanceCount() > 0, 3000);
        const int first = f.controller->runMonitor()->state().instanceCount();
        QVERIFY(clock.elapsed() < 3000);
        QCOMPARE(f.document.definition().steps.size(), 5); // the canvas shows the log's saga
        QVERIFY(f.scene->stepItem(QStringLiteral("take_payment")));
        QVERIFY2(cli.state() == QProcess::Running, "the writer should still be running while we follow");
        // New instances appear while the other process writes.
        QTRY_VERIFY_WITH_TIMEOUT(f.controller->runMonitor()->state().instanceCount() > first, 3000);
        QVERIFY(cli.waitForFinished(60000));
        QCOMPARE(cli.exitCode(), 0);
        QTRY_COMPARE_WITH_TIMEOUT(f.controller->runMonitor()->state().statusCount(InstanceStatus::Completed), 150, 3000);
        QCOMPARE(f.controller->runMonitor()->state().instanceCount(), 150);
        f.controller->stop();
    }

    void followsAWriterThatIsKilled()
    {
        if (!QFile::exists(QStringLiteral(SAGASCOPE_CLI_PATH)))
            QSKIP("sagascope-cli is not built");
        QTemporaryDir dir;
        const QString db = dir.filePath(QStringLiteral("killed.db"));
        QProcess cli; // far more instances than it will live to start
        cli.start(QStringLiteral(SAGASCOPE_CLI_PATH),
                  {QStringLiteral("run"), QStringLiteral(SAGASCOPE_EXAMPLES_DIR "/order-checkout.saga"), QStringLiteral("--db"), db,
                   QStringLiteral("--instances"), QStringLiteral("5000"), QStringLiteral("--concurrency"), QStringLiteral("50"),
                   QStringLiteral("--quiet")});
        QVERIFY(cli.waitForStarted());
        QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(db), 5000);

        Fixture f;
        QSignalSpy gone(f.controller, &MonitorController::writerGone);
        QString error;
        // The file exists a moment before its schema does ("an empty database"): wait for a log.
        QTRY_VERIFY_WITH_TIMEOUT(f.controller->openLog(db, &error), 5000);
        QTRY_VERIFY_WITH_TIMEOUT(f.controller->runMonitor()->state().statusCount(InstanceStatus::Running) > 0, 5000);
        QTest::qWait(2 * f.controller->runController()->writerCheckInterval()); // alive: nothing said
        QCOMPARE(gone.count(), 0);
        QCOMPARE(f.controller->summaryPanel()->captionText(SummaryPanel::RunningTile), QStringLiteral("Running"));

        cli.kill(); // SIGKILL: the writer cleans nothing up
        QVERIFY(cli.waitForFinished(10000));
        QVERIFY(gone.wait(10000));
        const int unfinished = gone.first().first().toInt();
        QVERIFY(unfinished > 0);
        QCOMPARE(f.controller->runMonitor()->state().statusCount(InstanceStatus::Running), unfinished);
        QVERIFY(f.controller->runController()->isWriterGone());
        QVERIFY(f.controller->summaryPanel()->captionText(SummaryPanel::RunningTile).contains(QStringLiteral("writer gone")));
        QVERIFY(f.controller->summaryPanel()->captionText(SummaryPanel::ThroughputTile).contains(QStringLiteral("stopped")));
        const QString throughput = f.controller->summaryPanel()->valueText(SummaryPanel::ThroughputTile);
        QTest::qWait(1500);
        QCOMPARE(f.controller->summaryPanel()->valueText(SummaryPanel::ThroughputTile), throughput); // frozen

        // The window asks "recover it?"; Recover finishes every started instance.
        QMessageBox *box = f.window.findChild<QMessageBox *>(QStringLiteral("writerGoneMessageBox"));
        QVERIFY(box);
        QCOMPARE(box->text(), QStringLiteral("The run stopped unexpectedly: recover it?"));
        QVERIFY2(box->informativeText().contains(db), qPrintable(box->informativeText()));
        const int instances = f.controller->runMonitor()->state().instanceCount();
        QAbstractButton *recover = nullptr;
        for (QAbstractButton *b : box->buttons())
            if (b->text().remove(QLatin1Char('&')) == QStringLiteral("Recover"))
                recover = b;
        QVERIFY(recover);
        recover->click();
        QTRY_VERIFY_WITH_TIMEOUT(!f.controller->runController()->isRunning(), 30000);
        QTRY_COMPARE_WITH_TIMEOUT(f.controller->runMonitor()->state().statusCount(InstanceStatus::Running), 0, 5000);
        QCOMPARE(f.controller->runMonitor()->state().instanceCount(), instances);
        QVERIFY2(f.controller->lastSummary().error.isEmpty(), qPrintable(f.controller->lastSummary().error));
    }
};

QTEST_MAIN(TestMonitorController)
#include "tst_monitorcontroller.moc"
