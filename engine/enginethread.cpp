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

void EngineThread::stop()
{
    QMetaObject::invokeMethod(m_engine, [engine = m_engine] { engine->stop(); }, Qt::QueuedConnection);
}

} // namespace Sagascope
