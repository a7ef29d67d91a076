// SPDX-License-Identifier: MIT
// The ledger invariant checker (InstanceReport::invariantViolations) shown to find what it is for:
// known-bad ledgers, each reported by the invariant's name, and agreement with the query that
// docs/SAGA-LOG.md gives for the same invariants, run on real log files with damaged ledgers.

#include "enginetesthelpers.h"
#include "ledgerreport.h"

#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace Sagascope;
using namespace Sagascope::Test;

class TestLedgerReport : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void knownBadLedgers_data();
    void knownBadLedgers();
    void documentedQueryAgrees();

private:
    QTemporaryDir m_dir;
};

namespace {

/** a -> b -> c -> d (pivot) -> e (retriable). */
const char *const Linear = R"({"format":"sagascope/1","steps":[
    {"id":"a","kind":"compensatable","action":{"name":"a"},"compensation":{"name":"ua"}},
    {"id":"b","kind":"compensatable","after":["a"],"action":{"name":"b"},"compensation":{"name":"ub"}},
    {"id":"c","kind":"compensatable","after":["b"],"action":{"name":"c"},"compensation":{"name":"uc"}},
    {"id":"d","kind":"pivot","after":["c"],"action":{"name":"d"}},
    {"id":"e","kind":"retriable","after":["d"],"action":{"name":"e"},"idempotent":true}]})";

/** "step:outcome" rows of one instance's ledger, e.g. "a:applied", "b:compensated", "c:empty". */
QList<EffectRecord> ledger(const QStringList &rows)
{
    QList<EffectRecord> effects;
    for (const QString &row : rows) {
        const QStringList parts = row.split(u':');
        EffectRecord e;
        e.instanceNumber = 1;
        e.step = parts.at(0);
        e.outcome = effectOutcomeFromName(parts.at(1)).value();
        e.operation = e.outcome == EffectOutcome::Applied || e.outcome == EffectOutcome::Refused ? OperationKind::Action
                                                                                                  : OperationKind::Compensation;
        effects.append(e);
    }
    return effects;
}

/** "step: invariant" of each violation, without the counts. */
QSet<QString> named(const QStringList &violations)
{
    QSet<QString> names;
    for (const QString &v : violations)
        names.insert(v.section(QStringLiteral(" ("), 0, 0));
    return names;
}

struct RawConnection
{
    explicit RawConnection(const QString &path) : name(path)
    {
        db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(path);
        db.open();
    }
    ~RawConnection()
    {
        db.close();
        db = QSqlDatabase();
        QSqlDatabase::removeDatabase(name);
    }
    bool exec(const QString &sql)
    {
        QSqlQuery q(db);
        if (!q.exec(sql))
            qWarning("%s: %s", qPrintable(sql), qPrintable(q.lastError().text()));
        return q.isActive();
    }
    QString name;
    QSqlDatabase db;
};

/** Every violation in the log, "instance step: invariant", by the checker and by the query. */
QSet<QString> checkerFinds(const QString &path)
{
    QString error;
    SagaLog::OpenOptions readOnly;
    readOnly.readOnly = true;
    const auto log = SagaLog::open(path, readOnly, &error);
    const auto reports = log ? LedgerReport::read(*log, &error) : std::nullopt;
    if (!reports)
        qFatal("%s", qPrintable(error));
    QSet<QString> found;
    for (const InstanceReport &report : *reports) {
        for (const QString &v : named(report.invariantViolations()))
            found.insert(report.instance + u' ' + v);
    }
    return found;
}

QSet<QString> queryFinds(const QString &path)
{
    RawConnection raw(path);
    QSqlQuery q(raw.db);
    if (!q.exec(documentedInvariantQuery()))
        qFatal("the query of docs/SAGA-LOG.md fails: %s", qPrintable(q.lastError().text()));
    QSet<QString> found;
    while (q.next())
        found.insert(QStringLiteral("%1 %2: %3").arg(q.value(0).toString(), q.value(1).toString(), q.value(2).toString()));
    return found;
}

} // namespace

