// SPDX-License-Identifier: MIT
#include "eventlogpanel.h"

#include "eventlogfiltermodel.h"
#include "eventindex.h"
#include "eventlogmodel.h"

#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMimeData>
#include <QScrollBar>
#include <QTableView>
#include <QToolButton>
#include <QVBoxLayout>

namespace Sagascope {

EventLogPanel::EventLogPanel(EventLogModel *model, QWidget *parent)
    : QWidget(parent)
    , m_model(model)
    , m_filter(new EventLogFilterModel(this))
{
    m_filter->setLogModel(model);
    model->setPalette(palette());

    m_count = new QLabel(this);
    m_count->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
    m_count->setForegroundRole(QPalette::PlaceholderText);

    m_search = new QLineEdit(this);
    m_search->setPlaceholderText(tr("Search correlation id…"));
    m_search->setClearButtonEnabled(true);
    m_search->setAccessibleName(tr("Search correlation id"));
    connect(m_search, &QLineEdit::textChanged, m_filter, &EventLogFilterModel::setSearchText);

    m_stepCombo = new QComboBox(this);
    m_stepCombo->setAccessibleName(tr("Step filter"));
    m_stepCombo->addItem(tr("All steps"), QString());
    m_stepCombo->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    connect(m_stepCombo, &QComboBox::currentIndexChanged, this,
            [this](int) { m_filter->setStepFilter(m_stepCombo->currentData().toString()); });

    m_typesButton = new QToolButton(this);
    m_typesButton->setPopupMode(QToolButton::InstantPopup);
    m_typesButton->setToolButtonStyle(Qt::ToolButtonTextOnly);
    // The menu arrow beside the text, not drawn over its last letters (seen: "All events⌄").
    m_typesButton->setStyleSheet(QStringLiteral("QToolButton { padding: 2px 18px 2px 6px; }"
                                                "QToolButton::menu-indicator { subcontrol-origin: padding;"
                                                " subcontrol-position: center right; right: 4px; }"));
    m_typesButton->setAccessibleName(tr("Event types"));
    auto *menu = new QMenu(m_typesButton);
    QAction *all = menu->addAction(tr("All events"));
    connect(all, &QAction::triggered, this, [this] {
        for (QAction *a : std::as_const(m_typeActions))
            a->setChecked(true);
    });
    QAction *problems = menu->addAction(tr("Failures, retries and compensations"));
    connect(problems, &QAction::triggered, this, [this] {
        for (int i = 0; i < m_typeActions.size(); ++i) {
            const auto type = TraceEventType(i);
            m_typeActions[i]->setChecked(
                type == TraceEventType::StepFailed || type == TraceEventType::RetryScheduled
                || type == TraceEventType::CompensationStarted || type == TraceEventType::CompensationSucceeded
                || type == TraceEventType::CompensationFailed || type == TraceEventType::SagaCompensated
                || type == TraceEventType::SagaStuck);
        }
    });
    menu->addSeparator();
    for (int i = 0; i <= int(TraceEventType::SagaResumed); ++i) {
        QAction *action = menu->addAction(traceEventTypeName(TraceEventType(i)));
        action->setCheckable(true);
        action->setChecked(true);
        connect(action, &QAction::toggled, this, [this, i](bool on) {
            m_filter->setEventTypeShown(TraceEventType(i), on);
            updateTypesButton();
        });
        m_typeActions.append(action);
    }
    m_typesButton->setMenu(menu);
    updateTypesButton();

    m_brokerEventCombo = new QComboBox(this);
    m_brokerEventCombo->setObjectName(QStringLiteral("brokerEventFilter"));
    m_brokerEventCombo->setAccessibleName(tr("Event filter"));
    m_brokerEventCombo->setToolTip(tr("Only the publications and deliveries of one event (choreography)"));
    m_brokerEventCombo->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_brokerEventCombo->addItem(tr("Any event"), QString());
    m_brokerEventCombo->setVisible(false); // a saga without events has nothing to choose
    connect(m_brokerEventCombo, &QComboBox::currentIndexChanged, this,
            [this](int) { m_filter->setBrokerEventFilter(m_brokerEventCombo->currentData().toString()); });

    m_onlySelected = new QCheckBox(tr("Selected instance only"), this);
    m_onlySelected->setEnabled(false);
    connect(m_onlySelected, &QCheckBox::toggled, this, [this] { updateInstanceFilter(); });

    m_view = new QTableView(this);
    m_view->setModel(m_filter);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_view->setAlternatingRowColors(true);
    m_view->setShowGrid(false);
    m_view->setWordWrap(false);
    m_view->setSortingEnabled(false); // the log is shown in the order it happened
    m_view->verticalHeader()->hide();
    // Uniform rows: the view never measures 100,000 rows.
    m_view->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_view->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 8);
    QHeaderView *header = m_view->horizontalHeader();
    header->setStretchLastSection(true);
    header->setHighlightSections(false);
    header->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    const int digit = fontMetrics().horizontalAdvance(QLatin1Char('0'));
    m_view->setColumnWidth(EventLogModel::InstanceColumn, digit * 11);
    m_view->setColumnWidth(EventLogModel::SeqColumn, digit * 6);
    m_view->setColumnWidth(EventLogModel::TimeColumn, digit * 11);
    m_view->setColumnWidth(EventLogModel::StepColumn, digit * 16);
    m_view->setColumnWidth(EventLogModel::EventColumn, digit * 26);
    m_view->setColumnWidth(EventLogModel::AttemptColumn, digit * 8);
    m_view->setContextMenuPolicy(Qt::ActionsContextMenu);

