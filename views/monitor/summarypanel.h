// SPDX-License-Identifier: MIT
#pragma once

#include <QWidget>

#include <array>
#include <optional>

QT_BEGIN_NAMESPACE
class QLabel;
class QToolButton;
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
    /** The followed log's writer is gone: "Running" reads "Unfinished" and the throughput is
     *  the figure at which it stopped, said so. */
    void setWriterGone(bool gone);
    /** A tile's caption, e.g. "Running". */
    QString captionText(Tile tile) const;
    /** Finished instances per second of trace time, or -1 when no time has passed. */
    static double throughput(const RunState &state);
    /** The seed of the run shown, with a button to pin it for a replay; none: "—". */
    void setSeed(std::optional<quint64> seed);
    QString seedText() const;
    QToolButton *pinSeedButton() const { return m_pinSeed; }

Q_SIGNALS:
    /** "Pin": run the next runs with this seed (a replay of the one shown). */
    void pinSeedRequested(quint64 seed);

private:
    QLabel *m_seed = nullptr;
    QToolButton *m_pinSeed = nullptr;
    std::optional<quint64> m_seedValue;
    std::array<QLabel *, TileCount> m_values{};
    std::array<QLabel *, TileCount> m_captions{};
};

} // namespace Sagascope
