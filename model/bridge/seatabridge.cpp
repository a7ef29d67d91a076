// SPDX-License-Identifier: MIT
#include "seatabridge.h"

#include "bridgeannotations.h"
#include "importassembler.h"
#include "jsonreader.h"
#include "jsonwriter.h"
#include "sagagraph.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSet>

namespace Sagascope {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Bridge", text);
}

const QString AnnotationKey = QStringLiteral("Sagascope");
const QString Trigger = QStringLiteral("CompensationTrigger");
const QString Succeed = QStringLiteral("Succeed");
const QString Fail = QStringLiteral("Fail");
const QString Stuck = QStringLiteral("saga-stuck");
const QString CompensatePrefix = QStringLiteral("compensate-");
const QString CheckPrefix = QStringLiteral("check-");

QString resultKey(const Step &step)
{
    return step.id + QStringLiteral("Result");
}

QJsonObject retrier(const RetryPolicy &policy)
{
    return QJsonObject{
        {QStringLiteral("Exceptions"), QJsonArray{QStringLiteral("java.lang.Throwable")}},
        {QStringLiteral("IntervalSeconds"), double(policy.initialBackoffMs) / 1000.0},
        {QStringLiteral("MaxAttempts"), policy.isBounded() ? std::max(0, policy.maxAttempts - 1) : SeataBridge::UnboundedAttempts},
        {QStringLiteral("BackoffRate"), std::max(1.0, policy.multiplier)},
    };
}

/**
 * true: done (SU); false: a business failure (FA). An exception that outlasts the retries is FA
 * (Seata's default for a state not marked IsForUpdate: ServiceTaskStateHandler), so a step whose
 * attempts ran out is not compensated, as in SPEC 3 - except a timeout of a step that has a
 * compensation: java.util.concurrent.TimeoutException is UN, its effect unknown, and the
 * CompensationTrigger undoes it.
 */
QJsonObject statusMapping(bool timeoutIsUnknown)
{
    QJsonObject status{{QStringLiteral("#root == true"), QStringLiteral("SU")},
                       {QStringLiteral("#root == false"), QStringLiteral("FA")}};
    if (timeoutIsUnknown)
        status.insert(QStringLiteral("$Exception{java.util.concurrent.TimeoutException}"), QStringLiteral("UN"));
    return status;
}

QJsonArray input(const Step &step, const QString &what)
{
    return QJsonArray{QJsonObject{{QStringLiteral("businessKey"), QStringLiteral("$.[businessKey]")},
                                  {QStringLiteral("step"), step.id},
                                  {QStringLiteral("operation"), what}}};
}

QString serviceName(const Step &step)
{
    return step.service.isEmpty() ? step.id + QStringLiteral("Service") : step.service;
}

QString machineName(const QString &name)
{
    QString result;
    for (const QChar c : name)
        result.append(c.isLetterOrNumber() ? c : QLatin1Char('_'));
    return result.isEmpty() ? QStringLiteral("saga") : result;
}

} // namespace

