// SPDX-License-Identifier: MIT
#include "bpmnbridge.h"

#include "bridgeannotations.h"
#include "importassembler.h"
#include "sagagraph.h"

#include <QCoreApplication>
#include <QHash>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRectF>
#include <QSet>
#include <QXmlStreamReader>
#include <QXmlStreamWriter>

#include <algorithm>
#include <cmath>

namespace Sagascope {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Bridge", text);
}

const QString StartId = QStringLiteral("saga-start");
const QString EndId = QStringLiteral("saga-completed");
const QString CompensatedId = QStringLiteral("saga-compensated");
const QString ForkStartId = QStringLiteral("fork-start");
const QString JoinEndId = QStringLiteral("join-end");
const QString ErrorId = QStringLiteral("business-failure");
const QString CompensatePrefix = QStringLiteral("compensate-");
const QString OutcomeId = QStringLiteral("saga-outcome");
const QString GuardPrefix = QStringLiteral("guard-");         // before a step: has the saga failed?
const QString DonePrefix = QStringLiteral("done-");           // after a step: its ways meet
const QString AppliedPrefix = QStringLiteral("applied-");     // after a step: record that it applied
const QString IfAppliedPrefix = QStringLiteral("if-applied-"); // in the rollback: was the step applied?
const QString UndonePrefix = QStringLiteral("undone-");       // in the rollback: its ways meet
const QString FailedVariable = QStringLiteral("sagascope_failed");
const QString AppliedVariablePrefix = QStringLiteral("sagascope_applied_");
const QString TimedOutVariable = QStringLiteral("sagascope_timedOut");

constexpr qreal TaskWidth = 100;
constexpr qreal TaskHeight = 80;
constexpr qreal GatewaySize = 50;
constexpr qreal EventSize = 36;

const char *const XsiNs = "http://www.w3.org/2001/XMLSchema-instance";

QString ns(const char *uri)
{
    return QLatin1String(uri);
}

QString processId(const QString &name)
{
    QString id;
    for (const QChar c : name)
        id.append(c.isLetterOrNumber() || c == QLatin1Char('_') ? c.toLower() : QLatin1Char('_'));
    if (id.isEmpty() || !id.front().isLetter())
        id.prepend(QStringLiteral("saga_"));
    return id;
}

/** One node of the process: a step's task, a gateway or an event. */
struct FlowNode
{
    QString id;
    QString element; // serviceTask, parallelGateway, exclusiveGateway, startEvent, endEvent, ...
    QRectF bounds;
    QString name = {};
    QString defaultFlow = {};                          // an exclusive gateway's way when no condition holds
    QList<std::pair<QString, QString>> outputs = {};   // zeebe:output source -> target
};

struct Flow
{
    QString id;
    QString source;
    QString target;
    QString condition = {}; // FEEL, for a flow out of an exclusive gateway
    QString name = {};      // a conditional flow's label (modelers and bpmnlint want one)
};

class Exporter
{
public:
    Exporter(const SagaDefinition &definition, QStringList *warnings)
        : m_definition(definition), m_graph(definition), m_warnings(warnings)
    {
    }

    QByteArray run()
    {
        buildFlow();
        layout();
        QByteArray bytes;
        QXmlStreamWriter xml(&bytes);
        BpmnBridge::writeDefinitionsStart(xml, QStringLiteral("definitions-") + m_processId, true);

        writeProcess(xml);
        writeDiagram(xml);
        xml.writeEndElement(); // definitions
        xml.writeEndDocument();

        if (!m_unbounded.isEmpty())
            m_warnings->append(tr("bpmn: Zeebe has no unbounded job retries: the unbounded retries of %1 are written as "
                                  "retries=\"%2\"")
                                   .arg(m_unbounded.join(QStringLiteral(", ")))
                                   .arg(BpmnBridge::UnboundedRetries));
        return bytes;
    }

private:
    bool canRollBack(const Step &step) const { return step.kind != StepKind::Retriable; }

    bool hasCompensation(const Step &step) const { return step.kind != StepKind::Pivot && step.compensation.has_value(); }

    FlowNode &addNode(const QString &id, const QString &element, const QString &name = QString())
    {
        m_nodes.insert(id, FlowNode{id, element, {}, name});
        m_nodeOrder.append(id);
        return m_nodes[id];
    }

    QString addFlow(const QString &source, const QString &target, const QString &condition = QString())
    {
        const QString id = QStringLiteral("flow-%1-%2").arg(source, target);
        QString name;
        if (!condition.isEmpty())
            name = condition.contains(FailedVariable) ? tr("saga failed") : tr("applied");
        m_flows.append(Flow{id, source, target, condition, name});
        return id;
    }

    static QString appliedVariable(const QString &id) { return AppliedVariablePrefix + id; }

    /** The step's first node: its join, its guard, or the task. */
    QString entryOf(int index) const
    {
        const QString id = m_graph.id(index);
        if (m_graph.predecessors(index).size() > 1)
            return QStringLiteral("join-") + id;
        return m_nodes.contains(GuardPrefix + id) ? GuardPrefix + id : id;
    }

    /** The step's last node: its fork, the merge of its ways, or the task. */
    QString exitOf(int index) const
    {
        const QString id = m_graph.id(index);
        if (m_graph.successors(index).size() > 1)
            return QStringLiteral("fork-") + id;
        return m_nodes.contains(DonePrefix + id) ? DonePrefix + id : id;
    }

