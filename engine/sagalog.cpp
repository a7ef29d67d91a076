// SPDX-License-Identifier: MIT
#include "sagalog.h"

#include "httpexchange.h"

#include <QAtomicInt>
#include <QCoreApplication>
#include <QDateTime>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlError>
#include <QSqlDatabase>
#include <QSqlDriver>
#include <QSqlQuery>
#include <QVariant>

#include <sqlite3.h>

#include <cerrno>
#include <cstring>
#include <optional>
#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

namespace Sagascope {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("SagaLog", text);
}

QAtomicInt connectionCounter;

// SQLite result codes that QSQLITE reports as the native error code.
bool isBusy(const QSqlError &error)
{
    const QString code = error.nativeErrorCode();
    return code == QLatin1String("5") || code == QLatin1String("6")
        || error.databaseText().contains(QLatin1String("locked"), Qt::CaseInsensitive);
}

bool isReadOnly(const QSqlError &error)
{
    return error.nativeErrorCode() == QLatin1String("8") || error.databaseText().contains(QLatin1String("readonly"));
}

bool isFull(const QSqlError &error)
{
    return error.nativeErrorCode() == QLatin1String("13")
        || error.databaseText().contains(QLatin1String("full"), Qt::CaseInsensitive);
}

// Schema version 2. Kept apart: a version 1 log gets it (and nothing else) when opened for writing.
constexpr const char *FaultsTable =
    "CREATE TABLE faults("
    " id INTEGER PRIMARY KEY," // the order in which they were injected
    " run INTEGER NOT NULL REFERENCES runs(id),"
    " instance TEXT," // NULL: every instance of the run
    " step TEXT NOT NULL,"
    " operation TEXT CHECK (operation IN ('action','compensation'))," // NULL: every fault on the step removed
    " failure TEXT CHECK (failure IN ('technical','timeout','business'))," // NULL: removed
    " attempts INTEGER NOT NULL,"
    " bases TEXT NOT NULL)"; // JSON object: instance id -> attempts already called

// Schema version 3: the embedded broker (SPEC section 5). The broker's messages are rows of the
// events table (event_published: the outbox; event_delivered: the inbox), written in the same
// transaction as the transition that produced or handled them; `message` holds the message, and
// two unique indexes make a second publication of an id, or a second handling of one by the same
// subscription, fail the transaction. The views name the two sides.
const char *const BrokerStatements[] = {
    "ALTER TABLE events ADD COLUMN message TEXT",
    "CREATE UNIQUE INDEX outbox_ids ON events(instance, json_extract(message, '$.id')) "
    "WHERE event = 'event_published'",
    "CREATE UNIQUE INDEX inbox_ids ON events(instance, step, json_extract(message, '$.subscription'), "
    "json_extract(message, '$.id')) WHERE event = 'event_delivered'",
    "CREATE VIEW outbox AS SELECT e.instance, i.id AS instance_id, json_extract(e.message, '$.id') AS event_id, "
    "json_extract(e.message, '$.type') AS type, e.step AS source, e.t, json_extract(e.message, '$.payload') AS payload, "
    "e.id AS position FROM events e JOIN instances i ON i.number = e.instance WHERE e.event = 'event_published'",
    "CREATE VIEW inbox AS SELECT e.instance, i.id AS instance_id, e.step AS subscriber, "
    "json_extract(e.message, '$.subscription') AS subscription, json_extract(e.message, '$.id') AS event_id, "
    "json_extract(e.message, '$.type') AS type, e.t FROM events e JOIN instances i ON i.number = e.instance "
    "WHERE e.event = 'event_delivered'",
};
// Schema version 4: every change of a shared counter (SPEC section 7), written in the same
// transaction as the effect that made it; a counter's value is the `value` of its last row.
constexpr const char *ResourceChangesTable =
    "CREATE TABLE IF NOT EXISTS resource_changes(" // tolerant: a hand-downgraded log may keep it
    " id INTEGER PRIMARY KEY," // the order of the changes
    " instance INTEGER NOT NULL REFERENCES instances(number),"
    " step TEXT NOT NULL,"
    " operation TEXT NOT NULL CHECK (operation IN ('action','compensation')),"
    " resource TEXT NOT NULL,"
    " delta INTEGER NOT NULL," // what this change added
    " value INTEGER NOT NULL)"; // the counter's value after it
// Also in version 4: the two-phase commit's trace fields (vote or decision, and a lock's resource).
constexpr const char *EventsVerdictColumn = "ALTER TABLE events ADD COLUMN verdict TEXT";
constexpr const char *EventsResourceColumn = "ALTER TABLE events ADD COLUMN resource TEXT";
constexpr const char *InsertResourceChangeSql =
    "INSERT INTO resource_changes(instance, step, operation, resource, delta, value) VALUES (?, ?, ?, ?, ?, ?)";

// Schema version 5: remote endpoints (SPEC section 6). The JSON body of a step's succeeded remote
// action (templates read it), and one row per HTTP request sent.
const char *const RemoteTables[] = {
    "CREATE TABLE results("
    " instance INTEGER NOT NULL REFERENCES instances(number),"
    " step TEXT NOT NULL,"
    " body TEXT NOT NULL,"
    " PRIMARY KEY (instance, step)) WITHOUT ROWID",
    "CREATE TABLE http_attempts("
    " id INTEGER PRIMARY KEY,"
    " instance INTEGER NOT NULL REFERENCES instances(number),"
    " step TEXT NOT NULL,"
    " operation TEXT NOT NULL CHECK (operation IN ('action','compensation')),"
    " attempt INTEGER NOT NULL,"
    " method TEXT NOT NULL,"
    " url TEXT NOT NULL,"
    " status INTEGER," // NULL: no HTTP reply (refused, reset, DNS, timeout)
    " duration_ms INTEGER NOT NULL,"
    " reply BLOB," // the first 4 KiB of the reply body
    " outcome TEXT NOT NULL," // succeeded, technical, timeout, business
    " error TEXT)",
};
// Schema version 6: what a person decided for a stuck instance (sagascope-cli resume), with the
// wall-clock time, beside the saga_resumed event that carries it in the trace.
constexpr const char *ResumesTable =
    "CREATE TABLE resumes("
    " id INTEGER PRIMARY KEY,"
    " instance INTEGER NOT NULL REFERENCES instances(number),"
    " seq INTEGER NOT NULL," // the saga_resumed event's seq
    " step TEXT NOT NULL,"
    " resolution TEXT NOT NULL CHECK (resolution IN ('retry','done','compensated')),"
    " note TEXT,"
    " at TEXT NOT NULL)"; // UTC, ISO 8601
