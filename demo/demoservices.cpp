// SPDX-License-Identifier: MIT
#include "demoservices.h"

#include <QCryptographicHash>
#include <QFile>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QSslKey>
#include <QHostAddress>
#include <QHttpServerRequest>
#include <QJsonArray>
#include <QJsonDocument>
#include <QPointer>
#include <QRandomGenerator>
#include <QSqlError>
#include <QSqlQuery>
#include <QTcpSocket>
#include <QTimer>
#include <QUrlQuery>
#include <QUuid>

namespace Sagascope::Demo {

namespace {

const char *const Schema[] = {
    "CREATE TABLE IF NOT EXISTS stock(sku TEXT PRIMARY KEY, qty INTEGER NOT NULL)",
    "CREATE TABLE IF NOT EXISTS accounts(id TEXT PRIMARY KEY, balance REAL NOT NULL)",
    "CREATE TABLE IF NOT EXISTS orders(id TEXT PRIMARY KEY, customer TEXT, status TEXT NOT NULL, action_key TEXT NOT NULL UNIQUE)",
    "CREATE TABLE IF NOT EXISTS reservations(id INTEGER PRIMARY KEY, order_id TEXT, sku TEXT NOT NULL, qty INTEGER NOT NULL,"
    " released INTEGER NOT NULL DEFAULT 0, action_key TEXT NOT NULL UNIQUE)",
    "CREATE TABLE IF NOT EXISTS charges(id INTEGER PRIMARY KEY, order_id TEXT, account TEXT NOT NULL, amount REAL NOT NULL,"
    " action_key TEXT NOT NULL UNIQUE)",
    "CREATE TABLE IF NOT EXISTS shipments(id INTEGER PRIMARY KEY, order_id TEXT, action_key TEXT NOT NULL UNIQUE)",
    "CREATE TABLE IF NOT EXISTS points(id INTEGER PRIMARY KEY, customer TEXT NOT NULL, points INTEGER NOT NULL,"
    " action_key TEXT NOT NULL UNIQUE)",
    // One row per idempotency key that got a final answer: replayed for the same request.
    "CREATE TABLE IF NOT EXISTS idempotency(key TEXT PRIMARY KEY, hash BLOB NOT NULL, status INTEGER NOT NULL, body TEXT NOT NULL)",
    // Actions compensated before they arrived: refused when they do.
    "CREATE TABLE IF NOT EXISTS tombstones(action_key TEXT PRIMARY KEY)",
    // What was really applied and compensated; no uniqueness, so that a double would show.
    "CREATE TABLE IF NOT EXISTS ledger(id INTEGER PRIMARY KEY, instance TEXT NOT NULL, step TEXT NOT NULL,"
    " operation TEXT NOT NULL CHECK (operation IN ('action','compensation')))",
};

QByteArray reasonPhrase(int status)
{
    switch (status) {
    case 200: return "OK";
    case 201: return "Created";
    case 302: return "Found";
    case 400: return "Bad Request";
    case 402: return "Payment Required";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    case 409: return "Conflict";
    case 422: return "Unprocessable Content";
    case 429: return "Too Many Requests";
    case 500: return "Internal Server Error";
    case 503: return "Service Unavailable";
    default: return "Status";
    }
}

DemoServices::Answer error(int status, const QString &message)
{
    return DemoServices::Answer{status, QJsonObject{{QStringLiteral("error"), message}}, {}};
}

QByteArray header(const QHttpServerRequest &request, const char *name)
{
    for (const auto &[key, value] : request.headers()) {
        if (key.compare(name, Qt::CaseInsensitive) == 0)
            return value;
    }
    return {};
}

QString methodName(QHttpServerRequest::Method method)
{
    switch (method) {
    case QHttpServerRequest::Method::Get: return QStringLiteral("GET");
    case QHttpServerRequest::Method::Put: return QStringLiteral("PUT");
    case QHttpServerRequest::Method::Delete: return QStringLiteral("DELETE");
    case QHttpServerRequest::Method::Post: return QStringLiteral("POST");
    case QHttpServerRequest::Method::Head: return QStringLiteral("HEAD");
    case QHttpServerRequest::Method::Options: return QStringLiteral("OPTIONS");
    case QHttpServerRequest::Method::Patch: return QStringLiteral("PATCH");
    default: return QStringLiteral("OTHER");
    }
}

} // namespace

DemoServices::DemoServices(QObject *parent)
    : QAbstractHttpServer(parent)
    , m_connection(QStringLiteral("sagascope-demo-%1").arg(QUuid::createUuid().toString(QUuid::WithoutBraces)))
{
}

DemoServices::~DemoServices()
{
    m_db = QSqlDatabase();
    QSqlDatabase::removeDatabase(m_connection);
}

bool DemoServices::open(const QString &databasePath, QString *error, bool durable)
{
    m_db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_connection);
    m_db.setDatabaseName(databasePath);
    if (!m_db.open()) {
        *error = QStringLiteral("%1: cannot open: %2").arg(databasePath, m_db.lastError().text());
        return false;
    }
    QSqlQuery q(m_db);
    q.exec(QStringLiteral("PRAGMA journal_mode = WAL"));
    q.exec(durable ? QStringLiteral("PRAGMA synchronous = FULL") : QStringLiteral("PRAGMA synchronous = OFF"));
    for (const char *statement : Schema) {
        if (!q.exec(QLatin1String(statement))) {
            *error = QStringLiteral("%1: cannot create the schema: %2").arg(databasePath, q.lastError().text());
            return false;
        }
    }
    // Starting state, once: plenty of sku-1, three sku-2 (runs out), a rich and a poor customer.
    q.exec(QStringLiteral("INSERT OR IGNORE INTO stock(sku, qty) VALUES ('sku-1', 1000), ('sku-2', 3)"));
    q.exec(QStringLiteral("INSERT OR IGNORE INTO accounts(id, balance) VALUES ('alice', 100000), ('bob', 50)"));
    return true;
}

