// SPDX-License-Identifier: MIT
// Crash recovery with real processes: `sagascope-cli run --db` (and `recover` itself) killed with
// SIGKILL at random moments, again and again on one log; then `recover` must finish every
// instance with every ledger invariant of SPEC section 3 holding and the database intact. Some of
// the kills must have hit `recover` itself, and a participant that applies a key twice (which the
// ledger's primary key turns into a failed commit) fails the test by that name. Run twice: with the
// native commit path and with the QtSql fallback (SAGASCOPE_SAGALOG_COMMITS=qtsql).

#include "eventindex.h"
#include "enginetesthelpers.h"
#include "ledgerreport.h"
#include "sagafile.h"
#include "sagalog.h"
#include "testconfig.h"

#include <QElapsedTimer>
#include <QProcess>
#include <QRandomGenerator>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace Sagascope;

class TestCrashRecovery : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void killAtRandomMomentsThenRecover_data();
    void killAtRandomMomentsThenRecover();
    void killChoreographedAndMixedSagas_data();
    void killChoreographedAndMixedSagas();
};

namespace {

const QString Cli = QStringLiteral(SAGASCOPE_CLI_PATH);
const QString Saga = QStringLiteral(SAGASCOPE_SOURCE_DIR "/tests/engine/data/random.saga");

int unfinishedCount(const QString &path)
{
    QString error;
    SagaLog::OpenOptions readOnly;
    readOnly.readOnly = true;
    readOnly.busyTimeoutMs = 2000;
    const auto log = SagaLog::open(path, readOnly, &error);
    return log ? int(log->instances(true, nullptr).size()) : 0;
}

/** The rows of the documented invariant query (docs/SAGA-LOG.md) on the log: violations. */
QStringList documentedViolations(const QString &path)
{
    QStringList rows;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("crash-invariants"));
        db.setDatabaseName(path);
        db.setConnectOptions(QStringLiteral("QSQLITE_OPEN_READONLY"));
        QSqlQuery q(db);
        if (!db.open() || !q.exec(Test::documentedInvariantQuery()))
            rows.append(QStringLiteral("the query failed: ") + q.lastError().text());
        while (q.next())
            rows.append(QStringLiteral("%1 %2: %3").arg(q.value(0).toString(), q.value(1).toString(), q.value(2).toString()));
    }
    QSqlDatabase::removeDatabase(QStringLiteral("crash-invariants"));
    return rows;
}

/** A process that stopped by itself must have ended by SPEC section 4's exit codes; a key applied
 *  twice is named as the invariant it breaks. */
QString badEnding(const QString &command, int code, const QString &errors)
{
    if (errors.contains(QLatin1String("applied twice")))
        return QStringLiteral("invariant violated: applied twice (%1): %2").arg(command, errors);
    if (code != 0 && code != 10 && code != 11)
        return QStringLiteral("%1 exited %2: %3").arg(command).arg(code).arg(errors);
    return {};
}

} // namespace

namespace {

/** Runs `sagas` (in turn) into one log and kills the process `killCount` times, then recovers
 *  and checks every invariant; returns the log's path (in `dir`). */
void killAndRecover(const QTemporaryDir &dir, const QStringList &sagas, int killCount, QString *path);

} // namespace

/** Both crash tests run twice: with the native commit path and with the QtSql fallback. */
void commitPaths()
{
    QTest::addColumn<QByteArray>("commits");
    QTest::newRow("native") << QByteArray("native");
    QTest::newRow("qtsql") << QByteArray("qtsql");
}

void TestCrashRecovery::killAtRandomMomentsThenRecover_data()
{
    commitPaths();
}

void TestCrashRecovery::killChoreographedAndMixedSagas_data()
{
    commitPaths();
}

void TestCrashRecovery::killAtRandomMomentsThenRecover()
{
    QFETCH(QByteArray, commits);
    qputenv("SAGASCOPE_SAGALOG_COMMITS", commits); // the processes started below inherit it
    QTemporaryDir dir;
    QString db;
    killAndRecover(dir, {Saga}, 24, &db);
}

