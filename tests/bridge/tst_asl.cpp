// SPDX-License-Identifier: MIT
// AWS Step Functions (Amazon States Language): export, import back, foreign files, bad input.

#include "aslbridge.h"
#include "bridgeannotations.h"
#include "bridgeformattest.h"

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

/** Leaves only what Step Functions itself reads: Comments lose Sagascope's annotation. */
QJsonValue stripAnnotations(const QJsonValue &value)
{
    if (value.isArray()) {
        QJsonArray array;
        for (const QJsonValue &v : value.toArray())
            array.append(stripAnnotations(v));
        return array;
    }
    if (!value.isObject())
        return value;
    QJsonObject object = value.toObject();
    for (auto it = object.begin(); it != object.end(); ++it) {
        if (it.key() == QLatin1String("Comment")) {
            QString plain;
            BridgeAnnotations::fromText(it.value().toString(), &plain);
            it.value() = plain;
        } else {
            it.value() = stripAnnotations(it.value());
        }
    }
    return object;
}

QStringList targets(const QJsonObject &state)
{
    QStringList names;
    for (const char *key : {"Next", "Default"}) {
        if (state.contains(QLatin1String(key)))
            names.append(state.value(QLatin1String(key)).toString());
    }
    for (const char *list : {"Catch", "Choices"}) {
        for (const QJsonValue &v : state.value(QLatin1String(list)).toArray())
            names.append(v.toObject().value(QLatin1String("Next")).toString());
    }
    return names;
}

/** Every state of a scope reachable from StartAt, every reference naming a state, every
 *  non-terminal state with Next or End; branches checked the same way. */
void checkScope(const QJsonObject &scope, const QString &path, int *tasks)
{
    const QJsonObject states = scope.value(QLatin1String("States")).toObject();
    const QString start = scope.value(QLatin1String("StartAt")).toString();
    QVERIFY2(states.contains(start), qPrintable(path + QStringLiteral(": StartAt ") + start));
    QSet<QString> reached;
    QStringList queue{start};
    while (!queue.isEmpty()) {
        const QString name = queue.takeFirst();
        if (reached.contains(name))
            continue;
        reached.insert(name);
        const QJsonObject state = states.value(name).toObject();
        const QString type = state.value(QLatin1String("Type")).toString();
        QVERIFY2(QStringList({QStringLiteral("Task"), QStringLiteral("Parallel"), QStringLiteral("Succeed"),
                              QStringLiteral("Fail"), QStringLiteral("Choice"), QStringLiteral("Pass")})
                     .contains(type),
                 qPrintable(name + QStringLiteral(": Type ") + type));
        for (const QString &target : targets(state)) {
            QVERIFY2(states.contains(target), qPrintable(path + QLatin1Char('.') + name + QStringLiteral(" -> ") + target));
            queue.append(target);
        }
        if (type == QLatin1String("Task") || type == QLatin1String("Parallel"))
            QVERIFY2(state.contains(QLatin1String("Next")) != state.value(QLatin1String("End")).toBool(),
                     qPrintable(name + QStringLiteral(": exactly one of Next and End")));
        if (type == QLatin1String("Task")) {
            ++*tasks;
            QVERIFY(!state.value(QLatin1String("Resource")).toString().isEmpty());
            QVERIFY(state.value(QLatin1String("Retry")).isArray());
        }
        if (type == QLatin1String("Parallel")) {
            const QJsonArray branches = state.value(QLatin1String("Branches")).toArray();
            QVERIFY(!branches.isEmpty());
            for (int i = 0; i < branches.size(); ++i) {
                checkScope(branches.at(i).toObject(), path + QLatin1Char('.') + name, tasks);
                if (QTest::currentTestFailed())
                    return;
            }
        }
    }
    QStringList unreached;
    for (auto it = states.begin(); it != states.end(); ++it) {
        if (!reached.contains(it.key()))
            unreached.append(it.key());
    }
    QVERIFY2(unreached.isEmpty(), qPrintable(path + QStringLiteral(": unreachable: ") + unreached.join(QLatin1Char(' '))));
}

std::optional<SagaDefinition> importBytes(const QByteArray &bytes, QStringList *warnings, QString *error)
{
    return Bridge::importFrom(bytes, BridgeFormat::Asl, QStringLiteral("machine.asl.json"), warnings, error);
}

} // namespace

