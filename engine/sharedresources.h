// SPDX-License-Identifier: MIT
#pragma once

#include "sagadefinition.h"

#include <QHash>
#include <QList>
#include <QMap>
#include <QString>

#include <functional>
#include <optional>
#include <vector>

namespace Sagascope {

/** Where changes of the shared counters go (the saga log), in the same transaction as the
 *  effects ledger's rows. `operation` is "action" or "compensation". */
class ResourceStore
{
public:
    virtual ~ResourceStore() = default;
    virtual void appendResourceChange(const QString &instance, const StepId &step, const QString &operation,
                                      const QString &resource, qint64 delta, qint64 value) = 0;
};

/** The anomalies a run counted (docs/ENGINE.md, "Isolation"). */
struct AnomalyCounts
{
    int dirtyReads = 0;         // reads of a value that a later compensation of another instance took back
    int dirtyReadFailures = 0;  // business failures (min) that would not have happened without that value
    int lostUpdates = 0;        // writes that overwrote another instance's change made after their read
};

/**
 * The shared counters of one run (SPEC section 7, top-level `resources` and `sim.effect`), as the
 * simulated participants of the **saga** protocol see them, with the anomalies that its lack of
 * isolation lets happen and Richardson's countermeasures against them.
 *
 * The model of one attempt of an action with a `sim.effect` (docs/ENGINE.md): the participant
 * reads the counter when its work starts (beginAction) and writes when its work ends, after the
 * operation's latency (checkAction, then applyAction once the effects ledger has applied the key).
 * Its local transaction writes and commits at that instant: under the saga a resource is locked
 * only for that commit, which the simulation makes instantaneous. Without a countermeasure the
 * write is `value read + delta`: a service that loads a record, changes it and saves it back.
 *
 * - `commutative`: the write adds `delta` to the value at the time of the write (no lost update).
 * - `rereadValue`: the write first reads the value again; if it changed since the first read the
 *   attempt fails for a business reason and writes nothing (no lost update).
 * - `semanticLock`: the action sets a pending flag on the resource when its work starts, held until
 *   its instance finishes; another instance's action on the resource waits for it (`onLocked:
 *   "wait"`) or fails at once for a business reason (`"fail"`) (no dirty read).
 *
 * Compensations always add `-delta` to the value at the time they run.
 * Single-threaded, like the engine.
 */
class SharedResources
{
public:
    explicit SharedResources(const SagaDefinition &definition);

    void setStore(ResourceStore *store) { m_store = store; }
    bool isEmpty() const { return m_values.isEmpty(); }
    /** Every counter's current value, by name. */
    QMap<QString, qint64> values() const { return m_values; }
    qint64 value(const QString &resource) const { return m_values.value(resource); }
    /** Recovery: the value the saga log last recorded for a counter. */
    void restoreValue(const QString &resource, qint64 value);
    /** Recovery: an unfinished instance had applied this action (the ledger says so): its write
     *  can still be compensated, and its semantic lock (if the step takes one) is held again. */
    void restoreAppliedAction(const QString &instance, int stepIndex, qint64 now);

    /** The effect of step `stepIndex`'s action, or null. */
    const SimEffect *effectOf(int stepIndex) const;

    /** What happens to an action that wants to start its work. */
    enum class Admission { Go, Wait, Fail };
    /** Before the work of an action with an effect starts: takes the step's semantic lock (when it
     *  has one) or says that another instance holds it. On Wait, `wake` runs once it is released. */
    Admission admit(const QString &instance, int stepIndex, qint64 now, std::function<void()> wake);
    /** The instance holding the semantic lock on `resource` (empty: none). */
    QString semanticLockHolder(const QString &resource) const;

    /** The start of an action's work: the participant reads the counter. */
    void beginAction(const QString &instance, int stepIndex);
    /** The end of the work, before the ledger applies the key: a business failure's reason (the
     *  counter would fall below `min`, or a reread found it changed), or none to go on. */
    std::optional<QString> checkAction(const QString &instance, int stepIndex);
    /** The ledger applied the action's key: write the counter. */
    void applyAction(const QString &instance, int stepIndex);
    /** The ledger compensated the key (the action had been applied): add `-delta`. */
    void applyCompensation(const QString &instance, int stepIndex);
    /** 2PC: a participant applied a commit: the counter gets `delta` (it was locked since the read). */
    void applyCommitted(const QString &instance, int stepIndex);
    /** The instance finished: its semantic locks are released, its writes can no longer be taken back. */
    void instanceFinished(const QString &instance, qint64 now);

    const AnomalyCounts &anomalies() const { return m_anomalies; }
    /** How long each lock on each resource was held, in ms: the semantic locks (a local
     *  transaction's commit is instantaneous and not counted). */
    QMap<QString, QList<qint64>> lockHolds() const { return m_lockHolds; }

private:
    struct Read
    {
        quint64 seq = 0;
        QString instance;
        int step = -1;
        qint64 seen = 0;
        bool failedMin = false;
        bool dirty = false;
    };
    struct Work
    {
        qint64 seen = 0;
        quint64 readSeq = 0;  // the Read recorded for it (0: none yet)
        qint64 written = 0;   // the value it wrote
        quint64 writeSeq = 0; // reads up to this one saw the value before the write
        bool applied = false;
    };
    struct SemanticLock
    {
        QString holder;
        qint64 since = 0;
        std::vector<std::function<void()>> waiting;
    };
    using Key = std::pair<QString, int>;
    void recordRead(const QString &resource, const QString &instance, int stepIndex, Work &work);
    void write(const QString &instance, int stepIndex, const QString &operation, const QString &resource, qint64 delta,
               qint64 newValue);

    const SagaDefinition &m_definition;
    ResourceStore *m_store = nullptr;
    QMap<QString, qint64> m_values;
    QHash<Key, Work> m_work;                       // per instance and step, while the instance runs
    QHash<QString, QList<int>> m_stepsOf;          // steps with an effect each instance has begun
    QHash<QString, std::vector<Read>> m_reads;     // per resource, while a write may still be taken back
    QHash<QString, int> m_openWrites;              // per resource: applied writes of running instances
    QHash<QString, SemanticLock> m_semanticLocks;  // per resource
    quint64 m_readSeq = 0;
    AnomalyCounts m_anomalies;
    QMap<QString, QList<qint64>> m_lockHolds;
};

} // namespace Sagascope