    m_copy = new QAction(tr("&Copy as JSON Lines"), this);
    m_copy->setShortcut(QKeySequence::Copy);
    m_copy->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(m_copy, &QAction::triggered, this, &EventLogPanel::copySelection);
    m_view->addAction(m_copy);

    auto *bar = new QHBoxLayout;
    bar->setContentsMargins(0, 0, 0, 0);
    bar->addWidget(m_search, 2);
    bar->addWidget(m_stepCombo);
    bar->addWidget(m_typesButton);
    bar->addWidget(m_brokerEventCombo);
    bar->addWidget(m_onlySelected);
    bar->addWidget(m_count, 1);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->setSpacing(4);
    layout->addLayout(bar);
    layout->addWidget(m_view, 1);

    // Follow the end of the log while the user is at the bottom.
    connect(m_filter, &QAbstractItemModel::rowsAboutToBeInserted, this, [this] {
        const QScrollBar *bar = m_view->verticalScrollBar();
        m_follow = bar->value() >= bar->maximum() - 2;
    });
    connect(m_filter, &QAbstractItemModel::rowsInserted, this, [this] {
        if (m_follow && !m_view->selectionModel()->hasSelection())
            m_view->scrollToBottom();
        updateCount();
    });
    connect(m_filter, &QAbstractItemModel::rowsRemoved, this, &EventLogPanel::updateCount);
    connect(m_filter, &QAbstractItemModel::modelReset, this, &EventLogPanel::updateCount);
    connect(m_filter, &QAbstractItemModel::layoutChanged, this, &EventLogPanel::updateCount);
    updateCount();
}

void EventLogPanel::setDefinition(const SagaDefinition &definition)
{
    const QString current = m_stepCombo->currentData().toString();
    QSignalBlocker blocker(m_stepCombo);
    m_stepCombo->clear();
    m_stepCombo->addItem(tr("All steps"), QString());
    for (const Step &step : definition.steps)
        m_stepCombo->addItem(step.id, step.id);
    const int index = m_stepCombo->findData(current);
    m_stepCombo->setCurrentIndex(index < 0 ? 0 : index);
    m_filter->setStepFilter(m_stepCombo->currentData().toString());

    const QString currentEvent = m_brokerEventCombo->currentData().toString();
    QSignalBlocker eventBlocker(m_brokerEventCombo);
    m_brokerEventCombo->clear();
    m_brokerEventCombo->addItem(tr("Any event"), QString());
    const QStringList events = definition.usesEvents() ? EventIndex(definition).events() : QStringList();
    for (const QString &event : events)
        m_brokerEventCombo->addItem(event, event);
    const int eventIndex = m_brokerEventCombo->findData(currentEvent);
    m_brokerEventCombo->setCurrentIndex(eventIndex < 0 ? 0 : eventIndex);
    m_brokerEventCombo->setVisible(!events.isEmpty());
    m_filter->setBrokerEventFilter(m_brokerEventCombo->currentData().toString());
}

void EventLogPanel::setSelectedInstance(const QString &instance)
{
    m_selectedInstance = instance;
    m_onlySelected->setEnabled(!instance.isEmpty());
    m_onlySelected->setToolTip(instance.isEmpty() ? QString() : tr("Show only the events of %1").arg(instance));
    updateInstanceFilter();
}

void EventLogPanel::setSelectedInstanceOnly(bool only)
{
    m_onlySelected->setChecked(only);
}

void EventLogPanel::updateInstanceFilter()
{
    m_filter->setInstanceFilter(m_onlySelected->isChecked() ? m_selectedInstance : QString());
    updateCount();
}

void EventLogPanel::updateCount()
{
    const int shown = m_filter->rowCount();
    const int total = m_model->rowCount();
    QString text = shown != total ? tr("%L1 of %L2 events").arg(shown).arg(total)
                                  : (total == 1 ? tr("1 event") : tr("%L1 events").arg(total));
    if (m_seed)
        text += QStringLiteral(" \u00b7 ") + tr("seed %1").arg(*m_seed);
    m_count->setText(text);
}

void EventLogPanel::setSeed(std::optional<quint64> seed)
{
    m_seed = seed;
    updateCount();
}

QString EventLogPanel::countText() const
{
    return m_count->text();
}

void EventLogPanel::updateTypesButton()
{
    const quint32 mask = m_filter->eventTypeMask();
    const int shown = qPopulationCount(mask);
    if (mask == EventLogFilterModel::AllEventTypes)
        m_typesButton->setText(tr("All events"));
    else
        m_typesButton->setText(tr("%1 of %2 event types").arg(shown).arg(m_typeActions.size()));
    updateCount();
}

QByteArray EventLogPanel::selectedJsonLines() const
{
    QList<int> rows;
    const QModelIndexList selected = m_view->selectionModel()->selectedRows();
    rows.reserve(selected.size());
    for (const QModelIndex &index : selected)
        rows.append(m_filter->mapToSource(index).row());
    return m_model->jsonLines(rows);
}

void EventLogPanel::copySelection()
{
    const QByteArray lines = selectedJsonLines();
    if (lines.isEmpty())
        return;
    auto *mime = new QMimeData;
    mime->setText(QString::fromUtf8(lines));
    mime->setData(QStringLiteral("application/jsonl"), lines);
    QApplication::clipboard()->setMimeData(mime);
}

} // namespace Sagascope
