// SPDX-License-Identifier: MIT
// Sagas with events through the bridge (SPEC section 5): BPMN gets a collaboration, one pool per
// service, message catch and throw events and message flows between the pools; ASL and Seata,
// which have no events, get the equivalent orchestration with a warning, or a clear error.
#include "bpmnbridge.h"
#include "bpmnchoreography.h"
#include "bridgetest.h"
#include "eventindex.h"
#include "sagaconvert.h"

#include <QHash>
#include <QSet>
#include <QXmlStreamReader>

using namespace Sagascope;
using namespace Sagascope::BridgeTest;

namespace {

/** What the test needs of a BPMN file, read with a plain XML reader. */
struct Bpmn
{
    QString error;
    QHash<QString, QString> element;    // id -> element name
    QHash<QString, QString> processOf;  // flow node id -> its process
    QHash<QString, QString> messageRef; // catch/throw event id -> message id
    QHash<QString, QString> messageName; // message id -> its name
    QHash<QString, QString> participantProcess; // participant id -> process id
    QHash<QString, QString> participantName;
    QHash<QString, QString> taskType;   // serviceTask id -> zeebe type
    QList<std::pair<QString, QString>> sequenceFlows;
    QList<std::pair<QString, QString>> messageFlows;
    QSet<QString> shapes;               // bpmnElement of every shape and edge
    QStringList duplicates;
    QString correlationKey;
};

Bpmn read(const QByteArray &bytes)
{
    Bpmn b;
    QXmlStreamReader xml(bytes);
    QString process;
    QString current; // the flow node being read
    QString message;
    const QString model = QLatin1String(BpmnBridge::ModelNs);
    while (!xml.atEnd()) {
        xml.readNext();
        if (!xml.isStartElement())
            continue;
        const QString name = xml.name().toString();
        const auto a = xml.attributes();
        const QString id = a.value(QLatin1String("id")).toString();
        if (xml.namespaceUri() == model && !id.isEmpty()) {
            if (b.element.contains(id))
                b.duplicates.append(id);
            b.element.insert(id, name);
        }
        if (name == QLatin1String("process")) {
            process = id;
        } else if (name == QLatin1String("participant")) {
            b.participantProcess.insert(id, a.value(QLatin1String("processRef")).toString());
            b.participantName.insert(id, a.value(QLatin1String("name")).toString());
        } else if (name == QLatin1String("message")) {
            message = id;
            b.messageName.insert(id, a.value(QLatin1String("name")).toString());
        } else if (name == QLatin1String("subscription")) {
            b.correlationKey = a.value(QLatin1String("correlationKey")).toString();
        } else if (name == QLatin1String("sequenceFlow")) {
            b.sequenceFlows.append({a.value(QLatin1String("sourceRef")).toString(), a.value(QLatin1String("targetRef")).toString()});
            b.processOf.insert(id, process);
        } else if (name == QLatin1String("messageFlow")) {
            b.messageFlows.append({a.value(QLatin1String("sourceRef")).toString(), a.value(QLatin1String("targetRef")).toString()});
        } else if (name == QLatin1String("messageEventDefinition")) {
            b.messageRef.insert(current, a.value(QLatin1String("messageRef")).toString());
        } else if (name == QLatin1String("taskDefinition")) {
            b.taskType.insert(current, a.value(QLatin1String("type")).toString());
        } else if (name == QLatin1String("BPMNShape") || name == QLatin1String("BPMNEdge")) {
            b.shapes.insert(a.value(QLatin1String("bpmnElement")).toString());
        } else if (xml.namespaceUri() == model
                   && (name.endsWith(QLatin1String("Event")) || name.endsWith(QLatin1String("Task"))
                       || name.endsWith(QLatin1String("Gateway")))) {
            current = id;
            b.processOf.insert(id, process);
        }
    }
    if (xml.hasError())
        b.error = xml.errorString();
    return b;
}

QString poolOf(const Bpmn &b, const QString &service)
{
    return QStringLiteral("Process_") + service;
}

} // namespace

class TestBpmnChoreography : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void choreographyIsACollaborationOfPools();
    void mixedSagaGoesThroughItsChoreographedForm();
    void aslAndSeataSayWhatTheyCannotHold_data();
    void aslAndSeataSayWhatTheyCannotHold();
    void noOrchestratedFormIsAnError();
};

