// SPDX-License-Identifier: MIT
// BPMN 2.0 for Camunda 8 / Zeebe: export, import back, foreign files, bad input.

#include "bpmnbridge.h"
#include "bridgeformattest.h"

#include <QFile>
#include <QHash>
#include <QObject>
#include <QRegularExpression>
#include <QTest>
#include <QXmlStreamReader>

using namespace Sagascope;
using namespace Sagascope::BridgeTest;

namespace {

const QString Model = QLatin1String(BpmnBridge::ModelNs);

/** What a BPMN file holds, as a reader sees it. */
struct Parsed
{
    QString error;
    QHash<QString, QString> elements;               // id -> local name
    QList<std::pair<QString, QString>> flows;       // sourceRef, targetRef
    QList<std::pair<QString, QString>> associations;
    QStringList diagramRefs;                        // bpmnElement of shapes and edges
    QHash<QString, QString> taskTypes;              // task id -> zeebe:taskDefinition type
    QStringList handlers;                           // isForCompensation tasks
    QHash<QString, QString> attachedTo;             // boundary event -> task
    QStringList pivots;                             // tasks whose sagascope:step is marked pivot
    QStringList duplicateIds;
};

Parsed parse(const QByteArray &bytes)
{
    Parsed p;
    QXmlStreamReader xml(bytes);
    QString task;
    while (!xml.atEnd()) {
        xml.readNext();
        if (!xml.isStartElement())
            continue;
        const QXmlStreamAttributes a = xml.attributes();
        const QString name = xml.name().toString();
        if (xml.namespaceUri() == Model) {
            const QString id = a.value(QLatin1String("id")).toString();
            if (!id.isEmpty() && p.elements.contains(id))
                p.duplicateIds.append(id);
            if (!id.isEmpty())
                p.elements.insert(id, name);
            if (name == QLatin1String("sequenceFlow"))
                p.flows.append({a.value(QLatin1String("sourceRef")).toString(), a.value(QLatin1String("targetRef")).toString()});
            if (name == QLatin1String("association"))
                p.associations.append({a.value(QLatin1String("sourceRef")).toString(), a.value(QLatin1String("targetRef")).toString()});
            if (name == QLatin1String("serviceTask")) {
                task = id;
                if (a.value(QLatin1String("isForCompensation")) == QLatin1String("true"))
                    p.handlers.append(id);
            }
            if (name == QLatin1String("boundaryEvent"))
                p.attachedTo.insert(id, a.value(QLatin1String("attachedToRef")).toString());
        } else if (xml.namespaceUri() == QLatin1String(BpmnBridge::DiNs)) {
            if (a.hasAttribute(QLatin1String("bpmnElement")))
                p.diagramRefs.append(a.value(QLatin1String("bpmnElement")).toString());
        } else if (xml.namespaceUri() == QLatin1String(BpmnBridge::ZeebeNs) && name == QLatin1String("taskDefinition")) {
            p.taskTypes.insert(task, a.value(QLatin1String("type")).toString());
        } else if (xml.namespaceUri() == QLatin1String(BpmnBridge::SagascopeNs) && name == QLatin1String("step")) {
            if (a.value(QLatin1String("pivot")) == QLatin1String("true"))
                p.pivots.append(task);
        }
    }
    if (xml.hasError())
        p.error = QStringLiteral("%1:%2: %3").arg(xml.lineNumber()).arg(xml.columnNumber()).arg(xml.errorString());
    return p;
}

QByteArray stripAnnotations(QByteArray bytes)
{
    // Sagascope's extension elements go; the Zeebe task definitions and headers stay.
    static const QRegularExpression step(QStringLiteral("<sagascope:step[^>]*>.*?</sagascope:step>"),
                                         QRegularExpression::DotMatchesEverythingOption);
    static const QRegularExpression saga(QStringLiteral("<sagascope:saga>.*?</sagascope:saga>"),
                                         QRegularExpression::DotMatchesEverythingOption);
    QString text = QString::fromUtf8(bytes);
    text.remove(step);
    text.remove(saga);
    return text.toUtf8();
}

std::optional<SagaDefinition> importBytes(const QByteArray &bytes, QStringList *warnings, QString *error)
{
    return Bridge::importFrom(bytes, BridgeFormat::Bpmn, QStringLiteral("process.bpmn"), warnings, error);
}

} // namespace

class TestBpmn : public BridgeFormatTest
{
    Q_OBJECT
public:
    TestBpmn() : BridgeFormatTest(BridgeFormat::Bpmn, "\"kind\":\"pivot\"") {}

private Q_SLOTS:
    void truncatedFilesAreRefusedCleanly()
    {
        checkTruncations(load(examplePath(QStringLiteral("travel-booking"))), BridgeFormat::Bpmn);
    }