    /**
     * The forward flow and the rollback. A failure does not stop anything at once: the failed
     * step's error boundary event sets `sagascope_failed` and goes on to the step's merge; every
     * later step's guard then lets the token pass by, so no new step starts, steps in flight
     * finish, and every branch reaches the joins (none waits for ever). After the last join,
     * `saga-outcome` sends a failed saga to the rollback: for each step that has a compensation,
     * in the reverse of the forward order, its compensation task runs when `sagascope_applied_STEP`
     * says that it applied (or timed out). One task at a time, in that order, on any engine.
     */
    void buildFlow()
    {
        m_processId = processId(m_definition.name.isEmpty() ? QStringLiteral("saga") : m_definition.name);
        const QList<int> &order = m_graph.topologicalOrder();
        for (int index : order)
            m_rollsBack |= canRollBack(m_definition.steps.at(index));
        addNode(StartId, QStringLiteral("startEvent"), tr("saga started"));
        const QList<int> sources = m_graph.sources();
        const QList<int> sinks = m_graph.sinks();
        if (sources.size() > 1)
            addNode(ForkStartId, QStringLiteral("parallelGateway"));
        for (int index : order) {
            const Step &step = m_definition.steps.at(index);
            const StepId &id = step.id;
            if (m_graph.predecessors(index).size() > 1)
                addNode(QStringLiteral("join-") + id, QStringLiteral("parallelGateway"));
            const bool guarded = m_rollsBack && !m_graph.predecessors(index).isEmpty();
            if (guarded)
                addNode(GuardPrefix + id, QStringLiteral("exclusiveGateway"), tr("saga failed?"));
            addNode(id, QStringLiteral("serviceTask"));
            if (m_rollsBack && hasCompensation(step))
                addNode(AppliedPrefix + id, QStringLiteral("intermediateThrowEvent"), tr("%1 applied").arg(step.displayName()))
                    .outputs = {{QStringLiteral("=true"), appliedVariable(id)}};
            if (guarded || canRollBack(step))
                addNode(DonePrefix + id, QStringLiteral("exclusiveGateway"));
            if (m_graph.successors(index).size() > 1)
                addNode(QStringLiteral("fork-") + id, QStringLiteral("parallelGateway"));
        }
        if (sinks.size() > 1)
            addNode(JoinEndId, QStringLiteral("parallelGateway"));
        if (m_rollsBack)
            addNode(OutcomeId, QStringLiteral("exclusiveGateway"), tr("saga failed?"));
        addNode(EndId, QStringLiteral("endEvent"), tr("saga completed"));

        if (order.isEmpty()) {
            addFlow(StartId, EndId);
            return;
        }
        if (sources.size() > 1) {
            addFlow(StartId, ForkStartId);
            for (int s : sources)
                addFlow(ForkStartId, entryOf(s));
        } else {
            addFlow(StartId, entryOf(sources.first()));
        }
        for (int index : order) {
            const StepId &id = m_graph.id(index);
            const Step &step = m_definition.steps.at(index);
            if (m_graph.predecessors(index).size() > 1)
                addFlow(QStringLiteral("join-") + id, m_nodes.contains(GuardPrefix + id) ? GuardPrefix + id : id);
            if (m_nodes.contains(GuardPrefix + id)) {
                m_nodes[GuardPrefix + id].defaultFlow = addFlow(GuardPrefix + id, id);
                addFlow(GuardPrefix + id, DonePrefix + id, QStringLiteral("=%1 = true").arg(FailedVariable));
            }
            QString last = id;
            if (m_nodes.contains(AppliedPrefix + id)) {
                addFlow(id, AppliedPrefix + id);
                last = AppliedPrefix + id;
            }
            if (m_nodes.contains(DonePrefix + id)) {
                addFlow(last, DonePrefix + id);
                last = DonePrefix + id;
            }
            if (canRollBack(step)) {
                m_nodes.insert(id + QStringLiteral("-failed"), FlowNode{id + QStringLiteral("-failed"), QStringLiteral("boundaryEvent"), {}});
                m_boundaries.append(id + QStringLiteral("-failed"));
                addFlow(id + QStringLiteral("-failed"), DonePrefix + id);
            }
            if (m_graph.successors(index).size() > 1)
                addFlow(last, QStringLiteral("fork-") + id);
            for (int successor : m_graph.successors(index))
                addFlow(exitOf(index), entryOf(successor));
        }
        const QString beforeEnd = m_rollsBack ? OutcomeId : EndId;
        if (sinks.size() > 1) {
            for (int s : sinks)
                addFlow(exitOf(s), JoinEndId);
            addFlow(JoinEndId, beforeEnd);
        } else {
            addFlow(exitOf(sinks.first()), beforeEnd);
        }
        if (!m_rollsBack)
            return;
        m_nodes[OutcomeId].defaultFlow = addFlow(OutcomeId, EndId);
        QString previous = OutcomeId;
        QString condition = QStringLiteral("=%1 = true").arg(FailedVariable);
        for (int index : m_graph.reverseOrder()) {
            const Step &step = m_definition.steps.at(index);
            if (!hasCompensation(step))
                continue;
            addNode(IfAppliedPrefix + step.id, QStringLiteral("exclusiveGateway"), tr("%1 applied?").arg(step.displayName()));
            m_rollbackNodes.append(IfAppliedPrefix + step.id);
            addNode(CompensatePrefix + step.id, QStringLiteral("serviceTask"), tr("undo %1").arg(step.displayName()));
            m_rollbackNodes.append(CompensatePrefix + step.id);
            addNode(UndonePrefix + step.id, QStringLiteral("exclusiveGateway"));
            m_rollbackNodes.append(UndonePrefix + step.id);
            addFlow(previous, IfAppliedPrefix + step.id, condition);
            condition.clear();
            addFlow(IfAppliedPrefix + step.id, CompensatePrefix + step.id, QStringLiteral("=%1 = true").arg(appliedVariable(step.id)));
            m_nodes[IfAppliedPrefix + step.id].defaultFlow = addFlow(IfAppliedPrefix + step.id, UndonePrefix + step.id);
            addFlow(CompensatePrefix + step.id, UndonePrefix + step.id);
            previous = UndonePrefix + step.id;
        }
        addNode(CompensatedId, QStringLiteral("endEvent"), tr("saga compensated"));
        m_rollbackNodes.append(CompensatedId);
        addFlow(previous, CompensatedId, condition);
    }

