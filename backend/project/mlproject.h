#pragma once

#include "compute/jobspec.h"
#include "core/result.h"

#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>

namespace lab {

// One entry of an entry point's `parameters:` (MLflow's `name: type` or `name: {type, default}`).
struct MlProjectParameter
{
    enum class Type { String, Float, Int, Path, Uri };

    QString name;
    Type type = Type::String;
    QString defaultValue;
    bool hasDefault = false;

    static QString typeName(Type t); // "string", "float", "int", "path", "uri"
};

struct MlEntryPoint
{
    QString name;
    QList<MlProjectParameter> parameters; // in file order
    QString command;                      // template with {name} placeholders

    const MlProjectParameter *parameter(const QString &name) const;
};

// An MLflow project (an `MLproject` file): its entry points and environment, read with MLflow's
// rules, and turned into a JobSpec the runners accept.
class MlProject
{
public:
    // `path` is the MLproject file or the folder holding it.
    static Result<MlProject> load(const QString &path);
    // `source` names the file in error messages; `directory` is the project folder.
    static Result<MlProject> parse(const QByteArray &yaml, const QString &source, const QString &directory);

    QString name() const { return m_name; }
    QString directory() const { return m_directory; }
    QString filePath() const { return m_filePath; }

    // The environment sections kept as written (YAML text; a file name for python_env / conda_env).
    QString pythonEnv() const { return m_pythonEnv; }
    QString condaEnv() const { return m_condaEnv; }
    QString dockerEnv() const { return m_dockerEnv; }

    QList<MlEntryPoint> entryPoints() const { return m_entryPoints; }
    QStringList entryPointNames() const;
    // A declared entry point; or, as MLflow does, a .py / .sh file of the project run directly.
    Result<MlEntryPoint> entryPoint(const QString &name = QStringLiteral("main")) const;

    // Declared parameters get the given value or their default (a missing one without default
    // is an error), checked against their type; undeclared ones pass through after them.
    static Result<QList<QPair<QString, QString>>>
    resolveParameters(const MlEntryPoint &entry, const QList<QPair<QString, QString>> &given);
    // One value against a type: float must parse, int must be integral; empty path / uri refused.
    static Status checkValue(const MlProjectParameter &parameter, const QString &value);

    // The job for an entry point: its command template, the resolved parameters (undeclared ones
    // are appended as "--name value" by JobSpec::arguments(), as `mlflow run` does), run in the
    // project folder.
    Result<JobSpec> jobSpec(const QString &entryPoint, const QList<QPair<QString, QString>> &given) const;

private:
    QString m_name;
    QString m_directory;
    QString m_filePath;
    QString m_pythonEnv;
    QString m_condaEnv;
    QString m_dockerEnv;
    QList<MlEntryPoint> m_entryPoints;
};

} // namespace lab
