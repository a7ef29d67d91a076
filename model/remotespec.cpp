// SPDX-License-Identifier: MIT
#include "remotespec.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>

#include <algorithm>
#include <cmath>

namespace Sagascope {

namespace {

/** Headers that carry a credential in every API that uses them (SPEC section 6: secrets never
 *  appear in a .saga file): refused in `headers`, so that a key cannot sit in the file, the
 *  saga log's copy of the definition or an export. A narrow list on purpose: a load error for a
 *  harmless "X-Session-Id: ${instance}" would be worse than useless. */
bool isCredentialHeaderName(const QString &name)
{
    QString n = name.toLower();
    n.remove(QLatin1Char('-')).remove(QLatin1Char('_'));
    for (const char *known : {"authorization", "proxyauthorization", "cookie", "apikey", "xapikey", "authtoken", "xauthtoken",
                              "accesstoken", "xaccesstoken"}) {
        if (n == QLatin1String(known))
            return true;
    }
    return false;
}

QString tr(const char *text)
{
    return QCoreApplication::translate("RemoteSpec", text);
}

QString join(const QString &path, const QString &key)
{
    return path.isEmpty() ? key : path + QLatin1Char('.') + key;
}

bool fail(RemoteSpecError *error, const QString &path, const QString &message)
{
    if (error)
        *error = RemoteSpecError{path, message};
    return false;
}

/** An optional string field; false (with the error set) when present and not a string. */
bool optionalString(const QJsonObject &o, const char *key, const QString &path, QString *out, RemoteSpecError *error)
{
    const QJsonValue v = o.value(QLatin1String(key));
    if (v.isUndefined())
        return true;
    if (!v.isString())
        return fail(error, join(path, QLatin1String(key)), tr("expected a string"));
    *out = v.toString();
    return true;
}

bool headerList(const QJsonObject &o, const QString &path, QList<std::pair<QString, QString>> *out,
                RemoteSpecError *error)
{
    const QJsonValue v = o.value(QLatin1String("headers"));
    if (v.isUndefined())
        return true;
    const QString where = join(path, QStringLiteral("headers"));
    if (!v.isObject())
        return fail(error, where, tr("expected an object of header names and string values"));
    static const QRegularExpression token(QStringLiteral("^[!#$%&'*+.^_`|~0-9A-Za-z-]+$"));
    const QJsonObject headers = v.toObject();
    for (auto it = headers.constBegin(); it != headers.constEnd(); ++it) {
        if (!token.match(it.key()).hasMatch())
            return fail(error, join(where, it.key()), tr("\"%1\" is not a valid HTTP header name").arg(it.key()));
        if (!it.value().isString())
            return fail(error, join(where, it.key()), tr("expected a string"));
        if (isCredentialHeaderName(it.key()))
            return fail(error, join(where, it.key()),
                        tr("credentials do not belong in a .saga file (the header %1 carries one); use endpoint.auth, "
                           "e.g. \"bearer\" with \"tokenEnv\" (docs/REMOTE.md)")
                            .arg(it.key()));
        out->append({it.key(), it.value().toString()});
    }
    return true;
}

} // namespace

QString authTypeName(AuthType type)
{
    switch (type) {
    case AuthType::None: return QStringLiteral("none");
    case AuthType::Bearer: return QStringLiteral("bearer");
    case AuthType::OAuth2ClientCredentials: return QStringLiteral("oauth2-client-credentials");
    case AuthType::OAuth2AuthorizationCode: return QStringLiteral("oauth2-authorization-code");
    }
    return {};
}

std::optional<AuthType> authTypeFromName(const QString &name)
{
    for (AuthType t : {AuthType::None, AuthType::Bearer, AuthType::OAuth2ClientCredentials,
                       AuthType::OAuth2AuthorizationCode}) {
        if (authTypeName(t) == name)
            return t;
    }
    return std::nullopt;
}

std::optional<Endpoint> Endpoint::parse(const QJsonObject &o, const QString &path, RemoteSpecError *error)
{
    Endpoint endpoint;
    if (!o.contains(QLatin1String("baseUrl"))) {
        fail(error, join(path, QStringLiteral("baseUrl")),
             tr("the required field \"baseUrl\" is missing: an endpoint needs the service's base URL"));
        return std::nullopt;
    }
    if (!optionalString(o, "baseUrl", path, &endpoint.baseUrl, error)
        || !optionalString(o, "caFile", path, &endpoint.caFile, error) || !headerList(o, path, &endpoint.headers, error))
        return std::nullopt;
    const QUrl url(endpoint.baseUrl, QUrl::StrictMode);
    const QString scheme = url.scheme().toLower();
    if (!url.isValid() || (scheme != QLatin1String("http") && scheme != QLatin1String("https")) || url.host().isEmpty()) {
        fail(error, join(path, QStringLiteral("baseUrl")),
             tr("\"%1\" is not an http:// or https:// URL with a host").arg(endpoint.baseUrl));
        return std::nullopt;
    }
    const QJsonValue authValue = o.value(QLatin1String("auth"));
    if (!authValue.isUndefined()) {
        const QString authPath = join(path, QStringLiteral("auth"));
        if (!authValue.isObject()) {
            fail(error, authPath, tr("expected an object"));
            return std::nullopt;
        }
        const QJsonObject a = authValue.toObject();
        QString type = QStringLiteral("none");
        if (!optionalString(a, "type", authPath, &type, error))
            return std::nullopt;
        const std::optional<AuthType> parsed = authTypeFromName(type);
        if (!parsed) {
            fail(error, join(authPath, QStringLiteral("type")),
                 tr("unknown auth type \"%1\"; expected \"none\", \"bearer\", \"oauth2-client-credentials\" or "
                    "\"oauth2-authorization-code\"")
                     .arg(type));
            return std::nullopt;
        }
        EndpointAuth &auth = endpoint.auth;
        auth.type = *parsed;
        if (!optionalString(a, "tokenEnv", authPath, &auth.tokenEnv, error)
            || !optionalString(a, "tokenUrl", authPath, &auth.tokenUrl, error)
            || !optionalString(a, "clientId", authPath, &auth.clientId, error)
            || !optionalString(a, "scope", authPath, &auth.scope, error)
            || !optionalString(a, "authorizationUrl", authPath, &auth.authorizationUrl, error))
            return std::nullopt;
        for (const char *secretField : {"clientSecret", "secret", "token", "accessToken", "refreshToken", "password"}) {
            if (a.contains(QLatin1String(secretField))) {
                fail(error, join(authPath, QLatin1String(secretField)),
                     tr("secrets are never read from a .saga file: the client secret comes from the keychain or "
                        "from %1 (docs/REMOTE.md)")
                         .arg(auth.type == AuthType::Bearer ? QStringLiteral("the variable named by tokenEnv")
                                                            : QStringLiteral("SAGASCOPE_SECRET_<SERVICE>")));
                return std::nullopt;
            }
        }
        auto require = [&](const QString &value, const char *field) {
            if (!value.isEmpty())
                return true;
            return fail(error, join(authPath, QLatin1String(field)),
                        tr("the auth type \"%1\" needs \"%2\"").arg(type, QLatin1String(field)));
        };
        switch (auth.type) {
        case AuthType::None: break;
        case AuthType::Bearer:
            if (!require(auth.tokenEnv, "tokenEnv"))
                return std::nullopt;
            break;
        case AuthType::OAuth2AuthorizationCode:
            if (!require(auth.authorizationUrl, "authorizationUrl"))
                return std::nullopt;
            [[fallthrough]];
        case AuthType::OAuth2ClientCredentials:
            if (!require(auth.tokenUrl, "tokenUrl") || !require(auth.clientId, "clientId"))
                return std::nullopt;
            for (const auto &[field, value] : {std::pair{"tokenUrl", auth.tokenUrl},
                                               std::pair{"authorizationUrl", auth.authorizationUrl}}) {
                if (value.isEmpty())
                    continue;
                const QString why = checkEndpointUrl(value, auth);
                if (!why.isEmpty()) {
                    fail(error, join(authPath, QLatin1String(field)), why);
                    return std::nullopt;
                }
            }
            break;
        }
    }
    const QString why = checkEndpointUrl(endpoint.baseUrl, endpoint.auth);
    if (!why.isEmpty()) {
        fail(error, join(path, QStringLiteral("baseUrl")), why);
        return std::nullopt;
    }
    return endpoint;
}

std::optional<HttpCall> HttpCall::parse(const QJsonObject &o, const QString &path, RemoteSpecError *error)
{
    HttpCall call;
    if (!optionalString(o, "method", path, &call.method, error) || !optionalString(o, "path", path, &call.path, error)
        || !headerList(o, path, &call.headers, error))
        return std::nullopt;
    static const QStringList methods{QStringLiteral("GET"), QStringLiteral("POST"), QStringLiteral("PUT"),
                                     QStringLiteral("PATCH"), QStringLiteral("DELETE")};
    if (!methods.contains(call.method)) {
        fail(error, join(path, QStringLiteral("method")),
             tr("unknown method \"%1\"; expected GET, POST, PUT, PATCH or DELETE").arg(call.method));
        return std::nullopt;
    }
    if (!o.contains(QLatin1String("path"))) {
        fail(error, join(path, QStringLiteral("path")), tr("the required field \"path\" is missing"));
        return std::nullopt;
    }
    if (!call.path.startsWith(QLatin1Char('/'))) {
        fail(error, join(path, QStringLiteral("path")), tr("a path starts with '/', found \"%1\"").arg(call.path));
        return std::nullopt;
    }
    if (o.contains(QLatin1String("body")))
        call.body = o.value(QLatin1String("body"));
    return call;
}

TemplateScan scanTemplates(const QString &text)
{
    TemplateScan scan;
    static const QRegularExpression segment(QStringLiteral("^[A-Za-z0-9_-]+$"));
    qsizetype i = 0;
    while ((i = text.indexOf(QLatin1String("${"), i)) >= 0) {
        const qsizetype close = text.indexOf(QLatin1Char('}'), i + 2);
        if (close < 0) {
            scan.error = tr("\"${\" at %1 is never closed with \"}\"").arg(i);
            return scan;
        }
        const QString inner = text.mid(i + 2, close - i - 2);
        const QStringList parts = inner.split(QLatin1Char('.'));
        TemplateRef ref;
        ref.start = i;
        ref.length = close - i + 1;
        for (const QString &part : parts) {
            if (!segment.match(part).hasMatch()) {
                scan.error = tr("\"${%1}\" is not a template: names are letters, digits, '_' and '-' joined by '.'").arg(inner);
                return scan;
            }
        }
        const QString head = parts.first();
        if (head == QLatin1String("instance") && parts.size() == 1) {
            ref.kind = TemplateRef::Kind::Instance;
        } else if (head == QLatin1String("step") && parts.size() == 1) {
            ref.kind = TemplateRef::Kind::Step;
        } else if (head == QLatin1String("input") && parts.size() >= 2) {
            ref.kind = TemplateRef::Kind::Input;
            ref.path = parts.mid(1);
        } else if (head == QLatin1String("results") && parts.size() >= 2) {
            ref.kind = TemplateRef::Kind::Results;
            ref.step = parts.at(1);
            if (!isValidStepId(ref.step)) {
                scan.error = tr("\"${%1}\": \"%2\" is not a step id").arg(inner, ref.step);
                return scan;
            }
            ref.path = parts.mid(2);
        } else {
            scan.error = tr("\"${%1}\" is not a template; expected ${instance}, ${step}, ${input.NAME…} or "
                            "${results.STEP…}")
                             .arg(inner);
            return scan;
        }
        scan.refs.append(ref);
        i = close + 1;
    }
    return scan;
}

QJsonValue templateValue(const TemplateRef &ref, const TemplateValues &values)
{
    QJsonValue value;
    switch (ref.kind) {
    case TemplateRef::Kind::Instance: return values.instance;
    case TemplateRef::Kind::Step: return values.step;
    case TemplateRef::Kind::Input: value = values.input; break;
    case TemplateRef::Kind::Results: value = values.result ? values.result(ref.step) : QJsonValue(); break;
    }
    for (const QString &key : ref.path) {
        if (value.isObject()) {
            value = value.toObject().value(key);
        } else if (value.isArray()) {
            bool ok = false;
            const qsizetype index = key.toLongLong(&ok);
            const QJsonArray array = value.toArray();
            value = ok && index >= 0 && index < array.size() ? array.at(index) : QJsonValue();
        } else {
            return QJsonValue();
        }
        if (value.isUndefined())
            return QJsonValue();
    }
    return value.isUndefined() ? QJsonValue() : value;
}

namespace {

QString asText(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::String: return value.toString();
    case QJsonValue::Bool: return value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    case QJsonValue::Double: {
        const double d = value.toDouble();
        if (d == std::floor(d) && std::fabs(d) < 9007199254740992.0)
            return QString::number(qint64(d));
        return QString::number(d, 'g', 17);
    }
    case QJsonValue::Array:
        return QString::fromUtf8(QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact));
    case QJsonValue::Object:
        return QString::fromUtf8(QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact));
    case QJsonValue::Null:
    case QJsonValue::Undefined: break;
    }
    return {};
}

} // namespace

