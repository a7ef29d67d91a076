// SPDX-License-Identifier: MIT
#pragma once

#include "sagadefinition.h"

#include <QHash>
#include <QString>
#include <QStringList>

#include <optional>

namespace Sagascope {

/** One concept of the glossary, in one language. */
struct GlossaryEntry
{
    QString key;   // "pivot", "idempotency", "SAGA005"...
    QString title;
    QString text;
    QString doc;   // the full documentation, relative to the project: "docs/RULES.md"
};

/**
 * The short explanations that F1 and Help › Glossary show (pivot, compensation, idempotency,
 * every rule): shipped with the program in English and Korean (`resources/glossary/
 * glossary.json`, embedded under `:/glossary`). No window: the help dialog and the tests read it.
 */
class Glossary
{
public:
    /** The glossary embedded in the program (empty when it cannot be read). */
    static const Glossary &builtIn();
    /** Reads a glossary file; empty when it cannot be read. */
    static Glossary load(const QString &path);

    bool isEmpty() const { return m_entries.isEmpty(); }
    /** Every key, in the file's order of titles (alphabetical in English). */
    QStringList keys() const { return m_keys; }
    bool contains(const QString &key) const { return m_entries.contains(key); }
    /** The entry in `language` ("ko", "en"; anything else, or a missing text: English). */
    std::optional<GlossaryEntry> entry(const QString &key, const QString &language) const;
    /** The language of the interface for `locale`: "ko" for Korean, else "en". */
    static QString languageOf(const QLocale &locale);
    /** The glossary key of a step kind ("compensatable", "pivot", "retriable"). */
    static QString keyOf(StepKind kind);
    /** Where the full documentation `doc` is: the installed docs, or (a build run where it was
     *  built) the source tree's; empty when neither has it. */
    static QString documentationPath(const QString &doc);

private:
    QHash<QString, QHash<QString, GlossaryEntry>> m_entries; // key -> language -> entry
    QStringList m_keys;
};

} // namespace Sagascope
