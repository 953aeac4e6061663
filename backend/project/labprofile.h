#pragma once

#include "core/result.h"

#include <QByteArray>
#include <QList>
#include <QMap>
#include <QMetaType>
#include <QPair>
#include <QString>
#include <QStringList>

namespace lab {

enum class ProfileKind { Local, Cluster };

// A Kubernetes toleration, kept as written for the cluster runner.
struct ProfileToleration
{
    QString key;
    QString op = QStringLiteral("Equal"); // "Equal" | "Exists"
    QString value;
    QString effect; // "NoSchedule", ...
    friend bool operator==(const ProfileToleration &, const ProfileToleration &) = default;
};

// Defaults every Job of a cluster profile gets (DESIGN.md, "The lab this is built for").
// Quantities stay text ("100m", "256Mi") as Kubernetes writes them.
struct JobDefaults
{
    QString namespaceName = QStringLiteral("mlflow");
    QString generateName = QStringLiteral("{project}-");
    QString restartPolicy = QStringLiteral("Never");
    int backoffLimit = 0;
    int ttlSecondsAfterFinished = 100;
    QMap<QString, QString> requests; // cpu -> 100m, memory -> 256Mi
    QMap<QString, QString> limits;   // cpu -> 1, memory -> 512Mi, nvidia.com/gpu -> 1
    QMap<QString, QString> nodeSelector;
    QList<ProfileToleration> tolerations;
    QList<QPair<QString, QString>> env; // in file order
    QStringList envFromSecrets;         // secret names for envFrom
    QStringList envFromConfigMaps;
};

// How the console reaches a service (MLflow, Prometheus): directly by URL, or through the API
// server's service proxy ("namespace/name:port").
struct ServiceAccess
{
    QString kind;                              // telemetry: "nvml" | "prometheus"; empty for tracking
    QString access = QStringLiteral("direct"); // "direct" | "proxy"
    QString uri;                               // direct URL (tracking: empty = the local default store)
    QString service;
};

// A lab profile (DESIGN.md): selects and configures the seams. Plain value, parsed from YAML.
struct LabProfile
{
    QString name;        // identifier: "local", "lab-k3s"
    QString displayName; // for the profile selector
    QString description;
    ProfileKind kind = ProfileKind::Local;

    ServiceAccess tracking;
    ServiceAccess telemetry;

    // cluster
    QString kubeContext; // empty = current-context
    QString clusterNamespace;
    JobDefaults jobDefaults;

    // local compute
    int gpuCount = -1; // -1 = "auto": every GPU the driver reports
    int maxCpuJobs = 2;

    QString servingKind = QStringLiteral("local"); // "local" | "kserve" | "deployment"
    QString servingNamespace;

    // Where it came from: ":/profiles/local.yaml" for embedded ones, else a file path.
    QString source;
    bool embedded = false;
    // Non-empty when the file could not be loaded: the profile is listed, but not usable.
    QString error;
    QStringList warnings; // unknown keys and the like; the profile still loads

    bool isValid() const { return error.isEmpty(); }
    QString title() const { return displayName.isEmpty() ? name : displayName; }

    // Parses a profile. `source` names the file in error messages (with the line when known).
    static Result<LabProfile> parse(const QByteArray &yaml, const QString &source);
    static Result<LabProfile> load(const QString &path);
};

QString profileKindName(ProfileKind kind); // "local" | "cluster"

} // namespace lab

Q_DECLARE_METATYPE(lab::LabProfile)
