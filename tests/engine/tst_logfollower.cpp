// SPDX-License-Identifier: MIT
// LogFollower on a log that a real `sagascope-cli run --db` process is writing: every event once,
// in seq order per instance, within a second of its commit; replay of one instance (eventsOf)
// equal to the run's --json trace; logs it must refuse.

#include "logfollower.h"
#include "sagalog.h"
#include "testconfig.h"

#include <QElapsedTimer>
#include <QFile>
#include <QHash>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

using namespace Sagascope;

class TestLogFollower : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void followsALiveRun();
    void refusesWhatIsNotALog();

private:
    QTemporaryDir m_dir;
};

namespace {

QString key(const TraceEvent &e)
{
    return e.instance + QLatin1Char('/') + QString::number(e.seq);
}

QString data(const char *name)
{
    return QStringLiteral(SAGASCOPE_SOURCE_DIR "/tests/engine/data/") + QLatin1String(name);
}

} // namespace

void TestLogFollower::followsALiveRun()
{
    const QString db = m_dir.filePath(QStringLiteral("live.sagalog"));
    QProcess run;
    // 30 instances, 3 at a time, about 200 ms each in real time (latencies, ship's retry after
    // 100 ms): the run lasts about two seconds.
    run.start(QStringLiteral(SAGASCOPE_CLI_PATH),
              {QStringLiteral("run"), data("checkout.saga"), QStringLiteral("--db"), db, QStringLiteral("--instances"),
               QStringLiteral("30"), QStringLiteral("--concurrency"), QStringLiteral("3"), QStringLiteral("--seed"),
               QStringLiteral("7"), QStringLiteral("--fail"), QStringLiteral("ship=technical:1"), QStringLiteral("--json")});
    QVERIFY(run.waitForStarted());

    // The log exists once the process has created its schema.
    std::unique_ptr<SagaLog> checker;
    SagaLog::OpenOptions readOnly;
    readOnly.readOnly = true;
    QString error;
    QVERIFY(QTest::qWaitFor([&] {
        if (QFile::exists(db))
            checker = SagaLog::open(db, readOnly, &error);
        return checker != nullptr;
    }, 5000));

    LogFollower follower;
    QCOMPARE(follower.interval(), 250);
    QVERIFY2(follower.open(db, &error), qPrintable(error));

    QElapsedTimer clock;
    clock.start();
    QHash<QString, qint64> committedAt; // first seen by the checker's own read-only connection
    QHash<QString, qint64> arrivedAt;
    QHash<QString, qint64> lastSeq;
    QList<RunRecord> runs;
    int duplicates = 0, outOfOrder = 0, beforeItsRun = 0;
    qint64 lastId = 0;

    connect(&follower, &LogFollower::runFound, this, [&](const RunRecord &r, const SagaDefinition &definition) {
        runs.append(r);
        QCOMPARE(definition.steps.size(), 5);
    });
    connect(&follower, &LogFollower::traceEvents, this, [&](const QList<TraceEvent> &events) {
        for (const TraceEvent &e : events) {
            if (arrivedAt.contains(key(e)))
                ++duplicates;
            arrivedAt.insert(key(e), clock.elapsed());
            if (e.seq != lastSeq.value(e.instance) + 1)
                ++outOfOrder;
            lastSeq[e.instance] = e.seq;
            if (runs.isEmpty())
                ++beforeItsRun;
        }
    });
    QStringList errors;
    connect(&follower, &LogFollower::error, this, [&](const QString &m) { errors.append(m); });
    QTimer poll;
    connect(&poll, &QTimer::timeout, this, [&] {
        for (const LoggedEvent &e : checker->eventsAfter(lastId)) {
            committedAt.insert(key(e.event), clock.elapsed());
            lastId = e.id;
        }
    });
    poll.start(20);
    follower.start();
    QVERIFY(follower.isFollowing());

    QVERIFY(QTest::qWaitFor([&] { return run.state() == QProcess::NotRunning; }, 20000));
    QCOMPARE(run.exitCode(), 0);
    const qint64 total = qint64(checker->eventsAfter(0, 1000000).size());
    QCOMPARE(total, 30 * 15); // 12 events an instance, and ship's failure, retry and second attempt
    QVERIFY(QTest::qWaitFor([&] { return arrivedAt.size() >= total && committedAt.size() >= total; }, 3000));
    QTest::qWait(300); // nothing more arrives
    poll.stop();
    follower.stop();

    QVERIFY2(errors.isEmpty(), qPrintable(errors.join(u'\n')));
    QCOMPARE(runs.size(), 1);
    QCOMPARE(runs.first().options.instances, 30);
    QCOMPARE(beforeItsRun, 0);
    QCOMPARE(duplicates, 0);
    QCOMPARE(outOfOrder, 0);
    QCOMPARE(arrivedAt.size(), total);
    qint64 worst = 0;
    for (auto it = committedAt.cbegin(); it != committedAt.cend(); ++it) {
        QVERIFY2(arrivedAt.contains(it.key()), qPrintable(it.key()));
        worst = qMax(worst, arrivedAt.value(it.key()) - it.value());
    }
    qDebug() << "latest arrival after the checker saw the commit:" << worst << "ms";
    QVERIFY(worst < 1000);

    // Replay: each instance's events from the log equal its lines of the run's --json trace.
    QHash<QString, QList<TraceEvent>> printed;
    const QList<QByteArray> lines = run.readAllStandardOutput().split('\n');
    for (const QByteArray &line : lines) {
        if (line.isEmpty())
            continue;
        const auto e = TraceEvent::fromJson(QJsonDocument::fromJson(line).object());
        QVERIFY2(e, line.constData());
        printed[e->instance].append(*e);
    }
    QCOMPARE(printed.size(), 30);
    for (auto it = printed.cbegin(); it != printed.cend(); ++it) {
        const QList<TraceEvent> replay = checker->eventsOf(it.key(), &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QCOMPARE(replay, it.value());
    }
    QVERIFY(checker->eventsOf(QStringLiteral("no-such-instance")).isEmpty());
}

void TestLogFollower::refusesWhatIsNotALog()
{
    LogFollower follower;
    QString error;
    const QString text = m_dir.filePath(QStringLiteral("notes.txt"));
    {
        QFile f(text);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("these are not the logs you are looking for\n");
    }
    QVERIFY(!follower.open(text, &error));
    QVERIFY2(error.contains(text) && error.contains(QStringLiteral("not a saga log")), qPrintable(error));

    const QString missing = m_dir.filePath(QStringLiteral("missing.sagalog"));
    QVERIFY(!follower.open(missing, &error));
    QVERIFY2(error.contains(missing) && error.contains(QStringLiteral("no such saga log")), qPrintable(error));
    QVERIFY(!QFile::exists(missing)); // a follower never creates a log

    const QString newer = m_dir.filePath(QStringLiteral("newer.sagalog"));
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("newer"));
        db.setDatabaseName(newer);
        QVERIFY(db.open());
        QSqlQuery q(db);
        QVERIFY(q.exec(QStringLiteral("CREATE TABLE runs(id INTEGER PRIMARY KEY)")));
        QVERIFY(q.exec(QStringLiteral("PRAGMA application_id = %1").arg(SagaLog::ApplicationId)));
        QVERIFY(q.exec(QStringLiteral("PRAGMA user_version = %1").arg(SagaLog::SchemaVersion + 1)));
        q.finish();
        db.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("newer"));
    QFile newerFile(newer);
    QVERIFY(newerFile.open(QIODevice::ReadOnly));
    const QByteArray before = newerFile.readAll();
    newerFile.close();
    QVERIFY(!follower.open(newer, &error));
    QVERIFY2(error.contains(newer) && error.contains(QStringLiteral("newer")), qPrintable(error));
    QVERIFY(newerFile.open(QIODevice::ReadOnly));
    QCOMPARE(newerFile.readAll(), before);

    // Without a log, start() says so rather than polling nothing.
    QStringList errors;
    connect(&follower, &LogFollower::error, this, [&](const QString &m) { errors.append(m); });
    follower.start();
    QCOMPARE(errors.size(), 1);
}

QTEST_GUILESS_MAIN(TestLogFollower)
#include "tst_logfollower.moc"
