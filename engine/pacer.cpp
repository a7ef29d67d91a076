// SPDX-License-Identifier: MIT
#include "pacer.h"

#include <cmath>

namespace Sagascope {

void Pacer::setFactor(double factor, qint64 virtualMs, qint64 wallMs)
{
    m_factor = std::isfinite(factor) ? qMax(0.0, factor) : 0.0;
    restart(virtualMs, wallMs);
}

void Pacer::restart(qint64 virtualMs, qint64 wallMs)
{
    m_virtualAnchor = virtualMs;
    m_wallAnchor = wallMs;
}

qint64 Pacer::horizon(qint64 wallMs) const
{
    if (!isPaced())
        return -1;
    const double elapsed = double(qMax<qint64>(0, wallMs - m_wallAnchor)) * m_factor;
    return m_virtualAnchor + qint64(std::floor(elapsed + 1e-9));
}

qint64 Pacer::wallDelayUntil(qint64 virtualMs, qint64 wallMs) const
{
    if (!isPaced() || virtualMs <= m_virtualAnchor)
        return 0;
    const qint64 at = m_wallAnchor + qint64(std::ceil(double(virtualMs - m_virtualAnchor) / m_factor - 1e-9));
    return qMax<qint64>(0, at - wallMs);
}

} // namespace Sagascope
