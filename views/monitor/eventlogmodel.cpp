// SPDX-License-Identifier: MIT
#include "eventlogmodel.h"

#include <QFont>

#include <algorithm>

namespace Sagascope {

EventLogModel::EventLogModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

void EventLogModel::appendEvents(const QList<TraceEvent> &events)
{
    if (events.isEmpty())
        return;
    const int first = int(m_count);
    beginInsertRows({}, first, first + int(events.size()) - 1);
    for (const TraceEvent &event : events) {
        if ((m_count & ChunkMask) == 0) {
            m_chunks.append(QList<TraceEvent>());
            m_chunks.last().reserve(ChunkSize);
        }
        m_rowsByInstance[event.instance].append(int(m_count));
        m_chunks.last().append(event);
        ++m_count;
    }
    m_flat.clear();
    m_flatValid = false;
    endInsertRows();
}

void EventLogModel::reserveInstances(int count)
{
    m_rowsByInstance.reserve(count);
}

void EventLogModel::clear()
{
    beginResetModel();
    m_chunks.clear();
    m_count = 0;
    m_flat.clear();
    m_flatValid = true;
    m_rowsByInstance.clear();
    endResetModel();
}

void EventLogModel::setPalette(const QPalette &palette)
{
    m_style = MonitorStyle(palette);
    m_icons.clear();
    if (m_count > 0)
        Q_EMIT dataChanged(index(0, EventColumn), index(rowCount() - 1, EventColumn), {Qt::DecorationRole});
}

const QList<TraceEvent> &EventLogModel::events() const
{
    if (!m_flatValid) {
        m_flat.clear();
        m_flat.reserve(m_count);
        for (const QList<TraceEvent> &chunk : m_chunks)
            m_flat.append(chunk);
        m_flatValid = true;
    }
    return m_flat;
}

QList<TraceEvent> EventLogModel::eventsOf(const QString &instance) const
{
    QList<TraceEvent> out;
    const auto it = m_rowsByInstance.constFind(instance);
    if (it == m_rowsByInstance.cend())
        return out;
    out.reserve(it->size());
    for (int row : *it)
        out.append(event(row));
    return out;
}

QByteArray EventLogModel::jsonLines(QList<int> rows) const
{
    std::sort(rows.begin(), rows.end());
    rows.erase(std::unique(rows.begin(), rows.end()), rows.end());
    QByteArray out;
    for (int row : rows) {
        if (row < 0 || row >= m_count)
            continue;
        out += event(row).toJson();
        out += '\n';
    }
    return out;
}

QString EventLogModel::shortId(const QString &instance)
{
    return instance.left(8);
}

QString EventLogModel::detailText(const TraceEvent &event)
{
    if (event.event == TraceEventType::EventPublished)
        return tr("%1 (%2) published").arg(event.eventType, event.eventId);
    if (event.event == TraceEventType::EventDelivered)
        return event.toCompensation ? tr("%1 (%2) delivered to the compensation").arg(event.eventType, event.eventId)
                                    : tr("%1 (%2) delivered").arg(event.eventType, event.eventId);
    if (event.event == TraceEventType::RetryScheduled && event.delayMs >= 0)
        return tr("retry in %1 ms").arg(event.delayMs);
    if (event.failure != FailureKind::None)
        return event.reason.isEmpty() ? failureKindName(event.failure)
                                      : tr("%1: %2").arg(failureKindName(event.failure), event.reason);
    return event.reason;
}

int EventLogModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_count);
}

int EventLogModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant EventLogModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_count)
        return {};
    const TraceEvent &e = event(index.row());
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case InstanceColumn: return shortId(e.instance);
        case SeqColumn: return e.seq;
        case TimeColumn: return tr("%L1 ms").arg(e.t);
        case StepColumn: return e.step;
        case EventColumn: return traceEventTypeName(e.event);
        case AttemptColumn: return e.isStepEvent() ? QVariant(e.attempt) : QVariant();
        case DetailColumn: return detailText(e);
        }
        break;
    case SortRole:
        switch (index.column()) {
        case SeqColumn: return e.seq;
        case TimeColumn: return e.t;
        case AttemptColumn: return e.attempt;
        case InstanceColumn: return e.instance;
        default: return data(index, Qt::DisplayRole);
        }
    case Qt::ToolTipRole:
        if (index.column() == InstanceColumn)
            return e.instance;
        if (index.column() == DetailColumn && !e.reason.isEmpty())
            return e.reason;
        break;
    case Qt::DecorationRole:
        if (index.column() == EventColumn) {
            const quint32 key = quint32(e.event) << 8 | quint32(e.failure);
            auto it = m_icons.find(key);
            if (it == m_icons.end())
                it = m_icons.insert(key, m_style.eventIcon(e));
            return *it;
        }
        break;
    case Qt::TextAlignmentRole:
        if (index.column() == SeqColumn || index.column() == TimeColumn || index.column() == AttemptColumn)
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        break;
    case Qt::FontRole:
        if (index.column() == InstanceColumn) {
            QFont font;
            font.setFamily(QStringLiteral("monospace"));
            font.setStyleHint(QFont::Monospace);
            return font;
        }
        break;
    case EventTypeRole: return int(e.event);
    case FailureRole: return int(e.failure);
    case StepRole: return e.step;
    case InstanceRole: return e.instance;
    }
    return {};
}

QVariant EventLogModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case InstanceColumn: return tr("Instance");
    case SeqColumn: return tr("Seq");
    case TimeColumn: return tr("Time");
    case StepColumn: return tr("Step");
    case EventColumn: return tr("Event");
    case AttemptColumn: return tr("Attempt");
    case DetailColumn: return tr("Failure / reason");
    }
    return {};
}

} // namespace Sagascope
