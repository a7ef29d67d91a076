// SPDX-License-Identifier: MIT
#include "monitorstyle.h"

#include <QPainter>
#include <QPainterPath>
#include <QPixmap>

#include <cmath>

namespace Sagascope {

namespace {

// Okabe & Ito (2008), "Color Universal Design": hues told apart with every common colour vision.
const QColor OkabeBlue(0x00, 0x72, 0xB2);
const QColor OkabeGreen(0x00, 0x9E, 0x73);
const QColor OkabeOrange(0xE6, 0x9F, 0x00);
const QColor OkabeYellow(0xF0, 0xE4, 0x42);
const QColor OkabeVermillion(0xD5, 0x5E, 0x00);
const QColor OkabePurple(0xCC, 0x79, 0xA7);
const QColor OkabeSky(0x56, 0xB4, 0xE9);

void drawUndoArrow(QPainter *painter, const QRectF &r)
{
    // An arc from the right round the top to the left, the arrowhead pointing down-left.
    const QRectF arc = r.adjusted(r.width() * 0.18, r.height() * 0.22, -r.width() * 0.12, -r.height() * 0.02);
    QPainterPath path;
    path.arcMoveTo(arc, -60);
    path.arcTo(arc, -60, 220);
    painter->drawPath(path);
    const QPointF tip = path.currentPosition();
    const qreal s = r.width() * 0.26;
    QPolygonF head;
    head << tip + QPointF(-s * 0.55, -s * 0.35) << tip + QPointF(s * 0.15, s * 0.75) << tip + QPointF(s * 0.6, -s * 0.5);
    painter->save();
    painter->setBrush(painter->pen().color());
    painter->drawPolygon(head);
    painter->restore();
}

} // namespace

MonitorStyle::MonitorStyle(const QPalette &palette)
    : m_palette(palette)
{
    m_dark = palette.color(QPalette::Window).lightnessF() < 0.5;
}

QColor MonitorStyle::mix(const QColor &a, const QColor &b, qreal t)
{
    return QColor::fromRgbF(float(a.redF() + (b.redF() - a.redF()) * t), float(a.greenF() + (b.greenF() - a.greenF()) * t),
                            float(a.blueF() + (b.blueF() - a.blueF()) * t));
}

QColor MonitorStyle::textOn(const QColor &background)
{
    // Relative luminance (WCAG); the threshold where black and white have the same contrast.
    auto channel = [](float c) { return c <= 0.03928f ? c / 12.92f : std::pow((c + 0.055f) / 1.055f, 2.4f); };
    const float l = 0.2126f * channel(background.redF()) + 0.7152f * channel(background.greenF())
        + 0.0722f * channel(background.blueF());
    return l > 0.179f ? QColor(Qt::black) : QColor(Qt::white);
}

QColor MonitorStyle::color(BarKind kind) const
{
    switch (kind) {
    case BarKind::Running: return m_dark ? OkabeSky : OkabeBlue;
    case BarKind::Succeeded: return OkabeGreen;
    case BarKind::TechnicalFailure: return OkabeOrange;
    case BarKind::Timeout: return OkabeYellow;
    case BarKind::BusinessFailure: return OkabeVermillion;
    case BarKind::Backoff: return m_palette.color(QPalette::Mid);
    case BarKind::Compensating:
    case BarKind::Compensated:
    case BarKind::CompensationFailed: return OkabePurple;
    }
    return m_palette.color(QPalette::Mid);
}

QColor MonitorStyle::fill(BarKind kind) const
{
    const QColor base = m_palette.color(QPalette::Base);
    switch (kind) {
    case BarKind::Running:
    case BarKind::Compensating:
        return mix(color(kind), base, 0.55); // in flight: a light version of the hue
    case BarKind::Backoff:
        return mix(base, m_palette.color(QPalette::Text), 0.06);
    default:
        return m_dark ? mix(color(kind), base, 0.15) : color(kind);
    }
}

QColor MonitorStyle::ink(BarKind kind) const
{
    if (kind == BarKind::Backoff)
        return mix(m_palette.color(QPalette::Text), m_palette.color(QPalette::Base), 0.45);
    if (kind == BarKind::Running || kind == BarKind::Compensating)
        return m_dark ? color(kind).lighter(130) : color(kind).darker(140);
    const QColor f = fill(kind);
    return mix(f, textOn(f), 0.45);
}

Qt::BrushStyle MonitorStyle::pattern(BarKind kind)
{
    switch (kind) {
    case BarKind::TechnicalFailure: return Qt::FDiagPattern;
    case BarKind::Timeout: return Qt::CrossPattern;
    case BarKind::BusinessFailure: return Qt::DiagCrossPattern;
    case BarKind::Backoff: return Qt::BDiagPattern;
    case BarKind::CompensationFailed: return Qt::FDiagPattern;
    case BarKind::Running:
    case BarKind::Succeeded:
    case BarKind::Compensating:
    case BarKind::Compensated: break;
    }
    return Qt::NoBrush;
}

QString MonitorStyle::name(BarKind kind)
{
    switch (kind) {
    case BarKind::Running: return tr("Running");
    case BarKind::Succeeded: return tr("Succeeded");
    case BarKind::TechnicalFailure: return tr("Technical failure");
    case BarKind::Timeout: return tr("Timeout");
    case BarKind::BusinessFailure: return tr("Business failure");
    case BarKind::Backoff: return tr("Backoff");
    case BarKind::Compensating: return tr("Compensating");
    case BarKind::Compensated: return tr("Compensated");
    case BarKind::CompensationFailed: return tr("Compensation failed");
    }
    return {};
}

void MonitorStyle::paintBar(QPainter *painter, const QRectF &rect, BarKind kind) const
{
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing, false);
    painter->fillRect(rect, fill(kind));
    const Qt::BrushStyle style = pattern(kind);
    if (style != Qt::NoBrush) {
        // Hatching drawn by hand: wider spacing than Qt's pattern brushes, anchored to the bar.
        painter->save();
        painter->setClipRect(rect, Qt::IntersectClip);
        painter->setPen(QPen(ink(kind), 1.0));
        const qreal spacing = style == Qt::CrossPattern ? 5.0 : 7.0;
        const qreal h = rect.height();
        auto hatch = [&](bool forward) {
            // Lines at 45 degrees: forward "\", backward "/".
            for (qreal x = rect.left() - h; x < rect.right() + h; x += spacing) {
                if (forward)
                    painter->drawLine(QPointF(x, rect.top()), QPointF(x + h, rect.bottom()));
                else
                    painter->drawLine(QPointF(x + h, rect.top()), QPointF(x, rect.bottom()));
            }
        };
        switch (style) {
        case Qt::FDiagPattern: hatch(true); break;
        case Qt::BDiagPattern: hatch(false); break;
        case Qt::DiagCrossPattern:
            hatch(true);
            hatch(false);
            break;
        case Qt::CrossPattern: // timeout: the ticks of a clock
            for (qreal x = rect.left() + 2; x < rect.right(); x += spacing)
                painter->drawLine(QPointF(x, rect.top() + h * 0.3), QPointF(x, rect.bottom() - h * 0.3));
            break;
        default: painter->fillRect(rect, QBrush(ink(kind), style)); break;
        }
        painter->restore();
    }
    QPen outline(kind == BarKind::Backoff ? ink(kind) : mix(color(kind), m_palette.color(QPalette::Text), 0.35), 1.0);
    if (kind == BarKind::Backoff || kind == BarKind::Running || kind == BarKind::Compensating)
        outline.setStyle(Qt::DashLine);
    if (kind == BarKind::Running || kind == BarKind::Compensating) {
        outline.setColor(ink(kind));
        outline.setWidthF(1.5);
    }
    painter->setPen(outline);
    painter->setBrush(Qt::NoBrush);
    painter->drawRect(rect.adjusted(0.5, 0.5, -0.5, -0.5));
    painter->restore();
}

