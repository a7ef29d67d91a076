// SPDX-License-Identifier: MIT
#include "importassembler.h"

#include "bridgeannotations.h"
#include "sagafile.h"

#include <QCoreApplication>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>

namespace Sagascope {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Bridge", text);
}

QJsonObject retryObject(const RetryPolicy &retry)
{
    QJsonObject o{{QStringLiteral("maxAttempts"), retry.maxAttempts},
                  {QStringLiteral("initialBackoffMs"), retry.initialBackoffMs},
                  {QStringLiteral("multiplier"), retry.multiplier},
                  {QStringLiteral("maxBackoffMs"), retry.maxBackoffMs},
                  {QStringLiteral("jitter"), retry.jitter}};
    return o;
}

QJsonObject visibleObject(const ImportedStep &s, StepKind kind)
{
    QJsonObject o;
    o.insert(QStringLiteral("id"), s.id);
    if (!s.label.isEmpty() && s.label != s.id)
        o.insert(QStringLiteral("label"), s.label);
    if (!s.service.isEmpty())
        o.insert(QStringLiteral("service"), s.service);
    o.insert(QStringLiteral("kind"), stepKindName(kind));
    o.insert(QStringLiteral("after"), QJsonArray::fromStringList(s.after));
    o.insert(QStringLiteral("action"), QJsonObject{{QStringLiteral("name"), s.actionName.isEmpty() ? s.id : s.actionName}});
    if (s.compensationName && kind != StepKind::Pivot) {
        QJsonObject compensation{{QStringLiteral("name"), *s.compensationName}};
        if (s.compensationRetry)
            compensation.insert(QStringLiteral("retry"), retryObject(*s.compensationRetry));
        o.insert(QStringLiteral("compensation"), compensation);
    }
    if (s.retry)
        o.insert(QStringLiteral("retry"), retryObject(*s.retry));
    if (s.timeoutMs)
        o.insert(QStringLiteral("timeoutMs"), *s.timeoutMs);
    // `idempotent` is left to its SPEC default (false): the file does not say it, and the
    // validator's SAGA006 should speak for a retriable step that may not be.
    return o;
}

int roundUp(int value, int granularity)
{
    return granularity <= 1 ? value : ((value + granularity - 1) / granularity) * granularity;
}

} // namespace

StepId ImportAssembler::makeId(const QString &name, QSet<QString> *used)
{
    QString id;
    for (const QChar c : name) {
        const bool ok = (c >= QLatin1Char('a') && c <= QLatin1Char('z')) || (c >= QLatin1Char('A') && c <= QLatin1Char('Z'))
                        || (c >= QLatin1Char('0') && c <= QLatin1Char('9')) || c == QLatin1Char('_');
        id.append(ok ? c : QLatin1Char('_'));
    }
    if (id.isEmpty() || id.front().isDigit())
        id.prepend(QLatin1Char('_'));
    const QString base = id;
    for (int n = 2; used->contains(id); ++n)
        id = base + QLatin1Char('_') + QString::number(n);
    used->insert(id);
    return id;
}

