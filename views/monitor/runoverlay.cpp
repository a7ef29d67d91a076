// SPDX-License-Identifier: MIT
#include "runoverlay.h"

#include "cardstyle.h"
#include "dependencyitem.h"
#include "eventindex.h"
#include "monitorstyle.h"
#include "sagascene.h"
#include "stepitem.h"

#include <QApplication>
#include <QGraphicsItem>
#include <QPainter>
#include <QStyleOptionGraphicsItem>

#include <cmath>

namespace Sagascope {

namespace {

constexpr qreal PillHeight = 20;
constexpr qreal PillGap = 5;
constexpr qreal HeatHeight = 10;
constexpr qreal HeatTextHeight = 14;
constexpr qreal Ring = 4;
constexpr int TokenMs = 650;
constexpr int PulseMs = 1400;
constexpr int MaxTokens = 64;

QPalette paletteOf(const QWidget *widget)
{
    return widget ? widget->palette() : QApplication::palette();
}

QString attemptsText(int attempt, int max)
{
    return max > 0 ? RunOverlay::tr("attempt %1 of %2").arg(attempt).arg(max)
                   : RunOverlay::tr("attempt %1 of ∞").arg(attempt);
}

} // namespace

/** The run drawn over one card: a child of the StepItem, so that it moves with it. */
class StepRunItem : public QGraphicsItem
{
public:
    StepRunItem(RunOverlay *overlay, StepItem *card)
        : QGraphicsItem(card)
        , m_overlay(overlay)
        , m_step(card->stepId())
    {
        setAcceptedMouseButtons(Qt::NoButton);
        setAcceptHoverEvents(false);
        setZValue(10);
        // While a run animates over it, the card under the overlay does not change: keep it as a
        // pixmap instead of laying out its text again every frame (bench/monitor: about 1.5 ms of
        // a frame). The card's own update() calls (an edit, hover, selection) still redraw it.
        card->setCacheMode(QGraphicsItem::DeviceCoordinateCache);
    }
    ~StepRunItem() override
    {
        if (m_overlay)
            m_overlay->itemDestroyed(m_step);
    }
    enum { Type = UserType + 40 };
    int type() const override { return Type; }
    void detach() { m_overlay = nullptr; }

    const StepRunDisplay &display() const { return m_display; }
    /** True when something visible changed (and a repaint was asked for). */
    bool setDisplay(const StepRunDisplay &display)
    {
        const QRectF card = static_cast<StepItem *>(parentItem())->cardRect();
        if (display == m_display && card == m_card)
            return false;
        const QStringList lines = display.heat ? RunOverlay::wrapParts(display.heatParts, QFontMetricsF(smallFont()), card.width())
                                               : QStringList();
        if (card != m_card || lines.size() != m_heatLines.size())
            prepareGeometryChange();
        m_card = card;
        m_heatLines = lines;
        m_display = display;
        setToolTip(display.toolTip);
        update();
        return true;
    }

    QRectF boundingRect() const override
    {
        return m_card.adjusted(-Ring - 12, -Ring - 28, Ring + 12,
                               Ring + PillGap + PillHeight + 4 + HeatHeight + HeatTextHeight * std::max<qsizetype>(1, m_heatLines.size()) + 4);
    }
    QPainterPath shape() const override
    {
        // Only the pill and the heat bar take the pointer (tooltips); the card stays the card's.
        QPainterPath path;
        if (m_display.active)
            path.addRect(pillRect());
        if (m_display.heat)
            path.addRect(heatRect().adjusted(0, 0, 0, HeatTextHeight * m_heatLines.size()));
        return path;
    }
    void paint(QPainter *painter, const QStyleOptionGraphicsItem *, QWidget *widget) override;

private:
    QRectF pillRect() const
    {
        return QRectF(m_card.left() + 6, m_card.bottom() + PillGap, m_card.width() - 12, PillHeight);
    }
    /** Under the pill (above the card sit the pivot's markers), its counts under it. */
    QRectF heatRect() const
    {
        return QRectF(m_card.left(), m_card.bottom() + PillGap + PillHeight + 4, m_card.width(), HeatHeight);
    }
    StepKind kind() const { return static_cast<StepItem *>(parentItem())->step().kind; }

