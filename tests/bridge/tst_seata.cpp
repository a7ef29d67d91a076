// SPDX-License-Identifier: MIT
// Seata's saga state language: export, import back, foreign files, bad input.

#include "bridgeformattest.h"
#include "seatabridge.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QObject>
#include <QTest>

using namespace Sagascope;
using namespace Sagascope::BridgeTest;

namespace {

QJsonObject parseObject(const QByteArray &bytes)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(bytes, &error);
    if (error.error != QJsonParseError::NoError)
        qWarning("not JSON: %s", qPrintable(error.errorString()));
    return document.object();
}

/** What Seata itself reads: every `Sagascope` member removed. */
QJsonObject stripAnnotations(QJsonObject machine)
{
    machine.remove(QStringLiteral("Sagascope"));
    QJsonObject states = machine.value(QLatin1String("States")).toObject();
    for (auto it = states.begin(); it != states.end(); ++it) {
        QJsonObject state = it.value().toObject();
        state.remove(QStringLiteral("Sagascope"));
        it.value() = state;
    }
    machine.insert(QStringLiteral("States"), states);
    return machine;
}

QStringList references(const QJsonObject &state)
{
    QStringList names;
    for (const char *key : {"Next", "Default", "CompensateState"}) {
        if (state.contains(QLatin1String(key)))
            names.append(state.value(QLatin1String(key)).toString());
    }
    for (const char *list : {"Catch", "Choices"}) {
        for (const QJsonValue &v : state.value(QLatin1String(list)).toArray())
            names.append(v.toObject().value(QLatin1String("Next")).toString());
    }
    return names;
}

std::optional<SagaDefinition> importBytes(const QByteArray &bytes, QStringList *warnings, QString *error)
{
    return Bridge::importFrom(bytes, BridgeFormat::Seata, QStringLiteral("machine.seata.json"), warnings, error);
}

} // namespace

class TestSeata : public BridgeFormatTest
{
    Q_OBJECT
public:
    TestSeata() : BridgeFormatTest(BridgeFormat::Seata, "\"kind\": \"pivot\"") {}

private Q_SLOTS:
    void truncatedFilesAreRefusedCleanly()
    {
        checkTruncations(load(examplePath(QStringLiteral("travel-booking"))), BridgeFormat::Seata);
    }

        void visibleStructureImports_data() { addSagaRows(); }
    void visibleStructureImports()
    {
        // Seata runs the steps one after another: `after` comes back as a chain that implies
        // every original edge; Seata has no timeouts.
        QFETCH(QString, path);
        const SagaDefinition original = load(path);
        const QJsonObject stripped = stripAnnotations(parseObject(exportOrFail(original, BridgeFormat::Seata)));
        QVERIFY(!QJsonDocument(stripped).toJson().contains("Sagascope"));
        QStringList warnings;
        QString error;
        const std::optional<SagaDefinition> imported = importBytes(QJsonDocument(stripped).toJson(), &warnings, &error);
        QVERIFY2(imported, qPrintable(error));
        compareVisible(*imported, original, AfterCheck::Implied, 0);
    }

