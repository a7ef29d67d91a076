// SPDX-License-Identifier: MIT
#include "instancefiltermodel.h"

#include "instancesmodel.h"

namespace Sagascope {

InstanceFilterModel::InstanceFilterModel(QObject *parent)
    : QSortFilterProxyModel(parent)
{
    setSortRole(InstancesModel::SortRole);
}

void InstanceFilterModel::setStatusFilter(std::optional<InstanceStatus> status)
{
    if (m_status == status)
        return;
    m_status = status;
    invalidateFilter();
}

void InstanceFilterModel::setSearchText(const QString &text)
{
    const QString trimmed = text.trimmed();
    if (m_search == trimmed)
        return;
    m_search = trimmed;
    invalidateFilter();
}

bool InstanceFilterModel::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    const QAbstractItemModel *model = sourceModel();
    if (!model)
        return true;
    const QModelIndex index = model->index(sourceRow, InstancesModel::StatusColumn, sourceParent);
    if (m_status && model->data(index, InstancesModel::StatusRole).toInt() != int(*m_status))
        return false;
    if (!m_search.isEmpty()
        && !model->data(index, InstancesModel::InstanceRole).toString().contains(m_search, Qt::CaseInsensitive))
        return false;
    return true;
}

} // namespace Sagascope
