// SPDX-License-Identifier: MIT
#include "monitorcontroller.h"

#include "enginethread.h"
#include "eventlogmodel.h"
#include "eventlogpanel.h"
#include "faultplan.h"
#include "instancespanel.h"
#include "logfollower.h"
#include "runarguments.h"
#include "runmonitor.h"
#include "runoverlay.h"
#include "sagadocument.h"
#include "sagafile.h"
#include "sagalog.h"
#include "sagascene.h"
#include "steprunsection.h"
#include "summarypanel.h"
#include "timelinewidget.h"

#include <QAction>
#include <QCheckBox>
#include <QDialog>
#include <QDialogButtonBox>
#include <QDockWidget>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QMainWindow>
#include <QMenu>
#include <QMessageBox>
#include <QRegularExpressionValidator>
#include <QSlider>
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
    , m_engine(new EngineThread(this))
    , m_monitor(new RunMonitor(this))
    , m_overlay(new RunOverlay(scene, this))
    , m_follower(new LogFollower(this))
{
    qRegisterMetaType<Sagascope::RunSummary>();
    qRegisterMetaType<Sagascope::PauseInfo>();
    qRegisterMetaType<Sagascope::FaultPlan>();

    Engine *engine = m_engine->engine();
    connect(engine, &Engine::traceEvents, this, &MonitorController::onTraceEvents);
    connect(engine, &Engine::finished, this, &MonitorController::onEngineFinished);
    connect(engine, &Engine::paused, this, &MonitorController::onPaused);
    connect(engine, &Engine::resumed, this, [this] {
        m_paused = false;
        updateActions();
        Q_EMIT resumed();
    });
    // Frames at most 60 a second, each applying at most ~4 ms of events: a flood of events is
    // spread over frames instead of freezing the window (bench/monitor).
    m_monitor->setFrameInterval(16);
    m_monitor->setFrameBudget(4);
    connect(m_monitor, &RunMonitor::updated, this, &MonitorController::onFrame);
    connect(m_overlay, &RunOverlay::animationFinished, this, &MonitorController::updateBusy);

    connect(m_follower, &LogFollower::runFound, this, [this](const RunRecord &, const SagaDefinition &definition) {
        if (m_doc && m_doc->definition().steps.isEmpty())
            m_doc->reset(definition);
        if (!(m_monitor->definition() == definition) || m_monitor->state().stepCount() == 0)
            prepare(definition);
    });
    connect(m_follower, &LogFollower::traceEvents, this, [this](const QList<TraceEvent> &events) {
        m_monitor->addEvents(events);
        if (m_logLoading)
            m_quiet.start(); // the first reading lasts while batches keep coming
        updateBusy();
    });
    connect(m_follower, &LogFollower::error, this, &MonitorController::message);
    // LogFollower reads at once what is committed, batch after batch without a pause; once no
    // batch came for two poll intervals, the history has been read: what follows is live.
    m_quiet.setSingleShot(true);
    m_quiet.setInterval(2 * m_follower->interval() + 100);
    connect(&m_quiet, &QTimer::timeout, this, [this] {
        m_monitor->flush();
        m_logLoading = false;
        updateBusy();
    });

    m_clockTick.setInterval(100);
    connect(&m_clockTick, &QTimer::timeout, this, [this] {
        if (!m_engineRunning || m_paused || m_scrubK >= 0 || (m_virtualTime && m_speed <= 0))
            return;
        const double rate = m_virtualTime ? m_speed : 1.0;
        m_overlay->setRunClock(m_frameT + qint64(m_sinceFrame.elapsed() * rate));
    });

    buildPanels();
    buildToolBar();
    if (m_scene)
        m_scene->addStepMenuHook(this, [this](const StepId &step, QMenu *menu) { fillStepMenu(step, menu); });
    if (m_doc) {
        prepare(m_doc->definition());
        connect(m_doc, &SagaDocument::stepsRenamed, this, &MonitorController::onStepsRenamed);
    }
    updateActions();
}

