#include "compute/jobspec.h"

#include <QProcess>

namespace lab {

QString JobSpec::kebabCase(const QString &name)
{
    QString out;
    out.reserve(name.size() + 4);
    for (int i = 0; i < name.size(); ++i) {
        const QChar c = name.at(i);
        if (c == QLatin1Char('_') || c == QLatin1Char(' ') || c == QLatin1Char('.')) {
            if (!out.endsWith(QLatin1Char('-')))
                out += QLatin1Char('-');
        } else if (c.isUpper()) {
            if (i > 0 && !out.isEmpty() && !out.endsWith(QLatin1Char('-')) && !name.at(i - 1).isUpper())
                out += QLatin1Char('-');
            out += c.toLower();
        } else {
            out += c;
        }
    }
    return out;
}

QStringList JobSpec::arguments() const
{
    QStringList args = command;
    if (!commandTemplate.isEmpty()) {
        // MLproject: split the template into words first, then substitute {name} inside each
        // word, so a value with spaces or quotes stays one argument (MLflow shell-quotes values).
        // Parameters absent from the template are appended as --name value, as `mlflow run` does.
        QStringList words = QProcess::splitCommand(commandTemplate);
        QStringList extra;
        for (const auto &[key, value] : params) {
            const QString placeholder = QLatin1Char('{') + key + QLatin1Char('}');
            bool used = false;
            for (QString &word : words) {
                if (word.contains(placeholder)) {
                    word.replace(placeholder, value);
                    used = true;
                }
            }
            if (!used)
                extra << QStringLiteral("--") + key << value;
        }
        return args + words + extra;
    }
    for (const auto &[key, value] : params)
        args << QStringLiteral("--") + kebabCase(key) + QLatin1Char('=') + value;
    return args;
}

QList<JobSpec> SweepSpec::expand() const
{
    QList<JobSpec> out;
    QList<int> index(axes.size(), 0);
    if (axes.isEmpty())
        return {base};
    for (const auto &axis : axes)
        if (axis.second.isEmpty())
            return {};
    for (;;) {
        JobSpec spec = base;
        QStringList suffix;
        for (int a = 0; a < axes.size(); ++a) {
            const QString &key = axes[a].first;
            const QString &value = axes[a].second[index[a]];
            bool replaced = false;
            for (auto &p : spec.params) {
                if (p.first == key) {
                    p.second = value;
                    replaced = true;
                }
            }
            if (!replaced)
                spec.params.append({key, value});
            suffix << key + QLatin1Char('=') + value;
        }
        spec.runName = (base.runName.isEmpty() ? QStringLiteral("sweep") : base.runName) + QLatin1Char(' ')
                       + suffix.join(QLatin1Char(' '));
        out.append(spec);
        int a = axes.size() - 1;
        while (a >= 0 && ++index[a] == axes[a].second.size()) {
            index[a] = 0;
            --a;
        }
        if (a < 0)
            break;
    }
    return out;
}

int SweepSpec::size() const
{
    int n = 1;
    for (const auto &axis : axes)
        n *= axis.second.size();
    return n;
}

QString jobStateName(JobState s)
{
    switch (s) {
    case JobState::Queued: return QStringLiteral("queued");
    case JobState::Starting: return QStringLiteral("starting");
    case JobState::Running: return QStringLiteral("running");
    case JobState::Succeeded: return QStringLiteral("succeeded");
    case JobState::Failed: return QStringLiteral("failed");
    case JobState::Cancelled: return QStringLiteral("cancelled");
    }
    return {};
}

} // namespace lab
