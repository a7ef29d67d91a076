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
    void resumeStuck(const QString &logPath, const ResumeRequest &request, const SagaLog::OpenOptions &options = {});
    void stop();

    // Run control, posted to the engine's thread (see Engine for what each does). The engine
    // answers by its signals: paused(), resumed(), faultsChanged().
    void pause();
    void resume();
    void stepTransition();
    void setSpeed(double factor);
    void setBreakpoints(const QList<Breakpoint> &breakpoints);
    /** An invalid fault (a business failure of a compensation, a step the run lacks) is ignored;
     *  check it first with FaultPlan::isValid(). */
    void injectFault(const QString &instance, const StepId &step, OperationKind operation, FailureKind kind,
                     int attempts);
    void clearFaults(const StepId &step);

private:
    QThread *m_thread = nullptr;
    Engine *m_engine = nullptr;
};

} // namespace Sagascope
