// SPDX-License-Identifier: MIT
#include "problemspanel.h"

#include "diagnosticmodel.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QEvent>
#include <QHeaderView>
#include <QLabel>
#include <QMenu>
#include <QStyle>
#include <QTreeView>
#include <QVBoxLayout>

namespace Sagascope {

ProblemsPanel::ProblemsPanel(SagaDocument *document, QWidget *parent)
    : QWidget(parent)
    , m_model(new DiagnosticModel(document, this))
    , m_view(new QTreeView(this))
{
    m_view->setObjectName(QStringLiteral("problemsView"));
    m_view->setModel(m_model);
    m_view->setRootIsDecorated(false);
    m_view->setUniformRowHeights(true);
    m_view->setAlternatingRowColors(true);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setContextMenuPolicy(Qt::CustomContextMenu);
    m_view->setWordWrap(false);
    m_view->setTextElideMode(Qt::ElideRight);
    m_view->header()->setStretchLastSection(true);
    m_view->header()->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    m_view->header()->setSectionResizeMode(QHeaderView::Interactive);
    m_view->setColumnWidth(DiagnosticModel::SeverityColumn, 100);
    m_view->setColumnWidth(DiagnosticModel::RuleColumn, 100);
    m_view->setColumnWidth(DiagnosticModel::StepsColumn, 220);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(m_view, 1);

    // The current problem in full: the message explains why, and the quick fix says what it does.
    m_details = new QLabel(this);
    m_details->setObjectName(QStringLiteral("problemDetails"));
    m_details->setWordWrap(true);
    m_details->setTextFormat(Qt::RichText);
    m_details->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_details->setMargin(6);
    m_details->setBackgroundRole(QPalette::Base);
    m_details->setAutoFillBackground(true);
    layout->addWidget(m_details);
    connect(this, &ProblemsPanel::currentDiagnosticChanged, this, &ProblemsPanel::updateDetails);

    // Shown over the empty list, so that "no problems" reads as a result, not as a blank.
    m_emptyLabel = new QLabel(tr("No problems: the order of the steps is safe."), m_view->viewport());
    m_emptyLabel->setObjectName(QStringLiteral("noProblemsLabel"));
    m_emptyLabel->setAlignment(Qt::AlignCenter);
    m_emptyLabel->setForegroundRole(QPalette::PlaceholderText);
    m_view->viewport()->installEventFilter(this);

    // Keep the current problem across a re-validation when it is still there, else take the first.
    connect(m_model, &QAbstractItemModel::modelAboutToBeReset, this, [this] {
        const Diagnostic *d = currentDiagnostic();
        m_keptCurrent = d ? std::optional<Diagnostic>(*d) : std::nullopt;
    });
    connect(m_model, &QAbstractItemModel::modelReset, this, [this] {
        int row = 0;
        for (int i = 0; m_keptCurrent && i < m_model->rowCount(); ++i) {
            if (*m_model->diagnosticAt(i) == *m_keptCurrent)
                row = i;
        }
        if (m_model->rowCount() > 0)
            setCurrentRow(row);
        updateEmptyLabel();
    });
    updateEmptyLabel();
    updateDetails();

    // Enter, or a click/double-click as the style says; a double-click always counts.
    const auto activate = [this](const QModelIndex &index) {
        if (const Diagnostic *d = m_model->diagnosticAt(index.row()))
            Q_EMIT diagnosticActivated(*d);
    };
    connect(m_view, &QTreeView::activated, this, activate);
    connect(m_view, &QTreeView::doubleClicked, this, activate);
    connect(m_view->selectionModel(), &QItemSelectionModel::currentChanged, this,
            &ProblemsPanel::currentDiagnosticChanged);
    connect(m_model, &QAbstractItemModel::modelReset, this, &ProblemsPanel::currentDiagnosticChanged);

    auto *copy = new QAction(tr("&Copy"), this);
    copy->setShortcut(QKeySequence::Copy);
    copy->setShortcutContext(Qt::WidgetShortcut);
    m_view->addAction(copy);
    connect(copy, &QAction::triggered, this, [this] {
        if (const Diagnostic *d = currentDiagnostic())
            QApplication::clipboard()->setText(d->toLine());
    });
    connect(m_view, &QWidget::customContextMenuRequested, this, [this, copy](const QPoint &pos) {
        const QModelIndex index = m_view->indexAt(pos);
        if (!index.isValid())
            return;
        m_view->setCurrentIndex(index);
        QMenu menu(this);
        for (QAction *action : std::as_const(m_contextActions))
            menu.addAction(action);
        menu.addSeparator();
        menu.addAction(copy);
        menu.exec(m_view->viewport()->mapToGlobal(pos));
    });
}

const Diagnostic *ProblemsPanel::currentDiagnostic() const
{
    const QModelIndex index = m_view->currentIndex();
    return index.isValid() ? m_model->diagnosticAt(index.row()) : nullptr;
}

void ProblemsPanel::setCurrentRow(int row)
{
    m_view->setCurrentIndex(m_model->index(row, 0));
}

void ProblemsPanel::updateDetails()
{
    const Diagnostic *d = currentDiagnostic();
    m_details->setVisible(d != nullptr);
    if (!d)
        return;
    QString html = QStringLiteral("<b>%1</b> %2 &nbsp;%3")
                       .arg(d->rule, DiagnosticModel::severityText(d->severity).toHtmlEscaped(),
                            d->message.toHtmlEscaped());
    if (const QString fix = m_model->quickFixText(*d); !fix.isEmpty())
        html += QStringLiteral("<br><b>") + tr("Quick fix:").toHtmlEscaped() + QStringLiteral("</b> ") + fix.toHtmlEscaped();
    m_details->setText(html);
}

void ProblemsPanel::updateEmptyLabel()
{
    m_emptyLabel->setVisible(m_model->rowCount() == 0);
    m_emptyLabel->setGeometry(m_view->viewport()->rect());
}

bool ProblemsPanel::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_view->viewport() && event->type() == QEvent::Resize)
        m_emptyLabel->setGeometry(m_view->viewport()->rect());
    return QWidget::eventFilter(watched, event);
}

void ProblemsPanel::addContextAction(QAction *action)
{
    m_contextActions.append(action);
}

} // namespace Sagascope
