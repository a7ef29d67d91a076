// SPDX-License-Identifier: MIT
#include "choreographyscene.h"

#include "cardstyle.h"
#include "sagadocument.h"

#include <QFontMetricsF>
#include <QGraphicsPathItem>
#include <QGraphicsSceneMouseEvent>
#include <QGraphicsSimpleTextItem>
#include <QKeyEvent>
#include <QPainter>
#include <QPainterPath>
#include <QPalette>
#include <QStyleOptionGraphicsItem>

namespace Sagascope {

namespace {

using Layout = ChoreographyLayout;

enum ItemType { CardType = QGraphicsItem::UserType + 20, RouteType = QGraphicsItem::UserType + 21 };
enum DataKey { RouteIndex = 0 };

constexpr qreal PortRadius = 5;
constexpr qreal PortGrab = 11; // how near a press must be to a port to start a drag

QColor compensationColor(const QPalette &palette)
{
    return CardStyle::mix(CardStyle::warningColor(palette), CardStyle::errorColor(palette), 0.5);
}

bool isRollbackRoute(const Layout::Route &route)
{
    return route.port == Layout::Port::CompensationIn || route.port == Layout::Port::FailureOut
        || route.port == Layout::Port::CompensatedOut;
}

/** A step's card: its label, what it listens to and emits, and the same for its compensation. */
class CardItem : public QGraphicsItem
{
public:
    CardItem(const Step &step, bool orchestrated, const QRectF &rect, QGraphicsItem *parent)
        : QGraphicsItem(parent)
        , m_step(step)
        , m_orchestrated(orchestrated)
        , m_rect(rect)
    {
        setFlag(ItemIsSelectable);
        setToolTip(toolTipFor(step, orchestrated));
    }

    /** Everything the card may have to cut short, in full. */
    static QString toolTipFor(const Step &step, bool orchestrated)
    {
        QStringList lines;
        lines << (orchestrated ? ChoreographyScene::tr("called by the orchestrator")
                               : ChoreographyScene::tr("on: %1").arg(step.on.join(QLatin1String(" + "))));
        if (step.emits && !step.emits->success.isEmpty())
            lines << ChoreographyScene::tr("emits %1").arg(QStringLiteral("\u2713 ") + step.emits->success);
        if (step.emits && !step.emits->failure.isEmpty())
            lines << ChoreographyScene::tr("emits %1").arg(QStringLiteral("\u2717 ") + step.emits->failure);
        if (step.compensation) {
            QString text = QStringLiteral("\u21BA %1").arg(step.compensation->name);
            if (!step.compensation->on.isEmpty())
                text += QLatin1Char(' ') + ChoreographyScene::tr("on %1").arg(step.compensation->on.join(QLatin1String(" | ")));
            if (!step.compensation->emits.isEmpty())
                text += QStringLiteral(" \u2192 %1").arg(step.compensation->emits);
            lines << text;
        }
        QString html = QStringLiteral("<b>%1</b> (%2)").arg(step.displayName().toHtmlEscaped(), step.id);
        for (const QString &line : std::as_const(lines))
            html += QLatin1String("<br>") + line.toHtmlEscaped();
        return html;
    }

    enum { Type = CardType };
    int type() const override { return Type; }
    const StepId &stepId() const { return m_step.id; }
    QRectF boundingRect() const override { return m_rect.adjusted(-PortRadius - 1, -2, PortRadius + 1, 2); }

