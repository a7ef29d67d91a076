// SPDX-License-Identifier: MIT
#pragma once

#include "sagadefinition.h"
#include "diagnostic.h"

#include <QAbstractTableModel>
#include <QHash>

namespace Sagascope {

class SagaDocument;

/** The steps of the open saga as a table (id, label, kind, service, compensation, after), in file order,
 *  each id marked with the worst diagnostic that names it. Reacts to the document only. */
class StepTableModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { IdColumn, LabelColumn, KindColumn, ServiceColumn, CompensationColumn, AfterColumn, ColumnCount };
    static constexpr int StepIdRole = Qt::UserRole + 1;

    explicit StepTableModel(SagaDocument *document, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    /** Row of the step with this id, or -1. */
    int rowOf(const StepId &id) const;
    StepId idAt(int row) const;

    static QIcon kindIcon(StepKind kind);
    static QString kindText(StepKind kind);

private:
    void refresh();
    void rebuildIndex();

    SagaDocument *m_document;
    int m_rows = 0;
    QHash<StepId, int> m_rowById;
    QHash<StepId, QList<int>> m_diagnosticsByStep; // indices into the document's diagnostics
};

} // namespace Sagascope
