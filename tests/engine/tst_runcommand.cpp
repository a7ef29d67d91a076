// SPDX-License-Identifier: MIT
// `sagascope-cli run | recover | inspect` as a user calls them (SPEC section 4): exit codes,
// the readable and JSON traces, --quiet, --help, refusals of bad input.

#include "sagalog.h"
#include "testconfig.h"

#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

class TestRunCommand : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void helpForEachCommand();
    void exitCodes_data();
    void exitCodes();
    void refusesSagaWithErrors();
    void jsonTraceIsDeterministic();
    void readableTraceAndQuiet();
    void colourOnTerminal();
    void inspectJson();
    void recoverWithNothingToDo();
    void recoverReportsItsOwnTimeAndTheInstancesNeverStarted();
    void monitorReadsWhileRunWrites();
    void refusesNonLog();

private:
    struct Result
    {
        int code = -1;
        QByteArray out;
        QByteArray err;
    };
    static Result cli(const QStringList &arguments)
    {
        QProcess p;
        p.start(QStringLiteral(SAGASCOPE_CLI_PATH), arguments);
        if (!p.waitForFinished(30000))
            return {};
        return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, p.readAllStandardOutput(),
                p.readAllStandardError()};
    }
    static QString data(const char *name) { return QStringLiteral(SAGASCOPE_SOURCE_DIR "/tests/engine/data/") + QLatin1String(name); }
    QTemporaryDir m_dir;
};

void TestRunCommand::helpForEachCommand()
{
    for (const char *command : {"run", "recover", "inspect"}) {
        const Result r = cli({QLatin1String(command), QStringLiteral("--help")});
        QCOMPARE(r.code, 0);
        QVERIFY2(r.out.contains("--db"), r.out.constData());
    }
    const Result run = cli({QStringLiteral("run"), QStringLiteral("--help")});
    for (const char *option : {"--instances", "--concurrency", "--seed", "--virtual-time", "--json", "--quiet", "--fail",
                               "--fail-compensation"})
        QVERIFY2(run.out.contains(option), option);
}

void TestRunCommand::exitCodes_data()
{
    QTest::addColumn<QStringList>("extra");
    QTest::addColumn<int>("code");
    QTest::newRow("completed") << QStringList{} << 0;
    QTest::newRow("compensated") << QStringList{QStringLiteral("--fail"), QStringLiteral("take_payment=business")} << 10;
    QTest::newRow("stuck") << QStringList{QStringLiteral("--fail"), QStringLiteral("take_payment=technical:2")} << 11;
    QTest::newRow("stuck beats compensated") << QStringList{QStringLiteral("--instances"), QStringLiteral("2"), QStringLiteral("--fail"),
                                                             QStringLiteral("award_points=technical:9")} << 11;
    QTest::newRow("bad --fail") << QStringList{QStringLiteral("--fail"), QStringLiteral("take_payment=sometimes")} << 2;
    QTest::newRow("unknown step in --fail") << QStringList{QStringLiteral("--fail"), QStringLiteral("nope=business")} << 2;
    QTest::newRow("compensation of a pivot") << QStringList{QStringLiteral("--fail-compensation"), QStringLiteral("take_payment=technical:1")} << 2;
    QTest::newRow("bad --instances") << QStringList{QStringLiteral("--instances"), QStringLiteral("zero")} << 2;
}

void TestRunCommand::exitCodes()
{
    QFETCH(QStringList, extra);
    QFETCH(int, code);
    const Result r = cli(QStringList{QStringLiteral("run"), data("checkout.saga"), QStringLiteral("--virtual-time"),
                                     QStringLiteral("--seed"), QStringLiteral("1")} + extra);
    QVERIFY2(r.code == code, r.err.constData());
    if (code == 2)
        QVERIFY(!r.err.isEmpty());
    const Result missing = cli({QStringLiteral("run"), m_dir.filePath(QStringLiteral("missing.saga"))});
    QCOMPARE(missing.code, 2);
    QVERIFY(missing.err.contains("missing.saga"));
}

