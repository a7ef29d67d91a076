// SPDX-License-Identifier: MIT
#include "aslbridge.h"

#include "bridgeannotations.h"
#include "importassembler.h"
#include "jsonreader.h"
#include "jsonwriter.h"
#include "sagagraph.h"
#include "seriesparallel.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>

#include <cmath>

namespace Sagascope {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Bridge", text);
}

const QString LambdaInvoke = QStringLiteral("arn:aws:states:::lambda:invoke");
const QString Completed = QStringLiteral("saga-completed");
const QString Compensated = QStringLiteral("saga-compensated");
const QString CompensatePrefix = QStringLiteral("compensate-");
const QString ParallelPrefix = QStringLiteral("parallel-");
const QString CheckPrefix = QStringLiteral("check-");      // after a Parallel: did a branch fail?
const QString FailedPrefix = QStringLiteral("failed-");    // in a branch: a step failed, the branch ends
const QString IfAppliedPrefix = QStringLiteral("if-applied-"); // in the rollback: was the step applied?
constexpr int MaxStateName = 80; // Step Functions' limit

int seconds(qint64 ms)
{
    return int(std::max<qint64>(1, (ms + 999) / 1000));
}

/** ASL retriers for a Sagascope retry policy. ASL counts retries, Sagascope attempts. */
QJsonObject retrier(const QStringList &errors, const RetryPolicy &policy)
{
    QJsonObject r;
    r.insert(QStringLiteral("ErrorEquals"), QJsonArray::fromStringList(errors));
    r.insert(QStringLiteral("IntervalSeconds"), seconds(policy.initialBackoffMs));
    r.insert(QStringLiteral("BackoffRate"), std::max(1.0, policy.multiplier));
    r.insert(QStringLiteral("MaxAttempts"),
             policy.isBounded() ? std::max(0, policy.maxAttempts - 1) : AslBridge::UnboundedAttempts);
    r.insert(QStringLiteral("MaxDelaySeconds"), seconds(policy.maxBackoffMs));
    r.insert(QStringLiteral("JitterStrategy"), policy.jitter > 0 ? QStringLiteral("FULL") : QStringLiteral("NONE"));
    return r;
}

QJsonObject payload(const Step &step, const QString &what)
{
    return QJsonObject{
        {QStringLiteral("input.$"), QStringLiteral("$")},
        {QStringLiteral("sagaId.$"), QStringLiteral("$$.Execution.Id")},
        {QStringLiteral("step"), step.id},
        {QStringLiteral("service"), step.service},
        {QStringLiteral("idempotencyKey.$"),
         QStringLiteral("States.Format('{}/%1/%2', $$.Execution.Id)").arg(step.id, what)},
    };
}

class Exporter
{
public:
    Exporter(const SagaDefinition &definition, QStringList *warnings)
        : m_definition(definition), m_graph(definition), m_warnings(warnings)
    {
    }

    QByteArray run()
    {
        QList<QStringList> linearised;
        const SpNode root = SeriesParallel::decompose(m_graph, &linearised);
        for (const QStringList &ids : std::as_const(linearised))
            m_warnings->append(tr("asl: steps %1 do not form series-parallel branches; they run one after another "
                                  "in topological order (every `after` is kept, some extra ordering is added)")
                                   .arg(ids.join(QStringLiteral(", "))));
        m_order = SeriesParallel::flatten(root);
        for (int i = 0; i < m_order.size(); ++i)
            m_position.insert(m_order.at(i), i);
        for (int i = int(m_order.size()) - 1; i >= 0; --i) {
            if (hasCompensation(m_order.at(i)))
                m_compensationChain.append(m_order.at(i));
        }
        m_annotations = BridgeAnnotations::stepObjects(m_definition);

        QJsonObject states;
        const QString start = emitSequence(root, states, Completed, QStringLiteral("$"), true);
        states.insert(Completed, QJsonObject{{QStringLiteral("Type"), QStringLiteral("Succeed")},
                                             {QStringLiteral("Comment"), tr("every step succeeded")}});
        emitCompensations(states);

        QStringList tooLong;
        for (int index : std::as_const(m_order)) {
            const QString &id = m_definition.steps.at(index).id;
            if (id.size() > MaxStateName || (hasCompensation(index) && IfAppliedPrefix.size() + id.size() > MaxStateName))
                tooLong.append(id);
        }
        if (!tooLong.isEmpty())
            m_warnings->append(tr("asl: Step Functions refuses state names longer than %1 characters; shorten the ids of %2")
                                   .arg(MaxStateName)
                                   .arg(tooLong.join(QStringLiteral(", "))));
        if (!m_lateStarters.isEmpty())
            m_warnings->append(tr("asl: in a Parallel state one branch cannot stop another: after a failure in one branch, "
                                  "steps %1 may still start in theirs (each branch ends at its own failure, the rollback "
                                  "waits for every branch and compensates what they applied)")
                                   .arg(m_lateStarters.join(QStringLiteral(", "))));
        if (!m_unbounded.isEmpty())
            m_warnings->append(tr("asl: ASL has no unbounded retry: the unbounded retries of %1 are written as "
                                  "MaxAttempts %2")
                                   .arg(m_unbounded.join(QStringLiteral(", ")))
                                   .arg(AslBridge::UnboundedAttempts));

        QJsonObject machine;
        const QString text = m_definition.description.isEmpty() ? m_definition.name : m_definition.description;
        machine.insert(QStringLiteral("Comment"),
                       BridgeAnnotations::withAnnotation(text, BridgeAnnotations::header(m_definition)));
        machine.insert(QStringLiteral("StartAt"), start);
        machine.insert(QStringLiteral("States"), states);
        return JsonWriter::write(machine);
    }

private:
    bool hasCompensation(int index) const
    {
        const Step &step = m_definition.steps.at(index);
        return step.kind != StepKind::Pivot && step.compensation.has_value();
    }

