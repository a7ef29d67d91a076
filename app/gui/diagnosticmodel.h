// SPDX-License-Identifier: MIT
#pragma once

#include "diagnostic.h"

#include <QAbstractTableModel>

namespace Sagascope {

class SagaDocument;

/** The document's diagnostics as a table: severity, rule, steps, message. */
class DiagnosticModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { SeverityColumn, RuleColumn, StepsColumn, MessageColumn, ColumnCount };

    explicit DiagnosticModel(SagaDocument *document, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    const Diagnostic *diagnosticAt(int row) const;
    int errorCount() const;
    int warningCount() const;

    static QIcon severityIcon(Severity severity);
    static QString severityText(Severity severity);
    /** The fix as the user reads it: its edits' descriptions joined. */
    static QString fixText(const Diagnostic &diagnostic);
    /** What the quick fix of `diagnostic` does: the SPEC's fix (fixText()) when it has one, else
     *  the designer's own (SagaDocument::compensationFixText()); empty when there is none. */
    QString quickFixText(const Diagnostic &diagnostic) const;

private:
    SagaDocument *m_document;
    QList<Diagnostic> m_diagnostics;
};

} // namespace Sagascope
