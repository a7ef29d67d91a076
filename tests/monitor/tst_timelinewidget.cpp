// SPDX-License-Identifier: MIT
// TimelineWidget: the spans of a known trace (attempts, backoffs, compensations), their bars'
// geometry on the time axis, and painting in light and dark palettes, running or finished.
#include "httpexchange.h"
#include "monitorstyle.h"
#include "monitortesthelpers.h"
#include "runstate.h"
#include "sagafile.h"
#include "testconfig.h"
#include "timelinewidget.h"

#include <QImage>
#include <QSignalSpy>
#include <QTest>

using namespace Sagascope;
using namespace Sagascope::Test;

class TestTimelineWidget : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void spansOfAKnownTrace();
    void openSpansEndNow();
    void backoffClippedWhenTheSagaEnds();
    void barGeometry();
    void paintsBarsInTheirColours();
    void paintsInADarkPalette();
    void paintsWhenEmpty();
    void zoom();
    void selectsAttempts();

private:
    SagaDefinition m_travel;
    QList<TraceEvent> m_trace;
};

void TestTimelineWidget::initTestCase()
{
    const LoadResult loaded = SagaFile::load(QStringLiteral(SAGASCOPE_EXAMPLES_DIR "/travel-booking.saga"));
    QVERIFY2(loaded.ok(), qPrintable(loaded.error.toString()));
    m_travel = *loaded.definition;
    m_trace = parseTrace(travelTrace());
    QCOMPARE(m_trace.size(), 25);
}

void TestTimelineWidget::spansOfAKnownTrace()
{
    const RunState state = RunState::stateAt(m_travel, m_trace, m_trace.size());
    const int hotel = state.stepIndex("book_hotel"), flight = state.stepIndex("book_flight"),
              car = state.stepIndex("rent_car"), charge = state.stepIndex("charge_card");
    QVERIFY(hotel >= 0 && flight >= 0 && car >= 0 && charge >= 0);
    const QList<TimelineSpan> spans = TimelineWidget::spans(state, m_trace, 1536);
    struct Expected
    {
        int step;
        BarKind kind;
        int attempt;
        qint64 start, end;
    };
    const QList<Expected> expected = {
        {hotel, BarKind::Succeeded, 1, 0, 105},
        {flight, BarKind::Succeeded, 1, 0, 183},
        {car, BarKind::TechnicalFailure, 1, 0, 44},
        {car, BarKind::Backoff, 1, 44, 209},
        {car, BarKind::TechnicalFailure, 2, 209, 303},
        {car, BarKind::Backoff, 2, 303, 739},
        {car, BarKind::Succeeded, 3, 739, 794},
        {charge, BarKind::BusinessFailure, 1, 794, 976},
        {car, BarKind::Compensated, 1, 976, 1029},
        {flight, BarKind::CompensationFailed, 1, 976, 1216},
        {hotel, BarKind::Compensated, 1, 976, 1038},
        {flight, BarKind::Backoff, 1, 1216, 1317},
        {flight, BarKind::Compensated, 2, 1317, 1536},
    };
    QCOMPARE(spans.size(), expected.size());
    for (qsizetype i = 0; i < spans.size(); ++i) {
        const TimelineSpan &s = spans.at(i);
        const Expected &e = expected.at(i);
        QVERIFY2(s.step == e.step && s.kind == e.kind && s.attempt == e.attempt && s.start == e.start && s.end == e.end
                     && !s.open,
                 qPrintable(QStringLiteral("span %1: step %2 kind %3 attempt %4 [%5, %6]")
                                .arg(i)
                                .arg(s.step)
                                .arg(int(s.kind))
                                .arg(s.attempt)
                                .arg(s.start)
                                .arg(s.end)));
    }
    QCOMPARE(spans.at(7).reason, QStringLiteral("injected business failure"));
}

void TestTimelineWidget::openSpansEndNow()
{
    // Up to rent_car's second start: its attempt is in flight.
    const QList<TraceEvent> prefix = m_trace.mid(0, 9);
    const RunState state = RunState::stateAt(m_travel, prefix, prefix.size());
    QList<TimelineSpan> spans = TimelineWidget::spans(state, prefix, 250);
    QCOMPARE(spans.size(), 5);
    QCOMPARE(spans.last().kind, BarKind::Running);
    QVERIFY(spans.last().open);
    QCOMPARE(spans.last().start, 209);
    QCOMPARE(spans.last().end, 250);

    TimelineWidget widget;
    widget.setDefinition(m_travel);
    widget.setInstance(state, prefix.first().instance, prefix);
    QCOMPARE(widget.currentSpans().size(), 5);
    QCOMPARE(widget.currentSpans().last().end, 209); // "now" is the state's clock
    widget.resize(900, widget.sizeHint().height());
    QVERIFY(!widget.grab().isNull());
}

