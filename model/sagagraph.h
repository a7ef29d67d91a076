// SPDX-License-Identifier: MIT
#pragma once

#include "sagadefinition.h"

#include <QHash>
#include <QList>
#include <QString>

#include <vector>

namespace Sagascope {

/** A fixed-size set of step indices, for ancestor/descendant sets. */
class StepSet
{
public:
    StepSet() = default;
    explicit StepSet(int size);

    int size() const { return m_size; }
    bool contains(int i) const { return (m_words[size_t(i) >> 6] >> (i & 63)) & 1u; }
    void insert(int i) { m_words[size_t(i) >> 6] |= quint64(1) << (i & 63); }
    void unite(const StepSet &other);
    bool isEmpty() const;
    int count() const;
    /** Indices in ascending order. */
    QList<int> toList() const;
    /** True when this and `other` share an element. */
    bool intersects(const StepSet &other) const;
    /** Elements of this not in `other`. */
    StepSet minus(const StepSet &other) const;

private:
    int m_size = 0;
    std::vector<quint64> m_words;
};

/**
 * The dependency graph of a saga, shared by the validator, the engine and the canvas: `after`
 * edges and, by default, event edges (SPEC section 5: a step that waits `on` an event depends on
 * the steps that emit it on success, as if they were in its `after`; a compensation's `on` adds
 * none). Steps are numbered by their index in the definition; a duplicate id keeps its first
 * step, and `after` entries naming unknown steps are left out (the validator reports both).
 * Immutable once built; rebuild after an edit.
 */
class SagaGraph
{
public:
    enum class Edges { AfterAndEvents, AfterOnly };

    explicit SagaGraph(const SagaDefinition &definition, Edges edges = Edges::AfterAndEvents);

    int size() const { return int(m_ids.size()); }
    const StepId &id(int index) const { return m_ids[size_t(index)]; }
    /** Index of the step with this id, or -1. O(1). */
    int indexOf(const StepId &id) const { return m_index.value(id, -1); }

    /** Direct predecessors (the step's `after`, resolved, duplicates removed). */
    const QList<int> &predecessors(int index) const { return m_preds[size_t(index)]; }
    /** Direct successors (steps that name this one in `after`, or wait `on` its success event). */
    const QList<int> &successors(int index) const { return m_succs[size_t(index)]; }
    /** True when `to` waits for `from` only through an event (`from` is not in its `after`). */
    bool isEventEdge(int from, int to) const { return m_eventPreds[size_t(to)].contains(from); }

    /** False when `after` has a cycle; then the orders below cover only the acyclic part. */
    bool isAcyclic() const { return m_cycles.isEmpty(); }
    /** Each cycle as the indices of one strongly connected component (a self-loop counts). */
    const QList<QList<int>> &cycles() const { return m_cycles; }

    /** A shortest cycle through `start` inside `component` (one of cycles()), as [start, next,
     *  ...] in run order: each step is a predecessor of the next one. */
    QList<int> cyclePath(int start, const QList<int> &component) const;

    /** A topological order (Kahn, ties by file order); steps on cycles are left out. */
    const QList<int> &topologicalOrder() const { return m_topo; }
    /** Order in which compensations may run: the reverse of topologicalOrder(). */
    QList<int> reverseOrder() const;

    /** Every step that must succeed before `index` may start (transitively). */
    const StepSet &ancestors(int index) const { return m_ancestors[size_t(index)]; }
    /** Every step that cannot start before `index` has succeeded (transitively). */
    const StepSet &descendants(int index) const { return m_descendants[size_t(index)]; }

    /** True when `a` may start before `b` finishes, in some order the engine may choose:
     *  `a` is not `b` and does not depend on `b` (directly or transitively). */
    bool canRunBefore(int a, int b) const { return a != b && !m_ancestors[size_t(a)].contains(b); }
    /** True when neither depends on the other: they may run at the same time. */
    bool areConcurrent(int a, int b) const
    {
        return a != b && !m_ancestors[size_t(a)].contains(b) && !m_ancestors[size_t(b)].contains(a);
    }

    /** Steps with no predecessors / no successors. */
    QList<int> sources() const;
    QList<int> sinks() const;

private:
    std::vector<StepId> m_ids;
    QHash<StepId, int> m_index;
    std::vector<QList<int>> m_preds;
    std::vector<QList<int>> m_succs;
    std::vector<QList<int>> m_eventPreds; // the predecessors that only an event makes
    QList<QList<int>> m_cycles;
    QList<int> m_topo;
    std::vector<StepSet> m_ancestors;
    std::vector<StepSet> m_descendants;
};

} // namespace Sagascope
