// SPDX-License-Identifier: MIT
#include "sagaedit.h"

#include <QCoreApplication>
#include <QJsonValue>

namespace Sagascope {

namespace {

QString opName(SagaEdit::Op op)
{
    switch (op) {
    case SagaEdit::Op::MoveAfter:
        return QStringLiteral("moveAfter");
    case SagaEdit::Op::AddAfter:
        return QStringLiteral("addAfter");
    case SagaEdit::Op::SetKind:
        return QStringLiteral("setKind");
    case SagaEdit::Op::SetIdempotent:
        return QStringLiteral("setIdempotent");
    case SagaEdit::Op::SetRetry:
        return QStringLiteral("setRetry");
    case SagaEdit::Op::AddCompensationOn:
        return QStringLiteral("addCompensationOn");
    case SagaEdit::Op::SetEmits:
        return QStringLiteral("setEmits");
    }
    return {};
}

QString outcomeName(SagaEdit::Outcome outcome)
{
    switch (outcome) {
    case SagaEdit::Outcome::Success:
        return QStringLiteral("success");
    case SagaEdit::Outcome::Failure:
        return QStringLiteral("failure");
    case SagaEdit::Outcome::Compensation:
        return QStringLiteral("compensation");
    }
    return {};
}

QString targetName(SagaEdit::Target target)
{
    return target == SagaEdit::Target::Compensation ? QStringLiteral("compensation")
                                                    : QStringLiteral("action");
}

/** Index of the first step with `id` in `steps`, or -1. */
int findStep(const QList<Step> &steps, const StepId &id)
{
    for (int i = 0; i < steps.size(); ++i) {
        if (steps.at(i).id == id)
            return i;
    }
    return -1;
}

/** Takes step `s` out of its place: every step that names it in `after` gets `s`'s own (known)
 *  predecessors instead, in `s`'s place, without duplicates; then `s` waits for `target` alone. */
void moveAfter(QList<Step> &steps, int s, const StepId &target)
{
    const StepId id = steps.at(s).id;
    // Only known steps are handed on: an unknown name in `after` is dropped with s's `after`.
    QStringList predecessors;
    for (const StepId &p : steps.at(s).after) {
        if (findStep(steps, p) >= 0)
            predecessors.append(p);
    }
    for (int i = 0; i < steps.size(); ++i) {
        if (i == s)
            continue;
        Step &other = steps[i];
        const qsizetype at = other.after.indexOf(id);
        if (at < 0)
            continue;
        QStringList after;
        after.reserve(other.after.size() + predecessors.size());
        for (qsizetype k = 0; k < other.after.size(); ++k) {
            const StepId &name = other.after.at(k);
            if (name == id) {
                if (k != at)
                    continue; // a repeated entry: drop it with the first
                for (const StepId &p : predecessors) {
                    // Never make a step wait for itself, nor name a step twice.
                    if (p != other.id && p != id && !after.contains(p) && !other.after.contains(p))
                        after.append(p);
                }
            } else if (!after.contains(name)) {
                after.append(name);
            }
        }
        other.after = after;
    }
    steps[s].after = QStringList{target};
}

} // namespace

SagaEdit SagaEdit::moveAfter(const StepId &step, const StepId &after)
{
    SagaEdit edit;
    edit.op = Op::MoveAfter;
    edit.step = step;
    edit.target = after;
    return edit;
}

SagaEdit SagaEdit::addAfter(const StepId &step, const StepId &after)
{
    SagaEdit edit;
    edit.op = Op::AddAfter;
    edit.step = step;
    edit.target = after;
    return edit;
}

SagaEdit SagaEdit::setKind(const StepId &step, StepKind kind)
{
    SagaEdit edit;
    edit.op = Op::SetKind;
    edit.step = step;
    edit.kind = kind;
    return edit;
}

SagaEdit SagaEdit::setIdempotent(const StepId &step, bool value)
{
    SagaEdit edit;
    edit.op = Op::SetIdempotent;
    edit.step = step;
    edit.value = value;
    return edit;
}

SagaEdit SagaEdit::setRetry(const StepId &step, Target target, int maxAttempts)
{
    SagaEdit edit;
    edit.op = Op::SetRetry;
    edit.step = step;
    edit.retryTarget = target;
    edit.maxAttempts = maxAttempts;
    return edit;
}

SagaEdit SagaEdit::addCompensationOn(const StepId &step, const QString &event)
{
    SagaEdit edit;
    edit.op = Op::AddCompensationOn;
    edit.step = step;
    edit.event = event;
    return edit;
}

SagaEdit SagaEdit::setEmits(const StepId &step, Outcome outcome, const QString &event)
{
    SagaEdit edit;
    edit.op = Op::SetEmits;
    edit.step = step;
    edit.outcome = outcome;
    edit.event = event;
    return edit;
}

QJsonObject SagaEdit::toJson() const
{
    QJsonObject object;
    object.insert(QStringLiteral("op"), opName(op));
    object.insert(QStringLiteral("step"), step);
    switch (op) {
    case Op::MoveAfter:
    case Op::AddAfter:
        object.insert(QStringLiteral("after"), target);
        break;
    case Op::SetKind:
        object.insert(QStringLiteral("kind"), stepKindName(kind));
        break;
    case Op::SetIdempotent:
        object.insert(QStringLiteral("value"), value);
        break;
    case Op::SetRetry:
        object.insert(QStringLiteral("target"), targetName(retryTarget));
        object.insert(QStringLiteral("maxAttempts"), maxAttempts);
        break;
    case Op::AddCompensationOn:
        object.insert(QStringLiteral("event"), event);
        break;
    case Op::SetEmits:
        object.insert(QStringLiteral("outcome"), outcomeName(outcome));
        object.insert(QStringLiteral("event"), event);
        break;
    }
    return object;
}

std::optional<SagaEdit> SagaEdit::fromJson(const QJsonObject &object)
{
    const QJsonValue opValue = object.value(QStringLiteral("op"));
    const QJsonValue stepValue = object.value(QStringLiteral("step"));
    if (!opValue.isString() || !stepValue.isString() || stepValue.toString().isEmpty())
        return std::nullopt;
    const QString op = opValue.toString();
    const StepId step = stepValue.toString();

    if (op == QLatin1String("moveAfter") || op == QLatin1String("addAfter")) {
        const QJsonValue after = object.value(QStringLiteral("after"));
        if (!after.isString() || after.toString().isEmpty())
            return std::nullopt;
        return op == QLatin1String("moveAfter") ? moveAfter(step, after.toString())
                                                : addAfter(step, after.toString());
    }
    if (op == QLatin1String("setKind")) {
        const std::optional<StepKind> kind = stepKindFromName(object.value(QStringLiteral("kind")).toString());
        if (!kind)
            return std::nullopt;
        return setKind(step, *kind);
    }
    if (op == QLatin1String("setIdempotent")) {
        const QJsonValue value = object.value(QStringLiteral("value"));
        if (!value.isBool())
            return std::nullopt;
        return setIdempotent(step, value.toBool());
    }
    if (op == QLatin1String("setRetry")) {
        const QString target = object.value(QStringLiteral("target")).toString();
        const QJsonValue attempts = object.value(QStringLiteral("maxAttempts"));
        Target retryTarget = Target::Action;
        if (target == QLatin1String("compensation"))
            retryTarget = Target::Compensation;
        else if (target != QLatin1String("action"))
            return std::nullopt;
        if (!attempts.isDouble())
            return std::nullopt;
        const double n = attempts.toDouble();
        if (n < 0 || n > 1e9 || n != double(int(n)))
            return std::nullopt;
        return setRetry(step, retryTarget, int(n));
    }
    if (op == QLatin1String("addCompensationOn") || op == QLatin1String("setEmits")) {
        const QJsonValue event = object.value(QStringLiteral("event"));
        if (!event.isString() || event.toString().isEmpty())
            return std::nullopt;
        if (op == QLatin1String("addCompensationOn"))
            return addCompensationOn(step, event.toString());
        const QString outcome = object.value(QStringLiteral("outcome")).toString();
        for (const Outcome o : {Outcome::Success, Outcome::Failure, Outcome::Compensation}) {
            if (outcome == outcomeName(o))
                return setEmits(step, o, event.toString());
        }
        return std::nullopt;
    }
    return std::nullopt;
}

QString SagaEdit::describe() const
{
    switch (op) {
    case Op::MoveAfter:
        return QCoreApplication::translate("SagaEdit", "Move %1 after %2").arg(step, target);
    case Op::AddAfter:
        return QCoreApplication::translate("SagaEdit", "Make %1 also wait for %2").arg(step, target);
    case Op::SetKind:
        return QCoreApplication::translate("SagaEdit", "Make %1 %2").arg(step, stepKindName(kind));
    case Op::SetIdempotent:
        return value ? QCoreApplication::translate("SagaEdit", "Mark %1 as idempotent").arg(step) : QCoreApplication::translate("SagaEdit", "Mark %1 as not idempotent").arg(step);
    case Op::SetRetry:
        if (retryTarget == Target::Compensation) {
            return maxAttempts == 0 ? QCoreApplication::translate("SagaEdit", "Retry the compensation of %1 until it succeeds").arg(step)
                                    : QCoreApplication::translate("SagaEdit", "Retry the compensation of %1 at most %2 times").arg(step).arg(maxAttempts);
        }
        return maxAttempts == 0 ? QCoreApplication::translate("SagaEdit", "Retry %1 until it succeeds").arg(step)
                                : QCoreApplication::translate("SagaEdit", "Retry %1 at most %2 times").arg(step).arg(maxAttempts);
    case Op::AddCompensationOn:
        return QCoreApplication::translate("SagaEdit", "Compensate %1 on %2").arg(step, event);
    case Op::SetEmits:
        switch (outcome) {
        case Outcome::Success:
            return QCoreApplication::translate("SagaEdit", "Make %1 publish %2 when it succeeds").arg(step, event);
        case Outcome::Failure:
            return QCoreApplication::translate("SagaEdit", "Make %1 publish %2 when it fails").arg(step, event);
        case Outcome::Compensation:
            return QCoreApplication::translate("SagaEdit", "Make %1 publish %2 when it is compensated").arg(step, event);
        }
        break;
    }
    return {};
}

bool applyEdits(SagaDefinition &definition, const QList<SagaEdit> &edits, QString *error)
{
    QList<Step> steps = definition.steps;
    auto fail = [error](const QString &message) {
        if (error)
            *error = message;
        return false;
    };

    for (const SagaEdit &edit : edits) {
        const int s = findStep(steps, edit.step);
        if (s < 0)
            return fail(QCoreApplication::translate("SagaEdit", "%1: no step is called '%2'").arg(edit.describe(), edit.step));
        switch (edit.op) {
        case SagaEdit::Op::MoveAfter:
        case SagaEdit::Op::AddAfter:
            if (findStep(steps, edit.target) < 0)
                return fail(QCoreApplication::translate("SagaEdit", "%1: no step is called '%2'").arg(edit.describe(), edit.target));
            if (edit.target == edit.step)
                return fail(QCoreApplication::translate("SagaEdit", "%1: a step cannot wait for itself").arg(edit.describe()));
            if (edit.op == SagaEdit::Op::MoveAfter)
                moveAfter(steps, s, edit.target);
            else if (!steps.at(s).after.contains(edit.target))
                steps[s].after.append(edit.target);
            break;
        case SagaEdit::Op::SetKind:
            steps[s].kind = edit.kind;
            break;
        case SagaEdit::Op::SetIdempotent:
            steps[s].idempotent = edit.value;
            break;
        case SagaEdit::Op::SetRetry: {
            if (edit.maxAttempts < 0)
                return fail(QCoreApplication::translate("SagaEdit", "%1: the number of attempts cannot be negative").arg(edit.describe()));
            Step &step = steps[s];
            if (edit.retryTarget == SagaEdit::Target::Compensation) {
                if (!step.compensation)
                    return fail(QCoreApplication::translate("SagaEdit", "%1: %2 has no compensation").arg(edit.describe(), edit.step));
                RetryPolicy policy = step.effectiveCompensationRetry();
                policy.maxAttempts = edit.maxAttempts;
                step.compensation->retry = policy;
            } else {
                RetryPolicy policy = step.effectiveActionRetry();
                policy.maxAttempts = edit.maxAttempts;
                step.retry = policy;
            }
            break;
        }
        case SagaEdit::Op::AddCompensationOn: {
            Step &step = steps[s];
            if (!step.compensation)
                return fail(QCoreApplication::translate("SagaEdit", "%1: %2 has no compensation").arg(edit.describe(), edit.step));
            if (edit.event.isEmpty())
                return fail(QCoreApplication::translate("SagaEdit", "%1: no event is named").arg(edit.describe()));
            if (!step.compensation->on.contains(edit.event))
                step.compensation->on.append(edit.event);
            break;
        }
        case SagaEdit::Op::SetEmits: {
            Step &step = steps[s];
            if (edit.event.isEmpty())
                return fail(QCoreApplication::translate("SagaEdit", "%1: no event is named").arg(edit.describe()));
            if (edit.outcome == SagaEdit::Outcome::Compensation) {
                if (!step.compensation)
                    return fail(QCoreApplication::translate("SagaEdit", "%1: %2 has no compensation").arg(edit.describe(), edit.step));
                step.compensation->emits = edit.event;
            } else {
                StepEmits emits = step.emits.value_or(StepEmits());
                (edit.outcome == SagaEdit::Outcome::Success ? emits.success : emits.failure) = edit.event;
                step.emits = emits;
            }
            break;
        }
        }
    }
    definition.steps = steps;
    return true;
}

} // namespace Sagascope
