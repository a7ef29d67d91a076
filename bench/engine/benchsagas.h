// SPDX-License-Identifier: MIT
// The sagas the engine benchmarks run, and how they run them.
#pragma once

#include "engine.h"
#include "sagafile.h"

#include <QEventLoop>

#include <cstdio>
#include <cstdlib>

namespace Sagascope::Bench {

/** Five steps in a line (two compensatable, the pivot, two retriable), every latency `latencyMs`. */
inline SagaDefinition fiveStepSaga(int latencyMs)
{
    const QByteArray sim = "{\"latencyMs\":" + QByteArray::number(latencyMs) + "}";
    const QByteArray json = R"({"format":"sagascope/1","name":"bench","steps":[
        {"id":"create_order","kind":"compensatable","action":{"name":"a","sim":SIM},"compensation":{"name":"ua"}},
        {"id":"reserve_credit","kind":"compensatable","after":["create_order"],"action":{"name":"b","sim":SIM},"compensation":{"name":"ub"}},
        {"id":"take_payment","kind":"pivot","after":["reserve_credit"],"action":{"name":"c","sim":SIM}},
        {"id":"ship","kind":"retriable","after":["take_payment"],"action":{"name":"d","sim":SIM},"idempotent":true},
        {"id":"award_points","kind":"retriable","after":["ship"],"action":{"name":"e","sim":SIM},"idempotent":true}]})";
    const LoadResult loaded = SagaFile::parse(QByteArray(json).replace("SIM", sim), QStringLiteral("bench.saga"));
    if (!loaded.ok()) {
        std::fprintf(stderr, "%s\n", qPrintable(loaded.error.toString()));
        std::exit(1);
    }
    return *loaded.definition;
}

/** Runs `request` on an Engine in this thread to its end; a run that fails ends the benchmark. */
inline RunSummary runToEnd(const RunRequest &request)
{
    Engine engine;
    RunSummary summary;
    QEventLoop loop;
    QObject::connect(&engine, &Engine::finished, &loop, [&](const RunSummary &s) {
        summary = s;
        loop.quit();
    });
    engine.start(request);
    if (engine.isBusy())
        loop.exec();
    if (!summary.error.isEmpty()) {
        std::fprintf(stderr, "engine: %s\n", qPrintable(summary.error));
        std::exit(1);
    }
    return summary;
}

} // namespace Sagascope::Bench