// Schema version 7: the request of each HTTP attempt as it was sent (SPEC section 6): its headers as
// a JSON array of [name, value] pairs in the order they were set, credentials redacted
// (HttpExchange::redactedValue), and its body. NULL in the rows of older versions: not kept.
const char *const HttpRequestStatements[] = {
    "ALTER TABLE http_attempts ADD COLUMN request_headers TEXT",
    "ALTER TABLE http_attempts ADD COLUMN request_body BLOB",
    "CREATE INDEX http_attempts_by_attempt ON http_attempts(instance, step, operation, attempt)",
};
constexpr const char *InsertResumeSql = "INSERT INTO resumes(instance, seq, step, resolution, note, at) VALUES (?, ?, ?, ?, ?, ?)";
constexpr const char *InsertResultSql = "INSERT OR REPLACE INTO results(instance, step, body) VALUES (?, ?, ?)";
constexpr const char *InsertHttpAttemptSql = "INSERT INTO http_attempts(instance, step, operation, attempt, method, url, status, "
                                             "duration_ms, reply, outcome, error, request_headers, request_body) "
                                             "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

const char *const SchemaStatements[] = {
    "CREATE TABLE runs("
    " id INTEGER PRIMARY KEY,"
    " created_at TEXT NOT NULL,"
    " first_instance INTEGER NOT NULL,"
    " instances INTEGER NOT NULL,"
    " definition TEXT NOT NULL,"
    " options TEXT NOT NULL)",
    "CREATE TABLE instances("
    " number INTEGER PRIMARY KEY,"
    " id TEXT NOT NULL UNIQUE,"
    " run INTEGER NOT NULL REFERENCES runs(id),"
    " idx INTEGER NOT NULL,"
    " status TEXT NOT NULL CHECK (status IN ('running','completed','compensated','stuck')),"
    " reason TEXT)",
    "CREATE INDEX instances_by_status ON instances(status)",
    "CREATE TABLE events("
    " id INTEGER PRIMARY KEY," // commit order across all instances: a monitor follows `id > last`
    " instance INTEGER NOT NULL REFERENCES instances(number),"
    " seq INTEGER NOT NULL,"
    " t INTEGER NOT NULL,"
    " step TEXT,"
    " event TEXT NOT NULL,"
    " attempt INTEGER,"
    " failure TEXT,"
    " reason TEXT,"
    " delay_ms INTEGER,"
    " verdict TEXT," // version 4: `vote` of voted, `decision` of decided
    " resource TEXT," // version 4: the resource of a lock event
    " UNIQUE (instance, seq))",
    "CREATE TABLE effects("
    " instance INTEGER NOT NULL REFERENCES instances(number),"
    " step TEXT NOT NULL,"
    " operation TEXT NOT NULL CHECK (operation IN ('action','compensation')),"
    " outcome TEXT NOT NULL CHECK (outcome IN ('applied','refused','compensated','empty')),"
    " PRIMARY KEY (instance, step, operation)) WITHOUT ROWID",
    FaultsTable,
    ResourceChangesTable,
    RemoteTables[0],
    RemoteTables[1],
    ResumesTable,
};

// Each statement of the write path, written once: both commit paths prepare these.
constexpr const char *InsertInstanceSql = "INSERT INTO instances(number, id, run, idx, status) VALUES (?, ?, ?, ?, 'running')";
constexpr const char *InsertEventSql = "INSERT INTO events(instance, seq, t, step, event, attempt, failure, reason, delay_ms, "
                                        "message, verdict, resource) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
constexpr const char *InsertEffectSql = "INSERT INTO effects(instance, step, operation, outcome) VALUES (?, ?, ?, ?)";
constexpr const char *UpdateStatusSql = "UPDATE instances SET status = ?, reason = ? WHERE number = ?";

/** The statements of one batch, in the order their values are given to Batch writers. */
enum class Statement { InsertInstance, InsertEvent, InsertEffect, UpdateStatus, InsertResourceChange, InsertResult,
                       InsertHttpAttempt, InsertResume };
constexpr const char *statementSql(Statement statement)
{
    switch (statement) {
    case Statement::InsertInstance: return InsertInstanceSql;
    case Statement::InsertEvent: return InsertEventSql;
    case Statement::InsertEffect: return InsertEffectSql;
    case Statement::UpdateStatus: return UpdateStatusSql;
    case Statement::InsertResourceChange: return InsertResourceChangeSql;
    case Statement::InsertResult: return InsertResultSql;
    case Statement::InsertHttpAttempt: return InsertHttpAttemptSql;
    case Statement::InsertResume: return InsertResumeSql;
    }
    return nullptr;
}
constexpr Statement AllStatements[] = {Statement::InsertInstance, Statement::InsertEvent, Statement::InsertEffect,
                                       Statement::UpdateStatus, Statement::InsertResourceChange, Statement::InsertResult,
                                       Statement::InsertHttpAttempt, Statement::InsertResume};

/** The broker's message of an event_published (the outbox row: id, type, instance, source, t,
 *  payload) or event_delivered (the inbox row: id, type, subscriber and subscription). */
QByteArray brokerMessage(const TraceEvent &e)
{
    QJsonObject o{{QStringLiteral("id"), e.eventId}, {QStringLiteral("type"), e.eventType}};
    if (e.event == TraceEventType::EventPublished) {
        o.insert(QStringLiteral("instance"), e.instance);
        o.insert(QStringLiteral("source"), e.step.isEmpty() ? QJsonValue() : QJsonValue(e.step));
        o.insert(QStringLiteral("t"), e.t);
        o.insert(QStringLiteral("payload"), QJsonObject());
    } else {
        o.insert(QStringLiteral("subscriber"), e.step);
        o.insert(QStringLiteral("subscription"), e.toCompensation ? QStringLiteral("compensation") : QStringLiteral("action"));
    }
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

/** Reads what brokerMessage() wrote back into `e`. */
void readBrokerMessage(const QVariant &column, TraceEvent &e)
{
    if (column.isNull())
        return;
    const QJsonObject o = QJsonDocument::fromJson(column.toString().toUtf8()).object();
    e.eventId = o.value(QLatin1String("id")).toString();
    e.eventType = o.value(QLatin1String("type")).toString();
    e.toCompensation = o.value(QLatin1String("subscription")).toString() == QLatin1String("compensation");
}

// The read side: an event row is always these columns, decoded by eventFromRow(), followed by
// the columns later versions added (SagaLog::versionedColumns(): message, verdict, resource;
// NULL where the file's version predates them).
constexpr const char *EventColumns = "i.id, e.seq, e.t, e.step, e.event, e.attempt, e.failure, e.reason, e.delay_ms";
constexpr const char *EventsJoin = "FROM events e JOIN instances i ON i.number = e.instance";
constexpr const char *UnfinishedOnly = "WHERE i.status = 'running'";

TraceEvent eventFromRow(const QSqlQuery &q, int first)
{
    TraceEvent e;
    e.instance = q.value(first).toString();
    e.seq = q.value(first + 1).toLongLong();
    e.t = q.value(first + 2).toLongLong();
    e.step = q.value(first + 3).toString();
    e.event = traceEventTypeFromName(q.value(first + 4).toString()).value_or(TraceEventType::SagaStarted);
    e.attempt = q.value(first + 5).toInt();
    e.failure = failureKindFromName(q.value(first + 6).toString()).value_or(FailureKind::None);
    e.reason = q.value(first + 7).toString();
    e.delayMs = q.value(first + 8).isNull() ? -1 : q.value(first + 8).toLongLong();
    readBrokerMessage(q.value(first + 9), e);
    e.verdict = q.value(first + 10).toString();
    e.resource = q.value(first + 11).toString();
    return e;
}

QVariant nullIfEmpty(const QString &text)
{
    return text.isEmpty() ? QVariant(QMetaType::fromType<QString>()) : QVariant(text);
}

} // namespace

