// SPDX-License-Identifier: MIT
#pragma once

#include "monitorstyle.h"
#include "runstate.h"
#include "sagadefinition.h"

#include <QList>

#include <optional>
#include <QWidget>

namespace Sagascope {

/** One stretch of time on one step's row: an attempt, a backoff, a compensation. */
struct TimelineSpan
{
    int step = -1;
    BarKind kind = BarKind::Running;
    int attempt = 0;
    qint64 start = 0;
    qint64 end = 0;
    bool open = false; // still in flight: `end` is "now"
    QString reason;

    friend bool operator==(const TimelineSpan &, const TimelineSpan &) = default;
};

/** An event the broker delivered to a step (SPEC section 5): a mark on the subscriber's row. */
struct TimelineDelivery
{
    int step = -1;
    qint64 t = 0;
    QString event;              // its type, e.g. "OrderCreated"
    bool toCompensation = false; // to the step's compensation

    friend bool operator==(const TimelineDelivery &, const TimelineDelivery &) = default;
};

/** A span as drawn: where it is on the widget. */
struct TimelineBar
{
    QRectF rect;
    BarKind kind = BarKind::Running;
    int step = -1;
    int attempt = 0;
    qint64 start = 0;
    qint64 end = 0;
};

/**
 * A Gantt chart of one saga instance: one row per step, a bar per attempt (colour, pattern and
 * glyph by outcome), hatched backoff gaps between attempts, compensations in their own colour,
 * the moments the pivot committed and the rollback began, the broker's deliveries to each step
 * (a mark with the event's name), and a time axis in the trace's time.
 * Zooms to fit (double-click or Ctrl+0); Ctrl+wheel zooms around the pointer, the wheel pans.
 * A click on an attempt's bar selects the attempt (a backoff selects the attempt that failed
 * before it), Left and Right go to the attempt before or after; attemptSelected() says which
 * (the HTTP Exchange panel shows it).
 */
class TimelineWidget : public QWidget
{
    Q_OBJECT
public:
    explicit TimelineWidget(QWidget *parent = nullptr);

    /** The saga: one row per step, in the file's order. Clears the instance. */
    void setDefinition(const SagaDefinition &definition);
    /** Shows `instance` as `state` and its events describe it (events in seq order). */
    void setInstance(const RunState &state, const QString &instance, const QList<TraceEvent> &events);
    void clear();
    QString instance() const { return m_instance.id; }

    /** The spans of one instance's events; spans still open end at `now`. Pure, for tests and replay. */
    static QList<TimelineSpan> spans(const RunState &state, const QList<TraceEvent> &events, qint64 now);
    const QList<TimelineSpan> &currentSpans() const { return m_spans; }
    /** The deliveries among one instance's events (event_delivered), in order. Pure. */
    static QList<TimelineDelivery> deliveries(const RunState &state, const QList<TraceEvent> &events);
    const QList<TimelineDelivery> &currentDeliveries() const { return m_deliveries; }
    /** Every span as a rectangle in widget coordinates, in the order of currentSpans(). */
    QList<TimelineBar> bars() const;

    /** The selected span, an index into currentSpans() (-1: none); an attempt stays selected
     *  while its instance is updated. */
    int selectedSpan() const { return m_selected; }
    /** Selects the span of `step`'s attempt (of its compensation or its action) without
     *  emitting attemptSelected(); false, and nothing selected, when there is none. */
    bool selectAttempt(const StepId &step, bool compensation, int attempt);
    /** True for the bars of a compensation's attempts. */
    static bool isCompensationKind(BarKind kind)
    {
        return kind == BarKind::Compensating || kind == BarKind::Compensated || kind == BarKind::CompensationFailed;
    }

    /** Where the bars are drawn, and the mapping from trace time to x. */
    QRectF plotRect() const;
    qreal xForTime(qint64 t) const;
    QRectF rowRect(int step) const;
    /** The left edge of the plot in trace time, and the scale; while fitted, they follow the width. */
    qint64 visibleStart() const;
    qreal msPerPixel() const;

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

Q_SIGNALS:
    /** The user selected an attempt (a click on its bar, Left or Right). */
    void attemptSelected(const Sagascope::StepId &step, bool compensation, int attempt);

public Q_SLOTS:
    /** Fits the instance's whole history into the width (and keeps it fitted while it grows). */
    void zoomToFit();
    /** Shows [from, to] of trace time. */
    void setVisibleRange(qint64 from, qint64 to);

protected:
    void paintEvent(QPaintEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    void wheelEvent(QWheelEvent *event) override;
    void mouseDoubleClickEvent(QMouseEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    bool event(QEvent *event) override;

private:
    struct Row
    {
        StepId id;
        QString label;
        StepKind kind = StepKind::Compensatable;
    };

    void updateLayout();
    qint64 rangeStart() const;
    qint64 rangeEnd() const;
    qreal fittedMsPerPixel() const;
    QString barText(const TimelineSpan &span) const;
    static QString kindCaption(StepKind kind);
    QString tooltipFor(const TimelineSpan &span) const;
    static QString formatTime(qint64 ms, qint64 tickStep);
    static qint64 tickStepFor(qreal msPerPixel, int minPixels);
    void paintHeader(QPainter &painter, const MonitorStyle &style);
    void paintLegend(QPainter &painter, const MonitorStyle &style);
    void paintAxis(QPainter &painter, const MonitorStyle &style);
    void paintRows(QPainter &painter, const MonitorStyle &style);
    void paintBars(QPainter &painter, const MonitorStyle &style);
    void paintMarkers(QPainter &painter, const MonitorStyle &style);
    void paintStuckSteps(QPainter &painter, const MonitorStyle &style);
    void paintDeliveries(QPainter &painter, const MonitorStyle &style);
    void paintSelection(QPainter &painter);
    /** The attempt span for span `index` (a backoff: the attempt before it on its row); -1: none. */
    int attemptSpan(int index) const;
    void selectSpan(int index, bool notify);

    QList<Row> m_rows;
    InstanceRunState m_instance;
    bool m_hasInstance = false;
    QList<TimelineSpan> m_spans;
    QList<TimelineDelivery> m_deliveries;
    qint64 m_now = 0;
    bool m_fit = true;
    qint64 m_viewStart = 0;
    qreal m_msPerPixel = 1.0;
    int m_labelWidth = 160;
    int m_selected = -1;
    struct SelectedAttempt
    {
        StepId step;
        bool compensation = false;
        int attempt = 0;
    };
    std::optional<SelectedAttempt> m_selectedAttempt; // kept across updates of the instance
};

} // namespace Sagascope
