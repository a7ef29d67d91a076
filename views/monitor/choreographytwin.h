// SPDX-License-Identifier: MIT
#pragma once

#include "runoptions.h"
#include "sagadefinition.h"

#include <QObject>
#include <QPointer>

namespace Sagascope {

class ChoreographySplit;
class EventFlowOverlay;
class MonitorController;
class RunController;
class RunMonitor;

/**
 * The same saga run both ways, side by side (issue 13): while the choreography view shows an
 * orchestration's choreographed form (ChoreographySplit::isConvertedShown()), every run the
 * window starts is also run in that form, on an engine of its own, with the same options: seed,
 * instances, failures (those injected in the Run section included) and speed. Its events travel
 * through the view's bus (an EventFlowOverlay of its own), for the instance of the same number
 * as the one selected in the window, so the two forms can be compared step by step.
 */
class ChoreographyTwin : public QObject
{
    Q_OBJECT
public:
    ChoreographyTwin(MonitorController *controller, ChoreographySplit *split, QObject *parent = nullptr);
    ~ChoreographyTwin() override;

    RunController *runController() const { return m_run; }
    RunMonitor *runMonitor() const { return m_monitor; }
    EventFlowOverlay *eventFlow() const { return m_flow; }
    /** The choreographed run is in progress or its tokens still travel. */
    bool isBusy() const;
    /** The instance shown: the one of the same number as the window's selected instance. */
    QString shownInstance() const;

Q_SIGNALS:
    void busyChanged(bool busy);
    void message(const QString &text);

private:
    void convertedShownChanged(bool shown);
    void mainRunStarted(const SagaDefinition &definition, const RunOptions &options);
    void frame();
    void updateBusy();

    QPointer<MonitorController> m_controller;
    QPointer<ChoreographySplit> m_split;
    RunController *m_run = nullptr;
    RunMonitor *m_monitor = nullptr;
    EventFlowOverlay *m_flow = nullptr;
    bool m_busy = false;
};

} // namespace Sagascope
