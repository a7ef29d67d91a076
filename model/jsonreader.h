// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QJsonValue>
#include <QString>

namespace Sagascope {

/**
 * A strict JSON (RFC 8259) reader that says where a fault is. Unlike QJsonDocument it refuses
 * duplicate keys, reports the line, the column and the JSON path of a fault, checks that the
 * text is valid UTF-8 and bounds the nesting depth, so no input can crash or hang it.
 */
class JsonReader
{
public:
    static constexpr int MaxDepth = 256;

    struct Result
    {
        QJsonValue value;
        bool ok = false;
        QString message;   // the fault, when !ok
        QString path;      // JSON path of the fault, e.g. steps[3].retry
        int line = 0;      // 1-based
        int column = 0;    // 1-based, in characters
    };

    static Result parse(const QByteArray &text);

    /** Line and column (1-based) where the value at `path` starts, or {0, 0} if not found.
     *  Used to point at a value that parsed but is wrong in type or range. */
    static std::pair<int, int> locate(const QByteArray &text, const QString &path);
};

} // namespace Sagascope
