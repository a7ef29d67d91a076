// SPDX-License-Identifier: MIT
#include "logfollower.h"

#include "sagafile.h"

#include <QCoreApplication>
#include <QThread>
#include <QTimer>

#include <memory>

namespace Sagascope {

/** Lives on the follower's thread: owns the read-only connection and the polling timer. */
class LogFollower::Poller : public QObject
{
public:
    static constexpr int BatchSize = 10000;
    static constexpr int BatchesPerPoll = 20; // then the thread's event loop gets control back

    explicit Poller(LogFollower *follower) : m_follower(follower), m_timer(this)
    {
        m_timer.setSingleShot(true);
        connect(&m_timer, &QTimer::timeout, this, &Poller::poll);
    }

    void reset(const QString &path)
    {
        stop();
        m_log.reset();
        m_path = path;
        m_lastEventId = 0;
        m_lastRunId = 0;
        m_lastError.clear();
    }
    void setInterval(int ms) { m_interval = ms; }
    void start()
    {
        m_running = true;
        poll();
    }
    void stop()
    {
        m_running = false;
        m_timer.stop();
    }

private:
    void report(const QString &message)
    {
        if (message == m_lastError)
            return; // once per fault, not once per poll
        m_lastError = message;
        QMetaObject::invokeMethod(m_follower, [follower = m_follower, message] { Q_EMIT follower->error(message); },
                                  Qt::QueuedConnection);
    }

    void poll()
    {
        if (!m_running)
            return;
        bool more = false;
        if (!m_log) {
            QString error;
            SagaLog::OpenOptions options;
            options.readOnly = true;
            options.busyTimeoutMs = 1000;
            m_log = SagaLog::open(m_path, options, &error);
            if (!m_log)
                report(error);
        }
        if (m_log)
            more = readNew();
        if (m_running)
            m_timer.start(more ? 0 : m_interval);
    }

    /** Reads what was committed since the last poll; true when there is more to read at once. */
    bool readNew()
    {
        for (int batch = 0; batch < BatchesPerPoll; ++batch) {
            QString error;
            // Events first, then runs: a run is committed before any event of its instances, so
            // every run of the events read is among the runs read after them.
            const QList<LoggedEvent> logged = m_log->eventsAfter(m_lastEventId, BatchSize, &error);
            if (!error.isEmpty()) {
                report(error);
                return false;
            }
            const QList<RunRecord> runs = m_log->runsAfter(m_lastRunId, &error);
            if (!error.isEmpty()) {
                report(error);
                return false;
            }
            m_lastError.clear();
            for (const RunRecord &run : runs) {
                m_lastRunId = run.id;
                const LoadResult loaded = SagaFile::parse(
                    run.definitionJson, QCoreApplication::translate("LogFollower", "%1 (run %2)").arg(m_path).arg(run.id));
                if (!loaded.ok()) {
                    report(QCoreApplication::translate("LogFollower", "cannot read the saga of run %1: %2")
                               .arg(run.id)
                               .arg(loaded.error.toString()));
                    continue;
                }
                QMetaObject::invokeMethod(
                    m_follower,
                    [follower = m_follower, run, definition = *loaded.definition] { Q_EMIT follower->runFound(run, definition); },
                    Qt::QueuedConnection);
            }
            if (logged.isEmpty())
                return false;
            QList<TraceEvent> events;
            events.reserve(logged.size());
            for (const LoggedEvent &e : logged)
                events.append(e.event);
            m_lastEventId = logged.last().id;
            QMetaObject::invokeMethod(
                m_follower, [follower = m_follower, events] { Q_EMIT follower->traceEvents(events); }, Qt::QueuedConnection);
            if (logged.size() < BatchSize)
                return false;
        }
        return true;
    }

    LogFollower *m_follower;
    QTimer m_timer;
    std::unique_ptr<SagaLog> m_log;
    QString m_path;
    QString m_lastError;
    qint64 m_lastEventId = 0;
    qint64 m_lastRunId = 0;
    int m_interval = 250;
    bool m_running = false;
};

LogFollower::LogFollower(QObject *parent) : QObject(parent), m_thread(new QThread(this)), m_poller(new Poller(this))
{
    qRegisterMetaType<Sagascope::RunRecord>();
    qRegisterMetaType<Sagascope::SagaDefinition>();
    qRegisterMetaType<QList<Sagascope::TraceEvent>>();
    m_thread->setObjectName(QStringLiteral("sagascope-logfollower"));
    m_poller->moveToThread(m_thread);
    m_thread->start();
}

LogFollower::~LogFollower()
{
    // The poller (and its connection) is deleted in its own thread, before the thread ends.
    QMetaObject::invokeMethod(m_poller, [poller = m_poller] { delete poller; }, Qt::BlockingQueuedConnection);
    m_thread->quit();
    m_thread->wait();
}

bool LogFollower::open(const QString &path, QString *error)
{
    SagaLog::OpenOptions options;
    options.readOnly = true;
    {
        const std::unique_ptr<SagaLog> check = SagaLog::open(path, options, error);
        if (!check)
            return false;
    }
    m_path = path;
    m_following = false;
    QMetaObject::invokeMethod(m_poller, [poller = m_poller, path] { poller->reset(path); }, Qt::QueuedConnection);
    return true;
}

void LogFollower::setInterval(int ms)
{
    m_interval = qMax(1, ms);
    QMetaObject::invokeMethod(m_poller, [poller = m_poller, ms = m_interval] { poller->setInterval(ms); },
                              Qt::QueuedConnection);
}

void LogFollower::start()
{
    if (m_path.isEmpty()) {
        Q_EMIT error(tr("no saga log to follow: open one first"));
        return;
    }
    m_following = true;
    QMetaObject::invokeMethod(m_poller, [poller = m_poller] { poller->start(); }, Qt::QueuedConnection);
}

void LogFollower::stop()
{
    m_following = false;
    QMetaObject::invokeMethod(m_poller, [poller = m_poller] { poller->stop(); }, Qt::QueuedConnection);
}

} // namespace Sagascope