    void paint(QPainter *painter, const QStyleOptionGraphicsItem *, QWidget *) override
    {
        const QPalette palette = scene() ? scene()->palette() : QPalette();
        const CardStyle style(m_step.kind, palette);
        painter->setRenderHint(QPainter::Antialiasing);
        const QPainterPath outline = CardStyle::outline(m_step.kind, m_rect);
        painter->fillPath(outline, style.fill());
        if (m_step.compensation) { // the compensation's band along the bottom
            painter->save();
            painter->setClipPath(outline);
            painter->fillRect(QRectF(m_rect.left(), m_rect.bottom() - 30, m_rect.width(), 30), style.band());
            painter->restore();
        }
        painter->setPen(QPen(isSelected() ? palette.color(QPalette::Highlight) : style.accent(), isSelected() ? 3 : 1.6));
        painter->drawPath(outline);

        const qreal left = m_rect.left() + CardStyle::leftInset(m_step.kind) + 8;
        const qreal width = m_rect.right() - CardStyle::rightInset(m_step.kind) - 8 - left;
        CardStyle::drawGlyph(painter, m_step.kind, QRectF(left, m_rect.top() + 6, 16, 16), style.accent());
        QFont bold = painter->font();
        bold.setBold(true);
        painter->setFont(bold);
        painter->setPen(style.text());
        const QString title = m_step.label.isEmpty() ? m_step.id : m_step.label;
        drawLine(painter, QRectF(left + 20, m_rect.top() + 5, width - 20, 18), title);
        QFont small = painter->font();
        small.setBold(false);
        small.setPointSizeF(small.pointSizeF() * 0.85);
        painter->setFont(small);

        painter->setPen(style.mutedText());
        const QString on = m_orchestrated ? ChoreographyScene::tr("called by the orchestrator")
            : m_step.on.isEmpty()         ? ChoreographyScene::tr("on: (nothing: never runs)")
                                          : ChoreographyScene::tr("on: %1").arg(m_step.on.join(QLatin1String(" + ")));
        drawLine(painter, QRectF(left, m_rect.top() + 24, width, 16), on);
        QStringList emitted;
        if (m_step.emits && !m_step.emits->success.isEmpty())
            emitted << QStringLiteral("\u2713 %1").arg(m_step.emits->success);
        if (m_step.emits && !m_step.emits->failure.isEmpty())
            emitted << QStringLiteral("\u2717 %1").arg(m_step.emits->failure);
        painter->setPen(style.text());
        drawLine(painter, QRectF(left, m_rect.top() + 41, width, 16),
                 emitted.isEmpty() ? ChoreographyScene::tr("emits nothing")
                                   : ChoreographyScene::tr("emits %1").arg(emitted.join(QLatin1String("  "))));
        if (m_step.compensation) {
            const Operation &c = *m_step.compensation;
            QString text = QStringLiteral("\u21BA %1").arg(c.name);
            if (!c.on.isEmpty())
                text += QLatin1Char(' ') + ChoreographyScene::tr("on %1").arg(c.on.join(QLatin1String(" | ")));
            if (!c.emits.isEmpty())
                text += QStringLiteral(" \u2192 %1").arg(c.emits);
            painter->setPen(style.text());
            drawLine(painter, QRectF(left, m_rect.bottom() - 26, width, 22), text);
        }

        // Ports: where events come in and go out.
        painter->setPen(QPen(style.accent(), 1.2));
        auto port = [&](Layout::Port p, bool shown, const QColor &fill) {
            if (!shown)
                return;
            painter->setBrush(fill);
            painter->drawEllipse(Layout::portPoint(m_rect, p), PortRadius, PortRadius);
        };
        const QColor rollback = compensationColor(palette);
        port(Layout::Port::ActionIn, true, palette.color(QPalette::Base));
        port(Layout::Port::CompensationIn, m_step.compensation.has_value(), palette.color(QPalette::Base));
        port(Layout::Port::SuccessOut, true, style.accent()); // always there: drag from it to subscribe a step
        port(Layout::Port::FailureOut, m_step.emits && !m_step.emits->failure.isEmpty(), rollback);
        port(Layout::Port::CompensatedOut, m_step.compensation && !m_step.compensation->emits.isEmpty(), rollback);
    }

private:
    static void drawLine(QPainter *painter, const QRectF &rect, const QString &text)
    {
        const QFontMetricsF metrics(painter->font());
        painter->drawText(rect, Qt::AlignLeft | Qt::AlignVCenter, metrics.elidedText(text, Qt::ElideRight, rect.width()));
    }

    Step m_step;
    bool m_orchestrated;
    QRectF m_rect;
};

QPainterPath polylinePath(const QPolygonF &points)
{
    QPainterPath path;
    if (points.isEmpty())
        return path;
    path.moveTo(points.first());
    for (qsizetype i = 1; i < points.size(); ++i)
        path.lineTo(points.at(i));
    return path;
}

/** A small arrowhead at the end of `points`, pointing along the last segment. */
QPainterPath arrowHead(const QPolygonF &points)
{
    QPainterPath head;
    if (points.size() < 2)
        return head;
    const QPointF tip = points.last();
    const QPointF from = points.at(points.size() - 2);
    QLineF line(tip, from);
    line.setLength(9);
    QLineF left = line, right = line;
    left.setAngle(line.angle() + 25);
    right.setAngle(line.angle() - 25);
    head.moveTo(left.p2());
    head.lineTo(tip);
    head.lineTo(right.p2());
    head.closeSubpath();
    return head;
}

/** A line of the picture that can be selected (a delivery can be deleted). */
class RouteItem : public QGraphicsPathItem
{
public:
    using QGraphicsPathItem::QGraphicsPathItem;
    enum { Type = RouteType };
    int type() const override { return Type; }
    QPainterPath shape() const override
    {
        QPainterPathStroker stroker;
        stroker.setWidth(9);
        return stroker.createStroke(path());
    }
    void paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *widget) override
    {
        QStyleOptionGraphicsItem plain(*option);
        plain.state &= ~QStyle::State_Selected; // selection is shown by a thicker line, not a dotted box
        if (isSelected()) {
            QPen wide = pen();
            wide.setWidthF(pen().widthF() + 2);
            wide.setColor(scene()->palette().color(QPalette::Highlight));
            painter->setPen(wide);
            painter->drawPath(path());
            return;
        }
        QGraphicsPathItem::paint(painter, &plain, widget);
    }
};

} // namespace

