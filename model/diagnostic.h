// SPDX-License-Identifier: MIT
#pragma once

#include "sagaedit.h"

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

namespace Sagascope {

enum class Severity { Error, Warning };

QString severityName(Severity severity); // "error", "warning"

/**
 * One finding of the validator (SPEC section 2): a stable rule id (`SAGA001`..`SAGA009`),
 * the steps concerned (first the one to act on), a plain-words message and, where one is
 * offered, a quick fix: a list of edits that, applied together, remove the finding.
 */
struct Diagnostic
{
    Severity severity = Severity::Error;
    QString rule;
    QStringList steps;
    QString message;
    QList<SagaEdit> fix; // empty: no quick fix offered

    /** A finding of rule `rule` (e.g. "SAGA005") about `steps`. */
    static Diagnostic make(Severity severity, const char *rule, const QStringList &steps, const QString &message,
                           const QList<SagaEdit> &fix = {})
    {
        return Diagnostic{severity, QLatin1String(rule), steps, message, fix};
    }

    bool hasFix() const { return !fix.isEmpty(); }
    /** `SEVERITY RULE step[,step] message`, the line `validate` prints. */
    QString toLine() const;
    /** The object of `validate --json` (`fix` left out when none is offered). */
    QJsonObject toJson() const;

    friend bool operator==(const Diagnostic &, const Diagnostic &) = default;
};

} // namespace Sagascope
