// SPDX-License-Identifier: MIT
// Durable step transitions per second: the engine running thousands of instances of a
// zero-latency 5-step saga into a saga log, next to raw SQLite measured in the same run with the
// same pragmas (WAL, synchronous=FULL): one row a commit, and 1,000 rows a commit.
//
//   bench_engine_throughput [--instances N] [--dir DIR]   (DIR: where the databases go; default .)

#include "benchsagas.h"
#include "engine.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QTemporaryDir>

#include <sqlite3.h>

#include <cstdio>

using namespace Sagascope;

namespace {

void check(int rc, sqlite3 *db, const char *what)
{
    if (rc != SQLITE_OK && rc != SQLITE_DONE && rc != SQLITE_ROW) {
        std::fprintf(stderr, "%s: %s\n", what, sqlite3_errmsg(db));
        std::exit(1);
    }
}

/** Rows a second inserting rows like the log's events, `batch` rows a transaction. */
double rawSqlite(const QString &path, int batch, int totalRows, double maxSeconds)
{
    sqlite3 *db = nullptr;
    check(sqlite3_open(path.toUtf8().constData(), &db), db, "open");
    check(sqlite3_exec(db, "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA busy_timeout=5000;"
                           "CREATE TABLE events(id INTEGER PRIMARY KEY, instance INTEGER NOT NULL, seq INTEGER NOT NULL,"
                           " t INTEGER NOT NULL, step TEXT, event TEXT NOT NULL, attempt INTEGER, failure TEXT, reason TEXT,"
                           " delay_ms INTEGER, UNIQUE (instance, seq))",
                       nullptr, nullptr, nullptr),
          db, "schema");
    sqlite3_stmt *insert = nullptr;
    check(sqlite3_prepare_v2(db, "INSERT INTO events(instance, seq, t, step, event, attempt) VALUES (?, ?, ?, ?, ?, ?)", -1,
                             &insert, nullptr),
          db, "prepare");
    QElapsedTimer timer;
    timer.start();
    int rows = 0;
    while (rows < totalRows && timer.elapsed() < maxSeconds * 1000) {
        check(sqlite3_exec(db, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr), db, "begin");
        for (int i = 0; i < batch; ++i, ++rows) {
            sqlite3_bind_int64(insert, 1, rows / 12);
            sqlite3_bind_int64(insert, 2, rows % 12);
            sqlite3_bind_int64(insert, 3, 0);
            sqlite3_bind_text(insert, 4, "reserve_credit", -1, SQLITE_STATIC);
            sqlite3_bind_text(insert, 5, "step_succeeded", -1, SQLITE_STATIC);
            sqlite3_bind_int(insert, 6, 1);
            check(sqlite3_step(insert), db, "insert");
            sqlite3_reset(insert);
        }
        check(sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr), db, "commit");
    }
    const double seconds = double(timer.nsecsElapsed()) / 1e9;
    sqlite3_finalize(insert);
    sqlite3_close(db);
    return rows / seconds;
}

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
    Engine engine;
    RunSummary summary;
    QEventLoop loop;
    QObject::connect(&engine, &Engine::finished, &loop, [&](const RunSummary &s) {
        summary = s;
        loop.quit();
    });
    engine.start(request);
    if (engine.isBusy())
        loop.exec();
    if (!summary.error.isEmpty()) {
        std::fprintf(stderr, "engine: %s\n", qPrintable(summary.error));
        std::exit(1);
    }
    return summary;
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

    const double single = rawSqlite(temp.filePath(QStringLiteral("single.db")), 1, 3000, 3.0);
    std::printf("%-46s %12.0f rows/s\n", "raw SQLite, 1 row a commit", single);
    const double batched = rawSqlite(temp.filePath(QStringLiteral("batch.db")), 1000, 300000, 5.0);
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
