// SPDX-License-Identifier: MIT
#include "eventlogfiltermodel.h"

#include "eventlogmodel.h"

namespace Sagascope {

EventLogFilterModel::EventLogFilterModel(QObject *parent)
    : QSortFilterProxyModel(parent)
{
    setSortRole(EventLogModel::SortRole);
}

void EventLogFilterModel::setLogModel(EventLogModel *model)
{
    m_log = model;
    setSourceModel(model);
}

void EventLogFilterModel::setStepFilter(const StepId &step)
{
    if (m_step == step)
        return;
    m_step = step;
    invalidateFilter();
}

void EventLogFilterModel::setEventTypeMask(quint32 mask)
{
    mask &= AllEventTypes;
    if (m_types == mask)
        return;
    m_types = mask;
    invalidateFilter();
}

void EventLogFilterModel::setEventTypeShown(TraceEventType type, bool shown)
{
    const quint32 bit = 1u << quint32(type);
    setEventTypeMask(shown ? (m_types | bit) : (m_types & ~bit));
}

void EventLogFilterModel::setInstanceFilter(const QString &instance)
{
    if (m_instance == instance)
        return;
    m_instance = instance;
    invalidateFilter();
}

void EventLogFilterModel::setBrokerEventFilter(const QString &eventType)
{
    if (m_brokerEvent == eventType)
        return;
    m_brokerEvent = eventType;
    invalidateFilter();
}

void EventLogFilterModel::setSearchText(const QString &text)
{
    const QString trimmed = text.trimmed();
    if (m_search == trimmed)
        return;
    m_search = trimmed;
    invalidateFilter();
}

bool EventLogFilterModel::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    if (!m_log || sourceParent.isValid())
        return true;
    const TraceEvent &event = m_log->event(sourceRow);
    if (!(m_types & (1u << quint32(event.event))))
        return false;
    if (!m_step.isEmpty() && event.step != m_step)
        return false;
    if (!m_instance.isEmpty() && event.instance != m_instance)
        return false;
    if (!m_search.isEmpty() && !event.instance.contains(m_search, Qt::CaseInsensitive))
        return false;
    if (!m_brokerEvent.isEmpty() && (!event.isBrokerEvent() || event.eventType != m_brokerEvent))
        return false;
    return true;
}

} // namespace Sagascope
