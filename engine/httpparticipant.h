// SPDX-License-Identifier: MIT
#pragma once

#include "faultplan.h"
#include "participant.h"
#include "remotespec.h"
#include "runoptions.h"
#include "scheduler.h"

#include <QHash>
#include <QJsonValue>
#include <QNetworkAccessManager>

#include <map>
#include <memory>
#include <QPointer>
#include <QSslConfiguration>

#include <functional>
#include <optional>
#include <memory>
#include <vector>

class QNetworkReply;
class QNetworkRequest;

namespace Sagascope {

class SagaLog;
class OAuthTokenClient;
struct HttpAttemptRecord;
struct HttpHeader;

/**
 * Remote endpoints (SPEC section 6): a step operation with `http` is one HTTP request per
 * attempt, on the engine's thread, through one QNetworkAccessManager. Operations without
 * `http` (and every operation with `--simulate`) go to the `fallback` participant (the
 * simulator). The request is built from the operation's templates, the instance's input and the
 * results of earlier actions; it carries the idempotency key, `Saga-Instance`,
 * `Saga-Compensates` and the endpoint's headers, and is aborted at the attempt's deadline.
 * Replies are classified as SPEC section 6 says, delivered through the Scheduler (so that the
 * transitions they cause are group-committed like any other) and the engine is woken up.
 * Each request (its headers, credentials redacted, and body) and the first 4 KiB of its reply go
 * to the saga log, with the result of a succeeded action, in the same commit as the transition
 * it causes; a request answered by a 401 and sent again with a new token keeps a row of its own.
 * docs/REMOTE.md.
 */
class HttpParticipant final : public Participant
{
public:
    /** Deadline of an attempt whose step has no `timeoutMs`: a call never waits for ever. */
    static constexpr qint64 DefaultTimeoutMs = 30000;
    /** Reply bodies larger than this are not kept as results. */
    static constexpr qint64 MaxResultBytes = 1024 * 1024;

    HttpParticipant(const SagaDefinition &definition, const RunOptions &options, Scheduler &scheduler, SagaLog &log,
                    Participant &fallback, std::function<void()> wake);
    ~HttpParticipant() override;

    /** Reads the endpoints (with `--endpoint` overrides), the CA files and the bearer tokens.
     *  Empty when every remote operation can be called; otherwise why not (nothing is sent). */
    QString prepare();
    /** What prepare() would say, without a participant: `run` checks this before it records or
     *  sends anything. */
    static QString check(const SagaDefinition &definition, const RunOptions &options);

    /** The TLS configuration of an endpoint: peers verified, always, against the system's
     *  anchors and those of `caFile` (relative to `baseDir`); nothing with `error` set. */
    static std::optional<QSslConfiguration> sslConfiguration(const Endpoint &endpoint, const QString &baseDir, QString *error);

    /** The input of an instance (by id), for `${input…}`. */
    void setInput(const QString &instance, const QJsonValue &input) { m_inputs.insert(instance, input); }
    /** A result read back from the log (recovery). */
    void loadResult(const QString &instance, const StepId &step, const QJsonValue &result);
    void setFaults(const FaultPlan &faults) { m_faults = faults; }

    /** True when the operation is called over HTTP in this run. */
    bool isRemote(int stepIndex, OperationKind operation) const;

    void invoke(const Invocation &invocation, ReplyHandler done) override;
    qsizetype pendingCalls() const override { return m_pending + m_fallback.pendingCalls(); }

    /** Classifies an HTTP status (SPEC section 6); `networkError` when there was no status. */
    static Reply::Status classify(int status, OperationKind operation);
    /** Retry-After as milliseconds from `now` (seconds, or an HTTP date); -1 when absent or unreadable. */
    static qint64 parseRetryAfter(const QByteArray &value, const QDateTime &now);

private:
    struct Service
    {
        Endpoint endpoint;
        QUrl base;
        QByteArray authorization; // the whole Authorization header value; never logged
        QSslConfiguration ssl;
        QString trust; // the caFile's absolute path; empty: the system's CAs only
        /** The network access of this service's trust: QNetworkAccessManager reuses an open TLS
         *  connection to a host and port whatever the next request's SSL configuration says, so
         *  services that trust differently (caFile) never share one. */
        QNetworkAccessManager *network = nullptr;
        QByteArray credential; // OAuth client secret or refresh token, until prepare() hands it over
        std::shared_ptr<OAuthTokenClient> oauth;  // oauth2-*
        bool ready = false;
    };
    struct Call;
    static QString buildServices(const SagaDefinition &definition, const RunOptions &options,
                                 QHash<QString, Service> *services);
    void send(Call *call);
    void watch(Call *call);
    bool isLive(const Call *call, quint64 serial) const;
    /** The headers of a request as the log keeps them: in order, credentials redacted. */
    static QList<HttpHeader> loggedHeaders(const QNetworkRequest &request);
    /** The log row of the request `call` sent, answered with `status` (0: none) and `reply`. */
    static HttpAttemptRecord record(const Call *call, int status, const QByteArray &reply);
    void finished(Call *call);
    void deliver(ReplyHandler done, const Reply &reply);

    const SagaDefinition &m_definition;
    RunOptions m_options;
    Scheduler &m_scheduler;
    SagaLog &m_log;
    Participant &m_fallback;
    std::function<void()> m_wake;
    FaultPlan m_faults;
    QNetworkAccessManager m_network; // the services without a caFile
    std::map<QString, std::unique_ptr<QNetworkAccessManager>> m_trustNetworks; // by caFile path
    QHash<QString, Service> m_services;
    QHash<QString, QJsonValue> m_inputs;
    QHash<QString, QHash<StepId, QJsonValue>> m_results;
    std::vector<std::unique_ptr<Call>> m_calls;
    qsizetype m_pending = 0;
    bool m_closing = false;
};

} // namespace Sagascope
