// SPDX-License-Identifier: MIT
#include "engine.h"

#include "clock.h"
#include "effectsledger.h"
#include "httpparticipant.h"
#include "remotespec.h"
#include "sagaexecutor.h"
#include "sagafile.h"
#include "sagagraph.h"
#include "scheduler.h"
#include "simulatedparticipant.h"
#include "twophasecoordinator.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>
#include <cmath>

namespace Sagascope {

int RunSummary::exitCode() const
{
    if (!error.isEmpty())
        return 2;
    if (stuck > 0)
        return 11;
    if (compensated > 0)
        return 10;
    return 0;
}

RunSummary::Percentiles RunSummary::percentiles(QList<qint64> samples)
{
    Percentiles p;
    p.count = int(samples.size());
    if (samples.isEmpty())
        return p;
    std::sort(samples.begin(), samples.end());
    const auto rank = [&](double q) {
        const qsizetype k = qsizetype(std::ceil(q * double(samples.size())));
        return samples.at(qBound<qsizetype>(0, k - 1, samples.size() - 1));
    };
    p.p50 = rank(0.50);
    p.p99 = rank(0.99);
    return p;
}

double RunSummary::throughputPerSec() const
{
    const int finished = completed + compensated + stuck;
    if (finished == 0)
        return 0.0;
    // A run that took no time at all (virtual time without latency) counts as one millisecond.
    return double(finished) * 1000.0 / double(qMax<qint64>(1, durationMs));
}

QJsonObject RunSummary::toJson() const
{
    const auto percentileJson = [](const Percentiles &p) {
        return QJsonObject{{QStringLiteral("p50"), p.p50}, {QStringLiteral("p99"), p.p99}};
    };
    QJsonObject locks;
    for (auto it = lockHoldMs.cbegin(); it != lockHoldMs.cend(); ++it)
        locks.insert(it.key(), percentileJson(it.value()));
    QJsonObject counters;
    for (auto it = resources.cbegin(); it != resources.cend(); ++it)
        counters.insert(it.key(), it.value());
    QJsonObject o{
        {QStringLiteral("protocol"), protocol},
        {QStringLiteral("instances"), instances},
        {QStringLiteral("completed"), completed},
        {QStringLiteral("rolledBack"), compensated},
        {QStringLiteral("stuck"), stuck},
        {QStringLiteral("unfinished"), unfinished},
        {QStringLiteral("durationMs"), durationMs},
        {QStringLiteral("virtualTime"), virtualTime},
        {QStringLiteral("throughputPerSec"), std::round(throughputPerSec() * 1000.0) / 1000.0},
        {QStringLiteral("latencyMs"), percentileJson(latencyMs)},
        {QStringLiteral("lockHoldMs"), locks},
        {QStringLiteral("inDoubt"), inDoubt},
        {QStringLiteral("dirtyReads"), anomalies.dirtyReads},
        {QStringLiteral("dirtyReadFailures"), anomalies.dirtyReadFailures},
        {QStringLiteral("lostUpdates"), anomalies.lostUpdates},
        {QStringLiteral("resources"), counters},
    };
    if (!error.isEmpty())
        o.insert(QStringLiteral("error"), error);
    return o;
}

struct Engine::Job
{
    SagaDefinition definition;
    RunOptions options;
    std::unique_ptr<Clock> clock;
    std::unique_ptr<Scheduler> scheduler;
    std::unique_ptr<EffectsLedger> ledger;
    std::unique_ptr<SharedResources> resources;
    std::unique_ptr<SimulatedParticipant> participant;
    std::unique_ptr<HttpParticipant> http;      // remote endpoints (SPEC section 6); null when none are called
    std::unique_ptr<InstanceDriver> executor;   // the saga's SagaExecutor or the 2PC coordinator
    TwoPhaseCoordinator *coordinator = nullptr; // the executor, under --protocol 2pc
    int instances = 0;
    qint64 runId = 0; // in the saga log
};

Engine::Engine(QObject *parent) : QObject(parent), m_timer(this)
{
    qRegisterMetaType<Sagascope::TraceEvent>();
    qRegisterMetaType<QList<Sagascope::TraceEvent>>();
    qRegisterMetaType<Sagascope::RunSummary>();
    qRegisterMetaType<Sagascope::InstanceStatus>();
    qRegisterMetaType<Sagascope::PauseInfo>();
    qRegisterMetaType<Sagascope::FaultPlan>();
    qRegisterMetaType<Sagascope::Breakpoint>();
    qRegisterMetaType<QList<Sagascope::Breakpoint>>();
    m_timer.setSingleShot(true);
    m_timer.setTimerType(Qt::PreciseTimer);
    connect(&m_timer, &QTimer::timeout, this, &Engine::work);
}

Engine::~Engine()
{
    m_jobs.clear(); // executors and participants before the log they write to
    m_log.reset();
}

QString Engine::addJob(const SagaDefinition &definition, const RunOptions &options, qint64 runStart)
{
    auto job = std::make_unique<Job>();
    job->definition = definition;
    job->options = options;
    const bool remote = !options.simulate && hasHttpOperations(definition);
    if (remote && options.virtualTime)
        return tr("a saga that calls remote endpoints runs on the real clock: leave out --virtual-time, or add --simulate");
    if (options.virtualTime)
        job->clock = std::make_unique<VirtualClock>();
    else
        job->clock = std::make_unique<RealClock>();
    job->scheduler = std::make_unique<Scheduler>(*job->clock);
    job->scheduler->setDurability(m_log.get());
    job->scheduler->setMaxCommitDelay(options.maxCommitDelayMs);
    QList<StepId> ids;
    for (const Step &step : job->definition.steps)
        ids.append(step.id);
    job->ledger = std::make_unique<EffectsLedger>(ids);
    job->ledger->setStore(m_log.get());
    job->resources = std::make_unique<SharedResources>(job->definition);
    job->resources->setStore(m_log.get());
    job->participant = std::make_unique<SimulatedParticipant>(job->definition, options.faults, *job->scheduler, *job->ledger);
    if (!job->resources->isEmpty())
        job->participant->setResources(job->resources.get());
    if (options.protocol == Protocol::TwoPhaseCommit) {
        // The coordinator calls the simulated resource managers itself: prepare and commit are
        // not operations a remote endpoint of SPEC section 6 offers.
        if (remote)
            return tr("--protocol 2pc runs the simulated participants only: add --simulate to run a saga that calls "
                      "remote endpoints");
        auto coordinator = std::make_unique<TwoPhaseCoordinator>(job->definition, options, *job->scheduler, *job->ledger,
                                                                 *job->resources, *m_log);
        coordinator->setCrashSink([this, scheduler = job->scheduler.get()] {
            m_crashRequested = true;
            scheduler->interrupt();
        });
        job->coordinator = coordinator.get();
        job->executor = std::move(coordinator);
    } else {
        Participant *participant = job->participant.get();
        if (remote) {
            job->http = std::make_unique<HttpParticipant>(job->definition, options, *job->scheduler, *m_log, *job->participant,
                                                          [this] { wake(); });
            const QString error = job->http->prepare();
            if (!error.isEmpty())
                return error;
            participant = job->http.get();
        }
        job->executor = std::make_unique<SagaExecutor>(job->definition, options, *job->scheduler, *participant, *m_log);
    }
    job->executor->setFinishSink([resources = job->resources.get(), scheduler = job->scheduler.get()](
                                     const QString &instance, InstanceStatus, const QString &) {
        resources->instanceFinished(instance, scheduler->now());
    });
    job->executor->setRunStart(runStart);
    job->executor->setTraceSink([this](const TraceEvent &event) { onTransition(event); });
    m_jobs.push_back(std::move(job));
    return {};
}

void Engine::wake()
{
    // A remote reply arrived (on this thread): run the scheduler now rather than at its timer.
    // Many replies at once post one call.
    if (m_wakePosted)
        return;
    m_wakePosted = true;
    QMetaObject::invokeMethod(
        this,
        [this] {
            m_wakePosted = false;
            if (m_busy && m_mode != Mode::Paused) {
                m_timer.stop();
                work();
            }
        },
        Qt::QueuedConnection);
}

bool Engine::beginWork(const QString &logPath)
{
    if (m_busy) {
        RunSummary busy;
        busy.error = tr("the engine is already running");
        Q_EMIT finished(busy);
        return false;
    }
    m_busy = true;
    m_stopRequested = false;
    m_crashRequested = false;
    m_startedAt.clear();
    m_latencies.clear();
    m_jobs.clear();
    m_current = 0;
    m_summary = RunSummary{};
    m_summary.logPath = logPath;
    return true;
}

void Engine::start(const RunRequest &request)
{
    if (!beginWork(request.logPath))
        return;
    m_summary.virtualTime = request.options.virtualTime;
    m_collectTrace = request.collectTrace;
    m_wall = std::make_unique<QElapsedTimer>();
    m_wall->start();
    m_log.reset();
    m_held.clear();
    m_lastDelivered = TraceEvent{};
    m_mode = request.startPaused ? Mode::Paused : Mode::Running;
    m_pacer.restart(0, 0);
    m_frozenPosition = 0;

    // Faults injected before the run join the run's own (and are recorded with it).
    RunOptions options = request.options;
    for (const FaultPlan::Entry &entry : m_faults.entries())
        options.faults.setFault(entry.instance, entry.step, entry.operation, entry.fault);

    // Remote endpoints that cannot be called (credentials over plain http, a missing token...)
    // refuse the run before anything is recorded or sent.
    QString error = HttpParticipant::check(request.definition, options);
    if (!error.isEmpty())
        return end(error);
    if (request.logPath.isEmpty())
        m_log = SagaLog::inMemory(options.maxBatch);
    else
        m_log = SagaLog::open(request.logPath, request.logOptions, &error);
    if (!m_log)
        return end(error);
    const auto run = m_log->beginRun(SagaFile::serialize(request.definition), options, &error);
    if (!run)
        return end(error);
    error = addJob(request.definition, options, 0);
    if (!error.isEmpty())
        return end(error);
    Job &job = *m_jobs.back();
    job.runId = run->id;
    job.instances = request.options.instances;
    for (int i = 0; i < request.options.instances; ++i) {
        if (job.http)
            job.http->setInput(SagaExecutor::instanceId(options.seed, run->firstInstance + i), options.inputFor(i));
        job.executor->enqueueNew(run->firstInstance + i, run->id, i);
    }
    m_total = request.options.instances;
    m_summary.instances = m_total;
    Q_EMIT faultsChanged(options.faults);
    if (request.startPaused)
        Q_EMIT paused(PauseInfo{});
    startNextJob();
}

void Engine::resumeStuck(const QString &logPath, const ResumeRequest &request, const SagaLog::OpenOptions &options)
{
    m_resume = request;
    recover(logPath, options);
}

void Engine::recover(const QString &logPath, const SagaLog::OpenOptions &options)
{
    // resumeStuck(): one stuck instance, resumed as a person decided, rather than every unfinished one.
    const std::optional<ResumeRequest> resume = std::exchange(m_resume, std::nullopt);
    if (!beginWork(logPath))
        return;
    m_collectTrace = true;
    m_wall = std::make_unique<QElapsedTimer>();
    m_wall->start();
    m_held.clear();
    m_lastDelivered = TraceEvent{};
    m_mode = Mode::Running;
    m_pacer.restart(0, 0);
    m_frozenPosition = 0;
    m_recoveryStartT = -1;

    QString error;
    SagaLog::OpenOptions openOptions = options;
    openOptions.create = false;
    openOptions.access = SagaLog::OpenOptions::Access::Exclusive;
    m_log = SagaLog::open(logPath, openOptions, &error);
    if (!m_log)
        return end(error);

    // A read that fails ends the recovery with its error: it must never pass for "nothing to
    // recover" (no instances) nor for an instance with no events or no effects.
    m_summary.recovery = true;
    const QList<RunRecord> runs = m_log->runs(&error);
    if (!error.isEmpty())
        return end(error);
    if (!resume) { // what recover will not start: said, not done
        const QHash<qint64, int> started = m_log->startedInstances(&error);
        if (!error.isEmpty())
            return end(error);
        for (const RunRecord &run : runs) {
            const int never = run.options.instances - started.value(run.id);
            if (never > 0)
                m_summary.neverStarted.append({run.id, run.options.instances, never});
        }
    }
    QList<InstanceRecord> unfinished = m_log->instances(!resume, &error);
    if (!error.isEmpty())
        return end(error);
    QHash<qint64, QList<TraceEvent>> events;
    if (resume) {
        const auto it = std::find_if(unfinished.cbegin(), unfinished.cend(),
                                     [&](const InstanceRecord &r) { return r.id == resume->instance; });
        if (it == unfinished.cend())
            return end(tr("%1: no instance %2 in this saga log").arg(logPath, resume->instance));
        if (it->status != InstanceStatus::Stuck)
            return end(tr("%1: instance %2 is %3, not stuck: there is nothing to resume%4")
                           .arg(logPath, resume->instance, instanceStatusName(it->status),
                                it->status == InstanceStatus::Running ? tr(" (an unfinished instance is finished by recover)")
                                                                      : QString()));
        const InstanceRecord stuck = *it;
        unfinished = {stuck};
        events.insert(stuck.number, m_log->eventsOf(stuck.id, &error));
    } else {
        if (unfinished.isEmpty())
            return end({});
        events = m_log->events(true, &error);
    }
    if (!error.isEmpty())
        return end(error);
    const QList<EffectRecord> effects = m_log->effects(!resume, &error);
    if (!error.isEmpty())
        return end(error);
    const QList<ResultRecord> results = m_log->results(!resume, &error);
    if (!error.isEmpty())
        return end(error);
    QHash<qint64, const InstanceRecord *> byNumber;
    for (const InstanceRecord &record : unfinished)
        byNumber.insert(record.number, &record);

    bool virtualTime = true;
    for (const RunRecord &run : runs) {
        QList<const InstanceRecord *> mine;
        for (const InstanceRecord &record : unfinished) {
            if (record.run == run.id)
                mine.append(&record);
        }
        if (mine.isEmpty())
            continue;
        const LoadResult loaded = SagaFile::parse(run.definitionJson, tr("%1 (run %2)").arg(logPath).arg(run.id));
        if (!loaded.ok())
            return end(tr("cannot read the saga of run %1: %2").arg(run.id).arg(loaded.error.toString()));
        virtualTime = virtualTime && run.options.virtualTime;
        RunOptions options = run.options;
        options.crashCoordinator = CrashPoint::None; // the restarted coordinator runs to the end
        error = addJob(*loaded.definition, options, 0);
        if (!error.isEmpty())
            return end(tr("cannot recover run %1: %2").arg(run.id).arg(error));
        Job &job = *m_jobs.back();
        job.runId = run.id;
        if (!restoreInjectedFaults(job, &error))
            return end(error);
        if (job.http) { // the inputs and results that the run's requests were made of
            for (const InstanceRecord *record : mine)
                job.http->setInput(record->id, run.options.inputFor(record->index));
            for (const ResultRecord &result : results) {
                const InstanceRecord *record = byNumber.value(result.instanceNumber);
                if (record && record->run == run.id) {
                    QJsonParseError parseError;
                    const QJsonDocument document = QJsonDocument::fromJson("[" + result.json + "]", &parseError);
                    job.http->loadResult(record->id, result.step, document.array().at(0));
                }
            }
        }
        const SagaGraph graph(job.definition);
        for (const EffectRecord &effect : effects) {
            const InstanceRecord *record = byNumber.value(effect.instanceNumber);
            if (record && record->run == run.id)
                job.ledger->load(record->id, graph.indexOf(effect.step), effect.operation, effect.outcome);
        }
        if (!job.resources->isEmpty()) {
            // The counters as the log last recorded them; the writes that can still be compensated.
            const QMap<QString, qint64> values = m_log->resourceValues(run.id, &error);
            if (!error.isEmpty())
                return end(error);
            for (auto it = values.cbegin(); it != values.cend(); ++it)
                job.resources->restoreValue(it.key(), it.value());
            for (const InstanceRecord *record : job.coordinator ? QList<const InstanceRecord *>{} : mine) {
                for (int s = 0; s < graph.size(); ++s) {
                    const EffectsLedger::Counts counts = job.ledger->counts(record->id, s);
                    if (counts.applied && !counts.compensated)
                        job.resources->restoreAppliedAction(record->id, s, job.scheduler->now());
                }
            }
        }
        for (const InstanceRecord *record : mine) {
            const QList<TraceEvent> &logged = events.value(record->number);
            if (!logged.isEmpty()) // the recovery's own time starts where the earliest left off
                m_recoveryStartT = m_recoveryStartT < 0 ? logged.last().t : qMin(m_recoveryStartT, logged.last().t);
        }
        if (resume) {
            auto *executor = dynamic_cast<SagaExecutor *>(job.executor.get());
            if (!executor)
                return end(tr("%1: instance %2 ran under two-phase commit, which `resume` does not drive")
                               .arg(logPath, resume->instance));
            ResumeRequest request = *resume;
            const QList<TraceEvent> &trace = events.value(mine.first()->number);
            const QString refused = executor->checkResume(trace, &request);
            if (!refused.isEmpty())
                return end(tr("%1: cannot resume %2: %3").arg(logPath, resume->instance, refused));
            executor->setLedger(job.ledger.get());
            executor->enqueueResumed(*mine.first(), trace, request);
        } else {
            for (const InstanceRecord *record : mine)
                job.executor->enqueueRecovered(*record, events.value(record->number));
        }
        job.instances = int(mine.size());
    }
    m_total = int(unfinished.size());
    m_summary.instances = m_total;
    m_summary.virtualTime = virtualTime;
    startNextJob();
}

bool Engine::restoreInjectedFaults(Job &job, QString *error)
{
    const QList<FaultRecord> injected = m_log->faults(job.runId, error);
    if (!error->isEmpty())
        return false;
    if (injected.isEmpty())
        return true;
    // The run's own faults, then each injection in its order, as the run applied them.
    FaultPlan plan = job.options.faults;
    // By step and operation: each instance's count of attempts before the latest injection.
    QHash<std::pair<StepId, int>, QHash<QString, int>> bases;
    for (const FaultRecord &f : injected) {
        if (!f.operation) {
            plan.clearStep(f.step);
            continue;
        }
        plan.setFault(f.instance, f.step, *f.operation, f.fault);
        QHash<QString, int> &counts = bases[{f.step, int(*f.operation)}];
        if (f.instance.isEmpty()) {
            counts = f.bases; // every running instance was counted again
        } else {
            counts.remove(f.instance);
            if (const int base = f.bases.value(f.instance))
                counts.insert(f.instance, base);
        }
    }
    job.participant->setFaults(plan);
    if (job.http)
        job.http->setFaults(plan);
    job.executor->setFaults(plan);
    for (auto it = bases.cbegin(); it != bases.cend(); ++it)
        for (auto b = it.value().cbegin(); b != it.value().cend(); ++b)
            job.executor->setRecoveredFaultBase(b.key(), it.key().first, OperationKind(it.key().second), b.value());
    return true;
}

void Engine::stop()
{
    m_stopRequested = true;
    if (m_busy && m_mode != Mode::Running) // nothing else would wake the engine up
        QMetaObject::invokeMethod(this, &Engine::work, Qt::QueuedConnection);
}

bool Engine::beginJob()
{
    if (m_current >= m_jobs.size())
        return false;
    Job &job = *m_jobs[m_current];
    job.executor->setRunStart(job.scheduler->now());
    job.executor->admit();
    return true;
}

void Engine::startNextJob()
{
    if (!beginJob())
        return end({});
    QMetaObject::invokeMethod(this, &Engine::work, Qt::QueuedConnection);
}

void Engine::flushTrace()
{
    if (!m_batch.isEmpty()) {
        const QList<TraceEvent> batch = std::move(m_batch);
        m_batch = {};
        Q_EMIT traceEvents(batch);
    }
}

// ---------------------------------------------------------------------------------------------
// Run control. Every transition goes through onTransition() as it is made (the executor has
// applied it and appended it to the log). Running freely it is delivered at once; paused,
// stepping, or at a breakpoint, it is held, and the scheduler is interrupted after the handler
// that made it, so that nothing more happens (no participant is called) until it is delivered.

bool Engine::hitsBreakpoint(const TraceEvent &event) const
{
    if (event.event != TraceEventType::StepStarted && event.event != TraceEventType::CompensationStarted)
        return false;
    for (const Breakpoint &breakpoint : m_breakpoints) {
        if (breakpoint.matches(event))
            return true;
    }
    return false;
}

void Engine::onTransition(const TraceEvent &event)
{
    if (event.event == TraceEventType::SagaStarted) {
        m_startedAt.insert(event.instance, event.t);
    } else if (event.isFinal()) {
        const auto started = m_startedAt.constFind(event.instance);
        if (started != m_startedAt.cend()) {
            m_latencies.append(event.t - *started);
            m_startedAt.erase(started);
        }
    }
    if (m_mode == Mode::Running && m_held.empty() && (m_breakpoints.isEmpty() || !hitsBreakpoint(event)))
        return deliver(event);
    if (m_held.empty() && m_current < m_jobs.size())
        m_jobs[m_current]->scheduler->interrupt();
    m_held.push_back(Held{event, false});
}

void Engine::deliver(const TraceEvent &event)
{
    if (m_collectTrace)
        m_batch.append(event);
    if (event.isFinal()) {
        const InstanceStatus status = event.finalStatus();
        Q_EMIT instanceFinished(event.instance, status, event.reason);
    }
    m_lastDelivered = event;
}

bool Engine::releaseHeld()
{
    while (!m_held.empty()) {
        Held &front = m_held.front();
        if (!front.passed && hitsBreakpoint(front.event)) {
            front.passed = true;
            pauseAt(PauseInfo::Reason::Breakpoint, front.event);
            return false;
        }
        const TraceEvent event = std::move(front.event);
        m_held.pop_front();
        deliver(event);
    }
    return true;
}

qint64 Engine::pacedPosition() const
{
    if (m_current >= m_jobs.size())
        return 0;
    const qint64 now = m_jobs[m_current]->scheduler->now();
    if (m_mode == Mode::Paused)
        return qMax(now, m_frozenPosition);
    const qint64 horizon = m_pacer.horizon(m_wall ? m_wall->elapsed() : 0);
    return qMax(now, horizon);
}

void Engine::pauseAt(PauseInfo::Reason reason, const TraceEvent &event)
{
    m_frozenPosition = pacedPosition();
    m_mode = Mode::Paused;
    m_timer.stop();
    flushTrace();
    // What was delivered is durable before the pause is reported. Handlers never end half-way in
    // the log: the scheduler stops only between handlers, and each handler logged all it made.
    if (m_log && !m_log->commit())
        return end(m_log->lastError());
    Q_EMIT paused(PauseInfo::from(reason, event));
}

void Engine::pause()
{
    if (!m_busy || m_mode != Mode::Running)
        return;
    pauseAt(PauseInfo::Reason::User, m_lastDelivered);
}

void Engine::resume()
{
    if (!m_busy || m_mode == Mode::Running)
        return;
    if (m_mode == Mode::Paused)
        m_pacer.restart(pacedPosition(), m_wall->elapsed());
    m_mode = Mode::Running;
    Q_EMIT resumed();
    m_timer.stop();
    QMetaObject::invokeMethod(this, &Engine::work, Qt::QueuedConnection);
}

void Engine::stepTransition()
{
    if (!m_busy || m_mode == Mode::Stepping)
        return;
    if (m_mode == Mode::Running) {
        m_frozenPosition = pacedPosition();
        m_mode = Mode::Stepping; // pause after the next transition
        return;
    }
    m_mode = Mode::Stepping;
    QMetaObject::invokeMethod(this, &Engine::work, Qt::QueuedConnection);
}

void Engine::setSpeed(double factor)
{
    const qint64 position = pacedPosition();
    m_pacer.setFactor(factor, position, m_wall ? m_wall->elapsed() : 0);
    if (m_busy && m_mode == Mode::Running && m_timer.isActive()) {
        m_timer.stop();
        QMetaObject::invokeMethod(this, &Engine::work, Qt::QueuedConnection);
    }
}

void Engine::setBreakpoints(const QList<Breakpoint> &breakpoints)
{
    m_breakpoints = breakpoints;
}

FaultPlan Engine::faults() const
{
    if (m_busy && m_current < m_jobs.size())
        return m_jobs[m_current]->participant->faults();
    return m_faults;
}

bool Engine::injectFault(const QString &instance, const StepId &step, OperationKind operation, FailureKind kind,
                         int attempts)
{
    if (!FaultPlan::isValid(operation, kind))
        return false;
    const FaultPlan::Fault fault{kind, qMax(0, attempts)};
    if (m_busy && m_current < m_jobs.size()) {
        Job &job = *m_jobs[m_current];
        if (job.definition.indexOf(step) < 0)
            return false;
        FaultPlan plan = job.participant->faults();
        plan.setFault(instance, step, operation, fault);
        job.participant->setFaults(plan);
        if (job.http)
            job.http->setFaults(plan);
        job.executor->setFaults(plan);
        FaultRecord record;
        record.run = job.runId;
        record.instance = instance;
        record.step = step;
        record.operation = operation;
        record.fault = fault;
        record.bases = job.executor->restartFaultCount(instance, step, operation);
        // Into the log before any participant call can see it (calls are made by work(), never
        // during this one), so that recover applies it as this run did.
        if (!m_log->recordFault(record)) {
            end(m_log->lastError());
            return false;
        }
    }
    // Faults for every instance are kept for the next runs too; those of one instance only until
    // the end of the run (given without a run, they are for the next one).
    if (instance.isEmpty() || !m_busy)
        m_faults.setFault(instance, step, operation, fault);
    Q_EMIT faultsChanged(faults());
    return true;
}

void Engine::clearFaults(const StepId &step)
{
    if (m_busy && m_current < m_jobs.size()) {
        Job &job = *m_jobs[m_current];
        FaultPlan plan = job.participant->faults();
        plan.clearStep(step);
        job.participant->setFaults(plan);
        if (job.http)
            job.http->setFaults(plan);
        job.executor->setFaults(plan);
        FaultRecord record;
        record.run = job.runId;
        record.step = step; // no operation: every fault on the step
        if (!m_log->recordFault(record))
            return end(m_log->lastError());
    }
    m_faults.clearStep(step);
    Q_EMIT faultsChanged(faults());
}

void Engine::scheduleWork(Scheduler::Status status)
{
    Job &job = *m_jobs[m_current];
    switch (status) {
    case Scheduler::Status::Busy:
        QMetaObject::invokeMethod(this, &Engine::work, Qt::QueuedConnection);
        break;
    case Scheduler::Status::Waiting: {
        const qint64 due = job.scheduler->nextDueMs();
        const qint64 delay = job.scheduler->clock().isVirtual() ? m_pacer.wallDelayUntil(due, m_wall->elapsed())
                                                                : due - job.scheduler->now();
        m_timer.start(int(qBound<qint64>(qint64(0), delay, qint64(60000))));
        break;
    }
    case Scheduler::Status::Idle:
        if (job.http && job.http->pendingCalls() > 0)
            break; // waiting for remote replies: wake() comes back
        end(tr("internal error: the engine went idle with %1 instances unfinished").arg(job.executor->activeCount()));
        break;
    case Scheduler::Status::Failed:
        break;
    }
}

void Engine::work()
{
    if (!m_busy || m_current >= m_jobs.size())
        return;
    Job &job = *m_jobs[m_current];
    if (m_stopRequested) {
        job.scheduler->clear();
        for (const Held &held : m_held) // made and logged: the log and the trace agree
            deliver(held.event);
        m_held.clear();
        const bool committed = m_log->commit();
        flushTrace();
        if (!committed)
            return end(m_log->lastError());
        // Say what is true for this run: a log keeps the unfinished instances, memory does not.
        return end(m_summary.logPath.isEmpty()
                       ? tr("stopped; the unfinished instances are gone (this run kept no saga log)")
                       : tr("stopped; the unfinished instances stay in the saga log %1: finish them with "
                            "'sagascope-cli recover --db %1'").arg(m_summary.logPath));
    }
    if (m_mode == Mode::Paused)
        return;
    if (m_mode == Mode::Stepping)
        return step();
    if (!releaseHeld())
        return; // paused at a breakpoint
    job.scheduler->setHorizon(job.scheduler->clock().isVirtual() ? m_pacer.horizon(m_wall->elapsed()) : -1);
    const Scheduler::Status status = job.scheduler->run(m_budget);
    if (m_crashRequested) {
        // The coordinator stopped at its crash point: what it logged stays, nothing more happens.
        job.scheduler->clear();
        const bool committed = m_log->commit();
        m_summary.coordinatorCrashed = true;
        return end(committed ? tr("the 2PC coordinator crashed %1 (--crash-coordinator); run 'recover' to finish the "
                                  "instances in doubt")
                                   .arg(crashPointName(job.options.crashCoordinator))
                             : m_log->lastError());
    }
    flushTrace();
    const int finishedNow = [this] {
        int n = 0;
        for (const auto &j : m_jobs)
            n += j->executor->finishedCount();
        return n;
    }();
    if (m_wall->elapsed() - m_lastProgressMs >= 200) {
        m_lastProgressMs = m_wall->elapsed();
        Q_EMIT progress(finishedNow, m_total);
    }
    if (status == Scheduler::Status::Failed)
        return end(m_log->lastError());
    if (!m_held.empty()) { // interrupted: deliver (or pause) first
        QMetaObject::invokeMethod(this, &Engine::work, Qt::QueuedConnection);
        return;
    }
    if (job.executor->isDone()) {
        if (!m_log->commit())
            return end(m_log->lastError());
        ++m_current;
        return startNextJob();
    }
    scheduleWork(status);
}

void Engine::step()
{
    // Make transitions until one is held (each is held while stepping), then deliver that one.
    while (m_held.empty()) {
        Job &job = *m_jobs[m_current];
        if (job.executor->isDone()) {
            if (!m_log->commit())
                return end(m_log->lastError());
            ++m_current;
            if (!beginJob())
                return end({});
            continue;
        }
        job.scheduler->setHorizon(-1); // a step does not wait for the paced clock
        const Scheduler::Status status = job.scheduler->run(1);
        if (status == Scheduler::Status::Failed)
            return end(m_log->lastError());
        if (status == Scheduler::Status::Waiting && m_held.empty())
            return scheduleWork(status); // a real clock: the next event is later; work() comes back here
        if (status == Scheduler::Status::Idle && m_held.empty() && !job.executor->isDone())
            return scheduleWork(status);
    }
    const TraceEvent event = std::move(m_held.front().event);
    m_held.pop_front();
    deliver(event);
    Job &job = *m_jobs[m_current];
    const bool last = m_held.empty() && m_current + 1 >= m_jobs.size() && job.executor->activeCount() == 0
                      && job.executor->queuedCount() == 0;
    if (last) { // the run's last transition: finish rather than pause
        m_mode = Mode::Running;
        flushTrace();
        QMetaObject::invokeMethod(this, &Engine::work, Qt::QueuedConnection);
        return;
    }
    pauseAt(PauseInfo::Reason::Step, event);
}

void Engine::end(const QString &error)
{
    m_timer.stop();
    for (const Held &held : m_held)
        deliver(held.event);
    m_held.clear();
    flushTrace();
    m_mode = Mode::Running;
    m_faults.clearInstanceFaults();
    m_summary.error = error;
    int done = 0;
    for (const auto &job : m_jobs) {
        m_summary.completed += job->executor->completedCount();
        m_summary.compensated += job->executor->compensatedCount();
        m_summary.stuck += job->executor->stuckCount();
        m_summary.transitions += job->executor->transitions();
        m_summary.durationMs = qMax(m_summary.durationMs, job->executor->lastT());
        done += job->executor->finishedCount();
        m_summary.notStarted += job->executor->queuedCount();
        const AnomalyCounts &a = job->resources->anomalies();
        m_summary.anomalies.dirtyReads += a.dirtyReads;
        m_summary.anomalies.dirtyReadFailures += a.dirtyReadFailures;
        m_summary.anomalies.lostUpdates += a.lostUpdates;
        const QMap<QString, qint64> values = job->resources->values();
        for (auto it = values.cbegin(); it != values.cend(); ++it)
            m_summary.resources.insert(it.key(), it.value());
        const QMap<QString, QList<qint64>> holds = job->coordinator ? job->coordinator->lockHolds()
                                                                    : job->resources->lockHolds();
        if (job->coordinator) {
            m_summary.protocol = protocolName(Protocol::TwoPhaseCommit);
            m_summary.inDoubt += job->coordinator->inDoubtCount();
        }
        for (const QString &name : values.keys())
            m_summary.lockHoldMs.insert(name, RunSummary::percentiles(holds.value(name)));
    }
    m_summary.latencyMs = RunSummary::percentiles(m_latencies);
    m_summary.unfinished = qMax(0, m_total - done);
    m_summary.commits = m_log ? m_log->commitCount() : 0;
    m_summary.wallMs = m_wall ? m_wall->elapsed() : 0;
    if (m_summary.recovery) // its own duration, not the run's clock that the instances go on with
        m_summary.durationMs = m_summary.virtualTime ? qMax<qint64>(0, m_summary.durationMs - qMax<qint64>(0, m_recoveryStartT))
                                                     : m_summary.wallMs;
    m_busy = false;
    const RunSummary summary = m_summary;
    // Release the log now so that another process (recover, inspect) can take it at once.
    m_jobs.clear();
    m_log.reset();
    Q_EMIT progress(done, m_total);
    Q_EMIT finished(summary);
}

} // namespace Sagascope
