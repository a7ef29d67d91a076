// SPDX-License-Identifier: MIT
#pragma once

#include <QObject>
#include <QPointer>
#include <QString>

#include <functional>

QT_BEGIN_NAMESPACE
class QAction;
class QFormLayout;
class QWidget;
QT_END_NAMESPACE

namespace Sagascope {

class SagaDocument;
struct RunOptions;
struct SagaDefinition;

/**
 * How the window runs a saga whose steps call remote services (SPEC section 6): against the
 * services, on the real clock, with the instances' input file (`run --input`), or offline on
 * the steps' `sim` specs (`run --simulate`). Owns Run › Choose Input… and Run › Simulate
 * Services Offline (enabled for such a saga only) and the rows of the Run N dialog; remembers
 * the input file of each saga file across sessions. It keeps no saga state: the options are
 * filled in at each run (apply()).
 */
class RunInputs : public QObject
{
    Q_OBJECT
public:
    RunInputs(SagaDocument *doc, QWidget *window, QObject *parent = nullptr);

    QAction *chooseAction() const { return m_chooseAction; }
    QAction *simulateAction() const { return m_simulateAction; }

    /** The input file of the open saga (empty: none chosen). */
    QString inputPath() const { return m_inputPath; }
    /** Sets (and remembers for the saga file) the input file; empty forgets it. */
    void setInputPath(const QString &path);
    bool simulate() const;
    void setSimulate(bool on);

    /**
     * Fills `options` for a run of `definition` from the window: nothing for a saga without
     * remote steps; with --simulate's offline run when Simulate is on; else the real clock and
     * the inputs of the input file, which is asked for first (chooser) when the templates read
     * an input and none was chosen. False: no run, with `error` naming the file, the line and
     * the fault, or an empty `error` when the person cancelled the choice.
     */
    bool apply(const SagaDefinition &definition, RunOptions *options, QString *error);

    /** Adds the Run N dialog's rows (calls or simulates, the input file) to `form` for a saga
     *  with remote steps; the returned function, called when the dialog is accepted, keeps
     *  what was chosen. `virtualTime` is disabled while the services are called. */
    std::function<void()> addDialogRows(QFormLayout *form, QWidget *virtualTime);

    /** Asks for an input file, starting in `folder` (default: a file dialog); for tests. */
    void setChooser(std::function<QString(const QString &folder)> chooser) { m_chooser = std::move(chooser); }

public Q_SLOTS:
    /** Run › Choose Input…: asks for the input file. */
    void chooseInput();

Q_SIGNALS:
    void message(const QString &text);

private:
    void follow();
    void updateActions();
    QString settingsKey() const;
    QString startFolder() const;
    QString ask();

    QPointer<SagaDocument> m_doc;
    QWidget *m_window = nullptr;
    QAction *m_chooseAction = nullptr;
    QAction *m_simulateAction = nullptr;
    QString m_inputPath;
    std::function<QString(const QString &)> m_chooser;
};

} // namespace Sagascope
