// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QJsonValue>
#include <QStringList>

namespace Sagascope {

/**
 * Writes JSON in the canonical form of `.saga` files: keys in a fixed order (the SPEC's order
 * for known keys, then unknown keys alphabetically), two-space indent, short arrays and objects
 * of scalars (or of one more level of short containers) on one line when the line fits in 100
 * columns, numbers in their shortest exact form, UTF-8 kept as is. The same
 * value always gives the same bytes, so a saved file diffs well and saves byte-stably.
 */
class JsonWriter
{
public:
    static QByteArray write(const QJsonValue &value);

    /** One line, no spaces, no final newline: keys listed in `keyOrder` first, in that order,
     *  then the others alphabetically. For JSON-lines output (`validate --json`, traces). */
    static QByteArray writeCompact(const QJsonValue &value, const QStringList &keyOrder);
};

} // namespace Sagascope
