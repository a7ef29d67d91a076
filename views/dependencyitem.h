// SPDX-License-Identifier: MIT
#pragma once

#include "sagadefinition.h"

#include <QGraphicsItem>
#include <QList>
#include <QPainterPath>
#include <QPointF>

namespace Sagascope {

class StepItem;

/** A route computed by the auto-layout for one arrow, with the card centres it was made for. */
struct EdgeRoute
{
    QList<QPointF> points; // cubic Bézier control points, 3n+1, from the `after` step to the step
    QPointF fromCentre;
    QPointF toCentre;
};

/**
 * An arrow of the canvas: `step` depends on `after` (drawn from `after` to `step`), by its
 * `after` list or by the events it waits for. It follows
 * the Graphviz spline of the last auto-layout while both cards are where that layout put them
 * (or moved together), and a smooth curve between the cards' ports otherwise.
 */
class DependencyItem : public QGraphicsItem
{
public:
    enum { Type = UserType + 2 };

    DependencyItem(const StepId &step, const StepId &after);

    int type() const override { return Type; }
    const StepId &step() const { return m_step; }
    const StepId &after() const { return m_after; }

    /** Recomputes the path between the two cards; `route` may be null. */
    void updateGeometry(const StepItem *from, const StepItem *to, const EdgeRoute *route);
    /** True when the current path follows a layout route rather than a computed curve. */
    bool followsRoute() const { return m_followsRoute; }
    QPainterPath path() const { return m_path; }

    /** Highlighted arrows (touching a selected step) are drawn heavier; error arrows in red. */
    void setHighlighted(bool highlighted);
    void setError(bool error);
    /** The arrow stands for events rather than `after` (SPEC section 5: `step` waits `on` what
     *  `after` emits on success): drawn in long dashes, named in its tooltip, not selectable
     *  (the choreography view edits events). Empty: an `after` dependency. */
    void setEvents(const QStringList &events);
    bool isByEvent() const { return !m_events.isEmpty(); }

    QRectF boundingRect() const override;
    QPainterPath shape() const override;
    void paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *widget) override;

private:
    /** What the path was computed from (see updateGeometry()). */
    struct Inputs
    {
        QPointF fromPos, toPos;
        QRectF fromCard, toCard;
        int fromKind = -1, toKind = -1;
        QList<QPointF> route;
        bool valid = false;
        friend bool operator==(const Inputs &, const Inputs &) = default;
    };

    StepId m_step;
    Inputs m_inputs;
    StepId m_after;
    QPainterPath m_path;
    QPolygonF m_head;
    QPolygonF m_overview; // a coarse polyline of the path, for fast far-away frames
    QRectF m_bounds;
    bool m_followsRoute = false;
    bool m_highlighted = false;
    bool m_error = false;
    QStringList m_events;
};

} // namespace Sagascope
