// SPDX-License-Identifier: MIT
#pragma once

#include "sagadefinition.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

#include <optional>

namespace Sagascope {

/**
 * Seata's saga state language (the StateMachine JSON its StateMachineEngine runs) and back.
 * Seata's classic language has no parallel state, so steps run one after another in
 * topological order. Each step is a ServiceTask (ServiceName = service, ServiceMethod = action)
 * with its CompensateState; a Choice after each step that can roll back sends a business
 * failure to the CompensationTrigger. Sagascope's own fields ride in a `Sagascope` member of
 * each state (docs/BRIDGE.md).
 */
class SeataBridge
{
public:
    /** Stands for "unbounded" in Seata's Retry.MaxAttempts. */
    static constexpr int UnboundedAttempts = 2147483647;

    static QByteArray exportDefinition(const SagaDefinition &definition, QStringList *warnings);
    static std::optional<SagaDefinition> importDefinition(const QByteArray &bytes, const QString &fileName,
                                                          QStringList *warnings, QString *error);
};

} // namespace Sagascope
