// SPDX-License-Identifier: MIT
#include "instancesmodel.h"

#include <QFont>

namespace Sagascope {

InstancesModel::InstancesModel(QObject *parent)
    : QAbstractTableModel(parent)
{
    setPalette(QPalette());
}

void InstancesModel::setPalette(const QPalette &palette)
{
    m_style = MonitorStyle(palette);
    for (int s = 0; s < 4; ++s)
        m_icons[size_t(s)] = m_style.statusIcon(InstanceStatus(s));
    if (m_rows > 0)
        Q_EMIT dataChanged(index(0, StatusColumn), index(m_rows - 1, StatusColumn), {Qt::DecorationRole});
}

void InstancesModel::setRunState(const RunState *state)
{
    beginResetModel();
    m_state = state;
    m_rows = state ? state->instanceCount() : 0;
    m_firstRunning = 0;
    endResetModel();
}

void InstancesModel::sync(int firstTouched, int lastTouched)
{
    if (!m_state)
        return;
    const int oldRows = m_rows;
    const int rows = m_state->instanceCount();
    if (rows < m_rows) { // the state was cleared behind our back
        setRunState(m_state);
        return;
    }
    if (rows > m_rows) {
        beginInsertRows({}, m_rows, rows - 1);
        m_rows = rows;
        endInsertRows();
    }
    // Rows that existed before this batch and changed in it.
    const int last = qMin(lastTouched, oldRows - 1);
    if (firstTouched >= 0 && last >= firstTouched)
        Q_EMIT dataChanged(index(firstTouched, 0), index(last, ColumnCount - 1));
    // Running instances' durations grow with the run's clock.
    while (m_firstRunning < oldRows && m_state->instanceAt(m_firstRunning).isFinished())
        ++m_firstRunning;
    // (at most four times a second: with thousands running, that range is the whole table)
    if (m_firstRunning < oldRows && (!m_durationTick.isValid() || m_durationTick.elapsed() >= 250)) {
        m_durationTick.start();
        Q_EMIT dataChanged(index(m_firstRunning, DurationColumn), index(oldRows - 1, DurationColumn), {Qt::DisplayRole});
    }
}

void InstancesModel::sync(const QList<TraceEvent> &batch)
{
    if (!m_state)
        return;
    int first = -1, last = -1;
    for (const TraceEvent &event : batch) {
        const int row = m_state->instanceIndex(event.instance);
        if (row >= 0) {
            first = first < 0 ? row : qMin(first, row);
            last = qMax(last, row);
        }
    }
    sync(first, last);
}

QString InstancesModel::instanceAt(int row) const
{
    return m_state && row >= 0 && row < m_rows ? m_state->instanceAt(row).id : QString();
}

int InstancesModel::rowOf(const QString &instance) const
{
    if (!m_state)
        return -1;
    const int row = m_state->instanceIndex(instance);
    return row < m_rows ? row : -1;
}

QString InstancesModel::formatDuration(qint64 ms)
{
    if (ms < 0)
        return QString();
    if (ms < 1000)
        return tr("%L1 ms").arg(ms);
    if (ms < 60000)
        return tr("%L1 s").arg(double(ms) / 1000.0, 0, 'f', ms < 10000 ? 2 : 1);
    return tr("%1 min %2 s").arg(ms / 60000).arg((ms % 60000) / 1000);
}

int InstancesModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : m_rows;
}

int InstancesModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant InstancesModel::data(const QModelIndex &index, int role) const
{
    if (!m_state || !index.isValid() || index.row() >= m_rows)
        return {};
    const InstanceRunState &instance = m_state->instanceAt(index.row());
    const qint64 duration = instance.duration(m_state->lastT());
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case StatusColumn: return MonitorStyle::statusName(instance.status);
        case IdColumn: return instance.id;
        case StartColumn: return tr("%L1 ms").arg(instance.startedAt);
        case DurationColumn: return formatDuration(duration);
        case ReasonColumn: return instance.reason;
        }
        break;
    case Qt::DecorationRole:
        if (index.column() == StatusColumn)
            return m_icons[size_t(instance.status)];
        break;
    case Qt::ToolTipRole:
        if (index.column() == ReasonColumn || index.column() == StatusColumn)
            return instance.reason.isEmpty() ? QVariant() : QVariant(instance.reason);
        if (index.column() == IdColumn)
            return instance.id;
        break;
    case Qt::TextAlignmentRole:
        if (index.column() == StartColumn || index.column() == DurationColumn)
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        break;
    case Qt::FontRole:
        if (index.column() == IdColumn) {
            QFont font;
            font.setFamily(QStringLiteral("monospace"));
            font.setStyleHint(QFont::Monospace);
            return font;
        }
        break;
    case SortRole:
        switch (index.column()) {
        case StatusColumn: return int(instance.status);
        case StartColumn: return instance.startedAt;
        case DurationColumn: return duration;
        default: return data(index, Qt::DisplayRole);
        }
    case StatusRole: return int(instance.status);
    case InstanceRole: return instance.id;
    }
    return {};
}

QVariant InstancesModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case StatusColumn: return tr("Status");
    case IdColumn: return tr("Correlation id");
    case StartColumn: return tr("Started");
    case DurationColumn: return tr("Duration");
    case ReasonColumn: return tr("Reason");
    }
    return {};
}

} // namespace Sagascope
