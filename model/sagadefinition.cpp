// SPDX-License-Identifier: MIT
#include "sagadefinition.h"

#include <algorithm>
#include <cmath>

namespace Sagascope {

QString stepKindName(StepKind kind)
{
    switch (kind) {
    case StepKind::Compensatable:
        return QStringLiteral("compensatable");
    case StepKind::Pivot:
        return QStringLiteral("pivot");
    case StepKind::Retriable:
        return QStringLiteral("retriable");
    }
    return {};
}

std::optional<StepKind> stepKindFromName(const QString &name)
{
    if (name == QLatin1String("compensatable"))
        return StepKind::Compensatable;
    if (name == QLatin1String("pivot"))
        return StepKind::Pivot;
    if (name == QLatin1String("retriable"))
        return StepKind::Retriable;
    return std::nullopt;
}

QString sagaModeName(SagaMode mode)
{
    return mode == SagaMode::Choreography ? QStringLiteral("choreography") : QStringLiteral("orchestration");
}

std::optional<SagaMode> sagaModeFromName(const QString &name)
{
    if (name == QLatin1String("orchestration"))
        return SagaMode::Orchestration;
    if (name == QLatin1String("choreography"))
        return SagaMode::Choreography;
    return std::nullopt;
}

QString countermeasureName(Countermeasure countermeasure)
{
    switch (countermeasure) {
    case Countermeasure::None:
        return {};
    case Countermeasure::SemanticLock:
        return QStringLiteral("semanticLock");
    case Countermeasure::Commutative:
        return QStringLiteral("commutative");
    case Countermeasure::RereadValue:
        return QStringLiteral("rereadValue");
    }
    return {};
}

std::optional<Countermeasure> countermeasureFromName(const QString &name)
{
    for (Countermeasure c : {Countermeasure::SemanticLock, Countermeasure::Commutative, Countermeasure::RereadValue}) {
        if (name == countermeasureName(c))
            return c;
    }
    return std::nullopt;
}

QString onLockedName(OnLocked onLocked)
{
    return onLocked == OnLocked::Fail ? QStringLiteral("fail") : QStringLiteral("wait");
}

std::optional<OnLocked> onLockedFromName(const QString &name)
{
    if (name == QLatin1String("wait"))
        return OnLocked::Wait;
    if (name == QLatin1String("fail"))
        return OnLocked::Fail;
    return std::nullopt;
}

qint64 RetryPolicy::baseBackoffMs(int attempt) const
{
    const double raw = double(initialBackoffMs) * std::pow(multiplier, std::max(0, attempt - 1));
    return qint64(std::min(double(maxBackoffMs), raw));
}

RetryPolicy Step::effectiveActionRetry() const
{
    if (retry)
        return *retry;
    RetryPolicy policy;
    if (kind == StepKind::Retriable)
        policy.maxAttempts = 0;
    return policy;
}

RetryPolicy Step::effectiveCompensationRetry() const
{
    if (compensation && compensation->retry)
        return *compensation->retry;
    RetryPolicy policy;
    policy.maxAttempts = 0;
    return policy;
}

int SagaDefinition::indexOf(const StepId &id) const
{
    for (int i = 0; i < steps.size(); ++i) {
        if (steps.at(i).id == id)
            return i;
    }
    return -1;
}

const Step *SagaDefinition::step(const StepId &id) const
{
    const int i = indexOf(id);
    return i < 0 ? nullptr : &steps.at(i);
}

Step *SagaDefinition::step(const StepId &id)
{
    const int i = indexOf(id);
    return i < 0 ? nullptr : &steps[i];
}

const Resource *SagaDefinition::resource(const QString &name) const
{
    for (const Resource &r : resources) {
        if (r.name == name)
            return &r;
    }
    return nullptr;
}

bool SagaDefinition::hasService(const QString &serviceId) const
{
    return std::any_of(services.cbegin(), services.cend(),
                       [&](const Service &service) { return service.id == serviceId; });
}

QString SagaDefinition::startEvent() const
{
    return start.isEmpty() ? QLatin1String(DefaultStartEvent) : start;
}

bool SagaDefinition::usesEvents() const
{
    return std::any_of(steps.cbegin(), steps.cend(), [](const Step &s) {
        return !s.on.isEmpty() || s.emits
            || (s.compensation && (!s.compensation->on.isEmpty() || !s.compensation->emits.isEmpty()));
    });
}

bool isValidStepId(const QString &id)
{
    if (id.isEmpty())
        return false;
    for (qsizetype i = 0; i < id.size(); ++i) {
        const char16_t c = id.at(i).unicode();
        const bool letter = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_';
        const bool digit = c >= '0' && c <= '9';
        if (!(letter || (i > 0 && digit)))
            return false;
    }
    return true;
}

} // namespace Sagascope
