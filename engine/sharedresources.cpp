// SPDX-License-Identifier: MIT
#include "sharedresources.h"

#include <QCoreApplication>

namespace Sagascope {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Engine", text);
}

} // namespace

SharedResources::SharedResources(const SagaDefinition &definition) : m_definition(definition)
{
    for (const Resource &r : definition.resources)
        m_values.insert(r.name, r.initial);
}

void SharedResources::restoreValue(const QString &resource, qint64 value)
{
    if (m_values.contains(resource))
        m_values.insert(resource, value);
}

const SimEffect *SharedResources::effectOf(int stepIndex) const
{
    if (stepIndex < 0 || stepIndex >= m_definition.steps.size())
        return nullptr;
    const std::optional<SimSpec> &sim = m_definition.steps.at(stepIndex).action.sim;
    if (!sim || !sim->effect || !m_values.contains(sim->effect->resource))
        return nullptr;
    return &*sim->effect;
}

void SharedResources::restoreAppliedAction(const QString &instance, int stepIndex, qint64 now)
{
    const SimEffect *effect = effectOf(stepIndex);
    if (!effect)
        return;
    Work &work = m_work[Key{instance, stepIndex}];
    if (work.applied)
        return;
    work.applied = true;
    work.writeSeq = m_readSeq;
    m_stepsOf[instance].append(stepIndex);
    ++m_openWrites[effect->resource];
    if (m_definition.steps.at(stepIndex).action.sim->countermeasure == Countermeasure::SemanticLock) {
        SemanticLock &lock = m_semanticLocks[effect->resource];
        if (lock.holder.isEmpty()) {
            lock.holder = instance;
            lock.since = now;
        }
    }
}

SharedResources::Admission SharedResources::admit(const QString &instance, int stepIndex, qint64 now,
                                                  std::function<void()> wake)
{
    const SimEffect *effect = effectOf(stepIndex);
    if (!effect)
        return Admission::Go;
    const SimSpec &sim = *m_definition.steps.at(stepIndex).action.sim;
    const bool takes = sim.countermeasure == Countermeasure::SemanticLock;
    auto it = m_semanticLocks.find(effect->resource);
    const bool held = it != m_semanticLocks.end() && !it->holder.isEmpty() && it->holder != instance;
    if (held) {
        // The pending flag is in the record: every action on the resource sees it.
        if (sim.effectiveOnLocked() == OnLocked::Fail)
            return Admission::Fail;
        it->waiting.push_back(std::move(wake));
        return Admission::Wait;
    }
    if (takes) {
        SemanticLock &lock = m_semanticLocks[effect->resource];
        if (lock.holder.isEmpty()) {
            lock.holder = instance;
            lock.since = now;
        }
    }
    return Admission::Go;
}

QString SharedResources::semanticLockHolder(const QString &resource) const
{
    return m_semanticLocks.value(resource).holder;
}

void SharedResources::recordRead(const QString &resource, const QString &instance, int stepIndex, Work &work)
{
    work.seen = m_values.value(resource);
    work.readSeq = 0;
    // A read can only be dirty if a write that may still be taken back came before it.
    if (m_openWrites.value(resource) > 0) {
        Read read;
        read.seq = ++m_readSeq;
        read.instance = instance;
        read.step = stepIndex;
        read.seen = work.seen;
        work.readSeq = read.seq;
        m_reads[resource].push_back(read);
    }
}

void SharedResources::beginAction(const QString &instance, int stepIndex)
{
    const SimEffect *effect = effectOf(stepIndex);
    if (!effect)
        return;
    Work &work = m_work[Key{instance, stepIndex}];
    if (work.applied)
        return; // a retry of an action already applied (it timed out): nothing is read again
    QList<int> &steps = m_stepsOf[instance];
    if (!steps.contains(stepIndex))
        steps.append(stepIndex);
    const SimSpec &sim = *m_definition.steps.at(stepIndex).action.sim;
    if (sim.countermeasure != Countermeasure::Commutative) // a commutative update reads when it writes
        recordRead(effect->resource, instance, stepIndex, work);
}

std::optional<QString> SharedResources::checkAction(const QString &instance, int stepIndex)
{
    const SimEffect *effect = effectOf(stepIndex);
    if (!effect)
        return std::nullopt;
    auto it = m_work.find(Key{instance, stepIndex});
    if (it == m_work.end() || it->applied)
        return std::nullopt;
    Work &work = *it;
    const SimSpec &sim = *m_definition.steps.at(stepIndex).action.sim;
    const qint64 current = m_values.value(effect->resource);
    if (sim.countermeasure == Countermeasure::Commutative)
        recordRead(effect->resource, instance, stepIndex, work);
    else if (sim.countermeasure == Countermeasure::RereadValue && current != work.seen)
        return tr("%1 changed from %2 to %3 since it was read (reread value)")
            .arg(effect->resource).arg(work.seen).arg(current);
    const qint64 result = work.seen + effect->delta;
    if (effect->min && result < *effect->min) {
        if (work.readSeq) {
            for (Read &read : m_reads[effect->resource]) {
                if (read.seq == work.readSeq)
                    read.failedMin = true;
            }
        }
        return tr("%1 would fall to %2, below its minimum %3").arg(effect->resource).arg(result).arg(*effect->min);
    }
    return std::nullopt;
}

