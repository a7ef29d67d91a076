// SPDX-License-Identifier: MIT
#pragma once

#include "sagadefinition.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

#include <optional>

namespace Sagascope {

/** The engines a saga can be exported to and imported from (docs/BRIDGE.md). */
enum class BridgeFormat { Asl, Bpmn, Seata };

/**
 * The one entry point of the bridge: turns a SagaDefinition into the bytes of another engine's
 * format and back. Warnings (what a format cannot hold, what a foreign file had that was
 * ignored) go to `warnings`; a fault goes to `error` as "FILE: PLACE: FAULT".
 */
class Bridge
{
public:
    /** "asl", "bpmn", "seata" (case-insensitive; "bpmn2" and "stepfunctions" are accepted too). */
    static std::optional<BridgeFormat> formatFromName(const QString &name);
    static QString formatName(BridgeFormat format);
    /** The usual file suffix: "asl.json", "bpmn", "seata.json". */
    static QString fileSuffix(BridgeFormat format);

    /** The exported bytes; nullopt (with `error` set) only when the saga cannot be exported,
     *  e.g. when its `after` edges form a cycle. A saga with events (SPEC section 5) goes to
     *  BPMN as a collaboration with message events (BpmnChoreography); ASL and Seata, which
     *  have no events between services, get its orchestrated form with a warning saying so, or
     *  an error when it has none (docs/BRIDGE.md). */
    static std::optional<QByteArray> exportAs(const SagaDefinition &definition, BridgeFormat format,
                                              QStringList *warnings, QString *error);

    /** Reads bytes of `format`; `fileName` names them in errors and warnings. */
    static std::optional<SagaDefinition> importFrom(const QByteArray &bytes, BridgeFormat format,
                                                    const QString &fileName, QStringList *warnings,
                                                    QString *error);

private:
    static std::optional<QByteArray> exportWithEvents(const SagaDefinition &definition, BridgeFormat format,
                                                      QStringList *warnings, QString *error);
};

} // namespace Sagascope
