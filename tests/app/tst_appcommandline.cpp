// SPDX-License-Identifier: MIT
// The `sagascope` binary's command line (SPEC 4a) as a user runs it: --screenshot, --size,
// --run "OPTIONS" and --monitor DB, on real processes and files, offscreen.

#include "testconfig.h"

#include <QFile>
#include <QImage>
#include <QProcess>
#include <QProcessEnvironment>
#include <QTemporaryDir>
#include <QTest>

namespace {

struct Run
{
    int exitCode = -1;
    QByteArray err;
};

Run run(const QString &program, const QStringList &arguments, int timeoutMs = 90000)
{
    QProcess process;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    process.setProcessEnvironment(env);
    process.start(program, arguments);
    if (!process.waitForFinished(timeoutMs)) {
        process.kill();
        process.waitForFinished();
        return {-2, "timed out"};
    }
    return {process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -3, process.readAllStandardError()};
}

QString example(const char *name)
{
    return QStringLiteral(SAGASCOPE_EXAMPLES_DIR "/") + QLatin1String(name);
}

} // namespace

class TestAppCommandLine : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QVERIFY2(QFile::exists(QStringLiteral(SAGASCOPE_APP_PATH)), SAGASCOPE_APP_PATH);
    }

    void runThenScreenshot()
    {
        const QString png = m_dir.filePath(QStringLiteral("run.png"));
        const Run r = run(QStringLiteral(SAGASCOPE_APP_PATH),
                          {example("order-checkout.saga"), QStringLiteral("--run"),
                           QStringLiteral("--fail take_payment=business --virtual-time --seed 1"),
                           QStringLiteral("--screenshot"), png, QStringLiteral("--size"), QStringLiteral("1200x800")});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const QImage image(png);
        QCOMPARE(image.size(), QSize(1200, 800));
    }

    void monitorALogThenScreenshot()
    {
        const QString db = m_dir.filePath(QStringLiteral("log.db"));
        const Run cli = run(QStringLiteral(SAGASCOPE_CLI_PATH),
                            {QStringLiteral("run"), example("travel-booking.saga"), QStringLiteral("--instances"),
                             QStringLiteral("20"), QStringLiteral("--virtual-time"), QStringLiteral("--db"), db,
                             QStringLiteral("--quiet")});
        QVERIFY2(cli.exitCode == 0, cli.err.constData());
        const QString png = m_dir.filePath(QStringLiteral("monitor.png"));
        const Run r = run(QStringLiteral(SAGASCOPE_APP_PATH),
                          {QStringLiteral("--monitor"), db, QStringLiteral("--screenshot"), png});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QVERIFY(!QImage(png).isNull());
    }

    void badRunOptionsExitTwo()
    {
        const Run r = run(QStringLiteral(SAGASCOPE_APP_PATH),
                          {example("order-checkout.saga"), QStringLiteral("--run"), QStringLiteral("--fail nowhere"),
                           QStringLiteral("--screenshot"), m_dir.filePath(QStringLiteral("x.png"))});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(!r.err.trimmed().isEmpty(), "a message says what is wrong");
        QVERIFY(!QFile::exists(m_dir.filePath(QStringLiteral("x.png"))));
    }

    void aRemoteRunRefusedByItsCheckExitsTwo()
    {
        // --run on a saga whose services present an expired certificate: the window's check
        // refuses it before anything runs; with --screenshot that is exit 2, the reason on
        // stderr, no picture.
        const QString tls = QStringLiteral(SAGASCOPE_SOURCE_DIR "/tests/engine/data/tls/");
        QProcess services;
        services.start(QStringLiteral(SAGASCOPE_DEMO_SERVICES_PATH),
                       {QStringLiteral("--port"), QStringLiteral("0"), QStringLiteral("--db"), m_dir.filePath(QStringLiteral("expired.sqlite")),
                        QStringLiteral("--tls-cert"), tls + QStringLiteral("expired.pem"), QStringLiteral("--tls-key"),
                        tls + QStringLiteral("server.key")});
        QVERIFY(services.waitForReadyRead(10000));
        const QByteArray listening = services.readLine().trimmed(); // "listening on https://127.0.0.1:PORT"
        const QByteArray base = listening.mid(listening.indexOf("https"));
        QVERIFY2(base.startsWith("https://127.0.0.1:"), listening.constData());
        QFile remote(QStringLiteral(SAGASCOPE_EXAMPLES_DIR "/order-checkout-remote.saga"));
        QVERIFY(remote.open(QIODevice::ReadOnly));
        const QString saga = m_dir.filePath(QStringLiteral("expired.saga"));
        QFile out(saga);
        QVERIFY(out.open(QIODevice::WriteOnly));
        const QByteArray endpoint = "\"baseUrl\": \"" + base + "\", \"caFile\": \"" + tls.toUtf8() + "ca.pem\"";
        out.write(remote.readAll().replace("\"baseUrl\": \"http://127.0.0.1:8480\"", endpoint));
        out.close();
        const QString png = m_dir.filePath(QStringLiteral("expired.png"));
        const Run r = run(QStringLiteral(SAGASCOPE_APP_PATH),
                          {saga, QStringLiteral("--run"), QStringLiteral("--input ") + example("order-input.json"),
                           QStringLiteral("--screenshot"), png});
        services.terminate();
        services.waitForFinished(5000);
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains("The run did not start: orders, inventory, payments, shipping, loyalty cannot be called.")
                     && r.err.contains("expired on 2 Jan 2020") && r.err.contains(base),
                 r.err.constData());
        QVERIFY(!QFile::exists(png));
    }

    void lessonListPrintsIdsWithoutADisplay()
    {
        QProcess process;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.remove(QStringLiteral("QT_QPA_PLATFORM"));
        env.remove(QStringLiteral("DISPLAY"));
        env.remove(QStringLiteral("WAYLAND_DISPLAY"));
        process.setProcessEnvironment(env);
        process.start(QStringLiteral(SAGASCOPE_APP_PATH), {QStringLiteral("--lesson"), QStringLiteral("list")});
        QVERIFY(process.waitForFinished(30000));
        QCOMPARE(process.exitCode(), 0);
        const QStringList ids = QString::fromUtf8(process.readAllStandardOutput()).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QCOMPARE(ids.size(), 15);
        QCOMPARE(ids.first(), QStringLiteral("acid"));
        QVERIFY(ids.contains(QStringLiteral("backward-recovery")));
        QCOMPARE(ids.last(), QStringLiteral("isolation"));
    }

    void lessonScreenshot()
    {
        const QString png = m_dir.filePath(QStringLiteral("lesson.png"));
        const Run r = run(QStringLiteral(SAGASCOPE_APP_PATH),
                          {QStringLiteral("--lesson"), QStringLiteral("backward-recovery:2"), QStringLiteral("--screenshot"),
                           png, QStringLiteral("--size"), QStringLiteral("1300x820")});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QCOMPARE(QImage(png).size(), QSize(1300, 820));
        // A lesson whose first page pauses its run at a breakpoint: the picture is the pause,
        // taken at once, not after the wait for idle runs out.
        const Run paused = run(QStringLiteral(SAGASCOPE_APP_PATH),
                               {QStringLiteral("--lesson"), QStringLiteral("saga"), QStringLiteral("--screenshot"), png});
        QVERIFY2(paused.exitCode == 0, paused.err.constData());
        QVERIFY2(!paused.err.contains("still busy"), paused.err.constData());
    }

    void badLessonsExitTwo()
    {
        Run r = run(QStringLiteral(SAGASCOPE_APP_PATH), {QStringLiteral("--lesson"), QStringLiteral("no-such-lesson"),
                                                        QStringLiteral("--screenshot"), m_dir.filePath(QStringLiteral("l.png"))});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains("no-such-lesson") && r.err.contains("backward-recovery"), r.err.constData());
        r = run(QStringLiteral(SAGASCOPE_APP_PATH), {QStringLiteral("--lesson"), QStringLiteral("acid:99"),
                                                    QStringLiteral("--screenshot"), m_dir.filePath(QStringLiteral("l.png"))});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains("99"), r.err.constData());
        r = run(QStringLiteral(SAGASCOPE_APP_PATH), {QStringLiteral("--lesson"), QStringLiteral("acid:x"),
                                                    QStringLiteral("--screenshot"), m_dir.filePath(QStringLiteral("l.png"))});
        QCOMPARE(r.exitCode, 2);
        QVERIFY(!QFile::exists(m_dir.filePath(QStringLiteral("l.png"))));
    }

    void notALogExitsTwo()
    {
        const QString notLog = m_dir.filePath(QStringLiteral("notes.txt"));
        QFile file(notLog);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("just some text, not a saga log\n");
        file.close();
        const Run r = run(QStringLiteral(SAGASCOPE_APP_PATH),
                          {QStringLiteral("--monitor"), notLog, QStringLiteral("--screenshot"),
                           m_dir.filePath(QStringLiteral("y.png"))});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains("notes.txt"), r.err.constData());
    }
};

QTEST_GUILESS_MAIN(TestAppCommandLine)
#include "tst_appcommandline.moc"