void SharedResources::write(const QString &instance, int stepIndex, const QString &operation, const QString &resource,
                            qint64 delta, qint64 newValue)
{
    // The local transaction's lock is held for its commit only, an instant here: not a lock hold.
    m_values.insert(resource, newValue);
    if (m_store)
        m_store->appendResourceChange(instance, m_definition.steps.at(stepIndex).id, operation, resource, delta, newValue);
}

void SharedResources::applyAction(const QString &instance, int stepIndex)
{
    const SimEffect *effect = effectOf(stepIndex);
    if (!effect)
        return;
    auto it = m_work.find(Key{instance, stepIndex});
    if (it == m_work.end() || it->applied)
        return;
    Work &work = *it;
    const qint64 current = m_values.value(effect->resource);
    // Without a countermeasure (or with a semantic lock) the service writes what it computed from
    // its read: whatever others wrote since that read is overwritten.
    const SimSpec &sim = *m_definition.steps.at(stepIndex).action.sim;
    const bool blindWrite = sim.countermeasure == Countermeasure::None || sim.countermeasure == Countermeasure::SemanticLock;
    if (blindWrite && current != work.seen)
        ++m_anomalies.lostUpdates;
    const qint64 newValue = (blindWrite ? work.seen : current) + effect->delta;
    work.applied = true;
    work.written = newValue;
    work.writeSeq = m_readSeq;
    ++m_openWrites[effect->resource];
    write(instance, stepIndex, QStringLiteral("action"), effect->resource, newValue - current, newValue);
}

void SharedResources::applyCompensation(const QString &instance, int stepIndex)
{
    const SimEffect *effect = effectOf(stepIndex);
    if (!effect)
        return;
    auto it = m_work.find(Key{instance, stepIndex});
    if (it == m_work.end() || !it->applied)
        return;
    const Work work = *it;
    it->applied = false;
    const QString &resource = effect->resource;
    write(instance, stepIndex, QStringLiteral("compensation"), resource, -effect->delta,
          m_values.value(resource) - effect->delta);
    // Every read by another instance since the write saw a value that is now taken back.
    for (Read &read : m_reads[resource]) {
        if (read.seq <= work.writeSeq || read.instance == instance || read.dirty)
            continue;
        read.dirty = true;
        ++m_anomalies.dirtyReads;
        if (read.failedMin) {
            const SimEffect *theirs = effectOf(read.step);
            if (theirs && theirs->min && read.seen - effect->delta + theirs->delta >= *theirs->min)
                ++m_anomalies.dirtyReadFailures;
        }
    }
    // Still an open write until the instance finishes: closed then by this entry.
    m_stepsOf[instance].append(-1 - stepIndex);
}

void SharedResources::applyCommitted(const QString &instance, int stepIndex)
{
    if (const SimEffect *effect = effectOf(stepIndex))
        write(instance, stepIndex, QStringLiteral("action"), effect->resource, effect->delta,
              m_values.value(effect->resource) + effect->delta);
}

void SharedResources::instanceFinished(const QString &instance, qint64 now)
{
    for (auto it = m_semanticLocks.begin(); it != m_semanticLocks.end(); ++it) {
        if (it->holder != instance)
            continue;
        m_lockHolds[it.key()].append(now - it->since);
        it->holder.clear();
        std::vector<std::function<void()>> waiting;
        waiting.swap(it->waiting);
        for (auto &wake : waiting)
            wake(); // the participant schedules the retry of admit(); the first to run takes it
    }
    const QList<int> steps = m_stepsOf.take(instance);
    for (int entry : steps) {
        const int stepIndex = entry >= 0 ? entry : -1 - entry;
        const SimEffect *effect = effectOf(stepIndex);
        if (!effect)
            continue;
        const Work work = m_work.take(Key{instance, stepIndex});
        const bool opened = entry < 0 || work.applied;
        if (!opened)
            continue;
        int &open = m_openWrites[effect->resource];
        if (--open <= 0) {
            m_openWrites.remove(effect->resource);
            m_reads.remove(effect->resource); // no write before them can be taken back any more
        }
    }
}

} // namespace Sagascope
