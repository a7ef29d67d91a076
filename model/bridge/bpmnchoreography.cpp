// SPDX-License-Identifier: MIT
#include "bpmnchoreography.h"

#include "bpmnbridge.h"
#include "eventindex.h"

#include <QCoreApplication>
#include <QHash>
#include <QPointF>
#include <QRectF>
#include <QSet>
#include <QXmlStreamWriter>

namespace Sagascope {

namespace {

constexpr qreal PoolLabel = 30;     // the pool's name band on its left
constexpr qreal RowHeight = 150;    // one chain: its main line, and a failure branch below it
constexpr qreal Gap = 40;
constexpr qreal TaskW = 110, TaskH = 80, EventSize = 36, GatewaySize = 50;

QString ns(const char *uri)
{
    return QLatin1String(uri);
}

QString safe(const QString &text)
{
    QString id;
    for (const QChar c : text)
        id.append(c.isLetterOrNumber() || c == u'_' || c == u'-' || c == u'.' ? c : QChar(u'_'));
    return id;
}

struct Node
{
    QString id;
    QString element;      // intermediateCatchEvent, serviceTask, parallelGateway, ...
    QString name;
    QString message;      // the event, for catch and throw events
    QString taskType;     // serviceTask: zeebe task type
    int retries = 0;
    QString attachedTo;   // boundaryEvent
    QRectF bounds;
};

struct Flow
{
    QString id;
    QString source;
    QString target;
};

struct Pool
{
    QString service;
    QString name;
    QString processId;
    QString participantId;
    QList<Node> nodes;
    QList<Flow> flows;
    QRectF bounds;
};

class Exporter
{
public:
    Exporter(const SagaDefinition &definition, QStringList *warnings)
        : m_definition(definition), m_warnings(warnings)
    {
    }

    QByteArray run()
    {
        buildPools();
        QByteArray bytes;
        QXmlStreamWriter xml(&bytes);
        BpmnBridge::writeDefinitionsStart(xml, QStringLiteral("definitions-choreography"), false);
        const EventIndex index(m_definition);
        for (const QString &event : index.events()) {
            xml.writeStartElement(ns(BpmnBridge::ModelNs), QStringLiteral("message"));
            xml.writeAttribute(QStringLiteral("id"), BpmnChoreography::messageId(event));
            xml.writeAttribute(QStringLiteral("name"), event);
            xml.writeStartElement(ns(BpmnBridge::ModelNs), QStringLiteral("extensionElements"));
            xml.writeStartElement(ns(BpmnBridge::ZeebeNs), QStringLiteral("subscription"));
            xml.writeAttribute(QStringLiteral("correlationKey"), QStringLiteral("=instance"));
            xml.writeEndElement();
            xml.writeEndElement();
            xml.writeEndElement();
        }

        writeCollaboration(xml);
        for (const Pool &pool : std::as_const(m_pools))
            writeProcess(xml, pool);
        writeDiagram(xml);
        xml.writeEndElement(); // definitions
        xml.writeEndDocument();
        if (!m_unbounded.isEmpty())
            m_warnings->append(QCoreApplication::translate("Bridge", "bpmn: Zeebe has no unbounded job retries: the "
                                                                         "unbounded retries of %1 are written as retries=\"%2\"")
                                   .arg(m_unbounded.join(QStringLiteral(", ")))
                                   .arg(BpmnBridge::UnboundedRetries));
        return bytes;
    }

private:
    // --- the model ---