    void stateMachineIsWellFormed_data() { addSagaRows(); }
    void stateMachineIsWellFormed()
    {
        QFETCH(QString, path);
        const SagaDefinition original = load(path);
        const QJsonObject machine = parseObject(exportOrFail(original, BridgeFormat::Seata));
        const QJsonObject states = machine.value(QLatin1String("States")).toObject();
        QVERIFY(!machine.value(QLatin1String("Name")).toString().isEmpty());
        QVERIFY(states.contains(machine.value(QLatin1String("StartState")).toString()));
        QSet<QString> reached;
        QStringList queue{machine.value(QLatin1String("StartState")).toString()};
        while (!queue.isEmpty()) {
            const QString name = queue.takeFirst();
            if (reached.contains(name))
                continue;
            reached.insert(name);
            for (const QString &target : references(states.value(name).toObject())) {
                QVERIFY2(states.contains(target), qPrintable(name + QStringLiteral(" -> ") + target));
                queue.append(target);
            }
        }
        QCOMPARE(reached.size(), states.size());
        for (const Step &s : original.steps) {
            const QJsonObject state = states.value(s.id).toObject();
            QCOMPARE(state.value(QLatin1String("Type")).toString(), QStringLiteral("ServiceTask"));
            QCOMPARE(state.value(QLatin1String("ServiceName")).toString(), s.service);
            QCOMPARE(state.value(QLatin1String("ServiceMethod")).toString(), s.action.name);
            QVERIFY(state.value(QLatin1String("Status")).isObject());
            QVERIFY(state.value(QLatin1String("Retry")).isArray());
            if (s.kind == StepKind::Compensatable) {
                const QJsonObject compensation = states.value(state.value(QLatin1String("CompensateState")).toString()).toObject();
                QVERIFY(compensation.value(QLatin1String("IsForCompensation")).toBool());
                QCOMPARE(compensation.value(QLatin1String("ServiceMethod")).toString(), s.compensation->name);
                QCOMPARE(state.value(QLatin1String("Catch")).toArray().at(0).toObject().value(QLatin1String("Next")).toString(),
                         QStringLiteral("CompensationTrigger"));
            } else {
                // Retries run out on a pivot or a retriable step: the saga is stuck, not rolled back.
                QVERIFY(!state.contains(QLatin1String("CompensateState")));
                QCOMPARE(state.value(QLatin1String("Catch")).toArray().at(0).toObject().value(QLatin1String("Next")).toString(),
                         QStringLiteral("saga-stuck"));
            }
            // Never IsForUpdate: Seata would stop a rollback at such a state without a
            // CompensateState (CompensationStateNotFound: issue 17, case 5).
            QVERIFY(!state.contains(QLatin1String("IsForUpdate")));
        }
    }

    void parallelStepsAreLinearisedWithWarning()
    {
        QStringList warnings;
        const QJsonObject machine =
            parseObject(exportOrFail(load(examplePath(QStringLiteral("travel-booking"))), BridgeFormat::Seata, &warnings));
        QCOMPARE(warnings.filter(QStringLiteral("no parallel state")).size(), 1);
        const QJsonObject states = machine.value(QLatin1String("States")).toObject();
        QCOMPARE(machine.value(QLatin1String("StartState")).toString(), QStringLiteral("book_hotel"));
        QCOMPARE(states.value(QLatin1String("book_hotel")).toObject().value(QLatin1String("Next")).toString(),
                 QStringLiteral("check-book_hotel"));
        QCOMPARE(states.value(QLatin1String("check-book_hotel")).toObject().value(QLatin1String("Default")).toString(),
                 QStringLiteral("book_flight"));

        warnings.clear();
        exportOrFail(load(examplePath(QStringLiteral("order-checkout"))), BridgeFormat::Seata, &warnings);
        QCOMPARE(warnings.filter(QStringLiteral("no parallel state")).size(), 0); // already a chain
    }

    void pivotRollsBackOnBusinessFailureOnly()
    {
        const QJsonObject states = parseObject(exportOrFail(load(examplePath(QStringLiteral("order-checkout"))),
                                                            BridgeFormat::Seata))
                                       .value(QLatin1String("States"))
                                       .toObject();
        const QJsonObject pivot = states.value(QLatin1String("take_payment")).toObject();
        // Retries run out: the machine ends FA in saga-stuck, which Seata reports as Finished (not
        // CommitRetrying, as an uncaught exception's UN would be): a person decides (case 7).
        QCOMPARE(pivot.value(QLatin1String("Catch")).toArray().at(0).toObject().value(QLatin1String("Next")).toString(),
                 QStringLiteral("saga-stuck"));
        QCOMPARE(states.value(QLatin1String("saga-stuck")).toObject().value(QLatin1String("Type")).toString(), QStringLiteral("Fail"));
        QCOMPARE(pivot.value(QLatin1String("Retry")).toArray().at(0).toObject().value(QLatin1String("MaxAttempts")).toInt(), 2);
        const QJsonObject check = states.value(QLatin1String("check-take_payment")).toObject();
        QCOMPARE(check.value(QLatin1String("Choices")).toArray().at(0).toObject().value(QLatin1String("Next")).toString(),
                 QStringLiteral("CompensationTrigger"));
        QCOMPARE(check.value(QLatin1String("Default")).toString(), QStringLiteral("ship_order"));
        // After the pivot a business failure is not rolled back: the saga is stuck and nothing
        // after the step runs (case 6).
        QCOMPARE(states.value(QLatin1String("check-ship_order")).toObject().value(QLatin1String("Choices")).toArray().at(0)
                     .toObject().value(QLatin1String("Next")).toString(),
                 QStringLiteral("saga-stuck"));
    }

