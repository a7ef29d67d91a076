// SPDX-License-Identifier: MIT
// About 700 lines, on purpose: the monitor's widgets (toolbar, Run menu actions, docks, the
// step menu's breakpoints and faults, the replay slider), each a thin view over RunController,
// which holds the run state and is tested without a display.
#include "monitorcontroller.h"

#include "enginethread.h"
#include "eventflowoverlay.h"
#include "eventlogmodel.h"
#include "eventlogpanel.h"
#include "httpexchangelink.h"
#include "httpexchangepanel.h"
#include "failurepreset.h"
#include "faultplan.h"
#include "instancespanel.h"
#include "logfollower.h"
#include "protocolcontrols.h"
#include "runarguments.h"
#include "runmonitor.h"
#include "runinputs.h"
#include "runoverlay.h"
#include "sagadocument.h"
#include "sagafile.h"
#include "sagalog.h"
#include "sagascene.h"
#include "stepitem.h"
#include "steprunsection.h"
#include "stuckactions.h"
#include "summarypanel.h"
#include "timelinewidget.h"

#include <QAction>
#include <QCheckBox>
#include <QDialog>
#include <QDoubleSpinBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QDockWidget>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QGraphicsView>
#include <QHBoxLayout>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QMainWindow>
#include <QMenu>
#include <QMessageBox>
#include <QPushButton>
#include <QRandomGenerator>
#include <QRegularExpressionValidator>
#include <QScopedValueRollback>
#include <QShortcut>
#include <QSlider>
#include <QTableView>
#include <QSpinBox>
#include <QToolBar>
#include <QVBoxLayout>

#include <cmath>