void MonitorStyle::paintGlyph(QPainter *painter, const QRectF &rect, BarKind kind, const QColor &color)
{
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing, true);
    const qreal w = qMax<qreal>(1.2, rect.width() / 7.0);
    QPen pen(color, w, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin);
    painter->setPen(pen);
    painter->setBrush(Qt::NoBrush);
    const QRectF r = rect.adjusted(rect.width() * 0.12, rect.height() * 0.12, -rect.width() * 0.12, -rect.height() * 0.12);
    auto at = [&r](qreal x, qreal y) { return QPointF(r.left() + r.width() * x, r.top() + r.height() * y); };
    switch (kind) {
    case BarKind::Running: {
        QPolygonF play;
        play << at(0.2, 0.1) << at(0.9, 0.5) << at(0.2, 0.9);
        painter->setBrush(color);
        painter->drawPolygon(play);
        break;
    }
    case BarKind::Succeeded: {
        QPolygonF check;
        check << at(0.08, 0.55) << at(0.38, 0.85) << at(0.92, 0.18);
        painter->drawPolyline(check);
        break;
    }
    case BarKind::TechnicalFailure:
    case BarKind::CompensationFailed:
        painter->drawLine(at(0.15, 0.15), at(0.85, 0.85));
        painter->drawLine(at(0.85, 0.15), at(0.15, 0.85));
        break;
    case BarKind::Timeout:
        painter->drawEllipse(r);
        painter->drawLine(at(0.5, 0.5), at(0.5, 0.2));
        painter->drawLine(at(0.5, 0.5), at(0.72, 0.62));
        break;
    case BarKind::BusinessFailure:
        painter->drawEllipse(r);
        painter->drawLine(at(0.2, 0.2), at(0.8, 0.8));
        break;
    case BarKind::Backoff: {
        QPolygonF glass;
        glass << at(0.2, 0.1) << at(0.8, 0.1) << at(0.2, 0.9) << at(0.8, 0.9) << at(0.2, 0.1);
        painter->drawPolyline(glass);
        break;
    }
    case BarKind::Compensating:
    case BarKind::Compensated:
        drawUndoArrow(painter, r);
        break;
    }
    painter->restore();
}

