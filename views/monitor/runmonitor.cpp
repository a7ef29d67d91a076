// SPDX-License-Identifier: MIT
#include "runmonitor.h"

#include "eventlogmodel.h"
#include "instancesmodel.h"

namespace Sagascope {

RunMonitor::RunMonitor(QObject *parent)
    : QObject(parent)
    , m_eventLog(new EventLogModel(this))
    , m_instances(new InstancesModel(this))
{
    qRegisterMetaType<QList<Sagascope::TraceEvent>>();
    m_frame.setSingleShot(true);
    m_frame.setInterval(33);
    connect(&m_frame, &QTimer::timeout, this, &RunMonitor::flush);
    m_instances->setRunState(&m_state);
}

RunMonitor::~RunMonitor() = default;

void RunMonitor::setDefinition(const SagaDefinition &definition)
{
    m_definition = definition;
    m_pending.clear();
    m_frame.stop();
    m_eventLog->clear();
    m_state = RunState(definition);
    m_instances->setRunState(&m_state);
}

void RunMonitor::setFrameInterval(int ms)
{
    m_frame.setInterval(qMax(0, ms));
}

void RunMonitor::addEvents(const QList<TraceEvent> &events)
{
    if (events.isEmpty())
        return;
    m_pending += events;
    if (m_frame.interval() == 0)
        flush();
    else if (!m_frame.isActive())
        m_frame.start();
}

void RunMonitor::flush()
{
    m_frame.stop();
    if (m_pending.isEmpty())
        return;
    const QList<TraceEvent> batch = std::exchange(m_pending, {});
    m_state.takeTouched();
    m_state.apply(batch);
    const auto [first, last] = m_state.takeTouched();
    m_eventLog->appendEvents(batch);
    m_instances->sync(first, last);
    Q_EMIT updated(batch);
}

void RunMonitor::clear()
{
    m_pending.clear();
    m_frame.stop();
    m_eventLog->clear();
    m_state.clear();
    m_instances->setRunState(&m_state);
}

} // namespace Sagascope
