// SPDX-License-Identifier: MIT
#pragma once

#include <QGraphicsView>

namespace Sagascope {

class SagaScene;

/**
 * The designer's view of a SagaScene: antialiased, zoom with Ctrl+wheel and Ctrl+plus/minus
 * (Ctrl+0 fits everything), pan with the middle button, Space+drag or the scroll bars,
 * rubber-band selection on empty canvas.
 */
class SagaView : public QGraphicsView
{
    Q_OBJECT
public:
    explicit SagaView(SagaScene *scene, QWidget *parent = nullptr);

    SagaScene *sagaScene() const;
    qreal zoom() const;
    static constexpr qreal MinZoom = 0.02;
    static constexpr qreal MaxZoom = 4.0;

public Q_SLOTS:
    void setZoom(qreal zoom);
    void zoomIn();
    void zoomOut();
    void resetZoom();
    /** Fits every card in the window (never enlarging beyond 100 %); a saga too big for the
     *  smallest zoom is shown at that zoom, centred. */
    void fitToContents();
    /** Selects these steps and scrolls (zooming out if needed) until they are all in view. */
    void revealSteps(const QStringList &ids);

Q_SIGNALS:
    void zoomChanged(qreal zoom);

protected:
    void wheelEvent(QWheelEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    void keyReleaseEvent(QKeyEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    /** On an empty canvas: how to add the first step. */
    void drawForeground(QPainter *painter, const QRectF &rect) override;

public:
    /** The hint an empty canvas shows (empty when the saga has steps). */
    QString emptyHint() const;

private:
    void zoomBy(qreal factor, const QPoint &anchor);
    /** The scrollable area: the cards as they are now (not every place they ever were, as the
     *  scene's own growing rect) with a window's worth of room around them, so that any card,
     *  and the middle of them all, can be brought to the centre; what is in view stays. */
    void updateSceneRect();

    bool m_panning = false;
    bool m_showedHint = false;
    bool m_spaceHeld = false;
    QPoint m_panStart;
};

} // namespace Sagascope
