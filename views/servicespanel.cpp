// SPDX-License-Identifier: MIT
#include "servicespanel.h"

#include "remotespec.h"
#include "sagadocument.h"

#include <QComboBox>
#include <QEvent>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QJsonObject>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScopeGuard>
#include <QScrollArea>
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
    layout->addWidget(m_table, 1);

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
    // The endpoint form scrolls: it never makes the dock (and the window) bigger than it was.
    auto *scroll = new QScrollArea(this);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_endpointBox = new QGroupBox(tr("Endpoint"), scroll);
    m_form = new QFormLayout(m_endpointBox);
    m_form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    const auto field = [this](const QString &placeholder) {
        auto *edit = new QLineEdit(m_endpointBox);
        edit->setPlaceholderText(placeholder);
        connect(edit, &QLineEdit::editingFinished, this, &ServicesPanel::applyEndpoint);
        return edit;
    };
    m_baseUrl = field(QStringLiteral("https://payments.example.com"));
    m_baseUrl->setToolTip(tr("Where the service is; empty: the service is simulated"));
    m_authType = new QComboBox(m_endpointBox);
    m_authType->addItem(tr("None"), authTypeName(AuthType::None));
    m_authType->addItem(tr("Bearer token from a variable"), authTypeName(AuthType::Bearer));
    m_authType->addItem(tr("OAuth 2.0 client credentials"), authTypeName(AuthType::OAuth2ClientCredentials));
    m_authType->addItem(tr("OAuth 2.0 sign-in (authorization code)"), authTypeName(AuthType::OAuth2AuthorizationCode));
    m_authType->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_authType->setMinimumContentsLength(8);
    connect(m_authType, &QComboBox::activated, this, [this] {
        updateEndpointRows();
        applyEndpoint();
    });
    m_tokenEnv = field(QStringLiteral("PAYMENTS_TOKEN"));
    m_tokenEnv->setToolTip(tr("The environment variable that holds the bearer token (the token itself never goes into "
                              "the file)"));
    m_tokenUrl = field(QStringLiteral("https://auth.example.com/oauth/token"));
    m_authorizationUrl = field(QStringLiteral("https://auth.example.com/oauth/authorize"));
    m_clientId = field(QString());
    m_scope = field(QString());
    m_caFile = field(QStringLiteral("certs/dev-ca.pem"));
    m_caFile->setToolTip(tr("A PEM file of CA certificates to trust besides the system's, relative to the .saga file"));
    m_secretRow = new QWidget(m_endpointBox);
    auto *secretLayout = new QHBoxLayout(m_secretRow);
    secretLayout->setContentsMargins(0, 0, 0, 0);
    m_secret = new QLineEdit(m_secretRow);
    m_secret->setEchoMode(QLineEdit::Password);
    m_secret->setToolTip(tr("Kept in the desktop keychain, never in the .saga file"));
    m_keepSecret = new QPushButton(tr("&Keep in keychain"), m_secretRow);
    m_keepSecret->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Fixed);
    secretLayout->addWidget(m_secret, 1);
    secretLayout->addWidget(m_keepSecret, 1);
    connect(m_keepSecret, &QPushButton::clicked, this, [this] {
        const QByteArray secret = m_secret->text().toUtf8();
        m_secret->clear(); // not a moment longer than needed in a widget
        if (!secret.isEmpty() && !selectedService().isEmpty())
            Q_EMIT clientSecretEntered(selectedService(), secret);
    });
    m_form->addRow(tr("Base URL:"), m_baseUrl);
    m_form->addRow(tr("Auth:"), m_authType);
    m_form->addRow(tr("Token variable:"), m_tokenEnv);
    m_form->addRow(tr("Token URL:"), m_tokenUrl);
    m_form->addRow(tr("Authorization URL:"), m_authorizationUrl);
    m_form->addRow(tr("Client id:"), m_clientId);
    m_form->addRow(tr("Scope:"), m_scope);
    m_form->addRow(tr("Client secret:"), m_secretRow);
    m_form->addRow(tr("CA file:"), m_caFile);
    m_headers = new QPlainTextEdit(m_endpointBox);
    m_headers->setPlaceholderText(QStringLiteral("X-Tenant: acme"));
    m_headers->setToolTip(tr("Headers sent with every request, one \"Name: value\" a line (no Authorization: that "
                             "is what Auth is for)"));
    m_headers->setTabChangesFocus(true);
    m_headers->setFixedHeight(m_headers->fontMetrics().lineSpacing() * 3 + 2 * m_headers->frameWidth() + 8);
    m_headers->installEventFilter(this);
    m_form->addRow(tr("Headers:"), m_headers);
    scroll->setWidget(m_endpointBox);
    scroll->setMinimumHeight(0);
    layout->addWidget(scroll, 1);

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
    connect(m_table, &QTableWidget::itemSelectionChanged, this, [this] {
        updateButtons();
        showEndpoint();
    });
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

