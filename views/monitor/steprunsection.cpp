// SPDX-License-Identifier: MIT
#include "steprunsection.h"

#include "faultplan.h"
#include "monitorcontroller.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QScopedValueRollback>
#include <QSpinBox>
#include <QStandardItemModel>
#include <QVBoxLayout>

namespace Sagascope {

StepRunSection::StepRunSection(MonitorController *controller, QWidget *parent)
    : QGroupBox(tr("Run"), parent)
    , m_controller(controller)
{
    setObjectName(QStringLiteral("stepRunSection"));
    auto *layout = new QVBoxLayout(this);

    m_breakAction = new QCheckBox(tr("Break before the action"), this);
    m_breakAction->setObjectName(QStringLiteral("breakBeforeAction"));
    m_breakAction->setToolTip(tr("Pause every run before each attempt of this step's action"));
    m_breakCompensation = new QCheckBox(tr("Break before the compensation"), this);
    m_breakCompensation->setObjectName(QStringLiteral("breakBeforeCompensation"));
    m_breakCompensation->setToolTip(tr("Pause every run before each attempt of this step's compensation"));
    layout->addWidget(m_breakAction);
    layout->addWidget(m_breakCompensation);

    auto *form = new QFormLayout;
    form->setContentsMargins(0, 6, 0, 0);
    m_faults = new QLabel(this);
    m_faults->setObjectName(QStringLiteral("injectedFaults"));
    m_faults->setWordWrap(true);
    form->addRow(tr("Injected:"), m_faults);

    m_target = new QComboBox(this);
    m_target->setObjectName(QStringLiteral("injectTarget"));
    m_target->addItem(tr("Action"), int(OperationKind::Action));
    m_target->addItem(tr("Compensation"), int(OperationKind::Compensation));
    m_kind = new QComboBox(this);
    m_kind->setObjectName(QStringLiteral("injectKind"));
    m_attempts = new QSpinBox(this);
    m_attempts->setObjectName(QStringLiteral("injectAttempts"));
    m_attempts->setRange(0, 1000);
    m_attempts->setValue(1);
    m_attempts->setSpecialValueText(tr("every attempt"));
    m_attempts->setToolTip(tr("How many attempts fail, from the first; 0: every attempt"));
    form->addRow(tr("Inject into:"), m_target);
    form->addRow(tr("Failure:"), m_kind);
    form->addRow(tr("Attempts:"), m_attempts);
    layout->addLayout(form);

    auto *buttons = new QHBoxLayout;
    buttons->addStretch(1);
    m_inject = new QPushButton(tr("Inject"), this);
    m_inject->setObjectName(QStringLiteral("injectButton"));
    m_inject->setToolTip(tr("For the next run, and into the run in progress from the step's next attempt"));
    m_clear = new QPushButton(tr("Clear"), this);
    m_clear->setObjectName(QStringLiteral("clearFaultsButton"));
    m_clear->setToolTip(tr("Remove the failures injected into this step"));
    buttons->addWidget(m_inject);
    buttons->addWidget(m_clear);
    layout->addLayout(buttons);

    m_error = new QLabel(this);
    m_error->setWordWrap(true);
    m_error->setStyleSheet(QStringLiteral("color: palette(highlight); font-weight: bold;"));
    m_error->hide();
    layout->addWidget(m_error);

    connect(m_breakAction, &QCheckBox::toggled, this, [this](bool on) {
        if (!m_updating && !m_step.isEmpty())
            m_controller->setBreakpoint(m_step, OperationKind::Action, on);
    });
    connect(m_breakCompensation, &QCheckBox::toggled, this, [this](bool on) {
        if (!m_updating && !m_step.isEmpty())
            m_controller->setBreakpoint(m_step, OperationKind::Compensation, on);
    });
    connect(m_target, &QComboBox::currentIndexChanged, this, &StepRunSection::fillKinds);
    connect(m_kind, &QComboBox::currentIndexChanged, this, [this] {
        m_attempts->setEnabled(!m_step.isEmpty() && FailureKind(m_kind->currentData().toInt()) != FailureKind::Business);
    });
    connect(m_inject, &QPushButton::clicked, this, &StepRunSection::inject);
    connect(m_clear, &QPushButton::clicked, this, [this] {
        m_error->hide();
        if (!m_step.isEmpty())
            m_controller->clearInjectedFaults(m_step);
    });
    connect(m_controller, &MonitorController::stepRunChanged, this, [this](const StepId &step) {
        if (step == m_step)
            refresh();
    });
    fillKinds();
    refresh();
}

void StepRunSection::setStep(const StepId &step)
{
    if (step == m_step)
        return;
    m_step = step;
    m_error->hide();
    refresh();
}

void StepRunSection::fillKinds()
{
    // Only what FaultPlan::isValid() accepts for the target: a compensation never fails for a
    // business reason.
    const auto operation = OperationKind(m_target->currentData().toInt());
    const QVariant previous = m_kind->currentData();
    const QSignalBlocker block(m_kind);
    m_kind->clear();
    const std::pair<FailureKind, QString> kinds[] = {
        {FailureKind::Business, tr("Business failure")},
        {FailureKind::Technical, tr("Technical failure")},
        {FailureKind::Timeout, tr("Timeout")},
    };
    for (const auto &[kind, text] : kinds) {
        if (FaultPlan::isValid(operation, kind))
            m_kind->addItem(text, int(kind));
    }
    const int index = m_kind->findData(previous);
    m_kind->setCurrentIndex(index >= 0 ? index : 0);
    m_attempts->setEnabled(!m_step.isEmpty() && FailureKind(m_kind->currentData().toInt()) != FailureKind::Business);
}

void StepRunSection::refresh()
{
    const bool has = !m_step.isEmpty();
    const bool compensable = has && m_controller->hasCompensation(m_step);
    {
        const QScopedValueRollback<bool> guard(m_updating, true);
        m_breakAction->setChecked(has && m_controller->hasBreakpoint(m_step, OperationKind::Action));
        m_breakCompensation->setChecked(has && m_controller->hasBreakpoint(m_step, OperationKind::Compensation));
    }
    m_breakAction->setEnabled(has);
    // A breakpoint set before the compensation went away stays clearable.
    m_breakCompensation->setEnabled(compensable || m_breakCompensation->isChecked());
    if (!compensable && m_target->currentIndex() == 1)
        m_target->setCurrentIndex(0);
    if (auto *model = qobject_cast<QStandardItemModel *>(m_target->model()))
        if (QStandardItem *item = model->item(1))
            item->setEnabled(compensable);
    m_target->setEnabled(has);
    m_kind->setEnabled(has);
    m_attempts->setEnabled(has && FailureKind(m_kind->currentData().toInt()) != FailureKind::Business);
    m_inject->setEnabled(has);
    const QString text = has ? m_controller->injectedFaultText(m_step) : QString();
    m_faults->setText(text.isEmpty() ? tr("none") : text);
    m_clear->setEnabled(!text.isEmpty());
}

void StepRunSection::inject()
{
    if (m_step.isEmpty())
        return;
    QString error;
    const auto operation = OperationKind(m_target->currentData().toInt());
    const auto kind = FailureKind(m_kind->currentData().toInt());
    if (m_controller->injectFault(m_step, operation, kind, m_attempts->value(), &error)) {
        m_error->hide();
    } else {
        m_error->setText(error);
        m_error->show();
    }
}

} // namespace Sagascope
