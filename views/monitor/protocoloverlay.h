// SPDX-License-Identifier: MIT
#pragma once

#include "protocolrunstate.h"
#include "sagascene.h"

#include <QObject>
#include <QPointer>

namespace Sagascope {

class ProtocolLayerItem;

/**
 * SPEC section 7 drawn over a SagaScene's cards, from a ProtocolRunState (never the document):
 * under 2PC the coordinator above the cards with its phase or decision, a line from it to each
 * participant of the shown instance with the last message (prepare, the vote, commit or abort),
 * a lock on every card while its participant holds its lock (with the time held), and "in doubt"
 * on the participants of a crashed coordinator until recovery; under both protocols, a board
 * beside the cards with each shared counter's current value, who changed it last and who holds
 * its lock. One graphics item, repainted when fed.
 */
class ProtocolOverlay : public QObject
{
    Q_OBJECT
public:
    explicit ProtocolOverlay(SagaScene *scene, QObject *parent = nullptr);
    ~ProtocolOverlay() override;

    /** Shows `instance` of `state` (which must live until the next call or clear()). */
    void setState(const ProtocolRunState *state, const QString &instance);
    /** The run's time now (trace ms), for the lock-held times between two events. */
    void setRunClock(qint64 now);
    void clear();

    /** What is shown, for tests: the coordinator's line, a card's badge, a counter's line. */
    bool isCoordinatorShown() const;
    QString coordinatorText() const;
    QString messageText(const StepId &step) const;
    QString lockText(const StepId &step) const;
    bool isInDoubt(const StepId &step) const;
    QString resourceText(const QString &resource) const;
    /** The item (in the scene, visible while something is shown; null before the first). */
    QGraphicsItem *item() const;

private:
    friend class ProtocolLayerItem;
    void refresh();
    /** The run clock, never before the latest event. */
    qint64 now() const;

    QPointer<SagaScene> m_scene;
    ProtocolLayerItem *m_item = nullptr;
    const ProtocolRunState *m_state = nullptr;
    QString m_instance;
    qint64 m_now = -1;
};

} // namespace Sagascope