    void buildPools()
    {
        QStringList services;
        for (const Service &service : m_definition.services)
            services.append(service.id);
        for (const Step &step : m_definition.steps) {
            if (!services.contains(step.service))
                services.append(step.service);
        }
        qreal top = 0;
        for (const QString &service : std::as_const(services)) {
            Pool pool;
            pool.service = service;
            pool.name = service.isEmpty() ? QStringLiteral("(no service)") : service;
            for (const Service &s : m_definition.services) {
                if (s.id == service && !s.label.isEmpty())
                    pool.name = s.label;
            }
            const QString key = safe(service.isEmpty() ? QStringLiteral("none") : service);
            pool.processId = QStringLiteral("Process_") + key;
            pool.participantId = QStringLiteral("Participant_") + key;
            m_pool = &pool;
            m_row = 0;
            m_top = top;
            pool.nodes.append(Node{QStringLiteral("start_") + key, QStringLiteral("startEvent"), pool.name, {}, {}, 0, {}, {}});
            const QString start = pool.nodes.constLast().id;
            QStringList chains; // the first node of each chain
            for (const Step &step : m_definition.steps) {
                if (step.service != service)
                    continue;
                chains.append(buildAction(step));
                if (step.compensation && !step.compensation->on.isEmpty())
                    chains.append(buildCompensation(step));
            }
            if (chains.isEmpty())
                continue; // a declared service with no step: no pool
            // One instance of the pool's process takes part in each saga: its chains start together.
            place(pool.nodes.first(), QPointF(PoolLabel + Gap, top + RowHeight / 2), EventSize, EventSize);
            if (chains.size() == 1) {
                addFlow(start, chains.first());
            } else {
                Node fork{QStringLiteral("fork_") + key, QStringLiteral("parallelGateway"), {}, {}, {}, 0, {}, {}};
                place(fork, QPointF(PoolLabel + Gap + EventSize + Gap, top + RowHeight / 2), GatewaySize, GatewaySize);
                pool.nodes.append(fork);
                addFlow(start, fork.id);
                for (const QString &first : std::as_const(chains))
                    addFlow(fork.id, first);
            }
            qreal right = 0;
            for (const Node &node : std::as_const(pool.nodes))
                right = std::max(right, node.bounds.right());
            pool.bounds = QRectF(0, top, right + Gap, m_row * RowHeight);
            top = pool.bounds.bottom() + Gap;
            m_pools.append(pool);
            m_pool = nullptr;
        }
        // Every pool as wide as the widest.
        qreal width = 0;
        for (const Pool &pool : std::as_const(m_pools))
            width = std::max(width, pool.bounds.width());
        for (Pool &pool : m_pools)
            pool.bounds.setWidth(width);
    }

    static constexpr qreal ChainStart = PoolLabel + Gap + EventSize + Gap + GatewaySize + Gap;