/** The QSQLITE connection: every read, the schema, and the fallback commit path. */
struct SagaLog::Sql
{
    QString connection;
    QSqlDatabase db;
    QSqlQuery statements[std::size(AllStatements)]; // prepared, indexed by Statement

    ~Sql()
    {
        for (QSqlQuery &q : statements)
            q = QSqlQuery();
        db.close();
        db = QSqlDatabase();
        QSqlDatabase::removeDatabase(connection);
    }
    QSqlQuery &statement(Statement s) { return statements[size_t(s)]; }
};

/** The hot path of commit(): sqlite3 statements prepared on the connection QSQLITE opened, so that
 *  a batch costs what raw SQLite costs. Used only when Qt's driver links the same SQLite as we do. */
struct SagaLog::Native
{
    sqlite3 *db = nullptr;
    sqlite3_stmt *begin = nullptr, *commit = nullptr, *rollback = nullptr;
    sqlite3_stmt *statements[std::size(AllStatements)] = {}; // indexed by Statement

    ~Native()
    {
        for (sqlite3_stmt *s : {begin, commit, rollback})
            sqlite3_finalize(s);
        for (sqlite3_stmt *s : statements)
            sqlite3_finalize(s);
    }
    bool prepare(sqlite3_stmt **statement, const char *sql)
    {
        return sqlite3_prepare_v3(db, sql, -1, SQLITE_PREPARE_PERSISTENT, statement, nullptr) == SQLITE_OK;
    }
    static bool run(sqlite3_stmt *statement)
    {
        const int rc = sqlite3_step(statement);
        sqlite3_reset(statement);
        return rc == SQLITE_DONE || rc == SQLITE_ROW;
    }
    bool exec(Statement which, std::initializer_list<QVariant> values)
    {
        sqlite3_stmt *s = statements[size_t(which)];
        int i = 1;
        for (const QVariant &v : values) {
            if (v.isNull()) {
                sqlite3_bind_null(s, i);
            } else if (v.typeId() == QMetaType::QString) {
                const QByteArray utf8 = v.toString().toUtf8();
                sqlite3_bind_text(s, i, utf8.constData(), int(utf8.size()), SQLITE_TRANSIENT);
            } else if (v.typeId() == QMetaType::QByteArray) {
                const QByteArray bytes = v.toByteArray();
                sqlite3_bind_blob(s, i, bytes.constData(), int(bytes.size()), SQLITE_TRANSIENT);
            } else {
                sqlite3_bind_int64(s, i, v.toLongLong());
            }
            ++i;
        }
        return run(s);
    }
};

SagaLog::~SagaLog()
{
    m_native.reset(); // its statements are finalized before QSQLITE closes the connection
    m_sql.reset();
    if (m_lockFd >= 0)
        ::close(m_lockFd); // releases the flock
}

namespace {

/** A writer needs to write the file and to create PATH-wal, PATH-shm and PATH-lock beside it:
 *  refuse clearly, before touching anything, when it cannot. */
bool checkWritable(const QString &path, bool exists, QString *error)
{
    const QByteArray file = QFile::encodeName(path);
    const QString dir = QFileInfo(path).absolutePath();
    if (exists && ::access(file.constData(), W_OK) != 0) {
        *error = errno == EROFS ? tr("%1: the saga log cannot be written: it is on a read-only disk (file system)").arg(path)
                                : tr("%1: the saga log cannot be written: the file is read-only for this user (%2)")
                                      .arg(path, QString::fromLocal8Bit(strerror(errno)));
        return false;
    }
    if (::access(QFile::encodeName(dir).constData(), W_OK) != 0) {
        const QString cause = errno == EROFS ? tr("it is on a read-only disk (file system)")
                                             : tr("its directory %1 is read-only for this user").arg(dir);
        *error = exists ? tr("%1: the saga log cannot be written: %2, and SQLite must create %1-wal and %1-shm "
                             "beside the log to write it")
                              .arg(path, cause)
                        : tr("%1: cannot create the saga log: %2").arg(path, cause);
        return false;
    }
    return true;
}

} // namespace

std::unique_ptr<SagaLog> SagaLog::inMemory(int maxBatch)
{
    std::unique_ptr<SagaLog> log(new SagaLog);
    log->m_maxBatch = qMax(1, maxBatch);
    return log;
}

