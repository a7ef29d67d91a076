// SPDX-License-Identifier: MIT
// Quick-fix edits (SPEC section 2): their JSON form and what applyEdits does for each op.
#include "sagabuilder.h"
#include "sagaedit.h"

#include <QJsonDocument>
#include <QTest>

using namespace Sagascope;
using namespace Sagascope::Test;

namespace {

QByteArray compact(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

QJsonObject object(const QByteArray &json)
{
    return QJsonDocument::fromJson(json).object();
}

} // namespace

Q_DECLARE_METATYPE(Sagascope::SagaEdit)

class TestSagaEdit : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void toJson_data()
    {
        QTest::addColumn<SagaEdit>("edit");
        QTest::addColumn<QByteArray>("json");
        QTest::newRow("moveAfter") << SagaEdit::moveAfter("award_points", "take_payment")
                                   << QByteArray(R"({"after":"take_payment","op":"moveAfter","step":"award_points"})");
        QTest::newRow("addAfter") << SagaEdit::addAfter("r", "b") << QByteArray(R"({"after":"b","op":"addAfter","step":"r"})");
        QTest::newRow("setKind") << SagaEdit::setKind("ship", StepKind::Retriable)
                                 << QByteArray(R"({"kind":"retriable","op":"setKind","step":"ship"})");
        QTest::newRow("setIdempotent") << SagaEdit::setIdempotent("ship", true)
                                       << QByteArray(R"({"op":"setIdempotent","step":"ship","value":true})");
        QTest::newRow("setRetry compensation") << SagaEdit::setRetry("a", SagaEdit::Target::Compensation, 0)
                                               << QByteArray(R"({"maxAttempts":0,"op":"setRetry","step":"a","target":"compensation"})");
        QTest::newRow("setRetry action") << SagaEdit::setRetry("a", SagaEdit::Target::Action, 5)
                                         << QByteArray(R"({"maxAttempts":5,"op":"setRetry","step":"a","target":"action"})");
    }

    void toJson()
    {
        QFETCH(SagaEdit, edit);
        QFETCH(QByteArray, json);
        QCOMPARE(compact(edit.toJson()), json);
        const std::optional<SagaEdit> back = SagaEdit::fromJson(object(json));
        QVERIFY(back.has_value());
        QCOMPARE(*back, edit);
        QVERIFY(!edit.describe().isEmpty());
    }

