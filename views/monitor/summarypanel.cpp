// SPDX-License-Identifier: MIT
#include "summarypanel.h"

#include "monitorstyle.h"
#include "runstate.h"

#include <QFrame>
#include <QHBoxLayout>
#include <QLabel>
#include <QToolButton>
#include <QVBoxLayout>

namespace Sagascope {

void SummaryPanel::setSeed(std::optional<quint64> seed)
{
    m_seedValue = seed;
    m_seed->setText(seed ? QString::number(*seed) : tr("—"));
    m_pinSeed->setEnabled(seed.has_value());
}

QString SummaryPanel::seedText() const
{
    return m_seed->text();
}

SummaryPanel::SummaryPanel(QWidget *parent)
    : QWidget(parent)
{
    const MonitorStyle style(palette());
    auto *outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    outer->setSpacing(0);
    auto *layout = new QHBoxLayout;
    outer->addLayout(layout);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->setSpacing(6);
    const QString captions[TileCount] = {tr("Running"),    tr("Completed"),  tr("Compensated"),
                                         tr("Stuck"),      tr("Throughput"), tr("Events")};
    QFont big = font();
    big.setPointSizeF(font().pointSizeF() * 1.45);
    big.setBold(true);
    for (int t = 0; t < TileCount; ++t) {
        auto *tile = new QFrame(this);
        tile->setFrameShape(QFrame::StyledPanel);
        tile->setBackgroundRole(QPalette::Base);
        tile->setAutoFillBackground(true);
        auto *row = new QHBoxLayout(tile);
        row->setContentsMargins(8, 4, 10, 4);
        row->setSpacing(8);
        if (t <= StuckTile) {
            auto *icon = new QLabel(tile);
            icon->setPixmap(style.statusIcon(InstanceStatus(t), 20).pixmap(20, 20));
            icon->setAccessibleName(MonitorStyle::statusName(InstanceStatus(t)));
            row->addWidget(icon);
        }
        auto *column = new QVBoxLayout;
        column->setSpacing(0);
        m_values[size_t(t)] = new QLabel(QStringLiteral("0"), tile);
        m_values[size_t(t)]->setFont(big);
        m_captions[size_t(t)] = new QLabel(captions[t], tile);
        m_captions[size_t(t)]->setForegroundRole(QPalette::PlaceholderText);
        column->addWidget(m_values[size_t(t)]);
        column->addWidget(m_captions[size_t(t)]);
        row->addLayout(column);
        row->addStretch(1);
        layout->addWidget(tile, 1);
    }
    // Under the tiles (so the panel gets no wider): the seed, which reproduces the run; pinned,
    // the next runs replay it.
    auto *seedRow = new QHBoxLayout;
    seedRow->setContentsMargins(4, 0, 4, 0);
    auto *seedCaption = new QLabel(tr("Seed"), this);
    seedCaption->setForegroundRole(QPalette::PlaceholderText);
    m_seed = new QLabel(tr("—"), this);
    m_seed->setObjectName(QStringLiteral("seedValue"));
    m_seed->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_pinSeed = new QToolButton(this);
    m_pinSeed->setObjectName(QStringLiteral("pinSeedButton"));
    m_pinSeed->setText(tr("Pin"));
    m_pinSeed->setToolTip(tr("Run the next runs with this seed: a replay of this run"));
    m_pinSeed->setEnabled(false);
    seedRow->addWidget(seedCaption);
    seedRow->addWidget(m_seed);
    seedRow->addWidget(m_pinSeed);
    seedRow->addStretch(1);
    connect(m_pinSeed, &QToolButton::clicked, this, [this] {
        if (m_seedValue)
            Q_EMIT pinSeedRequested(*m_seedValue);
    });
    outer->addLayout(seedRow);

    m_values[ThroughputTile]->setText(tr("—"));
    m_values[ThroughputTile]->setToolTip(tr("Finished instances per second of the run's own time (virtual with --virtual-time)"));
}

double SummaryPanel::throughput(const RunState &state)
{
    const int finished = state.statusCount(InstanceStatus::Completed) + state.statusCount(InstanceStatus::Compensated)
        + state.statusCount(InstanceStatus::Stuck);
    const qint64 span = state.lastT() - state.firstT();
    if (state.firstT() < 0 || span <= 0)
        return -1;
    return finished * 1000.0 / double(span);
}

void SummaryPanel::showState(const RunState &state)
{
    for (int s = 0; s < 4; ++s)
        m_values[size_t(s)]->setText(QLocale().toString(state.statusCount(InstanceStatus(s))));
    const double rate = throughput(state);
    m_values[ThroughputTile]->setText(rate < 0 ? tr("—")
                                               : tr("%1/s").arg(QLocale().toString(rate, 'f', rate < 10 ? 2 : 1)));
    m_values[EventsTile]->setText(QLocale().toString(state.appliedCount()));
}

void SummaryPanel::setWriterGone(bool gone)
{
    m_captions[RunningTile]->setText(gone ? tr("Unfinished (writer gone)") : tr("Running"));
    m_captions[ThroughputTile]->setText(gone ? tr("Throughput (stopped)") : tr("Throughput"));
    m_values[ThroughputTile]->setToolTip(
        gone ? tr("Finished instances per second of the run's own time, until its writer stopped")
             : tr("Finished instances per second of the run's own time (virtual with --virtual-time)"));
}

QString SummaryPanel::captionText(Tile tile) const
{
    return m_captions[size_t(tile)]->text();
}

QString SummaryPanel::valueText(Tile tile) const
{
    return m_values[size_t(tile)]->text();
}

} // namespace Sagascope
