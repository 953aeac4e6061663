#include "project/labprofile.h"

#include "project/yamlutil.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QSet>

namespace lab {

namespace {

constexpr const char *Ctx = "lab::LabProfile";

QString tr(const char *text)
{
    return QCoreApplication::translate(Ctx, text);
}

// Reads a YAML profile into a LabProfile, stopping at the first error (with its line).
class ProfileReader
{
public:
    explicit ProfileReader(QString source) : m_source(std::move(source)) {}

    Result<LabProfile> read(const YAML::Node &root)
    {
        LabProfile p;
        p.source = m_source;
        if (!root.IsDefined() || root.IsNull())
            return fail(root, tr("the profile is empty"));
        if (!root.IsMap())
            return fail(root, tr("a profile must be a mapping of keys to values"));

        static const QSet<QString> known = {QStringLiteral("name"),        QStringLiteral("displayName"),
                                            QStringLiteral("description"), QStringLiteral("kind"),
                                            QStringLiteral("tracking"),    QStringLiteral("telemetry"),
                                            QStringLiteral("cluster"),     QStringLiteral("compute"),
                                            QStringLiteral("jobDefaults"), QStringLiteral("serving")};
        for (auto it = root.begin(); it != root.end(); ++it) {
            const QString key = yamlutil::text(it->first);
            if (!known.contains(key))
                p.warnings << tr("unknown key \"%1\" ignored").arg(key);
        }

        if (!scalar(root, "name", &p.name))
            return m_error;
        static const QRegularExpression nameRe(QStringLiteral("^[A-Za-z0-9][A-Za-z0-9._-]*$"));
        if (p.name.isEmpty())
            return fail(root, tr("the profile has no \"name\""));
        if (!nameRe.match(p.name).hasMatch())
            return fail(root["name"],
                        tr("the name \"%1\" may use only letters, digits, '.', '_' and '-'").arg(p.name));
        if (!scalar(root, "displayName", &p.displayName) || !scalar(root, "description", &p.description))
            return m_error;

        QString kind = QStringLiteral("local");
        if (!scalar(root, "kind", &kind))
            return m_error;
        if (kind == QLatin1String("local"))
            p.kind = ProfileKind::Local;
        else if (kind == QLatin1String("cluster"))
            p.kind = ProfileKind::Cluster;
        else
            return fail(root["kind"], tr("kind must be \"local\" or \"cluster\", not \"%1\"").arg(kind));

        if (p.kind == ProfileKind::Cluster) {
            p.tracking.access = QStringLiteral("proxy");
            p.telemetry.kind = QStringLiteral("prometheus");
            p.telemetry.access = QStringLiteral("proxy");
            p.servingKind = QStringLiteral("kserve");
        } else {
            p.telemetry.kind = QStringLiteral("nvml");
        }

        if (!access(root, "tracking", &p.tracking) || !access(root, "telemetry", &p.telemetry))
            return m_error;

        const YAML::Node cluster = root["cluster"];
        if (!mapOrAbsent(cluster, "cluster") || !scalar(cluster, "context", &p.kubeContext) ||
            !scalar(cluster, "namespace", &p.clusterNamespace))
            return m_error;

        const YAML::Node compute = root["compute"];
        if (!mapOrAbsent(compute, "compute"))
            return m_error;
        if (compute.IsDefined() && compute.IsMap()) {
            const YAML::Node gpus = compute["gpuCount"];
            if (gpus.IsDefined() && !gpus.IsNull()) {
                const QString g = yamlutil::text(gpus);
                bool ok = false;
                const int n = g.toInt(&ok);
                if (g == QLatin1String("auto"))
                    p.gpuCount = -1;
                else if (ok && n >= 0)
                    p.gpuCount = n;
                else
                    return fail(
                        gpus, tr("compute.gpuCount must be \"auto\" or a number of GPUs, not \"%1\"").arg(g));
            }
            if (!integer(compute, "maxCpuJobs", &p.maxCpuJobs, 1))
                return m_error;
        }

        if (!jobDefaults(root["jobDefaults"], &p.jobDefaults))
            return m_error;
        if (p.clusterNamespace.isEmpty() && p.kind == ProfileKind::Cluster)
            p.clusterNamespace = p.jobDefaults.namespaceName;

        const YAML::Node serving = root["serving"];
        if (!mapOrAbsent(serving, "serving") || !scalar(serving, "kind", &p.servingKind) ||
            !scalar(serving, "namespace", &p.servingNamespace))
            return m_error;
        return p;
    }

private:
    Error fail(const YAML::Node &node, const QString &message)
    {
        m_error = yamlutil::errorAt(m_source, node, message, Ctx, QStringLiteral("INVALID_PROFILE"));
        return m_error;
    }