namespace Sagascope {

namespace {

constexpr int SpeedMax = 100; // the slider's end: as fast as possible
constexpr int SpeedOne = 60;  // 1x

double speedForSlider(int value)
{
    return value >= SpeedMax ? 0.0 : std::pow(10.0, (value - SpeedOne) / 20.0);
}

int sliderForSpeed(double speed)
{
    if (speed <= 0)
        return SpeedMax;
    return qBound(0, int(std::lround(SpeedOne + 20.0 * std::log10(speed))), SpeedMax - 1);
}

QString speedText(double speed)
{
    if (speed <= 0)
        return MonitorController::tr("max");
    if (speed < 0.1)
        return MonitorController::tr("%1×").arg(speed, 0, 'g', 1);
    return MonitorController::tr("%1×").arg(speed, 0, 'g', 2);
}

QString faultLabel(const FaultPlan::Fault &fault, bool compensation)
{
    // business, "technical ×2", "timeout ×∞" (every attempt)
    QString label = failureKindName(fault.kind);
    if (fault.kind != FailureKind::Business)
        label += fault.attempts > 0 ? QStringLiteral(" ×%1").arg(fault.attempts) : QStringLiteral(" ×∞");
    return compensation ? MonitorController::tr("comp. %1").arg(label) : label;
}


} // namespace

MonitorController::MonitorController(SagaDocument *doc, SagaScene *scene, QWidget *window)
    : QObject(window)
    , m_doc(doc)
    , m_scene(scene)
    , m_window(window)
    , m_run(new RunController(this))
    , m_monitor(new RunMonitor(this))
    , m_overlay(new RunOverlay(scene, this))
{
    // Runs started here keep their log in a file of the session: a stopped run can be recovered,
    // a stuck instance retried or resolved.
    m_run->setSessionLogs(true);
    // A run that calls remote services starts once they answer as they must (RunPreflight); a run
    // refused says why in a message box; Stop or Escape cancels the check.
    m_run->setConnectionChecks(true);
    connect(m_run, &RunController::runRefused, this, [this](const QString &text) {
        auto *box = new QMessageBox(QMessageBox::Warning, tr("Run"), text.section(QStringLiteral("\n\n"), 0, 0),
                                    QMessageBox::Ok, m_window);
        box->setObjectName(QStringLiteral("runRefusedMessageBox"));
        box->setInformativeText(text.section(QStringLiteral("\n\n"), 1));
        box->setAttribute(Qt::WA_DeleteOnClose);
        box->open();
    });
    if (m_window) {
        auto *cancelCheck = new QShortcut(QKeySequence(Qt::Key_Escape), m_window);
        cancelCheck->setObjectName(QStringLiteral("cancelConnectionCheckShortcut"));
        cancelCheck->setEnabled(false);
        connect(cancelCheck, &QShortcut::activated, this, &MonitorController::stop);
        connect(m_run, &RunController::stateChanged, cancelCheck,
                [this, cancelCheck] { cancelCheck->setEnabled(m_run->isCheckingConnections()); });
    }
    // The controller's events go through the RunMonitor, frames at most 60 a second, each
    // applying at most ~4 ms of events: a flood is spread over frames instead of freezing the
    // window (bench/monitor).
    connect(m_run, &RunController::traceEvents, this, [this](const QList<TraceEvent> &events) {
        m_monitor->addEvents(events);
        updateBusy();
    });
    connect(m_run, &RunController::runStarted, this, &MonitorController::onRunStarted);
    connect(m_run, &RunController::recoveryStarted, this, [this] {
        m_frameT = m_monitor->state().lastT(); // the recovered instances go on from where they stopped
        m_sinceFrame.start();
        m_clockTick.start();
    });
    connect(m_run, &RunController::runFinished, this, &MonitorController::onRunFinished);
    connect(m_run, &RunController::recoveryStarted, this, [this] {
        m_sinceFrame.start(); // the recovery's events come after the crashed run's: the canvas keeps them
        m_clockTick.start();
        updateBusy();
    });
    connect(m_run, &RunController::paused, this, &MonitorController::onPaused);
    connect(m_run, &RunController::resumed, this, &MonitorController::resumed);
    connect(m_run, &RunController::stateChanged, this, [this] {
        if (!m_run->isPaused())
            m_overlay->setPausedAt({}, {}); // resumed, stepping on, or stopped
        updateActions();
        updateBusy();
    });
    connect(m_run, &RunController::logOpened, this,
            [this] { prepare(m_doc ? m_doc->definition() : SagaDefinition()); });
    connect(m_run, &RunController::logRunFound, this, [this](const RunRecord &, const SagaDefinition &definition) {
        // The canvas shows the saga the log ran (the open document when it is that saga): the
        // overlay never paints one saga's run onto another. Shown, not made: not modified.
        if (m_doc && !(m_doc->definition() == definition)) {
            const QScopedValueRollback<bool> showing(m_showingLog, true);
            m_doc->resetFromLog(definition, m_run->logPath());
        }
        if (!(m_monitor->definition() == definition) || m_monitor->state().stepCount() == 0)
            prepare(definition);
    });
    connect(m_run, &RunController::logLoaded, m_monitor, &RunMonitor::flush);
    connect(m_run, &RunController::writerChanged, this, &MonitorController::onWriterChanged);
    connect(m_run, &RunController::selectedInstanceChanged, this, &MonitorController::onSelectedInstanceChanged);
    connect(m_run, &RunController::stepRunChanged, this, &MonitorController::onStepRunChanged);
    connect(m_run, &RunController::message, this, &MonitorController::message);
    m_monitor->setFrameInterval(16);
    m_monitor->setFrameBudget(4);
    connect(m_monitor, &RunMonitor::updated, this, &MonitorController::onFrame);
    connect(m_overlay, &RunOverlay::animationFinished, this, &MonitorController::updateBusy);

    m_clockTick.setInterval(100);
    connect(&m_clockTick, &QTimer::timeout, this, [this] {
        const double speed = m_run->speed();
        if (!m_run->isRunning() || m_run->isPaused() || m_run->replayPosition() >= 0 || (m_virtualTime && speed <= 0))
            return;
        const double rate = m_virtualTime ? speed : 1.0;
        m_overlay->setRunClock(m_frameT + qint64(m_sinceFrame.elapsed() * rate));
        m_protocol->setRunClock(m_frameT + qint64(m_sinceFrame.elapsed() * rate));
    });

    buildPanels();
    m_inputs = new RunInputs(m_doc, m_window, this);
    connect(m_inputs, &RunInputs::message, this, &MonitorController::message);
    m_protocol = new ProtocolControls(m_run, m_monitor, m_doc, m_scene, m_window);
    connect(m_protocol, &ProtocolControls::compareRequested, this, [this] { m_protocol->compare(nextSeed()); });
    buildToolBar();
    if (m_scene)
        m_scene->addStepMenuHook(this, [this](const StepId &step, QMenu *menu) { fillStepMenu(step, menu); });
    if (m_doc) {
        prepare(m_doc->definition());
        connect(m_doc, &SagaDocument::stepsRenamed, m_run, &RunController::renameSteps);
        connect(m_doc, &SagaDocument::documentReset, this, &MonitorController::onDocumentReset);
    }
    updateActions();
}

MonitorController::~MonitorController() = default;

// --- panels and toolbar ---

void MonitorController::buildPanels()
{
    m_instancesPanel = new InstancesPanel(m_monitor->instances());
    m_eventLogPanel = new EventLogPanel(m_monitor->eventLog());
    m_timeline = new TimelineWidget;
    m_summaryPanel = new SummaryPanel;

    // The timeline with the replay slider over it.
    auto *timelineBox = new QWidget;
    auto *timelineLayout = new QVBoxLayout(timelineBox);
    timelineLayout->setContentsMargins(0, 0, 0, 0);
    auto *scrubRow = new QHBoxLayout;
    scrubRow->setContentsMargins(6, 4, 6, 0);
    m_scrub = new QSlider(Qt::Horizontal);
    m_scrub->setObjectName(QStringLiteral("replaySlider"));
    m_scrub->setToolTip(tr("Replay: scrub through the selected instance's history; at the right end, live"));
    m_scrub->setRange(0, 0);
    m_scrubLabel = new QLabel(tr("live"));
    m_scrubLabel->setMinimumWidth(110);
    scrubRow->addWidget(new QLabel(tr("Replay:")));
    scrubRow->addWidget(m_scrub, 1);
    scrubRow->addWidget(m_scrubLabel);
    timelineLayout->addLayout(scrubRow);
    timelineLayout->addWidget(m_timeline, 1);
    connect(m_scrub, &QSlider::valueChanged, this, [this](int value) {
        scrubTo(value >= m_scrub->maximum() ? -1 : value);
    });

    connect(m_instancesPanel, &InstancesPanel::instanceSelected, this, &MonitorController::selectInstance);
    // Retry and Resolve for a stuck instance: in the Run menu and on the instance's row.
    m_stuck = new StuckActions(m_run, m_monitor, m_window, this);
    connect(m_stuck, &StuckActions::message, this, &MonitorController::message);
    m_instancesPanel->view()->setContextMenuPolicy(Qt::ActionsContextMenu);
    m_instancesPanel->view()->addActions({m_stuck->retryAction(), m_stuck->resolveAction()});
    connect(m_summaryPanel, &SummaryPanel::pinSeedRequested, this, &MonitorController::pinSeed);

    auto dock = [this](QWidget *widget, const QString &title, const QString &name) {
        auto *d = new QDockWidget(title, m_window);
        d->setObjectName(name);
        d->setWidget(widget);
        m_docks.append(d);
        return d;
    };
    dock(m_instancesPanel, tr("Instances"), QStringLiteral("monitorInstancesDock"));
    dock(m_eventLogPanel, tr("Event Log"), QStringLiteral("monitorEventLogDock"));
    dock(timelineBox, tr("Timeline"), QStringLiteral("monitorTimelineDock"));
    dock(m_summaryPanel, tr("Summary"), QStringLiteral("monitorSummaryDock"));
    // The HTTP exchange of the attempt chosen in the Event Log or the Timeline (SPEC section 6).
    m_exchangePanel = new HttpExchangePanel;
    m_exchangeLink = new HttpExchangeLink(m_run, m_monitor, m_eventLogPanel, m_timeline, m_exchangePanel, this);
    QDockWidget *exchange = dock(m_exchangePanel, tr("HTTP Exchange"), QStringLiteral("monitorHttpExchangeDock"));
    connect(m_exchangeLink, &HttpExchangeLink::attemptChosen, exchange, [exchange] { exchange->raise(); });
}

void MonitorController::addDocksTo(QMainWindow *window) const
{
    // The canvas keeps the width: the timeline (event log behind it) and the instances (summary
    // behind them) side by side under it.
    // In the order buildPanels() made them.
    QDockWidget *instances = m_docks[0], *log = m_docks[1], *timeline = m_docks[2], *summary = m_docks[3],
                *exchange = m_docks[4];
    window->addDockWidget(Qt::BottomDockWidgetArea, timeline);
    window->splitDockWidget(timeline, instances, Qt::Horizontal);
    window->tabifyDockWidget(timeline, log);
    window->tabifyDockWidget(instances, summary);
    window->tabifyDockWidget(instances, exchange); // raised when an attempt is chosen
    timeline->raise();
    instances->raise();
    window->resizeDocks({timeline, instances}, {3, 2}, Qt::Horizontal);
}

void MonitorController::buildToolBar()
{
    m_toolBar = new QToolBar(tr("Run"), m_window);
    m_toolBar->setObjectName(QStringLiteral("runToolBar"));

    m_runAction = new QAction(tr("&Run"), this);
    m_runAction->setObjectName(QStringLiteral("runAction"));
    m_runAction->setShortcut(QKeySequence(Qt::Key_F5));
    m_runAction->setToolTip(tr("Run one instance of the saga on the embedded engine (F5)"));
    connect(m_runAction, &QAction::triggered, this, &MonitorController::runOnce);

    m_runManyAction = new QAction(tr("Run &N…"), this);
    m_runManyAction->setObjectName(QStringLiteral("runManyAction"));
    m_runManyAction->setToolTip(tr("Run many instances, some at once"));
    connect(m_runManyAction, &QAction::triggered, this, &MonitorController::runMany);

    m_pauseAction = new QAction(tr("&Pause"), this);
    m_pauseAction->setObjectName(QStringLiteral("pauseAction"));
    m_pauseAction->setCheckable(true);
    m_pauseAction->setShortcut(QKeySequence(Qt::Key_F6));
    m_pauseAction->setToolTip(tr("Pause the run at the next transition, or go on (F6)"));
    connect(m_pauseAction, &QAction::triggered, this, [this](bool checked) { checked ? pause() : resume(); });
    m_stepAction = new QAction(tr("S&tep"), this);
    m_stepAction->setObjectName(QStringLiteral("stepAction"));
    m_stepAction->setShortcut(QKeySequence(Qt::Key_F10));
    m_stepAction->setToolTip(tr("While paused: run one more transition (F10)"));
    connect(m_stepAction, &QAction::triggered, this, &MonitorController::step);

    m_stopAction = new QAction(tr("St&op"), this);
    m_stopAction->setObjectName(QStringLiteral("stopAction"));
    m_stopAction->setShortcut(QKeySequence(Qt::SHIFT | Qt::Key_F5));
    m_stopAction->setToolTip(tr("Stop the run or stop following a log (a run with a saga log can be recovered "
                                "afterwards; one without loses its unfinished instances)"));
    connect(m_stopAction, &QAction::triggered, this, [this] {
        m_userStopped = m_run->isRunning();
        stop();
    });

    m_recoverAction = new QAction(tr("&Recover Unfinished Instances"), this);
    m_recoverAction->setObjectName(QStringLiteral("recoverAction"));
    m_recoverAction->setToolTip(tr("Finish the instances that the stopped run left unfinished in its saga log, as "
                                   "'sagascope-cli recover' does"));
    connect(m_recoverAction, &QAction::triggered, this, [this] {
        QString error;
        if (!recoverLastRun(&error))
            Q_EMIT message(error);
    });

    m_heatAction = new QAction(tr("&Heat"), this);
    m_heatAction->setObjectName(QStringLiteral("heatAction"));
    m_heatAction->setCheckable(true);
    m_heatAction->setToolTip(tr("Show over each card how many instances sit in each state"));
    connect(m_heatAction, &QAction::toggled, m_overlay, &RunOverlay::setHeatVisible);

    m_breakSelectedAction = new QAction(tr("&Break in the Selected Instance Only"), this);
    m_breakSelectedAction->setObjectName(QStringLiteral("breakSelectedOnlyAction"));
    m_breakSelectedAction->setCheckable(true);
    m_breakSelectedAction->setToolTip(tr("Breakpoints pause only the instance shown on the canvas (until one is "
                                         "selected, the first instance to reach a breakpoint)"));
    connect(m_breakSelectedAction, &QAction::toggled, m_run, &RunController::setBreakInSelectedInstanceOnly);
    m_actionSeparator = new QAction(this);
    m_actionSeparator->setSeparator(true);

    m_openLogAction = new QAction(tr("Open &Log…"), this);
    m_openLogAction->setObjectName(QStringLiteral("openLogAction"));
    m_openLogAction->setToolTip(tr("Replay a saga log and follow it live"));
    connect(m_openLogAction, &QAction::triggered, this, &MonitorController::chooseLog);

    m_toolBar->addAction(m_runAction);
    m_toolBar->addAction(m_runManyAction);
    m_toolBar->addAction(m_pauseAction);
    m_toolBar->addAction(m_stepAction);
    m_toolBar->addAction(m_stopAction);
    m_toolBar->addSeparator();

    m_toolBar->addWidget(new QLabel(tr(" Speed ")));
    m_speedSlider = new QSlider(Qt::Horizontal);
    m_speedSlider->setObjectName(QStringLiteral("speedSlider"));
    m_speedSlider->setRange(0, SpeedMax);
    m_speedSlider->setValue(SpeedOne);
    m_speedSlider->setFixedWidth(120);
    m_speedSlider->setToolTip(tr("Playback speed of the run's time: from slow motion to as fast as possible"));
    m_toolBar->addWidget(m_speedSlider);
    m_speedLabel = new QLabel(speedText(m_run->speed()));
    m_speedLabel->setMinimumWidth(40);
    m_toolBar->addWidget(m_speedLabel);
    connect(m_speedSlider, &QSlider::valueChanged, this, [this](int value) {
        m_run->setSpeed(speedForSlider(value));
        m_speedLabel->setText(speedText(m_run->speed()));
    });

    m_toolBar->addWidget(new QLabel(tr(" Seed ")));
    m_seedEdit = new QLineEdit;
    m_seedEdit->setObjectName(QStringLiteral("seedEdit"));
    m_seedEdit->setProperty("glossary", QStringLiteral("seed")); // F1
    m_seedEdit->setPlaceholderText(tr("random"));
    m_seedEdit->setValidator(new QRegularExpressionValidator(QRegularExpression(QStringLiteral("[0-9]{0,19}")), m_seedEdit));
    m_seedEdit->setFixedWidth(110);
    m_seedEdit->setToolTip(tr("The run's seed: the same seed gives the same trace. Empty: a random seed"));
    m_toolBar->addWidget(m_seedEdit);
    m_toolBar->addSeparator();
    m_protocol->addTo(m_toolBar);
    m_toolBar->addSeparator();
    m_toolBar->addAction(m_heatAction);
}

QList<QAction *> MonitorController::actions() const
{
    return QList<QAction *>{m_runAction, m_runManyAction, m_pauseAction, m_stepAction, m_stopAction, m_recoverAction,
                            m_stuck->retryAction(), m_stuck->resolveAction(), m_actionSeparator, m_inputs->chooseAction(),
                            m_inputs->simulateAction(), m_breakSelectedAction, m_heatAction}
        + m_protocol->actions();
}

void MonitorController::updateActions()
{
    const bool running = m_run->isRunning();
    const bool paused = m_run->isPaused();
    const bool checking = m_run->isCheckingConnections();
    m_runAction->setEnabled(!running && !checking);
    m_runManyAction->setEnabled(!running && !checking);
    m_stopAction->setEnabled(running || checking || m_run->isFollowingLog());
    m_recoverAction->setEnabled(m_run->canRecover());
    if (m_stuck)
        m_stuck->update();
    m_pauseAction->setEnabled(running);
    {
        const QSignalBlocker block(m_pauseAction);
        m_pauseAction->setChecked(paused);
    }
    m_pauseAction->setText(paused ? tr("Res&ume") : tr("&Pause"));
    m_stepAction->setEnabled(running && paused);
    {
        const QSignalBlocker block(m_breakSelectedAction);
        m_breakSelectedAction->setChecked(m_run->breaksInSelectedInstanceOnly());
    }
}

// --- run control: forwarded to the RunController ---

void MonitorController::pause()
{
    m_run->pause();
}

void MonitorController::resume()
{
    m_run->resume();
}

void MonitorController::step()
{
    m_run->step();
}

void MonitorController::onPaused(const PauseInfo &info)
{
    m_monitor->flush(); // the canvas shows exactly what was delivered before the pause
    updateActions();
    // The card where the run stands is marked and brought into view.
    const QString text = info.reason == PauseInfo::Reason::Breakpoint ? tr("paused before")
                         : info.reason == PauseInfo::Reason::Step     ? tr("paused after")
                                                                      : tr("paused");
    m_overlay->setPausedAt(info.step, text);
    if (StepItem *card = m_scene ? m_scene->stepItem(info.step) : nullptr) {
        for (QGraphicsView *view : m_scene->views())
            view->ensureVisible(card, 60, 60);
    }
    Q_EMIT paused(info);
}

void MonitorController::setBreakpoint(const StepId &step, OperationKind operation, bool on)
{
    m_run->setBreakpoint(step, operation, on);
}

void MonitorController::setBreakInSelectedInstanceOnly(bool on)
{
    m_run->setBreakInSelectedInstanceOnly(on);
}

void MonitorController::fillStepMenu(const StepId &step, QMenu *menu)
{
    QAction *bpAction = menu->addAction(tr("Breakpoint Before the Action"));
    bpAction->setCheckable(true);
    bpAction->setChecked(hasBreakpoint(step, OperationKind::Action));
    connect(bpAction, &QAction::toggled, this, [this, step](bool on) { setBreakpoint(step, OperationKind::Action, on); });
    const bool compensable = hasCompensation(step);
    QAction *bpComp = menu->addAction(tr("Breakpoint Before the Compensation"));
    bpComp->setCheckable(true);
    bpComp->setChecked(hasBreakpoint(step, OperationKind::Compensation));
    bpComp->setEnabled(compensable);
    connect(bpComp, &QAction::toggled, this, [this, step](bool on) { setBreakpoint(step, OperationKind::Compensation, on); });

    QMenu *inject = menu->addMenu(tr("Inject Failure"));
    auto ask = [this](const QString &title) {
        bool ok = false;
        const int n = QInputDialog::getInt(m_window, title, tr("Attempts that fail:"), 1, 1, 1000, 1, &ok);
        return ok ? n : 0;
    };
    // The failure set now is ticked (one per operation), with its count.
    const FaultPlan::Fault actionFault = injectedFault(step, OperationKind::Action);
    const FaultPlan::Fault compensationFault = injectedFault(step, OperationKind::Compensation);
    const auto times = [](const FaultPlan::Fault &fault) {
        return fault.attempts > 0 ? tr(" (first %n attempt(s))", nullptr, fault.attempts) : QString();
    };
    const auto tick = [](QAction *action, bool on) {
        action->setCheckable(true);
        action->setChecked(on);
        return action;
    };
    QAction *business = tick(inject->addAction(tr("Business Failure")), actionFault.kind == FailureKind::Business);
    connect(business, &QAction::triggered, this,
            [this, step] { injectFault(step, OperationKind::Action, FailureKind::Business, 0); });
    const bool technicalSet = actionFault.kind == FailureKind::Technical;
    QAction *technical = tick(inject->addAction(tr("Technical Failure ×N…") + (technicalSet ? times(actionFault) : QString())),
                              technicalSet);
    connect(technical, &QAction::triggered, this, [this, step, ask] {
        if (const int n = ask(tr("Technical Failure")))
            injectFault(step, OperationKind::Action, FailureKind::Technical, n);
    });
    const bool timeoutSet = actionFault.kind == FailureKind::Timeout;
    QAction *timeout = tick(inject->addAction(tr("Timeout ×N…") + (timeoutSet ? times(actionFault) : QString())), timeoutSet);
    connect(timeout, &QAction::triggered, this, [this, step, ask] {
        if (const int n = ask(tr("Timeout")))
            injectFault(step, OperationKind::Action, FailureKind::Timeout, n);
    });
    const bool compensationSet = compensationFault.kind != FailureKind::None;
    QAction *comp = tick(inject->addAction(tr("Compensation Failure ×N…") + (compensationSet ? times(compensationFault) : QString())),
                         compensationSet);
    comp->setEnabled(compensable);
    connect(comp, &QAction::triggered, this, [this, step, ask] {
        if (const int n = ask(tr("Compensation Failure")))
            injectFault(step, OperationKind::Compensation, FailureKind::Technical, n);
    });
    inject->addSeparator();
    QAction *clear = inject->addAction(tr("Clear Injected Failures"));
    clear->setEnabled(injectedFault(step, OperationKind::Action).kind != FailureKind::None
                      || injectedFault(step, OperationKind::Compensation).kind != FailureKind::None);
    connect(clear, &QAction::triggered, this, [this, step] { clearInjectedFaults(step); });
}

QString MonitorController::injectedFaultText(const StepId &step) const
{
    QStringList labels;
    for (const OperationKind operation : {OperationKind::Action, OperationKind::Compensation}) {
        const FaultPlan::Fault fault = injectedFault(step, operation);
        if (fault.kind != FailureKind::None)
            labels << faultLabel(fault, operation == OperationKind::Compensation);
    }
    return labels.join(QStringLiteral(", "));
}

void MonitorController::onStepRunChanged(const StepId &step)
{
    // A breakpoint or fault of `step` changed (set, cleared, or moved by a rename).
    m_overlay->setBreakpoint(step, m_run->hasBreakpoint(step));
    m_overlay->setInjectedFault(step, injectedFaultText(step));
    Q_EMIT stepRunChanged(step);
}

QWidget *MonitorController::createStepRunSection(QWidget *parent)
{
    if (!m_runSection) {
        m_runSection = new StepRunSection(this, parent);
        if (m_doc)
            connect(m_doc, &SagaDocument::changed, m_runSection, &StepRunSection::refresh);
    }
    return m_runSection;
}

void MonitorController::setCurrentStep(const StepId &step)
{
    if (m_runSection)
        m_runSection->setStep(step);
}

bool MonitorController::hasCompensation(const StepId &step) const
{
    const Step *definitionStep = m_doc ? m_doc->definition().step(step) : nullptr;
    return definitionStep && definitionStep->compensation.has_value();
}

// --- running ---

QString MonitorController::seedText() const
{
    return m_seedEdit->text();
}

void MonitorController::setSeed(quint64 seed)
{
    m_seedEdit->setText(QString::number(seed));
}

void MonitorController::pinSeed(quint64 seed)
{
    setSeed(seed);
    Q_EMIT message(tr("Seed %1 pinned: the next runs replay it. Clear the Seed field for random seeds.").arg(seed));
}

quint64 MonitorController::nextSeed() const
{
    bool ok = false;
    const quint64 typed = m_seedEdit->text().toULongLong(&ok);
    return ok ? typed : QRandomGenerator::global()->generate64();
}

void MonitorController::runOnce()
{
    RunOptions options = m_run->newRunOptions();
    options.virtualTime = true;
    options.seed = nextSeed();
    QString error;
    // A saga that calls services: the real clock and the instances' input (asked for once), or
    // their simulation (RunInputs).
    if (m_doc && !m_inputs->apply(m_doc->definition(), &options, &error)) {
        if (!error.isEmpty())
            QMessageBox::warning(m_window, tr("Run"), error);
        return;
    }
    if (!startRun(options, &error))
        QMessageBox::warning(m_window, tr("Run"), error);
}

void MonitorController::runMany()
{
    QDialog dialog(m_window);
    dialog.setWindowTitle(tr("Run N Instances"));
    auto *form = new QFormLayout(&dialog);
    auto *instances = new QSpinBox;
    instances->setRange(1, 1000000);
    instances->setValue(100);
    auto *concurrency = new QSpinBox;
    concurrency->setRange(0, 1000000);
    concurrency->setSpecialValueText(tr("all at once"));
    concurrency->setValue(10);
    auto *virtualTime = new QCheckBox(tr("Virtual time (simulated latency does not sleep)"));
    virtualTime->setChecked(true);
    form->addRow(tr("Instances:"), instances);
    form->addRow(tr("In flight at once:"), concurrency);
    form->addRow(virtualTime);
    const std::function<void()> keepInputs = m_inputs->addDialogRows(form, virtualTime);

    // Failures: a preset, and what the chosen one needs.
    auto *preset = new QComboBox;
    preset->setObjectName(QStringLiteral("failurePreset"));
    preset->addItem(tr("None: nothing fails"), int(FailurePreset::Kind::None));
    preset->addItem(tr("The file's simulated rates"), int(FailurePreset::Kind::FileRates));
    preset->addItem(tr("A chosen failure on a chosen step"), int(FailurePreset::Kind::ChosenFailure));
    preset->addItem(tr("Chaos: random failures at given rates"), int(FailurePreset::Kind::Chaos));
    preset->setCurrentIndex(1);
    auto *step = new QComboBox;
    if (m_doc) {
        for (const Step &s : m_doc->definition().steps)
            step->addItem(s.displayName() == s.id ? s.id : QStringLiteral("%1 (%2)").arg(s.displayName(), s.id), s.id);
    }
    auto *failure = new QComboBox;
    failure->addItem(tr("Business failure"), int(FailureKind::Business));
    failure->addItem(tr("Technical failure"), int(FailureKind::Technical));
    failure->addItem(tr("Timeout"), int(FailureKind::Timeout));
    auto *attempts = new QSpinBox;
    attempts->setRange(0, 1000);
    attempts->setValue(1);
    attempts->setSpecialValueText(tr("every attempt"));
    auto *technicalRate = new QDoubleSpinBox;
    technicalRate->setRange(0, 1);
    technicalRate->setSingleStep(0.05);
    technicalRate->setDecimals(3);
    technicalRate->setValue(0.1);
    auto *businessRate = new QDoubleSpinBox;
    businessRate->setRange(0, 1);
    businessRate->setSingleStep(0.05);
    businessRate->setDecimals(3);
    businessRate->setValue(0.05);
    form->addRow(tr("Failures:"), preset);
    form->addRow(tr("Step:"), step);
    form->addRow(tr("Failure:"), failure);
    form->addRow(tr("Attempts that fail:"), attempts);
    form->addRow(tr("Technical failure rate:"), technicalRate);
    form->addRow(tr("Business failure rate:"), businessRate);
    const auto follow = [=] {
        const auto kind = FailurePreset::Kind(preset->currentData().toInt());
        const bool chosen = kind == FailurePreset::Kind::ChosenFailure, chaos = kind == FailurePreset::Kind::Chaos;
        for (QWidget *w : {static_cast<QWidget *>(step), static_cast<QWidget *>(failure)})
            form->setRowVisible(w, chosen);
        form->setRowVisible(attempts, chosen && FailureKind(failure->currentData().toInt()) != FailureKind::Business);
        form->setRowVisible(technicalRate, chaos);
        form->setRowVisible(businessRate, chaos);
    };
    connect(preset, &QComboBox::currentIndexChanged, &dialog, follow);
    connect(failure, &QComboBox::currentIndexChanged, &dialog, follow);
    follow();

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel);
    form->addRow(buttons);
    connect(buttons, &QDialogButtonBox::accepted, &dialog, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, &dialog, &QDialog::reject);
    if (dialog.exec() != QDialog::Accepted)
        return;
    keepInputs();
    RunOptions options = m_run->newRunOptions();
    options.instances = instances->value();
    options.concurrency = concurrency->value();
    options.virtualTime = virtualTime->isChecked();
    options.seed = nextSeed();
    QString error;
    if (m_doc && !m_inputs->apply(m_doc->definition(), &options, &error)) {
        if (!error.isEmpty())
            QMessageBox::warning(m_window, tr("Run"), error);
        return;
    }
    FailurePreset failures;
    failures.kind = FailurePreset::Kind(preset->currentData().toInt());
    failures.step = step->currentData().toString();
    failures.failure = FailureKind(failure->currentData().toInt());
    failures.attempts = attempts->value();
    failures.technicalRate = technicalRate->value();
    failures.businessRate = businessRate->value();
    if (!startRun(options, failures, &error))
        QMessageBox::warning(m_window, tr("Run"), error);
    else if (options.instances > 1)
        m_heatAction->setChecked(true);
}

