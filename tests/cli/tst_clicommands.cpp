// SPDX-License-Identifier: MIT
// What every sagascope-cli command shares (Cli::parseCommand): the usage line, a mistyped
// option, and input that cannot be used, reported once and clearly.

#include "clirunner.h"

#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

using namespace CliRunner;

class TestCliCommands : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void mistypedOptionGetsASuggestion_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("expected");
        const QString saga = example("order-checkout.saga");
        QTest::newRow("run --instance") << QStringList{QStringLiteral("run"), saga, QStringLiteral("--instance"), QStringLiteral("3")}
                                        << QStringLiteral("did you mean --instances?");
        QTest::newRow("run --concurency") << QStringList{QStringLiteral("run"), saga, QStringLiteral("--concurency=2")}
                                          << QStringLiteral("did you mean --concurrency?");
        QTest::newRow("inspect --jsno") << QStringList{QStringLiteral("inspect"), QStringLiteral("--db"), QStringLiteral("x.db"),
                                                       QStringLiteral("--jsno")}
                                        << QStringLiteral("did you mean --json?");
        QTest::newRow("validate --fx") << QStringList{QStringLiteral("validate"), saga, QStringLiteral("--fx")}
                                       << QStringLiteral("did you mean --fix?");
    }

    void mistypedOptionGetsASuggestion()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QString, expected);
        const Run run = cli(arguments);
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(QString::fromUtf8(run.err).contains(expected), run.err.constData());
        QCOMPARE(run.err.count('\n'), 1);
    }

    void farOffOptionGetsNoSuggestion()
    {
        const Run run = cli({QStringLiteral("validate"), example("order-checkout.saga"), QStringLiteral("--bogus")});
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.err.contains("Unknown option 'bogus'"), run.err.constData());
        QVERIFY2(!run.err.contains("did you mean"), run.err.constData());
    }

    void usageNamesTheProgramNotItsPath_data()
    {
        QTest::addColumn<QString>("command");
        for (const char *command : {"validate", "run", "recover", "inspect", "export", "import", "login"})
            QTest::newRow(command) << QString::fromLatin1(command);
    }

    void usageNamesTheProgramNotItsPath()
    {
        QFETCH(QString, command);
        // No XDG_RUNTIME_DIR, as in CI: --help must not make Qt warn about it (export renders).
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.remove(QStringLiteral("XDG_RUNTIME_DIR"));
        environment.remove(QStringLiteral("QT_QPA_PLATFORM"));
        const Run run = cli({command, QStringLiteral("--help")}, environment);
        QCOMPARE(run.exitCode, 0);
        QVERIFY2(run.out.startsWith(QByteArray("Usage: sagascope-cli ").append(command.toUtf8()).append(' ')), run.out.left(200).constData());
        QVERIFY2(!run.out.contains(SAGASCOPE_CLI_PATH), run.out.left(200).constData());
        QCOMPARE(run.err, QByteArray());
    }

    void unusableInputPrintsTheErrorAlone_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("expected");
        QTest::newRow("recover, no such log")
            << QStringList{QStringLiteral("recover"), QStringLiteral("--db"), QStringLiteral("nosuch.db")}
            << QStringLiteral("nosuch.db");
        QTest::newRow("run into a log that is not one")
            << QStringList{QStringLiteral("run"), example("order-checkout.saga"), QStringLiteral("--db"),
                           example("order-checkout.saga")}
            << QStringLiteral("order-checkout.saga");
    }

    void unusableInputPrintsTheErrorAlone()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QString, expected);
        QTemporaryDir dir;
        QProcess process;
        process.setWorkingDirectory(dir.path());
        process.start(QStringLiteral(SAGASCOPE_CLI_PATH), arguments);
        QVERIFY(process.waitForFinished(30000));
        const QByteArray err = process.readAllStandardError();
        QCOMPARE(process.exitCode(), 2);
        QVERIFY2(QString::fromUtf8(err).contains(expected), err.constData());
        QVERIFY2(!err.contains("instance"), err.constData()); // no "0 instances: ..." summary
        QCOMPARE(process.readAllStandardOutput(), QByteArray());
        QVERIFY(!QFileInfo::exists(dir.filePath(QStringLiteral("nosuch.db"))));
    }
};

QTEST_GUILESS_MAIN(TestCliCommands)
#include "tst_clicommands.moc"