QByteArray SeataBridge::exportDefinition(const SagaDefinition &definition, QStringList *warnings)
{
    const SagaGraph graph(definition);
    const QList<int> order = graph.topologicalOrder();
    const QList<QJsonObject> annotations = BridgeAnnotations::stepObjects(definition);

    bool concurrent = false;
    for (int i = 0; i + 1 < order.size() && !concurrent; ++i)
        concurrent = graph.areConcurrent(order.at(i), order.at(i + 1));
    if (concurrent) {
        QStringList ids;
        for (int index : order)
            ids.append(graph.id(index));
        warnings->append(tr("seata: Seata's state language has no parallel state: the steps run one after another "
                            "in topological order (%1); the `after` edges are kept in the Sagascope annotations")
                             .arg(ids.join(QStringLiteral(" -> "))));
    }

    QJsonObject states;
    QStringList unbounded;
    bool anyRollsBack = false;
    bool anyStuck = false;
    const QJsonObject catchAll{{QStringLiteral("Exceptions"), QJsonArray{QStringLiteral("java.lang.Throwable")}}};
    for (int i = 0; i < order.size(); ++i) {
        const Step &step = definition.steps.at(order.at(i));
        const QString next = i + 1 < order.size() ? definition.steps.at(order.at(i + 1)).id : Succeed;
        const bool rollsBack = step.kind != StepKind::Retriable;
        const bool compensates = step.kind == StepKind::Compensatable && step.compensation;
        anyRollsBack |= rollsBack;
        QJsonObject state;
        state.insert(QStringLiteral("Type"), QStringLiteral("ServiceTask"));
        state.insert(QStringLiteral("Comment"), step.displayName());
        state.insert(QStringLiteral("ServiceName"), serviceName(step));
        state.insert(QStringLiteral("ServiceMethod"), BridgeAnnotations::exportedActionName(step));
        // Not IsForUpdate: Seata stops a rollback (CompensationStateNotFound) at a state marked
        // so without a CompensateState, and counts one in its machine status; the
        // CompensateState alone is what Seata's CompensationTrigger undoes.
        state.insert(QStringLiteral("Input"), input(step, QStringLiteral("action")));
        state.insert(QStringLiteral("Output"), QJsonObject{{resultKey(step), QStringLiteral("$.#root")}});
        state.insert(QStringLiteral("Status"), statusMapping(compensates));
        const RetryPolicy policy = step.effectiveActionRetry();
        if (!policy.isBounded())
            unbounded.append(step.id);
        state.insert(QStringLiteral("Retry"), QJsonArray{retrier(policy)});
        if (compensates)
            state.insert(QStringLiteral("CompensateState"), QString(CompensatePrefix + step.id));
        // An exception that outlasts the retries: a compensatable step has failed, the saga rolls
        // back; a pivot or a retriable step is stuck (the Fail state ends the machine FA, which
        // Seata reports as Finished: nothing retries it on its own; a person decides).
        const QString onException = step.kind == StepKind::Compensatable ? Trigger : Stuck;
        anyStuck |= onException == Stuck;
        QJsonObject catcher = catchAll;
        catcher.insert(QStringLiteral("Next"), onException);
        state.insert(QStringLiteral("Catch"), QJsonArray{catcher});
        state.insert(QStringLiteral("Next"), QString(CheckPrefix + step.id));
        state.insert(AnnotationKey, annotations.at(order.at(i)));
        states.insert(step.id, state);
        // A business failure (the method returned false): before or at the pivot the saga rolls
        // back; after it the saga is stuck (SPEC 3), and nothing after the step runs.
        states.insert(CheckPrefix + step.id,
                      QJsonObject{{QStringLiteral("Type"), QStringLiteral("Choice")},
                                  {QStringLiteral("Choices"),
                                   QJsonArray{QJsonObject{{QStringLiteral("Expression"),
                                                           QStringLiteral("[%1] == false").arg(resultKey(step))},
                                                          {QStringLiteral("Next"), rollsBack ? Trigger : Stuck}}}},
                                  {QStringLiteral("Default"), next}});
        anyStuck |= !rollsBack;
        if (compensates) {
            const RetryPolicy compensationPolicy = step.effectiveCompensationRetry();
            if (!compensationPolicy.isBounded())
                unbounded.append(step.id + QStringLiteral(" (compensation)"));
            states.insert(CompensatePrefix + step.id,
                          QJsonObject{{QStringLiteral("Type"), QStringLiteral("ServiceTask")},
                                      {QStringLiteral("Comment"), tr("undo %1").arg(step.displayName())},
                                      {QStringLiteral("ServiceName"), serviceName(step)},
                                      {QStringLiteral("ServiceMethod"), BridgeAnnotations::exportedCompensationName(step)},
                                      {QStringLiteral("IsForCompensation"), true},
                                      {QStringLiteral("Input"), input(step, QStringLiteral("compensation"))},
                                      {QStringLiteral("Status"), statusMapping(false)},
                                      {QStringLiteral("Retry"), QJsonArray{retrier(compensationPolicy)}}});
        }
    }
    states.insert(Succeed, QJsonObject{{QStringLiteral("Type"), QStringLiteral("Succeed")}});
    if (anyRollsBack) {
        states.insert(Trigger, QJsonObject{{QStringLiteral("Type"), QStringLiteral("CompensationTrigger")},
                                           {QStringLiteral("Next"), Fail}});
        states.insert(Fail, QJsonObject{{QStringLiteral("Type"), QStringLiteral("Fail")},
                                        {QStringLiteral("ErrorCode"), QStringLiteral("SAGA_COMPENSATED")},
                                        {QStringLiteral("Message"), tr("a step failed; the saga was rolled back")}});
    }
    if (anyStuck) {
        states.insert(Stuck, QJsonObject{{QStringLiteral("Type"), QStringLiteral("Fail")},
                                         {QStringLiteral("ErrorCode"), QStringLiteral("SAGA_STUCK")},
                                         {QStringLiteral("Message"),
                                          tr("a step that cannot be rolled back failed: a person decides (SPEC: stuck)")}});
    }
    if (!unbounded.isEmpty())
        warnings->append(tr("seata: Seata has no unbounded retry: the unbounded retries of %1 are written as MaxAttempts %2")
                             .arg(unbounded.join(QStringLiteral(", ")))
                             .arg(UnboundedAttempts));

    QJsonObject machine;
    machine.insert(QStringLiteral("Name"), machineName(definition.name));
    machine.insert(QStringLiteral("Comment"), definition.description.isEmpty() ? definition.name : definition.description);
    machine.insert(QStringLiteral("Version"), QStringLiteral("0.0.1"));
    machine.insert(QStringLiteral("StartState"), order.isEmpty() ? Succeed : definition.steps.at(order.first()).id);
    machine.insert(QStringLiteral("States"), states);
    machine.insert(AnnotationKey, BridgeAnnotations::header(definition));
    return JsonWriter::write(machine);
}