    /** The step's action: its events, its task, what it publishes. Returns the chain's first node. */
    QString buildAction(const Step &step)
    {
        const qreal y = m_top + m_row * RowHeight + RowHeight / 3;
        qreal x = ChainStart;
        QString first;
        QString last;
        auto append = [&](Node node, qreal w, qreal h, qreal atY) {
            place(node, QPointF(x + w / 2, atY), w, h);
            x += w + Gap;
            m_pool->nodes.append(node);
            if (!last.isEmpty())
                addFlow(last, node.id);
            if (first.isEmpty())
                first = node.id;
            last = node.id;
        };
        const QString id = step.id;
        if (step.on.size() == 1) {
            append(catchEvent(id + QStringLiteral("_on"), step.on.first()), EventSize, EventSize, y);
        } else if (step.on.size() > 1) {
            // A join: every event of `on` must have come.
            append(Node{id + QStringLiteral("_join_fork"), QStringLiteral("parallelGateway"), {}, {}, {}, 0, {}, {}},
                       GatewaySize, GatewaySize, y);
            const QString fork = last;
            const qreal catchX = x;
            QStringList catches;
            for (qsizetype i = 0; i < step.on.size(); ++i) {
                Node node = catchEvent(QStringLiteral("%1_on_%2").arg(id).arg(i + 1), step.on.at(i));
                place(node, QPointF(catchX + EventSize / 2, y + (i - (step.on.size() - 1) / 2.0) * (EventSize + 12)),
                      EventSize, EventSize);
                m_pool->nodes.append(node);
                addFlow(fork, node.id);
                catches.append(node.id);
            }
            x = catchX + EventSize + Gap;
            last.clear();
            append(Node{id + QStringLiteral("_join"), QStringLiteral("parallelGateway"), {}, {}, {}, 0, {}, {}},
                       GatewaySize, GatewaySize, y);
            for (const QString &c : std::as_const(catches))
                addFlow(c, last);
        }
        Node task{id, QStringLiteral("serviceTask"), step.displayName(), {}, step.action.name, 0, {}, {}};
        const RetryPolicy policy = step.effectiveActionRetry();
        task.retries = policy.isBounded() ? policy.maxAttempts : BpmnBridge::UnboundedRetries;
        if (!policy.isBounded())
            m_unbounded.append(step.id);
        append(task, TaskW, TaskH, y);
        const QRectF taskBounds = m_pool->nodes.constLast().bounds;
        if (step.emits && !step.emits->success.isEmpty())
            append(throwEvent(id + QStringLiteral("_emits"), step.emits->success), EventSize, EventSize, y);
        append(Node{id + QStringLiteral("_done"), QStringLiteral("endEvent"), {}, {}, {}, 0, {}, {}}, EventSize, EventSize, y);

        // A business failure: the error boundary event, then the failure event if it has one.
        if (step.kind != StepKind::Retriable || (step.emits && !step.emits->failure.isEmpty())) {
            Node boundary{id + QStringLiteral("_failed"), QStringLiteral("boundaryEvent"), QStringLiteral("business failure"),
                          {}, {}, 0, id, {}};
            place(boundary, QPointF(taskBounds.center().x(), taskBounds.bottom()), EventSize, EventSize);
            m_pool->nodes.append(boundary);
            QString from = boundary.id;
            qreal fx = taskBounds.right() + Gap;
            const qreal fy = y + RowHeight / 2;
            if (step.emits && !step.emits->failure.isEmpty()) {
                Node failure = throwEvent(id + QStringLiteral("_emits_failure"), step.emits->failure);
                place(failure, QPointF(fx + EventSize / 2, fy), EventSize, EventSize);
                m_pool->nodes.append(failure);
                addFlow(from, failure.id);
                from = failure.id;
                fx += EventSize + Gap;
            }
            Node end{id + QStringLiteral("_failed_end"), QStringLiteral("endEvent"), {}, {}, {}, 0, {}, {}};
            place(end, QPointF(fx + EventSize / 2, fy), EventSize, EventSize);
            m_pool->nodes.append(end);
            addFlow(from, end.id);
        }
        ++m_row;
        return first.isEmpty() ? id : first;
    }

