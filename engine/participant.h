// SPDX-License-Identifier: MIT
#pragma once

#include "sagadefinition.h"

#include <QString>

#include <functional>
#include <optional>

namespace Sagascope {

/** Which of a step's two operations is called. */
enum class OperationKind : quint8 { Action, Compensation };

QString operationKindName(OperationKind kind); // "action", "compensation"
std::optional<OperationKind> operationKindFromName(QStringView name);

/** One call of a participant: one attempt of a step's action or compensation. */
struct Invocation
{
    QString instance;
    StepId step;
    int stepIndex = -1;
    OperationKind operation = OperationKind::Action;
    int attempt = 1;
    qint64 timeoutMs = -1;   // the engine gives up after this long (-1: never); participants may use it as a deadline
    quint64 randomSeed = 0;  // drawn from the instance's seeded stream; simulated participants draw from it
    /** The attempt as injected faults count it (simulated participants): `attempt`, less the
     *  attempts already made when a fault was last injected on this step during the run. */
    int faultAttempt = 1;

    /** `instance/step/action` or `instance/step/compensation` (SPEC section 3). */
    QString idempotencyKey() const;
};

/** What a participant answered. A timeout is not a reply: the engine decides it. */
struct Reply
{
    enum class Status : quint8 {
        Succeeded,
        TechnicalFailure,
        BusinessFailure,
        Refused, // an action whose compensation already ran (a "hanging" action): never applied
        TimedOut, // the participant gave up at the attempt's deadline (a remote call aborted): effect unknown
    };
    Status status = Status::Succeeded;
    QString reason;
    /** At least this long before the next attempt (a remote `Retry-After`); -1: the backoff alone. */
    qint64 retryAfterMs = -1;
};

/**
 * A service that executes steps: the embedded simulated participants (SimulatedParticipant) or
 * remote HTTP endpoints (HttpParticipant). invoke() starts one attempt and returns at once; `done` is called exactly once, later,
 * on the engine's thread (never from inside invoke()). Participants must apply each idempotency
 * key at most once.
 */
class Participant
{
public:
    using ReplyHandler = std::function<void(const Reply &)>;
    virtual ~Participant() = default;
    virtual void invoke(const Invocation &invocation, ReplyHandler done) = 0;
    /** Calls started and not yet answered (late replies of timed-out attempts included). */
    virtual qsizetype pendingCalls() const = 0;
};

} // namespace Sagascope
