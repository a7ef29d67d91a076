// SPDX-License-Identifier: MIT
#pragma once

#include "sagadefinition.h"
#include "sagalog.h"
#include "traceevent.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace Sagascope {

/** One instance as `inspect` shows it: its status and, per step, the effects really applied. */
struct InstanceReport
{
    struct StepEffects
    {
        StepId step;
        StepKind kind = StepKind::Compensatable;
        int applied = 0;      // ledger rows with outcome `applied`
        int compensated = 0;  // ... `compensated`
        int refused = 0;      // ... `refused` (a hanging action, refused)
    };
    QString instance;
    qint64 run = 0;
    InstanceStatus status = InstanceStatus::Running;
    QString reason;
    QList<StepEffects> steps; // every step of the saga, in the file's order

    /** The line of `inspect --json` (SPEC section 4), steps in the file's order. */
    QByteArray toJson() const;
    /** The invariants of SPEC section 3 that this instance breaks (empty: none), one line each:
     *  "STEP: NAME (applied A, compensated C)", NAME one of InvariantNames. The query in
     *  docs/SAGA-LOG.md finds the same ones in a log file (tst_ledgerreport checks that it does). */
    QStringList invariantViolations() const;
    /** The names of the invariants, as they appear in invariantViolations() and in the SQL. */
    static const QStringList &invariantNames();
};

/** Reads every instance of a saga log with its effects ledger (inspect, tests). */
class LedgerReport
{
public:
    static std::optional<QList<InstanceReport>> read(const SagaLog &log, QString *error);
    /** The reports of `instances`, from the definitions of their runs (by run id) and the ledger's
     *  rows as they are, duplicates counted (a log's primary key refuses them; a ledger given
     *  here may have them). */
    static QList<InstanceReport> build(const QHash<qint64, SagaDefinition> &definitions,
                                       const QList<InstanceRecord> &instances, const QList<EffectRecord> &effects);
};

} // namespace Sagascope
