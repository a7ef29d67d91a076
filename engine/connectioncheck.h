// SPDX-License-Identifier: MIT
#pragma once

#include "remotespec.h"

#include <QList>
#include <QNetworkReply>
#include <QObject>
#include <QSslError>
#include <QString>

#include <memory>
#include <optional>

class QNetworkAccessManager;

namespace Sagascope {

class OAuthTokenClient;

/**
 * "Test connection" of a service's endpoint (SPEC section 6), for the Services dock and the
 * tests: reaches the base URL, fetches a token when the endpoint has OAuth, sends it, and says
 * in plain words what failed: the name (DNS), a refused connection, TLS (expired certificate,
 * another host name, an untrusted issuer), a timeout, the token endpoint, or a 401. No widgets;
 * on the thread that calls start(). Nothing is sent that changes anything: a GET of the base URL.
 * RunPreflight runs one per service before a run from the window starts.
 */
class ConnectionCheck : public QObject
{
    Q_OBJECT
public:
    /** Configuration: a bad URL or caFile. NoCredentials: no bearer token variable, no client
     *  secret, not signed in. Tls: the base URL's or the token endpoint's handshake. Network: also
     *  a token endpoint that cannot be reached or answers 5xx, 429 or 408 (tried again at run time).
     *  TokenRefused: the token endpoint answered a 4xx (invalid_client, invalid_grant…).
     *  Unauthorized: the service answered 401 or 403 to the token. */
    enum class Problem { None, Configuration, Dns, Refused, Tls, Timeout, Network, TokenRefused, Unauthorized, NoCredentials };
    Q_ENUM(Problem)

    struct Result
    {
        Problem problem = Problem::None;
        QString message; // one sentence, English (engine messages stay English)
        int status = 0;  // the base URL's HTTP status, when it answered
    };

    ConnectionCheck(QString serviceId, Endpoint endpoint, QString baseDir, QObject *parent = nullptr);
    ~ConnectionCheck() override;

    /** Starts; finished() follows, once, within `timeoutMs` for each request (the token request
     *  has no limit of its own: RunPreflight gives the whole check a deadline). */
    void start(int timeoutMs = 10000);
    /** On: when the base URL cannot be reached (DNS, refused, timeout, network), the token is
     *  still fetched, and a token fault is the result; else the base URL's fault is. Off (the
     *  default, Test connection): the check ends at the base URL's fault. */
    void setTokenEvenIfUnreachable(bool on) { m_tokenEvenIfUnreachable = on; }
    /** start() and wait (a local event loop): for the CLI and tests. */
    static Result check(const QString &serviceId, const Endpoint &endpoint, const QString &baseDir, int timeoutMs = 10000);

    /** What went wrong with a TLS handshake, in plain words: "the certificate of 127.0.0.1
     *  expired on 2 Jan 2020", "… is for wrong.example, not for 127.0.0.1", "… is signed by X,
     *  which is not trusted here (give the endpoint a caFile)". */
    static QString describeSslErrors(const QList<QSslError> &errors, const QUrl &url);
    /** A failed request (no HTTP status) in plain words; `sslErrors` as the reply reported them. */
    static QString describeNetworkError(QNetworkReply::NetworkError error, const QString &errorString,
                                        const QList<QSslError> &sslErrors, const QUrl &url, Problem *problem = nullptr);

Q_SIGNALS:
    void finished(const Sagascope::ConnectionCheck::Result &result);

private:
    void probe(const QByteArray &authorization, bool authenticated);
    void finish(Problem problem, const QString &message, int status = 0);
    void fetchToken(const std::optional<Result> &unreachable);

    QString m_service;
    Endpoint m_endpoint;
    QString m_baseDir;
    int m_timeoutMs = 10000;
    std::unique_ptr<QNetworkAccessManager> m_network;
    std::shared_ptr<OAuthTokenClient> m_oauth;
    QSslConfiguration m_ssl;
    QList<QSslError> m_tokenSslErrors; // of the token request: its refusal is a TLS fault
    bool m_tokenEvenIfUnreachable = false;
    bool m_done = false;
};

} // namespace Sagascope
