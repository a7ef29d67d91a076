// SPDX-License-Identifier: MIT
#pragma once

#include "sagadefinition.h"

#include <QByteArray>
#include <QString>

namespace Sagascope {

/**
 * Why a `.saga` file could not be loaded: the file, the place and the fault.
 * `jsonPath` is like `steps[3].retry.maxAttempts` (empty when the fault is not inside the
 * document, e.g. a missing file); `line`/`column` are 1-based, 0 when unknown.
 */
struct LoadError
{
    QString file;
    QString jsonPath;
    int line = 0;
    int column = 0;
    QString message;

    /** "FILE:LINE:COL: PATH: MESSAGE", leaving out the parts that are unknown. */
    QString toString() const;
};

/** The result of loading: a definition, or an error (never both, never half a definition). */
struct LoadResult
{
    std::optional<SagaDefinition> definition;
    LoadError error;

    bool ok() const { return definition.has_value(); }
};

/** Reads and writes the `.saga` format of SPEC section 1. */
class SagaFile
{
public:
    /** Files larger than this are refused before they are read. */
    static constexpr qint64 MaxFileBytes = 32 * 1024 * 1024;
    static constexpr const char *FormatId = "sagascope/1";

    /** Loads a file; `displayName` (default: the path) names it in errors. */
    static LoadResult load(const QString &path);
    /** Parses bytes already read; `fileName` names them in errors. */
    static LoadResult parse(const QByteArray &bytes, const QString &fileName);

    /** The canonical bytes of a definition: stable key order, 2-space indent, final newline. */
    static QByteArray serialize(const SagaDefinition &definition);
    /** Writes atomically (QSaveFile). Returns false and sets `error` on failure. */
    static bool save(const SagaDefinition &definition, const QString &path, QString *error);
};

} // namespace Sagascope
