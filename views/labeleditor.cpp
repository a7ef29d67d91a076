// SPDX-License-Identifier: MIT
#include "labeleditor.h"

#include "stepedits.h"

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

    m_hint = new QGraphicsSimpleTextItem(this);
    QFont small = font;
    small.setPointSizeF(font.pointSizeF() * 0.85);
    m_hint->setFont(small);
    connect(document(), &QTextDocument::contentsChanged, this, &LabelEditor::updateHint);
    updateHint();
}

void LabelEditor::updateHint()
{
    // What Enter and Shift+Enter do to the id, said before the user presses either: an id the
    // designer made up follows the label at Enter; one the user chose stays unless asked.
    const QString suggested = StepEdits::slug(toPlainText().simplified());
    QString hint;
    if (!suggested.isEmpty() && suggested != m_step)
        hint = StepEdits::isGeneratedId(m_step) ? tr("Enter renames the id too: %1").arg(suggested)
                                     : tr("Enter keeps the id %1 · Shift+Enter renames it: %2").arg(m_step, suggested);
    m_hint->setText(hint);
    const QPalette palette = scene() ? scene()->palette() : QPalette();
    m_hint->setBrush(palette.color(QPalette::PlaceholderText));
    m_hint->setPos(0, boundingRect().bottom() + 3);
}

void LabelEditor::keyPressEvent(QKeyEvent *event)
{
    switch (event->key()) {
    case Qt::Key_Return:
    case Qt::Key_Enter:
        finish(true, event->modifiers() & Qt::ShiftModifier);
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

void LabelEditor::finish(bool accepted, bool renameId)
{
    if (m_done)
        return;
    m_done = true;
    Q_EMIT finished(m_step, toPlainText().simplified(), accepted, renameId);
}

} // namespace Sagascope
