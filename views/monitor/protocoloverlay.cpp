// SPDX-License-Identifier: MIT
#include "protocoloverlay.h"

#include "stepitem.h"

#include <QGraphicsItem>
#include <QPainter>
#include <QPainterPath>
#include <QPalette>

namespace Sagascope {

namespace {

constexpr double CoordinatorWidth = 240;
constexpr double CoordinatorHeight = 54;
constexpr double BoardWidth = 230;
constexpr double BusGap = 200; // room between the cards and the messages' bus for the labels

QColor amber() { return QColor(0xe0, 0x9b, 0x1a); }
QColor commitColor() { return QColor(0x1f, 0x8a, 0x70); }
QColor abortColor() { return QColor(0xc0, 0x39, 0x2b); }

QString shortInstance(const QString &instance)
{
    return instance.left(8);
}

/** A padlock, `size` high, its top left at `at`. */
void drawLock(QPainter *painter, const QPointF &at, double size, const QColor &color)
{
    painter->save();
    painter->setPen(QPen(color, size / 7));
    painter->setBrush(Qt::NoBrush);
    const double w = size * 0.75;
    painter->drawArc(QRectF(at.x() + w * 0.2, at.y(), w * 0.6, size * 0.7), 0, 180 * 16);
    painter->setPen(Qt::NoPen);
    painter->setBrush(color);
    painter->drawRoundedRect(QRectF(at.x(), at.y() + size * 0.38, w, size * 0.62), 2, 2);
    painter->restore();
}

} // namespace

/** The one item of the overlay: the coordinator, the message lines, the badges, the board. */
class ProtocolLayerItem : public QGraphicsItem
{
public:
    explicit ProtocolLayerItem(ProtocolOverlay *overlay)
        : m_overlay(overlay)
    {
        setZValue(900); // over the cards and arrows, under the run overlay's tokens
        setAcceptedMouseButtons(Qt::NoButton);
    }

    QRectF boundingRect() const override { return m_bounds; }

    void relayout()
    {
        prepareGeometryChange();
        m_cards = QRectF();
        if (SagaScene *scene = m_overlay->m_scene)
            for (StepItem *card : scene->stepItems())
                m_cards |= card->mapRectToScene(card->cardRect());
        // Cards laid out in a column: the messages run along a bus right of the cards, each into
        // its card's side; in a row: along a bus under the cards, each up into its card's bottom,
        // the coordinator under the bus. Either way no line crosses a card.
        m_vertical = m_cards.height() >= m_cards.width();
        if (m_vertical) {
            m_bus = m_cards.right() + BusGap;
            m_coordinator = QRectF(m_bus - CoordinatorWidth / 2, m_cards.top() - CoordinatorHeight - 50, CoordinatorWidth,
                                   CoordinatorHeight);
        } else {
            m_bus = m_cards.bottom() + BusGap;
            m_coordinator = QRectF(m_cards.center().x() - CoordinatorWidth / 2, m_bus, CoordinatorWidth, CoordinatorHeight);
        }
        const qsizetype rows = m_overlay->m_state ? m_overlay->m_state->resources().size() : 0;
        m_board = QRectF(m_cards.left() - BoardWidth - 60, m_cards.top(), BoardWidth, 34 + 44 * double(rows));
        m_bounds = m_cards.adjusted(-10, -10, BusGap + 10, BusGap + 10) | m_coordinator.adjusted(-4, -4, 4, 4)
                   | m_board.adjusted(-4, -4, 4, 4);
        update();
    }