bool MonitorController::startRun(RunOptions options, const FailurePreset &failures, QString *error)
{
    if (!m_doc) {
        if (error)
            *error = tr("No saga is open.");
        return false;
    }
    const SagaDefinition definition = failures.definitionFor(m_doc->definition());
    if (!failures.addFaults(definition, options.faults, error))
        return false;
    return m_run->start(definition, options, error, QString());
}

void MonitorController::prepare(const SagaDefinition &definition)
{
    m_run->setSelectedInstance(QString()); // a new trace: its first instance is shown
    m_run->setReplayPosition(-1);
    m_monitor->setDefinition(definition);
    m_eventLogPanel->setDefinition(definition);
    m_timeline->setDefinition(definition);
    m_exchangeLink->prepare(definition);
    m_summaryPanel->showState(m_monitor->state());
    m_summaryPanel->setSeed(std::nullopt); // a saga log does not say; a run sets it
    m_eventLogPanel->setSeed(std::nullopt);
    m_summaryPanel->setWriterGone(false);
    m_overlay->clearRunState();
    if (m_eventFlow)
        m_eventFlow->clearRunState();
    m_protocol->runPrepared(definition);
    updateScrubRange();
}

void MonitorController::onDocumentReset()
{
    if (m_showingLog)
        return; // the followed log's own saga
    // A run belongs to the document it was started on: another document stops it, and nothing
    // of it is shown over the new one. One still being checked is never started.
    if (m_run->isCheckingConnections())
        m_run->stop();
    if (m_run->isRunning() || m_run->isFollowingLog()) {
        m_run->abandon();
        Q_EMIT message(tr("The run of the previous saga was stopped."));
    }
    prepare(m_doc->definition());
    updateBusy();
}

