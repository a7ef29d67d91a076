// SPDX-License-Identifier: MIT
#include "httpparticipant.h"

#include "connectioncheck.h"
#include "httpexchange.h"
#include "credentialstore.h"
#include "oauthclient.h"
#include "sagalog.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QSslCertificate>
#include <QTimer>

namespace Sagascope {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Engine", text);
}

/** Any JSON value as compact text (QJsonDocument holds only objects and arrays). */
QByteArray compactJson(const QJsonValue &value)
{
    if (value.isObject())
        return QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact);
    if (value.isArray())
        return QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact);
    const QByteArray wrapped = QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact);
    return wrapped.mid(1, wrapped.size() - 2);
}

QJsonValue parseJson(const QByteArray &bytes)
{
    if (bytes.trimmed().isEmpty())
        return QJsonValue();
    QJsonParseError error;
    // Wrapped, so that a scalar body ("42", "\"ok\"") parses as well.
    const QJsonDocument document = QJsonDocument::fromJson("[" + bytes + "]", &error);
    if (error.error != QJsonParseError::NoError || document.array().size() != 1)
        return QJsonValue();
    return document.array().at(0);
}

QString outcomeName(Reply::Status status)
{
    switch (status) {
    case Reply::Status::Succeeded: return QStringLiteral("succeeded");
    case Reply::Status::TechnicalFailure: return QStringLiteral("technical");
    case Reply::Status::TimedOut: return QStringLiteral("timeout");
    case Reply::Status::BusinessFailure:
    case Reply::Status::Refused: return QStringLiteral("business");
    }
    return {};
}

} // namespace

struct HttpParticipant::Call
{
    Call() : serial(++nextSerial) {}
    static inline quint64 nextSerial = 0;
    const quint64 serial; // tells a call from a later one at the same address
    Invocation invocation;
    ReplyHandler done;
    QString service;
    QNetworkRequest request;
    QByteArray body;
    QByteArray token;            // the OAuth token sent (memory only)
    QString tokenError;          // no token could be had
    bool tokenErrorTechnical = false;
    bool reauthorized = false;   // a 401 already made it fetch a new token
    QPointer<QNetworkReply> reply;
    QList<QSslError> sslErrors;  // why a TLS handshake failed
    QTimer deadline;
    QElapsedTimer elapsed;
    QString method;
    QString url;
    QList<HttpHeader> sentHeaders; // of the request on the wire, credentials redacted (for the log)
    QList<HttpAttemptRecord> earlier; // requests of this attempt answered by a 401 and sent again
    qint64 timeoutMs = 0;
    bool timedOut = false;
    bool injectedTimeout = false; // a fault: the work is done, the answer counts as too late
};

HttpParticipant::HttpParticipant(const SagaDefinition &definition, const RunOptions &options, Scheduler &scheduler,
                                 SagaLog &log, Participant &fallback, std::function<void()> wake)
    : m_definition(definition)
    , m_options(options)
    , m_scheduler(scheduler)
    , m_log(log)
    , m_fallback(fallback)
    , m_wake(std::move(wake))
    , m_faults(options.faults)
{
    // Redirects are the service's answer, not something to follow with a replayed body.
    m_network.setRedirectPolicy(QNetworkRequest::ManualRedirectPolicy);
}

HttpParticipant::~HttpParticipant()
{
    m_closing = true;
    for (const auto &call : m_calls) {
        if (call->reply) {
            QObject::disconnect(call->reply, nullptr, nullptr, nullptr);
            call->reply->abort();
            delete call->reply;
        }
    }
    CredentialStore::waitForPendingWrites(); // a rotated refresh token is not lost at exit
}

bool HttpParticipant::isRemote(int stepIndex, OperationKind operation) const
{
    if (m_options.simulate || stepIndex < 0 || stepIndex >= m_definition.steps.size())
        return false;
    const Step &step = m_definition.steps.at(stepIndex);
    if (operation == OperationKind::Action)
        return !step.action.http.isEmpty();
    return step.compensation && !step.compensation->http.isEmpty();
}

