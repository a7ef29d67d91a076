// SPDX-License-Identifier: MIT
// FileGuard and SagaDocument's save: a file changed behind the document's back is seen (by the
// watcher and by the look before a save) and never written over without being asked.
#include "fileguard.h"
#include "sagadocument.h"
#include "sagafile.h"

#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Sagascope;

namespace {

const char *const SagaJson = R"({
  "format": "sagascope/1",
  "name": "Guarded",
  "description": "as first written",
  "services": [ { "id": "s" } ],
  "steps": [
    { "id": "a", "service": "s", "kind": "compensatable", "after": [],
      "action": { "name": "a" }, "compensation": { "name": "undo_a" } }
  ]
}
)";

void write(const QString &path, const QByteArray &bytes)
{
    QFile file(path);
    QVERIFY2(file.open(QIODevice::WriteOnly | QIODevice::Truncate), qPrintable(file.errorString()));
    QCOMPARE(file.write(bytes), bytes.size());
}

QByteArray read(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

/** What another program writes: a second step and another description. */
QByteArray outsideVersion()
{
    QByteArray bytes(SagaJson);
    bytes.replace("as first written", "changed by another tool");
    bytes.replace("\n  ]\n}", ",\n    { \"id\": \"b\", \"service\": \"s\", \"kind\": \"retriable\", \"after\": [\"a\"],"
                              " \"action\": { \"name\": \"b\" } }\n  ]\n}");
    return bytes;
}

} // namespace

class TestFileGuard : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void saveRefusesAFileChangedBehindTheDocument();
    void keepOwnVersionSavesOverIt();
    void reloadTakesTheOutsideVersion();
    void watcherReportsAnOutsideWrite();
    void deleteAndRecreateCounts();
    void sameBytesAgainIsNoChange();
    void ownSaveIsNoOutsideChange();

private:
    QTemporaryDir m_dir;
    QString m_path;
};

void TestFileGuard::init()
{
    QVERIFY(m_dir.isValid());
    m_path = m_dir.filePath(QStringLiteral("guarded.saga"));
    write(m_path, SagaJson);
}

void TestFileGuard::saveRefusesAFileChangedBehindTheDocument()
{
    SagaDocument document;
    LoadError loadError;
    QVERIFY(document.load(m_path, &loadError));
    document.setSagaInfo(QStringLiteral("Guarded"), QStringLiteral("my unsaved edit"));
    QVERIFY(document.isModified());

    write(m_path, outsideVersion()); // another tool, while the edit is unsaved
    QVERIFY(document.isChangedOutside());
    QString error;
    QVERIFY(!document.save({}, &error));
    QVERIFY2(error.contains(QLatin1String("changed by another program")), qPrintable(error));
    QVERIFY2(error.contains(m_path), qPrintable(error));
    QCOMPARE(read(m_path), outsideVersion()); // not a byte written
    QVERIFY(document.isModified());

    // Save As elsewhere is not an overwrite of that file.
    const QString other = m_dir.filePath(QStringLiteral("mine.saga"));
    QVERIFY2(document.save(other, &error), qPrintable(error));
    QCOMPARE(document.filePath(), other);
    QCOMPARE(read(m_path), outsideVersion());
}

void TestFileGuard::keepOwnVersionSavesOverIt()
{
    SagaDocument document;
    LoadError loadError;
    QVERIFY(document.load(m_path, &loadError));
    write(m_path, outsideVersion());
    QVERIFY(!document.isModified());
    document.keepOwnVersion();
    QVERIFY(document.isModified()); // the file holds something else now
    QVERIFY(!document.isChangedOutside());
    QString error;
    QVERIFY2(document.save({}, &error), qPrintable(error));
    QCOMPARE(read(m_path), SagaFile::serialize(document.definition()));
    QCOMPARE(document.definition().steps.size(), 1);

    // A later outside change is refused again; Overwrite writes over it.
    write(m_path, outsideVersion());
    QVERIFY(!document.save({}, &error));
    QVERIFY2(document.save({}, &error, SagaDocument::OutsideChanges::Overwrite), qPrintable(error));
    QCOMPARE(read(m_path), SagaFile::serialize(document.definition()));
}