    /** Where a failure goes: the rollback, which undoes every step that was applied, in reverse
     *  order (each guarded by whether its result, or its timeout, was recorded). */
    QString rollbackEntry()
    {
        m_compensatedUsed = true;
        return m_compensationChain.isEmpty() ? Compensated
                                             : IfAppliedPrefix + m_definition.steps.at(m_compensationChain.first()).id;
    }

    QString nameOf(const SpNode &node)
    {
        if (node.type == SpNode::Type::Step)
            return m_definition.steps.at(node.step).id;
        if (!m_parallelNames.contains(&node)) {
            m_parallelNames.insert(&node, ParallelPrefix + QString::number(++m_parallelCount));
            m_parallelNumbers.insert(&node, m_parallelCount);
        }
        return m_parallelNames.value(&node);
    }

    QStringList retryErrors() const
    {
        return {QStringLiteral("States.TaskFailed"), QStringLiteral("States.Timeout")};
    }

    QJsonObject taskState(int index, const QString &prefix, bool topLevel, QJsonObject &states)
    {
        const Step &step = m_definition.steps.at(index);
        QJsonObject state;
        state.insert(QStringLiteral("Type"), QStringLiteral("Task"));
        state.insert(QStringLiteral("Comment"),
                     BridgeAnnotations::withAnnotation(step.displayName(), m_annotations.at(index)));
        state.insert(QStringLiteral("Resource"), LambdaInvoke);
        state.insert(QStringLiteral("Parameters"),
                     QJsonObject{{QStringLiteral("FunctionName"), BridgeAnnotations::exportedActionName(step)},
                                 {QStringLiteral("Payload"), payload(step, QStringLiteral("action"))}});
        const QString resultPath = QStringLiteral("$.results.") + step.id;
        state.insert(QStringLiteral("ResultPath"), resultPath);
        m_appliedPath.insert(index, prefix + QStringLiteral(".results.") + step.id);
        if (step.timeoutMs)
            state.insert(QStringLiteral("TimeoutSeconds"), seconds(*step.timeoutMs));
        const RetryPolicy policy = step.effectiveActionRetry();
        if (!policy.isBounded())
            m_unbounded.append(step.id);
        // A business failure is never retried; technical failures and timeouts are.
        state.insert(QStringLiteral("Retry"),
                     QJsonArray{QJsonObject{{QStringLiteral("ErrorEquals"),
                                             QJsonArray{QLatin1String(AslBridge::BusinessFailureError)}},
                                            {QStringLiteral("MaxAttempts"), 0}},
                                retrier(retryErrors(), policy)});
        // At the top level a failure enters the rollback; in a Parallel branch it ends the branch
        // (siblings are let finish) and the check after the Parallel enters the rollback.
        QString failed = topLevel ? QString() : FailedPrefix + step.id;
        const auto target = [&]() {
            if (topLevel)
                return rollbackEntry();
            states.insert(failed, QJsonObject{{QStringLiteral("Type"), QStringLiteral("Pass")},
                                              {QStringLiteral("Comment"), tr("%1 failed: this branch ends").arg(step.displayName())},
                                              {QStringLiteral("Result"), QJsonObject{{QStringLiteral("step"), step.id}}},
                                              {QStringLiteral("ResultPath"), QStringLiteral("$.error")},
                                              {QStringLiteral("End"), true}});
            return failed;
        };
        QJsonArray catchers;
        const auto catcher = [](const QStringList &errors, const QString &path, const QString &next) {
            return QJsonObject{{QStringLiteral("ErrorEquals"), QJsonArray::fromStringList(errors)},
                               {QStringLiteral("ResultPath"), path},
                               {QStringLiteral("Next"), next}};
        };
        if (step.kind == StepKind::Compensatable) {
            // A step whose last attempt timed out may have committed: its result path records the
            // timeout, so the rollback compensates it too. Any other failure (a business failure,
            // technical attempts run out) is not compensated: it did not apply.
            const QString next = target();
            if (hasCompensation(index))
                catchers.append(catcher({QStringLiteral("States.Timeout")}, resultPath, next));
            catchers.append(catcher({QStringLiteral("States.ALL")}, QStringLiteral("$.error"), next));
        } else if (step.kind == StepKind::Pivot) {
            // A pivot that runs out of attempts on technical failures may have committed: the
            // execution fails (a person decides); only a business failure rolls back.
            catchers.append(catcher({QLatin1String(AslBridge::BusinessFailureError)}, QStringLiteral("$.error"), target()));
        }
        if (!catchers.isEmpty())
            state.insert(QStringLiteral("Catch"), catchers);
        return state;
    }