    void layout()
    {
        const QList<int> &order = m_graph.topologicalOrder();
        bool allPlaced = !order.isEmpty();
        for (int index : order)
            allPlaced &= m_definition.steps.at(index).position.has_value();
        if (allPlaced) {
            // The gateways and events around each task need about 480 px from one task to the
            // next: where the canvas has its cards closer, its x positions are stretched.
            qreal closest = 0;
            for (int index : order) {
                for (int successor : m_graph.successors(index)) {
                    const qreal dx = m_definition.steps.at(successor).position->x() - m_definition.steps.at(index).position->x();
                    if (dx > 0 && (closest == 0 || dx < closest))
                        closest = dx;
                }
            }
            const qreal stretch = closest > 0 && closest < 480 ? 480 / closest : 1;
            for (int index : order) {
                // A `.saga` position is the card's centre on the canvas.
                const QPointF p = *m_definition.steps.at(index).position;
                m_nodes[m_graph.id(index)].bounds =
                    QRectF(std::round(p.x() * stretch) - TaskWidth / 2, p.y() - TaskHeight / 2, TaskWidth, TaskHeight);
            }
        } else {
            // Layers by longest path; rows in topological order within a layer.
            QHash<int, int> layer;
            QHash<int, int> rows;
            for (int index : order) {
                int l = 0;
                for (int p : m_graph.predecessors(index))
                    l = std::max(l, layer.value(p) + 1);
                layer.insert(index, l);
                const int row = rows.value(l);
                rows.insert(l, row + 1);
                m_nodes[m_graph.id(index)].bounds =
                    QRectF(300 + l * 480, 80 + row * 260, TaskWidth, TaskHeight);
            }
        }
        qreal minX = 300, maxX = 400, maxY = 160, sumSourceY = 0, sumSinkY = 0;
        bool first = true;
        for (int index : order) {
            const QRectF b = m_nodes.value(m_graph.id(index)).bounds;
            minX = first ? b.left() : std::min(minX, b.left());
            maxX = first ? b.right() : std::max(maxX, b.right());
            maxY = first ? b.bottom() : std::max(maxY, b.bottom());
            first = false;
        }
        const QList<int> sources = m_graph.sources();
        const QList<int> sinks = m_graph.sinks();
        for (int s : sources)
            sumSourceY += m_nodes.value(m_graph.id(s)).bounds.center().y();
        for (int s : sinks)
            sumSinkY += m_nodes.value(m_graph.id(s)).bounds.center().y();
        const qreal startY = sources.isEmpty() ? 120 : sumSourceY / sources.size();
        const qreal endY = sinks.isEmpty() ? 120 : sumSinkY / sinks.size();
        for (int index : order) {
            const QRectF b = m_nodes.value(m_graph.id(index)).bounds;
            const QString id = m_graph.id(index);
            const auto gateway = [&](const QString &node, qreal x) {
                if (m_nodes.contains(node))
                    m_nodes[node].bounds = QRectF(x, b.center().y() - GatewaySize / 2, GatewaySize, GatewaySize);
            };
            gateway(QStringLiteral("join-") + id, b.left() - 160);
            gateway(GuardPrefix + id, b.left() - 80);
            if (m_nodes.contains(AppliedPrefix + id))
                m_nodes[AppliedPrefix + id].bounds = QRectF(b.right() + 25, b.center().y() - EventSize / 2, EventSize, EventSize);
            gateway(DonePrefix + id, b.right() + 85);
            gateway(QStringLiteral("fork-") + id, b.right() + 165);
            maxX = std::max(maxX, b.right() + 215);
        }
        const qreal startX = minX - (sources.size() > 1 ? 310 : 200);
        m_nodes[StartId].bounds = QRectF(startX, startY - EventSize / 2, EventSize, EventSize);
        if (m_nodes.contains(ForkStartId))
            m_nodes[ForkStartId].bounds = QRectF(minX - 250, startY - GatewaySize / 2, GatewaySize, GatewaySize);
        qreal x = maxX + 60;
        if (m_nodes.contains(JoinEndId)) {
            m_nodes[JoinEndId].bounds = QRectF(x, endY - GatewaySize / 2, GatewaySize, GatewaySize);
            x += 110;
        }
        if (m_nodes.contains(OutcomeId)) {
            m_nodes[OutcomeId].bounds = QRectF(x, endY - GatewaySize / 2, GatewaySize, GatewaySize);
            x += 110;
        }
        m_nodes[EndId].bounds = QRectF(x, endY - EventSize / 2, EventSize, EventSize);
        // The rollback: one lane below everything, from the outcome gateway on to the right.
        m_rollbackY = maxY + 200;
        qreal rx = m_nodes.contains(OutcomeId) ? m_nodes.value(OutcomeId).bounds.right() + 60 : x;
        for (const QString &id : std::as_const(m_rollbackNodes)) {
            FlowNode &node = m_nodes[id];
            if (node.element == QLatin1String("serviceTask")) {
                node.bounds = QRectF(rx, m_rollbackY - TaskHeight / 2, TaskWidth, TaskHeight);
                rx += TaskWidth + 60;
            } else if (node.element == QLatin1String("endEvent")) {
                node.bounds = QRectF(rx, m_rollbackY - EventSize / 2, EventSize, EventSize);
            } else {
                node.bounds = QRectF(rx, m_rollbackY - GatewaySize / 2, GatewaySize, GatewaySize);
                rx += GatewaySize + 60;
            }
        }
    }

    void writeTaskDefinition(QXmlStreamWriter &xml, const QString &type, const RetryPolicy &policy, const QString &who)
    {
        xml.writeStartElement(ns(BpmnBridge::ZeebeNs), QStringLiteral("taskDefinition"));
        xml.writeAttribute(QStringLiteral("type"), type);
        if (!policy.isBounded())
            m_unbounded.append(who);
        xml.writeAttribute(QStringLiteral("retries"),
                           QString::number(policy.isBounded() ? policy.maxAttempts : BpmnBridge::UnboundedRetries));
        xml.writeEndElement();
    }

    void writeHeaders(QXmlStreamWriter &xml, const QList<std::pair<QString, QString>> &headers)
    {
        xml.writeStartElement(ns(BpmnBridge::ZeebeNs), QStringLiteral("taskHeaders"));
        for (const auto &[key, value] : headers) {
            xml.writeStartElement(ns(BpmnBridge::ZeebeNs), QStringLiteral("header"));
            xml.writeAttribute(QStringLiteral("key"), key);
            xml.writeAttribute(QStringLiteral("value"), value);
            xml.writeEndElement();
        }
        xml.writeEndElement();
    }

    static QList<std::pair<QString, QString>> retryHeaders(const QString &prefix, const RetryPolicy &policy)
    {
        return {{prefix + QStringLiteral("maxAttempts"), QString::number(policy.maxAttempts)},
                {prefix + QStringLiteral("initialBackoffMs"), QString::number(policy.initialBackoffMs)},
                {prefix + QStringLiteral("multiplier"), QString::number(policy.multiplier)},
                {prefix + QStringLiteral("maxBackoffMs"), QString::number(policy.maxBackoffMs)},
                {prefix + QStringLiteral("jitter"), QString::number(policy.jitter)}};
    }

    void writeFlowRefs(QXmlStreamWriter &xml, const QString &id)
    {
        for (const Flow &flow : std::as_const(m_flows)) {
            if (flow.target == id)
                xml.writeTextElement(ns(BpmnBridge::ModelNs), QStringLiteral("incoming"), flow.id);
        }
        for (const Flow &flow : std::as_const(m_flows)) {
            if (flow.source == id)
                xml.writeTextElement(ns(BpmnBridge::ModelNs), QStringLiteral("outgoing"), flow.id);
        }
    }

    /** Zeebe output mappings: set process variables when the element completes. */
    void writeOutputs(QXmlStreamWriter &xml, const QList<std::pair<QString, QString>> &outputs)
    {
        if (outputs.isEmpty())
            return;
        xml.writeStartElement(ns(BpmnBridge::ModelNs), QStringLiteral("extensionElements"));
        xml.writeStartElement(ns(BpmnBridge::ZeebeNs), QStringLiteral("ioMapping"));
        for (const auto &[source, target] : outputs) {
            xml.writeStartElement(ns(BpmnBridge::ZeebeNs), QStringLiteral("output"));
            xml.writeAttribute(QStringLiteral("source"), source);
            xml.writeAttribute(QStringLiteral("target"), target);
            xml.writeEndElement();
        }
        xml.writeEndElement();
        xml.writeEndElement();
    }