        void visibleStructureImports_data() { addSagaRows(); }
    void visibleStructureImports()
    {
        // Gateways express any DAG: without the annotations `after` comes back exactly.
        QFETCH(QString, path);
        const SagaDefinition original = load(path);
        const QByteArray stripped = stripAnnotations(exportOrFail(original, BridgeFormat::Bpmn));
        QVERIFY(!stripped.contains("<sagascope:step"));
        QStringList warnings;
        QString error;
        const std::optional<SagaDefinition> imported = importBytes(stripped, &warnings, &error);
        QVERIFY2(imported, qPrintable(error));
        compareVisible(*imported, original, AfterCheck::Exact, 1);
    }

    void processIsWellFormed_data() { addSagaRows(); }
    void processIsWellFormed()
    {
        QFETCH(QString, path);
        const SagaDefinition original = load(path);
        const Parsed p = parse(exportOrFail(original, BridgeFormat::Bpmn));
        QVERIFY2(p.error.isEmpty(), qPrintable(p.error));
        QVERIFY2(p.duplicateIds.isEmpty(), qPrintable(p.duplicateIds.join(QLatin1Char(' '))));
        for (const auto &[source, target] : p.flows) {
            QVERIFY2(p.elements.contains(source), qPrintable(QStringLiteral("sourceRef ") + source));
            QVERIFY2(p.elements.contains(target), qPrintable(QStringLiteral("targetRef ") + target));
        }
        for (const auto &[source, target] : p.associations) {
            QVERIFY2(p.elements.value(source) == QLatin1String("boundaryEvent"), qPrintable(source));
            QVERIFY2(p.handlers.contains(target), qPrintable(target));
        }
        for (auto it = p.attachedTo.cbegin(); it != p.attachedTo.cend(); ++it)
            QVERIFY2(p.elements.value(it.value()) == QLatin1String("serviceTask"), qPrintable(it.key()));
        for (const QString &ref : p.diagramRefs)
            QVERIFY2(p.elements.contains(ref), qPrintable(QStringLiteral("diagram refers to ") + ref));
        // Every flow node and flow has its shape or edge, so modelers open it readably.
        for (auto it = p.elements.cbegin(); it != p.elements.cend(); ++it) {
            if (it.value().endsWith(QLatin1String("Task")) || it.value().endsWith(QLatin1String("Event"))
                || it.value().endsWith(QLatin1String("Gateway")) || it.value() == QLatin1String("sequenceFlow"))
                QVERIFY2(p.diagramRefs.contains(it.key()), qPrintable(QStringLiteral("no shape for ") + it.key()));
        }
        int compensatable = 0;
        for (const Step &s : original.steps) {
            QCOMPARE(p.elements.value(s.id), QStringLiteral("serviceTask"));
            QCOMPARE(p.taskTypes.value(s.id), s.action.name);
            if (s.kind == StepKind::Compensatable) {
                ++compensatable;
                QCOMPARE(p.taskTypes.value(QStringLiteral("compensate-") + s.id), s.compensation->name);
            }
            QCOMPARE(p.pivots.contains(s.id), s.kind == StepKind::Pivot);
        }
        // The rollback runs the compensation tasks one after another, in reverse order, on the
        // way to saga-compensated: no compensation events, whose handlers Camunda 8 starts all
        // at once (issue 17, case 3).
        QCOMPARE(int(p.handlers.size()), 0);
        QCOMPARE(int(p.associations.size()), 0);
        if (compensatable > 0)
            QCOMPARE(p.elements.value(QStringLiteral("saga-compensated")), QStringLiteral("endEvent"));
    }

    void fanOutAndFanInUseParallelGateways()
    {
        const Parsed p = parse(exportOrFail(load(examplePath(QStringLiteral("travel-booking"))), BridgeFormat::Bpmn));
        QCOMPARE(p.elements.value(QStringLiteral("fork-start")), QStringLiteral("parallelGateway"));
        QCOMPARE(p.elements.value(QStringLiteral("join-charge_card")), QStringLiteral("parallelGateway"));
        int intoJoin = 0;
        for (const auto &[source, target] : p.flows)
            intoJoin += target == QLatin1String("join-charge_card") ? 1 : 0;
        QCOMPARE(intoJoin, 3);
    }

