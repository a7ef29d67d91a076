// SPDX-License-Identifier: MIT
#include "graphvizlayout.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QMutex>
#include <QMutexLocker>
#include <QSet>

#include <graphviz/cgraph.h>
#include <graphviz/gvc.h>

#include <algorithm>
#include <clocale>
#include <limits>
#include <memory>
#include <string>
#include <vector>

namespace Sagascope {

namespace {

// cgraph and gvc keep global state (symbol tables, error buffers, the locale they parse with):
// one layout at a time, whatever the thread.
QMutex &graphvizMutex()
{
    static QMutex mutex;
    return mutex;
}

/** Pins LC_NUMERIC to "C" for its lifetime: Graphviz reads and writes numbers with atof/printf. */
class LocaleGuard
{
public:
    LocaleGuard()
    {
        if (const char *current = std::setlocale(LC_NUMERIC, nullptr))
            m_saved = current;
        std::setlocale(LC_NUMERIC, "C");
    }
    ~LocaleGuard() { std::setlocale(LC_NUMERIC, m_saved.empty() ? "C" : m_saved.c_str()); }
    LocaleGuard(const LocaleGuard &) = delete;
    LocaleGuard &operator=(const LocaleGuard &) = delete;

private:
    std::string m_saved;
};

// Graphviz messages are collected here (under the mutex) instead of going to stderr.
QByteArray g_graphvizMessages;

int collectGraphvizMessage(char *message)
{
    g_graphvizMessages += message;
    return 0;
}

/** Installs the message collector for its lifetime and restores the previous one. */
class ErrorCapture
{
public:
    ErrorCapture()
    {
        g_graphvizMessages.clear();
        agreseterrors();
        m_previousLevel = agseterr(AGERR);
        m_previousHandler = agseterrf(&collectGraphvizMessage);
    }
    ~ErrorCapture()
    {
        agseterrf(m_previousHandler);
        agseterr(m_previousLevel);
    }
    ErrorCapture(const ErrorCapture &) = delete;
    ErrorCapture &operator=(const ErrorCapture &) = delete;

    QString lastError() const
    {
        QByteArray text;
        if (const char *last = aglasterr())
            text = last;
        if (text.trimmed().isEmpty())
            text = g_graphvizMessages;
        return QString::fromUtf8(text).trimmed();
    }

private:
    agerrlevel_t m_previousLevel = AGWARN;
    agusererrf m_previousHandler = nullptr;
};

struct ContextDeleter
{
    void operator()(GVC_t *context) const { gvFreeContext(context); }
};
struct GraphDeleter
{
    void operator()(Agraph_t *graph) const { agclose(graph); }
};

/** gvLayout()'s counterpart: frees the layout before the graph is closed. */
class LayoutScope
{
public:
    LayoutScope(GVC_t *context, Agraph_t *graph) : m_context(context), m_graph(graph) {}
    ~LayoutScope()
    {
        if (m_active)
            gvFreeLayout(m_context, m_graph);
    }
    LayoutScope(const LayoutScope &) = delete;
    LayoutScope &operator=(const LayoutScope &) = delete;

