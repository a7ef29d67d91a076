// SPDX-License-Identifier: MIT
#pragma once

#include "engine.h"
#include "faultplan.h"
#include "logfollower.h"
#include "resume.h"
#include "runcontrol.h"
#include "runoptions.h"
#include "runpreflight.h"
#include "sagadefinition.h"
#include "traceevent.h"

#include <QList>
#include <QObject>
#include <QString>
#include <QTimer>

#include <memory>
#include <optional>

class QTemporaryDir;

namespace Sagascope {

class EngineThread;

/**
 * The desktop application's control of runs, without a widget (KDSME's RuntimeController):
 * the embedded engine on its thread, the log follower, breakpoints and injected faults kept by
 * step id (and moved by renameSteps()), the selected instance, the replay position and whether
 * a run or a log's first reading is in progress. It knows no document and draws nothing: the
 * monitor's toolbar, docks and canvas overlay (MonitorController) are views over it, fed by its
 * signals. Tested without a display (tst_runcontroller, QTEST_GUILESS_MAIN).
 *
 * Who sends what: traceEvents() carries the run's or the log's events as they come;
 * runStarted() / logOpened() announce a new source (the views clear themselves);
 * paused() / resumed() / runFinished() follow the engine; stateChanged() follows every change
 * of isRunning(), isPaused(), isFollowingLog() and isLoadingLog(); stepRunChanged() follows a
 * breakpoint or fault of a step; replayPositionChanged() and selectedInstanceChanged() follow
 * the setters.
 */
class RunController : public QObject
{
    Q_OBJECT
public:
    explicit RunController(QObject *parent = nullptr);
    ~RunController() override;

    // --- runs ---
    /** Runs `definition` with `options` (faults injected here come on top of the options'),
     *  writing its log to `logPath` (empty: in memory; a 2PC run whose coordinator is to crash:
     *  a temporary file, which recover() restarts it from). False with a message when the saga has
     *  validation errors, an option names an unknown step, or a run is in progress. With
     *  connection checks on and services called over HTTP, true means the check began: the run
     *  starts when it passes (runStarted()), or runRefused() says why it does not. */
    bool start(const SagaDefinition &definition, const RunOptions &options, QString *error,
               const QString &logPath = {});
    /** On: start() first checks the services the run calls over HTTP (RunPreflight, the rule in
     *  docs/REMOTE.md) and starts nothing, records nothing, when one cannot be called; a saga that
     *  calls none starts at once, as with it off. Off (the default): the engine's own checks only,
     *  as `sagascope-cli run`. The desktop application turns it on. */
    void setConnectionChecks(bool on) { m_connectionChecks = on; }
    bool connectionChecks() const { return m_connectionChecks; }
    /** start() is checking the connections of checkedServices(); stop() cancels. */
    bool isCheckingConnections() const { return m_preflight != nullptr; }
    QStringList checkedServices() const;
    /** On: a run started without a log path keeps its log in a file of this session (a temporary
     *  directory removed with the controller; the previous run's file is removed when the next
     *  run starts; commits survive the process, not a power loss), so that a stopped run can be
     *  recovered and a stuck instance resumed. Off (the default): such a run's log is in memory,
     *  except a 2PC run whose coordinator is to crash. The desktop application turns it on. */
    void setSessionLogs(bool on) { m_sessionLogs = on; }
    bool sessionLogs() const { return m_sessionLogs; }
    /** `path` is a log of this session (see setSessionLogs()): gone when the application closes. */
    bool isSessionLog(const QString &path) const;
    /** Reads every instance of a saga log and follows it live; false with a message naming the
     *  file when it is no saga log, or while a run is in progress. */
    bool openLog(const QString &path, QString *error);
    /** Stops the run (what is committed stays in its log) and stops following a log. */
    void stop();
    /** Finishes the unfinished instances of the saga log `path` (Engine::recover()), as
     *  `sagascope-cli recover` does: their events follow through traceEvents() (the views keep
     *  what they show: recoveryStarted(), not runStarted()), then runFinished(). False with a
     *  message while a run is in progress. */
    bool recover(const QString &path, QString *error);
    /** The document the run or log belonged to is gone (New, Open): stops both as stop() does
     *  and drops every event still on its way, so that nothing of that run reaches the views;
     *  runFinished() still says how the run ended. The next start() or openLog() is heard again. */
    void abandon();
    /** The log being followed (empty when none). */
    QString logPath() const;
    /** While following a log: no process writes it any more (WriterLiveness), looked at every
     *  writerCheckInterval() once the first reading is over. A run that ended and one that was
     *  killed both leave no writer; which it was, the log's unfinished instances tell. */
    bool isWriterGone() const { return m_writerGone; }
    void setWriterCheckInterval(int ms) { m_writerCheck.setInterval(ms); }
    int writerCheckInterval() const { return m_writerCheck.interval(); }

