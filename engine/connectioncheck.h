// SPDX-License-Identifier: MIT
#pragma once

#include "remotespec.h"

#include <QList>
#include <QNetworkReply>
#include <QObject>
#include <QSslError>
#include <QString>

#include <memory>

class QNetworkAccessManager;

namespace Sagascope {

class OAuthTokenClient;

/**
 * "Test connection" of a service's endpoint (SPEC section 6), for the Services dock and the
 * tests: reaches the base URL, fetches a token when the endpoint has OAuth, sends it, and says
 * in plain words what failed: the name (DNS), a refused connection, TLS (expired certificate,
 * another host name, an untrusted issuer), a timeout, the token endpoint, or a 401. No widgets;
 * on the thread that calls start(). Nothing is sent that changes anything: a GET of the base URL.
 */
class ConnectionCheck : public QObject
{
    Q_OBJECT
public:
    enum class Problem { None, Configuration, Dns, Refused, Tls, Timeout, Network, TokenRefused, Unauthorized };
    Q_ENUM(Problem)

    struct Result
    {
        Problem problem = Problem::None;
        QString message; // one sentence, English (engine messages stay English)
        int status = 0;  // the base URL's HTTP status, when it answered
    };

    ConnectionCheck(QString serviceId, Endpoint endpoint, QString baseDir, QObject *parent = nullptr);
    ~ConnectionCheck() override;

    /** Starts; finished() follows, once, within `timeoutMs` for each request. */
    void start(int timeoutMs = 10000);
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

    QString m_service;
    Endpoint m_endpoint;
    QString m_baseDir;
    int m_timeoutMs = 10000;
    std::unique_ptr<QNetworkAccessManager> m_network;
    std::shared_ptr<OAuthTokenClient> m_oauth;
    QSslConfiguration m_ssl;
    bool m_done = false;
};

} // namespace Sagascope
