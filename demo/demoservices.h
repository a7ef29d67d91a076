// SPDX-License-Identifier: MIT
#pragma once

#include <QAbstractHttpServer>
#include <QDeadlineTimer>
#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QSqlDatabase>
#include <QString>

#include <memory>

class QTcpSocket;
class QUrlQuery;

namespace Sagascope::Demo {

/**
 * `sagascope-demo-services`: the participants of examples/order-checkout.saga (orders,
 * inventory, payments, shipping, loyalty) as one HTTP server on loopback, with their state in
 * an SQLite file of their own: stock counts, account balances, orders, reservations, charges,
 * shipments and points that sagas change and compensations change back.
 *
 * Idempotency as payment APIs do it (draft-ietf-httpapi-idempotency-key-header): every change
 * needs an `Idempotency-Key`; the same key with the same request answers the first reply again
 * (`Idempotent-Replayed: true`) without applying anything; the same key with another request is
 * refused (422); a key whose first request is still being worked on answers 409. A compensation
 * (`Saga-Compensates: <instance>/<step>/action`) finds what it undoes by that action key, so it
 * works even when the action's reply (and the id in it) never arrived; a compensation of an
 * action that never came is empty and bars that action for ever (no hanging action).
 *
 * Admin API: `POST /_faults` {path, method?, status? | drop: "before"|"after"|"hang" | delayMs?,
 * retryAfter?, count?}, `DELETE /_faults`, `GET /_ledger[?instance=ID]` (what was really applied
 * and compensated, per step), `GET /_state`. docs/REMOTE.md describes it all.
 */
class DemoServices final : public QAbstractHttpServer
{
    Q_OBJECT
public:
    explicit DemoServices(QObject *parent = nullptr);
    ~DemoServices() override;

    /** Opens (or creates, with its starting stock and balances) the state file. Each answer is
     *  durable before it is sent (`synchronous=FULL`); `durable` false leaves the syncing to the
     *  operating system (`synchronous=OFF`: for benchmarks of the client side only). */
    bool open(const QString &databasePath, QString *error, bool durable = true);
    /** Serves HTTPS with this certificate (PEM, the leaf first, then any intermediates) and
     *  key (PEM); call before start(). False with `error` set when they cannot be read. */
    bool setTls(const QString &certificateFile, const QString &keyFile, QString *error);
    /** "https" after setTls(), else "http". */
    QString scheme() const { return m_tls ? QStringLiteral("https") : QStringLiteral("http"); }
    /** Listens on 127.0.0.1 (port 0: any free port); the port, or 0 with `error` set. */
    quint16 start(quint16 port, QString *error);

    /** Requires OAuth 2.0 bearer tokens on every participant request, issued by `POST /oauth/token`
     *  (client credentials, RFC 6749 4.4, HTTP Basic client authentication) to this client, valid
     *  for `ttlSeconds`. Without a client, no authentication is asked for.
     *  The same client id may also use the authorization-code flow as a public (native) client
     *  (RFC 8252): `GET /oauth/authorize` approves at once and redirects to a loopback
     *  `redirect_uri` with a code bound to the PKCE S256 `code_challenge` (RFC 7636), which the
     *  token endpoint checks against `code_verifier`; refresh tokens are rotated on each use. */
    void setClient(const QString &clientId, const QByteArray &secret, int ttlSeconds = 3600);
    /** Every access token issued so far (tests look for them where they must not be). */
    QList<QByteArray> issuedTokens() const { return m_issued; }
    /** Every refresh token issued so far (authorization-code flow). */
    QList<QByteArray> issuedRefreshTokens() const { return m_refreshIssued; }

    /** GET /_ledger as an object: {"instances": {ID: {"steps": {STEP: {"applied": n, "compensated": m}}}}}. */
    QJsonObject ledger(const QString &instance = {}) const;
    /** GET /_state: stock, balances, orders and counts. */
    QJsonObject state() const;

protected:
    bool handleRequest(const QHttpServerRequest &request, QTcpSocket *socket) override;
    void missingHandler(const QHttpServerRequest &request, QTcpSocket *socket) override;

public:
    /** One answer: a status and a JSON body. */
    struct Answer
    {
        int status = 200;
        QJsonObject body;
        QList<std::pair<QByteArray, QByteArray>> headers;
    };

private:
    struct Fault
    {
        QString path;      // a request path, or a prefix of it ending in '*'
        QString method;    // empty: any
        int status = 0;    // > 0: answer this without applying anything
        QString drop;      // "before": reset without applying; "after": apply, then reset; "hang": never answer
        int delayMs = 0;   // work on the request this long before answering (it is "in progress" meanwhile)
        QByteArray retryAfter;
        int count = 1;     // requests it affects; 0: every one until DELETE /_faults
    };
    Answer serve(const QHttpServerRequest &request);
    Answer admin(const QHttpServerRequest &request, const QString &path);
    Answer token(const QHttpServerRequest &request);
    /** GET /oauth/authorize (RFC 6749 4.1.1 with PKCE, RFC 7636): approves at once, redirects. */
    Answer authorize(const QHttpServerRequest &request);
    Answer authorizationCodeGrant(const QUrlQuery &form, const QString &basicClient);
    Answer refreshTokenGrant(const QUrlQuery &form, const QString &basicClient);
    Answer issueTokens(const QString &scope, bool withRefresh);
    bool authorized(const QHttpServerRequest &request) const;
    /** What mutate() reads of a request (a QHttpServerRequest cannot be kept for a delayed answer). */
    struct Incoming
    {
        QString key;          // Idempotency-Key
        QString instance;     // Saga-Instance
        QString compensates;  // Saga-Compensates
        QByteArray body;
    };
    static Incoming incoming(const QHttpServerRequest &request);
    Answer mutate(const Incoming &request, const QString &method, const QString &path);
    Answer apply(const QString &method, const QString &path, const QJsonObject &body, const QString &instance,
                 const QString &step, const QString &actionKey, const QString &compensates, bool *applied);
    std::optional<Fault> takeFault(const QString &method, const QString &path);
    void send(QTcpSocket *socket, const Answer &answer);
    void record(const QString &instance, const QString &step, const QString &operation);

    QSqlDatabase m_db;
    bool m_tls = false;
    QString m_connection;
    QList<Fault> m_faults;
    QHash<QString, int> m_inProgress; // idempotency keys being worked on (delayed requests)
    QString m_clientId;
    QByteArray m_clientSecret;
    int m_tokenTtlSeconds = 3600;
    QHash<QByteArray, QDeadlineTimer> m_tokens; // valid access tokens
    QList<QByteArray> m_issued;
    /** An authorization code (RFC 6749 4.1.2): what it was issued for, until used or expired. */
    struct Grant
    {
        QString redirectUri;
        QString challenge;      // code_challenge (S256)
        QString scope;
        QDeadlineTimer expiry;
        bool used = false;
        QList<QByteArray> tokens; // issued with it: revoked when the code is used twice (4.1.2)
    };
    QHash<QString, Grant> m_codes;
    QHash<QByteArray, QString> m_refreshTokens; // valid refresh token -> scope
    QList<QByteArray> m_refreshIssued;
};

} // namespace Sagascope::Demo