bool DemoServices::setTls(const QString &certificateFile, const QString &keyFile, QString *error)
{
    const QList<QSslCertificate> chain = QSslCertificate::fromPath(certificateFile, QSsl::Pem);
    if (chain.isEmpty()) {
        *error = QStringLiteral("%1: no PEM certificate (or cannot be read)").arg(certificateFile);
        return false;
    }
    QFile file(keyFile);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("%1: cannot read: %2").arg(keyFile, file.errorString());
        return false;
    }
    const QByteArray pem = file.readAll();
    QSslKey key(pem, QSsl::Ec, QSsl::Pem);
    if (key.isNull())
        key = QSslKey(pem, QSsl::Rsa, QSsl::Pem);
    if (key.isNull()) {
        *error = QStringLiteral("%1: not a PEM EC or RSA private key").arg(keyFile);
        return false;
    }
    QSslConfiguration configuration = QSslConfiguration::defaultConfiguration();
    configuration.setLocalCertificateChain(chain);
    configuration.setPrivateKey(key);
    configuration.setPeerVerifyMode(QSslSocket::VerifyNone); // clients are not asked for certificates
    sslSetup(configuration);
    m_tls = true;
    return true;
}

quint16 DemoServices::start(quint16 port, QString *error)
{
    const quint16 bound = listen(QHostAddress::LocalHost, port);
    if (bound == 0)
        *error = QStringLiteral("cannot listen on 127.0.0.1:%1").arg(port);
    return bound;
}

void DemoServices::missingHandler(const QHttpServerRequest &, QTcpSocket *socket)
{
    send(socket, error(404, QStringLiteral("no such resource")));
}

void DemoServices::send(QTcpSocket *socket, const Answer &answer)
{
    if (!socket || socket->state() != QAbstractSocket::ConnectedState)
        return;
    const QByteArray body = QJsonDocument(answer.body).toJson(QJsonDocument::Compact);
    QByteArray head = "HTTP/1.1 " + QByteArray::number(answer.status) + ' ' + reasonPhrase(answer.status) + "\r\n";
    head += "Content-Type: application/json\r\nContent-Length: " + QByteArray::number(body.size()) + "\r\n";
    for (const auto &[name, value] : answer.headers)
        head += name + ": " + value + "\r\n";
    socket->write(head + "\r\n" + body);
}

std::optional<DemoServices::Fault> DemoServices::takeFault(const QString &method, const QString &path)
{
    for (qsizetype i = 0; i < m_faults.size(); ++i) {
        Fault &f = m_faults[i];
        const bool pathMatches = f.path.endsWith(QLatin1Char('*')) ? path.startsWith(f.path.chopped(1)) : path == f.path;
        if (!pathMatches || (!f.method.isEmpty() && f.method != method))
            continue;
        const Fault taken = f;
        if (f.count > 0 && --f.count == 0)
            m_faults.removeAt(i);
        return taken;
    }
    return std::nullopt;
}

