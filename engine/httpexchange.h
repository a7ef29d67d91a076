// SPDX-License-Identifier: MIT
#pragma once

#include "participant.h"
#include "sagalog.h"
#include "traceevent.h"

#include <QByteArray>
#include <QList>
#include <QString>

#include <memory>
#include <optional>

namespace Sagascope {

/** One attempt of one operation of one step of one instance: what the HTTP Exchange panel shows. */
struct HttpAttemptKey
{
    QString instance;
    StepId step;
    OperationKind operation = OperationKind::Action;
    int attempt = 0;

    bool isValid() const { return !instance.isEmpty() && !step.isEmpty() && attempt > 0; }
    friend bool operator==(const HttpAttemptKey &, const HttpAttemptKey &) = default;
};

/**
 * The HTTP exchange of an attempt, without a window (docs/REMOTE.md, "The HTTP exchange of an
 * attempt"). It reads the requests of one attempt from a saga log through a read-only
 * connection (the log may be written by a run at the same time: WAL readers never block the
 * writer), and holds the rules the HttpParticipant writes by: which headers are credentials and
 * how they are redacted before they reach the log, and how the headers are stored. It also says
 * which attempt a trace event belongs to, and writes an exchange as text (Copy).
 */
class HttpExchange
{
public:
    HttpExchange();
    ~HttpExchange();

    /** The saga log to read (empty: none). A new path closes the log open before. */
    void setLogPath(const QString &path);
    QString logPath() const { return m_path; }
    /** The requests of `key` in the order they were answered (none yet: the attempt is in flight,
     *  was simulated, or failed by an injected fault before anything was sent). Empty with
     *  `error` set when the log cannot be read. */
    QList<HttpAttemptRecord> load(const HttpAttemptKey &key, QString *error);
    /** The schema version of the log read last (0 before a read): below 7 it kept no request. */
    int schemaVersion() const { return m_log ? m_log->schemaVersion() : 0; }

    /** What takes the place of a credential in the log. */
    static QString redactedMark();
    /** Headers whose value is a credential: Authorization, Proxy-Authorization, Cookie,
     *  Set-Cookie, and any name that, lower-cased and without '-' and '_', contains "apikey",
     *  "token", "secret", "password", "passwd", "credential", "signature", "session" or "auth". */
    static bool isCredentialHeader(QStringView name);
    /** The value as the log keeps it: a credential's replaced by redactedMark(), keeping the
     *  scheme of Authorization and Proxy-Authorization ("Bearer ‹redacted›"); others as they are. */
    static QString redactedValue(const QString &name, const QString &value);

    /** Headers as stored in `http_attempts.request_headers`: a JSON array of [name, value]. */
    static QByteArray headersJson(const QList<HttpHeader> &headers);
    static QList<HttpHeader> headersFromJson(const QByteArray &json);

    /** The attempt that `events[index]` belongs to (step_*, compensation_*, retry_scheduled),
     *  `events` being one instance's trace; none for the saga's and the broker's events. */
    static std::optional<HttpAttemptKey> keyOf(const QList<TraceEvent> &events, qsizetype index);

    /** The reason phrase of an HTTP status (RFC 9110), empty for a code it does not know. */
    static QString reasonPhrase(int status);
    /** A body as text: indented JSON when it is JSON (`isJson` set), else its UTF-8 text. */
    static QString bodyText(const QByteArray &body, bool *isJson = nullptr);
    /** True when a reply body is as long as the log keeps: the rest was cut off. */
    static bool isTruncated(const QByteArray &reply) { return reply.size() >= SagaLog::ReplyBytesKept; }
    /** The requests of one attempt as text, request and reply as on the wire (credentials are
     *  already redacted in the log), for the clipboard. */
    static QString toText(const HttpAttemptKey &key, const QList<HttpAttemptRecord> &requests);

private:
    QString m_path;
    std::unique_ptr<SagaLog> m_log;
};

} // namespace Sagascope
