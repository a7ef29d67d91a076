// SPDX-License-Identifier: MIT
#pragma once

#include "sagadefinition.h"

#include <QByteArray>
#include <QJsonObject>
#include <QMetaType>
#include <QString>

#include <optional>

namespace Sagascope {

/** The events of SPEC section 4, in the order of that list. */
enum class TraceEventType : quint8 {
    SagaStarted,
    StepStarted,
    StepSucceeded,
    StepFailed,
    RetryScheduled,
    CompensationStarted,
    CompensationSucceeded,
    CompensationFailed,
    SagaCompleted,
    SagaCompensated,
    SagaStuck,
    EventPublished, // SPEC section 5: the embedded broker
    EventDelivered,
    // Two-phase commit (SPEC section 7)
    PrepareSent,
    Voted,
    Decided,
    CommitApplied,
    AbortApplied,
    LockAcquired,
    LockReleased,
    InDoubt,
    SagaResumed, // a person resumed a stuck instance (sagascope-cli resume): `verdict` is the resolution
};

/** Why one attempt failed: an error, no reply in time, or a business refusal. */
enum class FailureKind : quint8 { None, Technical, Timeout, Business };

QString traceEventTypeName(TraceEventType type);
std::optional<TraceEventType> traceEventTypeFromName(QStringView name);
QString failureKindName(FailureKind kind); // "" for None
std::optional<FailureKind> failureKindFromName(QStringView name);

/** The final (or current) state of a saga instance. */
enum class InstanceStatus : quint8 { Running, Completed, Compensated, Stuck };

QString instanceStatusName(InstanceStatus status); // "running", "completed", ...
std::optional<InstanceStatus> instanceStatusFromName(QStringView name);

/**
 * One line of a saga instance's trace (SPEC section 4): a plain value, cheap to copy and to send
 * across threads by queued signals. `attempt` is 0 for the saga_* events, `delayMs` is only
 * meaningful for retry_scheduled, `failure` only for *_failed. The broker's events (SPEC
 * section 5) carry `eventType` and `eventId`; `step` is the publishing step of event_published
 * (empty for the start event) and the subscriber of event_delivered, whose
 * `toCompensation` tells the step's compensation subscription from its action's.
 */
struct TraceEvent
{
    QString instance;
    qint64 seq = 0;
    qint64 t = 0;
    StepId step;
    TraceEventType event = TraceEventType::SagaStarted;
    int attempt = 0;
    FailureKind failure = FailureKind::None;
    QString reason;
    qint64 delayMs = -1; // -1: absent
    QString eventType;   // event_published, event_delivered: the event's type ("OrderCreated")
    QString eventId;     // event_published, event_delivered: the event's id ("<instance>/<n>")
    bool toCompensation = false; // event_delivered: to the compensation's subscription

    /** 2PC: `vote` of voted ("yes"/"no"), `decision` of decided ("commit"/"abort"); saga_resumed:
     *  its `resolution` ("retry", "done", "compensated"; `reason` is the person's note); else empty. */
    QString verdict;
    /** 2PC lock events: the `sim.effect` resource locked (empty: the step's own work). */
    QString resource;

    /** Events that carry `attempt`: step_*, compensation_*, retry_scheduled, prepare_sent, voted. */
    bool isStepEvent() const;
    /** event_published or event_delivered. */
    bool isBrokerEvent() const
    {
        return event == TraceEventType::EventPublished || event == TraceEventType::EventDelivered;
    }
    /** prepare_sent … in_doubt: the two-phase commit's own events (SPEC section 7). */
    bool isTwoPhaseEvent() const
    {
        return event >= TraceEventType::PrepareSent && event <= TraceEventType::InDoubt;
    }
    bool isFinal() const;
    /** The status a final event gives its instance (Running for any other event). */
    InstanceStatus finalStatus() const;
    /** The SPEC's JSON line, keys in the SPEC's order, absent fields left out, no newline. */
    QByteArray toJson() const;
    /** Parses what toJson() wrote. */
    static std::optional<TraceEvent> fromJson(const QJsonObject &object);

    friend bool operator==(const TraceEvent &, const TraceEvent &) = default;
};

} // namespace Sagascope

Q_DECLARE_METATYPE(Sagascope::TraceEvent)
// Strings, integers and enums only: a QList of events grows by moving memory, not by copying each
// event (a monitor's backlog of 100,000 events copied one by one took 10 ms of a frame).
Q_DECLARE_TYPEINFO(Sagascope::TraceEvent, Q_RELOCATABLE_TYPE);
