// SPDX-License-Identifier: MIT
#include "labeleditor.h"

#include <QGraphicsScene>
#include <QKeyEvent>
#include <QPainter>
#include <QPalette>
#include <QTextCursor>
#include <QTextDocument>

namespace Sagascope {

LabelEditor::LabelEditor(const StepId &step, const QString &text, const QFont &font, qreal width)
    : m_step(step), m_width(width)
{
    setFont(font);
    setPlainText(text);
    setTextInteractionFlags(Qt::TextEditorInteraction);
    setTextWidth(width);
    document()->setDocumentMargin(2);
    setZValue(20);
    QTextCursor cursor(document());
    cursor.select(QTextCursor::Document);
    setTextCursor(cursor);
}

void LabelEditor::keyPressEvent(QKeyEvent *event)
{
    switch (event->key()) {
    case Qt::Key_Return:
    case Qt::Key_Enter:
        finish(true);
        event->accept();
        return;
    case Qt::Key_Escape:
        finish(false);
        event->accept();
        return;
    default:
        QGraphicsTextItem::keyPressEvent(event);
    }
}

void LabelEditor::focusOutEvent(QFocusEvent *event)
{
    QGraphicsTextItem::focusOutEvent(event);
    finish(true);
}

void LabelEditor::paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *widget)
{
    const QPalette palette = scene() ? scene()->palette() : QPalette();
    painter->setPen(QPen(palette.color(QPalette::Highlight), 1.5));
    painter->setBrush(palette.color(QPalette::Base));
    painter->drawRoundedRect(boundingRect().adjusted(-2, -1, 2, 1), 4, 4);
    QGraphicsTextItem::paint(painter, option, widget);
}

void LabelEditor::finish(bool accepted)
{
    if (m_done)
        return;
    m_done = true;
    Q_EMIT finished(m_step, toPlainText().simplified(), accepted);
}

} // namespace Sagascope