QString HttpParticipant::prepare()
{
    const QString error = buildServices(m_definition, m_options, &m_services);
    if (!error.isEmpty())
        return error;
    QHash<QString, std::shared_ptr<OAuthTokenClient>> grants;
    for (auto it = m_services.begin(); it != m_services.end(); ++it) {
        Service &s = it.value();
        if (s.trust.isEmpty()) {
            s.network = &m_network;
        } else {
            std::unique_ptr<QNetworkAccessManager> &network = m_trustNetworks[s.trust];
            if (!network) {
                network = std::make_unique<QNetworkAccessManager>();
                network->setRedirectPolicy(QNetworkRequest::ManualRedirectPolicy);
            }
            s.network = network.get();
        }
        const EndpointAuth &auth = s.endpoint.auth;
        if (auth.type != AuthType::OAuth2ClientCredentials && auth.type != AuthType::OAuth2AuthorizationCode)
            continue;
        if (auth.type == AuthType::OAuth2AuthorizationCode) {
            // One sign-in (client id and token URL) may serve several services: they share one
            // client, so that a refresh token the server rotates is spent once, not once per service.
            std::shared_ptr<OAuthTokenClient> &shared = grants[CredentialStore::refreshTokenKey(auth)];
            if (!shared) {
                shared = std::make_shared<OAuthTokenClient>(*s.network, it.key(), QUrl(auth.tokenUrl), auth.clientId,
                                                            auth.scope, s.ssl);
                // A rotated refresh token goes back where the old one was.
                shared->useRefreshToken(s.credential, [auth](const QByteArray &token) {
                    CredentialStore::storeRefreshTokenLater(auth, token);
                });
            }
            s.oauth = shared;
        } else {
            s.oauth = std::make_shared<OAuthTokenClient>(*s.network, it.key(), QUrl(auth.tokenUrl), auth.clientId, auth.scope,
                                                         s.ssl);
            s.oauth->useClientCredentials(s.credential);
        }
        s.credential.clear(); // the client keeps it
    }
    return {};
}

QString HttpParticipant::check(const SagaDefinition &definition, const RunOptions &options)
{
    if (options.simulate || !hasHttpOperations(definition))
        return {};
    QHash<QString, Service> services;
    return buildServices(definition, options, &services);
}

QString HttpParticipant::buildServices(const SagaDefinition &definition, const RunOptions &options,
                                       QHash<QString, Service> *services)
{
    if (options.simulate)
        return {};
    for (const QString &id : options.endpoints.keys()) {
        if (!definition.hasService(id))
            return tr("--endpoint %1: the saga has no service %1").arg(id);
    }
    for (const Sagascope::Service &service : definition.services) {
        const QString override = options.endpoints.value(service.id).toString();
        if (service.endpoint.isEmpty() && override.isEmpty())
            continue;
        Service s;
        if (!service.endpoint.isEmpty()) {
            RemoteSpecError error;
            const std::optional<Endpoint> endpoint = Endpoint::parse(service.endpoint, QString(), &error);
            if (!endpoint)
                return tr("service %1: endpoint.%2: %3").arg(service.id, error.path, error.message);
            s.endpoint = *endpoint;
        }
        if (!override.isEmpty())
            s.endpoint.baseUrl = override;
        const QString why = checkEndpointUrl(s.endpoint.baseUrl, s.endpoint.auth);
        if (!why.isEmpty())
            return tr("service %1: %2").arg(service.id, why);
        s.base = QUrl(s.endpoint.baseUrl);
        switch (s.endpoint.auth.type) {
        case AuthType::None: break;
        case AuthType::Bearer: {
            const QByteArray token = qgetenv(s.endpoint.auth.tokenEnv.toLocal8Bit().constData());
            if (token.isEmpty())
                return tr("service %1: the environment variable %2, which holds its bearer token, is not set")
                    .arg(service.id, s.endpoint.auth.tokenEnv);
            s.authorization = "Bearer " + token;
            break;
        }
        case AuthType::OAuth2ClientCredentials: {
            const CredentialStore::Found secret = CredentialStore::readClientSecret(service.id, s.endpoint.auth);
            if (secret.value.isEmpty())
                return tr("service %1: its OAuth client secret is neither in the environment variable %2 nor in the "
                          "desktop keychain%3")
                    .arg(service.id, secretVariable(service.id),
                         secret.error.isEmpty() ? QString() : QStringLiteral(" (") + secret.error + QLatin1Char(')'));
            s.credential = secret.value;
            break;
        }
        case AuthType::OAuth2AuthorizationCode: {
            const CredentialStore::Found refresh = CredentialStore::readRefreshToken(s.endpoint.auth);
            if (refresh.value.isEmpty())
                return tr("service %1: not signed in (no refresh token in the desktop keychain nor in %2%3): run "
                          "sagascope-cli login FILE %1 first")
                    .arg(service.id, CredentialStore::tokenFile(s.endpoint.auth),
                         refresh.error.isEmpty() ? QString() : QStringLiteral("; ") + refresh.error);
            s.credential = refresh.value;
            break;
        }
        }
        QString sslError;
        const std::optional<QSslConfiguration> ssl = sslConfiguration(s.endpoint, options.baseDir, &sslError);
        if (!ssl)
            return tr("service %1: %2").arg(service.id, sslError);
        s.ssl = *ssl;
        if (!s.endpoint.caFile.isEmpty())
            s.trust = QDir(options.baseDir.isEmpty() ? QDir::currentPath() : options.baseDir).absoluteFilePath(s.endpoint.caFile);
        s.ready = true;
        services->insert(service.id, s);
    }
    for (const Step &step : definition.steps) {
        const bool remote = !step.action.http.isEmpty() || (step.compensation && !step.compensation->http.isEmpty());
        if (remote && !services->value(step.service).ready)
            return step.service.isEmpty()
                       ? tr("step %1 calls a remote endpoint but names no service").arg(step.id)
                       : tr("step %1 calls a remote endpoint but its service %2 has no endpoint (give it one, or "
                            "--endpoint %2=URL)")
                             .arg(step.id, step.service);
    }
    return {};
}

