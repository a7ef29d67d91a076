// SPDX-License-Identifier: MIT
// The saga log on real SQLite files: its schema and pragmas, group commit, unique instance ids,
// and the failure cases: not a log, a newer version, locked, a full disk.

#include "enginetesthelpers.h"
#include "ledgerreport.h"

#include <QElapsedTimer>
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

} // namespace

void TestSagaLog::createsVersionedWalLog()
{
    const QString path = m_dir.filePath(QStringLiteral("schema.db"));
    QString error;
    const auto log = SagaLog::open(path, {}, &error);
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
    const QList<RunRecord> runs = log->runs();
    QCOMPARE(runs.size(), 1);
    QCOMPARE(SagaFile::parse(runs.first().definitionJson, QStringLiteral("log")).definition.value(), saga);
    QCOMPARE(runs.first().options.faults.actionFailure(QStringLiteral("take_payment"), 1), FailureKind::Business);
    const auto events = log->events(false);
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
    QCOMPARE(log->instances(false).first().status, InstanceStatus::Compensated);
}

void TestSagaLog::groupCommits()
{
    // 300 instances of a zero-latency 5-step saga: transitions that happen together share a commit.
    const QString path = m_dir.filePath(QStringLiteral("group.db"));
    QString error;
    const auto log = SagaLog::open(path, {}, &error);
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
    const QString path = m_dir.filePath(QStringLiteral("ids.db"));
    const SagaDefinition saga = loadSaga(QStringLiteral("diamond.saga"));
    QSet<QString> ids;
    for (int run = 0; run < 3; ++run) {
        QString error;
        const auto log = SagaLog::open(path, {}, &error);
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
    const QString path = m_dir.filePath(QStringLiteral("notes.txt"));
    {
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("these are my notes, not a saga log\n");
    }
    const QByteArray before = readAll(path);
    QString error;
    QVERIFY(!SagaLog::open(path, {}, &error));
    QVERIFY2(error.contains(path) && error.contains(QLatin1String("not a saga log")), qPrintable(error));
    QCOMPARE(readAll(path), before);
    QVERIFY(!SagaLog::open(m_dir.path(), {}, &error));
    QVERIFY2(error.contains(QLatin1String("directory")), qPrintable(error));
}

void TestSagaLog::refusesOtherDatabase()
{
    const QString path = m_dir.filePath(QStringLiteral("other.db"));
    {
        RawConnection raw(path, QStringLiteral("other-raw"));
        QVERIFY(raw.exec(QStringLiteral("CREATE TABLE recipes(name TEXT)")));
        QVERIFY(raw.exec(QStringLiteral("INSERT INTO recipes VALUES ('bread')")));
    }
    const QByteArray before = readAll(path);
    QString error;
    QVERIFY(!SagaLog::open(path, {}, &error));
    QVERIFY2(error.contains(QLatin1String("not a saga log")) && error.contains(QLatin1String("another application")),
             qPrintable(error));
    QCOMPARE(readAll(path), before); // not switched to WAL, nothing created
}

void TestSagaLog::refusesNewerVersion()
{
    const QString path = m_dir.filePath(QStringLiteral("newer.db"));
    QString error;
    QVERIFY2(SagaLog::open(path, {}, &error), qPrintable(error));
    {
        RawConnection raw(path, QStringLiteral("newer-raw"));
        QVERIFY(raw.exec(QStringLiteral("PRAGMA user_version = %1").arg(SagaLog::SchemaVersion + 1)));
    }
    QVERIFY(!SagaLog::open(path, {}, &error));
    QVERIFY2(error.contains(QStringLiteral("version %1").arg(SagaLog::SchemaVersion + 1)) && error.contains(QLatin1String("newer")),
             qPrintable(error));
    SagaLog::OpenOptions readOnly;
    readOnly.readOnly = true;
    QVERIFY(!SagaLog::open(path, readOnly, &error)); // inspect refuses it too
    QVERIFY2(error.contains(QLatin1String("newer")), qPrintable(error));
}

void TestSagaLog::refusesLockedLog()
{
    const QString path = m_dir.filePath(QStringLiteral("locked.db"));
    QString error;
    QVERIFY2(SagaLog::open(path, {}, &error), qPrintable(error));
    RawConnection other(path, QStringLiteral("locked-raw"));
    QVERIFY(other.exec(QStringLiteral("BEGIN IMMEDIATE")));
    QVERIFY(other.exec(QStringLiteral("INSERT INTO runs VALUES (99, 'x', 1, 1, '{}', '{}')")));
    SagaLog::OpenOptions options;
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
    QCOMPARE(reader->runs().size(), 0);
    QVERIFY(other.exec(QStringLiteral("ROLLBACK")));
    QVERIFY2(SagaLog::open(path, options, &error), qPrintable(error));
}

void TestSagaLog::refusesMissingLogWhenNotCreating()
{
    SagaLog::OpenOptions options;
    options.create = false;
    QString error;
    const QString path = m_dir.filePath(QStringLiteral("missing.db"));
    QVERIFY(!SagaLog::open(path, options, &error));
    QVERIFY2(error.contains(QLatin1String("no such saga log")), qPrintable(error));
    QVERIFY(!QFile::exists(path));
}

void TestSagaLog::recoverWaitsForLiveWriters()
{
    // Runs share the log; recover must have it alone, never driving an instance a live run drives.
    const QString path = m_dir.filePath(QStringLiteral("shared.db"));
    QString error;
    auto first = SagaLog::open(path, {}, &error);
    QVERIFY2(first, qPrintable(error));
    auto second = SagaLog::open(path, {}, &error);
    QVERIFY2(second, qPrintable(error));
    SagaLog::OpenOptions exclusive;
    exclusive.access = SagaLog::OpenOptions::Access::Exclusive;
    QVERIFY(!SagaLog::open(path, exclusive, &error));
    QVERIFY2(error.contains(QLatin1String("another process is running")), qPrintable(error));
    first.reset();
    second.reset();
    auto recovering = SagaLog::open(path, exclusive, &error);
    QVERIFY2(recovering, qPrintable(error));
    QVERIFY(!SagaLog::open(path, {}, &error));
    QVERIFY2(error.contains(QLatin1String("being recovered")), qPrintable(error));
    SagaLog::OpenOptions readOnly;
    readOnly.readOnly = true;
    QVERIFY2(SagaLog::open(path, readOnly, &error), qPrintable(error)); // inspect is never kept out
}

void TestSagaLog::fullDiskStopsCleanly()
{
    const QString path = m_dir.filePath(QStringLiteral("full.db"));
    const SagaDefinition saga = loadSaga(QStringLiteral("random.saga"));
    quint64 committedRows = 0;
    {
        SagaLog::OpenOptions small;
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
    const auto log = SagaLog::open(path, {}, &error);
    QVERIFY2(log, qPrintable(error));
    QCOMPARE(log->integrityCheck(), QStringLiteral("ok"));
    // Every instance's events are a gap-free prefix: seq 1, 2, 3...
    const auto events = log->events(false);
    for (auto it = events.cbegin(); it != events.cend(); ++it) {
        for (qsizetype i = 0; i < it->size(); ++i)
            QCOMPARE(it->at(i).seq, i + 1);
    }
}

void TestSagaLog::version2LogGetsTheBroker()
{
    // A log written by version 2 (no broker) is upgraded to version 3 in one step when it is
    // opened for writing; its events stay readable, and new runs publish into the outbox.
    const QString path = m_dir.filePath(QStringLiteral("v2.db"));
    QString error;
    const SagaDefinition saga = loadSaga(QStringLiteral("checkout.saga"));
    {
        auto log = SagaLog::open(path, {}, &error);
        QVERIFY2(log, qPrintable(error));
        runSaga(saga, options(), log.get());
    }
    {
        RawConnection raw(path, QStringLiteral("v2-raw"));
        for (const char *undo : {"DROP VIEW outbox", "DROP VIEW inbox", "DROP INDEX outbox_ids", "DROP INDEX inbox_ids",
                                 "ALTER TABLE events DROP COLUMN message"})
            QVERIFY2(raw.exec(QLatin1String(undo)), undo);
        QVERIFY(raw.exec(QStringLiteral("PRAGMA user_version = %1").arg(SagaLog::SchemaVersion - 1)));
    }
    {
        // Read-only: read as it is.
        SagaLog::OpenOptions readOnly;
        readOnly.readOnly = true;
        auto log = SagaLog::open(path, readOnly, &error);
        QVERIFY2(log, qPrintable(error));
        QCOMPARE(log->pragma(QStringLiteral("user_version")).toInt(), SagaLog::SchemaVersion - 1);
        QCOMPARE(log->events(false).begin()->size(), 12);
        QCOMPARE(log->eventsAfter(0).size(), 12);
    }
    auto log = SagaLog::open(path, {}, &error);
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
