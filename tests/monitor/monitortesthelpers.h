// SPDX-License-Identifier: MIT
// Sagas and traces for the monitor tests: small definitions built in C++ and traces written in
// the SPEC's JSON-lines form, parsed with TraceEvent::fromJson.
#pragma once

#include "sagadefinition.h"
#include "traceevent.h"

#include <QByteArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QList>
#include <QTest>

namespace Sagascope::Test {

inline Step makeStep(const QString &id, StepKind kind, const QStringList &after, int maxAttempts)
{
    Step step;
    step.id = id;
    step.label = id;
    step.kind = kind;
    step.after = after;
    step.action.name = id + QStringLiteral("Do");
    if (kind == StepKind::Compensatable) {
        Operation compensation;
        compensation.name = id + QStringLiteral("Undo");
        step.compensation = compensation;
    }
    RetryPolicy retry;
    retry.maxAttempts = maxAttempts;
    step.retry = retry;
    step.idempotent = true;
    return step;
}

/** examples/order-checkout.saga in short: two compensatable steps, the pivot, two retriable steps. */
inline SagaDefinition orderCheckout()
{
    SagaDefinition definition;
    definition.name = QStringLiteral("Order checkout");
    definition.steps = {
        makeStep(QStringLiteral("create_order"), StepKind::Compensatable, {}, 3),
        makeStep(QStringLiteral("reserve_stock"), StepKind::Compensatable, {QStringLiteral("create_order")}, 3),
        makeStep(QStringLiteral("take_payment"), StepKind::Pivot, {QStringLiteral("reserve_stock")}, 3),
        makeStep(QStringLiteral("ship_order"), StepKind::Retriable, {QStringLiteral("take_payment")}, 0),
        makeStep(QStringLiteral("award_points"), StepKind::Retriable, {QStringLiteral("ship_order")}, 0),
    };
    return definition;
}

/** Two bookings in parallel, then the pivot, then a retriable confirmation. */
inline SagaDefinition travelBooking()
{
    SagaDefinition definition;
    definition.name = QStringLiteral("Travel booking");
    definition.steps = {
        makeStep(QStringLiteral("book_hotel"), StepKind::Compensatable, {}, 3),
        makeStep(QStringLiteral("book_flight"), StepKind::Compensatable, {}, 3),
        makeStep(QStringLiteral("charge_card"), StepKind::Pivot,
                 {QStringLiteral("book_hotel"), QStringLiteral("book_flight")}, 3),
        makeStep(QStringLiteral("send_confirmation"), StepKind::Retriable, {QStringLiteral("charge_card")}, 0),
    };
    return definition;
}

/** Parses JSON lines (blank lines skipped); fails the test on a bad line. */
inline QList<TraceEvent> parseTrace(const QByteArray &lines)
{
    QList<TraceEvent> events;
    for (const QByteArray &line : lines.split('\n')) {
        if (line.trimmed().isEmpty())
            continue;
        QJsonParseError error;
        const QJsonDocument document = QJsonDocument::fromJson(line, &error);
        if (!document.isObject()) {
            qWarning("bad trace line: %s (%s)", line.constData(), qPrintable(error.errorString()));
            return {};
        }
        const auto event = TraceEvent::fromJson(document.object());
        if (!event) {
            qWarning("not a trace event: %s", line.constData());
            return {};
        }
        events.append(*event);
    }
    return events;
}

/** A rollback: take_payment refused for a business reason (sagascope-cli run --fail take_payment=business). */
inline const char *rollbackTrace()
{
    return R"TRACE(
{"instance":"0c5fc157-d64a-5bdf-ac1a-05a40b9a68e9","seq":1,"t":0,"event":"saga_started"}
{"instance":"0c5fc157-d64a-5bdf-ac1a-05a40b9a68e9","seq":2,"t":0,"step":"create_order","event":"step_started","attempt":1}
{"instance":"0c5fc157-d64a-5bdf-ac1a-05a40b9a68e9","seq":3,"t":20,"step":"create_order","event":"step_succeeded","attempt":1}
{"instance":"0c5fc157-d64a-5bdf-ac1a-05a40b9a68e9","seq":4,"t":20,"step":"reserve_stock","event":"step_started","attempt":1}
{"instance":"0c5fc157-d64a-5bdf-ac1a-05a40b9a68e9","seq":5,"t":48,"step":"reserve_stock","event":"step_succeeded","attempt":1}
{"instance":"0c5fc157-d64a-5bdf-ac1a-05a40b9a68e9","seq":6,"t":48,"step":"take_payment","event":"step_started","attempt":1}
{"instance":"0c5fc157-d64a-5bdf-ac1a-05a40b9a68e9","seq":7,"t":235,"step":"take_payment","event":"step_failed","attempt":1,"failure":"business","reason":"injected business failure"}
{"instance":"0c5fc157-d64a-5bdf-ac1a-05a40b9a68e9","seq":8,"t":235,"step":"reserve_stock","event":"compensation_started","attempt":1}
{"instance":"0c5fc157-d64a-5bdf-ac1a-05a40b9a68e9","seq":9,"t":253,"step":"reserve_stock","event":"compensation_succeeded","attempt":1}
{"instance":"0c5fc157-d64a-5bdf-ac1a-05a40b9a68e9","seq":10,"t":253,"step":"create_order","event":"compensation_started","attempt":1}
{"instance":"0c5fc157-d64a-5bdf-ac1a-05a40b9a68e9","seq":11,"t":258,"step":"create_order","event":"compensation_succeeded","attempt":1}
{"instance":"0c5fc157-d64a-5bdf-ac1a-05a40b9a68e9","seq":12,"t":258,"event":"saga_compensated","reason":"rolled back: take_payment failed (business)"}
)TRACE";
}