void TestLedgerReport::knownBadLedgers_data()
{
    QTest::addColumn<InstanceStatus>("status");
    QTest::addColumn<QStringList>("rows");
    QTest::addColumn<QStringList>("expected");
    const QStringList all = {"a:applied", "b:applied", "c:applied", "d:applied", "e:applied"};
    const QStringList undone = {"a:applied", "a:compensated", "b:applied", "b:compensated", "c:applied", "c:compensated"};

    QTest::newRow("completed, sound") << InstanceStatus::Completed << all << QStringList();
    QTest::newRow("compensated, sound") << InstanceStatus::Compensated << undone << QStringList();
    QTest::newRow("compensated, a hanging action refused")
        << InstanceStatus::Compensated << QStringList{"a:applied", "a:compensated", "b:empty", "b:refused"} << QStringList();
    QTest::newRow("stuck: no invariant") << InstanceStatus::Stuck << QStringList{"a:applied", "d:applied"} << QStringList();

    // A ledger read from a log cannot hold a key twice (its primary key), but one given to the
    // checker can, and it must say so by name.
    QTest::newRow("applied twice") << InstanceStatus::Completed << QStringList(all) + QStringList{"b:applied"}
                                   << QStringList{"b: applied twice", "b: completed, not applied once"};
    QTest::newRow("compensated twice") << InstanceStatus::Compensated << QStringList(undone) + QStringList{"a:compensated"}
                                       << QStringList{"a: compensated twice", "a: compensated without applied",
                                                      "a: compensated with an effect left"};
    QTest::newRow("compensated without applied")
        << InstanceStatus::Compensated << QStringList{"a:applied", "a:compensated", "b:compensated"}
        << QStringList{"b: compensated without applied", "b: compensated with an effect left"};
    QTest::newRow("completed with a compensation") << InstanceStatus::Completed << QStringList(all) + QStringList{"c:compensated"}
                                                   << QStringList{"c: completed with a compensation"};
    QTest::newRow("completed with a step not applied")
        << InstanceStatus::Completed << QStringList{"a:applied", "b:applied", "c:applied", "e:applied"}
        << QStringList{"d: completed, not applied once"};
    QTest::newRow("completed with a refused action")
        << InstanceStatus::Completed << QStringList{"a:applied", "b:applied", "c:applied", "d:applied", "e:refused"}
        << QStringList{"e: completed, not applied once", "e: completed with a refused action"};
    QTest::newRow("compensated with its pivot applied") << InstanceStatus::Compensated << QStringList(undone) + QStringList{"d:applied"}
                                                        << QStringList{"d: compensated with its pivot applied"};
    QTest::newRow("compensated with an effect left")
        << InstanceStatus::Compensated << QStringList{"a:applied", "a:compensated", "b:applied"}
        << QStringList{"b: compensated with an effect left"};
}

void TestLedgerReport::knownBadLedgers()
{
    QFETCH(InstanceStatus, status);
    QFETCH(QStringList, rows);
    QFETCH(QStringList, expected);
    InstanceRecord instance;
    instance.number = 1;
    instance.id = QStringLiteral("i1");
    instance.run = 1;
    instance.status = status;
    const QList<InstanceReport> reports = LedgerReport::build({{1, parseSaga(Linear)}}, {instance}, ledger(rows));
    QCOMPARE(reports.size(), 1);
    const QStringList violations = reports.first().invariantViolations();
    QCOMPARE(named(violations), QSet<QString>(expected.cbegin(), expected.cend()));
    for (const QString &v : violations) // each names one of the invariants
        QVERIFY2(std::any_of(InstanceReport::invariantNames().cbegin(), InstanceReport::invariantNames().cend(),
                             [&](const QString &name) { return v.contains(u": " + name + u" ("); }),
                 qPrintable(v));
}

void TestLedgerReport::documentedQueryAgrees()
{
    // Three instances completed and three compensated, written by the engine; then each ledger is
    // damaged the way a broken engine would, through a raw connection.
    const QString path = m_dir.filePath(QStringLiteral("ledger.db"));
    QList<QString> ids;
    {
        QString error;
        const auto log = SagaLog::open(path, {}, &error);
        QVERIFY2(log, qPrintable(error));
        const SagaDefinition saga = parseSaga(Linear);
        const RunResult completed = runSaga(saga, options({}, {}, 3, 1), log.get());
        QCOMPARE(completed.completed, 3);
        const RunResult compensated = runSaga(saga, options({QStringLiteral("d=business")}, {}, 3, 1), log.get());
        QCOMPARE(compensated.compensated, 3);
        ids = completed.instanceIds + compensated.instanceIds;
    }
    // Sound as written: both find nothing.
    QCOMPARE(checkerFinds(path), QSet<QString>());
    QCOMPARE(queryFinds(path), QSet<QString>());
    {
        RawConnection raw(path);
        QVERIFY(raw.exec(QStringLiteral("INSERT INTO effects VALUES (1, 'a', 'compensation', 'compensated')")));
        QVERIFY(raw.exec(QStringLiteral("UPDATE effects SET outcome = 'refused' WHERE instance = 2 AND step = 'e'")));
        QVERIFY(raw.exec(QStringLiteral("DELETE FROM effects WHERE instance = 3 AND step = 'b'")));
        QVERIFY(raw.exec(QStringLiteral("INSERT INTO effects VALUES (4, 'd', 'action', 'applied')")));
        QVERIFY(raw.exec(QStringLiteral("DELETE FROM effects WHERE instance = 5 AND step = 'a' AND operation = 'compensation'")));
        QVERIFY(raw.exec(QStringLiteral("DELETE FROM effects WHERE instance = 6 AND step = 'b' AND operation = 'action'")));
    }
    const QSet<QString> expected = {
        ids[0] + QStringLiteral(" a: completed with a compensation"),
        ids[1] + QStringLiteral(" e: completed, not applied once"),
        ids[1] + QStringLiteral(" e: completed with a refused action"),
        ids[2] + QStringLiteral(" b: completed, not applied once"),
        ids[3] + QStringLiteral(" d: compensated with its pivot applied"),
        ids[4] + QStringLiteral(" a: compensated with an effect left"),
        ids[5] + QStringLiteral(" b: compensated without applied"),
        ids[5] + QStringLiteral(" b: compensated with an effect left"),
    };
    QCOMPARE(checkerFinds(path), expected);
    QCOMPARE(queryFinds(path), expected);
}

QTEST_GUILESS_MAIN(TestLedgerReport)
#include "tst_ledgerreport.moc"
