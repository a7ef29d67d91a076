// SPDX-License-Identifier: MIT
#include "validator.h"

#include "eventrules.h"
#include "remotespec.h"
#include "sagagraph.h"

#include <QCoreApplication>
#include <QHash>
#include <QJsonArray>
#include <QSet>

#include <algorithm>
#include <optional>

// How the quick fixes are checked. SPEC section 2 offers a fix only when, applied, it removes its
// diagnostic, adds no error and keeps the order of every pair of steps it does not move. Applying
// each candidate to a copy and validating again would cost a new SagaGraph (O(n^2/64)) per fix,
// too slow for a 10,000-step saga with thousands of findings, so each candidate is checked here
// by what it changes, which is small and exactly known:
//
//  - setIdempotent / setRetry touch one field that only SAGA006 / SAGA009 read.
//  - setKind(S, retriable) on a compensatable step: only rules that read kinds can change; S
//    stops being compensatable, so SAGA002/003/004 can only lose findings about S.
//  - [moveAfter(S, T1), addAfter(S, T2), ...]: taking S out bridges every path that went through
//    S (its successors inherit its predecessors), and S then has no successors, so among the
//    other steps "x runs before y" is exactly what it was: no other pair changes order and no
//    cycle can form. The new ancestors of S are the Ti and their ancestors. So the only new
//    errors can involve S itself: a compensatable S after the pivot (SAGA004) or beside it
//    (SAGA003), or a pivot S beside a compensatable step or another pivot (SAGA003); these are
//    ruled out below before a fix is offered.
//
// Validator::checkFix() is the slow, literal check (apply to a copy, validate again, compare the
// order of every pair); tst_validator runs it on every fix offered for thousands of generated
// sagas, and callers may run it on the one fix they are about to apply.

namespace Sagascope {

namespace {

/** At most this many steps are named in a message. */
constexpr int MaxNamesInMessage = 3;
/** At most this many other steps are listed in a SAGA005 finding's `steps`, after the step itself. */
constexpr int MaxRelatedSteps = 10;
/** A SAGA005 fix that needs more edits than this is not a quick fix; the message says what to do. */
constexpr int MaxFixTargets = 8;

/** "a", "a and b", "a, b and c", "a, b, c and 4 more": `names` are the first few of `total`. */
QString nameList(const QStringList &names, qsizetype total)
{
    if (names.isEmpty())
        return {};
    if (total == 1)
        return names.first();
    if (total <= MaxNamesInMessage) {
        return QCoreApplication::translate("Validator", "%1 and %2").arg(names.mid(0, total - 1).join(QStringLiteral(", ")), names.at(total - 1));
    }
    return QCoreApplication::translate("Validator", "%1 and %2 more")
        .arg(names.mid(0, MaxNamesInMessage).join(QStringLiteral(", ")))
        .arg(total - MaxNamesInMessage);
}

/** What a compensation cannot take back, in words: "an email that was sent". */
QString effectPhrase(const QString &effect)
{
    const QString e = effect.toLower();
    if (e == QLatin1String("email") || e == QLatin1String("mail"))
        return QCoreApplication::translate("Validator", "an email that was sent");
    if (e == QLatin1String("sms"))
        return QCoreApplication::translate("Validator", "an SMS that was sent");
    if (e == QLatin1String("webhook"))
        return QCoreApplication::translate("Validator", "a webhook that was delivered");
    if (e == QLatin1String("push") || e == QLatin1String("notification"))
        return QCoreApplication::translate("Validator", "a notification that was shown");
    return QCoreApplication::translate("Validator", "'%1' once it has happened").arg(effect);
}

/** The effect as a thing to split off: "the email", "the SMS", "the 'print' side effect". */
QString effectNoun(const QString &effect)
{
    const QString e = effect.toLower();
    if (e == QLatin1String("email") || e == QLatin1String("mail"))
        return QCoreApplication::translate("Validator", "the email");
    if (e == QLatin1String("sms"))
        return QCoreApplication::translate("Validator", "the SMS");
    if (e == QLatin1String("webhook"))
        return QCoreApplication::translate("Validator", "the webhook");
    if (e == QLatin1String("push") || e == QLatin1String("notification"))
        return QCoreApplication::translate("Validator", "the notification");
    return QCoreApplication::translate("Validator", "the '%1' side effect").arg(effect);
}

StepSet intersection(const StepSet &a, const StepSet &b)
{
    return a.minus(a.minus(b));
}

StepSet singleton(int size, int index)
{
    StepSet set(size);
    set.insert(index);
    return set;
}

/** The rules, run once over one definition and its graph. */
class Checker
{
public:
    explicit Checker(const SagaDefinition &definition)
        : m_def(definition)
        , m_graph(definition)
        , m_n(m_graph.size())
        , m_compensatable(m_n)
        , m_pivots(m_n)
        , m_failable(m_n)
        , m_uniqueId(m_n)
    {
        QHash<QString, int> seen;
        seen.reserve(m_n);
        for (int i = 0; i < m_n; ++i)
            ++seen[id(i)];
        for (int i = 0; i < m_n; ++i) {
            if (seen.value(id(i)) == 1)
                m_uniqueId.insert(i);
        }
        if (definition.usesEvents())
            m_afterGraph.emplace(definition, SagaGraph::Edges::AfterOnly);
        for (int i = 0; i < m_n; ++i) {
            const StepKind kind = m_def.steps.at(i).kind;
            if (kind == StepKind::Compensatable) {
                m_compensatable.insert(i);
                m_failable.insert(i);
            } else if (kind == StepKind::Pivot) {
                m_pivots.insert(i);
                m_pivotList.append(i);
                m_failable.insert(i);
            }
        }
    }

