// SPDX-License-Identifier: MIT
#pragma once

#include "sagadefinition.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

#include <optional>

namespace Sagascope {

/**
 * AWS Step Functions: a saga as an Amazon States Language state machine and back. The `after`
 * DAG becomes Task states chained by Next and Parallel states; steps before and at the pivot
 * catch failures into a chain of compensation tasks in reverse order, ending in a Fail state.
 * Sagascope's own fields ride in the states' `Comment` (docs/BRIDGE.md).
 */
class AslBridge
{
public:
    /** The error a participant raises for a business failure: never retried, rolls back. */
    static constexpr const char *BusinessFailureError = "Sagascope.BusinessFailure";
    /** ASL's largest MaxAttempts; stands for "unbounded". */
    static constexpr int UnboundedAttempts = 99999999;

    static QByteArray exportDefinition(const SagaDefinition &definition, QStringList *warnings);
    static std::optional<SagaDefinition> importDefinition(const QByteArray &bytes, const QString &fileName,
                                                          QStringList *warnings, QString *error);
};

} // namespace Sagascope
