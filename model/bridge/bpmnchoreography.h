// SPDX-License-Identifier: MIT
#pragma once

#include "sagadefinition.h"

#include <QByteArray>
#include <QStringList>

namespace Sagascope {

/**
 * A choreographed saga (SPEC section 5) as BPMN 2.0: a collaboration with one pool
 * (participant and process) per service and no orchestrator. In its pool each step waits for
 * the events of its `on` with intermediate message catch events (a parallel join for several),
 * runs as a serviceTask, and publishes `emits.success` with an intermediate message throw
 * event, or on a business failure (an error boundary event) `emits.failure`; its compensation
 * waits for any one of `compensation.on` (an event-based gateway for several), runs, and throws
 * `compensation.emits`. Every event is a `message` correlated by the instance
 * (`zeebe:subscription correlationKey="=instance"`), and a message flow joins each throw to each
 * catch of the same event in another pool. Bridge::exportAs() uses it for every saga with events
 * (a mixed saga through its choreographed form, SagaConvert); docs/BRIDGE.md says what BPMN
 * holds and what it does not.
 */
class BpmnChoreography
{
public:
    static QByteArray exportDefinition(const SagaDefinition &definition, QStringList *warnings);
    /** The id of the BPMN message of `event` ("Message_OrderCreated"; other characters than
     *  letters, digits, '_', '-' and '.' as '_'). */
    static QString messageId(const QString &event);
};

} // namespace Sagascope
