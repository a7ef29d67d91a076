// SPDX-License-Identifier: MIT
#include "choreographylayout.h"

#include "eventindex.h"
#include "sagagraph.h"

#include <algorithm>

namespace Sagascope {

namespace {

constexpr qreal BusTitle = 26;      // the bus's own title row
constexpr qreal OrchestratorLane = 64;
constexpr qreal GapMargin = 14;     // no leg closer than this to a card

qreal columnX(int column)
{
    return ChoreographyLayout::LaneHeader + ChoreographyLayout::ColumnGap
        + column * (ChoreographyLayout::CardWidth + ChoreographyLayout::ColumnGap);
}

/** Hands out the x of each vertical leg in the gap before a column, one apart from the next. */
class GapAllocator
{
public:
    qreal take(int gap)
    {
        const int perGap = std::max(1, int((ChoreographyLayout::ColumnGap - 2 * GapMargin) / ChoreographyLayout::LegSpacing));
        const int k = m_used[gap]++;
        return columnX(gap) - ChoreographyLayout::ColumnGap + GapMargin + (k % perGap) * ChoreographyLayout::LegSpacing;
    }

private:
    QHash<int, int> m_used;
};

} // namespace

bool ChoreographyLayout::isOrchestrated(const SagaDefinition &definition, const Step &step)
{
    return definition.mode == SagaMode::Orchestration && step.on.isEmpty();
}

QPointF ChoreographyLayout::portPoint(const QRectF &card, Port port)
{
    switch (port) {
    case Port::ActionIn: return {card.left(), card.top() + 30};
    case Port::CompensationIn: return {card.left(), card.bottom() - 20};
    case Port::SuccessOut: return {card.right(), card.top() + 30};
    case Port::FailureOut: return {card.right(), card.center().y() + 2};
    case Port::CompensatedOut: return {card.right(), card.bottom() - 20};
    }
    return card.center();
}

const ChoreographyLayout::Track *ChoreographyLayout::Result::track(const QString &event) const
{
    for (const Track &t : tracks) {
        if (t.event == event)
            return &t;
    }
    return nullptr;
}

const ChoreographyLayout::Route *ChoreographyLayout::Result::route(RouteKind kind, const QString &event,
                                                                   const StepId &step) const
{
    for (const Route &r : routes) {
        if (r.kind == kind && r.event == event && r.step == step)
            return &r;
    }
    return nullptr;
}

const ChoreographyLayout::Route *ChoreographyLayout::Result::route(RouteKind kind, const QString &event,
                                                                   const StepId &step, Port port) const
{
    for (const Route &r : routes) {
        if (r.kind == kind && r.event == event && r.step == step && r.port == port)
            return &r;
    }
    return nullptr;
}

QPolygonF ChoreographyLayout::Result::eventPath(const QString &event, const StepId &publisher,
                                                const StepId &subscriber, bool toCompensation) const
{
    const Track *t = track(event);
    const Route *deliver = route(RouteKind::Deliver, event, subscriber,
                                 toCompensation ? Port::CompensationIn : Port::ActionIn);
    if (!t || !deliver)
        return {};
    QPolygonF path;
    if (publisher.isEmpty()) {
        path << QPointF(t->x1, t->y);
    } else {
        const Route *publish = route(RouteKind::Publish, event, publisher);
        if (!publish)
            return {};
        path = publish->points;
    }
    path += deliver->points;
    return path;
}

ChoreographyLayout::Result ChoreographyLayout::compute(const SagaDefinition &definition)
{
    Result result;
    const SagaGraph graph(definition);
    const EventIndex events(definition);
    const int n = int(definition.steps.size());

    // Columns: the depth of each step in the dependency graph (after and success events).
    QList<int> column(n, 0);
    for (int i : graph.topologicalOrder()) {
        for (int p : graph.predecessors(i))
            column[i] = std::max(column[i], column[p] + 1);
    }
    const int columns = n == 0 ? 1 : *std::max_element(column.cbegin(), column.cend()) + 1;

    // Lanes: the orchestrator (when it calls anyone), the declared services, then the ones only
    // steps name, then the steps of no service.
    bool orchestrated = false;
    QStringList services;
    for (const Service &service : definition.services)
        services.append(service.id);
    for (const Step &step : definition.steps) {
        orchestrated = orchestrated || isOrchestrated(definition, step);
        if (!services.contains(step.service))
            services.append(step.service);
    }

    // The bus: one track per event that someone publishes or waits for.
    QStringList trackEvents;
    for (const QString &event : events.events()) {
        if (events.isConsumed(event) || !events.successEmitters(event).isEmpty()
            || !events.failureEmitters(event).isEmpty() || !events.compensationEmitters(event).isEmpty())
            trackEvents.append(event);
    }
    const qreal width = columnX(columns) + GapMargin;
    const qreal busHeight = BusTitle + std::max<qsizetype>(1, trackEvents.size()) * TrackHeight + 8;
    result.bus = QRectF(0, 0, width, busHeight);
    for (int i = 0; i < trackEvents.size(); ++i) {
        Track track;
        track.event = trackEvents.at(i);
        track.y = BusTitle + i * TrackHeight + TrackHeight / 2;
        track.start = track.event == events.startEvent();
        track.x1 = track.start ? LaneHeader / 2 : width; // widened by its legs below
        track.x2 = track.start ? LaneHeader / 2 : 0;
        result.tracks.append(track);
    }

    qreal y = busHeight + LanePadding;
    if (orchestrated) {
        Lane lane;
        lane.orchestrator = true;
        lane.rect = QRectF(0, y, width, OrchestratorLane);
        result.lanes.append(lane);
        result.orchestrator = QRectF(LaneHeader, y + 14, width - LaneHeader - GapMargin, OrchestratorLane - 28);
        y += OrchestratorLane;
    }
    for (const QString &service : services) {
        QHash<int, int> stacked; // column -> cards already in it
        int deepest = 0;
        for (int i = 0; i < n; ++i) {
            const Step &step = definition.steps.at(i);
            if (step.service != service)
                continue;
            const int slot = stacked[column[i]]++;
            deepest = std::max(deepest, slot + 1);
            result.cards.insert(step.id, QRectF(columnX(column[i]), y + LanePadding + slot * (CardHeight + LanePadding),
                                                CardWidth, CardHeight));
        }
        if (deepest == 0 && !definition.hasService(service))
            continue; // no steps and not declared: nothing to show
        Lane lane;
        lane.service = service;
        const Service *declared = nullptr;
        for (const Service &s : definition.services) {
            if (s.id == service)
                declared = &s;
        }
        lane.title = declared && !declared->label.isEmpty() ? declared->label : service;
        const qreal height = LanePadding + std::max(1, deepest) * (CardHeight + LanePadding);
        lane.rect = QRectF(0, y, width, height);
        result.lanes.append(lane);
        y += height;
    }

    // The lines, each in the gap next to its card.
    GapAllocator gaps;
    auto trackOf = [&result](const QString &event) -> Track * {
        for (Track &t : result.tracks) {
            if (t.event == event)
                return &t;
        }
        return nullptr;
    };
    auto publish = [&](int i, const QString &event, Port port) {
        Track *track = trackOf(event);
        if (event.isEmpty() || !track)
            return;
        const QRectF card = result.cards.value(definition.steps.at(i).id);
        const QPointF from = portPoint(card, port);
        const qreal x = gaps.take(column[i] + 1);
        Route route{RouteKind::Publish, event, definition.steps.at(i).id, port, {}};
        route.points << from << QPointF(x, from.y()) << QPointF(x, track->y);
        result.routes.append(route);
        track->x1 = std::min(track->x1, x);
        track->x2 = std::max(track->x2, x);
    };
    auto deliver = [&](int i, const QString &event, Port port) {
        Track *track = trackOf(event);
        if (!track)
            return;
        const QRectF card = result.cards.value(definition.steps.at(i).id);
        const QPointF to = portPoint(card, port);
        const qreal x = gaps.take(column[i]);
        Route route{RouteKind::Deliver, event, definition.steps.at(i).id, port, {}};
        route.points << QPointF(x, track->y) << QPointF(x, to.y()) << to;
        result.routes.append(route);
        track->x1 = std::min(track->x1, x);
        track->x2 = std::max(track->x2, x);
    };
    for (int i = 0; i < n; ++i) {
        const Step &step = definition.steps.at(i);
        if (isOrchestrated(definition, step)) {
            const QRectF card = result.cards.value(step.id);
            const QPointF to = portPoint(card, Port::ActionIn);
            const qreal x = gaps.take(column[i]);
            Route route{RouteKind::Command, step.action.name, step.id, Port::ActionIn, {}};
            route.points << QPointF(x, result.orchestrator.bottom()) << QPointF(x, to.y()) << to;
            result.routes.append(route);
        }
        for (const QString &event : step.on)
            deliver(i, event, Port::ActionIn);
        if (step.compensation) {
            for (const QString &event : step.compensation->on)
                deliver(i, event, Port::CompensationIn);
        }
        if (step.emits) {
            publish(i, step.emits->success, Port::SuccessOut);
            publish(i, step.emits->failure, Port::FailureOut);
        }
        if (step.compensation)
            publish(i, step.compensation->emits, Port::CompensatedOut);
    }

    for (Track &track : result.tracks) {
        if (track.x1 > track.x2)
            track.x1 = track.x2 = LaneHeader; // no leg: a track of its name only
    }
    result.bounds = QRectF(0, 0, width, y + LanePadding);
    return result;
}

} // namespace Sagascope