std::unique_ptr<SagaLog> SagaLog::open(const QString &path, const OpenOptions &options, QString *error)
{
    const QFileInfo info(path);
    if (info.exists() && info.isDir()) {
        *error = tr("%1: is a directory, not a saga log").arg(path);
        return nullptr;
    }
    if (!info.exists() && (!options.create || options.readOnly)) {
        *error = tr("%1: no such saga log").arg(path);
        return nullptr;
    }
    if (info.exists() && info.size() > 0) {
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly)) {
            *error = tr("%1: cannot read: %2").arg(path, file.errorString());
            return nullptr;
        }
        if (file.read(16) != QByteArray("SQLite format 3\0", 16)) {
            *error = tr("%1: not a saga log (not an SQLite database)").arg(path);
            return nullptr;
        }
    }

    if (!options.readOnly && !checkWritable(path, info.exists(), error))
        return nullptr;

    std::unique_ptr<SagaLog> log(new SagaLog);
    log->m_path = path;
    if (!options.readOnly) {
        const QByteArray lockPath = QFile::encodeName(path + QStringLiteral("-lock"));
        log->m_lockFd = ::open(lockPath.constData(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
        if (log->m_lockFd < 0 && errno == EACCES) // another user's lock file: flock() needs no write access
            log->m_lockFd = ::open(lockPath.constData(), O_RDONLY | O_CLOEXEC);
        if (log->m_lockFd < 0) {
            *error = tr("%1: cannot create the lock file %2-lock: %3").arg(path, path, QString::fromLocal8Bit(strerror(errno)));
            return nullptr;
        }
        const bool exclusive = options.access == OpenOptions::Access::Exclusive;
        if (::flock(log->m_lockFd, (exclusive ? LOCK_EX : LOCK_SH) | LOCK_NB) != 0) {
            *error = exclusive ? tr("%1: another process is running instances of this saga log; recover it once that "
                                    "process has ended (or been killed)").arg(path)
                               : tr("%1: the saga log is being recovered by another process; try again when it is done").arg(path);
            return nullptr;
        }
    }
    log->m_maxBatch = qMax(1, options.maxBatch);
    log->m_sql = std::make_unique<Sql>();
    log->m_sql->connection = QStringLiteral("sagascope-log-%1").arg(connectionCounter.fetchAndAddRelaxed(1));
    QSqlDatabase &db = log->m_sql->db;
    db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), log->m_sql->connection);
    db.setDatabaseName(path);
    db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=%1%2")
                                    .arg(options.busyTimeoutMs)
                                    .arg(options.readOnly ? QStringLiteral(";QSQLITE_OPEN_READONLY") : QString()));
    if (!db.open()) {
        *error = tr("%1: cannot open the saga log: %2").arg(path, db.lastError().text());
        return nullptr;
    }
    QSqlQuery q(db);
    const auto fail = [&](const QString &what, const QSqlError &sqlError) {
        if (isBusy(sqlError))
            *error = tr("%1: the saga log is locked by another process (waited %2 ms); try again when it is done")
                         .arg(path).arg(options.busyTimeoutMs);
        else if (options.readOnly && ::access(QFile::encodeName(QFileInfo(path).absolutePath()).constData(), W_OK) != 0)
            *error = tr("%1: cannot read the saga log: its directory %2 is read-only for this user, and SQLite must "
                        "create %1-shm beside a log in WAL mode to read it (%3)")
                         .arg(path, QFileInfo(path).absolutePath(), sqlError.databaseText());
        else if (isReadOnly(sqlError))
            *error = tr("%1: the saga log cannot be written (a read-only file or disk)").arg(path);
        else if (sqlError.databaseText().contains(QLatin1String("not a database")))
            *error = tr("%1: not a saga log (not an SQLite database)").arg(path);
        else
            *error = tr("%1: %2: %3").arg(path, what, sqlError.databaseText());
        return nullptr;
    };
    const auto pragmaInt = [&](const char *pragma, qint64 *value) {
        if (!q.exec(QLatin1String("PRAGMA ") + QLatin1String(pragma)) || !q.next())
            return false;
        *value = q.value(0).toLongLong();
        q.finish();
        return true;
    };

    q.exec(QStringLiteral("PRAGMA busy_timeout = %1").arg(options.busyTimeoutMs));
    q.finish();
    qint64 applicationId = 0, userVersion = 0, objects = 0;
    if (!pragmaInt("application_id", &applicationId) || !pragmaInt("user_version", &userVersion))
        return fail(tr("cannot read the header"), q.lastError());
    if (!q.exec(QStringLiteral("SELECT count(*) FROM sqlite_master")) || !q.next())
        return fail(tr("cannot read the schema"), q.lastError());
    objects = q.value(0).toLongLong();
    q.finish();
    const bool fresh = objects == 0 && applicationId == 0 && userVersion == 0;
    if (!fresh) {
        if (applicationId != ApplicationId) {
            *error = tr("%1: not a saga log (an SQLite database of another application, application_id %2)")
                         .arg(path).arg(applicationId);
            return nullptr;
        }
        if (userVersion > SchemaVersion) {
            *error = tr("%1: the saga log has schema version %2, newer than this version of Sagascope reads (%3); "
                        "use a newer sagascope-cli")
                         .arg(path).arg(userVersion).arg(SchemaVersion);
            return nullptr;
        }
        if (userVersion < 1) {
            *error = tr("%1: not a saga log (schema version %2)").arg(path).arg(userVersion);
            return nullptr;
        }
        log->m_schemaVersion = int(userVersion);
    }

    if (options.readOnly) {
        if (fresh) {
            *error = tr("%1: not a saga log (an empty database)").arg(path);
            return nullptr;
        }
        return log;
    }
    if (!q.exec(QStringLiteral("PRAGMA journal_mode = WAL")))
        return fail(tr("cannot switch to WAL mode"), q.lastError());
    q.finish();
    const QString synchronous = options.durableCommits ? QStringLiteral("FULL") : QStringLiteral("NORMAL");
    if (!q.exec(QStringLiteral("PRAGMA synchronous = %1").arg(synchronous)))
        return fail(tr("cannot set synchronous=%1").arg(synchronous), q.lastError());
    q.finish();
    if (options.maxPageCount > 0) {
        q.exec(QStringLiteral("PRAGMA max_page_count = %1").arg(options.maxPageCount));
        q.finish();
    }

    // Take the write lock once: a locked log is refused now rather than at the first commit.
    if (!q.exec(QStringLiteral("BEGIN IMMEDIATE")))
        return fail(tr("cannot start a transaction"), q.lastError());
    if (fresh) {
        QList<const char *> statements(std::begin(SchemaStatements), std::end(SchemaStatements));
        statements.append(QList<const char *>(std::begin(BrokerStatements), std::end(BrokerStatements)));
        statements.append(QList<const char *>(std::begin(HttpRequestStatements), std::end(HttpRequestStatements)));
        for (const char *statement : std::as_const(statements)) {
            if (!q.exec(QLatin1String(statement))) {
                const QSqlError e = q.lastError();
                QSqlQuery(db).exec(QStringLiteral("ROLLBACK"));
                return fail(tr("cannot create the schema"), e);
            }
        }
        q.exec(QStringLiteral("PRAGMA application_id = %1").arg(ApplicationId));
        q.exec(QStringLiteral("PRAGMA user_version = %1").arg(SchemaVersion));
    } else {
        // One step per version, each from the one before, in the same transaction.
        const auto upgrade = [&](const char *const *statements, size_t count) -> std::optional<QSqlError> {
            for (size_t k = 0; k < count; ++k) {
                if (!q.exec(QLatin1String(statements[k])))
                    return q.lastError();
            }
            return std::nullopt;
        };
        std::optional<QSqlError> failed;
        // Version 1 -> 2: the faults table, empty (version 1 never recorded faults injected mid-run).
        if (log->m_schemaVersion == 1)
            failed = upgrade(&FaultsTable, 1);
        // Version 2 -> 3: the broker's message column, the outbox and inbox indexes and views.
        if (!failed && log->m_schemaVersion <= 2)
            failed = upgrade(BrokerStatements, std::size(BrokerStatements));
        // Version 3 -> 4: the resource_changes table, empty (no run before it had shared counters),
        // and events.verdict and events.resource (NULL in older rows). Tolerant: a hand-downgraded
        // log may keep the table or the columns.
        if (!failed && log->m_schemaVersion <= 3) {
            QStringList columns;
            if (!q.exec(QStringLiteral("PRAGMA table_info(events)")))
                failed = q.lastError();
            while (!failed && q.next())
                columns.append(q.value(1).toString());
            q.finish();
            if (!failed)
                failed = upgrade(&ResourceChangesTable, 1);
            if (!failed && !columns.contains(QLatin1String("verdict")))
                failed = upgrade(&EventsVerdictColumn, 1);
            if (!failed && !columns.contains(QLatin1String("resource")))
                failed = upgrade(&EventsResourceColumn, 1);
        }
        // Version 4 -> 5: the tables of remote endpoints, empty (no run before it called one).
        if (!failed && log->m_schemaVersion <= 4)
            failed = upgrade(RemoteTables, std::size(RemoteTables));
        // Version 5 -> 6: the resumes table, empty (no instance was resumed before it).
        if (!failed && log->m_schemaVersion <= 5)
            failed = upgrade(&ResumesTable, 1);
        // Version 6 -> 7: the request's headers and body in http_attempts (NULL in older rows).
        if (!failed && log->m_schemaVersion <= 6)
            failed = upgrade(HttpRequestStatements, std::size(HttpRequestStatements));
        if (failed) {
            QSqlQuery(db).exec(QStringLiteral("ROLLBACK"));
            return fail(tr("cannot upgrade the schema to version %1").arg(SchemaVersion), *failed);
        }
        if (log->m_schemaVersion < SchemaVersion)
            q.exec(QStringLiteral("PRAGMA user_version = %1").arg(SchemaVersion));
    }
    log->m_schemaVersion = SchemaVersion;
    if (!q.exec(QStringLiteral("COMMIT"))) {
        const QSqlError e = q.lastError();
        QSqlQuery(db).exec(QStringLiteral("ROLLBACK"));
        return fail(tr("cannot write"), e);
    }
    // SAGASCOPE_SAGALOG_COMMITS=qtsql takes the fallback in a whole process (the CLI under test).
    const bool nativeCommits = options.nativeCommits && qgetenv("SAGASCOPE_SAGALOG_COMMITS") != "qtsql";
    if (!log->prepareStatements(nativeCommits, error))
        return nullptr;
    return log;
}

