// SPDX-License-Identifier: MIT
#include "sagagenerator.h"

#include <QSet>

#include <random>

namespace Sagascope::Bench {

SagaDefinition generateSaga(int steps, int dependencies, bool flawed, quint32 seed)
{
    std::mt19937 rng(seed);
    SagaDefinition d;
    d.name = QStringLiteral("Generated saga of %1 steps").arg(steps);
    d.services = {Service{QStringLiteral("svc"), QStringLiteral("Service"), {}, {}}};
    const int compensatable = std::max(1, steps * 2 / 5);
    const int pivot = compensatable;
    QSet<int> hasSuccessor;
    auto pickAfter = [&](Step &s, int from, int to) { // `dependencies` distinct steps in [from, to)
        QSet<int> chosen;
        const int want = std::min(dependencies, to - from);
        // Mostly recent steps, so that the DAG is deep and wide like a real one.
        std::uniform_int_distribution<int> near(std::max(from, to - 50), to - 1);
        while (int(chosen.size()) < want)
            chosen.insert(near(rng));
        for (const int p : chosen) {
            s.after.append(QStringLiteral("s%1").arg(p));
            hasSuccessor.insert(p);
        }
    };
    for (int i = 0; i < steps; ++i) {
        Step s;
        s.id = QStringLiteral("s%1").arg(i);
        s.label = QStringLiteral("Step %1").arg(i);
        s.service = QStringLiteral("svc");
        s.action.name = QStringLiteral("do%1").arg(i);
        SimSpec sim;
        sim.latencyMinMs = 5;
        sim.latencyMaxMs = 20;
        sim.latencyIsRange = true;
        s.action.sim = sim;
        s.action.sim->technicalFailure = 0.01;
        if (i < pivot) {
            s.kind = StepKind::Compensatable;
            s.compensation = Operation{QStringLiteral("undo%1").arg(i), sim, {}, {}, {}};
            if (i > 0)
                pickAfter(s, 0, i);
            if (flawed && i > 0 && i % 100 == 0)
                s.sideEffects = {QStringLiteral("email")};
        } else if (i == pivot) {
            s.kind = StepKind::Pivot;
            for (int p = 0; p < pivot; ++p) {
                if (!hasSuccessor.contains(p))
                    s.after.append(QStringLiteral("s%1").arg(p)); // after every compensatable sink
            }
        } else {
            s.kind = StepKind::Retriable;
            s.idempotent = true;
            pickAfter(s, pivot, i);
        }
        d.steps.append(s);
    }
    if (flawed) { // the side-effect steps above are compensatable: make them retriable, early
        for (int i = 100; i < pivot; i += 100) {
            d.steps[i].kind = StepKind::Retriable;
            d.steps[i].compensation.reset();
            d.steps[i].idempotent = true;
        }
    }
    return d;
}

} // namespace Sagascope::Bench
