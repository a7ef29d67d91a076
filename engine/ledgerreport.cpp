// SPDX-License-Identifier: MIT
#include "ledgerreport.h"

#include "sagafile.h"
#include "sagagraph.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QJsonArray>
#include <QJsonValue>

namespace Sagascope {

namespace {

QByteArray jsonString(const QString &text)
{
    // QJsonDocument escapes correctly; strip the array brackets around the one value.
    const QByteArray array = QJsonDocument(QJsonArray{text}).toJson(QJsonDocument::Compact);
    return array.mid(1, array.size() - 2);
}

} // namespace

QByteArray InstanceReport::toJson() const
{
    QByteArray out = "{\"instance\":" + jsonString(instance) + ",\"status\":\"" + instanceStatusName(status).toLatin1()
        + "\",\"steps\":{";
    for (qsizetype i = 0; i < steps.size(); ++i) {
        if (i > 0)
            out += ',';
        out += jsonString(steps[i].step) + ":{\"applied\":" + QByteArray::number(steps[i].applied)
            + ",\"compensated\":" + QByteArray::number(steps[i].compensated) + '}';
    }
    out += "}}";
    return out;
}

const QStringList &InstanceReport::invariantNames()
{
    static const QStringList names = {
        QStringLiteral("applied twice"),
        QStringLiteral("compensated twice"),
        QStringLiteral("compensated without applied"),
        QStringLiteral("completed, not applied once"),
        QStringLiteral("completed with a compensation"),
        QStringLiteral("completed with a refused action"),
        QStringLiteral("compensated with an effect left"),
        QStringLiteral("compensated with its pivot applied"),
    };
    return names;
}

QStringList InstanceReport::invariantViolations() const
{
    QStringList problems;
    const QStringList &name = invariantNames();
    for (const StepEffects &s : steps) {
        const auto report = [&](int which) {
            problems.append(QStringLiteral("%1: %2 (applied %3, compensated %4)")
                                .arg(s.step, name[which]).arg(s.applied).arg(s.compensated));
        };
        // Every count is 0 or 1, and compensated <= applied.
        if (s.applied > 1)
            report(0);
        if (s.compensated > 1)
            report(1);
        if (s.compensated > s.applied)
            report(2);
        // A completed instance has every step applied once and nothing compensated (nor refused:
        // a refused action is one that came after its compensation).
        if (status == InstanceStatus::Completed) {
            if (s.applied != 1)
                report(3);
            if (s.compensated != 0)
                report(4);
            if (s.refused != 0)
                report(5);
        }
        // A compensated instance has every compensatable step undone, and its pivot not applied.
        if (status == InstanceStatus::Compensated) {
            if (s.kind == StepKind::Compensatable && s.applied != s.compensated)
                report(6);
            if (s.kind == StepKind::Pivot && s.applied != 0)
                report(7);
        }
    }
    return problems;
}

std::optional<QList<InstanceReport>> LedgerReport::read(const SagaLog &log, QString *error)
{
    QHash<qint64, SagaDefinition> definitions;
    const QList<RunRecord> runs = log.runs(error);
    if (!error->isEmpty())
        return std::nullopt;
    for (const RunRecord &run : runs) {
        const LoadResult loaded = SagaFile::parse(run.definitionJson, QStringLiteral("%1 (run %2)").arg(log.path()).arg(run.id));
        if (!loaded.ok()) {
            *error = QCoreApplication::translate("Engine", "cannot read the saga of run %1: %2")
                         .arg(run.id).arg(loaded.error.toString());
            return std::nullopt;
        }
        definitions.insert(run.id, *loaded.definition);
    }
    const QList<InstanceRecord> instances = log.instances(false, error);
    if (!error->isEmpty())
        return std::nullopt;
    const QList<EffectRecord> effects = log.effects(false, error);
    if (!error->isEmpty())
        return std::nullopt;
    return build(definitions, instances, effects);
}

QList<InstanceReport> LedgerReport::build(const QHash<qint64, SagaDefinition> &definitions,
                                          const QList<InstanceRecord> &instances, const QList<EffectRecord> &effects)
{
    QList<InstanceReport> reports;
    QHash<qint64, qsizetype> byNumber;
    QHash<qint64, QHash<StepId, int>> stepIndex;
    for (const InstanceRecord &record : instances) {
        InstanceReport report;
        report.instance = record.id;
        report.run = record.run;
        report.status = record.status;
        report.reason = record.reason;
        const SagaDefinition definition = definitions.value(record.run);
        QHash<StepId, int> &index = stepIndex[record.number];
        for (const Step &step : definition.steps) {
            index.insert(step.id, int(report.steps.size()));
            report.steps.append(InstanceReport::StepEffects{step.id, step.kind, 0, 0, 0});
        }
        byNumber.insert(record.number, reports.size());
        reports.append(report);
    }
    for (const EffectRecord &effect : effects) {
        const auto it = byNumber.constFind(effect.instanceNumber);
        if (it == byNumber.constEnd())
            continue;
        const int s = stepIndex.value(effect.instanceNumber).value(effect.step, -1);
        if (s < 0)
            continue;
        InstanceReport::StepEffects &e = reports[*it].steps[s];
        switch (effect.outcome) {
        case EffectOutcome::Applied: ++e.applied; break;
        case EffectOutcome::Compensated: ++e.compensated; break;
        case EffectOutcome::Refused: ++e.refused; break;
        case EffectOutcome::Empty: break;
        }
    }
    return reports;
}

} // namespace Sagascope
