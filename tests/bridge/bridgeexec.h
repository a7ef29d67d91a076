// SPDX-License-Identifier: MIT
// Shared by the executing bridge tests (tst_bridgeexec): sagas to try, failure scenarios, our
// engine's trace of each, and the comparison of a target's call log with it (docs/TESTING.md).
#pragma once

#include "sagafile.h"
#include "sagagraph.h"
#include "testconfig.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSet>
#include <QStringList>

#include <algorithm>

namespace Sagascope::BridgeExec {

/** One call a participant received on the target. `start`/`end` order all starts and ends of
 *  one run; `t0`/`t1` are milliseconds since the run began. */
struct Call
{
    QString op; // action, compensation
    QString step;
    int attempt = 1;
    int start = 0;
    int end = -1;
    QString result; // ok, business, technical, timeout
    double t0 = 0;
    double t1 = 0;
};

/** What a target engine did with one scenario. */
struct TargetRun
{
    QString name;
    QString outcome; // completed, compensated, stuck
    QString detail;
    QList<Call> calls;
};

/** One failure injected: the first `attempts` attempts of `step` fail that way (business: all). */
struct Scenario
{
    QString name;
    QString step; // empty: nothing fails
    QString kind; // business, technical, timeout
    int attempts = 0;
    QString compensationStep = {}; // its compensation's first `compensationAttempts` attempts fail (technical)
    int compensationAttempts = 0;
};

/** Our engine's run of the same scenario. */
struct EngineRun
{
    QString outcome;
    QSet<QString> started;
    QSet<QString> compensated;
    QHash<QString, double> startT; // first start of each step's action
    QHash<QString, double> endT;   // when each step's action succeeded
    double failT = -1;             // when the failing step's last attempt ended
    QString error;
};

inline int latencyOf(int topologicalIndex)
{
    return 20 + 10 * topologicalIndex;
}

/**
 * The saga with its timing made the same on both sides: each step's action takes a fixed
 * latency (distinct per step, so that no two ends coincide), a compensation 5 ms, backoff 1 ms
 * without jitter, a timeout 5 ms past the step's latency (a timed-out attempt is a slow reply);
 * random failures, shared resources and effects are dropped. Kinds, `after`, attempts and
 * compensations are kept: they are what the export must get right.
 */
inline SagaDefinition aligned(const SagaDefinition &original)
{
    SagaDefinition d = original;
    d.resources.clear();
    const SagaGraph graph(d);
    const QList<int> order = graph.topologicalOrder();
    for (int i = 0; i < order.size(); ++i) {
        Step &step = d.steps[order.at(i)];
        SimSpec sim;
        sim.latencyMinMs = sim.latencyMaxMs = latencyOf(i);
        step.action.sim = sim;
        step.action.http = QJsonObject();
        RetryPolicy retry = step.effectiveActionRetry();
        retry.initialBackoffMs = 1;
        retry.multiplier = 1;
        retry.maxBackoffMs = 1;
        retry.jitter = 0;
        step.retry = retry;
        step.timeoutMs = latencyOf(i) + 5; // a timed-out attempt ends here (run-export.mjs: latency + 5)
        if (step.compensation) {
            SimSpec compensationSim;
            compensationSim.latencyMinMs = compensationSim.latencyMaxMs = 5;
            step.compensation->sim = compensationSim;
            step.compensation->http = QJsonObject();
            RetryPolicy c = step.effectiveCompensationRetry();
            c.initialBackoffMs = 1;
            c.multiplier = 1;
            c.maxBackoffMs = 1;
            c.jitter = 0;
            step.compensation->retry = c;
        }
    }
    return d;
}

/** Nothing fails; then every step in turn fails for a business and a technical reason (every
 *  bounded attempt, or the first one of an unbounded step), and a compensatable step's last
 *  attempt times out. */
inline QList<Scenario> scenariosFor(const SagaDefinition &d)
{
    QList<Scenario> list{{QStringLiteral("ok"), {}, {}, 0}};
    for (const Step &step : d.steps) {
        const RetryPolicy retry = step.effectiveActionRetry();
        const int all = retry.isBounded() ? retry.maxAttempts : 2;
        list.append({step.id + QStringLiteral(" business"), step.id, QStringLiteral("business"), 1});
        list.append({step.id + QStringLiteral(" technical:%1").arg(all), step.id, QStringLiteral("technical"), all});
        if (step.kind == StepKind::Compensatable)
            list.append({step.id + QStringLiteral(" timeout:%1").arg(all), step.id, QStringLiteral("timeout"), all});
    }
    // A compensation that fails once is retried: each step with a compensation, rolled back by the
    // business failure of the last step after it that can roll back.
    const SagaGraph graph(d);
    const QList<int> order = graph.topologicalOrder();
    for (int index : order) {
        const Step &step = d.steps.at(index);
        if (step.kind != StepKind::Compensatable || !step.compensation)
            continue;
        QString trigger;
        for (int other : order) {
            if (graph.descendants(index).contains(other) && d.steps.at(other).kind != StepKind::Retriable)
                trigger = graph.id(other);
        }
        if (!trigger.isEmpty())
            list.append({QStringLiteral("%1 business, compensation of %2 technical:1").arg(trigger, step.id), trigger,
                         QStringLiteral("business"), 1, step.id, 1});
    }
    return list;
}

inline QJsonObject scenariosJson(const SagaDefinition &d, const QList<Scenario> &scenarios)
{
    QJsonObject latency;
    const SagaGraph graph(d);
    const QList<int> order = graph.topologicalOrder();
    for (int i = 0; i < order.size(); ++i)
        latency.insert(graph.id(order.at(i)), latencyOf(i));
    QJsonArray list;
    for (const Scenario &s : scenarios) {
        QJsonObject o{{QStringLiteral("name"), s.name}};
        if (!s.step.isEmpty())
            o.insert(QStringLiteral("fail"), QJsonObject{{QStringLiteral("step"), s.step},
                                                         {QStringLiteral("kind"), s.kind},
                                                         {QStringLiteral("attempts"), s.attempts}});
        if (!s.compensationStep.isEmpty())
            o.insert(QStringLiteral("failCompensation"), QJsonObject{{QStringLiteral("step"), s.compensationStep},
                                                                     {QStringLiteral("attempts"), s.compensationAttempts}});
        list.append(o);
    }
    return QJsonObject{{QStringLiteral("latencyMs"), latency},
                       {QStringLiteral("compensationLatencyMs"), 5},
                       {QStringLiteral("scenarios"), list}};
}

inline TargetRun targetRunFromJson(const QJsonObject &o)
{
    TargetRun run;
    run.name = o.value(QLatin1String("name")).toString();
    run.outcome = o.value(QLatin1String("outcome")).toString();
    run.detail = o.value(QLatin1String("detail")).toString();
    for (const QJsonValue &v : o.value(QLatin1String("calls")).toArray()) {
        const QJsonObject c = v.toObject();
        run.calls.append(Call{c.value(QLatin1String("op")).toString(), c.value(QLatin1String("step")).toString(),
                              c.value(QLatin1String("attempt")).toInt(), c.value(QLatin1String("start")).toInt(),
                              c.value(QLatin1String("end")).toInt(), c.value(QLatin1String("result")).toString(),
                              c.value(QLatin1String("t0")).toDouble(), c.value(QLatin1String("t1")).toDouble()});
    }
    return run;
}

/** `sagascope-cli run` of the saga file with the scenario's failure, in virtual time. */
inline EngineRun runOurEngine(const QString &sagaPath, const Scenario &s)
{
    QStringList args{QStringLiteral("run"), sagaPath, QStringLiteral("--virtual-time"), QStringLiteral("--json"),
                     QStringLiteral("--seed"), QStringLiteral("1")};
    if (!s.step.isEmpty()) {
        args << QStringLiteral("--fail")
             << (s.kind == QLatin1String("business") ? s.step + QStringLiteral("=business")
                                                     : QStringLiteral("%1=%2:%3").arg(s.step, s.kind).arg(s.attempts));
    }
    if (!s.compensationStep.isEmpty())
        args << QStringLiteral("--fail-compensation")
             << QStringLiteral("%1=technical:%2").arg(s.compensationStep).arg(s.compensationAttempts);
    QProcess p;
    p.start(QStringLiteral(SAGASCOPE_CLI_PATH), args);
    EngineRun run;
    if (!p.waitForFinished(30000)) {
        run.error = QStringLiteral("sagascope-cli run did not finish");
        return run;
    }
    const QList<QByteArray> lines = p.readAllStandardOutput().split('\n');
    for (const QByteArray &line : lines) {
        const QJsonObject e = QJsonDocument::fromJson(line).object();
        const QString event = e.value(QLatin1String("event")).toString();
        const QString step = e.value(QLatin1String("step")).toString();
        const double t = e.value(QLatin1String("t")).toDouble();
        if (event == QLatin1String("step_started")) {
            if (!run.started.contains(step))
                run.startT.insert(step, t);
            run.started.insert(step);
        } else if (event == QLatin1String("step_succeeded")) {
            run.endT.insert(step, t);
        } else if (event == QLatin1String("step_failed") && step == s.step) {
            run.failT = t;
        } else if (event == QLatin1String("compensation_succeeded")) {
            run.compensated.insert(step);
        } else if (event == QLatin1String("saga_completed")) {
            run.outcome = QStringLiteral("completed");
        } else if (event == QLatin1String("saga_compensated")) {
            run.outcome = QStringLiteral("compensated");
        } else if (event == QLatin1String("saga_stuck")) {
            run.outcome = QStringLiteral("stuck");
        }
    }
    if (run.outcome.isEmpty())
        run.error = QStringLiteral("sagascope-cli run gave no outcome: %1").arg(QString::fromUtf8(p.readAllStandardError()));
    return run;
}

/**
 * The target's run against SPEC section 3 and against our engine's run of the same scenario.
 * Returns one line per fault. Steps in `lateStartsAllowed` are those the export warned may start
 * after a failure (a target that cannot stop a sibling branch): they are not held to "no new
 * step starts" nor to our engine's sets of started and compensated steps, but to everything
 * else. Steps in `reordered` are those the export warned it runs in another order than ours (a
 * target without parallel branches): not held to our engine's sets either, since which of them
 * had started when the failure came depends on the order.
 */
inline QStringList compare(const SagaDefinition &d, const Scenario &s, const TargetRun &target, const EngineRun &ours,
                           const QSet<QString> &lateStartsAllowed = {}, const QSet<QString> &reordered = {})
{
    QStringList faults;
    const auto fault = [&](const QString &what) { faults.append(QStringLiteral("[%1] %2").arg(s.name, what)); };
    if (!ours.error.isEmpty()) {
        fault(ours.error);
        return faults;
    }
    if (target.outcome != ours.outcome)
        fault(QStringLiteral("ends %1 (%2), our engine %3").arg(target.outcome, target.detail, ours.outcome));

    const SagaGraph graph(d);
    QHash<QString, QList<const Call *>> actions, compensations;
    for (const Call &c : target.calls)
        (c.op == QLatin1String("action") ? actions : compensations)[c.step].append(&c);

    // When the failing step's last failed attempt ended on the target.
    int failEnd = -1;
    double failT1 = -1;
    for (const Call *c : actions.value(s.step)) {
        if (c->result != QLatin1String("ok")) {
            failEnd = c->end;
            failT1 = c->t1;
        }
    }
    const bool failed = failEnd >= 0 && (s.kind == QLatin1String("business") || int(actions.value(s.step).size()) == s.attempts);

    // Steps that started on one side only are a difference of timing when, on the side that did
    // not start one, it was not ready (its `after` steps had not all succeeded) before the
    // failure, or became ready within a few milliseconds of it: our engine would not have
    // started it either. Any other difference is a fault.
    constexpr double Slack = 7;
    QSet<QString> ambiguous;
    QSet<QString> targetStarted;
    for (auto it = actions.cbegin(); it != actions.cend(); ++it)
        targetStarted.insert(it.key());
    const auto targetReady = [&](int index, int *seq, double *t) {
        *seq = -1;
        *t = 0;
        for (int p : graph.predecessors(index)) {
            int end = -1;
            double t1 = 0;
            for (const Call *c : actions.value(graph.id(p))) {
                if (c->result == QLatin1String("ok")) {
                    end = c->end;
                    t1 = c->t1;
                }
            }
            if (end < 0)
                return false;
            *seq = std::max(*seq, end);
            *t = std::max(*t, t1);
        }
        return true;
    };
    const auto oursReady = [&](int index, double *t) {
        *t = 0;
        for (int p : graph.predecessors(index)) {
            if (!ours.endT.contains(graph.id(p)))
                return false;
            *t = std::max(*t, ours.endT.value(graph.id(p)));
        }
        return true;
    };
    for (const Step &step : d.steps) {
        const bool here = targetStarted.contains(step.id), there = ours.started.contains(step.id);
        const int index = graph.indexOf(step.id);
        if (!here && failed && !reordered.contains(step.id)) {
            // Withheld: ready on the target well before the failure, yet never started.
            int seq;
            double t;
            if (targetReady(index, &seq, &t) && seq < failEnd && failT1 - t > Slack)
                fault(QStringLiteral("'%1' was ready before '%2' failed and never started").arg(step.id, s.step));
        }
        if (here == there)
            continue;
        ambiguous.insert(step.id);
        if (lateStartsAllowed.contains(step.id) || reordered.contains(step.id))
            continue;
        bool timing = false;
        if (here) {
            double t;
            timing = !oursReady(index, &t) || t >= ours.failT - Slack;
        } else {
            int seq;
            double t;
            timing = !targetReady(index, &seq, &t) || seq > failEnd || failT1 - t <= Slack;
        }
        if (!timing)
            fault(QStringLiteral("'%1' started %2, not %3").arg(step.id, here ? QStringLiteral("on the target") : QStringLiteral("in our engine"),
                                                                  here ? QStringLiteral("in our engine") : QStringLiteral("on the target")));
    }

    QSet<QString> targetCompensated;
    for (auto it = compensations.cbegin(); it != compensations.cend(); ++it) {
        for (const Call *c : it.value())
            if (c->result == QLatin1String("ok"))
                targetCompensated.insert(it.key());
    }
    for (const Step &step : d.steps) {
        if (ambiguous.contains(step.id) || targetCompensated.contains(step.id) == ours.compensated.contains(step.id))
            continue;
        fault(QStringLiteral("'%1' compensated %2 only").arg(step.id, targetCompensated.contains(step.id) ? QStringLiteral("on the target")
                                                                                                          : QStringLiteral("in our engine")));
    }

    // SPEC 3 on the target's own log, whatever the timing.
    for (const Call &c : target.calls) {
        if (c.op == QLatin1String("action")) {
            // A step starts when all steps in its `after` set have succeeded ...
            const int index = graph.indexOf(c.step);
            for (int p : graph.predecessors(index)) {
                const auto &before = actions.value(graph.id(p));
                const bool done = std::any_of(before.cbegin(), before.cend(), [&](const Call *b) {
                    return b->result == QLatin1String("ok") && b->end < c.start;
                });
                if (!done)
                    fault(QStringLiteral("'%1' started before '%2' had succeeded").arg(c.step, graph.id(p)));
            }
            // ... and the saga is not rolling back (nor stuck).
            if (failed && c.start > failEnd && c.attempt == 1 && !lateStartsAllowed.contains(c.step))
                fault(QStringLiteral("'%1' started after '%2' had failed").arg(c.step, s.step));
            if (c.end < 0)
                fault(QStringLiteral("'%1' never returned").arg(c.step));
        } else {
            // Steps in flight are let finish before the rollback compensates anything.
            for (const Call &a : target.calls) {
                if (a.op == QLatin1String("action") && a.start < c.start && (a.end < 0 || a.end > c.start))
                    fault(QStringLiteral("compensation of '%1' started while '%2' was still running").arg(c.step, a.step));
            }
        }
    }
    for (auto it = compensations.cbegin(); it != compensations.cend(); ++it) {
        const auto &tries = actions.value(it.key());
        const bool applied = !tries.isEmpty()
                             && (tries.last()->result == QLatin1String("ok") || tries.last()->result == QLatin1String("timeout"));
        if (!applied)
            fault(QStringLiteral("'%1' compensated, but its action was not applied (%2)")
                      .arg(it.key(), tries.isEmpty() ? QStringLiteral("never run") : tries.last()->result));
    }
    if (target.outcome == QLatin1String("compensated")) {
        for (auto it = actions.cbegin(); it != actions.cend(); ++it) {
            const Step *step = d.step(it.key());
            const QString last = it.value().last()->result;
            if (step && step->kind == StepKind::Compensatable && step->compensation
                && (last == QLatin1String("ok") || last == QLatin1String("timeout")) && !targetCompensated.contains(it.key()))
                fault(QStringLiteral("'%1' was applied (%2) and never compensated").arg(it.key(), last));
        }
    }
    // Reverse order: a step only after all the steps that depend on it have been compensated.
    for (auto x = compensations.cbegin(); x != compensations.cend(); ++x) {
        for (auto y = compensations.cbegin(); y != compensations.cend(); ++y) {
            const int xi = graph.indexOf(x.key()), yi = graph.indexOf(y.key());
            if (xi < 0 || yi < 0 || !graph.descendants(xi).contains(yi))
                continue;
            if (!(y.value().last()->end >= 0 && y.value().last()->end < x.value().first()->start))
                fault(QStringLiteral("'%1' compensated before '%2', which depends on it").arg(x.key(), y.key()));
        }
    }
    return faults;
}

} // namespace Sagascope::BridgeExec