QColor MonitorStyle::statusColor(InstanceStatus status) const
{
    switch (status) {
    case InstanceStatus::Running: return color(BarKind::Running);
    case InstanceStatus::Completed: return OkabeGreen;
    case InstanceStatus::Compensated: return OkabePurple;
    case InstanceStatus::Stuck: return OkabeVermillion;
    }
    return m_palette.color(QPalette::Text);
}

QString MonitorStyle::statusName(InstanceStatus status)
{
    switch (status) {
    case InstanceStatus::Running: return tr("Running");
    case InstanceStatus::Completed: return tr("Completed");
    case InstanceStatus::Compensated: return tr("Compensated");
    case InstanceStatus::Stuck: return tr("Stuck");
    }
    return {};
}

void MonitorStyle::paintStatusGlyph(QPainter *painter, const QRectF &rect, InstanceStatus status) const
{
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing, true);
    const QColor c = m_dark ? statusColor(status).lighter(115) : statusColor(status).darker(110);
    const qreal w = qMax<qreal>(1.5, rect.width() / 8.0);
    painter->setPen(QPen(c, w, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
    painter->setBrush(Qt::NoBrush);
    const QRectF r = rect.adjusted(w, w, -w, -w);
    auto at = [&r](qreal x, qreal y) { return QPointF(r.left() + r.width() * x, r.top() + r.height() * y); };
    switch (status) {
    case InstanceStatus::Running:
        painter->drawArc(r, 90 * 16, -270 * 16); // an open ring: still going
        painter->setBrush(c);
        painter->drawEllipse(QRectF(at(0.38, 0.38), at(0.62, 0.62)));
        break;
    case InstanceStatus::Completed: {
        painter->setBrush(c);
        painter->setPen(Qt::NoPen);
        painter->drawEllipse(r);
        painter->setPen(QPen(textOn(c), w, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
        QPolygonF check;
        check << at(0.25, 0.52) << at(0.44, 0.72) << at(0.76, 0.3);
        painter->drawPolyline(check);
        break;
    }
    case InstanceStatus::Compensated:
        drawUndoArrow(painter, r);
        break;
    case InstanceStatus::Stuck: {
        QPolygonF triangle;
        triangle << at(0.5, 0.02) << at(1.0, 0.95) << at(0.0, 0.95);
        painter->setBrush(c);
        painter->drawPolygon(triangle);
        painter->setPen(QPen(textOn(c), w, Qt::SolidLine, Qt::RoundCap));
        painter->drawLine(at(0.5, 0.35), at(0.5, 0.62));
        painter->drawPoint(at(0.5, 0.8));
        break;
    }
    }
    painter->restore();
}

QIcon MonitorStyle::statusIcon(InstanceStatus status, int size) const
{
    auto render = [&](const MonitorStyle &style) {
        QPixmap pixmap(size * 2, size * 2);
        pixmap.setDevicePixelRatio(2.0);
        pixmap.fill(Qt::transparent);
        QPainter painter(&pixmap);
        style.paintStatusGlyph(&painter, QRectF(1, 1, size - 2, size - 2), status);
        painter.end();
        return pixmap;
    };
    QIcon icon(render(*this));
    // On a selected row: drawn as on a dark background, so that the glyph stays bright.
    QPalette selected = m_palette;
    selected.setColor(QPalette::Window, m_palette.color(QPalette::Highlight).darker(200));
    selected.setColor(QPalette::Base, m_palette.color(QPalette::Highlight));
    icon.addPixmap(render(MonitorStyle(selected)), QIcon::Selected);
    return icon;
}

std::optional<BarKind> MonitorStyle::kindOf(StepPhase phase)
{
    switch (phase) {
    case StepPhase::Pending: return std::nullopt;
    case StepPhase::Running: return BarKind::Running;
    case StepPhase::Retrying: return BarKind::Backoff;
    case StepPhase::Succeeded: return BarKind::Succeeded;
    case StepPhase::FailedTechnical: return BarKind::TechnicalFailure;
    case StepPhase::FailedTimeout: return BarKind::Timeout;
    case StepPhase::FailedBusiness: return BarKind::BusinessFailure;
    case StepPhase::Compensating: return BarKind::Compensating;
    case StepPhase::Compensated: return BarKind::Compensated;
    case StepPhase::CompensationRetrying:
    case StepPhase::Stuck: return BarKind::CompensationFailed;
    }
    return std::nullopt;
}

BarKind MonitorStyle::kindForEvent(const TraceEvent &event)
{
    auto failed = [&event](BarKind technical) {
        switch (event.failure) {
        case FailureKind::Timeout: return BarKind::Timeout;
        case FailureKind::Business: return BarKind::BusinessFailure;
        default: return technical;
        }
    };
    switch (event.event) {
    case TraceEventType::SagaStarted:
    case TraceEventType::StepStarted: return BarKind::Running;
    case TraceEventType::StepSucceeded:
    case TraceEventType::SagaCompleted: return BarKind::Succeeded;
    case TraceEventType::StepFailed: return failed(BarKind::TechnicalFailure);
    case TraceEventType::RetryScheduled: return BarKind::Backoff;
    case TraceEventType::CompensationStarted: return BarKind::Compensating;
    case TraceEventType::CompensationSucceeded:
    case TraceEventType::SagaCompensated: return BarKind::Compensated;
    case TraceEventType::CompensationFailed: return BarKind::CompensationFailed;
    case TraceEventType::SagaStuck: return BarKind::BusinessFailure;
    case TraceEventType::EventPublished:
    case TraceEventType::EventDelivered: return BarKind::Running;
    case TraceEventType::PrepareSent:
    case TraceEventType::Voted:
    case TraceEventType::Decided:
    case TraceEventType::CommitApplied:
    case TraceEventType::AbortApplied:
    case TraceEventType::LockAcquired:
    case TraceEventType::LockReleased:
    case TraceEventType::InDoubt:
        break; // two-phase commit: drawn as running until the GUI shows the protocol
    case TraceEventType::SagaResumed:
        break; // a person resumed a stuck instance: it runs again
    }
    return BarKind::Running;
}

QIcon MonitorStyle::eventIcon(const TraceEvent &event, int size) const
{
    // The normal pixmap in the outcome's colour; a selected row gets the glyph in the
    // highlighted text colour, which always reads on the highlight.
    auto render = [&](const QColor *override) {
        QPixmap pixmap(size * 2, size * 2);
        pixmap.setDevicePixelRatio(2.0);
        pixmap.fill(Qt::transparent);
        QPainter painter(&pixmap);
        const QRectF r(0.5, 0.5, size - 1, size - 1);
        if (event.event == TraceEventType::SagaStuck && !override) {
            paintStatusGlyph(&painter, r, InstanceStatus::Stuck);
        } else {
            const BarKind kind = event.event == TraceEventType::SagaStuck ? BarKind::BusinessFailure : kindForEvent(event);
            QColor c = kind == BarKind::Backoff ? ink(kind)
                : m_dark                        ? color(kind).lighter(110)
                                                : color(kind).darker(kind == BarKind::Timeout ? 185 : 125);
            paintGlyph(&painter, r, kind, override ? *override : c);
        }
        painter.end();
        return pixmap;
    };
    QIcon icon(render(nullptr));
    const QColor highlighted = m_palette.color(QPalette::HighlightedText);
    icon.addPixmap(render(&highlighted), QIcon::Selected);
    return icon;
}

} // namespace Sagascope
