// SPDX-License-Identifier: MIT
#include "runcontroller.h"

#include "enginethread.h"
#include "validator.h"
#include "writerliveness.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QSet>
#include <QTemporaryDir>

namespace Sagascope {

RunController::RunController(QObject *parent)
    : QObject(parent)
    , m_engine(new EngineThread(this))
    , m_follower(new LogFollower(this))
{
    qRegisterMetaType<Sagascope::RunSummary>();
    qRegisterMetaType<Sagascope::PauseInfo>();
    qRegisterMetaType<Sagascope::FaultPlan>();

    Engine *engine = m_engine->engine();
    connect(engine, &Engine::traceEvents, this, [this](const QList<TraceEvent> &events) {
        if (m_running && !m_abandoned)
            Q_EMIT traceEvents(events); // an abandoned run's tail is dropped
    });
    connect(engine, &Engine::finished, this, &RunController::onEngineFinished);
    connect(engine, &Engine::paused, this, &RunController::onPaused);
    connect(engine, &Engine::resumed, this, [this] {
        m_paused = false;
        Q_EMIT stateChanged();
        Q_EMIT resumed();
    });

    connect(m_follower, &LogFollower::runFound, this, &RunController::logRunFound);
    connect(m_follower, &LogFollower::traceEvents, this, [this](const QList<TraceEvent> &events) {
        if (!m_follower->isFollowing())
            return; // a batch read before stop(): the log is no longer followed
        if (m_logLoading)
            m_quiet.start(); // the first reading lasts while batches keep coming
        Q_EMIT traceEvents(events);
    });
    connect(m_follower, &LogFollower::error, this, &RunController::message);
    // LogFollower reads at once what is committed, batch after batch without a pause; once no
    // batch came for two poll intervals, the history has been read: what follows is live.
    m_quiet.setSingleShot(true);
    m_quiet.setInterval(2 * m_follower->interval() + 100);
    connect(&m_quiet, &QTimer::timeout, this, [this] {
        m_logLoading = false;
        Q_EMIT logLoaded();
        Q_EMIT stateChanged();
    });
    m_writerCheck.setInterval(1000);
    connect(&m_writerCheck, &QTimer::timeout, this, &RunController::checkWriter);
    m_engine->setSpeed(m_speed);
}

RunController::~RunController()
{
    m_follower->stop();
    // The engine thread stops in its own destructor (a child of this object).
}

bool RunController::isFollowingLog() const
{
    return m_follower->isFollowing();
}

// --- runs ---

bool RunController::start(const SagaDefinition &definition, const RunOptions &options, QString *error,
                          const QString &logPath)
{
    auto fail = [error](const QString &text) {
        if (error)
            *error = text;
        return false;
    };
    if (m_running || m_preflight)
        return fail(tr("A run is in progress: stop it first."));
    const QStringList errors = Validator::errorLines(definition);
    if (!errors.isEmpty())
        return fail(tr("The saga has validation errors and cannot run:\n%1").arg(errors.join(QLatin1Char('\n'))));
    for (const FaultPlan::Entry &entry : options.faults.entries())
        if (!definition.step(entry.step))
            return fail(tr("An injected fault names '%1', which is not a step of the saga.").arg(entry.step));
    if (!m_connectionChecks || RunPreflight::servicesToCheck(definition, options).isEmpty())
        return launch(definition, options, error, logPath);

    // The services the run calls over HTTP are checked first; nothing is started or recorded
    // until the check passes (RunPreflight).
    m_preflight = new RunPreflight(definition, options, this);
    connect(m_preflight, &RunPreflight::finished, this,
            [this, definition, options, logPath](const RunPreflight::Outcome &outcome) {
                onPreflightFinished(outcome, definition, options, logPath);
            });
    // Said before the checks begin: reading a secret from the keychain may run a local event loop.
    Q_EMIT message(tr("Checking the connections of %1…").arg(m_preflight->services().join(QStringLiteral(", "))));
    Q_EMIT stateChanged();
    m_preflight->start();
    return true;
}

QStringList RunController::checkedServices() const
{
    return m_preflight ? m_preflight->services() : QStringList();
}

namespace {

/** What the user can do about a service that refused a run, in the desktop's words. */
QString whatToDo(const RunPreflight::Finding &finding)
{
    using P = ConnectionCheck::Problem;
    const bool signIn = finding.auth == AuthType::OAuth2AuthorizationCode;
    switch (finding.problem) {
    case P::Tls:
        return RunController::tr("Give the endpoint the CA file that signed the service's certificate (Services dock, "
                                 "CA file), or have the certificate renewed for this host name.");
    case P::NoCredentials:
        if (signIn)
            return RunController::tr("Sign in (Services dock, Sign in).");
        if (finding.auth == AuthType::Bearer)
            return RunController::tr("Set the environment variable that holds the token, then start Sagascope again.");
        return RunController::tr("Keep the client secret in the keychain (Services dock, Client secret) or set %1, "
                                 "then run again.").arg(secretVariable(finding.service));
    case P::TokenRefused:
        if (signIn)
            return RunController::tr("Sign in again (Services dock, Sign in).");
        return RunController::tr("Check the client id and the client secret (the keychain or %1).")
            .arg(secretVariable(finding.service));
    default:
        return RunController::tr("Correct the service's endpoint (Services dock), or run with --simulate.");
    }
}

/** "orders, payments: FAULT" for each fault, in order: services with the same fault share it. */
QStringList sharedFaults(const QList<RunPreflight::Finding> &findings,
                         const std::function<QString(const RunPreflight::Finding &)> &fault)
{
    QStringList faults;
    QList<QStringList> services;
    for (const RunPreflight::Finding &f : findings) {
        const QString text = fault(f);
        const qsizetype at = faults.indexOf(text);
        if (at >= 0) {
            services[at] << f.service;
        } else {
            faults << text;
            services << QStringList{f.service};
        }
    }
    QStringList lines;
    for (qsizetype i = 0; i < faults.size(); ++i)
        lines << services.at(i).join(QStringLiteral(", ")) + QStringLiteral(": ") + faults.at(i);
    return lines;
}

} // namespace

void RunController::onPreflightFinished(const RunPreflight::Outcome &outcome, const SagaDefinition &definition,
                                        const RunOptions &options, const QString &logPath)
{
    m_preflight->deleteLater();
    m_preflight = nullptr;
    if (outcome.cancelled) {
        Q_EMIT message(tr("The run was not started: its connection check was stopped."));
        Q_EMIT stateChanged();
        return;
    }
    if (outcome.refused()) {
        QStringList services;
        for (const RunPreflight::Finding &f : outcome.refusals)
            services << f.service;
        const QStringList paragraphs = sharedFaults(outcome.refusals, [](const RunPreflight::Finding &f) -> QString {
            return (f.url.isEmpty() ? QString() : f.url + QLatin1Char('\n')) + f.message + QLatin1Char('\n')
                   + tr("What to do: %1").arg(whatToDo(f));
        });
        const QString headline = tr("The run did not start: %1 cannot be called.")
                                     .arg(services.join(QStringLiteral(", ")));
        Q_EMIT message(headline);
        Q_EMIT runRefused(headline + QStringLiteral("\n\n") + paragraphs.join(QStringLiteral("\n\n")));
        Q_EMIT stateChanged();
        return;
    }
    QString error;
    if (!launch(definition, options, &error, logPath)) {
        Q_EMIT message(error);
        Q_EMIT runRefused(error);
        Q_EMIT stateChanged();
        return;
    }
    if (!outcome.notes.isEmpty()) {
        const QStringList notes = sharedFaults(outcome.notes, [](const RunPreflight::Finding &f) -> QString { return f.message; });
        // Not a refusal: what the saga's retries and compensations are about (docs/REMOTE.md).
        Q_EMIT message(tr("Running, although: %1").arg(notes.join(QStringLiteral("; "))));
    }
}

bool RunController::launch(const SagaDefinition &definition, const RunOptions &options, QString *error,
                           const QString &logPath)
{
    auto fail = [error](const QString &text) {
        if (error)
            *error = text;
        return false;
    };
    RunRequest request;
    request.definition = definition;
    request.options = options;
    request.logPath = logPath;
    const bool crashRun = options.protocol == Protocol::TwoPhaseCommit && options.crashCoordinator != CrashPoint::None;
    if (logPath.isEmpty() && (m_sessionLogs || crashRun)) {
        // A session log: a stopped run can be recovered, a stuck instance resumed, and a crashed
        // coordinator restarted (recover()). It only has to outlive the process, not the machine.
        if (!m_sessionDir)
            m_sessionDir = std::make_unique<QTemporaryDir>(QDir::tempPath() + QStringLiteral("/sagascope-runs-XXXXXX"));
        if (m_sessionDir->isValid()) {
            if (!m_sessionLog.isEmpty()) {
                for (const QString &suffix : {QString(), QStringLiteral("-wal"), QStringLiteral("-shm"), QStringLiteral("-lock")})
                    QFile::remove(m_sessionLog + suffix);
            }
            m_sessionLog = m_sessionDir->filePath(QStringLiteral("run-%1.db").arg(++m_sessionRuns));
            request.logPath = m_sessionLog;
            request.logOptions.durableCommits = false;
        } else if (crashRun) {
            return fail(tr("Cannot create a directory for the crashed coordinator's log: %1").arg(m_sessionDir->errorString()));
        } else {
            Q_EMIT message(tr("This run keeps its log in memory (cannot create a directory for it: %1).")
                               .arg(m_sessionDir->errorString()));
        }
    }
    // Faults injected here come on top of the options' own (those of removed steps wait,
    // unused, for an undo to bring their step back).
    for (const FaultPlan::Entry &entry : m_faults.entries())
        if (definition.step(entry.step))
            request.options.faults.setFault(entry.instance, entry.step, entry.operation, entry.fault);

    m_follower->stop();
    m_writerCheck.stop();
    m_quiet.stop();
    m_logLoading = false;
    m_options = request.options;
    m_logPath = request.logPath;
    // The switch shows the protocol of the run in progress (a --run "…" brings its own).
    setProtocol(options.protocol);
    if (options.protocol == Protocol::TwoPhaseCommit)
        setCrashCoordinator(options.crashCoordinator);
    m_recovering = false;
    m_summary = RunSummary();
    m_selected.clear();
    m_replayK = -1;
    m_paused = false;
    m_running = true;
    m_abandoned = false;
    pushBreakpoints(); // as they are now: steps may have been renamed, no instance is selected yet
    Q_EMIT runStarted(definition, request.options);
    m_engine->start(request);
    Q_EMIT message(tr("Running %n instance(s), seed %1", nullptr, request.options.instances).arg(request.options.seed));
    Q_EMIT stateChanged();
    return true;
}

bool RunController::openLog(const QString &path, QString *error)
{
    if (m_running || m_preflight) {
        if (error)
            *error = tr("A run is in progress: stop it first.");
        return false;
    }
    m_follower->stop();
    if (!m_follower->open(path, error))
        return false;
    m_logLoading = true;
    m_writerGone = false;
    m_writerGoneSeen = false;
    m_writerCheck.start();
    m_selected.clear();
    m_replayK = -1;
    Q_EMIT logOpened(path);
    m_quiet.start();
    m_follower->start();
    Q_EMIT message(tr("Following %1").arg(QFileInfo(path).fileName()));
    Q_EMIT stateChanged();
    return true;
}

void RunController::stop()
{
    if (m_preflight)
        m_preflight->cancel(); // the run it was checking is not started
    if (m_running)
        m_engine->stop();
    m_writerCheck.stop();
    if (m_follower->isFollowing()) {
        m_follower->stop();
        m_quiet.stop();
        if (std::exchange(m_logLoading, false))
            Q_EMIT logLoaded();
    }
    Q_EMIT stateChanged();
}

void RunController::setProtocol(Protocol protocol)
{
    if (protocol == m_protocol)
        return;
    m_protocol = protocol;
    Q_EMIT protocolChanged(m_protocol, m_crashPoint);
}

void RunController::setCrashCoordinator(CrashPoint point)
{
    if (point == m_crashPoint)
        return;
    m_crashPoint = point;
    Q_EMIT protocolChanged(m_protocol, m_crashPoint);
}

RunOptions RunController::newRunOptions() const
{
    RunOptions options;
    options.protocol = m_protocol;
    if (m_protocol == Protocol::TwoPhaseCommit)
        options.crashCoordinator = m_crashPoint;
    return options;
}

bool RunController::canRecover() const
{
    // The last run left work in a saga log: a crashed coordinator, or instances stopped unfinished.
    // (Instances never started are not in the log: recover cannot finish them.)
    return !m_running && !m_preflight && !lastLogPath().isEmpty()
        && (m_summary.coordinatorCrashed || m_summary.unfinished > m_summary.notStarted);
}

QString RunController::lastLogPath() const
{
    return m_summary.logPath.isEmpty() ? m_logPath : m_summary.logPath;
}

bool RunController::recover(QString *error)
{
    if (!canRecover()) {
        if (error)
            *error = m_running ? tr("A run is in progress: stop it first.")
                               : tr("Nothing to recover: the last run finished every instance, or its log was kept in "
                                    "memory.");
        return false;
    }
    return recover(lastLogPath(), error);
}

bool RunController::recover(const QString &logPath, QString *error)
{
    if (m_running || m_preflight) {
        if (error)
            *error = tr("A run is in progress: stop it first.");
        return false;
    }
    const bool coordinator = m_summary.coordinatorCrashed;
    const QString path = logPath; // a copy: it may be lastSummary().logPath, which is reset
    beginRecovery(path, std::nullopt);
    Q_EMIT message(coordinator ? tr("Recovering the coordinator from %1").arg(QFileInfo(path).fileName())
                               : tr("Recovering the unfinished instances of %1").arg(QFileInfo(path).fileName()));
    Q_EMIT stateChanged();
    return true;
}

void RunController::beginRecovery(const QString &path, const std::optional<ResumeRequest> &resume)
{
    m_follower->stop();
    m_writerCheck.stop();
    m_quiet.stop();
    m_logLoading = false;
    m_summary = RunSummary();
    m_logPath = path; // what a later recover or resume works on
    m_paused = false;
    m_running = true;
    m_recovering = true;
    m_resuming = resume.has_value();
    m_abandoned = false;
    Q_EMIT recoveryStarted(path);
    if (resume)
        m_engine->resumeStuck(path, *resume);
    else
        m_engine->recover(path);
}

bool RunController::isSessionLog(const QString &path) const
{
    return m_sessionDir && m_sessionDir->isValid() && !path.isEmpty()
        && QFileInfo(path).absolutePath() == QFileInfo(m_sessionDir->path()).absoluteFilePath();
}

QString RunController::resumableLogPath() const
{
    if (m_running)
        return {};
    if (m_follower->isFollowing())
        return m_follower->path();
    return lastLogPath();
}

bool RunController::resumeStuck(const ResumeRequest &request, QString *error)
{
    auto fail = [error](const QString &text) {
        if (error)
            *error = text;
        return false;
    };
    if (m_running || m_preflight)
        return fail(tr("A run is in progress: stop it first."));
    const QString path = resumableLogPath();
    if (path.isEmpty())
        return fail(tr("This run kept no saga log, so its stuck instances cannot be resumed. Runs started from the "
                       "window keep one; a run started with --run needs --db FILE."));
    if (m_follower->isFollowing() && WriterLiveness::of(path) == WriterLiveness::Writer::Alive)
        return fail(tr("Another process is still writing %1: resume %2 once that run has ended (or with "
                       "sagascope-cli resume).")
                        .arg(QFileInfo(path).fileName(), request.instance));
    beginRecovery(path, request);
    Q_EMIT message(request.resolution == Resolution::Retry
                       ? tr("Retrying the stuck step of %1").arg(request.instance)
                       : tr("Resolving the stuck step of %1 as %2").arg(request.instance, resolutionName(request.resolution)));
    Q_EMIT stateChanged();
    return true;
}

void RunController::checkWriter()
{
    if (!m_follower->isFollowing() || m_logLoading)
        return;
    const WriterLiveness::Writer writer = WriterLiveness::of(m_follower->path());
    if (writer == WriterLiveness::Writer::Unknown)
        return;
    const bool gone = writer == WriterLiveness::Writer::Gone;
    if (!gone)
        m_writerGoneSeen = false;
    if (gone == m_writerGone)
        return;
    // Gone at the first look: the follower may not have read the writer's last commits yet;
    // said at the next look, polls later.
    if (gone && !std::exchange(m_writerGoneSeen, true))
        return;
    m_writerGoneSeen = false;
    m_writerGone = gone;
    Q_EMIT writerChanged(gone);
}

void RunController::abandon()
{
    if (m_running)
        m_abandoned = true;
    stop();
}

QString RunController::logPath() const
{
    return m_follower->isFollowing() ? m_follower->path() : QString();
}

void RunController::onEngineFinished(const RunSummary &summary)
{
    m_summary = summary;
    m_lastWasResume = std::exchange(m_resuming, false);
    m_recovering = false;
    m_running = false;
    m_paused = false;
    if (summary.coordinatorCrashed)
        Q_EMIT message(tr("The 2PC coordinator crashed: %n participant(s) in doubt, holding their locks. Run › "
                          "Recover the Coordinator finishes them.", nullptr, summary.inDoubt));
    else if (!summary.error.isEmpty())
        Q_EMIT message(summary.error);
    else
        Q_EMIT message(tr("Run finished: %1 completed, %2 compensated, %3 stuck")
                           .arg(summary.completed).arg(summary.compensated).arg(summary.stuck));
    Q_EMIT runFinished(summary);
    Q_EMIT stateChanged();
}

// --- run control ---

void RunController::pause()
{
    if (m_running)
        m_engine->pause();
}

void RunController::resume()
{
    if (m_running)
        m_engine->resume();
}

void RunController::step()
{
    if (m_running && m_paused)
        m_engine->stepTransition();
}

void RunController::setSpeed(double factor)
{
    m_speed = factor <= 0 ? 0.0 : factor;
    m_engine->setSpeed(m_speed);
}

QString RunController::describeTransition(const PauseInfo &info)
{
    const QString step = info.step;
    if (!info.event)
        return tr("nothing has run yet");
    switch (*info.event) {
    case TraceEventType::SagaStarted: return tr("the saga started");
    case TraceEventType::StepStarted: return tr("%1 started (attempt %2)").arg(step).arg(info.attempt);
    case TraceEventType::StepSucceeded: return tr("%1 succeeded").arg(step);
    case TraceEventType::StepFailed: return tr("%1 failed (attempt %2)").arg(step).arg(info.attempt);
    case TraceEventType::RetryScheduled: return tr("a retry of %1 is scheduled").arg(step);
    case TraceEventType::CompensationStarted: return tr("the compensation of %1 started").arg(step);
    case TraceEventType::CompensationSucceeded: return tr("the compensation of %1 finished").arg(step);
    case TraceEventType::CompensationFailed: return tr("the compensation of %1 failed (attempt %2)").arg(step).arg(info.attempt);
    case TraceEventType::SagaCompleted: return tr("the saga completed");
    case TraceEventType::SagaCompensated: return tr("the saga is compensated");
    case TraceEventType::SagaStuck: return tr("the saga is stuck");
    default: break;
    }
    return step.isEmpty() ? traceEventTypeName(*info.event) : QStringLiteral("%1 %2").arg(traceEventTypeName(*info.event), step);
}

void RunController::onPaused(const PauseInfo &info)
{
    m_paused = true;
    QString where;
    if (!info.step.isEmpty())
        where = info.operation == OperationKind::Compensation ? tr(" before the compensation of %1").arg(info.step)
                                                              : tr(" at %1").arg(info.step);
    switch (info.reason) {
    case PauseInfo::Reason::Breakpoint: Q_EMIT message(tr("Breakpoint%1 (instance %2)").arg(where, info.instance.left(8))); break;
    case PauseInfo::Reason::Step:
        // After the transition: say what it did, not what comes next.
        Q_EMIT message(tr("Stepped: %1; paused before the next transition").arg(describeTransition(info)));
        break;
    case PauseInfo::Reason::User: Q_EMIT message(tr("Paused")); break;
    }
    if (!info.instance.isEmpty() && info.instance != m_selected && info.reason == PauseInfo::Reason::Breakpoint)
        setSelectedInstance(info.instance);
    Q_EMIT stateChanged();
    Q_EMIT paused(info);
}

// --- breakpoints ---

void RunController::setBreakpoint(const StepId &step, OperationKind operation, bool on)
{
    Breakpoint bp;
    bp.step = step;
    bp.operation = operation;
    const bool had = m_breakpoints.contains(bp);
    if (had == on)
        return;
    m_breakpoints.removeAll(bp);
    if (on)
        m_breakpoints.append(bp);
    pushBreakpoints();
    Q_EMIT stepRunChanged(step);
}

bool RunController::hasBreakpoint(const StepId &step, OperationKind operation) const
{
    Breakpoint bp;
    bp.step = step;
    bp.operation = operation;
    return m_breakpoints.contains(bp);
}

bool RunController::hasBreakpoint(const StepId &step) const
{
    return hasBreakpoint(step, OperationKind::Action) || hasBreakpoint(step, OperationKind::Compensation);
}

void RunController::setBreakInSelectedInstanceOnly(bool on)
{
    if (m_breakSelectedOnly == on)
        return;
    m_breakSelectedOnly = on;
    pushBreakpoints();
    Q_EMIT stateChanged();
}

void RunController::pushBreakpoints()
{
    QList<Breakpoint> breakpoints = m_breakpoints;
    // Only in the selected instance; before there is one, the first to reach a breakpoint
    // pauses the run and becomes the selected instance (onPaused()).
    if (m_breakSelectedOnly && !m_selected.isEmpty())
        for (Breakpoint &bp : breakpoints)
            bp.instance = m_selected;
    m_engine->setBreakpoints(breakpoints);
}

// --- faults ---

bool RunController::setInjectedFault(const StepId &step, const QString &spec, bool compensation, QString *error)
{
    const OperationKind operation = compensation ? OperationKind::Compensation : OperationKind::Action;
    if (spec.isEmpty()) {
        clearInjectedFault(step, operation);
        return true;
    }
    FaultPlan probe;
    QString message;
    const QString argument = step + QLatin1Char('=') + spec;
    if (!(compensation ? probe.addCompensation(argument, &message) : probe.addAction(argument, &message))) {
        if (error)
            *error = message;
        return false;
    }
    const FaultPlan::Entry entry = probe.entries().value(0);
    return injectFault(step, operation, entry.fault.kind, entry.fault.attempts, error);
}

bool RunController::injectFault(const StepId &step, OperationKind operation, FailureKind kind, int attempts,
                                QString *error)
{
    if (kind == FailureKind::None) {
        clearInjectedFault(step, operation);
        return true;
    }
    if (!FaultPlan::isValid(operation, kind, error))
        return false;
    if (!isValidStepId(step)) {
        if (error)
            *error = tr("'%1' is not a step id").arg(step);
        return false;
    }
    if (kind == FailureKind::Business)
        attempts = 0; // never retried: every attempt
    m_faults.setFault(QString(), step, operation, FaultPlan::Fault{kind, qMax(0, attempts)});
    if (m_running) // into the run in progress too, from the step's next attempt, for every instance
        m_engine->injectFault(QString(), step, operation, kind, qMax(0, attempts));
    faultsEdited(step);
    return true;
}

void RunController::clearInjectedFault(const StepId &step, OperationKind operation)
{
    if (injectedFault(step, operation).kind == FailureKind::None)
        return;
    m_faults.setFault(QString(), step, operation, FaultPlan::Fault{});
    if (m_running) {
        m_engine->clearFaults(step);
        // clearFaults() took both operations: put the other one back.
        const OperationKind other = operation == OperationKind::Action ? OperationKind::Compensation : OperationKind::Action;
        const FaultPlan::Fault kept = injectedFault(step, other);
        if (kept.kind != FailureKind::None)
            m_engine->injectFault(QString(), step, other, kept.kind, kept.attempts);
    }
    faultsEdited(step);
}

void RunController::clearInjectedFaults(const StepId &step)
{
    clearInjectedFault(step, OperationKind::Action);
    clearInjectedFault(step, OperationKind::Compensation);
}

FaultPlan::Fault RunController::injectedFault(const StepId &step, OperationKind operation) const
{
    for (const FaultPlan::Entry &entry : m_faults.entries())
        if (entry.step == step && entry.operation == operation && entry.instance.isEmpty())
            return entry.fault;
    return {};
}

void RunController::faultsEdited(const StepId &step)
{
    Q_EMIT stepRunChanged(step);
}

void RunController::renameSteps(const QStringList &from, const QStringList &to)
{
    // Breakpoints and injected faults belong to the step, not to its old name; undo renames back.
    // (A removed step's marks stay, unseen, so that undoing the removal brings them back too.)
    QHash<StepId, StepId> renamed;
    for (qsizetype i = 0; i < from.size() && i < to.size(); ++i)
        renamed.insert(from.at(i), to.at(i));
    for (Breakpoint &bp : m_breakpoints)
        bp.step = renamed.value(bp.step, bp.step);
    FaultPlan faults;
    for (const FaultPlan::Entry &entry : m_faults.entries())
        faults.setFault(entry.instance, renamed.value(entry.step, entry.step), entry.operation, entry.fault);
    m_faults = faults;
    // A run in progress keeps the names it started with (its faults are its own already); the
    // next run gets the new ones (start() sends the breakpoints again).
    if (!m_running)
        pushBreakpoints();
    QSet<StepId> touched(from.cbegin(), from.cend());
    touched.unite(QSet<StepId>(to.cbegin(), to.cend()));
    for (const StepId &step : std::as_const(touched))
        Q_EMIT stepRunChanged(step);
}

// --- what the views show ---

void RunController::setSelectedInstance(const QString &instance)
{
    if (instance == m_selected)
        return;
    m_selected = instance;
    m_replayK = -1;
    if (m_breakSelectedOnly)
        pushBreakpoints();
    Q_EMIT selectedInstanceChanged(instance);
}

void RunController::setReplayPosition(int k)
{
    const int position = k < 0 ? -1 : k;
    if (position == m_replayK)
        return;
    m_replayK = position;
    Q_EMIT replayPositionChanged(position);
}

} // namespace Sagascope