bool MonitorController::startRun(const RunOptions &options, QString *error, const QString &logPath)
{
    if (!m_doc) {
        if (error)
            *error = tr("No saga is open.");
        return false;
    }
    RunOptions withBase = options;
    // A service's caFile is relative to the .saga file (SPEC section 6), as for sagascope-cli run.
    if (withBase.baseDir.isEmpty() && !m_doc->filePath().isEmpty())
        withBase.baseDir = QFileInfo(m_doc->filePath()).absolutePath();
    return m_run->start(m_doc->definition(), withBase, error, logPath);
}

bool MonitorController::startRun(const QString &runOptions, QString *error)
{
    if (!m_doc) {
        if (error)
            *error = tr("No saga is open.");
        return false;
    }
    RunRequest request;
    request.definition = m_doc->definition();
    if (!m_doc->filePath().isEmpty()) // checked while parsing: a caFile is relative to the .saga file
        request.options.baseDir = QFileInfo(m_doc->filePath()).absolutePath();
    if (!RunArguments::parse(runOptions, &request, error))
        return false;
    return startRun(request.options, error, request.logPath);
}

void MonitorController::onRunStarted(const SagaDefinition &definition, const RunOptions &options)
{
    prepare(definition);
    m_monitor->reserveInstances(options.instances);
    // The field keeps what the user typed (empty: a new random seed each run); the seed used
    // is shown with the run, and "Pin" puts it in the field for a replay.
    m_lastSeed = options.seed;
    m_summaryPanel->setSeed(options.seed);
    m_eventLogPanel->setSeed(options.seed);
    m_virtualTime = options.virtualTime;
    m_frameT = 0;
    m_sinceFrame.start();
    m_clockTick.start();
}