/** reserve_stock times out three times and is compensated (its effect is unknown). */
inline const char *timeoutTrace()
{
    return R"TRACE(
{"instance":"a1","seq":1,"t":0,"event":"saga_started"}
{"instance":"a1","seq":2,"t":0,"step":"create_order","event":"step_started","attempt":1}
{"instance":"a1","seq":3,"t":20,"step":"create_order","event":"step_succeeded","attempt":1}
{"instance":"a1","seq":4,"t":20,"step":"reserve_stock","event":"step_started","attempt":1}
{"instance":"a1","seq":5,"t":2020,"step":"reserve_stock","event":"step_failed","attempt":1,"failure":"timeout","reason":"no reply within 2000 ms"}
{"instance":"a1","seq":6,"t":2020,"step":"reserve_stock","event":"retry_scheduled","attempt":1,"delayMs":87}
{"instance":"a1","seq":7,"t":2107,"step":"reserve_stock","event":"step_started","attempt":2}
{"instance":"a1","seq":8,"t":4107,"step":"reserve_stock","event":"step_failed","attempt":2,"failure":"timeout","reason":"no reply within 2000 ms"}
{"instance":"a1","seq":9,"t":4107,"step":"reserve_stock","event":"retry_scheduled","attempt":2,"delayMs":222}
{"instance":"a1","seq":10,"t":4329,"step":"reserve_stock","event":"step_started","attempt":3}
{"instance":"a1","seq":11,"t":6329,"step":"reserve_stock","event":"step_failed","attempt":3,"failure":"timeout","reason":"no reply within 2000 ms"}
{"instance":"a1","seq":12,"t":6329,"step":"reserve_stock","event":"compensation_started","attempt":1}
{"instance":"a1","seq":13,"t":6343,"step":"reserve_stock","event":"compensation_succeeded","attempt":1}
{"instance":"a1","seq":14,"t":6343,"step":"create_order","event":"compensation_started","attempt":1}
{"instance":"a1","seq":15,"t":6352,"step":"create_order","event":"compensation_succeeded","attempt":1}
{"instance":"a1","seq":16,"t":6352,"event":"saga_compensated","reason":"rolled back: reserve_stock failed (timeout)"}
)TRACE";
}

