// SPDX-License-Identifier: MIT
#include "eventrules.h"

#include <QCoreApplication>
#include <QHash>
#include <QSet>

#include <algorithm>
#include <vector>

namespace Sagascope {

namespace {

/** At most this many names in a message. */
constexpr qsizetype MaxNames = 3;

/** "a", "a and b", "a, b and c", "a, b, c and 4 more". */
QString nameList(const QStringList &names)
{
    if (names.size() <= 1)
        return names.value(0);
    if (names.size() <= MaxNames)
        return QCoreApplication::translate("Validator", "%1 and %2").arg(names.mid(0, names.size() - 1).join(QStringLiteral(", ")), names.last());
    return QCoreApplication::translate("Validator", "%1 and %2 more").arg(names.mid(0, MaxNames).join(QStringLiteral(", "))).arg(names.size() - MaxNames);
}

bool canFail(const Step &step)
{
    return step.kind == StepKind::Compensatable || step.kind == StepKind::Pivot;
}

class EventChecker
{
public:
    EventChecker(const SagaDefinition &definition, const SagaGraph &graph, QList<Diagnostic> &out)
        : m_def(definition)
        , m_graph(graph)
        , m_events(definition)
        , m_out(out)
    {
        QHash<QString, int> count;
        for (const Step &step : definition.steps)
            ++count[step.id];
        for (const Step &step : definition.steps) {
            if (count.value(step.id) > 1)
                m_duplicateIds.insert(step.id);
        }
    }

    void run()
    {
        checkUnpublished();  // SAGA020
        checkUnconsumed();   // SAGA021
        checkEventCycles();  // SAGA022
        if (m_def.mode == SagaMode::Choreography && m_graph.isAcyclic())
            checkRollbacks(); // SAGA023
        checkRaces();        // SAGA024
    }

private:
    const Step &step(int i) const { return m_def.steps.at(i); }
    const QString &id(int i) const { return m_def.steps.at(i).id; }

    void add(Severity severity, const char *rule, const QStringList &steps, const QString &message,
             const QList<SagaEdit> &fix = {})
    {
        m_out.append(Diagnostic::make(severity, rule, steps, message, fix));
    }

    // SAGA020: waits for an event no one publishes.
    void checkUnpublished()
    {
        for (int i = 0; i < int(m_def.steps.size()); ++i) {
            const Step &s = step(i);
            for (const QString &event : s.on) {
                if (m_events.isPublished(event))
                    continue;
                add(Severity::Error, "SAGA020", {s.id},
                    QCoreApplication::translate("Validator", "%1 waits on the event %2, which no step publishes and which is not the start event (%3): %1 "
                       "would wait for ever and the instance would be stuck. Make a step emit %2, or correct the "
                       "name.")
                        .arg(s.id, event, m_events.startEvent()));
            }
            if (!s.compensation)
                continue;
            for (const QString &event : s.compensation->on) {
                if (m_events.isPublished(event))
                    continue;
                add(Severity::Error, "SAGA020", {s.id},
                    QCoreApplication::translate("Validator", "The compensation of %1 runs on the event %2, which no step publishes and which is not the start "
                       "event (%3), so it can never run on it. Make a step emit %2, or correct the name.")
                        .arg(s.id, event, m_events.startEvent()));
            }
        }
    }

    // SAGA021: publishes an event no one waits for.
    void checkUnconsumed()
    {
        for (int i = 0; i < int(m_def.steps.size()); ++i) {
            const Step &s = step(i);
            auto check = [&](const QString &event, const QString &when) {
                if (event.isEmpty() || m_events.isConsumed(event))
                    return;
                add(Severity::Warning, "SAGA021", {s.id},
                    QCoreApplication::translate("Validator", "%1 publishes %2 %3, but no step and no compensation waits on it: the event changes nothing. "
                       "Subscribe the step that should react to it, or stop emitting it.")
                        .arg(s.id, event, when));
            };
            if (s.emits) {
                check(s.emits->success, QCoreApplication::translate("Validator", "when it succeeds"));
                check(s.emits->failure, QCoreApplication::translate("Validator", "when it fails"));
            }
            if (s.compensation)
                check(s.compensation->emits, QCoreApplication::translate("Validator", "when it is compensated"));
        }
    }

