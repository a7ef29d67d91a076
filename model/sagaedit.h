// SPDX-License-Identifier: MIT
#pragma once

#include "sagadefinition.h"

#include <QJsonObject>
#include <QList>
#include <QString>

#include <optional>

namespace Sagascope {

/**
 * One edit of a quick fix (SPEC section 2):
 *  - MoveAfter:     take `step` out of its place (its direct successors now come after its own
 *                   predecessors) and make it depend on `target` alone ("move it later");
 *  - AddAfter:      add `target` to `step`'s `after`;
 *  - SetKind:       set `step`'s kind to `kind`;
 *  - SetIdempotent: set `step`'s `idempotent` to `value`;
 *  - SetRetry:      set `maxAttempts` of `step`'s action (`retry`) or compensation
 *                   (`compensation.retry`) to `maxAttempts`;
 *  - AddCompensationOn: add `event` to `step`'s `compensation.on` (SPEC section 5: subscribe the
 *                   compensation to one more way the saga can fail);
 *  - SetEmits:      set the event `step` publishes on `outcome` (`emits.success`,
 *                   `emits.failure` or `compensation.emits`) to `event`.
 */
struct SagaEdit
{
    enum class Op { MoveAfter, AddAfter, SetKind, SetIdempotent, SetRetry, AddCompensationOn, SetEmits };
    enum class Target { Action, Compensation };
    enum class Outcome { Success, Failure, Compensation };

    Op op = Op::MoveAfter;
    StepId step;
    StepId target;                 // MoveAfter, AddAfter
    StepKind kind = StepKind::Compensatable; // SetKind
    bool value = true;             // SetIdempotent
    Target retryTarget = Target::Action; // SetRetry
    int maxAttempts = 0;           // SetRetry
    QString event;                 // AddCompensationOn, SetEmits
    Outcome outcome = Outcome::Failure; // SetEmits

    static SagaEdit moveAfter(const StepId &step, const StepId &after);
    static SagaEdit addAfter(const StepId &step, const StepId &after);
    static SagaEdit setKind(const StepId &step, StepKind kind);
    static SagaEdit setIdempotent(const StepId &step, bool value);
    static SagaEdit setRetry(const StepId &step, Target target, int maxAttempts);
    static SagaEdit addCompensationOn(const StepId &step, const QString &event);
    static SagaEdit setEmits(const StepId &step, Outcome outcome, const QString &event);

    /** The SPEC's JSON form, e.g. {"op":"moveAfter","step":"a","after":"b"}. */
    QJsonObject toJson() const;
    static std::optional<SagaEdit> fromJson(const QJsonObject &object);
    /** A short human description, for menus and undo text ("Move award_points after take_payment"). */
    QString describe() const;

    friend bool operator==(const SagaEdit &, const SagaEdit &) = default;
};

/** Applies edits in order to `definition`. Returns false (and leaves `definition` unchanged)
 *  when an edit names an unknown step. Unknown fields are kept. */
bool applyEdits(SagaDefinition &definition, const QList<SagaEdit> &edits, QString *error = nullptr);

} // namespace Sagascope
