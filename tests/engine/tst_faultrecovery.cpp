// SPDX-License-Identifier: MIT
// Faults injected while a run goes on survive a crash (docs/ENGINE.md, docs/SAGA-LOG.md): a child
// process (this executable, started again with SAGASCOPE_FAULT_CHILD set) runs a saga with a
// saga log, pauses at a breakpoint, injects a fault there and kills itself with SIGKILL. Then
// `recover` must finish the instance as the run would have, the fault included and counted from
// the attempt it was injected before. Also: the log's faults table read back, and a version 1 log
// upgraded when opened for writing.

#include "engine.h"
#include "enginetesthelpers.h"
#include "sagalog.h"

#include <QProcess>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>
#include <unistd.h>

using namespace Sagascope;
using namespace Sagascope::Test;

namespace {

const char *const ChildDb = "SAGASCOPE_FAULT_CHILD";
const char *const ChildScenario = "SAGASCOPE_FAULT_SCENARIO";

/** The child: run until the scenario's breakpoint, inject its fault, die without a word. */
int runChild()
{
    const QString db = qEnvironmentVariable(ChildDb);
    const QString scenario = qEnvironmentVariable(ChildScenario);
    const SagaDefinition saga = loadSaga(QStringLiteral("checkout.saga"));
    Engine engine;
    RunRequest request;
    request.definition = saga;
    request.logPath = db;
    QString step;
    int pauseAt = 1;
    FailureKind kind = FailureKind::Business;
    int attempts = 0;
    if (scenario == QLatin1String("ship")) {
        // ship fails once by the run's own options; before its 2nd attempt, two more are injected.
        request.options = options({QStringLiteral("ship=technical:1")});
        step = QStringLiteral("ship");
        pauseAt = 2;
        kind = FailureKind::Technical;
        attempts = 2;
    } else {
        request.options = options();
        step = QStringLiteral("take_payment");
    }
    request.options.virtualTime = true;
    engine.setBreakpoints({Breakpoint{{}, step, OperationKind::Action}});
    int pauses = 0;
    QObject::connect(&engine, &Engine::paused, [&](const PauseInfo &) {
        if (++pauses < pauseAt) {
            engine.resume();
            return;
        }
        if (!engine.injectFault({}, step, OperationKind::Action, kind, attempts))
            ::_exit(3);
        ::kill(::getpid(), SIGKILL); // the injection is in the log; nothing after it is
    });
    QObject::connect(&engine, &Engine::finished, [] { ::_exit(4); }); // never reached the breakpoint
    engine.start(request);
    return QCoreApplication::exec();
}

QStringList stepLines(const QList<TraceEvent> &events, const QString &step)
{
    QStringList lines;
    for (const TraceEvent &e : events)
        if (e.step == step && e.isStepEvent())
            lines.append(traceEventTypeName(e.event) + QStringLiteral(" #") + QString::number(e.attempt)
                         + (e.failure != FailureKind::None ? QLatin1Char(' ') + failureKindName(e.failure) : QString()));
    return lines;
}

} // namespace

class TestFaultRecovery : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void injectedFaultSurvivesACrash_data();
    void injectedFaultSurvivesACrash();
    void faultsTableRoundTrip();
    void version1LogIsUpgraded();

private:
    /** Runs the child on a new log until it kills itself; the log's path. */
    QString crashedLog(const QString &scenario)
    {
        const QString db = m_dir.filePath(scenario + QStringLiteral(".db"));
        QProcess child;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QString::fromLatin1(ChildDb), db);
        env.insert(QString::fromLatin1(ChildScenario), scenario);
        child.setProcessEnvironment(env);
        child.start(QCoreApplication::applicationFilePath(), {});
        if (!child.waitForFinished(30000))
            return {};
        if (child.exitStatus() != QProcess::CrashExit) {
            qWarning("child exited with %d: %s", child.exitCode(), child.readAllStandardError().constData());
            return {};
        }
        return db;
    }

    QTemporaryDir m_dir;
};

