// SPDX-License-Identifier: MIT
// The two-phase commit coordinator (SPEC section 7, `run --protocol 2pc`): whole traces of
// prepare, votes, the decision and its application with the locks held in between; a "no" vote;
// lock-hold times under contention; and the coordinator crashing at each point in a real
// sagascope-cli process (SIGKILL), then `recover` finishing by the logged decision or by presumed
// abort.
#include "enginetesthelpers.h"
#include "logreads.h"

#include "engine.h"
#include "sagaexecutor.h"
#include "testconfig.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace Sagascope;
using namespace Sagascope::Test;

namespace {

const QByteArray TwoSteps = R"({"format": "sagascope/1", "resources": {"stock": 5},
  "steps": [
    {"id": "reserve", "kind": "compensatable",
     "action": {"name": "r", "sim": {"latencyMs": 10, "effect": {"resource": "stock", "delta": -1, "min": 0}}},
     "compensation": {"name": "release"}},
    {"id": "pay", "kind": "pivot", "after": ["reserve"], "action": {"name": "p", "sim": {"latencyMs": 50}},
     "retry": {"maxAttempts": 2, "initialBackoffMs": 20, "jitter": 0}}]}
)";

/** compact() with the 2PC fields: "t event step #attempt vote|decision resource". */
QString line(const TraceEvent &e)
{
    QString text = QString::number(e.t) + QLatin1Char(' ') + traceEventTypeName(e.event);
    if (!e.step.isEmpty())
        text += QLatin1Char(' ') + e.step;
    if (e.isStepEvent())
        text += QStringLiteral(" #") + QString::number(e.attempt);
    if (e.failure != FailureKind::None)
        text += QLatin1Char(' ') + failureKindName(e.failure);
    if (!e.verdict.isEmpty())
        text += QLatin1Char(' ') + e.verdict;
    if (!e.resource.isEmpty())
        text += QLatin1Char(' ') + e.resource;
    return text;
}

QStringList lines(const QList<TraceEvent> &events, const QString &instance = {})
{
    QStringList out;
    for (const TraceEvent &e : events) {
        if (instance.isEmpty() || e.instance == instance)
            out.append(line(e));
    }
    return out;
}

RunRequest twoPc(int instances = 1)
{
    RunRequest request;
    request.definition = parseSaga(TwoSteps);
    request.options.instances = instances;
    request.options.seed = 1;
    request.options.virtualTime = true;
    request.options.protocol = Protocol::TwoPhaseCommit;
    return request;
}

struct Cli
{
    int exitCode = -1;
    bool crashed = false;
    QByteArray out, err;
};

Cli cli(const QStringList &arguments)
{
    QProcess p;
    p.start(QStringLiteral(SAGASCOPE_CLI_PATH), arguments);
    if (!p.waitForFinished(30000))
        qFatal("sagascope-cli did not finish");
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, p.exitStatus() == QProcess::CrashExit,
            p.readAllStandardOutput(), p.readAllStandardError()};
}

QList<TraceEvent> parseTrace(const QByteArray &out)
{
    QList<TraceEvent> events;
    for (const QByteArray &text : out.split('\n')) {
        if (text.trimmed().isEmpty())
            continue;
        const QJsonObject object = QJsonDocument::fromJson(text).object();
        if (const std::optional<TraceEvent> e = TraceEvent::fromJson(object))
            events.append(*e);
    }
    return events;
}

} // namespace