    /** Emits `node` (a Sequence, or one block) into `states`; returns the name of its first state. */
    QString emitSequence(const SpNode &node, QJsonObject &states, const QString &next, const QString &prefix, bool topLevel)
    {
        QList<const SpNode *> blocks;
        if (node.type == SpNode::Type::Sequence) {
            for (const SpNode &child : node.children)
                blocks.append(&child);
        } else {
            blocks.append(&node);
        }
        if (blocks.isEmpty())
            return next;
        for (int i = 0; i < blocks.size(); ++i) {
            const SpNode &block = *blocks.at(i);
            const QString following = i + 1 < blocks.size() ? nameOf(*blocks.at(i + 1)) : next;
            QJsonObject state;
            QString after = following;
            if (block.type == SpNode::Type::Step) {
                state = taskState(block.step, prefix, topLevel, states);
            } else {
                state = parallelState(block, prefix, topLevel, states, following, &after);
            }
            if (after.isEmpty())
                state.insert(QStringLiteral("End"), true);
            else
                state.insert(QStringLiteral("Next"), after);
            states.insert(nameOf(block), state);
        }
        return nameOf(*blocks.first());
    }

    /** A Parallel state; `next` is what follows it. When a step inside can roll back, the
     *  Parallel keeps its branches' states (each branch ends at its own failure with `$.error`
     *  set) and a Choice after it sends a failure on to the rollback; `*after` is then that
     *  Choice. */
    QJsonObject parallelState(const SpNode &block, const QString &prefix, bool topLevel, QJsonObject &states,
                              const QString &next, QString *after)
    {
        QJsonObject state;
        state.insert(QStringLiteral("Type"), QStringLiteral("Parallel"));
        const QList<int> inside = SeriesParallel::flatten(block);
        QStringList ids;
        bool canRollBack = false;
        for (int index : inside) {
            ids.append(m_definition.steps.at(index).id);
            canRollBack |= m_definition.steps.at(index).kind != StepKind::Retriable;
        }
        const QString name = nameOf(block);
        const QString key = QStringLiteral("parallel_%1").arg(m_parallelNumbers.value(&block));
        state.insert(QStringLiteral("Comment"), tr("runs %1 in parallel branches").arg(ids.join(QStringLiteral(", "))));
        QJsonArray branches;
        QJsonArray failures;
        for (int b = 0; b < block.children.size(); ++b) {
            const SpNode &branch = block.children.at(b);
            QJsonObject branchStates;
            const QString branchPrefix = QStringLiteral("%1.%2[%3]").arg(prefix, key).arg(b);
            const QString start = emitSequence(branch, branchStates, QString(), branchPrefix, false);
            branches.append(QJsonObject{{QStringLiteral("StartAt"), start}, {QStringLiteral("States"), branchStates}});
            failures.append(QJsonObject{{QStringLiteral("Variable"), QStringLiteral("$.%1[%2].error").arg(key).arg(b)},
                                        {QStringLiteral("IsPresent"), true}});
            if (canRollBack) {
                // A step that starts after another step of its own branch cannot know that a
                // sibling branch has failed meanwhile.
                const QList<int> own = SeriesParallel::flatten(branch);
                for (int index : own) {
                    for (int p : m_graph.predecessors(index)) {
                        if (own.contains(p) && !m_lateStarters.contains(m_graph.id(index))) {
                            m_lateStarters.append(m_graph.id(index));
                            break;
                        }
                    }
                }
            }
        }
        state.insert(QStringLiteral("Branches"), branches);
        if (!canRollBack) {
            state.insert(QStringLiteral("ResultPath"), QJsonValue::Null);
            return state;
        }
        state.insert(QStringLiteral("ResultPath"), QString(QStringLiteral("$.") + key));
        QString onFailure;
        if (topLevel) {
            onFailure = rollbackEntry();
        } else {
            onFailure = FailedPrefix + name;
            states.insert(onFailure, QJsonObject{{QStringLiteral("Type"), QStringLiteral("Pass")},
                                                 {QStringLiteral("Comment"), tr("a branch failed: this branch ends")},
                                                 {QStringLiteral("Result"), QJsonObject{{QStringLiteral("parallel"), name}}},
                                                 {QStringLiteral("ResultPath"), QStringLiteral("$.error")},
                                                 {QStringLiteral("End"), true}});
        }
        QJsonObject check{{QStringLiteral("Type"), QStringLiteral("Choice")},
                          {QStringLiteral("Comment"), tr("did a branch of %1 fail?").arg(name)},
                          {QStringLiteral("Choices"), QJsonArray{QJsonObject{{QStringLiteral("Or"), failures},
                                                                             {QStringLiteral("Next"), onFailure}}}}};
        if (next.isEmpty()) {
            // The end of a branch: a Choice cannot end it, a Pass can.
            const QString done = name + QStringLiteral("-done");
            states.insert(done, QJsonObject{{QStringLiteral("Type"), QStringLiteral("Pass")}, {QStringLiteral("End"), true}});
            check.insert(QStringLiteral("Default"), done);
        } else {
            check.insert(QStringLiteral("Default"), next);
        }
        states.insert(CheckPrefix + name, check);
        *after = CheckPrefix + name;
        return state;
    }