void TestTimelineWidget::backoffClippedWhenTheSagaEnds()
{
    const QList<TraceEvent> trace = parseTrace(R"TRACE(
{"instance":"e5","seq":1,"t":0,"event":"saga_started"}
{"instance":"e5","seq":2,"t":0,"step":"book_hotel","event":"step_started","attempt":1}
{"instance":"e5","seq":3,"t":0,"step":"book_flight","event":"step_started","attempt":1}
{"instance":"e5","seq":4,"t":15,"step":"book_hotel","event":"step_failed","attempt":1,"failure":"technical","reason":"503"}
{"instance":"e5","seq":5,"t":15,"step":"book_hotel","event":"retry_scheduled","attempt":1,"delayMs":100}
{"instance":"e5","seq":6,"t":40,"step":"book_flight","event":"step_failed","attempt":1,"failure":"business","reason":"no seats"}
{"instance":"e5","seq":7,"t":60,"event":"saga_compensated","reason":"rolled back: book_flight failed (business)"}
)TRACE");
    const RunState state = RunState::stateAt(m_travel, trace, trace.size());
    const QList<TimelineSpan> spans = TimelineWidget::spans(state, trace, 60);
    QCOMPARE(spans.size(), 3);
    QCOMPARE(spans.at(2).kind, BarKind::Backoff); // after hotel #1 and flight #1
    QCOMPARE(spans.at(2).start, 15);
    QCOMPARE(spans.at(2).end, 60); // not 115: that retry never ran
    QCOMPARE(spans.at(1).kind, BarKind::BusinessFailure);
}

void TestTimelineWidget::barGeometry()
{
    const RunState state = RunState::stateAt(m_travel, m_trace, m_trace.size());
    TimelineWidget widget;
    widget.setDefinition(m_travel);
    widget.resize(1000, widget.sizeHint().height());
    widget.setInstance(state, m_trace.first().instance, m_trace);
    const QRectF plot = widget.plotRect();
    QVERIFY(plot.width() > 500);
    const QList<TimelineBar> bars = widget.bars();
    QCOMPARE(bars.size(), 13);
    const qreal ppm = 1.0 / widget.msPerPixel(); // pixels per millisecond
    for (const TimelineBar &bar : bars) {
        const QRectF row = widget.rowRect(bar.step);
        QVERIFY(row.contains(bar.rect)); // in its step's row
        QVERIFY(qAbs(bar.rect.left() - (plot.left() + bar.start * ppm)) < 0.01);
        QVERIFY(qAbs(bar.rect.width() - qMax(3.0, (bar.end - bar.start) * ppm)) < 0.01);
        QVERIFY(bar.rect.right() <= plot.right() + 0.01);
    }
    // Zoomed to fit: starts at the left edge, the end of the saga near the right edge.
    QCOMPARE(bars.at(0).rect.left(), plot.left());
    QVERIFY(bars.last().rect.right() > plot.right() - plot.width() * 0.05);
    // Backoff gaps sit exactly between the attempts they separate.
    QCOMPARE(bars.at(3).rect.left(), bars.at(2).rect.right());
    QCOMPARE(bars.at(3).rect.right(), bars.at(4).rect.left());
    QCOMPARE(bars.at(5).rect.right(), bars.at(6).rect.left());
    // Compensations start together, at the business failure's end.
    QCOMPARE(bars.at(8).rect.left(), bars.at(7).rect.right());
    QCOMPARE(bars.at(9).rect.left(), bars.at(7).rect.right());
    // Rows go down in the file's order.
    QVERIFY(widget.rowRect(1).top() > widget.rowRect(0).top());

    // Wider: still fitted, every bar scales.
    const qreal oldWidth = bars.at(7).rect.width();
    const qreal oldPlot = plot.width();
    widget.resize(1600, widget.height());
    const QList<TimelineBar> wide = widget.bars();
    QVERIFY(qAbs(wide.at(7).rect.width() / oldWidth - widget.plotRect().width() / oldPlot) < 0.01);
}

