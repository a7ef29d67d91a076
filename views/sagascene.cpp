// SPDX-License-Identifier: MIT
// Over 700 lines, on purpose: mirroring the document by step id (a reset, or only the cards
// and arrows an edit names), layout and the cards' glide, and the gestures (drag, nudge, label
// editing, context menu). The clipboard (CanvasClipboard), the dependency tool (ConnectionTool)
// and the decorations (SceneDecorations) are classes of their own; the edits are SagaDocument's.
#include "sagascene.h"

#include "cardstyle.h"
#include "eventindex.h"
#include "labeleditor.h"
#include "orderlayout.h"
#include "pivotmarkeritem.h"
#include "sagadocument.h"
#include "stepedits.h"
#include "stepitem.h"
#include "swimlaneitem.h"

#include <QEvent>
#include <QGuiApplication>
#include <QGraphicsPathItem>
#include <QKeyEvent>
#include <QGraphicsSceneContextMenuEvent>
#include <QGraphicsSceneMouseEvent>
#include <QMenu>
#include <QPainter>
#include <QSet>
#include <QThread>
#include <QTimer>
#include <QVariantAnimation>

#include <cmath>
#include <memory>
#include <utility>

namespace Sagascope {

SagaScene::SagaScene(SagaDocument *document, QObject *parent)
    : QGraphicsScene(parent)
    , m_document(document)
    , m_clipboard(this)
    , m_connection(this)
    , m_decorations(this)
{
    Q_ASSERT(document);
    setItemIndexMethod(QGraphicsScene::BspTreeIndex);
    // A reset places every step that has no position; an edit updates what it names.
    connect(document, &SagaDocument::documentReset, this, [this] { syncWith(true, nullptr); });
    connect(document, &SagaDocument::stepsEdited, this,
            [this](const StepChanges &changes) { syncWith(false, &changes); });
    connect(this, &QGraphicsScene::selectionChanged, this, &SagaScene::updateHighlights);
    // An edit that changes the order moves the cards that moved in it, in the same command.
    document->setOrderKeeper([this](const SagaDefinition &before, const SagaDefinition &after) {
        QHash<StepId, QSizeF> sizes;
        sizes.reserve(m_steps.size());
        for (auto it = m_steps.cbegin(); it != m_steps.cend(); ++it)
            sizes.insert(it.key(), it.value()->cardRect().size());
        return OrderLayout::settle(before, after, sizes, m_layoutOptions.direction);
    });
    const bool autoPlace = m_autoPlace;
    m_autoPlace = false; // placed right below, synchronously, rather than on the next event loop turn
    sync();
    m_autoPlace = autoPlace;
    if (AutoLayout::hasUnplacedSteps(document->definition())) {
        QString error;
        if (!placeUnplacedSteps(&error))
            qWarning("Sagascope: %s", qPrintable(error));
    }
}

SagaScene::~SagaScene()
{
    if (m_document)
        m_document->setOrderKeeper({});
    // A layout still running on its worker thread is waited for (Graphviz cannot be stopped).
    if (m_layoutThread) {
        m_layoutThread->wait();
        delete m_layoutThread;
    }
    // Items are deleted by QGraphicsScene; drop the look-up tables first so that no item
    // notification reaches a half-destroyed scene.
    m_steps.clear();
    m_dependencies.clear();
    m_decorations.forget();
    m_edgesOfStep.clear();
}

QStringList SagaScene::selectedStepIds() const
{
    QStringList ids;
    const QList<QGraphicsItem *> items = selectedItems();
    for (QGraphicsItem *item : items) {
        if (item->type() == StepItem::Type)
            ids.append(static_cast<StepItem *>(item)->stepId());
    }
    // Stable: the document's order.
    if (m_document) {
        QHash<StepId, int> order;
        const QList<Step> &steps = m_document->definition().steps;
        for (int i = 0; i < steps.size(); ++i)
            order.insert(steps.at(i).id, i);
        std::sort(ids.begin(), ids.end(),
                  [&](const StepId &a, const StepId &b) { return order.value(a, -1) < order.value(b, -1); });
    }
    return ids;
}

void SagaScene::selectSteps(const QStringList &ids)
{
    QSignalBlocker blocker(this);
    clearSelection();
    for (const StepId &id : ids) {
        if (StepItem *item = m_steps.value(id))
            item->setSelected(true);
    }
    blocker.unblock();
    Q_EMIT selectionChanged();
}

QPointF SagaScene::freeSpotFor(const Step &step, const QPointF &centre) const
{
    QList<QRectF> taken;
    taken.reserve(m_steps.size());
    for (const StepItem *item : m_steps)
        taken.append(item->sceneBoundingRect());
    return snapped(StepEdits::freeSpot(centre, StepItem::cardSize(step, font()), taken));
}

QRectF SagaScene::stepsBoundingRect() const
{
    QRectF bounds;
    for (const StepItem *item : m_steps) {
        const QRectF card = item->mapRectToScene(item->cardRect());
        bounds = bounds.isNull() ? card : bounds.united(card);
    }
    return bounds;
}

void SagaScene::sync()
{
    syncWith(true, nullptr);
}

void SagaScene::syncWith(bool reset, const StepChanges *changes)
{
    if (!m_document || m_syncing)
        return;
    stopGlide();
    m_syncing = true;
    const SagaDefinition &definition = m_document->definition();

    // A renamed step's card is a new item: the selection follows it to its new id.
    QStringList selection;
    bool reselect = false;
    if (changes && !changes->renamedFrom.isEmpty()) {
        selection = selectedStepIds();
        for (QString &id : selection) {
            const qsizetype i = changes->renamedFrom.indexOf(id);
            if (i >= 0) {
                id = changes->renamedTo.at(i);
                reselect = true;
            }
        }
    }

    // An edit beyond positions (a quick fix, a new dependency) may move cards that moved in the
    // order (OrderLayout::settle()): they glide there. A drag or a nudge moves them at once.
    if (changes && !changes->updated.isEmpty() && !m_animateNext) {
        for (const QStringList *ids : {&changes->updated, &changes->moved}) {
            for (const StepId &id : *ids) {
                if (const StepItem *item = m_steps.value(id))
                    m_animateFrom.insert(id, item->pos());
            }
        }
        m_animateNext = !m_animateFrom.isEmpty();
    }

    // After a reset every step without a position is placed; after an edit only new ones:
    // undoing an auto-layout leaves the cards where they are.
    const QStringList touched = changes ? changes->touched() : QStringList();
    // An edit of a few steps updates just their cards and arrows; anything bigger, everything.
    // (Arrows by event go into steps an edit did not touch: a saga with events syncs all.)
    if (!reset && !touched.isEmpty() && touched.size() * 4 < definition.steps.size() && !definition.usesEvents()
        && !m_hasEventArrows)
        syncTouched(touched);
    else
        syncAll(reset);

    updateDiagnostics();
    m_decorations.updateMarkers();
    m_decorations.updateLanes();
    if (reselect)
        selectSteps(selection);
    updateHighlights();
    m_syncing = false;
    if (m_animateNext) {
        m_animateNext = false;
        glide(std::exchange(m_animateFrom, {}));
    }
    Q_EMIT synced();
}

void SagaScene::syncStep(const Step &step, const QString &serviceTitle, const QFont &font, bool reset,
                         QSet<StepId> &toPlace)
{
    StepItem *item = m_steps.value(step.id);
    const bool created = !item;
    if (!item) {
        item = new StepItem(step, serviceTitle, font);
        addItem(item);
        m_steps.insert(step.id, item);
    } else {
        item->setStep(step, serviceTitle, font);
    }
    item->setFlow(m_layoutOptions.direction == LayoutDirection::LeftToRight ? Qt::Horizontal : Qt::Vertical);
    if (step.position) {
        if (item->pos() != *step.position && !(m_dragging && item->isSelected()))
            item->setPos(*step.position);
    } else if (created || reset) {
        toPlace.insert(step.id);
    }
}

void SagaScene::placeInterim(const QSet<StepId> &toPlace)
{
    if (toPlace.isEmpty())
        return;
    // Somewhere sensible until the layout runs (right away unless auto-placing is off).
    const QHash<StepId, QPointF> interim =
        AutoLayout::placeUnplaced(m_document->definition(), font(), m_layoutOptions.direction);
    for (auto it = interim.cbegin(); it != interim.cend(); ++it) {
        if (!toPlace.contains(it.key()))
            continue;
        if (StepItem *item = m_steps.value(it.key()))
            item->setPos(it.value());
    }
    if (m_autoPlace)
        scheduleUnplacedLayout();
}

void SagaScene::syncAll(bool reset)
{
    const SagaDefinition &definition = m_document->definition();
    QHash<QString, QString> serviceTitles;
    for (const Service &service : definition.services)
        serviceTitles.insert(service.id, service.label.isEmpty() ? service.id : service.label);

    // Steps: add or update by id; a duplicate id keeps its first step (the validator reports it).
    QSet<StepId> present;
    present.reserve(definition.steps.size());
    QSet<StepId> toPlace;
    const QFont canvasFont = font();
    m_stepsOfService.clear();
    for (const Step &step : definition.steps) {
        if (present.contains(step.id))
            continue;
        present.insert(step.id);
        m_stepsOfService[step.service].append(step.id);
        syncStep(step, serviceTitles.value(step.service, step.service), canvasFont, reset, toPlace);
    }
    for (auto it = m_steps.begin(); it != m_steps.end();) {
        if (present.contains(it.key())) {
            ++it;
            continue;
        }
        delete it.value();
        it = m_steps.erase(it);
    }
    placeInterim(toPlace);

    // Arrows: one per resolved `after` edge, keyed by (after, step), and one for each step that
    // emits on success an event another waits `on` (SPEC section 5), unless `after` has it too.
    QSet<LayoutEdge> wanted;
    wanted.reserve(m_dependencies.size() + 16);
    m_edgesOfStep.clear();
    QHash<LayoutEdge, QStringList> byEvent;
    QSet<StepId> done; // a duplicate id keeps its first step's arrows
    const std::optional<EventIndex> events = definition.usesEvents() ? std::optional<EventIndex>(definition) : std::nullopt;
    auto want = [&](const StepId &after, const StepId &step) {
        const LayoutEdge key{after, step};
        if (!present.contains(after) || wanted.contains(key))
            return false;
        wanted.insert(key);
        m_edgesOfStep[after].append(key);
        if (after != step)
            m_edgesOfStep[step].append(key);
        return true;
    };
    for (const Step &step : definition.steps) {
        if (!m_steps.contains(step.id) || done.contains(step.id))
            continue;
        done.insert(step.id);
        for (const StepId &after : step.after)
            want(after, step.id);
    }
    if (events) {
        for (const EventIndex::SuccessEdge &edge : events->successEdges(definition)) {
            const Step &step = definition.steps.at(edge.to);
            const StepId &from = definition.steps.at(edge.from).id;
            if (!m_steps.contains(step.id) || step.after.contains(from))
                continue;
            want(from, step.id);
            byEvent[LayoutEdge{from, step.id}].append(edge.event);
        }
    }
    m_hasEventArrows = !byEvent.isEmpty();
    for (auto it = m_dependencies.begin(); it != m_dependencies.end();) {
        if (wanted.contains(it.key())) {
            ++it;
            continue;
        }
        delete it.value();
        it = m_dependencies.erase(it);
    }
    for (const LayoutEdge &key : std::as_const(wanted)) {
        DependencyItem *item = m_dependencies.value(key);
        if (!item) {
            item = new DependencyItem(key.to, key.from);
            addItem(item);
            m_dependencies.insert(key, item);
        }
        item->setEvents(byEvent.value(key));
        updateDependency(item);
    }

}

void SagaScene::removeDependencyItem(const LayoutEdge &key)
{
    delete m_dependencies.take(key);
    m_edgesOfStep[key.from].removeOne(key);
    if (key.to != key.from)
        m_edgesOfStep[key.to].removeOne(key);
}

void SagaScene::syncTouched(const QStringList &ids)
{
    const SagaDefinition &definition = m_document->definition();
    QHash<StepId, int> index; // first step of each id, as everywhere
    index.reserve(definition.steps.size());
    m_stepsOfService.clear();
    for (int i = 0; i < definition.steps.size(); ++i) {
        const Step &step = definition.steps.at(i);
        if (index.contains(step.id))
            continue;
        index.insert(step.id, i);
        m_stepsOfService[step.service].append(step.id);
    }
    QHash<QString, QString> serviceTitles;
    for (const Service &service : definition.services)
        serviceTitles.insert(service.id, service.label.isEmpty() ? service.id : service.label);

    const QFont canvasFont = font();
    QSet<StepId> toPlace;
    const QSet<StepId> unique(ids.cbegin(), ids.cend());
    // Cards: removed ones go with every arrow that touches them; the others are updated.
    for (const StepId &id : unique) {
        if (index.contains(id))
            continue;
        const QList<LayoutEdge> edges = m_edgesOfStep.value(id);
        for (const LayoutEdge &edge : edges)
            removeDependencyItem(edge);
        m_edgesOfStep.remove(id);
        delete m_steps.take(id);
    }
    QSet<StepId> created;
    for (const StepId &id : unique) {
        const auto found = index.constFind(id);
        if (found == index.constEnd())
            continue;
        if (!m_steps.contains(id))
            created.insert(id);
        const Step &step = definition.steps.at(found.value());
        syncStep(step, serviceTitles.value(step.service, step.service), canvasFont, false, toPlace);
    }
    placeInterim(toPlace);

    // Arrows into each touched step: exactly its resolvable `after` entries.
    for (const StepId &id : unique) {
        const auto found = index.constFind(id);
        if (found == index.constEnd())
            continue;
        QSet<LayoutEdge> wanted;
        for (const StepId &after : definition.steps.at(found.value()).after) {
            if (index.contains(after))
                wanted.insert(LayoutEdge{after, id});
        }
        const QList<LayoutEdge> edges = m_edgesOfStep.value(id);
        for (const LayoutEdge &edge : edges) {
            if (edge.to == id && !wanted.contains(edge))
                removeDependencyItem(edge);
        }
        for (const LayoutEdge &edge : std::as_const(wanted)) {
            if (m_dependencies.contains(edge))
                continue;
            auto *item = new DependencyItem(edge.to, edge.from);
            addItem(item);
            m_dependencies.insert(edge, item);
            m_edgesOfStep[edge.from].append(edge);
            if (edge.to != edge.from)
                m_edgesOfStep[edge.to].append(edge);
        }
    }
    // A new card may be named by steps that were not edited (an `after` naming an id that did not
    // exist until now): their arrows appear too.
    if (!created.isEmpty()) {
        for (auto it = index.cbegin(); it != index.cend(); ++it) {
            for (const StepId &after : definition.steps.at(it.value()).after) {
                const LayoutEdge edge{after, it.key()};
                if (!created.contains(after) || m_dependencies.contains(edge))
                    continue;
                auto *item = new DependencyItem(edge.to, edge.from);
                addItem(item);
                m_dependencies.insert(edge, item);
                m_edgesOfStep[edge.from].append(edge);
                if (edge.to != edge.from)
                    m_edgesOfStep[edge.to].append(edge);
            }
        }
    }
    // Arrows touching a touched card follow it (unchanged ones return at once).
    for (const StepId &id : unique) {
        for (const LayoutEdge &edge : m_edgesOfStep.value(id)) {
            if (DependencyItem *item = m_dependencies.value(edge))
                updateDependency(item);
        }
    }
}

void SagaScene::updateDiagnostics()
{
    if (!m_document)
        return;
    // Diagnostics: errors on every step they name, warnings on the step to act on.
    struct Findings
    {
        int errors = 0;
        int warnings = 0;
        QStringList messages;
    };
    QHash<StepId, Findings> findings;
    QSet<LayoutEdge> errorEdges;
    for (const Diagnostic &diagnostic : m_document->diagnostics()) {
        const QString line = QStringLiteral("%1 %2: %3").arg(severityName(diagnostic.severity), diagnostic.rule,
                                                             diagnostic.message);
        const QStringList &steps = diagnostic.steps;
        for (int i = 0; i < steps.size(); ++i) {
            if (diagnostic.severity == Severity::Warning && i > 0)
                break;
            Findings &f = findings[steps.at(i)];
            if (diagnostic.severity == Severity::Error)
                ++f.errors;
            else
                ++f.warnings;
            f.messages.append(line);
        }
        if (diagnostic.rule == QLatin1String("SAGA001")) {
            const QSet<StepId> cycle(steps.cbegin(), steps.cend());
            for (const StepId &id : steps) {
                for (const LayoutEdge &edge : m_edgesOfStep.value(id)) {
                    if (cycle.contains(edge.from) && cycle.contains(edge.to))
                        errorEdges.insert(edge);
                }
            }
        }
    }
    for (auto it = m_steps.cbegin(); it != m_steps.cend(); ++it) {
        const Findings f = findings.value(it.key());
        it.value()->setDiagnostics(f.errors, f.warnings, f.messages);
    }
    for (auto it = m_dependencies.cbegin(); it != m_dependencies.cend(); ++it)
        it.value()->setError(errorEdges.contains(it.key()));

}

void SagaScene::updateDependency(DependencyItem *item)
{
    const LayoutEdge key{item->after(), item->step()};
    const auto route = m_routes.constFind(key);
    item->updateGeometry(m_steps.value(key.from), m_steps.value(key.to),
                         route == m_routes.constEnd() ? nullptr : &route.value());
}

void SagaScene::stepItemMoved(StepItem *item)
{
    if (m_syncing)
        return;
    for (const LayoutEdge &key : m_edgesOfStep.value(item->stepId())) {
        if (DependencyItem *dependency = m_dependencies.value(key))
            updateDependency(dependency);
    }
    m_decorations.cardMoved(item->step().service);
}

void SagaScene::setLayoutOptions(const AutoLayoutOptions &options)
{
    const bool lanes = options.swimlanes != m_layoutOptions.swimlanes;
    m_layoutOptions = options;
    for (StepItem *item : std::as_const(m_steps))
        item->setFlow(options.direction == LayoutDirection::LeftToRight ? Qt::Horizontal : Qt::Vertical);
    if (lanes)
        m_decorations.updateLanes();
}

void SagaScene::setSwimlanesVisible(bool visible)
{
    AutoLayoutOptions options = m_layoutOptions;
    options.swimlanes = visible;
    setLayoutOptions(options);
}

void SagaScene::updateHighlights()
{
    QSet<LayoutEdge> highlighted;
    const QList<QGraphicsItem *> items = selectedItems();
    for (QGraphicsItem *item : items) {
        if (item->type() != StepItem::Type)
            continue;
        for (const LayoutEdge &edge : m_edgesOfStep.value(static_cast<StepItem *>(item)->stepId()))
            highlighted.insert(edge);
    }
    for (auto it = m_dependencies.cbegin(); it != m_dependencies.cend(); ++it)
        it.value()->setHighlighted(highlighted.contains(it.key()));
}

bool SagaScene::autoLayout(QString *error)
{
    if (!m_document)
        return false;
    const LayoutResult result = AutoLayout::run(m_document->definition(), font(), m_layoutOptions);
    if (!result.ok) {
        if (error)
            *error = result.error;
        return false;
    }
    applyLayoutResult(result);
    return true;
}

void SagaScene::applyLayoutResult(const LayoutResult &result, bool animate)
{
    if (!m_document || !result.ok)
        return;
    QHash<StepId, QPointF> before;
    if (animate) {
        for (auto it = m_steps.cbegin(); it != m_steps.cend(); ++it)
            before.insert(it.key(), it.value()->pos());
    }
    const QHash<StepId, QPointF> positions = AutoLayout::positions(result);
    m_routes.clear();
    for (auto it = result.edgePaths.cbegin(); it != result.edgePaths.cend(); ++it) {
        const LayoutEdge &edge = it.key();
        if (!positions.contains(edge.from) || !positions.contains(edge.to))
            continue;
        // Routes are relative to Graphviz' unrounded centres: shift them onto the rounded ones.
        const QPointF shift = positions.value(edge.from) - result.centres.value(edge.from);
        EdgeRoute route;
        route.points.reserve(it.value().size());
        for (const QPointF &p : it.value())
            route.points.append(p + shift);
        route.fromCentre = positions.value(edge.from);
        route.toCentre = result.centres.value(edge.to) + shift;
        m_routes.insert(edge, route);
    }
    m_document->applyLayout(positions);
    // applyLayout may leave positions unchanged (no signal): draw the routes anyway.
    for (DependencyItem *item : std::as_const(m_dependencies))
        updateDependency(item);
    if (animate)
        glide(before);
}

void SagaScene::animateNextChange()
{
    m_animateFrom.clear();
    for (auto it = m_steps.cbegin(); it != m_steps.cend(); ++it)
        m_animateFrom.insert(it.key(), it.value()->pos());
    m_animateNext = true;
}

void SagaScene::startAutoLayout()
{
    if (!m_document || m_layoutRunning)
        return;
    m_layoutRunning = true;
    // Sizes need font metrics: measured here; Graphviz then runs on a worker thread.
    const LayoutInput input = AutoLayout::input(m_document->definition(), font(), m_layoutOptions);
    auto result = std::make_shared<LayoutResult>();
    QThread *worker = QThread::create([input, result] { *result = GraphvizLayout::layout(input); });
    m_layoutThread = worker;
    connect(worker, &QThread::finished, this, [this, worker, result] {
        m_layoutRunning = false;
        m_layoutThread = nullptr;
        worker->deleteLater();
        if (!result->ok) {
            Q_EMIT layoutFailed(result->error);
            Q_EMIT layoutFinished(false);
            return;
        }
        applyLayoutResult(*result, true);
        Q_EMIT layoutFinished(true);
    });
    worker->start();
}

void SagaScene::glide(const QHash<StepId, QPointF> &from)
{
    stopGlide();
    if (views().isEmpty())
        return; // nobody watches (export, tests): the cards are already where they belong
    QHash<StepId, QPair<QPointF, QPointF>> moves; // from, to
    for (auto it = from.cbegin(); it != from.cend(); ++it) {
        StepItem *item = m_steps.value(it.key());
        if (item && item->pos() != it.value())
            moves.insert(it.key(), {it.value(), item->pos()});
    }
    if (moves.isEmpty())
        return;
    m_glide = new QVariantAnimation(this);
    m_glide->setDuration(260);
    m_glide->setEasingCurve(QEasingCurve::OutCubic);
    m_glide->setStartValue(0.0);
    m_glide->setEndValue(1.0);
    connect(m_glide, &QVariantAnimation::valueChanged, this, [this, moves](const QVariant &value) {
        const qreal t = value.toReal();
        for (auto it = moves.cbegin(); it != moves.cend(); ++it) {
            if (StepItem *item = m_steps.value(it.key()))
                item->setPos(it.value().first + (it.value().second - it.value().first) * t);
        }
    });
    connect(m_glide, &QVariantAnimation::finished, this, [this, moves] {
        for (auto it = moves.cbegin(); it != moves.cend(); ++it) {
            if (StepItem *item = m_steps.value(it.key()))
                item->setPos(it.value().second);
        }
        m_glide->deleteLater();
        m_glide = nullptr;
        Q_EMIT glideFinished();
    });
    for (auto it = moves.cbegin(); it != moves.cend(); ++it)
        m_steps.value(it.key())->setPos(it.value().first);
    m_glide->start();
}

void SagaScene::stopGlide()
{
    if (!m_glide)
        return;
    QVariantAnimation *glide = m_glide;
    m_glide = nullptr;
    glide->disconnect(this);
    glide->stop();
    glide->deleteLater();
    // The cards are put where the document says by the sync that follows (or right here).
    if (m_document) {
        for (const Step &step : m_document->definition().steps) {
            if (StepItem *item = m_steps.value(step.id); item && step.position)
                item->setPos(*step.position);
        }
    }
    Q_EMIT glideFinished();
}

bool SagaScene::placeUnplacedSteps(QString *error)
{
    m_layoutScheduled = false;
    if (!m_document)
        return false;
    const SagaDefinition &definition = m_document->definition();
    if (!AutoLayout::hasUnplacedSteps(definition))
        return true;
    if (AutoLayout::isUnplaced(definition)) {
        if (definition.steps.size() > AsyncLayoutThreshold) {
            // Graphviz takes seconds on big sagas: lay out on a worker thread, cards glide in.
            startAutoLayout();
            return true;
        }
        QString why;
        if (autoLayout(&why))
            return true;
        Q_EMIT layoutFailed(why);
        if (error)
            *error = why;
        // Still give every step a place, without Graphviz.
    }
    const QHash<StepId, QPointF> positions = AutoLayout::placeUnplaced(definition, font(), m_layoutOptions.direction);
    if (!positions.isEmpty())
        m_document->applyLayout(positions);
    return error == nullptr || error->isEmpty();
}

void SagaScene::scheduleUnplacedLayout()
{
    if (m_layoutScheduled)
        return;
    m_layoutScheduled = true;
    QTimer::singleShot(0, this, [this] { placeUnplacedSteps(); });
}

void SagaScene::setGridVisible(bool visible)
{
    if (m_gridVisible == visible)
        return;
    m_gridVisible = visible;
    update();
}

QPointF SagaScene::snapped(const QPointF &position) const
{
    if (!m_snapToGrid || m_gridSize <= 0)
        return position;
    return QPointF(std::round(position.x() / m_gridSize) * m_gridSize,
                   std::round(position.y() / m_gridSize) * m_gridSize);
}

StepItem *SagaScene::stepItemAt(const QPointF &scenePos) const
{
    const QList<QGraphicsItem *> found = items(scenePos, Qt::IntersectsItemShape, Qt::DescendingOrder);
    for (QGraphicsItem *item : found) {
        if (item->type() == StepItem::Type)
            return static_cast<StepItem *>(item);
    }
    return nullptr;
}

void SagaScene::mousePressEvent(QGraphicsSceneMouseEvent *event)
{
    // A press on a card's out port starts a new dependency instead of a move.
    if (event->button() == Qt::LeftButton && m_document && m_connection.press(event->scenePos())) {
        event->accept();
        return;
    }
    QGraphicsScene::mousePressEvent(event);
    if (event->button() != Qt::LeftButton)
        return;
    m_dragStart.clear();
    const QList<QGraphicsItem *> items = selectedItems();
    for (QGraphicsItem *item : items) {
        if (item->type() == StepItem::Type)
            m_dragStart.insert(static_cast<StepItem *>(item)->stepId(), item->pos());
    }
    m_dragging = !m_dragStart.isEmpty() && mouseGrabberItem() && mouseGrabberItem()->type() == StepItem::Type;
}

void SagaScene::mouseMoveEvent(QGraphicsSceneMouseEvent *event)
{
    if (!m_connection.isActive()) {
        QGraphicsScene::mouseMoveEvent(event);
        return;
    }
    m_connection.move(event->scenePos());
    event->accept();
}

void SagaScene::mouseReleaseEvent(QGraphicsSceneMouseEvent *event)
{
    if (m_connection.isActive()) {
        if (event->button() == Qt::LeftButton)
            m_connection.release(event->scenePos());
        event->accept();
        return;
    }
    QGraphicsScene::mouseReleaseEvent(event);
    if (event->button() != Qt::LeftButton || !m_dragging)
        return;
    m_dragging = false;
    QHash<StepId, QPointF> moved;
    for (auto it = m_dragStart.cbegin(); it != m_dragStart.cend(); ++it) {
        const StepItem *item = m_steps.value(it.key());
        if (item && item->pos() != it.value())
            moved.insert(it.key(), item->pos());
    }
    m_dragStart.clear();
    if (!moved.isEmpty() && m_document)
        m_document->moveSteps(moved); // one drag, one undo command
}

void SagaScene::keyPressEvent(QKeyEvent *event)
{
    if (m_connection.isActive() && event->key() == Qt::Key_Escape) {
        m_connection.cancel();
        event->accept();
        return;
    }
    if (!focusItem() || focusItem()->type() == StepItem::Type) {
        if (event->key() == Qt::Key_F2) {
            const QStringList selected = selectedStepIds();
            if (selected.size() == 1) {
                editLabel(selected.first());
                event->accept();
                return;
            }
        }
        if (event->matches(QKeySequence::Copy)) {
            m_clipboard.copySelection();
            event->accept();
            return;
        }
        if (event->matches(QKeySequence::Cut)) {
            m_clipboard.cutSelection();
            event->accept();
            return;
        }
        if (event->matches(QKeySequence::Paste)) {
            m_clipboard.paste();
            event->accept();
            return;
        }
        if (event->key() == Qt::Key_D && event->modifiers() == Qt::ControlModifier) {
            m_clipboard.duplicateSelection();
            event->accept();
            return;
        }
        const qreal step = (event->modifiers() & Qt::ShiftModifier) ? 1 : m_gridSize;
        QPointF delta;
        switch (event->key()) {
        case Qt::Key_Delete:
        case Qt::Key_Backspace:
            if (!selectedItems().isEmpty()) {
                deleteSelection();
                event->accept();
                return;
            }
            break;
        case Qt::Key_Left: delta = QPointF(-step, 0); break;
        case Qt::Key_Right: delta = QPointF(step, 0); break;
        case Qt::Key_Up: delta = QPointF(0, -step); break;
        case Qt::Key_Down: delta = QPointF(0, step); break;
        default: break;
        }
        if (!delta.isNull() && !selectedStepIds().isEmpty()) {
            nudgeSelection(delta);
            event->accept();
            return;
        }
    }
    QGraphicsScene::keyPressEvent(event);
}

void SagaScene::mouseDoubleClickEvent(QGraphicsSceneMouseEvent *event)
{
    if (event->button() == Qt::LeftButton) {
        if (StepItem *item = stepItemAt(event->scenePos())) {
            if (item->labelRect().adjusted(-4, -4, 4, 4).contains(item->mapFromScene(event->scenePos()))) {
                editLabel(item->stepId());
                event->accept();
                return;
            }
        } else if (!itemAt(event->scenePos(), QTransform())) {
            Q_EMIT addStepRequested(snapped(event->scenePos()));
            event->accept();
            return;
        }
    }
    QGraphicsScene::mouseDoubleClickEvent(event);
}

void SagaScene::editLabel(const StepId &id)
{
    StepItem *item = m_steps.value(id);
    if (!item || !m_document)
        return;
    if (m_labelEditor) {
        LabelEditor *previous = m_labelEditor;
        m_labelEditor = nullptr;
        previous->deleteLater();
    }
    const QRectF rect = item->labelRect();
    auto *editor = new LabelEditor(id, item->step().displayName(), item->labelFont(), rect.width());
    addItem(editor);
    editor->setDefaultTextColor(palette().color(QPalette::Text));
    editor->setPos(item->mapToScene(rect.topLeft()) - QPointF(2, 2));
    m_labelEditor = editor;
    connect(editor, &LabelEditor::finished, this,
            [this, editor](const StepId &step, const QString &text, bool accepted, bool renameId) {
                if (m_labelEditor == editor)
                    m_labelEditor = nullptr;
                editor->deleteLater();
                if (!accepted || !m_document)
                    return;
                const Step *current = m_document->definition().step(step);
                const QString suggested = StepEdits::slug(text);
                const bool newId = renameId && !suggested.isEmpty() && suggested != step;
                if (current && (newId || (text != current->displayName() && !(text.isEmpty() && current->label.isEmpty()))))
                    m_document->setStepLabel(step, text, renameId ? SagaDocument::IdFollowsLabel::Always
                                                                  : SagaDocument::IdFollowsLabel::WhenGenerated);
            },
            Qt::QueuedConnection); // never delete the editor inside its own key or focus handler
    setFocusItem(editor);
}

QList<QPair<StepId, StepId>> SagaScene::selectedDependencies() const
{
    QList<QPair<StepId, StepId>> edges;
    const QList<QGraphicsItem *> items = selectedItems();
    for (QGraphicsItem *item : items) {
        if (item->type() == DependencyItem::Type) {
            const auto *arrow = static_cast<DependencyItem *>(item);
            edges.append({arrow->step(), arrow->after()});
        }
    }
    return edges;
}

void SagaScene::deleteSelection()
{
    if (!m_document)
        return;
    const QStringList steps = selectedStepIds();
    const QList<QPair<StepId, StepId>> edges = selectedDependencies();
    if (!steps.isEmpty() || !edges.isEmpty())
        m_document->removeStepsAndDependencies(steps, edges); // steps with every arrow naming them
}

void SagaScene::drawBackground(QPainter *painter, const QRectF &rect)
{
    m_decorations.drawBackground(painter, rect);
}

void SagaScene::nudgeSelection(const QPointF &delta)
{
    if (!m_document)
        return;
    QHash<StepId, QPointF> positions;
    for (const StepId &id : selectedStepIds()) {
        if (const StepItem *item = m_steps.value(id))
            positions.insert(id, item->pos() + delta);
    }
    if (!positions.isEmpty())
        m_document->moveSteps(positions);
}

bool SagaScene::event(QEvent *event)
{
    const bool handled = QGraphicsScene::event(event);
    if (event->type() == QEvent::FontChange)
        sync();
    else if (event->type() == QEvent::PaletteChange) {
        // Items cached as pixmaps (cards under a run overlay) keep their old colours unless told.
        for (QGraphicsItem *item : items())
            item->update();
        update();
    }
    return handled;
}

void SagaScene::addStepMenuHook(QObject *owner, const StepMenuHook &hook)
{
    m_stepMenuHooks.append({QPointer<QObject>(owner), hook});
}

bool SagaScene::populateStepMenu(const StepId &step, QMenu *menu) const
{
    const int before = int(menu->actions().size());
    for (const auto &[owner, hook] : m_stepMenuHooks)
        if (owner && hook)
            hook(step, menu);
    return menu->actions().size() > before;
}

void SagaScene::contextMenuEvent(QGraphicsSceneContextMenuEvent *event)
{
    StepItem *card = stepItemAt(event->scenePos());
    if (!card || m_stepMenuHooks.isEmpty()) {
        QGraphicsScene::contextMenuEvent(event);
        return;
    }
    QMenu menu;
    if (!populateStepMenu(card->stepId(), &menu)) {
        QGraphicsScene::contextMenuEvent(event);
        return;
    }
    event->accept();
    menu.exec(event->screenPos());
}

} // namespace Sagascope
