// SPDX-License-Identifier: MIT
#pragma once

#include "monitorstyle.h"
#include "traceevent.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QList>

namespace Sagascope {

/**
 * The trace as a table: one row per event, in the order received. Grows by whole batches (one
 * beginInsertRows per batch, never one per event) and keeps an index of each instance's rows so
 * that one instance's events are found without a scan.
 */
class EventLogModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { InstanceColumn, SeqColumn, TimeColumn, StepColumn, EventColumn, AttemptColumn, DetailColumn, ColumnCount };
    enum Role {
        EventTypeRole = Qt::UserRole + 1, // int(TraceEventType)
        FailureRole,                      // int(FailureKind)
        StepRole,                         // the step id
        InstanceRole,                     // the full correlation id
        SortRole,                         // numbers as numbers
    };

    explicit EventLogModel(QObject *parent = nullptr);

    /** Appends a batch in one insertion. */
    void appendEvents(const QList<TraceEvent> &events);
    void clear();
    /** The palette the icons are drawn for (light or dark). */
    void setPalette(const QPalette &palette);

    qsizetype eventCount() const { return m_events.size(); }
    const TraceEvent &event(int row) const { return m_events.at(row); }
    const QList<TraceEvent> &events() const { return m_events; }
    /** One instance's events, in the order received. */
    QList<TraceEvent> eventsOf(const QString &instance) const;
    /** The given rows as the SPEC's JSON lines, in row order, each ending with a newline. */
    QByteArray jsonLines(QList<int> rows) const;
    /** The first 8 characters of a correlation id (a UUID's first group). */
    static QString shortId(const QString &instance);
    /** The Detail column's text: "technical: reason", "retry in 556 ms", a final reason. */
    static QString detailText(const TraceEvent &event);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QList<TraceEvent> m_events;
    QHash<QString, QList<int>> m_rowsByInstance;
    MonitorStyle m_style;
    mutable QHash<quint32, QIcon> m_icons; // by event type and failure
};

} // namespace Sagascope
