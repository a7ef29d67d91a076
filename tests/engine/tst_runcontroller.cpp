// SPDX-License-Identifier: MIT
// RunController without a display: runs of examples/order-checkout.saga on the embedded engine,
// paused at a breakpoint and walked one transition at a time (each transition checked against
// the trace events themselves), breakpoints and faults kept by step id across renames, and the
// refusals of start() and openLog(); with connection checks on (the desktop's), a remote run
// checked against real HTTPS demo services on 127.0.0.1 before anything starts.
#include "remotetesthelpers.h"
#include "runcontroller.h"
#include "sagafile.h"
#include "testconfig.h"

#include <QSignalSpy>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

using namespace Sagascope;

namespace {

SagaDefinition orderCheckout()
{
    const LoadResult loaded = SagaFile::load(QStringLiteral(SAGASCOPE_EXAMPLES_DIR "/order-checkout.saga"));
    if (!loaded.ok())
        qFatal("cannot load order-checkout.saga: %s", qPrintable(loaded.error.toString()));
    return *loaded.definition;
}

RunOptions virtualRun(quint64 seed)
{
    RunOptions options;
    options.virtualTime = true;
    options.seed = seed;
    return options;
}

/** Collects every event the controller sends. */
struct Trace
{
    QList<TraceEvent> events;
    explicit Trace(RunController *controller)
    {
        QObject::connect(controller, &RunController::traceEvents, controller,
                         [this](const QList<TraceEvent> &batch) { events += batch; });
    }
    bool has(const QString &step, TraceEventType type) const
    {
        return std::any_of(events.cbegin(), events.cend(),
                           [&](const TraceEvent &e) { return e.step == step && e.event == type; });
    }
};

using Test::remoteCheckout;

/** A RunController with connection checks on, as the desktop's, and what it sends. */
struct CheckedController
{
    RunController controller;
    Trace trace{&controller};
    QSignalSpy started{&controller, &RunController::runStarted};
    QSignalSpy refused{&controller, &RunController::runRefused};
    QSignalSpy finished{&controller, &RunController::runFinished};
    QSignalSpy messages{&controller, &RunController::message};
    CheckedController() { controller.setConnectionChecks(true); }
};

/** A real-clock run of one instance with the input the remote example needs; caFile next to data/tls. */
RunOptions remoteRun()
{
    RunOptions options;
    options.inputs = QJsonArray{QJsonObject{{"customer", "alice"}, {"sku", "sku-1"}, {"qty", 1}, {"amount", 10}, {"points", 3}}};
    options.baseDir = Test::tlsData();
    return options;
}

} // namespace

