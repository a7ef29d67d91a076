// SPDX-License-Identifier: MIT
#pragma once

#include "sagadefinition.h"

#include <QJsonObject>
#include <QList>
#include <QSet>
#include <QString>
#include <QStringList>

#include <optional>

namespace Sagascope {

/** One step as an importer read it from another engine's file. */
struct ImportedStep
{
    StepId id;                  // a valid step id (see ImportAssembler::makeId)
    QString label;
    QString service;
    QString actionName;
    std::optional<QString> compensationName;
    QStringList after;          // from the file's structure
    std::optional<RetryPolicy> retry;              // what the file says, when it says it
    std::optional<RetryPolicy> compensationRetry;
    std::optional<int> timeoutMs;
    int timeoutGranularityMs = 0; // 1000 when the format keeps whole seconds; 0: no timeout in the format
    std::optional<StepKind> kind; // when the file says it
    QJsonObject annotation;       // Sagascope's own record of the step, when present
    QString place;                // where in the file, for warnings
};

/**
 * Builds a SagaDefinition from what an importer read: Sagascope's annotations where present
 * (lossless), the file's visible fields where not, and where both are present and disagree
 * (the file was edited in another tool) the visible field wins and a warning says so.
 * The result goes through SagaFile::parse, so it is a definition a `.saga` file could hold.
 */
class ImportAssembler
{
public:
    /** A valid, unused step id made from `name`; records it in `used`. */
    static StepId makeId(const QString &name, QSet<QString> *used);

    static std::optional<SagaDefinition> assemble(const QString &fallbackName, const QJsonObject &header,
                                                  const QList<ImportedStep> &steps, const QString &fileName,
                                                  QStringList *warnings, QString *error);
};

} // namespace Sagascope
