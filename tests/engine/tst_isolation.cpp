// SPDX-License-Identifier: MIT
// Shared resources under the saga protocol (SPEC section 7): whole traces of two instances on one
// counter under virtual time, the anomalies the run counts (dirty reads and the failures they
// caused, lost updates), each countermeasure removing the anomaly it targets, and the counters
// surviving a crash in the saga log.
#include "enginetesthelpers.h"
#include "logreads.h"

#include "engine.h"
#include "sagaexecutor.h"
#include "testconfig.h"

#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace Sagascope;
using namespace Sagascope::Test;

namespace {

/**
 * Two steps on a stock counter and a pivot: `queue` (a retry of it delays an instance by 20 ms),
 * `reserve` (stock -1, min 0, 10 ms), `pay` (pivot, 50 ms). `extra` goes into reserve's sim.
 */
SagaDefinition hotItem(int stock, const QByteArray &extra = {})
{
    QByteArray text = R"({"format": "sagascope/1", "resources": {"stock": STOCK},
      "steps": [
        {"id": "queue", "kind": "compensatable", "action": {"name": "q"}, "compensation": {"name": "unq"},
         "retry": {"maxAttempts": 3, "initialBackoffMs": 20, "jitter": 0}},
        {"id": "reserve", "kind": "compensatable", "after": ["queue"],
         "action": {"name": "r", "sim": {"latencyMs": 10, "effect": {"resource": "stock", "delta": -1, "min": 0} EXTRA}},
         "compensation": {"name": "release"}},
        {"id": "pay", "kind": "pivot", "after": ["reserve"], "action": {"name": "p", "sim": {"latencyMs": 50}}}]})";
    text.replace("STOCK", QByteArray::number(stock));
    text.replace("EXTRA", extra);
    return parseSaga(text);
}

/** Instance A (the first) fails at pay; B's queue fails once, so that B reaches reserve 20 ms later. */
RunRequest dirtyReadRun(const SagaDefinition &definition)
{
    RunRequest request;
    request.definition = definition;
    request.options.instances = 2;
    request.options.seed = 7;
    request.options.virtualTime = true;
    const QString a = SagaExecutor::instanceId(7, 1), b = SagaExecutor::instanceId(7, 2);
    request.options.faults.setFault(a, QStringLiteral("pay"), OperationKind::Action, {FailureKind::Business, 0});
    request.options.faults.setFault(b, QStringLiteral("queue"), OperationKind::Action, {FailureKind::Technical, 1});
    return request;
}

/** Two instances that reach reserve at the same instant (seed 3). */
RunRequest bothAtOnce(const SagaDefinition &definition)
{
    RunRequest request;
    request.definition = definition;
    request.options.instances = 2;
    request.options.seed = 3;
    request.options.virtualTime = true;
    return request;
}

QStringList traceOf(const QList<TraceEvent> &events, const QString &instance)
{
    QStringList lines;
    for (const TraceEvent &e : events) {
        if (e.instance == instance)
            lines.append(compact(e));
    }
    return lines;
}

QString reasonOf(const QList<TraceEvent> &events, const QString &instance, TraceEventType type, const QString &step)
{
    for (const TraceEvent &e : events) {
        if (e.instance == instance && e.event == type && e.step == step)
            return e.reason;
    }
    return {};
}

} // namespace

