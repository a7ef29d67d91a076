// SPDX-License-Identifier: MIT
// The sagas the engine benchmarks run.
#pragma once

#include "sagafile.h"

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

} // namespace Sagascope::Bench
