// SPDX-License-Identifier: MIT
#pragma once

#include "sagadefinition.h"

#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

namespace Sagascope {

/**
 * Who publishes and who consumes each event of a saga (SPEC section 5): the steps that emit an
 * event on success, on failure or when compensated, the steps that wait `on` it and the
 * compensations that run `on` it. Steps are numbered by their index in the definition, as in
 * SagaGraph. Shared by the validator (SAGA020–SAGA024), `convert` and the engine's broker.
 * Immutable once built; rebuild after an edit.
 */
class EventIndex
{
public:
    explicit EventIndex(const SagaDefinition &definition);

    /** The saga's start event (`start`, default "SagaStarted"). */
    const QString &startEvent() const { return m_start; }
    /** Every event named anywhere (start first, then in order of first appearance in the file). */
    const QStringList &events() const { return m_events; }

    const QList<int> &successEmitters(const QString &event) const { return list(m_success, event); }
    const QList<int> &failureEmitters(const QString &event) const { return list(m_failure, event); }
    const QList<int> &compensationEmitters(const QString &event) const { return list(m_compensated, event); }
    /** Steps that wait `on` the event (all their events are needed). */
    const QList<int> &consumers(const QString &event) const { return list(m_consumers, event); }
    /** Steps whose compensation runs `on` the event (any one of their events is enough). */
    const QList<int> &compensationConsumers(const QString &event) const { return list(m_compensationConsumers, event); }

    /** A dependency by event (SPEC section 5): step `to` waits `on` `event`, which step `from`
     *  emits on success (indices in the definition). */
    struct SuccessEdge
    {
        int from = -1;
        int to = -1;
        QString event;
    };
    /** Every such edge, by consumer in file order, then its `on` order, then emitter order; a
     *  step waiting on its own event is left out. For the canvas's arrows and its layout. */
    QList<SuccessEdge> successEdges(const SagaDefinition &definition) const;

    /** True when some step publishes the event, or it is the start event. */
    bool isPublished(const QString &event) const;
    /** True when some step or compensation waits for it. */
    bool isConsumed(const QString &event) const
    {
        return m_consumers.contains(event) || m_compensationConsumers.contains(event);
    }

private:
    static const QList<int> &list(const QHash<QString, QList<int>> &map, const QString &event);
    void note(const QString &event);

    QString m_start;
    QStringList m_events;
    QHash<QString, QList<int>> m_success;
    QHash<QString, QList<int>> m_failure;
    QHash<QString, QList<int>> m_compensated;
    QHash<QString, QList<int>> m_consumers;
    QHash<QString, QList<int>> m_compensationConsumers;
};

} // namespace Sagascope