class TestRunController : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void aStepSaysWhatTheTransitionDid()
    {
        // A Step pauses after its transition: the words say what happened, never "before".
        TraceEvent event;
        event.instance = QStringLiteral("i1");
        event.step = QStringLiteral("reserve_stock");
        event.event = TraceEventType::CompensationSucceeded;
        event.attempt = 1;
        PauseInfo info = PauseInfo::from(PauseInfo::Reason::Step, event);
        QCOMPARE(RunController::describeTransition(info), QStringLiteral("the compensation of reserve_stock finished"));
        event.event = TraceEventType::CompensationStarted;
        info = PauseInfo::from(PauseInfo::Reason::Step, event);
        QCOMPARE(RunController::describeTransition(info), QStringLiteral("the compensation of reserve_stock started"));
        event.event = TraceEventType::StepFailed;
        event.attempt = 2;
        info = PauseInfo::from(PauseInfo::Reason::Step, event);
        QCOMPARE(RunController::describeTransition(info), QStringLiteral("reserve_stock failed (attempt 2)"));
    }
    void breakpointThenStepWalksOneTransitionAtATime()
    {
        RunController controller;
        controller.setSpeed(0);
        const StepId payment = QStringLiteral("take_payment");
        QSignalSpy changed(&controller, &RunController::stepRunChanged);
        controller.setBreakpoint(payment, OperationKind::Action, true);
        QCOMPARE(changed.count(), 1);
        QVERIFY(controller.hasBreakpoint(payment, OperationKind::Action));
        QVERIFY(!controller.hasBreakpoint(payment, OperationKind::Compensation));

        Trace trace(&controller);
        QSignalSpy paused(&controller, &RunController::paused);
        QSignalSpy finished(&controller, &RunController::runFinished);
        QString error;
        QVERIFY2(controller.start(orderCheckout(), virtualRun(2), &error), qPrintable(error));
        QVERIFY(controller.isRunning());
        QVERIFY(controller.isBusy());
        QVERIFY(paused.wait(10000));

        // Where it paused: at the breakpoint, before take_payment's action was started.
        const PauseInfo at = paused.last().first().value<PauseInfo>();
        QCOMPARE(at.reason, PauseInfo::Reason::Breakpoint);
        QCOMPARE(at.step, payment);
        QCOMPARE(at.operation, OperationKind::Action);
        QVERIFY(controller.isPaused());
        QCOMPARE(controller.selectedInstance(), at.instance); // the instance that hit it is shown
        QTRY_VERIFY(trace.has(QStringLiteral("reserve_stock"), TraceEventType::StepSucceeded));
        QVERIFY(!trace.has(payment, TraceEventType::StepStarted));
        QTest::qWait(100); // paused means paused: nothing more arrives
        const qsizetype held = trace.events.size();
        QCOMPARE(trace.events.last().step, QStringLiteral("reserve_stock"));

        // Each step: exactly one transition, the one the pause names, then paused again.
        QList<TraceEvent> stepped;
        for (int i = 0; i < 3; ++i) {
            const qsizetype before = trace.events.size();
            const qsizetype pausesBefore = paused.count();
            controller.step();
            QTRY_VERIFY_WITH_TIMEOUT(paused.count() > pausesBefore, 5000);
            QTRY_COMPARE(trace.events.size(), before + 1);
            const TraceEvent &event = trace.events.last();
            const PauseInfo info = paused.last().first().value<PauseInfo>();
            QCOMPARE(info.reason, PauseInfo::Reason::Step);
            QCOMPARE(info.instance, event.instance);
            QCOMPARE(info.step, event.step);
            QCOMPARE(info.t, event.t);
            QVERIFY(controller.isPaused());
            stepped.append(event);
        }
        QCOMPARE(trace.events.size(), held + 3);
        // The held transition first: take_payment starts, then succeeds; then what follows the
        // pivot starts.
        QCOMPARE(stepped.at(0).step, payment);
        QCOMPARE(stepped.at(0).event, TraceEventType::StepStarted);
        QCOMPARE(stepped.at(1).step, payment);
        QCOMPARE(stepped.at(1).event, TraceEventType::StepSucceeded);
        QCOMPARE(stepped.at(2).event, TraceEventType::StepStarted);
        QVERIFY2(stepped.at(2).step == QStringLiteral("ship_order") || stepped.at(2).step == QStringLiteral("award_points"),
                 qPrintable(stepped.at(2).step));
        QCOMPARE(finished.count(), 0);

        controller.resume();
        QVERIFY(finished.wait(10000) || finished.count() > 0);
        QVERIFY(!controller.isRunning());
        QVERIFY(!controller.isPaused());
        QCOMPARE(controller.lastSummary().completed, 1);
        QCOMPARE(trace.events.last().event, TraceEventType::SagaCompleted);
        QCOMPARE(controller.lastOptions().seed, quint64(2));
    }

    void injectedFaultReachesTheRunAndFollowsARename()
    {
        RunController controller;
        controller.setSpeed(0);
        QString error;
        QVERIFY(controller.injectFault(QStringLiteral("take_payment"), OperationKind::Action, FailureKind::Business, 5));
        QCOMPARE(controller.injectedFault(QStringLiteral("take_payment"), OperationKind::Action).attempts, 0); // every attempt
        QVERIFY(!controller.setInjectedFault(QStringLiteral("take_payment"), QStringLiteral("sometimes"), false, &error));
        QVERIFY2(!error.isEmpty(), "a bad spec is refused with a message");
        QVERIFY(!controller.injectFault(QStringLiteral("not an id"), OperationKind::Action, FailureKind::Technical, 1, &error));
        QVERIFY2(error.contains(QStringLiteral("not an id")), qPrintable(error));
        controller.setBreakpoint(QStringLiteral("ship_order"), OperationKind::Action, true);

        // A rename carries both marks to the new id; stepRunChanged names the old and the new.
        QSignalSpy changed(&controller, &RunController::stepRunChanged);
        controller.renameSteps({QStringLiteral("take_payment"), QStringLiteral("ship_order")},
                               {QStringLiteral("charge"), QStringLiteral("ship")});
        QCOMPARE(controller.injectedFault(QStringLiteral("charge"), OperationKind::Action).kind, FailureKind::Business);
        QCOMPARE(controller.injectedFault(QStringLiteral("take_payment"), OperationKind::Action).kind, FailureKind::None);
        QVERIFY(controller.hasBreakpoint(QStringLiteral("ship")));
        QVERIFY(!controller.hasBreakpoint(QStringLiteral("ship_order")));
        QStringList named;
        for (const QList<QVariant> &args : std::as_const(changed))
            named << args.first().toString();
        named.sort();
        QCOMPARE(named, (QStringList{QStringLiteral("charge"), QStringLiteral("ship"), QStringLiteral("ship_order"),
                                     QStringLiteral("take_payment")}));
        controller.renameSteps({QStringLiteral("charge"), QStringLiteral("ship")},
                               {QStringLiteral("take_payment"), QStringLiteral("ship_order")});
        controller.setBreakpoint(QStringLiteral("ship_order"), OperationKind::Action, false);

        // The injected business failure makes the pivot fail: the saga is compensated.
        Trace trace(&controller);
        QSignalSpy finished(&controller, &RunController::runFinished);
        QVERIFY2(controller.start(orderCheckout(), virtualRun(1), &error), qPrintable(error));
        QVERIFY(finished.wait(10000) || finished.count() > 0);
        QCOMPARE(controller.lastSummary().compensated, 1);
        QVERIFY(trace.has(QStringLiteral("take_payment"), TraceEventType::StepFailed));
        QVERIFY(trace.has(QStringLiteral("reserve_stock"), TraceEventType::CompensationSucceeded));
        QCOMPARE(trace.events.last().event, TraceEventType::SagaCompensated);

        // Cleared, the next run completes.
        controller.clearInjectedFaults(QStringLiteral("take_payment"));
        QVERIFY(controller.injectedFaults().isEmpty());
        QVERIFY(controller.start(orderCheckout(), virtualRun(1), &error));
        QVERIFY(finished.wait(10000) || finished.count() > 1);
        QCOMPARE(controller.lastSummary().completed, 1);
    }

    void startRefusesWhatCannotRun()
    {
        RunController controller;
        QString error;
        // A saga with a validation error (a cycle).
        SagaDefinition cyclic = orderCheckout();
        cyclic.steps[0].after = {cyclic.steps.last().id};
        QVERIFY(!controller.start(cyclic, virtualRun(1), &error));
        QVERIFY2(error.contains(QStringLiteral("SAGA001")), qPrintable(error));
        QVERIFY(!controller.isRunning());
        // A fault naming no step.
        RunOptions options = virtualRun(1);
        QVERIFY(options.faults.addAction(QStringLiteral("no_such_step=business"), &error));
        QVERIFY(!controller.start(orderCheckout(), options, &error));
        QVERIFY2(error.contains(QStringLiteral("no_such_step")), qPrintable(error));
        // A second run while one is in progress; a log while a run is in progress.
        controller.setSpeed(0.01); // slow: still running when asked again
        QVERIFY(controller.start(orderCheckout(), virtualRun(1), &error));
        QVERIFY(!controller.start(orderCheckout(), virtualRun(1), &error));
        QVERIFY2(error.contains(QStringLiteral("in progress")), qPrintable(error));
        QVERIFY(!controller.openLog(QStringLiteral("/nonexistent.db"), &error));
        QSignalSpy finished(&controller, &RunController::runFinished);
        QSignalSpy state(&controller, &RunController::stateChanged);
        controller.stop();
        QVERIFY(finished.wait(10000) || finished.count() > 0);
        QVERIFY(state.count() >= 2);
        QVERIFY(!controller.isRunning());
        QVERIFY(!controller.isBusy());
    }

    void aRemoteRunThatCannotCallItsServicesIsRefusedBeforeAnyStep()
    {
        // An expired certificate: with connection checks on, nothing starts, nothing is recorded,
        // the service is never called; the text names the services, the URL, the fault and what
        // to do. Then the same controller runs the saga against a good server.
        QTemporaryDir dir;
        Demo::DemoServices expired, good;
        const QString expiredUrl = Test::serveTls(expired, dir.filePath(QStringLiteral("expired.sqlite")), QStringLiteral("expired.pem"));
        const QString goodUrl = Test::serveTls(good, dir.filePath(QStringLiteral("good.sqlite")), QStringLiteral("server.pem"));
        CheckedController c;
        c.controller.setSessionLogs(true);
        QString error;
        QVERIFY2(c.controller.start(remoteCheckout(QJsonObject{{"baseUrl", expiredUrl}, {"caFile", "ca.pem"}}), remoteRun(), &error),
                 qPrintable(error));
        QVERIFY(c.controller.isCheckingConnections());
        QVERIFY(c.controller.isBusy());
        QVERIFY(!c.controller.isRunning());
        QCOMPARE(c.controller.checkedServices().size(), 5);
        QVERIFY2(c.messages.last().first().toString().startsWith(
                     QStringLiteral("Checking the connections of orders, inventory, payments, shipping, loyalty")),
                 qPrintable(c.messages.last().first().toString()));
        QVERIFY(!c.controller.start(orderCheckout(), virtualRun(1), &error)); // one at a time
        QVERIFY2(error.contains(QStringLiteral("in progress")), qPrintable(error));
        QVERIFY(c.refused.wait(15000));
        const QString text = c.refused.first().first().toString();
        QVERIFY2(text.startsWith(QStringLiteral("The run did not start: orders, inventory, payments, shipping, loyalty cannot "
                                                "be called.\n\n")),
                 qPrintable(text));
        QVERIFY2(text.contains(expiredUrl) && text.contains(QStringLiteral("expired on 2 Jan 2020"))
                     && text.contains(QStringLiteral("What to do: ")),
                 qPrintable(text));
        QCOMPARE(text.count(QStringLiteral("expired on")), 1); // one paragraph for the five services behind one URL
        QVERIFY(!c.controller.isCheckingConnections());
        QVERIFY(!c.controller.isBusy());
        QTest::qWait(100);
        QVERIFY(c.started.isEmpty());
        QVERIFY(c.finished.isEmpty());
        QVERIFY(c.trace.events.isEmpty());
        QVERIFY(c.controller.lastLogPath().isEmpty()); // no session log was even named
        QVERIFY(expired.ledger().value(QLatin1String("instances")).toObject().isEmpty());

        QVERIFY2(c.controller.start(remoteCheckout(QJsonObject{{"baseUrl", goodUrl}, {"caFile", "ca.pem"}}), remoteRun(), &error),
                 qPrintable(error));
        QVERIFY(c.started.wait(15000));
        QVERIFY(c.finished.wait(20000));
        QCOMPARE(c.controller.lastSummary().completed, 1);
        QCOMPARE(c.refused.count(), 1);
        QCOMPARE(good.ledger().value(QLatin1String("instances")).toObject().size(), 1);
    }

    void aRemoteRunWhoseServiceIsDownStarts()
    {
        // A refused connection is what retries and compensations are about: the run starts, the
        // first step fails technically, and the status bar said why beforehand.
        const quint16 closed = Test::closedPort();
        CheckedController c;
        QString error;
        QVERIFY(c.controller.start(remoteCheckout(QJsonObject{{"baseUrl", QStringLiteral("http://127.0.0.1:%1").arg(closed)}}),
                                 remoteRun(), &error));
        QVERIFY(c.started.isEmpty()); // being checked
        QVERIFY(c.started.wait(15000));
        QVERIFY(c.finished.wait(20000));
        QVERIFY(c.refused.isEmpty());
        QVERIFY(c.trace.has(QStringLiteral("create_order"), TraceEventType::StepFailed));
        QCOMPARE(c.trace.events.first().event, TraceEventType::SagaStarted);
        QCOMPARE(c.controller.lastSummary().compensated, 1);
        bool said = false;
        for (const QList<QVariant> &m : std::as_const(c.messages))
            said = said || (m.first().toString().startsWith(QStringLiteral("Running, although: orders, inventory, payments, shipping, loyalty: 127.0.0.1:"))
                            && m.first().toString().contains(QStringLiteral("refused the connection")));
        QVERIFY(said);
    }

    void aRunWithNothingToCheckStartsAtOnce()
    {
        // Simulated sagas, and a remote one under --simulate, start inside start(), as before.
        RunController controller;
        controller.setConnectionChecks(true);
        controller.setSpeed(0);
        QSignalSpy started(&controller, &RunController::runStarted);
        QSignalSpy finished(&controller, &RunController::runFinished);
        QString error;
        QVERIFY(controller.start(orderCheckout(), virtualRun(3), &error));
        QCOMPARE(started.count(), 1);
        QVERIFY(!controller.isCheckingConnections());
        QVERIFY(finished.wait(10000));
        RunOptions simulate = virtualRun(3);
        simulate.simulate = true;
        QVERIFY(controller.start(remoteCheckout(QJsonObject{{"baseUrl", "https://no-such-host.invalid"}}), simulate, &error));
        QCOMPARE(started.count(), 2);
        QVERIFY(finished.wait(10000));
    }

    void stopCancelsTheConnectionCheck()
    {
        QTcpServer silent; // accepts, never answers
        QVERIFY(silent.listen(QHostAddress::LocalHost, 0));
        CheckedController c;
        QString error;
        QVERIFY(c.controller.start(remoteCheckout(QJsonObject{{"baseUrl", QStringLiteral("http://127.0.0.1:%1").arg(silent.serverPort())}}),
                                 remoteRun(), &error));
        QTest::qWait(200);
        QVERIFY(c.controller.isCheckingConnections());
        c.controller.stop();
        QVERIFY(!c.controller.isCheckingConnections());
        QVERIFY(!c.controller.isBusy());
        QVERIFY2(c.messages.last().first().toString().contains(QStringLiteral("not started")),
                 qPrintable(c.messages.last().first().toString()));
        QTest::qWait(300);
        QVERIFY(c.started.isEmpty());
        QVERIFY(c.refused.isEmpty());
    }

    void openLogReadsAnotherRunsLog()
    {
        QTemporaryDir dir;
        const QString db = dir.filePath(QStringLiteral("checkout.db"));
        QList<TraceEvent> written;
        {
            RunController writer;
            writer.setSpeed(0);
            Trace trace(&writer);
            QSignalSpy finished(&writer, &RunController::runFinished);
            QString error;
            QVERIFY2(writer.start(orderCheckout(), virtualRun(3), &error, db), qPrintable(error));
            QVERIFY(finished.wait(10000) || finished.count() > 0);
            QCOMPARE(writer.lastSummary().logPath, db);
            written = trace.events;
        }
        RunController reader;
        QString error;
        QVERIFY(!reader.openLog(dir.filePath(QStringLiteral("missing.db")), &error));
        QVERIFY2(error.contains(QStringLiteral("missing.db")), qPrintable(error));
        Trace trace(&reader);
        QSignalSpy found(&reader, &RunController::logRunFound);
        QSignalSpy loaded(&reader, &RunController::logLoaded);
        QVERIFY2(reader.openLog(db, &error), qPrintable(error));
        QVERIFY(reader.isLoadingLog());
        QVERIFY(reader.isBusy());
        QVERIFY(loaded.wait(10000) || loaded.count() > 0);
        QVERIFY(!reader.isLoadingLog());
        QVERIFY(reader.isFollowingLog());
        QCOMPARE(found.count(), 1);
        QVERIFY(found.first().at(1).value<SagaDefinition>() == orderCheckout());
        // The log holds the very transitions the run sent.
        QCOMPARE(trace.events.size(), written.size());
        for (qsizetype i = 0; i < written.size(); ++i) {
            QCOMPARE(trace.events.at(i).step, written.at(i).step);
            QCOMPARE(trace.events.at(i).event, written.at(i).event);
        }
        reader.stop();
        QVERIFY(!reader.isFollowingLog());
    }

    void selectionAndReplayPosition()
    {
        RunController controller;
        QSignalSpy selected(&controller, &RunController::selectedInstanceChanged);
        QSignalSpy replay(&controller, &RunController::replayPositionChanged);
        controller.setSelectedInstance(QStringLiteral("abc"));
        controller.setSelectedInstance(QStringLiteral("abc"));
        QCOMPARE(selected.count(), 1);
        controller.setReplayPosition(4);
        controller.setReplayPosition(4);
        QCOMPARE(replay.count(), 1);
        QCOMPARE(controller.replayPosition(), 4);
        controller.setReplayPosition(-7);
        QCOMPARE(controller.replayPosition(), -1); // live
        controller.setSelectedInstance(QStringLiteral("def")); // another instance: live again
        controller.setReplayPosition(2);
        controller.setSelectedInstance(QStringLiteral("abc"));
        QCOMPARE(controller.replayPosition(), -1);
    }

    // The protocol switch goes into the options of the GUI's runs; a 2PC run whose coordinator
    // crashes keeps its log in a file, and recover() finishes it by presumed abort.
    void protocolSwitchAndCoordinatorRecovery()
    {
        RunController controller;
        controller.setSpeed(0);
        QSignalSpy protocolChanged(&controller, &RunController::protocolChanged);
        QCOMPARE(controller.newRunOptions().protocol, Protocol::Saga);
        controller.setCrashCoordinator(CrashPoint::AfterPrepare);
        QCOMPARE(controller.newRunOptions().crashCoordinator, CrashPoint::None); // only under 2PC
        controller.setProtocol(Protocol::TwoPhaseCommit);
        QCOMPARE(protocolChanged.count(), 2);
        RunOptions options = controller.newRunOptions();
        QCOMPARE(options.protocol, Protocol::TwoPhaseCommit);
        QCOMPARE(options.crashCoordinator, CrashPoint::AfterPrepare);
        options.virtualTime = true;
        options.seed = 4;
        options.instances = 2;

        const LoadResult loaded = SagaFile::load(QStringLiteral(SAGASCOPE_EXAMPLES_DIR "/hot-item.saga"));
        QVERIFY(loaded.ok());
        QString error;
        QVERIFY(!controller.recover(&error)); // nothing crashed yet
        Trace trace(&controller);
        QSignalSpy finished(&controller, &RunController::runFinished);
        QVERIFY2(controller.start(*loaded.definition, options, &error), qPrintable(error));
        QVERIFY(finished.wait(20000));
        QVERIFY(controller.lastSummary().coordinatorCrashed);
        QVERIFY(controller.lastSummary().inDoubt > 0);
        QVERIFY(trace.has(QStringLiteral("reserve_stock"), TraceEventType::InDoubt));
        QVERIFY(!trace.has(QStringLiteral("reserve_stock"), TraceEventType::AbortApplied));
        QVERIFY(controller.canRecover());

        QSignalSpy recovering(&controller, &RunController::recoveryStarted);
        QVERIFY2(controller.recover(&error), qPrintable(error));
        QCOMPARE(recovering.count(), 1);
        QVERIFY(controller.isRecovering());
        QVERIFY(finished.wait(20000));
        QVERIFY(!controller.isRecovering());
        QVERIFY(controller.lastSummary().error.isEmpty());
        QVERIFY(!controller.lastSummary().coordinatorCrashed);
        QVERIFY(trace.has(QStringLiteral("reserve_stock"), TraceEventType::AbortApplied)); // presumed abort
        QVERIFY(!controller.canRecover());

        controller.setProtocol(Protocol::Saga);
        QCOMPARE(controller.newRunOptions().crashCoordinator, CrashPoint::None);
    }

    void stopSaysWhatBecomesOfTheUnfinishedInstances()
    {
        QTemporaryDir dir;
        const QString db = dir.filePath(QStringLiteral("stopped.db"));
        for (const bool withLog : {false, true}) {
            RunController controller;
            RunOptions options; // a real clock, one at a time: still running when stopped
            options.instances = 3000;
            options.concurrency = 1;
            options.seed = 5;
            Trace trace(&controller);
            QSignalSpy finished(&controller, &RunController::runFinished);
            QString error;
            QVERIFY2(controller.start(orderCheckout(), options, &error, withLog ? db : QString()), qPrintable(error));
            QTRY_VERIFY_WITH_TIMEOUT(trace.events.size() > 30, 20000);
            controller.stop();
            QVERIFY(finished.wait(20000));
            const RunSummary stopped = finished.last().first().value<RunSummary>();
            QVERIFY(stopped.unfinished > stopped.notStarted); // some began and did not finish
            QVERIFY(stopped.notStarted > 0);                  // and most never began
            if (!withLog) {
                QVERIFY2(stopped.error.contains(QStringLiteral("gone")), qPrintable(stopped.error));
                QVERIFY2(!stopped.error.contains(QStringLiteral("recover")), qPrintable(stopped.error));
                QVERIFY(!controller.canRecover());
                continue;
            }
            QVERIFY2(stopped.error.contains(QStringLiteral("sagascope-cli recover --db ") + db), qPrintable(stopped.error));
            QVERIFY(controller.canRecover());

            // Recover finishes what the log kept: every started instance ends.
            QSignalSpy recovering(&controller, &RunController::recoveryStarted);
            QVERIFY2(controller.recover(controller.lastSummary().logPath, &error), qPrintable(error)); // as the window does
            QCOMPARE(recovering.count(), 1);
            QVERIFY(finished.wait(60000));
            const RunSummary recovered = finished.last().first().value<RunSummary>();
            QVERIFY2(recovered.error.isEmpty(), qPrintable(recovered.error));
            QCOMPARE(recovered.instances, stopped.unfinished - stopped.notStarted); // the started ones only
            QCOMPARE(recovered.unfinished, 0);
            QCOMPARE(recovered.completed + recovered.compensated + recovered.stuck, recovered.instances);
            QVERIFY(!controller.canRecover());
        }
    }
};

QTEST_GUILESS_MAIN(TestRunController)
#include "tst_runcontroller.moc"
