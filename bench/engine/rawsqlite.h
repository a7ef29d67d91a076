// SPDX-License-Identifier: MIT
// Raw SQLite with the saga log's pragmas (WAL, synchronous=FULL), the yardstick the engine and
// broker benchmarks print their figures against.
#pragma once

#include <QElapsedTimer>
#include <QString>

#include <sqlite3.h>

#include <cstdio>
#include <cstdlib>

namespace Sagascope::Bench {

inline void check(int rc, sqlite3 *db, const char *what)
{
    if (rc != SQLITE_OK && rc != SQLITE_DONE && rc != SQLITE_ROW) {
        std::fprintf(stderr, "%s: %s\n", what, sqlite3_errmsg(db));
        std::exit(1);
    }
}

/** Rows a second inserting rows like the log's events, `batch` rows a transaction. */
inline double rawSqlite(const QString &path, int batch, int totalRows, double maxSeconds)
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

} // namespace Sagascope::Bench
