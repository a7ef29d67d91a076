// SPDX-License-Identifier: MIT
#include "httpexchange.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace Sagascope {

HttpExchange::HttpExchange() = default;
HttpExchange::~HttpExchange() = default;

void HttpExchange::setLogPath(const QString &path)
{
    if (path == m_path)
        return;
    m_path = path;
    m_log.reset();
}

QList<HttpAttemptRecord> HttpExchange::load(const HttpAttemptKey &key, QString *error)
{
    QString ignored;
    if (!error)
        error = &ignored;
    error->clear();
    if (m_path.isEmpty() || !key.isValid())
        return {};
    if (!m_log) {
        SagaLog::OpenOptions options;
        options.create = false;
        options.readOnly = true; // no lock taken, nothing written: the run goes on writing
        m_log = SagaLog::open(m_path, options, error);
        if (!m_log)
            return {};
    }
    return m_log->httpAttempts(key.instance, key.step, key.operation, key.attempt, error);
}

QString HttpExchange::redactedMark()
{
    return QStringLiteral("\u2039redacted\u203a"); // ‹redacted›
}

bool HttpExchange::isCredentialHeader(QStringView name)
{
    QString n = name.toString().toLower();
    if (n == QLatin1String("authorization") || n == QLatin1String("proxy-authorization") || n == QLatin1String("cookie")
        || n == QLatin1String("set-cookie"))
        return true;
    n.remove(QLatin1Char('-')).remove(QLatin1Char('_'));
    for (const char *word : {"apikey", "token", "secret", "password", "passwd", "credential", "signature", "session", "auth"}) {
        if (n.contains(QLatin1String(word)))
            return true;
    }
    return false;
}

QString HttpExchange::redactedValue(const QString &name, const QString &value)
{
    if (!isCredentialHeader(name) || value.isEmpty())
        return value;
    const bool schemeFirst = name.compare(QLatin1String("authorization"), Qt::CaseInsensitive) == 0
        || name.compare(QLatin1String("proxy-authorization"), Qt::CaseInsensitive) == 0;
    const qsizetype space = value.indexOf(QLatin1Char(' '));
    if (schemeFirst && space > 0) // "Bearer ‹redacted›": the scheme says how it authenticated
        return value.left(space + 1) + redactedMark();
    return redactedMark();
}

QByteArray HttpExchange::headersJson(const QList<HttpHeader> &headers)
{
    QJsonArray array;
    for (const HttpHeader &h : headers)
        array.append(QJsonArray{h.name, h.value});
    return QJsonDocument(array).toJson(QJsonDocument::Compact);
}

QList<HttpHeader> HttpExchange::headersFromJson(const QByteArray &json)
{
    QList<HttpHeader> headers;
    const QJsonArray array = QJsonDocument::fromJson(json).array();
    for (const QJsonValue &pair : array) {
        const QJsonArray p = pair.toArray();
        if (p.size() == 2)
            headers.append({p.at(0).toString(), p.at(1).toString()});
    }
    return headers;
}

std::optional<HttpAttemptKey> HttpExchange::keyOf(const QList<TraceEvent> &events, qsizetype index)
{
    if (index < 0 || index >= events.size())
        return std::nullopt;
    const TraceEvent &e = events.at(index);
    HttpAttemptKey key{e.instance, e.step, OperationKind::Action, e.attempt};
    switch (e.event) {
    case TraceEventType::StepStarted:
    case TraceEventType::StepSucceeded:
    case TraceEventType::StepFailed:
        break;
    case TraceEventType::CompensationStarted:
    case TraceEventType::CompensationSucceeded:
    case TraceEventType::CompensationFailed:
        key.operation = OperationKind::Compensation;
        break;
    case TraceEventType::RetryScheduled:
        // The retry of the failure just before it: an action's or a compensation's.
        for (qsizetype k = index - 1; k >= 0; --k) {
            const TraceEvent &before = events.at(k);
            if (before.step != e.step || before.attempt != e.attempt)
                continue;
            if (before.event == TraceEventType::CompensationFailed) {
                key.operation = OperationKind::Compensation;
                break;
            }
            if (before.event == TraceEventType::StepFailed)
                break;
        }
        break;
    default:
        return std::nullopt;
    }
    if (!key.isValid())
        return std::nullopt;
    return key;
}

