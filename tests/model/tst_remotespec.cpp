// SPDX-License-Identifier: MIT
// SPEC section 6 in the model: `endpoint` and `http` read, type-checked and written back
// unchanged; load errors for what cannot be run safely; SAGA010 for templates.

#include "remotespec.h"
#include "sagafile.h"
#include "validator.h"

#include <QJsonArray>
#include <QTest>

using namespace Sagascope;

namespace {

QByteArray J(const char *text)
{
    return QByteArray(text).replace('\'', '"');
}

/** A saga with one service `svc` (its `endpoint` JSON given) and steps given as JSON. */
QByteArray saga(const QByteArray &endpoint, const QByteArray &steps)
{
    return J("{'format': 'sagascope/1', 'services': [{'id': 'svc'") + (endpoint.isEmpty() ? QByteArray() : J(", 'endpoint': ") + endpoint)
        + "}], \"steps\": " + steps + "}";
}

const char *TwoSteps = "[{'id': 'reserve', 'service': 'svc', 'kind': 'compensatable', 'idempotent': true,"
                       " 'action': {'name': 'r', 'http': {'method': 'POST', 'path': '/reservations',"
                       "   'body': {'order': '${instance}', 'sku': '${input.sku}', 'qty': 1}, 'x-unknown': 7}},"
                       " 'compensation': {'name': 'u', 'http': {'method': 'DELETE', 'path': '/reservations/${results.reserve.id}'}}},"
                       " {'id': 'pay', 'service': 'svc', 'kind': 'pivot', 'after': ['reserve'], 'idempotent': true,"
                       " 'action': {'name': 'p', 'http': {'path': '/charges', 'headers': {'X-Res': '${results.reserve.id}'},"
                       "   'body': '${input.order}'}}}]";

QStringList rulesOf(const QList<Diagnostic> &diagnostics, const char *rule)
{
    QStringList messages;
    for (const Diagnostic &d : diagnostics) {
        if (d.rule == QLatin1String(rule))
            messages.append(d.message);
    }
    return messages;
}

} // namespace