    bool run(const char *engine)
    {
        m_active = gvLayout(m_context, m_graph, engine) == 0;
        return m_active;
    }

private:
    GVC_t *m_context;
    Agraph_t *m_graph;
    bool m_active = false;
};

// cgraph takes `char *` everywhere; these keep the strings alive for the call.
void setAttribute(void *object, const char *name, const QByteArray &value, const char *defaultValue = "")
{
    agsafeset(object, const_cast<char *>(name), const_cast<char *>(value.constData()),
              const_cast<char *>(defaultValue));
}

QByteArray number(double value)
{
    return QByteArray::number(value, 'f', 4);
}

constexpr double PointsPerInch = 72.0; // 1 scene px = 1 pt

/** Graphviz coordinates (points, y up) -> scene pixels (y down, box at 0,0). In one place. */
struct CoordinateMap
{
    boxf bb;
    QPointF toScene(pointf p) const { return QPointF(p.x - bb.LL.x, bb.UR.y - p.y); }
    QRectF toScene(const boxf &box) const
    {
        return QRectF(toScene(pointf{box.LL.x, box.UR.y}), toScene(pointf{box.UR.x, box.LL.y})).normalized();
    }
};

} // namespace

LayoutResult GraphvizLayout::layout(const LayoutInput &input)
{
    LayoutResult result;
    if (input.nodes.isEmpty()) {
        result.ok = true;
        return result;
    }

    QMutexLocker lock(&graphvizMutex());
    LocaleGuard locale;
    ErrorCapture errors;

    std::unique_ptr<GVC_t, ContextDeleter> context(gvContext());
    if (!context) {
        result.error = QCoreApplication::translate("GraphvizLayout", "Graphviz could not start (gvContext failed)");
        return result;
    }
    std::unique_ptr<Agraph_t, GraphDeleter> graph(
        agopen(const_cast<char *>("saga"), Agdirected, nullptr));
    if (!graph) {
        result.error = QCoreApplication::translate("GraphvizLayout", "Graphviz could not create a graph: %1")
                           .arg(errors.lastError());
        return result;
    }
    Agraph_t *g = graph.get();

    const bool leftToRight = input.direction == LayoutDirection::LeftToRight;
    setAttribute(g, "rankdir", leftToRight ? "LR" : "TB");
    setAttribute(g, "nodesep", number(input.nodeSeparation / PointsPerInch));
    setAttribute(g, "ranksep", number(input.rankSeparation / PointsPerInch));
    setAttribute(g, "splines", "spline");
    setAttribute(g, "outputorder", "edgesfirst");
    setAttribute(g, "newrank", "true"); // rank globally, clusters included: every edge points forward

    // Defaults first, so per-object agsafeset calls find the symbols.
    agattr(g, AGNODE, const_cast<char *>("shape"), const_cast<char *>("box"));
    agattr(g, AGNODE, const_cast<char *>("fixedsize"), const_cast<char *>("true"));
    agattr(g, AGNODE, const_cast<char *>("label"), const_cast<char *>(""));
    agattr(g, AGEDGE, const_cast<char *>("arrowhead"), const_cast<char *>("none"));
    agattr(g, AGEDGE, const_cast<char *>("tailport"), const_cast<char *>(leftToRight ? "e" : "s"));
    agattr(g, AGEDGE, const_cast<char *>("headport"), const_cast<char *>(leftToRight ? "w" : "n"));

    // Clusters, one subgraph per cluster id, in first-seen order.
    QHash<QString, Agraph_t *> clusters;
    QList<QString> clusterOrder;
    if (input.useClusters) {
        for (const LayoutNode &node : input.nodes) {
            if (node.cluster.isEmpty() || clusters.contains(node.cluster))
                continue;
            const QByteArray name = "cluster_" + QByteArray::number(clusters.size());
            Agraph_t *subgraph = agsubg(g, const_cast<char *>(name.constData()), 1);
            setAttribute(subgraph, "label", input.clusterLabels.value(node.cluster, node.cluster).toUtf8());
            setAttribute(subgraph, "margin", "22"); // room for SwimlaneItem's padding around the cards
            clusters.insert(node.cluster, subgraph);
            clusterOrder.append(node.cluster);
        }
    }

    QHash<QString, Agnode_t *> nodes;
    nodes.reserve(input.nodes.size());
    int serial = 0;
    for (const LayoutNode &node : input.nodes) {
        if (nodes.contains(node.id))
            continue; // a duplicate id keeps its first box
        // Node names are serials: ids are arbitrary strings and never parsed by Graphviz here.
        const QByteArray name = "n" + QByteArray::number(serial++);
        Agraph_t *owner = g;
        if (input.useClusters && !node.cluster.isEmpty())
            owner = clusters.value(node.cluster);
        Agnode_t *n = agnode(owner, const_cast<char *>(name.constData()), 1);
        if (owner != g)
            agsubnode(g, n, 1);
        setAttribute(n, "width", number(qMax(1.0, node.size.width()) / PointsPerInch));
        setAttribute(n, "height", number(qMax(1.0, node.size.height()) / PointsPerInch));
        nodes.insert(node.id, n);
    }

    struct PlacedEdge
    {
        LayoutEdge key;
        Agedge_t *edge;
    };
    std::vector<PlacedEdge> edges;
    QSet<LayoutEdge> seenEdges;
    for (const LayoutEdge &edge : input.edges) {
        Agnode_t *tail = nodes.value(edge.from);
        Agnode_t *head = nodes.value(edge.to);
        if (!tail || !head || seenEdges.contains(edge))
            continue;
        seenEdges.insert(edge);
        Agedge_t *e = agedge(g, tail, head, nullptr, 1);
        if (e)
            edges.push_back({edge, e});
    }

    LayoutScope layoutScope(context.get(), g);
    if (!layoutScope.run("dot")) {
        const QString why = errors.lastError();
        result.error = QCoreApplication::translate("GraphvizLayout", "Graphviz could not lay out the saga: %1")
                           .arg(why.isEmpty() ? QStringLiteral("gvLayout failed") : why);
        return result;
    }

    const CoordinateMap map{GD_bb(g)};
    result.boundingBox = map.toScene(GD_bb(g));
    // Ranks from the rank axis: dot centres every box of a rank on one line (x for LR, y for
    // TB). ND_rank is not used: inside clusters it counts the cluster's own ranks.
    QList<qreal> rankLines;
    for (auto it = nodes.cbegin(); it != nodes.cend(); ++it) {
        const QPointF centre = map.toScene(ND_coord(it.value()));
        result.centres.insert(it.key(), centre);
        rankLines.append(leftToRight ? centre.x() : centre.y());
    }
    std::sort(rankLines.begin(), rankLines.end());
    QList<qreal> distinct;
    for (qreal line : std::as_const(rankLines)) {
        if (distinct.isEmpty() || line - distinct.last() > 0.5)
            distinct.append(line);
    }
    for (auto it = result.centres.cbegin(); it != result.centres.cend(); ++it) {
        const qreal line = leftToRight ? it.value().x() : it.value().y();
        const auto found = std::lower_bound(distinct.cbegin(), distinct.cend(), line - 0.5);
        result.ranks.insert(it.key(), int(found - distinct.cbegin()));
    }
    for (const PlacedEdge &placed : edges) {
        const splines *spl = ED_spl(placed.edge);
        if (!spl || spl->size < 1 || spl->list[0].size < 4)
            continue;
        const bezier &bz = spl->list[0];
        QList<QPointF> points;
        points.reserve(bz.size);
        for (int i = 0; i < bz.size; ++i)
            points.append(map.toScene(bz.list[i]));
        // Back edges of a cycle may come out drawn from head to tail: orient them from -> to.
        const QPointF fromCentre = result.centres.value(placed.key.from);
        const QPointF toCentre = result.centres.value(placed.key.to);
        auto distance = [](QPointF a, QPointF b) { return QLineF(a, b).length(); };
        if (distance(points.first(), toCentre) + distance(points.last(), fromCentre)
            < distance(points.first(), fromCentre) + distance(points.last(), toCentre))
            std::reverse(points.begin(), points.end());
        result.edgePaths.insert(placed.key, points);
    }
    for (const QString &cluster : std::as_const(clusterOrder))
        result.clusterRects.insert(cluster, map.toScene(GD_bb(clusters.value(cluster))));
    result.ok = true;
    return result;
}

QByteArray GraphvizLayout::dotText(const LayoutInput &input)
{
    const bool leftToRight = input.direction == LayoutDirection::LeftToRight;
    QByteArray out = "digraph saga {\n";
    out += "  graph [rankdir=" + QByteArray(leftToRight ? "LR" : "TB") + ", nodesep="
        + number(input.nodeSeparation / PointsPerInch) + ", ranksep=" + number(input.rankSeparation / PointsPerInch)
        + ", splines=spline, outputorder=edgesfirst, newrank=true];\n";
    out += "  node [shape=box, fixedsize=true, label=\"\"];\n";
    out += "  edge [arrowhead=none, tailport=" + QByteArray(leftToRight ? "e" : "s")
        + ", headport=" + QByteArray(leftToRight ? "w" : "n") + "];\n";
    QHash<QString, int> serial;
    QHash<QString, QList<int>> byCluster;
    QList<QString> clusterOrder;
    for (const LayoutNode &node : input.nodes) {
        if (serial.contains(node.id))
            continue;
        const int n = int(serial.size());
        serial.insert(node.id, n);
        if (input.useClusters && !node.cluster.isEmpty()) {
            if (!byCluster.contains(node.cluster))
                clusterOrder.append(node.cluster);
            byCluster[node.cluster].append(n);
        }
        out += "  n" + QByteArray::number(n) + " [width=" + number(qMax(1.0, node.size.width()) / PointsPerInch)
            + ", height=" + number(qMax(1.0, node.size.height()) / PointsPerInch) + "];\n";
    }
    for (int c = 0; c < clusterOrder.size(); ++c) {
        const QString &cluster = clusterOrder.at(c);
        out += "  subgraph cluster_" + QByteArray::number(c) + " { label="
            + dotQuote(input.clusterLabels.value(cluster, cluster)) + "; margin=22;";
        for (int n : byCluster.value(cluster))
            out += " n" + QByteArray::number(n) + ";";
        out += " }\n";
    }
    QSet<LayoutEdge> seen;
    for (const LayoutEdge &edge : input.edges) {
        if (!serial.contains(edge.from) || !serial.contains(edge.to) || seen.contains(edge))
            continue;
        seen.insert(edge);
        out += "  n" + QByteArray::number(serial.value(edge.from)) + " -> n" + QByteArray::number(serial.value(edge.to))
            + ";\n";
    }
    out += "}\n";
    return out;
}

QByteArray GraphvizLayout::dotQuote(const QString &text)
{
    QByteArray out;
    const QByteArray utf8 = text.toUtf8();
    out.reserve(utf8.size() + 2);
    out += '"';
    for (char c : utf8) {
        switch (c) {
        case '"': out += "\\\""; break;
        case '\\': out += "\\\\"; break;
        case '\n': out += "\\n"; break;
        case '\r': break;
        default: out += c;
        }
    }
    out += '"';
    return out;
}

QByteArray GraphvizLayout::dotText(const SagaDefinition &definition, const DotOptions &options)
{
    // Okabe-Ito colours: told apart by colour-blind readers; shapes differ as well.
    struct KindStyle
    {
        const char *shape;
        const char *fill;
        const char *border;
        const char *style;
    };
    auto styleOf = [](StepKind kind) -> KindStyle {
        switch (kind) {
        case StepKind::Compensatable: return {"box", "#e4ecf6", "#1f5fae", "rounded,filled"};
        case StepKind::Pivot: return {"hexagon", "#f6e9dc", "#9e5000", "filled,bold"};
        case StepKind::Retriable: return {"cds", "#e0f0ea", "#007a5a", "filled"};
        }
        return {"box", "#ffffff", "#000000", "filled"};
    };

    QByteArray out;
    out += "// " + definition.name.toUtf8().replace('\n', ' ') + "\n";
    out += "// Generated by sagascope-cli export --to dot\n";
    out += "digraph saga {\n";
    out += "  graph [rankdir=" + QByteArray(options.direction == LayoutDirection::LeftToRight ? "LR" : "TB")
        + ", label=" + dotQuote(definition.name) + ", labelloc=t, fontname=\"Helvetica\", nodesep=0.4, ranksep=0.7];\n";
    out += "  node [fontname=\"Helvetica\", fontsize=11, penwidth=1.5];\n";
    out += "  edge [color=\"#555555\", arrowsize=0.8];\n";

    QSet<QString> knownIds;
    for (const Step &step : definition.steps)
        knownIds.insert(step.id);

    auto nodeLine = [&](const Step &step) {
        const KindStyle style = styleOf(step.kind);
        QString label = step.displayName() + QLatin1Char('\n') + stepKindName(step.kind);
        if (step.compensation && !step.compensation->name.isEmpty())
            label += QStringLiteral(" \u00b7 undo: ") + step.compensation->name;
        if (!step.sideEffects.isEmpty())
            label += QStringLiteral("\nside effects: ") + step.sideEffects.join(QStringLiteral(", "));
        QByteArray line = dotQuote(step.id) + " [label=" + dotQuote(label) + ", shape=" + style.shape
            + ", style=" + dotQuote(QString::fromLatin1(style.style)) + ", fillcolor=\"" + style.fill
            + "\", color=\"" + style.border + "\"";
        if (step.kind == StepKind::Pivot)
            line += ", peripheries=2, tooltip=\"pivot: point of no return\"";
        line += "];\n";
        return line;
    };

    // Services as clusters (swimlanes), in the order the file lists them, then unlisted ones.
    QList<QString> serviceOrder;
    QHash<QString, QList<int>> stepsByService;
    QList<int> unclustered;
    for (int i = 0; i < definition.steps.size(); ++i) {
        const Step &step = definition.steps.at(i);
        if (!options.clustersByService || step.service.isEmpty()) {
            unclustered.append(i);
            continue;
        }
        if (!stepsByService.contains(step.service))
            serviceOrder.append(step.service);
        stepsByService[step.service].append(i);
    }
    QList<QString> ordered;
    for (const Service &service : definition.services) {
        if (stepsByService.contains(service.id) && !ordered.contains(service.id))
            ordered.append(service.id);
    }
    for (const QString &service : std::as_const(serviceOrder)) {
        if (!ordered.contains(service))
            ordered.append(service);
    }
    int clusterIndex = 0;
    for (const QString &serviceId : std::as_const(ordered)) {
        QString title = serviceId;
        for (const Service &service : definition.services) {
            if (service.id == serviceId && !service.label.isEmpty())
                title = service.label;
        }
        out += "  subgraph cluster_" + QByteArray::number(clusterIndex++) + " {\n";
        out += "    label=" + dotQuote(title) + "; style=\"rounded,dashed\"; color=\"#999999\"; fontcolor=\"#555555\";\n";
        for (int i : stepsByService.value(serviceId))
            out += "    " + nodeLine(definition.steps.at(i));
        out += "  }\n";
    }
    for (int i : std::as_const(unclustered))
        out += "  " + nodeLine(definition.steps.at(i));

    for (const Step &step : definition.steps) {
        QSet<QString> seen;
        for (const QString &after : step.after) {
            if (seen.contains(after))
                continue;
            seen.insert(after);
            QByteArray line = "  " + dotQuote(after) + " -> " + dotQuote(step.id);
            if (!knownIds.contains(after))
                line += " [style=dashed, color=\"#d55e00\", tooltip=\"unknown step\"]";
            out += line + ";\n";
        }
    }
    out += "}\n";
    return out;
}

} // namespace Sagascope
