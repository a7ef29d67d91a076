// SPDX-License-Identifier: MIT
#pragma once

#include "effectsledger.h"
#include "participant.h"
#include "runoptions.h"
#include "scheduler.h"
#include "sharedresources.h"
#include "traceevent.h"

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QString>
#include <QVariant>

#include <functional>
#include <memory>
#include <optional>
#include <vector>

class QSqlQuery;

namespace Sagascope {

/** One run recorded in a saga log: the definition it ran and its options. */
struct RunRecord
{
    qint64 id = 0;
    QByteArray definitionJson;
    RunOptions options;
    qint64 firstInstance = 0; // instance numbers [firstInstance, firstInstance + options.instances)
};

/** One instance as the log knows it. */
struct InstanceRecord
{
    qint64 number = 0;
    QString id;
    qint64 run = 0;
    int index = 0; // index within its run (the seed stream)
    InstanceStatus status = InstanceStatus::Running;
    QString reason;
};

/** One row of the log's trace, with its position in commit order (for following a log live). */
struct LoggedEvent
{
    qint64 id = 0;
    qint64 instanceNumber = 0;
    TraceEvent event;
};

/** One effects-ledger row: what a participant applied for one idempotency key. */
struct EffectRecord
{
    qint64 instanceNumber = 0;
    StepId step;
    OperationKind operation = OperationKind::Action;
    EffectOutcome outcome = EffectOutcome::Applied;
};

/** A fault injected into a run while it ran (Engine::injectFault, clearFaults), so that recover
 *  knows it: the log's `faults` table, applied in `id` order on top of the run's own faults. */
struct FaultRecord
{
    qint64 id = 0;
    qint64 run = 0;
    QString instance;                        // empty: every instance of the run
    StepId step;
    std::optional<OperationKind> operation;  // none: every fault on the step removed (clearFaults)
    FaultPlan::Fault fault;                  // kind None: the fault removed
    /** Per instance, the attempts already called when it was injected: the fault counts its
     *  attempts from the next one (SagaExecutor::restartFaultCount). Instances left out: 0. */
    QHash<QString, int> bases;
};

/** The result (JSON reply body) of a step's succeeded remote action: templates read it. */
struct ResultRecord
{
    qint64 instanceNumber = 0;
    StepId step;
    QByteArray json;
};

/** One header of a request as the log keeps it (credentials redacted). */
struct HttpHeader
{
    QString name;
    QString value;
    friend bool operator==(const HttpHeader &, const HttpHeader &) = default;
};

/** One HTTP request sent to a remote endpoint (SPEC section 6), as the log keeps it. An attempt
 *  has one, or two when a 401 made it fetch a new token and send the request again. */
struct HttpAttemptRecord
{
    qint64 instanceNumber = 0;
    StepId step;
    OperationKind operation = OperationKind::Action;
    int attempt = 1;
    QString method;
    QString url;
    int status = 0;          // 0: no HTTP reply
    qint64 durationMs = 0;
    QByteArray reply;        // the first 4 KiB of the reply body
    QString outcome;         // "succeeded", "technical", "timeout", "business"; "reauthorized": a 401 sent again with a new token
    QString error;           // the network error, in words, when there was one
    /** The request's headers in the order they were set, credentials redacted
     *  (HttpExchange::redactedValue: the token never reaches the log). Version 7. */
    QList<HttpHeader> requestHeaders;
    QByteArray requestBody;  // as sent; null: no body
    /** False: read from a log older than version 7, which did not keep the request. */
    bool requestKept = true;

    friend bool operator==(const HttpAttemptRecord &, const HttpAttemptRecord &) = default;
};

/**
 * The saga log (SPEC section 3, docs/SAGA-LOG.md): an SQLite database in WAL mode with
 * synchronous=FULL, holding the runs (definition and options), the instances, every transition
 * and the effects ledger. Writes are buffered and committed by the Scheduler as one transaction
 * per batch (group commit). Without a path it is an in-memory log that keeps nothing.
 * A connection belongs to the thread that opened it.
 */
class SagaLog final : public Durability, public LedgerStore, public ResourceStore
{
public:
    /** 2 added the `faults` table; 3 the broker's `message` column with the outbox and inbox
     *  (SPEC section 5); 4 `resource_changes` (SPEC section 7: the shared counters); 5 `results`
     *  and `http_attempts` (SPEC section 6: remote endpoints); 6 `resumes` (a person's decisions
     *  about stuck instances, `sagascope-cli resume`); 7 the request's headers and body in
     *  `http_attempts` (the HTTP Exchange panel). An older log is upgraded, one version at a
     *  time, when it is opened for writing; read-only, it is read as it is. */
    static constexpr int SchemaVersion = 7;
    /** Bytes of a reply body kept in `http_attempts.reply`. */
    static constexpr int ReplyBytesKept = 4096;
    static constexpr qint32 ApplicationId = 0x53414741; // "SAGA"

