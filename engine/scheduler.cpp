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

Scheduler::Status Scheduler::run(int budget)
{
    if (m_failed)
        return Status::Failed;
    for (int done = 0; done < budget; ++done) {
        const bool instantOver = m_queue.empty() || m_queue.top().at > now();
        const bool pending = m_durability && m_durability->pendingCount() > 0;
        const bool overdue = pending && !m_clock.isVirtual() && now() - m_lastCommitMs >= m_maxCommitDelayMs;
        if ((instantOver && (pending || !m_afterCommit.empty())) || overdue
            || (m_durability && m_durability->mustCommitNow())) {
            if (!commitAndRunDeferred())
                return Status::Failed;
            continue;
        }
        if (m_queue.empty())
            return Status::Idle;
        if (m_queue.top().at > now()) {
            if (!m_clock.isVirtual())
                return Status::Waiting;
            m_clock.advanceTo(m_queue.top().at);
        }
        Callback callback = std::move(m_queue.top().callback);
        m_queue.pop();
        ++m_processed;
        callback();
        if (m_failed)
            return Status::Failed;
    }
    return Status::Busy;
}

} // namespace Sagascope
