// SPDX-License-Identifier: MIT
#include "traceevent.h"

#include <QJsonValue>

#include <array>

namespace Sagascope {

namespace {

constexpr std::array<const char *, 22> EventNames = {
    "saga_started",          "step_started",     "step_succeeded",       "step_failed",
    "retry_scheduled",       "compensation_started", "compensation_succeeded", "compensation_failed",
    "saga_completed",        "saga_compensated", "saga_stuck",           "event_published",
    "event_delivered",
    "prepare_sent",          "voted",            "decided",              "commit_applied",
    "abort_applied",         "lock_acquired",    "lock_released",        "in_doubt",
    "saga_resumed",
};

static_assert(EventNames.size() == size_t(TraceEventType::SagaResumed) + 1, "a name for every TraceEventType");

constexpr std::array<const char *, 4> FailureNames = {"", "technical", "timeout", "business"};
constexpr std::array<const char *, 4> StatusNames = {"running", "completed", "compensated", "stuck"};

void appendJsonString(QByteArray &out, const QString &text)
{
    out += '"';
    const QByteArray utf8 = text.toUtf8();
    for (const char c : utf8) {
        const auto u = static_cast<unsigned char>(c);
        switch (c) {
        case '"': out += "\\\""; break;
        case '\\': out += "\\\\"; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        case '\t': out += "\\t"; break;
        default:
            if (u < 0x20) {
                static const char hex[] = "0123456789abcdef";
                out += "\\u00";
                out += hex[u >> 4];
                out += hex[u & 15];
            } else {
                out += c;
            }
        }
    }
    out += '"';
}

} // namespace

QString traceEventTypeName(TraceEventType type)
{
    return QString::fromLatin1(EventNames[size_t(type)]);
}

std::optional<TraceEventType> traceEventTypeFromName(QStringView name)
{
    for (size_t i = 0; i < EventNames.size(); ++i) {
        if (name == QLatin1String(EventNames[i]))
            return TraceEventType(i);
    }
    return std::nullopt;
}

QString failureKindName(FailureKind kind)
{
    return QString::fromLatin1(FailureNames[size_t(kind)]);
}

std::optional<FailureKind> failureKindFromName(QStringView name)
{
    for (size_t i = 0; i < FailureNames.size(); ++i) {
        if (name == QLatin1String(FailureNames[i]))
            return FailureKind(i);
    }
    return std::nullopt;
}

QString instanceStatusName(InstanceStatus status)
{
    return QString::fromLatin1(StatusNames[size_t(status)]);
}

std::optional<InstanceStatus> instanceStatusFromName(QStringView name)
{
    for (size_t i = 0; i < StatusNames.size(); ++i) {
        if (name == QLatin1String(StatusNames[i]))
            return InstanceStatus(i);
    }
    return std::nullopt;
}

bool TraceEvent::isStepEvent() const
{
    if (event == TraceEventType::PrepareSent || event == TraceEventType::Voted)
        return true;
    return event != TraceEventType::SagaStarted && !isFinal() && !isBrokerEvent() && !isTwoPhaseEvent()
        && event != TraceEventType::SagaResumed;
}

bool TraceEvent::isFinal() const
{
    return event == TraceEventType::SagaCompleted || event == TraceEventType::SagaCompensated
        || event == TraceEventType::SagaStuck;
}

InstanceStatus TraceEvent::finalStatus() const
{
    switch (event) {
    case TraceEventType::SagaCompleted: return InstanceStatus::Completed;
    case TraceEventType::SagaCompensated: return InstanceStatus::Compensated;
    case TraceEventType::SagaStuck: return InstanceStatus::Stuck;
    default: return InstanceStatus::Running;
    }
}

QByteArray TraceEvent::toJson() const
{
    QByteArray out;
    out.reserve(128 + reason.size());
    out += "{\"instance\":";
    appendJsonString(out, instance);
    out += ",\"seq\":" + QByteArray::number(seq);
    out += ",\"t\":" + QByteArray::number(t);
    if (!step.isEmpty()) {
        out += ",\"step\":";
        appendJsonString(out, step);
    }
    out += ",\"event\":\"";
    out += EventNames[size_t(event)];
    out += '"';
    if (isStepEvent())
        out += ",\"attempt\":" + QByteArray::number(attempt);
    if (failure != FailureKind::None) {
        out += ",\"failure\":\"";
        out += FailureNames[size_t(failure)];
        out += '"';
    }
    if (!reason.isEmpty()) {
        out += ",\"reason\":";
        appendJsonString(out, reason);
    }
    if (delayMs >= 0)
        out += ",\"delayMs\":" + QByteArray::number(delayMs);
    if (isBrokerEvent()) {
        out += ",\"type\":";
        appendJsonString(out, eventType);
        out += ",\"eventId\":";
        appendJsonString(out, eventId);
        if (toCompensation)
            out += ",\"subscription\":\"compensation\"";
    }
    if (!verdict.isEmpty()) {
        out += event == TraceEventType::Decided       ? ",\"decision\":"
               : event == TraceEventType::SagaResumed ? ",\"resolution\":"
                                                      : ",\"vote\":";
        appendJsonString(out, verdict);
    }
    if (!resource.isEmpty()) {
        out += ",\"resource\":";
        appendJsonString(out, resource);
    }
    out += '}';
    return out;
}

std::optional<TraceEvent> TraceEvent::fromJson(const QJsonObject &object)
{
    const auto type = traceEventTypeFromName(object.value(QLatin1String("event")).toString());
    if (!type || !object.value(QLatin1String("instance")).isString())
        return std::nullopt;
    TraceEvent e;
    e.event = *type;
    e.instance = object.value(QLatin1String("instance")).toString();
    e.seq = object.value(QLatin1String("seq")).toInteger();
    e.t = object.value(QLatin1String("t")).toInteger();
    e.step = object.value(QLatin1String("step")).toString();
    e.attempt = object.value(QLatin1String("attempt")).toInt();
    e.failure = failureKindFromName(object.value(QLatin1String("failure")).toString()).value_or(FailureKind::None);
    e.reason = object.value(QLatin1String("reason")).toString();
    e.delayMs = object.contains(QLatin1String("delayMs")) ? object.value(QLatin1String("delayMs")).toInteger() : -1;
    e.eventType = object.value(QLatin1String("type")).toString();
    e.eventId = object.value(QLatin1String("eventId")).toString();
    e.toCompensation = object.value(QLatin1String("subscription")).toString() == QLatin1String("compensation");
    e.verdict = object
                    .value(*type == TraceEventType::Decided       ? QLatin1String("decision")
                           : *type == TraceEventType::SagaResumed ? QLatin1String("resolution")
                                                                  : QLatin1String("vote"))
                    .toString();
    e.resource = object.value(QLatin1String("resource")).toString();
    return e;
}

} // namespace Sagascope
