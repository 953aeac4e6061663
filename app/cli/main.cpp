#include "labctl.h"
#include "core/translators.h"

#include <QCoreApplication>
#include <QLoggingCategory>

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("labctl"));
    QCoreApplication::setOrganizationName(QStringLiteral("labconsole"));
    QCoreApplication::setApplicationVersion(QStringLiteral(LABCONSOLE_VERSION));
    // stdout and stderr are the user's: the backend's debug chatter only when asked for
    // (QT_LOGGING_RULES="labconsole.*.debug=true").
    if (qEnvironmentVariableIsEmpty("QT_LOGGING_RULES"))
        QLoggingCategory::setFilterRules(QStringLiteral("*.debug=false\nlabconsole.*.info=false"));
    // The terminal's language (LANG / LC_ALL / LC_MESSAGES), as command-line tools do.
    lab::installTranslators(QString());
    lab::LabCtl ctl;
    return ctl.run(QCoreApplication::arguments());
}
