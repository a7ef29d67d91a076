// SPDX-License-Identifier: MIT
#include "engine.h"

#include "clock.h"
#include "effectsledger.h"
#include "sagaexecutor.h"
#include "sagafile.h"
#include "sagagraph.h"
#include "scheduler.h"
#include "simulatedparticipant.h"

#include <QCoreApplication>
#include <QElapsedTimer>

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

struct Engine::Job
{
    SagaDefinition definition;
    RunOptions options;
    std::unique_ptr<Clock> clock;
    std::unique_ptr<Scheduler> scheduler;
    std::unique_ptr<EffectsLedger> ledger;
    std::unique_ptr<SimulatedParticipant> participant;
    std::unique_ptr<SagaExecutor> executor;
    int instances = 0;
};

Engine::Engine(QObject *parent) : QObject(parent), m_timer(this)
{
    qRegisterMetaType<Sagascope::TraceEvent>();
    qRegisterMetaType<QList<Sagascope::TraceEvent>>();
    qRegisterMetaType<Sagascope::RunSummary>();
    qRegisterMetaType<Sagascope::InstanceStatus>();
    m_timer.setSingleShot(true);
    m_timer.setTimerType(Qt::PreciseTimer);
    connect(&m_timer, &QTimer::timeout, this, &Engine::work);
}

Engine::~Engine()
{
    m_jobs.clear(); // executors and participants before the log they write to
    m_log.reset();
}

void Engine::addJob(const SagaDefinition &definition, const RunOptions &options, qint64 runStart)
{
    auto job = std::make_unique<Job>();
    job->definition = definition;
    job->options = options;
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
    job->participant = std::make_unique<SimulatedParticipant>(job->definition, options.faults, *job->scheduler, *job->ledger);
    job->executor = std::make_unique<SagaExecutor>(job->definition, options, *job->scheduler, *job->participant, *m_log);
    job->executor->setRunStart(runStart);
    if (m_collectTrace)
        job->executor->setTraceSink([this](const TraceEvent &event) { m_batch.append(event); });
    job->executor->setFinishSink([this](const QString &id, InstanceStatus status, const QString &reason) {
        Q_EMIT instanceFinished(id, status, reason);
    });
    m_jobs.push_back(std::move(job));
}

void Engine::start(const RunRequest &request)
{
    if (m_busy) {
        RunSummary busy;
        busy.error = tr("the engine is already running");
        Q_EMIT finished(busy);
        return;
    }
    m_busy = true;
    m_stopRequested = false;
    m_jobs.clear();
    m_current = 0;
    m_summary = RunSummary{};
    m_summary.virtualTime = request.options.virtualTime;
    m_summary.logPath = request.logPath;
    m_collectTrace = request.collectTrace;
    m_wall = std::make_unique<QElapsedTimer>();
    m_wall->start();
    m_log.reset();

    QString error;
    if (request.logPath.isEmpty())
        m_log = SagaLog::inMemory(request.options.maxBatch);
    else
        m_log = SagaLog::open(request.logPath, request.logOptions, &error);
    if (!m_log)
        return end(error);
    const auto run = m_log->beginRun(SagaFile::serialize(request.definition), request.options, &error);
    if (!run)
        return end(error);
    addJob(request.definition, request.options, 0);
    Job &job = *m_jobs.back();
    job.instances = request.options.instances;
    for (int i = 0; i < request.options.instances; ++i)
        job.executor->enqueueNew(run->firstInstance + i, run->id, i);
    m_total = request.options.instances;
    m_summary.instances = m_total;
    startNextJob();
}