bool DemoServices::handleRequest(const QHttpServerRequest &request, QTcpSocket *socket)
{
    const QString path = request.url().path();
    const QString method = methodName(request.method());
    if (path.startsWith(QLatin1String("/_"))) {
        send(socket, admin(request, path));
        return true;
    }
    if (path == QLatin1String("/oauth/token")) {
        send(socket, token(request));
        return true;
    }
    if (path == QLatin1String("/oauth/authorize")) {
        send(socket, authorize(request));
        return true;
    }
    const std::optional<Fault> fault = takeFault(method, path);
    if (!m_clientId.isEmpty() && !(fault && fault->status > 0) && !authorized(request)) {
        Answer refused = error(401, QStringLiteral("invalid_token"));
        refused.headers.append(std::pair<QByteArray, QByteArray>("WWW-Authenticate", "Bearer error=\"invalid_token\""));
        send(socket, refused);
        return true;
    }
    if (fault && fault->status > 0) {
        Answer answer = error(fault->status, QStringLiteral("injected fault"));
        if (!fault->retryAfter.isEmpty())
            answer.headers.append(std::pair<QByteArray, QByteArray>("Retry-After", fault->retryAfter));
        send(socket, answer);
        return true;
    }
    if (fault && fault->drop == QLatin1String("before")) {
        socket->abort(); // a reset: nothing applied
        return true;
    }
    if (fault && fault->drop == QLatin1String("hang"))
        return true; // never answered, nothing applied: the client times out
    if (fault && fault->delayMs > 0) {
        // Worked on for a while: the key is "in progress" until it is answered.
        const QByteArray key = header(request, "Idempotency-Key");
        if (m_inProgress.contains(QString::fromUtf8(key))) {
            send(socket, error(409, QStringLiteral("a request with this Idempotency-Key is in progress")));
            return true;
        }
        QPointer<QTcpSocket> guarded(socket);
        const Incoming copy = incoming(request);
        m_inProgress[QString::fromUtf8(key)]++;
        const bool dropAfter = fault->drop == QLatin1String("after");
        QTimer::singleShot(fault->delayMs, this, [this, guarded, copy, key, method, path, dropAfter] {
            if (--m_inProgress[QString::fromUtf8(key)] <= 0)
                m_inProgress.remove(QString::fromUtf8(key));
            const Answer answer = mutate(copy, method, path);
            if (!guarded)
                return; // the client gave up; the work is done all the same
            if (dropAfter)
                guarded->abort();
            else
                send(guarded, answer);
        });
        return true;
    }
    const Answer answer = mutate(incoming(request), method, path);
    if (fault && fault->drop == QLatin1String("after")) {
        socket->abort(); // applied, and the reply lost
        return true;
    }
    send(socket, answer);
    return true;
}

void DemoServices::setClient(const QString &clientId, const QByteArray &secret, int ttlSeconds)
{
    m_clientId = clientId;
    m_clientSecret = secret;
    m_tokenTtlSeconds = ttlSeconds;
}

bool DemoServices::authorized(const QHttpServerRequest &request) const
{
    const QByteArray value = header(request, "Authorization");
    if (!value.startsWith("Bearer "))
        return false;
    const auto it = m_tokens.constFind(value.mid(7).trimmed());
    return it != m_tokens.constEnd() && !it->hasExpired();
}

namespace {

/** RFC 6749 5.2: an error answer of the token endpoint, never cached. */
DemoServices::Answer tokenError(int status, const char *code, const QString &description = {})
{
    QJsonObject body{{QStringLiteral("error"), QLatin1String(code)}};
    if (!description.isEmpty())
        body.insert(QStringLiteral("error_description"), description);
    DemoServices::Answer answer{status, body, {}};
    answer.headers.append(std::pair<QByteArray, QByteArray>("Cache-Control", "no-store"));
    answer.headers.append(std::pair<QByteArray, QByteArray>("Pragma", "no-cache"));
    return answer;
}

/** RFC 8252 7.3: a loopback IP literal with any port (and 8.3: not "localhost"), plain http. */
bool isLoopbackRedirect(const QUrl &url)
{
    return url.isValid() && url.scheme() == QLatin1String("http") && url.fragment().isNull()
           && (url.host() == QLatin1String("127.0.0.1") || url.host() == QLatin1String("::1"));
}

/** RFC 7636 4.1: 43 to 128 characters of [A-Z a-z 0-9 - . _ ~]. */
bool isPkceString(const QString &text)
{
    if (text.size() < 43 || text.size() > 128)
        return false;
    for (const QChar c : text) {
        if (!(c.isLetterOrNumber() && c.unicode() < 128) && c != QLatin1Char('-') && c != QLatin1Char('.')
            && c != QLatin1Char('_') && c != QLatin1Char('~'))
            return false;
    }
    return true;
}

QByteArray randomToken()
{
    QByteArray bytes(32, Qt::Uninitialized);
    QRandomGenerator::system()->fillRange(reinterpret_cast<quint32 *>(bytes.data()), bytes.size() / 4);
    return bytes.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}

} // namespace

DemoServices::Answer DemoServices::token(const QHttpServerRequest &request)
{
    if (m_clientId.isEmpty())
        return error(404, QStringLiteral("no OAuth client is configured (sagascope-demo-services --client)"));
    if (request.method() != QHttpServerRequest::Method::Post)
        return error(405, QStringLiteral("POST only"));
    const QUrlQuery form(QString::fromUtf8(request.body()).replace(QLatin1Char('+'), QStringLiteral("%20")));
    const QString grantType = form.queryItemValue(QStringLiteral("grant_type"), QUrl::FullyDecoded);
    // RFC 6749 2.3.1: Basic credentials, each part form-urlencoded.
    const QByteArray authorization = header(request, "Authorization");
    QString basicClient;
    if (!authorization.isEmpty()) {
        const QByteArray decoded = QByteArray::fromBase64(authorization.mid(6));
        const qsizetype colon = decoded.indexOf(':');
        const QString id = QUrl::fromPercentEncoding(decoded.left(colon));
        const QByteArray secret = QUrl::fromPercentEncoding(decoded.mid(colon + 1)).toUtf8();
        if (!authorization.startsWith("Basic ") || colon < 0 || id != m_clientId || secret != m_clientSecret) {
            Answer refused = tokenError(401, "invalid_client");
            refused.headers.append(std::pair<QByteArray, QByteArray>("WWW-Authenticate", "Basic realm=\"sagascope-demo\""));
            return refused;
        }
        basicClient = id;
    }
    if (grantType == QLatin1String("authorization_code"))
        return authorizationCodeGrant(form, basicClient);
    if (grantType == QLatin1String("refresh_token"))
        return refreshTokenGrant(form, basicClient);
    if (basicClient.isEmpty()) { // client credentials need a confidential client
        Answer refused = tokenError(401, "invalid_client");
        refused.headers.append(std::pair<QByteArray, QByteArray>("WWW-Authenticate", "Basic realm=\"sagascope-demo\""));
        return refused;
    }
    if (grantType != QLatin1String("client_credentials"))
        return tokenError(400, "unsupported_grant_type");
    return issueTokens(form.queryItemValue(QStringLiteral("scope"), QUrl::FullyDecoded), false);
}

