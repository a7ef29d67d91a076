// SPDX-License-Identifier: MIT
#include "scenedecorations.h"

#include "cardstyle.h"
#include "orderlayout.h"
#include "pivotmarkeritem.h"
#include "sagadocument.h"
#include "sagascene.h"
#include "stepitem.h"
#include "swimlaneitem.h"

#include <QPainter>
#include <QSet>

#include <cmath>


namespace Sagascope {

SceneDecorations::SceneDecorations(SagaScene *scene) : m_scene(scene) {}

void SceneDecorations::forget()
{
    m_markers.clear();
    m_lanes.clear();
}

void SceneDecorations::cardMoved(const QString &service)
{
    if (!m_lanes.isEmpty())
        m_dirtyLanes.insert(service);
    // Markers and lanes span many cards: refresh them once per batch of moves, not per card.
    if (m_scheduled)
        return;
    m_scheduled = true;
    QMetaObject::invokeMethod(m_scene, [this] {
        m_scheduled = false;
        updateMarkers();
        for (const QString &service : std::as_const(m_dirtyLanes))
            updateLane(service);
        m_dirtyLanes.clear();
    }, Qt::QueuedConnection);
}

void SceneDecorations::updateLanes()
{
    if (!m_scene->m_layoutOptions.swimlanes || !m_scene->m_document) {
        qDeleteAll(m_lanes);
        m_lanes.clear();
        return;
    }
    // Lanes in the order the file lists the services, then services only steps mention.
    QStringList order;
    QHash<QString, QString> titles;
    for (const Service &service : m_scene->m_document->definition().services) {
        if (m_scene->m_stepsOfService.contains(service.id) && !titles.contains(service.id)) {
            order.append(service.id);
            titles.insert(service.id, service.label.isEmpty() ? service.id : service.label);
        }
    }
    for (auto it = m_scene->m_stepsOfService.cbegin(); it != m_scene->m_stepsOfService.cend(); ++it) {
        if (!titles.contains(it.key())) {
            order.append(it.key());
            titles.insert(it.key(), it.key().isEmpty() ? SagaScene::tr("(no service)") : it.key());
        }
    }
    for (auto it = m_lanes.begin(); it != m_lanes.end();) {
        if (titles.contains(it.key())) {
            ++it;
            continue;
        }
        delete it.value();
        it = m_lanes.erase(it);
    }
    for (int i = 0; i < order.size(); ++i) {
        const QString &service = order.at(i);
        SwimlaneItem *lane = m_lanes.value(service);
        if (!lane) {
            lane = new SwimlaneItem(service, titles.value(service), i);
            m_scene->addItem(lane);
            m_lanes.insert(service, lane);
        } else {
            lane->setTitle(titles.value(service), i);
        }
        updateLane(service);
    }
}

void SceneDecorations::updateLane(const QString &serviceId)
{
    SwimlaneItem *lane = m_lanes.value(serviceId);
    if (!lane)
        return;
    QRectF cards;
    for (const StepId &id : m_scene->m_stepsOfService.value(serviceId)) {
        if (const StepItem *item = m_scene->m_steps.value(id)) {
            const QRectF card = item->mapRectToScene(item->cardRect());
            cards = cards.isNull() ? card : cards.united(card);
        }
    }
    lane->setCards(cards);
}

void SceneDecorations::updateMarkers()
{
    if (!m_scene->m_document)
        return;
    // One marker per pivot that has a card.
    QSet<StepId> pivots;
    for (auto it = m_scene->m_steps.cbegin(); it != m_scene->m_steps.cend(); ++it) {
        if (it.value()->step().kind == StepKind::Pivot)
            pivots.insert(it.key());
    }
    for (auto it = m_markers.begin(); it != m_markers.end();) {
        if (pivots.contains(it.key())) {
            ++it;
            continue;
        }
        delete it.value();
        it = m_markers.erase(it);
    }
    if (pivots.isEmpty())
        return;

    const QRectF bounds = m_scene->stepsBoundingRect();
    QList<QRectF> cards;
    cards.reserve(m_scene->m_steps.size());
    for (const StepItem *item : std::as_const(m_scene->m_steps))
        cards.append(item->mapRectToScene(item->cardRect()));
    for (const StepId &id : std::as_const(pivots)) {
        StepItem *pivot = m_scene->m_steps.value(id);
        QList<QRectF> next; // the cards right after the pivot
        for (const LayoutEdge &edge : m_scene->m_edgesOfStep.value(id)) {
            if (edge.from != id || edge.to == id)
                continue;
            if (const StepItem *successor = m_scene->m_steps.value(edge.to))
                next.append(successor->mapRectToScene(successor->cardRect()));
        }
        // Across the layout direction, in the gap after the pivot, crossing no card.
        const OrderLayout::Band band = OrderLayout::pivotBand(pivot->mapRectToScene(pivot->cardRect()), next, cards,
                                                              bounds, m_scene->m_layoutOptions.direction);
        PivotMarkerItem *marker = m_markers.value(id);
        if (!marker) {
            marker = new PivotMarkerItem(id);
            m_scene->addItem(marker);
            m_markers.insert(id, marker);
        }
        marker->setGeometry(band.orientation, band.coordinate, band.spanStart, band.spanEnd);
    }
}

void SceneDecorations::drawBackground(QPainter *painter, const QRectF &rect) const
{
    painter->fillRect(rect, m_scene->palette().color(QPalette::Base));
    const qreal scale = painter->worldTransform().m11();
    if (!m_scene->m_gridVisible || m_scene->m_gridSize <= 0 || scale < 0.3)
        return; // far away, a grid is only noise
    qreal step = m_scene->m_gridSize * 2;
    while (step * scale < 12)
        step *= 2; // keep dots apart
    const QColor dot = CardStyle::mix(m_scene->palette().color(QPalette::Base), m_scene->palette().color(QPalette::Text), 0.16);
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing, false);
    painter->setPen(QPen(dot, 1.5 / scale, Qt::SolidLine, Qt::SquareCap));
    const qreal left = std::floor(rect.left() / step) * step;
    const qreal top = std::floor(rect.top() / step) * step;
    QList<QPointF> points;
    for (qreal x = left; x <= rect.right(); x += step) {
        for (qreal y = top; y <= rect.bottom(); y += step)
            points.append(QPointF(x, y));
    }
    painter->drawPoints(points.constData(), int(points.size()));
    painter->restore();
}

} // namespace Sagascope