    /** The font of the pill and the heat words (paint() uses the same). */
    static QFont smallFont()
    {
        QFont small;
        small.setPointSizeF(qMax(6.5, small.pointSizeF() * 0.85));
        return small;
    }

    RunOverlay *m_overlay;
    StepId m_step;
    StepRunDisplay m_display;
    QRectF m_card;
    QStringList m_heatLines;
};

void StepRunItem::paint(QPainter *painter, const QStyleOptionGraphicsItem *, QWidget *widget)
{
    const MonitorStyle style(paletteOf(widget));
    const QPalette &pal = style.palette();
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    const QFont small = smallFont();
    painter->setFont(small);

    if (m_display.active) {
        const auto kindOpt = MonitorStyle::kindOf(m_display.phase);
        const QRectF pill = pillRect();
        if (kindOpt) {
            const BarKind barKind = *kindOpt;
            const QColor hue = m_display.phase == StepPhase::Stuck ? style.statusColor(InstanceStatus::Stuck)
                                                                   : style.color(barKind);
            // A ring around the card: dashed while an attempt is in flight, solid once decided.
            const bool inFlight = m_display.phase == StepPhase::Running || m_display.phase == StepPhase::Compensating
                || m_display.phase == StepPhase::Retrying || m_display.phase == StepPhase::CompensationRetrying;
            QPen ring(hue, Ring - 1, inFlight ? Qt::DashLine : Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin);
            painter->setPen(ring);
            painter->setBrush(Qt::NoBrush);
            painter->drawPath(CardStyle::outline(kind(), m_card.adjusted(-Ring, -Ring, Ring, Ring)));

            // The pill: the outcome's fill and pattern, its glyph, and the text.
            if (m_display.phase == StepPhase::Stuck) {
                painter->setPen(QPen(hue.darker(130), 1));
                painter->setBrush(MonitorStyle::mix(hue, pal.color(QPalette::Base), 0.55));
                painter->drawRoundedRect(pill, 4, 4);
                style.paintStatusGlyph(painter, QRectF(pill.left() + 3, pill.top() + 2, pill.height() - 4, pill.height() - 4),
                                       InstanceStatus::Stuck);
            } else {
                style.paintBar(painter, pill, barKind);
                const QColor ink = style.ink(barKind);
                MonitorStyle::paintGlyph(painter, QRectF(pill.left() + 3, pill.top() + 3, pill.height() - 6, pill.height() - 6),
                                         barKind, ink);
            }
            const QRectF textRect = pill.adjusted(pill.height() + 2, 0, m_display.pivotCommitted ? -16 : -4, 0);
            // Text on a plate so that it reads over the pattern.
            const QFontMetricsF fm(small);
            const QString text = fm.elidedText(m_display.text, Qt::ElideRight, textRect.width());
            const QRectF plate = fm.boundingRect(textRect, Qt::AlignVCenter | Qt::AlignLeft, text).adjusted(-2, 0, 2, 0);
            painter->setPen(Qt::NoPen);
            painter->setBrush(pal.color(QPalette::Base));
            painter->setOpacity(0.85);
            painter->drawRoundedRect(plate, 2, 2);
            painter->setOpacity(1);
            painter->setPen(pal.color(QPalette::Text));
            painter->drawText(textRect, Qt::AlignVCenter | Qt::AlignLeft, text);
        } else {
            // Pending: a quiet dotted pill, filled so that the grid does not show through its text.
            painter->setPen(QPen(pal.color(QPalette::Mid), 1, Qt::DotLine));
            painter->setBrush(pal.color(QPalette::Base));
            painter->drawRoundedRect(pill, 4, 4);
            painter->setPen(pal.color(QPalette::PlaceholderText));
            painter->drawText(pill, Qt::AlignCenter, m_display.text);
        }

        if (m_display.pivotCommitted) {
            // The flag of the point of no return, at the pill's end: the saga can only go forward.
            const QPointF base(pill.right() - 8, pill.bottom() - 3);
            painter->setPen(QPen(pal.color(QPalette::Text), 1.5));
            painter->drawLine(base, base + QPointF(0, -14));
            QPainterPath flag;
            flag.moveTo(base + QPointF(0, -14));
            flag.lineTo(base + QPointF(-10, -11));
            flag.lineTo(base + QPointF(0, -8));
            flag.closeSubpath();
            painter->setBrush(pal.color(QPalette::Base));
            painter->drawPath(flag);
        }
    }

    if (m_display.heat) {
        const QRectF bar = heatRect();
        int total = 0;
        for (int c : m_display.heatCounts)
            total += c;
        painter->setPen(QPen(pal.color(QPalette::Mid), 1));
        painter->setBrush(pal.color(QPalette::Base));
        painter->drawRect(bar);
        if (total > 0) {
            qreal x = bar.left();
            for (int p = 0; p < StepPhaseCount; ++p) {
                const int count = m_display.heatCounts[size_t(p)];
                if (count == 0)
                    continue;
                const qreal w = bar.width() * count / total;
                const QRectF seg(x, bar.top(), w, bar.height());
                if (const auto k = MonitorStyle::kindOf(StepPhase(p)))
                    style.paintBar(painter, seg, *k);
                else {
                    painter->setPen(Qt::NoPen);
                    painter->setBrush(pal.color(QPalette::Midlight));
                    painter->drawRect(seg);
                }
                x += w;
            }
        }
        // The words under the bar, whole (a count is never cut), on a plate over the grid.
        qreal y = bar.bottom() + 1;
        for (const QString &line : std::as_const(m_heatLines)) {
            const QRectF lineRect(bar.left(), y, bar.width(), HeatTextHeight);
            const QFontMetricsF fm(small);
            painter->setPen(Qt::NoPen);
            painter->setBrush(pal.color(QPalette::Base));
            painter->drawRect(QRectF(lineRect.left(), lineRect.top(), fm.horizontalAdvance(line) + 4, HeatTextHeight));
            painter->setPen(pal.color(QPalette::Text));
            painter->drawText(lineRect.adjusted(2, 0, 0, 0), Qt::AlignLeft | Qt::AlignTop, line);
            y += HeatTextHeight;
        }
    }

    if (!m_display.paused.isEmpty()) {
        // Where the paused run stands: a thick highlight frame and a "pause" tab above the card.
        const QColor mark = pal.color(QPalette::Highlight);
        painter->setPen(QPen(mark, 3, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
        painter->setBrush(Qt::NoBrush);
        painter->drawPath(CardStyle::outline(kind(), m_card.adjusted(-Ring - 4, -Ring - 4, Ring + 4, Ring + 4)));
        const QFontMetricsF fm(small);
        const qreal w = fm.horizontalAdvance(m_display.paused) + 26;
        const QRectF tab(m_card.center().x() - w / 2, m_card.top() - Ring - 4 - 18, w, 17);
        painter->setPen(Qt::NoPen);
        painter->setBrush(mark);
        painter->drawRoundedRect(tab, 4, 4);
        painter->setBrush(pal.color(QPalette::HighlightedText));
        painter->drawRect(QRectF(tab.left() + 7, tab.top() + 4, 3, 9)); // the pause glyph
        painter->drawRect(QRectF(tab.left() + 12, tab.top() + 4, 3, 9));
        painter->setPen(pal.color(QPalette::HighlightedText));
        painter->drawText(tab.adjusted(20, 0, -3, 0), Qt::AlignVCenter | Qt::AlignLeft, m_display.paused);
    }
    if (m_display.breakpoint) {
        const QPointF c(m_card.left() + 2, m_card.top() + 2);
        painter->setPen(QPen(pal.color(QPalette::Base), 2));
        painter->setBrush(QColor(0xd5, 0x2b, 0x1e));
        painter->drawEllipse(c, 7, 7);
    }
    if (!m_display.fault.isEmpty()) {
        const QFontMetricsF fm(small);
        const QString text = RunOverlay::tr("inject: %1").arg(m_display.fault);
        const qreal w = fm.horizontalAdvance(text) + 22;
        const QRectF badge(m_card.right() - w + 6, m_card.bottom() - 10, w, 16);
        style.paintBar(painter, badge, BarKind::BusinessFailure);
        MonitorStyle::paintGlyph(painter, QRectF(badge.left() + 2, badge.top() + 2, 12, 12), BarKind::TechnicalFailure,
                                 style.ink(BarKind::BusinessFailure));
        painter->setPen(Qt::NoPen);
        painter->setBrush(pal.color(QPalette::Base));
        const QRectF textRect = badge.adjusted(17, 1, -2, -1);
        painter->drawRect(textRect);
        painter->setPen(pal.color(QPalette::Text));
        painter->drawText(textRect, Qt::AlignCenter, text);
    }
    painter->restore();
}

/** The tokens travelling along arrows and the pivot's pulse: one item over the whole canvas. */
class TokenLayerItem : public QGraphicsItem
{
public:
    struct Token
    {
        QPainterPath path; // scene coordinates, from the `after` step to the step
        bool backwards = false;
        qint64 startMs = 0;
        int durationMs = TokenMs;
    };
    struct Pulse
    {
        QRectF rect;
        qint64 startMs = 0;
    };

    enum { Type = UserType + 41 };
    int type() const override { return Type; }

    TokenLayerItem()
    {
        setAcceptedMouseButtons(Qt::NoButton);
        setZValue(1000);
    }
    QRectF boundingRect() const override { return m_bounds; }
    void paint(QPainter *painter, const QStyleOptionGraphicsItem *, QWidget *widget) override
    {
        const MonitorStyle style(paletteOf(widget));
        painter->save();
        painter->setRenderHint(QPainter::Antialiasing);
        for (const Pulse &pulse : m_pulses) {
            const qreal f = qBound(0.0, qreal(m_now - pulse.startMs) / PulseMs, 1.0);
            QColor c = style.color(BarKind::Succeeded);
            c.setAlphaF(1.0 - f);
            painter->setPen(QPen(c, 4));
            painter->setBrush(Qt::NoBrush);
            const qreal grow = 4 + 26 * f;
            painter->drawRoundedRect(pulse.rect.adjusted(-grow, -grow, grow, grow), 10, 10);
        }
        for (const Token &token : m_tokens) {
            const qreal f = qBound(0.0, qreal(m_now - token.startMs) / token.durationMs, 1.0);
            const qreal eased = 0.5 - 0.5 * std::cos(f * M_PI);
            const qreal at = token.backwards ? 1.0 - eased : eased;
            const QPointF p = token.path.pointAtPercent(at);
            const BarKind kind = token.backwards ? BarKind::Compensated : BarKind::Succeeded;
            painter->setPen(QPen(style.palette().color(QPalette::Base), 2));
            painter->setBrush(style.color(kind));
            painter->drawEllipse(p, 9, 9);
            // A glyph inside, so that direction is not told by colour alone.
            MonitorStyle::paintGlyph(painter, QRectF(p.x() - 6, p.y() - 6, 12, 12), kind, MonitorStyle::textOn(style.color(kind)));
        }
        painter->restore();
    }

    void add(const Token &token)
    {
        if (m_tokens.size() >= MaxTokens)
            return;
        m_tokens.append(token);
        grow(token.path.boundingRect());
    }
    void addPulse(const Pulse &pulse)
    {
        m_pulses.append(pulse);
        grow(pulse.rect.adjusted(-34, -34, 34, 34));
    }
    /** Advances to `nowMs`; drops what has arrived. */
    void advance(qint64 nowMs)
    {
        m_now = nowMs;
        m_tokens.removeIf([nowMs](const Token &t) { return nowMs - t.startMs >= t.durationMs; });
        m_pulses.removeIf([nowMs](const Pulse &p) { return nowMs - p.startMs >= PulseMs; });
        update();
    }
    void clear()
    {
        m_tokens.clear();
        m_pulses.clear();
        update();
    }
    int count() const { return int(m_tokens.size() + m_pulses.size()); }
    int tokenCount() const { return int(m_tokens.size()); }

private:
    void grow(const QRectF &r)
    {
        const QRectF united = m_bounds.united(r.adjusted(-10, -10, 10, 10));
        if (united != m_bounds) {
            prepareGeometryChange();
            m_bounds = united;
        }
    }
    QList<Token> m_tokens;
    QList<Pulse> m_pulses;
    QRectF m_bounds;
    qint64 m_now = 0;
};

RunOverlay::RunOverlay(SagaScene *scene, QObject *parent)
    : QObject(parent)
    , m_scene(scene)
{
    m_tick.setInterval(16); // at most 60 frames a second
    connect(&m_tick, &QTimer::timeout, this, &RunOverlay::tick);
    m_clock.start();
    m_tokens = new TokenLayerItem;
    scene->addItem(m_tokens);
    // Cards come and go with the document's edits: re-attach once the scene has followed them.
    connect(scene, &SagaScene::synced, this, [this] {
        m_graphDirty = true;
        refreshAll();
    });
}

RunOverlay::~RunOverlay()
{
    for (StepRunItem *item : std::as_const(m_items)) {
        item->detach();
        if (QGraphicsItem *card = item->parentItem())
            card->setCacheMode(QGraphicsItem::NoCache);
        delete item;
    }
    m_items.clear();
    if (m_scene)
        delete m_tokens;
}

void RunOverlay::itemDestroyed(const StepId &step)
{
    m_items.remove(step);
}

StepRunItem *RunOverlay::ensureItem(const StepId &step)
{
    if (StepRunItem *item = m_items.value(step))
        return item;
    if (!m_scene)
        return nullptr;
    StepItem *card = m_scene->stepItem(step);
    if (!card)
        return nullptr;
    auto *item = new StepRunItem(this, card);
    m_items.insert(step, item);
    return item;
}

void RunOverlay::setRunState(const RunState *state, const QString &instance)
{
    m_state = state;
    m_instance = instance;
    refreshAll();
}

void RunOverlay::setRunClock(qint64 now, bool refresh)
{
    if (now == m_runClock)
        return;
    m_runClock = now;
    if (refresh)
        refreshAll();
}

void RunOverlay::clearRunState()
{
    m_runClock = -1;
    m_state = nullptr;
    m_instance.clear();
    stopAnimation();
    refreshAll();
}

void RunOverlay::refreshAll()
{
    if (!m_scene)
        return;
    for (auto it = m_scene->stepItems().cbegin(); it != m_scene->stepItems().cend(); ++it)
        refreshStep(it.key());
}

void RunOverlay::refreshStep(const StepId &step)
{
    const StepRunDisplay display = computeDisplay(step);
    StepRunItem *item = m_items.value(step);
    if (!item) {
        if (!display.active && !display.heat && !display.breakpoint && display.fault.isEmpty() && display.paused.isEmpty())
            return; // nothing to show: no item needed
        item = ensureItem(step);
        if (!item)
            return;
    }
    if (item->setDisplay(display))
        ++m_repaints;
}

StepRunDisplay RunOverlay::computeDisplay(const StepId &step) const
{
    StepRunDisplay d;
    d.breakpoint = m_breakpoints.contains(step);
    d.fault = m_faults.value(step);
    if (step == m_pausedAt)
        d.paused = m_pausedText;
    if (!m_state)
        return d;
    const int index = m_state->stepIndex(step);
    if (index < 0)
        return d;
    if (m_heat) {
        d.heat = true;
        for (int p = 0; p < StepPhaseCount; ++p)
            d.heatCounts[size_t(p)] = m_state->stepPhaseCount(index, StepPhase(p));
        for (int p = 0; p < StepPhaseCount; ++p) {
            if (const int count = d.heatCounts[size_t(p)]; count > 0)
                d.heatParts << tr("%1 %L2").arg(phaseWord(StepPhase(p))).arg(count);
        }
    }
    const InstanceRunState *instance = m_state->instance(m_instance);
    if (!instance)
        return d;
    const StepRunState &s = instance->steps[size_t(index)];
    d.active = true;
    d.phase = s.phase;
    d.pivotCommitted = index == m_state->pivotIndex() && instance->pivotCommitted;
    const qint64 now = qMax(qMax(m_state->lastT(), instance->lastT), m_runClock);
    switch (s.phase) {
    case StepPhase::Pending:
        d.text = tr("pending");
        break;
    case StepPhase::Running:
        d.text = s.attempt > 1 ? tr("%1 · running %2 ms").arg(attemptsText(s.attempt, s.maxAttempts)).arg(now - s.startedAt)
                               : tr("running %1 ms").arg(now - s.startedAt);
        break;
    case StepPhase::Retrying:
        d.text = tr("%1 failed · retry in %2 ms")
                     .arg(attemptsText(s.attempt, s.maxAttempts))
                     .arg(qMax<qint64>(0, s.nextAttemptAt - now));
        d.toolTip = s.reason;
        break;
    case StepPhase::Succeeded:
        d.text = s.attempt > 1 ? tr("succeeded (attempt %1)").arg(s.attempt) : tr("succeeded");
        if (d.pivotCommitted)
            d.text += tr(" · committed");
        break;
    case StepPhase::FailedTechnical:
        d.text = tr("failed: technical");
        d.toolTip = s.reason;
        break;
    case StepPhase::FailedTimeout:
        d.text = tr("failed: timeout");
        d.toolTip = s.reason;
        break;
    case StepPhase::FailedBusiness:
        d.text = tr("failed: business");
        d.toolTip = s.reason;
        break;
    case StepPhase::Compensating:
        d.text = s.compensationAttempt > 1
            ? tr("compensating (%1)").arg(attemptsText(s.compensationAttempt, s.compensationMaxAttempts))
            : tr("compensating");
        break;
    case StepPhase::Compensated:
        d.text = s.timedOut ? tr("compensated (after timeout)") : tr("compensated");
        break;
    case StepPhase::CompensationRetrying:
        d.text = tr("compensation %1 failed").arg(attemptsText(s.compensationAttempt, s.compensationMaxAttempts));
        d.toolTip = s.reason;
        break;
    case StepPhase::Stuck:
        d.text = tr("stuck");
        d.toolTip = tr("Stuck: %1").arg(s.reason.isEmpty() ? instance->reason : s.reason);
        break;
    }
    if (d.toolTip.isEmpty() && !d.text.isEmpty())
        d.toolTip = d.text;
    return d;
}

StepRunDisplay RunOverlay::display(const StepId &step) const
{
    if (StepRunItem *item = m_items.value(step))
        return item->display();
    return {};
}

int RunOverlay::takeRepaintCount()
{
    return std::exchange(m_repaints, 0);
}

void RunOverlay::rebuildGraph()
{
    m_successors.clear();
    if (!m_scene || !m_scene->document())
        return;
    const SagaDefinition &definition = m_scene->document()->definition();
    for (const Step &step : definition.steps)
        for (const QString &after : step.after)
            m_successors[after].append(step.id);
    // Arrows by event too (SPEC section 5): a success travels to the steps that wait on its event.
    if (definition.usesEvents()) {
        for (const EventIndex::SuccessEdge &edge : EventIndex(definition).successEdges(definition)) {
            const StepId &from = definition.steps.at(edge.from).id;
            const StepId &to = definition.steps.at(edge.to).id;
            if (!m_successors.value(from).contains(to))
                m_successors[from].append(to);
        }
    }
    m_graphDirty = false;
}

void RunOverlay::animate(const QList<TraceEvent> &applied)
{
    if (!m_animationEnabled || !m_scene || m_instance.isEmpty())
        return;
    const qint64 now = m_clock.elapsed();
    bool added = false;
    for (const TraceEvent &e : applied) {
        if (e.instance != m_instance)
            continue;
        if (m_graphDirty)
            rebuildGraph();
        if (e.event == TraceEventType::StepSucceeded) {
            for (const StepId &next : m_successors.value(e.step)) {
                if (DependencyItem *arrow = m_scene->dependencyItem(next, e.step)) {
                    m_tokens->add({arrow->mapToScene(arrow->path()), false, now, TokenMs});
                    added = true;
                }
            }
            if (m_state && m_state->stepIndex(e.step) == m_state->pivotIndex()) {
                if (StepItem *card = m_scene->stepItem(e.step)) {
                    m_tokens->addPulse({card->mapRectToScene(card->cardRect()), now});
                    added = true;
                }
            }
        } else if (e.event == TraceEventType::CompensationSucceeded) {
            // The rollback flows backwards: from this step to the ones it came after.
            if (StepItem *card = m_scene->stepItem(e.step)) {
                for (const QString &before : card->step().after) {
                    if (DependencyItem *arrow = m_scene->dependencyItem(e.step, before)) {
                        m_tokens->add({arrow->mapToScene(arrow->path()), true, now, TokenMs});
                        added = true;
                    }
                }
            }
        }
    }
    if (added && !m_tick.isActive()) {
        m_tokens->advance(now);
        m_tick.start();
    }
}

void RunOverlay::tick()
{
    m_tokens->advance(m_clock.elapsed());
    if (m_tokens->count() == 0) {
        m_tick.stop();
        Q_EMIT animationFinished();
    }
}

void RunOverlay::stopAnimation()
{
    const bool was = isAnimating();
    m_tokens->clear();
    m_tick.stop();
    if (was)
        Q_EMIT animationFinished();
}

bool RunOverlay::isAnimating() const
{
    return m_tokens->count() > 0;
}

int RunOverlay::tokenCount() const
{
    return m_tokens->tokenCount();
}

void RunOverlay::setAnimationEnabled(bool enabled)
{
    m_animationEnabled = enabled;
    if (!enabled)
        stopAnimation();
}

void RunOverlay::setHeatVisible(bool visible)
{
    if (m_heat == visible)
        return;
    m_heat = visible;
    refreshAll();
}

void RunOverlay::setBreakpoint(const StepId &step, bool on)
{
    if (on)
        m_breakpoints.insert(step, true);
    else
        m_breakpoints.remove(step);
    refreshStep(step);
}

QString RunOverlay::phaseWord(StepPhase phase)
{
    switch (phase) {
    case StepPhase::Pending: return tr("pending");
    case StepPhase::Running: return tr("running");
    case StepPhase::Retrying: return tr("retrying");
    case StepPhase::Succeeded: return tr("succeeded");
    case StepPhase::FailedTechnical: return tr("failed: technical");
    case StepPhase::FailedTimeout: return tr("failed: timeout");
    case StepPhase::FailedBusiness: return tr("failed: business");
    case StepPhase::Compensating: return tr("compensating");
    case StepPhase::Compensated: return tr("compensated");
    case StepPhase::CompensationRetrying: return tr("compensation failed");
    case StepPhase::Stuck: return tr("stuck");
    }
    return {};
}

QStringList RunOverlay::wrapParts(const QStringList &parts, const QFontMetricsF &metrics, qreal width)
{
    const QString separator = QStringLiteral(" \u00b7 ");
    QStringList lines;
    QString line;
    for (const QString &part : parts) {
        const QString candidate = line.isEmpty() ? part : line + separator + part;
        if (line.isEmpty() || metrics.horizontalAdvance(candidate) <= width) {
            line = candidate;
            continue;
        }
        lines.append(line);
        line = part;
    }
    if (!line.isEmpty())
        lines.append(line);
    return lines;
}

void RunOverlay::setPausedAt(const StepId &step, const QString &text)
{
    if (step == m_pausedAt && text == m_pausedText)
        return;
    const StepId previous = std::exchange(m_pausedAt, step);
    m_pausedText = text;
    if (!previous.isEmpty())
        refreshStep(previous);
    if (!step.isEmpty())
        refreshStep(step);
}

void RunOverlay::setInjectedFault(const StepId &step, const QString &label)
{
    if (label.isEmpty())
        m_faults.remove(step);
    else
        m_faults.insert(step, label);
    refreshStep(step);
}

} // namespace Sagascope
