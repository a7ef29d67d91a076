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

} // namespace Translations
} // namespace Sagascope
