// SPDX-License-Identifier: MIT
#pragma once

#include "sagadefinition.h"

#include <QByteArray>
#include <QHash>
#include <QLineF>
#include <QList>
#include <QPointF>
#include <QRectF>
#include <QSizeF>
#include <QString>

namespace Sagascope {

/** Which way ranks run: the first steps left (LeftToRight) or at the top (TopToBottom). */
enum class LayoutDirection { LeftToRight, TopToBottom };

/** One box to place: an id and its size in scene pixels; `cluster` groups boxes (swimlanes). */
struct LayoutNode
{
    QString id;
    QSizeF size;
    QString cluster; // empty: no cluster
};

/** A dependency: `from` must come before `to` (from = a step's `after` entry, to = the step). */
struct LayoutEdge
{
    QString from;
    QString to;

    friend bool operator==(const LayoutEdge &, const LayoutEdge &) = default;
};

inline size_t qHash(const LayoutEdge &edge, size_t seed = 0)
{
    return qHashMulti(seed, edge.from, edge.to);
}

/** What to lay out: plain data, no Graphviz types. */
struct LayoutInput
{
    QList<LayoutNode> nodes;
    QList<LayoutEdge> edges;
    QHash<QString, QString> clusterLabels; // cluster id -> title; used only when `useClusters`
    bool useClusters = false;
    LayoutDirection direction = LayoutDirection::LeftToRight;
    double nodeSeparation = 36.0; // px between boxes of one rank
    double rankSeparation = 72.0; // px between ranks
};

/** Where Graphviz put everything, in scene pixels (y grows downwards, the box starts at 0,0). */
struct LayoutResult
{
    bool ok = false;
    QString error;                                 // set when !ok
    QHash<QString, QPointF> centres;               // node id -> centre of its box
    QHash<QString, int> ranks;                     // node id -> rank (0 = first)
    /** Each edge's route as cubic Bézier control points: p0, c1, c2, p1, c1, c2, p2, ...
     *  (3n+1 points), from the border of `from` to the border of `to`. */
    QHash<LayoutEdge, QList<QPointF>> edgePaths;
    QRectF boundingBox;
    QHash<QString, QRectF> clusterRects;           // cluster id -> its frame (when clustered)
};

/** Options of the DOT text of a saga (`sagascope-cli export --to dot`). */
struct DotOptions
{
    LayoutDirection direction = LayoutDirection::LeftToRight;
    bool clustersByService = true;
};

/**
 * The one class that calls Graphviz (cgraph + gvc, engine `dot`). Takes a plain input and
 * returns a plain result; owns every Graphviz object with RAII, pins LC_NUMERIC to "C" while
 * Graphviz runs (it parses numbers with atof), converts between scene pixels and Graphviz'
 * inches/points (1 px = 1 pt, 72 per inch) and flips Y in one place. Graphviz is not thread
 * safe, so layouts are serialised by a process-wide mutex: layout() may be called from any
 * thread, one runs at a time.
 */
class GraphvizLayout
{
public:
    /** Lays out `input` with `dot`. Unknown edge ends are ignored; cycles are allowed
     *  (Graphviz reverses an edge to break them). */
    static LayoutResult layout(const LayoutInput &input);

    /** A self-contained DOT description of a saga: steps as nodes shaped by kind, `after`
     *  edges, services as clusters, the pivot marked. Valid input for `dot`. */
    static QByteArray dotText(const SagaDefinition &definition, const DotOptions &options = {});

    /** The graph layout() hands to Graphviz, as DOT text (same attributes, sizes and ports):
     *  for comparing with the `dot` program and for debugging a layout. */
    static QByteArray dotText(const LayoutInput &input);

    /** Quotes a string for DOT ("..." with `"` and `\` escaped, newlines as \n). */
    static QByteArray dotQuote(const QString &text);
};

} // namespace Sagascope
