// SPDX-License-Identifier: MIT
#pragma once

#include "faultplan.h"

#include <QJsonObject>
#include <QString>

namespace Sagascope {

/** How one run is made: `run`'s options (SPEC section 4), stored with the run in the saga log. */
struct RunOptions
{
    int instances = 1;
    int concurrency = 0;        // instances in flight at once; 0: all of them
    quint64 seed = 0;
    bool virtualTime = false;
    FaultPlan faults;
    /** Deadline of an injected timeout on a step without `timeoutMs`. */
    int injectedTimeoutMs = 1000;
    /** Real clock: transitions committed at least this often while busy (group-commit delay bound). */
    int maxCommitDelayMs = 10;
    /** Transitions in one batch at most, before a commit is forced. */
    int maxBatch = 8192;

    int effectiveConcurrency() const { return concurrency > 0 ? concurrency : qMax(1, instances); }

    QJsonObject toJson() const;
    static RunOptions fromJson(const QJsonObject &object);
};

} // namespace Sagascope
