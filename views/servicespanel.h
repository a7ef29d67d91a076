// SPDX-License-Identifier: MIT
#pragma once

#include <QPointer>
#include <QWidget>

QT_BEGIN_NAMESPACE
class QLabel;
class QPushButton;
class QTableWidget;
QT_END_NAMESPACE

namespace Sagascope {

class SagaDocument;

/**
 * The services panel: add, rename (id and label) and remove the saga's services. Renaming a
 * service's id renames it in every step that calls it; every change is one undoable command
 * on the document. For the selected service with an endpoint (SPEC section 6), **Test
 * connection** and, with auth type oauth2-authorization-code, **Sign in** ask the window to do
 * it (testConnectionRequested(), signInRequested(): the panel knows no engine) and show what it
 * answers with showStatus().
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

Q_SIGNALS:
    void testConnectionRequested(const QString &serviceId);
    void signInRequested(const QString &serviceId);

private:
    void refresh();
    void onItemChanged(int row, int column);
    void updateButtons();

    QPointer<SagaDocument> m_document;
    QTableWidget *m_table = nullptr;
    QPushButton *m_add = nullptr;
    QPushButton *m_remove = nullptr;
    QPushButton *m_test = nullptr;
    QPushButton *m_signIn = nullptr;
    QLabel *m_error = nullptr;
    QLabel *m_status = nullptr;
    bool m_updating = false;
    bool m_busy = false;
};

} // namespace Sagascope