void TestRunCommand::refusesSagaWithErrors()
{
    const QString path = m_dir.filePath(QStringLiteral("cycle.saga"));
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(R"({"format":"sagascope/1","steps":[
        {"id":"a","kind":"compensatable","after":["b"],"action":{"name":"a"},"compensation":{"name":"ua"}},
        {"id":"b","kind":"compensatable","after":["a"],"action":{"name":"b"},"compensation":{"name":"ub"}}]})");
    f.close();
    const Result r = cli({QStringLiteral("run"), path, QStringLiteral("--virtual-time")});
    QCOMPARE(r.code, 2);
    QVERIFY2(r.err.contains("SAGA001"), r.err.constData());
    QVERIFY(r.out.isEmpty());
}

void TestRunCommand::jsonTraceIsDeterministic()
{
    const QStringList arguments = {QStringLiteral("run"), data("random.saga"), QStringLiteral("--instances"), QStringLiteral("30"),
                                   QStringLiteral("--seed"), QStringLiteral("42"), QStringLiteral("--virtual-time"), QStringLiteral("--json")};
    const Result a = cli(arguments);
    const Result b = cli(arguments);
    QVERIFY(a.code == 0 || a.code == 10 || a.code == 11);
    QCOMPARE(a.out, b.out);
    const QList<QByteArray> lines = a.out.trimmed().split('\n');
    QVERIFY(lines.size() > 30 * 6);
    QSet<QString> ids;
    for (const QByteArray &line : lines) {
        QJsonParseError error;
        const QJsonObject o = QJsonDocument::fromJson(line, &error).object();
        QVERIFY2(error.error == QJsonParseError::NoError, line.constData());
        QVERIFY(line.startsWith("{\"instance\":\""));
        QVERIFY(o.contains(QLatin1String("seq")) && o.contains(QLatin1String("t")) && o.contains(QLatin1String("event")));
        ids.insert(o.value(QLatin1String("instance")).toString());
    }
    QCOMPARE(ids.size(), 30);
    QVERIFY(a.err.contains("30 instances")); // the summary goes to stderr with --json
}

void TestRunCommand::readableTraceAndQuiet()
{
    const Result r = cli({QStringLiteral("run"), data("checkout.saga"), QStringLiteral("--virtual-time"), QStringLiteral("--seed"),
                          QStringLiteral("1"), QStringLiteral("--fail"), QStringLiteral("reserve_credit=business")});
    QCOMPARE(r.code, 10);
    QList<QByteArray> lines = r.out.split('\n');
    QVERIFY(lines.last().isEmpty());
    lines.removeLast();
    QCOMPARE(lines.size(), 8 + 1); // 8 events and the summary
    QVERIFY(!r.out.contains('\033')); // no colour when not a terminal
    QVERIFY(lines[4].contains("step_failed") && lines[4].contains("business"));
    // Aligned: the event name starts in the same column on every line.
    const qsizetype column = lines[0].indexOf("saga_started");
    QVERIFY(column > 0);
    QCOMPARE(lines[1].indexOf("step_started"), column);
    QCOMPARE(lines[7].indexOf("saga_compensated"), column);
    QVERIFY(lines[8].contains("1 instance: 0 completed, 1 compensated, 0 stuck"));
    const Result quiet = cli({QStringLiteral("run"), data("checkout.saga"), QStringLiteral("--virtual-time"),
                              QStringLiteral("--instances"), QStringLiteral("5"), QStringLiteral("--quiet")});
    QCOMPARE(quiet.code, 0);
    QCOMPARE(quiet.out.trimmed().count('\n'), 0);
    QVERIFY(quiet.out.contains("5 instances: 5 completed"));
}

void TestRunCommand::colourOnTerminal()
{
    // script(1) gives the command a terminal: the readable trace is coloured there, and only there.
    const QString script = QStandardPaths::findExecutable(QStringLiteral("script"));
    if (script.isEmpty())
        QSKIP("script(1) is not installed");
    const QString command = QStringLiteral("%1 run %2 --virtual-time --seed 1 --fail take_payment=business")
                                .arg(QStringLiteral(SAGASCOPE_CLI_PATH), data("checkout.saga"));
    QProcess p;
    p.start(script, {QStringLiteral("-qfc"), command, QStringLiteral("/dev/null")});
    QVERIFY(p.waitForFinished(30000));
    const QByteArray out = p.readAllStandardOutput();
    QVERIFY2(out.contains("\033[31mstep_failed\033[0m"), out.constData());
    QVERIFY(out.contains("\033[1;33msaga_compensated\033[0m"));
    // The columns stay aligned: colour codes take no room.
    QVERIFY(out.contains("step_failed\033[0m             take_payment"));
}

