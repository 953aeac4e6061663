#pragma once

#include <QString>

namespace labtest {

// ../shared/fixtures/<relative>, failing the test with a clear message when it is missing.
QString fixture(const QString &relative);
// A folder in the build tree where tests save screenshots and other artefacts for people to look at.
QString artefactDir(const QString &sub = {});
// The built executable <name> (lab-train, labctl, labconsole) in the build tree.
QString builtProgram(const QString &name);

} // namespace labtest
