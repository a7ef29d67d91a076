// SPDX-License-Identifier: MIT
#include "pivotmarkeritem.h"

#include "cardstyle.h"
#include "orderlayout.h"

#include <QCoreApplication>
#include <QFontMetricsF>
#include <QGraphicsScene>
#include <QPainter>

namespace Sagascope {

namespace {

constexpr qreal BandHalfWidth = OrderLayout::BandHalfWidth;
constexpr qreal LabelHeight = 22;

} // namespace

PivotMarkerItem::PivotMarkerItem(const StepId &pivot) : m_pivot(pivot)
{
    setZValue(-1);
    setAcceptedMouseButtons(Qt::NoButton);
    setAcceptHoverEvents(false);
}

void PivotMarkerItem::setGeometry(Qt::Orientation orientation, qreal coordinate, qreal spanStart, qreal spanEnd)
{
    if (orientation == m_orientation && qFuzzyCompare(coordinate + 1, m_coordinate + 1)
        && qFuzzyCompare(spanStart + 1, m_spanStart + 1) && qFuzzyCompare(spanEnd + 1, m_spanEnd + 1))
        return;
    prepareGeometryChange();
    m_orientation = orientation;
    m_coordinate = coordinate;
    m_spanStart = spanStart;
    m_spanEnd = spanEnd;
    update();
}

QRectF PivotMarkerItem::labelsRect() const
{
    // As paint() lays them out: the side labels take 186 px on each side of the title.
    if (m_orientation == Qt::Vertical)
        return mapRectToScene(QRectF(m_coordinate - 260, m_spanStart - LabelHeight, 520, LabelHeight - 4));
    return mapRectToScene(QRectF(m_spanStart, m_coordinate - BandHalfWidth - 18, 260, 2 * BandHalfWidth + 36));
}

QRectF PivotMarkerItem::boundingRect() const
{
    // The labels sit at the start of the band, on both sides of it.
    constexpr qreal labelRoom = 260;
    if (m_orientation == Qt::Vertical)
        return QRectF(m_coordinate - labelRoom, m_spanStart - LabelHeight - 4, 2 * labelRoom, m_spanEnd - m_spanStart + LabelHeight + 8);
    return QRectF(m_spanStart - 4, m_coordinate - BandHalfWidth - 22, m_spanEnd - m_spanStart + 8,
                  2 * (BandHalfWidth + 22));
}

void PivotMarkerItem::paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *widget)
{
    Q_UNUSED(option);
    Q_UNUSED(widget);
    const QPalette palette = scene() ? scene()->palette() : QPalette();
    const CardStyle pivotStyle(StepKind::Pivot, palette);
    const CardStyle backStyle(StepKind::Compensatable, palette);
    const CardStyle forwardStyle(StepKind::Retriable, palette);
    painter->setRenderHint(QPainter::Antialiasing);

    const bool vertical = m_orientation == Qt::Vertical;
    const QRectF band = vertical ? QRectF(m_coordinate - BandHalfWidth, m_spanStart, 2 * BandHalfWidth, m_spanEnd - m_spanStart)
                                 : QRectF(m_spanStart, m_coordinate - BandHalfWidth, m_spanEnd - m_spanStart, 2 * BandHalfWidth);
    // A hatched band between two dashed lines.
    QColor hatch = pivotStyle.accent();
    hatch.setAlphaF(pivotStyle.isDark() ? 0.35f : 0.22f);
    painter->fillRect(band, QBrush(hatch, vertical ? Qt::BDiagPattern : Qt::FDiagPattern));
    QPen dashed(pivotStyle.accent(), 1.4, Qt::DashLine);
    dashed.setDashPattern({5, 4});
    painter->setPen(dashed);
    if (vertical) {
        painter->drawLine(band.topLeft(), band.bottomLeft());
        painter->drawLine(band.topRight(), band.bottomRight());
    } else {
        painter->drawLine(band.topLeft(), band.topRight());
        painter->drawLine(band.bottomLeft(), band.bottomRight());
    }

    // Labels: the title on the band, what each side means next to it.
    QFont font = scene() ? scene()->font() : QFont();
    font.setPixelSize(11);
    font.setBold(true);
    painter->setFont(font);
    const QFontMetricsF metrics(font);
    const QString title = QCoreApplication::translate("PivotMarkerItem", "point of no return");
    const QString before = QCoreApplication::translate("PivotMarkerItem", "\u2190 rolled back on failure");
    const QString after = QCoreApplication::translate("PivotMarkerItem", "only forward \u2192");
    if (vertical) {
        const qreal y = m_spanStart - LabelHeight;
        const qreal titleWidth = metrics.horizontalAdvance(title) + 16;
        const QRectF titleRect(m_coordinate - titleWidth / 2, y, titleWidth, LabelHeight - 4);
        painter->setPen(Qt::NoPen);
        painter->setBrush(pivotStyle.accent());
        painter->drawRoundedRect(titleRect, 9, 9);
        painter->setPen(pivotStyle.isDark() ? Qt::black : Qt::white);
        painter->drawText(titleRect, Qt::AlignCenter, title);
        QFont small = font;
        small.setBold(false);
        painter->setFont(small);
        painter->setPen(backStyle.accent());
        painter->drawText(QRectF(titleRect.left() - 186, titleRect.top(), 180, titleRect.height()),
                          Qt::AlignRight | Qt::AlignVCenter, before);
        painter->setPen(forwardStyle.accent());
        painter->drawText(QRectF(titleRect.right() + 6, titleRect.top(), 180, titleRect.height()),
                          Qt::AlignLeft | Qt::AlignVCenter, after);
    } else {
        const qreal titleWidth = metrics.horizontalAdvance(title) + 16;
        const QRectF titleRect(m_spanStart, m_coordinate - (LabelHeight - 4) / 2, titleWidth, LabelHeight - 4);
        painter->setPen(Qt::NoPen);
        painter->setBrush(pivotStyle.accent());
        painter->drawRoundedRect(titleRect, 9, 9);
        painter->setPen(pivotStyle.isDark() ? Qt::black : Qt::white);
        painter->drawText(titleRect, Qt::AlignCenter, title);
        QFont small = font;
        small.setBold(false);
        painter->setFont(small);
        painter->setPen(backStyle.accent());
        painter->drawText(QRectF(titleRect.right() + 8, m_coordinate - BandHalfWidth - 18, 220, 16),
                          Qt::AlignLeft | Qt::AlignVCenter, QCoreApplication::translate("PivotMarkerItem", "\u2191 rolled back on failure"));
        painter->setPen(forwardStyle.accent());
        painter->drawText(QRectF(titleRect.right() + 8, m_coordinate + BandHalfWidth + 2, 220, 16),
                          Qt::AlignLeft | Qt::AlignVCenter, QCoreApplication::translate("PivotMarkerItem", "\u2193 only forward"));
    }
}

} // namespace Sagascope