QString fillString(const QString &text, const TemplateValues &values, bool percentEncode)
{
    const TemplateScan scan = scanTemplates(text);
    if (!scan.error.isEmpty() || scan.refs.isEmpty())
        return text;
    QString out;
    qsizetype from = 0;
    for (const TemplateRef &ref : scan.refs) {
        out += text.mid(from, ref.start - from);
        const QString value = asText(templateValue(ref, values));
        out += percentEncode ? QString::fromLatin1(QUrl::toPercentEncoding(value)) : value;
        from = ref.start + ref.length;
    }
    out += text.mid(from);
    return out;
}

QJsonValue fillValue(const QJsonValue &value, const TemplateValues &values)
{
    if (value.isString()) {
        const QString text = value.toString();
        const TemplateScan scan = scanTemplates(text);
        if (!scan.error.isEmpty() || scan.refs.isEmpty())
            return value;
        if (scan.isWhole(text))
            return templateValue(scan.refs.first(), values);
        return fillString(text, values);
    }
    if (value.isArray()) {
        QJsonArray array = value.toArray();
        for (qsizetype i = 0; i < array.size(); ++i)
            array[i] = fillValue(array.at(i), values);
        return array;
    }
    if (value.isObject()) {
        QJsonObject object = value.toObject();
        for (auto it = object.begin(); it != object.end(); ++it)
            it.value() = fillValue(it.value(), values);
        return object;
    }
    return value;
}