    void fromJsonRefusesBadEdits_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::newRow("no op") << QByteArray(R"({"step":"a","after":"b"})");
        QTest::newRow("unknown op") << QByteArray(R"({"op":"delete","step":"a"})");
        QTest::newRow("no step") << QByteArray(R"({"op":"moveAfter","after":"b"})");
        QTest::newRow("no after") << QByteArray(R"({"op":"addAfter","step":"a"})");
        QTest::newRow("bad kind") << QByteArray(R"({"op":"setKind","step":"a","kind":"sometimes"})");
        QTest::newRow("value not bool") << QByteArray(R"({"op":"setIdempotent","step":"a","value":"yes"})");
        QTest::newRow("bad target") << QByteArray(R"({"op":"setRetry","step":"a","target":"both","maxAttempts":0})");
        QTest::newRow("negative attempts") << QByteArray(R"({"op":"setRetry","step":"a","target":"action","maxAttempts":-1})");
        QTest::newRow("fractional attempts") << QByteArray(R"({"op":"setRetry","step":"a","target":"action","maxAttempts":1.5})");
    }

    void fromJsonRefusesBadEdits()
    {
        QFETCH(QByteArray, json);
        QVERIFY(!SagaEdit::fromJson(object(json)).has_value());
    }

    void describe()
    {
        QCOMPARE(SagaEdit::moveAfter("award_points", "take_payment").describe(),
                 QStringLiteral("Move award_points after take_payment"));
        QCOMPARE(SagaEdit::setRetry("a", SagaEdit::Target::Compensation, 0).describe(),
                 QStringLiteral("Retry the compensation of a until it succeeds"));
    }

    void moveAfterTakesTheStepOut()
    {
        // a -> b -> c -> d; move b after d: c now waits for a, b for d alone.
        SagaDefinition s = saga({compensatable("a"), compensatable("b", {"a"}), compensatable("c", {"b"}),
                                 pivot("d", {"c"})});
        QVERIFY(applyEdits(s, {SagaEdit::moveAfter("b", "d")}));
        QCOMPARE(s.steps[0].after, QStringList{});
        QCOMPARE(s.steps[1].after, QStringList{"d"});
        QCOMPARE(s.steps[2].after, QStringList{"a"});
        QCOMPARE(s.steps[3].after, QStringList{"c"});
    }

    void moveAfterHandsOnEveryPredecessorOnce()
    {
        // x waits for [y, b, a]; b waits for [a, z]: x gets [y, a, z] (a not twice, b's place kept).
        SagaDefinition s = saga({compensatable("a"), compensatable("z"), compensatable("y"),
                                 compensatable("b", {"a", "z"}), compensatable("x", {"y", "b", "a"}),
                                 compensatable("w", {"b"}), pivot("t", {"x", "w"})});
        QVERIFY(applyEdits(s, {SagaEdit::moveAfter("b", "t")}));
        QCOMPARE(s.step("x")->after, (QStringList{"y", "z", "a"}));
        QCOMPARE(s.step("w")->after, (QStringList{"a", "z"}));
        QCOMPARE(s.step("b")->after, QStringList{"t"});
    }

    void moveAfterDropsUnknownPredecessors()
    {
        SagaDefinition s = saga({compensatable("a"), compensatable("b", {"a", "ghost"}), pivot("c", {"b"})});
        QVERIFY(applyEdits(s, {SagaEdit::moveAfter("b", "c")}));
        QCOMPARE(s.step("c")->after, QStringList{"a"});
        QCOMPARE(s.step("b")->after, QStringList{"c"});
    }

    void addAfterAppendsOnce()
    {
        SagaDefinition s = saga({compensatable("a"), compensatable("b"), retriable("r", {"a"})});
        QVERIFY(applyEdits(s, {SagaEdit::addAfter("r", "b"), SagaEdit::addAfter("r", "a"), SagaEdit::addAfter("r", "b")}));
        QCOMPARE(s.step("r")->after, (QStringList{"a", "b"}));
    }

    void setKindAndIdempotent()
    {
        SagaDefinition s = saga({compensatable("a")});
        QVERIFY(applyEdits(s, {SagaEdit::setKind("a", StepKind::Retriable), SagaEdit::setIdempotent("a", false)}));
        QCOMPARE(s.steps[0].kind, StepKind::Retriable);
        QCOMPARE(s.steps[0].idempotent, false);
        QVERIFY(s.steps[0].compensation.has_value()); // nothing else is touched
    }

    void setRetry()
    {
        SagaDefinition s = saga({compensatable("a"), pivot("p", {"a"})});
        // The action's retry: created from the defaults when absent.
        QVERIFY(!s.steps[1].retry);
        QVERIFY(applyEdits(s, {SagaEdit::setRetry("p", SagaEdit::Target::Action, 7)}));
        QVERIFY(s.steps[1].retry.has_value());
        QCOMPARE(s.steps[1].retry->maxAttempts, 7);
        QCOMPARE(s.steps[1].retry->initialBackoffMs, RetryPolicy{}.initialBackoffMs);
        // The compensation's retry: the other fields are kept.
        RetryPolicy policy;
        policy.maxAttempts = 4;
        policy.initialBackoffMs = 250;
        s.steps[0].compensation->retry = policy;
        QVERIFY(applyEdits(s, {SagaEdit::setRetry("a", SagaEdit::Target::Compensation, 0)}));
        QCOMPARE(s.steps[0].compensation->retry->maxAttempts, 0);
        QCOMPARE(s.steps[0].compensation->retry->initialBackoffMs, 250);
        QVERIFY(!s.steps[0].retry); // the action's retry is untouched
    }

    void unknownFieldsAreKept()
    {
        SagaDefinition s = saga({compensatable("a"), retriable("r", {"a"})});
        s.steps[1].extra.insert(QStringLiteral("owner"), QStringLiteral("team-x"));
        QVERIFY(applyEdits(s, {SagaEdit::moveAfter("r", "a"), SagaEdit::setIdempotent("r", false)}));
        QCOMPARE(s.steps[1].extra.value(QStringLiteral("owner")).toString(), QStringLiteral("team-x"));
    }

    void failingEditLeavesTheDefinitionUnchanged_data()
    {
        QTest::addColumn<QList<SagaEdit>>("edits");
        QTest::addColumn<QString>("mentions");
        QTest::newRow("unknown step") << QList<SagaEdit>{SagaEdit::setKind("a", StepKind::Pivot), SagaEdit::setIdempotent("ghost", true)}
                                      << QStringLiteral("ghost");
        QTest::newRow("unknown target") << QList<SagaEdit>{SagaEdit::moveAfter("b", "nowhere")} << QStringLiteral("nowhere");
        QTest::newRow("after itself") << QList<SagaEdit>{SagaEdit::addAfter("a", "b"), SagaEdit::moveAfter("b", "b")}
                                      << QStringLiteral("itself");
        QTest::newRow("no compensation") << QList<SagaEdit>{SagaEdit::setRetry("p", SagaEdit::Target::Compensation, 0)}
                                         << QStringLiteral("no compensation");
    }

    void failingEditLeavesTheDefinitionUnchanged()
    {
        QFETCH(QList<SagaEdit>, edits);
        QFETCH(QString, mentions);
        const SagaDefinition original = saga({compensatable("a"), compensatable("b", {"a"}), pivot("p", {"b"})});
        SagaDefinition s = original;
        QString error;
        QVERIFY(!applyEdits(s, edits, &error));
        QVERIFY2(error.contains(mentions), qPrintable(error));
        QCOMPARE(s, original);
    }
};

QTEST_GUILESS_MAIN(TestSagaEdit)
#include "tst_sagaedit.moc"
