// SPDX-License-Identifier: MIT
#pragma once

#include "sagadefinition.h"

#include <QFont>
#include <QGraphicsItem>
#include <QPainterPath>
#include <QStringList>

namespace Sagascope {

class SagaScene;

/**
 * A step on the canvas: a card showing its label, service and kind (shape, colour and glyph per
 * kind), the compensation as a lower band, badges for side effects, idempotency, retry policy
 * and timeout, and the validator's findings as error/warning badges. Thin: it paints a copy of
 * the step it was given and forwards moves to its SagaScene, which writes them to the document.
 * Its position is the centre of the card, as in the `.saga` file.
 */
class StepItem : public QGraphicsItem
{
public:
    enum { Type = UserType + 1 };

    StepItem(const Step &step, const QString &serviceTitle, const QFont &font);

    int type() const override { return Type; }
    const StepId &stepId() const { return m_step.id; }
    const Step &step() const { return m_step; }
    QString serviceTitle() const { return m_serviceTitle; }

    /** Shows `step`; repaints (and resizes) only when something visible changed. */
    void setStep(const Step &step, const QString &serviceTitle, const QFont &font);
    /** The validator's findings on this step. */
    void setDiagnostics(int errors, int warnings, const QStringList &messages);
    int errorCount() const { return m_errors; }
    int warningCount() const { return m_warnings; }

    /** The badge of the action's simulated failure rates ("fails 10% technical · 5% business");
     *  empty when it never fails by itself. */
    static QString failureRateText(const Step &step);
    /** The card's size for `step` in `font`: what the auto-layout reserves for it. */
    static QSizeF cardSize(const Step &step, const QFont &font);
    /** How a label is drawn in `width`: one line, or two when it is longer (broken between
     *  words where possible, the second ending in "…" if even two are too short). */
    static QStringList labelLines(const QString &text, const QFont &font, qreal width);
    /** The label's lines on this card. */
    const QStringList &labelLines() const { return m_labelLines; }
    /** The card in item coordinates (centred on 0,0). */
    QRectF cardRect() const { return m_card; }
    /** Where an arrow enters or leaves the card, in scene coordinates. */
    QPointF inPort(Qt::Orientation flow) const;
    QPointF outPort(Qt::Orientation flow) const;

    /** Which way the saga flows on the canvas: where the out port (drag it to connect) sits. */
    void setFlow(Qt::Orientation flow);
    Qt::Orientation flow() const { return m_flow; }
    /** True when `scenePos` is on the out port, the handle that starts a new dependency. */
    bool isOnOutPort(const QPointF &scenePos) const;
    /** Shown as a drop target while a dependency is being dragged onto this card. */
    void setConnectTarget(bool target);

    QRectF boundingRect() const override;
    QPainterPath shape() const override;
    void paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *widget) override;

    static constexpr qreal PortRadius = 7;
    /** The out port is never smaller than this on screen (its diameter, in pixels)... */
    static constexpr qreal MinPortOnScreen = 10;
    /** ... down to this zoom; further out cards are plain boxes without a port. */
    static constexpr qreal PortMinZoom = 0.12;
    /** The port's radius in scene units at `zoom`: PortRadius, or more when that would be
     *  smaller than MinPortOnScreen on screen. */
    static qreal portRadius(qreal zoom);
    /** Where the label is drawn, in item coordinates, and its font (for the inline editor). */
    QRectF labelRect() const;
    QFont labelFont() const;

protected:
    QVariant itemChange(GraphicsItemChange change, const QVariant &value) override;
    void hoverEnterEvent(QGraphicsSceneHoverEvent *event) override;
    void hoverMoveEvent(QGraphicsSceneHoverEvent *event) override;
    void hoverLeaveEvent(QGraphicsSceneHoverEvent *event) override;

private:
    void updateToolTip();
    /** The zoom of the view that shows the card (1 without one). */
    qreal viewZoom() const;
    /** The port at its full size (hovered, or a connection in progress): the card's bounds
     *  make room for it. A selected card's port keeps to the usual bounds, so that selecting
     *  changes no bounding rectangle (fit, export). */
    bool portInUse() const { return m_hovered || m_connectTarget; }
    void updateShapes();
    static qreal labelWidth(const Step &step, qreal cardWidth);

    Step m_step;
    QString m_serviceTitle;
    QFont m_font;
    QRectF m_card;
    QPainterPath m_outline;      // cached: painted and hit-tested often
    QPainterPath m_bandPath;     // the lower band, inside the outline
    QPainterPath m_innerOutline; // the pivot's second line
    Qt::Orientation m_flow = Qt::Horizontal;
    bool m_hovered = false;
    bool m_connectTarget = false;
    int m_errors = 0;
    int m_warnings = 0;
    QStringList m_messages;
    QStringList m_labelLines; // cached with the shapes: laid out once, not every paint
};

} // namespace Sagascope
