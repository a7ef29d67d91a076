// SPDX-License-Identifier: MIT
#include "seriesparallel.h"

#include <algorithm>
#include <numeric>

namespace Sagascope {

namespace {

class Decomposer
{
public:
    Decomposer(const SagaGraph &graph, QList<QStringList> *linearised)
        : m_graph(graph), m_linearised(linearised)
    {
    }

    bool comparable(int a, int b) const
    {
        return m_graph.ancestors(a).contains(b) || m_graph.ancestors(b).contains(a);
    }

    SpNode stepNode(int step) const
    {
        SpNode node;
        node.type = SpNode::Type::Step;
        node.step = step;
        return node;
    }

    static void appendToSequence(SpNode &sequence, SpNode child)
    {
        if (child.type == SpNode::Type::Sequence)
            sequence.children += child.children;
        else
            sequence.children.append(std::move(child));
    }

    /** `steps` sorted by topological rank. */
    SpNode decompose(const QList<int> &steps)
    {
        if (steps.size() == 1)
            return stepNode(steps.first());

        // Components of the comparability graph: independent groups run in parallel.
        QList<int> parent(steps.size());
        std::iota(parent.begin(), parent.end(), 0);
        const auto find = [&parent](int x) {
            while (parent[x] != x)
                x = parent[x] = parent[parent[x]];
            return x;
        };
        for (int i = 0; i < steps.size(); ++i) {
            for (int j = i + 1; j < steps.size(); ++j) {
                if (comparable(steps.at(i), steps.at(j)))
                    parent[find(j)] = find(i);
            }
        }
        QList<QList<int>> components;
        QList<int> componentOfRoot(steps.size(), -1);
        for (int i = 0; i < steps.size(); ++i) {
            const int root = find(i);
            if (componentOfRoot[root] < 0) {
                componentOfRoot[root] = int(components.size());
                components.append(QList<int>());
            }
            components[componentOfRoot[root]].append(steps.at(i));
        }
        if (components.size() > 1) {
            SpNode parallel;
            parallel.type = SpNode::Type::Parallel;
            for (const QList<int> &component : std::as_const(components)) {
                SpNode branch;
                branch.type = SpNode::Type::Sequence;
                appendToSequence(branch, decompose(component));
                parallel.children.append(std::move(branch));
            }
            return parallel;
        }

        // One component: split in series where every step before the cut precedes every step after it.
        for (int k = 1; k < steps.size(); ++k) {
            bool cut = true;
            for (int i = 0; i < k && cut; ++i) {
                for (int j = k; j < steps.size() && cut; ++j)
                    cut = m_graph.ancestors(steps.at(j)).contains(steps.at(i));
            }
            if (cut) {
                SpNode sequence;
                sequence.type = SpNode::Type::Sequence;
                appendToSequence(sequence, decompose(steps.mid(0, k)));
                appendToSequence(sequence, decompose(steps.mid(k)));
                return sequence;
            }
        }

        // Not series-parallel: keep the topological order.
        SpNode sequence;
        sequence.type = SpNode::Type::Sequence;
        QStringList ids;
        for (int step : steps) {
            sequence.children.append(stepNode(step));
            ids.append(m_graph.id(step));
        }
        if (m_linearised)
            m_linearised->append(ids);
        return sequence;
    }

private:
    const SagaGraph &m_graph;
    QList<QStringList> *m_linearised;
};

void flattenInto(const SpNode &node, QList<int> *order)
{
    if (node.type == SpNode::Type::Step) {
        order->append(node.step);
        return;
    }
    for (const SpNode &child : node.children)
        flattenInto(child, order);
}

} // namespace

SpNode SeriesParallel::decompose(const SagaGraph &graph, QList<QStringList> *linearised)
{
    SpNode root;
    root.type = SpNode::Type::Sequence;
    const QList<int> &topo = graph.topologicalOrder();
    if (topo.isEmpty())
        return root;
    Decomposer decomposer(graph, linearised);
    SpNode node = decomposer.decompose(topo);
    if (node.type == SpNode::Type::Sequence)
        return node;
    root.children.append(std::move(node));
    return root;
}

QList<int> SeriesParallel::flatten(const SpNode &node)
{
    QList<int> order;
    flattenInto(node, &order);
    return order;
}

} // namespace Sagascope
