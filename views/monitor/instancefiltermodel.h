// SPDX-License-Identifier: MIT
#pragma once

#include "traceevent.h"

#include <QSortFilterProxyModel>

namespace Sagascope {

/** Filters the instances list by status and by a search in the correlation id; sorts numerically. */
class InstanceFilterModel : public QSortFilterProxyModel
{
    Q_OBJECT
public:
    explicit InstanceFilterModel(QObject *parent = nullptr);

    /** Show only this status; std::nullopt: every status. */
    void setStatusFilter(std::optional<InstanceStatus> status);
    std::optional<InstanceStatus> statusFilter() const { return m_status; }
    /** Instances whose id contains `text` (case-insensitive). */
    void setSearchText(const QString &text);

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    std::optional<InstanceStatus> m_status;
    QString m_search;
};

} // namespace Sagascope