    QList<Diagnostic> run()
    {
        checkCycles();            // SAGA001
        checkCompensations();     // SAGA002
        if (m_graph.isAcyclic()) {
            // Ancestors are only complete without cycles; SAGA001 has to be fixed first.
            checkPivots();        // SAGA003
            checkAfterPivot();    // SAGA004
            checkTooEarly();      // SAGA005
        }
        checkRetriables();        // SAGA006
        checkIsolated();          // SAGA007
        checkReferences();        // SAGA008
        checkCompensationRetry(); // SAGA009
        checkTemplates();         // SAGA010
        if (m_def.usesEvents() || m_def.mode == SagaMode::Choreography) {
            keepEventOrderInFixes();
            checkEventRules(m_def, m_graph, m_out); // SAGA020..SAGA024
        }
        checkResources();         // SAGA030, SAGA031
        sort();
        return m_out;
    }

private:
    const Step &step(int i) const { return m_def.steps.at(i); }
    /** SAGA001 looks at `after` alone; a cycle that events close is SAGA022's. */
    const SagaGraph &cycleGraph() const { return m_afterGraph ? *m_afterGraph : m_graph; }

    /** moveAfter rewrites `after` lists only: a step whose place comes from events (it waits `on`
     *  one, or a step waits on its success event) would not leave its place. No such fix is
     *  offered; the message says to change the events instead. */
    void keepEventOrderInFixes()
    {
        for (Diagnostic &d : m_out) {
            const bool eventOrdered = std::any_of(d.fix.cbegin(), d.fix.cend(), [this](const SagaEdit &edit) {
                if (edit.op != SagaEdit::Op::MoveAfter)
                    return false;
                const int s = m_graph.indexOf(edit.step);
                if (s < 0)
                    return false;
                if (!step(s).on.isEmpty())
                    return true;
                const QList<int> &next = m_graph.successors(s);
                return std::any_of(next.cbegin(), next.cend(), [&](int t) { return m_graph.isEventEdge(s, t); });
            });
            if (!eventOrdered)
                continue;
            d.message += QLatin1Char(' ')
                + QCoreApplication::translate("Validator", "(No quick fix: %1 is ordered by events; change the events it waits "
                                                           "on, or the steps that wait on its events.)")
                      .arg(d.fix.first().step);
            d.fix.clear();
        }
    }

    const QString &id(int i) const { return m_def.steps.at(i).id; }

    /** `fix` for step `i`, or none when another step has the same id (the edit could hit it). */
    QList<SagaEdit> fixFor(int i, const QList<SagaEdit> &fix) const
    {
        return m_uniqueId.contains(i) ? fix : QList<SagaEdit>{};
    }

    /** The ids of `indices`, or of their first `limit` ones. */
    QStringList ids(const QList<int> &indices, qsizetype limit = -1) const
    {
        const qsizetype count = limit < 0 ? indices.size() : std::min(limit, indices.size());
        QStringList list;
        list.reserve(count);
        for (qsizetype k = 0; k < count; ++k)
            list.append(id(indices.at(k)));
        return list;
    }

