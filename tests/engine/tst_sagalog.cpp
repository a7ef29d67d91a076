// SPDX-License-Identifier: MIT
// The saga log on real SQLite files: its schema and pragmas, group commit, unique instance ids,
// and the failure cases: not a log, a newer version, locked, a full disk. Write-ahead (a participant
// is called only once the start of its attempt is durable), a key applied twice refused by name,
// recovery reading the ledger, and a failed read during recovery reported as an error.
// Every test runs twice: batches committed through the native sqlite3 handle, and through QtSql.

#include "enginetesthelpers.h"
#include "ledgerreport.h"

#include <QElapsedTimer>
#include <QFileInfo>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace Sagascope;
using namespace Sagascope::Test;

class TestSagaLog : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase_data();
    void commitsThroughTheChosenPath();
    void rowsReadBackAsWritten();
    void participantsAreCalledOnlyOnceTheirStartIsDurable();
    void aKeyAppliedTwiceIsRefusedByName();
    void aTimedOutActionIsAppliedOnce();
    void recoveryReadsTheLedger();
    void failedReadDuringRecoveryIsAnError_data();
    void failedReadDuringRecoveryIsAnError();
    void createsVersionedWalLog();
    void groupCommits();
    void instanceIdsNeverReused();
    void refusesNonSqliteFile();
    void refusesOtherDatabase();
    void refusesNewerVersion();
    void refusesLockedLog();
    void refusesMissingLogWhenNotCreating();
    void recoverWaitsForLiveWriters();
    void fullDiskStopsCleanly();
    void version2LogGetsTheBroker();

private:
    /** A file of this row's own (the two commit paths never share a log). */
    QString file(const QString &name) const;
    /** Writer options that commit through this row's path. */
    static SagaLog::OpenOptions writer();
    QTemporaryDir m_dir;
};

namespace {

QByteArray readAll(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

/** A raw connection, as another process would have. */
struct RawConnection
{
    explicit RawConnection(const QString &path, const QString &name) : name(name)
    {
        db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(path);
        db.open();
    }
    ~RawConnection()
    {
        db.close();
        db = QSqlDatabase();
        QSqlDatabase::removeDatabase(name);
    }
    bool exec(const QString &sql)
    {
        QSqlQuery q(db);
        return q.exec(sql);
    }
    qint64 count(const QString &table)
    {
        QSqlQuery q(db);
        q.exec(QStringLiteral("SELECT count(*) FROM ") + table);
        return q.next() ? q.value(0).toLongLong() : -1;
    }
    QString name;
    QSqlDatabase db;
};

/** A linear saga a -> b -> c -> d (pivot) -> e. */
const char *const Linear = R"({"format":"sagascope/1","steps":[
    {"id":"a","kind":"compensatable","action":{"name":"a","sim":{"latencyMs":5}},"compensation":{"name":"ua"}},
    {"id":"b","kind":"compensatable","after":["a"],"action":{"name":"b","sim":{"latencyMs":5}},"compensation":{"name":"ub"},
     "timeoutMs":50},
    {"id":"c","kind":"compensatable","after":["b"],"action":{"name":"c","sim":{"latencyMs":5}},"compensation":{"name":"uc"}},
    {"id":"d","kind":"pivot","after":["c"],"action":{"name":"d"}},
    {"id":"e","kind":"retriable","after":["d"],"action":{"name":"e"},"idempotent":true}]})";

/** Overwrites every b-tree page of `table` (and of its indexes) with bytes that are no page:
 *  the schema still reads, statements on the table still prepare, and every read of it fails
 *  ("database disk image is malformed"), as after a bad sector. */
void corruptTable(const QString &path, const QString &table)
{
    QList<qint64> pages;
    qint64 pageSize = 0;
    {
        RawConnection raw(path, QStringLiteral("corrupt-raw"));
        QSqlQuery q(raw.db);
        QVERIFY(q.exec(QStringLiteral("PRAGMA page_size")) && q.next());
        pageSize = q.value(0).toLongLong();
        QVERIFY(q.exec(QStringLiteral("SELECT rootpage FROM sqlite_master WHERE tbl_name = '%1' AND rootpage > 0").arg(table)));
        while (q.next())
            pages.append(q.value(0).toLongLong());
    } // the last connection closed: the WAL is checkpointed into the file
    QVERIFY(!pages.isEmpty());
    QVERIFY(!QFile::exists(path + QStringLiteral("-wal")) || QFileInfo(path + QStringLiteral("-wal")).size() == 0);
    QFile f(path);
    QVERIFY(f.open(QIODevice::ReadWrite));
    for (const qint64 page : pages) {
        QVERIFY(f.seek((page - 1) * pageSize));
        QCOMPARE(f.write(QByteArray(int(pageSize), '\xff')), pageSize);
    }
}

