// SPDX-License-Identifier: MIT
#pragma once

#include "pacer.h"
#include "resume.h"
#include "runcontrol.h"
#include "runoptions.h"
#include "sagadefinition.h"
#include "sagalog.h"
#include "sharedresources.h"
#include "traceevent.h"

#include <QList>
#include <QObject>
#include <QString>
#include <QTimer>

#include <deque>
#include <memory>
#include <vector>

namespace Sagascope {

/** What to run: a definition (already validated), `run`'s options and where the log goes. */
struct RunRequest
{
    SagaDefinition definition;
    RunOptions options;
    QString logPath;                 // empty: an in-memory log
    SagaLog::OpenOptions logOptions;
    bool collectTrace = true;        // false: no traceEvents() signals (benchmarks)
    bool startPaused = false;        // pause before the first transition (then step or resume)
};

/** How a run (or a recovery) ended. */
struct RunSummary
{
    int instances = 0;   // instances this run (or recovery) dealt with
    int completed = 0;
    int compensated = 0;
    int stuck = 0;
    int unfinished = 0;  // stopped, or left when the log could not be written
    int notStarted = 0;  // of the unfinished: never started (stopped before their turn came)
    quint64 transitions = 0;
    quint64 commits = 0;
    qint64 durationMs = 0; // in the run's own time (virtual with --virtual-time)
    qint64 wallMs = 0;
    bool virtualTime = false;
    QString logPath;
    QString error;       // the log could not be opened or written, or bad input
    /** recover: instances that runs in the log asked for and never started (stopped or killed
     *  before they were started); recover finishes only started ones. */
    struct NeverStarted
    {
        qint64 run = 0;
        int requested = 0;
        int count = 0;
    };
    QList<NeverStarted> neverStarted;
    bool recovery = false; // a recover: durationMs is the recovery's own (wall time on a real clock)

    // The figures of SPEC section 7, the same for both protocols (docs/ENGINE.md, "The summary").
    QString protocol = QStringLiteral("saga");
    struct Percentiles
    {
        qint64 p50 = 0;
        qint64 p99 = 0;
        int count = 0;
    };
    Percentiles latencyMs;                   // saga_started to the final event, instances started by this run
    QMap<QString, Percentiles> lockHoldMs;   // per shared resource
    int inDoubt = 0;                         // 2PC: participants left in doubt by a crashed coordinator
    bool coordinatorCrashed = false;         // 2PC: the run stopped at its --crash-coordinator point
    AnomalyCounts anomalies;
    QMap<QString, qint64> resources;         // each shared counter's value at the end

    /** Nearest-rank percentiles (p50, p99) of `samples`; all 0 when there are none. */
    static Percentiles percentiles(QList<qint64> samples);
    /** Instances finished per second of the run's own time (virtual with --virtual-time). */
    double throughputPerSec() const;
    /** The object `run --json-summary` prints (SPEC section 7). */
    QJsonObject toJson() const;

    /** SPEC section 4: 0 all completed, 10 some compensated and none stuck, 11 some stuck, 2 error. */
    int exitCode() const;
};

class SagaExecutor;
class Scheduler;
class Clock;
class EffectsLedger;
class SimulatedParticipant;

/**
 * The engine: runs saga instances (or recovers them from a saga log) on the thread it lives in,
 * driven by that thread's event loop, and reports by signals carrying value types. It never
 * blocks: virtual-time runs are cut into slices, real-time runs sleep on a timer. Move it to a
 * QThread (see EngineThread) to keep a GUI responsive; connections to it are then queued.
 *
 * Run control (docs/ENGINE.md): a run can be paused at a transition, stepped one transition at a
 * time, stopped at breakpoints before a step's attempt, paced (virtual time at a factor of real
 * time) and given faults while it runs. None of it changes the trace: a run paused, stepped and
 * resumed has the trace of the same run left alone.
 */
class Engine : public QObject
{
    Q_OBJECT
public:
    explicit Engine(QObject *parent = nullptr);
    ~Engine() override;

    bool isBusy() const { return m_busy; }
    /** Events run per slice before the event loop gets control back. */
    void setSliceBudget(int events) { m_budget = qMax(1, events); }

public Q_SLOTS:
    /** Starts a run; returns at once. Ends with finished(). */
    void start(const Sagascope::RunRequest &request);
    /** Finishes every unfinished instance of the log at `logPath`. Ends with finished(). */
    void recover(const QString &logPath, const Sagascope::SagaLog::OpenOptions &options);
    /** Resumes the stuck instance `request.instance` of the log as a person decided (retry its stuck
     *  operation, or resolve it by hand: docs/ENGINE.md), then runs it on by the rules of SPEC
     *  section 3 to its end, like recover(). A request that cannot apply ends with its reason in
     *  the summary's error, the log untouched. Ends with finished(). */
    void resumeStuck(const QString &logPath, const Sagascope::ResumeRequest &request,
                     const Sagascope::SagaLog::OpenOptions &options);
    /** Stops at the next slice: the log keeps what is committed; `recover` can finish the rest. */
    void stop();