    /** "a, b, c and 4 more" for steps `indices`. */
    QString names(const QList<int> &indices) const
    {
        return nameList(ids(indices, MaxNamesInMessage + 1), indices.size());
    }

    void add(Severity severity, const char *rule, const QStringList &steps, const QString &message,
             const QList<SagaEdit> &fix = {})
    {
        m_out.append(Diagnostic::make(severity, rule, steps, message, fix));
    }

    // SAGA001: one finding per cycle, its steps in the order they wait for each other.
    void checkCycles()
    {
        for (const QList<int> &component : cycleGraph().cycles()) {
            const int start = component.first(); // first in the file
            const QList<int> path = cycleGraph().cyclePath(start, component);
            QList<int> order = path;
            for (const int i : component) {
                if (!order.contains(i))
                    order.append(i);
            }
            if (path.size() == 1) {
                add(Severity::Error, "SAGA001", ids(order),
                    QCoreApplication::translate("Validator", "%1 waits for itself (it names itself in after), so it can never start. "
                                                             "Remove %1 from its own after.")
                        .arg(id(start)));
                continue;
            }
            // A long cycle is shown by its first and last steps.
            constexpr qsizetype shown = 6;
            QStringList chain;
            if (path.size() <= shown) {
                chain = ids(path);
            } else {
                chain = ids(path.mid(0, shown - 2));
                chain.append(QCoreApplication::translate("Validator", "(%1 more)").arg(path.size() - shown));
                chain.append(ids(path.mid(path.size() - 2)));
            }
            chain.append(id(start));
            QString message = QCoreApplication::translate("Validator", "%1: each of these steps waits for the one before it, so none of them "
                                                                       "can ever start. Remove one of these dependencies.")
                                  .arg(chain.join(QStringLiteral(" -> ")));
            if (order.size() > path.size()) {
                message += QLatin1Char(' ')
                    + QCoreApplication::translate("Validator", "%1 also take part in this cycle.").arg(names(order.mid(path.size())));
            }
            add(Severity::Error, "SAGA001", ids(order), message);
        }
    }

    // SAGA002: compensatable without compensation, pivot with one.
    void checkCompensations()
    {
        for (int i = 0; i < m_n; ++i) {
            const Step &s = step(i);
            if (s.kind == StepKind::Compensatable && !s.compensation) {
                add(Severity::Error, "SAGA002", {s.id},
                    QCoreApplication::translate("Validator", "%1 is compensatable but has no compensation: when a later step fails, the "
                                                             "rollback cannot undo it. Add a compensation, or make it the pivot (or a "
                                                             "retriable step after the pivot) if it cannot be undone.")
                        .arg(s.id));
            } else if (s.kind == StepKind::Pivot && s.compensation) {
                add(Severity::Error, "SAGA002", {s.id},
                    QCoreApplication::translate("Validator", "%1 is the pivot, the point of no return: once it succeeds the saga only "
                                                             "goes forward, so its compensation would never run. Remove the "
                                                             "compensation, or make the step compensatable if it can really be undone.")
                        .arg(s.id));
            }
        }
    }

    // SAGA003: two pivots; a pivot beside a compensatable step.
    void checkPivots()
    {
        if (m_pivotList.size() >= 2) {
            const int first = m_pivotList.first();
            for (qsizetype k = 1; k < m_pivotList.size(); ++k) {
                const int p = m_pivotList.at(k);
                QString relation;
                if (m_graph.ancestors(p).contains(first))
                    relation = QCoreApplication::translate("Validator", "%1 runs after %2 on one path").arg(id(p), id(first));
                else if (m_graph.ancestors(first).contains(p))
                    relation = QCoreApplication::translate("Validator", "%1 runs after %2 on one path").arg(id(first), id(p));
                else
                    relation = QCoreApplication::translate("Validator", "they may run at the same time");
                add(Severity::Error, "SAGA003", {id(p), id(first)},
                    QCoreApplication::translate("Validator", "%1 and %2 are both pivots and %3: a saga has one point of no return; once "
                                                             "one pivot has succeeded the other may still fail, and nothing can be rolled "
                                                             "back any more. Keep one pivot and make the other compensatable (before it) "
                                                             "or retriable (after it).")
                        .arg(id(p), id(first), relation));
            }
        }
        if (m_pivotList.isEmpty())
            return;
        for (int c = 0; c < m_n; ++c) {
            if (!m_compensatable.contains(c))
                continue;
            const StepSet beside = m_pivots.minus(m_graph.ancestors(c)).minus(m_graph.descendants(c));
            if (beside.isEmpty())
                continue;
            const QList<int> pivots = beside.toList();
            const int p = pivots.first();
            add(Severity::Error, "SAGA003", {id(c), id(p)},
                QCoreApplication::translate("Validator", "%1 may run at the same time as the pivot %2: if %2 succeeds and %1 then fails, "
                                                         "the saga can no longer roll back. Make %2 wait for %1 (add %1 to the after of %2).")
                    .arg(id(c), id(p)));
        }
    }

