// SPDX-License-Identifier: MIT
#pragma once

#include "sagadefinition.h"

#include <QByteArray>
#include <QList>
#include <QPointF>
#include <QRectF>
#include <QString>
#include <QStringList>

#include <optional>

class QXmlStreamWriter;

namespace Sagascope {

/**
 * BPMN 2.0 for Camunda 8 (Zeebe) and other modelers, and back. Each step is a serviceTask with a
 * Zeebe task definition; `after` edges become sequence flows with parallel gateways for fan-out
 * and fan-in; a compensatable step gets a compensation boundary event and an isForCompensation
 * handler task; steps that can roll back get an error boundary event that ends the process in a
 * compensation end event. A BPMNDiagram places the shapes at the steps' positions (or in layers).
 * Sagascope's own fields ride in `sagascope:` extension elements (docs/BRIDGE.md).
 */
class BpmnBridge
{
public:
    static constexpr const char *ModelNs = "http://www.omg.org/spec/BPMN/20100524/MODEL";
    static constexpr const char *DiNs = "http://www.omg.org/spec/BPMN/20100524/DI";
    static constexpr const char *DcNs = "http://www.omg.org/spec/DD/20100524/DC";
    static constexpr const char *DdiNs = "http://www.omg.org/spec/DD/20100524/DI";
    static constexpr const char *ZeebeNs = "http://camunda.org/schema/zeebe/1.0";
    static constexpr const char *ModelerNs = "http://camunda.org/schema/modeler/1.0";
    static constexpr const char *CamundaNs = "http://camunda.org/schema/1.0/bpmn";
    static constexpr const char *SagascopeNs = "https://sagascope.dev/bpmn";
    /** The BPMN error code a job worker throws for a business failure: rolls the saga back. */
    static constexpr const char *BusinessFailureCode = "BUSINESS_FAILURE";
    /** Zeebe job retries standing for "unbounded". */
    static constexpr int UnboundedRetries = 2147483647;

    static QByteArray exportDefinition(const SagaDefinition &definition, QStringList *warnings);
    /** The start of a BPMN file, for this export and the choreography's: the declaration, the
     *  namespaces (also `sagascope` and `xsi` with `extensions`), `bpmn:definitions` with id `id`
     *  left open, and the business-failure error every export throws. */
    static void writeDefinitionsStart(QXmlStreamWriter &xml, const QString &id, bool extensions);
    /** Diagram interchange, for this export and the choreography's (BpmnChoreography): a
     *  `dc:Bounds` element, and a `bpmndi:BPMNEdge` with id `id` for `element` through `points`. */
    static void writeBounds(QXmlStreamWriter &xml, const QRectF &r);
    static void writeEdge(QXmlStreamWriter &xml, const QString &id, const QString &element, const QList<QPointF> &points);
    static std::optional<SagaDefinition> importDefinition(const QByteArray &bytes, const QString &fileName,
                                                          QStringList *warnings, QString *error);
};

} // namespace Sagascope
