// SPDX-License-Identifier: MIT
#pragma once

#include "runoptions.h"
#include "sagadefinition.h"
#include "sagalog.h"
#include "traceevent.h"

#include <QList>
#include <QObject>
#include <QString>
#include <QTimer>

#include <memory>
#include <vector>

namespace Sagascope {

/** What to run: a definition (already validated), `run`'s options and where the log goes. */
struct RunRequest
{
    SagaDefinition definition;
    RunOptions options;
    QString logPath;                 // empty: an in-memory log
    SagaLog::OpenOptions logOptions;
    bool collectTrace = true;        // false: no traceEvents() signals (benchmarks)
};

/** How a run (or a recovery) ended. */
struct RunSummary
{
    int instances = 0;   // instances this run (or recovery) dealt with
    int completed = 0;
    int compensated = 0;
    int stuck = 0;
    int unfinished = 0;  // stopped, or left when the log could not be written
    quint64 transitions = 0;
    quint64 commits = 0;
    qint64 durationMs = 0; // in the run's own time (virtual with --virtual-time)
    qint64 wallMs = 0;
    bool virtualTime = false;
    QString logPath;
    QString error;       // the log could not be opened or written, or bad input

    /** SPEC section 4: 0 all completed, 10 some compensated and none stuck, 11 some stuck, 2 error. */
    int exitCode() const;
};

class SagaExecutor;
class Scheduler;
class Clock;
class EffectsLedger;
class SimulatedParticipant;

/**
 * The engine: runs saga instances (or recovers them from a saga log) on the thread it lives in,
 * driven by that thread's event loop, and reports by signals carrying value types. It never
 * blocks: virtual-time runs are cut into slices, real-time runs sleep on a timer. Move it to a
 * QThread (see EngineThread) to keep a GUI responsive; connections to it are then queued.
 */
class Engine : public QObject
{
    Q_OBJECT
public:
    explicit Engine(QObject *parent = nullptr);
    ~Engine() override;

    bool isBusy() const { return m_busy; }
    /** Events run per slice before the event loop gets control back. */
    void setSliceBudget(int events) { m_budget = qMax(1, events); }

public Q_SLOTS:
    /** Starts a run; returns at once. Ends with finished(). */
    void start(const Sagascope::RunRequest &request);
    /** Finishes every unfinished instance of the log at `logPath`. Ends with finished(). */
    void recover(const QString &logPath, const Sagascope::SagaLog::OpenOptions &options);
    /** Stops at the next slice: the log keeps what is committed; `recover` can finish the rest. */
    void stop();

Q_SIGNALS:
    /** The trace, in order, a batch at a time. */
    void traceEvents(const QList<Sagascope::TraceEvent> &events);
    void instanceFinished(const QString &instance, Sagascope::InstanceStatus status, const QString &reason);
    /** About five times a second while busy. */
    void progress(int finished, int total);
    void finished(const Sagascope::RunSummary &summary);

private:
    struct Job;
    void addJob(const SagaDefinition &definition, const RunOptions &options, qint64 runStart);
    void startNextJob();
    void work();
    void end(const QString &error);
    void flushTrace();

    std::unique_ptr<SagaLog> m_log;
    std::vector<std::unique_ptr<Job>> m_jobs;
    size_t m_current = 0;
    RunSummary m_summary;
    QList<TraceEvent> m_batch;
    bool m_collectTrace = true;
    bool m_busy = false;
    bool m_stopRequested = false;
    int m_budget = 4096;
    int m_total = 0;
    QTimer m_timer;
    qint64 m_lastProgressMs = 0;
    std::unique_ptr<QElapsedTimer> m_wall;
};

} // namespace Sagascope

Q_DECLARE_METATYPE(Sagascope::RunSummary)
Q_DECLARE_METATYPE(Sagascope::RunRequest)
Q_DECLARE_METATYPE(Sagascope::SagaLog::OpenOptions)