    void foreignFileImports()
    {
        QFile file(dataPath(QStringLiteral("foreign-purchase.seata.json")));
        QVERIFY(file.open(QIODevice::ReadOnly));
        QStringList warnings;
        QString error;
        const std::optional<SagaDefinition> saga =
            Bridge::importFrom(file.readAll(), BridgeFormat::Seata, file.fileName(), &warnings, &error);
        QVERIFY2(saga, qPrintable(error));
        QCOMPARE(saga->name, QStringLiteral("reduceInventoryAndBalance"));
        QStringList ids;
        for (const Step &s : saga->steps)
            ids.append(s.id);
        QCOMPARE(ids, (QStringList{QStringLiteral("ReduceInventory"), QStringLiteral("ReduceBalance"),
                                   QStringLiteral("NotifyBuyer")}));
        const Step *inventory = saga->step(QStringLiteral("ReduceInventory"));
        QCOMPARE(inventory->kind, StepKind::Compensatable);
        QCOMPARE(inventory->service, QStringLiteral("inventoryAction"));
        QCOMPARE(inventory->action.name, QStringLiteral("reduce"));
        QCOMPARE(inventory->compensation->name, QStringLiteral("compensateReduce"));
        const Step *balance = saga->step(QStringLiteral("ReduceBalance"));
        QCOMPARE(balance->after, QStringList{QStringLiteral("ReduceInventory")});
        QCOMPARE(balance->effectiveActionRetry().maxAttempts, 5);
        QCOMPARE(balance->effectiveActionRetry().initialBackoffMs, 1500);
        const Step *notify = saga->step(QStringLiteral("NotifyBuyer"));
        QCOMPARE(notify->kind, StepKind::Retriable);
        QCOMPARE(notify->after, QStringList{QStringLiteral("ReduceBalance")});
        QVERIFY(saga->hasService(QStringLiteral("balanceAction")));
        QVERIFY2(warnings.isEmpty(), qPrintable(warnings.join(QLatin1Char('\n'))));
    }