    // SAGA004: a compensatable step after a pivot.
    void checkAfterPivot()
    {
        if (m_pivotList.isEmpty())
            return;
        for (int c = 0; c < m_n; ++c) {
            if (!m_compensatable.contains(c))
                continue;
            const StepSet pivotsBefore = intersection(m_pivots, m_graph.ancestors(c));
            if (pivotsBefore.isEmpty())
                continue;
            const int p = pivotsBefore.toList().first();
            // setKind(c, retriable) removes this finding and adds no error (see the top of the
            // file). Moving c is never enough: moved before the pivot it would need the pivot to
            // wait for it, which moveAfter does not do, and anywhere else it stays after the
            // pivot (SAGA004) or beside it (SAGA003).
            add(Severity::Error, "SAGA004", {id(c), id(p)},
                QCoreApplication::translate("Validator", "%1 is compensatable but runs after the pivot %2: once %2 has succeeded the saga "
                                                         "can no longer roll back, so a failure of %1 could not be undone. Make %1 "
                                                         "retriable (idempotent, retried until it succeeds), or move it before %2.")
                    .arg(id(c), id(p)),
                fixFor(c, {SagaEdit::setKind(id(c), StepKind::Retriable)}));
        }
    }

    // SAGA005: a retriable step or a step with side effects that can run before a step that may
    // still fail and trigger a rollback.
    void checkTooEarly()
    {
        if (m_failable.isEmpty())
            return;
        // The failable steps that no other failable step comes after.
        StepSet lastFailable(m_n);
        for (int f = 0; f < m_n; ++f) {
            if (m_failable.contains(f) && !m_graph.descendants(f).intersects(m_failable))
                lastFailable.insert(f);
        }

        for (int s = 0; s < m_n; ++s) {
            const Step &st = step(s);
            const bool hasEffects = !st.sideEffects.isEmpty();
            if (st.kind != StepKind::Retriable && !hasEffects)
                continue;
            const StepSet self = singleton(m_n, s);
            const StepSet mayFailLater = m_failable.minus(m_graph.ancestors(s)).minus(self);
            if (mayFailLater.isEmpty())
                continue;

            // Name the pivot when it is among them, else the last failable steps among them (a
            // step after one of them is among them too, so they cover all).
            StepSet named = intersection(m_pivots, mayFailLater);
            if (named.isEmpty())
                named = intersection(lastFailable, mayFailLater);
            const QList<int> namedList = named.toList();

            // The fix: move s after the last failable steps other than s.
            bool offer = false;
            QString whyNot;
            if (st.kind == StepKind::Retriable) {
                offer = true;
            } else if (st.kind == StepKind::Compensatable) {
                offer = m_pivotList.isEmpty(); // else it would come after or beside the pivot
                if (!offer) {
                    whyNot = QCoreApplication::translate("Validator", "Split %1 into its own retriable step after %2, and keep the "
                                                                      "compensatable part of %3 where it is.")
                                 .arg(effectNoun(st.sideEffects.first()), id(m_pivotList.first()), st.id);
                }
            } else { // a pivot with side effects
                offer = m_pivotList.size() == 1;
                if (!offer)
                    whyNot = QCoreApplication::translate("Validator", "Keep a single pivot first (SAGA003).");
            }
            QList<int> targets;
            if (offer) {
                targets = lastFailableWithout(s, lastFailable);
                // An edit names steps by id: with a duplicate id it could hit the wrong step.
                const bool unique = m_uniqueId.contains(s)
                    && std::all_of(targets.cbegin(), targets.cend(), [this](int t) { return m_uniqueId.contains(t); });
                if (!unique) {
                    offer = false;
                    whyNot = QCoreApplication::translate("Validator", "Give every step a unique id first (SAGA008).");
                }
            }
            if (offer) {
                if (targets.size() > MaxFixTargets) {
                    offer = false;
                    whyNot = QCoreApplication::translate("Validator", "Make it wait for every step that may still fail (%1).").arg(names(targets));
                }
            }
            QList<SagaEdit> fix;
            if (offer && !targets.isEmpty()) {
                fix.append(SagaEdit::moveAfter(st.id, id(targets.first())));
                for (qsizetype k = 1; k < targets.size(); ++k)
                    fix.append(SagaEdit::addAfter(st.id, id(targets.at(k))));
            }

            QString message;
            const QString later = names(namedList);
            if (hasEffects) {
                QStringList phrases;
                for (const QString &effect : st.sideEffects)
                    phrases.append(effectPhrase(effect));
                message = QCoreApplication::translate("Validator", "%1 has side effects (%2) and can run before %3, which may still fail "
                                                                   "and trigger a rollback; a compensation cannot take back %4.")
                              .arg(st.id, st.sideEffects.join(QStringLiteral(", ")), later,
                                   phrases.join(QCoreApplication::translate("Validator", " or ")));
            } else {
                message = QCoreApplication::translate("Validator", "%1 is retriable and can run before %2, which may still fail and "
                                                                   "trigger a rollback; a retriable step is never compensated, so its "
                                                                   "effect would stay.")
                              .arg(st.id, later);
            }
            message += QLatin1Char(' ');
            if (!fix.isEmpty())
                message += QCoreApplication::translate("Validator", "Move it after %1.").arg(names(targets));
            else
                message += whyNot;

            QStringList steps{st.id};
            steps.append(ids(namedList, MaxRelatedSteps));
            add(Severity::Warning, "SAGA005", steps, message, fix);
        }
    }

