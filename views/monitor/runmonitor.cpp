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
    dropQueued();
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
    m_queue.push_back(events);
    m_pendingCount += events.size();
    if (m_frame.interval() == 0)
        flush();
    else if (!m_frame.isActive())
        m_frame.start();
}

void RunMonitor::reserveInstances(int count)
{
    // Capped: a million instances is the run dialog's limit; beyond, growing is cheaper than
    // holding memory for instances that may never come.
    const int n = qBound(0, count, 1 << 20);
    m_state.reserveInstances(n);
    m_eventLog->reserveInstances(n);
}

void RunMonitor::flush()
{
    applyQueued(0);
}

void RunMonitor::dropQueued()
{
    m_queue.clear();
    m_frontOffset = 0;
    m_pendingCount = 0;
    m_frame.stop();
}

void RunMonitor::applyQueued(int budgetMs)
{
    m_frame.stop();
    if (m_pendingCount == 0)
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
    QList<TraceEvent> batch;
    while (!m_queue.empty()) {
        // Up to Chunk events from the front batches; a lone batch that fits goes as it is (shared).
        QList<TraceEvent> part;
        while (part.size() < Chunk && !m_queue.empty()) {
            const QList<TraceEvent> &front = m_queue.front();
            const qsizetype n = qMin(Chunk - part.size(), front.size() - m_frontOffset);
            if (part.isEmpty() && m_frontOffset == 0 && n == front.size())
                part = front;
            else
                part += front.sliced(m_frontOffset, n);
            m_frontOffset += n;
            if (m_frontOffset == front.size()) {
                m_queue.pop_front();
                m_frontOffset = 0;
            }
        }
        m_pendingCount -= part.size();
        m_state.apply(part);
        m_eventLog->appendEvents(part);
        batch += part;
        if (budget > 0 && clock.elapsed() >= budget)
            break;
    }
    if (!m_queue.empty())
        m_frame.start(); // the rest at the next frame
    const auto [first, last] = m_state.takeTouched();
    m_instances->sync(first, last);
    Q_EMIT updated(batch);
}

void RunMonitor::clear()
{
    dropQueued();
    m_eventLog->clear();
    m_state.clear();
    m_instances->setRunState(&m_state);
}

} // namespace Sagascope