    /** Pauses at the next transition boundary, once what was delivered is committed; paused(User). */
    void pause();
    /** Goes on after a pause (or a breakpoint); resumed(). */
    void resume();
    /** While paused: delivers exactly one more transition (one TraceEvent), commits it, then pauses
     *  again (paused(Step)); when it was the run's last, the run finishes instead. */
    void stepTransition();
    /** Virtual-time runs: virtual time at `factor` x real time (0.5 half speed, 2 twice); 0 (the
     *  default): as fast as possible. Real-clock runs ignore it. Kept for the next runs. */
    void setSpeed(double factor);
    /** Replaces the breakpoints (kept for the next runs). */
    void setBreakpoints(const QList<Sagascope::Breakpoint> &breakpoints);
    /** Injects a fault into `step`'s action or compensation, for one instance (empty: every
     *  instance): the next `attempts` attempts (0: every attempt; business: every attempt) fail
     *  with `kind`, counted from the next attempt that is called; None removes the fault. Without a
     *  run, the fault is kept for the next run (and recorded with it). faultsChanged() follows.
     *  False (nothing changes) for a business failure of a compensation or a step the run lacks. */
    bool injectFault(const QString &instance, const Sagascope::StepId &step, Sagascope::OperationKind operation,
                     Sagascope::FailureKind kind, int attempts);
    /** Removes every fault on `step`: both operations, every instance. faultsChanged() follows. */
    void clearFaults(const Sagascope::StepId &step);

Q_SIGNALS:
    /** The trace, in order, a batch at a time. */
    void traceEvents(const QList<Sagascope::TraceEvent> &events);
    void instanceFinished(const QString &instance, Sagascope::InstanceStatus status, const QString &reason);
    /** About five times a second while busy. */
    void progress(int finished, int total);
    void finished(const Sagascope::RunSummary &summary);
    /** The run paused; nothing more is delivered until resume() or stepTransition(). */
    void paused(const Sagascope::PauseInfo &info);
    void resumed();
    /** The faults of the current run (or of the next one, without a run). */
    void faultsChanged(const Sagascope::FaultPlan &faults);

public:
    // On the engine's thread only (a GUI follows paused()/resumed()/faultsChanged() instead).
    bool isPaused() const { return m_busy && m_mode == Mode::Paused; }
    double speed() const { return m_pacer.factor(); }
    QList<Breakpoint> breakpoints() const { return m_breakpoints; }
    /** The faults of the current run, or those kept for the next one. */
    FaultPlan faults() const;

private:
    enum class Mode { Running, Paused, Stepping };
    struct Held
    {
        TraceEvent event;
        bool passed = false; // its breakpoint was reported; deliver it on
    };
    struct Job;
    /** Empty, or why the job cannot run (a remote endpoint that cannot be called). */
    QString addJob(const SagaDefinition &definition, const RunOptions &options, qint64 runStart);
    void wake();
    /** Recovery: the faults injected into the job's run while it ran, from the log. */
    bool restoreInjectedFaults(Job &job, QString *error);
    bool beginJob();
    /** Refuses (finished() with an error) while busy; otherwise resets the run state. */
    bool beginWork(const QString &logPath);
    void startNextJob();
    void work();
    void step();
    void end(const QString &error);
    void flushTrace();
    void onTransition(const TraceEvent &event);
    void deliver(const TraceEvent &event);
    bool hitsBreakpoint(const TraceEvent &event) const;
    bool releaseHeld();
    void pauseAt(PauseInfo::Reason reason, const TraceEvent &event);
    qint64 pacedPosition() const;
    void scheduleWork(Scheduler::Status status);

    std::unique_ptr<SagaLog> m_log;
    std::vector<std::unique_ptr<Job>> m_jobs;
    size_t m_current = 0;
    RunSummary m_summary;
    QList<TraceEvent> m_batch;
    bool m_collectTrace = true;
    bool m_busy = false;
    bool m_stopRequested = false;
    bool m_crashRequested = false;   // the 2PC coordinator reached its crash point
    std::optional<ResumeRequest> m_resume; // set by resumeStuck() for the recover() it calls
    bool m_wakePosted = false;
    int m_budget = 4096;
    int m_total = 0;
    QTimer m_timer;
    qint64 m_lastProgressMs = 0;
    std::unique_ptr<QElapsedTimer> m_wall;

    // Run control
    Mode m_mode = Mode::Running;
    std::deque<Held> m_held;         // transitions made but not delivered yet (paused, stepping)
    TraceEvent m_lastDelivered;
    QList<Breakpoint> m_breakpoints;
    FaultPlan m_faults;              // injected without a run: for the next one
    Pacer m_pacer;
    qint64 m_frozenPosition = 0;     // virtual time reached when the run paused
    qint64 m_recoveryStartT = -1;    // recover: the earliest t at which a recovered instance had stopped

    // Latency figures: when each instance started (by this run), and how long the finished took.
    QHash<QString, qint64> m_startedAt;
    QList<qint64> m_latencies;
};

} // namespace Sagascope

Q_DECLARE_METATYPE(Sagascope::RunSummary)
Q_DECLARE_METATYPE(Sagascope::RunRequest)
Q_DECLARE_METATYPE(Sagascope::ResumeRequest)
Q_DECLARE_METATYPE(Sagascope::SagaLog::OpenOptions)
Q_DECLARE_METATYPE(Sagascope::FaultPlan)
Q_DECLARE_METATYPE(Sagascope::OperationKind)
Q_DECLARE_METATYPE(Sagascope::FailureKind)
