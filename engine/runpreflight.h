// SPDX-License-Identifier: MIT
#pragma once

#include "connectioncheck.h"
#include "remotespec.h"
#include "runoptions.h"
#include "sagadefinition.h"

#include <QList>
#include <QObject>
#include <QString>
#include <QStringList>
#include <QTimer>

namespace Sagascope {

/**
 * The check of a run's remote services before the run starts (the desktop's runs; `sagascope-cli
 * run` does not make it): for every service that an `http` operation of the saga calls (none
 * under `--simulate`; the base URL as `--endpoint` sets it), one ConnectionCheck, all at once
 * (those that share an OAuth sign-in one after another: a refresh token may be spent by its use).
 * The rule (docs/REMOTE.md, "Before a run from the window"): what fails every call of the
 * service and that no retry mends refuses the run (refuses()): a bad endpoint, missing
 * credentials, a TLS fault of the service or its token endpoint, a token endpoint that refuses
 * the client. What the saga's retries and compensations are about (the service cannot be reached
 * now: DNS, refused, timeout; a token endpoint that is down) or what the GET of the base URL
 * cannot prove (a 401/403 there) lets the run start, with a note. No widgets; on the thread
 * that calls start(); nothing is recorded, nothing is changed on the services.
 */
class RunPreflight : public QObject
{
    Q_OBJECT
public:
    struct Finding
    {
        QString service;
        QString url; // the base URL checked (empty when the service has no usable endpoint)
        AuthType auth = AuthType::None;
        ConnectionCheck::Problem problem = ConnectionCheck::Problem::None;
        QString message; // English, one sentence (ConnectionCheck's)
    };
    struct Outcome
    {
        QList<Finding> refusals; // the run must not start
        QList<Finding> notes;    // it may start; the user is told
        bool cancelled = false;
        bool refused() const { return !refusals.isEmpty(); }
    };

    RunPreflight(SagaDefinition definition, RunOptions options, QObject *parent = nullptr);
    ~RunPreflight() override;

    /** The services a run of `definition` with `options` calls over HTTP, in the saga's order:
     *  empty under `--simulate` and for a saga without `http` operations (no check is needed). */
    static QStringList servicesToCheck(const SagaDefinition &definition, const RunOptions &options);
    /** The rule: true when a check that found `problem` refuses the run. */
    static bool refuses(ConnectionCheck::Problem problem);

    QStringList services() const { return m_services; }
    /** Starts the checks: each request gets `requestTimeoutMs`, the whole check `deadlineMs`
     *  (a service whose check is not over by then is a timeout: a note). finished() follows,
     *  once; at once (from the event loop) when there is nothing to check. */
    void start(int requestTimeoutMs = 5000, int deadlineMs = 8000);
    /** Stops the checks; finished() follows with `cancelled` set. */
    void cancel();
    bool isActive() const { return m_active; }

Q_SIGNALS:
    void finished(const Sagascope::RunPreflight::Outcome &outcome);

private:
    struct Pending
    {
        Finding finding;
        Endpoint endpoint;
        QString group; // the services of one OAuth sign-in are checked one after another
        ConnectionCheck *check = nullptr;
        bool done = false;
    };
    void startCheck(int index);
    void record(int index, ConnectionCheck::Problem problem, const QString &message);
    void finishIfDone();
    void end(bool cancelled);

    SagaDefinition m_definition;
    RunOptions m_options;
    QStringList m_services;
    QList<Pending> m_pending;
    QTimer m_deadline;
    int m_timeoutMs = 5000;
    bool m_active = false;
    bool m_starting = false; // inside start()
};

} // namespace Sagascope

Q_DECLARE_METATYPE(Sagascope::RunPreflight::Outcome)
