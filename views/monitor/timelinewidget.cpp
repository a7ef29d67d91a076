// SPDX-License-Identifier: MIT
#include "timelinewidget.h"

#include <QEvent>
#include <QSet>
#include <QHelpEvent>
#include <QKeyEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QPainterPath>
#include <QToolTip>
#include <QWheelEvent>

#include <cmath>

namespace Sagascope {

namespace {

constexpr int Margin = 8;
constexpr int LegendSwatch = 22;

int headerHeight(const QFontMetrics &fm) { return fm.height() + 10; }
int legendHeight(const QFontMetrics &fm) { return fm.height() + 8; }
int axisHeight(const QFontMetrics &fm) { return fm.height() + 10; }
int markerHeight(const QFontMetrics &fm) { return 2 * (fm.height() + 4) + 4; }
int rowHeight(const QFontMetrics &fm) { return qMax(30, fm.height() + 18); }

BarKind outcomeKind(FailureKind failure, bool compensation)
{
    if (compensation)
        return failure == FailureKind::None ? BarKind::Compensated : BarKind::CompensationFailed;
    switch (failure) {
    case FailureKind::None: return BarKind::Succeeded;
    case FailureKind::Technical: return BarKind::TechnicalFailure;
    case FailureKind::Timeout: return BarKind::Timeout;
    case FailureKind::Business: return BarKind::BusinessFailure;
    }
    return BarKind::TechnicalFailure;
}

} // namespace

TimelineWidget::TimelineWidget(QWidget *parent)
    : QWidget(parent)
{
    setFocusPolicy(Qt::StrongFocus);
    setMouseTracking(false);
    setBackgroundRole(QPalette::Base);
    setAutoFillBackground(true);
    setAccessibleName(tr("Timeline"));
}

void TimelineWidget::setDefinition(const SagaDefinition &definition)
{
    m_rows.clear();
    QSet<StepId> seen;
    for (const Step &step : definition.steps) {
        if (seen.contains(step.id))
            continue;
        seen.insert(step.id);
        m_rows.append({step.id, step.displayName(), step.kind});
    }
    clear();
    updateGeometry();
}

void TimelineWidget::clear()
{
    m_selected = -1;
    m_selectedAttempt.reset();
    m_deliveries.clear();
    m_instance = InstanceRunState();
    m_hasInstance = false;
    m_spans.clear();
    m_now = 0;
    m_fit = true;
    updateLayout();
    update();
}

void TimelineWidget::setInstance(const RunState &state, const QString &instance, const QList<TraceEvent> &events)
{
    const InstanceRunState *current = state.instance(instance);
    if (!current) {
        clear();
        return;
    }
    const bool other = m_instance.id != instance;
    m_instance = *current;
    m_hasInstance = true;
    m_now = current->isFinished() ? current->endedAt : qMax(state.lastT(), current->lastT);
    m_spans = spans(state, events, m_now);
    m_deliveries = deliveries(state, events);
    if (other)
        m_fit = true;
    m_selected = -1;
    if (other)
        m_selectedAttempt.reset();
    else if (m_selectedAttempt)
        selectAttempt(m_selectedAttempt->step, m_selectedAttempt->compensation, m_selectedAttempt->attempt);
    updateLayout();
    update();
}

QList<TimelineDelivery> TimelineWidget::deliveries(const RunState &state, const QList<TraceEvent> &events)
{
    QList<TimelineDelivery> out;
    for (const TraceEvent &event : events) {
        if (event.event != TraceEventType::EventDelivered)
            continue;
        const int s = state.stepIndex(event.step);
        if (s >= 0)
            out.append({s, event.t, event.eventType, event.toCompensation});
    }
    return out;
}

QList<TimelineSpan> TimelineWidget::spans(const RunState &state, const QList<TraceEvent> &events, qint64 now)
{
    QList<TimelineSpan> out;
    std::vector<int> openAction(size_t(state.stepCount()), -1);
    std::vector<int> openCompensation(size_t(state.stepCount()), -1);
    qint64 endedAt = -1;
    for (const TraceEvent &event : events) {
        if (event.isFinal()) {
            endedAt = event.t;
            continue;
        }
        const int s = event.step.isEmpty() ? -1 : state.stepIndex(event.step);
        if (s < 0)
            continue;
        const bool compensation = event.event == TraceEventType::CompensationStarted
            || event.event == TraceEventType::CompensationSucceeded || event.event == TraceEventType::CompensationFailed;
        int &open = compensation ? openCompensation[size_t(s)] : openAction[size_t(s)];
        switch (event.event) {
        case TraceEventType::StepStarted:
        case TraceEventType::CompensationStarted: {
            TimelineSpan span;
            span.step = s;
            span.kind = compensation ? BarKind::Compensating : BarKind::Running;
            span.attempt = event.attempt;
            span.start = span.end = event.t;
            span.open = true;
            open = int(out.size());
            out.append(span);
            break;
        }
        case TraceEventType::StepSucceeded:
        case TraceEventType::StepFailed:
        case TraceEventType::CompensationSucceeded:
        case TraceEventType::CompensationFailed: {
            if (open < 0) { // the start is not in these events (a log read from the middle)
                TimelineSpan span;
                span.step = s;
                span.attempt = event.attempt;
                span.start = event.t;
                open = int(out.size());
                out.append(span);
            }
            TimelineSpan &span = out[open];
            span.end = event.t;
            span.open = false;
            span.kind = outcomeKind(event.failure, compensation);
            span.reason = event.reason;
            open = -1;
            break;
        }
        case TraceEventType::RetryScheduled: {
            TimelineSpan span;
            span.step = s;
            span.kind = BarKind::Backoff;
            span.attempt = event.attempt;
            span.start = event.t;
            span.end = event.t + qMax<qint64>(0, event.delayMs);
            out.append(span);
            break;
        }
        default:
            break;
        }
    }
    for (TimelineSpan &span : out) {
        if (span.open)
            span.end = qMax(span.start, now);
        else if (span.kind == BarKind::Backoff && endedAt >= 0 && span.end > endedAt)
            span.end = qMax(span.start, endedAt); // the saga ended first: that retry never ran
    }
    return out;
}

QString TimelineWidget::kindCaption(StepKind kind)
{
    switch (kind) {
    case StepKind::Pivot: return tr("pivot");
    case StepKind::Retriable: return tr("retriable");
    case StepKind::Compensatable: break;
    }
    return QString();
}

qint64 TimelineWidget::rangeStart() const
{
    return m_hasInstance ? m_instance.startedAt : 0;
}

qint64 TimelineWidget::rangeEnd() const
{
    qint64 end = m_hasInstance ? qMax(m_now, m_instance.lastT) : 0;
    for (const TimelineSpan &span : m_spans)
        end = qMax(end, span.end);
    return qMax(end, rangeStart() + 1);
}

QRectF TimelineWidget::plotRect() const
{
    const QFontMetrics fm = fontMetrics();
    const qreal top = Margin + headerHeight(fm) + legendHeight(fm) + axisHeight(fm);
    const qreal left = Margin + m_labelWidth;
    const qreal right = qMax<qreal>(left + 20, width() - Margin - 12);
    return QRectF(left, top, right - left, qreal(m_rows.size()) * rowHeight(fm));
}

QRectF TimelineWidget::rowRect(int step) const
{
    const QRectF plot = plotRect();
    const qreal h = rowHeight(fontMetrics());
    return QRectF(plot.left(), plot.top() + step * h, plot.width(), h);
}

qreal TimelineWidget::xForTime(qint64 t) const
{
    return plotRect().left() + qreal(t - visibleStart()) / msPerPixel();
}

void TimelineWidget::updateLayout()
{
    const QFontMetrics fm = fontMetrics();
    QFont small = font();
    small.setPointSizeF(font().pointSizeF() * 0.85);
    const QFontMetrics smallFm(small);
    int widest = fm.horizontalAdvance(tr("Step"));
    for (const Row &row : std::as_const(m_rows))
        widest = qMax(widest, fm.horizontalAdvance(row.label) + smallFm.horizontalAdvance(kindCaption(row.kind)) + 8);
    m_labelWidth = qBound(100, widest + 24, 300);
    if (m_fit)
        zoomToFit();
}

qreal TimelineWidget::fittedMsPerPixel() const
{
    const qreal width = qMax<qreal>(10, plotRect().width());
    // A little room after the last bar for its glyph.
    return qMax<qreal>(1e-3, qreal(rangeEnd() - rangeStart()) / (width * 0.97));
}

qint64 TimelineWidget::visibleStart() const
{
    return m_fit ? rangeStart() : m_viewStart;
}

qreal TimelineWidget::msPerPixel() const
{
    return m_fit ? fittedMsPerPixel() : m_msPerPixel;
}

void TimelineWidget::zoomToFit()
{
    m_fit = true;
    m_viewStart = rangeStart();
    m_msPerPixel = fittedMsPerPixel();
    update();
}

void TimelineWidget::setVisibleRange(qint64 from, qint64 to)
{
    m_fit = false;
    m_viewStart = from;
    m_msPerPixel = qMax<qreal>(1e-3, qreal(qMax<qint64>(1, to - from)) / qMax<qreal>(10, plotRect().width()));
    update();
}

QList<TimelineBar> TimelineWidget::bars() const
{
    QList<TimelineBar> out;
    out.reserve(m_spans.size());
    const int h = rowHeight(fontMetrics());
    const qreal barHeight = h - 12;
    for (const TimelineSpan &span : m_spans) {
        const QRectF row = rowRect(span.step);
        const qreal x0 = xForTime(span.start);
        const qreal x1 = qMax(xForTime(span.end), x0 + 3.0); // an instant is still visible
        TimelineBar bar;
        bar.rect = QRectF(x0, row.top() + (h - barHeight) / 2.0, x1 - x0, barHeight);
        bar.kind = span.kind;
        bar.step = span.step;
        bar.attempt = span.attempt;
        bar.start = span.start;
        bar.end = span.end;
        out.append(bar);
    }
    return out;
}

QSize TimelineWidget::sizeHint() const
{
    const QFontMetrics fm = fontMetrics();
    const int rows = qMax<int>(3, int(m_rows.size()));
    return QSize(900, Margin * 2 + headerHeight(fm) + legendHeight(fm) + axisHeight(fm) + rows * rowHeight(fm)
                          + markerHeight(fm));
}

QSize TimelineWidget::minimumSizeHint() const
{
    const QFontMetrics fm = fontMetrics();
    return QSize(360, Margin * 2 + headerHeight(fm) + legendHeight(fm) + axisHeight(fm) + 2 * rowHeight(fm));
}

qint64 TimelineWidget::tickStepFor(qreal msPerPixel, int minPixels)
{
    const qreal minMs = msPerPixel * minPixels;
    qint64 magnitude = 1;
    while (true) {
        for (const qint64 m : {1, 2, 5}) {
            if (qreal(m * magnitude) >= minMs)
                return m * magnitude;
        }
        if (magnitude > std::numeric_limits<qint64>::max() / 20)
            return magnitude;
        magnitude *= 10;
    }
}

QString TimelineWidget::formatTime(qint64 ms, qint64 tickStep)
{
    if (tickStep < 1000)
        return tr("%L1 ms").arg(ms);
    if (tickStep < 60000 || ms < 60000)
        return tr("%L1 s").arg(double(ms) / 1000.0, 0, 'f', tickStep % 1000 == 0 ? 0 : 1);
    return tr("%1 min %2 s").arg(ms / 60000).arg((ms % 60000) / 1000);
}

QString TimelineWidget::barText(const TimelineSpan &span) const
{
    switch (span.kind) {
    case BarKind::Backoff: return tr("wait %L1 ms").arg(span.end - span.start);
    case BarKind::Timeout: return tr("#%1 timeout").arg(span.attempt);
    case BarKind::TechnicalFailure: return tr("#%1 error").arg(span.attempt);
    case BarKind::BusinessFailure: return tr("#%1 refused").arg(span.attempt);
    case BarKind::Compensated: return tr("undo #%1").arg(span.attempt);
    case BarKind::Compensating: return tr("undoing #%1").arg(span.attempt);
    case BarKind::CompensationFailed: return tr("undo #%1 failed").arg(span.attempt);
    case BarKind::Running:
    case BarKind::Succeeded: break;
    }
    return tr("#%1").arg(span.attempt);
}

QString TimelineWidget::tooltipFor(const TimelineSpan &span) const
{
    const QString step = span.step >= 0 && span.step < m_rows.size() ? m_rows.at(span.step).id : QString();
    QString what;
    if (span.kind == BarKind::Backoff)
        what = tr("%1: backoff before attempt %2").arg(step).arg(span.attempt + 1);
    else if (span.kind == BarKind::Compensating || span.kind == BarKind::Compensated
             || span.kind == BarKind::CompensationFailed)
        what = tr("%1: compensation, attempt %2").arg(step).arg(span.attempt);
    else
        what = tr("%1: attempt %2").arg(step).arg(span.attempt);
    QString text = what + QLatin1Char('\n') + MonitorStyle::name(span.kind);
    if (!span.reason.isEmpty())
        text += tr(": %1").arg(span.reason);
    text += QLatin1Char('\n')
        + (span.open ? tr("%L1 ms → now (%L2 ms so far)").arg(span.start).arg(span.end - span.start)
                     : tr("%L1 ms → %L2 ms (%L3 ms)").arg(span.start).arg(span.end).arg(span.end - span.start));
    return text;
}

void TimelineWidget::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    painter.setRenderHint(QPainter::TextAntialiasing);
    const MonitorStyle style(palette());
    paintHeader(painter, style);
    if (m_rows.isEmpty())
        return;
    paintLegend(painter, style);
    paintRows(painter, style);
    paintAxis(painter, style);
    painter.save();
    painter.setClipRect(plotRect().adjusted(0, 0, 10, markerHeight(fontMetrics())));
    paintBars(painter, style);
    paintMarkers(painter, style);
    paintStuckSteps(painter, style);
    paintDeliveries(painter, style);
    paintSelection(painter);
    painter.restore();
}

