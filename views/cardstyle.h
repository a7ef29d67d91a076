// SPDX-License-Identifier: MIT
#pragma once

#include "sagadefinition.h"

#include <QColor>
#include <QPainterPath>
#include <QPalette>
#include <QRectF>
#include <QString>

QT_BEGIN_NAMESPACE
class QPainter;
QT_END_NAMESPACE

namespace Sagascope {

/**
 * The look of a step kind on the canvas, derived from a QPalette so that it reads in light and
 * dark themes. Each kind has its own hue (Okabe-Ito, told apart by colour-blind readers), its own
 * card outline and its own glyph, so that no kind is recognised by colour alone:
 * compensatable = rounded card + "undo" arrow, pivot = hexagon + diamond,
 * retriable = forward chevron + circular arrow.
 */
class CardStyle
{
public:
    explicit CardStyle(StepKind kind, const QPalette &palette = QPalette());

    StepKind kind() const { return m_kind; }
    bool isDark() const { return m_dark; }

    QColor accent() const { return m_accent; }      // outline, glyph and kind caption
    QColor fill() const { return m_fill; }          // card body
    QColor band() const { return m_band; }          // lower band (compensation)
    QColor text() const { return m_text; }
    QColor mutedText() const { return m_muted; }
    QColor badgeFill() const { return m_badgeFill; }

    /** "Compensatable", "Pivot", "Retriable" (translated). */
    static QString kindTitle(StepKind kind);
    /** The card outline for `rect`: a shape per kind. */
    static QPainterPath outline(StepKind kind, const QRectF &rect);
    /** How far the outline's left and right tips stand in from `rect` at mid-height (px). */
    static qreal leftInset(StepKind kind);
    static qreal rightInset(StepKind kind);
    /** Draws the kind's glyph centred in `rect` with `color`. */
    static void drawGlyph(QPainter *painter, StepKind kind, const QRectF &rect, const QColor &color);

    /** Colours shared by the whole canvas. */
    static QColor errorColor(const QPalette &palette);
    static QColor warningColor(const QPalette &palette);
    static QColor edgeColor(const QPalette &palette);
    /** `a` blended towards `b` by `t` (0 = a, 1 = b). */
    static QColor mix(const QColor &a, const QColor &b, qreal t);

private:
    StepKind m_kind;
    bool m_dark = false;
    QColor m_accent, m_fill, m_band, m_text, m_muted, m_badgeFill;
};

} // namespace Sagascope
