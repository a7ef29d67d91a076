// SPDX-License-Identifier: MIT
#include "scheduler.h"

namespace Sagascope {

void Scheduler::scheduleAt(qint64 atMs, Callback callback)
{
    if (m_failed)
        return;
    m_queue.push(Entry{qMax(atMs, now()), m_order++, std::move(callback)});
}

void Scheduler::clear()
{
    m_queue = {};
    m_afterCommit.clear();
}

bool Scheduler::commitAndRunDeferred()
{
    if (m_durability && m_durability->pendingCount() > 0 && !m_durability->commit()) {
        m_failed = true;
        clear();
        return false;
    }
    m_lastCommitMs = now();
    // Deferred work may log more and defer more: run only what was deferred before this commit.
    std::deque<Callback> ready;
    ready.swap(m_afterCommit);
    for (Callback &callback : ready) {
        callback();
        if (m_failed)
            return false;
    }
    return true;
}

bool Scheduler::commitOnly()
{
    if (!m_durability->commit()) {
        m_failed = true;
        clear();
        return false;
    }
    m_lastCommitMs = now();
    return true;
}

Scheduler::Status Scheduler::run(int budget)
{
    m_interrupted = false;
    if (m_failed)
        return Status::Failed;
    for (int done = 0; done < budget; ++done) {
        const bool instantOver = m_queue.empty() || m_queue.top().at > now();
        const bool pending = m_durability && m_durability->pendingCount() > 0;
        const bool overdue = pending && !m_clock.isVirtual() && now() - m_lastCommitMs >= m_maxCommitDelayMs;
        if ((instantOver && (pending || !m_afterCommit.empty())) || overdue) {
            if (!commitAndRunDeferred())
                return Status::Failed;
            if (m_interrupted)
                return Status::Busy;
            continue;
        }
        // A full batch is committed at once, but the deferred work still waits for the end of the
        // instant: where commits fall (batch size, a paused run) never changes the order of events.
        if (m_durability && m_durability->mustCommitNow()) {
            if (!commitOnly())
                return Status::Failed;
            continue;
        }
        if (m_queue.empty())
            return Status::Idle;
        if (m_queue.top().at > now()) {
            if (!m_clock.isVirtual() || (m_horizonMs >= 0 && m_queue.top().at > m_horizonMs))
                return Status::Waiting;
            m_clock.advanceTo(m_queue.top().at);
        }
        Callback callback = std::move(m_queue.top().callback);
        m_queue.pop();
        ++m_processed;
        callback();
        if (m_failed)
            return Status::Failed;
        if (m_interrupted)
            return Status::Busy;
    }
    return Status::Busy;
}

} // namespace Sagascope