DemoServices::Answer DemoServices::issueTokens(const QString &scope, bool withRefresh)
{
    const QByteArray access = randomToken();
    m_tokens.insert(access, QDeadlineTimer(qint64(m_tokenTtlSeconds) * 1000));
    m_issued.append(access);
    QJsonObject body{{"access_token", QString::fromLatin1(access)}, {"token_type", "Bearer"}, {"expires_in", m_tokenTtlSeconds}};
    if (!scope.isEmpty())
        body.insert(QStringLiteral("scope"), scope);
    if (withRefresh) {
        const QByteArray refresh = randomToken();
        m_refreshTokens.insert(refresh, scope);
        m_refreshIssued.append(refresh);
        body.insert(QStringLiteral("refresh_token"), QString::fromLatin1(refresh));
    }
    Answer answer{200, body, {}};
    answer.headers.append(std::pair<QByteArray, QByteArray>("Cache-Control", "no-store"));
    answer.headers.append(std::pair<QByteArray, QByteArray>("Pragma", "no-cache"));
    return answer;
}

DemoServices::Answer DemoServices::authorize(const QHttpServerRequest &request)
{
    if (m_clientId.isEmpty())
        return error(404, QStringLiteral("no OAuth client is configured (sagascope-demo-services --client)"));
    if (request.method() != QHttpServerRequest::Method::Get)
        return error(405, QStringLiteral("GET only"));
    const QUrlQuery query(request.url());
    const auto value = [&query](const char *name) { return query.queryItemValue(QLatin1String(name), QUrl::FullyDecoded); };
    // RFC 6749 4.1.2.1: with an unknown client or a bad redirect URI, the user is told, not redirected.
    if (value("client_id") != m_clientId)
        return error(400, QStringLiteral("unknown client_id"));
    const QUrl redirect(value("redirect_uri"), QUrl::StrictMode);
    if (!isLoopbackRedirect(redirect))
        return error(400, QStringLiteral("redirect_uri must be http://127.0.0.1:PORT/… or http://[::1]:PORT/… (RFC 8252 7.3)"));
    const QString state = value("state");
    const auto answer = [&redirect, &state](const QList<std::pair<QString, QString>> &items) {
        QUrl target = redirect;
        QUrlQuery q(target);
        for (const auto &[k, v] : items)
            q.addQueryItem(k, QString::fromLatin1(QUrl::toPercentEncoding(v)));
        if (!state.isNull())
            q.addQueryItem(QStringLiteral("state"), QString::fromLatin1(QUrl::toPercentEncoding(state)));
        target.setQuery(q);
        Answer a{302, QJsonObject{}, {}};
        a.headers.append(std::pair<QByteArray, QByteArray>("Location", target.toEncoded()));
        a.headers.append(std::pair<QByteArray, QByteArray>("Cache-Control", "no-store"));
        return a;
    };
    const auto refuse = [&answer](const char *code, const QString &description) {
        return answer({{QStringLiteral("error"), QLatin1String(code)}, {QStringLiteral("error_description"), description}});
    };
    if (value("response_type") != QLatin1String("code"))
        return refuse("unsupported_response_type", QStringLiteral("only response_type=code"));
    // RFC 7636 4.4.1: this server requires PKCE, and only S256.
    const QString challenge = value("code_challenge");
    if (challenge.isEmpty())
        return refuse("invalid_request", QStringLiteral("code challenge required"));
    if (value("code_challenge_method") != QLatin1String("S256"))
        return refuse("invalid_request", QStringLiteral("transform algorithm not supported"));
    if (!isPkceString(challenge))
        return refuse("invalid_request", QStringLiteral("malformed code_challenge"));
    // Standard base64 (with '+', '/' and '='), as many servers' codes are: a client must encode
    // the code it got in the redirect exactly once when it sends it back.
    QByteArray raw(28, Qt::Uninitialized);
    QRandomGenerator::system()->fillRange(reinterpret_cast<quint32 *>(raw.data()), raw.size() / 4);
    const QString code = QString::fromLatin1(raw.left(25).toBase64()); // 25 bytes: always "==" at the end
    m_codes.insert(code, Grant{redirect.toString(QUrl::FullyEncoded), challenge, value("scope"), QDeadlineTimer(60000), false, {}});
    return answer({{QStringLiteral("code"), code}});
}

