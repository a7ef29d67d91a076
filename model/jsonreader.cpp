// SPDX-License-Identifier: MIT
#include "jsonreader.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonObject>
#include <QList>

#include <vector>

namespace Sagascope {

namespace {

/** Recursive-descent parser; depth is bounded by JsonReader::MaxDepth. */
class Parser
{
public:
    Parser(const QByteArray &text, const QString *target)
        : m_data(text.constData())
        , m_size(text.size())
        , m_target(target)
    {
    }

    bool parseDocument(QJsonValue *out)
    {
        if (m_size >= 3 && uchar(m_data[0]) == 0xEF && uchar(m_data[1]) == 0xBB && uchar(m_data[2]) == 0xBF)
            m_pos = 3; // a UTF-8 byte order mark is tolerated
        skipSpace();
        if (m_pos >= m_size)
            return fail(QCoreApplication::translate("JsonReader", "the file is empty; a .saga file is a JSON object"));
        if (!parseValue(out, 0))
            return false;
        skipSpace();
        if (m_pos < m_size)
            return fail(QCoreApplication::translate("JsonReader", "unexpected text after the end of the JSON document"));
        return true;
    }

    QString m_message;
    qsizetype m_errorPos = 0;
    /** One step of the JSON path: an object key, or an array index when `index >= 0`.
     *  Kept unformatted: the path is only spelled out for an error or a look-up. */
    struct Segment
    {
        QString key;
        qsizetype index = -1;
    };
    std::vector<Segment> m_path;
    qsizetype m_found = -1;

    QString currentPath() const
    {
        QString path;
        for (const Segment &segment : m_path) {
            if (segment.index >= 0) {
                path += QLatin1Char('[') + QString::number(segment.index) + QLatin1Char(']');
            } else {
                if (!path.isEmpty())
                    path += QLatin1Char('.');
                path += segment.key;
            }
        }
        return path;
    }

    std::pair<int, int> lineColumn(qsizetype pos) const
    {
        int line = 1;
        qsizetype lineStart = 0;
        for (qsizetype i = 0; i < pos && i < m_size; ++i) {
            if (m_data[i] == '\n') {
                ++line;
                lineStart = i + 1;
            }
        }
        // Column in characters: count UTF-8 lead bytes only.
        int column = 1;
        for (qsizetype i = lineStart; i < pos && i < m_size; ++i) {
            if ((uchar(m_data[i]) & 0xC0) != 0x80)
                ++column;
        }
        return {line, column};
    }

private:
    bool fail(const QString &message)
    {
        if (m_message.isEmpty()) {
            m_message = message;
            m_errorPos = m_pos;
        }
        return false;
    }

    void skipSpace()
    {
        while (m_pos < m_size) {
            const char c = m_data[m_pos];
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r')
                ++m_pos;
            else
                break;
        }
    }

    void noteTarget()
    {
        if (m_target && m_found < 0 && currentPath() == *m_target)
            m_found = m_pos;
    }

    bool parseValue(QJsonValue *out, int depth)
    {
        noteTarget();
        if (m_pos >= m_size)
            return fail(QCoreApplication::translate("JsonReader", "the file ends in the middle of the JSON document (truncated?)"));
        const char c = m_data[m_pos];
        switch (c) {
        case '{':
            return parseObject(out, depth + 1);
        case '[':
            return parseArray(out, depth + 1);
        case '"': {
            QString s;
            if (!parseString(&s))
                return false;
            *out = s;
            return true;
        }
        case 't':
            return parseLiteral("true", QJsonValue(true), out);
        case 'f':
            return parseLiteral("false", QJsonValue(false), out);
        case 'n':
            return parseLiteral("null", QJsonValue(QJsonValue::Null), out);
        default:
            if (c == '-' || (c >= '0' && c <= '9'))
                return parseNumber(out);
            return fail(QCoreApplication::translate("JsonReader", "expected a JSON value, found '%1'").arg(printable(c)));
        }
    }

    static QString printable(char c)
    {
        if (uchar(c) < 0x20 || uchar(c) >= 0x7F)
            return QStringLiteral("\\x%1").arg(uchar(c), 2, 16, QLatin1Char('0'));
        return QString(QLatin1Char(c));
    }

