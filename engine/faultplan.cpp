// SPDX-License-Identifier: MIT
#include "faultplan.h"

#include <QCoreApplication>
#include <QJsonObject>

#include <algorithm>
#include <tuple>

namespace Sagascope {

bool FaultPlan::parse(const QString &argument, bool compensation, StepId *step, Fault *fault, QString *error)
{
    const auto tr = [](const char *text) { return QCoreApplication::translate("FaultPlan", text); };
    const qsizetype eq = argument.indexOf(QLatin1Char('='));
    if (eq <= 0) {
        *error = tr("'%1': expected STEP=KIND, e.g. reserve_credit=business").arg(argument);
        return false;
    }
    *step = argument.left(eq);
    const QString spec = argument.mid(eq + 1);
    const QString kindName = spec.section(QLatin1Char(':'), 0, 0);
    const QString countText = spec.section(QLatin1Char(':'), 1);
    if (!isValidStepId(*step)) {
        *error = tr("'%1': '%2' is not a step id").arg(argument, *step);
        return false;
    }
    if (kindName == QLatin1String("business") && !compensation) {
        if (!countText.isEmpty()) {
            *error = tr("'%1': a business failure is never retried, so it takes no count").arg(argument);
            return false;
        }
        *fault = Fault{FailureKind::Business, 1};
        return true;
    }
    const bool technical = kindName == QLatin1String("technical");
    const bool timeout = kindName == QLatin1String("timeout") && !compensation;
    if (!technical && !timeout) {
        *error = compensation ? tr("'%1': expected STEP=technical:N").arg(argument)
                              : tr("'%1': expected STEP=business, STEP=technical:N or STEP=timeout:N").arg(argument);
        return false;
    }
    bool ok = false;
    const int count = countText.toInt(&ok);
    if (!ok || count < 1) {
        *error = tr("'%1': N must be a whole number of attempts, at least 1").arg(argument);
        return false;
    }
    *fault = Fault{technical ? FailureKind::Technical : FailureKind::Timeout, count};
    return true;
}

bool FaultPlan::addAction(const QString &argument, QString *error)
{
    StepId step;
    Fault fault;
    if (!parse(argument, false, &step, &fault, error))
        return false;
    m_actions.insert(step, fault);
    return true;
}

bool FaultPlan::addCompensation(const QString &argument, QString *error)
{
    StepId step;
    Fault fault;
    if (!parse(argument, true, &step, &fault, error))
        return false;
    m_compensations.insert(step, fault);
    return true;
}

FailureKind FaultPlan::failureOf(const Fault &fault, int attempt)
{
    if (fault.kind == FailureKind::Business || fault.attempts <= 0 || attempt <= fault.attempts)
        return fault.kind;
    return FailureKind::None;
}

const FaultPlan::Fault *FaultPlan::find(const QString &instance, const StepId &step, OperationKind operation) const
{
    const bool action = operation == OperationKind::Action;
    const auto &byInstance = action ? m_instanceActions : m_instanceCompensations;
    if (!instance.isEmpty() && !byInstance.isEmpty()) {
        const auto mine = byInstance.constFind(instance);
        if (mine != byInstance.constEnd()) {
            const auto it = mine->constFind(step);
            if (it != mine->constEnd())
                return &*it;
        }
    }
    const auto &all = action ? m_actions : m_compensations;
    const auto it = all.constFind(step);
    return it == all.constEnd() ? nullptr : &*it;
}

FailureKind FaultPlan::failure(const QString &instance, const StepId &step, OperationKind operation, int attempt) const
{
    const Fault *fault = find(instance, step, operation);
    return fault ? failureOf(*fault, attempt) : FailureKind::None;
}

FailureKind FaultPlan::actionFailure(const StepId &step, int attempt) const
{
    return failure({}, step, OperationKind::Action, attempt);
}

FailureKind FaultPlan::compensationFailure(const StepId &step, int attempt) const
{
    return failure({}, step, OperationKind::Compensation, attempt);
}

bool FaultPlan::injectsTimeout(const StepId &step) const
{
    return injectsTimeout({}, step, OperationKind::Action);
}

bool FaultPlan::injectsTimeout(const QString &instance, const StepId &step, OperationKind operation) const
{
    const Fault *fault = find(instance, step, operation);
    return fault && fault->kind == FailureKind::Timeout;
}

bool FaultPlan::isValid(OperationKind operation, FailureKind kind, QString *error)
{
    if (operation == OperationKind::Compensation && kind == FailureKind::Business) {
        if (error)
            *error = QCoreApplication::translate("FaultPlan", "a compensation cannot fail for a business reason; it is "
                                                              "retried until it succeeds");
        return false;
    }
    return true;
}

void FaultPlan::setFault(const QString &instance, const StepId &step, OperationKind operation, const Fault &fault)
{
    const bool action = operation == OperationKind::Action;
    if (instance.isEmpty()) {
        auto &all = action ? m_actions : m_compensations;
        if (fault.kind == FailureKind::None)
            all.remove(step);
        else
            all.insert(step, fault);
        return;
    }
    auto &byInstance = action ? m_instanceActions : m_instanceCompensations;
    if (fault.kind == FailureKind::None) {
        const auto mine = byInstance.find(instance);
        if (mine != byInstance.end()) {
            mine->remove(step);
            if (mine->isEmpty())
                byInstance.erase(mine);
        }
        return;
    }
    byInstance[instance].insert(step, fault);
}

void FaultPlan::clearStep(const StepId &step)
{
    m_actions.remove(step);
    m_compensations.remove(step);
    for (auto *byInstance : {&m_instanceActions, &m_instanceCompensations}) {
        for (auto it = byInstance->begin(); it != byInstance->end();) {
            it->remove(step);
            it = it->isEmpty() ? byInstance->erase(it) : std::next(it);
        }
    }
}

void FaultPlan::clearInstanceFaults()
{
    m_instanceActions.clear();
    m_instanceCompensations.clear();
}

QList<FaultPlan::Entry> FaultPlan::entries() const
{
    QList<Entry> result;
    const auto add = [&result](const QString &instance, const QHash<StepId, Fault> &faults, OperationKind operation) {
        for (auto it = faults.constBegin(); it != faults.constEnd(); ++it)
            result.append(Entry{instance, it.key(), operation, it.value()});
    };
    add({}, m_actions, OperationKind::Action);
    add({}, m_compensations, OperationKind::Compensation);
    for (auto it = m_instanceActions.constBegin(); it != m_instanceActions.constEnd(); ++it)
        add(it.key(), it.value(), OperationKind::Action);
    for (auto it = m_instanceCompensations.constBegin(); it != m_instanceCompensations.constEnd(); ++it)
        add(it.key(), it.value(), OperationKind::Compensation);
    std::sort(result.begin(), result.end(), [](const Entry &a, const Entry &b) {
        return std::tie(a.step, a.operation, a.instance) < std::tie(b.step, b.operation, b.instance);
    });
    return result;
}

QStringList FaultPlan::stepIds() const
{
    QStringList ids = m_actions.keys() + m_compensations.keys();
    for (const auto *byInstance : {&m_instanceActions, &m_instanceCompensations}) {
        for (const QHash<StepId, Fault> &faults : *byInstance)
            ids += faults.keys();
    }
    ids.sort();
    ids.removeDuplicates();
    return ids;
}

QJsonArray FaultPlan::toJson() const
{
    QJsonArray array;
    // Actions before compensations, as version 1 wrote them; an instance's own faults last.
    QList<Entry> all = entries();
    std::stable_sort(all.begin(), all.end(), [](const Entry &a, const Entry &b) {
        return std::tie(a.operation, a.instance, a.step) < std::tie(b.operation, b.instance, b.step);
    });
    for (const Entry &e : all) {
        QJsonObject o{{QStringLiteral("target"), operationKindName(e.operation)},
                      {QStringLiteral("step"), e.step},
                      {QStringLiteral("failure"), failureKindName(e.fault.kind)},
                      {QStringLiteral("attempts"), e.fault.attempts}};
        if (!e.instance.isEmpty())
            o.insert(QStringLiteral("instance"), e.instance);
        array.append(o);
    }
    return array;
}

FaultPlan FaultPlan::fromJson(const QJsonArray &array)
{
    FaultPlan plan;
    for (const QJsonValue &value : array) {
        const QJsonObject o = value.toObject();
        const auto kind = failureKindFromName(o.value(QLatin1String("failure")).toString());
        if (!kind || *kind == FailureKind::None)
            continue;
        const Fault f{*kind, o.value(QLatin1String("attempts")).toInt()};
        const StepId step = o.value(QLatin1String("step")).toString();
        const OperationKind operation = o.value(QLatin1String("target")).toString() == QLatin1String("compensation")
                                            ? OperationKind::Compensation
                                            : OperationKind::Action;
        plan.setFault(o.value(QLatin1String("instance")).toString(), step, operation, f);
    }
    return plan;
}

} // namespace Sagascope
