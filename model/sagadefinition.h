// SPDX-License-Identifier: MIT
#pragma once

#include <QJsonObject>
#include <QList>
#include <QPointF>
#include <QString>
#include <QStringList>

#include <optional>

namespace Sagascope {

/** A step's id: unique within a saga, `[A-Za-z_][A-Za-z0-9_]*`. Everything is keyed by it. */
using StepId = QString;

/** The three kinds of step of SPEC section 2. */
enum class StepKind { Compensatable, Pivot, Retriable };

QString stepKindName(StepKind kind);                 // "compensatable", "pivot", "retriable"
std::optional<StepKind> stepKindFromName(const QString &name);

enum class SagaMode { Orchestration, Choreography };

QString sagaModeName(SagaMode mode);
std::optional<SagaMode> sagaModeFromName(const QString &name);

/** Retry policy for technical failures (SPEC section 1). `maxAttempts == 0` means unbounded. */
struct RetryPolicy
{
    int maxAttempts = 3;
    int initialBackoffMs = 100;
    double multiplier = 2.0;
    int maxBackoffMs = 5000;
    double jitter = 0.2;
    QJsonObject extra; // unknown fields, kept for the round trip

    bool isBounded() const { return maxAttempts > 0; }
    /** Backoff before attempt `attempt + 1`, jitter left out: min(max, initial * multiplier^(attempt-1)). */
    qint64 baseBackoffMs(int attempt) const;

    friend bool operator==(const RetryPolicy &, const RetryPolicy &) = default;
};

/** Richardson's countermeasures for the saga's lack of isolation (SPEC section 7, `sim.countermeasure`). */
enum class Countermeasure { None, SemanticLock, Commutative, RereadValue };

QString countermeasureName(Countermeasure countermeasure); // "", "semanticLock", "commutative", "rereadValue"
std::optional<Countermeasure> countermeasureFromName(const QString &name);

/** What an action does when a semantic lock is held by another instance (`sim.onLocked`). */
enum class OnLocked { Wait, Fail };

QString onLockedName(OnLocked onLocked); // "wait", "fail"
std::optional<OnLocked> onLockedFromName(const QString &name);

/** A change of a shared counter (SPEC section 7, `sim.effect`): the action adds `delta` and fails
 *  for a business reason when the result would fall below `min`; the compensation adds `-delta`. */
struct SimEffect
{
    QString resource;
    qint64 delta = 0;
    std::optional<qint64> min; // none: no lower bound
    QJsonObject extra;

    friend bool operator==(const SimEffect &, const SimEffect &) = default;
};

/** A shared counter of the saga (top-level `resources`), with the value every run starts from. */
struct Resource
{
    QString name;
    qint64 initial = 0;

    friend bool operator==(const Resource &, const Resource &) = default;
};

/** How the embedded engine simulates one operation (SPEC section 1, `sim`). */
struct SimSpec
{
    int latencyMinMs = 0;
    int latencyMaxMs = 0;
    bool latencyIsRange = false;   // written back as [min, max] rather than a single number
    double technicalFailure = 0.0; // probability 0..1 that one attempt fails technically
    double businessFailure = 0.0;  // probability 0..1 that one attempt fails for a business reason
    std::optional<SimEffect> effect;                      // SPEC section 7
    Countermeasure countermeasure = Countermeasure::None; // SPEC section 7
    std::optional<OnLocked> onLocked;                     // as written; absent means Wait
    QJsonObject extra;

    OnLocked effectiveOnLocked() const { return onLocked.value_or(OnLocked::Wait); }

    friend bool operator==(const SimSpec &, const SimSpec &) = default;
};

/** An action or a compensation: what a step does, or how it is undone. */
struct Operation
{
    QString name;
    std::optional<SimSpec> sim;
    QJsonObject http;                  // SPEC section 6 (reserved); kept as written
    std::optional<RetryPolicy> retry;  // only read on a compensation: `compensation.retry`
    QJsonObject extra;
    QStringList on;                    // only read on a compensation: `compensation.on` (any one starts it)
    QString emits;                     // only read on a compensation: `compensation.emits`, published on success

    friend bool operator==(const Operation &, const Operation &) = default;
};

/** `steps[].emits` (SPEC section 5): the events a step publishes when it succeeds or fails. */
struct StepEmits
{
    QString success; // empty: none
    QString failure; // empty: none
    QJsonObject extra;

    friend bool operator==(const StepEmits &, const StepEmits &) = default;
};

/** One local transaction of the saga. */
struct Step
{
    StepId id;
    QString label;
    QString service;
    StepKind kind = StepKind::Compensatable;
    QStringList after;                  // ids of the steps that must succeed first
    QStringList on;                     // events that must all have been delivered first (SPEC section 5)
    std::optional<StepEmits> emits;     // events published on success / failure
    Operation action;
    std::optional<Operation> compensation;
    std::optional<RetryPolicy> retry;   // the action's retry policy (`steps[].retry`)
    std::optional<int> timeoutMs;
    bool idempotent = false;
    QStringList sideEffects;
    std::optional<QPointF> position;
    QJsonObject extra;

    /** Display text: the label, or the id when there is none. */
    QString displayName() const { return label.isEmpty() ? id : label; }
    /** The action's retry policy with the SPEC's defaults applied (retriable: unbounded). */
    RetryPolicy effectiveActionRetry() const;
    /** The compensation's retry policy with the SPEC's default applied (unbounded). */
    RetryPolicy effectiveCompensationRetry() const;

    friend bool operator==(const Step &, const Step &) = default;
};

/** A service (participant) that steps call. */
struct Service
{
    QString id;
    QString label;
    QJsonObject endpoint; // SPEC section 6 (reserved); kept as written
    QJsonObject extra;

    friend bool operator==(const Service &, const Service &) = default;
};

/**
 * A saga definition: the in-memory form of a `.saga` file, with value semantics.
 * Steps keep the order of the file; look-ups by id go through indexOf()/step().
 */
struct SagaDefinition
{
    QString name;
    QString description;
    SagaMode mode = SagaMode::Orchestration;
    bool modeWritten = false; // `mode` was present in the file (written back only then, or when not the default)
    QString start;            // `start`: the instance's first event; empty means DefaultStartEvent
    QList<Service> services;
    QList<Step> steps;
    QList<Resource> resources; // SPEC section 7: shared counters, by name (the file's object order)
    QJsonObject extra;

    /** The resource with this name, or null. */
    const Resource *resource(const QString &name) const;
    /** Index of the first step with this id, or -1. Linear; build a SagaGraph for repeated look-ups. */
    int indexOf(const StepId &id) const;
    const Step *step(const StepId &id) const;
    Step *step(const StepId &id);
    bool hasService(const QString &serviceId) const;
    /** The saga's start event: `start`, or "SagaStarted" when the file names none. */
    QString startEvent() const;
    /** True when some step waits `on` an event or emits one, or a compensation does (SPEC section 5). */
    bool usesEvents() const;

    static constexpr const char *DefaultStartEvent = "SagaStarted";

    friend bool operator==(const SagaDefinition &, const SagaDefinition &) = default;
};

/** True when `id` matches `[A-Za-z_][A-Za-z0-9_]*`. */
bool isValidStepId(const QString &id);

} // namespace Sagascope