    void writeCompensationTask(QXmlStreamWriter &xml, int index)
    {
        const Step &step = m_definition.steps.at(index);
        xml.writeStartElement(ns(BpmnBridge::ModelNs), QStringLiteral("serviceTask"));
        xml.writeAttribute(QStringLiteral("id"), CompensatePrefix + step.id);
        xml.writeAttribute(QStringLiteral("name"), tr("undo %1").arg(step.displayName()));
        xml.writeStartElement(ns(BpmnBridge::ModelNs), QStringLiteral("extensionElements"));
        const RetryPolicy policy = step.effectiveCompensationRetry();
        writeTaskDefinition(xml, BridgeAnnotations::exportedCompensationName(step), policy,
                            step.id + QStringLiteral(" (compensation)"));
        QList<std::pair<QString, QString>> headers{{QStringLiteral("sagascope.step"), step.id},
                                                   {QStringLiteral("sagascope.operation"), QStringLiteral("compensation")}};
        headers += retryHeaders(QStringLiteral("sagascope.retry."), policy);
        writeHeaders(xml, headers);
        xml.writeEndElement();
        writeFlowRefs(xml, CompensatePrefix + step.id);
        xml.writeEndElement();
    }

    void writeStepTask(QXmlStreamWriter &xml, int index)
    {
        const Step &step = m_definition.steps.at(index);
        xml.writeStartElement(ns(BpmnBridge::ModelNs), QStringLiteral("serviceTask"));
        xml.writeAttribute(QStringLiteral("id"), step.id);
        xml.writeAttribute(QStringLiteral("name"), step.displayName());
        xml.writeStartElement(ns(BpmnBridge::ModelNs), QStringLiteral("extensionElements"));
        const RetryPolicy policy = step.effectiveActionRetry();
        writeTaskDefinition(xml, BridgeAnnotations::exportedActionName(step), policy, step.id);
        QList<std::pair<QString, QString>> headers{{QStringLiteral("sagascope.step"), step.id},
                                                   {QStringLiteral("sagascope.kind"), stepKindName(step.kind)}};
        if (!step.service.isEmpty())
            headers.append({QStringLiteral("sagascope.service"), step.service});
        if (step.timeoutMs)
            headers.append({QStringLiteral("sagascope.timeoutMs"), QString::number(*step.timeoutMs)});
        headers.append({QStringLiteral("sagascope.idempotent"), step.idempotent ? QStringLiteral("true") : QStringLiteral("false")});
        headers += retryHeaders(QStringLiteral("sagascope.retry."), policy);
        writeHeaders(xml, headers);
        xml.writeStartElement(ns(BpmnBridge::SagascopeNs), QStringLiteral("step"));
        xml.writeAttribute(QStringLiteral("kind"), stepKindName(step.kind));
        if (step.kind == StepKind::Pivot)
            xml.writeAttribute(QStringLiteral("pivot"), QStringLiteral("true"));
        xml.writeCDATA(BridgeAnnotations::compact(m_annotations.at(index)));
        xml.writeEndElement();
        xml.writeEndElement(); // extensionElements
        writeFlowRefs(xml, step.id);
        xml.writeEndElement();
    }

    void writeProcess(QXmlStreamWriter &xml)
    {
        m_annotations = BridgeAnnotations::stepObjects(m_definition);
        xml.writeStartElement(ns(BpmnBridge::ModelNs), QStringLiteral("process"));
        xml.writeAttribute(QStringLiteral("id"), m_processId);
        if (!m_definition.name.isEmpty())
            xml.writeAttribute(QStringLiteral("name"), m_definition.name);
        xml.writeAttribute(QStringLiteral("isExecutable"), QStringLiteral("true"));
        if (!m_definition.description.isEmpty())
            xml.writeTextElement(ns(BpmnBridge::ModelNs), QStringLiteral("documentation"), m_definition.description);
        xml.writeStartElement(ns(BpmnBridge::ModelNs), QStringLiteral("extensionElements"));
        xml.writeStartElement(ns(BpmnBridge::SagascopeNs), QStringLiteral("saga"));
        xml.writeCDATA(BridgeAnnotations::compact(BridgeAnnotations::header(m_definition)));
        xml.writeEndElement();
        xml.writeEndElement();

        for (const QString &id : std::as_const(m_nodeOrder)) {
            const FlowNode &node = m_nodes.value(id);
            const int index = m_graph.indexOf(id);
            if (node.element == QLatin1String("serviceTask") && index >= 0) {
                writeStepTask(xml, index);
                continue;
            }
            if (node.element == QLatin1String("serviceTask") && id.startsWith(CompensatePrefix)) {
                writeCompensationTask(xml, m_graph.indexOf(id.mid(CompensatePrefix.size())));
                continue;
            }
            if (node.element == QLatin1String("boundaryEvent"))
                continue;
            xml.writeStartElement(ns(BpmnBridge::ModelNs), node.element);
            xml.writeAttribute(QStringLiteral("id"), id);
            if (!node.name.isEmpty())
                xml.writeAttribute(QStringLiteral("name"), node.name);
            if (!node.defaultFlow.isEmpty())
                xml.writeAttribute(QStringLiteral("default"), node.defaultFlow);
            writeOutputs(xml, node.outputs);
            writeFlowRefs(xml, id);
            xml.writeEndElement();
        }

        // A failure: the error boundary event records it (and, for a step that has a
        // compensation, whether its last attempt timed out: then it may have applied) and goes on
        // to the step's merge; the guards after it let the token pass by.
        for (int index : m_graph.topologicalOrder()) {
            const Step &step = m_definition.steps.at(index);
            if (!canRollBack(step))
                continue;
            const QString boundary = step.id + QStringLiteral("-failed");
            xml.writeStartElement(ns(BpmnBridge::ModelNs), QStringLiteral("boundaryEvent"));
            xml.writeAttribute(QStringLiteral("id"), boundary);
            xml.writeAttribute(QStringLiteral("name"), tr("step failed"));
            xml.writeAttribute(QStringLiteral("attachedToRef"), step.id);
            QList<std::pair<QString, QString>> outputs{{QStringLiteral("=true"), FailedVariable}};
            if (hasCompensation(step))
                outputs.append({QStringLiteral("=") + TimedOutVariable, appliedVariable(step.id)});
            writeOutputs(xml, outputs);
            writeFlowRefs(xml, boundary);
            xml.writeStartElement(ns(BpmnBridge::ModelNs), QStringLiteral("errorEventDefinition"));
            xml.writeAttribute(QStringLiteral("id"), boundary + QStringLiteral("-definition"));
            xml.writeAttribute(QStringLiteral("errorRef"), ErrorId);
            xml.writeEndElement();
            xml.writeEndElement();
        }
        for (const Flow &flow : std::as_const(m_flows)) {
            xml.writeStartElement(ns(BpmnBridge::ModelNs), QStringLiteral("sequenceFlow"));
            xml.writeAttribute(QStringLiteral("id"), flow.id);
            if (!flow.name.isEmpty())
                xml.writeAttribute(QStringLiteral("name"), flow.name);
            xml.writeAttribute(QStringLiteral("sourceRef"), flow.source);
            xml.writeAttribute(QStringLiteral("targetRef"), flow.target);
            if (!flow.condition.isEmpty()) {
                xml.writeStartElement(ns(BpmnBridge::ModelNs), QStringLiteral("conditionExpression"));
                xml.writeAttribute(ns(XsiNs), QStringLiteral("type"), QStringLiteral("bpmn:tFormalExpression"));
                xml.writeCharacters(flow.condition);
                xml.writeEndElement();
            }
            xml.writeEndElement();
        }
        xml.writeEndElement(); // process
    }

