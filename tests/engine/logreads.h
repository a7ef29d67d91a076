// SPDX-License-Identifier: MIT
#pragma once

#include <QString>
#include <QtGlobal>

#include <utility>

/** A read of the saga log in a test, e.g. `readLog([&](QString *e) { return log->results(false, e); })`:
 *  SagaLog's reads report failures through an error string, and a test must never take a failed
 *  read for an empty answer, so a failed one ends the test with the error. */
template <typename Read>
auto readLog(Read &&read)
{
    QString error;
    auto result = std::forward<Read>(read)(&error);
    if (!error.isEmpty())
        qFatal("saga log read failed: %s", qPrintable(error));
    return result;
}
