// SPDX-License-Identifier: MIT
#pragma once

#include "sagadefinition.h"
#include "traceevent.h"

#include <QHash>
#include <QList>
#include <QMap>
#include <QString>

namespace Sagascope {

/**
 * What the trace tells of SPEC section 7 beyond the steps' phases (which RunState keeps): under
 * 2PC, each instance's coordinator (preparing, deciding, the decision, crashed) and each
 * participant's prepare, vote, locks (since when) and doubt; under both protocols, the shared
 * counters' values as the trace's successes, compensations and commits change them, and who
 * holds each resource's lock. A pure reducer without a window, fed the same events as RunState
 * (the canvas draws it: ProtocolOverlay); tested by tst_protocolrunstate against real runs.
 *
 * The counters follow the effects the trace shows (an action's success adds `delta`, its
 * compensation takes it back, a 2PC commit adds it): where the saga loses an update, the engine's
 * own value (RunSummary::resources) differs, and the run's end shows the engine's (setFinalValues()).
 */
class ProtocolRunState
{
public:
    enum class CoordinatorPhase : quint8 { None, Preparing, Decided, Crashed, Finished };
    enum class Vote : quint8 { None, Yes, No };

    struct Participant
    {
        bool prepared = false;
        int attempt = 0;
        Vote vote = Vote::None;
        bool inDoubt = false;
        QString applied;          // "commit" or "abort" once the decision is applied; else empty
        qint64 lockedSince = -1;  // the step's own lock (2PC); -1: not held
        QString resource;         // the sim.effect resource it holds locked (empty: none)
        qint64 heldMs = -1;       // how long its last lock was held, once released

        friend bool operator==(const Participant &, const Participant &) = default;
    };
    struct Coordinator
    {
        CoordinatorPhase phase = CoordinatorPhase::None;
        QString decision;         // "commit" or "abort" once decided
        QString reason;
        int inDoubt = 0;          // participants in doubt now

        friend bool operator==(const Coordinator &, const Coordinator &) = default;
    };
    struct ResourceView
    {
        QString name;
        qint64 value = 0;
        QString lockHolder;       // 2PC: the instance holding the exclusive lock (empty: none)
        qint64 lockedSince = -1;
        QString lastInstance;     // who changed it last, and how
        StepId lastStep;
        qint64 lastDelta = 0;
        qint64 lastT = -1;

        friend bool operator==(const ResourceView &, const ResourceView &) = default;
    };

    ProtocolRunState() = default;
    explicit ProtocolRunState(const SagaDefinition &definition);
    void clear();

    void apply(const TraceEvent &event);
    void apply(const QList<TraceEvent> &events);

    /** True once a 2PC event was seen. */
    bool isTwoPhase() const { return m_twoPhase; }
    /** Null when the instance has no 2PC event. */
    const Coordinator *coordinator(const QString &instance) const;
    /** Null when the step of the instance was never prepared. */
    const Participant *participant(const QString &instance, const StepId &step) const;
    /** The largest `t` seen (-1 before the first event): the time a finished or crashed run stopped at. */
    qint64 lastT() const { return m_lastT; }
    /** Participants in doubt now, over every instance. */
    int inDoubtCount() const { return m_inDoubt; }

    /** The shared counters in the file's order. */
    const QList<ResourceView> &resources() const { return m_resources; }
    const ResourceView *resource(const QString &name) const;
    /** The run ended: its counters' values are the engine's (RunSummary::resources). */
    void setFinalValues(const QMap<QString, qint64> &values);

private:
    ResourceView *resourceOf(const StepId &step, qint64 *delta);
    void change(const TraceEvent &event, qint64 sign);

    SagaDefinition m_definition;
    QHash<QString, Coordinator> m_coordinators;
    QHash<QString, QHash<StepId, Participant>> m_participants;
    QHash<QString, QHash<StepId, bool>> m_appliedActions; // saga: actions whose effect is in the counter
    QList<ResourceView> m_resources;
    int m_inDoubt = 0;
    qint64 m_lastT = -1;
    bool m_twoPhase = false;
};

} // namespace Sagascope