    bool mapOrAbsent(const YAML::Node &node, const char *what)
    {
        if (!node.IsDefined() || node.IsNull() || node.IsMap())
            return true;
        fail(node, tr("\"%1\" must be a mapping").arg(QLatin1String(what)));
        return false;
    }

    // Reads an optional scalar; leaves *out alone when the key is absent or null.
    bool scalar(const YAML::Node &map, const char *key, QString *out)
    {
        if (!map.IsDefined() || !map.IsMap())
            return true;
        const YAML::Node node = map[key];
        if (!node.IsDefined() || node.IsNull())
            return true;
        if (!node.IsScalar()) {
            fail(node, tr("\"%1\" must be a single value").arg(QLatin1String(key)));
            return false;
        }
        *out = yamlutil::text(node);
        return true;
    }

    bool integer(const YAML::Node &map, const char *key, int *out, int minimum)
    {
        QString s;
        if (!scalar(map, key, &s))
            return false;
        if (s.isEmpty())
            return true;
        bool ok = false;
        const int n = s.toInt(&ok);
        if (!ok || n < minimum) {
            fail(map[key], tr("\"%1\" must be a whole number of at least %2, not \"%3\"")
                               .arg(QLatin1String(key))
                               .arg(minimum)
                               .arg(s));
            return false;
        }
        *out = n;
        return true;
    }

    bool stringMap(const YAML::Node &map, const char *key, QMap<QString, QString> *out)
    {
        QList<QPair<QString, QString>> pairs;
        if (!stringPairs(map, key, &pairs))
            return false;
        for (const auto &[k, v] : pairs)
            out->insert(k, v);
        return true;
    }

    bool stringPairs(const YAML::Node &map, const char *key, QList<QPair<QString, QString>> *out)
    {
        if (!map.IsDefined() || !map.IsMap())
            return true;
        const YAML::Node node = map[key];
        if (!node.IsDefined() || node.IsNull())
            return true;
        if (!node.IsMap()) {
            fail(node, tr("\"%1\" must be a mapping of names to values").arg(QLatin1String(key)));
            return false;
        }
        out->clear();
        for (auto it = node.begin(); it != node.end(); ++it) {
            if (!it->second.IsScalar() && !it->second.IsNull()) {
                fail(it->second,
                     tr("the value of \"%1\" must be a single value").arg(yamlutil::text(it->first)));
                return false;
            }
            out->append({yamlutil::text(it->first), yamlutil::text(it->second)});
        }
        return true;
    }

    bool access(const YAML::Node &root, const char *key, ServiceAccess *out)
    {
        const YAML::Node node = root[key];
        if (!mapOrAbsent(node, key))
            return false;
        if (!scalar(node, "kind", &out->kind) || !scalar(node, "access", &out->access) ||
            !scalar(node, "uri", &out->uri) || !scalar(node, "url", &out->uri) ||
            !scalar(node, "service", &out->service))
            return false;
        if (out->access != QLatin1String("direct") && out->access != QLatin1String("proxy")) {
            fail(node["access"], tr("%1.access must be \"direct\" or \"proxy\", not \"%2\"")
                                     .arg(QLatin1String(key), out->access));
            return false;
        }
        return true;
    }

