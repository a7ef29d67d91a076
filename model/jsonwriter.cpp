// SPDX-License-Identifier: MIT
#include "jsonwriter.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QLocale>
#include <QStringList>

#include <algorithm>
#include <cmath>

namespace Sagascope {

namespace {

constexpr int MaxInlineWidth = 100; // columns, indent and key included

/** Known keys in the order the SPEC writes them; unknown keys follow alphabetically. */
int keyRank(const QString &key)
{
    static const QStringList order = {
        QStringLiteral("format"), QStringLiteral("id"), QStringLiteral("name"), QStringLiteral("label"),
        QStringLiteral("description"), QStringLiteral("mode"), QStringLiteral("start"), QStringLiteral("service"), QStringLiteral("kind"),
        QStringLiteral("after"), QStringLiteral("on"), QStringLiteral("emits"), QStringLiteral("success"),
        QStringLiteral("failure"), QStringLiteral("action"),
        QStringLiteral("compensation"), QStringLiteral("endpoint"), QStringLiteral("baseUrl"), QStringLiteral("auth"),
        QStringLiteral("sim"), QStringLiteral("http"), QStringLiteral("method"), QStringLiteral("path"),
        QStringLiteral("body"), QStringLiteral("latencyMs"), QStringLiteral("technicalFailure"),
        QStringLiteral("businessFailure"), QStringLiteral("effect"), QStringLiteral("resource"), QStringLiteral("delta"),
        QStringLiteral("min"), QStringLiteral("countermeasure"), QStringLiteral("onLocked"), QStringLiteral("retry"), QStringLiteral("maxAttempts"),
        QStringLiteral("initialBackoffMs"), QStringLiteral("multiplier"), QStringLiteral("maxBackoffMs"),
        QStringLiteral("jitter"), QStringLiteral("timeoutMs"), QStringLiteral("idempotent"),
        QStringLiteral("sideEffects"), QStringLiteral("position"), QStringLiteral("x"), QStringLiteral("y"),
        QStringLiteral("services"), QStringLiteral("resources"), QStringLiteral("steps"),
    };
    const qsizetype i = order.indexOf(key);
    return i < 0 ? int(order.size()) : int(i);
}

QStringList orderedKeys(const QJsonObject &object)
{
    QStringList keys = object.keys(); // alphabetical
    std::stable_sort(keys.begin(), keys.end(),
                     [](const QString &a, const QString &b) { return keyRank(a) < keyRank(b); });
    return keys;
}

void writeString(QByteArray &out, const QString &s)
{
    out += '"';
    const QByteArray utf8 = s.toUtf8();
    for (const char c : utf8) {
        switch (c) {
        case '"': out += "\\\""; break;
        case '\\': out += "\\\\"; break;
        case '\b': out += "\\b"; break;
        case '\f': out += "\\f"; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        case '\t': out += "\\t"; break;
        default:
            if (uchar(c) < 0x20) {
                char buffer[8];
                qsnprintf(buffer, sizeof buffer, "\\u%04x", uchar(c));
                out += buffer;
            } else {
                out += c;
            }
        }
    }
    out += '"';
}

void writeNumber(QByteArray &out, double d)
{
    if (!std::isfinite(d)) {
        out += "null"; // JSON has no infinities; never produced by the model
        return;
    }
    if (d == std::floor(d) && std::fabs(d) < 9007199254740992.0) {
        out += QByteArray::number(qint64(d));
        return;
    }
    out += QByteArray::number(d, 'g', QLocale::FloatingPointShortest);
}

bool isScalar(const QJsonValue &v)
{
    return !v.isArray() && !v.isObject();
}

void writeValue(QByteArray &out, const QJsonValue &value, int indent, int keyWidth = 0);

/** One-line form of an array or object whose members are scalars or, when `nesting` > 0,
 *  containers that themselves fit on one line with one level less; empty when it has none. */
QByteArray inlineForm(const QJsonValue &value, int nesting)
{
    auto member = [&](QByteArray &out, const QJsonValue &v) {
        if (isScalar(v)) {
            writeValue(out, v, 0);
            return true;
        }
        if (nesting <= 0)
            return false;
        const QByteArray inner = inlineForm(v, nesting - 1);
        out += inner;
        return !inner.isEmpty();
    };
    QByteArray out;
    if (value.isArray()) {
        const QJsonArray array = value.toArray();
        out += '[';
        for (qsizetype i = 0; i < array.size(); ++i) {
            if (i)
                out += ", ";
            if (!member(out, array.at(i)))
                return {};
        }
        out += ']';
    } else if (value.isObject()) {
        const QJsonObject object = value.toObject();
        if (object.isEmpty())
            return "{}";
        out += "{ ";
        bool first = true;
        for (const QString &key : orderedKeys(object)) {
            if (!first)
                out += ", ";
            first = false;
            writeString(out, key);
            out += ": ";
            if (!member(out, object.value(key)))
                return {};
        }
        out += " }";
    }
    return out;
}

void newline(QByteArray &out, int indent)
{
    out += '\n';
    out += QByteArray(indent * 2, ' ');
}

void writeValue(QByteArray &out, const QJsonValue &value, int indent, int keyWidth)
{
    switch (value.type()) {
    case QJsonValue::Null:
    case QJsonValue::Undefined:
        out += "null";
        return;
    case QJsonValue::Bool:
        out += value.toBool() ? "true" : "false";
        return;
    case QJsonValue::Double:
        writeNumber(out, value.toDouble());
        return;
    case QJsonValue::String:
        writeString(out, value.toString());
        return;
    case QJsonValue::Array:
    case QJsonValue::Object:
        break;
    }
    const QByteArray oneLine = inlineForm(value, 1);
    if (!oneLine.isEmpty() && oneLine.size() + indent * 2 + keyWidth <= MaxInlineWidth) {
        out += oneLine;
        return;
    }
    if (value.isArray()) {
        const QJsonArray array = value.toArray();
        out += '[';
        for (qsizetype i = 0; i < array.size(); ++i) {
            newline(out, indent + 1);
            writeValue(out, array.at(i), indent + 1);
            if (i + 1 < array.size())
                out += ',';
        }
        newline(out, indent);
        out += ']';
        return;
    }
    const QJsonObject object = value.toObject();
    const QStringList keys = orderedKeys(object);
    out += '{';
    for (qsizetype i = 0; i < keys.size(); ++i) {
        newline(out, indent + 1);
        writeString(out, keys.at(i));
        out += ": ";
        writeValue(out, object.value(keys.at(i)), indent + 1, int(keys.at(i).size()) + 4);
        if (i + 1 < keys.size())
            out += ',';
    }
    newline(out, indent);
    out += '}';
}

void writeCompactValue(QByteArray &out, const QJsonValue &value, const QStringList &keyOrder)
{
    if (value.isArray()) {
        out += '[';
        const QJsonArray array = value.toArray();
        for (qsizetype i = 0; i < array.size(); ++i) {
            if (i)
                out += ',';
            writeCompactValue(out, array.at(i), keyOrder);
        }
        out += ']';
    } else if (value.isObject()) {
        const QJsonObject object = value.toObject();
        QStringList keys = object.keys();
        auto rank = [&](const QString &key) {
            const qsizetype i = keyOrder.indexOf(key);
            return i < 0 ? keyOrder.size() : i;
        };
        std::stable_sort(keys.begin(), keys.end(), [&](const QString &a, const QString &b) { return rank(a) < rank(b); });
        out += '{';
        for (qsizetype i = 0; i < keys.size(); ++i) {
            if (i)
                out += ',';
            writeString(out, keys.at(i));
            out += ':';
            writeCompactValue(out, object.value(keys.at(i)), keyOrder);
        }
        out += '}';
    } else {
        writeValue(out, value, 0);
    }
}

} // namespace

QByteArray JsonWriter::writeCompact(const QJsonValue &value, const QStringList &keyOrder)
{
    QByteArray out;
    writeCompactValue(out, value, keyOrder);
    return out;
}

QByteArray JsonWriter::write(const QJsonValue &value)
{
    QByteArray out;
    writeValue(out, value, 0);
    out += '\n';
    return out;
}

} // namespace Sagascope
