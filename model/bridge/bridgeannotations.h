// SPDX-License-Identifier: MIT
#pragma once

#include "sagadefinition.h"

#include <QJsonObject>
#include <QList>
#include <QString>

#include <optional>

namespace Sagascope {

/**
 * Sagascope's own fields, carried inside another engine's file so that an exported saga
 * imports back without loss. Each step's annotation is the step exactly as the `.saga` file
 * writes it; the header annotation is the file without `steps`, plus `stepOrder`.
 */
class BridgeAnnotations
{
public:
    /** Written before the compact JSON where an annotation must live in free text (ASL `Comment`). */
    static constexpr const char *Marker = "sagascope:";

    /** The `.saga` JSON of every step, in file order. */
    static QList<QJsonObject> stepObjects(const SagaDefinition &definition);
    /** Everything but `steps`, with `stepOrder` (the step ids in file order). */
    static QJsonObject header(const SagaDefinition &definition);

    /** The action name an exporter writes: the step's, or its id when it has none. */
    static QString exportedActionName(const Step &step);
    /** The compensation name an exporter writes: the step's, or "undo_<id>" when it has none. */
    static QString exportedCompensationName(const Step &step);

    /** One line of compact JSON. */
    static QString compact(const QJsonObject &object);
    /** `text` + newline + Marker + compact(annotation). */
    static QString withAnnotation(const QString &text, const QJsonObject &annotation);
    /** The annotation after the last Marker in `text`, if any and if it parses; the human
     *  part before it goes to `plainText`. */
    static std::optional<QJsonObject> fromText(const QString &text, QString *plainText = nullptr);
};

} // namespace Sagascope
