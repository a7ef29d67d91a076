// SPDX-License-Identifier: MIT
#pragma once

#include "graphvizlayout.h"
#include "sagadefinition.h"

#include <QFont>
#include <QHash>
#include <QPointF>

namespace Sagascope {

/** How the designer lays a saga out. */
struct AutoLayoutOptions
{
    LayoutDirection direction = LayoutDirection::LeftToRight;
    bool swimlanes = false; // one Graphviz cluster per service
};

/**
 * Turns a saga into GraphvizLayout's plain input (cards sized as StepItem draws them) and the
 * result back into step positions (card centres, whole pixels). input() needs the GUI thread
 * (font metrics); GraphvizLayout::layout() on its result may run on any thread.
 */
class AutoLayout
{
public:
    static LayoutInput input(const SagaDefinition &definition, const QFont &font, const AutoLayoutOptions &options = {});
    /** Step positions from a layout result, rounded to whole pixels. */
    static QHash<StepId, QPointF> positions(const LayoutResult &result);
    /** Runs the whole layout synchronously. */
    static LayoutResult run(const SagaDefinition &definition, const QFont &font, const AutoLayoutOptions &options = {});

    /** True when no step has a position yet (a new or imported file): lay it all out. */
    static bool isUnplaced(const SagaDefinition &definition);
    /** True when some step has no position. */
    static bool hasUnplacedSteps(const SagaDefinition &definition);
    /** Places only the steps without a position, next to their placed predecessors (or below
     *  everything), keeping every manual position. */
    static QHash<StepId, QPointF> placeUnplaced(const SagaDefinition &definition, const QFont &font,
                                                LayoutDirection direction = LayoutDirection::LeftToRight);
};

} // namespace Sagascope