    /** The failable steps other than `s` that no other failable step (other than `s`) comes
     *  after: the pivot first, then in file order. */
    QList<int> lastFailableWithout(int s, const StepSet &lastFailable) const
    {
        QList<int> targets;
        if (m_failable.contains(s)) {
            // Without s, a failable ancestor of s whose only failable descendant was s is last too.
            const StepSet others = m_failable.minus(singleton(m_n, s));
            for (int f = 0; f < m_n; ++f) {
                if (f == s || !others.contains(f))
                    continue;
                if (lastFailable.contains(f)
                    || (m_graph.ancestors(s).contains(f) && !m_graph.descendants(f).intersects(others)))
                    targets.append(f);
            }
        } else {
            targets = lastFailable.toList();
        }
        std::stable_partition(targets.begin(), targets.end(), [this](int f) { return m_pivots.contains(f); });
        return targets;
    }

    // SAGA006: retriable but not idempotent; retriable with business failures.
    void checkRetriables()
    {
        for (int i = 0; i < m_n; ++i) {
            const Step &s = step(i);
            if (s.kind != StepKind::Retriable)
                continue;
            if (!s.idempotent) {
                add(Severity::Warning, "SAGA006", {s.id},
                    QCoreApplication::translate("Validator", "%1 is retriable, so it is retried until it succeeds (and again after a "
                                                             "crash), but it is not marked idempotent: a repeated attempt could apply it "
                                                             "twice. Make its action safe to repeat (the engine passes an idempotency key) "
                                                             "and mark it idempotent.")
                        .arg(s.id),
                    fixFor(i, {SagaEdit::setIdempotent(s.id, true)}));
            }
            if (s.action.sim && s.action.sim->businessFailure > 0) {
                add(Severity::Warning, "SAGA006", {s.id},
                    QCoreApplication::translate("Validator", "%1 is retriable but may fail for a business reason (sim.businessFailure %2): "
                                                             "no retry can cure that, and a retriable step is not rolled back, so the saga "
                                                             "would be stuck. Make it compensatable and put it before the pivot, or remove "
                                                             "the business failure.")
                        .arg(s.id)
                        .arg(s.action.sim->businessFailure));
            }
        }
    }