/** Leaves instance `number` of the log as a crash would have: running, its trace cut after its
 *  `keep` first events, its ledger cut to the rows `keepEffects` selects (an SQL condition). */
void cutInstance(RawConnection &raw, qint64 number, int keep, const QString &keepEffects)
{
    QVERIFY(raw.exec(QStringLiteral("UPDATE instances SET status = 'running', reason = NULL WHERE number = %1").arg(number)));
    QVERIFY(raw.exec(QStringLiteral("DELETE FROM events WHERE instance = %1 AND seq > %2").arg(number).arg(keep)));
    QVERIFY(raw.exec(QStringLiteral("DELETE FROM effects WHERE instance = %1 AND NOT (%2)").arg(number).arg(keepEffects)));
}

} // namespace

void TestSagaLog::initTestCase_data()
{
    QTest::addColumn<bool>("native");
    QTest::newRow("native") << true;
    QTest::newRow("qtsql") << false;
}

QString TestSagaLog::file(const QString &name) const
{
    QFETCH_GLOBAL(bool, native);
    return m_dir.filePath((native ? QStringLiteral("native-") : QStringLiteral("qtsql-")) + name);
}

SagaLog::OpenOptions TestSagaLog::writer()
{
    QFETCH_GLOBAL(bool, native);
    SagaLog::OpenOptions options;
    options.nativeCommits = native;
    return options;
}

void TestSagaLog::commitsThroughTheChosenPath()
{
    // The native path is there on this platform (Qt's QSQLITE links the system SQLite, as we do):
    // if it were not, the "native" row would test the fallback twice.
    QFETCH_GLOBAL(bool, native);
    QString error;
    const auto log = SagaLog::open(file(QStringLiteral("path.db")), writer(), &error);
    QVERIFY2(log, qPrintable(error));
    QCOMPARE(log->usesNativeCommits(), native);
}

