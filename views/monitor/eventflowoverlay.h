// SPDX-License-Identifier: MIT
#pragma once

#include "runstate.h"
#include "traceevent.h"

#include <QElapsedTimer>
#include <QHash>
#include <QObject>
#include <QPointer>
#include <QPolygonF>
#include <QTimer>

namespace Sagascope {

class ChoreographyScene;
class EventFlowLayer;

/**
 * A run drawn on the choreography view (SPEC section 5): each event of the selected instance
 * travels from its publisher up to the bus, along the bus and down to each subscriber, labelled
 * with its type and the instance's correlation id, one after another in the order the broker
 * delivered them, so that a failure's compensation chain is seen event by event (in the
 * compensation colour). Each card is outlined in the colour of its step's phase; while tokens
 * travel, the phases are those of the moment the oldest token still on its way was delivered
 * (RunState::stateAt()), so the cards change as the events arrive rather than ahead of them.
 * Like RunOverlay
 * it draws a RunState, never the document, and never enters undo; tokens are decoration.
 */
class EventFlowOverlay : public QObject
{
    Q_OBJECT
public:
    /** One event on its way (queued until its start). */
    struct Token
    {
        QString event;     // its type
        QString eventId;
        QString instance;  // the correlation id
        StepId publisher;  // empty: the saga's start
        StepId subscriber;
        bool rollback = false; // to a compensation, or a failure or compensation event
        QPolygonF path;
        qint64 startMs = 0;
        int durationMs = 0;
        qsizetype traceIndex = 0; // its delivery's place in the instance's events
    };

    explicit EventFlowOverlay(ChoreographyScene *scene, QObject *parent = nullptr);
    ~EventFlowOverlay() override;

    /** Shows `instance` of `state` on the cards; the state must live until the next call. */
    void setRunState(const RunState *state, const QString &instance);
    void clearRunState();
    QString instance() const { return m_instance; }
    /** Queues a token for each delivery of the selected instance among `applied`. */
    void animate(const QList<TraceEvent> &applied);
    void stopAnimation();
    bool isAnimating() const { return !m_tokens.isEmpty(); }
    /** The tokens travelling or waiting for their turn, in delivery order. */
    const QList<Token> &tokens() const { return m_tokens; }
    /** Every token delivered or under way since the last clearRunState() (for tests). */
    int deliveredCount() const { return m_delivered; }
    void setAnimationEnabled(bool enabled) { m_enabled = enabled; }
    /** An inactive overlay draws nothing and ignores runs (another overlay has the view). */
    void setActive(bool active);
    bool isActive() const { return m_active; }

    /** The phases drawn now: the run's, or while tokens travel, the run's as of the delivery of
     *  the oldest token still on its way. */
    const RunState *shownState() const;

    /** "3f2a9c01": the first eight characters of a correlation id, as the tokens show it. */
    static QString shortId(const QString &instance);

    static constexpr int TokenMs = 900;
    static constexpr int StaggerMs = 320; // between two tokens' starts: one event after another
    static constexpr int MaxTokens = 400;

Q_SIGNALS:
    void animationFinished();

private:
    friend class EventFlowLayer;
    void tick();
    qint64 now() const { return m_clock.elapsed(); }

    QPointer<ChoreographyScene> m_scene;
    EventFlowLayer *m_layer = nullptr;
    const RunState *m_state = nullptr;
    QString m_instance;
    QHash<QString, StepId> m_publisher; // event id -> the step that published it (selected instance)
    QList<TraceEvent> m_events;         // the selected instance's events, as animate() saw them
    RunState m_replay;                  // m_events up to m_replayK (the oldest travelling token's delivery)
    qsizetype m_replayK = -1;           // -1: no replay, the run's own state is drawn
    QList<Token> m_tokens;
    qint64 m_lastStart = -1;
    int m_delivered = 0;
    bool m_enabled = true;
    bool m_active = true;
    QElapsedTimer m_clock;
    QTimer m_tick;
};

} // namespace Sagascope