    /** The rollback: for each step that has a compensation, in reverse order, a Choice that
     *  runs its compensation only when the step's result (or its timeout) was recorded. */
    void emitCompensations(QJsonObject &states)
    {
        for (int i = 0; i < m_compensationChain.size(); ++i) {
            const int index = m_compensationChain.at(i);
            const Step &step = m_definition.steps.at(index);
            const QString following = i + 1 < m_compensationChain.size()
                                          ? IfAppliedPrefix + m_definition.steps.at(m_compensationChain.at(i + 1)).id
                                          : Compensated;
            const RetryPolicy policy = step.effectiveCompensationRetry();
            if (!policy.isBounded() && !m_unbounded.contains(step.id + QStringLiteral(" (compensation)")))
                m_unbounded.append(step.id + QStringLiteral(" (compensation)"));
            states.insert(IfAppliedPrefix + step.id,
                          QJsonObject{{QStringLiteral("Type"), QStringLiteral("Choice")},
                                      {QStringLiteral("Comment"), tr("was %1 applied?").arg(step.displayName())},
                                      {QStringLiteral("Choices"),
                                       QJsonArray{QJsonObject{{QStringLiteral("Variable"), m_appliedPath.value(index)},
                                                              {QStringLiteral("IsPresent"), true},
                                                              {QStringLiteral("Next"), QString(CompensatePrefix + step.id)}}}},
                                      {QStringLiteral("Default"), following}});
            QJsonObject state;
            state.insert(QStringLiteral("Type"), QStringLiteral("Task"));
            state.insert(QStringLiteral("Comment"), tr("undo %1").arg(step.displayName()));
            state.insert(QStringLiteral("Resource"), LambdaInvoke);
            state.insert(QStringLiteral("Parameters"),
                         QJsonObject{{QStringLiteral("FunctionName"), BridgeAnnotations::exportedCompensationName(step)},
                                     {QStringLiteral("Payload"), payload(step, QStringLiteral("compensation"))}});
            state.insert(QStringLiteral("ResultPath"), QJsonValue::Null);
            state.insert(QStringLiteral("Retry"), QJsonArray{retrier({QStringLiteral("States.ALL")}, policy)});
            state.insert(QStringLiteral("Next"), following);
            states.insert(CompensatePrefix + step.id, state);
        }
        if (!m_compensatedUsed)
            return; // nothing can roll back
        states.insert(Compensated, QJsonObject{{QStringLiteral("Type"), QStringLiteral("Fail")},
                                               {QStringLiteral("Error"), QStringLiteral("Sagascope.SagaCompensated")},
                                               {QStringLiteral("Cause"), tr("a step failed; the saga was rolled back")}});
    }

    const SagaDefinition &m_definition;
    SagaGraph m_graph;
    QStringList *m_warnings;
    QList<int> m_order;
    QHash<int, int> m_position;
    QList<int> m_compensationChain;
    QList<QJsonObject> m_annotations;
    QHash<const SpNode *, QString> m_parallelNames;
    QHash<const SpNode *, int> m_parallelNumbers;
    QHash<int, QString> m_appliedPath; // where a step's result (or its timeout) is recorded
    QStringList m_lateStarters;
    int m_parallelCount = 0;
    QStringList m_unbounded;
    bool m_compensatedUsed = false;
};

