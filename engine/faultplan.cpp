// SPDX-License-Identifier: MIT
#include "faultplan.h"

#include <QCoreApplication>
#include <QJsonObject>

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

FailureKind FaultPlan::actionFailure(const StepId &step, int attempt) const
{
    const auto it = m_actions.constFind(step);
    if (it == m_actions.constEnd())
        return FailureKind::None;
    if (it->kind == FailureKind::Business || attempt <= it->attempts)
        return it->kind;
    return FailureKind::None;
}

FailureKind FaultPlan::compensationFailure(const StepId &step, int attempt) const
{
    const auto it = m_compensations.constFind(step);
    return it != m_compensations.constEnd() && attempt <= it->attempts ? it->kind : FailureKind::None;
}

bool FaultPlan::injectsTimeout(const StepId &step) const
{
    const auto it = m_actions.constFind(step);
    return it != m_actions.constEnd() && it->kind == FailureKind::Timeout;
}

QStringList FaultPlan::stepIds() const
{
    QStringList ids = m_actions.keys() + m_compensations.keys();
    ids.sort();
    ids.removeDuplicates();
    return ids;
}

QJsonArray FaultPlan::toJson() const
{
    QJsonArray array;
    const auto add = [&array](const QHash<StepId, Fault> &faults, const char *target) {
        QStringList steps = faults.keys();
        steps.sort();
        for (const StepId &step : steps) {
            const Fault f = faults.value(step);
            array.append(QJsonObject{{QStringLiteral("target"), QLatin1String(target)},
                                     {QStringLiteral("step"), step},
                                     {QStringLiteral("failure"), failureKindName(f.kind)},
                                     {QStringLiteral("attempts"), f.attempts}});
        }
    };
    add(m_actions, "action");
    add(m_compensations, "compensation");
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
        if (o.value(QLatin1String("target")).toString() == QLatin1String("compensation"))
            plan.m_compensations.insert(step, f);
        else
            plan.m_actions.insert(step, f);
    }
    return plan;
}

} // namespace Sagascope