    bool parseLiteral(const char *word, const QJsonValue &value, QJsonValue *out)
    {
        const qsizetype n = qstrlen(word);
        if (m_size - m_pos < n || qstrncmp(m_data + m_pos, word, n) != 0)
            return fail(QCoreApplication::translate("JsonReader", "expected a JSON value (true, false, null, a number, a string, an array or an object)"));
        m_pos += n;
        *out = value;
        return true;
    }

    bool parseNumber(QJsonValue *out)
    {
        const qsizetype start = m_pos;
        if (m_data[m_pos] == '-')
            ++m_pos;
        if (m_pos >= m_size || !isDigit(m_data[m_pos]))
            return fail(QCoreApplication::translate("JsonReader", "malformed number"));
        if (m_data[m_pos] == '0') {
            ++m_pos;
        } else {
            while (m_pos < m_size && isDigit(m_data[m_pos]))
                ++m_pos;
        }
        if (m_pos < m_size && m_data[m_pos] == '.') {
            ++m_pos;
            if (m_pos >= m_size || !isDigit(m_data[m_pos]))
                return fail(QCoreApplication::translate("JsonReader", "malformed number: a digit must follow the decimal point"));
            while (m_pos < m_size && isDigit(m_data[m_pos]))
                ++m_pos;
        }
        if (m_pos < m_size && (m_data[m_pos] == 'e' || m_data[m_pos] == 'E')) {
            ++m_pos;
            if (m_pos < m_size && (m_data[m_pos] == '+' || m_data[m_pos] == '-'))
                ++m_pos;
            if (m_pos >= m_size || !isDigit(m_data[m_pos]))
                return fail(QCoreApplication::translate("JsonReader", "malformed number: a digit must follow the exponent"));
            while (m_pos < m_size && isDigit(m_data[m_pos]))
                ++m_pos;
        }
        bool ok = false;
        const double value = QByteArray::fromRawData(m_data + start, m_pos - start).toDouble(&ok);
        if (!ok) {
            m_pos = start;
            return fail(QCoreApplication::translate("JsonReader", "number out of range"));
        }
        *out = value;
        return true;
    }

    static bool isDigit(char c) { return c >= '0' && c <= '9'; }

    static int hexValue(char c)
    {
        if (c >= '0' && c <= '9')
            return c - '0';
        if (c >= 'a' && c <= 'f')
            return c - 'a' + 10;
        if (c >= 'A' && c <= 'F')
            return c - 'A' + 10;
        return -1;
    }

    bool parseHex4(char16_t *out)
    {
        if (m_size - m_pos < 4)
            return fail(QCoreApplication::translate("JsonReader", "malformed \\u escape in a string"));
        char16_t value = 0;
        for (int i = 0; i < 4; ++i) {
            const int h = hexValue(m_data[m_pos + i]);
            if (h < 0)
                return fail(QCoreApplication::translate("JsonReader", "malformed \\u escape in a string"));
            value = char16_t(value * 16 + h);
        }
        m_pos += 4;
        *out = value;
        return true;
    }

    /** Decodes one UTF-8 sequence starting at m_pos; refuses overlong forms and surrogates. */
    bool decodeUtf8(char32_t *out)
    {
        const uchar b0 = uchar(m_data[m_pos]);
        int extra = 0;
        char32_t cp = 0;
        char32_t min = 0;
        if (b0 < 0x80) {
            *out = b0;
            ++m_pos;
            return true;
        } else if ((b0 & 0xE0) == 0xC0) {
            extra = 1;
            cp = b0 & 0x1F;
            min = 0x80;
        } else if ((b0 & 0xF0) == 0xE0) {
            extra = 2;
            cp = b0 & 0x0F;
            min = 0x800;
        } else if ((b0 & 0xF8) == 0xF0) {
            extra = 3;
            cp = b0 & 0x07;
            min = 0x10000;
        } else {
            return fail(QCoreApplication::translate("JsonReader", "the text is not valid UTF-8 (byte 0x%1)").arg(b0, 2, 16, QLatin1Char('0')));
        }
        if (m_size - m_pos <= extra)
            return fail(QCoreApplication::translate("JsonReader", "the text is not valid UTF-8 (a multi-byte sequence is cut short)"));
        for (int i = 1; i <= extra; ++i) {
            const uchar b = uchar(m_data[m_pos + i]);
            if ((b & 0xC0) != 0x80)
                return fail(QCoreApplication::translate("JsonReader", "the text is not valid UTF-8 (byte 0x%1)").arg(b0, 2, 16, QLatin1Char('0')));
            cp = (cp << 6) | (b & 0x3F);
        }
        if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
            return fail(QCoreApplication::translate("JsonReader", "the text is not valid UTF-8 (an overlong or out-of-range sequence)"));
        m_pos += extra + 1;
        *out = cp;
        return true;
    }

