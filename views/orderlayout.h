// SPDX-License-Identifier: MIT
#pragma once

#include "graphvizlayout.h"
#include "sagadefinition.h"

#include <QHash>
#include <QList>
#include <QPointF>
#include <QRectF>
#include <QSizeF>

namespace Sagascope {

/**
 * Keeps the picture in step with the order, without a window: after an edit that changes the
 * order (a quick fix, a new dependency) the cards that moved in the order get places consistent
 * with it while every other card stays put, and the point-of-no-return band after a pivot is
 * placed where it crosses no card. Plain functions of the definition and the cards' sizes; the
 * canvas hands settle() to the document (SagaDocument::setOrderKeeper()), so the new places
 * belong to the edit's own undo command, and glides the cards there.
 */
namespace OrderLayout {

/** Card size along the flow (LeftToRight: width) that a card leaves free before the next. */
constexpr qreal MinimumGap = 40;

/**
 * New centres for the steps of `after` that must move so that the picture agrees with its
 * order: steps whose rank (longest chain of `after` before them) differs from `before` go to
 * the column of their new rank (or, where no card stays at that rank, one column after their
 * predecessors), every
 * step that would then start before its predecessors end is pushed forward, and a moved card
 * that would overlap another moves across the flow to the nearest free place. Steps without a
 * position, and sagas whose `after` edges form a cycle, are left alone. Only changed
 * positions are returned (empty when the picture already agrees).
 */
QHash<StepId, QPointF> settle(const SagaDefinition &before, const SagaDefinition &after,
                              const QHash<StepId, QSizeF> &cardSizes, LayoutDirection direction);

/** Where the point-of-no-return band after a pivot goes. */
struct Band
{
    Qt::Orientation orientation = Qt::Vertical; // Vertical: a vertical line at x = coordinate
    qreal coordinate = 0;
    qreal spanStart = 0; // along the band
    qreal spanEnd = 0;
};

/** Half the band's width (PivotMarkerItem draws it that wide). */
constexpr qreal BandHalfWidth = 7;
/** Room kept free above the topmost card for what the monitor draws there (the "paused" tab of
 *  RunOverlay, 4 + 4 + 18 px above a card): the band's labels stay above it. */
constexpr qreal MarkRoomAboveCards = 26;

/**
 * The band after the pivot whose card is `pivot`: across the layout direction (never turned by
 * where the successors happen to be), in the gap between the pivot and the first of `next`
 * (its successors' cards) on the forward side, at a place where no card of `cards` (every card,
 * the pivot's included) meets it; along the band it spans `bounds` (plus a margin) unless a card
 * is in the way, then it stops short of that card.
 */
Band pivotBand(const QRectF &pivot, const QList<QRectF> &next, const QList<QRectF> &cards, const QRectF &bounds,
               LayoutDirection direction);

} // namespace OrderLayout

} // namespace Sagascope
