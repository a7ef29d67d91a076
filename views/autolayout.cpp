// SPDX-License-Identifier: MIT
#include "autolayout.h"

#include "eventindex.h"
#include "sagagraph.h"
#include "stepitem.h"

#include <QRectF>
#include <QSet>

#include <cmath>

namespace Sagascope {

LayoutInput AutoLayout::input(const SagaDefinition &definition, const QFont &font, const AutoLayoutOptions &options)
{
    LayoutInput in;
    in.direction = options.direction;
    in.useClusters = options.swimlanes;
    // Below each card the monitor draws the run's pill and the heat bar with its words (RunOverlay:
    // 5 + 20 + 4 + 10 + 14 px): the next card down keeps clear of them (seen: in a left-to-right
    // layout the heat of each parallel card was hidden under the card below it).
    constexpr double RoomBelowCards = 56;
    if (options.direction == LayoutDirection::TopToBottom) {
        in.nodeSeparation = 40;
        in.rankSeparation = RoomBelowCards + 16;
    } else {
        in.nodeSeparation = RoomBelowCards;
        in.rankSeparation = 80;
    }
    QSet<StepId> ids;
    for (const Step &step : definition.steps) {
        if (ids.contains(step.id))
            continue;
        ids.insert(step.id);
        in.nodes.append({step.id, StepItem::cardSize(step, font), step.service});
    }
    for (const Service &service : definition.services)
        in.clusterLabels.insert(service.id, service.label.isEmpty() ? service.id : service.label);
    for (const Step &step : definition.steps) {
        for (const StepId &after : step.after) {
            if (ids.contains(after))
                in.edges.append({after, step.id});
        }
    }
    // A step that waits `on` an event comes after the steps that emit it on success (SPEC
    // section 5), as the canvas draws it.
    if (definition.usesEvents()) {
        for (const EventIndex::SuccessEdge &edge : EventIndex(definition).successEdges(definition)) {
            const Step &step = definition.steps.at(edge.to);
            const StepId &from = definition.steps.at(edge.from).id;
            if (!step.after.contains(from) && !in.edges.contains(LayoutEdge{from, step.id}))
                in.edges.append({from, step.id});
        }
    }
    return in;
}

QHash<StepId, QPointF> AutoLayout::positions(const LayoutResult &result)
{
    QHash<StepId, QPointF> positions;
    positions.reserve(result.centres.size());
    for (auto it = result.centres.cbegin(); it != result.centres.cend(); ++it)
        positions.insert(it.key(), QPointF(std::round(it.value().x()), std::round(it.value().y())));
    return positions;
}

LayoutResult AutoLayout::run(const SagaDefinition &definition, const QFont &font, const AutoLayoutOptions &options)
{
    return GraphvizLayout::layout(input(definition, font, options));
}

bool AutoLayout::isUnplaced(const SagaDefinition &definition)
{
    for (const Step &step : definition.steps) {
        if (step.position)
            return false;
    }
    return !definition.steps.isEmpty();
}

bool AutoLayout::hasUnplacedSteps(const SagaDefinition &definition)
{
    for (const Step &step : definition.steps) {
        if (!step.position)
            return true;
    }
    return false;
}

QHash<StepId, QPointF> AutoLayout::placeUnplaced(const SagaDefinition &definition, const QFont &font,
                                                 LayoutDirection direction)
{
    constexpr qreal gap = 60;
    const bool leftToRight = direction == LayoutDirection::LeftToRight;
    const SagaGraph graph(definition);
    QHash<StepId, QRectF> placed; // card rects of the placed steps, growing as we go
    QRectF all;
    for (const Step &step : definition.steps) {
        if (!step.position || placed.contains(step.id))
            continue;
        const QSizeF size = StepItem::cardSize(step, font);
        const QRectF rect(*step.position - QPointF(size.width() / 2, size.height() / 2), size);
        placed.insert(step.id, rect);
        all = all.isNull() ? rect : all.united(rect);
    }
    QHash<StepId, QPointF> result;
    // Topological order first, so a chain of new steps lands in order; then steps on cycles.
    QList<int> order = graph.topologicalOrder();
    QSet<int> seen(order.cbegin(), order.cend());
    for (int i = 0; i < graph.size(); ++i) {
        if (!seen.contains(i))
            order.append(i);
    }
    for (int index : std::as_const(order)) {
        const Step *step = definition.step(graph.id(index));
        if (!step || placed.contains(step->id))
            continue;
        const QSizeF size = StepItem::cardSize(*step, font);
        QPointF centre;
        QRectF predecessors;
        for (int p : graph.predecessors(index)) {
            const auto it = placed.constFind(graph.id(p));
            if (it != placed.constEnd())
                predecessors = predecessors.isNull() ? *it : predecessors.united(*it);
        }
        if (!predecessors.isNull()) {
            centre = leftToRight ? QPointF(predecessors.right() + gap + size.width() / 2, predecessors.center().y())
                                 : QPointF(predecessors.center().x(), predecessors.bottom() + gap + size.height() / 2);
        } else if (!all.isNull()) {
            centre = leftToRight ? QPointF(all.left() + size.width() / 2, all.bottom() + gap + size.height() / 2)
                                 : QPointF(all.right() + gap + size.width() / 2, all.top() + size.height() / 2);
        } else {
            centre = QPointF(size.width() / 2, size.height() / 2);
        }
        // Step aside until the card overlaps nothing.
        QRectF rect(centre - QPointF(size.width() / 2, size.height() / 2), size);
        for (int guard = 0; guard < 10000; ++guard) {
            bool overlaps = false;
            for (const QRectF &other : std::as_const(placed)) {
                if (other.adjusted(-10, -10, 10, 10).intersects(rect)) {
                    overlaps = true;
                    break;
                }
            }
            if (!overlaps)
                break;
            rect.translate(leftToRight ? QPointF(0, size.height() + 20) : QPointF(size.width() + 20, 0));
        }
        const QPointF position(std::round(rect.center().x()), std::round(rect.center().y()));
        result.insert(step->id, position);
        placed.insert(step->id, rect);
        all = all.isNull() ? rect : all.united(rect);
    }
    return result;
}

} // namespace Sagascope