    bool parseString(QString *out)
    {
        ++m_pos; // opening quote
        QString result;
        while (true) {
            if (m_pos >= m_size)
                return fail(QCoreApplication::translate("JsonReader", "the file ends inside a string (a closing quote is missing)"));
            const char c = m_data[m_pos];
            if (c == '"') {
                ++m_pos;
                break;
            }
            if (uchar(c) < 0x20)
                return fail(QCoreApplication::translate("JsonReader", "a control character must be escaped inside a string (a closing quote may be missing)"));
            if (c == '\\') {
                ++m_pos;
                if (m_pos >= m_size)
                    return fail(QCoreApplication::translate("JsonReader", "the file ends inside a string"));
                const char e = m_data[m_pos++];
                switch (e) {
                case '"': result += QLatin1Char('"'); break;
                case '\\': result += QLatin1Char('\\'); break;
                case '/': result += QLatin1Char('/'); break;
                case 'b': result += QLatin1Char('\b'); break;
                case 'f': result += QLatin1Char('\f'); break;
                case 'n': result += QLatin1Char('\n'); break;
                case 'r': result += QLatin1Char('\r'); break;
                case 't': result += QLatin1Char('\t'); break;
                case 'u': {
                    char16_t unit = 0;
                    if (!parseHex4(&unit))
                        return false;
                    if (QChar::isHighSurrogate(unit)) {
                        char16_t low = 0;
                        if (m_size - m_pos < 2 || m_data[m_pos] != '\\' || m_data[m_pos + 1] != 'u')
                            return fail(QCoreApplication::translate("JsonReader", "a lone UTF-16 surrogate in a \\u escape"));
                        m_pos += 2;
                        if (!parseHex4(&low))
                            return false;
                        if (!QChar::isLowSurrogate(low))
                            return fail(QCoreApplication::translate("JsonReader", "a lone UTF-16 surrogate in a \\u escape"));
                        result += QChar(unit);
                        result += QChar(low);
                    } else if (QChar::isLowSurrogate(unit)) {
                        return fail(QCoreApplication::translate("JsonReader", "a lone UTF-16 surrogate in a \\u escape"));
                    } else {
                        result += QChar(unit);
                    }
                    break;
                }
                default:
                    --m_pos;
                    return fail(QCoreApplication::translate("JsonReader", "unknown escape '\\%1' in a string").arg(printable(e)));
                }
                continue;
            }
            // Copy a run of plain ASCII at once; decode anything else.
            if (uchar(c) < 0x80) {
                const qsizetype start = m_pos;
                while (m_pos < m_size && uchar(m_data[m_pos]) < 0x80 && m_data[m_pos] != '"' && m_data[m_pos] != '\\'
                       && uchar(m_data[m_pos]) >= 0x20)
                    ++m_pos;
                result += QLatin1String(m_data + start, m_pos - start);
                continue;
            }
            char32_t cp = 0;
            if (!decodeUtf8(&cp))
                return false;
            result += QString::fromUcs4(&cp, 1);
        }
        *out = result;
        return true;
    }