    // SAGA022: a cycle that events close (SAGA001 reports the cycles of `after` alone).
    void checkEventCycles()
    {
        for (const QList<int> &component : m_graph.cycles()) {
            bool byEvent = false;
            for (const int v : component) {
                for (const int p : m_graph.predecessors(v)) {
                    if (component.contains(p) && m_graph.isEventEdge(p, v))
                        byEvent = true;
                }
            }
            if (!byEvent)
                continue;
            const QList<int> path = m_graph.cyclePath(component.first(), component);
            QString chain = id(path.first());
            QStringList events;
            for (qsizetype k = 0; k < path.size(); ++k) {
                const int from = path.at(k);
                const int to = path.at((k + 1) % path.size());
                if (m_graph.isEventEdge(from, to)) {
                    const QString event = step(from).emits->success;
                    chain += QStringLiteral(" -(%1)-> ").arg(event) + id(to);
                    events.append(event);
                } else {
                    chain += QStringLiteral(" -(after)-> ") + id(to);
                }
            }
            QStringList steps;
            for (const int v : path)
                steps.append(id(v));
            for (const int v : component) {
                if (!path.contains(v))
                    steps.append(id(v));
            }
            add(Severity::Error, "SAGA022", steps,
                QCoreApplication::translate("Validator", "%1: each of these steps waits for the success of the one before it, so none of them can ever "
                   "start. Stop one of them waiting on %2.")
                    .arg(chain, nameList(events)));
        }
    }

    // SAGA023: a failure point after which an applied step is never compensated.
    void checkRollbacks()
    {
        const int n = int(m_def.steps.size());
        // By step: the failure points that leave it applied, in file order.
        std::vector<QList<int>> missed(static_cast<size_t>(n));
        for (int f = 0; f < n; ++f) {
            if (!canFail(step(f)))
                continue;
            const FailurePlay play = FailurePlay::play(m_def, m_events, f);
            for (const int x : play.uncompensated)
                missed[size_t(x)].append(f);
        }
        for (int x = 0; x < n; ++x) {
            const QList<int> &failures = missed[size_t(x)];
            if (failures.isEmpty())
                continue;
            const Step &s = step(x);
            QStringList failureNames;
            QStringList steps{s.id};
            for (const int f : failures) {
                failureNames.append(id(f));
                if (f != x)
                    steps.append(id(f));
            }
            QString message = QCoreApplication::translate("Validator", "When %1 fails, %2 may have been applied, but no event of that failure reaches its "
                                 "compensation (it runs on %3): the rollback would leave %2 applied.")
                                  .arg(nameList(failureNames), s.id,
                                       s.compensation->on.isEmpty() ? QCoreApplication::translate("Validator", "no event") : s.compensation->on.join(QStringLiteral(", ")));
            QStringList subscribe;
            const QList<SagaEdit> fix = rollbackFix(x, failures, &subscribe);
            if (!fix.isEmpty())
                message += QLatin1Char(' ') + QCoreApplication::translate("Validator", "Compensate %1 on %2.").arg(s.id, nameList(subscribe));
            else
                message += QLatin1Char(' ') + QCoreApplication::translate("Validator", "Make each of these steps publish a failure event, and compensate %1 on it.").arg(s.id);
            add(Severity::Error, "SAGA023", steps, message, fix);
        }
    }

    /** Subscribe `x`'s compensation to the failure event of each of `failures`, giving a failure
     *  event (`<Step>Failed`) to those that publish none, where that name is free. */
    QList<SagaEdit> rollbackFix(int x, const QList<int> &failures, QStringList *subscribe) const
    {
        if (m_duplicateIds.contains(id(x)))
            return {};
        QList<SagaEdit> fix;
        for (const int f : failures) {
            if (m_duplicateIds.contains(id(f)))
                return {};
            QString event = step(f).emits ? step(f).emits->failure : QString();
            if (event.isEmpty()) {
                event = id(f) + QStringLiteral("Failed");
                if (m_events.events().contains(event))
                    return {}; // the name means something else here already
                const SagaEdit emits = SagaEdit::setEmits(id(f), SagaEdit::Outcome::Failure, event);
                if (!fix.contains(emits))
                    fix.append(emits);
            }
            fix.append(SagaEdit::addCompensationOn(id(x), event));
            subscribe->append(event);
        }
        return fix;
    }

