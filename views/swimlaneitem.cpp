// SPDX-License-Identifier: MIT
#include "swimlaneitem.h"

#include "cardstyle.h"

#include <QFontMetricsF>
#include <QGraphicsScene>
#include <QPainter>

namespace Sagascope {

SwimlaneItem::SwimlaneItem(const QString &serviceId, const QString &title, int index)
    : m_serviceId(serviceId), m_title(title), m_index(index)
{
    setZValue(-2);
    setAcceptedMouseButtons(Qt::NoButton);
}

void SwimlaneItem::setTitle(const QString &title, int index)
{
    if (title == m_title && index == m_index)
        return;
    m_title = title;
    m_index = index;
    update();
}

void SwimlaneItem::setCards(const QRectF &cards)
{
    const QRectF frame = cards.isNull() ? QRectF()
                                        : cards.adjusted(-Padding, -Padding - TitleHeight, Padding, Padding);
    if (frame == m_frame)
        return;
    prepareGeometryChange();
    m_frame = frame;
    update();
}

QRectF SwimlaneItem::boundingRect() const
{
    return m_frame.adjusted(-1, -1, 1, 1);
}

void SwimlaneItem::paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *widget)
{
    Q_UNUSED(option);
    Q_UNUSED(widget);
    if (m_frame.isNull())
        return;
    const QPalette palette = scene() ? scene()->palette() : QPalette();
    const QColor base = palette.color(QPalette::Base);
    const QColor text = palette.color(QPalette::Text);
    painter->setRenderHint(QPainter::Antialiasing);
    painter->setPen(QPen(CardStyle::mix(base, text, 0.22), 1, Qt::DashLine));
    painter->setBrush(CardStyle::mix(base, text, m_index % 2 ? 0.035 : 0.06));
    painter->drawRoundedRect(m_frame, 12, 12);
    QFont font = scene() ? scene()->font() : QFont();
    font.setPixelSize(12);
    font.setBold(true);
    painter->setFont(font);
    painter->setPen(CardStyle::mix(text, base, 0.35));
    const QRectF titleRect(m_frame.left() + 14, m_frame.top() + 4, m_frame.width() - 28, TitleHeight);
    painter->drawText(titleRect, Qt::AlignLeft | Qt::AlignVCenter,
                      QFontMetricsF(font).elidedText(m_title, Qt::ElideRight, titleRect.width()));
}

} // namespace Sagascope
