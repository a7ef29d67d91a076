// SPDX-License-Identifier: MIT
#pragma once

#include "sagadefinition.h"

#include <QGroupBox>

QT_BEGIN_NAMESPACE
class QCheckBox;
class QComboBox;
class QLabel;
class QPushButton;
class QSpinBox;
QT_END_NAMESPACE

namespace Sagascope {

class MonitorController;

/**
 * The "Run" group of the properties panel for one step: breakpoints before its action and its
 * compensation, and failures injected into it (for the next run, and into the run in progress
 * from the next attempt). A view of the MonitorController's breakpoints and FaultPlan: every
 * change goes through the controller, which the step's context menu uses too, and the group
 * follows the controller's stepRunChanged() whoever made the change.
 */
class StepRunSection : public QGroupBox
{
    Q_OBJECT
public:
    explicit StepRunSection(MonitorController *controller, QWidget *parent = nullptr);

    /** The step shown (empty: none, everything disabled). */
    void setStep(const StepId &step);
    StepId step() const { return m_step; }
    /** Re-reads the controller and the document (a step gained or lost its compensation). */
    void refresh();

private:
    void fillKinds();
    void inject();

    MonitorController *m_controller = nullptr;
    StepId m_step;
    bool m_updating = false;
    QCheckBox *m_breakAction = nullptr;
    QCheckBox *m_breakCompensation = nullptr;
    QComboBox *m_kind = nullptr;
    QSpinBox *m_attempts = nullptr;
    QComboBox *m_target = nullptr;
    QPushButton *m_inject = nullptr;
    QPushButton *m_clear = nullptr;
    QLabel *m_faults = nullptr;
    QLabel *m_error = nullptr;
};

} // namespace Sagascope
