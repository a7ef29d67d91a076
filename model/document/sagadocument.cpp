// SPDX-License-Identifier: MIT
#include "sagadocument.h"

#include "definitioncommand.h"
#include "sagaconvert.h"
#include "validator.h"

#include <QFileInfo>
#include <QSet>
#include <QUndoStack>

#include <algorithm>

namespace Sagascope {

namespace {

enum MergeId { MergeMove = 1 };

/** True when the steps' `after` lists differ (the order may have changed). */
bool orderDiffers(const SagaDefinition &a, const SagaDefinition &b)
{
    if (a.steps.size() != b.steps.size())
        return true;
    for (qsizetype i = 0; i < a.steps.size(); ++i) {
        if (a.steps.at(i).id != b.steps.at(i).id || a.steps.at(i).after != b.steps.at(i).after)
            return true;
    }
    return false;
}

QHash<StepId, int> indexById(const SagaDefinition &definition)
{
    QHash<StepId, int> index;
    index.reserve(definition.steps.size());
    // Backwards, so that a duplicate id keeps its first step (as SagaGraph does).
    for (int i = int(definition.steps.size()) - 1; i >= 0; --i)
        index.insert(definition.steps.at(i).id, i);
    return index;
}

QStringList sortedKeys(const QHash<StepId, QPointF> &positions)
{
    QStringList keys = positions.keys();
    keys.sort();
    return keys;
}

} // namespace

SagaDocument::SagaDocument(QObject *parent)
    : QObject(parent)
    , m_undoStack(new QUndoStack(this))
    , m_guard(new FileGuard(this))
{
    connect(m_undoStack, &QUndoStack::cleanChanged, this, &SagaDocument::updateModified);
    connect(m_guard, &FileGuard::changedOutside, this, &SagaDocument::fileChangedOutside);
    revalidate();
}

SagaDocument::~SagaDocument()
{
    // Commands hold a pointer back to this document: delete them while it is still whole.
    m_undoStack->clear();
}

// --- file ---

bool SagaDocument::load(const QString &path, LoadError *error)
{
    LoadResult result = SagaFile::load(path);
    if (!result.ok()) {
        if (error)
            *error = result.error;
        return false;
    }
    reset(*result.definition, QFileInfo(path).absoluteFilePath());
    return true;
}

bool SagaDocument::save(const QString &path, QString *error, OutsideChanges outside)
{
    const QString target = path.isEmpty() ? m_filePath : path;
    if (target.isEmpty()) {
        if (error)
            *error = tr("The saga has no file name yet.");
        return false;
    }
    // Looked at right before writing: a watcher misses some rename-over writes.
    const bool ownFile = QFileInfo(target).absoluteFilePath() == m_filePath;
    if (ownFile && outside == OutsideChanges::Refuse) {
        const FileGuard::State state = m_guard->check();
        if (state != FileGuard::State::Unchanged) {
            if (error)
                *error = state == FileGuard::State::Deleted
                           ? tr("%1 was deleted by another program since Sagascope last read or saved it; "
                                "nothing was written.").arg(target)
                           : tr("%1 was changed by another program since Sagascope last read or saved it; "
                                "nothing was written, so those changes are kept.").arg(target);
            return false;
        }
    }
    if (!SagaFile::save(m_definition, target, error))
        return false;
    m_guard->watch(target);
    m_sourceLog.clear();
    setFilePath(QFileInfo(target).absoluteFilePath());
    m_unsaved = false;
    m_undoStack->setClean();
    updateModified();
    return true;
}

bool SagaDocument::reload(LoadError *error)
{
    if (m_filePath.isEmpty()) {
        if (error)
            error->message = tr("The saga has no file to read again.");
        return false;
    }
    return load(m_filePath, error);
}

void SagaDocument::keepOwnVersion()
{
    m_guard->acknowledge();
    markUnsaved(true);
}

void SagaDocument::reset(const SagaDefinition &definition, const QString &filePath)
{
    resetTo(definition, filePath, {});
}

void SagaDocument::resetFromLog(const SagaDefinition &definition, const QString &logPath)
{
    resetTo(definition, {}, QFileInfo(logPath).absoluteFilePath());
}

void SagaDocument::resetTo(const SagaDefinition &definition, const QString &filePath, const QString &sourceLog)
{
    m_undoStack->clear();
    m_setAsideCompensations.clear();
    m_guard->watch(filePath);
    m_sourceLog = sourceLog;
    // Without a file a definition other than the empty one is saved nowhere yet: modified,
    // unless it is a log's (shown, not made here).
    m_unsaved = filePath.isEmpty() && sourceLog.isEmpty() && !(definition == SagaDefinition());
    // Path and definition change together: listeners of either signal see both new.
    const bool pathChanged = filePath != m_filePath;
    m_filePath = filePath;
    setDefinitionFromCommand(definition);
    if (pathChanged)
        Q_EMIT filePathChanged(m_filePath);
    updateModified();
}

bool SagaDocument::isModified() const
{
    return m_unsaved || !m_undoStack->isClean();
}

void SagaDocument::markUnsaved(bool unsaved)
{
    m_unsaved = unsaved;
    updateModified();
}

void SagaDocument::updateModified()
{
    const bool modified = isModified();
    if (modified != m_lastModified) {
        m_lastModified = modified;
        Q_EMIT modifiedChanged(modified);
    }
}

void SagaDocument::setFilePath(const QString &path)
{
    if (path == m_filePath)
        return;
    m_filePath = path;
    Q_EMIT filePathChanged(path);
}

StepId SagaDocument::uniqueStepId(const QString &base) const
{
    return StepEdits::freshStepId(m_definition, base);
}

QByteArray SagaDocument::stepsAsSaga(const QStringList &ids) const
{
    const SagaDefinition copy = StepEdits::extract(m_definition, ids);
    return copy.steps.isEmpty() ? QByteArray() : SagaFile::serialize(copy);
}

QStringList StepChanges::touched() const
{
    QStringList ids;
    QSet<QString> seen;
    for (const QStringList *list : {&removed, &renamedFrom, &added, &updated, &moved}) {
        for (const QString &id : *list) {
            if (!seen.contains(id)) {
                seen.insert(id);
                ids.append(id);
            }
        }
    }
    return ids;
}

// --- applying changes ---

void SagaDocument::revalidate()
{
    QList<Diagnostic> diagnostics = Validator::validate(m_definition);
    if (diagnostics == m_diagnostics)
        return;
    m_diagnostics = std::move(diagnostics);
    Q_EMIT diagnosticsChanged();
}

void SagaDocument::setDefinitionFromCommand(const SagaDefinition &definition)
{
    m_definition = definition;
    revalidate();
    Q_EMIT documentReset();
    Q_EMIT changed();
}

void SagaDocument::applyDiff(const DefinitionDiff &diff, bool forward)
{
    diff.apply(m_definition, forward);
    if (!diff.onlyPositions()) // the validator does not look at positions: a drag stays cheap
        revalidate();
    const StepChanges changes = diff.changes(forward);
    Q_EMIT stepsEdited(changes);
    if (!changes.renamedFrom.isEmpty())
        Q_EMIT stepsRenamed(changes.renamedFrom, changes.renamedTo);
    if (!changes.removed.isEmpty())
        Q_EMIT stepsRemoved(changes.removed);
    if (!changes.added.isEmpty())
        Q_EMIT stepsAdded(changes.added);
    if (!changes.updated.isEmpty())
        Q_EMIT stepsUpdated(changes.updated);
    if (!changes.moved.isEmpty())
        Q_EMIT stepsMoved(changes.moved);
    Q_EMIT changed();
}

void SagaDocument::pushDefinition(const QString &text, const SagaDefinition &after, int mergeId,
                                  const QStringList &mergeKey)
{
    QHash<StepId, QPointF> places;
    if (m_orderKeeper && orderDiffers(m_definition, after))
        places = m_orderKeeper(m_definition, after); // the cards that moved in the order move too
    SagaDefinition placed;
    if (!places.isEmpty()) {
        placed = after;
        for (Step &step : placed.steps) {
            if (const auto it = places.constFind(step.id); it != places.cend())
                step.position = *it;
        }
    }
    DefinitionDiff diff = DefinitionDiff::compute(m_definition, places.isEmpty() ? after : placed);
    if (diff.isEmpty())
        return;
    m_undoStack->push(new DefinitionCommand(this, text, std::move(diff), mergeId, mergeKey));
}

// --- editing ---

void SagaDocument::addStep(const Step &step)
{
    addSteps({step});
}

void SagaDocument::addSteps(const QList<Step> &steps)
{
    if (steps.isEmpty())
        return;
    SagaDefinition after = m_definition;
    after.steps.append(steps);
    pushDefinition(steps.size() == 1 ? tr("Add step %1").arg(steps.first().id)
                                     : tr("Add %n step(s)", nullptr, int(steps.size())),
                   after);
}

StepId SagaDocument::addStep(StepKind kind, const QString &service, const QPointF &position, const QString &label)
{
    Step step = StepEdits::newStep(m_definition, kind, service);
    step.label = label;
    step.position = position;
    addStep(step);
    return step.id;
}

void SagaDocument::removeSteps(const QStringList &ids)
{
    const SagaDefinition after = StepEdits::withoutSteps(m_definition, ids);
    const qsizetype removed = m_definition.steps.size() - after.steps.size();
    if (removed == 0)
        return;
    pushDefinition(ids.size() == 1 ? tr("Delete step %1").arg(ids.first())
                                   : tr("Delete %n step(s)", nullptr, int(removed)),
                   after);
}

void SagaDocument::removeStepsAndDependencies(const QStringList &steps,
                                              const QList<QPair<StepId, StepId>> &dependencies)
{
    if (dependencies.isEmpty()) {
        removeSteps(steps);
        return;
    }
    if (steps.isEmpty() && dependencies.size() == 1) {
        removeDependency(dependencies.first().first, dependencies.first().second);
        return;
    }
    pushDefinition(steps.isEmpty() ? tr("Delete %n dependency(s)", nullptr, int(dependencies.size()))
                                   : tr("Delete %n step(s) and dependencies", nullptr, int(steps.size())),
                   StepEdits::withoutSteps(m_definition, steps, dependencies));
}

QStringList SagaDocument::pasteSteps(const QByteArray &saga, const QPointF &offset, QString *error)
{
    const LoadResult loaded = SagaFile::parse(saga, tr("clipboard"));
    if (!loaded.ok()) {
        if (error)
            *error = loaded.error.toString();
        return {};
    }
    if (loaded.definition->steps.isEmpty()) {
        if (error)
            *error = tr("The clipboard holds no steps.");
        return {};
    }
    const QList<Step> steps = StepEdits::pastable(m_definition, *loaded.definition, offset);
    addSteps(steps);
    QStringList ids;
    for (const Step &step : steps)
        ids.append(step.id);
    return ids;
}

void SagaDocument::setStep(const StepId &id, const Step &step)
{
    const int index = m_definition.indexOf(id);
    if (index < 0)
        return;
    SagaDefinition after = m_definition;
    after.steps[index] = step;
    if (step.id != id) {
        for (Step &other : after.steps) {
            for (QString &dependency : other.after) {
                if (dependency == id)
                    dependency = step.id;
            }
        }
    }
    pushDefinition(tr("Edit step %1").arg(step.id), after);
}

void SagaDocument::renameStep(const StepId &id, const StepId &newId)
{
    if (id == newId || !isValidStepId(newId) || m_definition.indexOf(newId) >= 0)
        return;
    const int index = m_definition.indexOf(id);
    if (index < 0)
        return;
    SagaDefinition after = m_definition;
    after.steps[index].id = newId;
    for (Step &step : after.steps) {
        if (!step.after.contains(id))
            continue;
        for (QString &dependency : step.after) {
            if (dependency == id)
                dependency = newId;
        }
    }
    if (const auto it = m_setAsideCompensations.constFind(id); it != m_setAsideCompensations.cend())
        m_setAsideCompensations.insert(newId, *it); // kept under both: undo brings the old id back
    pushDefinition(tr("Rename %1 to %2").arg(id, newId), after);
}

StepId SagaDocument::setStepLabel(const StepId &id, const QString &label, IdFollowsLabel follows)
{
    const int index = m_definition.indexOf(id);
    if (index < 0)
        return id;
    const bool rename = follows == IdFollowsLabel::Always
                        || (follows == IdFollowsLabel::WhenGenerated && StepEdits::isGeneratedId(id));
    if (rename) {
        StepId newId;
        const SagaDefinition after = StepEdits::withLabelAndId(m_definition, id, label, &newId);
        if (newId != id) {
            if (const auto it = m_setAsideCompensations.constFind(id); it != m_setAsideCompensations.cend())
                m_setAsideCompensations.insert(newId, *it);
            pushDefinition(tr("Rename %1 to %2").arg(id, newId), after);
            return newId;
        }
    }
    SagaDefinition after = m_definition;
    after.steps[index].label = label;
    pushDefinition(tr("Relabel %1").arg(id), after);
    return id;
}

void SagaDocument::setStepKind(const StepId &id, StepKind kind)
{
    const int index = m_definition.indexOf(id);
    if (index < 0)
        return;
    const Step &step = m_definition.steps.at(index);
    if (step.kind == kind)
        return;
    const Step changed = StepEdits::withKind(step, kind, setAsideCompensation(id));
    if (step.compensation && !changed.compensation)
        m_setAsideCompensations.insert(id, *step.compensation); // given back when it is compensatable again
    SagaDefinition after = m_definition;
    after.steps[index] = changed;
    pushDefinition(tr("Make %1 %2").arg(id, stepKindName(kind)), after);
}

std::optional<Operation> SagaDocument::setAsideCompensation(const StepId &id) const
{
    const auto it = m_setAsideCompensations.constFind(id);
    return it == m_setAsideCompensations.cend() ? std::nullopt : std::optional<Operation>(*it);
}

QString SagaDocument::compensationFixText(const Diagnostic &diagnostic) const
{
    if (diagnostic.rule != QLatin1String("SAGA002") || diagnostic.steps.isEmpty())
        return {};
    const Step *step = m_definition.step(diagnostic.steps.first());
    if (!step)
        return {};
    if (step->kind == StepKind::Compensatable && !step->compensation)
        return tr("Add a compensation to %1 (%2)")
            .arg(step->id, StepEdits::compensationFor(*step, setAsideCompensation(step->id)).name);
    if (step->kind == StepKind::Pivot && step->compensation)
        return tr("Remove the compensation of %1").arg(step->id);
    return {};
}

bool SagaDocument::applyCompensationFix(const Diagnostic &diagnostic)
{
    const QString text = compensationFixText(diagnostic);
    if (text.isEmpty())
        return false;
    const StepId id = diagnostic.steps.first();
    const int index = m_definition.indexOf(id);
    SagaDefinition after = m_definition;
    Step &step = after.steps[index];
    if (step.compensation) {
        m_setAsideCompensations.insert(id, *step.compensation);
        step.compensation.reset();
    } else {
        step.compensation = StepEdits::compensationFor(step, setAsideCompensation(id));
    }
    pushDefinition(text, after);
    return true;
}

void SagaDocument::moveSteps(const QHash<StepId, QPointF> &positions)
{
    if (positions.isEmpty())
        return;
    const QHash<StepId, int> index = indexById(m_definition);
    SagaDefinition after = m_definition;
    for (auto it = positions.cbegin(); it != positions.cend(); ++it) {
        const int i = index.value(it.key(), -1);
        if (i >= 0)
            after.steps[i].position = it.value();
    }
    pushDefinition(positions.size() == 1 ? tr("Move %1").arg(positions.cbegin().key())
                                         : tr("Move %n step(s)", nullptr, int(positions.size())),
                   after, MergeMove, sortedKeys(positions));
}

void SagaDocument::addDependency(const StepId &step, const StepId &afterId)
{
    const int index = m_definition.indexOf(step);
    if (index < 0 || m_definition.steps.at(index).after.contains(afterId))
        return;
    SagaDefinition after = m_definition;
    after.steps[index].after.append(afterId);
    pushDefinition(tr("Make %1 run after %2").arg(step, afterId), after);
}

void SagaDocument::removeDependency(const StepId &step, const StepId &afterId)
{
    const int index = m_definition.indexOf(step);
    if (index < 0 || !m_definition.steps.at(index).after.contains(afterId))
        return;
    SagaDefinition after = m_definition;
    after.steps[index].after.removeAll(afterId);
    pushDefinition(tr("Remove dependency %1 \u2192 %2").arg(afterId, step), after);
}

void SagaDocument::setServices(const QList<Service> &services)
{
    SagaDefinition after = m_definition;
    after.services = services;
    pushDefinition(tr("Edit services"), after);
}

void SagaDocument::renameService(const QString &id, const QString &newId)
{
    if (id == newId || newId.isEmpty() || !m_definition.hasService(id) || m_definition.hasService(newId))
        return;
    SagaDefinition after = m_definition;
    for (Service &service : after.services) {
        if (service.id == id)
            service.id = newId;
    }
    for (Step &step : after.steps) {
        if (step.service == id)
            step.service = newId;
    }
    pushDefinition(tr("Rename service %1 to %2").arg(id, newId), after);
}

void SagaDocument::setSagaInfo(const QString &name, const QString &description)
{
    SagaDefinition after = m_definition;
    after.name = name;
    after.description = description;
    pushDefinition(tr("Edit saga name and description"), after);
}

bool SagaDocument::convertTo(SagaMode mode, QString *error)
{
    if (m_definition.mode == mode)
        return true;
    QString reason;
    const std::optional<SagaDefinition> converted = mode == SagaMode::Choreography
        ? SagaConvert::toChoreography(m_definition, &reason)
        : SagaConvert::toOrchestration(m_definition, &reason);
    if (!converted) {
        if (error)
            *error = reason;
        return false;
    }
    pushDefinition(mode == SagaMode::Choreography ? tr("Convert to choreography") : tr("Convert to orchestration"),
                   *converted);
    return true;
}

bool SagaDocument::connectEvent(const StepId &publisher, const StepId &consumer)
{
    const int from = m_definition.indexOf(publisher);
    const int to = m_definition.indexOf(consumer);
    if (from < 0 || to < 0 || from == to)
        return false;
    SagaDefinition after = m_definition;
    Step &source = after.steps[from];
    if (!source.emits)
        source.emits = StepEmits{};
    if (source.emits->success.isEmpty())
        source.emits->success = SagaConvert::succeededEvent(source.id);
    const QString event = source.emits->success;
    Step &target = after.steps[to];
    if (target.on.contains(event))
        return false;
    target.on.append(event);
    pushDefinition(tr("Subscribe %1 to %2").arg(consumer, event), after);
    return true;
}

bool SagaDocument::disconnectEvent(const StepId &consumer, const QString &event)
{
    const int index = m_definition.indexOf(consumer);
    if (index < 0 || !m_definition.steps.at(index).on.contains(event))
        return false;
    SagaDefinition after = m_definition;
    after.steps[index].on.removeAll(event);
    pushDefinition(tr("Unsubscribe %1 from %2").arg(consumer, event), after);
    return true;
}

bool SagaDocument::applyFix(const Diagnostic &diagnostic)
{
    if (!diagnostic.hasFix())
        return false;
    const QString text = diagnostic.fix.size() == 1
        ? tr("Quick fix: %1").arg(diagnostic.fix.first().describe())
        : tr("Quick fix for %1").arg(diagnostic.rule);
    return applyEdits(diagnostic.fix, text);
}

bool SagaDocument::applyEdits(const QList<SagaEdit> &edits, const QString &text, QString *error)
{
    SagaDefinition after = m_definition;
    if (!Sagascope::applyEdits(after, edits, error))
        return false;
    pushDefinition(text, after);
    return true;
}

void SagaDocument::applyLayout(const QHash<StepId, QPointF> &positions)
{
    const QHash<StepId, int> index = indexById(m_definition);
    SagaDefinition after = m_definition;
    for (auto it = positions.cbegin(); it != positions.cend(); ++it) {
        const int i = index.value(it.key(), -1);
        if (i >= 0)
            after.steps[i].position = it.value();
    }
    pushDefinition(tr("Auto-layout"), after);
}

void SagaDocument::applyDefinition(const SagaDefinition &after, const QString &text)
{
    pushDefinition(text, after);
}

} // namespace Sagascope