void TestBpmnChoreography::choreographyIsACollaborationOfPools()
{
    const SagaDefinition saga = load(examplePath(QStringLiteral("order-choreography")));
    QStringList warnings;
    const Bpmn b = read(exportOrFail(saga, BridgeFormat::Bpmn, &warnings));
    QVERIFY2(b.error.isEmpty(), qPrintable(b.error));
    QVERIFY2(b.duplicates.isEmpty(), qPrintable(b.duplicates.join(u' ')));
    // Only what Zeebe cannot hold: unbounded retries (the retriable steps, the compensations).
    QCOMPARE(warnings.size(), 1);
    QVERIFY2(warnings.first().contains(QLatin1String("approve_order")) && warnings.first().contains(QLatin1String("create_order (compensation)")),
             qPrintable(warnings.first()));
    QCOMPARE(b.correlationKey, QStringLiteral("=instance"));

    // One pool per service, no orchestrator.
    QSet<QString> services;
    for (const Step &step : saga.steps)
        services.insert(step.service);
    QCOMPARE(b.participantProcess.size(), services.size());
    for (auto it = b.participantProcess.cbegin(); it != b.participantProcess.cend(); ++it)
        QCOMPARE(b.element.value(it.value()), QStringLiteral("process"));

    // One message per event.
    const EventIndex events(saga);
    QCOMPARE(b.messageName.size(), events.events().size());
    for (const QString &event : events.events())
        QCOMPARE(b.messageName.value(BpmnChoreography::messageId(event)), event);

    for (const Step &step : saga.steps) {
        const QString process = poolOf(b, step.service);
        QCOMPARE(b.element.value(step.id), QStringLiteral("serviceTask"));
        QCOMPARE(b.processOf.value(step.id), process);
        QCOMPARE(b.taskType.value(step.id), step.action.name);
        // What it listens to: a catch event in its pool for each event of `on`.
        QSet<QString> caught;
        QSet<QString> thrown;
        QSet<QString> compensationCaught;
        for (auto it = b.messageRef.cbegin(); it != b.messageRef.cend(); ++it) {
            if (b.processOf.value(it.key()) != process || !it.key().startsWith(step.id + u'_'))
                continue;
            const QString event = b.messageName.value(it.value());
            const bool compensation = it.key().startsWith(step.id + QStringLiteral("_compensation"));
            if (b.element.value(it.key()) == QLatin1String("intermediateCatchEvent"))
                (compensation ? compensationCaught : caught).insert(event);
            else if (b.element.value(it.key()) == QLatin1String("intermediateThrowEvent"))
                thrown.insert(event);
        }
        QCOMPARE(caught, QSet<QString>(step.on.cbegin(), step.on.cend()));
        QSet<QString> emitted;
        if (step.emits && !step.emits->success.isEmpty())
            emitted.insert(step.emits->success);
        if (step.emits && !step.emits->failure.isEmpty())
            emitted.insert(step.emits->failure);
        if (step.compensation && !step.compensation->emits.isEmpty())
            emitted.insert(step.compensation->emits);
        QCOMPARE(thrown, emitted);
        if (step.compensation) {
            QCOMPARE(compensationCaught, QSet<QString>(step.compensation->on.cbegin(), step.compensation->on.cend()));
            QCOMPARE(b.taskType.value(step.id + QStringLiteral("_compensation")), step.compensation->name);
            if (step.compensation->on.size() > 1) // any one of them
                QCOMPARE(b.element.value(step.id + QStringLiteral("_compensation_any")), QStringLiteral("eventBasedGateway"));
        }
        if (step.on.size() > 1) // all of them
            QCOMPARE(b.element.value(step.id + QStringLiteral("_join")), QStringLiteral("parallelGateway"));
    }

    // Sequence flows stay in their pool; message flows go from a throw to a catch of the same
    // message in another pool, one for each such pair.
    for (const auto &[source, target] : b.sequenceFlows) {
        QVERIFY2(b.element.contains(source) && b.element.contains(target), qPrintable(source + u' ' + target));
        QCOMPARE(b.processOf.value(source), b.processOf.value(target));
    }
    int expectedFlows = 0;
    for (auto t = b.messageRef.cbegin(); t != b.messageRef.cend(); ++t) {
        if (b.element.value(t.key()) != QLatin1String("intermediateThrowEvent"))
            continue;
        for (auto c = b.messageRef.cbegin(); c != b.messageRef.cend(); ++c) {
            if (b.element.value(c.key()) == QLatin1String("intermediateCatchEvent") && c.value() == t.value()
                && b.processOf.value(c.key()) != b.processOf.value(t.key()))
                ++expectedFlows;
        }
    }
    QVERIFY(expectedFlows > 0);
    QCOMPARE(int(b.messageFlows.size()), expectedFlows);
    for (const auto &[source, target] : b.messageFlows) {
        QCOMPARE(b.element.value(source), QStringLiteral("intermediateThrowEvent"));
        QCOMPARE(b.element.value(target), QStringLiteral("intermediateCatchEvent"));
        QCOMPARE(b.messageRef.value(source), b.messageRef.value(target));
        QVERIFY(b.processOf.value(source) != b.processOf.value(target));
    }
    // Everything has its shape, so a modeler opens it readably.
    for (auto it = b.element.cbegin(); it != b.element.cend(); ++it) {
        const QString &e = it.value();
        if (e.endsWith(QLatin1String("Event")) || e.endsWith(QLatin1String("Task")) || e.endsWith(QLatin1String("Gateway"))
            || e == QLatin1String("sequenceFlow") || e == QLatin1String("messageFlow") || e == QLatin1String("participant"))
            QVERIFY2(b.shapes.contains(it.key()), qPrintable(QStringLiteral("no shape for ") + it.key()));
    }
}