void ServicesPanel::showEndpoint()
{
    const QString id = selectedService();
    m_endpointBox->setEnabled(!id.isEmpty());
    Endpoint endpoint;
    if (m_document && !id.isEmpty()) {
        for (const Service &service : m_document->definition().services) {
            if (service.id == id && !service.endpoint.isEmpty()) {
                // The fields as written, even when the endpoint does not validate.
                const QJsonObject o = service.endpoint;
                const QJsonObject a = o.value(QLatin1String("auth")).toObject();
                endpoint.baseUrl = o.value(QLatin1String("baseUrl")).toString();
                endpoint.caFile = o.value(QLatin1String("caFile")).toString();
                endpoint.auth.type = authTypeFromName(a.value(QLatin1String("type")).toString(QStringLiteral("none")))
                                         .value_or(AuthType::None);
                endpoint.auth.tokenEnv = a.value(QLatin1String("tokenEnv")).toString();
                endpoint.auth.tokenUrl = a.value(QLatin1String("tokenUrl")).toString();
                endpoint.auth.authorizationUrl = a.value(QLatin1String("authorizationUrl")).toString();
                endpoint.auth.clientId = a.value(QLatin1String("clientId")).toString();
                endpoint.auth.scope = a.value(QLatin1String("scope")).toString();
            }
        }
    }
    m_baseUrl->setText(endpoint.baseUrl);
    m_authType->setCurrentIndex(qMax(0, m_authType->findData(authTypeName(endpoint.auth.type))));
    m_tokenEnv->setText(endpoint.auth.tokenEnv);
    m_tokenUrl->setText(endpoint.auth.tokenUrl);
    m_authorizationUrl->setText(endpoint.auth.authorizationUrl);
    m_clientId->setText(endpoint.auth.clientId);
    m_scope->setText(endpoint.auth.scope);
    m_caFile->setText(endpoint.caFile);
    QStringList headerLines;
    if (m_document && !id.isEmpty()) {
        for (const Service &service : m_document->definition().services) {
            if (service.id != id)
                continue;
            const QJsonObject headers = service.endpoint.value(QLatin1String("headers")).toObject();
            for (auto it = headers.constBegin(); it != headers.constEnd(); ++it)
                headerLines << it.key() + QStringLiteral(": ") + it.value().toString();
        }
    }
    m_headers->setPlainText(headerLines.join(QLatin1Char('\n')));
    m_secret->clear();
    updateEndpointRows();
}

void ServicesPanel::updateEndpointRows()
{
    const AuthType type = authTypeFromName(m_authType->currentData().toString()).value_or(AuthType::None);
    const bool oauth = type == AuthType::OAuth2ClientCredentials || type == AuthType::OAuth2AuthorizationCode;
    m_form->setRowVisible(m_tokenEnv, type == AuthType::Bearer);
    m_form->setRowVisible(m_tokenUrl, oauth);
    m_form->setRowVisible(m_authorizationUrl, type == AuthType::OAuth2AuthorizationCode);
    m_form->setRowVisible(m_clientId, oauth);
    m_form->setRowVisible(m_scope, oauth);
    m_form->setRowVisible(m_secretRow, type == AuthType::OAuth2ClientCredentials);
}

