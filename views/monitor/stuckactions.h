// SPDX-License-Identifier: MIT
#pragma once

#include "engine.h"
#include "resume.h"

#include <QDialog>
#include <QObject>

QT_BEGIN_NAMESPACE
class QAction;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QRadioButton;
QT_END_NAMESPACE

namespace Sagascope {

class RunController;
class RunMonitor;

/**
 * Resolve Stuck Step…: how a person says what became of the step an instance is stuck at (done by
 * hand, or not applied / undone by hand), with what to check first and a note that the saga log
 * keeps. The choices the run state rules out are disabled, with the reason beside them.
 */
class ResolveStuckDialog : public QDialog
{
    Q_OBJECT
public:
    /** `stepName`: the step as its card names it (its label); empty: its id. */
    ResolveStuckDialog(const QString &instance, const StuckChoices &choices, const QString &stepName = {},
                       QWidget *parent = nullptr);

    Resolution resolution() const;
    QString note() const;
    QRadioButton *doneButton() const { return m_done; }
    QRadioButton *compensatedButton() const { return m_compensated; }
    QLineEdit *noteEdit() const { return m_note; }
    QDialogButtonBox *buttons() const { return m_buttons; }

private:
    void updateOk();

    QRadioButton *m_done = nullptr;
    QRadioButton *m_compensated = nullptr;
    QLineEdit *m_note = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
};

/**
 * The monitor's operations on a stuck instance (SPEC section 3, docs/ENGINE.md "Resuming a stuck
 * instance"), as `sagascope-cli resume` offers them: Retry the stuck step (its next attempt, same
 * idempotency key) and Resolve it by hand. They act on the selected instance, through
 * RunController::resumeStuck(), in the saga log of the last run or of the log being followed;
 * the Run menu and the Instances dock's context menu show them. A request the engine refuses is
 * said in a message box, the log untouched.
 */
class StuckActions : public QObject
{
    Q_OBJECT
public:
    StuckActions(RunController *run, RunMonitor *monitor, QWidget *window, QObject *parent = nullptr);

    QAction *retryAction() const { return m_retry; }
    QAction *resolveAction() const { return m_resolve; }

    /** What the selected instance allows now (both actions disabled when it is not stuck, a run is
     *  in progress, or no saga log keeps it). */
    StuckChoices choices() const;
    /** Retries the selected instance's stuck step; false with a message when it cannot. */
    bool retry(QString *error);
    /** Resolves it by hand; false with a message when it cannot. */
    bool resolve(Resolution resolution, const QString &note, QString *error);

public Q_SLOTS:
    /** Enables the actions for the selected instance; call when the selection, the run or the
     *  selected instance's state changes. */
    void update();

Q_SIGNALS:
    void message(const QString &text);

private:
    void onRunFinished(const RunSummary &summary);
    void askResolution();
    bool resume(Resolution resolution, const QString &note, QString *error);

    RunController *m_run = nullptr;
    RunMonitor *m_monitor = nullptr;
    QWidget *m_window = nullptr;
    QAction *m_retry = nullptr;
    QAction *m_resolve = nullptr;
    QString m_resumed; // the instance of the resume in progress
};

} // namespace Sagascope