bool isLoopbackHost(const QString &host)
{
    if (host.compare(QLatin1String("localhost"), Qt::CaseInsensitive) == 0)
        return true;
    // QtCore only (no QHostAddress here): 127.0.0.0/8 in dotted decimal, and ::1.
    if (host == QLatin1String("::1") || host == QLatin1String("[::1]")
        || host.compare(QLatin1String("0:0:0:0:0:0:0:1"), Qt::CaseInsensitive) == 0)
        return true;
    const QStringList octets = host.split(QLatin1Char('.'));
    if (octets.size() != 4 || octets.first() != QLatin1String("127"))
        return false;
    for (const QString &octet : octets) {
        bool ok = false;
        const int value = octet.toInt(&ok);
        if (!ok || value < 0 || value > 255 || octet.size() > 3)
            return false;
    }
    return true;
}

QString checkEndpointUrl(const QString &baseUrl, const EndpointAuth &auth)
{
    const QUrl url(baseUrl, QUrl::StrictMode);
    const QString scheme = url.scheme().toLower();
    if (!url.isValid() || (scheme != QLatin1String("http") && scheme != QLatin1String("https")) || url.host().isEmpty())
        return tr("\"%1\" is not an http:// or https:// URL with a host").arg(baseUrl);
    // A password in the URL would be written wherever the URL is (the saga log's run options,
    // traces, the screen); credentials go through `auth`, from the environment or the keychain.
    if (!url.userInfo().isEmpty())
        return tr("the URL carries a user name or password (%1@); leave it out and give the credentials with \"auth\", "
                  "which reads them from the environment")
            .arg(url.userName());
    // SPEC section 6: plain http is for loopback hosts only, with or without credentials (a
    // request body carries the instance's input, orders and customers, in clear text too).
    if (scheme == QLatin1String("http") && !isLoopbackHost(url.host())) {
        if (auth.sendsCredentials())
            return tr("credentials (auth \"%1\") would go over plain http to %2, which is not a loopback host; use "
                      "https:// (plain http is for 127.0.0.1, ::1 and localhost only)")
                .arg(authTypeName(auth.type), url.host());
        return tr("plain http to %1, which is not a loopback host: use https:// (plain http is for 127.0.0.1, ::1 and "
                  "localhost only)")
            .arg(url.host());
    }
    return {};
}

