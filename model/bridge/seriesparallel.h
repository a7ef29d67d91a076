// SPDX-License-Identifier: MIT
#pragma once

#include "sagagraph.h"

#include <QList>
#include <QStringList>

namespace Sagascope {

/** A node of a series-parallel decomposition: one step, steps in sequence, or parallel branches. */
struct SpNode
{
    enum class Type { Step, Sequence, Parallel };
    Type type = Type::Sequence;
    int step = -1;           // Type::Step: the step's index in the graph
    QList<SpNode> children;  // Sequence: in order; Parallel: one branch each
};

/**
 * Decomposes the `after` DAG into sequences and parallel branches, as ASL's Parallel state and
 * BPMN's gateways want it. A part of the DAG that is not series-parallel (e.g. an "N": a->c,
 * b->c, b->d) is linearised in topological order: that keeps every ordering the saga asks for
 * and adds some; the affected steps are reported so the caller can warn.
 */
class SeriesParallel
{
public:
    /** The decomposition of an acyclic graph: always a Sequence at the top. */
    static SpNode decompose(const SagaGraph &graph, QList<QStringList> *linearised);
    /** The steps in the order the decomposition lists them (a topological order). */
    static QList<int> flatten(const SpNode &node);
};

} // namespace Sagascope
