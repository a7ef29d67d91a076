// SPDX-License-Identifier: MIT
// A saga log on a read-only disk, with a real unprivileged process: `run --db` and `recover --db`
// refuse it with a clear message naming the file, exit 2, and leave its bytes alone. And a log
// whose PATH-lock belongs to another user: the lock file is opened read-only and still locks.
// Tests run as root (CI does), for whom chmod restricts nothing, so the CLI runs as `nobody`
// (runuser, or setpriv), from a copy in the test's own directory that nobody may execute. Only a
// run as another user than root, which cannot switch users, skips.

#include "testconfig.h"

#include <QFile>
#include <QFileInfo>
#include <QScopeGuard>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <fcntl.h>
#include <pwd.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

class TestReadOnlyLog : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void readOnlyFile();
    void readOnlyDirectory();
    void lockFileOfAnotherUser();
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
    QStringList m_asNobody; // the command that runs what follows it as nobody
    uid_t m_nobodyUid = 0;
    gid_t m_nobodyGid = 0;
    QString m_cli;          // a copy of sagascope-cli that nobody can execute
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
    p.start(m_asNobody.first(), m_asNobody.mid(1) + QStringList{m_cli} + arguments);
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
        QSKIP("needs root, to run sagascope-cli as the unprivileged user nobody (CI runs as root)");
    const passwd *nobody = ::getpwnam("nobody");
    QVERIFY2(nobody, "no user nobody");
    m_nobodyUid = nobody->pw_uid;
    m_nobodyGid = nobody->pw_gid;
    const QStringList sbin = {QStringLiteral("/usr/sbin"), QStringLiteral("/sbin"), QStringLiteral("/usr/bin"), QStringLiteral("/bin")};
    QString tool = QStandardPaths::findExecutable(QStringLiteral("runuser"));
    if (tool.isEmpty())
        tool = QStandardPaths::findExecutable(QStringLiteral("runuser"), sbin);
    if (!tool.isEmpty()) {
        m_asNobody = {tool, QStringLiteral("-u"), QStringLiteral("nobody"), QStringLiteral("--")};
    } else {
        tool = QStandardPaths::findExecutable(QStringLiteral("setpriv"), sbin);
        QVERIFY2(!tool.isEmpty(), "neither runuser nor setpriv (util-linux) is installed");
        m_asNobody = {tool, QStringLiteral("--reuid=%1").arg(m_nobodyUid), QStringLiteral("--regid=%1").arg(m_nobodyGid),
                      QStringLiteral("--clear-groups"), QStringLiteral("--")};
    }
    QVERIFY(m_dir.isValid());
    // nobody may not enter a build tree under /root: give it a copy of the CLI of its own (it
    // links Qt from the system, the rest statically), in a directory it can reach.
    QVERIFY(QFile::setPermissions(m_dir.path(), Traversable | QFile::WriteOwner)); // 0755
    for (QString dir = QFileInfo(m_dir.path()).absolutePath(); dir != QLatin1String("/"); dir = QFileInfo(dir).absolutePath()) {
        struct stat st;
        QVERIFY(::stat(QFile::encodeName(dir).constData(), &st) == 0);
        QVERIFY2(st.st_mode & S_IXOTH, qPrintable(dir + QStringLiteral(" is not traversable by nobody: set TMPDIR elsewhere")));
    }
    m_cli = m_dir.filePath(QStringLiteral("sagascope-cli"));
    QVERIFY(QFile::copy(QStringLiteral(SAGASCOPE_CLI_PATH), m_cli));
    QVERIFY(QFile::setPermissions(m_cli, Traversable | QFile::WriteOwner));
    m_saga = m_dir.filePath(QStringLiteral("checkout.saga"));
    m_log = m_dir.filePath(QStringLiteral("orders.sagalog"));
    QVERIFY(QFile::copy(QStringLiteral(SAGASCOPE_SOURCE_DIR "/tests/engine/data/checkout.saga"), m_saga));
    QVERIFY(QFile::setPermissions(m_saga, ReadOnly | QFile::WriteOwner));

    // A log with one finished instance, written by root.
    QProcess run;
    run.start(m_cli, {QStringLiteral("run"), m_saga, QStringLiteral("--db"), m_log, QStringLiteral("--virtual-time"),
                      QStringLiteral("--quiet")});
    QVERIFY(run.waitForFinished(15000));
    QCOMPARE(run.exitCode(), 0);
    // nobody must reach the CLI itself, or the tests would prove nothing.
    const Result reach = asNobody({QStringLiteral("validate"), m_saga});
    QVERIFY2(reach.exitCode == 0, qPrintable(QStringLiteral("nobody cannot run %1: exit %2 %3").arg(m_cli).arg(reach.exitCode).arg(reach.err)));
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