    void diagramUsesPositions()
    {
        const QByteArray bytes = exportOrFail(load(dataPath(QStringLiteral("n-shaped.saga"))), BridgeFormat::Bpmn);
        // Step p's card is centred at (600, 120) in the .saga file; BPMN bounds give the top left.
        // The cards are 290 px apart, too close for the gateways and events between them, so x
        // is stretched to 480 px between connected cards: 600 * 480 / 290 = 993.
        const QRegularExpression shape(QStringLiteral("bpmnElement=\"p\">\\s*<dc:Bounds x=\"943\" y=\"80\" width=\"100\" height=\"80\""));
        QVERIFY(shape.match(QString::fromUtf8(bytes)).hasMatch());
    }

    void editedFileKeepsTheVisibleValue()
    {
        const SagaDefinition original = load(examplePath(QStringLiteral("order-checkout")));
        QByteArray bytes = exportOrFail(original, BridgeFormat::Bpmn);
        QVERIFY(bytes.contains("type=\"capturePayment\""));
        bytes.replace("type=\"capturePayment\"", "type=\"payments.capture\"");
        QStringList warnings;
        QString error;
        const std::optional<SagaDefinition> imported = importBytes(bytes, &warnings, &error);
        QVERIFY2(imported, qPrintable(error));
        QCOMPARE(imported->step(QStringLiteral("take_payment"))->action.name, QStringLiteral("payments.capture"));
        QCOMPARE(warnings.size(), 1);
    }

    void foreignFileImports()
    {
        QFile file(dataPath(QStringLiteral("foreign-trip.bpmn")));
        QVERIFY(file.open(QIODevice::ReadOnly));
        QStringList warnings;
        QString error;
        const std::optional<SagaDefinition> saga =
            Bridge::importFrom(file.readAll(), BridgeFormat::Bpmn, file.fileName(), &warnings, &error);
        QVERIFY2(saga, qPrintable(error));
        QCOMPARE(saga->name, QStringLiteral("Trip booking"));
        QCOMPARE(saga->description, QStringLiteral("Book hotel, then flight and car in parallel, then charge."));
        QStringList ids;
        for (const Step &s : saga->steps)
            ids.append(s.id);
        QCOMPARE(ids, (QStringList{QStringLiteral("bookHotel"), QStringLiteral("bookFlight"), QStringLiteral("rent_car"),
                                   QStringLiteral("chargeCard"), QStringLiteral("sendEmail")}));
        const Step *hotel = saga->step(QStringLiteral("bookHotel"));
        QCOMPARE(hotel->kind, StepKind::Compensatable);
        QCOMPARE(hotel->action.name, QStringLiteral("book-hotel"));
        QCOMPARE(hotel->effectiveActionRetry().maxAttempts, 4);
        QCOMPARE(hotel->compensation->name, QStringLiteral("cancel-hotel"));
        QCOMPARE(hotel->compensation->retry->maxAttempts, 10);
        const Step *car = saga->step(QStringLiteral("rent_car"));
        QCOMPARE(car->action.name, QStringLiteral("rent-car"));     // camunda:topic
        QCOMPARE(car->compensation->name, QStringLiteral("cancel-car"));
        QCOMPARE(car->after, QStringList{QStringLiteral("bookHotel")});
        const Step *charge = saga->step(QStringLiteral("chargeCard"));
        QCOMPARE(charge->kind, StepKind::Pivot);
        QCOMPARE(charge->after, (QStringList{QStringLiteral("bookFlight"), QStringLiteral("rent_car")}));
        QCOMPARE(saga->step(QStringLiteral("sendEmail"))->kind, StepKind::Retriable);
        QVERIFY(!saga->step(QStringLiteral("auditLater")));
        QCOMPARE(warnings.filter(QStringLiteral("auditLater")).size(), 1);
        QCOMPARE(warnings.filter(QStringLiteral("taken as the pivot")).size(), 1);
        QCOMPARE(warnings.filter(QStringLiteral("not a valid step id")).size(), 1);
    }

    void transactionAndAdHocSubProcessAreOneStepEach()
    {
        // Issue 17, case 11: imported as one step each, with a warning naming the construct (they
        // were refused as "sequenceFlow 'toAtomic' refers to 'atomic', which the process does not have").
        const QByteArray bytes =
            "<definitions xmlns=\"http://www.omg.org/spec/BPMN/20100524/MODEL\"><process id=\"p\">\n"
            "<startEvent id=\"s\"/>\n"
            "<transaction id=\"atomic\"><startEvent id=\"in\"/><task id=\"inner\"/></transaction>\n"
            "<adHocSubProcess id=\"loose\"><task id=\"any\"/></adHocSubProcess>\n"
            "<endEvent id=\"e\"/>\n"
            "<sequenceFlow id=\"toAtomic\" sourceRef=\"s\" targetRef=\"atomic\"/>"
            "<sequenceFlow id=\"toLoose\" sourceRef=\"atomic\" targetRef=\"loose\"/>"
            "<sequenceFlow id=\"toEnd\" sourceRef=\"loose\" targetRef=\"e\"/>\n"
            "</process></definitions>";
        QStringList warnings;
        QString error;
        const std::optional<SagaDefinition> saga = importBytes(bytes, &warnings, &error);
        QVERIFY2(saga, qPrintable(error));
        QCOMPARE(sortedIds(*saga), (QStringList{QStringLiteral("atomic"), QStringLiteral("loose")}));
        QCOMPARE(saga->step(QStringLiteral("loose"))->after, QStringList{QStringLiteral("atomic")});
        QCOMPARE(warnings.filter(QStringLiteral("<transaction id=\"atomic\"> is imported as one step")).size(), 1);
        QCOMPARE(warnings.filter(QStringLiteral("<adHocSubProcess id=\"loose\"> is imported as one step")).size(), 1);
    }