void TestSagaLog::rowsReadBackAsWritten()
{
    // Every kind of row, every column, NULLs included: what a batch writes is what the reads give.
    const QString path = file(QStringLiteral("rows.db"));
    QString error;
    const auto log = SagaLog::open(path, writer(), &error);
    QVERIFY2(log, qPrintable(error));
    const SagaDefinition saga = loadSaga(QStringLiteral("checkout.saga"));
    RunOptions o = options({QStringLiteral("reserve_credit=technical:1"), QStringLiteral("take_payment=business")}, {}, 3);
    const RunResult r = runSaga(saga, o, log.get());
    QVERIFY(!r.failed);
    const auto events = log->events(false, &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QList<TraceEvent> read;
    for (const QList<TraceEvent> &list : events)
        read.append(list);
    std::sort(read.begin(), read.end(), [](const TraceEvent &a, const TraceEvent &b) {
        return std::tie(a.instance, a.seq) < std::tie(b.instance, b.seq);
    });
    QList<TraceEvent> written = r.events;
    std::sort(written.begin(), written.end(), [](const TraceEvent &a, const TraceEvent &b) {
        return std::tie(a.instance, a.seq) < std::tie(b.instance, b.seq);
    });
    QCOMPARE(read, written);
    // The ledger as the participants applied it.
    const QList<InstanceRecord> instances = log->instances(false, &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QCOMPARE(instances.size(), 3);
    QHash<qint64, QString> idOf;
    for (const InstanceRecord &i : instances) {
        idOf.insert(i.number, i.id);
        QCOMPARE(i.status, InstanceStatus::Compensated);
        QVERIFY2(i.reason.contains(QLatin1String("take_payment")), qPrintable(i.reason));
    }
    const QList<EffectRecord> effects = log->effects(false, &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    int rows = 0;
    for (const QString &id : r.instanceIds) {
        for (qsizetype s = 0; s < saga.steps.size(); ++s) {
            const auto counts = r.ledger->counts(id, int(s));
            int applied = 0, compensated = 0;
            for (const EffectRecord &e : effects) {
                if (idOf.value(e.instanceNumber) == id && e.step == saga.steps[s].id) {
                    applied += e.outcome == EffectOutcome::Applied;
                    compensated += e.outcome == EffectOutcome::Compensated;
                }
            }
            QCOMPARE(applied, counts.applied);
            QCOMPARE(compensated, counts.compensated);
            rows += applied + compensated;
        }
    }
    QCOMPARE(rows, 3 * 4); // create_order and reserve_credit, applied and compensated
}

void TestSagaLog::participantsAreCalledOnlyOnceTheirStartIsDurable()
{
    // SPEC section 3: "every step start must be durable before its participant is called". At the
    // moment each participant is called, a second connection (another process would see the
    // same) must find the step_started / compensation_started of that very attempt committed.
    const QString path = file(QStringLiteral("writeahead.db"));
    QString error;
    const auto log = SagaLog::open(path, writer(), &error);
    QVERIFY2(log, qPrintable(error));
    SagaLog::OpenOptions readOnly;
    readOnly.readOnly = true;
    const auto reader = SagaLog::open(path, readOnly, &error);
    QVERIFY2(reader, qPrintable(error));
    int calls = 0, compensations = 0, retries = 0;
    QStringList missing;
    const auto probe = [&](const Invocation &call) {
        ++calls;
        compensations += call.operation == OperationKind::Compensation;
        retries += call.attempt > 1;
        QString readError;
        const QList<TraceEvent> durable = reader->eventsOf(call.instance, &readError);
        const TraceEventType start = call.operation == OperationKind::Action ? TraceEventType::StepStarted
                                                                              : TraceEventType::CompensationStarted;
        const bool found = std::any_of(durable.cbegin(), durable.cend(), [&](const TraceEvent &e) {
            return e.event == start && e.step == call.step && e.attempt == call.attempt;
        });
        if (!found)
            missing.append(QStringLiteral("%1 #%2 %3").arg(call.idempotencyKey()).arg(call.attempt).arg(readError));
    };
    // Parallel branches, retries, timeouts and rollbacks: random.saga's failures, several seeds.
    const SagaDefinition saga = loadSaga(QStringLiteral("random.saga"));
    const RunResult r = runSaga(saga, options({}, {}, 40, 7), log.get(), probe);
    QVERIFY(!r.failed);
    QVERIFY2(missing.isEmpty(), qPrintable(QStringLiteral("called before its start was committed: ") + missing.mid(0, 5).join(u", ")));
    QVERIFY(calls > 100);
    QVERIFY(compensations > 0);
    QVERIFY(retries > 0);
}

void TestSagaLog::aKeyAppliedTwiceIsRefusedByName()
{
    // The ledger's primary key is the idempotency key: a participant that applies a key a second
    // time gets a constraint error from SQLite, which the log reports as what it is.
    const QString path = file(QStringLiteral("twice.db"));
    QString error;
    const auto log = SagaLog::open(path, writer(), &error);
    QVERIFY2(log, qPrintable(error));
    const SagaDefinition saga = parseSaga(Linear);
    const auto run = log->beginRun(SagaFile::serialize(saga), options(), &error);
    QVERIFY2(run, qPrintable(error));
    InstanceRecord instance;
    instance.number = run->firstInstance;
    instance.id = QStringLiteral("inst-1");
    instance.run = run->id;
    log->appendInstance(instance);
    log->appendEffect(instance.id, QStringLiteral("b"), OperationKind::Action, EffectOutcome::Applied);
    QVERIFY2(log->commit(), qPrintable(log->lastError()));
    log->appendEffect(instance.id, QStringLiteral("b"), OperationKind::Action, EffectOutcome::Applied);
    QVERIFY(!log->commit());
    QVERIFY2(log->lastError().contains(QLatin1String("applied twice")) && log->lastError().contains(QLatin1String("inst-1/b/action"))
                 && log->lastError().contains(path),
             qPrintable(log->lastError()));
    // The batch was rolled back whole; the log goes on.
    log->appendEffect(instance.id, QStringLiteral("a"), OperationKind::Action, EffectOutcome::Applied);
    QVERIFY2(log->commit(), qPrintable(log->lastError()));
    QCOMPARE(log->effects(false, &error).size(), 2);
}

void TestSagaLog::aTimedOutActionIsAppliedOnce()
{
    // SPEC: a timeout is a slow reply; "a retry with the same idempotency key does not apply it
    // again". b's first attempt does the work and answers too late; its retry must not apply again.
    const QString path = file(QStringLiteral("timeout.db"));
    QString error;
    const auto log = SagaLog::open(path, writer(), &error);
    QVERIFY2(log, qPrintable(error));
    const RunResult r = runSaga(parseSaga(Linear), options({QStringLiteral("b=timeout:1")}, {}, 2), log.get());
    QVERIFY2(!r.failed, qPrintable(log->lastError()));
    QCOMPARE(r.completed, 2);
    QVERIFY(r.trace().join(u'\n').contains(QLatin1String("step_failed b #1 timeout")));
    const auto reports = LedgerReport::read(*log, &error);
    QVERIFY2(reports, qPrintable(error));
    for (const InstanceReport &report : *reports) {
        QCOMPARE(report.status, InstanceStatus::Completed);
        QVERIFY2(report.invariantViolations().isEmpty(), qPrintable(report.invariantViolations().join(u'\n')));
        QCOMPARE(report.steps.at(1).applied, 1);
    }
}

void TestSagaLog::recoveryReadsTheLedger()
{
    // A crash after b's participant applied its effect and before its reply was logged (a remote
    // service does that when the reply is lost): recover calls b again with the same key, and the
    // participant, knowing from the ledger that the key was applied, answers without applying it
    // again. Likewise a compensation already done is not done twice.
    const QString path = file(QStringLiteral("recover-ledger.db"));
    QString error;
    {
        const auto log = SagaLog::open(path, writer(), &error);
        QVERIFY2(log, qPrintable(error));
        const RunResult r = runSaga(parseSaga(Linear), options({}, {}, 1), log.get());
        QCOMPARE(r.completed, 1);
        const RunResult rolledBack = runSaga(parseSaga(Linear), options({QStringLiteral("d=business")}, {}, 1), log.get());
        QCOMPARE(rolledBack.compensated, 1);
    }
    {
        RawConnection raw(path, QStringLiteral("recover-ledger-raw"));
        // Instance 1: cut after step_started b (seq 4: saga_started, a started, a succeeded, b started).
        cutInstance(raw, 1, 4, QStringLiteral("step IN ('a','b') AND operation = 'action'"));
        // Instance 2: rolling back, cut after c's compensation started, c's compensation applied.
        QSqlQuery q(raw.db);
        QVERIFY(q.exec(QStringLiteral("SELECT seq FROM events WHERE instance = 2 AND event = 'compensation_started' AND step = 'c'")));
        QVERIFY(q.next());
        const int seq = q.value(0).toInt();
        q.finish();
        cutInstance(raw, 2, seq, QStringLiteral("operation = 'action' OR step = 'c'"));
        QCOMPARE(raw.count(QStringLiteral("instances WHERE status = 'running'")), 2);
    }
    Engine engine;
    const RunSummary summary = waitFor(engine, [&] { engine.recover(path, writer()); });
    QVERIFY2(summary.error.isEmpty(), qPrintable(summary.error));
    QCOMPARE(summary.instances, 2);
    QCOMPARE(summary.completed, 1);
    QCOMPARE(summary.compensated, 1);
    SagaLog::OpenOptions readOnly;
    readOnly.readOnly = true;
    const auto log = SagaLog::open(path, readOnly, &error);
    QVERIFY2(log, qPrintable(error));
    const auto reports = LedgerReport::read(*log, &error);
    QVERIFY2(reports, qPrintable(error));
    QCOMPARE(reports->size(), 2);
    for (const InstanceReport &report : *reports)
        QVERIFY2(report.invariantViolations().isEmpty(), qPrintable(report.invariantViolations().join(u'\n')));
    // b was called again after the crash, with the same attempt: resumed, not applied again.
    const QList<TraceEvent> first = log->eventsOf(reports->at(0).instance, &error);
    QVERIFY(std::any_of(first.cbegin(), first.cend(), [](const TraceEvent &e) {
        return e.event == TraceEventType::StepStarted && e.step == QLatin1String("b") && e.attempt == 1
            && e.reason.contains(QLatin1String("resumed"));
    }));
}

void TestSagaLog::failedReadDuringRecoveryIsAnError_data()
{
    QTest::addColumn<QString>("table");
    QTest::newRow("instances") << QStringLiteral("instances");
    QTest::newRow("events") << QStringLiteral("events");
    QTest::newRow("effects") << QStringLiteral("effects");
}

void TestSagaLog::failedReadDuringRecoveryIsAnError()
{
    // A read that fails while recover reads the log must stop it with the error, never pass for
    // "nothing to recover" or for an instance without events or effects. SQLite is made to fail
    // the read by a table whose pages are damaged.
    QFETCH(QString, table);
    const QString path = file(QStringLiteral("unreadable-%1.db").arg(table));
    QString error;
    {
        const auto log = SagaLog::open(path, writer(), &error);
        QVERIFY2(log, qPrintable(error));
        QCOMPARE(runSaga(parseSaga(Linear), options(), log.get()).completed, 1);
    }
    {
        RawConnection raw(path, QStringLiteral("unreadable-raw"));
        cutInstance(raw, 1, 4, QStringLiteral("step = 'a'"));
    }
    // As a control, a copy of the log recovers.
    const QString copy = path + QStringLiteral(".copy");
    QVERIFY(QFile::copy(path, copy));
    Engine control;
    const RunSummary recovered = waitFor(control, [&] { control.recover(copy, writer()); });
    QVERIFY2(recovered.error.isEmpty(), qPrintable(recovered.error));
    QCOMPARE(recovered.completed, 1);

    corruptTable(path, table);
    if (QTest::currentTestFailed())
        return;
    Engine engine;
    const RunSummary summary = waitFor(engine, [&] { engine.recover(path, writer()); });
    QVERIFY2(summary.error.contains(path) && summary.error.contains(QLatin1String("cannot read")), qPrintable(summary.error));
    QCOMPARE(summary.exitCode(), 2);
    QCOMPARE(summary.completed, 0);
}

void TestSagaLog::createsVersionedWalLog()
{
    const QString path = file(QStringLiteral("schema.db"));
    QString error;
    const auto log = SagaLog::open(path, writer(), &error);
    QVERIFY2(log, qPrintable(error));
    QCOMPARE(log->pragma(QStringLiteral("user_version")).toInt(), SagaLog::SchemaVersion);
    QCOMPARE(log->pragma(QStringLiteral("application_id")).toInt(), SagaLog::ApplicationId);
    QCOMPARE(log->pragma(QStringLiteral("journal_mode")).toString(), QStringLiteral("wal"));
    QCOMPARE(log->pragma(QStringLiteral("synchronous")).toInt(), 2); // FULL
    QVERIFY(log->pragma(QStringLiteral("busy_timeout")).toInt() > 0);
    QCOMPARE(log->integrityCheck(), QStringLiteral("ok"));
    // The definition is stored with the run: recover and inspect need nothing but the log.
    const SagaDefinition saga = loadSaga(QStringLiteral("checkout.saga"));
    runSaga(saga, options({QStringLiteral("take_payment=business")}), log.get());
    const QList<RunRecord> runs = log->runs(nullptr);
    QCOMPARE(runs.size(), 1);
    QCOMPARE(SagaFile::parse(runs.first().definitionJson, QStringLiteral("log")).definition.value(), saga);
    QCOMPARE(runs.first().options.faults.actionFailure(QStringLiteral("take_payment"), 1), FailureKind::Business);
    const auto events = log->events(false, nullptr);
    QCOMPARE(events.size(), 1);
    QCOMPARE(events.begin()->size(), 12);
    // A monitor follows the log by commit order.
    const QList<LoggedEvent> all = log->eventsAfter(0);
    QCOMPARE(all.size(), 12);
    QCOMPARE(all.first().event.event, TraceEventType::SagaStarted);
    QCOMPARE(all.last().event.event, TraceEventType::SagaCompensated);
    QCOMPARE(all.last().event, events.begin()->last());
    QCOMPARE(log->eventsAfter(all[9].id).size(), 2);
    QVERIFY(log->eventsAfter(all.last().id).isEmpty());
    QCOMPARE(log->instances(false, nullptr).first().status, InstanceStatus::Compensated);
}

void TestSagaLog::groupCommits()
{
    // 300 instances of a zero-latency 5-step saga: transitions that happen together share a commit.
    const QString path = file(QStringLiteral("group.db"));
    QString error;
    const auto log = SagaLog::open(path, writer(), &error);
    QVERIFY2(log, qPrintable(error));
    const SagaDefinition saga = parseSaga(R"({"format":"sagascope/1","steps":[
        {"id":"a","kind":"compensatable","action":{"name":"a"},"compensation":{"name":"ua"}},
        {"id":"b","kind":"compensatable","after":["a"],"action":{"name":"b"},"compensation":{"name":"ub"}},
        {"id":"c","kind":"pivot","after":["b"],"action":{"name":"c"}},
        {"id":"d","kind":"retriable","after":["c"],"action":{"name":"d"},"idempotent":true},
        {"id":"e","kind":"retriable","after":["d"],"action":{"name":"e"},"idempotent":true}]})");
    const RunResult r = runSaga(saga, options({}, {}, 300), log.get());
    QCOMPARE(r.completed, 300);
    QCOMPARE(r.events.size(), 300 * 12);
    const quint64 commits = log->commitCount();
    QVERIFY2(commits > 0 && commits * 100 < quint64(r.events.size()), qPrintable(QString::number(commits)));
    RawConnection raw(path, QStringLiteral("group-raw"));
    QCOMPARE(raw.count(QStringLiteral("events")), 300 * 12);
    QCOMPARE(raw.count(QStringLiteral("effects")), 300 * 5);
    QCOMPARE(raw.count(QStringLiteral("instances WHERE status = 'completed'")), 300);
}

void TestSagaLog::instanceIdsNeverReused()
{
    const QString path = file(QStringLiteral("ids.db"));
    const SagaDefinition saga = loadSaga(QStringLiteral("diamond.saga"));
    QSet<QString> ids;
    for (int run = 0; run < 3; ++run) {
        QString error;
        const auto log = SagaLog::open(path, writer(), &error);
        QVERIFY2(log, qPrintable(error));
        const RunResult r = runSaga(saga, options({}, {}, 20, 1), log.get()); // the same seed each time
        for (const QString &id : r.instanceIds)
            ids.insert(id);
    }
    QCOMPARE(ids.size(), 60);
    RawConnection raw(path, QStringLiteral("ids-raw"));
    QCOMPARE(raw.count(QStringLiteral("instances")), 60);
    QCOMPARE(raw.count(QStringLiteral("runs")), 3);
}

void TestSagaLog::refusesNonSqliteFile()
{
    const QString path = file(QStringLiteral("notes.txt"));
    {
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("these are my notes, not a saga log\n");
    }
    const QByteArray before = readAll(path);
    QString error;
    QVERIFY(!SagaLog::open(path, writer(), &error));
    QVERIFY2(error.contains(path) && error.contains(QLatin1String("not a saga log")), qPrintable(error));
    QCOMPARE(readAll(path), before);
    QVERIFY(!SagaLog::open(m_dir.path(), {}, &error));
    QVERIFY2(error.contains(QLatin1String("directory")), qPrintable(error));
}

void TestSagaLog::refusesOtherDatabase()
{
    const QString path = file(QStringLiteral("other.db"));
    {
        RawConnection raw(path, QStringLiteral("other-raw"));
        QVERIFY(raw.exec(QStringLiteral("CREATE TABLE recipes(name TEXT)")));
        QVERIFY(raw.exec(QStringLiteral("INSERT INTO recipes VALUES ('bread')")));
    }
    const QByteArray before = readAll(path);
    QString error;
    QVERIFY(!SagaLog::open(path, writer(), &error));
    QVERIFY2(error.contains(QLatin1String("not a saga log")) && error.contains(QLatin1String("another application")),
             qPrintable(error));
    QCOMPARE(readAll(path), before); // not switched to WAL, nothing created
}

void TestSagaLog::refusesNewerVersion()
{
    const QString path = file(QStringLiteral("newer.db"));
    QString error;
    QVERIFY2(SagaLog::open(path, writer(), &error), qPrintable(error));
    {
        RawConnection raw(path, QStringLiteral("newer-raw"));
        QVERIFY(raw.exec(QStringLiteral("PRAGMA user_version = %1").arg(SagaLog::SchemaVersion + 1)));
    }
    QVERIFY(!SagaLog::open(path, writer(), &error));
    QVERIFY2(error.contains(QStringLiteral("version %1").arg(SagaLog::SchemaVersion + 1)) && error.contains(QLatin1String("newer")),
             qPrintable(error));
    SagaLog::OpenOptions readOnly;
    readOnly.readOnly = true;
    QVERIFY(!SagaLog::open(path, readOnly, &error)); // inspect refuses it too
    QVERIFY2(error.contains(QLatin1String("newer")), qPrintable(error));
}

void TestSagaLog::refusesLockedLog()
{
    const QString path = file(QStringLiteral("locked.db"));
    QString error;
    QVERIFY2(SagaLog::open(path, writer(), &error), qPrintable(error));
    RawConnection other(path, QStringLiteral("locked-raw"));
    QVERIFY(other.exec(QStringLiteral("BEGIN IMMEDIATE")));
    QVERIFY(other.exec(QStringLiteral("INSERT INTO runs VALUES (99, 'x', 1, 1, '{}', '{}')")));
    SagaLog::OpenOptions options = writer();
    options.busyTimeoutMs = 300;
    QElapsedTimer timer;
    timer.start();
    QVERIFY(!SagaLog::open(path, options, &error));
    QVERIFY2(error.contains(QLatin1String("locked")) && error.contains(path), qPrintable(error));
    QVERIFY(timer.elapsed() >= 250); // it waited busy_timeout before giving up
    // A reader is not blocked by the writer (WAL): inspect works while a run writes.
    SagaLog::OpenOptions readOnly;
    readOnly.readOnly = true;
    const auto reader = SagaLog::open(path, readOnly, &error);
    QVERIFY2(reader, qPrintable(error));
    QCOMPARE(reader->runs(nullptr).size(), 0);
    QVERIFY(other.exec(QStringLiteral("ROLLBACK")));
    QVERIFY2(SagaLog::open(path, options, &error), qPrintable(error));
}

void TestSagaLog::refusesMissingLogWhenNotCreating()
{
    SagaLog::OpenOptions options;
    options.create = false;
    QString error;
    const QString path = file(QStringLiteral("missing.db"));
    QVERIFY(!SagaLog::open(path, options, &error));
    QVERIFY2(error.contains(QLatin1String("no such saga log")), qPrintable(error));
    QVERIFY(!QFile::exists(path));
}

void TestSagaLog::recoverWaitsForLiveWriters()
{
    // Runs share the log; recover must have it alone, never driving an instance a live run drives.
    const QString path = file(QStringLiteral("shared.db"));
    QString error;
    auto first = SagaLog::open(path, writer(), &error);
    QVERIFY2(first, qPrintable(error));
    auto second = SagaLog::open(path, writer(), &error);
    QVERIFY2(second, qPrintable(error));
    SagaLog::OpenOptions exclusive = writer();
    exclusive.access = SagaLog::OpenOptions::Access::Exclusive;
    QVERIFY(!SagaLog::open(path, exclusive, &error));
    QVERIFY2(error.contains(QLatin1String("another process is running")), qPrintable(error));
    first.reset();
    second.reset();
    auto recovering = SagaLog::open(path, exclusive, &error);
    QVERIFY2(recovering, qPrintable(error));
    QVERIFY(!SagaLog::open(path, writer(), &error));
    QVERIFY2(error.contains(QLatin1String("being recovered")), qPrintable(error));
    SagaLog::OpenOptions readOnly;
    readOnly.readOnly = true;
    QVERIFY2(SagaLog::open(path, readOnly, &error), qPrintable(error)); // inspect is never kept out
}

void TestSagaLog::fullDiskStopsCleanly()
{
    const QString path = file(QStringLiteral("full.db"));
    const SagaDefinition saga = loadSaga(QStringLiteral("random.saga"));
    quint64 committedRows = 0;
    {
        SagaLog::OpenOptions small = writer();
        small.maxPageCount = 40; // a disk of 160 KiB
        QString error;
        const auto log = SagaLog::open(path, small, &error);
        QVERIFY2(log, qPrintable(error));
        RunOptions o = options({}, {}, 2000, 5);
        o.concurrency = 300;
        const RunResult r = runSaga(saga, o, log.get());
        QVERIFY(r.failed);
        QVERIFY2(log->lastError().contains(QLatin1String("full")), qPrintable(log->lastError()));
        committedRows = log->committedRows();
        QVERIFY(committedRows > 0);
    }
    // The log is as the last successful commit left it: every row written is one that committed.
    {
        RawConnection raw(path, QStringLiteral("full-raw"));
        const qint64 rows = raw.count(QStringLiteral("instances")) + raw.count(QStringLiteral("events"))
            + raw.count(QStringLiteral("effects"));
        QCOMPARE(quint64(rows), committedRows);
        QVERIFY(raw.count(QStringLiteral("instances WHERE status = 'running'")) > 0);
    }
    QString error;
    const auto log = SagaLog::open(path, writer(), &error);
    QVERIFY2(log, qPrintable(error));
    QCOMPARE(log->integrityCheck(), QStringLiteral("ok"));
    // Every instance's events are a gap-free prefix: seq 1, 2, 3...
    const auto events = log->events(false, nullptr);
    for (auto it = events.cbegin(); it != events.cend(); ++it) {
        for (qsizetype i = 0; i < it->size(); ++i)
            QCOMPARE(it->at(i).seq, i + 1);
    }
}

void TestSagaLog::version2LogGetsTheBroker()
{
    // A log written by version 2 (no broker, no shared counters) is upgraded to the current
    // version, one step a version, when it is opened for writing; its events stay readable, and
    // new runs publish into the outbox.
    const QString path = file(QStringLiteral("v2.db"));
    QString error;
    const SagaDefinition saga = loadSaga(QStringLiteral("checkout.saga"));
    {
        auto log = SagaLog::open(path, writer(), &error);
        QVERIFY2(log, qPrintable(error));
        runSaga(saga, options(), log.get());
    }
    {
        RawConnection raw(path, QStringLiteral("v2-raw"));
        for (const char *undo : {"DROP VIEW outbox", "DROP VIEW inbox", "DROP INDEX outbox_ids", "DROP INDEX inbox_ids",
                                 "ALTER TABLE events DROP COLUMN message", "DROP TABLE resource_changes",
                                 "ALTER TABLE events DROP COLUMN verdict", "ALTER TABLE events DROP COLUMN resource",
                                 "DROP TABLE results", "DROP TABLE http_attempts", "DROP TABLE resumes"})
            QVERIFY2(raw.exec(QLatin1String(undo)), undo);
        QVERIFY(raw.exec(QStringLiteral("PRAGMA user_version = 2")));
    }
    {
        // Read-only: read as it is.
        SagaLog::OpenOptions readOnly;
        readOnly.readOnly = true;
        auto log = SagaLog::open(path, readOnly, &error);
        QVERIFY2(log, qPrintable(error));
        QCOMPARE(log->pragma(QStringLiteral("user_version")).toInt(), 2);
        const auto events = log->events(false, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QCOMPARE(events.begin()->size(), 12);
        QCOMPARE(log->eventsAfter(0, 10000, &error).size(), 12);
        QVERIFY2(error.isEmpty(), qPrintable(error));
    }
    auto log = SagaLog::open(path, writer(), &error);
    QVERIFY2(log, qPrintable(error));
    QCOMPARE(log->pragma(QStringLiteral("user_version")).toInt(), SagaLog::SchemaVersion);
    QCOMPARE(log->integrityCheck(), QStringLiteral("ok"));
    const SagaDefinition mixed = parseSaga(R"({"format":"sagascope/1","steps":[
      {"id":"a","kind":"pivot","emits":{"success":"Done"},"action":{"name":"a"}},
      {"id":"b","kind":"retriable","idempotent":true,"on":["Done"],"action":{"name":"b"}}]})");
    const RunResult r = runSaga(mixed, options(), log.get());
    QCOMPARE(r.completed, 1);
    const QList<TraceEvent> events = log->eventsOf(r.instanceIds.first(), &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QStringList lines;
    for (const TraceEvent &e : events)
        lines.append(compact(e));
    QCOMPARE(lines, r.trace()); // the broker's fields come back from the log
    RawConnection raw(path, QStringLiteral("v3-raw"));
    QCOMPARE(raw.count(QStringLiteral("outbox")), 2);
    QCOMPARE(raw.count(QStringLiteral("inbox")), 1);
}

QTEST_GUILESS_MAIN(TestSagaLog)
#include "tst_sagalog.moc"
