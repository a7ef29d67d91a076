// SPDX-License-Identifier: MIT
#pragma once

#include <QElapsedTimer>
#include <QtGlobal>

namespace Sagascope {

/** Where the engine's time comes from: milliseconds since the clock was started. */
class Clock
{
public:
    virtual ~Clock() = default;
    virtual qint64 nowMs() const = 0;
    /** True when the scheduler may jump to the next event instead of waiting for it. */
    virtual bool isVirtual() const = 0;
    /** Virtual clocks only: move time forward to `ms` (never backwards). */
    virtual void advanceTo(qint64 ms) { Q_UNUSED(ms); }
};

/** Simulated time: latency and backoff advance it instantly; runs are exact to the millisecond. */
class VirtualClock final : public Clock
{
public:
    qint64 nowMs() const override { return m_now; }
    bool isVirtual() const override { return true; }
    void advanceTo(qint64 ms) override
    {
        if (ms > m_now)
            m_now = ms;
    }

private:
    qint64 m_now = 0;
};

/** Wall-clock time, monotonic, from a QElapsedTimer started on construction. */
class RealClock final : public Clock
{
public:
    RealClock() { m_timer.start(); }
    qint64 nowMs() const override { return m_timer.elapsed(); }
    bool isVirtual() const override { return false; }

private:
    QElapsedTimer m_timer;
};

} // namespace Sagascope
