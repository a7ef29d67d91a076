// SPDX-License-Identifier: MIT
// The embedded broker: a 5-step choreography (the engine benchmark's saga, converted) run for
// thousands of instances into a saga log on disk, every event through the durable outbox and the
// inboxes; events delivered per second and rows written per second, next to raw SQLite measured
// in the same run with the same pragmas (one row a commit, 1,000 rows a commit).
//
//   bench_broker [--instances N] [--dir DIR]   (default 10,000 instances; DIR: where the databases go)
//
// Memory of choreographed instances in flight: bench_engine_memory --choreography.

#include "benchsagas.h"
#include "engine.h"
#include "rawsqlite.h"
#include "sagaconvert.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>

#include <cstdio>

using namespace Sagascope;

namespace {

RunSummary runChoreography(const QString &path, int instances, int concurrency)
{
    RunRequest request;
    request.definition = *SagaConvert::toChoreography(Bench::fiveStepSaga(0));
    request.options.instances = instances;
    request.options.concurrency = concurrency;
    request.options.virtualTime = true;
    request.options.seed = 1;
    request.logPath = path;
    request.collectTrace = false;
    return Bench::runToEnd(request);
}

/** The first column of the first row of `sql` on the log at `path`. */
qint64 count(const QString &path, const QString &sql)
{
    qint64 value = -1;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("bench-count"));
        db.setDatabaseName(path);
        if (db.open()) {
            QSqlQuery q(db);
            if (q.exec(sql) && q.next())
                value = q.value(0).toLongLong();
        }
    }
    QSqlDatabase::removeDatabase(QStringLiteral("bench-count"));
    return value;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    int instances = 10000;
    QString dir = QDir::currentPath();
    const QStringList args = app.arguments();
    for (int i = 1; i + 1 < args.size(); ++i) {
        if (args[i] == QLatin1String("--instances"))
            instances = args[i + 1].toInt();
        else if (args[i] == QLatin1String("--dir"))
            dir = args[i + 1];
    }
    QTemporaryDir temp(dir + QStringLiteral("/bench-broker-XXXXXX"));
    if (!temp.isValid()) {
        std::fprintf(stderr, "cannot create a directory in %s\n", qPrintable(dir));
        return 1;
    }
    std::printf("broker throughput: %d instances of a zero-latency 5-step choreography; databases in %s\n", instances,
                qPrintable(dir));
    std::printf("(WAL, synchronous=FULL; rows = every row the log gets: trace events with the outbox and inbox rows,\n"
                " instances, effects-ledger rows)\n\n");

    const double single = Bench::rawSqlite(temp.filePath(QStringLiteral("single.db")), 1, 3000, 3.0);
    std::printf("%-40s %12.0f rows/s\n", "raw SQLite, 1 row a commit", single);
    const double batched = Bench::rawSqlite(temp.filePath(QStringLiteral("batch.db")), 1000, 300000, 5.0);
    std::printf("%-40s %12.0f rows/s\n", "raw SQLite, 1,000 rows a commit", batched);

    int status = 0;
    for (const int concurrency : {instances, 100}) {
        const QString path = temp.filePath(QStringLiteral("broker-%1.db").arg(concurrency));
        QElapsedTimer timer;
        timer.start();
        const RunSummary s = runChoreography(path, instances, concurrency);
        const double seconds = double(timer.nsecsElapsed()) / 1e9;
        const qint64 deliveries = count(path, QStringLiteral("SELECT count(*) FROM inbox"));
        const qint64 published = count(path, QStringLiteral("SELECT count(*) FROM outbox"));
        const qint64 rows = count(path, QStringLiteral("SELECT (SELECT count(*) FROM events) + (SELECT count(*) FROM effects)"
                                                       " + (SELECT count(*) FROM instances)"));
        const double rowRate = double(rows) / seconds;
        const QByteArray label = QStringLiteral("broker, concurrency %1").arg(concurrency).toUtf8();
        std::printf("%-40s %12.0f events delivered/s  (%lld published, %lld delivered, %lld rows in %llu commits, %.2f s)\n",
                    label.constData(), double(deliveries) / seconds, static_cast<long long>(published),
                    static_cast<long long>(deliveries), static_cast<long long>(rows),
                    static_cast<unsigned long long>(s.commits), seconds);
        std::printf("%-40s %12.0f rows/s  (%.1fx single-row, %.2f of the batch ceiling; goal 0.25)\n", "", rowRate,
                    rowRate / single, rowRate / batched);
        if (deliveries != qint64(instances) * 5) // the start event and four success events, one subscriber each
            status = 1;
    }
    return status;
}
