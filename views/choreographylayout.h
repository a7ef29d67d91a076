// SPDX-License-Identifier: MIT
#pragma once

#include "sagadefinition.h"

#include <QHash>
#include <QList>
#include <QPolygonF>
#include <QRectF>
#include <QString>
#include <QStringList>

namespace Sagascope {

/**
 * Where the choreography view (ChoreographyScene) draws a saga: who talks to whom (SPEC
 * section 5). Widget-free, a plain function of the definition, tested on its own.
 *
 * The broker is a bus across the top with one track per event; below it, when some step is
 * called by the orchestrator (an orchestrated saga, or the orchestrated core of a mixed one), the
 * orchestrator's lane; then one lane per service, in the order of `services`. A step's column is
 * its depth in the dependency graph (`after` and success events, SagaGraph), so a chain of events
 * reads left to right. Every line runs in the free gaps between the columns, never through a card:
 * an event is published from a port on the card's right edge up to its track on the bus and
 * delivered from the bus down the gap before its subscriber into a port on the subscriber's left
 * edge (the action's `on` above, the compensation's `on` below); a command goes from the
 * orchestrator's lane down to the step it calls.
 */
class ChoreographyLayout
{
public:
    /** A card's ports: where a line meets it. */
    enum class Port {
        ActionIn,        // left, upper: a command or an `on` event
        CompensationIn,  // left, lower: `compensation.on`
        SuccessOut,      // right, upper: `emits.success`
        FailureOut,      // right, middle: `emits.failure`
        CompensatedOut,  // right, lower: `compensation.emits`
    };

    struct Lane
    {
        QString service;  // the service id; empty for the orchestrator's lane
        QString title;    // the service's label (or id); empty for the orchestrator's lane
        bool orchestrator = false;
        QRectF rect;
    };

    /** One event's track on the bus, from its leftmost to its rightmost leg. */
    struct Track
    {
        QString event;
        qreal y = 0;
        qreal x1 = 0;
        qreal x2 = 0;
        bool start = false; // the saga's start event, published by the saga itself
    };

    enum class RouteKind { Command, Publish, Deliver };

    /** A line: a command (solid), an event published to the bus or delivered from it (dashed). */
    struct Route
    {
        RouteKind kind = RouteKind::Publish;
        QString event;   // the event (Publish, Deliver); the action's name for a Command
        StepId step;     // the publisher (Publish), the subscriber (Deliver, Command)
        Port port = Port::ActionIn;
        QPolygonF points; // from the first end to the last: card to bus (Publish), bus to card (Deliver)
    };

    struct Result
    {
        QList<Lane> lanes;
        QRectF bus;
        QList<Track> tracks;
        QHash<StepId, QRectF> cards;
        QList<Route> routes;
        QRectF orchestrator; // the orchestrator's bar, null when no step is orchestrated
        QRectF bounds;

        const Track *track(const QString &event) const;
        /** The first route of `kind` for `event` and `step`, or null. */
        const Route *route(RouteKind kind, const QString &event, const StepId &step) const;
        /** The route of `kind` for `event` and `step` that meets the card at `port`, or null. */
        const Route *route(RouteKind kind, const QString &event, const StepId &step, Port port) const;
        /** The way an event travels from `publisher` (empty: the saga's start) through the bus to
         *  `subscriber` (its compensation's subscription with `toCompensation`): its publish leg,
         *  along its track, its delivery leg. Empty when either leg is missing. */
        QPolygonF eventPath(const QString &event, const StepId &publisher, const StepId &subscriber,
                            bool toCompensation = false) const;
    };

    static constexpr qreal CardWidth = 220;
    static constexpr qreal CardHeight = 104;
    static constexpr qreal LaneHeader = 150; // the lane's title, left of the first column
    static constexpr qreal ColumnGap = 110;  // room for the vertical legs between two columns
    static constexpr qreal TrackHeight = 18;
    static constexpr qreal LanePadding = 22;
    static constexpr qreal LegSpacing = 7;   // between two vertical legs in one gap

    /** True for a step that the orchestrator calls (it waits on no event, in an orchestrated saga). */
    static bool isOrchestrated(const SagaDefinition &definition, const Step &step);
    /** The card's point for `port`. */
    static QPointF portPoint(const QRectF &card, Port port);

    static Result compute(const SagaDefinition &definition);
};

} // namespace Sagascope