bool SagaLog::prepareStatements(bool nativeCommits, QString *error)
{
    for (const Statement statement : AllStatements) {
        QSqlQuery &q = m_sql->statement(statement);
        q = QSqlQuery(m_sql->db);
        if (!q.prepare(QLatin1String(statementSql(statement)))) {
            *error = tr("%1: cannot prepare statements: %2").arg(m_path, q.lastError().text());
            return false;
        }
    }
    if (!nativeCommits)
        return true;
    // The native path, when the driver's handle is an sqlite3* of the library we link.
    const QVariant handle = m_sql->db.driver()->handle();
    QSqlQuery version(m_sql->db);
    if (handle.isValid() && qstrcmp(handle.typeName(), "sqlite3*") == 0 && version.exec(QStringLiteral("SELECT sqlite_version()"))
        && version.next() && version.value(0).toString() == QLatin1String(sqlite3_libversion())) {
        auto native = std::make_unique<Native>();
        native->db = *static_cast<sqlite3 *const *>(handle.constData());
        bool ok = native->db && native->prepare(&native->begin, "BEGIN IMMEDIATE") && native->prepare(&native->commit, "COMMIT")
            && native->prepare(&native->rollback, "ROLLBACK");
        for (const Statement statement : AllStatements)
            ok = ok && native->prepare(&native->statements[size_t(statement)], statementSql(statement));
        if (ok)
            m_native = std::move(native);
    }
    return true;
}

std::optional<RunRecord> SagaLog::beginRun(const QByteArray &definitionJson, const RunOptions &options, QString *error)
{
    RunRecord run;
    run.definitionJson = definitionJson;
    run.options = options;
    if (!isPersistent()) {
        run.id = 1;
        run.firstInstance = 1;
        return run;
    }
    QSqlQuery q(m_sql->db);
    const auto fail = [&](const QSqlError &e) {
        *error = isFull(e) ? tr("%1: the disk is full; no run was started").arg(m_path)
                           : tr("%1: cannot record the run: %2").arg(m_path, e.databaseText());
        QSqlQuery(m_sql->db).exec(QStringLiteral("ROLLBACK"));
        return std::nullopt;
    };
    if (!q.exec(QStringLiteral("BEGIN IMMEDIATE")))
        return fail(q.lastError());
    if (!q.exec(QStringLiteral("SELECT coalesce(max(first_instance + instances), 1), coalesce(max(id), 0) + 1 FROM runs"))
        || !q.next())
        return fail(q.lastError());
    run.firstInstance = q.value(0).toLongLong();
    run.id = q.value(1).toLongLong();
    q.finish();
    q.prepare(QStringLiteral("INSERT INTO runs(id, created_at, first_instance, instances, definition, options) VALUES (?, ?, ?, ?, ?, ?)"));
    q.addBindValue(run.id);
    q.addBindValue(QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs));
    q.addBindValue(run.firstInstance);
    q.addBindValue(options.instances);
    q.addBindValue(QString::fromUtf8(definitionJson));
    q.addBindValue(QString::fromUtf8(QJsonDocument(options.toJson()).toJson(QJsonDocument::Compact)));
    if (!q.exec())
        return fail(q.lastError());
    if (!q.exec(QStringLiteral("COMMIT")))
        return fail(q.lastError());
    return run;
}

bool SagaLog::recordFault(const FaultRecord &record)
{
    if (!isPersistent())
        return true;
    QJsonObject bases;
    for (auto it = record.bases.cbegin(); it != record.bases.cend(); ++it)
        bases.insert(it.key(), it.value());
    // Outside any group commit: the scheduler commits its batches whole, between transitions, and
    // a fault is injected between transitions too. Autocommit: durable when exec() returns.
    QSqlQuery q(m_sql->db);
    q.prepare(QStringLiteral("INSERT INTO faults(run, instance, step, operation, failure, attempts, bases) VALUES (?, ?, ?, ?, ?, ?, ?)"));
    q.addBindValue(record.run);
    q.addBindValue(nullIfEmpty(record.instance));
    q.addBindValue(record.step);
    q.addBindValue(nullIfEmpty(record.operation ? operationKindName(*record.operation) : QString()));
    q.addBindValue(nullIfEmpty(failureKindName(record.fault.kind)));
    q.addBindValue(record.fault.attempts);
    q.addBindValue(QString::fromUtf8(QJsonDocument(bases).toJson(QJsonDocument::Compact)));
    if (q.exec())
        return true;
    const QSqlError e = q.lastError();
    m_lastError = isFull(e) ? tr("%1: the disk is full; the fault was not injected").arg(m_path)
                            : tr("%1: cannot record the injected fault: %2").arg(m_path, e.databaseText());
    return false;
}

