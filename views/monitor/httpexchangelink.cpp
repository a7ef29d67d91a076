// SPDX-License-Identifier: MIT
#include "httpexchangelink.h"

#include "eventlogfiltermodel.h"
#include "eventlogmodel.h"
#include "eventlogpanel.h"
#include "httpexchangepanel.h"
#include "runcontroller.h"
#include "runmonitor.h"
#include "timelinewidget.h"

#include <QItemSelectionModel>
#include <QTableView>

namespace Sagascope {

namespace {

/** The event that ended the attempt `key`, if the trace has it. */
const TraceEvent *outcomeOf(const QList<TraceEvent> &events, const HttpAttemptKey &key)
{
    const bool action = key.operation == OperationKind::Action;
    for (const TraceEvent &e : events) {
        if (e.step != key.step || e.attempt != key.attempt)
            continue;
        if (action && (e.event == TraceEventType::StepSucceeded || e.event == TraceEventType::StepFailed))
            return &e;
        if (!action && (e.event == TraceEventType::CompensationSucceeded || e.event == TraceEventType::CompensationFailed))
            return &e;
    }
    return nullptr;
}

} // namespace

HttpExchangeLink::HttpExchangeLink(RunController *run, RunMonitor *monitor, EventLogPanel *eventLog,
                                   TimelineWidget *timeline, HttpExchangePanel *panel, QObject *parent)
    : QObject(parent)
    , m_run(run)
    , m_monitor(monitor)
    , m_eventLog(eventLog)
    , m_timeline(timeline)
    , m_panel(panel)
{
    connect(run, &RunController::runStarted, this, [this](const SagaDefinition &definition, const RunOptions &options) {
        prepare(definition, options.simulate);
        setLogPath(m_run->lastLogPath());
    });
    connect(run, &RunController::logOpened, this, &HttpExchangeLink::setLogPath);
    connect(run, &RunController::recoveryStarted, this, &HttpExchangeLink::setLogPath);
    connect(run, &RunController::logRunFound, this, [this](const RunRecord &record, const SagaDefinition &definition) {
        m_panel->setDefinition(definition, record.options.simulate);
    });
    connect(monitor, &RunMonitor::updated, this, &HttpExchangeLink::onFrame);
    connect(eventLog->view()->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex &current) {
                const QModelIndex source = m_eventLog->filterModel()->mapToSource(current);
                onEventRowChanged(source.isValid() ? source.row() : -1);
            });
    connect(timeline, &TimelineWidget::attemptSelected, this, [this](const StepId &step, bool compensation, int attempt) {
        const HttpAttemptKey key{m_timeline->instance(), step,
                                 compensation ? OperationKind::Compensation : OperationKind::Action, attempt};
        showAttempt(key);
        Q_EMIT attemptChosen(key);
    });
    m_again.setSingleShot(true);
    m_again.setInterval(100);
    connect(&m_again, &QTimer::timeout, this, [this] {
        showAttempt(m_panel->attempt());
    });
}

void HttpExchangeLink::prepare(const SagaDefinition &definition, bool simulate)
{
    m_again.stop();
    m_panel->setDefinition(definition, simulate);
}

void HttpExchangeLink::setLogPath(const QString &path)
{
    m_panel->setLogPath(path);
    if (m_panel->attempt().isValid())
        showAttempt(m_panel->attempt());
}

void HttpExchangeLink::onEventRowChanged(int logRow)
{
    const EventLogModel *log = m_monitor->eventLog();
    if (logRow < 0 || logRow >= log->rowCount())
        return;
    const TraceEvent &event = log->event(logRow);
    const QList<TraceEvent> events = log->eventsOf(event.instance);
    qsizetype index = -1;
    for (qsizetype i = 0; i < events.size() && index < 0; ++i)
        index = events.at(i).seq == event.seq ? i : -1;
    const std::optional<HttpAttemptKey> key = HttpExchange::keyOf(events, index);
    if (!key) {
        m_again.stop();
        m_panel->clear();
        return;
    }
    showAttempt(*key);
    Q_EMIT attemptChosen(*key);
}

void HttpExchangeLink::showAttempt(const HttpAttemptKey &key)
{
    const bool sameAttempt = key == m_panel->attempt();
    const TraceEvent *outcome = nullptr;
    QList<TraceEvent> events;
    if (key.isValid()) {
        events = m_monitor->eventLog()->eventsOf(key.instance);
        outcome = outcomeOf(events, key);
    }
    m_panel->showAttempt(key, outcome != nullptr, outcome ? outcome->reason : QString());
    if (key.isValid() && m_timeline->instance() == key.instance)
        m_timeline->selectAttempt(key.step, key.operation == OperationKind::Compensation, key.attempt);
    // The row of a reply is committed with the transition it causes; should the event come
    // first, the row is read again a little later (two seconds at most).
    m_tries = sameAttempt ? m_tries + 1 : 0;
    if (m_panel->awaitsRows() && m_tries < 20)
        m_again.start();
}

void HttpExchangeLink::onFrame(const QList<TraceEvent> &applied)
{
    const HttpAttemptKey key = m_panel->attempt();
    if (!key.isValid() || !m_panel->requests().isEmpty() || !m_panel->message().size())
        return;
    for (const TraceEvent &e : applied) {
        if (e.instance == key.instance && e.step == key.step) { // its reply may have come
            showAttempt(key);
            return;
        }
    }
}

} // namespace Sagascope
