// SPDX-License-Identifier: MIT
#pragma once

#include "sagadefinition.h"
#include "sagadocument.h"

#include <QPointer>
#include <QWidget>

#include <functional>

QT_BEGIN_NAMESPACE
class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QGroupBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QSpinBox;
class QScrollArea;
class QStackedWidget;
class QToolButton;
QT_END_NAMESPACE

namespace Sagascope {

/**
 * The property panel: every field of SPEC section 1 for the selected step (or the saga's name
 * and description when no step is selected). Values are checked as they are typed (ranges,
 * id syntax and uniqueness, known dependencies); each committed edit goes through the
 * document as one undoable command. The panel holds no saga state: it re-reads the document
 * whenever it changes.
 */
class StepPropertiesPanel : public QWidget
{
    Q_OBJECT
public:
    explicit StepPropertiesPanel(SagaDocument *document, QWidget *parent = nullptr);

    /** Shows the step with this id; an empty id shows the saga's own properties. */
    void setCurrentStep(const StepId &id);
    StepId currentStep() const { return m_stepId; }

    /** Places `section` at the bottom of the step page, above the findings (shown only while a
     *  step is selected); the panel takes it over. Replaces (and deletes) the previous one;
     *  nullptr removes it. For sections of other modules, e.g. the monitor's run controls. */
    void setExtraSection(QWidget *section);
    QWidget *extraSection() const { return m_extraSection; }

    /** The message shown under a field that refused its value (empty when all is well). */
    QString fieldError() const;
    /** The width the forms need without a horizontal scroll bar (the scroll bar not counted). */
    int formMinimumWidth() const;

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    struct OperationEditor
    {
        QGroupBox *group = nullptr;
        QLineEdit *name = nullptr;
        QSpinBox *latencyMin = nullptr;
        QSpinBox *latencyMax = nullptr;
        QDoubleSpinBox *technicalFailure = nullptr;
        QDoubleSpinBox *businessFailure = nullptr;
        QSpinBox *maxAttempts = nullptr; // compensation only: compensation.retry.maxAttempts
    };

    QWidget *buildSagaPage();
    QWidget *buildStepPage();
    OperationEditor buildOperationEditor(const QString &title, bool checkable, bool withRetry);
    void refresh();
    void fillOperation(const OperationEditor &editor, const Operation *operation);
    void readOperation(const OperationEditor &editor, Operation &operation) const;
    /** Applies `edit` to a copy of the current step and pushes it when it changed anything. */
    void commit(const std::function<void(Step &)> &edit);
    void commitId();
    void commitLabel(SagaDocument::IdFollowsLabel follows);
    void commitAfter();
    void showError(const QString &message);

    QPointer<SagaDocument> m_document;
    StepId m_stepId;
    bool m_updating = false;

    QScrollArea *m_scroll = nullptr;
    QStackedWidget *m_pages = nullptr;
    // Saga page
    QLineEdit *m_sagaName = nullptr;
    QPlainTextEdit *m_sagaDescription = nullptr;
    QLabel *m_sagaSummary = nullptr;
    std::function<void()> m_sagaDescriptionCommit;
    // Step page
    QLineEdit *m_id = nullptr;
    QToolButton *m_idFromLabel = nullptr;
    QLineEdit *m_label = nullptr;
    QComboBox *m_service = nullptr;
    QComboBox *m_kind = nullptr;
    QLineEdit *m_after = nullptr;
    OperationEditor m_action;
    OperationEditor m_compensation;
    QGroupBox *m_retryGroup = nullptr;
    QSpinBox *m_retryMaxAttempts = nullptr;
    QSpinBox *m_retryInitialBackoff = nullptr;
    QDoubleSpinBox *m_retryMultiplier = nullptr;
    QSpinBox *m_retryMaxBackoff = nullptr;
    QDoubleSpinBox *m_retryJitter = nullptr;
    QSpinBox *m_timeout = nullptr;
    QCheckBox *m_idempotent = nullptr;
    QLineEdit *m_sideEffects = nullptr;
    QLabel *m_error = nullptr;
    QLabel *m_findings = nullptr;
    QPointer<QWidget> m_extraSection;
};

} // namespace Sagascope