    /** The step's compensation: any one of its events, the compensating task, its event. */
    QString buildCompensation(const Step &step)
    {
        const Operation &compensation = *step.compensation;
        const qreal y = m_top + m_row * RowHeight + RowHeight / 2;
        qreal x = ChainStart;
        const QString id = step.id + QStringLiteral("_compensation");
        QString first;
        QString last;
        auto append = [&](Node node, qreal w, qreal h) {
            place(node, QPointF(x + w / 2, y), w, h);
            x += w + Gap;
            m_pool->nodes.append(node);
            if (!last.isEmpty())
                addFlow(last, node.id);
            if (first.isEmpty())
                first = node.id;
            last = node.id;
        };
        if (compensation.on.size() == 1) {
            append(catchEvent(id + QStringLiteral("_on"), compensation.on.first()), EventSize, EventSize);
        } else {
            // Any one of them: an event-based gateway, whichever comes first.
            append(Node{id + QStringLiteral("_any"), QStringLiteral("eventBasedGateway"), {}, {}, {}, 0, {}, {}},
                   GatewaySize, GatewaySize);
            const QString gateway = last;
            const qreal catchX = x;
            Node merge{id + QStringLiteral("_merge"), QStringLiteral("exclusiveGateway"), {}, {}, {}, 0, {}, {}};
            place(merge, QPointF(catchX + EventSize + Gap + GatewaySize / 2, y), GatewaySize, GatewaySize);
            for (qsizetype i = 0; i < compensation.on.size(); ++i) {
                Node node = catchEvent(QStringLiteral("%1_on_%2").arg(id).arg(i + 1), compensation.on.at(i));
                place(node, QPointF(catchX + EventSize / 2, y + (i - (compensation.on.size() - 1) / 2.0) * (EventSize + 6)),
                      EventSize, EventSize);
                m_pool->nodes.append(node);
                addFlow(gateway, node.id);
                addFlow(node.id, merge.id);
            }
            m_pool->nodes.append(merge);
            last = merge.id;
            x = merge.bounds.right() + Gap;
        }
        Node task{id, QStringLiteral("serviceTask"), compensation.name, {}, compensation.name, 0, {}, {}};
        const RetryPolicy policy = step.effectiveCompensationRetry();
        task.retries = policy.isBounded() ? policy.maxAttempts : BpmnBridge::UnboundedRetries;
        if (!policy.isBounded())
            m_unbounded.append(step.id + QStringLiteral(" (compensation)"));
        append(task, TaskW, TaskH);
        if (!compensation.emits.isEmpty())
            append(throwEvent(id + QStringLiteral("_emits"), compensation.emits), EventSize, EventSize);
        append(Node{id + QStringLiteral("_done"), QStringLiteral("endEvent"), {}, {}, {}, 0, {}, {}}, EventSize, EventSize);
        ++m_row;
        return first;
    }

    static Node catchEvent(const QString &id, const QString &event)
    {
        return Node{id, QStringLiteral("intermediateCatchEvent"), event, event, {}, 0, {}, {}};
    }
    static Node throwEvent(const QString &id, const QString &event)
    {
        return Node{id, QStringLiteral("intermediateThrowEvent"), event, event, {}, 0, {}, {}};
    }
    static void place(Node &node, const QPointF &centre, qreal w, qreal h)
    {
        node.bounds = QRectF(centre.x() - w / 2, centre.y() - h / 2, w, h);
    }
    void addFlow(const QString &source, const QString &target)
    {
        m_pool->flows.append(Flow{QStringLiteral("Flow_%1").arg(++m_flowCount), source, target});
    }

    // --- writing ---

    void writeCollaboration(QXmlStreamWriter &xml)
    {
        xml.writeStartElement(ns(BpmnBridge::ModelNs), QStringLiteral("collaboration"));
        xml.writeAttribute(QStringLiteral("id"), QStringLiteral("Collaboration"));
        xml.writeAttribute(QStringLiteral("name"), m_definition.name);
        for (const Pool &pool : std::as_const(m_pools)) {
            xml.writeStartElement(ns(BpmnBridge::ModelNs), QStringLiteral("participant"));
            xml.writeAttribute(QStringLiteral("id"), pool.participantId);
            xml.writeAttribute(QStringLiteral("name"), pool.name);
            xml.writeAttribute(QStringLiteral("processRef"), pool.processId);
            xml.writeEndElement();
        }
        // A message flow joins each throw to each catch of its event in another pool (BPMN has
        // none inside one pool: there the message is correlated all the same).
        int n = 0;
        for (const Pool &from : std::as_const(m_pools)) {
            for (const Node &t : from.nodes) {
                if (t.element != QLatin1String("intermediateThrowEvent"))
                    continue;
                for (const Pool &to : std::as_const(m_pools)) {
                    if (&to == &from)
                        continue;
                    for (const Node &c : to.nodes) {
                        if (c.element != QLatin1String("intermediateCatchEvent") || c.message != t.message)
                            continue;
                        const QString id = QStringLiteral("MessageFlow_%1").arg(++n);
                        xml.writeStartElement(ns(BpmnBridge::ModelNs), QStringLiteral("messageFlow"));
                        xml.writeAttribute(QStringLiteral("id"), id);
                        xml.writeAttribute(QStringLiteral("name"), t.message);
                        xml.writeAttribute(QStringLiteral("sourceRef"), t.id);
                        xml.writeAttribute(QStringLiteral("targetRef"), c.id);
                        xml.writeEndElement();
                        m_messageFlows.append({id, {t.bounds, c.bounds}});
                    }
                }
            }
        }
        xml.writeEndElement();
    }