    void paint(QPainter *painter, const QStyleOptionGraphicsItem *, QWidget *) override
    {
        const ProtocolRunState *state = m_overlay->m_state;
        SagaScene *scene = m_overlay->m_scene;
        if (!state || !scene)
            return;
        painter->setRenderHint(QPainter::Antialiasing);
        const QPalette pal = scene->palette();
        QFont font = scene->font();
        QFont bold = font;
        bold.setBold(true);

        if (!state->resources().isEmpty())
            paintBoard(painter, pal, font, bold);
        if (!m_overlay->isCoordinatorShown())
            return;

        const ProtocolRunState::Coordinator *coordinator = state->coordinator(m_overlay->m_instance);
        const bool crashed = coordinator && coordinator->phase == ProtocolRunState::CoordinatorPhase::Crashed;
        // Lines from the coordinator to each participant of the shown instance, with the last message.
        const QPen busPen(pal.color(QPalette::Mid), 2, crashed ? Qt::DotLine : Qt::DashLine);
        double busEnd = m_vertical ? m_coordinator.bottom() : m_coordinator.center().x();
        double busStart = busEnd;
        for (StepItem *card : scene->stepItems()) {
            const QString message = m_overlay->messageText(card->stepId());
            if (message.isEmpty())
                continue;
            const QRectF rect = card->mapRectToScene(card->cardRect());
            const ProtocolRunState::Participant *p = state->participant(m_overlay->m_instance, card->stepId());
            QColor color = pal.color(QPalette::Mid);
            if (p && p->inDoubt)
                color = amber();
            else if (p && (p->applied == QLatin1String("abort") || p->vote == ProtocolRunState::Vote::No))
                color = abortColor();
            else if (p && (p->applied == QLatin1String("commit") || p->vote == ProtocolRunState::Vote::Yes))
                color = commitColor();
            // The segment from the bus into the card, its label in the middle.
            const QPointF into = m_vertical ? QPointF(rect.right(), rect.center().y()) : QPointF(rect.center().x(), rect.bottom());
            const QPointF onBus = m_vertical ? QPointF(m_bus, into.y()) : QPointF(into.x(), m_bus);
            busStart = qMin(busStart, m_vertical ? into.y() : into.x());
            busEnd = qMax(busEnd, m_vertical ? into.y() : into.x());
            painter->setPen(QPen(color, 2, crashed ? Qt::DotLine : Qt::DashLine));
            painter->drawLine(onBus, into);
            const QPointF mid = (onBus + into) / 2;
            const QFontMetricsF fm(bold);
            const QRectF label(mid.x() - fm.horizontalAdvance(message) / 2 - 6, mid.y() - fm.height() / 2 - 2,
                               fm.horizontalAdvance(message) + 12, fm.height() + 4);
            painter->setPen(QPen(color, 1));
            painter->setBrush(pal.color(QPalette::Base));
            painter->drawRoundedRect(label, 4, 4);
            painter->setFont(bold);
            painter->setPen(color);
            painter->drawText(label, Qt::AlignCenter, message);

            // The doubt above the label, the lock with the time held under it.
            const double x = m_vertical ? rect.right() + 10 : rect.center().x() + 10;
            if (p && p->inDoubt) {
                painter->setFont(bold);
                painter->setPen(amber());
                painter->drawText(QPointF(x, label.top() - 6), ProtocolOverlay::tr("in doubt"));
            }
            const QString lock = m_overlay->lockText(card->stepId());
            if (!lock.isEmpty()) {
                drawLock(painter, QPointF(x, label.bottom() + 4), 16, p && p->inDoubt ? amber() : pal.color(QPalette::Text));
                painter->setFont(font);
                painter->setPen(pal.color(QPalette::Text));
                painter->drawText(QPointF(x + 22, label.bottom() + 17), lock);
            }
        }
        painter->setPen(busPen);
        if (m_vertical)
            painter->drawLine(QPointF(m_bus, m_coordinator.bottom()), QPointF(m_bus, busEnd));
        else
            painter->drawLine(QPointF(busStart, m_bus), QPointF(busEnd, m_bus));

        // The coordinator.
        painter->setPen(QPen(crashed ? abortColor() : pal.color(QPalette::Text), crashed ? 3 : 1.5,
                             crashed ? Qt::DashLine : Qt::SolidLine));
        painter->setBrush(pal.color(QPalette::AlternateBase));
        painter->drawRoundedRect(m_coordinator, 8, 8);
        painter->setFont(bold);
        painter->setPen(pal.color(QPalette::Text));
        painter->drawText(m_coordinator.adjusted(8, 4, -8, -m_coordinator.height() / 2), Qt::AlignCenter,
                          ProtocolOverlay::tr("2PC coordinator"));
        painter->setFont(font);
        painter->setPen(crashed ? abortColor() : pal.color(QPalette::Text));
        painter->drawText(m_coordinator.adjusted(8, m_coordinator.height() / 2, -8, -4), Qt::AlignCenter,
                          m_overlay->coordinatorText());
    }

private:
    void paintBoard(QPainter *painter, const QPalette &pal, const QFont &font, const QFont &bold)
    {
        painter->setPen(QPen(pal.color(QPalette::Mid), 1));
        painter->setBrush(pal.color(QPalette::AlternateBase));
        painter->drawRoundedRect(m_board, 8, 8);
        painter->setFont(bold);
        painter->setPen(pal.color(QPalette::Text));
        painter->drawText(m_board.adjusted(10, 6, -10, 0), Qt::AlignLeft | Qt::AlignTop,
                          ProtocolOverlay::tr("Shared resources"));
        double y = m_board.top() + 30;
        for (const ProtocolRunState::ResourceView &view : m_overlay->m_state->resources()) {
            QFont big = bold;
            big.setPointSizeF(bold.pointSizeF() * 1.3);
            painter->setFont(big);
            painter->setPen(pal.color(QPalette::Text));
            painter->drawText(QRectF(m_board.left() + 10, y, m_board.width() - 20, 22), Qt::AlignLeft | Qt::AlignVCenter,
                              QStringLiteral("%1 = %2").arg(view.name).arg(view.value));
            if (!view.lockHolder.isEmpty())
                drawLock(painter, QPointF(m_board.right() - 24, y + 3), 16, amber());
            painter->setFont(font);
            painter->setPen(pal.color(QPalette::PlaceholderText));
            const QStringList lines = m_overlay->resourceText(view.name).split(QLatin1Char('\n'));
            painter->drawText(QRectF(m_board.left() + 10, y + 20, m_board.width() - 20, 20), Qt::AlignLeft | Qt::AlignVCenter,
                              lines.value(1));
            y += 44;
        }
    }