// ---------------------------------------------------------------------------------------------

/** A fault in the file: where (JSON path) and what. */
struct Fault
{
    QString path;
    QString message;
};

QString joinPath(const QString &path, const QString &key)
{
    return path.isEmpty() ? key : path + QLatin1Char('.') + key;
}

/** A number field of a state or retrier: absent, or a number in [min, max] (an integer where
 *  `integer`); States Language's own ranges. */
std::optional<Fault> checkNumber(const QJsonObject &object, const char *key, const QString &path, double min, double max,
                                 bool integer)
{
    const QJsonValue value = object.value(QLatin1String(key));
    if (value.isUndefined())
        return std::nullopt;
    const QString where = joinPath(path, QLatin1String(key));
    if (!value.isDouble())
        return Fault{where, tr("must be a number, found %1").arg(QString::fromUtf8(QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact)).mid(1).chopped(1))};
    const double v = value.toDouble();
    if (integer && v != std::floor(v))
        return Fault{where, tr("must be a whole number, found %1").arg(v)};
    if (v < min || v > max)
        return Fault{where, tr("%1 is out of range (%2 to %3)").arg(v).arg(min).arg(max)};
    return std::nullopt;
}

/** The fields of a Task state and its retriers that the import reads. */
std::optional<Fault> checkTask(const QJsonObject &state, const QString &statePath)
{
    if (auto f = checkNumber(state, "TimeoutSeconds", statePath, 1, 99999999, true))
        return f;
    if (auto f = checkNumber(state, "HeartbeatSeconds", statePath, 1, 99999999, true))
        return f;
    const QJsonValue retry = state.value(QLatin1String("Retry"));
    if (retry.isUndefined())
        return std::nullopt;
    if (!retry.isArray())
        return Fault{joinPath(statePath, QStringLiteral("Retry")), tr("must be an array of retriers")};
    const QJsonArray retriers = retry.toArray();
    for (int i = 0; i < retriers.size(); ++i) {
        const QString path = joinPath(statePath, QStringLiteral("Retry[%1]").arg(i));
        if (!retriers.at(i).isObject())
            return Fault{path, tr("a retrier must be an object")};
        const QJsonObject r = retriers.at(i).toObject();
        if (!r.value(QLatin1String("ErrorEquals")).isArray())
            return Fault{joinPath(path, QStringLiteral("ErrorEquals")), tr("missing or not an array of error names")};
        if (auto f = checkNumber(r, "MaxAttempts", path, 0, 99999999, true))
            return f;
        if (auto f = checkNumber(r, "IntervalSeconds", path, 1, 99999999, true))
            return f;
        if (auto f = checkNumber(r, "BackoffRate", path, 1, 1e9, false))
            return f;
        if (auto f = checkNumber(r, "MaxDelaySeconds", path, 1, 31622400, true))
            return f;
    }
    return std::nullopt;
}

/** Checks one `States` scope: every state has a Type, every Next/Default names a state. */
std::optional<Fault> checkScope(const QJsonObject &scope, const QString &path)
{
    const QJsonValue statesValue = scope.value(QLatin1String("States"));
    if (!statesValue.isObject())
        return Fault{joinPath(path, QStringLiteral("States")), tr("missing or not an object")};
    const QJsonValue startValue = scope.value(QLatin1String("StartAt"));
    if (!startValue.isString())
        return Fault{joinPath(path, QStringLiteral("StartAt")), tr("missing or not a string")};
    const QJsonObject states = statesValue.toObject();
    if (!states.contains(startValue.toString()))
        return Fault{joinPath(path, QStringLiteral("StartAt")), tr("names no state: '%1'").arg(startValue.toString())};
    const auto refersTo = [&](const QJsonValue &value, const QString &where) -> std::optional<Fault> {
        if (value.isUndefined())
            return std::nullopt;
        if (!value.isString())
            return Fault{where, tr("not a string")};
        if (!states.contains(value.toString()))
            return Fault{where, tr("names no state: '%1'").arg(value.toString())};
        return std::nullopt;
    };
    for (auto it = states.begin(); it != states.end(); ++it) {
        const QString statePath = joinPath(path, QStringLiteral("States.") + it.key());
        if (!it.value().isObject())
            return Fault{statePath, tr("a state must be an object")};
        const QJsonObject state = it.value().toObject();
        if (!state.value(QLatin1String("Type")).isString())
            return Fault{joinPath(statePath, QStringLiteral("Type")), tr("missing or not a string")};
        if (auto f = refersTo(state.value(QLatin1String("Next")), joinPath(statePath, QStringLiteral("Next"))))
            return f;
        if (state.value(QLatin1String("Type")).toString() == QLatin1String("Task")) {
            if (auto f = checkTask(state, statePath))
                return f;
        }
        if (auto f = refersTo(state.value(QLatin1String("Default")), joinPath(statePath, QStringLiteral("Default"))))
            return f;
        const QJsonArray catchers = state.value(QLatin1String("Catch")).toArray();
        for (int i = 0; i < catchers.size(); ++i) {
            if (auto f = refersTo(catchers.at(i).toObject().value(QLatin1String("Next")),
                                  joinPath(statePath, QStringLiteral("Catch[%1].Next").arg(i))))
                return f;
        }
        const QJsonArray choices = state.value(QLatin1String("Choices")).toArray();
        for (int i = 0; i < choices.size(); ++i) {
            if (auto f = refersTo(choices.at(i).toObject().value(QLatin1String("Next")),
                                  joinPath(statePath, QStringLiteral("Choices[%1].Next").arg(i))))
                return f;
        }
        const QJsonArray branches = state.value(QLatin1String("Branches")).toArray();
        if (state.value(QLatin1String("Type")).toString() == QLatin1String("Parallel") && branches.isEmpty())
            return Fault{joinPath(statePath, QStringLiteral("Branches")), tr("a Parallel state needs branches")};
        for (int i = 0; i < branches.size(); ++i) {
            if (!branches.at(i).isObject())
                return Fault{joinPath(statePath, QStringLiteral("Branches[%1]").arg(i)), tr("not an object")};
            if (auto f = checkScope(branches.at(i).toObject(), joinPath(statePath, QStringLiteral("Branches[%1]").arg(i))))
                return f;
        }
    }
    return std::nullopt;
}

