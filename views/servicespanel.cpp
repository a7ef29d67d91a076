// SPDX-License-Identifier: MIT
#include "servicespanel.h"

#include "remotespec.h"
#include "sagadocument.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QScopeGuard>
#include <QScopedValueRollback>
#include <QSet>
#include <QTableWidget>
#include <QVBoxLayout>

#include <algorithm>

namespace Sagascope {

namespace {
enum Column { IdColumn, LabelColumn, UsedByColumn };
}

ServicesPanel::ServicesPanel(SagaDocument *document, QWidget *parent)
    : QWidget(parent)
    , m_document(document)
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    m_table = new QTableWidget(0, 3, this);
    m_table->setHorizontalHeaderLabels({tr("Id"), tr("Label"), tr("Steps")});
    m_table->horizontalHeader()->setSectionResizeMode(LabelColumn, QHeaderView::Stretch);
    m_table->verticalHeader()->hide();
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setEditTriggers(QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed
                             | QAbstractItemView::AnyKeyPressed);
    layout->addWidget(m_table);

    auto *buttons = new QHBoxLayout;
    m_add = new QPushButton(tr("&Add service"), this);
    m_remove = new QPushButton(tr("&Remove"), this);
    m_remove->setEnabled(false);
    buttons->addWidget(m_add);
    buttons->addWidget(m_remove);
    buttons->addStretch(1);
    layout->addLayout(buttons);
    auto *remote = new QHBoxLayout;
    m_test = new QPushButton(tr("&Test connection"), this);
    m_signIn = new QPushButton(tr("Sign &in"), this);
    m_signIn->setToolTip(tr("Sign in to the service in your browser; the refresh token goes to the keychain, never "
                            "into the file"));
    // They share the row and never widen the dock (its width is the Properties panel's).
    for (QPushButton *button : {m_test, m_signIn}) {
        button->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Fixed);
        remote->addWidget(button, 1);
    }
    layout->addLayout(remote);
    m_error = new QLabel(this);
    m_error->setWordWrap(true);
    m_error->hide();
    layout->addWidget(m_error);
    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("serviceStatus"));
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_status->hide();
    layout->addWidget(m_status);

    connect(m_add, &QPushButton::clicked, this, &ServicesPanel::addService);
    connect(m_remove, &QPushButton::clicked, this, &ServicesPanel::removeSelected);
    connect(m_test, &QPushButton::clicked, this, [this] {
        if (!selectedService().isEmpty())
            Q_EMIT testConnectionRequested(selectedService());
    });
    connect(m_signIn, &QPushButton::clicked, this, [this] {
        if (!selectedService().isEmpty())
            Q_EMIT signInRequested(selectedService());
    });
    connect(m_table, &QTableWidget::itemSelectionChanged, this, &ServicesPanel::updateButtons);
    connect(m_table, &QTableWidget::cellChanged, this, &ServicesPanel::onItemChanged);
    connect(m_document, &SagaDocument::changed, this, &ServicesPanel::refresh);
    refresh();
}

QString ServicesPanel::selectedService() const
{
    QSet<int> rows;
    for (const QTableWidgetItem *item : m_table->selectedItems())
        rows.insert(item->row());
    if (rows.size() != 1)
        return {};
    const QTableWidgetItem *id = m_table->item(*rows.cbegin(), IdColumn);
    return id ? id->data(Qt::UserRole).toString() : QString();
}

void ServicesPanel::updateButtons()
{
    m_remove->setEnabled(!m_table->selectedItems().isEmpty());
    const QString id = selectedService();
    std::optional<Endpoint> endpoint;
    if (m_document && !id.isEmpty()) {
        for (const Service &service : m_document->definition().services) {
            if (service.id == id && !service.endpoint.isEmpty())
                endpoint = Endpoint::parse(service.endpoint, QString(), nullptr);
        }
    }
    m_test->setEnabled(endpoint.has_value() && !m_busy);
    m_signIn->setEnabled(endpoint && endpoint->auth.type == AuthType::OAuth2AuthorizationCode);
    const QString why = tr("Give the service an endpoint in the .saga file first");
    m_test->setToolTip(endpoint ? tr("Reach the service's base URL, fetch a token if it needs one, and say what failed") : why);
}

