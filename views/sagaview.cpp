// SPDX-License-Identifier: MIT
#include "sagaview.h"

#include "sagascene.h"
#include "stepitem.h"

#include <QGraphicsItem>
#include <QKeyEvent>
#include <QResizeEvent>
#include <QScrollBar>
#include <QWheelEvent>

#include <cmath>

namespace Sagascope {

SagaView::SagaView(SagaScene *scene, QWidget *parent) : QGraphicsView(scene, parent)
{
    setRenderHints(QPainter::Antialiasing | QPainter::TextAntialiasing | QPainter::SmoothPixmapTransform);
    setDragMode(QGraphicsView::RubberBandDrag);
    setRubberBandSelectionMode(Qt::ContainsItemShape); // arrows only when wholly inside
    setTransformationAnchor(QGraphicsView::AnchorUnderMouse);
    setResizeAnchor(QGraphicsView::AnchorViewCenter);
    setViewportUpdateMode(QGraphicsView::SmartViewportUpdate);
    setOptimizationFlags(QGraphicsView::DontSavePainterState | QGraphicsView::DontAdjustForAntialiasing);
    setCacheMode(QGraphicsView::CacheBackground); // the grid scrolls as a cached pixmap
    setFocusPolicy(Qt::StrongFocus);
    setFrameShape(QFrame::NoFrame);
    // The empty canvas's hint comes and goes with the first step: the whole viewport repaints.
    connect(scene, &SagaScene::synced, this, [this] {
        const bool empty = !emptyHint().isEmpty();
        if (empty != m_showedHint) {
            m_showedHint = empty;
            viewport()->update();
        }
    });
    // The scene's rect only grows (cards that went further once): follow it when it does.
    if (scene)
        connect(scene, &QGraphicsScene::sceneRectChanged, this, &SagaView::updateSceneRect);
}

void SagaView::updateSceneRect()
{
    if (!scene())
        return;
    const SagaScene *saga = sagaScene();
    QRectF cards = saga ? saga->itemsBoundingRect() : scene()->itemsBoundingRect();
    if (cards.isEmpty())
        cards = QRectF(-100, -100, 200, 200);
    const qreal z = qMax(MinZoom, zoom());
    const qreal mx = viewport()->width() / z;
    const qreal my = viewport()->height() / z;
    const QRectF visible = mapToScene(viewport()->rect()).boundingRect();
    setSceneRect(cards.adjusted(-mx, -my, mx, my).united(visible));
}

void SagaView::resizeEvent(QResizeEvent *event)
{
    QGraphicsView::resizeEvent(event);
    updateSceneRect();
}

SagaScene *SagaView::sagaScene() const
{
    return qobject_cast<SagaScene *>(scene());
}

qreal SagaView::zoom() const
{
    return transform().m11();
}

void SagaView::setZoom(qreal zoom)
{
    zoom = qBound(MinZoom, zoom, MaxZoom);
    if (qFuzzyCompare(zoom, this->zoom()))
        return;
    const ViewportAnchor anchor = transformationAnchor();
    setTransformationAnchor(QGraphicsView::AnchorViewCenter);
    setTransform(QTransform::fromScale(zoom, zoom));
    setTransformationAnchor(anchor);
    updateSceneRect();
    Q_EMIT zoomChanged(zoom);
}

void SagaView::zoomIn()
{
    setZoom(zoom() * 1.25);
}

void SagaView::zoomOut()
{
    setZoom(zoom() / 1.25);
}

void SagaView::resetZoom()
{
    setZoom(1.0);
}

void SagaView::fitToContents()
{
    const SagaScene *saga = sagaScene();
    QRectF bounds = saga ? saga->itemsBoundingRect() : scene()->itemsBoundingRect();
    if (bounds.isEmpty())
        return;
    bounds.adjust(-24, -24, 24, 24);
    const QRectF viewRect = viewport()->rect();
    const qreal zoom = qMin(viewRect.width() / bounds.width(), viewRect.height() / bounds.height());
    setZoom(qMin<qreal>(zoom, 1.0)); // at least MinZoom: what cannot fit is centred
    updateSceneRect(); // room around the cards as they are now, so that centring works
    centerOn(bounds.center());
}

void SagaView::revealSteps(const QStringList &ids)
{
    SagaScene *saga = sagaScene();
    if (!saga)
        return;
    saga->selectSteps(ids);
    QRectF bounds;
    for (const QString &id : ids) {
        if (const StepItem *item = saga->stepItem(id)) {
            const QRectF card = item->sceneBoundingRect();
            bounds = bounds.isNull() ? card : bounds.united(card);
        }
    }
    if (bounds.isNull())
        return;
    bounds.adjust(-40, -40, 40, 40);
    const QRectF viewRect = viewport()->rect();
    const qreal fit = qMin(viewRect.width() / bounds.width(), viewRect.height() / bounds.height());
    if (fit < zoom())
        setZoom(fit);
    centerOn(bounds.center());
}

void SagaView::zoomBy(qreal factor, const QPoint &anchor)
{
    Q_UNUSED(anchor); // AnchorUnderMouse keeps the point under the cursor in place
    const qreal target = qBound(MinZoom, zoom() * factor, MaxZoom);
    if (qFuzzyCompare(target, zoom()))
        return;
    const qreal relative = target / zoom();
    scale(relative, relative);
    updateSceneRect();
    Q_EMIT zoomChanged(target);
}

void SagaView::wheelEvent(QWheelEvent *event)
{
    if (event->modifiers() & Qt::ControlModifier) {
        const qreal steps = event->angleDelta().y() / 120.0;
        if (!qFuzzyIsNull(steps))
            zoomBy(std::pow(1.15, steps), event->position().toPoint());
        event->accept();
        return;
    }
    QGraphicsView::wheelEvent(event);
}

void SagaView::keyPressEvent(QKeyEvent *event)
{
    if (event->modifiers() & Qt::ControlModifier) {
        switch (event->key()) {
        case Qt::Key_Plus:
        case Qt::Key_Equal:
            zoomIn();
            event->accept();
            return;
        case Qt::Key_Minus:
            zoomOut();
            event->accept();
            return;
        case Qt::Key_0:
            fitToContents();
            event->accept();
            return;
        default:
            break;
        }
    }
    const QGraphicsItem *focus = scene() ? scene()->focusItem() : nullptr;
    const bool typing = focus && (focus->flags() & QGraphicsItem::ItemAcceptsInputMethod);
    if (event->key() == Qt::Key_Space && !event->isAutoRepeat() && !typing) {
        m_spaceHeld = true;
        viewport()->setCursor(Qt::OpenHandCursor);
        event->accept();
        return;
    }
    QGraphicsView::keyPressEvent(event);
}

void SagaView::keyReleaseEvent(QKeyEvent *event)
{
    if (event->key() == Qt::Key_Space && !event->isAutoRepeat() && m_spaceHeld) {
        m_spaceHeld = false;
        if (!m_panning)
            viewport()->unsetCursor();
        event->accept();
        return;
    }
    QGraphicsView::keyReleaseEvent(event);
}

void SagaView::mousePressEvent(QMouseEvent *event)
{
    if (event->button() == Qt::MiddleButton || (event->button() == Qt::LeftButton && m_spaceHeld)) {
        m_panning = true;
        m_panStart = event->position().toPoint();
        viewport()->setCursor(Qt::ClosedHandCursor);
        event->accept();
        return;
    }
    QGraphicsView::mousePressEvent(event);
}

void SagaView::mouseMoveEvent(QMouseEvent *event)
{
    if (m_panning) {
        const QPoint now = event->position().toPoint();
        const QPoint delta = now - m_panStart;
        m_panStart = now;
        horizontalScrollBar()->setValue(horizontalScrollBar()->value() - delta.x());
        verticalScrollBar()->setValue(verticalScrollBar()->value() - delta.y());
        event->accept();
        return;
    }
    QGraphicsView::mouseMoveEvent(event);
}

void SagaView::mouseReleaseEvent(QMouseEvent *event)
{
    if (m_panning && (event->button() == Qt::MiddleButton || event->button() == Qt::LeftButton)) {
        m_panning = false;
        if (m_spaceHeld)
            viewport()->setCursor(Qt::OpenHandCursor);
        else
            viewport()->unsetCursor();
        event->accept();
        return;
    }
    QGraphicsView::mouseReleaseEvent(event);
}

QString SagaView::emptyHint() const
{
    const auto *saga = qobject_cast<const SagaScene *>(scene());
    if (!saga || saga->stepItemCount() > 0)
        return {};
    return tr("This saga has no steps yet.\nDouble-click here, press Insert, or pick a kind under \"Add:\" in the toolbar "
              "to add the first step.");
}

void SagaView::drawForeground(QPainter *painter, const QRectF &rect)
{
    QGraphicsView::drawForeground(painter, rect);
    const QString hint = emptyHint();
    if (hint.isEmpty())
        return;
    // In the middle of the viewport, whatever the zoom and scroll.
    painter->save();
    painter->resetTransform();
    const QRect area = viewport()->rect().adjusted(40, 40, -40, -40);
    QFont font = this->font();
    font.setPointSizeF(font.pointSizeF() * 1.2);
    painter->setFont(font);
    painter->setPen(palette().color(QPalette::PlaceholderText));
    painter->drawText(area, Qt::AlignCenter | Qt::TextWordWrap, hint);
    painter->restore();
}

} // namespace Sagascope
