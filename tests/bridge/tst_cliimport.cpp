// SPDX-License-Identifier: MIT
// `sagascope-cli import FILE --from asl|bpmn|seata [-o OUT]` as a user runs it.

#include "bridgetest.h"

#include <QFile>
#include <QObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace Sagascope;
using namespace Sagascope::BridgeTest;

namespace {

struct Run
{
    int exitCode = -1;
    QByteArray out;
    QString err;
};

Run cli(const QStringList &arguments)
{
    QProcess process;
    process.start(QStringLiteral(SAGASCOPE_CLI_PATH), arguments);
    Run run;
    if (!process.waitForFinished(30000)) {
        process.kill();
        process.waitForFinished();
        return run;
    }
    run.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    run.out = process.readAllStandardOutput();
    run.err = QString::fromUtf8(process.readAllStandardError());
    return run;
}

bool writeFile(const QString &path, const QByteArray &bytes)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(bytes) == bytes.size();
}

} // namespace

class TestCliImport : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void importsWhatWasExported_data()
    {
        QTest::addColumn<QString>("format");
        QTest::newRow("asl") << QStringLiteral("asl");
        QTest::newRow("bpmn") << QStringLiteral("bpmn");
        QTest::newRow("seata") << QStringLiteral("seata");
    }
    void importsWhatWasExported()
    {
        QFETCH(QString, format);
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const SagaDefinition original = load(examplePath(QStringLiteral("travel-booking")));
        const QString exported = dir.filePath(QStringLiteral("travel.") + format);
        QVERIFY(writeFile(exported, exportOrFail(original, *Bridge::formatFromName(format))));

        // To standard output: the canonical .saga bytes of the original.
        const Run toStdout = cli({QStringLiteral("import"), exported, QStringLiteral("--from"), format});
        QCOMPARE(toStdout.exitCode, 0);
        QCOMPARE(toStdout.out, SagaFile::serialize(original));

        // To a file with -o.
        const QString out = dir.filePath(QStringLiteral("travel.saga"));
        const Run toFile = cli({QStringLiteral("import"), exported, QStringLiteral("--from"), format, QStringLiteral("-o"), out});
        QCOMPARE(toFile.exitCode, 0);
        QVERIFY(toFile.out.isEmpty());
        QFile saved(out);
        QVERIFY(saved.open(QIODevice::ReadOnly));
        QCOMPARE(saved.readAll(), SagaFile::serialize(original));
    }

    void exportThenImportGivesTheSagaBack_data() { importsWhatWasExported_data(); }
    void exportThenImportGivesTheSagaBack()
    {
        // The whole way a user goes: `export --to F`, then `import --from F`.
        QFETCH(QString, format);
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString source = examplePath(QStringLiteral("order-checkout"));
        const QString exported = dir.filePath(QStringLiteral("order.") + format);
        const Run exportRun = cli({QStringLiteral("export"), source, QStringLiteral("--to"), format, QStringLiteral("-o"), exported});
        QVERIFY2(exportRun.exitCode == 0, qPrintable(exportRun.err));
        const Run importRun = cli({QStringLiteral("import"), exported, QStringLiteral("--from"), format});
        QCOMPARE(importRun.exitCode, 0);
        QCOMPARE(importRun.out, SagaFile::serialize(load(source)));
    }

    void foreignFileWarnsOnStandardError()
    {
        const Run run = cli({QStringLiteral("import"), dataPath(QStringLiteral("foreign-trip.asl.json")), QStringLiteral("--from"),
                             QStringLiteral("asl")});
        QCOMPARE(run.exitCode, 0);
        QVERIFY(run.err.contains(QLatin1String("warning:")));
        QVERIFY(run.err.contains(QLatin1String("Wait state ignored")));
        const LoadResult loaded = SagaFile::parse(run.out, QStringLiteral("stdout"));
        QVERIFY2(loaded.ok(), qPrintable(loaded.error.toString()));
        QCOMPARE(loaded.definition->steps.size(), 4);
    }

    void badInputExitsTwo_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("message");
        const QString fixture = dataPath(QStringLiteral("foreign-trip.bpmn"));
        QTest::newRow("unknown format") << QStringList{QStringLiteral("import"), fixture, QStringLiteral("--from"), QStringLiteral("xpdl")}
                                        << QStringLiteral("unknown format 'xpdl'");
        QTest::newRow("no --from") << QStringList{QStringLiteral("import"), fixture} << QStringLiteral("--from");
        QTest::newRow("no file") << QStringList{QStringLiteral("import"), QStringLiteral("--from"), QStringLiteral("asl")}
                                 << QStringLiteral("exactly one FILE");
        QTest::newRow("missing file") << QStringList{QStringLiteral("import"), QStringLiteral("/nonexistent/x.json"),
                                                     QStringLiteral("--from"), QStringLiteral("seata")}
                                      << QStringLiteral("/nonexistent/x.json");
        QTest::newRow("wrong format") << QStringList{QStringLiteral("import"), fixture, QStringLiteral("--from"), QStringLiteral("asl")}
                                      << QStringLiteral("not ASL JSON");
    }
    void badInputExitsTwo()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QString, message);
        const Run run = cli(arguments);
        QCOMPARE(run.exitCode, 2);
        QVERIFY(run.out.isEmpty());
        QVERIFY2(run.err.contains(message), qPrintable(run.err));
    }
};

QTEST_GUILESS_MAIN(TestCliImport)
#include "tst_cliimport.moc"
