// SPDX-License-Identifier: MIT
#include "participant.h"

namespace Sagascope {

QString operationKindName(OperationKind kind)
{
    return kind == OperationKind::Action ? QStringLiteral("action") : QStringLiteral("compensation");
}

std::optional<OperationKind> operationKindFromName(QStringView name)
{
    if (name == QLatin1String("action"))
        return OperationKind::Action;
    if (name == QLatin1String("compensation"))
        return OperationKind::Compensation;
    return std::nullopt;
}

QString Invocation::idempotencyKey() const
{
    return instance + QLatin1Char('/') + step + QLatin1Char('/') + operationKindName(operation);
}

} // namespace Sagascope