    bool isRunning() const { return m_running; }
    /** A run in progress is recover()'s. */
    bool isRecovering() const { return m_recovering; }
    bool isPaused() const { return m_paused; }
    bool isFollowingLog() const;
    /** The first reading of a log: over once no batch came for two poll intervals. */
    bool isLoadingLog() const { return m_logLoading; }
    /** A run in progress (paused or not), its connection check, or a log's first reading. */
    bool isBusy() const { return m_running || m_logLoading || isCheckingConnections(); }
    /** The options of the last run (its seed included). */
    const RunOptions &lastOptions() const { return m_options; }
    /** How the last run ended. */
    const RunSummary &lastSummary() const { return m_summary; }

    // --- the protocol of the runs started from the GUI (SPEC section 7) ---
    /** Saga or two-phase commit, for the runs newRunOptions() makes; protocolChanged() follows.
     *  start() sets it (and, under 2PC, the crash point) to the run's own. */
    void setProtocol(Protocol protocol);
    Protocol protocol() const { return m_protocol; }
    /** 2PC: where the coordinator crashes (None: it does not); ignored under the saga. */
    void setCrashCoordinator(CrashPoint point);
    CrashPoint crashCoordinator() const { return m_crashPoint; }
    /** The options a run started from the GUI begins with: the protocol and, under 2PC, the
     *  crash point chosen here (the caller adds the load and the seed). */
    RunOptions newRunOptions() const;
    /** The last run left work in a saga log that recover() can finish: its coordinator crashed,
     *  or it was stopped with instances unfinished. */
    bool canRecover() const;
    /** The saga log of the last run (its summary's, or the file a crash run was given). */
    QString lastLogPath() const;
    /** Finishes the last run from its saga log (`sagascope-cli recover`): a crashed coordinator is
     *  restarted, unfinished instances are finished; the events of the recovery follow through
     *  traceEvents(), then runFinished(). False with a message when there is nothing to recover
     *  or a run is in progress. */
    bool recover(QString *error);

    // --- stuck instances (docs/ENGINE.md, "Resuming a stuck instance") ---
    /** The saga log a stuck instance can be resumed in: the last run's, or the log being
     *  followed once its writer is gone; empty when there is none (a run kept in memory). */
    QString resumableLogPath() const;
    /** Resumes the stuck instance `request.instance` as a person decided (Engine::resumeStuck()),
     *  as `sagascope-cli resume` does: retried, or resolved by hand as done or compensated, then run
     *  on to its end. Its events follow through traceEvents() after recoveryStarted(), then
     *  runFinished(); a request the engine refuses ends with the reason in the summary's error and
     *  the log untouched. False with a message when there is no log to resume
     *  in, its writer is still running, or a run is in progress. */
    bool resumeStuck(const ResumeRequest &request, QString *error);
    /** The last run finished was resumeStuck()'s. */
    bool lastWasResume() const { return m_lastWasResume; }

    // --- run control ---
    void pause();
    void resume();
    /** What the transition a pause names did, in the words of the status bar ("the
     *  compensation of reserve_stock finished"): a Step pauses after it. */
    static QString describeTransition(const PauseInfo &info);
    /** While paused: one more transition, then paused again. */
    void step();
    /** Virtual ms per wall ms (0.1 slow motion); 0: as fast as possible. */
    void setSpeed(double factor);
    double speed() const { return m_speed; }

    // --- breakpoints, by step id ---
    void setBreakpoint(const StepId &step, OperationKind operation, bool on);
    bool hasBreakpoint(const StepId &step, OperationKind operation) const;
    bool hasBreakpoint(const StepId &step) const;
    const QList<Breakpoint> &breakpoints() const { return m_breakpoints; }
    /** Breakpoints pause only the selected instance; until one is selected, the first instance
     *  to reach a breakpoint (which then becomes the selected one). */
    void setBreakInSelectedInstanceOnly(bool on);
    bool breaksInSelectedInstanceOnly() const { return m_breakSelectedOnly; }

