// SPDX-License-Identifier: MIT
#pragma once

#include "runstate.h"
#include "sagadefinition.h"
#include "traceevent.h"

#include <QList>
#include <QObject>
#include <QTimer>

#include <deque>

namespace Sagascope {

class EventLogModel;
class InstancesModel;

/**
 * The GUI side of a run: takes the engine's trace batches (a queued connection from
 * Engine::traceEvents, or a log being replayed or followed), coalesces them into frames, and
 * once per frame applies them to the RunState and to the event log and instances models, then
 * emits updated(). Never a repaint per event.
 */
class RunMonitor : public QObject
{
    Q_OBJECT
public:
    explicit RunMonitor(QObject *parent = nullptr);
    ~RunMonitor() override;

    /** The saga being run; forgets every instance. */
    void setDefinition(const SagaDefinition &definition);
    const SagaDefinition &definition() const { return m_definition; }
    const RunState &state() const { return m_state; }
    EventLogModel *eventLog() const { return m_eventLog; }
    InstancesModel *instances() const { return m_instances; }
    /** Milliseconds between two frames (default 33); 0 applies every batch at once. */
    void setFrameInterval(int ms);
    /** At most this many milliseconds of applying events in one timed frame (0, the default: no
     *  limit); what is left waits for the next frame, so that a flood never freezes the GUI. A run's
     *  first frame (no instance yet), which also paints every panel's first rows, gets a quarter. */
    void setFrameBudget(int ms) { m_budgetMs = qMax(0, ms); }
    qsizetype pendingCount() const { return m_pendingCount; }
    /** A run that knows how many instances it starts makes room for them here first: the indices
     *  by instance id then never rehash in the middle of a frame (at 8,192 instances that took
     *  about 8 ms, twice the frame budget, inside one chunk the budget cannot split). */
    void reserveInstances(int count);

public Q_SLOTS:
    /** Queues a batch; applied at the next frame. */
    void addEvents(const QList<Sagascope::TraceEvent> &events);
    /** Applies everything queued now (no budget). */
    void flush();
    /** Forgets every instance and event. */
    void clear();

Q_SIGNALS:
    /** A frame begins: its queued events are about to be applied (for frame-time figures). */
    void frameStarted();
    /** After a frame's events were applied. */
    void updated(const QList<Sagascope::TraceEvent> &applied);

private:
    void applyQueued(int budgetMs);
    void dropQueued();

    SagaDefinition m_definition;
    RunState m_state;
    EventLogModel *m_eventLog = nullptr;
    InstancesModel *m_instances = nullptr;
    // The batches as they came, never copied or moved while they wait: an engine racing ahead
    // of the GUI can leave 100,000 events queued. m_frontOffset events of the first are applied.
    std::deque<QList<TraceEvent>> m_queue;
    qsizetype m_frontOffset = 0;
    qsizetype m_pendingCount = 0;
    QTimer m_frame;
    int m_budgetMs = 0;
};

} // namespace Sagascope
