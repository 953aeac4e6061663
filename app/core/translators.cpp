#include "translators.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QLibraryInfo>
#include <QLocale>
#include <QLoggingCategory>
#include <QTranslator>

#include <memory>
#include <vector>

Q_LOGGING_CATEGORY(lcTranslators, "labconsole.translators")

namespace lab {

namespace {

const QString ResourceDir = QStringLiteral(":/i18n");

std::vector<std::unique_ptr<QTranslator>> &installed()
{
    static std::vector<std::unique_ptr<QTranslator>> list;
    return list;
}

// "ro_RO" / "ro-RO" / "ro" -> "ro"
QString languageOf(const QString &name)
{
    return name.section(QLatin1Char('_'), 0, 0).section(QLatin1Char('-'), 0, 0).toLower();
}

// Some backend files translate through a file-local helper (a free `tr()` in namespace lab,
// or a helper class such as the search filter's Parser) while naming the module's context at
// run time ("lab::HttpClient"). lupdate files those strings under the context it sees ("lab",
// "lab::Parser"). Until those files name their context where lupdate can see it, a miss in the
// run-time context is looked up again under the context lupdate used.
class ContextAliasTranslator : public QTranslator
{
public:
    QString translate(const char *context, const char *sourceText, const char *disambiguation,
                      int n) const override
    {
        QString found = QTranslator::translate(context, sourceText, disambiguation, n);
        if (!found.isEmpty() || !context)
            return found;
        const QByteArray ctx(context);
        for (const char *alias : aliases(ctx)) {
            found = QTranslator::translate(alias, sourceText, disambiguation, n);
            if (!found.isEmpty())
                return found;
        }
        return {};
    }

private:
    static QList<const char *> aliases(const QByteArray &context)
    {
        if (context == "lab::SearchFilter")
            return {"lab::Parser", "lab"};
        if (context == "lab::LabProfile")
            return {"lab::ProfileReader", "lab"};
        if (context == "lab::MlProject")
            return {"lab::ProjectReader", "lab"};
        if (context == "lab::RunBundle")
            return {"lab::BundleStore", "lab"};
        if (context == "lab::MetricHistoryParser")
            return {"lab::Reader", "lab"};
        if (context.startsWith("lab::"))
            return {"lab"};
        return {};
    }
};

bool install(const QString &file, const QString &dir)
{
    std::unique_ptr<QTranslator> t;
    if (file.startsWith(QLatin1String("labconsole_")))
        t = std::make_unique<ContextAliasTranslator>();
    else
        t = std::make_unique<QTranslator>();
    if (!t->load(file, dir))
        return false;
    QCoreApplication::installTranslator(t.get());
    installed().push_back(std::move(t));
    return true;
}

} // namespace

QStringList availableLanguages()
{
    return {QStringLiteral("en"), QStringLiteral("ro")};
}

QString installTranslators(const QString &language)
{
    for (auto &t : installed())
        QCoreApplication::removeTranslator(t.get());
    installed().clear();

    QStringList wanted;
    if (!language.isEmpty())
        wanted << languageOf(language);
    for (const QString &ui : QLocale::system().uiLanguages())
        wanted << languageOf(ui);
    wanted << QStringLiteral("en");
    wanted.removeDuplicates();

    QString chosen = QStringLiteral("en");
    for (const QString &lang : std::as_const(wanted)) {
        if (availableLanguages().contains(lang)) {
            chosen = lang;
            break;
        }
    }
    // Installed last = asked first: English (plural forms) below the chosen language.
    install(QStringLiteral("labconsole_en"), ResourceDir);
    if (chosen != QLatin1String("en")) {
        if (!install(QStringLiteral("labconsole_") + chosen, ResourceDir)) {
            qCWarning(lcTranslators) << "no translation resource for" << chosen;
            chosen = QStringLiteral("en");
        }
    }
    // Qt's own strings (standard buttons, file dialogs); Debian ships no qtbase_ro, so this may
    // find nothing, which is fine.
    const QString qtDir = QLibraryInfo::path(QLibraryInfo::TranslationsPath);
    if (chosen != QLatin1String("en") && !install(QStringLiteral("qtbase_") + chosen, qtDir))
        qCDebug(lcTranslators) << "no Qt translation for" << chosen << "in" << qtDir;
    return chosen;
}

} // namespace lab