DemoServices::Answer DemoServices::authorizationCodeGrant(const QUrlQuery &form, const QString &basicClient)
{
    const auto value = [&form](const char *name) { return form.queryItemValue(QLatin1String(name), QUrl::FullyDecoded); };
    // A public client (RFC 8252 8.4) names itself with client_id; a confidential one authenticated above.
    const QString client = basicClient.isEmpty() ? value("client_id") : basicClient;
    if (client != m_clientId)
        return tokenError(401, "invalid_client");
    const auto it = m_codes.find(value("code"));
    if (it == m_codes.end() || it->expiry.hasExpired())
        return tokenError(400, "invalid_grant", QStringLiteral("unknown or expired authorization code"));
    if (it->used) { // RFC 6749 4.1.2: a code used twice revokes what it gave
        for (const QByteArray &token : std::as_const(it->tokens)) {
            m_tokens.remove(token);
            m_refreshTokens.remove(token);
        }
        return tokenError(400, "invalid_grant", QStringLiteral("authorization code already used"));
    }
    // RFC 6749 4.1.3: redirect_uri identical to the authorization request's.
    if (QUrl(value("redirect_uri")).toString(QUrl::FullyEncoded) != it->redirectUri)
        return tokenError(400, "invalid_grant", QStringLiteral("redirect_uri differs from the authorization request's"));
    // RFC 7636 4.6: BASE64URL(SHA256(code_verifier)) == code_challenge.
    const QString verifier = value("code_verifier");
    if (verifier.isEmpty())
        return tokenError(400, "invalid_request", QStringLiteral("code_verifier required"));
    const QByteArray computed = QCryptographicHash::hash(verifier.toLatin1(), QCryptographicHash::Sha256)
                                    .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
    if (!isPkceString(verifier) || QString::fromLatin1(computed) != it->challenge)
        return tokenError(400, "invalid_grant", QStringLiteral("PKCE verification failed"));
    it->used = true;
    Answer answer = issueTokens(it->scope, true);
    it->tokens = {m_issued.last(), m_refreshIssued.last()};
    return answer;
}

DemoServices::Answer DemoServices::refreshTokenGrant(const QUrlQuery &form, const QString &basicClient)
{
    const QString client = basicClient.isEmpty() ? form.queryItemValue(QStringLiteral("client_id"), QUrl::FullyDecoded) : basicClient;
    if (client != m_clientId)
        return tokenError(401, "invalid_client");
    const QByteArray refresh = form.queryItemValue(QStringLiteral("refresh_token"), QUrl::FullyDecoded).toUtf8();
    const auto it = m_refreshTokens.constFind(refresh);
    if (it == m_refreshTokens.constEnd())
        return tokenError(400, "invalid_grant", QStringLiteral("unknown refresh token"));
    const QString scope = it.value();
    m_refreshTokens.erase(it); // rotated: the old one is spent (OAuth 2.0 Security BCP 4.14.2)
    return issueTokens(scope, true);
}

DemoServices::Answer DemoServices::admin(const QHttpServerRequest &request, const QString &path)
{
    const QString method = methodName(request.method());
    if (path == QLatin1String("/_ledger") && method == QLatin1String("GET"))
        return Answer{200, ledger(request.query().queryItemValue(QStringLiteral("instance"))), {}};
    if (path == QLatin1String("/_state") && method == QLatin1String("GET"))
        return Answer{200, state(), {}};
    if (path == QLatin1String("/_tokens/revoke") && method == QLatin1String("POST")) {
        m_tokens.clear(); // the next participant request with an old token gets 401
        return Answer{200, QJsonObject{{QStringLiteral("revoked"), true}}, {}};
    }
    if (path == QLatin1String("/_faults") && method == QLatin1String("DELETE")) {
        m_faults.clear();
        return Answer{200, QJsonObject{{QStringLiteral("faults"), 0}}, {}};
    }
    if (path == QLatin1String("/_faults") && method == QLatin1String("POST")) {
        QJsonParseError parseError;
        const QJsonDocument document = QJsonDocument::fromJson(request.body(), &parseError);
        if (!document.isObject())
            return error(400, QStringLiteral("POST /_faults takes a JSON object"));
        const QJsonObject o = document.object();
        Fault f;
        f.path = o.value(QLatin1String("path")).toString();
        f.method = o.value(QLatin1String("method")).toString();
        f.status = o.value(QLatin1String("status")).toInt(0);
        f.drop = o.value(QLatin1String("drop")).toString();
        f.delayMs = o.value(QLatin1String("delayMs")).toInt(0);
        f.retryAfter = o.value(QLatin1String("retryAfter")).toVariant().toString().toUtf8();
        f.count = o.value(QLatin1String("count")).toInt(1);
        if (f.path.isEmpty() || (f.status == 0 && f.drop.isEmpty() && f.delayMs <= 0))
            return error(400, QStringLiteral("a fault needs a path and one of status, drop or delayMs"));
        if (!f.drop.isEmpty() && f.drop != QLatin1String("before") && f.drop != QLatin1String("after")
            && f.drop != QLatin1String("hang"))
            return error(400, QStringLiteral("drop is \"before\" (reset, nothing applied), \"after\" (applied, then "
                                             "reset) or \"hang\" (never answered, nothing applied)"));
        m_faults.append(f);
        return Answer{201, QJsonObject{{QStringLiteral("faults"), int(m_faults.size())}}, {}};
    }
    return error(404, QStringLiteral("no such admin resource"));
}

