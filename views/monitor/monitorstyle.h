// SPDX-License-Identifier: MIT
#pragma once

#include "runstate.h"
#include "traceevent.h"

#include <QColor>
#include <QCoreApplication>
#include <QIcon>
#include <QPalette>
#include <QRectF>

#include <optional>

QT_BEGIN_NAMESPACE
class QPainter;
QT_END_NAMESPACE

namespace Sagascope {

/** What one bar of the timeline (or one mark in the monitor) stands for. */
enum class BarKind : quint8 {
    Running,            // an attempt of the action in flight
    Succeeded,
    TechnicalFailure,
    Timeout,
    BusinessFailure,
    Backoff,            // the wait between two attempts
    Compensating,       // an attempt of the compensation in flight
    Compensated,
    CompensationFailed,
};
inline constexpr int BarKindCount = 9;

/**
 * The monitor's look, derived from a QPalette so that it reads in light and dark themes. Each
 * outcome has an Okabe-Ito hue, a fill pattern and a glyph of its own, so that none is told
 * apart by colour alone: succeeded = solid + check, technical failure = forward stripes + cross,
 * timeout = ticks + clock, business failure = cross-hatch + no-entry sign, backoff = hatched gap,
 * compensation = purple + undo arrow. Instance statuses likewise have a glyph each.
 */
class MonitorStyle
{
    Q_DECLARE_TR_FUNCTIONS(Sagascope::MonitorStyle)
public:
    explicit MonitorStyle(const QPalette &palette = QPalette());

    bool isDark() const { return m_dark; }
    const QPalette &palette() const { return m_palette; }

    /** The outcome's hue; fill() is what a bar is filled with, ink() its pattern, outline and glyph. */
    QColor color(BarKind kind) const;
    QColor fill(BarKind kind) const;
    QColor ink(BarKind kind) const;
    static Qt::BrushStyle pattern(BarKind kind);
    /** "Succeeded", "Technical failure", ... (translated). */
    static QString name(BarKind kind);

    /** Fills `rect` with the kind's colour and pattern and outlines it. */
    void paintBar(QPainter *painter, const QRectF &rect, BarKind kind) const;
    /** Draws the kind's glyph in `rect` (a square works best) with `color`. */
    static void paintGlyph(QPainter *painter, const QRectF &rect, BarKind kind, const QColor &color);

    QColor statusColor(InstanceStatus status) const;
    /** "Running", "Completed", "Compensated", "Stuck" (translated). */
    static QString statusName(InstanceStatus status);
    /** A status's glyph: a ring (running), a check (completed), an undo arrow (compensated), a warning triangle (stuck). */
    void paintStatusGlyph(QPainter *painter, const QRectF &rect, InstanceStatus status) const;
    QIcon statusIcon(InstanceStatus status, int size = 16) const;

    /** The bar kind (colour, pattern, glyph) that draws a step in `phase`; Pending has none. */
    static std::optional<BarKind> kindOf(StepPhase phase);
    /** The kind that describes an event in the log (a start is Running or Compensating). */
    static BarKind kindForEvent(const TraceEvent &event);
    QIcon eventIcon(const TraceEvent &event, int size = 14) const;

    /** Text on a fill of `background`: black or white, whichever reads better. */
    static QColor textOn(const QColor &background);
    static QColor mix(const QColor &a, const QColor &b, qreal t);

private:
    QPalette m_palette;
    bool m_dark = false;
};

} // namespace Sagascope
