// SPDX-License-Identifier: MIT
#pragma once

#include "faultplan.h"
#include "participant.h"
#include "sagalog.h"
#include "traceevent.h"

#include <QHash>
#include <QList>
#include <QString>

#include <functional>

namespace Sagascope {

/**
 * What the Engine needs from the protocol that drives the instances of one run: the saga
 * (SagaExecutor, SPEC section 3) or the two-phase commit (TwoPhaseCoordinator, SPEC section 7).
 * Single-threaded: it lives on the thread that runs its Scheduler.
 */
class InstanceDriver
{
public:
    using TraceSink = std::function<void(const TraceEvent &)>;
    using FinishSink = std::function<void(const QString &instance, InstanceStatus status, const QString &reason)>;

    virtual ~InstanceDriver() = default;

    virtual void setTraceSink(TraceSink sink) = 0;
    virtual void setFinishSink(FinishSink sink) = 0;
    /** Clock time at which the run began (`t` counts from it). */
    virtual void setRunStart(qint64 ms) = 0;
    /** Queues a new instance (started by admit(), as concurrency allows). */
    virtual void enqueueNew(qint64 number, qint64 run, int index) = 0;
    /** Queues an unfinished instance read back from the log, with its events in seq order. */
    virtual void enqueueRecovered(const InstanceRecord &record, const QList<TraceEvent> &events) = 0;
    /** Starts queued instances up to the concurrency limit. */
    virtual void admit() = 0;

    virtual void setFaults(const FaultPlan &faults) = 0;
    virtual QHash<QString, int> restartFaultCount(const QString &instance, const StepId &step, OperationKind operation) = 0;
    virtual void setRecoveredFaultBase(const QString &instance, const StepId &step, OperationKind operation, int base) = 0;

    virtual bool isDone() const = 0;
    virtual int activeCount() const = 0;
    virtual int queuedCount() const = 0;
    virtual int finishedCount() const = 0;
    virtual int completedCount() const = 0;
    virtual int compensatedCount() const = 0;
    virtual int stuckCount() const = 0;
    virtual quint64 transitions() const = 0;
    /** Largest `t` emitted so far. */
    virtual qint64 lastT() const = 0;
};

} // namespace Sagascope