    struct OpenOptions
    {
        bool create = true;          // create the file when it does not exist
        bool readOnly = false;       // inspect and monitor: no write lock taken, nothing changed
        int busyTimeoutMs = 5000;    // how long to wait for another writer
        qint64 maxPageCount = 0;     // > 0: cap the file size (PRAGMA max_page_count)
        int maxBatch = 8192;         // transitions per commit at most
        /** Writers share the log (several runs may write at once); recover needs it alone, so that
         *  it never drives an instance that a live process is still running. Read-only opens take
         *  no lock. The lock is an flock() on PATH-lock, released by the kernel when the process dies. */
        enum class Access { Shared, Exclusive } access = Access::Shared;
        /** Commit batches through sqlite3 statements on the connection's own handle when the
         *  driver exposes one of the library we link (the fast path). False: always through QtSql,
         *  the fallback; the tests run the log on both (the environment variable
         *  SAGASCOPE_SAGALOG_COMMITS=qtsql does the same for a whole process). */
        bool nativeCommits = true;
        /** True: every commit survives a power loss (`synchronous=FULL`, an fsync a commit). False:
         *  it survives the process being killed, not the machine going down (`synchronous=NORMAL`
         *  in WAL mode: no fsync but at checkpoints). The GUI's own session logs, which live in a
         *  temporary directory for one session, take false; every log a user names takes true. */
        bool durableCommits = true;
    };

    ~SagaLog() override;

    /** A log that keeps nothing (run without --db). */
    static std::unique_ptr<SagaLog> inMemory(int maxBatch = 8192);
    /** Opens (or creates) a log file. Null with a message naming the file and the fault. */
    static std::unique_ptr<SagaLog> open(const QString &path, const OpenOptions &options, QString *error);

    bool isPersistent() const { return m_sql != nullptr; }
    /** True when batches are committed through the native sqlite3 handle, false through QtSql. */
    bool usesNativeCommits() const { return m_native != nullptr; }
    QString path() const { return m_path; }
    QString lastError() const { return m_lastError; }

    /** Records a new run and reserves instance numbers for it; committed at once. */
    std::optional<RunRecord> beginRun(const QByteArray &definitionJson, const RunOptions &options, QString *error);

    /** Records a fault injected during a run; committed at once, before it can change any call.
     *  False with lastError() set when the log cannot take it. Nothing to do in memory. */
    bool recordFault(const FaultRecord &record);

    // Buffered writes (committed by commit()).
    void appendInstance(const InstanceRecord &instance);
    void appendEvent(qint64 instanceNumber, const TraceEvent &event);
    void appendEffect(const QString &instance, const StepId &step, OperationKind operation, EffectOutcome outcome) override;
    void appendResourceChange(const QString &instance, const StepId &step, const QString &operation,
                              const QString &resource, qint64 delta, qint64 value) override;
    /** A remote action's result, written with the transition it belongs to. */
    void appendResult(const QString &instance, const StepId &step, const QByteArray &json);
    /** An HTTP request and what came back (`instanceNumber` is filled from the instance id). */
    void appendHttpAttempt(const QString &instance, const HttpAttemptRecord &attempt);
    /** Maps an instance id to its number for appendEffect(); set by the executor. */
    void setInstanceNumber(const QString &instance, qint64 number) { m_numbers.insert(instance, number); }
    void forgetInstanceNumber(const QString &instance) { m_numbers.remove(instance); }

    // Durability
    qsizetype pendingCount() const override { return m_pendingCount; }
    bool mustCommitNow() const override { return m_pendingCount >= m_maxBatch; }
    bool commit() override;
    /** Commits that succeeded, and transitions written by them (for figures). */
    quint64 commitCount() const { return m_commits; }
    quint64 committedRows() const { return m_committedRows; }