class TestAsl : public BridgeFormatTest
{
    Q_OBJECT
public:
    TestAsl() : BridgeFormatTest(BridgeFormat::Asl, "\\\"kind\\\":\\\"pivot\\\"") {}

private Q_SLOTS:
    void truncatedFilesAreRefusedCleanly()
    {
        checkTruncations(load(examplePath(QStringLiteral("travel-booking"))), BridgeFormat::Asl);
    }

        void visibleStructureImports_data() { addSagaRows(); }
    void visibleStructureImports()
    {
        // Without the annotations, what Step Functions itself holds still gives the saga back.
        QFETCH(QString, path);
        const SagaDefinition original = load(path);
        const QJsonObject stripped = stripAnnotations(parseObject(exportOrFail(original, BridgeFormat::Asl))).toObject();
        QVERIFY(!stripped.value(QLatin1String("Comment")).toString().contains(QLatin1String(BridgeAnnotations::Marker)));
        QStringList warnings;
        QString error;
        const std::optional<SagaDefinition> imported = importBytes(QJsonDocument(stripped).toJson(), &warnings, &error);
        QVERIFY2(imported, qPrintable(error));
        const bool seriesParallel = !path.endsWith(QLatin1String("n-shaped.saga"));
        compareVisible(*imported, original, seriesParallel ? AfterCheck::Exact : AfterCheck::Implied, 1000);
    }

    void statesAreWellFormed_data() { addSagaRows(); }
    void statesAreWellFormed()
    {
        QFETCH(QString, path);
        const SagaDefinition original = load(path);
        const QJsonObject machine = parseObject(exportOrFail(original, BridgeFormat::Asl));
        QVERIFY(!machine.isEmpty());
        int tasks = 0;
        checkScope(machine, QStringLiteral("States"), &tasks);
        if (QTest::currentTestFailed())
            return;
        int compensations = 0;
        for (const Step &s : original.steps)
            compensations += s.compensation && s.kind != StepKind::Pivot ? 1 : 0;
        QCOMPARE(tasks, int(original.steps.size()) + compensations);
    }

    void parallelStepsBecomeParallelBranches()
    {
        QStringList warnings;
        const QJsonObject machine =
            parseObject(exportOrFail(load(examplePath(QStringLiteral("travel-booking"))), BridgeFormat::Asl, &warnings));
        QVERIFY2(warnings.filter(QStringLiteral("series-parallel")).isEmpty(), qPrintable(warnings.join(QLatin1Char('\n'))));
        const QJsonObject states = machine.value(QLatin1String("States")).toObject();
        const QJsonObject parallel = states.value(machine.value(QLatin1String("StartAt")).toString()).toObject();
        QCOMPARE(parallel.value(QLatin1String("Type")).toString(), QStringLiteral("Parallel"));
        const QJsonArray branches = parallel.value(QLatin1String("Branches")).toArray();
        QCOMPARE(branches.size(), 3);
        QStringList starts;
        for (const QJsonValue &b : branches)
            starts.append(b.toObject().value(QLatin1String("StartAt")).toString());
        QCOMPARE(starts, (QStringList{QStringLiteral("book_hotel"), QStringLiteral("book_flight"), QStringLiteral("rent_car")}));
        // A branch that fails ends itself (its siblings are let finish: issue 17, case 2); the
        // Choice after the Parallel sends a failed branch to the rollback, else to the pivot.
        QVERIFY(!parallel.contains(QLatin1String("Catch")));
        QCOMPARE(parallel.value(QLatin1String("ResultPath")).toString(), QStringLiteral("$.parallel_1"));
        const QJsonObject hotel = branches.at(0).toObject().value(QLatin1String("States")).toObject();
        QCOMPARE(hotel.value(QLatin1String("book_hotel")).toObject().value(QLatin1String("Catch")).toArray().last()
                     .toObject().value(QLatin1String("Next")).toString(),
                 QStringLiteral("failed-book_hotel"));
        QCOMPARE(hotel.value(QLatin1String("failed-book_hotel")).toObject().value(QLatin1String("End")).toBool(), true);
        const QString checkName = parallel.value(QLatin1String("Next")).toString();
        const QJsonObject check = states.value(checkName).toObject();
        QCOMPARE(check.value(QLatin1String("Type")).toString(), QStringLiteral("Choice"));
        QCOMPARE(check.value(QLatin1String("Default")).toString(), QStringLiteral("charge_card"));
        // The rollback compensates, in reverse order, each reservation that was applied (a
        // business failure is not compensated: issue 17, case 1).
        QString name = check.value(QLatin1String("Choices")).toArray().first().toObject().value(QLatin1String("Next")).toString();
        QStringList chain;
        QStringList guarded;
        while (states.value(name).toObject().value(QLatin1String("Type")) == QLatin1String("Choice")) {
            const QJsonObject guard = states.value(name).toObject();
            const QJsonObject choice = guard.value(QLatin1String("Choices")).toArray().first().toObject();
            guarded.append(choice.value(QLatin1String("Variable")).toString());
            chain.append(choice.value(QLatin1String("Next")).toString());
            name = guard.value(QLatin1String("Default")).toString();
        }
        QCOMPARE(name, QStringLiteral("saga-compensated"));
        QCOMPARE(chain, (QStringList{QStringLiteral("compensate-rent_car"), QStringLiteral("compensate-book_flight"),
                                     QStringLiteral("compensate-book_hotel")}));
        QCOMPARE(guarded, (QStringList{QStringLiteral("$.parallel_1[2].results.rent_car"),
                                       QStringLiteral("$.parallel_1[1].results.book_flight"),
                                       QStringLiteral("$.parallel_1[0].results.book_hotel")}));
    }