ChoreographyScene::ChoreographyScene(SagaDocument *document, QObject *parent)
    : QGraphicsScene(parent)
    , m_document(document)
{
    m_overlay = new QGraphicsRectItem;
    m_overlay->setFlag(QGraphicsItem::ItemHasNoContents);
    m_overlay->setZValue(100);
    addItem(m_overlay);
    if (m_document) {
        connect(m_document, &SagaDocument::documentReset, this, &ChoreographyScene::rebuild);
        connect(m_document, &SagaDocument::changed, this, &ChoreographyScene::rebuild);
    }
    rebuild();
}

QGraphicsPathItem *ChoreographyScene::routeItem(Layout::RouteKind kind, const QString &event, const StepId &step) const
{
    for (qsizetype i = 0; i < m_layout.routes.size() && i < m_routeItems.size(); ++i) {
        const Layout::Route &route = m_layout.routes.at(i);
        if (route.kind == kind && route.event == event && route.step == step)
            return m_routeItems.at(i);
    }
    return nullptr;
}

StepId ChoreographyScene::stepAt(const QPointF &scenePos) const
{
    for (auto it = m_layout.cards.cbegin(); it != m_layout.cards.cend(); ++it) {
        if (it.value().contains(scenePos))
            return it.key();
    }
    return {};
}

QStringList ChoreographyScene::selectedSteps() const
{
    QStringList ids;
    for (QGraphicsItem *item : selectedItems()) {
        if (item->type() == CardType)
            ids.append(static_cast<CardItem *>(item)->stepId());
    }
    return ids;
}

void ChoreographyScene::setShownDefinition(const std::optional<SagaDefinition> &definition)
{
    m_shown = definition;
    rebuild();
}

const SagaDefinition &ChoreographyScene::shownDefinition() const
{
    static const SagaDefinition empty;
    return m_shown ? *m_shown : m_document ? m_document->definition() : empty;
}

void ChoreographyScene::rebuild()
{
    endDrag();
    QList<QGraphicsItem *> topLevel;
    for (QGraphicsItem *item : items()) {
        if (item != m_overlay && !item->parentItem())
            topLevel.append(item); // children go with their parents; the overlay stays
    }
    qDeleteAll(topLevel);
    m_routeItems.clear();
    const SagaDefinition &saga = shownDefinition();
    m_layout = ChoreographyLayout::compute(saga);
    addLanesAndBus();
    addRoutes();
    for (const Step &step : saga.steps) {
        auto *card = new CardItem(step, ChoreographyLayout::isOrchestrated(saga, step), m_layout.cards.value(step.id), nullptr);
        card->setZValue(5);
        addItem(card);
    }
    setSceneRect(m_layout.bounds.adjusted(-20, -20, 20, 20));
    Q_EMIT rebuilt();
}