void ServicesPanel::setBusy(bool busy)
{
    m_busy = busy;
    updateButtons();
}

void ServicesPanel::showStatus(const QString &text, bool ok)
{
    m_status->setText(text);
    m_status->setStyleSheet(ok ? QString() : QStringLiteral("color: #b3261e;"));
    m_status->show();
}

void ServicesPanel::refresh()
{
    if (!m_document)
        return;
    const auto buttons = qScopeGuard([this] { updateButtons(); });
    const QScopedValueRollback<bool> guard(m_updating, true);
    const SagaDefinition &d = m_document->definition();
    QHash<QString, int> uses;
    for (const Step &step : d.steps)
        uses[step.service] += 1;
    m_table->setRowCount(int(d.services.size()));
    for (int row = 0; row < d.services.size(); ++row) {
        const Service &service = d.services.at(row);
        auto *id = new QTableWidgetItem(service.id);
        id->setData(Qt::UserRole, service.id);
        auto *label = new QTableWidgetItem(service.label);
        auto *used = new QTableWidgetItem(QString::number(uses.value(service.id)));
        used->setFlags(used->flags() & ~Qt::ItemIsEditable);
        used->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        used->setToolTip(tr("How many steps call this service"));
        m_table->setItem(row, IdColumn, id);
        m_table->setItem(row, LabelColumn, label);
        m_table->setItem(row, UsedByColumn, used);
    }
}

void ServicesPanel::onItemChanged(int row, int column)
{
    if (m_updating || !m_document)
        return;
    QList<Service> services = m_document->definition().services;
    if (row < 0 || row >= services.size())
        return;
    m_error->hide();
    if (column == IdColumn) {
        const QString oldId = m_table->item(row, IdColumn)->data(Qt::UserRole).toString();
        const QString newId = m_table->item(row, IdColumn)->text().trimmed();
        if (newId == oldId)
            return;
        QString problem;
        if (newId.isEmpty())
            problem = tr("A service needs an id.");
        else if (m_document->definition().hasService(newId))
            problem = tr("There is already a service with the id \"%1\".").arg(newId);
        if (!problem.isEmpty()) {
            m_error->setText(problem);
            m_error->show();
            refresh(); // put the old id back
            return;
        }
        m_document->renameService(oldId, newId); // renames it in every step too
    } else if (column == LabelColumn) {
        const QString label = m_table->item(row, LabelColumn)->text();
        if (services[row].label == label)
            return;
        services[row].label = label;
        m_document->setServices(services);
    }
}

void ServicesPanel::addService()
{
    if (!m_document)
        return;
    QList<Service> services = m_document->definition().services;
    QString id;
    for (int n = int(services.size()) + 1;; ++n) {
        id = QStringLiteral("service_%1").arg(n);
        if (!m_document->definition().hasService(id))
            break;
    }
    Service service;
    service.id = id;
    services.append(service);
    m_document->setServices(services);
    const int row = int(services.size()) - 1;
    m_table->setCurrentCell(row, IdColumn);
    m_table->editItem(m_table->item(row, IdColumn));
}

void ServicesPanel::removeSelected()
{
    if (!m_document)
        return;
    QSet<QString> ids;
    for (const QTableWidgetItem *item : m_table->selectedItems())
        ids.insert(m_table->item(item->row(), IdColumn)->data(Qt::UserRole).toString());
    QList<Service> services = m_document->definition().services;
    services.erase(std::remove_if(services.begin(), services.end(),
                                  [&](const Service &service) { return ids.contains(service.id); }),
                   services.end());
    m_document->setServices(services);
}

} // namespace Sagascope
