// SPDX-License-Identifier: MIT
// `sagascope-cli export` run as a process, without a display: dot parses with dot, svg holds the
// labels, png decodes; asl, bpmn and seata go through the bridge; bad input exits 2 with a clear
// message.

#include "sagafile.h"

#include "testconfig.h"

#include <QFileInfo>
#include <QImage>
#include <QProcess>
#include <QProcessEnvironment>
#include <QTemporaryDir>
#include <QTest>

using namespace Sagascope;

namespace {

QString dataFile(const char *name)
{
    return QStringLiteral(SAGASCOPE_SOURCE_DIR "/tests/views/data/") + QLatin1String(name);
}

struct Run
{
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

/** Runs the CLI with no display at all: no DISPLAY, no WAYLAND_DISPLAY, no QT_QPA_PLATFORM. */
Run cli(const QStringList &arguments)
{
    QProcess process;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.remove(QStringLiteral("DISPLAY"));
    environment.remove(QStringLiteral("WAYLAND_DISPLAY"));
    environment.remove(QStringLiteral("QT_QPA_PLATFORM"));
    process.setProcessEnvironment(environment);
    process.start(QStringLiteral(SAGASCOPE_CLI_PATH), arguments);
    Run run;
    if (!process.waitForFinished(60000) || process.exitStatus() != QProcess::NormalExit)
        return run;
    run.exitCode = process.exitCode();
    run.out = process.readAllStandardOutput();
    run.err = process.readAllStandardError();
    return run;
}

} // namespace

class TestExportCommand : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(QFileInfo::exists(QStringLiteral(SAGASCOPE_CLI_PATH)), "build sagascope-cli first");
    }

    void dotParsesWithDot()
    {
        const Run run = cli({QStringLiteral("export"), dataFile("fan-out.saga"), QStringLiteral("--to"), QStringLiteral("dot")});
        QCOMPARE(run.exitCode, 0);
        QVERIFY(run.out.contains("digraph"));
        QVERIFY(run.out.contains("\"left\" -> \"charge\""));
        if (sagascopeDotPath().isEmpty())
            QSKIP("dot is not installed");
        QProcess dot;
        dot.start(sagascopeDotPath(), {QStringLiteral("-Tsvg")});
        QVERIFY(dot.waitForStarted());
        dot.write(run.out);
        dot.closeWriteChannel();
        QVERIFY(dot.waitForFinished(30000));
        QVERIFY2(dot.exitCode() == 0, dot.readAllStandardError().constData());
        QVERIFY(dot.readAllStandardOutput().contains("Reserve right &amp; centre"));
    }

    void svgAndPngToFiles()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString svgPath = dir.filePath(QStringLiteral("out.svg"));
        Run run = cli({QStringLiteral("export"), dataFile("placed.saga"), QStringLiteral("--to"), QStringLiteral("svg"),
                       QStringLiteral("-o"), svgPath});
        QVERIFY2(run.exitCode == 0, run.err.constData());
        QFile svg(svgPath);
        QVERIFY(svg.open(QIODevice::ReadOnly));
        const QByteArray svgBytes = svg.readAll();
        for (const char *label : {"Step A", "Step B", "Step C"})
            QVERIFY2(svgBytes.contains(QByteArray(QByteArray(">") + label + "</text>")), label);

        const QString pngPath = dir.filePath(QStringLiteral("out.png"));
        run = cli({QStringLiteral("export"), dataFile("fan-out.saga"), QStringLiteral("--to"), QStringLiteral("png"),
                   QStringLiteral("-o"), pngPath, QStringLiteral("--scale"), QStringLiteral("1")});
        QVERIFY2(run.exitCode == 0, run.err.constData());
        QImage image;
        QVERIFY(image.load(pngPath, "PNG"));
        QVERIFY(image.width() > 600 && image.height() > 200);
        // The source file is not touched (the layout done for the picture is not saved).
        const LoadResult loaded = SagaFile::load(dataFile("fan-out.saga"));
        QVERIFY(loaded.ok());
        QVERIFY(!loaded.definition->steps.first().position);
    }

    void darkThemeAndSwimlanes()
    {
        QTemporaryDir dir;
        const QString light = dir.filePath(QStringLiteral("light.png"));
        const QString dark = dir.filePath(QStringLiteral("dark.png"));
        Run run = cli({QStringLiteral("export"), dataFile("fan-out.saga"), QStringLiteral("--to"), QStringLiteral("png"),
                       QStringLiteral("-o"), light, QStringLiteral("--scale"), QStringLiteral("1")});
        QVERIFY2(run.exitCode == 0, run.err.constData());
        run = cli({QStringLiteral("export"), dataFile("fan-out.saga"), QStringLiteral("--to"), QStringLiteral("png"),
                   QStringLiteral("-o"), dark, QStringLiteral("--scale"), QStringLiteral("1"), QStringLiteral("--theme"),
                   QStringLiteral("dark")});
        QVERIFY2(run.exitCode == 0, run.err.constData());
        QImage lightImage(light), darkImage(dark);
        QVERIFY(qGray(lightImage.pixel(2, 2)) > 200);
        QVERIFY(qGray(darkImage.pixel(2, 2)) < 60);
        QCOMPARE(darkImage.size(), lightImage.size());
        // Swimlanes: each service's title is drawn once more than the cards alone draw it.
        const Run plain = cli({QStringLiteral("export"), dataFile("fan-out.saga"), QStringLiteral("--to"), QStringLiteral("svg")});
        run = cli({QStringLiteral("export"), dataFile("fan-out.saga"), QStringLiteral("--to"), QStringLiteral("svg"),
                   QStringLiteral("--swimlanes")});
        QVERIFY2(run.exitCode == 0 && plain.exitCode == 0, run.err.constData());
        for (const char *lane : {">Orders &amp; Co</text>", ">Stock</text>", ">Payments</text>", ">Mail</text>"})
            QVERIFY2(run.out.count(lane) == plain.out.count(lane) + 1, lane);
        run = cli({QStringLiteral("export"), dataFile("fan-out.saga"), QStringLiteral("--to"), QStringLiteral("png"),
                   QStringLiteral("--theme"), QStringLiteral("sepia")});
        QCOMPARE(run.exitCode, 2);
    }

    void svgToStandardOutputAndTopToBottom()
    {
        const Run run = cli({QStringLiteral("export"), dataFile("fan-out.saga"), QStringLiteral("--to"), QStringLiteral("svg"),
                             QStringLiteral("--direction"), QStringLiteral("tb")});
        QVERIFY2(run.exitCode == 0, run.err.constData());
        QVERIFY(run.out.startsWith("<?xml"));
        QVERIFY(run.out.contains("Notify customer"));
        // Top to bottom: the picture is taller than wide.
        const int w = run.out.indexOf("width=\"");
        const int h = run.out.indexOf("height=\"");
        QVERIFY(w > 0 && h > 0);
        const double width = run.out.mid(w + 7, run.out.indexOf('"', w + 7) - w - 7).replace("mm", "").toDouble();
        const double height = run.out.mid(h + 8, run.out.indexOf('"', h + 8) - h - 8).replace("mm", "").toDouble();
        QVERIFY2(height > width, qPrintable(QStringLiteral("%1 x %2").arg(width).arg(height)));
    }

    void bigSagaWithoutPositions()
    {
        // Over SagaScene::AsyncLayoutThreshold steps: laid out on a worker thread, waited for.
        QString json = QStringLiteral("{\"format\":\"sagascope/1\",\"name\":\"big\",\"steps\":[");
        for (int i = 0; i < 180; ++i) {
            json += QStringLiteral("%1{\"id\":\"s%2\",\"label\":\"Step number %2\",\"kind\":\"retriable\",\"idempotent\":true,"
                                   "\"action\":{\"name\":\"a\"},\"after\":[%3]}")
                        .arg(i ? QStringLiteral(",") : QString())
                        .arg(i)
                        .arg(i ? QStringLiteral("\"s%1\"").arg(i - 1) : QString());
        }
        json += QStringLiteral("]}");
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("big.saga"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(json.toUtf8());
        file.close();
        const Run run = cli({QStringLiteral("export"), path, QStringLiteral("--to"), QStringLiteral("svg")});
        QVERIFY2(run.exitCode == 0, run.err.constData());
        for (int i = 0; i < 180; ++i)
            QVERIFY(run.out.contains(QByteArray(QByteArray(">Step number ") + QByteArray::number(i) + "</text>")));
    }

    void bridgeFormats_data()
    {
        QTest::addColumn<QString>("format");
        QTest::addColumn<QByteArray>("marker");
        QTest::newRow("asl") << QStringLiteral("asl") << QByteArray("\"StartAt\"");
        QTest::newRow("bpmn") << QStringLiteral("bpmn") << QByteArray("<bpmn:definitions");
        QTest::newRow("seata") << QStringLiteral("seata") << QByteArray("\"StartState\"");
    }

    void bridgeFormats()
    {
        // The bridge's own tests check the content; here: the command routes to it.
        QFETCH(QString, format);
        QFETCH(QByteArray, marker);
        const Run run = cli({QStringLiteral("export"), dataFile("placed.saga"), QStringLiteral("--to"), format});
        QVERIFY2(run.exitCode == 0, run.err.constData());
        QVERIFY2(run.out.contains(marker), run.out.left(300).constData());
    }

    void badInput()
    {
        Run run = cli({QStringLiteral("export"), dataFile("does-not-exist.saga"), QStringLiteral("--to"), QStringLiteral("svg")});
        QCOMPARE(run.exitCode, 2);
        QVERIFY(run.err.contains("does-not-exist.saga"));
        run = cli({QStringLiteral("export"), dataFile("placed.saga"), QStringLiteral("--to"), QStringLiteral("gif")});
        QCOMPARE(run.exitCode, 2);
        QVERIFY(run.err.contains("unknown format 'gif'"));
        run = cli({QStringLiteral("export"), dataFile("placed.saga")});
        QCOMPARE(run.exitCode, 2);
        QVERIFY(run.err.contains("--to"));
        QTemporaryDir dir;
        run = cli({QStringLiteral("export"), dataFile("placed.saga"), QStringLiteral("--to"), QStringLiteral("png"),
                   QStringLiteral("-o"), dir.filePath(QStringLiteral("no/such/dir/x.png"))});
        QCOMPARE(run.exitCode, 2);
        QVERIFY(run.err.contains("x.png"));
    }
};

QTEST_GUILESS_MAIN(TestExportCommand)
#include "tst_exportcommand.moc"
