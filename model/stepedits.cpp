// SPDX-License-Identifier: MIT
#include "stepedits.h"

#include <QRegularExpression>
#include <QSet>

#include <algorithm>

namespace Sagascope::StepEdits {

namespace {

QSet<StepId> idsOf(const SagaDefinition &definition)
{
    QSet<StepId> ids;
    ids.reserve(definition.steps.size());
    for (const Step &step : definition.steps)
        ids.insert(step.id);
    return ids;
}

} // namespace

StepId freshStepId(const SagaDefinition &definition, const QString &base)
{
    const StepId stem = isValidStepId(base) ? base : QStringLiteral("step");
    const QSet<StepId> taken = idsOf(definition);
    if (!taken.contains(stem))
        return stem;
    for (int n = 2;; ++n) {
        const StepId candidate = stem + QLatin1Char('_') + QString::number(n);
        if (!taken.contains(candidate))
            return candidate;
    }
}

Step newStep(const SagaDefinition &definition, StepKind kind, const QString &service)
{
    Step step;
    step.kind = kind;
    step.id = freshStepId(definition, kind == StepKind::Pivot       ? QStringLiteral("pivot")
                                      : kind == StepKind::Retriable ? QStringLiteral("retriable")
                                                                    : QStringLiteral("step"));
    // Named after the id, unless another step's action already has that name.
    QSet<QString> actions;
    for (const Step &other : definition.steps)
        actions.insert(other.action.name);
    step.action.name = step.id;
    for (int n = 2; actions.contains(step.action.name); ++n)
        step.action.name = step.id + QLatin1Char('_') + QString::number(n);
    if (kind == StepKind::Compensatable) {
        Operation compensation;
        compensation.name = QStringLiteral("undo_") + step.id;
        step.compensation = compensation;
    }
    step.idempotent = kind == StepKind::Retriable; // SAGA006 otherwise
    step.service = service;
    return step;
}

QString slug(const QString &label)
{
    const QString plain = label.normalized(QString::NormalizationForm_KD).toLower();
    QString id;
    for (const QChar c : plain) {
        if ((c >= QLatin1Char('a') && c <= QLatin1Char('z')) || (c >= QLatin1Char('0') && c <= QLatin1Char('9')))
            id.append(c);
        else if (c.category() == QChar::Mark_NonSpacing)
            continue; // an accent, split off by the decomposition: "é" is "e"
        else if (!id.isEmpty() && !id.endsWith(QLatin1Char('_')))
            id.append(QLatin1Char('_')); // anything else separates words
    }
    while (id.endsWith(QLatin1Char('_')))
        id.chop(1);
    if (!id.isEmpty() && id.front().isDigit())
        id.prepend(QLatin1Char('_'));
    return id;
}

bool isGeneratedId(const StepId &id)
{
    static const QRegularExpression generated(QStringLiteral("^(step|pivot|retriable)(_[0-9]+)?$"));
    return generated.match(id).hasMatch();
}

SagaDefinition withLabelAndId(const SagaDefinition &definition, const StepId &id, const QString &label, StepId *newId)
{
    SagaDefinition after = definition;
    const int index = after.indexOf(id);
    if (newId)
        *newId = id;
    if (index < 0)
        return after;
    after.steps[index].label = label;
    const QString stem = slug(label);
    if (stem.isEmpty() || stem == id)
        return after;
    SagaDefinition others = definition;
    others.steps.removeAt(index); // the step's own id is free for it
    const StepId renamed = freshStepId(others, stem);
    if (renamed == id)
        return after;
    Step &step = after.steps[index];
    step.id = renamed;
    if (step.action.name == id)
        step.action.name = renamed;
    if (step.compensation && step.compensation->name == QStringLiteral("undo_") + id)
        step.compensation->name = QStringLiteral("undo_") + renamed;
    for (Step &other : after.steps)
        std::replace(other.after.begin(), other.after.end(), id, renamed);
    if (newId)
        *newId = renamed;
    return after;
}

Operation compensationFor(const Step &step, const std::optional<Operation> &remembered)
{
    if (remembered)
        return *remembered;
    Operation compensation;
    compensation.name = QStringLiteral("undo_") + (step.action.name.isEmpty() ? step.id : step.action.name);
    return compensation;
}

Step withKind(const Step &step, StepKind kind, const std::optional<Operation> &remembered)
{
    Step changed = step;
    changed.kind = kind;
    switch (kind) {
    case StepKind::Compensatable:
        if (!changed.compensation)
            changed.compensation = compensationFor(step, remembered);
        break;
    case StepKind::Pivot:
        changed.compensation.reset();
        break;
    case StepKind::Retriable:
        changed.compensation.reset();
        changed.idempotent = true;
        if (changed.retry && changed.retry->isBounded())
            changed.retry->maxAttempts = 0; // unbounded; without a policy the default already is
        break;
    }
    return changed;
}

SagaDefinition withoutSteps(const SagaDefinition &definition, const QStringList &steps,
                            const QList<QPair<StepId, StepId>> &dependencies)
{
    const QSet<StepId> gone(steps.cbegin(), steps.cend());
    QHash<StepId, QSet<StepId>> cut;
    for (const auto &edge : dependencies)
        cut[edge.first].insert(edge.second);
    SagaDefinition after = definition;
    after.steps.removeIf([&](const Step &step) { return gone.contains(step.id); });
    for (Step &step : after.steps) {
        const auto removed = cut.constFind(step.id);
        const bool any = std::any_of(step.after.cbegin(), step.after.cend(), [&](const StepId &id) {
            return gone.contains(id) || (removed != cut.constEnd() && removed->contains(id));
        });
        if (!any)
            continue; // untouched steps stay shared with `definition`
        step.after.removeIf([&](const StepId &id) {
            return gone.contains(id) || (removed != cut.constEnd() && removed->contains(id));
        });
    }
    return after;
}

SagaDefinition extract(const SagaDefinition &definition, const QStringList &ids)
{
    const QSet<StepId> wanted(ids.cbegin(), ids.cend());
    SagaDefinition copy;
    QSet<QString> services;
    for (const Step &step : definition.steps) {
        if (wanted.contains(step.id)) {
            copy.steps.append(step);
            services.insert(step.service);
        }
    }
    if (copy.steps.isEmpty())
        return {};
    copy.name = definition.name;
    for (const Service &service : definition.services) {
        if (services.contains(service.id))
            copy.services.append(service);
    }
    return copy;
}

QList<Step> pastable(const SagaDefinition &definition, const SagaDefinition &pasted, const QPointF &offset)
{
    QSet<StepId> taken = idsOf(definition);
    const QSet<StepId> existing = taken;
    static const QRegularExpression numbered(QStringLiteral("^(.+)_(\\d+)$"));
    QHash<StepId, StepId> renamed;
    for (const Step &step : pasted.steps) {
        StepId id = step.id;
        const QRegularExpressionMatch match = numbered.match(step.id);
        const QString stem = match.hasMatch() ? match.captured(1) : step.id;
        for (int n = 2; taken.contains(id); ++n)
            id = stem + QLatin1Char('_') + QString::number(n);
        taken.insert(id);
        renamed.insert(step.id, id);
    }
    QList<Step> steps;
    steps.reserve(pasted.steps.size());
    for (Step step : pasted.steps) {
        step.id = renamed.value(step.id);
        QStringList after;
        for (const StepId &dependency : std::as_const(step.after)) {
            if (renamed.contains(dependency))
                after.append(renamed.value(dependency));
            else if (existing.contains(dependency))
                after.append(dependency); // still names a step of this saga
        }
        step.after = after;
        if (step.position)
            step.position = *step.position + offset;
        steps.append(step);
    }
    return steps;
}

QPointF freeSpot(const QPointF &centre, const QSizeF &size, const QList<QRectF> &taken, qreal gap, int maxTries)
{
    QPointF pos = centre;
    for (int tries = 0; tries < maxTries; ++tries) {
        const QRectF card(pos - QPointF(size.width() / 2, size.height() / 2), size);
        const bool free = std::none_of(taken.cbegin(), taken.cend(), [&](const QRectF &r) { return r.intersects(card); });
        if (free)
            break;
        pos += QPointF(0, size.height() + gap);
    }
    return pos;
}

} // namespace Sagascope::StepEdits