void TestFileGuard::reloadTakesTheOutsideVersion()
{
    SagaDocument document;
    LoadError loadError;
    QVERIFY(document.load(m_path, &loadError));
    document.setSagaInfo(QStringLiteral("Guarded"), QStringLiteral("my unsaved edit"));
    write(m_path, outsideVersion());
    QVERIFY(document.reload(&loadError));
    QCOMPARE(document.definition().description, QStringLiteral("changed by another tool"));
    QCOMPARE(document.definition().steps.size(), 2);
    QVERIFY(!document.isModified());
    QVERIFY(!document.isChangedOutside());
}

void TestFileGuard::watcherReportsAnOutsideWrite()
{
    SagaDocument document;
    LoadError loadError;
    QVERIFY(document.load(m_path, &loadError));
    QSignalSpy spy(&document, &SagaDocument::fileChangedOutside);
    write(m_path, outsideVersion());
    QVERIFY(spy.wait(5000));
    QCOMPARE(spy.count(), 1);
    QCOMPARE(spy.at(0).at(0).value<FileGuard::State>(), FileGuard::State::Changed);
}

void TestFileGuard::deleteAndRecreateCounts()
{
    // As editors that write a new file and rename it over the old one, and `git checkout`, do.
    FileGuard guard;
    guard.watch(m_path);
    QSignalSpy spy(&guard, &FileGuard::changedOutside);
    const QString temporary = m_path + QStringLiteral(".new");
    write(temporary, outsideVersion());
    QVERIFY(QFile::remove(m_path));
    QVERIFY(QFile::rename(temporary, m_path));
    QVERIFY(spy.wait(5000));
    QCOMPARE(spy.last().at(0).value<FileGuard::State>(), FileGuard::State::Changed);
    QCOMPARE(guard.check(), FileGuard::State::Changed);

    // Acknowledged, the new file is watched: deleting it is seen, and so is a new one after it.
    guard.acknowledge();
    QCOMPARE(guard.check(), FileGuard::State::Unchanged);
    spy.clear();
    QVERIFY(QFile::remove(m_path));
    QVERIFY(spy.wait(5000));
    QCOMPARE(spy.last().at(0).value<FileGuard::State>(), FileGuard::State::Deleted);
    write(m_path, SagaJson);
    QVERIFY(spy.wait(5000));
    QCOMPARE(spy.last().at(0).value<FileGuard::State>(), FileGuard::State::Changed);
}

void TestFileGuard::sameBytesAgainIsNoChange()
{
    FileGuard guard;
    guard.watch(m_path);
    QVERIFY(QFile::remove(m_path));
    QCOMPARE(guard.check(), FileGuard::State::Deleted);
    write(m_path, SagaJson); // back with the same bytes (a newer time): nothing to ask about
    QCOMPARE(guard.check(), FileGuard::State::Unchanged);
}

void TestFileGuard::ownSaveIsNoOutsideChange()
{
    SagaDocument document;
    LoadError loadError;
    QVERIFY(document.load(m_path, &loadError));
    QSignalSpy spy(&document, &SagaDocument::fileChangedOutside);
    for (int i = 0; i < 3; ++i) {
        document.setSagaInfo(QStringLiteral("Guarded"), QStringLiteral("edit %1").arg(i));
        QString error;
        QVERIFY2(document.save({}, &error), qPrintable(error));
    }
    QVERIFY(!document.isChangedOutside());
    QVERIFY(!spy.wait(500)); // the watcher saw our own writes: they are not news
}

QTEST_GUILESS_MAIN(TestFileGuard)
#include "tst_fileguard.moc"
