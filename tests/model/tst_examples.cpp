// SPDX-License-Identifier: MIT
// The shipped examples load and validate as their names promise.
#include "sagabuilder.h"
#include "sagafile.h"
#include "testconfig.h"
#include "validator.h"

#include <QFile>
#include <QTest>

using namespace Sagascope;
using namespace Sagascope::Test;

class TestExamples : public QObject
{
    Q_OBJECT

private:
    static SagaDefinition load(const QString &name)
    {
        const LoadResult result = SagaFile::load(QStringLiteral(SAGASCOPE_EXAMPLES_DIR "/") + name);
        if (!result.ok())
            qWarning("%s", qPrintable(result.error.toString()));
        return result.definition.value_or(SagaDefinition{});
    }

private Q_SLOTS:
    void cleanExamples_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<int>("steps");
        QTest::newRow("order-checkout") << QStringLiteral("order-checkout.saga") << 5;
        QTest::newRow("travel-booking") << QStringLiteral("travel-booking.saga") << 5;
        QTest::newRow("hot-item") << QStringLiteral("hot-item.saga") << 2;
        QTest::newRow("hot-item-semantic-lock") << QStringLiteral("hot-item-semantic-lock.saga") << 2;
        QTest::newRow("hot-item-commutative") << QStringLiteral("hot-item-commutative.saga") << 2;
        QTest::newRow("hot-item-reread") << QStringLiteral("hot-item-reread.saga") << 2;
    }

    void hotItemsShareOneStockCounter()
    {
        const QList<std::pair<const char *, Countermeasure>> files = {
            {"hot-item.saga", Countermeasure::None},
            {"hot-item-semantic-lock.saga", Countermeasure::SemanticLock},
            {"hot-item-commutative.saga", Countermeasure::Commutative},
            {"hot-item-reread.saga", Countermeasure::RereadValue},
        };
        for (const auto &[file, countermeasure] : files) {
            const SagaDefinition saga = load(QLatin1String(file));
            QCOMPARE(saga.resources, (QList<Resource>{Resource{QStringLiteral("stock:sku-1"), 10}}));
            const SimSpec &reserve = *saga.step(QStringLiteral("reserve_stock"))->action.sim;
            QCOMPARE(reserve.effect->resource, QStringLiteral("stock:sku-1"));
            QCOMPARE(reserve.effect->delta, -1);
            QCOMPARE(reserve.countermeasure, countermeasure);
        }
    }

    void cleanExamples()
    {
        QFETCH(QString, file);
        QFETCH(int, steps);
        const SagaDefinition saga = load(file);
        QCOMPARE(saga.steps.size(), steps);
        const QList<Diagnostic> diagnostics = Validator::validate(saga);
        QCOMPARE(findings(diagnostics), QStringList{});
        // Every step names a declared service and has a label.
        for (const Step &step : saga.steps) {
            QVERIFY2(saga.hasService(step.service), qPrintable(step.id));
            QVERIFY2(!step.label.isEmpty(), qPrintable(step.id));
        }
    }

    void orderCheckoutAwardsPointsAfterShipping()
    {
        // The seed's advice: points after shipping, after the payment (the pivot).
        const SagaDefinition saga = load(QStringLiteral("order-checkout.saga"));
        QCOMPARE(saga.step(QStringLiteral("take_payment"))->kind, StepKind::Pivot);
        QCOMPARE(saga.step(QStringLiteral("award_points"))->after, QStringList{"ship_order"});
        QCOMPARE(saga.step(QStringLiteral("award_points"))->sideEffects, QStringList{"email"});
    }

    void pointsTooEarly()
    {
        const SagaDefinition saga = load(QStringLiteral("points-too-early.saga"));
        QCOMPARE(saga.steps.size(), 5);
        const QList<Diagnostic> diagnostics = Validator::validate(saga);
        QCOMPARE(findings(diagnostics), QStringList{"SAGA005:award_points,take_payment"});
        const Diagnostic &d = diagnostics.first();
        QCOMPARE(d.severity, Severity::Warning);
        QCOMPARE(d.message,
                 QStringLiteral("award_points has side effects (email) and can run before take_payment, which may "
                                "still fail and trigger a rollback; a compensation cannot take back an email that "
                                "was sent. Move it after take_payment."));
        QCOMPARE(d.fix, (QList<SagaEdit>{SagaEdit::moveAfter(QStringLiteral("award_points"), QStringLiteral("take_payment"))}));
        QCOMPARE(checkFix(saga, d), QString());

        SagaDefinition fixed = saga;
        QVERIFY(applyEdits(fixed, d.fix));
        QCOMPARE(Validator::validate(fixed), QList<Diagnostic>{});
        QCOMPARE(fixed.step(QStringLiteral("take_payment"))->after, QStringList{"reserve_stock"});
        QCOMPARE(fixed.step(QStringLiteral("award_points"))->after, QStringList{"take_payment"});
    }

    void orderChoreography()
    {
        // Richardson's create-order saga as events (SPEC section 5): ordered by its events, every
        // failure point rolled back through events, and the one race he describes (SAGA024).
        const SagaDefinition saga = load(QStringLiteral("order-choreography.saga"));
        QCOMPARE(saga.mode, SagaMode::Choreography);
        QCOMPARE(saga.startEvent(), QStringLiteral("OrderRequested"));
        QCOMPARE(saga.steps.size(), 6);
        const QList<Diagnostic> diagnostics = Validator::validate(saga);
        QCOMPARE(findings(diagnostics), QStringList{"SAGA024:verify_consumer,create_ticket"});
        QCOMPARE(diagnostics.first().severity, Severity::Warning);
        const SagaGraph graph(saga);
        const int authorize = graph.indexOf(QStringLiteral("authorize_card"));
        for (const char *before : {"create_order", "verify_consumer", "create_ticket"})
            QVERIFY2(graph.ancestors(authorize).contains(graph.indexOf(QLatin1String(before))), before);
        QVERIFY(graph.areConcurrent(graph.indexOf(QStringLiteral("verify_consumer")), graph.indexOf(QStringLiteral("create_ticket"))));
        for (const Step &step : saga.steps) {
            QVERIFY2(saga.hasService(step.service), qPrintable(step.id));
            QVERIFY2(step.after.isEmpty() && !step.on.isEmpty(), qPrintable(step.id));
        }
    }

    void orderMixed()
    {
        // An orchestrated core and a tail that reacts to OrderApproved, after the pivot.
        const SagaDefinition saga = load(QStringLiteral("order-mixed.saga"));
        QCOMPARE(saga.mode, SagaMode::Orchestration);
        QCOMPARE(findings(Validator::validate(saga)), QStringList{});
        const SagaGraph graph(saga);
        const int pivot = graph.indexOf(QStringLiteral("take_payment"));
        for (const char *tail : {"notify_customer", "award_points"}) {
            const int t = graph.indexOf(QLatin1String(tail));
            QVERIFY2(graph.ancestors(t).contains(pivot), tail);
            QCOMPARE(saga.steps.at(t).on, QStringList{"OrderApproved"});
            QVERIFY(saga.steps.at(t).after.isEmpty());
        }
    }

    void examplesAreSavedCanonically_data()
    {
        QTest::addColumn<QString>("file");
        QTest::newRow("order-choreography") << QStringLiteral("order-choreography.saga");
        QTest::newRow("order-mixed") << QStringLiteral("order-mixed.saga");
        QTest::newRow("order-checkout") << QStringLiteral("order-checkout.saga");
        QTest::newRow("travel-booking") << QStringLiteral("travel-booking.saga");
        QTest::newRow("points-too-early") << QStringLiteral("points-too-early.saga");
    }

    void examplesAreSavedCanonically()
    {
        // Opening and saving an example leaves it byte for byte as shipped.
        QFETCH(QString, file);
        QFile in(QStringLiteral(SAGASCOPE_EXAMPLES_DIR "/") + file);
        QVERIFY(in.open(QIODevice::ReadOnly));
        const QByteArray bytes = in.readAll();
        QCOMPARE(SagaFile::serialize(load(file)), bytes);
    }
};

QTEST_GUILESS_MAIN(TestExamples)
#include "tst_examples.moc"
