// SPDX-License-Identifier: MIT
#pragma once

#include <QGraphicsItem>
#include <QString>

namespace Sagascope {

/**
 * A service's swimlane: a titled frame around every card of one service. Its frame follows the
 * cards (SagaScene recomputes it when they move), so it never holds a stale layout; the
 * auto-layout keeps lanes apart by laying services out as Graphviz clusters.
 */
class SwimlaneItem : public QGraphicsItem
{
public:
    enum { Type = UserType + 4 };
    static constexpr qreal Padding = 18;
    static constexpr qreal TitleHeight = 24;

    SwimlaneItem(const QString &serviceId, const QString &title, int index);

    int type() const override { return Type; }
    const QString &serviceId() const { return m_serviceId; }
    QString title() const { return m_title; }
    void setTitle(const QString &title, int index);
    /** The frame around `cards` (the union of the service's cards, in scene coordinates). */
    void setCards(const QRectF &cards);
    QRectF frame() const { return m_frame; }

    QRectF boundingRect() const override;
    void paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *widget) override;

private:
    QString m_serviceId;
    QString m_title;
    int m_index = 0; // alternates the tint of neighbouring lanes
    QRectF m_frame;
};

} // namespace Sagascope
