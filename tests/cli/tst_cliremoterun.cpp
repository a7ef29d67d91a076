// SPDX-License-Identifier: MIT
// `sagascope-cli run` with remote endpoints (SPEC section 6): what it refuses, with exit 2,
// before it records or sends anything. A listening socket on 127.0.0.1 stands for a service and
// proves that nothing reached it.

#include "clirunner.h"

#include <QFile>
#include <QProcess>
#include <QProcessEnvironment>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

using CliRunner::cli;
using CliRunner::Run;

class TestCliRemoteRun : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QTcpServer m_trap;

    QString write(const QString &name, const QByteArray &bytes)
    {
        const QString path = m_dir.filePath(name);
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly))
            qFatal("cannot write %s", qPrintable(path));
        file.write(bytes);
        return path;
    }

    /** Two services with bearer tokens: `a` on the trap (loopback), `b` on a remote https host. */
    QString saga()
    {
        const QByteArray text = QByteArray(
        "{\"format\": \"sagascope/1\", \"services\": [\n"
        "  {\"id\": \"a\", \"endpoint\": {\"baseUrl\": \"http://127.0.0.1:PORT\", \"auth\": {\"type\": \"bearer\", \"tokenEnv\": \"SAGASCOPE_TEST_TOKEN\"}}},\n"
        "  {\"id\": \"b\", \"endpoint\": {\"baseUrl\": \"https://b.example.test\", \"auth\": {\"type\": \"bearer\", \"tokenEnv\": \"SAGASCOPE_TEST_TOKEN\"}}}],\n"
        " \"steps\": [\n"
        "  {\"id\": \"first\", \"service\": \"a\", \"kind\": \"compensatable\", \"idempotent\": true,\n"
        "   \"action\": {\"name\": \"x\", \"http\": {\"path\": \"/x\", \"body\": {\"order\": \"${instance}\"}}},\n"
        "   \"compensation\": {\"name\": \"y\", \"http\": {\"method\": \"DELETE\", \"path\": \"/x/${instance}\"}}},\n"
        "  {\"id\": \"second\", \"service\": \"b\", \"kind\": \"pivot\", \"after\": [\"first\"], \"idempotent\": true,\n"
        "   \"action\": {\"name\": \"z\", \"http\": {\"path\": \"/z\"}}}]}\n")
                                   .replace("PORT", QByteArray::number(m_trap.serverPort()));
        return write(QStringLiteral("remote.saga"), text);
    }

    static QProcessEnvironment withToken()
    {
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(QStringLiteral("SAGASCOPE_TEST_TOKEN"), QStringLiteral("t0ken-never-printed"));
        return environment;
    }

    void checkRefused(const Run &run, const char *fault, const QString &db)
    {
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.err.contains(fault), run.err.constData());
        QVERIFY(!run.err.contains("t0ken-never-printed"));
        QVERIFY2(!QFile::exists(db), "the run was recorded");
        QVERIFY2(!m_trap.waitForNewConnection(200), "something was sent");
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QVERIFY(m_trap.listen(QHostAddress::LocalHost, 0));
    }

    void refusesCredentialsOverPlainHttp()
    {
        const QString db = m_dir.filePath(QStringLiteral("a.db"));
        checkRefused(cli({QStringLiteral("run"), saga(), QStringLiteral("--db"), db, QStringLiteral("--endpoint"),
                          QStringLiteral("b=http://b.example.test:8080")},
                         withToken()),
                     "plain http to b.example.test", db);
    }

    void refusesPlainHttpToAnotherHostEvenWithoutCredentials()
    {
        // SPEC section 6: plain http:// is for loopback hosts only.
        const QString path = write(QStringLiteral("plain.saga"),
            "{\"format\": \"sagascope/1\", \"services\": [{\"id\": \"a\", \"endpoint\": {\"baseUrl\": \"http://127.0.0.1:1\"}}],\n"
            " \"steps\": [{\"id\": \"only\", \"service\": \"a\", \"kind\": \"pivot\", \"action\": {\"name\": \"x\", \"http\": {\"path\": \"/x\"}}}]}\n");
        const QString db = m_dir.filePath(QStringLiteral("plain.db"));
        checkRefused(cli({QStringLiteral("run"), path, QStringLiteral("--db"), db, QStringLiteral("--endpoint"),
                          QStringLiteral("a=http://a.example.test:8080")}),
                     "plain http to a.example.test", db);
    }

    void refusesAMissingToken()
    {
        const QString db = m_dir.filePath(QStringLiteral("b.db"));
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.remove(QStringLiteral("SAGASCOPE_TEST_TOKEN"));
        checkRefused(cli({QStringLiteral("run"), saga(), QStringLiteral("--db"), db}, environment),
                     "SAGASCOPE_TEST_TOKEN, which holds its bearer token, is not set", db);
    }

    void refusesBadOptions_data()
    {
        QTest::addColumn<QStringList>("options");
        QTest::addColumn<QString>("fault");
        const QString notJson = write(QStringLiteral("bad.json"), "{\"sku\": ");
        const QString lines = write(QStringLiteral("in.jsonl"), "{\"a\": 1}\n\n[2]\n");
        const QString two = write(QStringLiteral("two.jsonl"), "{\"a\": 1}\n{\"a\": 2}\n");
        QTest::newRow("input not JSON") << QStringList{QStringLiteral("--input"), notJson} << notJson + QStringLiteral(": not JSON");
        QTest::newRow("input missing") << QStringList{QStringLiteral("--input"), m_dir.filePath(QStringLiteral("none.json"))}
                                       << QStringLiteral("cannot read it");
        QTest::newRow("jsonl line not an object") << QStringList{QStringLiteral("--input-jsonl"), lines}
                                                  << lines + QStringLiteral(":3: an input is a JSON object");
        QTest::newRow("jsonl and instances") << QStringList{QStringLiteral("--input-jsonl"), two, QStringLiteral("--instances"), QStringLiteral("3")}
                                             << QStringLiteral("disagree");
        QTest::newRow("unknown service") << QStringList{QStringLiteral("--endpoint"), QStringLiteral("c=http://127.0.0.1:1")}
                                         << QStringLiteral("no service 'c'");
        QTest::newRow("endpoint without URL") << QStringList{QStringLiteral("--endpoint"), QStringLiteral("a")}
                                              << QStringLiteral("expected SERVICE=URL");
        QTest::newRow("virtual time") << QStringList{QStringLiteral("--virtual-time")} << QStringLiteral("--virtual-time cannot drive");
        QTest::newRow("not a URL") << QStringList{QStringLiteral("--endpoint"), QStringLiteral("a=ftp://127.0.0.1")}
                                   << QStringLiteral("not an http:// or https:// URL");
        // A password in the URL would land in the log's run options: refused (and not repeated).
        QTest::newRow("password in the URL") << QStringList{QStringLiteral("--endpoint"), QStringLiteral("a=http://bob:hunter2@127.0.0.1:1")}
                                             << QStringLiteral("carries a user name or password (bob@)");
    }

    void refusesBadOptions()
    {
        QFETCH(QStringList, options);
        QFETCH(QString, fault);
        const QString db = m_dir.filePath(QStringLiteral("c.db"));
        const Run run = cli(QStringList{QStringLiteral("run"), saga(), QStringLiteral("--db"), db} + options, withToken());
        QVERIFY2(!run.err.contains("hunter2") && !run.out.contains("hunter2"), run.err.constData());
        checkRefused(run, fault.toUtf8().constData(), db);
    }

    void simulateNeedsNoEndpoint()
    {
        // --simulate runs the same file offline: no token needed, nothing sent, virtual time allowed.
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.remove(QStringLiteral("SAGASCOPE_TEST_TOKEN"));
        const Run run = cli({QStringLiteral("run"), saga(), QStringLiteral("--simulate"), QStringLiteral("--virtual-time"),
                             QStringLiteral("--quiet"), QStringLiteral("--seed"), QStringLiteral("1")},
                            environment);
        QCOMPARE(run.exitCode, 0);
        QVERIFY2(run.out.contains("1 completed"), run.out.constData());
        QVERIFY(!m_trap.waitForNewConnection(100));
    }
};

QTEST_GUILESS_MAIN(TestCliRemoteRun)
#include "tst_cliremoterun.moc"