class TestIsolation : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    // A reserves the last item; B finds none and fails; A rolls back: the item is back, and B
    // failed for nothing.
    void dirtyReadAndTheFailureItCaused()
    {
        QList<TraceEvent> trace;
        const RunSummary s = runEngine(dirtyReadRun(hotItem(1)), &trace);
        QVERIFY2(s.error.isEmpty(), qPrintable(s.error));
        const QString a = SagaExecutor::instanceId(7, 1), b = SagaExecutor::instanceId(7, 2);
        QCOMPARE(traceOf(trace, a), (QStringList{
            "0 saga_started", "0 step_started queue #1", "0 step_succeeded queue #1", "0 step_started reserve #1",
            "10 step_succeeded reserve #1", "10 step_started pay #1", "60 step_failed pay #1 business",
            "60 compensation_started reserve #1", "60 compensation_succeeded reserve #1",
            "60 compensation_started queue #1", "60 compensation_succeeded queue #1",
            "60 saga_compensated | rolled back: pay failed (business)"}));
        QCOMPARE(traceOf(trace, b), (QStringList{
            "0 saga_started", "0 step_started queue #1", "0 step_failed queue #1 technical", "0 retry_scheduled queue #1 +20",
            "20 step_started queue #2", "20 step_succeeded queue #2", "20 step_started reserve #1",
            "30 step_failed reserve #1 business", "30 compensation_started queue #1", "30 compensation_succeeded queue #1",
            "30 saga_compensated | rolled back: reserve failed (business)"}));
        QVERIFY2(reasonOf(trace, b, TraceEventType::StepFailed, QStringLiteral("reserve")).contains(QLatin1String("stock would fall to -1, below its minimum 0")),
                 qPrintable(reasonOf(trace, b, TraceEventType::StepFailed, QStringLiteral("reserve"))));
        QCOMPARE(s.anomalies.dirtyReads, 1);
        QCOMPARE(s.anomalies.dirtyReadFailures, 1);
        QCOMPARE(s.anomalies.lostUpdates, 0);
        QCOMPARE(s.resources.value(QStringLiteral("stock")), 1); // the item is back, unsold
        QCOMPARE(s.compensated, 2);
    }

    // A read of a value that is later taken back, without a failure: counted, but caused nothing.
    void dirtyReadWithoutFailure()
    {
        QList<TraceEvent> trace;
        const RunSummary s = runEngine(dirtyReadRun(hotItem(5)), &trace);
        QCOMPARE(s.anomalies.dirtyReads, 1);
        QCOMPARE(s.anomalies.dirtyReadFailures, 0);
        QCOMPARE(s.completed, 1);
        QCOMPARE(s.resources.value(QStringLiteral("stock")), 4);
    }

    // Semantic lock, wait: B waits for A's pending flag, reads the value A left (the item is back)
    // and completes.
    void semanticLockWaitRemovesTheDirtyRead()
    {
        QList<TraceEvent> trace;
        const RunSummary s = runEngine(dirtyReadRun(hotItem(1, R"(, "countermeasure": "semanticLock")")), &trace);
        QVERIFY2(s.error.isEmpty(), qPrintable(s.error));
        const QString b = SagaExecutor::instanceId(7, 2);
        QCOMPARE(traceOf(trace, b), (QStringList{
            "0 saga_started", "0 step_started queue #1", "0 step_failed queue #1 technical", "0 retry_scheduled queue #1 +20",
            "20 step_started queue #2", "20 step_succeeded queue #2", "20 step_started reserve #1",
            "70 step_succeeded reserve #1", "70 step_started pay #1", "120 step_succeeded pay #1", "120 saga_completed"}));
        QCOMPARE(s.anomalies.dirtyReads, 0);
        QCOMPARE(s.anomalies.dirtyReadFailures, 0);
        QCOMPARE(s.completed, 1);
        QCOMPARE(s.compensated, 1);
        QCOMPARE(s.resources.value(QStringLiteral("stock")), 0); // sold once, to B
        // A held the flag from 0 to 60, B from 60 (its work began when A let go) to 120.
        QCOMPARE(s.lockHoldMs.value(QStringLiteral("stock")).count, 2);
        QCOMPARE(s.lockHoldMs.value(QStringLiteral("stock")).p50, 60);
        QCOMPARE(s.lockHoldMs.value(QStringLiteral("stock")).p99, 60);
    }

    // Semantic lock, fail: B fails fast at the pending flag; it never reads the dirty value.
    void semanticLockFailFailsFast()
    {
        QList<TraceEvent> trace;
        const RunSummary s =
            runEngine(dirtyReadRun(hotItem(1, R"(, "countermeasure": "semanticLock", "onLocked": "fail")")), &trace);
        const QString b = SagaExecutor::instanceId(7, 2);
        QVERIFY(traceOf(trace, b).contains(QStringLiteral("20 step_failed reserve #1 business")));
        QVERIFY2(reasonOf(trace, b, TraceEventType::StepFailed, QStringLiteral("reserve")).contains(QLatin1String("semantic lock")),
                 qPrintable(reasonOf(trace, b, TraceEventType::StepFailed, QStringLiteral("reserve"))));
        QCOMPARE(s.anomalies.dirtyReads, 0);
        QCOMPARE(s.compensated, 2);
        QCOMPARE(s.resources.value(QStringLiteral("stock")), 1);
    }

    // Both read 5 at once and write what they computed: one decrement is lost.
    void lostUpdate()
    {
        QList<TraceEvent> trace;
        const RunSummary s = runEngine(bothAtOnce(hotItem(5)), &trace);
        QCOMPARE(s.completed, 2);
        QCOMPARE(s.anomalies.lostUpdates, 1);
        QCOMPARE(s.anomalies.dirtyReads, 0);
        QCOMPARE(s.resources.value(QStringLiteral("stock")), 4); // two sold, one recorded
    }

    void commutativeRemovesTheLostUpdate()
    {
        QList<TraceEvent> trace;
        const RunSummary s = runEngine(bothAtOnce(hotItem(5, R"(, "countermeasure": "commutative")")), &trace);
        QCOMPARE(s.completed, 2);
        QCOMPARE(s.anomalies.lostUpdates, 0);
        QCOMPARE(s.resources.value(QStringLiteral("stock")), 3);
    }

    // The second writer finds the value changed since it read it: it fails and rolls back.
    void rereadValueRemovesTheLostUpdate()
    {
        QList<TraceEvent> trace;
        const RunSummary s = runEngine(bothAtOnce(hotItem(5, R"(, "countermeasure": "rereadValue")")), &trace);
        QCOMPARE(s.anomalies.lostUpdates, 0);
        QCOMPARE(s.completed, 1);
        QCOMPARE(s.compensated, 1);
        QCOMPARE(s.resources.value(QStringLiteral("stock")), 4); // one sold, one recorded
        const QString b = SagaExecutor::instanceId(3, 2);
        QVERIFY(traceOf(trace, b).contains(QStringLiteral("10 step_failed reserve #1 business")));
        QVERIFY2(reasonOf(trace, b, TraceEventType::StepFailed, QStringLiteral("reserve")).contains(QLatin1String("changed from 5 to 4 since it was read")),
                 qPrintable(reasonOf(trace, b, TraceEventType::StepFailed, QStringLiteral("reserve"))));
    }

    // Many instances on little stock: the counter never ends below its minimum with commutative
    // updates, and the figures add up.
    void figuresAddUp()
    {
        RunRequest request;
        request.definition = hotItem(10, R"(, "countermeasure": "commutative")");
        request.definition.steps[2].action.sim->businessFailure = 0.3;
        request.options.instances = 40;
        request.options.concurrency = 8;
        request.options.seed = 11;
        request.options.virtualTime = true;
        QList<TraceEvent> trace;
        const RunSummary s = runEngine(request, &trace);
        QCOMPARE(s.completed + s.compensated, 40);
        QCOMPARE(s.resources.value(QStringLiteral("stock")), qMax(0, 10 - s.completed));
        QVERIFY(s.completed <= 10);
        QCOMPARE(s.latencyMs.count, 40);
        QVERIFY(s.latencyMs.p50 >= 10 && s.latencyMs.p50 <= s.latencyMs.p99);
        const QJsonObject json = s.toJson();
        for (const char *key : {"protocol", "completed", "rolledBack", "throughputPerSec", "latencyMs", "lockHoldMs", "inDoubt",
                                "dirtyReads", "lostUpdates", "resources"})
            QVERIFY2(json.contains(QLatin1String(key)), key);
        QCOMPARE(json.value(QLatin1String("protocol")).toString(), QStringLiteral("saga"));
        QCOMPARE(json.value(QLatin1String("rolledBack")).toInt(), s.compensated);
        QCOMPARE(json.value(QLatin1String("resources")).toObject().value(QLatin1String("stock")).toInteger(),
                 s.resources.value(QStringLiteral("stock")));
    }

    // The shipped hot-item examples run, and each countermeasure removes its anomaly on the same
    // seed and load where the plain saga shows it.
    void examplesRun()
    {
        const auto run = [](const char *file) {
            RunRequest request;
            const LoadResult loaded = SagaFile::load(QStringLiteral(SAGASCOPE_EXAMPLES_DIR "/") + QLatin1String(file));
            if (!loaded.ok())
                qFatal("%s", qPrintable(loaded.error.toString()));
            request.definition = *loaded.definition;
            request.options.instances = 50;
            request.options.concurrency = 10;
            request.options.seed = 1;
            request.options.virtualTime = true;
            QList<TraceEvent> trace;
            return runEngine(request, &trace);
        };
        const RunSummary plain = run("hot-item.saga");
        QVERIFY2(plain.error.isEmpty(), qPrintable(plain.error));
        QCOMPARE(plain.completed + plain.compensated, 50);
        QVERIFY(plain.anomalies.lostUpdates > 0);
        QVERIFY(plain.anomalies.dirtyReads > 0);
        const RunSummary locked = run("hot-item-semantic-lock.saga");
        QCOMPARE(locked.completed + locked.compensated, 50);
        QCOMPARE(locked.anomalies.dirtyReads, 0);
        QCOMPARE(locked.anomalies.lostUpdates, 0);
        QCOMPARE(locked.resources.value(QStringLiteral("stock:sku-1")), 10 - locked.completed);
        const RunSummary commutative = run("hot-item-commutative.saga");
        QCOMPARE(commutative.completed + commutative.compensated, 50);
        QCOMPARE(commutative.anomalies.lostUpdates, 0);
        QCOMPARE(commutative.resources.value(QStringLiteral("stock:sku-1")), 10 - commutative.completed);
        const RunSummary reread = run("hot-item-reread.saga");
        QCOMPARE(reread.completed + reread.compensated, 50);
        QCOMPARE(reread.anomalies.lostUpdates, 0);
        QCOMPARE(reread.resources.value(QStringLiteral("stock:sku-1")), 10 - reread.completed);
    }

    // The counters are in the saga log, written with the effects: a run stopped half-way and then
    // recovered ends with the counter matching what the instances did (every completed instance
    // holds one item; every rolled-back one gave its item back, in recovery too).
    void countersSurviveInTheLog()
    {
        RunRequest request;
        request.definition = hotItem(30, R"(, "countermeasure": "commutative")");
        request.definition.steps[2].action.sim->businessFailure = 0.4;
        request.options.instances = 60;
        request.options.concurrency = 10;
        request.options.seed = 5;
        request.options.virtualTime = true;
        request.logPath = m_dir.filePath(QStringLiteral("stopped.db"));
        Engine engine;
        engine.setSliceBudget(40);
        RunSummary stopped;
        bool done = false;
        int slices = 0;
        connect(&engine, &Engine::traceEvents, this, [&] {
            if (++slices == 4)
                engine.stop();
        });
        connect(&engine, &Engine::finished, this, [&](const RunSummary &s) {
            stopped = s;
            done = true;
        });
        engine.start(request);
        QVERIFY(QTest::qWaitFor([&] { return done; }, 30000));
        QVERIFY2(stopped.unfinished > 0, "the run was not stopped half-way");

        {
            QString error;
            SagaLog::OpenOptions readOnly;
            readOnly.readOnly = true;
            const auto log = SagaLog::open(request.logPath, readOnly, &error);
            QVERIFY2(log, qPrintable(error));
            QCOMPARE(log->pragma(QStringLiteral("user_version")).toInt(), SagaLog::SchemaVersion);
            QCOMPARE(readLog([&](QString *e) { return log->resourceValues(1, e); }).value(QStringLiteral("stock")), stopped.resources.value(QStringLiteral("stock")));
        }

        Engine recovering;
        RunSummary recovered;
        done = false;
        connect(&recovering, &Engine::finished, this, [&](const RunSummary &s) {
            recovered = s;
            done = true;
        });
        recovering.recover(request.logPath, {});
        QVERIFY(QTest::qWaitFor([&] { return done; }, 30000));
        QVERIFY2(recovered.error.isEmpty(), qPrintable(recovered.error));
        // (Instances still queued behind --concurrency had not started: recover does not start them.)
        QVERIFY(recovered.instances > 0);
        QVERIFY(recovered.compensated > 0 || stopped.compensated > 0);
        QCOMPARE(recovered.resources.value(QStringLiteral("stock")), 30 - (stopped.completed + recovered.completed));
    }
};

QTEST_GUILESS_MAIN(TestIsolation)
#include "tst_isolation.moc"
