// SPDX-License-Identifier: MIT
#include "diagnosticmodel.h"

#include "sagadocument.h"

#include <QIcon>

namespace Sagascope {

DiagnosticModel::DiagnosticModel(SagaDocument *document, QObject *parent)
    : QAbstractTableModel(parent)
    , m_document(document)
    , m_diagnostics(document->diagnostics())
{
    connect(document, &SagaDocument::diagnosticsChanged, this, [this] {
        beginResetModel();
        m_diagnostics = m_document->diagnostics();
        endResetModel();
    });
}

int DiagnosticModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_diagnostics.size());
}

int DiagnosticModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

const Diagnostic *DiagnosticModel::diagnosticAt(int row) const
{
    return row >= 0 && row < m_diagnostics.size() ? &m_diagnostics.at(row) : nullptr;
}

int DiagnosticModel::errorCount() const
{
    return int(std::count_if(m_diagnostics.cbegin(), m_diagnostics.cend(),
                             [](const Diagnostic &d) { return d.severity == Severity::Error; }));
}

int DiagnosticModel::warningCount() const
{
    return int(m_diagnostics.size()) - errorCount();
}

QIcon DiagnosticModel::severityIcon(Severity severity)
{
    return QIcon(severity == Severity::Error ? QStringLiteral(":/icons/severity-error.svg")
                                             : QStringLiteral(":/icons/severity-warning.svg"));
}

QString DiagnosticModel::severityText(Severity severity)
{
    return severity == Severity::Error ? tr("Error") : tr("Warning");
}

QString DiagnosticModel::fixText(const Diagnostic &diagnostic)
{
    QStringList parts;
    for (const SagaEdit &edit : diagnostic.fix)
        parts.append(edit.describe());
    return parts.join(QStringLiteral("; "));
}

QString DiagnosticModel::quickFixText(const Diagnostic &diagnostic) const
{
    return diagnostic.hasFix() ? fixText(diagnostic) : m_document->compensationFixText(diagnostic);
}

QVariant DiagnosticModel::data(const QModelIndex &index, int role) const
{
    const Diagnostic *d = diagnosticAt(index.row());
    if (!d)
        return {};
    if (role == Qt::ToolTipRole) {
        QString tip = QStringLiteral("<b>%1 %2</b><br>%3")
                          .arg(d->rule, severityText(d->severity), d->message.toHtmlEscaped());
        if (const QString fix = quickFixText(*d); !fix.isEmpty())
            tip += QStringLiteral("<br><br>") + tr("Quick fix: %1").arg(fix.toHtmlEscaped());
        return tip;
    }
    switch (index.column()) {
    case SeverityColumn:
        if (role == Qt::DisplayRole)
            return severityText(d->severity);
        if (role == Qt::DecorationRole)
            return severityIcon(d->severity);
        break;
    case RuleColumn:
        if (role == Qt::DisplayRole)
            return d->rule;
        if (role == Qt::DecorationRole && !quickFixText(*d).isEmpty())
            return QIcon(QStringLiteral(":/icons/quick-fix.svg"));
        break;
    case StepsColumn:
        if (role == Qt::DisplayRole)
            return d->steps.join(QStringLiteral(", "));
        break;
    case MessageColumn:
        if (role == Qt::DisplayRole)
            return d->message;
        break;
    default:
        break;
    }
    return {};
}

QVariant DiagnosticModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case SeverityColumn:
        return tr("Severity");
    case RuleColumn:
        return tr("Rule");
    case StepsColumn:
        return tr("Steps");
    case MessageColumn:
        return tr("Message");
    default:
        return {};
    }
}

} // namespace Sagascope