void ServicesPanel::applyEndpoint()
{
    const QString id = selectedService();
    if (m_updating || !m_document || id.isEmpty())
        return;
    QList<Service> services = m_document->definition().services;
    const auto it = std::find_if(services.begin(), services.end(), [&](const Service &s) { return s.id == id; });
    if (it == services.end())
        return;
    // The endpoint as written, with the fields of the form; what the form does not show
    // (fixed headers) is kept.
    QJsonObject endpoint = it->endpoint;
    const auto set = [](QJsonObject &o, const char *key, const QString &value) {
        if (value.trimmed().isEmpty())
            o.remove(QLatin1String(key));
        else
            o.insert(QLatin1String(key), value.trimmed());
    };
    set(endpoint, "baseUrl", m_baseUrl->text());
    set(endpoint, "caFile", m_caFile->text());
    QJsonObject headers;
    const QStringList lines = m_headers->toPlainText().split(QLatin1Char('\n'));
    for (int i = 0; i < lines.size(); ++i) {
        const QString line = lines.at(i).trimmed();
        if (line.isEmpty())
            continue;
        const qsizetype colon = line.indexOf(QLatin1Char(':'));
        if (colon <= 0) {
            m_error->setText(tr("Not applied yet: headers, line %1: expected \"Name: value\"").arg(i + 1));
            m_error->show();
            return;
        }
        headers.insert(line.left(colon).trimmed(), line.mid(colon + 1).trimmed());
    }
    if (headers.isEmpty())
        endpoint.remove(QStringLiteral("headers"));
    else
        endpoint.insert(QStringLiteral("headers"), headers);
    const AuthType type = authTypeFromName(m_authType->currentData().toString()).value_or(AuthType::None);
    if (type == AuthType::None) {
        endpoint.remove(QStringLiteral("auth"));
    } else {
        QJsonObject auth{{QStringLiteral("type"), authTypeName(type)}};
        const bool oauth = type != AuthType::Bearer;
        if (type == AuthType::Bearer)
            set(auth, "tokenEnv", m_tokenEnv->text());
        if (oauth) {
            set(auth, "tokenUrl", m_tokenUrl->text());
            set(auth, "clientId", m_clientId->text());
            set(auth, "scope", m_scope->text());
        }
        if (type == AuthType::OAuth2AuthorizationCode)
            set(auth, "authorizationUrl", m_authorizationUrl->text());
        endpoint.insert(QStringLiteral("auth"), auth);
    }
    // Nothing but (empty) fields left: the service has no endpoint, it is simulated.
    if (!endpoint.contains(QLatin1String("baseUrl")) && !endpoint.contains(QLatin1String("auth"))
        && !endpoint.contains(QLatin1String("caFile")) && !endpoint.contains(QLatin1String("headers")))
        endpoint = QJsonObject();
    if (endpoint == it->endpoint) {
        m_error->hide();
        return;
    }
    if (!endpoint.isEmpty()) {
        RemoteSpecError problem;
        if (!Endpoint::parse(endpoint, QStringLiteral("endpoint"), &problem)) {
            m_error->setText(tr("Not applied yet: %1: %2").arg(problem.path, problem.message));
            m_error->show();
            return; // the document keeps its last valid endpoint
        }
    }
    m_error->hide();
    it->endpoint = endpoint;
    m_document->setServices(services);
}

bool ServicesPanel::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_headers && event->type() == QEvent::FocusOut)
        applyEndpoint();
    return QWidget::eventFilter(watched, event);
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
    const auto buttons = qScopeGuard([this] {
        updateButtons();
        if (!m_baseUrl->hasFocus() && !m_tokenEnv->hasFocus() && !m_tokenUrl->hasFocus()
            && !m_authorizationUrl->hasFocus() && !m_clientId->hasFocus() && !m_scope->hasFocus() && !m_caFile->hasFocus()
            && !m_headers->hasFocus())
            showEndpoint(); // an undo, or another edit of the document; not what is being typed
    });
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
