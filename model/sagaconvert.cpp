// SPDX-License-Identifier: MIT
#include "sagaconvert.h"

#include "eventindex.h"
#include "sagagraph.h"

#include <QCoreApplication>
#include <QSet>

namespace Sagascope {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("SagaConvert", text);
}

bool canFail(const Step &step)
{
    return step.kind == StepKind::Compensatable || step.kind == StepKind::Pivot;
}

/** A graph that conversion can follow: no cycle, no shared id. */
bool convertible(const SagaDefinition &definition, const SagaGraph &graph, QString *error)
{
    auto fail = [error](const QString &message) {
        if (error)
            *error = message;
        return false;
    };
    QSet<StepId> ids;
    for (const Step &step : definition.steps) {
        if (ids.contains(step.id))
            return fail(tr("two steps are called %1 (SAGA008): give each step its own id first").arg(step.id));
        ids.insert(step.id);
    }
    if (!graph.isAcyclic())
        return fail(tr("the steps' dependencies form a cycle (%1): fix it first (SAGA001, SAGA022)")
                        .arg(graph.id(graph.cycles().first().first())));
    return true;
}

void appendOnce(QStringList &list, const QString &value)
{
    if (!list.contains(value))
        list.append(value);
}

} // namespace

std::optional<SagaDefinition> SagaConvert::toChoreography(const SagaDefinition &definition, QString *error)
{
    const SagaGraph graph(definition);
    if (!convertible(definition, graph, error))
        return std::nullopt;
    const EventIndex events(definition);
    const int n = graph.size();
    const QList<Step> &steps = definition.steps;

    auto successOf = [&](int i) {
        return steps.at(i).emits && !steps.at(i).emits->success.isEmpty() ? steps.at(i).emits->success
                                                                          : succeededEvent(steps.at(i).id);
    };
    auto failureOf = [&](int i) {
        return steps.at(i).emits && !steps.at(i).emits->failure.isEmpty() ? steps.at(i).emits->failure
                                                                          : failedEvent(steps.at(i).id);
    };
    auto compensationOf = [&](int i) {
        return steps.at(i).compensation && !steps.at(i).compensation->emits.isEmpty() ? steps.at(i).compensation->emits
                                                                                      : compensatedEvent(steps.at(i).id);
    };

    SagaDefinition result = definition;
    result.mode = SagaMode::Choreography;
    result.modeWritten = true;
    QSet<QString> consumed;
    for (int i = 0; i < n; ++i) {
        Step &step = result.steps[i];
        // Keep the events that are not some step's success (the start, failures, compensations).
        QStringList on;
        for (const QString &event : std::as_const(step.on)) {
            if (events.successEmitters(event).isEmpty())
                on.append(event);
        }
        for (const int p : graph.predecessors(i))
            appendOnce(on, successOf(p));
        if (on.isEmpty())
            on.append(events.startEvent());
        step.on = on;
        step.after.clear();
        for (const QString &event : std::as_const(on))
            consumed.insert(event);

        if (!step.compensation)
            continue;
        QStringList compensationOn = step.compensation->on;
        for (int f = 0; f < n; ++f) {
            if (!canFail(steps.at(f)) || (f != i && graph.descendants(f).contains(i)))
                continue; // i cannot have been applied when f fails
            QString trigger = failureOf(f);
            for (const int d : graph.successors(i)) {
                if (graph.ancestors(f).contains(d) && steps.at(d).kind == StepKind::Compensatable && steps.at(d).compensation) {
                    trigger = compensationOf(d); // d was applied and is compensated first
                    break;
                }
            }
            appendOnce(compensationOn, trigger);
        }
        step.compensation->on = compensationOn;
        for (const QString &event : std::as_const(compensationOn))
            consumed.insert(event);
    }
    // Publish what someone waits for; keep what the saga already published.
    for (int i = 0; i < n; ++i) {
        Step &step = result.steps[i];
        StepEmits emits = step.emits.value_or(StepEmits());
        if (consumed.contains(successOf(i)))
            emits.success = successOf(i);
        if (canFail(steps.at(i)) && consumed.contains(failureOf(i)))
            emits.failure = failureOf(i);
        if (!emits.success.isEmpty() || !emits.failure.isEmpty() || !emits.extra.isEmpty())
            step.emits = emits;
        if (step.compensation && consumed.contains(compensationOf(i)))
            step.compensation->emits = compensationOf(i);
    }
    return result;
}

std::optional<SagaDefinition> SagaConvert::toOrchestration(const SagaDefinition &definition, QString *error)
{
    const SagaGraph graph(definition);
    if (!convertible(definition, graph, error))
        return std::nullopt;
    const EventIndex events(definition);
    SagaDefinition result = definition;
    result.mode = SagaMode::Orchestration;
    result.modeWritten = true;
    for (int i = 0; i < graph.size(); ++i) {
        Step &step = result.steps[i];
        for (const QString &event : std::as_const(step.on)) {
            if (event != events.startEvent() && events.successEmitters(event).isEmpty()) {
                if (error)
                    *error = tr("%1 reacts to %2, which is not a step's success: an orchestration has no counterpart "
                                "for a step that runs when something fails")
                                 .arg(step.id, event);
                return std::nullopt;
            }
        }
        QStringList after;
        for (const int p : graph.predecessors(i))
            after.append(graph.id(p));
        step.after = after;
        step.on.clear();
        step.emits.reset();
        if (step.compensation) {
            step.compensation->on.clear();
            step.compensation->emits.clear();
        }
    }
    return result;
}

} // namespace Sagascope