QString secretVariable(const QString &serviceId)
{
    QString name = QStringLiteral("SAGASCOPE_SECRET_");
    for (const QChar c : serviceId) {
        const bool plain = (c >= QLatin1Char('a') && c <= QLatin1Char('z')) || (c >= QLatin1Char('A') && c <= QLatin1Char('Z'))
                           || (c >= QLatin1Char('0') && c <= QLatin1Char('9'));
        name.append(plain ? c.toUpper() : QLatin1Char('_'));
    }
    return name;
}

bool hasHttpOperations(const SagaDefinition &definition)
{
    for (const Step &step : definition.steps) {
        if (!step.action.http.isEmpty() || (step.compensation && !step.compensation->http.isEmpty()))
            return true;
    }
    return false;
}

bool templatesReadInput(const SagaDefinition &definition)
{
    // Templates live in JSON strings, which compact JSON keeps as they are (`$`, `{` and `}` are
    // never escaped): scanning the operations' JSON text finds every one.
    const auto readsInput = [](const QJsonObject &object) {
        if (object.isEmpty())
            return false;
        const TemplateScan scan = scanTemplates(QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact)));
        return std::any_of(scan.refs.cbegin(), scan.refs.cend(),
                           [](const TemplateRef &ref) { return ref.kind == TemplateRef::Kind::Input; });
    };
    for (const Step &step : definition.steps) {
        if (readsInput(step.action.http) || (step.compensation && readsInput(step.compensation->http)))
            return true;
    }
    for (const Service &service : definition.services) {
        if (readsInput(service.endpoint.value(QLatin1String("headers")).toObject()))
            return true;
    }
    return false;
}

} // namespace Sagascope