void TimelineWidget::paintSelection(QPainter &painter)
{
    if (m_selected < 0 || m_selected >= m_spans.size())
        return;
    const QRectF rect = bars().at(m_selected).rect.adjusted(-2.5, -2.5, 2.5, 2.5);
    painter.save();
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setBrush(Qt::NoBrush);
    painter.setPen(QPen(palette().color(QPalette::Highlight), 2.0));
    painter.drawRoundedRect(rect, 3, 3);
    if (hasFocus()) { // the keyboard's place: a second, dotted line inside
        painter.setPen(QPen(palette().color(QPalette::Text), 1.0, Qt::DotLine));
        painter.drawRoundedRect(rect.adjusted(3, 3, -3, -3), 2, 2);
    }
    painter.restore();
}

int TimelineWidget::attemptSpan(int index) const
{
    if (index < 0 || index >= m_spans.size())
        return -1;
    if (m_spans.at(index).kind != BarKind::Backoff)
        return index;
    for (int k = index - 1; k >= 0; --k) { // the attempt whose failure scheduled this retry
        if (m_spans.at(k).step == m_spans.at(index).step && m_spans.at(k).kind != BarKind::Backoff)
            return k;
    }
    return -1;
}

void TimelineWidget::selectSpan(int index, bool notify)
{
    m_selected = attemptSpan(index);
    if (m_selected < 0) {
        m_selectedAttempt.reset();
    } else {
        const TimelineSpan &span = m_spans.at(m_selected);
        m_selectedAttempt = SelectedAttempt{m_rows.at(span.step).id, isCompensationKind(span.kind), span.attempt};
    }
    update();
    if (notify && m_selectedAttempt)
        Q_EMIT attemptSelected(m_selectedAttempt->step, m_selectedAttempt->compensation, m_selectedAttempt->attempt);
}

