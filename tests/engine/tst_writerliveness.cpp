// SPDX-License-Identifier: MIT
// WriterLiveness on real processes: a `sagascope-cli run` writing a log is alive, and gone once
// it is killed with SIGKILL (the kernel drops its lock; nothing is cleaned up behind it).
#include "writerliveness.h"

#include "testconfig.h"

#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace Sagascope;

class TestWriterLiveness : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void aKilledWriterIsGone()
    {
        QTemporaryDir dir;
        const QString db = dir.filePath(QStringLiteral("written.db"));
        QCOMPARE(WriterLiveness::of(db), WriterLiveness::Writer::Gone); // no lock file: nobody writes
        QProcess run;
        run.start(QStringLiteral(SAGASCOPE_CLI_PATH),
                  {QStringLiteral("run"), QStringLiteral(SAGASCOPE_EXAMPLES_DIR "/order-checkout.saga"),
                   QStringLiteral("--db"), db, QStringLiteral("--instances"), QStringLiteral("100000"),
                   QStringLiteral("--concurrency"), QStringLiteral("20"), QStringLiteral("--quiet")});
        QVERIFY(run.waitForStarted());
        QVERIFY(QTest::qWaitFor([&] { return QFile::exists(db + QStringLiteral("-lock")); }, 10000));
        QTRY_COMPARE_WITH_TIMEOUT(WriterLiveness::of(db), WriterLiveness::Writer::Alive, 5000);
        run.kill();
        QVERIFY(run.waitForFinished(10000));
        QVERIFY(QFile::exists(db + QStringLiteral("-lock"))); // left behind, as after any crash
        QCOMPARE(WriterLiveness::of(db), WriterLiveness::Writer::Gone);
    }

    void readsTheLockTable()
    {
        QTemporaryDir dir;
        const QString db = dir.filePath(QStringLiteral("x.db"));
        QFile lock(db + QStringLiteral("-lock"));
        QVERIFY(lock.open(QIODevice::WriteOnly));
        lock.close();
        // Another file's lock, and a waiter's line, are not this log's writer.
        const QString table = dir.filePath(QStringLiteral("locks"));
        QFile file(table);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("1: FLOCK  ADVISORY  READ 23014 00:00:1 0 EOF\n"
                   "2: POSIX  ADVISORY  WRITE 99 00:00:2 0 EOF\n");
        file.close();
        QCOMPARE(WriterLiveness::of(db, table), WriterLiveness::Writer::Gone);
        QCOMPARE(WriterLiveness::of(db, dir.filePath(QStringLiteral("no-such-table"))), WriterLiveness::Writer::Unknown);
    }
};

QTEST_GUILESS_MAIN(TestWriterLiveness)
#include "tst_writerliveness.moc"
