// SPDX-License-Identifier: MIT
// The Engine object: on its own thread without blocking the caller, with a real clock, stopped
// and recovered, and recovering a log that filled its disk.

#include "engine.h"
#include "enginethread.h"
#include "enginetesthelpers.h"
#include "ledgerreport.h"
#include "runarguments.h"

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

using namespace Sagascope;
using namespace Sagascope::Test;

class TestEngine : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void runsOnItsOwnThreadWithoutBlocking();
    void realClockMatchesVirtualOrder();
    void stopThenRecover();
    void recoverAfterFullDisk();
    void runArgumentsFromOneString();

private:
    QTemporaryDir m_dir;
};

namespace {

QStringList withoutTime(const QList<TraceEvent> &events, const QString &instance)
{
    QStringList lines;
    for (TraceEvent e : events) {
        if (e.instance != instance)
            continue;
        e.t = 0;
        lines.append(compact(e));
    }
    return lines;
}

void checkLog(const QString &path, int instances)
{
    QString error;
    SagaLog::OpenOptions readOnly;
    readOnly.readOnly = true;
    const auto log = SagaLog::open(path, readOnly, &error);
    QVERIFY2(log, qPrintable(error));
    QCOMPARE(log->integrityCheck(), QStringLiteral("ok"));
    const auto reports = LedgerReport::read(*log, &error);
    QVERIFY2(reports, qPrintable(error));
    QCOMPARE(reports->size(), instances);
    for (const InstanceReport &r : *reports) {
        QVERIFY2(r.status != InstanceStatus::Running, qPrintable(r.instance));
        QVERIFY2(r.invariantViolations().isEmpty(), qPrintable(r.instance + u' ' + r.invariantViolations().join(QStringLiteral("; "))));
    }
    const auto events = log->events(false, nullptr);
    for (auto it = events.cbegin(); it != events.cend(); ++it) {
        for (qsizetype i = 0; i < it->size(); ++i)
            QCOMPARE(it->at(i).seq, i + 1);
        QVERIFY(it->last().isFinal());
    }
}

} // namespace

void TestEngine::runsOnItsOwnThreadWithoutBlocking()
{
    EngineThread thread;
    RunRequest request;
    request.definition = loadSaga(QStringLiteral("checkout.saga"));
    request.options.instances = 20000;
    request.options.virtualTime = true;
    request.options.seed = 3;
    qint64 events = 0;
    bool everyBatchInMainThread = true;
    bool done = false;
    RunSummary summary;
    connect(thread.engine(), &Engine::traceEvents, this, [&](const QList<TraceEvent> &batch) {
        events += batch.size();
        everyBatchInMainThread = everyBatchInMainThread && QThread::currentThread() == thread.thread();
    });
    connect(thread.engine(), &Engine::finished, this, [&](const RunSummary &s) {
        summary = s;
        done = true;
    });
    QElapsedTimer timer;
    timer.start();
    thread.start(request);
    QVERIFY2(timer.elapsed() < 50, "start() must return at once");
    QVERIFY(!done);
    QTRY_VERIFY_WITH_TIMEOUT(done, 30000);
    QVERIFY(everyBatchInMainThread);
    QCOMPARE(summary.completed, 20000);
    QCOMPARE(events, qint64(20000) * 12);
    QCOMPARE(summary.exitCode(), 0);
}

void TestEngine::realClockMatchesVirtualOrder()
{
    // Real time sleeps through the latencies; the order of each instance's events is the same.
    RunRequest request;
    request.definition = loadSaga(QStringLiteral("checkout.saga"));
    request.options.instances = 3;
    request.options.seed = 11;
    QString error;
    QVERIFY(request.options.faults.addAction(QStringLiteral("take_payment=business"), &error));
    Engine engine;
    QList<TraceEvent> real;
    QElapsedTimer timer;
    timer.start();
    const RunSummary summary = waitFor(engine, [&] { engine.start(request); }, &real);
    QVERIFY(timer.elapsed() >= 65); // 10 + 20 + 30 + 5 of latency at least
    QCOMPARE(summary.compensated, 3);
    QCOMPARE(summary.exitCode(), 10);
    QVERIFY(summary.durationMs >= 65);
    RunOptions virtualOptions = request.options;
    const RunResult expected = runSaga(request.definition, virtualOptions);
    for (const QString &id : expected.instanceIds)
        QCOMPARE(withoutTime(real, id), withoutTime(expected.events, id));
}