void ChoreographyScene::addLanesAndBus()
{
    const QPalette pal = palette();
    const QColor text = pal.color(QPalette::WindowText);
    const QColor laneA = CardStyle::mix(pal.color(QPalette::Base), pal.color(QPalette::Window), 0.5);
    const QColor laneB = pal.color(QPalette::Base);
    int index = 0;
    for (const Layout::Lane &lane : m_layout.lanes) {
        auto *rect = addRect(lane.rect, QPen(CardStyle::mix(text, laneB, 0.85), 1), index++ % 2 ? laneB : laneA);
        rect->setZValue(-10);
        const QString title = lane.orchestrator ? tr("Orchestrator")
            : lane.title.isEmpty()              ? tr("(no service)")
                                                : lane.title;
        auto *label = addSimpleText(title);
        QFont font = label->font();
        font.setBold(true);
        label->setFont(font);
        label->setBrush(text);
        label->setPos(lane.rect.left() + 10, lane.rect.top() + 8);
        label->setZValue(-9);
        if (!lane.orchestrator && !lane.service.isEmpty() && lane.service != lane.title) {
            auto *id = addSimpleText(lane.service);
            id->setBrush(CardStyle::mix(text, laneB, 0.45));
            id->setPos(lane.rect.left() + 10, lane.rect.top() + 26);
            id->setZValue(-9);
        }
    }
    if (!m_layout.orchestrator.isNull()) {
        auto *bar = addRect(m_layout.orchestrator, QPen(CardStyle::edgeColor(pal), 1.4),
                            CardStyle::mix(pal.color(QPalette::Base), CardStyle::edgeColor(pal), 0.12));
        bar->setZValue(-8);
        auto *label = addSimpleText(tr("Orchestrator: calls each step in order (commands)"));
        label->setBrush(text);
        label->setPos(m_layout.orchestrator.left() + 8, m_layout.orchestrator.center().y() - 9);
        label->setZValue(-7);
    }

    // The bus: the broker, with one track per event.
    const QColor busColor = CardStyle::mix(pal.color(QPalette::Base), pal.color(QPalette::Highlight), 0.10);
    auto *bus = addRect(m_layout.bus, QPen(CardStyle::mix(pal.color(QPalette::Highlight), busColor, 0.3), 1.5), busColor);
    bus->setZValue(-6);
    auto *busLabel = addSimpleText(tr("Event bus (embedded broker: outbox, at-least-once delivery, inbox)"));
    QFont busFont = busLabel->font();
    busFont.setBold(true);
    busLabel->setFont(busFont);
    busLabel->setBrush(text);
    busLabel->setPos(m_layout.bus.left() + 10, m_layout.bus.top() + 5);
    busLabel->setZValue(-5);
    QFont small = busLabel->font();
    small.setBold(false);
    small.setPointSizeF(small.pointSizeF() * 0.85);
    for (const Layout::Track &track : m_layout.tracks) {
        auto *line = addLine(QLineF(track.x1, track.y, track.x2, track.y),
                             QPen(CardStyle::mix(text, busColor, 0.55), 1.2, Qt::DashLine));
        line->setZValue(-4);
        auto *name = addSimpleText(track.start ? tr("%1 (start)").arg(track.event) : track.event);
        name->setFont(small);
        name->setBrush(text);
        const QRectF box = name->boundingRect();
        name->setPos(track.x1 + 4, track.y - box.height() + 1);
        name->setZValue(-3);
        if (track.start) {
            auto *dot = addEllipse(QRectF(track.x1 - 5, track.y - 5, 10, 10), QPen(text), pal.color(QPalette::Highlight));
            dot->setZValue(-3);
        }
    }
}

void ChoreographyScene::addRoutes()
{
    const QPalette pal = palette();
    const QColor eventColor = CardStyle::mix(pal.color(QPalette::WindowText), pal.color(QPalette::Highlight), 0.35);
    const QColor rollback = compensationColor(pal);
    const QColor command = CardStyle::edgeColor(pal);
    for (qsizetype i = 0; i < m_layout.routes.size(); ++i) {
        const Layout::Route &route = m_layout.routes.at(i);
        const bool isCommand = route.kind == Layout::RouteKind::Command;
        const QColor color = isCommand ? command : isRollbackRoute(route) ? rollback : eventColor;
        QPainterPath path = polylinePath(route.points);
        if (route.kind != Layout::RouteKind::Publish)
            path.addPath(arrowHead(route.points)); // into the card
        auto *item = new RouteItem(path);
        QPen pen(color, isCommand ? 1.8 : 1.5, isCommand ? Qt::SolidLine : Qt::DashLine);
        pen.setCapStyle(Qt::FlatCap);
        item->setPen(pen);
        item->setData(RouteIndex, int(i));
        item->setZValue(1);
        if (route.kind == Layout::RouteKind::Deliver) {
            item->setFlag(QGraphicsItem::ItemIsSelectable, isShowingDocument());
            item->setToolTip(tr("%1 is delivered to %2 (select and press Delete to unsubscribe)").arg(route.event, route.step));
        } else if (route.kind == Layout::RouteKind::Publish) {
            item->setToolTip(tr("%1 publishes %2").arg(route.step, route.event));
        } else {
            item->setToolTip(tr("The orchestrator calls %1 (%2)").arg(route.step, route.event));
        }
        addItem(item);
        m_routeItems.append(item);
        if (isCommand || route.kind == Layout::RouteKind::Publish) {
            // The name where it leaves: the command beside the card, the event beside its port.
            auto *label = addSimpleText(route.event);
            QFont small = label->font();
            small.setPointSizeF(small.pointSizeF() * 0.8);
            small.setItalic(!isCommand);
            label->setFont(small);
            label->setBrush(color);
            const QPointF at = isCommand ? route.points.last() + QPointF(-label->boundingRect().width() - 4, -16)
                                         : route.points.first() + QPointF(4, -15);
            label->setPos(at);
            label->setZValue(2);
        }
    }
}

