// SPDX-License-Identifier: MIT
#pragma once

#include "engine.h"
#include "faultplan.h"
#include "runcontrol.h"
#include "runcontroller.h"
#include "runstate.h"
#include "sagadocument.h"
#include "sagascene.h"
#include "sagadefinition.h"
#include "traceevent.h"

#include <QElapsedTimer>
#include <QHash>
#include <QList>
#include <QObject>

#include <optional>
#include <QPointer>
#include <QTimer>

#include <functional>


QT_BEGIN_NAMESPACE
class QAction;
class QDockWidget;
class QLabel;
class QLineEdit;
class QMainWindow;
class QMenu;
class QSlider;
class QToolBar;
class QWidget;
QT_END_NAMESPACE

namespace Sagascope {

class EngineThread;
class EventLogPanel;
class HttpExchangeLink;
class HttpExchangePanel;
class InstancesPanel;
class LogFollower;
class ChoreographyScene;
class EventFlowOverlay;
class ProtocolControls;
class RunMonitor;
class RunInputs;
class RunOverlay;
class StepRunSection;
class StuckActions;
class SummaryPanel;
struct FailurePreset;
class TimelineWidget;

/**
 * The monitor's views over a RunController (which holds the engine, the log follower, the
 * breakpoints and faults by step id, the selected instance and the replay position, and links
 * no widget): the run toolbar (run, run N, pause/resume, step, stop, speed, seed) and Run menu
 * actions, the panels as dock widgets, the RunMonitor that coalesces the controller's events
 * into frames, a RunOverlay on the scene, the step context menu's breakpoints and faults and
 * the properties panel's Run section (createStepRunSection()). It runs the document's saga and
 * never touches the design or its undo stack. What is drawn is always the RunState of the
 * events delivered so far; at the end it is the whole trace's. The methods below that change
 * run state forward to runController() and keep the window's API in one place.
 */
class MonitorController : public QObject
{
    Q_OBJECT
public:
    explicit MonitorController(SagaDocument *doc, SagaScene *scene, QWidget *window);
    ~MonitorController() override;

    /** Instances, Event Log, Timeline, Summary, HTTP Exchange. */
    QList<QDockWidget *> docks() const { return m_docks; }
    /** Places the docks in `window`: under the canvas, the timeline (event log tabbed behind it)
     *  beside the instances (summary and HTTP exchange tabbed behind them; the exchange comes to
     *  the front when an attempt is chosen). */
    void addDocksTo(QMainWindow *window) const;
    QToolBar *toolBar() const { return m_toolBar; }
    /** Run, Run N…, Pause (Resume), Step, Stop, Heat, Compare Protocols…, Crash the
     *  Coordinator, Recover the Coordinator: for a Run menu. */
    QList<QAction *> actions() const;
    /** File > Open Log…: replays a saga log and follows it live. */
    QAction *openLogAction() const { return m_openLogAction; }
    /** How a saga that calls remote services is run from the window: input file, or simulated. */
    RunInputs *runInputs() const { return m_inputs; }
    /** Asked before Open Log replaces the document (the window's unsaved-changes and run
     *  prompts); false cancels. */
    void setLeaveDocumentCheck(std::function<bool()> check) { m_leaveCheck = std::move(check); }
    /** Where Open Log's dialog starts (the window's last folder used), and what it remembers of
     *  the log chosen; unset: the current directory, nothing remembered. */
    void setDialogFolder(std::function<QString()> folder, std::function<void(const QString &)> remember)
    {
        m_dialogFolder = std::move(folder);
        m_rememberFolder = std::move(remember);
    }

    /** Runs the document's saga with `options`; false with a message when the saga has
     *  errors, an option names an unknown step, or a run is in progress. A saga that calls
     *  remote services first has them checked (RunController::setConnectionChecks()): true then
     *  means the check began, and the run starts after it, or a message box says why not. */
    /** Starts a run under a failure preset (Run N's "Failures"): the document's saga with the
     *  preset's rates and injected fault (FailurePreset); the document is not changed. */
    bool startRun(RunOptions options, const FailurePreset &failures, QString *error = nullptr);
    bool startRun(const RunOptions &options, QString *error, const QString &logPath = {});
    /** The same with `run`'s options written as on a command line (SPEC 4a `--run "…"`), read
     *  by RunArguments; false with a message naming a bad option. */
    bool startRun(const QString &runOptions, QString *error);
    /** Shows every instance of a saga log and follows it live (SPEC 4a `--monitor DB`). */
    bool openLog(const QString &path, QString *error);
    /** Stops the run (what is committed stays in its log, if it has one) and stops following a log. */
    void stop();
    /** Finishes what the last (stopped) run left unfinished in its saga log (Run > Recover
     *  Unfinished Instances, the Recover button after Stop); false with a message when it left
     *  nothing in a log or a run is in progress. */
    bool recoverLastRun(QString *error);

