// SPDX-License-Identifier: MIT
// `sagascope-cli validate` as a user runs it: a real process, real files, exit codes,
// the printed lines, --json, --fix (atomic, unknown fields kept) and --help.

#include "clirunner.h"

#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace CliRunner;

namespace {

QByteArray J(const char *text)
{
    return QByteArray(text).replace('\'', '"');
}

} // namespace

class TestCliValidate : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    QString write(const QString &name, const QByteArray &bytes)
    {
        const QString path = m_dir.filePath(name);
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly))
            qFatal("cannot write %s", qPrintable(path));
        file.write(bytes);
        return path;
    }

    static QByteArray read(const QString &path)
    {
        QFile file(path);
        return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QVERIFY2(QFile::exists(QStringLiteral(SAGASCOPE_CLI_PATH)), SAGASCOPE_CLI_PATH);
    }

    void cleanExamplesExitZero_data()
    {
        QTest::addColumn<QString>("file");
        QTest::newRow("order-checkout") << example("order-checkout.saga");
        QTest::newRow("travel-booking") << example("travel-booking.saga");
    }

    void cleanExamplesExitZero()
    {
        QFETCH(QString, file);
        const Run run = cli({QStringLiteral("validate"), file});
        QCOMPARE(run.exitCode, 0);
        QCOMPARE(run.out, QByteArray());
    }

    void warningsExitZeroAndPrintOneLineEach()
    {
        const Run run = cli({QStringLiteral("validate"), example("points-too-early.saga")});
        QCOMPARE(run.exitCode, 0); // warnings only
        const QList<QByteArray> lines = run.out.trimmed().split('\n');
        QCOMPARE(lines.size(), 1);
        QVERIFY2(lines.first().startsWith("warning SAGA005 award_points"), lines.first().constData());
    }

    void errorsExitOne()
    {
        const QString file = write(QStringLiteral("cycle.saga"),
                                   J("{'format': 'sagascope/1', 'steps': ["
                                     "{'id': 'a', 'kind': 'compensatable', 'after': ['b'], 'action': {}, 'compensation': {}},"
                                     "{'id': 'b', 'kind': 'compensatable', 'after': ['a'], 'action': {}, 'compensation': {}}]}"));
        const Run run = cli({QStringLiteral("validate"), file});
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.out.startsWith("error SAGA001 a,b "), run.out.constData());
    }

    void jsonOutput()
    {
        const Run run = cli({QStringLiteral("validate"), example("points-too-early.saga"), QStringLiteral("--json")});
        QCOMPARE(run.exitCode, 0);
        QVERIFY(run.out.endsWith("}\n"));
        QCOMPARE(run.out.count('\n'), 1); // one object, one line
        QVERIFY2(run.out.startsWith("{\"file\":"), run.out.constData()); // the SPEC's key order
        QJsonParseError error;
        const QJsonObject object = QJsonDocument::fromJson(run.out, &error).object();
        QCOMPARE(error.error, QJsonParseError::NoError);
        QCOMPARE(object.value(QLatin1String("file")).toString(), example("points-too-early.saga"));
        const QJsonArray diagnostics = object.value(QLatin1String("diagnostics")).toArray();
        QCOMPARE(diagnostics.size(), 1);
        const QJsonObject d = diagnostics.first().toObject();
        QCOMPARE(d.value(QLatin1String("severity")).toString(), QStringLiteral("warning"));
        QCOMPARE(d.value(QLatin1String("rule")).toString(), QStringLiteral("SAGA005"));
        QCOMPARE(d.value(QLatin1String("steps")).toArray().first().toString(), QStringLiteral("award_points"));
        QVERIFY(!d.value(QLatin1String("message")).toString().isEmpty());
        const QJsonArray fix = d.value(QLatin1String("fix")).toArray();
        QCOMPARE(fix.size(), 1);
        QCOMPARE(fix.first().toObject(),
                 (QJsonObject{{QStringLiteral("op"), QStringLiteral("moveAfter")},
                              {QStringLiteral("step"), QStringLiteral("award_points")},
                              {QStringLiteral("after"), QStringLiteral("take_payment")}}));

        // A finding without a fix has no "fix" key at all.
        const QString file = write(QStringLiteral("nosteps.saga"), J("{'format': 'sagascope/1', 'steps': []}"));
        const Run empty = cli({QStringLiteral("validate"), file, QStringLiteral("--json")});
        QCOMPARE(empty.exitCode, 0);
        const QJsonObject only =
            QJsonDocument::fromJson(empty.out).object().value(QLatin1String("diagnostics")).toArray().first().toObject();
        QCOMPARE(only.value(QLatin1String("rule")).toString(), QStringLiteral("SAGA007"));
        QVERIFY(!only.contains(QLatin1String("fix")));
        QCOMPARE(only.value(QLatin1String("steps")).toArray().size(), 0);
    }

    void fixWritesBackAtomicallyKeepingUnknownFields()
    {
        QByteArray text = read(example("points-too-early.saga"));
        QVERIFY(!text.isEmpty());
        // An unknown field at the top and in a step must survive --fix.
        text.replace("\"format\": \"sagascope/1\",", "\"format\": \"sagascope/1\", \"x-team\": \"checkout\",");
        text.replace("\"id\": \"award_points\",", "\"id\": \"award_points\", \"x-owner\": \"loyalty-team\",");
        const QString file = write(QStringLiteral("fixme.saga"), text);
        const Run run = cli({QStringLiteral("validate"), file, QStringLiteral("--fix")});
        QCOMPARE(run.exitCode, 0);
        QCOMPARE(run.out, QByteArray()); // nothing left
        QVERIFY2(run.err.contains("fixed SAGA005 award_points"), run.err.constData());
        const QByteArray fixed = read(file);
        QVERIFY(fixed.contains("\"x-team\": \"checkout\""));
        QVERIFY(fixed.contains("\"x-owner\": \"loyalty-team\""));
        QVERIFY(fixed.contains("\"after\": [\"take_payment\"]"));
        // No temporary file is left beside it.
        QCOMPARE(QDir(m_dir.path()).entryList({QStringLiteral("fixme*")}, QDir::Files).size(), 1);
        // Validating again finds nothing; --fix on a clean file does not touch it.
        const QDateTime modified = QFileInfo(file).lastModified();
        QTest::qWait(20);
        const Run again = cli({QStringLiteral("validate"), file, QStringLiteral("--fix")});
        QCOMPARE(again.exitCode, 0);
        QCOMPARE(read(file), fixed);
        QCOMPARE(QFileInfo(file).lastModified(), modified);
    }

    void badInputExitsTwoWithPlace_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("expected");
        QTest::newRow("not JSON") << QByteArray("nope") << ":1:1: expected a JSON value";
        QTest::newRow("empty") << QByteArray() << "empty";
        QTest::newRow("wrong format") << J("{'format': 'other/9', 'steps': []}") << ": format: unsupported format";
        QTest::newRow("wrong type") << J("{'format': 'sagascope/1', 'steps': [{'id': 'a', 'kind': 'pivot', 'action': {},"
                                         " 'retry': {'maxAttempts': 'x'}}]}")
                                    << ": steps[0].retry.maxAttempts: expected a whole number";
        QTest::newRow("deep") << QByteArray(100000, '[') << "nested more than";
        QTest::newRow("not UTF-8") << QByteArray("{\"format\": \"\xff\"}") << "not valid UTF-8";
    }

    void badInputExitsTwoWithPlace()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(QString, expected);
        const QString file = write(QStringLiteral("bad.saga"), bytes);
        const Run run = cli({QStringLiteral("validate"), file});
        QCOMPARE(run.exitCode, 2);
        QCOMPARE(run.out, QByteArray());
        const QString err = QString::fromUtf8(run.err);
        QVERIFY2(err.startsWith(file), qPrintable(err));
        QVERIFY2(err.contains(expected), qPrintable(err));
    }

    void missingFileDirectoryAndUsage()
    {
        Run run = cli({QStringLiteral("validate"), m_dir.filePath(QStringLiteral("missing.saga"))});
        QCOMPARE(run.exitCode, 2);
        QVERIFY(run.err.contains("no such file"));
        run = cli({QStringLiteral("validate"), m_dir.path()});
        QCOMPARE(run.exitCode, 2);
        QVERIFY(run.err.contains("directory"));
        run = cli({QStringLiteral("validate")});
        QCOMPARE(run.exitCode, 2);
        run = cli({QStringLiteral("validate"), example("order-checkout.saga"), QStringLiteral("--bogus")});
        QCOMPARE(run.exitCode, 2);
        QVERIFY(run.err.contains("bogus"));
        run = cli({QStringLiteral("frobnicate")});
        QCOMPARE(run.exitCode, 2);
        QVERIFY(run.err.contains("unknown command"));
    }

    void malformedJsonReportsAsJson()
    {
        const QString file = write(QStringLiteral("trunc.saga"), "{\"format\": \"sagascope/1\", \"steps\": [");
        const Run run = cli({QStringLiteral("validate"), file, QStringLiteral("--json")});
        QCOMPARE(run.exitCode, 2);
        const QJsonObject error = QJsonDocument::fromJson(run.out).object().value(QLatin1String("error")).toObject();
        QVERIFY(error.value(QLatin1String("message")).toString().contains(QLatin1String("ends")));
        QCOMPARE(error.value(QLatin1String("line")).toInt(), 1);
    }

    void helpExplainsEveryOption()
    {
        Run run = cli({QStringLiteral("--help")});
        QCOMPARE(run.exitCode, 0);
        QVERIFY(run.out.contains("validate"));
        run = cli({QStringLiteral("validate"), QStringLiteral("--help")});
        QCOMPARE(run.exitCode, 0);
        for (const char *option : {"--json", "--fix", "--help", "Exit codes"})
            QVERIFY2(run.out.contains(option), option);
    }
};

QTEST_GUILESS_MAIN(TestCliValidate)
#include "tst_clivalidate.moc"
