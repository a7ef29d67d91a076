// SPDX-License-Identifier: MIT
#pragma once

#include <QWidget>

#include <array>

QT_BEGIN_NAMESPACE
class QLabel;
QT_END_NAMESPACE

namespace Sagascope {

class RunState;

/**
 * The run at a glance: how many instances are running, completed, compensated and stuck, the
 * throughput (finished instances per second of trace time) and the events handled.
 */
class SummaryPanel : public QWidget
{
    Q_OBJECT
public:
    enum Tile { RunningTile, CompletedTile, CompensatedTile, StuckTile, ThroughputTile, EventsTile, TileCount };

    explicit SummaryPanel(QWidget *parent = nullptr);

    /** Shows `state` (not kept). */
    void showState(const RunState &state);
    /** The figure a tile shows, e.g. "12" or "41.7/s". */
    QString valueText(Tile tile) const;
    /** Finished instances per second of trace time, or -1 when no time has passed. */
    static double throughput(const RunState &state);

private:
    std::array<QLabel *, TileCount> m_values{};
    std::array<QLabel *, TileCount> m_captions{};
};

} // namespace Sagascope