std::optional<QSslConfiguration> HttpParticipant::sslConfiguration(const Endpoint &endpoint, const QString &baseDir,
                                                                 QString *error)
{
    QSslConfiguration ssl = QSslConfiguration::defaultConfiguration();
    ssl.setPeerVerifyMode(QSslSocket::VerifyPeer); // TLS is verified, always
    if (!endpoint.caFile.isEmpty()) {
        const QString path = QDir(baseDir.isEmpty() ? QDir::currentPath() : baseDir).absoluteFilePath(endpoint.caFile);
        const QList<QSslCertificate> certificates = QSslCertificate::fromPath(path, QSsl::Pem);
        if (certificates.isEmpty()) {
            *error = tr("caFile %1 holds no PEM certificate (or cannot be read)").arg(path);
            return std::nullopt;
        }
        ssl.addCaCertificates(certificates);
    }
    return ssl;
}

void HttpParticipant::loadResult(const QString &instance, const StepId &step, const QJsonValue &result)
{
    m_results[instance].insert(step, result);
}

Reply::Status HttpParticipant::classify(int status, OperationKind operation)
{
    if (status >= 200 && status < 300)
        return Reply::Status::Succeeded;
    if (operation == OperationKind::Compensation && (status == 404 || status == 410))
        return Reply::Status::Succeeded; // nothing to undo
    switch (status) {
    case 408: case 425: case 429: case 500: case 502: case 503: case 504:
        return Reply::Status::TechnicalFailure;
    default: break;
    }
    if (status >= 400 && status < 500)
        return Reply::Status::BusinessFailure;
    if (status >= 500)
        return Reply::Status::TechnicalFailure; // a server fault, like 500
    return Reply::Status::BusinessFailure;      // 1xx, 3xx: not an answer a saga can use
}

