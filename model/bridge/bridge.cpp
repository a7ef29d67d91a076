// SPDX-License-Identifier: MIT
#include "bridge.h"

#include "aslbridge.h"
#include "bpmnbridge.h"
#include "bpmnchoreography.h"
#include "eventindex.h"
#include "sagaconvert.h"
#include "sagagraph.h"
#include "seatabridge.h"

#include <QCoreApplication>
#include <QSet>

namespace Sagascope {

std::optional<BridgeFormat> Bridge::formatFromName(const QString &name)
{
    const QString n = name.trimmed().toLower();
    if (n == QLatin1String("asl") || n == QLatin1String("stepfunctions"))
        return BridgeFormat::Asl;
    if (n == QLatin1String("bpmn") || n == QLatin1String("bpmn2"))
        return BridgeFormat::Bpmn;
    if (n == QLatin1String("seata"))
        return BridgeFormat::Seata;
    return std::nullopt;
}

QString Bridge::formatName(BridgeFormat format)
{
    switch (format) {
    case BridgeFormat::Asl:
        return QStringLiteral("asl");
    case BridgeFormat::Bpmn:
        return QStringLiteral("bpmn");
    case BridgeFormat::Seata:
        return QStringLiteral("seata");
    }
    return {};
}

QString Bridge::fileSuffix(BridgeFormat format)
{
    switch (format) {
    case BridgeFormat::Asl:
        return QStringLiteral("asl.json");
    case BridgeFormat::Bpmn:
        return QStringLiteral("bpmn");
    case BridgeFormat::Seata:
        return QStringLiteral("seata.json");
    }
    return {};
}

std::optional<QByteArray> Bridge::exportAs(const SagaDefinition &definition, BridgeFormat format,
                                           QStringList *warnings, QString *error)
{
    QSet<QString> ids;
    for (const Step &step : definition.steps) {
        if (ids.contains(step.id)) {
            if (error)
                *error = QCoreApplication::translate("Bridge", "cannot export to %1: two steps have the id '%2'")
                             .arg(formatName(format), step.id);
            return std::nullopt;
        }
        ids.insert(step.id);
    }
    QStringList scratch;
    QStringList *w = warnings ? warnings : &scratch;
    for (const Step &step : definition.steps) {
        for (const StepId &before : step.after) {
            if (!ids.contains(before))
                w->append(QCoreApplication::translate("Bridge", "%1: step '%2' has '%3' in `after`, which is no step; left out")
                              .arg(formatName(format), step.id, before));
        }
    }
    const SagaGraph graph(definition);
    if (!graph.isAcyclic()) {
        QStringList ids;
        for (int i : graph.cycles().constFirst())
            ids.append(graph.id(i));
        if (error)
            *error = QCoreApplication::translate("Bridge", "cannot export to %1: the steps' `after` edges form a cycle (%2)")
                         .arg(formatName(format), ids.join(QStringLiteral(", ")));
        return std::nullopt;
    }
    if (definition.usesEvents())
        return exportWithEvents(definition, format, w, error);
    switch (format) {
    case BridgeFormat::Asl:
        return AslBridge::exportDefinition(definition, w);
    case BridgeFormat::Bpmn:
        return BpmnBridge::exportDefinition(definition, w);
    case BridgeFormat::Seata:
        return SeataBridge::exportDefinition(definition, w);
    }
    return std::nullopt;
}

std::optional<QByteArray> Bridge::exportWithEvents(const SagaDefinition &definition, BridgeFormat format,
                                                   QStringList *warnings, QString *error)
{
    const QString name = formatName(format);
    QString reason;
    if (format == BridgeFormat::Bpmn) {
        // BPMN has message events and pools: the choreography itself, a mixed saga through its
        // choreographed form (SagaConvert: the same effects for every failure point).
        if (definition.mode == SagaMode::Choreography)
            return BpmnChoreography::exportDefinition(definition, warnings);
        const std::optional<SagaDefinition> choreography = SagaConvert::toChoreography(definition, &reason);
        if (!choreography) {
            if (error)
                *error = QCoreApplication::translate("Bridge", "cannot export to %1: %2").arg(name, reason);
            return std::nullopt;
        }
        warnings->append(QCoreApplication::translate(
                             "Bridge", "%1: the saga's orchestrated steps are exported in their choreographed form "
                                       "(generated events <Step>Succeeded, <Step>Failed, <Step>Compensated), one pool "
                                       "per service, as `sagascope-cli convert --to choreography` derives it")
                             .arg(name));
        return BpmnChoreography::exportDefinition(*choreography, warnings);
    }
    // Step Functions and Seata call every step from one state machine: they have no events
    // between services. What they can hold is the equivalent orchestration, which runs to the same
    // effects for every failure point; a saga whose steps react to failures has none.
    const QString engine = format == BridgeFormat::Asl ? QStringLiteral("AWS Step Functions") : QStringLiteral("Seata");
    const std::optional<SagaDefinition> orchestration = SagaConvert::toOrchestration(definition, &reason);
    if (!orchestration) {
        if (error)
            *error = QCoreApplication::translate(
                         "Bridge", "cannot export to %1: %2 has no events between services, and this saga has no "
                                   "orchestrated form to export instead (%3); export it to BPMN, which has message events")
                         .arg(name, engine, reason);
        return std::nullopt;
    }
    warnings->append(QCoreApplication::translate(
                         "Bridge", "%1: %2 has no events between services: the saga is exported as its orchestrated "
                                   "form (the same effects for every failure point, as `sagascope-cli convert --to "
                                   "orchestration` derives it); its events (%3) are not in the file, and importing it "
                                   "back gives the orchestration. BPMN keeps them as message events")
                         .arg(name, engine, EventIndex(definition).events().join(QStringLiteral(", "))));
    return exportAs(*orchestration, format, warnings, error);
}

std::optional<SagaDefinition> Bridge::importFrom(const QByteArray &bytes, BridgeFormat format,
                                                 const QString &fileName, QStringList *warnings,
                                                 QString *error)
{
    QStringList scratchWarnings;
    QString scratchError;
    QStringList *w = warnings ? warnings : &scratchWarnings;
    QString *e = error ? error : &scratchError;
    switch (format) {
    case BridgeFormat::Asl:
        return AslBridge::importDefinition(bytes, fileName, w, e);
    case BridgeFormat::Bpmn:
        return BpmnBridge::importDefinition(bytes, fileName, w, e);
    case BridgeFormat::Seata:
        return SeataBridge::importDefinition(bytes, fileName, w, e);
    }
    return std::nullopt;
}

} // namespace Sagascope
