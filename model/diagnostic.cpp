// SPDX-License-Identifier: MIT
#include "diagnostic.h"

#include <QJsonArray>

namespace Sagascope {

QString severityName(Severity severity)
{
    return severity == Severity::Error ? QStringLiteral("error") : QStringLiteral("warning");
}

QString Diagnostic::toLine() const
{
    const QString stepList = steps.isEmpty() ? QStringLiteral("-") : steps.join(QLatin1Char(','));
    return severityName(severity) + QLatin1Char(' ') + rule + QLatin1Char(' ') + stepList
        + QLatin1Char(' ') + message;
}

QJsonObject Diagnostic::toJson() const
{
    QJsonObject object;
    object.insert(QStringLiteral("severity"), severityName(severity));
    object.insert(QStringLiteral("rule"), rule);
    object.insert(QStringLiteral("steps"), QJsonArray::fromStringList(steps));
    object.insert(QStringLiteral("message"), message);
    if (!fix.isEmpty()) {
        QJsonArray edits;
        for (const SagaEdit &edit : fix)
            edits.append(edit.toJson());
        object.insert(QStringLiteral("fix"), edits);
    }
    return object;
}

} // namespace Sagascope