MonitorController::~MonitorController()
{
    m_follower->stop();
    // The engine thread stops in its own destructor (a child of this object).
}

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
}

void MonitorController::addDocksTo(QMainWindow *window) const
{
    // The canvas keeps the width: the timeline (event log behind it) and the instances (summary
    // behind them) side by side under it.
    QDockWidget *instances = m_docks[0], *log = m_docks[1], *timeline = m_docks[2], *summary = m_docks[3];
    window->addDockWidget(Qt::BottomDockWidgetArea, timeline);
    window->splitDockWidget(timeline, instances, Qt::Horizontal);
    window->tabifyDockWidget(timeline, log);
    window->tabifyDockWidget(instances, summary);
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
    m_stopAction->setToolTip(tr("Stop the run (what is committed stays in its log) or stop following a log"));
    connect(m_stopAction, &QAction::triggered, this, &MonitorController::stop);

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
    connect(m_breakSelectedAction, &QAction::toggled, this, &MonitorController::pushBreakpoints);
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
    m_speedLabel = new QLabel(speedText(m_speed));
    m_speedLabel->setMinimumWidth(40);
    m_toolBar->addWidget(m_speedLabel);
    connect(m_speedSlider, &QSlider::valueChanged, this, [this](int value) {
        m_speed = speedForSlider(value);
        m_speedLabel->setText(speedText(m_speed));
        m_engine->setSpeed(m_speed);
    });
    m_engine->setSpeed(m_speed);

    m_toolBar->addWidget(new QLabel(tr(" Seed ")));
    m_seedEdit = new QLineEdit;
    m_seedEdit->setObjectName(QStringLiteral("seedEdit"));
    m_seedEdit->setPlaceholderText(tr("random"));
    m_seedEdit->setValidator(new QRegularExpressionValidator(QRegularExpression(QStringLiteral("[0-9]{0,19}")), m_seedEdit));
    m_seedEdit->setFixedWidth(110);
    m_seedEdit->setToolTip(tr("The run's seed: the same seed gives the same trace. Empty: a random seed"));
    m_toolBar->addWidget(m_seedEdit);
    m_toolBar->addSeparator();
    m_toolBar->addAction(m_heatAction);
}

QList<QAction *> MonitorController::actions() const
{
    return {m_runAction, m_runManyAction, m_pauseAction, m_stepAction, m_stopAction, m_actionSeparator, m_breakSelectedAction,
            m_heatAction};
}

void MonitorController::updateActions()
{
    const bool running = m_engineRunning;
    m_runAction->setEnabled(!running);
    m_runManyAction->setEnabled(!running);
    m_stopAction->setEnabled(running || m_follower->isFollowing());
    m_pauseAction->setEnabled(running);
    {
        const QSignalBlocker block(m_pauseAction);
        m_pauseAction->setChecked(m_paused);
    }
    m_pauseAction->setText(m_paused ? tr("Res&ume") : tr("&Pause"));
    m_stepAction->setEnabled(running && m_paused);
}

void MonitorController::pause()
{
    if (m_engineRunning)
        m_engine->pause();
}

void MonitorController::resume()
{
    if (m_engineRunning)
        m_engine->resume();
}

void MonitorController::step()
{
    if (m_engineRunning && m_paused)
        m_engine->stepTransition();
}

void MonitorController::onPaused(const PauseInfo &info)
{
    m_paused = true;
    m_monitor->flush(); // the canvas shows exactly what was delivered before the pause
    updateActions();
    QString where;
    if (!info.step.isEmpty())
        where = info.operation == OperationKind::Compensation ? tr(" before the compensation of %1").arg(info.step)
                                                              : tr(" at %1").arg(info.step);
    switch (info.reason) {
    case PauseInfo::Reason::Breakpoint: Q_EMIT message(tr("Breakpoint%1 (instance %2)").arg(where, info.instance.left(8))); break;
    case PauseInfo::Reason::Step: Q_EMIT message(tr("Stepped%1").arg(where)); break;
    case PauseInfo::Reason::User: Q_EMIT message(tr("Paused")); break;
    }
    if (!info.instance.isEmpty() && info.instance != m_selected && info.reason == PauseInfo::Reason::Breakpoint)
        selectInstance(info.instance);
    Q_EMIT paused(info);
}