/** After the pivot: ship_order fails twice technically and is retried until it succeeds. */
inline const char *retryTrace()
{
    return R"TRACE(
{"instance":"b2","seq":1,"t":0,"event":"saga_started"}
{"instance":"b2","seq":2,"t":0,"step":"create_order","event":"step_started","attempt":1}
{"instance":"b2","seq":3,"t":20,"step":"create_order","event":"step_succeeded","attempt":1}
{"instance":"b2","seq":4,"t":20,"step":"reserve_stock","event":"step_started","attempt":1}
{"instance":"b2","seq":5,"t":48,"step":"reserve_stock","event":"step_succeeded","attempt":1}
{"instance":"b2","seq":6,"t":48,"step":"take_payment","event":"step_started","attempt":1}
{"instance":"b2","seq":7,"t":235,"step":"take_payment","event":"step_succeeded","attempt":1}
{"instance":"b2","seq":8,"t":235,"step":"ship_order","event":"step_started","attempt":1}
{"instance":"b2","seq":9,"t":287,"step":"ship_order","event":"step_failed","attempt":1,"failure":"technical","reason":"injected technical failure"}
{"instance":"b2","seq":10,"t":287,"step":"ship_order","event":"retry_scheduled","attempt":1,"delayMs":556}
{"instance":"b2","seq":11,"t":843,"step":"ship_order","event":"step_started","attempt":2}
{"instance":"b2","seq":12,"t":890,"step":"ship_order","event":"step_failed","attempt":2,"failure":"technical","reason":"injected technical failure"}
{"instance":"b2","seq":13,"t":890,"step":"ship_order","event":"retry_scheduled","attempt":2,"delayMs":985}
{"instance":"b2","seq":14,"t":1875,"step":"ship_order","event":"step_started","attempt":3}
{"instance":"b2","seq":15,"t":1950,"step":"ship_order","event":"step_succeeded","attempt":3}
{"instance":"b2","seq":16,"t":1950,"step":"award_points","event":"step_started","attempt":1}
{"instance":"b2","seq":17,"t":1972,"step":"award_points","event":"step_succeeded","attempt":1}
{"instance":"b2","seq":18,"t":1972,"event":"saga_completed"}
)TRACE";
}

/** The pivot times out on every attempt: its outcome is unknown, the saga is stuck. */
inline const char *stuckTrace()
{
    return R"TRACE(
{"instance":"c3","seq":1,"t":0,"event":"saga_started"}
{"instance":"c3","seq":2,"t":0,"step":"create_order","event":"step_started","attempt":1}
{"instance":"c3","seq":3,"t":20,"step":"create_order","event":"step_succeeded","attempt":1}
{"instance":"c3","seq":4,"t":20,"step":"reserve_stock","event":"step_started","attempt":1}
{"instance":"c3","seq":5,"t":48,"step":"reserve_stock","event":"step_succeeded","attempt":1}
{"instance":"c3","seq":6,"t":48,"step":"take_payment","event":"step_started","attempt":1}
{"instance":"c3","seq":7,"t":5048,"step":"take_payment","event":"step_failed","attempt":1,"failure":"timeout","reason":"no reply within 5000 ms"}
{"instance":"c3","seq":8,"t":5048,"step":"take_payment","event":"retry_scheduled","attempt":1,"delayMs":208}
{"instance":"c3","seq":9,"t":5256,"step":"take_payment","event":"step_started","attempt":2}
{"instance":"c3","seq":10,"t":10256,"step":"take_payment","event":"step_failed","attempt":2,"failure":"timeout","reason":"no reply within 5000 ms"}
{"instance":"c3","seq":11,"t":10256,"step":"take_payment","event":"retry_scheduled","attempt":2,"delayMs":324}
{"instance":"c3","seq":12,"t":10580,"step":"take_payment","event":"step_started","attempt":3}
{"instance":"c3","seq":13,"t":15580,"step":"take_payment","event":"step_failed","attempt":3,"failure":"timeout","reason":"no reply within 5000 ms"}
{"instance":"c3","seq":14,"t":15580,"event":"saga_stuck","reason":"the outcome of the pivot take_payment is unknown: it timed out (3 attempts)"}
)TRACE";
}

/** examples/travel-booking.saga: rent_car fails twice, charge_card is refused, book_flight's
 *  compensation fails once (sagascope-cli run --fail rent_car=technical:2 --fail charge_card=business
 *  --fail-compensation book_flight=technical:1 --seed 4). */
