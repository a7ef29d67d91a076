// SPDX-License-Identifier: MIT
#pragma once

#include "sagadefinition.h"
#include "traceevent.h"

#include <QSortFilterProxyModel>

namespace Sagascope {

class EventLogModel;

/**
 * Filters the event log by step, by trace event type, by the broker's event type, by one
 * instance and by a search in the correlation ids. Reads the events straight from its EventLogModel (no string round trips), so
 * that filtering a large trace stays cheap.
 */
class EventLogFilterModel : public QSortFilterProxyModel
{
    Q_OBJECT
public:
    explicit EventLogFilterModel(QObject *parent = nullptr);

    void setLogModel(EventLogModel *model);
    EventLogModel *logModel() const { return m_log; }

    /** Only this step's events; empty: every step (saga_* events have no step and are hidden by a step filter). */
    void setStepFilter(const StepId &step);
    StepId stepFilter() const { return m_step; }
    /** Which event types are shown: bit i stands for TraceEventType(i). */
    void setEventTypeMask(quint32 mask);
    quint32 eventTypeMask() const { return m_types; }
    void setEventTypeShown(TraceEventType type, bool shown);
    static constexpr quint32 AllEventTypes = (1u << (quint32(TraceEventType::SagaResumed) + 1)) - 1;
    /** Only this instance's events (exact id); empty: every instance. */
    void setInstanceFilter(const QString &instance);
    QString instanceFilter() const { return m_instance; }
    /** Only the broker's events (event_published, event_delivered) of this event type, e.g.
     *  "OrderCreated" (SPEC section 5); empty: no such filter. */
    void setBrokerEventFilter(const QString &eventType);
    QString brokerEventFilter() const { return m_brokerEvent; }
    /** Events whose correlation id contains `text` (case-insensitive); empty: no search. */
    void setSearchText(const QString &text);
    QString searchText() const { return m_search; }

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    EventLogModel *m_log = nullptr;
    StepId m_step;
    quint32 m_types = AllEventTypes;
    QString m_instance;
    QString m_search;
    QString m_brokerEvent;
};

} // namespace Sagascope