void TestReadOnlyLog::lockFileOfAnotherUser()
{
    // ENGINE.md: "A lock file owned by another user is opened read-only (flock() needs no write
    // access)". root wrote the log and owns PATH-lock (0644); nobody is given the log and its
    // directory, not the lock file, and must still run into the log, under the lock.
    const QString lock = m_log + QStringLiteral("-lock");
    struct stat st;
    QVERIFY(::stat(QFile::encodeName(lock).constData(), &st) == 0);
    QCOMPARE(st.st_uid, uid_t(0));
    QVERIFY(!(st.st_mode & (S_IWGRP | S_IWOTH)));
    setModes(Traversable | QFile::WriteOwner, ReadOnly | QFile::WriteOwner);
    QVERIFY(::chown(QFile::encodeName(m_dir.path()).constData(), m_nobodyUid, m_nobodyGid) == 0);
    QVERIFY(::chown(QFile::encodeName(m_log).constData(), m_nobodyUid, m_nobodyGid) == 0);
    const auto giveBack = qScopeGuard([&] {
        ::chown(QFile::encodeName(m_dir.path()).constData(), 0, 0);
        ::chown(QFile::encodeName(m_log).constData(), 0, 0);
    });

    const QStringList runArguments = {QStringLiteral("run"), m_saga, QStringLiteral("--db"), m_log, QStringLiteral("--virtual-time"),
                                      QStringLiteral("--quiet")};
    const Result run = asNobody(runArguments);
    QVERIFY2(run.exitCode == 0, qPrintable(QStringLiteral("exit %1: %2").arg(run.exitCode).arg(run.err)));
    const Result recover = asNobody({QStringLiteral("recover"), QStringLiteral("--db"), m_log});
    QVERIFY2(recover.exitCode == 0, qPrintable(QStringLiteral("exit %1: %2").arg(recover.exitCode).arg(recover.err)));
    const Result inspect = asNobody({QStringLiteral("inspect"), QStringLiteral("--db"), m_log, QStringLiteral("--json")});
    QCOMPARE(inspect.exitCode, 0);
    // The lock file is root's still, untouched.
    QVERIFY(::stat(QFile::encodeName(lock).constData(), &st) == 0);
    QCOMPARE(st.st_uid, uid_t(0));

    // And the read-only lock is a lock: while root holds it exclusively (as recover does), nobody's
    // run is refused; while root holds it shared (as a run does), nobody's recover is.
    const int fd = ::open(QFile::encodeName(lock).constData(), O_RDONLY | O_CLOEXEC);
    QVERIFY(fd >= 0);
    const auto closeLock = qScopeGuard([fd] { ::close(fd); });
    QVERIFY(::flock(fd, LOCK_EX | LOCK_NB) == 0);
    const Result refused = asNobody(runArguments);
    QCOMPARE(refused.exitCode, 2);
    QVERIFY2(refused.err.contains(QLatin1String("being recovered")), qPrintable(refused.err));
    QVERIFY(::flock(fd, LOCK_SH | LOCK_NB) == 0);
    const Result waiting = asNobody({QStringLiteral("recover"), QStringLiteral("--db"), m_log});
    QCOMPARE(waiting.exitCode, 2);
    QVERIFY2(waiting.err.contains(QLatin1String("another process is running")), qPrintable(waiting.err));
    QVERIFY(::flock(fd, LOCK_UN) == 0);
    QCOMPARE(asNobody(runArguments).exitCode, 0);
}

void TestReadOnlyLog::cleanupTestCase()
{
    if (m_dir.isValid())
        QFile::setPermissions(m_dir.path(), Traversable | QFile::WriteOwner);
}

QTEST_GUILESS_MAIN(TestReadOnlyLog)
#include "tst_readonlylog.moc"
