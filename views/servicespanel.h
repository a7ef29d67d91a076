// SPDX-License-Identifier: MIT
#pragma once

#include <QPointer>
#include <QWidget>

QT_BEGIN_NAMESPACE
class QComboBox;
class QFormLayout;
class QGroupBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QTableWidget;
QT_END_NAMESPACE

namespace Sagascope {

class SagaDocument;

/**
 * The services panel: add, rename (id and label) and remove the saga's services. Renaming a
 * service's id renames it in every step that calls it; every change is one undoable command
 * on the document. The selected service's endpoint (SPEC section 6) is edited below the table:
 * base URL, auth type and its fields, CA file, fixed headers; an edit is applied (one undoable command) only
 * when the endpoint it makes is valid, else the fault is shown and the document keeps the last
 * good one. A client secret is typed into a password field and handed over
 * (clientSecretEntered()), never put in the document. **Test connection** and, with auth type
 * oauth2-authorization-code, **Sign in** ask the window to do it (testConnectionRequested(),
 * signInRequested(): the panel knows no engine) and show what it answers with showStatus().
 */
class ServicesPanel : public QWidget
{
    Q_OBJECT
public:
    explicit ServicesPanel(SagaDocument *document, QWidget *parent = nullptr);

    QTableWidget *table() const { return m_table; }
    /** Adds a service with a fresh id ("service_2"…) and starts editing its id. */
    void addService();
    /** Removes the services of the selected rows. */
    void removeSelected();
    /** The id of the one selected service; empty unless exactly one row is selected. */
    QString selectedService() const;
    /** Shows a sentence under the table: the outcome of a connection test or a sign-in. */
    void showStatus(const QString &text, bool ok);
    /** While a connection test runs, Test connection is disabled. */
    void setBusy(bool busy);
    QLabel *statusLabel() const { return m_status; }
    QPushButton *testButton() const { return m_test; }
    QPushButton *signInButton() const { return m_signIn; }
    QLabel *errorLabel() const { return m_error; }
    QGroupBox *endpointBox() const { return m_endpointBox; }
    QLineEdit *baseUrlEdit() const { return m_baseUrl; }
    QComboBox *authTypeBox() const { return m_authType; }
    QLineEdit *tokenEnvEdit() const { return m_tokenEnv; }
    QLineEdit *tokenUrlEdit() const { return m_tokenUrl; }
    QLineEdit *authorizationUrlEdit() const { return m_authorizationUrl; }
    QLineEdit *clientIdEdit() const { return m_clientId; }
    QLineEdit *scopeEdit() const { return m_scope; }
    QLineEdit *caFileEdit() const { return m_caFile; }
    /** Fixed headers, one "Name: value" a line; applied when it loses focus. */
    QPlainTextEdit *headersEdit() const { return m_headers; }
    QLineEdit *secretEdit() const { return m_secret; }
    QPushButton *keepSecretButton() const { return m_keepSecret; }
    /** Applies the endpoint fields to the selected service (what editing a field does). */
    void applyEndpoint();

Q_SIGNALS:
    void testConnectionRequested(const QString &serviceId);
    void signInRequested(const QString &serviceId);
    /** A client secret typed for a service; the field is cleared at once. */
    void clientSecretEntered(const QString &serviceId, const QByteArray &secret);

private:
    void refresh();
    void onItemChanged(int row, int column);
    void updateButtons();
    void showEndpoint();
    void updateEndpointRows();
    bool eventFilter(QObject *watched, QEvent *event) override;

    QPointer<SagaDocument> m_document;
    QTableWidget *m_table = nullptr;
    QPushButton *m_add = nullptr;
    QPushButton *m_remove = nullptr;
    QPushButton *m_test = nullptr;
    QPushButton *m_signIn = nullptr;
    QLabel *m_error = nullptr;
    QLabel *m_status = nullptr;
    QGroupBox *m_endpointBox = nullptr;
    QFormLayout *m_form = nullptr;
    QLineEdit *m_baseUrl = nullptr;
    QComboBox *m_authType = nullptr;
    QLineEdit *m_tokenEnv = nullptr;
    QLineEdit *m_tokenUrl = nullptr;
    QLineEdit *m_authorizationUrl = nullptr;
    QLineEdit *m_clientId = nullptr;
    QLineEdit *m_scope = nullptr;
    QLineEdit *m_caFile = nullptr;
    QPlainTextEdit *m_headers = nullptr;
    QLineEdit *m_secret = nullptr;
    QPushButton *m_keepSecret = nullptr;
    QWidget *m_secretRow = nullptr;
    bool m_updating = false;
    bool m_busy = false;
};

} // namespace Sagascope