/** The retry policy of a Task's retriers (the first one for technical failures); a Task
 *  without one is not retried by Step Functions: one attempt. */
std::optional<RetryPolicy> retryFrom(const QJsonArray &retriers)
{
    for (const QJsonValue &v : retriers) {
        const QJsonObject r = v.toObject();
        const QStringList errors = r.value(QLatin1String("ErrorEquals")).toVariant().toStringList();
        if (errors == QStringList{QLatin1String(AslBridge::BusinessFailureError)})
            continue;
        RetryPolicy policy;
        const int retries = r.value(QLatin1String("MaxAttempts")).toInt(3);
        policy.maxAttempts = retries >= AslBridge::UnboundedAttempts ? 0 : retries + 1;
        policy.initialBackoffMs = int(r.value(QLatin1String("IntervalSeconds")).toDouble(1) * 1000);
        policy.multiplier = r.value(QLatin1String("BackoffRate")).toDouble(2.0);
        if (r.contains(QLatin1String("MaxDelaySeconds")))
            policy.maxBackoffMs = int(r.value(QLatin1String("MaxDelaySeconds")).toDouble() * 1000);
        policy.maxBackoffMs = std::max(policy.maxBackoffMs, policy.initialBackoffMs);
        policy.jitter = r.value(QLatin1String("JitterStrategy")).toString() == QLatin1String("FULL") ? 1.0 : 0.0;
        return policy;
    }
    RetryPolicy once;
    once.maxAttempts = 1;
    return once;
}

class Importer
{
public:
    Importer(const QString &fileName, QStringList *warnings) : m_fileName(fileName), m_warnings(warnings) {}

    std::optional<SagaDefinition> run(const QJsonObject &root, QString *error)
    {
        m_root = root.value(QLatin1String("States")).toObject();
        QString plain;
        const std::optional<QJsonObject> header =
            BridgeAnnotations::fromText(root.value(QLatin1String("Comment")).toString(), &plain);
        walk(m_root, root.value(QLatin1String("StartAt")).toString(), {}, QStringLiteral("States"), true);
        assignCompensations();
        QList<ImportedStep> steps;
        for (const QString &name : std::as_const(m_stepOrder))
            steps.append(m_steps.value(name));
        if (steps.isEmpty())
            m_warnings->append(tr("%1: no Task state on the path from StartAt; the saga has no steps").arg(m_fileName));
        // ASL has no name: a foreign machine is named after its file, its Comment describes it.
        QJsonObject foreignHeader;
        if (!plain.isEmpty())
            foreignHeader.insert(QStringLiteral("description"), plain);
        return ImportAssembler::assemble(QFileInfo(m_fileName).baseName(), header.value_or(foreignHeader), steps,
                                         m_fileName, m_warnings, error);
    }

private:
    struct Unit
    {
        QString catchEntry;  // where its Catch leads
        QStringList steps;   // state names of the steps it runs, in order
    };