    // --- injected faults, by step id, for the run in progress and every later one ---
    /** `spec` as in `--fail STEP=spec` ("business", "technical:2", "timeout:1"), or for the
     *  compensation as in `--fail-compensation`; empty clears. False with a message when bad. */
    bool setInjectedFault(const StepId &step, const QString &spec, bool compensation, QString *error = nullptr);
    /** `attempts` failing attempts (0: every attempt; ignored for a business failure). */
    bool injectFault(const StepId &step, OperationKind operation, FailureKind kind, int attempts,
                     QString *error = nullptr);
    void clearInjectedFault(const StepId &step, OperationKind operation);
    void clearInjectedFaults(const StepId &step);
    FaultPlan::Fault injectedFault(const StepId &step, OperationKind operation) const;
    const FaultPlan &injectedFaults() const { return m_faults; }

    /** The steps `from[i]` are now `to[i]`: their breakpoints and faults follow (a run in
     *  progress keeps the names it started with). */
    void renameSteps(const QStringList &from, const QStringList &to);

    // --- what the views show ---
    QString selectedInstance() const { return m_selected; }
    void setSelectedInstance(const QString &instance);
    /** Replay: the selected instance's first `k` events are shown; -1: live. */
    int replayPosition() const { return m_replayK; }
    void setReplayPosition(int k);

    EngineThread *engineThread() const { return m_engine; }

Q_SIGNALS:
    void runStarted(const Sagascope::SagaDefinition &definition, const Sagascope::RunOptions &options);
    /** The connection check of start() found services that cannot be called: nothing was started
     *  or recorded. `text` is a headline, an empty line, then one paragraph per service (its id,
     *  base URL, the fault and what to do). */
    void runRefused(const QString &text);
    /** recover() started on `path`: the events of the instances it finishes follow (the views
     *  keep the stopped or crashed run's). */
    void recoveryStarted(const QString &path);
    void protocolChanged(Sagascope::Protocol protocol, Sagascope::CrashPoint crash);
    /** A log was opened: its events follow through traceEvents(). */
    void logOpened(const QString &path);
    /** The log names the saga it ran (once per run found). */
    void logRunFound(const Sagascope::RunRecord &run, const Sagascope::SagaDefinition &definition);
    void traceEvents(const QList<Sagascope::TraceEvent> &events);
    void paused(const Sagascope::PauseInfo &info);
    void resumed();
    void runFinished(const Sagascope::RunSummary &summary);
    /** The first reading of a log is over: what follows is live. */
    void logLoaded();
    /** The followed log's writer went away (`gone`), or a writer came back to it. Sent after the
     *  rows the writer committed before it went have been reported. */
    void writerChanged(bool gone);
    void stateChanged();
    void stepRunChanged(const Sagascope::StepId &step);
    void selectedInstanceChanged(const QString &instance);
    void replayPositionChanged(int k);
    /** For the status bar. */
    void message(const QString &text);

private:
    bool launch(const SagaDefinition &definition, const RunOptions &options, QString *error, const QString &logPath);
    void onPreflightFinished(const RunPreflight::Outcome &outcome, const SagaDefinition &definition,
                             const RunOptions &options, const QString &logPath);
    void onEngineFinished(const RunSummary &summary);
    void onPaused(const PauseInfo &info);
    void pushBreakpoints();
    void faultsEdited(const StepId &step);
    void checkWriter();
    void beginRecovery(const QString &path, const std::optional<ResumeRequest> &resume);

    EngineThread *m_engine = nullptr;
    LogFollower *m_follower = nullptr;
    QTimer m_quiet;
    QTimer m_writerCheck;
    RunOptions m_options;
    RunSummary m_summary;
    QString m_logPath;
    std::unique_ptr<QTemporaryDir> m_sessionDir; // session logs, and the logs of runs whose coordinator crashes
    QString m_sessionLog;                        // the last session log (removed when the next run starts)
    int m_sessionRuns = 0;
    bool m_sessionLogs = false;
    bool m_connectionChecks = false;
    RunPreflight *m_preflight = nullptr; // the check of the run start() is about to start
    bool m_resuming = false;
    bool m_lastWasResume = false;
    Protocol m_protocol = Protocol::Saga;
    CrashPoint m_crashPoint = CrashPoint::None;
    bool m_recovering = false;
    QList<Breakpoint> m_breakpoints;
    FaultPlan m_faults;
    QString m_selected;
    int m_replayK = -1;
    double m_speed = 1.0;
    bool m_running = false;
    bool m_paused = false;
    bool m_logLoading = false;
    bool m_breakSelectedOnly = false;
    bool m_abandoned = false;
    bool m_writerGone = false;
    bool m_writerGoneSeen = false; // gone at the last look: said at the next // events of the run in progress are dropped (abandon())
};

} // namespace Sagascope
