// SPDX-License-Identifier: MIT
// Runs sagas synchronously under virtual time for the engine tests, and renders traces compactly.
#pragma once

#include "effectsledger.h"
#include "engine.h"
#include "runoptions.h"
#include "sagaexecutor.h"
#include "sagafile.h"
#include "sagalog.h"
#include "scheduler.h"
#include "simulatedparticipant.h"
#include "testconfig.h"

#include <QFile>
#include <QStringList>
#include <QTest>

namespace Sagascope::Test {

inline SagaDefinition loadSaga(const QString &name)
{
    const LoadResult loaded = SagaFile::load(QStringLiteral(SAGASCOPE_SOURCE_DIR "/tests/engine/data/") + name);
    if (!loaded.ok())
        qFatal("%s", qPrintable(loaded.error.toString()));
    return *loaded.definition;
}

inline SagaDefinition parseSaga(const QByteArray &json)
{
    const LoadResult loaded = SagaFile::parse(json, QStringLiteral("inline.saga"));
    if (!loaded.ok())
        qFatal("%s", qPrintable(loaded.error.toString()));
    return *loaded.definition;
}

/** One event as a short line: "t event step #attempt failure +delay type /n | reason(final events only)". */
inline QString compact(const TraceEvent &e)
{
    QString line = QString::number(e.t) + QLatin1Char(' ') + traceEventTypeName(e.event);
    if (!e.step.isEmpty())
        line += QLatin1Char(' ') + e.step;
    if (e.isStepEvent())
        line += QStringLiteral(" #") + QString::number(e.attempt);
    if (e.failure != FailureKind::None)
        line += QLatin1Char(' ') + failureKindName(e.failure);
    if (e.delayMs >= 0)
        line += QStringLiteral(" +") + QString::number(e.delayMs);
    if (e.isBrokerEvent()) // the type, the event's number within its instance, the compensation's subscription
        line += QLatin1Char(' ') + e.eventType + QStringLiteral(" /") + e.eventId.section(QLatin1Char('/'), -1)
            + (e.toCompensation ? QStringLiteral(" >compensation") : QString());
    if (e.isFinal() && !e.reason.isEmpty())
        line += QStringLiteral(" | ") + e.reason;
    return line;
}

/** A participant that shows every call to `probe`, then hands it to another: a test looks at the
 *  world (the log, the ledger) as a participant sees it at the moment it is called. */
class ProbingParticipant final : public Participant
{
public:
    ProbingParticipant(Participant &inner, std::function<void(const Invocation &)> probe)
        : m_inner(inner), m_probe(std::move(probe))
    {
    }
    void invoke(const Invocation &invocation, ReplyHandler done) override
    {
        m_probe(invocation);
        m_inner.invoke(invocation, std::move(done));
    }
    qsizetype pendingCalls() const override { return m_inner.pendingCalls(); }

private:
    Participant &m_inner;
    std::function<void(const Invocation &)> m_probe;
};

/** The result of a synchronous run: the whole trace and the ledger. */
struct RunResult
{
    QList<TraceEvent> events;
    std::unique_ptr<EffectsLedger> ledger;
    QList<QString> instanceIds;
    int completed = 0, compensated = 0, stuck = 0;
    bool failed = false;

