// SPDX-License-Identifier: MIT
// `sagascope-cli convert` as a user runs it: a real process, real files, exit codes, and the
// converted file validating and converting back.

#include "clirunner.h"
#include "testconfig.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace CliRunner;

class TestCliConvert : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

private Q_SLOTS:
    void toChoreographyAndBack()
    {
        const QString choreography = m_dir.filePath(QStringLiteral("checkout-choreography.saga"));
        Run run = cli({QStringLiteral("convert"), example("order-checkout.saga"), QStringLiteral("--to"),
                       QStringLiteral("choreography"), QStringLiteral("-o"), choreography});
        QCOMPARE(run.exitCode, 0);
        QVERIFY2(run.err.isEmpty(), run.err.constData());
        QFile file(choreography);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray text = file.readAll();
        QVERIFY(text.contains("\"mode\": \"choreography\""));
        QVERIFY(text.contains("\"on\": [\"create_orderSucceeded\"]"));
        QVERIFY(text.contains("\"failure\": \"take_paymentFailed\""));
        QVERIFY(text.contains("reserve_stockCompensated"));

        run = cli({QStringLiteral("validate"), choreography});
        QCOMPARE(run.exitCode, 0);
        QCOMPARE(run.out, QByteArray()); // no finding at all

        // Back to an orchestration, on standard output: the original `after` lists.
        run = cli({QStringLiteral("convert"), choreography, QStringLiteral("--to"), QStringLiteral("orchestration")});
        QCOMPARE(run.exitCode, 0);
        QVERIFY(run.out.contains("\"after\": [\"reserve_stock\"]"));
        QVERIFY(!run.out.contains("Succeeded"));
        QVERIFY(run.out.contains("\"mode\": \"orchestration\""));
    }

    void badInput()
    {
        Run run = cli({QStringLiteral("convert"), example("order-checkout.saga")});
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.err.contains("--to choreography|orchestration is required"), run.err.constData());
        run = cli({QStringLiteral("convert"), example("order-checkout.saga"), QStringLiteral("--to"), QStringLiteral("events")});
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.err.contains("unknown form 'events'"), run.err.constData());
        run = cli({QStringLiteral("convert"), m_dir.filePath(QStringLiteral("missing.saga")), QStringLiteral("--to"),
                   QStringLiteral("choreography")});
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.err.contains("missing.saga: no such file"), run.err.constData());
        // A cycle cannot be converted; the message names the file and the fault.
        const QString cyclic = m_dir.filePath(QStringLiteral("cyclic.saga"));
        QFile file(cyclic);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(R"({"format":"sagascope/1","steps":[
            {"id":"a","kind":"pivot","after":["b"],"action":{}},{"id":"b","kind":"pivot","after":["a"],"action":{}}]})");
        file.close();
        run = cli({QStringLiteral("convert"), cyclic, QStringLiteral("--to"), QStringLiteral("choreography")});
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.err.contains("cyclic.saga: cannot convert to choreography") && run.err.contains("cycle"), run.err.constData());
        run = cli({QStringLiteral("convert"), QStringLiteral("--help")});
        QCOMPARE(run.exitCode, 0);
        QVERIFY(run.out.contains("<Step>Succeeded"));
    }
};

QTEST_GUILESS_MAIN(TestCliConvert)
#include "tst_cliconvert.moc"
