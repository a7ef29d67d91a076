// SPDX-License-Identifier: MIT
#pragma once

#include <QGraphicsView>

namespace Sagascope {

class ChoreographyScene;

/**
 * The view of a ChoreographyScene beside the orchestration canvas: antialiased, zoom with
 * Ctrl+wheel, fitted to the window until the user zooms (Ctrl+0 fits again).
 */
class ChoreographyView : public QGraphicsView
{
    Q_OBJECT
public:
    explicit ChoreographyView(ChoreographyScene *scene, QWidget *parent = nullptr);

    ChoreographyScene *choreographyScene() const;
    qreal zoom() const { return transform().m11(); }
    void setZoom(qreal zoom);
    /** Fits the whole picture (never beyond 100 %) and keeps fitting it as the window changes. */
    void fitToContents();

protected:
    void wheelEvent(QWheelEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;

private:
    bool m_fitting = true; // the user has not zoomed since the last fit
};

} // namespace Sagascope
