// SPDX-License-Identifier: MIT
#pragma once

#include "sagadefinition.h"

#include <QGraphicsSimpleTextItem>
#include <QGraphicsTextItem>

namespace Sagascope {

/**
 * The inline editor of a card's label (F2): a one-line text field laid over the label.
 * Enter or a click elsewhere commits through SagaScene (one SagaDocument::setStepLabel),
 * Shift+Enter commits and renames the step's id after the label too, Escape cancels. Under the
 * field a hint says what becomes of the id (the label's slug), as it is typed. It holds only the
 * step id and the text being typed.
 */
class LabelEditor : public QGraphicsTextItem
{
    Q_OBJECT
public:
    enum { Type = UserType + 5 };

    LabelEditor(const StepId &step, const QString &text, const QFont &font, qreal width);

    int type() const override { return Type; }
    const StepId &step() const { return m_step; }
    /** The hint under the field ("Shift+Enter renames the id too: take_payment"); empty when the
     *  label suggests no other id. */
    QString hintText() const { return m_hint->text(); }

Q_SIGNALS:
    /** The user is done: `accepted` false on Escape; `renameId` true on Shift+Enter. Sent once. */
    void finished(const StepId &step, const QString &text, bool accepted, bool renameId);

protected:
    void keyPressEvent(QKeyEvent *event) override;
    void focusOutEvent(QFocusEvent *event) override;
    void paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *widget) override;

private:
    void finish(bool accepted, bool renameId = false);
    void updateHint();

    StepId m_step;
    qreal m_width;
    bool m_done = false;
    QGraphicsSimpleTextItem *m_hint = nullptr;
};

} // namespace Sagascope
