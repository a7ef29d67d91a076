// SPDX-License-Identifier: MIT
#pragma once

#include "sagadefinition.h"

#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QString>
#include <QStringList>
#include <QUrl>

#include <functional>
#include <optional>
#include <utility>

namespace Sagascope {

/** Where a remote-spec fault is: the JSON path below the object given, and what is wrong. */
struct RemoteSpecError
{
    QString path;
    QString message;
};

/** The auth types of SPEC section 6 (`endpoint.auth.type`). */
enum class AuthType { None, Bearer, OAuth2ClientCredentials, OAuth2AuthorizationCode };

QString authTypeName(AuthType type);
std::optional<AuthType> authTypeFromName(const QString &name);

/** `services[].endpoint.auth`: how requests to a service are authorised. Never holds a secret. */
struct EndpointAuth
{
    AuthType type = AuthType::None;
    QString tokenEnv;          // bearer: the environment variable holding the token
    QString tokenUrl;          // oauth2-*
    QString clientId;          // oauth2-*
    QString scope;             // oauth2-*
    QString authorizationUrl;  // oauth2-authorization-code

    /** True when requests carry credentials (an Authorization header). */
    bool sendsCredentials() const { return type != AuthType::None; }
};

/** `services[].endpoint` (SPEC section 6), typed; the definition keeps the JSON as written. */
struct Endpoint
{
    QString baseUrl;
    EndpointAuth auth;
    QString caFile;                               // relative to the .saga file
    QList<std::pair<QString, QString>> headers;   // fixed headers, in file order

    /** Reads `endpoint` (the JSON object of a service); errors name the path below `path`. */
    static std::optional<Endpoint> parse(const QJsonObject &object, const QString &path, RemoteSpecError *error);
};

/** `action.http` / `compensation.http` (SPEC section 6), typed. */
struct HttpCall
{
    QString method = QStringLiteral("POST");
    QString path;                                 // appended to the endpoint's baseUrl; may hold templates
    std::optional<QJsonValue> body;               // any JSON; strings may hold templates
    QList<std::pair<QString, QString>> headers;   // values may hold templates

    static std::optional<HttpCall> parse(const QJsonObject &object, const QString &path, RemoteSpecError *error);
};

/** One `${…}` template (SPEC section 6). */
struct TemplateRef
{
    enum class Kind { Instance, Step, Input, Results };
    Kind kind = Kind::Instance;
    StepId step;        // Results: the step whose action's result is read
    QStringList path;   // Input, Results: the keys (or array indices) below it
    qsizetype start = 0;  // where `${` is in the string
    qsizetype length = 0; // up to and with the `}`
};

/** The templates of one string, or the first syntax fault. */
struct TemplateScan
{
    QList<TemplateRef> refs;
    QString error;      // empty: the syntax is good
    /** True when the whole string is one template (it then takes the value's JSON type). */
    bool isWhole(const QString &text) const
    {
        return refs.size() == 1 && refs.first().start == 0 && refs.first().length == text.size();
    }
};

/** Finds the `${…}` templates of `text`; `$` not followed by `{` is a plain character. */
TemplateScan scanTemplates(const QString &text);

/** What templates are filled from, for one call. */
struct TemplateValues
{
    QString instance;
    StepId step;
    QJsonValue input;   // the instance's input (null: none)
    /** The JSON result of a step's succeeded action; null when there is none (yet, or timed out). */
    std::function<QJsonValue(const StepId &)> result;
};

/** The value of one template; null where the input or result has nothing at that path. */
QJsonValue templateValue(const TemplateRef &ref, const TemplateValues &values);
/** `text` with its templates replaced by their values as text (null: empty; objects and arrays:
 *  compact JSON); each value percent-encoded when `percentEncode` (for URL paths). */
QString fillString(const QString &text, const TemplateValues &values, bool percentEncode = false);
/** A JSON body with its templates filled: a string that is exactly one template takes the
 *  value's JSON type; other strings are filled as text; objects and arrays are walked. */
QJsonValue fillValue(const QJsonValue &value, const TemplateValues &values);

/** True for 127.0.0.0/8, ::1 and `localhost`: the hosts plain http may carry credentials to. */
bool isLoopbackHost(const QString &host);

/** Empty when `baseUrl` may be called with `auth`; otherwise why not: plain http to a host that
 *  is not loopback (SPEC section 6: with or without credentials), a user name or password in the
 *  URL, or a URL that is not http(s). */
QString checkEndpointUrl(const QString &baseUrl, const EndpointAuth &auth);

/** The environment variable that holds a service's OAuth client secret:
 *  `SAGASCOPE_SECRET_<SERVICE>` in upper case, other characters than letters and digits as `_`. */
QString secretVariable(const QString &serviceId);

/** True when any step's action or compensation has `http`. */
bool hasHttpOperations(const SagaDefinition &definition);
/** True when a template of an `http` operation or of an endpoint's headers reads the instance's
 *  input (`${input…}`): a run that calls the services then needs one. */
bool templatesReadInput(const SagaDefinition &definition);

} // namespace Sagascope
