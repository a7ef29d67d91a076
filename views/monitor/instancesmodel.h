// SPDX-License-Identifier: MIT
#pragma once

#include "monitorstyle.h"
#include "runstate.h"

#include <QAbstractTableModel>
#include <QElapsedTimer>
#include <QIcon>

#include <array>

namespace Sagascope {

/**
 * One row per saga instance (status, correlation id, start, duration, reason), read from a
 * RunState in the order the instances appeared. sync() is called once per batch after the state
 * has applied it: new instances arrive in one insertion, changed rows in one dataChanged.
 */
class InstancesModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { StatusColumn, IdColumn, StartColumn, DurationColumn, ReasonColumn, ColumnCount };
    enum Role {
        StatusRole = Qt::UserRole + 1, // int(InstanceStatus)
        InstanceRole,                  // the correlation id
        SortRole,                      // numbers as numbers
    };

    explicit InstancesModel(QObject *parent = nullptr);

    /** The state to show (not owned; it must outlive the model or be replaced). Resets the model. */
    void setRunState(const RunState *state);
    const RunState *runState() const { return m_state; }
    /** Call after the state has applied a batch that changed instances [firstTouched, lastTouched]
     *  (RunState::takeTouched()): new rows in one insertion, changed rows in one dataChanged. */
    void sync(int firstTouched, int lastTouched);
    /** The same, finding the touched rows from the batch's instance ids. */
    void sync(const QList<TraceEvent> &batch);
    void setPalette(const QPalette &palette);

    QString instanceAt(int row) const;
    /** Row of an instance, or -1. O(1). */
    int rowOf(const QString &instance) const;
    /** "250 ms", "1.25 s", "2 min 5 s". */
    static QString formatDuration(qint64 ms);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    const RunState *m_state = nullptr;
    int m_rows = 0;
    int m_firstRunning = 0; // rows before it are all finished: their duration no longer changes
    QElapsedTimer m_durationTick; // running durations are refreshed a few times a second, not every frame
    MonitorStyle m_style;
    std::array<QIcon, 4> m_icons;
};

} // namespace Sagascope