std::optional<SagaDefinition> ImportAssembler::assemble(const QString &fallbackName, const QJsonObject &header,
                                                        const QList<ImportedStep> &steps, const QString &fileName,
                                                        QStringList *warnings, QString *error)
{
    // "FILE: PLACE", unless the place already starts with the file (BPMN's FILE:LINE:COLUMN).
    const auto where = [&fileName](const ImportedStep &s) {
        return s.place.startsWith(fileName) ? s.place : fileName + QStringLiteral(": ") + s.place;
    };
    QSet<QString> ids;
    QSet<QString> annotated;
    for (const ImportedStep &s : steps) {
        ids.insert(s.id);
        if (!s.annotation.isEmpty())
            annotated.insert(s.id);
    }

    // Kinds of steps the file does not name: with a compensation, compensatable; the first one
    // without (in the file's order) the pivot, unless a pivot is already known; later ones retriable.
    bool pivotKnown = false;
    for (const ImportedStep &s : steps) {
        if (!s.annotation.isEmpty())
            pivotKnown |= s.annotation.value(QLatin1String("kind")).toString() == QLatin1String("pivot");
        else if (s.kind)
            pivotKnown |= *s.kind == StepKind::Pivot;
    }

    QHash<QString, QJsonObject> objects;
    QStringList importOrder;
    for (const ImportedStep &s : steps) {
        importOrder.append(s.id);
        if (!s.annotation.isEmpty()) {
            QJsonObject o = s.annotation;
            o.insert(QStringLiteral("id"), s.id);
            // Keep the annotated `after` (it holds what the format could not), dropping steps that
            // are gone; add structural predecessors that have no annotation (added elsewhere).
            QStringList after;
            for (const QJsonValue &v : o.value(QLatin1String("after")).toArray()) {
                if (ids.contains(v.toString()))
                    after.append(v.toString());
                else
                    warnings->append(tr("%1: `after` named '%2', which the file no longer has; left out")
                                         .arg(where(s), v.toString()));
            }
            for (const QString &p : s.after) {
                if (!annotated.contains(p) && !after.contains(p))
                    after.append(p);
            }
            o.insert(QStringLiteral("after"), QJsonArray::fromStringList(after));
            objects.insert(s.id, o);
            continue;
        }
        StepKind kind;
        if (s.kind) {
            kind = *s.kind;
        } else if (s.compensationName) {
            kind = StepKind::Compensatable;
        } else if (!pivotKnown) {
            kind = StepKind::Pivot;
            pivotKnown = true;
            warnings->append(tr("%1: no compensation: taken as the pivot").arg(where(s)));
        } else {
            kind = StepKind::Retriable;
        }
        objects.insert(s.id, visibleObject(s, kind));
    }

    // The header: Sagascope's own when present, else made up from what the file says.
    QJsonObject file = header;
    QStringList order;
    for (const QJsonValue &v : file.value(QLatin1String("stepOrder")).toArray()) {
        if (objects.contains(v.toString()) && !order.contains(v.toString()))
            order.append(v.toString());
    }
    for (const QString &id : std::as_const(importOrder)) {
        if (!order.contains(id))
            order.append(id);
    }
    file.remove(QLatin1String("stepOrder"));
    file.insert(QStringLiteral("format"), QLatin1String(SagaFile::FormatId));
    // Sagascope's own header (it has `stepOrder`) knows when a saga has no name.
    if (!header.contains(QLatin1String("stepOrder")) && !file.contains(QLatin1String("name")) && !fallbackName.isEmpty())
        file.insert(QStringLiteral("name"), fallbackName);

    QJsonArray services = file.value(QLatin1String("services")).toArray();
    QSet<QString> serviceIds;
    for (const QJsonValue &v : std::as_const(services))
        serviceIds.insert(v.toObject().value(QLatin1String("id")).toString());
    QJsonArray stepArray;
    for (const QString &id : std::as_const(order)) {
        const QJsonObject &o = objects[id];
        const QString service = o.value(QLatin1String("service")).toString();
        if (!service.isEmpty() && !serviceIds.contains(service)) {
            serviceIds.insert(service);
            services.append(QJsonObject{{QStringLiteral("id"), service}});
        }
        stepArray.append(o);
    }
    if (!services.isEmpty())
        file.insert(QStringLiteral("services"), services);
    file.insert(QStringLiteral("steps"), stepArray);

    LoadResult loaded = SagaFile::parse(QJsonDocument(file).toJson(QJsonDocument::Indented), fileName);
    if (!loaded.ok()) {
        const QString fault = loaded.error.jsonPath.isEmpty() ? loaded.error.message
                                                              : loaded.error.jsonPath + QStringLiteral(": ") + loaded.error.message;
        if (!annotated.isEmpty() || header.contains(QLatin1String("stepOrder"))) {
            // Sagascope's record was damaged (edited by hand?): fall back to the file's own fields.
            warnings->append(tr("%1: Sagascope's record in the file is not valid (%2); imported from the file's own fields")
                                 .arg(fileName, fault));
            QList<ImportedStep> plain = steps;
            for (ImportedStep &s : plain)
                s.annotation = QJsonObject();
            return assemble(fallbackName, QJsonObject(), plain, fileName, warnings, error);
        }
        *error = tr("%1: the saga rebuilt from it is not valid: %2").arg(fileName, fault);
        return std::nullopt;
    }
    SagaDefinition definition = *loaded.definition;

    // Where an annotated step and the file's visible fields disagree, the file was edited in
    // another tool: the visible field wins.
    for (const ImportedStep &s : steps) {
        if (s.annotation.isEmpty())
            continue;
        Step *step = definition.step(s.id);
        if (!step)
            continue;
        const auto differs = [&](const QString &field, const QString &was, const QString &now) {
            warnings->append(tr("%1: %2 changed from '%3' to '%4' outside Sagascope; the file's value is kept")
                                 .arg(where(s), field, was, now));
        };
        if (!s.actionName.isEmpty() && s.actionName != BridgeAnnotations::exportedActionName(*step)) {
            differs(QStringLiteral("action"), step->action.name, s.actionName);
            step->action.name = s.actionName;
        }
        if (!s.service.isEmpty() && s.service != step->service) {
            differs(QStringLiteral("service"), step->service, s.service);
            step->service = s.service;
            if (!definition.hasService(s.service))
                definition.services.append(Service{s.service, {}, {}, {}});
        }
        if (s.compensationName && step->compensation
            && *s.compensationName != BridgeAnnotations::exportedCompensationName(*step)) {
            differs(QStringLiteral("compensation"), step->compensation->name, *s.compensationName);
            step->compensation->name = *s.compensationName;
        }
        if (s.timeoutMs && s.timeoutGranularityMs > 0
            && (!step->timeoutMs || roundUp(*step->timeoutMs, s.timeoutGranularityMs) != *s.timeoutMs)) {
            differs(QStringLiteral("timeout"), step->timeoutMs ? QString::number(*step->timeoutMs) : QStringLiteral("none"),
                    QString::number(*s.timeoutMs));
            step->timeoutMs = s.timeoutMs;
        }
        if (s.retry && s.retry->maxAttempts != step->effectiveActionRetry().maxAttempts) {
            RetryPolicy retry = step->effectiveActionRetry();
            differs(QStringLiteral("retry.maxAttempts"), QString::number(retry.maxAttempts),
                    QString::number(s.retry->maxAttempts));
            retry.maxAttempts = s.retry->maxAttempts;
            step->retry = retry;
        }
    }
    return definition;
}

} // namespace Sagascope
