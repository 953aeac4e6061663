#include "project/mlproject.h"

#include "project/yamlutil.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <algorithm>

namespace lab {

namespace {

constexpr const char *Ctx = "lab::MlProject";

QString tr(const char *text)
{
    return QCoreApplication::translate(Ctx, text);
}

bool parseType(const QString &name, MlProjectParameter::Type *out)
{
    using T = MlProjectParameter::Type;
    if (name == QLatin1String("string") || name == QLatin1String("str"))
        *out = T::String;
    else if (name == QLatin1String("float"))
        *out = T::Float;
    else if (name == QLatin1String("int") || name == QLatin1String("integer"))
        *out = T::Int;
    else if (name == QLatin1String("path"))
        *out = T::Path;
    else if (name == QLatin1String("uri"))
        *out = T::Uri;
    else
        return false;
    return true;
}

class ProjectReader
{
public:
    ProjectReader(QString source) : m_source(std::move(source)) {}

    Error fail(const YAML::Node &node, const QString &message)
    {
        return yamlutil::errorAt(m_source, node, message, Ctx, QStringLiteral("INVALID_MLPROJECT"));
    }

    Result<MlEntryPoint> entryPoint(const QString &name, const YAML::Node &node)
    {
        MlEntryPoint ep;
        ep.name = name;
        if (!node.IsMap())
            return fail(
                node,
                tr("entry point \"%1\" must be a mapping with \"command\" and \"parameters\"").arg(name));
        const YAML::Node command = node["command"];
        if (!yamlutil::isScalar(command) || yamlutil::text(command).trimmed().isEmpty())
            return fail(command.IsDefined() ? command : node,
                        tr("entry point \"%1\" has no \"command\"").arg(name));
        ep.command = yamlutil::text(command);

        const YAML::Node params = node["parameters"];
        if (!params.IsDefined() || params.IsNull())
            return ep;
        if (!params.IsMap())
            return fail(params, tr("the parameters of entry point \"%1\" must be a mapping").arg(name));
        for (auto it = params.begin(); it != params.end(); ++it) {
            MlProjectParameter p;
            p.name = yamlutil::text(it->first);
            const YAML::Node spec = it->second;
            QString typeName = QStringLiteral("string");
            if (spec.IsScalar()) {
                typeName = yamlutil::text(spec);
            } else if (spec.IsMap()) {
                const YAML::Node type = spec["type"];
                if (type.IsDefined() && !type.IsNull()) {
                    if (!type.IsScalar())
                        return fail(type,
                                    tr("the type of parameter \"%1\" must be a single word").arg(p.name));
                    typeName = yamlutil::text(type);
                }
                const YAML::Node def = spec["default"];
                if (def.IsDefined() && !def.IsNull()) {
                    if (!def.IsScalar())
                        return fail(def,
                                    tr("the default of parameter \"%1\" must be a single value").arg(p.name));
                    p.defaultValue = yamlutil::text(def);
                    p.hasDefault = true;
                }
            } else if (!spec.IsNull()) {
                return fail(spec, tr("parameter \"%1\" must be a type name or {type, default}").arg(p.name));
            }
            if (!parseType(typeName, &p.type)) {
                return fail(
                    spec,
                    tr("parameter \"%1\" has the unknown type \"%2\" (use float, int, string, path or uri)")
                        .arg(p.name, typeName));
            }
            if (p.hasDefault) {
                const Status ok = MlProject::checkValue(p, p.defaultValue);
                if (!ok)
                    return fail(spec["default"], tr("the default of parameter \"%1\" is not valid: %2")
                                                     .arg(p.name, ok.error().message));
            }
            ep.parameters.append(p);
        }
        return ep;
    }

private:
    QString m_source;
};

} // namespace

QString MlProjectParameter::typeName(Type t)
{
    switch (t) {
    case Type::String:
        return QStringLiteral("string");
    case Type::Float:
        return QStringLiteral("float");
    case Type::Int:
        return QStringLiteral("int");
    case Type::Path:
        return QStringLiteral("path");
    case Type::Uri:
        return QStringLiteral("uri");
    }
    return {};
}

const MlProjectParameter *MlEntryPoint::parameter(const QString &name) const
{
    for (const MlProjectParameter &p : parameters)
        if (p.name == name)
            return &p;
    return nullptr;
}

Result<MlProject> MlProject::load(const QString &path)
{
    QFileInfo fi(path);
    if (fi.isDir())
        fi = QFileInfo(QDir(path).filePath(QStringLiteral("MLproject")));
    QFile file(fi.filePath());
    if (!file.open(QIODevice::ReadOnly)) {
        return makeError(tr("Cannot read the MLproject file %1: %2").arg(fi.filePath(), file.errorString()),
                         QStringLiteral("IO_ERROR"), fi.filePath());
    }
    constexpr qint64 MaxBytes = 4 << 20;
    if (file.size() > MaxBytes)
        return makeError(tr("%1 is too large to be an MLproject file").arg(fi.filePath()),
                         QStringLiteral("TOO_LARGE"), fi.filePath());
    return parse(file.readAll(), fi.absoluteFilePath(), fi.absolutePath());
}

Result<MlProject> MlProject::parse(const QByteArray &yaml, const QString &source, const QString &directory)
{
    Result<YAML::Node> parsed = yamlutil::parse(yaml, source, Ctx);
    if (!parsed)
        return parsed.error();
    ProjectReader reader(source);
    try {
        const YAML::Node &root = *parsed;
        if (!root.IsMap())
            return reader.fail(root, tr("an MLproject file must be a mapping (name, entry_points, ...)"));
        MlProject project;
        project.m_filePath = source;
        project.m_directory = directory;
        const YAML::Node name = root["name"];
        if (name.IsDefined() && !name.IsNull() && !name.IsScalar())
            return reader.fail(name, tr("\"name\" must be a single value"));
        project.m_name = yamlutil::text(name);
        if (project.m_name.isEmpty())
            project.m_name = QFileInfo(directory).fileName();

        auto envText = [](const YAML::Node &n) {
            return yamlutil::isScalar(n) ? yamlutil::text(n) : yamlutil::dump(n);
        };
        project.m_pythonEnv = envText(root["python_env"]);
        project.m_condaEnv = envText(root["conda_env"]);
        project.m_dockerEnv = envText(root["docker_env"]);

        const YAML::Node eps = root["entry_points"];
        if (eps.IsDefined() && !eps.IsNull()) {
            if (!eps.IsMap())
                return reader.fail(eps, tr("\"entry_points\" must be a mapping of names to entry points"));
            for (auto it = eps.begin(); it != eps.end(); ++it) {
                Result<MlEntryPoint> ep = reader.entryPoint(yamlutil::text(it->first), it->second);
                if (!ep)
                    return ep.error();
                project.m_entryPoints.append(*ep);
            }
        }
        return project;
    } catch (const std::exception &e) {
        return makeError(tr("%1: not a valid MLproject file: %2").arg(source, QString::fromUtf8(e.what())),
                         QStringLiteral("INVALID_MLPROJECT"), source);
    }
}

QStringList MlProject::entryPointNames() const
{
    QStringList names;
    for (const MlEntryPoint &e : m_entryPoints)
        names << e.name;
    return names;
}

Result<MlEntryPoint> MlProject::entryPoint(const QString &name) const
{
    for (const MlEntryPoint &e : m_entryPoints)
        if (e.name == name)
            return e;
    // MLflow runs a script of the project by its file name, with every parameter as --name value.
    const QFileInfo script(QDir(m_directory).filePath(name));
    const bool inside = QDir::cleanPath(script.absoluteFilePath())
                            .startsWith(QDir::cleanPath(m_directory) + QLatin1Char('/'));
    if (inside && script.isFile() &&
        (name.endsWith(QLatin1String(".py")) || name.endsWith(QLatin1String(".sh")))) {
        MlEntryPoint e;
        e.name = name;
        const QString shell = qEnvironmentVariable("SHELL", QStringLiteral("bash"));
        e.command = (name.endsWith(QLatin1String(".py")) ? QStringLiteral("python") : shell) +
                    QLatin1Char(' ') + name;
        return e;
    }
    const QStringList names = entryPointNames();
    Error err = makeError(tr("The project %1 has no entry point \"%2\".").arg(m_name, name),
                          QStringLiteral("ENTRY_POINT_NOT_FOUND"), m_filePath);
    err.hint = names.isEmpty()
                   ? tr("It declares no entry points; name a .py or .sh file of the project instead.")
                   : tr("Its entry points: %1.").arg(names.join(QStringLiteral(", ")));
    return err;
}

Status MlProject::checkValue(const MlProjectParameter &parameter, const QString &value)
{
    using T = MlProjectParameter::Type;
    switch (parameter.type) {
    case T::Float: {
        bool ok = false;
        value.trimmed().toDouble(&ok);
        if (!ok || value.trimmed().isEmpty())
            return makeError(tr("parameter \"%1\" must be a number, not \"%2\"").arg(parameter.name, value),
                             QStringLiteral("INVALID_PARAMETER_VALUE"));
        break;
    }
    case T::Int: {
        bool ok = false;
        value.trimmed().toLongLong(&ok);
        if (!ok)
            return makeError(
                tr("parameter \"%1\" must be a whole number, not \"%2\"").arg(parameter.name, value),
                QStringLiteral("INVALID_PARAMETER_VALUE"));
        break;
    }
    case T::Path:
    case T::Uri:
        if (value.trimmed().isEmpty())
            return makeError(tr("parameter \"%1\" needs a %2, not an empty value")
                                 .arg(parameter.name, MlProjectParameter::typeName(parameter.type)),
                             QStringLiteral("INVALID_PARAMETER_VALUE"));
        break;
    case T::String:
        break;
    }
    return {};
}

Result<QList<QPair<QString, QString>>>
MlProject::resolveParameters(const MlEntryPoint &entry, const QList<QPair<QString, QString>> &given)
{
    QList<QPair<QString, QString>> out;
    QStringList missing;
    QStringList problems;
    auto lookup = [&given](const QString &name) -> const QString * {
        for (auto it = given.crbegin(); it != given.crend(); ++it)
            if (it->first == name)
                return &it->second;
        return nullptr;
    };
    for (const MlProjectParameter &p : entry.parameters) {
        const QString *v = lookup(p.name);
        if (!v && !p.hasDefault) {
            missing << p.name;
            continue;
        }
        const QString value = v ? *v : p.defaultValue;
        const Status ok = checkValue(p, value);
        if (!ok)
            problems << ok.error().message;
        out.append({p.name, value});
    }
    if (!missing.isEmpty()) {
        return makeError(tr("No value given for the parameters without default of entry point \"%1\": %2")
                             .arg(entry.name, missing.join(QStringLiteral(", "))),
                         QStringLiteral("INVALID_PARAMETER_VALUE"));
    }
    if (!problems.isEmpty())
        return makeError(problems.join(QStringLiteral("; ")), QStringLiteral("INVALID_PARAMETER_VALUE"));
    for (const auto &kv : given) {
        if (entry.parameter(kv.first))
            continue;
        auto existing =
            std::find_if(out.begin(), out.end(), [&](const auto &o) { return o.first == kv.first; });
        if (existing != out.end())
            existing->second = kv.second;
        else
            out.append(kv);
    }
    return out;
}

Result<JobSpec> MlProject::jobSpec(const QString &entryPointName,
                                   const QList<QPair<QString, QString>> &given) const
{
    Result<MlEntryPoint> entry = entryPoint(entryPointName);
    if (!entry)
        return entry.error();
    Result<QList<QPair<QString, QString>>> params = resolveParameters(*entry, given);
    if (!params)
        return params.error();
    JobSpec spec;
    spec.commandTemplate = entry->command;
    spec.params = *params;
    spec.workingDirectory = m_directory;
    return spec;
}

} // namespace lab