qint64 HttpParticipant::parseRetryAfter(const QByteArray &value, const QDateTime &now)
{
    const QByteArray text = value.trimmed();
    if (text.isEmpty())
        return -1;
    constexpr qint64 Cap = 3600 * 1000; // an hour at most: a misconfigured server does not park the saga
    bool ok = false;
    const qint64 seconds = text.toLongLong(&ok);
    if (ok)
        return seconds < 0 ? -1 : qMin(Cap, seconds * 1000);
    // IMF-fixdate (RFC 9110 5.6.7), e.g. "Sun, 06 Nov 1994 08:49:37 GMT".
    QDateTime date = QLocale::c().toDateTime(QString::fromLatin1(text), QStringLiteral("ddd, dd MMM yyyy HH:mm:ss 'GMT'"));
    if (!date.isValid())
        return -1;
    date.setTimeSpec(Qt::UTC);
    return qBound<qint64>(0, now.msecsTo(date), Cap);
}

void HttpParticipant::deliver(ReplyHandler done, const Reply &reply)
{
    m_scheduler.scheduleAfter(0, [this, done = std::move(done), reply] {
        --m_pending;
        done(reply);
    });
    if (m_wake)
        m_wake();
}

void HttpParticipant::invoke(const Invocation &invocation, ReplyHandler done)
{
    if (!isRemote(invocation.stepIndex, invocation.operation))
        return m_fallback.invoke(invocation, std::move(done));
    ++m_pending;
    const Step &step = m_definition.steps.at(invocation.stepIndex);
    const bool isAction = invocation.operation == OperationKind::Action;
    const Operation &operation = isAction ? step.action : *step.compensation;

    // Injected faults apply before anything is sent, as on the simulator; a timeout is a slow
    // reply: the request is sent, and its answer counts as too late.
    const FailureKind injected = m_faults.isEmpty() ? FailureKind::None
                                                    : m_faults.failure(invocation.instance, invocation.step,
                                                                       invocation.operation, invocation.faultAttempt);
    if (injected == FailureKind::Business)
        return deliver(std::move(done), Reply{Reply::Status::BusinessFailure, tr("injected business failure")});
    if (injected == FailureKind::Technical)
        return deliver(std::move(done), Reply{Reply::Status::TechnicalFailure, tr("injected technical failure")});

    const Service &service = m_services[step.service];
    const std::optional<HttpCall> http = HttpCall::parse(operation.http, QString(), nullptr); // checked at load
    TemplateValues values;
    values.instance = invocation.instance;
    values.step = invocation.step;
    values.input = m_inputs.value(invocation.instance);
    const QHash<StepId, QJsonValue> results = m_results.value(invocation.instance);
    values.result = [&results](const StepId &id) { return results.value(id); };

    auto call = std::make_unique<Call>();
    call->invocation = invocation;
    call->done = std::move(done);
    call->service = step.service;
    call->injectedTimeout = injected == FailureKind::Timeout;
    call->method = http ? http->method : QStringLiteral("POST");
    QString base = service.endpoint.baseUrl;
    while (base.endsWith(QLatin1Char('/')))
        base.chop(1);
    const QUrl url(base + fillString(http ? http->path : QString(), values, true));
    call->url = url.toString();

    QNetworkRequest &request = call->request;
    request.setUrl(url);
    const QByteArray key = invocation.idempotencyKey().toUtf8();
    request.setRawHeader("Idempotency-Key", key);
    request.setRawHeader("Saga-Instance", invocation.instance.toUtf8());
    if (!isAction)
        request.setRawHeader("Saga-Compensates", (invocation.instance + QLatin1Char('/') + invocation.step
                                                  + QStringLiteral("/action")).toUtf8());
    for (const auto &[name, value] : service.endpoint.headers)
        request.setRawHeader(name.toUtf8(), fillString(value, values).toUtf8());
    if (http) {
        for (const auto &[name, value] : http->headers)
            request.setRawHeader(name.toUtf8(), fillString(value, values).toUtf8());
    }
    if (!service.authorization.isEmpty())
        request.setRawHeader("Authorization", service.authorization);
    if (http && http->body) {
        call->body = compactJson(fillValue(*http->body, values));
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    }
    if (url.scheme() == QLatin1String("https"))
        request.setSslConfiguration(service.ssl);

    Call *raw = call.get();
    m_calls.push_back(std::move(call));
    raw->elapsed.start();
    raw->timeoutMs = invocation.timeoutMs >= 0 ? invocation.timeoutMs : DefaultTimeoutMs;
    raw->deadline.setSingleShot(true);
    raw->deadline.setTimerType(Qt::PreciseTimer);
    QObject::connect(&raw->deadline, &QTimer::timeout, &raw->deadline, [this, raw] {
        raw->timedOut = true;
        if (raw->reply) {
            raw->reply->abort(); // finished() follows, at once
        } else {                 // still waiting for a token: finish outside the timer's own signal
            QMetaObject::invokeMethod(&m_network, [this, raw, serial = raw->serial] {
                if (!m_closing && isLive(raw, serial))
                    finished(raw);
            }, Qt::QueuedConnection);
        }
    });
    raw->deadline.start(int(qMin<qint64>(raw->timeoutMs, std::numeric_limits<int>::max())));
    send(raw);
}

