// SPDX-License-Identifier: MIT
#include "steptablemodel.h"

#include "sagadocument.h"

#include <QIcon>

namespace Sagascope {

StepTableModel::StepTableModel(SagaDocument *document, QObject *parent)
    : QAbstractTableModel(parent)
    , m_document(document)
{
    m_rows = int(document->definition().steps.size());
    rebuildIndex();
    connect(document, &SagaDocument::changed, this, &StepTableModel::refresh);
}

void StepTableModel::refresh()
{
    const int rows = int(m_document->definition().steps.size());
    if (rows != m_rows) {
        beginResetModel();
        m_rows = rows;
        rebuildIndex();
        endResetModel();
        return;
    }
    rebuildIndex();
    if (rows > 0)
        Q_EMIT dataChanged(index(0, 0), index(rows - 1, ColumnCount - 1));
}

void StepTableModel::rebuildIndex()
{
    m_rowById.clear();
    const QList<Step> &steps = m_document->definition().steps;
    for (int i = int(steps.size()) - 1; i >= 0; --i)
        m_rowById.insert(steps.at(i).id, i);
    m_diagnosticsByStep.clear();
    const QList<Diagnostic> &diagnostics = m_document->diagnostics();
    for (int i = 0; i < diagnostics.size(); ++i) {
        for (const QString &id : diagnostics.at(i).steps)
            m_diagnosticsByStep[id].append(i);
    }
}

int StepTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : m_rows;
}

int StepTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

int StepTableModel::rowOf(const StepId &id) const
{
    return m_rowById.value(id, -1);
}

StepId StepTableModel::idAt(int row) const
{
    const QList<Step> &steps = m_document->definition().steps;
    return row >= 0 && row < steps.size() ? steps.at(row).id : StepId();
}

QIcon StepTableModel::kindIcon(StepKind kind)
{
    switch (kind) {
    case StepKind::Compensatable:
        return QIcon(QStringLiteral(":/icons/kind-compensatable.svg"));
    case StepKind::Pivot:
        return QIcon(QStringLiteral(":/icons/kind-pivot.svg"));
    case StepKind::Retriable:
        return QIcon(QStringLiteral(":/icons/kind-retriable.svg"));
    }
    return {};
}

QString StepTableModel::kindText(StepKind kind)
{
    switch (kind) {
    case StepKind::Compensatable:
        return tr("compensatable");
    case StepKind::Pivot:
        return tr("pivot");
    case StepKind::Retriable:
        return tr("retriable");
    }
    return {};
}

QVariant StepTableModel::data(const QModelIndex &index, int role) const
{
    const QList<Step> &steps = m_document->definition().steps;
    if (!index.isValid() || index.row() >= steps.size())
        return {};
    const Step &step = steps.at(index.row());
    if (role == StepIdRole)
        return step.id;

    const QList<int> findings = m_diagnosticsByStep.value(step.id);
    switch (index.column()) {
    case IdColumn:
        if (role == Qt::DisplayRole || role == Qt::EditRole)
            return step.id;
        if (role == Qt::DecorationRole && !findings.isEmpty()) {
            bool error = false;
            for (int i : findings)
                error = error || m_document->diagnostics().at(i).severity == Severity::Error;
            return QIcon(error ? QStringLiteral(":/icons/severity-error.svg")
                               : QStringLiteral(":/icons/severity-warning.svg"));
        }
        if (role == Qt::ToolTipRole && !findings.isEmpty()) {
            QStringList lines;
            for (int i : findings)
                lines.append(m_document->diagnostics().at(i).toLine().toHtmlEscaped());
            return lines.join(QStringLiteral("<br>"));
        }
        break;
    case LabelColumn:
        if (role == Qt::DisplayRole || role == Qt::ToolTipRole)
            return step.label;
        break;
    case KindColumn:
        if (role == Qt::DisplayRole)
            return kindText(step.kind);
        if (role == Qt::DecorationRole)
            return kindIcon(step.kind);
        break;
    case ServiceColumn:
        if (role == Qt::DisplayRole)
            return step.service;
        break;
    case CompensationColumn:
        if (role == Qt::DisplayRole)
            return step.compensation ? step.compensation->name : QString();
        if (role == Qt::ToolTipRole && step.kind == StepKind::Pivot)
            return tr("The pivot has no compensation: once it succeeds the saga runs to completion.");
        break;
    case AfterColumn:
        if (role == Qt::DisplayRole || role == Qt::ToolTipRole)
            return step.after.join(QStringLiteral(", "));
        break;
    default:
        break;
    }
    return {};
}

QVariant StepTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case IdColumn:
        return tr("Step");
    case LabelColumn:
        return tr("Label");
    case KindColumn:
        return tr("Kind");
    case ServiceColumn:
        return tr("Service");
    case CompensationColumn:
        return tr("Compensation");
    case AfterColumn:
        return tr("After");
    default:
        return {};
    }
}

} // namespace Sagascope