void SagaLog::appendInstance(const InstanceRecord &instance)
{
    ++m_pendingCount;
    m_numbers.insert(instance.id, instance.number);
    if (isPersistent())
        m_pendingInstances.push_back(instance);
}

void SagaLog::appendEvent(qint64 instanceNumber, const TraceEvent &event)
{
    ++m_pendingCount;
    if (isPersistent())
        m_pendingEvents.push_back(PendingEvent{instanceNumber, event});
}

void SagaLog::appendEffect(const QString &instance, const StepId &step, OperationKind operation, EffectOutcome outcome)
{
    ++m_pendingCount;
    if (isPersistent())
        m_pendingEffects.push_back(PendingEffect{m_numbers.value(instance), step, operation, outcome});
}

void SagaLog::appendResourceChange(const QString &instance, const StepId &step, const QString &operation,
                                   const QString &resource, qint64 delta, qint64 value)
{
    ++m_pendingCount;
    if (isPersistent())
        m_pendingResourceChanges.push_back(PendingResourceChange{m_numbers.value(instance), step, operation, resource, delta, value});
}

void SagaLog::appendResult(const QString &instance, const StepId &step, const QByteArray &json)
{
    ++m_pendingCount;
    if (isPersistent())
        m_pendingResults.push_back(PendingResult{m_numbers.value(instance), step, json});
}

void SagaLog::appendHttpAttempt(const QString &instance, const HttpAttemptRecord &attempt)
{
    ++m_pendingCount;
    if (isPersistent()) {
        HttpAttemptRecord row = attempt;
        row.instanceNumber = m_numbers.value(instance);
        m_pendingAttempts.push_back(std::move(row));
    }
}

void SagaLog::dropBatch()
{
    m_pendingCount = 0;
    m_pendingInstances.clear();
    m_pendingEvents.clear();
    m_pendingEffects.clear();
    m_pendingResourceChanges.clear();
    m_pendingResults.clear();
    m_pendingAttempts.clear();
}

bool SagaLog::commit()
{
    if (m_pendingCount == 0)
        return true;
    if (!isPersistent()) {
        ++m_commits;
        m_committedRows += quint64(m_pendingCount);
        m_pendingCount = 0;
        return true;
    }
    // The rows of the batch, built once for either path: `exec` runs one statement with its
    // values in placeholder order (a null QVariant is NULL).
    const PendingEffect *effect = nullptr; // the effect being written, to name it if it is refused
    const auto writeRows = [&](const auto &exec) {
        for (const InstanceRecord &r : m_pendingInstances) {
            if (!exec(Statement::InsertInstance, {r.number, r.id, r.run, r.index}))
                return false;
        }
        for (const PendingEvent &p : m_pendingEvents) {
            const TraceEvent &e = p.event;
            if (!exec(Statement::InsertEvent,
                      {p.instance, e.seq, e.t, nullIfEmpty(e.step), traceEventTypeName(e.event),
                       e.isStepEvent() ? QVariant(e.attempt) : QVariant(), nullIfEmpty(failureKindName(e.failure)),
                       nullIfEmpty(e.reason), e.delayMs >= 0 ? QVariant(e.delayMs) : QVariant(),
                       e.isBrokerEvent() ? QVariant(QString::fromUtf8(brokerMessage(e))) : QVariant(),
                       nullIfEmpty(e.verdict), nullIfEmpty(e.resource)}))
                return false;
            if (e.isFinal()
                && !exec(Statement::UpdateStatus, {instanceStatusName(e.finalStatus()), nullIfEmpty(e.reason), p.instance}))
                return false;
            // A resumed instance runs again; the person's decision is kept with its time.
            if (e.event == TraceEventType::SagaResumed
                && !(exec(Statement::UpdateStatus, {instanceStatusName(InstanceStatus::Running), QVariant(), p.instance})
                     && exec(Statement::InsertResume, {p.instance, e.seq, e.step, e.verdict, nullIfEmpty(e.reason),
                                                       QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs)})))
                return false;
        }
        for (const PendingEffect &p : m_pendingEffects) {
            effect = &p;
            if (!exec(Statement::InsertEffect, {p.instance, p.step, operationKindName(p.operation), effectOutcomeName(p.outcome)}))
                return false;
        }
        effect = nullptr;
        for (const PendingResourceChange &p : m_pendingResourceChanges) {
            if (!exec(Statement::InsertResourceChange, {p.instance, p.step, p.operation, p.resource, p.delta, p.value}))
                return false;
        }
        for (const PendingResult &r : m_pendingResults) {
            if (!exec(Statement::InsertResult, {r.instance, r.step, QString::fromUtf8(r.json)}))
                return false;
        }
        for (const HttpAttemptRecord &a : m_pendingAttempts) {
            if (!exec(Statement::InsertHttpAttempt,
                      {a.instanceNumber, a.step, operationKindName(a.operation), a.attempt, a.method, a.url,
                       a.status > 0 ? QVariant(a.status) : QVariant(), a.durationMs,
                       a.reply.isNull() ? QVariant() : QVariant(a.reply), a.outcome, nullIfEmpty(a.error),
                       QString::fromUtf8(HttpExchange::headersJson(a.requestHeaders)),
                       a.requestBody.isNull() ? QVariant() : QVariant(a.requestBody)}))
                return false;
        }
        return true;
    };
    // Why a commit failed, from SQLite's primary result code and message.
    const auto failure = [&](int code, const QString &message) {
        const QString kept = tr("the log keeps its last committed state");
        if (effect && code == SQLITE_CONSTRAINT) {
            // The ledger's primary key is the idempotency key: a second row for it means a
            // participant applied one key twice (SPEC section 3), which the database refuses.
            const QString key = QStringLiteral("%1/%2/%3").arg(m_numbers.key(effect->instance, QString::number(effect->instance)),
                                                               effect->step, operationKindName(effect->operation));
            return tr("%1: applied twice: the effects ledger already holds the idempotency key %2 (%3); %4")
                .arg(m_path, key, message, kept);
        }
        switch (code) {
        case SQLITE_FULL: return tr("%1: the disk is full (%2); %3").arg(m_path, message, kept);
        case SQLITE_READONLY: return tr("%1: the saga log cannot be written (a read-only file or disk); %2").arg(m_path, kept);
        case SQLITE_BUSY:
        case SQLITE_LOCKED: return tr("%1: the saga log is locked by another process; %2").arg(m_path, kept);
        default: return tr("%1: cannot write the saga log: %2").arg(m_path, message);
        }
    };

    bool ok = false;
    if (m_native) {
        Native &n = *m_native;
        ok = Native::run(n.begin)
            && writeRows([&](Statement s, std::initializer_list<QVariant> values) { return n.exec(s, values); })
            && Native::run(n.commit);
        if (!ok) {
            m_lastError = failure(sqlite3_extended_errcode(n.db) & 0xff, QString::fromUtf8(sqlite3_errmsg(n.db)));
            if (!sqlite3_get_autocommit(n.db))
                Native::run(n.rollback);
        }
    } else {
        QSqlQuery control(m_sql->db);
        QSqlError error;
        ok = control.exec(QStringLiteral("BEGIN IMMEDIATE"));
        if (!ok)
            error = control.lastError();
        ok = ok && writeRows([&](Statement s, std::initializer_list<QVariant> values) {
                 QSqlQuery &q = m_sql->statement(s);
                 int i = 0;
                 for (const QVariant &v : values)
                     q.bindValue(i++, v);
                 if (q.exec())
                     return true;
                 error = q.lastError();
                 return false;
             });
        if (ok && !control.exec(QStringLiteral("COMMIT"))) {
            ok = false;
            error = control.lastError();
        }
        if (!ok) {
            m_lastError = failure(error.nativeErrorCode().toInt() & 0xff, error.databaseText());
            QSqlQuery(m_sql->db).exec(QStringLiteral("ROLLBACK"));
        }
    }
    if (ok) {
        ++m_commits;
        m_committedRows += quint64(m_pendingCount);
    }
    dropBatch(); // written, or (on failure) dropped: the engine stops the instances it belonged to
    return ok;
}

