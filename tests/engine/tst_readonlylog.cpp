// SPDX-License-Identifier: MIT
// A saga log on a read-only disk, with a real unprivileged process: `run --db` and `recover --db`
// refuse it with a clear message naming the file, exit 2, and leave its bytes alone. Tests run as
// root, for whom chmod restricts nothing, so the CLI runs as `nobody` through runuser.

#include "testconfig.h"

#include <QFile>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <unistd.h>

class TestReadOnlyLog : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void readOnlyFile();
    void readOnlyDirectory();
    void cleanupTestCase();

private:
    struct Result
    {
        int exitCode = -1;
        QString err;
    };
    Result asNobody(const QStringList &arguments) const;
    QByteArray logBytes() const;
    void setModes(QFile::Permissions dir, QFile::Permissions log);

    QTemporaryDir m_dir;
    QString m_runuser;
    QString m_saga;
    QString m_log;
};

namespace {

constexpr QFile::Permissions ReadOnly = QFile::ReadOwner | QFile::ReadGroup | QFile::ReadOther;
constexpr QFile::Permissions Traversable = ReadOnly | QFile::ExeOwner | QFile::ExeGroup | QFile::ExeOther; // 0555
constexpr QFile::Permissions ReadWrite = ReadOnly | QFile::WriteOwner | QFile::WriteGroup | QFile::WriteOther; // 0666

} // namespace

TestReadOnlyLog::Result TestReadOnlyLog::asNobody(const QStringList &arguments) const
{
    QProcess p;
    p.start(m_runuser, QStringList{QStringLiteral("-u"), QStringLiteral("nobody"), QStringLiteral("--"),
                                   QStringLiteral(SAGASCOPE_CLI_PATH)} + arguments);
    p.waitForFinished(15000);
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, QString::fromUtf8(p.readAllStandardError())};
}

QByteArray TestReadOnlyLog::logBytes() const
{
    QFile f(m_log);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

void TestReadOnlyLog::setModes(QFile::Permissions dir, QFile::Permissions log)
{
    QVERIFY(QFile::setPermissions(m_log, log));
    QVERIFY(QFile::setPermissions(m_dir.path(), dir));
}

void TestReadOnlyLog::initTestCase()
{
    if (::geteuid() != 0)
        QSKIP("needs root, to run sagascope-cli as the unprivileged user nobody (runuser)");
    m_runuser = QStandardPaths::findExecutable(QStringLiteral("runuser"));
    if (m_runuser.isEmpty())
        m_runuser = QStandardPaths::findExecutable(QStringLiteral("runuser"), {QStringLiteral("/usr/sbin"), QStringLiteral("/sbin")});
    if (m_runuser.isEmpty())
        QSKIP("runuser is not installed: cannot run sagascope-cli as an unprivileged user");
    QVERIFY(m_dir.isValid());
    m_saga = m_dir.filePath(QStringLiteral("checkout.saga"));
    m_log = m_dir.filePath(QStringLiteral("orders.sagalog"));
    QVERIFY(QFile::copy(QStringLiteral(SAGASCOPE_SOURCE_DIR "/tests/engine/data/checkout.saga"), m_saga));
    QVERIFY(QFile::setPermissions(m_saga, ReadOnly | QFile::WriteOwner));
    QVERIFY(QFile::setPermissions(m_dir.path(), Traversable | QFile::WriteOwner)); // 0755: nobody may enter

    // A log with one finished instance, written by root.
    QProcess run;
    run.start(QStringLiteral(SAGASCOPE_CLI_PATH), {QStringLiteral("run"), m_saga, QStringLiteral("--db"), m_log,
                                                   QStringLiteral("--virtual-time"), QStringLiteral("--quiet")});
    QVERIFY(run.waitForFinished(15000));
    QCOMPARE(run.exitCode(), 0);
    // nobody must reach the CLI itself, or the test would prove nothing.
    const Result reach = asNobody({QStringLiteral("validate"), m_saga});
    if (reach.exitCode == 126 || reach.exitCode == 127 || reach.exitCode < 0)
        QSKIP(qPrintable(QStringLiteral("nobody cannot run %1 (%2)").arg(QStringLiteral(SAGASCOPE_CLI_PATH), reach.err)));
    QCOMPARE(reach.exitCode, 0);
}

void TestReadOnlyLog::readOnlyFile()
{
    setModes(Traversable, ReadOnly); // directory 0555, log 0444
    const QByteArray before = logBytes();
    QVERIFY(!before.isEmpty());

    const Result run = asNobody({QStringLiteral("run"), m_saga, QStringLiteral("--db"), m_log, QStringLiteral("--virtual-time")});
    QCOMPARE(run.exitCode, 2);
    QVERIFY2(run.err.contains(m_log) && run.err.contains(QStringLiteral("cannot be written"))
                 && run.err.contains(QStringLiteral("read-only")),
             qPrintable(run.err));

    const Result recover = asNobody({QStringLiteral("recover"), QStringLiteral("--db"), m_log});
    QCOMPARE(recover.exitCode, 2);
    QVERIFY2(recover.err.contains(m_log) && recover.err.contains(QStringLiteral("read-only")), qPrintable(recover.err));

    QCOMPARE(logBytes(), before);
    QVERIFY(!QFile::exists(m_log + QStringLiteral("-wal")));
}

void TestReadOnlyLog::readOnlyDirectory()
{
    // The file could be written, but WAL needs PATH-wal and PATH-shm beside it.
    setModes(Traversable, ReadWrite);
    const QByteArray before = logBytes();

    const Result run = asNobody({QStringLiteral("run"), m_saga, QStringLiteral("--db"), m_log, QStringLiteral("--virtual-time")});
    QCOMPARE(run.exitCode, 2);
    QVERIFY2(run.err.contains(m_log) && run.err.contains(QStringLiteral("directory"))
                 && run.err.contains(QStringLiteral("read-only")) && run.err.contains(m_log + QStringLiteral("-wal")),
             qPrintable(run.err));
    const Result recover = asNobody({QStringLiteral("recover"), QStringLiteral("--db"), m_log});
    QCOMPARE(recover.exitCode, 2);
    QVERIFY2(recover.err.contains(QStringLiteral("directory")), qPrintable(recover.err));

    // A new log cannot be created there either; nothing is left behind.
    const QString fresh = m_dir.filePath(QStringLiteral("new.sagalog"));
    const Result create = asNobody({QStringLiteral("run"), m_saga, QStringLiteral("--db"), fresh, QStringLiteral("--virtual-time")});
    QCOMPARE(create.exitCode, 2);
    QVERIFY2(create.err.contains(fresh) && create.err.contains(QStringLiteral("cannot create")), qPrintable(create.err));
    QVERIFY(!QFile::exists(fresh));

    // Readers say why too (a WAL reader needs PATH-shm).
    const Result inspect = asNobody({QStringLiteral("inspect"), QStringLiteral("--db"), m_log});
    QCOMPARE(inspect.exitCode, 2);
    QVERIFY2(inspect.err.contains(m_log) && inspect.err.contains(QStringLiteral("directory")), qPrintable(inspect.err));

    QCOMPARE(logBytes(), before);
}

void TestReadOnlyLog::cleanupTestCase()
{
    if (m_dir.isValid())
        QFile::setPermissions(m_dir.path(), Traversable | QFile::WriteOwner);
}

QTEST_GUILESS_MAIN(TestReadOnlyLog)
#include "tst_readonlylog.moc"