bool TimelineWidget::selectAttempt(const StepId &step, bool compensation, int attempt)
{
    for (int i = 0; i < m_spans.size(); ++i) {
        const TimelineSpan &span = m_spans.at(i);
        if (span.kind != BarKind::Backoff && span.attempt == attempt && isCompensationKind(span.kind) == compensation
            && span.step >= 0 && span.step < m_rows.size() && m_rows.at(span.step).id == step) {
            selectSpan(i, false);
            return true;
        }
    }
    m_selected = -1;
    m_selectedAttempt = SelectedAttempt{step, compensation, attempt}; // it may start later
    update();
    return false;
}

void TimelineWidget::mousePressEvent(QMouseEvent *event)
{
    if (event->button() == Qt::LeftButton) {
        const QList<TimelineBar> all = bars();
        for (qsizetype i = all.size() - 1; i >= 0; --i) {
            if (all.at(i).rect.adjusted(-2, -2, 2, 2).contains(event->position())) {
                selectSpan(int(i), true);
                return;
            }
        }
    }
    QWidget::mousePressEvent(event);
}

void TimelineWidget::paintDeliveries(QPainter &painter, const MonitorStyle &style)
{
    if (m_deliveries.isEmpty())
        return;
    painter.save();
    painter.setRenderHint(QPainter::Antialiasing);
    QFont small = font();
    small.setPointSizeF(small.pointSizeF() * 0.8);
    painter.setFont(small);
    const QFontMetricsF fm(small);
    qreal lastLabelEnd = -1e9;
    int lastRow = -1;
    for (const TimelineDelivery &d : std::as_const(m_deliveries)) {
        const QRectF row = rowRect(d.step);
        const qreal x = xForTime(d.t);
        // An envelope's flap: a small triangle pointing into the row, where the event arrived.
        const QColor color = style.color(d.toCompensation ? BarKind::Compensated : BarKind::Running);
        QPolygonF mark;
        mark << QPointF(x - 5, row.top() + 1) << QPointF(x + 5, row.top() + 1) << QPointF(x, row.top() + 8);
        painter.setPen(QPen(palette().color(QPalette::Base), 1));
        painter.setBrush(color);
        painter.drawPolygon(mark);
        // Its name, where there is room beside the one before on the same row.
        const qreal w = fm.horizontalAdvance(d.event);
        if (d.step != lastRow || x + 7 > lastLabelEnd) {
            painter.setPen(palette().color(QPalette::Text));
            painter.drawText(QPointF(x + 7, row.top() + fm.ascent()), d.event);
            lastLabelEnd = x + 7 + w + 4;
            lastRow = d.step;
        }
    }
    painter.restore();
}

