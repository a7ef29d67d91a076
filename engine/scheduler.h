// SPDX-License-Identifier: MIT
#pragma once

#include "clock.h"

#include <deque>
#include <functional>
#include <queue>
#include <vector>

namespace Sagascope {

/** What the scheduler needs from the saga log to group-commit (implemented by SagaLog). */
class Durability
{
public:
    virtual ~Durability() = default;
    /** Transitions written since the last commit. */
    virtual qsizetype pendingCount() const = 0;
    /** True when the batch must be committed now, even in the middle of an instant. */
    virtual bool mustCommitNow() const = 0;
    /** Commits the batch as one transaction. False: nothing of it was written. */
    virtual bool commit() = 0;
};

/**
 * A discrete-event scheduler: callbacks ordered by (time, order of scheduling), so that runs are
 * deterministic. Under a virtual clock it jumps from event to event; under a real clock it only
 * runs events that are due. Work that must not happen before the transitions so far are durable
 * (calling a participant: write-ahead) is queued with afterCommit(); it runs once the group
 * commit at the end of the current instant (or of a full batch) has succeeded.
 * Single-threaded: every call from the thread that runs it.
 */
class Scheduler
{
public:
    using Callback = std::function<void()>;

    explicit Scheduler(Clock &clock) : m_clock(clock) {}

    Clock &clock() const { return m_clock; }
    qint64 now() const { return m_clock.nowMs(); }

    void scheduleAt(qint64 atMs, Callback callback);
    void scheduleAfter(qint64 delayMs, Callback callback) { scheduleAt(now() + qMax<qint64>(0, delayMs), std::move(callback)); }
    /** Runs `callback` once everything logged so far is committed (write-ahead). */
    void afterCommit(Callback callback) { m_afterCommit.push_back(std::move(callback)); }

    void setDurability(Durability *durability) { m_durability = durability; }
    /** Real clocks: commit at least this often while events keep coming (the group-commit bound). */
    void setMaxCommitDelay(qint64 ms) { m_maxCommitDelayMs = ms; }
    /** Virtual clocks: run() does not move time past `ms` (-1: no limit) and answers Waiting
     *  instead; the Engine paces a run this way (Engine::setSpeed). */
    void setHorizon(qint64 ms) { m_horizonMs = ms; }
    qint64 horizon() const { return m_horizonMs; }
    /** Makes run() return (Busy) once the callback now running is over; for pausing a run at a
     *  transition. Cleared by the next run(). */
    void interrupt() { m_interrupted = true; }

    enum class Status {
        Idle,     // nothing left to do
        Waiting,  // the next event is in the future (real clock, or past the horizon; see nextDueMs())
        Busy,     // the event budget ran out; call again
        Failed,   // a commit failed: the scheduler has stopped, nothing more runs
    };
    /** Runs up to `budget` events (and the commits and deferred work between them). */
    Status run(int budget);
    /** Time of the earliest scheduled event, or -1. */
    qint64 nextDueMs() const { return m_queue.empty() ? -1 : m_queue.top().at; }
    bool hasFailed() const { return m_failed; }
    qsizetype pendingEvents() const { return qsizetype(m_queue.size()); }
    /** Drops every scheduled event and deferred callback (after a failure, or to stop a run). */
    void clear();
    /** Events run so far. */
    quint64 processed() const { return m_processed; }

private:
    struct Entry
    {
        qint64 at;
        quint64 order;
        mutable Callback callback;
        bool operator>(const Entry &other) const
        {
            return at != other.at ? at > other.at : order > other.order;
        }
    };
    bool commitAndRunDeferred();
    bool commitOnly();

    Clock &m_clock;
    Durability *m_durability = nullptr;
    std::priority_queue<Entry, std::vector<Entry>, std::greater<Entry>> m_queue;
    std::deque<Callback> m_afterCommit;
    quint64 m_order = 0;
    quint64 m_processed = 0;
    bool m_failed = false;
    bool m_interrupted = false;
    qint64 m_horizonMs = -1;
    qint64 m_maxCommitDelayMs = 10;
    qint64 m_lastCommitMs = 0;
};

} // namespace Sagascope
