// SPDX-License-Identifier: MIT
#include "sagagraph.h"

#include <QSet>

#include <algorithm>
#include <bit>

namespace Sagascope {

StepSet::StepSet(int size)
    : m_size(size)
    , m_words((size_t(size) + 63) / 64, 0)
{
}

void StepSet::unite(const StepSet &other)
{
    for (size_t i = 0; i < m_words.size(); ++i)
        m_words[i] |= other.m_words[i];
}

bool StepSet::isEmpty() const
{
    return std::all_of(m_words.cbegin(), m_words.cend(), [](quint64 w) { return w == 0; });
}

int StepSet::count() const
{
    int n = 0;
    for (const quint64 w : m_words)
        n += std::popcount(w);
    return n;
}

QList<int> StepSet::toList() const
{
    QList<int> list;
    for (size_t i = 0; i < m_words.size(); ++i) {
        quint64 w = m_words[i];
        while (w) {
            const int bit = std::countr_zero(w);
            list.append(int(i * 64) + bit);
            w &= w - 1;
        }
    }
    return list;
}

bool StepSet::intersects(const StepSet &other) const
{
    for (size_t i = 0; i < m_words.size(); ++i) {
        if (m_words[i] & other.m_words[i])
            return true;
    }
    return false;
}

StepSet StepSet::minus(const StepSet &other) const
{
    StepSet result = *this;
    for (size_t i = 0; i < m_words.size(); ++i)
        result.m_words[i] &= ~other.m_words[i];
    return result;
}

SagaGraph::SagaGraph(const SagaDefinition &definition, Edges edges)
{
    const int n = int(definition.steps.size());
    m_ids.reserve(size_t(n));
    m_index.reserve(n);
    for (int i = 0; i < n; ++i) {
        const StepId &id = definition.steps.at(i).id;
        m_ids.push_back(id);
        if (!m_index.contains(id))
            m_index.insert(id, i);
    }
    m_preds.resize(size_t(n));
    m_succs.resize(size_t(n));
    for (int i = 0; i < n; ++i) {
        QList<int> &preds = m_preds[size_t(i)];
        for (const StepId &after : definition.steps.at(i).after) {
            const int p = m_index.value(after, -1);
            if (p < 0 || preds.contains(p))
                continue;
            preds.append(p);
            m_succs[size_t(p)].append(i);
        }
    }
    m_eventPreds.resize(size_t(n));
    if (edges == Edges::AfterAndEvents) {
        // Who publishes each event on success (first steps of duplicate ids only, as above).
        QHash<QString, QList<int>> emitters;
        for (int i = 0; i < n; ++i) {
            const Step &step = definition.steps.at(i);
            if (step.emits && !step.emits->success.isEmpty() && m_index.value(step.id) == i)
                emitters[step.emits->success].append(i);
        }
        if (!emitters.isEmpty()) {
            for (int i = 0; i < n; ++i) {
                QList<int> &preds = m_preds[size_t(i)];
                for (const QString &event : definition.steps.at(i).on) {
                    for (const int p : emitters.value(event)) {
                        if (preds.contains(p))
                            continue;
                        preds.append(p);
                        m_eventPreds[size_t(i)].append(p);
                        m_succs[size_t(p)].append(i);
                    }
                }
            }
        }
    }

    // Strongly connected components (iterative Tarjan): a component of more than one step, or a
    // step that names itself, is a cycle.
    {
        std::vector<int> indexOf(size_t(n), -1), low(size_t(n), 0);
        std::vector<char> onStack(size_t(n), 0);
        std::vector<int> stack;
        int counter = 0;
        struct Frame { int node; int next; };
        std::vector<Frame> call;
        for (int root = 0; root < n; ++root) {
            if (indexOf[size_t(root)] >= 0)
                continue;
            call.push_back({root, 0});
            while (!call.empty()) {
                Frame &frame = call.back();
                const int v = frame.node;
                if (frame.next == 0) {
                    indexOf[size_t(v)] = low[size_t(v)] = counter++;
                    stack.push_back(v);
                    onStack[size_t(v)] = 1;
                }
                const QList<int> &succ = m_succs[size_t(v)];
                if (frame.next < succ.size()) {
                    const int w = succ.at(frame.next++);
                    if (indexOf[size_t(w)] < 0) {
                        call.push_back({w, 0});
                    } else if (onStack[size_t(w)]) {
                        low[size_t(v)] = std::min(low[size_t(v)], indexOf[size_t(w)]);
                    }
                    continue;
                }
                if (low[size_t(v)] == indexOf[size_t(v)]) {
                    QList<int> component;
                    int w = -1;
                    do {
                        w = stack.back();
                        stack.pop_back();
                        onStack[size_t(w)] = 0;
                        component.append(w);
                    } while (w != v);
                    if (component.size() > 1 || m_preds[size_t(v)].contains(v)) {
                        std::sort(component.begin(), component.end());
                        m_cycles.append(component);
                    }
                }
                call.pop_back();
                if (!call.empty()) {
                    const int parent = call.back().node;
                    low[size_t(parent)] = std::min(low[size_t(parent)], low[size_t(v)]);
                }
            }
        }
        std::sort(m_cycles.begin(), m_cycles.end(),
                  [](const QList<int> &a, const QList<int> &b) { return a.first() < b.first(); });
    }

    // Topological order (Kahn; among ready steps the one first in the file goes first).
    {
        std::vector<int> indegree(size_t(n), 0);
        for (int i = 0; i < n; ++i)
            indegree[size_t(i)] = int(m_preds[size_t(i)].size());
        std::vector<int> heap; // min-heap on index
        for (int i = 0; i < n; ++i) {
            if (indegree[size_t(i)] == 0)
                heap.push_back(i);
        }
        std::make_heap(heap.begin(), heap.end(), std::greater<int>());
        m_topo.reserve(n);
        while (!heap.empty()) {
            std::pop_heap(heap.begin(), heap.end(), std::greater<int>());
            const int v = heap.back();
            heap.pop_back();
            m_topo.append(v);
            for (const int w : m_succs[size_t(v)]) {
                if (--indegree[size_t(w)] == 0) {
                    heap.push_back(w);
                    std::push_heap(heap.begin(), heap.end(), std::greater<int>());
                }
            }
        }
    }

    // Transitive ancestors in topological order, descendants in reverse. Steps on or behind a
    // cycle are not in m_topo; they get the ancestors of their acyclic predecessors.
    m_ancestors.assign(size_t(n), StepSet(n));
    m_descendants.assign(size_t(n), StepSet(n));
    for (const int v : std::as_const(m_topo)) {
        StepSet &set = m_ancestors[size_t(v)];
        for (const int p : m_preds[size_t(v)]) {
            set.insert(p);
            set.unite(m_ancestors[size_t(p)]);
        }
    }
    for (auto it = m_topo.crbegin(); it != m_topo.crend(); ++it) {
        const int v = *it;
        StepSet &set = m_descendants[size_t(v)];
        for (const int s : m_succs[size_t(v)]) {
            set.insert(s);
            set.unite(m_descendants[size_t(s)]);
        }
    }
}

QList<int> SagaGraph::cyclePath(int start, const QList<int> &component) const
{
    if (m_preds[size_t(start)].contains(start))
        return {start};
    QSet<int> inComponent(component.cbegin(), component.cend());
    QHash<int, int> parent; // breadth-first search over successors
    QList<int> queue{start};
    parent.insert(start, -1);
    int last = -1;
    for (qsizetype head = 0; head < queue.size() && last < 0; ++head) {
        const int v = queue.at(head);
        for (const int w : m_succs[size_t(v)]) {
            if (w == start) {
                last = v;
                break;
            }
            if (inComponent.contains(w) && !parent.contains(w)) {
                parent.insert(w, v);
                queue.append(w);
            }
        }
    }
    QList<int> path;
    for (int v = last; v >= 0; v = parent.value(v, -1))
        path.prepend(v);
    return path.isEmpty() ? component : path;
}

QList<int> SagaGraph::reverseOrder() const
{
    QList<int> order = m_topo;
    std::reverse(order.begin(), order.end());
    return order;
}

QList<int> SagaGraph::sources() const
{
    QList<int> list;
    for (int i = 0; i < size(); ++i) {
        if (m_preds[size_t(i)].isEmpty())
            list.append(i);
    }
    return list;
}

QList<int> SagaGraph::sinks() const
{
    QList<int> list;
    for (int i = 0; i < size(); ++i) {
        if (m_succs[size_t(i)].isEmpty())
            list.append(i);
    }
    return list;
}

} // namespace Sagascope
