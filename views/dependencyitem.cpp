// SPDX-License-Identifier: MIT
#include "dependencyitem.h"

#include "cardstyle.h"
#include "stepitem.h"

#include <QCoreApplication>
#include <QGraphicsScene>
#include <QPainter>
#include <QPainterPathStroker>
#include <QStyleOptionGraphicsItem>
#include <QtMath>

namespace Sagascope {

namespace {

constexpr qreal ArrowLength = 11;
constexpr qreal ArrowHalfWidth = 5;

} // namespace

DependencyItem::DependencyItem(const StepId &step, const StepId &after) : m_step(step), m_after(after)
{
    setZValue(0);
    setFlag(ItemIsSelectable); // click an arrow and press Delete to remove the dependency
}

void DependencyItem::setEvents(const QStringList &events)
{
    if (m_events == events)
        return;
    m_events = events;
    setFlag(ItemIsSelectable, events.isEmpty());
    setToolTip(events.isEmpty() ? QString()
                                : QCoreApplication::translate("Sagascope::DependencyItem", "%1 waits for %2 from %3")
                                      .arg(m_step, events.join(QLatin1String(", ")), m_after));
    update();
}

void DependencyItem::updateGeometry(const StepItem *from, const StepItem *to, const EdgeRoute *route)
{
    // Nothing to do when neither card moved or changed shape and the route is the same: a sync
    // after an edit elsewhere then costs a comparison per arrow, not a new path.
    Inputs inputs;
    if (from && to) {
        inputs = {from->pos(), to->pos(), from->cardRect(), to->cardRect(), int(from->step().kind),
                  int(to->step().kind), route ? route->points : QList<QPointF>(), true};
        if (inputs == m_inputs)
            return;
    }
    m_inputs = inputs;
    QPainterPath path;
    QPointF end;
    QPointF beforeEnd;
    m_followsRoute = false;
    if (from && to && route && route->points.size() >= 4) {
        const QPointF shift = from->pos() - route->fromCentre;
        const QPointF shiftTo = to->pos() - route->toCentre;
        if ((shift - shiftTo).manhattanLength() < 2.5) {
            const QList<QPointF> &p = route->points;
            path.moveTo(p.first() + shift);
            int i = 1;
            for (; i + 2 < p.size(); i += 3)
                path.cubicTo(p[i] + shift, p[i + 1] + shift, p[i + 2] + shift);
            end = path.currentPosition();
            beforeEnd = p[i - 2] + shift;
            // The layout routes to the box; some outlines start further in (the chevron's notch).
            const QPointF port = to->inPort(Qt::Horizontal);
            if (qAbs(port.y() - end.y()) < 1.0 && port.x() > end.x() + 0.5) {
                path.lineTo(port);
                beforeEnd = end;
                end = port;
            } else {
                const QPointF topPort = to->inPort(Qt::Vertical);
                if (qAbs(topPort.x() - end.x()) < 1.0 && topPort.y() > end.y() + 0.5) {
                    path.lineTo(topPort);
                    beforeEnd = end;
                    end = topPort;
                }
            }
            m_followsRoute = true;
        }
    }
    if (!m_followsRoute && from && to && from == to) {
        // A step after itself (a cycle, reported as an error): a loop over the card's top.
        const QRectF card = from->mapRectToScene(from->cardRect());
        const QPointF start(card.right() - 24, card.top());
        const QPointF stop(card.left() + 24, card.top());
        path.moveTo(start);
        path.cubicTo(start + QPointF(10, -60), stop + QPointF(-10, -60), stop);
        end = stop;
        beforeEnd = stop + QPointF(-10, -60);
    } else if (!m_followsRoute && from && to) {
        const QRectF a = from->sceneBoundingRect();
        const QRectF b = to->sceneBoundingRect();
        const QRectF ca = from->mapRectToScene(from->cardRect());
        const QRectF cb = to->mapRectToScene(to->cardRect());
        Q_UNUSED(a);
        Q_UNUSED(b);
        // Horizontal flow unless the target sits clearly below or above the source.
        const bool vertical = cb.left() < ca.right() + 12 && cb.right() > ca.left() - 12
            && (cb.top() > ca.bottom() + 12 || cb.bottom() < ca.top() - 12);
        QPointF start, stop, c1, c2;
        if (vertical) {
            const bool down = cb.top() > ca.bottom();
            start = down ? from->outPort(Qt::Vertical) : from->mapToScene(QPointF(0, from->cardRect().top()));
            stop = down ? to->inPort(Qt::Vertical) : to->mapToScene(QPointF(0, to->cardRect().bottom()));
            const qreal k = qMax<qreal>(30, qAbs(stop.y() - start.y()) * 0.5);
            c1 = start + QPointF(0, down ? k : -k);
            c2 = stop - QPointF(0, down ? k : -k);
        } else {
            start = from->outPort(Qt::Horizontal);
            stop = to->inPort(Qt::Horizontal);
            const qreal k = qMax<qreal>(40, qAbs(stop.x() - start.x()) * 0.5);
            c1 = start + QPointF(k, 0);
            c2 = stop - QPointF(k, 0);
        }
        path.moveTo(start);
        path.cubicTo(c1, c2, stop);
        end = stop;
        beforeEnd = c2;
    }

    // Arrowhead at the end, along the last tangent.
    QPolygonF head;
    if (!path.isEmpty()) {
        QPointF direction = end - beforeEnd;
        if (direction.manhattanLength() < 0.01)
            direction = end - path.pointAtPercent(0.95);
        const qreal length = std::hypot(direction.x(), direction.y());
        if (length > 0.01) {
            const QPointF unit = direction / length;
            const QPointF normal(-unit.y(), unit.x());
            const QPointF base = end - unit * ArrowLength;
            head << end << base + normal * ArrowHalfWidth << base - normal * ArrowHalfWidth;
        }
    }

    prepareGeometryChange();
    m_path = path;
    // A coarse copy for far-away frames: the curve's on-path points only (a cubic's ends and
    // its midpoint), a handful of segments instead of the fine flattening.
    m_overview.clear();
    for (int i = 0; i < path.elementCount(); ++i) {
        const QPainterPath::Element e = path.elementAt(i);
        if (e.isMoveTo() || e.isLineTo()) {
            m_overview.append(e);
        } else if (e.type == QPainterPath::CurveToElement && i + 2 < path.elementCount()) {
            const QPointF a = m_overview.isEmpty() ? QPointF(e) : m_overview.last();
            const QPointF c1 = e, c2 = path.elementAt(i + 1), b = path.elementAt(i + 2);
            m_overview.append((a + 3 * c1 + 3 * c2 + b) / 8); // the cubic at t = 1/2
            m_overview.append(b);
            i += 2;
        }
    }
    m_head = head;
    m_bounds = m_path.boundingRect().united(m_head.boundingRect()).adjusted(-4, -4, 4, 4);
    update();
}

void DependencyItem::setHighlighted(bool highlighted)
{
    if (m_highlighted == highlighted)
        return;
    m_highlighted = highlighted;
    update();
}

void DependencyItem::setError(bool error)
{
    if (m_error == error)
        return;
    m_error = error;
    update();
}

QRectF DependencyItem::boundingRect() const
{
    return m_bounds;
}

QPainterPath DependencyItem::shape() const
{
    QPainterPathStroker stroker;
    stroker.setWidth(8);
    QPainterPath shape = stroker.createStroke(m_path);
    shape.addPolygon(m_head);
    return shape;
}

void DependencyItem::paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *widget)
{
    Q_UNUSED(widget);
    const QPalette palette = scene() ? scene()->palette() : QPalette();
    const bool strong = m_highlighted || isSelected();
    QColor color = m_error ? CardStyle::errorColor(palette)
                           : (strong ? palette.color(QPalette::Highlight) : CardStyle::edgeColor(palette));
    const qreal detail = option->levelOfDetailFromTransform(painter->worldTransform());
    if (detail < 0.12 && !strong) {
        // Overview of a big saga: one-pixel lines, no antialiasing, no heads.
        painter->setRenderHint(QPainter::Antialiasing, false);
        painter->setPen(QPen(color, 0));
        painter->drawPolyline(m_overview);
        return;
    }
    painter->setRenderHint(QPainter::Antialiasing);
    QPen pen(color, isSelected() ? 3.2 : (m_highlighted ? 2.4 : 1.6), m_error ? Qt::DashLine : Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin);
    if (!m_error && isByEvent())
        pen.setDashPattern({5, 3}); // by event: long dashes (an error's arrow is dashed short and red)
    painter->setPen(pen);
    painter->setBrush(Qt::NoBrush);
    painter->drawPath(m_path);
    painter->setPen(Qt::NoPen);
    painter->setBrush(color);
    painter->drawPolygon(m_head);
}

} // namespace Sagascope