void ChoreographyScene::mousePressEvent(QGraphicsSceneMouseEvent *event)
{
    if (event->button() == Qt::LeftButton && isShowingDocument()) {
        for (auto it = m_layout.cards.cbegin(); it != m_layout.cards.cend(); ++it) {
            const QPointF port = Layout::portPoint(it.value(), Layout::Port::SuccessOut);
            if (QLineF(port, event->scenePos()).length() <= PortGrab) {
                m_dragFrom = it.key();
                m_dragLine = new QGraphicsPathItem;
                m_dragLine->setPen(QPen(palette().color(QPalette::Highlight), 2, Qt::DashLine, Qt::RoundCap));
                m_dragLine->setZValue(50);
                addItem(m_dragLine);
                updateDragLine(event->scenePos());
                event->accept();
                return;
            }
        }
    }
    QGraphicsScene::mousePressEvent(event);
}

void ChoreographyScene::mouseMoveEvent(QGraphicsSceneMouseEvent *event)
{
    if (isConnecting()) {
        updateDragLine(event->scenePos());
        event->accept();
        return;
    }
    QGraphicsScene::mouseMoveEvent(event);
}

void ChoreographyScene::mouseReleaseEvent(QGraphicsSceneMouseEvent *event)
{
    if (!isConnecting()) {
        QGraphicsScene::mouseReleaseEvent(event);
        return;
    }
    const StepId from = m_dragFrom;
    const StepId to = stepAt(event->scenePos());
    endDrag();
    event->accept();
    if (to.isEmpty() || to == from || !m_document)
        return;
    if (!m_document->connectEvent(from, to))
        Q_EMIT message(tr("%1 already waits for what %2 emits").arg(to, from));
}

void ChoreographyScene::keyPressEvent(QKeyEvent *event)
{
    if (event->matches(QKeySequence::Delete) || event->key() == Qt::Key_Backspace) {
        deleteSelection();
        event->accept();
        return;
    }
    if (event->key() == Qt::Key_Escape && isConnecting()) {
        endDrag();
        event->accept();
        return;
    }
    QGraphicsScene::keyPressEvent(event);
}

void ChoreographyScene::deleteSelection()
{
    QList<QPair<StepId, QString>> deliveries;
    for (QGraphicsItem *item : selectedItems()) {
        if (item->type() != RouteType)
            continue;
        const Layout::Route &route = m_layout.routes.at(item->data(RouteIndex).toInt());
        if (route.kind == Layout::RouteKind::Deliver && route.port == Layout::Port::ActionIn)
            deliveries.append({route.step, route.event});
    }
    if (!m_document || !isShowingDocument())
        return;
    for (const auto &[step, event] : deliveries) // each rebuilds the scene; the pairs are values
        m_document->disconnectEvent(step, event);
}

void ChoreographyScene::updateDragLine(const QPointF &scenePos)
{
    if (!m_dragLine)
        return;
    const QPointF start = Layout::portPoint(m_layout.cards.value(m_dragFrom), Layout::Port::SuccessOut);
    const StepId target = stepAt(scenePos);
    const QPointF end = !target.isEmpty() && target != m_dragFrom
        ? Layout::portPoint(m_layout.cards.value(target), Layout::Port::ActionIn)
        : scenePos;
    QPainterPath path(start);
    const qreal k = qMax<qreal>(30, std::abs(end.x() - start.x()) / 2);
    path.cubicTo(start + QPointF(k, 0), end - QPointF(k, 0), end);
    m_dragLine->setPath(path);
}

void ChoreographyScene::endDrag()
{
    m_dragFrom.clear();
    delete m_dragLine;
    m_dragLine = nullptr;
}

} // namespace Sagascope
