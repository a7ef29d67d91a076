// SPDX-License-Identifier: MIT
// Memory for 100,000 instances in flight at once under virtual time: every instance admitted and
// waiting for its first participant reply (latency 1 s), no trace kept. Prints bytes per instance.
//
//   bench_engine_memory [--instances N] [--choreography]
//
// --choreography: the same saga converted to a choreography (SPEC section 5), every step
// started by an event through the broker.

#include "benchsagas.h"
#include "effectsledger.h"
#include "sagaconvert.h"
#include "sagaexecutor.h"
#include "sagalog.h"
#include "scheduler.h"
#include "simulatedparticipant.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>

#include <cstdio>

using namespace Sagascope;

namespace {

qint64 statusKiB(const char *field)
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    const QByteArray prefix = QByteArray(field) + ':';
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith(prefix))
            return line.mid(prefix.size()).trimmed().split(' ').first().toLongLong();
    }
    return -1;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    int instances = 100000;
    const QStringList args = app.arguments();
    for (int i = 1; i + 1 < args.size(); ++i) {
        if (args[i] == QLatin1String("--instances"))
            instances = args[i + 1].toInt();
    }
    const bool choreography = args.contains(QStringLiteral("--choreography"));
    const SagaDefinition saga = choreography ? *SagaConvert::toChoreography(Bench::fiveStepSaga(1000)) : Bench::fiveStepSaga(1000);
    RunOptions options;
    options.instances = instances;
    options.concurrency = instances;
    options.virtualTime = true;
    options.seed = 1;

    VirtualClock clock;
    Scheduler scheduler(clock);
    auto log = SagaLog::inMemory();
    scheduler.setDurability(log.get());
    QList<StepId> ids;
    for (const Step &s : saga.steps)
        ids.append(s.id);
    EffectsLedger ledger(ids);
    ledger.setStore(log.get());
    SimulatedParticipant participant(saga, options.faults, scheduler, ledger);
    SagaExecutor executor(saga, options, scheduler, participant, *log);

    const qint64 before = statusKiB("VmRSS");
    QElapsedTimer timer;
    timer.start();
    for (int i = 0; i < instances; ++i)
        executor.enqueueNew(i + 1, 1, i);
    executor.admit();
    // Run until every instance has called its first participant and waits for the reply.
    while (participant.pendingCalls() < instances)
        scheduler.run(1);
    const qint64 inFlight = statusKiB("VmRSS");
    const double admitSeconds = double(timer.nsecsElapsed()) / 1e9;
    std::printf("engine memory: %d instances of a 5-step %s in flight at once (virtual time)\n", instances,
                choreography ? "choreography" : "saga");
    std::printf("  RSS before %lld KiB, with all in flight %lld KiB: %.0f bytes per instance (admitted in %.2f s)\n",
                static_cast<long long>(before), static_cast<long long>(inFlight),
                double(inFlight - before) * 1024.0 / instances, admitSeconds);
    while (!executor.isDone()) {
        if (scheduler.run(100000) == Scheduler::Status::Idle)
            break;
    }
    const double totalSeconds = double(timer.nsecsElapsed()) / 1e9;
    std::printf("  run to the end: %d completed, %llu transitions in %.2f s (%.0f transitions/s, in-memory log);"
                " peak RSS %lld KiB\n",
                executor.completedCount(), static_cast<unsigned long long>(executor.transitions()), totalSeconds,
                double(executor.transitions()) / totalSeconds, static_cast<long long>(statusKiB("VmHWM")));
    return executor.completedCount() == instances ? 0 : 1;
}
