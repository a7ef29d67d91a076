// SPDX-License-Identifier: MIT
#pragma once

#include "sagadefinition.h"

#include <QHash>
#include <QRectF>
#include <QSet>
#include <QString>

QT_BEGIN_NAMESPACE
class QPainter;
QT_END_NAMESPACE

namespace Sagascope {

class PivotMarkerItem;
class SagaScene;
class SwimlaneItem;

/**
 * What the canvas draws around the cards, from the cards themselves: the "point of no return"
 * band after each pivot (PivotMarkerItem), one swimlane per service while they are shown
 * (SwimlaneItem), and the dot grid behind everything. Owned by the SagaScene, which calls it
 * after every sync and when cards move (refreshed once per batch of moves).
 */
class SceneDecorations
{
public:
    explicit SceneDecorations(SagaScene *scene);
    SceneDecorations(const SceneDecorations &) = delete;
    SceneDecorations &operator=(const SceneDecorations &) = delete;

    const QHash<StepId, PivotMarkerItem *> &markers() const { return m_markers; }
    const QHash<QString, SwimlaneItem *> &lanes() const { return m_lanes; }

    /** One marker per pivot that has a card, between it and the cards that follow it. */
    void updateMarkers();
    /** Lanes in the order the file lists the services (none while swimlanes are hidden). */
    void updateLanes();
    void updateLane(const QString &serviceId);
    /** A card of `service` moved: markers and that lane follow on the next event loop turn. */
    void cardMoved(const QString &service);
    /** The scene's base colour and, unless far away or hidden, the grid's dots. */
    void drawBackground(QPainter *painter, const QRectF &rect) const;
    /** Drops the look-up tables (the scene deletes the items). */
    void forget();

private:
    SagaScene *m_scene;
    QHash<StepId, PivotMarkerItem *> m_markers;
    QHash<QString, SwimlaneItem *> m_lanes; // by service id, while swimlanes are shown
    QSet<QString> m_dirtyLanes;
    bool m_scheduled = false;
};

} // namespace Sagascope
