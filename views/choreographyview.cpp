// SPDX-License-Identifier: MIT
#include "choreographyview.h"

#include "choreographyscene.h"
#include "sagadocument.h"

#include <QKeyEvent>
#include <QWheelEvent>

namespace Sagascope {

ChoreographyView::ChoreographyView(ChoreographyScene *scene, QWidget *parent)
    : QGraphicsView(scene, parent)
{
    setRenderHints(QPainter::Antialiasing | QPainter::TextAntialiasing);
    setDragMode(QGraphicsView::RubberBandDrag);
    setTransformationAnchor(QGraphicsView::AnchorUnderMouse);
    setAlignment(Qt::AlignLeft | Qt::AlignTop);
    setAccessibleName(tr("Choreography view"));
    connect(scene, &ChoreographyScene::rebuilt, this, [this] {
        if (m_fitting)
            fitToContents();
    });
}

ChoreographyScene *ChoreographyView::choreographyScene() const
{
    return qobject_cast<ChoreographyScene *>(scene());
}

void ChoreographyView::setZoom(qreal zoom)
{
    zoom = qBound<qreal>(0.05, zoom, 4.0);
    setTransform(QTransform::fromScale(zoom, zoom));
}

void ChoreographyView::fitToContents()
{
    m_fitting = true;
    const QRectF bounds = scene()->sceneRect();
    if (bounds.isEmpty() || viewport()->width() < 2)
        return;
    const QRectF viewRect = viewport()->rect();
    setZoom(qMin<qreal>(1.0, qMin(viewRect.width() / bounds.width(), viewRect.height() / bounds.height())));
    centerOn(bounds.center());
}

void ChoreographyView::wheelEvent(QWheelEvent *event)
{
    if (event->modifiers() & Qt::ControlModifier) {
        m_fitting = false;
        setZoom(zoom() * (event->angleDelta().y() > 0 ? 1.15 : 1 / 1.15));
        event->accept();
        return;
    }
    QGraphicsView::wheelEvent(event);
}

void ChoreographyView::keyPressEvent(QKeyEvent *event)
{
    if (event->modifiers() & Qt::ControlModifier) {
        if (event->key() == Qt::Key_0) {
            fitToContents();
            return;
        }
        if (event->key() == Qt::Key_Plus || event->key() == Qt::Key_Equal || event->key() == Qt::Key_Minus) {
            m_fitting = false;
            setZoom(zoom() * (event->key() == Qt::Key_Minus ? 1 / 1.25 : 1.25));
            return;
        }
    }
    QGraphicsView::keyPressEvent(event);
}

void ChoreographyView::resizeEvent(QResizeEvent *event)
{
    QGraphicsView::resizeEvent(event);
    if (m_fitting)
        fitToContents();
}

} // namespace Sagascope