    void malformedInputIsRefused_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QStringList>("expected");
        QTest::newRow("not XML") << QByteArray("<?xml version=\"1.0\"?>\n<definitions xmlns=\"http://www.omg.org/spec/BPMN/20100524/MODEL\">\n<process></definitions>")
                                 << QStringList{QStringLiteral("process.bpmn:3:"), QStringLiteral("not well-formed XML")};
        QTest::newRow("JSON") << QByteArray("{\"StartAt\": \"a\"}")
                              << QStringList{QStringLiteral("not well-formed XML")};
        QTest::newRow("not BPMN") << QByteArray("<?xml version=\"1.0\"?>\n<scxml xmlns=\"http://www.w3.org/2005/07/scxml\"/>")
                                  << QStringList{QStringLiteral("process.bpmn:2:"), QStringLiteral("not BPMN 2.0"),
                                                 QStringLiteral("scxml")};
        QTest::newRow("no process")
            << QByteArray("<definitions xmlns=\"http://www.omg.org/spec/BPMN/20100524/MODEL\"/>")
            << QStringList{QStringLiteral("no <process>")};
        QTest::newRow("unknown targetRef")
            << QByteArray("<definitions xmlns=\"http://www.omg.org/spec/BPMN/20100524/MODEL\"><process id=\"p\">\n"
                          "<startEvent id=\"s\"/>\n"
                          "<sequenceFlow id=\"f1\" sourceRef=\"s\" targetRef=\"nowhere\"/>\n"
                          "</process></definitions>")
            << QStringList{QStringLiteral("process.bpmn:3:"), QStringLiteral("sequenceFlow 'f1'"), QStringLiteral("'nowhere'")};
        QTest::newRow("unknown attachedToRef")
            << QByteArray("<definitions xmlns=\"http://www.omg.org/spec/BPMN/20100524/MODEL\"><process id=\"p\">\n"
                          "<boundaryEvent id=\"b\" attachedToRef=\"ghost\"><compensateEventDefinition/></boundaryEvent>\n"
                          "</process></definitions>")
            << QStringList{QStringLiteral("process.bpmn:2:"), QStringLiteral("'ghost'")};
        QTest::newRow("duplicate id")
            << QByteArray("<definitions xmlns=\"http://www.omg.org/spec/BPMN/20100524/MODEL\"><process id=\"p\">\n"
                          "<task id=\"t\"/>\n<task id=\"t\"/>\n</process></definitions>")
            << QStringList{QStringLiteral("process.bpmn:3:"), QStringLiteral("duplicate id 't'")};
        QTest::newRow("loop")
            << QByteArray("<definitions xmlns=\"http://www.omg.org/spec/BPMN/20100524/MODEL\"><process id=\"p\">\n"
                          "<startEvent id=\"s\"/><task id=\"a\"/><task id=\"b\"/>\n"
                          "<sequenceFlow id=\"f1\" sourceRef=\"s\" targetRef=\"a\"/>"
                          "<sequenceFlow id=\"f2\" sourceRef=\"a\" targetRef=\"b\"/>"
                          "<sequenceFlow id=\"f3\" sourceRef=\"b\" targetRef=\"a\"/>\n"
                          "</process></definitions>")
            << QStringList{QStringLiteral("loop")};
    }
    void malformedInputIsRefused()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(QStringList, expected);
        QStringList warnings;
        QString error;
        QVERIFY(!importBytes(bytes, &warnings, &error));
        QVERIFY(error.startsWith(QLatin1String("process.bpmn")));
        for (const QString &part : expected)
            QVERIFY2(error.contains(part), qPrintable(error + QStringLiteral(" lacks ") + part));
    }
};

QTEST_GUILESS_MAIN(TestBpmn)
#include "tst_bpmn.moc"
