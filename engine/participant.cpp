// SPDX-License-Identifier: MIT
#include "participant.h"

namespace Sagascope {

QString operationKindName(OperationKind kind)
{
    return kind == OperationKind::Action ? QStringLiteral("action") : QStringLiteral("compensation");
}

QString Invocation::idempotencyKey() const
{
    return instance + QLatin1Char('/') + step + QLatin1Char('/') + operationKindName(operation);
}

} // namespace Sagascope
