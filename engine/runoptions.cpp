// SPDX-License-Identifier: MIT
#include "runoptions.h"

#include <QJsonArray>

namespace Sagascope {

QJsonObject RunOptions::toJson() const
{
    return QJsonObject{
        {QStringLiteral("instances"), instances},
        {QStringLiteral("concurrency"), concurrency},
        {QStringLiteral("seed"), QString::number(seed)},
        {QStringLiteral("virtualTime"), virtualTime},
        {QStringLiteral("faults"), faults.toJson()},
        {QStringLiteral("injectedTimeoutMs"), injectedTimeoutMs},
    };
}

RunOptions RunOptions::fromJson(const QJsonObject &object)
{
    RunOptions o;
    o.instances = object.value(QLatin1String("instances")).toInt(1);
    o.concurrency = object.value(QLatin1String("concurrency")).toInt(0);
    o.seed = object.value(QLatin1String("seed")).toString().toULongLong();
    o.virtualTime = object.value(QLatin1String("virtualTime")).toBool();
    o.faults = FaultPlan::fromJson(object.value(QLatin1String("faults")).toArray());
    o.injectedTimeoutMs = object.value(QLatin1String("injectedTimeoutMs")).toInt(1000);
    return o;
}

} // namespace Sagascope
