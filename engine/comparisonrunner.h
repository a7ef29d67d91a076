// SPDX-License-Identifier: MIT
#pragma once

#include "protocolcomparison.h"
#include "sagadefinition.h"

#include <QObject>

namespace Sagascope {

class EngineThread;

/**
 * Compare, without a window: runs one saga under the saga protocol, then under two-phase
 * commit, with the same seed and load, on an engine thread of its own (the GUI thread only
 * receives signals), in virtual time with an in-memory log and no trace, and hands back the
 * ProtocolComparison of the two summaries. Tested without a display (tst_comparisonrunner).
 */
class ComparisonRunner : public QObject
{
    Q_OBJECT
public:
    explicit ComparisonRunner(QObject *parent = nullptr);
    ~ComparisonRunner() override;

    /** Starts both runs; false with a message when the saga has validation errors, the load is
     *  empty, or a comparison is in progress. Ends with finished() or failed(). */
    bool start(const SagaDefinition &definition, const ComparisonLoad &load, QString *error);
    /** Stops the comparison in progress; failed() follows. */
    void cancel();
    bool isRunning() const { return m_phase != Phase::Idle; }
    /** The last comparison that finished (empty before the first). */
    const ProtocolComparison &result() const { return m_result; }

Q_SIGNALS:
    /** `percent` of both runs together (the saga run is the first half), and what runs now. */
    void progress(int percent, const QString &text);
    void finished(const Sagascope::ProtocolComparison &comparison);
    void failed(const QString &error);

private:
    enum class Phase { Idle, Saga, TwoPhaseCommit };
    void runPhase(Protocol protocol);
    void onFinished(const RunSummary &summary);
    void onProgress(int finished, int total);

    EngineThread *m_engine = nullptr;
    SagaDefinition m_definition;
    ComparisonLoad m_load;
    RunSummary m_sagaSummary;
    ProtocolComparison m_result;
    Phase m_phase = Phase::Idle;
    bool m_cancelled = false;
};

} // namespace Sagascope

Q_DECLARE_METATYPE(Sagascope::ProtocolComparison)
