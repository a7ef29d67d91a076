// SPDX-License-Identifier: MIT
#include "comparisonrunner.h"

#include "enginethread.h"
#include "validator.h"

namespace Sagascope {

ComparisonRunner::ComparisonRunner(QObject *parent)
    : QObject(parent)
    , m_engine(new EngineThread(this))
{
    qRegisterMetaType<Sagascope::RunSummary>();
    qRegisterMetaType<Sagascope::ProtocolComparison>();
    connect(m_engine->engine(), &Engine::finished, this, &ComparisonRunner::onFinished);
    connect(m_engine->engine(), &Engine::progress, this, &ComparisonRunner::onProgress);
    m_engine->setSpeed(0); // as fast as possible: virtual time never sleeps
}

ComparisonRunner::~ComparisonRunner() = default;

bool ComparisonRunner::start(const SagaDefinition &definition, const ComparisonLoad &load, QString *error)
{
    auto fail = [error](const QString &text) {
        if (error)
            *error = text;
        return false;
    };
    if (isRunning())
        return fail(tr("A comparison is in progress."));
    if (load.instances < 1)
        return fail(tr("A comparison needs at least one instance."));
    const QStringList errors = Validator::errorLines(definition);
    if (!errors.isEmpty())
        return fail(tr("The saga has validation errors and cannot run:\n%1").arg(errors.join(QLatin1Char('\n'))));
    m_definition = definition;
    m_load = load;
    m_cancelled = false;
    runPhase(Protocol::Saga);
    return true;
}

void ComparisonRunner::cancel()
{
    if (!isRunning())
        return;
    m_cancelled = true;
    m_engine->stop();
}

void ComparisonRunner::runPhase(Protocol protocol)
{
    m_phase = protocol == Protocol::Saga ? Phase::Saga : Phase::TwoPhaseCommit;
    RunRequest request;
    request.definition = m_definition;
    request.options.instances = m_load.instances;
    request.options.concurrency = m_load.concurrency;
    request.options.seed = m_load.seed;
    request.options.virtualTime = true;
    request.options.protocol = protocol;
    request.collectTrace = false;
    m_engine->start(request);
    onProgress(0, m_load.instances);
}

void ComparisonRunner::onProgress(int finished, int total)
{
    if (!isRunning() || total <= 0)
        return;
    const int half = 50 * qBound(0, finished, total) / total;
    const bool saga = m_phase == Phase::Saga;
    Q_EMIT progress(saga ? half : 50 + half,
                    saga ? tr("Saga: %1 of %2 instances").arg(finished).arg(total)
                         : tr("Two-phase commit: %1 of %2 instances").arg(finished).arg(total));
}

void ComparisonRunner::onFinished(const RunSummary &summary)
{
    if (!isRunning())
        return;
    if (m_cancelled || !summary.error.isEmpty()) {
        m_phase = Phase::Idle;
        Q_EMIT failed(m_cancelled ? tr("The comparison was cancelled.") : summary.error);
        return;
    }
    if (m_phase == Phase::Saga) {
        m_sagaSummary = summary;
        runPhase(Protocol::TwoPhaseCommit);
        return;
    }
    m_phase = Phase::Idle;
    m_result = ProtocolComparison(m_definition.name, m_load, m_sagaSummary, summary);
    Q_EMIT progress(100, tr("Done"));
    Q_EMIT finished(m_result);
}

} // namespace Sagascope
