// SPDX-License-Identifier: MIT
// Durable step transitions per second: the engine running thousands of instances of a
// zero-latency 5-step saga into a saga log, next to raw SQLite measured in the same run with the
// same pragmas (WAL, synchronous=FULL): one row a commit, and 1,000 rows a commit.
//
//   bench_engine_throughput [--instances N] [--dir DIR]   (DIR: where the databases go; default .)

#include "benchsagas.h"
#include "rawsqlite.h"
#include "engine.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QTemporaryDir>

#include <cstdio>

using namespace Sagascope;

namespace {

RunSummary runEngine(const QString &path, int instances, int concurrency)
{
    RunRequest request;
    request.definition = Bench::fiveStepSaga(0);
    request.options.instances = instances;
    request.options.concurrency = concurrency;
    request.options.virtualTime = true;
    request.options.seed = 1;
    request.logPath = path;
    request.collectTrace = false;
    return Bench::runToEnd(request);
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    int instances = 5000;
    QString dir = QDir::currentPath();
    const QStringList args = app.arguments();
    for (int i = 1; i + 1 < args.size(); ++i) {
        if (args[i] == QLatin1String("--instances"))
            instances = args[i + 1].toInt();
        else if (args[i] == QLatin1String("--dir"))
            dir = args[i + 1];
    }
    QTemporaryDir temp(dir + QStringLiteral("/bench-engine-XXXXXX"));
    if (!temp.isValid()) {
        std::fprintf(stderr, "cannot create a directory in %s\n", qPrintable(dir));
        return 1;
    }
    std::printf("engine throughput: %d instances of a zero-latency 5-step saga; databases in %s\n", instances, qPrintable(dir));
    std::printf("(WAL, synchronous=FULL; 1 transition = 1 trace event, 12 per instance; the engine also writes\n"
                " 1 instance row, 5 effects-ledger rows and 1 status update per instance)\n\n");

    const double single = Bench::rawSqlite(temp.filePath(QStringLiteral("single.db")), 1, 3000, 3.0);
    std::printf("%-46s %12.0f rows/s\n", "raw SQLite, 1 row a commit", single);
    const double batched = Bench::rawSqlite(temp.filePath(QStringLiteral("batch.db")), 1000, 300000, 5.0);
    std::printf("%-46s %12.0f rows/s\n", "raw SQLite, 1,000 rows a commit", batched);

    for (const int concurrency : {instances, 100}) {
        const QString path = temp.filePath(QStringLiteral("engine-%1.db").arg(concurrency));
        QElapsedTimer timer;
        timer.start();
        const RunSummary s = runEngine(path, instances, concurrency);
        const double seconds = double(timer.nsecsElapsed()) / 1e9;
        const double rate = double(s.transitions) / seconds;
        const QByteArray label = QStringLiteral("engine, concurrency %1").arg(concurrency).toUtf8();
        std::printf("%-46s %12.0f transitions/s  (%llu transitions, %llu commits, %.0f per commit, %.2f s;"
                    " %.1fx single-row, %.0f%% of batched)\n",
                    label.constData(), rate, static_cast<unsigned long long>(s.transitions),
                    static_cast<unsigned long long>(s.commits), double(s.transitions) / double(qMax<quint64>(1, s.commits)),
                    seconds, rate / single, 100.0 * rate / batched);
    }
    return 0;
}
