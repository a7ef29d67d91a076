// SPDX-License-Identifier: MIT
#pragma once

#include "sagadefinition.h"

#include <QPointF>

QT_BEGIN_NAMESPACE
class QGraphicsPathItem;
QT_END_NAMESPACE

namespace Sagascope {

class SagaScene;
class StepItem;

/**
 * The canvas's tool for drawing a new dependency: a press on a card's out port starts a dashed
 * line, the card under the pointer lights up as the target, and the release on it makes the
 * target run after the first card (SagaDocument::addDependency()); Escape cancels. The scene
 * hands it its mouse and key events while it is active.
 */
class ConnectionTool
{
public:
    explicit ConnectionTool(SagaScene *scene) : m_scene(scene) {}
    ~ConnectionTool();
    ConnectionTool(const ConnectionTool &) = delete;
    ConnectionTool &operator=(const ConnectionTool &) = delete;

    bool isActive() const { return m_line != nullptr; }
    /** Starts a dependency when `scenePos` is on the out port of the topmost card there; false
     *  (nothing started) otherwise. */
    bool press(const QPointF &scenePos);
    /** Draws the line to `scenePos`, or to the in port of the card there. */
    void move(const QPointF &scenePos);
    /** Ends the line; on another card, adds the dependency (one undoable command). */
    void release(const QPointF &scenePos);
    void cancel();

private:
    void setTarget(StepItem *target);

    SagaScene *m_scene;
    QGraphicsPathItem *m_line = nullptr;
    StepId m_from;
    StepId m_target;
};

} // namespace Sagascope