    static void writeShape(QXmlStreamWriter &xml, const QString &element, const QRectF &r)
    {
        xml.writeStartElement(ns(BpmnBridge::DiNs), QStringLiteral("BPMNShape"));
        xml.writeAttribute(QStringLiteral("id"), element + QStringLiteral("-di"));
        xml.writeAttribute(QStringLiteral("bpmnElement"), element);
        BpmnBridge::writeBounds(xml, r);
        xml.writeEndElement();
    }

    void writeDiagram(QXmlStreamWriter &xml)
    {
        xml.writeStartElement(ns(BpmnBridge::DiNs), QStringLiteral("BPMNDiagram"));
        xml.writeAttribute(QStringLiteral("id"), m_processId + QStringLiteral("-diagram"));
        xml.writeStartElement(ns(BpmnBridge::DiNs), QStringLiteral("BPMNPlane"));
        xml.writeAttribute(QStringLiteral("id"), m_processId + QStringLiteral("-plane"));
        xml.writeAttribute(QStringLiteral("bpmnElement"), m_processId);
        // Boundary events sit on their task's lower right corner.
        for (const QString &id : std::as_const(m_boundaries)) {
            const QRectF task = m_nodes.value(id.chopped(7)).bounds; // "-failed"
            m_nodes[id].bounds = QRectF(task.right() - 20 - EventSize / 2, task.bottom() - EventSize / 2, EventSize, EventSize);
        }
        for (const QString &id : std::as_const(m_nodeOrder))
            writeShape(xml, id, m_nodes.value(id).bounds);
        for (const QString &id : std::as_const(m_boundaries))
            writeShape(xml, id, m_nodes.value(id).bounds);
        for (const Flow &flow : std::as_const(m_flows)) {
            const QRectF s = m_nodes.value(flow.source).bounds;
            const QRectF t = m_nodes.value(flow.target).bounds;
            if (m_nodes.value(flow.source).element == QLatin1String("boundaryEvent")) {
                // Down from the event, then right and up into the merge.
                const QPointF from(s.center().x(), s.bottom());
                BpmnBridge::writeEdge(xml, flow.id + QStringLiteral("-di"), flow.id, {from, QPointF(from.x(), from.y() + 20), QPointF(t.center().x(), from.y() + 20),
                                         QPointF(t.center().x(), t.bottom())});
                continue;
            }
            if (flow.source.startsWith(IfAppliedPrefix) && flow.target.startsWith(UndonePrefix)) {
                // Not applied: past the compensation task, below it.
                const qreal y = m_rollbackY + TaskHeight / 2 + 30;
                BpmnBridge::writeEdge(xml, flow.id + QStringLiteral("-di"), flow.id, {QPointF(s.center().x(), s.bottom()), QPointF(s.center().x(), y),
                                         QPointF(t.center().x(), y), QPointF(t.center().x(), t.bottom())});
                continue;
            }
            if (flow.source.startsWith(GuardPrefix) && flow.target.startsWith(DonePrefix)) {
                // The way past the step: below it, clear of its boundary event.
                const qreal y = m_nodes.value(flow.source.mid(GuardPrefix.size())).bounds.bottom() + 40;
                BpmnBridge::writeEdge(xml, flow.id + QStringLiteral("-di"), flow.id, {QPointF(s.center().x(), s.bottom()), QPointF(s.center().x(), y),
                                         QPointF(t.center().x(), y), QPointF(t.center().x(), t.bottom())});
                continue;
            }
            const QPointF from(s.right(), s.center().y());
            const QPointF to(t.left(), t.center().y());
            if (qFuzzyCompare(from.y() + 1, to.y() + 1)) {
                BpmnBridge::writeEdge(xml, flow.id + QStringLiteral("-di"), flow.id, {from, to});
            } else {
                // Bend close to the source, so that vertical runs stay clear of the shapes
                // (gateways, events) that stand before the target.
                const qreal mx = to.x() > from.x() ? from.x() + std::min<qreal>(30, (to.x() - from.x()) / 2)
                                                   : (from.x() + to.x()) / 2;
                BpmnBridge::writeEdge(xml, flow.id + QStringLiteral("-di"), flow.id, {from, QPointF(mx, from.y()), QPointF(mx, to.y()), to});
            }
        }
        xml.writeEndElement(); // BPMNPlane
        xml.writeEndElement(); // BPMNDiagram
    }

    const SagaDefinition &m_definition;
    SagaGraph m_graph;
    QStringList *m_warnings;
    QString m_processId;
    QHash<QString, FlowNode> m_nodes;
    QStringList m_nodeOrder;
    QList<Flow> m_flows;
    QList<QJsonObject> m_annotations;
    QStringList m_unbounded;
    QStringList m_rollbackNodes; // in lane order
    QStringList m_boundaries;    // the error boundary events, in flow order
    bool m_rollsBack = false;    // some step's failure rolls the saga back
    qreal m_rollbackY = 0;
};

// ---------------------------------------------------------------------------------------------

/** An element of the process as read, with where it was. */
struct Element
{
    QString kind; // local name: serviceTask, parallelGateway, boundaryEvent, ...
    QString id;
    QString name;
    int line = 0;
    int column = 0;
    bool isForCompensation = false;
    QString attachedTo;
    QStringList eventDefinitions;          // compensateEventDefinition, errorEventDefinition, ...
    QString taskType;                      // zeebe:taskDefinition type, camunda:topic, ...
    QString retries;                       // zeebe:taskDefinition retries
    QHash<QString, QString> headers;       // zeebe:header key -> value
    QString annotation;                    // sagascope:step text
};

struct Reference
{
    QString id;
    QString source;
    QString target;
    int line = 0;
    int column = 0;
    QString condition = {}; // a sequence flow's conditionExpression
};

/** Sagascope's own routing of a failure (a guard's way past a step, the rollback): its
 *  conditions test the variables the export sets; it adds no forward dependency. */
bool isRollbackRouting(const Reference &flow)
{
    return flow.condition.contains(QLatin1String("sagascope_failed"))
           || flow.condition.contains(QLatin1String("sagascope_applied_"));
}

bool isTask(const QString &kind)
{
    static const QSet<QString> tasks{QStringLiteral("task"), QStringLiteral("serviceTask"), QStringLiteral("sendTask"),
                                     QStringLiteral("receiveTask"), QStringLiteral("userTask"), QStringLiteral("manualTask"),
                                     QStringLiteral("scriptTask"), QStringLiteral("businessRuleTask"),
                                     QStringLiteral("callActivity")};
    return tasks.contains(kind);
}

/** A sub-process of any kind: imported as one step, its content ignored. */
bool isSubProcess(const QString &kind)
{
    return kind == QLatin1String("subProcess") || kind == QLatin1String("transaction")
           || kind == QLatin1String("adHocSubProcess");
}

