// SPDX-License-Identifier: MIT
// Crash recovery against real services: sagascope-demo-services as a child process on
// 127.0.0.1, `sagascope-cli run --db` of examples/order-checkout-remote.saga killed with SIGKILL
// at random moments (and `recover` too), then `recover`; every instance must end completed,
// compensated or stuck, and the services' own ledger must hold the invariants of SPEC section 3:
// the retries after the crashes sent the same keys and bodies, so nothing was applied twice.

#include "sagafile.h"
#include "sagalog.h"
#include "logreads.h"
#include "democlient.h"
#include "testconfig.h"

#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Sagascope;

namespace {

const QString Cli = QStringLiteral(SAGASCOPE_CLI_PATH);
const QString Services = QStringLiteral(SAGASCOPE_BINARY_DIR "/app/demo-services/sagascope-demo-services");
const QString Saga = QStringLiteral(SAGASCOPE_EXAMPLES_DIR "/order-checkout-remote.saga");

} // namespace

class TestRemoteCrash : public QObject
{
    Q_OBJECT

private:
    QString m_base;

    QJsonObject call(const QByteArray &method, const QString &path, const QJsonObject &body = {})
    {
        return Test::demoRequest(m_base, method, path, body);
    }

private Q_SLOTS:
    void killAtRandomMomentsThenRecover()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        QProcess services;
        services.start(Services, {QStringLiteral("--port"), QStringLiteral("0"), QStringLiteral("--db"),
                                  dir.filePath(QStringLiteral("services.sqlite"))});
        QVERIFY2(services.waitForStarted(5000), qPrintable(services.errorString()));
        QVERIFY(services.waitForReadyRead(5000));
        const QByteArray line = services.readLine().trimmed();
        QVERIFY2(line.startsWith("listening on http://127.0.0.1:"), line.constData());
        m_base = QString::fromUtf8(line.mid(int(qstrlen("listening on "))));
        const SagaDefinition saga = *SagaFile::load(Saga).definition;

        // Inputs: most complete, some run out of money (rolled back), some out of stock (sku-2 has 3).
        const QString inputs = dir.filePath(QStringLiteral("inputs.jsonl"));
        {
            QFile file(inputs);
            QVERIFY(file.open(QIODevice::WriteOnly));
            for (int i = 0; i < 10; ++i) {
                const char *customer = i % 4 == 1 ? "bob" : "alice";
                const char *sku = i % 5 == 2 ? "sku-2" : "sku-1";
                file.write(QJsonDocument(QJsonObject{{"customer", customer}, {"sku", sku}, {"qty", 1},
                                                     {"amount", i % 4 == 1 ? 80 : 20}, {"points", i}})
                               .toJson(QJsonDocument::Compact)
                           + '\n');
            }
        }
        const QString db = dir.filePath(QStringLiteral("crash.db"));
        const quint32 seed = qEnvironmentVariableIsSet("SAGASCOPE_CRASH_SEED")
            ? quint32(qEnvironmentVariableIntValue("SAGASCOPE_CRASH_SEED"))
            : QRandomGenerator::global()->generate();
        qInfo("remote crash test seed %u (set SAGASCOPE_CRASH_SEED to repeat)", seed);
        QRandomGenerator random(seed);

        QElapsedTimer timer;
        timer.start();
        int kills = 0, runs = 0, unfinishedBeforeRecovery = 0;
        // The instances the last process left unfinished (a kill may come after all the work).
        const auto unfinished = [&] {
            if (!QFile::exists(db))
                return 0;
            QString error;
            SagaLog::OpenOptions readOnly;
            readOnly.readOnly = true;
            const auto log = SagaLog::open(db, readOnly, &error);
            if (!log) // a run killed while it created the file: no saga log yet, nothing left to do
                return 0;
            return int(readLog([&](QString *e) { return log->instances(true, e); }).size());
        };
        // Until the last kill has left instances half done (so that recover has work).
        bool lastLeftWork = false;
        while (kills < 8 || runs < 2 || !lastLeftWork) {
            QVERIFY2(timer.elapsed() < 60000, "the crash test took too long");
            // Technical failures now and then, so that retries are in flight when the kill comes.
            call("POST", QStringLiteral("/_faults"), {{"path", "/charges"}, {"status", 503}, {"count", 1}});
            // recover only once a run has created the log (a run killed at once may not have).
            const bool recover = runs > 0 && QFile::exists(db) && random.bounded(3) == 0;
            QStringList arguments;
            if (recover) {
                arguments = {QStringLiteral("recover"), QStringLiteral("--db"), db, QStringLiteral("--quiet")};
            } else {
                arguments = {QStringLiteral("run"), Saga, QStringLiteral("--db"), db, QStringLiteral("--input-jsonl"), inputs,
                             QStringLiteral("--seed"), QString::number(random.generate()), QStringLiteral("--quiet")};
                for (const Service &service : saga.services)
                    arguments << QStringLiteral("--endpoint") << service.id + QLatin1Char('=') + m_base;
                ++runs;
            }
            QProcess process;
            process.start(Cli, arguments);
            QVERIFY2(process.waitForStarted(5000), qPrintable(process.errorString()));
            if (!process.waitForFinished(int(random.bounded(20, 500)))) {
                process.kill(); // SIGKILL
                QVERIFY(process.waitForFinished(5000));
                ++kills;
                lastLeftWork = unfinished() > 0;
            } else {
                lastLeftWork = false;
                QVERIFY2(process.exitStatus() == QProcess::NormalExit, qPrintable(process.readAllStandardError()));
                const int code = process.exitCode();
                QVERIFY2(code == 0 || code == 10 || code == 11,
                         qPrintable(QStringLiteral("%1 exit %2: %3 %4").arg(arguments.first()).arg(code).arg(QString::fromUtf8(process.readAllStandardError()), QString::fromUtf8(process.readAllStandardOutput()))));
            }
        }
        qInfo("%d kills, %d runs, %lld ms", kills, runs, timer.elapsed());
        unfinishedBeforeRecovery = unfinished();

