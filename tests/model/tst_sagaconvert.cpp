// SPDX-License-Identifier: MIT
// SagaConvert: orchestration <-> choreography (SPEC section 5) keeps the order of the steps, gives
// every failure point a rollback through events (no SAGA023), and round-trips.

#include "sagabuilder.h"
#include "sagaconvert.h"
#include "sagafile.h"
#include "testconfig.h"

#include <QDir>
#include <QTest>

using namespace Sagascope;
using namespace Sagascope::Test;

namespace {

/** For every step, the ids of its ancestors: the order the engine must keep. */
QHash<QString, QSet<QString>> ancestry(const SagaDefinition &definition)
{
    const SagaGraph g(definition);
    QHash<QString, QSet<QString>> result;
    for (int i = 0; i < g.size(); ++i) {
        QSet<QString> ids;
        for (const int a : g.ancestors(i).toList())
            ids.insert(g.id(a));
        result.insert(g.id(i), ids);
    }
    return result;
}

} // namespace

class TestSagaConvert : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void chainToChoreography()
    {
        const SagaDefinition d = saga({compensatable(QStringLiteral("create")),
                                       compensatable(QStringLiteral("reserve"), {QStringLiteral("create")}),
                                       pivot(QStringLiteral("pay"), {QStringLiteral("reserve")}),
                                       retriable(QStringLiteral("ship"), {QStringLiteral("pay")})});
        const std::optional<SagaDefinition> c = SagaConvert::toChoreography(d);
        QVERIFY(c);
        QCOMPARE(c->mode, SagaMode::Choreography);
        QCOMPARE(c->steps[0].on, QStringList{"SagaStarted"});
        QCOMPARE(c->steps[1].on, QStringList{"createSucceeded"});
        QCOMPARE(c->steps[2].on, QStringList{"reserveSucceeded"});
        QCOMPARE(c->steps[3].on, QStringList{"paySucceeded"});
        for (const Step &s : c->steps)
            QVERIFY(s.after.isEmpty());
        // The rollback is a chain: pay's failure reaches reserve, whose compensation reaches create.
        QCOMPARE(c->steps[2].emits->failure, QStringLiteral("payFailed"));
        QCOMPARE(c->steps[1].compensation->on, (QStringList{"reserveFailed", "payFailed"}));
        QCOMPARE(c->steps[1].compensation->emits, QStringLiteral("reserveCompensated"));
        QCOMPARE(c->steps[0].compensation->on, (QStringList{"createFailed", "reserveFailed", "reserveCompensated"}));
        QVERIFY(c->steps[0].compensation->emits.isEmpty()); // no one waits for it
        QVERIFY(!c->steps[3].emits);                        // the last step: nothing to publish
        QCOMPARE(findings(*c), QStringList{});
        QCOMPARE(ancestry(*c), ancestry(d));

        const std::optional<SagaDefinition> back = SagaConvert::toOrchestration(*c);
        QVERIFY(back);
        QCOMPARE(back->mode, SagaMode::Orchestration);
        QCOMPARE(back->steps, d.steps);
        QCOMPARE(findings(*back), QStringList{});
    }

    void examplesConvert_data()
    {
        QTest::addColumn<QString>("path");
        const QDir examples(QStringLiteral(SAGASCOPE_EXAMPLES_DIR));
        for (const QString &file : examples.entryList({QStringLiteral("*.saga")}, QDir::Files))
            QTest::newRow(qPrintable(file)) << examples.filePath(file);
    }

    void examplesConvert()
    {
        QFETCH(QString, path);
        const LoadResult loaded = SagaFile::load(path);
        QVERIFY2(loaded.ok(), qPrintable(loaded.error.toString()));
        const SagaDefinition &d = *loaded.definition;
        const std::optional<SagaDefinition> c = SagaConvert::toChoreography(d);
        QVERIFY(c);
        QCOMPARE(ancestry(*c), ancestry(d));
        QVERIFY(!rules(*c).contains(QStringLiteral("SAGA023")));
        QVERIFY(!rules(*c).contains(QStringLiteral("SAGA020")));
        QVERIFY(!rules(*c).contains(QStringLiteral("SAGA021")));
        QCOMPARE(Validator::hasErrors(Validator::validate(*c)), Validator::hasErrors(Validator::validate(d)));
        const std::optional<SagaDefinition> back = SagaConvert::toOrchestration(*c);
        QVERIFY(back);
        QCOMPARE(ancestry(*back), ancestry(d));
        // Converted again, the choreography is the same (a saga with events of its own keeps their
        // names one way and gets generated ones the other: only the order is compared then).
        if (!d.usesEvents())
            QCOMPARE(SagaFile::serialize(*SagaConvert::toChoreography(*back)), SagaFile::serialize(*c));
        else
            QCOMPARE(ancestry(*SagaConvert::toChoreography(*back)), ancestry(d));
    }

    void refusals()
    {
        QString error;
        const SagaDefinition cyclic = saga({compensatable(QStringLiteral("a"), {QStringLiteral("b")}),
                                            compensatable(QStringLiteral("b"), {QStringLiteral("a")})});
        QVERIFY(!SagaConvert::toChoreography(cyclic, &error));
        QVERIFY2(error.contains(QLatin1String("cycle")), qPrintable(error));
        const SagaDefinition twins = saga({compensatable(QStringLiteral("a")), compensatable(QStringLiteral("a"))});
        QVERIFY(!SagaConvert::toOrchestration(twins, &error));
        QVERIFY2(error.contains(QLatin1String("two steps are called a")), qPrintable(error));
        // A step that runs when something fails has no orchestrated counterpart.
        SagaDefinition reacting = saga({compensatable(QStringLiteral("a")), retriable(QStringLiteral("sorry"))});
        reacting.steps[0].emits = StepEmits{{}, QStringLiteral("AFailed"), {}};
        reacting.steps[1].on = QStringList{QStringLiteral("AFailed")};
        QVERIFY(!SagaConvert::toOrchestration(reacting, &error));
        QVERIFY2(error.contains(QLatin1String("sorry reacts to AFailed")), qPrintable(error));
        // ... but it converts to a choreography, keeping that reaction.
        const std::optional<SagaDefinition> c = SagaConvert::toChoreography(reacting);
        QVERIFY(c);
        QCOMPARE(c->steps[1].on, QStringList{"AFailed"});
        QCOMPARE(c->steps[0].emits->failure, QStringLiteral("AFailed"));
    }

    void generatedSagas()
    {
        // Random sagas: the choreography keeps every order, has no SAGA020/021/023, converts back to
        // the same order; dropping one compensation subscription makes SAGA023 fire, and its fix
        // keeps the promises of SPEC section 2.
        QRandomGenerator rng(20261202);
        int dropped = 0;
        for (int round = 0; round < 400; ++round) {
            const SagaDefinition d = randomOrchestratedSaga(rng);
            QVERIFY2(!Validator::hasErrors(Validator::validate(d)), qPrintable(findings(d).join(QLatin1Char(' '))));
            const std::optional<SagaDefinition> c = SagaConvert::toChoreography(d);
            QVERIFY(c);
            QCOMPARE(ancestry(*c), ancestry(d));
            const QSet<QString> fired = rules(*c);
            QVERIFY2(!fired.contains(QStringLiteral("SAGA020")) && !fired.contains(QStringLiteral("SAGA021"))
                         && !fired.contains(QStringLiteral("SAGA023")) && !Validator::hasErrors(Validator::validate(*c)),
                     qPrintable(findings(*c).join(QLatin1Char(' '))));
            const std::optional<SagaDefinition> back = SagaConvert::toOrchestration(*c);
            QVERIFY(back);
            QCOMPARE(ancestry(*back), ancestry(d));

            // Take one event away from one compensation.
            QList<int> candidates;
            for (int i = 0; i < c->steps.size(); ++i) {
                if (c->steps.at(i).compensation && !c->steps.at(i).compensation->on.isEmpty())
                    candidates.append(i);
            }
            if (candidates.isEmpty())
                continue;
            SagaDefinition broken = *c;
            Step &victim = broken.steps[candidates.at(int(rng.bounded(int(candidates.size()))))];
            victim.compensation->on.removeAt(int(rng.bounded(int(victim.compensation->on.size()))));
            for (const Diagnostic &diagnostic : Validator::validate(broken)) {
                if (diagnostic.rule != QLatin1String("SAGA023"))
                    continue;
                ++dropped;
                QVERIFY(diagnostic.hasFix());
                QCOMPARE(checkFix(broken, diagnostic), QString());
            }
        }
        QVERIFY2(dropped > 50, qPrintable(QString::number(dropped)));
    }
};

QTEST_GUILESS_MAIN(TestSagaConvert)
#include "tst_sagaconvert.moc"