void MonitorController::stop()
{
    m_run->stop();
}

void MonitorController::setSpeed(double factor)
{
    const double speed = factor <= 0 ? 0.0 : factor;
    {
        const QSignalBlocker block(m_speedSlider); // the slider's steps would round the factor
        m_speedSlider->setValue(sliderForSpeed(speed));
    }
    m_run->setSpeed(speed);
    m_speedLabel->setText(speedText(m_run->speed()));
}

void MonitorController::onRunFinished(const RunSummary &summary)
{
    m_clockTick.stop();
    m_overlay->setPausedAt({}, {});
    updateActions();
    updateBusy();
    if (std::exchange(m_userStopped, false) && summary.unfinished > 0)
        showStopped(summary);
}

void MonitorController::showStopped(const RunSummary &summary)
{
    // What is true for this run: its log keeps the unfinished instances, or nothing does.
    auto *box = new QMessageBox(QMessageBox::Information, tr("Run Stopped"), QString(), QMessageBox::NoButton, m_window);
    box->setObjectName(QStringLiteral("runStoppedMessageBox"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    const int started = summary.unfinished - summary.notStarted; // begun, not finished
    box->setText(tr("The run was stopped with %n started instance(s) unfinished.", nullptr, started));
    const QString neverStarted =
        summary.notStarted > 0
            ? QStringLiteral("\n\n") + tr("%n instance(s) of the run were never started; nothing needs to be undone for "
                                           "them, and to run them, start the saga again.", nullptr, summary.notStarted)
            : QString();
    if (summary.logPath.isEmpty() || started == 0) {
        box->setInformativeText((summary.logPath.isEmpty() && started > 0
                                     ? tr("This run kept no saga log, so the unfinished instances are gone: nothing can "
                                          "finish or compensate them. To be able to recover a stopped run, start it "
                                          "with a log (--db FILE).")
                                     : QString())
                                + neverStarted);
        box->addButton(QMessageBox::Close);
    } else {
        box->setInformativeText(
            (m_run->isSessionLog(summary.logPath)
                 ? tr("They stay in this session's saga log until Sagascope closes. Recover finishes them now "
                      "(completing or compensating each, nothing applied twice).")
                 : tr("They stay in the saga log %1. Recover finishes them now (completing or compensating each, "
                      "nothing applied twice); or later with\nsagascope-cli recover --db %1")
                       .arg(QDir::toNativeSeparators(summary.logPath)))
            + neverStarted);
        QPushButton *recover = box->addButton(tr("&Recover"), QMessageBox::AcceptRole);
        box->addButton(QMessageBox::Close);
        box->setDefaultButton(recover);
        connect(recover, &QPushButton::clicked, m_recoverAction, &QAction::trigger);
    }
    box->open();
}

void MonitorController::onWriterChanged(bool gone)
{
    m_monitor->flush(); // every row the writer committed, counted
    m_summaryPanel->setWriterGone(gone);
    if (!gone)
        return;
    const QString log = m_run->logPath();
    const int unfinished = m_monitor->state().statusCount(InstanceStatus::Running);
    Q_EMIT writerGone(unfinished);
    if (unfinished == 0) {
        Q_EMIT message(tr("The run writing %1 has ended.").arg(QFileInfo(log).fileName()));
        return;
    }
    Q_EMIT message(tr("The run writing %1 stopped unexpectedly: %n instance(s) unfinished.", nullptr, unfinished)
                       .arg(QFileInfo(log).fileName()));
    auto *box = new QMessageBox(QMessageBox::Warning, tr("Run Stopped Unexpectedly"), QString(), QMessageBox::NoButton,
                                m_window);
    box->setObjectName(QStringLiteral("writerGoneMessageBox"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setText(tr("The run stopped unexpectedly: recover it?"));
    box->setInformativeText(tr("No process writes the saga log %1 any more, and %n instance(s) in it are unfinished "
                               "(the process was killed, crashed or stopped). Recover finishes them here, nothing "
                               "applied twice; or later with\nsagascope-cli recover --db %1",
                               nullptr, unfinished)
                                .arg(QDir::toNativeSeparators(log)));
    QPushButton *recover = box->addButton(tr("&Recover"), QMessageBox::AcceptRole);
    box->addButton(QMessageBox::Close);
    box->setDefaultButton(recover);
    connect(recover, &QPushButton::clicked, this, [this, log] {
        QString error;
        if (!m_run->recover(log, &error))
            Q_EMIT message(error);
    });
    box->open();
}

bool MonitorController::recoverLastRun(QString *error)
{
    if (!m_run->canRecover()) {
        if (error)
            *error = tr("The last run left nothing in a saga log to recover.");
        return false;
    }
    return m_run->recover(m_run->lastSummary().logPath, error);
}

void MonitorController::onFrame(const QList<TraceEvent> &applied)
{
    const RunState &state = m_monitor->state();
    bool selectedTouched = false;
    if (m_run->selectedInstance().isEmpty() && state.instanceCount() > 0) {
        m_run->setSelectedInstance(state.instanceAt(0).id); // onSelectedInstanceChanged() shows it
        selectedTouched = true;
    }
    const QString selected = m_run->selectedInstance();
    if (!selectedTouched)
        for (const TraceEvent &e : applied)
            if (e.instance == selected) {
                selectedTouched = true;
                break;
            }
    if (!applied.isEmpty()) {
        // The run's clock as of this frame; the tick goes on from here.
        m_frameT = state.lastT();
        m_sinceFrame.start();
    }
    const bool live = m_run->replayPosition() < 0;
    if (live) {
        m_overlay->setRunClock(-1, false);
        m_overlay->setRunState(&state, selected);
        m_overlay->animate(applied);
        if (m_eventFlow) {
            m_eventFlow->setRunState(&state, selected);
            m_eventFlow->animate(applied);
        }
    }
    m_protocol->frame(applied, selected);
    m_summaryPanel->showState(state);
    if (selectedTouched) {
        updateScrubRange();
        m_stuck->update(); // it may have become stuck, or be running again
    }
    if (selectedTouched && live)
        showSelected(true);
    updateBusy();
}

void MonitorController::showSelected(bool timelineToo)
{
    if (m_run->selectedInstance().isEmpty()) {
        m_timeline->clear();
        return;
    }
    if (timelineToo)
        m_timeline->setInstance(m_monitor->state(), m_run->selectedInstance(), m_monitor->eventLog()->eventsOf(m_run->selectedInstance()));
}

void MonitorController::selectInstance(const QString &instance)
{
    m_run->setSelectedInstance(instance);
}

void MonitorController::onSelectedInstanceChanged()
{
    const QString instance = m_run->selectedInstance();
    m_overlay->stopAnimation();
    m_overlay->setRunState(&m_monitor->state(), instance);
    if (m_eventFlow)
        m_eventFlow->setRunState(&m_monitor->state(), instance);
    m_protocol->selectInstance(instance);
    m_eventLogPanel->setSelectedInstance(instance);
    if (m_instancesPanel->selectedInstance() != instance)
        m_instancesPanel->selectInstance(instance);
    updateScrubRange();
    showSelected(true);
}

// --- replay ---

void MonitorController::updateScrubRange()
{
    const int length = scrubLength();
    const int k = m_run->replayPosition();
    const QSignalBlocker block(m_scrub);
    m_scrub->setRange(0, length);
    m_scrub->setValue(k < 0 ? length : k);
    m_scrubLabel->setText(k < 0 ? tr("live (%n event(s))", nullptr, length) : tr("event %1 of %2").arg(k).arg(length));
}

int MonitorController::scrubLength() const
{
    const InstanceRunState *instance = m_monitor->state().instance(m_run->selectedInstance());
    return instance ? instance->eventCount : 0;
}

int MonitorController::scrubPosition() const
{
    const int k = m_run->replayPosition();
    return k < 0 ? scrubLength() : k;
}

void MonitorController::scrubTo(int k)
{
    const QString selected = m_run->selectedInstance();
    const QList<TraceEvent> events = selected.isEmpty() ? QList<TraceEvent>() : m_monitor->eventLog()->eventsOf(selected);
    if (k < 0 || k >= events.size()) {
        m_run->setReplayPosition(-1);
        m_overlay->setRunState(&m_monitor->state(), selected);
        m_protocol->showLive();
        showSelected(true);
    } else {
        m_run->setReplayPosition(k);
        m_overlay->stopAnimation();
        m_scrubState = RunState::stateAt(m_monitor->definition(), events, k);
        m_overlay->setRunState(&m_scrubState, selected);
        m_timeline->setInstance(m_scrubState, selected, events.mid(0, k));
        // The coordinator, the locks and the shared counters as they were then: every
        // instance's events up to the selected instance's k-th.
        const EventLogModel *log = m_monitor->eventLog();
        QList<TraceEvent> before;
        for (int row = 0, seen = 0; row < log->rowCount(); ++row) {
            const TraceEvent &e = log->event(row);
            if (e.instance == selected && seen++ == k)
                break;
            before.append(e);
        }
        m_protocol->showReplay(m_monitor->definition(), before, selected);
    }
    updateScrubRange();
}

void MonitorController::attachChoreography(ChoreographyScene *scene)
{
    delete m_eventFlow;
    m_eventFlow = new EventFlowOverlay(scene, this);
    connect(m_eventFlow, &EventFlowOverlay::animationFinished, this, &MonitorController::updateBusy);
    m_eventFlow->setRunState(&m_monitor->state(), m_run->selectedInstance());
}

bool MonitorController::openLog(const QString &path, QString *error)
{
    return m_run->openLog(path, error); // logOpened() prepares the panels
}

void MonitorController::chooseLog()
{
    if (m_leaveCheck && !m_leaveCheck())
        return;
    const QString path = QFileDialog::getOpenFileName(m_window, tr("Open Saga Log"),
                                                      m_dialogFolder ? m_dialogFolder() : QString(),
                                                      tr("Saga logs (*.db *.sqlite *.sagalog);;All files (*)"));
    if (path.isEmpty())
        return;
    if (m_rememberFolder)
        m_rememberFolder(path);
    QString error;
    if (!openLog(path, &error))
        QMessageBox::warning(m_window, tr("Open Saga Log"), error);
}

// --- busy ---

void MonitorController::updateBusy()
{
    const bool busy = m_run->isBusy() || m_monitor->pendingCount() > 0 || m_overlay->isAnimating()
        || (m_eventFlow && m_eventFlow->isAnimating());
    if (busy == m_busy)
        return;
    m_busy = busy;
    Q_EMIT busyChanged(busy);
    if (!busy) {
        updateActions();
        m_protocol->runShown();
        Q_EMIT finished();
    }
}

} // namespace Sagascope
