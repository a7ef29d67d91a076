// SPDX-License-Identifier: MIT
#include "translations.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QLibraryInfo>
#include <QTranslator>

namespace Sagascope::Translations {

namespace {

bool installOne(QCoreApplication &app, const QLocale &locale, const QString &name, const QString &directory,
                QStringList &installed)
{
    auto *translator = new QTranslator(&app);
    if (!translator->load(locale, name, QStringLiteral("_"), directory)) {
        delete translator;
        return false;
    }
    QCoreApplication::installTranslator(translator);
    installed.append(QFileInfo(translator->filePath()).completeBaseName());
    return true;
}

} // namespace

QStringList install(QCoreApplication &app, const QLocale &locale)
{
    QStringList installed;
    // Qt's own strings: Debian ships them in qt6-translations-l10n (packaging/debian12-packages.txt).
    installOne(app, locale, QStringLiteral("qtbase"), QLibraryInfo::path(QLibraryInfo::TranslationsPath), installed);
    // English plural forms first ("%n step(s)"); the user's language, installed later, wins.
    auto *english = new QTranslator(&app);
    if (english->load(QStringLiteral(":/i18n/sagascope_en.qm"))) {
        QCoreApplication::installTranslator(english);
        installed.append(QStringLiteral("sagascope_en"));
    } else {
        delete english;
    }
    if (locale.language() != QLocale::English)
        installOne(app, locale, QStringLiteral("sagascope"), QStringLiteral(":/i18n"), installed);
    return installed;
}

} // namespace Sagascope::Translations
