// SPDX-License-Identifier: MIT
// The Korean interface is Korean throughout: Sagascope's own menus, and Qt's own dialog buttons,
// which come from Qt's translations (Debian: qt6-translations-l10n).
#include "designerwindow.h"
#include "translations.h"

#include <QAction>
#include <QApplication>
#include <QDialogButtonBox>
#include <QMenu>
#include <QMenuBar>
#include <QPushButton>
#include <QRegularExpression>
#include <QTest>

using namespace Sagascope;

namespace {

/** The words a Korean menu may keep in Latin letters: names of products and formats. */
const QStringList &latinNames()
{
    static const QStringList names{QStringLiteral("Sagascope"), QStringLiteral("Graphviz"), QStringLiteral("JSON"),
                                   QStringLiteral("PNG"), QStringLiteral("SVG"), QStringLiteral("DOT"),
                                   QStringLiteral("ASL"), QStringLiteral("BPMN"), QStringLiteral("Seata"),
                                   QStringLiteral("Qt"), QStringLiteral("SAGA"), QStringLiteral("HTTP"),
                                   // View › Language names each language in its own words.
                                   QStringLiteral("English")};
    return names;
}

/** An action's text without its mnemonic ("열기(&O)" -> "열기"), shortcut hint, allowed names or
 *  variables. */
QString withoutAllowedLatin(QString text)
{
    static const QRegularExpression mnemonic(QStringLiteral("\\(&.\\)|&"));
    text.remove(mnemonic);
    text = text.section(QLatin1Char('\t'), 0, 0);
    for (const QString &name : latinNames())
        text.remove(name);
    // A lone capital names a number, as in "N개 실행" (Run N).
    static const QRegularExpression variable(QStringLiteral("(?<![A-Za-z])[A-Z](?![A-Za-z])"));
    text.remove(variable);
    return text;
}

bool hasLatinLetter(const QString &text)
{
    static const QRegularExpression latin(QStringLiteral("[A-Za-z]"));
    return text.contains(latin);
}

/** Every action text of `menu` and its submenus, skipping the submenus that list files. */
void collect(const QMenu *menu, const QStringList &fileMenus, QStringList &texts)
{
    for (const QAction *action : menu->actions()) {
        if (action->isSeparator() || action->text().isEmpty())
            continue;
        if (const QMenu *sub = action->menu()) {
            texts.append(sub->title());
            if (!fileMenus.contains(sub->title()))
                collect(sub, fileMenus, texts);
            continue;
        }
        texts.append(action->text());
    }
}

} // namespace

class TestTranslations : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        const QStringList installed = Translations::install(*qApp, QLocale(QLocale::Korean, QLocale::SouthKorea));
        QVERIFY2(installed.contains(QStringLiteral("qtbase_ko")),
                 qPrintable(QStringLiteral("Qt's Korean translation was not found (install qt6-translations-l10n); "
                                           "installed: ") + installed.join(QStringLiteral(", "))));
        QVERIFY2(installed.contains(QStringLiteral("sagascope_ko")), qPrintable(installed.join(QStringLiteral(", "))));
    }

    void qtDialogButtonsAreKorean()
    {
        QDialogButtonBox box(QDialogButtonBox::Ok | QDialogButtonBox::Cancel | QDialogButtonBox::Save |
                             QDialogButtonBox::Open | QDialogButtonBox::Discard | QDialogButtonBox::Close);
        const auto buttons = box.buttons();
        QCOMPARE(buttons.size(), 6);
        for (const QAbstractButton *button : buttons)
            QVERIFY2(!hasLatinLetter(withoutAllowedLatin(button->text())), qPrintable(button->text()));
        QCOMPARE(box.button(QDialogButtonBox::Cancel)->text().remove(QLatin1Char('&')), QStringLiteral("취소"));
    }

    void menusHaveNoEnglish()
    {
        DesignerWindow window;
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        const QStringList fileMenus{QCoreApplication::translate("Sagascope::MainWindow", "Open &Recent"),
                                    QCoreApplication::translate("Sagascope::MainWindow", "New from E&xample")};
        QVERIFY2(!hasLatinLetter(withoutAllowedLatin(fileMenus.first())), qPrintable(fileMenus.first()));

        QStringList texts;
        for (const QAction *top : window.menuBar()->actions()) {
            QVERIFY(top->menu());
            texts.append(top->menu()->title());
            collect(top->menu(), fileMenus, texts);
        }
        QVERIFY2(texts.size() > 50, qPrintable(QString::number(texts.size())));
        QStringList english;
        for (const QString &text : std::as_const(texts)) {
            if (hasLatinLetter(withoutAllowedLatin(text)))
                english.append(text);
        }
        QVERIFY2(english.isEmpty(), qPrintable(QStringLiteral("English left in the Korean menus: ") +
                                               english.join(QStringLiteral(" | "))));
    }
};

QTEST_MAIN(TestTranslations)
#include "tst_translations.moc"
