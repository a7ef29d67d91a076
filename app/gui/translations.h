// SPDX-License-Identifier: MIT
#pragma once

#include <QLocale>
#include <QStringList>

class QCoreApplication;

namespace Sagascope {

/**
 * The interface's languages: Qt's own strings (dialog buttons, the file dialog, context menus of
 * text fields) from Qt's translations, Sagascope's from the `.qm` files embedded under `:/i18n`.
 */
namespace Translations {

/** Installs the translators for `locale` on `app`, owned by it. Returns the catalogues that were
 *  found and installed (e.g. "qtbase_ko", "sagascope_ko"), so a caller can say what is missing. */
QStringList install(QCoreApplication &app, const QLocale &locale = QLocale());

/** Replaces the translators install() put on `app` with those of `locale` while the program runs
 *  and makes `locale` the default: every widget gets a QEvent::LanguageChange, and the widgets
 *  that handle it (the Lesson dock, View › Language) speak the new language at once. */
QStringList switchTo(QCoreApplication &app, const QLocale &locale);

/** The language chosen in View › Language ("en", "ko"), kept in QSettings; empty: the system's. */
QString chosenLanguage();
void setChosenLanguage(const QString &language);
/** The locale to start in: the chosen language, else the system's. */
QLocale startupLocale();
/** "ko" when `locale` is Korean, else "en": the language a lesson is shown in. */
QString lessonLanguage(const QLocale &locale = QLocale());

} // namespace Translations
} // namespace Sagascope