    /** True while a run (paused or not), a log's first reading, or their animation is in progress. */
    bool isBusy() const { return m_busy; }
    /** Speed of virtual-time runs: virtual ms per wall ms (0.1 slow motion); 0: as fast as possible. */
    void setSpeed(double factor);
    double speed() const { return m_run->speed(); }

    // Run control (the engine's: pause at a transition, step one transition, breakpoints).
    bool isPaused() const { return m_run->isPaused(); }
    void pause();
    void resume();
    /** While paused: one more transition, then paused again. */
    void step();
    /** A breakpoint before `step`'s action or compensation, for every instance (or the selected
     *  one: setBreakInSelectedInstanceOnly()); shown on the card. */
    void setBreakpoint(const StepId &step, OperationKind operation, bool on);
    bool hasBreakpoint(const StepId &step, OperationKind operation) const { return m_run->hasBreakpoint(step, operation); }
    /** Breakpoints pause only the selected instance (the one the canvas shows), not every
     *  instance of a Run N; until one is selected, the first instance to reach a breakpoint. */
    void setBreakInSelectedInstanceOnly(bool on);
    bool breaksInSelectedInstanceOnly() const { return m_run->breaksInSelectedInstanceOnly(); }
    /** The seed typed for the next runs; empty: each run draws a random one. */
    QString seedText() const;
    void setSeed(quint64 seed);
    /** Puts `seed` in the Seed field (the summary's "Pin"), so the next runs replay it. */
    void pinSeed(quint64 seed);
    /** The seed the last run used (none before a run, or for a saga log). */
    std::optional<quint64> lastSeed() const { return m_lastSeed; }

    /** The instance shown on the canvas and the timeline. */
    QString selectedInstance() const { return m_run->selectedInstance(); }
    void selectInstance(const QString &instance);

    /** Replay: shows the state after the selected instance's first `k` events (k at the end or
     *  -1: live). */
    void scrubTo(int k);
    int scrubPosition() const;
    int scrubLength() const;

    /** A fault injected from the canvas into the run in progress (from its next attempt) and into
     *  every later run: `spec` as in `--fail STEP=spec` ("business", "technical:2", "timeout:1"),
     *  or for the compensation as in `--fail-compensation` ("technical:2"); empty clears. False
     *  with a message when bad. Shown on the card. */
    bool setInjectedFault(const StepId &step, const QString &spec, bool compensation, QString *error = nullptr)
    {
        return m_run->setInjectedFault(step, spec, compensation, error);
    }
    /** The same with the fault's parts: `attempts` failing attempts (0: every attempt; ignored for
     *  a business failure). False with a message when FaultPlan::isValid() refuses it. */
    bool injectFault(const StepId &step, OperationKind operation, FailureKind kind, int attempts,
                     QString *error = nullptr)
    {
        return m_run->injectFault(step, operation, kind, attempts, error);
    }
    /** Removes the fault injected into `step`'s action or compensation (both: clearInjectedFaults). */
    void clearInjectedFault(const StepId &step, OperationKind operation) { m_run->clearInjectedFault(step, operation); }
    void clearInjectedFaults(const StepId &step) { m_run->clearInjectedFaults(step); }
    /** The fault injected into `step`'s operation (kind None: none). */
    FaultPlan::Fault injectedFault(const StepId &step, OperationKind operation) const
    {
        return m_run->injectedFault(step, operation);
    }
    /** Every fault injected from the canvas, for the next run and the one in progress. */
    const FaultPlan &injectedFaults() const { return m_run->injectedFaults(); }
    /** What the card shows for `step`'s injected faults, e.g. "technical ×2, comp. technical ×1". */
    QString injectedFaultText(const StepId &step) const;

    /** The properties panel's "Run" group for the step given to setCurrentStep(): breakpoints
     *  and injected faults, in sync with the context menu. Created once, owned by `parent`. */
    QWidget *createStepRunSection(QWidget *parent);
    /** The step the run section shows (empty: none). */
    void setCurrentStep(const StepId &step);
    /** True when the document's `step` has a compensation (its breakpoint and faults apply). */
    bool hasCompensation(const StepId &step) const;

