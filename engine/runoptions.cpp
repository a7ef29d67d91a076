// SPDX-License-Identifier: MIT
#include "runoptions.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>

namespace Sagascope {

QString protocolName(Protocol protocol)
{
    return protocol == Protocol::TwoPhaseCommit ? QStringLiteral("2pc") : QStringLiteral("saga");
}

std::optional<Protocol> protocolFromName(const QString &name)
{
    if (name == QLatin1String("saga"))
        return Protocol::Saga;
    if (name == QLatin1String("2pc"))
        return Protocol::TwoPhaseCommit;
    return std::nullopt;
}

QString crashPointName(CrashPoint point)
{
    switch (point) {
    case CrashPoint::None: return {};
    case CrashPoint::AfterPrepare: return QStringLiteral("after-prepare");
    case CrashPoint::AfterDecision: return QStringLiteral("after-decision");
    }
    return {};
}

std::optional<CrashPoint> crashPointFromName(const QString &name)
{
    if (name == QLatin1String("after-prepare"))
        return CrashPoint::AfterPrepare;
    if (name == QLatin1String("after-decision"))
        return CrashPoint::AfterDecision;
    return std::nullopt;
}

QJsonObject RunOptions::toJson() const
{
    QJsonObject o{
        {QStringLiteral("instances"), instances},
        {QStringLiteral("concurrency"), concurrency},
        {QStringLiteral("seed"), QString::number(seed)},
        {QStringLiteral("virtualTime"), virtualTime},
        {QStringLiteral("faults"), faults.toJson()},
        {QStringLiteral("injectedTimeoutMs"), injectedTimeoutMs},
    };
    if (protocol != Protocol::Saga) // older logs have no key: the saga
        o.insert(QStringLiteral("protocol"), protocolName(protocol));
    if (crashCoordinator != CrashPoint::None)
        o.insert(QStringLiteral("crashCoordinator"), crashPointName(crashCoordinator));
    // Written only when used, so that the options of a simulated run stay as they were.
    if (!inputs.isEmpty())
        o.insert(QStringLiteral("inputs"), inputs);
    if (!endpoints.isEmpty())
        o.insert(QStringLiteral("endpoints"), endpoints);
    if (simulate)
        o.insert(QStringLiteral("simulate"), true);
    if (!baseDir.isEmpty())
        o.insert(QStringLiteral("baseDir"), baseDir);
    return o;
}

RunOptions RunOptions::fromJson(const QJsonObject &object)
{
    RunOptions o;
    o.instances = object.value(QLatin1String("instances")).toInt(1);
    o.concurrency = object.value(QLatin1String("concurrency")).toInt(0);
    o.seed = object.value(QLatin1String("seed")).toString().toULongLong();
    o.virtualTime = object.value(QLatin1String("virtualTime")).toBool();
    o.faults = FaultPlan::fromJson(object.value(QLatin1String("faults")).toArray());
    o.injectedTimeoutMs = object.value(QLatin1String("injectedTimeoutMs")).toInt(1000);
    o.protocol = protocolFromName(object.value(QLatin1String("protocol")).toString()).value_or(Protocol::Saga);
    o.crashCoordinator = crashPointFromName(object.value(QLatin1String("crashCoordinator")).toString()).value_or(CrashPoint::None);
    o.inputs = object.value(QLatin1String("inputs")).toArray();
    o.endpoints = object.value(QLatin1String("endpoints")).toObject();
    o.simulate = object.value(QLatin1String("simulate")).toBool();
    o.baseDir = object.value(QLatin1String("baseDir")).toString();
    return o;
}

std::optional<QJsonArray> RunOptions::readInputs(const QString &path, InputFile format, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("%1: cannot read it: %2").arg(path, file.errorString());
        return std::nullopt;
    }
    const QByteArray bytes = file.readAll();
    QJsonParseError wholeError;
    if (format != InputFile::Lines) {
        const QJsonDocument whole = QJsonDocument::fromJson(bytes, &wholeError);
        if (wholeError.error == QJsonParseError::NoError && whole.isObject())
            return QJsonArray{whole.object()};
        const bool oneLine = bytes.trimmed().count('\n') == 0;
        if (format == InputFile::Object || oneLine) {
            *error = wholeError.error != QJsonParseError::NoError
                         ? QStringLiteral("%1: not JSON: %2 at offset %3").arg(path, wholeError.errorString()).arg(wholeError.offset)
                         : QStringLiteral("%1: an input is a JSON object").arg(path);
            return std::nullopt;
        }
    }
    QJsonArray inputs;
    int lineNumber = 0;
    for (const QByteArray &line : bytes.split('\n')) {
        ++lineNumber;
        if (line.trimmed().isEmpty())
            continue;
        QJsonParseError parseError;
        const QJsonDocument document = QJsonDocument::fromJson(line, &parseError);
        if (parseError.error != QJsonParseError::NoError || !document.isObject()) {
            const QString where = QStringLiteral("%1:%2").arg(path).arg(lineNumber);
            *error = parseError.error != QJsonParseError::NoError
                         ? QStringLiteral("%1: not JSON: %2 at offset %3").arg(where, parseError.errorString()).arg(parseError.offset)
                         : QStringLiteral("%1: an input is a JSON object").arg(where);
            return std::nullopt;
        }
        inputs.append(document.object());
    }
    if (inputs.isEmpty()) {
        *error = QStringLiteral("%1: no input in it").arg(path);
        return std::nullopt;
    }
    return inputs;
}

} // namespace Sagascope
