// SPDX-License-Identifier: MIT
#include "bridgeannotations.h"

#include "sagafile.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace Sagascope {

namespace {

QJsonObject fileObject(const SagaDefinition &definition)
{
    return QJsonDocument::fromJson(SagaFile::serialize(definition)).object();
}

} // namespace

QList<QJsonObject> BridgeAnnotations::stepObjects(const SagaDefinition &definition)
{
    QList<QJsonObject> result;
    const QJsonArray steps = fileObject(definition).value(QLatin1String("steps")).toArray();
    for (const QJsonValue &step : steps)
        result.append(step.toObject());
    return result;
}

QJsonObject BridgeAnnotations::header(const SagaDefinition &definition)
{
    QJsonObject object = fileObject(definition);
    object.remove(QLatin1String("steps"));
    QJsonArray order;
    for (const Step &step : definition.steps)
        order.append(step.id);
    object.insert(QLatin1String("stepOrder"), order);
    return object;
}

QString BridgeAnnotations::exportedActionName(const Step &step)
{
    return step.action.name.isEmpty() ? step.id : step.action.name;
}

QString BridgeAnnotations::exportedCompensationName(const Step &step)
{
    return !step.compensation || step.compensation->name.isEmpty() ? QStringLiteral("undo_") + step.id
                                                                   : step.compensation->name;
}

QString BridgeAnnotations::compact(const QJsonObject &object)
{
    return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

QString BridgeAnnotations::withAnnotation(const QString &text, const QJsonObject &annotation)
{
    const QString json = QLatin1String(Marker) + compact(annotation);
    return text.isEmpty() ? json : text + QLatin1Char('\n') + json;
}

std::optional<QJsonObject> BridgeAnnotations::fromText(const QString &text, QString *plainText)
{
    const qsizetype at = text.lastIndexOf(QLatin1String(Marker));
    if (plainText)
        *plainText = at < 0 ? text : text.left(at).trimmed();
    if (at < 0)
        return std::nullopt;
    QJsonParseError error;
    const QJsonDocument document =
        QJsonDocument::fromJson(text.mid(at + qsizetype(qstrlen(Marker))).trimmed().toUtf8(), &error);
    if (error.error != QJsonParseError::NoError || !document.isObject())
        return std::nullopt;
    return document.object();
}

} // namespace Sagascope