namespace {

std::optional<RetryPolicy> retryFrom(const QJsonValue &value)
{
    const QJsonArray retriers = value.toArray();
    if (retriers.isEmpty()) {
        // Seata retries only what a Retry names: a state without one runs once.
        RetryPolicy once;
        once.maxAttempts = 1;
        return once;
    }
    const QJsonObject r = retriers.first().toObject();
    RetryPolicy policy;
    const qint64 retries = qint64(r.value(QLatin1String("MaxAttempts")).toDouble(3));
    policy.maxAttempts = retries >= SeataBridge::UnboundedAttempts ? 0 : int(retries + 1);
    policy.initialBackoffMs = int(r.value(QLatin1String("IntervalSeconds")).toDouble(1) * 1000);
    policy.multiplier = r.value(QLatin1String("BackoffRate")).toDouble(1.5);
    policy.maxBackoffMs = std::max(policy.maxBackoffMs, policy.initialBackoffMs);
    policy.jitter = 0;
    return policy;
}

struct Fault
{
    QString path;
    QString message;
};

std::optional<Fault> checkStates(const QJsonObject &root)
{
    if (!root.value(QLatin1String("States")).isObject())
        return Fault{QStringLiteral("States"), tr("missing or not an object")};
    if (!root.value(QLatin1String("StartState")).isString())
        return Fault{QStringLiteral("StartState"), tr("missing or not a string")};
    const QJsonObject states = root.value(QLatin1String("States")).toObject();
    if (!states.contains(root.value(QLatin1String("StartState")).toString()))
        return Fault{QStringLiteral("StartState"),
                     tr("names no state: '%1'").arg(root.value(QLatin1String("StartState")).toString())};
    const auto refersTo = [&](const QJsonValue &value, const QString &where) -> std::optional<Fault> {
        if (value.isUndefined() || value.isNull())
            return std::nullopt;
        if (!value.isString())
            return Fault{where, tr("not a string")};
        if (!states.contains(value.toString()))
            return Fault{where, tr("names no state: '%1'").arg(value.toString())};
        return std::nullopt;
    };
    for (auto it = states.begin(); it != states.end(); ++it) {
        const QString path = QStringLiteral("States.") + it.key();
        if (!it.value().isObject())
            return Fault{path, tr("a state must be an object")};
        const QJsonObject state = it.value().toObject();
        if (!state.value(QLatin1String("Type")).isString())
            return Fault{path + QStringLiteral(".Type"), tr("missing or not a string")};
        for (const char *key : {"Next", "Default", "CompensateState"}) {
            if (auto f = refersTo(state.value(QLatin1String(key)), path + QLatin1Char('.') + QLatin1String(key)))
                return f;
        }
        for (const char *list : {"Catch", "Choices"}) {
            const QJsonArray items = state.value(QLatin1String(list)).toArray();
            for (int i = 0; i < items.size(); ++i) {
                if (auto f = refersTo(items.at(i).toObject().value(QLatin1String("Next")),
                                      path + QStringLiteral(".%1[%2].Next").arg(QLatin1String(list)).arg(i)))
                    return f;
            }
        }
    }
    return std::nullopt;
}

bool isForwardTask(const QJsonObject &state)
{
    return state.value(QLatin1String("Type")).toString() == QLatin1String("ServiceTask")
           && !state.value(QLatin1String("IsForCompensation")).toBool()
           && !state.value(QLatin1String("ForCompensation")).toBool();
}

} // namespace

