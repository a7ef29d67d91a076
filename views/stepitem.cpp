// SPDX-License-Identifier: MIT
#include "stepitem.h"

#include "cardstyle.h"
#include "sagascene.h"

#include <QCoreApplication>
#include <QFontMetricsF>
#include <QGraphicsScene>
#include <QGraphicsView>
#include <QGraphicsSceneHoverEvent>
#include <QPainter>
#include <QStyleOptionGraphicsItem>
#include <QTextLayout>

namespace Sagascope {

namespace {

constexpr qreal MinCardWidth = 196;
constexpr qreal MaxCardWidth = 360;
constexpr qreal Pad = 12;
constexpr qreal HeaderHeight = 16;
constexpr qreal BadgeHeight = 18;
constexpr qreal BandHeight = 24;
constexpr qreal Gap = 5;

/** The fonts of a card, in pixel sizes so that screen, PNG and SVG (72 dpi) agree. */
struct CardFonts
{
    explicit CardFonts(const QFont &base)
    {
        const qreal px = base.pixelSize() > 0 ? base.pixelSize() : qMax<qreal>(12, base.pointSizeF() * 96.0 / 72.0);
        caption = base;
        caption.setPixelSize(qRound(px * 0.78));
        caption.setBold(true);
        caption.setLetterSpacing(QFont::PercentageSpacing, 108);
        caption.setCapitalization(QFont::AllUppercase);
        label = base;
        label.setPixelSize(qRound(px * 1.08));
        label.setBold(true);
        service = base;
        service.setPixelSize(qRound(px * 0.92));
        badge = base;
        badge.setPixelSize(qRound(px * 0.78));
        band = base;
        band.setPixelSize(qRound(px * 0.85));
    }
    QFont caption, label, service, badge, band;
};

enum class BadgeIcon { None, Retry, Clock, Idempotent, SideEffect };

struct Badge
{
    BadgeIcon icon = BadgeIcon::None;
    QString text;
    bool warn = false;
};

QString durationText(int ms)
{
    if (ms >= 1000 && ms % 100 == 0)
        return QStringLiteral("%1 s").arg(QString::number(ms / 1000.0, 'g', 3));
    return QStringLiteral("%1 ms").arg(ms);
}

QList<Badge> badgesOf(const Step &step)
{
    QList<Badge> badges;
    const RetryPolicy retry = step.effectiveActionRetry();
    badges.append({BadgeIcon::Retry,
                   retry.isBounded() ? QCoreApplication::translate("StepItem", "%1\u00d7").arg(retry.maxAttempts) : QStringLiteral("\u221e"), false});
    if (step.timeoutMs)
        badges.append({BadgeIcon::Clock, durationText(*step.timeoutMs), false});
    if (step.idempotent)
        badges.append({BadgeIcon::Idempotent, QCoreApplication::translate("StepItem", "idempotent"), false});
    if (!step.sideEffects.isEmpty())
        badges.append({BadgeIcon::SideEffect, step.sideEffects.join(QStringLiteral(", ")), true});
    if (const QString rates = StepItem::failureRateText(step); !rates.isEmpty())
        badges.append({BadgeIcon::None, rates, true});
    return badges;
}

qreal badgeWidth(const Badge &badge, const QFontMetricsF &fm)
{
    return fm.horizontalAdvance(badge.text) + (badge.icon == BadgeIcon::None ? 12 : 24);
}

QString bandText(const Step &step, bool *missing)
{
    *missing = false;
    if (step.compensation && !step.compensation->name.isEmpty())
        return QCoreApplication::translate("StepItem", "undo: %1").arg(step.compensation->name);
    if (step.compensation)
        return QCoreApplication::translate("StepItem", "undo: (unnamed)");
    switch (step.kind) {
    case StepKind::Compensatable:
        *missing = true;
        return QCoreApplication::translate("StepItem", "no compensation");
    case StepKind::Pivot: return QCoreApplication::translate("StepItem", "no undo \u00b7 go / no-go");
    case StepKind::Retriable: return QCoreApplication::translate("StepItem", "forward only \u00b7 retried");
    }
    return {};
}

qreal contentLeft(StepKind kind)
{
    return kind == StepKind::Compensatable ? Pad : Pad + 10;
}

qreal contentRight(StepKind kind)
{
    return kind == StepKind::Compensatable ? Pad : Pad + 12;
}

void drawBadgeIcon(QPainter *painter, BadgeIcon icon, const QRectF &r, const QColor &color, const QColor &warn)
{
    painter->save();
    switch (icon) {
    case BadgeIcon::None: break;
    case BadgeIcon::Retry: CardStyle::drawGlyph(painter, StepKind::Retriable, r, color); break;
    case BadgeIcon::Clock: {
        painter->setPen(QPen(color, 1.3));
        painter->setBrush(Qt::NoBrush);
        const QRectF face = r.adjusted(1, 1, -1, -1);
        painter->drawEllipse(face);
        const QPointF c = face.center();
        painter->drawLine(c, c + QPointF(0, -face.height() * 0.32));
        painter->drawLine(c, c + QPointF(face.width() * 0.26, 0));
        break;
    }
    case BadgeIcon::Idempotent: {
        // "=": repeating it changes nothing.
        painter->setPen(QPen(color, 1.5, Qt::SolidLine, Qt::RoundCap));
        const qreal y = r.center().y();
        painter->drawLine(QPointF(r.left() + 2, y - 2.2), QPointF(r.right() - 2, y - 2.2));
        painter->drawLine(QPointF(r.left() + 2, y + 2.2), QPointF(r.right() - 2, y + 2.2));
        break;
    }
    case BadgeIcon::SideEffect: {
        // A warning triangle: this cannot be taken back.
        QPolygonF triangle;
        triangle << QPointF(r.center().x(), r.top()) << QPointF(r.right(), r.bottom()) << QPointF(r.left(), r.bottom());
        painter->setPen(Qt::NoPen);
        painter->setBrush(warn);
        painter->drawPolygon(triangle);
        painter->setPen(QPen(Qt::black, 1.3, Qt::SolidLine, Qt::RoundCap));
        painter->drawLine(QPointF(r.center().x(), r.top() + r.height() * 0.38),
                          QPointF(r.center().x(), r.top() + r.height() * 0.68));
        painter->drawPoint(QPointF(r.center().x(), r.top() + r.height() * 0.85));
        break;
    }
    }
    painter->restore();
}

} // namespace

StepItem::StepItem(const Step &step, const QString &serviceTitle, const QFont &font)
    : m_step(step), m_serviceTitle(serviceTitle), m_font(font)
{
    setFlags(ItemIsSelectable | ItemIsMovable | ItemSendsGeometryChanges | ItemIsFocusable);
    setAcceptHoverEvents(true);
    setZValue(1);
    const QSizeF size = cardSize(m_step, m_font);
    m_card = QRectF(QPointF(-size.width() / 2, -size.height() / 2), size);
    updateShapes();
    updateToolTip();
}

void StepItem::updateShapes()
{
    m_labelLines = labelLines(m_step.displayName(), CardFonts(m_font).label, labelWidth(m_step, m_card.width()));
    m_outline = CardStyle::outline(m_step.kind, m_card);
    QPainterPath band;
    band.addRect(QRectF(m_card.left() - 1, m_card.bottom() - BandHeight, m_card.width() + 2, BandHeight + 1));
    m_bandPath = m_outline.intersected(band);
    m_innerOutline = m_step.kind == StepKind::Pivot ? CardStyle::outline(m_step.kind, m_card.adjusted(4, 4, -4, -4))
                                                    : QPainterPath();
}

void StepItem::setStep(const Step &step, const QString &serviceTitle, const QFont &font)
{
    if (step == m_step && serviceTitle == m_serviceTitle && font == m_font)
        return;
    const QSizeF size = cardSize(step, font);
    if (size != m_card.size())
        prepareGeometryChange();
    m_step = step;
    m_serviceTitle = serviceTitle;
    m_font = font;
    m_card = QRectF(QPointF(-size.width() / 2, -size.height() / 2), size);
    updateShapes();
    updateToolTip();
    update();
}

void StepItem::setDiagnostics(int errors, int warnings, const QStringList &messages)
{
    if (errors == m_errors && warnings == m_warnings && messages == m_messages)
        return;
    m_errors = errors;
    m_warnings = warnings;
    m_messages = messages;
    updateToolTip();
    update();
}

void StepItem::updateToolTip()
{
    QString tip = QStringLiteral("<b>%1</b> (%2, %3)").arg(m_step.displayName().toHtmlEscaped(), m_step.id.toHtmlEscaped(),
                                                          CardStyle::kindTitle(m_step.kind).toLower());
    for (const QString &message : std::as_const(m_messages))
        tip += QStringLiteral("<br/>") + message.toHtmlEscaped();
    setToolTip(tip);
}

QStringList StepItem::labelLines(const QString &text, const QFont &font, qreal width)
{
    const QFontMetricsF metrics(font);
    if (metrics.horizontalAdvance(text) <= width)
        return {text};
    // Two lines at most, broken between words where it can; what does not fit ends in "…".
    QTextLayout layout(text, font);
    QTextOption option;
    option.setWrapMode(QTextOption::WrapAtWordBoundaryOrAnywhere);
    layout.setTextOption(option);
    layout.beginLayout();
    QTextLine first = layout.createLine();
    first.setLineWidth(width);
    const int firstLength = first.textLength();
    layout.endLayout();
    const QString firstLine = text.left(firstLength).trimmed();
    const QString rest = text.mid(firstLength).trimmed();
    if (rest.isEmpty())
        return {firstLine};
    return {firstLine, metrics.elidedText(rest, Qt::ElideRight, width)};
}

qreal StepItem::labelWidth(const Step &step, qreal cardWidth)
{
    return cardWidth - contentLeft(step.kind) - contentRight(step.kind);
}

QSizeF StepItem::cardSize(const Step &step, const QFont &font)
{
    const CardFonts fonts(font);
    const QFontMetricsF label(fonts.label), service(fonts.service), badge(fonts.badge), band(fonts.band),
        caption(fonts.caption);
    qreal content = caption.horizontalAdvance(CardStyle::kindTitle(step.kind)) + 22;
    content = qMax(content, label.horizontalAdvance(step.displayName()));
    content = qMax(content, service.horizontalAdvance(step.service));
    qreal badges = 0;
    for (const Badge &b : badgesOf(step))
        badges += badgeWidth(b, badge) + 4;
    content = qMax(content, badges);
    bool missing = false;
    content = qMax(content, band.horizontalAdvance(bandText(step, &missing)) + 22);
    const qreal width = qBound(MinCardWidth, std::ceil(content + contentLeft(step.kind) + contentRight(step.kind)),
                               MaxCardWidth);
    // A label too long for the widest card takes a second line.
    const qsizetype lines = labelLines(step.displayName(), fonts.label, labelWidth(step, width)).size();
    const qreal height = 8 + HeaderHeight + Gap + lines * label.height() + 2 + service.height() + Gap + BadgeHeight + 8
        + BandHeight;
    return QSizeF(width, std::ceil(height));
}

QPointF StepItem::inPort(Qt::Orientation flow) const
{
    if (flow == Qt::Horizontal)
        return mapToScene(QPointF(m_card.left() + CardStyle::leftInset(m_step.kind), 0));
    return mapToScene(QPointF(0, m_card.top()));
}

QPointF StepItem::outPort(Qt::Orientation flow) const
{
    if (flow == Qt::Horizontal)
        return mapToScene(QPointF(m_card.right() - CardStyle::rightInset(m_step.kind), 0));
    return mapToScene(QPointF(0, m_card.bottom()));
}

QRectF StepItem::labelRect() const
{
    const CardFonts fonts(m_font);
    const qreal left = m_card.left() + contentLeft(m_step.kind);
    const qreal right = m_card.right() - contentRight(m_step.kind);
    return QRectF(left, m_card.top() + 8 + HeaderHeight + Gap, right - left,
                  m_labelLines.size() * QFontMetricsF(fonts.label).height());
}

QFont StepItem::labelFont() const
{
    return CardFonts(m_font).label;
}

void StepItem::setFlow(Qt::Orientation flow)
{
    if (flow == m_flow)
        return;
    m_flow = flow;
    update();
}

QString StepItem::failureRateText(const Step &step)
{
    if (!step.action.sim)
        return {};
    const auto percent = [](double p) -> QString { return QString::number(p * 100, 'g', 3) + QLatin1Char('%'); };
    QStringList parts;
    if (step.action.sim->technicalFailure > 0)
        parts << QCoreApplication::translate("StepItem", "%1 technical").arg(percent(step.action.sim->technicalFailure));
    if (step.action.sim->businessFailure > 0)
        parts << QCoreApplication::translate("StepItem", "%1 business").arg(percent(step.action.sim->businessFailure));
    return parts.isEmpty() ? QString()
                           : QCoreApplication::translate("StepItem", "fails %1").arg(parts.join(QStringLiteral(" \u00b7 ")));
}

qreal StepItem::portRadius(qreal zoom)
{
    return std::max(PortRadius, MinPortOnScreen / 2 / std::max(zoom, PortMinZoom));
}

qreal StepItem::viewZoom() const
{
    const QList<QGraphicsView *> views = scene() ? scene()->views() : QList<QGraphicsView *>();
    return views.isEmpty() ? 1.0 : views.first()->transform().m11();
}

bool StepItem::isOnOutPort(const QPointF &scenePos) const
{
    return QLineF(scenePos, outPort(m_flow)).length() <= portRadius(viewZoom()) + 3;
}

void StepItem::setConnectTarget(bool target)
{
    if (target == m_connectTarget)
        return;
    prepareGeometryChange();
    m_connectTarget = target;
    update();
}

void StepItem::hoverEnterEvent(QGraphicsSceneHoverEvent *event)
{
    prepareGeometryChange(); // room for the port
    m_hovered = true;
    update();
    QGraphicsItem::hoverEnterEvent(event);
}

void StepItem::hoverMoveEvent(QGraphicsSceneHoverEvent *event)
{
    if (isOnOutPort(event->scenePos()))
        setCursor(Qt::CrossCursor);
    else
        unsetCursor();
    QGraphicsItem::hoverMoveEvent(event);
}

void StepItem::hoverLeaveEvent(QGraphicsSceneHoverEvent *event)
{
    prepareGeometryChange();
    m_hovered = false;
    unsetCursor();
    update();
    QGraphicsItem::hoverLeaveEvent(event);
}

QRectF StepItem::boundingRect() const
{
    // Room for the selection outline and the diagnostic badges on the top-right corner.
    // ... and for the out port, which sits on the right (or bottom) edge: while it is shown,
    // room for it at the largest it gets (portRadius()), so that far out it is not clipped.
    const qreal port = portInUse() ? portRadius(PortMinZoom) + 3 : PortRadius + 2;
    return m_card.adjusted(-8, -14, std::max<qreal>(30, port), 8 + port);
}

QPainterPath StepItem::shape() const
{
    return m_outline;
}

void StepItem::paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *widget)
{
    Q_UNUSED(widget);
    const QPalette palette = scene() ? scene()->palette() : QPalette();
    const CardStyle style(m_step.kind, palette);
    const CardFonts fonts(m_font);
    const QPainterPath &outline = m_outline;
    const bool selected = option->state & QStyle::State_Selected;
    const qreal detail = option->levelOfDetailFromTransform(painter->worldTransform());

    if (detail < 0.12 && !selected) {
        // Overview of a big saga: a tinted box in the kind's colour, drawn as fast as possible.
        painter->setRenderHint(QPainter::Antialiasing, false);
        painter->setPen(QPen(style.accent(), 0)); // cosmetic
        painter->setBrush(style.band());
        painter->drawRect(m_card);
        if (m_errors > 0 || m_warnings > 0) {
            painter->setPen(Qt::NoPen);
            painter->setBrush(m_errors > 0 ? CardStyle::errorColor(palette) : CardStyle::warningColor(palette));
            painter->drawRect(QRectF(m_card.right() - 40, m_card.top(), 40, 40));
        }
        return;
    }
    painter->setRenderHint(QPainter::Antialiasing);

    // Selection halo, then a soft shadow (near enough to see it), then the card.
    if (selected) {
        // A soft glow outside the card, then a crisp ring: distinct from any kind's outline.
        QColor glow = palette.color(QPalette::Highlight);
        glow.setAlphaF(0.35f);
        painter->setBrush(Qt::NoBrush);
        painter->setPen(QPen(glow, 12, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
        painter->drawPath(outline);
        painter->setPen(QPen(palette.color(QPalette::Highlight), 5, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
        painter->drawPath(outline);
    } else if (detail >= 0.35) {
        QColor shadow = palette.color(QPalette::Shadow);
        shadow.setAlphaF(style.isDark() ? 0.45f : 0.12f);
        painter->setPen(Qt::NoPen);
        painter->setBrush(shadow);
        painter->drawPath(outline.translated(0, 2.5));
    }
    painter->setPen(Qt::NoPen);
    painter->setBrush(style.fill());
    painter->drawPath(outline);

    // The lower band: the compensation (or why there is none), inside the outline.
    bool missing = false;
    const QString band = bandText(m_step, &missing);
    const QRectF bandRect(m_card.left(), m_card.bottom() - BandHeight, m_card.width(), BandHeight);
    painter->setBrush(missing ? CardStyle::mix(palette.color(QPalette::Base), CardStyle::errorColor(palette), 0.18)
                              : style.band());
    painter->drawPath(m_bandPath);
    if (detail >= 0.35) {
        painter->setPen(QPen(CardStyle::mix(style.accent(), palette.color(QPalette::Base), 0.5), 1));
        painter->drawLine(QPointF(m_bandPath.boundingRect().left(), bandRect.top()),
                          QPointF(m_bandPath.boundingRect().right(), bandRect.top()));
    }

    // Outline: the pivot's doubled.
    const qreal penWidth = m_step.kind == StepKind::Pivot ? 2.2 : 1.6;
    painter->setPen(QPen(style.accent(), penWidth, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
    painter->setBrush(Qt::NoBrush);
    painter->drawPath(outline);
    if (m_step.kind == StepKind::Pivot && detail >= 0.2) {
        painter->setPen(QPen(style.accent(), 1.0));
        painter->drawPath(m_innerOutline);
    }

    if (detail < 0.2) {
        // Too far for any text: the shapes and colours carry the kinds.
    } else if (detail < 0.35) {
        // Far away: the label only.
        painter->setPen(style.text());
        painter->setFont(fonts.label);
        painter->drawText(m_card.adjusted(contentLeft(m_step.kind), 0, -contentRight(m_step.kind), -BandHeight),
                          Qt::AlignCenter, QFontMetricsF(fonts.label).elidedText(m_step.displayName(), Qt::ElideRight,
                                                                                  m_card.width() - 30));
    } else {
        const qreal left = m_card.left() + contentLeft(m_step.kind);
        const qreal right = m_card.right() - contentRight(m_step.kind);
        const qreal width = right - left;
        qreal y = m_card.top() + 8;

        // Header: glyph and kind.
        CardStyle::drawGlyph(painter, m_step.kind, QRectF(left, y, HeaderHeight, HeaderHeight), style.accent());
        painter->setFont(fonts.caption);
        painter->setPen(style.accent());
        painter->drawText(QRectF(left + HeaderHeight + 6, y, width - HeaderHeight - 6, HeaderHeight),
                          Qt::AlignLeft | Qt::AlignVCenter, CardStyle::kindTitle(m_step.kind));
        y += HeaderHeight + Gap;

        // Label and service.
        const QFontMetricsF labelMetrics(fonts.label);
        painter->setFont(fonts.label);
        painter->setPen(style.text());
        for (const QString &line : std::as_const(m_labelLines)) {
            painter->drawText(QRectF(left, y, width, labelMetrics.height()), Qt::AlignLeft | Qt::AlignVCenter, line);
            y += labelMetrics.height();
        }
        y += 2;
        const QFontMetricsF serviceMetrics(fonts.service);
        painter->setFont(fonts.service);
        painter->setPen(style.mutedText());
        painter->drawText(QRectF(left, y, width, serviceMetrics.height()), Qt::AlignLeft | Qt::AlignVCenter,
                          serviceMetrics.elidedText(m_serviceTitle.isEmpty() ? m_step.service : m_serviceTitle,
                                                    Qt::ElideRight, width));
        y += serviceMetrics.height() + Gap;

        // Badges.
        const QFontMetricsF badgeMetrics(fonts.badge);
        painter->setFont(fonts.badge);
        qreal x = left;
        const QColor warn = CardStyle::warningColor(palette);
        for (const Badge &badge : badgesOf(m_step)) {
            qreal w = badgeWidth(badge, badgeMetrics);
            if (x + w > right)
                w = right - x;
            if (w < 24)
                break;
            const QRectF pill(x, y, w, BadgeHeight);
            painter->setPen(badge.warn ? QPen(warn, 1) : Qt::NoPen);
            painter->setBrush(badge.warn ? CardStyle::mix(palette.color(QPalette::Base), warn, 0.22) : style.badgeFill());
            painter->drawRoundedRect(pill, BadgeHeight / 2, BadgeHeight / 2);
            qreal textLeft = pill.left() + 6;
            if (badge.icon != BadgeIcon::None) {
                drawBadgeIcon(painter, badge.icon, QRectF(pill.left() + 5, pill.top() + 3, 12, 12), style.text(), warn);
                textLeft += 13;
            }
            painter->setPen(style.text());
            painter->drawText(QRectF(textLeft, pill.top(), pill.right() - textLeft - 5, BadgeHeight),
                              Qt::AlignLeft | Qt::AlignVCenter,
                              badgeMetrics.elidedText(badge.text, Qt::ElideRight, pill.right() - textLeft - 5));
            x += w + 4;
        }

        // Band text.
        const qreal bandLeft = m_card.left() + contentLeft(m_step.kind);
        const QColor bandInk = missing ? CardStyle::errorColor(palette) : style.text();
        if (m_step.compensation || m_step.kind == StepKind::Compensatable)
            CardStyle::drawGlyph(painter, StepKind::Compensatable, QRectF(bandLeft, bandRect.top() + 5, 14, 14),
                                 missing ? bandInk : style.accent());
        else
            CardStyle::drawGlyph(painter, m_step.kind, QRectF(bandLeft, bandRect.top() + 6, 12, 12), style.accent());
        painter->setFont(fonts.band);
        painter->setPen(bandInk);
        const QFontMetricsF bandMetrics(fonts.band);
        const qreal bandTextLeft = bandLeft + 19;
        painter->drawText(QRectF(bandTextLeft, bandRect.top(), right - bandTextLeft, BandHeight),
                          Qt::AlignLeft | Qt::AlignVCenter,
                          bandMetrics.elidedText(band, Qt::ElideRight, right - bandTextLeft));
    }

    // Diagnostic badges on the top-right corner: a round "!" for errors, a triangle for warnings.
    qreal badgeRight = m_card.right() + 8;
    auto countText = [](int n) { return n > 1 ? QString::number(n) : QStringLiteral("!"); };
    QFont badgeFont = fonts.caption;
    badgeFont.setCapitalization(QFont::MixedCase);
    badgeFont.setPixelSize(11);
    painter->setFont(badgeFont);
    if (m_warnings > 0) {
        const QRectF r(badgeRight - 22, m_card.top() - 11, 22, 20);
        QPolygonF triangle;
        triangle << QPointF(r.center().x(), r.top()) << r.bottomRight() << r.bottomLeft();
        painter->setPen(QPen(palette.color(QPalette::Base), 1.5, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
        painter->setBrush(CardStyle::warningColor(palette));
        painter->drawPolygon(triangle);
        painter->setPen(Qt::black);
        painter->drawText(r.adjusted(0, 5, 0, 0), Qt::AlignCenter, countText(m_warnings));
        badgeRight -= 25;
    }
    if (m_errors > 0) {
        const QRectF r(badgeRight - 20, m_card.top() - 10, 20, 20);
        painter->setPen(QPen(palette.color(QPalette::Base), 1.5));
        painter->setBrush(CardStyle::errorColor(palette));
        painter->drawEllipse(r);
        painter->setPen(style.isDark() ? Qt::black : Qt::white);
        painter->drawText(r, Qt::AlignCenter, countText(m_errors));
    }

    // The out port: drag it onto another card to make that card run after this one.
    if (m_hovered || selected || m_connectTarget) {
        // Hovered or connecting: at least MinPortOnScreen pixels across at any zoom it is drawn at.
        const QPointF port = m_flow == Qt::Horizontal ? QPointF(m_card.right(), 0) : QPointF(0, m_card.bottom());
        const qreal radius = portInUse() ? portRadius(detail) : PortRadius;
        const qreal scale = radius / PortRadius;
        painter->setPen(QPen(palette.color(QPalette::Base), 2 * scale));
        painter->setBrush(style.accent());
        painter->drawEllipse(port, radius, radius);
        painter->setPen(QPen(palette.color(QPalette::Base), 1.6 * scale, Qt::SolidLine, Qt::RoundCap));
        painter->drawLine(port - QPointF(radius / 2, 0), port + QPointF(radius / 2, 0));
        painter->drawLine(port - QPointF(0, radius / 2), port + QPointF(0, radius / 2));
    }
    if (m_connectTarget) {
        painter->setPen(QPen(palette.color(QPalette::Highlight), 3, Qt::DashLine));
        painter->setBrush(Qt::NoBrush);
        painter->drawPath(m_outline);
    }
}

QVariant StepItem::itemChange(GraphicsItemChange change, const QVariant &value)
{
    if (auto *sagaScene = qobject_cast<SagaScene *>(scene())) {
        if (change == ItemPositionChange && sagaScene->isDragging())
            return sagaScene->snapped(value.toPointF());
        if (change == ItemPositionHasChanged)
            sagaScene->stepItemMoved(this);
    }
    return QGraphicsItem::itemChange(change, value);
}

} // namespace Sagascope