    /** The run state and its control, without widgets. */
    RunController *runController() const { return m_run; }
    RunMonitor *runMonitor() const { return m_monitor; }
    RunOverlay *overlay() const { return m_overlay; }
    /** Draws the runs on a choreography view too: events travelling through the bus (SPEC 5). */
    void attachChoreography(ChoreographyScene *scene);
    EventFlowOverlay *eventFlow() const { return m_eventFlow; }
    /** The protocol switch, Compare, the coordinator's crash and recovery, the 2PC overlay. */
    ProtocolControls *protocolControls() const { return m_protocol; }
    EngineThread *engineThread() const { return m_run->engineThread(); }
    InstancesPanel *instancesPanel() const { return m_instancesPanel; }
    EventLogPanel *eventLogPanel() const { return m_eventLogPanel; }
    TimelineWidget *timeline() const { return m_timeline; }
    SummaryPanel *summaryPanel() const { return m_summaryPanel; }
    /** The HTTP exchange of the attempt selected in the Event Log or the Timeline. */
    HttpExchangePanel *httpExchangePanel() const { return m_exchangePanel; }
    HttpExchangeLink *httpExchangeLink() const { return m_exchangeLink; }
    /** How the last run ended. */
    const RunSummary &lastSummary() const { return m_run->lastSummary(); }

Q_SIGNALS:
    void busyChanged(bool busy);
    /** A run (and its animation) ended, a run was refused by its connection check, or a log's
     *  first reading was shown. */
    void finished();
    /** For the status bar: a run started or ended, a log could not be read, ... */
    void message(const QString &text);
    /** The process writing the followed log is gone, leaving `unfinished` instances (0: its run
     *  had ended); with some, the window was told "the run stopped unexpectedly: recover it?". */
    void writerGone(int unfinished);
    /** The run paused (by the user, at a breakpoint, or after a step); the canvas shows it. */
    void paused(const Sagascope::PauseInfo &info);
    void resumed();
    /** A breakpoint or an injected fault of `step` changed (from the menu, the section or code). */
    void stepRunChanged(const Sagascope::StepId &step);

private:
    void buildPanels();
    void buildToolBar();
    void fillStepMenu(const StepId &step, QMenu *menu);
    void runOnce();
    void runMany();
    void chooseLog();
    void onRunStarted(const SagaDefinition &definition, const RunOptions &options);
    void onRunFinished(const RunSummary &summary);
    /** After Stop: what became of the unfinished instances, with Recover when a log keeps them. */
    void showStopped(const RunSummary &summary);
    void onWriterChanged(bool gone);
    void onPaused(const PauseInfo &info);
    void onSelectedInstanceChanged();
    void onStepRunChanged(const StepId &step);
    void onFrame(const QList<TraceEvent> &applied);
    void updateBusy();
    void updateActions();
    void updateScrubRange();
    void showSelected(bool timelineToo);
    void prepare(const SagaDefinition &definition);
    /** New, Open, a reload: the run or log of the document before is abandoned, the views
     *  are cleared for the new one. */
    void onDocumentReset();
    /** The seed typed in the toolbar, else a random one. */
    quint64 nextSeed() const;

    QPointer<SagaDocument> m_doc;
    QPointer<SagaScene> m_scene;
    QWidget *m_window = nullptr;
    RunController *m_run = nullptr;
    RunMonitor *m_monitor = nullptr;
    RunOverlay *m_overlay = nullptr;
    ProtocolControls *m_protocol = nullptr;
    EventFlowOverlay *m_eventFlow = nullptr;

    InstancesPanel *m_instancesPanel = nullptr;
    StuckActions *m_stuck = nullptr;
    EventLogPanel *m_eventLogPanel = nullptr;
    TimelineWidget *m_timeline = nullptr;
    SummaryPanel *m_summaryPanel = nullptr;
    HttpExchangePanel *m_exchangePanel = nullptr;
    HttpExchangeLink *m_exchangeLink = nullptr;
    QSlider *m_scrub = nullptr;
    QLabel *m_scrubLabel = nullptr;
    QList<QDockWidget *> m_docks;

    QToolBar *m_toolBar = nullptr;
    QAction *m_runAction = nullptr;
    QAction *m_runManyAction = nullptr;
    QAction *m_pauseAction = nullptr;
    QAction *m_stepAction = nullptr;
    QAction *m_stopAction = nullptr;
    QAction *m_recoverAction = nullptr;
    QAction *m_heatAction = nullptr;
    QAction *m_breakSelectedAction = nullptr;
    QAction *m_actionSeparator = nullptr;
    QAction *m_openLogAction = nullptr;
    RunInputs *m_inputs = nullptr; // Choose Input…, Simulate Services Offline
    QSlider *m_speedSlider = nullptr;
    QLabel *m_speedLabel = nullptr;
    QLineEdit *m_seedEdit = nullptr;
    std::optional<quint64> m_lastSeed;

    // Between two events, the run's clock is estimated from the wall clock (virtual time advances
    // at m_speed x real time; a real-clock run at 1x), for running times and backoff countdowns.
    QTimer m_clockTick;
    QElapsedTimer m_sinceFrame;
    qint64 m_frameT = 0;
    bool m_virtualTime = false;
    RunState m_scrubState; // the selected instance's state at the replay position
    QPointer<StepRunSection> m_runSection;
    bool m_busy = false;
    std::function<bool()> m_leaveCheck;
    std::function<QString()> m_dialogFolder;
    std::function<void(const QString &)> m_rememberFolder;
    bool m_showingLog = false;
    bool m_userStopped = false; // the Stop action stopped the run: say what became of it // the document is being reset to the followed log's saga
};

} // namespace Sagascope