void MonitorController::setBreakpoint(const StepId &step, OperationKind operation, bool on)
{
    Breakpoint bp;
    bp.step = step;
    bp.operation = operation;
    m_breakpoints.removeAll(bp);
    if (on)
        m_breakpoints.append(bp);
    pushBreakpoints();
    m_overlay->setBreakpoint(step, hasBreakpoint(step, OperationKind::Action) || hasBreakpoint(step, OperationKind::Compensation));
    Q_EMIT stepRunChanged(step);
}

void MonitorController::pushBreakpoints()
{
    QList<Breakpoint> breakpoints = m_breakpoints;
    // Only in the instance the canvas shows; before there is one, the first to reach a breakpoint
    // pauses the run and becomes the selected instance (onPaused()).
    if (breaksInSelectedInstanceOnly() && !m_selected.isEmpty())
        for (Breakpoint &bp : breakpoints)
            bp.instance = m_selected;
    m_engine->setBreakpoints(breakpoints);
}

void MonitorController::setBreakInSelectedInstanceOnly(bool on)
{
    m_breakSelectedAction->setChecked(on); // toggled() pushes the breakpoints
}

bool MonitorController::breaksInSelectedInstanceOnly() const
{
    return m_breakSelectedAction && m_breakSelectedAction->isChecked();
}

