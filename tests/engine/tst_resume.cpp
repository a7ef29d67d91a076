// SPDX-License-Identifier: MIT
// Resuming a stuck instance (sagascope-cli resume, docs/ENGINE.md "Resuming a stuck instance"):
// whole traces of a retry and of each manual resolution on real saga logs, the effects ledger's
// invariants after each, the refusals that write nothing, a resume that survives a crash, and the
// command line.
#include "enginetesthelpers.h"
#include "logreads.h"

#include "engine.h"
#include "ledgerreport.h"
#include "testconfig.h"

#include <QCryptographicHash>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace Sagascope;
using namespace Sagascope::Test;

namespace {

// A bounded compensation (SAGA009 warns about it) that can give up: the rollback gets stuck.
const QByteArray BoundedCompensation = R"({"format": "sagascope/1",
  "steps": [
    {"id": "reserve", "kind": "compensatable", "action": {"name": "r", "sim": {"latencyMs": 10}},
     "compensation": {"name": "release", "sim": {"latencyMs": 5},
                      "retry": {"maxAttempts": 2, "initialBackoffMs": 10, "jitter": 0}}},
    {"id": "pay", "kind": "pivot", "after": ["reserve"], "action": {"name": "p", "sim": {"latencyMs": 20}}}]}
)";

QByteArray fileHash(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? QCryptographicHash::hash(file.readAll(), QCryptographicHash::Sha256) : QByteArray();
}

} // namespace