    // SAGA007: no steps; a step with no dependency either way.
    void checkIsolated()
    {
        if (m_n == 0) {
            add(Severity::Warning, "SAGA007", {},
                QCoreApplication::translate("Validator", "The saga has no steps: there is nothing to run. Add a step."));
            return;
        }
        if (m_n < 2)
            return;
        for (int i = 0; i < m_n; ++i) {
            if (!m_graph.predecessors(i).isEmpty() || !m_graph.successors(i).isEmpty())
                continue;
            add(Severity::Warning, "SAGA007", {id(i)},
                QCoreApplication::translate("Validator", "%1 does not wait for any step and no step waits for it, so it starts at once, "
                                                         "beside everything else, and takes no part in the saga's order. Give it an after, "
                                                         "or add it to the after of the step that needs it.")
                    .arg(id(i)));
        }
    }

    // SAGA008: unknown step in after, duplicate ids, unknown service.
    void checkReferences()
    {
        QHash<QString, QList<int>> byId;
        byId.reserve(m_n);
        for (int i = 0; i < m_n; ++i)
            byId[id(i)].append(i);
        QSet<QString> services;
        for (const Service &service : m_def.services)
            services.insert(service.id);

        for (int i = 0; i < m_n; ++i) {
            const Step &s = step(i);
            const QList<int> &same = byId.value(s.id);
            if (same.size() > 1 && same.first() == i) {
                QStringList places;
                for (const int k : same)
                    places.append(QStringLiteral("steps[%1]").arg(k));
                add(Severity::Error, "SAGA008", {s.id},
                    QCoreApplication::translate("Validator", "The id %1 is used by %2 steps (%3); step ids must be unique, since "
                                                             "dependencies, logs and the canvas name steps by id. Rename all but one.")
                        .arg(s.id)
                        .arg(same.size())
                        .arg(places.join(QStringLiteral(", "))));
            }
            QSet<QString> reported;
            for (const QString &name : s.after) {
                if (byId.contains(name) || reported.contains(name))
                    continue;
                reported.insert(name);
                add(Severity::Error, "SAGA008", {s.id},
                    QCoreApplication::translate("Validator", "%1 waits for '%2', which is not a step of this saga. Correct the name or "
                                                             "remove it from after.")
                        .arg(s.id, name));
            }
            if (!s.service.isEmpty() && !services.contains(s.service)) {
                add(Severity::Error, "SAGA008", {s.id},
                    QCoreApplication::translate("Validator", "%1 uses the service '%2', which is not declared in services. Declare it, "
                                                             "or correct the name.")
                        .arg(s.id, s.service));
            }
        }
    }

    // SAGA009: a compensation that gives up.
    void checkCompensationRetry()
    {
        for (int i = 0; i < m_n; ++i) {
            const Step &s = step(i);
            if (!s.compensation || !s.compensation->retry || !s.compensation->retry->isBounded())
                continue;
            add(Severity::Warning, "SAGA009", {s.id},
                QCoreApplication::translate("Validator", "The compensation of %1 gives up after %2 attempts: a compensation that gives up "
                                                         "leaves the saga stuck, half rolled back. Retry it until it succeeds "
                                                         "(maxAttempts 0), and make it safe to repeat.")
                    .arg(s.id)
                    .arg(s.compensation->retry->maxAttempts),
                fixFor(i, {SagaEdit::setRetry(s.id, SagaEdit::Target::Compensation, 0)}));
        }
    }

    // SAGA030: a sim.effect on an undeclared resource, or on a compensation (which undoes the
    // action's effect by itself). SAGA031: a countermeasure or onLocked that has nothing to act on.
    void checkResources()
    {
        for (int i = 0; i < m_n; ++i) {
            const Step &s = step(i);
            const std::optional<SimSpec> &action = s.action.sim;
            if (action && action->effect && !m_def.resource(action->effect->resource)) {
                add(Severity::Error, "SAGA030", {s.id},
                    QCoreApplication::translate("Validator", "%1 changes the resource '%2', which is not declared in resources. "
                                                             "Declare it with its initial value, or correct the name.")
                        .arg(s.id, action->effect->resource));
            }
            if (s.compensation && s.compensation->sim && s.compensation->sim->effect) {
                add(Severity::Error, "SAGA030", {s.id},
                    QCoreApplication::translate("Validator", "The compensation of %1 has its own sim.effect; a compensation takes "
                                                             "back the action's effect by itself (it adds -delta). Remove it.")
                        .arg(s.id));
            }
            if (!action)
                continue;
            if (action->countermeasure != Countermeasure::None && !action->effect) {
                add(Severity::Warning, "SAGA031", {s.id},
                    QCoreApplication::translate("Validator", "%1 has the countermeasure %2 but no sim.effect for it to protect; it "
                                                             "does nothing.")
                        .arg(s.id, countermeasureName(action->countermeasure)));
            }
            if (action->onLocked && action->countermeasure != Countermeasure::SemanticLock) {
                add(Severity::Warning, "SAGA031", {s.id},
                    QCoreApplication::translate("Validator", "%1 sets onLocked, which only a semanticLock countermeasure reads; it "
                                                             "does nothing here.")
                        .arg(s.id));
            }
        }
    }