DemoServices::Incoming DemoServices::incoming(const QHttpServerRequest &request)
{
    return Incoming{QString::fromUtf8(header(request, "Idempotency-Key")), QString::fromUtf8(header(request, "Saga-Instance")),
                    QString::fromUtf8(header(request, "Saga-Compensates")), request.body()};
}

DemoServices::Answer DemoServices::mutate(const Incoming &request, const QString &method, const QString &path)
{
    const QString key = request.key;
    if (key.isEmpty())
        return error(400, QStringLiteral("every change needs an Idempotency-Key header"));
    const QStringList keyParts = key.split(QLatin1Char('/'));
    if (keyParts.size() != 3)
        return error(400, QStringLiteral("an Idempotency-Key here is INSTANCE/STEP/action|compensation"));
    const QByteArray body = request.body;
    const QByteArray hash = QCryptographicHash::hash(QByteArray(method.toUtf8() + ' ' + path.toUtf8() + '\n' + body),
                                                     QCryptographicHash::Sha256);
    if (m_inProgress.contains(key))
        return error(409, QStringLiteral("a request with this Idempotency-Key is in progress"));
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT hash, status, body FROM idempotency WHERE key = ?"));
    q.addBindValue(key);
    if (q.exec() && q.next()) {
        if (q.value(0).toByteArray() != hash)
            return error(422, QStringLiteral("this Idempotency-Key was used with another request"));
        Answer replay{q.value(1).toInt(), QJsonDocument::fromJson(q.value(2).toString().toUtf8()).object(), {}};
        replay.headers.append(std::pair<QByteArray, QByteArray>("Idempotent-Replayed", "true"));
        return replay;
    }
    q.finish();
    QJsonObject object;
    if (!body.trimmed().isEmpty()) {
        const QJsonDocument document = QJsonDocument::fromJson(body);
        if (!document.isObject())
            return error(400, QStringLiteral("the body is a JSON object"));
        object = document.object();
    }
    const QString instance = request.instance;
    const QString compensates = request.compensates;
    if (!compensates.isEmpty() && m_inProgress.contains(compensates)) {
        Answer busy = error(503, QStringLiteral("the action this undoes is still in progress"));
        busy.headers.append(std::pair<QByteArray, QByteArray>("Retry-After", "1"));
        return busy;
    }

    m_db.transaction();
    bool applied = false;
    const Answer answer = apply(method, path, object, instance.isEmpty() ? keyParts.at(0) : instance, keyParts.at(1), key,
                                compensates, &applied);
    if (answer.status < 500) { // final answers are replayed; a 5xx may be retried and go otherwise
        QSqlQuery store(m_db);
        store.prepare(QStringLiteral("INSERT INTO idempotency(key, hash, status, body) VALUES (?, ?, ?, ?)"));
        store.addBindValue(key);
        store.addBindValue(hash);
        store.addBindValue(answer.status);
        store.addBindValue(QString::fromUtf8(QJsonDocument(answer.body).toJson(QJsonDocument::Compact)));
        if (!store.exec()) {
            m_db.rollback();
            return error(500, store.lastError().text());
        }
    }
    if (!m_db.commit()) {
        m_db.rollback();
        return error(500, m_db.lastError().text());
    }
    return answer;
}

void DemoServices::record(const QString &instance, const QString &step, const QString &operation)
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("INSERT INTO ledger(instance, step, operation) VALUES (?, ?, ?)"));
    q.addBindValue(instance);
    q.addBindValue(step);
    q.addBindValue(operation);
    q.exec();
}