    QString catchEntry(const QJsonObject &state) const
    {
        const QJsonArray catchers = state.value(QLatin1String("Catch")).toArray();
        for (const QJsonValue &v : catchers) {
            if (v.toObject().value(QLatin1String("ErrorEquals")).toVariant().toStringList().contains(QLatin1String("States.Timeout")))
                return v.toObject().value(QLatin1String("Next")).toString();
        }
        return catchers.isEmpty() ? QString() : catchers.first().toObject().value(QLatin1String("Next")).toString();
    }

    /** Follows Next from `start` in `states`; returns the exits (last steps). */
    QStringList walk(const QJsonObject &states, const QString &start, QStringList predecessors, const QString &path,
                     bool topLevel)
    {
        QSet<QString> seen;
        QString current = start;
        while (!current.isEmpty()) {
            if (seen.contains(current)) {
                m_warnings->append(tr("%1: %2.%3: a loop back to this state is ignored").arg(m_fileName, path, current));
                break;
            }
            seen.insert(current);
            const QJsonObject state = states.value(current).toObject();
            const QString type = state.value(QLatin1String("Type")).toString();
            const QString place = path + QLatin1Char('.') + current;
            QString next = state.value(QLatin1String("Next")).toString();
            if (type == QLatin1String("Task")) {
                ImportedStep step;
                step.id = ImportAssembler::makeId(current, &m_usedIds);
                if (step.id != current)
                    m_warnings->append(tr("%1: %2: state name is not a valid step id; the step is '%3'")
                                           .arg(m_fileName, place, step.id));
                QString label;
                if (auto annotation = BridgeAnnotations::fromText(state.value(QLatin1String("Comment")).toString(), &label))
                    step.annotation = *annotation;
                step.label = label.isEmpty() ? current : label;
                const QJsonObject parameters = state.value(QLatin1String("Parameters")).toObject();
                step.actionName = parameters.value(QLatin1String("FunctionName")).toString();
                if (step.actionName.isEmpty())
                    step.actionName = state.value(QLatin1String("Resource")).toString();
                step.actionName = step.actionName.section(QLatin1Char(':'), -1); // an ARN: its last part
                step.service = parameters.value(QLatin1String("Payload")).toObject().value(QLatin1String("service")).toString();
                step.after = predecessors;
                step.retry = retryFrom(state.value(QLatin1String("Retry")).toArray());
                if (state.contains(QLatin1String("TimeoutSeconds"))) {
                    step.timeoutMs = state.value(QLatin1String("TimeoutSeconds")).toInt() * 1000;
                    step.timeoutGranularityMs = 1000;
                }
                step.place = place;
                m_steps.insert(step.id, step);
                m_stepOrder.append(step.id);
                m_stateToStep.insert(current, step.id);
                if (topLevel)
                    m_units.append(Unit{catchEntry(state), {step.id}});
                predecessors = {step.id};
            } else if (type == QLatin1String("Parallel")) {
                const qsizetype firstStep = m_stepOrder.size();
                QStringList exits;
                const QJsonArray branches = state.value(QLatin1String("Branches")).toArray();
                for (int i = 0; i < branches.size(); ++i) {
                    const QJsonObject branch = branches.at(i).toObject();
                    exits += walk(branch.value(QLatin1String("States")).toObject(),
                                  branch.value(QLatin1String("StartAt")).toString(), predecessors,
                                  place + QStringLiteral(".Branches[%1].States").arg(i), false);
                }
                if (topLevel)
                    m_units.append(Unit{catchEntry(state), m_stepOrder.mid(firstStep)});
                if (!exits.isEmpty())
                    predecessors = exits;
            } else if (type == QLatin1String("Choice") && current.startsWith(CheckPrefix + ParallelPrefix)) {
                next = state.value(QLatin1String("Default")).toString(); // Sagascope's own: a branch failed?
            } else if (type == QLatin1String("Pass") && current.startsWith(ParallelPrefix) && current.endsWith(QLatin1String("-done"))) {
                // Sagascope's own: the end of a branch after a Parallel's check
            } else if (type == QLatin1String("Choice")) {
                const QString fallback = state.value(QLatin1String("Default")).toString();
                const QJsonArray choices = state.value(QLatin1String("Choices")).toArray();
                next = !fallback.isEmpty() ? fallback
                                           : choices.isEmpty() ? QString()
                                                               : choices.first().toObject().value(QLatin1String("Next")).toString();
                m_warnings->append(tr("%1: %2: Choice state: its conditions are ignored; the import follows '%3'")
                                       .arg(m_fileName, place, next));
            } else if (type == QLatin1String("Succeed") || type == QLatin1String("Fail")) {
                break;
            } else {
                m_warnings->append(tr("%1: %2: %3 state ignored").arg(m_fileName, place, type));
            }
            if (state.value(QLatin1String("End")).toBool())
                break;
            current = next;
        }
        return predecessors;
    }

