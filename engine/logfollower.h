// SPDX-License-Identifier: MIT
#pragma once

#include "sagadefinition.h"
#include "sagalog.h"
#include "traceevent.h"

#include <QList>
#include <QObject>
#include <QString>

class QThread;

namespace Sagascope {

/**
 * Follows a saga log that another process (`sagascope-cli run --db`) may be writing: on a thread
 * of its own, with a read-only connection (WAL: it never blocks the writer, nor the writer it),
 * it polls for what was committed since it last looked and reports it in commit order, as the
 * engine does: runFound() for each run (before any of its events), then traceEvents() batches.
 * Every committed event is reported exactly once, each instance's in seq order. Opening a log
 * reports it from its first event, so a monitor sees the whole history and then the live tail.
 */
class LogFollower : public QObject
{
    Q_OBJECT
public:
    explicit LogFollower(QObject *parent = nullptr);
    ~LogFollower() override;

    /** Checks that `path` is a saga log this build reads (SagaLog's checks: not a log, a newer
     *  schema, missing file) and makes it the log to follow, from its start. False with a message
     *  naming the file and the fault. Stops following the previous log. */
    bool open(const QString &path, QString *error);
    QString path() const { return m_path; }
    /** Milliseconds between two polls (default 250); applies from the next poll. */
    void setInterval(int ms);
    int interval() const { return m_interval; }
    bool isFollowing() const { return m_following; }

public Q_SLOTS:
    /** Starts (or goes on) following the opened log: polls at once, then every interval(). */
    void start();
    /** Stops polling; start() goes on from where it stopped. */
    void stop();

Q_SIGNALS:
    /** A run found in the log, with the saga it ran (before any event of its instances). */
    void runFound(const Sagascope::RunRecord &run, const Sagascope::SagaDefinition &definition);
    /** Events committed since the last batch, in commit order (same shape as Engine::traceEvents). */
    void traceEvents(const QList<Sagascope::TraceEvent> &events);
    /** The log could not be read (it keeps polling; the message names the file). */
    void error(const QString &message);

private:
    class Poller;
    QThread *m_thread = nullptr;
    Poller *m_poller = nullptr;
    QString m_path;
    int m_interval = 250;
    bool m_following = false;
};

} // namespace Sagascope

Q_DECLARE_METATYPE(Sagascope::RunRecord)