void TimelineWidget::paintHeader(QPainter &painter, const MonitorStyle &style)
{
    const QFontMetrics fm = fontMetrics();
    const QRectF header(Margin, Margin, width() - 2 * Margin, headerHeight(fm));
    painter.setPen(palette().color(QPalette::Text));
    if (!m_hasInstance) {
        painter.setPen(palette().color(QPalette::PlaceholderText));
        painter.drawText(header, Qt::AlignLeft | Qt::AlignVCenter,
                         m_rows.isEmpty() ? tr("No saga") : tr("Select an instance to see its timeline"));
        return;
    }
    const qreal glyph = fm.height();
    style.paintStatusGlyph(&painter, QRectF(header.left(), header.center().y() - glyph / 2, glyph, glyph),
                           m_instance.status);
    QFont bold = font();
    bold.setBold(true);
    painter.setFont(bold);
    const QString title = tr("%1 · %2").arg(MonitorStyle::statusName(m_instance.status), m_instance.id);
    QRectF textRect = header.adjusted(glyph + 6, 0, 0, 0);
    QRectF used;
    painter.drawText(textRect, Qt::AlignLeft | Qt::AlignVCenter, title, &used);
    painter.setFont(font());
    const qint64 duration = m_instance.duration(m_now);
    QString detail = m_instance.isFinished() ? tr("%L1 ms").arg(duration) : tr("%L1 ms so far").arg(duration);
    if (!m_instance.reason.isEmpty())
        detail += tr(" — %1").arg(m_instance.reason);
    painter.setPen(palette().color(QPalette::PlaceholderText));
    const QRectF rest = textRect.adjusted(used.width() + 12, 0, 0, 0);
    painter.drawText(rest, Qt::AlignLeft | Qt::AlignVCenter, fm.elidedText(detail, Qt::ElideRight, int(rest.width())));
}