class TestResume : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    int m_logs = 0;

    /** A new log holding one instance of `definition` run with `fails` and `compensationFails`,
     *  which must have ended stuck; its id goes to `instance`. */
    QString stuckLog(const SagaDefinition &definition, const QStringList &fails, const QStringList &compensationFails,
                     QString *instance)
    {
        RunRequest request;
        request.definition = definition;
        request.options = options(fails, compensationFails);
        request.logPath = m_dir.filePath(QStringLiteral("log%1.db").arg(++m_logs));
        QList<TraceEvent> trace;
        const RunSummary summary = runEngine(request, &trace);
        if (!summary.error.isEmpty() || summary.stuck != 1 || trace.isEmpty())
            qFatal("the run did not end stuck: %s", qPrintable(summary.error));
        *instance = trace.first().instance;
        return request.logPath;
    }

    static RunSummary resume(const QString &log, const ResumeRequest &request, QList<TraceEvent> *trace)
    {
        Engine engine;
        return waitFor(engine, [&] { engine.resumeStuck(log, request, {}); }, trace);
    }

    static QList<InstanceReport> reports(const QString &path)
    {
        SagaLog::OpenOptions readOnly;
        readOnly.readOnly = true;
        QString error;
        const auto log = SagaLog::open(path, readOnly, &error);
        if (!log)
            qFatal("%s", qPrintable(error));
        const auto read = LedgerReport::read(*log, &error);
        if (!read)
            qFatal("%s", qPrintable(error));
        return *read;
    }

    static QString lines(const QList<TraceEvent> &trace)
    {
        QStringList out;
        for (const TraceEvent &e : trace)
            out.append(compact(e));
        return out.join(QLatin1Char('\n'));
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    void retryGivesTheStuckPivotItsNextAttempt()
    {
        // take_payment (pivot, 2 attempts) fails its first 2 attempts: stuck. A retry is attempt 3.
        QString id;
        const QString log = stuckLog(loadSaga(QStringLiteral("checkout.saga")), {QStringLiteral("take_payment=technical:2")}, {}, &id);
        QList<TraceEvent> trace;
        const RunSummary summary = resume(log, {id, {}, Resolution::Retry, {}}, &trace);
        QVERIFY2(summary.error.isEmpty(), qPrintable(summary.error));
        QCOMPARE(summary.instances, 1);
        QCOMPARE(summary.completed, 1);
        QCOMPARE(summary.exitCode(), 0);
        QVERIFY2(trace.size() >= 3, qPrintable(lines(trace)));
        QCOMPARE(trace.at(0).event, TraceEventType::SagaResumed);
        QCOMPARE(trace.at(0).step, QStringLiteral("take_payment"));
        QCOMPARE(trace.at(0).verdict, QStringLiteral("retry"));
        QCOMPARE(trace.at(1).event, TraceEventType::StepStarted);
        QCOMPARE(trace.at(1).step, QStringLiteral("take_payment"));
        QCOMPARE(trace.at(1).attempt, 3); // attempt numbers go on: the fault on the first 2 is behind
        QCOMPARE(trace.last().event, TraceEventType::SagaCompleted);
        // seq goes on from the logged trace; the JSON line names the resolution.
        QVERIFY(trace.at(0).seq > 1);
        QVERIFY(trace.at(0).toJson().contains("\"event\":\"saga_resumed\""));
        QVERIFY(trace.at(0).toJson().contains("\"resolution\":\"retry\""));
        QCOMPARE(TraceEvent::fromJson(QJsonDocument::fromJson(trace.at(0).toJson()).object())->verdict, QStringLiteral("retry"));

        const QList<InstanceReport> after = reports(log);
        QCOMPARE(after.size(), 1);
        QCOMPARE(after.first().status, InstanceStatus::Completed);
        QVERIFY2(after.first().invariantViolations().isEmpty(), qPrintable(after.first().invariantViolations().join(u'\n')));
    }

    void doneGoesForward()
    {
        QString id;
        const QString log = stuckLog(loadSaga(QStringLiteral("checkout.saga")), {QStringLiteral("take_payment=technical:2")}, {}, &id);
        QList<TraceEvent> trace;
        const RunSummary summary =
            resume(log, {id, QStringLiteral("take_payment"), Resolution::Done, QStringLiteral("charged by hand, ticket 42")}, &trace);
        QVERIFY2(summary.error.isEmpty(), qPrintable(summary.error));
        QCOMPARE(summary.completed, 1);
        QCOMPARE(trace.first().reason, QStringLiteral("charged by hand, ticket 42"));
        for (const TraceEvent &e : trace) // done by hand: the pivot is not called again
            QVERIFY2(!(e.step == QLatin1String("take_payment") && e.event == TraceEventType::StepStarted), qPrintable(lines(trace)));
        const InstanceReport report = reports(log).first();
        QCOMPARE(report.status, InstanceStatus::Completed);
        QVERIFY2(report.invariantViolations().isEmpty(), qPrintable(report.invariantViolations().join(u'\n')));
        // The decision is kept with its wall-clock time.
        QSqlDatabase raw = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("resumes"));
        raw.setDatabaseName(log);
        QVERIFY(raw.open());
        {
            QSqlQuery q(raw);
            QVERIFY(q.exec(QStringLiteral("SELECT step, resolution, note, at FROM resumes")));
            QVERIFY(q.next());
            QCOMPARE(q.value(0).toString(), QStringLiteral("take_payment"));
            QCOMPARE(q.value(1).toString(), QStringLiteral("done"));
            QCOMPARE(q.value(2).toString(), QStringLiteral("charged by hand, ticket 42"));
            QVERIFY(QDateTime::fromString(q.value(3).toString(), Qt::ISODateWithMs).isValid());
            QVERIFY(!q.next());
        }
        raw.close();
        raw = QSqlDatabase();
        QSqlDatabase::removeDatabase(QStringLiteral("resumes"));
    }

    void compensatedRollsBackTheStepsBefore()
    {
        QString id;
        const QString log = stuckLog(loadSaga(QStringLiteral("checkout.saga")), {QStringLiteral("take_payment=technical:2")}, {}, &id);
        QList<TraceEvent> trace;
        const RunSummary summary =
            resume(log, {id, {}, Resolution::Compensated, QStringLiteral("the bank says no charge happened")}, &trace);
        QVERIFY2(summary.error.isEmpty(), qPrintable(summary.error));
        QCOMPARE(summary.compensated, 1);
        QCOMPARE(summary.exitCode(), 10);
        // reserve_credit is compensated before create_order (reverse order).
        qsizetype credit = -1, order = -1;
        for (qsizetype i = 0; i < trace.size(); ++i) {
            if (trace.at(i).event == TraceEventType::CompensationSucceeded)
                (trace.at(i).step == QLatin1String("reserve_credit") ? credit : order) = i;
        }
        QVERIFY2(credit >= 0 && order > credit, qPrintable(lines(trace)));
        const InstanceReport report = reports(log).first();
        QCOMPARE(report.status, InstanceStatus::Compensated);
        QVERIFY2(report.invariantViolations().isEmpty(), qPrintable(report.invariantViolations().join(u'\n')));
    }

    void aStuckCompensationIsRetriedOrResolved()
    {
        const SagaDefinition saga = parseSaga(BoundedCompensation);
        for (const Resolution resolution : {Resolution::Retry, Resolution::Compensated}) {
            // pay fails for a business reason: reserve is compensated, and its compensation gives up.
            QString id;
            const QString log = stuckLog(saga, {QStringLiteral("pay=business")}, {QStringLiteral("reserve=technical:2")}, &id);
            QList<TraceEvent> trace;
            const RunSummary summary = resume(log, {id, {}, resolution, QStringLiteral("released by hand")}, &trace);
            QVERIFY2(summary.error.isEmpty(), qPrintable(summary.error));
            QCOMPARE(summary.compensated, 1);
            QCOMPARE(trace.first().step, QStringLiteral("reserve"));
            const bool called = std::any_of(trace.cbegin(), trace.cend(), [](const TraceEvent &e) {
                return e.event == TraceEventType::CompensationStarted && e.attempt == 3;
            });
            QCOMPARE(called, resolution == Resolution::Retry); // the next attempt, or none: done by hand
            const InstanceReport report = reports(log).first();
            QCOMPARE(report.status, InstanceStatus::Compensated);
            QVERIFY2(report.invariantViolations().isEmpty(), qPrintable(report.invariantViolations().join(u'\n')));
        }
    }

    void refusalsWriteNothing_data()
    {
        QTest::addColumn<QString>("what");
        QTest::addColumn<QString>("expected");
        QTest::newRow("unknown instance") << "unknown" << "no instance nosuch";
        QTest::newRow("wrong step") << "step" << "is stuck at take_payment";
        QTest::newRow("completed") << "completed" << "is completed, not stuck";
        QTest::newRow("done on a stuck compensation") << "done-compensation" << "retry the compensation";
    }

    void refusalsWriteNothing()
    {
        QFETCH(QString, what);
        QFETCH(QString, expected);
        QString id;
        QString log;
        ResumeRequest request;
        if (what == QLatin1String("done-compensation")) {
            log = stuckLog(parseSaga(BoundedCompensation), {QStringLiteral("pay=business")}, {QStringLiteral("reserve=technical:2")}, &id);
            request = {id, {}, Resolution::Done, QStringLiteral("x")};
        } else if (what == QLatin1String("completed")) {
            RunRequest run;
            run.definition = loadSaga(QStringLiteral("checkout.saga"));
            run.options = options();
            run.logPath = log = m_dir.filePath(QStringLiteral("completed%1.db").arg(++m_logs));
            QList<TraceEvent> trace;
            QCOMPARE(runEngine(run, &trace).completed, 1);
            request.instance = trace.first().instance;
        } else {
            log = stuckLog(loadSaga(QStringLiteral("checkout.saga")), {QStringLiteral("take_payment=technical:2")}, {}, &id);
            request.instance = what == QLatin1String("unknown") ? QStringLiteral("nosuch") : id;
            if (what == QLatin1String("step"))
                request.step = QStringLiteral("ship");
        }
        const QByteArray before = fileHash(log);
        QList<TraceEvent> trace;
        const RunSummary summary = resume(log, request, &trace);
        QVERIFY2(summary.error.contains(expected), qPrintable(summary.error));
        QVERIFY2(summary.error.contains(log), qPrintable(summary.error)); // names the file
        QCOMPARE(summary.exitCode(), 2);
        QVERIFY(trace.isEmpty());
        QCOMPARE(fileHash(log), before);
    }

    void aResumeSurvivesACrash()
    {
        // The process dies right after the resume is committed: the log holds saga_resumed and
        // the instance is running again; recover finishes it by the resolution.
        QString id;
        const QString log = stuckLog(loadSaga(QStringLiteral("checkout.saga")), {QStringLiteral("take_payment=technical:2")}, {}, &id);
        QList<TraceEvent> trace;
        QCOMPARE(resume(log, {id, {}, Resolution::Retry, {}}, &trace).completed, 1);
        {
            // Cut the log back to what it held at that moment.
            QSqlDatabase raw = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("cut"));
            raw.setDatabaseName(log);
            QVERIFY(raw.open());
            {
                QSqlQuery q(raw);
                QVERIFY(q.exec(QStringLiteral("DELETE FROM events WHERE seq > %1").arg(trace.first().seq)));
                QVERIFY(q.exec(QStringLiteral("DELETE FROM effects WHERE step IN ('take_payment','ship','award_points')")));
                QVERIFY(q.exec(QStringLiteral("UPDATE instances SET status = 'running', reason = NULL")));
            }
            raw.close();
            raw = QSqlDatabase();
            QSqlDatabase::removeDatabase(QStringLiteral("cut"));
        }
        Engine engine;
        QList<TraceEvent> recovered;
        const RunSummary summary = waitFor(engine, [&] { engine.recover(log, {}); }, &recovered);
        QVERIFY2(summary.error.isEmpty(), qPrintable(summary.error));
        QCOMPARE(summary.completed, 1);
        QVERIFY2(!recovered.isEmpty() && recovered.first().step == QLatin1String("take_payment")
                     && recovered.first().event == TraceEventType::StepStarted && recovered.first().attempt == 3,
                 qPrintable(lines(recovered)));
        const InstanceReport report = reports(log).first();
        QVERIFY2(report.invariantViolations().isEmpty(), qPrintable(report.invariantViolations().join(u'\n')));
    }

    void theCommandLine()
    {
        QString id;
        const QString log = stuckLog(loadSaga(QStringLiteral("checkout.saga")), {QStringLiteral("take_payment=technical:2")}, {}, &id);
        const auto cli = [](const QStringList &arguments, QByteArray *output) {
            QProcess process;
            process.start(QStringLiteral(SAGASCOPE_CLI_PATH), arguments);
            process.waitForFinished(30000);
            *output = process.readAllStandardOutput() + process.readAllStandardError();
            return process.exitCode();
        };
        QByteArray output;
        // --resolve needs a note; only done or compensated.
        QCOMPARE(cli({QStringLiteral("resume"), QStringLiteral("--db"), log, QStringLiteral("--instance"), id,
                      QStringLiteral("--resolve"), QStringLiteral("done")}, &output), 2);
        QVERIFY2(output.contains("--note"), output.constData());
        QCOMPARE(cli({QStringLiteral("resume"), QStringLiteral("--db"), log, QStringLiteral("--instance"), id,
                      QStringLiteral("--resolve"), QStringLiteral("retry"), QStringLiteral("--note"), QStringLiteral("x")}, &output), 2);
        QVERIFY2(output.contains("done or compensated"), output.constData());
        QCOMPARE(cli({QStringLiteral("resume"), QStringLiteral("--db"), log}, &output), 2);
        // Resolved by hand: rolled back, exit 10, the trace shows the decision.
        QCOMPARE(cli({QStringLiteral("resume"), QStringLiteral("--db"), log, QStringLiteral("--instance"), id,
                      QStringLiteral("--resolve"), QStringLiteral("compensated"), QStringLiteral("--note"),
                      QStringLiteral("refunded"), QStringLiteral("--json")}, &output), 10);
        QVERIFY2(output.contains("\"event\":\"saga_resumed\"") && output.contains("\"resolution\":\"compensated\"")
                     && output.contains("\"reason\":\"refunded\""),
                 output.constData());
        // Not stuck any more: refused, exit 2.
        QCOMPARE(cli({QStringLiteral("resume"), QStringLiteral("--db"), log, QStringLiteral("--instance"), id}, &output), 2);
        QVERIFY2(output.contains("is compensated, not stuck"), output.constData());
    }
};

QTEST_GUILESS_MAIN(TestResume)
#include "tst_resume.moc"