    void foreignChoiceAndSubMachineAreReported()
    {
        const QByteArray bytes = R"({"Name": "x", "StartState": "A", "States": {
            "A": {"Type": "ServiceTask", "ServiceName": "s", "ServiceMethod": "a", "Next": "Sub"},
            "Sub": {"Type": "SubStateMachine", "StateMachineName": "other", "Next": "Pick"},
            "Pick": {"Type": "Choice", "Choices": [{"Expression": "[r] == 1", "Next": "B"}, {"Expression": "[r] == 2", "Next": "C"}],
                     "Default": "Done"},
            "B": {"Type": "ServiceTask", "ServiceName": "s", "ServiceMethod": "b", "Next": "Done"},
            "C": {"Type": "ServiceTask", "ServiceName": "s", "ServiceMethod": "c", "Next": "Done"},
            "Done": {"Type": "Succeed"}}})";
        QStringList warnings;
        QString error;
        const std::optional<SagaDefinition> saga = importBytes(bytes, &warnings, &error);
        QVERIFY2(saga, qPrintable(error));
        QCOMPARE(saga->steps.size(), 2); // A, then the first way forward: B
        QCOMPARE(saga->steps.at(1).id, QStringLiteral("B"));
        QCOMPARE(saga->steps.at(1).after, QStringList{QStringLiteral("A")});
        QCOMPARE(warnings.filter(QStringLiteral("States.Sub: SubStateMachine state ignored")).size(), 1);
        // Issue 17, case 11: every way not followed is named with its condition.
        const QStringList choice = warnings.filter(QStringLiteral("States.Pick: Choice state: the import follows 'B'"));
        QCOMPARE(choice.size(), 1);
        QVERIFY2(choice.first().contains(QLatin1String("'[r] == 2' -> C (ServiceTask)")), qPrintable(choice.first()));
        QVERIFY2(choice.first().contains(QLatin1String("default -> Done (Succeed)")), qPrintable(choice.first()));
    }

    void customStatusAndMissingRetryAreWhatTheFileSays()
    {
        // Issue 17, cases 9 to 11: no Retry is one attempt (Seata retries only what a Retry
        // names), nothing becomes idempotent by itself, a custom Status is named.
        const QByteArray bytes = R"({"Name": "x", "StartState": "A", "States": {
            "A": {"Type": "ServiceTask", "ServiceName": "s", "ServiceMethod": "a", "CompensateState": "UndoA", "Next": "Check",
                  "Status": {"#root == true": "SU", "#root.code == 'LATER'": "UN"}},
            "Check": {"Type": "Choice", "Choices": [{"Expression": "[AResult] == false", "Next": "Trigger"}], "Default": "B"},
            "B": {"Type": "ServiceTask", "ServiceName": "s", "ServiceMethod": "b", "Next": "Done"},
            "UndoA": {"Type": "ServiceTask", "ServiceName": "s", "ServiceMethod": "undoA", "IsForCompensation": true},
            "Trigger": {"Type": "CompensationTrigger", "Next": "Failed"},
            "Failed": {"Type": "Fail"}, "Done": {"Type": "Succeed"}}})";
        QStringList warnings;
        QString error;
        const std::optional<SagaDefinition> saga = importBytes(bytes, &warnings, &error);
        QVERIFY2(saga, qPrintable(error));
        QCOMPARE(saga->step(QStringLiteral("A"))->effectiveActionRetry().maxAttempts, 1);
        const Step *b = saga->step(QStringLiteral("B"));
        QCOMPARE(b->kind, StepKind::Retriable);
        QCOMPARE(b->effectiveActionRetry().maxAttempts, 1);
        QVERIFY(!b->idempotent);
        const QStringList status = warnings.filter(QStringLiteral("Status expressions"));
        QCOMPARE(status.size(), 1);
        QVERIFY2(status.first().contains(QLatin1String("#root.code == 'LATER'")), qPrintable(status.first()));
        QVERIFY2(warnings.filter(QStringLiteral("Choice")).isEmpty(), qPrintable(warnings.join(QLatin1Char('\n'))));
    }

    void malformedInputIsRefused_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QStringList>("expected");
        QTest::newRow("not JSON") << QByteArray("<xml/>") << QStringList{QStringLiteral("not Seata JSON")};
        QTest::newRow("empty file") << QByteArray("") << QStringList{QStringLiteral("the file is empty"), QStringLiteral("Seata")};
        QTest::newRow("missing StartState") << QByteArray(R"({"Name": "x", "States": {"a": {"Type": "Succeed"}}})")
                                            << QStringList{QStringLiteral("StartState: missing")};
        QTest::newRow("StartState names nothing")
            << QByteArray(R"({"StartState": "b", "States": {"a": {"Type": "Succeed"}}})")
            << QStringList{QStringLiteral("names no state: 'b'")};
        QTest::newRow("unknown CompensateState")
            << QByteArray("{\"StartState\": \"a\", \"States\": {\n\"a\": {\"Type\": \"ServiceTask\",\n"
                          " \"CompensateState\": \"undoA\", \"Next\": \"ok\"}, \"ok\": {\"Type\": \"Succeed\"}}}")
            << QStringList{QStringLiteral("States.a.CompensateState"), QStringLiteral("'undoA'"),
                           QStringLiteral("machine.seata.json:3:")};
        QTest::newRow("unknown Catch target")
            << QByteArray(R"({"StartState": "a", "States": {"a": {"Type": "ServiceTask",
                "Catch": [{"Exceptions": ["java.lang.Throwable"], "Next": "Trigger"}]}}})")
            << QStringList{QStringLiteral("States.a.Catch[0].Next"), QStringLiteral("'Trigger'")};
    }
    void malformedInputIsRefused()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(QStringList, expected);
        QStringList warnings;
        QString error;
        QVERIFY(!importBytes(bytes, &warnings, &error));
        QVERIFY(error.startsWith(QLatin1String("machine.seata.json")));
        for (const QString &part : expected)
            QVERIFY2(error.contains(part), qPrintable(error + QStringLiteral(" lacks ") + part));
    }
};

QTEST_GUILESS_MAIN(TestSeata)
#include "tst_seata.moc"