void TimelineWidget::paintLegend(QPainter &painter, const MonitorStyle &style)
{
    const QFontMetrics fm = fontMetrics();
    const qreal top = Margin + headerHeight(fm);
    bool present[BarKindCount] = {};
    for (const TimelineSpan &span : std::as_const(m_spans))
        present[int(span.kind)] = true;
    qreal x = Margin;
    const qreal h = legendHeight(fm);
    const qreal swatchH = qMin<qreal>(12, h - 6);
    for (int k = 0; k < BarKindCount; ++k) {
        if (!present[k])
            continue;
        const auto kind = BarKind(k);
        const QString text = MonitorStyle::name(kind);
        const qreal w = LegendSwatch + 5 + fm.horizontalAdvance(text) + 14;
        if (x + w > width() - Margin)
            break;
        const QRectF swatch(x, top + (h - swatchH) / 2, LegendSwatch, swatchH);
        style.paintBar(&painter, swatch, kind);
        painter.setPen(palette().color(QPalette::Text));
        painter.drawText(QRectF(swatch.right() + 5, top, w, h), Qt::AlignLeft | Qt::AlignVCenter, text);
        x += w;
    }
}

void TimelineWidget::paintRows(QPainter &painter, const MonitorStyle &style)
{
    const QFontMetrics fm = fontMetrics();
    const QRectF plot = plotRect();
    const QColor base = palette().color(QPalette::Base);
    const QColor alternate = MonitorStyle::mix(base, palette().color(QPalette::Text), 0.035);
    const QColor line = MonitorStyle::mix(base, palette().color(QPalette::Text), 0.12);
    QFont small = font();
    small.setPointSizeF(font().pointSizeF() * 0.85);
    const QFontMetrics smallFm(small);
    for (int s = 0; s < m_rows.size(); ++s) {
        const QRectF row = rowRect(s);
        const QRectF full(Margin, row.top(), width() - 2 * Margin, row.height());
        painter.fillRect(full, s % 2 ? alternate : base);
        if (m_rows.at(s).kind == StepKind::Pivot) // the point of no return: a rule under the row
            painter.fillRect(QRectF(full.left(), row.bottom() - 2, full.width(), 2),
                             MonitorStyle::mix(base, style.color(BarKind::Running), 0.5));
        const Row &r = m_rows.at(s);
        const QRectF labelRect(Margin + 6, row.top(), m_labelWidth - 12, row.height());
        const QString kind = kindCaption(r.kind);
        painter.setPen(palette().color(QPalette::Text));
        const qreal kindWidth = kind.isEmpty() ? 0 : smallFm.horizontalAdvance(kind) + 8;
        painter.drawText(labelRect.adjusted(0, 0, -kindWidth, 0), Qt::AlignLeft | Qt::AlignVCenter,
                         fm.elidedText(r.label, Qt::ElideRight, int(labelRect.width() - kindWidth)));
        if (!kind.isEmpty()) {
            painter.setFont(small);
            painter.setPen(palette().color(QPalette::PlaceholderText));
            painter.drawText(labelRect, Qt::AlignRight | Qt::AlignVCenter, kind);
            painter.setFont(font());
        }
    }
    painter.setPen(QPen(line, 1));
    painter.drawLine(QPointF(plot.left() - 0.5, plot.top()), QPointF(plot.left() - 0.5, plot.bottom()));
    painter.drawLine(QPointF(Margin, plot.bottom() + 0.5), QPointF(width() - Margin, plot.bottom() + 0.5));
}

