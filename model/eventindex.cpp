// SPDX-License-Identifier: MIT
#include "eventindex.h"

#include <QSet>

namespace Sagascope {

EventIndex::EventIndex(const SagaDefinition &definition)
    : m_start(definition.startEvent())
{
    QSet<QString> seen;
    auto add = [&](QHash<QString, QList<int>> &map, const QString &event, int step) {
        if (event.isEmpty())
            return;
        map[event].append(step);
        if (!seen.contains(event)) {
            seen.insert(event);
            m_events.append(event);
        }
    };
    seen.insert(m_start);
    m_events.append(m_start);
    for (int i = 0; i < int(definition.steps.size()); ++i) {
        const Step &step = definition.steps.at(i);
        for (const QString &event : step.on)
            add(m_consumers, event, i);
        if (step.emits) {
            add(m_success, step.emits->success, i);
            add(m_failure, step.emits->failure, i);
        }
        if (step.compensation) {
            for (const QString &event : step.compensation->on)
                add(m_compensationConsumers, event, i);
            add(m_compensated, step.compensation->emits, i);
        }
    }
}

QList<EventIndex::SuccessEdge> EventIndex::successEdges(const SagaDefinition &definition) const
{
    QList<SuccessEdge> edges;
    for (int i = 0; i < int(definition.steps.size()); ++i) {
        for (const QString &event : definition.steps.at(i).on) {
            for (int emitter : successEmitters(event)) {
                if (emitter != i)
                    edges.append({emitter, i, event});
            }
        }
    }
    return edges;
}

const QList<int> &EventIndex::list(const QHash<QString, QList<int>> &map, const QString &event)
{
    static const QList<int> none;
    const auto it = map.constFind(event);
    return it == map.cend() ? none : *it;
}

bool EventIndex::isPublished(const QString &event) const
{
    return event == m_start || m_success.contains(event) || m_failure.contains(event) || m_compensated.contains(event);
}

} // namespace Sagascope