    QStringList chain(const QString &entry) const
    {
        QStringList names;
        QString current = entry;
        while (!current.isEmpty() && !names.contains(current)) {
            const QJsonObject state = m_root.value(current).toObject();
            if (state.value(QLatin1String("Type")).toString() != QLatin1String("Task"))
                break;
            names.append(current);
            current = state.value(QLatin1String("Next")).toString();
        }
        return names;
    }

    void setCompensation(const QString &stepId, const QString &stateName)
    {
        ImportedStep &step = m_steps[stepId];
        if (step.compensationName)
            return;
        const QJsonObject state = m_root.value(stateName).toObject();
        QString name = state.value(QLatin1String("Parameters")).toObject().value(QLatin1String("FunctionName")).toString();
        if (name.isEmpty())
            name = state.value(QLatin1String("Resource")).toString();
        name = name.section(QLatin1Char(':'), -1);
        if (name.isEmpty())
            name = stateName;
        step.compensationName = name;
        step.compensationRetry = retryFrom(state.value(QLatin1String("Retry")).toArray());
        m_compensationStates.insert(stateName);
    }

    void assignCompensations()
    {
        // Sagascope's own naming first: "compensate-<step>".
        for (auto it = m_root.begin(); it != m_root.end(); ++it) {
            if (it.key().startsWith(CompensatePrefix)) {
                const QString stepName = it.key().mid(CompensatePrefix.size());
                if (m_stateToStep.contains(stepName))
                    setCompensation(m_stateToStep.value(stepName), it.key());
            }
        }
        // Then by position: the compensation tasks a step's Catch reaches first, that no earlier
        // step's Catch reached, undo that step (the AWS saga sample's shape).
        QSet<QString> reached = m_compensationStates;
        for (const Unit &unit : std::as_const(m_units)) {
            if (unit.catchEntry.isEmpty())
                continue;
            QStringList fresh;
            for (const QString &name : chain(unit.catchEntry)) {
                if (reached.contains(name))
                    break;
                fresh.append(name);
            }
            for (const QString &name : chain(unit.catchEntry))
                reached.insert(name);
            QStringList candidates;
            for (auto it = unit.steps.crbegin(); it != unit.steps.crend(); ++it) {
                if (!m_steps.value(*it).compensationName)
                    candidates.append(*it);
            }
            for (int i = 0; i < std::min(fresh.size(), candidates.size()); ++i)
                setCompensation(candidates.at(i), fresh.at(i));
        }
        // A step with no compensation whose failure is caught (rolls back) is the pivot; one
        // whose failure is not caught only goes forward: retriable.
        for (const Unit &unit : std::as_const(m_units)) {
            for (const QString &id : unit.steps) {
                ImportedStep &step = m_steps[id];
                if (!step.compensationName)
                    step.kind = unit.catchEntry.isEmpty() ? StepKind::Retriable : StepKind::Pivot;
            }
        }
    }

    QString m_fileName;
    QStringList *m_warnings;
    QJsonObject m_root;
    QSet<QString> m_usedIds;
    QHash<QString, ImportedStep> m_steps;
    QStringList m_stepOrder;
    QHash<QString, QString> m_stateToStep;
    QList<Unit> m_units;
    QSet<QString> m_compensationStates;
};

} // namespace

QByteArray AslBridge::exportDefinition(const SagaDefinition &definition, QStringList *warnings)
{
    return Exporter(definition, warnings).run();
}

std::optional<SagaDefinition> AslBridge::importDefinition(const QByteArray &bytes, const QString &fileName,
                                                          QStringList *warnings, QString *error)
{
    if (bytes.trimmed().isEmpty()) {
        *error = tr("%1: the file is empty; an ASL state machine is a JSON object with StartAt and States").arg(fileName);
        return std::nullopt;
    }
    const JsonReader::Result parsed = JsonReader::parse(bytes);
    if (!parsed.ok) {
        *error = tr("%1:%2:%3: not ASL JSON: %4").arg(fileName).arg(parsed.line).arg(parsed.column).arg(parsed.message);
        return std::nullopt;
    }
    if (!parsed.value.isObject()) {
        *error = tr("%1: not an ASL state machine: the document is not a JSON object").arg(fileName);
        return std::nullopt;
    }
    const QJsonObject root = parsed.value.toObject();
    if (const std::optional<Fault> fault = checkScope(root, QString())) {
        const auto [line, column] = JsonReader::locate(bytes, fault->path);
        *error = line > 0 ? tr("%1:%2:%3: %4: %5").arg(fileName).arg(line).arg(column).arg(fault->path, fault->message)
                          : tr("%1: %2: %3").arg(fileName, fault->path, fault->message);
        return std::nullopt;
    }
    return Importer(fileName, warnings).run(root, error);
}

} // namespace Sagascope