bool MonitorController::hasBreakpoint(const StepId &step, OperationKind operation) const
{
    Breakpoint bp;
    bp.step = step;
    bp.operation = operation;
    return m_breakpoints.contains(bp);
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
    connect(inject->addAction(tr("Business Failure")), &QAction::triggered, this,
            [this, step] { injectFault(step, OperationKind::Action, FailureKind::Business, 0); });
    connect(inject->addAction(tr("Technical Failure ×N…")), &QAction::triggered, this, [this, step, ask] {
        if (const int n = ask(tr("Technical Failure")))
            injectFault(step, OperationKind::Action, FailureKind::Technical, n);
    });
    connect(inject->addAction(tr("Timeout ×N…")), &QAction::triggered, this, [this, step, ask] {
        if (const int n = ask(tr("Timeout")))
            injectFault(step, OperationKind::Action, FailureKind::Timeout, n);
    });
    QAction *comp = inject->addAction(tr("Compensation Failure ×N…"));
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

bool MonitorController::setInjectedFault(const StepId &step, const QString &spec, bool compensation, QString *error)
{
    const OperationKind operation = compensation ? OperationKind::Compensation : OperationKind::Action;
    if (spec.isEmpty()) {
        clearInjectedFault(step, operation);
        return true;
    }
    FaultPlan probe;
    QString message;
    const QString argument = step + QLatin1Char('=') + spec;
    if (!(compensation ? probe.addCompensation(argument, &message) : probe.addAction(argument, &message))) {
        if (error)
            *error = message;
        return false;
    }
    const FaultPlan::Entry entry = probe.entries().value(0);
    return injectFault(step, operation, entry.fault.kind, entry.fault.attempts, error);
}

bool MonitorController::injectFault(const StepId &step, OperationKind operation, FailureKind kind, int attempts,
                                    QString *error)
{
    if (kind == FailureKind::None) {
        clearInjectedFault(step, operation);
        return true;
    }
    if (!FaultPlan::isValid(operation, kind, error))
        return false;
    if (!isValidStepId(step)) {
        if (error)
            *error = tr("'%1' is not a step id").arg(step);
        return false;
    }
    if (kind == FailureKind::Business)
        attempts = 0; // never retried: every attempt
    m_faults.setFault(QString(), step, operation, FaultPlan::Fault{kind, qMax(0, attempts)});
    if (m_engineRunning) // into the run in progress too, from the step's next attempt, for every instance
        m_engine->injectFault(QString(), step, operation, kind, qMax(0, attempts));
    faultsEdited(step);
    return true;
}

void MonitorController::clearInjectedFault(const StepId &step, OperationKind operation)
{
    if (injectedFault(step, operation).kind == FailureKind::None)
        return;
    m_faults.setFault(QString(), step, operation, FaultPlan::Fault{});
    if (m_engineRunning) {
        m_engine->clearFaults(step);
        // clearFaults() took both operations: put the other one back.
        const OperationKind other = operation == OperationKind::Action ? OperationKind::Compensation : OperationKind::Action;
        const FaultPlan::Fault kept = injectedFault(step, other);
        if (kept.kind != FailureKind::None)
            m_engine->injectFault(QString(), step, other, kept.kind, kept.attempts);
    }
    faultsEdited(step);
}

void MonitorController::clearInjectedFaults(const StepId &step)
{
    clearInjectedFault(step, OperationKind::Action);
    clearInjectedFault(step, OperationKind::Compensation);
}

FaultPlan::Fault MonitorController::injectedFault(const StepId &step, OperationKind operation) const
{
    for (const FaultPlan::Entry &entry : m_faults.entries())
        if (entry.step == step && entry.operation == operation && entry.instance.isEmpty())
            return entry.fault;
    return {};
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

void MonitorController::onStepsRenamed(const QStringList &from, const QStringList &to)
{
    // Breakpoints and injected faults belong to the step, not to its old name; undo renames back.
    // (A removed step's marks stay, unseen, so that undoing the removal brings them back too.)
    QHash<StepId, StepId> renamed;
    for (qsizetype i = 0; i < from.size() && i < to.size(); ++i)
        renamed.insert(from.at(i), to.at(i));
    for (Breakpoint &bp : m_breakpoints)
        bp.step = renamed.value(bp.step, bp.step);
    FaultPlan faults;
    for (const FaultPlan::Entry &entry : m_faults.entries())
        faults.setFault(entry.instance, renamed.value(entry.step, entry.step), entry.operation, entry.fault);
    m_faults = faults;
    // A run in progress keeps the names it started with (its faults are its own already); the
    // next run gets the new ones (startRun() sends the breakpoints again).
    if (!m_engineRunning)
        pushBreakpoints();
    QSet<StepId> touched(from.cbegin(), from.cend());
    touched.unite(QSet<StepId>(to.cbegin(), to.cend()));
    for (const StepId &step : std::as_const(touched)) {
        m_overlay->setBreakpoint(step, hasBreakpoint(step, OperationKind::Action)
                                           || hasBreakpoint(step, OperationKind::Compensation));
        faultsEdited(step);
    }
}

void MonitorController::faultsEdited(const StepId &step)
{
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

QString MonitorController::seedOption() const
{
    return m_seedEdit->text().isEmpty() ? QString() : QStringLiteral(" --seed %1").arg(m_seedEdit->text());
}

void MonitorController::runOnce()
{
    QString error;
    if (!startRun(QStringLiteral("--virtual-time") + seedOption(), &error))
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
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel);
    form->addRow(buttons);
    connect(buttons, &QDialogButtonBox::accepted, &dialog, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, &dialog, &QDialog::reject);
    if (dialog.exec() != QDialog::Accepted)
        return;
    QString options = QStringLiteral("--instances %1").arg(instances->value());
    if (concurrency->value() > 0)
        options += QStringLiteral(" --concurrency %1").arg(concurrency->value());
    if (virtualTime->isChecked())
        options += QStringLiteral(" --virtual-time");
    options += seedOption();
    QString error;
    if (!startRun(options, &error))
        QMessageBox::warning(m_window, tr("Run"), error);
    else if (instances->value() > 1)
        m_heatAction->setChecked(true);
}

void MonitorController::prepare(const SagaDefinition &definition)
{
    m_monitor->setDefinition(definition);
    m_eventLogPanel->setDefinition(definition);
    m_timeline->setDefinition(definition);
    m_summaryPanel->showState(m_monitor->state());
    m_overlay->clearRunState();
    m_selected.clear();
    m_scrubK = -1;
    updateScrubRange();
}

bool MonitorController::startRun(const QString &runOptions, QString *error)
{
    auto fail = [error](const QString &text) {
        if (error)
            *error = text;
        return false;
    };
    if (!m_doc)
        return fail(tr("No saga is open."));
    if (m_engineRunning)
        return fail(tr("A run is in progress: stop it first."));
    QStringList errors;
    for (const Diagnostic &d : m_doc->diagnostics())
        if (d.severity == Severity::Error)
            errors << QStringLiteral("%1 %2: %3").arg(d.rule, d.steps.join(QLatin1Char(',')), d.message);
    if (!errors.isEmpty())
        return fail(tr("The saga has validation errors and cannot run:\n%1").arg(errors.join(QLatin1Char('\n'))));

    RunRequest request;
    request.definition = m_doc->definition();
    QString problem;
    if (!RunArguments::parse(runOptions, &request, &problem))
        return fail(problem);
    // Faults injected from the canvas come on top of the options' own (those of removed steps
    // wait, unused, for an undo to bring their step back).
    for (const FaultPlan::Entry &entry : m_faults.entries())
        if (request.definition.step(entry.step))
            request.options.faults.setFault(entry.instance, entry.step, entry.operation, entry.fault);

    m_follower->stop();
    m_quiet.stop();
    m_logMode = false;
    m_logLoading = false;
    prepare(request.definition);
    m_monitor->reserveInstances(request.options.instances);
    setSeed(request.options.seed);
    m_summary = RunSummary();
    m_virtualTime = request.options.virtualTime;
    m_frameT = 0;
    m_sinceFrame.start();
    m_clockTick.start();
    m_paused = false;
    m_engineRunning = true;
    m_runActive = true;
    pushBreakpoints(); // as they are now: steps may have been renamed, no instance is selected yet
    m_engine->start(request);
    Q_EMIT message(tr("Running %n instance(s), seed %1", nullptr, request.options.instances).arg(request.options.seed));
    updateActions();
    updateBusy();
    return true;
}

void MonitorController::stop()
{
    if (m_engineRunning)
        m_engine->stop();
    if (m_follower->isFollowing()) {
        m_follower->stop();
        m_quiet.stop();
        m_logLoading = false;
    }
    updateActions();
    updateBusy();
}

void MonitorController::onTraceEvents(const QList<TraceEvent> &events)
{
    if (!m_runActive)
        return; // a stopped run's tail
    m_monitor->addEvents(events);
    updateBusy();
}

void MonitorController::setSpeed(double factor)
{
    const double speed = factor <= 0 ? 0.0 : factor;
    m_speedSlider->setValue(sliderForSpeed(speed));
    m_speed = speed;
    m_speedLabel->setText(speedText(m_speed));
    m_engine->setSpeed(m_speed);
}

void MonitorController::onEngineFinished(const RunSummary &summary)
{
    m_summary = summary;
    m_clockTick.stop();
    m_engineRunning = false;
    m_paused = false;
    if (!summary.error.isEmpty())
        Q_EMIT message(summary.error);
    else
        Q_EMIT message(tr("Run finished: %1 completed, %2 compensated, %3 stuck")
                           .arg(summary.completed).arg(summary.compensated).arg(summary.stuck));
    updateActions();
    updateBusy();
}

void MonitorController::onFrame(const QList<TraceEvent> &applied)
{
    const RunState &state = m_monitor->state();
    bool selectedTouched = false;
    if (m_selected.isEmpty() && state.instanceCount() > 0) {
        m_selected = state.instanceAt(0).id;
        m_instancesPanel->selectInstance(m_selected);
        m_eventLogPanel->setSelectedInstance(m_selected);
        if (breaksInSelectedInstanceOnly())
            pushBreakpoints();
        selectedTouched = true;
    }
    if (!selectedTouched)
        for (const TraceEvent &e : applied)
            if (e.instance == m_selected) {
                selectedTouched = true;
                break;
            }
    if (!applied.isEmpty()) {
        // The run's clock as of this frame; the tick goes on from here.
        m_frameT = state.lastT();
        m_sinceFrame.start();
    }
    if (m_scrubK < 0) {
        m_overlay->setRunClock(-1, false);
        m_overlay->setRunState(&state, m_selected);
        m_overlay->animate(applied);
    }
    m_summaryPanel->showState(state);
    if (selectedTouched)
        updateScrubRange();
    if (selectedTouched && m_scrubK < 0)
        showSelected(true);
    updateBusy();
}

void MonitorController::showSelected(bool timelineToo)
{
    if (m_selected.isEmpty()) {
        m_timeline->clear();
        return;
    }
    if (timelineToo)
        m_timeline->setInstance(m_monitor->state(), m_selected, m_monitor->eventLog()->eventsOf(m_selected));
}

void MonitorController::selectInstance(const QString &instance)
{
    if (instance == m_selected)
        return;
    m_selected = instance;
    if (breaksInSelectedInstanceOnly())
        pushBreakpoints();
    m_scrubK = -1;
    m_overlay->stopAnimation();
    m_overlay->setRunState(&m_monitor->state(), m_selected);
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
    const QSignalBlocker block(m_scrub);
    m_scrub->setRange(0, length);
    m_scrub->setValue(m_scrubK < 0 ? length : m_scrubK);
    m_scrubLabel->setText(m_scrubK < 0 ? tr("live (%n event(s))", nullptr, length)
                                       : tr("event %1 of %2").arg(m_scrubK).arg(length));
}

int MonitorController::scrubLength() const
{
    const InstanceRunState *instance = m_monitor->state().instance(m_selected);
    return instance ? instance->eventCount : 0;
}

int MonitorController::scrubPosition() const
{
    return m_scrubK < 0 ? scrubLength() : m_scrubK;
}

void MonitorController::scrubTo(int k)
{
    const QList<TraceEvent> events = m_selected.isEmpty() ? QList<TraceEvent>() : m_monitor->eventLog()->eventsOf(m_selected);
    if (k < 0 || k >= events.size()) {
        m_scrubK = -1;
        m_overlay->setRunState(&m_monitor->state(), m_selected);
        showSelected(true);
    } else {
        m_scrubK = k;
        m_overlay->stopAnimation();
        m_scrubState = RunState::stateAt(m_monitor->definition(), events, k);
        m_overlay->setRunState(&m_scrubState, m_selected);
        m_timeline->setInstance(m_scrubState, m_selected, events.mid(0, k));
    }
    updateScrubRange();
}

bool MonitorController::openLog(const QString &path, QString *error)
{
    if (m_engineRunning) {
        if (error)
            *error = tr("A run is in progress: stop it first.");
        return false;
    }
    m_follower->stop();
    if (!m_follower->open(path, error))
        return false;
    m_runActive = false;
    m_logMode = true;
    m_logLoading = true;
    prepare(m_doc ? m_doc->definition() : SagaDefinition());
    m_quiet.start();
    m_follower->start();
    Q_EMIT message(tr("Following %1").arg(QFileInfo(path).fileName()));
    updateActions();
    updateBusy();
    return true;
}

void MonitorController::chooseLog()
{
    const QString path = QFileDialog::getOpenFileName(m_window, tr("Open Saga Log"), QString(),
                                                      tr("Saga logs (*.db *.sqlite *.sagalog);;All files (*)"));
    if (path.isEmpty())
        return;
    QString error;
    if (!openLog(path, &error))
        QMessageBox::warning(m_window, tr("Open Saga Log"), error);
}

// --- busy ---

void MonitorController::updateBusy()
{
    const bool busy = m_engineRunning || m_monitor->pendingCount() > 0 || m_overlay->isAnimating()
        || m_logLoading;
    if (busy == m_busy)
        return;
    m_busy = busy;
    Q_EMIT busyChanged(busy);
    if (!busy) {
        updateActions();
        m_runActive = false;
        Q_EMIT finished();
    }
}

} // namespace Sagascope
