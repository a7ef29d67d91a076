// SPDX-License-Identifier: MIT
#include "orderlayout.h"

#include "sagagraph.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace Sagascope::OrderLayout {

namespace {

/** Flow and cross coordinates: for LeftToRight the flow is x, for TopToBottom y. */
struct Axes
{
    bool leftToRight = true;
    qreal flow(const QPointF &p) const { return leftToRight ? p.x() : p.y(); }
    qreal cross(const QPointF &p) const { return leftToRight ? p.y() : p.x(); }
    qreal flowSize(const QSizeF &s) const { return leftToRight ? s.width() : s.height(); }
    qreal crossSize(const QSizeF &s) const { return leftToRight ? s.height() : s.width(); }
    QPointF point(qreal flow, qreal cross) const { return leftToRight ? QPointF(flow, cross) : QPointF(cross, flow); }
    qreal flowStart(const QRectF &r) const { return leftToRight ? r.left() : r.top(); }
    qreal flowEnd(const QRectF &r) const { return leftToRight ? r.right() : r.bottom(); }
    qreal crossStart(const QRectF &r) const { return leftToRight ? r.top() : r.left(); }
    qreal crossEnd(const QRectF &r) const { return leftToRight ? r.bottom() : r.right(); }
};

/** Rank of each step of `graph` by id (longest chain before it); empty when it has a cycle. */
QHash<StepId, int> ranks(const SagaGraph &graph)
{
    QHash<StepId, int> rank;
    if (!graph.isAcyclic())
        return rank;
    QList<int> byIndex(graph.size(), 0);
    for (int i : graph.topologicalOrder()) {
        for (int p : graph.predecessors(i))
            byIndex[i] = std::max(byIndex[i], byIndex[p] + 1);
        rank.insert(graph.id(i), byIndex[i]);
    }
    return rank;
}

qreal median(QList<qreal> values)
{
    std::sort(values.begin(), values.end());
    return values.at(values.size() / 2);
}

QRectF cardAt(const QPointF &centre, const QSizeF &size)
{
    return QRectF(centre.x() - size.width() / 2, centre.y() - size.height() / 2, size.width(), size.height());
}

} // namespace

QHash<StepId, QPointF> settle(const SagaDefinition &before, const SagaDefinition &after,
                              const QHash<StepId, QSizeF> &cardSizes, LayoutDirection direction)
{
    const Axes axes{direction == LayoutDirection::LeftToRight};
    const SagaGraph graph(after, SagaGraph::Edges::AfterOnly);
    const QHash<StepId, int> newRank = ranks(graph);
    if (newRank.isEmpty())
        return {};
    const QHash<StepId, int> oldRank = ranks(SagaGraph(before, SagaGraph::Edges::AfterOnly));

    QHash<StepId, QPointF> place; // every placed step's centre, as it will be
    QHash<StepId, QSizeF> size;
    for (const Step &step : after.steps) {
        if (!step.position)
            continue;
        place.insert(step.id, *step.position);
        size.insert(step.id, cardSizes.value(step.id, QSizeF(180, 70)));
    }

    // Steps that moved in the order: their rank changed.
    QSet<StepId> moved;
    for (auto it = newRank.cbegin(); it != newRank.cend(); ++it) {
        if (place.contains(it.key()) && oldRank.contains(it.key()) && oldRank.value(it.key()) != it.value())
            moved.insert(it.key());
    }

    // Columns: where the cards that stay put stand at each rank; the usual step between columns.
    QHash<int, QList<qreal>> atRank;
    qreal widest = 0;
    for (auto it = place.cbegin(); it != place.cend(); ++it) {
        widest = std::max(widest, axes.flowSize(size.value(it.key())));
        if (!moved.contains(it.key()))
            atRank[newRank.value(it.key())].append(axes.flow(it.value()));
    }
    QHash<int, qreal> column;
    for (auto it = atRank.cbegin(); it != atRank.cend(); ++it)
        column.insert(it.key(), median(it.value()));
    QList<qreal> steps;
    for (auto it = column.cbegin(); it != column.cend(); ++it) {
        if (column.contains(it.key() + 1) && column.value(it.key() + 1) > it.value())
            steps.append(column.value(it.key() + 1) - it.value());
    }
    const qreal spacing = steps.isEmpty() ? widest + 2 * MinimumGap : median(steps);

    // In the order of the graph: a moved step to its column, any step after its predecessors.
    QSet<StepId> changed;
    for (int i : graph.topologicalOrder()) {
        const StepId &id = graph.id(i);
        if (!place.contains(id))
            continue;
        const QSizeF mySize = size.value(id);
        qreal flow = axes.flow(place.value(id));
        qreal earliest = -std::numeric_limits<qreal>::infinity();
        qreal afterColumn = earliest; // one column after the furthest predecessor
        for (int p : graph.predecessors(i)) {
            const StepId &pred = graph.id(p);
            if (!place.contains(pred))
                continue;
            const qreal predFlow = axes.flow(place.value(pred));
            earliest = std::max(earliest, predFlow + axes.flowSize(size.value(pred)) / 2 + MinimumGap
                                              + axes.flowSize(mySize) / 2);
            afterColumn = std::max(afterColumn, predFlow + spacing);
        }
        if (moved.contains(id)) {
            // Its rank's column, or one column after its predecessors (a step that moved
            // earlier closes up behind them).
            const int r = newRank.value(id);
            if (column.contains(r))
                flow = column.value(r);
            else if (!std::isinf(afterColumn))
                flow = afterColumn;
        }
        if (flow < earliest)
            flow = std::max(earliest, afterColumn);
        if (!qFuzzyCompare(flow + 1, axes.flow(place.value(id)) + 1)) {
            place[id] = axes.point(flow, axes.cross(place.value(id)));
            changed.insert(id);
        }
    }

    // A card that moved must not land on another: across the flow to the nearest free place.
    QList<StepId> order;
    for (int i : graph.topologicalOrder()) {
        if (changed.contains(graph.id(i)))
            order.append(graph.id(i));
    }
    for (const StepId &id : std::as_const(order)) {
        const QSizeF mySize = size.value(id);
        const QPointF centre = place.value(id);
        const auto overlaps = [&](const QPointF &at) {
            const QRectF mine = cardAt(at, mySize).adjusted(-10, -10, 10, 10);
            for (auto it = place.cbegin(); it != place.cend(); ++it) {
                if (it.key() != id && mine.intersects(cardAt(it.value(), size.value(it.key()))))
                    return true;
            }
            return false;
        };
        if (!overlaps(centre))
            continue;
        const qreal stride = axes.crossSize(mySize) + 30;
        for (int k = 1; k <= 100; ++k) {
            const qreal offset = ((k + 1) / 2) * stride * (k % 2 ? 1 : -1); // below first, then above
            const QPointF candidate = axes.point(axes.flow(centre), axes.cross(centre) + offset);
            if (!overlaps(candidate)) {
                place[id] = candidate;
                break;
            }
        }
    }

    QHash<StepId, QPointF> result;
    for (const Step &step : after.steps) {
        if (step.position && place.contains(step.id)) {
            const QPointF p(std::round(place.value(step.id).x()), std::round(place.value(step.id).y()));
            if (p != *step.position)
                result.insert(step.id, p);
        }
    }
    return result;
}

