// SPDX-License-Identifier: MIT
#include "protocolcontrols.h"

#include "comparisondialog.h"
#include "protocoloverlay.h"
#include "runcontroller.h"
#include "runmonitor.h"
#include "sagadocument.h"

#include <QAction>
#include <QActionGroup>
#include <QComboBox>
#include <QLabel>
#include <QMenu>
#include <QMessageBox>
#include <QToolBar>

namespace Sagascope {

ProtocolControls::ProtocolControls(RunController *run, RunMonitor *monitor, SagaDocument *doc, SagaScene *scene,
                                   QWidget *window)
    : QObject(window)
    , m_run(run)
    , m_monitor(monitor)
    , m_doc(doc)
    , m_window(window)
    , m_overlay(new ProtocolOverlay(scene, this))
{
    m_protocolBox = new QComboBox;
    m_protocolBox->setObjectName(QStringLiteral("protocolBox"));
    m_protocolBox->addItem(tr("Saga"), int(Protocol::Saga));
    m_protocolBox->addItem(tr("2PC"), int(Protocol::TwoPhaseCommit));
    m_protocolBox->setToolTip(tr("The protocol of the next run: a saga, or one distributed transaction with a "
                                 "two-phase commit coordinator"));
    connect(m_protocolBox, &QComboBox::activated, this,
            [this](int index) { m_run->setProtocol(Protocol(m_protocolBox->itemData(index).toInt())); });

    m_compareAction = new QAction(tr("&Compare Protocols…"), this);
    m_compareAction->setObjectName(QStringLiteral("compareAction"));
    m_compareAction->setShortcut(QKeySequence(Qt::Key_F7));
    m_compareAction->setToolTip(tr("Run the saga under both protocols with the same seed and load, and compare the "
                                   "figures side by side (F7)"));
    connect(m_compareAction, &QAction::triggered, this, &ProtocolControls::compareRequested);

    m_crashMenu = new QMenu(tr("Crash the Coordinator"), window);
    m_crashMenu->setObjectName(QStringLiteral("crashCoordinatorMenu"));
    m_crashGroup = new QActionGroup(this);
    const std::tuple<CrashPoint, QString, const char *> points[] = {
        {CrashPoint::None, tr("&Never"), "crashNever"},
        {CrashPoint::AfterPrepare, tr("After &Prepare (before the decision)"), "crashAfterPrepare"},
        {CrashPoint::AfterDecision, tr("After the &Decision (before phase two)"), "crashAfterDecision"},
    };
    for (const auto &[point, label, name] : points) {
        QAction *action = m_crashMenu->addAction(label);
        action->setCheckable(true);
        action->setData(int(point));
        action->setObjectName(QLatin1String(name));
        m_crashGroup->addAction(action);
        connect(action, &QAction::triggered, this, [this, point] { m_run->setCrashCoordinator(point); });
    }
    m_crashMenu->menuAction()->setToolTip(tr("2PC: stop the coordinator at this point of the first instance to reach it; "
                                             "its participants stay in doubt until it is recovered"));

    m_recoverAction = new QAction(tr("Recover the &Coordinator"), this);
    m_recoverAction->setObjectName(QStringLiteral("recoverAction"));
    m_recoverAction->setShortcut(QKeySequence(Qt::SHIFT | Qt::Key_F7));
    m_recoverAction->setToolTip(tr("Restart the crashed coordinator from its saga log: it sends the logged decision, or "
                                   "aborts when none was logged (Shift+F7)"));
    connect(m_recoverAction, &QAction::triggered, this, &ProtocolControls::recover);
    m_separator = new QAction(this);
    m_separator->setSeparator(true);

    connect(m_run, &RunController::protocolChanged, this, &ProtocolControls::syncFromController);
    connect(m_run, &RunController::stateChanged, this, &ProtocolControls::syncFromController);
    connect(m_run, &RunController::runFinished, this, [this](const RunSummary &summary) {
        // The engine's own values (lost updates included), once the monitor has shown every event.
        m_finalValues = summary.resources;
        m_finalPending = !summary.coordinatorCrashed && summary.error.isEmpty();
        syncFromController();
    });
    syncFromController();
}

ProtocolControls::~ProtocolControls() = default;

void ProtocolControls::addTo(QToolBar *toolBar)
{
    toolBar->addWidget(new QLabel(tr(" Protocol ")));
    toolBar->addWidget(m_protocolBox);
    toolBar->addAction(m_compareAction);
}

QList<QAction *> ProtocolControls::actions() const
{
    return {m_separator, m_compareAction, m_crashMenu->menuAction(), m_recoverAction};
}

QAction *ProtocolControls::crashAction(CrashPoint point) const
{
    for (QAction *action : m_crashGroup->actions())
        if (action->data().toInt() == int(point))
            return action;
    return nullptr;
}

void ProtocolControls::syncFromController()
{
    m_protocolBox->setCurrentIndex(m_protocolBox->findData(int(m_run->protocol())));
    m_protocolBox->setEnabled(!m_run->isRunning());
    if (QAction *action = crashAction(m_run->crashCoordinator()))
        action->setChecked(true);
    const bool crashable = m_run->protocol() == Protocol::TwoPhaseCommit && !m_run->isRunning();
    m_crashMenu->setEnabled(crashable);
    m_crashGroup->setEnabled(crashable);
    m_recoverAction->setEnabled(m_run->canRecover());
}

void ProtocolControls::recover()
{
    QString error;
    if (!m_run->recover(&error))
        QMessageBox::warning(m_window, tr("Recover the Coordinator"), error);
}

void ProtocolControls::compare(quint64 seed)
{
    if (!m_doc)
        return;
    if (!m_dialog) {
        m_dialog = new ComparisonDialog(m_window);
        m_dialog->setAttribute(Qt::WA_DeleteOnClose, false);
    }
    m_dialog->setDefinition(m_doc->definition());
    ComparisonLoad load = m_dialog->load();
    load.seed = seed;
    m_dialog->setLoad(load);
    m_dialog->show();
    m_dialog->raise();
    m_dialog->activateWindow();
    if (m_dialog->isRunning())
        return;
    QString error;
    if (!m_dialog->compare(&error))
        QMessageBox::warning(m_dialog, m_dialog->windowTitle(), error);
}

void ProtocolControls::runShown()
{
    if (!std::exchange(m_finalPending, false))
        return;
    m_state.setFinalValues(m_finalValues);
    m_overlay->setState(&m_state, m_instance);
}

void ProtocolControls::runPrepared(const SagaDefinition &definition)
{
    m_finalPending = false;
    m_replaying = false;
    m_state = ProtocolRunState(definition);
    m_instance.clear();
    m_overlay->clear();
}

void ProtocolControls::frame(const QList<TraceEvent> &applied, const QString &selectedInstance)
{
    m_state.apply(applied);
    m_instance = selectedInstance;
    if (!m_replaying)
        m_overlay->setState(&m_state, m_instance);
}

void ProtocolControls::selectInstance(const QString &instance)
{
    m_instance = instance;
    showLive();
}

void ProtocolControls::showReplay(const SagaDefinition &definition, const QList<TraceEvent> &events,
                                  const QString &instance)
{
    m_replayState = ProtocolRunState(definition);
    m_replayState.apply(events);
    m_replaying = true;
    m_overlay->setState(&m_replayState, instance);
}

void ProtocolControls::showLive()
{
    m_replaying = false;
    m_overlay->setState(&m_state, m_instance);
}

void ProtocolControls::setRunClock(qint64 now)
{
    m_overlay->setRunClock(now);
}

} // namespace Sagascope