    // SAGA010: templates in `http` (path, body, header values) and in endpoint headers.
    void checkTemplates()
    {
        for (int i = 0; i < m_n; ++i) {
            const Step &s = step(i);
            checkTemplatesOf(i, s.action.http, QStringLiteral("action"));
            if (s.compensation)
                checkTemplatesOf(i, s.compensation->http, QStringLiteral("compensation"));
        }
        for (const Service &service : m_def.services) {
            const QJsonObject headers = service.endpoint.value(QLatin1String("headers")).toObject();
            for (auto it = headers.constBegin(); it != headers.constEnd(); ++it)
                checkTemplateString(-1, it.value().toString(),
                                    QStringLiteral("services[%1].endpoint.headers.%2").arg(service.id, it.key()));
        }
    }

    void checkTemplatesOf(int i, const QJsonObject &http, const QString &operation)
    {
        if (http.isEmpty())
            return;
        checkTemplateString(i, http.value(QLatin1String("path")).toString(), operation + QStringLiteral(".http.path"));
        const QJsonObject headers = http.value(QLatin1String("headers")).toObject();
        for (auto it = headers.constBegin(); it != headers.constEnd(); ++it)
            checkTemplateString(i, it.value().toString(), operation + QStringLiteral(".http.headers.") + it.key());
        checkTemplateValue(i, http.value(QLatin1String("body")), operation + QStringLiteral(".http.body"));
    }

    void checkTemplateValue(int i, const QJsonValue &value, const QString &where)
    {
        if (value.isString()) {
            checkTemplateString(i, value.toString(), where);
        } else if (value.isArray()) {
            const QJsonArray array = value.toArray();
            for (qsizetype k = 0; k < array.size(); ++k)
                checkTemplateValue(i, array.at(k), where + QStringLiteral("[%1]").arg(k));
        } else if (value.isObject()) {
            const QJsonObject object = value.toObject();
            for (auto it = object.constBegin(); it != object.constEnd(); ++it)
                checkTemplateValue(i, it.value(), where + QLatin1Char('.') + it.key());
        }
    }

    /** `i` is the step using the string, or -1 for an endpoint (no step: no results). */
    void checkTemplateString(int i, const QString &text, const QString &where)
    {
        if (!text.contains(QLatin1String("${")))
            return;
        const QStringList steps = i >= 0 ? QStringList{id(i)} : QStringList{};
        const QString owner = i >= 0 ? id(i) + QLatin1Char('.') + where : where;
        const TemplateScan scan = scanTemplates(text);
        if (!scan.error.isEmpty()) {
            add(Severity::Error, "SAGA010", steps,
                QCoreApplication::translate("Validator", "%1: %2").arg(owner, scan.error));
            return;
        }
        for (const TemplateRef &ref : scan.refs) {
            if (ref.kind != TemplateRef::Kind::Results)
                continue;
            if (i < 0) {
                add(Severity::Error, "SAGA010", steps,
                    QCoreApplication::translate("Validator", "%1: an endpoint's headers cannot use ${results…}; "
                                                             "only ${instance}, ${step} and ${input…}")
                        .arg(owner));
                continue;
            }
            const int source = m_graph.indexOf(ref.step);
            if (source < 0) {
                add(Severity::Error, "SAGA010", steps,
                    QCoreApplication::translate("Validator", "%1: ${results.%2…} names no step of this saga")
                        .arg(owner, ref.step));
            } else if (source != i && m_graph.isAcyclic() && !m_graph.ancestors(i).contains(source)) {
                add(Severity::Error, "SAGA010", {id(i), ref.step},
                    QCoreApplication::translate("Validator", "%1: ${results.%2…} reads the result of %2, which does "
                                                             "not always succeed before %3 runs; make %3 come after "
                                                             "%2, or read a step that it comes after")
                        .arg(owner, ref.step, id(i)));
            }
        }
    }

