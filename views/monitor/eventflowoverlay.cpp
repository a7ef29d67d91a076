// SPDX-License-Identifier: MIT
#include "eventflowoverlay.h"

#include "choreographyscene.h"
#include "monitorstyle.h"
#include "runoverlay.h"

#include <QFontMetricsF>
#include <QGraphicsItem>
#include <QPainter>
#include <QPainterPath>
#include <QWidget>

#include <cmath>

namespace Sagascope {

namespace {

using Layout = ChoreographyLayout;

/** The length of a polyline, and the point at `distance` along it. */
qreal lengthOf(const QPolygonF &path)
{
    qreal length = 0;
    for (qsizetype i = 1; i < path.size(); ++i)
        length += QLineF(path.at(i - 1), path.at(i)).length();
    return length;
}

QPointF pointAlong(const QPolygonF &path, qreal distance)
{
    for (qsizetype i = 1; i < path.size(); ++i) {
        const QLineF segment(path.at(i - 1), path.at(i));
        if (distance <= segment.length())
            return segment.length() > 0 ? segment.pointAt(distance / segment.length()) : segment.p1();
        distance -= segment.length();
    }
    return path.isEmpty() ? QPointF() : path.last();
}

} // namespace

/** The tokens and the cards' phases: one item over the whole choreography view. */
class EventFlowLayer : public QGraphicsItem
{
public:
    explicit EventFlowLayer(EventFlowOverlay *overlay, QGraphicsItem *parent)
        : QGraphicsItem(parent)
        , m_overlay(overlay)
    {
        setAcceptedMouseButtons(Qt::NoButton);
    }
    QRectF boundingRect() const override
    {
        const ChoreographyScene *scene = m_overlay->m_scene;
        return scene ? scene->layout().bounds.adjusted(-40, -40, 200, 40) : QRectF();
    }
    void changed()
    {
        prepareGeometryChange(); // the layout may have grown
        update();
    }
    void paint(QPainter *painter, const QStyleOptionGraphicsItem *, QWidget *widget) override
    {
        const ChoreographyScene *scene = m_overlay->m_scene;
        if (!scene)
            return;
        const MonitorStyle style(widget ? widget->palette() : scene->palette());
        painter->save();
        painter->setRenderHint(QPainter::Antialiasing);
        paintPhases(painter, style, scene->layout());
        paintTokens(painter, style);
        painter->restore();
    }

private:
    void paintPhases(QPainter *painter, const MonitorStyle &style, const Layout::Result &layout)
    {
        const RunState *state = m_overlay->shownState();
        if (!state || m_overlay->m_instance.isEmpty())
            return;
        QFont small = painter->font();
        small.setPointSizeF(small.pointSizeF() * 0.8);
        painter->setFont(small);
        const QFontMetricsF metrics(small);
        for (auto it = layout.cards.cbegin(); it != layout.cards.cend(); ++it) {
            const StepRunState *step = state->step(m_overlay->m_instance, it.key());
            const std::optional<BarKind> kind = step ? MonitorStyle::kindOf(step->phase) : std::nullopt;
            if (!kind)
                continue;
            const QColor color = style.color(*kind);
            painter->setPen(QPen(color, 3.5));
            painter->setBrush(Qt::NoBrush);
            painter->drawRoundedRect(it.value().adjusted(-4, -4, 4, 4), 8, 8);
            const QString word = RunOverlay::phaseWord(step->phase);
            const QRectF pill(it.value().right() - metrics.horizontalAdvance(word) - 14, it.value().top() - 11,
                              metrics.horizontalAdvance(word) + 12, metrics.height() + 2);
            painter->setPen(Qt::NoPen);
            painter->setBrush(color);
            painter->drawRoundedRect(pill, pill.height() / 2, pill.height() / 2);
            painter->setPen(MonitorStyle::textOn(color));
            painter->drawText(pill, Qt::AlignCenter, word);
        }
        // Whose run this is: the correlation id, on the bus.
        const QString who = EventFlowOverlay::tr("instance %1").arg(m_overlay->m_instance);
        painter->setPen(style.palette().color(QPalette::WindowText));
        painter->drawText(QRectF(layout.bus.right() - metrics.horizontalAdvance(who) - 14, layout.bus.top() + 4,
                                 metrics.horizontalAdvance(who) + 8, metrics.height() + 2),
                          Qt::AlignCenter, who);
    }

    void paintTokens(QPainter *painter, const MonitorStyle &style)
    {
        const qint64 now = m_overlay->now();
        QFont label = painter->font();
        label.setBold(true);
        painter->setFont(label);
        const QFontMetricsF metrics(label);
        for (const EventFlowOverlay::Token &token : m_overlay->m_tokens) {
            if (now < token.startMs)
                continue; // waits for its turn
            const qreal f = qBound(0.0, qreal(now - token.startMs) / token.durationMs, 1.0);
            const qreal eased = 0.5 - 0.5 * std::cos(f * M_PI);
            const QPointF p = pointAlong(token.path, eased * lengthOf(token.path));
            const BarKind kind = token.rollback ? BarKind::Compensated : BarKind::Succeeded;
            const QColor color = style.color(kind);
            painter->setPen(QPen(style.palette().color(QPalette::Base), 2));
            painter->setBrush(color);
            painter->drawEllipse(p, 8, 8);
            MonitorStyle::paintGlyph(painter, QRectF(p.x() - 5, p.y() - 5, 10, 10), kind, MonitorStyle::textOn(color));
            const QString text = QStringLiteral("%1 \u00b7 %2").arg(token.event, EventFlowOverlay::shortId(token.instance));
            const QRectF box(p.x() + 11, p.y() - metrics.height() - 4, metrics.horizontalAdvance(text) + 10, metrics.height() + 4);
            painter->setPen(QPen(color, 1.2));
            painter->setBrush(style.palette().color(QPalette::Base));
            painter->drawRoundedRect(box, 4, 4);
            painter->setPen(style.palette().color(QPalette::Text));
            painter->drawText(box, Qt::AlignCenter, text);
        }
    }

