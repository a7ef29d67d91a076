// SPDX-License-Identifier: MIT
#pragma once

#include "sagadefinition.h"

#include <QGraphicsTextItem>

namespace Sagascope {

/**
 * The inline editor of a card's label (F2): a one-line text field laid over the label.
 * Enter or a click elsewhere commits through SagaScene (one SagaDocument::setStepLabel),
 * Escape cancels. It holds only the step id and the text being typed.
 */
class LabelEditor : public QGraphicsTextItem
{
    Q_OBJECT
public:
    enum { Type = UserType + 5 };

    LabelEditor(const StepId &step, const QString &text, const QFont &font, qreal width);

    int type() const override { return Type; }
    const StepId &step() const { return m_step; }

Q_SIGNALS:
    /** The user is done: `accepted` false on Escape. Sent once. */
    void finished(const StepId &step, const QString &text, bool accepted);

protected:
    void keyPressEvent(QKeyEvent *event) override;
    void focusOutEvent(QFocusEvent *event) override;
    void paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *widget) override;

private:
    void finish(bool accepted);

    StepId m_step;
    qreal m_width;
    bool m_done = false;
};

} // namespace Sagascope