    /** Errors first, then by rule id, then by the file order of the first step named. */
    void sort()
    {
        auto firstIndex = [this](const Diagnostic &d) {
            return d.steps.isEmpty() ? -1 : m_graph.indexOf(d.steps.first());
        };
        std::stable_sort(m_out.begin(), m_out.end(), [&](const Diagnostic &a, const Diagnostic &b) {
            if (a.severity != b.severity)
                return a.severity == Severity::Error;
            if (a.rule != b.rule)
                return a.rule < b.rule;
            return firstIndex(a) < firstIndex(b);
        });
    }

    const SagaDefinition &m_def;
    const SagaGraph m_graph;
    std::optional<SagaGraph> m_afterGraph; // `after` edges alone, when the saga uses events
    const int m_n;
    StepSet m_compensatable;
    StepSet m_pivots;
    StepSet m_failable;
    StepSet m_uniqueId; // steps whose id no other step has: an edit naming them means them alone
    QList<int> m_pivotList;
    QList<Diagnostic> m_out;
};

} // namespace

QList<Diagnostic> Validator::validate(const SagaDefinition &definition)
{
    return Checker(definition).run();
}

QString Validator::checkFix(const SagaDefinition &definition, const Diagnostic &diagnostic)
{
    if (!diagnostic.hasFix())
        return QCoreApplication::translate("Validator", "no quick fix is offered");
    SagaDefinition fixed = definition;
    QString error;
    if (!applyEdits(fixed, diagnostic.fix, &error))
        return error;

    const QList<Diagnostic> before = validate(definition);
    const QList<Diagnostic> after = validate(fixed);

    // The finding is gone. SAGA006 may report a step twice; only the finding with a fix counts.
    const QString subject = diagnostic.steps.value(0);
    for (const Diagnostic &d : after) {
        if (d.rule == diagnostic.rule && d.steps.value(0) == subject
            && (diagnostic.rule != QLatin1String("SAGA006") || d.hasFix() == diagnostic.hasFix()))
            return QCoreApplication::translate("Validator", "the finding remains: %1").arg(d.toLine());
    }

    // No new error: an error of the same rule about the same steps was there before.
    auto key = [](const Diagnostic &d) -> QString {
        QStringList steps = d.steps;
        steps.sort();
        return d.rule + QLatin1Char(' ') + steps.join(QLatin1Char(','));
    };
    QSet<QString> errorsBefore;
    for (const Diagnostic &d : before) {
        if (d.severity == Severity::Error)
            errorsBefore.insert(key(d));
    }
    for (const Diagnostic &d : after) {
        if (d.severity == Severity::Error && !errorsBefore.contains(key(d)))
            return QCoreApplication::translate("Validator", "it adds an error: %1").arg(d.toLine());
    }

    // Every two steps the fix does not move keep their order.
    QSet<StepId> moved;
    for (const SagaEdit &edit : diagnostic.fix) {
        if (edit.op == SagaEdit::Op::MoveAfter || edit.op == SagaEdit::Op::AddAfter)
            moved.insert(edit.step);
    }
    if (moved.isEmpty())
        return {};
    const SagaGraph g0(definition);
    const SagaGraph g1(fixed);
    for (int b = 0; b < g0.size(); ++b) {
        if (moved.contains(g0.id(b)))
            continue;
        for (const int a : g0.ancestors(b).toList()) {
            if (!moved.contains(g0.id(a)) && !g1.ancestors(b).contains(a))
                return QCoreApplication::translate("Validator", "%1 would no longer wait for %2").arg(g0.id(b), g0.id(a));
        }
    }
    return {};
}

bool Validator::hasErrors(const QList<Diagnostic> &diagnostics)
{
    return std::any_of(diagnostics.cbegin(), diagnostics.cend(),
                       [](const Diagnostic &d) { return d.severity == Severity::Error; });
}

QStringList Validator::errorLines(const SagaDefinition &definition)
{
    QStringList errors;
    for (const Diagnostic &d : validate(definition))
        if (d.severity == Severity::Error)
            errors << QStringLiteral("%1 %2: %3").arg(d.rule, d.steps.join(QLatin1Char(',')), d.message);
    return errors;
}

} // namespace Sagascope