    void sagaPatternCatchAndRetry()
    {
        QStringList warnings;
        const QJsonObject states =
            parseObject(exportOrFail(load(examplePath(QStringLiteral("order-checkout"))), BridgeFormat::Asl, &warnings))
                .value(QLatin1String("States"))
                .toObject();
        // reserve_stock: a timeout may have committed, so it is recorded where its result goes
        // and compensated too; any other failure is recorded apart and not compensated.
        const QJsonArray catchers = states.value(QLatin1String("reserve_stock")).toObject().value(QLatin1String("Catch")).toArray();
        QCOMPARE(catchers.size(), 2);
        QCOMPARE(catchers.at(0).toObject().value(QLatin1String("ResultPath")).toString(), QStringLiteral("$.results.reserve_stock"));
        QCOMPARE(catchers.at(1).toObject().value(QLatin1String("ResultPath")).toString(), QStringLiteral("$.error"));
        QCOMPARE(catchers.at(0).toObject().value(QLatin1String("Next")).toString(), QStringLiteral("if-applied-reserve_stock"));
        QCOMPARE(catchers.at(1).toObject().value(QLatin1String("Next")).toString(), QStringLiteral("if-applied-reserve_stock"));
        // The pivot rolls back on a business failure only; it retries technical failures 3 times.
        const QJsonObject pivot = states.value(QLatin1String("take_payment")).toObject();
        const QJsonArray pivotCatch = pivot.value(QLatin1String("Catch")).toArray();
        QCOMPARE(pivotCatch.size(), 1);
        QCOMPARE(pivotCatch.at(0).toObject().value(QLatin1String("ErrorEquals")).toArray().at(0).toString(),
                 QLatin1String(AslBridge::BusinessFailureError));
        const QJsonArray retry = pivot.value(QLatin1String("Retry")).toArray();
        QCOMPARE(retry.at(0).toObject().value(QLatin1String("MaxAttempts")).toInt(), 0); // business: never retried
        QCOMPARE(retry.at(1).toObject().value(QLatin1String("MaxAttempts")).toInt(), 2);  // 3 attempts = 2 retries
        QCOMPARE(retry.at(1).toObject().value(QLatin1String("IntervalSeconds")).toInt(), 1);
        QCOMPARE(pivot.value(QLatin1String("TimeoutSeconds")).toInt(), 5);
        // After the pivot: no Catch (forward recovery), unbounded retry, with a warning.
        QVERIFY(!states.value(QLatin1String("ship_order")).toObject().contains(QLatin1String("Catch")));
        QCOMPARE(states.value(QLatin1String("ship_order")).toObject().value(QLatin1String("Retry")).toArray().at(1)
                     .toObject().value(QLatin1String("MaxAttempts")).toInt(),
                 AslBridge::UnboundedAttempts);
        QCOMPARE(warnings.filter(QStringLiteral("unbounded")).size(), 1);
        QVERIFY(warnings.first().contains(QLatin1String("ship_order")));
        QCOMPARE(states.value(QLatin1String("saga-compensated")).toObject().value(QLatin1String("Type")).toString(),
                 QStringLiteral("Fail"));
    }

