// SPDX-License-Identifier: MIT
#include "cardstyle.h"

#include <QCoreApplication>
#include <QPainter>
#include <QtMath>

namespace Sagascope {

namespace {

struct Hue
{
    QColor light; // on a light base
    QColor dark;  // on a dark base
};

// Okabe-Ito blue, orange and bluish green, darkened or lightened for contrast with the base.
Hue hueOf(StepKind kind)
{
    switch (kind) {
    case StepKind::Compensatable: return {QColor(0x1f, 0x5f, 0xae), QColor(0x5c, 0xb0, 0xf0)};
    case StepKind::Pivot: return {QColor(0x9e, 0x50, 0x00), QColor(0xf0, 0xa8, 0x20)};
    case StepKind::Retriable: return {QColor(0x00, 0x7a, 0x5a), QColor(0x3c, 0xcf, 0x9f)};
    }
    return {Qt::black, Qt::white};
}

void drawArrowHead(QPainter *painter, QPointF tip, qreal angleRad, qreal size, const QColor &color)
{
    const QPointF back(std::cos(angleRad) * size, std::sin(angleRad) * size);
    const QPointF side(-back.y() * 0.6, back.x() * 0.6);
    QPolygonF head;
    head << tip << tip - back + side << tip - back - side;
    painter->setPen(Qt::NoPen);
    painter->setBrush(color);
    painter->drawPolygon(head);
}

} // namespace

CardStyle::CardStyle(StepKind kind, const QPalette &palette) : m_kind(kind)
{
    const QColor base = palette.color(QPalette::Base);
    m_dark = base.lightnessF() < 0.5;
    const Hue hue = hueOf(kind);
    m_accent = m_dark ? hue.dark : hue.light;
    m_text = palette.color(QPalette::Text);
    m_fill = mix(base, m_accent, m_dark ? 0.16 : 0.08);
    m_band = mix(base, m_accent, m_dark ? 0.22 : 0.18);
    m_muted = mix(m_text, base, 0.30);
    m_badgeFill = mix(base, m_text, m_dark ? 0.14 : 0.07);
}

QString CardStyle::kindTitle(StepKind kind)
{
    switch (kind) {
    case StepKind::Compensatable: return QCoreApplication::translate("CardStyle", "Compensatable");
    case StepKind::Pivot: return QCoreApplication::translate("CardStyle", "Pivot");
    case StepKind::Retriable: return QCoreApplication::translate("CardStyle", "Retriable");
    }
    return {};
}

qreal CardStyle::leftInset(StepKind kind)
{
    switch (kind) {
    case StepKind::Compensatable: return 0;
    case StepKind::Pivot: return 0;   // the hexagon's tip touches the box
    case StepKind::Retriable: return 12; // the chevron's notch
    }
    return 0;
}

qreal CardStyle::rightInset(StepKind kind)
{
    Q_UNUSED(kind);
    return 0; // every outline's right tip or side touches the box at mid-height
}

QPainterPath CardStyle::outline(StepKind kind, const QRectF &r)
{
    QPainterPath path;
    const qreal midY = r.center().y();
    switch (kind) {
    case StepKind::Compensatable:
        path.addRoundedRect(r, 10, 10);
        break;
    case StepKind::Pivot: {
        // A hexagon: the go/no-go point, pointed at both ends.
        const qreal tip = qMin<qreal>(18, r.width() / 6);
        QPolygonF hexagon;
        hexagon << QPointF(r.left(), midY) << QPointF(r.left() + tip, r.top()) << QPointF(r.right() - tip, r.top())
                << QPointF(r.right(), midY) << QPointF(r.right() - tip, r.bottom())
                << QPointF(r.left() + tip, r.bottom()) << QPointF(r.left(), midY);
        path.addPolygon(hexagon);
        path.closeSubpath();
        break;
    }
    case StepKind::Retriable: {
        // A forward chevron: notched at the start, pointed at the end ("only goes forward").
        const qreal notch = leftInset(kind);
        const qreal tip = qMin<qreal>(18, r.width() / 6);
        QPolygonF chevron;
        chevron << QPointF(r.left(), r.top()) << QPointF(r.right() - tip, r.top()) << QPointF(r.right(), midY)
                << QPointF(r.right() - tip, r.bottom()) << QPointF(r.left(), r.bottom())
                << QPointF(r.left() + notch, midY) << QPointF(r.left(), r.top());
        path.addPolygon(chevron);
        path.closeSubpath();
        break;
    }
    }
    return path;
}

void CardStyle::drawGlyph(QPainter *painter, StepKind kind, const QRectF &rect, const QColor &color)
{
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    const qreal s = qMin(rect.width(), rect.height());
    const QRectF box(rect.center() - QPointF(s / 2, s / 2), QSizeF(s, s));
    QPen pen(color, qMax<qreal>(1.4, s / 8), Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin);
    switch (kind) {
    case StepKind::Compensatable: {
        // An "undo" arrow: a hook bending back to the left.
        const QRectF arc = box.adjusted(s * 0.22, s * 0.18, -s * 0.08, -s * 0.18);
        QPainterPath hook;
        hook.moveTo(arc.center().x() - s * 0.05, arc.bottom());
        hook.lineTo(arc.center().x(), arc.bottom());
        hook.arcTo(arc, -90, 180);
        hook.lineTo(box.left() + s * 0.3, arc.top());
        painter->setPen(pen);
        painter->setBrush(Qt::NoBrush);
        painter->drawPath(hook);
        drawArrowHead(painter, QPointF(box.left() + s * 0.04, arc.top()), M_PI, s * 0.36, color);
        break;
    }
    case StepKind::Pivot: {
        // A diamond, the decision point.
        QPolygonF diamond;
        const QPointF c = box.center();
        const qreal h = s * 0.46;
        diamond << QPointF(c.x(), c.y() - h) << QPointF(c.x() + h, c.y()) << QPointF(c.x(), c.y() + h)
                << QPointF(c.x() - h, c.y());
        painter->setPen(Qt::NoPen);
        painter->setBrush(color);
        painter->drawPolygon(diamond);
        break;
    }
    case StepKind::Retriable: {
        // A circular arrow: retried until it succeeds.
        const QRectF ring = box.adjusted(s * 0.14, s * 0.14, -s * 0.14, -s * 0.14);
        QPainterPath arc;
        arc.arcMoveTo(ring, 100);
        arc.arcTo(ring, 100, -300);
        painter->setPen(pen);
        painter->setBrush(Qt::NoBrush);
        painter->drawPath(arc);
        const qreal endAngle = qDegreesToRadians(100.0 - 300.0);
        const QPointF end(ring.center().x() + ring.width() / 2 * std::cos(endAngle),
                          ring.center().y() - ring.height() / 2 * std::sin(endAngle));
        // Tangent of a clockwise arc at the end point, in screen coordinates.
        const qreal tangent = std::atan2(std::cos(endAngle), -std::sin(endAngle)) + M_PI;
        drawArrowHead(painter, end + QPointF(std::cos(tangent), std::sin(tangent)) * s * 0.12, tangent, s * 0.34,
                      color);
        break;
    }
    }
    painter->restore();
}

QColor CardStyle::errorColor(const QPalette &palette)
{
    return palette.color(QPalette::Base).lightnessF() < 0.5 ? QColor(0xff, 0x6b, 0x6b) : QColor(0xc6, 0x28, 0x28);
}

QColor CardStyle::warningColor(const QPalette &palette)
{
    return palette.color(QPalette::Base).lightnessF() < 0.5 ? QColor(0xf5, 0xd0, 0x4c) : QColor(0xd9, 0xa4, 0x00);
}

QColor CardStyle::edgeColor(const QPalette &palette)
{
    return mix(palette.color(QPalette::Text), palette.color(QPalette::Base), 0.35);
}

QColor CardStyle::mix(const QColor &a, const QColor &b, qreal t)
{
    const QColor x = a.toRgb();
    const QColor y = b.toRgb();
    return QColor::fromRgbF(float(x.redF() + (y.redF() - x.redF()) * t), float(x.greenF() + (y.greenF() - x.greenF()) * t),
                            float(x.blueF() + (y.blueF() - x.blueF()) * t), float(x.alphaF() + (y.alphaF() - x.alphaF()) * t));
}

} // namespace Sagascope