void TimelineWidget::paintAxis(QPainter &painter, const MonitorStyle &)
{
    const QFontMetrics fm = fontMetrics();
    const QRectF plot = plotRect();
    const qreal axisTop = plot.top() - axisHeight(fm);
    const QColor text = palette().color(QPalette::Text);
    const QColor grid = MonitorStyle::mix(palette().color(QPalette::Base), text, 0.10);
    const qint64 viewStart = visibleStart();
    const qreal scale = msPerPixel();
    const qint64 step = tickStepFor(scale, qMax(70, fm.horizontalAdvance(QStringLiteral("00,000 ms")) + 16));
    const qint64 viewEnd = viewStart + qint64(std::ceil(plot.width() * scale));
    qint64 t = (viewStart / step) * step;
    if (t < viewStart)
        t += step;
    painter.setPen(QPen(MonitorStyle::mix(palette().color(QPalette::Base), text, 0.3), 1));
    painter.drawLine(QPointF(plot.left(), plot.top() - 0.5), QPointF(plot.right(), plot.top() - 0.5));
    for (; t <= viewEnd; t += step) {
        const qreal x = std::round(xForTime(t)) + 0.5;
        painter.setPen(QPen(grid, 1));
        painter.drawLine(QPointF(x, plot.top()), QPointF(x, plot.bottom()));
        painter.setPen(QPen(MonitorStyle::mix(palette().color(QPalette::Base), text, 0.5), 1));
        painter.drawLine(QPointF(x, plot.top() - 5), QPointF(x, plot.top()));
        painter.setPen(palette().color(QPalette::PlaceholderText));
        const QString label = formatTime(t, step);
        const qreal w = fm.horizontalAdvance(label);
        painter.drawText(QRectF(x - w / 2 - 2, axisTop, w + 4, axisHeight(fm) - 6), Qt::AlignCenter, label);
    }
    painter.setPen(palette().color(QPalette::PlaceholderText));
    painter.drawText(QRectF(Margin + 6, axisTop, m_labelWidth - 12, axisHeight(fm) - 6), Qt::AlignLeft | Qt::AlignVCenter,
                     tr("Step"));
}

