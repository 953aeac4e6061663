#pragma once

#include "core/result.h"
#include "project/labprofile.h"

#include <QList>
#include <QString>

namespace lab {

// The profiles a user can pick: the embedded ones (resources/profiles, compiled in) and the
// user's own from $XDG_CONFIG_HOME/labconsole/profiles/*.yaml. A user file replaces an embedded
// profile of the same name. A file that fails to load is still listed, with its error, so the
// selector can say why; the others load.
class LabProfiles
{
public:
    // Embedded first (local first among them), then user-only profiles, by name.
    static QList<LabProfile> available();
    // A usable profile by name; an error when unknown or broken.
    static Result<LabProfile> find(const QString &name);
    // The embedded `local` profile (always loads; the built-in default).
    static LabProfile local();
    // $XDG_CONFIG_HOME/labconsole/profiles
    static QString userDirectory();
    static QString defaultName() { return QStringLiteral("local"); }
};

} // namespace lab