void TestBpmnChoreography::mixedSagaGoesThroughItsChoreographedForm()
{
    const SagaDefinition saga = load(examplePath(QStringLiteral("order-mixed")));
    QStringList warnings;
    const Bpmn b = read(exportOrFail(saga, BridgeFormat::Bpmn, &warnings));
    QVERIFY2(b.error.isEmpty(), qPrintable(b.error));
    QVERIFY(!warnings.isEmpty());
    QVERIFY2(warnings.first().contains(QLatin1String("choreographed form")), qPrintable(warnings.first()));
    // The tail keeps its own event; the core talks in generated ones.
    QCOMPARE(b.messageName.value(BpmnChoreography::messageId(QStringLiteral("OrderApproved"))), QStringLiteral("OrderApproved"));
    const QString generated = SagaConvert::succeededEvent(QStringLiteral("create_order"));
    QCOMPARE(b.messageName.value(BpmnChoreography::messageId(generated)), generated);
    QVERIFY(!b.messageFlows.isEmpty());
}

void TestBpmnChoreography::aslAndSeataSayWhatTheyCannotHold_data()
{
    QTest::addColumn<int>("format");
    QTest::addColumn<QString>("saga");
    for (const auto &[format, name] : {std::pair{BridgeFormat::Asl, "asl"}, std::pair{BridgeFormat::Seata, "seata"}}) {
        for (const char *saga : {"order-choreography", "order-mixed"})
            QTest::newRow(qPrintable(QStringLiteral("%1 %2").arg(QLatin1String(name), QLatin1String(saga)))) << int(format) << saga;
    }
}

void TestBpmnChoreography::aslAndSeataSayWhatTheyCannotHold()
{
    QFETCH(int, format);
    QFETCH(QString, saga);
    const SagaDefinition definition = load(examplePath(saga));
    QStringList warnings;
    QString error;
    const std::optional<QByteArray> bytes = Bridge::exportAs(definition, BridgeFormat(format), &warnings, &error);
    QVERIFY2(bytes, qPrintable(error));
    QVERIFY(!warnings.isEmpty());
    QVERIFY2(warnings.first().contains(QLatin1String("no events between services"))
                 && warnings.first().contains(QLatin1String("orchestrated form")),
             qPrintable(warnings.first()));
    // What it holds is the orchestration `convert` derives, byte for byte.
    const std::optional<SagaDefinition> orchestration = SagaConvert::toOrchestration(definition);
    QVERIFY(orchestration);
    QCOMPARE(*bytes, exportOrFail(*orchestration, BridgeFormat(format)));
}

void TestBpmnChoreography::noOrchestratedFormIsAnError()
{
    // A step that reacts to another's failure: no orchestration holds that.
    SagaDefinition saga = load(examplePath(QStringLiteral("order-choreography")));
    saga.steps[1].on = {QStringLiteral("OrderCreationFailed")};
    for (const BridgeFormat format : {BridgeFormat::Asl, BridgeFormat::Seata}) {
        QStringList warnings;
        QString error;
        QVERIFY(!Bridge::exportAs(saga, format, &warnings, &error));
        QVERIFY2(error.contains(QLatin1String("no events between services")) && error.contains(QLatin1String("BPMN")),
                 qPrintable(error));
    }
    QStringList warnings;
    QString error;
    QVERIFY2(Bridge::exportAs(saga, BridgeFormat::Bpmn, &warnings, &error), qPrintable(error)); // BPMN can
}

QTEST_GUILESS_MAIN(TestBpmnChoreography)
#include "tst_bpmnchoreography.moc"
