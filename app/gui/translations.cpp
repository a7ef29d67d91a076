// SPDX-License-Identifier: MIT
#include "translations.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QLibraryInfo>
#include <QSettings>
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
    translator->setObjectName(QStringLiteral("sagascopeTranslator"));
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
    english->setObjectName(QStringLiteral("sagascopeTranslator"));
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

QStringList switchTo(QCoreApplication &app, const QLocale &locale)
{
    const QList<QTranslator *> old = app.findChildren<QTranslator *>(QStringLiteral("sagascopeTranslator"),
                                                                      Qt::FindDirectChildrenOnly);
    for (QTranslator *translator : old) {
        QCoreApplication::removeTranslator(translator);
        delete translator;
    }
    QLocale::setDefault(locale);
    return install(app, locale);
}

QString chosenLanguage()
{
    const QString language = QSettings().value(QStringLiteral("language")).toString();
    return language == QLatin1String("ko") || language == QLatin1String("en") ? language : QString();
}

void setChosenLanguage(const QString &language)
{
    QSettings settings;
    if (language.isEmpty())
        settings.remove(QStringLiteral("language"));
    else
        settings.setValue(QStringLiteral("language"), language);
}

QLocale startupLocale()
{
    const QString language = chosenLanguage();
    if (language == QLatin1String("ko"))
        return QLocale(QLocale::Korean, QLocale::SouthKorea);
    if (language == QLatin1String("en"))
        return QLocale(QLocale::English, QLocale::UnitedStates);
    return QLocale::system();
}

QString lessonLanguage(const QLocale &locale)
{
    return locale.language() == QLocale::Korean ? QStringLiteral("ko") : QStringLiteral("en");
}

} // namespace Sagascope::Translations