    /** The compact trace of one instance (all of them when `instance` is empty). */
    QStringList trace(const QString &instance = {}) const
    {
        QStringList lines;
        for (const TraceEvent &e : events) {
            if (instance.isEmpty() || e.instance == instance)
                lines.append(compact(e));
        }
        return lines;
    }
    QStringList jsonLines() const
    {
        QStringList lines;
        for (const TraceEvent &e : events)
            lines.append(QString::fromUtf8(e.toJson()));
        return lines;
    }
};

/** Runs `options.instances` instances to the end under a virtual clock, in this thread. `probe`,
 *  when given, sees every participant call just before the participant does. */
inline RunResult runSaga(const SagaDefinition &definition, RunOptions options, SagaLog *log = nullptr,
                         const std::function<void(const Invocation &)> &probe = {})
{
    options.virtualTime = true;
    RunResult result;
    VirtualClock clock;
    Scheduler scheduler(clock);
    std::unique_ptr<SagaLog> memory;
    if (!log) {
        memory = SagaLog::inMemory();
        log = memory.get();
    }
    scheduler.setDurability(log);
    QList<StepId> ids;
    for (const Step &s : definition.steps)
        ids.append(s.id);
    result.ledger = std::make_unique<EffectsLedger>(ids);
    result.ledger->setStore(log);
    SimulatedParticipant simulated(definition, options.faults, scheduler, *result.ledger);
    ProbingParticipant probing(simulated, probe);
    Participant &participant = probe ? static_cast<Participant &>(probing) : simulated;
    SagaExecutor executor(definition, options, scheduler, participant, *log);
    executor.setTraceSink([&](const TraceEvent &e) {
        result.events.append(e);
        if (e.event == TraceEventType::SagaStarted)
            result.instanceIds.append(e.instance);
    });
    QString error;
    const auto run = log->beginRun(SagaFile::serialize(definition), options, &error);
    if (!run)
        qFatal("%s", qPrintable(error));
    for (int i = 0; i < options.instances; ++i)
        executor.enqueueNew(run->firstInstance + i, run->id, i);
    executor.admit();
    while (!executor.isDone()) {
        const Scheduler::Status status = scheduler.run(100000);
        if (status == Scheduler::Status::Failed) {
            result.failed = true;
            break;
        }
        if (status == Scheduler::Status::Idle && !executor.isDone())
            qFatal("engine idle with unfinished instances");
    }
    if (!result.failed)
        log->commit();
    result.completed = executor.completedCount();
    result.compensated = executor.compensatedCount();
    result.stuck = executor.stuckCount();
    return result;
}

/** Runs `request` on an Engine in this thread to its end, collecting the trace into `trace`. */
inline RunSummary runEngine(const RunRequest &request, QList<TraceEvent> *trace)
{
    Engine engine;
    RunSummary summary;
    bool done = false;
    QObject context;
    QObject::connect(&engine, &Engine::finished, &context, [&](const RunSummary &s) {
        summary = s;
        done = true;
    });
    QObject::connect(&engine, &Engine::traceEvents, &context, [trace](const QList<TraceEvent> &e) { trace->append(e); });
    engine.start(request);
    if (!QTest::qWaitFor([&] { return done; }, 30000))
        summary.error = QStringLiteral("timed out waiting for the engine");
    return summary;
}

inline RunOptions options(const QStringList &fails = {}, const QStringList &compensationFails = {}, int instances = 1,
                          quint64 seed = 1)
{
    RunOptions o;
    o.instances = instances;
    o.seed = seed;
    o.virtualTime = true;
    QString error;
    for (const QString &f : fails) {
        if (!o.faults.addAction(f, &error))
            qFatal("%s", qPrintable(error));
    }
    for (const QString &f : compensationFails) {
        if (!o.faults.addCompensation(f, &error))
            qFatal("%s", qPrintable(error));
    }
    return o;
}

/** The query of docs/SAGA-LOG.md that lists the ledger's invariant violations, as the page has it:
 *  the lines from its "-- the ledger invariants" comment to the first that ends with ';'. */
inline QString documentedInvariantQuery()
{
    QFile doc(QStringLiteral(SAGASCOPE_SOURCE_DIR "/docs/SAGA-LOG.md"));
    if (!doc.open(QIODevice::ReadOnly))
        qFatal("cannot read docs/SAGA-LOG.md");
    QStringList query;
    for (const QString &line : QString::fromUtf8(doc.readAll()).split(u'\n')) {
        if (query.isEmpty() && !line.startsWith(QLatin1String("-- the ledger invariants")))
            continue;
        query.append(line);
        if (line.trimmed().endsWith(u';'))
            break;
    }
    if (query.isEmpty())
        qFatal("docs/SAGA-LOG.md has no ledger invariants query");
    return query.join(u'\n');
}

/** Starts an Engine's work with `begin` and waits (event loop running) for its finished() summary;
 *  the trace it reports goes to `trace` when given. */
inline RunSummary waitFor(Engine &engine, const std::function<void()> &begin, QList<TraceEvent> *trace = nullptr)
{
    RunSummary summary;
    bool done = false;
    QObject context;
    QObject::connect(&engine, &Engine::finished, &context, [&](const RunSummary &s) {
        summary = s;
        done = true;
    });
    if (trace)
        QObject::connect(&engine, &Engine::traceEvents, &context, [trace](const QList<TraceEvent> &e) { trace->append(e); });
    begin();
    if (!QTest::qWaitFor([&] { return done; }, 30000))
        summary.error = QStringLiteral("timed out waiting for the engine");
    return summary;
}

} // namespace Sagascope::Test