    void notSeriesParallelIsLinearisedWithWarning()
    {
        QStringList warnings;
        const SagaDefinition original = load(dataPath(QStringLiteral("n-shaped.saga")));
        const QJsonObject machine = parseObject(exportOrFail(original, BridgeFormat::Asl, &warnings));
        QCOMPARE(warnings.filter(QStringLiteral("series-parallel")).size(), 1);
        QVERIFY(warnings.filter(QStringLiteral("series-parallel")).first().contains(QLatin1String("a, b, c, d")));
        const QJsonObject states = machine.value(QLatin1String("States")).toObject();
        QCOMPARE(machine.value(QLatin1String("StartAt")).toString(), QStringLiteral("a"));
        QCOMPARE(states.value(QLatin1String("a")).toObject().value(QLatin1String("Next")).toString(), QStringLiteral("b"));
        QCOMPARE(states.value(QLatin1String("d")).toObject().value(QLatin1String("Next")).toString(), QStringLiteral("p"));
    }

    void editedFileKeepsTheVisibleValue()
    {
        const SagaDefinition original = load(examplePath(QStringLiteral("order-checkout")));
        QByteArray bytes = exportOrFail(original, BridgeFormat::Asl);
        QVERIFY(bytes.contains("\"FunctionName\": \"createOrder\""));
        bytes.replace("\"FunctionName\": \"createOrder\"", "\"FunctionName\": \"createOrderV2\"");
        QStringList warnings;
        QString error;
        const std::optional<SagaDefinition> imported = importBytes(bytes, &warnings, &error);
        QVERIFY2(imported, qPrintable(error));
        QCOMPARE(imported->step(QStringLiteral("create_order"))->action.name, QStringLiteral("createOrderV2"));
        QCOMPARE(warnings.size(), 1);
        QVERIFY(warnings.first().contains(QLatin1String("createOrderV2")));
        SagaDefinition expected = original;
        expected.step(QStringLiteral("create_order"))->action.name = QStringLiteral("createOrderV2");
        QVERIFY(*imported == expected);
    }

    void foreignFileImports()
    {
        QFile file(dataPath(QStringLiteral("foreign-trip.asl.json")));
        QVERIFY(file.open(QIODevice::ReadOnly));
        QStringList warnings;
        QString error;
        const std::optional<SagaDefinition> saga =
            Bridge::importFrom(file.readAll(), BridgeFormat::Asl, file.fileName(), &warnings, &error);
        QVERIFY2(saga, qPrintable(error));
        QCOMPARE(saga->name, QStringLiteral("foreign-trip"));
        QVERIFY(saga->description.startsWith(QLatin1String("Trip booking, written by hand")));
        QStringList ids;
        for (const Step &s : saga->steps)
            ids.append(s.id);
        QCOMPARE(ids, (QStringList{QStringLiteral("ReserveHotel"), QStringLiteral("ReserveFlight"), QStringLiteral("Pay"),
                                   QStringLiteral("Send_confirmation")}));
        const Step *hotel = saga->step(QStringLiteral("ReserveHotel"));
        QCOMPARE(hotel->kind, StepKind::Compensatable);
        QCOMPARE(hotel->action.name, QStringLiteral("ReserveHotel"));
        QCOMPARE(hotel->compensation->name, QStringLiteral("CancelHotel"));
        QCOMPARE(hotel->effectiveActionRetry().maxAttempts, 3);
        QCOMPARE(hotel->effectiveActionRetry().initialBackoffMs, 2000);
        const Step *flight = saga->step(QStringLiteral("ReserveFlight"));
        QCOMPARE(flight->compensation->name, QStringLiteral("CancelFlight"));
        QCOMPARE(flight->compensation->retry->maxAttempts, 6);
        QCOMPARE(flight->timeoutMs.value_or(0), 30000);
        QCOMPARE(flight->after, QStringList{QStringLiteral("ReserveHotel")});
        const Step *pay = saga->step(QStringLiteral("Pay"));
        QCOMPARE(pay->kind, StepKind::Pivot);
        QCOMPARE(pay->action.name, QStringLiteral("TakePayment"));
        QVERIFY(!pay->compensation);
        const Step *confirm = saga->step(QStringLiteral("Send_confirmation"));
        QCOMPARE(confirm->kind, StepKind::Retriable);
        QCOMPARE(confirm->label, QStringLiteral("Send confirmation"));
        QCOMPARE(confirm->after, QStringList{QStringLiteral("Pay")});
        QCOMPARE(warnings.filter(QStringLiteral("Wait state ignored")).size(), 1);
        QCOMPARE(warnings.filter(QStringLiteral("not a valid step id")).size(), 1);
        QVERIFY(warnings.filter(QStringLiteral("Wait state ignored")).first().contains(file.fileName()));
    }

