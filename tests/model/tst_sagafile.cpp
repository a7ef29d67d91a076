// SPDX-License-Identifier: MIT
// The .saga loader and saver: round trip, byte-stable save, and every kind of bad input
// refused with the file, the place and the fault.

#include "sagafile.h"
#include "testconfig.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>
#include <unistd.h>

using namespace Sagascope;

namespace {

/** JSON written with single quotes, to keep the tests readable: 'a' becomes "a". */
QByteArray J(const char *text)
{
    return QByteArray(text).replace('\'', '"');
}

} // namespace

class TestSagaFile : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    QString write(const QString &name, const QByteArray &bytes)
    {
        const QString path = m_dir.filePath(name);
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly))
            qFatal("cannot write %s", qPrintable(path));
        file.write(bytes);
        return path;
    }

    static QByteArray minimal(const QByteArray &stepFields = QByteArray())
    {
        return J("{'format': 'sagascope/1', 'steps': [{'id': 'a', 'kind': 'pivot', 'action': {'name': 'do'}") + stepFields
            + "}]}";
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    void loadsEveryField()
    {
        const QByteArray text = J("{\n"
             "  'format': 'sagascope/1',\n"
             "  'name': 'Order checkout',\n"
             "  'description': 'free text',\n"
             "  'mode': 'orchestration',\n"
             "  'services': [\n"
             "    { 'id': 'orders', 'label': 'Order service' },\n"
             "    { 'id': 'payments', 'label': 'Payment service',\n"
             "      'endpoint': { 'baseUrl': 'https://pay.example.test', 'auth': { 'type': 'oauth2-client-credentials', 'tokenUrl': 'https://pay.example.test/token', 'clientId': 'c' } } }\n"
             "  ],\n"
             "  'steps': [\n"
             "    {\n"
             "      'id': 'create_order',\n"
             "      'label': 'Create order (PENDING)',\n"
             "      'service': 'orders',\n"
             "      'kind': 'compensatable',\n"
             "      'after': [],\n"
             "      'action':       { 'name': 'createOrder', 'sim': { 'latencyMs': [5, 20], 'technicalFailure': 0.1 } },\n"
             "      'compensation': { 'name': 'rejectOrder', 'sim': { 'latencyMs': 7 }, 'retry': { 'maxAttempts': 4 } },\n"
             "      'retry': { 'maxAttempts': 3, 'initialBackoffMs': 100, 'multiplier': 2.0,\n"
             "                 'maxBackoffMs': 5000, 'jitter': 0.2 },\n"
             "      'timeoutMs': 2000,\n"
             "      'idempotent': true,\n"
             "      'sideEffects': ['email'],\n"
             "      'position': { 'x': 10.5, 'y': -3 }\n"
             "    },\n"
             "    { 'id': 'ship', 'kind': 'retriable', 'after': ['create_order'], 'action': {}, 'retry': { 'initialBackoffMs': 50 } }\n"
             "  ]\n"
             "}");
        const LoadResult result = SagaFile::parse(text, QStringLiteral("t.saga"));
        QVERIFY2(result.ok(), qPrintable(result.error.toString()));
        const SagaDefinition &d = *result.definition;
        QCOMPARE(d.name, QStringLiteral("Order checkout"));
        QCOMPARE(d.services.size(), 2);
        QCOMPARE(d.services.at(1).endpoint.value(QLatin1String("auth")).toObject().value(QLatin1String("type")).toString(),
                 QStringLiteral("oauth2-client-credentials"));
        const Step &s = d.steps.at(0);
        QCOMPARE(s.id, QStringLiteral("create_order"));
        QCOMPARE(s.kind, StepKind::Compensatable);
        QCOMPARE(s.action.sim->latencyMinMs, 5);
        QCOMPARE(s.action.sim->latencyMaxMs, 20);
        QCOMPARE(s.action.sim->technicalFailure, 0.1);
        QCOMPARE(s.compensation->sim->latencyMinMs, 7);
        QCOMPARE(s.compensation->sim->latencyMaxMs, 7);
        QCOMPARE(s.effectiveCompensationRetry().maxAttempts, 4);
        QCOMPARE(s.retry->jitter, 0.2);
        QCOMPARE(*s.timeoutMs, 2000);
        QVERIFY(s.idempotent);
        QCOMPARE(s.sideEffects, QStringList{QStringLiteral("email")});
        QCOMPARE(*s.position, QPointF(10.5, -3));
        // Defaults: a retriable step's retry is unbounded unless it says otherwise.
        const Step &ship = d.steps.at(1);
        QCOMPARE(ship.effectiveActionRetry().maxAttempts, 0);
        QCOMPARE(ship.effectiveActionRetry().initialBackoffMs, 50);
        QCOMPARE(d.steps.at(0).effectiveActionRetry().maxAttempts, 3);
        QVERIFY(!ship.idempotent);
    }

    void unknownFieldsSurvive()
    {
        const QByteArray text = J("{'format': 'sagascope/1', 'x-owner': {'team': 'payments'},\n"
             "          'services': [{'id': 's', 'x-region': 'eu'}],\n"
             "          'steps': [{'id': 'a', 'kind': 'compensatable', 'x-note': [1, 2, {'deep': true}],\n"
             "                     'action': {'name': 'do', 'x-a': 1, 'sim': {'x-s': 'kept'}},\n"
             "                     'compensation': {'name': 'undo', 'retry': {'maxAttempts': 0, 'x-r': null}},\n"
             "                     'retry': {'x-policy': 'custom'}}]}");
        const LoadResult first = SagaFile::parse(text, QStringLiteral("t.saga"));
        QVERIFY2(first.ok(), qPrintable(first.error.toString()));
        const QByteArray saved = SagaFile::serialize(*first.definition);
        for (const char *kept : {"x-owner", "\"team\": \"payments\"", "x-region", "x-note", "\"deep\": true", "x-a",
                                 "x-s", "x-r", "x-policy"})
            QVERIFY2(saved.contains(kept), kept);
        const LoadResult second = SagaFile::parse(saved, QStringLiteral("t.saga"));
        QVERIFY(second.ok());
        QCOMPARE(*second.definition, *first.definition);
    }

    void loadsEventFields()
    {
        // SPEC section 5: on, emits, compensation.on/emits, start, mode; unknown fields kept.
        const QByteArray text = J("{'format': 'sagascope/1', 'mode': 'choreography', 'start': 'OrderRequested',\n"
             " 'steps': [{'id': 'reserve_credit', 'kind': 'compensatable', 'on': ['OrderCreated', 'Checked'],\n"
             "            'emits': {'success': 'CreditReserved', 'failure': 'CreditLimitExceeded', 'x-e': 1},\n"
             "            'action': {'name': 'reserveCredit'},\n"
             "            'compensation': {'name': 'releaseCredit', 'on': ['ShippingFailed'], 'emits': 'CreditReleased',\n"
             "                             'x-c': true}}]}");
        const LoadResult result = SagaFile::parse(text, QStringLiteral("t.saga"));
        QVERIFY2(result.ok(), qPrintable(result.error.toString()));
        const SagaDefinition &d = *result.definition;
        QCOMPARE(d.mode, SagaMode::Choreography);
        QCOMPARE(d.start, QStringLiteral("OrderRequested"));
        QCOMPARE(d.startEvent(), QStringLiteral("OrderRequested"));
        QVERIFY(d.usesEvents());
        const Step &s = d.steps.at(0);
        QCOMPARE(s.on, (QStringList{QStringLiteral("OrderCreated"), QStringLiteral("Checked")}));
        QVERIFY(s.emits);
        QCOMPARE(s.emits->success, QStringLiteral("CreditReserved"));
        QCOMPARE(s.emits->failure, QStringLiteral("CreditLimitExceeded"));
        QCOMPARE(s.emits->extra.value(QStringLiteral("x-e")).toInt(), 1);
        QCOMPARE(s.compensation->on, QStringList{QStringLiteral("ShippingFailed")});
        QCOMPARE(s.compensation->emits, QStringLiteral("CreditReleased"));
        QVERIFY(s.extra.isEmpty());
        QVERIFY(s.compensation->extra.contains(QStringLiteral("x-c")));

        const QByteArray saved = SagaFile::serialize(d);
        const LoadResult again = SagaFile::parse(saved, QStringLiteral("t.saga"));
        QVERIFY(again.ok());
        QCOMPARE(*again.definition, d);
        QCOMPARE(SagaFile::serialize(*again.definition), saved);
        // Canonical order: start after mode, on and emits right after after, success before failure.
        QVERIFY(saved.indexOf("\"mode\"") < saved.indexOf("\"start\""));
        QVERIFY(saved.indexOf("\"after\"") < saved.indexOf("\"on\""));
        QVERIFY(saved.indexOf("\"on\"") < saved.indexOf("\"emits\""));
        QVERIFY(saved.indexOf("\"emits\"") < saved.indexOf("\"action\""));
        QVERIFY(saved.indexOf("\"success\"") < saved.indexOf("\"failure\""));

        // Without `start` the default is SagaStarted, and nothing is written back.
        const LoadResult plain = SagaFile::parse(minimal(), QStringLiteral("t.saga"));
        QVERIFY(plain.ok());
        QCOMPARE(plain.definition->startEvent(), QStringLiteral("SagaStarted"));
        QVERIFY(!plain.definition->usesEvents());
        QVERIFY(!SagaFile::serialize(*plain.definition).contains("start"));
    }

    void resourcesAndEffectsRoundTrip()
    {
        const QByteArray text = J("{'format': 'sagascope/1', 'resources': {'stock:sku-1': 5, 'credit': -20},\n"
             "          'steps': [{'id': 'reserve', 'kind': 'compensatable',\n"
             "                     'action': {'name': 'r', 'sim': {'effect': {'resource': 'stock:sku-1', 'delta': -1, 'min': 0,\n"
             "                                                                 'x-unit': 'pcs'},\n"
             "                                                      'countermeasure': 'semanticLock', 'onLocked': 'fail',\n"
             "                                                      'x-s': 1}},\n"
             "                     'compensation': {'name': 'u'}},\n"
             "                    {'id': 'pay', 'kind': 'pivot', 'after': ['reserve'],\n"
             "                     'action': {'sim': {'effect': {'resource': 'credit', 'delta': 7},\n"
             "                                        'countermeasure': 'rereadValue'}}}]}");
        const LoadResult first = SagaFile::parse(text, QStringLiteral("t.saga"));
        QVERIFY2(first.ok(), qPrintable(first.error.toString()));
        const SagaDefinition &d = *first.definition;
        QCOMPARE(d.resources.size(), 2);
        QVERIFY(d.resource(QStringLiteral("stock:sku-1")));
        QCOMPARE(d.resource(QStringLiteral("stock:sku-1"))->initial, 5);
        QCOMPARE(d.resource(QStringLiteral("credit"))->initial, -20);
        const SimSpec &reserve = *d.steps.at(0).action.sim;
        QVERIFY(reserve.effect);
        QCOMPARE(reserve.effect->resource, QStringLiteral("stock:sku-1"));
        QCOMPARE(reserve.effect->delta, -1);
        QCOMPARE(reserve.effect->min, std::optional<qint64>(0));
        QCOMPARE(reserve.countermeasure, Countermeasure::SemanticLock);
        QCOMPARE(reserve.effectiveOnLocked(), OnLocked::Fail);
        const SimSpec &pay = *d.steps.at(1).action.sim;
        QVERIFY(!pay.effect->min);
        QCOMPARE(pay.countermeasure, Countermeasure::RereadValue);
        QVERIFY(!pay.onLocked);
        QCOMPARE(pay.effectiveOnLocked(), OnLocked::Wait);

        const QByteArray saved = SagaFile::serialize(d);
        for (const char *kept : {"\"x-unit\": \"pcs\"", "\"x-s\": 1", "\"onLocked\": \"fail\"", "\"stock:sku-1\": 5"})
            QVERIFY2(saved.contains(kept), kept);
        QVERIFY2(!saved.contains("\"min\": null") && saved.count("\"onLocked\"") == 1, saved.constData());
        // Canonical order: resources between services and steps, effect after the failures.
        QVERIFY(saved.indexOf("\"resources\"") < saved.indexOf("\"steps\""));
        QVERIFY(saved.indexOf("\"resource\":") < saved.indexOf("\"delta\"") && saved.indexOf("\"delta\"") < saved.indexOf("\"min\""));
        const LoadResult second = SagaFile::parse(saved, QStringLiteral("t.saga"));
        QVERIFY(second.ok());
        QCOMPARE(*second.definition, d);
        QCOMPARE(SagaFile::serialize(*second.definition), saved);
    }

    void saveIsByteStable_data()
    {
        QTest::addColumn<QString>("path");
        const QDir examples(QStringLiteral(SAGASCOPE_EXAMPLES_DIR));
        const QStringList files = examples.entryList({QStringLiteral("*.saga")}, QDir::Files);
        for (const QString &file : files)
            QTest::newRow(qPrintable(file)) << examples.filePath(file);
        QTest::newRow("minimal") << write(QStringLiteral("minimal.saga"), minimal());
    }

    void saveIsByteStable()
    {
        QFETCH(QString, path);
        const LoadResult first = SagaFile::load(path);
        QVERIFY2(first.ok(), qPrintable(first.error.toString()));
        const QString savedPath = m_dir.filePath(QStringLiteral("stable.saga"));
        QString error;
        QVERIFY2(SagaFile::save(*first.definition, savedPath, &error), qPrintable(error));
        QFile saved(savedPath);
        QVERIFY(saved.open(QIODevice::ReadOnly));
        const QByteArray bytes = saved.readAll();
        const LoadResult second = SagaFile::load(savedPath);
        QVERIFY(second.ok());
        QCOMPARE(*second.definition, *first.definition);
        QCOMPARE(SagaFile::serialize(*second.definition), bytes);
        QVERIFY(bytes.endsWith("}\n"));
    }

    void canonicalLayout()
    {
        const LoadResult result = SagaFile::parse(minimal(J(", 'after': [], 'position': {'y': 2, 'x': 1}")),
                                                  QStringLiteral("t.saga"));
        QVERIFY(result.ok());
        const QByteArray expected = J("{\n"
             "  'format': 'sagascope/1',\n"
             "  'steps': [\n"
             "    {\n"
             "      'id': 'a',\n"
             "      'kind': 'pivot',\n"
             "      'after': [],\n"
             "      'action': { 'name': 'do' },\n"
             "      'position': { 'x': 1, 'y': 2 }\n"
             "    }\n"
             "  ]\n"
             "}\n"
             "");
        QCOMPARE(SagaFile::serialize(*result.definition), expected);
    }

    void badInput_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("fault");

        QTest::newRow("not JSON") << QByteArray("hello") << QString() << "expected a JSON value";
        QTest::newRow("truncated") << QByteArray(J("{'format': 'sagascope/1', 'steps': [{'id': 'a'")) << "steps[0]"
                                   << "ends inside an object";
        QTest::newRow("truncated string") << QByteArray(J("{'format': 'sagasc")) << "format"
                                          << "ends inside a string";
        QTest::newRow("empty") << QByteArray() << QString() << "empty";
        QTest::newRow("only spaces") << QByteArray("  \n ") << QString() << "empty";
        QTest::newRow("trailing text") << minimal() + " x" << QString() << "after the end";
        QTest::newRow("array root") << QByteArray("[]") << QString() << "JSON object";
        QTest::newRow("wrong format") << QByteArray(J("{'format': 'sagascope/2', 'steps': []}")) << "format"
                                      << "unsupported format \"sagascope/2\"";
        QTest::newRow("no format") << QByteArray(J("{'steps': []}")) << "format" << "\"format\" is missing";
        QTest::newRow("no steps") << QByteArray(J("{'format': 'sagascope/1'}")) << "steps" << "\"steps\" is missing";
        QTest::newRow("steps not array") << QByteArray(J("{'format': 'sagascope/1', 'steps': {}}")) << "steps"
                                         << "expected an array, found an object";
        QTest::newRow("no id") << QByteArray(J("{'format': 'sagascope/1', 'steps': [{'kind': 'pivot', 'action': {}}]}"))
                               << "steps[0].id" << "\"id\" is missing";
        QTest::newRow("bad id") << QByteArray(J("{'format': 'sagascope/1', 'steps': [{'id': '1a', 'kind': 'pivot', 'action': {}}]}"))
                                << "steps[0].id" << "not a valid step id";
        QTest::newRow("no kind") << QByteArray(J("{'format': 'sagascope/1', 'steps': [{'id': 'a', 'action': {}}]}"))
                                 << "steps[0].kind" << "\"kind\" is missing";
        QTest::newRow("bad kind") << QByteArray(J("{'format': 'sagascope/1', 'steps': [{'id': 'a', 'kind': 'pivto', 'action': {}}]}"))
                                  << "steps[0].kind" << "unknown kind \"pivto\"";
        QTest::newRow("no action") << QByteArray(J("{'format': 'sagascope/1', 'steps': [{'id': 'a', 'kind': 'pivot'}]}"))
                                   << "steps[0].action" << "\"action\" is missing";
        QTest::newRow("maxAttempts string") << minimal(J(", 'retry': {'maxAttempts': 'three'}"))
                                            << "steps[0].retry.maxAttempts" << "expected a whole number, found a string";
        QTest::newRow("maxAttempts fraction") << minimal(J(", 'retry': {'maxAttempts': 2.5}"))
                                              << "steps[0].retry.maxAttempts" << "whole number";
        QTest::newRow("negative timeout") << minimal(J(", 'timeoutMs': -1")) << "steps[0].timeoutMs" << "out of range";
        QTest::newRow("probability > 1") << minimal().replace(J("'action': {'name': 'do'}"),
                                                              J("'action': {'sim': {'businessFailure': 1.5}}"))
                                         << "steps[0].action.sim.businessFailure" << "out of range";
        QTest::newRow("latency reversed") << minimal().replace(J("'action': {'name': 'do'}"),
                                                               J("'action': {'sim': {'latencyMs': [20, 5]}}"))
                                          << "steps[0].action.sim.latencyMs" << "larger than the maximum";
        QTest::newRow("after not strings") << minimal(J(", 'after': [1]")) << "steps[0].after[0]"
                                           << "expected a string, found a number";
        QTest::newRow("idempotent string") << minimal(J(", 'idempotent': 'yes'")) << "steps[0].idempotent"
                                           << "expected true or false";
        QTest::newRow("position without y") << minimal(J(", 'position': {'x': 1}")) << "steps[0].position.y"
                                            << "\"y\" is missing";
        QTest::newRow("bad mode") << QByteArray(J("{'format': 'sagascope/1', 'mode': 'chaos', 'steps': []}")) << "mode"
                                  << "unknown mode";
        QTest::newRow("on not array") << minimal(J(", 'on': 'Created'")) << "steps[0].on"
                                      << "expected an array of event names, found a string";
        QTest::newRow("on number") << minimal(J(", 'on': ['A', 2]")) << "steps[0].on[1]" << "expected an event name";
        QTest::newRow("on empty name") << minimal(J(", 'on': ['']")) << "steps[0].on[0]" << "cannot be empty";
        QTest::newRow("on space") << minimal(J(", 'on': ['Order Created']")) << "steps[0].on[0]"
                                  << "not a valid event name";
        QTest::newRow("on twice") << minimal(J(", 'on': ['A', 'A']")) << "steps[0].on[1]" << "listed twice";
        QTest::newRow("emits string") << minimal(J(", 'emits': 'Done'")) << "steps[0].emits"
                                      << "expected an object {\"success\": event, \"failure\": event}";
        QTest::newRow("emits success number") << minimal(J(", 'emits': {'success': 1}")) << "steps[0].emits.success"
                                              << "expected an event name";
        QTest::newRow("compensation on") << minimal(J(", 'compensation': {'on': [true]}")) << "steps[0].compensation.on[0]"
                                         << "expected an event name";
        QTest::newRow("compensation emits") << minimal(J(", 'compensation': {'emits': ['A']}"))
                                            << "steps[0].compensation.emits" << "expected an event name";
        QTest::newRow("start number") << QByteArray(J("{'format': 'sagascope/1', 'start': 3, 'steps': []}")) << "start"
                                      << "expected an event name";
        QTest::newRow("duplicate keys") << QByteArray(J("{'format': 'sagascope/1', 'steps': [], 'steps': []}"))
                                        << QString() << "duplicate key \"steps\"";
        QTest::newRow("duplicate nested keys") << minimal(J(", 'timeoutMs': 1, 'timeoutMs': 2")) << "steps[0]"
                                               << "duplicate key \"timeoutMs\"";
        QTest::newRow("non-UTF-8") << QByteArray("{\"format\": \"sagascope/1\", \"name\": \"caf\xe9\", \"steps\": []}")
                                   << "name" << "not valid UTF-8";
        QTest::newRow("overlong UTF-8") << QByteArray("{\"format\": \"sagascope/1\", \"name\": \"\xc0\xaf\", \"steps\": []}")
                                        << "name" << "not valid UTF-8";
        QTest::newRow("lone surrogate") << QByteArray(J("{'format': 'sagascope/1', 'name': '\\ud800', 'steps': []}"))
                                        << "name" << "surrogate";
        QTest::newRow("control char") << QByteArray("{\"format\": \"sagascope/1\", \"name\": \"a\nb\", \"steps\": []}")
                                      << "name" << "control character";
        QTest::newRow("nested 100000 deep") << QByteArray(100000, '[') + QByteArray(100000, ']')
                                            << QStringLiteral("[0]").repeated(20) + QChar(0x2026)
                                            << "nested more than";
        QTest::newRow("deep inside steps") << QByteArray(J("{'format': 'sagascope/1', 'steps': ")) + QByteArray(100000, '[')
                                           << QString(QStringLiteral("steps") + QStringLiteral("[0]").repeated(255)).left(60) + QChar(0x2026)
                                           << "nested more than";
        QTest::newRow("NaN literal") << QByteArray(J("{'format': 'sagascope/1', 'steps': [], 'x': NaN}")) << "x"
                                     << "expected a JSON value";
        QTest::newRow("huge number") << minimal(J(", 'timeoutMs': 1e999")) << "steps[0].timeoutMs" << "out of range";
        const auto withSim = [](const char *sim) {
            return minimal().replace(J("'action': {'name': 'do'}"), QByteArray(J("'action': {'sim': ") + J(sim) + "}"));
        };
        QTest::newRow("resources array") << QByteArray(J("{'format': 'sagascope/1', 'resources': [5], 'steps': []}"))
                                         << "resources" << "expected an object, found an array";
        QTest::newRow("resource fraction") << QByteArray(J("{'format': 'sagascope/1', 'resources': {'stock': 1.5}, 'steps': []}"))
                                           << "resources.stock" << "expected a whole number, found 1.5";
        QTest::newRow("resource string") << QByteArray(J("{'format': 'sagascope/1', 'resources': {'stock': '5'}, 'steps': []}"))
                                         << "resources.stock" << "expected a whole number, found a string";
        QTest::newRow("effect not object") << withSim("{'effect': 'stock'}") << "steps[0].action.sim.effect"
                                           << "expected an object, found a string";
        QTest::newRow("effect no resource") << withSim("{'effect': {'delta': -1}}") << "steps[0].action.sim.effect.resource"
                                            << "\"resource\" is missing";
        QTest::newRow("effect no delta") << withSim("{'effect': {'resource': 's'}}") << "steps[0].action.sim.effect.delta"
                                         << "\"delta\" is missing";
        QTest::newRow("effect delta fraction") << withSim("{'effect': {'resource': 's', 'delta': 0.5}}")
                                               << "steps[0].action.sim.effect.delta" << "whole number";
        QTest::newRow("effect min string") << withSim("{'effect': {'resource': 's', 'delta': 1, 'min': 'zero'}}")
                                           << "steps[0].action.sim.effect.min" << "expected a whole number, found a string";
        QTest::newRow("effect huge delta") << withSim("{'effect': {'resource': 's', 'delta': 1e300}}")
                                           << "steps[0].action.sim.effect.delta" << "out of range";
        QTest::newRow("bad countermeasure") << withSim("{'countermeasure': 'optimistic'}") << "steps[0].action.sim.countermeasure"
                                            << "unknown countermeasure \"optimistic\"";
        QTest::newRow("bad onLocked") << withSim("{'onLocked': 'retry'}") << "steps[0].action.sim.onLocked"
                                      << "unknown value \"retry\"; expected \"wait\" or \"fail\"";
    }

    void badInput()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(QString, path);
        QFETCH(QString, fault);
        const QString file = write(QStringLiteral("bad.saga"), bytes);
        const LoadResult result = SagaFile::load(file);
        QVERIFY(!result.ok());
        QCOMPARE(result.error.file, file);
        QCOMPARE(result.error.jsonPath, path);
        QVERIFY2(result.error.message.contains(fault), qPrintable(result.error.message));
        QVERIFY2(result.error.toString().startsWith(file), qPrintable(result.error.toString()));
    }

    void errorPointsAtLineAndColumn()
    {
        const QByteArray text = "{\n  \"format\": \"sagascope/1\",\n  \"steps\": [\n    {\"id\": \"a\", \"kind\": \"pivot\","
                                " \"action\": {}, \"timeoutMs\": \"soon\"}\n  ]\n}\n";
        const LoadResult result = SagaFile::parse(text, QStringLiteral("x.saga"));
        QVERIFY(!result.ok());
        QCOMPARE(result.error.line, 4);
        QCOMPARE(result.error.column, 61);
        QCOMPARE(result.error.toString(),
                 QStringLiteral("x.saga:4:61: steps[0].timeoutMs: expected a whole number, found a string"));
        const LoadResult syntax = SagaFile::parse("{\n  \"format\" \"sagascope/1\"\n}", QStringLiteral("y.saga"));
        QCOMPARE(syntax.error.toString(), QStringLiteral("y.saga:2:12: expected ':' after the key \"format\""));
    }

    void missingFileAndDirectory()
    {
        const LoadResult missing = SagaFile::load(m_dir.filePath(QStringLiteral("nope.saga")));
        QVERIFY(!missing.ok());
        QVERIFY(missing.error.message.contains(QLatin1String("no such file")));
        const LoadResult dir = SagaFile::load(m_dir.path());
        QVERIFY(!dir.ok());
        QVERIFY(dir.error.message.contains(QLatin1String("directory")));
    }

    void fiftyMegabytes()
    {
        // A 50 MB file is refused by its size, before it is read.
        const QString path = m_dir.filePath(QStringLiteral("big.saga"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        QVERIFY(file.resize(50 * 1024 * 1024));
        file.close();
        const LoadResult result = SagaFile::load(path);
        QVERIFY(!result.ok());
        QVERIFY2(result.error.message.contains(QLatin1String("too large (50.0 MB")), qPrintable(result.error.message));
        QFile::remove(path);
    }

    void saveIsAtomicAndReportsFailure()
    {
        const LoadResult result = SagaFile::parse(minimal(), QStringLiteral("t.saga"));
        QVERIFY(result.ok());
        QString error;
        QVERIFY(!SagaFile::save(*result.definition, m_dir.filePath(QStringLiteral("no/such/dir/x.saga")), &error));
        QVERIFY2(error.contains(QLatin1String("x.saga")), qPrintable(error));
        // An existing file is replaced whole, never truncated half-way.
        const QString path = write(QStringLiteral("atomic.saga"), "old contents");
        QVERIFY(SagaFile::save(*result.definition, path, &error));
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(file.readAll(), SagaFile::serialize(*result.definition));
        QCOMPARE(QDir(m_dir.path()).entryList({QStringLiteral("atomic.saga*")}, QDir::Files).size(), 1);
    }

    void saveKeepsTheFileMode_data()
    {
        QTest::addColumn<int>("mode");
        QTest::newRow("0644") << 0644;
        QTest::newRow("0600") << 0600;
        QTest::newRow("0640") << 0640;
        QTest::newRow("0444 read-only") << 0444;
    }

    void saveKeepsTheFileMode()
    {
        QFETCH(int, mode);
        const LoadResult result = SagaFile::parse(minimal(), QStringLiteral("t.saga"));
        QVERIFY(result.ok());
        const QString path = write(QStringLiteral("mode.saga"), "old contents");
        QVERIFY(::chmod(QFile::encodeName(path).constData(), mode_t(mode)) == 0);
        QString error;
        const bool saved = SagaFile::save(*result.definition, path, &error);
        struct stat info = {};
        QVERIFY(::stat(QFile::encodeName(path).constData(), &info) == 0);
        QCOMPARE(int(info.st_mode & 07777), mode);
        // A read-only file is written only by a user who may (root); anyone else is told why.
        const bool mayWrite = (mode & 0200) || ::geteuid() == 0;
        QCOMPARE(saved, mayWrite);
        if (!saved)
            QVERIFY2(error.contains(QLatin1String("mode.saga")), qPrintable(error));
        ::chmod(QFile::encodeName(path).constData(), 0644);
        QFile::remove(path);
    }

    void numbersAndStringsRoundTrip()
    {
        const QByteArray text = J("{'format': 'sagascope/1', 'name': '주문 \\'결제\\' \\\\ \\t\\u0001 ✓',\n"
             "            'steps': [{'id': 'a', 'kind': 'pivot', 'action': {'sim': {'technicalFailure': 0.1, 'latencyMs': [0, 3]}},\n"
             "                       'retry': {'multiplier': 1.5, 'jitter': 0}}]}");
        const LoadResult first = SagaFile::parse(text, QStringLiteral("t.saga"));
        QVERIFY2(first.ok(), qPrintable(first.error.toString()));
        const QByteArray saved = SagaFile::serialize(*first.definition);
        QVERIFY2(saved.contains("\"technicalFailure\": 0.1"), saved.constData());
        QVERIFY(saved.contains("\"multiplier\": 1.5"));
        QVERIFY(saved.contains("\"latencyMs\": [0, 3]"));
        QVERIFY(saved.contains(QStringLiteral("주문").toUtf8()));
        QVERIFY(saved.contains("\\u0001"));
        const LoadResult second = SagaFile::parse(saved, QStringLiteral("t.saga"));
        QVERIFY(second.ok());
        QCOMPARE(second.definition->name, first.definition->name);
        QCOMPARE(*second.definition, *first.definition);
    }
};

QTEST_GUILESS_MAIN(TestSagaFile)
#include "tst_sagafile.moc"
