// SPDX-License-Identifier: MIT
#pragma once

#include "engine.h"

#include <QObject>

class QThread;

namespace Sagascope {

/**
 * An Engine on a thread of its own: what the GUI uses. Requests are posted to the engine's
 * thread; every signal of engine() arrives queued in the receiver's thread.
 */
class EngineThread : public QObject
{
    Q_OBJECT
public:
    explicit EngineThread(QObject *parent = nullptr);
    ~EngineThread() override;

    Engine *engine() const { return m_engine; }
    /** Posts a run to the engine's thread; returns at once. */
    void start(const RunRequest &request);
    void recover(const QString &logPath, const SagaLog::OpenOptions &options = {});
    void stop();

private:
    QThread *m_thread = nullptr;
    Engine *m_engine = nullptr;
};

} // namespace Sagascope
