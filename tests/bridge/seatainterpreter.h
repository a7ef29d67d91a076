// SPDX-License-Identifier: MIT
// A model of Seata's saga state machine engine (io.seata.saga.engine), enough to execute what
// `export --to seata` writes: ServiceTask (Status, Retry, Catch, Output, CompensateState,
// IsForUpdate), Choice, CompensationTrigger, Succeed, Fail. Seata has no JavaScript runtime to
// borrow, so its rules are written here from its source (docs/BRIDGE.md, "Seata: the rules the
// tests model", cites each one).
#pragma once

#include "bridgeexec.h"
#include "jsonreader.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QRegularExpression>

namespace Sagascope::BridgeExec {

class SeataInterpreter
{
public:
    /** Runs `exported` (Seata JSON) with the scenario's failure; the participants answer as in
     *  the Node harness: `true` (done), `false` (business failure), or an exception (technical:
     *  java.lang.RuntimeException; timeout: java.util.concurrent.TimeoutException). */
    static TargetRun run(const QByteArray &exported, const SagaDefinition &d, const Scenario &scenario)
    {
        SeataInterpreter i(exported, d, scenario);
        return i.execute();
    }

private:
    enum class Status { SU, FA, UN };
    struct StateInstance
    {
        QString state;
        QString step;
        Status status = Status::SU;
        bool ignored = false; // retried: Seata compensates only the last attempt
        bool forUpdate = false;
    };

    /** DefaultStatusDecisionStrategy.decideMachineForwardExecutionStatus (setMachineStatusBasedOn
     *  StateList, then the special policy of a Fail end state or an uncaught exception), and how
     *  DbAndReportTcStateLogStore reports the result: SU without compensation is Committed
     *  ("completed"), FA is Finished (nothing retries it: "stuck", a person decides), UN is
     *  CommitRetrying (Seata's server retries the machine forward on its own: "commit-retrying",
     *  which SPEC 3 never does for a stuck saga). */
    QString forwardOutcome(const QList<StateInstance> &executed, bool specialPolicy) const
    {
        bool anyUnknown = false, anyFailed = false, successfulUpdate = false, anyUpdate = false;
        for (const StateInstance &instance : executed) {
            if (instance.ignored)
                continue;
            anyUpdate |= instance.forUpdate;
            if (instance.status == Status::UN)
                anyUnknown = true;
            else if (instance.status == Status::SU)
                successfulUpdate |= instance.forUpdate;
            else
                anyFailed = true;
        }
        Status machine = Status::SU;
        if (anyUnknown)
            machine = Status::UN;
        else if (anyFailed)
            machine = successfulUpdate ? Status::UN : Status::FA;
        else if (specialPolicy)
            machine = anyUpdate ? Status::UN : Status::FA;
        return machine == Status::SU ? QStringLiteral("completed")
               : machine == Status::FA ? QStringLiteral("stuck")
                                       : QStringLiteral("commit-retrying");
    }

    SeataInterpreter(const QByteArray &exported, const SagaDefinition &d, const Scenario &scenario)
        : m_definition(d), m_scenario(scenario)
    {
        m_machine = JsonReader::parse(exported).value.toObject();
        m_states = m_machine.value(QLatin1String("States")).toObject();
    }

    QString stepOf(const QString &stateName, const QJsonObject &state) const
    {
        const QString annotated = state.value(QLatin1String("Sagascope")).toObject().value(QLatin1String("id")).toString();
        if (!annotated.isEmpty())
            return annotated;
        if (stateName.startsWith(QLatin1String("compensate-")))
            return stateName.mid(11);
        return stateName;
    }

    /** One call of a participant: "ok", "business", "technical" or "timeout". */
    QString call(const QString &op, const QString &step)
    {
        const QString key = op + QLatin1Char('/') + step;
        const int attempt = ++m_attempts[key];
        QString result = QStringLiteral("ok");
        if (op == QLatin1String("action") && step == m_scenario.step
            && (m_scenario.kind == QLatin1String("business") || attempt <= m_scenario.attempts))
            result = m_scenario.kind;
        if (op == QLatin1String("compensation") && step == m_scenario.compensationStep && attempt <= m_scenario.compensationAttempts)
            result = QStringLiteral("technical");
        Call c;
        c.op = op;
        c.step = step;
        c.attempt = attempt;
        c.start = m_clock++;
        c.end = m_clock++; // Seata's engine runs one state at a time: each call returns before the next
        c.t0 = c.start;
        c.t1 = c.end;
        c.result = result;
        m_run.calls.append(c);
        return result;
    }

