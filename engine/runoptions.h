// SPDX-License-Identifier: MIT
#pragma once

#include "faultplan.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QString>

#include <optional>

namespace Sagascope {

/** Which protocol coordinates the steps (SPEC section 7, `run --protocol`). */
enum class Protocol : quint8 { Saga, TwoPhaseCommit };
QString protocolName(Protocol protocol); // "saga", "2pc"
std::optional<Protocol> protocolFromName(const QString &name);

/** Where `--crash-coordinator` stops a 2PC coordinator (SPEC section 7). */
enum class CrashPoint : quint8 { None, AfterPrepare, AfterDecision };
QString crashPointName(CrashPoint point); // "", "after-prepare", "after-decision"
std::optional<CrashPoint> crashPointFromName(const QString &name);

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
    Protocol protocol = Protocol::Saga;
    CrashPoint crashCoordinator = CrashPoint::None;

    // Remote endpoints (SPEC section 6), kept with the run so that recover calls what it called.
    /** Instance inputs: instance i gets inputs[i % size] (`--input`: one; `--input-jsonl`: one a line). */
    QJsonArray inputs;
    /** `--endpoint SERVICE=URL`: base URLs that replace the services' own. */
    QJsonObject endpoints;
    /** `--simulate`: `http` operations run on their `sim` specs. */
    bool simulate = false;
    /** The directory of the .saga file (a service's `caFile` is relative to it). */
    QString baseDir;

    /** The input of the instance at `index` in its run (null: none). */
    QJsonValue inputFor(int index) const { return inputs.isEmpty() ? QJsonValue() : inputs.at(index % inputs.size()); }

    /** How an input file is read: one JSON object (`--input`), one object a line (`--input-jsonl`),
     *  or either (the desktop's input file: one object, else JSON lines). */
    enum class InputFile : quint8 { Object, Lines, ObjectOrLines };
    /** The inputs in `path` (at least one); nullopt with `error` naming the file, the line where
     *  there are lines, and the fault. Messages stay English (the CLI's and the engine's). */
    static std::optional<QJsonArray> readInputs(const QString &path, InputFile format, QString *error);

    int effectiveConcurrency() const { return concurrency > 0 ? concurrency : qMax(1, instances); }

    QJsonObject toJson() const;
    static RunOptions fromJson(const QJsonObject &object);
};

} // namespace Sagascope