void TestCrashRecovery::killChoreographedAndMixedSagas()
{
    // SPEC section 5: the same, for a choreography and a mixed saga; and every event written to
    // the outbox was handled exactly once by each of its subscriptions.
    QFETCH(QByteArray, commits);
    qputenv("SAGASCOPE_SAGALOG_COMMITS", commits); // the processes started below inherit it
    QTemporaryDir dir;
    QString db;
    killAndRecover(dir,
                   {QStringLiteral(SAGASCOPE_SOURCE_DIR "/tests/engine/data/random-choreography.saga"),
                    QStringLiteral(SAGASCOPE_SOURCE_DIR "/tests/engine/data/random-mixed.saga")},
                   24, &db);
    if (QTest::currentTestFailed())
        return;
    QString error;
    SagaLog::OpenOptions readOnly;
    readOnly.readOnly = true;
    const auto log = SagaLog::open(db, readOnly, &error);
    QVERIFY2(log, qPrintable(error));
    QHash<qint64, SagaDefinition> definitionOf; // by run
    const QList<RunRecord> runs = log->runs(&error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    for (const RunRecord &run : runs)
        definitionOf.insert(run.id, *SagaFile::parse(run.definitionJson, QStringLiteral("log")).definition);
    QHash<qint64, qint64> runOf; // by instance number
    const QList<InstanceRecord> instances = log->instances(false, &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    for (const InstanceRecord &record : instances)
        runOf.insert(record.number, record.run);
    const auto events = log->events(false, &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    int published = 0, delivered = 0;
    for (auto it = events.cbegin(); it != events.cend(); ++it) {
        const SagaDefinition &definition = definitionOf[runOf.value(it.key())];
        const EventIndex index(definition);
        const bool choreography = definition.mode == SagaMode::Choreography;
        QHash<QString, int> handled; // "eventId|step|subscription" -> deliveries
        QHash<QString, QString> types;
        for (const TraceEvent &e : *it) {
            if (e.event == TraceEventType::EventPublished) {
                QVERIFY2(!types.contains(e.eventId), qPrintable(e.eventId));
                types.insert(e.eventId, e.eventType);
                ++published;
            } else if (e.event == TraceEventType::EventDelivered) {
                QVERIFY2(types.value(e.eventId) == e.eventType, qPrintable(e.eventId)); // published before
                ++handled[e.eventId + QLatin1Char('|') + e.step + (e.toCompensation ? QStringLiteral("|c") : QStringLiteral("|a"))];
                ++delivered;
            }
        }
        for (auto t = types.cbegin(); t != types.cend(); ++t) {
            QStringList subscriptions;
            for (const int s : index.consumers(t.value()))
                subscriptions.append(definition.steps.at(s).id + QStringLiteral("|a"));
            if (choreography) {
                for (const int s : index.compensationConsumers(t.value()))
                    subscriptions.append(definition.steps.at(s).id + QStringLiteral("|c"));
            }
            for (const QString &subscription : std::as_const(subscriptions)) {
                const QString key = t.key() + QLatin1Char('|') + subscription;
                QVERIFY2(handled.value(key) == 1, qPrintable(QStringLiteral("%1 handled %2 times").arg(key).arg(handled.value(key))));
            }
        }
    }
    qInfo("%d events published, %d deliveries", published, delivered);
    // Every instance of either saga publishes its start event in the commit that records it (the
    // volume beyond that depends on where the kills fell, so it is not asserted).
    QVERIFY2(published >= instances.size() && delivered > 0,
             qPrintable(QStringLiteral("%1 instances, %2 published, %3 delivered").arg(instances.size()).arg(published).arg(delivered)));
}

namespace {

void killAndRecover(const QTemporaryDir &dir, const QStringList &sagas, int killCount, QString *path)
{
    const QString db = dir.filePath(QStringLiteral("crash.db"));
    *path = db;
    const quint32 seed = qEnvironmentVariableIsSet("SAGASCOPE_CRASH_SEED")
        ? quint32(qEnvironmentVariableIntValue("SAGASCOPE_CRASH_SEED"))
        : QRandomGenerator::global()->generate();
    qInfo("crash test seed %u (set SAGASCOPE_CRASH_SEED to repeat)", seed);
    QRandomGenerator random(seed);

    QElapsedTimer timer;
    timer.start();
    int kills = 0, killedRecoveries = 0, runs = 0;
    // At least `killCount` kills, 4 of them of `recover` in the middle of its work: recovering a
    // log that was itself left half-recovered is what this test is most about. And the last kill
    // must leave work for the final recover (a kill can come when all is done).
    while (kills < killCount || killedRecoveries < 4 || unfinishedCount(db) == 0) {
        QVERIFY2(timer.elapsed() < 60000,
                 qPrintable(QStringLiteral("the crash test took too long (%1 kills, %2 of recover)").arg(kills).arg(killedRecoveries)));
        const bool recover = runs > 0 && random.bounded(kills < killCount ? 3 : 2) == 0;
        QStringList arguments;
        if (recover) {
            arguments = {QStringLiteral("recover"), QStringLiteral("--db"), db, QStringLiteral("--quiet")};
        } else {
            arguments = {QStringLiteral("run"), sagas.at(runs % sagas.size()), QStringLiteral("--db"), db, QStringLiteral("--instances"),
                         QStringLiteral("400"), QStringLiteral("--concurrency"), QStringLiteral("150"),
                         QStringLiteral("--seed"), QString::number(random.generate()), QStringLiteral("--quiet")};
            // Half the runs under virtual time (fast, many commits), half on the real clock (the
            // group-commit delay, timers); recover replays each run on its own kind of clock.
            if (random.bounded(2) == 0)
                arguments.append(QStringLiteral("--virtual-time"));
            ++runs;
        }
        QProcess process;
        process.start(Cli, arguments);
        QVERIFY2(process.waitForStarted(5000), qPrintable(process.errorString()));
        // recover has less to do than a run: kill it sooner, or it finishes first.
        const int killAfterMs = recover ? int(random.bounded(5, 120)) : int(random.bounded(30, 400));
        if (!process.waitForFinished(killAfterMs)) {
            process.kill(); // SIGKILL: no chance to clean up
            QVERIFY(process.waitForFinished(5000));
            ++kills;
            killedRecoveries += recover ? 1 : 0;
        } else {
            // Read once: QVERIFY2 evaluates its message even when the check holds.
            const QString errors = QString::fromUtf8(process.readAllStandardError());
            const QString output = QString::fromUtf8(process.readAllStandardOutput());
            QVERIFY2(process.exitStatus() == QProcess::NormalExit, qPrintable(errors));
            const QString bad = badEnding(arguments.join(QLatin1Char(' ')), process.exitCode(), errors + output);
            QVERIFY2(bad.isEmpty(), qPrintable(bad));
        }
    }
    qInfo("%d kills (%d during recover), %d runs, %lld ms", kills, killedRecoveries, runs, timer.elapsed());

    // Recover, undisturbed this time.
    QProcess recover;
    recover.start(Cli, {QStringLiteral("recover"), QStringLiteral("--db"), db, QStringLiteral("--quiet")});
    QVERIFY(recover.waitForFinished(30000));
    // Read once: QVERIFY2 evaluates its message even when the check holds.
    const QString recoverErrors = QString::fromUtf8(recover.readAllStandardError());
    const QString bad = badEnding(QStringLiteral("recover"), recover.exitCode(), recoverErrors);
    QVERIFY2(bad.isEmpty(), qPrintable(bad));
    QProcess again;
    again.start(Cli, {QStringLiteral("recover"), QStringLiteral("--db"), db});
    QVERIFY(again.waitForFinished(30000));
    QCOMPARE(again.exitCode(), 0);
    QVERIFY(again.readAllStandardOutput().contains("nothing to recover"));

    // Every invariant, over the whole log.
    QString error;
    SagaLog::OpenOptions readOnly;
    readOnly.readOnly = true;
    const auto log = SagaLog::open(db, readOnly, &error);
    QVERIFY2(log, qPrintable(error));
    QCOMPARE(log->integrityCheck(), QStringLiteral("ok"));
    const auto reports = LedgerReport::read(*log, &error);
    QVERIFY2(reports, qPrintable(error));
    QVERIFY(reports->size() > 100);
    int counts[4] = {0, 0, 0, 0};
    for (const InstanceReport &r : *reports) {
        ++counts[int(r.status)];
        QVERIFY2(r.status != InstanceStatus::Running, qPrintable(r.instance));
        QVERIFY2(r.invariantViolations().isEmpty(), qPrintable(r.instance + QLatin1Char(' ') + r.invariantViolations().join(QStringLiteral("; "))));
    }
    const QStringList documented = documentedViolations(db); // the same invariants, by the SQL of SAGA-LOG.md
    QVERIFY2(documented.isEmpty(), qPrintable(documented.mid(0, 10).join(u'\n')));
    QCOMPARE(counts[int(InstanceStatus::Running)], 0);
    QVERIFY(counts[int(InstanceStatus::Completed)] > 0);
    QVERIFY(counts[int(InstanceStatus::Compensated)] > 0);

    // The trace agrees with the ledger and the statuses: seq without gaps, a final event last that
    // matches the status, and write-ahead: no effect without the logged start of its operation.
    const auto events = log->events(false, &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QHash<QString, InstanceStatus> status;
    for (const InstanceReport &r : *reports)
        status.insert(r.instance, r.status);
    QHash<QString, QSet<QString>> started; // instance -> "step/action", "step/compensation"
    for (auto it = events.cbegin(); it != events.cend(); ++it) {
        const QList<TraceEvent> &list = *it;
        QVERIFY(!list.isEmpty());
        for (qsizetype i = 0; i < list.size(); ++i)
            QCOMPARE(list[i].seq, i + 1);
        QCOMPARE(list.first().event, TraceEventType::SagaStarted);
        const TraceEvent &last = list.last();
        QVERIFY(last.isFinal());
        const InstanceStatus expected = last.event == TraceEventType::SagaCompleted     ? InstanceStatus::Completed
                                        : last.event == TraceEventType::SagaCompensated ? InstanceStatus::Compensated
                                                                                         : InstanceStatus::Stuck;
        QCOMPARE(status.value(last.instance), expected);
        for (const TraceEvent &e : list) {
            if (e.event == TraceEventType::StepStarted)
                started[e.instance].insert(e.step + QStringLiteral("/action"));
            else if (e.event == TraceEventType::CompensationStarted)
                started[e.instance].insert(e.step + QStringLiteral("/compensation"));
        }
    }
    QHash<qint64, QString> idOf;
    const QList<InstanceRecord> instances = log->instances(false, &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    for (const InstanceRecord &record : instances)
        idOf.insert(record.number, record.id);
    const QList<EffectRecord> effects = log->effects(false, &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    for (const EffectRecord &effect : effects) {
        if (effect.outcome == EffectOutcome::Refused)
            continue;
        const QString key = effect.step + QLatin1Char('/') + operationKindName(effect.operation);
        QVERIFY2(started.value(idOf.value(effect.instanceNumber)).contains(key), qPrintable(key));
    }
    qInfo("%lld instances: %d completed, %d compensated, %d stuck", qint64(reports->size()),
          counts[int(InstanceStatus::Completed)], counts[int(InstanceStatus::Compensated)], counts[int(InstanceStatus::Stuck)]);
}

} // namespace

QTEST_GUILESS_MAIN(TestCrashRecovery)
#include "tst_crashrecovery.moc"