std::optional<SagaDefinition> SeataBridge::importDefinition(const QByteArray &bytes, const QString &fileName,
                                                            QStringList *warnings, QString *error)
{
    if (bytes.trimmed().isEmpty()) {
        *error = tr("%1: the file is empty; a Seata state machine is a JSON object with StartState and States").arg(fileName);
        return std::nullopt;
    }
    const JsonReader::Result parsed = JsonReader::parse(bytes);
    if (!parsed.ok) {
        *error = tr("%1:%2:%3: not Seata JSON: %4").arg(fileName).arg(parsed.line).arg(parsed.column).arg(parsed.message);
        return std::nullopt;
    }
    if (!parsed.value.isObject()) {
        *error = tr("%1: not a Seata state machine: the document is not a JSON object").arg(fileName);
        return std::nullopt;
    }
    const QJsonObject root = parsed.value.toObject();
    if (const std::optional<Fault> fault = checkStates(root)) {
        const auto [line, column] = JsonReader::locate(bytes, fault->path);
        *error = line > 0 ? tr("%1:%2:%3: %4: %5").arg(fileName).arg(line).arg(column).arg(fault->path, fault->message)
                          : tr("%1: %2: %3").arg(fileName, fault->path, fault->message);
        return std::nullopt;
    }
    const QJsonObject states = root.value(QLatin1String("States")).toObject();

    QList<ImportedStep> steps;
    QSet<QString> usedIds;
    QSet<QString> seen;
    QStringList predecessors;
    QString current = root.value(QLatin1String("StartState")).toString();
    while (!current.isEmpty()) {
        const QString place = QStringLiteral("States.") + current;
        if (seen.contains(current)) {
            warnings->append(tr("%1: %2: a loop back to this state is ignored").arg(fileName, place));
            break;
        }
        seen.insert(current);
        const QJsonObject state = states.value(current).toObject();
        const QString type = state.value(QLatin1String("Type")).toString();
        QString next = state.value(QLatin1String("Next")).toString();
        if (isForwardTask(state)) {
            ImportedStep step;
            step.id = ImportAssembler::makeId(current, &usedIds);
            if (step.id != current)
                warnings->append(tr("%1: %2: state name is not a valid step id; the step is '%3'").arg(fileName, place, step.id));
            step.label = state.value(QLatin1String("Comment")).toString(current);
            step.service = state.value(QLatin1String("ServiceName")).toString();
            step.annotation = state.value(AnnotationKey).toObject();
            if (!step.annotation.isEmpty() && step.annotation.value(QLatin1String("service")).toString().isEmpty()
                && step.service == current + QStringLiteral("Service"))
                step.service.clear(); // the exporter's stand-in for a step without a service
            step.actionName = state.value(QLatin1String("ServiceMethod")).toString();
            step.after = predecessors;
            step.retry = retryFrom(state.value(QLatin1String("Retry")));
            step.place = place;
            const QJsonObject status = state.value(QLatin1String("Status")).toObject();
            QStringList custom;
            for (auto it = status.begin(); it != status.end(); ++it) {
                if (it.key() != QLatin1String("#root == true") && it.key() != QLatin1String("#root == false")
                    && it.key() != QLatin1String("$Exception{java.util.concurrent.TimeoutException}")
                    && it.key() != QLatin1String("$Exception{java.lang.Throwable}"))
                    custom.append(QStringLiteral("'%1' -> %2").arg(it.key(), it.value().toString()));
            }
            if (!custom.isEmpty())
                warnings->append(tr("%1: %2: Status expressions %3 are not imported: Sagascope tells a business failure "
                                    "(false) from a technical one (an exception) and nothing else")
                                     .arg(fileName, place, custom.join(QStringLiteral(", "))));
            if (!state.contains(QLatin1String("CompensateState"))) {
                // No compensation: the pivot when a failure rolls back (a Catch or the Choice after
                // it leads to the CompensationTrigger), else a retriable step that only goes forward.
                bool rollsBack = false;
                for (const QJsonValue &c : state.value(QLatin1String("Catch")).toArray())
                    rollsBack |= states.value(c.toObject().value(QLatin1String("Next")).toString()).toObject()
                                     .value(QLatin1String("Type")).toString() == QLatin1String("CompensationTrigger");
                const QJsonObject after = states.value(next).toObject();
                if (after.value(QLatin1String("Type")).toString() == QLatin1String("Choice")) {
                    for (const QJsonValue &c : after.value(QLatin1String("Choices")).toArray())
                        rollsBack |= states.value(c.toObject().value(QLatin1String("Next")).toString()).toObject()
                                         .value(QLatin1String("Type")).toString() == QLatin1String("CompensationTrigger");
                }
                step.kind = rollsBack ? StepKind::Pivot : StepKind::Retriable;
            }
            const QString compensate = state.value(QLatin1String("CompensateState")).toString();
            if (!compensate.isEmpty()) {
                const QJsonObject compensation = states.value(compensate).toObject();
                step.compensationName = compensation.value(QLatin1String("ServiceMethod")).toString(compensate);
                step.compensationRetry = retryFrom(compensation.value(QLatin1String("Retry")));
            }
            steps.append(step);
            predecessors = {step.id};
        } else if (type == QLatin1String("Choice")) {
            // Follow the way forward: the first choice (or the default) that reaches a step not yet run.
            QStringList ways;
            for (const QJsonValue &choice : state.value(QLatin1String("Choices")).toArray())
                ways.append(choice.toObject().value(QLatin1String("Next")).toString());
            ways.append(state.value(QLatin1String("Default")).toString());
            QStringList forward;
            for (const QString &way : std::as_const(ways)) {
                if (!way.isEmpty() && !seen.contains(way) && isForwardTask(states.value(way).toObject()) && !forward.contains(way))
                    forward.append(way);
            }
            next = forward.isEmpty() ? state.value(QLatin1String("Default")).toString() : forward.first();
            // Sagascope's own check after a step ("[XResult] == false" to the rollback or the
            // stuck end) says nothing the kinds do not; any other condition is dropped, loudly.
            QStringList dropped;
            static const QRegularExpression own(QStringLiteral("^\\[[A-Za-z_][A-Za-z0-9_]*Result\\] == false$"));
            for (const QJsonValue &choice : state.value(QLatin1String("Choices")).toArray()) {
                const QString expression = choice.toObject().value(QLatin1String("Expression")).toString();
                const QString target = choice.toObject().value(QLatin1String("Next")).toString();
                const QString targetType = states.value(target).toObject().value(QLatin1String("Type")).toString();
                if (own.match(expression.trimmed()).hasMatch()
                    && (targetType == QLatin1String("CompensationTrigger") || targetType == QLatin1String("Fail")))
                    continue;
                if (target != next)
                    dropped.append(QStringLiteral("'%1' -> %2 (%3)").arg(expression, target, targetType));
            }
            const QString fallback = state.value(QLatin1String("Default")).toString();
            if (!dropped.isEmpty() && !fallback.isEmpty() && fallback != next)
                dropped.append(QStringLiteral("default -> %1 (%2)")
                                   .arg(fallback, states.value(fallback).toObject().value(QLatin1String("Type")).toString()));
            if (!dropped.isEmpty())
                warnings->append(tr("%1: %2: Choice state: the import follows '%3'; these ways and their conditions are not "
                                    "imported: %4")
                                     .arg(fileName, place, next, dropped.join(QStringLiteral("; "))));
        } else if (type == QLatin1String("Succeed") || type == QLatin1String("Fail")
                   || type == QLatin1String("CompensationTrigger")) {
            break;
        } else {
            warnings->append(tr("%1: %2: %3 state ignored").arg(fileName, place, type));
        }
        current = next;
    }
    if (steps.isEmpty())
        warnings->append(tr("%1: no ServiceTask on the path from StartState; the saga has no steps").arg(fileName));
    QJsonObject header = root.value(AnnotationKey).toObject();
    if (header.isEmpty() && root.contains(QLatin1String("Comment")))
        header.insert(QStringLiteral("description"), root.value(QLatin1String("Comment")).toString());
    return ImportAssembler::assemble(root.value(QLatin1String("Name")).toString(), header, steps, fileName, warnings,
                                     error);
}

} // namespace Sagascope