DemoServices::Answer DemoServices::apply(const QString &method, const QString &path, const QJsonObject &body,
                                         const QString &instance, const QString &step, const QString &key,
                                         const QString &compensates, bool *applied)
{
    const QStringList parts = path.split(QLatin1Char('/'), Qt::KeepEmptyParts).mid(1); // "/a/b" -> a, b
    const QString resource = parts.value(0);
    QSqlQuery q(m_db);
    const auto scalar = [this](const QString &sql, const QVariantList &values) {
        QSqlQuery s(m_db);
        s.prepare(sql);
        for (const QVariant &v : values)
            s.addBindValue(v);
        return s.exec() && s.next() ? s.value(0) : QVariant();
    };
    const auto exec = [this](const QString &sql, const QVariantList &values) {
        QSqlQuery s(m_db);
        s.prepare(sql);
        for (const QVariant &v : values)
            s.addBindValue(v);
        s.exec();
        return s.lastInsertId();
    };
    const bool isAction = compensates.isEmpty();
    if (isAction && scalar(QStringLiteral("SELECT 1 FROM tombstones WHERE action_key = ?"), {key}).isValid())
        return error(409, QStringLiteral("this action was compensated before it arrived; it is not applied"));
    // A compensation of an action that was never applied: nothing to undo, and the action is
    // barred from now on.
    const auto nothingToUndo = [&](const QString &what) {
        exec(QStringLiteral("INSERT OR IGNORE INTO tombstones(action_key) VALUES (?)"), {compensates});
        return error(404, QStringLiteral("no %1 for %2; nothing to undo").arg(what, compensates));
    };
    const QString order = body.value(QLatin1String("order")).toString();

    if (resource == QLatin1String("orders") && parts.size() == 1 && method == QLatin1String("POST")) {
        if (order.isEmpty())
            return error(400, QStringLiteral("an order needs \"order\" (its id)"));
        if (scalar(QStringLiteral("SELECT 1 FROM orders WHERE id = ?"), {order}).isValid())
            return error(409, QStringLiteral("order %1 exists").arg(order));
        exec(QStringLiteral("INSERT INTO orders(id, customer, status, action_key) VALUES (?, ?, 'PENDING', ?)"),
             {order, body.value(QLatin1String("customer")).toString(), key});
        record(instance, step, QStringLiteral("action"));
        *applied = true;
        return Answer{201, QJsonObject{{"id", order}, {"status", "PENDING"}}, {}};
    }
    if (resource == QLatin1String("orders") && parts.size() == 3 && parts.at(2) == QLatin1String("reject")
        && method == QLatin1String("POST")) {
        QVariant id = compensates.isEmpty() ? QVariant()
                                            : scalar(QStringLiteral("SELECT id FROM orders WHERE action_key = ?"), {compensates});
        if (!id.isValid())
            id = scalar(QStringLiteral("SELECT id FROM orders WHERE id = ?"), {parts.at(1)});
        if (!id.isValid())
            return nothingToUndo(QStringLiteral("order"));
        if (scalar(QStringLiteral("SELECT status FROM orders WHERE id = ?"), {id}).toString() != QLatin1String("REJECTED")) {
            exec(QStringLiteral("UPDATE orders SET status = 'REJECTED' WHERE id = ?"), {id});
            record(instance, step, QStringLiteral("compensation"));
            *applied = true;
        }
        return Answer{200, QJsonObject{{"id", id.toString()}, {"status", "REJECTED"}}, {}};
    }
    if (resource == QLatin1String("reservations") && parts.size() == 1 && method == QLatin1String("POST")) {
        const QString sku = body.value(QLatin1String("sku")).toString();
        const int qty = body.value(QLatin1String("qty")).toInt(1);
        if (sku.isEmpty() || qty < 1)
            return error(400, QStringLiteral("a reservation needs \"sku\" and \"qty\" >= 1"));
        const QVariant stock = scalar(QStringLiteral("SELECT qty FROM stock WHERE sku = ?"), {sku});
        if (!stock.isValid())
            return error(404, QStringLiteral("unknown sku %1").arg(sku));
        if (stock.toInt() < qty)
            return error(409, QStringLiteral("out of stock: %1 left of %2").arg(stock.toInt()).arg(sku));
        exec(QStringLiteral("UPDATE stock SET qty = qty - ? WHERE sku = ?"), {qty, sku});
        const QVariant id = exec(QStringLiteral("INSERT INTO reservations(order_id, sku, qty, action_key) VALUES (?, ?, ?, ?)"),
                                 {order, sku, qty, key});
        record(instance, step, QStringLiteral("action"));
        *applied = true;
        return Answer{201, QJsonObject{{"id", id.toLongLong()}, {"sku", sku}, {"qty", qty}}, {}};
    }
    if (resource == QLatin1String("reservations") && parts.size() == 2 && method == QLatin1String("DELETE")) {
        QVariant id = compensates.isEmpty()
                          ? QVariant()
                          : scalar(QStringLiteral("SELECT id FROM reservations WHERE action_key = ?"), {compensates});
        if (!id.isValid())
            id = scalar(QStringLiteral("SELECT id FROM reservations WHERE id = ?"), {parts.at(1).toLongLong()});
        if (!id.isValid())
            return nothingToUndo(QStringLiteral("reservation"));
        q.prepare(QStringLiteral("SELECT sku, qty, released FROM reservations WHERE id = ?"));
        q.addBindValue(id);
        q.exec();
        q.next();
        const QString sku = q.value(0).toString();
        const int qty = q.value(1).toInt();
        if (!q.value(2).toBool()) {
            exec(QStringLiteral("UPDATE stock SET qty = qty + ? WHERE sku = ?"), {qty, sku});
            exec(QStringLiteral("UPDATE reservations SET released = 1 WHERE id = ?"), {id});
            record(instance, step, QStringLiteral("compensation"));
            *applied = true;
        }
        return Answer{200, QJsonObject{{"id", id.toLongLong()}, {"released", true}}, {}};
    }
    if (resource == QLatin1String("charges") && parts.size() == 1 && method == QLatin1String("POST")) {
        const QString account = body.value(QLatin1String("account")).toString();
        const double amount = body.value(QLatin1String("amount")).toDouble(0);
        if (account.isEmpty() || amount <= 0)
            return error(400, QStringLiteral("a charge needs \"account\" and \"amount\" > 0"));
        const QVariant balance = scalar(QStringLiteral("SELECT balance FROM accounts WHERE id = ?"), {account});
        if (!balance.isValid())
            return error(404, QStringLiteral("unknown account %1").arg(account));
        if (balance.toDouble() < amount)
            return error(402, QStringLiteral("insufficient funds in %1").arg(account));
        exec(QStringLiteral("UPDATE accounts SET balance = balance - ? WHERE id = ?"), {amount, account});
        const QVariant id = exec(QStringLiteral("INSERT INTO charges(order_id, account, amount, action_key) VALUES (?, ?, ?, ?)"),
                                 {order, account, amount, key});
        record(instance, step, QStringLiteral("action"));
        *applied = true;
        return Answer{201, QJsonObject{{"id", id.toLongLong()}, {"amount", amount}}, {}};
    }
    if (resource == QLatin1String("shipments") && parts.size() == 1 && method == QLatin1String("POST")) {
        const QVariant id = exec(QStringLiteral("INSERT INTO shipments(order_id, action_key) VALUES (?, ?)"), {order, key});
        record(instance, step, QStringLiteral("action"));
        *applied = true;
        return Answer{201, QJsonObject{{"id", id.toLongLong()}}, {}};
    }
    if (resource == QLatin1String("points") && parts.size() == 1 && method == QLatin1String("POST")) {
        const QString customer = body.value(QLatin1String("customer")).toString();
        const int points = body.value(QLatin1String("points")).toInt(0);
        if (customer.isEmpty())
            return error(400, QStringLiteral("points need \"customer\""));
        const QVariant id = exec(QStringLiteral("INSERT INTO points(customer, points, action_key) VALUES (?, ?, ?)"),
                                 {customer, points, key});
        record(instance, step, QStringLiteral("action"));
        *applied = true;
        return Answer{201, QJsonObject{{"id", id.toLongLong()}, {"points", points}}, {}};
    }
    return error(404, QStringLiteral("no such resource: %1 %2").arg(method, path));
}