bool SagaLog::select(const QString &sql, const QVariantList &values, const std::function<void(const QSqlQuery &)> &row,
                     QString *error) const
{
    const auto fail = [&](const QSqlError &e) {
        if (error)
            *error = isBusy(e) ? tr("%1: the saga log is locked (busy); try again").arg(m_path)
                               : tr("%1: cannot read the saga log: %2").arg(m_path, e.text());
        return false;
    };
    if (error)
        error->clear();
    if (!isPersistent())
        return true;
    QSqlQuery q(m_sql->db);
    q.setForwardOnly(true);
    if (!q.prepare(sql))
        return fail(q.lastError());
    for (const QVariant &value : values)
        q.addBindValue(value);
    if (!q.exec())
        return fail(q.lastError());
    while (q.next())
        row(q);
    // next() is false at the end and on an error part-way: tell them apart.
    if (q.lastError().isValid())
        return fail(q.lastError());
    return true;
}

namespace {

/** What a failed read gives back: nothing, never a part. */
template <typename Result>
Result orNothing(bool ok, Result &&result)
{
    return ok ? std::move(result) : Result();
}

} // namespace

QList<RunRecord> SagaLog::runsAfter(qint64 afterId, QString *error) const
{
    QList<RunRecord> result;
    const bool ok = select(QStringLiteral("SELECT id, first_instance, definition, options FROM runs WHERE id > ? ORDER BY id"),
                           {afterId}, [&](const QSqlQuery &q) {
                               RunRecord r;
                               r.id = q.value(0).toLongLong();
                               r.firstInstance = q.value(1).toLongLong();
                               r.definitionJson = q.value(2).toString().toUtf8();
                               r.options = RunOptions::fromJson(QJsonDocument::fromJson(q.value(3).toString().toUtf8()).object());
                               result.append(r);
                           }, error);
    return orNothing(ok, std::move(result));
}

QList<InstanceRecord> SagaLog::instances(bool unfinishedOnly, QString *error) const
{
    QList<InstanceRecord> result;
    const bool ok = select(QStringLiteral("SELECT i.number, i.id, i.run, i.idx, i.status, i.reason FROM instances i %1 ORDER BY i.number")
                               .arg(unfinishedOnly ? QLatin1String(UnfinishedOnly) : QLatin1String()),
                           {}, [&](const QSqlQuery &q) {
                               InstanceRecord r;
                               r.number = q.value(0).toLongLong();
                               r.id = q.value(1).toString();
                               r.run = q.value(2).toLongLong();
                               r.index = q.value(3).toInt();
                               r.status = instanceStatusFromName(q.value(4).toString()).value_or(InstanceStatus::Running);
                               r.reason = q.value(5).toString();
                               result.append(r);
                           }, error);
    return orNothing(ok, std::move(result));
}

QHash<qint64, int> SagaLog::startedInstances(QString *error) const
{
    QHash<qint64, int> result;
    const bool ok = select(QStringLiteral("SELECT run, count(*) FROM instances GROUP BY run"), {},
                           [&](const QSqlQuery &q) { result.insert(q.value(0).toLongLong(), q.value(1).toInt()); }, error);
    return orNothing(ok, std::move(result));
}

QHash<qint64, QList<TraceEvent>> SagaLog::events(bool unfinishedOnly, QString *error) const
{
    QHash<qint64, QList<TraceEvent>> result;
    const bool ok = select(QStringLiteral("SELECT e.instance, %1, %2 %3 %4 ORDER BY e.instance, e.seq")
                               .arg(QLatin1String(EventColumns), versionedColumns(), QLatin1String(EventsJoin),
                                    unfinishedOnly ? QLatin1String(UnfinishedOnly) : QLatin1String()),
                           {}, [&](const QSqlQuery &q) { result[q.value(0).toLongLong()].append(eventFromRow(q, 1)); }, error);
    return orNothing(ok, std::move(result));
}

QList<TraceEvent> SagaLog::eventsOf(const QString &instance, QString *error) const
{
    QList<TraceEvent> result;
    const bool ok = select(QStringLiteral("SELECT %1, %2 %3 WHERE i.id = ? ORDER BY e.seq")
                               .arg(QLatin1String(EventColumns), versionedColumns(), QLatin1String(EventsJoin)),
                           {instance}, [&](const QSqlQuery &q) { result.append(eventFromRow(q, 0)); }, error);
    return orNothing(ok, std::move(result));
}

QList<LoggedEvent> SagaLog::eventsAfter(qint64 lastId, int limit, QString *error) const
{
    QList<LoggedEvent> result;
    const bool ok = select(QStringLiteral("SELECT e.id, e.instance, %1, %2 %3 WHERE e.id > ? ORDER BY e.id LIMIT ?")
                               .arg(QLatin1String(EventColumns), versionedColumns(), QLatin1String(EventsJoin)),
                           {lastId, limit}, [&](const QSqlQuery &q) {
                               result.append(LoggedEvent{q.value(0).toLongLong(), q.value(1).toLongLong(), eventFromRow(q, 2)});
                           }, error);
    return orNothing(ok, std::move(result));
}