    void writeProcess(QXmlStreamWriter &xml, const Pool &pool)
    {
        xml.writeStartElement(ns(BpmnBridge::ModelNs), QStringLiteral("process"));
        xml.writeAttribute(QStringLiteral("id"), pool.processId);
        xml.writeAttribute(QStringLiteral("name"), pool.name);
        xml.writeAttribute(QStringLiteral("isExecutable"), QStringLiteral("true"));
        for (const Node &node : pool.nodes) {
            xml.writeStartElement(ns(BpmnBridge::ModelNs), node.element);
            xml.writeAttribute(QStringLiteral("id"), node.id);
            if (!node.name.isEmpty())
                xml.writeAttribute(QStringLiteral("name"), node.name);
            if (!node.attachedTo.isEmpty()) {
                xml.writeAttribute(QStringLiteral("attachedToRef"), node.attachedTo);
                xml.writeAttribute(QStringLiteral("cancelActivity"), QStringLiteral("true"));
            }
            if (node.element == QLatin1String("serviceTask")) {
                xml.writeStartElement(ns(BpmnBridge::ModelNs), QStringLiteral("extensionElements"));
                xml.writeStartElement(ns(BpmnBridge::ZeebeNs), QStringLiteral("taskDefinition"));
                xml.writeAttribute(QStringLiteral("type"), node.taskType);
                xml.writeAttribute(QStringLiteral("retries"), QString::number(node.retries));
                xml.writeEndElement();
                xml.writeEndElement();
            }
            for (const Flow &flow : pool.flows) {
                if (flow.target == node.id)
                    xml.writeTextElement(ns(BpmnBridge::ModelNs), QStringLiteral("incoming"), flow.id);
            }
            for (const Flow &flow : pool.flows) {
                if (flow.source == node.id)
                    xml.writeTextElement(ns(BpmnBridge::ModelNs), QStringLiteral("outgoing"), flow.id);
            }
            if (!node.message.isEmpty()) {
                xml.writeStartElement(ns(BpmnBridge::ModelNs), QStringLiteral("messageEventDefinition"));
                xml.writeAttribute(QStringLiteral("id"), node.id + QStringLiteral("_message"));
                xml.writeAttribute(QStringLiteral("messageRef"), BpmnChoreography::messageId(node.message));
                xml.writeEndElement();
            }
            if (node.element == QLatin1String("boundaryEvent")) {
                xml.writeStartElement(ns(BpmnBridge::ModelNs), QStringLiteral("errorEventDefinition"));
                xml.writeAttribute(QStringLiteral("id"), node.id + QStringLiteral("_error"));
                xml.writeAttribute(QStringLiteral("errorRef"), QStringLiteral("business-failure"));
                xml.writeEndElement();
            }
            xml.writeEndElement();
        }
        for (const Flow &flow : pool.flows) {
            xml.writeStartElement(ns(BpmnBridge::ModelNs), QStringLiteral("sequenceFlow"));
            xml.writeAttribute(QStringLiteral("id"), flow.id);
            xml.writeAttribute(QStringLiteral("sourceRef"), flow.source);
            xml.writeAttribute(QStringLiteral("targetRef"), flow.target);
            xml.writeEndElement();
        }
        xml.writeEndElement();
    }