bool isFlowNode(const QString &kind)
{
    return isTask(kind) || kind.endsWith(QLatin1String("Gateway")) || kind.endsWith(QLatin1String("Event"))
           || isSubProcess(kind);
}

class Importer
{
public:
    Importer(const QByteArray &bytes, const QString &fileName, QStringList *warnings)
        : m_bytes(bytes), m_fileName(fileName), m_warnings(warnings)
    {
    }

    std::optional<SagaDefinition> run(QString *error)
    {
        if (!read(error))
            return std::nullopt;
        if (!check(error))
            return std::nullopt;
        return assemble(error);
    }

private:
    QString at(int line, int column) const
    {
        return QStringLiteral("%1:%2:%3").arg(m_fileName).arg(line).arg(column);
    }

    bool read(QString *error)
    {
        QXmlStreamReader xml(m_bytes);
        const QString model = ns(BpmnBridge::ModelNs);
        bool sawRoot = false;
        bool inProcess = false;
        int processes = 0;
        int skipDepth = 0;     // > 0 inside an element whose content is skipped (a subProcess)
        Element *current = nullptr;
        QString currentId;
        while (!xml.atEnd()) {
            xml.readNext();
            if (xml.isStartElement()) {
                const QString name = xml.name().toString();
                const QString uri = xml.namespaceUri().toString();
                const QXmlStreamAttributes attributes = xml.attributes();
                const int line = int(xml.lineNumber());
                const int column = int(xml.columnNumber());
                if (!sawRoot) {
                    sawRoot = true;
                    if (uri != model || name != QLatin1String("definitions")) {
                        *error = tr("%1: not BPMN 2.0: the root element is <%2> in namespace '%3', not <definitions> in '%4'")
                                     .arg(at(line, column), xml.qualifiedName().toString(), uri, model);
                        return false;
                    }
                    continue;
                }
                if (skipDepth > 0) {
                    ++skipDepth;
                    continue;
                }
                if (uri == model && name == QLatin1String("process")) {
                    ++processes;
                    inProcess = processes == 1;
                    if (processes == 1) {
                        m_processName = attributes.value(QLatin1String("name")).toString();
                        if (m_processName.isEmpty())
                            m_processName = attributes.value(QLatin1String("id")).toString();
                    } else {
                        m_warnings->append(tr("%1: a second <process> is ignored; only the first is imported").arg(at(line, column)));
                        skipDepth = 1;
                    }
                    continue;
                }
                if (!inProcess)
                    continue;
                if (uri == model && isSubProcess(name)) {
                    m_warnings->append(tr("%1: <%2 id=\"%3\"> is imported as one step; its content%4 is ignored")
                                           .arg(at(line, column), name, attributes.value(QLatin1String("id")).toString(),
                                                name == QLatin1String("transaction")
                                                    ? tr(" (and its cancel and compensation semantics)")
                                                    : name == QLatin1String("adHocSubProcess") ? tr(" (activities run in any order)")
                                                                                              : QString()));
                }
                if (uri == model && isFlowNode(name)) {
                    Element element;
                    element.kind = name;
                    element.id = attributes.value(QLatin1String("id")).toString();
                    element.name = attributes.value(QLatin1String("name")).toString();
                    element.line = line;
                    element.column = column;
                    element.isForCompensation = attributes.value(QLatin1String("isForCompensation")) == QLatin1String("true");
                    element.attachedTo = attributes.value(QLatin1String("attachedToRef")).toString();
                    element.taskType = attributes.value(ns(BpmnBridge::CamundaNs), QLatin1String("topic")).toString();
                    if (element.taskType.isEmpty())
                        element.taskType = attributes.value(ns(BpmnBridge::CamundaNs), QLatin1String("class")).toString();
                    if (element.id.isEmpty()) {
                        *error = tr("%1: <%2> has no id").arg(at(line, column), name);
                        return false;
                    }
                    if (m_elements.contains(element.id)) {
                        *error = tr("%1: duplicate id '%2'").arg(at(line, column), element.id);
                        return false;
                    }
                    m_elements.insert(element.id, element);
                    m_elementOrder.append(element.id);
                    current = &m_elements[element.id];
                    currentId = element.id;
                    if (isSubProcess(name))
                        skipDepth = 1;
                    continue;
                }
                if (uri == model && name == QLatin1String("sequenceFlow")) {
                    m_flows.append(Reference{attributes.value(QLatin1String("id")).toString(),
                                             attributes.value(QLatin1String("sourceRef")).toString(),
                                             attributes.value(QLatin1String("targetRef")).toString(), line, column});
                    continue;
                }
                if (uri == model && name == QLatin1String("conditionExpression") && !m_flows.isEmpty()) {
                    m_flows.last().condition = xml.readElementText();
                    continue;
                }
                if (uri == model && name == QLatin1String("association")) {
                    m_associations.append(Reference{attributes.value(QLatin1String("id")).toString(),
                                                    attributes.value(QLatin1String("sourceRef")).toString(),
                                                    attributes.value(QLatin1String("targetRef")).toString(), line, column});
                    continue;
                }
                if (uri == model && name.endsWith(QLatin1String("EventDefinition")) && current) {
                    current->eventDefinitions.append(name);
                    continue;
                }
                if (uri == ns(BpmnBridge::ZeebeNs) && name == QLatin1String("taskDefinition") && current) {
                    current->taskType = attributes.value(QLatin1String("type")).toString();
                    current->retries = attributes.value(QLatin1String("retries")).toString();
                    continue;
                }
                if (uri == ns(BpmnBridge::ZeebeNs) && name == QLatin1String("header") && current) {
                    current->headers.insert(attributes.value(QLatin1String("key")).toString(),
                                            attributes.value(QLatin1String("value")).toString());
                    continue;
                }
                if (uri == ns(BpmnBridge::SagascopeNs) && name == QLatin1String("step") && current) {
                    current->annotation = xml.readElementText();
                    continue;
                }
                if (uri == ns(BpmnBridge::SagascopeNs) && name == QLatin1String("saga") && !current) {
                    const QJsonDocument document = QJsonDocument::fromJson(xml.readElementText().toUtf8());
                    if (document.isObject())
                        m_header = document.object();
                    else
                        m_warnings->append(tr("%1: <sagascope:saga> is not a JSON object; ignored").arg(at(line, column)));
                    continue;
                }
                if (uri == model && name == QLatin1String("documentation") && !current) {
                    m_documentation = xml.readElementText();
                    continue;
                }
            } else if (xml.isEndElement()) {
                if (skipDepth > 0) {
                    --skipDepth;
                    if (skipDepth > 0)
                        continue;
                    if (xml.name() == QLatin1String("process"))
                        continue;
                }
                const QString name = xml.name().toString();
                if (xml.namespaceUri() == model && name == QLatin1String("process"))
                    inProcess = false;
                if (current && xml.namespaceUri() == model && name == current->kind)
                    current = nullptr;
            }
        }
        if (xml.hasError()) {
            *error = tr("%1: not well-formed XML: %2").arg(at(int(xml.lineNumber()), int(xml.columnNumber())), xml.errorString());
            return false;
        }
        if (!sawRoot) {
            *error = tr("%1: not BPMN 2.0: the file has no XML element").arg(m_fileName);
            return false;
        }
        if (processes == 0) {
            *error = tr("%1: not a BPMN process: <definitions> holds no <process>").arg(m_fileName);
            return false;
        }
        return true;
    }