void TestRunCommand::inspectJson()
{
    const QString db = m_dir.filePath(QStringLiteral("inspect.db"));
    const Result run = cli({QStringLiteral("run"), data("checkout.saga"), QStringLiteral("--virtual-time"), QStringLiteral("--db"), db,
                            QStringLiteral("--instances"), QStringLiteral("2"), QStringLiteral("--fail"), QStringLiteral("take_payment=business"),
                            QStringLiteral("--quiet")});
    QCOMPARE(run.code, 10);
    const Result inspect = cli({QStringLiteral("inspect"), QStringLiteral("--db"), db, QStringLiteral("--json")});
    QCOMPARE(inspect.code, 0);
    const QList<QByteArray> lines = inspect.out.trimmed().split('\n');
    QCOMPARE(lines.size(), 2);
    for (const QByteArray &line : lines) {
        QVERIFY2(line.startsWith("{\"instance\":\"") && line.contains("\",\"status\":\"compensated\",\"steps\":{\"create_order\":"
                                                                       "{\"applied\":1,\"compensated\":1},\"reserve_credit\":{\"applied\":1,"
                                                                       "\"compensated\":1},\"take_payment\":{\"applied\":0,\"compensated\":0},"
                                                                       "\"ship\":{\"applied\":0,\"compensated\":0},\"award_points\":"
                                                                       "{\"applied\":0,\"compensated\":0}}}"),
                 line.constData());
    }
    const Result readable = cli({QStringLiteral("inspect"), QStringLiteral("--db"), db});
    QCOMPARE(readable.code, 0);
    QVERIFY(readable.out.contains("create_order 1/1"));
    QVERIFY(readable.out.contains("2 instances: 0 completed, 2 compensated"));
}

void TestRunCommand::recoverWithNothingToDo()
{
    const QString db = m_dir.filePath(QStringLiteral("done.db"));
    QCOMPARE(cli({QStringLiteral("run"), data("diamond.saga"), QStringLiteral("--virtual-time"), QStringLiteral("--db"), db,
                  QStringLiteral("--quiet")}).code, 0);
    const Result r = cli({QStringLiteral("recover"), QStringLiteral("--db"), db});
    QCOMPARE(r.code, 0);
    QVERIFY(r.out.contains("nothing to recover"));
}

void TestRunCommand::recoverReportsItsOwnTimeAndTheInstancesNeverStarted()
{
    // A real-clock run of 5,000 instances, 50 at a time, killed after two seconds.
    const QString db = m_dir.filePath(QStringLiteral("killed.db"));
    QProcess run;
    run.start(QStringLiteral(SAGASCOPE_CLI_PATH),
              {QStringLiteral("run"), QStringLiteral(SAGASCOPE_EXAMPLES_DIR "/order-checkout.saga"), QStringLiteral("--db"),
               db, QStringLiteral("--instances"), QStringLiteral("5000"), QStringLiteral("--concurrency"),
               QStringLiteral("50"), QStringLiteral("--quiet")});
    QVERIFY(run.waitForStarted());
    QVERIFY(QTest::qWaitFor([&] { return QFile::exists(db); }, 5000));
    QTest::qWait(2000); // the run's own clock is now well past what the recovery will take
    QCOMPARE(run.state(), QProcess::Running);
    run.kill(); // SIGKILL
    QVERIFY(run.waitForFinished(10000));

    QElapsedTimer clock;
    clock.start();
    const Result r = cli({QStringLiteral("recover"), QStringLiteral("--db"), db, QStringLiteral("--quiet")});
    const qint64 wall = clock.elapsed();
    QVERIFY2(r.code == 0 || r.code == 10 || r.code == 11, r.err.constData());
    const QString out = QString::fromUtf8(r.out);

    // Its own duration: no longer than the recover process lived (not the run's clock).
    const QRegularExpressionMatch took = QRegularExpression(QStringLiteral("transitions in (\\d+) ms")).match(out);
    QVERIFY2(took.hasMatch(), qPrintable(out));
    QVERIFY2(took.captured(1).toLongLong() <= wall, qPrintable(QStringLiteral("%1 (recover took %2 ms)").arg(out).arg(wall)));

    // The instances asked for and never started, counted from the log itself, and how to start them.
    std::unique_ptr<Sagascope::SagaLog> log;
    QString error;
    Sagascope::SagaLog::OpenOptions readOnly;
    readOnly.readOnly = true;
    log = Sagascope::SagaLog::open(db, readOnly, &error);
    QVERIFY2(log, qPrintable(error));
    const int started = int(log->instances(false, &error).size());
    QVERIFY(started > 0 && started < 5000);
    const QRegularExpressionMatch never =
        QRegularExpression(QStringLiteral("asked for 5000 instances; (\\d+) of them were never started")).match(out);
    QVERIFY2(never.hasMatch(), qPrintable(out));
    QCOMPARE(never.captured(1).toInt(), 5000 - started);
    QVERIFY2(out.contains(QStringLiteral("--instances %1").arg(5000 - started)), qPrintable(out));
}

