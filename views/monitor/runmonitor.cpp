// SPDX-License-Identifier: MIT
#include "runmonitor.h"

#include "eventlogmodel.h"
#include "instancesmodel.h"

#include <QElapsedTimer>

namespace Sagascope {

RunMonitor::RunMonitor(QObject *parent)
    : QObject(parent)
    , m_eventLog(new EventLogModel(this))
    , m_instances(new InstancesModel(this))
{
    qRegisterMetaType<QList<Sagascope::TraceEvent>>();
    m_frame.setSingleShot(true);
    m_frame.setInterval(33);
    connect(&m_frame, &QTimer::timeout, this, [this] { applyQueued(m_budgetMs); });
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
    applyQueued(0);
}

void RunMonitor::applyQueued(int budgetMs)
{
    m_frame.stop();
    if (m_pending.isEmpty())
        return;
    Q_EMIT frameStarted();
    QElapsedTimer clock;
    clock.start();
    // A run's first frame also paints every panel's first rows (the window's costliest paint):
    // it applies a quarter of the budget; the next frames catch up.
    const int budget = budgetMs > 0 && m_state.instanceCount() == 0 ? qMax(1, budgetMs / 4) : budgetMs;
    m_state.takeTouched();
    // In chunks, so that a budget can stop between two; the models take each chunk as one insert.
    constexpr qsizetype Chunk = 256;
    qsizetype taken = 0;
    while (taken < m_pending.size()) {
        const QList<TraceEvent> part = m_pending.mid(taken, qMin(Chunk, m_pending.size() - taken));
        m_state.apply(part);
        m_eventLog->appendEvents(part);
        taken += part.size();
        if (budget > 0 && clock.elapsed() >= budget)
            break;
    }
    QList<TraceEvent> batch;
    if (taken == m_pending.size()) {
        batch = std::exchange(m_pending, {});
    } else {
        batch = m_pending.first(taken);
        m_pending.remove(0, taken);
        m_frame.start(); // the rest at the next frame
    }
    const auto [first, last] = m_state.takeTouched();
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
