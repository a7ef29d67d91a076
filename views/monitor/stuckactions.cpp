// SPDX-License-Identifier: MIT
#include "stuckactions.h"

#include "runcontroller.h"
#include "runmonitor.h"

#include <QAction>
#include <QDialogButtonBox>
#include <QFileInfo>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QRadioButton>
#include <QVBoxLayout>

namespace Sagascope {

// --- ResolveStuckDialog ---

ResolveStuckDialog::ResolveStuckDialog(const QString &instance, const StuckChoices &choices, const QString &stepName,
                                       QWidget *parent)
    : QDialog(parent)
{
    setObjectName(QStringLiteral("resolveStuckDialog"));
    setWindowTitle(tr("Resolve Stuck Step"));
    const QString name = stepName.isEmpty() ? choices.step : stepName; // as the card reads
    const QString what = choices.compensation ? tr("the compensation of %1").arg(name) : name;

    auto *intro = new QLabel(
        tr("<p>Instance <b>%1</b> is stuck at <b>%2</b>: %3.</p><p>Say what really became of it. The saga log keeps "
           "your answer and your note; the saga then goes on by the rules: forward after <i>done</i>, rolling back "
           "after <i>compensated</i>.</p>")
            .arg(instance.toHtmlEscaped(), what.toHtmlEscaped(), choices.reason.toHtmlEscaped()),
        this);
    intro->setWordWrap(true);
    intro->setTextFormat(Qt::RichText);

    auto explanation = [this](const QString &text) {
        auto *label = new QLabel(text, this);
        label->setWordWrap(true);
        label->setIndent(24);
        label->setForegroundRole(QPalette::PlaceholderText);
        return label;
    };

    m_done = new QRadioButton(tr("&Done by hand: the step's effect happened"), this);
    m_done->setObjectName(QStringLiteral("resolveDone"));
    QLabel *doneHelp = explanation(
        choices.canDone ? tr("First check in the participant's own records that the effect really happened (the "
                             "payment exists). The step counts as succeeded and the saga goes forward.")
                        : tr("Not for a compensation: the saga is rolling back and cannot go forward from here."));
    m_done->setEnabled(choices.canDone);

    m_compensated = new QRadioButton(tr("&Compensated by hand: the step was not applied, or you undid it"), this);
    m_compensated->setObjectName(QStringLiteral("resolveCompensated"));
    QLabel *compensatedHelp = explanation(
        !choices.canCompensate
            ? tr("Not after the pivot has committed: the saga can only go forward. Retry the step, or resolve it as "
                 "done once it has been done by hand.")
        : choices.compensation
            ? tr("First check that the effect of %1 is undone (by its compensation or by hand). The rollback goes on "
                 "with the steps before it.")
                  .arg(name)
            : tr("First check that the effect did not happen (no charge at the bank), or undo it by hand. The saga "
                 "rolls back the steps before it."));
    m_compensated->setEnabled(choices.canCompensate);

    auto *noteLabel = new QLabel(tr("&Note (who checked what; kept in the saga log):"), this);
    m_note = new QLineEdit(this);
    m_note->setObjectName(QStringLiteral("resolveNote"));
    m_note->setPlaceholderText(tr("e.g. charged by hand, ticket 42"));
    noteLabel->setBuddy(m_note);

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("&Resolve"));
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_done, &QRadioButton::toggled, this, &ResolveStuckDialog::updateOk);
    connect(m_compensated, &QRadioButton::toggled, this, &ResolveStuckDialog::updateOk);
    connect(m_note, &QLineEdit::textChanged, this, &ResolveStuckDialog::updateOk);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addSpacing(6);
    layout->addWidget(m_done);
    layout->addWidget(doneHelp);
    layout->addWidget(m_compensated);
    layout->addWidget(compensatedHelp);
    layout->addSpacing(6);
    layout->addWidget(noteLabel);
    layout->addWidget(m_note);
    layout->addWidget(m_buttons);
    setMinimumWidth(fontMetrics().averageCharWidth() * 70);
    updateOk();
}

Resolution ResolveStuckDialog::resolution() const
{
    return m_compensated->isChecked() ? Resolution::Compensated : Resolution::Done;
}

QString ResolveStuckDialog::note() const
{
    return m_note->text().simplified();
}