    void writeDiagram(QXmlStreamWriter &xml)
    {
        xml.writeStartElement(ns(BpmnBridge::DiNs), QStringLiteral("BPMNDiagram"));
        xml.writeAttribute(QStringLiteral("id"), QStringLiteral("Diagram"));
        xml.writeStartElement(ns(BpmnBridge::DiNs), QStringLiteral("BPMNPlane"));
        xml.writeAttribute(QStringLiteral("id"), QStringLiteral("Plane"));
        xml.writeAttribute(QStringLiteral("bpmnElement"), QStringLiteral("Collaboration"));
        for (const Pool &pool : std::as_const(m_pools)) {
            xml.writeStartElement(ns(BpmnBridge::DiNs), QStringLiteral("BPMNShape"));
            xml.writeAttribute(QStringLiteral("id"), pool.participantId + QStringLiteral("_di"));
            xml.writeAttribute(QStringLiteral("bpmnElement"), pool.participantId);
            xml.writeAttribute(QStringLiteral("isHorizontal"), QStringLiteral("true"));
            BpmnBridge::writeBounds(xml, pool.bounds);
            xml.writeEndElement();
            QHash<QString, QRectF> bounds;
            QSet<QString> boundaries;
            for (const Node &node : pool.nodes) {
                bounds.insert(node.id, node.bounds);
                if (node.element == QLatin1String("boundaryEvent"))
                    boundaries.insert(node.id);
                xml.writeStartElement(ns(BpmnBridge::DiNs), QStringLiteral("BPMNShape"));
                xml.writeAttribute(QStringLiteral("id"), node.id + QStringLiteral("_di"));
                xml.writeAttribute(QStringLiteral("bpmnElement"), node.id);
                BpmnBridge::writeBounds(xml, node.bounds);
                xml.writeEndElement();
            }
            for (const Flow &flow : pool.flows) {
                const QRectF a = bounds.value(flow.source), b = bounds.value(flow.target);
                const QPointF to(b.left(), b.center().y());
                QList<QPointF> points;
                if (boundaries.contains(flow.source)) { // down from the task's edge, then along
                    points << QPointF(a.center().x(), a.bottom()) << QPointF(a.center().x(), to.y());
                } else {
                    const QPointF from(a.right(), a.center().y());
                    points << from;
                    if (!qFuzzyCompare(from.y(), to.y())) {
                        const qreal midX = (from.x() + to.x()) / 2;
                        points << QPointF(midX, from.y()) << QPointF(midX, to.y());
                    }
                }
                points << to;
                BpmnBridge::writeEdge(xml, flow.id + QStringLiteral("_di"), flow.id, points);
            }
        }
        for (const auto &[id, ends] : std::as_const(m_messageFlows)) {
            const auto &[a, b] = ends;
            const QPointF from(a.center().x(), a.center().y() < b.center().y() ? a.bottom() : a.top());
            const QPointF to(b.center().x(), a.center().y() < b.center().y() ? b.top() : b.bottom());
            BpmnBridge::writeEdge(xml, id + QStringLiteral("_di"), id, {from, QPointF(from.x(), (from.y() + to.y()) / 2), QPointF(to.x(), (from.y() + to.y()) / 2), to});
        }
        xml.writeEndElement(); // plane
        xml.writeEndElement(); // diagram
    }

    const SagaDefinition &m_definition;
    QStringList *m_warnings;
    QList<Pool> m_pools;
    Pool *m_pool = nullptr;
    int m_row = 0;
    qreal m_top = 0;
    int m_flowCount = 0;
    QList<std::pair<QString, std::pair<QRectF, QRectF>>> m_messageFlows;
    QStringList m_unbounded; // tasks whose unbounded retries Zeebe cannot hold
};

} // namespace

QString BpmnChoreography::messageId(const QString &event)
{
    return QStringLiteral("Message_") + safe(event);
}

QByteArray BpmnChoreography::exportDefinition(const SagaDefinition &definition, QStringList *warnings)
{
    return Exporter(definition, warnings).run();
}

} // namespace Sagascope
