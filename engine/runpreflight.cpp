// SPDX-License-Identifier: MIT
#include "runpreflight.h"

#include "credentialstore.h"

namespace Sagascope {

namespace {

bool callsRemote(const Step &step)
{
    return !step.action.http.isEmpty() || (step.compensation && !step.compensation->http.isEmpty());
}

} // namespace

RunPreflight::RunPreflight(SagaDefinition definition, RunOptions options, QObject *parent)
    : QObject(parent)
    , m_definition(std::move(definition))
    , m_options(std::move(options))
    , m_services(servicesToCheck(m_definition, m_options))
{
    qRegisterMetaType<Sagascope::RunPreflight::Outcome>();
    m_deadline.setSingleShot(true);
    connect(&m_deadline, &QTimer::timeout, this, [this] {
        for (int i = 0; i < m_pending.size(); ++i) {
            if (!m_pending[i].done)
                record(i, ConnectionCheck::Problem::Timeout,
                       QStringLiteral("the check of %1 did not end within %2 s").arg(m_pending[i].finding.url)
                           .arg(m_deadline.interval() / 1000.0));
        }
    });
}

RunPreflight::~RunPreflight()
{
    m_active = false; // no signal from a destructor
    for (Pending &p : m_pending) {
        if (p.check) {
            disconnect(p.check, nullptr, this, nullptr);
            delete p.check; // aborts its requests
        }
    }
}

QStringList RunPreflight::servicesToCheck(const SagaDefinition &definition, const RunOptions &options)
{
    if (options.simulate || !hasHttpOperations(definition))
        return {};
    QStringList called;
    for (const Step &step : definition.steps) {
        if (callsRemote(step) && !step.service.isEmpty() && !called.contains(step.service))
            called << step.service;
    }
    QStringList ordered; // as the Services dock lists them
    for (const Service &service : definition.services) {
        if (called.removeOne(service.id))
            ordered << service.id;
    }
    return ordered + called; // services the saga does not declare come last (refused below)
}

bool RunPreflight::refuses(ConnectionCheck::Problem problem)
{
    using P = ConnectionCheck::Problem;
    switch (problem) {
    case P::Configuration:
    case P::NoCredentials:
    case P::Tls:
    case P::TokenRefused: return true;
    case P::None:
    case P::Dns:
    case P::Refused:
    case P::Timeout:
    case P::Network:
    case P::Unauthorized: return false;
    }
    return false;
}

void RunPreflight::start(int requestTimeoutMs, int deadlineMs)
{
    m_active = true;
    m_starting = true; // a check that ends at once (no credentials) does not end the whole one here
    m_timeoutMs = requestTimeoutMs;
    m_pending.clear();
    // What can be said without a request: a step that calls a remote endpoint without a service,
    // an --endpoint for a service the saga does not have, a service with no (valid) endpoint.
    const auto refuseNow = [this](const QString &service, const QString &message) {
        Pending p;
        p.finding = Finding{service, {}, AuthType::None, ConnectionCheck::Problem::Configuration, message};
        p.done = true;
        m_pending.append(p);
    };
    if (!m_services.isEmpty()) {
        for (const Step &step : m_definition.steps) {
            if (callsRemote(step) && step.service.isEmpty())
                refuseNow({}, QStringLiteral("step %1 calls a remote endpoint but names no service").arg(step.id));
        }
        for (auto it = m_options.endpoints.constBegin(); it != m_options.endpoints.constEnd(); ++it) {
            if (!m_definition.hasService(it.key()))
                refuseNow(it.key(), QStringLiteral("--endpoint %1: the saga has no service %1").arg(it.key()));
        }
    }
    for (const QString &id : std::as_const(m_services)) {
        const auto service = std::find_if(m_definition.services.cbegin(), m_definition.services.cend(),
                                          [&id](const Service &s) { return s.id == id; });
        const QString override = m_options.endpoints.value(id).toString();
        if (service == m_definition.services.cend()) {
            refuseNow(id, QStringLiteral("steps call the service %1, which the saga does not declare").arg(id));
            continue;
        }
        if (service->endpoint.isEmpty() && override.isEmpty()) {
            refuseNow(id, QStringLiteral("its steps call a remote endpoint but it has no endpoint (give it one, or "
                                         "--endpoint %1=URL)").arg(id));
            continue;
        }
        Endpoint endpoint;
        if (!service->endpoint.isEmpty()) {
            RemoteSpecError error;
            const std::optional<Endpoint> parsed = Endpoint::parse(service->endpoint, QString(), &error);
            if (!parsed) {
                refuseNow(id, QStringLiteral("endpoint.%1: %2").arg(error.path, error.message));
                continue;
            }
            endpoint = *parsed;
        }
        if (!override.isEmpty())
            endpoint.baseUrl = override;
        Pending p;
        p.finding = Finding{id, endpoint.baseUrl, endpoint.auth.type, ConnectionCheck::Problem::None, {}};
        p.endpoint = endpoint;
        // A refresh token may be rotated by its use: services of one sign-in take turns.
        if (endpoint.auth.type == AuthType::OAuth2AuthorizationCode)
            p.group = CredentialStore::refreshTokenKey(endpoint.auth);
        m_pending.append(p);
    }
    for (int i = 0; i < m_pending.size(); ++i) {
        const Pending &p = m_pending.at(i);
        if (p.done)
            continue;
        const bool waits = !p.group.isEmpty() && std::any_of(m_pending.cbegin(), m_pending.cbegin() + i, [&p](const Pending &q) {
                               return q.group == p.group && !q.done;
                           });
        if (!waits)
            startCheck(i);
    }
    m_deadline.start(deadlineMs);
    m_starting = false;
    // finished() always comes from the event loop, never from inside start().
    QMetaObject::invokeMethod(this, &RunPreflight::finishIfDone, Qt::QueuedConnection);
}

void RunPreflight::startCheck(int index)
{
    Pending &p = m_pending[index];
    p.check = new ConnectionCheck(p.finding.service, p.endpoint, m_options.baseDir);
    p.check->setTokenEvenIfUnreachable(true);
    connect(p.check, &ConnectionCheck::finished, this,
            [this, index](const ConnectionCheck::Result &result) { record(index, result.problem, result.message); });
    p.check->start(m_timeoutMs);
}

void RunPreflight::record(int index, ConnectionCheck::Problem problem, const QString &message)
{
    if (!m_active || m_pending[index].done)
        return;
    Pending &p = m_pending[index];
    p.done = true;
    p.finding.problem = problem;
    p.finding.message = message;
    if (p.check) {
        p.check->deleteLater(); // it may be emitting
        p.check = nullptr;
    }
    if (!p.group.isEmpty()) {
        // The next service of the same sign-in, once a rotated refresh token is stored.
        CredentialStore::waitForPendingWrites(2000);
        for (int i = index + 1; i < m_pending.size(); ++i) {
            if (m_pending[i].group == p.group && !m_pending[i].done && !m_pending[i].check) {
                startCheck(i);
                break;
            }
        }
    }
    finishIfDone();
}

void RunPreflight::finishIfDone()
{
    if (!m_active || m_starting)
        return;
    for (const Pending &p : std::as_const(m_pending)) {
        if (!p.done)
            return;
    }
    end(false);
}

void RunPreflight::cancel()
{
    if (m_active)
        end(true);
}

void RunPreflight::end(bool cancelled)
{
    m_active = false;
    m_deadline.stop();
    Outcome outcome;
    outcome.cancelled = cancelled;
    for (Pending &p : m_pending) {
        if (p.check) {
            p.check->deleteLater();
            p.check = nullptr;
        }
        if (cancelled || !p.done || p.finding.problem == ConnectionCheck::Problem::None)
            continue;
        (refuses(p.finding.problem) ? outcome.refusals : outcome.notes).append(p.finding);
    }
    if (!cancelled)
        CredentialStore::waitForPendingWrites(2000); // the run reads the refresh tokens this check rotated
    Q_EMIT finished(outcome);
}

} // namespace Sagascope