inline const char *travelTrace()
{
    return R"TRACE(
{"instance":"7a6c8e5e-a5a2-5371-a07e-8e14503fdf64","seq":1,"t":0,"event":"saga_started"}
{"instance":"7a6c8e5e-a5a2-5371-a07e-8e14503fdf64","seq":2,"t":0,"step":"book_hotel","event":"step_started","attempt":1}
{"instance":"7a6c8e5e-a5a2-5371-a07e-8e14503fdf64","seq":3,"t":0,"step":"book_flight","event":"step_started","attempt":1}
{"instance":"7a6c8e5e-a5a2-5371-a07e-8e14503fdf64","seq":4,"t":0,"step":"rent_car","event":"step_started","attempt":1}
{"instance":"7a6c8e5e-a5a2-5371-a07e-8e14503fdf64","seq":5,"t":44,"step":"rent_car","event":"step_failed","attempt":1,"failure":"technical","reason":"injected technical failure"}
{"instance":"7a6c8e5e-a5a2-5371-a07e-8e14503fdf64","seq":6,"t":44,"step":"rent_car","event":"retry_scheduled","attempt":1,"delayMs":165}
{"instance":"7a6c8e5e-a5a2-5371-a07e-8e14503fdf64","seq":7,"t":105,"step":"book_hotel","event":"step_succeeded","attempt":1}
{"instance":"7a6c8e5e-a5a2-5371-a07e-8e14503fdf64","seq":8,"t":183,"step":"book_flight","event":"step_succeeded","attempt":1}
{"instance":"7a6c8e5e-a5a2-5371-a07e-8e14503fdf64","seq":9,"t":209,"step":"rent_car","event":"step_started","attempt":2}
{"instance":"7a6c8e5e-a5a2-5371-a07e-8e14503fdf64","seq":10,"t":303,"step":"rent_car","event":"step_failed","attempt":2,"failure":"technical","reason":"injected technical failure"}
{"instance":"7a6c8e5e-a5a2-5371-a07e-8e14503fdf64","seq":11,"t":303,"step":"rent_car","event":"retry_scheduled","attempt":2,"delayMs":436}
{"instance":"7a6c8e5e-a5a2-5371-a07e-8e14503fdf64","seq":12,"t":739,"step":"rent_car","event":"step_started","attempt":3}
{"instance":"7a6c8e5e-a5a2-5371-a07e-8e14503fdf64","seq":13,"t":794,"step":"rent_car","event":"step_succeeded","attempt":3}
{"instance":"7a6c8e5e-a5a2-5371-a07e-8e14503fdf64","seq":14,"t":794,"step":"charge_card","event":"step_started","attempt":1}
{"instance":"7a6c8e5e-a5a2-5371-a07e-8e14503fdf64","seq":15,"t":976,"step":"charge_card","event":"step_failed","attempt":1,"failure":"business","reason":"injected business failure"}
{"instance":"7a6c8e5e-a5a2-5371-a07e-8e14503fdf64","seq":16,"t":976,"step":"rent_car","event":"compensation_started","attempt":1}
{"instance":"7a6c8e5e-a5a2-5371-a07e-8e14503fdf64","seq":17,"t":976,"step":"book_flight","event":"compensation_started","attempt":1}
{"instance":"7a6c8e5e-a5a2-5371-a07e-8e14503fdf64","seq":18,"t":976,"step":"book_hotel","event":"compensation_started","attempt":1}
{"instance":"7a6c8e5e-a5a2-5371-a07e-8e14503fdf64","seq":19,"t":1029,"step":"rent_car","event":"compensation_succeeded","attempt":1}
{"instance":"7a6c8e5e-a5a2-5371-a07e-8e14503fdf64","seq":20,"t":1038,"step":"book_hotel","event":"compensation_succeeded","attempt":1}
{"instance":"7a6c8e5e-a5a2-5371-a07e-8e14503fdf64","seq":21,"t":1216,"step":"book_flight","event":"compensation_failed","attempt":1,"failure":"technical","reason":"injected technical failure"}
{"instance":"7a6c8e5e-a5a2-5371-a07e-8e14503fdf64","seq":22,"t":1216,"step":"book_flight","event":"retry_scheduled","attempt":1,"delayMs":101}
{"instance":"7a6c8e5e-a5a2-5371-a07e-8e14503fdf64","seq":23,"t":1317,"step":"book_flight","event":"compensation_started","attempt":2}
{"instance":"7a6c8e5e-a5a2-5371-a07e-8e14503fdf64","seq":24,"t":1536,"step":"book_flight","event":"compensation_succeeded","attempt":2}
{"instance":"7a6c8e5e-a5a2-5371-a07e-8e14503fdf64","seq":25,"t":1536,"event":"saga_compensated","reason":"rolled back: charge_card failed (business)"}
)TRACE";
}

} // namespace Sagascope::Test