    ProtocolOverlay *m_overlay;
    QRectF m_bounds;
    QRectF m_cards;
    QRectF m_coordinator;
    QRectF m_board;
    double m_bus = 0;
    bool m_vertical = true;
};

ProtocolOverlay::ProtocolOverlay(SagaScene *scene, QObject *parent)
    : QObject(parent)
    , m_scene(scene)
{
}

ProtocolOverlay::~ProtocolOverlay()
{
    // Once created the item is the scene's (hidden when there is nothing to show): a scene that
    // went first took it along.
    if (m_scene)
        delete m_item;
}

QGraphicsItem *ProtocolOverlay::item() const
{
    return m_item;
}

void ProtocolOverlay::setState(const ProtocolRunState *state, const QString &instance)
{
    m_state = state;
    m_instance = instance;
    refresh();
}

void ProtocolOverlay::setRunClock(qint64 now)
{
    if (now == m_now)
        return;
    m_now = now;
    if (m_item && m_item->isVisible())
        m_item->update();
}

void ProtocolOverlay::clear()
{
    m_state = nullptr;
    m_instance.clear();
    m_now = -1;
    refresh();
}

void ProtocolOverlay::refresh()
{
    const bool show = m_scene && m_state && (m_state->isTwoPhase() || !m_state->resources().isEmpty());
    if (!show) {
        if (m_item)
            m_item->setVisible(false);
        return;
    }
    if (!m_item) {
        m_item = new ProtocolLayerItem(this);
        m_scene->addItem(m_item);
    }
    m_item->setVisible(true);
    m_item->relayout();
}

qint64 ProtocolOverlay::now() const
{
    return qMax(m_now, m_state ? m_state->lastT() : -1);
}

bool ProtocolOverlay::isCoordinatorShown() const
{
    return m_state && m_state->isTwoPhase() && m_state->coordinator(m_instance);
}

QString ProtocolOverlay::coordinatorText() const
{
    const ProtocolRunState::Coordinator *c = m_state ? m_state->coordinator(m_instance) : nullptr;
    if (!c)
        return {};
    switch (c->phase) {
    case ProtocolRunState::CoordinatorPhase::None:
    case ProtocolRunState::CoordinatorPhase::Preparing: return tr("phase one: prepare, wait for votes");
    case ProtocolRunState::CoordinatorPhase::Decided:
        return c->decision == QLatin1String("commit") ? tr("decided: commit (logged)") : tr("decided: abort (logged)");
    case ProtocolRunState::CoordinatorPhase::Crashed:
        if (c->decision == QLatin1String("commit"))
            return tr("CRASHED after logging commit: %n in doubt", nullptr, c->inDoubt);
        if (c->decision == QLatin1String("abort"))
            return tr("CRASHED after logging abort: %n in doubt", nullptr, c->inDoubt);
        return tr("CRASHED: %n participant(s) in doubt", nullptr, c->inDoubt);
    case ProtocolRunState::CoordinatorPhase::Finished:
        return c->decision == QLatin1String("commit") ? tr("done: committed") : tr("done: aborted");
    }
    return {};
}

QString ProtocolOverlay::messageText(const StepId &step) const
{
    const ProtocolRunState::Participant *p = m_state ? m_state->participant(m_instance, step) : nullptr;
    if (!p || !p->prepared)
        return {};
    if (p->applied == QLatin1String("commit"))
        return tr("commit ✓");
    if (p->applied == QLatin1String("abort"))
        return tr("abort ✗");
    if (p->vote == ProtocolRunState::Vote::Yes)
        return tr("vote: yes");
    if (p->vote == ProtocolRunState::Vote::No)
        return tr("vote: no");
    return p->attempt > 1 ? tr("prepare (attempt %1)").arg(p->attempt) : tr("prepare");
}

QString ProtocolOverlay::lockText(const StepId &step) const
{
    const ProtocolRunState::Participant *p = m_state ? m_state->participant(m_instance, step) : nullptr;
    if (!p || p->lockedSince < 0)
        return {};
    const qint64 held = qMax<qint64>(0, qMax(now(), p->lockedSince) - p->lockedSince);
    return p->resource.isEmpty() ? tr("held %1 ms").arg(held) : tr("%1 held %2 ms").arg(p->resource).arg(held);
}

bool ProtocolOverlay::isInDoubt(const StepId &step) const
{
    const ProtocolRunState::Participant *p = m_state ? m_state->participant(m_instance, step) : nullptr;
    return p && p->inDoubt;
}

QString ProtocolOverlay::resourceText(const QString &resource) const
{
    const ProtocolRunState::ResourceView *view = m_state ? m_state->resource(resource) : nullptr;
    if (!view)
        return {};
    QString detail;
    if (!view->lockHolder.isEmpty())
        detail = tr("locked by %1 for %2 ms")
                     .arg(shortInstance(view->lockHolder))
                     .arg(qMax<qint64>(0, qMax(now(), view->lockedSince) - view->lockedSince));
    else if (view->lastT >= 0)
        detail = tr("%1 by %2 (%3)")
                     .arg(view->lastDelta > 0 ? QStringLiteral("+%1").arg(view->lastDelta) : QString::number(view->lastDelta),
                          shortInstance(view->lastInstance), view->lastStep);
    else
        detail = tr("initial value");
    return QStringLiteral("%1 = %2\n%3").arg(view->name).arg(view->value).arg(detail);
}

} // namespace Sagascope