void ResolveStuckDialog::updateOk()
{
    // A resolution by hand without a word of why would leave the log unable to say who vouches for it.
    m_buttons->button(QDialogButtonBox::Ok)
        ->setEnabled((m_done->isChecked() || m_compensated->isChecked()) && !note().isEmpty());
}

// --- StuckActions ---

StuckActions::StuckActions(RunController *run, RunMonitor *monitor, QWidget *window, QObject *parent)
    : QObject(parent)
    , m_run(run)
    , m_monitor(monitor)
    , m_window(window)
{
    m_retry = new QAction(tr("Retr&y the Stuck Step"), this);
    m_retry->setObjectName(QStringLiteral("retryStuckAction"));
    m_retry->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_R));
    m_retry->setToolTip(tr("Give the step the selected instance is stuck at its next attempt, with the same "
                           "idempotency key, once the cause is gone (sagascope-cli resume) (Ctrl+Shift+R)"));
    connect(m_retry, &QAction::triggered, this, [this] {
        QString error;
        if (!retry(&error))
            QMessageBox::warning(m_window, tr("Retry the Stuck Step"), error);
    });

    m_resolve = new QAction(tr("Resol&ve the Stuck Step…"), this);
    m_resolve->setObjectName(QStringLiteral("resolveStuckAction"));
    m_resolve->setToolTip(tr("Say that the step the selected instance is stuck at was done, or compensated, by "
                             "hand; the saga then goes on (sagascope-cli resume --resolve)"));
    connect(m_resolve, &QAction::triggered, this, &StuckActions::askResolution);

    connect(m_run, &RunController::runFinished, this, &StuckActions::onRunFinished);
    connect(m_run, &RunController::stateChanged, this, &StuckActions::update);
    connect(m_run, &RunController::selectedInstanceChanged, this, &StuckActions::update);
    update();
}

StuckChoices StuckActions::choices() const
{
    return StuckChoices::of(m_monitor->state(), m_run->selectedInstance());
}

void StuckActions::update()
{
    const StuckChoices now = choices();
    const bool can = now.stuck && !m_run->isBusy() && !m_run->resumableLogPath().isEmpty();
    m_retry->setEnabled(can && now.canRetry);
    m_resolve->setEnabled(can && (now.canDone || now.canCompensate));
}

bool StuckActions::retry(QString *error)
{
    return resume(Resolution::Retry, {}, error);
}

bool StuckActions::resolve(Resolution resolution, const QString &note, QString *error)
{
    return resume(resolution, note, error);
}

bool StuckActions::resume(Resolution resolution, const QString &note, QString *error)
{
    ResumeRequest request;
    request.instance = m_run->selectedInstance();
    request.resolution = resolution;
    request.note = note;
    if (!choices().stuck) {
        if (error)
            *error = resolution == Resolution::Retry
                ? tr("The selected instance is not stuck: there is nothing to retry.")
                : tr("The selected instance is not stuck: there is nothing to resolve.");
        return false;
    }
    if (!m_run->resumeStuck(request, error))
        return false;
    m_resumed = request.instance;
    return true;
}

void StuckActions::askResolution()
{
    const StuckChoices now = choices();
    if (!now.stuck)
        return;
    const Step *step = m_monitor->definition().step(now.step);
    auto *dialog = new ResolveStuckDialog(m_run->selectedInstance(), now, step ? step->displayName() : QString(), m_window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog] {
        QString error;
        if (!resolve(dialog->resolution(), dialog->note(), &error))
            QMessageBox::warning(m_window, tr("Resolve the Stuck Step"), error);
    });
    dialog->open();
}

void StuckActions::onRunFinished(const RunSummary &summary)
{
    const QString instance = std::exchange(m_resumed, QString());
    update();
    if (instance.isEmpty() || !m_run->lastWasResume() || summary.error.isEmpty())
        return;
    // Refused by the engine's own check of the logged trace: nothing was written.
    auto *box = new QMessageBox(QMessageBox::Warning, tr("Cannot Resume %1").arg(instance),
                                tr("The saga log was left as it was."), QMessageBox::Close, m_window);
    box->setObjectName(QStringLiteral("resumeRefusedMessageBox"));
    box->setInformativeText(summary.error);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
}

} // namespace Sagascope