    void malformedInputIsRefused_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QStringList>("expected");
        QTest::newRow("not JSON") << QByteArray("{\n  \"StartAt\": \"a\",\n  oops\n}")
                                  << QStringList{QStringLiteral("machine.asl.json:3:"), QStringLiteral("not ASL JSON")};
        QTest::newRow("not an object") << QByteArray("[1, 2]") << QStringList{QStringLiteral("not a JSON object")};
        QTest::newRow("missing StartAt") << QByteArray(R"({"States": {"a": {"Type": "Succeed"}}})")
                                         << QStringList{QStringLiteral("StartAt"), QStringLiteral("missing")};
        QTest::newRow("missing States") << QByteArray(R"({"StartAt": "a"})") << QStringList{QStringLiteral("States: missing")};
        QTest::newRow("StartAt names nothing")
            << QByteArray(R"({"StartAt": "b", "States": {"a": {"Type": "Succeed"}}})")
            << QStringList{QStringLiteral("StartAt"), QStringLiteral("names no state: 'b'")};
        QTest::newRow("unknown Next")
            << QByteArray("{\"StartAt\": \"a\",\n \"States\": {\"a\": {\"Type\": \"Task\", \"Resource\": \"x\", \"Next\": \"nowhere\"}}}")
            << QStringList{QStringLiteral("States.a.Next"), QStringLiteral("names no state: 'nowhere'"),
                           QStringLiteral("machine.asl.json:2:")};
        QTest::newRow("unknown Next of a state with a dash")
            << QByteArray("{\"StartAt\": \"a\", \"States\": {\"a\": {\"Type\": \"Succeed\"},\n"
                          "\"undo-a\": {\"Type\": \"Task\", \"Resource\": \"x\",\n \"Next\": \"gone\"}}}")
            << QStringList{QStringLiteral("machine.asl.json:3:"), QStringLiteral("States.undo-a.Next"), QStringLiteral("'gone'")};
        QTest::newRow("unknown Catch target")
            << QByteArray(R"({"StartAt": "a", "States": {"a": {"Type": "Task", "Resource": "x", "End": true,
                "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "undo"}]}}})")
            << QStringList{QStringLiteral("States.a.Catch[0].Next"), QStringLiteral("'undo'")};
        QTest::newRow("unknown Next in a branch")
            << QByteArray(R"({"StartAt": "p", "States": {"p": {"Type": "Parallel", "End": true, "Branches": [
                {"StartAt": "x", "States": {"x": {"Type": "Task", "Resource": "r", "Next": "y"}}}]}}})")
            << QStringList{QStringLiteral("States.p.Branches[0].States.x.Next"), QStringLiteral("'y'")};
        QTest::newRow("state without Type") << QByteArray(R"({"StartAt": "a", "States": {"a": {"Next": "a"}}})")
                                            << QStringList{QStringLiteral("States.a.Type")};
        // Issue 17, case 12: bad values are reported at their place in the input.
        QTest::newRow("TimeoutSeconds a word")
            << QByteArray(R"({"StartAt": "A", "States": {"A": {"Type": "Task", "Resource": "x", "TimeoutSeconds": "soon", "End": true}}})")
            << QStringList{QStringLiteral("States.A.TimeoutSeconds"), QStringLiteral("must be a number"), QStringLiteral("\"soon\"")};
        QTest::newRow("TimeoutSeconds zero")
            << QByteArray(R"({"StartAt": "A", "States": {"A": {"Type": "Task", "Resource": "x", "TimeoutSeconds": 0, "End": true}}})")
            << QStringList{QStringLiteral("States.A.TimeoutSeconds"), QStringLiteral("out of range")};
        QTest::newRow("MaxAttempts negative")
            << QByteArray(R"({"StartAt": "A", "States": {"A": {"Type": "Task", "Resource": "x", "End": true,
                "Retry": [{"ErrorEquals": ["States.ALL"], "MaxAttempts": -1}]}}})")
            << QStringList{QStringLiteral("States.A.Retry[0].MaxAttempts"), QStringLiteral("out of range")};
        QTest::newRow("BackoffRate a string")
            << QByteArray(R"({"StartAt": "A", "States": {"A": {"Type": "Task", "Resource": "x", "End": true,
                "Retry": [{"ErrorEquals": ["States.ALL"], "BackoffRate": "2"}]}}})")
            << QStringList{QStringLiteral("States.A.Retry[0].BackoffRate"), QStringLiteral("must be a number")};
        QTest::newRow("empty file") << QByteArray("  \n") << QStringList{QStringLiteral("the file is empty"), QStringLiteral("ASL")};
    }

    void retriesAreWhatTheFileSays()
    {
        // Issue 17, cases 9 and 10: a Task without Retry is tried once, as Step Functions does;
        // nothing is made idempotent that the file does not say is.
        const QByteArray bytes = R"({"StartAt": "Pay", "States": {
            "Pay": {"Type": "Task", "Resource": "arn:aws:lambda:eu-west-1:1:function:pay", "Next": "Mail",
                    "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Failed"}]},
            "Mail": {"Type": "Task", "Resource": "arn:aws:lambda:eu-west-1:1:function:mail", "End": true},
            "Failed": {"Type": "Fail"}}})";
        QStringList warnings;
        QString error;
        const std::optional<SagaDefinition> saga = importBytes(bytes, &warnings, &error);
        QVERIFY2(saga, qPrintable(error));
        QCOMPARE(saga->step(QStringLiteral("Pay"))->effectiveActionRetry().maxAttempts, 1);
        const Step *mail = saga->step(QStringLiteral("Mail"));
        QCOMPARE(mail->kind, StepKind::Retriable);
        QCOMPARE(mail->effectiveActionRetry().maxAttempts, 1);
        QVERIFY(!mail->idempotent);
    }
    void malformedInputIsRefused()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(QStringList, expected);
        QStringList warnings;
        QString error;
        QVERIFY(!importBytes(bytes, &warnings, &error));
        QVERIFY(error.startsWith(QLatin1String("machine.asl.json")));
        for (const QString &part : expected)
            QVERIFY2(error.contains(part), qPrintable(error + QStringLiteral(" lacks ") + part));
    }

    void duplicateIdsAreNotExportedAndUnknownAfterWarns()
    {
        SagaDefinition saga = load(examplePath(QStringLiteral("order-checkout")));
        saga.step(QStringLiteral("ship_order"))->after.append(QStringLiteral("ghost"));
        QStringList warnings;
        QString error;
        QVERIFY(Bridge::exportAs(saga, BridgeFormat::Asl, &warnings, &error));
        QCOMPARE(warnings.filter(QStringLiteral("'ghost'")).size(), 1);
        saga.steps.append(saga.steps.first());
        QVERIFY(!Bridge::exportAs(saga, BridgeFormat::Asl, nullptr, &error));
        QVERIFY2(error.contains(QLatin1String("'create_order'")), qPrintable(error));
    }

    void cycleIsNotExported()
    {
        SagaDefinition saga = load(examplePath(QStringLiteral("order-checkout")));
        saga.step(QStringLiteral("create_order"))->after = {QStringLiteral("award_points")};
        QString error;
        QVERIFY(!Bridge::exportAs(saga, BridgeFormat::Asl, nullptr, &error));
        QVERIFY(error.contains(QLatin1String("cycle")));
    }
};

QTEST_GUILESS_MAIN(TestAsl)
#include "tst_asl.moc"
