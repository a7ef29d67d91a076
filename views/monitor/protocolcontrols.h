// SPDX-License-Identifier: MIT
#pragma once

#include "comparisondialog.h"
#include "protocolrunstate.h"
#include "runoptions.h"

#include <QList>
#include <QObject>
#include <QPointer>

QT_BEGIN_NAMESPACE
class QAction;
class QActionGroup;
class QComboBox;
class QMenu;
class QToolBar;
class QWidget;
QT_END_NAMESPACE

namespace Sagascope {

class ProtocolOverlay;
class RunController;
class RunMonitor;
class SagaDocument;
class SagaScene;

/**
 * The monitor's SPEC section 7 controls, views over the RunController: the protocol switch on
 * the run toolbar (saga, 2PC), the coordinator's crash point and Recover (Run menu), Compare
 * Protocols (F7, a ComparisonDialog), and the ProtocolOverlay on the canvas fed, frame by frame,
 * with the RunMonitor's events reduced into a ProtocolRunState.
 */
class ProtocolControls : public QObject
{
    Q_OBJECT
public:
    ProtocolControls(RunController *run, RunMonitor *monitor, SagaDocument *doc, SagaScene *scene, QWidget *window);
    ~ProtocolControls() override;

    /** Adds the protocol switch and Compare to the run toolbar. */
    void addTo(QToolBar *toolBar);
    /** Compare Protocols…, Crash the Coordinator (a submenu), Recover the Coordinator: for a Run menu. */
    QList<QAction *> actions() const;

    QComboBox *protocolBox() const { return m_protocolBox; }
    QAction *compareAction() const { return m_compareAction; }
    QAction *recoverAction() const { return m_recoverAction; }
    /** The action that chooses `point` in the crash submenu. */
    QAction *crashAction(CrashPoint point) const;
    /** The Compare window (created by the first compare()). */
    ComparisonDialog *comparisonDialog() const { return m_dialog; }
    ProtocolOverlay *overlay() const { return m_overlay; }
    const ProtocolRunState &state() const { return m_state; }

    /** Opens the Compare window on the document's saga and runs the comparison (seed: the
     *  toolbar's when one was typed). */
    void compare(quint64 seed);

    // Fed by the MonitorController.
    void runPrepared(const SagaDefinition &definition);
    /** The monitor has shown every event of the run that finished: the counters take the
     *  engine's final values. */
    void runShown();
    void frame(const QList<TraceEvent> &applied, const QString &selectedInstance);
    void selectInstance(const QString &instance);
    /** Replay: shows the state after `events` (the run's events up to the replay position);
     *  live frames are still reduced, and showLive() shows them again. */
    void showReplay(const SagaDefinition &definition, const QList<TraceEvent> &events, const QString &instance);
    void showLive();
    bool isShowingReplay() const { return m_replaying; }
    void setRunClock(qint64 now);

Q_SIGNALS:
    /** Compare wants a seed: the MonitorController answers with compare(seed). */
    void compareRequested();

private:
    void syncFromController();
    void recover();

    RunController *m_run;
    RunMonitor *m_monitor;
    QPointer<SagaDocument> m_doc;
    QWidget *m_window;
    ProtocolRunState m_state;
    ProtocolRunState m_replayState;
    bool m_replaying = false;
    ProtocolOverlay *m_overlay = nullptr;
    QString m_instance;
    QMap<QString, qint64> m_finalValues;
    bool m_finalPending = false;
    QComboBox *m_protocolBox = nullptr;
    QAction *m_compareAction = nullptr;
    QAction *m_recoverAction = nullptr;
    QMenu *m_crashMenu = nullptr;
    QActionGroup *m_crashGroup = nullptr;
    QAction *m_separator = nullptr;
    QPointer<ComparisonDialog> m_dialog;
};

} // namespace Sagascope
