// SPDX-License-Identifier: MIT
#pragma once

#include "runstate.h"
#include "sagascene.h"
#include "sagadefinition.h"
#include "traceevent.h"

#include <QElapsedTimer>
#include <QFontMetricsF>
#include <QHash>
#include <QObject>
#include <QPointer>
#include <QTimer>

namespace Sagascope {

class StepRunItem;
class TokenLayerItem;

/** What one card shows of the run: a copy, so that a card repaints only when it changes. */
struct StepRunDisplay
{
    bool active = false;          // a run (or a replay) is shown on this card
    StepPhase phase = StepPhase::Pending;
    QString text;                 // "running 120 ms", "attempt 2 of 3 · retry in 80 ms", ...
    QString toolTip;              // the reason of a failure or of a stuck step
    bool pivotCommitted = false;  // this card is the pivot, and it committed
    bool heat = false;            // the heat bar is shown
    std::array<int, StepPhaseCount> heatCounts{};
    QStringList heatParts;        // "succeeded 12", "failed: technical 7", "pending 3": the heat bar's words
    bool breakpoint = false;
    QString fault;                // the injected fault, e.g. "business", "timeout ×3"; empty: none
    QString paused;               // the paused run stopped here: what it says ("paused before"); empty: no

    friend bool operator==(const StepRunDisplay &, const StepRunDisplay &) = default;
};

/**
 * The run overlaid on a SagaScene's cards (STYLE 7/8): what it draws comes from a RunState,
 * never from the document, and never enters undo. Fed one call per frame (setRunState()); each
 * card's overlay repaints only when what it shows changed. Tokens travel along the arrows of the
 * selected instance as its steps succeed, and backwards along them, in the compensation colour,
 * as its compensations succeed; the pivot's commit is marked with a pulse and a flag. Tokens are
 * decoration only, at most 60 frames a second: a card's phase is always the RunState's.
 * With many instances, a heat bar over each card counts the instances in each phase.
 */
class RunOverlay : public QObject
{
    Q_OBJECT
public:
    explicit RunOverlay(SagaScene *scene, QObject *parent = nullptr);
    ~RunOverlay() override;

    SagaScene *scene() const { return m_scene; }

    /** Shows `instance` of `state` on the cards (and the heat counts when heat is on). The
     *  state must live until the next call or clearRunState(). Call once per frame. */
    void setRunState(const RunState *state, const QString &instance);
    /** The run's time now (trace ms), for the running times and backoff countdowns between two
     *  events; -1 (the default): the time of the latest event. Never before the latest event. */
    void setRunClock(qint64 now, bool refresh = true);
    /** Hides the run from every card (breakpoints and injected faults stay). */
    void clearRunState();
    QString instance() const { return m_instance; }

    /** Starts the token animation for the selected instance's events among `applied`. */
    void animate(const QList<TraceEvent> &applied);
    /** Ends every token at once. */
    void stopAnimation();
    bool isAnimating() const;
    int tokenCount() const;
    /** Whether tokens are drawn at all (off for very large runs). */
    void setAnimationEnabled(bool enabled);

    void setHeatVisible(bool visible);
    bool isHeatVisible() const { return m_heat; }

    /** Marks shown on a card whether or not a run is shown. */
    void setBreakpoint(const StepId &step, bool on);
    bool hasBreakpoint(const StepId &step) const { return m_breakpoints.contains(step); }
    void setInjectedFault(const StepId &step, const QString &label);
    QString injectedFault(const StepId &step) const { return m_faults.value(step); }

    /** Marks the card where a paused run stopped, with `text` ("paused before", "paused
     *  after"); an empty `step` takes the mark away (resumed, stopped). */
    void setPausedAt(const StepId &step, const QString &text);
    StepId pausedAt() const { return m_pausedAt; }

    /** The word the heat bar uses for `phase`: the pill's words ("failed: technical"), never
     *  the trace's names ("failed_technical"). */
    static QString phaseWord(StepPhase phase);
    /** `parts` in lines of at most `width` at `metrics`, broken between parts, never inside
     *  one (a count is never cut: a part wider than `width` gets a line of its own). */
    static QStringList wrapParts(const QStringList &parts, const QFontMetricsF &metrics, qreal width);

    /** What a card shows now (for tests); an inactive display when the step has no card. */
    StepRunDisplay display(const StepId &step) const;
    /** How many card overlays were repainted since the last call (for tests and figures). */
    int takeRepaintCount();

Q_SIGNALS:
    /** The last token arrived (isAnimating() turned false). */
    void animationFinished();

private:
    friend class StepRunItem;
    void itemDestroyed(const StepId &step);
    StepRunItem *ensureItem(const StepId &step);
    void refreshAll();
    void refreshStep(const StepId &step);
    StepRunDisplay computeDisplay(const StepId &step) const;
    void rebuildGraph();
    void tick();

    QPointer<SagaScene> m_scene;
    const RunState *m_state = nullptr;
    QString m_instance;
    qint64 m_runClock = -1;
    bool m_heat = false;
    bool m_animationEnabled = true;
    QHash<StepId, StepRunItem *> m_items;
    QHash<StepId, bool> m_breakpoints;
    QHash<StepId, QString> m_faults;
    StepId m_pausedAt;
    QString m_pausedText;
    QHash<StepId, QList<StepId>> m_successors;
    bool m_graphDirty = true;
    TokenLayerItem *m_tokens = nullptr;
    QTimer m_tick;
    QElapsedTimer m_clock;
    int m_repaints = 0;
};

} // namespace Sagascope