void TestFaultRecovery::injectedFaultSurvivesACrash_data()
{
    QTest::addColumn<QString>("scenario");
    QTest::addColumn<QString>("step");
    QTest::addColumn<QStringList>("fails");
    QTest::addColumn<int>("completed");
    // A business failure injected at the pivot's breakpoint: recovery rolls back.
    QTest::newRow("business at the pivot") << QStringLiteral("payment") << QStringLiteral("take_payment")
                                           << QStringList{QStringLiteral("take_payment=business")} << 0;
    // technical ×2 injected before ship's 2nd attempt: attempts 2 and 3 fail after recovery too,
    // as `ship=technical:3` would have made them (the count starts at the attempt injected before).
    QTest::newRow("technical from the next attempt") << QStringLiteral("ship") << QStringLiteral("ship")
                                                     << QStringList{QStringLiteral("ship=technical:3")} << 1;
}

void TestFaultRecovery::injectedFaultSurvivesACrash()
{
    QFETCH(QString, scenario);
    QFETCH(QString, step);
    QFETCH(QStringList, fails);
    QFETCH(int, completed);
    const QString db = crashedLog(scenario);
    QVERIFY(!db.isEmpty());
    {
        SagaLog::OpenOptions readOnly;
        readOnly.readOnly = true;
        QString error;
        const auto log = SagaLog::open(db, readOnly, &error);
        QVERIFY2(log, qPrintable(error));
        QCOMPARE(log->instances(true, nullptr).size(), 1); // unfinished: the crash came mid-run
        const QList<FaultRecord> faults = log->faults(log->runs(nullptr).first().id, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QCOMPARE(faults.size(), 1);
        QCOMPARE(faults.first().step, step);
    }

    Engine engine;
    RunSummary summary;
    bool finished = false;
    connect(&engine, &Engine::finished, this, [&](const RunSummary &s) {
        summary = s;
        finished = true;
    });
    engine.recover(db, {});
    QVERIFY(QTest::qWaitFor([&] { return finished; }, 20000));
    QVERIFY2(summary.error.isEmpty(), qPrintable(summary.error));
    QCOMPARE(summary.completed, completed);
    QCOMPARE(summary.compensated, 1 - completed);

    // The instance's whole logged trace has the step's attempts of a run given the fault at once.
    SagaLog::OpenOptions readOnly;
    readOnly.readOnly = true;
    QString error;
    const auto log = SagaLog::open(db, readOnly, &error);
    QVERIFY2(log, qPrintable(error));
    const QList<InstanceRecord> instances = log->instances(false, nullptr);
    QCOMPARE(instances.size(), 1);
    QList<TraceEvent> recovered = log->eventsOf(instances.first().id);
    // The attempt held at the breakpoint was logged (write-ahead) before the crash; recovery
    // called it again, logged once more with its reason. Apart from that: the same attempts.
    const qsizetype resumed = recovered.removeIf(
        [](const TraceEvent &e) { return e.reason == QLatin1String("resumed after a crash"); });
    QCOMPARE(resumed, qsizetype(1));
    const RunResult expected = runSaga(loadSaga(QStringLiteral("checkout.saga")), options(fails));
    QCOMPARE(stepLines(recovered, step), stepLines(expected.events, step));
    QCOMPARE(recovered.last().event, expected.events.last().event);
}

void TestFaultRecovery::faultsTableRoundTrip()
{
    const QString db = m_dir.filePath(QStringLiteral("roundtrip.db"));
    QString error;
    auto log = SagaLog::open(db, {}, &error);
    QVERIFY2(log, qPrintable(error));
    const auto run = log->beginRun("{}", options(), &error);
    QVERIFY2(run, qPrintable(error));
    FaultRecord every;
    every.run = run->id;
    every.step = QStringLiteral("ship");
    every.operation = OperationKind::Action;
    every.fault = {FailureKind::Timeout, 2};
    every.bases = {{QStringLiteral("i-1"), 1}, {QStringLiteral("i-2"), 3}};
    FaultRecord one;
    one.run = run->id;
    one.instance = QStringLiteral("i-2");
    one.step = QStringLiteral("reserve");
    one.operation = OperationKind::Compensation;
    one.fault = {FailureKind::Technical, 0};
    FaultRecord cleared;
    cleared.run = run->id;
    cleared.step = QStringLiteral("ship");
    for (const FaultRecord *r : {&every, &one, &cleared})
        QVERIFY2(log->recordFault(*r), qPrintable(log->lastError()));
    const QList<FaultRecord> read = log->faults(run->id, &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QCOMPARE(read.size(), 3);
    QCOMPARE(read.at(0).instance, QString());
    QCOMPARE(read.at(0).operation, std::optional(OperationKind::Action));
    QCOMPARE(read.at(0).fault, every.fault);
    QCOMPARE(read.at(0).bases, every.bases);
    QCOMPARE(read.at(1).instance, QStringLiteral("i-2"));
    QCOMPARE(read.at(1).operation, std::optional(OperationKind::Compensation));
    QCOMPARE(read.at(1).fault, one.fault);
    QVERIFY(!read.at(2).operation);
    QCOMPARE(read.at(2).fault.kind, FailureKind::None);
    QVERIFY(read.at(0).id < read.at(1).id && read.at(1).id < read.at(2).id);
    QVERIFY(log->faults(run->id + 1, nullptr).isEmpty());
    // A log in memory keeps nothing and refuses nothing.
    QVERIFY(SagaLog::inMemory()->recordFault(every));
}

void TestFaultRecovery::version1LogIsUpgraded()
{
    const QString db = m_dir.filePath(QStringLiteral("v1.db"));
    QString error;
    qint64 runId = 0;
    {
        auto log = SagaLog::open(db, {}, &error);
        QVERIFY2(log, qPrintable(error));
        runId = log->beginRun("{}", options(), &error)->id;
    }
    {
        // What version 1 wrote: no faults table, none of version 3's broker, none of version 4's
        // shared counters and two-phase commit columns, none of version 5's remote tables.
        QSqlDatabase raw = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("v1-raw"));
        raw.setDatabaseName(db);
        QVERIFY(raw.open());
        QSqlQuery q(raw);
        for (const char *undo : {"DROP VIEW outbox", "DROP VIEW inbox", "DROP INDEX outbox_ids", "DROP INDEX inbox_ids",
                                 "ALTER TABLE events DROP COLUMN message", "DROP TABLE resource_changes",
                                 "ALTER TABLE events DROP COLUMN verdict", "ALTER TABLE events DROP COLUMN resource"})
            QVERIFY2(q.exec(QLatin1String(undo)), undo);
        QVERIFY(q.exec(QStringLiteral("DROP TABLE faults")));
        QVERIFY(q.exec(QStringLiteral("DROP TABLE results")));       // version 5
        QVERIFY(q.exec(QStringLiteral("DROP TABLE http_attempts"))); // version 5
        QVERIFY(q.exec(QStringLiteral("DROP TABLE resumes")));       // version 6
        QVERIFY(q.exec(QStringLiteral("PRAGMA user_version = 1")));
        q.finish();
        raw.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("v1-raw"));
    {
        // Read-only (inspect, the monitor): read as it is, no faults, nothing changed.
        SagaLog::OpenOptions readOnly;
        readOnly.readOnly = true;
        auto log = SagaLog::open(db, readOnly, &error);
        QVERIFY2(log, qPrintable(error));
        QVERIFY(log->faults(runId, &error).isEmpty());
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QCOMPARE(log->pragma(QStringLiteral("user_version")).toInt(), 1);
    }
    // For writing (run, recover): upgraded to the current version, the faults table added.
    auto log = SagaLog::open(db, {}, &error);
    QVERIFY2(log, qPrintable(error));
    QCOMPARE(log->pragma(QStringLiteral("user_version")).toInt(), SagaLog::SchemaVersion);
    FaultRecord record;
    record.run = runId;
    record.step = QStringLiteral("ship");
    record.operation = OperationKind::Action;
    record.fault = {FailureKind::Business, 0};
    QVERIFY2(log->recordFault(record), qPrintable(log->lastError()));
    QCOMPARE(log->faults(runId, nullptr).size(), 1);
    QCOMPARE(log->runs(nullptr).size(), 1);
}

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    if (qEnvironmentVariableIsSet(ChildDb))
        return runChild();
    TestFaultRecovery test;
    QTEST_SET_MAIN_SOURCE_PATH
    return QTest::qExec(&test, argc, argv);
}

#include "tst_faultrecovery.moc"