    bool jobDefaults(const YAML::Node &node, JobDefaults *out)
    {
        if (!mapOrAbsent(node, "jobDefaults"))
            return false;
        if (!node.IsDefined() || node.IsNull())
            return true;
        if (!scalar(node, "namespace", &out->namespaceName) ||
            !scalar(node, "generateName", &out->generateName) ||
            !scalar(node, "restartPolicy", &out->restartPolicy) ||
            !integer(node, "backoffLimit", &out->backoffLimit, 0) ||
            !integer(node, "ttlSecondsAfterFinished", &out->ttlSecondsAfterFinished, 0))
            return false;
        const YAML::Node resources = node["resources"];
        if (!mapOrAbsent(resources, "resources") || !stringMap(resources, "requests", &out->requests) ||
            !stringMap(resources, "limits", &out->limits) ||
            !stringMap(node, "nodeSelector", &out->nodeSelector) || !stringPairs(node, "env", &out->env))
            return false;

        const YAML::Node tolerations = node["tolerations"];
        if (tolerations.IsDefined() && !tolerations.IsNull()) {
            if (!tolerations.IsSequence()) {
                fail(tolerations, tr("\"tolerations\" must be a list"));
                return false;
            }
            for (const YAML::Node &t : tolerations) {
                if (!t.IsMap()) {
                    fail(t, tr("each toleration must be a mapping (key, operator, value, effect)"));
                    return false;
                }
                ProfileToleration tol;
                if (!scalar(t, "key", &tol.key) || !scalar(t, "operator", &tol.op) ||
                    !scalar(t, "value", &tol.value) || !scalar(t, "effect", &tol.effect))
                    return false;
                out->tolerations.append(tol);
            }
        }

        const YAML::Node envFrom = node["envFrom"];
        if (envFrom.IsDefined() && !envFrom.IsNull()) {
            if (!envFrom.IsSequence()) {
                fail(envFrom, tr("\"envFrom\" must be a list"));
                return false;
            }
            for (const YAML::Node &e : envFrom) {
                QString secret, configMap;
                if (!e.IsMap() || !scalar(e, "secretRef", &secret) ||
                    !scalar(e, "configMapRef", &configMap) || (secret.isEmpty() && configMap.isEmpty())) {
                    if (m_error.message.isEmpty())
                        fail(e, tr("each envFrom entry names a secretRef or a configMapRef"));
                    return false;
                }
                if (!secret.isEmpty())
                    out->envFromSecrets << secret;
                if (!configMap.isEmpty())
                    out->envFromConfigMaps << configMap;
            }
        }
        return true;
    }

    QString m_source;
    Error m_error;
};

} // namespace

QString profileKindName(ProfileKind kind)
{
    return kind == ProfileKind::Cluster ? QStringLiteral("cluster") : QStringLiteral("local");
}

Result<LabProfile> LabProfile::parse(const QByteArray &yaml, const QString &source)
{
    Result<YAML::Node> root = yamlutil::parse(yaml, source, Ctx);
    if (!root)
        return root.error();
    try {
        return ProfileReader(source).read(*root);
    } catch (const std::exception &e) {
        // yaml-cpp throws on odd shapes (a subscript of a scalar, ...); never past this edge.
        Error err = makeError(tr("%1: not a valid profile: %2").arg(source, QString::fromUtf8(e.what())),
                              QStringLiteral("INVALID_PROFILE"), source);
        return err;
    }
}

Result<LabProfile> LabProfile::load(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        return makeError(tr("Cannot read the profile %1: %2").arg(path, file.errorString()),
                         QStringLiteral("IO_ERROR"), path);
    }
    // A profile is a few hundred bytes; a huge file is a mistake, not a profile.
    constexpr qint64 MaxBytes = 1 << 20;
    if (file.size() > MaxBytes)
        return makeError(tr("The profile %1 is too large to be a profile").arg(path),
                         QStringLiteral("TOO_LARGE"), path);
    Result<LabProfile> p = parse(file.readAll(), path);
    if (p)
        p->embedded = path.startsWith(QLatin1Char(':'));
    return p;
}

} // namespace lab
