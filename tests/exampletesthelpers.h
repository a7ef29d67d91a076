// SPDX-License-Identifier: MIT
// An example saga of examples/ for a test: loaded, or the test ends with the loader's message.
#pragma once

#include "sagafile.h"
#include "testconfig.h"

#include <QString>
#include <QtGlobal>

namespace Sagascope::Test {

/** examples/<name>, loaded; the test process ends with the loader's message if it cannot be. */
inline SagaDefinition example(const QString &name)
{
    const LoadResult loaded = SagaFile::load(QStringLiteral(SAGASCOPE_EXAMPLES_DIR "/") + name);
    if (!loaded.ok())
        qFatal("%s", qPrintable(loaded.error.toString()));
    return *loaded.definition;
}

} // namespace Sagascope::Test
