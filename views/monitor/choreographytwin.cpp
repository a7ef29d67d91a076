// SPDX-License-Identifier: MIT
#include "choreographytwin.h"

#include "choreographyscene.h"
#include "choreographysplit.h"
#include "eventflowoverlay.h"
#include "monitorcontroller.h"
#include "runcontroller.h"
#include "runmonitor.h"
#include "sagaconvert.h"

namespace Sagascope {

ChoreographyTwin::ChoreographyTwin(MonitorController *controller, ChoreographySplit *split, QObject *parent)
    : QObject(parent)
    , m_controller(controller)
    , m_split(split)
    , m_run(new RunController(this))
    , m_monitor(new RunMonitor(this))
    , m_flow(new EventFlowOverlay(split->scene(), this))
{
    m_flow->setActive(false);
    connect(split, &ChoreographySplit::convertedShownChanged, this, &ChoreographyTwin::convertedShownChanged);
    connect(controller->runController(), &RunController::runStarted, this, &ChoreographyTwin::mainRunStarted);
    connect(controller->runController(), &RunController::selectedInstanceChanged, this, [this] {
        m_flow->stopAnimation();
        frame();
    });
    connect(m_run, &RunController::traceEvents, m_monitor, &RunMonitor::addEvents);
    connect(m_monitor, &RunMonitor::updated, this, [this](const QList<TraceEvent> &applied) {
        frame();
        m_flow->animate(applied);
        updateBusy();
    });
    connect(m_run, &RunController::runFinished, this, &ChoreographyTwin::updateBusy);
    connect(m_flow, &EventFlowOverlay::animationFinished, this, &ChoreographyTwin::updateBusy);
}

ChoreographyTwin::~ChoreographyTwin()
{
    m_run->stop();
}

bool ChoreographyTwin::isBusy() const
{
    return m_run->isBusy() || m_monitor->pendingCount() > 0 || m_flow->isAnimating();
}

QString ChoreographyTwin::shownInstance() const
{
    const RunState &twin = m_monitor->state();
    if (!m_controller || twin.instanceCount() == 0)
        return {};
    // The same number as the window's selected instance (its first when none is selected).
    const RunState &main = m_controller->runMonitor()->state();
    const int index = qMax(0, main.instanceIndex(m_controller->selectedInstance()));
    return index < twin.instanceCount() ? twin.instanceAt(index).id : QString();
}

void ChoreographyTwin::convertedShownChanged(bool shown)
{
    if (m_controller && m_controller->eventFlow())
        m_controller->eventFlow()->setActive(!shown); // the view shows one run: this form's or the document's
    if (!shown) {
        m_run->stop();
        m_monitor->setDefinition({});
    }
    m_flow->setActive(shown);
    updateBusy();
}

void ChoreographyTwin::mainRunStarted(const SagaDefinition &definition, const RunOptions &options)
{
    if (!m_split || !m_split->isConvertedShown() || options.protocol != Protocol::Saga)
        return;
    QString error;
    const std::optional<SagaDefinition> converted = SagaConvert::toChoreography(definition, &error);
    if (!converted) {
        Q_EMIT message(tr("The choreographed form cannot run: %1").arg(error));
        return;
    }
    m_run->stop();
    m_flow->clearRunState();
    m_monitor->setDefinition(*converted);
    m_run->setSpeed(m_controller->runController()->speed());
    // The options as the window's run has them: its seed, its instances, its failures (the
    // injected ones included); the steps keep their ids in the converted form.
    if (!m_run->start(*converted, m_controller->runController()->lastOptions(), &error))
        Q_EMIT message(tr("The choreographed form cannot run: %1").arg(error));
    updateBusy();
}

void ChoreographyTwin::frame()
{
    if (!m_flow->isActive())
        return;
    m_flow->setRunState(&m_monitor->state(), shownInstance());
}

void ChoreographyTwin::updateBusy()
{
    const bool busy = isBusy();
    if (busy == m_busy)
        return;
    m_busy = busy;
    Q_EMIT busyChanged(busy);
}

} // namespace Sagascope
