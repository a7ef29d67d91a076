// SPDX-License-Identifier: MIT
// A validator finding in the forms `validate` prints: one line, and the SPEC's JSON object.
#include "diagnostic.h"

#include <QJsonDocument>
#include <QTest>

using namespace Sagascope;

class TestDiagnostic : public QObject
{
    Q_OBJECT

private:
    static Diagnostic pointsTooEarly()
    {
        Diagnostic d;
        d.severity = Severity::Warning;
        d.rule = QStringLiteral("SAGA005");
        d.steps = QStringList{QStringLiteral("award_points"), QStringLiteral("take_payment")};
        d.message = QStringLiteral("award_points can run before take_payment. Move it after take_payment.");
        d.fix = {SagaEdit::moveAfter(QStringLiteral("award_points"), QStringLiteral("take_payment"))};
        return d;
    }

private Q_SLOTS:
    void severityNames()
    {
        QCOMPARE(severityName(Severity::Error), QStringLiteral("error"));
        QCOMPARE(severityName(Severity::Warning), QStringLiteral("warning"));
    }

    void toLine()
    {
        QCOMPARE(pointsTooEarly().toLine(),
                 QStringLiteral("warning SAGA005 award_points,take_payment award_points can run before "
                                "take_payment. Move it after take_payment."));
        Diagnostic d;
        d.severity = Severity::Error;
        d.rule = QStringLiteral("SAGA008");
        d.steps = QStringList{QStringLiteral("ship")};
        d.message = QStringLiteral("ship waits for 'x'.");
        QCOMPARE(d.toLine(), QStringLiteral("error SAGA008 ship ship waits for 'x'."));
    }

    void toLineWithoutSteps()
    {
        Diagnostic d;
        d.severity = Severity::Warning;
        d.rule = QStringLiteral("SAGA007");
        d.message = QStringLiteral("The saga has no steps.");
        QCOMPARE(d.toLine(), QStringLiteral("warning SAGA007 - The saga has no steps."));
    }

    void toJsonWithFix()
    {
        const QByteArray json = QJsonDocument(pointsTooEarly().toJson()).toJson(QJsonDocument::Compact);
        QCOMPARE(json, QByteArray(R"({"fix":[{"after":"take_payment","op":"moveAfter","step":"award_points"}],)"
                                  R"("message":"award_points can run before take_payment. Move it after take_payment.",)"
                                  R"("rule":"SAGA005","severity":"warning","steps":["award_points","take_payment"]})"));
    }

    void toJsonWithoutFix()
    {
        Diagnostic d;
        d.severity = Severity::Error;
        d.rule = QStringLiteral("SAGA001");
        d.steps = QStringList{QStringLiteral("a"), QStringLiteral("b")};
        d.message = QStringLiteral("a -> b -> a");
        const QJsonObject object = d.toJson();
        QVERIFY(!object.contains(QStringLiteral("fix")));
        QCOMPARE(QJsonDocument(object).toJson(QJsonDocument::Compact),
                 QByteArray(R"({"message":"a -> b -> a","rule":"SAGA001","severity":"error","steps":["a","b"]})"));
    }

    void toJsonWithoutSteps()
    {
        Diagnostic d;
        d.severity = Severity::Warning;
        d.rule = QStringLiteral("SAGA007");
        d.message = QStringLiteral("none");
        QCOMPARE(QJsonDocument(d.toJson()).toJson(QJsonDocument::Compact),
                 QByteArray(R"({"message":"none","rule":"SAGA007","severity":"warning","steps":[]})"));
    }
};

QTEST_GUILESS_MAIN(TestDiagnostic)
#include "tst_diagnostic.moc"