    bool parseObject(QJsonValue *out, int depth)
    {
        if (depth > JsonReader::MaxDepth)
            return fail(QCoreApplication::translate("JsonReader", "the JSON is nested more than %1 levels deep").arg(JsonReader::MaxDepth));
        ++m_pos; // '{'
        QJsonObject object;
        skipSpace();
        if (m_pos < m_size && m_data[m_pos] == '}') {
            ++m_pos;
            *out = object;
            return true;
        }
        while (true) {
            skipSpace();
            if (m_pos >= m_size)
                return fail(QCoreApplication::translate("JsonReader", "the file ends inside an object (a '}' is missing)"));
            if (m_data[m_pos] != '"')
                return fail(QCoreApplication::translate("JsonReader", "expected a quoted key in an object"));
            const qsizetype keyPos = m_pos;
            QString key;
            if (!parseString(&key))
                return false;
            if (object.contains(key)) {
                m_pos = keyPos;
                return fail(QCoreApplication::translate("JsonReader", "duplicate key \"%1\"").arg(key));
            }
            skipSpace();
            if (m_pos >= m_size || m_data[m_pos] != ':')
                return fail(QCoreApplication::translate("JsonReader", "expected ':' after the key \"%1\"").arg(key));
            ++m_pos;
            skipSpace();
            m_path.push_back({key, -1});
            QJsonValue value;
            if (!parseValue(&value, depth))
                return false;
            m_path.pop_back();
            object.insert(key, value);
            skipSpace();
            if (m_pos >= m_size)
                return fail(QCoreApplication::translate("JsonReader", "the file ends inside an object (a '}' is missing)"));
            if (m_data[m_pos] == ',') {
                ++m_pos;
                continue;
            }
            if (m_data[m_pos] == '}') {
                ++m_pos;
                break;
            }
            return fail(QCoreApplication::translate("JsonReader", "expected ',' or '}' in an object"));
        }
        *out = object;
        return true;
    }

    bool parseArray(QJsonValue *out, int depth)
    {
        if (depth > JsonReader::MaxDepth)
            return fail(QCoreApplication::translate("JsonReader", "the JSON is nested more than %1 levels deep").arg(JsonReader::MaxDepth));
        ++m_pos; // '['
        QJsonArray array;
        skipSpace();
        if (m_pos < m_size && m_data[m_pos] == ']') {
            ++m_pos;
            *out = array;
            return true;
        }
        while (true) {
            skipSpace();
            m_path.push_back({QString(), array.size()});
            QJsonValue value;
            if (!parseValue(&value, depth))
                return false;
            m_path.pop_back();
            array.append(value);
            skipSpace();
            if (m_pos >= m_size)
                return fail(QCoreApplication::translate("JsonReader", "the file ends inside an array (a ']' is missing)"));
            if (m_data[m_pos] == ',') {
                ++m_pos;
                continue;
            }
            if (m_data[m_pos] == ']') {
                ++m_pos;
                break;
            }
            return fail(QCoreApplication::translate("JsonReader", "expected ',' or ']' in an array"));
        }
        *out = array;
        return true;
    }

    const char *m_data;
    qsizetype m_size;
    qsizetype m_pos = 0;
    const QString *m_target;
};

} // namespace

JsonReader::Result JsonReader::parse(const QByteArray &text)
{
    Parser parser(text, nullptr);
    Result result;
    QJsonValue value;
    if (parser.parseDocument(&value)) {
        result.ok = true;
        result.value = value;
        return result;
    }
    result.message = parser.m_message;
    result.path = parser.currentPath();
    constexpr qsizetype MaxPathLength = 60; // a path 256 levels deep helps nobody: cut it short
    if (result.path.size() > MaxPathLength)
        result.path = result.path.left(MaxPathLength) + QChar(0x2026);
    const auto [line, column] = parser.lineColumn(parser.m_errorPos);
    result.line = line;
    result.column = column;
    return result;
}

std::pair<int, int> JsonReader::locate(const QByteArray &text, const QString &path)
{
    Parser parser(text, &path);
    QJsonValue ignored;
    parser.parseDocument(&ignored);
    if (parser.m_found < 0)
        return {0, 0};
    return parser.lineColumn(parser.m_found);
}

} // namespace Sagascope