void HttpParticipant::send(Call *call)
{
    const Service &service = m_services[call->service];
    QNetworkAccessManager *network = service.network;
    OAuthTokenClient *oauth = service.oauth.get();
    if (!oauth) {
        call->sentHeaders = loggedHeaders(call->request);
        call->reply = network->sendCustomRequest(call->request, call->method.toLatin1(), call->body);
        watch(call);
        return;
    }
    // The token may come at once (cached) or later (one token request per service).
    const quint64 serial = call->serial;
    oauth->get([this, call, serial, network](const QByteArray &token, const QString &error, bool technical) {
        if (m_closing || !isLive(call, serial) || call->timedOut)
            return;
        if (!error.isEmpty()) {
            call->tokenError = error;
            call->tokenErrorTechnical = technical;
            return finished(call);
        }
        call->token = token;
        call->request.setRawHeader("Authorization", "Bearer " + token);
        call->sentHeaders = loggedHeaders(call->request);
        call->reply = network->sendCustomRequest(call->request, call->method.toLatin1(), call->body);
        watch(call);
    });
}

void HttpParticipant::watch(Call *call)
{
    QObject::connect(call->reply, &QNetworkReply::sslErrors, call->reply,
                     [call](const QList<QSslError> &errors) { call->sslErrors += errors; });
    QObject::connect(call->reply, &QNetworkReply::finished, call->reply, [this, call] { finished(call); });
}

QList<HttpHeader> HttpParticipant::loggedHeaders(const QNetworkRequest &request)
{
    QList<HttpHeader> headers;
    for (const QByteArray &name : request.rawHeaderList()) {
        const QString n = QString::fromLatin1(name);
        headers.append({n, HttpExchange::redactedValue(n, QString::fromUtf8(request.rawHeader(name)))});
    }
    return headers;
}

HttpAttemptRecord HttpParticipant::record(const Call *call, int status, const QByteArray &reply)
{
    HttpAttemptRecord r;
    r.step = call->invocation.step;
    r.operation = call->invocation.operation;
    r.attempt = call->invocation.attempt;
    r.method = call->method;
    r.url = call->url;
    r.status = status;
    r.durationMs = call->elapsed.elapsed();
    r.reply = reply;
    r.requestHeaders = call->sentHeaders;
    if (!call->sentHeaders.isEmpty()) // sent (not: no token could be had, or none came in time)
        r.requestBody = call->body;
    return r;
}

bool HttpParticipant::isLive(const Call *call, quint64 serial) const
{
    for (const auto &c : m_calls) {
        if (c.get() == call)
            return c->serial == serial;
    }
    return false;
}

