#include "testpaths.h"

#include <QDir>
#include <QFileInfo>
#include <QTest>

namespace labtest {

QString fixture(const QString &relative)
{
    const QString path = QDir(QStringLiteral(LABCONSOLE_FIXTURES_DIR)).filePath(relative);
    if (!QFileInfo::exists(path))
        qWarning("fixture missing: %s (is ../shared beside the checkout?)", qPrintable(path));
    return path;
}

QString artefactDir(const QString &sub)
{
    QDir dir(QStringLiteral(LABCONSOLE_BINARY_DIR "/test-artefacts"));
    const QString path = sub.isEmpty() ? dir.path() : dir.filePath(sub);
    QDir().mkpath(path);
    return path;
}

QString builtProgram(const QString &name)
{
    for (const char *sub : {"app", "trainer", ""}) {
        const QString path = QDir(QStringLiteral(LABCONSOLE_BINARY_DIR)).filePath(QLatin1String(sub) + QLatin1Char('/') + name);
        if (QFileInfo(path).isExecutable())
            return QDir::cleanPath(path);
    }
    return {};
}

} // namespace labtest
