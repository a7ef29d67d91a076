// SPDX-License-Identifier: MIT
// The glossary of F1 and Help > Glossary: every concept the issue names and every rule, in
// English and in Korean, each with its full documentation; the dialog shows the one asked for.

#include "glossary.h"
#include "glossarydialog.h"
#include "testconfig.h"

#include <QFile>
#include <QLocale>
#include <QRegularExpression>
#include <QTest>

using namespace Sagascope;

class TestGlossary : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void everyConceptInBothLanguages()
    {
        const Glossary &glossary = Glossary::builtIn();
        QVERIFY(!glossary.isEmpty());
        QStringList wanted{QStringLiteral("pivot"), QStringLiteral("compensation"), QStringLiteral("compensatable"),
                           QStringLiteral("retriable"), QStringLiteral("idempotency"), QStringLiteral("retry"),
                           QStringLiteral("timeout"), QStringLiteral("side-effects"), QStringLiteral("seed"),
                           QStringLiteral("stuck"), QStringLiteral("resume"), QStringLiteral("orchestration"),
                           QStringLiteral("choreography"), QStringLiteral("event"), QStringLiteral("correlation-id"),
                           QStringLiteral("outbox"), QStringLiteral("two-phase-commit"), QStringLiteral("in-doubt"),
                           QStringLiteral("isolation"), QStringLiteral("countermeasure")};
        // Every rule RULES.md documents (F1 on a problem opens its entry): a new rule without an
        // entry fails here.
        QFile rules(QStringLiteral(SAGASCOPE_SOURCE_DIR "/docs/RULES.md"));
        QVERIFY(rules.open(QIODevice::ReadOnly));
        const QRegularExpression heading(QStringLiteral("^## (SAGA\\d{3}) "), QRegularExpression::MultilineOption);
        int documented = 0;
        for (auto it = heading.globalMatch(QString::fromUtf8(rules.readAll())); it.hasNext(); ++documented)
            wanted << it.next().captured(1);
        QVERIFY(documented >= 17);
        const QRegularExpression hangul(QStringLiteral("[\\x{AC00}-\\x{D7A3}]"));
        for (const QString &key : std::as_const(wanted)) {
            QVERIFY2(glossary.contains(key), qPrintable(key));
            const auto en = glossary.entry(key, QStringLiteral("en"));
            const auto ko = glossary.entry(key, QStringLiteral("ko"));
            QVERIFY(en && ko);
            QVERIFY2(!en->text.isEmpty() && !en->title.isEmpty(), qPrintable(key));
            QVERIFY2(ko->text.contains(hangul), qPrintable(key + QStringLiteral(": no Korean")));
            QVERIFY2(!Glossary::documentationPath(en->doc).isEmpty(), qPrintable(key + QStringLiteral(": ") + en->doc));
        }
        QCOMPARE(Glossary::keyOf(StepKind::Pivot), QStringLiteral("pivot"));
        QCOMPARE(Glossary::languageOf(QLocale(QLocale::Korean, QLocale::SouthKorea)), QStringLiteral("ko"));
        QCOMPARE(Glossary::languageOf(QLocale(QLocale::English)), QStringLiteral("en"));
    }

    void dialogShowsTheConceptAskedFor()
    {
        GlossaryDialog dialog;
        dialog.showEntry(QStringLiteral("idempotency"));
        QCOMPARE(dialog.currentKey(), QStringLiteral("idempotency"));
        QVERIFY(dialog.shownText().contains(QLatin1String("twice")));
        QVERIFY(dialog.shownText().contains(QLatin1String("ENGINE.md")));
        QLocale::setDefault(QLocale(QLocale::Korean, QLocale::SouthKorea));
        GlossaryDialog korean;
        korean.showEntry(QStringLiteral("pivot"));
        QVERIFY(korean.shownText().contains(QStringLiteral("피벗")));
        QLocale::setDefault(QLocale::c());
    }
};

QTEST_MAIN(TestGlossary)
#include "tst_glossary.moc"