    // SAGA024: two steps react to one event and one of them can fail.
    void checkRaces()
    {
        for (const QString &event : m_events.events()) {
            const QList<int> &consumers = m_events.consumers(event);
            if (consumers.size() < 2)
                continue;
            QList<int> failing;
            QList<int> others;
            for (const int c : consumers)
                (canFail(step(c)) ? failing : others).append(c);
            if (failing.isEmpty())
                continue;
            QStringList steps;
            for (const int c : failing)
                steps.append(id(c));
            for (const int c : others)
                steps.append(id(c));
            const QStringList rest = steps.mid(1);
            add(Severity::Warning, "SAGA024", steps,
                QCoreApplication::translate("Validator", "%1 and %2 both react to %3 and %1 can fail: %2 may already have run, or still be "
                   "running, when it fails. Check that their compensations listen to its failure, or let them wait "
                   "for its success instead.")
                    .arg(steps.first(), nameList(rest), event));
        }
    }

    const SagaDefinition &m_def;
    const SagaGraph &m_graph;
    const EventIndex m_events;
    QList<Diagnostic> &m_out;
    QSet<QString> m_duplicateIds;
};

} // namespace

void checkEventRules(const SagaDefinition &definition, const SagaGraph &graph, QList<Diagnostic> &out)
{
    EventChecker(definition, graph, out).run();
}

FailurePlay FailurePlay::play(const SagaDefinition &definition, const EventIndex &events, int failing)
{
    const int n = int(definition.steps.size());
    QHash<QString, int> index;
    for (int i = 0; i < n; ++i) {
        if (!index.contains(definition.steps.at(i).id))
            index.insert(definition.steps.at(i).id, i);
    }
    FailurePlay play;
    QSet<QString> published;
    auto publish = [&](const QString &event) {
        if (!event.isEmpty() && !published.contains(event)) {
            published.insert(event);
            play.published.append(event);
        }
    };
    std::vector<char> applied(size_t(n), 0), compensated(size_t(n), 0);
    publish(events.startEvent());
    const Step &f = definition.steps.at(failing);
    if (f.emits)
        publish(f.emits->failure);
    const bool unknownEffect = f.timeoutMs.has_value() && f.kind == StepKind::Compensatable;
    auto mayNeedUndo = [&](int i) { return applied[size_t(i)] || (i == failing && unknownEffect); };

    for (bool changed = true; changed;) {
        changed = false;
        for (int i = 0; i < n; ++i) {
            if (i == failing || applied[size_t(i)])
                continue;
            const Step &s = definition.steps.at(i);
            const bool ready = std::all_of(s.after.cbegin(), s.after.cend(), [&](const QString &a) {
                const int p = index.value(a, -1);
                return p >= 0 && applied[size_t(p)];
            }) && std::all_of(s.on.cbegin(), s.on.cend(), [&](const QString &e) { return published.contains(e); });
            if (!ready)
                continue;
            applied[size_t(i)] = 1;
            if (s.emits)
                publish(s.emits->success);
            changed = true;
        }
        for (int i = 0; i < n; ++i) {
            const Step &s = definition.steps.at(i);
            if (compensated[size_t(i)] || !s.compensation || !mayNeedUndo(i))
                continue;
            const QStringList &on = s.compensation->on;
            if (std::none_of(on.cbegin(), on.cend(), [&](const QString &e) { return published.contains(e); }))
                continue;
            compensated[size_t(i)] = 1;
            publish(s.compensation->emits);
            changed = true;
        }
    }
    for (int i = 0; i < n; ++i) {
        if (applied[size_t(i)])
            play.applied.append(i);
        if (compensated[size_t(i)])
            play.compensated.append(i);
        else if (mayNeedUndo(i) && definition.steps.at(i).kind == StepKind::Compensatable
                 && definition.steps.at(i).compensation)
            play.uncompensated.append(i);
    }
    return play;
}

} // namespace Sagascope
