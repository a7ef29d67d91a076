// SPDX-License-Identifier: MIT
#include "connectiontool.h"

#include "sagadocument.h"
#include "sagascene.h"
#include "stepitem.h"

#include <QGraphicsPathItem>
#include <QPainterPath>
#include <QPalette>
#include <QPen>

#include <cmath>

namespace Sagascope {

ConnectionTool::~ConnectionTool()
{
    // The line is an item of the scene, which deletes it with the others.
    m_line = nullptr;
}

bool ConnectionTool::press(const QPointF &scenePos)
{
    const QList<QGraphicsItem *> found = m_scene->items(scenePos, Qt::IntersectsItemBoundingRect, Qt::DescendingOrder);
    for (QGraphicsItem *item : found) {
        if (item->type() != StepItem::Type)
            continue;
        auto *step = static_cast<StepItem *>(item);
        if (!step->isOnOutPort(scenePos))
            return false; // the topmost card decides
        m_from = step->stepId();
        m_line = new QGraphicsPathItem;
        m_line->setPen(QPen(m_scene->palette().color(QPalette::Highlight), 2, Qt::DashLine, Qt::RoundCap));
        m_line->setZValue(10);
        m_scene->addItem(m_line);
        move(scenePos);
        return true;
    }
    return false;
}

void ConnectionTool::setTarget(StepItem *target)
{
    const StepId id = target ? target->stepId() : StepId();
    if (id == m_target)
        return;
    if (StepItem *previous = m_scene->stepItem(m_target))
        previous->setConnectTarget(false);
    if (target)
        target->setConnectTarget(true);
    m_target = id;
}

void ConnectionTool::move(const QPointF &scenePos)
{
    const StepItem *from = m_scene->stepItem(m_from);
    if (!m_line || !from)
        return;
    const Qt::Orientation flow = from->flow();
    const QPointF start = from->outPort(flow);
    StepItem *target = m_scene->stepItemAt(scenePos);
    if (target && target->stepId() == m_from)
        target = nullptr;
    setTarget(target);
    const QPointF end = target ? target->inPort(flow) : scenePos;
    QPainterPath path(start);
    const qreal k = qMax<qreal>(30, (flow == Qt::Horizontal ? std::abs(end.x() - start.x()) : std::abs(end.y() - start.y())) / 2);
    const QPointF along = flow == Qt::Horizontal ? QPointF(k, 0) : QPointF(0, k);
    path.cubicTo(start + along, end - along, end);
    m_line->setPath(path);
}

void ConnectionTool::release(const QPointF &scenePos)
{
    const StepId from = m_from;
    cancel();
    const StepItem *target = m_scene->stepItemAt(scenePos);
    SagaDocument *document = m_scene->document();
    if (!document || !target || target->stepId() == from)
        return;
    const Step *step = document->definition().step(target->stepId());
    if (step && !step->after.contains(from))
        document->addDependency(target->stepId(), from); // the target now runs after `from`
}

void ConnectionTool::cancel()
{
    setTarget(nullptr);
    delete m_line;
    m_line = nullptr;
    m_from.clear();
}

} // namespace Sagascope