void TestEngine::stopThenRecover()
{
    const QString path = m_dir.filePath(QStringLiteral("stop.db"));
    RunRequest request;
    request.definition = loadSaga(QStringLiteral("random.saga"));
    request.options.instances = 400;
    request.options.concurrency = 100;
    request.options.virtualTime = true;
    request.options.seed = 99;
    request.logPath = path;
    Engine engine;
    engine.setSliceBudget(500);
    int slices = 0;
    connect(&engine, &Engine::traceEvents, this, [&] {
        if (++slices == 3)
            engine.stop();
    });
    const RunSummary stopped = waitFor(engine, [&] { engine.start(request); });
    QVERIFY2(stopped.error.contains(QLatin1String("stopped")), qPrintable(stopped.error));
    QVERIFY(stopped.unfinished > 0);
    QCOMPARE(stopped.exitCode(), 2);

    Engine recovering;
    QList<TraceEvent> trace;
    const RunSummary recovered = waitFor(recovering, [&] { recovering.recover(path, {}); }, &trace);
    QVERIFY2(recovered.error.isEmpty(), qPrintable(recovered.error));
    QVERIFY(recovered.instances > 0);
    QCOMPARE(recovered.completed + recovered.compensated + recovered.stuck, recovered.instances);
    // Recovered instances go on from their last seq; in-flight attempts are redone under the same key.
    QVERIFY(!trace.isEmpty() && trace.first().seq > 1);
    bool resumed = false;
    for (const TraceEvent &e : trace)
        resumed = resumed || e.reason.contains(QLatin1String("resumed"));
    QVERIFY(resumed);
    checkLog(path, stopped.instances - stopped.unfinished + recovered.instances);

    Engine again;
    const RunSummary nothing = waitFor(again, [&] { again.recover(path, {}); });
    QCOMPARE(nothing.instances, 0);
    QCOMPARE(nothing.exitCode(), 0);
}

void TestEngine::recoverAfterFullDisk()
{
    const QString path = m_dir.filePath(QStringLiteral("full.db"));
    RunRequest request;
    request.definition = loadSaga(QStringLiteral("random.saga"));
    request.options.instances = 2000;
    request.options.concurrency = 300;
    request.options.virtualTime = true;
    request.options.seed = 5;
    request.logPath = path;
    request.logOptions.maxPageCount = 40;
    Engine engine;
    const RunSummary full = waitFor(engine, [&] { engine.start(request); });
    QVERIFY2(full.error.contains(QLatin1String("full")), qPrintable(full.error));
    QVERIFY(full.unfinished > 0);
    QCOMPARE(full.exitCode(), 2);
    // Once there is room again, recover finishes every instance that started.
    Engine recovering;
    const RunSummary recovered = waitFor(recovering, [&] { recovering.recover(path, {}); });
    QVERIFY2(recovered.error.isEmpty(), qPrintable(recovered.error));
    QVERIFY(recovered.instances > 0);
    QString error;
    SagaLog::OpenOptions readOnly;
    readOnly.readOnly = true;
    const int started = int(SagaLog::open(path, readOnly, &error)->instances(false, nullptr).size());
    checkLog(path, started);
}

void TestEngine::runArgumentsFromOneString()
{
    // The desktop application's --run "RUN OPTIONS" reads run's options the way the CLI does.
    RunRequest request;
    request.definition = loadSaga(QStringLiteral("checkout.saga"));
    QString error;
    QVERIFY2(RunArguments::parse(QStringLiteral("--instances 5 --concurrency 2 --seed 9 --virtual-time --db '/tmp/a b.db' "
                                                "--fail take_payment=business --fail-compensation create_order=technical:2"),
                                 &request, &error),
             qPrintable(error));
    QCOMPARE(request.options.instances, 5);
    QCOMPARE(request.options.concurrency, 2);
    QCOMPARE(request.options.seed, quint64(9));
    QVERIFY(request.options.virtualTime);
    QCOMPARE(request.logPath, QStringLiteral("/tmp/a b.db"));
    QCOMPARE(request.options.faults.actionFailure(QStringLiteral("take_payment"), 1), FailureKind::Business);
    QCOMPARE(request.options.faults.compensationFailure(QStringLiteral("create_order"), 2), FailureKind::Technical);
    for (const char *bad : {"--instances 0", "--seed x", "--fail nope=business", "--fail-compensation take_payment=technical:1",
                            "--bogus", "stray", "--db 'unbalanced"}) {
        RunRequest r;
        r.definition = request.definition;
        QVERIFY2(!RunArguments::parse(QLatin1String(bad), &r, &error), bad);
        QVERIFY(!error.isEmpty());
    }
}

QTEST_GUILESS_MAIN(TestEngine)
#include "tst_engine.moc"