        QProcess recover;
        recover.start(Cli, {QStringLiteral("recover"), QStringLiteral("--db"), db, QStringLiteral("--quiet")});
        QVERIFY(recover.waitForFinished(60000));
        QVERIFY2(recover.exitCode() == 0 || recover.exitCode() == 10 || recover.exitCode() == 11,
                 qPrintable(recover.readAllStandardError()));
        QProcess again;
        again.start(Cli, {QStringLiteral("recover"), QStringLiteral("--db"), db});
        QVERIFY(again.waitForFinished(30000));
        QCOMPARE(again.exitCode(), 0);

        // Every instance of the log is final, and the services' ledger holds the invariants.
        QString error;
        SagaLog::OpenOptions readOnly;
        readOnly.readOnly = true;
        const auto log = SagaLog::open(db, readOnly, &error);
        QVERIFY2(log, qPrintable(error));
        QCOMPARE(log->integrityCheck(), QStringLiteral("ok"));
        const QJsonObject ledger = call("GET", QStringLiteral("/_ledger")).value(QLatin1String("instances")).toObject();
        int counts[4] = {0, 0, 0, 0};
        const QList<InstanceRecord> instances = readLog([&](QString *e) { return log->instances(false, e); });
        QVERIFY(instances.size() >= 10);
        for (const InstanceRecord &instance : instances) {
            ++counts[int(instance.status)];
            QVERIFY2(instance.status != InstanceStatus::Running, qPrintable(instance.id));
            // Retries and recovery sent the same key with the same body: never "another request
            // with this key" (422), never a conflict.
            for (const HttpAttemptRecord &attempt : readLog([&](QString *e) { return log->httpAttempts(instance.id, e); }))
                QVERIFY2(attempt.status != 422 && !(attempt.status == 409 && attempt.step == QLatin1String("create_order")),
                         qPrintable(instance.id + QLatin1Char(' ') + attempt.step + QLatin1Char(' ') + QString::fromUtf8(attempt.reply)));
            const QJsonObject steps = ledger.value(instance.id).toObject().value(QLatin1String("steps")).toObject();
            for (const Step &step : saga.steps) {
                const QJsonObject c = steps.value(step.id).toObject();
                const int applied = c.value(QLatin1String("applied")).toInt();
                const int compensated = c.value(QLatin1String("compensated")).toInt();
                const QString where = instance.id + QLatin1Char(' ') + step.id
                    + QStringLiteral(" applied %1 compensated %2 (%3)").arg(applied).arg(compensated).arg(instance.reason);
                QVERIFY2(applied <= 1 && compensated <= applied, qPrintable(where));
                if (instance.status == InstanceStatus::Completed)
                    QVERIFY2(applied == 1 && compensated == 0, qPrintable(where));
                if (instance.status == InstanceStatus::Compensated) {
                    if (step.kind == StepKind::Compensatable)
                        QVERIFY2(applied == compensated, qPrintable(where));
                    if (step.kind == StepKind::Pivot)
                        QVERIFY2(applied == 0, qPrintable(where));
                }
            }
        }
        qInfo("%d completed, %d compensated, %d stuck", counts[int(InstanceStatus::Completed)],
              counts[int(InstanceStatus::Compensated)], counts[int(InstanceStatus::Stuck)]);
        QVERIFY(counts[int(InstanceStatus::Completed)] > 0);
        QVERIFY(counts[int(InstanceStatus::Compensated)] > 0);
        QVERIFY(unfinishedBeforeRecovery > 0); // the kills left work for recover
        services.kill();
        services.waitForFinished(5000);
    }
};

QTEST_GUILESS_MAIN(TestRemoteCrash)
#include "tst_remotecrash.moc"
