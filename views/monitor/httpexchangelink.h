// SPDX-License-Identifier: MIT
#pragma once

#include "httpexchange.h"
#include "sagadefinition.h"

#include <QObject>
#include <QTimer>

namespace Sagascope {

class EventLogPanel;
class HttpExchangePanel;
class RunController;
class RunMonitor;
class TimelineWidget;

/**
 * Puts the HTTP Exchange panel in step with the monitor: the attempt of the Event Log row
 * selected or of the Timeline bar clicked (HttpExchange::keyOf), the saga log of the run or of
 * the followed log (RunController::lastLogPath), the saga and whether it ran simulated, and
 * the reply of an attempt in flight, read again when its outcome reaches the trace. It links
 * no widget of its own; MonitorController creates it beside the panels.
 */
class HttpExchangeLink : public QObject
{
    Q_OBJECT
public:
    HttpExchangeLink(RunController *run, RunMonitor *monitor, EventLogPanel *eventLog, TimelineWidget *timeline,
                     HttpExchangePanel *panel, QObject *parent = nullptr);

    /** A new trace (a run, a log, another document): nothing selected, `definition` known. */
    void prepare(const SagaDefinition &definition, bool simulate = false);
    /** Shows `key`, whether or not the trace has reached its outcome (and the Timeline's bar
     *  selected, when it shows the attempt's instance). */
    void showAttempt(const HttpAttemptKey &key);

Q_SIGNALS:
    /** The user chose an attempt (a row of the Event Log, a bar of the Timeline). */
    void attemptChosen(const Sagascope::HttpAttemptKey &key);

private:
    void onEventRowChanged(int logRow);
    void onFrame(const QList<TraceEvent> &applied);
    void setLogPath(const QString &path);

    RunController *m_run;
    RunMonitor *m_monitor;
    EventLogPanel *m_eventLog;
    TimelineWidget *m_timeline;
    HttpExchangePanel *m_panel;
    QTimer m_again; // the outcome is in the trace, its row not yet read
    int m_tries = 0;
};

} // namespace Sagascope
