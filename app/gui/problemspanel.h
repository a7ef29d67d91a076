// SPDX-License-Identifier: MIT
#pragma once

#include "diagnostic.h"

#include <QWidget>

#include <optional>

QT_BEGIN_NAMESPACE
class QAction;
class QLabel;
class QTreeView;
QT_END_NAMESPACE

namespace Sagascope {

class DiagnosticModel;
class SagaDocument;

/** The Problems panel: the document's diagnostics with severity icons; activating one asks
 *  to select its steps, and its context menu offers the quick fix. */
class ProblemsPanel : public QWidget
{
    Q_OBJECT
public:
    explicit ProblemsPanel(SagaDocument *document, QWidget *parent = nullptr);

    QTreeView *view() const { return m_view; }
    DiagnosticModel *model() const { return m_model; }
    /** The diagnostic under the cursor, or nullptr. */
    const Diagnostic *currentDiagnostic() const;
    /** Makes `row` current (keyboard and tests). */
    void setCurrentRow(int row);
    /** Actions shown on the context menu (the main window's quick fix). */
    void addContextAction(QAction *action);

Q_SIGNALS:
    /** Double-click or Enter on a diagnostic. */
    void diagnosticActivated(const Sagascope::Diagnostic &diagnostic);
    void currentDiagnosticChanged();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void updateEmptyLabel();
    void updateDetails();

    DiagnosticModel *m_model;
    QLabel *m_emptyLabel = nullptr;
    QLabel *m_details = nullptr;
    std::optional<Diagnostic> m_keptCurrent;
    QTreeView *m_view;
    QList<QAction *> m_contextActions;
};

} // namespace Sagascope