class TestTwoPhaseCommit : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    QString writeSaga()
    {
        const QString path = m_dir.filePath(QStringLiteral("two-steps.saga"));
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly) || file.write(TwoSteps) != TwoSteps.size())
            qFatal("cannot write %s", qPrintable(path));
        return path;
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    void prepareVoteCommit()
    {
        QList<TraceEvent> trace;
        const RunSummary s = runEngine(twoPc(), &trace);
        QVERIFY2(s.error.isEmpty(), qPrintable(s.error));
        QCOMPARE(lines(trace), (QStringList{
            "0 saga_started",
            "0 prepare_sent reserve #1", "0 lock_acquired reserve", "0 lock_acquired reserve stock",
            "10 voted reserve #1 yes",
            "10 prepare_sent pay #1", "10 lock_acquired pay",
            "60 voted pay #1 yes",
            "60 decided commit",
            "60 commit_applied reserve", "60 lock_released reserve stock", "60 lock_released reserve",
            "60 commit_applied pay", "60 lock_released pay",
            "60 saga_completed"}));
        QCOMPARE(s.exitCode(), 0);
        QCOMPARE(s.protocol, QStringLiteral("2pc"));
        QCOMPARE(s.resources.value(QStringLiteral("stock")), 4);
        QCOMPARE(s.lockHoldMs.value(QStringLiteral("stock")).p50, 60); // from its read to the commit
        QCOMPARE(s.latencyMs.p50, 60);
    }

    void noVoteAborts()
    {
        RunRequest request = twoPc();
        QString error;
        QVERIFY(request.options.faults.addAction(QStringLiteral("pay=business"), &error));
        QList<TraceEvent> trace;
        const RunSummary s = runEngine(request, &trace);
        QCOMPARE(lines(trace), (QStringList{
            "0 saga_started",
            "0 prepare_sent reserve #1", "0 lock_acquired reserve", "0 lock_acquired reserve stock",
            "10 voted reserve #1 yes",
            "10 prepare_sent pay #1", "10 lock_acquired pay",
            "60 voted pay #1 no",
            "60 decided abort",
            "60 abort_applied reserve", "60 lock_released reserve stock", "60 lock_released reserve",
            "60 abort_applied pay", "60 lock_released pay",
            "60 saga_compensated"}));
        QCOMPARE(trace.at(7).reason, QStringLiteral("injected business failure"));
        QCOMPARE(trace.at(8).reason, QStringLiteral("aborted: pay voted no"));
        QCOMPARE(trace.last().reason, QStringLiteral("aborted: pay voted no"));
        QCOMPARE(s.exitCode(), 10);
        QCOMPARE(s.compensated, 1);
        QCOMPARE(s.resources.value(QStringLiteral("stock")), 5); // nothing was applied
    }

    // Technical attempts run out: a "no" (after a retry that keeps the locks).
    void technicalAttemptsRunOutVoteNo()
    {
        RunRequest request = twoPc();
        QString error;
        QVERIFY(request.options.faults.addAction(QStringLiteral("pay=technical:2"), &error));
        QList<TraceEvent> trace;
        const RunSummary s = runEngine(request, &trace);
        const QStringList got = lines(trace);
        QVERIFY2(got.contains(QStringLiteral("60 retry_scheduled pay #1 technical")), qPrintable(got.join('\n')));
        QVERIFY(got.contains(QStringLiteral("80 prepare_sent pay #2")));
        QVERIFY(got.contains(QStringLiteral("130 voted pay #2 no")));
        QCOMPARE(got.count(QStringLiteral("10 lock_acquired pay")), 1); // held through the retry
        QCOMPARE(s.compensated, 1);
    }

    // Two instances on one stock: the second waits for the first's lock until it has committed.
    void locksAreHeldUntilTheDecisionIsApplied()
    {
        QList<TraceEvent> trace;
        const RunSummary s = runEngine(twoPc(2), &trace);
        const QString b = SagaExecutor::instanceId(1, 2);
        QCOMPARE(lines(trace, b), (QStringList{
            "0 saga_started", "0 prepare_sent reserve #1", "0 lock_acquired reserve",
            "60 lock_acquired reserve stock", "70 voted reserve #1 yes",
            "70 prepare_sent pay #1", "70 lock_acquired pay", "120 voted pay #1 yes", "120 decided commit",
            "120 commit_applied reserve", "120 lock_released reserve stock", "120 lock_released reserve",
            "120 commit_applied pay", "120 lock_released pay", "120 saga_completed"}));
        QCOMPARE(s.completed, 2);
        QCOMPARE(s.resources.value(QStringLiteral("stock")), 3);
        QCOMPARE(s.lockHoldMs.value(QStringLiteral("stock")).count, 2);
        QCOMPARE(s.lockHoldMs.value(QStringLiteral("stock")).p50, 60);
        QCOMPARE(s.latencyMs.p50, 60);
        QCOMPARE(s.latencyMs.p99, 120);
        QCOMPARE(s.anomalies.lostUpdates, 0);
        QCOMPARE(s.anomalies.dirtyReads, 0);
    }

    void crashAfterPrepareThenPresumedAbort()
    {
        const QString saga = writeSaga();
        const QString db = m_dir.filePath(QStringLiteral("after-prepare.db"));
        const Cli crashed = cli({QStringLiteral("run"), saga, QStringLiteral("--protocol"), QStringLiteral("2pc"),
                                 QStringLiteral("--crash-coordinator"), QStringLiteral("after-prepare"), QStringLiteral("--db"), db,
                                 QStringLiteral("--virtual-time"), QStringLiteral("--seed"), QStringLiteral("1"),
                                 QStringLiteral("--json")});
        QVERIFY2(crashed.crashed, crashed.err.constData()); // killed where the option says
        const QList<TraceEvent> before = parseTrace(crashed.out);
        QCOMPARE(lines(before).mid(7), (QStringList{"60 voted pay #1 yes", "60 in_doubt reserve", "60 in_doubt pay"}));
        QVERIFY(!lines(before).join('\n').contains(QLatin1String("decided")));

        const Cli recovered = cli({QStringLiteral("recover"), QStringLiteral("--db"), db, QStringLiteral("--json")});
        QCOMPARE(recovered.exitCode, 10);
        const QList<TraceEvent> after = parseTrace(recovered.out);
        QCOMPARE(lines(after), (QStringList{
            "60 decided abort",
            "60 abort_applied reserve", "60 lock_released reserve stock", "60 lock_released reserve",
            "60 abort_applied pay", "60 lock_released pay", "60 saga_compensated"}));
        QVERIFY(after.first().reason.contains(QLatin1String("presumed abort")));
        QCOMPARE(after.first().seq, before.last().seq + 1);

        const Cli inspected = cli({QStringLiteral("inspect"), QStringLiteral("--db"), db, QStringLiteral("--json")});
        const QJsonObject report = QJsonDocument::fromJson(inspected.out.trimmed()).object();
        QCOMPARE(report.value(QLatin1String("status")).toString(), QStringLiteral("compensated"));
        QCOMPARE(report.value(QLatin1String("steps")).toObject().value(QLatin1String("reserve")).toObject()
                     .value(QLatin1String("applied")).toInt(), 0);
    }

    void crashAfterDecisionThenCommit()
    {
        const QString saga = writeSaga();
        const QString db = m_dir.filePath(QStringLiteral("after-decision.db"));
        const Cli crashed = cli({QStringLiteral("run"), saga, QStringLiteral("--protocol"), QStringLiteral("2pc"),
                                 QStringLiteral("--crash-coordinator"), QStringLiteral("after-decision"), QStringLiteral("--db"),
                                 db, QStringLiteral("--virtual-time"), QStringLiteral("--seed"), QStringLiteral("1"),
                                 QStringLiteral("--json")});
        QVERIFY2(crashed.crashed, crashed.err.constData());
        const QList<TraceEvent> before = parseTrace(crashed.out);
        QCOMPARE(lines(before).mid(7),
                 (QStringList{"60 voted pay #1 yes", "60 decided commit", "60 in_doubt reserve", "60 in_doubt pay"}));

        const Cli recovered = cli({QStringLiteral("recover"), QStringLiteral("--db"), db, QStringLiteral("--json")});
        QCOMPARE(recovered.exitCode, 0);
        QCOMPARE(lines(parseTrace(recovered.out)), (QStringList{
            "60 commit_applied reserve", "60 lock_released reserve stock", "60 lock_released reserve",
            "60 commit_applied pay", "60 lock_released pay", "60 saga_completed"}));
        QString error;
        SagaLog::OpenOptions readOnly;
        readOnly.readOnly = true;
        const auto log = SagaLog::open(db, readOnly, &error);
        QVERIFY2(log, qPrintable(error));
        QCOMPARE(readLog([&](QString *e) { return log->resourceValues(1, e); }).value(QStringLiteral("stock")), 4);
        // Nothing more to do.
        QCOMPARE(cli({QStringLiteral("recover"), QStringLiteral("--db"), db}).exitCode, 0);
    }

    void crashNeedsTwoPhaseCommit()
    {
        const Cli refused = cli({QStringLiteral("run"), writeSaga(), QStringLiteral("--crash-coordinator"),
                                 QStringLiteral("after-prepare")});
        QCOMPARE(refused.exitCode, 2);
        QVERIFY(refused.err.contains("--crash-coordinator needs --protocol 2pc"));
        QCOMPARE(cli({QStringLiteral("run"), writeSaga(), QStringLiteral("--protocol"), QStringLiteral("3pc")}).exitCode, 2);
    }

    // A log of the schema version before the shared counters (no resource_changes, no
    // events.verdict/resource) is read as it is and upgraded in place, in one step, when opened
    // for writing; a 2PC run then goes into it.
    void previousVersionLogIsUpgraded()
    {
        const QString db = m_dir.filePath(QStringLiteral("previous.db"));
        RunRequest request = twoPc();
        request.logPath = db;
        QList<TraceEvent> trace;
        QVERIFY(runEngine(request, &trace).error.isEmpty());
        {
            QSqlDatabase raw = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("v2-raw"));
            raw.setDatabaseName(db);
            QVERIFY(raw.open());
            QSqlQuery q(raw);
            // Version 3: before the shared counters, the two-phase commit's columns (and version 5's
            // remote tables).
            for (const char *sql : {"DROP TABLE resource_changes", "ALTER TABLE events DROP COLUMN verdict",
                                    "ALTER TABLE events DROP COLUMN resource", "DROP TABLE results",
                                    "DROP TABLE http_attempts", "DROP TABLE resumes"})
                QVERIFY2(q.exec(QLatin1String(sql)), sql);
            QVERIFY(q.exec(QStringLiteral("PRAGMA user_version = 3")));
            q.finish();
            raw.close();
        }
        QSqlDatabase::removeDatabase(QStringLiteral("v2-raw"));
        QString error;
        {
            SagaLog::OpenOptions readOnly;
            readOnly.readOnly = true;
            const auto log = SagaLog::open(db, readOnly, &error);
            QVERIFY2(log, qPrintable(error));
            QCOMPARE(log->pragma(QStringLiteral("user_version")).toInt(), 3);
            const QList<TraceEvent> events = log->eventsOf(trace.first().instance, &error);
            QVERIFY2(error.isEmpty(), qPrintable(error));
            QCOMPARE(events.size(), trace.size());
            QVERIFY(events.at(4).verdict.isEmpty()); // the version before did not keep it
            QVERIFY(readLog([&](QString *e) { return log->resourceValues(1, e); }).isEmpty());
        }
        {
            const auto log = SagaLog::open(db, {}, &error);
            QVERIFY2(log, qPrintable(error));
            QCOMPARE(log->pragma(QStringLiteral("user_version")).toInt(), SagaLog::SchemaVersion);
        }
        request.options.seed = 2;
        QList<TraceEvent> again;
        const RunSummary s = runEngine(request, &again);
        QVERIFY2(s.error.isEmpty(), qPrintable(s.error));
        SagaLog::OpenOptions readOnly;
        readOnly.readOnly = true;
        const auto log = SagaLog::open(db, readOnly, &error);
        const QList<TraceEvent> events = log->eventsOf(again.first().instance, &error);
        QCOMPARE(events, again);
        QCOMPARE(readLog([&](QString *e) { return log->resourceValues(2, e); }).value(QStringLiteral("stock")), 4);
    }

    // The same saga, seed and load under both protocols: comparable summaries.
    void jsonSummaryForBothProtocols()
    {
        QJsonObject summaries[2];
        const char *protocols[2] = {"saga", "2pc"};
        for (int i = 0; i < 2; ++i) {
            const Cli c = cli({QStringLiteral("run"), QStringLiteral(SAGASCOPE_EXAMPLES_DIR "/hot-item.saga"),
                               QStringLiteral("--protocol"), QLatin1String(protocols[i]), QStringLiteral("--instances"),
                               QStringLiteral("50"), QStringLiteral("--concurrency"), QStringLiteral("10"), QStringLiteral("--seed"),
                               QStringLiteral("1"), QStringLiteral("--virtual-time"), QStringLiteral("--json-summary")});
            QVERIFY2(c.exitCode == 0 || c.exitCode == 10, c.err.constData());
            const QList<QByteArray> outLines = c.out.trimmed().split('\n');
            QCOMPARE(outLines.size(), 1); // no readable trace with --json-summary
            summaries[i] = QJsonDocument::fromJson(outLines.last()).object();
            for (const char *key : {"protocol", "completed", "rolledBack", "throughputPerSec", "latencyMs", "lockHoldMs",
                                    "inDoubt", "dirtyReads", "lostUpdates", "resources"})
                QVERIFY2(summaries[i].contains(QLatin1String(key)), key);
            QCOMPARE(summaries[i].value(QLatin1String("protocol")).toString(), QLatin1String(protocols[i]));
            QCOMPARE(summaries[i].value(QLatin1String("completed")).toInt() + summaries[i].value(QLatin1String("rolledBack")).toInt(), 50);
        }
        const QJsonObject &saga = summaries[0], &twoPhase = summaries[1];
        QVERIFY(saga.value(QLatin1String("lostUpdates")).toInt() > 0);
        QCOMPARE(twoPhase.value(QLatin1String("lostUpdates")).toInt(), 0);
        QCOMPARE(twoPhase.value(QLatin1String("dirtyReads")).toInt(), 0);
        // 2PC keeps the stock exact: initial stock less the completed orders.
        QCOMPARE(twoPhase.value(QLatin1String("resources")).toObject().value(QLatin1String("stock:sku-1")).toInt(),
                 10 - twoPhase.value(QLatin1String("completed")).toInt());
        // Holding the lock for the whole transaction costs throughput.
        QVERIFY(twoPhase.value(QLatin1String("throughputPerSec")).toDouble() < saga.value(QLatin1String("throughputPerSec")).toDouble());
        QVERIFY(twoPhase.value(QLatin1String("lockHoldMs")).toObject().value(QLatin1String("stock:sku-1")).toObject()
                    .value(QLatin1String("p50")).toInt() > 0);
    }
};

QTEST_GUILESS_MAIN(TestTwoPhaseCommit)
#include "tst_twophasecommit.moc"