void TimelineWidget::paintBars(QPainter &painter, const MonitorStyle &style)
{
    const QList<TimelineBar> all = bars();
    const QFontMetrics fm = fontMetrics();
    for (int i = 0; i < all.size(); ++i) {
        const TimelineBar &bar = all.at(i);
        style.paintBar(&painter, bar.rect, bar.kind);
        // Glyph and text inside the bar where they fit; the glyph alone otherwise.
        const qreal g = qMin<qreal>(bar.rect.height() - 6, 14);
        const QString text = barText(m_spans.at(i));
        const qreal textWidth = fm.horizontalAdvance(text);
        const QColor ink = bar.kind == BarKind::Backoff || bar.kind == BarKind::Running
                || bar.kind == BarKind::Compensating
            ? style.ink(bar.kind)
            : MonitorStyle::textOn(style.fill(bar.kind));
        if (bar.rect.width() >= g + textWidth + 14) {
            // A plate under the text keeps it legible over the pattern.
            const QRectF content(bar.rect.left() + 4, bar.rect.top() + 3, g + 4 + textWidth + 4, bar.rect.height() - 6);
            if (MonitorStyle::pattern(bar.kind) != Qt::NoBrush) {
                QColor plate = style.fill(bar.kind);
                plate.setAlphaF(0.85f);
                painter.fillRect(content, plate);
            }
            const QRectF glyph(content.left() + 2, bar.rect.center().y() - g / 2, g, g);
            if (bar.kind != BarKind::Backoff)
                MonitorStyle::paintGlyph(&painter, glyph, bar.kind, ink);
            painter.setPen(ink);
            const qreal textLeft = bar.kind == BarKind::Backoff ? content.left() + 2 : glyph.right() + 4;
            painter.drawText(QRectF(textLeft, bar.rect.top(), textWidth + 2, bar.rect.height()),
                             Qt::AlignLeft | Qt::AlignVCenter, text);
        } else if (bar.rect.width() >= g + 4 && bar.kind != BarKind::Backoff) {
            MonitorStyle::paintGlyph(&painter, QRectF(bar.rect.center().x() - g / 2, bar.rect.center().y() - g / 2, g, g),
                                     bar.kind, ink);
        } else if (bar.kind != BarKind::Backoff && bar.kind != BarKind::Succeeded && bar.kind != BarKind::Compensated) {
            // Too narrow: the glyph goes right of the bar, in the row's text colour.
            MonitorStyle::paintGlyph(&painter, QRectF(bar.rect.right() + 2, bar.rect.center().y() - g / 2, g, g),
                                     bar.kind, style.ink(bar.kind == BarKind::Timeout ? BarKind::Running : bar.kind));
        }
    }
}

void TimelineWidget::paintStuckSteps(QPainter &painter, const MonitorStyle &style)
{
    // The steps a person must look at: a warning sign after the row's last bar.
    if (!m_hasInstance || m_instance.status != InstanceStatus::Stuck)
        return;
    const QList<TimelineBar> all = bars();
    const qreal g = qMin<qreal>(rowHeight(fontMetrics()) - 12, 16);
    for (int s = 0; s < int(m_instance.steps.size()) && s < m_rows.size(); ++s) {
        if (m_instance.steps[size_t(s)].phase != StepPhase::Stuck)
            continue;
        qreal right = plotRect().left();
        for (const TimelineBar &bar : all) {
            if (bar.step == s)
                right = qMax(right, bar.rect.right());
        }
        const QRectF row = rowRect(s);
        style.paintStatusGlyph(&painter, QRectF(right + 3, row.center().y() - g / 2, g, g), InstanceStatus::Stuck);
    }
}