void TestRunCommand::monitorReadsWhileRunWrites()
{
    // A reader (inspect, the GUI monitor) follows the log while a real-clock run writes it.
    const QString db = m_dir.filePath(QStringLiteral("live.db"));
    QProcess run;
    run.start(QStringLiteral(SAGASCOPE_CLI_PATH), {QStringLiteral("run"), data("random.saga"), QStringLiteral("--db"), db,
                                                     QStringLiteral("--instances"), QStringLiteral("300"),
                                                     QStringLiteral("--concurrency"), QStringLiteral("50"), QStringLiteral("--quiet")});
    QVERIFY(run.waitForStarted());
    QVERIFY(QTest::qWaitFor([&] { return QFile::exists(db); }, 5000));
    std::unique_ptr<Sagascope::SagaLog> log;
    QString error;
    Sagascope::SagaLog::OpenOptions readOnly;
    readOnly.readOnly = true;
    QVERIFY(QTest::qWaitFor([&] {
        log = Sagascope::SagaLog::open(db, readOnly, &error);
        return log != nullptr;
    }, 5000));
    qint64 lastId = 0;
    qsizetype seen = 0;
    int pollsWithNews = 0;
    QHash<QString, qint64> lastSeq;
    const auto poll = [&] {
        const QList<Sagascope::LoggedEvent> batch = log->eventsAfter(lastId);
        for (const Sagascope::LoggedEvent &e : batch) {
            QVERIFY(e.id > lastId);
            lastId = e.id;
            // Each instance's events arrive in seq order, without gaps.
            QCOMPARE(e.event.seq, lastSeq.value(e.event.instance) + 1);
            lastSeq[e.event.instance] = e.event.seq;
        }
        seen += batch.size();
        pollsWithNews += batch.isEmpty() ? 0 : 1;
    };
    while (run.state() != QProcess::NotRunning) {
        poll();
        run.waitForFinished(20);
    }
    poll();
    QVERIFY2(run.exitCode() == 0 || run.exitCode() == 10 || run.exitCode() == 11, run.readAllStandardError().constData());
    QVERIFY2(pollsWithNews >= 3, qPrintable(QString::number(pollsWithNews))); // it saw the run progress
    qsizetype total = 0;
    const auto events = log->events(false, nullptr);
    for (const auto &list : events)
        total += list.size();
    QCOMPARE(seen, total);
    QCOMPARE(lastSeq.size(), 300);
}

void TestRunCommand::refusesNonLog()
{
    for (const char *command : {"recover", "inspect"}) {
        const Result r = cli({QLatin1String(command), QStringLiteral("--db"), data("checkout.saga")});
        QCOMPARE(r.code, 2);
        QVERIFY2(r.err.contains("not a saga log"), r.err.constData());
        const Result missing = cli({QLatin1String(command), QStringLiteral("--db"), m_dir.filePath(QStringLiteral("none.db"))});
        QCOMPARE(missing.code, 2);
        QVERIFY(!QFile::exists(m_dir.filePath(QStringLiteral("none.db"))));
    }
    const Result run = cli({QStringLiteral("run"), data("checkout.saga"), QStringLiteral("--db"), data("diamond.saga")});
    QCOMPARE(run.code, 2);
    QVERIFY2(run.err.contains("not a saga log"), run.err.constData());
}

QTEST_GUILESS_MAIN(TestRunCommand)
#include "tst_runcommand.moc"