    static bool exceptionMatches(const QString &pattern, const QString &thrown)
    {
        // The class hierarchy of the two exceptions a participant throws here.
        static const QHash<QString, QStringList> supers{
            {QStringLiteral("java.lang.RuntimeException"),
             {QStringLiteral("java.lang.RuntimeException"), QStringLiteral("java.lang.Exception"), QStringLiteral("java.lang.Throwable")}},
            {QStringLiteral("java.util.concurrent.TimeoutException"),
             {QStringLiteral("java.util.concurrent.TimeoutException"), QStringLiteral("java.lang.Exception"),
              QStringLiteral("java.lang.Throwable")}}};
        return supers.value(thrown).contains(pattern);
    }

    /** ServiceTaskStateHandler.decideExecutionStatus: the Status entries are evaluated in the
     *  order written and the first that holds decides (`#root` ones against the return value,
     *  `$Exception{...}` ones against the exception). None holds: a return is SU; an exception
     *  is UN in a state marked IsForUpdate or IsForCompensation, FA in any other. */
    static Status decide(const QJsonObject &state, const QString &result, const QString &thrown)
    {
        const QJsonObject map = state.value(QLatin1String("Status")).toObject();
        static const QRegularExpression exceptionKey(QStringLiteral("^\\$Exception\\{(.*)\\}$"));
        for (auto it = map.begin(); it != map.end(); ++it) {
            const QString key = it.key();
            const QRegularExpressionMatch m = exceptionKey.match(key);
            bool match = false;
            if (!thrown.isEmpty())
                match = m.hasMatch() && exceptionMatches(m.captured(1).trimmed(), thrown);
            else if (key == QLatin1String("#root == true"))
                match = result == QLatin1String("ok");
            else if (key == QLatin1String("#root == false"))
                match = result == QLatin1String("business");
            if (match) {
                const QString s = it.value().toString();
                return s == QLatin1String("SU") ? Status::SU : s == QLatin1String("FA") ? Status::FA : Status::UN;
            }
        }
        if (thrown.isEmpty())
            return Status::SU;
        return state.value(QLatin1String("IsForUpdate")).toBool() || state.value(QLatin1String("IsForCompensation")).toBool()
                   ? Status::UN
                   : Status::FA;
    }

    /** One ServiceTask with its Retry (IntervalSeconds apart, MaxAttempts retries after the first
     *  try; backoff is of no consequence here). Returns the exception class that outlasted the
     *  retries, or an empty string. */
    QString serviceTask(const QString &name, const QJsonObject &state, const QString &op, const QString &step,
                        QList<StateInstance> *instances)
    {
        QHash<int, int> retried;
        for (;;) {
            const QString result = call(op, step);
            const QString thrown = result == QLatin1String("technical")  ? QStringLiteral("java.lang.RuntimeException")
                                   : result == QLatin1String("timeout") ? QStringLiteral("java.util.concurrent.TimeoutException")
                                                                        : QString();
            StateInstance instance{name, step, decide(state, result, thrown), false,
                                   state.value(QLatin1String("IsForUpdate")).toBool()};
            if (thrown.isEmpty()) {
                m_variables.insert(step + QStringLiteral("Result"), result == QLatin1String("ok"));
                if (instances)
                    instances->append(instance);
                return {};
            }
            // Retry: the first retrier whose Exceptions match; a retried instance is ignored.
            const QJsonArray retry = state.value(QLatin1String("Retry")).toArray();
            bool again = false;
            for (int r = 0; r < retry.size() && !again; ++r) {
                const QJsonObject retrier = retry.at(r).toObject();
                bool matches = false;
                for (const QJsonValue &e : retrier.value(QLatin1String("Exceptions")).toArray())
                    matches |= exceptionMatches(e.toString(), thrown);
                if (!matches)
                    continue;
                if (retried[r] < retrier.value(QLatin1String("MaxAttempts")).toInt(3)) {
                    ++retried[r];
                    again = true;
                }
                break;
            }
            instance.ignored = again;
            if (instances)
                instances->append(instance);
            if (!again)
                return thrown;
        }
    }

