// SPDX-License-Identifier: MIT
#pragma once

#include "choreographylayout.h"

#include <QGraphicsScene>
#include <QPointer>

#include <optional>

QT_BEGIN_NAMESPACE
class QGraphicsPathItem;
QT_END_NAMESPACE

namespace Sagascope {

class SagaDocument;

/**
 * The choreography view's scene (SPEC section 5): who talks to whom in the document's saga.
 * Services are lanes, the embedded broker is a bus with one track per event, commands of the
 * orchestrator are solid lines and events dashed ones with their names; each card says what
 * its step listens to (`on`) and what it emits, and the same for its compensation. Placement is
 * ChoreographyLayout's; the scene only draws it and follows the document (rebuilt after every
 * change, so it never holds saga state of its own).
 *
 * Editing: dragging from a card's emitted-event port (right edge, upper) onto another card
 * subscribes that step to the event (SagaDocument::connectEvent(), one undoable edit); a
 * delivery line selected and deleted unsubscribes it (SagaDocument::disconnectEvent()).
 */
class ChoreographyScene : public QGraphicsScene
{
    Q_OBJECT
public:
    explicit ChoreographyScene(SagaDocument *document, QObject *parent = nullptr);

    SagaDocument *document() const { return m_document; }
    /** Draws `definition` instead of the document's saga (the choreographed form of an
     *  orchestration, beside it for comparison); read-only meanwhile. nullopt: the document. */
    void setShownDefinition(const std::optional<SagaDefinition> &definition);
    bool isShowingDocument() const { return !m_shown.has_value(); }
    /** The saga drawn: the document's, or the one given to setShownDefinition(). */
    const SagaDefinition &shownDefinition() const;
    const ChoreographyLayout::Result &layout() const { return m_layout; }

    /** The line of a route (a delivery, a publication, a command), or null. */
    QGraphicsPathItem *routeItem(ChoreographyLayout::RouteKind kind, const QString &event, const StepId &step) const;
    /** The step whose card is at `scenePos`, or empty. */
    StepId stepAt(const QPointF &scenePos) const;
    /** True while a drag from an emitted event is under way. */
    bool isConnecting() const { return !m_dragFrom.isEmpty(); }
    /** The cards selected, by step id. */
    QStringList selectedSteps() const;
    /** Unsubscribes every selected delivery line's step from its event (one command each). */
    void deleteSelection();

    /** A layer of this scene that draws over the saga (the run's events); it lives as long as
     *  the scene and is kept across rebuilds. */
    QGraphicsItem *overlayLayer() const { return m_overlay; }

Q_SIGNALS:
    /** The items follow the document again (after a reset or an edit). */
    void rebuilt();
    /** Something the status bar should say (a drag that changed nothing). */
    void message(const QString &text);

protected:
    void mousePressEvent(QGraphicsSceneMouseEvent *event) override;
    void mouseMoveEvent(QGraphicsSceneMouseEvent *event) override;
    void mouseReleaseEvent(QGraphicsSceneMouseEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;

private:
    void rebuild();
    void addLanesAndBus();
    void addRoutes();
    void updateDragLine(const QPointF &scenePos);
    void endDrag();

    QPointer<SagaDocument> m_document;
    std::optional<SagaDefinition> m_shown;
    ChoreographyLayout::Result m_layout;
    QList<QGraphicsPathItem *> m_routeItems; // in the order of m_layout.routes
    QGraphicsItem *m_overlay = nullptr;
    QGraphicsPathItem *m_dragLine = nullptr;
    StepId m_dragFrom;
};

} // namespace Sagascope