    bool check(QString *error)
    {
        for (const Reference &flow : std::as_const(m_flows)) {
            for (const QString &ref : {flow.source, flow.target}) {
                if (!m_elements.contains(ref)) {
                    *error = tr("%1: sequenceFlow '%2' refers to '%3', which the process does not have")
                                 .arg(at(flow.line, flow.column), flow.id, ref);
                    return false;
                }
            }
        }
        for (const Reference &association : std::as_const(m_associations)) {
            for (const QString &ref : {association.source, association.target}) {
                if (!m_elements.contains(ref)) {
                    *error = tr("%1: association '%2' refers to '%3', which the process does not have")
                                 .arg(at(association.line, association.column), association.id, ref);
                    return false;
                }
            }
        }
        for (const QString &id : std::as_const(m_elementOrder)) {
            const Element &e = m_elements.value(id);
            if (e.kind == QLatin1String("boundaryEvent") && !m_elements.contains(e.attachedTo)) {
                *error = tr("%1: boundaryEvent '%2' is attached to '%3', which the process does not have")
                             .arg(at(e.line, e.column), e.id, e.attachedTo);
                return false;
            }
        }
        return true;
    }

    std::optional<SagaDefinition> assemble(QString *error)
    {
        QHash<QString, QStringList> outgoing;
        for (const Reference &flow : std::as_const(m_flows)) {
            if (!isRollbackRouting(flow))
                outgoing[flow.source].append(flow.target);
        }

        // Steps: tasks reachable from a start event by sequence flows (boundary events and
        // compensation handlers are not on that path).
        QSet<QString> reachable;
        QStringList queue;
        for (const QString &id : std::as_const(m_elementOrder)) {
            if (m_elements.value(id).kind == QLatin1String("startEvent"))
                queue.append(id);
        }
        while (!queue.isEmpty()) {
            const QString id = queue.takeFirst();
            if (reachable.contains(id))
                continue;
            reachable.insert(id);
            queue += outgoing.value(id);
        }
        QStringList taskIds;
        for (const QString &id : std::as_const(m_elementOrder)) {
            const Element &e = m_elements.value(id);
            if (!isTask(e.kind) && !isSubProcess(e.kind))
                continue;
            if (e.isForCompensation || e.headers.value(QStringLiteral("sagascope.operation")) == QLatin1String("compensation"))
                continue;
            if (!reachable.contains(id)) {
                m_warnings->append(tr("%1: <%2 id=\"%3\"> is not on a path from a start event; ignored")
                                       .arg(at(e.line, e.column), e.kind, id));
                continue;
            }
            taskIds.append(id);
        }
        for (const QString &id : std::as_const(m_elementOrder)) {
            const Element &e = m_elements.value(id);
            // A gateway that merges has no conditions; one on the main path that splits does.
            if ((e.kind == QLatin1String("exclusiveGateway") || e.kind == QLatin1String("inclusiveGateway")
                 || e.kind == QLatin1String("eventBasedGateway"))
                && reachable.contains(id) && outgoing.value(id).size() > 1)
                m_warnings->append(tr("%1: %2 '%3': its conditions are ignored; every way out is taken as running")
                                       .arg(at(e.line, e.column), e.kind, id));
        }

        // `after`: a task depends on the tasks from which a path of flows through gateways and
        // events (no other task) reaches it.
        const QSet<QString> taskSet(taskIds.cbegin(), taskIds.cend());
        QHash<QString, QStringList> predecessors;
        for (const QString &id : std::as_const(taskIds)) {
            QSet<QString> visited;
            QStringList frontier = outgoing.value(id);
            while (!frontier.isEmpty()) {
                const QString next = frontier.takeFirst();
                if (visited.contains(next))
                    continue;
                visited.insert(next);
                if (taskSet.contains(next)) {
                    if (!predecessors[next].contains(id))
                        predecessors[next].append(id);
                    continue;
                }
                frontier += outgoing.value(next);
            }
        }

        // Topological order (ties by document order), so that kinds are inferred in flow order.
        QStringList order;
        QSet<QString> placed;
        while (order.size() < taskIds.size()) {
            bool progress = false;
            for (const QString &id : std::as_const(taskIds)) {
                if (placed.contains(id))
                    continue;
                bool ready = true;
                for (const QString &p : predecessors.value(id))
                    ready &= placed.contains(p);
                if (ready) {
                    order.append(id);
                    placed.insert(id);
                    progress = true;
                }
            }
            if (!progress) {
                for (const QString &id : std::as_const(taskIds)) {
                    if (!placed.contains(id)) {
                        const Element &e = m_elements.value(id);
                        *error = tr("%1: the sequence flows through '%2' form a loop; a saga cannot repeat a step")
                                     .arg(at(e.line, e.column), id);
                        return std::nullopt;
                    }
                }
            }
        }

        // Compensation handlers: boundary compensate event -> association -> handler.
        QHash<QString, QString> handlerOf;
        for (const Reference &association : std::as_const(m_associations)) {
            const Element &source = m_elements.value(association.source);
            if (source.kind == QLatin1String("boundaryEvent")
                && source.eventDefinitions.contains(QLatin1String("compensateEventDefinition")))
                handlerOf.insert(source.attachedTo, association.target);
        }
        // Sagascope's rollback: a compensation task that names its step in a header.
        QSet<QString> ownHandlers;
        for (const QString &id : std::as_const(m_elementOrder)) {
            const Element &e = m_elements.value(id);
            if (isTask(e.kind) && e.headers.value(QStringLiteral("sagascope.operation")) == QLatin1String("compensation")
                && m_elements.contains(e.headers.value(QStringLiteral("sagascope.step")))) {
                handlerOf.insert(e.headers.value(QStringLiteral("sagascope.step")), id);
                ownHandlers.insert(id);
            }
        }

        QSet<QString> usedIds;
        QHash<QString, QString> stepIdOf;
        for (const QString &id : std::as_const(order))
            stepIdOf.insert(id, ImportAssembler::makeId(id, &usedIds));
        QList<ImportedStep> steps;
        for (const QString &id : std::as_const(order)) {
            const Element &e = m_elements.value(id);
            ImportedStep step;
            step.id = stepIdOf.value(id);
            step.place = QStringLiteral("%1 <%2 id=\"%3\">").arg(at(e.line, e.column), e.kind, id);
            if (step.id != id)
                m_warnings->append(tr("%1: id is not a valid step id; the step is '%2'").arg(step.place, step.id));
            step.label = e.name.isEmpty() ? id : e.name;
            step.actionName = e.taskType.isEmpty() ? id : e.taskType;
            step.service = e.headers.value(QStringLiteral("sagascope.service"));
            for (const QString &p : predecessors.value(id))
                step.after.append(stepIdOf.value(p));
            bool ok = false;
            const qint64 retries = e.retries.toLongLong(&ok);
            if (ok) {
                RetryPolicy retry;
                retry.maxAttempts = retries >= BpmnBridge::UnboundedRetries ? 0 : int(std::max<qint64>(1, retries));
                const auto header = [&](const char *key, double fallback) {
                    bool good = false;
                    const double v = e.headers.value(QLatin1String("sagascope.retry.") + QLatin1String(key)).toDouble(&good);
                    return good ? v : fallback;
                };
                retry.initialBackoffMs = int(header("initialBackoffMs", retry.initialBackoffMs));
                retry.multiplier = header("multiplier", retry.multiplier);
                retry.maxBackoffMs = int(header("maxBackoffMs", retry.maxBackoffMs));
                retry.jitter = header("jitter", retry.jitter);
                step.retry = retry;
            }
            const int timeout = e.headers.value(QStringLiteral("sagascope.timeoutMs")).toInt(&ok);
            if (ok) {
                step.timeoutMs = timeout;
                step.timeoutGranularityMs = 1;
            }
            if (const auto kind = stepKindFromName(e.headers.value(QStringLiteral("sagascope.kind"))))
                step.kind = kind;
            if (!e.annotation.isEmpty()) {
                const QJsonDocument document = QJsonDocument::fromJson(e.annotation.toUtf8());
                if (document.isObject())
                    step.annotation = document.object();
                else
                    m_warnings->append(tr("%1: <sagascope:step> is not a JSON object; ignored").arg(step.place));
            }
            if (handlerOf.contains(id)) {
                const Element &handler = m_elements.value(handlerOf.value(id));
                if (!handler.isForCompensation && !ownHandlers.contains(handler.id))
                    m_warnings->append(tr("%1: compensation handler '%2' lacks isForCompensation=\"true\"")
                                           .arg(at(handler.line, handler.column), handler.id));
                step.compensationName = handler.taskType.isEmpty() ? handler.id : handler.taskType;
                const qint64 handlerRetries = handler.retries.toLongLong(&ok);
                if (ok) {
                    RetryPolicy retry;
                    retry.maxAttempts = handlerRetries >= BpmnBridge::UnboundedRetries ? 0 : int(std::max<qint64>(1, handlerRetries));
                    step.compensationRetry = retry;
                }
            }
            steps.append(step);
        }
        if (steps.isEmpty())
            m_warnings->append(tr("%1: no task on a path from a start event; the saga has no steps").arg(m_fileName));
        QJsonObject header = m_header;
        if (header.isEmpty() && !m_documentation.isEmpty())
            header.insert(QStringLiteral("description"), m_documentation);
        return ImportAssembler::assemble(m_processName, header, steps, m_fileName, m_warnings, error);
    }