    TargetRun execute()
    {
        QList<StateInstance> executed;
        QString current = m_machine.value(QLatin1String("StartState")).toString();
        for (int guard = 0; guard < 10000; ++guard) {
            const QJsonObject state = m_states.value(current).toObject();
            const QString type = state.value(QLatin1String("Type")).toString();
            if (type == QLatin1String("ServiceTask")) {
                const QString step = stepOf(current, state);
                const QString thrown = serviceTask(current, state, QStringLiteral("action"), step, &executed);
                if (!thrown.isEmpty()) {
                    QString next;
                    for (const QJsonValue &c : state.value(QLatin1String("Catch")).toArray()) {
                        for (const QJsonValue &e : c.toObject().value(QLatin1String("Exceptions")).toArray()) {
                            if (next.isEmpty() && exceptionMatches(e.toString(), thrown))
                                next = c.toObject().value(QLatin1String("Next")).toString();
                        }
                    }
                    if (next.isEmpty())
                        return end(forwardOutcome(executed, true),
                                   QStringLiteral("%1 threw %2, caught nowhere: the machine ends").arg(current, thrown));
                    current = next;
                    continue;
                }
                current = state.value(QLatin1String("Next")).toString();
            } else if (type == QLatin1String("Choice")) {
                QString next = state.value(QLatin1String("Default")).toString();
                static const QRegularExpression expression(QStringLiteral("^\\[([A-Za-z0-9_]+)\\] == (true|false)$"));
                for (const QJsonValue &c : state.value(QLatin1String("Choices")).toArray()) {
                    const QRegularExpressionMatch m = expression.match(c.toObject().value(QLatin1String("Expression")).toString().trimmed());
                    if (!m.hasMatch())
                        return end(QStringLiteral("error"), QStringLiteral("%1: an expression the model does not know").arg(current));
                    const QVariant value = m_variables.value(m.captured(1));
                    if (value.isValid() && value.toBool() == (m.captured(2) == QLatin1String("true"))) {
                        next = c.toObject().value(QLatin1String("Next")).toString();
                        break;
                    }
                }
                current = next;
            } else if (type == QLatin1String("CompensationTrigger")) {
                // CompensationHolder.findStateInstListToBeCompensated: ServiceTask instances not
                // for compensation, not retried (ignored), whose status is not FA; one marked
                // IsForUpdate without CompensateState fails the machine before anything is undone.
                QList<StateInstance> toUndo;
                for (const StateInstance &instance : std::as_const(executed)) {
                    if (instance.ignored || instance.status == Status::FA)
                        continue;
                    const QJsonObject s = m_states.value(instance.state).toObject();
                    const QString compensate = s.value(QLatin1String("CompensateState")).toString();
                    if (s.value(QLatin1String("IsForUpdate")).toBool() && compensate.isEmpty())
                        return end(QStringLiteral("stuck"),
                                   QStringLiteral("CompensationStateNotFound: %1 is for update and has no CompensateState").arg(instance.state));
                    if (!compensate.isEmpty())
                        toUndo.append(instance);
                }
                // Compensated in the reverse order of execution, one at a time.
                for (auto it = toUndo.crbegin(); it != toUndo.crend(); ++it) {
                    const QString compensate = m_states.value(it->state).toObject().value(QLatin1String("CompensateState")).toString();
                    const QString thrown = serviceTask(compensate, m_states.value(compensate).toObject(), QStringLiteral("compensation"),
                                                       it->step, nullptr);
                    if (!thrown.isEmpty())
                        return end(QStringLiteral("stuck"), QStringLiteral("compensation %1 failed").arg(compensate));
                }
                m_compensated = true;
                current = state.value(QLatin1String("Next")).toString();
            } else if (type == QLatin1String("Succeed")) {
                return end(forwardOutcome(executed, false), QStringLiteral("reached Succeed"));
            } else if (type == QLatin1String("Fail")) {
                // After a CompensationTrigger whose compensations all succeeded: Rollbacked.
                if (m_compensated)
                    return end(QStringLiteral("compensated"), QStringLiteral("Fail %1").arg(current));
                return end(forwardOutcome(executed, true),
                           QStringLiteral("Fail %1 %2").arg(current, state.value(QLatin1String("ErrorCode")).toString()));
            } else {
                return end(QStringLiteral("error"), QStringLiteral("%1: state type %2 is not modelled").arg(current, type));
            }
        }
        return end(QStringLiteral("error"), QStringLiteral("the machine loops"));
    }

    TargetRun end(const QString &outcome, const QString &detail)
    {
        m_run.outcome = outcome;
        m_run.detail = detail;
        return m_run;
    }

    const SagaDefinition &m_definition;
    Scenario m_scenario;
    QJsonObject m_machine;
    QJsonObject m_states;
    QHash<QString, int> m_attempts;
    QHash<QString, QVariant> m_variables;
    int m_clock = 0;
    bool m_compensated = false;
    TargetRun m_run;
};

} // namespace Sagascope::BridgeExec
