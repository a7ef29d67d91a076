// SPDX-License-Identifier: MIT
// The same saga and load under both protocols, in one run: examples/hot-item.saga (reserve one
// item of a shared stock counter, then take the payment) with N instances at 1, 10 and 100 in
// flight at once, all on the one hot counter, under virtual time (the figures are the simulation's
// own milliseconds, not this machine's speed). Prints throughput and latency p50/p99 for the saga
// and for 2PC, and the ratio. The stock is large enough that no order fails for lack of it.
//
//   bench_twopc [--instances N] [--seed S]

#include "benchsagas.h"
#include "engine.h"
#include "sagafile.h"
#include "testconfig.h"

#include <QCoreApplication>

#include <cstdio>

using namespace Sagascope;

namespace {

RunSummary run(const SagaDefinition &definition, Protocol protocol, int instances, int concurrency, quint64 seed)
{
    RunRequest request;
    request.definition = definition;
    request.options.instances = instances;
    request.options.concurrency = concurrency;
    request.options.virtualTime = true;
    request.options.seed = seed;
    request.options.protocol = protocol;
    request.collectTrace = false;
    return Bench::runToEnd(request);
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    int instances = 1000;
    quint64 seed = 1;
    const QStringList args = app.arguments();
    for (int i = 1; i + 1 < args.size(); ++i) {
        if (args[i] == QLatin1String("--instances"))
            instances = args[i + 1].toInt();
        else if (args[i] == QLatin1String("--seed"))
            seed = args[i + 1].toULongLong();
    }
    const QString path = QStringLiteral(SAGASCOPE_EXAMPLES_DIR "/hot-item.saga");
    const LoadResult loaded = SagaFile::load(path);
    if (!loaded.ok()) {
        std::fprintf(stderr, "%s\n", qPrintable(loaded.error.toString()));
        return 1;
    }
    SagaDefinition saga = *loaded.definition;
    saga.resources.first().initial = instances; // contention without running out of stock

    std::printf("saga vs 2PC: %d instances of examples/hot-item.saga on one hot stock counter, seed %llu, virtual time\n\n",
                instances, static_cast<unsigned long long>(seed));
    std::printf("%-11s %-9s %12s %12s %12s %12s %12s %14s\n", "in flight", "protocol", "completed", "inst/s", "p50 ms",
                "p99 ms", "lock p99 ms", "lost updates");
    for (const int concurrency : {1, 10, 100}) {
        double throughput[2] = {0, 0};
        for (const Protocol protocol : {Protocol::Saga, Protocol::TwoPhaseCommit}) {
            const RunSummary s = run(saga, protocol, instances, concurrency, seed);
            throughput[int(protocol)] = s.throughputPerSec();
            const QString resource = saga.resources.first().name;
            std::printf("%-11d %-9s %12d %12.1f %12lld %12lld %12lld %14d\n", concurrency, qPrintable(s.protocol), s.completed,
                        s.throughputPerSec(), s.latencyMs.p50, s.latencyMs.p99, s.lockHoldMs.value(resource).p99,
                        s.anomalies.lostUpdates);
        }
        std::printf("%-11s saga/2PC throughput: %.1fx\n\n", "", throughput[1] > 0 ? throughput[0] / throughput[1] : 0.0);
    }
    return 0;
}