Band pivotBand(const QRectF &pivot, const QList<QRectF> &next, const QList<QRectF> &cards, const QRectF &bounds,
               LayoutDirection direction)
{
    const Axes axes{direction == LayoutDirection::LeftToRight};
    Band band;
    band.orientation = axes.leftToRight ? Qt::Vertical : Qt::Horizontal;

    // The gap on the forward side: from the pivot's end to the nearest successor's start.
    const qreal start = axes.flowEnd(pivot);
    qreal nearest = std::numeric_limits<qreal>::infinity();
    for (const QRectF &r : next) {
        if (axes.flowStart(r) > start)
            nearest = std::min(nearest, axes.flowStart(r));
    }
    const qreal end = std::isinf(nearest) ? start + 2 * MinimumGap : nearest;
    // Where in that gap the band (with its width) meets no card across the pivot's own reach,
    // preferring the middle; failing that, the middle anyway (the span then avoids the cards).
    const qreal crossLow = axes.crossStart(pivot), crossHigh = axes.crossEnd(pivot);
    const auto clearAt = [&](qreal c) {
        for (const QRectF &r : cards) {
            if (axes.flowStart(r) < c + BandHalfWidth && axes.flowEnd(r) > c - BandHalfWidth
                && axes.crossStart(r) < crossHigh && axes.crossEnd(r) > crossLow)
                return false;
        }
        return true;
    };
    const qreal middle = (start + end) / 2;
    band.coordinate = middle;
    for (qreal d = 0; d <= (end - start) / 2; d += 2) {
        if (clearAt(middle - d)) {
            band.coordinate = middle - d;
            break;
        }
        if (clearAt(middle + d)) {
            band.coordinate = middle + d;
            break;
        }
    }

    // Along the band: the whole saga, but stopping short of any card it would cross.
    // A vertical band's labels sit above its start: leave room for a mark over the topmost card.
    qreal low = axes.crossStart(bounds) - 12 - (axes.leftToRight ? MarkRoomAboveCards : 0);
    qreal high = axes.crossEnd(bounds) + 12;
    const qreal centre = (crossLow + crossHigh) / 2;
    for (const QRectF &r : cards) {
        if (!(axes.flowStart(r) < band.coordinate + BandHalfWidth && axes.flowEnd(r) > band.coordinate - BandHalfWidth))
            continue;
        if (axes.crossStart(r) >= centre)
            high = std::min(high, axes.crossStart(r) - 6);
        else if (axes.crossEnd(r) <= centre)
            low = std::max(low, axes.crossEnd(r) + 6);
    }
    band.spanStart = low;
    band.spanEnd = std::max(low, high);
    return band;
}

} // namespace Sagascope::OrderLayout