    QByteArray m_bytes;
    QString m_fileName;
    QStringList *m_warnings;
    QString m_processName;
    QString m_documentation;
    QJsonObject m_header;
    QHash<QString, Element> m_elements;
    QStringList m_elementOrder;
    QList<Reference> m_flows;
    QList<Reference> m_associations;
};

} // namespace

QByteArray BpmnBridge::exportDefinition(const SagaDefinition &definition, QStringList *warnings)
{
    return Exporter(definition, warnings).run();
}

std::optional<SagaDefinition> BpmnBridge::importDefinition(const QByteArray &bytes, const QString &fileName,
                                                           QStringList *warnings, QString *error)
{
    return Importer(bytes, fileName, warnings).run(error);
}

void BpmnBridge::writeDefinitionsStart(QXmlStreamWriter &xml, const QString &id, bool extensions)
{
    xml.setAutoFormatting(true);
    xml.setAutoFormattingIndent(2);
    xml.writeStartDocument();
    xml.writeNamespace(ns(ModelNs), QStringLiteral("bpmn"));
    xml.writeNamespace(ns(DiNs), QStringLiteral("bpmndi"));
    xml.writeNamespace(ns(DcNs), QStringLiteral("dc"));
    xml.writeNamespace(ns(DdiNs), QStringLiteral("di"));
    xml.writeNamespace(ns(ZeebeNs), QStringLiteral("zeebe"));
    xml.writeNamespace(ns(ModelerNs), QStringLiteral("modeler"));
    if (extensions) {
        xml.writeNamespace(ns(SagascopeNs), QStringLiteral("sagascope"));
        xml.writeNamespace(ns(XsiNs), QStringLiteral("xsi"));
    }
    xml.writeStartElement(ns(ModelNs), QStringLiteral("definitions"));
    xml.writeAttribute(QStringLiteral("id"), id);
    xml.writeAttribute(QStringLiteral("targetNamespace"), ns(SagascopeNs));
    xml.writeAttribute(QStringLiteral("exporter"), QStringLiteral("Sagascope"));
    xml.writeAttribute(QStringLiteral("exporterVersion"), QStringLiteral(SAGASCOPE_VERSION));
    xml.writeAttribute(ns(ModelerNs), QStringLiteral("executionPlatform"), QStringLiteral("Camunda Cloud"));
    xml.writeAttribute(ns(ModelerNs), QStringLiteral("executionPlatformVersion"), QStringLiteral("8.5.0"));

    xml.writeStartElement(ns(ModelNs), QStringLiteral("error"));
    xml.writeAttribute(QStringLiteral("id"), ErrorId);
    xml.writeAttribute(QStringLiteral("name"), QStringLiteral("Business failure"));
    xml.writeAttribute(QStringLiteral("errorCode"), QLatin1String(BusinessFailureCode));
    xml.writeEndElement();
}

void BpmnBridge::writeBounds(QXmlStreamWriter &xml, const QRectF &r)
{
    xml.writeStartElement(ns(DcNs), QStringLiteral("Bounds"));
    xml.writeAttribute(QStringLiteral("x"), QString::number(r.x()));
    xml.writeAttribute(QStringLiteral("y"), QString::number(r.y()));
    xml.writeAttribute(QStringLiteral("width"), QString::number(r.width()));
    xml.writeAttribute(QStringLiteral("height"), QString::number(r.height()));
    xml.writeEndElement();
}

void BpmnBridge::writeEdge(QXmlStreamWriter &xml, const QString &id, const QString &element, const QList<QPointF> &points)
{
    xml.writeStartElement(ns(DiNs), QStringLiteral("BPMNEdge"));
    xml.writeAttribute(QStringLiteral("id"), id);
    xml.writeAttribute(QStringLiteral("bpmnElement"), element);
    for (const QPointF &p : points) {
        xml.writeStartElement(ns(DdiNs), QStringLiteral("waypoint"));
        xml.writeAttribute(QStringLiteral("x"), QString::number(p.x()));
        xml.writeAttribute(QStringLiteral("y"), QString::number(p.y()));
        xml.writeEndElement();
    }
    xml.writeEndElement();
}

} // namespace Sagascope
