// SPDX-License-Identifier: MIT
#include "enginethread.h"

#include <QThread>

namespace Sagascope {

EngineThread::EngineThread(QObject *parent) : QObject(parent), m_thread(new QThread(this)), m_engine(new Engine)
{
    m_thread->setObjectName(QStringLiteral("sagascope-engine"));
    m_engine->moveToThread(m_thread);
    connect(m_thread, &QThread::finished, m_engine, &QObject::deleteLater);
    m_thread->start();
}

EngineThread::~EngineThread()
{
    stop();
    m_thread->quit();
    m_thread->wait();
}

void EngineThread::start(const RunRequest &request)
{
    QMetaObject::invokeMethod(m_engine, [engine = m_engine, request] { engine->start(request); }, Qt::QueuedConnection);
}

void EngineThread::recover(const QString &logPath, const SagaLog::OpenOptions &options)
{
    QMetaObject::invokeMethod(m_engine, [engine = m_engine, logPath, options] { engine->recover(logPath, options); },
                              Qt::QueuedConnection);
}

void EngineThread::resumeStuck(const QString &logPath, const ResumeRequest &request, const SagaLog::OpenOptions &options)
{
    QMetaObject::invokeMethod(
        m_engine, [engine = m_engine, logPath, request, options] { engine->resumeStuck(logPath, request, options); },
        Qt::QueuedConnection);
}

void EngineThread::stop()
{
    QMetaObject::invokeMethod(m_engine, [engine = m_engine] { engine->stop(); }, Qt::QueuedConnection);
}

void EngineThread::pause()
{
    QMetaObject::invokeMethod(m_engine, [engine = m_engine] { engine->pause(); }, Qt::QueuedConnection);
}

void EngineThread::resume()
{
    QMetaObject::invokeMethod(m_engine, [engine = m_engine] { engine->resume(); }, Qt::QueuedConnection);
}

void EngineThread::stepTransition()
{
    QMetaObject::invokeMethod(m_engine, [engine = m_engine] { engine->stepTransition(); }, Qt::QueuedConnection);
}

void EngineThread::setSpeed(double factor)
{
    QMetaObject::invokeMethod(m_engine, [engine = m_engine, factor] { engine->setSpeed(factor); }, Qt::QueuedConnection);
}

void EngineThread::setBreakpoints(const QList<Breakpoint> &breakpoints)
{
    QMetaObject::invokeMethod(m_engine, [engine = m_engine, breakpoints] { engine->setBreakpoints(breakpoints); },
                              Qt::QueuedConnection);
}

void EngineThread::injectFault(const QString &instance, const StepId &step, OperationKind operation, FailureKind kind,
                               int attempts)
{
    QMetaObject::invokeMethod(
        m_engine, [=, engine = m_engine] { engine->injectFault(instance, step, operation, kind, attempts); },
        Qt::QueuedConnection);
}

void EngineThread::clearFaults(const StepId &step)
{
    QMetaObject::invokeMethod(m_engine, [engine = m_engine, step] { engine->clearFaults(step); }, Qt::QueuedConnection);
}

} // namespace Sagascope