QList<FaultRecord> SagaLog::faults(qint64 run, QString *error) const
{
    QList<FaultRecord> result;
    if (error)
        error->clear();
    if (m_schemaVersion < 2)
        return result;
    const bool ok = select(
        QStringLiteral("SELECT id, instance, step, operation, failure, attempts, bases FROM faults WHERE run = ? ORDER BY id"), {run},
        [&](const QSqlQuery &q) {
            FaultRecord r;
            r.id = q.value(0).toLongLong();
            r.run = run;
            r.instance = q.value(1).toString();
            r.step = q.value(2).toString();
            if (!q.value(3).isNull())
                r.operation = operationKindFromName(q.value(3).toString()).value_or(OperationKind::Action);
            r.fault.kind = failureKindFromName(q.value(4).toString()).value_or(FailureKind::None);
            r.fault.attempts = q.value(5).toInt();
            const QJsonObject bases = QJsonDocument::fromJson(q.value(6).toString().toUtf8()).object();
            for (auto it = bases.constBegin(); it != bases.constEnd(); ++it)
                r.bases.insert(it.key(), it.value().toInt());
            result.append(r);
        },
        error);
    return orNothing(ok, std::move(result));
}

QMap<QString, qint64> SagaLog::resourceValues(qint64 run, QString *error) const
{
    QMap<QString, qint64> result;
    if (error)
        error->clear();
    if (m_schemaVersion < 4)
        return result;
    const bool ok = select(QStringLiteral("SELECT c.resource, c.value FROM resource_changes c JOIN instances i ON i.number = c.instance "
                                          "WHERE i.run = ? ORDER BY c.id"),
                           {run}, [&](const QSqlQuery &q) { result.insert(q.value(0).toString(), q.value(1).toLongLong()); }, error);
    return orNothing(ok, std::move(result));
}

QList<ResultRecord> SagaLog::results(bool unfinishedOnly, QString *error) const
{
    QList<ResultRecord> result;
    if (error)
        error->clear();
    if (m_schemaVersion < 5)
        return result;
    const bool ok = select(QStringLiteral("SELECT r.instance, r.step, r.body FROM results r JOIN instances i ON i.number = r.instance "
                                          "%1 ORDER BY r.instance")
                               .arg(unfinishedOnly ? QLatin1String(UnfinishedOnly) : QLatin1String()),
                           {}, [&](const QSqlQuery &q) {
                               result.append(ResultRecord{q.value(0).toLongLong(), q.value(1).toString(),
                                                          q.value(2).toString().toUtf8()});
                           }, error);
    return orNothing(ok, std::move(result));
}

QList<HttpAttemptRecord> SagaLog::httpAttempts(const QString &instance, QString *error) const
{
    return readHttpAttempts(QStringLiteral("i.id = ?"), {instance}, error);
}

QList<HttpAttemptRecord> SagaLog::httpAttempts(const QString &instance, const StepId &step, OperationKind operation,
                                               int attempt, QString *error) const
{
    return readHttpAttempts(QStringLiteral("i.id = ? AND a.step = ? AND a.operation = ? AND a.attempt = ?"),
                            {instance, step, operationKindName(operation), attempt}, error);
}

QList<HttpAttemptRecord> SagaLog::readHttpAttempts(const QString &where, const QVariantList &values, QString *error) const
{
    QList<HttpAttemptRecord> result;
    if (error)
        error->clear();
    if (m_schemaVersion < 5)
        return result;
    // The request was kept from version 7 on; before, its columns do not exist.
    const QString request = m_schemaVersion >= 7 ? QStringLiteral("a.request_headers, a.request_body")
                                                 : QStringLiteral("NULL, NULL");
    const bool ok = select(
        QStringLiteral("SELECT a.instance, a.step, a.operation, a.attempt, a.method, a.url, a.status, a.duration_ms, a.reply, "
                       "a.outcome, a.error, %1 FROM http_attempts a JOIN instances i ON i.number = a.instance WHERE %2 "
                       "ORDER BY a.id")
            .arg(request, where),
        values, [&](const QSqlQuery &q) {
            HttpAttemptRecord a;
            a.instanceNumber = q.value(0).toLongLong();
            a.step = q.value(1).toString();
            a.operation = operationKindFromName(q.value(2).toString()).value_or(OperationKind::Action);
            a.attempt = q.value(3).toInt();
            a.method = q.value(4).toString();
            a.url = q.value(5).toString();
            a.status = q.value(6).isNull() ? 0 : q.value(6).toInt();
            a.durationMs = q.value(7).toLongLong();
            a.reply = q.value(8).toByteArray();
            a.outcome = q.value(9).toString();
            a.error = q.value(10).toString();
            a.requestKept = !q.value(11).isNull();
            if (a.requestKept)
                a.requestHeaders = HttpExchange::headersFromJson(q.value(11).toString().toUtf8());
            a.requestBody = q.value(12).toByteArray();
            result.append(a);
        },
        error);
    return orNothing(ok, std::move(result));
}

QList<EffectRecord> SagaLog::effects(bool unfinishedOnly, QString *error) const
{
    QList<EffectRecord> result;
    const bool ok = select(QStringLiteral("SELECT f.instance, f.step, f.operation, f.outcome FROM effects f "
                                          "JOIN instances i ON i.number = f.instance %1 ORDER BY f.instance")
                               .arg(unfinishedOnly ? QLatin1String(UnfinishedOnly) : QLatin1String()),
                           {}, [&](const QSqlQuery &q) {
                               EffectRecord r;
                               r.instanceNumber = q.value(0).toLongLong();
                               r.step = q.value(1).toString();
                               r.operation = operationKindFromName(q.value(2).toString()).value_or(OperationKind::Action);
                               r.outcome = effectOutcomeFromName(q.value(3).toString()).value_or(EffectOutcome::Applied);
                               result.append(r);
                           }, error);
    return orNothing(ok, std::move(result));
}

QVariant SagaLog::pragma(const QString &name) const
{
    if (!isPersistent())
        return {};
    QSqlQuery q(m_sql->db);
    if (!q.exec(QStringLiteral("PRAGMA ") + name) || !q.next())
        return {};
    return q.value(0);
}

QString SagaLog::integrityCheck() const
{
    if (!isPersistent())
        return QStringLiteral("ok");
    QSqlQuery q(m_sql->db);
    QStringList lines;
    if (!q.exec(QStringLiteral("PRAGMA integrity_check")))
        return q.lastError().text();
    while (q.next())
        lines.append(q.value(0).toString());
    return lines.join(QLatin1Char('\n'));
}

} // namespace Sagascope
