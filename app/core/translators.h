#pragma once

#include <QString>
#include <QStringList>

namespace lab {

// Installs the translators of the application for `language` ("ro", "en"; empty = the system's):
// the user's choice first, then the system's UI languages, then English (which holds only the
// plural forms of the English source texts); plus Qt's own translations for the language found.
// Replaces what an earlier call installed, so it also switches languages at run time (every
// widget then receives QEvent::LanguageChange). Returns the language in use ("en" when none
// of the wanted ones has a translation).
QString installTranslators(const QString &language);

// The languages the application is translated to, as codes: "en", "ro".
QStringList availableLanguages();

} // namespace lab