class TestRemoteSpec : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void roundTripKeepsEveryField()
    {
        const QByteArray text = saga(J("{'baseUrl': 'http://127.0.0.1:8080', 'headers': {'X-Tenant': 'acme'},"
                                       " 'auth': {'type': 'oauth2-client-credentials', 'tokenUrl': 'http://127.0.0.1:8080/oauth/token',"
                                       " 'clientId': 'sagascope', 'scope': 'orders', 'future': true}, 'caFile': 'ca.pem', 'later': [1]}"),
                                     J(TwoSteps));
        const LoadResult first = SagaFile::parse(text, QStringLiteral("t.saga"));
        QVERIFY2(first.ok(), qPrintable(first.error.toString()));
        const QByteArray saved = SagaFile::serialize(*first.definition);
        const LoadResult second = SagaFile::parse(saved, QStringLiteral("t.saga"));
        QVERIFY(second.ok());
        QCOMPARE(*second.definition, *first.definition);
        QCOMPARE(SagaFile::serialize(*second.definition), saved);
        QVERIFY(saved.contains("\"x-unknown\": 7"));
        QVERIFY(saved.contains("\"later\""));
        QVERIFY(saved.contains("\"future\": true"));

        RemoteSpecError error;
        const auto endpoint = Endpoint::parse(first.definition->services.first().endpoint, QStringLiteral("e"), &error);
        QVERIFY(endpoint);
        QCOMPARE(endpoint->baseUrl, QStringLiteral("http://127.0.0.1:8080"));
        QCOMPARE(endpoint->auth.type, AuthType::OAuth2ClientCredentials);
        QCOMPARE(endpoint->auth.scope, QStringLiteral("orders"));
        QCOMPARE(endpoint->caFile, QStringLiteral("ca.pem"));
        QCOMPARE(endpoint->headers.size(), 1);
        const auto call = HttpCall::parse(first.definition->steps.at(1).action.http, QStringLiteral("h"), &error);
        QVERIFY(call);
        QCOMPARE(call->method, QStringLiteral("POST")); // the default
        QCOMPARE(call->body->toString(), QStringLiteral("${input.order}"));
        QVERIFY(hasHttpOperations(*first.definition));
        QVERIFY(Validator::validate(*first.definition).isEmpty());
    }

    void refused_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("fault");
        const QByteArray plain = J("[{'id': 'a', 'service': 'svc', 'kind': 'pivot', 'action': {'name': 'a'}}]");
        QTest::newRow("no baseUrl") << saga(J("{'headers': {}}"), plain) << "services[0].endpoint.baseUrl"
                                    << "\"baseUrl\" is missing";
        QTest::newRow("baseUrl not a URL") << saga(J("{'baseUrl': 'ftp://x'}"), plain) << "services[0].endpoint.baseUrl"
                                           << "not an http:// or https:// URL";
        QTest::newRow("unknown auth type") << saga(J("{'baseUrl': 'https://x.test', 'auth': {'type': 'kerberos'}}"), plain)
                                           << "services[0].endpoint.auth.type" << "unknown auth type \"kerberos\"";
        QTest::newRow("credentials over http") << saga(J("{'baseUrl': 'http://pay.example.test', 'auth': {'type': 'bearer', 'tokenEnv': 'T'}}"), plain)
                                               << "services[0].endpoint.baseUrl" << "plain http to pay.example.test";
        QTest::newRow("token URL over http") << saga(J("{'baseUrl': 'https://pay.example.test', 'auth': {'type': 'oauth2-client-credentials',"
                                                       " 'tokenUrl': 'http://auth.example.test/token', 'clientId': 'c'}}"), plain)
                                             << "services[0].endpoint.auth.tokenUrl" << "plain http to auth.example.test";
        QTest::newRow("password in the URL") << saga(J("{'baseUrl': 'https://alice:s3cret@pay.example.test'}"), plain)
                                             << "services[0].endpoint.baseUrl" << "carries a user name or password (alice@)";
        QTest::newRow("secret in the file") << saga(J("{'baseUrl': 'https://x.test', 'auth': {'type': 'oauth2-client-credentials',"
                                                      " 'tokenUrl': 'https://x.test/t', 'clientId': 'c', 'clientSecret': 's'}}"), plain)
                                            << "services[0].endpoint.auth.clientSecret" << "never read from a .saga file";
        QTest::newRow("bearer without tokenEnv") << saga(J("{'baseUrl': 'https://x.test', 'auth': {'type': 'bearer'}}"), plain)
                                                 << "services[0].endpoint.auth.tokenEnv" << "needs \"tokenEnv\"";
        QTest::newRow("Authorization header") << saga(J("{'baseUrl': 'https://x.test', 'headers': {'authorization': 'Basic x'}}"), plain)
                                              << "services[0].endpoint.headers.authorization" << "credentials do not belong";
        QTest::newRow("API key header") << saga(J("{'baseUrl': 'https://x.test', 'headers': {'X-API-Key': 'k3y'}}"), plain)
                                        << "services[0].endpoint.headers.X-API-Key" << "the header X-API-Key carries one";
        QTest::newRow("token header in an operation")
            << saga(J("{'baseUrl': 'https://x.test'}"),
                    J("[{'id': 'a', 'service': 'svc', 'kind': 'pivot', 'action': {'http': {'path': '/x', 'headers': {'x_auth_token': 't'}}}}]"))
            << "steps[0].action.http.headers.x_auth_token" << "credentials do not belong";
        QTest::newRow("header not a string") << saga(J("{'baseUrl': 'https://x.test', 'headers': {'X-A': 1}}"), plain)
                                             << "services[0].endpoint.headers.X-A" << "expected a string";
        QTest::newRow("bad method") << saga({}, J("[{'id': 'a', 'kind': 'pivot', 'action': {'http': {'method': 'FETCH', 'path': '/x'}}}]"))
                                    << "steps[0].action.http.method" << "unknown method \"FETCH\"";
        QTest::newRow("no path") << saga({}, J("[{'id': 'a', 'kind': 'pivot', 'action': {'http': {'method': 'GET'}}}]"))
                                 << "steps[0].action.http.path" << "\"path\" is missing";
        QTest::newRow("relative path") << saga({}, J("[{'id': 'a', 'kind': 'pivot', 'action': {'http': {'path': 'x'}}}]"))
                                       << "steps[0].action.http.path" << "starts with '/'";
        QTest::newRow("http not an object") << saga({}, J("[{'id': 'a', 'kind': 'pivot', 'action': {'http': 'GET /'}}]"))
                                            << "steps[0].action.http" << "expected an object";
    }

    void refused()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(QString, path);
        QFETCH(QString, fault);
        const LoadResult result = SagaFile::parse(bytes, QStringLiteral("remote.saga"));
        QVERIFY(!result.ok());
        QCOMPARE(result.error.jsonPath, path);
        QVERIFY2(result.error.message.contains(fault), qPrintable(result.error.message));
    }

    void loopbackMayCarryCredentials()
    {
        EndpointAuth bearer;
        bearer.type = AuthType::Bearer;
        for (const char *url : {"http://127.0.0.1:8080", "http://127.3.4.5", "http://[::1]:9000/x", "http://localhost:1",
                                "https://pay.example.test"})
            QVERIFY2(checkEndpointUrl(QLatin1String(url), bearer).isEmpty(), url);
        for (const char *url : {"http://pay.example.test", "http://10.0.0.1", "http://128.0.0.1", "http://127.0.0.1.evil.test"})
            QVERIFY2(!checkEndpointUrl(QLatin1String(url), bearer).isEmpty(), url);
        // SPEC section 6: "Plain http:// is allowed for loopback hosts only", credentials or not.
        QVERIFY(checkEndpointUrl(QStringLiteral("http://127.0.0.1:8080"), EndpointAuth{}).isEmpty());
        QVERIFY(checkEndpointUrl(QStringLiteral("https://pay.example.test"), EndpointAuth{}).isEmpty());
        const QString plain = checkEndpointUrl(QStringLiteral("http://pay.example.test"), EndpointAuth{});
        QVERIFY2(plain.contains(QLatin1String("plain http to pay.example.test")), qPrintable(plain));
    }

    void secretVariableName()
    {
        QCOMPARE(secretVariable(QStringLiteral("payments")), QStringLiteral("SAGASCOPE_SECRET_PAYMENTS"));
        QCOMPARE(secretVariable(QStringLiteral("pay-ments.eu")), QStringLiteral("SAGASCOPE_SECRET_PAY_MENTS_EU"));
    }

    void scansTemplates()
    {
        const TemplateScan whole = scanTemplates(QStringLiteral("${results.reserve.items.0.id}"));
        QVERIFY(whole.error.isEmpty());
        QVERIFY(whole.isWhole(QStringLiteral("${results.reserve.items.0.id}")));
        QCOMPARE(whole.refs.first().kind, TemplateRef::Kind::Results);
        QCOMPARE(whole.refs.first().step, QStringLiteral("reserve"));
        QCOMPARE(whole.refs.first().path, (QStringList{"items", "0", "id"}));

        const TemplateScan mixed = scanTemplates(QStringLiteral("/orders/${instance}/lines/${step}?a=$5"));
        QVERIFY(mixed.error.isEmpty());
        QCOMPARE(mixed.refs.size(), 2);
        QVERIFY(!mixed.isWhole(QStringLiteral("/orders/${instance}/lines/${step}?a=$5")));
        QCOMPARE(mixed.refs.at(0).start, 8);
        QCOMPARE(mixed.refs.at(0).length, 11);

        for (const char *bad : {"${", "${}", "${instance", "${inputs.a}", "${input}", "${results}", "${results.1a}",
                                "${input.a..b}", "${instance.x}", "${input.a b}"})
            QVERIFY2(!scanTemplates(QLatin1String(bad)).error.isEmpty(), bad);
    }

    void fillsTemplates()
    {
        TemplateValues values;
        values.instance = QStringLiteral("i-1");
        values.step = QStringLiteral("ship");
        values.input = QJsonObject{{"total", 42.5}, {"sku", "a/b c"}, {"lines", QJsonArray{QJsonObject{{"qty", 3}}}}};
        values.result = [](const StepId &step) {
            return step == QLatin1String("reserve") ? QJsonValue(QJsonObject{{"id", 17}, {"ok", true}}) : QJsonValue();
        };
        const QJsonValue body = QJsonObject{
            {"order", "${instance}"},                 // string
            {"amount", "${input.total}"},             // number keeps its type
            {"qty", "${input.lines.0.qty}"},          // array index
            {"reservation", "${results.reserve}"},    // object keeps its type
            {"missing", "${results.ghost.id}"},       // null
            {"note", "step ${step} of ${instance}: ${input.total} x ${results.reserve.ok}"},
            {"list", QJsonArray{"${results.reserve.id}", 1}},
        };
        const QJsonObject filled = fillValue(body, values).toObject();
        QCOMPARE(filled.value("order").toString(), QStringLiteral("i-1"));
        QCOMPARE(filled.value("amount").toDouble(), 42.5);
        QCOMPARE(filled.value("qty").toInt(), 3);
        QCOMPARE(filled.value("reservation").toObject().value("id").toInt(), 17);
        QVERIFY(filled.value("missing").isNull());
        QCOMPARE(filled.value("note").toString(), QStringLiteral("step ship of i-1: 42.5 x true"));
        QCOMPARE(filled.value("list").toArray().at(0).toInt(), 17);
        QCOMPARE(fillString(QStringLiteral("/items/${input.sku}/${results.reserve.id}"), values, true),
                 QStringLiteral("/items/a%2Fb%20c/17"));
    }

    void saga010_data()
    {
        QTest::addColumn<QByteArray>("steps");
        QTest::addColumn<QString>("fault"); // empty: no SAGA010
        QTest::newRow("good") << J(TwoSteps) << QString();
        QTest::newRow("bad syntax in path")
            << J("[{'id': 'a', 'kind': 'pivot', 'action': {'http': {'path': '/x/${instance'}}}]") << "never closed";
        QTest::newRow("unknown form in body")
            << J("[{'id': 'a', 'kind': 'pivot', 'action': {'http': {'path': '/x', 'body': {'l': ['${secret}']}}}}]")
            << "a.action.http.body.l[0]";
        QTest::newRow("unknown step")
            << J("[{'id': 'a', 'kind': 'pivot', 'action': {'http': {'path': '/x/${results.ghost.id}'}}}]") << "names no step";
        QTest::newRow("not an ancestor")
            << J("[{'id': 'a', 'kind': 'compensatable', 'action': {'http': {'path': '/x', 'headers': {'X': '${results.b.id}'}}},"
                 " 'compensation': {'name': 'u'}}, {'id': 'b', 'kind': 'pivot', 'after': ['a'], 'action': {'name': 'b'}}]")
            << "does not always succeed before a runs";
        QTest::newRow("sibling") // b and c run side by side: c cannot read b's result
            << J("[{'id': 'a', 'kind': 'compensatable', 'action': {'name': 'a'}, 'compensation': {'name': 'u'}},"
                 " {'id': 'b', 'kind': 'compensatable', 'after': ['a'], 'action': {'name': 'b'}, 'compensation': {'name': 'u'}},"
                 " {'id': 'c', 'kind': 'compensatable', 'after': ['a'], 'action': {'http': {'path': '/${results.b.x}'}}, 'compensation': {'name': 'u'}},"
                 " {'id': 'p', 'kind': 'pivot', 'after': ['b', 'c'], 'action': {'name': 'p'}}]")
            << "${results.b";
    }

    void saga010()
    {
        QFETCH(QByteArray, steps);
        QFETCH(QString, fault);
        const LoadResult loaded = SagaFile::parse(saga({}, steps), QStringLiteral("t.saga"));
        QVERIFY2(loaded.ok(), qPrintable(loaded.error.toString()));
        const QList<Diagnostic> diagnostics = Validator::validate(*loaded.definition);
        const QStringList found = rulesOf(diagnostics, "SAGA010");
        if (fault.isEmpty()) {
            QVERIFY2(found.isEmpty(), qPrintable(found.join(QLatin1Char('\n'))));
            return;
        }
        QCOMPARE(found.size(), 1);
        QVERIFY2(found.first().contains(fault), qPrintable(found.first()));
        QVERIFY(Validator::hasErrors(diagnostics));
    }

    void endpointHeadersCannotReadResults()
    {
        const LoadResult loaded = SagaFile::parse(
            saga(J("{'baseUrl': 'http://127.0.0.1:1', 'headers': {'X-Order': '${results.a.id}', 'X-Tenant': '${input.tenant}'}}"),
                 J("[{'id': 'a', 'service': 'svc', 'kind': 'pivot', 'action': {'name': 'a'}}]")),
            QStringLiteral("t.saga"));
        QVERIFY2(loaded.ok(), qPrintable(loaded.error.toString()));
        const QStringList found = rulesOf(Validator::validate(*loaded.definition), "SAGA010");
        QCOMPARE(found.size(), 1);
        QVERIFY(found.first().contains(QLatin1String("X-Order")));
    }

    /** The window asks for an input file only when a template reads one. */
    void templatesReadInput_data()
    {
        QTest::addColumn<QByteArray>("endpoint");
        QTest::addColumn<QByteArray>("steps");
        QTest::addColumn<bool>("reads");
        QTest::newRow("body and path") << QByteArray() << J(TwoSteps) << true;
        QTest::newRow("instance and results only")
            << QByteArray()
            << J("[{'id': 'a', 'service': 'svc', 'kind': 'pivot', 'action': {'http': {'path': '/o/${instance}',"
                 " 'body': {'x': '${step}', 'input': 'plain text'}}}}]")
            << false;
        QTest::newRow("compensation header")
            << QByteArray()
            << J("[{'id': 'a', 'service': 'svc', 'kind': 'compensatable', 'action': {'http': {'path': '/a'}},"
                 " 'compensation': {'name': 'u', 'http': {'path': '/u', 'headers': {'X-T': '${input.tenant}'}}}},"
                 " {'id': 'p', 'kind': 'pivot', 'after': ['a'], 'action': {'name': 'p'}}]")
            << true;
        QTest::newRow("endpoint header")
            << J("{'baseUrl': 'http://127.0.0.1:1', 'headers': {'X-Tenant': '${input.tenant}'}}")
            << J("[{'id': 'a', 'service': 'svc', 'kind': 'pivot', 'action': {'http': {'path': '/a'}}}]") << true;
        QTest::newRow("simulated only") << QByteArray() << J("[{'id': 'a', 'kind': 'pivot', 'action': {'name': 'a'}}]") << false;
    }

    void templatesReadInput()
    {
        QFETCH(QByteArray, endpoint);
        QFETCH(QByteArray, steps);
        QFETCH(bool, reads);
        const LoadResult loaded = SagaFile::parse(saga(endpoint, steps), QStringLiteral("t.saga"));
        QVERIFY2(loaded.ok(), qPrintable(loaded.error.toString()));
        QCOMPARE(Sagascope::templatesReadInput(*loaded.definition), reads);
    }
};

QTEST_GUILESS_MAIN(TestRemoteSpec)
#include "tst_remotespec.moc"