    // Reading (persistent logs only). A read that fails sets `error` (naming the file) and
    // returns nothing; on success `error` is cleared. Recovery relies on it: a failed read must
    // never look like "nothing to recover".
    QList<RunRecord> runs(QString *error) const { return runsAfter(0, error); }
    /** The runs with an id above `afterId`, in id order (a monitor polls this for new runs). */
    QList<RunRecord> runsAfter(qint64 afterId, QString *error) const;
    QList<InstanceRecord> instances(bool unfinishedOnly, QString *error) const;
    /** How many instances each run started (by run id): a run that was stopped or killed may
     *  have started fewer than its `instances` asked for. */
    QHash<qint64, int> startedInstances(QString *error) const;
    /** Every event of every instance (or of the unfinished ones), by instance number, in seq order. */
    QHash<qint64, QList<TraceEvent>> events(bool unfinishedOnly, QString *error) const;
    /** Events committed after the one with id `lastId`, in commit order, at most `limit`: a monitor
     *  polls this with the last id it has seen. */
    QList<LoggedEvent> eventsAfter(qint64 lastId, int limit = 10000, QString *error = nullptr) const;
    /** The trace of one instance (by its id), in seq order: to replay it. Empty if unknown. */
    QList<TraceEvent> eventsOf(const QString &instance, QString *error = nullptr) const;
    /** The faults injected into run `run` while it ran, in the order they were (none in a
     *  version 1 log). */
    QList<FaultRecord> faults(qint64 run, QString *error) const;
    /** The last value the log recorded for each shared counter of run `run` (counters it never
     *  changed are left out; none in a log before version 4). */
    QMap<QString, qint64> resourceValues(qint64 run, QString *error) const;
    /** The effects ledger of every instance (or of the unfinished ones). */
    QList<EffectRecord> effects(bool unfinishedOnly, QString *error) const;
    /** The results of remote actions (none before version 5). */
    QList<ResultRecord> results(bool unfinishedOnly, QString *error) const;
    /** The HTTP requests of one instance (by its id), in the order they were answered. */
    QList<HttpAttemptRecord> httpAttempts(const QString &instance, QString *error) const;
    /** The HTTP requests of one attempt of one operation (usually one; a 401 answered by a new
     *  token makes two), in the order they were answered. */
    QList<HttpAttemptRecord> httpAttempts(const QString &instance, const StepId &step, OperationKind operation, int attempt,
                                          QString *error) const;
    /** The schema version of the file (an older log opened read-only keeps its own). */
    int schemaVersion() const { return m_schemaVersion; }
    /** The value of a read-only PRAGMA on this connection (journal_mode, synchronous, user_version...). */
    QVariant pragma(const QString &name) const;
    /** PRAGMA integrity_check: "ok" or the problems found. */
    QString integrityCheck() const;

private:
    SagaLog() = default;
    bool prepareStatements(bool nativeCommits, QString *error);
    QList<HttpAttemptRecord> readHttpAttempts(const QString &where, const QVariantList &values, QString *error) const;
    void dropBatch();
    /** The events' columns added after version 1: `message` (version 3), `verdict` and
     *  `resource` (version 4), each NULL in a log older than it. */
    QString versionedColumns() const
    {
        return m_schemaVersion >= 4   ? QStringLiteral("e.message, e.verdict, e.resource")
               : m_schemaVersion >= 3 ? QStringLiteral("e.message, NULL, NULL")
                                      : QStringLiteral("NULL, NULL, NULL");
    }
    /** Runs `sql` (with `values` bound in order) and hands each row to `row`; false, with `error`
     *  set naming the file, if the statement or any step of it fails. */
    bool select(const QString &sql, const QVariantList &values, const std::function<void(const QSqlQuery &)> &row,
                QString *error) const;
    struct Sql;    // the QSQLITE connection and its prepared statements (QtSql stays out of this header)
    struct Native; // prepared sqlite3 statements on the QSQLITE connection's own handle
    struct Batch;  // writes one batch through either of them

    struct PendingEvent
    {
        qint64 instance;
        TraceEvent event;
    };
    struct PendingResourceChange
    {
        qint64 instance;
        StepId step;
        QString operation;
        QString resource;
        qint64 delta;
        qint64 value;
    };
    struct PendingEffect
    {
        qint64 instance;
        StepId step;
        OperationKind operation;
        EffectOutcome outcome;
    };

    QString m_path;
    QString m_connection;
    int m_schemaVersion = SchemaVersion; // of the file (a read-only v1 log stays v1)
    int m_lockFd = -1;
    std::unique_ptr<Sql> m_sql;
    std::unique_ptr<Native> m_native;
    std::vector<InstanceRecord> m_pendingInstances;
    std::vector<PendingEvent> m_pendingEvents;
    std::vector<PendingEffect> m_pendingEffects;
    std::vector<PendingResourceChange> m_pendingResourceChanges;
    struct PendingResult
    {
        qint64 instance;
        StepId step;
        QByteArray json;
    };
    std::vector<PendingResult> m_pendingResults;
    std::vector<HttpAttemptRecord> m_pendingAttempts;
    qsizetype m_pendingCount = 0;
    int m_maxBatch = 8192;
    QHash<QString, qint64> m_numbers;
    QString m_lastError;
    quint64 m_commits = 0;
    quint64 m_committedRows = 0;
};

} // namespace Sagascope