void HttpParticipant::finished(Call *call)
{
    if (m_closing)
        return;
    QNetworkReply *reply = call->reply;
    const Invocation invocation = call->invocation;
    const bool isAction = invocation.operation == OperationKind::Action;
    const int status = reply ? reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt() : 0;
    // A 401 with an OAuth token: the token is fetched again, once, and the same request sent again.
    OAuthTokenClient *oauth = m_services[call->service].oauth.get();
    if (status == 401 && oauth && !call->reauthorized && !call->timedOut) {
        call->reauthorized = true;
        oauth->invalidate(call->token);
        // The first request is kept too: the exchange of the attempt shows both, in order.
        HttpAttemptRecord first = record(call, status, reply->isOpen() ? reply->read(SagaLog::ReplyBytesKept) : QByteArray());
        first.outcome = QStringLiteral("reauthorized");
        call->earlier.append(first);
        call->elapsed.start();
        reply->deleteLater();
        call->reply = nullptr;
        return send(call);
    }
    call->deadline.stop();
    QByteArray body;
    bool tooLarge = false;
    if (reply && reply->isOpen()) { // an aborted reply has nothing to read
        body = reply->bytesAvailable() <= MaxResultBytes ? reply->readAll() : reply->read(SagaLog::ReplyBytesKept);
        tooLarge = reply->bytesAvailable() > 0;
    }

    Reply answer;
    QString networkError;
    if (!call->tokenError.isEmpty()) {
        answer = Reply{call->tokenErrorTechnical ? Reply::Status::TechnicalFailure : Reply::Status::BusinessFailure,
                       call->tokenError};
        networkError = call->tokenError;
    } else if (call->timedOut) {
        answer = Reply{Reply::Status::TimedOut,
                       tr("no reply within %1 ms from %2 %3 (request aborted)").arg(call->timeoutMs).arg(call->method, call->url)};
    } else if (status > 0) {
        answer.status = classify(status, invocation.operation);
        const QString reasonPhrase = reply->attribute(QNetworkRequest::HttpReasonPhraseAttribute).toString();
        answer.reason = tr("HTTP %1%2 from %3 %4")
                            .arg(status)
                            .arg(reasonPhrase.isEmpty() ? QString() : QLatin1Char(' ') + reasonPhrase, call->method, call->url);
        if (answer.status == Reply::Status::Succeeded && status >= 300)
            answer.reason = tr("nothing to undo: %1").arg(answer.reason);
        if (status == 429 || status == 503)
            answer.retryAfterMs = parseRetryAfter(reply->rawHeader("Retry-After"), QDateTime::currentDateTimeUtc());
        if (answer.status == Reply::Status::Succeeded && status < 300)
            answer.reason.clear();
    } else if (reply) {
        // Refused, reset, DNS, TLS, a reply that is not HTTP: technical (SPEC section 6).
        // A TLS refusal in plain words (expired, another host, an untrusted issuer).
        networkError = call->sslErrors.isEmpty()
                           ? reply->errorString()
                           : ConnectionCheck::describeSslErrors(call->sslErrors, reply->url());
        answer = Reply{Reply::Status::TechnicalFailure, tr("%1 %2: %3").arg(call->method, call->url, networkError)};
    }
    if (call->injectedTimeout && !call->timedOut)
        answer = Reply{Reply::Status::TimedOut, tr("injected timeout: the reply came too late")};

    HttpAttemptRecord record = HttpParticipant::record(call, call->timedOut || !call->tokenError.isEmpty() ? 0 : status,
                                                       body.left(SagaLog::ReplyBytesKept));
    record.outcome = outcomeName(answer.status);
    record.error = call->timedOut ? QStringLiteral("timeout") : networkError;
    const QList<HttpAttemptRecord> earlier = call->earlier;
    // A succeeded action's JSON body is its result, for later templates (SPEC section 6).
    const bool keepResult = isAction && answer.status == Reply::Status::Succeeded && !tooLarge;
    const QJsonValue result = keepResult ? parseJson(body) : QJsonValue();

    ReplyHandler done = std::move(call->done);
    if (reply)
        reply->deleteLater();
    for (auto it = m_calls.begin(); it != m_calls.end(); ++it) {
        if (it->get() == call) {
            m_calls.erase(it);
            break;
        }
    }
    // The log rows go into the batch of the transition that this reply causes.
    m_scheduler.scheduleAfter(0, [this, done = std::move(done), answer, record, earlier, keepResult, result,
                                  instance = invocation.instance] {
        --m_pending;
        for (const HttpAttemptRecord &before : earlier)
            m_log.appendHttpAttempt(instance, before);
        m_log.appendHttpAttempt(instance, record);
        if (keepResult) {
            m_results[instance].insert(record.step, result);
            m_log.appendResult(instance, record.step, compactJson(result));
        }
        done(answer);
    });
    if (m_wake)
        m_wake();
}

} // namespace Sagascope
