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
    /** Makes room for `count` instances in the rows-by-instance index (no rehash while they come). */
    void reserveInstances(int count);
    /** The palette the icons are drawn for (light or dark). */
    void setPalette(const QPalette &palette);

    qsizetype eventCount() const { return m_count; }
    const TraceEvent &event(int row) const { return m_chunks.at(row >> ChunkBits).at(row & ChunkMask); }
    /** The whole log as one list (built on demand, then kept until the log changes). */
    const QList<TraceEvent> &events() const;
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
    // The log in chunks of a fixed size: appending never moves the events already there (one
    // QList of 150,000 events copied on growth cost a frame 10 ms).
    static constexpr int ChunkBits = 12;
    static constexpr int ChunkSize = 1 << ChunkBits;
    static constexpr int ChunkMask = ChunkSize - 1;
    QList<QList<TraceEvent>> m_chunks;
    qsizetype m_count = 0;
    mutable QList<TraceEvent> m_flat; // events(), when asked for
    mutable bool m_flatValid = true;
    QHash<QString, QList<int>> m_rowsByInstance;
    MonitorStyle m_style;
    mutable QHash<quint32, QIcon> m_icons; // by event type and failure
};

} // namespace Sagascope
