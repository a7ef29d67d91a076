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
        int applied = 0;
        int compensated = 0;
        bool refused = false;  // a hanging action was refused
    };
    QString instance;
    qint64 run = 0;
    InstanceStatus status = InstanceStatus::Running;
    QString reason;
    QList<StepEffects> steps; // every step of the saga, in the file's order

    /** The line of `inspect --json` (SPEC section 4), steps in the file's order. */
    QByteArray toJson() const;
    /** The invariants of SPEC section 3 that this instance breaks (empty: none). */
    QStringList invariantViolations() const;
};

/** Reads every instance of a saga log with its effects ledger (inspect, tests). */
class LedgerReport
{
public:
    static std::optional<QList<InstanceReport>> read(const SagaLog &log, QString *error);
};

} // namespace Sagascope