void TimelineWidget::paintMarkers(QPainter &painter, const MonitorStyle &style)
{
    if (!m_hasInstance)
        return;
    const QFontMetrics fm = fontMetrics();
    const QRectF plot = plotRect();
    struct Marker
    {
        qint64 t;
        QString label;
        QColor color;
        Qt::PenStyle pen;
    };
    QList<Marker> markers;
    const QColor text = palette().color(QPalette::Text);
    if (m_instance.pivotCommitted)
        markers.append({m_instance.pivotCommittedAt, tr("◆ pivot committed"), style.color(BarKind::Running), Qt::SolidLine});
    if (m_instance.rollingBack)
        markers.append({m_instance.rollbackStartedAt, tr("↶ rollback"), style.color(BarKind::Compensated), Qt::DashLine});
    if (m_instance.isFinished())
        markers.append({m_instance.endedAt, MonitorStyle::statusName(m_instance.status).toLower(),
                        style.statusColor(m_instance.status), Qt::DotLine});
    else
        markers.append({m_now, tr("now"), text, Qt::SolidLine});
    // Labels under the plot, in two lanes so that markers close together do not overlap.
    qreal laneEnd[2] = {-1e9, -1e9};
    for (const Marker &marker : std::as_const(markers)) {
        const qreal x = std::round(xForTime(marker.t)) + 0.5;
        QColor line = style.isDark() ? marker.color.lighter(120) : marker.color.darker(115);
        painter.setPen(QPen(line, 1.5, marker.pen));
        painter.drawLine(QPointF(x, plot.top()), QPointF(x, plot.bottom() + 4));
        const qreal w = fm.horizontalAdvance(marker.label) + 8;
        qreal left = qMin(x - 4, plot.right() + 8 - w);
        int lane = left > laneEnd[0] + 4 ? 0 : 1;
        laneEnd[lane] = left + w;
        const QRectF label(left, plot.bottom() + 4 + lane * (fm.height() + 4), w, fm.height() + 2);
        painter.setPen(QPen(line, 1, marker.pen));
        painter.drawLine(QPointF(x, plot.bottom()), QPointF(x, label.top()));
        painter.fillRect(label, palette().color(QPalette::Base));
        painter.setPen(QPen(line, 1));
        painter.drawRect(label.adjusted(0.5, 0.5, -0.5, -0.5));
        painter.setPen(text);
        painter.drawText(label, Qt::AlignCenter, marker.label);
    }
}

void TimelineWidget::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    if (m_fit)
        zoomToFit();
}

void TimelineWidget::wheelEvent(QWheelEvent *event)
{
    const QRectF plot = plotRect();
    const qreal steps = event->angleDelta().y() / 120.0;
    m_viewStart = visibleStart();
    m_msPerPixel = msPerPixel();
    if (event->modifiers() & Qt::ControlModifier) {
        const qreal x = qBound(plot.left(), event->position().x(), plot.right());
        const qreal tAtX = m_viewStart + (x - plot.left()) * m_msPerPixel;
        m_msPerPixel = qBound<qreal>(1e-3, m_msPerPixel * std::pow(0.8, steps), 1e9);
        m_viewStart = qint64(std::llround(tAtX - (x - plot.left()) * m_msPerPixel));
    } else {
        const qreal dx = event->angleDelta().x() != 0 ? event->angleDelta().x() / 120.0 : steps;
        m_viewStart -= qint64(std::llround(dx * 60 * m_msPerPixel));
    }
    m_fit = false;
    update();
    event->accept();
}

void TimelineWidget::mouseDoubleClickEvent(QMouseEvent *)
{
    zoomToFit();
}

void TimelineWidget::keyPressEvent(QKeyEvent *event)
{
    if (event->key() == Qt::Key_0 && (event->modifiers() & Qt::ControlModifier)) {
        zoomToFit();
        return;
    }
    if ((event->key() == Qt::Key_Left || event->key() == Qt::Key_Right) && event->modifiers() == Qt::NoModifier
        && !m_spans.isEmpty()) {
        // The attempt before or after the selected one, in the order they started.
        const int step = event->key() == Qt::Key_Right ? 1 : -1;
        int i = m_selected < 0 ? (step > 0 ? -1 : int(m_spans.size())) : m_selected;
        for (i += step; i >= 0 && i < m_spans.size(); i += step) {
            if (m_spans.at(i).kind != BarKind::Backoff) {
                selectSpan(i, true);
                break;
            }
        }
        return;
    }
    QWidget::keyPressEvent(event);
}

bool TimelineWidget::event(QEvent *event)
{
    if (event->type() == QEvent::ToolTip) {
        const auto *help = static_cast<QHelpEvent *>(event);
        const QList<TimelineBar> all = bars();
        for (qsizetype i = all.size() - 1; i >= 0; --i) {
            if (all.at(i).rect.adjusted(-2, -2, 2, 2).contains(help->pos())) {
                QToolTip::showText(help->globalPos(), tooltipFor(m_spans.at(i)), this);
                return true;
            }
        }
        QToolTip::hideText();
        event->ignore();
        return true;
    }
    if (event->type() == QEvent::FontChange || event->type() == QEvent::StyleChange)
        updateLayout();
    return QWidget::event(event);
}

} // namespace Sagascope
