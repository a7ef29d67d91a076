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

QStringList InstanceReport::invariantViolations() const
{
    QStringList problems;
    for (const StepEffects &s : steps) {
        if (s.applied < 0 || s.applied > 1 || s.compensated < 0 || s.compensated > 1)
            problems.append(QStringLiteral("%1: counts must be 0 or 1 (applied %2, compensated %3)")
                                .arg(s.step).arg(s.applied).arg(s.compensated));
        if (s.compensated > s.applied)
            problems.append(QStringLiteral("%1: compensated %2 > applied %3").arg(s.step).arg(s.compensated).arg(s.applied));
        if (status == InstanceStatus::Completed && (s.applied != 1 || s.compensated != 0))
            problems.append(QStringLiteral("%1: completed instance with applied %2, compensated %3")
                                .arg(s.step).arg(s.applied).arg(s.compensated));
        if (status == InstanceStatus::Compensated && s.kind == StepKind::Compensatable && s.applied != s.compensated)
            problems.append(QStringLiteral("%1: compensated instance with applied %2 != compensated %3")
                                .arg(s.step).arg(s.applied).arg(s.compensated));
        if (status == InstanceStatus::Compensated && s.kind == StepKind::Pivot && s.applied != 0)
            problems.append(QStringLiteral("%1: compensated instance with its pivot applied").arg(s.step));
    }
    return problems;
}

std::optional<QList<InstanceReport>> LedgerReport::read(const SagaLog &log, QString *error)
{
    QHash<qint64, SagaDefinition> definitions;
    for (const RunRecord &run : log.runs()) {
        const LoadResult loaded = SagaFile::parse(run.definitionJson, QStringLiteral("%1 (run %2)").arg(log.path()).arg(run.id));
        if (!loaded.ok()) {
            *error = QCoreApplication::translate("Engine", "cannot read the saga of run %1: %2")
                         .arg(run.id).arg(loaded.error.toString());
            return std::nullopt;
        }
        definitions.insert(run.id, *loaded.definition);
    }
    QList<InstanceReport> reports;
    QHash<qint64, qsizetype> byNumber;
    QHash<qint64, QHash<StepId, int>> stepIndex;
    for (const InstanceRecord &record : log.instances(false)) {
        InstanceReport report;
        report.instance = record.id;
        report.run = record.run;
        report.status = record.status;
        report.reason = record.reason;
        const SagaDefinition definition = definitions.value(record.run);
        QHash<StepId, int> &index = stepIndex[record.number];
        for (const Step &step : definition.steps) {
            index.insert(step.id, int(report.steps.size()));
            report.steps.append(InstanceReport::StepEffects{step.id, step.kind, 0, 0, false});
        }
        byNumber.insert(record.number, reports.size());
        reports.append(report);
    }
    for (const EffectRecord &effect : log.effects(false)) {
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
        case EffectOutcome::Refused: e.refused = true; break;
        case EffectOutcome::Empty: break;
        }
    }
    return reports;
}

} // namespace Sagascope