void TestTimelineWidget::paintsBarsInTheirColours()
{
    const RunState state = RunState::stateAt(m_travel, m_trace, m_trace.size());
    TimelineWidget widget;
    widget.setDefinition(m_travel);
    widget.resize(1000, widget.sizeHint().height());
    widget.setInstance(state, m_trace.first().instance, m_trace);
    const QImage image = widget.grab().toImage();
    QVERIFY(!image.isNull());
    const MonitorStyle style(widget.palette());
    const QList<TimelineBar> bars = widget.bars();
    auto pixelIn = [&image](const QRectF &rect) {
        return image.pixelColor(QPoint(int(rect.right()) - 3, int(rect.top()) + 3));
    };
    QCOMPARE(pixelIn(bars.at(0).rect).rgb(), style.fill(BarKind::Succeeded).rgb());  // book_hotel
    QCOMPARE(pixelIn(bars.at(12).rect).rgb(), style.fill(BarKind::Compensated).rgb()); // book_flight undone
    // Failures are not just another colour: their pattern puts ink pixels on the fill.
    const TimelineBar &refused = bars.at(7);
    QSet<QRgb> colours;
    for (int x = int(refused.rect.right()) - 30; x < int(refused.rect.right()) - 2; ++x)
        colours.insert(image.pixel(x, int(refused.rect.center().y())));
    QVERIFY(colours.contains(style.fill(BarKind::BusinessFailure).rgb()));
    QVERIFY(colours.contains(style.ink(BarKind::BusinessFailure).rgb()));
    // Outside any bar, the row background.
    const QRectF row = widget.rowRect(4); // send_confirmation never ran
    QVERIFY(image.pixelColor(row.center().toPoint()) != style.fill(BarKind::Succeeded));
}

void TestTimelineWidget::paintsInADarkPalette()
{
    QPalette dark;
    dark.setColor(QPalette::Window, QColor(0x2b, 0x2d, 0x30));
    dark.setColor(QPalette::Base, QColor(0x1e, 0x1f, 0x22));
    dark.setColor(QPalette::Text, QColor(0xdd, 0xdd, 0xdd));
    dark.setColor(QPalette::WindowText, QColor(0xdd, 0xdd, 0xdd));
    const RunState state = RunState::stateAt(m_travel, m_trace, m_trace.size());
    TimelineWidget widget;
    widget.setPalette(dark);
    widget.setDefinition(m_travel);
    widget.resize(1000, widget.sizeHint().height());
    widget.setInstance(state, m_trace.first().instance, m_trace);
    const MonitorStyle style(widget.palette());
    QVERIFY(style.isDark());
    QVERIFY(style.fill(BarKind::Succeeded) != MonitorStyle(QPalette(Qt::white)).fill(BarKind::Succeeded));
    const QImage image = widget.grab().toImage();
    const QRectF bar = widget.bars().at(0).rect;
    QCOMPARE(image.pixelColor(QPoint(int(bar.right()) - 3, int(bar.top()) + 3)).rgb(), style.fill(BarKind::Succeeded).rgb());
    QVERIFY(image.pixelColor(2, 2).lightnessF() < 0.3); // a dark background
}

void TestTimelineWidget::paintsWhenEmpty()
{
    TimelineWidget none;
    none.resize(400, 200);
    QVERIFY(!none.grab().isNull());
    QVERIFY(none.bars().isEmpty());
    TimelineWidget noInstance;
    noInstance.setDefinition(m_travel);
    noInstance.resize(400, 300);
    QVERIFY(!noInstance.grab().isNull());
    // An unknown instance clears the chart.
    const RunState state = RunState::stateAt(m_travel, m_trace, m_trace.size());
    noInstance.setInstance(state, m_trace.first().instance, m_trace);
    QCOMPARE(noInstance.bars().size(), 13);
    noInstance.setInstance(state, QStringLiteral("nobody"), {});
    QVERIFY(noInstance.bars().isEmpty());
    QVERIFY(noInstance.instance().isEmpty());
}

void TestTimelineWidget::zoom()
{
    const RunState state = RunState::stateAt(m_travel, m_trace, m_trace.size());
    TimelineWidget widget;
    widget.setDefinition(m_travel);
    widget.resize(1000, widget.sizeHint().height());
    widget.setInstance(state, m_trace.first().instance, m_trace);
    widget.setVisibleRange(200, 400);
    QCOMPARE(widget.visibleStart(), 200);
    const QRectF plot = widget.plotRect();
    const TimelineBar secondError = widget.bars().at(4); // rent_car attempt 2: 209..303
    QVERIFY(qAbs(secondError.rect.left() - (plot.left() + 9 * plot.width() / 200)) < 0.5);
    QVERIFY(qAbs(secondError.rect.width() - 94 * plot.width() / 200) < 0.5);
    widget.zoomToFit();
    QCOMPARE(widget.visibleStart(), 0);
    QCOMPARE(widget.bars().at(0).rect.left(), plot.left());
}


