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
 * on the document.
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

private:
    void refresh();
    void onItemChanged(int row, int column);

    QPointer<SagaDocument> m_document;
    QTableWidget *m_table = nullptr;
    QPushButton *m_add = nullptr;
    QPushButton *m_remove = nullptr;
    QLabel *m_error = nullptr;
    bool m_updating = false;
};

} // namespace Sagascope