QJsonObject DemoServices::ledger(const QString &instance) const
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT instance, step, operation, count(*) FROM ledger %1 GROUP BY instance, step, operation")
                  .arg(instance.isEmpty() ? QString() : QStringLiteral("WHERE instance = ?")));
    if (!instance.isEmpty())
        q.addBindValue(instance);
    q.exec();
    QJsonObject instances;
    while (q.next()) {
        QJsonObject one = instances.value(q.value(0).toString()).toObject();
        QJsonObject steps = one.value(QLatin1String("steps")).toObject();
        QJsonObject counts = steps.value(q.value(1).toString()).toObject();
        if (!counts.contains(QLatin1String("applied")))
            counts.insert(QStringLiteral("applied"), 0);
        if (!counts.contains(QLatin1String("compensated")))
            counts.insert(QStringLiteral("compensated"), 0);
        counts.insert(q.value(2).toString() == QLatin1String("action") ? QStringLiteral("applied") : QStringLiteral("compensated"),
                      q.value(3).toInt());
        steps.insert(q.value(1).toString(), counts);
        one.insert(QStringLiteral("steps"), steps);
        instances.insert(q.value(0).toString(), one);
    }
    return QJsonObject{{QStringLiteral("instances"), instances}};
}

QJsonObject DemoServices::state() const
{
    QJsonObject stock, balances, orders, points;
    QSqlQuery q(m_db);
    q.exec(QStringLiteral("SELECT sku, qty FROM stock"));
    while (q.next())
        stock.insert(q.value(0).toString(), q.value(1).toInt());
    q.exec(QStringLiteral("SELECT id, balance FROM accounts"));
    while (q.next())
        balances.insert(q.value(0).toString(), q.value(1).toDouble());
    q.exec(QStringLiteral("SELECT id, status FROM orders"));
    while (q.next())
        orders.insert(q.value(0).toString(), q.value(1).toString());
    q.exec(QStringLiteral("SELECT customer, sum(points) FROM points GROUP BY customer"));
    while (q.next())
        points.insert(q.value(0).toString(), q.value(1).toInt());
    const auto count = [this](const char *sql) {
        QSqlQuery c(m_db);
        return c.exec(QLatin1String(sql)) && c.next() ? c.value(0).toInt() : -1;
    };
    return QJsonObject{
        {QStringLiteral("stock"), stock},
        {QStringLiteral("balances"), balances},
        {QStringLiteral("orders"), orders},
        {QStringLiteral("points"), points},
        {QStringLiteral("activeReservations"), count("SELECT count(*) FROM reservations WHERE released = 0")},
        {QStringLiteral("charges"), count("SELECT count(*) FROM charges")},
        {QStringLiteral("shipments"), count("SELECT count(*) FROM shipments")},
        {QStringLiteral("tokensIssued"), int(m_issued.size())},
    };
}

} // namespace Sagascope::Demo