void TestTimelineWidget::selectsAttempts()
{
    // The spans of spansOfAKnownTrace(): 2 car #1, 3 its backoff, 4 car #2, 9 flight's
    // compensation #1 (failed), 11 its backoff, 12 flight's compensation #2.
    const RunState state = RunState::stateAt(m_travel, m_trace, m_trace.size());
    const QString instance = m_trace.first().instance;
    TimelineWidget widget;
    widget.setDefinition(m_travel);
    widget.resize(1000, widget.sizeHint().height());
    widget.setInstance(state, instance, m_trace);
    QCOMPARE(widget.selectedSpan(), -1);
    QSignalSpy selected(&widget, &TimelineWidget::attemptSelected);
    const QList<TimelineBar> bars = widget.bars();
    const auto click = [&](int bar) { QTest::mouseClick(&widget, Qt::LeftButton, {}, bars.at(bar).rect.center().toPoint()); };

    click(11); // a compensation's backoff: the attempt that failed before it
    QCOMPARE(widget.selectedSpan(), 9);
    QCOMPARE(selected.count(), 1);
    QCOMPARE(selected.last(), (QList<QVariant>{QStringLiteral("book_flight"), true, 1}));
    click(3); // an action's backoff
    QCOMPARE(widget.selectedSpan(), 2);
    QCOMPARE(selected.last(), (QList<QVariant>{QStringLiteral("rent_car"), false, 1}));
    QTest::keyClick(&widget, Qt::Key_Right); // over the backoff to the next attempt
    QCOMPARE(widget.selectedSpan(), 4);
    QCOMPARE(selected.last(), (QList<QVariant>{QStringLiteral("rent_car"), false, 2}));
    QTest::keyClick(&widget, Qt::Key_Left);
    QCOMPARE(widget.selectedSpan(), 2);
    QTest::mouseClick(&widget, Qt::LeftButton, {}, widget.plotRect().bottomRight().toPoint() + QPoint(-2, -2));
    QCOMPARE(widget.selectedSpan(), 2); // nothing there: the selection stays

    // Chosen elsewhere (the Event Log): selected without a signal; kept while the instance
    // grows, even when the attempt is not there yet.
    const int before = int(selected.count());
    QVERIFY(widget.selectAttempt(QStringLiteral("book_flight"), true, 2));
    QCOMPARE(widget.selectedSpan(), 12);
    QCOMPARE(selected.count(), before);
    const QList<TraceEvent> prefix = m_trace.mid(0, 12);
    widget.setInstance(RunState::stateAt(m_travel, prefix, prefix.size()), instance, prefix);
    QCOMPARE(widget.selectedSpan(), -1);
    widget.setInstance(state, instance, m_trace);
    QCOMPARE(widget.selectedSpan(), 12);
    QVERIFY(!widget.grab().isNull()); // painted with its outline
    widget.clear();
    QCOMPARE(widget.selectedSpan(), -1);

    // The Event Log's side: the attempt a trace event belongs to (HttpExchange::keyOf).
    for (qsizetype i = 0; i < m_trace.size(); ++i) {
        const TraceEvent &e = m_trace.at(i);
        const std::optional<HttpAttemptKey> key = HttpExchange::keyOf(m_trace, i);
        QCOMPARE(key.has_value(), e.isStepEvent());
        if (!key)
            continue;
        QCOMPARE(key->step, e.step);
        QCOMPARE(key->attempt, e.attempt);
        // book_flight's retry_scheduled follows its failed compensation: the compensation's.
        const bool compensation = e.event == TraceEventType::CompensationStarted
            || e.event == TraceEventType::CompensationSucceeded || e.event == TraceEventType::CompensationFailed
            || (e.event == TraceEventType::RetryScheduled && e.step == QLatin1String("book_flight"));
        QCOMPARE(key->operation == OperationKind::Compensation, compensation);
    }
}

QTEST_MAIN(TestTimelineWidget)
#include "tst_timelinewidget.moc"