QString HttpExchange::reasonPhrase(int status)
{
    switch (status) {
    case 100: return QStringLiteral("Continue");
    case 200: return QStringLiteral("OK");
    case 201: return QStringLiteral("Created");
    case 202: return QStringLiteral("Accepted");
    case 204: return QStringLiteral("No Content");
    case 301: return QStringLiteral("Moved Permanently");
    case 302: return QStringLiteral("Found");
    case 303: return QStringLiteral("See Other");
    case 304: return QStringLiteral("Not Modified");
    case 307: return QStringLiteral("Temporary Redirect");
    case 308: return QStringLiteral("Permanent Redirect");
    case 400: return QStringLiteral("Bad Request");
    case 401: return QStringLiteral("Unauthorized");
    case 402: return QStringLiteral("Payment Required");
    case 403: return QStringLiteral("Forbidden");
    case 404: return QStringLiteral("Not Found");
    case 405: return QStringLiteral("Method Not Allowed");
    case 406: return QStringLiteral("Not Acceptable");
    case 408: return QStringLiteral("Request Timeout");
    case 409: return QStringLiteral("Conflict");
    case 410: return QStringLiteral("Gone");
    case 411: return QStringLiteral("Length Required");
    case 412: return QStringLiteral("Precondition Failed");
    case 413: return QStringLiteral("Content Too Large");
    case 415: return QStringLiteral("Unsupported Media Type");
    case 422: return QStringLiteral("Unprocessable Content");
    case 425: return QStringLiteral("Too Early");
    case 428: return QStringLiteral("Precondition Required");
    case 429: return QStringLiteral("Too Many Requests");
    case 500: return QStringLiteral("Internal Server Error");
    case 501: return QStringLiteral("Not Implemented");
    case 502: return QStringLiteral("Bad Gateway");
    case 503: return QStringLiteral("Service Unavailable");
    case 504: return QStringLiteral("Gateway Timeout");
    default: return {};
    }
}

QString HttpExchange::bodyText(const QByteArray &body, bool *isJson)
{
    QJsonParseError parsed;
    const QJsonDocument document = QJsonDocument::fromJson(body, &parsed);
    const bool json = parsed.error == QJsonParseError::NoError && !document.isNull();
    if (isJson)
        *isJson = json;
    if (!json)
        return QString::fromUtf8(body);
    QString text = QString::fromUtf8(document.toJson(QJsonDocument::Indented));
    while (text.endsWith(QLatin1Char('\n')))
        text.chop(1);
    return text;
}

QString HttpExchange::toText(const HttpAttemptKey &key, const QList<HttpAttemptRecord> &requests)
{
    QString out;
    for (qsizetype i = 0; i < requests.size(); ++i) {
        const HttpAttemptRecord &r = requests.at(i);
        if (i > 0)
            out += QLatin1Char('\n');
        out += QStringLiteral("# %1 %2, attempt %3").arg(key.step, operationKindName(key.operation)).arg(key.attempt);
        if (requests.size() > 1)
            out += QStringLiteral(", request %1 of %2").arg(i + 1).arg(requests.size());
        out += QStringLiteral(": %1, %2 ms\n").arg(r.outcome).arg(r.durationMs);
        out += r.method + QLatin1Char(' ') + r.url + QLatin1Char('\n');
        if (!r.requestKept) {
            out += QStringLiteral("# the request's headers and body: not kept by this log (schema version below 7)\n");
        } else {
            for (const HttpHeader &h : r.requestHeaders)
                out += h.name + QStringLiteral(": ") + h.value + QLatin1Char('\n');
            if (!r.requestBody.isEmpty())
                out += QLatin1Char('\n') + bodyText(r.requestBody) + QLatin1Char('\n');
        }
        out += QLatin1Char('\n');
        if (r.status > 0) {
            const QString phrase = reasonPhrase(r.status);
            out += QStringLiteral("HTTP %1%2\n").arg(r.status).arg(phrase.isEmpty() ? QString() : QLatin1Char(' ') + phrase);
            if (!r.reply.isEmpty()) {
                out += QLatin1Char('\n') + bodyText(r.reply) + QLatin1Char('\n');
                if (isTruncated(r.reply))
                    out += QStringLiteral("# the first %1 bytes of the reply\n").arg(SagaLog::ReplyBytesKept);
            }
        } else {
            out += QStringLiteral("# no HTTP reply: %1\n").arg(r.error.isEmpty() ? r.outcome : r.error);
        }
    }
    return out;
}

} // namespace Sagascope