void Engine::recover(const QString &logPath, const SagaLog::OpenOptions &options)
{
    if (m_busy) {
        RunSummary busy;
        busy.error = tr("the engine is already running");
        Q_EMIT finished(busy);
        return;
    }
    m_busy = true;
    m_stopRequested = false;
    m_jobs.clear();
    m_current = 0;
    m_summary = RunSummary{};
    m_summary.logPath = logPath;
    m_collectTrace = true;
    m_wall = std::make_unique<QElapsedTimer>();
    m_wall->start();

    QString error;
    SagaLog::OpenOptions openOptions = options;
    openOptions.create = false;
    openOptions.access = SagaLog::OpenOptions::Access::Exclusive;
    m_log = SagaLog::open(logPath, openOptions, &error);
    if (!m_log)
        return end(error);

    const QList<InstanceRecord> unfinished = m_log->instances(true);
    if (unfinished.isEmpty())
        return end({});
    const QHash<qint64, QList<TraceEvent>> events = m_log->events(true);
    const QList<EffectRecord> effects = m_log->effects(true);
    QHash<qint64, const InstanceRecord *> byNumber;
    for (const InstanceRecord &record : unfinished)
        byNumber.insert(record.number, &record);

    bool virtualTime = true;
    for (const RunRecord &run : m_log->runs()) {
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
        addJob(*loaded.definition, run.options, 0);
        Job &job = *m_jobs.back();
        const SagaGraph graph(job.definition);
        for (const EffectRecord &effect : effects) {
            const InstanceRecord *record = byNumber.value(effect.instanceNumber);
            if (record && record->run == run.id)
                job.ledger->load(record->id, graph.indexOf(effect.step), effect.operation, effect.outcome);
        }
        for (const InstanceRecord *record : mine)
            job.executor->enqueueRecovered(*record, events.value(record->number));
        job.instances = int(mine.size());
    }
    m_total = int(unfinished.size());
    m_summary.instances = m_total;
    m_summary.virtualTime = virtualTime;
    startNextJob();
}

void Engine::stop()
{
    m_stopRequested = true;
}

void Engine::startNextJob()
{
    if (m_current >= m_jobs.size())
        return end({});
    Job &job = *m_jobs[m_current];
    job.executor->setRunStart(job.scheduler->now());
    job.executor->admit();
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

void Engine::work()
{
    if (!m_busy || m_current >= m_jobs.size())
        return;
    Job &job = *m_jobs[m_current];
    if (m_stopRequested) {
        job.scheduler->clear();
        const bool committed = m_log->commit();
        flushTrace();
        return end(committed ? tr("stopped; run 'recover' to finish the unfinished instances") : m_log->lastError());
    }
    const Scheduler::Status status = job.scheduler->run(m_budget);
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
    if (job.executor->isDone()) {
        if (!m_log->commit())
            return end(m_log->lastError());
        ++m_current;
        return startNextJob();
    }
    switch (status) {
    case Scheduler::Status::Busy:
        QMetaObject::invokeMethod(this, &Engine::work, Qt::QueuedConnection);
        break;
    case Scheduler::Status::Waiting:
        m_timer.start(int(qBound<qint64>(qint64(0), job.scheduler->nextDueMs() - job.scheduler->now(), qint64(60000))));
        break;
    case Scheduler::Status::Idle:
        end(tr("internal error: the engine went idle with %1 instances unfinished").arg(job.executor->activeCount()));
        break;
    case Scheduler::Status::Failed:
        break;
    }
}

void Engine::end(const QString &error)
{
    m_timer.stop();
    flushTrace();
    m_summary.error = error;
    int done = 0;
    for (const auto &job : m_jobs) {
        m_summary.completed += job->executor->completedCount();
        m_summary.compensated += job->executor->compensatedCount();
        m_summary.stuck += job->executor->stuckCount();
        m_summary.transitions += job->executor->transitions();
        m_summary.durationMs = qMax(m_summary.durationMs, job->executor->lastT());
        done += job->executor->finishedCount();
    }
    m_summary.unfinished = qMax(0, m_total - done);
    m_summary.commits = m_log ? m_log->commitCount() : 0;
    m_summary.wallMs = m_wall ? m_wall->elapsed() : 0;
    m_busy = false;
    const RunSummary summary = m_summary;
    // Release the log now so that another process (recover, inspect) can take it at once.
    m_jobs.clear();
    m_log.reset();
    Q_EMIT progress(done, m_total);
    Q_EMIT finished(summary);
}

} // namespace Sagascope