    EventFlowOverlay *m_overlay;
};

EventFlowOverlay::EventFlowOverlay(ChoreographyScene *scene, QObject *parent)
    : QObject(parent)
    , m_scene(scene)
{
    m_clock.start();
    m_tick.setInterval(16); // at most 60 frames a second
    connect(&m_tick, &QTimer::timeout, this, &EventFlowOverlay::tick);
    m_layer = new EventFlowLayer(this, scene->overlayLayer());
    connect(scene, &ChoreographyScene::rebuilt, this, [this] { m_layer->changed(); });
}

EventFlowOverlay::~EventFlowOverlay()
{
    if (m_scene)
        delete m_layer; // else the scene took it along
}

QString EventFlowOverlay::shortId(const QString &instance)
{
    return instance.left(8);
}

void EventFlowOverlay::setActive(bool active)
{
    if (!active)
        clearRunState();
    m_active = active;
    if (m_scene) // the scene deletes the layer with it
        m_layer->setVisible(active);
}

void EventFlowOverlay::setRunState(const RunState *state, const QString &instance)
{
    if (!m_active)
        return;
    if (instance != m_instance) {
        m_publisher.clear();
        m_events.clear();
        stopAnimation();
    }
    m_state = state;
    m_instance = instance;
    if (m_scene)
        m_layer->changed();
}

void EventFlowOverlay::clearRunState()
{
    stopAnimation();
    m_state = nullptr;
    m_instance.clear();
    m_publisher.clear();
    m_events.clear();
    m_delivered = 0;
    if (m_scene)
        m_layer->changed();
}

void EventFlowOverlay::animate(const QList<TraceEvent> &applied)
{
    if (!m_active || !m_scene || m_instance.isEmpty())
        return;
    const Layout::Result &layout = m_scene->layout();
    const qint64 t = now();
    bool added = false;
    for (const TraceEvent &e : applied) {
        if (e.instance != m_instance)
            continue;
        m_events.append(e);
        if (!e.isBrokerEvent())
            continue;
        if (e.event == TraceEventType::EventPublished) {
            m_publisher.insert(e.eventId, e.step);
            continue;
        }
        ++m_delivered;
        if (!m_enabled || m_tokens.size() >= MaxTokens)
            continue;
        Token token;
        token.event = e.eventType;
        token.eventId = e.eventId;
        token.instance = e.instance;
        token.subscriber = e.step;
        token.publisher = m_publisher.value(e.eventId);
        token.path = layout.eventPath(e.eventType, token.publisher, e.step, e.toCompensation);
        if (token.path.isEmpty())
            continue; // the picture has no such line (edited since the run started)
        const Layout::Route *publish = layout.route(Layout::RouteKind::Publish, e.eventType, token.publisher);
        token.rollback = e.toCompensation
            || (publish && (publish->port == Layout::Port::FailureOut || publish->port == Layout::Port::CompensatedOut));
        token.startMs = std::max(t, m_lastStart + StaggerMs);
        token.durationMs = TokenMs;
        token.traceIndex = m_events.size() - 1;
        m_lastStart = token.startMs;
        m_tokens.append(token);
        added = true;
    }
    if (added && !m_tick.isActive())
        m_tick.start();
    if (added)
        tick(); // the phases as of the first token at once
    if (m_scene)
        m_layer->changed();
}

const RunState *EventFlowOverlay::shownState() const
{
    return m_replayK >= 0 ? &m_replay : m_state;
}

void EventFlowOverlay::stopAnimation()
{
    const bool was = isAnimating();
    m_tokens.clear();
    m_lastStart = -1;
    m_replayK = -1;
    m_tick.stop();
    if (m_scene)
        m_layer->update();
    if (was)
        Q_EMIT animationFinished();
}

void EventFlowOverlay::tick()
{
    const qint64 t = now();
    m_tokens.removeIf([t](const Token &token) { return t - token.startMs >= token.durationMs; });
    // The cards as they were when the oldest token still on its way was delivered: each
    // arrival moves them on, so the rollback is seen as the events reach the steps.
    const qsizetype k = m_tokens.isEmpty() ? -1 : m_tokens.first().traceIndex;
    if (k != m_replayK) {
        m_replayK = k;
        if (k >= 0 && m_scene)
            m_replay = RunState::stateAt(m_scene->shownDefinition(), m_events, k);
    }
    if (m_scene)
        m_layer->update();
    if (m_tokens.isEmpty()) {
        m_tick.stop();
        Q_EMIT animationFinished();
    }
}

} // namespace Sagascope
