// SPDX-License-Identifier: MIT
#pragma once

#include <QtGlobal>

namespace Sagascope {

/**
 * The scaled clock of an interactive run: how far virtual time may have gone at a given wall
 * time, so that it is shown at `factor` x real time (0.1: slow motion, 1: real time, 0: as fast
 * as possible). The run's events and their `t` stay those of the virtual clock; only when they are
 * delivered changes (Scheduler::setHorizon), so a paced run has the trace of an unpaced one.
 */
class Pacer
{
public:
    double factor() const { return m_factor; }
    bool isPaced() const { return m_factor > 0; }
    /** Changes the factor from now on, continuing from virtual time `virtualMs` at `wallMs`. */
    void setFactor(double factor, qint64 virtualMs, qint64 wallMs);
    /** Continues from `virtualMs` at `wallMs` (a new run, or after a pause). */
    void restart(qint64 virtualMs, qint64 wallMs);
    /** How far virtual time may be at `wallMs`; -1: no limit. */
    qint64 horizon(qint64 wallMs) const;
    /** Wall milliseconds from `wallMs` until horizon() reaches `virtualMs` (0: it has). */
    qint64 wallDelayUntil(qint64 virtualMs, qint64 wallMs) const;

private:
    double m_factor = 0;
    qint64 m_virtualAnchor = 0;
    qint64 m_wallAnchor = 0;
};

} // namespace Sagascope
