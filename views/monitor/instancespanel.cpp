// SPDX-License-Identifier: MIT
#include "instancespanel.h"

#include "instancefiltermodel.h"
#include "instancesmodel.h"
#include "monitorstyle.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QTableView>
#include <QVBoxLayout>

namespace Sagascope {

InstancesPanel::InstancesPanel(InstancesModel *model, QWidget *parent)
    : QWidget(parent)
    , m_model(model)
    , m_filter(new InstanceFilterModel(this))
{
    m_filter->setSourceModel(model);
    model->setPalette(palette());
    const MonitorStyle style(palette());

    m_search = new QLineEdit(this);
    m_search->setPlaceholderText(tr("Search id…"));
    m_search->setClearButtonEnabled(true);
    m_search->setAccessibleName(tr("Search instance id"));
    connect(m_search, &QLineEdit::textChanged, m_filter, &InstanceFilterModel::setSearchText);

    m_status = new QComboBox(this);
    m_status->setAccessibleName(tr("Status filter"));
    m_status->addItem(tr("All statuses"), -1);
    for (int s = 0; s < 4; ++s)
        m_status->addItem(style.statusIcon(InstanceStatus(s)), MonitorStyle::statusName(InstanceStatus(s)), s);
    connect(m_status, &QComboBox::currentIndexChanged, this, [this] {
        const int s = m_status->currentData().toInt();
        m_filter->setStatusFilter(s < 0 ? std::nullopt : std::optional<InstanceStatus>(InstanceStatus(s)));
    });

    m_count = new QLabel(this);
    m_count->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
    m_count->setForegroundRole(QPalette::PlaceholderText);

    m_view = new QTableView(this);
    m_view->setModel(m_filter);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setAlternatingRowColors(true);
    m_view->setShowGrid(false);
    m_view->setWordWrap(false);
    m_view->setSortingEnabled(true);
    m_view->sortByColumn(-1, Qt::AscendingOrder); // the order of appearance until the user sorts
    m_view->verticalHeader()->hide();
    m_view->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_view->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 8);
    QHeaderView *header = m_view->horizontalHeader();
    header->setStretchLastSection(true);
    header->setHighlightSections(false);
    header->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    const int digit = fontMetrics().horizontalAdvance(QLatin1Char('0'));
    m_view->setColumnWidth(InstancesModel::StatusColumn, digit * 15);
    m_view->setColumnWidth(InstancesModel::IdColumn, digit * 38);
    m_view->setColumnWidth(InstancesModel::StartColumn, digit * 11);
    m_view->setColumnWidth(InstancesModel::DurationColumn, digit * 11);

    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex &current) {
                const QString id = current.isValid()
                    ? m_filter->data(current, InstancesModel::InstanceRole).toString()
                    : QString();
                if (id == m_selected)
                    return;
                m_selected = id;
                Q_EMIT instanceSelected(id);
            });

    auto *bar = new QHBoxLayout;
    bar->setContentsMargins(0, 0, 0, 0);
    bar->addWidget(m_search, 2);
    bar->addWidget(m_status);
    bar->addWidget(m_count, 1);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->setSpacing(4);
    layout->addLayout(bar);
    layout->addWidget(m_view, 1);

    for (auto signal : {&QAbstractItemModel::rowsInserted, &QAbstractItemModel::rowsRemoved})
        connect(m_filter, signal, this, &InstancesPanel::updateCount);
    connect(m_filter, &QAbstractItemModel::modelReset, this, &InstancesPanel::updateCount);
    connect(m_filter, &QAbstractItemModel::layoutChanged, this, &InstancesPanel::updateCount);
    updateCount();
}

QString InstancesPanel::selectedInstance() const
{
    return m_selected;
}

bool InstancesPanel::selectInstance(const QString &instance)
{
    const int row = m_model->rowOf(instance);
    if (row < 0)
        return false;
    const QModelIndex index = m_filter->mapFromSource(m_model->index(row, 0));
    if (!index.isValid())
        return false;
    m_view->selectionModel()->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    m_view->scrollTo(index);
    return true;
}

void InstancesPanel::updateCount()
{
    const int shown = m_filter->rowCount();
    const int total = m_model->rowCount();
    if (shown != total)
        m_count->setText(tr("%L1 of %L2 instances").arg(shown).arg(total));
    else
        m_count->setText(total == 1 ? tr("1 instance") : tr("%L1 instances").arg(total));
}

} // namespace Sagascope
